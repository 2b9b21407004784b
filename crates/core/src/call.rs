//! One call's control flow as a state machine without I/O, in the manner of quinn-proto:
//! a [`Call`] says what to do next ([`Step`]: send this request, sleep this long, done),
//! and the transport tells it what happened (an answer, a network error, the timeout, an
//! abort) and what time it is. The transport owns fetch and timers; every decision
//! (validation, attempts, the deadline, retries, reading the answer) is made here, where
//! plain Rust tests reach it.
//!
//! Waiting for an action attempt (an endpoint with an `x-action-attempt-type`, unless the
//! wait is off): on a success whose result is a pending attempt, the call swaps its request
//! for `GET /action_attempts/get` of that id and yields `Sleep(interval)` then `Send(poll)`
//! until the attempt reports `success` (the call's result is that last answer) or `error`
//! ([`SeamError::ActionAttemptFailed`]), or the wait's `timeout_ms`, counted from the first
//! answer, runs out ([`SeamError::ActionAttemptTimeout`]). The whole call, polls included,
//! stays inside one deadline the transport arms ([`Call::timeout_ms`]): the call's own
//! `timeoutMs` plus the wait's, so the first exchange has its full timeout and the wait its
//! full time; a poll that hangs past it is a [`SeamError::Timeout`], an abort an
//! [`SeamError::Aborted`], as for any call.

use crate::action_attempt::{self, Progress, Wait};
use crate::auth::Auth;
use crate::config::ClientConfig;
use crate::datetime::Timestamp;
use crate::endpoints::Endpoint;
use crate::error::SeamError;
use crate::node::Node;
use crate::prelude::*;
use crate::request::{self, HttpRequest};
use crate::response::{self, Answer, Body, Checked};
use crate::retry::{self, RetryPolicy};
use crate::shape::AnswerMode;

