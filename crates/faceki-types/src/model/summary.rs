//! [`KycSummary`]: the `data` of the V2 KYC summary call (reference §2.6), whose shape
//! is unknown.

use serde_json::Value;

use super::Extra;
use super::define::model;
use crate::lenient;

model! {
    /// The `data` of `GET /kycverify/api/kycverify/kyc-verify-summary` (reference §2.6).
    ///
    /// The shape is undocumented (probably counts of verifications by outcome), so every
    /// field is kept as sent; [`KycSummary::count`] reads one as a number.
    ///
    /// ```
    /// use faceki_types::KycSummary;
    ///
    /// let s: KycSummary = serde_json::from_str(r#"{"total": 12, "accepted": "9"}"#).unwrap();
    /// assert_eq!(s.count("total"), Some(12));
    /// assert_eq!(s.count("accepted"), Some(9));
    /// assert_eq!(s.count("missing"), None);
    /// ```
    #[derive(Default)]
    pub struct KycSummary {
        /// Every field, as sent.
        #[debug(numbers)] #[serde(flatten)] pub extra: Extra,
    }
}

impl KycSummary {
    /// The value of `key` as a non-negative integer (a number or a numeric string).
    pub fn count(&self, key: &str) -> Option<u64> {
        self.extra.get(key).and_then(lenient::value_u64)
    }

    /// The raw value of `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.extra.get(key)
    }

    /// Every field whose value reads as a count, with that count.
    pub fn counts(&self) -> impl Iterator<Item = (&str, u64)> {
        self.extra
            .iter()
            .filter_map(|(k, v)| lenient::value_u64(v).map(|n| (k.as_str(), n)))
    }
}
