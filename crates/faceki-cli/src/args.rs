//! The command line, declared with clap: global options and every command.

pub(crate) mod batch;
mod webhook;

use std::path::PathBuf;
use std::time::Duration;

use clap::parser::ValueSource;
use clap::{ArgMatches, Args, Parser, Subcommand};

pub(crate) use webhook::{EventKind, ListenArgs, Method, SendArgs, Status, WebhookCommand};

/// The Faceki identity-verification (KYC) API from the command line.
#[derive(Debug, Parser)]
#[command(name = "faceki", version, about, long_about = None)]
#[command(
    after_help = "Exit codes: 0 success, 1 the API answered with a non-success code, \
    2 usage or input error (nothing sent), 3 network failure or timeout, \
    4 authentication failed, 5 a verification may have been processed and no lookup \
    settled it (do not resubmit blindly). `webhook send`: 0 the receiver answered \
    2xx, 1 any other status, 2 usage error, 3 not sent.\n\nTry it offline: `faceki demo`. \
    Develop a webhook receiver: `faceki webhook listen` and `faceki webhook send`."
)]
pub(crate) struct Cli {
    /// Options every command accepts.
    #[command(flatten)]
    pub(crate) global: Global,
    /// What to do.
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Connection, credentials and output options.
#[derive(Debug, Args)]
pub(crate) struct Global {
    /// The API's base URL (HTTPS; plain HTTP only on loopback, e.g. a sandbox).
    #[arg(long, env = "FACEKI_BASE_URL", global = true, value_name = "URL")]
    pub(crate) base_url: Option<String>,
    /// Your client id.
    #[arg(long, env = "FACEKI_CLIENT_ID", global = true, value_name = "ID")]
    pub(crate) client_id: Option<String>,
    /// Your client secret. Prefer the environment variable: a flag is visible to
    /// other processes.
    #[arg(
        long,
        env = "FACEKI_CLIENT_SECRET",
        global = true,
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub(crate) client_secret: Option<String>,
    /// Share the access token with other `faceki` processes and services through
    /// Redis: `redis://[user:password@]host:6379/0`, or `rediss://` for TLS. The
    /// password never shows in output or logs.
    #[arg(
        long,
        env = "FACEKI_TOKEN_CACHE",
        global = true,
        hide_env_values = true,
        value_name = "URL"
    )]
    pub(crate) token_cache: Option<String>,
    /// Time limit for each request, such as `30`, `30s`, `500ms` or `2m`.
    #[arg(long, global = true, value_name = "DURATION", value_parser = parse_duration)]
    pub(crate) timeout: Option<Duration>,
    /// Print the decoded result as JSON on stdout.
    #[arg(long, global = true)]
    pub(crate) json: bool,
    /// Check and normalise every image before an upload: `off` sends images as they
    /// are; `normalise` sends them at most 1920 px, JPEG quality 90, orientation
    /// applied, metadata (EXIF, GPS) dropped; `strict` also refuses, before anything
    /// is sent or billed, a selfie the checks say Faceki would refuse.
    #[arg(long, global = true, value_enum, default_value_t = PreflightMode::Off, env = "FACEKI_PREFLIGHT")]
    pub(crate) preflight: PreflightMode,
    /// Log to stderr (-v: info, -vv: debug, -vvv: trace); `RUST_LOG` also works.
    /// Logs never contain secrets or bodies.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub(crate) verbose: u8,
}

/// The image pre-flight of upload commands (`--preflight`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum PreflightMode {
    /// Send images as they are.
    Off,
    /// Send normalised images; never refuse.
    Normalise,
    /// Send normalised images; refuse a selfie that fails a check.
    Strict,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Fetch an access token and print when it expires.
    Token {
        /// Also print the token itself (it grants access to your account).
        #[arg(long)]
        reveal: bool,
    },
    /// Print the company's KYC rules (V2).
    Rules,
    /// A single-document verification (V2): selfie, document front and back.
    Verify {
        /// The live selfie (JPEG or PNG).
        #[arg(long, value_name = "FILE")]
        selfie: PathBuf,
        /// The document's front.
        #[arg(long, value_name = "FILE")]
        front: PathBuf,
        /// The document's back (for a passport, the photo page again).
        #[arg(long, value_name = "FILE")]
        back: PathBuf,
    },
    /// A multi-document verification (V2): selfie and one or more documents.
    VerifyMulti(VerifyMulti),
    /// Print the verification counts (V2 summary).
    Summary,
    /// Hosted verification links.
    Link {
        /// The link command.
        #[command(subcommand)]
        command: LinkCommand,
    },
    /// Find verification records (give exactly one filter).
    Records(RecordsFilter),
    /// Verified users whose face matches a selfie (V2 face check).
    FaceSearch {
        /// The selfie to search for.
        #[arg(long, value_name = "FILE")]
        selfie: PathBuf,
    },
    /// The V3 ("Blaze") workflow endpoints.
    V3 {
        /// The V3 command.
        #[command(subcommand)]
        command: V3Command,
    },
    /// Age range, gender and liveness of a selfie (V3).
    AnalyzeFace {
        /// The selfie.
        #[arg(long, value_name = "FILE")]
        selfie: PathBuf,
    },
    /// Run the offline sandbox server until Ctrl-C.
    Sandbox {
        /// The port on 127.0.0.1 (0 picks a free one).
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Lifetime of the tokens it issues, such as `3600`, `10m`.
        #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
        token_ttl: Option<Duration>,
    },
    /// Walk the whole flow against an embedded sandbox, offline.
    Demo,
    /// Develop against webhooks locally: a receiver and a fake sender.
    Webhook {
        /// The webhook command.
        #[command(subcommand)]
        command: WebhookCommand,
    },
    /// Prepare images before they are paid for.
    Image {
        /// The image command.
        #[command(subcommand)]
        command: ImageCommand,
    },
    /// Verify thousands of people from a manifest: resumable, never billed twice.
    Batch {
        /// The batch command.
        #[command(subcommand)]
        command: batch::BatchCommand,
    },
}

