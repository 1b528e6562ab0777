//! The token endpoints (§1.2): `GET`/`POST` on `/auth/api/access-token` and
//! `/auth/api/generate-token` (or only those [`TokenRoutes`](crate::TokenRoutes)
//! leaves open), credentials in the query, a JSON or form body, or headers.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, Method, Uri};
use axum::response::Response;
use bytes::Bytes;
use faceki_types::Endpoint;
use serde_json::{Value, json};

use crate::respond::{self, Envelope};
use crate::scenarios::Forced;
use crate::state::Shared;

const ID_NAMES: &[&str] = &["clientId", "clientid", "client_id", "client-id"];
const SECRET_NAMES: &[&str] = &[
    "clientSecret",
    "clientsecret",
    "client_secret",
    "client-secret",
];

/// Issues a token for valid credentials; 422 in the §1.2 error shape otherwise; 404
/// or 405 on a route the configured [`TokenRoutes`](crate::TokenRoutes) closes.
pub(super) async fn token(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
    body: Bytes,
) -> Response {
    let endpoint = if uri.path() == Endpoint::GenerateToken.path().unwrap_or_default() {
        Endpoint::GenerateToken
    } else {
        Endpoint::AccessToken
    };
    if let Some(refused) = shared.config.token_routes.refusal(endpoint, &method) {
        return refused;
    }
    match shared.forced(endpoint, &headers, []) {
        Some(Forced::Code(code)) if code != 0 && code != 200 => {
            return respond::code(Envelope::Token, code);
        }
        _ => {}
    }
    let body_fields = body_fields(&body);
    let find = |names: &[&str]| -> Option<String> {
        let from_query = names.iter().find_map(|n| query.get(*n).cloned());
        let from_body = || names.iter().find_map(|n| body_fields.get(*n).cloned());
        let from_headers = || {
            names.iter().find_map(|n| {
                headers
                    .get(*n)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned)
            })
        };
        from_query
            .or_else(from_body)
            .or_else(from_headers)
            .filter(|v| !v.trim().is_empty())
    };
    let Some(client_id) = find(ID_NAMES) else {
        return respond::token_error("client id is required");
    };
    let Some(client_secret) = find(SECRET_NAMES) else {
        return respond::token_error("client secret is required");
    };
    if client_id != shared.config.client_id
        || client_secret != shared.config.client_secret.expose_secret()
    {
        return respond::token_error("invalid client credentials");
    }
    let token = shared.issue_token();
    respond::v2_ok(json!({
        "access_token": token,
        "expires_in": shared.config.token_lifetime.as_secs(),
        "token_type": "Bearer"
    }))
}

/// String fields of a JSON object or form-encoded body.
fn body_fields(body: &[u8]) -> HashMap<String, String> {
    if body.is_empty() {
        return HashMap::new();
    }
    if let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(body) {
        return map
            .into_iter()
            .filter_map(|(k, v)| match v {
                Value::String(s) => Some((k, s)),
                Value::Number(n) => Some((k, n.to_string())),
                _ => None,
            })
            .collect();
    }
    form_urlencoded::parse(body).into_owned().collect()
}
