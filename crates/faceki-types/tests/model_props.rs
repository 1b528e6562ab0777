//! Property tests for the response and webhook models:
//!
//! - arbitrary instances of the main models (built by decoding generated wire JSON,
//!   including the lenient forms: numbers as strings, `""`, `null`, unknown fields)
//!   round-trip through serde_json unchanged;
//! - unknown fields injected at any object level of a fixture never break decoding,
//!   and every known value stays equal;
//! - arbitrary JSON, and fixtures with any node replaced by arbitrary JSON, never
//!   make a model's deserializer panic.
//!
//! Cases default to 1,000 per property; `PROPTEST_CASES` overrides.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/proptest_config.rs"]
mod proptest_config;

use faceki_types::model::WebhookCompleted;
use faceki_types::{
    FaceAnalysis, FaceCheckResult, KycRecord, KycRules, KycSummary, LinkCreated,
    MultiVerificationResult, Records, TokenResponse, VerificationOutcome, VerificationResult,
    WebhookEvent, WorkflowRules,
};
use proptest::prelude::*;
use proptest_config::config;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

// ---------------------------------------------------------------------------
// Arbitrary JSON.

/// Floats with few significant digits, so their text form parses back exactly.
fn arb_float() -> impl Strategy<Value = f64> {
    (-10_000_000i64..10_000_000).prop_map(|n| n as f64 / 1000.0)
}

fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 _.-]{0,12}",
        any::<String>(),
        Just("ACCEPTED".to_owned()),
        Just("ID Card".to_owned()),
    ]
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        arb_float().prop_map(|f| json!(f)),
        arb_text().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map("[a-zA-Z_]{1,10}", inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

// ---------------------------------------------------------------------------
// Wire-shaped JSON for each model, from a small schema.

/// The wire kind of a field.
#[derive(Clone, Copy)]
enum K {
    /// Lenient optional text: a string, `""`, `null` or a number.
    S,
    /// Strict text (list elements).
    Str,
    /// Lenient unsigned integer.
    U,
    /// Lenient signed integer.
    I,
    /// Lenient float.
    F,
    /// Lenient boolean.
    B,
    /// Any JSON, kept raw.
    Raw,
    /// An open vocabulary: a known value or any text.
    Vocab(&'static [&'static str]),
    /// A body response code.
    Code,
    /// A nested object.
    Obj(&'static [(&'static str, K)]),
    /// A list (or `null`).
    Arr(&'static K),
    /// A map with arbitrary keys (or `null`).
    Map(&'static K),
}

fn wire(k: K) -> BoxedStrategy<Value> {
    match k {
        K::S => prop_oneof![
            4 => "[a-zA-Z0-9 ._-]{1,16}".prop_map(Value::String),
            1 => any::<String>().prop_map(Value::String),
            1 => Just(json!("")),
            1 => Just(Value::Null),
            1 => any::<u32>().prop_map(|n| json!(n)),
        ]
        .boxed(),
        K::Str => any::<String>().prop_map(Value::String).boxed(),
        K::U => prop_oneof![
            any::<u64>().prop_map(|n| json!(n)),
            (0u64..100_000).prop_map(|n| json!(n.to_string())),
            Just(Value::Null),
            Just(json!("n/a")),
            Just(json!(-3)),
        ]
        .boxed(),
        K::I => prop_oneof![
            any::<i64>().prop_map(|n| json!(n)),
            any::<i32>().prop_map(|n| json!(n.to_string())),
            Just(Value::Null),
            Just(json!("")),
        ]
        .boxed(),
        K::F => prop_oneof![
            arb_float().prop_map(|f| json!(f)),
            arb_float().prop_map(|f| json!(f.to_string())),
            any::<i32>().prop_map(|n| json!(n)),
            Just(Value::Null),
            Just(json!("x")),
        ]
        .boxed(),
        K::B => prop_oneof![
            any::<bool>().prop_map(Value::Bool),
            Just(json!("true")),
            Just(json!("FALSE")),
            Just(json!(0)),
            Just(json!(1)),
            Just(Value::Null),
            Just(json!("maybe")),
        ]
        .boxed(),
        K::Raw => arb_json().boxed(),
        K::Vocab(known) => prop_oneof![
            prop::sample::select(known).prop_map(|s| json!(s)),
            "[A-Za-z ]{0,12}".prop_map(Value::String),
        ]
        .boxed(),
        K::Code => prop_oneof![
            any::<i64>().prop_map(|n| json!(n)),
            (0i64..10_000).prop_map(|n| json!(n.to_string())),
            Just(Value::Null),
        ]
        .boxed(),
        K::Obj(fields) => {
            let known: Vec<BoxedStrategy<Option<(String, Value)>>> = fields
                .iter()
                .map(|(name, k)| {
                    let name = (*name).to_owned();
                    prop::option::weighted(0.7, wire(*k))
                        .prop_map(move |v| v.map(|v| (name.clone(), v)))
                        .boxed()
                })
                .collect();
            let extra = prop::collection::btree_map("zz_[a-z]{1,6}", arb_json(), 0..3);
            (known, extra)
                .prop_map(|(known, extra)| {
                    let mut map: Map<String, Value> = known.into_iter().flatten().collect();
                    map.extend(extra);
                    Value::Object(map)
                })
                .boxed()
        }
        K::Arr(k) => {
            // Lists of objects skip `null` elements; lists of text do not accept them.
            let elem = match k {
                K::Obj(_) => prop_oneof![9 => wire(*k), 1 => Just(Value::Null)].boxed(),
                _ => wire(*k),
            };
            prop_oneof![
                4 => prop::collection::vec(elem, 0..3).prop_map(Value::Array),
                1 => Just(Value::Null),
            ]
            .boxed()
        }
        K::Map(k) => prop_oneof![
            4 => prop::collection::btree_map("[a-zA-Z_]{1,10}", wire(*k), 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
            1 => Just(Value::Null),
        ]
        .boxed(),
    }
}

const DECISIONS: &[&str] = &["ACCEPTED", "DECLINED", "REVIEW"];
const STATUSES: &[&str] = &["ACCEPTED", "APPROVED", "DECLINED", "REVIEW"];
const DOCS: &[&str] = &["ID Card", "Passport", "Driving License"];

const REDIRECT: K = K::Obj(&[("redirect_url", K::S), ("message", K::S)]);
const RULES: K = K::Obj(&[
    ("_id", K::S),
    ("companyId", K::S),
    ("__v", K::I),
    ("allowedCountries", K::Arr(&K::Str)),
    ("allowedKycDocuments", K::Arr(&K::Vocab(DOCS))),
    ("allowedNationalities", K::Arr(&K::Str)),
    ("createdAt", K::S),
    ("dataStorageTime", K::S),
    ("declined", REDIRECT),
    ("invalid", REDIRECT),
    ("success", REDIRECT),
    ("invalidDocuments", K::Arr(&K::Raw)),
    ("isRecapturedDocumentInvalid", K::B),
    ("link", K::S),
    ("livenessCheckType", K::S),
    ("multiKYCEnabled", K::B),
    ("validAge", K::U),
    ("allowSingle", K::B),
    ("engine_id", K::S),
    ("verify_user_once", K::B),
]);

const OCR: K = K::Obj(&[
    ("documentNumber", K::S),
    ("firstName", K::S),
    ("lastName", K::S),
    ("dob_day", K::S),
    ("expiry_year", K::S),
    ("daysToExpiry", K::I),
    ("daysFromIssue", K::I),
    ("documentType", K::S),
    ("documentSide", K::S),
    ("issuerOrg_iso2", K::S),
    ("nationality_iso3", K::S),
    ("internalId", K::S),
]);
const V2_RESULT: K = K::Obj(&[
    ("requestId", K::S),
    ("responseID", K::S),
    (
        "verification",
        K::Obj(&[("passed", K::B), ("result", K::Map(&K::Raw))]),
    ),
    (
        "face",
        K::Obj(&[("isIdentical", K::B), ("confidence", K::F)]),
    ),
    ("confidence", K::Map(&K::Raw)),
    ("result", OCR),
    ("authentication", K::Map(&K::Raw)),
    ("aml", K::Arr(&K::Raw)),
    (
        "images",
        K::Obj(&[
            ("doc_front_image", K::S),
            ("doc_back_image", K::S),
            ("selfie_image", K::S),
        ]),
    ),
    ("livenessResponse", K::Raw),
    ("error", K::Obj(&[("code", K::I), ("message", K::S)])),
]);
const DOC_KYC: K = K::Obj(&[("responseCode", K::Code), ("data", V2_RESULT)]);
const MULTI: K = K::Obj(&[
    ("requestId", K::S),
    ("idKycData", DOC_KYC),
    ("dlKycData", DOC_KYC),
    ("ppKycData", DOC_KYC),
]);
const FACE_CHECK: K = K::Obj(&[
    ("face_verified", K::B),
    ("all_face_ids", K::Arr(&K::Str)),
    (
        "kyc_records",
        K::Arr(&K::Obj(&[("_id", K::S), ("kycResponse", V2_RESULT)])),
    ),
]);
const DOCUMENT_DATA: K = K::Obj(&[
    ("reference", K::S),
    ("full_name", K::S),
    ("nationality_iso", K::S),
    ("nationality_iso2", K::S),
    ("issuer_iso", K::S),
    ("gender", K::S),
    ("dob", K::S),
    ("age", K::S),
    ("expiryDay", K::S),
    ("expiryMonth", K::S),
    ("expiryYear", K::S),
    ("issuedDay", K::S),
    ("documentAdditionalNumber", K::S),
    ("document_number", K::S),
    ("document_type", K::S),
    ("mrz", K::S),
    (
        "document_face_match",
        K::Obj(&[("similarity", K::F), ("confidence", K::F)]),
    ),
    ("passed", K::B),
    ("date_of_birth", K::S),
    ("placeOfBirth", K::S),
]);
const RECORD: K = K::Obj(&[
    ("_id", K::S),
    ("link", K::S),
    ("record_identifier", K::S),
    ("requestId", K::S),
    ("document_data", K::Arr(&DOCUMENT_DATA)),
    ("selfie_data", K::Obj(&[("liveness_pass", K::B)])),
    ("warnings", K::Arr(&K::Raw)),
    ("notes", K::Arr(&K::Raw)),
    ("aml", K::Arr(&K::Raw)),
    (
        "verification_summary",
        K::Obj(&[
            ("face_verified", K::B),
            ("selfie_liveness_verified", K::B),
            ("document_verified", K::B),
            ("verification_rules_passed", K::B),
            ("document_liveness_verified", K::B),
            ("image_quality", K::B),
        ]),
    ),
    ("document_data_confidence", K::Arr(&K::Map(&K::Raw))),
    ("decision", K::Vocab(DECISIONS)),
    ("errorCodes", K::Arr(&K::Raw)),
    (
        "deviceDetails",
        K::Obj(&[
            ("useragent", K::S),
            (
                "detectResult",
                K::Obj(&[
                    (
                        "client",
                        K::Obj(&[("type", K::S), ("name", K::S), ("version", K::S)]),
                    ),
                    (
                        "device",
                        K::Obj(&[
                            ("id", K::S),
                            ("type", K::S),
                            ("brand", K::S),
                            ("model", K::S),
                        ]),
                    ),
                ]),
            ),
        ]),
    ),
    (
        "images",
        K::Arr(&K::Obj(&[
            ("documentName", K::S),
            ("side", K::S),
            ("key", K::S),
        ])),
    ),
    ("face_id", K::S),
    ("updateBy", K::S),
    ("createdAt", K::S),
    ("__v", K::I),
]);
const OUTCOME: K = K::Obj(&[
    ("requestId", K::S),
    ("decision", K::Vocab(DECISIONS)),
    ("companyId", K::S),
    ("workflowId", K::S),
    ("branchId", K::S),
]);
const WORKFLOW: K = K::Obj(&[
    ("_id", K::S),
    ("workflowId", K::S),
    ("documents", K::Arr(&K::Vocab(DOCS))),
    ("liveness_type", K::S),
    ("ocr_only", K::B),
    ("document_optional", K::B),
    ("face_match_score", K::F),
    ("minAge", K::U),
    ("maxAge", K::U),
    (
        "theme",
        K::Obj(&[
            ("backgroundColor", K::S),
            ("skipResult", K::B),
            ("imageUrls", K::Arr(&K::Raw)),
            ("language", K::S),
        ]),
    ),
    ("callbackURL", K::S),
    ("__v", K::I),
]);
const ANALYSIS: K = K::Obj(&[
    ("minAge", K::U),
    ("maxAge", K::U),
    ("gender", K::S),
    ("genderConfidence", K::F),
    ("faceDetectionConfidence", K::F),
    ("livenessScore", K::F),
]);
const TOKEN_OPTIONAL: K = K::Obj(&[("expires_in", K::U), ("token_type", K::S)]);

fn arb_token() -> impl Strategy<Value = Value> {
    (wire(TOKEN_OPTIONAL), any::<String>()).prop_map(|(mut v, t)| {
        v["access_token"] = json!(t);
        v
    })
}

fn arb_link() -> impl Strategy<Value = Value> {
    (wire(K::Obj(&[("url", K::S)])), any::<String>()).prop_map(|(mut v, id)| {
        v["data"] = json!(id);
        v
    })
}

fn arb_records() -> impl Strategy<Value = Value> {
    prop_oneof![wire(K::Arr(&RECORD)), wire(RECORD), Just(Value::Null),]
}

fn arb_webhook() -> impl Strategy<Value = Value> {
    let completed = (
        wire(K::Obj(&[
            ("requestId", K::S),
            ("fullName", K::S),
            ("status", K::Vocab(STATUSES)),
        ])),
        prop_oneof![wire(RECORD), arb_json()],
    )
        .prop_map(|(mut v, kyc)| {
            v["kycData"] = kyc;
            v
        });
    let portal = wire(K::Obj(&[
        ("requestId", K::S),
        ("fullName", K::S),
        ("status", K::Vocab(STATUSES)),
        ("modifiedByEmail", K::S),
    ]))
    .prop_map(|mut v| {
        if v.get("modifiedByEmail").is_none() {
            v["modifiedByEmail"] = json!("reviewer@example.com");
        }
        v
    });
    prop_oneof![completed, portal, arb_json()]
}

/// Decodes generated wire JSON, then checks model → JSON → model is the identity
/// (and JSON → model → JSON too, from the first encoding on).
fn round_trip<T>(wire: &Value) -> Result<(), TestCaseError>
where
    T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug,
{
    let model: T = serde_json::from_value(wire.clone())
        .map_err(|e| TestCaseError::fail(format!("decode failed: {e}")))?;
    let encoded = serde_json::to_value(&model).unwrap();
    let again: T = serde_json::from_value(encoded.clone()).unwrap();
    prop_assert_eq!(&model, &again);
    prop_assert_eq!(serde_json::to_value(&again).unwrap(), encoded.clone());
    // Through text too, as a transport would.
    let text = serde_json::to_string(&model).unwrap();
    let from_text: T = serde_json::from_str(&text).unwrap();
    prop_assert_eq!(&model, &from_text);
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn token_round_trips(v in arb_token()) { round_trip::<TokenResponse>(&v)?; }

    #[test]
    fn rules_round_trip(v in wire(RULES)) { round_trip::<KycRules>(&v)?; }

    #[test]
    fn v2_result_round_trips(v in wire(V2_RESULT)) { round_trip::<VerificationResult>(&v)?; }

    #[test]
    fn multi_round_trips(v in wire(MULTI)) { round_trip::<MultiVerificationResult>(&v)?; }

    #[test]
    fn summary_round_trips(v in wire(K::Map(&K::Raw)).prop_filter("object", Value::is_object)) {
        round_trip::<KycSummary>(&v)?;
    }

    #[test]
    fn link_round_trips(v in arb_link()) { round_trip::<LinkCreated>(&v)?; }

    #[test]
    fn face_check_round_trips(v in wire(FACE_CHECK)) { round_trip::<FaceCheckResult>(&v)?; }

    #[test]
    fn record_round_trips(v in wire(RECORD)) { round_trip::<KycRecord>(&v)?; }

    #[test]
    fn records_round_trip(v in arb_records()) { round_trip::<Records>(&v)?; }

    #[test]
    fn outcome_round_trips(v in wire(OUTCOME)) { round_trip::<VerificationOutcome>(&v)?; }

    #[test]
    fn workflow_round_trips(v in wire(WORKFLOW)) { round_trip::<WorkflowRules>(&v)?; }

    #[test]
    fn analysis_round_trips(v in wire(ANALYSIS)) { round_trip::<FaceAnalysis>(&v)?; }

    #[test]
    fn webhook_round_trips(v in arb_webhook()) {
        round_trip::<WebhookEvent>(&v)?;
        let event = WebhookEvent::parse(&serde_json::to_vec(&v).unwrap()).unwrap();
        let is_completed = v.get("kycData").is_some();
        prop_assert_eq!(matches!(event, WebhookEvent::Completed(_)), is_completed);
        if let WebhookEvent::Completed(c) = &event {
            let direct: WebhookCompleted = serde_json::from_value(v.clone()).unwrap();
            prop_assert_eq!(c, &direct);
        }
    }
}

// ---------------------------------------------------------------------------
// Fixtures: injection of unknown fields and replacement by arbitrary JSON.

type Decoder = fn(Value) -> Result<Value, String>;

fn via<T: DeserializeOwned + Serialize>(v: Value) -> Result<Value, String> {
    let model: T = serde_json::from_value(v).map_err(|e| e.to_string())?;
    Ok(serde_json::to_value(model).unwrap())
}

/// Each fixture with the part a model decodes (`""` = the whole body) and the model.
const FIXTURES: &[(&str, &str, Decoder)] = &[
    ("token_success", "data", via::<TokenResponse>),
    ("v2_rules", "data", via::<KycRules>),
    ("v2_validate_link", "data", via::<KycRules>),
    ("v2_single_verification", "data", via::<VerificationResult>),
    ("v2_verification_failure", "data", via::<VerificationResult>),
    (
        "v2_multi_verification",
        "data",
        via::<MultiVerificationResult>,
    ),
    ("v2_summary", "data", via::<KycSummary>),
    ("link_created", "", via::<LinkCreated>),
    ("v2_face_check", "data", via::<FaceCheckResult>),
    (
        "v3_verification_success",
        "result",
        via::<VerificationOutcome>,
    ),
    ("v3_verification_failure", "result", via::<Records>),
    ("v3_records", "result", via::<Records>),
    ("workflow_rules", "result", via::<WorkflowRules>),
    ("workflow_rules_by_link", "result", via::<WorkflowRules>),
    ("analyze_face", "result", via::<FaceAnalysis>),
    ("webhook_completed", "", via::<WebhookEvent>),
    ("webhook_portal_update", "", via::<WebhookEvent>),
];

fn fixture_part(name: &str, part: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let body: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    if part.is_empty() {
        body
    } else {
        body[part].clone()
    }
}

/// JSON pointers of every object (for injection) or every node (for replacement).
fn pointers(v: &Value, at: String, objects_only: bool, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            out.push(at.clone());
            for (k, child) in m {
                let key = k.replace('~', "~0").replace('/', "~1");
                pointers(child, format!("{at}/{key}"), objects_only, out);
            }
        }
        Value::Array(a) => {
            if !objects_only {
                out.push(at.clone());
            }
            for (i, child) in a.iter().enumerate() {
                pointers(child, format!("{at}/{i}"), objects_only, out);
            }
        }
        _ => {
            if !objects_only {
                out.push(at);
            }
        }
    }
}

