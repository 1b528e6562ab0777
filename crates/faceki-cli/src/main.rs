//! `faceki`: the command-line tool of the Faceki Rust SDK.
//!
//! Every endpoint as a command (`faceki token`, `faceki verify`, `faceki v3 verify`,
//! ...), an offline sandbox server (`faceki sandbox`) and a guided tour of the whole
//! flow against an embedded sandbox (`faceki demo`). See `docs/cli.md`.
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
    let secret_on_command_line =
        matches.value_source("client_secret") == Some(clap::parser::ValueSource::CommandLine);
    logging::init(cli.global.verbose);
    if secret_on_command_line {
        eprintln!(
            "warning: --client-secret is visible to other processes on this machine \
             (ps, /proc); prefer the FACEKI_CLIENT_SECRET environment variable"
        );
    }
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
    let result = runtime.block_on(commands::run(cli, &out));
    let code = match result {
        Ok(()) => exit::Exit::Success,
        Err(failure) => failure.report(),
    };
    ExitCode::from(code.code())
}
