//! One HTTP exchange with the global `fetch` (browsers, workers and Node ≥ 20 alike).
//!
//! Called through web-sys directly: every JS exception is turned into a message here, so
//! no rejection of an unexpected type (an abort reason that is not an `Error`) can reach
//! a conversion that panics. The body is read as text and parsed by the engine's
//! `JSON.parse`: core checks the parsed objects, and callers get them as they are.

use crate::convert::parse_js_string;
use crate::node::JsNode;
use seam_acs_core::request::HttpRequest;
use seam_acs_core::response::{Answer, Body};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, RequestInit, Response};

#[wasm_bindgen]
extern "C" {
    /// The global `fetch` (`window.fetch` exists only in browsers' main thread), called
    /// with a URL and an init object: building a `Request` first makes Node copy it again.
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(url: &str, init: &RequestInit) -> js_sys::Promise;
}

/// What came back: the status, the headers core reads, and the parsed body.
pub struct Received {
    pub status: u16,
    pub request_id: Option<String>,
    pub retry_after: Option<String>,
    pub body: Body<JsNode>,
}

impl Received {
    pub fn answer(&self) -> Answer<'_, JsNode> {
        Answer {
            status: self.status,
            request_id: self.request_id.as_deref(),
            retry_after: self.retry_after.as_deref(),
            body: self.body.clone(),
        }
    }

    /// The parsed body (`undefined` when it was empty or not JSON) and the request id.
    pub fn into_parts(self) -> (JsValue, Option<String>) {
        let body = match self.body {
            Body::Json(node) => node.0,
            Body::Empty | Body::NotJson => JsValue::UNDEFINED,
        };
        (body, self.request_id)
    }
}

/// Sends `request`; `Err` carries the message of a failure to get any answer (a network
/// error, or the abort of `signal`).
pub async fn send(request: &HttpRequest<js_sys::JsString>, signal: &AbortSignal) -> Result<Received, String> {
    let headers = js_sys::Object::new();
    for (name, value) in &request.headers {
        js_sys::Reflect::set(&headers, &JsValue::from_str(name), &JsValue::from_str(value)).map_err(describe)?;
    }
    let init = RequestInit::new();
    init.set_method(request.method);
    init.set_headers(&headers);
    if let Some(body) = &request.body {
        init.set_body(body);
    }
    init.set_signal(Some(signal));
    let response: Response = JsFuture::from(global_fetch(&request.url, &init))
        .await
        .map_err(describe)?
        .dyn_into()
        .map_err(|_| "fetch did not return a Response".to_owned())?;
    let text: js_sys::JsString = JsFuture::from(response.text().map_err(describe)?)
        .await
        .map_err(describe)?
        .unchecked_into();
    let body = if text.trim().length() == 0 {
        Body::Empty
    } else {
        parse_js_string(&text).map_or(Body::NotJson, |value| Body::Json(JsNode(value)))
    };
    let header = |name| response.headers().get(name).ok().flatten();
    Ok(Received {
        status: response.status(),
        request_id: header("seam-request-id"),
        retry_after: header("retry-after"),
        body,
    })
}

/// A JS error's `message`, never its stack or the request (which holds the token).
fn describe(error: JsValue) -> String {
    js_sys::Reflect::get(&error, &JsValue::from_str("message"))
        .ok()
        .and_then(|message| message.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the request failed".to_owned())
}
