//! The one-pass fast path of [`decode`](super::decode), for the common answer: a
//! success envelope whose control keys (`responseCode`, or `status`/`code`) come
//! before its payload.
//!
//! The full decoder reads a body twice: once to find the envelope's keys (skipping
//! over the payload), once to read the payload as the model. Here the payload is read
//! straight into the model when the keys before it already decide success. Whatever
//! is unusual — a failure, HTTP ≥ 400, a key order that leaves the outcome open until
//! after the payload, a duplicate key, a payload that does not fit the model — gives
//! `None`, and the full decoder reads the body again to give the exact answer or
//! error. So this path only ever returns what the full decoder would return; the
//! property tests check that on generated bodies.

use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

use super::envelope::{Controls, PayloadKey};

/// The keys the envelope reader knows; the same names as the full decoder's probe.
#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(field_identifier, rename_all = "camelCase")]
enum Key {
    ResponseCode,
    Data,
    Url,
    Status,
    Code,
    Message,
    AppVersion,
    Result,
    StatusCode,
    #[serde(other)]
    Other,
}

impl Key {
    /// A slot per known key, for spotting duplicates (the full decoder rejects them).
    fn slot(self) -> Option<usize> {
        Some(match self {
            Key::ResponseCode => 0,
            Key::Data => 1,
            Key::Url => 2,
            Key::Status => 3,
            Key::Code => 4,
            Key::Message => 5,
            Key::AppVersion => 6,
            Key::Result => 7,
            Key::StatusCode => 8,
            Key::Other => return None,
        })
    }
}

/// Decodes a success answer's payload in one pass into `out`; `false` when the full
/// decoder must decide (whatever `out` then holds is to be ignored).
///
/// The payload is written into the caller's slot rather than returned: a model can be
/// several hundred bytes, and each layer that returns it by value copies it (which
/// shows in a call's cache misses; see `docs/performance.md`).
pub(super) fn decode_success<T: DeserializeOwned>(
    http_status: u16,
    body: &[u8],
    out: &mut Option<T>,
) -> bool {
    if http_status >= 400 {
        return false;
    }
    // Only an object can be an envelope.
    if body.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return false;
    }
    // Checked once here, the text is read without checking every string again (a
    // body that is not UTF-8 is left to the full decoder, which rejects it).
    let Ok(text) = std::str::from_utf8(body) else {
        return false;
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let decided = de.deserialize_map(EnvelopeVisitor { http_status, out });
    matches!(decided, Ok(true)) && de.end().is_ok()
}

/// Where a payload read in passing went.
#[derive(Clone, Copy)]
enum Payload<'de> {
    Absent,
    /// Read straight into the model, in the caller's slot.
    InSlot,
    /// Was in the slot, then replaced by the other key's payload.
    Replaced,
    /// Kept raw, to be read once the outcome is known.
    Raw(Option<&'de RawValue>),
}

impl Payload<'_> {
    fn is_present(&self) -> bool {
        !matches!(self, Payload::Absent | Payload::Raw(None))
    }
}

/// Reads a payload straight into the slot.
struct Slot<'s, T>(&'s mut Option<T>);

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for Slot<'_, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        *self.0 = Some(T::deserialize(deserializer)?);
        Ok(())
    }
}

struct EnvelopeVisitor<'s, T> {
    http_status: u16,
    out: &'s mut Option<T>,
}

impl<'de, T: DeserializeOwned> Visitor<'de> for EnvelopeVisitor<'_, T> {
    /// `false`: not a success this path can vouch for.
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a response envelope")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut seen = [false; 9];
        let mut controls = Controls::default();
        let mut data = Payload::Absent;
        let mut result = Payload::Absent;
        while let Some(key) = map.next_key::<Key>()? {
            if let Some(slot) = key.slot() {
                if std::mem::replace(&mut seen[slot], true) {
                    return Err(de::Error::custom("duplicate key"));
                }
            }
            match key {
                Key::ResponseCode => controls.response_code = map.next_value()?,
                Key::Status => controls.status = map.next_value()?,
                Key::Code => controls.code = map.next_value()?,
                Key::StatusCode => controls.status_code = map.next_value()?,
                Key::Data | Key::Result => {
                    let here = if key == Key::Data {
                        PayloadKey::Data
                    } else {
                        PayloadKey::Result
                    };
                    // Do the keys read so far, with this payload present, decide success
                    // with this key as the payload? A `result` is only read straight into
                    // the model once `code` or `status` is known: without them, whether
                    // `result` is `null` decides the shape, and a model cannot tell.
                    let mut assumed = controls;
                    assumed.has_result |= key == Key::Result;
                    let shape_known =
                        key == Key::Data || controls.code.is_some() || controls.status.is_some();
                    let decided = shape_known
                        && matches!(
                            assumed.classify(self.http_status, None),
                            Ok((shape, _, true)) if shape.payload_key() == here
                        );
                    let payload = if decided {
                        // One slot: the other key's payload, if it is there, is replaced
                        // (and, should the outcome pick it after all, the full decoder
                        // reads the body again).
                        let other = if key == Key::Data {
                            &mut result
                        } else {
                            &mut data
                        };
                        if matches!(other, Payload::InSlot) {
                            *other = Payload::Replaced;
                        }
                        map.next_value_seed(Slot(&mut *self.out))?;
                        Payload::InSlot
                    } else {
                        Payload::Raw(map.next_value::<Option<&'de RawValue>>()?)
                    };
                    if key == Key::Result {
                        // For a payload read into the model, `code` or `status` is known,
                        // so `has_result` no longer matters to the shape.
                        controls.has_result = match payload {
                            Payload::InSlot => true,
                            _ => payload.is_present(),
                        };
                        result = payload;
                    } else {
                        data = payload;
                    }
                }
                Key::Url | Key::Message | Key::AppVersion | Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let Ok((shape, _, true)) = controls.classify(self.http_status, None) else {
            return Ok(false);
        };
        let chosen = match shape.payload_key() {
            PayloadKey::Data => data,
            PayloadKey::Result => result,
        };
        // A raw payload is read into the model now (an absent or `null` one reads as
        // `null`, as in the full decoder).
        Ok(match chosen {
            Payload::InSlot => true,
            Payload::Replaced => false,
            Payload::Absent | Payload::Raw(None) => {
                *self.out = serde_json::from_str("null").ok();
                self.out.is_some()
            }
            Payload::Raw(Some(raw)) => {
                *self.out = serde_json::from_str(raw.get()).ok();
                self.out.is_some()
            }
        })
    }
}