/// What the transport does next.
#[derive(Debug, PartialEq)]
pub enum Step<'a, B = String> {
    /// Send this request, then report with [`Call::on_answer`] or one of the failures.
    Send(&'a HttpRequest<B>),
    /// Wait this many milliseconds, then call [`Call::on_woken`] (or report the abort or
    /// timeout that cut the wait short).
    Sleep(u64),
    /// The call is over: the checked answer (whose `issues` the transport reports) or the
    /// error. [`Call::into_result`] hands it over.
    Done(&'a Result<Checked, SeamError>),
}

#[derive(Debug)]
enum State {
    Send,
    Sleep(u64),
    Done(Result<Checked, SeamError>),
}

/// One call of one endpoint, from validation to its result. `B` is the request body as the
/// parameters' view writes it ([`Node::Body`]).
#[derive(Debug)]
pub struct Call<B = String> {
    endpoint: &'static Endpoint,
    request: HttpRequest<B>,
    policy: RetryPolicy,
    answers: AnswerMode,
    timeout_ms: u64,
    /// When the call started, in milliseconds since the epoch.
    started: i64,
    /// When the timeout ends, in milliseconds since the epoch: it bounds retries and sleeps too.
    ends_at: i64,
    retries: u32,
    state: State,
    /// For an action-attempt endpoint that waits: how, and where polls go.
    waiting: Option<Waiting<B>>,
}

#[derive(Debug)]
struct Waiting<B> {
    wait: Wait,
    /// `GET /action_attempts/get?action_attempt_id=` (the id is appended).
    poll: HttpRequest<B>,
    /// When the wait gives up: set by the first pending answer.
    gives_up_at: Option<i64>,
}

impl<B: Clone> Call<B> {
    /// A call of `endpoint` with `params` (and, for a page after the first, the `cursor`
    /// core's [`crate::paging::Pages`] chose), which must end within `timeout_ms` of `now`.
    /// Invalid parameters, or an auth mode the endpoint refuses, are the error: nothing
    /// is sent.
    pub fn new<N: Node<Body = B>>(
        endpoint: &'static Endpoint,
        auth: &Auth,
        config: &ClientConfig,
        params: N,
        cursor: Option<&str>,
        timeout_ms: u64,
        now: Timestamp,
    ) -> Result<Call<B>, SeamError> {
        let request = request::prepare_page(endpoint, auth, &config.base_url, params, cursor, now)?;
        let mut call = Call {
            endpoint,
            request,
            policy: config.retry,
            answers: config.answers,
            timeout_ms,
            started: now.as_millis(),
            ends_at: 0,
            retries: 0,
            state: State::Send,
            waiting: None,
        };
        call.set_wait(config.wait, auth, &config.base_url);
        Ok(call)
    }

    /// Waits for the action attempt as `wait` says (`None`: resolves with the pending
    /// attempt), instead of as the client's config says: a call's own option. Only for an
    /// action-attempt endpoint; before the first step.
    pub fn set_wait(&mut self, wait: Option<Wait>, auth: &Auth, base_url: &str) {
        self.waiting = wait.filter(|_| self.endpoint.action_attempt).map(|wait| Waiting {
            wait,
            poll: action_attempt::poll_request(auth, base_url, ""),
            gives_up_at: None,
        });
        self.ends_at = self
            .started
            .saturating_add(i64::try_from(self.timeout_ms()).unwrap_or(i64::MAX));
    }

    pub fn endpoint(&self) -> &'static Endpoint {
        self.endpoint
    }

    /// The timeout the transport arms for the whole call (fetches, sleeps, polls): the
    /// call's own, plus the wait's when it waits for an action attempt.
    pub fn timeout_ms(&self) -> u64 {
        let wait = self.waiting.as_ref().map_or(0, |w| w.wait.timeout_ms);
        self.timeout_ms.saturating_add(wait)
    }

    /// What to do now. Asking again without reporting anything gives the same step.
    pub fn step(&self) -> Step<'_, B> {
        match &self.state {
            State::Send => Step::Send(&self.request),
            State::Sleep(ms) => Step::Sleep(*ms),
            State::Done(result) => Step::Done(result),
        }
    }

    /// The result, once [`Step::Done`] (before, the call ends as aborted).
    pub fn into_result(self) -> Result<Checked, SeamError> {
        match self.state {
            State::Done(result) => result,
            State::Send | State::Sleep(_) => Err(SeamError::Aborted),
        }
    }

    /// The server answered (its body parsed by the transport; `jitter` is a random number
    /// in `[0, 1)` for the backoff).
    pub fn on_answer<N: Node>(&mut self, answer: &Answer<'_, N>, now: Timestamp, jitter: f64) {
        if !matches!(self.state, State::Send) {
            return;
        }
        match response::check_answer(self.endpoint, answer, now, self.answers) {
            Ok(checked) => self.on_result(checked, answer, now),
            Err(error) => self.retry_or_fail(error, answer.retry_after_ms(now), now, jitter),
        }
    }

    /// A checked result: done, unless it is an action attempt to wait for.
    fn on_result<N: Node>(&mut self, checked: Checked, answer: &Answer<'_, N>, now: Timestamp) {
        let (Some(waiting), Body::Json(body)) = (&mut self.waiting, &answer.body) else {
            self.state = State::Done(Ok(checked));
            return;
        };
        self.state = match action_attempt::progress(body) {
            None | Some(Progress::Success) => State::Done(Ok(checked)),
            Some(Progress::Failed { code, message }) => {
                State::Done(Err(SeamError::ActionAttemptFailed { code, message }))
            }
            Some(Progress::Pending { id }) => {
                let gives_up_at = *waiting.gives_up_at.get_or_insert_with(|| {
                    now.as_millis()
                        .saturating_add(i64::try_from(waiting.wait.timeout_ms).unwrap_or(i64::MAX))
                });
                let left = u64::try_from(gives_up_at.saturating_sub(now.as_millis())).unwrap_or(0);
                if left == 0 {
                    State::Done(Err(SeamError::ActionAttemptTimeout {
                        timeout_ms: waiting.wait.timeout_ms,
                    }))
                } else {
                    // From now on the call is a poll of the attempt: a retry-safe GET.
                    if let Some(poll) = crate::endpoint("/action_attempts/get") {
                        self.endpoint = poll;
                    }
                    self.request = HttpRequest {
                        url: [waiting.poll.url.as_str(), &request::percent_encoded(&id)].concat(),
                        ..waiting.poll.clone()
                    };
                    self.retries = 0;
                    State::Sleep(waiting.wait.polling_interval_ms.min(left))
                }
            }
        };
    }

    /// No answer came: the connection failed (after the deadline, that is the timeout).
    pub fn on_network_error(&mut self, message: String, now: Timestamp, jitter: f64) {
        if !matches!(self.state, State::Send) {
            return;
        }
        match self.remaining_ms(now) {
            0 => self.on_timeout(),
            _ => self.retry_or_fail(SeamError::Network { message }, None, now, jitter),
        }
    }

    /// The call's timeout fired (during a send or a sleep).
    pub fn on_timeout(&mut self) {
        self.finish(SeamError::Timeout {
            timeout_ms: self.timeout_ms(),
        });
    }

    /// The caller aborted (during a send or a sleep): this wins over a timeout at the same time.
    pub fn on_aborted(&mut self) {
        self.finish(SeamError::Aborted);
    }

    /// A [`Step::Sleep`] is over: send again, unless the deadline passed meanwhile.
    pub fn on_woken(&mut self, now: Timestamp) {
        if let State::Sleep(_) = self.state {
            self.state = State::Send;
            if self.remaining_ms(now) == 0 {
                self.on_timeout();
            }
        }
    }

    fn finish(&mut self, error: SeamError) {
        if !matches!(self.state, State::Done(_)) {
            self.state = State::Done(Err(error));
        }
    }

    fn remaining_ms(&self, now: Timestamp) -> u64 {
        u64::try_from(self.ends_at.saturating_sub(now.as_millis())).unwrap_or(0)
    }

    /// Sleeps before the next attempt when [`retry::decide`] says so (never past the
    /// deadline), else ends with `error`.
    fn retry_or_fail(&mut self, error: SeamError, retry_after_ms: Option<u64>, now: Timestamp, jitter: f64) {
        let remaining = Some(self.remaining_ms(now));
        let decision = retry::decide(
            self.endpoint,
            &error,
            retry_after_ms,
            self.retries,
            &self.policy,
            jitter,
            remaining,
        );
        self.state = match decision {
            Some(delay) => {
                self.retries += 1;
                State::Sleep(delay)
            }
            None => State::Done(Err(error)),
        };
    }
}
