//! A client's settings and a call's overrides, checked once, before any call.

use crate::action_attempt::{self, Wait};
use crate::base_url;
use crate::error::SeamError;
use crate::node::Node;
use crate::prelude::*;
use crate::retry::RetryPolicy;
use crate::shape::AnswerMode;
use crate::text::decimal;
use crate::validate::{IssueCode, ValidationIssue};

/// Every call ends: without a timeout, a server that never answers would hang an
/// admin console for good (the official SDK has none).
pub const DEFAULT_TIMEOUT_MS: u64 = 30_000;
/// A longer timeout is almost certainly a unit mistake (seconds taken for minutes).
pub const MAX_TIMEOUT_MS: u64 = 10 * 60 * 1000;
pub const MAX_RETRIES: u32 = 10;

/// A client's checked settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientConfig {
    /// The endpoint, without a trailing slash.
    pub base_url: String,
    pub timeout_ms: u64,
    pub retry: RetryPolicy,
    /// How answers are read: lenient unless the caller asks for strict.
    pub answers: AnswerMode,
    /// Whether (and how long) a call of an action-attempt endpoint waits for the attempt to
    /// succeed or fail: the `waitForActionAttempt` option, `@seamapi/http`'s defaults.
    pub wait: Option<Wait>,
}

/// Checks the client options as the JS caller gave them (numbers are JS numbers).
/// Every problem is reported at once, named by the option.
pub fn client_config(
    endpoint: Option<&str>,
    timeout_ms: Option<f64>,
    max_retries: Option<f64>,
    answers: Option<&str>,
) -> Result<ClientConfig, SeamError> {
    let base_url = base_url::check(endpoint.unwrap_or(base_url::DEFAULT_ENDPOINT))?;
    let mut issues = Vec::new();
    let timeout_ms = timeout(timeout_ms, &mut issues).unwrap_or(DEFAULT_TIMEOUT_MS);
    let max_retries = match max_retries {
        None => RetryPolicy::default().max_retries,
        Some(n) if crate::float::fract(n) == 0.0 && (0.0..=f64::from(MAX_RETRIES)).contains(&n) => n as u32,
        Some(_) => {
            issues.push(option_issue(
                "maxRetries",
                IssueCode::Minimum,
                ["a whole number from 0 to ", &decimal(MAX_RETRIES.into())].concat(),
            ));
            0
        }
    };
    let answers = answer_mode(answers, &mut issues);
    if !issues.is_empty() {
        return Err(SeamError::Validation { issues });
    }
    Ok(ClientConfig {
        base_url,
        timeout_ms,
        retry: RetryPolicy {
            max_retries,
            ..RetryPolicy::default()
        },
        answers,
        wait: Some(Wait::default()),
    })
}

/// Reads a client's options `{ endpoint?, timeoutMs?, maxRetries?, answers?,
/// waitForActionAttempt? }` through the view of the caller's object (what else it holds is
/// the transport's): every problem at once, named by the option.
pub fn read_client<N: Node>(options: &N) -> Result<ClientConfig, SeamError> {
    let (endpoint, answers) = (text(options, "endpoint"), text(options, "answers"));
    let config = client_config(
        endpoint.as_deref(),
        number(options, "timeoutMs"),
        number(options, "maxRetries"),
        answers.as_deref(),
    );
    let (mut config, wait) = SeamError::both(config, action_attempt::read_wait(options))?;
    config.wait = wait.unwrap_or(config.wait);
    Ok(config)
}

/// Reads a call's `timeoutMs` option: see [`call_timeout`].
pub fn read_call_timeout<N: Node>(config: &ClientConfig, options: &N) -> Result<u64, SeamError> {
    call_timeout(config, number(options, "timeoutMs"))
}

/// Reads the `answers` option of a parse function: see [`answers`].
pub fn read_answers<N: Node>(options: &N) -> Result<AnswerMode, SeamError> {
    answers(text(options, "answers").as_deref())
}

/// The option `name` as a number (`NaN` for a value of another type, which the checks then
/// name), or `None` when absent.
pub(crate) fn number<N: Node>(options: &N, name: &'static str) -> Option<f64> {
    options.get(name).map(|value| value.as_f64().unwrap_or(f64::NAN))
}

/// The option `name` as a string (empty for a value of another type), or `None` when absent.
fn text<N: Node>(options: &N, name: &'static str) -> Option<String> {
    options.get(name).map(|value| value.as_string().unwrap_or_default())
}

/// Reads the `answers` option (`"lenient"`, the default, or `"strict"`), as given to a
/// client or to a parse function.
pub fn answers(value: Option<&str>) -> Result<AnswerMode, SeamError> {
    let mut issues = Vec::new();
    let mode = answer_mode(value, &mut issues);
    match issues.is_empty() {
        true => Ok(mode),
        false => Err(SeamError::Validation { issues }),
    }
}

fn answer_mode(value: Option<&str>, issues: &mut Vec<ValidationIssue>) -> AnswerMode {
    match value {
        None | Some("lenient") => AnswerMode::Lenient,
        Some("strict") => AnswerMode::Strict,
        Some(_) => {
            issues.push(option_issue(
                "answers",
                IssueCode::Enum,
                "\"lenient\" or \"strict\"".to_owned(),
            ));
            AnswerMode::Lenient
        }
    }
}

