//! One span per call with endpoint, attempt, HTTP status, response code and latency;
//! nothing traced contains the secret, the token, a query string or a body.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/fake.rs"]
mod fake;

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use fake::{Fake, client};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Writes every span creation, field record and event as text.
#[derive(Clone, Default)]
struct Capture {
    log: Arc<Mutex<String>>,
    next: Arc<AtomicU64>,
}

struct Fields<'a>(&'a mut String);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, " {}={:?}", field.name(), value);
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut log = self.log.lock().unwrap();
        let _ = write!(log, "\nspan {}", span.metadata().name());
        span.record(&mut Fields(&mut log));
        Id::from_u64(self.next.fetch_add(1, Ordering::SeqCst) + 1)
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        let mut log = self.log.lock().unwrap();
        log.push_str("\nrecord");
        values.record(&mut Fields(&mut log));
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut log = self.log.lock().unwrap();
        log.push_str("\nevent");
        event.record(&mut Fields(&mut log));
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

#[tokio::test(flavor = "current_thread")]
async fn spans_carry_call_facts_and_no_secrets() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let fake = Fake::new();
    let client = client(&fake);
    fake.reply(401, r#"{"status":false,"code":1,"message":"UNAUTHORIZED"}"#);
    fake.reply(
        200,
        r#"{"responseCode":0,"data":{"validAge":18,"firstName":"Ana"}}"#,
    );
    client.v2().rules().await.unwrap();
    fake.reply(
        200,
        r#"{"responseCode":8013,"data":{"note":"Ana's record"}}"#,
    );
    client.records().by_reference("ref-1").await.unwrap_err();

    let log = capture.log.lock().unwrap().clone();
    assert!(
        log.contains("span faceki.call endpoint=\"kyc_rules\""),
        "{log}"
    );
    assert!(
        log.contains("span faceki.call endpoint=\"generate_token\""),
        "{log}"
    );
    assert!(log.contains("http.status=401"), "{log}");
    assert!(log.contains("http.status=200"), "{log}");
    assert!(log.contains("attempt=2"), "{log}");
    assert!(log.contains("latency_ms="), "{log}");
    assert!(log.contains("response_code=8013"), "{log}");
    for forbidden in [
        "test-client-secret",
        "clientSecret",
        "tok-",
        "Bearer",
        "?",
        "Ana",
        "ref-1",
    ] {
        assert!(!log.contains(forbidden), "`{forbidden}` was traced: {log}");
    }
}
