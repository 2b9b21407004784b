#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking"
)]
//! The crate's Rust API in Node (wasm-bindgen-test's default runner):
//!
//!   cargo test --target wasm32-unknown-unknown -p seam-acs-wasm --test node
//!
//! The shared tests are in `common/mod.rs`; `browser.rs` runs them in Chromium.

mod common;

use common::{client, expect_error, rejected, UNREACHABLE};
use serde_json::json;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

/// Node's fetch (undici) reports the refused connection: the error says so, without the token.
#[wasm_bindgen_test]
async fn node_reports_a_refused_connection() {
    let seam = client(json!({ "endpoint": UNREACHABLE, "maxRetries": 0 }));
    let error = rejected(common::entrances(&seam).get(
        common::to_js(&json!({ "acs_entrance_id": common::UUID })),
        JsValue::UNDEFINED,
    ))
    .await;
    let error = expect_error(error, "SeamNetworkError");
    assert!(
        common::text(&error, "message").starts_with("network error"),
        "{}",
        common::text(&error, "message")
    );
}
