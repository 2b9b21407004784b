//! `SeamClient`, and the two exports every namespace method of the package runs.
//!
//! Each method names its endpoint path (looked up once per call) and whether it wants a
//! page; the rest is core's call, a [`Task`] the package's JS loop carries out.

use crate::answers::Reporter;
use crate::call::{Task, Transport};
use crate::convert;
use crate::errors;
use crate::node::JsNode;
use alloc::rc::Rc;
use seam_acs_core::config::{self, ClientConfig};
use seam_acs_core::prelude::*;
use seam_acs_core::task::Wanted;
use seam_acs_core::{Auth, AuthMode, SeamError};
use wasm_bindgen::prelude::*;

/// Reads `{ endpoint?, timeoutMs?, maxRetries?, answers?, waitForActionAttempt? }`.
fn read_config(options: &JsValue) -> Result<ClientConfig, SeamError> {
    convert::options(options)?;
    config::read_client(&JsNode(options.clone()))
}

/// A token or workspace id as the caller gave it: `undefined` and `null` are "none" (core
/// then says what is required); a number or an object is refused here, not coerced.
fn text_argument(value: &JsValue, what: &str) -> Result<Option<String>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value.as_string().map(Some).ok_or_else(|| {
        errors::to_js(&SeamError::InvalidToken {
            message: [what, " must be a string"].concat(),
        })
    })
}

fn client(
    mode: AuthMode,
    token: &JsValue,
    workspace_id: Option<&JsValue>,
    options: &JsValue,
) -> Result<SeamClient, JsValue> {
    let token = text_argument(token, mode.describe())?.unwrap_or_default();
    let workspace_id = match workspace_id {
        Some(value) => text_argument(value, "the workspace id")?,
        None => None,
    };
    let auth = Auth::new(mode, &token, workspace_id.as_deref()).map_err(|e| errors::to_js(&e))?;
    let (config, reporter) =
        SeamError::both(read_config(options), Reporter::read(options)).map_err(|e| errors::to_js(&e))?;
    Ok(SeamClient {
        transport: Rc::new(Transport { auth, config, reporter }),
    })
}

/// A client for one auth mode. Make one with a `from…` function.
#[wasm_bindgen]
pub struct SeamClient {
    transport: Rc<Transport>,
}

