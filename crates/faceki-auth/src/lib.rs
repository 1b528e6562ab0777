//! Access-token providers for the Faceki KYC API.
//!
//! This crate will hold the transport-agnostic `TokenProvider` trait, the redacting
//! `Credentials` and `AccessToken` types, and a single-flight caching provider that
//! fetches a token once per lifetime and refreshes it ahead of expiry.
//!
//! Status: not implemented yet (tracked by the `faceki-auth` issue). Nothing here
//! pretends to work.
