//! V3 "Blaze" routes (§3): verification against a workflow (with a token or a link),
//! search by face, workflow rules, analyze face.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use faceki_types::Endpoint;
use serde_json::Value;

use super::common::{apply_forced, check_form, check_quota, fail, read_form};
use super::v2::forced_plain;
use crate::ids::kind;
use crate::lock;
use crate::multipart::{Form, Spec};
use crate::respond::{self, Envelope};
use crate::scenarios::{Forced, find_marker};
use crate::state::{Record, Shared};
use crate::synth::{self, V3Record};
use crate::webhook::spawn_completed;
use crate::workflow::Workflow;

const ENV: Envelope = Envelope::V3;

const IMAGES: &[&str] = &[
    "selfie",
    "document_1_front",
    "document_1_back",
    "document_2_front",
    "document_2_back",
    "document_3_front",
    "document_3_back",
];

const VERIFY: Spec = Spec {
    images: IMAGES,
    texts: &["workflowId", "record_identifier"],
};

const VERIFY_BY_LINK: Spec = Spec {
    images: IMAGES,
    texts: &["workflowId", "record_identifier", "link"],
};

/// `POST /api/v3/kyc_verification`.
pub(super) async fn verify(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    mp: Result<Multipart, MultipartRejection>,
) -> Response {
    let endpoint = Endpoint::V3Verification;
    let form = match read_form(&shared, endpoint, ENV, mp).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    flow(&shared, endpoint, &headers, &form, false).unwrap_or_else(|r| r)
}

/// `POST /api/v3/kyc_verification/requestbylink` (no token; `link` part required).
pub(super) async fn verify_by_link(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    mp: Result<Multipart, MultipartRejection>,
) -> Response {
    let endpoint = Endpoint::V3VerificationByLink;
    let form = match read_form(&shared, endpoint, ENV, mp).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    flow(&shared, endpoint, &headers, &form, true).unwrap_or_else(|r| r)
}

fn flow(
    shared: &Arc<Shared>,
    endpoint: Endpoint,
    headers: &HeaderMap,
    form: &Form,
    by_link: bool,
) -> Result<Response, Response> {
    let decision = apply_forced(shared, endpoint, ENV, headers, form)?;
    check_form(
        shared,
        ENV,
        form,
        if by_link { VERIFY_BY_LINK } else { VERIFY },
    )?;
    let (link_id, link_workflow) = if by_link {
        let Some(id) = form.text("link") else {
            return Err(fail(shared, ENV, 5002, "link is required"));
        };
        let link = shared.check_link(&id).map_err(|e| {
            shared.count_failure();
            respond::code(ENV, e.code())
        })?;
        (id, link.workflow_id)
    } else {
        (String::new(), None)
    };
    let workflow_id = match form.text("workflowId").or(link_workflow) {
        Some(id) => id,
        None if by_link => Workflow::DEFAULT_ID.to_owned(),
        None => return Err(fail(shared, ENV, 5002, "workflowId is required")),
    };
    let Some(workflow) = shared.workflow(&workflow_id) else {
        return Err(fail(
            shared,
            ENV,
            5001,
            &format!("WORKFLOW_RULES_MISSING: {workflow_id}"),
        ));
    };
    if !form.has("selfie") {
        return Err(fail(shared, ENV, 5002, "selfie is required"));
    }
    let (documents, images) = documents_of(shared, &workflow, form)?;
    check_quota(shared, ENV)?;

    let request_id = shared.ids.uuid(kind::REQUEST);
    let face_id = form
        .get("selfie")
        .map(|p| shared.face_id_for(&p.data))
        .unwrap_or_default();
    let record_identifier = form.text("record_identifier").unwrap_or_default();
    let now = shared.clock.iso_now();
    let record = synth::v3_record(&V3Record {
        request_id: &request_id,
        workflow_id: &workflow_id,
        record_identifier: &record_identifier,
        link: &link_id,
        face_id: &face_id,
        decision: &decision,
        documents: &documents,
        images: &images,
        now: &now,
    });
    shared.save(
        Record {
            request_id,
            reference: (!record_identifier.is_empty()).then_some(record_identifier),
            link: (!link_id.is_empty()).then_some(link_id),
            face_id,
            body: record.clone(),
        },
        &decision,
    );
    spawn_completed(shared, workflow.webhook().map(str::to_owned), &record);
    Ok(respond::v3_ok(record))
}

