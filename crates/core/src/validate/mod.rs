//! Checking a request before anything is sent.
//!
//! [`validate`] walks the endpoint's parameter description ([`spec`]) and its cross-field
//! [`Rule`]s and returns *every* problem at once, each naming its field. Messages never
//! repeat the value given (it may be long, or a secret pasted into the wrong box).

mod issue;
pub mod spec;

pub use issue::{IssueCode, ValidationIssue};
pub use spec::{Field, Kind, Rule};

use crate::endpoints::Endpoint;
use chrono::{DateTime, FixedOffset, Utc};
use serde_json::{Map, Value};

/// All problems with `params` for `endpoint`; empty when the request may be sent.
/// `now` is the clock for "must be in the future" rules, a parameter so tests are exact.
pub fn validate(endpoint: &Endpoint, params: &Value, now: DateTime<Utc>) -> Vec<ValidationIssue> {
    let mut issues = Vec::new();
    let empty = Map::new();
    let object = match params {
        Value::Object(object) => object,
        // No parameters at all is the same as `{}` (`list()`).
        Value::Null => &empty,
        _ => {
            issues.push(issue("", IssueCode::Type, "parameters must be an object"));
            return issues;
        }
    };
    check_object(endpoint.params, object, "", &mut issues);
    for rule in endpoint.rules {
        check_rule(rule, object, now, &mut issues);
    }
    issues
}

fn issue(path: &str, code: IssueCode, message: impl Into<String>) -> ValidationIssue {
    ValidationIssue {
        path: path.to_owned(),
        code,
        message: message.into(),
    }
}

fn join(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_owned()
    } else {
        format!("{parent}.{name}")
    }
}

fn check_object(fields: &[Field], object: &Map<String, Value>, parent: &str, out: &mut Vec<ValidationIssue>) {
    for key in object.keys() {
        if !fields.iter().any(|field| field.name == key) {
            let path = join(parent, key);
            out.push(issue(
                &path,
                IssueCode::UnknownField,
                format!("{path} is not a parameter of this endpoint"),
            ));
        }
    }
    for field in fields {
        let path = join(parent, field.name);
        match object.get(field.name) {
            None if field.required => out.push(issue(&path, IssueCode::Required, format!("{path} is required"))),
            None => {}
            Some(Value::Null) if field.nullable => {}
            Some(value) => check_value(&field.kind, value, &path, out),
        }
    }
}

fn check_value(kind: &Kind, value: &Value, path: &str, out: &mut Vec<ValidationIssue>) {
    match kind {
        Kind::Uuid => {
            if let Some(text) = expect_string(value, path, out) {
                if !is_uuid(text) {
                    out.push(issue(
                        path,
                        IssueCode::Format,
                        format!("{path} must be a UUID such as 3c90c3cc-0d44-4b50-8888-8dd25736052a"),
                    ));
                }
            }
        }
        Kind::DateTime => {
            if let Some(text) = expect_string(value, path, out) {
                if parse_date_time(text).is_none() {
                    out.push(issue(
                        path,
                        IssueCode::Format,
                        format!("{path} must be an ISO 8601 date-time with a time zone, such as 2030-01-02T15:04:05Z"),
                    ));
                }
            }
        }
        Kind::Digits => {
            if let Some(text) = expect_string(value, path, out) {
                if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
                    out.push(issue(
                        path,
                        IssueCode::Pattern,
                        format!("{path} must contain only digits (0-9)"),
                    ));
                }
            }
        }
        Kind::Text { min_len } => {
            if let Some(text) = expect_string(value, path, out) {
                if text.chars().count() < *min_len {
                    out.push(issue(path, IssueCode::MinLength, format!("{path} must not be empty")));
                }
            }
        }
        Kind::Bool => {
            if !value.is_boolean() {
                out.push(issue(path, IssueCode::Type, format!("{path} must be true or false")));
            }
        }
        Kind::PositiveInt => match value.as_f64() {
            None => out.push(issue(path, IssueCode::Type, format!("{path} must be a number"))),
            Some(n) if n.fract() != 0.0 || n < 1.0 => out.push(issue(
                path,
                IssueCode::Minimum,
                format!("{path} must be a whole number of at least 1"),
            )),
            Some(_) => {}
        },
        Kind::Enum(allowed) => {
            if let Some(text) = expect_string(value, path, out) {
                if !allowed.contains(&text) {
                    out.push(issue(
                        path,
                        IssueCode::Enum,
                        format!("{path} must be one of: {}", allowed.join(", ")),
                    ));
                }
            }
        }
        Kind::List(item) => match value {
            Value::Array(items) => {
                for (i, value) in items.iter().enumerate() {
                    check_value(item, value, &format!("{path}[{i}]"), out);
                }
            }
            _ => out.push(issue(path, IssueCode::Type, format!("{path} must be an array"))),
        },
        Kind::Object(fields) => match value {
            Value::Object(object) => check_object(fields, object, path, out),
            _ => out.push(issue(path, IssueCode::Type, format!("{path} must be an object"))),
        },
    }
}

