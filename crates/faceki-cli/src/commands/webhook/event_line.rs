//! The line printed for a received event: redacted by default (kind, request id,
//! status, final or not), the whole payload with `--json`.

use faceki::model::{Reveal, WebhookEvent};
use serde_json::Value;

/// The redacted one-line summary: `kind=completed request_id="r-1" status="ACCEPTED"
/// final=yes`. Never a name or any other personal data; the request id and the
/// status are quoted and escaped (they come from the request, so no control
/// characters reach the terminal).
pub(super) fn redacted(event: &WebhookEvent) -> String {
    let quoted = |text: Option<&str>| text.map_or_else(|| "-".to_owned(), |t| format!("{t:?}"));
    format!(
        "kind={} request_id={} status={} final={}",
        event.kind(),
        quoted(event.request_id()),
        quoted(event.status().map(|s| s.as_str())),
        if event.is_final() { "yes" } else { "no" },
    )
}

/// The whole verified payload as one line of JSON: the raw body, compacted. It is
/// personal data, printed because `--json` asked for it.
pub(super) fn full(event: &WebhookEvent, body: &[u8]) -> String {
    match serde_json::from_slice::<Value>(body) {
        Ok(value) => value.to_string(),
        // Not reached: the verifier parsed the same bytes.
        Err(_) => Reveal(event).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(json: &str) -> WebhookEvent {
        WebhookEvent::parse(json.as_bytes()).unwrap()
    }

    #[test]
    fn the_redacted_line_has_no_personal_data() {
        let completed =
            event(r#"{"requestId":"r-1","fullName":"ANA","status":"ACCEPTED","kycData":{"x":1}}"#);
        assert_eq!(
            redacted(&completed),
            r#"kind=completed request_id="r-1" status="ACCEPTED" final=yes"#
        );
        let aml = event(r#"{"event":"aml_monitoring_update","requestId":"r\u001b[2J"}"#);
        let line = redacted(&aml);
        assert_eq!(
            line,
            r#"kind=aml_update request_id="r\u{1b}[2J" status=- final=no"#
        );
        assert!(!line.contains('\u{1b}'));
    }

    #[test]
    fn the_full_line_is_the_body_on_one_line() {
        let body = b"{\n  \"requestId\": \"r-1\",\n  \"fullName\": \"ANA\",\n  \"modifiedByEmail\": null\n}";
        let line = full(&WebhookEvent::parse(body).unwrap(), body);
        assert!(!line.contains('\n'));
        let value: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(value, serde_json::from_slice::<Value>(body).unwrap());
    }
}
