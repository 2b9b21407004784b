//! What a bulk run (the package's lazily loaded bulk chunk, crates/bulk) asks of the client
//! beyond its public API: the refusal of an auth mode that may not run it, and single
//! attempts of calls. Checking items and options, pacing, progress, reconciling and the
//! report are the chunk's; the rules they follow are core's.

use crate::call::Task;
use crate::client::SeamClient;
use crate::convert;
use crate::errors;
use crate::node::JsNode;
use alloc::rc::Rc;
use seam_acs_core::bulk::Outcome;
use seam_acs_core::prelude::*;
use seam_acs_core::task::Wanted;
use seam_acs_core::{Endpoint, SeamError};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl SeamClient {
    /// Throws the typed refusal (`SeamNotAllowedError`) when this client's auth mode may not
    /// call the endpoint at `path`: a bulk run is refused so before anything is sent.
    #[wasm_bindgen(js_name = "__refuse")]
    pub fn refuse(&self, path: &str) -> Result<(), JsValue> {
        let endpoint = lookup(path).map_err(|e| errors::to_js(&e))?;
        let mode = self.transport().auth.mode();
        if endpoint.allows(mode) {
            return Ok(());
        }
        Err(errors::to_js(&SeamError::NotAllowed {
            path: endpoint.path.to_owned(),
            mode,
            accepted: endpoint.auth,
        }))
    }

    /// One attempt at the endpoint at `path` with `params`, with no automatic retry and
    /// the client's timeout (a bulk run decides what is sent again). `all`: every page of a
    /// paginated list, as one array. Never rejects: resolves `{ value }`, or
    /// `{ error, outcome, retryAfterMs? }` with the report's record of the error and what
    /// became of the request (`not_found`, `rate_limited`, `failed` or `unknown`).
    #[wasm_bindgen(js_name = "__attempt")]
    pub fn attempt(&self, path: &str, params: JsValue, all: bool) -> js_sys::Promise {
        let wanted = if all { Wanted::AllPages } else { Wanted::Result };
        let endpoint = match lookup(path) {
            Ok(endpoint) => endpoint,
            Err(error) => return js_sys::Promise::resolve(&failure(&error)),
        };
        let task = Task::new(
            Rc::clone(self.transport()),
            endpoint,
            Ok(JsNode(params)),
            &JsValue::UNDEFINED,
            wanted,
        );
        task.for_bulk().run()
    }
}

fn lookup(path: &str) -> Result<&'static Endpoint, SeamError> {
    seam_acs_core::endpoint(path).ok_or_else(|| SeamError::Network {
        message: ["unknown endpoint ", path].concat(),
    })
}

/// `{ error, outcome, retryAfterMs? }` for a failed attempt: the report's record of the
/// error, and core's reading of what became of the request ([`Outcome::of`]).
pub(crate) fn failure(error: &SeamError) -> JsValue {
    let (outcome, retry_after_ms) = match Outcome::of(error) {
        Outcome::Ok { .. } | Outcome::Failed => ("failed", None),
        Outcome::NotFound => ("not_found", None),
        Outcome::RateLimited { retry_after_ms } => ("rate_limited", retry_after_ms),
        Outcome::Unknown => ("unknown", None),
    };
    let mut fields = vec![("error", error_record(error)), ("outcome", JsValue::from_str(outcome))];
    if let Some(ms) = retry_after_ms {
        fields.push(("retryAfterMs", JsValue::from(ms as f64)));
    }
    convert::object(&fields)
}

/// What a report says of an error: its class, message and the server's code, status and
/// request id (never a token: errors never hold one), or the validation issues.
fn error_record(error: &SeamError) -> JsValue {
    let mut fields = vec![
        ("name", JsValue::from_str(error.class_name())),
        ("message", JsValue::from_str(&error.message())),
    ];
    match error {
        SeamError::Api(api) => {
            fields.push(("code", JsValue::from_str(&api.code)));
            fields.push(("statusCode", JsValue::from(api.status)));
            fields.push(("requestId", convert::string_or_null(api.request_id.as_deref())));
        }
        SeamError::Validation { issues } => fields.push(("issues", convert::issues_to_js(issues))),
        _ => {}
    }
    convert::object(&fields)
}
