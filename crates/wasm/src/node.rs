//! Core's [`Node`] view over JS values that `JSON.parse` built.
//!
//! Answers and parameters are parsed by the JS engine, and core's rules read the result
//! through this view, one property at a time. Nothing is copied into wasm but the strings
//! a rule needs (an id to check, an error message), so a 10,000-item list costs a walk of
//! its known properties, not a second parse.

use seam_acs_core::node::{Kind, Node};
use seam_acs_core::shape::Object;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

// `typeof` without crossing the boundary once per question: one call classifies a value,
// or every property an object shape names. Kinds are numbered as `kind_from` reads them.
#[wasm_bindgen(inline_js = r#"
function kindOf(v) {
  switch (typeof v) {
    case "string": return 4;
    case "number": return 3;
    case "boolean": return 2;
    case "object": return v === null ? 1 : Array.isArray(v) ? 5 : 6;
    default: return 0;
  }
}
export { kindOf };
export function member(object, key) {
  return object[key];
}
export function kinds(object, keys, out) {
  for (let i = 0; i < keys.length; i++) out[i] = kindOf(object[keys[i]]);
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = kindOf)]
    fn kind_of(value: &JsValue) -> u8;
    /// `object[key]` on an object `JSON.parse` made: no getter can throw, so no
    /// `try`/`catch` wrapper (which `Reflect.get`'s binding has) on the hot path.
    #[wasm_bindgen(js_name = member)]
    fn property(object: &JsValue, key: &JsValue) -> JsValue;
    /// Writes the kind of `object[keys[i]]` to `out[i]` (0 when absent).
    fn kinds(object: &JsValue, keys: &js_sys::Array, out: &mut [u8]);
}

/// A kind as `kindOf` numbers it; `None` for absent (and for what JSON cannot hold).
fn kind_from(code: u8) -> Option<Kind> {
    match code {
        1 => Some(Kind::Null),
        2 => Some(Kind::Bool),
        3 => Some(Kind::Number),
        4 => Some(Kind::String),
        5 => Some(Kind::Array),
        6 => Some(Kind::Object),
        _ => None,
    }
}

/// A JSON value in JS: a string, number, boolean, `null`, array or plain object.
#[derive(Clone)]
pub struct JsNode(pub JsValue);

thread_local! {
    /// The property names core asks for, as JS strings, by the address and length of the
    /// `&'static str`: made once, so a lookup does not decode UTF-8 from wasm memory.
    static KEYS: RefCell<Vec<((usize, usize), JsValue)>> = const { RefCell::new(Vec::new()) };
}

fn key(name: &'static str) -> JsValue {
    let id = (name.as_ptr() as usize, name.len());
    KEYS.with(|keys| {
        let mut keys = keys.borrow_mut();
        match keys.binary_search_by(|(k, _)| k.cmp(&id)) {
            Ok(found) => keys.get(found).map(|(_, js)| js.clone()).unwrap_or_else(|| name.into()),
            Err(at) => {
                let js = JsValue::from_str(name);
                keys.insert(at, (id, js.clone()));
                js
            }
        }
    })
}

thread_local! {
    /// Each object shape's property names as one JS array, by the shape's address.
    static NAMES: RefCell<Vec<(usize, js_sys::Array)>> = const { RefCell::new(Vec::new()) };
}

fn names(object: &'static Object) -> js_sys::Array {
    let id = object as *const Object as usize;
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        match names.binary_search_by(|(k, _)| k.cmp(&id)) {
            Ok(found) => names.get(found).map(|(_, js)| js.clone()).unwrap_or_default(),
            Err(at) => {
                let js: js_sys::Array = object.fields.iter().map(|(name, _, _)| key(name)).collect();
                names.insert(at, (id, js.clone()));
                js
            }
        }
    })
}

fn member(object: &JsValue, key: &JsValue) -> Option<JsNode> {
    if kind_of(object) != 6 {
        return None;
    }
    Some(property(object, key))
        .filter(|value| !value.is_undefined())
        .map(JsNode)
}

impl Node for JsNode {
    /// An error's payloads are handed on as the engine's objects ([`crate::errors::answer_error`]).
    const PAYLOADS_AS_TEXT: bool = false;

    fn kind(&self) -> Kind {
        // `undefined` and functions never come out of `JSON.parse`.
        kind_from(kind_of(&self.0)).unwrap_or(Kind::Null)
    }

    fn kinds(&self, object: &'static Object) -> Vec<Option<Kind>> {
        let mut codes = vec![0; object.fields.len()];
        kinds(&self.0, &names(object), &mut codes);
        codes.into_iter().map(kind_from).collect()
    }

    fn get(&self, name: &'static str) -> Option<JsNode> {
        member(&self.0, &key(name))
    }

    fn get_dynamic(&self, name: &str) -> Option<JsNode> {
        member(&self.0, &JsValue::from_str(name))
    }

    fn keys(&self) -> Vec<String> {
        match self.kind() {
            Kind::Object => js_sys::Object::keys(self.0.unchecked_ref::<js_sys::Object>())
                .iter()
                .filter_map(|key| key.as_string())
                .collect(),
            _ => Vec::new(),
        }
    }

    fn items(&self) -> Vec<JsNode> {
        match self.0.dyn_ref::<js_sys::Array>() {
            Some(array) => array.iter().map(JsNode).collect(),
            None => Vec::new(),
        }
    }

    fn as_string(&self) -> Option<String> {
        self.0.as_string()
    }

    fn as_f64(&self) -> Option<f64> {
        self.0.as_f64()
    }

    fn as_bool(&self) -> Option<bool> {
        self.0.as_bool()
    }

    fn to_json_with(&self, name: &'static str, value: &str) -> String {
        let copy = js_sys::Object::new();
        if self.kind() == Kind::Object {
            js_sys::Object::assign(&copy, self.0.unchecked_ref());
        }
        let _ = js_sys::Reflect::set(&copy, &key(name), &JsValue::from_str(value));
        JsNode(copy.into()).to_json()
    }

    fn to_json(&self) -> String {
        js_sys::JSON::stringify(&self.0)
            .ok()
            .and_then(|text| text.as_string())
            .unwrap_or_else(|| "null".to_owned())
    }
}
