//! Record lookups (§2.8, §3.5): by request id, face id, link, record identifier and
//! reference id; face matching for the search routes; the PDF report.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use faceki_types::Endpoint;
use serde_json::Value;

use super::v2::forced_plain;
use crate::lock;
use crate::respond::{self, Envelope};
use crate::state::{Record, Shared};
use crate::workflow::fnv;

/// Records whose selfie had exactly these bytes (the sandbox never looks at pixels).
pub(crate) fn by_face(shared: &Shared, selfie: &[u8]) -> Vec<Record> {
    let mut store = lock(&shared.store);
    store.summary.face_searches += 1;
    let Some(face_id) = store.faces.get(&fnv(selfie)).cloned() else {
        return Vec::new();
    };
    store
        .records
        .iter()
        .filter(|r| r.face_id == face_id)
        .cloned()
        .collect()
}

type Q = Query<HashMap<String, String>>;

/// `GET /kycverify/api/kycverify/records` and `GET /api/v3/kyc_verification`: V3
/// envelope, `result` an array; filters `requestId`, `face_id`, `link`,
/// `record_identifier` combine; none given answers 400 BAD_REQUEST.
pub(super) async fn records(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Query(q): Q,
) -> Response {
    if let Some(resp) = forced_plain(&shared, Endpoint::Records, &headers) {
        return resp;
    }
    let filters: Vec<(&str, &String)> = ["requestId", "face_id", "link", "record_identifier"]
        .into_iter()
        .filter_map(|k| q.get(k).filter(|v| !v.is_empty()).map(|v| (k, v)))
        .collect();
    if filters.is_empty() {
        return respond::error_with_message(
            Envelope::V3,
            400,
            "one of requestId, face_id, link, record_identifier is required",
        );
    }
    let store = lock(&shared.store);
    let found: Vec<Value> = store
        .records
        .iter()
        .filter(|r| {
            filters.iter().all(|(k, v)| match *k {
                "requestId" => &r.request_id == *v,
                "face_id" => &r.face_id == *v,
                "link" => r.link.as_ref() == Some(*v),
                _ => r.reference.as_ref() == Some(*v),
            })
        })
        .map(|r| r.body.clone())
        .collect();
    respond::v3_ok(Value::Array(found))
}

/// `GET /kycverify/api/kycverify/link?linkId=`: V2 envelope, `data` an array; 8014 for
/// an unknown link.
pub(super) async fn by_link(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Query(q): Q,
) -> Response {
    if let Some(resp) = forced_plain(&shared, Endpoint::RecordsByLink, &headers) {
        return resp;
    }
    let id = q.get("linkId").cloned().unwrap_or_default();
    let store = lock(&shared.store);
    if !store.links.contains_key(&id) {
        return respond::code(Envelope::V2, 8014);
    }
    let found: Vec<Value> = store
        .records
        .iter()
        .filter(|r| r.link.as_ref() == Some(&id))
        .map(|r| r.body.clone())
        .collect();
    respond::v2_ok(Value::Array(found))
}

/// `GET /kycverify/api/kycverify/reference?referenceId=`: V2 envelope, `data` an array;
/// 8013 DATA_NOT_FOUND when nothing matches.
pub(super) async fn by_reference(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Query(q): Q,
) -> Response {
    if let Some(resp) = forced_plain(&shared, Endpoint::RecordsByReference, &headers) {
        return resp;
    }
    let id = q.get("referenceId").cloned().unwrap_or_default();
    let store = lock(&shared.store);
    let found: Vec<Value> = store
        .records
        .iter()
        .filter(|r| !id.is_empty() && r.reference.as_ref() == Some(&id))
        .map(|r| r.body.clone())
        .collect();
    if found.is_empty() {
        return respond::code(Envelope::V2, 8013);
    }
    respond::v2_ok(Value::Array(found))
}

/// `GET /api/v3/kyc_verification/report?requestId=`: a tiny PDF; V3 8013 if unknown.
pub(super) async fn pdf(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Query(q): Q,
) -> Response {
    if let Some(resp) = forced_plain(&shared, Endpoint::V3PdfReport, &headers) {
        return resp;
    }
    let id = q.get("requestId").cloned().unwrap_or_default();
    let decision = lock(&shared.store)
        .records
        .iter()
        .find(|r| r.request_id == id)
        .map(|r| r.body["decision"].as_str().unwrap_or("ACCEPTED").to_owned());
    let Some(decision) = decision else {
        return respond::code(Envelope::V3, 8013);
    };
    let mut res = pdf_bytes(&format!("Sandbox KYC report {id}: {decision}")).into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    res
}

/// A one-page PDF showing `text`, with a correct cross-reference table.
pub(crate) fn pdf_bytes(text: &str) -> Vec<u8> {
    let safe: String = text
        .chars()
        .filter(|c| c.is_ascii_graphic() || *c == ' ')
        .filter(|c| !matches!(c, '(' | ')' | '\\'))
        .collect();
    let stream = format!("BT /F1 12 Tf 72 720 Td ({safe}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_owned(),
        format!(
            "<< /Length {} >>\nstream\n{stream}\nendstream",
            stream.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, obj) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{obj}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_cross_reference_offsets_point_at_their_objects() {
        let pdf = pdf_bytes("Sandbox (report) 1");
        let text = String::from_utf8(pdf.clone()).unwrap();
        assert!(text.starts_with("%PDF-1.4\n") && text.ends_with("%%EOF\n"));
        assert!(text.contains("(Sandbox report 1)"));
        let xref_at: usize = text.lines().rev().nth(1).unwrap().parse().unwrap();
        assert!(text[xref_at..].starts_with("xref\n0 6\n"));
        let offsets: Vec<usize> = text[xref_at..]
            .lines()
            .skip(3)
            .take(5)
            .map(|l| l[..10].parse().unwrap())
            .collect();
        for (i, off) in offsets.iter().enumerate() {
            assert!(text[*off..].starts_with(&format!("{} 0 obj", i + 1)));
        }
    }
}
