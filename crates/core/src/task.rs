//! One call of the package, or one listing, as a step machine without I/O: a [`Task`] runs
//! a [`Call`] for each page [`Pages`] chooses and hands back what the caller wanted
//! ([`Wanted`]) as plain data ([`Output`]): a result, a page and where the next one is, every
//! page's items together, or a listing's items one at a time.
//!
//! The transport asks [`Task::step`] what to do ([`Next`]: send this request, sleep this
//! long, report what a lenient reading accepted, or take the result), carries it out, and
//! says what happened ([`Task::on_answer`], [`Task::on_ended`]). It only converts values:
//! which page comes next, when a listing ends, when a call's deadline is armed and what a
//! failure ends are decided here, where plain Rust tests reach them.

use crate::auth::Auth;
use crate::call::{Call, Step};
use crate::config::ClientConfig;
use crate::datetime::Timestamp;
use crate::endpoints::Endpoint;
use crate::error::SeamError;
use crate::node::{Kind, Node};
use crate::paging::{PageInfo, Pages};
use crate::prelude::*;
use crate::request::HttpRequest;
use crate::response::{Answer, Body};
use crate::shape::AnswerIssue;
use core::mem;

/// What a task answers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    /// The call's result.
    Result,
    /// One page of a list, and where the next is (`listPage`).
    Page,
    /// The items of every page of a list, together (a bulk run's reconcile).
    AllPages,
    /// The items of every page, one per [`Task::result`] (`iterate()`).
    Items,
}

/// What the transport does next.
#[derive(Debug, PartialEq)]
pub enum Next<'a, B> {
    /// Send this request, then report with [`Task::on_answer`] or [`Task::on_ended`].
    /// `Some(ms)`: a new call starts with this send, and the transport arms its whole
    /// timeout ([`Call::timeout_ms`]: retries, sleeps and polls included) now.
    Send(&'a HttpRequest<B>, Option<u64>),
    /// Wait this many milliseconds, then call [`Task::on_ended`].
    Sleep(u64),
    /// A call's answer was accepted with what a lenient reading let through: hand it to the
    /// caller, then ask again.
    Report(Report),
    /// [`Task::result`] is ready.
    Ready,
}

/// What a lenient reading accepted in one answer.
#[derive(Debug, PartialEq)]
pub struct Report {
    /// The path of the endpoint that answered.
    pub endpoint: &'static str,
    /// The answer's `seam-request-id`.
    pub request_id: Option<String>,
    pub issues: Vec<AnswerIssue>,
}

/// What a task hands back, as nodes of the answers' own bodies.
#[derive(Debug, PartialEq)]
pub enum Output<N> {
    /// The call's result: `None` when it has none (`delete`, or a `null` or missing
    /// optional result).
    Value(Option<N>),
    /// A page's items, and the cursor of the next page (`None`: this was the last).
    Page(Option<N>, Option<String>),
    /// The items of every page, in order.
    All(Vec<N>),
    /// A listing's next item; `None` once it is over.
    Item(Option<N>),
    /// The error, and the body of the answer it was read from (whose payloads it carries).
    Failed(SeamError, Option<N>),
}

/// What each call of a task is made of.
#[derive(Debug)]
struct Plan<N> {
    params: N,
    /// The client's config with the call's own options applied.
    config: ClientConfig,
    pages: Pages,
}

/// One call (or one listing) of `endpoint`, from its first request to its result.
#[derive(Debug)]
pub struct Task<N: Node> {
    endpoint: &'static Endpoint,
    auth: Auth,
    wanted: Wanted,
    /// `None` when the caller's parameters or options were refused: nothing is sent.
    plan: Option<Plan<N>>,
    /// The page's call under way.
    call: Option<Call<N::Body>>,
    /// The call has sent nothing yet: its deadline is still to be armed.
    fresh: bool,
    /// The last answer's body (when JSON) and request id.
    last: (Option<N>, Option<String>),
    report: Option<Report>,
    /// The items gathered (`AllPages`), or not yet handed out, last first (`Items`).
    items: Vec<N>,
    /// What the task ended with (an `Items` task ends only by an error).
    outcome: Option<Output<N>>,
}

impl<N: Node> Task<N> {
    /// A task of `wanted` from `endpoint`, with the parameters and the calls' config (the
    /// client's, with the call's options applied) as read from the caller, or why they
    /// could not be read: that error is then the task's result.
    pub fn new(
        endpoint: &'static Endpoint,
        auth: &Auth,
        read: Result<(N, ClientConfig), SeamError>,
        wanted: Wanted,
    ) -> Task<N> {
        let (plan, outcome) = match read {
            Ok((params, config)) => {
                let pages = Pages::new(&params);
                (Some(Plan { params, config, pages }), None)
            }
            Err(error) => (None, Some(Output::Failed(error, None))),
        };
        Task {
            endpoint,
            auth: auth.clone(),
            wanted,
            plan,
            call: None,
            fresh: false,
            last: (None, None),
            report: None,
            items: Vec::new(),
            outcome,
        }
    }

    /// A bulk run's single attempt: no automatic retry (the run decides what is sent again).
    pub fn once(mut self) -> Task<N> {
        if let Some(plan) = &mut self.plan {
            plan.config.retry.max_retries = 0;
        }
        self
    }

