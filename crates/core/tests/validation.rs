//! Each validation rule, with a request that passes and one that fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking"
)]

use seam_acs_core::datetime::{parse_date_time, Timestamp};
use seam_acs_core::validate::validate;
use seam_acs_core::{endpoint, IssueCode, ValidationIssue};
use serde_json::{json, Value};

const USER: &str = "33333333-3333-3333-3333-333333333333";
const IDENTITY: &str = "4b6ec19d-ba68-46ca-80fd-55247684c2bb";
const SYSTEM: &str = "7113de29-6130-4153-a6ea-1b7ca0fe3198";
const CREDENTIAL: &str = "66666666-6666-6666-6666-666666666666";

fn now() -> Timestamp {
    parse_date_time("2026-11-23T12:00:00Z").expect("date")
}

fn check(path: &str, params: Value) -> Vec<ValidationIssue> {
    validate(endpoint(path).expect("known endpoint"), &params, now())
}

/// The (path, code) pairs of the issues, for compact assertions.
fn found(path: &str, params: Value) -> Vec<(String, IssueCode)> {
    check(path, params).into_iter().map(|i| (i.path, i.code)).collect()
}

fn pair(path: &str, code: IssueCode) -> (String, IssueCode) {
    (path.to_owned(), code)
}

const CREATE: &str = "/acs/credentials/create";

#[test]
fn the_documented_create_requests_are_valid() {
    // From the create reference (its dates are in 2025: validated with a clock before them).
    let reference = json!({
        "credential_manager_acs_system_id": "bccb0d23-5107-498b-87a6-6a8aa929eeb2",
        "user_identity_id": IDENTITY,
        "acs_system_id": SYSTEM,
        "access_method": "code",
        "code": "1234",
        "allowed_acs_entrance_ids": ["21805570-4706-4c21-99fc-3ed873a5e014"],
        "starts_at": "2025-06-19T21:08:08.000Z",
        "ends_at": "2025-06-23T12:35:01.000Z",
    });
    let before = parse_date_time("2025-06-01T00:00:00Z").expect("date");
    assert_eq!(
        validate(endpoint(CREATE).expect("endpoint"), &reference, before),
        vec![]
    );
    // From the guide: a PIN code, a card, a mobile key.
    assert_eq!(
        found(
            CREATE,
            json!({ "acs_user_id": USER, "access_method": "code", "code": "824759" })
        ),
        vec![]
    );
    assert_eq!(
        found(
            CREATE,
            json!({ "acs_user_id": USER, "access_method": "card", "code": "123456" })
        ),
        vec![]
    );
    let mobile = json!({
        "acs_user_id": USER,
        "allowed_acs_entrance_ids": ["55555555-5555-5555-5555-555555555555", "55555555-5555-5555-5555-000000000000"],
        "credential_manager_acs_system_id": "88888888-8888-8888-8888-888888888888",
        "access_method": "mobile_key",
        "is_multi_phone_sync_credential": true,
        "starts_at": "2027-03-01T10:40:00Z",
        "ends_at": "2027-03-04T10:40:00Z",
    });
    assert_eq!(found(CREATE, mobile), vec![]);
}

#[test]
fn code_must_be_digits() {
    for ok in ["0", "1234", "00000000"] {
        assert_eq!(
            found(
                CREATE,
                json!({ "acs_user_id": USER, "access_method": "code", "code": ok })
            ),
            vec![],
            "{ok}"
        );
    }
    for bad in ["", "12a4", "12 34", "١٢٣", "-1", "1.5"] {
        assert_eq!(
            found(
                CREATE,
                json!({ "acs_user_id": USER, "access_method": "code", "code": bad })
            ),
            vec![pair("code", IssueCode::Pattern)],
            "{bad:?}"
        );
    }
    assert_eq!(
        found(
            CREATE,
            json!({ "acs_user_id": USER, "access_method": "code", "code": 1234 })
        ),
        vec![pair("code", IssueCode::Type)]
    );
    let update = "/acs/credentials/update";
    assert_eq!(
        found(update, json!({ "acs_credential_id": CREDENTIAL, "code": "9876" })),
        vec![]
    );
    assert_eq!(
        found(update, json!({ "acs_credential_id": CREDENTIAL, "code": "98x6" })),
        vec![pair("code", IssueCode::Pattern)]
    );
}

