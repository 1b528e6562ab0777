//! The blocking client from plain synchronous code: no async runtime, no `.await`,
//! no tokio in your own code (the client owns its one runtime thread).
//!
//! ```toml
//! [dependencies]
//! faceki = { version = "0.1", features = ["blocking"] }
//! ```
//!
//! Offline, against the sandbox (a fake Faceki server on 127.0.0.1; it prints the
//! `export` lines to paste, throwaway credentials included):
//!
//! ```sh
//! cargo run -p faceki-cli -- sandbox --port 8080      # in one terminal, until Ctrl-C
//! export FACEKI_BASE_URL=http://127.0.0.1:8080        # in another: what it printed
//! export FACEKI_CLIENT_ID=... FACEKI_CLIENT_SECRET=...
//! cargo run -p faceki --features blocking --example blocking
//! cargo run -p faceki --features blocking --example blocking -- selfie.jpg front.jpg back.jpg
//! ```
//!
//! Without `FACEKI_BASE_URL` it talks to the real Faceki API, where the verification
//! (given images) is billed. `FACEKI_WORKFLOW_ID` names the V3 workflow (the
//! sandbox's default workflow, `wf-default`, otherwise). The sandbox-driven run of
//! the same calls is `crates/faceki-http/tests/blocking.rs`.

use std::time::{Duration, SystemTime};

use faceki::ImageInput;
use faceki::blocking::Client;
use faceki::records::VerificationLookup;
use faceki::v3::Verification;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let images: Vec<String> = std::env::args().skip(1).collect();
    let workflow_id =
        std::env::var("FACEKI_WORKFLOW_ID").unwrap_or_else(|_| "wf-default".to_owned());

    // FACEKI_CLIENT_ID, FACEKI_CLIENT_SECRET and optionally FACEKI_BASE_URL.
    let client = Client::from_env()?;
    eprintln!("talking to {}", client.as_async().base_url());

    // Clones share the runtime thread, the token and the connection pool: calls from
    // several threads at once need nothing more.
    std::thread::scope(|scope| {
        let rules = scope.spawn(|| client.clone().v2().rules());
        let workflow = scope.spawn(|| client.v3().workflow_rules(&workflow_id));
        match rules.join() {
            Ok(Ok(rules)) => eprintln!("V2 documents: {:?}", rules.allowed_kyc_documents),
            Ok(Err(e)) => eprintln!("V2 rules: {e}"),
            Err(_) => eprintln!("V2 rules: the thread panicked"),
        }
        match workflow.join() {
            Ok(Ok(rules)) => eprintln!("workflow {workflow_id}: {:?}", rules.documents),
            Ok(Err(e)) => eprintln!("workflow {workflow_id}: {e}"),
            Err(_) => eprintln!("workflow rules: the thread panicked"),
        }
    });

    let [selfie, front, back] = images.as_slice() else {
        eprintln!("pass SELFIE DOC_FRONT DOC_BACK to verify them against the workflow");
        return Ok(());
    };
    // Your own identifier: a lost answer is then reconciled by a lookup, never paid
    // for twice.
    let record_identifier = format!("blocking-example-{}", std::process::id());
    let started = SystemTime::now();
    let input = Verification::by_workflow(&workflow_id)
        .record_identifier(&record_identifier)
        .selfie(ImageInput::path(selfie))
        .document_1_front(ImageInput::path(front))
        .document_1_back(ImageInput::path(back));
    match client.v3().verify(input) {
        Ok(outcome) => eprintln!(
            "request {:?}: decision {:?}{}",
            outcome.request_id,
            outcome.decision,
            if outcome.reconciled {
                " (found by record identifier after a lost answer)"
            } else {
                ""
            }
        ),
        Err(e) if e.outcome_unknown() => {
            // Not recorded yet, or still processing: look again later, do not resend.
            eprintln!("outcome unknown ({e}); looking again in 5 s");
            std::thread::sleep(Duration::from_secs(5));
            let since = started - faceki::records::RECONCILE_CLOCK_SKEW;
            match client
                .records()
                .find_verification(&record_identifier, since)?
            {
                VerificationLookup::Found(record) => {
                    eprintln!("recorded: decision {:?}", record.decision)
                }
                other => eprintln!("still unknown: {other:?}"),
            }
        }
        Err(e) => eprintln!("verification failed ({:?}): {e}", e.delivery()),
    }
    Ok(())
}
