//! Reading an HTTP answer, without I/O: [`check`] says whether it is a success of the
//! documented shape (and under which key its result is) or which typed error it is;
//! [`parse`] also builds the typed models, for Rust callers.
//!
//! The npm package uses [`check`] and lets `JSON.parse` build the JS objects from the same
//! text: one pass in wasm, no copy of the result across the boundary.

use crate::endpoints::{Endpoint, Resource, Returns};
use crate::error::{ApiError, ApiErrorKind, FieldError, SeamError};
use crate::models::{AcsCredential, AcsEntrance, ClientSession, Pagination, PAGINATION_SHAPE};
use crate::retry::parse_retry_after;
use crate::shape::{self, Shape};
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use serde_json::Value;
use std::collections::BTreeMap;

/// An HTTP answer as the transport received it.
#[derive(Debug, Clone, Copy)]
pub struct RawResponse<'a> {
    pub status: u16,
    /// The `seam-request-id` header.
    pub request_id: Option<&'a str>,
    /// The `Retry-After` header.
    pub retry_after: Option<&'a str>,
    /// The body, as text (a transport decodes it as UTF-8, as `fetch`'s `text()` does).
    pub body: &'a str,
}

impl RawResponse<'_> {
    /// `Retry-After` in milliseconds from `now`, when present and readable.
    pub fn retry_after_ms(&self, now: DateTime<Utc>) -> Option<u64> {
        self.retry_after.and_then(|value| parse_retry_after(value, now))
    }
}

/// A success of the documented shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// The top-level key that holds the result; `None` for `delete`. For `update`, `assign`
    /// and `unassign` the value under it may be missing or `null`: there is no result then.
    pub key: Option<&'static str>,
    /// Whether the answer is a page of a paginated list: its `pagination` (checked, if
    /// present) says where the next page is, as a [`crate::paging::PageInfo`] for the [`crate::paging::Pager`].
    pub paginated: bool,
}

/// Checks the answer to a call of `endpoint`: `Ok` for a success of the documented shape,
/// else the typed error (a Seam error body, a 401, a body that is not JSON or not the shape).
pub fn check(endpoint: &Endpoint, raw: &RawResponse<'_>, now: DateTime<Utc>) -> Result<Checked, SeamError> {
    if !(200..300).contains(&raw.status) {
        return Err(failure(raw, now));
    }
    // Nothing is read from a `delete`'s answer: its status says it all, whatever the body.
    if endpoint.returns == Returns::Nothing {
        return Ok(Checked {
            key: None,
            paginated: false,
        });
    }
    if raw.body.trim().is_empty() {
        return Err(parse_error(Some(raw.status), "", "the body is empty"));
    }
    // One pass over the body, however large: the result under its key, and a page's
    // `pagination`; everything else is skipped unread.
    let (key, shape, required, paginated) = match endpoint.returns {
        Returns::One { key, resource } => (key, *resource.shape(), Some(key), false),
        Returns::Maybe { key, resource } => (key, Shape::Nullable(resource.shape()), None, false),
        Returns::Many {
            key,
            resource,
            paginated,
        } => (key, Shape::List(resource.shape()), Some(key), paginated),
        Returns::Nothing => {
            return Ok(Checked {
                key: None,
                paginated: false,
            })
        }
    };
    let with_page: [(&'static str, &Shape); 2] = [(key, &shape), ("pagination", &PAGINATION_SHAPE)];
    let fields = if paginated { &with_page[..] } else { &with_page[..1] };
    shape::check_envelope(raw.body, fields, required)
        .map(|()| Checked {
            key: Some(key),
            paginated,
        })
        .map_err(|error| parse_error(Some(raw.status), &error.path, error.message))
}

impl Resource {
    /// The shape answers must have for this resource.
    pub fn shape(self) -> &'static Shape {
        match self {
            Resource::Credential => &crate::models::CREDENTIAL_SHAPE,
            Resource::Entrance => &crate::models::ENTRANCE_SHAPE,
            Resource::ClientSession => &crate::models::CLIENT_SESSION_SHAPE,
        }
    }
}

fn parse_error(status: Option<u16>, path: &str, message: impl Into<String>) -> SeamError {
    SeamError::Parse {
        status,
        path: path.to_owned(),
        message: message.into(),
    }
}

/// Checks `text` (found under `key`) against `shape`, naming the failing path from the top.
fn check_at(shape: &Shape, text: &str, key: &str, status: Option<u16>) -> Result<(), SeamError> {
    shape::check(shape, text).map_err(|error| {
        let path = match error.path.as_str() {
            "" => key.to_owned(),
            inner if inner.starts_with('[') || key.is_empty() => format!("{key}{inner}"),
            inner => format!("{key}.{inner}"),
        };
        parse_error(status, &path, error.message)
    })
}

/// The top-level keys of a JSON object, each value left unparsed until it is needed.
type Envelope<'a> = BTreeMap<String, &'a RawValue>;

fn envelope<'a>(raw: &RawResponse<'a>) -> Result<Envelope<'a>, SeamError> {
    let status = Some(raw.status);
    if raw.body.trim().is_empty() {
        return Err(parse_error(status, "", "the body is empty"));
    }
    serde_json::from_str::<Envelope<'a>>(raw.body).map_err(|error| {
        let message = if error.is_syntax() || error.is_eof() {
            "the body is not JSON"
        } else {
            "the body is not a JSON object"
        };
        parse_error(status, "", message)
    })
}

