//! Webhooks sent the way Faceki's portal configures them (`WebhookSettings`): method,
//! static custom headers, every event twice, the illustrative AML-monitoring update;
//! checked against a tiny axum receiver that records method, headers and bodies.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/helpers.rs"]
mod helpers;

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method};
use axum::routing::any;
use faceki_sandbox::{Delivery, DeliveryKind, Sandbox, WebhookMethod, WebhookSettings, Workflow};
use helpers::{Ctx, V3_VERIFY, jpeg, parse_iso, v3_default};
use reqwest::multipart::Form;
use serde_json::{Value, json};

const SECRET: &str = "s3cr3t-shared-value";

/// One request as the receiver saw it.
#[derive(Debug, Clone)]
struct Got {
    method: Method,
    headers: HeaderMap,
    body: Value,
}

type Received = Arc<Mutex<Vec<Got>>>;

/// A receiver on 127.0.0.1:0 answering 200 to any method on `/hook`.
async fn receiver() -> (String, Received, tokio::task::JoinHandle<()>) {
    async fn hook(State(got): State<Received>, method: Method, headers: HeaderMap, body: Bytes) {
        let body = serde_json::from_slice(&body).unwrap();
        got.lock().unwrap().push(Got {
            method,
            headers,
            body,
        });
    }
    let got: Received = Arc::default();
    let app = axum::Router::new()
        .route("/hook", any(hook))
        .with_state(got.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (url, got, task)
}

/// Waits until `n` requests arrived (or 2 s), then a little longer to catch extras.
async fn wait_for(got: &Received, n: usize) -> Vec<Got> {
    for _ in 0..200 {
        if got.lock().unwrap().len() >= n {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    tokio::time::sleep(Duration::from_millis(50)).await;
    got.lock().unwrap().clone()
}

/// Runs one default V3 verification; returns its request id.
async fn verify(ctx: &Ctx) -> String {
    let (status, body) = ctx.post_form(V3_VERIFY, v3_default()).await;
    assert_eq!(status, 200, "{body}");
    body["result"]["requestId"].as_str().unwrap().to_owned()
}

fn header<'a>(got: &'a Got, name: &str) -> Vec<&'a str> {
    got.headers
        .get_all(name)
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect()
}

fn kinds(deliveries: &[Delivery]) -> Vec<(DeliveryKind, bool)> {
    deliveries.iter().map(|d| (d.kind, d.duplicate)).collect()
}

#[tokio::test]
async fn post_is_the_default_and_custom_headers_arrive() {
    let (url, got, _task) = receiver().await;
    let settings = WebhookSettings::new(url.clone())
        .header("Authorization", SECRET)
        .header("X-Tenant", "acme")
        .header("X-Tenant", "acme-eu");
    let ctx = Ctx::start(Sandbox::builder().webhook(settings)).await;
    let request_id = verify(&ctx).await;
    let received = wait_for(&got, 1).await;
    assert_eq!(received.len(), 1, "once, and no AML update unless enabled");
    let hit = &received[0];
    assert_eq!(hit.method, Method::POST);
    assert_eq!(header(hit, "authorization"), [SECRET]);
    assert_eq!(header(hit, "x-tenant"), ["acme", "acme-eu"]);
    assert_eq!(header(hit, "content-type"), ["application/json"]);
    assert_eq!(hit.body["requestId"], request_id.as_str());
    let log = ctx.sb.webhook_deliveries();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].method, WebhookMethod::Post);
    assert_eq!(log[0].kind, DeliveryKind::Completed);
    assert!(!log[0].duplicate);
    assert_eq!(log[0].header_names, ["authorization", "x-tenant"]);
    assert_eq!(log[0].url, url);
    assert_eq!(log[0].http_status, Some(200));
}

