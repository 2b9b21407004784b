//! The Seam ACS credentials API as plain data, with no I/O.
//!
//! Everything the npm package does stands on this crate: it knows the API's objects
//! ([`models`]), which requests are valid ([`validate`]), what each endpoint is
//! ([`endpoints`]), how a request is written ([`request`]) and how an answer is read
//! ([`response`]), and it decides — but never performs — retries ([`retry`]) and
//! paging ([`paging`]), driven as one state machine per call ([`call`]) and per call or
//! listing of the package ([`task`]). The transport (fetch, timers) lives in the wasm crate.
//!
//! Nothing reachable from input panics: in WebAssembly a panic aborts the instance.
//!
//! `no_std` (with `alloc`): the package's modules then carry no copy of std's panic and
//! formatting machinery, which a build with std links whatever the code uses.

#![cfg_attr(not(test), no_std)]

extern crate alloc;

/// What std's prelude brings and the crate uses, from `alloc`: for the crate, and for the
/// package's `no_std` modules.
pub mod prelude {
    pub use alloc::borrow::ToOwned;
    pub use alloc::boxed::Box;
    pub use alloc::string::{String, ToString};
    pub use alloc::vec::Vec;
    pub use alloc::{format, vec};
}

pub mod action_attempt;
pub mod auth;
pub mod base_url;
pub mod bulk;
pub mod call;
pub mod config;
pub mod datetime;
pub mod endpoints;
pub mod error;
pub mod error_properties;
mod float;
#[macro_use]
pub mod models;
// After `models`, whose `model!` and `open_enum!` it uses.
mod generated;
pub mod node;
pub mod paging;
pub mod request;
pub mod response;
pub mod retry;
pub mod secret;
pub mod shape;
pub mod task;
pub mod text;
pub mod validate;

pub use auth::{Auth, AuthMode};
pub use endpoints::{endpoint, Endpoint, ENDPOINTS};
pub use error::{ApiError, ApiErrorKind, SeamError};
pub use models::{AcsCredential, AcsCredentialEvent, AcsEntrance, ClientSession, Pagination};
pub use shape::{AnswerIssue, AnswerMode};
pub use validate::{IssueCode, ValidationIssue};
