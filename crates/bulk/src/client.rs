//! The client a run sends through: the package's `SeamClient`, by its two internal methods
//! for bulk runs (crates/wasm/src/for_bulk.rs).

use crate::convert::property;
use seam_acs_core::bulk::Outcome;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// The package's `SeamClient`.
    #[derive(Clone)]
    pub type Client;

    /// Checks a run's items and options before anything is sent: throws the typed error,
    /// else gives `{ items, invalid, concurrency }`.
    #[wasm_bindgen(method, catch, js_name = "__prepareRun")]
    pub fn prepare_run(
        this: &Client,
        create: bool,
        items: &JsValue,
        options: &JsValue,
        resume_fits: bool,
    ) -> Result<JsValue, JsValue>;

    /// One attempt, no automatic retry (`all`: every page of a list): `{ value }` or
    /// `{ error, outcome, retryAfterMs? }`.
    #[wasm_bindgen(method, js_name = "__attempt")]
    fn attempt_promise(this: &Client, path: &str, params: &JsValue, all: bool) -> js_sys::Promise;
}

/// One attempt at `path` with `params`: its value, or the report's record of its error and
/// what became of the request, as the client read it with core's [`Outcome::of`].
pub async fn attempt(client: &Client, path: &str, params: &JsValue, all: bool) -> Result<JsValue, (JsValue, Outcome)> {
    // The client's promise never rejects; were it to, nothing is known of the request.
    let answer = JsFuture::from(client.attempt_promise(path, params, all))
        .await
        .map_err(|error| (error, Outcome::Unknown))?;
    let Some(error) = property(&answer, "error") else {
        return Ok(property(&answer, "value").unwrap_or(JsValue::UNDEFINED));
    };
    let outcome = match property(&answer, "outcome").and_then(|o| o.as_string()).as_deref() {
        Some("not_found") => Outcome::NotFound,
        Some("rate_limited") => Outcome::RateLimited {
            retry_after_ms: property(&answer, "retryAfterMs")
                .and_then(|ms| ms.as_f64())
                .map(|ms| ms as u64),
        },
        Some("unknown") => Outcome::Unknown,
        _ => Outcome::Failed,
    };
    Err((error, outcome))
}
