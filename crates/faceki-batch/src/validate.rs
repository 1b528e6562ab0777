//! Checking one [`Input`] before anything is sent: its identifier and workflow, which
//! image slots it fills, and every image file (there, a regular file, not empty, not
//! too large, JPEG or PNG by its first bytes), with the same rules the SDK applies
//! before a call, so a row that passes here is not refused later for its files.

use std::io::Read;
use std::path::{Path, PathBuf};

use faceki::types::ImageFormat;

use crate::error::RowError;
use crate::input::{Input, Slot};

/// The longest record identifier accepted, in bytes.
pub(crate) const MAX_IDENTIFIER_BYTES: usize = 200;

/// A checked row, ready for the journal: image paths as given (UTF-8).
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct ValidRow {
    pub(crate) record_identifier: String,
    pub(crate) workflow_id: String,
    pub(crate) images: [Option<String>; 7],
    pub(crate) row: u64,
    pub(crate) line: Option<u64>,
}

/// What a row is checked against.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rules<'a> {
    pub(crate) base_dir: Option<&'a Path>,
    pub(crate) default_workflow: Option<&'a str>,
    pub(crate) max_image_bytes: u64,
}

/// Checks `input` (row `row`); every problem found is returned, each naming its column.
pub(crate) fn validate(
    input: &Input,
    row: u64,
    rules: &Rules<'_>,
) -> Result<ValidRow, Vec<RowError>> {
    let mut errors = Vec::new();
    let mut error = |column: &str, problem: String| {
        let e = RowError::new(row, Some(column), problem);
        errors.push(match input.line() {
            Some(line) => e.at_line(line),
            None => e,
        });
    };

    let identifier = input.record_identifier();
    if let Err(problem) = check_identifier(identifier) {
        error("record_identifier", problem);
    }
    let workflow = input.workflow().or(rules.default_workflow);
    match workflow {
        None => error(
            "workflowId",
            "missing: give the row a workflowId (or a default workflow, --workflow-id)".to_owned(),
        ),
        Some(id) => {
            if let Err(problem) = check_text(id) {
                error("workflowId", problem);
            }
        }
    }

    let images = input.images();
    let present = |slot: Slot| images[slot.index()].is_some();
    for required in [Slot::Selfie, Slot::Document1Front] {
        if !present(required) {
            error(
                required.field(),
                "missing: this image is required".to_owned(),
            );
        }
    }
    for (back, front) in [
        (Slot::Document1Back, Slot::Document1Front),
        (Slot::Document2Back, Slot::Document2Front),
        (Slot::Document3Back, Slot::Document3Front),
    ] {
        if present(back) && !present(front) && front != Slot::Document1Front {
            error(
                back.field(),
                format!("a back without its front ({} is empty)", front.field()),
            );
        }
    }
    if present(Slot::Document3Front) && !present(Slot::Document2Front) {
        error(
            Slot::Document3Front.field(),
            "document 3 without document 2 (slots are filled in order)".to_owned(),
        );
    }

    let mut texts: [Option<String>; 7] = Default::default();
    for slot in Slot::ALL {
        let Some(path) = &images[slot.index()] else {
            continue;
        };
        let Some(text) = path.to_str() else {
            error(slot.field(), "the path is not valid UTF-8".to_owned());
            continue;
        };
        if text.trim().is_empty() {
            error(slot.field(), "the path is empty".to_owned());
            continue;
        }
        if let Err(problem) = check_image(&resolve(rules.base_dir, path), rules.max_image_bytes) {
            error(slot.field(), format!("{problem} ({text})"));
        }
        texts[slot.index()] = Some(text.to_owned());
    }

    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ValidRow {
        record_identifier: identifier.to_owned(),
        workflow_id: workflow.unwrap_or_default().to_owned(),
        images: texts,
        row,
        line: input.line(),
    })
}

/// `path`, against `base` when it is relative.
pub(crate) fn resolve(base: Option<&Path>, path: &Path) -> PathBuf {
    match base {
        Some(base) if path.is_relative() => base.join(path),
        _ => path.to_path_buf(),
    }
}

fn check_identifier(identifier: &str) -> Result<(), String> {
    check_text(identifier)?;
    if identifier.len() > MAX_IDENTIFIER_BYTES {
        return Err(format!(
            "{} bytes long, more than the {MAX_IDENTIFIER_BYTES} accepted",
            identifier.len()
        ));
    }
    Ok(())
}

/// A text value the API accepts, and that a lookup matches exactly.
fn check_text(value: &str) -> Result<(), String> {
    if value.trim().is_empty() {
        return Err("missing (empty)".to_owned());
    }
    if value.chars().any(char::is_control) {
        return Err("contains control characters".to_owned());
    }
    if value.trim() != value {
        return Err(format!(
            "`{value}` starts or ends with spaces (a lookup would have to match them exactly)"
        ));
    }
    Ok(())
}

/// The SDK's checks of an image file, before anything is sent.
fn check_image(path: &Path, max_bytes: u64) -> Result<(), String> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "the image file does not exist".to_owned(),
        std::io::ErrorKind::PermissionDenied => {
            "the image file cannot be read (permission denied)".to_owned()
        }
        _ => format!("the image file cannot be read ({e})"),
    })?;
    if meta.file_type().is_symlink() {
        return Err(
            "the image path is a symbolic link; give the file it points to (the SDK sends \
             only the file it checked)"
                .to_owned(),
        );
    }
    if !meta.is_file() {
        return Err("the image path is not a regular file".to_owned());
    }
    let len = meta.len();
    if len == 0 {
        return Err("the image file is empty".to_owned());
    }
    if len > max_bytes {
        return Err(format!(
            "the image is {len} bytes, more than the maximum of {max_bytes}"
        ));
    }
    let mut head = [0u8; 8];
    let mut file = std::fs::File::open(path)
        .map_err(|e| format!("the image file cannot be opened ({})", e.kind()))?;
    let mut filled = 0;
    while filled < head.len() {
        match file.read(&mut head[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(format!("the image file cannot be read ({})", e.kind())),
        }
    }
    if ImageFormat::sniff(&head[..filled]).is_none() {
        return Err("not a JPEG or PNG image (checked by its first bytes)".to_owned());
    }
    Ok(())
}
