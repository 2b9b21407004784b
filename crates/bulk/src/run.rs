//! `createMany` and `deleteMany`: core's bulk [`Run`] carried out.
//!
//! A [`Bulk`] holds the run, the items (as the client checked them) and the reconciles
//! under way. The chunk's JS loop (`bulk.js`) asks [`Bulk::step`] what to do and gets a
//! request to make (one attempt of the client's: a send, or a reconcile's listing), a time
//! to wait, or the end; it hands each answer to [`Bulk::answered`], which may ask for one
//! more request of the same work (the entrances of a credential a reconcile found). Every
//! decision (what to send, when, how many at once, what a failure means, which credential
//! a lost create made) is core's. Nothing here awaits: the module needs no futures.

use crate::client::{self, Checks, Client};
use crate::convert::{self, property};
use crate::node::JsNode;
use crate::prepare::{prepare, Prepared};
use crate::report;
use seam_acs_core::bulk::reconcile::{self, reconcile, Candidate, Match, ENTRANCES_PATH, LIST_PATH};
use seam_acs_core::bulk::{Action, Outcome, Run, Step};
use seam_acs_core::node::Node;
use seam_acs_core::prelude::*;
use wasm_bindgen::prelude::*;

/// A run, and what carrying it out needs: the items, their outcomes, the reconciles under way.
pub(crate) struct State {
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
    reconciles: Vec<Reconcile>,
}

/// A reconcile under way: `item`'s create, last sent at `sent_at`, got no answer.
struct Reconcile {
    item: usize,
    sent_at: u64,
    /// The user's credentials, once listed; then the entrances of each that would fit,
    /// looked up one after the other.
    candidates: Option<Vec<Candidate<JsNode>>>,
    /// The candidate whose entrances are being looked up.
    at: usize,
}

/// One `createMany`, `deleteMany`, `assignMany` or `unassignMany` run (internal: `bulk.js` drives it).
#[wasm_bindgen]
pub struct Bulk {
    state: State,
}

#[wasm_bindgen]
impl Bulk {
    /// Checks every item (all problems at once, by index and field, through the package's
    /// `checks`) and the options `{ concurrency, resume, skipInvalid, onProgress, signal }`,
    /// throwing the package's typed error, and prepares the run; nothing is sent yet.
    #[wasm_bindgen(constructor)]
    pub fn new(
        client: Client,
        action: &str,
        items: JsValue,
        options: JsValue,
        checks: Checks,
    ) -> Result<Bulk, JsValue> {
        let action = Action::named(action).ok_or_else(|| JsValue::from_str("unknown bulk action"))?;
        let total = items
            .dyn_ref::<js_sys::Array>()
            .map_or(0, |items| items.length() as usize);
        let resume = property(&options, "resume");
        let resumed = resume.as_ref().and_then(|report| report::read(action, report, total));
        let resume_fits = resume.is_none() || resumed.is_some();
        let Prepared {
            items,
            invalid,
            concurrency,
        } = prepare(&client, &checks, action, &items, &options, resume_fits)?;
        let (statuses, credentials) = resumed.unzip();
        let credentials = credentials.unwrap_or_else(|| vec![JsValue::UNDEFINED; items.len()]);
        let mut run = Run::new(action, items.len(), concurrency, concurrency, statuses.as_deref());
        let mut errors = vec![JsValue::UNDEFINED; items.len()];
        // Each item refused (with `skipInvalid`), and its error record.
        for (i, error) in invalid {
            run.refuse(i);
            if let Some(slot) = errors.get_mut(i) {
                *slot = error;
            }
        }
        let state = State {
            action,
            run,
            items,
            credentials,
            errors,
            rate_limited: 0,
            reconciles: Vec::new(),
        };
        Ok(Bulk { state })
    }

    /// What to do at `now`: a request `{ item, path, params, all }` to make (the client's
    /// `__attempt(path, params, all)`, whose answer goes to [`Bulk::answered`]), a number of
    /// milliseconds to wait (`Infinity`: until an answer comes), or `undefined` when the run
    /// is over.
    pub fn step(&mut self, now: f64) -> JsValue {
        let s = &mut self.state;
        match s.run.next(now as u64) {
            Step::Send(i) => request(i, s.action.path(), &s.params(i).0, false),
            Step::Reconcile { item, sent_at } => {
                s.reconciles.push(Reconcile {
                    item,
                    sent_at,
                    candidates: None,
                    at: 0,
                });
                // The credentials of the user the item names, every page.
                let filter = reconcile::owner(&s.params(item))
                    .map_or(JsValue::NULL, |(name, value)| convert::object(&[(name, value.0)]));
                request(item, LIST_PATH, &filter, true)
            }
            Step::Wait(u64::MAX) => JsValue::from(f64::INFINITY),
            Step::Wait(ms) => JsValue::from(ms as f64),
            Step::Done => JsValue::UNDEFINED,
        }
    }

