//! Manifests: CSV and JSON Lines read alike, and every kind of invalid manifest
//! refused before any request, each error naming its row and column.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Env;
use faceki_batch::{
    Batch, BatchError, ImportOptions, Journal, Manifest, ManifestError, ManifestFormat, RowError,
    Slot, StopHandle,
};

const HEADER: &str = "record_identifier,workflowId,selfie,document_1_front,document_1_back";

/// Imports `manifest` through a batch over the sandbox; the errors if refused.
fn import(env: &Env, manifest: &std::path::Path, skip: bool) -> Result<u64, Vec<RowError>> {
    let journal = Journal::temporary().unwrap();
    let batch = Batch::builder(env.client.clone(), journal).build();
    let manifest = Manifest::open(manifest).unwrap();
    let rows = match manifest.rows() {
        Ok(rows) => rows,
        Err(ManifestError::Header(errors)) => return Err(errors),
        Err(e) => panic!("{e}"),
    };
    let result = batch.import(rows, manifest.import_options().skip_invalid(skip));
    assert_eq!(
        env.sandbox.total_requests(),
        0,
        "nothing is sent by an import"
    );
    match result {
        Ok(summary) => Ok(summary.added),
        Err(BatchError::Invalid(invalid)) => {
            assert_eq!(invalid.total as usize, invalid.errors.len());
            Err(invalid.errors)
        }
        Err(e) => panic!("{e}"),
    }
}

