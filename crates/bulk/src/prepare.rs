//! A run's items and options checked before anything is sent: every item's problems (the
//! client's own `validateRequest`, as a form checks them) and the options' at once, by
//! index and field, in one `SeamValidationError`; an auth mode that may not run it is
//! refused by the client. The rules are core's ([`bulk::item_issue`], [`bulk::concurrency`]).

use crate::client::{Checks, Client};
use crate::convert::{self, property};
use crate::node::JsNode;
use seam_acs_core::bulk::{self, Action};
use seam_acs_core::error::invalid_message;
use seam_acs_core::node::{Kind, Node};
use seam_acs_core::prelude::*;
use seam_acs_core::{IssueCode, SeamError, ValidationIssue};
use wasm_bindgen::prelude::*;
use web_sys::AbortSignal;

/// A run's work once checked.
pub(crate) struct Prepared {
    /// Each item as plain JSON data (a delete's id as `{ acs_credential_id }`).
    pub items: Vec<JsNode>,
    /// Each item refused (and not sent: only with `skipInvalid`), with its error record.
    pub invalid: Vec<(usize, JsValue)>,
    pub concurrency: u32,
}

/// Checks a run of `action` over `items` with `options`; `resume_fits`: whether
/// `options.resume` (if given) is a report of this run. Throws the typed error.
pub(crate) fn prepare(
    client: &Client,
    checks: &Checks,
    action: Action,
    items: &JsValue,
    options: &JsValue,
    resume_fits: bool,
) -> Result<Prepared, JsValue> {
    // Every error a run's check throws (and records, of each item refused) is a
    // `SeamValidationError`: only its message is made here.
    let class = SeamError::Validation { issues: Vec::new() }.class_name();
    let thrown = |error: SeamError| {
        let SeamError::Validation { issues } = &error else {
            return JsValue::UNDEFINED;
        };
        let details = convert::object(&[("issues", convert::issues_to_js(issues))]);
        checks.make_error(class, &invalid_message(issues), &details)
    };
    convert::options(options).map_err(thrown)?;
    client.refuse(action.path())?;
    let list = convert::params(items).ok().filter(|list| list.kind() == Kind::Array);
    let Some(list) = list else {
        return Err(thrown(convert::invalid(
            "items",
            "items must be an array of plain JSON data",
        )));
    };
    let items: Vec<JsNode> = list
        .items()
        .into_iter()
        .map(|item| match (action, item.kind()) {
            // A delete takes an id, or `{ acs_credential_id }`.
            (Action::Delete, Kind::String) => JsNode(convert::object(&[("acs_credential_id", item.0)])),
            _ => item,
        })
        .collect();
    // Every item's problems, and the options', at once.
    let path = JsValue::from_str(action.path());
    let mut issues = Vec::new();
    let mut invalid = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let found: Vec<ValidationIssue> = JsNode(checks.validate_request(&path, &item.0))
            .items()
            .iter()
            .map(|issue| bulk::item_issue(i, read_issue(issue)))
            .collect();
        if !found.is_empty() {
            issues.extend(found.iter().cloned());
            // The report's record of the item's error, as the client writes one.
            let record = convert::object(&[
                ("name", JsValue::from_str(class)),
                ("message", JsValue::from_str(&invalid_message(&found))),
                ("issues", convert::issues_to_js(&found)),
            ]);
            invalid.push((i, record));
        }
    }
    let items_issues = issues.len();
    // A JS caller's non-number arrives as NaN, which the rule refuses.
    let asked = property(options, "concurrency").map(|value| value.as_f64().unwrap_or(f64::NAN));
    let concurrency = bulk::concurrency(asked).unwrap_or_else(|issue| {
        issues.push(issue);
        bulk::DEFAULT_CONCURRENCY
    });
    let skip_invalid = match property(options, "skipInvalid") {
        None => false,
        Some(value) => value.as_bool().unwrap_or_else(|| {
            issues.push(option_issue("skipInvalid", "skipInvalid must be a boolean"));
            false
        }),
    };
    if property(options, "onProgress").is_some_and(|value| !value.is_function()) {
        issues.push(option_issue("onProgress", "onProgress must be a function"));
    }
    if property(options, "signal").is_some_and(|value| !value.is_instance_of::<AbortSignal>()) {
        issues.push(option_issue("signal", "signal must be an AbortSignal"));
    }
    if !resume_fits {
        issues.push(option_issue(
            "resume",
            "resume must be the report of an earlier run of the same action over as many items",
        ));
    }
    if issues.len() > items_issues || (!issues.is_empty() && !skip_invalid) {
        return Err(thrown(SeamError::Validation { issues }));
    }
    Ok(Prepared {
        items,
        invalid,
        concurrency,
    })
}

/// An issue as `validateRequest` gives it: `{ path, code, message }`.
fn read_issue(issue: &JsNode) -> ValidationIssue {
    let text = |name| issue.get(name).and_then(|value| value.as_string()).unwrap_or_default();
    ValidationIssue {
        path: text("path"),
        code: IssueCode::parse(&text("code")).unwrap_or(IssueCode::Type),
        message: text("message"),
    }
}

fn option_issue(name: &str, message: &str) -> ValidationIssue {
    ValidationIssue {
        path: name.to_owned(),
        code: IssueCode::Type,
        message: message.to_owned(),
    }
}
