//! Quickstart against the real Faceki API, configured from the environment:
//!
//! ```sh
//! export FACEKI_CLIENT_ID=...            # from the Faceki portal
//! export FACEKI_CLIENT_SECRET=...        # never put it on the command line
//! export FACEKI_WORKFLOW_ID=...          # a V3 workflow of your account
//! cargo run -p faceki --example quickstart -- selfie.jpg id-front.jpg id-back.jpg
//! ```
//!
//! It sends real (billed) requests, so it is an example binary only: nothing runs it
//! in tests. To try the SDK offline, run `cargo run -p faceki-cli -- demo`, or point
//! `FACEKI_BASE_URL` at `faceki sandbox`.

use faceki::records::RecordsQuery;
use faceki::v3::Verification;
use faceki::{Client, ImageInput};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [selfie, front, back] = args.as_slice() else {
        eprintln!("usage: quickstart SELFIE DOC_FRONT DOC_BACK");
        std::process::exit(2);
    };
    let workflow_id = std::env::var("FACEKI_WORKFLOW_ID")
        .map_err(|_| "set FACEKI_WORKFLOW_ID to one of your V3 workflows")?;

    // FACEKI_CLIENT_ID, FACEKI_CLIENT_SECRET and optionally FACEKI_BASE_URL.
    let client = Client::from_env()?;

    let rules = client.v3().workflow_rules(&workflow_id).await?;
    eprintln!("workflow {workflow_id} expects {:?}", rules.documents);

    // Your own identifier: if the outcome is ever unknown (a timeout after the upload),
    // look the record up with it instead of verifying (and paying) twice.
    let record_identifier = format!("quickstart-{}", std::process::id());
    let input = Verification::by_workflow(&workflow_id)
        .record_identifier(&record_identifier)
        .selfie(ImageInput::path(selfie))
        .document_1_front(ImageInput::path(front))
        .document_1_back(ImageInput::path(back));

    match client.v3().verify(input).await {
        Ok(outcome) => eprintln!(
            "request {:?}: decision {:?}",
            outcome.request_id, outcome.decision
        ),
        Err(e) if e.outcome_unknown() => {
            let records = client
                .records()
                .query(RecordsQuery::new().record_identifier(&record_identifier))
                .await?;
            eprintln!("outcome unknown; {} record(s) found", records.len());
        }
        Err(e) => {
            eprintln!("verification failed: {e}");
            if let Some(code) = e.response_code() {
                eprintln!("what to do: {}", code.guidance());
            }
            return Err(e.into());
        }
    }
    Ok(())
}
