//! [`Preflight`] and [`Policy`]: this crate's normaliser and checks as the client's
//! image pre-flight (`ClientBuilder::preflight`), the
//! [`ImagePreflight`] contract of `faceki-types`.

use faceki_types::preflight::{ImagePreflight, PreflightFinding, Preflighted};
use faceki_types::request::{ImageRole, ImageSlot};

use crate::normalise::{NormalisePolicy, normalise};
use crate::policy::CheckPolicy;
use crate::prepare::prepare;
use crate::report::Role;

/// What the client does with each image before an upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Policy {
    /// Nothing: images are sent as they are (the client's default).
    #[default]
    Off,
    /// Normalise every image (orientation applied, metadata dropped, at most 1920
    /// px, JPEG quality 90) and send it; never refuse.
    Normalise,
    /// Normalise every image and check it; refuse the call before anything is sent
    /// when a selfie check fails, with the findings and the code each anticipates.
    Strict,
}

/// The pre-flight with its settings: a [`Policy`], how to normalise, the check
/// thresholds, and whether document findings refuse too.
///
/// ```
/// use faceki_image::{CheckPolicy, Policy, Preflight};
///
/// let preflight = Preflight::new(Policy::Strict)
///     .with_checks(CheckPolicy::default().with_min_side(480))
///     .refuse_documents(true);
/// # let _ = preflight;
/// ```
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub struct Preflight {
    policy: Policy,
    normalise: NormalisePolicy,
    checks: CheckPolicy,
    refuse_documents: bool,
}

impl Preflight {
    /// A pre-flight following `policy`, with the default normalisation and checks.
    pub fn new(policy: Policy) -> Self {
        Self {
            policy,
            normalise: NormalisePolicy::default(),
            checks: CheckPolicy::default(),
            refuse_documents: false,
        }
    }

    /// How images are normalised.
    pub fn with_normalise(mut self, normalise: NormalisePolicy) -> Self {
        self.normalise = normalise;
        self
    }

    /// The checks' thresholds ([`Policy::Strict`]).
    pub fn with_checks(mut self, checks: CheckPolicy) -> Self {
        self.checks = checks;
        self
    }

    /// Whether a document image's findings (too small, too dark, blurred) also refuse
    /// the call under [`Policy::Strict`]; `false` by default: Faceki's codes for those
    /// are about selfies, and a document's verdict is the server's.
    pub fn refuse_documents(mut self, refuse: bool) -> Self {
        self.refuse_documents = refuse;
        self
    }

    /// The policy.
    pub fn policy(&self) -> Policy {
        self.policy
    }
}

impl From<Policy> for Preflight {
    fn from(policy: Policy) -> Self {
        Self::new(policy)
    }
}

impl ImagePreflight for Preflight {
    fn preflight(&self, slot: ImageSlot, image: &[u8]) -> Result<Preflighted, String> {
        let mut out = Preflighted::unchanged();
        let normalised = match self.policy {
            Policy::Off => return Ok(out),
            Policy::Normalise => normalise(image, &self.normalise).map_err(|e| e.to_string())?,
            Policy::Strict => {
                let role = match slot.role {
                    ImageRole::Selfie => Role::Selfie,
                    _ => Role::Document,
                };
                let prepared = prepare(image, role, &self.normalise, &self.checks)
                    .map_err(|e| e.to_string())?;
                out.findings = prepared
                    .report
                    .findings
                    .into_iter()
                    .map(|f| PreflightFinding::new(slot.name, f.code, f.message))
                    .collect();
                out.refuse =
                    !out.findings.is_empty() && (role == Role::Selfie || self.refuse_documents);
                prepared.normalised
            }
        };
        if normalised.reencoded {
            out.replacement = Some(normalised.bytes);
        }
        Ok(out)
    }

    fn is_active(&self) -> bool {
        self.policy != Policy::Off
    }
}

impl ImagePreflight for Policy {
    fn preflight(&self, slot: ImageSlot, image: &[u8]) -> Result<Preflighted, String> {
        Preflight::new(*self).preflight(slot, image)
    }

    fn is_active(&self) -> bool {
        *self != Policy::Off
    }
}
