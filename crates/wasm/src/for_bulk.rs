//! What a bulk run (the package's lazily loaded bulk chunk, crates/bulk) asks of the client:
//! its items checked before anything is sent, and single attempts of calls. Pacing,
//! progress, reconciling and the report are the chunk's; the rules they follow are core's.

use crate::call::{Task, Transport, Wanted};
use crate::client::SeamClient;
use crate::convert::{self, property};
use crate::errors;
use crate::node::JsNode;
use seam_acs_core::bulk::{self, Action, Outcome};
use seam_acs_core::node::{Kind, Node};
use seam_acs_core::validate::validate;
use seam_acs_core::{Endpoint, IssueCode, SeamError, ValidationIssue};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::AbortSignal;

#[wasm_bindgen]
impl SeamClient {
    /// Checks a run of `create` (else delete) over `items` with `options` before anything
    /// is sent: every item's problems and the options' at once, by index and field.
    /// `resume_fits`: whether `options.resume` (if given) is a report of this run, as the
    /// chunk read it. Throws the `SeamValidationError` (or `SeamAuthError`-like refusal);
    /// else returns `{ items, invalid, concurrency }`: the items as plain JSON data (a
    /// delete's ids as `{ acs_credential_id }`), `[index, error record]` for each invalid
    /// item (sent only with `skipInvalid`), and the concurrency bound.
    #[wasm_bindgen(js_name = "__prepareRun")]
    pub fn prepare_run(
        &self,
        create: bool,
        items: JsValue,
        options: JsValue,
        resume_fits: bool,
    ) -> Result<JsValue, JsValue> {
        let action = if create { Action::Create } else { Action::Delete };
        prepare(self.transport(), action, &items, &options, resume_fits).map_err(|e| errors::to_js(&e))
    }

    /// One attempt at the endpoint at `path` with `params`, with no automatic retry and
    /// the client's timeout (a bulk run decides what is sent again). `all`: every page of a
    /// paginated list, as one array. Never rejects: resolves `{ value }`, or
    /// `{ error, outcome, retryAfterMs? }` with the report's record of the error and what
    /// became of the request (`not_found`, `rate_limited`, `failed` or `unknown`).
    #[wasm_bindgen(js_name = "__attempt")]
    pub fn attempt(&self, path: &str, params: JsValue, all: bool) -> js_sys::Promise {
        let wanted = if all { Wanted::AllPages } else { Wanted::Result };
        let endpoint = match lookup(path) {
            Ok(endpoint) => endpoint,
            Err(error) => return js_sys::Promise::resolve(&failure(&error)),
        };
        let task = Task::new(
            Rc::clone(self.transport()),
            endpoint,
            Ok(JsNode(params)),
            &JsValue::UNDEFINED,
            wanted,
        );
        task.for_bulk().run()
    }
}

fn prepare(
    transport: &Transport,
    action: Action,
    items: &JsValue,
    options: &JsValue,
    resume_fits: bool,
) -> Result<JsValue, SeamError> {
    convert::options(options)?;
    let endpoint = lookup(action.path())?;
    if !endpoint.allows(transport.auth.mode()) {
        return Err(SeamError::NotAllowed {
            path: endpoint.path.to_owned(),
            mode: transport.auth.mode(),
            accepted: endpoint.auth,
        });
    }
    let list = convert::params(items).ok().filter(|list| list.kind() == Kind::Array);
    let Some(list) = list else {
        return Err(convert::invalid("items", "items must be an array of plain JSON data"));
    };
    let items: js_sys::Array = list
        .items()
        .into_iter()
        .map(|item| match (action, item.kind()) {
            // A delete takes an id, or `{ acs_credential_id }`.
            (Action::Delete, Kind::String) => convert::object(&[("acs_credential_id", item.0)]),
            _ => item.0,
        })
        .collect();
    // Every item's problems, and the options', at once.
    let now = convert::now();
    let mut issues = Vec::new();
    let invalid = js_sys::Array::new();
    for (i, item) in items.iter().enumerate() {
        let found: Vec<ValidationIssue> = validate(endpoint, JsNode(item), now)
            .into_iter()
            .map(|issue| bulk::item_issue(i, issue))
            .collect();
        if !found.is_empty() {
            issues.extend(found.iter().cloned());
            let record = error_record(&SeamError::Validation { issues: found });
            invalid.push(&js_sys::Array::of2(&JsValue::from(i as f64), &record));
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
        return Err(SeamError::Validation { issues });
    }
    Ok(convert::object(&[
        ("items", items.into()),
        ("invalid", invalid.into()),
        ("concurrency", JsValue::from(concurrency)),
    ]))
}

fn option_issue(name: &str, message: &str) -> ValidationIssue {
    ValidationIssue {
        path: name.to_owned(),
        code: IssueCode::Type,
        message: message.to_owned(),
    }
}

fn lookup(path: &str) -> Result<&'static Endpoint, SeamError> {
    seam_acs_core::endpoint(path).ok_or_else(|| SeamError::Network {
        message: ["unknown endpoint ", path].concat(),
    })
}

/// `{ error, outcome, retryAfterMs? }` for a failed attempt: the report's record of the
/// error, and core's reading of what became of the request ([`Outcome::of`]).
pub(crate) fn failure(error: &SeamError) -> JsValue {
    let (outcome, retry_after_ms) = match Outcome::of(error) {
        Outcome::Ok { .. } | Outcome::Failed => ("failed", None),
        Outcome::NotFound => ("not_found", None),
        Outcome::RateLimited { retry_after_ms } => ("rate_limited", retry_after_ms),
        Outcome::Unknown => ("unknown", None),
    };
    let mut fields = vec![("error", error_record(error)), ("outcome", JsValue::from_str(outcome))];
    if let Some(ms) = retry_after_ms {
        fields.push(("retryAfterMs", JsValue::from(ms as f64)));
    }
    convert::object(&fields)
}

/// What a report says of an error: its class, message and the server's code, status and
/// request id (never a token: errors never hold one), or the validation issues.
fn error_record(error: &SeamError) -> JsValue {
    let mut fields = vec![
        ("name", JsValue::from_str(error.class_name())),
        ("message", JsValue::from_str(&error.message())),
    ];
    match error {
        SeamError::Api(api) => {
            fields.push(("code", JsValue::from_str(&api.code)));
            fields.push(("statusCode", JsValue::from(api.status)));
            fields.push(("requestId", convert::string_or_null(api.request_id.as_deref())));
        }
        SeamError::Validation { issues } => fields.push(("issues", errors::issues_to_js(issues))),
        _ => {}
    }
    convert::object(&fields)
}
