//! How a shared token is written in Redis, and the strict reader that ignores
//! anything else: `v1 <expires_at_ms> <refresh_at_ms> <lifetime_ms> <token>`, times in
//! milliseconds since the Unix epoch.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use faceki_auth::StoredToken;

const VERSION: &str = "v1";

/// The value stored for `token`, or `None` when the token cannot be stored safely
/// (empty, or with white space or control characters that would break the format).
pub(crate) fn encode(token: &StoredToken) -> Option<String> {
    let secret = token.token().expose_secret();
    if secret.is_empty() || !secret.bytes().all(|b| b.is_ascii_graphic()) {
        return None;
    }
    Some(format!(
        "{VERSION} {} {} {} {secret}",
        millis(token.expires_at()),
        millis(token.refresh_at()),
        token.lifetime().as_millis()
    ))
}

/// Reads a stored value; `None` for anything that is not exactly what [`encode`]
/// writes (a value that does not parse is ignored, never trusted).
pub(crate) fn decode(value: &[u8]) -> Option<StoredToken> {
    let text = std::str::from_utf8(value).ok()?;
    let mut parts = text.split(' ');
    if parts.next()? != VERSION {
        return None;
    }
    let expires_at = instant(parts.next()?)?;
    let refresh_at = instant(parts.next()?)?;
    let lifetime = Duration::from_millis(parts.next()?.parse().ok()?);
    let token = parts.next()?;
    if parts.next().is_some()
        || token.is_empty()
        || !token.bytes().all(|b| b.is_ascii_graphic())
        || refresh_at > expires_at
        || lifetime.is_zero()
    {
        return None;
    }
    Some(StoredToken::new(token, expires_at, refresh_at, lifetime))
}

fn millis(t: SystemTime) -> u128 {
    t.duration_since(UNIX_EPOCH).unwrap_or_default().as_millis()
}

fn instant(text: &str) -> Option<SystemTime> {
    let ms: u64 = text.parse().ok()?;
    UNIX_EPOCH.checked_add(Duration::from_millis(ms))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(token: &str) -> StoredToken {
        let at = UNIX_EPOCH + Duration::from_millis(1_796_116_502_250);
        StoredToken::new(
            token,
            at,
            at - Duration::from_secs(60),
            Duration::from_secs(3600),
        )
    }

    #[test]
    fn round_trip() {
        let t = sample("eyJ.abc-_.xyz");
        let text = encode(&t).unwrap_or_default();
        assert_eq!(text, "v1 1796116502250 1796116442250 3600000 eyJ.abc-_.xyz");
        assert!(decode(text.as_bytes()) == Some(t));
    }

    #[test]
    fn garbage_is_ignored() {
        for bad in [
            "",
            "v1",
            "v2 1 1 1 tok",
            "v1 1 1 1",
            "v1 x 1 1 tok",
            "v1 1 2 1 tok",
            "v1 2 1 0 tok",
            "v1 2 1 1 tok extra",
            "v1 2 1 1 tok\u{7}",
            "v1  2 1 1 tok",
        ] {
            assert!(decode(bad.as_bytes()).is_none(), "{bad:?}");
        }
        assert!(decode(&[0xff, 0xfe]).is_none());
        assert!(encode(&sample("with space")).is_none());
        assert!(encode(&sample("")).is_none());
    }
}
