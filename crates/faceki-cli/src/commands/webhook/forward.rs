//! `webhook listen --forward-to URL`: each verified, new event's raw body is POSTed
//! to the user's app, in the order received, by one background task. Failures are
//! reported on stderr and never stop the listener.

use std::time::Duration;

use axum::body::Bytes;
use reqwest::Url;
use reqwest::header::CONTENT_TYPE;
use tokio::sync::mpsc;

use crate::exit::Failure;

/// How many events may wait for a slow app before the listener waits too.
const QUEUE: usize = 64;

/// Hands bodies to the forwarding task.
#[derive(Debug)]
pub(super) struct Forwarder {
    queue: mpsc::Sender<Bytes>,
}

impl Forwarder {
    /// Starts the task that POSTs to `url`.
    pub(super) fn start(url: Url, timeout: Option<Duration>) -> Result<Self, Failure> {
        let client = super::http_client(&url, timeout)?;
        let (queue, mut bodies) = mpsc::channel::<Bytes>(QUEUE);
        tokio::spawn(async move {
            while let Some(body) = bodies.recv().await {
                deliver(&client, &url, body).await;
            }
        });
        Ok(Self { queue })
    }

    /// Queues `body` for the app.
    pub(super) async fn forward(&self, body: Bytes) {
        if self.queue.send(body).await.is_err() {
            eprintln!("warning: forwarding has stopped; the event was not forwarded");
        }
    }
}

/// POSTs one body and reports how it went on stderr.
async fn deliver(client: &reqwest::Client, url: &Url, body: Bytes) {
    let sent = client
        .post(url.clone())
        .header(CONTENT_TYPE, "application/json")
        .body(body)
        .send()
        .await;
    match sent {
        Ok(response) if response.status().is_success() => {
            eprintln!("note: forwarded: your app answered {}", response.status());
        }
        Ok(response) => {
            eprintln!(
                "warning: forwarded, and your app answered {}",
                response.status()
            );
        }
        Err(e) => eprintln!("warning: forwarding failed: {}", super::describe(e)),
    }
}
