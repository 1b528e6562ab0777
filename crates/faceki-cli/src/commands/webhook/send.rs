//! `faceki webhook send`: one realistic webhook payload, sent as Faceki would (JSON,
//! the portal's method and static headers), and the HTTP status it got. Header
//! values are secrets: they are never printed.

use std::time::{Duration, SystemTime};

use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use serde_json::json;

use super::payloads;
use crate::args::{Method, SendArgs};
use crate::exit::{Exit, Failure};
use crate::output::Output;

/// Sends the payload `args` describe. Exit 0 for a 2xx answer, 1 for any other
/// status, 2 for a usage error (nothing sent), 3 if it could not be sent.
pub(super) async fn run(
    args: &SendArgs,
    timeout: Option<Duration>,
    out: &Output,
) -> Result<(), Failure> {
    let url = super::parse_url("to", &args.to)?;
    let headers = headers(&args.headers)?;
    let client = super::http_client(&url, timeout)?;
    let request_id = args
        .request_id
        .clone()
        .unwrap_or_else(payloads::random_request_id);
    let payload = payloads::payload(args.event, args.status, &request_id, SystemTime::now());
    let body = serde_json::to_vec(&payload)
        .map_err(|e| Failure::Other(Exit::Usage, format!("cannot write the payload: {e}")))?;
    let method = match args.method {
        Method::Post => reqwest::Method::POST,
        Method::Put => reqwest::Method::PUT,
    };
    let response = crate::commands::with_spinner(
        out,
        "sending the webhook",
        client
            .request(method, url)
            .headers(headers)
            .body(body)
            .send(),
    )
    .await
    .map_err(|e| {
        Failure::Other(
            Exit::Network,
            format!("the webhook could not be sent: {}", super::describe(e)),
        )
    })?;
    let status = response.status();
    let result = json!({
        "http_status": status.as_u16(),
        "request_id": request_id,
    });
    if !out.is_json() {
        out.note(&format!(
            "sent a {} event, request id {request_id:?}, status {}",
            args.event.name(),
            args.status.as_str()
        ));
    }
    out.result(&result, |_| format!("{status}\n"))?;
    if status.is_success() {
        Ok(())
    } else {
        Err(Failure::Other(
            Exit::Api,
            format!("the receiver answered {status}"),
        ))
    }
}

/// The request's headers: `Content-Type: application/json` unless one is given,
/// then every `--header NAME: VALUE` (repeated names are all sent). Values are
/// marked sensitive and never appear in an error: a header is named by its
/// position, and by its name only once the name is known to be valid.
fn headers(given: &[String]) -> Result<HeaderMap, Failure> {
    let mut headers = HeaderMap::new();
    for (index, text) in given.iter().enumerate() {
        let number = index + 1;
        let Some((name, value)) = text.split_once(':') else {
            return Err(Failure::Usage(format!(
                "--header #{number} must be `NAME: VALUE` (not shown: it may hold a secret)"
            )));
        };
        let name = HeaderName::from_bytes(name.trim().as_bytes()).map_err(|_| {
            Failure::Usage(format!(
                "--header #{number}: the part before `:` is not a valid header name"
            ))
        })?;
        let mut value = HeaderValue::from_str(value.trim()).map_err(|_| {
            Failure::Usage(format!(
                "--header #{number} (`{name}`): the value is not a valid header value \
                 (not shown)"
            ))
        })?;
        value.set_sensitive(true);
        headers.append(name, value);
    }
    if !headers.contains_key(CONTENT_TYPE) {
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    Ok(headers)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn headers_are_parsed_and_marked_sensitive() {
        let map = headers(&strings(&["X-Secret: s3cr3t: with colon", "x-secret:two"])).unwrap();
        let values: Vec<_> = map.get_all("x-secret").iter().collect();
        assert_eq!(values.len(), 2);
        assert_eq!(values[0], "s3cr3t: with colon");
        assert!(values.iter().all(|v| v.is_sensitive()));
        assert_eq!(map[CONTENT_TYPE], "application/json");

        let own = headers(&strings(&["Content-Type: application/json; charset=utf-8"])).unwrap();
        assert_eq!(own.get_all(CONTENT_TYPE).iter().count(), 1);
    }

    #[test]
    fn bad_headers_are_usage_errors_that_do_not_echo_the_value() {
        for bad in ["s3cr3t-no-colon", "bad name: s3cr3t", "X-Ok: s3cr3t\u{7f}"] {
            match headers(&strings(&[bad])) {
                Err(Failure::Usage(message)) => assert!(!message.contains("s3cr3t"), "{message}"),
                other => panic!("{bad}: {other:?}"),
            }
        }
    }
}
