//! `faceki-bench-server`: the loopback server of the whole-process overhead benchmark.
//!
//! Listens on 127.0.0.1 (a free port, or `--port N`) and prints the port on the first
//! line of stdout. Answers both token routes and `GET /kycrules/api/kycrules` from
//! constants, checking nothing, so that its share of each call is small and the same
//! for every client side. With `--exit-on-eof` it exits when its stdin closes, so it
//! never outlives the `cargo xtask overhead` that started it.
#![allow(clippy::print_stdout)]

use std::io::{Read, Write};

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use faceki_bench::{BoxError, RULES, RULES_PATH, TOKEN};

fn json(body: &'static str) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], body)
}

fn main() -> Result<(), BoxError> {
    let mut port = 0u16;
    let mut exit_on_eof = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => port = args.next().ok_or("`--port` needs a value")?.parse()?,
            "--exit-on-eof" => exit_on_eof = true,
            _ => {
                return Err(format!("unknown argument `{arg}`: [--port N] [--exit-on-eof]").into());
            }
        }
    }
    if exit_on_eof {
        std::thread::spawn(|| {
            let mut sink = [0u8; 64];
            while matches!(std::io::stdin().read(&mut sink), Ok(n) if n > 0) {}
            std::process::exit(0);
        });
    }
    faceki_bench::runtime()?.block_on(async move {
        let app = Router::new()
            .route("/auth/api/access-token", get(|| async { json(TOKEN) }))
            .route("/auth/api/generate-token", post(|| async { json(TOKEN) }))
            .route(RULES_PATH, get(|| async { json(RULES) }));
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "{}", listener.local_addr()?.port())?;
        stdout.flush()?;
        drop(stdout);
        axum::serve(listener, app).await?;
        Ok(())
    })
}
