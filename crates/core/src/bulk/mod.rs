//! Bulk runs: many creates, deletes, assigns or unassigns at the API's rate limit, with
//! nothing done twice and nothing lost, as plain decisions.
//!
//! Like a call, a run does no I/O: the transport asks [`Run::next`] what to do, carries it
//! out, and reports every answer back. A run
//! - keeps as many requests in flight as the server takes ([`pace`]: AIMD, `Retry-After`);
//! - re-sends an item freely when the server said it did not process it (429);
//! - never re-sends a create whose outcome is unknown (a reset connection, a 502/503/504,
//!   a timeout) before reconciling it: it lists the user's credentials and looks for the
//!   one that request made ([`reconcile`]). A match is the created credential; no match
//!   proves that send made nothing, so the create is sent again and cannot duplicate;
//!   several matches are left unknown for a person. Every unknown outcome is reconciled
//!   so, up to [`MAX_SENDS`] sends of an item: after that it stays unknown, with when it
//!   was last sent, for a person or a resumed run;
//! - treats a delete's 404 as done (already gone), and re-sends a delete, an assign or an
//!   unassign whose outcome is unknown (sending them twice does no more than once; see
//!   [`Action`]), up to [`MAX_SENDS`] sends too;
//! - stops sending when aborted, and is done once what is in flight has settled;
//! - resumes from the statuses of an earlier run: done items are skipped, unknown creates
//!   reconciled first, other unknown items sent again.

use crate::prelude::*;

pub mod pace;
pub mod progress;
pub mod rate;
pub mod reconcile;

use crate::error::SeamError;
use crate::text::decimal;
use crate::validate::{IssueCode, ValidationIssue};
use pace::{Pace, Signal};
use progress::{Meter, Progress};
use reconcile::Match;

/// What a run does to each item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Create,
    Delete,
    /// `{ acs_credential_id, acs_user_id | user_identity_id }`: gives the credential to the
    /// user. Assigning it again to the same user is a success (the local server answers
    /// 200 again), so an unknown outcome is simply sent again.
    Assign,
    /// The same items: takes the credential from the user. Unassigning it again is also
    /// harmless, but when the item names the user the local server refuses the repeat (400,
    /// "not assigned to this user"), so a refusal after an unknown outcome leaves the item
    /// unknown (the first send may have done it; its error says) rather than failed. A 404
    /// is a failure: it says the credential or the user does not exist, which for a wrong
    /// user id would report as done a credential still assigned.
    Unassign,
}

impl Action {
    /// The action a report (or the package's method) names: `create`, `delete`, `assign`, `unassign`.
    pub fn named(name: &str) -> Option<Action> {
        [Action::Create, Action::Delete, Action::Assign, Action::Unassign]
            .into_iter()
            .find(|action| action.name() == name)
    }

    /// The endpoint each item is sent to.
    pub fn path(self) -> &'static str {
        match self {
            Action::Create => "/acs/credentials/create",
            Action::Delete => "/acs/credentials/delete",
            Action::Assign => "/acs/credentials/assign",
            Action::Unassign => "/acs/credentials/unassign",
        }
    }

    /// How a report names the action, and an item it did.
    pub fn name(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Delete => "delete",
            Action::Assign => "assign",
            Action::Unassign => "unassign",
        }
    }

    pub fn done_name(self) -> &'static str {
        match self {
            Action::Create => "created",
            Action::Delete => "deleted",
            Action::Assign => "assigned",
            Action::Unassign => "unassigned",
        }
    }

    /// Whether sending an item twice does no more than sending it once: then an unknown
    /// outcome is sent again (up to [`MAX_SENDS`] sends), where a create's is reconciled.
    pub fn idempotent(self) -> bool {
        self != Action::Create
    }

    /// An item's status read back from a report of this action (`status`, the credential's
    /// id for a created one, `sentAt` for an unknown one): done stays done, unknown is
    /// reconciled, failed and not started are sent. `None` for anything a report never says.
    pub fn status_from_report(self, status: &str, id: Option<String>, sent_at: Option<f64>) -> Option<Status> {
        match status {
            s if s == self.done_name() => Some(Status::Done { id }),
            "unknown" => sent_at
                .filter(|at| at.is_finite() && *at >= 0.0)
                .map(|at| Status::Unknown { sent_at: at as u64 }),
            "failed" | "not_started" => Some(Status::NotStarted),
            _ => None,
        }
    }
}

