//! The client a run sends through: the package's `SeamClient`, by its two internal methods
//! for bulk runs (crates/wasm/src/for_bulk.rs): `__prepareRun`, called here, and
//! `__attempt`, which the JS loop calls for each request of [`crate::Bulk::step`].

use crate::convert::property;
use seam_acs_core::bulk::Outcome;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The package's `SeamClient`.
    pub type Client;

    /// Checks a run's items and options before anything is sent: throws the typed error,
    /// else gives `{ items, invalid, concurrency }`.
    #[wasm_bindgen(method, catch, js_name = "__prepareRun")]
    pub fn prepare_run(
        this: &Client,
        action: &str,
        items: &JsValue,
        options: &JsValue,
        resume_fits: bool,
    ) -> Result<JsValue, JsValue>;
}

/// What the client's `__attempt(path, params, all)` resolved to (`{ value }`, or
/// `{ error, outcome, retryAfterMs? }`): the value, or the report's record of the error and
/// what became of the request, as the client read it with core's [`Outcome::of`].
pub fn read(answer: &JsValue) -> Result<JsValue, (JsValue, Outcome)> {
    let Some(error) = property(answer, "error") else {
        return Ok(property(answer, "value").unwrap_or(JsValue::UNDEFINED));
    };
    let outcome = match property(answer, "outcome").and_then(|o| o.as_string()).as_deref() {
        Some("not_found") => Outcome::NotFound,
        Some("rate_limited") => Outcome::RateLimited {
            retry_after_ms: property(answer, "retryAfterMs")
                .and_then(|ms| ms.as_f64())
                .map(|ms| ms as u64),
        },
        Some("unknown") => Outcome::Unknown,
        _ => Outcome::Failed,
    };
    Err((error, outcome))
}
