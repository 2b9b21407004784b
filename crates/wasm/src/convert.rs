//! Crossing the JS/wasm boundary.
//!
//! Parameters are made plain JSON data with `JSON.stringify` and `JSON.parse`, which drop
//! `undefined` properties (so `{ code: undefined }` means "no code", as JS callers expect)
//! and write a `Date` as its ISO string; core then validates exactly what will be sent,
//! and that one `JSON.stringify`'s text is the request body (but for a page's cursor).
//! Answers are parsed by the engine's `JSON.parse`, and callers get those objects as
//! they are: plain objects and arrays, in no copy at all however large the list.

use crate::node::{self, JsNode};
use seam_acs_core::datetime::Timestamp;
use seam_acs_core::prelude::*;
use seam_acs_core::{IssueCode, SeamError, ValidationIssue};
use wasm_bindgen::{JsCast, JsValue};

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `JSON.parse` on a JS string as it is: `js_sys::JSON::parse` takes a Rust `&str`,
    /// which would copy the text into wasm and back.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    pub fn parse_js_string(text: &JsValue) -> Result<JsValue, JsValue>;
}

/// Parameters as plain JSON data: `undefined` and `null` are "no parameters".
pub fn params(value: &JsValue) -> Result<JsNode, SeamError> {
    if value.is_undefined() || value.is_null() {
        return Ok(JsNode(JsValue::NULL));
    }
    node::plain(value).map(JsNode).map_err(|_| not_json())
}

fn not_json() -> SeamError {
    invalid(
        "",
        "parameters must be plain JSON data (objects, arrays, strings, numbers, booleans)",
    )
}

/// An `options` argument: `undefined`, `null` or an object; anything else is refused
/// rather than ignored.
pub fn options(value: &JsValue) -> Result<(), SeamError> {
    if value.is_undefined() || value.is_null() || value.is_object() {
        return Ok(());
    }
    Err(invalid("options", "options must be an object"))
}

/// A validation error of one issue at `path`, of the wrong type.
pub fn invalid(path: &str, message: &str) -> SeamError {
    SeamError::Validation {
        issues: vec![ValidationIssue {
            path: path.to_owned(),
            code: IssueCode::Type,
            message: message.to_owned(),
        }],
    }
}

/// The JS clock.
pub fn now() -> Timestamp {
    Timestamp::from_millis(js_sys::Date::now() as i64)
}

/// `object[name]`, or `None` when `object` is not an object or the property is `undefined`.
pub fn property(object: &JsValue, name: &str) -> Option<JsValue> {
    if !object.is_object() {
        return None;
    }
    js_sys::Reflect::get(object, &JsValue::from_str(name))
        .ok()
        .filter(|value| !value.is_undefined())
}

/// An option `object[name]` that must be a JS object of type `T` (a function, an
/// `AbortSignal`), or `None` when absent; else a validation error saying so (`message`).
pub fn js_option<T: JsCast>(object: &JsValue, name: &str, message: &str) -> Result<Option<T>, SeamError> {
    let value = property(object, name).map(|value| value.dyn_into::<T>());
    value.transpose().map_err(|_| invalid(name, message))
}

/// A plain JS object from name/value pairs.
pub fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (name, value) in entries {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(name), value);
    }
    object.into()
}

/// A JS string, or `null`.
pub fn string_or_null(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from_str)
}

/// Validation issues as `[{ path, code, message }]`.
pub fn issues_to_js(issues: &[ValidationIssue]) -> JsValue {
    let array: js_sys::Array = issues
        .iter()
        .map(|issue| {
            object(&[
                ("path", JsValue::from_str(&issue.path)),
                ("code", JsValue::from_str(issue.code.as_str())),
                ("message", JsValue::from_str(&issue.message)),
            ])
        })
        .collect();
    array.into()
}
