//! Reading an HTTP answer, without I/O: [`check`] says whether it is a success of the
//! documented shape (and under which key its result is) or which typed error it is;
//! [`parse`] also builds the typed models, for Rust callers.
//!
//! The npm package uses [`check_answer`]: the engine's `JSON.parse` builds the objects, and
//! the same rules read them through [`Node`], so the answer is never copied into wasm.

use crate::datetime::Timestamp;
use crate::endpoints::{Endpoint, Resource, Returns};
use crate::error::{ApiError, ApiErrorKind, FieldError, SeamError};
use crate::models::{AcsCredential, AcsEntrance, ClientSession, Pagination};
use crate::node::{Kind, Node};
use crate::prelude::*;
use crate::retry::parse_retry_after;
use crate::shape::{self, AnswerIssue, AnswerMode, Shape};
use serde::de::DeserializeOwned;
use serde_json::Value;

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

impl<'a> RawResponse<'a> {
    /// The same answer with its body read as `body`.
    fn answer<N>(&self, body: Body<N>) -> Answer<'a, N> {
        Answer {
            status: self.status,
            request_id: self.request_id,
            retry_after: self.retry_after,
            body,
        }
    }

    /// `Retry-After` in milliseconds from `now`, when present and readable.
    pub fn retry_after_ms(&self, now: Timestamp) -> Option<u64> {
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
    /// What did not match the contract but was accepted ([`AnswerMode::Lenient`]): for the
    /// caller to report, never to drop.
    pub issues: Vec<AnswerIssue>,
}

/// An HTTP answer whose body someone else parsed (the npm package: the engine's `JSON.parse`).
#[derive(Debug, Clone)]
pub struct Answer<'a, N> {
    pub status: u16,
    /// The `seam-request-id` header.
    pub request_id: Option<&'a str>,
    /// The `Retry-After` header.
    pub retry_after: Option<&'a str>,
    pub body: Body<N>,
}

impl<N> Answer<'_, N> {
    /// `Retry-After` in milliseconds from `now`, when present and readable (whatever the
    /// body: a 429 that is not in Seam's format still says when to come back).
    pub fn retry_after_ms(&self, now: Timestamp) -> Option<u64> {
        self.retry_after.and_then(|value| parse_retry_after(value, now))
    }
}

/// What the body of an answer turned out to be.
#[derive(Debug, Clone)]
pub enum Body<N> {
    /// Nothing, or only white space.
    Empty,
    NotJson,
    Json(N),
}

/// Checks the answer to a call of `endpoint`: `Ok` for a success of the documented shape,
/// else the typed error (a Seam error body, a 401, a body that is not JSON or not the shape).
/// For Rust callers: the body is parsed into a `serde_json::Value` and read by the same
/// checker the npm package runs over the engine's objects ([`check_answer`]).
pub fn check(
    endpoint: &Endpoint,
    raw: &RawResponse<'_>,
    now: Timestamp,
    mode: AnswerMode,
) -> Result<Checked, SeamError> {
    let value = serde_json::from_str::<Value>(raw.body).ok();
    check_answer(endpoint, &raw.answer(body_of(raw.body, value.as_ref())), now, mode)
}

/// What a body turned out to be, given its text and its parsed value (if it parsed).
fn body_of<'v>(text: &str, value: Option<&'v Value>) -> Body<&'v Value> {
    match value {
        _ if text.trim().is_empty() => Body::Empty,
        None => Body::NotJson,
        Some(value) => Body::Json(value),
    }
}

/// [`check`] for an answer whose body is already parsed.
pub fn check_answer<N: Node>(
    endpoint: &Endpoint,
    answer: &Answer<'_, N>,
    now: Timestamp,
    mode: AnswerMode,
) -> Result<Checked, SeamError> {
    if !(200..300).contains(&answer.status) {
        return Err(failure(answer, now));
    }
    let Some(expected) = Expected::of(endpoint) else {
        return Ok(Checked::NOTHING);
    };
    let status = Some(answer.status);
    let node = match &answer.body {
        Body::Empty => return Err(parse_error(status, "", "the body is empty")),
        Body::NotJson => return Err(parse_error(status, "", "the body is not JSON")),
        Body::Json(node) => node,
    };
    let envelope = (expected.key, &expected.shape, expected.required);
    let issues = shape::check_envelope_node(node, envelope, expected.paginated, mode)
        .map_err(|error| parse_error(status, &error.path, error.message))?;
    Ok(Checked {
        key: Some(expected.key),
        paginated: expected.paginated,
        issues,
    })
}

impl Checked {
    const NOTHING: Checked = Checked {
        key: None,
        paginated: false,
        issues: Vec::new(),
    };
}

