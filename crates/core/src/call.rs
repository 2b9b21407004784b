//! One call's control flow as a state machine without I/O, in the manner of quinn-proto:
//! a [`Call`] says what to do next ([`Step`]: send this request, sleep this long, done),
//! and the transport tells it what happened (an answer, a network error, the timeout, an
//! abort) and what time it is. The transport owns fetch and timers; every decision
//! (validation, attempts, the deadline, retries, reading the answer) is made here, where
//! plain Rust tests reach it.
//!
//! Action-attempt polling (an endpoint whose answer is a pending `action_attempt`) fits as
//! one more state: on a success whose result is a pending attempt, the call would swap its
//! request for `/action_attempts/get` of that id and yield `Sleep(interval)` then
//! `Send(poll)` until the attempt reports `success` or `error`, all within the same
//! deadline (`remaining_ms` already bounds every sleep), so the transport loop needs no
//! change.

use crate::auth::Auth;
use crate::config::ClientConfig;
use crate::datetime::Timestamp;
use crate::endpoints::Endpoint;
use crate::error::SeamError;
use crate::node::Node;
use crate::request::{self, HttpRequest};
use crate::response::{self, Answer, Checked};
use crate::retry::{self, RetryPolicy};
use crate::shape::AnswerMode;

/// What the transport does next.
#[derive(Debug, PartialEq)]
pub enum Step<'a> {
    /// Send this request, then report with [`Call::on_answer`] or one of the failures.
    Send(&'a HttpRequest),
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

/// One call of one endpoint, from validation to its result.
#[derive(Debug)]
pub struct Call {
    endpoint: &'static Endpoint,
    request: HttpRequest,
    policy: RetryPolicy,
    answers: AnswerMode,
    timeout_ms: u64,
    /// When the timeout ends, in milliseconds since the epoch: it bounds retries and sleeps too.
    ends_at: i64,
    retries: u32,
    state: State,
}

impl Call {
    /// A call of `endpoint` with `params` (and, for a page after the first, the `cursor`
    /// core's [`crate::paging::Pages`] chose), which must end within `timeout_ms` of `now`.
    /// Invalid parameters, or an auth mode the endpoint refuses, are the error: nothing
    /// is sent.
    pub fn new<N: Node>(
        endpoint: &'static Endpoint,
        auth: &Auth,
        config: &ClientConfig,
        params: N,
        cursor: Option<&str>,
        timeout_ms: u64,
        now: Timestamp,
    ) -> Result<Call, SeamError> {
        let request = request::prepare_page(endpoint, auth, &config.base_url, params, cursor, now)?;
        Ok(Call {
            endpoint,
            request,
            policy: config.retry,
            answers: config.answers,
            timeout_ms,
            ends_at: now
                .as_millis()
                .saturating_add(i64::try_from(timeout_ms).unwrap_or(i64::MAX)),
            retries: 0,
            state: State::Send,
        })
    }

    pub fn endpoint(&self) -> &'static Endpoint {
        self.endpoint
    }

    /// The timeout the transport arms for the whole call (fetches and sleeps).
    pub fn timeout_ms(&self) -> u64 {
        self.timeout_ms
    }

    /// What to do now. Asking again without reporting anything gives the same step.
    pub fn step(&self) -> Step<'_> {
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
            Ok(checked) => self.state = State::Done(Ok(checked)),
            Err(error) => self.retry_or_fail(error, answer.retry_after_ms(now), now, jitter),
        }
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
            timeout_ms: self.timeout_ms,
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
