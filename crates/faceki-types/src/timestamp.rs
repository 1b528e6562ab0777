//! [`parse_timestamp`]: reads the ISO-8601 / RFC 3339 times Faceki puts in records
//! (`createdAt`, `updatedAt`), so a lookup can tell a record created by this call from
//! an older one with the same identifier.

use std::time::{Duration, SystemTime};

/// Reads `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` (a space instead of `T`, a
/// lower-case `t`/`z` and an offset without a colon are accepted too) as a point in
/// time. `None` for anything else, including dates before 1970: the caller then
/// treats the time as unknown, never as "long ago".
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use faceki_types::timestamp::parse_timestamp;
///
/// let t = parse_timestamp("2026-12-01T09:15:02.250Z").unwrap();
/// assert_eq!(t.duration_since(UNIX_EPOCH).unwrap(), Duration::from_millis(1_796_116_502_250));
/// assert_eq!(parse_timestamp("2026-12-01T11:15:02.250+02:00"), Some(t));
/// assert_eq!(parse_timestamp("yesterday"), None);
/// ```
pub fn parse_timestamp(text: &str) -> Option<SystemTime> {
    let b = text.trim().as_bytes();
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    if !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let year = digits(&b[0..4])?;
    let month = digits(&b[5..7])?;
    let day = digits(&b[8..10])?;
    let (hour, minute, second) = (
        digits(&b[11..13])?,
        digits(&b[14..16])?,
        digits(&b[17..19])?,
    );
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut rest = &b[19..];
    let mut nanos: u64 = 0;
    if let Some((b'.', fraction)) = rest.split_first() {
        let len = fraction.iter().take_while(|c| c.is_ascii_digit()).count();
        if len == 0 {
            return None;
        }
        for (i, c) in fraction[..len].iter().enumerate() {
            if i < 9 {
                nanos += u64::from(c - b'0') * 10u64.pow(8 - i as u32);
            }
        }
        rest = &fraction[len..];
    }
    let offset_secs: i64 = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] | [sign @ (b'+' | b'-'), h1, h2, m1, m2] => {
            let hours = digits(&[*h1, *h2])?;
            let minutes = digits(&[*m1, *m2])?;
            if hours > 23 || minutes > 59 {
                return None;
            }
            let magnitude = (hours * 3600 + minutes * 60) as i64;
            if *sign == b'+' { magnitude } else { -magnitude }
        }
        _ => return None,
    };
    let days = days_from_civil(year as i64, month, day);
    let local = days * 86_400 + (hour * 3600 + minute * 60 + second) as i64;
    let utc = u64::try_from(local - offset_secs).ok()?;
    SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(utc) + Duration::from_nanos(nanos))
}

fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    fn secs(text: &str) -> Option<u64> {
        parse_timestamp(text).map(|t| t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()))
    }

    #[test]
    fn known_instants() {
        assert_eq!(secs("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(secs("2000-02-29T12:00:00Z"), Some(951_825_600));
        assert_eq!(secs("2026-12-01 09:15:02Z"), Some(1_796_116_502));
        assert_eq!(secs("2026-12-01T09:15:02-0130"), Some(1_796_116_502 + 5400));
        assert_eq!(
            parse_timestamp("2026-12-01T09:15:02.123456789123Z")
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map(|d| d.subsec_nanos()),
            Some(123_456_789)
        );
    }

    #[test]
    fn refuses_what_is_not_a_timestamp() {
        for bad in [
            "",
            "2026-12-01",
            "2026-13-01T00:00:00Z",
            "2026-02-30T00:00:00Z",
            "2025-02-29T00:00:00Z",
            "2026-12-01T24:00:00Z",
            "2026-12-01T09:15:02",
            "2026-12-01T09:15:02.Z",
            "2026-12-01T09:15:02+2500",
            "1969-12-31T23:59:59Z",
            "2026-12-01T09:15:02Zjunk",
            "२०२६-12-01T09:15:02Z",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad}");
        }
    }
}
