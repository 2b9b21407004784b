//! Carrying out core's [`Call`]: each step it names (send, sleep, done) with `fetch` and
//! timers, and each thing that happened (an answer, a failure, the timeout, an abort)
//! reported back to it. Every decision is the core call's.

use crate::answers::Reporter;
use crate::convert::{self, property};
use crate::errors;
use crate::fetch;
use seam_acs_core::action_attempt::{self, Wait, WaitOption};
use seam_acs_core::call::{Call, Step};
use seam_acs_core::config::{self, ClientConfig};
use seam_acs_core::response::Checked;
use seam_acs_core::{Auth, SeamError};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
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
    signal: Option<AbortSignal>,
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

/// The JS side of a call's deadline: an `AbortController` that the timer, or the caller's
/// signal, aborts, cutting a fetch or a sleep short. Dropping it clears the timer and the
/// listener, so a finished call leaves nothing behind (no Node process is kept alive by a
/// pending timer).
struct Deadline {
    controller: AbortController,
    abort: js_sys::Function,
    timer: JsValue,
    caller: Option<AbortSignal>,
}

impl Deadline {
    /// Arms the timeout of the whole call (`timeout_ms`, [`Call::timeout_ms`]).
    fn start(options: &CallOptions, timeout_ms: u64) -> Result<Deadline, SeamError> {
        let unavailable = || SeamError::Network {
            message: "AbortController is not available".to_owned(),
        };
        let controller = AbortController::new().map_err(|_| unavailable())?;
        let abort = js_sys::Reflect::get(&controller, &JsValue::from_str("abort"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            // Bound with an explicit `undefined` reason: as an event listener it is called
            // with the Event, which would otherwise become the abort reason.
            .map(|f| {
                f.bind1(&controller, &JsValue::UNDEFINED)
                    .unchecked_into::<js_sys::Function>()
            })
            .ok_or_else(unavailable)?;
        if let Some(signal) = &options.signal {
            if signal.aborted() {
                return Err(SeamError::Aborted);
            }
            let _ = signal.add_event_listener_with_callback("abort", &abort);
        }
        let timer = set_timeout(&abort, timeout_ms as f64);
        Ok(Deadline {
            controller,
            abort,
            timer,
            caller: options.signal.clone(),
        })
    }

    /// Tells `call` what ended a send that got no answer (`failure`: its message) or a
    /// sleep (`None`): the caller's abort, the timeout, or else the network or the timer.
    fn report(&self, call: &mut Call<js_sys::JsString>, failure: Option<String>) {
        if self.caller.as_ref().is_some_and(AbortSignal::aborted) {
            call.on_aborted();
        } else if self.controller.signal().aborted() {
            call.on_timeout();
        } else {
            match failure {
                Some(message) => call.on_network_error(message, convert::now(), js_sys::Math::random()),
                None => call.on_woken(convert::now()),
            }
        }
    }

    /// Waits `ms`; an abort or the deadline cuts the wait short (and its timer is
    /// cleared, so an aborted call keeps no Node process alive).
    async fn sleep(&self, ms: u64) {
        let signal = self.controller.signal();
        let mut timer = JsValue::UNDEFINED;
        let promise = js_sys::Promise::new(&mut |resolve, _reject| {
            timer = set_timeout(&resolve, ms as f64);
            let _ = signal.add_event_listener_with_callback("abort", &resolve);
        });
        let _ = JsFuture::from(promise).await;
        clear_timeout(&timer);
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
        if let Some(signal) = &self.caller {
            let _ = signal.remove_event_listener_with_callback("abort", &self.abort);
        }
    }
}

impl Transport {
    /// Carries `call` out to its end, and reports what a lenient reading accepted: the
    /// checked answer and its parsed body, or the JS error.
    pub async fn run(
        &self,
        call: Call<js_sys::JsString>,
        options: &CallOptions,
    ) -> Result<(Checked, JsValue), JsValue> {
        self.attempt(call, options)
            .await
            .map_err(|(error, body)| errors::answer_error(&error, &body))
    }

    /// [`Transport::run`], with a failure as core's error and the answer's parsed body (a
    /// bulk run decides from the error what became of the request).
    pub async fn attempt(
        &self,
        mut call: Call<js_sys::JsString>,
        options: &CallOptions,
    ) -> Result<(Checked, JsValue), (SeamError, JsValue)> {
        let deadline = Deadline::start(options, call.timeout_ms()).map_err(|e| (e, JsValue::UNDEFINED))?;
        let mut last = None;
        loop {
            let sent = match call.step() {
                Step::Send(request) => Some(fetch::send(request, &deadline.controller.signal()).await),
                Step::Sleep(ms) => {
                    deadline.sleep(ms).await;
                    None
                }
                Step::Done(_) => {
                    let endpoint = call.endpoint();
                    let (body, request_id) = last.map_or((JsValue::UNDEFINED, None), fetch::Received::into_parts);
                    let checked = match call.into_result() {
                        Ok(checked) => checked,
                        Err(error) => return Err((error, body)),
                    };
                    self.reporter
                        .report(Some(endpoint.path), request_id.as_deref(), &checked.issues);
                    return Ok((checked, body));
                }
            };
            match sent {
                Some(Ok(received)) => {
                    call.on_answer(&received.answer(), convert::now(), js_sys::Math::random());
                    last = Some(received);
                }
                Some(Err(message)) => deadline.report(&mut call, Some(message)),
                None => deadline.report(&mut call, None),
            }
        }
    }
}
