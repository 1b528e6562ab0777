//! V2 routes (§2): rules, single and multi verification, summary, face check. The link
//! flow variants reuse [`single_flow`] and [`multi_flow`].

use std::sync::Arc;

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::HeaderMap;
use axum::response::Response;
use faceki_types::Endpoint;
use serde_json::{Value, json};

use super::common::{apply_forced, check_form, check_quota, fail, read_form};
use crate::ids::kind;
use crate::lock;
use crate::multipart::{Form, Spec};
use crate::respond::{self, Envelope};
use crate::state::{Link, Record, Shared};
use crate::synth;

const ENV: Envelope = Envelope::V2;

/// `GET /kycrules/api/kycrules`: the §2.3 rules object.
pub(super) async fn rules(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    if let Some(resp) = forced_plain(&shared, Endpoint::KycRules, &headers) {
        return resp;
    }
    respond::v2_ok(synth::v2_rules(
        &shared.config.v2_documents,
        &shared.clock.iso_now(),
    ))
}

/// A forced code on a route without a form (markers cannot apply).
pub(super) fn forced_plain(
    shared: &Shared,
    endpoint: Endpoint,
    headers: &HeaderMap,
) -> Option<Response> {
    match shared.forced(endpoint, headers, []) {
        Some(crate::scenarios::Forced::Code(c)) if c != 0 && c != 200 => {
            Some(respond::code(super::envelope_of(endpoint), c))
        }
        _ => None,
    }
}

pub(super) const SINGLE: Spec = Spec {
    images: &["selfie_image", "doc_front_image", "doc_back_image"],
    texts: &[],
};

/// `POST /kycverify/api/kycverify/kyc-verification`.
pub(super) async fn single(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    mp: Result<Multipart, MultipartRejection>,
) -> Response {
    let form = match read_form(&shared, Endpoint::SingleVerification, ENV, mp).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    single_flow(
        &shared,
        Endpoint::SingleVerification,
        &headers,
        &form,
        SINGLE,
        false,
    )
    .unwrap_or_else(|r| r)
}

/// The single-document flow for the token and the link routes.
pub(super) fn single_flow(
    shared: &Shared,
    endpoint: Endpoint,
    headers: &HeaderMap,
    form: &Form,
    spec: Spec,
    link_required: bool,
) -> Result<Response, Response> {
    let decision = apply_forced(shared, endpoint, ENV, headers, form)?;
    let link = if link_required {
        Some(link_of(shared, form)?)
    } else {
        None
    };
    check_form(shared, ENV, form, spec)?;
    for name in ["selfie_image", "doc_front_image", "doc_back_image"] {
        if !form.has(name) {
            return Err(fail(shared, ENV, 8001, &format!("{name} is required")));
        }
    }
    let document = form
        .text("selectedDoc")
        .unwrap_or_else(|| "ID Card".to_owned());
    if !shared.config.v2_documents.contains(&document) {
        return Err(fail(
            shared,
            ENV,
            8001,
            &format!("selectedDoc {document} is not allowed"),
        ));
    }
    check_quota(shared, ENV)?;
    let request_id = shared.ids.uuid(kind::REQUEST);
    let images = ["selfie_image", "doc_front_image", "doc_back_image"];
    let data = synth::v2_data(&request_id, &document, decision != "DECLINED", &images);
    save(shared, form, &request_id, &decision, link, data.clone());
    Ok(respond::v2_ok(data))
}

pub(super) const MULTI: Spec = Spec {
    images: &[
        "selfie_image",
        "id_front_image",
        "id_back_image",
        "dl_front_image",
        "dl_back_image",
        "pp_front_image",
        "pp_back_image",
    ],
    texts: &[],
};

/// `POST /kycverify/api/kycverify/multi-kyc-verification`.
pub(super) async fn multi(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    mp: Result<Multipart, MultipartRejection>,
) -> Response {
    let form = match read_form(&shared, Endpoint::MultiVerification, ENV, mp).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    multi_flow(
        &shared,
        Endpoint::MultiVerification,
        &headers,
        &form,
        MULTI,
        false,
    )
    .unwrap_or_else(|r| r)
}

