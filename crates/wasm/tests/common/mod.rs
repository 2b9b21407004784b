//! The wasm-bindgen tests both runners share (`node.rs` in Node, `browser.rs` in headless
//! Chromium): the crate's public Rust API (`SeamClient`, its `__call` as the package's methods use it), with the
//! global `fetch` replaced by a scripted one where a test needs a given answer, or the real
//! one against a closed loopback port.
//!
//! `validate_request`, `parse_acs_credential` and `parse_event` are not reachable from
//! here (they are `pub` in a private module and not re-exported), so validation and parsing
//! are checked through the client's calls, which run the same code.

use js_sys::{Array, Function, Promise, Reflect, JSON};
use seam_acs_wasm::SeamClient;
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

pub const API_KEY: &str = "seam_testkey_wasm_secret_0001";
pub const UUID: &str = "3c90c3cc-0d44-4b50-8888-8dd25736052a";
/// Nothing listens on the discard port: Node gets a refused connection, Chromium refuses
/// the port itself (ERR_UNSAFE_PORT). Either way `fetch` rejects.
pub const UNREACHABLE: &str = "http://127.0.0.1:9";
pub const ENDPOINT: &str = "http://127.0.0.1:4010";

// ---------------------------------------------------------------- the methods

/// `seam.acs.credentials` / `seam.acs.entrances` as the package's entry (shared.js) makes
/// them: each method is `__call` (or `__iterate`) with its endpoint's path.
pub struct Methods<'a> {
    client: &'a SeamClient,
    group: &'static str,
}

pub fn credentials(client: &SeamClient) -> Methods<'_> {
    Methods {
        client,
        group: "credentials",
    }
}

pub fn entrances(client: &SeamClient) -> Methods<'_> {
    Methods {
        client,
        group: "entrances",
    }
}

impl Methods<'_> {
    fn call(&self, action: &str, params: JsValue, options: JsValue, page: bool) -> Promise {
        let path = format!("/acs/{}/{action}", self.group);
        self.client
            .call(&path, params, options, page)
            .expect("a known endpoint")
    }

    pub fn create(&self, params: JsValue, options: JsValue) -> Promise {
        self.call("create", params, options, false)
    }

    pub fn get(&self, params: JsValue, options: JsValue) -> Promise {
        self.call("get", params, options, false)
    }

    pub fn list(&self, params: JsValue, options: JsValue) -> Promise {
        self.call("list", params, options, false)
    }

    pub fn list_page(&self, params: JsValue, options: JsValue) -> Promise {
        self.call("list", params, options, true)
    }

    pub fn iterate(&self, params: JsValue, options: JsValue) -> Items {
        let path = format!("/acs/{}/list", self.group);
        Items(self.client.iterate(&path, params, options).expect("a known endpoint"))
    }
}

/// What `iterate()` returns: the async iterator of the package's JS loop (js/drive.js).
pub struct Items(JsValue);

impl Items {
    fn method(&self, name: &str, argument: &JsValue) -> Promise {
        let method: Function = get(&self.0, name).unchecked_into();
        method.call1(&self.0, argument).expect("a promise").unchecked_into()
    }

    pub fn next(&self) -> Promise {
        self.method("next", &JsValue::UNDEFINED)
    }

    /// `return(value)`.
    pub fn stop(&self, value: JsValue) -> Promise {
        self.method("return", &value)
    }
}

// ---------------------------------------------------------------- JS helpers

/// A JS value from JSON text.
pub fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON")
}

/// A JS value from a serde_json value.
pub fn to_js(value: &Value) -> JsValue {
    js(&value.to_string())
}

/// A JS value as serde_json (through `JSON.stringify`).
pub fn to_value(value: &JsValue) -> Value {
    if value.is_undefined() {
        return Value::Null;
    }
    let text = JSON::stringify(value)
        .expect("stringify")
        .as_string()
        .expect("a string");
    serde_json::from_str(&text).expect("JSON")
}

pub fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).expect("property")
}

pub fn text(object: &JsValue, key: &str) -> String {
    get(object, key)
        .as_string()
        .unwrap_or_else(|| panic!("{key} is not a string"))
}

pub fn now() -> f64 {
    js_sys::Date::now()
}

/// The value a call resolves with; panics with the error if it rejects.
pub async fn resolved(promise: Promise) -> JsValue {
    match JsFuture::from(promise).await {
        Ok(value) => value,
        Err(error) => panic!("the call failed: {} {}", text(&error, "name"), text(&error, "message")),
    }
}

/// The error a call rejects with; panics if it resolves.
pub async fn rejected(promise: Promise) -> JsValue {
    match JsFuture::from(promise).await {
        Ok(value) => panic!("the call succeeded with {}", to_value(&value)),
        Err(error) => error,
    }
}

