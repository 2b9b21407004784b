//! Floor of the runtime: one exported class with a string in it, and the allocator. What
//! any wasm-bindgen package of this shape pays before it does anything. `no_std`, as the
//! package's module is.

#![no_std]

extern crate alloc;

use alloc::string::String;
use wasm_bindgen::prelude::*;

#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

#[wasm_bindgen]
pub struct Client {
    token: String,
}

#[wasm_bindgen]
impl Client {
    #[wasm_bindgen(constructor)]
    pub fn new(token: String) -> Client {
        Client { token }
    }

    /// A property of a JS object, as a string: one crossing each way.
    pub fn read(&self, object: JsValue, key: &str) -> Result<String, JsValue> {
        let value = js_sys::Reflect::get(&object, &key.into())?;
        Ok([self.token.as_str(), &value.as_string().unwrap_or_default()].concat())
    }
}
