//! [`WebhookEvent`]: the two V3 webhook payloads (reference §4), told apart by shape.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::define::model;
use super::redact::redacted_debug;
use super::{Extra, KycRecord, WebhookStatus};
use crate::lenient;

/// A webhook payload (reference §4). The API sends no event type, so the payload is
/// classified by shape: a `kycData` key means [`WebhookEvent::Completed`], else a
/// `modifiedByEmail` key means [`WebhookEvent::PortalUpdate`], else a top-level key
/// naming AML (`aml`, `amlStatus`, …) or an `event`/`type` value naming it means
/// [`WebhookEvent::AmlUpdate`] (Faceki does not document that payload: it is kept
/// as sent), else [`WebhookEvent::Unknown`] keeps the raw JSON.
///
/// Signatures, retries and the expected answer are undocumented; answer 2xx quickly.
///
/// ```
/// use faceki_types::{WebhookEvent, WebhookStatus};
///
/// let body = br#"{"requestId": "r-1", "fullName": "JOHN", "status": "APPROVED",
///                 "modifiedByEmail": "reviewer@example.com"}"#;
/// match WebhookEvent::parse(body).unwrap() {
///     WebhookEvent::PortalUpdate(u) => {
///         assert_eq!(u.status, Some(WebhookStatus::Approved));
///         assert_eq!(u.modified_by_email.as_deref(), Some("reviewer@example.com"));
///     }
///     other => panic!("unexpected {other:?}"),
/// }
/// ```
#[derive(Clone, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum WebhookEvent {
    /// "EKYC completed": a verification finished (`kycData` present).
    Completed(WebhookCompleted),
    /// "EKYC update from portal": a reviewer changed the status (`modifiedByEmail`
    /// present).
    PortalUpdate(WebhookPortalUpdate),
    /// An ongoing AML-monitoring update. Its payload is undocumented, so it is kept
    /// losslessly as sent; [`WebhookEvent::request_id`] reads its `requestId` if any.
    AmlUpdate(Value),
    /// Any other payload, kept as sent.
    Unknown(Value),
}

redacted_debug!(
    enum WebhookEvent {
        Completed,
        PortalUpdate,
        AmlUpdate,
        Unknown,
    }
);

/// The kind of a [`WebhookEvent`], for routing and deduplication.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WebhookKind {
    /// "EKYC completed".
    Completed,
    /// A status change from the portal.
    PortalUpdate,
    /// An AML-monitoring update.
    AmlUpdate,
    /// Anything else.
    Unknown,
}

impl WebhookKind {
    /// A stable snake-case name (`completed`, `portal_update`, `aml_update`,
    /// `unknown`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Completed => "completed",
            Self::PortalUpdate => "portal_update",
            Self::AmlUpdate => "aml_update",
            Self::Unknown => "unknown",
        }
    }
}

impl std::fmt::Display for WebhookKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a payload names AML at its top level: a key containing `aml`, or an
/// `event`/`type`/`kind` value containing it (case-insensitive).
fn names_aml(map: &serde_json::Map<String, Value>) -> bool {
    let aml = |text: &str| text.to_ascii_lowercase().contains("aml");
    map.keys().any(|k| aml(k))
        || ["event", "type", "kind", "eventType"]
            .iter()
            .any(|k| map.get(*k).and_then(Value::as_str).is_some_and(aml))
}

impl WebhookEvent {
    /// Parses a webhook request body.
    ///
    /// Fails only when the body is not JSON; any JSON value becomes an event (an
    /// unrecognised one as [`WebhookEvent::Unknown`]). The error never contains the
    /// body, which is personal data.
    pub fn parse(body: &[u8]) -> Result<Self, WebhookParseError> {
        let value: Value = serde_json::from_slice(body).map_err(|e| WebhookParseError {
            line: e.line(),
            column: e.column(),
            eof: e.is_eof(),
        })?;
        Ok(Self::from_value(value))
    }

    /// Classifies an already parsed payload (see the type's docs).
    pub fn from_value(value: Value) -> Self {
        let (completed, portal, aml) = match &value {
            Value::Object(map) => (
                map.contains_key("kycData"),
                map.contains_key("modifiedByEmail"),
                names_aml(map),
            ),
            _ => (false, false, false),
        };
        if completed {
            match serde_json::from_value(value.clone()) {
                Ok(c) => Self::Completed(c),
                Err(_) => Self::Unknown(value),
            }
        } else if portal {
            match serde_json::from_value(value.clone()) {
                Ok(p) => Self::PortalUpdate(p),
                Err(_) => Self::Unknown(value),
            }
        } else if aml {
            Self::AmlUpdate(value)
        } else {
            Self::Unknown(value)
        }
    }

