//! Hosted-link routes (§2.7, §2.10): create a link, validate it, verify through it.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use faceki_types::Endpoint;
use serde_json::{Value, json};

use super::common::read_form;
use super::v2::{MULTI, SINGLE, forced_plain, multi_flow, single_flow};
use crate::ids::kind;
use crate::lock;
use crate::multipart::Spec;
use crate::respond::{self, Envelope};
use crate::scenarios::{Forced, find_marker};
use crate::state::{Link, Shared};
use crate::synth;

const ENV: Envelope = Envelope::V2;

/// Reads `expiryTime` (minutes) as a number or numeric string (§6.9).
fn expiry_minutes(body: &Value) -> Option<f64> {
    match &body["expiryTime"] {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// `POST /kycverify/api/kycverify/kyc-verify-link`: answers `{responseCode, data: id, url}`.
pub(super) async fn create(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let body: Value = match serde_json::from_slice(&body) {
        Ok(v @ Value::Object(_)) => v,
        _ => return respond::error_with_message(ENV, 8016, "expected a JSON object body"),
    };
    let application_id = body["applicationId"].as_str().map(str::to_owned);
    let markers: Vec<&str> = application_id.iter().map(String::as_str).collect();
    match shared.forced(Endpoint::CreateLink, &headers, markers) {
        Some(Forced::Code(c)) if c != 0 && c != 200 => return respond::code(ENV, c),
        _ => {}
    }
    let workflow_id = body["workflowId"]
        .as_str()
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    if let Some(wf) = &workflow_id {
        if shared.workflow(wf).is_none() {
            return respond::error_with_message(ENV, 8016, &format!("unknown workflowId {wf}"));
        }
    }
    let lifetime = match expiry_minutes(&body) {
        Some(m) if m > 0.0 => Duration::from_secs_f64(m * 60.0),
        _ => shared.config.link_lifetime,
    };
    let id = shared.ids.uuid(kind::LINK);
    {
        let mut store = lock(&shared.store);
        store.links.insert(
            id.clone(),
            Link {
                application_id,
                workflow_id,
                expires_at: shared.clock.now() + lifetime,
            },
        );
        store.summary.links += 1;
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    axum::Json(json!({
        "responseCode": 0,
        "data": id,
        "url": format!("http://{host}/kycverify/{id}"),
    }))
    .into_response()
}

/// `GET /kycverify/api/kycverify/validate-kyc-verify-link?url=<linkId>`: the rules.
pub(super) async fn validate(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Query(q): Query<std::collections::HashMap<String, String>>,
) -> Response {
    if let Some(resp) = forced_plain(&shared, Endpoint::ValidateLink, &headers) {
        return resp;
    }
    let id = q.get("url").map(String::as_str).unwrap_or_default();
    if let Some(Forced::Code(c)) = find_marker(id) {
        return respond::code(ENV, c);
    }
    match shared.check_link(id) {
        Ok(_) => respond::v2_ok(synth::v2_rules(
            &shared.config.v2_documents,
            &shared.clock.iso_now(),
        )),
        Err(e) => respond::code(ENV, e.code()),
    }
}

const LINK_SINGLE: Spec = Spec {
    images: SINGLE.images,
    texts: &["selectedDoc", "link"],
};

const LINK_MULTI: Spec = Spec {
    images: MULTI.images,
    texts: &["link"],
};

/// `POST /kycverify/api/kycverify/request-kyc`.
pub(super) async fn single(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    mp: Result<Multipart, MultipartRejection>,
) -> Response {
    let endpoint = Endpoint::LinkSingleVerification;
    let form = match read_form(&shared, endpoint, ENV, mp).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    single_flow(&shared, endpoint, &headers, &form, LINK_SINGLE, true).unwrap_or_else(|r| r)
}

/// `POST /kycverify/api/kycverify/multiple-kyc-verification`.
pub(super) async fn multi(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    mp: Result<Multipart, MultipartRejection>,
) -> Response {
    let endpoint = Endpoint::LinkMultiVerification;
    let form = match read_form(&shared, endpoint, ENV, mp).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    multi_flow(&shared, endpoint, &headers, &form, LINK_MULTI, true).unwrap_or_else(|r| r)
}