    /// What to do now.
    pub fn step(&mut self, now: Timestamp) -> Next<'_, N::Body> {
        loop {
            if let Some(report) = self.report.take() {
                return Next::Report(report);
            }
            let items_ready = self.wanted == Wanted::Items && !self.items.is_empty();
            if self.outcome.is_some() || items_ready || (self.call.is_none() && !self.start(now)) {
                return Next::Ready;
            }
            // The page's call is over: take its result in, then go on.
            if matches!(self.call.as_ref().map(Call::step), Some(Step::Done(_))) {
                self.finish();
                continue;
            }
            let Some(call) = &self.call else {
                return Next::Ready;
            };
            let deadline = mem::take(&mut self.fresh).then(|| call.timeout_ms());
            return match call.step() {
                Step::Send(request) => Next::Send(request, deadline),
                Step::Sleep(ms) => Next::Sleep(ms),
                Step::Done(_) => Next::Ready,
            };
        }
    }

    /// The server answered (its body parsed by the transport; `jitter` is a random number
    /// in `[0, 1)` for the backoff).
    pub fn on_answer(&mut self, answer: Answer<'_, N>, now: Timestamp, jitter: f64) {
        let Some(call) = &mut self.call else { return };
        call.on_answer(&answer, now, jitter);
        let body = match answer.body {
            Body::Json(node) => Some(node),
            Body::Empty | Body::NotJson => None,
        };
        self.last = (body, answer.request_id.map(str::to_owned));
    }

    /// A send got no answer (`error`: the network's message), or a sleep ended (`error` is
    /// `None`), or either was cut short: by the caller's abort, which wins, or the deadline.
    pub fn on_ended(&mut self, aborted: bool, timed_out: bool, error: Option<String>, now: Timestamp, jitter: f64) {
        let Some(call) = &mut self.call else { return };
        match (aborted, timed_out, error) {
            (true, _, _) => call.on_aborted(),
            (_, true, _) => call.on_timeout(),
            (_, _, Some(message)) => call.on_network_error(message, now, jitter),
            (_, _, None) => call.on_woken(now),
        }
    }

    /// Once [`Task::step`] says [`Next::Ready`]: the result, or the error (which ends a
    /// listing). An `Items` task gives each item in turn, then `Item(None)`.
    pub fn result(&mut self) -> Output<N> {
        match self.outcome.take() {
            Some(failed @ Output::Failed(..)) => {
                self.stop_pages();
                failed
            }
            Some(output) => output,
            None => Output::Item(self.items.pop()),
        }
    }

    /// Ends a listing (`return()`): no further page is fetched, a page in flight is dropped.
    pub fn stop(&mut self) {
        self.stop_pages();
        self.items.clear();
        self.outcome = None;
        self.call = None;
    }

    fn stop_pages(&mut self) {
        if let Some(plan) = &mut self.plan {
            plan.pages.stop();
        }
    }

    /// Starts the next page's call; `false` when the listing is over or it cannot be made.
    fn start(&mut self, now: Timestamp) -> bool {
        let Some(plan) = &mut self.plan else {
            return false;
        };
        let (params, config) = (plan.params.clone(), &plan.config);
        match plan
            .pages
            .next_call(self.endpoint, &self.auth, config, params, config.timeout_ms, now)
        {
            None => {
                if self.wanted == Wanted::AllPages {
                    self.outcome = Some(Output::All(mem::take(&mut self.items)));
                }
                false
            }
            Some(Err(error)) => {
                self.outcome = Some(Output::Failed(error, None));
                false
            }
            Some(Ok(call)) => {
                self.call = Some(call);
                self.fresh = true;
                true
            }
        }
    }

    /// The page's call is over: its result taken in, and what its reading accepted kept
    /// for the caller.
    fn finish(&mut self) {
        let Some(call) = self.call.take() else { return };
        let endpoint = call.endpoint().path;
        let (body, request_id) = mem::take(&mut self.last);
        let checked = match call.into_result() {
            Ok(checked) => checked,
            Err(error) => {
                self.outcome = Some(Output::Failed(error, body));
                return;
            }
        };
        if !checked.issues.is_empty() {
            let issues = checked.issues;
            self.report = Some(Report {
                endpoint,
                request_id,
                issues,
            });
        }
        // What the check found under its key; `null` is no result.
        let value = body
            .as_ref()
            .zip(checked.key)
            .and_then(|(body, key)| body.get(key))
            .filter(|value| !value.is(Kind::Null));
        let page = body
            .filter(|_| checked.paginated)
            .and_then(|body| body.get("pagination"))
            .map(|pagination| PageInfo::read(&pagination));
        let items = |value: Option<&N>| value.map(Node::items).unwrap_or_default();
        match self.wanted {
            // A single call's list is not walked, nor a page's (only counted): it may hold thousands of items.
            Wanted::Result => self.outcome = Some(Output::Value(value)),
            Wanted::Page => {
                let next = self.on_page(value.as_ref().map_or(0, Node::item_count), page);
                self.outcome = Some(Output::Page(value, next));
            }
            Wanted::AllPages => {
                let mut items = items(value.as_ref());
                self.on_page(items.len(), page);
                self.items.append(&mut items);
            }
            Wanted::Items => {
                let mut items = items(value.as_ref());
                self.on_page(items.len(), page);
                items.reverse();
                self.items = items;
            }
        }
    }

    /// Takes in a page of `count` items: the cursor of the next page, if there is one.
    fn on_page(&mut self, count: usize, page: Option<PageInfo>) -> Option<String> {
        let plan = self.plan.as_mut()?;
        plan.pages.on_page(count, page.as_ref()).map(str::to_owned)
    }
}
