//! `seam-acs-bulk`: the bulk runs of the package (`createMany`, `deleteMany`) as their own
//! wasm module, which the package loads on first use (its `bulk.js` chunk) so that a
//! program that never runs one never downloads it.
//!
//! It holds core's bulk [`seam_acs_core::bulk::Run`], the reconcile match and the report;
//! it sends nothing itself: every request goes through the client it is given
//! ([`client::Client`]), which validates, transports and reads errors as it does for any
//! call. The JS view of values is the main crate's own (`node.rs`, `convert.rs`, included
//! by path rather than copied or split into a third crate: two files, one definition).
//!
//! `no_std` in the package, as the main module is (see its lib.rs).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod client;
#[path = "../../wasm/src/convert.rs"]
#[allow(dead_code)] // The run needs a few of the view's helpers, not the parameters' and answers' ones.
mod convert;
#[path = "../../wasm/src/local.rs"]
mod local;
#[path = "../../wasm/src/node.rs"]
mod node;
mod prepare;
mod report;
mod run;

pub use run::Bulk;

/// Talc, as in the main module: smaller than Rust's default dlmalloc.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// A panic (none is reachable from input) traps, as in the main module.
#[cfg(all(target_family = "wasm", not(feature = "std")))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}
