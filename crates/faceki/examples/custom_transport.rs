//! A custom [`Transport`]: here an offline one that answers from memory, the shape of
//! any adapter to another HTTP stack (hyper, ureq in a thread, a corporate proxy
//! client...). Run it with `cargo run -p faceki --example custom_transport`.

use std::sync::atomic::{AtomicUsize, Ordering};

use faceki::Client;
use faceki::transport::{HttpRequest, HttpResponse, Transport, TransportError, async_trait};

/// Answers the token call and the KYC-rules call; counts what it was asked.
#[derive(Debug, Default)]
struct Offline {
    calls: AtomicUsize,
}

#[async_trait]
impl Transport for Offline {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        // Log only the path: the token call's query holds the client secret.
        let path = request.url_without_query().to_owned();
        eprintln!("{} {path}", request.method);
        let body = if path.contains("/auth/api/") {
            r#"{"responseCode":0,"data":{"access_token":"offline-token","expires_in":3600,"token_type":"Bearer"}}"#
        } else if path.ends_with("/kycrules/api/kycrules") {
            r#"{"responseCode":0,"data":{"allowedKycDocuments":["Passport"],"validAge":18}}"#
        } else {
            return Err(TransportError::connect(
                "this offline transport knows two paths",
            ));
        };
        Ok(HttpResponse::json(200, body))
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), faceki::Error> {
    let client = Client::builder()
        .credentials("my-client-id", "my-client-secret")
        .transport(Offline::default())
        .build()?;
    let rules = client.v2().rules().await?;
    eprintln!("allowed documents: {:?}", rules.allowed_kyc_documents);
    Ok(())
}
