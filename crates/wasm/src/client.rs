//! `SeamClient`, and the two exports every namespace method of the package runs.
//!
//! Each method names its endpoint path (looked up once per call) and whether it wants a
//! page; the rest is core's call, carried out by [`crate::call`].

use crate::answers::Reporter;
use crate::call::{self, CallOptions, Transport};
use crate::convert;
use crate::errors;
use crate::iterate::ItemIterator;
use crate::node::JsNode;
use seam_acs_core::config::{self, ClientConfig};
use seam_acs_core::paging::Pages;
use seam_acs_core::{Auth, AuthMode, Endpoint, SeamError};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Reads `{ endpoint?, timeoutMs?, maxRetries?, answers?, waitForActionAttempt? }`.
fn read_config(options: &JsValue) -> Result<ClientConfig, SeamError> {
    convert::options(options)?;
    let (endpoint, answers) = (convert::text(options, "endpoint"), convert::text(options, "answers"));
    let config = config::client_config(
        endpoint.as_deref(),
        convert::number(options, "timeoutMs"),
        convert::number(options, "maxRetries"),
        answers.as_deref(),
    );
    let (mut config, wait) = SeamError::both(config, call::wait_option(options))?;
    config.wait = wait.unwrap_or(config.wait);
    Ok(config)
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

/// Runs one call with `params` (as read, or why they could not be): its result, or for
/// `listPage` (`page`) the page as `{ items, pagination: { hasNextPage, nextPageCursor } }`.
async fn run(
    transport: &Transport,
    endpoint: &'static Endpoint,
    params: Result<JsNode, SeamError>,
    options: &JsValue,
    page: bool,
) -> Result<JsValue, JsValue> {
    let fail = |e: SeamError| errors::to_js(&e);
    let params = params.map_err(fail)?;
    let options = CallOptions::read(&transport.config, options).map_err(fail)?;
    let wanted = if page { Wanted::Page } else { Wanted::Result };
    answer(transport, &transport.config, endpoint, params, &options, wanted)
        .await
        .map_err(|(error, body)| errors::answer_error(&error, &body))
}

/// What a call answers with.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wanted {
    /// Its result.
    Result,
    /// A page of a list and where the next is (`listPage`).
    Page,
    /// The items of every page of a list, in one array (a bulk run's reconcile).
    AllPages,
}

