//! [`Endpoint`]: every call of the Faceki API, with the facts a client needs about it
//! (method, path, whether it needs a bearer token, its [`Effect`], whether it may be
//! retried).
//!
//! Reference: `faceki-api.md` §2.1 (V2 and the link flow) and §3.1 (V3 "Blaze").

use std::fmt;

/// HTTP method of a Faceki call. The API uses only these two.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
}

impl Method {
    /// The method as it appears on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a call may be sent again when its first attempt failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RetryClass {
    /// Reading, or fetching a token: safe to repeat.
    Idempotent,
    /// Creates something or is billed (a verification, a face search, a link): may be
    /// repeated only when the first attempt provably never reached the server.
    NotIdempotent,
}

/// What a call does on Faceki's side: the first input of the delivery verdict
/// ([`crate::delivery`]).
///
/// ```
/// use faceki_types::{Effect, Endpoint};
///
/// assert_eq!(Endpoint::KycRules.effect(), Effect::ReadOnly);
/// assert_eq!(Endpoint::CreateLink.effect(), Effect::CreatesState);
/// assert_eq!(Endpoint::V3Verification.effect(), Effect::Billed);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Effect {
    /// Reads, and the token calls: repeating one changes nothing.
    ReadOnly,
    /// Creates something that is not billed per call (a hosted link).
    CreatesState,
    /// Billed, and usually creates a record (a verification, a face search).
    Billed,
}

impl Effect {
    /// Whether the call changes anything on Faceki's side (creates state or bills).
    pub const fn has_effect(self) -> bool {
        !matches!(self, Effect::ReadOnly)
    }

    /// A stable snake-case name (`read_only`, `creates_state`, `billed`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Effect::ReadOnly => "read_only",
            Effect::CreatesState => "creates_state",
            Effect::Billed => "billed",
        }
    }
}

impl fmt::Display for Effect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! endpoints {
    ($(
        $(#[$doc:meta])*
        $variant:ident => $name:literal, $method:ident, $path:expr, auth: $auth:literal, billed: $billed:literal;
    )*) => {
        /// One call of the Faceki API.
        ///
        /// ```
        /// use faceki_types::{Endpoint, Method, RetryClass};
        ///
        /// let e = Endpoint::SingleVerification;
        /// assert_eq!(e.method(), Method::Post);
        /// assert_eq!(e.path(), Some("/kycverify/api/kycverify/kyc-verification"));
        /// assert!(e.is_billed());
        /// assert_eq!(e.retry_class(), RetryClass::NotIdempotent);
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Endpoint {
            $( $(#[$doc])* $variant, )*
        }

        impl Endpoint {
            /// Every endpoint, in reference order.
            pub const ALL: &'static [Endpoint] = &[$(Endpoint::$variant),*];

            /// A stable snake-case name, used in tracing spans and metrics.
            pub const fn name(self) -> &'static str {
                match self { $(Endpoint::$variant => $name,)* }
            }

            /// The HTTP method.
            pub const fn method(self) -> Method {
                match self { $(Endpoint::$variant => Method::$method,)* }
            }

            /// The documented path, or `None` where it is unknown and must be configured
            /// (the V3 PDF report).
            pub const fn path(self) -> Option<&'static str> {
                match self { $(Endpoint::$variant => $path,)* }
            }

            /// Whether the call carries `Authorization: Bearer <token>`.
            pub const fn requires_auth(self) -> bool {
                match self { $(Endpoint::$variant => $auth,)* }
            }

            /// Whether Faceki bills the call or it creates a record (a verification, a face
            /// search). Such calls are never retried blindly.
            pub const fn is_billed(self) -> bool {
                match self { $(Endpoint::$variant => $billed,)* }
            }
        }
    };
}

endpoints! {
    /// V2-1 / V3-1 token, variant A: `GET /auth/api/access-token` with the credentials in
    /// the query string (what every official client sends).
    AccessToken => "access_token", Get, Some("/auth/api/access-token"), auth: false, billed: false;
    /// V3-1 token, variant B: `POST /auth/api/generate-token` with a JSON body.
    GenerateToken => "generate_token", Post, Some("/auth/api/generate-token"), auth: false, billed: false;
    /// V2-2: the company's KYC rules.
    KycRules => "kyc_rules", Get, Some("/kycrules/api/kycrules"), auth: true, billed: false;
    /// V2-3: single-document verification (`selfie_image`, `doc_front_image`, `doc_back_image`).
    SingleVerification => "single_verification", Post, Some("/kycverify/api/kycverify/kyc-verification"), auth: true, billed: true;
    /// V2-4: multi-document verification.
    MultiVerification => "multi_verification", Post, Some("/kycverify/api/kycverify/multi-kyc-verification"), auth: true, billed: true;
    /// V2-5: KYC summary.
    KycSummary => "kyc_summary", Get, Some("/kycverify/api/kycverify/kyc-verify-summary"), auth: true, billed: false;
    /// V2-6 / V3-2: create a hosted verification link.
    CreateLink => "create_link", Post, Some("/kycverify/api/kycverify/kyc-verify-link"), auth: true, billed: false;
    /// V2-7: records by link id.
    RecordsByLink => "records_by_link", Get, Some("/kycverify/api/kycverify/link"), auth: true, billed: false;
    /// V2-8: records by reference (application) id.
    RecordsByReference => "records_by_reference", Get, Some("/kycverify/api/kycverify/reference"), auth: true, billed: false;
    /// V2-9 / V3-4: records by request id and the V3 filters (`face_id`, `link`,
    /// `record_identifier`).
    Records => "records", Get, Some("/kycverify/api/kycverify/records"), auth: true, billed: false;
    /// V2-10: face match against verified users (billed).
    FaceCheck => "face_check", Post, Some("/facelink/api/face-check"), auth: true, billed: true;
    /// V2-L1: validate a hosted link; answers with the KYC rules.
    ValidateLink => "validate_link", Get, Some("/kycverify/api/kycverify/validate-kyc-verify-link"), auth: false, billed: false;
    /// V2-L2: multi-document verification through a link.
    LinkMultiVerification => "link_multi_verification", Post, Some("/kycverify/api/kycverify/multiple-kyc-verification"), auth: false, billed: true;
    /// V2-L3: single-document verification through a link.
    LinkSingleVerification => "link_single_verification", Post, Some("/kycverify/api/kycverify/request-kyc"), auth: false, billed: true;
    /// V3-3: verification against a workflow.
    V3Verification => "v3_verification", Post, Some("/api/v3/kyc_verification"), auth: true, billed: true;
    /// V3-5: search verified records by face (billed).
    V3SearchByFace => "v3_search_by_face", Post, Some("/api/v3/kyc_verification/search-by-face"), auth: true, billed: true;
    /// V3-6: PDF report. Its path is undocumented, so the caller configures it.
    V3PdfReport => "v3_pdf_report", Get, None, auth: true, billed: false;
    /// V3-7: workflow rules by workflow id.
    V3WorkflowRules => "v3_workflow_rules", Get, Some("/api/v3/workflows/rules"), auth: true, billed: false;
    /// V3-8: workflow rules by link id (no token).
    V3WorkflowRulesByLink => "v3_workflow_rules_by_link", Get, Some("/api/v3/workflows/rulesbylink"), auth: false, billed: false;
    /// V3-9: verification through a link (no token).
    V3VerificationByLink => "v3_verification_by_link", Post, Some("/api/v3/kyc_verification/requestbylink"), auth: false, billed: true;
    /// V3-10: analyze a face (age range, gender, liveness). Treated as billed: it runs
    /// the same engines as a verification.
    V3AnalyzeFace => "v3_analyze_face", Post, Some("/api/v3/kyc_verification/analyzeFace"), auth: true, billed: true;
}

impl Endpoint {
    /// What the call does on Faceki's side: [`Effect::Billed`] for billed calls,
    /// [`Effect::CreatesState`] for every other `POST` (a link), and
    /// [`Effect::ReadOnly`] for reads and the token calls.
    pub const fn effect(self) -> Effect {
        if self.is_billed() {
            Effect::Billed
        } else if self.is_token() {
            Effect::ReadOnly
        } else {
            match self.method() {
                Method::Get => Effect::ReadOnly,
                Method::Post => Effect::CreatesState,
            }
        }
    }

