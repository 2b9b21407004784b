//! One HTTP exchange with the global `fetch` (browsers, workers and Node ≥ 20 alike).

use gloo_net::http::{Method, RequestBuilder};
use seam_acs_core::request::HttpRequest;
use seam_acs_core::response::RawResponse;
use web_sys::AbortSignal;

/// An answer, owned, read to its end.
pub struct Received {
    pub status: u16,
    pub request_id: Option<String>,
    pub retry_after: Option<String>,
    pub body: Vec<u8>,
}

impl Received {
    pub fn raw(&self) -> RawResponse<'_> {
        RawResponse {
            status: self.status,
            request_id: self.request_id.as_deref(),
            retry_after: self.retry_after.as_deref(),
            body: &self.body,
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
    let body = response.binary().await.map_err(|e| e.to_string())?;
    Ok(Received {
        status: response.status(),
        request_id: headers.get("seam-request-id"),
        retry_after: headers.get("retry-after"),
        body,
    })
}