#[test]
fn dates_are_rfc3339_with_ends_at_after_starts_at_and_in_the_future() {
    let base = || json!({ "acs_user_id": USER, "access_method": "code" });
    let with = |starts: &str, ends: &str| {
        let mut p = base();
        p["starts_at"] = json!(starts);
        p["ends_at"] = json!(ends);
        found(CREATE, p)
    };
    assert_eq!(with("2026-12-01T00:00:00Z", "2026-12-02T00:00:00+02:00"), vec![]);
    assert_eq!(
        with("2026-12-02T00:00:00Z", "2026-12-01T00:00:00Z"),
        vec![pair("ends_at", IssueCode::Order)]
    );
    assert_eq!(
        with("2026-12-01T00:00:00Z", "2026-12-01T00:00:00Z"),
        vec![pair("ends_at", IssueCode::Order)]
    );
    assert_eq!(
        with("2020-01-01T00:00:00Z", "2026-11-23T11:59:59Z"),
        vec![pair("ends_at", IssueCode::Past)]
    );
    assert_eq!(
        with("2026-12-01", "tomorrow"),
        vec![pair("starts_at", IssueCode::Format), pair("ends_at", IssueCode::Format)]
    );
    assert_eq!(
        with("2026-12-01T00:00:00", "2026-12-02T00:00:00Z"),
        vec![pair("starts_at", IssueCode::Format)],
        "no zone"
    );
    assert_eq!(
        with("2026-12-01T00:00:00.123456Z", "2026-12-02T00:00:00-05:30"),
        vec![],
        "fraction, offset"
    );
    // Forms chrono would take but servers (zod's datetime) refuse.
    for refused in [
        "2026-12-01 00:00:00Z",
        "2026-12-01t00:00:00Z",
        "2026-12-01T00:00:00z",
        "2026-12-01T23:59:60Z",
        "2026-12-01T00:00:00.Z",
        "2026-12-01T00:00:00+0100",
        "2026-02-30T00:00:00Z",
    ] {
        assert_eq!(
            with(refused, "2027-01-01T00:00:00Z"),
            vec![pair("starts_at", IssueCode::Format)],
            "{refused}"
        );
    }
    let update = "/acs/credentials/update";
    assert_eq!(
        found(
            update,
            json!({ "acs_credential_id": CREDENTIAL, "ends_at": "2027-01-01T00:00:00Z" })
        ),
        vec![]
    );
    assert_eq!(
        found(
            update,
            json!({ "acs_credential_id": CREDENTIAL, "ends_at": "2026-01-01T00:00:00Z" })
        ),
        vec![pair("ends_at", IssueCode::Past)]
    );
    assert_eq!(
        found(update, json!({ "acs_credential_id": CREDENTIAL })),
        vec![pair("", IssueCode::MissingOneOf)]
    );
}

#[test]
fn create_needs_a_user_or_an_identity_with_a_system() {
    let create = |extra: Value| {
        let mut p = json!({ "access_method": "card" });
        for (k, v) in extra.as_object().expect("object") {
            p[k] = v.clone();
        }
        found(CREATE, p)
    };
    assert_eq!(create(json!({ "acs_user_id": USER })), vec![]);
    assert_eq!(create(json!({ "acs_user_id": USER, "acs_system_id": SYSTEM })), vec![]);
    assert_eq!(
        create(json!({ "user_identity_id": IDENTITY, "acs_system_id": SYSTEM })),
        vec![]
    );
    assert_eq!(create(json!({})), vec![pair("acs_user_id", IssueCode::MissingOneOf)]);
    assert_eq!(
        create(json!({ "acs_user_id": USER, "user_identity_id": IDENTITY, "acs_system_id": SYSTEM })),
        vec![pair("user_identity_id", IssueCode::Conflict)]
    );
    assert_eq!(
        create(json!({ "user_identity_id": IDENTITY })),
        vec![pair("acs_system_id", IssueCode::Requires)]
    );
    let messages: Vec<String> = check(CREATE, json!({ "access_method": "card" }))
        .into_iter()
        .map(|i| i.message)
        .collect();
    assert_eq!(messages, vec!["give one of acs_user_id or user_identity_id"]);
}