    /// The client's answer to the request for `item`: the run is told how it ended, or
    /// (within a reconcile) the next request of the same work is returned.
    pub fn answered(&mut self, item: usize, answer: JsValue) -> JsValue {
        let answer = client::read(&answer);
        if let Err((_, Outcome::RateLimited { .. })) = answer {
            self.state.rate_limited += 1;
        }
        match self.state.reconciles.iter().position(|r| r.item == item) {
            Some(at) => self.state.reconciling(at, answer),
            None => {
                self.state.sent(item, answer);
                JsValue::UNDEFINED
            }
        }
    }

    /// `{ done, failed, pending, inFlight, total, ratePerSecond, etaMs }` when a report is
    /// due at `now` (at most every 100 ms, and once at the end), else `undefined`.
    pub fn progress(&mut self, now: f64) -> JsValue {
        let Some(p) = self.state.run.progress(now as u64) else {
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
    pub fn abort(&mut self) {
        self.state.run.abort();
    }

    /// The report: `{ action, total, counts, rateLimited, items }`, each item
    /// `{ index, status, credential?, error?, sentAt? }`; plain data for `JSON.stringify`.
    pub fn report(&self) -> JsValue {
        report::write(&self.state)
    }
}

/// A request for the JS loop to make for `item`.
fn request(item: usize, path: &str, params: &JsValue, all: bool) -> JsValue {
    convert::object(&[
        ("item", JsValue::from(item as f64)),
        ("path", JsValue::from_str(path)),
        ("params", params.clone()),
        ("all", JsValue::from_bool(all)),
    ])
}

fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

impl State {
    fn params(&self, i: usize) -> JsNode {
        self.items.get(i).cloned().unwrap_or(JsNode(JsValue::NULL))
    }

    /// Item `i` was sent once, and the client answered.
    fn sent(&mut self, i: usize, answer: Result<JsValue, (JsValue, Outcome)>) {
        let (outcome, error, credential) = match answer {
            Ok(credential) => {
                let id = property(&credential, "acs_credential_id").and_then(|id| id.as_string());
                (Outcome::Ok { id }, JsValue::UNDEFINED, credential)
            }
            Err((error, outcome)) => (outcome, error, JsValue::UNDEFINED),
        };
        if let Some(slot) = self.credentials.get_mut(i) {
            *slot = credential;
        }
        if let Some(slot) = self.errors.get_mut(i) {
            *slot = error;
        }
        self.run.answered(i, outcome, now_ms());
    }

    /// The next step of the reconcile `r` once the client answered its last request: the
    /// entrances of the next credential that would fit, if the item names entrances, and
    /// else core's verdict on which credential, if any, the lost create made.
    fn reconciling(&mut self, r: usize, answer: Result<JsValue, (JsValue, Outcome)>) -> JsValue {
        let Some(item) = self.reconciles.get(r).map(|rec| rec.item) else {
            return JsValue::UNDEFINED;
        };
        let value = match answer {
            Ok(value) => value,
            Err((_, outcome)) => {
                self.reconciles.swap_remove(r);
                self.run.reconciled(item, Err(outcome), now_ms());
                return JsValue::UNDEFINED;
            }
        };
        let params = self.params(item);
        let wanted = reconcile::wanted_entrances(&params);
        let Some(rec) = self.reconciles.get_mut(r) else {
            return JsValue::UNDEFINED;
        };
        let candidates = match &mut rec.candidates {
            None => rec.candidates.insert(
                JsNode(value)
                    .items()
                    .into_iter()
                    .map(|credential| Candidate {
                        credential,
                        entrance_ids: None,
                    })
                    .collect(),
            ),
            Some(candidates) => {
                if let Some(candidate) = candidates.get_mut(rec.at) {
                    candidate.entrance_ids = Some(reconcile::entrance_ids(&JsNode(value).items()));
                }
                rec.at += 1;
                candidates
            }
        };
        if let Some(wanted) = wanted {
            while let Some(candidate) = candidates.get(rec.at) {
                if reconcile::needs_entrances(&params, rec.sent_at as i64, &candidate.credential, &wanted) {
                    let id = property(&candidate.credential.0, "acs_credential_id").unwrap_or(JsValue::NULL);
                    return request(
                        item,
                        ENTRANCES_PATH,
                        &convert::object(&[("acs_credential_id", id)]),
                        false,
                    );
                }
                rec.at += 1;
            }
        }
        let rec = self.reconciles.swap_remove(r);
        let candidates = rec.candidates.unwrap_or_default();
        let found = reconcile(&params, rec.sent_at as i64, &candidates, &self.run.claimed());
        if let Match::Created(id) = &found {
            let made = candidates
                .iter()
                .map(|candidate| &candidate.credential)
                .find(|credential| {
                    credential.get("acs_credential_id").and_then(|v| v.as_string()).as_ref() == Some(id)
                });
            if let (Some(credential), Some(slot)) = (made, self.credentials.get_mut(item)) {
                *slot = credential.0.clone();
            }
        }
        self.run.reconciled(item, Ok(found), now_ms());
        JsValue::UNDEFINED
    }
}
