//! The token request, in the two variants the documentation describes (reference §1.2).

use serde::Serialize;

use super::{Body, JsonBody, RequestError, RequestSpec};
use crate::endpoint::Endpoint;
use crate::secret::Secret;

/// Which form of the token call to send.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum TokenRequestVariant {
    /// Variant A: `GET /auth/api/access-token?clientId=…&clientSecret=…`, what every
    /// official Faceki client sends. The secret sits in a URL, where proxies and access
    /// logs may record it.
    QueryGet,
    /// Variant B, the default: `POST /auth/api/generate-token` with a JSON body
    /// `{"clientId": …, "clientSecret": …}`, as the current V3 page documents.
    #[default]
    JsonPost,
}

#[derive(Serialize)]
struct TokenBody<'a> {
    #[serde(rename = "clientId")]
    client_id: &'a str,
    #[serde(rename = "clientSecret")]
    client_secret: &'a str,
}

/// Describes the token call. The client id and secret must not be blank.
///
/// The secret travels URL-encoded in the query (variant A) or in the JSON body
/// (variant B); the returned description's `Debug` redacts it either way.
pub fn token_request(
    variant: TokenRequestVariant,
    client_id: &str,
    client_secret: &Secret,
) -> Result<RequestSpec, RequestError> {
    if client_id.trim().is_empty() {
        return Err(RequestError::MissingField { field: "clientId" });
    }
    if client_secret.is_blank() {
        return Err(RequestError::MissingField {
            field: "clientSecret",
        });
    }
    Ok(match variant {
        TokenRequestVariant::QueryGet => RequestSpec::new(Endpoint::AccessToken)
            .query("clientId", client_id)
            .secret_query("clientSecret", client_secret.expose_secret()),
        TokenRequestVariant::JsonPost => {
            let body = TokenBody {
                client_id,
                client_secret: client_secret.expose_secret(),
            };
            let bytes = serde_json::to_vec(&body).map_err(|_| RequestError::InvalidField {
                field: "clientSecret",
                reason: "cannot be serialized as JSON",
            })?;
            RequestSpec::new(Endpoint::GenerateToken).body(Body::Json(JsonBody { bytes }))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::Method;

    #[test]
    fn variant_b_posts_json() {
        let spec = token_request(
            TokenRequestVariant::JsonPost,
            "id",
            &Secret::new("sec\"ret"),
        )
        .unwrap();
        assert_eq!(spec.method(), Method::Post);
        assert_eq!(spec.path_and_query(), "/auth/api/generate-token");
        let Body::Json(json) = spec.body_ref() else {
            panic!("expected a JSON body")
        };
        let value: serde_json::Value = serde_json::from_slice(&json.bytes).unwrap();
        assert_eq!(value["clientSecret"], "sec\"ret");
        assert!(!format!("{spec:?}").contains("sec\"ret"));
    }

    #[test]
    fn blank_credentials_are_refused_before_sending() {
        let err = token_request(TokenRequestVariant::QueryGet, " ", &Secret::new("x")).unwrap_err();
        assert_eq!(err, RequestError::MissingField { field: "clientId" });
        let err = token_request(TokenRequestVariant::QueryGet, "id", &Secret::new("")).unwrap_err();
        assert_eq!(err.to_string(), "missing required field `clientSecret`");
    }
}
