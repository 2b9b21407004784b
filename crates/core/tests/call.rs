//! A call's control flow, driven by hand as a transport would drive it: what is sent,
//! when it is re-sent, how long it sleeps, when it gives up, and how a listing ends; then
//! whole tasks, as the package's JS loop drives them: when the deadline is armed, how a
//! listing's items are handed out, gathered or stopped, and what a failure ends.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking"
)]

use seam_acs_core::call::{Call, Step};
use seam_acs_core::config::{client_config, ClientConfig};
use seam_acs_core::datetime::Timestamp;
use seam_acs_core::paging::{PageInfo, Pages};
use seam_acs_core::request::{prepare, HttpRequest};
use seam_acs_core::response::{Answer, Body};
use seam_acs_core::task::{Next, Output, Report, Task, Wanted};
use seam_acs_core::{endpoint, Auth, AuthMode, Endpoint, SeamError};
use serde_json::{json, Value};

const ID: &str = "3c90c3cc-0d44-4b50-8888-8dd25736052a";
const START: i64 = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const TIMEOUT_MS: u64 = 10_000;

fn at(ms: i64) -> Timestamp {
    Timestamp::from_millis(START + ms)
}

fn auth() -> Auth {
    Auth::new(AuthMode::ApiKey, "seam_key_abc", None).unwrap()
}

/// The default policy: 2 retries, backoff from 200 ms (100 ms with no jitter).
fn config() -> ClientConfig {
    client_config(None, None, None, None).unwrap()
}

fn get() -> &'static Endpoint {
    endpoint("/acs/credentials/get").unwrap()
}

fn create() -> &'static Endpoint {
    endpoint("/acs/credentials/create").unwrap()
}

fn list() -> &'static Endpoint {
    endpoint("/acs/credentials/list").unwrap()
}

fn call(endpoint: &'static Endpoint, params: &Value) -> Call {
    Call::new(endpoint, &auth(), &config(), params, None, TIMEOUT_MS, at(0)).unwrap()
}

fn get_call() -> Call {
    call(get(), &json!({ "acs_credential_id": ID }))
}

fn create_params() -> Value {
    json!({ "acs_user_id": ID, "access_method": "code", "code": "1234" })
}

fn error_body(code: u16) -> Value {
    json!({ "error": { "type": format!("http_{code}"), "message": "try later" } })
}

fn answer<'a>(status: u16, body: &'a Value, retry_after: Option<&'a str>) -> Answer<'a, &'a Value> {
    Answer {
        status,
        request_id: None,
        retry_after,
        body: Body::Json(body),
    }
}

fn credential() -> Value {
    json!({ "acs_credential": record("Front door") })
}

fn sent(call: &Call) -> HttpRequest {
    match call.step() {
        Step::Send(request) => request.clone(),
        other => panic!("expected a send, got {other:?}"),
    }
}

fn error_of(call: &Call) -> SeamError {
    match call.step() {
        Step::Done(Err(error)) => error.clone(),
        other => panic!("expected an error, got {other:?}"),
    }
}

fn status_of(error: &SeamError) -> Option<u16> {
    match error {
        SeamError::Api(api) => Some(api.status),
        _ => None,
    }
}

#[test]
fn the_prepared_request_is_what_gets_sent_and_a_success_ends_the_call() {
    let params = json!({ "acs_credential_id": ID });
    let mut call = call(get(), &params);
    let expected = prepare(get(), &auth(), &config().base_url, &params, at(0)).unwrap();
    assert_eq!(sent(&call), expected);
    assert_eq!(call.step(), Step::Send(&expected), "asking again gives the same step");
    let body = credential();
    call.on_answer(&answer(200, &body, None), at(5), 0.0);
    let Ok(checked) = call.into_result() else {
        panic!("not a success")
    };
    assert_eq!(checked.key, Some("acs_credential"));
    assert!(checked.issues.is_empty(), "{:?}", checked.issues);
}

