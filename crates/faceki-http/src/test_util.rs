//! Errors for your own tests (feature `test-util`): every kind of [`Error`] and every
//! [`Delivery`] verdict, built without a server, so the code that handles a
//! "maybe processed" verification can be tested before it meets one.
//!
//! ```
//! use faceki_http::test_util;
//! use faceki_http::{Delivery, Endpoint, Lookup};
//!
//! let err = test_util::error_with_delivery(Endpoint::V3Verification, Delivery::MaybeProcessed)
//!     .with_lookup(Lookup::NotFound);
//! assert!(err.outcome_unknown());
//! assert_eq!(err.lookup(), Some(&Lookup::NotFound));
//! ```

use faceki_types::delivery::{Delivery, Wire};
use faceki_types::{ApiError, Endpoint, ResponseCode};

use crate::error::{Error, Lookup};
use crate::transport::TransportError;

/// An error of the kind the client produces for `wire` on `endpoint`: a connect
/// failure for [`Wire::NotSent`], a timeout for [`Wire::AnswerLost`], an HTTP status
/// error for [`Wire::Foreign`], a Faceki API error for [`Wire::Faceki`].
pub fn error_for(endpoint: Endpoint, wire: Wire) -> Error {
    match wire {
        Wire::Foreign { status } if (200..300).contains(&status) => decode_error(endpoint, status),
        Wire::Foreign { status } => Error::status(endpoint, status),
        Wire::Faceki { status, code } => Error::api(
            endpoint,
            ApiError::new(code, code.name().map(str::to_owned), status),
        ),
        Wire::AnswerLost => Error::transport(
            endpoint,
            TransportError::timeout("no complete response within 120s (test)"),
            1,
        ),
        // `Wire` is open to new outcomes; anything else was not sent.
        _ => Error::transport(
            endpoint,
            TransportError::connect("connection refused (test)"),
            1,
        ),
    }
}

/// An error on `endpoint` whose [`Error::delivery`] is `delivery`: a connect failure
/// (not sent), HTTP 401 with Faceki's unauthorised answer (rejected), a timeout
/// after sending (maybe processed), or a selfie verdict (processed).
pub fn error_with_delivery(endpoint: Endpoint, delivery: Delivery) -> Error {
    let wire = match delivery {
        Delivery::Rejected => Wire::Faceki {
            status: 401,
            code: ResponseCode::from_code(1),
        },
        Delivery::MaybeProcessed => Wire::AnswerLost,
        Delivery::Processed => Wire::Faceki {
            status: 200,
            code: ResponseCode::from_code(8006),
        },
        _ => Wire::NotSent,
    };
    error_for(endpoint, wire)
}

/// A Faceki API error: `code` under HTTP `status`, with the server's `message`.
pub fn api_error(endpoint: Endpoint, code: i64, status: u16, message: Option<&str>) -> Error {
    Error::api(
        endpoint,
        ApiError::new(
            ResponseCode::from_code(code),
            message.map(str::to_owned),
            status,
        ),
    )
}

/// An answer that could not be read as Faceki's (an HTML page) under HTTP `status`:
/// a decode error for a 2xx status, an HTTP status error otherwise, as the client
/// reports them.
pub fn decode_error(endpoint: Endpoint, status: u16) -> Error {
    match faceki_types::decode::<serde_json::Value>(status, Some("text/html"), b"<html></html>") {
        Err(error) => Error::from_response(endpoint, error),
        // An HTML body never decodes; this arm is unreachable in practice.
        Ok(_) => Error::status(endpoint, status),
    }
}

/// An HTTP status without a Faceki body (a gateway's page, an empty 503).
pub fn status_error(endpoint: Endpoint, status: u16) -> Error {
    Error::status(endpoint, status)
}

/// A transport failure after `attempts` attempts.
pub fn transport_error(endpoint: Endpoint, error: TransportError, attempts: u32) -> Error {
    Error::transport(endpoint, error, attempts)
}

/// Input refused before anything was sent.
pub fn invalid_input(endpoint: Option<Endpoint>, reason: &'static str) -> Error {
    Error::invalid_input(endpoint, reason)
}

/// No access token could be obtained (`message` must hold no secret).
pub fn auth_error(message: &'static str) -> Error {
    Error::auth(message, false, false, None, None, None)
}

/// A client configuration error.
pub fn config_error(reason: &'static str) -> Error {
    Error::config(reason)
}

impl Error {
    /// The same error, with what a lookup by record identifier found, as the client
    /// reports it after reconciling (feature `test-util`).
    pub fn with_lookup(self, lookup: Lookup) -> Self {
        self.with_lookup_result(lookup)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_verdict_and_kind_can_be_built() {
        for delivery in [
            Delivery::NotSent,
            Delivery::Rejected,
            Delivery::MaybeProcessed,
            Delivery::Processed,
        ] {
            let err = error_with_delivery(Endpoint::V3Verification, delivery);
            assert_eq!(err.delivery(), delivery, "{err}");
        }
        assert!(api_error(Endpoint::KycRules, 8013, 200, None).is_api());
        assert_eq!(
            status_error(Endpoint::KycRules, 502).http_status(),
            Some(502)
        );
        assert!(transport_error(Endpoint::KycRules, TransportError::io("reset"), 2).is_transport());
        assert!(invalid_input(None, "blank id").is_invalid_input());
        assert!(auth_error("no token").is_auth());
        assert!(config_error("bad URL").is_config());
        let err = error_for(Endpoint::CreateLink, Wire::Foreign { status: 504 });
        assert!(err.outcome_unknown());
        let err = error_for(Endpoint::V3Verification, Wire::Foreign { status: 200 });
        assert!(err.is_decode() && err.outcome_unknown(), "{err}");
        assert!(decode_error(Endpoint::KycRules, 200).is_decode());
    }
}
