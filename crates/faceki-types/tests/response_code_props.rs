//! Property tests for [`ResponseCode`]: every `i64` survives `from_code`/`code`, Display
//! and serde; every known code survives its wire name; unknown codes keep their number.
//!
//! 1,000 cases per property by default; set `PROPTEST_CASES` to run more or fewer.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};

use faceki_types::ResponseCode;
use faceki_types::response_code::Category;
use proptest::prelude::*;

/// Cases per property: `PROPTEST_CASES` if set and valid, else 1,000.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000)
}

fn known_codes() -> Vec<i64> {
    ResponseCode::ALL.iter().map(|c| c.code()).collect()
}

/// Any `i64`, with the table's numbers, their neighbours and the extremes well
/// represented (a uniform `i64` would almost never hit a known code).
fn any_code() -> impl Strategy<Value = i64> {
    prop_oneof![
        any::<i64>(),
        prop::sample::select(known_codes()),
        prop::sample::select(known_codes()).prop_map(|c| c + 1),
        prop::sample::select(known_codes()).prop_map(|c| c - 1),
        -20_i64..10_000,
        prop::sample::select(vec![i64::MIN, i64::MIN + 1, -1, i64::MAX - 1, i64::MAX]),
    ]
}

fn any_known() -> impl Strategy<Value = ResponseCode> {
    prop::sample::select(ResponseCode::ALL.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn every_i64_round_trips_through_from_code(n in any_code()) {
        let code = ResponseCode::from_code(n);
        prop_assert_eq!(code.code(), n);
        prop_assert_eq!(i64::from(code), n);
        prop_assert_eq!(ResponseCode::from(n), code);
        let shown = code.to_string();
        match code.name() {
            Some(name) => prop_assert_eq!(shown, format!("{name} ({n})")),
            None => prop_assert_eq!(shown, format!("unknown code {n}")),
        }
    }

    #[test]
    fn known_numbers_never_become_unknown_and_others_always_do(n in any_code()) {
        let code = ResponseCode::from_code(n);
        let is_known = known_codes().contains(&n);
        prop_assert_eq!(code.is_known(), is_known);
        prop_assert_eq!(matches!(code, ResponseCode::Unknown(_)), !is_known);
        prop_assert_eq!(code.name().is_some(), is_known);
    }

    #[test]
    fn unknown_codes_keep_their_number(n in any::<i64>()) {
        prop_assume!(!known_codes().contains(&n));
        let code = ResponseCode::from_code(n);
        prop_assert_eq!(code, ResponseCode::Unknown(n));
        prop_assert_eq!(code.code(), n);
        prop_assert_eq!(code.category(), Category::Unknown);
        prop_assert!(!code.is_retryable());
        prop_assert!(!code.is_success());
        prop_assert!(code.generations().is_empty());
        let json = serde_json::to_string(&code).unwrap();
        prop_assert_eq!(&json, &n.to_string());
        prop_assert_eq!(serde_json::from_str::<ResponseCode>(&json).unwrap(), code);
    }

    #[test]
    fn serde_round_trips_numbers_and_numeric_strings(n in any_code()) {
        let code = ResponseCode::from_code(n);
        let json = serde_json::to_string(&code).unwrap();
        prop_assert_eq!(&json, &n.to_string());
        prop_assert_eq!(serde_json::from_str::<ResponseCode>(&json).unwrap(), code);
        let quoted = serde_json::to_string(&n.to_string()).unwrap();
        prop_assert_eq!(serde_json::from_str::<ResponseCode>(&quoted).unwrap(), code);
        // Inside a structure too, where serde_json hands the value over differently.
        let wrapped = serde_json::json!({ "code": n, "text": n.to_string() });
        let back: BTreeMap<String, ResponseCode> = serde_json::from_value(wrapped).unwrap();
        prop_assert_eq!(back["code"], code);
        prop_assert_eq!(back["text"], code);
    }

    #[test]
    fn non_numeric_strings_are_rejected(s in "[A-Za-z_][A-Za-z0-9_ ]{0,20}") {
        let quoted = serde_json::to_string(&s).unwrap();
        prop_assert!(serde_json::from_str::<ResponseCode>(&quoted).is_err());
    }

    #[test]
    fn every_known_code_round_trips_through_its_name(code in any_known()) {
        let name = code.name().unwrap();
        let found = ResponseCode::from_name(name).unwrap();
        prop_assert_eq!(found.name(), Some(name));
        if !duplicated_names().contains(name) {
            prop_assert_eq!(found, code);
        }
        prop_assert_eq!(ResponseCode::from_code(code.code()), code);
    }
}

/// Wire names used by more than one code.
fn duplicated_names() -> BTreeSet<&'static str> {
    let mut seen = BTreeMap::<&str, usize>::new();
    for code in ResponseCode::ALL {
        *seen.entry(code.name().unwrap()).or_default() += 1;
    }
    seen.into_iter()
        .filter(|&(_, n)| n > 1)
        .map(|(name, _)| name)
        .collect()
}

#[test]
fn the_only_duplicated_name_is_internal_system_error() {
    assert_eq!(
        duplicated_names(),
        BTreeSet::from(["INTERNAL_SYSTEM_ERROR"])
    );
    // The first in table order wins: 500 (V3) before 1000 (V2).
    assert_eq!(
        ResponseCode::from_name("INTERNAL_SYSTEM_ERROR"),
        Some(ResponseCode::ServerError)
    );
    assert_eq!(ResponseCode::ServerError.code(), 500);
    assert_eq!(ResponseCode::InternalSystemError.code(), 1000);
}

#[test]
fn the_table_is_sorted_and_every_entry_is_described() {
    let codes = known_codes();
    assert!(codes.windows(2).all(|w| w[0] < w[1]), "{codes:?}");
    for code in ResponseCode::ALL {
        assert!(!code.description().is_empty(), "{code}");
        assert!(!code.guidance().is_empty(), "{code}");
        assert!(!code.generations().is_empty(), "{code}");
        assert!(code.source().is_some_and(|s| s.starts_with('§')), "{code}");
        assert_ne!(code.category(), Category::Unknown, "{code}");
    }
}

#[test]
fn cases_default_to_at_least_a_thousand() {
    if std::env::var_os("PROPTEST_CASES").is_none() {
        assert_eq!(cases(), 1000);
    }
}