// ------------------------------------------------------------------ typed results

/// One object of any resource an endpoint returns.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant, reason = "one object per answer; lists use `Items`")]
pub enum Item {
    Credential(AcsCredential),
    Entrance(AcsEntrance),
    ClientSession(ClientSession),
}

/// The objects of a list answer, one `Vec` per resource so items take no more room than they need.
#[derive(Debug, Clone, PartialEq)]
pub enum Items {
    Credentials(Vec<AcsCredential>),
    Entrances(Vec<AcsEntrance>),
    ClientSessions(Vec<ClientSession>),
}

impl Items {
    pub fn len(&self) -> usize {
        match self {
            Items::Credentials(items) => items.len(),
            Items::Entrances(items) => items.len(),
            Items::ClientSessions(items) => items.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A successful answer as typed models, shaped by the endpoint's [`Returns`].
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    One(Item),
    Maybe(Option<Item>),
    /// `pagination` is `None` for unpaginated lists, and when a paginated answer lacks it.
    Many {
        items: Items,
        pagination: Option<Pagination>,
    },
    Nothing,
}

/// Reads the answer to a call of `endpoint` into typed models: [`check`], then deserialize.
pub fn parse(endpoint: &Endpoint, raw: &RawResponse<'_>, now: DateTime<Utc>) -> Result<Output, SeamError> {
    let checked = check(endpoint, raw, now)?;
    let body = envelope(raw)?;
    let status = Some(raw.status);
    let text = |key: &str| body.get(key).map(|value| value.get()).unwrap_or("null");
    let item = |key: &str, resource: Resource| -> Result<Item, SeamError> {
        Ok(match resource {
            Resource::Credential => Item::Credential(typed(text(key), key, status)?),
            Resource::Entrance => Item::Entrance(typed(text(key), key, status)?),
            Resource::ClientSession => Item::ClientSession(typed(text(key), key, status)?),
        })
    };
    Ok(match (endpoint.returns, checked.key) {
        (Returns::One { key, resource }, _) => Output::One(item(key, resource)?),
        (Returns::Maybe { key, .. }, _) if text(key) == "null" => Output::Maybe(None),
        (Returns::Maybe { key, resource }, _) => Output::Maybe(Some(item(key, resource)?)),
        (
            Returns::Many {
                key,
                resource,
                paginated,
            },
            _,
        ) => {
            let items = match resource {
                Resource::Credential => Items::Credentials(typed(text(key), key, status)?),
                Resource::Entrance => Items::Entrances(typed(text(key), key, status)?),
                Resource::ClientSession => Items::ClientSessions(typed(text(key), key, status)?),
            };
            let pagination = match body.get("pagination") {
                Some(value) if paginated => Some(typed(value.get(), "pagination", status)?),
                _ => None,
            };
            Output::Many { items, pagination }
        }
        (Returns::Nothing, _) => Output::Nothing,
    })
}

/// Deserializes text that [`check`] already accepted; the models accept what the shapes
/// accept (a test holds them to it), so this fails only if they drift apart.
fn typed<T: DeserializeOwned>(text: &str, key: &str, status: Option<u16>) -> Result<T, SeamError> {
    serde_json::from_str(text).map_err(|_| parse_error(status, key, "does not match the model"))
}

/// Checks JSON text that did not come from a call (a webhook payload, a stored
/// credential) against `shape`.
pub fn check_json(shape: &Shape, text: &str) -> Result<(), SeamError> {
    check_at(shape, text, "", None)
}

/// Reads one object from JSON text that did not come from a call: [`check_json`], then
/// deserialize.
pub fn parse_json<T: DeserializeOwned>(shape: &Shape, text: &str) -> Result<T, SeamError> {
    check_json(shape, text)?;
    typed(text, "", None)
}

// ------------------------------------------------------------------ errors

/// Reads an error answer: Seam's `{"error": {"type", "message", "data"?, "validation_errors"?,
/// "request_id"?}}`, or a 401 whatever its body, or else a parse error saying what came.
fn failure(raw: &RawResponse<'_>, now: DateTime<Utc>) -> SeamError {
    let status = raw.status;
    let body = serde_json::from_str::<Value>(raw.body).ok();
    let error = body.as_ref().and_then(|body| body.get("error"));
    let text = |name: &str| error.and_then(|error| error.get(name)).and_then(Value::as_str);
    let api = |kind, code: &str, message: &str| {
        let validation_errors = error.and_then(|error| error.get("validation_errors")).cloned();
        SeamError::Api(Box::new(ApiError {
            kind,
            code: code.to_owned(),
            message: message.to_owned(),
            status,
            request_id: raw.request_id.or(text("request_id")).map(str::to_owned),
            data: error.and_then(|error| error.get("data")).cloned(),
            field_errors: validation_errors.as_ref().map(field_errors).unwrap_or_default(),
            validation_errors,
            retry_after_ms: raw.retry_after_ms(now),
        }))
    };
    match (text("type"), text("message")) {
        (Some(code), Some(message)) => {
            let kind = match (status, code) {
                (401, _) => ApiErrorKind::Unauthorized,
                (_, "invalid_input") => ApiErrorKind::InvalidInput,
                _ => ApiErrorKind::Other,
            };
            api(kind, code, message)
        }
        // A 401 means the same whatever the body says.
        _ if status == 401 => api(ApiErrorKind::Unauthorized, "unauthorized", "the token was not accepted"),
        _ => {
            let message = match &body {
                _ if raw.body.trim().is_empty() => "the body is empty",
                None => "the body is not JSON",
                Some(Value::Object(_)) => {
                    return parse_error(
                        Some(status),
                        "error",
                        "an error status without an error in Seam's format",
                    )
                }
                Some(_) => "the body is not a JSON object",
            };
            parse_error(Some(status), "", message)
        }
    }
}

/// Flattens Seam's `validation_errors` (zod's `format()` shape:
/// `{"_errors": [], "code": {"_errors": ["Invalid"]}}`) to one entry per field.
fn field_errors(tree: &Value) -> Vec<FieldError> {
    fn walk(node: &Value, path: &str, out: &mut Vec<FieldError>) {
        let Value::Object(object) = node else { return };
        for (key, child) in object {
            if key == "_errors" {
                let messages: Vec<String> = child
                    .as_array()
                    .map(|items| items.iter().filter_map(Value::as_str).map(str::to_owned).collect())
                    .unwrap_or_default();
                if !messages.is_empty() {
                    out.push(FieldError {
                        path: path.to_owned(),
                        messages,
                    });
                }
            } else {
                let child_path = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                walk(child, &child_path, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(tree, "", &mut out);
    out
}
