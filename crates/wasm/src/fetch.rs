//! One HTTP exchange with the global `fetch` (browsers, workers and Node ≥ 20 alike).
//!
//! Called through web-sys directly: every JS exception is turned into a message here, so
//! no rejection of an unexpected type (an abort reason that is not an `Error`) can reach
//! a conversion that panics.

use seam_acs_core::request::HttpRequest;
use seam_acs_core::response::RawResponse;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Headers, Request, RequestInit, Response};

#[wasm_bindgen]
extern "C" {
    /// The global `fetch`: `window.fetch` exists only in browsers' main thread.
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(request: &Request) -> js_sys::Promise;
}

/// An answer read to its end. The body is kept twice: as the JS string `JSON.parse`
/// builds the result from, and as the Rust copy core checks.
pub struct Received {
    pub status: u16,
    pub request_id: Option<String>,
    pub retry_after: Option<String>,
    pub text: String,
    pub js_text: JsValue,
}

impl Received {
    pub fn raw(&self) -> RawResponse<'_> {
        RawResponse {
            status: self.status,
            request_id: self.request_id.as_deref(),
            retry_after: self.retry_after.as_deref(),
            body: &self.text,
        }
    }
}

/// Sends `request` and reads the whole body; `signal` cancels either step. The error is
/// the transport's description (it never holds a header, so never a token).
pub async fn send(request: &HttpRequest, signal: &AbortSignal) -> Result<Received, String> {
    let headers = Headers::new().map_err(describe)?;
    for (name, value) in &request.headers {
        headers.set(name, value).map_err(describe)?;
    }
    let init = RequestInit::new();
    init.set_method(request.method);
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(&request.body));
    init.set_signal(Some(signal));
    let prepared = Request::new_with_str_and_init(&request.url, &init).map_err(describe)?;
    let response: Response = JsFuture::from(global_fetch(&prepared))
        .await
        .map_err(describe)?
        .dyn_into()
        .map_err(|_| "fetch did not return a Response".to_owned())?;
    let js_text = JsFuture::from(response.text().map_err(describe)?)
        .await
        .map_err(describe)?;
    let header = |name| response.headers().get(name).ok().flatten();
    Ok(Received {
        status: response.status(),
        request_id: header("seam-request-id"),
        retry_after: header("retry-after"),
        text: js_text.as_string().unwrap_or_default(),
        js_text,
    })
}

/// A JS exception's message (any thrown value: an `Error`, a `DOMException`, or anything else).
fn describe(error: JsValue) -> String {
    js_sys::Reflect::get(&error, &JsValue::from_str("message"))
        .ok()
        .and_then(|message| message.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the request failed".to_owned())
}