/// What a success of an endpoint must hold: the result under `key` of `shape`, and, for
/// a page, a `pagination`.
struct Expected {
    key: &'static str,
    shape: Shape,
    required: bool,
    paginated: bool,
}

impl Expected {
    /// `None` for a `delete`: nothing is read from its answer, its status says it all.
    fn of(endpoint: &Endpoint) -> Option<Expected> {
        let (key, shape, required, paginated) = match endpoint.returns {
            Returns::One { key, resource } => (key, *resource.shape(), true, false),
            Returns::Maybe { key, resource } => (key, Shape::Nullable(resource.shape()), false, false),
            Returns::Many {
                key,
                resource,
                paginated,
            } => (key, Shape::List(resource.shape()), true, paginated),
            Returns::Nothing => return None,
        };
        Some(Expected {
            key,
            shape,
            required,
            paginated,
        })
    }
}

fn parse_error(status: Option<u16>, path: &str, message: impl Into<String>) -> SeamError {
    SeamError::Parse {
        status,
        path: path.to_owned(),
        message: message.into(),
    }
}

// ------------------------------------------------------------------ typed results

/// One object of any resource an endpoint returns.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant, reason = "one object per answer; lists use `Items`")]
pub enum Item {
    Credential(AcsCredential),
    Entrance(AcsEntrance),
    ClientSession(ClientSession),
    /// A resource this enum has no variant for yet (`acs_system`), as checked JSON: its
    /// generated model (`crate::models::AcsSystem`) deserializes from it.
    Json(Value),
}

/// The objects of a list answer, one `Vec` per resource so items take no more room than they need.
#[derive(Debug, Clone, PartialEq)]
pub enum Items {
    Credentials(Vec<AcsCredential>),
    Entrances(Vec<AcsEntrance>),
    ClientSessions(Vec<ClientSession>),
    /// Resources [`Item`] has no variant for yet, as checked JSON.
    Json(Vec<Value>),
}

