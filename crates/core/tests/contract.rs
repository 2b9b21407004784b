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
//! The models, the endpoint table and its auth modes were written by hand from that
//! contract; these tests read the contract itself and name every difference. Where this
//! client differs on purpose, the difference is listed in a constant below and the tests
//! check that it still exists, so no list can rot.
//!
//! The document is read from `$SEAM_OPENAPI_JSON`, else `<workspace>/target/contract/openapi.json`;
//! when the file is missing the extraction script is run (it needs `npm ci --prefix tests`).

use seam_acs_core::endpoints::Returns;
use seam_acs_core::models::{
    AccessMethod, AcsCredential, AcsEntrance, CardFunctionType, ClientSession, CredentialWarningCode,
    EntranceWarningCode, ExternalType, Pagination, UnknownFields, VisionlineDoorCategory, VisionlineDoorProfileType,
    VostioDoorType,
};
use seam_acs_core::models::{CLIENT_SESSION_SHAPE, CREDENTIAL_SHAPE, ENTRANCE_SHAPE, PAGINATION_SHAPE};
use seam_acs_core::response::{check_json, parse_json};
use seam_acs_core::shape::Shape;
use seam_acs_core::validate::spec::{Field, Kind};
use seam_acs_core::{AnswerMode, AuthMode, ENDPOINTS};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

// ---------------------------------------------------------------------------------------
// Deliberate differences, each checked to still exist.
// ---------------------------------------------------------------------------------------

/// A request parameter the table validates more strictly than the contract does.
struct Stricter {
    /// `<endpoint path> <parameter path>`, as the mismatch messages name it.
    param: &'static str,
    /// What the contract says, as [`describe`] writes it.
    contract: &'static str,
    why: &'static str,
}

/// Where the endpoint table is stricter than the contract on purpose. Each entry must
/// still be a difference with exactly this contract shape, or the test fails.
const STRICTER_THAN_CONTRACT: &[Stricter] = &[
    Stricter {
        param: "/acs/credentials/update acs_credential_id",
        contract: "string",
        why: "every credential id Seam issues is a UUID, and every other endpoint says format=uuid",
    },
    Stricter {
        param: "/acs/credentials/list limit",
        contract: "number format=float",
        why: "a page size is a whole number of at least 1 (/acs/entrances/list says so: integer > 0)",
    },
];

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

/// The contract's security scheme names this client supports, and the mode each is.
const SUPPORTED_SCHEMES: &[(&str, AuthMode)] = &[
    ("api_key", AuthMode::ApiKey),
    ("client_session", AuthMode::ClientSession),
    ("pat_with_workspace", AuthMode::PersonalAccessToken),
    ("console_session_with_workspace", AuthMode::ConsoleSession),
    ("publishable_key", AuthMode::PublishableKey),
];

/// Schemes the contract allows on these endpoints that this client does not offer:
/// Seam-internal support tokens and customer-scoped client sessions.
const UNSUPPORTED_SCHEMES: &[&str] = &[
    "support_read_only_token",
    "client_session_with_customer",
    "client_session_with_customer_ro",
];

/// The response objects the models must cover completely.
const MODELLED_SCHEMAS: &[&str] = &["acs_credential", "acs_entrance", "client_session", "pagination"];

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
    issues.extend(unmodelled::<ClientSession>("client_session", &CLIENT_SESSION_SHAPE));
    issues.extend(unmodelled::<Pagination>("pagination", &PAGINATION_SHAPE));
    for name in MODELLED_SCHEMAS {
        // The example takes the first variant of each oneOf: a property only a later
        // variant has would go unchecked, so it is a finding of its own.
        only_in_later_variants(schema(name), name, &mut issues);
    }
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