#[tokio::test]
async fn webhook_url_stays_a_post_shortcut_without_headers() {
    let (url, got, _task) = receiver().await;
    let ctx = Ctx::start(Sandbox::builder().webhook_url(url)).await;
    verify(&ctx).await;
    let received = wait_for(&got, 1).await;
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].method, Method::POST);
    assert!(received[0].headers.get("authorization").is_none());
    let log = ctx.sb.webhook_deliveries();
    assert_eq!(log[0].method, WebhookMethod::Post);
    assert!(log[0].header_names.is_empty());
}

#[tokio::test]
async fn put_is_used_for_completed_and_portal_updates() {
    let (url, got, _task) = receiver().await;
    let settings = WebhookSettings::new(url)
        .method(WebhookMethod::Put)
        .header("Authorization", SECRET);
    let ctx = Ctx::start(Sandbox::builder().webhook(settings)).await;
    let request_id = verify(&ctx).await;
    wait_for(&got, 1).await;
    let delivery = ctx
        .sb
        .send_portal_update(&request_id, "APPROVED", "reviewer@example.invalid")
        .await;
    assert_eq!(delivery.method, WebhookMethod::Put);
    assert_eq!(delivery.kind, DeliveryKind::PortalUpdate);
    assert_eq!(delivery.http_status, Some(200));
    let received = wait_for(&got, 2).await;
    assert_eq!(received.len(), 2);
    for hit in &received {
        assert_eq!(hit.method, Method::PUT);
        assert_eq!(header(hit, "authorization"), [SECRET]);
        assert_eq!(header(hit, "content-type"), ["application/json"]);
    }
    assert_eq!(
        received[1].body,
        json!({ "requestId": request_id, "fullName": "SANDBOX TESTER", "status": "APPROVED",
                "modifiedByEmail": "reviewer@example.invalid" })
    );
}

#[tokio::test]
async fn deliver_twice_sends_every_event_exactly_twice_with_identical_bodies() {
    let (url, got, _task) = receiver().await;
    let settings = WebhookSettings::new(url)
        .header("Authorization", SECRET)
        .deliver_twice(true)
        .aml_updates(true);
    let ctx = Ctx::start(Sandbox::builder().webhook(settings)).await;
    let request_id = verify(&ctx).await;
    assert_eq!(wait_for(&got, 4).await.len(), 4);
    let first = ctx
        .sb
        .send_portal_update(&request_id, "DECLINED", "reviewer@example.invalid")
        .await;
    assert!(!first.duplicate, "the first attempt is returned");
    let received = wait_for(&got, 6).await;
    assert_eq!(received.len(), 6, "exactly twice each");
    for pair in received.chunks(2) {
        assert_eq!(pair[0].body, pair[1].body);
        assert_eq!(header(&pair[1], "authorization"), [SECRET]);
    }
    assert!(received[0].body.get("kycData").is_some());
    assert_eq!(received[2].body["event"], "aml_monitoring_update");
    assert_eq!(
        received[4].body["modifiedByEmail"],
        "reviewer@example.invalid"
    );
    use DeliveryKind::{AmlUpdate, Completed, PortalUpdate};
    assert_eq!(
        kinds(&ctx.sb.webhook_deliveries()),
        [
            (Completed, false),
            (Completed, true),
            (AmlUpdate, false),
            (AmlUpdate, true),
            (PortalUpdate, false),
            (PortalUpdate, true),
        ]
    );
}

#[tokio::test]
async fn an_aml_update_follows_a_completed_v3_verification() {
    let (url, got, _task) = receiver().await;
    let settings = WebhookSettings::new(url).aml_updates(true);
    let ctx = Ctx::start(Sandbox::builder().webhook(settings)).await;
    let request_id = verify(&ctx).await;
    let received = wait_for(&got, 2).await;
    assert_eq!(received.len(), 2);
    assert!(received[0].body.get("kycData").is_some(), "completed first");
    let aml = &received[1].body;
    let mut keys: Vec<&str> = aml
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    // Neither `kycData` nor `modifiedByEmail`: not one of the two documented shapes.
    assert_eq!(
        keys,
        ["amlStatus", "checkedAt", "event", "matches", "requestId"]
    );
    assert_eq!(aml["event"], "aml_monitoring_update");
    assert_eq!(aml["requestId"], request_id.as_str());
    assert_eq!(aml["amlStatus"], "POTENTIAL_MATCH");
    let matches = aml["matches"].as_array().unwrap();
    assert_eq!(matches.len(), 1);
    assert!(matches[0]["source"].is_string());
    assert_eq!(matches[0]["score"], 0.87);
    let checked = parse_iso(aml["checkedAt"].as_str().unwrap());
    let age = SystemTime::now().duration_since(checked).unwrap();
    assert!(age < Duration::from_secs(60), "{age:?}");
    let log = ctx.sb.webhook_deliveries();
    assert_eq!(log[1].kind, DeliveryKind::AmlUpdate);
    assert_eq!(log[1].request_id, request_id);
    assert_eq!(log[1].status, "POTENTIAL_MATCH");
}