/// Requests in flight at the start of a run, unless the caller says.
pub const DEFAULT_CONCURRENCY: u32 = 16;
/// The most a caller may ask for.
pub const MAX_CONCURRENCY: u32 = 256;

/// Reads the `concurrency` option as a JS number: the default when absent, else a whole
/// number from 1 to [`MAX_CONCURRENCY`].
pub fn concurrency(value: Option<f64>) -> Result<u32, ValidationIssue> {
    match value {
        None => Ok(DEFAULT_CONCURRENCY),
        Some(n) if crate::float::fract(n) == 0.0 && (1.0..=f64::from(MAX_CONCURRENCY)).contains(&n) => Ok(n as u32),
        Some(_) => Err(ValidationIssue {
            path: "concurrency".to_owned(),
            code: IssueCode::Type,
            message: "concurrency must be a whole number from 1 to 256".to_owned(),
        }),
    }
}

/// Item `i`'s issue, at `[i].field` (`[i]` for the item itself): one error lists the
/// problems of every item.
pub fn item_issue(i: usize, mut issue: ValidationIssue) -> ValidationIssue {
    let index = ["[", &decimal(i as u64), "]"].concat();
    issue.path = match issue.path.as_str() {
        "" => index,
        path if path.starts_with('[') => [index.as_str(), path].concat(),
        path => [index.as_str(), ".", path].concat(),
    };
    issue
}

/// What became of one item, as a report keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    NotStarted,
    /// Created (with the credential's id), deleted, or already gone.
    Done {
        id: Option<String>,
    },
    /// The server refused it (the transport keeps the error).
    Failed,
    /// Sent at `sent_at`, and what became of it is not known: for a person to decide, or
    /// for a resumed run to reconcile.
    Unknown {
        sent_at: u64,
    },
}

/// How a sent request ended, as the transport saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A success: the created credential's id, or nothing for a delete.
    Ok { id: Option<String> },
    /// 404: for a delete, already gone.
    NotFound,
    /// 429: not processed; send it again once the pause is over.
    RateLimited { retry_after_ms: Option<u64> },
    /// Any other refusal (an invalid input, a 403, a 500): final.
    Failed,
    /// No answer, or a 502/503/504: it may or may not have been done.
    Unknown,
}

impl Outcome {
    /// How a failed attempt's outcome crosses from the client to the bulk module (with
    /// `retry_after_ms` apart): `not_found`, `rate_limited`, `unknown` or `failed` (what
    /// [`Outcome::of`] never says, a success, is `failed` too).
    pub fn name(&self) -> &'static str {
        match self {
            Outcome::NotFound => "not_found",
            Outcome::RateLimited { .. } => "rate_limited",
            Outcome::Unknown => "unknown",
            Outcome::Ok { .. } | Outcome::Failed => "failed",
        }
    }

    /// The outcome [`Outcome::name`] named (anything else is `Failed`).
    pub fn named(name: Option<&str>, retry_after_ms: Option<u64>) -> Outcome {
        match name {
            Some("not_found") => Outcome::NotFound,
            Some("rate_limited") => Outcome::RateLimited { retry_after_ms },
            Some("unknown") => Outcome::Unknown,
            _ => Outcome::Failed,
        }
    }

    /// How a call that failed with `error` ended, for a bulk run: the server's word where
    /// there is one, and "unknown" wherever the request may have been processed (no
    /// answer, a gateway's 502/503/504, an answer that came but could not be read).
    pub fn of(error: &SeamError) -> Outcome {
        let status = match error {
            SeamError::Api(api) if api.status == 429 => {
                return Outcome::RateLimited {
                    retry_after_ms: api.retry_after_ms,
                }
            }
            SeamError::Api(api) => Some(api.status),
            SeamError::Parse { status, .. } => *status,
            SeamError::Network { .. }
            | SeamError::Timeout { .. }
            | SeamError::Aborted
            | SeamError::ActionAttemptTimeout { .. } => return Outcome::Unknown,
            SeamError::ActionAttemptFailed { .. } => return Outcome::Failed,
            // Refused before anything was sent.
            SeamError::Validation { .. }
            | SeamError::NotAllowed { .. }
            | SeamError::InvalidToken { .. }
            | SeamError::InvalidEndpoint { .. } => return Outcome::Failed,
        };
        match (error, status) {
            (_, Some(429)) => Outcome::RateLimited { retry_after_ms: None },
            (SeamError::Api(_), Some(404)) => Outcome::NotFound,
            (_, Some(200..=299 | 502..=504)) => Outcome::Unknown,
            _ => Outcome::Failed,
        }
    }
}

