//! Floor of the rules: every synchronous decision the package makes, through the package's
//! own JS views (`node.rs`, `convert.rs`, `errors.rs`, included by path), with no futures,
//! no fetch and no timers. Those decisions are auth, config, validation, request building,
//! the answer check, Seam's errors, retry and paging. This is what the wasm would still hold
//! if JS did all the transport. `no_std`, as the package's module is.

#![no_std]

extern crate alloc;

#[path = "../../../../../crates/wasm/src/convert.rs"]
#[allow(dead_code, reason = "the floor takes typed arguments, not options objects to read")]
mod convert;
#[path = "../../../../../crates/wasm/src/errors.rs"]
mod errors;
#[path = "../../../../../crates/wasm/src/node.rs"]
mod node;
// The allocator and panic handler too, as the package's modules have them.
#[path = "../../../../../crates/wasm/src/runtime.rs"]
mod runtime;

use node::JsNode;
use seam_acs_core::config::{self, ClientConfig};
use seam_acs_core::node::Node;
use seam_acs_core::paging::{PageInfo, Pager};
use seam_acs_core::prelude::*;
use seam_acs_core::response::{Answer, Body};
use seam_acs_core::{request, response, retry, Auth, AuthMode};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub struct Client {
    auth: Auth,
    config: ClientConfig,
}

#[wasm_bindgen]
impl Client {
    #[wasm_bindgen(constructor)]
    pub fn new(
        mode: u8,
        token: &str,
        workspace_id: Option<String>,
        endpoint: Option<String>,
        timeout_ms: Option<f64>,
        max_retries: Option<f64>,
    ) -> Result<Client, JsValue> {
        let mode = match mode {
            0 => AuthMode::ApiKey,
            1 => AuthMode::ClientSession,
            2 => AuthMode::PersonalAccessToken,
            3 => AuthMode::ConsoleSession,
            _ => AuthMode::PublishableKey,
        };
        let auth = Auth::new(mode, token, workspace_id.as_deref()).map_err(|e| errors::to_js(&e))?;
        let config =
            config::client_config(endpoint.as_deref(), timeout_ms, max_retries, None).map_err(|e| errors::to_js(&e))?;
        Ok(Client { auth, config })
    }

    /// The request to send, validated: `[method, url, name, value, …, body]`.
    /// With the package's argument checks: a path and options as a caller gives them.
    pub fn prepare(&self, path: JsValue, params: JsValue, options: JsValue) -> Result<js_sys::Array, JsValue> {
        let endpoint = errors::endpoint_argument(&path)?;
        convert::options(&options).map_err(|e| errors::to_js(&e))?;
        let params = convert::params(&params).map_err(|e| errors::to_js(&e))?;
        let request = request::prepare(endpoint, &self.auth, &self.config.base_url, params, convert::now())
            .map_err(|e| errors::to_js(&e))?;
        let out = js_sys::Array::new();
        out.push(&request.method.into());
        out.push(&request.url.as_str().into());
        for (name, value) in &request.headers {
            out.push(&(*name).into());
            out.push(&value.as_str().into());
        }
        out.push(&request.body.map(JsValue::from).unwrap_or(JsValue::UNDEFINED));
        Ok(out)
    }

    /// An answer judged: `{ items, next }`, or a retry delay in ms, or a thrown SeamError.
    #[allow(clippy::too_many_arguments)]
    pub fn judge(
        &self,
        path: &str,
        status: u16,
        request_id: Option<String>,
        retry_after: Option<String>,
        body: JsValue,
        retries: u32,
        remaining_ms: f64,
        cursor: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let endpoint = errors::endpoint(path)?;
        let parsed = if body.is_undefined() {
            Body::Empty
        } else {
            Body::Json(JsNode(body.clone()))
        };
        let answer = Answer {
            status,
            request_id: request_id.as_deref(),
            retry_after: retry_after.as_deref(),
            body: parsed,
        };
        match response::check_answer(endpoint, &answer, convert::now(), self.config.answers) {
            Ok(checked) => {
                // As core's task reads a checked answer: the value under its key, and the page.
                let body = JsNode(body);
                let value = checked.key.and_then(|key| body.get(key));
                let page = body.get("pagination").filter(|_| checked.paginated);
                let length = value.as_ref().map_or(0, Node::item_count);
                let page = page.map(|page| PageInfo::read(&page));
                let next = Pager::new(cursor.as_deref()).next_cursor(length, page.as_ref());
                Ok(convert::object(&[
                    ("items", value.map_or(JsValue::UNDEFINED, |value| value.0)),
                    ("next", convert::string_or_null(next.as_deref())),
                ]))
            }
            Err(error) => {
                let after = answer.retry_after_ms(convert::now());
                let jitter = js_sys::Math::random();
                match retry::decide(
                    endpoint,
                    &error,
                    after,
                    retries,
                    &self.config.retry,
                    jitter,
                    Some(remaining_ms as u64),
                ) {
                    Some(delay) => Ok(JsValue::from_f64(delay as f64)),
                    None => Err(errors::to_js(&error)),
                }
            }
        }
    }
}
