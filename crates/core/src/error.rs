//! Everything that can go wrong with a call, as one typed value.
//!
//! The transport (the wasm crate) produces the network, timeout and abort cases; all the
//! others come from this crate. No variant holds a token, so neither `Debug` nor
//! `Display` can print one.

use crate::auth::AuthMode;
use crate::prelude::*;
use crate::text::decimal;
use crate::validate::ValidationIssue;
use core::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum SeamError {
    /// The request is invalid; nothing was sent.
    Validation { issues: Vec<ValidationIssue> },
    /// This auth mode may not call this endpoint (the contract's `security` line); nothing was
    /// sent. `accepted` lists the modes that may.
    NotAllowed {
        path: String,
        mode: AuthMode,
        accepted: &'static [AuthMode],
    },
    /// A token of the wrong kind for the constructor, or malformed.
    InvalidToken { message: String },
    /// An endpoint URL that is malformed, or would send a token in clear text.
    InvalidEndpoint { message: String },
    /// The server answered with an error.
    Api(Box<ApiError>),
    /// An answer (or a webhook payload: `status` is `None`) could not be read: not JSON,
    /// or not the documented shape. `path` names the failing field.
    Parse {
        status: Option<u16>,
        path: String,
        message: String,
    },
    /// The request did not complete (connection refused or reset, DNS, CORS).
    Network { message: String },
    /// No complete answer within the timeout.
    Timeout { timeout_ms: u64 },
    /// The caller's `AbortSignal` aborted the call.
    Aborted,
    /// The action attempt the call waited for ended in `error` (its `type` and `message`).
    ActionAttemptFailed { code: String, message: String },
    /// The action attempt was still pending when the wait's `timeoutMs` ran out.
    ActionAttemptTimeout { timeout_ms: u64 },
}

/// Which error class an API error is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiErrorKind {
    /// HTTP 401.
    Unauthorized,
    /// `type: "invalid_input"`, with `validation_errors`.
    InvalidInput,
    Other,
}

/// An error answer in Seam's format: `{"error": {"type", "message", "data"?, "validation_errors"?}}`.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub kind: ApiErrorKind,
    /// Seam's error type, e.g. `acs_credential_not_found`.
    pub code: String,
    pub message: String,
    pub status: u16,
    /// The `seam-request-id` header (or the body's `request_id`), for support requests.
    pub request_id: Option<String>,
    /// `error.data` as Seam sent it, as JSON text (`None` through a view that keeps the
    /// values themselves: [`crate::node::Node::to_json`]).
    pub data: Option<String>,
    /// `error.validation_errors` as Seam sent it, as JSON text (as `data`).
    pub validation_errors: Option<String>,
    /// `validation_errors` flattened to one entry per field.
    pub field_errors: Vec<FieldError>,
    /// `Retry-After` in milliseconds, when a 429 or 503 carried it.
    pub retry_after_ms: Option<u64>,
}

/// The server's complaint about one field.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    pub path: String,
    pub messages: Vec<String>,
}

impl SeamError {
    /// Both results, or the error; when both are validation errors, one listing every
    /// issue, so that a caller sees all of its options' problems at once.
    pub fn both<A, B>(a: Result<A, SeamError>, b: Result<B, SeamError>) -> Result<(A, B), SeamError> {
        match (a, b) {
            (Ok(a), Ok(b)) => Ok((a, b)),
            (Err(SeamError::Validation { mut issues }), Err(SeamError::Validation { issues: more })) => {
                issues.extend(more);
                Err(SeamError::Validation { issues })
            }
            (Err(error), _) | (_, Err(error)) => Err(error),
        }
    }

    /// The class name the JS package throws for this error.
    pub fn class_name(&self) -> &'static str {
        match self {
            SeamError::Validation { .. } => "SeamValidationError",
            SeamError::NotAllowed { .. } => "SeamNotAllowedError",
            SeamError::InvalidToken { .. } => "SeamInvalidTokenError",
            SeamError::InvalidEndpoint { .. } => "SeamInvalidEndpointError",
            SeamError::Api(api) => match api.kind {
                ApiErrorKind::Unauthorized => "SeamUnauthorizedError",
                ApiErrorKind::InvalidInput => "SeamInvalidInputError",
                ApiErrorKind::Other => "SeamApiError",
            },
            SeamError::Parse { .. } => "SeamParseError",
            SeamError::Network { .. } => "SeamNetworkError",
            SeamError::Timeout { .. } => "SeamTimeoutError",
            SeamError::Aborted => "SeamAbortError",
            SeamError::ActionAttemptFailed { .. } => "SeamActionAttemptFailedError",
            SeamError::ActionAttemptTimeout { .. } => "SeamActionAttemptTimeoutError",
        }
    }
}

