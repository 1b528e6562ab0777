//! The Faceki KYC API client over a pluggable HTTP transport.
//!
//! This crate will hold the `Transport` trait, its reqwest implementation, and the
//! `Client` with a typed method for every V2 and V3 endpoint, streaming uploads,
//! authentication refresh and safe retries.
//!
//! Status: not implemented yet (tracked by the `faceki-http` issue). Nothing here
//! pretends to work.
