//! Reading an HTTP answer into the typed result or a typed error, without I/O.

use crate::endpoints::{Endpoint, Resource, Returns};
use crate::error::{ApiError, ApiErrorKind, FieldError, SeamError};
use crate::models::{AcsCredential, AcsEntrance, ClientSession, Pagination};
use crate::retry::parse_retry_after;
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
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
    pub body: &'a [u8],
}

impl RawResponse<'_> {
    /// `Retry-After` in milliseconds from `now`, when present and readable.
    pub fn retry_after_ms(&self, now: DateTime<Utc>) -> Option<u64> {
        self.retry_after.and_then(|value| parse_retry_after(value, now))
    }
}

/// One object of any resource an endpoint returns.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
#[allow(clippy::large_enum_variant, reason = "one object per answer; lists use `Items`")]
pub enum Item {
    Credential(AcsCredential),
    Entrance(AcsEntrance),
    ClientSession(ClientSession),
}

/// The objects of a list answer, one `Vec` per resource so items take no more room than they need.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
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

/// A successful answer, shaped by the endpoint's [`Returns`].
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    One(Item),
    Maybe(Option<Item>),
    /// `pagination` is `None` for unpaginated lists, and when a paginated answer lacks it
    /// (then there is no next page).
    Many {
        items: Items,
        pagination: Option<Pagination>,
    },
    Nothing,
}

/// Reads the answer to a call of `endpoint`.
pub fn parse(endpoint: &Endpoint, raw: &RawResponse<'_>, now: DateTime<Utc>) -> Result<Output, SeamError> {
    if (200..300).contains(&raw.status) {
        parse_success(endpoint, raw)
    } else {
        Err(parse_failure(raw, now))
    }
}

/// The top-level keys of a JSON object, each value left unparsed until it is needed.
type Envelope<'a> = BTreeMap<String, &'a RawValue>;

fn parse_error(status: u16, path: &str, message: impl Into<String>) -> SeamError {
    SeamError::Parse {
        status: Some(status),
        path: path.to_owned(),
        message: message.into(),
    }
}

/// Reads one object from JSON text that did not come from a call: a webhook payload
/// ([`crate::models::AcsCredentialEvent`]) or a stored credential.
pub fn parse_json<T: DeserializeOwned>(text: &str) -> Result<T, SeamError> {
    from_json_at(text, "").map_err(|(path, message)| SeamError::Parse {
        status: None,
        path,
        message,
    })
}

fn envelope<'a>(raw: &RawResponse<'a>) -> Result<Envelope<'a>, SeamError> {
    if raw.body.iter().all(u8::is_ascii_whitespace) {
        return Err(parse_error(raw.status, "", "the body is empty"));
    }
    serde_json::from_slice::<Envelope<'a>>(raw.body).map_err(|error| {
        let message = if error.is_syntax() || error.is_eof() {
            format!("the body is not JSON ({})", describe(&error))
        } else {
            "the body is not a JSON object".to_owned()
        };
        parse_error(raw.status, "", message)
    })
}

fn parse_success(endpoint: &Endpoint, raw: &RawResponse<'_>) -> Result<Output, SeamError> {
    let body = envelope(raw)?;
    let status = raw.status;
    match endpoint.returns {
        Returns::One { key, resource } => match body.get(key) {
            Some(value) => Ok(Output::One(item(resource, value, key, status)?)),
            None => Err(parse_error(status, key, "missing")),
        },
        Returns::Maybe { key, resource } => match body.get(key) {
            Some(value) if value.get() != "null" => Ok(Output::Maybe(Some(item(resource, value, key, status)?))),
            _ => Ok(Output::Maybe(None)),
        },
        Returns::Many {
            key,
            resource,
            paginated,
        } => {
            let Some(value) = body.get(key) else {
                return Err(parse_error(status, key, "missing"));
            };
            let items = items(resource, value, key, status)?;
            let pagination = match body.get("pagination") {
                Some(value) if paginated => Some(typed::<Pagination>(value, "pagination", status)?),
                _ => None,
            };
            Ok(Output::Many { items, pagination })
        }
        Returns::Nothing => Ok(Output::Nothing),
    }
}

