//! Rust SDK for the Faceki identity-verification (KYC) API.
//!
//! This is the facade crate users depend on. Today it re-exports the protocol layer,
//! [`faceki_types`], as [`types`]; the client, token providers and sandbox join as
//! their crates land.

pub use faceki_types as types;
