//! Listing the properties a response carried that this version does not model.

use super::Nullable;
use crate::prelude::*;

/// Appends the JSON paths (`visionline_metadata.new_flag`) of the properties that were kept
/// in an `extra` map because the pinned contract does not list them.
pub trait UnknownFields {
    fn collect_unknown(&self, _path: &str, _out: &mut Vec<String>) {}

    /// The unknown properties of this value, by path.
    fn unknown_fields(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.collect_unknown("", &mut out);
        out
    }
}

pub(crate) fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

impl UnknownFields for String {}
impl UnknownFields for bool {}
impl UnknownFields for serde_json::Number {}
/// A value the contract's variants describe differently (`Shape::Any`): nothing in it is unknown.
impl UnknownFields for serde_json::Value {}
impl UnknownFields for crate::secret::Secret {}

impl<T: UnknownFields> UnknownFields for Option<T> {
    fn collect_unknown(&self, path: &str, out: &mut Vec<String>) {
        if let Some(value) = self {
            value.collect_unknown(path, out);
        }
    }
}

impl<T: UnknownFields> UnknownFields for Nullable<T> {
    fn collect_unknown(&self, path: &str, out: &mut Vec<String>) {
        if let Nullable::Value(value) = self {
            value.collect_unknown(path, out);
        }
    }
}

impl<T: UnknownFields> UnknownFields for Vec<T> {
    fn collect_unknown(&self, path: &str, out: &mut Vec<String>) {
        for (i, item) in self.iter().enumerate() {
            item.collect_unknown(&format!("{path}[{i}]"), out);
        }
    }
}
