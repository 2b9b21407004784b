//! Carrying out core's [`Call`] without futures: a [`Task`] is a step machine around the
//! call (and, for a listing, core's [`Pages`]) that the package's JS loop drives
//! (`js/drive.js`): it asks [`Task::step`] what to do, makes the request or waits, and
//! hands back what happened ([`Task::answer`], [`Task::failed`], [`Task::woken`]). Every
//! decision (retries, the deadline, paging, waiting for an action attempt) is core's;
//! the JS only makes requests, runs timers and reports which one ended a wait.

use crate::answers::Reporter;
use crate::convert::{self, parse_js_string, property};
use crate::errors;
use crate::node::JsNode;
use alloc::rc::Rc;
use seam_acs_core::action_attempt::{self, Wait, WaitOption};
use seam_acs_core::call::{Call, Step};
use seam_acs_core::config::{self, ClientConfig};
use seam_acs_core::paging::Pages;
use seam_acs_core::prelude::*;
use seam_acs_core::request::HttpRequest;
use seam_acs_core::response::{Answer, Body};
use seam_acs_core::{Auth, Endpoint, SeamError};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::AbortSignal;

#[wasm_bindgen(module = "/js/drive.js")]
extern "C" {
    /// Runs `task` to its end under `signal`: a promise of its result or typed error.
    pub fn drive(task: Task, signal: Option<AbortSignal>) -> js_sys::Promise;
    /// The async iterator `iterate()` returns, each `next()` driving `task` on.
    pub fn listing(task: Task, signal: Option<AbortSignal>) -> JsValue;
}

/// Who calls and where: shared by a client and its namespaces.
pub struct Transport {
    pub auth: Auth,
    pub config: ClientConfig,
    /// Where what a lenient reading accepted is reported.
    pub reporter: Reporter,
}

/// A call's own options: `{ signal?: AbortSignal, timeoutMs?: number, waitForActionAttempt? }`.
#[derive(Clone)]
pub struct CallOptions {
    pub signal: Option<AbortSignal>,
    pub timeout_ms: u64,
    /// The call's own `waitForActionAttempt`, when given (else the client's).
    pub wait: Option<Option<Wait>>,
}

/// Reads a `waitForActionAttempt` option (client or call): `None` when not given.
pub fn wait_option(options: &JsValue) -> Result<Option<Option<Wait>>, SeamError> {
    let Some(value) = property(options, "waitForActionAttempt") else {
        return Ok(None);
    };
    let option = match value.as_bool() {
        Some(flag) => WaitOption::Flag(flag),
        None if value.is_object() => WaitOption::Object {
            timeout_ms: convert::number(&value, "timeoutMs"),
            polling_interval_ms: convert::number(&value, "pollingIntervalMs"),
        },
        None => WaitOption::Invalid,
    };
    action_attempt::wait(option).map(Some)
}

impl CallOptions {
    pub fn read(config: &ClientConfig, options: &JsValue) -> Result<CallOptions, SeamError> {
        convert::options(options)?;
        let timeout_ms = config::call_timeout(config, convert::number(options, "timeoutMs"))?;
        let signal = match property(options, "signal") {
            None => None,
            Some(value) => Some(
                value
                    .dyn_into::<AbortSignal>()
                    .map_err(|_| convert::invalid("signal", "signal must be an AbortSignal"))?,
            ),
        };
        let wait = wait_option(options)?;
        Ok(CallOptions {
            signal,
            timeout_ms,
            wait,
        })
    }

    /// The client's defaults, for a call that will not be made.
    pub fn none(config: &ClientConfig) -> CallOptions {
        CallOptions {
            signal: None,
            timeout_ms: config.timeout_ms,
            wait: None,
        }
    }
}

