//! `seam-acs-wasm`: the JS face of `seam-acs-core`.
//!
//! This crate only transports: it reads JS values, runs `fetch` with a timeout and the
//! caller's `AbortSignal`, sleeps when core says to retry, and turns results and errors
//! into JS values. Every rule about the Seam API is in `seam-acs-core`.

mod call;
mod client;
mod convert;
mod errors;
mod fetch;
mod iterate;
mod node;
mod promise;
mod standalone;

pub use client::{endpoints, SeamClient};
pub use iterate::ItemIterator;