/// The `image` commands.
#[derive(Debug, Subcommand)]
pub(crate) enum ImageCommand {
    /// Check images as the client's pre-flight does, before they are paid for: a
    /// selfie for one face of the right size, away from the borders, lit and in
    /// focus; a document for size, light and focus. Prints the findings per file,
    /// each with the Faceki code it anticipates. Exit 0: no findings; 1: findings;
    /// 2: an image could not be read.
    Check {
        /// The images (JPEG or PNG).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Check them as document images (no face checks) instead of selfies.
        #[arg(long)]
        document: bool,
    },
    /// Write the image as it should be sent: orientation applied, metadata (EXIF,
    /// GPS) dropped, at most 1920 px, JPEG quality 90, colour 4:2:0; prints bytes and pixels
    /// before and after. A clean JPEG within the limits is copied unchanged.
    Prepare {
        /// The image to prepare (JPEG or PNG).
        input: PathBuf,
        /// Where to write the prepared JPEG.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// The longest side, in pixels.
        #[arg(long, default_value_t = 1920, value_name = "PIXELS")]
        max_side: u32,
        /// JPEG quality, 1 to 100.
        #[arg(long, default_value_t = 90, value_parser = clap::value_parser!(u8).range(1..=100))]
        quality: u8,
        /// Keep colour at full resolution (4:4:4) instead of half (4:2:0, as phone
        /// cameras write it): about a third more bytes.
        #[arg(long)]
        full_chroma: bool,
    },
}

/// The warnings to print for secrets given as flags (visible to other processes)
/// rather than through their environment variables. Never contains a secret.
pub(crate) fn secret_flag_warnings(matches: &ArgMatches) -> Vec<String> {
    let mut flags = vec![(
        matches,
        "client_secret",
        "--client-secret",
        "FACEKI_CLIENT_SECRET",
    )];
    // A Redis URL may carry a password.
    let token_cache_has_password = matches
        .get_one::<String>("token_cache")
        .is_some_and(|url| url.contains('@') || url.contains("pass"));
    if token_cache_has_password {
        flags.push((
            matches,
            "token_cache",
            "--token-cache",
            "FACEKI_TOKEN_CACHE",
        ));
    }
    if let Some(listen) = matches
        .subcommand_matches("webhook")
        .and_then(|m| m.subcommand_matches("listen"))
    {
        flags.push((listen, "secret", "--secret", "FACEKI_WEBHOOK_SECRET"));
        flags.push((
            listen,
            "second_secret",
            "--second-secret",
            "FACEKI_WEBHOOK_SECOND_SECRET",
        ));
    }
    flags
        .into_iter()
        .filter(|(m, id, _, _)| m.value_source(id) == Some(ValueSource::CommandLine))
        .map(|(_, _, flag, var)| {
            format!(
                "{flag} is visible to other processes on this machine (ps, /proc); \
                 prefer the {var} environment variable"
            )
        })
        .collect()
}

/// `verify-multi` images.
#[derive(Debug, Args)]
pub(crate) struct VerifyMulti {
    /// The live selfie.
    #[arg(long, value_name = "FILE")]
    pub(crate) selfie: PathBuf,
    /// The ID card's front.
    #[arg(long, value_name = "FILE", requires = "id_back")]
    pub(crate) id_front: Option<PathBuf>,
    /// The ID card's back.
    #[arg(long, value_name = "FILE", requires = "id_front")]
    pub(crate) id_back: Option<PathBuf>,
    /// The driving licence's front.
    #[arg(long, value_name = "FILE", requires = "dl_back")]
    pub(crate) dl_front: Option<PathBuf>,
    /// The driving licence's back.
    #[arg(long, value_name = "FILE", requires = "dl_front")]
    pub(crate) dl_back: Option<PathBuf>,
    /// The passport's photo page.
    #[arg(long, value_name = "FILE")]
    pub(crate) pp_front: Option<PathBuf>,
    /// The passport's back (optional).
    #[arg(long, value_name = "FILE", requires = "pp_front")]
    pub(crate) pp_back: Option<PathBuf>,
}

