//! The delivery table in `docs/reliability.md` ("Delivery verdicts") agrees with
//! `faceki_types::delivery::delivery`, cell by cell.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use faceki_types::delivery::{Delivery, Wire, delivery};
use faceki_types::{Effect, ResponseCode};

const DOC: &str = include_str!("../../../docs/reliability.md");

fn wire(key: &str) -> Wire {
    let parts: Vec<&str> = key.split_whitespace().collect();
    match parts.as_slice() {
        ["not_sent"] => Wire::NotSent,
        ["lost"] => Wire::AnswerLost,
        ["foreign", status] => Wire::Foreign {
            status: status.parse().unwrap(),
        },
        ["faceki", status, code] => Wire::Faceki {
            status: status.parse().unwrap(),
            code: ResponseCode::from_code(code.parse().unwrap()),
        },
        _ => panic!("unknown wire key `{key}`"),
    }
}

fn verdict(text: &str) -> Delivery {
    match text.trim().trim_matches('*') {
        "not sent" => Delivery::NotSent,
        "rejected" => Delivery::Rejected,
        "maybe processed" => Delivery::MaybeProcessed,
        "processed" => Delivery::Processed,
        other => panic!("unknown verdict `{other}`"),
    }
}

#[test]
fn every_cell_of_the_documented_table_is_what_the_code_decides() {
    let start = DOC
        .find("<!-- delivery-table:start -->")
        .expect("table start");
    let end = DOC.find("<!-- delivery-table:end -->").expect("table end");
    let rows: Vec<&str> = DOC[start..end]
        .lines()
        .filter(|l| l.starts_with('|') && l.contains('`'))
        .collect();
    assert!(rows.len() >= 30, "the table lost rows: {}", rows.len());
    let effects = [Effect::ReadOnly, Effect::CreatesState, Effect::Billed];
    let mut verdicts_seen = std::collections::HashSet::new();
    for row in rows {
        let cells: Vec<&str> = row.trim_matches('|').split('|').collect();
        assert_eq!(cells.len(), 5, "{row}");
        let key = cells[1].trim().trim_matches('`');
        let wire = wire(key);
        for (effect, cell) in effects.iter().zip(&cells[2..]) {
            let documented = verdict(cell);
            verdicts_seen.insert(documented);
            assert_eq!(
                delivery(*effect, wire),
                documented,
                "docs/reliability.md says `{key}` on a {effect} call is {documented}"
            );
        }
    }
    assert_eq!(verdicts_seen.len(), 4, "every verdict appears in the table");
}
