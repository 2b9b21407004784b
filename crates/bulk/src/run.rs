//! `createMany` and `deleteMany`: core's bulk [`Run`] carried out.
//!
//! A [`Bulk`] holds the run, the items (as the client checked them) and the client. The
//! chunk's JS loop (`bulk.js`) asks [`Bulk::step`] what to do and gets either a promise of
//! work started here (one send, or one reconcile) that reports its outcome to the run when
//! it settles and never rejects, a time to wait, or the end. Every decision (what to send,
//! when, how many at once, what a failure means, which credential a lost create made) is
//! core's; every request is one attempt of the client's.

use crate::client::{self, Client};
use crate::convert::{self, property};
use crate::node::JsNode;
use crate::report;
use seam_acs_core::bulk::reconcile::{reconcile, Candidate, Match};
use seam_acs_core::bulk::{Action, Outcome, Run, Step};
use seam_acs_core::node::{Kind, Node};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A run, and what carrying it out needs: the client, the items and their outcomes.
pub(crate) struct State {
    client: Client,
    pub action: Action,
    pub run: Run,
    /// Each item's parameters (a delete's as `{ acs_credential_id }`).
    pub items: Vec<JsNode>,
    /// The credential each create made (or an earlier run's report had), else `undefined`.
    pub credentials: Vec<JsValue>,
    /// The report's record of the last error of each item that is not done, else `undefined`.
    pub errors: Vec<JsValue>,
    /// 429s received in this run.
    pub rate_limited: u32,
}

/// One `createMany` or `deleteMany` run (internal: `bulk.js` drives it).
#[wasm_bindgen]
pub struct Bulk {
    state: Rc<RefCell<State>>,
}

#[wasm_bindgen]
impl Bulk {
    /// Has the client check every item (all problems at once, by index and field) and the
    /// options `{ concurrency, resume, skipInvalid, onProgress, signal }`, throwing its
    /// typed error, and prepares the run; nothing is sent yet.
    #[wasm_bindgen(constructor)]
    pub fn new(client: Client, create: bool, items: JsValue, options: JsValue) -> Result<Bulk, JsValue> {
        let action = if create { Action::Create } else { Action::Delete };
        let total = items
            .dyn_ref::<js_sys::Array>()
            .map_or(0, |items| items.length() as usize);
        let resume = property(&options, "resume");
        let resumed = resume.as_ref().and_then(|report| report::read(action, report, total));
        let prepared = client.prepare_run(create, &items, &options, resume.is_none() || resumed.is_some())?;
        let items: Vec<JsNode> = property(&prepared, "items")
            .map(|items| JsNode(items).items())
            .unwrap_or_default();
        let concurrency = property(&prepared, "concurrency")
            .and_then(|n| n.as_f64())
            .map_or(1, |n| n as u32);
        let (statuses, credentials) = resumed.unzip();
        let credentials = credentials.unwrap_or_else(|| vec![JsValue::UNDEFINED; items.len()]);
        let mut run = Run::new(action, items.len(), concurrency, concurrency, statuses.as_deref());
        let mut errors = vec![JsValue::UNDEFINED; items.len()];
        let invalid = property(&prepared, "invalid")
            .map(JsNode)
            .map(|n| n.items())
            .unwrap_or_default();
        // `[index, error record]` of each item refused (with `skipInvalid`).
        for entry in invalid {
            let mut pair = entry.items().into_iter();
            let (Some(i), Some(error)) = (pair.next().and_then(|i| i.as_f64()), pair.next()) else {
                continue;
            };
            run.refuse(i as usize);
            if let Some(slot) = errors.get_mut(i as usize) {
                *slot = error.0;
            }
        }
        let state = State {
            client,
            action,
            run,
            items,
            credentials,
            errors,
            rate_limited: 0,
        };
        Ok(Bulk {
            state: Rc::new(RefCell::new(state)),
        })
    }

