//! `faceki`: the command-line tool of the Faceki Rust SDK.
//!
//! Every endpoint as a command (`faceki token`, `faceki verify`, `faceki v3 verify`,
//! ...), an offline sandbox server (`faceki sandbox`) and a guided tour of the whole
//! flow against an embedded sandbox (`faceki demo`), and a local webhook receiver and
//! sender for developing against webhooks (`faceki webhook listen`, `faceki webhook
//! send`). See `docs/cli.md`.
//!
//! Exit codes: 0 success, 1 the API answered with a non-success code, 2 usage or input
//! error (nothing was sent), 3 network failure or timeout, 4 authentication failed.

mod args;
mod client;
mod commands;
mod demo;
mod exit;
mod logging;
mod output;
mod render;
mod sandbox;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

fn main() -> ExitCode {
    let matches = args::Cli::command().get_matches();
    let cli = match args::Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let warnings = args::secret_flag_warnings(&matches);
    logging::init(cli.global.verbose);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(exit::Exit::Network.code());
        }
    };
    let out = output::Output::new(cli.global.json);
    let result = runtime.block_on(commands::run(cli, &out, &warnings));
    let code = match result {
        Ok(()) => exit::Exit::Success,
        Err(failure) => failure.report(),
    };
    ExitCode::from(code.code())
}