    /// The kind of event.
    pub fn kind(&self) -> WebhookKind {
        match self {
            Self::Completed(_) => WebhookKind::Completed,
            Self::PortalUpdate(_) => WebhookKind::PortalUpdate,
            Self::AmlUpdate(_) => WebhookKind::AmlUpdate,
            Self::Unknown(_) => WebhookKind::Unknown,
        }
    }

    /// The verification's `requestId`: for the two documented payloads, and for an
    /// AML update or unknown payload that has a top-level string `requestId`.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Completed(c) => c.request_id.as_deref(),
            Self::PortalUpdate(p) => p.request_id.as_deref(),
            Self::AmlUpdate(v) | Self::Unknown(v) => v.get("requestId").and_then(Value::as_str),
        }
    }

    /// The `status`, for either documented payload.
    pub fn status(&self) -> Option<&WebhookStatus> {
        match self {
            Self::Completed(c) => c.status.as_ref(),
            Self::PortalUpdate(p) => p.status.as_ref(),
            Self::AmlUpdate(_) | Self::Unknown(_) => None,
        }
    }

    /// Whether the event carries a final decision (see [`WebhookStatus::is_final`]).
    pub fn is_final(&self) -> bool {
        self.status().is_some_and(WebhookStatus::is_final)
    }
}

impl<'de> Deserialize<'de> for WebhookEvent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Value::deserialize(d).map(Self::from_value)
    }
}

/// A webhook body that is not JSON. Says where parsing stopped, never what the body
/// contained.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("webhook body is not valid JSON (line {line}, column {column})")]
#[non_exhaustive]
pub struct WebhookParseError {
    /// Line where parsing stopped (1-based).
    pub line: usize,
    /// Column where parsing stopped (1-based).
    pub column: usize,
    /// Whether the body ended early (a truncated or empty body).
    pub eof: bool,
}

model! {
    /// "EKYC completed": `{requestId, fullName, status, kycData}`.
    ///
    /// `kycData` is always written back (as `null` when `None`), since its presence is
    /// what identifies this payload.
    #[serde(rename_all = "camelCase")]
    pub struct WebhookCompleted {
        /// The verification's id.
        pub request_id: Option<String>,
        /// The person's name.
        pub full_name: Option<String>,
        /// `ACCEPTED`, `DECLINED`, `REVIEW` or another value.
        pub status: Option<WebhookStatus>,
        /// The verification data (reference §3.4); `None` when `null`.
        #[serde(default)] pub kyc_data: Option<KycData>,
        /// Fields not modelled here, kept as sent.
        #[serde(flatten)] pub extra: Extra,
    }
}

model! {
    /// "EKYC update from portal": `{requestId, fullName, status, modifiedByEmail}`.
    ///
    /// `modifiedByEmail` is always written back (as `null` when `None`), since its
    /// presence is what identifies this payload.
    #[serde(rename_all = "camelCase")]
    pub struct WebhookPortalUpdate {
        /// The verification's id.
        pub request_id: Option<String>,
        /// The person's name.
        pub full_name: Option<String>,
        /// `APPROVED`, `DECLINED`, `REVIEW` or another value.
        pub status: Option<WebhookStatus>,
        /// Who changed the status in the portal; `None` when `null` or empty.
        #[serde(default, deserialize_with = "lenient::opt_string")]
        pub modified_by_email: Option<String>,
        /// Fields not modelled here, kept as sent.
        #[serde(flatten)] pub extra: Extra,
    }
}

/// The `kycData` of a completed webhook: the full record (reference §3.4) when it
/// decodes as one, else the raw value.
#[derive(Clone, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum KycData {
    /// The record.
    Record(Box<KycRecord>),
    /// A value that is not a record object, kept as sent.
    Raw(Value),
}

redacted_debug!(
    enum KycData {
        Record,
        Raw,
    }
);

impl KycData {
    /// The record, if the data decoded as one.
    pub fn record(&self) -> Option<&KycRecord> {
        match self {
            Self::Record(r) => Some(r),
            Self::Raw(_) => None,
        }
    }
}

impl<'de> Deserialize<'de> for KycData {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(d)?;
        Ok(match value {
            Value::Object(_) => match serde_json::from_value(value.clone()) {
                Ok(r) => Self::Record(Box::new(r)),
                Err(_) => Self::Raw(value),
            },
            other => Self::Raw(other),
        })
    }
}
