//! `faceki image check FILE…`: what the image pre-flight finds in each image, each
//! finding with the Faceki code it anticipates. Exit 0 when nothing is found, 1 when
//! something is, 2 when an image cannot be read.

use std::path::{Path, PathBuf};

use faceki_image::{CheckPolicy, Role, check};
use serde::Serialize;

use crate::exit::{Exit, Failure};
use crate::output::Output;

/// The checks of one file.
#[derive(Debug, Serialize)]
struct Checked {
    /// The path as given on the command line.
    file: String,
    /// `selfie` or `document`.
    role: &'static str,
    /// `null` when the image could not be read.
    width: Option<u32>,
    height: Option<u32>,
    /// How many faces were found (selfies).
    faces: Option<usize>,
    findings: Vec<FindingOut>,
    /// Why the image could not be read, if it could not.
    error: Option<String>,
}

#[derive(Debug, Serialize)]
struct FindingOut {
    kind: String,
    code: i64,
    code_name: &'static str,
    message: String,
}

/// Checks every file, prints the findings, and ends with the exit status they call
/// for.
pub(crate) fn run(files: &[PathBuf], document: bool, out: &Output) -> Result<(), Failure> {
    let role = if document {
        Role::Document
    } else {
        Role::Selfie
    };
    let policy = CheckPolicy::default();
    let checked: Vec<Checked> = files.iter().map(|f| check_one(f, role, &policy)).collect();
    out.result(&checked, |c: &Vec<Checked>| render(c))?;
    let unreadable = checked.iter().filter(|c| c.error.is_some()).count();
    let with_findings = checked.iter().filter(|c| !c.findings.is_empty()).count();
    if unreadable > 0 {
        return Err(Failure::Other(
            Exit::Usage,
            format!("{unreadable} of {} images could not be read", checked.len()),
        ));
    }
    if with_findings > 0 {
        return Err(Failure::Other(
            Exit::Api,
            format!(
                "{with_findings} of {} images have findings: Faceki would likely refuse them",
                checked.len()
            ),
        ));
    }
    Ok(())
}

fn check_one(path: &Path, role: Role, policy: &CheckPolicy) -> Checked {
    let mut checked = Checked {
        file: path.display().to_string(),
        role: match role {
            Role::Document => "document",
            _ => "selfie",
        },
        width: None,
        height: None,
        faces: None,
        findings: Vec::new(),
        error: None,
    };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            checked.error = Some(format!("cannot be read ({})", e.kind()));
            return checked;
        }
    };
    match check(&bytes, role, policy) {
        Ok(report) => {
            checked.width = Some(report.dimensions.width);
            checked.height = Some(report.dimensions.height);
            checked.faces = (role == Role::Selfie).then_some(report.faces.len());
            checked.findings = report
                .findings
                .iter()
                .map(|f| FindingOut {
                    kind: snake_case(&format!("{:?}", f.kind)),
                    code: f.code.code(),
                    code_name: f.code.name().unwrap_or("UNKNOWN"),
                    message: f.message.clone(),
                })
                .collect();
        }
        Err(e) => checked.error = Some(e.to_string()),
    }
    checked
}

/// `NoFace` → `no_face`.
fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}

fn render(checked: &[Checked]) -> String {
    let mut text = String::new();
    for c in checked {
        match (&c.error, c.findings.is_empty()) {
            (Some(error), _) => text.push_str(&format!("{}: unreadable: {error}\n", c.file)),
            (None, true) => text.push_str(&format!(
                "{}: ok ({} {}×{} px{})\n",
                c.file,
                c.role,
                c.width.unwrap_or(0),
                c.height.unwrap_or(0),
                faces(c.faces)
            )),
            (None, false) => {
                text.push_str(&format!(
                    "{}: {} finding(s) ({} {}×{} px{})\n",
                    c.file,
                    c.findings.len(),
                    c.role,
                    c.width.unwrap_or(0),
                    c.height.unwrap_or(0),
                    faces(c.faces)
                ));
                for f in &c.findings {
                    text.push_str(&format!(
                        "  {} ({}, {}): {}\n",
                        f.kind, f.code_name, f.code, f.message
                    ));
                }
            }
        }
    }
    text
}

fn faces(count: Option<usize>) -> String {
    match count {
        Some(1) => ", 1 face".to_owned(),
        Some(n) => format!(", {n} faces"),
        None => String::new(),
    }
}
