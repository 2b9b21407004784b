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
mod local;
mod node;
mod standalone;

pub use client::{endpoints, SeamClient};

/// Talc instead of Rust's default dlmalloc: 2.7 KB gzip smaller for the package, and as fast
/// here (an A/B over a 10,000-credential list measured 1.49-1.71 either way).
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// A panic (none is reachable from input) traps, which aborts the instance as std's would.
#[cfg(all(target_family = "wasm", not(feature = "std")))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}
