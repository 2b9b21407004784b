//! Every JS promise the package returns comes from one place.

use std::future::Future;
use std::pin::Pin;
use wasm_bindgen::JsValue;

type Boxed = Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>>;

/// Runs `future` as a JS promise. Boxed first, so `future_to_promise` is compiled once
/// for the whole package rather than once per async method (about 2 KB of wasm each).
pub fn spawn(future: impl Future<Output = Result<JsValue, JsValue>> + 'static) -> js_sys::Promise {
    let boxed: Boxed = Box::pin(future);
    wasm_bindgen_futures::future_to_promise(boxed)
}
