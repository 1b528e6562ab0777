//! Request descriptions: what to send for each call, built by pure functions.
//!
//! A [`RequestSpec`] says which [`Endpoint`] is called and holds the method, path,
//! URL-encoded query, headers and body. It never holds an image's bytes: a multipart
//! body refers to each image through a caller-chosen source type `S` (a file path, a
//! buffer, a reader), so the transport can stream it. Everything that can be checked
//! without I/O is checked while the description is built, and reported as a
//! [`RequestError`] that names the field, before anything is sent.

mod error;
mod spec;
mod token;

pub use error::RequestError;
pub use spec::{Auth, Body, Header, JsonBody, Part, QueryParam, RequestSpec};
pub use token::{TokenRequestVariant, token_request};
