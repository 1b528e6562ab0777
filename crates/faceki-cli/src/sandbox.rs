//! `faceki sandbox`: the offline fake Faceki server, until Ctrl-C.

use std::time::Duration;

use faceki_sandbox::Sandbox;
use serde_json::json;

use crate::args::Global;
use crate::exit::{Exit, Failure};
use crate::output::Output;

/// Starts the sandbox on 127.0.0.1:`port`, prints how to reach it, and serves until
/// Ctrl-C. Credentials given with `--client-id`/`FACEKI_CLIENT_ID` and
/// `FACEKI_CLIENT_SECRET` are used and never echoed; otherwise throwaway ones are
/// generated and printed (they open nothing but this local sandbox).
pub(crate) async fn run(
    global: &Global,
    port: u16,
    token_ttl: Option<Duration>,
    out: &Output,
) -> Result<(), Failure> {
    let given_id = nonblank(global.client_id.as_deref());
    let given_secret = nonblank(global.client_secret.as_deref());
    let mut builder = Sandbox::builder().port(port);
    if let Some(ttl) = token_ttl {
        builder = builder.token_lifetime(ttl);
    }
    if let Some(id) = given_id {
        builder = builder.client_id(id);
    }
    if let Some(secret) = given_secret {
        builder = builder.client_secret(secret);
    }
    let handle = builder.start().await.map_err(|e| {
        Failure::Other(
            Exit::Usage,
            format!("cannot start the sandbox on 127.0.0.1:{port}: {e} (try another --port)"),
        )
    })?;
    let credentials = handle.credentials();
    let generated_secret = given_secret
        .is_none()
        .then(|| credentials.client_secret().expose_secret().to_owned());
    if out.is_json() {
        let mut value = json!({
            "base_url": handle.base_url(),
            "client_id": credentials.client_id(),
        });
        if let Some(secret) = &generated_secret {
            value["client_secret"] = json!(secret);
        }
        out.stdout(&format!("{value}\n"));
    } else {
        let mut text = format!(
            "faceki sandbox listening on {} (Ctrl-C to stop)\n\n\
             export FACEKI_BASE_URL={}\nexport FACEKI_CLIENT_ID={}\n",
            handle.base_url(),
            handle.base_url(),
            credentials.client_id()
        );
        match &generated_secret {
            Some(secret) => text.push_str(&format!(
                "export FACEKI_CLIENT_SECRET={secret}   # throwaway, valid only for this sandbox\n"
            )),
            None => text.push_str("# FACEKI_CLIENT_SECRET: the one you gave (not shown)\n"),
        }
        text.push_str(
            "\nScenarios: GET /__sandbox/scenarios; requests seen: GET /__sandbox/inspect\n",
        );
        out.stdout(&text);
    }
    let _ = handle.run_until(tokio::signal::ctrl_c()).await;
    Ok(())
}

fn nonblank(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}
