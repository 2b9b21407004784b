#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking"
)]
//! Conformance with the official contract: the OpenAPI document of the pinned
//! `@seamapi/types` (1.977.0), as `tests/contract/extract-openapi.mjs` writes it.
//!
//! The endpoint table, its auth modes, the answer shapes and the typed models are generated
//! from that contract (`cargo run -p xtask -- generate`, which also checks every entry of
//! `contract/overlay.toml` still differs from it as stated). What is left here checks the
//! generated models a second way: an example with every contract property parses into them
//! with nothing left over, and every enum value is a named variant; then `null` on every
//! optional property, which paths are exposed, and the generator's naming of auth modes.
//!
//! The document is read by the generator's own reader (`xtask::load`): from
//! `$SEAM_OPENAPI_JSON`, else `<workspace>/target/contract/openapi.json`, extracted when missing.

use seam_acs_core::models::{
    AccessMethod, AcsCredential, AcsEntrance, AcsSystem, AcsSystemErrorCode, AcsSystemExternalType, AcsSystemType,
    AcsSystemWarningCode, CardFunctionType, ClientSession, CredentialWarningCode, EntranceWarningCode, ExternalType,
    Pagination, UnknownFields, VisionlineDoorCategory, VisionlineDoorProfileType, VostioDoorType,
};
use seam_acs_core::models::{CLIENT_SESSION_SHAPE, CREDENTIAL_SHAPE, ENTRANCE_SHAPE, PAGINATION_SHAPE, SYSTEM_SHAPE};
use seam_acs_core::response::{check_json, parse_json};
use seam_acs_core::shape::Shape;
use seam_acs_core::{AnswerMode, ENDPOINTS};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;
use xtask::openapi::Contract;

// ---------------------------------------------------------------------------------------
// Deliberate differences, each checked to still exist.
// ---------------------------------------------------------------------------------------

/// `/acs/credentials/*` endpoints of the contract this client does not call, with the
/// contract's `x-undocumented` note that is the reason. When Seam documents one (the note
/// changes or goes), the coverage test fails so that it gets modelled.
const UNSUPPORTED_PATHS: &[(&str, &str)] = &[
    ("/acs/credentials/create_offline_code", "Unreleased."),
    (
        "/acs/credentials/unmanaged/get",
        "No unmanaged credentials are currently implemented.",
    ),
    (
        "/acs/credentials/unmanaged/list",
        "No unmanaged credentials are currently implemented.",
    ),
];

/// Endpoints outside `/acs/credentials/` that the client must call.
const OTHER_REQUIRED_PATHS: &[&str] = &[
    "/acs/entrances/get",
    "/acs/entrances/list",
    "/acs/entrances/list_credentials_with_access",
    "/client_sessions/get_or_create",
];

/// The response objects the models must cover completely.
const MODELLED_SCHEMAS: &[&str] = &[
    "acs_credential",
    "acs_entrance",
    "acs_system",
    "client_session",
    "pagination",
];

/// One string `enum` of a modelled schema, and the open enum that models it.
struct ModelEnum {
    /// `<schema>.<property path>`, `[]` for array items (all `oneOf` variants merged).
    path: &'static str,
    rust: &'static str,
    known: &'static [&'static str],
    /// Whether the value parses to a named variant, not `Unknown`.
    parses_known: fn(&str) -> bool,
}

macro_rules! model_enum {
    ($path:literal, $ty:ident) => {
        ModelEnum {
            path: $path,
            rust: stringify!($ty),
            known: $ty::KNOWN,
            parses_known: |value| !matches!($ty::from(value), $ty::Unknown(_)),
        }
    };
}

