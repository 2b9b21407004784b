#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking"
)]
//! Property tests: generated credentials, entrances, events and pages parse, are written
//! back exactly as they came (unknown properties, `null` and absence included), and name
//! their unknown properties; `validate` never panics, and accepts every valid request.
//!
//! The generators follow the pinned contract (`shared/reference/openapi-schemas.txt`):
//! a random subset of each object's optional properties with values of the documented
//! types (`null` only where the contract says `nullable`), plus unknown properties
//! (`zz_…`, never a contract name) at the top level and inside the nested objects, and
//! unknown enum values. The lists the contract requires (`errors`, `warnings`,
//! `space_ids`) and `pagination.has_next_page` are always present, and numbers of
//! `number` properties are fractional-capable floats: see `reported` below for
//! what the models do with documents outside that domain.

use chrono::{DateTime, Duration, FixedOffset, SecondsFormat, TimeZone, Utc};
use proptest::prelude::*;
use proptest::sample::select;
use seam_acs_core::auth::{Auth, AuthMode};
use seam_acs_core::datetime::Timestamp;
use seam_acs_core::models::{
    AcsCredential, AcsCredentialEvent, AcsEntrance, Pagination, UnknownFields, CREDENTIAL_SHAPE, ENTRANCE_SHAPE,
    EVENT_SHAPE, PAGINATION_SHAPE,
};
use seam_acs_core::paging::{PageInfo, Pager};
use seam_acs_core::request::prepare;
use seam_acs_core::response::{check, parse, parse_json, Checked, Items, Output, RawResponse};
use seam_acs_core::shape::Shape;
use seam_acs_core::validate::{validate, Kind};
use seam_acs_core::{endpoint, ENDPOINTS};
use seam_acs_core::{AnswerMode, SeamError};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt::Debug;

#[path = "support/sent.rs"]
mod sent;
use sent::sent;

const CASES: u32 = 256;

// ---------------------------------------------------------------------------------------
// Generators of JSON documents that remember which of their properties are unknown.
// ---------------------------------------------------------------------------------------

/// A JSON value and the paths (relative to it) of the unknown properties it holds.
type Doc = (Value, Vec<String>);
type Gen = BoxedStrategy<Doc>;

fn plain(strategy: impl Strategy<Value = Value> + 'static) -> Gen {
    strategy.prop_map(|value| (value, Vec::new())).boxed()
}

fn text() -> BoxedStrategy<String> {
    prop_oneof![
        4 => "[a-zA-Z0-9 _.:<>-]{0,16}",
        1 => "\\PC{0,8}",
        1 => Just(String::new()),
    ]
    .boxed()
}

fn uuid() -> BoxedStrategy<String> {
    prop_oneof![
        4 => "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
        1 => "[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}",
    ]
    .boxed()
}

/// An RFC 3339 date-time in one of the shapes servers send.
fn timestamp() -> BoxedStrategy<String> {
    (
        -2_000_000_000i64..4_000_000_000,
        0u32..1_000_000_000,
        -50_400i32..=50_400,
        any::<bool>(),
        select(vec![
            SecondsFormat::Secs,
            SecondsFormat::Millis,
            SecondsFormat::Micros,
            SecondsFormat::AutoSi,
        ]),
    )
        .prop_map(|(secs, nanos, offset, use_z, format)| {
            let offset = FixedOffset::east_opt(offset - offset % 60).unwrap();
            offset
                .timestamp_opt(secs, nanos)
                .single()
                .unwrap()
                .to_rfc3339_opts(format, use_z)
        })
        .boxed()
}

/// A float that survives `to_string` and back bit for bit (serde_json's default float
/// parser may be 1 ULP off for long mantissas; that is not what is tested here).
fn float() -> BoxedStrategy<f64> {
    (-10_000_000i64..10_000_000, 0i32..4)
        .prop_map(|(mantissa, decimals)| mantissa as f64 / 10f64.powi(decimals))
        .boxed()
}

fn string_v() -> Gen {
    plain(text().prop_map(Value::String))
}
fn uuid_v() -> Gen {
    plain(uuid().prop_map(Value::String))
}
fn timestamp_v() -> Gen {
    plain(timestamp().prop_map(Value::String))
}
fn bool_v() -> Gen {
    plain(any::<bool>().prop_map(Value::Bool))
}
fn number_v() -> Gen {
    plain(float().prop_map(Value::from))
}

/// A value of a `nullable` property.
fn nullable(value: Gen) -> Gen {
    prop_oneof![1 => Just((Value::Null, Vec::new())), 3 => value].boxed()
}

/// An open enum: a known value, or one Seam may add later.
fn enumeration(known: &'static [&'static str]) -> Gen {
    plain(
        prop_oneof![
            3 => select(known).prop_map(str::to_owned),
            1 => "zz_new_[a-z_]{1,10}",
        ]
        .prop_map(Value::String),
    )
}

fn list(item: Gen, max: usize) -> Gen {
    proptest::collection::vec(item, 0..=max)
        .prop_map(|items| {
            let mut unknown = Vec::new();
            let values = items
                .into_iter()
                .enumerate()
                .map(|(i, (value, paths))| {
                    unknown.extend(paths.into_iter().map(|p| under(&format!("[{i}]"), &p)));
                    value
                })
                .collect();
            (Value::Array(values), unknown)
        })
        .boxed()
}

/// The path of `relative` inside the property (or item) `key`.
fn under(key: &str, relative: &str) -> String {
    if relative.starts_with('[') {
        format!("{key}{relative}")
    } else {
        format!("{key}.{relative}")
    }
}

