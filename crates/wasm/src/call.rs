//! Carrying out core's [`task::Task`] without futures: the package's JS loop
//! (`js/drive.js`) asks [`Task::step`] what to do, makes the request or waits, and hands
//! back what happened ([`Task::answer`], [`Task::failed`], [`Task::woken`]). Every decision
//! (retries, the deadline, paging, waiting for an action attempt) is core's; this only
//! converts values, and the JS only makes requests, runs timers and reports which one ended
//! a wait.

use crate::answers::Reporter;
use crate::convert::{self, parse_js_string, property};
use crate::errors;
use crate::node::JsNode;
use alloc::rc::Rc;
use seam_acs_core::action_attempt;
use seam_acs_core::config::{self, ClientConfig};
use seam_acs_core::prelude::*;
use seam_acs_core::request::HttpRequest;
use seam_acs_core::response::{Answer, Body};
use seam_acs_core::task::{self, Next, Output, Wanted};
use seam_acs_core::{Auth, Endpoint, SeamError};
use wasm_bindgen::prelude::*;
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

/// A call's own options `{ signal?: AbortSignal, timeoutMs?: number, waitForActionAttempt? }`:
/// the client's config with them applied, and the signal.
fn call_options(config: &ClientConfig, options: &JsValue) -> Result<(ClientConfig, Option<AbortSignal>), SeamError> {
    convert::options(options)?;
    let node = JsNode(options.clone());
    let timeout_ms = config::read_call_timeout(config, &node)?;
    let signal = convert::js_option(options, "signal", "signal must be an AbortSignal")?;
    let wait = action_attempt::read_wait(&node)?;
    let config = ClientConfig {
        timeout_ms,
        wait: wait.unwrap_or(config.wait),
        ..config.clone()
    };
    Ok((config, signal))
}

/// What a task's result becomes in JS.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    /// The result as it is.
    Value,
    /// A bulk run's attempt: `{ value }` or `{ error, outcome, retryAfterMs? }`, never a throw.
    Attempt,
    /// A client with the token of the client session it got (`fromPublishableKey`).
    Session,
}

/// One call of the package (or one listing): core's [`task::Task`], carried out by the JS
/// loop (internal).
#[wasm_bindgen]
pub struct Task {
    transport: Rc<Transport>,
    task: task::Task<JsNode>,
    signal: Option<AbortSignal>,
    form: Form,
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
        let read = params.and_then(|params| Ok((params, call_options(&transport.config, options)?)));
        let (read, signal) = match read {
            Ok((params, (config, signal))) => (Ok((params, config)), signal),
            Err(error) => (Err(error), None),
        };
        Task {
            task: task::Task::new(endpoint, &transport.auth, read, wanted),
            transport,
            signal,
            form: Form::Value,
        }
    }

    /// A bulk run's single attempt: no automatic retry, the client's timeout.
    pub(crate) fn for_bulk(mut self) -> Task {
        self.task = self.task.once();
        self.form = Form::Attempt;
        self
    }

    /// Resolves with a client of the client session it gets.
    pub(crate) fn for_session(mut self) -> Task {
        self.form = Form::Session;
        self
    }

    /// Runs the task: a promise of its result.
    pub(crate) fn run(self) -> js_sys::Promise {
        let signal = self.signal.clone();
        drive(self, signal)
    }

    /// The iterator of an `Items` task.
    pub(crate) fn iterate(self) -> JsValue {
        let signal = self.signal.clone();
        listing(self, signal)
    }

    fn ended(&mut self, error: Option<JsValue>, aborted: bool, timed_out: bool) {
        let message = error.as_ref().map(describe);
        let (now, jitter) = (convert::now(), js_sys::Math::random());
        self.task.on_ended(aborted, timed_out, message, now, jitter);
    }
}

#[wasm_bindgen]
impl Task {
    /// What to do now: a request `{ url, method, headers, body?, deadline? }` to `fetch`
    /// (`deadline`: a new call starts, whose whole timeout in milliseconds is armed now), a
    /// number of milliseconds to sleep, or `undefined` when [`Task::result`] is ready.
    pub fn step(&mut self) -> JsValue {
        loop {
            match self.task.step(convert::now()) {
                Next::Send(request, deadline) => return request_object(request, deadline),
                Next::Sleep(ms) => return JsValue::from(ms as f64),
                Next::Report(report) => {
                    let (endpoint, request_id) = (Some(report.endpoint), report.request_id.as_deref());
                    self.transport.reporter.report(endpoint, request_id, &report.issues);
                }
                Next::Ready => return JsValue::UNDEFINED,
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
        let body = if text.trim().length() == 0 {
            Body::Empty
        } else {
            parse_js_string(&text).map_or(Body::NotJson, |value| Body::Json(JsNode(value)))
        };
        let answer = Answer {
            status,
            request_id: request_id.as_deref(),
            retry_after: retry_after.as_deref(),
            body,
        };
        self.task.on_answer(answer, convert::now(), js_sys::Math::random());
    }

    /// The request got no answer (`fetch` rejected with `error`); `aborted`: the caller's
    /// signal is aborted; `timed_out`: the deadline fired.
    pub fn failed(&mut self, error: JsValue, aborted: bool, timed_out: bool) {
        self.ended(Some(error), aborted, timed_out);
    }

    /// A sleep ended: its time ran out, or the caller's signal or the deadline cut it short.
    pub fn woken(&mut self, aborted: bool, timed_out: bool) {
        self.ended(None, aborted, timed_out);
    }

    /// Once [`Task::step`] says so: the result, or throws the typed error (a bulk attempt
    /// never throws). An `Items` task gives `{ value, done }` for each item, then the end.
    pub fn result(&mut self) -> Result<JsValue, JsValue> {
        let js = |node: Option<JsNode>| node.map_or(JsValue::UNDEFINED, |node| node.0);
        let value = match self.task.result() {
            Output::Failed(error, _) if self.form == Form::Attempt => return Ok(crate::for_bulk::failure(&error)),
            Output::Failed(error, body) => return Err(errors::answer_error(&error, &js(body))),
            Output::Item(item) => {
                let done = JsValue::from_bool(item.is_none());
                return Ok(convert::object(&[("value", js(item)), ("done", done)]));
            }
            Output::Value(value) => js(value),
            Output::Page(items, next) => {
                let pagination = convert::object(&[
                    ("hasNextPage", JsValue::from_bool(next.is_some())),
                    ("nextPageCursor", convert::string_or_null(next.as_deref())),
                ]);
                convert::object(&[("items", js(items)), ("pagination", pagination)])
            }
            Output::All(items) => items.into_iter().map(|item| item.0).collect::<js_sys::Array>().into(),
        };
        match self.form {
            Form::Session => session_client(&self.transport, &value),
            Form::Attempt => Ok(convert::object(&[("value", value)])),
            Form::Value => Ok(value),
        }
    }

    /// Ends a listing (`return()`): no further page is fetched, a page in flight is dropped.
    pub fn stop(&mut self) {
        self.task.stop();
    }
}

/// `{ url, method, headers, body?, deadline? }`: what `fetch` is given, and the deadline.
fn request_object(request: &HttpRequest<js_sys::JsString>, deadline: Option<u64>) -> JsValue {
    let headers: Vec<(&str, JsValue)> = request
        .headers
        .iter()
        .map(|(name, value)| (*name, value.into()))
        .collect();
    let mut fields = vec![
        ("url", JsValue::from_str(&request.url)),
        ("method", JsValue::from_str(request.method)),
        ("headers", convert::object(&headers)),
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