/// Every string `enum` in [`MODELLED_SCHEMAS`]. A contract enum missing here fails the test.
const MODEL_ENUMS: &[ModelEnum] = &[
    model_enum!("acs_credential.access_method", AccessMethod),
    model_enum!("acs_credential.external_type", ExternalType),
    model_enum!(
        "acs_credential.visionline_metadata.card_function_type",
        CardFunctionType
    ),
    model_enum!("acs_credential.warnings[].warning_code", CredentialWarningCode),
    model_enum!("acs_entrance.assa_abloy_vostio_metadata.door_type", VostioDoorType),
    model_enum!("acs_entrance.visionline_metadata.door_category", VisionlineDoorCategory),
    model_enum!(
        "acs_entrance.visionline_metadata.profiles[].visionline_door_profile_type",
        VisionlineDoorProfileType
    ),
    model_enum!("acs_entrance.warnings[].warning_code", EntranceWarningCode),
    model_enum!("acs_system.errors[].error_code", AcsSystemErrorCode),
    model_enum!("acs_system.external_type", AcsSystemExternalType),
    model_enum!("acs_system.system_type", AcsSystemType),
    model_enum!("acs_system.warnings[].warning_code", AcsSystemWarningCode),
];

/// Enums that are not strings, so no open enum models them; with how they are modelled.
const NON_STRING_ENUMS: &[(&str, &str)] = &[("acs_credential.is_managed", "[true], modelled as bool")];

// ---------------------------------------------------------------------------------------
// The tests.
// ---------------------------------------------------------------------------------------

/// An example with every property of each modelled schema parses with nothing left over
/// in an `extra` map: the models know every property the contract has.
#[test]
fn models_know_every_contract_property() {
    let mut issues = Vec::new();
    issues.extend(unmodelled::<AcsCredential>("acs_credential", &CREDENTIAL_SHAPE));
    issues.extend(unmodelled::<AcsEntrance>("acs_entrance", &ENTRANCE_SHAPE));
    issues.extend(unmodelled::<AcsSystem>("acs_system", &SYSTEM_SHAPE));
    issues.extend(unmodelled::<ClientSession>("client_session", &CLIENT_SESSION_SHAPE));
    issues.extend(unmodelled::<Pagination>("pagination", &PAGINATION_SHAPE));
    assert_none("models differ from the contract", &issues);
}

/// Every value of every string enum in the modelled schemas is a KNOWN, named variant,
/// and every KNOWN value is in the contract (KNOWN is what request validation accepts).
#[test]
fn model_enums_list_exactly_the_contract_values() {
    let mut contract_enums = BTreeMap::new();
    for name in MODELLED_SCHEMAS {
        collect_enums(schema(name), name, &mut contract_enums);
    }
    let mut issues = Vec::new();
    for (path, values) in &contract_enums {
        if let Some((_, how)) = NON_STRING_ENUMS.iter().find(|(p, _)| p == path) {
            if values.iter().any(Value::is_string) {
                issues.push(format!(
                    "{path}: listed as a non-string enum ({how}) but has string values {values:?}"
                ));
            }
            continue;
        }
        let Some(model) = MODEL_ENUMS.iter().find(|m| m.path == path) else {
            issues.push(format!(
                "{path}: the contract has enum {values:?} but no open enum is mapped to it"
            ));
            continue;
        };
        let strings: BTreeSet<&str> = values.iter().filter_map(Value::as_str).collect();
        if strings.len() != values.len() {
            issues.push(format!("{path}: the contract enum {values:?} has non-string values"));
        }
        for value in &strings {
            if !model.known.contains(value) || !(model.parses_known)(value) {
                issues.push(format!(
                    "{path}: \"{value}\" is in the contract but not a KNOWN {}",
                    model.rust
                ));
            }
        }
        for value in model.known {
            if !strings.contains(value) {
                issues.push(format!(
                    "{path}: \"{value}\" is a KNOWN {} but not in the contract",
                    model.rust
                ));
            }
        }
    }
    for model in MODEL_ENUMS {
        if !contract_enums.contains_key(model.path) {
            issues.push(format!(
                "MODEL_ENUMS has {} ({}) but the contract has no enum there",
                model.path, model.rust
            ));
        }
    }
    for (path, _) in NON_STRING_ENUMS {
        if !contract_enums.contains_key(*path) {
            issues.push(format!(
                "NON_STRING_ENUMS has {path} but the contract has no enum there"
            ));
        }
    }
    assert_none("enums differ from the contract", &issues);
}

