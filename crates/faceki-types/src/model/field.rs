//! Field-level serde helpers shared by the models: open vocabularies and response
//! codes read leniently, and `null` read as an empty map.

use serde::{Deserialize, Deserializer, Serializer};

use crate::lenient;
use crate::response_code::ResponseCode;

/// An open-vocabulary value (see [`super::vocab`]) from a string; `null`, a missing
/// field or `""` is `None`, numbers and booleans keep their text.
pub(crate) fn opt_vocab<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: From<String>,
{
    Ok(lenient::opt_string(d)?.map(T::from))
}

/// A [`ResponseCode`] from an integer or a numeric string; anything else is `None`.
pub(crate) fn opt_response_code<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<ResponseCode>, D::Error> {
    Ok(lenient::opt_i64(d)?.map(ResponseCode::from_code))
}

/// Writes a [`ResponseCode`] as the integer on the wire.
#[allow(clippy::ref_option)] // serde's `serialize_with` hands us `&Option<T>`.
pub(crate) fn ser_opt_response_code<S: Serializer>(
    code: &Option<ResponseCode>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match code {
        Some(c) => s.serialize_i64(c.code()),
        None => s.serialize_none(),
    }
}

/// A value whose `null` (or absence, with `#[serde(default)]`) means its default,
/// e.g. an empty map.
pub(crate) fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// Reads a JSON value as a float: a number, or a string that parses as a finite one.
pub(crate) fn value_f64(v: &serde_json::Value) -> Option<f64> {
    match v {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::String(s) => s.trim().parse::<f64>().ok().filter(|f| f.is_finite()),
        _ => None,
    }
}

/// Reads a JSON value as a non-negative integer: a number, or a numeric string.
pub(crate) fn value_u64(v: &serde_json::Value) -> Option<u64> {
    match v {
        serde_json::Value::Number(n) => n.as_u64().or_else(|| {
            n.as_f64()
                .filter(|f| *f >= 0.0 && f.fract() == 0.0 && *f < 1.8e19)
                .map(|f| f as u64)
        }),
        serde_json::Value::String(s) => s.trim().parse::<u64>().ok(),
        _ => None,
    }
}

/// Reads a JSON value as a boolean: `true`/`false`, their text in any case, or 0/1.
pub(crate) fn value_bool(v: &serde_json::Value) -> Option<bool> {
    match v {
        serde_json::Value::Bool(b) => Some(*b),
        serde_json::Value::Number(n) => match n.as_u64() {
            Some(0) => Some(false),
            Some(1) => Some(true),
            _ => None,
        },
        serde_json::Value::String(s) => {
            let s = s.trim();
            if s.eq_ignore_ascii_case("true") || s == "1" {
                Some(true)
            } else if s.eq_ignore_ascii_case("false") || s == "0" {
                Some(false)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// A list of objects where `null` (or absence) means empty and `null` elements, which
/// carry nothing, are skipped instead of failing the whole list.
pub(crate) fn objects_skip_nulls<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<Option<T>>>::deserialize(d)?
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect())
}
