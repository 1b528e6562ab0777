//! The router: every path of reference §2.1 and §3.1 (with their alternative spellings),
//! the gate every request passes (inspection, faults, body limit, bearer check) and the
//! admin routes under `/__sandbox/`.

// Route steps return `Result<_, Response>` where the error *is* the answer to send;
// boxing it would only add noise on a path where size does not matter.
#![allow(clippy::result_large_err)]

mod admin;
mod common;
mod records;
mod token;
mod v2;
mod v2_link;
mod v3;

use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{Method, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use faceki_types::Endpoint;

use crate::faults::{self, ConnControl, Fault};
use crate::inspect::RequestInfo;
use crate::lock;
use crate::processed;
use crate::respond::{self, Envelope};
use crate::state::{Shared, bearer};

/// The path the sandbox serves the V3 PDF report on (the real one is undocumented).
pub const PDF_REPORT_PATH: &str = "/api/v3/kyc_verification/report";

/// The second spelling of the V3 records call (`GET`), named by the fetch-records page.
pub const V3_RECORDS_PATH: &str = "/api/v3/kyc_verification";

/// Endpoints the sandbox serves.
pub(crate) const ROUTED: &[Endpoint] = &[
    Endpoint::AccessToken,
    Endpoint::GenerateToken,
    Endpoint::KycRules,
    Endpoint::SingleVerification,
    Endpoint::MultiVerification,
    Endpoint::KycSummary,
    Endpoint::CreateLink,
    Endpoint::RecordsByLink,
    Endpoint::RecordsByReference,
    Endpoint::Records,
    Endpoint::FaceCheck,
    Endpoint::ValidateLink,
    Endpoint::LinkMultiVerification,
    Endpoint::LinkSingleVerification,
    Endpoint::V3Verification,
    Endpoint::V3SearchByFace,
    Endpoint::V3PdfReport,
    Endpoint::V3WorkflowRules,
    Endpoint::V3WorkflowRulesByLink,
    Endpoint::V3VerificationByLink,
    Endpoint::V3AnalyzeFace,
];

/// Every path an endpoint answers on.
pub(crate) fn paths_of(endpoint: Endpoint) -> Vec<&'static str> {
    match endpoint {
        Endpoint::Records => vec![path(Endpoint::Records), V3_RECORDS_PATH],
        Endpoint::V3PdfReport => vec![PDF_REPORT_PATH],
        e => e.path().into_iter().collect(),
    }
}

/// The endpoint a request belongs to.
pub(crate) fn endpoint_for(method: &Method, uri_path: &str) -> Option<Endpoint> {
    if uri_path == V3_RECORDS_PATH {
        return Some(if method == Method::GET {
            Endpoint::Records
        } else {
            Endpoint::V3Verification
        });
    }
    ROUTED
        .iter()
        .copied()
        .find(|e| paths_of(*e).contains(&uri_path))
}

/// The envelope an endpoint answers in.
pub(crate) fn envelope_of(endpoint: Endpoint) -> Envelope {
    match endpoint {
        Endpoint::AccessToken | Endpoint::GenerateToken => Envelope::Token,
        Endpoint::Records
        | Endpoint::V3Verification
        | Endpoint::V3SearchByFace
        | Endpoint::V3PdfReport
        | Endpoint::V3WorkflowRules
        | Endpoint::V3WorkflowRulesByLink
        | Endpoint::V3VerificationByLink
        | Endpoint::V3AnalyzeFace => Envelope::V3,
        _ => Envelope::V2,
    }
}

fn path(endpoint: Endpoint) -> &'static str {
    endpoint.path().unwrap_or("/__sandbox/unroutable")
}

