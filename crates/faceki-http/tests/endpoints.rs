//! Every endpoint through a recording fake transport: method, path, query, headers,
//! multipart framing and exact body length, and the decoded answer.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/fake.rs"]
mod fake;

use faceki_http::ImageInput;
use faceki_types::request::{CreateLink, RecordsQuery};
use fake::{Fake, JPEG, PNG, Recorded, client, parse_multipart};

const UA_PREFIX: &str = "faceki-rust/";

fn assert_common(r: &Recorded, method: &str, path_and_query: &str, bearer: bool) {
    assert_eq!(r.method.as_str(), method);
    assert_eq!(r.path_and_query(), path_and_query);
    assert!(r.url.starts_with("http://127.0.0.1:9/"), "{}", r.url);
    assert!(r.header("user-agent").unwrap().starts_with(UA_PREFIX));
    assert_eq!(
        r.header("user-agent").unwrap(),
        format!("faceki-rust/{}", env!("CARGO_PKG_VERSION"))
    );
    if bearer {
        assert_eq!(r.header("authorization"), Some("Bearer tok-1"));
    } else {
        assert_eq!(r.header("authorization"), None);
    }
    match r.header("content-length") {
        Some(len) => assert_eq!(len.parse::<usize>().unwrap(), r.body.len()),
        None => assert!(r.body.is_empty()),
    }
}