#[test]
fn invalid_parameters_make_no_call() {
    let made = Call::new(
        get(),
        &auth(),
        &config(),
        &json!({ "acs_credential_id": "nope" }),
        None,
        TIMEOUT_MS,
        at(0),
    );
    let Err(SeamError::Validation { issues }) = made else {
        panic!("{made:?}")
    };
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].path, "acs_credential_id");
}

#[test]
fn reads_retry_429_502_503_504_and_network_errors_with_growing_backoff() {
    for status in [429, 502, 503, 504, 0] {
        let mut call = get_call();
        let first = sent(&call);
        let body = error_body(status);
        let fail = |call: &mut Call, now| match status {
            0 => call.on_network_error("reset".to_owned(), at(now), 0.0),
            _ => call.on_answer(&answer(status, &body, None), at(now), 0.0),
        };
        fail(&mut call, 10);
        assert_eq!(
            call.step(),
            Step::Sleep(100),
            "HTTP {status}: half of 200 ms, no jitter"
        );
        call.on_woken(at(110));
        assert_eq!(sent(&call), first, "the same request again");
        fail(&mut call, 120);
        assert_eq!(call.step(), Step::Sleep(200), "HTTP {status}: the backoff doubles");
        call.on_woken(at(320));
        fail(&mut call, 330);
        let error = error_of(&call);
        assert_eq!(
            status_of(&error),
            (status != 0).then_some(status),
            "after 2 retries: {error:?}"
        );
    }
}

#[test]
fn jitter_spreads_the_backoff_and_retry_after_is_honoured() {
    let mut jittered = get_call();
    jittered.on_network_error("reset".to_owned(), at(0), 0.5);
    assert_eq!(jittered.step(), Step::Sleep(150));

    let mut told = get_call();
    let body = error_body(429);
    told.on_answer(&answer(429, &body, Some("2")), at(0), 0.0);
    assert_eq!(told.step(), Step::Sleep(2_000), "Retry-After: 2");
    told.on_woken(at(2_000));
    assert!(matches!(told.step(), Step::Send(_)));
}

#[test]
fn a_mutation_is_sent_again_only_after_a_429() {
    for status in [502, 503, 504] {
        let mut call = call(create(), &create_params());
        let body = error_body(status);
        call.on_answer(&answer(status, &body, None), at(10), 0.0);
        assert_eq!(status_of(&error_of(&call)), Some(status));
    }
    let mut reset = call(create(), &create_params());
    reset.on_network_error("reset".to_owned(), at(10), 0.0);
    assert!(
        matches!(error_of(&reset), SeamError::Network { .. }),
        "a reset create may have been made"
    );

    let mut limited = call(create(), &create_params());
    let first = sent(&limited);
    let body = error_body(429);
    limited.on_answer(&answer(429, &body, None), at(10), 0.0);
    assert_eq!(limited.step(), Step::Sleep(100));
    limited.on_woken(at(110));
    assert_eq!(sent(&limited), first);
}

#[test]
fn the_deadline_covers_the_retries_and_no_sleep_goes_past_it() {
    // A Retry-After beyond the deadline is not waited for: the error is the result.
    let mut late = get_call();
    let body = error_body(503);
    late.on_answer(&answer(503, &body, Some("10")), at(1), 0.0);
    assert_eq!(status_of(&error_of(&late)), Some(503));

    // A backoff that would end after the deadline neither.
    let mut near = get_call();
    near.on_network_error("reset".to_owned(), at(9_950), 0.0);
    assert!(matches!(error_of(&near), SeamError::Network { .. }));

    // A sleep that ends in time: then the deadline passes before the next send.
    let mut slept = get_call();
    slept.on_network_error("reset".to_owned(), at(9_000), 0.0);
    assert_eq!(slept.step(), Step::Sleep(100));
    slept.on_woken(at(TIMEOUT_MS as i64));
    assert_eq!(error_of(&slept), SeamError::Timeout { timeout_ms: TIMEOUT_MS });

    // A connection that fails only at the deadline has run out of time.
    let mut failed_late = get_call();
    failed_late.on_network_error("reset".to_owned(), at(TIMEOUT_MS as i64 + 1), 0.0);
    assert_eq!(error_of(&failed_late), SeamError::Timeout { timeout_ms: TIMEOUT_MS });
}