/// Checks that `error` is a JS `Error` named `name`, and returns it.
pub fn expect_error(error: JsValue, name: &str) -> JsValue {
    assert!(error.is_instance_of::<js_sys::Error>(), "not an Error: {error:?}");
    let actual = text(&error, "name");
    assert_eq!(actual, name, "{}", text(&error, "message"));
    // No error, whatever its kind, shows the token.
    let shown = format!("{} {}", text(&error, "message"), to_value(&error));
    assert!(!shown.contains("secret"), "the token leaked: {shown}");
    error
}

/// A client with the API key and these options.
pub fn client(options: Value) -> SeamClient {
    match SeamClient::from_api_key(JsValue::from(API_KEY), to_js(&options)) {
        Ok(client) => client,
        Err(error) => panic!("fromApiKey failed: {}", text(&error, "message")),
    }
}

/// The name of the error a constructor fails with.
pub fn construction_error(made: Result<SeamClient, JsValue>) -> JsValue {
    match made {
        Ok(_) => panic!("the client was made"),
        Err(error) => error,
    }
}

// ---------------------------------------------------------------- a scripted fetch

const INSTALL: &str = r#"
const real = globalThis.fetch;
const log = [];
globalThis.fetch = async function (input, init) {
  const request = input instanceof Request ? input : new Request(input, init);
  const headers = {};
  request.headers.forEach((value, name) => { headers[name] = value; });
  const body = await request.clone().text();
  log.push({ url: request.url, method: request.method, headers, body });
  return handler(request, log.length, real);
};
return { log, restore() { globalThis.fetch = real; } };
"#;

/// Replaces the global `fetch` until dropped; logs every request.
pub struct FakeFetch {
    handle: JsValue,
}

impl FakeFetch {
    /// `handler(request, n, realFetch)` answers the n-th request (1-based).
    pub fn install(handler: &Function) -> FakeFetch {
        let install = Function::new_with_args("handler", INSTALL);
        let handle = install.call1(&JsValue::NULL, handler).expect("install fetch");
        FakeFetch { handle }
    }

    /// Answers every request with `status`, the JSON `body` and a `seam-request-id` of `req-<n>`.
    pub fn answering(status: u16, body: &Value) -> FakeFetch {
        Self::answering_each(&[(status, body.clone(), json!({}))])
    }

    /// Answers the n-th request with the n-th `(status, body, headers)` (the last one after that).
    pub fn answering_each(answers: &[(u16, Value, Value)]) -> FakeFetch {
        let make = Function::new_with_args(
            "answers",
            "return (request, n) => { \
               const [status, body, headers] = answers[Math.min(n, answers.length) - 1]; \
               const text = body === null ? '' : JSON.stringify(body); \
               return new Response(text, { status, headers: { 'content-type': 'application/json', 'seam-request-id': 'req-' + n, ...headers } }); \
             }",
        );
        let list: Vec<Value> = answers.iter().map(|(s, b, h)| json!([s, b, h])).collect();
        let handler: Function = make
            .call1(&JsValue::NULL, &to_js(&Value::Array(list)))
            .expect("handler")
            .unchecked_into();
        Self::install(&handler)
    }

    /// Never answers; rejects when the request's signal aborts, as `fetch` does.
    pub fn hanging() -> FakeFetch {
        Self::install(&Function::new_with_args(
            "request",
            "return new Promise((resolve, reject) => request.signal.addEventListener('abort', \
               () => reject(new DOMException('The operation was aborted.', 'AbortError'))))",
        ))
    }

    pub fn requests(&self) -> Vec<Value> {
        let log: Array = get(&self.handle, "log").unchecked_into();
        log.iter().map(|entry| to_value(&entry)).collect()
    }

    pub fn count(&self) -> usize {
        self.requests().len()
    }
}

impl Drop for FakeFetch {
    fn drop(&mut self) {
        if let Ok(restore) = get(&self.handle, "restore").dyn_into::<Function>() {
            let _ = restore.call0(&self.handle);
        }
    }
}

fn credential_answer(credential: &Value) -> Value {
    json!({ "acs_credential": credential, "ok": true })
}

