//! `iterate()`: every item of every page, as an async iterator that always ends.
//!
//! Which page comes next, and when to stop, is core's [`Pages`] decision; this only runs
//! the calls it makes and hands their items out one by one. `next()` calls are served in
//! order, each after the one before, so a second `next()` made while a page is in flight
//! waits for that page instead of finding the listing "over".

use crate::call::{CallOptions, Transport};
use crate::convert;
use crate::errors;
use crate::node::JsNode;
use seam_acs_core::paging::Pages;
use seam_acs_core::{Endpoint, SeamError};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

struct State {
    transport: Rc<Transport>,
    endpoint: &'static Endpoint,
    params: JsNode,
    options: CallOptions,
    /// Invalid parameters or options: thrown by the first `next()`.
    failure: Option<SeamError>,
    pages: Pages,
    /// The current page's items not yet handed out, last first (so `pop` takes the next).
    buffer: Vec<JsValue>,
    /// `return()` was called: a page still in flight is dropped.
    stopped: bool,
}

/// An async iterator over the items of a paginated list; `for await` works on it (the
/// package adds `Symbol.asyncIterator`), and `break` ends it with `return()`.
#[wasm_bindgen]
pub struct ItemIterator {
    state: Rc<RefCell<State>>,
    /// The promise of the latest `next()`: the next one starts when it settles.
    last: RefCell<js_sys::Promise>,
}

impl ItemIterator {
    pub(crate) fn new(
        transport: Rc<Transport>,
        endpoint: &'static Endpoint,
        params: &JsValue,
        options: &JsValue,
    ) -> ItemIterator {
        let read =
            convert::params(params).and_then(|params| Ok((params, CallOptions::read(&transport.config, options)?)));
        let (params, options, failure) = match read {
            Ok((params, options)) => (params, options, None),
            Err(error) => (JsNode(JsValue::NULL), CallOptions::none(&transport.config), Some(error)),
        };
        let state = State {
            pages: Pages::new(&params),
            transport,
            endpoint,
            params,
            options,
            failure,
            buffer: Vec::new(),
            stopped: false,
        };
        ItemIterator {
            state: Rc::new(RefCell::new(state)),
            last: RefCell::new(js_sys::Promise::resolve(&JsValue::UNDEFINED)),
        }
    }
}

#[wasm_bindgen]
impl ItemIterator {
    /// `{ value, done }`, as the async iterator protocol wants.
    pub fn next(&self) -> js_sys::Promise {
        let state = Rc::clone(&self.state);
        let before = self.last.borrow().clone();
        let promise = crate::promise::spawn(async move {
            // Whatever the previous `next()` gave, it is settled: this one goes on from there.
            let _ = JsFuture::from(before).await;
            advance(&state).await
        });
        *self.last.borrow_mut() = promise.clone();
        promise
    }

    /// Ends the listing (what `break` in `for await` calls): no further page is fetched.
    #[wasm_bindgen(js_name = "return")]
    pub fn stop(&self, value: JsValue) -> js_sys::Promise {
        let mut state = self.state.borrow_mut();
        state.pages.stop();
        state.buffer.clear();
        state.failure = None;
        state.stopped = true;
        js_sys::Promise::resolve(&step(value, true))
    }
}

fn step(value: JsValue, done: bool) -> JsValue {
    convert::object(&[("value", value), ("done", JsValue::from_bool(done))])
}

async fn advance(state: &RefCell<State>) -> Result<JsValue, JsValue> {
    loop {
        // No borrow may be held across an `await`.
        let (transport, call, options) = {
            let mut s = state.borrow_mut();
            if let Some(item) = s.buffer.pop() {
                return Ok(step(item, false));
            }
            if let Some(error) = s.failure.take() {
                s.pages.stop();
                return Err(errors::to_js(&error));
            }
            let s = &mut *s;
            let (auth, config) = (&s.transport.auth, &s.transport.config);
            let next = s.pages.next_call(
                s.endpoint,
                auth,
                config,
                s.params.clone(),
                s.options.timeout_ms,
                convert::now(),
            );
            match next {
                Some(call) => (Rc::clone(&s.transport), call, s.options.clone()),
                None => return Ok(step(JsValue::UNDEFINED, true)),
            }
        };
        // A failed page ends the listing (`Pages` has no next page until one is reported).
        let fail = |e: SeamError| errors::to_js(&e);
        let (checked, body) = transport.run(call.map_err(fail)?, &options).await?;
        let (page, info) = convert::result(&checked, &body)?;
        let mut s = state.borrow_mut();
        if s.stopped {
            return Ok(step(JsValue::UNDEFINED, true));
        }
        let items = page.dyn_ref::<js_sys::Array>();
        s.pages
            .on_page(items.map_or(0, |items| items.length() as usize), info.as_ref());
        if let Some(items) = items {
            s.buffer = items.iter().collect();
            s.buffer.reverse();
        }
    }
}
