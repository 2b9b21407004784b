//! `seam-acs-wasm`: the JS face of `seam-acs-core`.
//!
//! This crate only transports: it reads JS values, hands core's steps (send this, sleep
//! that long) to a small JS loop (`js/drive.js`) that runs `fetch` and timers under the
//! deadline and the caller's `AbortSignal`, and turns results and errors into JS values.
//! It holds no future. Every rule about the Seam API is in `seam-acs-core`.
//!
//! It is `no_std` (but for its tests, which build it with the `std` feature): std's panic
//! machinery (its hook, payloads and the formatting of messages nobody reads) would be
//! 2.4 KB of the page's download, and a panic here can only abort the instance anyway.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod answers;
mod call;
mod client;
mod convert;
mod errors;
mod for_bulk;
mod node;
mod runtime;
mod standalone;

pub use client::{endpoints, SeamClient};
