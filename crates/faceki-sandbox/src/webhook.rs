//! Webhook delivery (reference §4): the "EKYC completed" payload after a V3
//! verification, the portal-style status update on demand, and (when enabled) an
//! illustrative AML-monitoring update after each completed verification.
//!
//! Callbacks are JSON bodies sent with the configured [`WebhookSettings`] (method,
//! static headers, optionally twice); each attempt is recorded as a [`Delivery`] for
//! inspection. There is no retry and no signature (the reference documents none).

mod client;
mod payload;
mod send;
mod settings;

pub(crate) use client::WebhookClient;
pub(crate) use send::{Event, dispatch, spawn_completed, unsent};
pub(crate) use settings::WebhookConfig;
pub use settings::{WebhookMethod, WebhookSettings};

/// Which webhook event was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DeliveryKind {
    /// `{requestId, fullName, status, kycData}` after a verification.
    Completed,
    /// `{requestId, fullName, status, modifiedByEmail}` from the "portal".
    PortalUpdate,
    /// The illustrative AML-monitoring update (`"event": "aml_monitoring_update"`),
    /// sent after each completed verification when
    /// [`WebhookSettings::aml_updates`] is on.
    AmlUpdate,
}

/// One webhook attempt and its result. Custom header values are never recorded (only
/// their names), so `Debug` cannot show them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Delivery {
    /// The callback URL (empty when none was configured).
    pub url: String,
    /// Which event.
    pub kind: DeliveryKind,
    /// The verification the payload is about.
    pub request_id: String,
    /// The `status` field sent (`amlStatus` for an AML update).
    pub status: String,
    /// The HTTP method used.
    pub method: WebhookMethod,
    /// Whether this was the second, identical copy sent by
    /// [`WebhookSettings::deliver_twice`].
    pub duplicate: bool,
    /// The names of the custom headers sent (lower case; values are never recorded).
    pub header_names: Vec<String>,
    /// The receiver's HTTP status, when it answered.
    pub http_status: Option<u16>,
    /// Why the delivery failed, when it did (connection refused, timeout, bad URL).
    pub error: Option<String>,
}
