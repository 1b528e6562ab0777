//! Tolerant field deserializers for the quirks of Faceki bodies (reference §6.14):
//! numbers sent as strings, empty strings for missing values, `null` for empty lists.
//!
//! - Functions for `#[serde(default, deserialize_with = "…")]` on one `Option` (or
//!   `Vec`) field: [`opt_string`], [`opt_u64`], [`opt_i64`], [`opt_f64`],
//!   [`opt_bool`] and [`null_as_empty`].
//! - For the models, a reading chosen by the field's **type**. Every model field
//!   carries the same `#[serde(default, deserialize_with = "crate::lenient::de",
//!   skip_serializing_if = "crate::lenient::absent")]` (the `model!` macro writes
//!   it), and the type's `Lenient` impl says how the field is read and when it is
//!   absent, so not written:
//!   - `Option<T>`: `None` is absent; `T` says how a value reads (`Optional`): text,
//!     numbers, booleans and vocabularies as the functions above, a response code
//!     from its number, raw JSON as sent, a nested model as serde reads it;
//!   - `Vec<T>`: empty is absent and `null` reads as empty; a `null` element is
//!     skipped in a list of models and read as an element otherwise (`Item`);
//!   - raw maps: empty is absent and `null` reads as empty.
//! - Readings of the raw values the models keep as sent (`value_f64`, …).
//!
//! None of them fails on an unexpected scalar: a value that cannot be read as the
//! field's type becomes `None` rather than failing the whole response, because one
//! odd field must not cost the caller the verdict. Nested objects are the exception:
//! a nested model sent as a wrong type fails its parent, as serde would.

use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, Visitor};
use serde::{Deserialize, de::DeserializeOwned};
use serde_json::Value;

use crate::model::Extra;
use crate::response_code::ResponseCode;

/// A string, or `None` for `null`, a missing field or an empty string. Numbers and
/// booleans are kept as their text.
pub fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    scalar(d, "a string", text)
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
    scalar(d, "a boolean", boolean)
}

/// A list, with `null` (or a missing field) read as empty.
pub fn null_as_empty<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

// ---------------------------------------------------------------------------
// One visitor for every scalar reading.

/// One JSON scalar as the deserializer hands it over.
enum Scalar<'a> {
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str(&'a str),
    String(String),
}

/// How a scalar reads as a value: `None` for one that does not fit.
type Reading<T> = for<'a> fn(Scalar<'a>) -> Option<T>;

/// Reads one scalar with `read`; `null`, lists and objects (skipped whole) are `None`.
fn scalar<'de, T, D: Deserializer<'de>>(
    d: D,
    expecting: &'static str,
    read: Reading<T>,
) -> Result<Option<T>, D::Error> {
    d.deserialize_any(ScalarVisitor { expecting, read })
}

struct ScalarVisitor<T> {
    expecting: &'static str,
    read: Reading<T>,
}

