//! Deterministic outcomes: queued scenarios, HTTP triggers and the scenario catalog.
//!
//! An outcome is chosen, in this order, by:
//! 1. a scenario queued through the Rust API ([`crate::SandboxHandle::push_outcome`]);
//! 2. the `x-sandbox-outcome` request header (`8006`, `DECLINED`, `REVIEW`);
//! 3. a marker in `record_identifier`, `applicationId`, `link` or an uploaded file name:
//!    `sandbox:8006` or `sandbox-8006` (so `selfie.sandbox-8006.jpg` works);
//! 4. otherwise the real in-memory behaviour (success by default).

use faceki_types::response_code::Generation;
use faceki_types::{Endpoint, ResponseCode};
use serde_json::{Value, json};

use crate::respond::Envelope;
use crate::routes::{PDF_REPORT_PATH, envelope_of, paths_of};

/// The request header that forces an outcome.
pub const OUTCOME_HEADER: &str = "x-sandbox-outcome";

/// An outcome forced on one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Forced {
    /// Answer with this body code (`0`/`200` mean: behave normally).
    Code(i64),
    /// Succeed, but with this V3 decision (`DECLINED`, `REVIEW`, `ACCEPTED`).
    Decision(String),
}

/// Reads a trigger value: a number is a code, `ACCEPTED`/`DECLINED`/`REVIEW` a decision.
pub(crate) fn parse_value(raw: &str) -> Option<Forced> {
    let raw = raw.trim();
    if let Ok(code) = raw.parse::<i64>() {
        return Some(Forced::Code(code));
    }
    let upper = raw.to_ascii_uppercase();
    matches!(upper.as_str(), "ACCEPTED" | "DECLINED" | "REVIEW").then_some(Forced::Decision(upper))
}

/// Finds a `sandbox:<value>` or `sandbox-<value>` marker inside a string.
pub(crate) fn find_marker(text: &str) -> Option<Forced> {
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower[from..].find("sandbox") {
        let start = from + pos + "sandbox".len();
        let rest = &text[start..];
        if let Some(value) = rest.strip_prefix(':').or_else(|| rest.strip_prefix('-')) {
            let token: String = value
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            if let Some(forced) = parse_value(&token) {
                return Some(forced);
            }
        }
        from = start;
    }
    None
}

/// The wire name of a code: the response-code table's name, else the reference's.
pub(crate) fn code_name(code: i64) -> String {
    if let Some(name) = ResponseCode::from_code(code).name() {
        return name.to_owned();
    }
    REFERENCE_CODES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map_or_else(|| format!("CODE_{code}"), |(_, n, _)| (*n).to_owned())
}

/// Where a code belongs: V2 `responseCode`, V3 `code`, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    V2,
    V3,
    Token,
}

/// The codes of reference §5 (V2 enum, V3 list) and the token error, written from the
/// reference so the sandbox stays an independent witness of the client's table.
const REFERENCE_CODES: &[(i64, &str, Family)] = &[
    (0, "SUCCESS", Family::V2),
    (1, "UNAUTHORIZED/INVALID URL", Family::V3),
    (200, "OK", Family::V3),
    (400, "BAD_REQUEST", Family::V3),
    (422, "UNPROCESSABLE_ENTITY", Family::Token),
    (500, "INTERNAL_SYSTEM_ERROR", Family::V3),
    (1000, "INTERNAL_SYSTEM_ERROR", Family::V2),
    (5001, "WORKFLOW_RULES_MISSING", Family::V3),
    (5002, "INVALID_MISSING_REQUEST_FIELDS", Family::V3),
    (5003, "NOT_ENOUGH_WALLET_CREDIT", Family::V3),
    (5004, "SELFIE_LIVENESS_FAILED", Family::V3),
    (5005, "DOCUMENT_FACE_MATCH_FAILED", Family::V3),
    (5006, "REQUIRED_DOCUMENT_MISSING", Family::V3),
    (5007, "MISMATCH_AS_PER_RULES", Family::V3),
    (5008, "KYC_FAILED", Family::V3),
    (5009, "LINK_LIMIT_REACH", Family::V3),
    (5010, "EXPIRED_DOCUMENT", Family::V3),
    (5011, "EXPIRY_NOT_FOUND", Family::V3),
    (5012, "DOCUMENT_LIVENESS_FAILED", Family::V3),
    (7001, "NO_RULES_FOR_COMPANY", Family::V2),
    (8001, "NEED_REQUIRED_IMAGES", Family::V2),
    (8002, "DOCUMENT_VERIFY_FAILED", Family::V2),
    (8003, "PLEASE_TRY_AGAIN", Family::V2),
    (8004, "FACE_CROPPED", Family::V2),
    (8005, "FACE_TOO_CLOSED", Family::V2),
    (8006, "FACE_NOT_FOUND", Family::V2),
    (8007, "FACE_CLOSED_TO_BORDER", Family::V2),
    (8008, "FACE_TOO_SMALL", Family::V2),
    (8009, "POOR_LIGHT", Family::V2),
    (8010, "ID_VERIFY_FAIL", Family::V2),
    (8011, "DL_VERIFY_FAIL", Family::V2),
    (8012, "PASSPORT_VERIFY_FAIL", Family::V2),
    (8013, "DATA_NOT_FOUND", Family::V2),
    (8014, "INVALID_VERIFICATION_LINK", Family::V2),
    (8015, "VERIFICATION_LINK_EXPIRED", Family::V2),
    (8016, "FAIL_TO_GENERATE_LINK", Family::V2),
    (8017, "KYC_VERIFICATION_LIMIT_REACHED", Family::V2),
    (8018, "SELFIE_MULTIPLE_FACES", Family::V2),
    (8019, "FACE_BLURR", Family::V2),
];

