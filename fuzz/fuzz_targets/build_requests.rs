//! Fuzz target: arbitrary ids, strings, images, file names and boundaries through every
//! request builder and the multipart framing.
//!
//! Nothing may panic, and:
//! - an id, filter or token query is accepted exactly when it is valid text, and the
//!   query parsed back with `form_urlencoded::parse` gives the same pairs;
//! - JSON bodies (token variant B, create link) parse back to the values given;
//! - a token request's `Debug` never shows the client secret;
//! - a resolved PDF report path is printable ASCII without `?` or `#`;
//! - a framed multipart body's `Content-Length` is the sum of its segments (and the
//!   length of the bytes actually produced), its `Content-Type` is one clean header
//!   value, it opens and closes with the boundary and holds one delimiter per part;
//!   refusals are only for an invalid boundary, a colliding text value or a length
//!   overflow.

#![no_main]

use arbitrary::Arbitrary;
use faceki_types::request::{
    Body, CreateLink, LinkSingleVerification, MultiVerification, Multipart, Part, PdfReportPath,
    RecordsQuery, RequestError, RequestSpec, Segment, SingleVerification, TokenRequestVariant,
    V3Verification, face_check_request, kyc_rules_request, kyc_summary_request,
    records_by_link_request, records_by_reference_request, token_request, v3_analyze_face_request,
    v3_pdf_report_request, v3_search_by_face_request, v3_workflow_rules_by_link_request,
    v3_workflow_rules_request, validate_boundary, validate_link_request,
};
use faceki_types::{Image, ImageFormat, Secret};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

#[derive(Arbitrary, Debug)]
struct FuzzImage {
    content: Vec<u8>,
    png: bool,
    file_name: Option<String>,
    /// A declared length different from the content's (a file that changed on disk).
    len_override: Option<u64>,
}

impl FuzzImage {
    fn image(&self) -> Image<Vec<u8>> {
        let format = if self.png {
            ImageFormat::Png
        } else {
            ImageFormat::Jpeg
        };
        let len = self.len_override.unwrap_or(self.content.len() as u64);
        let image = Image::new(self.content.clone(), format, len);
        match &self.file_name {
            Some(name) => image.with_file_name(name.clone()),
            None => image,
        }
    }
}

#[derive(Arbitrary, Debug)]
struct Input {
    id: String,
    filters: [Option<String>; 4],
    expiry_minutes: Option<u64>,
    application_id: Option<String>,
    redirect_url: Option<String>,
    link_workflow_id: Option<String>,
    flag: Option<bool>,
    workflow_id: Option<String>,
    record_identifier: Option<String>,
    link: Option<String>,
    selected_doc: String,
    images: [Option<FuzzImage>; 7],
    boundary: String,
    client_id: String,
    client_secret: String,
    pdf_template: String,
}

fuzz_target!(|input: Input| {
    ids(&input.id);
    records(&input.filters);
    create_link(&input);
    token(&input.client_id, &input.client_secret);
    pdf(&input.pdf_template, &input.id);
    assert!(kyc_rules_request().query_params().is_empty());
    assert!(kyc_summary_request().query_params().is_empty());
    multiparts(&input);
});

fn is_valid_text(value: &str) -> bool {
    !value.trim().is_empty() && !value.chars().any(char::is_control)
}

