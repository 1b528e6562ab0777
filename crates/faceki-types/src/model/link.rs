//! [`LinkCreated`]: the result of generating a hosted KYC link (reference §2.7,
//! §3.2).

use serde_json::Value;

use super::Extra;
use super::define::model;

model! {
    /// A generated KYC link: its id and its URL.
    ///
    /// Unlike every other call, the link id and URL live at the **envelope** level
    /// (quirk §6.6): `data` is the bare link id and `url` is a sibling of `data`:
    ///
    /// ```json
    /// {"responseCode": 0, "data": "bdb21481-…", "url": "https://apps.faceki.com/kycverify/bdb21481-…"}
    /// ```
    ///
    /// So an envelope decoder should build this with [`LinkCreated::from_parts`], passing
    /// the envelope's `data` and `url`. Serde reads and writes the same wire names
    /// (`data`, `url`), so the whole body also deserializes directly into this type
    /// (the envelope's other fields, such as `responseCode`, then land in `extra`).
    ///
    /// ```
    /// use faceki_types::LinkCreated;
    /// use serde_json::json;
    ///
    /// let link = LinkCreated::from_parts(json!("abc-123"), Some("https://x/abc-123".into())).unwrap();
    /// assert_eq!(link.link_id, "abc-123");
    /// assert_eq!(link.url.as_deref(), Some("https://x/abc-123"));
    /// ```
    pub struct LinkCreated {
        /// The link id (the envelope's `data`), to pass to the hosted flow and the
        /// records-by-link call.
        #[serde(rename = "data")] pub link_id: String,
        /// The verification URL to send the user to (the envelope's `url`).
        pub url: Option<String>,
        /// Fields not modelled here, kept as sent.
        #[serde(flatten)] pub extra: Extra,
    }
}

/// Keys under which a link id may appear if `data` ever comes as an object.
const ID_KEYS: [&str; 5] = ["data", "linkId", "link_id", "link", "id"];

impl LinkCreated {
    /// Builds the result from the envelope's `data` and sibling `url`.
    ///
    /// `data` is normally the link id as a string (a number is kept as its text). In
    /// case a future API nests it, an object is also accepted: its id is read from
    /// `data`, `linkId`, `link_id`, `link` or `id`, its `url` is used when the
    /// envelope has none, and its other fields go to `extra`.
    ///
    /// Returns `None` when no non-empty link id can be found.
    pub fn from_parts(data: Value, url: Option<String>) -> Option<Self> {
        let url = url.filter(|u| !u.is_empty());
        match data {
            Value::String(id) if !id.is_empty() => Some(Self::new(id, url)),
            Value::Number(n) => Some(Self::new(n.to_string(), url)),
            Value::Object(mut map) => {
                let id = ID_KEYS.iter().find_map(|k| match map.get(*k) {
                    Some(Value::String(s)) if !s.is_empty() => Some((*k, s.clone())),
                    Some(Value::Number(n)) => Some((*k, n.to_string())),
                    _ => None,
                });
                let (key, id) = id?;
                map.remove(key);
                let url = match url {
                    Some(u) => Some(u),
                    None => match map.remove("url") {
                        Some(Value::String(u)) if !u.is_empty() => Some(u),
                        Some(other) => {
                            map.insert("url".to_owned(), other);
                            None
                        }
                        None => None,
                    },
                };
                Some(Self {
                    link_id: id,
                    url,
                    extra: map,
                })
            }
            _ => None,
        }
    }

    /// A link with the given id and URL, for tests and fake servers.
    pub fn new(link_id: impl Into<String>, url: Option<String>) -> Self {
        Self {
            link_id: link_id.into(),
            url,
            extra: Extra::new(),
        }
    }
}