fn issue_pairs(error: &JsValue) -> Vec<(String, String)> {
    let issues = to_value(&get(error, "issues"));
    let mut pairs: Vec<(String, String)> = issues
        .as_array()
        .expect("issues is an array")
        .iter()
        .map(|issue| {
            let field = |k: &str| issue[k].as_str().expect("a string").to_owned();
            assert!(!field("message").is_empty());
            (field("path"), field("code"))
        })
        .collect();
    pairs.sort();
    pairs
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

// ---------------------------------------------------------------- the tests

#[wasm_bindgen_test]
async fn invalid_parameters_are_a_validation_error_listing_every_issue_and_nothing_is_sent() {
    let fetch = FakeFetch::answering(200, &credential_answer(&json!({ "acs_credential_id": UUID })));
    let seam = client(json!({ "endpoint": ENDPOINT }));
    let credentials = credentials(&seam);

    let params = json!({ "access_method": "laser", "code": "12a", "ends_at": "2001-01-01T00:00:00Z" });
    let error = expect_error(
        rejected(credentials.create(to_js(&params), JsValue::UNDEFINED)).await,
        "SeamValidationError",
    );
    assert_eq!(
        issue_pairs(&error),
        pairs(&[
            ("access_method", "enum"),
            ("acs_user_id", "missing_one_of"),
            ("code", "pattern"),
            ("ends_at", "past")
        ])
    );
    assert!(text(&error, "message").contains("nothing was sent"));

    let error = expect_error(
        rejected(credentials.get(js("{}"), JsValue::UNDEFINED)).await,
        "SeamValidationError",
    );
    assert_eq!(issue_pairs(&error), pairs(&[("acs_credential_id", "required")]));

    let params = json!({ "acs_user_id": "not-a-uuid", "acs_sytem_id": UUID });
    let error = expect_error(
        rejected(credentials.list(to_js(&params), JsValue::UNDEFINED)).await,
        "SeamValidationError",
    );
    assert_eq!(
        issue_pairs(&error),
        pairs(&[("acs_sytem_id", "unknown_field"), ("acs_user_id", "format")])
    );

    // iterate() reports invalid parameters on its first next().
    let iterator = credentials.iterate(js(r#"{"limit": 0}"#), JsValue::UNDEFINED);
    let error = expect_error(rejected(iterator.next()).await, "SeamValidationError");
    assert_eq!(issue_pairs(&error), pairs(&[("limit", "minimum")]));

    // A bad call option is a validation error too.
    let error = rejected(credentials.list(JsValue::UNDEFINED, js(r#"{"timeoutMs": -5}"#))).await;
    assert_eq!(
        issue_pairs(&expect_error(error, "SeamValidationError")),
        pairs(&[("timeoutMs", "minimum")])
    );

    assert_eq!(fetch.count(), 0, "nothing was sent");
}

#[wasm_bindgen_test]
async fn an_unreachable_port_is_a_network_error_well_within_the_timeout() {
    let seam = client(json!({ "endpoint": UNREACHABLE, "maxRetries": 0, "timeoutMs": 5000 }));
    let started = now();
    let error = rejected(credentials(&seam).list(JsValue::UNDEFINED, JsValue::UNDEFINED)).await;
    let elapsed = now() - started;
    expect_error(error, "SeamNetworkError");
    assert!(elapsed < 5000.0, "took {elapsed} ms");
}

#[wasm_bindgen_test]
fn a_token_of_the_wrong_kind_is_refused() {
    let options = || to_js(&json!({ "endpoint": ENDPOINT }));
    let cases = [
        SeamClient::from_api_key(JsValue::from("seam_cst1_secret_session"), options()),
        SeamClient::from_api_key(JsValue::from("seam_pk1_secret_publishable"), options()),
        SeamClient::from_api_key(JsValue::from("secret-without-prefix"), options()),
        SeamClient::from_api_key(JsValue::from(""), options()),
        SeamClient::from_client_session_token(JsValue::from("seam_testkey_secret"), options()),
        SeamClient::from_personal_access_token(
            JsValue::from("seam_cst1_secret"),
            JsValue::from("workspace"),
            options(),
        ),
        SeamClient::from_personal_access_token(JsValue::from("seam_at1_secret"), JsValue::from(""), options()),
        SeamClient::from_console_session_token(JsValue::from("seam_at1_secret"), JsValue::from("workspace"), options()),
    ];
    for made in cases {
        expect_error(construction_error(made), "SeamInvalidTokenError");
    }
    let error = construction_error(SeamClient::from_api_key(
        JsValue::from("seam_cst1_secret_session"),
        options(),
    ));
    assert_eq!(
        text(&error, "message"),
        "A client session token cannot be used as an API key"
    );
    // The right kinds are accepted, each in its own mode.
    let modes = [
        (SeamClient::from_api_key(JsValue::from(API_KEY), options()), "api_key"),
        (
            SeamClient::from_client_session_token(JsValue::from("seam_cst1_x"), options()),
            "client_session",
        ),
        (
            SeamClient::from_personal_access_token(JsValue::from("seam_at1_x"), JsValue::from("ws"), options()),
            "pat_with_workspace",
        ),
        (
            SeamClient::from_console_session_token(JsValue::from("eyJx.y.z"), JsValue::from("ws"), options()),
            "console_session_with_workspace",
        ),
    ];
    for (made, mode) in modes {
        match made {
            Ok(client) => assert_eq!(client.auth_mode(), mode),
            Err(error) => panic!("{mode}: {}", text(&error, "message")),
        }
    }
}

#[wasm_bindgen_test]
fn plain_http_is_refused_except_to_loopback() {
    for endpoint in ["http://example.com", "ftp://127.0.0.1", "not a url"] {
        let made = SeamClient::from_api_key(JsValue::from(API_KEY), to_js(&json!({ "endpoint": endpoint })));
        expect_error(construction_error(made), "SeamInvalidEndpointError");
    }
    for (endpoint, base) in [
        ("https://connect.getseam.com/", "https://connect.getseam.com"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://localhost:3000/", "http://localhost:3000"),
    ] {
        assert_eq!(client(json!({ "endpoint": endpoint })).endpoint(), base);
    }
    let default = SeamClient::from_api_key(JsValue::from(API_KEY), JsValue::UNDEFINED);
    assert_eq!(
        default.map(|c| c.endpoint()).ok().as_deref(),
        Some("https://connect.getseam.com")
    );
}

#[wasm_bindgen_test]
async fn a_client_session_may_list_but_not_create_and_nothing_is_sent() {
    let fetch = FakeFetch::answering(
        200,
        &json!({ "acs_credentials": [{ "acs_credential_id": UUID }], "pagination": { "has_next_page": false, "next_page_cursor": null, "next_page_url": null }, "ok": true }),
    );
    let seam = match SeamClient::from_client_session_token(
        JsValue::from("seam_cst1_secret"),
        to_js(&json!({ "endpoint": ENDPOINT })),
    ) {
        Ok(seam) => seam,
        Err(error) => panic!("{}", text(&error, "message")),
    };
    let params = json!({ "acs_user_id": UUID, "access_method": "code" });
    let error = rejected(credentials(&seam).create(to_js(&params), JsValue::UNDEFINED)).await;
    let error = expect_error(error, "SeamNotAllowedError");
    assert_eq!(text(&error, "endpoint"), "/acs/credentials/create");
    assert_eq!(text(&error, "authMode"), "client_session");
    assert_eq!(fetch.count(), 0);

    let listed = resolved(credentials(&seam).list(JsValue::UNDEFINED, JsValue::UNDEFINED)).await;
    assert_eq!(to_value(&listed), json!([{ "acs_credential_id": UUID }]));
    let [request] = fetch.requests().try_into().expect("one request");
    assert_eq!(request["headers"]["authorization"], "Bearer seam_cst1_secret");
    assert_eq!(request["headers"]["client-session-token"], "seam_cst1_secret");
}

#[wasm_bindgen_test]
async fn a_read_by_id_is_a_get_and_a_list_a_json_post_with_the_auth_header() {
    let credential = json!({ "acs_credential_id": UUID, "access_method": "code", "code": "1234" });
    let listed = json!({ "acs_credentials": [credential], "pagination": { "has_next_page": false }, "ok": true });
    let fetch = FakeFetch::answering_each(&[
        (200, credential_answer(&credential), json!({})),
        (200, listed, json!({})),
    ]);
    let seam = client(json!({ "endpoint": format!("{ENDPOINT}/") }));
    let got = resolved(credentials(&seam).get(to_js(&json!({ "acs_credential_id": UUID })), JsValue::UNDEFINED)).await;
    assert_eq!(to_value(&got)["code"], "1234");
    let search = json!({ "search": "Room 1 & 2", "limit": 5 });
    resolved(credentials(&seam).list(to_js(&search), JsValue::UNDEFINED)).await;
    let [get, list] = fetch.requests().try_into().expect("two requests");

    assert_eq!(
        get["url"],
        format!("{ENDPOINT}/acs/credentials/get?acs_credential_id={UUID}")
    );
    assert_eq!(get["method"], "GET");
    assert_eq!(get["headers"]["authorization"], format!("Bearer {API_KEY}"));
    assert_eq!(get["headers"].get("content-type"), None);
    assert_eq!(get["body"], "");

    // A search stays out of the URL.
    assert_eq!(list["url"], format!("{ENDPOINT}/acs/credentials/list"));
    assert_eq!(list["method"], "POST");
    assert_eq!(list["headers"]["authorization"], format!("Bearer {API_KEY}"));
    assert!(list["headers"]["content-type"]
        .as_str()
        .expect("content-type")
        .starts_with("application/json"));
    let body: Value = serde_json::from_str(list["body"].as_str().expect("a body")).expect("JSON body");
    assert_eq!(body, search);
}

#[wasm_bindgen_test]
async fn an_answer_keeps_unknown_fields_and_values() {
    let credential = json!({
        "acs_credential_id": UUID,
        "access_method": "laser_beam",
        "starts_at": "next tuesday",
        "future_field": { "nested": [1, 2.5, { "deep": true }], "text": "é ✓" },
        "errors": [],
        "warnings": [{ "warning_code": "brand_new_warning", "message": "m", "extra": 1 }],
        "visionline_metadata": { "card_id": "7", "unknown_inner": null },
    });
    let _fetch = FakeFetch::answering(200, &credential_answer(&credential));
    let seam = client(json!({ "endpoint": ENDPOINT }));
    let got = resolved(credentials(&seam).get(to_js(&json!({ "acs_credential_id": UUID })), JsValue::UNDEFINED)).await;
    assert_eq!(to_value(&got), credential);
}

/// A client whose `onAnswerIssue` collects the issues into the returned array.
fn reporting_client(options: Value) -> (SeamClient, js_sys::Array) {
    let issues = js_sys::Array::new();
    let collect = js_sys::Function::new_with_args("issue", "this.push(issue)").bind0(&issues);
    let options = to_js(&options);
    js_sys::Reflect::set(&options, &JsValue::from_str("onAnswerIssue"), &collect).expect("set");
    match SeamClient::from_api_key(JsValue::from(API_KEY), options) {
        Ok(client) => (client, issues),
        Err(error) => panic!("fromApiKey failed: {}", text(&error, "message")),
    }
}

#[wasm_bindgen_test]
async fn a_property_of_the_wrong_type_is_reported_when_lenient_and_refused_when_strict() {
    let answer = credential_answer(&json!({ "acs_credential_id": UUID, "is_managed": "yes", "acs_user_id": null }));
    let _fetch = FakeFetch::answering(200, &answer);
    let get_one =
        |seam: &SeamClient| credentials(seam).get(to_js(&json!({ "acs_credential_id": UUID })), JsValue::UNDEFINED);

    let (lenient, issues) = reporting_client(json!({ "endpoint": ENDPOINT, "maxRetries": 0 }));
    let got = resolved(get_one(&lenient)).await;
    assert_eq!(to_value(&got), answer["acs_credential"], "the answer as Seam sent it");
    assert_eq!(
        to_value(&issues),
        json!([{ "endpoint": "/acs/credentials/get", "path": "acs_credential.is_managed",
                 "expected": "a boolean", "got": "a string", "requestId": "req-1" }])
    );

    let strict = client(json!({ "endpoint": ENDPOINT, "maxRetries": 0, "answers": "strict" }));
    let error = expect_error(rejected(get_one(&strict)).await, "SeamParseError");
    assert_eq!(text(&error, "path"), "acs_credential.is_managed");
    assert_eq!(get(&error, "statusCode").as_f64(), Some(200.0));

    let bad = SeamClient::from_api_key(
        JsValue::from(API_KEY),
        to_js(&json!({ "answers": "loose", "onAnswerIssue": 1 })),
    );
    let error = expect_error(construction_error(bad), "SeamValidationError");
    assert_eq!(
        issue_pairs(&error),
        pairs(&[("answers", "enum"), ("onAnswerIssue", "type")])
    );
}

/// The package judges an answer (parsed by the engine, read through the wasm crate's view)
/// exactly as core judges its text, in both modes: the same success with the same issues
/// reported, or the same error class and message (which names the path). Damaged
/// credentials, lists and error bodies.
#[wasm_bindgen_test]
async fn answers_are_judged_as_core_judges_their_text() {
    use seam_acs_core::response::{check, RawResponse};
    use seam_acs_core::AnswerMode;
    let credential = json!({
        "acs_credential_id": UUID, "access_method": "card", "is_managed": true, "code": null,
        "errors": [], "warnings": [{ "warning_code": "waiting_to_be_issued", "message": "m", "created_at": "2025-01-01T00:00:00Z" }],
        "visionline_metadata": { "card_id": "1", "common_acs_entrance_ids": [UUID], "is_valid": true },
    });
    let damaged = |pointer: &str, value: Value| {
        let mut copy = credential.clone();
        *copy.pointer_mut(pointer).expect("a place") = value;
        copy
    };
    let one = |c: Value| json!({ "acs_credential": c, "ok": true });
    let many =
        |items: Vec<Value>| json!({ "acs_credentials": items, "pagination": { "has_next_page": false }, "ok": true });
    let cases: Vec<(&str, u16, Value)> = vec![
        ("get", 200, one(credential.clone())),
        ("get", 200, one(damaged("/is_managed", json!("yes")))),
        ("get", 200, one(damaged("/code", json!(1234)))),
        ("get", 200, one(damaged("/warnings/0/created_at", json!(5)))),
        ("get", 200, one(damaged("/warnings/0", json!("waiting")))),
        (
            "get",
            200,
            one(damaged("/visionline_metadata/common_acs_entrance_ids/0", json!(null))),
        ),
        ("get", 200, one(damaged("/visionline_metadata", json!([])))),
        ("get", 200, one(damaged("/errors", json!({})))),
        ("get", 200, one(json!({ "access_method": "card" }))),
        ("get", 200, one(json!(null))),
        ("get", 200, json!({ "ok": true })),
        ("get", 200, json!([1, 2])),
        ("get", 200, Value::Null),
        ("list", 200, many(vec![credential.clone(), credential.clone()])),
        (
            "list",
            200,
            many(vec![credential.clone(), damaged("/access_method", json!(false))]),
        ),
        ("list", 200, many(vec![json!("not an object")])),
        ("list", 200, json!({ "acs_credentials": {}, "ok": true })),
        (
            "list",
            200,
            json!({ "acs_credentials": [], "pagination": { "has_next_page": "no" } }),
        ),
        (
            "get",
            404,
            json!({ "error": { "type": "acs_credential_not_found", "message": "Not found", "data": { "id": 1 } } }),
        ),
        (
            "get",
            400,
            json!({ "error": { "type": "invalid_input", "message": "Bad", "validation_errors": { "_errors": [], "code": { "_errors": ["Invalid"] } } } }),
        ),
        ("get", 401, json!({ "nothing": "here" })),
        ("get", 502, json!({ "error": "Bad gateway" })),
        ("get", 500, json!("down")),
    ];
    for ((action, status, body), mode) in cases
        .iter()
        .flat_map(|case| [(case, AnswerMode::Lenient), (case, AnswerMode::Strict)])
    {
        let (action, status, body) = (*action, *status, body.clone());
        let answers = if mode == AnswerMode::Strict {
            "strict"
        } else {
            "lenient"
        };
        let (seam, issues) = reporting_client(json!({ "endpoint": ENDPOINT, "maxRetries": 0, "answers": answers }));
        let path = format!("/acs/credentials/{action}");
        let sent = if body.is_null() {
            String::new()
        } else {
            body.to_string()
        };
        let raw = RawResponse {
            status,
            request_id: Some("req-1"),
            retry_after: None,
            body: &sent,
        };
        let endpoint = seam_acs_core::endpoint(&path).expect("an endpoint");
        let expected = check(endpoint, &raw, seam_acs_core::datetime::Timestamp::from_millis(0), mode);
        let fetch = FakeFetch::answering(status, &body);
        let call = match action {
            "get" => credentials(&seam).get(to_js(&json!({ "acs_credential_id": UUID })), JsValue::UNDEFINED),
            _ => credentials(&seam).list(JsValue::UNDEFINED, JsValue::UNDEFINED),
        };
        let got = JsFuture::from(call).await;
        drop(fetch);
        match (expected, got) {
            (Ok(expected), Ok(_)) => {
                let reported: Vec<(String, String, String)> = issues
                    .iter()
                    .map(|issue| (text(&issue, "path"), text(&issue, "expected"), text(&issue, "got")))
                    .collect();
                let expected: Vec<(String, String, String)> = expected
                    .issues
                    .iter()
                    .map(|issue| (issue.path.clone(), issue.expected.to_owned(), issue.got.to_owned()))
                    .collect();
                assert_eq!(reported, expected, "{path} {status} {sent} {answers}");
            }
            (Err(expected), Err(error)) => {
                assert_eq!(text(&error, "name"), expected.class_name(), "{path} {status} {sent}");
                assert_eq!(text(&error, "message"), expected.message(), "{path} {status} {sent}");
            }
            (expected, got) => panic!(
                "{path} {status} {sent}: core says {expected:?}, the package {}",
                got.is_ok()
            ),
        }
    }
}

#[wasm_bindgen_test]
async fn error_answers_become_typed_errors() {
    let seam = client(json!({ "endpoint": ENDPOINT, "maxRetries": 0 }));
    let get_one = || credentials(&seam).get(to_js(&json!({ "acs_credential_id": UUID })), JsValue::UNDEFINED);

    let fetch = FakeFetch::answering(
        404,
        &json!({ "error": { "type": "acs_credential_not_found", "message": "Access control credential not found", "data": { "acs_credential_id": UUID, "tries": [1, null] } }, "ok": false }),
    );
    let error = expect_error(rejected(get_one()).await, "SeamApiError");
    assert_eq!(text(&error, "code"), "acs_credential_not_found");
    assert_eq!(
        to_value(&get(&error, "data")),
        json!({ "acs_credential_id": UUID, "tries": [1, null] }),
        "data as Seam sent it"
    );
    assert!(get(&error, "validationErrors").is_null());
    assert_eq!(get(&error, "statusCode").as_f64(), Some(404.0));
    assert_eq!(text(&error, "requestId"), "req-1");
    assert_eq!(fetch.count(), 1, "a 404 is not retried");
    drop(fetch);

    let _fetch = FakeFetch::answering(
        401,
        &json!({ "error": { "type": "unauthorized", "message": "API Key not found" }, "ok": false }),
    );
    let error = expect_error(rejected(get_one()).await, "SeamUnauthorizedError");
    assert_eq!(get(&error, "statusCode").as_f64(), Some(401.0));
    assert!(get(&error, "data").is_null(), "no data sent: null");
    drop(_fetch);

    let _fetch = FakeFetch::answering(
        400,
        &json!({ "error": { "type": "invalid_input", "message": "Invalid", "validation_errors": { "_errors": [], "code": { "_errors": ["Invalid code"] } } }, "ok": false }),
    );
    let error = expect_error(rejected(get_one()).await, "SeamInvalidInputError");
    assert_eq!(
        to_value(&get(&error, "fieldErrors")),
        json!([{ "path": "code", "messages": ["Invalid code"] }])
    );
    assert_eq!(
        to_value(&get(&error, "validationErrors")),
        json!({ "_errors": [], "code": { "_errors": ["Invalid code"] } })
    );
}

/// The retry decisions are core's (`crates/core/tests/call.rs`); this is the sleep on a JS
/// timer and the second `fetch`.
#[wasm_bindgen_test]
async fn a_read_is_sent_again_after_a_503() {
    let unavailable = json!({ "error": { "type": "service_unavailable", "message": "try again" }, "ok": false });
    let listed = json!({ "acs_credentials": [], "pagination": { "has_next_page": false, "next_page_cursor": null, "next_page_url": null }, "ok": true });
    let fetch = FakeFetch::answering_each(&[
        (503, unavailable, json!({ "retry-after": "0" })),
        (200, listed, json!({})),
    ]);
    let seam = client(json!({ "endpoint": ENDPOINT, "maxRetries": 2 }));
    let items = resolved(credentials(&seam).list(JsValue::UNDEFINED, JsValue::UNDEFINED)).await;
    assert_eq!(to_value(&items), json!([]));
    assert_eq!(fetch.count(), 2);
}

#[wasm_bindgen_test]
async fn a_server_that_never_answers_times_out() {
    let _fetch = FakeFetch::hanging();
    let seam = client(json!({ "endpoint": ENDPOINT, "timeoutMs": 30000 }));
    let started = now();
    let error = rejected(entrances(&seam).list(JsValue::UNDEFINED, js(r#"{"timeoutMs": 300}"#))).await;
    let elapsed = now() - started;
    let error = expect_error(error, "SeamTimeoutError");
    assert_eq!(get(&error, "timeoutMs").as_f64(), Some(300.0));
    assert!((290.0..3000.0).contains(&elapsed), "took {elapsed} ms");
}

#[wasm_bindgen_test]
async fn the_callers_signal_aborts_the_call() {
    let fetch = FakeFetch::hanging();
    let seam = client(json!({ "endpoint": ENDPOINT }));
    let make = Function::new_with_args(
        "ms",
        "const controller = new AbortController(); \
         if (ms >= 0) setTimeout(() => controller.abort(), ms); else controller.abort(); \
         return { signal: controller.signal };",
    );
    let options = |ms: i32| make.call1(&JsValue::NULL, &JsValue::from(ms)).expect("options");

    let started = now();
    let error = rejected(credentials(&seam).list(JsValue::UNDEFINED, options(50))).await;
    expect_error(error, "SeamAbortError");
    assert!(now() - started < 3000.0);
    assert_eq!(fetch.count(), 1);

    // Already aborted: nothing is sent.
    let error = rejected(credentials(&seam).list(JsValue::UNDEFINED, options(-1))).await;
    expect_error(error, "SeamAbortError");
    assert_eq!(fetch.count(), 1);
}

#[wasm_bindgen_test]
async fn iterate_ends_when_the_server_repeats_a_cursor() {
    let page = json!({
        "acs_entrances": [{ "acs_entrance_id": UUID }, { "acs_entrance_id": "e2" }],
        "pagination": { "has_next_page": true, "next_page_cursor": "same", "next_page_url": null },
        "ok": true,
    });
    let fetch = FakeFetch::answering(200, &page);
    let seam = client(json!({ "endpoint": ENDPOINT }));
    let iterator = entrances(&seam).iterate(JsValue::UNDEFINED, JsValue::UNDEFINED);
    let mut ids = Vec::new();
    for _ in 0..50 {
        let step = resolved(iterator.next()).await;
        if get(&step, "done").as_bool() == Some(true) {
            break;
        }
        ids.push(text(&get(&step, "value"), "acs_entrance_id"));
    }
    assert_eq!(ids, [UUID, "e2", UUID, "e2"]);
    let bodies: Vec<Value> = fetch
        .requests()
        .iter()
        .map(|r| serde_json::from_str(r["body"].as_str().expect("a body")).expect("JSON"))
        .collect();
    assert_eq!(bodies, [json!({}), json!({ "page_cursor": "same" })]);
    // listPage says the same: no next page when the cursor comes back.
    let page = resolved(entrances(&seam).list_page(js(r#"{"page_cursor": "same"}"#), JsValue::UNDEFINED)).await;
    assert_eq!(
        to_value(&get(&page, "pagination")),
        json!({ "hasNextPage": false, "nextPageCursor": null })
    );
}

#[wasm_bindgen_test]
async fn from_publishable_key_gets_a_client_session() {
    let session = json!({
        "client_session": {
            "client_session_id": UUID,
            "token": "seam_cst1_secret_from_session",
            "user_identifier_key": "user-123",
            "workspace_id": UUID,
            "created_at": "2025-01-01T00:00:00.000Z",
            "expires_at": "2099-01-01T00:00:00.000Z",
        },
        "ok": true,
    });
    let listed = json!({ "acs_credentials": [], "pagination": { "has_next_page": false, "next_page_cursor": null, "next_page_url": null }, "ok": true });
    let fetch = FakeFetch::answering_each(&[(200, session, json!({})), (200, listed, json!({}))]);
    let made = JsFuture::from(SeamClient::from_publishable_key(
        JsValue::from("seam_pk1_secret"),
        JsValue::from("user-123"),
        to_js(&json!({ "endpoint": ENDPOINT })),
    ))
    .await;
    let seam = match made {
        Ok(seam) => {
            <SeamClient as wasm_bindgen::convert::TryFromJsValue>::try_from_js_value(seam).expect("a SeamClient")
        }
        Err(error) => panic!("{}: {}", text(&error, "name"), text(&error, "message")),
    };
    assert_eq!(seam.auth_mode(), "client_session");
    resolved(credentials(&seam).list(JsValue::UNDEFINED, JsValue::UNDEFINED)).await;
    let [get_or_create, list] = fetch.requests().try_into().expect("two requests");
    assert_eq!(
        get_or_create["url"],
        format!("{ENDPOINT}/client_sessions/get_or_create")
    );
    assert_eq!(get_or_create["headers"]["seam-publishable-key"], "seam_pk1_secret");
    assert_eq!(get_or_create["headers"].get("authorization"), None);
    assert_eq!(list["headers"]["authorization"], "Bearer seam_cst1_secret_from_session");
}

fn entrance_page(ids: &[&str], next: Option<&str>) -> Value {
    let entrances: Vec<Value> = ids.iter().map(|id| json!({ "acs_entrance_id": id })).collect();
    json!({
        "acs_entrances": entrances,
        "pagination": { "has_next_page": next.is_some(), "next_page_cursor": next, "next_page_url": null },
        "ok": true,
    })
}

fn step_value(step: &JsValue) -> Option<String> {
    match get(step, "done").as_bool() {
        Some(true) => None,
        _ => Some(text(&get(step, "value"), "acs_entrance_id")),
    }
}

/// `iterate()` over a listing of two pages (`a`, `b`, then `c`).
fn two_pages() -> (FakeFetch, Items) {
    let fetch = FakeFetch::answering_each(&[
        (200, entrance_page(&["a", "b"], Some("2")), json!({})),
        (200, entrance_page(&["c"], None), json!({})),
    ]);
    let seam = client(json!({ "endpoint": ENDPOINT }));
    (fetch, entrances(&seam).iterate(JsValue::UNDEFINED, JsValue::UNDEFINED))
}

#[wasm_bindgen_test]
async fn concurrent_next_calls_get_every_item_in_order_and_the_end_once() {
    let (_fetch, iterator) = two_pages();
    // All asked for at once, while the first page is still in flight.
    let promises: Vec<Promise> = (0..5).map(|_| iterator.next()).collect();
    let mut got = Vec::new();
    for promise in promises {
        got.push(step_value(&resolved(promise).await));
    }
    let expected: Vec<Option<String>> = vec![Some("a".into()), Some("b".into()), Some("c".into()), None, None];
    assert_eq!(got, expected);
}

#[wasm_bindgen_test]
async fn return_ends_the_iterator_and_fetches_no_more_pages() {
    let (fetch, iterator) = two_pages();
    assert_eq!(step_value(&resolved(iterator.next()).await).as_deref(), Some("a"));
    let ended = resolved(iterator.stop(JsValue::from("bye"))).await;
    assert_eq!(to_value(&ended), json!({ "value": "bye", "done": true }));
    assert_eq!(
        step_value(&resolved(iterator.next()).await),
        None,
        "b is not handed out"
    );
    assert_eq!(fetch.count(), 1, "the second page is never fetched");
}