    /// What to do at `now`: a promise of the send or reconcile just started (it settles,
    /// never rejecting, once the run knows its outcome), a number of milliseconds to wait
    /// (`Infinity`: until a promise settles), or `undefined` when the run is over.
    pub fn step(&self, now: f64) -> JsValue {
        let step = self.state.borrow_mut().run.next(now as u64);
        let state = Rc::clone(&self.state);
        match step {
            Step::Send(i) => spawn(async move { send(&state, i).await }),
            Step::Reconcile { item, sent_at } => spawn(async move { find(&state, item, sent_at).await }),
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
        report::write(&self.state.borrow())
    }
}

/// Runs `future` as a JS promise.
fn spawn(future: impl std::future::Future<Output = ()> + 'static) -> JsValue {
    wasm_bindgen_futures::future_to_promise(async move {
        future.await;
        Ok(JsValue::UNDEFINED)
    })
    .into()
}

fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// Sends item `i` once, and tells the run how it ended.
async fn send(state: &RefCell<State>, i: usize) {
    let (client, path, params) = {
        let s = state.borrow();
        let params = s.items.get(i).map_or(JsValue::NULL, |item| item.0.clone());
        (s.client.clone(), s.action.path(), params)
    };
    let result = client::attempt(&client, path, &params, false).await;
    let mut s = state.borrow_mut();
    let (outcome, error, credential) = match result {
        Ok(credential) => {
            let id = property(&credential, "acs_credential_id").and_then(|id| id.as_string());
            (Outcome::Ok { id }, JsValue::UNDEFINED, credential)
        }
        Err((error, outcome)) => (outcome, error, JsValue::UNDEFINED),
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
}

/// Reconciles item `i`, sent at `sent_at` with no answer: lists its user's credentials
/// and lets core say which one, if any, that request made.
async fn find(state: &RefCell<State>, i: usize, sent_at: u64) {
    let (client, params) = {
        let s = state.borrow();
        let params = s.items.get(i).cloned().unwrap_or(JsNode(JsValue::NULL));
        (s.client.clone(), params)
    };
    let found = candidates(&client, &params, sent_at).await.map(|candidates| {
        let s = state.borrow();
        let found = reconcile(&params, sent_at as i64, &candidates, &s.run.claimed());
        let credential = match &found {
            Match::Created(id) => candidates
                .iter()
                .map(|candidate| &candidate.credential)
                .find(|credential| credential.get("acs_credential_id").and_then(|v| v.as_string()).as_ref() == Some(id))
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
        Err((_, outcome)) => {
            if matches!(outcome, Outcome::RateLimited { .. }) {
                s.rate_limited += 1;
            }
            Err(outcome)
        }
    };
    s.run.reconciled(i, found, now_ms());
}

/// The credentials of the user `params` names (every page), each with the entrances it
/// opens when `params` names entrances and the credential fits in every other way.
async fn candidates(
    client: &Client,
    params: &JsNode,
    sent_at: u64,
) -> Result<Vec<Candidate<JsNode>>, (JsValue, Outcome)> {
    let user = ["acs_user_id", "user_identity_id"]
        .into_iter()
        .find_map(|name| params.get(name).map(|value| (name, value.0)));
    let filter = user.map_or(JsValue::NULL, |(name, value)| convert::object(&[(name, value)]));
    let listed = client::attempt(client, "/acs/credentials/list", &filter, true).await?;
    let mut candidates: Vec<Candidate<JsNode>> = JsNode(listed)
        .items()
        .into_iter()
        .map(|credential| Candidate {
            credential,
            entrance_ids: None,
        })
        .collect();
    let wanted: Option<Vec<String>> = params
        .get("allowed_acs_entrance_ids")
        .filter(|ids| ids.kind() == Kind::Array)
        .map(|ids| ids.items().iter().filter_map(Node::as_string).collect());
    let Some(wanted) = wanted else { return Ok(candidates) };
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
        let query = convert::object(&[("acs_credential_id", id)]);
        let found = client::attempt(client, "/acs/credentials/list_accessible_entrances", &query, false).await?;
        candidate.entrance_ids = Some(
            JsNode(found)
                .items()
                .iter()
                .filter_map(|entrance| entrance.get("acs_entrance_id").and_then(|id| id.as_string()))
                .collect(),
        );
    }
    Ok(candidates)
}
