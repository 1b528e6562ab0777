//! The engine against the sandbox: every row verified once, rows left `sending` or
//! `unknown` looked up instead of resent, faults (resets after processing, 502s,
//! timeouts, 429s) never making a second record, the budget guard, failures with their
//! codes, stop and abort, and personal data kept out of the journal and the report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::{Env, contains, journal_bytes, person};
use faceki::types::{Endpoint, ResponseCode};
use faceki_batch::{
    Batch, ImportOptions, Journal, ReportFormat, ReportOptions, State, StopHandle, StopReason,
    write_report,
};
use faceki_sandbox::{Fault, Sandbox};

fn import(
    batch: &Batch,
    env: &Env,
    inputs: Vec<Result<faceki_batch::Input, faceki_batch::RowError>>,
) {
    batch
        .import(inputs, ImportOptions::new().base_dir(env.dir.path()))
        .unwrap();
}

fn report(journal: &Journal, options: ReportOptions) -> String {
    let mut out = Vec::new();
    write_report(journal, &mut out, &options).unwrap();
    String::from_utf8(out).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_row_is_verified_once_and_reported() {
    let env = Env::start().await;
    let journal = Journal::open(env.path("j.journal")).unwrap();
    let batch = Batch::builder(env.client.clone(), journal.clone())
        .concurrency(8)
        .build();
    import(&batch, &env, env.inputs("c", 30));
    assert_eq!(env.sandbox.total_requests(), 0, "importing sends nothing");

    let summary = batch.run(&StopHandle::new()).await.unwrap();
    assert!(summary.is_complete(), "{summary:?}");
    assert_eq!(summary.counts.done, 30);
    assert_eq!((summary.sent, summary.billed), (30, 30));
    assert_eq!(summary.stopped, None);
    assert_eq!(env.sandbox.requests(Endpoint::V3Verification), 30);
    for i in 1..=30 {
        assert_eq!(env.records_of(&format!("c-{i}")).await, 1);
    }

    // Running again sends nothing: every row is settled.
    let again = batch.run(&StopHandle::new()).await.unwrap();
    assert_eq!(again.sent, 0);
    assert_eq!(env.sandbox.requests(Endpoint::V3Verification), 30);

    let csv = report(&journal, ReportOptions::new());
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 31, "{csv}");
    assert_eq!(
        lines[0],
        "record_identifier,row,state,request_id,decision,code_name,code,error,guidance,attempts,reconciled"
    );
    assert!(lines[1].starts_with("c-1,1,done,"), "{}", lines[1]);
    assert!(lines[1].contains(",ACCEPTED,"), "{}", lines[1]);
    assert!(lines[1].ends_with(",1,false"), "{}", lines[1]);
}