// Arguments are `JsValue`s, not `&str`: the glue would throw a raw `TypeError` for a
// non-string before any check of ours could name the argument.
#[wasm_bindgen]
impl SeamClient {
    /// `new SeamClient()` has no token to use: a typed error pointing at the factories.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<SeamClient, JsValue> {
        Err(errors::to_js(&SeamError::InvalidToken {
            message: "make a client with SeamClient.fromApiKey() or another from…() factory".to_owned(),
        }))
    }

    #[wasm_bindgen(js_name = fromApiKey)]
    pub fn from_api_key(api_key: JsValue, options: JsValue) -> Result<SeamClient, JsValue> {
        client(AuthMode::ApiKey, &api_key, None, &options)
    }

    #[wasm_bindgen(js_name = fromClientSessionToken)]
    pub fn from_client_session_token(token: JsValue, options: JsValue) -> Result<SeamClient, JsValue> {
        client(AuthMode::ClientSession, &token, None, &options)
    }

    #[wasm_bindgen(js_name = fromPersonalAccessToken)]
    pub fn from_personal_access_token(
        token: JsValue,
        workspace_id: JsValue,
        options: JsValue,
    ) -> Result<SeamClient, JsValue> {
        client(AuthMode::PersonalAccessToken, &token, Some(&workspace_id), &options)
    }

    #[wasm_bindgen(js_name = fromConsoleSessionToken)]
    pub fn from_console_session_token(
        token: JsValue,
        workspace_id: JsValue,
        options: JsValue,
    ) -> Result<SeamClient, JsValue> {
        client(AuthMode::ConsoleSession, &token, Some(&workspace_id), &options)
    }

    /// Gets (or creates) the client session of `user_identifier_key` with a publishable
    /// key, then resolves with a client that uses its token.
    #[wasm_bindgen(js_name = fromPublishableKey, unchecked_return_type = "Promise<SeamClient>")]
    pub fn from_publishable_key(
        publishable_key: JsValue,
        user_identifier_key: JsValue,
        options: JsValue,
    ) -> js_sys::Promise {
        let bootstrap = errors::endpoint("/client_sessions/get_or_create").and_then(|endpoint| {
            Ok((
                endpoint,
                client(AuthMode::PublishableKey, &publishable_key, None, &options)?,
            ))
        });
        let (endpoint, bootstrap) = match bootstrap {
            Ok(made) => made,
            Err(error) => return js_sys::Promise::reject(&error),
        };
        // The overlay makes the key required: `undefined` is named, not a session made for no one.
        let params = JsNode(convert::object(&[("user_identifier_key", user_identifier_key)]));
        Task::new(bootstrap.transport, endpoint, Ok(params), &options, Wanted::Result)
            .for_session()
            .run()
    }

    /// The auth mode, as the contract names it (`api_key`, `client_session`, …).
    #[wasm_bindgen(getter, js_name = authMode)]
    pub fn auth_mode(&self) -> String {
        self.transport.auth.mode().as_str().to_owned()
    }

    /// Whether this client's auth mode may call the endpoint at `path` (the contract's
    /// `security` line), so a UI can offer only what will work.
    pub fn allows(&self, path: JsValue) -> Result<bool, JsValue> {
        let endpoint = errors::endpoint_argument(&path)?;
        Ok(endpoint.allows(self.transport.auth.mode()))
    }

    #[wasm_bindgen(getter)]
    pub fn endpoint(&self) -> String {
        self.transport.config.base_url.clone()
    }

    /// Calls the endpoint at `path`: what every method of the package's namespaces runs
    /// (`page`: `listPage`, which also says where the next page is). One export for every
    /// endpoint: each exported method costs the package ~0.5 KB.
    #[wasm_bindgen(js_name = "__call")]
    pub fn call(&self, path: &str, params: JsValue, options: JsValue, page: bool) -> Result<js_sys::Promise, JsValue> {
        let wanted = if page { Wanted::Page } else { Wanted::Result };
        Ok(self.task(path, &params, &options, wanted)?.run())
    }

    /// An async iterator over every item of the paginated list at `path` (`iterate()`):
    /// `next()` calls are served in order, each after the one before, so a second `next()`
    /// made while a page is in flight waits for that page. Invalid parameters or options
    /// are thrown by the first `next()`; `return()` ends it.
    #[wasm_bindgen(js_name = "__iterate")]
    pub fn iterate(&self, path: &str, params: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        Ok(self.task(path, &params, &options, Wanted::Items)?.iterate())
    }
}

/// The endpoints the package makes methods of, from core's table: `[path, paginated]`
/// (a paginated list also gets `listPage` and `iterate`).
#[wasm_bindgen(js_name = "__endpoints")]
pub fn endpoints() -> js_sys::Array {
    seam_acs_core::ENDPOINTS
        .iter()
        .filter(|endpoint| endpoint.is_method())
        .map(|endpoint| {
            let (path, paginated) = (JsValue::from_str(endpoint.path), endpoint.is_paginated().into());
            JsValue::from(js_sys::Array::of2(&path, &paginated))
        })
        .collect()
}

impl SeamClient {
    /// A task of this client at one of the package's own endpoint paths, with what the
    /// caller gave.
    fn task(&self, path: &str, params: &JsValue, options: &JsValue, wanted: Wanted) -> Result<Task, JsValue> {
        let endpoint = errors::endpoint(path)?;
        Ok(Task::new(
            Rc::clone(&self.transport),
            endpoint,
            convert::params(params),
            options,
            wanted,
        ))
    }

    /// Who calls and where, for a bulk run of this client.
    pub(crate) fn transport(&self) -> &Rc<Transport> {
        &self.transport
    }

    pub(crate) fn with(transport: Transport) -> SeamClient {
        SeamClient {
            transport: Rc::new(transport),
        }
    }
}
