//! Property tests of the decoder: it never panics, classifies every shape by its code,
//! survives unknown fields, and never echoes body values in its errors.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/proptest_config.rs"]
mod proptest_config;

use faceki_types::decode::{decode, decode_envelope};
use faceki_types::{ResponseCode, ResponseError};
use proptest::prelude::*;
use proptest_config::config;
use serde_json::{Value, json};

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::from),
            prop::collection::btree_map("[a-zA-Z_]{1,8}", inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        Just(200u16),
        Just(201),
        Just(401),
        Just(422),
        Just(502),
        100u16..600
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic(body in prop::collection::vec(any::<u8>(), 0..256), st in status(), ct in prop::option::of("[ -~]{0,40}")) {
        let _ = decode::<Value>(st, ct.as_deref(), &body);
        let _ = decode_envelope(st, ct.as_deref(), &body);
    }

    #[test]
    fn arbitrary_json_never_panics(v in arb_json(), st in status()) {
        let body = serde_json::to_vec(&v).unwrap();
        let _ = decode::<Value>(st, Some("application/json"), &body);
    }

    #[test]
    fn v2_code_decides(code in any::<i64>(), data in arb_json(), extra in arb_json()) {
        let body = serde_json::to_vec(&json!({"responseCode": code, "data": data, "zz_extra": extra})).unwrap();
        match decode::<Value>(200, Some("application/json"), &body) {
            Ok(v) => { prop_assert_eq!(code, 0); prop_assert_eq!(v, data); }
            Err(ResponseError::Api(e)) => { prop_assert_ne!(code, 0); prop_assert_eq!(e.code(), ResponseCode::from_code(code)); }
            Err(other) => prop_assert!(false, "unexpected {:?}", other),
        }
    }

    #[test]
    fn v3_code_and_status_decide(code in prop_oneof![Just(200i64), Just(0), any::<i64>()], status in any::<bool>(), result in arb_json()) {
        let body = serde_json::to_vec(&json!({"status": status, "code": code, "message": "m", "appVersion": "v3", "result": result})).unwrap();
        let should_succeed = status && (code == 200 || code == 0);
        match decode::<Value>(200, Some("application/json"), &body) {
            Ok(v) => { prop_assert!(should_succeed); prop_assert_eq!(v, result); }
            Err(ResponseError::Api(e)) => { prop_assert!(!should_succeed); prop_assert_eq!(e.code().code(), code); }
            Err(other) => prop_assert!(false, "unexpected {:?}", other),
        }
    }

    #[test]
    fn errors_never_echo_body_strings(marker in "[A-Z]{12}", st in status()) {
        // The marker sits where a number is expected, in a truncated body, and in an
        // unknown shape: no error text may contain it.
        let bodies = [
            format!(r#"{{"responseCode":"{marker}","data":{{}}}}"#),
            format!(r#"{{"responseCode":0,"data":{{"name":"{marker}"#),
            format!(r#"{{"unexpected":"{marker}"}}"#),
            format!("<html>{marker}</html>"),
        ];
        for body in bodies {
            if let Err(e) = decode::<u64>(st, Some("application/json"), body.as_bytes()) {
                let shown = format!("{e} {e:?}");
                prop_assert!(!shown.contains(&marker), "{}", shown);
            }
        }
        let body = format!(r#"{{"responseCode":0,"data":{{"n":"{marker}"}}}}"#);
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct N { n: u64 }
        if let Err(e) = decode::<N>(st, None, body.as_bytes()) {
            let shown = format!("{e} {e:?}");
            prop_assert!(!shown.contains(&marker), "{}", shown);
        }
    }
}