/// Every object shape's `contract_required` is the contract's `required`, at every depth:
/// it decides where `null` is a wrong type and where it means absent.
#[test]
fn shapes_know_what_the_contract_requires() {
    let mut issues = Vec::new();
    for (name, shape) in [
        ("acs_credential", &CREDENTIAL_SHAPE),
        ("acs_entrance", &ENTRANCE_SHAPE),
        ("client_session", &CLIENT_SESSION_SHAPE),
        ("pagination", &PAGINATION_SHAPE),
    ] {
        required_alike(schema(name), shape, name, &mut issues);
    }
    assert_none("shapes and the contract require different properties", &issues);
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

/// Compares `contract_required` of every object in `shape` with the schema's `required`
/// (for a bare `oneOf`, what every variant requires).
fn required_alike(schema: &Value, shape: &Shape, at: &str, issues: &mut Vec<String>) {
    let schema = resolve(schema);
    match shape {
        Shape::Nullable(inner) => required_alike(schema, inner, at, issues),
        Shape::List(inner) => required_alike(&schema["items"], inner, &format!("{at}[]"), issues),
        Shape::Object(object) => {
            let contract = always_required(schema);
            let ours: BTreeSet<String> = object.contract_required.iter().map(|name| (*name).to_owned()).collect();
            if ours != contract {
                issues.push(format!(
                    "{at}: contract_required is {ours:?}, the contract requires {contract:?}"
                ));
            }
            let properties = merged_properties(schema, at, &mut Vec::new());
            for (name, inner) in object.fields {
                if let Some(property) = properties.get(*name) {
                    required_alike(property, inner, &format!("{at}.{name}"), issues);
                }
            }
        }
        Shape::Str | Shape::Bool | Shape::Number => {}
    }
}

/// What an object schema requires whichever `oneOf` variant it is.
fn always_required(schema: &Value) -> BTreeSet<String> {
    let variants = schema["oneOf"]
        .as_array()
        .filter(|_| schema.get("properties").is_none());
    match variants {
        Some(variants) => variants
            .iter()
            .map(top_level_required)
            .reduce(|all, one| all.intersection(&one).cloned().collect())
            .unwrap_or_default(),
        None => top_level_required(schema),
    }
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

/// Each endpoint's `params` are the contract's request body: the same names (nested
/// objects too), the same `required`, `nullable` and kinds, except the listed
/// [`STRICTER_THAN_CONTRACT`] parameters.
#[test]
fn endpoint_params_match_the_contract() {
    let mut check = ParamCheck::default();
    for endpoint in ENDPOINTS {
        let Some(operation) = post_operation(endpoint.path) else {
            check
                .issues
                .push(format!("{}: no POST operation in the contract", endpoint.path));
            continue;
        };
        let body = request_body(operation)
            .unwrap_or_else(|| panic!("{}: the contract has no application/json request body", endpoint.path));
        let mut issues = Vec::new();
        let properties = merged_properties(body, endpoint.path, &mut issues);
        check.issues.extend(issues);
        check.fields(
            endpoint.path,
            "",
            endpoint.params,
            &properties,
            &top_level_required(body),
        );
    }
    for exception in STRICTER_THAN_CONTRACT {
        if !check.used.contains(exception.param) {
            check.issues.push(format!(
                "STRICTER_THAN_CONTRACT lists {} ({}), but the contract no longer differs there: remove it",
                exception.param, exception.why
            ));
        }
    }
    assert_none("endpoint params differ from the contract", &check.issues);
}

/// An endpoint sent as a GET ([`seam_acs_core::Endpoint::query`]) has a GET operation in
/// the contract whose query parameters are exactly its params, required alike, all
/// strings (ids); the JSON body of its POST is checked above like any other.
#[test]
fn query_endpoints_have_a_get_with_the_same_query_parameters() {
    let mut issues = Vec::new();
    for endpoint in ENDPOINTS.iter().filter(|endpoint| endpoint.query) {
        let Some(get) = contract()["paths"].get(endpoint.path).and_then(|path| path.get("get")) else {
            issues.push(format!("{}: no GET operation in the contract", endpoint.path));
            continue;
        };
        let mut contract_params: Vec<(String, bool)> = get["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .map(resolve)
            .filter(|parameter| parameter["in"] == "query")
            .map(|parameter| {
                if !is_string(&parameter["schema"]) {
                    issues.push(format!(
                        "{}: query parameter {} is not a string",
                        endpoint.path, parameter["name"]
                    ));
                }
                (
                    parameter["name"].as_str().unwrap_or_default().to_owned(),
                    parameter["required"] == true,
                )
            })
            .collect();
        let mut ours: Vec<(String, bool)> = endpoint
            .params
            .iter()
            .map(|field| (field.name.to_owned(), field.required))
            .collect();
        contract_params.sort();
        ours.sort();
        if contract_params != ours {
            issues.push(format!(
                "{}: GET query {contract_params:?}, ours {ours:?}",
                endpoint.path
            ));
        }
    }
    assert_none("query endpoints differ from the contract's GET", &issues);
}

/// Each endpoint's `auth` is the contract's `security` list, less the schemes this
/// client does not offer ([`UNSUPPORTED_SCHEMES`]).
#[test]
fn endpoint_auth_matches_the_contract_security() {
    for (name, mode) in SUPPORTED_SCHEMES {
        assert_eq!(
            mode.as_str(),
            *name,
            "AuthMode::{mode:?} names itself differently from the contract"
        );
    }
    let mut issues = Vec::new();
    let mut unsupported_seen = BTreeSet::new();
    for endpoint in ENDPOINTS {
        let Some(operation) = post_operation(endpoint.path) else {
            issues.push(format!("{}: no POST operation in the contract", endpoint.path));
            continue;
        };
        let mut contract = BTreeSet::new();
        for requirement in operation["security"].as_array().into_iter().flatten() {
            let schemes: Vec<&String> = requirement.as_object().map(|o| o.keys().collect()).unwrap_or_default();
            // Several schemes in one requirement would mean "all of them at once".
            if schemes.len() != 1 {
                issues.push(format!(
                    "{}: security requirement {requirement} is not a single scheme",
                    endpoint.path
                ));
            }
            for scheme in schemes {
                if let Some((_, mode)) = SUPPORTED_SCHEMES.iter().find(|(name, _)| name == scheme) {
                    contract.insert(mode.as_str());
                } else if UNSUPPORTED_SCHEMES.contains(&scheme.as_str()) {
                    unsupported_seen.insert(scheme.clone());
                } else {
                    issues.push(format!(
                        "{}: security scheme {scheme} is neither supported nor listed as unsupported",
                        endpoint.path
                    ));
                }
            }
        }
        let ours: BTreeSet<&str> = endpoint.auth.iter().map(|mode| mode.as_str()).collect();
        if ours.len() != endpoint.auth.len() {
            issues.push(format!("{}: auth lists a mode twice", endpoint.path));
        }
        for missing in contract.difference(&ours) {
            issues.push(format!(
                "{}: the contract allows {missing} but auth does not",
                endpoint.path
            ));
        }
        for extra in ours.difference(&contract) {
            issues.push(format!(
                "{}: auth allows {extra} but the contract does not",
                endpoint.path
            ));
        }
    }
    for scheme in UNSUPPORTED_SCHEMES {
        if !unsupported_seen.contains(*scheme) {
            issues.push(format!(
                "UNSUPPORTED_SCHEMES lists {scheme}, which no endpoint's security mentions: remove it"
            ));
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

/// What each endpoint says it returns is what the contract's 200 response carries: the
/// key, the object under it, whether it is a list, and whether it is paginated.
#[test]
fn endpoint_returns_match_the_contract_responses() {
    let mut issues = Vec::new();
    for endpoint in ENDPOINTS {
        let path = endpoint.path;
        let Some(operation) = post_operation(path) else {
            issues.push(format!("{path}: no POST operation in the contract"));
            continue;
        };
        let response = resolve(&operation["responses"]["200"]);
        let body = resolve(&response["content"]["application/json"]["schema"]);
        let properties = body["properties"].as_object().cloned().unwrap_or_default();
        let required = top_level_required(body);
        let response_key = operation.get("x-response-key").cloned().unwrap_or(Value::Null);
        let names = |keys: &[&str]| keys.iter().map(|k| (*k).to_owned()).collect::<BTreeSet<String>>();
        let (expected_keys, expected_response_key) = match endpoint.returns {
            Returns::One { key, resource } => {
                expect_ref(path, key, properties.get(key), resource.schema(), &mut issues);
                (names(&[key, "ok"]), Value::from(key))
            }
            // The contract's x-response-key is null for these, though the schema has the object.
            Returns::Maybe { key, resource } => {
                expect_ref(path, key, properties.get(key), resource.schema(), &mut issues);
                (names(&[key, "ok"]), Value::Null)
            }
            Returns::Many {
                key,
                resource,
                paginated,
            } => {
                let items = properties
                    .get(key)
                    .filter(|p| p["type"] == "array")
                    .map(|p| &p["items"]);
                expect_ref(path, &format!("{key}[]"), items, resource.schema(), &mut issues);
                if paginated {
                    expect_ref(
                        path,
                        "pagination",
                        properties.get("pagination"),
                        "pagination",
                        &mut issues,
                    );
                    (names(&[key, "pagination", "ok"]), Value::from(key))
                } else {
                    (names(&[key, "ok"]), Value::from(key))
                }
            }
            Returns::Nothing => (names(&["ok"]), Value::Null),
        };
        let actual_keys: BTreeSet<String> = properties.keys().cloned().collect();
        if actual_keys != expected_keys {
            issues.push(format!(
                "{path}: the 200 response has {actual_keys:?}, returns expects {expected_keys:?}"
            ));
        }
        if required != expected_keys {
            issues.push(format!(
                "{path}: the 200 response requires {required:?}, returns expects {expected_keys:?}"
            ));
        }
        if response_key != expected_response_key {
            issues.push(format!(
                "{path}: x-response-key is {response_key}, returns implies {expected_response_key}"
            ));
        }
    }
    assert_none("endpoint returns differ from the contract", &issues);
}

// ---------------------------------------------------------------------------------------
// Loading the contract.
// ---------------------------------------------------------------------------------------

/// The contract version the models and the endpoint table were written from
/// (`tests/package.json` pins it; the extraction script stamps it into the document).
const PINNED_VERSION: &str = "1.977.0";

/// The workspace root: `crates/core` is two levels down.
fn workspace_dir() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .and_then(Path::parent)
        .expect("crates/core is inside the workspace")
        .to_path_buf()
}

/// The OpenAPI document, read once per test process (the tests run in parallel).
fn contract() -> &'static Value {
    static CONTRACT: OnceLock<Value> = OnceLock::new();
    CONTRACT.get_or_init(|| {
        let path = std::env::var_os("SEAM_OPENAPI_JSON")
            .map(PathBuf::from)
            .unwrap_or_else(|| workspace_dir().join("target").join("contract").join("openapi.json"));
        if !path.exists() {
            extract(&path);
        }
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read the contract at {}: {e}", path.display()));
        let document: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("the contract at {} is not JSON: {e}", path.display()));
        assert!(
            document["paths"].is_object(),
            "{} is not an OpenAPI document",
            path.display()
        );
        let version = &document["info"]["x-seamapi-types-version"];
        assert!(
            version == PINNED_VERSION,
            "{} is not the pinned contract (info.x-seamapi-types-version is {version}, expected \
             \"{PINNED_VERSION}\"): run `npm ci --prefix tests` and re-extract it with \
             `node tests/contract/extract-openapi.mjs {}`",
            path.display(),
            path.display()
        );
        document
    })
}

/// Writes the contract to `path` with the extraction script. Never passes silently:
/// without Node or the pinned package, the test fails and says how to install them.
fn extract(path: &Path) {
    let script = workspace_dir()
        .join("tests")
        .join("contract")
        .join("extract-openapi.mjs");
    let how = "install the pinned contract with `npm ci --prefix tests` (Node.js required), \
               or point SEAM_OPENAPI_JSON at an extracted openapi.json";
    let output = Command::new("node")
        .arg(&script)
        .arg(path)
        .output()
        .unwrap_or_else(|e| panic!("{} is missing and `node` cannot be run ({e}): {how}", path.display()));
    assert!(
        output.status.success() && path.exists(),
        "{} is missing and `node {} {}` failed ({}):\n{}\n{how}",
        path.display(),
        script.display(),
        path.display(),
        output.status,
        String::from_utf8_lossy(&output.stderr).trim()
    );
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

/// The schema a `$ref` (`#/components/schemas/acs_credential`) names; any other schema as is.
/// The contract inlines request bodies today, but a `$ref` would be just as valid.
fn resolve(schema: &Value) -> &Value {
    let Some(reference) = schema.get("$ref").and_then(Value::as_str) else {
        return schema;
    };
    let pointer = reference
        .strip_prefix('#')
        .unwrap_or_else(|| panic!("$ref {reference} is not inside the document"));
    resolve(
        contract()
            .pointer(pointer)
            .unwrap_or_else(|| panic!("$ref {reference} names nothing")),
    )
}

/// The POST operation of a path, if the contract has one.
fn post_operation(path: &str) -> Option<&'static Value> {
    contract()["paths"].get(path)?.get("post")
}

/// The JSON request body schema of an operation.
fn request_body(operation: &Value) -> Option<&Value> {
    let body = resolve(operation.get("requestBody")?);
    Some(resolve(body.get("content")?.get("application/json")?.get("schema")?))
}

/// Every property an object schema may have: its own, those of each `allOf` part and
/// those of every `oneOf`/`anyOf` variant. A name that two parts describe differently
/// is reported, as the table can hold only one kind per name.
fn merged_properties<'a>(schema: &'a Value, at: &str, issues: &mut Vec<String>) -> BTreeMap<String, &'a Value> {
    let schema = resolve(schema);
    let mut out: BTreeMap<String, &Value> = BTreeMap::new();
    for (name, property) in schema["properties"].as_object().into_iter().flatten() {
        out.insert(name.clone(), resolve(property));
    }
    for keyword in ["allOf", "oneOf", "anyOf"] {
        for part in schema[keyword].as_array().into_iter().flatten() {
            for (name, property) in merged_properties(part, at, issues) {
                match out.get(&name) {
                    Some(seen) if *seen != property => {
                        issues.push(format!(
                            "{at} {name}: described differently by two parts of the contract's {keyword}"
                        ));
                    }
                    Some(_) => {}
                    None => {
                        out.insert(name, property);
                    }
                }
            }
        }
    }
    out
}

/// The properties an object schema always requires: its own `required` and those of its
/// `allOf` parts (which all apply). A `oneOf` variant's `required` applies only to that
/// variant, so it is the table's cross-field rules that model it, not `Field::required`.
fn top_level_required(schema: &Value) -> BTreeSet<String> {
    let schema = resolve(schema);
    let mut out: BTreeSet<String> = schema["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|name| name.as_str().map(str::to_owned))
        .collect();
    for part in schema["allOf"].as_array().into_iter().flatten() {
        out.extend(top_level_required(part));
    }
    out
}

/// A schema in one line (`string format=uuid nullable`), for messages and for
/// [`STRICTER_THAN_CONTRACT`]. Descriptions and defaults are left out: they do not constrain.
fn describe(schema: &Value) -> String {
    let schema = resolve(schema);
    let mut parts = vec![schema["type"].as_str().unwrap_or("(no type)").to_owned()];
    for keyword in ["format", "pattern", "minLength", "minimum", "minItems", "maxItems"] {
        if let Some(value) = schema.get(keyword) {
            let value = value.as_str().map_or_else(|| value.to_string(), str::to_owned);
            parts.push(format!("{keyword}={value}"));
        }
    }
    if schema["exclusiveMinimum"] == true {
        parts.push("exclusiveMinimum".to_owned());
    }
    if let Some(values) = schema.get("enum") {
        parts.push(format!("enum={values}"));
    }
    if schema["nullable"] == true {
        parts.push("nullable".to_owned());
    }
    if let Some(items) = schema.get("items") {
        parts.push(format!("of ({})", describe(items)));
    }
    parts.join(" ")
}

fn is_string(schema: &Value) -> bool {
    schema["type"] == "string"
}

// ---------------------------------------------------------------------------------------
// Models.
// ---------------------------------------------------------------------------------------

/// An example of `schema` with every property present, recursively: arrays hold one
/// item, a `oneOf`/`anyOf` takes its first variant, `nullable` values are not null, and
/// strings have their format (so a model that checked formats would accept them).
fn example(schema: &Value) -> Value {
    let schema = resolve(schema);
    if let Some(values) = schema["enum"].as_array() {
        return values.first().cloned().expect("an enum has a value");
    }
    let first_variant = ["oneOf", "anyOf"]
        .iter()
        .find_map(|keyword| schema[*keyword].as_array().and_then(|variants| variants.first()));
    let has_properties = schema.get("properties").is_some() || schema.get("allOf").is_some();
    if let (None, false, Some(variant)) = (schema.get("type"), has_properties, first_variant) {
        // A bare oneOf (the warnings' items): the first variant is the example.
        return example(variant);
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
            let parts = schema["allOf"].as_array().into_iter().flatten().chain(first_variant);
            for part in parts {
                if let Value::Object(more) = example(part) {
                    object.extend(more);
                }
            }
            Value::Object(object)
        }
        Some("object") => Value::Object(Map::new()),
        other => panic!("cannot make an example of a schema of type {other:?}: {schema}"),
    }
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
                match known.fields.iter().find(|(field, _)| field == name) {
                    Some((_, inner)) => unshaped(value, inner, &format!("{at}.{name}"), issues),
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

/// Reports properties that only a later `oneOf`/`anyOf` variant has, which [`example`]
/// (first variant only) would never put in front of a model.
fn only_in_later_variants(schema: &Value, at: &str, issues: &mut Vec<String>) {
    let schema = resolve(schema);
    for (name, property) in schema["properties"].as_object().into_iter().flatten() {
        only_in_later_variants(property, &format!("{at}.{name}"), issues);
    }
    if let Some(items) = schema.get("items") {
        only_in_later_variants(items, &format!("{at}[]"), issues);
    }
    for part in schema["allOf"].as_array().into_iter().flatten() {
        only_in_later_variants(part, at, issues);
    }
    for keyword in ["oneOf", "anyOf"] {
        let variants = schema[keyword].as_array().map(Vec::as_slice).unwrap_or_default();
        let Some((first, later)) = variants.split_first() else {
            continue;
        };
        let first_names: BTreeSet<String> = merged_properties(first, at, &mut Vec::new()).into_keys().collect();
        for (i, variant) in later.iter().enumerate() {
            for name in merged_properties(variant, at, &mut Vec::new()).into_keys() {
                if !first_names.contains(&name) {
                    issues.push(format!(
                        "{at}.{name} is only in {keyword} variant {}: not checked against the model",
                        i + 1
                    ));
                }
            }
            only_in_later_variants(variant, at, issues);
        }
        only_in_later_variants(first, at, issues);
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

/// Compares an endpoint's [`Field`]s with the contract's properties, collecting every
/// difference and the [`STRICTER_THAN_CONTRACT`] entries it relied on.
#[derive(Default)]
struct ParamCheck {
    issues: Vec<String>,
    used: BTreeSet<&'static str>,
}

impl ParamCheck {
    /// One level of parameters (the body, or a nested `Kind::Object`), both directions.
    fn fields(
        &mut self,
        endpoint: &str,
        prefix: &str,
        fields: &[Field],
        properties: &BTreeMap<String, &Value>,
        required: &BTreeSet<String>,
    ) {
        let names: BTreeSet<&str> = fields.iter().map(|f| f.name).collect();
        if names.len() != fields.len() {
            self.issues
                .push(format!("{endpoint} {prefix}: a parameter is listed twice"));
        }
        for name in properties.keys() {
            if !names.contains(name.as_str()) {
                self.issues.push(format!(
                    "{endpoint} {prefix}{name} is in the contract but not in params"
                ));
            }
        }
        for name in required {
            if !properties.contains_key(name) {
                self.issues.push(format!(
                    "{endpoint} {prefix}{name} is required by the contract but not described"
                ));
            }
        }
        for field in fields {
            let at = format!("{endpoint} {prefix}{}", field.name);
            let Some(property) = properties.get(field.name) else {
                self.issues.push(format!("{at} is in params but not in the contract"));
                continue;
            };
            let contract_required = required.contains(field.name);
            if field.required != contract_required {
                self.issues.push(format!(
                    "{at}: required is {} in the contract but {} here",
                    contract_required, field.required
                ));
            }
            let contract_nullable = property["nullable"] == true;
            if field.nullable != contract_nullable {
                self.issues.push(format!(
                    "{at}: nullable is {contract_nullable} in the contract but {} here",
                    field.nullable
                ));
            }
            self.kind(endpoint, &format!("{prefix}{}", field.name), &field.kind, property);
        }
    }

    /// A parameter's [`Kind`] against its contract schema. Formats and enums must agree
    /// both ways: a uuid in the contract is a `Kind::Uuid` here and nothing else is.
    fn kind(&mut self, endpoint: &str, param: &str, kind: &Kind, schema: &Value) {
        let schema = resolve(schema);
        let plain_string = is_string(schema)
            && ["format", "enum", "pattern"]
                .iter()
                .all(|keyword| schema.get(*keyword).is_none());
        let agrees = match kind {
            Kind::Uuid => is_string(schema) && schema["format"] == "uuid" && schema.get("enum").is_none(),
            Kind::DateTime => is_string(schema) && schema["format"] == "date-time" && schema.get("enum").is_none(),
            Kind::Digits => is_string(schema) && schema["pattern"] == r"^\d+$" && schema.get("format").is_none(),
            // Never looser than the contract's minLength; stricter (a non-empty cursor) is fine.
            Kind::Text { min_len } => {
                let min_length = schema["minLength"].as_u64().unwrap_or(0);
                plain_string && u64::try_from(*min_len).is_ok_and(|min_len| min_len >= min_length)
            }
            Kind::Bool => schema["type"] == "boolean",
            Kind::PositiveInt => {
                schema["type"] == "integer"
                    && (schema["minimum"].as_f64() >= Some(1.0)
                        || (schema["minimum"].as_f64() == Some(0.0) && schema["exclusiveMinimum"] == true))
            }
            Kind::Enum(values) => {
                let contract: BTreeSet<&str> = schema["enum"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                let ours: BTreeSet<&str> = values.iter().copied().collect();
                if is_string(schema) && !contract.is_empty() && contract != ours {
                    let missing: Vec<_> = contract.difference(&ours).collect();
                    let extra: Vec<_> = ours.difference(&contract).collect();
                    self.issues.push(format!(
                        "{endpoint} {param}: enum values missing here {missing:?}, here but not in the contract {extra:?}"
                    ));
                    return;
                }
                is_string(schema) && !contract.is_empty()
            }
            Kind::List(item) => {
                if schema["type"] == "array" {
                    self.kind(endpoint, &format!("{param}[]"), item, &schema["items"]);
                    return;
                }
                false
            }
            Kind::Object(fields) => {
                if schema["type"] == "object" {
                    let mut issues = Vec::new();
                    let properties = merged_properties(schema, &format!("{endpoint} {param}"), &mut issues);
                    self.issues.extend(issues);
                    self.fields(
                        endpoint,
                        &format!("{param}."),
                        fields,
                        &properties,
                        &top_level_required(schema),
                    );
                    return;
                }
                false
            }
        };
        if !agrees {
            self.mismatch(endpoint, param, kind, schema);
        }
    }

    /// A kind that does not agree: fine only when [`STRICTER_THAN_CONTRACT`] lists it
    /// with exactly this contract shape.
    fn mismatch(&mut self, endpoint: &str, param: &str, kind: &Kind, schema: &Value) {
        let at = format!("{endpoint} {param}");
        let found = describe(schema);
        match STRICTER_THAN_CONTRACT.iter().find(|e| e.param == at) {
            Some(exception) if exception.contract == found => {
                self.used.insert(exception.param);
            }
            Some(exception) => self.issues.push(format!(
                "{at}: STRICTER_THAN_CONTRACT expects the contract to say `{}` but it says `{found}` (here {kind:?})",
                exception.contract
            )),
            None => self
                .issues
                .push(format!("{at}: the contract says `{found}` but the table has {kind:?}")),
        }
    }
}

/// Checks that a response property is a `$ref` to the named component schema.
fn expect_ref(path: &str, key: &str, property: Option<&Value>, schema_name: &str, issues: &mut Vec<String>) {
    let expected = format!("#/components/schemas/{schema_name}");
    match property.and_then(|p| p.get("$ref")).and_then(Value::as_str) {
        Some(reference) if reference == expected => {}
        _ => issues.push(format!(
            "{path}: the 200 response's {key} is not {expected}: {property:?}"
        )),
    }
}

/// Fails with every issue on its own line, so one run names all the differences.
fn assert_none(what: &str, issues: &[String]) {
    assert!(
        issues.is_empty(),
        "{what} ({}):\n  {}",
        issues.len(),
        issues.join("\n  ")
    );
}
