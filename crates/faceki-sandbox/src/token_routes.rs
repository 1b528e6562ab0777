//! [`TokenRoutes`]: which token variant of reference §1.2 the sandbox answers, so a
//! client's fallback from one variant to the other can be exercised.

use axum::http::Method;
use axum::response::Response;
use faceki_types::Endpoint;

use crate::respond;

/// Which token routes answer (set with
/// [`SandboxBuilder::token_routes`](crate::SandboxBuilder::token_routes)).
///
/// Wherever a route answers, it reads the credentials from the query, a JSON or form
/// body, or headers, as usual. A refused request is still counted: in
/// [`requests(Endpoint::GenerateToken)`](crate::SandboxHandle::requests) /
/// `requests(Endpoint::AccessToken)` (every hit of that path) and in
/// [`token_requests()`](crate::SandboxHandle::token_requests) (every hit of either);
/// [`tokens_issued()`](crate::SandboxHandle::tokens_issued) counts only successes.
/// Injected faults apply before the refusal, as they would in front of the server.
///
/// ```no_run
/// # async fn demo() -> std::io::Result<()> {
/// use faceki_sandbox::{Sandbox, TokenRoutes};
///
/// // A server that knows only variant A: a client defaulting to variant B sees a 404
/// // and has to fall back.
/// let sandbox = Sandbox::builder()
///     .token_routes(TokenRoutes::AccessTokenOnly)
///     .start()
///     .await?;
/// # let _ = sandbox; Ok(()) }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum TokenRoutes {
    /// Every variant (the default): `GET` and `POST` on both `/auth/api/access-token`
    /// and `/auth/api/generate-token`.
    #[default]
    All,
    /// Only variant B, `POST /auth/api/generate-token`. Anything on
    /// `/auth/api/access-token` answers HTTP 404 (the unknown-path body); `GET` on
    /// `/auth/api/generate-token` answers HTTP 405 with `Allow: POST`.
    GenerateTokenOnly,
    /// Only variant A, `GET /auth/api/access-token`. Anything on
    /// `/auth/api/generate-token` answers HTTP 404 (the unknown-path body); `POST` on
    /// `/auth/api/access-token` answers HTTP 405 with `Allow: GET`.
    AccessTokenOnly,
}

impl TokenRoutes {
    /// The answer refusing a request to a token endpoint, if this setting refuses it.
    pub(crate) fn refusal(self, endpoint: Endpoint, method: &Method) -> Option<Response> {
        let (open, method_needed, allow) = match self {
            TokenRoutes::All => return None,
            TokenRoutes::GenerateTokenOnly => (Endpoint::GenerateToken, Method::POST, "POST"),
            TokenRoutes::AccessTokenOnly => (Endpoint::AccessToken, Method::GET, "GET"),
        };
        if endpoint != open {
            Some(respond::not_found())
        } else if *method != method_needed {
            Some(respond::method_not_allowed(allow))
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_setting_opens_one_method_of_one_path() {
        let status = |routes: TokenRoutes, e, m: Method| {
            routes.refusal(e, &m).map_or(200, |r| r.status().as_u16())
        };
        for e in [Endpoint::AccessToken, Endpoint::GenerateToken] {
            for m in [Method::GET, Method::POST] {
                assert_eq!(status(TokenRoutes::All, e, m), 200);
            }
        }
        let b = TokenRoutes::GenerateTokenOnly;
        assert_eq!(status(b, Endpoint::GenerateToken, Method::POST), 200);
        assert_eq!(status(b, Endpoint::GenerateToken, Method::GET), 405);
        assert_eq!(status(b, Endpoint::AccessToken, Method::GET), 404);
        assert_eq!(status(b, Endpoint::AccessToken, Method::POST), 404);
        let a = TokenRoutes::AccessTokenOnly;
        assert_eq!(status(a, Endpoint::AccessToken, Method::GET), 200);
        assert_eq!(status(a, Endpoint::AccessToken, Method::POST), 405);
        assert_eq!(status(a, Endpoint::GenerateToken, Method::GET), 404);
        assert_eq!(status(a, Endpoint::GenerateToken, Method::POST), 404);
    }
}
