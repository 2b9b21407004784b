//! Answers become the typed result or the right typed error, never a panic.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking"
)]

use seam_acs_core::datetime::{parse_date_time, Timestamp};
use seam_acs_core::error::FieldError;
use seam_acs_core::response::{parse, Item, Items, Output, RawResponse};
use seam_acs_core::{endpoint, ApiErrorKind, SeamError};
use serde_json::json;

fn now() -> Timestamp {
    parse_date_time("2026-11-23T12:00:00Z").expect("date")
}

fn answer(path: &str, status: u16, body: &str) -> Result<Output, SeamError> {
    let raw = RawResponse {
        status,
        request_id: Some("req_123"),
        retry_after: None,
        body,
    };
    parse(endpoint(path).expect("endpoint"), &raw, now())
}

fn credential_json(id: &str) -> serde_json::Value {
    json!({ "acs_credential_id": id, "access_method": "code", "code": "1234", "errors": [], "warnings": [] })
}

#[test]
fn a_list_answer_has_items_and_pagination() {
    let body = json!({
        "acs_credentials": [credential_json("a"), credential_json("b")],
        "pagination": { "has_next_page": true, "next_page_cursor": "cur_2", "next_page_url": "https://x/next" },
        "ok": true
    });
    let output = answer("/acs/credentials/list", 200, &body.to_string()).expect("parses");
    let Output::Many {
        items: Items::Credentials(items),
        pagination: Some(pagination),
    } = output
    else {
        panic!("{output:?}")
    };
    assert_eq!(
        items.iter().map(|c| c.acs_credential_id.as_str()).collect::<Vec<_>>(),
        vec!["a", "b"]
    );
    assert_eq!(pagination.has_next_page, Some(true));
    assert_eq!(
        pagination.next_page_cursor.as_option().map(String::as_str),
        Some("cur_2")
    );
}

