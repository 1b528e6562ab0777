//! The `faceki webhook` command line: a local receiver (`listen`) and a fake Faceki
//! sender (`send`).

use clap::{Args, Subcommand, ValueEnum};

/// `webhook` commands.
#[derive(Debug, Subcommand)]
pub(crate) enum WebhookCommand {
    /// Receive webhooks on 127.0.0.1 until Ctrl-C: each verified event on stdout
    /// (redacted; the whole payload with --json), rejections and duplicates on stderr.
    Listen(ListenArgs),
    /// Send one realistic webhook payload, as Faceki would, and print the HTTP status
    /// (exit 0 for 2xx, 1 for any other status, 3 if it could not be sent).
    Send(SendArgs),
}

/// `webhook listen` options.
#[derive(Debug, Args)]
pub(crate) struct ListenArgs {
    /// The port on 127.0.0.1 (0 picks a free one; the address is the first line on
    /// stderr).
    #[arg(long)]
    pub(crate) port: u16,
    /// The header that carries the shared secret, as set in the portal (such as
    /// `Authorization`).
    #[arg(long, value_name = "NAME")]
    pub(crate) header_name: String,
    /// The shared secret the header must hold. Prefer the environment variable: a
    /// flag is visible to other processes.
    #[arg(
        long,
        env = "FACEKI_WEBHOOK_SECRET",
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub(crate) secret: String,
    /// A second accepted secret, while the portal's header is being rotated.
    #[arg(
        long,
        env = "FACEKI_WEBHOOK_SECOND_SECRET",
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub(crate) second_secret: Option<String>,
    /// The path webhooks are posted to; other paths get 404.
    #[arg(long, value_name = "PATH", default_value = "/")]
    pub(crate) path: String,
    /// POST every verified, new event's body to this URL too (your app in
    /// development); failures are reported on stderr.
    #[arg(long, value_name = "URL")]
    pub(crate) forward_to: Option<String>,
}

/// `webhook send` options.
#[derive(Debug, Args)]
pub(crate) struct SendArgs {
    /// The receiver's URL (plain http:// is fine for local development).
    #[arg(long, value_name = "URL")]
    pub(crate) to: String,
    /// The payload: `completed` (EKYC completed), `update` (status changed in the
    /// portal) or `aml` (AML-monitoring update: Faceki does not document its shape,
    /// so this one is illustrative).
    #[arg(long, value_enum, ignore_case = true)]
    pub(crate) event: EventKind,
    /// The status. Faceki sends ACCEPTED, DECLINED or REVIEW when a verification
    /// completes and APPROVED, DECLINED or REVIEW after a portal update; for `aml`
    /// it picks the illustrative `amlStatus` (ACCEPTED/APPROVED: CLEAR, REVIEW:
    /// POTENTIAL_MATCH, DECLINED: CONFIRMED_MATCH).
    #[arg(long, value_enum, ignore_case = true)]
    pub(crate) status: Status,
    /// A header to send, `NAME: VALUE`, such as the shared secret (repeatable).
    /// Values are never printed.
    #[arg(long = "header", short = 'H', value_name = "NAME: VALUE")]
    pub(crate) headers: Vec<String>,
    /// The HTTP method, as set in the portal.
    #[arg(long, value_enum, ignore_case = true, default_value_t = Method::Post)]
    pub(crate) method: Method,
    /// The verification's request id (default: a random UUID).
    #[arg(long, value_name = "ID")]
    pub(crate) request_id: Option<String>,
}

/// Which payload `webhook send` sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum EventKind {
    /// `{requestId, fullName, status, kycData}`.
    Completed,
    /// `{requestId, fullName, status, modifiedByEmail}`.
    Update,
    /// `{event: "aml_monitoring_update", requestId, amlStatus, matches, checkedAt}`.
    Aml,
}

impl EventKind {
    /// The name given on the command line.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Completed => "completed",
            Self::Update => "update",
            Self::Aml => "aml",
        }
    }
}

/// The status `webhook send` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "UPPER")]
pub(crate) enum Status {
    /// Verification succeeded (completed payload).
    Accepted,
    /// Failed or rejected.
    Declined,
    /// Manual review needed.
    Review,
    /// A reviewer approved it (portal-update payload).
    Approved,
}

impl Status {
    /// The status as Faceki writes it.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Accepted => "ACCEPTED",
            Self::Declined => "DECLINED",
            Self::Review => "REVIEW",
            Self::Approved => "APPROVED",
        }
    }
}

/// The HTTP method `webhook send` uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "UPPER")]
pub(crate) enum Method {
    /// `POST` (the usual choice).
    Post,
    /// `PUT`.
    Put,
}