/// The message of a [`SeamError::Validation`] of `issues` (alone: a module that makes only
/// these, the bulk runs', need not carry every message of [`SeamError::message`]). Inlined,
/// so that [`SeamError::message`] compiles as it did before it was split out.
#[inline]
pub fn invalid_message(issues: &[ValidationIssue]) -> String {
    let messages: Vec<&str> = issues.iter().map(|issue| issue.message.as_str()).collect();
    ["invalid request, nothing was sent: ", &messages.join("; ")].concat()
}

impl SeamError {
    /// The message a user reads: what went wrong, never a token or a value sent.
    pub fn message(&self) -> String {
        match self {
            SeamError::Validation { issues } => invalid_message(issues),
            SeamError::NotAllowed { path, mode, accepted } => {
                let mut text = [
                    path,
                    " cannot be called with ",
                    mode.describe(),
                    " (nothing was sent); it accepts ",
                ]
                .concat();
                for (i, mode) in accepted.iter().enumerate() {
                    text.push_str(match i {
                        0 => "",
                        i if i + 1 == accepted.len() => " or ",
                        _ => ", ",
                    });
                    text.push_str(mode.describe());
                }
                text
            }
            SeamError::InvalidToken { message } | SeamError::InvalidEndpoint { message } => message.clone(),
            SeamError::Api(api) => [
                &api.message,
                " (",
                &api.code,
                ", HTTP ",
                &decimal(api.status.into()),
                ")",
            ]
            .concat(),
            SeamError::Parse { status, path, message } => {
                let mut text = match status {
                    Some(status) => ["could not read the HTTP ", &decimal((*status).into()), " answer"].concat(),
                    None => "could not read the JSON".to_owned(),
                };
                if !path.is_empty() {
                    text.push_str(" at ");
                    text.push_str(path);
                }
                [&text, ": ", message].concat()
            }
            SeamError::Network { message } => ["network error: ", message].concat(),
            SeamError::Timeout { timeout_ms } => ["no answer within ", &decimal(*timeout_ms), " ms"].concat(),
            SeamError::Aborted => "the call was aborted".to_owned(),
            SeamError::ActionAttemptFailed { code, message } => {
                ["the action attempt failed: ", message, " (", code, ")"].concat()
            }
            SeamError::ActionAttemptTimeout { timeout_ms } => [
                "the action attempt was still pending after ",
                &decimal(*timeout_ms),
                " ms",
            ]
            .concat(),
        }
    }
}

impl fmt::Display for SeamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl core::error::Error for SeamError {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::IssueCode;

    fn invalid(path: &str) -> SeamError {
        SeamError::Validation {
            issues: vec![ValidationIssue {
                path: path.to_owned(),
                code: IssueCode::Type,
                message: format!("{path} is wrong"),
            }],
        }
    }

    #[test]
    fn both_lists_every_validation_issue_and_else_keeps_the_first_error() {
        assert_eq!(
            SeamError::both(Ok::<_, SeamError>(1), Ok::<_, SeamError>("a")),
            Ok((1, "a"))
        );
        let issues = |error: Result<((), ()), SeamError>| match error {
            Err(SeamError::Validation { issues }) => issues.into_iter().map(|i| i.path).collect::<Vec<_>>(),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            issues(SeamError::both(Err(invalid("a")), Err(invalid("b")))),
            ["a", "b"]
        );
        assert_eq!(issues(SeamError::both(Ok(()), Err(invalid("b")))), ["b"]);
        assert_eq!(
            SeamError::both::<(), ()>(Err(SeamError::Aborted), Err(invalid("b"))),
            Err(SeamError::Aborted)
        );
        assert_eq!(
            SeamError::both::<(), ()>(Err(invalid("a")), Err(SeamError::Aborted)),
            Err(invalid("a"))
        );
    }
}