fn item(resource: Resource, value: &RawValue, key: &str, status: u16) -> Result<Item, SeamError> {
    Ok(match resource {
        Resource::Credential => Item::Credential(typed(value, key, status)?),
        Resource::Entrance => Item::Entrance(typed(value, key, status)?),
        Resource::ClientSession => Item::ClientSession(typed(value, key, status)?),
    })
}

fn items(resource: Resource, value: &RawValue, key: &str, status: u16) -> Result<Items, SeamError> {
    Ok(match resource {
        Resource::Credential => Items::Credentials(typed(value, key, status)?),
        Resource::Entrance => Items::Entrances(typed(value, key, status)?),
        Resource::ClientSession => Items::ClientSessions(typed(value, key, status)?),
    })
}

/// Deserializes `value` (found under `key`), naming the exact field path on failure.
fn typed<T: DeserializeOwned>(value: &RawValue, key: &str, status: u16) -> Result<T, SeamError> {
    from_json_at(value.get(), key).map_err(|(path, message)| parse_error(status, &path, message))
}

/// Deserializes JSON text; on failure returns the path of the failing field (prefixed by
/// `prefix`) and a description that does not repeat any value from the text.
pub fn from_json_at<T: DeserializeOwned>(text: &str, prefix: &str) -> Result<T, (String, String)> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let message = describe(error.inner());
        let mut path = prefix.to_owned();
        let inner = error.path().to_string();
        if inner != "." {
            push_path(&mut path, &inner);
        }
        // serde reports a missing field at its parent object; name the field itself.
        if let Some(field) = message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.strip_suffix('`'))
        {
            push_path(&mut path, field);
        }
        (path, message)
    })
}

fn push_path(path: &mut String, segment: &str) {
    if !path.is_empty() && !segment.starts_with('[') {
        path.push('.');
    }
    path.push_str(segment);
}

/// serde_json's message without the values it quotes: a response may hold a token
/// (a client session's), and error messages end up in logs.
fn describe(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let text = text.split(" at line ").next().unwrap_or_default();
    let mut out = String::with_capacity(text.len());
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' if quoted => {
                quoted = false;
                out.push_str("…\"");
            }
            '"' => {
                quoted = true;
                out.push('"');
            }
            _ if quoted => {}
            c => out.push(c),
        }
    }
    out
}

/// Seam's error body: `{"error": {"type", "message", "data"?, "validation_errors"?, "request_id"?}}`.
#[derive(Deserialize)]
struct ErrorEnvelope {
    error: ErrorBody,
}

#[derive(Deserialize)]
struct ErrorBody {
    #[serde(rename = "type")]
    code: String,
    message: String,
    #[serde(default)]
    data: Option<Value>,
    #[serde(default)]
    validation_errors: Option<Value>,
    #[serde(default)]
    request_id: Option<String>,
}

fn parse_failure(raw: &RawResponse<'_>, now: DateTime<Utc>) -> SeamError {
    let status = raw.status;
    let kind = |code: &str| match (status, code) {
        (401, _) => ApiErrorKind::Unauthorized,
        (_, "invalid_input") => ApiErrorKind::InvalidInput,
        _ => ApiErrorKind::Other,
    };
    let retry_after_ms = raw.retry_after_ms(now);
    match serde_json::from_slice::<ErrorEnvelope>(raw.body) {
        Ok(ErrorEnvelope { error }) => {
            let field_errors = error.validation_errors.as_ref().map(field_errors).unwrap_or_default();
            SeamError::Api(Box::new(ApiError {
                kind: kind(&error.code),
                request_id: raw.request_id.map(str::to_owned).or(error.request_id),
                code: error.code,
                message: error.message,
                status,
                data: error.data,
                validation_errors: error.validation_errors,
                field_errors,
                retry_after_ms,
            }))
        }
        // A 401 means the same whatever the body says.
        Err(_) if status == 401 => SeamError::Api(Box::new(ApiError {
            kind: ApiErrorKind::Unauthorized,
            code: "unauthorized".to_owned(),
            message: "the token was not accepted".to_owned(),
            status,
            request_id: raw.request_id.map(str::to_owned),
            data: None,
            validation_errors: None,
            field_errors: Vec::new(),
            retry_after_ms,
        })),
        Err(_) => match envelope(raw) {
            Err(error) => error,
            Ok(_) => parse_error(status, "error", "an error status without an error in Seam's format"),
        },
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