/// What the transport does next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Send item `i` (create, delete, assign or unassign it).
    Send(usize),
    /// List the credentials of `item`'s user, look for the one its create (last sent at
    /// `sent_at`) made ([`reconcile::reconcile`]), then call [`Run::reconciled`].
    Reconcile { item: usize, sent_at: u64 },
    /// Nothing to start for this many milliseconds (`u64::MAX`: until an answer comes).
    Wait(u64),
    /// Every item is settled, or the run was aborted and nothing is in flight.
    Done,
}

/// Where an item is in this run.
#[derive(Debug, Clone, PartialEq, Eq)]
enum State {
    Queued,
    /// Its outcome is unknown: reconcile before anything else.
    ToReconcile {
        sent_at: u64,
    },
    Sending {
        sent_at: u64,
    },
    Reconciling {
        sent_at: u64,
    },
    Settled(Status),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Item {
    state: State,
    /// When it was last sent, in this run or an earlier one (a reconcile looks for
    /// credentials made after it).
    sent_at: Option<u64>,
    /// A send of it, in this run or an earlier one, had an unknown outcome.
    unknown: bool,
    /// Sends in this run the server did not refuse with a 429 (which processes nothing).
    sends: u32,
    /// Failed attempts to list for a reconcile.
    tries: u32,
}

/// The most an item is sent in one run (429s aside): a server that loses that many
/// answers in a row is not having a passing fault, and a person should look.
pub const MAX_SENDS: u32 = 3;
/// How often a reconcile's listing is tried.
const MAX_TRIES: u32 = 3;

/// One bulk run.
#[derive(Debug, Clone)]
pub struct Run {
    action: Action,
    items: Vec<Item>,
    pace: Pace,
    meter: Meter,
    aborted: bool,
    /// Items not yet sent in this run lie at `cursor` and after it, in order.
    cursor: usize,
    /// Items put back after a 429, or sent again after a reconcile found nothing.
    again: Vec<usize>,
    /// Items whose outcome is unknown: reconciled before anything else is sent.
    unknown: Vec<usize>,
    /// How many items are settled.
    settled: usize,
    /// Whether the report of the finished run was given.
    reported_done: bool,
}

impl Run {
    /// A run over `total` items, starting with `concurrency` requests in flight and never
    /// more than `max_concurrency`. `previous`: the statuses of an earlier run of the same
    /// items, to resume it.
    pub fn new(
        action: Action,
        total: usize,
        concurrency: u32,
        max_concurrency: u32,
        previous: Option<&[Status]>,
    ) -> Run {
        let items: Vec<Item> = (0..total)
            .map(|i| {
                let previous = previous.and_then(|statuses| statuses.get(i));
                let sent_at = match previous {
                    Some(Status::Unknown { sent_at }) => Some(*sent_at),
                    _ => None,
                };
                let state = match (previous, sent_at) {
                    (Some(done @ Status::Done { .. }), _) => State::Settled(done.clone()),
                    (_, Some(sent_at)) if !action.idempotent() => State::ToReconcile { sent_at },
                    _ => State::Queued,
                };
                Item {
                    state,
                    sent_at,
                    unknown: sent_at.is_some(),
                    sends: 0,
                    tries: 0,
                }
            })
            .collect();
        let settled = items
            .iter()
            .filter(|item| matches!(item.state, State::Settled(_)))
            .count();
        let unknown = (0..total)
            .filter(|i| matches!(items.get(*i).map(|item| &item.state), Some(State::ToReconcile { .. })))
            .rev()
            .collect();
        Run {
            action,
            items,
            pace: Pace::new(concurrency, max_concurrency),
            meter: Meter::default(),
            aborted: false,
            cursor: 0,
            again: Vec::new(),
            unknown,
            settled,
            reported_done: false,
        }
    }