fn expect_string<'a>(value: &'a Value, path: &str, out: &mut Vec<ValidationIssue>) -> Option<&'a str> {
    let text = value.as_str();
    if text.is_none() {
        out.push(issue(path, IssueCode::Type, format!("{path} must be a string")));
    }
    text
}

/// The hyphenated form only, as the contract's `format: uuid` means; the `uuid` crate
/// alone would also take braced, URN and unhyphenated forms.
pub fn is_uuid(text: &str) -> bool {
    text.len() == 36 && uuid::Uuid::try_parse(text).is_ok()
}

/// An RFC 3339 date-time, the `date-time` format of OpenAPI, in the form servers accept:
/// `2030-01-02T03:04:05Z`, with optional fractional seconds and a `±hh:mm` offset instead
/// of `Z`. chrono alone would also take a space or a lowercase `t`/`z` and a leap second
/// `:60`, which Seam's validation (zod's `datetime`) refuses.
pub fn parse_date_time(text: &str) -> Option<DateTime<FixedOffset>> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes.get(range).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let at = |i: usize, c: u8| bytes.get(i) == Some(&c);
    let fixed = digits(0..4) && at(4, b'-') && digits(5..7) && at(7, b'-') && digits(8..10) && at(10, b'T');
    let time = digits(11..13) && at(13, b':') && digits(14..16) && at(16, b':') && digits(17..19) && !at(17, b'6');
    if !(fixed && time) {
        return None;
    }
    let mut rest = bytes.get(19..).unwrap_or_default();
    if let Some(fraction) = rest.strip_prefix(b".") {
        let count = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        rest = fraction.get(count..).filter(|_| count > 0)?;
    }
    let zone = match rest {
        [b'Z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => [h1, h2, m1, m2].iter().all(|d| d.is_ascii_digit()),
        _ => false,
    };
    if zone {
        DateTime::parse_from_rfc3339(text).ok()
    } else {
        None
    }
}

/// A top-level parameter counts as given when it is present and not `null`.
fn given<'a>(object: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    object.get(name).filter(|value| !value.is_null())
}

/// A given date-time parameter, when it parses (a malformed one was reported already).
fn given_date(object: &Map<String, Value>, name: &str) -> Option<DateTime<FixedOffset>> {
    given(object, name).and_then(Value::as_str).and_then(parse_date_time)
}

fn check_rule(rule: &Rule, object: &Map<String, Value>, now: DateTime<Utc>, out: &mut Vec<ValidationIssue>) {
    match *rule {
        Rule::ExactlyOneOf(names) => {
            let present: Vec<&str> = names
                .iter()
                .copied()
                .filter(|name| given(object, name).is_some())
                .collect();
            match present.as_slice() {
                [] => {
                    let path = names.first().copied().unwrap_or_default();
                    out.push(issue(
                        path,
                        IssueCode::MissingOneOf,
                        format!("give one of {}", names.join(" or ")),
                    ));
                }
                [_] => {}
                [_, rest @ ..] => {
                    for name in rest {
                        out.push(issue(
                            name,
                            IssueCode::Conflict,
                            format!("give only one of {}, not both", names.join(" or ")),
                        ));
                    }
                }
            }
        }
        Rule::AtLeastOneOf(names) => {
            if names.iter().all(|name| given(object, name).is_none()) {
                out.push(issue(
                    "",
                    IssueCode::MissingOneOf,
                    format!("give at least one of {}", names.join(", ")),
                ));
            }
        }
        Rule::Requires { field, needs } => {
            if given(object, field).is_some() && given(object, needs).is_none() {
                out.push(issue(
                    needs,
                    IssueCode::Requires,
                    format!("{needs} is required together with {field}"),
                ));
            }
        }
        Rule::AllowedCombinations { among, allowed } => {
            let present: Vec<&str> = among
                .iter()
                .copied()
                .filter(|name| given(object, name).is_some())
                .collect();
            let fits = allowed
                .iter()
                .any(|set| set.len() == present.len() && present.iter().all(|name| set.contains(name)));
            if !fits {
                let path = present.last().copied().unwrap_or_default();
                let sets: Vec<String> = allowed
                    .iter()
                    .filter(|set| !set.is_empty())
                    .map(|set| set.join(" + "))
                    .collect();
                out.push(issue(
                    path,
                    IssueCode::Combination,
                    format!(
                        "{} cannot be combined; filter by one of: {}",
                        present.join(" and "),
                        sets.join("; ")
                    ),
                ));
            }
        }
        Rule::After { later, earlier } => {
            if let (Some(late), Some(early)) = (given_date(object, later), given_date(object, earlier)) {
                if late <= early {
                    out.push(issue(
                        later,
                        IssueCode::Order,
                        format!("{later} must be after {earlier}"),
                    ));
                }
            }
        }
        Rule::InFuture(name) => {
            if let Some(date) = given_date(object, name) {
                if date <= now {
                    out.push(issue(name, IssueCode::Past, format!("{name} must be in the future")));
                }
            }
        }
    }
}