#[test]
fn assign_and_unassign_take_exactly_one_user() {
    for path in ["/acs/credentials/assign", "/acs/credentials/unassign"] {
        assert_eq!(
            found(path, json!({ "acs_credential_id": CREDENTIAL, "acs_user_id": USER })),
            vec![]
        );
        assert_eq!(
            found(
                path,
                json!({ "acs_credential_id": CREDENTIAL, "user_identity_id": IDENTITY })
            ),
            vec![]
        );
        assert_eq!(
            found(
                path,
                json!({ "acs_credential_id": CREDENTIAL, "acs_user_id": USER, "user_identity_id": IDENTITY })
            ),
            vec![pair("user_identity_id", IssueCode::Conflict)]
        );
        assert_eq!(
            found(path, json!({ "acs_user_id": USER })),
            vec![pair("acs_credential_id", IssueCode::Required)]
        );
    }
    for path in ["/acs/credentials/assign", "/acs/credentials/unassign"] {
        assert_eq!(
            found(path, json!({ "acs_credential_id": CREDENTIAL })),
            vec![pair("acs_user_id", IssueCode::MissingOneOf)]
        );
    }
}

#[test]
fn list_allows_only_the_contracts_filter_combinations() {
    let list = "/acs/credentials/list";
    assert_eq!(found(list, Value::Null), vec![]);
    assert_eq!(found(list, json!({})), vec![]);
    assert_eq!(found(list, json!({ "acs_user_id": USER })), vec![]);
    assert_eq!(found(list, json!({ "acs_system_id": SYSTEM })), vec![]);
    assert_eq!(
        found(list, json!({ "acs_user_id": USER, "acs_system_id": SYSTEM })),
        vec![]
    );
    assert_eq!(
        found(
            list,
            json!({ "user_identity_id": IDENTITY, "limit": 50, "search": "front" })
        ),
        vec![]
    );
    assert_eq!(
        found(
            list,
            json!({ "created_before": "2026-01-01T00:00:00Z", "page_cursor": null })
        ),
        vec![]
    );
    assert_eq!(
        found(list, json!({ "user_identity_id": IDENTITY, "acs_user_id": USER })),
        vec![pair("user_identity_id", IssueCode::Combination)]
    );
    assert_eq!(
        found(list, json!({ "user_identity_id": IDENTITY, "acs_system_id": SYSTEM })),
        vec![pair("user_identity_id", IssueCode::Combination)]
    );
    assert_eq!(
        found(list, json!({ "search": "" })),
        vec![pair("search", IssueCode::MinLength)]
    );
    // Free text is capped: 10,000 characters pass, one more does not.
    let longest = "é".repeat(seam_acs_core::validate::spec::MAX_TEXT_LENGTH);
    assert_eq!(found(list, json!({ "search": longest })), vec![]);
    assert_eq!(
        found(list, json!({ "search": format!("{longest}x") })),
        vec![pair("search", IssueCode::MaxLength)]
    );
    assert_eq!(
        found(list, json!({ "limit": 0 })),
        vec![pair("limit", IssueCode::Minimum)]
    );
    assert_eq!(
        found(list, json!({ "limit": 2.5 })),
        vec![pair("limit", IssueCode::Minimum)]
    );
    assert_eq!(
        found(list, json!({ "limit": "10" })),
        vec![pair("limit", IssueCode::Type)]
    );
    assert_eq!(
        found(list, json!({ "created_before": "last week" })),
        vec![pair("created_before", IssueCode::Format)]
    );
}

