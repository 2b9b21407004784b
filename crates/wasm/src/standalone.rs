//! The functions that need no client: live form validation and parsing of JSON that
//! did not come from a call (webhook payloads, stored objects).

use crate::answers::Reporter;
use crate::convert;
use crate::errors;
use crate::node::JsNode;
use seam_acs_core::config;
use seam_acs_core::datetime::Timestamp;
use seam_acs_core::models::{CREDENTIAL_SHAPE, EVENT_SHAPE};
use seam_acs_core::response::{check_json_node, not_json_input};
use seam_acs_core::shape::Shape;
use seam_acs_core::{validate, SeamError};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The problems with `params` for the endpoint at `path` (`[]` when valid). `options.now`
/// (a `Date`, milliseconds or an ISO string) sets the clock for "in the future" rules.
#[wasm_bindgen(js_name = validateRequest)]
pub fn validate_request(path: JsValue, params: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let endpoint = errors::endpoint_argument(&path)?;
    convert::options(&options).map_err(|e| errors::to_js(&e))?;
    let now = match convert::property(&options, "now") {
        None => convert::now(),
        Some(value) => {
            let readable = value.is_string() || value.as_f64().is_some() || value.is_instance_of::<js_sys::Date>();
            let millis = match readable {
                true => js_sys::Date::new(&value).get_time(),
                false => f64::NAN,
            };
            if millis.is_nan() {
                return Err(errors::to_js(&convert::invalid(
                    "options.now",
                    "options.now must be a Date, a number of milliseconds or an ISO string",
                )));
            }
            Timestamp::from_millis(millis as i64)
        }
    };
    let issues = match convert::params(&params) {
        Ok(params) => validate::validate(endpoint, params, now),
        Err(SeamError::Validation { issues }) => issues,
        Err(other) => return Err(errors::to_js(&other)),
    };
    Ok(convert::issues_to_js(&issues))
}

/// Checks JSON text (or an object) against `shape` and returns it as a plain JS value.
/// `options`: `{ answers?: "lenient" | "strict", onAnswerIssue? }`, as a client takes them.
fn parse(shape: &Shape, input: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
    let fail = |e: SeamError| errors::to_js(&e);
    let mode = config::read_answers(&JsNode(options.clone())).map_err(fail)?;
    let reporter = Reporter::read(options).map_err(fail)?;
    let value = if input.is_string() {
        // Parsed as the JS string it is, never copied into wasm.
        convert::parse_js_string(input).map_err(|_| fail(not_json_input()))?
    } else {
        convert::params(input).map_err(|_| fail(not_json_input()))?.0
    };
    let issues = check_json_node(shape, &JsNode(value.clone()), mode).map_err(fail)?;
    reporter.report(None, None, &issues);
    Ok(value)
}

/// A credential from JSON text or an object; throws `SeamParseError` naming the field.
#[wasm_bindgen(js_name = parseAcsCredential)]
pub fn parse_acs_credential(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    parse(&CREDENTIAL_SHAPE, &input, &options)
}

/// An `acs_credential.*` webhook event from JSON text or an object.
#[wasm_bindgen(js_name = parseEvent)]
pub fn parse_event(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    parse(&EVENT_SHAPE, &input, &options)
}
