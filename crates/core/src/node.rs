//! A read-only view of a JSON value, whoever holds it.
//!
//! The rules in this crate (request validation, answer shapes, Seam's error format) read
//! JSON through this trait, so they run unchanged over a `serde_json::Value` in Rust and
//! over the objects JavaScript's own `JSON.parse` built in the npm package. There, JSON
//! text is never parsed or copied in WebAssembly: the engine's parser is faster, and the
//! wasm module stays small without a JSON library of its own.

use crate::prelude::*;
use crate::shape::Object;
use core::fmt;

/// The JSON type of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

impl Kind {
    /// How a message names a value of this kind ("got a string"); never the value itself.
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool => "a boolean",
            Kind::Number => "a number",
            Kind::String => "a string",
            Kind::Array => "an array",
            Kind::Object => "an object",
        }
    }
}

/// One JSON value, read-only. Cheap to clone (a reference or a handle).
pub trait Node: Sized + Clone {
    fn kind(&self) -> Kind;
    /// Whether the value is of `kind`: a view may answer this faster than [`Node::kind`].
    fn is(&self, kind: Kind) -> bool {
        self.kind() == kind
    }
    /// The property `key` of an object; `None` when absent or when this is not an object.
    fn get(&self, key: &'static str) -> Option<Self>;
    /// The kinds of an object's properties named in `object` (`None` when absent), in
    /// their order: one question per object, where a view over a foreign heap pays for
    /// every question it is asked.
    fn kinds(&self, object: &'static Object) -> Vec<Option<Kind>> {
        object
            .fields
            .iter()
            .map(|(name, _, _)| self.get(name).map(|value| value.kind()))
            .collect()
    }
    /// An object's property names, in order; empty for anything else.
    fn keys(&self) -> Vec<String>;
    /// An object's property `key`, named at run time (a key read from [`Node::keys`]).
    fn get_dynamic(&self, key: &str) -> Option<Self>;
    /// An array's items; empty for anything else.
    fn items(&self) -> Vec<Self>;
    /// How many items an array has (0 for anything else): a view may count them without
    /// making each one.
    fn item_count(&self) -> usize {
        self.items().len()
    }
    fn as_string(&self) -> Option<String>;
    fn as_f64(&self) -> Option<f64>;
    fn as_bool(&self) -> Option<bool>;
    /// The value as JSON text, for [`crate::response::failure`] to keep an error's `data`
    /// and `validation_errors` as Seam sent them. `None` from a view whose transport hands
    /// them on as they are: the npm package's, where the engine's objects outlive the
    /// check, rather than text to parse again.
    fn to_json(&self) -> Option<String>;
    /// A request body as this view writes it, which its transport sends as it is: a
    /// `String` for the `serde_json` view; in the npm package, a JS string that never
    /// enters wasm memory.
    type Body: Clone + fmt::Debug + PartialEq;
    /// These parameters as a request body: their JSON text (`{}` for `null`, no
    /// parameters) or, with `set`, that of a copy of this object (`{}` for anything else)
    /// with the string property `set.0` set to `set.1`, without copying the parameters
    /// into another representation first. A view may hand back the text its value was
    /// parsed from, rather than write it again.
    fn body(&self, set: Option<(&'static str, &str)>) -> Self::Body;
}

impl Node for &serde_json::Value {
    type Body = String;

    fn kind(&self) -> Kind {
        match self {
            serde_json::Value::Null => Kind::Null,
            serde_json::Value::Bool(_) => Kind::Bool,
            serde_json::Value::Number(_) => Kind::Number,
            serde_json::Value::String(_) => Kind::String,
            serde_json::Value::Array(_) => Kind::Array,
            serde_json::Value::Object(_) => Kind::Object,
        }
    }

    fn get(&self, key: &'static str) -> Option<Self> {
        self.get_dynamic(key)
    }

    fn keys(&self) -> Vec<String> {
        self.as_object()
            .map(|object| object.keys().cloned().collect())
            .unwrap_or_default()
    }

    fn get_dynamic(&self, key: &str) -> Option<Self> {
        self.as_object().and_then(|object| object.get(key))
    }

    fn items(&self) -> Vec<Self> {
        self.as_array().map(|items| items.iter().collect()).unwrap_or_default()
    }

    fn as_string(&self) -> Option<String> {
        self.as_str().map(str::to_owned)
    }

    fn as_f64(&self) -> Option<f64> {
        serde_json::Value::as_f64(self)
    }

    fn as_bool(&self) -> Option<bool> {
        serde_json::Value::as_bool(self)
    }

    fn to_json(&self) -> Option<String> {
        Some(self.to_string())
    }

    fn body(&self, set: Option<(&'static str, &str)>) -> String {
        match (self, set) {
            (serde_json::Value::Null, None) => "{}".to_owned(),
            (_, None) => self.to_string(),
            (_, Some((key, value))) => {
                let mut object = self.as_object().cloned().unwrap_or_default();
                object.insert(key.to_owned(), value.into());
                serde_json::Value::Object(object).to_string()
            }
        }
    }
}
