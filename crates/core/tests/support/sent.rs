//! Shared by the property tests and the `validate_requests` fuzz target (by `#[path]`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "test support"
)]

use serde_json::{Map, Value};

/// What a request carries, as JSON: its body, or for a GET its query string's pairs.
pub fn sent(request: &seam_acs_core::request::HttpRequest) -> Value {
    if let Some(body) = &request.body {
        return serde_json::from_str(body).expect("the body is JSON");
    }
    let mut object = Map::new();
    let query = request.url.split_once('?').map_or("", |(_, query)| query);
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let (name, value) = pair.split_once('=').expect("name=value");
        let mut bytes = Vec::new();
        let mut rest = value.as_bytes();
        while let Some((&byte, tail)) = rest.split_first() {
            if byte == b'%' {
                let hex = std::str::from_utf8(&tail[..2]).expect("two hex digits");
                bytes.push(u8::from_str_radix(hex, 16).expect("hex"));
                rest = &tail[2..];
            } else {
                bytes.push(byte);
                rest = tail;
            }
        }
        object.insert(name.to_owned(), Value::String(String::from_utf8(bytes).expect("UTF-8")));
    }
    Value::Object(object)
}
