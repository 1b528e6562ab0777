//! Tolerant field deserializers for the quirks of Faceki bodies (reference §6.14):
//! numbers sent as strings, empty strings for missing values, `null` for empty lists.
//!
//! Each function is meant for `#[serde(default, deserialize_with = "…")]` on an
//! `Option` (or `Vec`) field. None of them fails on an unexpected scalar: a value
//! that cannot be read as the field's type becomes `None` rather than failing the
//! whole response, because one odd field must not cost the caller the verdict.

use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, Visitor};
use serde::{Deserialize, de::DeserializeOwned};

/// A string, or `None` for `null`, a missing field or an empty string. Numbers and
/// booleans are kept as their text.
pub fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok((!v.is_empty()).then(|| v.to_owned()))
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok((!v.is_empty()).then_some(v))
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_any(self)
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(None)
        }
        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(None)
        }
    }
    d.deserialize_any(V)
}

/// A scalar read as a number: JSON numbers, and strings that parse as one after
/// trimming (`"26"`, `" 0.93 "`). Anything else is `None`.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Num {
    U(u64),
    I(i64),
    F(f64),
}

fn parse_num(s: &str) -> Option<Num> {
    let s = s.trim();
    if let Ok(u) = s.parse::<u64>() {
        Some(Num::U(u))
    } else if let Ok(i) = s.parse::<i64>() {
        Some(Num::I(i))
    } else {
        s.parse::<f64>().ok().filter(|f| f.is_finite()).map(Num::F)
    }
}

fn opt_num<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Num>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Option<Num>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a number or a numeric string")
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(Num::U(v)))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(Num::I(v)))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(v.is_finite().then_some(Num::F(v)))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(parse_num(v))
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_any(self)
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(None)
        }
        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(None)
        }
    }
    d.deserialize_any(V)
}

/// An unsigned integer from a number or a numeric string; negative or fractional
/// values and anything else are `None`.
pub fn opt_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(opt_num(d)?.and_then(|n| match n {
        Num::U(u) => Some(u),
        Num::I(_) => None,
        Num::F(f) => (f >= 0.0 && f.fract() == 0.0 && f < 1.8e19).then_some(f as u64),
    }))
}

/// A signed integer from a number or a numeric string.
pub fn opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(opt_num(d)?.and_then(|n| match n {
        Num::U(u) => i64::try_from(u).ok(),
        Num::I(i) => Some(i),
        Num::F(f) => (f.fract() == 0.0 && f.abs() < 9.2e18).then_some(f as i64),
    }))
}

/// A float from a number or a numeric string.
pub fn opt_f64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Ok(opt_num(d)?.map(|n| match n {
        Num::U(u) => u as f64,
        Num::I(i) => i as f64,
        Num::F(f) => f,
    }))
}

/// A boolean from `true`/`false`, `"true"`/`"false"` (any case) or `0`/`1`.
pub fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Option<bool>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a boolean")
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(match v {
                0 => Some(false),
                1 => Some(true),
                _ => None,
            })
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(match v {
                0 => Some(false),
                1 => Some(true),
                _ => None,
            })
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            let v = v.trim();
            Ok(if v.eq_ignore_ascii_case("true") || v == "1" {
                Some(true)
            } else if v.eq_ignore_ascii_case("false") || v == "0" {
                Some(false)
            } else {
                None
            })
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_any(self)
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(None)
        }
        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(None)
        }
    }
    d.deserialize_any(V)
}

/// A list, with `null` (or a missing field) read as empty.
pub fn null_as_empty<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug)]
    struct T {
        #[serde(default, deserialize_with = "opt_string")]
        s: Option<String>,
        #[serde(default, deserialize_with = "opt_u64")]
        u: Option<u64>,
        #[serde(default, deserialize_with = "opt_f64")]
        f: Option<f64>,
        #[serde(default, deserialize_with = "opt_bool")]
        b: Option<bool>,
        #[serde(default, deserialize_with = "null_as_empty")]
        l: Vec<u32>,
    }

    fn t(json: &str) -> T {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn strings_numbers_and_empties() {
        let v = t(r#"{"s":"","u":"26","f":" 0.5 ","b":"TRUE","l":null}"#);
        assert_eq!(
            (v.s, v.u, v.f, v.b, v.l),
            (None, Some(26), Some(0.5), Some(true), vec![])
        );
        let v = t(r#"{"s":12,"u":3600,"f":99,"b":0,"l":[1]}"#);
        assert_eq!(v.s.as_deref(), Some("12"));
        assert_eq!(
            (v.u, v.f, v.b, v.l),
            (Some(3600), Some(99.0), Some(false), vec![1])
        );
        let v = t(r#"{"s":{"x":1},"u":"XX","f":[1],"b":"maybe"}"#);
        assert_eq!((v.s, v.u, v.f, v.b), (None, None, None, None));
        let v = t(r#"{"u":-5}"#);
        assert_eq!(v.u, None);
        let v = t("{}");
        assert_eq!((v.s, v.u), (None, None));
    }
}
