//! `faceki demo`: the whole flow against an embedded sandbox, offline, step by step
//! with timings — token, rules, V2 single and multi-document verifications, a
//! deliberately failing verification, a hosted link and a verification through it,
//! records, face search, a V3 workflow verification and the webhook it delivered.

mod receiver;

use std::future::Future;
use std::time::{Duration, Instant};

use faceki::ImageInput;
use faceki::links::CreateLink;
use faceki::model::WebhookEvent;
use faceki::records::RecordsQuery;
use faceki_sandbox::images::{JPEG, PNG};
use faceki_sandbox::{Sandbox, Workflow};
use indicatif::ProgressBar;
use serde_json::{Value, json};

use crate::exit::{Exit, Failure};
use crate::output::Output;

/// The number of steps, for the progress bar.
const STEPS: u64 = 12;
/// The V3 workflow the demo verifies against.
const WORKFLOW: &str = "wf-demo";
/// How long to wait for the webhook.
const WEBHOOK_WAIT: Duration = Duration::from_secs(10);

/// Runs the tour; any unexpected result fails it with the matching exit code.
pub(crate) async fn run(out: &Output) -> Result<(), Failure> {
    let started = Instant::now();
    let mut webhooks = receiver::Receiver::start()
        .await
        .map_err(|e| setup(format!("cannot start the webhook receiver: {e}")))?;
    let sandbox = Sandbox::builder()
        .workflow(Workflow::new(WORKFLOW, ["ID Card"]))
        .webhook_url(webhooks.url())
        .start()
        .await
        .map_err(|e| setup(format!("cannot start the sandbox: {e}")))?;
    let credentials = sandbox.credentials();
    let client = crate::client::for_sandbox(sandbox.base_url())
        .credentials(credentials.client_id(), credentials.client_secret().clone())
        .user_agent_suffix(concat!("faceki-cli-demo/", env!("CARGO_PKG_VERSION")))
        .build()?;

    let mut tour = Tour::new(out);
    tour.intro(&format!(
        "faceki demo: the whole flow against an embedded sandbox at {} (offline, no real data)\n\
         webhooks go to {}\n",
        sandbox.base_url(),
        webhooks.url()
    ));

    tour.step("token", async {
        let provider = client
            .token_provider()
            .ok_or_else(|| setup("the client has no token provider".to_owned()))?;
        let token = provider
            .token()
            .await
            .map_err(crate::commands::token_failure)?;
        let secs = token.remaining().map_or(0, |r| r.as_secs());
        Ok(((), format!("Bearer token, valid {secs} s (not shown)")))
    })
    .await?;

    tour.step("KYC rules", async {
        let rules = client.v2().rules().await?;
        let docs: Vec<String> = rules
            .allowed_kyc_documents
            .iter()
            .map(ToString::to_string)
            .collect();
        Ok(((), format!("documents allowed: {}", docs.join(", "))))
    })
    .await?;

    tour.step("single-document verification (V2)", async {
        let result = client
            .v2()
            .verify(
                faceki::v2::SingleVerification::new()
                    .selfie_image(image())
                    .doc_front_image(image())
                    .doc_back_image(image()),
            )
            .await?;
        let passed = result.passed().unwrap_or(false);
        let id = result
            .request_id
            .ok_or_else(|| unexpected("no request id in the verification"))?;
        Ok(((), format!("request {id}, passed: {passed}")))
    })
    .await?;

    tour.step("multi-document verification (V2)", async {
        let result = client
            .v2()
            .verify_multi(
                faceki::v2::MultiVerification::new()
                    .selfie_image(image())
                    .id_front_image(image())
                    .id_back_image(image())
                    .pp_front_image(image()),
            )
            .await?;
        let docs: Vec<String> = result
            .documents()
            .map(|(doc, data)| {
                let code = data
                    .response_code
                    .map_or_else(|| "-".to_owned(), |c| c.to_string());
                format!("{doc}: {code}")
            })
            .collect();
        Ok(((), docs.join("; ")))
    })
    .await?;

    tour.step("a verification that fails on purpose", async {
        // The sandbox's file-name trigger: the same works from the command line with
        // `faceki verify --selfie selfie.sandbox-8006.jpg ...`.
        let outcome = client
            .v2()
            .verify(
                faceki::v2::SingleVerification::new()
                    .selfie_image(image().with_file_name("selfie.sandbox-8006.jpg"))
                    .doc_front_image(image())
                    .doc_back_image(image()),
            )
            .await;
        match outcome {
            Ok(_) => Err(unexpected("the forced failure succeeded")),
            Err(e) if e.is_api() => {
                let code = e
                    .response_code()
                    .ok_or_else(|| unexpected("no response code"))?;
                Ok((
                    (),
                    format!(
                        "typed error {} ({}): {}\n      guidance: {}\n      \
                         (the CLI exits 1 on such answers)",
                        code.name().unwrap_or("UNKNOWN"),
                        code.code(),
                        code.description(),
                        code.guidance()
                    ),
                ))
            }
            Err(e) => Err(e.into()),
        }
    })
    .await?;

    let link_id = tour
        .step("create a verification link (V3 workflow)", async {
            let created = client
                .links()
                .create(
                    CreateLink::new()
                        .expiry_minutes(30)
                        .application_id("demo-applicant-1")
                        .workflow_id(WORKFLOW)
                        .redirect_url("https://example.invalid/done"),
                )
                .await?;
            let detail = format!(
                "link {} {}",
                created.link_id,
                created.url.as_deref().unwrap_or("")
            );
            Ok((created.link_id, detail))
        })
        .await?;

    let link_request_id = tour
        .step("verification through the link", async {
            let outcome = client
                .v3()
                .verify(
                    faceki::v3::Verification::by_link(&link_id)
                        .record_identifier("demo-applicant-1")
                        .selfie(v3_selfie())
                        .document_1_front(image())
                        .document_1_back(image()),
                )
                .await?;
            let id = outcome
                .request_id
                .clone()
                .ok_or_else(|| unexpected("no request id in the link verification"))?;
            Ok((id.clone(), format!("request {id}, no token needed")))
        })
        .await?;

    tour.step("records by link", async {
        let records = client.records().by_link(&link_id).await?;
        if records.is_empty() {
            return Err(unexpected("no record made through the link"));
        }
        Ok((
            (),
            format!("{} record(s) made through link {link_id}", records.len()),
        ))
    })
    .await?;

    tour.step("records by request id", async {
        let records = client
            .records()
            .query(RecordsQuery::new().request_id(&link_request_id))
            .await?;
        let record = records
            .iter()
            .next()
            .ok_or_else(|| unexpected("the verification's record was not found"))?;
        Ok((
            (),
            format!(
                "request {link_request_id}: decision {}, face {}",
                record
                    .decision
                    .as_ref()
                    .map_or_else(|| "-".to_owned(), ToString::to_string),
                record.face_id.as_deref().unwrap_or("-")
            ),
        ))
    })
    .await?;

    tour.step("face search (V2 face check)", async {
        let result = client.v2().face_check(image()).await?;
        Ok((
            (),
            format!(
                "match: {}, {} record(s) of this face",
                result.matched(),
                result.kyc_records.len()
            ),
        ))
    })
    .await?;

    let v3_request_id = tour
        .step("V3 verification with a workflow", async {
            let outcome = client
                .v3()
                .verify(
                    faceki::v3::Verification::by_workflow(WORKFLOW)
                        .record_identifier("demo-customer-1")
                        .selfie(v3_selfie())
                        .document_1_front(image())
                        .document_1_back(image()),
                )
                .await?;
            let id = outcome
                .request_id
                .clone()
                .ok_or_else(|| unexpected("no request id in the V3 outcome"))?;
            let decision = outcome
                .decision
                .as_ref()
                .map_or_else(|| "-".to_owned(), ToString::to_string);
            Ok((
                id.clone(),
                format!("workflow {WORKFLOW}: request {id}, decision {decision}"),
            ))
        })
        .await?;

    let received = tour
        .step("the webhook it delivered", async {
            // Both V3 verifications (through the link, and with the token) send one,
            // in no particular order: wait for both, show the one about step 11.
            let mut shown = None;
            let mut link_seen = false;
            let mut received = 0;
            while shown.is_none() || !link_seen {
                let body = webhooks
                    .next(WEBHOOK_WAIT)
                    .await
                    .ok_or_else(|| unexpected("a webhook did not arrive"))?;
                received += 1;
                let event = WebhookEvent::parse(&body)
                    .map_err(|e| unexpected(&format!("the webhook did not parse: {e}")))?;
                match event.request_id() {
                    Some(id) if id == v3_request_id => shown = Some(event),
                    Some(id) if id == link_request_id => link_seen = true,
                    _ => return Err(unexpected("a webhook about an unknown verification")),
                }
            }
            let event = shown.ok_or_else(|| unexpected("no webhook for the V3 verification"))?;
            let status = event
                .status()
                .map_or_else(|| "-".to_owned(), ToString::to_string);
            Ok((
                received,
                format!(
                    "POST received: request {}, status {status} \
                     (and one for the link verification)",
                    event.request_id().unwrap_or("-")
                ),
            ))
        })
        .await?;

    tour.finish(started.elapsed(), sandbox.total_requests(), received);
    Ok(())
}