#[test]
fn a_timeout_and_an_abort_are_told_apart_and_the_first_ending_stays() {
    let mut timed_out = get_call();
    timed_out.on_timeout();
    assert_eq!(error_of(&timed_out), SeamError::Timeout { timeout_ms: TIMEOUT_MS });
    timed_out.on_aborted();
    assert!(matches!(error_of(&timed_out), SeamError::Timeout { .. }));

    let mut aborted_asleep = get_call();
    aborted_asleep.on_network_error("reset".to_owned(), at(0), 0.0);
    assert_eq!(aborted_asleep.step(), Step::Sleep(100));
    aborted_asleep.on_aborted();
    assert_eq!(error_of(&aborted_asleep), SeamError::Aborted);
    aborted_asleep.on_woken(at(100));
    let body = credential();
    aborted_asleep.on_answer(&answer(200, &body, None), at(100), 0.0);
    assert_eq!(
        error_of(&aborted_asleep),
        SeamError::Aborted,
        "a late answer changes nothing"
    );
}

/// A page of `count` credentials (made-up objects: only the count and `pagination` matter
/// to the driver) and its `pagination`.
fn page(count: usize, next: Option<&str>) -> (usize, PageInfo) {
    let info = PageInfo {
        has_next_page: next.is_some(),
        next_page_cursor: next.map(str::to_owned),
    };
    (count, info)
}

fn body_of(call: &Call) -> Value {
    serde_json::from_str(sent(call).body.as_deref().unwrap()).unwrap()
}

fn next_call(pages: &mut Pages, params: &Value) -> Option<Call> {
    pages
        .next_call(list(), &auth(), &config(), params, TIMEOUT_MS, at(0))
        .map(Result::unwrap)
}

#[test]
fn pages_follow_the_cursors_into_the_requests_until_the_last_page() {
    let params = json!({ "acs_system_id": ID, "limit": 2, "page_cursor": "start" });
    let mut pages = Pages::new(&&params);
    let first = next_call(&mut pages, &params).unwrap();
    assert_eq!(body_of(&first), params, "the first page as the caller asked");
    assert!(
        next_call(&mut pages, &params).is_none(),
        "no second page before the first is in"
    );

    let (count, info) = page(2, Some("b"));
    assert_eq!(pages.on_page(count, Some(&info)), Some("b"));
    let second = next_call(&mut pages, &params).unwrap();
    assert_eq!(
        body_of(&second),
        json!({ "acs_system_id": ID, "limit": 2, "page_cursor": "b" }),
        "the cursor replaces the caller's, the rest is kept"
    );
    let (count, info) = page(1, None);
    assert_eq!(pages.on_page(count, Some(&info)), None);
    assert!(next_call(&mut pages, &params).is_none());

    let mut from_nothing = Pages::new(&&Value::Null);
    next_call(&mut from_nothing, &Value::Null).unwrap();
    from_nothing.on_page(3, Some(&page(3, Some("q\"\\\n")).1));
    let escaped = next_call(&mut from_nothing, &Value::Null).unwrap();
    assert_eq!(body_of(&escaped), json!({ "page_cursor": "q\"\\\n" }));
}