/// What a task answers with.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wanted {
    /// Its result.
    Result,
    /// A page of a list and where the next is (`listPage`).
    Page,
    /// The items of every page of a list, in one array (a bulk run's reconcile).
    AllPages,
    /// The items of every page, one per [`Task::result`] (`iterate()`).
    Items,
    /// A client with the token of the client session it got (`fromPublishableKey`).
    Session,
}

/// One call of the package (or one listing), carried out by the JS loop (internal).
#[wasm_bindgen]
pub struct Task {
    transport: Rc<Transport>,
    /// The client's config, but for a bulk attempt's (no automatic retry).
    config: Option<ClientConfig>,
    endpoint: &'static Endpoint,
    params: JsNode,
    options: CallOptions,
    wanted: Wanted,
    /// A bulk run's attempt: resolves `{ value }` or `{ error, outcome, retryAfterMs? }`.
    attempt: bool,
    pages: Pages,
    /// The page's call under way.
    call: Option<Call<js_sys::JsString>>,
    /// The call has sent nothing yet: its deadline is still to be armed.
    fresh: bool,
    /// The last answer's parsed body and request id.
    last: (JsValue, Option<String>),
    /// The items gathered (`AllPages`), or not yet handed out, last first (`Items`).
    items: Vec<JsValue>,
    /// What the task ended with (an `Items` task ends only by an error).
    outcome: Option<Result<JsValue, (SeamError, JsValue)>>,
}

impl Task {
    /// A task of `wanted` from `endpoint` with `params` and `options` as the caller gave
    /// them; what is wrong with them is its result, so a promise rejects with it.
    pub(crate) fn new(
        transport: Rc<Transport>,
        endpoint: &'static Endpoint,
        params: Result<JsNode, SeamError>,
        options: &JsValue,
        wanted: Wanted,
    ) -> Task {
        let read = params.and_then(|params| Ok((params, CallOptions::read(&transport.config, options)?)));
        let (params, options, outcome) = match read {
            Ok((params, options)) => (params, options, None),
            Err(error) => (
                JsNode(JsValue::NULL),
                CallOptions::none(&transport.config),
                Some(Err((error, JsValue::UNDEFINED))),
            ),
        };
        Task {
            pages: Pages::new(&params),
            transport,
            config: None,
            endpoint,
            params,
            options,
            wanted,
            attempt: false,
            call: None,
            fresh: false,
            last: (JsValue::UNDEFINED, None),
            items: Vec::new(),
            outcome,
        }
    }

    /// A bulk run's single attempt: no automatic retry, the client's timeout.
    pub(crate) fn for_bulk(mut self) -> Task {
        let mut config = self.transport.config.clone();
        config.retry.max_retries = 0;
        self.config = Some(config);
        self.attempt = true;
        self
    }

    /// Runs the task: a promise of its result.
    pub(crate) fn run(self) -> js_sys::Promise {
        let signal = self.options.signal.clone();
        drive(self, signal)
    }

    /// The iterator of an `Items` task.
    pub(crate) fn iterate(self) -> JsValue {
        let signal = self.options.signal.clone();
        listing(self, signal)
    }

    fn fail(&mut self, error: SeamError, body: JsValue) {
        self.outcome = Some(Err((error, body)));
    }

    /// Starts the next page's call; `false` when the listing is over or it cannot be made.
    fn start(&mut self) -> bool {
        let config = self.config.as_ref().unwrap_or(&self.transport.config);
        let auth = &self.transport.auth;
        let next = self.pages.next_call(
            self.endpoint,
            auth,
            config,
            self.params.clone(),
            self.options.timeout_ms,
            convert::now(),
        );
        match next {
            None => {
                if self.wanted == Wanted::AllPages {
                    let items: js_sys::Array = self.items.drain(..).collect();
                    self.outcome = Some(Ok(items.into()));
                }
                false
            }
            Some(Err(error)) => {
                self.fail(error, JsValue::UNDEFINED);
                false
            }
            Some(Ok(mut call)) => {
                if let Some(wait) = self.options.wait {
                    call.set_wait(wait, auth, &config.base_url);
                }
                self.call = Some(call);
                self.fresh = true;
                true
            }
        }
    }

