//! The response-code table: reads and validates `docs/response-codes.toml`; the
//! renderers in [`render`] turn it into Rust and Markdown.

mod render;

use std::collections::HashMap;

use serde::Deserialize;

pub(crate) use render::{render_markdown, render_rust};

/// The data file, relative to the project root.
pub(crate) const DATA_FILE: &str = "docs/response-codes.toml";
/// The generated Rust module, relative to the project root.
pub(crate) const RUST_FILE: &str = "crates/faceki-types/src/response_code/generated.rs";
/// The generated human-readable table, relative to the project root.
pub(crate) const MARKDOWN_FILE: &str = "docs/response-codes.md";

/// The categories a code may have: the data file's spelling and the Rust variant of
/// `faceki_types::response_code::Category`.
pub(crate) const CATEGORIES: &[(&str, &str)] = &[
    ("success", "Success"),
    ("selfie_retake", "SelfieRetake"),
    ("document", "Document"),
    ("link", "Link"),
    ("quota_billing", "QuotaBilling"),
    ("auth", "Auth"),
    ("request", "Request"),
    ("server", "Server"),
];

/// The API generations: the data file's spelling and the Rust variant of
/// `faceki_types::response_code::Generation`, in canonical order.
pub(crate) const GENERATIONS: &[(&str, &str)] = &[("v2", "V2"), ("v3", "V3")];

/// The variant name the hand-written code keeps for codes missing from the table.
const RESERVED_VARIANT: &str = "Unknown";

/// The data file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    code: Vec<RawEntry>,
}

/// One `[[code]]` entry as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    code: i64,
    name: String,
    variant: String,
    description: String,
    guidance: String,
    category: String,
    retryable: bool,
    generations: Vec<String>,
    source: String,
}

/// One validated code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) code: i64,
    pub(crate) name: String,
    pub(crate) variant: String,
    pub(crate) description: String,
    pub(crate) guidance: String,
    /// Index into [`CATEGORIES`].
    pub(crate) category: usize,
    pub(crate) retryable: bool,
    /// Indexes into [`GENERATIONS`], ascending.
    pub(crate) generations: Vec<usize>,
    pub(crate) source: String,
}

impl Entry {
    /// The category as spelled in the data file.
    pub(crate) fn category_name(&self) -> &'static str {
        CATEGORIES[self.category].0
    }

    /// The category's Rust variant.
    pub(crate) fn category_variant(&self) -> &'static str {
        CATEGORIES[self.category].1
    }
}

/// Parses and validates the data file. Errors name the file and the offending entry.
pub(crate) fn parse(text: &str) -> Result<Vec<Entry>, String> {
    let raw: RawTable = toml::from_str(text).map_err(|e| format!("{DATA_FILE}: {e}"))?;
    validate(raw.code).map_err(|e| format!("{DATA_FILE}: {e}"))
}

fn validate(raw: Vec<RawEntry>) -> Result<Vec<Entry>, String> {
    if raw.is_empty() {
        return Err("the table has no [[code]] entries".to_owned());
    }
    let mut entries: Vec<Entry> = Vec::with_capacity(raw.len());
    let mut variants: HashMap<String, i64> = HashMap::new();
    for (index, r) in raw.into_iter().enumerate() {
        let at = format!("entry #{} (code {}, {:?})", index + 1, r.code, r.name);
        let entry = validate_entry(r).map_err(|e| format!("{at}: {e}"))?;
        if let Some(previous) = entries.last() {
            if previous.code == entry.code {
                return Err(format!("{at}: duplicate code {}", entry.code));
            }
            if previous.code > entry.code {
                return Err(format!(
                    "{at}: out of order: entries are sorted by code, and {} comes after {}",
                    entry.code, previous.code
                ));
            }
        }
        if let Some(first) = variants.insert(entry.variant.clone(), entry.code) {
            return Err(format!(
                "{at}: duplicate variant {} (already used by code {first})",
                entry.variant
            ));
        }
        entries.push(entry);
    }
    Ok(entries)
}

fn validate_entry(r: RawEntry) -> Result<Entry, String> {
    if !is_wire_name(&r.name) {
        return Err(format!(
            "name {:?} must be non-empty and made of A-Z, 0-9 and _",
            r.name
        ));
    }
    if !is_upper_camel(&r.variant) {
        return Err(format!(
            "variant {:?} must be an UpperCamelCase Rust identifier (A-Z first, then letters and digits)",
            r.variant
        ));
    }
    if r.variant == RESERVED_VARIANT {
        return Err(format!(
            "variant {RESERVED_VARIANT} is reserved for codes missing from the table"
        ));
    }
    for (field, value) in [
        ("description", &r.description),
        ("guidance", &r.guidance),
        ("source", &r.source),
    ] {
        if value.trim().is_empty() {
            return Err(format!("{field} is empty"));
        }
        if value.trim() != value || value.contains(['\n', '\r', '\t']) {
            return Err(format!(
                "{field} must be one line without leading or trailing blanks"
            ));
        }
    }
    let category = CATEGORIES
        .iter()
        .position(|(name, _)| *name == r.category)
        .ok_or_else(|| {
            let known: Vec<&str> = CATEGORIES.iter().map(|(name, _)| *name).collect();
            format!(
                "unknown category {:?} (known: {})",
                r.category,
                known.join(", ")
            )
        })?;
    if r.generations.is_empty() {
        return Err("generations is empty (use [\"v2\"], [\"v3\"] or [\"v2\", \"v3\"])".to_owned());
    }
    let mut generations = Vec::with_capacity(r.generations.len());
    for g in &r.generations {
        let index = GENERATIONS
            .iter()
            .position(|(name, _)| name == g)
            .ok_or_else(|| format!("unknown generation {g:?} (known: v2, v3)"))?;
        if generations.contains(&index) {
            return Err(format!("generation {g:?} is listed twice"));
        }
        generations.push(index);
    }
    generations.sort_unstable();
    Ok(Entry {
        code: r.code,
        name: r.name,
        variant: r.variant,
        description: r.description,
        guidance: r.guidance,
        category,
        retryable: r.retryable,
        generations,
        source: r.source,
    })
}