const INJECTED: &str = "zz_injected_";

/// Removes every injected key, at any depth.
fn strip(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|k, _| !k.starts_with(INJECTED));
            m.values_mut().for_each(strip);
        }
        Value::Array(a) => a.iter_mut().for_each(strip),
        _ => {}
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn injected_unknown_fields_never_break_decoding(
        which in 0..FIXTURES.len(),
        injections in prop::collection::vec((any::<prop::sample::Index>(), "[a-z]{1,5}", arb_json()), 1..6),
    ) {
        let (name, part, decode) = FIXTURES[which];
        let original = fixture_part(name, part);
        let mut injected = original.clone();
        for (at, key, value) in injections {
            let mut objects = Vec::new();
            pointers(&injected, String::new(), true, &mut objects);
            if objects.is_empty() {
                break;
            }
            let ptr = at.get(&objects).clone();
            if let Some(Value::Object(m)) = injected.pointer_mut(&ptr) {
                m.insert(format!("{INJECTED}{key}"), value);
            }
        }
        let expected = decode(original).unwrap();
        let got = decode(injected.clone());
        prop_assert!(got.is_ok(), "{name}: {:?}", got.err());
        let mut got = got.unwrap();
        strip(&mut got);
        prop_assert_eq!(got, expected, "{}: known values changed", name);
    }

    #[test]
    fn replaced_nodes_never_panic(
        which in 0..FIXTURES.len(),
        at in any::<prop::sample::Index>(),
        value in arb_json(),
    ) {
        let (name, part, decode) = FIXTURES[which];
        let mut v = fixture_part(name, part);
        let mut nodes = Vec::new();
        pointers(&v, String::new(), false, &mut nodes);
        let ptr = at.get(&nodes).clone();
        if let Some(node) = v.pointer_mut(&ptr) {
            *node = value;
        }
        let text = serde_json::to_string(&v).unwrap();
        let _ = decode(v);
        all_models_on_text(&text);
    }

    #[test]
    fn arbitrary_json_never_panics(v in arb_json()) {
        let text = serde_json::to_string(&v).unwrap();
        for (_, _, decode) in FIXTURES {
            let _ = decode(v.clone());
        }
        all_models_on_text(&text);
        let _ = LinkCreated::from_parts(v.clone(), v.as_str().map(str::to_owned));
        let _ = WebhookEvent::from_value(v);
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_webhook_parser(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        let _ = WebhookEvent::parse(&bytes);
    }
}

/// Runs every model's deserializer on text (the `from_str` path differs from
/// `from_value`); only a panic fails.
fn all_models_on_text(text: &str) {
    fn go<T: DeserializeOwned>(text: &str) {
        let _ = serde_json::from_str::<T>(text);
    }
    go::<TokenResponse>(text);
    go::<KycRules>(text);
    go::<VerificationResult>(text);
    go::<MultiVerificationResult>(text);
    go::<KycSummary>(text);
    go::<LinkCreated>(text);
    go::<FaceCheckResult>(text);
    go::<KycRecord>(text);
    go::<Records>(text);
    go::<VerificationOutcome>(text);
    go::<WorkflowRules>(text);
    go::<FaceAnalysis>(text);
    go::<WebhookEvent>(text);
    let _ = WebhookEvent::parse(text.as_bytes());
}
