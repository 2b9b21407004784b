//! Core errors as instances of the package's JS error classes.
//!
//! The classes (`SeamError` and its subclasses) are defined in JS, because a JS class
//! cannot `extend Error` from Rust. The package's entry module hands a factory to
//! [`set_error_factory`] when it loads; until then (in wasm tests) a plain `Error` with
//! the same `name` and properties is made.

use crate::convert;
use seam_acs_core::{ApiErrorKind, Endpoint, SeamError};
use serde_json::{json, Value};

use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    static FACTORY: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Called by the package's entry module with `(className, message, details) => Error`.
#[wasm_bindgen(js_name = "__setErrorFactory")]
pub fn set_error_factory(factory: js_sys::Function) {
    FACTORY.with(|slot| *slot.borrow_mut() = Some(factory));
}

/// The properties each class carries, in the JS names.
fn details(error: &SeamError) -> Value {
    match error {
        SeamError::Validation { issues } => json!({ "issues": issues }),
        SeamError::NotAllowed { path, mode, accepted } => json!({
            "endpoint": path,
            "authMode": mode.as_str(),
            "acceptedAuthModes": accepted.iter().map(|mode| mode.as_str()).collect::<Vec<_>>(),
        }),
        SeamError::Api(api) => {
            let invalid_input = api.kind == ApiErrorKind::InvalidInput;
            json!({
                "code": api.code,
                "statusCode": api.status,
                "requestId": api.request_id,
                "data": api.data,
                "validationErrors": if invalid_input { api.validation_errors.clone() } else { None },
                "fieldErrors": if invalid_input { Some(&api.field_errors) } else { None },
            })
        }
        SeamError::Parse { status, path, .. } => json!({ "statusCode": status, "path": path }),
        SeamError::Timeout { timeout_ms } => json!({ "timeoutMs": timeout_ms }),
        SeamError::InvalidToken { .. }
        | SeamError::InvalidEndpoint { .. }
        | SeamError::Network { .. }
        | SeamError::Aborted => {
            json!({})
        }
    }
}

/// The JS error for `error`.
pub fn to_js(error: &SeamError) -> JsValue {
    let class = JsValue::from_str(error.class_name());
    let message = JsValue::from_str(&error.to_string());
    let details = convert::to_js(&details(error)).unwrap_or(JsValue::UNDEFINED);
    let made = FACTORY.with(|slot| {
        slot.borrow()
            .as_ref()
            .map(|factory| factory.call3(&JsValue::NULL, &class, &message, &details))
    });
    match made {
        Some(Ok(instance)) => instance,
        _ => {
            let plain = js_sys::Error::new(&error.to_string());
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

/// The endpoint at `path`, or a `TypeError` naming the path (a caller's typo in
/// `validateRequest`/`allows`; never for the client's own, fixed paths).
pub fn endpoint(path: &str) -> Result<&'static Endpoint, JsValue> {
    seam_acs_core::endpoint(path).ok_or_else(|| type_error(&format!("unknown endpoint {path}")))
}
