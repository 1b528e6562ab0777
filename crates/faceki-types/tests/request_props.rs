//! Property tests of the request builders and the multipart framing: builders never
//! panic and accept exactly the valid inputs, queries round-trip through
//! `form_urlencoded`, and framed bodies have valid heads, an exact length and parse
//! back into the same parts.
//!
//! Runs 1,000 cases per property by default; `PROPTEST_CASES` overrides.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use faceki_types::request::{
    Body, CreateLink, MultiVerification, Multipart, Part, PdfReportPath, RecordsQuery,
    RequestError, RequestSpec, Segment, SingleVerification, V3Verification,
    records_by_link_request, records_by_reference_request, v3_pdf_report_request,
    v3_workflow_rules_by_link_request, v3_workflow_rules_request, validate_boundary,
    validate_link_request,
};
use faceki_types::{Image, ImageFormat};
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000)
}

/// Any unicode, plus strings rich in the characters that break URLs and headers.
fn wild_string() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ -~]{0,24}",
        "[a-z0-9 \"'\\\\/\\r\\n\\t%&=+?#{}.é😀\u{0}-]{0,16}",
        "[A-Za-z0-9-]{1,12}",
    ]
}

/// A boundary made of RFC 2046 characters (sometimes invalid: trailing space).
fn boundary() -> impl Strategy<Value = String> {
    "[A-Za-z0-9'()+_,./:=? -]{1,70}"
}

fn is_valid_text(value: &str) -> bool {
    !value.trim().is_empty() && !value.chars().any(char::is_control)
}

fn expected_text_error(field: &'static str, value: &str) -> RequestError {
    if value.trim().is_empty() {
        RequestError::MissingField { field }
    } else {
        RequestError::InvalidField {
            field,
            reason: "contains control characters",
        }
    }
}

