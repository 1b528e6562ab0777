//! Rust SDK for the Faceki identity-verification (KYC) API.
//!
//! This is the facade crate users depend on. Today it re-exports the protocol layer,
//! [`faceki_types`], as [`types`]; the client, token providers and sandbox join as
//! their crates land.

pub use faceki_types as types;

/// The README's examples, compiled and run as doctests so they stay true.
#[doc = include_str!("../../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
