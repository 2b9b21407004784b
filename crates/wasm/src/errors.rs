//! Core errors as instances of the package's JS error classes.
//!
//! The classes (`SeamError` and its subclasses) are defined in JS, because a JS class
//! cannot `extend Error` from Rust. The package's entry module hands a factory to
//! [`set_error_factory`] when it loads; until then (in wasm tests) a plain `Error` with
//! the same `name` and properties is made.

use crate::convert;
use crate::runtime::Local;
use seam_acs_core::error::FieldError;
use seam_acs_core::error_properties::Properties;
use seam_acs_core::{AuthMode, Endpoint, SeamError, ValidationIssue};
use wasm_bindgen::prelude::*;

static FACTORY: Local<Option<js_sys::Function>> = Local::new(None);

/// Called by the package's entry module with `(className, message, details) => Error`.
#[wasm_bindgen(js_name = "__setErrorFactory")]
pub fn set_error_factory(factory: js_sys::Function) {
    FACTORY.with(|slot| *slot = Some(factory));
}

/// A JS object an error's properties are written to; `body`: the answer it came from.
pub struct Writer<'a> {
    object: js_sys::Object,
    body: &'a JsValue,
}

impl Writer<'_> {
    /// The object `write` makes of `error` ([`SeamError::properties`] or [`SeamError::record`]).
    pub fn write(body: &JsValue, write: impl FnOnce(&mut Writer)) -> JsValue {
        let mut writer = Writer {
            object: js_sys::Object::new(),
            body,
        };
        write(&mut writer);
        writer.object.into()
    }

    fn set(&self, name: &str, value: JsValue) {
        let _ = js_sys::Reflect::set(&self.object, &JsValue::from_str(name), &value);
    }
}

impl Properties for Writer<'_> {
    fn text(&mut self, name: &'static str, value: Option<&str>) {
        self.set(name, convert::string_or_null(value));
    }

    fn number(&mut self, name: &'static str, value: Option<f64>) {
        self.set(name, value.map_or(JsValue::NULL, JsValue::from));
    }

    fn modes(&mut self, name: &'static str, modes: &[AuthMode]) {
        let modes: js_sys::Array = modes.iter().map(|mode| JsValue::from_str(mode.as_str())).collect();
        self.set(name, modes.into());
    }

    fn issues(&mut self, name: &'static str, issues: &[ValidationIssue]) {
        self.set(name, convert::issues_to_js(issues));
    }

    fn field_errors(&mut self, name: &'static str, fields: &[FieldError]) {
        let fields: js_sys::Array = fields
            .iter()
            .map(|field| {
                let messages: js_sys::Array = field.messages.iter().map(|m| JsValue::from_str(m)).collect();
                convert::object(&[("path", JsValue::from_str(&field.path)), ("messages", messages.into())])
            })
            .collect();
        self.set(name, fields.into());
    }

    fn answered(&mut self, name: &'static str, path: &[&'static str]) {
        let value = path
            .iter()
            .try_fold(self.body.clone(), |value, key| convert::property(&value, key));
        self.set(name, value.unwrap_or(JsValue::NULL));
    }
}

/// The JS error for `error`.
pub fn to_js(error: &SeamError) -> JsValue {
    answer_error(error, &JsValue::UNDEFINED)
}

/// The JS error for `error`, read from an answer whose parsed body is `body`.
pub fn answer_error(error: &SeamError, body: &JsValue) -> JsValue {
    let class = JsValue::from_str(error.class_name());
    let message = JsValue::from_str(&error.message());
    let details = Writer::write(body, |writer| error.properties(writer));
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

/// The endpoint at one of the package's own, fixed paths: a `TypeError` (not a Seam error)
/// would be a bug here.
pub fn endpoint(path: &str) -> Result<&'static Endpoint, JsValue> {
    let unknown = || js_sys::TypeError::new(&["unknown endpoint ", path].concat()).into();
    seam_acs_core::endpoint(path).ok_or_else(unknown)
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