    /// The page's call is over: its result taken in, and the issues reported.
    fn finish(&mut self) {
        let Some(call) = self.call.take() else { return };
        let path = call.endpoint().path;
        let (body, request_id) = core::mem::take(&mut self.last);
        let checked = match call.into_result() {
            Ok(checked) => checked,
            Err(error) => return self.fail(error, body),
        };
        self.transport
            .reporter
            .report(Some(path), request_id.as_deref(), &checked.issues);
        // Only a body that is not the object its check found has no result to read.
        let Ok((value, info)) = convert::result(&checked, &body) else {
            let message = "the answer could not be read".to_owned();
            return self.fail(SeamError::Network { message }, body);
        };
        let next = self.pages.on_page(convert::length(&value), info.as_ref());
        let items = || {
            value
                .dyn_ref::<js_sys::Array>()
                .map(|page| page.to_vec())
                .unwrap_or_default()
        };
        match self.wanted {
            Wanted::Result | Wanted::Session => self.outcome = Some(Ok(value)),
            Wanted::Page => {
                let pagination = convert::object(&[
                    ("hasNextPage", JsValue::from_bool(next.is_some())),
                    ("nextPageCursor", convert::string_or_null(next)),
                ]);
                self.outcome = Some(Ok(convert::object(&[("items", value), ("pagination", pagination)])));
            }
            Wanted::AllPages => self.items.extend(items()),
            Wanted::Items => {
                self.items = items();
                self.items.reverse();
            }
        }
    }

    /// Reports what ended a send that got no answer (`error`: its rejection, else a sleep
    /// ended): the caller's abort, the deadline, or else the network or the timer.
    fn cut(&mut self, error: Option<JsValue>, aborted: bool, timed_out: bool) {
        let Some(call) = &mut self.call else { return };
        match (aborted, timed_out, error) {
            (true, _, _) => call.on_aborted(),
            (_, true, _) => call.on_timeout(),
            (_, _, Some(error)) => call.on_network_error(describe(&error), convert::now(), js_sys::Math::random()),
            (_, _, None) => call.on_woken(convert::now()),
        }
    }

    /// The JS value of a finished task: its result, or its error.
    fn value(&mut self, value: JsValue) -> Result<JsValue, JsValue> {
        match (self.wanted, self.attempt) {
            (Wanted::Session, _) => session_client(&self.transport, &value),
            (_, true) => Ok(convert::object(&[("value", value)])),
            _ => Ok(value),
        }
    }
}

#[wasm_bindgen]
impl Task {
    /// What to do now: a request `{ url, method, headers, body?, deadline? }` to `fetch`
    /// (`deadline`: a new call starts, whose whole timeout in milliseconds is armed now), a
    /// number of milliseconds to sleep, or `undefined` when [`Task::result`] is ready.
    pub fn step(&mut self) -> JsValue {
        loop {
            let items_ready = self.wanted == Wanted::Items && !self.items.is_empty();
            if self.outcome.is_some() || items_ready || (self.call.is_none() && !self.start()) {
                return JsValue::UNDEFINED;
            }
            let Some(call) = &self.call else {
                return JsValue::UNDEFINED;
            };
            match call.step() {
                Step::Send(request) => {
                    let deadline = self.fresh.then(|| call.timeout_ms());
                    let step = request_object(request, deadline);
                    self.fresh = false;
                    return step;
                }
                Step::Sleep(ms) => return JsValue::from(ms as f64),
                Step::Done(_) => self.finish(),
            }
        }
    }

