//! An offline fake Faceki server for demos, tests and users' CI.
//!
//! This crate will hold an axum server that speaks every endpoint the SDK supports,
//! with deterministic outcomes, fault injection and inspection.
//!
//! Status: not implemented yet (tracked by the `faceki-sandbox` issue). Nothing here
//! pretends to work.
