//! Admin routes under `/__sandbox/`: the scenario catalog and an inspection snapshot.
//! They are not counted, not faulted and need no token.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use serde_json::Value;

use crate::lock;
use crate::scenarios;
use crate::state::Shared;

/// `GET /__sandbox/scenarios`.
pub(super) async fn scenarios() -> Json<Value> {
    Json(scenarios::catalog())
}

/// `GET /__sandbox/inspect`: the inspection counters plus `tokensIssued`.
pub(super) async fn inspect(State(shared): State<Arc<Shared>>) -> Json<Value> {
    let mut snapshot = lock(&shared.inspect).as_json();
    snapshot["tokensIssued"] = Value::from(lock(&shared.store).tokens.len());
    Json(snapshot)
}
