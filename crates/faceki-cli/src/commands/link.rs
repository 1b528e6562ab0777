//! `faceki link create`: a hosted verification link.

use faceki::Client;
use faceki::links::CreateLink;

use super::with_spinner;
use crate::args::LinkCommand;
use crate::exit::Failure;
use crate::output::Output;
use crate::render;

/// Runs a `link` command.
pub(crate) async fn run(
    client: &Client,
    command: LinkCommand,
    out: &Output,
) -> Result<(), Failure> {
    match command {
        LinkCommand::Create {
            expiry_minutes,
            application_id,
            redirect_url,
            document_optional,
            require_additional_doc,
            workflow_id,
        } => {
            let mut link = CreateLink::new();
            if let Some(minutes) = expiry_minutes {
                link = link.expiry_minutes(minutes);
            }
            if let Some(id) = application_id {
                link = link.application_id(id);
            }
            if let Some(url) = redirect_url {
                link = link.redirect_url(url);
            }
            if document_optional {
                link = link.document_optional(true);
            }
            if require_additional_doc {
                link = link.require_additional_doc(true);
            }
            if let Some(id) = workflow_id {
                link = link.workflow_id(id);
            }
            let created = with_spinner(out, "creating a link", client.links().create(link)).await?;
            out.result(&created, render::link)
        }
        LinkCommand::Validate { link_id } => {
            let rules = with_spinner(
                out,
                "validating the link",
                client.links().validate(&link_id),
            )
            .await?;
            out.result(&rules, render::rules)
        }
    }
}