/// The multi-document flow for the token and the link routes.
pub(super) fn multi_flow(
    shared: &Shared,
    endpoint: Endpoint,
    headers: &HeaderMap,
    form: &Form,
    spec: Spec,
    link_required: bool,
) -> Result<Response, Response> {
    let decision = apply_forced(shared, endpoint, ENV, headers, form)?;
    let link = if link_required {
        Some(link_of(shared, form)?)
    } else {
        None
    };
    check_form(shared, ENV, form, spec)?;
    if !form.has("selfie_image") {
        return Err(fail(shared, ENV, 8001, "selfie_image is required"));
    }
    let request_id = shared.ids.uuid(kind::REQUEST);
    let mut data = json!({ "requestId": request_id });
    let mut any = false;
    for (prefix, key, document, back_required) in [
        ("id", "idKycData", "ID Card", true),
        ("dl", "dlKycData", "Driving License", true),
        ("pp", "ppKycData", "Passport", false),
    ] {
        let front = format!("{prefix}_front_image");
        let back = format!("{prefix}_back_image");
        match (form.has(&front), form.has(&back)) {
            (false, false) => continue,
            (false, true) => return Err(fail(shared, ENV, 8001, &format!("{front} is required"))),
            (true, false) if back_required => {
                return Err(fail(shared, ENV, 8001, &format!("{back} is required")));
            }
            _ => {}
        }
        if !shared.config.v2_documents.iter().any(|d| d == document) {
            return Err(fail(
                shared,
                ENV,
                8001,
                &format!("{document} is not allowed"),
            ));
        }
        any = true;
        let images = ["selfie_image", front.as_str(), back.as_str()];
        let inner = synth::v2_data(&request_id, document, decision != "DECLINED", &images);
        data[key] = json!({ "responseCode": 0, "data": inner });
    }
    if !any {
        return Err(fail(shared, ENV, 8001, "at least one document is required"));
    }
    check_quota(shared, ENV)?;
    save(shared, form, &request_id, &decision, link, data.clone());
    Ok(respond::v2_ok(data))
}

/// Checks the `link` text part of a link-flow form: 8014 unknown, 8015 expired.
pub(super) fn link_of(shared: &Shared, form: &Form) -> Result<(String, Link), Response> {
    let Some(id) = form.text("link") else {
        return Err(fail(shared, ENV, 8014, "link is required"));
    };
    match shared.check_link(&id) {
        Ok(link) => Ok((id, link)),
        Err(e) => {
            shared.count_failure();
            Err(respond::code(ENV, e.code()))
        }
    }
}

fn save(
    shared: &Shared,
    form: &Form,
    request_id: &str,
    decision: &str,
    link: Option<(String, Link)>,
    body: Value,
) {
    let face_id = form
        .get("selfie_image")
        .map(|p| shared.face_id_for(&p.data))
        .unwrap_or_default();
    let (link_id, reference) = match link {
        Some((id, l)) => (Some(id), l.application_id),
        None => (None, None),
    };
    let record = Record {
        request_id: request_id.to_owned(),
        reference,
        link: link_id,
        face_id,
        body,
    };
    shared.save(record, decision);
}

/// `GET /kycverify/api/kycverify/kyc-verify-summary`: counts of what happened.
pub(super) async fn summary(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    if let Some(resp) = forced_plain(&shared, Endpoint::KycSummary, &headers) {
        return resp;
    }
    let store = lock(&shared.store);
    let s = &store.summary;
    respond::v2_ok(json!({
        "totalVerifications": store.records.len(),
        "accepted": s.accepted,
        "declined": s.declined,
        "review": s.review,
        "failed": s.failed,
        "linksCreated": s.links,
        "faceSearches": s.face_searches,
    }))
}

const FACE_CHECK: Spec = Spec {
    images: &["selfie_image"],
    texts: &[],
};

/// `POST /facelink/api/face-check`: records whose selfie bytes equal this one.
pub(super) async fn face_check(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    mp: Result<Multipart, MultipartRejection>,
) -> Response {
    let form = match read_form(&shared, Endpoint::FaceCheck, ENV, mp).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    let run = || -> Result<Response, Response> {
        apply_forced(&shared, Endpoint::FaceCheck, ENV, &headers, &form)?;
        check_form(&shared, ENV, &form, FACE_CHECK)?;
        let Some(selfie) = form.get("selfie_image").filter(|p| !p.data.is_empty()) else {
            return Err(fail(&shared, ENV, 8001, "selfie_image is required"));
        };
        let records = super::records::by_face(&shared, &selfie.data);
        let face_ids: Vec<&str> = records
            .first()
            .map(|r| r.face_id.as_str())
            .into_iter()
            .collect();
        let kyc: Vec<Value> = records
            .iter()
            .map(|r| json!({ "_id": r.request_id.replace('-', "")[..24].to_owned(), "kycResponse": r.body }))
            .collect();
        Ok(respond::v2_ok(json!({
            "face_verified": !records.is_empty(),
            "all_face_ids": face_ids,
            "kyc_records": kyc,
        })))
    };
    run().unwrap_or_else(|r| r)
}
