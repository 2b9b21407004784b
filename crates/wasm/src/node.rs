//! Core's [`Node`] view over JS values that `JSON.parse` built.
//!
//! Answers and parameters are parsed by the JS engine, and core's rules read the result
//! through this view, one property at a time. Nothing is copied into wasm but the strings
//! a rule needs (an id to check, an error message), so a 10,000-item list costs a walk of
//! its known properties, not a second parse.

use crate::runtime::Local;
use js_sys::JsString;
use seam_acs_core::node::{Kind, Node};
use seam_acs_core::prelude::*;
use seam_acs_core::shape::Object;
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
// The JSON text each object `plain` made was parsed from: its request body, as it is.
const texts = new WeakMap();
export function plain(value) {
  const text = JSON.stringify(value);
  const parsed = JSON.parse(text);
  if (kindOf(parsed) === 6) texts.set(parsed, text);
  return parsed;
}
export function body(value, key, text) {
  if (key === undefined) return value === null ? "{}" : (texts.get(value) ?? JSON.stringify(value));
  return JSON.stringify({ ...(kindOf(value) === 6 ? value : null), [key]: text });
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
    /// `JSON.parse(JSON.stringify(value))`: throws for what JSON cannot hold
    /// (`JSON.parse(undefined)` too). The text of an object is kept, on the JS side, as its
    /// request body ([`Node::body`]): parameters are not written again.
    #[wasm_bindgen(catch)]
    pub fn plain(value: &JsValue) -> Result<JsValue, JsValue>;
    /// Without `key`: the JSON text `plain` kept for `value`, or else `value`'s (`{}` for
    /// `null`). With it: that of a copy of `value` (`{}` unless an object) with `key` set
    /// to `text`.
    #[wasm_bindgen(js_name = body, catch)]
    fn body_of(value: &JsValue, key: &JsValue, text: &JsValue) -> Result<JsString, JsValue>;
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

/// The property names core asks for, as JS strings, by the address and length of the
/// `&'static str`: made once, so a lookup does not decode UTF-8 from wasm memory.
static KEYS: Local<Vec<((usize, usize), JsValue)>> = Local::new(Vec::new());
/// Each object shape's property names as one JS array, by the shape's address.
static NAMES: Local<Vec<(usize, js_sys::Array)>> = Local::new(Vec::new());

/// The value `cache` holds for `id`, made by `make` the first time (the cache is kept
/// sorted by id).
fn cached<K: Ord + Copy, V: Clone>(cache: &'static Local<Vec<(K, V)>>, id: K, make: impl FnOnce() -> V) -> V {
    cache.with(|cache| {
        let at = match cache.binary_search_by(|(k, _)| k.cmp(&id)) {
            Ok(found) => return cache.get(found).map_or_else(make, |(_, value)| value.clone()),
            Err(at) => at,
        };
        let value = make();
        cache.insert(at, (id, value.clone()));
        value
    })
}

fn key(name: &'static str) -> JsValue {
    cached(&KEYS, (name.as_ptr() as usize, name.len()), || JsValue::from_str(name))
}

fn names(object: &'static Object) -> js_sys::Array {
    cached(&NAMES, object as *const Object as usize, || {
        object.fields.iter().map(|(name, _, _)| key(name)).collect()
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
    /// The JS string handed to `fetch`: never copied into wasm memory and out again.
    type Body = JsString;

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

    fn item_count(&self) -> usize {
        self.0
            .dyn_ref::<js_sys::Array>()
            .map_or(0, |array| array.length() as usize)
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

    fn body(&self, set: Option<(&'static str, &str)>) -> JsString {
        let text = match set {
            None => body_of(&self.0, &JsValue::UNDEFINED, &JsValue::UNDEFINED),
            Some((name, value)) => body_of(&self.0, &key(name), &JsValue::from_str(value)),
        };
        // It does not throw on what `JSON.parse` made.
        text.unwrap_or_else(|_| JsString::from("{}"))
    }

    /// An error's payloads are handed on as the engine's objects ([`crate::errors::answer_error`]).
    fn to_json(&self) -> Option<String> {
        None
    }
}