/// The timeout of one call: its own `timeoutMs` if given, else the client's.
pub fn call_timeout(config: &ClientConfig, timeout_ms: Option<f64>) -> Result<u64, SeamError> {
    let mut issues = Vec::new();
    match timeout(timeout_ms, &mut issues) {
        _ if !issues.is_empty() => Err(SeamError::Validation { issues }),
        Some(ms) => Ok(ms),
        None => Ok(config.timeout_ms),
    }
}

fn timeout(value: Option<f64>, issues: &mut Vec<ValidationIssue>) -> Option<u64> {
    match value {
        None => None,
        Some(ms) if ms.is_finite() && ms >= 1.0 && ms <= MAX_TIMEOUT_MS as f64 => Some(ms as u64),
        // A JS caller's non-number arrives as NaN.
        Some(ms) if ms.is_nan() => {
            issues.push(option_issue(
                "timeoutMs",
                IssueCode::Type,
                "a number of milliseconds".to_owned(),
            ));
            None
        }
        Some(_) => {
            issues.push(option_issue(
                "timeoutMs",
                IssueCode::Minimum,
                ["a number of milliseconds from 1 to ", &decimal(MAX_TIMEOUT_MS)].concat(),
            ));
            None
        }
    }
}

pub(crate) fn option_issue(path: &str, code: IssueCode, what: String) -> ValidationIssue {
    ValidationIssue {
        path: path.to_owned(),
        code,
        message: [path, " must be ", &what].concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_finite_and_options_are_checked() {
        let config = client_config(None, None, None, None).expect("defaults");
        assert_eq!(config.answers, AnswerMode::Lenient);
        assert_eq!(config.base_url, "https://connect.getseam.com");
        assert_eq!(config.timeout_ms, DEFAULT_TIMEOUT_MS);
        assert_eq!(config.retry.max_retries, 2);
        let custom =
            client_config(Some("http://127.0.0.1:9/"), Some(1500.0), Some(0.0), Some("strict")).expect("valid");
        assert_eq!(custom.answers, AnswerMode::Strict);
        assert_eq!(
            (custom.base_url.as_str(), custom.timeout_ms, custom.retry.max_retries),
            ("http://127.0.0.1:9", 1500, 0)
        );
        let Err(SeamError::Validation { issues }) = client_config(None, Some(f64::INFINITY), Some(2.5), Some("loose"))
        else {
            panic!()
        };
        let paths: Vec<&str> = issues.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(paths, vec!["timeoutMs", "maxRetries", "answers"]);
        assert_eq!(answers(Some("strict")), Ok(AnswerMode::Strict));
        assert_eq!(answers(None), Ok(AnswerMode::Lenient));
        assert!(answers(Some("")).is_err());
        assert!(matches!(
            client_config(Some("http://example.com"), None, None, None),
            Err(SeamError::InvalidEndpoint { .. })
        ));
        assert_eq!(call_timeout(&config, Some(250.0)), Ok(250));
        assert_eq!(call_timeout(&config, None), Ok(DEFAULT_TIMEOUT_MS));
        assert!(call_timeout(&config, Some(0.0)).is_err());
        assert!(call_timeout(&config, Some(f64::NAN)).is_err());
    }

    #[test]
    fn options_are_read_from_the_callers_object_and_named_when_wrong() {
        use crate::action_attempt::{read_wait, Wait};
        let options = serde_json::json!({ "endpoint": "http://127.0.0.1:9", "maxRetries": 1,
            "waitForActionAttempt": { "pollingIntervalMs": 500 }, "onAnswerIssue": "the transport's" });
        let config = read_client(&&options).expect("valid");
        assert_eq!(
            (config.base_url.as_str(), config.retry.max_retries),
            ("http://127.0.0.1:9", 1)
        );
        assert_eq!(config.wait.map(|wait| wait.polling_interval_ms), Some(500));
        assert_eq!(
            read_client(&&serde_json::Value::Null),
            client_config(None, None, None, None)
        );
        let wrong = serde_json::json!({ "timeoutMs": "5s", "answers": 1, "waitForActionAttempt": "yes" });
        let Err(SeamError::Validation { issues }) = read_client(&&wrong) else {
            panic!()
        };
        let paths: Vec<&str> = issues.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(paths, ["timeoutMs", "answers", "waitForActionAttempt"]);
        assert_eq!(issues[0].message, "timeoutMs must be a number of milliseconds");
        let off = serde_json::json!({ "waitForActionAttempt": false, "timeoutMs": 250 });
        assert_eq!(read_wait(&&off), Ok(Some(None)));
        assert_eq!(read_call_timeout(&config, &&off), Ok(250));
        assert_eq!(
            read_wait(&&serde_json::json!({ "waitForActionAttempt": [] })),
            Ok(Some(Some(Wait::default())))
        );
        assert_eq!(
            read_answers(&&serde_json::json!({ "answers": "strict" })),
            Ok(AnswerMode::Strict)
        );
    }
}