/// Checks the multipart parts: (name, Some((file name, content type, data))) for
/// files, (name, None) with `text` for text parts.
fn assert_parts(r: &Recorded, expected: &[(&str, Part<'_>)]) {
    let ct = r.header("content-type").unwrap();
    assert!(ct.starts_with("multipart/form-data; boundary="), "{ct}");
    let parts = parse_multipart(ct, &r.body);
    let names: Vec<_> = parts.iter().map(|p| p.name.as_str()).collect();
    let want: Vec<_> = expected.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, want);
    for (part, (_, want)) in parts.iter().zip(expected) {
        match want {
            Part::File(file_name, content_type, data) => {
                assert_eq!(part.file_name.as_deref(), Some(*file_name), "{}", part.name);
                assert_eq!(part.content_type.as_deref(), Some(*content_type));
                assert_eq!(part.data, *data);
            }
            Part::Text(text) => {
                assert_eq!(part.file_name, None);
                assert_eq!(part.data, text.as_bytes());
            }
        }
    }
}

enum Part<'a> {
    File(&'a str, &'a str, &'a [u8]),
    Text(&'a str),
}

#[tokio::test]
async fn kyc_rules_and_summary() {
    let fake = Fake::new();
    fake.reply(
        200,
        r#"{"responseCode":0,"data":{"allowedKycDocuments":["Passport"],"validAge":18}}"#,
    );
    let client = client(&fake);
    let rules = client.v2().rules().await.unwrap();
    assert_eq!(rules.allowed_kyc_documents.len(), 1);
    let r = fake.last();
    assert_common(&r, "GET", "/kycrules/api/kycrules", true);
    assert!(r.body.is_empty());

    // The token was fetched once (variant B: the credentials in a JSON body, never in
    // the URL that proxies and access logs record).
    let token = &fake.requests()[0];
    assert!(token.is_token());
    assert_eq!(token.method.as_str(), "POST");
    assert_eq!(token.path_and_query(), "/auth/api/generate-token");
    assert_eq!(token.header("content-type"), Some("application/json"));
    let body: serde_json::Value = serde_json::from_slice(&token.body).unwrap();
    assert_eq!(body["clientId"], "test-client-id");
    assert_eq!(body["clientSecret"], "test-client-secret-XYZ");
    assert_eq!(token.header("authorization"), None);

    fake.reply(200, r#"{"responseCode":0,"data":{"total":3}}"#);
    let summary = client.v2().summary().await.unwrap();
    assert_eq!(summary.extra["total"], 3);
    assert_common(
        &fake.last(),
        "GET",
        "/kycverify/api/kycverify/kyc-verify-summary",
        true,
    );
    assert_eq!(fake.token_requests(), 1, "the token is cached");

    // Prepared once per client, sent the same way every time, with the current token.
    fake.reply(401, r#"{"status":false,"code":1,"message":"UNAUTHORIZED"}"#);
    fake.reply(200, r#"{"responseCode":0,"data":{"validAge":21}}"#);
    let again = client.v2().rules().await.unwrap();
    assert_eq!(again.valid_age, Some(21));
    let sent = fake.api_requests();
    let rules_sent: Vec<_> = sent
        .iter()
        .filter(|r| r.path() == "/kycrules/api/kycrules")
        .collect();
    assert_eq!(rules_sent.len(), 3);
    for r in &rules_sent {
        assert_eq!(r.method, rules_sent[0].method);
        assert_eq!(r.url, rules_sent[0].url);
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert!(r.body.is_empty());
    }
    assert_eq!(rules_sent[1].header("authorization"), Some("Bearer tok-1"));
    assert_eq!(rules_sent[2].header("authorization"), Some("Bearer tok-2"));
}

#[tokio::test]
async fn single_and_multi_verification() {
    let fake = Fake::new();
    let dir = tempfile::tempdir().unwrap();
    let selfie = dir.path().join("selfie of Ana.jpg");
    std::fs::write(&selfie, JPEG).unwrap();
    fake.reply(
        200,
        r#"{"responseCode":0,"data":{"requestId":"r-1","verification":{"passed":true}}}"#,
    );
    let client = client(&fake);
    let result = client
        .v2()
        .verify(
            faceki_http::v2::SingleVerification::new()
                .selfie_image(ImageInput::path(&selfie))
                .doc_front_image(ImageInput::bytes(PNG))
                .doc_back_image(ImageInput::bytes(JPEG).with_file_name("back side.jpg")),
        )
        .await
        .unwrap();
    assert_eq!(result.request_id.as_deref(), Some("r-1"));
    let r = fake.last();
    assert_common(
        &r,
        "POST",
        "/kycverify/api/kycverify/kyc-verification",
        true,
    );
    assert_parts(
        &r,
        &[
            (
                "selfie_image",
                Part::File("selfie_image.jpg", "image/jpeg", JPEG),
            ),
            (
                "doc_front_image",
                Part::File("doc_front_image.png", "image/png", PNG),
            ),
            (
                "doc_back_image",
                Part::File("back_side.jpg", "image/jpeg", JPEG),
            ),
        ],
    );

    fake.reply(
        200,
        r#"{"responseCode":0,"data":{"requestId":"r-2","idKycData":{"responseCode":0,"data":{}}}}"#,
    );
    let result = client
        .v2()
        .verify_multi(
            faceki_http::v2::MultiVerification::new()
                .selfie_image(ImageInput::bytes(JPEG))
                .id_front_image(ImageInput::bytes(JPEG))
                .id_back_image(ImageInput::bytes(PNG))
                .pp_front_image(ImageInput::bytes(JPEG)),
        )
        .await
        .unwrap();
    assert_eq!(result.request_id.as_deref(), Some("r-2"));
    assert!(result.id_kyc_data.is_some());
    let r = fake.last();
    assert_common(
        &r,
        "POST",
        "/kycverify/api/kycverify/multi-kyc-verification",
        true,
    );
    let names: Vec<_> = parse_multipart(r.header("content-type").unwrap(), &r.body)
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert!(names.contains(&"selfie_image".to_owned()));
    assert!(names.contains(&"id_back_image".to_owned()));
    assert!(names.contains(&"pp_front_image".to_owned()));
    assert_eq!(names.len(), 4);
}

#[tokio::test]
async fn links_and_records() {
    let fake = Fake::new();
    fake.reply(
        201,
        r#"{"responseCode":0,"data":"link-123","url":"https://apps.faceki.com/kycverify/link-123"}"#,
    );
    let client = client(&fake);
    let created = client
        .links()
        .create(
            CreateLink::new()
                .expiry_minutes(30)
                .application_id("app-1")
                .workflow_id("wf-1"),
        )
        .await
        .unwrap();
    assert_eq!(created.link_id, "link-123");
    assert_eq!(
        created.url.as_deref(),
        Some("https://apps.faceki.com/kycverify/link-123")
    );
    let r = fake.last();
    assert_common(&r, "POST", "/kycverify/api/kycverify/kyc-verify-link", true);
    assert_eq!(r.header("content-type"), Some("application/json"));
    let json: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(json["expiryTime"], 30);
    assert_eq!(json["applicationId"], "app-1");
    assert_eq!(json["workflowId"], "wf-1");

    let record = r#"{"responseCode":0,"data":[{"requestId":"r-1","decision":"ACCEPTED"}]}"#;
    fake.reply(200, record);
    let records = client.records().by_link("link 1&2").await.unwrap();
    assert_eq!(records.len(), 1);
    assert_common(
        &fake.last(),
        "GET",
        "/kycverify/api/kycverify/link?linkId=link+1%262",
        true,
    );

    fake.reply(200, record);
    client.records().by_reference("app-1").await.unwrap();
    assert_common(
        &fake.last(),
        "GET",
        "/kycverify/api/kycverify/reference?referenceId=app-1",
        true,
    );

    fake.reply(
        200,
        r#"{"status":true,"code":200,"message":"OK","result":[{"requestId":"r-1"},{"requestId":"r-2"}]}"#,
    );
    let records = client
        .records()
        .query(RecordsQuery::new().record_identifier("customer 42"))
        .await
        .unwrap();
    assert_eq!(records.len(), 2);
    assert_common(
        &fake.last(),
        "GET",
        "/kycverify/api/kycverify/records?record_identifier=customer+42",
        true,
    );
}

#[tokio::test]
async fn face_check_and_v3_single_image_calls() {
    let fake = Fake::new();
    let client = client(&fake);
    fake.reply(
        200,
        r#"{"responseCode":0,"data":{"face_verified":true,"all_face_ids":["f-1"],"kyc_records":[]}}"#,
    );
    let found = client
        .v2()
        .face_check(ImageInput::bytes(JPEG))
        .await
        .unwrap();
    assert_eq!(found.face_verified, Some(true));
    let r = fake.last();
    assert_common(&r, "POST", "/facelink/api/face-check", true);
    assert_parts(
        &r,
        &[(
            "selfie_image",
            Part::File("selfie_image.jpg", "image/jpeg", JPEG),
        )],
    );

    fake.reply(
        200,
        r#"{"status":true,"code":200,"message":"OK","result":[{"requestId":"r-9"}]}"#,
    );
    let records = client
        .v3()
        .search_by_face(ImageInput::bytes(PNG))
        .await
        .unwrap();
    assert_eq!(records.len(), 1);
    let r = fake.last();
    assert_common(&r, "POST", "/api/v3/kyc_verification/search-by-face", true);
    assert_parts(
        &r,
        &[("selfie", Part::File("selfie.png", "image/png", PNG))],
    );

    fake.reply(
        200,
        r#"{"status":true,"code":200,"message":"OK","result":{"minAge":25,"maxAge":33,"gender":"Male","livenessScore":0.999}}"#,
    );
    let analysis = client
        .v3()
        .analyze_face(ImageInput::bytes(JPEG))
        .await
        .unwrap();
    assert_eq!(analysis.min_age, Some(25));
    assert_eq!(analysis.liveness_score, Some(0.999));
    let r = fake.last();
    assert_common(&r, "POST", "/api/v3/kyc_verification/analyzeFace", true);
    assert_parts(
        &r,
        &[("selfie", Part::File("selfie.jpg", "image/jpeg", JPEG))],
    );
}

#[tokio::test]
async fn v3_verification_and_workflows() {
    let fake = Fake::new();
    let client = client(&fake);
    let ok = r#"{"status":true,"code":200,"message":"OK","appVersion":"v3.0.0","result":{"requestId":"r-3","decision":"ACCEPTED","workflowId":"wf-1"}}"#;
    fake.reply(200, ok);
    let outcome = client
        .v3()
        .verify(
            faceki_http::v3::Verification::by_workflow("wf-1")
                .record_identifier("cust-42")
                .selfie(ImageInput::bytes(JPEG))
                .document_1_front(ImageInput::bytes(PNG))
                .document_1_back(ImageInput::bytes(JPEG)),
        )
        .await
        .unwrap();
    assert_eq!(outcome.request_id.as_deref(), Some("r-3"));
    assert!(outcome.decision.as_ref().unwrap().is_accepted());
    let r = fake.last();
    assert_common(&r, "POST", "/api/v3/kyc_verification", true);
    let parts = parse_multipart(r.header("content-type").unwrap(), &r.body);
    let names: Vec<_> = parts.iter().map(|p| p.name.as_str()).collect();
    for name in [
        "workflowId",
        "record_identifier",
        "selfie",
        "document_1_front",
        "document_1_back",
    ] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    let workflow = parts.iter().find(|p| p.name == "workflowId").unwrap();
    assert_eq!(workflow.data, b"wf-1");
    let front = parts.iter().find(|p| p.name == "document_1_front").unwrap();
    assert_eq!(front.file_name.as_deref(), Some("document_1_front.png"));
    assert_eq!(front.content_type.as_deref(), Some("image/png"));
    assert_eq!(front.data, PNG);

    fake.reply(200, ok);
    client
        .v3()
        .verify(
            faceki_http::v3::Verification::by_link("link-9")
                .selfie(ImageInput::bytes(JPEG))
                .document_1_front(ImageInput::bytes(JPEG)),
        )
        .await
        .unwrap();
    let r = fake.last();
    assert_common(&r, "POST", "/api/v3/kyc_verification/requestbylink", false);
    let parts = parse_multipart(r.header("content-type").unwrap(), &r.body);
    let link = parts.iter().find(|p| p.name == "link").unwrap();
    assert_eq!(link.data, b"link-9");

    let rules = r#"{"status":true,"code":200,"message":"OK","result":{"workflowId":"wf-1","documents":["ID Card","Passport"]}}"#;
    fake.reply(200, rules);
    let wf = client.v3().workflow_rules("wf-1").await.unwrap();
    assert_eq!(wf.workflow_id.as_deref(), Some("wf-1"));
    assert_eq!(wf.documents.len(), 2);
    assert_common(
        &fake.last(),
        "GET",
        "/api/v3/workflows/rules?workflowId=wf-1",
        true,
    );

    fake.reply(200, rules);
    client.links().workflow_rules("link-9").await.unwrap();
    assert_common(
        &fake.last(),
        "GET",
        "/api/v3/workflows/rulesbylink?link=link-9",
        false,
    );
}

#[tokio::test]
async fn pdf_report_is_raw_bytes_on_a_configured_path() {
    let fake = Fake::new();
    let unconfigured = client(&fake);
    let err = unconfigured.v3().pdf_report("r-1").await.unwrap_err();
    assert!(err.is_config(), "{err}");
    assert!(fake.requests().is_empty());

    let client = faceki_http::Client::builder()
        .base_url("http://127.0.0.1:9")
        .credentials("id", "secret")
        .transport(fake.clone())
        .pdf_report_path("/api/v3/kyc_verification/report/{requestId}")
        .build()
        .unwrap();
    fake.reply_with(|| {
        let mut headers = http::HeaderMap::new();
        headers.insert(
            "content-type",
            http::HeaderValue::from_static("application/pdf"),
        );
        Ok(faceki_http::HttpResponse::new(
            http::StatusCode::OK,
            headers,
            &b"%PDF-1.7 report"[..],
        ))
    });
    let report = client.v3().pdf_report("r-1").await.unwrap();
    assert_eq!(&report.bytes[..], b"%PDF-1.7 report");
    assert!(
        fake.last()
            .header("accept")
            .unwrap()
            .starts_with("application/pdf")
    );
    assert_eq!(report.content_type.as_deref(), Some("application/pdf"));
    assert_eq!(
        fake.last().path_and_query(),
        "/api/v3/kyc_verification/report/r-1"
    );

    fake.reply(
        200,
        r#"{"status":false,"code":8013,"message":"DATA_NOT_FOUND","result":null}"#,
    );
    let err = client.v3().pdf_report("r-2").await.unwrap_err();
    assert_eq!(err.response_code().unwrap().code(), 8013);
}

#[tokio::test]
async fn link_flow_calls_carry_no_token() {
    let fake = Fake::new();
    let client = client(&fake);
    fake.reply(
        200,
        r#"{"responseCode":0,"data":{"allowSingle":true,"allowedKycDocuments":["ID Card"]}}"#,
    );
    let rules = client.links().validate("link-5").await.unwrap();
    assert_eq!(rules.allowed_kyc_documents.len(), 1);
    assert_common(
        &fake.last(),
        "GET",
        "/kycverify/api/kycverify/validate-kyc-verify-link?url=link-5",
        false,
    );

    fake.reply(200, r#"{"responseCode":0,"data":{"requestId":"r-5"}}"#);
    client
        .v2()
        .verify_multi(
            faceki_http::v2::MultiVerification::by_link("link-5")
                .selfie_image(ImageInput::bytes(JPEG))
                .id_front_image(ImageInput::bytes(JPEG))
                .id_back_image(ImageInput::bytes(JPEG)),
        )
        .await
        .unwrap();
    let r = fake.last();
    assert_common(
        &r,
        "POST",
        "/kycverify/api/kycverify/multiple-kyc-verification",
        false,
    );
    let parts = parse_multipart(r.header("content-type").unwrap(), &r.body);
    assert_eq!(
        parts.iter().find(|p| p.name == "link").unwrap().data,
        b"link-5"
    );

    fake.reply(200, r#"{"responseCode":0,"data":{"requestId":"r-6"}}"#);
    let result = client
        .v2()
        .verify(
            faceki_http::v2::SingleVerification::by_link("link-5", "Passport")
                .selfie_image(ImageInput::bytes(JPEG))
                .doc_front_image(ImageInput::bytes(JPEG))
                .doc_back_image(ImageInput::bytes(JPEG)),
        )
        .await
        .unwrap();
    assert_eq!(result.request_id.as_deref(), Some("r-6"));
    let r = fake.last();
    assert_common(&r, "POST", "/kycverify/api/kycverify/request-kyc", false);
    assert_parts(
        &r,
        &[
            ("selectedDoc", Part::Text("Passport")),
            ("link", Part::Text("link-5")),
            (
                "doc_front_image",
                Part::File("doc_front_image.jpg", "image/jpeg", JPEG),
            ),
            (
                "doc_back_image",
                Part::File("doc_back_image.jpg", "image/jpeg", JPEG),
            ),
            (
                "selfie_image",
                Part::File("selfie_image.jpg", "image/jpeg", JPEG),
            ),
        ],
    );
    assert_eq!(
        fake.token_requests(),
        0,
        "the link flow never fetches a token"
    );
}

#[tokio::test]
async fn failures_under_http_200_are_errors_with_their_code() {
    let fake = Fake::new();
    let client = client(&fake);
    fake.reply(
        200,
        r#"{"status":false,"code":5004,"message":"SELFIE_LIVENESS_FAILED","appVersion":"v3.0.0","result":{"requestId":"r-7"}}"#,
    );
    let err = client
        .v3()
        .verify(
            faceki_http::v3::Verification::by_workflow("wf")
                .selfie(ImageInput::bytes(JPEG))
                .document_1_front(ImageInput::bytes(JPEG)),
        )
        .await
        .unwrap_err();
    assert!(err.is_api());
    assert_eq!(err.response_code().unwrap().code(), 5004);
    assert_eq!(err.request_id(), Some("r-7"));
    let text = err.to_string();
    assert!(
        text.contains("5004") && text.contains("SELFIE_LIVENESS_FAILED"),
        "{text}"
    );
}

#[test]
fn the_client_and_its_futures_are_send_and_sync() {
    fn send_sync_clone<T: Send + Sync + Clone + 'static>() {}
    fn send<T: Send>(_: &T) {}
    send_sync_clone::<faceki_http::Client>();
    send_sync_clone::<faceki_http::SharedTransport>();
    let client = client(&Fake::new());
    send(&client.v2().rules());
    send(
        &client
            .v3()
            .verify(faceki_http::v3::Verification::by_workflow("wf")),
    );
    send(&client.links().create(CreateLink::new()));
    send(&client.v3().pdf_report("r"));
}

#[tokio::test]
async fn a_user_agent_suffix_is_sent_after_the_sdk_name_and_checked_at_build() {
    let fake = Fake::new();
    fake.reply(200, r#"{"responseCode":0,"data":{}}"#);
    let client = faceki_http::Client::builder()
        .base_url("http://127.0.0.1:9")
        .credentials("test-client-id", "test-client-secret-XYZ")
        .transport(fake.clone())
        .user_agent_suffix(" my-app/2.1 ")
        .build()
        .unwrap();
    client.v2().summary().await.unwrap();
    for r in fake.requests() {
        assert_eq!(
            r.header("user-agent").unwrap(),
            format!("faceki-rust/{} my-app/2.1", env!("CARGO_PKG_VERSION"))
        );
    }
    let err = faceki_http::Client::builder()
        .base_url("http://127.0.0.1:9")
        .credentials("test-client-id", "test-client-secret-XYZ")
        .user_agent_suffix("bad\nvalue")
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("user agent"), "{err}");
}
