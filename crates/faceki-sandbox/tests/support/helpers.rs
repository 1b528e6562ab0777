//! Shared helpers for the sandbox's integration tests: start a sandbox, fetch a token,
//! build multipart forms from the placeholder images, read JSON answers.

#![allow(dead_code, unreachable_pub)]

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
