//! One test per cell of the delivery table (`docs/reliability.md`, "Delivery
//! verdicts"): every wire outcome × every effect, with the expected verdict written
//! out here, independently of the function under test.

use super::*;
use crate::endpoint::Effect;
use crate::response_code::ResponseCode;

use Delivery::{
    MaybeProcessed as Maybe, NotSent as Unsent, Processed as Done, Rejected as Refused,
};

const fn faceki(status: u16, code: i64) -> Wire {
    Wire::Faceki {
        status,
        code: ResponseCode::from_code(code),
    }
}

const fn foreign(status: u16) -> Wire {
    Wire::Foreign { status }
}

/// `row: wire => [read-only, creates state, billed];` becomes a module `row` with one
/// test per effect.
macro_rules! cells {
    ($($row:ident: $wire:expr => [$read:expr, $create:expr, $billed:expr];)*) => {
        $(
            mod $row {
                use super::*;

                #[test]
                fn read_only() {
                    assert_eq!(delivery(Effect::ReadOnly, $wire), $read);
                }

                #[test]
                fn creates_state() {
                    assert_eq!(delivery(Effect::CreatesState, $wire), $create);
                }

                #[test]
                fn billed() {
                    assert_eq!(delivery(Effect::Billed, $wire), $billed);
                }
            }
        )*

        /// The rows, for the table-completeness test.
        const ROWS: &[(&str, Wire, [Delivery; 3])] = &[
            $((stringify!($row), $wire, [$read, $create, $billed]),)*
        ];
    };
}

cells! {
    nothing_sent: Wire::NotSent => [Unsent, Unsent, Unsent];
    answer_lost: Wire::AnswerLost => [Maybe, Maybe, Maybe];
    http_401_faceki_code_1: faceki(401, 1) => [Refused, Refused, Refused];
    http_401_foreign: foreign(401) => [Refused, Refused, Refused];
    http_403_faceki_code_1: faceki(403, 1) => [Refused, Refused, Refused];
    http_403_foreign: foreign(403) => [Refused, Refused, Refused];
    http_429_faceki: faceki(429, 400) => [Refused, Refused, Refused];
    http_429_foreign: foreign(429) => [Refused, Refused, Refused];
    http_404_foreign: foreign(404) => [Refused, Refused, Refused];
    http_413_foreign: foreign(413) => [Refused, Refused, Refused];
    http_302_redirect: foreign(302) => [Refused, Maybe, Maybe];
    http_303_redirect: foreign(303) => [Refused, Maybe, Maybe];
    http_500_foreign: foreign(500) => [Maybe, Maybe, Maybe];
    http_502_foreign: foreign(502) => [Maybe, Maybe, Maybe];
    http_503_foreign: foreign(503) => [Maybe, Maybe, Maybe];
    http_504_foreign: foreign(504) => [Maybe, Maybe, Maybe];
    http_200_foreign: foreign(200) => [Maybe, Maybe, Maybe];
    http_200_code_1: faceki(200, 1) => [Refused, Maybe, Maybe];
    http_200_bad_request: faceki(200, 400) => [Refused, Refused, Refused];
    http_200_missing_fields: faceki(200, 5002) => [Refused, Refused, Refused];
    http_200_no_credit: faceki(200, 5003) => [Refused, Refused, Refused];
    http_200_limit_reached: faceki(200, 8017) => [Refused, Refused, Refused];
    http_200_link_expired: faceki(200, 8015) => [Refused, Refused, Refused];
    http_200_not_found: faceki(200, 8013) => [Refused, Refused, Refused];
    http_200_server_error: faceki(200, 500) => [Done, Maybe, Maybe];
    http_200_internal_v2: faceki(200, 1000) => [Done, Maybe, Maybe];
    http_200_try_again: faceki(200, 8003) => [Done, Maybe, Maybe];
    http_500_faceki_server: faceki(500, 500) => [Done, Maybe, Maybe];
    http_200_unknown_code: faceki(200, 4242) => [Done, Maybe, Maybe];
    http_200_selfie_verdict: faceki(200, 8006) => [Done, Done, Done];
    http_200_document_verdict: faceki(200, 5005) => [Done, Done, Done];
    http_200_success: faceki(200, 200) => [Done, Done, Done];
}

#[test]
fn every_row_is_distinct_and_every_verdict_occurs() {
    for (i, (name, wire, _)) in ROWS.iter().enumerate() {
        for (other, w, _) in &ROWS[i + 1..] {
            assert_ne!(wire, w, "{name} and {other} are the same cell");
        }
    }
    for verdict in [Unsent, Refused, Maybe, Done] {
        assert!(
            ROWS.iter().any(|(_, _, v)| v.contains(&verdict)),
            "{verdict} never occurs"
        );
    }
}

#[test]
fn names_are_stable() {
    assert_eq!(Maybe.to_string(), "maybe_processed");
    assert_eq!(Unsent.as_str(), "not_sent");
    assert_eq!(Effect::CreatesState.to_string(), "creates_state");
    assert_eq!(foreign(502).http_status(), Some(502));
    assert_eq!(Wire::AnswerLost.http_status(), None);
}
