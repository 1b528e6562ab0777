//! `faceki records`: records by request id, reference, link, face or record identifier.

use faceki::Client;
use faceki::records::RecordsQuery;

use super::with_spinner;
use crate::args::RecordsFilter;
use crate::exit::Failure;
use crate::output::Output;
use crate::render;

/// Looks records up by the one filter given.
pub(crate) async fn run(
    client: &Client,
    filter: &RecordsFilter,
    out: &Output,
) -> Result<(), Failure> {
    let call = async {
        if let Some(id) = &filter.reference_id {
            client.records().by_reference(id).await
        } else if let Some(id) = &filter.link_id {
            client.records().by_link(id).await
        } else {
            let mut query = RecordsQuery::new();
            if let Some(id) = &filter.request_id {
                query = query.request_id(id);
            }
            if let Some(id) = &filter.face_id {
                query = query.face_id(id);
            }
            if let Some(id) = &filter.record_identifier {
                query = query.record_identifier(id);
            }
            client.records().query(query).await
        }
    };
    let records = with_spinner(out, "looking records up", call).await?;
    out.result(&records, render::records)
}
