//! What the fuzz targets share: reading values out of the fuzzer's bytes, the clock, and
//! the checks that hold for every parsed answer.
#![allow(dead_code, reason = "each target uses a part")]

use seam_acs_core::datetime::Timestamp;
use seam_acs_core::endpoints::{Endpoint, Resource, Returns};
use seam_acs_core::models::UnknownFields;
use seam_acs_core::response::{check, parse, parse_json, Item, Items, Output, RawResponse};
use seam_acs_core::shape::{self, Shape};
use seam_acs_core::{AnswerMode, SeamError};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::fmt;

/// Takes values from the front of the fuzzer's bytes; once they run out, every value is
/// zero or empty, so any input decodes.
pub struct Input<'a> {
    data: &'a [u8],
}

impl<'a> Input<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Input { data }
    }

    pub fn bytes(&mut self, n: usize) -> &'a [u8] {
        let n = n.min(self.data.len());
        let (head, tail) = self.data.split_at(n);
        self.data = tail;
        head
    }

    pub fn u8(&mut self) -> u8 {
        self.bytes(1).first().copied().unwrap_or(0)
    }

    pub fn u16(&mut self) -> u16 {
        let mut buf = [0u8; 2];
        let src = self.bytes(2);
        buf[..src.len()].copy_from_slice(src);
        u16::from_le_bytes(buf)
    }

    pub fn u32(&mut self) -> u32 {
        let mut buf = [0u8; 4];
        let src = self.bytes(4);
        buf[..src.len()].copy_from_slice(src);
        u32::from_le_bytes(buf)
    }

    pub fn u64(&mut self) -> u64 {
        let mut buf = [0u8; 8];
        let src = self.bytes(8);
        buf[..src.len()].copy_from_slice(src);
        u64::from_le_bytes(buf)
    }

    pub fn bool(&mut self) -> bool {
        self.u8() & 1 == 1
    }

    /// Any f64, NaN and infinities included.
    pub fn f64(&mut self) -> f64 {
        f64::from_bits(self.u64())
    }

    /// A string of up to 255 bytes (invalid UTF-8 replaced).
    pub fn string(&mut self) -> String {
        let len = usize::from(self.u8());
        String::from_utf8_lossy(self.bytes(len)).into_owned()
    }

    /// `None` or a string.
    pub fn maybe_string(&mut self) -> Option<String> {
        if self.bool() {
            Some(self.string())
        } else {
            None
        }
    }

    /// A clock anywhere in `Date.now()`'s range and beyond, the ends of i64 included.
    pub fn clock(&mut self) -> Timestamp {
        clock(self.u64() as i64)
    }

    pub fn rest(&mut self) -> &'a [u8] {
        let rest = self.data;
        self.data = &[];
        rest
    }
}

pub fn clock(millis: i64) -> Timestamp {
    match millis % 16 {
        0 => Timestamp::from_millis(i64::MIN),
        1 => Timestamp::from_millis(i64::MAX),
        2 => Timestamp::from_millis(0),
        _ => Timestamp::from_millis(millis),
    }
}

/// The shape check (what the npm package runs) and the typed parse (what Rust callers
/// get) must accept the same answers.
pub fn agree<T: fmt::Debug>(checked: Result<(), String>, parsed: &Result<T, SeamError>, text: &str) {
    if checked.is_ok() != parsed.is_ok() {
        panic!("check and parse disagree on {text:?}: check {checked:?}, parse {parsed:?}");
    }
}

/// Every error can be shown.
pub fn show(error: &SeamError) {
    let _ = error.class_name();
    let _ = error.to_string();
    let _ = format!("{error:?}");
}

/// JSON values equal up to the last bits of floats (serde_json's default float parser is
/// best-effort: a number written back may read one ULP off).
pub fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            _ if x == y => true,
            (Some(x), Some(y)) => x == y || (x - y).abs() <= x.abs().max(y.abs()) * 1e-15,
            _ => false,
        },
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

/// Parses `text` as `T` (checked against `shape`) and, when it parses, checks that what
/// it writes back reads as the same value.
pub fn parse_and_round_trip<T>(shape: &Shape, text: &str) -> Option<T>
where
    T: DeserializeOwned + Serialize + UnknownFields + fmt::Debug,
{
    let checked = shape::check(shape, text, AnswerMode::Strict)
        .map(drop)
        .map_err(|e| format!("{e:?}"));
    let parsed = parse_json::<T>(shape, text);
    if let Err(error) = &parsed {
        show(error);
    }
    agree(checked, &parsed, text);
    let parsed = parsed.ok()?;
    let written = serde_json::to_string(&parsed).expect("a model serializes");
    let again =
        parse_json::<T>(shape, &written).unwrap_or_else(|e| panic!("written back {written} does not parse: {e}"));
    let (first, second) = (
        serde_json::to_value(&parsed).expect("serializes"),
        serde_json::to_value(&again).expect("serializes"),
    );
    assert!(same_json(&first, &second), "round trip changed {first} into {second}");
    assert_eq!(parsed.unknown_fields(), again.unknown_fields());
    Some(parsed)
}