/// Any JSON, for the values of unknown properties and for fuzzing `validate`.
fn any_json(depth: u32) -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        float().prop_map(Value::from),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(depth, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map("[a-z_]{1,6}", inner, 0..4)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
    .boxed()
}

/// Whether a property is always there or only sometimes.
#[derive(Clone, Copy)]
enum Presence {
    Always,
    Maybe,
}
use Presence::{Always, Maybe};

/// An object with the given properties (the `Maybe` ones in a random subset) and, when
/// `extra`, up to three unknown properties with arbitrary values.
fn object(properties: Vec<(&'static str, Presence, Gen)>, extra: bool) -> Gen {
    let known: Vec<BoxedStrategy<Option<(&'static str, Doc)>>> = properties
        .into_iter()
        .map(|(name, presence, value)| match presence {
            Always => value.prop_map(move |v| Some((name, v))).boxed(),
            Maybe => proptest::option::of(value.prop_map(move |v| (name, v))).boxed(),
        })
        .collect();
    let unknown = if extra {
        proptest::collection::btree_map("zz_[a-z0-9_]{1,8}", any_json(2), 0..=3).boxed()
    } else {
        Just(BTreeMap::new()).boxed()
    };
    (known, unknown)
        .prop_map(|(known, unknown)| {
            let mut object = Map::new();
            let mut paths = Vec::new();
            for (name, (value, inner)) in known.into_iter().flatten() {
                paths.extend(inner.iter().map(|p| under(name, p)));
                object.insert(name.to_owned(), value);
            }
            for (name, value) in unknown {
                paths.push(name.clone());
                object.insert(name, value);
            }
            (Value::Object(object), paths)
        })
        .boxed()
}

fn resource_error() -> Gen {
    object(
        vec![
            ("error_code", Always, string_v()),
            ("message", Always, string_v()),
            ("created_at", Maybe, timestamp_v()),
        ],
        true,
    )
}

fn warning(codes: &'static [&'static str]) -> Gen {
    object(
        vec![
            ("warning_code", Always, enumeration(codes)),
            ("message", Always, string_v()),
            ("created_at", Maybe, timestamp_v()),
        ],
        true,
    )
}

const ACCESS_METHODS: &[&str] = &["code", "card", "mobile_key", "cloud_key"];
const EXTERNAL_TYPES: &[&str] = &[
    "pti_card",
    "brivo_credential",
    "hid_credential",
    "visionline_card",
    "salto_ks_credential",
    "assa_abloy_vostio_key",
    "salto_space_key",
    "latch_access",
    "dormakaba_ambiance_credential",
    "hotek_card",
    "salto_ks_tag",
    "avigilon_alta_credential",
    "kisi_credential",
];
const CREDENTIAL_WARNINGS: &[&str] = &[
    "waiting_to_be_issued",
    "schedule_externally_modified",
    "schedule_modified",
    "being_deleted",
    "unknown_issue_with_acs_credential",
    "needs_to_be_reissued",
];
const ENTRANCE_WARNINGS: &[&str] = &[
    "salto_ks_entrance_access_code_support_removed",
    "entrance_shares_zone",
    "entrance_setup_required",
    "salto_ks_privacy_mode",
    "privacy_mode",
];
const EVENT_TYPES: &[&str] = &[
    "acs_credential.deleted",
    "acs_credential.issued",
    "acs_credential.reissued",
    "acs_credential.invalidated",
];

fn credential() -> Gen {
    let visionline = object(
        vec![
            ("auto_join", Maybe, bool_v()),
            ("card_function_type", Maybe, enumeration(&["guest", "staff"])),
            ("card_id", Maybe, string_v()),
            ("common_acs_entrance_ids", Maybe, list(uuid_v(), 3)),
            ("credential_id", Maybe, string_v()),
            ("guest_acs_entrance_ids", Maybe, list(uuid_v(), 3)),
            ("is_valid", Maybe, bool_v()),
            ("joiner_acs_credential_ids", Maybe, list(uuid_v(), 3)),
        ],
        true,
    );
    let vostio = object(
        vec![
            ("auto_join", Maybe, bool_v()),
            ("door_names", Maybe, list(string_v(), 3)),
            ("endpoint_id", Maybe, string_v()),
            ("key_id", Maybe, string_v()),
            ("key_issuing_request_id", Maybe, string_v()),
            ("override_guest_acs_entrance_ids", Maybe, list(string_v(), 3)),
        ],
        true,
    );
    object(
        vec![
            ("acs_credential_id", Always, uuid_v()),
            ("access_method", Maybe, enumeration(ACCESS_METHODS)),
            ("acs_system_id", Maybe, uuid_v()),
            ("connected_account_id", Maybe, uuid_v()),
            ("workspace_id", Maybe, uuid_v()),
            ("display_name", Maybe, string_v()),
            ("created_at", Maybe, timestamp_v()),
            ("is_managed", Maybe, bool_v()),
            ("errors", Always, list(resource_error(), 2)),
            ("warnings", Always, list(warning(CREDENTIAL_WARNINGS), 2)),
            ("acs_credential_pool_id", Maybe, uuid_v()),
            ("acs_user_id", Maybe, uuid_v()),
            ("user_identity_id", Maybe, uuid_v()),
            ("parent_acs_credential_id", Maybe, uuid_v()),
            ("code", Maybe, nullable(string_v())),
            ("card_number", Maybe, nullable(string_v())),
            ("starts_at", Maybe, prop_oneof![timestamp_v(), string_v()].boxed()),
            ("ends_at", Maybe, prop_oneof![timestamp_v(), string_v()].boxed()),
            ("external_type", Maybe, enumeration(EXTERNAL_TYPES)),
            ("external_type_display_name", Maybe, string_v()),
            ("is_issued", Maybe, bool_v()),
            ("issued_at", Maybe, nullable(timestamp_v())),
            ("is_multi_phone_sync_credential", Maybe, bool_v()),
            ("is_one_time_use", Maybe, bool_v()),
            (
                "is_latest_desired_state_synced_with_provider",
                Maybe,
                nullable(bool_v()),
            ),
            (
                "latest_desired_state_synced_with_provider_at",
                Maybe,
                nullable(timestamp_v()),
            ),
            ("visionline_metadata", Maybe, visionline),
            ("assa_abloy_vostio_metadata", Maybe, vostio),
        ],
        true,
    )
}

fn entrance() -> Gen {
    let profile = object(
        vec![
            ("visionline_door_profile_id", Maybe, string_v()),
            (
                "visionline_door_profile_type",
                Maybe,
                enumeration(&["BLE", "commonDoor", "touch"]),
            ),
        ],
        true,
    );
    let metadata = |properties: Vec<(&'static str, Gen)>| {
        object(
            properties
                .into_iter()
                .map(|(name, value)| (name, Maybe, value))
                .collect(),
            true,
        )
    };
    object(
        vec![
            ("acs_entrance_id", Always, uuid_v()),
            ("acs_system_id", Maybe, uuid_v()),
            ("connected_account_id", Maybe, uuid_v()),
            ("display_name", Maybe, string_v()),
            ("created_at", Maybe, timestamp_v()),
            ("space_ids", Always, list(uuid_v(), 3)),
            ("errors", Always, list(resource_error(), 2)),
            ("warnings", Always, list(warning(ENTRANCE_WARNINGS), 2)),
            ("is_locked", Maybe, bool_v()),
            ("can_belong_to_reservation", Maybe, bool_v()),
            ("can_unlock_with_card", Maybe, bool_v()),
            ("can_unlock_with_cloud_key", Maybe, bool_v()),
            ("can_unlock_with_code", Maybe, bool_v()),
            ("can_unlock_with_mobile_key", Maybe, bool_v()),
            (
                "assa_abloy_vostio_metadata",
                Maybe,
                metadata(vec![
                    ("door_name", string_v()),
                    ("door_number", number_v()),
                    (
                        "door_type",
                        enumeration(&["CommonDoor", "EntranceDoor", "GuestDoor", "Elevator"]),
                    ),
                    ("pms_id", string_v()),
                    ("stand_open", bool_v()),
                ]),
            ),
            (
                "avigilon_alta_metadata",
                Maybe,
                metadata(vec![
                    ("entry_name", string_v()),
                    ("entry_relays_total_count", number_v()),
                    ("org_name", string_v()),
                    ("site_id", number_v()),
                    ("site_name", string_v()),
                    ("zone_id", number_v()),
                    ("zone_name", string_v()),
                ]),
            ),
            (
                "brivo_metadata",
                Maybe,
                metadata(vec![
                    ("access_point_id", string_v()),
                    ("site_id", number_v()),
                    ("site_name", string_v()),
                ]),
            ),
            (
                "dormakaba_ambiance_metadata",
                Maybe,
                metadata(vec![("access_point_name", string_v())]),
            ),
            (
                "dormakaba_community_metadata",
                Maybe,
                metadata(vec![("access_point_profile", string_v())]),
            ),
            (
                "hotek_metadata",
                Maybe,
                metadata(vec![
                    ("common_area_name", string_v()),
                    ("common_area_number", string_v()),
                    ("room_number", string_v()),
                ]),
            ),
            (
                "latch_metadata",
                Maybe,
                metadata(vec![
                    ("accessibility_type", string_v()),
                    ("door_name", string_v()),
                    ("door_type", string_v()),
                    ("is_connected", bool_v()),
                ]),
            ),
            (
                "salto_ks_metadata",
                Maybe,
                metadata(vec![
                    ("battery_level", string_v()),
                    ("door_name", string_v()),
                    ("intrusion_alarm", bool_v()),
                    ("left_open_alarm", bool_v()),
                    ("lock_type", string_v()),
                    ("locked_state", string_v()),
                    ("online", bool_v()),
                    ("privacy_mode", bool_v()),
                ]),
            ),
            (
                "salto_space_metadata",
                Maybe,
                metadata(vec![
                    ("audit_on_keys", bool_v()),
                    ("door_description", string_v()),
                    ("door_id", string_v()),
                    ("door_name", string_v()),
                    ("room_description", string_v()),
                    ("room_name", string_v()),
                ]),
            ),
            (
                "visionline_metadata",
                Maybe,
                metadata(vec![
                    (
                        "door_category",
                        enumeration(&["entrance", "guest", "elevator reader", "common", "common (PMS)"]),
                    ),
                    ("door_name", string_v()),
                    ("profiles", list(profile, 3)),
                ]),
            ),
        ],
        true,
    )
}

fn event() -> Gen {
    object(
        vec![
            ("event_id", Always, uuid_v()),
            ("event_type", Always, enumeration(EVENT_TYPES)),
            ("acs_credential_id", Always, uuid_v()),
            ("workspace_id", Always, uuid_v()),
            ("acs_system_id", Maybe, uuid_v()),
            ("connected_account_id", Maybe, uuid_v()),
            ("created_at", Maybe, timestamp_v()),
            ("occurred_at", Maybe, timestamp_v()),
        ],
        true,
    )
}

fn pagination() -> Gen {
    object(
        vec![
            ("has_next_page", Always, bool_v()),
            (
                "next_page_cursor",
                Maybe,
                nullable(plain("[A-Za-z0-9+/=]{0,12}".prop_map(Value::String))),
            ),
            (
                "next_page_url",
                Maybe,
                nullable(plain(
                    "https://connect\\.getseam\\.com/acs/[a-z/_]{1,20}\\?next_page_cursor=[a-z0-9]{1,8}"
                        .prop_map(Value::String),
                )),
            ),
        ],
        true,
    )
}

// ---------------------------------------------------------------------------------------
// Round trips.
// ---------------------------------------------------------------------------------------

/// Parses `value`'s text as `T`, and checks it is written back as exactly `value`, parses
/// again to an equal `T`, and lists exactly the `expected` unknown properties.
fn round_trip<T>(shape: &Shape, value: &Value, expected: &[String]) -> Result<T, TestCaseError>
where
    T: DeserializeOwned + Serialize + PartialEq + Debug + UnknownFields,
{
    let text = value.to_string();
    let parsed: T = parse_json(shape, &text).map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
    let written = serde_json::to_value(&parsed).expect("serializes");
    prop_assert_eq!(&written, value, "not written back as it came");
    let again: T = parse_json(shape, &serde_json::to_string(&parsed).expect("serializes")).expect("parses again");
    prop_assert_eq!(&again, &parsed);
    let mut unknown = parsed.unknown_fields();
    unknown.sort();
    let mut expected = expected.to_vec();
    expected.sort();
    prop_assert_eq!(unknown, expected);
    Ok(parsed)
}

fn page_of(items: Gen) -> BoxedStrategy<(Vec<Doc>, Option<Doc>)> {
    (
        proptest::collection::vec(items, 0..4),
        proptest::option::weighted(0.8, pagination()),
    )
        .boxed()
}

fn list_body(key: &str, items: &[Doc], pagination: Option<&Doc>) -> String {
    let mut body = Map::new();
    body.insert(
        key.to_owned(),
        Value::Array(items.iter().map(|(v, _)| v.clone()).collect()),
    );
    if let Some((p, _)) = pagination {
        body.insert("pagination".to_owned(), p.clone());
    }
    body.insert("ok".to_owned(), Value::Bool(true));
    Value::Object(body).to_string()
}

fn epoch() -> Timestamp {
    Timestamp::from_millis(0)
}

/// A chrono instant as core's clock (to the millisecond, as `Date.now()` gives it).
fn ts(time: DateTime<Utc>) -> Timestamp {
    Timestamp::from_millis(time.timestamp_millis())
}

fn response(body: &str) -> RawResponse<'_> {
    RawResponse {
        status: 200,
        request_id: None,
        retry_after: None,
        body,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn credentials_round_trip_exactly((value, unknown) in credential()) {
        round_trip::<AcsCredential>(&CREDENTIAL_SHAPE, &value, &unknown)?;
    }

    #[test]
    fn entrances_round_trip_exactly((value, unknown) in entrance()) {
        round_trip::<AcsEntrance>(&ENTRANCE_SHAPE, &value, &unknown)?;
    }

    #[test]
    fn events_round_trip_exactly((value, unknown) in event()) {
        round_trip::<AcsCredentialEvent>(&EVENT_SHAPE, &value, &unknown)?;
    }

    #[test]
    fn paginations_round_trip_exactly((value, unknown) in pagination()) {
        round_trip::<Pagination>(&PAGINATION_SHAPE, &value, &unknown)?;
    }

}

/// The two modes judge one answer alike: strict refuses exactly what lenient refuses or
/// reports, and names the first problem lenient reports (or the same essential one).
fn modes_agree(
    checked_strict: &Result<Checked, SeamError>,
    checked_lenient: &Result<Checked, SeamError>,
) -> Result<(), TestCaseError> {
    match (checked_strict, checked_lenient) {
        (Ok(strict), Ok(lenient)) => {
            prop_assert_eq!(strict, lenient);
            prop_assert!(strict.issues.is_empty());
        }
        (Err(SeamError::Parse { status, path, message }), Ok(lenient)) => {
            let first = lenient.issues.first();
            prop_assert!(first.is_some(), "strict refused at {}, lenient found nothing", path);
            let first = first.unwrap();
            prop_assert_eq!((&first.path, &first.message()), (path, message));
            prop_assert_eq!(*status, Some(200));
        }
        // Lenient refused on an essential problem; strict may have stopped at an earlier one
        // that lenient reports as an issue on its way there.
        (Err(SeamError::Parse { status, .. }), Err(SeamError::Parse { status: other, .. })) => {
            prop_assert_eq!(status, other)
        }
        (strict, lenient) => prop_assert_eq!(strict, lenient),
    }
    Ok(())
}
/// A document with one property (known or not) replaced by any JSON value, or removed:
/// most of these are the wrong type somewhere, or miss the id.
fn damaged(doc: Gen) -> BoxedStrategy<Value> {
    (doc, any::<prop::sample::Index>(), any_json(3), any::<bool>())
        .prop_map(|((mut value, _), index, replacement, remove)| {
            if let Value::Object(object) = &mut value {
                let keys: Vec<String> = object.keys().cloned().collect();
                if !keys.is_empty() {
                    let key = keys[index.index(keys.len())].clone();
                    if remove {
                        object.remove(&key);
                    } else {
                        object.insert(key, replacement);
                    }
                }
            }
            value
        })
        .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    /// Strict and lenient reading agree on every damaged answer (see [`modes_agree`]), and
    /// an issue never holds more than kinds.
    #[test]
    fn lenient_and_strict_reading_agree(
        credential in damaged(credential()),
        entrance in damaged(entrance()),
        status in select(vec![200u16, 200, 400, 401, 404, 429, 500]),
        wrap in 0..4usize,
    ) {
        for (path, key, doc) in [
            ("/acs/credentials/get", "acs_credential", &credential),
            ("/acs/credentials/update", "acs_credential", &credential),
            ("/acs/credentials/list", "acs_credentials", &Value::Array(vec![credential.clone()])),
            ("/acs/entrances/list", "acs_entrances", &Value::Array(vec![entrance.clone()])),
            ("/acs/credentials/delete", "ok", &Value::Bool(true)),
        ] {
            let body = match wrap {
                0 => serde_json::json!({ key: doc, "ok": true }).to_string(),
                1 => serde_json::json!({ "error": { "type": "x", "message": "m", "data": doc, "validation_errors": { "_errors": [], key: { "_errors": ["bad"] } } } }).to_string(),
                2 => doc.to_string(),
                _ => String::from("  "),
            };
            let endpoint = endpoint(path).unwrap();
            let raw = RawResponse { status, request_id: Some("req"), retry_after: Some("7"), body: &body };
            let strict = check(endpoint, &raw, epoch(), AnswerMode::Strict);
            let lenient = check(endpoint, &raw, epoch(), AnswerMode::Lenient);
            modes_agree(&strict, &lenient)?;
            for issue in lenient.iter().flat_map(|checked| &checked.issues) {
                prop_assert!(["a string", "a boolean", "a number", "an array", "an object", "null", "nothing"].contains(&issue.got));
            }
        }
    }
}

proptest! {
    // Each case is a page of up to three documents, read through two endpoints.
    #![proptest_config(ProptestConfig::with_cases(CASES / 4))]

    #[test]
    fn a_credential_page_parses_to_its_items_and_pages_end((items, page) in page_of(credential())) {
        let body = list_body("acs_credentials", &items, page.as_ref());
        let list = endpoint("/acs/credentials/list").unwrap();
        let checked = check(list, &response(&body), epoch(), AnswerMode::Strict).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let output = parse(list, &response(&body), epoch()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let Output::Many { items: Items::Credentials(parsed), pagination } = output else {
            return Err(TestCaseError::fail(format!("{output:?}")));
        };
        prop_assert_eq!(parsed.len(), items.len());
        for (parsed, (value, unknown)) in parsed.iter().zip(&items) {
            let alone = round_trip::<AcsCredential>(&CREDENTIAL_SHAPE, value, unknown)?;
            prop_assert_eq!(parsed, &alone);
        }
        match (&pagination, &page) {
            (Some(p), Some((value, unknown))) => {
                prop_assert_eq!(p, &round_trip::<Pagination>(&PAGINATION_SHAPE, value, unknown)?);
            }
            (None, None) => {}
            _ => return Err(TestCaseError::fail(format!("pagination {pagination:?} for {page:?}"))),
        }
        // `check` (what the npm package uses) accepts it and finds the result under the same key.
        prop_assert_eq!(checked.key, Some("acs_credentials"));
        let page_info = pagination.as_ref().map(PageInfo::from);
        // The same answer again and again (a server stuck on one page) ends the listing.
        let mut pager = Pager::new(None);
        let mut fetched = 0;
        while pager.next_cursor(parsed.len(), page_info.as_ref()).is_some() {
            fetched += 1;
            prop_assert!(fetched <= 1, "a repeated cursor was followed");
        }
        prop_assert!(pager.is_done());
    }

    #[test]
    fn an_entrance_list_parses_to_its_items((items, page) in page_of(entrance())) {
        for path in ["/acs/entrances/list", "/acs/credentials/list_accessible_entrances"] {
            let body = list_body("acs_entrances", &items, page.as_ref());
            let checked = check(endpoint(path).unwrap(), &response(&body), epoch(), AnswerMode::Strict)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            let output = parse(endpoint(path).unwrap(), &response(&body), epoch())
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            let Output::Many { items: Items::Entrances(parsed), pagination } = output else {
                return Err(TestCaseError::fail(format!("{output:?}")));
            };
            prop_assert_eq!(parsed.len(), items.len());
            for (parsed, (value, unknown)) in parsed.iter().zip(&items) {
                prop_assert_eq!(parsed, &round_trip::<AcsEntrance>(&ENTRANCE_SHAPE, value, unknown)?);
            }
            // Only the paginated list reads `pagination`.
            prop_assert_eq!(pagination.is_some(), page.is_some() && path == "/acs/entrances/list");
            prop_assert_eq!(checked.key, Some("acs_entrances"));
        }
    }
}

// ---------------------------------------------------------------------------------------
// Validation.
// ---------------------------------------------------------------------------------------

/// Every parameter name of every endpoint, nested ones included.
fn param_names() -> Vec<&'static str> {
    fn walk(fields: &[seam_acs_core::validate::Field], out: &mut Vec<&'static str>) {
        for field in fields {
            out.push(field.name);
            if let Kind::Object(inner) = field.kind {
                walk(inner, out);
            }
        }
    }
    let mut out = Vec::new();
    for endpoint in ENDPOINTS {
        walk(endpoint.params, &mut out);
    }
    out.sort_unstable();
    out.dedup();
    out
}

const SECRET_MARK: &str = "SECRETVALUE";

/// A value that is valid for some parameter, or nearly, or anything at all. Strings carry
/// [`SECRET_MARK`] where they are not meant to be valid, so messages can be checked not to
/// repeat them.
fn param_value() -> BoxedStrategy<Value> {
    let scalar = prop_oneof![
        uuid().prop_map(Value::String),
        timestamp().prop_map(Value::String),
        "[0-9]{0,8}".prop_map(Value::String),
        select(ACCESS_METHODS).prop_map(Value::from),
        select(&["TLCode", "rfid48", "guest", "staff", "visionline_metadata.is_valid"][..]).prop_map(Value::from),
        "[a-z0-9 -]{0,6}".prop_map(|s| Value::String(format!("{SECRET_MARK}{s}"))),
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        prop_oneof![Just(0.0), Just(1.0), Just(-1.0), Just(2.5), Just(1e300), float()].prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
    ];
    scalar
        .prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                proptest::collection::btree_map(select(param_names()), inner, 0..4)
                    .prop_map(|map| Value::Object(map.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
            ]
        })
        .boxed()
}