#[test]
fn pages_always_end_on_a_repeated_cursor_or_an_empty_page() {
    let params = json!({ "page_cursor": "start" });
    let mut repeated = Pages::new(&&params);
    next_call(&mut repeated, &params).unwrap();
    assert_eq!(repeated.on_page(5, Some(&page(5, Some("a")).1)), Some("a"));
    next_call(&mut repeated, &params).unwrap();
    assert_eq!(
        repeated.on_page(5, Some(&page(5, Some("a")).1)),
        None,
        "a cursor seen before"
    );
    assert!(next_call(&mut repeated, &params).is_none());

    let mut back_to_start = Pages::new(&&params);
    next_call(&mut back_to_start, &params).unwrap();
    assert_eq!(back_to_start.on_page(5, Some(&page(5, Some("start")).1)), None);

    let mut empty = Pages::new(&&Value::Null);
    next_call(&mut empty, &Value::Null).unwrap();
    assert_eq!(empty.on_page(0, Some(&page(0, Some("a")).1)), None, "an empty page");
    assert!(next_call(&mut empty, &Value::Null).is_none());

    let mut stopped = Pages::new(&&Value::Null);
    stopped.stop();
    assert!(
        next_call(&mut stopped, &Value::Null).is_none(),
        "stopped before the first page"
    );
}

// ------------------------------------------------------------------ waiting for action attempts

const ENCODER: &str = "88888888-8888-8888-8888-888888888888";
const ATTEMPT: &str = "aaaaaaaa-0000-4000-8000-000000000001";

fn encode_call(config: &ClientConfig) -> Call {
    let params = json!({ "acs_encoder_id": ENCODER, "acs_credential_id": ID });
    let encode = endpoint("/acs/encoders/encode_credential").unwrap();
    Call::new(encode, &auth(), config, &params, None, TIMEOUT_MS, at(0)).unwrap()
}

fn attempt(status: &str) -> Value {
    let mut attempt = json!({
        "action_attempt_id": ATTEMPT, "action_type": "ENCODE_CREDENTIAL", "status": status,
        "result": null, "error": null
    });
    match status {
        "success" => attempt["result"] = json!({ "acs_credential_id": ID }),
        "error" => {
            attempt["error"] = json!({ "type": "no_credential_on_encoder", "message": "No card on the encoder." })
        }
        _ => {}
    }
    json!({ "action_attempt": attempt })
}

fn poll_url() -> String {
    format!("https://connect.getseam.com/action_attempts/get?action_attempt_id={ATTEMPT}")
}

#[test]
fn an_action_attempt_is_polled_every_second_until_it_succeeds() {
    let mut call = encode_call(&config());
    assert_eq!(
        call.timeout_ms(),
        TIMEOUT_MS + 10_000,
        "the call's timeout plus the wait's"
    );
    assert_eq!(sent(&call).method, "POST");
    call.on_answer(&answer(200, &attempt("pending"), None), at(300), 0.5);
    assert_eq!(
        call.step(),
        Step::Sleep(1_000),
        "@seamapi/http's default polling interval"
    );
    call.on_woken(at(1_300));
    let poll = sent(&call);
    assert_eq!(
        (poll.method, poll.url.as_str(), poll.body),
        ("GET", poll_url().as_str(), None)
    );
    assert_eq!(poll.headers, vec![("authorization", "Bearer seam_key_abc".to_owned())]);
    assert_eq!(call.endpoint().path, "/action_attempts/get");
    call.on_answer(&answer(200, &attempt("pending"), None), at(1_400), 0.5);
    assert_eq!(call.step(), Step::Sleep(1_000));
    call.on_woken(at(2_400));
    call.on_answer(&answer(200, &attempt("success"), None), at(2_500), 0.5);
    let Step::Done(Ok(checked)) = call.step() else {
        panic!("{:?}", call.step())
    };
    assert_eq!(checked.key, Some("action_attempt"));
}

#[test]
fn a_failed_attempt_is_the_error_with_its_code_and_message() {
    let mut call = encode_call(&config());
    call.on_answer(&answer(200, &attempt("pending"), None), at(100), 0.5);
    call.on_woken(at(1_100));
    call.on_answer(&answer(200, &attempt("error"), None), at(1_200), 0.5);
    assert_eq!(
        error_of(&call),
        SeamError::ActionAttemptFailed {
            code: "no_credential_on_encoder".to_owned(),
            message: "No card on the encoder.".to_owned()
        }
    );
    assert_eq!(error_of(&call).class_name(), "SeamActionAttemptFailedError");
    // An attempt that fails at once is not polled.
    let mut call = encode_call(&config());
    call.on_answer(&answer(200, &attempt("error"), None), at(100), 0.5);
    assert!(matches!(error_of(&call), SeamError::ActionAttemptFailed { .. }));
}