/// Checks and parses an answer to `endpoint`, and checks that the two agree: the same
/// error, or a typed result of the endpoint's kind with the same result key and next page.
pub fn check_and_parse(endpoint: &Endpoint, raw: &RawResponse<'_>, now: Timestamp) -> Option<Output> {
    let checked = check(endpoint, raw, now, AnswerMode::Strict);
    let parsed = parse(endpoint, raw, now);
    modes_agree(endpoint, raw, now, &checked);
    agree(
        checked.clone().map(drop).map_err(|e| format!("{e:?}")),
        &parsed,
        raw.body,
    );
    if !(200..300).contains(&raw.status) {
        assert!(
            checked.is_err() && parsed.is_err(),
            "HTTP {} read as a success",
            raw.status
        );
    }
    match (&checked, &parsed) {
        (Err(c), Err(p)) => {
            show(c);
            // `parse` is `check`, then deserialize: a refused answer is refused alike.
            assert_eq!(c, p, "check and parse refuse differently");
            None
        }
        (Ok(checked), Ok(output)) => {
            match (endpoint.returns, output) {
                (Returns::One { key, resource }, Output::One(item)) => {
                    assert_eq!(checked.key, Some(key));
                    assert_eq!(resource_of(item, resource), resource);
                }
                (Returns::Maybe { key, resource }, Output::Maybe(item)) => {
                    assert_eq!(checked.key.is_some(), item.is_some());
                    if let Some(item) = item {
                        assert_eq!(checked.key, Some(key));
                        assert_eq!(resource_of(item, resource), resource);
                    }
                }
                (
                    Returns::Many {
                        key,
                        resource,
                        paginated,
                    },
                    Output::Many { items, pagination },
                ) => {
                    assert_eq!(checked.key, Some(key));
                    let kind = match items {
                        Items::Credentials(_) => Resource::Credential,
                        Items::Entrances(_) => Resource::Entrance,
                        Items::ClientSessions(_) => Resource::ClientSession,
                        Items::Json(_) => untyped(resource),
                    };
                    assert_eq!(kind, resource);
                    assert!(paginated || pagination.is_none());
                }
                (Returns::Nothing, Output::Nothing) => assert_eq!(checked.key, None),
                (returns, output) => panic!("{returns:?} read as {output:?}"),
            }
            Some(output.clone())
        }
        (Err(e), Ok(_)) | (Ok(_), Err(e)) => {
            show(e);
            None
        }
    }
}

/// The resource `item` is; `expected` for one read as JSON, which only a resource with no
/// typed model may be.
fn resource_of(item: &Item, expected: Resource) -> Resource {
    match item {
        Item::Credential(_) => Resource::Credential,
        Item::Entrance(_) => Resource::Entrance,
        Item::ClientSession(_) => Resource::ClientSession,
        Item::Json(_) => untyped(expected),
    }
}

fn untyped(resource: Resource) -> Resource {
    let typed = [Resource::Credential, Resource::Entrance, Resource::ClientSession];
    assert!(!typed.contains(&resource), "{resource:?} has a typed model but was read as JSON");
    resource
}

/// Lenient and strict reading judge every answer alike: strict refuses exactly what
/// lenient refuses or reports, and names the first problem lenient reports (or the same
/// essential one that lenient refuses too).
fn modes_agree(
    endpoint: &Endpoint,
    raw: &RawResponse<'_>,
    now: Timestamp,
    strict: &Result<seam_acs_core::response::Checked, SeamError>,
) {
    let lenient = check(endpoint, raw, now, AnswerMode::Lenient);
    match (strict, &lenient) {
        (Ok(strict), Ok(lenient)) => assert_eq!(strict, lenient),
        (Err(SeamError::Parse { path, message, .. }), Ok(lenient)) => {
            let first = lenient.issues.first();
            let first = first.unwrap_or_else(|| panic!("strict refused {}, lenient found nothing", raw.body));
            assert_eq!((&first.path, &first.message()), (path, message), "{}", raw.body);
        }
        // Lenient refused on an essential problem; strict may have stopped at an earlier one
        // that lenient reports as an issue on its way there.
        (Err(SeamError::Parse { status, .. }), Err(SeamError::Parse { status: other, .. })) => {
            assert_eq!(status, other, "{}", raw.body)
        }
        (strict, lenient) => assert_eq!(strict, lenient, "{}", raw.body),
    }
}
