//! The journal's file: WAL mode, a versioned schema, recognised as a journal, one
//! process (one open) at a time; imports that merge with what is already there and
//! refuse to change what was sent; dry runs that store nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Env, person};
use faceki_batch::{
    BatchError, Durability, ImportOptions, Journal, JournalError, JournalOptions, SCHEMA_VERSION,
    Slot, StopHandle,
};

#[test]
fn a_journal_is_wal_versioned_recognised_and_locked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.journal");
    let journal = Journal::open(&path).unwrap();
    assert_eq!(journal.counts().unwrap().total(), 0);
    // One open at a time (one process, one run).
    match Journal::open(&path) {
        Err(JournalError::InUse { .. }) => {}
        other => panic!("{other:?}"),
    }
    drop(journal);

    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    // A newer schema is refused, not misread.
    conn.execute_batch("PRAGMA user_version = 99").unwrap();
    drop(conn);
    match Journal::open(&path) {
        Err(JournalError::NewerSchema { found: 99, .. }) => {}
        other => panic!("{other:?}"),
    }

    // Other databases and other files are not journals.
    let other = dir.path().join("other.sqlite");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE customers (id INTEGER)")
        .unwrap();
    assert!(matches!(
        Journal::open(&other),
        Err(JournalError::NotAJournal { .. })
    ));
    let text = dir.path().join("people.csv");
    std::fs::write(
        &text,
        "record_identifier,selfie\nthis is not sqlite, not at all\n",
    )
    .unwrap();
    assert!(matches!(
        Journal::open(&text),
        Err(JournalError::NotAJournal { .. })
    ));

    // Normal durability opens the same file format.
    let normal = Journal::open_with(
        dir.path().join("n.journal"),
        JournalOptions::new().durability(Durability::Normal),
    )
    .unwrap();
    assert_eq!(normal.counts().unwrap().total(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imports_merge_and_never_change_what_was_sent() {
    let env = Env::start().await;
    let journal = Journal::open(env.path("j.journal")).unwrap();
    let options = || ImportOptions::new().base_dir(env.dir.path());
    let three = || (1..=3).map(|i| Ok(person(&format!("m-{i}"))));

    // A dry run checks and stores nothing.
    let dry = journal.import(three(), &options().dry_run(true)).unwrap();
    assert!(dry.dry_run);
    assert_eq!((dry.rows, dry.added), (3, 3));
    assert_eq!(journal.counts().unwrap().total(), 0);

    let first = journal.import(three(), &options()).unwrap();
    assert_eq!((first.added, first.unchanged), (3, 0));
    let again = journal.import(three(), &options()).unwrap();
    assert_eq!((again.added, again.unchanged), (0, 3));

    // A pending row's inputs may change; an extended manifest adds rows.
    let changed = (1..=4).map(|i| {
        let p = person(&format!("m-{i}"));
        Ok(if i == 2 {
            p.image(Slot::Document1Back, "selfie.jpg")
        } else {
            p
        })
    });
    let merged = journal.import(changed, &options()).unwrap();
    assert_eq!((merged.added, merged.updated, merged.unchanged), (1, 1, 2));
    assert_eq!(journal.counts().unwrap().pending, 4);

    let batch = faceki_batch::Batch::builder(env.client.clone(), journal.clone()).build();
    let summary = batch.run(&StopHandle::new()).await.unwrap();
    assert_eq!(summary.counts.done, 4);

    // Once sent, other images for the same identifier are refused: one verification
    // per identifier per journal.
    let resend = [Ok(person("m-1").image(Slot::Selfie, "back.jpg"))];
    match journal.import(resend, &options()) {
        Err(BatchError::Invalid(invalid)) => {
            let e = &invalid.errors[0];
            assert_eq!((e.row, e.column.as_deref()), (1, Some("selfie")));
            assert!(e.problem.contains("already sent"), "{e}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(journal.counts().unwrap().done, 4, "nothing changed");

    // Only the latest import is sent: rows of earlier ones stay as they are.
    let later = journal.import([Ok(person("m-9"))], &options()).unwrap();
    assert_eq!(later.added, 1);
    let summary = batch.run(&StopHandle::new()).await.unwrap();
    assert_eq!((summary.sent, summary.counts.total()), (1, 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_and_a_run_cannot_overlap() {
    let env = Env::start().await;
    let journal = Journal::open(env.path("j.journal")).unwrap();
    journal
        .import(
            env.inputs("o", 8),
            &ImportOptions::new().base_dir(env.dir.path()),
        )
        .unwrap();
    env.sandbox.inject_fault(
        faceki::types::Endpoint::V3Verification,
        faceki_sandbox::Fault::latency(std::time::Duration::from_millis(200)),
        8,
    );
    let batch = faceki_batch::Batch::builder(env.client.clone(), journal.clone()).build();
    let stop = StopHandle::new();
    let running = tokio::spawn({
        let (batch, stop) = (batch.clone(), stop.clone());
        async move { batch.run(&stop).await }
    });
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    assert!(matches!(
        journal.import(env.inputs("o", 8), &ImportOptions::new()),
        Err(BatchError::Busy)
    ));
    assert!(matches!(batch.run(&stop).await, Err(BatchError::Busy)));
    stop.stop();
    running.await.unwrap().unwrap();
}