/// Builds the full router.
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    let limit = shared.config.body_limit;
    Router::new()
        .route(
            path(Endpoint::AccessToken),
            get(token::token).post(token::token),
        )
        .route(
            path(Endpoint::GenerateToken),
            get(token::token).post(token::token),
        )
        .route(path(Endpoint::KycRules), get(v2::rules))
        .route(path(Endpoint::SingleVerification), post(v2::single))
        .route(path(Endpoint::MultiVerification), post(v2::multi))
        .route(path(Endpoint::KycSummary), get(v2::summary))
        .route(path(Endpoint::FaceCheck), post(v2::face_check))
        .route(path(Endpoint::CreateLink), post(v2_link::create))
        .route(path(Endpoint::ValidateLink), get(v2_link::validate))
        .route(
            path(Endpoint::LinkSingleVerification),
            post(v2_link::single),
        )
        .route(path(Endpoint::LinkMultiVerification), post(v2_link::multi))
        .route(path(Endpoint::RecordsByLink), get(records::by_link))
        .route(
            path(Endpoint::RecordsByReference),
            get(records::by_reference),
        )
        .route(path(Endpoint::Records), get(records::records))
        .route(V3_RECORDS_PATH, get(records::records).post(v3::verify))
        .route(PDF_REPORT_PATH, get(records::pdf))
        .route(path(Endpoint::V3SearchByFace), post(v3::search))
        .route(path(Endpoint::V3WorkflowRules), get(v3::rules))
        .route(
            path(Endpoint::V3WorkflowRulesByLink),
            get(v3::rules_by_link),
        )
        .route(
            path(Endpoint::V3VerificationByLink),
            post(v3::verify_by_link),
        )
        .route(path(Endpoint::V3AnalyzeFace), post(v3::analyze))
        .route("/__sandbox/scenarios", get(admin::scenarios))
        .route("/__sandbox/inspect", get(admin::inspect))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(limit))
        .layer(middleware::from_fn_with_state(shared.clone(), gate))
        .with_state(shared)
}

/// Unknown paths: HTTP 404 with the V3 "invalid URL" code.
async fn not_found() -> Response {
    respond::not_found()
}

/// Runs before every route: inspection, faults, body limit and bearer check.
async fn gate(State(shared): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let uri_path = req.uri().path().to_owned();
    if uri_path.starts_with("/__sandbox/") {
        return next.run(req).await;
    }
    let endpoint = endpoint_for(req.method(), &uri_path);
    let query_keys = req
        .uri()
        .query()
        .map(|q| {
            form_urlencoded::parse(q.as_bytes())
                .map(|(k, _)| k.into_owned())
                .collect()
        })
        .unwrap_or_default();
    lock(&shared.inspect).record(RequestInfo {
        endpoint,
        method: req.method().as_str().to_owned(),
        path: uri_path,
        query_keys,
        bearer: bearer(req.headers()).is_some(),
        parts: Vec::new(),
    });

    let ctrl = req.extensions().get::<ConnControl>().cloned();
    let fault = faults::take(&mut lock(&shared.faults), endpoint);
    // Not started until awaited: the faults that answer instead never run the route.
    let route = admit(&shared, endpoint, req, next);
    match fault {
        None => route.await,
        Some(Fault::Latency(delay)) => {
            tokio::time::sleep(delay).await;
            route.await
        }
        Some(Fault::Drop) => faults::close(ctrl).await,
        Some(Fault::SlowBody(over)) => faults::slow(route.await, over).await,
        Some(Fault::ProcessedThen(inner)) => processed::replace(route.await, *inner, ctrl).await,
        Some(other) => faults::respond(&other),
    }
}

/// The rest of the gate once faults are decided: body limit and bearer check.
async fn admit(shared: &Shared, endpoint: Option<Endpoint>, req: Request, next: Next) -> Response {
    let Some(endpoint) = endpoint else {
        return next.run(req).await;
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > shared.config.body_limit) {
        return respond::too_large(envelope_of(endpoint));
    }
    if endpoint.requires_auth() && !shared.bearer_ok(req.headers()) {
        return respond::unauthorized();
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_path_spelling_resolves() {
        for e in ROUTED {
            for p in paths_of(*e) {
                let m = if e.method().as_str() == "GET" {
                    Method::GET
                } else {
                    Method::POST
                };
                assert_eq!(endpoint_for(&m, p), Some(*e), "{p}");
            }
        }
        assert_eq!(
            endpoint_for(&Method::POST, V3_RECORDS_PATH),
            Some(Endpoint::V3Verification)
        );
        assert_eq!(endpoint_for(&Method::GET, "/nope"), None);
    }
}