impl<'de, T> Visitor<'de> for ScalarVisitor<T> {
    type Value = Option<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok((self.read)(Scalar::Bool(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok((self.read)(Scalar::U64(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok((self.read)(Scalar::I64(v)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok((self.read)(Scalar::F64(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok((self.read)(Scalar::Str(v)))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok((self.read)(Scalar::String(v)))
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

/// Text: any non-empty string, and numbers and booleans as their text.
fn text(v: Scalar<'_>) -> Option<String> {
    match v {
        Scalar::Bool(b) => Some(b.to_string()),
        Scalar::U64(n) => Some(n.to_string()),
        Scalar::I64(n) => Some(n.to_string()),
        Scalar::F64(n) => Some(n.to_string()),
        Scalar::Str(s) => (!s.is_empty()).then(|| s.to_owned()),
        Scalar::String(s) => (!s.is_empty()).then_some(s),
    }
}

/// A boolean: `true`/`false`, their text in any case (trimmed), or 0/1.
fn boolean(v: Scalar<'_>) -> Option<bool> {
    let bit = |n: u64| match n {
        0 => Some(false),
        1 => Some(true),
        _ => None,
    };
    let text = match v {
        Scalar::Bool(b) => return Some(b),
        Scalar::U64(n) => return bit(n),
        Scalar::I64(n) => return u64::try_from(n).ok().and_then(bit),
        Scalar::F64(_) => return None,
        Scalar::Str(s) => s,
        Scalar::String(ref s) => s,
    };
    let text = text.trim();
    if text.eq_ignore_ascii_case("true") || text == "1" {
        Some(true)
    } else if text.eq_ignore_ascii_case("false") || text == "0" {
        Some(false)
    } else {
        None
    }
}

/// A scalar read as a number: JSON numbers, and strings that parse as one after
/// trimming (`"26"`, `" 0.93 "`). Anything else is `None`.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Num {
    U(u64),
    I(i64),
    F(f64),
}

fn opt_num<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Num>, D::Error> {
    scalar(d, "a number or a numeric string", |v| match v {
        Scalar::Bool(_) => None,
        Scalar::U64(u) => Some(Num::U(u)),
        Scalar::I64(i) => Some(Num::I(i)),
        Scalar::F64(f) => f.is_finite().then_some(Num::F(f)),
        Scalar::Str(s) => parse_num(s),
        Scalar::String(s) => parse_num(&s),
    })
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

// ---------------------------------------------------------------------------
// Raw values the models keep as sent (OCR confidences, check results, counts).

/// Reads a kept JSON value as a float: a number, or a string that parses as a finite
/// one.
pub(crate) fn value_f64(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok().filter(|f| f.is_finite()),
        _ => None,
    }
}

/// Reads a kept JSON value as a non-negative integer: a number (a whole float
/// included), or a string that parses as an unsigned integer.
pub(crate) fn value_u64(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n.as_u64().or_else(|| {
            n.as_f64()
                .filter(|f| *f >= 0.0 && f.fract() == 0.0 && *f < 1.8e19)
                .map(|f| f as u64)
        }),
        Value::String(s) => s.trim().parse::<u64>().ok(),
        _ => None,
    }
}

/// Reads a kept JSON value as a boolean, as [`opt_bool`] reads a field.
pub(crate) fn value_bool(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => boolean(Scalar::U64(n.as_u64()?)),
        Value::String(s) => boolean(Scalar::Str(s)),
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// Type-directed readings for the models.

/// A model field's type: how the field is read, and when it is absent (then left
/// out when serializing). See the module docs.
pub(crate) trait Lenient: Sized {
    /// Reads the field.
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error>;

    /// Whether the value is absent (`None`, empty), so not written.
    fn is_absent(&self) -> bool;
}

/// `deserialize_with` for a model field: its type's [`Lenient`] reading.
pub(crate) fn de<'de, D: Deserializer<'de>, T: Lenient>(d: D) -> Result<T, D::Error> {
    T::deserialize_lenient(d)
}

/// `skip_serializing_if` for a model field: whether its value is absent.
pub(crate) fn absent<T: Lenient>(value: &T) -> bool {
    value.is_absent()
}

/// A type held in an `Option` field: how a present value is read. `null` and a
/// missing field are `None`.
pub(crate) trait Optional: Sized {
    /// Reads the field's value, `None` when there is none.
    fn deserialize_optional<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error>;
}

impl<T: Optional> Lenient for Option<T> {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize_optional(d)
    }

    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

/// A type held in a `Vec` field. The list reads `null` as empty and is absent when
/// empty.
pub(crate) trait Item: DeserializeOwned {
    /// Whether a `null` element is skipped — it carries nothing in a list of objects —
    /// rather than read as an element (and, for most types, failing the list).
    const SKIP_NULLS: bool = false;
}

impl<T: Item> Lenient for Vec<T> {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if T::SKIP_NULLS {
            let items = Option::<Vec<Option<T>>>::deserialize(d)?.unwrap_or_default();
            Ok(items.into_iter().flatten().collect())
        } else {
            null_as_empty(d)
        }
    }

    fn is_absent(&self) -> bool {
        self.is_empty()
    }
}

/// `Optional` types read by a function: text, numbers and booleans leniently, a
/// response code from its number, raw JSON as sent (`null` is `None`).
macro_rules! optional_via {
    ($($ty:ty => $read:path),+ $(,)?) => {
        $(
            impl Optional for $ty {
                fn deserialize_optional<'de, D: Deserializer<'de>>(
                    d: D,
                ) -> Result<Option<Self>, D::Error> {
                    $read(d)
                }
            }
        )+
    };
}

optional_via!(
    String => opt_string,
    u64 => opt_u64,
    i64 => opt_i64,
    f64 => opt_f64,
    bool => opt_bool,
    ResponseCode => opt_response_code,
    Value => Option::<Value>::deserialize,
);

/// A [`ResponseCode`] from an integer or a numeric string; anything else is `None`.
fn opt_response_code<'de, D: Deserializer<'de>>(d: D) -> Result<Option<ResponseCode>, D::Error> {
    Ok(opt_i64(d)?.map(ResponseCode::from_code))
}

impl Item for String {}
impl Item for Value {}

/// A value whose `null` (or absence, with `#[serde(default)]`) means its default,
/// e.g. an empty map.
pub(crate) fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A raw map: `null` reads as empty, and an empty map is absent.
impl Lenient for Extra {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        null_as_default(d)
    }

    fn is_absent(&self) -> bool {
        self.is_empty()
    }
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

    #[derive(Deserialize, serde::Serialize, Debug, PartialEq)]
    struct Typed {
        #[serde(default, deserialize_with = "de", skip_serializing_if = "absent")]
        text: Option<String>,
        #[serde(default, deserialize_with = "de", skip_serializing_if = "absent")]
        list: Vec<String>,
        #[serde(default, deserialize_with = "de", skip_serializing_if = "absent")]
        map: Extra,
    }

    #[test]
    fn the_type_picks_the_reading_and_the_absent_value() {
        let v: Typed = serde_json::from_str(r#"{"text":7,"list":null,"map":null}"#).unwrap();
        assert_eq!(v.text.as_deref(), Some("7"));
        assert_eq!(serde_json::to_string(&v).unwrap(), r#"{"text":"7"}"#);
        let v: Typed = serde_json::from_str(r#"{"text":"","list":["a"],"map":{"k":1}}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&v).unwrap(),
            r#"{"list":["a"],"map":{"k":1}}"#
        );
        // Text lists keep their strictness: a `null` element is an error.
        assert!(serde_json::from_str::<Typed>(r#"{"list":[null]}"#).is_err());
    }
}
