//! `createMany` and `deleteMany`: core's bulk [`Run`] carried out.
//!
//! A [`Bulk`] holds the run, the items (as the caller's JSON) and the client's transport.
//! The package's JS loop (`bulk.js`) asks [`Bulk::step`] what to do and gets either a
//! promise of work started here (one send, or one reconcile) that reports its outcome to
//! the run when it settles and never rejects, a time to wait, or the end. Every decision
//! (what to send, when, how many at once, what a failure means, which credential a lost
//! create made) is core's.

use crate::call::{CallOptions, Transport};
use crate::client::SeamClient;
use crate::convert::{self, property};
use crate::errors;
use crate::node::JsNode;
use seam_acs_core::bulk::reconcile::{reconcile, Candidate, Match};
use seam_acs_core::bulk::{self, Action, Outcome, Run, Status, Step};
use seam_acs_core::call::Call;
use seam_acs_core::config::ClientConfig;
use seam_acs_core::node::{Kind, Node};
use seam_acs_core::paging::{PageInfo, Pages};
use seam_acs_core::validate::validate;
use seam_acs_core::{Endpoint, IssueCode, SeamError, ValidationIssue};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::AbortSignal;

/// A run, and what carrying it out needs: the client's transport, the items and their outcomes.
struct State {
    transport: Rc<Transport>,
    /// The client's settings with no automatic retry: the run decides what is sent again.
    config: ClientConfig,
    action: Action,
    run: Run,
    /// Each item's parameters (a delete's as `{ acs_credential_id }`).
    items: Vec<JsNode>,
    /// The credential each create made (or an earlier run's report had), else `undefined`.
    credentials: Vec<JsValue>,
    /// The last error of each item that is not done.
    errors: Vec<Option<SeamError>>,
    /// 429s received in this run.
    rate_limited: u32,
}

/// One `createMany` or `deleteMany` run (internal: `bulk.js` drives it).
#[wasm_bindgen(js_name = "__Bulk")]
pub struct Bulk {
    state: Rc<RefCell<State>>,
}

#[wasm_bindgen(js_class = "__Bulk")]
impl Bulk {
    /// Validates every item (all problems at once, by index and field) and the options
    /// `{ concurrency, resume, skipInvalid, onProgress, signal }`, and prepares the run;
    /// nothing is sent yet.
    #[wasm_bindgen(constructor)]
    pub fn new(client: &SeamClient, create: bool, items: JsValue, options: JsValue) -> Result<Bulk, JsValue> {
        let action = if create { Action::Create } else { Action::Delete };
        Bulk::prepare(client, action, &items, &options)
            .map(|state| Bulk {
                state: Rc::new(RefCell::new(state)),
            })
            .map_err(|e| errors::to_js(&e))
    }

    /// What to do at `now`: a promise of the send or reconcile just started (it settles,
    /// never rejecting, once the run knows its outcome), a number of milliseconds to wait
    /// (`Infinity`: until a promise settles), or `undefined` when the run is over.
    pub fn step(&self, now: f64) -> JsValue {
        let step = self.state.borrow_mut().run.next(now as u64);
        let state = Rc::clone(&self.state);
        match step {
            Step::Send(i) => crate::promise::spawn(async move { send(&state, i).await }).into(),
            Step::Reconcile { item, sent_at } => {
                crate::promise::spawn(async move { find(&state, item, sent_at).await }).into()
            }
            Step::Wait(u64::MAX) => JsValue::from(f64::INFINITY),
            Step::Wait(ms) => JsValue::from(ms as f64),
            Step::Done => JsValue::UNDEFINED,
        }
    }

    /// `{ done, failed, pending, inFlight, total, ratePerSecond, etaMs }` when a report is
    /// due at `now` (at most every 100 ms, and once at the end), else `undefined`.
    pub fn progress(&self, now: f64) -> JsValue {
        let Some(p) = self.state.borrow_mut().run.progress(now as u64) else {
            return JsValue::UNDEFINED;
        };
        let count = |n: usize| JsValue::from(n as f64);
        convert::object(&[
            ("done", count(p.done)),
            ("failed", count(p.failed)),
            ("pending", count(p.pending)),
            ("inFlight", count(p.in_flight)),
            ("total", count(p.total)),
            ("ratePerSecond", JsValue::from(p.rate_per_second)),
            ("etaMs", p.eta_ms.map_or(JsValue::NULL, |ms| JsValue::from(ms as f64))),
        ])
    }

