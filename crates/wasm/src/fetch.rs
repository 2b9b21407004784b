//! One HTTP exchange with the global `fetch` (browsers, workers and Node ≥ 20 alike).

use gloo_net::http::{Method, RequestBuilder};
use seam_acs_core::request::HttpRequest;
use seam_acs_core::response::RawResponse;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

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
    let mut builder = RequestBuilder::new(&request.url)
        .method(Method::POST)
        .abort_signal(Some(signal));
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    let prepared = builder.body(request.body.as_str()).map_err(|e| e.to_string())?;
    let response = prepared.send().await.map_err(|e| e.to_string())?;
    let headers = response.headers();
    let status = response.status();
    let reading = web_sys::Response::from(response).text().map_err(describe)?;
    let js_text = JsFuture::from(reading).await.map_err(describe)?;
    Ok(Received {
        status,
        request_id: headers.get("seam-request-id"),
        retry_after: headers.get("retry-after"),
        text: js_text.as_string().unwrap_or_default(),
        js_text,
    })
}

/// A JS exception's message.
fn describe(error: JsValue) -> String {
    js_sys::Reflect::get(&error, &JsValue::from_str("message"))
        .ok()
        .and_then(|message| message.as_string())
        .unwrap_or_else(|| "the body could not be read".to_owned())
}
