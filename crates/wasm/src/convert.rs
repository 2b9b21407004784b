//! Crossing the JS/wasm boundary as JSON text.
//!
//! Parameters go through `JSON.stringify`, which drops `undefined` properties (so
//! `{ code: undefined }` means "no code", as JS callers expect) and writes a `Date` as
//! its ISO string. Results go back through `JSON.parse`, so callers get plain objects
//! and arrays (no `Map`s, no `Date`s), in one crossing however large the list.

use chrono::{DateTime, Utc};
use seam_acs_core::paging::PageInfo;
use seam_acs_core::response::Checked;
use seam_acs_core::{IssueCode, SeamError, ValidationIssue};
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `JSON.parse` on a JS string as it is: `js_sys::JSON::parse` takes a Rust `&str`,
    /// which would copy the body back across the boundary.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    pub fn parse_js_string(text: &JsValue) -> Result<JsValue, JsValue>;
}

/// A JS value as JSON; `undefined` and `null` both mean "nothing".
pub fn to_json(value: &JsValue) -> Result<Value, SeamError> {
    let text = stringify(value)?;
    serde_json::from_str(&text).map_err(|_| not_json())
}

/// A JS value as JSON text: a string is taken as JSON already, anything else is stringified
/// (once: it is checked as text, not read into a `Value` first).
pub fn to_json_text(value: &JsValue) -> Result<String, SeamError> {
    match value.as_string() {
        Some(text) => Ok(text),
        None => stringify(value),
    }
}

/// `JSON.stringify`; `undefined` and `null` both give `null`.
fn stringify(value: &JsValue) -> Result<String, SeamError> {
    if value.is_undefined() || value.is_null() {
        return Ok("null".to_owned());
    }
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(not_json)
}

fn not_json() -> SeamError {
    SeamError::Validation {
        issues: vec![ValidationIssue {
            path: String::new(),
            code: IssueCode::Type,
            message: "parameters must be plain JSON data (objects, arrays, strings, numbers, booleans)".to_owned(),
        }],
    }
}

/// A Rust value as a plain JS value.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| JsValue::from_str(&e.to_string()))?;
    js_sys::JSON::parse(&text)
}

/// The JS clock.
pub fn now() -> DateTime<Utc> {
    millis_to_time(js_sys::Date::now())
}

pub fn millis_to_time(millis: f64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(millis as i64).unwrap_or_default()
}

/// A property of a JS options object, if present (not `undefined`).
pub fn property(object: &JsValue, name: &str) -> Option<JsValue> {
    if !object.is_object() {
        return None;
    }
    js_sys::Reflect::get(object, &JsValue::from_str(name))
        .ok()
        .filter(|value| !value.is_undefined())
}

/// The result of a call as a JS value: `JSON.parse` of the body, at the key core found
/// the result under (`undefined` when there is none), with the pagination of a list page.
pub fn result(checked: &Checked, received: &crate::fetch::Received) -> Result<(JsValue, Option<PageInfo>), JsValue> {
    let Some(key) = checked.key else {
        return Ok((JsValue::UNDEFINED, None));
    };
    let body = parse_js_string(&received.js_text)?;
    let value = js_sys::Reflect::get(&body, &JsValue::from_str(key))?;
    // `update`/`assign`/`unassign` may answer `null` for the credential: no result.
    let value = if value.is_null() { JsValue::UNDEFINED } else { value };
    let page = if checked.paginated { page_info(&body) } else { None };
    Ok((value, page))
}

/// The `pagination` core checked, read from the parsed body for the [`seam_acs_core::paging::Pager`].
fn page_info(body: &JsValue) -> Option<PageInfo> {
    let pagination = property(body, "pagination")?;
    Some(PageInfo {
        has_next_page: property(&pagination, "has_next_page")
            .and_then(|v| v.as_bool())
            .unwrap_or(false),
        next_page_cursor: property(&pagination, "next_page_cursor").and_then(|v| v.as_string()),
    })
}

/// The length of a JS array (0 for anything else).
pub fn length(value: &JsValue) -> usize {
    value
        .dyn_ref::<js_sys::Array>()
        .map_or(0, |array| array.length() as usize)
}

/// A plain JS object from `(name, value)` pairs.
pub fn object(entries: &[(&str, JsValue)]) -> Result<JsValue, JsValue> {
    let object = js_sys::Object::new();
    for (name, value) in entries {
        js_sys::Reflect::set(&object, &JsValue::from_str(name), value)?;
    }
    Ok(object.into())
}
