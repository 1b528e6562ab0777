//! Records carry the real time they were stored at (`createdAt`/`updatedAt`, RFC 3339
//! UTC, wall clock plus `advance_clock`), and lookups for unknown identifiers find
//! nothing in each route's own way: V3 `result: []`, V2 reference 8013.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/helpers.rs"]
mod helpers;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use faceki_sandbox::Sandbox;
use helpers::{Ctx, V3_VERIFY, created_at, parse_iso, v3_default, written_between};
use serde_json::json;

#[test]
fn the_timestamp_parser_reads_known_instants() {
    assert_eq!(parse_iso("1970-01-01T00:00:00.000Z"), UNIX_EPOCH);
    assert_eq!(
        parse_iso("2023-06-08T06:43:41.354Z"),
        UNIX_EPOCH + Duration::from_millis(1_686_206_621_354)
    );
    assert_eq!(
        parse_iso("2000-02-29T00:00:00.000Z"),
        UNIX_EPOCH + Duration::from_secs(951_782_400)
    );
}

#[tokio::test]
async fn a_v3_record_carries_the_wall_clock_time_it_was_stored_at() {
    let ctx = Ctx::start(Sandbox::builder()).await;
    let form = v3_default().text("record_identifier", "time-1");
    let started = SystemTime::now();
    let (_, answer) = ctx.post_form(V3_VERIFY, form).await;
    let answered = SystemTime::now();
    let record = &answer["result"];
    let at = created_at(record);
    assert!(written_between(at, started, answered), "{record}");

    let request_id = record["requestId"].as_str().unwrap();
    let (_, found) = ctx
        .get(&format!("/api/v3/kyc_verification?requestId={request_id}"))
        .await;
    assert_eq!(found["result"][0]["createdAt"], record["createdAt"]);
    assert_eq!(created_at(&found["result"][0]), at);
}

#[tokio::test]
async fn created_at_follows_advance_clock() {
    // A token that outlives the advance.
    let ctx = Ctx::start(Sandbox::builder().token_lifetime(Duration::from_secs(86_400))).await;
    let ahead = Duration::from_secs(2 * 3_600);
    ctx.sb.advance_clock(ahead);
    let started = SystemTime::now() + ahead;
    let (_, answer) = ctx.post_form(V3_VERIFY, v3_default()).await;
    let at = created_at(&answer["result"]);
    assert!(
        written_between(at, started, SystemTime::now() + ahead),
        "{answer}"
    );
}

#[tokio::test]
async fn unknown_identifiers_find_nothing() {
    let ctx = Ctx::start(Sandbox::builder()).await;
    ctx.post_form(V3_VERIFY, v3_default().text("record_identifier", "known"))
        .await;
    for path in [
        "/kycverify/api/kycverify/records",
        "/api/v3/kyc_verification",
    ] {
        let (status, body) = ctx.get(&format!("{path}?record_identifier=nobody")).await;
        assert_eq!(status, 200);
        assert_eq!(body["status"], true, "{body}");
        assert_eq!(body["code"], 200);
        assert_eq!(body["result"], json!([]));
    }
    let (status, body) = ctx
        .get("/kycverify/api/kycverify/reference?referenceId=nobody")
        .await;
    assert_eq!(status, 200);
    assert_eq!(body["responseCode"], 8013, "{body}");
    assert_eq!(body["data"]["error"]["code"], 8013);
}