#[tokio::test]
async fn a_workflow_callback_url_is_sent_with_the_sandbox_settings() {
    let (url, got, _task) = receiver().await;
    let settings = WebhookSettings::new("http://127.0.0.1:9/unused")
        .method(WebhookMethod::Put)
        .header("Authorization", SECRET);
    let builder = Sandbox::builder()
        .webhook(settings)
        .workflow(Workflow::new("wf-cb", ["Passport"]).callback_url(url.clone()));
    let ctx = Ctx::start(builder).await;
    let form = Form::new()
        .text("workflowId", "wf-cb")
        .part("selfie", jpeg("s.jpg"))
        .part("document_1_front", jpeg("pp.jpg"));
    let (_, body) = ctx.post_form(V3_VERIFY, form).await;
    let request_id = body["result"]["requestId"].as_str().unwrap();
    ctx.sb
        .send_portal_update(request_id, "REVIEW", "reviewer@example.invalid")
        .await;
    let received = wait_for(&got, 2).await;
    assert_eq!(received.len(), 2);
    for hit in &received {
        assert_eq!(hit.method, Method::PUT);
        assert_eq!(header(hit, "authorization"), [SECRET]);
    }
    assert!(ctx.sb.webhook_deliveries().iter().all(|d| d.url == url));
}

#[tokio::test]
async fn debug_never_shows_a_header_value() {
    let (url, got, _task) = receiver().await;
    let settings = WebhookSettings::new(url)
        .header("Authorization", SECRET)
        .deliver_twice(true);
    let settings_debug = format!("{settings:?}");
    assert!(settings_debug.contains("Authorization"), "{settings_debug}");
    let builder = Sandbox::builder().webhook(settings);
    let builder_debug = format!("{builder:?}");
    let ctx = Ctx::start(builder).await;
    let request_id = verify(&ctx).await;
    ctx.sb
        .send_portal_update(&request_id, "APPROVED", "reviewer@example.invalid")
        .await;
    assert_eq!(wait_for(&got, 4).await.len(), 4);
    let log_debug = format!("{:?}", ctx.sb.webhook_deliveries());
    assert!(log_debug.contains("authorization"), "{log_debug}");
    let handle_debug = format!("{:?}", ctx.sb);
    for text in [settings_debug, builder_debug, log_debug, handle_debug] {
        assert!(!text.contains(SECRET), "{text}");
    }
}

#[tokio::test]
async fn invalid_or_reserved_headers_are_refused_at_start_naming_the_header() {
    let cases = [
        ("X-Secret", "line\nbreak-s3cr3t", "invalid header value"),
        ("Bad Name", "s3cr3t", "invalid header name"),
        ("Content-Type", "text/s3cr3t", "set by the sandbox"),
    ];
    for (name, value, why) in cases {
        let settings = WebhookSettings::new("http://127.0.0.1:9/hook").header(name, value);
        let err = Sandbox::builder()
            .webhook(settings)
            .start()
            .await
            .expect_err(name);
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
        let message = err.to_string();
        assert!(message.contains(name), "{message}");
        assert!(message.contains(why), "{message}");
        assert!(!message.contains("s3cr3t"), "{message}");
    }
}