#[test]
fn the_wait_gives_up_after_its_timeout_counted_from_the_first_answer() {
    let mut config = config();
    config.wait = seam_acs_core::action_attempt::wait(seam_acs_core::action_attempt::WaitOption::Object {
        timeout_ms: Some(2_500.0),
        polling_interval_ms: Some(1_000.0),
    })
    .unwrap();
    let mut call = encode_call(&config);
    assert_eq!(call.timeout_ms(), TIMEOUT_MS + 2_500);
    call.on_answer(&answer(200, &attempt("pending"), None), at(500), 0.5); // gives up at 3,000
    assert_eq!(call.step(), Step::Sleep(1_000));
    call.on_woken(at(1_500));
    call.on_answer(&answer(200, &attempt("pending"), None), at(1_600), 0.5);
    call.on_woken(at(2_600));
    call.on_answer(&answer(200, &attempt("pending"), None), at(2_700), 0.5);
    assert_eq!(call.step(), Step::Sleep(300), "never past the wait's end");
    call.on_woken(at(3_000));
    call.on_answer(&answer(200, &attempt("pending"), None), at(3_050), 0.5);
    assert_eq!(error_of(&call), SeamError::ActionAttemptTimeout { timeout_ms: 2_500 });
}

#[test]
fn with_waiting_off_the_pending_attempt_is_the_result() {
    let mut config = config();
    config.wait = None;
    let mut call = encode_call(&config);
    assert_eq!(call.timeout_ms(), TIMEOUT_MS);
    call.on_answer(&answer(200, &attempt("pending"), None), at(100), 0.5);
    assert!(matches!(call.step(), Step::Done(Ok(_))));
    // A call's own option wins over the client's.
    let mut call = encode_call(&config);
    call.set_wait(Some(Default::default()), &auth(), &config.base_url);
    call.on_answer(&answer(200, &attempt("pending"), None), at(100), 0.5);
    assert_eq!(call.step(), Step::Sleep(1_000));
    // An endpoint that answers no attempt never waits.
    let mut get = get_call();
    get.set_wait(Some(Default::default()), &auth(), &config.base_url);
    assert_eq!(get.timeout_ms(), TIMEOUT_MS);
}

#[test]
fn polls_are_retried_as_reads_and_stay_inside_the_deadline_and_the_abort() {
    let mut call = encode_call(&config());
    call.on_answer(&answer(200, &attempt("pending"), None), at(100), 0.5);
    call.on_woken(at(1_100));
    // A 503 on a poll is retried (a GET), though the encode itself would not be.
    call.on_answer(&answer(503, &error_body(503), None), at(1_200), 0.0);
    assert!(matches!(call.step(), Step::Sleep(_)));
    call.on_woken(at(1_400));
    assert_eq!(sent(&call).url, poll_url());
    // The overall deadline (call + wait = 20 s) ends a poll that hangs.
    call.on_timeout();
    assert_eq!(error_of(&call), SeamError::Timeout { timeout_ms: 20_000 });
    // An abort during the sleep between polls.
    let mut call = encode_call(&config());
    call.on_answer(&answer(200, &attempt("pending"), None), at(100), 0.5);
    call.on_aborted();
    assert_eq!(error_of(&call), SeamError::Aborted);
}

#[test]
fn the_wait_option_is_checked() {
    use seam_acs_core::action_attempt::{wait, Wait, WaitOption};
    assert_eq!(
        wait(WaitOption::Flag(true)),
        Ok(Some(Wait {
            timeout_ms: 10_000,
            polling_interval_ms: 1_000
        }))
    );
    assert_eq!(wait(WaitOption::Flag(false)), Ok(None));
    assert_eq!(
        wait(WaitOption::Object {
            timeout_ms: Some(500.0),
            polling_interval_ms: None
        }),
        Ok(Some(Wait {
            timeout_ms: 500,
            polling_interval_ms: 1_000
        }))
    );
    let Err(SeamError::Validation { issues }) = wait(WaitOption::Object {
        timeout_ms: Some(-1.0),
        polling_interval_ms: Some(f64::NAN),
    }) else {
        panic!()
    };
    let paths: Vec<&str> = issues.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "waitForActionAttempt.timeoutMs",
            "waitForActionAttempt.pollingIntervalMs"
        ]
    );
    assert!(wait(WaitOption::Invalid).is_err());
}