fn is_wire_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

fn is_upper_camel(ident: &str) -> bool {
    let mut bytes = ident.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_uppercase()) && bytes.all(|b| b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    //! The validator rejects bad tables with a message that names the entry.

    use super::*;

    fn entry(code: i64, name: &str, variant: &str) -> String {
        format!(
            "[[code]]\ncode = {code}\nname = \"{name}\"\nvariant = \"{variant}\"\n\
             description = \"What happened.\"\nguidance = \"What to do.\"\n\
             category = \"server\"\nretryable = true\ngenerations = [\"v3\", \"v2\"]\n\
             source = \"§5.1\"\n\n"
        )
    }

    fn err(text: &str) -> String {
        parse(text).unwrap_err()
    }

    #[test]
    fn a_valid_table_parses_with_canonical_generations() {
        let text =
            entry(0, "SUCCESS", "Success") + &entry(500, "INTERNAL_SYSTEM_ERROR", "ServerError");
        let table = parse(&text).unwrap();
        assert_eq!(table.len(), 2);
        assert_eq!(table[1].code, 500);
        assert_eq!(table[1].name, "INTERNAL_SYSTEM_ERROR");
        assert_eq!(table[1].category_name(), "server");
        assert_eq!(table[1].category_variant(), "Server");
        assert_eq!(table[1].generations, vec![0, 1]);
        assert!(table[1].retryable);
    }

    #[test]
    fn duplicate_codes_are_rejected_naming_the_entry() {
        let text = entry(8006, "FACE_NOT_FOUND", "FaceNotFound") + &entry(8006, "OTHER", "Other");
        let e = err(&text);
        assert!(e.contains("entry #2 (code 8006, \"OTHER\")"), "{e}");
        assert!(e.contains("duplicate code 8006"), "{e}");
        assert!(e.starts_with(DATA_FILE), "{e}");
    }

    #[test]
    fn unsorted_codes_are_rejected() {
        let text = entry(8006, "FACE_NOT_FOUND", "FaceNotFound") + &entry(0, "SUCCESS", "Success");
        assert!(err(&text).contains("out of order"));
    }

    #[test]
    fn duplicate_variants_are_rejected() {
        let text = entry(500, "A", "ServerError") + &entry(1000, "B", "ServerError");
        let e = err(&text);
        assert!(e.contains("entry #2 (code 1000, \"B\")"), "{e}");
        assert!(
            e.contains("duplicate variant ServerError (already used by code 500)"),
            "{e}"
        );
    }

    #[test]
    fn duplicate_names_are_allowed() {
        let text = entry(500, "INTERNAL_SYSTEM_ERROR", "ServerError")
            + &entry(1000, "INTERNAL_SYSTEM_ERROR", "InternalSystemError");
        assert_eq!(parse(&text).unwrap().len(), 2);
    }

    #[test]
    fn unknown_categories_are_rejected() {
        let text = entry(1, "UNAUTHORIZED", "Unauthorized").replace("\"server\"", "\"oops\"");
        let e = err(&text);
        assert!(e.contains("entry #1 (code 1, \"UNAUTHORIZED\")"), "{e}");
        assert!(e.contains("unknown category \"oops\""), "{e}");
    }

    #[test]
    fn empty_descriptions_are_rejected() {
        let text = entry(1, "UNAUTHORIZED", "Unauthorized").replace("What happened.", " ");
        assert!(err(&text).contains("entry #1 (code 1, \"UNAUTHORIZED\"): description is empty"));
    }

    #[test]
    fn bad_names_variants_and_generations_are_rejected() {
        let base = entry(1, "UNAUTHORIZED", "Unauthorized");
        assert!(err(&base.replace("\"UNAUTHORIZED\"", "\"\"")).contains("name \"\""));
        assert!(err(&base.replace("\"Unauthorized\"", "\"not_camel\"")).contains("UpperCamelCase"));
        assert!(err(&base.replace("\"Unauthorized\"", "\"Unknown\"")).contains("reserved"));
        assert!(err(&base.replace("[\"v3\", \"v2\"]", "[]")).contains("generations is empty"));
        assert!(err(&base.replace("[\"v3\", \"v2\"]", "[\"v4\"]")).contains("unknown generation"));
        assert!(
            err(&base.replace("[\"v3\", \"v2\"]", "[\"v3\", \"v3\"]")).contains("listed twice")
        );
    }

    #[test]
    fn unknown_fields_and_missing_fields_are_rejected() {
        let base = entry(1, "UNAUTHORIZED", "Unauthorized");
        assert!(err(&(base.clone() + "extra = 1\n")).contains("extra"));
        assert!(err(&base.replace("retryable = true\n", "")).contains("retryable"));
        assert!(err("").contains("code"));
    }
}
