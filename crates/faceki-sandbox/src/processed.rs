//! "Processed, then the answer is lost" ([`Fault::ProcessedThen`]): the real route has
//! answered (its record stored, quota used, webhook queued); this replaces its answer
//! with the inner fault's behaviour.

use axum::response::Response;

use crate::faults::{self, ConnControl, Fault};

/// Replaces the real answer `real` with what `inner` shows a client.
pub(crate) async fn replace(real: Response, inner: Fault, ctrl: Option<ConnControl>) -> Response {
    let mut fault = inner;
    while let Fault::ProcessedThen(next) = fault {
        fault = *next;
    }
    match fault {
        Fault::Latency(delay) => {
            tokio::time::sleep(delay).await;
            real
        }
        Fault::SlowBody(over) => faults::slow(real, over).await,
        Fault::Drop => faults::close(ctrl).await,
        Fault::Truncate => faults::truncate(real).await,
        other => faults::respond(&other),
    }
}
