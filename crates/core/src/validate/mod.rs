//! Checking a request before anything is sent.
//!
//! [`validate`] walks the endpoint's parameter description ([`spec`]) and its cross-field
//! [`Rule`]s and returns *every* problem at once, each naming its field. Messages never
//! repeat the value given (it may be long, or a secret pasted into the wrong box).

use crate::prelude::*;

mod issue;
pub mod spec;

pub use issue::{IssueCode, ValidationIssue};
pub use spec::{Field, Kind, Rule};

use crate::datetime::{parse_date_time, Timestamp};
use crate::endpoints::Endpoint;
use crate::node::{Kind as JsonKind, Node};

/// All problems with `params` for `endpoint`; empty when the request may be sent.
/// `now` is the clock for "must be in the future" rules, a parameter so tests are exact.
pub fn validate<N: Node>(endpoint: &Endpoint, params: N, now: Timestamp) -> Vec<ValidationIssue> {
    let mut issues = Vec::new();
    match params.kind() {
        // No parameters at all is the same as `{}` (`list()`): a `null` has no properties.
        JsonKind::Object | JsonKind::Null => check_object(endpoint.params, &params, "", &mut issues),
        _ => {
            issues.push(issue("", IssueCode::Type, "parameters must be an object"));
            return issues;
        }
    }
    for rule in endpoint.rules {
        check_rule(rule, &params, now, &mut issues);
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
        [parent, ".", name].concat()
    }
}

fn check_object<N: Node>(fields: &[Field], object: &N, parent: &str, out: &mut Vec<ValidationIssue>) {
    for key in object.keys() {
        if !fields.iter().any(|field| field.name == key) {
            let path = join(parent, &key);
            let message = [path.as_str(), " is not a parameter of this endpoint"].concat();
            out.push(issue(&path, IssueCode::UnknownField, message));
        }
    }
    for field in fields {
        let path = join(parent, field.name);
        match object.get(field.name) {
            None if field.required => out.push(issue(&path, IssueCode::Required, [&path, " is required"].concat())),
            None => {}
            Some(value) if field.nullable && value.kind() == JsonKind::Null => {}
            Some(value) => check_value(field.kind, &value, &path, out),
        }
    }
}

fn check_value<N: Node>(kind: &Kind, value: &N, path: &str, out: &mut Vec<ValidationIssue>) {
    // Each message starts with the parameter's path.
    let mut complain = |code, message: &str| out.push(issue(path, code, [path, message].concat()));
    match kind {
        Kind::Uuid => match value.as_string() {
            Some(text) if is_uuid(&text) => {}
            Some(_) => complain(
                IssueCode::Format,
                " must be a UUID such as 3c90c3cc-0d44-4b50-8888-8dd25736052a",
            ),
            None => complain(IssueCode::Type, MUST_BE_STRING),
        },
        Kind::DateTime => match value.as_string() {
            Some(text) if parse_date_time(&text).is_some() => {}
            Some(_) => complain(
                IssueCode::Format,
                " must be an ISO 8601 date-time with a time zone, such as 2030-01-02T15:04:05Z",
            ),
            None => complain(IssueCode::Type, MUST_BE_STRING),
        },
        Kind::Digits => match value.as_string() {
            Some(text) if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) => {}
            Some(_) => complain(IssueCode::Pattern, " must contain only digits (0-9)"),
            None => complain(IssueCode::Type, MUST_BE_STRING),
        },
        Kind::Email => match value.as_string() {
            Some(text) if is_email(&text) => {}
            Some(_) => complain(IssueCode::Format, " must be an email address such as jane@example.com"),
            None => complain(IssueCode::Type, MUST_BE_STRING),
        },
        Kind::Text { min_len } => match value.as_string() {
            Some(text) if text.chars().take(*min_len).count() < *min_len => {
                complain(IssueCode::MinLength, " must not be empty")
            }
            Some(text) if text.chars().nth(spec::MAX_TEXT_LENGTH).is_some() => {
                complain(IssueCode::MaxLength, " must be at most 10,000 characters")
            }
            Some(_) => {}
            None => complain(IssueCode::Type, MUST_BE_STRING),
        },
        Kind::Bool => {
            if value.as_bool().is_none() {
                complain(IssueCode::Type, " must be true or false");
            }
        }
        Kind::PositiveInt => match value.as_f64() {
            None => complain(IssueCode::Type, " must be a number"),
            Some(n) if crate::float::fract(n) != 0.0 || n < 1.0 => {
                complain(IssueCode::Minimum, " must be a whole number of at least 1");
            }
            Some(_) => {}
        },
        Kind::Enum(allowed) => match value.as_string() {
            Some(text) if allowed.contains(&text.as_str()) => {}
            Some(_) => complain(IssueCode::Enum, &[" must be one of: ", &allowed.join(", ")].concat()),
            None => complain(IssueCode::Type, MUST_BE_STRING),
        },
        Kind::List(item) => match value.kind() {
            JsonKind::Array => {
                for (i, value) in value.items().iter().enumerate() {
                    let item_path = [path, "[", &crate::text::decimal(i as u64), "]"].concat();
                    check_value(item, value, &item_path, out);
                }
            }
            _ => complain(IssueCode::Type, " must be an array"),
        },
        Kind::Object(fields) => match value.kind() {
            JsonKind::Object => check_object(fields, value, path, out),
            _ => complain(IssueCode::Type, " must be an object"),
        },
    }
}