    /// Whether the call may be repeated after a failed attempt.
    ///
    /// Token calls and reads are idempotent. Every other `POST` creates or bills
    /// something (a link, a verification, a search) and is [`RetryClass::NotIdempotent`].
    pub const fn retry_class(self) -> RetryClass {
        if self.effect().has_effect() {
            RetryClass::NotIdempotent
        } else {
            RetryClass::Idempotent
        }
    }

    /// Whether this is one of the token calls.
    pub const fn is_token(self) -> bool {
        matches!(self, Endpoint::AccessToken | Endpoint::GenerateToken)
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_paths_absolute() {
        let mut names: Vec<_> = Endpoint::ALL.iter().map(|e| e.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Endpoint::ALL.len());
        for e in Endpoint::ALL {
            if let Some(p) = e.path() {
                assert!(p.starts_with('/') && !p.contains('?'), "{e}: {p}");
            }
        }
    }

    #[test]
    fn billed_calls_are_never_idempotent() {
        for e in Endpoint::ALL {
            if e.is_billed() {
                assert_eq!(e.retry_class(), RetryClass::NotIdempotent, "{e}");
            }
        }
        assert_eq!(
            Endpoint::GenerateToken.retry_class(),
            RetryClass::Idempotent
        );
        assert_eq!(
            Endpoint::CreateLink.retry_class(),
            RetryClass::NotIdempotent
        );
    }

    #[test]
    fn every_post_but_the_token_call_has_an_effect() {
        for e in Endpoint::ALL {
            let expected = e.method() == Method::Post && !e.is_token();
            assert_eq!(e.effect().has_effect(), expected, "{e}");
            assert_eq!(e.is_billed(), e.effect() == Effect::Billed, "{e}");
        }
        assert_eq!(Endpoint::CreateLink.effect(), Effect::CreatesState);
    }
}