// ------------------------------------------------------------------ tasks: calls and listings

fn task<'a>(path: &str, params: &'a Value, wanted: Wanted) -> Task<&'a Value> {
    let config = ClientConfig {
        timeout_ms: TIMEOUT_MS,
        ..config()
    };
    Task::new(endpoint(path).unwrap(), &auth(), Ok((params, config)), wanted)
}

fn record(name: &str) -> Value {
    json!({
        "acs_credential_id": ID, "acs_system_id": ID, "access_method": "code",
        "created_at": "2026-01-01T00:00:00.000Z", "display_name": name,
        "errors": [], "warnings": [], "is_multi_phone_sync_credential": false,
        "workspace_id": ID
    })
}

/// A page of credentials named `names`, and the cursor of the next page, if any.
fn listed(names: &[&str], next: Option<&str>) -> Value {
    let items: Vec<Value> = names.iter().map(|name| record(name)).collect();
    json!({
        "acs_credentials": items,
        "pagination": { "has_next_page": next.is_some(), "next_page_cursor": next, "next_page_url": null }
    })
}

fn task_answer(status: u16, body: &Value) -> Answer<'_, &Value> {
    Answer {
        status,
        request_id: Some("req_1"),
        retry_after: None,
        body: Body::Json(body),
    }
}

/// The request the task sends now, and the deadline it arms with it.
fn task_sent(task: &mut Task<&Value>) -> (HttpRequest, Option<u64>) {
    match task.step(at(0)) {
        Next::Send(request, deadline) => (request.clone(), deadline),
        other => panic!("expected a send, got {other:?}"),
    }
}

/// The `page_cursor` a list request asks for.
fn cursor(request: &HttpRequest) -> Option<String> {
    let body: Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
    body.get("page_cursor").and_then(Value::as_str).map(str::to_owned)
}

fn name(item: Option<&Value>) -> Option<&str> {
    item.map(|item| item["display_name"].as_str().unwrap())
}

/// The next item of an `Items` task whose page is in.
fn item<'a>(task: &mut Task<&'a Value>) -> Option<&'a str> {
    assert_eq!(task.step(at(0)), Next::Ready);
    match task.result() {
        Output::Item(item) => name(item),
        other => panic!("expected an item, got {other:?}"),
    }
}

#[test]
fn the_deadline_is_armed_on_a_calls_first_send_only_and_the_result_is_its_value() {
    let params = json!({ "acs_credential_id": ID });
    let mut get = task("/acs/credentials/get", &params, Wanted::Result);
    let (request, deadline) = task_sent(&mut get);
    assert_eq!(
        deadline,
        Some(TIMEOUT_MS),
        "the call's whole timeout, armed as it starts"
    );
    assert_eq!(request.method, "GET");
    assert_eq!(
        task_sent(&mut get),
        (request.clone(), None),
        "asking again arms nothing"
    );
    let busy = error_body(503);
    get.on_answer(task_answer(503, &busy), at(5), 0.0);
    assert_eq!(get.step(at(5)), Next::Sleep(100));
    get.on_ended(false, false, None, at(105), 0.0);
    assert_eq!(
        task_sent(&mut get),
        (request, None),
        "a retry stays inside the same deadline"
    );
    let body = json!({ "acs_credential": record("Front door") });
    get.on_answer(task_answer(200, &body), at(110), 0.0);
    assert_eq!(get.step(at(110)), Next::Ready);
    assert_eq!(get.result(), Output::Value(Some(&body["acs_credential"])));
}

