//! Readable text for each result: the fields a person looks at first. `--json` has
//! everything.

use std::fmt::{Display, Write as _};

use faceki::model::{
    FaceAnalysis, FaceCheckResult, KycRecord, KycRules, KycSummary, LinkCreated,
    MultiVerificationResult, Records, VerificationOutcome, VerificationResult, WorkflowRules,
};

/// Lines of `label: value`, labels aligned.
#[derive(Default)]
struct Text(String);

impl Text {
    fn field(&mut self, label: &str, value: impl Display) -> &mut Self {
        let _ = writeln!(self.0, "{label:<22} {value}");
        self
    }

    fn opt(&mut self, label: &str, value: Option<impl Display>) -> &mut Self {
        match value {
            Some(value) => self.field(label, value),
            None => self.field(label, "-"),
        }
    }

    fn line(&mut self, line: impl Display) -> &mut Self {
        let _ = writeln!(self.0, "{line}");
        self
    }

    fn done(&mut self) -> String {
        std::mem::take(&mut self.0)
    }
}

fn yes_no(value: Option<bool>) -> &'static str {
    match value {
        Some(true) => "yes",
        Some(false) => "no",
        None => "-",
    }
}

fn list(items: impl IntoIterator<Item = impl Display>) -> String {
    let items: Vec<String> = items.into_iter().map(|i| i.to_string()).collect();
    if items.is_empty() {
        "-".to_owned()
    } else {
        items.join(", ")
    }
}

/// `rules`.
pub(crate) fn rules(rules: &KycRules) -> String {
    Text::default()
        .field("documents", list(&rules.allowed_kyc_documents))
        .field("countries", list(&rules.allowed_countries))
        .opt("liveness check", rules.liveness_check_type.as_deref())
        .field("multi-document", yes_no(rules.multi_kyc_enabled))
        .opt("minimum age", rules.valid_age)
        .opt("status", rules.status.as_deref())
        .done()
}

/// `verify`.
pub(crate) fn verification(result: &VerificationResult) -> String {
    let mut text = Text::default();
    text.opt("request id", result.request_id.as_deref())
        .field("passed", yes_no(result.passed()))
        .field("face matches", yes_no(result.face_identical()));
    if let Some(confidence) = result.face.as_ref().and_then(|f| f.confidence) {
        text.field("face confidence", confidence);
    }
    if !result.authentication.is_empty() {
        text.field(
            "document checks",
            if result.authentication.all_passed() {
                "all passed"
            } else {
                "some failed"
            },
        );
    }
    text.done()
}

/// `verify-multi`.
pub(crate) fn multi(result: &MultiVerificationResult) -> String {
    let mut text = Text::default();
    text.opt("request id", result.request_id.as_deref());
    for (doc, data) in result.documents() {
        let code = data
            .response_code
            .map_or_else(|| "-".to_owned(), |c| c.to_string());
        let passed = data.data.as_ref().and_then(VerificationResult::passed);
        text.field(
            &doc.to_string(),
            format!("{code}, passed: {}", yes_no(passed)),
        );
    }
    text.done()
}

/// `summary`.
pub(crate) fn summary(summary: &KycSummary) -> String {
    let mut text = Text::default();
    for (key, count) in summary.counts() {
        text.field(key, count);
    }
    text.done()
}

/// `link create`.
pub(crate) fn link(link: &LinkCreated) -> String {
    Text::default()
        .field("link id", &link.link_id)
        .opt("url", link.url.as_deref())
        .done()
}

/// `records`, `v3 face-search`.
pub(crate) fn records(records: &Records) -> String {
    let mut text = Text::default();
    text.line(format!("{} record(s)", records.len()));
    for record in records.iter() {
        text.line(record_line(record));
    }
    text.done()
}

fn record_line(record: &KycRecord) -> String {
    format!(
        "- request {}  decision {}  record identifier {}  face {}  created {}",
        record.request_id.as_deref().unwrap_or("-"),
        record
            .decision
            .as_ref()
            .map_or_else(|| "-".to_owned(), ToString::to_string),
        record.record_identifier.as_deref().unwrap_or("-"),
        record.face_id.as_deref().unwrap_or("-"),
        record.created_at.as_deref().unwrap_or("-"),
    )
}

/// `face-search`.
pub(crate) fn face_check(result: &FaceCheckResult) -> String {
    Text::default()
        .field("match", if result.matched() { "yes" } else { "no" })
        .field("face ids", list(&result.all_face_ids))
        .field("records", result.kyc_records.len())
        .done()
}

/// `v3 verify`.
pub(crate) fn outcome(outcome: &VerificationOutcome) -> String {
    Text::default()
        .opt("request id", outcome.request_id.as_deref())
        .opt("decision", outcome.decision.as_ref())
        .opt("workflow", outcome.workflow_id.as_deref())
        .done()
}

/// `v3 rules`.
pub(crate) fn workflow(rules: &WorkflowRules) -> String {
    Text::default()
        .opt("workflow", rules.workflow_id.as_deref())
        .field("documents", list(&rules.documents))
        .field("document optional", yes_no(rules.document_optional))
        .opt("liveness", rules.liveness_type.as_deref())
        .opt("face match score", rules.face_match_score)
        .opt("callback URL", rules.callback_url.as_deref())
        .done()
}

/// `analyze-face`.
pub(crate) fn analysis(analysis: &FaceAnalysis) -> String {
    let age = analysis
        .age_range()
        .map(|(min, max)| format!("{min}-{max}"));
    Text::default()
        .opt("age", age)
        .opt("gender", analysis.gender.as_deref())
        .opt("liveness score", analysis.liveness_score)
        .opt("face confidence", analysis.face_detection_confidence)
        .done()
}