/// For every property of `acs_credential` and `acs_entrance` that the contract does not
/// require, at any depth, a record with that property `null` is accepted in both modes,
/// with no issue: Seam's servers send `null` for "no value".
#[test]
fn null_on_every_optional_property_is_accepted_in_both_modes() {
    let mut counts = Vec::new();
    for (name, shape) in [("acs_credential", &CREDENTIAL_SHAPE), ("acs_entrance", &ENTRANCE_SHAPE)] {
        let record = example(schema(name));
        let mut optional = Vec::new();
        optional_pointers(schema(name), "", &mut optional);
        for pointer in &optional {
            let mut with_null = record.clone();
            *with_null
                .pointer_mut(pointer)
                .unwrap_or_else(|| panic!("{name}{pointer} not in the example")) = Value::Null;
            for mode in [AnswerMode::Lenient, AnswerMode::Strict] {
                let checked = check_json(shape, &with_null.to_string(), mode);
                assert_eq!(checked, Ok(vec![]), "{name}{pointer} = null, {mode:?}");
            }
        }
        counts.push((name, optional.len()));
    }
    // The contract's optional properties, nested ones included (`visionline_metadata` and
    // each of its properties count one each).
    assert_eq!(counts, vec![("acs_credential", 32), ("acs_entrance", 59)]);
}

/// JSON pointers, into [`example`]'s record, of every property that the contract does
/// not require, at any depth (arrays: their one example item).
fn optional_pointers(schema: &Value, at: &str, out: &mut Vec<String>) {
    let schema = resolve(schema);
    if let Some(items) = schema.get("items") {
        return optional_pointers(items, &format!("{at}/0"), out);
    }
    let first_variant = schema["oneOf"].as_array().and_then(|variants| variants.first());
    if let (None, Some(variant)) = (schema.get("properties"), first_variant) {
        return optional_pointers(variant, at, out);
    }
    let required = top_level_required(schema);
    for (name, property) in schema["properties"].as_object().into_iter().flatten() {
        let pointer = format!("{at}/{name}");
        if !required.contains(name) {
            out.push(pointer.clone());
        }
        optional_pointers(property, &pointer, out);
    }
}

