//! Running the client's image pre-flight ([`ClientBuilder::preflight`]) on each image
//! before it is sent: the image is read whole, checked off the async threads, and
//! either refused (nothing sent, nothing billed) or replaced by its normalised form.
//!
//! [`ClientBuilder::preflight`]: crate::ClientBuilder::preflight

use std::fmt;
use std::sync::Arc;

use faceki_types::ResponseCode;
use faceki_types::preflight::{ImagePreflight, PreflightFinding};
use faceki_types::request::ImageSlot;

use crate::error::Error;
use crate::image::ImageInput;

/// Why a call was refused before sending by the image pre-flight: the source of its
/// [`Error`] ([`Error::preflight_refusal`]).
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PreflightRefusal {
    /// Every finding of the refused image.
    pub findings: Vec<PreflightFinding>,
}

impl PreflightRefusal {
    /// The code Faceki would most likely have answered with: the first finding's.
    pub fn anticipated_code(&self) -> Option<ResponseCode> {
        self.findings.first().map(|f| f.code)
    }
}

impl fmt::Debug for PreflightRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PreflightRefusal")
            .field("findings", &self.findings)
            .finish()
    }
}

impl fmt::Display for PreflightRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the image pre-flight refused the image before sending")?;
        for (i, finding) in self.findings.iter().enumerate() {
            f.write_str(if i == 0 { ": " } else { "; " })?;
            fmt::Display::fmt(finding, f)?;
        }
        Ok(())
    }
}

impl std::error::Error for PreflightRefusal {}

/// Runs `preflight` on one image and returns what to send instead: the original
/// bytes, or the normalised image.
pub(crate) async fn run(
    preflight: &Arc<dyn ImagePreflight>,
    slot: ImageSlot,
    image: ImageInput,
    max_bytes: u64,
) -> Result<ImageInput, Error> {
    let file_name = image.file_name().map(str::to_owned);
    let bytes = image.read_all(slot.name, max_bytes).await?;
    let preflight = Arc::clone(preflight);
    let checked = tokio::task::spawn_blocking(move || {
        let checked = preflight.preflight(slot, &bytes);
        (checked, bytes)
    })
    .await;
    let (checked, original) = checked.map_err(|_| {
        Error::invalid_input(
            None,
            format!("`{}`: the image pre-flight failed (it panicked)", slot.name),
        )
    })?;
    let checked = checked
        .map_err(|reason| Error::invalid_input(None, format!("`{}`: {reason}", slot.name)))?;
    if checked.refuse {
        return Err(Error::preflight_refused(PreflightRefusal {
            findings: checked.findings,
        }));
    }
    if !checked.findings.is_empty() {
        // Codes and fixed sentences only: never the image.
        tracing::debug!(
            field = slot.name,
            findings = checked.findings.len(),
            "image pre-flight findings (not refused)"
        );
    }
    Ok(match checked.replacement {
        // A normalised image is a JPEG: its wire name follows from the field.
        Some(replacement) => ImageInput::bytes(replacement),
        None => match file_name {
            Some(name) => ImageInput::bytes(original).with_file_name(name),
            None => ImageInput::bytes(original),
        },
    })
}