fn one(errors: &[RowError]) -> &RowError {
    assert_eq!(errors.len(), 1, "{errors:?}");
    &errors[0]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn duplicate_identifiers_are_refused_naming_both_rows() {
    let env = Env::start().await;
    let path = env.manifest(
        "dup.csv",
        &[
            HEADER,
            "a,wf-default,selfie.jpg,front.png,back.jpg",
            "b,wf-default,selfie.jpg,front.png,back.jpg",
            "a,wf-default,selfie.jpg,front.png,back.jpg",
        ],
    );
    let errors = import(&env, &path, false).unwrap_err();
    let e = one(&errors);
    assert_eq!(
        (e.row, e.line, e.column.as_deref()),
        (3, Some(4), Some("record_identifier"))
    );
    assert_eq!(
        e.to_string(),
        "row 3 (line 4), column `record_identifier`: `a` is a duplicate of row 1 (line 2): \
         record identifiers must be unique"
    );
    // Skipping invalid rows still never stores the duplicate.
    assert_eq!(import(&env, &path, true), Ok(2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_empty_and_non_image_files_are_refused_by_row_and_column() {
    let env = Env::start().await;
    std::os::unix::fs::symlink(env.path("selfie.jpg"), env.path("link.jpg")).unwrap();
    std::fs::create_dir(env.path("folder.jpg")).unwrap();
    let path = env.manifest(
        "files.csv",
        &[
            HEADER,
            "ok,wf-default,selfie.jpg,front.png,back.jpg",
            "missing,wf-default,nobody.jpg,front.png,back.jpg",
            "text,wf-default,selfie.jpg,notes.txt,back.jpg",
            "empty,wf-default,selfie.jpg,front.png,empty.jpg",
            "link,wf-default,link.jpg,front.png,back.jpg",
            "dir,wf-default,folder.jpg,front.png,back.jpg",
            "noselfie,wf-default,,front.png,back.jpg",
        ],
    );
    let errors = import(&env, &path, false).unwrap_err();
    let got: Vec<(u64, Option<&str>, &str)> = errors
        .iter()
        .map(|e| (e.row, e.column.as_deref(), e.problem.as_str()))
        .collect();
    let expect = [
        (2, "selfie", "the image file does not exist (nobody.jpg)"),
        (
            3,
            "document_1_front",
            "not a JPEG or PNG image (checked by its first bytes) (notes.txt)",
        ),
        (4, "document_1_back", "the image file is empty (empty.jpg)"),
        (5, "selfie", "symbolic link"),
        (6, "selfie", "not a regular file"),
        (7, "selfie", "missing: this image is required"),
    ];
    assert_eq!(got.len(), expect.len(), "{errors:#?}");
    for ((row, column, problem), (want_row, want_column, want)) in got.iter().zip(expect) {
        assert_eq!((*row, *column), (want_row, Some(want_column)));
        assert!(problem.contains(want), "{problem}");
    }
    assert_eq!(
        import(&env, &path, true),
        Ok(1),
        "only the valid row with --skip-invalid"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_columns_are_refused_even_when_skipping_invalid_rows() {
    let env = Env::start().await;
    let path = env.manifest(
        "cols.csv",
        &[
            "record_identifier,workflowId,selfy,document_1_front,Document_1_Back,phone",
            "a,wf-default,selfie.jpg,front.png,back.jpg,555",
        ],
    );
    let errors = import(&env, &path, true).unwrap_err();
    let columns: Vec<_> = errors
        .iter()
        .map(|e| e.column.as_deref().unwrap())
        .collect();
    assert_eq!(
        columns,
        ["selfy", "Document_1_Back", "phone", "selfie"],
        "{errors:#?}"
    );
    assert!(
        errors
            .iter()
            .all(|e| e.row == 0 && e.line == Some(1) && e.fatal)
    );
    assert!(
        errors[0].problem.contains("did you mean `selfie`?"),
        "{}",
        errors[0]
    );
    assert!(
        errors[1]
            .problem
            .contains("did you mean `document_1_back`?")
    );
    assert!(
        errors[0]
            .to_string()
            .starts_with("header (line 1), column `selfy`: unknown column")
    );

    // JSON Lines: an unknown key is refused whatever `skip_invalid` says.
    let jsonl = env.path("cols.jsonl");
    std::fs::write(
        &jsonl,
        "{\"record_identifier\":\"a\",\"workflowId\":\"wf-default\",\"selfie\":\"selfie.jpg\",\
         \"document_1_front\":\"front.png\",\"email\":\"a@example.com\"}\n",
    )
    .unwrap();
    let errors = import(&env, &jsonl, true).unwrap_err();
    let e = one(&errors);
    assert_eq!(
        (e.row, e.line, e.column.as_deref()),
        (1, Some(1), Some("email"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rows_are_checked_field_by_field() {
    let env = Env::start().await;
    let long = "x".repeat(201);
    let rows = [
        HEADER.to_owned(),
        ",wf-default,selfie.jpg,front.png,back.jpg".to_owned(),
        " spaced ,wf-default,selfie.jpg,front.png,back.jpg".to_owned(),
        format!("{long},wf-default,selfie.jpg,front.png,back.jpg"),
        "noflow,,selfie.jpg,front.png,back.jpg".to_owned(),
        "short,wf-default,selfie.jpg".to_owned(),
    ];
    let lines: Vec<&str> = rows.iter().map(String::as_str).collect();
    let path = env.manifest("fields.csv", &lines);
    let errors = import(&env, &path, false).unwrap_err();
    let got: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(got.len(), 5, "{got:#?}");
    assert!(got[0].starts_with("row 1 (line 2), column `record_identifier`: missing"));
    assert!(got[1].contains("column `record_identifier`: ` spaced ` starts or ends with spaces"));
    assert!(got[2].contains("201 bytes long"));
    assert!(got[3].starts_with("row 4 (line 5), column `workflowId`: missing"));
    assert_eq!(got[4], "row 5 (line 6): 3 fields, but the header has 5");

    // Missing columns are found in the header, before any row.
    let path = env.manifest("header.csv", &["selfie,document_1_front", "a.jpg,b.jpg"]);
    let errors = import(&env, &path, false).unwrap_err();
    let columns: Vec<_> = errors
        .iter()
        .map(|e| e.column.as_deref().unwrap())
        .collect();
    assert_eq!(columns, ["record_identifier", "workflowId"]);

    // Document slots go in order; a back needs its front.
    let path = env.manifest(
        "slots.csv",
        &[
            "record_identifier,workflowId,selfie,document_1_front,document_2_back,document_3_front",
            "a,wf-default,selfie.jpg,front.png,back.jpg,",
            "b,wf-default,selfie.jpg,front.png,,front.png",
        ],
    );
    let errors = import(&env, &path, false).unwrap_err();
    let got: Vec<_> = errors
        .iter()
        .map(|e| (e.row, e.column.as_deref().unwrap()))
        .collect();
    assert_eq!(got, [(1, "document_2_back"), (2, "document_3_front")]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn csv_and_json_lines_manifests_verify_alike() {
    let env = Env::start().await;
    std::fs::create_dir(env.path("people")).unwrap();
    std::fs::write(env.path("people/a, b.jpg"), faceki_sandbox::images::JPEG).unwrap();
    let csv = env.manifest(
        "people.csv",
        &[
            "\u{feff}record_identifier,selfie,document_1_front,document_1_back",
            "c1,\"people/a, b.jpg\",front.png,back.jpg",
            "c2,selfie.jpg,front.png,",
        ],
    );
    let jsonl = env.path("people.jsonl");
    std::fs::write(
        &jsonl,
        "{\"record_identifier\": 42, \"selfie\": \"people/a, b.jpg\", \"document_1_front\": \"front.png\", \"document_1_back\": \"back.jpg\"}\r\n\
         \n\
         {\"record_identifier\": \"j2\", \"workflowId\": null, \"selfie\": \"selfie.jpg\", \"document_1_front\": \"front.png\", \"document_1_back\": \"back.jpg\"}\n",
    )
    .unwrap();
    for (path, format, ids) in [
        (&csv, ManifestFormat::Csv, ["c1", "c2"]),
        (&jsonl, ManifestFormat::JsonLines, ["42", "j2"]),
    ] {
        let manifest = Manifest::open(path)
            .unwrap()
            .default_workflow_id("wf-default");
        assert_eq!(manifest.format(), format);
        let inputs: Vec<_> = manifest.rows().unwrap().map(Result::unwrap).collect();
        assert_eq!(inputs.len(), 2);
        assert_eq!(inputs[0].record_identifier(), ids[0]);
        assert_eq!(inputs[0].workflow(), Some("wf-default"));
        assert_eq!(
            inputs[0].image_path(Slot::Selfie),
            Some(std::path::Path::new("people/a, b.jpg"))
        );
        let journal = Journal::open(manifest.default_journal_path()).unwrap();
        let batch = Batch::builder(env.client.clone(), journal).build();
        let imported = batch
            .import(manifest.rows().unwrap(), manifest.import_options())
            .unwrap();
        assert_eq!(imported.added, 2);
        let summary = batch.run(&StopHandle::new()).await.unwrap();
        // c2 has no document back: the default workflow (an ID card) refuses it, before
        // processing.
        let want_done = if format == ManifestFormat::Csv { 1 } else { 2 };
        assert_eq!(summary.counts.done, want_done, "{summary:?}");
    }
    assert!(env.path("people.csv.journal").exists());

    // An import without a manifest's folder resolves nothing against it.
    let journal = Journal::temporary().unwrap();
    let refused = journal.import([Ok(common::person("x"))], &ImportOptions::new());
    assert!(matches!(refused, Err(BatchError::Invalid(_))));
}