/// The query of a spec, parsed back.
fn parsed_query<S>(spec: &RequestSpec<S>) -> Vec<(String, String)> {
    let pq = spec.path_and_query();
    let (path, query) = pq.split_once('?').unwrap_or((&pq, ""));
    assert_eq!(path, spec.path());
    form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

type IdBuilder = fn(&str) -> Result<RequestSpec, RequestError>;

fn ids(value: &str) {
    let builders: [(IdBuilder, &str); 5] = [
        (records_by_link_request, "linkId"),
        (records_by_reference_request, "referenceId"),
        (validate_link_request, "url"),
        (v3_workflow_rules_request, "workflowId"),
        (v3_workflow_rules_by_link_request, "link"),
    ];
    for (build, field) in builders {
        match build(value) {
            Ok(spec) => {
                assert!(is_valid_text(value), "{field}: accepted invalid text");
                assert_eq!(
                    parsed_query(&spec),
                    vec![(field.to_owned(), value.to_owned())]
                );
            }
            Err(_) => assert!(!is_valid_text(value), "{field}: refused valid text"),
        }
    }
}

fn records(filters: &[Option<String>; 4]) {
    let names = ["requestId", "face_id", "link", "record_identifier"];
    let mut query = RecordsQuery::new();
    let [a, b, c, d] = filters.clone();
    if let Some(v) = a {
        query = query.request_id(v);
    }
    if let Some(v) = b {
        query = query.face_id(v);
    }
    if let Some(v) = c {
        query = query.link(v);
    }
    if let Some(v) = d {
        query = query.record_identifier(v);
    }
    let all_valid = filters.iter().flatten().all(|v| is_valid_text(v));
    let any = filters.iter().any(Option::is_some);
    match query.build() {
        Ok(spec) => {
            assert!(all_valid && any);
            let expected: Vec<(String, String)> = names
                .iter()
                .zip(filters)
                .filter_map(|(n, v)| v.clone().map(|v| ((*n).to_owned(), v)))
                .collect();
            assert_eq!(parsed_query(&spec), expected);
        }
        Err(_) => assert!(!(all_valid && any)),
    }
}

fn create_link(input: &Input) {
    let mut link = CreateLink::new();
    if let Some(m) = input.expiry_minutes {
        link = link.expiry_minutes(m);
    }
    if let Some(v) = &input.application_id {
        link = link.application_id(v.clone());
    }
    if let Some(v) = &input.redirect_url {
        link = link.redirect_url(v.clone());
    }
    if let Some(v) = &input.link_workflow_id {
        link = link.workflow_id(v.clone());
    }
    if let Some(f) = input.flag {
        link = link.document_optional(f).require_additional_doc(!f);
    }
    let all_valid = [
        &input.application_id,
        &input.redirect_url,
        &input.link_workflow_id,
    ]
    .iter()
    .all(|v| v.as_deref().is_none_or(is_valid_text));
    match link.build() {
        Ok(spec) => {
            assert!(all_valid);
            let Body::Json(json) = spec.body_ref() else {
                panic!("create link without a JSON body")
            };
            let value: Value = serde_json::from_slice(&json.bytes).expect("JSON body");
            let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
            assert_eq!(
                value.get("expiryTime").and_then(Value::as_u64),
                input.expiry_minutes
            );
            assert_eq!(text("applicationId"), input.application_id);
            assert_eq!(text("redirect_url"), input.redirect_url);
            assert_eq!(text("workflowId"), input.link_workflow_id);
            assert_eq!(
                value.get("document_optional").and_then(Value::as_bool),
                input.flag
            );
        }
        Err(_) => assert!(!all_valid),
    }
}

fn token(client_id: &str, client_secret: &str) {
    let secret = Secret::new(client_secret);
    let valid = !client_id.trim().is_empty() && !client_secret.trim().is_empty();
    // A secret that could not appear in the Debug text by coincidence.
    let distinctive =
        client_secret.len() >= 8 && !client_secret.is_ascii() && !client_id.contains(client_secret);
    for variant in [TokenRequestVariant::QueryGet, TokenRequestVariant::JsonPost] {
        let spec = match token_request(variant, client_id, &secret) {
            Ok(spec) => spec,
            Err(_) => {
                assert!(!valid, "refused a non-blank client id and secret");
                continue;
            }
        };
        assert!(valid, "accepted a blank client id or secret");
        assert!(spec.carries_secret());
        if distinctive {
            assert!(
                !format!("{spec:?}").contains(client_secret),
                "Debug shows the client secret"
            );
        }
        let expected = vec![
            ("clientId".to_owned(), client_id.to_owned()),
            ("clientSecret".to_owned(), client_secret.to_owned()),
        ];
        match variant {
            TokenRequestVariant::QueryGet => assert_eq!(parsed_query(&spec), expected),
            _ => {
                let Body::Json(json) = spec.body_ref() else {
                    panic!("token variant B without a JSON body")
                };
                let value: Value = serde_json::from_slice(&json.bytes).expect("JSON body");
                assert_eq!(value["clientId"], client_id);
                assert_eq!(value["clientSecret"], client_secret);
                assert!(parsed_query(&spec).is_empty());
            }
        }
    }
}

fn pdf(template: &str, request_id: &str) {
    let template = format!("/{template}{}", PdfReportPath::PLACEHOLDER);
    let Ok(path) = PdfReportPath::new(template) else {
        return;
    };
    if let Ok(spec) = v3_pdf_report_request(&path, request_id) {
        assert!(is_valid_text(request_id));
        let resolved = spec.path_and_query();
        assert!(resolved.bytes().all(|b| b.is_ascii_graphic()));
        assert!(!resolved.contains(['?', '#']));
    }
}

fn multiparts(input: &Input) {
    let img = |i: usize| input.images[i].as_ref().map(FuzzImage::image);
    let boundary = input.boundary.as_str();

    // V3-3 / V3-9.
    let mut v3 = match &input.workflow_id {
        Some(w) => V3Verification::new(w.clone()),
        None => V3Verification::without_workflow(),
    };
    if let Some(r) = &input.record_identifier {
        v3 = v3.record_identifier(r.clone());
    }
    if let Some(i) = img(0) {
        v3 = v3.selfie(i);
    }
    if let Some(i) = img(1) {
        v3 = v3.document_1_front(i);
    }
    if let Some(i) = img(2) {
        v3 = v3.document_1_back(i);
    }
    if let Some(i) = img(3) {
        v3 = v3.document_2_front(i);
    }
    if let Some(i) = img(4) {
        v3 = v3.document_2_back(i);
    }
    if let Some(i) = img(5) {
        v3 = v3.document_3_front(i);
    }
    if let Some(i) = img(6) {
        v3 = v3.document_3_back(i);
    }
    let built = match &input.link {
        Some(l) => v3.build_with_link(l),
        None => v3.build(),
    };
    frame(built, boundary);

    // V2-3.
    let mut single = SingleVerification::new();
    if let Some(i) = img(0) {
        single = single.selfie_image(i);
    }
    if let Some(i) = img(1) {
        single = single.doc_front_image(i);
    }
    if let Some(i) = img(2) {
        single = single.doc_back_image(i);
    }
    frame(single.build(), boundary);

    // V2-4 / V2-L2.
    let multi = || {
        let mut m = MultiVerification::new();
        if let Some(i) = img(0) {
            m = m.selfie_image(i);
        }
        if let Some(i) = img(1) {
            m = m.id_front_image(i);
        }
        if let Some(i) = img(2) {
            m = m.id_back_image(i);
        }
        if let Some(i) = img(3) {
            m = m.dl_front_image(i);
        }
        if let Some(i) = img(4) {
            m = m.dl_back_image(i);
        }
        if let Some(i) = img(5) {
            m = m.pp_front_image(i);
        }
        if let Some(i) = img(6) {
            m = m.pp_back_image(i);
        }
        m
    };
    frame(multi().build(), boundary);
    let link = input.link.as_deref().unwrap_or(&input.id);
    let with_link = multi().build_with_link(link);
    if with_link.is_ok() {
        assert!(is_valid_text(link));
    }
    frame(with_link, boundary);

    // V2-L3.
    let mut link_single =
        LinkSingleVerification::new(link).selected_doc(input.selected_doc.as_str());
    if let Some(i) = img(1) {
        link_single = link_single.doc_front_image(i);
    }
    if let Some(i) = img(2) {
        link_single = link_single.doc_back_image(i);
    }
    if let Some(i) = img(0) {
        link_single = link_single.selfie_image(i);
    }
    frame(link_single.build(), boundary);

    // One-image calls.
    if let Some(i) = img(0) {
        frame(face_check_request(i.clone()), boundary);
        frame(v3_search_by_face_request(i.clone()), boundary);
        frame(v3_analyze_face_request(i), boundary);
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    let mut n = 0;
    let mut rest = haystack;
    while let Some(at) = find(rest, needle) {
        n += 1;
        rest = &rest[at + needle.len()..];
    }
    n
}

/// Frames a built multipart spec and checks the framing.
fn frame(built: Result<RequestSpec<Vec<u8>>, RequestError>, boundary: &str) {
    let Ok(spec) = built else { return };
    let Body::Multipart(parts) = spec.into_body() else {
        panic!("a verification without a multipart body")
    };
    let part_count = parts.len();
    let dash_boundary = format!("--{boundary}");
    let mut declared: Option<u64> = Some(0);
    let mut exact = true;
    let mut text_collides = false;
    let mut file_holds_delimiter = false;
    for part in &parts {
        match part {
            Part::Text { value, .. } => {
                text_collides |= value.contains(&dash_boundary);
            }
            Part::File { len, source, .. } => {
                declared = declared.and_then(|d| d.checked_add(*len));
                exact &= *len == source.len() as u64;
                file_holds_delimiter |= find(source, dash_boundary.as_bytes()).is_some();
            }
            _ => panic!("unknown part kind"),
        }
    }
    let framed = match Multipart::new(boundary, parts) {
        Ok(framed) => framed,
        Err(RequestError::InvalidBoundary { .. }) => {
            assert!(validate_boundary(boundary).is_err());
            return;
        }
        Err(RequestError::BoundaryCollision { .. }) => {
            assert!(text_collides, "collision reported where there is none");
            return;
        }
        Err(err) => {
            // The part heads and delimiters add far less than 4 GiB.
            let overflows = declared.and_then(|d| d.checked_add(1 << 32)).is_none();
            assert!(overflows, "unexpected refusal: {err}");
            return;
        }
    };
    assert!(validate_boundary(boundary).is_ok());
    assert!(!text_collides, "a colliding text value was framed");
    let sum: u64 = framed.segments().iter().map(Segment::len).sum();
    assert_eq!(
        framed.content_length(),
        sum,
        "Content-Length is not the sum"
    );
    let content_type = framed.content_type();
    assert!(content_type.is_ascii() && !content_type.contains(['\r', '\n']));
    assert!(content_type.starts_with("multipart/form-data; boundary="));
    if !exact {
        return;
    }
    let mut bytes = b"\r\n".to_vec();
    for segment in framed.segments() {
        match segment {
            Segment::Bytes(b) => bytes.extend_from_slice(b),
            Segment::File { source, .. } => bytes.extend_from_slice(source),
            _ => panic!("unknown segment kind"),
        }
    }
    assert_eq!(bytes.len() as u64 - 2, framed.content_length());
    let delimiter = format!("\r\n{dash_boundary}");
    assert!(bytes.starts_with(format!("{delimiter}\r\n").as_bytes()));
    assert!(bytes.ends_with(format!("{delimiter}--\r\n").as_bytes()));
    if !file_holds_delimiter {
        assert_eq!(count(&bytes, delimiter.as_bytes()), part_count + 1);
    }
}