/// Carries out the call to `endpoint` with `params` under `config`: what is `wanted` of
/// it, or core's error and the answer's parsed body. Core's [`Pages`] says which page
/// comes next, and when a listing is over.
pub(crate) async fn answer(
    transport: &Transport,
    config: &ClientConfig,
    endpoint: &'static Endpoint,
    params: JsNode,
    options: &CallOptions,
    wanted: Wanted,
) -> Result<JsValue, (SeamError, JsValue)> {
    let mut pages = Pages::new(&params);
    let auth = &transport.auth;
    let mut items = Vec::new();
    while let Some(call) = pages.next_call(
        endpoint,
        auth,
        config,
        params.clone(),
        options.timeout_ms,
        convert::now(),
    ) {
        let mut call = call.map_err(|e| (e, JsValue::UNDEFINED))?;
        if let Some(wait) = options.wait {
            call.set_wait(wait, auth, &config.base_url);
        }
        let (checked, body) = transport.attempt(call, options).await?;
        // Only a body that is not the object its check found has no result to read.
        let (value, info) = match convert::result(&checked, &body) {
            Ok(read) => read,
            Err(_) => {
                return Err((
                    SeamError::Network {
                        message: "the answer could not be read".to_owned(),
                    },
                    body,
                ))
            }
        };
        let next = pages.on_page(convert::length(&value), info.as_ref());
        match wanted {
            Wanted::Result => return Ok(value),
            Wanted::Page => {
                let pagination = convert::object(&[
                    ("hasNextPage", JsValue::from_bool(next.is_some())),
                    ("nextPageCursor", convert::string_or_null(next)),
                ]);
                return Ok(convert::object(&[("items", value), ("pagination", pagination)]));
            }
            Wanted::AllPages => items.extend(
                value
                    .dyn_into::<js_sys::Array>()
                    .map(|page| page.to_vec())
                    .unwrap_or_default(),
            ),
        }
    }
    Ok(items.into_iter().collect::<js_sys::Array>().into())
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
    /// key, then returns a client that uses its token.
    #[wasm_bindgen(js_name = fromPublishableKey, unchecked_return_type = "Promise<SeamClient>")]
    pub fn from_publishable_key(
        publishable_key: JsValue,
        user_identifier_key: JsValue,
        options: JsValue,
    ) -> js_sys::Promise {
        crate::promise::spawn(async move {
            Self::session_client(&publishable_key, &user_identifier_key, &options)
                .await
                .map(JsValue::from)
        })
    }

    async fn session_client(
        publishable_key: &JsValue,
        user_identifier_key: &JsValue,
        options: &JsValue,
    ) -> Result<SeamClient, JsValue> {
        let bootstrap = client(AuthMode::PublishableKey, publishable_key, None, options)?;
        let transport = &bootstrap.transport;
        let endpoint = errors::endpoint("/client_sessions/get_or_create")?;
        // Required here although the endpoint takes it as optional: `undefined` is sent as
        // `null`, so core's check names it rather than a session being made without one.
        let key = match user_identifier_key.is_undefined() {
            true => JsValue::NULL,
            false => user_identifier_key.clone(),
        };
        let params = JsNode(convert::object(&[("user_identifier_key", key)]));
        let session = run(transport, endpoint, Ok(params), options, false).await?;
        // The shape check made sure a client session with a string token is there.
        let token = js_sys::Reflect::get(&session, &JsValue::from_str("token"))?
            .as_string()
            .unwrap_or_default();
        let auth = Auth::new(AuthMode::ClientSession, &token, None).map_err(|e| errors::to_js(&e))?;
        Ok(SeamClient {
            transport: Rc::new(Transport {
                auth,
                config: transport.config.clone(),
                reporter: transport.reporter.clone(),
            }),
        })
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
        let endpoint = errors::endpoint(path)?;
        let transport = Rc::clone(&self.transport);
        Ok(crate::promise::spawn(async move {
            run(&transport, endpoint, convert::params(&params), &options, page).await
        }))
    }

    /// An async iterator over every item of the paginated list at `path` (`iterate()`).
    #[wasm_bindgen(js_name = "__iterate")]
    pub fn iterate(&self, path: &str, params: JsValue, options: JsValue) -> Result<ItemIterator, JsValue> {
        let endpoint = errors::endpoint(path)?;
        Ok(ItemIterator::new(
            Rc::clone(&self.transport),
            endpoint,
            &params,
            &options,
        ))
    }
}

/// Whether the package makes a method of `endpoint`: those of the namespaces `acs`,
/// `actionAttempts` and `userIdentities` (`/client_sessions/` serves `fromPublishableKey`).
fn exposed(endpoint: &Endpoint) -> bool {
    ["/acs/", "/action_attempts/", "/user_identities/"]
        .iter()
        .any(|prefix| endpoint.path.starts_with(prefix))
}

/// The endpoints the package makes methods of, from core's table: `[path, paginated]`
/// (a paginated list also gets `listPage` and `iterate`).
#[wasm_bindgen(js_name = "__endpoints")]
pub fn endpoints() -> js_sys::Array {
    seam_acs_core::ENDPOINTS
        .iter()
        .filter(|endpoint| exposed(endpoint))
        .map(|endpoint| {
            let pair: js_sys::Array = [
                JsValue::from_str(endpoint.path),
                JsValue::from_bool(endpoint.is_paginated()),
            ]
            .into_iter()
            .collect();
            JsValue::from(pair)
        })
        .collect()
}

impl SeamClient {
    /// Who calls and where, for a bulk run of this client.
    pub(crate) fn transport(&self) -> &Rc<Transport> {
        &self.transport
    }
}