/// The placeholder image (a 1x1 grey JPEG, no face): documents, and the selfie of
/// the V2 steps.
fn image() -> ImageInput {
    ImageInput::bytes(JPEG)
}

/// The selfie of the V3 steps (a 1x1 PNG): the sandbox maps identical selfie bytes to
/// one synthetic person, so V2 and V3 records belong to two different people and each
/// face search returns one generation's records.
fn v3_selfie() -> ImageInput {
    ImageInput::bytes(PNG)
}

fn setup(message: String) -> Failure {
    Failure::Other(Exit::Network, message)
}

fn unexpected(what: &str) -> Failure {
    Failure::Other(Exit::Api, format!("unexpected sandbox answer: {what}"))
}

/// Prints the steps as they finish (text), or collects them (JSON).
struct Tour<'a> {
    out: &'a Output,
    bar: ProgressBar,
    done: usize,
    steps: Vec<Value>,
}

impl<'a> Tour<'a> {
    fn new(out: &'a Output) -> Self {
        Self {
            out,
            bar: out.steps(STEPS),
            done: 0,
            steps: Vec::new(),
        }
    }

    fn print(&self, text: &str) {
        self.bar.suspend(|| self.out.stdout(text));
    }

    fn intro(&self, text: &str) {
        if !self.out.is_json() {
            self.print(&format!("{text}\n"));
        }
    }

