//! The client a run sends through: the package's `SeamClient`, by its two internal methods
//! for bulk runs (crates/wasm/src/for_bulk.rs): `__refuse`, called here, and `__attempt`,
//! which the JS loop calls for each request of [`crate::Bulk::step`]; and the package's
//! checks a run's items go through ([`Checks`]).

use crate::convert::property;
use seam_acs_core::bulk::Outcome;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The package's `SeamClient`.
    pub type Client;

    /// Throws the client's typed refusal when its auth mode may not call the endpoint at `path`.
    #[wasm_bindgen(method, catch, js_name = "__refuse")]
    pub fn refuse(this: &Client, path: &str) -> Result<(), JsValue>;

    /// What the package's entry hands a run: `{ validateRequest, makeError }`, the
    /// package's own `validateRequest` and the factory of its error classes.
    pub type Checks;

    /// The problems with `params` for the endpoint at `path` (`[]` when valid).
    #[wasm_bindgen(method, structural, js_name = validateRequest)]
    pub fn validate_request(this: &Checks, path: &JsValue, params: &JsValue) -> JsValue;

    /// An instance of the package's error class `class`.
    #[wasm_bindgen(method, structural, js_name = makeError)]
    pub fn make_error(this: &Checks, class: &str, message: &str, details: &JsValue) -> JsValue;
}

/// What the client's `__attempt(path, params, all)` resolved to (`{ value }`, or
/// `{ error, outcome, retryAfterMs? }`): the value, or the report's record of the error and
/// what became of the request, as the client read it with core's [`Outcome::of`].
pub fn read(answer: &JsValue) -> Result<JsValue, (JsValue, Outcome)> {
    let Some(error) = property(answer, "error") else {
        return Ok(property(answer, "value").unwrap_or(JsValue::UNDEFINED));
    };
    let name = property(answer, "outcome").and_then(|name| name.as_string());
    let retry_after_ms = property(answer, "retryAfterMs").and_then(|ms| ms.as_f64());
    Err((
        error,
        Outcome::named(name.as_deref(), retry_after_ms.map(|ms| ms as u64)),
    ))
}
