//! A webhook receiver to copy into your service (feature `webhook`): Faceki's
//! verdicts arrive here, verified by the shared secret of the header you set in the
//! portal, deduplicated, typed.
//!
//! ```sh
//! FACEKI_WEBHOOK_SECRET=change-me cargo run -p faceki --features webhook --example webhook_receiver
//! faceki webhook send --to http://127.0.0.1:8088/faceki/webhook --event completed \
//!     --status ACCEPTED --header 'Authorization: change-me'
//! ```
//!
//! In production serve it over HTTPS only (behind your TLS terminator), with a long
//! random secret: Faceki's webhooks are not signed, and that header is the only proof
//! of where a request came from.

use std::net::SocketAddr;

use faceki::webhook::{WebhookEvent, WebhookReceiver, WebhookVerifier};

/// What your service does with an event: keep it quick (enqueue, update a row).
async fn on_event(event: WebhookEvent) {
    let status = event.status().map(|s| s.as_str().to_owned());
    // Log ids and vocabulary only: the event's Debug is redacted, its fields are
    // personal data.
    eprintln!(
        "{} for request {:?}: status {:?}, final: {}",
        event.kind(),
        event.request_id(),
        status,
        event.is_final()
    );
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let secret = std::env::var("FACEKI_WEBHOOK_SECRET")
        .map_err(|_| "set FACEKI_WEBHOOK_SECRET to the header value set in the portal")?;
    let mut verifier = WebhookVerifier::new("Authorization", secret)?;
    // During a rotation, accept the next secret too.
    if let Ok(next) = std::env::var("FACEKI_WEBHOOK_NEXT_SECRET") {
        verifier = verifier.with_second_secret(next)?;
    }
    let app = WebhookReceiver::new(verifier, on_event).router("/faceki/webhook");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:8088").await?;
    eprintln!(
        "listening on http://{}/faceki/webhook",
        listener.local_addr()?
    );
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}
