//! `seam-acs-wasm`: the JS face of `seam-acs-core`.
//!
//! This crate only transports: it reads JS values, hands core's steps (send this, sleep
//! that long) to a small JS loop (`js/drive.js`) that runs `fetch` and timers under the
//! deadline and the caller's `AbortSignal`, and turns results and errors into JS values.
//! It holds no future. Every rule about the Seam API is in `seam-acs-core`.

mod answers;
mod call;
mod client;
mod convert;
mod errors;
mod for_bulk;
mod node;
mod standalone;

pub use client::{endpoints, SeamClient};

/// Talc instead of Rust's default dlmalloc: 2.7 KB gzip smaller for the package, and as fast
/// here (an A/B over a 10,000-credential list measured 1.49-1.71 either way).
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
