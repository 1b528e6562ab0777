//! [`is_unauthorized`]: whether an answer says the access token was refused, with a
//! byte scan that spares almost every body the envelope parse.

use std::sync::LazyLock;

use memchr::memmem::Finder;

use super::{ResponseError, decode_envelope};

/// Whether Faceki refused the access token: HTTP 401 or 403, or body code 1
/// (`UNAUTHORIZED`) under any envelope (`responseCode`, `code` or `statusCode`).
///
/// A client refreshes its token once when this is true. Only a body with a key
/// ending in `ode` whose value could read as 1 (or with a `\u` escape, which could
/// spell such a key) is parsed; every other body is answered by the scan alone.
///
/// ```
/// use faceki_types::decode::is_unauthorized;
///
/// assert!(is_unauthorized(401, None, b""));
/// assert!(is_unauthorized(200, None, br#"{"status":false,"code":1,"message":"UNAUTHORIZED"}"#));
/// assert!(is_unauthorized(200, None, br#"{"responseCode":"1"}"#));
/// assert!(!is_unauthorized(200, None, br#"{"status":true,"code":200,"result":{"countryCode":1}}"#));
/// assert!(!is_unauthorized(200, None, br#"{"responseCode":0,"data":{"code":10}}"#));
/// ```
pub fn is_unauthorized(status: u16, content_type: Option<&str>, body: &[u8]) -> bool {
    if matches!(status, 401 | 403) {
        return true;
    }
    may_carry_code_one(body)
        && matches!(
            decode_envelope(status, content_type, body),
            Err(ResponseError::Api(e)) if e.code().code() == 1
        )
}

/// `true` unless the body certainly has no `code`, `responseCode` or `statusCode` key
/// whose value reads as 1 — the lenient reading takes numbers and numeric strings,
/// `1`, `"01"`, `" 1 "`, `1.0`, `"0.1e1"` alike. A superset: false alarms only cost
/// the parse.
pub(crate) fn may_carry_code_one(body: &[u8]) -> bool {
    // Built once: a searcher costs more to set up than to run over a typical body.
    static ESCAPE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(br"\u"));
    static KEY_END: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(br#"ode""#));
    if ESCAPE.find(body).is_some() {
        // An escaped key could spell `code`; read it properly.
        return true;
    }
    KEY_END
        .find_iter(body)
        .any(|at| value_may_be_one(&body[at + 4..]))
}

/// Whether the value after a key's closing quote might read as 1.
fn value_may_be_one(rest: &[u8]) -> bool {
    let mut i = skip_space(rest, 0);
    if rest.get(i) != Some(&b':') {
        return false;
    }
    i = skip_space(rest, i + 1);
    if rest.get(i) == Some(&b'"') {
        i = skip_space(rest, i + 1);
        // An escape or a non-ASCII character could be whitespace that trimming removes.
        if rest.get(i).is_some_and(|&b| b == b'\\' || !b.is_ascii()) {
            return true;
        }
    }
    let token_len = rest[i..]
        .iter()
        .take_while(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E'))
        .count();
    let token = &rest[i..i + token_len];
    if token.is_empty() {
        return false;
    }
    if token.iter().all(u8::is_ascii_digit) {
        // A plain integer: 1 exactly, leading zeros allowed (strings parse "01" as 1).
        let significant = &token[token.iter().take_while(|&&b| b == b'0').count()..];
        return significant == b"1";
    }
    // A sign, a fraction or an exponent: leave it to the parser.
    true
}

fn skip_space(bytes: &[u8], from: usize) -> usize {
    from + bytes[from.min(bytes.len())..]
        .iter()
        .take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scan_flags_every_spelling_of_one() {
        for body in [
            r#"{"code":1}"#,
            r#"{"code" : 1 }"#,
            r#"{"responseCode":"1"}"#,
            r#"{"statusCode":" 01 "}"#,
            r#"{"code":1.0}"#,
            r#"{"code":"0.1e1"}"#,
            r#"{"code":10e-1}"#,
            r#"{"code":"+1"}"#,
            "{\"code\":\"\u{a0}1\"}",
            r#"{"c\u006fde":1}"#,
        ] {
            assert!(may_carry_code_one(body.as_bytes()), "{body}");
        }
    }

    #[test]
    fn the_scan_clears_other_codes_and_keys() {
        for body in [
            r#"{"responseCode":0,"data":{"a":1}}"#,
            r#"{"status":true,"code":200,"result":{}}"#,
            r#"{"code":10}"#,
            r#"{"code":"11"}"#,
            r#"{"code":null}"#,
            r#"{"x":"ode"}"#,
            r#"{"x":"code"}"#,
            r#"{"code"#,
            r#"ode""#,
        ] {
            assert!(!may_carry_code_one(body.as_bytes()), "{body}");
        }
    }

    #[test]
    fn false_alarms_are_settled_by_the_parse() {
        let body = br#"{"responseCode":0,"data":{"mode":"1x","code":1}}"#;
        assert!(may_carry_code_one(body));
        assert!(!is_unauthorized(200, None, body));
        assert!(is_unauthorized(
            200,
            None,
            br#"{"responseCode":1,"data":{}}"#
        ));
    }
}