#[test]
fn ids_must_be_hyphenated_uuids() {
    let get = "/acs/credentials/get";
    assert_eq!(found(get, json!({ "acs_credential_id": CREDENTIAL })), vec![]);
    assert_eq!(
        found(
            get,
            json!({ "acs_credential_id": "3C90C3CC-0D44-4B50-8888-8DD25736052A" })
        ),
        vec![]
    );
    for bad in [
        "",
        "123",
        "66666666666666666666666666666666",
        "{66666666-6666-6666-6666-666666666666}",
        "66666666-6666-6666-6666-66666666666g",
        "urn:uuid:66666666-6666-6666-6666-666666666666",
    ] {
        assert_eq!(
            found(get, json!({ "acs_credential_id": bad })),
            vec![pair("acs_credential_id", IssueCode::Format)],
            "{bad}"
        );
    }
    assert_eq!(
        found(get, json!({})),
        vec![pair("acs_credential_id", IssueCode::Required)]
    );
    assert_eq!(
        found(get, json!({ "acs_credential_id": null })),
        vec![pair("acs_credential_id", IssueCode::Type)]
    );
    assert_eq!(
        found(
            CREATE,
            json!({ "acs_user_id": USER, "access_method": "code", "allowed_acs_entrance_ids": [CREDENTIAL, "x", 3] })
        ),
        vec![
            pair("allowed_acs_entrance_ids[1]", IssueCode::Format),
            pair("allowed_acs_entrance_ids[2]", IssueCode::Type)
        ]
    );
}

#[test]
fn enums_are_checked_including_nested_ones() {
    assert_eq!(
        found(CREATE, json!({ "acs_user_id": USER, "access_method": "cloud_key" })),
        vec![]
    );
    assert_eq!(
        found(CREATE, json!({ "acs_user_id": USER, "access_method": "key" })),
        vec![pair("access_method", IssueCode::Enum)]
    );
    let visionline = |meta: Value| {
        found(
            CREATE,
            json!({ "acs_user_id": USER, "access_method": "card", "visionline_metadata": meta }),
        )
    };
    assert_eq!(
        visionline(json!({ "card_format": "rfid48", "card_function_type": "staff", "override": true })),
        vec![]
    );
    assert_eq!(
        visionline(json!({ "card_format": "rfid49", "card_function_type": "cleaner" })),
        vec![
            pair("visionline_metadata.card_format", IssueCode::Enum),
            pair("visionline_metadata.card_function_type", IssueCode::Enum)
        ]
    );
    assert_eq!(
        visionline(json!("guest")),
        vec![pair("visionline_metadata", IssueCode::Type)]
    );
    let lcwa = "/acs/entrances/list_credentials_with_access";
    let entrance = "21805570-4706-4c21-99fc-3ed873a5e014";
    assert_eq!(
        found(
            lcwa,
            json!({ "acs_entrance_id": entrance, "include_if": ["visionline_metadata.is_valid"] })
        ),
        vec![]
    );
    assert_eq!(
        found(lcwa, json!({ "acs_entrance_id": entrance, "include_if": ["is_valid"] })),
        vec![pair("include_if[0]", IssueCode::Enum)]
    );
}

#[test]
fn unknown_parameters_and_non_objects_are_refused() {
    assert_eq!(
        found(
            "/acs/credentials/get",
            json!({ "acs_credential_id": CREDENTIAL, "acs_credentials_id": CREDENTIAL })
        ),
        vec![pair("acs_credentials_id", IssueCode::UnknownField)]
    );
    assert_eq!(
        found(
            CREATE,
            json!({ "acs_user_id": USER, "access_method": "card", "visionline_metadata": { "colour": "red" } })
        ),
        vec![pair("visionline_metadata.colour", IssueCode::UnknownField)]
    );
    assert_eq!(
        found("/acs/credentials/get", json!([CREDENTIAL])),
        vec![pair("", IssueCode::Type)]
    );
    assert_eq!(
        found("/acs/credentials/get", json!("x")),
        vec![pair("", IssueCode::Type)]
    );
    // No parameters at all are `{}`: what is required is still missing.
    assert_eq!(
        found("/acs/credentials/get", Value::Null),
        vec![pair("acs_credential_id", IssueCode::Required)]
    );
    assert_eq!(found("/acs/credentials/list", Value::Null), vec![]);
}

