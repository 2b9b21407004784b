#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking"
)]
//! The crate's Rust API in headless Chromium:
//!
//!   CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown -p seam-acs-wasm --test browser
//!
//! (`crates/wasm/webdriver.json` passes Chromium its headless flags.) The shared tests are
//! in `common/mod.rs`; `node.rs` runs them in Node.

use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

mod common;

/// These really run in a page, with a window and a document.
#[wasm_bindgen_test]
fn runs_in_a_browser_page() {
    let global = js_sys::global();
    for name in ["window", "document", "navigator"] {
        let value = js_sys::Reflect::get(&global, &JsValue::from_str(name)).expect("global property");
        assert!(value.is_object(), "no {name}");
    }
}