#[test]
fn a_listing_hands_out_its_items_in_order_page_after_page() {
    let params = json!({ "limit": 2 });
    let mut items = task("/acs/credentials/list", &params, Wanted::Items);
    let (first, deadline) = task_sent(&mut items);
    assert_eq!((cursor(&first), deadline), (None, Some(TIMEOUT_MS)));
    let one = listed(&["a", "b"], Some("next"));
    items.on_answer(task_answer(200, &one), at(0), 0.0);
    assert_eq!(item(&mut items), Some("a"));
    assert_eq!(item(&mut items), Some("b"));
    let (second, deadline) = task_sent(&mut items);
    assert_eq!(
        (cursor(&second).as_deref(), deadline),
        (Some("next"), Some(TIMEOUT_MS)),
        "each page is a call of its own, with its own deadline"
    );
    let two = listed(&["c"], None);
    items.on_answer(task_answer(200, &two), at(0), 0.0);
    assert_eq!(item(&mut items), Some("c"));
    assert_eq!(item(&mut items), None, "the last page had no next");
    assert_eq!(item(&mut items), None, "and the end stays the end");
}

#[test]
fn every_page_is_gathered_and_a_page_says_where_the_next_is() {
    let params = json!({});
    let (one, two) = (listed(&["a", "b"], Some("next")), listed(&["c"], None));
    let mut all = task("/acs/credentials/list", &params, Wanted::AllPages);
    task_sent(&mut all);
    all.on_answer(task_answer(200, &one), at(0), 0.0);
    assert_eq!(cursor(&task_sent(&mut all).0).as_deref(), Some("next"));
    all.on_answer(task_answer(200, &two), at(0), 0.0);
    assert_eq!(all.step(at(0)), Next::Ready);
    let Output::All(items) = all.result() else {
        panic!("not every page")
    };
    let names: Vec<_> = items.into_iter().map(|item| name(Some(item))).collect();
    assert_eq!(names, [Some("a"), Some("b"), Some("c")]);

    let mut first = task("/acs/credentials/list", &params, Wanted::Page);
    task_sent(&mut first);
    first.on_answer(task_answer(200, &one), at(0), 0.0);
    assert_eq!(first.step(at(0)), Next::Ready);
    let expected = Output::Page(Some(&one["acs_credentials"]), Some("next".to_owned()));
    assert_eq!(first.result(), expected);
    let mut last = task("/acs/credentials/list", &params, Wanted::Page);
    task_sent(&mut last);
    last.on_answer(task_answer(200, &two), at(0), 0.0);
    last.step(at(0));
    assert_eq!(last.result(), Output::Page(Some(&two["acs_credentials"]), None));
}

#[test]
fn stop_ends_a_listing_mid_way_and_drops_a_page_in_flight() {
    let params = json!({});
    let one = listed(&["a", "b"], Some("next"));
    let mut items = task("/acs/credentials/list", &params, Wanted::Items);
    task_sent(&mut items);
    items.on_answer(task_answer(200, &one), at(0), 0.0);
    assert_eq!(item(&mut items), Some("a"));
    items.stop();
    assert_eq!(item(&mut items), None, "neither the rest of the page nor the next");

    let mut in_flight = task("/acs/credentials/list", &params, Wanted::Items);
    task_sent(&mut in_flight);
    in_flight.stop();
    in_flight.on_answer(task_answer(200, &one), at(0), 0.0);
    assert_eq!(item(&mut in_flight), None, "a late page is dropped");
}

#[test]
fn a_failure_ends_a_listing_with_the_body_it_came_in() {
    let params = json!({});
    let one = listed(&["a"], Some("next"));
    let mut items = task("/acs/credentials/list", &params, Wanted::Items);
    task_sent(&mut items);
    items.on_answer(task_answer(200, &one), at(0), 0.0);
    assert_eq!(item(&mut items), Some("a"));
    task_sent(&mut items);
    let refused = json!({ "error": { "type": "invalid_input", "message": "bad cursor" } });
    items.on_answer(task_answer(400, &refused), at(0), 0.0);
    assert_eq!(items.step(at(0)), Next::Ready);
    let Output::Failed(SeamError::Api(error), body) = items.result() else {
        panic!("not the server's error")
    };
    assert_eq!((error.code.as_str(), body), ("invalid_input", Some(&refused)));
    assert_eq!(item(&mut items), None, "nothing is fetched after a failure");
}

