//! Response and webhook models for every Faceki endpoint.
//!
//! Every model tolerates unknown fields, missing optional fields and empty strings.
//! Fields the SDK does not model are kept in an `extra` map, so nothing the server
//! sent is lost. Open vocabularies keep unknown values as their raw text.

mod token;

pub use token::TokenResponse;

/// Raw JSON fields that a model does not name, kept losslessly.
pub type Extra = serde_json::Map<String, serde_json::Value>;