    /// Sends nothing more; what is in flight settles, then [`Bulk::step`] says it is over.
    pub fn abort(&self) {
        self.state.borrow_mut().run.abort();
    }

    /// The report: `{ action, total, counts, rateLimited, items }`, each item
    /// `{ index, status, credential?, error?, sentAt? }`; plain data for `JSON.stringify`.
    pub fn report(&self) -> JsValue {
        let s = self.state.borrow();
        let done = s.action.done_name();
        let mut counts = [0u32; 4];
        let items: js_sys::Array = s
            .run
            .statuses()
            .iter()
            .enumerate()
            .map(|(i, status)| {
                let (kind, name) = match status {
                    Status::Done { .. } => (0, done),
                    Status::Failed => (1, "failed"),
                    Status::Unknown { .. } => (2, "unknown"),
                    Status::NotStarted => (3, "not_started"),
                };
                if let Some(count) = counts.get_mut(kind) {
                    *count += 1;
                }
                let mut fields = vec![("index", JsValue::from(i as f64)), ("status", name.into())];
                match s.credentials.get(i) {
                    Some(credential) if kind == 0 && !credential.is_undefined() => {
                        fields.push(("credential", credential.clone()))
                    }
                    _ => {}
                }
                if let (1 | 2, Some(Some(error))) = (kind, s.errors.get(i)) {
                    fields.push(("error", error_record(error)));
                }
                if let Status::Unknown { sent_at } = status {
                    fields.push(("sentAt", JsValue::from(*sent_at as f64)));
                }
                convert::object(&fields)
            })
            .collect();
        let [created, failed, unknown, not_started] = counts.map(JsValue::from);
        let counts = convert::object(&[
            (done, created),
            ("failed", failed),
            ("unknown", unknown),
            ("not_started", not_started),
        ]);
        convert::object(&[
            ("action", JsValue::from_str(s.action.name())),
            ("total", JsValue::from(s.items.len() as f64)),
            ("counts", counts),
            ("rateLimited", JsValue::from(s.rate_limited)),
            ("items", items.into()),
        ])
    }
}

impl Bulk {
    fn prepare(client: &SeamClient, action: Action, items: &JsValue, options: &JsValue) -> Result<State, SeamError> {
        convert::options(options)?;
        let transport = Rc::clone(client.transport());
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
        let now = convert::now();
        let mut issues = Vec::new();
        let mut invalid = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let found: Vec<ValidationIssue> = validate(endpoint, item.clone(), now)
                .into_iter()
                .map(|issue| bulk::item_issue(i, issue))
                .collect();
            if !found.is_empty() {
                issues.extend(found.iter().cloned());
                invalid.push((i, found));
            }
        }
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
        let resumed = match property(options, "resume") {
            None => None,
            Some(report) => match resumed(action, &report, items.len()) {
                Some(resumed) => Some(resumed),
                None => {
                    issues.push(option_issue(
                        "resume",
                        "resume must be the report of an earlier run of the same action over as many items",
                    ));
                    None
                }
            },
        };
        let options_invalid = issues.len() > invalid.iter().map(|(_, found)| found.len()).sum::<usize>();
        if options_invalid || (!issues.is_empty() && !skip_invalid) {
            return Err(SeamError::Validation { issues });
        }
        let (statuses, mut credentials) = resumed.unzip();
        let credentials = credentials
            .take()
            .unwrap_or_else(|| vec![JsValue::UNDEFINED; items.len()]);
        let mut run = Run::new(action, items.len(), concurrency, concurrency, statuses.as_deref());
        let mut errors: Vec<Option<SeamError>> = (0..items.len()).map(|_| None).collect();
        for (i, issues) in invalid {
            run.refuse(i);
            if let Some(error) = errors.get_mut(i) {
                *error = Some(SeamError::Validation { issues });
            }
        }
        let mut config = transport.config.clone();
        config.retry.max_retries = 0;
        Ok(State {
            transport,
            config,
            action,
            run,
            items,
            credentials,
            errors,
            rate_limited: 0,
        })
    }
}