/// Parameters shaped like some endpoint's: known names (and a typo now and then) with
/// valid, nearly valid or arbitrary values.
fn params() -> BoxedStrategy<Value> {
    let key = prop_oneof![8 => select(param_names()).prop_map(str::to_owned), 1 => "[a-z_]{1,10}"];
    prop_oneof![
        1 => any_json(3),
        6 => proptest::collection::btree_map(key, param_value(), 0..8)
            .prop_map(|map| Value::Object(map.into_iter().collect())),
    ]
    .boxed()
}

fn clock() -> BoxedStrategy<DateTime<Utc>> {
    prop_oneof![
        Just(DateTime::<Utc>::MIN_UTC),
        Just(DateTime::<Utc>::MAX_UTC),
        (-10_000_000_000i64..10_000_000_000).prop_map(|s| Utc.timestamp_opt(s, 0).unwrap()),
    ]
    .boxed()
}

/// An auth the endpoint accepts.
fn auth_for(endpoint: &seam_acs_core::Endpoint) -> Auth {
    let mode = endpoint.auth[0];
    let token = match mode {
        AuthMode::ApiKey => "seam_key_1",
        AuthMode::ClientSession => "seam_cst_1",
        AuthMode::PersonalAccessToken => "seam_at_1",
        AuthMode::ConsoleSession => "eyJ.x.y",
        AuthMode::PublishableKey => "seam_pk_1",
    };
    Auth::new(mode, token, Some("ws_1")).unwrap()
}