/// `link` commands.
#[derive(Debug, Subcommand)]
pub(crate) enum LinkCommand {
    /// Create a hosted verification link.
    Create {
        /// Minutes until the link expires.
        #[arg(long, value_name = "MINUTES")]
        expiry_minutes: Option<u64>,
        /// Your reference for the applicant (records by `--reference-id` find it).
        #[arg(long, value_name = "ID")]
        application_id: Option<String>,
        /// Where the applicant goes afterwards.
        #[arg(long, value_name = "URL")]
        redirect_url: Option<String>,
        /// Let the applicant skip the document.
        #[arg(long)]
        document_optional: bool,
        /// Ask for an additional document.
        #[arg(long)]
        require_additional_doc: bool,
        /// A V3 workflow for the link.
        #[arg(long, value_name = "ID")]
        workflow_id: Option<String>,
    },
    /// Check a link and print the KYC rules it applies (no token needed).
    Validate {
        /// The link id.
        #[arg(long, value_name = "ID")]
        link_id: String,
    },
}

/// `records` filters: exactly one.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub(crate) struct RecordsFilter {
    /// The verification's request id.
    #[arg(long, value_name = "ID")]
    pub(crate) request_id: Option<String>,
    /// Your reference (a link's application id).
    #[arg(long, value_name = "ID")]
    pub(crate) reference_id: Option<String>,
    /// A link id: the records made through it.
    #[arg(long, value_name = "ID")]
    pub(crate) link_id: Option<String>,
    /// A face id: the records of that face.
    #[arg(long, value_name = "ID")]
    pub(crate) face_id: Option<String>,
    /// Your record identifier (V3).
    #[arg(long, value_name = "ID")]
    pub(crate) record_identifier: Option<String>,
}

/// `v3` commands.
#[derive(Debug, Subcommand)]
pub(crate) enum V3Command {
    /// A verification against a workflow.
    Verify(V3Verify),
    /// A workflow's rules, by workflow id or by link.
    Rules(V3Rules),
    /// Records whose face matches a selfie (V3 search by face).
    FaceSearch {
        /// The selfie to search for.
        #[arg(long, value_name = "FILE")]
        selfie: PathBuf,
    },
}

/// `v3 rules`: exactly one of a workflow id and a link.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub(crate) struct V3Rules {
    /// The workflow.
    #[arg(long, value_name = "ID")]
    pub(crate) workflow_id: Option<String>,
    /// A link id: the rules of its workflow (no token needed).
    #[arg(long, value_name = "ID")]
    pub(crate) link: Option<String>,
}

/// `v3 verify` inputs.
#[derive(Debug, Args)]
pub(crate) struct V3Verify {
    /// The workflow to verify against.
    #[arg(long, value_name = "ID")]
    pub(crate) workflow_id: String,
    /// The live selfie.
    #[arg(long, value_name = "FILE")]
    pub(crate) selfie: PathBuf,
    /// The first document's front.
    #[arg(long = "doc1-front", value_name = "FILE")]
    pub(crate) doc1_front: PathBuf,
    /// The first document's back (omit for a passport).
    #[arg(long = "doc1-back", value_name = "FILE")]
    pub(crate) doc1_back: Option<PathBuf>,
    /// The second document's front.
    #[arg(long = "doc2-front", value_name = "FILE")]
    pub(crate) doc2_front: Option<PathBuf>,
    /// The second document's back.
    #[arg(long = "doc2-back", value_name = "FILE", requires = "doc2_front")]
    pub(crate) doc2_back: Option<PathBuf>,
    /// The third document's front.
    #[arg(long = "doc3-front", value_name = "FILE", requires = "doc2_front")]
    pub(crate) doc3_front: Option<PathBuf>,
    /// The third document's back.
    #[arg(long = "doc3-back", value_name = "FILE", requires = "doc3_front")]
    pub(crate) doc3_back: Option<PathBuf>,
    /// Your identifier for the record: set it, so an unknown outcome can be looked up.
    #[arg(long, value_name = "ID")]
    pub(crate) record_identifier: Option<String>,
}

/// Parses `30`, `30s`, `500ms`, `2m` or `1h` into a duration.
fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let value: f64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a duration (try 30, 30s, 500ms, 2m)"))?;
    let seconds = match unit.trim() {
        "" | "s" => value,
        "ms" => value / 1000.0,
        "m" | "min" => value * 60.0,
        "h" => value * 3600.0,
        other => return Err(format!("unknown unit `{other}` (use ms, s, m or h)")),
    };
    if !(seconds.is_finite() && seconds > 0.0 && seconds <= 86_400.0 * 365.0) {
        return Err(format!("`{text}` is out of range"));
    }
    Ok(Duration::from_secs_f64(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn durations_parse_with_units() {
        assert_eq!(parse_duration("30").unwrap(), Duration::from_secs(30));
        assert_eq!(parse_duration("30s").unwrap(), Duration::from_secs(30));
        assert_eq!(parse_duration("500ms").unwrap(), Duration::from_millis(500));
        assert_eq!(parse_duration("2m").unwrap(), Duration::from_secs(120));
        assert_eq!(parse_duration("1h").unwrap(), Duration::from_secs(3600));
        for bad in ["", "abc", "0", "-1", "5 days", "1e999"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }
}
