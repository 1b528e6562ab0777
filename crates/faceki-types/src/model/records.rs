//! [`Records`]: a list of [`KycRecord`]s that also accepts a single object or `null`
//! (reference §3.5, §3.6, quirk §6.6).

use serde::{Deserialize, Deserializer, Serialize};

use super::KycRecord;
use super::redact::redacted_debug;

/// A list of [`KycRecord`]s: the `result` of the records and face-search calls
/// (reference §3.5, §3.6).
///
/// Decodes from an array, a single object (one record) or `null` (no records), because
/// the API's `result` is object-or-array (quirk §6.6); `null` elements are skipped.
/// Serializes as an array.
///
/// ```
/// use faceki_types::Records;
///
/// let many: Records = serde_json::from_str(r#"[{"requestId": "a"}, {"requestId": "b"}]"#).unwrap();
/// let one: Records = serde_json::from_str(r#"{"requestId": "a"}"#).unwrap();
/// let none: Records = serde_json::from_str("null").unwrap();
/// assert_eq!((many.len(), one.len(), none.len()), (2, 1, 0));
/// ```
#[derive(Clone, PartialEq, Default, Serialize)]
#[serde(transparent)]
pub struct Records(Vec<KycRecord>);

redacted_debug!(Records(shown));

impl Records {
    /// A list of the given records.
    pub fn new(records: Vec<KycRecord>) -> Self {
        Self(records)
    }

    /// The records as a slice.
    pub fn as_slice(&self) -> &[KycRecord] {
        &self.0
    }

    /// The records, by value.
    pub fn into_vec(self) -> Vec<KycRecord> {
        self.0
    }

    /// The number of records.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no records.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// An iterator over the records.
    pub fn iter(&self) -> std::slice::Iter<'_, KycRecord> {
        self.0.iter()
    }
}

impl<'de> Deserialize<'de> for Records {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum OneOrMany {
            Many(Vec<Option<KycRecord>>),
            One(Box<KycRecord>),
        }
        Ok(match Option::<OneOrMany>::deserialize(d)? {
            None => Self::default(),
            Some(OneOrMany::Many(v)) => Self(v.into_iter().flatten().collect()),
            Some(OneOrMany::One(r)) => Self(vec![*r]),
        })
    }
}

impl From<Vec<KycRecord>> for Records {
    fn from(records: Vec<KycRecord>) -> Self {
        Self(records)
    }
}

impl From<Records> for Vec<KycRecord> {
    fn from(records: Records) -> Self {
        records.0
    }
}

impl IntoIterator for Records {
    type Item = KycRecord;
    type IntoIter = std::vec::IntoIter<KycRecord>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Records {
    type Item = &'a KycRecord;
    type IntoIter = std::slice::Iter<'a, KycRecord>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}