#[test]
fn refused_parameters_or_options_are_the_result_and_nothing_is_sent() {
    let refused = SeamError::Aborted;
    let get = endpoint("/acs/credentials/get").unwrap();
    let mut task_of_refused = Task::<&Value>::new(get, &auth(), Err(refused.clone()), Wanted::Items);
    assert_eq!(task_of_refused.step(at(0)), Next::Ready);
    assert_eq!(task_of_refused.result(), Output::Failed(refused, None));
    assert_eq!(item(&mut task_of_refused), None);

    let params = json!({ "acs_credential_id": 5 });
    let mut invalid = task("/acs/credentials/get", &params, Wanted::Result);
    assert_eq!(invalid.step(at(0)), Next::Ready);
    let Output::Failed(SeamError::Validation { issues }, None) = invalid.result() else {
        panic!("not a validation error")
    };
    assert_eq!(issues[0].path, "acs_credential_id");
}

#[test]
fn a_bulk_attempt_is_not_retried() {
    let params = json!({ "acs_credential_id": ID });
    let mut once = task("/acs/credentials/get", &params, Wanted::Result).once();
    task_sent(&mut once);
    let busy = error_body(503);
    once.on_answer(task_answer(503, &busy), at(5), 0.0);
    assert_eq!(once.step(at(5)), Next::Ready);
    assert!(matches!(once.result(), Output::Failed(SeamError::Api(api), _) if api.status == 503));
}

#[test]
fn what_a_lenient_reading_accepted_is_reported_before_the_result() {
    let params = json!({ "acs_credential_id": ID });
    let mut get = task("/acs/credentials/get", &params, Wanted::Result);
    task_sent(&mut get);
    let mut odd = record("Front door");
    odd["is_multi_phone_sync_credential"] = json!("yes");
    let body = json!({ "acs_credential": odd });
    get.on_answer(task_answer(200, &body), at(0), 0.0);
    let Next::Report(Report {
        endpoint,
        request_id,
        issues,
    }) = get.step(at(0))
    else {
        panic!("no report")
    };
    assert_eq!(
        (endpoint, request_id.as_deref()),
        ("/acs/credentials/get", Some("req_1"))
    );
    assert_eq!(issues[0].path, "acs_credential.is_multi_phone_sync_credential");
    assert_eq!(get.step(at(0)), Next::Ready, "reported once");
    assert_eq!(get.result(), Output::Value(Some(&body["acs_credential"])));
}

#[test]
fn an_abort_wins_over_the_deadline_and_the_deadline_over_a_network_error() {
    let params = json!({ "acs_credential_id": ID });
    let mut both = task("/acs/credentials/get", &params, Wanted::Result);
    task_sent(&mut both);
    both.on_ended(true, true, Some("reset".to_owned()), at(0), 0.0);
    both.step(at(0));
    assert_eq!(both.result(), Output::Failed(SeamError::Aborted, None));
    let mut late = task("/acs/credentials/get", &params, Wanted::Result);
    task_sent(&mut late);
    late.on_ended(false, true, Some("reset".to_owned()), at(0), 0.0);
    late.step(at(0));
    let timeout = SeamError::Timeout { timeout_ms: TIMEOUT_MS };
    assert_eq!(late.result(), Output::Failed(timeout, None));
    let mut reset = task("/acs/credentials/get", &params, Wanted::Result);
    task_sent(&mut reset);
    reset.on_ended(false, false, Some("reset".to_owned()), at(0), 0.0);
    assert_eq!(reset.step(at(0)), Next::Sleep(100), "a network error is retried");
}
