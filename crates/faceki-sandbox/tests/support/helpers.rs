//! Shared helpers for the sandbox's integration tests: start a sandbox, fetch a token,
//! build multipart forms from the placeholder images, read JSON answers and `createdAt`
//! timestamps.

#![allow(dead_code, unreachable_pub)]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use faceki_sandbox::images::{JPEG, PNG};
use faceki_sandbox::{SandboxBuilder, SandboxHandle};
use reqwest::multipart::{Form, Part};
use serde_json::Value;

/// A running sandbox, an HTTP client and a valid bearer token.
pub struct Ctx {
    pub sb: SandboxHandle,
    pub http: reqwest::Client,
    pub token: String,
}

impl Ctx {
    pub async fn start(builder: SandboxBuilder) -> Ctx {
        let sb = builder.start().await.expect("sandbox starts");
        let http = reqwest::Client::builder().no_proxy().build().unwrap();
        let creds = sb.credentials();
        let body: Value = http
            .get(format!(
                "{}/auth/api/access-token?{}",
                sb.base_url(),
                qs(&[
                    ("clientId", creds.client_id()),
                    ("clientSecret", creds.client_secret().expose_secret()),
                ])
            ))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let token = body["data"]["access_token"].as_str().unwrap().to_owned();
        Ctx { sb, http, token }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sb.base_url())
    }

    /// GET with the bearer token; returns (HTTP status, JSON body).
    pub async fn get(&self, path_and_query: &str) -> (u16, Value) {
        let res = self
            .http
            .get(self.url(path_and_query))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap();
        (res.status().as_u16(), res.json().await.unwrap())
    }

    /// POST a form with the bearer token.
    pub async fn post_form(&self, path: &str, form: Form) -> (u16, Value) {
        self.post_form_with(path, form, &[]).await
    }

    /// POST a form with the bearer token and extra headers.
    pub async fn post_form_with(
        &self,
        path: &str,
        form: Form,
        headers: &[(&str, &str)],
    ) -> (u16, Value) {
        let mut req = self
            .http
            .post(self.url(path))
            .bearer_auth(&self.token)
            .multipart(form);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let res = req.send().await.unwrap();
        (res.status().as_u16(), res.json().await.unwrap())
    }

    /// POST a form with the bearer token and hand back whatever came (for faults).
    pub async fn send_form(&self, path: &str, form: Form) -> reqwest::Result<reqwest::Response> {
        self.http
            .post(self.url(path))
            .bearer_auth(&self.token)
            .multipart(form)
            .send()
            .await
    }

    /// The summary's counters (`data` of the V2 summary).
    pub async fn summary(&self) -> Value {
        let (status, body) = self
            .get("/kycverify/api/kycverify/kyc-verify-summary")
            .await;
        assert_eq!(status, 200, "{body}");
        body["data"].clone()
    }

    /// POST JSON with the bearer token.
    pub async fn post_json(&self, path: &str, body: &Value) -> (u16, Value) {
        let res = self
            .http
            .post(self.url(path))
            .bearer_auth(&self.token)
            .json(body)
            .send()
            .await
            .unwrap();
        (res.status().as_u16(), res.json().await.unwrap())
    }

    /// Creates a link and returns its id.
    pub async fn create_link(&self, body: Value) -> String {
        let (status, body) = self
            .post_json("/kycverify/api/kycverify/kyc-verify-link", &body)
            .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["responseCode"], 0, "{body}");
        body["data"].as_str().unwrap().to_owned()
    }
}

/// A percent-encoded query string.
pub fn qs(pairs: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

pub fn jpeg(file_name: &str) -> Part {
    Part::bytes(JPEG)
        .file_name(file_name.to_owned())
        .mime_str("image/jpeg")
        .unwrap()
}

pub fn png(file_name: &str) -> Part {
    Part::bytes(PNG)
        .file_name(file_name.to_owned())
        .mime_str("image/png")
        .unwrap()
}

/// A selfie that no other test uses (distinct bytes, still a JPEG by magic).
pub fn unique_selfie(tag: u8) -> Part {
    let mut bytes = JPEG.to_vec();
    bytes.insert(bytes.len() - 2, tag);
    Part::bytes(bytes)
        .file_name("selfie.jpg")
        .mime_str("image/jpeg")
        .unwrap()
}

/// A search by face for the default selfie.
pub fn v3_search() -> Form {
    Form::new().part("selfie", jpeg("selfie.jpg"))
}

/// The three parts of a V2 single verification.
pub fn v2_single() -> Form {
    Form::new()
        .part("selfie_image", jpeg("selfie.jpg"))
        .part("doc_front_image", jpeg("front.jpg"))
        .part("doc_back_image", png("back.png"))
}

/// A V3 verification for the default workflow (one ID card).
pub fn v3_default() -> Form {
    Form::new()
        .text("workflowId", "wf-default")
        .part("selfie", jpeg("selfie.jpg"))
        .part("document_1_front", jpeg("front.jpg"))
        .part("document_1_back", jpeg("back.jpg"))
}

pub const V2_SINGLE: &str = "/kycverify/api/kycverify/kyc-verification";
pub const V2_MULTI: &str = "/kycverify/api/kycverify/multi-kyc-verification";
pub const V3_VERIFY: &str = "/api/v3/kyc_verification";
pub const V3_SEARCH: &str = "/api/v3/kyc_verification/search-by-face";

/// Parses the sandbox's `YYYY-MM-DDTHH:MM:SS.mmmZ` timestamps (RFC 3339, UTC).
pub fn parse_iso(stamp: &str) -> SystemTime {
    assert!(stamp.len() == 24 && stamp.ends_with('Z'), "{stamp}");
    let num = |r: std::ops::Range<usize>| stamp[r].parse::<i64>().unwrap();
    let (month, day) = (num(5..7), num(8..10));
    // Days from civil (Howard Hinnant's algorithm).
    let year = num(0..4) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let yoe = year - era * 400;
    let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
    let secs = days * 86_400 + num(11..13) * 3_600 + num(14..16) * 60 + num(17..19);
    UNIX_EPOCH
        + Duration::from_secs(u64::try_from(secs).unwrap())
        + Duration::from_millis(u64::try_from(num(20..23)).unwrap())
}

/// A record's `createdAt`, checked to be the same as its `updatedAt`.
pub fn created_at(record: &Value) -> SystemTime {
    let created = record["createdAt"].as_str().unwrap();
    assert_eq!(record["updatedAt"], created, "{record}");
    parse_iso(created)
}

/// Whether a millisecond timestamp was written between `from` and `to`.
pub fn written_between(at: SystemTime, from: SystemTime, to: SystemTime) -> bool {
    at + Duration::from_millis(1) > from && at <= to
}