    /// The next item never sent in this run, moving the cursor past it.
    fn fresh(&mut self) -> Option<usize> {
        while let Some(item) = self.items.get(self.cursor) {
            self.cursor += 1;
            if item.state == State::Queued {
                return Some(self.cursor - 1);
            }
        }
        None
    }

    /// Whether anything is left to start.
    fn waiting(&self) -> bool {
        !self.unknown.is_empty()
            || !self.again.is_empty()
            || self
                .items
                .iter()
                .skip(self.cursor)
                .any(|item| item.state == State::Queued)
    }

    /// What to do at `now`. Each [`Step::Send`] or [`Step::Reconcile`] counts as in flight
    /// until its answer is reported.
    pub fn next(&mut self, now: u64) -> Step {
        self.meter.start(now);
        if self.aborted || !self.waiting() {
            return if self.pace.in_flight() > 0 {
                Step::Wait(u64::MAX)
            } else {
                Step::Done
            };
        }
        if let Some(wait) = self.pace.wait(now) {
            return Step::Wait(wait);
        }
        // Reconciles first: they decide whether something still has to be sent.
        if let Some(i) = self.unknown.pop() {
            let mut sent_at = 0;
            if let Some(item) = self.items.get_mut(i) {
                if let State::ToReconcile { sent_at: at } = item.state {
                    sent_at = at;
                    item.state = State::Reconciling { sent_at };
                }
            }
            self.pace.sent(now);
            return Step::Reconcile { item: i, sent_at };
        }
        let Some(i) = self.again.pop().or_else(|| self.fresh()) else {
            return Step::Wait(u64::MAX);
        };
        if let Some(item) = self.items.get_mut(i) {
            item.state = State::Sending { sent_at: now };
            item.sent_at = Some(now);
        }
        self.pace.sent(now);
        Step::Send(i)
    }

    /// The answer to [`Step::Send`] of item `i` came at `now`.
    pub fn answered(&mut self, i: usize, outcome: Outcome, now: u64) {
        let (action, Some(item)) = (self.action, self.items.get_mut(i)) else {
            return;
        };
        let State::Sending { sent_at } = item.state else { return };
        let signal = match outcome {
            Outcome::RateLimited { retry_after_ms } => Signal::RateLimited { retry_after_ms },
            Outcome::Unknown => Signal::Overloaded,
            Outcome::Ok { .. } | Outcome::NotFound | Outcome::Failed => Signal::Clean,
        };
        self.pace.answered(sent_at, now, signal);
        if !matches!(signal, Signal::RateLimited { .. }) {
            item.sends += 1;
        }
        let after_unknown = item.unknown;
        item.unknown |= outcome == Outcome::Unknown;
        item.state = match (outcome, action) {
            (Outcome::Ok { id }, _) => State::Settled(Status::Done { id }),
            (Outcome::NotFound, Action::Delete) => State::Settled(Status::Done { id: None }),
            (Outcome::NotFound | Outcome::Failed, Action::Unassign) if after_unknown => {
                State::Settled(Status::Unknown { sent_at })
            }
            (Outcome::NotFound | Outcome::Failed, _) => State::Settled(Status::Failed),
            (Outcome::RateLimited { .. }, _) => State::Queued,
            (Outcome::Unknown, Action::Create) => State::ToReconcile { sent_at },
            (Outcome::Unknown, _) if item.sends < MAX_SENDS => State::Queued,
            (Outcome::Unknown, _) => State::Settled(Status::Unknown { sent_at }),
        };
        self.queue(i, now);
    }

    /// Puts item `i` where its new state belongs: a queue, or the settled count.
    fn queue(&mut self, i: usize, now: u64) {
        match self.items.get(i).map(|item| &item.state) {
            Some(State::Settled(_)) => {
                self.settled += 1;
                self.meter.settled(now);
            }
            Some(State::Queued) => self.again.push(i),
            Some(State::ToReconcile { .. }) => self.unknown.push(i),
            _ => {}
        }
    }