impl Items {
    pub fn len(&self) -> usize {
        match self {
            Items::Credentials(items) => items.len(),
            Items::Entrances(items) => items.len(),
            Items::ClientSessions(items) => items.len(),
            Items::Json(items) => items.len(),
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

/// Reads the answer to a call of `endpoint` into typed models: [`check`] in
/// [`AnswerMode::Strict`] (a typed model cannot hold a value of the wrong type), then
/// deserialize. `null` on a property the contract does not require reads as absent.
pub fn parse(endpoint: &Endpoint, raw: &RawResponse<'_>, now: Timestamp) -> Result<Output, SeamError> {
    let value = serde_json::from_str::<Value>(raw.body).ok();
    check_answer(
        endpoint,
        &raw.answer(body_of(raw.body, value.as_ref())),
        now,
        AnswerMode::Strict,
    )?;
    let status = Some(raw.status);
    let member = |key: &str| value.as_ref().and_then(|body| body.get(key)).unwrap_or(&Value::Null);
    let item = |key: &str, resource: Resource| -> Result<Item, SeamError> {
        let value = member(key);
        Ok(match resource {
            Resource::Credential => Item::Credential(typed(value, key, status)?),
            Resource::Entrance => Item::Entrance(typed(value, key, status)?),
            Resource::ClientSession => Item::ClientSession(typed(value, key, status)?),
            // A resource exposed from the contract after this enum was written.
            _ => Item::Json(value.clone()),
        })
    };
    Ok(match endpoint.returns {
        Returns::One { key, resource } => Output::One(item(key, resource)?),
        Returns::Maybe { key, .. } if member(key).is_null() => Output::Maybe(None),
        Returns::Maybe { key, resource } => Output::Maybe(Some(item(key, resource)?)),
        Returns::Many {
            key,
            resource,
            paginated,
        } => {
            let value = member(key);
            let items = match resource {
                Resource::Credential => Items::Credentials(typed(value, key, status)?),
                Resource::Entrance => Items::Entrances(typed(value, key, status)?),
                Resource::ClientSession => Items::ClientSessions(typed(value, key, status)?),
                _ => Items::Json(typed(value, key, status)?),
            };
            let pagination = match member("pagination") {
                pagination if paginated && !pagination.is_null() => Some(typed(pagination, "pagination", status)?),
                _ => None,
            };
            Output::Many { items, pagination }
        }
        Returns::Nothing => Output::Nothing,
    })
}

/// Deserializes a value that [`check`] already accepted; the models accept what the shapes
/// accept (a test holds them to it), so this fails only if they drift apart.
fn typed<T: DeserializeOwned>(value: &Value, key: &str, status: Option<u16>) -> Result<T, SeamError> {
    T::deserialize(value).map_err(|_| parse_error(status, key, "does not match the model"))
}

/// Checks JSON text that did not come from a call (a webhook payload, a stored
/// credential) against `shape`: the issues accepted (lenient), or the error.
pub fn check_json(shape: &Shape, text: &str, mode: AnswerMode) -> Result<Vec<AnswerIssue>, SeamError> {
    shape::check(shape, text, mode).map_err(|error| parse_error(None, &error.path, error.message))
}

/// [`check_json`] over a value someone else parsed.
pub fn check_json_node<N: Node>(shape: &Shape, node: &N, mode: AnswerMode) -> Result<Vec<AnswerIssue>, SeamError> {
    shape::check_node(shape, node, mode).map_err(|error| parse_error(None, &error.path, error.message))
}

/// Reads one object from JSON text that did not come from a call: [`check_json`]
/// (strict, as for [`parse`]), then deserialize.
pub fn parse_json<T: DeserializeOwned>(shape: &Shape, text: &str) -> Result<T, SeamError> {
    check_json(shape, text, AnswerMode::Strict)?;
    let value: Value = serde_json::from_str(text).map_err(|_| not_json_input())?;
    typed(&value, "", None)
}

/// The error of JSON text that did not come from a call and is not JSON.
pub fn not_json_input() -> SeamError {
    parse_error(None, "", "the input is not JSON")
}

// ------------------------------------------------------------------ errors

/// Reads an error answer: Seam's `{"error": {"type", "message", "data"?, "validation_errors"?,
/// "request_id"?}}`, or a 401 whatever its body, or else a parse error saying what came.
pub fn failure<N: Node>(answer: &Answer<'_, N>, now: Timestamp) -> SeamError {
    let status = answer.status;
    let body = match &answer.body {
        Body::Json(node) => Some(node),
        Body::Empty | Body::NotJson => None,
    };
    let error = body.and_then(|body| body.get("error"));
    let member = |name: &'static str| error.as_ref().and_then(|error| error.get(name));
    let text = |name: &'static str| member(name).and_then(|value| value.as_string());
    let api = |kind, code: String, message: String| {
        let validation_errors = member("validation_errors").filter(|tree| tree.kind() != Kind::Null);
        SeamError::Api(Box::new(ApiError {
            kind,
            code,
            message,
            status,
            request_id: answer.request_id.map(str::to_owned).or_else(|| text("request_id")),
            data: member("data").and_then(|data| data.to_json()),
            field_errors: validation_errors.as_ref().map(field_errors).unwrap_or_default(),
            validation_errors: validation_errors.and_then(|tree| tree.to_json()),
            retry_after_ms: answer.retry_after_ms(now),
        }))
    };
    match (text("type"), text("message")) {
        (Some(code), Some(message)) => {
            let kind = match (status, code.as_str()) {
                (401, _) => ApiErrorKind::Unauthorized,
                (_, "invalid_input") => ApiErrorKind::InvalidInput,
                _ => ApiErrorKind::Other,
            };
            api(kind, code, message)
        }
        // A 401 means the same whatever the body says.
        _ if status == 401 => api(
            ApiErrorKind::Unauthorized,
            "unauthorized".to_owned(),
            "the token was not accepted".to_owned(),
        ),
        _ => {
            let message = match (&answer.body, body.map(Node::kind)) {
                (Body::Empty, _) => "the body is empty",
                (Body::NotJson, _) => "the body is not JSON",
                (_, Some(Kind::Object)) => {
                    return parse_error(
                        Some(status),
                        "error",
                        "an error status without an error in Seam's format",
                    )
                }
                _ => "the body is not a JSON object",
            };
            parse_error(Some(status), "", message)
        }
    }
}

/// Flattens Seam's `validation_errors` (zod's `format()` shape:
/// `{"_errors": [], "code": {"_errors": ["Invalid"]}}`) to one entry per field.
fn field_errors<N: Node>(tree: &N) -> Vec<FieldError> {
    fn walk<N: Node>(node: &N, path: &str, out: &mut Vec<FieldError>) {
        for key in node.keys() {
            let Some(child) = node.get_dynamic(&key) else { continue };
            if key == "_errors" {
                let messages: Vec<String> = child.items().iter().filter_map(Node::as_string).collect();
                if !messages.is_empty() {
                    out.push(FieldError {
                        path: path.to_owned(),
                        messages,
                    });
                }
            } else {
                let child_path = if path.is_empty() {
                    key
                } else {
                    [path, ".", &key].concat()
                };
                walk(&child, &child_path, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(tree, "", &mut out);
    out
}