/// The generator maps the contract's security schemes to [`seam_acs_core::AuthMode`]s by
/// name: each mode of each endpoint is a scheme its `security` line names, under that name.
#[test]
fn endpoint_auth_modes_are_contract_schemes() {
    let mut issues = Vec::new();
    for endpoint in ENDPOINTS {
        let operation = post_operation(endpoint.path).expect("every endpoint has a POST");
        let schemes: BTreeSet<&str> = operation["security"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
            .flat_map(|requirement| requirement.keys().map(String::as_str))
            .collect();
        if endpoint.auth.is_empty() {
            issues.push(format!("{}: no auth mode", endpoint.path));
        }
        for mode in endpoint.auth {
            if !schemes.contains(mode.as_str()) {
                issues.push(format!(
                    "{}: {mode:?} is not in the contract's security {schemes:?}",
                    endpoint.path
                ));
            }
        }
    }
    assert_none("endpoint auth differs from the contract", &issues);
}

/// Every `/acs/credentials/*` path of the contract, and the entrance and client session
/// endpoints the client needs, are in `ENDPOINTS`, except the listed [`UNSUPPORTED_PATHS`].
#[test]
fn endpoints_cover_the_contract() {
    let paths = contract()["paths"].as_object().expect("the contract has paths");
    let ours: BTreeSet<&str> = ENDPOINTS.iter().map(|e| e.path).collect();
    let mut issues = Vec::new();
    if ours.len() != ENDPOINTS.len() {
        issues.push("ENDPOINTS lists a path twice".to_owned());
    }
    let wanted = paths
        .keys()
        .map(String::as_str)
        .filter(|path| path.starts_with("/acs/credentials/"))
        .chain(OTHER_REQUIRED_PATHS.iter().copied());
    for path in wanted {
        if !paths.contains_key(path) {
            issues.push(format!("{path}: required but not in the contract"));
        } else if ours.contains(path) {
            continue;
        } else if !UNSUPPORTED_PATHS.iter().any(|(p, _)| *p == path) {
            issues.push(format!(
                "{path}: in the contract but not in ENDPOINTS (nor in UNSUPPORTED_PATHS)"
            ));
        }
    }
    for (path, note) in UNSUPPORTED_PATHS {
        if ours.contains(path) {
            issues.push(format!("{path}: in ENDPOINTS, so remove it from UNSUPPORTED_PATHS"));
        }
        match post_operation(path) {
            None => issues.push(format!(
                "{path}: listed in UNSUPPORTED_PATHS but not in the contract: remove it"
            )),
            Some(operation) => {
                let actual = operation.get("x-undocumented").and_then(Value::as_str);
                if actual != Some(*note) {
                    issues.push(format!(
                        "{path}: unsupported because x-undocumented is {note:?}, but the contract now says {actual:?}"
                    ));
                }
            }
        }
    }
    assert_none("ENDPOINTS does not cover the contract", &issues);
}

// ---------------------------------------------------------------------------------------
// Loading the contract.
// ---------------------------------------------------------------------------------------

/// The pinned contract, read once per test process (the tests run in parallel) by the
/// generator's own reader: the document is read one way only.
fn openapi() -> &'static Contract {
    static CONTRACT: OnceLock<Contract> = OnceLock::new();
    CONTRACT.get_or_init(|| match xtask::load(&xtask::root()) {
        Ok((contract, _)) => contract,
        Err(error) => panic!("{error}"),
    })
}

fn contract() -> &'static Value {
    &openapi().document
}

// ---------------------------------------------------------------------------------------
// Reading schemas.
// ---------------------------------------------------------------------------------------

/// A schema of `components.schemas`, by name.
fn schema(name: &str) -> &'static Value {
    let schema = &contract()["components"]["schemas"][name];
    assert!(schema.is_object(), "the contract has no schema {name}");
    schema
}

/// The schema a `$ref` names; any other schema as is.
fn resolve(schema: &Value) -> &Value {
    openapi().resolve(schema).unwrap_or_else(|e| panic!("{e}"))
}

/// What an object schema requires whichever variant it is.
fn top_level_required(schema: &Value) -> BTreeSet<String> {
    openapi().top_level_required(schema).unwrap_or_else(|e| panic!("{e}"))
}

/// The POST operation of a path, if the contract has one.
fn post_operation(path: &str) -> Option<&'static Value> {
    contract()["paths"].get(path)?.get("post")
}

// ---------------------------------------------------------------------------------------
// Models.
// ---------------------------------------------------------------------------------------

/// An example of `schema` with every property present, recursively: arrays hold one
/// item, a `oneOf`/`anyOf` has every variant's properties, `nullable` values are not null, and
/// strings have their format (so a model that checked formats would accept them).
fn example(schema: &Value) -> Value {
    let schema = resolve(schema);
    if let Some(values) = schema["enum"].as_array() {
        return values.first().cloned().expect("an enum has a value");
    }
    let variants: Vec<&Value> = ["oneOf", "anyOf"]
        .iter()
        .flat_map(|keyword| schema[*keyword].as_array().into_iter().flatten())
        .collect();
    let has_properties = schema.get("properties").is_some() || schema.get("allOf").is_some();
    if schema.get("type").is_none() && !has_properties && !variants.is_empty() {
        // A bare oneOf (the warnings' items): every variant's properties, the first's values
        // where they share one.
        return merged(variants.into_iter().map(example));
    }
    match schema["type"].as_str() {
        Some("string") => Value::from(match schema["format"].as_str() {
            Some("uuid") => "3c90c3cc-0d44-4b50-8888-8dd25736052a",
            Some("date-time") => "2030-01-02T03:04:05.000Z",
            Some("uri") => "https://connect.getseam.com/next",
            _ => "text",
        }),
        Some("boolean") => Value::Bool(true),
        Some("number" | "integer") => Value::from(1),
        Some("array") => Value::Array(vec![example(&schema["items"])]),
        Some("object") | None if has_properties => {
            let mut object = Map::new();
            for (name, property) in schema["properties"].as_object().into_iter().flatten() {
                object.insert(name.clone(), example(property));
            }
            let parts = schema["allOf"].as_array().into_iter().flatten().chain(variants);
            merged(std::iter::once(Value::Object(object)).chain(parts.map(example)))
        }
        Some("object") => Value::Object(Map::new()),
        other => panic!("cannot make an example of a schema of type {other:?}: {schema}"),
    }
}