    /// The reconcile of item `i` ([`Step::Reconcile`]) found `found`, or its listing
    /// failed with `Err(outcome)`: after a 429 it is tried again once the pause is over;
    /// after anything else, up to three times in all. Nothing found sends the item again,
    /// unless it was sent [`MAX_SENDS`] times already.
    pub fn reconciled(&mut self, i: usize, found: Result<Match, Outcome>, now: u64) {
        let Some(item) = self.items.get_mut(i) else { return };
        let State::Reconciling { sent_at } = item.state else {
            return;
        };
        let signal = match &found {
            Ok(_) => Signal::Clean,
            Err(Outcome::RateLimited { retry_after_ms }) => Signal::RateLimited {
                retry_after_ms: *retry_after_ms,
            },
            Err(_) => Signal::Overloaded,
        };
        self.pace.answered(now, now, signal);
        item.state = match found {
            Ok(Match::Created(id)) => State::Settled(Status::Done { id: Some(id) }),
            Ok(Match::Nothing) if item.sends < MAX_SENDS => {
                item.tries = 0;
                State::Queued
            }
            Ok(Match::Nothing | Match::Ambiguous) => State::Settled(Status::Unknown { sent_at }),
            Err(Outcome::RateLimited { .. }) => State::ToReconcile { sent_at },
            Err(_) => {
                item.tries += 1;
                if item.tries < MAX_TRIES {
                    State::ToReconcile { sent_at }
                } else {
                    State::Settled(Status::Unknown { sent_at })
                }
            }
        };
        self.queue(i, now);
    }

    /// Item `i` is invalid and the caller chose to send only the valid items: settled as
    /// failed without being sent. Only an item still waiting to be sent is refused.
    pub fn refuse(&mut self, i: usize) {
        if let Some(item) = self.items.get_mut(i) {
            if item.state == State::Queued {
                item.state = State::Settled(Status::Failed);
                self.settled += 1;
            }
        }
    }

    /// Stops starting anything: [`Run::next`] says [`Step::Done`] once nothing is in flight.
    pub fn abort(&mut self) {
        self.aborted = true;
    }

    /// The credential ids items of this run created: a reconcile must not give them to
    /// another item.
    pub fn claimed(&self) -> Vec<&str> {
        self.items
            .iter()
            .filter_map(|item| match &item.state {
                State::Settled(Status::Done { id: Some(id) }) => Some(id.as_str()),
                _ => None,
            })
            .collect()
    }

    /// Each item's status as a report keeps it: what is not settled is not started, or
    /// unknown if it was sent.
    pub fn statuses(&self) -> Vec<Status> {
        self.items
            .iter()
            .map(|item| match &item.state {
                State::Settled(status) => status.clone(),
                // Back in the queue after a 429 (not processed), or never sent.
                State::Queued if !item.unknown => Status::NotStarted,
                State::Queued => Status::Unknown {
                    sent_at: item.sent_at.unwrap_or_default(),
                },
                State::ToReconcile { sent_at } | State::Sending { sent_at } | State::Reconciling { sent_at } => {
                    Status::Unknown { sent_at: *sent_at }
                }
            })
            .collect()
    }

    /// The counts, rate and time left at `now`, when a report is due (at most every 100 ms,
    /// and always once the run is done: every item settled, or aborted with nothing in flight).
    pub fn progress(&mut self, now: u64) -> Option<Progress> {
        let finished = self.settled == self.items.len() || (self.aborted && self.pace.in_flight() == 0);
        if !self.meter.due(now) && (!finished || self.reported_done) {
            return None;
        }
        self.reported_done |= finished;
        let (mut done, mut failed) = (0, 0);
        for item in &self.items {
            match item.state {
                State::Settled(Status::Done { .. }) => done += 1,
                State::Settled(Status::Failed | Status::Unknown { .. }) => failed += 1,
                _ => {}
            }
        }
        let total = self.items.len();
        let pending = total - done - failed;
        let rate_per_second = self.meter.rate(now);
        Some(Progress {
            done,
            failed,
            pending,
            in_flight: self.pace.in_flight() as usize,
            total,
            rate_per_second,
            eta_ms: progress::eta_ms(pending, rate_per_second),
        })
    }
}
