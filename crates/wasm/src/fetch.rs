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
use web_sys::{AbortSignal, RequestInit, Response};

#[wasm_bindgen]
extern "C" {
    /// The global `fetch` (`window.fetch` exists only in browsers' main thread), called
    /// with a URL and an init object: building a `Request` first makes Node copy it again.
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(url: &str, init: &RequestInit) -> js_sys::Promise;

    type TextDecoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextDecoder;
    #[wasm_bindgen(method)]
    fn decode(this: &TextDecoder, bytes: &js_sys::Uint8Array) -> JsValue;
}

/// An answer read to its end. The body is kept twice: as the JS string `JSON.parse`
/// builds the result from, and as the Rust copy core checks (one `memcpy` of the bytes:
/// passing a JS string into wasm would copy it a character at a time).
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
    let headers = js_sys::Object::new();
    for (name, value) in &request.headers {
        js_sys::Reflect::set(&headers, &JsValue::from_str(name), &JsValue::from_str(value)).map_err(describe)?;
    }
    let init = RequestInit::new();
    init.set_method(request.method);
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(&request.body));
    init.set_signal(Some(signal));
    let response: Response = JsFuture::from(global_fetch(&request.url, &init))
        .await
        .map_err(describe)?
        .dyn_into()
        .map_err(|_| "fetch did not return a Response".to_owned())?;
    let buffer = JsFuture::from(response.array_buffer().map_err(describe)?)
        .await
        .map_err(describe)?;
    let bytes = js_sys::Uint8Array::new(&buffer);
    let js_text = TextDecoder::new().decode(&bytes);
    let header = |name| response.headers().get(name).ok().flatten();
    Ok(Received {
        status: response.status(),
        request_id: header("seam-request-id"),
        retry_after: header("retry-after"),
        text: String::from_utf8(bytes.to_vec()).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
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
