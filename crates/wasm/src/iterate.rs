//! `iterate()`: every item of every page, as an async iterator that always ends.
//!
//! Which page comes next, and when to stop, is the core [`Pager`]'s decision; this only
//! fetches the pages it names and hands their items out one by one.

use crate::call::{CallOptions, Transport};
use crate::convert;
use crate::errors;
use crate::node::JsNode;
use seam_acs_core::node::Node;
use seam_acs_core::paging::{Pager, CURSOR_PARAM};
use seam_acs_core::SeamError;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What to fetch next.
enum Next {
    Page(JsNode),
    /// The parameters were invalid: thrown by the first `next()`.
    Fail(SeamError),
    Done,
}

struct State {
    transport: Rc<Transport>,
    path: &'static str,
    options: JsValue,
    pager: Pager,
    /// The current page's items not yet handed out, last first (so `pop` takes the next).
    buffer: Vec<JsValue>,
    next: Next,
}

/// An async iterator over the items of a paginated list; `for await` works on it (the
/// package adds `Symbol.asyncIterator`).
#[wasm_bindgen]
pub struct ItemIterator {
    state: Rc<RefCell<State>>,
}

impl ItemIterator {
    pub(crate) fn new(transport: Rc<Transport>, path: &'static str, params: JsValue, options: JsValue) -> ItemIterator {
        let (next, first_cursor) = match convert::params(&params) {
            Ok(params) => {
                let cursor = params.get(CURSOR_PARAM).and_then(|cursor| cursor.as_string());
                (Next::Page(params), cursor)
            }
            Err(error) => (Next::Fail(error), None),
        };
        let state = State {
            transport,
            path,
            options,
            pager: Pager::new(first_cursor.as_deref()),
            buffer: Vec::new(),
            next,
        };
        ItemIterator {
            state: Rc::new(RefCell::new(state)),
        }
    }
}

#[wasm_bindgen]
impl ItemIterator {
    /// `{ value, done }`, as the async iterator protocol wants.
    pub fn next(&self) -> js_sys::Promise {
        let state = Rc::clone(&self.state);
        crate::promise::spawn(async move { advance(&state).await })
    }
}

fn step(value: JsValue, done: bool) -> Result<JsValue, JsValue> {
    let result = js_sys::Object::new();
    js_sys::Reflect::set(&result, &JsValue::from_str("value"), &value)?;
    js_sys::Reflect::set(&result, &JsValue::from_str("done"), &JsValue::from_bool(done))?;
    Ok(result.into())
}

async fn advance(state: &RefCell<State>) -> Result<JsValue, JsValue> {
    loop {
        // No borrow may be held across an `await`.
        let (transport, path, params, options) = {
            let mut s = state.borrow_mut();
            if let Some(item) = s.buffer.pop() {
                return step(item, false);
            }
            match std::mem::replace(&mut s.next, Next::Done) {
                Next::Done => return step(JsValue::UNDEFINED, true),
                Next::Fail(error) => return Err(errors::to_js(&error)),
                Next::Page(params) => (Rc::clone(&s.transport), s.path, params, s.options.clone()),
            }
        };
        let endpoint = errors::endpoint(path)?;
        let call_options = CallOptions::read(&transport.config, &options).map_err(|e| errors::to_js(&e))?;
        let (checked, received) = transport
            .call(endpoint, params.clone(), &call_options)
            .await
            .map_err(|e| errors::to_js(&e))?;
        let (page, info) = convert::result(&checked, &received.json())?;
        let mut s = state.borrow_mut();
        if let Some(cursor) = s.pager.next_cursor(convert::length(&page), info.as_ref()) {
            s.next = Next::Page(with_cursor(&params, &cursor));
        }
        if let Some(items) = page.dyn_ref::<js_sys::Array>() {
            s.buffer = items.iter().collect();
            s.buffer.reverse();
        }
    }
}

/// A copy of `params` (an object, or `null` for none) with core's next `page_cursor`.
fn with_cursor(params: &JsNode, cursor: &str) -> JsNode {
    let copy = js_sys::Object::new();
    if params.0.is_object() {
        js_sys::Object::assign(&copy, params.0.unchecked_ref());
    }
    let _ = js_sys::Reflect::set(&copy, &JsValue::from_str(CURSOR_PARAM), &JsValue::from_str(cursor));
    JsNode(copy.into())
}
