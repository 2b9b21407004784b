//! Whether and when to send a failed request again: a pure decision, so the transport
//! only sleeps and re-sends.
//!
//! A read is retried on 429, 502, 503, 504 and network errors, with exponential backoff
//! and jitter, honouring `Retry-After`. A mutation (create, update, delete, assign,
//! unassign) is re-sent only after a 429, which says the first one was not processed: a
//! reset connection after a create may mean the credential exists, and a second create
//! would issue a second door credential. A timeout is never retried: the timeout bounds
//! the whole call.

use crate::datetime::{parse_http_date, Timestamp};
use crate::endpoints::Endpoint;
use crate::error::SeamError;

/// How hard to try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// The first backoff; it doubles with each retry.
    pub base_delay_ms: u64,
    pub max_delay_ms: u64,
    /// A `Retry-After` longer than this is not waited for: the error is returned instead.
    pub max_retry_after_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            base_delay_ms: 200,
            max_delay_ms: 5_000,
            max_retry_after_ms: 30_000,
        }
    }
}

/// The delay before the next attempt, or `None` to give up and return `error`.
///
/// `retries_done` counts the retries already made; `retry_after_ms` is the answer's
/// `Retry-After`; `jitter` is a random number in `[0, 1)` (the caller's randomness keeps
/// this function pure); `remaining_ms` is the time left before the call's timeout.
pub fn decide(
    endpoint: &Endpoint,
    error: &SeamError,
    retry_after_ms: Option<u64>,
    retries_done: u32,
    policy: &RetryPolicy,
    jitter: f64,
    remaining_ms: Option<u64>,
) -> Option<u64> {
    if retries_done >= policy.max_retries {
        return None;
    }
    let status = match error {
        SeamError::Api(api) => Some(api.status),
        SeamError::Parse {
            status: Some(status), ..
        } => Some(*status),
        SeamError::Network { .. } => None,
        _ => return None,
    };
    let retryable = match status {
        Some(429) => true,
        Some(502..=504) | None => endpoint.retry_safe,
        Some(_) => false,
    };
    if !retryable {
        return None;
    }
    let delay = match retry_after_ms {
        Some(wait) if wait > policy.max_retry_after_ms => return None,
        Some(wait) => wait,
        None => backoff(policy, retries_done, jitter),
    };
    match remaining_ms {
        Some(left) if delay >= left => None,
        _ => Some(delay),
    }
}

/// Exponential backoff with "equal jitter": half fixed, half random, so clients that
/// failed together do not come back together.
fn backoff(policy: &RetryPolicy, retries_done: u32, jitter: f64) -> u64 {
    let exponential = policy
        .base_delay_ms
        .saturating_mul(1u64 << retries_done.min(20))
        .min(policy.max_delay_ms);
    let jitter = if jitter.is_finite() {
        jitter.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let half = exponential / 2;
    half + (half as f64 * jitter) as u64
}

/// `Retry-After` as milliseconds from `now`: either delta-seconds (`"2"`) or an HTTP date.
pub fn parse_retry_after(value: &str, now: Timestamp) -> Option<u64> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(seconds.saturating_mul(1000));
    }
    let at = parse_http_date(value)?.saturating_mul(1000);
    Some(u64::try_from(at.saturating_sub(now.as_millis())).unwrap_or(0))
}
