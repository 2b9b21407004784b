//! `seam-acs-bulk`: the bulk runs of the package (`createMany`, `deleteMany`) as their own
//! wasm module, which the package loads on first use (its `bulk.js` chunk) so that a
//! program that never runs one never downloads it.
//!
//! It holds core's bulk [`seam_acs_core::bulk::Run`], the reconcile match and the report;
//! it sends nothing itself: every request goes through the client it is given
//! ([`client::Client`]), which validates, transports and reads errors as it does for any
//! call. The JS view of values (`node.rs`, `convert.rs`) and the runtime beneath it
//! (`runtime.rs`) are the main crate's own, included by path rather than copied or split
//! into a third crate.
//!
//! `no_std` in the package, as the main module is (see its lib.rs).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod client;
#[path = "../../wasm/src/convert.rs"]
#[allow(dead_code)] // The run needs a few of the view's helpers, not the parameters' and answers' ones.
mod convert;
#[path = "../../wasm/src/node.rs"]
mod node;
mod prepare;
mod report;
mod run;
#[path = "../../wasm/src/runtime.rs"]
mod runtime;

pub use run::Bulk;
