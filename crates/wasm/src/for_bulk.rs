//! What a bulk run (the package's lazily loaded bulk chunk, crates/bulk) asks of the client
//! beyond its public API: the refusal of an auth mode that may not run it, and single
//! attempts of calls. Checking items and options, pacing, progress, reconciling and the
//! report are the chunk's; the rules they follow are core's.

use crate::call::Task;
use crate::client::SeamClient;
use crate::convert;
use crate::errors::{self, Writer};
use crate::node::JsNode;
use alloc::rc::Rc;
use seam_acs_core::bulk::Outcome;
use seam_acs_core::prelude::*;
use seam_acs_core::task::Wanted;
use seam_acs_core::SeamError;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl SeamClient {
    /// Throws the typed refusal (`SeamNotAllowedError`) when this client's auth mode may not
    /// call the endpoint at `path`: a bulk run is refused so before anything is sent.
    #[wasm_bindgen(js_name = "__refuse")]
    pub fn refuse(&self, path: &str) -> Result<(), JsValue> {
        let mode = self.transport().auth.mode();
        errors::endpoint(path)?
            .check_allowed(mode)
            .map_err(|e| errors::to_js(&e))
    }

    /// One attempt at the endpoint at `path` with `params`, with no automatic retry and
    /// the client's timeout (a bulk run decides what is sent again). `all`: every page of a
    /// paginated list, as one array. Never rejects: resolves `{ value }`, or
    /// `{ error, outcome, retryAfterMs? }` with the report's record of the error and what
    /// became of the request ([`Outcome::name`]). `path` is one of core's own: any other
    /// (a bug) throws a `TypeError`.
    #[wasm_bindgen(js_name = "__attempt")]
    pub fn attempt(&self, path: &str, params: JsValue, all: bool) -> Result<js_sys::Promise, JsValue> {
        let wanted = if all { Wanted::AllPages } else { Wanted::Result };
        let transport = Rc::clone(self.transport());
        let task = Task::new(
            transport,
            errors::endpoint(path)?,
            Ok(JsNode(params)),
            &JsValue::UNDEFINED,
            wanted,
        );
        Ok(task.for_bulk().run())
    }
}

/// `{ error, outcome, retryAfterMs? }` for a failed attempt: the report's record of the
/// error ([`SeamError::record`]), and core's reading of what became of the request
/// ([`Outcome::of`]).
pub(crate) fn failure(error: &SeamError) -> JsValue {
    let outcome = Outcome::of(error);
    let mut fields = vec![
        (
            "error",
            Writer::write(&JsValue::UNDEFINED, |writer| error.record(writer)),
        ),
        ("outcome", JsValue::from_str(outcome.name())),
    ];
    if let Outcome::RateLimited {
        retry_after_ms: Some(ms),
    } = outcome
    {
        fields.push(("retryAfterMs", JsValue::from(ms as f64)));
    }
    convert::object(&fields)
}
