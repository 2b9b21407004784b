#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking"
)]
//! The bulk module's own work, in Node, against a scripted client: what it asks the client
//! for, how it reads the answers back into core's run, and the report it writes and reads.
//! (The run's decisions are core's, tested in plain Rust; the package's runs against the
//! local Seam server are tests/integration/bulk.test.mjs.)
//!
//!   cargo test --target wasm32-unknown-unknown -p seam-acs-bulk --test node

use js_sys::{Array, Promise, Reflect, JSON};
use seam_acs_bulk::Bulk;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen(inline_js = r#"
// A client with the two internal methods a run uses: `__refuse` throws `refuse` (if given),
// `__attempt` answers from `answers[path]` (a list, taken in order) and records each call
// as [path, params, all].
export function scripted(answers, refuse) {
  const calls = [];
  return {
    calls,
    __refuse(path) {
      if (refuse) throw refuse;
    },
    __attempt(path, params, all) {
      calls.push([path, params, all]);
      const answer = answers[path]?.shift();
      return Promise.resolve(answer ?? { error: { name: "SeamNetworkError", message: "no answer scripted" }, outcome: "failed" });
    },
  };
}
// The package's checks, as its entry hands them to a run: every item valid here (the
// package's validation is tested with it), and errors as plain Errors with their details.
export function checks() {
  return {
    validateRequest: () => [],
    makeError: (name, message, details) => Object.assign(new Error(message), { name }, details),
  };
}
// Carries a run out as the package's bulk.js does (each request through the client's
// `__attempt`, each answer to `run.answered`), and gives its report.
export async function finish(run, client) {
  const pending = new Set();
  const carry = (request) =>
    client.__attempt(request.path, request.params, request.all).then((answer) => {
      const next = run.answered(request.item, answer);
      return next && carry(next);
    });
  for (;;) {
    const step = run.step(Date.now());
    if (step === undefined) return run.report();
    if (typeof step === "object") {
      const work = carry(step).then(() => pending.delete(work));
      pending.add(work);
    } else if (step === Infinity) await Promise.race(pending);
    else await new Promise((resolve) => setTimeout(resolve, step));
  }
}
"#)]
extern "C" {
    fn scripted(answers: &JsValue, refuse: &JsValue) -> JsValue;
    fn checks() -> JsValue;
    #[wasm_bindgen(js_name = finish)]
    fn finish_js(run: Bulk, client: &JsValue) -> Promise;
}

fn js(text: &str) -> JsValue {
    JSON::parse(text).unwrap()
}

fn get(value: &JsValue, name: &str) -> JsValue {
    Reflect::get(value, &name.into()).unwrap()
}

fn json(value: &JsValue) -> String {
    JSON::stringify(value).unwrap().as_string().unwrap()
}

/// A `createMany` run of `items` through `client`, with no options.
fn creates(client: &JsValue, items: JsValue) -> Bulk {
    Bulk::new(
        client.clone().unchecked_into(),
        "create",
        items,
        js("{}"),
        checks().unchecked_into(),
    )
    .unwrap()
}

async fn finish(run: Bulk, client: &JsValue) -> JsValue {
    JsFuture::from(finish_js(run, client)).await.unwrap()
}

const USER: &str = "33333333-3333-3333-3333-333333333333";

fn item(code: &str) -> String {
    format!(r#"{{ "acs_user_id": "{USER}", "access_method": "code", "code": "{code}" }}"#)
}

fn credential(id: &str, code: &str) -> String {
    format!(
        r#"{{ "acs_credential_id": "{id}", "acs_user_id": "{USER}", "access_method": "code", "code": "{code}", "created_at": "2100-01-01T00:00:00.000Z" }}"#
    )
}

#[wasm_bindgen_test]
async fn a_create_whose_outcome_is_unknown_is_found_among_the_users_credentials_not_sent_again() {
    let answers = js(&format!(
        r#"{{
          "/acs/credentials/create": [
            {{ "value": {} }},
            {{ "error": {{ "name": "SeamNetworkError", "message": "network error: reset" }}, "outcome": "unknown" }}
          ],
          "/acs/credentials/list": [{{ "value": [{}, {}] }}]
        }}"#,
        credential("c1", "111111"),
        credential("c1", "111111"),
        credential("c2", "222222"),
    ));
    let client = scripted(&answers, &JsValue::UNDEFINED);
    let items = js(&format!("[{}, {}]", item("111111"), item("222222")));
    let run = creates(&client, items);
    let report = finish(run, &client).await;

    assert_eq!(
        json(&get(&report, "counts")),
        r#"{"created":2,"failed":0,"unknown":0,"not_started":0}"#
    );
    let found = get(&get(&report, "items"), "1");
    assert_eq!(get(&get(&found, "credential"), "acs_credential_id"), "c2");
    // Each create once, then one listing of the user's credentials (every page: `all`).
    let calls: Vec<String> = Array::from(&get(&client, "calls"))
        .iter()
        .map(|call| json(&call))
        .collect();
    assert_eq!(calls.len(), 3, "{calls:?}");
    assert!(calls[0].starts_with(r#"["/acs/credentials/create",{"#), "{calls:?}");
    assert!(calls[1].starts_with(r#"["/acs/credentials/create",{"#), "{calls:?}");
    assert_eq!(
        calls[2],
        format!(r#"["/acs/credentials/list",{{"acs_user_id":"{USER}"}},true]"#)
    );
}

#[wasm_bindgen_test]
async fn a_failure_keeps_the_clients_record_of_the_error_and_a_429_is_counted_and_sent_again() {
    let answers = js(r#"{
      "/acs/credentials/create": [
        { "error": { "name": "SeamApiError", "message": "slow down", "code": "rate_limited", "statusCode": 429, "requestId": null }, "outcome": "rate_limited", "retryAfterMs": 1 },
        { "error": { "name": "SeamApiError", "message": "no", "code": "forbidden", "statusCode": 403, "requestId": "r1" }, "outcome": "failed" }
      ]
    }"#);
    let client = scripted(&answers, &JsValue::UNDEFINED);
    let run = Bulk::new(
        client.clone().unchecked_into(),
        "create",
        js(&format!("[{}]", item("111111"))),
        js("{}"),
        checks().unchecked_into(),
    )
    .unwrap();
    let report = finish(run, &client).await;

    assert_eq!(get(&report, "rateLimited"), 1);
    assert_eq!(
        json(&get(&get(&report, "items"), "0")),
        r#"{"index":0,"status":"failed","error":{"name":"SeamApiError","message":"no","code":"forbidden","statusCode":403,"requestId":"r1"}}"#
    );
}

#[wasm_bindgen_test]
async fn a_report_read_back_resumes_what_is_left_and_a_report_of_another_run_is_refused() {
    let previous = js(r#"{ "action": "delete", "items": [
      { "index": 0, "status": "deleted" },
      { "index": 1, "status": "failed", "error": { "name": "SeamNetworkError", "message": "x" } }
    ] }"#);
    let answers = js(r#"{ "/acs/credentials/delete": [{}] }"#);
    let client = scripted(&answers, &JsValue::UNDEFINED);
    let options = js_sys::Object::new();
    Reflect::set(&options, &"resume".into(), &previous).unwrap();
    let ids = js(r#"["c1", "c2"]"#);
    let run = Bulk::new(
        client.clone().unchecked_into(),
        "delete",
        ids.clone(),
        options.clone().into(),
        checks().unchecked_into(),
    )
    .unwrap();
    let report = finish(run, &client).await;
    assert_eq!(
        json(&get(&report, "counts")),
        r#"{"deleted":2,"failed":0,"unknown":0,"not_started":0}"#
    );
    assert_eq!(
        Array::from(&get(&client, "calls")).length(),
        1,
        "only the failed one is sent again"
    );

    // Of a create, or over other items: the client is told, and refuses it.
    let error = Bulk::new(
        client.clone().unchecked_into(),
        "create",
        ids,
        options.into(),
        checks().unchecked_into(),
    )
    .err()
    .unwrap();
    assert_eq!(get(&error, "name"), "SeamValidationError");
    assert_eq!(
        get(&error, "message"),
        "invalid request, nothing was sent: resume must be the report of an earlier run of the same action over as many items"
    );
    assert_eq!(
        json(&get(&error, "issues")),
        r#"[{"path":"resume","code":"type","message":"resume must be the report of an earlier run of the same action over as many items"}]"#
    );
}

#[wasm_bindgen_test]
fn the_clients_refusal_is_thrown_as_it_is() {
    let refusal: JsValue = js_sys::Error::new("invalid request, nothing was sent").into();
    let client = scripted(&js("{}"), &refusal);
    let error = Bulk::new(
        client.unchecked_into(),
        "create",
        js("[]"),
        JsValue::UNDEFINED,
        checks().unchecked_into(),
    )
    .err()
    .unwrap();
    assert_eq!(error, refusal);
}

#[wasm_bindgen_test]
async fn a_reconcile_looks_up_the_entrances_of_only_the_credentials_that_would_fit() {
    let answers = js(&format!(
        r#"{{
          "/acs/credentials/create": [{{ "error": {{ "name": "SeamApiError", "message": "gateway" }}, "outcome": "unknown" }}],
          "/acs/credentials/list": [{{ "value": [{}, {}, {}] }}],
          "/acs/credentials/list_accessible_entrances": [
            {{ "value": [{{ "acs_entrance_id": "e2" }}] }},
            {{ "value": [{{ "acs_entrance_id": "e1" }}] }}
          ]
        }}"#,
        credential("other-door", "111111"),
        credential("other-code", "999999"),
        credential("made", "111111"),
    ));
    let client = scripted(&answers, &JsValue::UNDEFINED);
    let items = js(&format!(
        r#"[{{ "acs_user_id": "{USER}", "access_method": "code", "code": "111111", "allowed_acs_entrance_ids": ["e1"] }}]"#
    ));
    let run = creates(&client, items);
    let report = finish(run, &client).await;

    let found = get(&get(&report, "items"), "0");
    assert_eq!(get(&found, "status"), "created");
    assert_eq!(get(&get(&found, "credential"), "acs_credential_id"), "made");
    let calls: Vec<String> = Array::from(&get(&client, "calls"))
        .iter()
        .map(|call| json(&call))
        .collect();
    let lookups: Vec<&String> = calls
        .iter()
        .filter(|call| call.contains("list_accessible_entrances"))
        .collect();
    assert_eq!(
        lookups,
        [
            r#"["/acs/credentials/list_accessible_entrances",{"acs_credential_id":"other-door"},false]"#,
            r#"["/acs/credentials/list_accessible_entrances",{"acs_credential_id":"made"},false]"#,
        ],
        "{calls:?}"
    );
}