/// Checks the document slots against the workflow: 5006 for a missing required part,
/// 5002 for a slot the workflow does not have. Returns the documents and image list.
#[allow(clippy::type_complexity)]
fn documents_of(
    shared: &Shared,
    workflow: &Workflow,
    form: &Form,
) -> Result<(Vec<String>, Vec<(String, String)>), Response> {
    let wanted = workflow.documents();
    for slot in wanted.len() + 1..=3 {
        for side in ["front", "back"] {
            let name = format!("document_{slot}_{side}");
            if form.get(&name).is_some() {
                let msg = format!("{name} is not expected by workflow {}", workflow.id());
                return Err(fail(shared, ENV, 5002, &msg));
            }
        }
    }
    let mut documents = Vec::new();
    let mut images = vec![("selfie".to_owned(), "front".to_owned())];
    let mut missing = None;
    for (i, doc) in wanted.iter().enumerate() {
        let front = format!("document_{}_front", i + 1);
        let back = format!("document_{}_back", i + 1);
        let needs_back = doc != "Passport";
        let complete = form.has(&front) && (!needs_back || form.has(&back));
        if !complete {
            if missing.is_none() {
                let part = if form.has(&front) { back } else { front };
                missing = Some(format!("{part} is required ({doc})"));
            }
            continue;
        }
        documents.push(doc.clone());
        images.push((doc.clone(), "front".to_owned()));
        if form.has(&back) {
            images.push((doc.clone(), "back".to_owned()));
        }
    }
    let refuse = if workflow.is_document_optional() {
        documents.is_empty()
    } else {
        missing.is_some()
    };
    if refuse {
        let msg = missing.unwrap_or_else(|| "a document is required".to_owned());
        return Err(fail(shared, ENV, 5006, &msg));
    }
    Ok((documents, images))
}

const SELFIE_ONLY: Spec = Spec {
    images: &["selfie"],
    texts: &[],
};

/// `POST /api/v3/kyc_verification/search-by-face`: records of the same selfie bytes.
pub(super) async fn search(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    mp: Result<Multipart, MultipartRejection>,
) -> Response {
    let endpoint = Endpoint::V3SearchByFace;
    let form = match read_form(&shared, endpoint, ENV, mp).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    let run = || -> Result<Response, Response> {
        apply_forced(&shared, endpoint, ENV, &headers, &form)?;
        check_form(&shared, ENV, &form, SELFIE_ONLY)?;
        let Some(selfie) = form.get("selfie").filter(|p| !p.data.is_empty()) else {
            return Err(fail(&shared, ENV, 5002, "selfie is required"));
        };
        let records = super::records::by_face(&shared, &selfie.data);
        Ok(respond::v3_ok(Value::Array(
            records.into_iter().map(|r| r.body).collect(),
        )))
    };
    run().unwrap_or_else(|r| r)
}

/// `POST /api/v3/kyc_verification/analyzeFace`.
pub(super) async fn analyze(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    mp: Result<Multipart, MultipartRejection>,
) -> Response {
    let endpoint = Endpoint::V3AnalyzeFace;
    let form = match read_form(&shared, endpoint, ENV, mp).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    let run = || -> Result<Response, Response> {
        apply_forced(&shared, endpoint, ENV, &headers, &form)?;
        check_form(&shared, ENV, &form, SELFIE_ONLY)?;
        if !form.has("selfie") {
            return Err(fail(&shared, ENV, 5002, "selfie is required"));
        }
        Ok(respond::v3_ok(synth::analyze_face()))
    };
    run().unwrap_or_else(|r| r)
}

/// `GET /api/v3/workflows/rules?workflowId=`: 5001 (no `result`) for unknown ids.
pub(super) async fn rules(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if let Some(resp) = forced_plain(&shared, Endpoint::V3WorkflowRules, &headers) {
        return resp;
    }
    let Some(id) = q.get("workflowId").filter(|s| !s.is_empty()) else {
        return respond::error_with_message(ENV, 5002, "workflowId is required");
    };
    match shared.workflow(id) {
        Some(wf) => respond::v3_ok(wf.rules_json(shared.config.webhook.url.as_deref())),
        None => respond::code(ENV, 5001),
    }
}

/// `GET /api/v3/workflows/rulesbylink?link=`: 8014 unknown, 8015 expired.
pub(super) async fn rules_by_link(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if let Some(resp) = forced_plain(&shared, Endpoint::V3WorkflowRulesByLink, &headers) {
        return resp;
    }
    let id = q.get("link").map(String::as_str).unwrap_or_default();
    if let Some(Forced::Code(c)) = find_marker(id) {
        return respond::code(ENV, c);
    }
    let link = match shared.check_link(id) {
        Ok(link) => link,
        Err(e) => return respond::code(ENV, e.code()),
    };
    let wf_id = link
        .workflow_id
        .unwrap_or_else(|| Workflow::DEFAULT_ID.to_owned());
    let wf = lock(&shared.store).workflows.get(&wf_id).cloned();
    match wf {
        Some(wf) => respond::v3_ok(wf.rules_json(shared.config.webhook.url.as_deref())),
        None => respond::code(ENV, 5001),
    }
}
