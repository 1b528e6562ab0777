//! `faceki token`: fetch a token and print its expiry (the token only with `--reveal`).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use faceki::Client;
use faceki::auth::AuthError;
use serde_json::json;

use crate::exit::{Exit, Failure};
use crate::output::Output;

/// Fetches a token through the client's provider.
pub(crate) async fn run(client: &Client, reveal: bool, out: &Output) -> Result<(), Failure> {
    let Some(provider) = client.token_provider() else {
        return Err(Failure::Usage("the client has no credentials".to_owned()));
    };
    let token = super::with_spinner(out, "fetching a token", provider.token())
        .await
        .map_err(auth_failure)?;
    let remaining = token.remaining();
    let expires_at = remaining.map(|r| rfc3339(SystemTime::now() + r));
    let mut value = json!({
        "token_type": "Bearer",
        "expires_in_secs": remaining.map(|r| r.as_secs()),
        "expires_at": expires_at,
    });
    if reveal {
        value["access_token"] = json!(token.expose_secret());
    }
    out.result(&value, |_| {
        let mut text = match (remaining, &expires_at) {
            (Some(r), Some(at)) => format!("token valid for {} (until {at})\n", human(r)),
            _ => "token obtained; Faceki did not say when it expires\n".to_owned(),
        };
        if reveal {
            text.push_str(token.expose_secret());
            text.push('\n');
        } else {
            text.push_str("(the token itself is shown only with --reveal)\n");
        }
        text
    })
}

/// A token failure: network trouble is exit 3, anything else exit 4.
pub(crate) fn auth_failure(error: AuthError) -> Failure {
    let exit = if error.is_timeout() || error.is_transport() {
        Exit::Network
    } else {
        Exit::Auth
    };
    let mut message = format!("authentication failed: {error}");
    if let Some(code) = error.response_code() {
        message.push_str(&format!(
            "\n  code: {} ({}): {}",
            code.name().unwrap_or("UNKNOWN"),
            code.code(),
            code.description()
        ));
    }
    Failure::Other(exit, message)
}

/// `1 h 2 min 3 s`.
pub(crate) fn human(d: Duration) -> String {
    let s = d.as_secs();
    match (s / 3600, (s % 3600) / 60, s % 60) {
        (0, 0, s) => format!("{s} s"),
        (0, m, s) => format!("{m} min {s} s"),
        (h, m, _) => format!("{h} h {m} min"),
    }
}

/// A UTC time as RFC 3339 (`2026-11-26T04:00:00Z`).
pub(crate) fn rfc3339(time: SystemTime) -> String {
    let secs = time
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_utc_times() {
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        let t = UNIX_EPOCH + Duration::from_secs(1_795_665_600);
        assert_eq!(rfc3339(t), "2026-11-26T04:00:00Z");
        let leap = UNIX_EPOCH + Duration::from_secs(951_782_400 + 3661);
        assert_eq!(rfc3339(leap), "2000-02-29T01:01:01Z");
    }

    #[test]
    fn durations_read_well() {
        assert_eq!(human(Duration::from_secs(59)), "59 s");
        assert_eq!(human(Duration::from_secs(61)), "1 min 1 s");
        assert_eq!(human(Duration::from_secs(3600)), "1 h 0 min");
    }
}