/// Every code the catalog lists with the family used for its example: the reference's
/// codes plus any further code of the client's response-code table
/// ([`ResponseCode::ALL`]), so "every code of the table can be produced" holds even
/// when the table grows.
fn catalog_codes() -> Vec<(i64, Family)> {
    let mut codes: Vec<(i64, Family)> = REFERENCE_CODES.iter().map(|(c, _, f)| (*c, *f)).collect();
    for rc in ResponseCode::ALL {
        let code = rc.code();
        if codes.iter().any(|(c, _)| *c == code) {
            continue;
        }
        let family = if rc.generations().contains(&Generation::V2) {
            Family::V2
        } else {
            Family::V3
        };
        codes.push((code, family));
    }
    codes.sort_by_key(|(c, _)| *c);
    codes
}

/// The example route on which a code of a family is demonstrated.
fn example_endpoint(family: Family) -> Endpoint {
    match family {
        Family::V2 => Endpoint::SingleVerification,
        Family::V3 => Endpoint::V3Verification,
        Family::Token => Endpoint::AccessToken,
    }
}

/// The catalog served at `GET /__sandbox/scenarios`.
pub(crate) fn catalog() -> Value {
    let codes: Vec<Value> = catalog_codes()
        .into_iter()
        .map(|(code, family)| {
            let endpoint = example_endpoint(family);
            let path = paths_of(endpoint).first().copied().unwrap_or("/");
            json!({
                "code": code,
                "name": code_name(code),
                "envelope": match envelope_of(endpoint) {
                    Envelope::V2 => "v2", Envelope::V3 => "v3", Envelope::Token => "token",
                },
                "example": {
                    "endpoint": endpoint.name(),
                    "method": endpoint.method().as_str(),
                    "path": path,
                    "header": format!("{OUTCOME_HEADER}: {code}"),
                    "marker": format!("sandbox:{code}"),
                    "fileName": format!("selfie.sandbox-{code}.jpg"),
                }
            })
        })
        .collect();
    let routes: Vec<Value> = crate::routes::ROUTED
        .iter()
        .map(|e| {
            json!({
                "endpoint": e.name(),
                "method": e.method().as_str(),
                "paths": paths_of(*e),
                "auth": e.requires_auth(),
            })
        })
        .collect();
    json!({
        "triggers": {
            "header": OUTCOME_HEADER,
            "markers": ["record_identifier", "applicationId", "link", "uploaded file name"],
            "markerSyntax": ["sandbox:<code|DECISION>", "sandbox-<code|DECISION>"],
            "precedence": ["queued scenario (Rust API)", "header", "marker", "real behaviour"],
        },
        "decisions": ["ACCEPTED", "DECLINED", "REVIEW"],
        "codes": codes,
        "faults": [
            "latency", "status", "drop", "truncate", "slow_body", "rate_limit", "processed_then"
        ],
        "routes": routes,
        "pdfReportPath": PDF_REPORT_PATH,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_found_in_names_and_identifiers() {
        assert_eq!(
            find_marker("selfie.sandbox-8006.jpg"),
            Some(Forced::Code(8006))
        );
        assert_eq!(
            find_marker("user-42 sandbox:5004"),
            Some(Forced::Code(5004))
        );
        assert_eq!(
            find_marker("SANDBOX:declined"),
            Some(Forced::Decision("DECLINED".into()))
        );
        assert_eq!(find_marker("sandboxed selfie.jpg"), None);
        assert_eq!(
            find_marker("sandbox:nope then sandbox-8013"),
            Some(Forced::Code(8013))
        );
        assert_eq!(find_marker(""), None);
    }

    #[test]
    fn the_catalog_covers_the_whole_response_code_table() {
        let listed: Vec<i64> = catalog_codes().into_iter().map(|(c, _)| c).collect();
        for rc in ResponseCode::ALL {
            assert!(listed.contains(&rc.code()), "{rc} missing from the catalog");
        }
        for (code, _, _) in REFERENCE_CODES {
            assert!(listed.contains(code));
        }
    }

    #[test]
    fn names_come_from_the_reference() {
        assert_eq!(code_name(8019), "FACE_BLURR");
        assert_eq!(code_name(5009), "LINK_LIMIT_REACH");
        assert_eq!(code_name(987_654), "CODE_987654");
    }
}