fn lookup(path: &str) -> Result<&'static Endpoint, SeamError> {
    seam_acs_core::endpoint(path).ok_or_else(|| SeamError::Network {
        message: ["unknown endpoint ", path].concat(),
    })
}

fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

fn option_issue(name: &str, message: &str) -> ValidationIssue {
    ValidationIssue {
        path: name.to_owned(),
        code: IssueCode::Type,
        message: message.to_owned(),
    }
}

/// An earlier report's statuses and credentials, if it is a report of `action` over
/// `total` items: done items stay done, unknown ones are reconciled, the rest sent.
fn resumed(action: Action, report: &JsValue, total: usize) -> Option<(Vec<Status>, Vec<JsValue>)> {
    if property(report, "action")?.as_string()? != action.name() {
        return None;
    }
    let items = property(report, "items")?;
    let items = items.dyn_ref::<js_sys::Array>()?;
    if items.length() as usize != total {
        return None;
    }
    let mut statuses = Vec::with_capacity(total);
    let mut credentials = Vec::with_capacity(total);
    for item in items.iter() {
        let status = property(&item, "status")?.as_string()?;
        let credential = property(&item, "credential").unwrap_or(JsValue::UNDEFINED);
        let id = property(&credential, "acs_credential_id").and_then(|id| id.as_string());
        let sent_at = property(&item, "sentAt").and_then(|at| at.as_f64());
        statuses.push(action.status_from_report(&status, id, sent_at)?);
        credentials.push(credential);
    }
    Some((statuses, credentials))
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

/// Sends item `i` once, and tells the run how it ended.
async fn send(state: &RefCell<State>, i: usize) -> Result<JsValue, JsValue> {
    let (transport, call, options) = {
        let s = state.borrow();
        let options = CallOptions::none(&s.config);
        let params = s.items.get(i).cloned().unwrap_or(JsNode(JsValue::NULL));
        let call = lookup(s.action.path()).and_then(|endpoint| {
            Call::new(
                endpoint,
                &s.transport.auth,
                &s.config,
                params,
                None,
                options.timeout_ms,
                convert::now(),
            )
        });
        (Rc::clone(&s.transport), call, options)
    };
    let result = match call {
        Ok(call) => call_value(&transport, call, &options).await,
        Err(error) => Err(error),
    };
    let mut s = state.borrow_mut();
    let (outcome, error, credential) = match result {
        Ok((credential, _)) => {
            let id = property(&credential, "acs_credential_id").and_then(|id| id.as_string());
            (Outcome::Ok { id }, None, credential)
        }
        Err(error) => (Outcome::of(&error), Some(error), JsValue::UNDEFINED),
    };
    if matches!(outcome, Outcome::RateLimited { .. }) {
        s.rate_limited += 1;
    }
    if let Some(slot) = s.credentials.get_mut(i) {
        *slot = credential;
    }
    if let Some(slot) = s.errors.get_mut(i) {
        *slot = error;
    }
    s.run.answered(i, outcome, now_ms());
    Ok(JsValue::UNDEFINED)
}

/// Reconciles item `i`, sent at `sent_at` with no answer: lists its user's credentials
/// and lets core say which one, if any, that request made.
async fn find(state: &RefCell<State>, i: usize, sent_at: u64) -> Result<JsValue, JsValue> {
    let (transport, config, params) = {
        let s = state.borrow();
        let params = s.items.get(i).cloned().unwrap_or(JsNode(JsValue::NULL));
        (Rc::clone(&s.transport), s.config.clone(), params)
    };
    let found = candidates(&transport, &config, &params, sent_at)
        .await
        .map(|candidates| {
            let s = state.borrow();
            let found = reconcile(&params, sent_at as i64, &candidates, &s.run.claimed());
            let credential = match &found {
                Match::Created(id) => candidates
                    .iter()
                    .map(|candidate| &candidate.credential)
                    .find(|credential| {
                        property(&credential.0, "acs_credential_id")
                            .and_then(|v| v.as_string())
                            .as_deref()
                            == Some(id)
                    })
                    .map(|credential| credential.0.clone()),
                _ => None,
            };
            (found, credential)
        });
    let mut s = state.borrow_mut();
    let found = match found {
        Ok((found, credential)) => {
            if let (Some(credential), Some(slot)) = (credential, s.credentials.get_mut(i)) {
                *slot = credential;
            }
            Ok(found)
        }
        Err(error) => {
            let outcome = Outcome::of(&error);
            if matches!(outcome, Outcome::RateLimited { .. }) {
                s.rate_limited += 1;
            }
            Err(outcome)
        }
    };
    s.run.reconciled(i, found, now_ms());
    Ok(JsValue::UNDEFINED)
}

/// The credentials of the user `params` names (every page), each with the entrances it
/// opens when `params` names entrances and the credential fits in every other way.
async fn candidates(
    transport: &Transport,
    config: &ClientConfig,
    params: &JsNode,
    sent_at: u64,
) -> Result<Vec<Candidate<JsNode>>, SeamError> {
    let user = ["acs_user_id", "user_identity_id"]
        .into_iter()
        .find_map(|name| params.get(name).map(|value| (name, value.0)));
    let filter = JsNode(user.map_or(JsValue::NULL, |(name, value)| convert::object(&[(name, value)])));
    let options = CallOptions::none(config);
    let list = lookup("/acs/credentials/list")?;
    let mut pages = Pages::new(&filter);
    let mut candidates = Vec::new();
    while let Some(call) = pages.next_call(
        list,
        &transport.auth,
        config,
        filter.clone(),
        options.timeout_ms,
        convert::now(),
    ) {
        let (page, info) = call_value(transport, call?, &options).await?;
        let credentials = page
            .dyn_ref::<js_sys::Array>()
            .map(js_sys::Array::to_vec)
            .unwrap_or_default();
        pages.on_page(credentials.len(), info.as_ref());
        candidates.extend(credentials.into_iter().map(|credential| Candidate {
            credential: JsNode(credential),
            entrance_ids: None,
        }));
    }
    let wanted: Option<Vec<String>> = params
        .get("allowed_acs_entrance_ids")
        .filter(|ids| ids.kind() == Kind::Array)
        .map(|ids| ids.items().iter().filter_map(Node::as_string).collect());
    let Some(wanted) = wanted else { return Ok(candidates) };
    let entrances = lookup("/acs/credentials/list_accessible_entrances")?;
    for candidate in &mut candidates {
        // Looked up only for a credential that fits were its entrances the wanted ones.
        let if_same = [Candidate {
            credential: candidate.credential.clone(),
            entrance_ids: Some(wanted.clone()),
        }];
        if reconcile(params, sent_at as i64, &if_same, &[]) == Match::Nothing {
            continue;
        }
        let id = property(&candidate.credential.0, "acs_credential_id").unwrap_or(JsValue::NULL);
        let query = JsNode(convert::object(&[("acs_credential_id", id)]));
        let call = Call::new(
            entrances,
            &transport.auth,
            config,
            query,
            None,
            options.timeout_ms,
            convert::now(),
        )?;
        let (found, _) = call_value(transport, call, &options).await?;
        let found = found
            .dyn_ref::<js_sys::Array>()
            .map(js_sys::Array::to_vec)
            .unwrap_or_default();
        candidate.entrance_ids = Some(
            found
                .iter()
                .filter_map(|entrance| property(entrance, "acs_entrance_id").and_then(|id| id.as_string()))
                .collect(),
        );
    }
    Ok(candidates)
}

/// Runs one call: its result and, for a list, its pagination.
async fn call_value(
    transport: &Transport,
    call: Call,
    options: &CallOptions,
) -> Result<(JsValue, Option<PageInfo>), SeamError> {
    let (checked, body) = transport.attempt(call, options).await.map_err(|(error, _)| error)?;
    convert::result(&checked, &body).map_err(|_| SeamError::Network {
        message: "the answer could not be read".to_owned(),
    })
}
