//! Floor of the transport: the least a wasm crate needs to do what the package's
//! `fetch.rs` and `call.rs` do around core. It sends one request with the global `fetch`,
//! a timeout through an `AbortController`, and an auth header, then parses the body with
//! `JSON.parse`. It returns the result as a Promise through wasm-bindgen-futures. There is
//! no rule in it, no retry and no error model.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestInit, Response};

#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(url: &str, init: &RequestInit) -> js_sys::Promise;
}

async fn send(
    url: String,
    method: String,
    body: Option<String>,
    token: String,
    timeout_ms: f64,
) -> Result<JsValue, JsValue> {
    let controller = AbortController::new()?;
    let abort: js_sys::Function = js_sys::Reflect::get(&controller, &"abort".into())?.dyn_into()?;
    let timer = set_timeout(&abort.bind0(&controller), timeout_ms);
    let headers = js_sys::Object::new();
    js_sys::Reflect::set(&headers, &"authorization".into(), &["Bearer ", &token].concat().into())?;
    let init = RequestInit::new();
    init.set_method(&method);
    init.set_headers(&headers);
    if let Some(body) = &body {
        init.set_body(&JsValue::from_str(body));
    }
    init.set_signal(Some(&controller.signal()));
    let response: Response = JsFuture::from(global_fetch(&url, &init)).await?.dyn_into()?;
    let text = JsFuture::from(response.text()?).await?;
    clear_timeout(&timer);
    let value = js_sys::JSON::parse(&text.as_string().unwrap_or_default())?;
    if response.status() >= 400 {
        let request_id = response.headers().get("seam-request-id").ok().flatten();
        return Err(request_id.unwrap_or_default().into());
    }
    Ok(value)
}

#[wasm_bindgen]
pub fn call(url: String, method: String, body: Option<String>, token: String, timeout_ms: f64) -> js_sys::Promise {
    wasm_bindgen_futures::future_to_promise(send(url, method, body, token, timeout_ms))
}