/// The decoded query of a spec, parsed back from `path_and_query`.
fn parsed_query<S>(spec: &RequestSpec<S>) -> Vec<(String, String)> {
    let pq = spec.path_and_query();
    let (path, query) = pq.split_once('?').unwrap_or((&pq, ""));
    assert_eq!(path, spec.path());
    form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

/// An optional image with arbitrary content (no CR, so it cannot hold a delimiter)
/// and an optional arbitrary user file name.
fn image() -> impl Strategy<Value = Option<Image<Vec<u8>>>> {
    proptest::option::weighted(
        0.75,
        (
            proptest::collection::vec(prop_oneof![0u8..13, 14u8..=255], 0..24),
            any::<bool>(),
            proptest::option::of(wild_string()),
        ),
    )
    .prop_map(|img| {
        img.map(|(bytes, png, name)| {
            let format = if png {
                ImageFormat::Png
            } else {
                ImageFormat::Jpeg
            };
            let image = Image::new(bytes.clone(), format, bytes.len() as u64);
            match name {
                Some(name) => image.with_file_name(name),
                None => image,
            }
        })
    })
}

/// One part as read back from the wire.
#[derive(Debug, PartialEq, Eq)]
struct WirePart {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    content: Vec<u8>,
}

fn expected_parts(parts: &[Part<Vec<u8>>]) -> Vec<WirePart> {
    parts
        .iter()
        .map(|part| match part {
            Part::Text { name, value } => WirePart {
                name: (*name).to_owned(),
                file_name: None,
                content_type: None,
                content: value.as_bytes().to_vec(),
            },
            Part::File {
                name,
                file_name,
                content_type,
                source,
                ..
            } => WirePart {
                name: (*name).to_owned(),
                file_name: Some(file_name.clone()),
                content_type: Some((*content_type).to_owned()),
                content: source.clone(),
            },
            _ => panic!("unknown part kind"),
        })
        .collect()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A tiny multipart parser: checks every head line and returns the parts.
fn parse_multipart(body: &[u8], boundary: &str) -> Vec<WirePart> {
    let delimiter = format!("\r\n--{boundary}");
    let mut rest = [b"\r\n".as_slice(), body].concat();
    assert!(
        rest.starts_with(delimiter.as_bytes()),
        "body must open with the boundary"
    );
    rest.drain(..delimiter.len());
    let mut parts = Vec::new();
    loop {
        if rest == b"--\r\n" {
            return parts;
        }
        assert!(rest.starts_with(b"\r\n"), "delimiter must end its line");
        rest.drain(..2);
        let head_end = find(&rest, b"\r\n\r\n").expect("part head ends with a blank line");
        let head = rest[..head_end].to_vec();
        rest.drain(..head_end + 4);
        let end = find(&rest, delimiter.as_bytes()).expect("part ends with a delimiter");
        let content = rest[..end].to_vec();
        rest.drain(..end + delimiter.len());

        assert!(head.is_ascii(), "part head must be ASCII");
        let head = String::from_utf8(head).unwrap();
        let mut lines = head.split("\r\n");
        let disposition = lines.next().unwrap();
        for line in head.split("\r\n") {
            assert!(!line.contains(['\r', '\n']), "no bare CR or LF in a header");
            assert_eq!(
                line.matches('"').count() % 2,
                0,
                "quotes balance in {line:?}"
            );
        }
        let params = disposition
            .strip_prefix("Content-Disposition: form-data; ")
            .expect("form-data disposition");
        let mut name = None;
        let mut file_name = None;
        for param in params.split("; ") {
            let (key, value) = param.split_once('=').unwrap();
            let value = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap();
            assert!(
                !value.contains(['"', '\\']),
                "quoted value holds no quote or backslash"
            );
            match key {
                "name" => name = Some(value.to_owned()),
                "filename" => file_name = Some(value.to_owned()),
                other => panic!("unexpected parameter {other}"),
            }
        }
        let content_type = lines.next().map(|l| {
            l.strip_prefix("Content-Type: ")
                .expect("content type line")
                .to_owned()
        });
        assert!(lines.next().is_none(), "at most two header lines");
        parts.push(WirePart {
            name: name.expect("a name"),
            file_name,
            content_type,
            content,
        });
    }
}

/// Frames a built spec's parts and checks length, heads and round trip.
fn check_framing(spec: RequestSpec<Vec<u8>>, boundary: &str) -> Result<(), TestCaseError> {
    let Body::Multipart(parts) = spec.into_body() else {
        return Err(TestCaseError::fail("expected a multipart body"));
    };
    let expected = expected_parts(&parts);
    let framed = match Multipart::new(boundary, parts) {
        Ok(framed) => framed,
        Err(RequestError::BoundaryCollision { field }) => {
            // Only a text value may collide, and only if it holds the delimiter.
            let part = expected.iter().find(|p| p.name == field).unwrap();
            prop_assert!(part.file_name.is_none());
            let needle = format!("--{boundary}");
            prop_assert!(find(&part.content, needle.as_bytes()).is_some());
            return Ok(());
        }
        Err(err) => {
            prop_assert!(validate_boundary(boundary).is_err(), "unexpected {err}");
            return Ok(());
        }
    };
    let mut bytes = Vec::new();
    let mut sum = 0u64;
    for segment in framed.segments() {
        sum += segment.len();
        match segment {
            Segment::Bytes(b) => bytes.extend_from_slice(b),
            Segment::File { source, len, .. } => {
                prop_assert_eq!(source.len() as u64, *len);
                bytes.extend_from_slice(source);
            }
            _ => return Err(TestCaseError::fail("unknown segment")),
        }
    }
    prop_assert_eq!(sum, framed.content_length());
    prop_assert_eq!(bytes.len() as u64, framed.content_length());
    let content_type = framed.content_type();
    prop_assert!(content_type.is_ascii() && !content_type.contains(['\r', '\n']));
    prop_assert!(content_type.starts_with("multipart/form-data; boundary="));
    prop_assert_eq!(parse_multipart(&bytes, boundary), expected);
    Ok(())
}

type IdBuilder = fn(&str) -> Result<RequestSpec, RequestError>;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn id_queries_round_trip(value in wild_string()) {
        let builders: [(IdBuilder, &str); 5] = [
            (records_by_link_request, "linkId"),
            (records_by_reference_request, "referenceId"),
            (validate_link_request, "url"),
            (v3_workflow_rules_request, "workflowId"),
            (v3_workflow_rules_by_link_request, "link"),
        ];
        for (build, field) in builders {
            match build(&value) {
                Ok(spec) => {
                    prop_assert!(is_valid_text(&value));
                    prop_assert_eq!(parsed_query(&spec), vec![(field.to_owned(), value.clone())]);
                }
                Err(err) => {
                    prop_assert!(!is_valid_text(&value));
                    prop_assert_eq!(err.clone(), expected_text_error(spec_field(&err), &value));
                    prop_assert_eq!(spec_field(&err), field);
                }
            }
        }
    }

    #[test]
    fn records_query_round_trips(filters in proptest::array::uniform4(proptest::option::of(wild_string()))) {
        let names = ["requestId", "face_id", "link", "record_identifier"];
        let mut query = RecordsQuery::new();
        let [a, b, c, d] = filters.clone();
        if let Some(v) = a { query = query.request_id(v); }
        if let Some(v) = b { query = query.face_id(v); }
        if let Some(v) = c { query = query.link(v); }
        if let Some(v) = d { query = query.record_identifier(v); }
        let first_invalid = names.iter().zip(&filters).find_map(|(n, v)| match v {
            Some(v) if !is_valid_text(v) => Some(expected_text_error(n, v)),
            _ => None,
        });
        match query.build() {
            Ok(spec) => {
                prop_assert!(first_invalid.is_none());
                let expected: Vec<(String, String)> = names
                    .iter()
                    .zip(&filters)
                    .filter_map(|(n, v)| v.clone().map(|v| ((*n).to_owned(), v)))
                    .collect();
                prop_assert!(!expected.is_empty());
                prop_assert_eq!(parsed_query(&spec), expected);
            }
            Err(err) => match first_invalid {
                Some(expected) => prop_assert_eq!(err, expected),
                None => {
                    prop_assert!(filters.iter().all(Option::is_none));
                    let is_missing_one_of = matches!(err, RequestError::MissingOneOf { .. });
                    prop_assert!(is_missing_one_of);
                }
            },
        }
    }

    #[test]
    fn create_link_json_round_trips(
        minutes in proptest::option::of(any::<u64>()),
        application_id in proptest::option::of(wild_string()),
        redirect_url in proptest::option::of(wild_string()),
        workflow_id in proptest::option::of(wild_string()),
        flag in proptest::option::of(any::<bool>()),
    ) {
        let mut link = CreateLink::new();
        if let Some(m) = minutes { link = link.expiry_minutes(m); }
        if let Some(v) = &application_id { link = link.application_id(v.clone()); }
        if let Some(v) = &redirect_url { link = link.redirect_url(v.clone()); }
        if let Some(v) = &workflow_id { link = link.workflow_id(v.clone()); }
        if let Some(f) = flag { link = link.document_optional(f).require_additional_doc(!f); }
        let all_valid = [&application_id, &redirect_url, &workflow_id]
            .iter()
            .all(|v| v.as_deref().is_none_or(is_valid_text));
        match link.build() {
            Ok(spec) => {
                prop_assert!(all_valid);
                let Body::Json(json) = spec.body_ref() else { panic!("expected JSON") };
                let value: serde_json::Value = serde_json::from_slice(&json.bytes).unwrap();
                prop_assert_eq!(value.get("expiryTime").and_then(|v| v.as_u64()), minutes);
                prop_assert_eq!(value.get("applicationId").and_then(|v| v.as_str()), application_id.as_deref());
                prop_assert_eq!(value.get("redirect_url").and_then(|v| v.as_str()), redirect_url.as_deref());
                prop_assert_eq!(value.get("workflowId").and_then(|v| v.as_str()), workflow_id.as_deref());
                prop_assert_eq!(value.get("document_optional").and_then(|v| v.as_bool()), flag);
                prop_assert_eq!(value.as_object().unwrap().len(),
                    usize::from(minutes.is_some()) + usize::from(application_id.is_some())
                    + usize::from(redirect_url.is_some()) + usize::from(workflow_id.is_some())
                    + 2 * usize::from(flag.is_some()));
            }
            Err(_) => prop_assert!(!all_valid),
        }
    }

    #[test]
    fn v3_verification_accepts_exactly_the_valid_requests(
        workflow_id in wild_string(),
        record_identifier in proptest::option::of(wild_string()),
        link in proptest::option::of(wild_string()),
        selfie in image(),
        docs in proptest::array::uniform6(image()),
        boundary in boundary(),
    ) {
        let mut builder = match &link {
            Some(l) => V3Verification::by_link_in_workflow(l.clone(), workflow_id.clone()),
            None => V3Verification::by_workflow(workflow_id.clone()),
        };
        if let Some(r) = &record_identifier { builder = builder.record_identifier(r.clone()); }
        if let Some(s) = selfie.clone() { builder = builder.selfie(s); }
        let [d1f, d1b, d2f, d2b, d3f, d3b] = docs.clone();
        if let Some(i) = d1f { builder = builder.document_1_front(i); }
        if let Some(i) = d1b { builder = builder.document_1_back(i); }
        if let Some(i) = d2f { builder = builder.document_2_front(i); }
        if let Some(i) = d2b { builder = builder.document_2_back(i); }
        if let Some(i) = d3f { builder = builder.document_3_front(i); }
        if let Some(i) = d3b { builder = builder.document_3_back(i); }

        let text_ok = is_valid_text(&workflow_id)
            && record_identifier.as_deref().is_none_or(is_valid_text)
            && link.as_deref().is_none_or(is_valid_text);
        let images: Vec<&Image<Vec<u8>>> = selfie.iter().chain(docs.iter().flatten()).collect();
        let images_ok = images.iter().all(|i| i.len > 0);
        let given = |n: usize| docs[2 * n].is_some() || docs[2 * n + 1].is_some();
        let slots_ok = selfie.is_some()
            && docs[0].is_some()
            && (0..3).all(|n| docs[2 * n + 1].is_none() || docs[2 * n].is_some())
            && (!given(2) || given(1));
        let expected_names: Vec<&str> = ["workflowId"]
            .into_iter()
            .chain(record_identifier.as_ref().map(|_| "record_identifier"))
            .chain(link.as_ref().map(|_| "link"))
            .chain(selfie.as_ref().map(|_| "selfie"))
            .chain(
                ["document_1_front", "document_1_back", "document_2_front", "document_2_back", "document_3_front", "document_3_back"]
                    .into_iter()
                    .zip(&docs)
                    .filter_map(|(n, d)| d.as_ref().map(|_| n)),
            )
            .collect();

        match builder.build() {
            Ok(spec) => {
                prop_assert!(text_ok && images_ok && slots_ok);
                let Body::Multipart(parts) = spec.body_ref() else { panic!("multipart") };
                let names: Vec<&str> = parts.iter().map(Part::name).collect();
                prop_assert_eq!(names, expected_names);
                check_framing(spec, &boundary)?;
            }
            Err(err) => {
                prop_assert!(!(text_ok && images_ok && slots_ok), "refused a valid request: {}", err);
            }
        }
    }

    #[test]
    fn v2_multipart_frames_round_trip(
        link in wild_string(),
        selected_doc in wild_string(),
        images in proptest::array::uniform7(image()),
        boundary in boundary(),
    ) {
        let [s, idf, idb, dlf, dlb, ppf, ppb] = images.clone();
        let mut multi = MultiVerification::by_link(link.clone());
        if let Some(i) = s.clone() { multi = multi.selfie_image(i); }
        if let Some(i) = idf.clone() { multi = multi.id_front_image(i); }
        if let Some(i) = idb.clone() { multi = multi.id_back_image(i); }
        if let Some(i) = dlf { multi = multi.dl_front_image(i); }
        if let Some(i) = dlb { multi = multi.dl_back_image(i); }
        if let Some(i) = ppf { multi = multi.pp_front_image(i); }
        if let Some(i) = ppb { multi = multi.pp_back_image(i); }
        if let Ok(spec) = multi.build() {
            prop_assert!(is_valid_text(&link));
            check_framing(spec, &boundary)?;
        }
        let mut single = SingleVerification::by_link(link.clone(), selected_doc.as_str());
        if let Some(i) = idf { single = single.doc_front_image(i); }
        if let Some(i) = idb { single = single.doc_back_image(i); }
        if let Some(i) = s { single = single.selfie_image(i); }
        if let Ok(spec) = single.build() {
            prop_assert!(is_valid_text(&link) && is_valid_text(&selected_doc));
            check_framing(spec, &boundary)?;
        }
    }

    #[test]
    fn boundary_validation_matches_rfc_2046(b in prop_oneof![boundary(), wild_string(), "[a-z]{60,80}"]) {
        let valid = (1..=70).contains(&b.len())
            && !b.ends_with(' ')
            && b.bytes().all(|c| c.is_ascii_alphanumeric() || b"'()+_,-./:=? ".contains(&c));
        prop_assert_eq!(validate_boundary(&b).is_ok(), valid);
    }

    #[test]
    fn wire_file_names_are_safe(name in wild_string(), png in any::<bool>()) {
        let format = if png { ImageFormat::Png } else { ImageFormat::Jpeg };
        let wire = Image::new((), format, 1).with_file_name(name).wire_file_name("document_1_front");
        prop_assert!(!wire.is_empty() && wire.len() <= 64);
        prop_assert!(wire.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b)));
    }

    #[test]
    fn pdf_paths_substitute_reversibly(template in wild_string(), request_id in wild_string()) {
        let template = format!("/{template}{}", PdfReportPath::PLACEHOLDER);
        let Ok(path) = PdfReportPath::new(template.clone()) else {
            let forbidden = template.bytes().any(|b| !b.is_ascii_graphic() || b"?#{}".contains(&b));
            prop_assert!(forbidden || template.contains(".."), "refused a valid template");
            return Ok(());
        };
        match v3_pdf_report_request(&path, &request_id) {
            Ok(spec) => {
                prop_assert!(is_valid_text(&request_id));
                let resolved = spec.path_and_query();
                prop_assert!(resolved.bytes().all(|b| b.is_ascii_graphic()));
                prop_assert!(!resolved.contains(['?', '#']));
                let prefix = &template[..template.len() - PdfReportPath::PLACEHOLDER.len()];
                let encoded = resolved.strip_prefix(prefix).unwrap();
                prop_assert!(!encoded.contains(['/', '+']));
                let decoded: Vec<(String, String)> =
                    form_urlencoded::parse(format!("x={encoded}").as_bytes()).into_owned().collect();
                prop_assert_eq!(decoded, vec![("x".to_owned(), request_id.clone())]);
            }
            Err(_) => prop_assert!(!is_valid_text(&request_id) || request_id == "." || request_id == ".."),
        }
    }
}

/// The field an id error names.
fn spec_field(err: &RequestError) -> &'static str {
    match err {
        RequestError::MissingField { field } | RequestError::InvalidField { field, .. } => field,
        other => panic!("unexpected error {other}"),
    }
}