    /// The server answered: its status, the headers core reads, and the body's text.
    pub fn answer(
        &mut self,
        status: u16,
        request_id: Option<String>,
        retry_after: Option<String>,
        text: js_sys::JsString,
    ) {
        let Some(call) = &mut self.call else { return };
        let body = if text.trim().length() == 0 {
            Body::Empty
        } else {
            parse_js_string(&text).map_or(Body::NotJson, |value| Body::Json(JsNode(value)))
        };
        let answer = Answer {
            status,
            request_id: request_id.as_deref(),
            retry_after: retry_after.as_deref(),
            body: body.clone(),
        };
        call.on_answer(&answer, convert::now(), js_sys::Math::random());
        let body = match body {
            Body::Json(node) => node.0,
            Body::Empty | Body::NotJson => JsValue::UNDEFINED,
        };
        self.last = (body, request_id);
    }

    /// The request got no answer (`fetch` rejected with `error`); `aborted`: the caller's
    /// signal is aborted; `timed_out`: the deadline fired.
    pub fn failed(&mut self, error: JsValue, aborted: bool, timed_out: bool) {
        self.cut(Some(error), aborted, timed_out);
    }

    /// A sleep ended: its time ran out, or the caller's signal or the deadline cut it short.
    pub fn woken(&mut self, aborted: bool, timed_out: bool) {
        self.cut(None, aborted, timed_out);
    }

    /// Once [`Task::step`] says so: the result, or throws the typed error (a bulk attempt
    /// never throws). An `Items` task gives `{ value, done }` for each item, then the end.
    pub fn result(&mut self) -> Result<JsValue, JsValue> {
        match self.outcome.take() {
            Some(Err((error, body))) => {
                // A failure ends a listing.
                self.pages.stop();
                match self.attempt {
                    true => Ok(crate::for_bulk::failure(&error)),
                    false => Err(errors::answer_error(&error, &body)),
                }
            }
            Some(Ok(value)) => self.value(value),
            None => {
                let item = self.items.pop();
                let done = JsValue::from_bool(item.is_none());
                Ok(convert::object(&[("value", item.unwrap_or_default()), ("done", done)]))
            }
        }
    }

    /// Ends a listing (`return()`): no further page is fetched, a page in flight is dropped.
    pub fn stop(&mut self) {
        self.pages.stop();
        self.items.clear();
        self.outcome = None;
        self.call = None;
    }
}

/// `{ url, method, headers, body?, deadline? }`: what `fetch` is given, and the deadline.
fn request_object(request: &HttpRequest<js_sys::JsString>, deadline: Option<u64>) -> JsValue {
    let headers = js_sys::Object::new();
    for (name, value) in &request.headers {
        let _ = js_sys::Reflect::set(&headers, &JsValue::from_str(name), &JsValue::from_str(value));
    }
    let mut fields = vec![
        ("url", JsValue::from_str(&request.url)),
        ("method", JsValue::from_str(request.method)),
        ("headers", headers.into()),
    ];
    if let Some(body) = &request.body {
        fields.push(("body", JsValue::from(body.clone())));
    }
    if let Some(ms) = deadline {
        fields.push(("deadline", JsValue::from(ms as f64)));
    }
    convert::object(&fields)
}

/// A JS error's `message`, never its stack or the request (which holds the token).
fn describe(error: &JsValue) -> String {
    property(error, "message")
        .and_then(|message| message.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the request failed".to_owned())
}

/// The client of the client session `session` (`fromPublishableKey`), with the same
/// options as the client that got it.
fn session_client(transport: &Transport, session: &JsValue) -> Result<JsValue, JsValue> {
    // The shape check made sure a client session with a string token is there.
    let token = property(session, "token")
        .and_then(|token| token.as_string())
        .unwrap_or_default();
    let auth = Auth::new(seam_acs_core::AuthMode::ClientSession, &token, None).map_err(|e| errors::to_js(&e))?;
    let transport = Transport {
        auth,
        config: transport.config.clone(),
        reporter: transport.reporter.clone(),
    };
    Ok(crate::client::SeamClient::with(transport).into())
}