/// Strings in `value` that carry [`SECRET_MARK`].
fn secrets(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) if s.contains(SECRET_MARK) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| secrets(v, out)),
        Value::Object(map) => map.values().for_each(|v| secrets(v, out)),
        _ => {}
    }
}

/// Checks one validation: it returns, its messages do not repeat values, and a request it
/// accepts is built with exactly the given parameters.
fn check_validation(
    endpoint: &seam_acs_core::Endpoint,
    params: &Value,
    now: DateTime<Utc>,
) -> Result<(), TestCaseError> {
    let issues = validate(endpoint, params, ts(now));
    let mut values = Vec::new();
    secrets(params, &mut values);
    for issue in &issues {
        prop_assert!(
            !issue.message.contains(SECRET_MARK),
            "{} repeats a value",
            issue.message
        );
        prop_assert!(!issue.path.contains(SECRET_MARK), "{} names a value", issue.path);
    }
    if issues.is_empty() {
        let request = prepare(
            endpoint,
            &auth_for(endpoint),
            "https://connect.getseam.com",
            params,
            ts(now),
        )
        .map_err(|e| TestCaseError::fail(format!("{}: valid but not prepared: {e}", endpoint.path)))?;
        let body = sent(&request);
        let expected = if params.is_null() {
            Value::Object(Map::new())
        } else {
            params.clone()
        };
        prop_assert_eq!(body, expected);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn validate_never_panics_on_any_json(params in any_json(4), now in clock()) {
        for endpoint in ENDPOINTS {
            check_validation(endpoint, &params, now)?;
        }
    }

    #[test]
    fn validate_never_panics_on_parameter_shaped_json(params in params(), now in clock()) {
        for endpoint in ENDPOINTS {
            check_validation(endpoint, &params, now)?;
        }
    }

    #[test]
    fn valid_create_params_pass((params, now) in valid_create()) {
        let create = endpoint("/acs/credentials/create").unwrap();
        let issues = validate(create, &params, ts(now));
        prop_assert!(issues.is_empty(), "{issues:?} for {params}");
        check_validation(create, &params, now)?;
    }

    #[test]
    fn valid_update_params_pass((params, now) in valid_update()) {
        let update = endpoint("/acs/credentials/update").unwrap();
        let issues = validate(update, &params, ts(now));
        prop_assert!(issues.is_empty(), "{issues:?} for {params}");
        check_validation(update, &params, now)?;
    }

    #[test]
    fn valid_list_params_pass(params in valid_list(), now in clock()) {
        let list = endpoint("/acs/credentials/list").unwrap();
        let issues = validate(list, &params, ts(now));
        prop_assert!(issues.is_empty(), "{issues:?} for {params}");
        check_validation(list, &params, now)?;
    }
}

/// Fills `object` with a random subset of `candidates`.
fn some_of(candidates: Vec<(&'static str, BoxedStrategy<Value>)>) -> BoxedStrategy<Map<String, Value>> {
    let each: Vec<_> = candidates
        .into_iter()
        .map(|(name, value)| proptest::option::of(value.prop_map(move |v| (name.to_owned(), v))))
        .collect();
    each.prop_map(|pairs| pairs.into_iter().flatten().collect()).boxed()
}

fn bool_s() -> BoxedStrategy<Value> {
    any::<bool>().prop_map(Value::Bool).boxed()
}

fn uuids_s() -> BoxedStrategy<Value> {
    proptest::collection::vec(uuid().prop_map(Value::String), 0..3)
        .prop_map(Value::Array)
        .boxed()
}

fn in_offset(time: DateTime<Utc>, offset_minutes: i32, format: SecondsFormat, use_z: bool) -> String {
    let offset = FixedOffset::east_opt(offset_minutes * 60).unwrap();
    time.with_timezone(&offset).to_rfc3339_opts(format, use_z)
}

fn rfc3339_shape() -> BoxedStrategy<(i32, SecondsFormat, bool)> {
    (
        -840i32..=840,
        select(vec![SecondsFormat::Secs, SecondsFormat::Millis, SecondsFormat::Nanos]),
        any::<bool>(),
    )
        .boxed()
}

/// Valid `/acs/credentials/create` parameters, and the clock they are valid at: every
/// combination of user ids the rules allow, with random optional parameters.
fn valid_create() -> BoxedStrategy<(Value, DateTime<Utc>)> {
    let user = prop_oneof![
        (uuid(), proptest::option::of(uuid())).prop_map(|(user, system)| {
            let mut m = Map::new();
            m.insert("acs_user_id".to_owned(), Value::String(user));
            if let Some(system) = system {
                m.insert("acs_system_id".to_owned(), Value::String(system));
            }
            m
        }),
        (uuid(), uuid()).prop_map(|(identity, system)| {
            let mut m = Map::new();
            m.insert("user_identity_id".to_owned(), Value::String(identity));
            m.insert("acs_system_id".to_owned(), Value::String(system));
            m
        }),
    ];
    let metadata = some_of(vec![
        (
            "assa_abloy_vostio_metadata",
            some_of(vec![
                ("auto_join", bool_s()),
                ("join_all_guest_acs_entrances", bool_s()),
                ("override_all_guest_acs_entrances", bool_s()),
                ("override_guest_acs_entrance_ids", uuids_s()),
            ])
            .prop_map(Value::Object)
            .boxed(),
        ),
        (
            "hotek_metadata",
            some_of(vec![("auto_join", bool_s()), ("override", bool_s())])
                .prop_map(Value::Object)
                .boxed(),
        ),
        (
            "salto_space_metadata",
            some_of(vec![("assign_new_key", bool_s()), ("update_current_key", bool_s())])
                .prop_map(Value::Object)
                .boxed(),
        ),
        (
            "visionline_metadata",
            some_of(vec![
                (
                    "assa_abloy_credential_service_mobile_endpoint_id",
                    uuid().prop_map(Value::String).boxed(),
                ),
                ("auto_join", bool_s()),
                (
                    "card_format",
                    select(&["TLCode", "rfid48"][..]).prop_map(Value::from).boxed(),
                ),
                (
                    "card_function_type",
                    select(&["guest", "staff"][..]).prop_map(Value::from).boxed(),
                ),
                ("is_override_key", bool_s()),
                ("joiner_acs_credential_ids", uuids_s()),
                ("override", bool_s()),
            ])
            .prop_map(Value::Object)
            .boxed(),
        ),
        ("allowed_acs_entrance_ids", uuids_s()),
        ("code", "[0-9]{1,8}".prop_map(Value::String).boxed()),
        (
            "credential_manager_acs_system_id",
            uuid().prop_map(Value::String).boxed(),
        ),
        ("is_multi_phone_sync_credential", bool_s()),
    ]);
    // now, then ends_at after it, then starts_at before ends_at (in the past or not).
    let times = (
        -5_000_000_000i64..5_000_000_000,
        1i64..100_000_000,
        1i64..200_000_000,
        rfc3339_shape(),
        rfc3339_shape(),
        0u8..4,
    );
    (select(ACCESS_METHODS), user, metadata, times)
        .prop_map(
            |(method, user, metadata, (now, ends_in, starts_before, ends_shape, starts_shape, dates))| {
                let now = Utc.timestamp_opt(now, 123_000_000).unwrap();
                let ends_at = now + Duration::seconds(ends_in);
                let starts_at = ends_at - Duration::seconds(starts_before);
                let mut params = Map::new();
                params.insert("access_method".to_owned(), Value::from(method));
                params.extend(user);
                params.extend(metadata);
                if dates & 1 == 1 {
                    let (offset, format, z) = ends_shape;
                    params.insert(
                        "ends_at".to_owned(),
                        Value::String(in_offset(ends_at, offset, format, z)),
                    );
                }
                if dates & 2 == 2 {
                    let (offset, format, z) = starts_shape;
                    params.insert(
                        "starts_at".to_owned(),
                        Value::String(in_offset(starts_at, offset, format, z)),
                    );
                }
                (Value::Object(params), now)
            },
        )
        .boxed()
}

/// Valid `/acs/credentials/update` parameters (a code, a future end, or both), and the
/// clock they are valid at.
fn valid_update() -> BoxedStrategy<(Value, DateTime<Utc>)> {
    (
        uuid(),
        "[0-9]{1,8}",
        0u8..3,
        -5_000_000_000i64..5_000_000_000,
        1i64..100_000_000,
        rfc3339_shape(),
    )
        .prop_map(|(id, code, which, now, ends_in, (offset, format, z))| {
            let now = Utc.timestamp_opt(now, 999_999_999).unwrap();
            let mut params = Map::new();
            params.insert("acs_credential_id".to_owned(), Value::String(id));
            if which != 1 {
                params.insert("code".to_owned(), Value::String(code));
            }
            if which != 0 {
                let ends_at = now + Duration::seconds(ends_in);
                params.insert(
                    "ends_at".to_owned(),
                    Value::String(in_offset(ends_at, offset, format, z)),
                );
            }
            (Value::Object(params), now)
        })
        .boxed()
}

/// Valid `/acs/credentials/list` parameters: each filter combination the contract allows.
fn valid_list() -> BoxedStrategy<Value> {
    let filters = prop_oneof![
        Just(vec![]),
        Just(vec!["acs_user_id"]),
        Just(vec!["acs_system_id"]),
        Just(vec!["acs_user_id", "acs_system_id"]),
        Just(vec!["user_identity_id"]),
    ];
    let others = some_of(vec![
        ("created_before", timestamp().prop_map(Value::String).boxed()),
        ("is_multi_phone_sync_credential", bool_s()),
        ("limit", (1u32..1000).prop_map(Value::from).boxed()),
        (
            "page_cursor",
            prop_oneof![Just(Value::Null), "[a-zA-Z0-9]{1,10}".prop_map(Value::String)].boxed(),
        ),
        ("search", ".{1,10}".prop_map(Value::String).boxed()),
    ]);
    (filters, proptest::collection::vec(uuid(), 2), others)
        .prop_map(|(filters, ids, others)| {
            let mut params = others;
            for (name, id) in filters.into_iter().zip(ids) {
                params.insert(name.to_owned(), Value::String(id));
            }
            if params.is_empty() {
                Value::Null
            } else {
                Value::Object(params)
            }
        })
        .boxed()
}

// ---------------------------------------------------------------------------------------
// Found by these properties and by the fuzz targets (fuzz/, FUZZ_STRICT=1), fixed, and
// kept as regression tests.
// ---------------------------------------------------------------------------------------

mod reported {
    use super::*;
    use serde_json::json;

    fn written_back<T: DeserializeOwned + Serialize>(shape: &Shape, value: &Value) -> Value {
        let parsed: T = parse_json(shape, &value.to_string()).expect("parses");
        serde_json::to_value(&parsed).expect("serializes")
    }

    /// A whole number in a `number` property (`"door_number": 12`, as JSON senders write
    /// integers) is written back as `12.0`: equal for JavaScript, but not the same JSON text.
    #[test]
    fn a_whole_number_is_written_back_as_it_came() {
        let value = json!({"acs_entrance_id": "e", "space_ids": [], "errors": [], "warnings": [],
            "avigilon_alta_metadata": {"site_id": 12}});
        assert_eq!(written_back::<AcsEntrance>(&ENTRANCE_SHAPE, &value), value);
    }

    /// The models tolerate a missing `errors`/`warnings`/`space_ids` (and
    /// `has_next_page`), but write them back as `[]` (`false`).
    #[test]
    fn a_missing_list_stays_missing() {
        let value = json!({"acs_credential_id": "c"});
        assert_eq!(written_back::<AcsCredential>(&CREDENTIAL_SHAPE, &value), value);
        let value = json!({"next_page_cursor": null});
        assert_eq!(written_back::<Pagination>(&PAGINATION_SHAPE, &value), value);
    }

    /// `check` (what the npm package runs before `JSON.parse`) accepts answers that the
    /// typed models refuse with "does not match the model": a duplicate key, a lone
    /// surrogate escape or a number beyond f64 in an unknown property.
    #[test]
    fn check_and_parse_accept_the_same_answers() {
        let get = endpoint("/acs/credentials/get").unwrap();
        for credential in [
            r#"{"acs_credential_id":"a","acs_credential_id":"b"}"#,
            r#"{"acs_credential_id":"a","zz":"\ud800"}"#,
            r#"{"acs_credential_id":"a","zz":1e400}"#,
            r#"{"acs_credential_id":"a","warnings":[{"warning_code":"x","message":"m","message":"n"}]}"#,
        ] {
            let body = format!(r#"{{"acs_credential":{credential}}}"#);
            let checked = check(get, &response(&body), epoch(), AnswerMode::Strict);
            let parsed = parse(get, &response(&body), epoch());
            assert_eq!(
                checked.is_ok(),
                parsed.is_ok(),
                "{credential}: {checked:?} vs {parsed:?}"
            );
        }
    }

    /// `fetch` (the WHATWG URL parser) reads `\` as `/` in http(s) URLs, so this endpoint's
    /// host is `evil.com`, reached over plain http with the token. Found while writing the
    /// fuzz target and, independently, fixed in e7c23cb: kept as a regression test.
    #[test]
    fn plain_http_goes_only_to_loopback_as_fetch_reads_the_url() {
        for url in ["http://evil.com\\.localhost", "http://evil.com\\x.localhost:8080"] {
            assert!(seam_acs_core::base_url::check(url).is_err(), "{url} accepted");
        }
    }

    /// After `[v6]` only `:port` may follow, but anything is ignored: `fetch` sends
    /// `http://[::1]@evil.com` to `evil.com` (`[::1]` is read as a user name), over plain
    /// http with the token.
    #[test]
    fn nothing_but_a_port_follows_an_ipv6_host() {
        for url in [
            "http://[::1]@evil.com",
            "http://[::1]@evil.com/",
            "http://[::1].evil.com",
            "http://[::1]`0\u{1}",
        ] {
            assert!(seam_acs_core::base_url::check(url).is_err(), "{url:?} accepted");
        }
    }
}