    /// Runs one step; its output is a value for later steps and a line to show.
    async fn step<T>(
        &mut self,
        name: &str,
        step: impl Future<Output = Result<(T, String), Failure>>,
    ) -> Result<T, Failure> {
        self.bar.set_message(name.to_owned());
        let started = Instant::now();
        let result = step.await;
        let elapsed = started.elapsed();
        self.done += 1;
        self.bar.inc(1);
        let ms = elapsed.as_secs_f64() * 1000.0;
        match result {
            Ok((value, detail)) => {
                if self.out.is_json() {
                    self.steps.push(json!({
                        "step": self.done,
                        "name": name,
                        "ok": true,
                        "ms": (ms * 10.0).round() / 10.0,
                        "detail": detail,
                    }));
                } else {
                    self.print(&format!(
                        "{:>2}. {name:<42} {ms:>7.1} ms\n    {detail}\n",
                        self.done
                    ));
                }
                Ok(value)
            }
            Err(failure) => {
                self.bar.finish_and_clear();
                eprintln!("demo step {} ({name}) failed after {ms:.1} ms", self.done);
                Err(failure)
            }
        }
    }

    fn finish(&mut self, total: Duration, requests: u64, webhooks: usize) {
        self.bar.finish_and_clear();
        let ms = total.as_secs_f64() * 1000.0;
        if self.out.is_json() {
            let value = json!({
                "ok": true,
                "steps": self.steps,
                "total_ms": (ms * 10.0).round() / 10.0,
                "sandbox_requests": requests,
                "webhooks_received": webhooks,
            });
            self.out.stdout(&format!("{value:#}\n"));
        } else {
            self.out.stdout(&format!(
                "\nAll {} steps passed in {ms:.0} ms ({requests} requests to the sandbox, \
                 {webhooks} webhooks received).\n\
                 Next: `faceki sandbox` runs this server for your own code; \
                 docs/cli.md lists every command.\n",
                self.done
            ));
        }
    }
}