#[test]
fn every_problem_is_reported_at_once_and_no_value_is_echoed() {
    let issues = check(
        CREATE,
        json!({ "access_method": "laser", "acs_user_id": "seam_apikey_oops", "code": "12ab", "ends_at": "soon" }),
    );
    let paths: Vec<&str> = issues.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(paths, vec!["access_method", "acs_user_id", "code", "ends_at"]);
    for issue in &issues {
        assert!(
            !issue.message.contains("seam_apikey_oops") && !issue.message.contains("laser"),
            "{issue}"
        );
    }
    assert_eq!(issues[2].message, "code must contain only digits (0-9)");
}

#[test]
fn emails_need_a_name_an_at_and_a_domain() {
    let create = "/user_identities/create";
    for good in ["jane@example.com", "j.doe+desk@mail.example.co.uk"] {
        assert_eq!(found(create, json!({ "email_address": good })), [], "{good}");
    }
    for bad in [
        "Jane Doe",
        "jane@",
        "@example.com",
        "jane@example",
        "jane doe@example.com",
        "a@b@c.com",
        "jane@example..com",
    ] {
        assert_eq!(
            found(create, json!({ "email_address": bad })),
            [pair("email_address", IssueCode::Format)],
            "{bad}"
        );
    }
    assert_eq!(
        found(create, json!({ "email_address": 7 })),
        [pair("email_address", IssueCode::Type)]
    );
}

/// The rules the descriptions of the user, access-group and encoder endpoints state.
#[test]
fn the_new_endpoints_cross_field_rules() {
    const GROUP: &str = "55555555-5555-5555-5555-555555555555";
    const ENCODER: &str = "88888888-8888-8888-8888-888888888888";
    // "You can only provide one of acs_user_id or user_identity_id."
    let add = "/acs/access_groups/add_user";
    assert_eq!(
        found(add, json!({ "acs_access_group_id": GROUP, "acs_user_id": USER })),
        []
    );
    assert_eq!(
        found(
            add,
            json!({ "acs_access_group_id": GROUP, "acs_user_id": USER, "user_identity_id": IDENTITY })
        ),
        [pair("user_identity_id", IssueCode::Conflict)]
    );
    assert_eq!(
        found(add, json!({ "acs_access_group_id": GROUP })),
        [pair("acs_user_id", IssueCode::MissingOneOf)]
    );
    // "You can only provide acs_user_id or the combination of acs_system_id and user_identity_id."
    let suspend = "/acs/users/suspend";
    assert_eq!(found(suspend, json!({ "acs_user_id": USER })), []);
    assert_eq!(
        found(
            suspend,
            json!({ "user_identity_id": IDENTITY, "acs_system_id": SYSTEM })
        ),
        []
    );
    assert_eq!(
        found(suspend, json!({ "user_identity_id": IDENTITY })),
        [pair("acs_system_id", IssueCode::Requires)]
    );
    assert_eq!(
        found(suspend, json!({ "acs_user_id": USER, "acs_system_id": SYSTEM })),
        [pair("user_identity_id", IssueCode::Requires)]
    );
    // "Either provide an `acs_credential_id` or an `access_method_id`"
    let encode = "/acs/encoders/encode_credential";
    assert_eq!(
        found(
            encode,
            json!({ "acs_encoder_id": ENCODER, "acs_credential_id": CREDENTIAL })
        ),
        []
    );
    assert_eq!(
        found(encode, json!({ "acs_encoder_id": ENCODER })),
        [pair("acs_credential_id", IssueCode::MissingOneOf)]
    );
    // "You must specify either `user_identity_id` or `user_identity_key` …"
    assert_eq!(
        found("/user_identities/add_acs_user", json!({ "acs_user_id": USER })),
        [pair("user_identity_id", IssueCode::MissingOneOf)]
    );
}
