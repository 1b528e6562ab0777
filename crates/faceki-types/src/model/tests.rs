//! Model-wide tests of what `model!` declares: every documented wire key is read
//! into its field (not kept in `extra`), and every fixture round-trips stably through
//! every model that reads it.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::*;

/// Decodes into `T` and encodes again.
type Codec = fn(Value) -> Result<Value, String>;

fn codec<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(
    v: Value,
) -> Result<Value, String> {
    let model: T = serde_json::from_value(v).map_err(|e| e.to_string())?;
    let json = serde_json::to_value(&model).map_err(|e| e.to_string())?;
    // Stable: decoding what was written gives the same model and the same JSON.
    let again: T = serde_json::from_value(json.clone()).map_err(|e| e.to_string())?;
    assert_eq!(model, again, "model changed by a round trip");
    assert_eq!(serde_json::to_value(&again).ok(), Some(json.clone()));
    Ok(json)
}

/// The codec of every struct model, by name.
macro_rules! codecs {
    ($($ty:ident),+ $(,)?) => {
        &[$((stringify!($ty), codec::<$ty> as Codec)),+]
    };
}

const STRUCTS: &[(&str, Codec)] = codecs!(
    FaceAnalysis,
    DocumentData,
    DocumentFaceMatch,
    DocumentFields,
    FaceCheckResult,
    FaceCheckRecord,
    LinkCreated,
    MultiVerificationResult,
    DocumentKycData,
    KycRecord,
    SelfieData,
    VerificationSummary,
    DeviceDetails,
    DetectResult,
    ClientInfo,
    DeviceInfo,
    ImageRef,
    KycRules,
    RedirectMessage,
    TokenResponse,
    VerificationResult,
    VerificationVerdict,
    FaceMatch,
    AuthenticationCheck,
    VerificationImages,
    VerificationError,
    VerificationOutcome,
    WebhookCompleted,
    WebhookPortalUpdate,
    WorkflowRules,
    Theme,
);

/// The other models: wrappers, raw maps and enums.
const OTHERS: &[(&str, Codec)] = codecs!(
    KycSummary,
    FieldConfidences,
    AuthenticationChecks,
    Records,
    KycData,
    WebhookEvent,
);

fn codec_of(name: &str) -> Codec {
    match STRUCTS.iter().chain(OTHERS).find(|(n, _)| *n == name) {
        Some((_, c)) => *c,
        None => panic!("no codec for {name}"),
    }
}

/// The wire keys each struct model names (as the attribute-per-field models did).
fn wire_keys() -> Vec<(String, Vec<String>)> {
    let keys: serde_json::Map<String, Value> =
        serde_json::from_str(include_str!("tests/wire_keys.json")).unwrap();
    keys.into_iter()
        .map(|(model, keys)| {
            let keys = keys.as_array().unwrap().iter();
            (
                model,
                keys.map(|k| k.as_str().unwrap().to_owned()).collect(),
            )
        })
        .collect()
}

#[test]
fn every_wire_key_is_read_into_its_field() {
    let all = wire_keys();
    assert_eq!(all.len(), STRUCTS.len(), "a struct model without its keys");
    for (model, keys) in all {
        let codec = codec_of(&model);
        let base = match model.as_str() {
            "TokenResponse" => json!({"access_token": "t"}),
            "LinkCreated" => json!({"data": "link-1"}),
            _ => json!({}),
        };
        for key in keys {
            let mut input = base.clone();
            // `null` is absent to every field (so not written back), but kept as sent
            // in `extra`. The two fields always written, and the required ones, are
            // told apart by what the field does to the value.
            let (probe, expect) = match key.as_str() {
                "modifiedByEmail" => (json!(5), Some(json!("5"))),
                "kycData" => (json!({"document_data": null}), Some(json!({}))),
                "access_token" | "data" if base.get(&key).is_some() => {
                    input.as_object_mut().unwrap().remove(&key);
                    assert!(codec(input).is_err(), "{model}.{key} is not required");
                    continue;
                }
                _ => (Value::Null, None),
            };
            input[key.as_str()] = probe;
            let out = codec(input).unwrap_or_else(|e| panic!("{model}.{key}: {e}"));
            assert_eq!(out.get(&key).cloned(), expect, "{model}.{key}: {out}");
        }
    }
}

/// Each fixture with the part a model decodes (`""` = the whole body) and the model.
const FIXTURES: &[(&str, &str, &str)] = &[
    ("analyze_face", "result", "FaceAnalysis"),
    ("link_created", "", "LinkCreated"),
    ("token_success", "data", "TokenResponse"),
    ("v2_face_check", "data", "FaceCheckResult"),
    ("v2_multi_verification", "data", "MultiVerificationResult"),
    ("v2_rules", "data", "KycRules"),
    ("v2_single_verification", "data", "VerificationResult"),
    ("v2_summary", "data", "KycSummary"),
    ("v2_validate_link", "data", "KycRules"),
    ("v2_verification_failure", "data", "VerificationResult"),
    ("v3_records", "result", "Records"),
    ("v3_verification_failure", "result", "Records"),
    ("v3_verification_success", "result", "VerificationOutcome"),
    ("webhook_completed", "", "WebhookEvent"),
    ("webhook_portal_update", "", "WebhookEvent"),
    ("workflow_rules", "result", "WorkflowRules"),
    ("workflow_rules_by_link", "result", "WorkflowRules"),
];

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

#[test]
fn every_fixture_round_trips_through_every_model() {
    for (name, part, model) in FIXTURES {
        let body = fixture(name);
        let value = if part.is_empty() {
            body.clone()
        } else {
            body[*part].clone()
        };
        let once = codec_of(model)(value).unwrap_or_else(|e| panic!("{name}: {e}"));
        // Writing what was read gives the same JSON again.
        assert_eq!(codec_of(model)(once.clone()).ok(), Some(once), "{name}");
        // Any model that reads any part of any fixture is stable too (`codec` checks).
        for candidate in [&body, &body["data"], &body["result"]] {
            for (_, codec) in STRUCTS.iter().chain(OTHERS) {
                let _ = codec(candidate.clone());
            }
        }
    }
}