#[test]
fn update_assign_and_delete_return_what_the_server_sends() {
    let with = json!({ "acs_credential": credential_json("a"), "ok": true }).to_string();
    let Ok(Output::Maybe(Some(Item::Credential(c)))) = answer("/acs/credentials/update", 200, &with) else {
        panic!()
    };
    assert_eq!(c.acs_credential_id, "a");
    assert_eq!(
        answer("/acs/credentials/assign", 200, r#"{"ok":true}"#),
        Ok(Output::Maybe(None))
    );
    assert_eq!(
        answer("/acs/credentials/delete", 200, r#"{"ok":true}"#),
        Ok(Output::Nothing)
    );
}

#[test]
fn seam_error_bodies_map_to_api_errors() {
    let not_found = json!({ "error": { "type": "acs_credential_not_found", "message": "Credential not found", "data": { "id": "x" } }, "ok": false });
    let Err(SeamError::Api(api)) = answer("/acs/credentials/get", 404, &not_found.to_string()) else {
        panic!()
    };
    assert_eq!(api.kind, ApiErrorKind::Other);
    assert_eq!(api.code, "acs_credential_not_found");
    assert_eq!(api.message, "Credential not found");
    assert_eq!(api.status, 404);
    assert_eq!(api.request_id.as_deref(), Some("req_123"));
    assert_eq!(
        api.data
            .as_deref()
            .map(serde_json::from_str::<serde_json::Value>)
            .transpose()
            .expect("JSON"),
        Some(json!({ "id": "x" }))
    );

    let invalid = json!({ "error": {
        "type": "invalid_input", "message": "Invalid input", "request_id": "body_req",
        "validation_errors": { "_errors": [], "code": { "_errors": ["Invalid", "Too short"] }, "visionline_metadata": { "_errors": [], "card_format": { "_errors": ["Bad enum"] } } }
    }});
    let error = answer("/acs/credentials/create", 400, &invalid.to_string()).expect_err("error");
    assert_eq!(error.class_name(), "SeamInvalidInputError");
    let SeamError::Api(api) = error else { panic!() };
    assert_eq!(api.kind, ApiErrorKind::InvalidInput);
    assert_eq!(
        api.field_errors,
        vec![
            FieldError {
                path: "code".into(),
                messages: vec!["Invalid".into(), "Too short".into()]
            },
            FieldError {
                path: "visionline_metadata.card_format".into(),
                messages: vec!["Bad enum".into()]
            },
        ]
    );
    // The header wins over the body's request id.
    assert_eq!(api.request_id.as_deref(), Some("req_123"));
}

#[test]
fn unauthorized_is_its_own_class_whatever_the_body() {
    for body in [
        r#"{"error":{"type":"unauthorized","message":"Unauthorized"}}"#,
        "<html>401</html>",
        "",
    ] {
        let error = answer("/acs/credentials/list", 401, body).expect_err("401");
        assert_eq!(error.class_name(), "SeamUnauthorizedError", "{body}");
        let SeamError::Api(api) = error else { panic!() };
        assert_eq!(api.status, 401);
    }
}

#[test]
fn bodies_that_are_not_json_or_not_the_shape_are_parse_errors_naming_the_field() {
    let cases: [(u16, &str, &str, &str); 8] = [
        (502, "<html><body>Bad Gateway</body></html>", "", "the body is not JSON"),
        (
            200,
            r#"{"acs_credential": {"acs_credential_id": "a""#,
            "",
            "the body is not JSON",
        ),
        (200, "", "", "the body is empty"),
        (200, "[1,2]", "", "the body is not a JSON object"),
        (
            200,
            r#"{"ok": true}"#,
            "acs_credential",
            "expected an object, got nothing",
        ),
        (
            200,
            r#"{"acs_credential": 7}"#,
            "acs_credential",
            "expected an object, got a number",
        ),
        (
            200,
            r#"{"acs_credential": {"code": "1"}}"#,
            "acs_credential.acs_credential_id",
            "expected a string, got nothing",
        ),
        (
            500,
            r#"{"message": "boom"}"#,
            "error",
            "an error status without an error in Seam's format",
        ),
    ];
    for (status, body, path, message) in cases {
        let error = answer("/acs/credentials/get", status, body).expect_err(body);
        let SeamError::Parse {
            status: got,
            path: got_path,
            message: got_message,
        } = &error
        else {
            panic!("{error:?}")
        };
        assert_eq!((*got, got_path.as_str()), (Some(status), path), "{body}");
        assert!(got_message.starts_with(message), "{body}: {got_message}");
    }
    let list = r#"{"acs_credentials": [{"acs_credential_id": "a"}, {"acs_credential_id": "b", "warnings": [{"message": "m"}]}], "pagination": {"has_next_page": false}}"#;
    let error = answer("/acs/credentials/list", 200, list).expect_err("shape");
    let SeamError::Parse { path, .. } = error else { panic!() };
    assert_eq!(path, "acs_credentials[1].warnings[0].warning_code");
}

#[test]
fn retry_after_is_read_from_seconds_or_a_date() {
    let raw = |value| RawResponse {
        status: 429,
        request_id: None,
        retry_after: Some(value),
        body: "",
    };
    assert_eq!(raw("2").retry_after_ms(now()), Some(2000));
    assert_eq!(raw("Mon, 23 Nov 2026 12:00:05 GMT").retry_after_ms(now()), Some(5000));
    assert_eq!(raw("Mon, 23 Nov 2026 11:00:00 GMT").retry_after_ms(now()), Some(0));
    assert_eq!(raw("soon").retry_after_ms(now()), None);
}

/// One odd record in a page of 100: lenient reading keeps the page and names the record,
/// strict reading refuses the page naming the same place.
#[test]
fn one_odd_record_of_a_hundred_is_an_issue_not_a_lost_page() {
    use seam_acs_core::response::check;
    use seam_acs_core::{AnswerIssue, AnswerMode};
    let mut records: Vec<serde_json::Value> = (0..100).map(|i| credential_json(&format!("c{i}"))).collect();
    records[57]["is_managed"] = json!("yes");
    records[12]["acs_user_id"] = serde_json::Value::Null;
    let body = json!({ "acs_credentials": records, "pagination": { "has_next_page": false } }).to_string();
    let raw = RawResponse {
        status: 200,
        request_id: Some("req_123"),
        retry_after: None,
        body: &body,
    };
    let list = endpoint("/acs/credentials/list").expect("endpoint");
    let lenient = check(list, &raw, now(), AnswerMode::Lenient).expect("lenient keeps the page");
    assert_eq!(
        lenient.issues,
        vec![AnswerIssue {
            path: "acs_credentials[57].is_managed".to_owned(),
            expected: "a boolean",
            got: "a string",
        }]
    );
    assert_eq!((lenient.key, lenient.paginated), (Some("acs_credentials"), true));
    let strict = check(list, &raw, now(), AnswerMode::Strict).expect_err("strict refuses");
    assert_eq!(
        strict.to_string(),
        "could not read the HTTP 200 answer at acs_credentials[57].is_managed: expected a boolean, got a string"
    );
}

/// A device as Seam sends it (the contract's `device`, trimmed): `device_type` is a string, one
/// of a `oneOf` of string enums, and reads as one.
fn device_json(id: &str) -> serde_json::Value {
    json!({
        "device_id": id, "device_type": "august_lock", "display_name": "Front door",
        "capabilities_supported": ["access_code", "lock"], "connected_account_id": "ca_1",
        "workspace_id": "ws_1", "created_at": "2026-11-23T12:00:00.000Z", "is_managed": true,
        "custom_metadata": { "unit": "4B" }, "space_ids": [], "errors": [], "warnings": [],
        "properties": { "online": true, "name": "Front door", "locked": false,
            "appearance": { "name": "Front door" },
            "model": { "display_name": "Wi-Fi Smart Lock", "manufacturer_display_name": "August" },
            "battery": { "level": 0.8, "status": "good" } }
    })
}

#[test]
fn a_device_type_is_a_string() {
    let body = json!({ "devices": [device_json("d1")], "accessible_devices": [device_json("d1")], "ok": true });
    let output = answer("/user_identities/list_accessible_devices", 200, &body.to_string()).expect("parses strictly");
    let Output::Many {
        items: Items::Json(devices),
        ..
    } = output
    else {
        panic!("{output:?}")
    };
    let device: seam_acs_core::models::Device =
        seam_acs_core::response::parse_json(&seam_acs_core::models::DEVICE_SHAPE, &devices[0].to_string())
            .expect("the typed model");
    assert_eq!(device.device_type, Some(seam_acs_core::models::DeviceType::AugustLock));
}

/// `device` is checked one level deep (the overlay's `shallow`): its id is essential and its
/// top-level properties must be of their kinds, but nothing inside its objects is read. Its full
/// shape, for Rust callers, still reads everything.
#[test]
fn a_device_is_checked_one_level_deep() {
    use seam_acs_core::response::{check, parse_json};
    use seam_acs_core::AnswerMode;
    let devices = endpoint("/user_identities/list_accessible_devices").expect("endpoint");
    let checked = |device: serde_json::Value, mode| {
        let body = json!({ "devices": [device], "ok": true }).to_string();
        let raw = RawResponse {
            status: 200,
            request_id: None,
            retry_after: None,
            body: &body,
        };
        check(devices, &raw, now(), mode).map(|checked| checked.issues.len())
    };
    let mut deep = device_json("d1");
    deep["properties"]["online"] = json!("yes");
    deep["errors"] = json!([{ "error_code": 7 }]);
    assert_eq!(checked(deep.clone(), AnswerMode::Strict), Ok(0));
    let full = parse_json::<seam_acs_core::models::Device>(&seam_acs_core::models::DEVICE_SHAPE, &deep.to_string())
        .expect_err("the full shape reads inside");
    assert!(full.to_string().contains("errors[0].error_code"), "{full}");

    let mut top = device_json("d1");
    top["is_managed"] = json!("yes");
    top["properties"] = json!([]);
    assert_eq!(checked(top.clone(), AnswerMode::Lenient), Ok(2));
    let strict = checked(top, AnswerMode::Strict).expect_err("strict refuses");
    assert!(
        strict
            .to_string()
            .contains("devices[0].is_managed: expected a boolean, got a string"),
        "{strict}"
    );

    let mut id = device_json("d1");
    id["device_id"] = json!(1);
    let refused = checked(id, AnswerMode::Lenient).expect_err("the id is essential");
    assert!(
        refused
            .to_string()
            .contains("devices[0].device_id: expected a string, got a number"),
        "{refused}"
    );
}
