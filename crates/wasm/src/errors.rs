//! Core errors as instances of the package's JS error classes.
//!
//! The classes (`SeamError` and its subclasses) are defined in JS, because a JS class
//! cannot `extend Error` from Rust. The package's entry module hands a factory to
//! [`set_error_factory`] when it loads; until then (in wasm tests) a plain `Error` with
//! the same `name` and properties is made.

use crate::convert;
use crate::local::Local;
use seam_acs_core::error::FieldError;
use seam_acs_core::{ApiErrorKind, Endpoint, SeamError};
use wasm_bindgen::prelude::*;

static FACTORY: Local<Option<js_sys::Function>> = Local::new(None);

/// Called by the package's entry module with `(className, message, details) => Error`.
#[wasm_bindgen(js_name = "__setErrorFactory")]
pub fn set_error_factory(factory: js_sys::Function) {
    FACTORY.with(|slot| *slot = Some(factory));
}

/// The properties each class carries, in the JS names; an API error's `data` and
/// `validationErrors` are taken from the answer's `body` as they are.
fn details(error: &SeamError, body: &JsValue) -> JsValue {
    match error {
        SeamError::Validation { issues } => convert::object(&[("issues", convert::issues_to_js(issues))]),
        SeamError::NotAllowed { path, mode, accepted } => {
            let accepted: js_sys::Array = accepted.iter().map(|mode| JsValue::from_str(mode.as_str())).collect();
            convert::object(&[
                ("endpoint", JsValue::from_str(path)),
                ("authMode", JsValue::from_str(mode.as_str())),
                ("acceptedAuthModes", accepted.into()),
            ])
        }
        SeamError::Api(api) => {
            let error = convert::property(body, "error");
            let payload = |name| error.as_ref().and_then(|e| convert::property(e, name));
            let payload = |name| payload(name).unwrap_or(JsValue::NULL);
            // Only an `invalid_input` error has fields to blame.
            let (validation_errors, field_errors) = match api.kind {
                ApiErrorKind::InvalidInput => (payload("validation_errors"), field_errors(&api.field_errors)),
                _ => (JsValue::NULL, JsValue::NULL),
            };
            convert::object(&[
                ("code", JsValue::from_str(&api.code)),
                ("statusCode", JsValue::from(api.status)),
                ("requestId", convert::string_or_null(api.request_id.as_deref())),
                ("data", payload("data")),
                ("validationErrors", validation_errors),
                ("fieldErrors", field_errors),
            ])
        }
        SeamError::Parse { status, path, .. } => convert::object(&[
            ("statusCode", status.map_or(JsValue::NULL, JsValue::from)),
            ("path", JsValue::from_str(path)),
        ]),
        SeamError::Timeout { timeout_ms } => convert::object(&[("timeoutMs", JsValue::from(*timeout_ms as f64))]),
        // The attempt as the last answer had it.
        SeamError::ActionAttemptFailed { code, .. } => {
            convert::object(&[("code", JsValue::from_str(code)), ("actionAttempt", attempt(body))])
        }
        SeamError::ActionAttemptTimeout { timeout_ms } => convert::object(&[
            ("timeoutMs", JsValue::from(*timeout_ms as f64)),
            ("actionAttempt", attempt(body)),
        ]),
        SeamError::InvalidToken { .. }
        | SeamError::InvalidEndpoint { .. }
        | SeamError::Network { .. }
        | SeamError::Aborted => convert::object(&[]),
    }
}

/// `[{ path, messages }]`.
fn field_errors(fields: &[FieldError]) -> JsValue {
    let array: js_sys::Array = fields
        .iter()
        .map(|field| {
            let messages: js_sys::Array = field.messages.iter().map(|m| JsValue::from_str(m)).collect();
            convert::object(&[("path", JsValue::from_str(&field.path)), ("messages", messages.into())])
        })
        .collect();
    array.into()
}

/// The `action_attempt` of an answer's body (`null` if none).
fn attempt(body: &JsValue) -> JsValue {
    convert::property(body, "action_attempt").unwrap_or(JsValue::NULL)
}

/// The JS error for `error`.
pub fn to_js(error: &SeamError) -> JsValue {
    answer_error(error, &JsValue::UNDEFINED)
}

/// The JS error for `error`, read from an answer whose parsed body is `body`.
pub fn answer_error(error: &SeamError, body: &JsValue) -> JsValue {
    let class = JsValue::from_str(error.class_name());
    let message = JsValue::from_str(&error.message());
    let details = details(error, body);
    let factory = FACTORY.with(|slot| slot.clone());
    let made = factory.map(|factory| factory.call3(&JsValue::NULL, &class, &message, &details));
    match made {
        Some(Ok(instance)) => instance,
        _ => {
            let plain = js_sys::Error::new(&error.message());
            plain.set_name(error.class_name());
            let _ = js_sys::Object::assign(plain.as_ref(), &details.into());
            plain.into()
        }
    }
}

/// A programming error that is not a Seam error.
pub fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

/// The endpoint at one of the client's own, fixed paths (a `TypeError` would be a bug here).
pub fn endpoint(path: &str) -> Result<&'static Endpoint, JsValue> {
    seam_acs_core::endpoint(path).ok_or_else(|| type_error(&["unknown endpoint ", path].concat()))
}

/// The endpoint a caller named (`validateRequest`, `allows`): anything but one of the
/// endpoint paths is a `SeamValidationError` at `path`, which never repeats the value.
pub fn endpoint_argument(path: &JsValue) -> Result<&'static Endpoint, JsValue> {
    path.as_string()
        .and_then(|path| seam_acs_core::endpoint(&path))
        .ok_or_else(|| {
            to_js(&convert::invalid(
                "path",
                "path must be an endpoint path such as /acs/credentials/create",
            ))
        })
}