/// Leaves rows as a killed run would: `sending`, with their send marked a moment ago.
fn leave_sending(path: &std::path::Path, identifiers: &[String], state: &str) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let sent_at = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
        - 1_000;
    for id in identifiers {
        let changed = conn
            .execute(
                "UPDATE rows SET state = ?2, attempts = attempts + 1, sent_at = ?3 \
                 WHERE record_identifier = ?1",
                rusqlite::params![id, state, sent_at],
            )
            .unwrap();
        assert_eq!(changed, 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rows_left_sending_or_unknown_are_looked_up_before_anything_is_sent() {
    let env = Env::start().await;
    let path = env.path("j.journal");
    {
        let journal = Journal::open(&path).unwrap();
        let batch = Batch::builder(env.client.clone(), journal).build();
        import(&batch, &env, env.inputs("r", 10));
    }
    // Rows 1-5 reached Faceki before the "crash"; 6-10 never left.
    for i in 1..=5 {
        env.client
            .v3()
            .verify(
                faceki::v3::Verification::by_workflow("wf-default")
                    .record_identifier(format!("r-{i}"))
                    .selfie(faceki::ImageInput::path(env.path("selfie.jpg")))
                    .document_1_front(faceki::ImageInput::path(env.path("front.png")))
                    .document_1_back(faceki::ImageInput::path(env.path("back.jpg"))),
            )
            .await
            .unwrap();
    }
    let ids =
        |range: std::ops::RangeInclusive<i32>| range.map(|i| format!("r-{i}")).collect::<Vec<_>>();
    leave_sending(&path, &ids(1..=3), "sending");
    leave_sending(&path, &ids(4..=5), "unknown");
    leave_sending(&path, &ids(6..=8), "sending");
    leave_sending(&path, &ids(9..=10), "unknown");

    let journal = Journal::open(&path).unwrap();
    let batch = Batch::builder(env.client.clone(), journal.clone()).build();
    let summary = batch.run(&StopHandle::new()).await.unwrap();
    assert_eq!(summary.reconcile.looked_up, 10, "{summary:?}");
    assert_eq!(summary.reconcile.found, 5);
    assert_eq!(summary.reconcile.not_found, 5);
    assert_eq!(summary.sent, 5, "only the rows not recorded are sent");
    assert!(summary.is_complete());
    // 5 sent directly, 5 by the batch: never one of the found rows again.
    assert_eq!(env.sandbox.requests(Endpoint::V3Verification), 10);
    for i in 1..=10 {
        assert_eq!(env.records_of(&format!("r-{i}")).await, 1, "r-{i}");
    }
    for row in journal.rows() {
        let row = row.unwrap();
        let n: u32 = row.record_identifier[2..].parse().unwrap();
        assert_eq!(row.state, State::Done);
        assert_eq!(row.reconciled, n <= 5, "{n}");
        assert_eq!(row.attempts, if n <= 5 { 1 } else { 2 }, "{n}");
        assert!(row.request_id.is_some());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faults_never_make_a_second_record() {
    let env = Env::start().await;
    let journal = Journal::open(env.path("j.journal")).unwrap();
    let batch = Batch::builder(env.client.clone(), journal.clone())
        .concurrency(4)
        .rate_limited_retries(2, Duration::from_millis(20))
        .build();
    import(&batch, &env, env.inputs("f", 40));
    let v3 = Endpoint::V3Verification;
    let sb = &env.sandbox;
    sb.inject_fault(v3, Fault::processed_then(Fault::drop_connection()), 3);
    sb.inject_fault(v3, Fault::bad_gateway_html(), 3);
    sb.inject_fault(v3, Fault::processed_then(Fault::gateway_timeout_html()), 2);
    sb.inject_fault(
        v3,
        Fault::processed_then(Fault::latency(Duration::from_secs(1))),
        2,
    );
    sb.inject_fault(v3, Fault::latency(Duration::from_secs(1)), 2);
    sb.inject_fault(v3, Fault::processed_then(Fault::truncated_body()), 2);
    sb.inject_fault(v3, Fault::rate_limited(1), 2);

    let first = batch.run(&StopHandle::new()).await.unwrap();
    assert_eq!(first.stopped, None, "{first:?}");
    // The 502s and the timeouts before processing were not found by the SDK's lookup.
    assert!(first.counts.unknown >= 3, "{first:?}");
    assert_eq!(first.counts.unknown + first.counts.done, 40, "{first:?}");

    // Whatever was still being processed has finished; the next run looks again.
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    let second = batch.run(&StopHandle::new()).await.unwrap();
    assert!(second.is_complete(), "{second:?}");
    assert_eq!(second.counts.done, 40);
    assert_eq!(second.reconcile.looked_up, first.counts.unknown);
    assert_eq!(
        second.sent, second.reconcile.not_found,
        "only rows the lookup did not find are sent again"
    );
    for i in 1..=40 {
        assert_eq!(env.records_of(&format!("f-{i}")).await, 1, "f-{i}");
    }
    assert_eq!(env.sandbox.record_count(), 40);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn max_billed_sends_exactly_that_many() {
    let env = Env::start().await;
    let journal = Journal::open(env.path("j.journal")).unwrap();
    let batch = Batch::builder(env.client.clone(), journal)
        .concurrency(4)
        .max_billed(10)
        .build();
    import(&batch, &env, env.inputs("b", 25));
    let summary = batch.run(&StopHandle::new()).await.unwrap();
    assert_eq!(summary.billed, 10);
    assert_eq!(
        summary.stopped,
        Some(StopReason::BudgetReached { max_billed: 10 })
    );
    assert_eq!(env.sandbox.requests(Endpoint::V3Verification), 10);
    assert_eq!((summary.counts.done, summary.counts.pending), (10, 15));

    // A call refused before processing is not billed: its unit goes back.
    env.sandbox
        .inject_fault(Endpoint::V3Verification, Fault::rate_limited(1), 1);
    let batch = Batch::builder(env.client.clone(), batch.journal().clone())
        .concurrency(4)
        .max_billed(10)
        .rate_limited_retries(0, Duration::ZERO)
        .build();
    let summary = batch.run(&StopHandle::new()).await.unwrap();
    assert_eq!(summary.billed, 10);
    // The refused send is counted by the sandbox and its unit came back (requeued).
    // Under load the client may see the 429's early close as a reset instead: that
    // row is then `unknown` (counted as billed, looked up next start), never resent.
    assert_eq!(
        env.sandbox.requests(Endpoint::V3Verification),
        20 + summary.requeued
    );
    assert!(summary.requeued <= 1, "{summary:?}");
    assert_eq!(summary.counts.done + summary.counts.unknown, 20);
    assert_eq!(summary.counts.unknown, 1 - summary.requeued);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failures_carry_their_code_and_credit_stops_the_run() {
    let env = Env::start().await;
    let journal = Journal::open(env.path("j.journal")).unwrap();
    let batch = Batch::builder(env.client.clone(), journal.clone()).build();
    let inputs = [
        "ok-1",
        "face-sandbox-8006",
        "declined-sandbox-DECLINED",
        "fields-sandbox-5002",
    ]
    .into_iter()
    .map(|id| Ok(person(id)))
    .collect();
    import(&batch, &env, inputs);
    let summary = batch.run(&StopHandle::new()).await.unwrap();
    assert!(summary.is_complete(), "{summary:?}");
    assert_eq!((summary.counts.done, summary.counts.failed), (2, 2));
    // 8006 was processed (billed); 5002 was refused before processing (not billed).
    assert_eq!(summary.billed, 3);
    let rows: Vec<_> = journal.rows().map(Result::unwrap).collect();
    let face = &rows[1];
    assert_eq!(face.state, State::Failed);
    assert_eq!(face.code, Some(8006));
    assert_eq!(face.code_name.as_deref(), Some("FACE_NOT_FOUND"));
    assert_eq!(
        faceki_batch::guidance(face).as_deref(),
        Some(ResponseCode::from_code(8006).guidance())
    );
    assert_eq!(rows[2].decision.as_deref(), Some("DECLINED"));
    assert_eq!(rows[3].code, Some(5002));
    let summary = journal.summary().unwrap();
    assert_eq!(summary.decisions.len(), 2);
    assert_eq!(summary.failures.len(), 2);

    // Out of credit: the run stops; the rows stay pending for a later run.
    let quota = Sandbox::builder()
        .verification_quota(2)
        .start()
        .await
        .unwrap();
    let journal = Journal::open(env.path("quota.journal")).unwrap();
    let batch = Batch::builder(common::client_for(&quota), journal)
        .concurrency(1)
        .build();
    import(&batch, &env, env.inputs("q", 6));
    let summary = batch.run(&StopHandle::new()).await.unwrap();
    assert!(
        matches!(summary.stopped, Some(StopReason::OutOfCredit { .. })),
        "{summary:?}"
    );
    assert_eq!((summary.counts.done, summary.counts.pending), (2, 4));
    assert_eq!(quota.requests(Endpoint::V3Verification), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn personal_data_stays_out_of_the_journal_and_the_report_unless_kept() {
    let env = Env::start().await;
    let names = ["SANDBOX TESTER", "SBX0000001"];
    for keep in [false, true] {
        let path = env.path(&format!("personal-{keep}.journal"));
        let journal = Journal::open(&path).unwrap();
        let batch = Batch::builder(env.client.clone(), journal.clone())
            .keep_personal_data(keep)
            .build();
        import(&batch, &env, env.inputs(&format!("p{keep}"), 3));
        let summary = batch.run(&StopHandle::new()).await.unwrap();
        assert_eq!(summary.counts.done, 3);
        let plain = report(
            &journal,
            ReportOptions::new().format(ReportFormat::JsonLines),
        );
        let with = report(
            &journal,
            ReportOptions::new()
                .format(ReportFormat::JsonLines)
                .include_personal_data(true),
        );
        let row = journal.rows().next().unwrap().unwrap();
        assert!(!format!("{row:?}").contains("SANDBOX"), "Debug redacts");
        drop((batch, journal));
        let bytes = journal_bytes(&path);
        for name in names {
            assert_eq!(contains(&bytes, name), keep, "journal, keep={keep}: {name}");
            assert!(
                !plain.contains(name),
                "report without personal data: {name}"
            );
            assert_eq!(
                with.contains(name),
                keep,
                "report with personal data: {name}"
            );
        }
        let first: serde_json::Value = serde_json::from_str(with.lines().next().unwrap()).unwrap();
        assert_eq!(first["personal_data"].is_object(), keep, "{first}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stop_finishes_the_rows_in_flight_and_abort_leaves_them_sending() {
    let env = Env::start().await;
    let path = env.path("j.journal");
    let journal = Journal::open(&path).unwrap();
    let batch = Batch::builder(env.client.clone(), journal.clone())
        .concurrency(4)
        .rate(faceki_batch::Rate::new(50.0).unwrap())
        .build();
    import(&batch, &env, env.inputs("s", 40));

    // Stop: nothing new is sent, what was in flight is recorded.
    let stop = StopHandle::new();
    let running = tokio::spawn({
        let (batch, stop) = (batch.clone(), stop.clone());
        async move { batch.run(&stop).await }
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    stop.stop();
    let summary = running.await.unwrap().unwrap();
    assert_eq!(summary.stopped, Some(StopReason::Stopped));
    assert_eq!(summary.counts.sending, 0, "{summary:?}");
    assert!(
        summary.counts.pending > 0 && summary.counts.done > 0,
        "{summary:?}"
    );
    assert_eq!(summary.sent, summary.counts.done);

    // Abort while answers are slow: the rows in flight stay `sending`.
    env.sandbox.inject_fault(
        Endpoint::V3Verification,
        Fault::processed_then(Fault::latency(Duration::from_millis(300))),
        1_000,
    );
    let stop = StopHandle::new();
    let running = tokio::spawn({
        let (batch, stop) = (batch.clone(), stop.clone());
        async move { batch.run(&stop).await }
    });
    tokio::time::sleep(Duration::from_millis(150)).await;
    stop.abort();
    let summary = running.await.unwrap().unwrap();
    assert_eq!(summary.stopped, Some(StopReason::Aborted));
    assert!(summary.counts.sending >= 1, "{summary:?}");
    let left_sending = summary.counts.sending;

    // The next run looks them up (they were processed) and finishes the rest.
    env.sandbox.clear_scenarios();
    let summary = batch.run(&StopHandle::new()).await.unwrap();
    assert!(summary.is_complete(), "{summary:?}");
    assert_eq!(summary.reconcile.looked_up, left_sending, "{summary:?}");
    for i in 1..=40 {
        assert_eq!(env.records_of(&format!("s-{i}")).await, 1, "s-{i}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sending_mark_is_committed_while_the_request_is_in_flight() {
    let env = Env::start().await;
    let path = env.path("j.journal");
    let journal = Journal::open(&path).unwrap();
    let batch = Batch::builder(env.client.clone(), journal.clone())
        .concurrency(2)
        .build();
    import(&batch, &env, env.inputs("m", 2));
    // The answers never come back in time; abort while both are in flight.
    env.sandbox.inject_fault(
        Endpoint::V3Verification,
        Fault::latency(Duration::from_secs(5)),
        2,
    );
    let stop = StopHandle::new();
    let running = tokio::spawn({
        let (batch, stop) = (batch.clone(), stop.clone());
        async move { batch.run(&stop).await }
    });
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert_eq!(env.sandbox.requests(Endpoint::V3Verification), 2);
    stop.abort();
    running.await.unwrap().unwrap();
    drop((batch, journal));

    let conn = rusqlite::Connection::open(&path).unwrap();
    let rows: Vec<(String, u32, Option<i64>)> = conn
        .prepare("SELECT state, attempts, sent_at FROM rows ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (state, attempts, sent_at) in rows {
        assert_eq!((state.as_str(), attempts), ("sending", 1));
        assert!(sent_at.is_some());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_processed_answer_that_cannot_be_read_is_unknown_then_looked_up() {
    let env = Env::start().await;
    let journal = Journal::open(env.path("decode.journal")).unwrap();
    let batch = Batch::builder(env.client.clone(), journal.clone()).build();
    import(&batch, &env, env.inputs("d", 1));
    // Verified and stored, but the success answer's payload does not fit the model.
    env.sandbox.inject_fault(
        Endpoint::V3Verification,
        Fault::processed_then(Fault::status(
            200,
            "application/json",
            r#"{"status":true,"code":200,"message":"OK","result":"not a verification"}"#,
        )),
        1,
    );
    let summary = batch.run(&StopHandle::new()).await.unwrap();
    assert_eq!(
        (summary.counts.unknown, summary.counts.failed),
        (1, 0),
        "{summary:?}"
    );
    assert_eq!(summary.billed, 1);
    let row = journal.rows().next().unwrap().unwrap();
    assert_eq!(row.state, State::Unknown);

    // The next start looks it up: recorded, so `done`, never sent again.
    let summary = batch.run(&StopHandle::new()).await.unwrap();
    assert_eq!(summary.reconcile.found, 1, "{summary:?}");
    assert_eq!(summary.counts.done, 1);
    let row = journal.rows().next().unwrap().unwrap();
    assert!(row.reconciled);
    assert_eq!(env.sandbox.requests(Endpoint::V3Verification), 1);
    assert_eq!(env.records_of("d-1").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn facekis_message_is_kept_with_the_personal_data_never_in_the_error() {
    let env = Env::start().await;
    let journal = Journal::open(env.path("message.journal")).unwrap();
    let batch = Batch::builder(env.client.clone(), journal.clone())
        .keep_personal_data(true)
        .build();
    import(&batch, &env, vec![Ok(person("face-sandbox-8006"))]);
    let summary = batch.run(&StopHandle::new()).await.unwrap();
    assert_eq!(summary.counts.failed, 1, "{summary:?}");
    let row = journal.rows().next().unwrap().unwrap();
    let error = row.error.clone().unwrap();
    assert!(!error.contains("Faceki said"), "{error}");
    let personal: serde_json::Value =
        serde_json::from_str(row.personal_data.as_deref().unwrap()).unwrap();
    assert!(personal["faceki_message"].is_string(), "{personal}");
    for format in [ReportFormat::Csv, ReportFormat::JsonLines] {
        let plain = report(&journal, ReportOptions::new().format(format));
        assert!(!plain.contains("faceki_message"), "{plain}");
        let with = report(
            &journal,
            ReportOptions::new()
                .format(format)
                .include_personal_data(true),
        );
        assert!(with.contains("faceki_message"), "{with}");
    }
}
