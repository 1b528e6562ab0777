//! [`Input`]: one person to verify (a manifest row), and [`Slot`], the V3 form's image
//! fields.

use std::fmt;
use std::path::{Path, PathBuf};

/// An image field of a V3 verification, named as the V3 form names it.
///
/// ```
/// use faceki_batch::Slot;
///
/// assert_eq!(Slot::Document1Front.field(), "document_1_front");
/// assert_eq!(Slot::from_field("selfie"), Some(Slot::Selfie));
/// assert_eq!(Slot::from_field("document_4_front"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Slot {
    /// `selfie` (required).
    Selfie,
    /// `document_1_front` (required).
    Document1Front,
    /// `document_1_back` (omit it for a passport).
    Document1Back,
    /// `document_2_front`.
    Document2Front,
    /// `document_2_back`.
    Document2Back,
    /// `document_3_front`.
    Document3Front,
    /// `document_3_back`.
    Document3Back,
}

impl Slot {
    /// Every slot, in the order the V3 form sends them.
    pub const ALL: [Slot; 7] = [
        Slot::Selfie,
        Slot::Document1Front,
        Slot::Document1Back,
        Slot::Document2Front,
        Slot::Document2Back,
        Slot::Document3Front,
        Slot::Document3Back,
    ];

    /// The form field's name (`selfie`, `document_1_front`, ...): also the manifest's
    /// column name.
    pub const fn field(self) -> &'static str {
        match self {
            Slot::Selfie => "selfie",
            Slot::Document1Front => "document_1_front",
            Slot::Document1Back => "document_1_back",
            Slot::Document2Front => "document_2_front",
            Slot::Document2Back => "document_2_back",
            Slot::Document3Front => "document_3_front",
            Slot::Document3Back => "document_3_back",
        }
    }

    /// The slot whose field is `name` (exact).
    pub fn from_field(name: &str) -> Option<Slot> {
        Slot::ALL.into_iter().find(|slot| slot.field() == name)
    }

    /// The slot's position in [`Slot::ALL`].
    pub(crate) const fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Slot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.field())
    }
}

/// One person to verify: a record identifier, a workflow and image files.
///
/// Image paths that are relative are resolved against the import's base directory
/// ([`ImportOptions::base_dir`](crate::ImportOptions::base_dir); a manifest's folder).
/// Its `Debug` shows neither the identifier nor the paths (either may name a person).
///
/// ```
/// use faceki_batch::{Input, Slot};
///
/// let input = Input::new("customer-42")
///     .workflow_id("wf-kyc")
///     .image(Slot::Selfie, "42/selfie.jpg")
///     .image(Slot::Document1Front, "42/id-front.jpg")
///     .image(Slot::Document1Back, "42/id-back.jpg");
/// assert_eq!(input.record_identifier(), "customer-42");
/// assert!(!format!("{input:?}").contains("customer-42"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Input {
    record_identifier: String,
    workflow_id: Option<String>,
    images: [Option<PathBuf>; 7],
    line: Option<u64>,
}

impl Input {
    /// A person identified by `record_identifier`: unique within the batch, sent as
    /// the verification's `record_identifier`, and what reconciliation looks up.
    pub fn new(record_identifier: impl Into<String>) -> Self {
        Self {
            record_identifier: record_identifier.into(),
            workflow_id: None,
            images: Default::default(),
            line: None,
        }
    }

    /// The V3 workflow to verify against (otherwise the import's default,
    /// [`ImportOptions::default_workflow_id`](crate::ImportOptions::default_workflow_id)).
    pub fn workflow_id(mut self, workflow_id: impl Into<String>) -> Self {
        self.workflow_id = Some(workflow_id.into());
        self
    }

    /// The image file for `slot` (replaces an earlier one).
    pub fn image(mut self, slot: Slot, path: impl Into<PathBuf>) -> Self {
        self.images[slot.index()] = Some(path.into());
        self
    }

    /// Where the input came from in its file (1-based line), named in errors.
    pub fn at_line(mut self, line: u64) -> Self {
        self.line = Some(line);
        self
    }

    /// The record identifier.
    pub fn record_identifier(&self) -> &str {
        &self.record_identifier
    }

    /// The workflow, if the input names one.
    pub fn workflow(&self) -> Option<&str> {
        self.workflow_id.as_deref()
    }

    /// The image path of `slot`, as given.
    pub fn image_path(&self, slot: Slot) -> Option<&Path> {
        self.images[slot.index()].as_deref()
    }

    /// The line the input came from, if known.
    pub fn line(&self) -> Option<u64> {
        self.line
    }

    /// The image paths by slot index.
    pub(crate) fn images(&self) -> &[Option<PathBuf>; 7] {
        &self.images
    }
}

impl fmt::Debug for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let images: Vec<&'static str> = Slot::ALL
            .into_iter()
            .filter(|slot| self.images[slot.index()].is_some())
            .map(Slot::field)
            .collect();
        f.debug_struct("Input")
            .field("record_identifier", &"<redacted>")
            .field("workflow_id", &self.workflow_id)
            .field("images", &images)
            .field("line", &self.line)
            .finish()
    }
}
