//! Sending an event with the sandbox's [`WebhookSettings`](super::WebhookSettings):
//! once or twice with identical bytes, every attempt recorded as a [`Delivery`].

use std::sync::Arc;

use bytes::Bytes;
use serde_json::Value;

use super::{Delivery, DeliveryKind, payload};
use crate::lock;
use crate::state::Shared;
use crate::synth::FULL_NAME;

/// One event to send: its kind, what the log records about it, and its body.
#[derive(Debug, Clone)]
pub(crate) struct Event {
    kind: DeliveryKind,
    request_id: String,
    status: String,
    payload: Value,
}

impl Event {
    /// "EKYC completed" for a stored V3 record.
    pub(crate) fn completed(record: &Value) -> Event {
        let request_id = record["requestId"].as_str().unwrap_or_default().to_owned();
        let status = record["decision"].as_str().unwrap_or("ACCEPTED").to_owned();
        Event {
            payload: payload::completed(&request_id, FULL_NAME, &status, record),
            kind: DeliveryKind::Completed,
            request_id,
            status,
        }
    }

    /// "EKYC update from portal": a reviewer set `status`.
    pub(crate) fn portal(request_id: &str, status: &str, email: &str) -> Event {
        Event {
            payload: payload::portal(request_id, FULL_NAME, status, email),
            kind: DeliveryKind::PortalUpdate,
            request_id: request_id.to_owned(),
            status: status.to_owned(),
        }
    }

    /// The illustrative AML-monitoring update, checked at `checked_at` (RFC 3339).
    pub(crate) fn aml_update(request_id: &str, checked_at: &str) -> Event {
        Event {
            payload: payload::aml_update(request_id, checked_at),
            kind: DeliveryKind::AmlUpdate,
            request_id: request_id.to_owned(),
            status: payload::AML_STATUS.to_owned(),
        }
    }
}

/// After a V3 verification: sends "EKYC completed" (then the AML update, when
/// configured) in the background, to `url` or the sandbox-wide URL, if there is one.
pub(crate) fn spawn_completed(shared: &Arc<Shared>, url: Option<String>, record: &Value) {
    let Some(url) = url.or_else(|| shared.config.webhook.url.clone()) else {
        return;
    };
    let completed = Event::completed(record);
    let aml = shared
        .config
        .webhook
        .aml_updates
        .then(|| Event::aml_update(&completed.request_id, &shared.clock.iso_now()));
    let shared = shared.clone();
    tokio::spawn(async move {
        for event in std::iter::once(&completed).chain(aml.as_ref()) {
            dispatch(&shared, &url, event).await;
        }
    });
}

/// Sends `event` to `url` (a second time when configured) and records every attempt;
/// returns the first.
pub(crate) async fn dispatch(shared: &Shared, url: &str, event: &Event) -> Delivery {
    let body = match serde_json::to_vec(&event.payload) {
        Ok(bytes) => Bytes::from(bytes),
        Err(e) => return record(shared, event, url, false, Err(e.to_string())),
    };
    let first = attempt(shared, url, event, body.clone(), false).await;
    if shared.config.webhook.deliver_twice {
        attempt(shared, url, event, body, true).await;
    }
    first
}

/// Records an event that has nowhere to go.
pub(crate) fn unsent(shared: &Shared, event: &Event, reason: &str) -> Delivery {
    record(shared, event, "", false, Err(reason.to_owned()))
}

async fn attempt(
    shared: &Shared,
    url: &str,
    event: &Event,
    body: Bytes,
    duplicate: bool,
) -> Delivery {
    let config = &shared.config.webhook;
    let result = shared
        .webhook
        .send(config.method, url, &config.headers, body)
        .await;
    record(shared, event, url, duplicate, result)
}

/// Appends one attempt to the delivery log.
fn record(
    shared: &Shared,
    event: &Event,
    url: &str,
    duplicate: bool,
    result: Result<u16, String>,
) -> Delivery {
    let config = &shared.config.webhook;
    let (http_status, error) = match result {
        Ok(code) => (Some(code), None),
        Err(e) => (None, Some(e)),
    };
    let delivery = Delivery {
        url: url.to_owned(),
        kind: event.kind,
        request_id: event.request_id.clone(),
        status: event.status.clone(),
        method: config.method,
        duplicate,
        header_names: config.header_names(),
        http_status,
        error,
    };
    lock(&shared.deliveries).push(delivery.clone());
    delivery
}
