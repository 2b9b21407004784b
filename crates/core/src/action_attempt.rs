//! Waiting for an action attempt: what an endpoint with an `x-action-attempt-type`
//! (`/acs/encoders/encode_credential`, …) answers is a `pending` attempt that succeeds or
//! fails later. [`crate::call::Call`] polls `/action_attempts/get` until it does, as
//! `@seamapi/http` 2.32.0 does by default (`resolveActionAttempt`: every 1,000 ms, giving up
//! after 10,000 ms); the options and the attempt's reading are here.

use crate::auth::Auth;
use crate::config::{number, option_issue, MAX_TIMEOUT_MS};
use crate::error::SeamError;
use crate::node::{Kind, Node};
use crate::prelude::*;
use crate::request::{percent_encoded, HttpRequest};
use crate::text::decimal;
use crate::validate::IssueCode;

/// `@seamapi/http`'s default `timeout`.
pub const DEFAULT_WAIT_TIMEOUT_MS: u64 = 10_000;
/// `@seamapi/http`'s default `pollingInterval`.
pub const DEFAULT_POLLING_INTERVAL_MS: u64 = 1_000;

/// How long to wait for an attempt, and how often to ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wait {
    /// From the first answer: after it, a still pending attempt is an
    /// [`SeamError::ActionAttemptTimeout`].
    pub timeout_ms: u64,
    pub polling_interval_ms: u64,
}

impl Default for Wait {
    fn default() -> Self {
        Wait {
            timeout_ms: DEFAULT_WAIT_TIMEOUT_MS,
            polling_interval_ms: DEFAULT_POLLING_INTERVAL_MS,
        }
    }
}

/// The `waitForActionAttempt` option as the JS caller gave it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum WaitOption {
    /// `true` (the defaults) or `false` (resolve with the pending attempt).
    Flag(bool),
    /// `{ timeoutMs?, pollingIntervalMs? }`; a missing one is the default (a non-number: NaN).
    Object {
        timeout_ms: Option<f64>,
        polling_interval_ms: Option<f64>,
    },
    /// Anything else.
    Invalid,
}

/// Reads the option: `None` means do not wait.
pub fn wait(option: WaitOption) -> Result<Option<Wait>, SeamError> {
    const NAME: &str = "waitForActionAttempt";
    let mut issues = Vec::new();
    let mut millis = |value: Option<f64>, path: &str, default: u64| match value {
        None => default,
        Some(ms) if crate::float::fract(ms) == 0.0 && ms >= 1.0 && ms <= MAX_TIMEOUT_MS as f64 => ms as u64,
        Some(_) => {
            issues.push(option_issue(
                &[NAME, ".", path].concat(),
                IssueCode::Minimum,
                ["a whole number of milliseconds from 1 to ", &decimal(MAX_TIMEOUT_MS)].concat(),
            ));
            default
        }
    };
    let wait = match option {
        WaitOption::Flag(false) => None,
        WaitOption::Flag(true) => Some(Wait::default()),
        WaitOption::Object {
            timeout_ms,
            polling_interval_ms,
        } => Some(Wait {
            timeout_ms: millis(timeout_ms, "timeoutMs", DEFAULT_WAIT_TIMEOUT_MS),
            polling_interval_ms: millis(polling_interval_ms, "pollingIntervalMs", DEFAULT_POLLING_INTERVAL_MS),
        }),
        WaitOption::Invalid => {
            issues.push(option_issue(
                NAME,
                IssueCode::Type,
                "true, false or { timeoutMs, pollingIntervalMs }".to_owned(),
            ));
            None
        }
    };
    match issues.is_empty() {
        true => Ok(wait),
        false => Err(SeamError::Validation { issues }),
    }
}

/// Reads a `waitForActionAttempt` option (a client's or a call's) from the caller's
/// options: `None` when not given.
pub fn read_wait<N: Node>(options: &N) -> Result<Option<Option<Wait>>, SeamError> {
    let Some(value) = options.get("waitForActionAttempt") else {
        return Ok(None);
    };
    let option = match value.kind() {
        Kind::Bool => WaitOption::Flag(value.as_bool() == Some(true)),
        Kind::Object | Kind::Array => WaitOption::Object {
            timeout_ms: number(&value, "timeoutMs"),
            polling_interval_ms: number(&value, "pollingIntervalMs"),
        },
        Kind::Null | Kind::Number | Kind::String => WaitOption::Invalid,
    };
    wait(option).map(Some)
}

/// Where an action attempt stands, read from an answer's `action_attempt`.
#[derive(Debug, PartialEq)]
pub enum Progress {
    Success,
    /// `error: { type, message }` as sent (empty when missing).
    Failed {
        code: String,
        message: String,
    },
    /// Still pending (or a status this version does not know): ask again with this id.
    Pending {
        id: String,
    },
}

/// Reads `body.action_attempt` (which the answer check found to be an object with an id).
pub fn progress<N: Node>(body: &N) -> Option<Progress> {
    let attempt = body.get("action_attempt")?;
    let text = |node: Option<N>, key| node.and_then(|n| n.get(key)).and_then(|v| v.as_string());
    match text(Some(attempt.clone()), "status").as_deref() {
        Some("success") => Some(Progress::Success),
        Some("error") => {
            let error = attempt.get("error");
            Some(Progress::Failed {
                code: text(error.clone(), "type").unwrap_or_default(),
                message: text(error, "message").unwrap_or_default(),
            })
        }
        _ => text(Some(attempt), "action_attempt_id").map(|id| Progress::Pending { id }),
    }
}

/// `GET /action_attempts/get?action_attempt_id=…`: the poll (the id is the server's own).
pub fn poll_request<B>(auth: &Auth, base_url: &str, id: &str) -> HttpRequest<B> {
    HttpRequest {
        method: "GET",
        url: [
            base_url,
            "/action_attempts/get?action_attempt_id=",
            &percent_encoded(id),
        ]
        .concat(),
        headers: auth.headers(),
        body: None,
    }
}
