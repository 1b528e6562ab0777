//! Reading a `Retry-After` header: delay-seconds or an HTTP date (RFC 9110 §10.2.3).

use std::time::{Duration, SystemTime};

/// The wait a `Retry-After` value asks for, measured from `now`; `None` when it is
/// absent or unreadable. A date in the past means "now".
pub(crate) fn parse_retry_after(value: Option<&str>, now: SystemTime) -> Option<Duration> {
    let value = value?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(
            parse_retry_after(Some(" 1 "), now),
            Some(Duration::from_secs(1))
        );
        let later = httpdate::fmt_http_date(now + Duration::from_secs(7));
        assert_eq!(
            parse_retry_after(Some(&later), now),
            Some(Duration::from_secs(7))
        );
        let earlier = httpdate::fmt_http_date(now - Duration::from_secs(7));
        assert_eq!(parse_retry_after(Some(&earlier), now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after(Some("soon"), now), None);
        assert_eq!(parse_retry_after(Some("-3"), now), None);
        assert_eq!(parse_retry_after(None, now), None);
    }
}
