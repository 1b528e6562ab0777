//! [`FieldConfidences`]: per-field OCR confidences, kept losslessly.

use serde_json::Value;

use super::Extra;
use super::define::raw_map;
use crate::lenient;

raw_map! {
    /// A map from an OCR field name to its confidence, as sent: V2 `confidence`
    /// (0..1, reference §2.4) and each element of V3 `document_data_confidence` (§3.4,
    /// which also carries a text `reference`).
    ///
    /// The key set is open and values are not guaranteed to be numbers, so the raw map is
    /// kept (`null` reads as an empty map) and [`FieldConfidences::get`] reads a value
    /// leniently.
    ///
    /// ```
    /// use faceki_types::model::FieldConfidences;
    ///
    /// let c: FieldConfidences =
    ///     serde_json::from_str(r#"{"firstName": 1, "fullName": "0.5", "reference": "X"}"#).unwrap();
    /// assert_eq!(c.get("firstName"), Some(1.0));
    /// assert_eq!(c.get("fullName"), Some(0.5));
    /// assert_eq!(c.get("reference"), None);
    /// ```
    pub struct FieldConfidences;
}

impl FieldConfidences {
    /// The confidence of one field, from a number or a numeric string.
    pub fn get(&self, field_name: &str) -> Option<f64> {
        self.0.get(field_name).and_then(lenient::value_f64)
    }

    /// Every field whose value reads as a number, with that number.
    pub fn numeric(&self) -> impl Iterator<Item = (&str, f64)> {
        self.0
            .iter()
            .filter_map(|(k, v)| lenient::value_f64(v).map(|f| (k.as_str(), f)))
    }

    /// The text `reference` key of a V3 confidence entry, if any.
    pub fn reference(&self) -> Option<&str> {
        self.0.get("reference").and_then(Value::as_str)
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl From<FieldConfidences> for Extra {
    fn from(c: FieldConfidences) -> Self {
        c.0
    }
}
