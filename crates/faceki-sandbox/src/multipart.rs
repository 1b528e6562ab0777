//! Multipart parsing with exact part-name checks and magic-byte image checks.

use axum::extract::Multipart;
use axum::extract::multipart::MultipartRejection;
use axum::http::StatusCode;
use bytes::Bytes;

use crate::images::sniff;
use crate::inspect::PartInfo;

/// One received part.
#[derive(Debug, Clone)]
pub(crate) struct Part {
    pub(crate) name: String,
    pub(crate) file_name: Option<String>,
    pub(crate) content_type: Option<String>,
    pub(crate) data: Bytes,
}

/// All parts of a request, in order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Form {
    pub(crate) parts: Vec<Part>,
}

/// The parts a route accepts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spec {
    /// Image parts (checked for JPEG/PNG magic bytes).
    pub(crate) images: &'static [&'static str],
    /// Text parts.
    pub(crate) texts: &'static [&'static str],
}

/// Why a form was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FormError {
    /// The body is over the configured limit (HTTP 413).
    TooLarge,
    /// Not a multipart body, or a broken one.
    Malformed(String),
    /// A part whose name the route does not know.
    UnknownPart(String),
    /// An image part that is neither JPEG nor PNG.
    NotAnImage(String),
    /// The same part sent twice.
    Duplicate(String),
}

impl FormError {
    /// A message naming the problem (part names only, never contents).
    pub(crate) fn message(&self) -> String {
        match self {
            FormError::TooLarge => "PAYLOAD_TOO_LARGE".to_owned(),
            FormError::Malformed(why) => format!("malformed multipart body: {why}"),
            FormError::UnknownPart(n) => format!("unknown part name: {n}"),
            FormError::NotAnImage(n) => format!("part {n} is not a JPEG or PNG image"),
            FormError::Duplicate(n) => format!("part {n} sent more than once"),
        }
    }
}

/// Reads every part of a multipart body.
pub(crate) async fn read(
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Form, FormError> {
    let mut multipart = multipart.map_err(|r| {
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            FormError::TooLarge
        } else {
            FormError::Malformed("expected multipart/form-data".to_owned())
        }
    })?;
    let mut form = Form::default();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => return Err(classify(e.status())),
        };
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let content_type = field.content_type().map(str::to_owned);
        let data = field.bytes().await.map_err(|e| classify(e.status()))?;
        form.parts.push(Part {
            name,
            file_name,
            content_type,
            data,
        });
    }
    Ok(form)
}

fn classify(status: StatusCode) -> FormError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        FormError::TooLarge
    } else {
        FormError::Malformed("unreadable part".to_owned())
    }
}

impl Form {
    /// The part shapes, for inspection.
    pub(crate) fn infos(&self) -> Vec<PartInfo> {
        self.parts
            .iter()
            .map(|p| PartInfo {
                name: p.name.clone(),
                file_name: p.file_name.clone(),
                content_type: p.content_type.clone(),
                size: p.data.len(),
            })
            .collect()
    }

    /// Refuses unknown or repeated part names and images that are not JPEG/PNG.
    pub(crate) fn check(&self, spec: Spec) -> Result<(), FormError> {
        for (i, part) in self.parts.iter().enumerate() {
            if self.parts[..i].iter().any(|p| p.name == part.name) {
                return Err(FormError::Duplicate(part.name.clone()));
            }
            if spec.images.contains(&part.name.as_str()) {
                if sniff(&part.data).is_none() {
                    return Err(FormError::NotAnImage(part.name.clone()));
                }
            } else if !spec.texts.contains(&part.name.as_str()) {
                return Err(FormError::UnknownPart(part.name.clone()));
            }
        }
        Ok(())
    }

    /// A part by name.
    pub(crate) fn get(&self, name: &str) -> Option<&Part> {
        self.parts.iter().find(|p| p.name == name)
    }

    /// Whether a part is present and not empty.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.get(name).is_some_and(|p| !p.data.is_empty())
    }

    /// A text part's value, trimmed; `None` when absent or empty.
    pub(crate) fn text(&self, name: &str) -> Option<String> {
        let part = self.get(name)?;
        let text = String::from_utf8_lossy(&part.data).trim().to_owned();
        (!text.is_empty()).then_some(text)
    }

    /// Strings in which scenario markers are looked for: file names and the
    /// `record_identifier`, `link` and `applicationId` texts.
    pub(crate) fn marker_sources(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .parts
            .iter()
            .filter_map(|p| p.file_name.clone())
            .collect();
        for name in ["record_identifier", "applicationId", "link"] {
            out.extend(self.text(name));
        }
        out
    }
}
