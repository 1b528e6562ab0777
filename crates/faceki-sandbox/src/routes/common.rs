//! Steps shared by the verification routes: reading the form, applying a forced
//! outcome, checking the quota. (The webhook after a V3 verification is sent by
//! `crate::webhook::spawn_completed`.)

use axum::extract::Multipart;
use axum::extract::multipart::MultipartRejection;
use axum::http::HeaderMap;
use axum::response::Response;
use faceki_types::Endpoint;

use crate::lock;
use crate::multipart::{self, Form, FormError, Spec};
use crate::respond::{self, Envelope};
use crate::scenarios::Forced;
use crate::state::Shared;

/// The V2 or V3 code for "a part is missing, unknown or not an image".
pub(super) fn fields_code(envelope: Envelope) -> i64 {
    match envelope {
        Envelope::V3 => 5002,
        Envelope::V2 | Envelope::Token => 8001,
    }
}

/// Reads the form and records its shape for inspection.
pub(super) async fn read_form(
    shared: &Shared,
    endpoint: Endpoint,
    envelope: Envelope,
    mp: Result<Multipart, MultipartRejection>,
) -> Result<Form, Response> {
    let form = multipart::read(mp)
        .await
        .map_err(|e| form_error(envelope, &e))?;
    lock(&shared.inspect).set_parts(endpoint, form.infos());
    Ok(form)
}

/// The answer to a refused form.
pub(super) fn form_error(envelope: Envelope, e: &FormError) -> Response {
    match e {
        FormError::TooLarge => respond::too_large(envelope),
        other => respond::error_with_message(envelope, fields_code(envelope), &other.message()),
    }
}

/// Applies a forced outcome: `Err` is the answer to send, `Ok` the decision to use.
pub(super) fn apply_forced(
    shared: &Shared,
    endpoint: Endpoint,
    envelope: Envelope,
    headers: &HeaderMap,
    form: &Form,
) -> Result<String, Response> {
    let sources = form.marker_sources();
    match shared.forced(endpoint, headers, sources.iter().map(String::as_str)) {
        Some(Forced::Code(0 | 200)) | None => Ok("ACCEPTED".to_owned()),
        Some(Forced::Decision(d)) => Ok(d),
        Some(Forced::Code(code)) => {
            shared.count_failure();
            Err(respond::code(envelope, code))
        }
    }
}

/// Checks the part names, then the quota; failures are counted in the summary.
pub(super) fn check_form(
    shared: &Shared,
    envelope: Envelope,
    form: &Form,
    spec: Spec,
) -> Result<(), Response> {
    if let Err(e) = form.check(spec) {
        shared.count_failure();
        return Err(form_error(envelope, &e));
    }
    Ok(())
}

/// A failure answer that is counted in the summary.
pub(super) fn fail(shared: &Shared, envelope: Envelope, code: i64, message: &str) -> Response {
    shared.count_failure();
    respond::error_with_message(envelope, code, message)
}

/// 8017 once the verification quota is used up.
pub(super) fn check_quota(shared: &Shared, envelope: Envelope) -> Result<(), Response> {
    if shared.quota_reached() {
        shared.count_failure();
        return Err(respond::code(envelope, 8017));
    }
    Ok(())
}