const MUST_BE_STRING: &str = " must be a string";

/// The hyphenated form only, as the contract's `format: uuid` means; the `uuid` crate
/// alone would also take braced, URN and unhyphenated forms.
pub fn is_uuid(text: &str) -> bool {
    text.len() == 36 && uuid::Uuid::try_parse(text).is_ok()
}

/// A top-level parameter counts as given when it is present and not `null`.
fn given<N: Node>(object: &N, name: &'static str) -> Option<N> {
    object.get(name).filter(|value| value.kind() != JsonKind::Null)
}

/// A given date-time parameter, when it parses (a malformed one was reported already).
fn given_date<N: Node>(object: &N, name: &'static str) -> Option<Timestamp> {
    given(object, name)
        .and_then(|value| value.as_string())
        .and_then(|text| parse_date_time(&text))
}

fn check_rule<N: Node>(rule: &Rule, object: &N, now: Timestamp, out: &mut Vec<ValidationIssue>) {
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
                        ["give one of ", &names.join(" or ")].concat(),
                    ));
                }
                [_] => {}
                [_, rest @ ..] => {
                    for name in rest {
                        out.push(issue(
                            name,
                            IssueCode::Conflict,
                            ["give only one of ", &names.join(" or "), ", not both"].concat(),
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
                    ["give at least one of ", &names.join(", ")].concat(),
                ));
            }
        }
        Rule::Requires { field, needs } => {
            if given(object, field).is_some() && given(object, needs).is_none() {
                out.push(issue(
                    needs,
                    IssueCode::Requires,
                    [needs, " is required together with ", field].concat(),
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
                // Written into one String: joining a list of Strings would compile a second
                // copy of `join` (the wasm joins `&str`s only).
                let mut sets = String::new();
                for set in allowed.iter().filter(|set| !set.is_empty()) {
                    if !sets.is_empty() {
                        sets.push_str("; ");
                    }
                    sets.push_str(&set.join(" + "));
                }
                out.push(issue(
                    path,
                    IssueCode::Combination,
                    [&present.join(" and "), " cannot be combined; filter by one of: ", &sets].concat(),
                ));
            }
        }
        Rule::After { later, earlier } => {
            if let (Some(late), Some(early)) = (given_date(object, later), given_date(object, earlier)) {
                if late <= early {
                    out.push(issue(
                        later,
                        IssueCode::Order,
                        [later, " must be after ", earlier].concat(),
                    ));
                }
            }
        }
        Rule::InFuture(name) => {
            if let Some(date) = given_date(object, name) {
                if date <= now {
                    out.push(issue(name, IssueCode::Past, [name, " must be in the future"].concat()));
                }
            }
        }
    }
}

/// `name@domain.tld`: see [`Kind::Email`].
fn is_email(text: &str) -> bool {
    match text.split_once('@') {
        Some((name, domain)) => {
            !name.is_empty()
                && !text.contains(char::is_whitespace)
                && !domain.contains('@')
                && domain.split('.').count() >= 2
                && domain.split('.').all(|part| !part.is_empty())
        }
        None => false,
    }
}
