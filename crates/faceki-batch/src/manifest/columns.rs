//! The manifest's columns: the V3 form's field names.

use crate::input::{Input, Slot};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Column {
    /// `record_identifier`.
    Identifier,
    /// `workflowId`.
    Workflow,
    /// An image path.
    Image(Slot),
}

/// The record identifier's column.
pub(crate) const IDENTIFIER: &str = "record_identifier";
/// The workflow's column.
pub(crate) const WORKFLOW: &str = "workflowId";

impl Column {
    /// The column named `name` (exact, as the V3 form names the field).
    pub(crate) fn named(name: &str) -> Option<Column> {
        match name {
            IDENTIFIER => Some(Column::Identifier),
            WORKFLOW => Some(Column::Workflow),
            other => Slot::from_field(other).map(Column::Image),
        }
    }

    /// Sets this column's `value` on `input`.
    pub(crate) fn set(self, input: Input, value: &str) -> Input {
        match self {
            Column::Identifier => input,
            Column::Workflow => input.workflow_id(value),
            Column::Image(slot) => input.image(slot, value),
        }
    }
}

/// The problem with an unknown column `name`.
pub(crate) fn unknown(name: &str) -> String {
    let known: Vec<&str> = [IDENTIFIER, WORKFLOW]
        .into_iter()
        .chain(Slot::ALL.into_iter().map(Slot::field))
        .collect();
    let hint = match suggestion(name) {
        Some(s) => format!(" (did you mean `{s}`?)"),
        None => String::new(),
    };
    format!(
        "unknown column{hint}; the columns are the V3 form's fields: {}",
        known.join(", ")
    )
}

/// The known column closest to `name`: the same but for case and `-`/`_`/spaces, or
/// within two typos of it.
fn suggestion(name: &str) -> Option<&'static str> {
    let squash = |s: &str| {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect::<Vec<char>>()
    };
    let wanted = squash(name);
    [IDENTIFIER, WORKFLOW]
        .into_iter()
        .chain(Slot::ALL.into_iter().map(Slot::field))
        .map(|known| (distance(&squash(known), &wanted), known))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, known)| known)
}

/// The Levenshtein distance between two short strings.
fn distance(a: &[char], b: &[char]) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}
