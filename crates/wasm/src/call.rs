//! The one generic call path: validate and build (core), send, read (core), and retry
//! when core says so, all within one deadline.

use crate::answers::Reporter;
use crate::convert::{self, property};
use crate::fetch;
use crate::fetch::Received;
use crate::node::JsNode;
use seam_acs_core::config::{self, ClientConfig};
use seam_acs_core::response::{self, Checked};
use seam_acs_core::{request, retry, Auth, Endpoint, SeamError};
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

/// A call's own options: `{ signal?: AbortSignal, timeoutMs?: number }`.
pub struct CallOptions {
    signal: Option<AbortSignal>,
    timeout_ms: u64,
}

impl CallOptions {
    pub fn read(config: &ClientConfig, options: &JsValue) -> Result<CallOptions, SeamError> {
        convert::options(options)?;
        let timeout = property(options, "timeoutMs").map(|v| v.as_f64().unwrap_or(f64::NAN));
        let timeout_ms = config::call_timeout(config, timeout)?;
        let signal = match property(options, "signal") {
            None => None,
            Some(value) => Some(
                value
                    .dyn_into::<AbortSignal>()
                    .map_err(|_| convert::invalid("signal", "signal must be an AbortSignal"))?,
            ),
        };
        Ok(CallOptions { signal, timeout_ms })
    }
}

/// The call's deadline: an `AbortController` that the timer, or the caller's signal,
/// aborts. Dropping it clears the timer and the listener, so a finished call leaves
/// nothing behind (no Node process is kept alive by a pending timer).
struct Deadline {
    controller: AbortController,
    abort: js_sys::Function,
    timer: JsValue,
    caller: Option<AbortSignal>,
    ends_at: f64,
    timeout_ms: u64,
}

impl Deadline {
    fn start(options: &CallOptions) -> Result<Deadline, SeamError> {
        let unavailable = |_| SeamError::Network {
            message: "AbortController is not available".to_owned(),
        };
        let controller = AbortController::new().map_err(unavailable)?;
        let abort = js_sys::Reflect::get(&controller, &JsValue::from_str("abort"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            // Bound with an explicit `undefined` reason: as an event listener it is called
            // with the Event, which would otherwise become the abort reason.
            .map(|f| {
                f.bind1(&controller, &JsValue::UNDEFINED)
                    .unchecked_into::<js_sys::Function>()
            })
            .ok_or(SeamError::Network {
                message: "AbortController.abort is not available".to_owned(),
            })?;
        if let Some(signal) = &options.signal {
            if signal.aborted() {
                return Err(SeamError::Aborted);
            }
            let _ = signal.add_event_listener_with_callback("abort", &abort);
        }
        let timer = set_timeout(&abort, options.timeout_ms as f64);
        Ok(Deadline {
            controller,
            abort,
            timer,
            caller: options.signal.clone(),
            ends_at: js_sys::Date::now() + options.timeout_ms as f64,
            timeout_ms: options.timeout_ms,
        })
    }

    fn signal(&self) -> AbortSignal {
        self.controller.signal()
    }

    fn remaining_ms(&self) -> u64 {
        (self.ends_at - js_sys::Date::now()).max(0.0) as u64
    }

    /// What a failed exchange means: the caller aborted, the time ran out, or the network failed.
    fn classify(&self, message: String) -> SeamError {
        if self.caller.as_ref().is_some_and(AbortSignal::aborted) {
            SeamError::Aborted
        } else if self.controller.signal().aborted() {
            SeamError::Timeout {
                timeout_ms: self.timeout_ms,
            }
        } else {
            SeamError::Network { message }
        }
    }

    /// Waits `ms` before a retry; an abort or the deadline cuts the wait short (and its
    /// timer is cleared, so an aborted call keeps no Node process alive).
    async fn sleep(&self, ms: u64) -> Result<(), SeamError> {
        let signal = self.signal();
        let mut timer = JsValue::UNDEFINED;
        let promise = js_sys::Promise::new(&mut |resolve, _reject| {
            timer = set_timeout(&resolve, ms as f64);
            let _ = signal.add_event_listener_with_callback("abort", &resolve);
        });
        let _ = JsFuture::from(promise).await;
        clear_timeout(&timer);
        if signal.aborted() {
            Err(self.classify(String::new()))
        } else {
            Ok(())
        }
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
    /// Calls `endpoint` with `params`: the answer core accepted and its body, or a [`SeamError`].
    pub async fn call(
        &self,
        endpoint: &Endpoint,
        params: JsNode,
        options: &CallOptions,
    ) -> Result<(Checked, Received), SeamError> {
        let request = request::prepare(endpoint, &self.auth, &self.config.base_url, params, convert::now())?;
        let deadline = Deadline::start(options)?;
        let mut retries = 0;
        loop {
            let (error, retry_after_ms) = match fetch::send(&request, &deadline.signal()).await {
                Ok(received) => {
                    let answer = received.answer();
                    match response::check_answer(endpoint, &answer, convert::now(), self.config.answers) {
                        Ok(checked) => {
                            let request_id = received.request_id.as_deref();
                            self.reporter.report(Some(endpoint.path), request_id, &checked.issues);
                            return Ok((checked, received));
                        }
                        Err(error) => (error, answer.retry_after_ms(convert::now())),
                    }
                }
                Err(message) => (deadline.classify(message), None),
            };
            let jitter = js_sys::Math::random();
            let remaining = Some(deadline.remaining_ms());
            match retry::decide(
                endpoint,
                &error,
                retry_after_ms,
                retries,
                &self.config.retry,
                jitter,
                remaining,
            ) {
                Some(delay) => {
                    deadline.sleep(delay).await?;
                    retries += 1;
                }
                None => return Err(error),
            }
        }
    }
}