/// The objects' properties together; a property two of them have keeps the first one's value.
fn merged(objects: impl Iterator<Item = Value>) -> Value {
    let mut out = Map::new();
    for object in objects {
        for (name, value) in object.as_object().into_iter().flatten() {
            out.entry(name.clone()).or_insert_with(|| value.clone());
        }
    }
    Value::Object(out)
}

/// The contract properties of schema `name` that the model `T` keeps only in `extra`, or
/// that its `shape` (what answers are checked against) does not list.
fn unmodelled<T: DeserializeOwned + UnknownFields>(name: &str, shape: &Shape) -> Vec<String> {
    let example = example(schema(name));
    let model: T = parse_json(shape, &example.to_string())
        .unwrap_or_else(|e| panic!("the contract's {name} does not parse into the model: {e}\n{example:#}"));
    let mut issues: Vec<String> = model
        .unknown_fields()
        .into_iter()
        .map(|path| format!("{name}.{path} is in the contract but not modelled"))
        .collect();
    unshaped(&example, shape, name, &mut issues);
    issues
}

/// Lists the properties of `example` that `shape` does not name: a shape passes unknown
/// properties without checking them, so a property missing from it would go unchecked.
fn unshaped(example: &Value, shape: &Shape, at: &str, issues: &mut Vec<String>) {
    match (example, shape) {
        (Value::Object(object), Shape::Object(known)) => {
            for (name, value) in object {
                match known.fields.iter().find(|(field, _, _)| field == name) {
                    Some((_, inner, _)) => unshaped(value, inner, &format!("{at}.{name}"), issues),
                    None => issues.push(format!("{at}.{name} is in the contract but not in the shape")),
                }
            }
        }
        (Value::Array(items), Shape::List(inner)) => {
            for item in items {
                unshaped(item, inner, &format!("{at}[]"), issues);
            }
        }
        (value, Shape::Nullable(inner)) => unshaped(value, inner, at, issues),
        _ => {}
    }
}

/// Every `enum` under `schema`, by path (`acs_credential.warnings[].warning_code`), with
/// the values of all `oneOf`/`anyOf` variants at one path merged in contract order.
fn collect_enums(schema: &Value, at: &str, out: &mut BTreeMap<String, Vec<Value>>) {
    let schema = resolve(schema);
    if let Some(values) = schema["enum"].as_array() {
        let merged = out.entry(at.to_owned()).or_default();
        for value in values {
            if !merged.contains(value) {
                merged.push(value.clone());
            }
        }
    }
    for (name, property) in schema["properties"].as_object().into_iter().flatten() {
        collect_enums(property, &format!("{at}.{name}"), out);
    }
    if let Some(items) = schema.get("items") {
        collect_enums(items, &format!("{at}[]"), out);
    }
    for keyword in ["allOf", "oneOf", "anyOf"] {
        for part in schema[keyword].as_array().into_iter().flatten() {
            collect_enums(part, at, out);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Endpoints.
// ---------------------------------------------------------------------------------------

/// Fails with every issue on its own line, so one run names all the differences.
fn assert_none(what: &str, issues: &[String]) {
    assert!(
        issues.is_empty(),
        "{what} ({}):\n  {}",
        issues.len(),
        issues.join("\n  ")
    );
}
