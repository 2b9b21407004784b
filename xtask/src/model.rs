//! The API as the generator understands it: the contract read through the overlay.

use crate::openapi::{describe, strings, Contract};
use crate::overlay::{EndpointOverlay, Overlay, RuleOverlay};
use serde_json::Value;
use std::collections::BTreeSet;

/// What a parameter's value must be (`seam_acs_core::validate::spec::Kind`).
#[derive(Debug, Clone)]
pub enum Kind {
    Uuid,
    DateTime,
    Email,
    Digits,
    Text(usize),
    Bool,
    PositiveInt,
    Enum(Vec<String>),
    List(Box<Kind>),
    Object(Vec<Param>),
}

#[derive(Debug, Clone)]
pub struct Param {
    pub name: String,
    pub kind: Kind,
    pub required: bool,
    pub nullable: bool,
    /// The contract's `x-deprecated` note, when the parameter is deprecated.
    pub deprecated: Option<String>,
    /// Why it is checked more strictly than the contract says, and what the contract says.
    pub stricter: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Rule {
    ExactlyOneOf(Vec<String>),
    AtLeastOneOf(Vec<String>),
    Requires {
        field: String,
        needs: String,
    },
    AllowedCombinations {
        among: Vec<String>,
        allowed: Vec<Vec<String>>,
    },
    After {
        later: String,
        earlier: String,
    },
    InFuture(String),
}

#[derive(Debug, Clone)]
pub enum Returns {
    One {
        key: String,
        schema: String,
    },
    Maybe {
        key: String,
        schema: String,
    },
    Many {
        key: String,
        schema: String,
        paginated: bool,
    },
    Nothing,
}

impl Returns {
    pub fn schema(&self) -> Option<&str> {
        match self {
            Returns::One { schema, .. } | Returns::Maybe { schema, .. } | Returns::Many { schema, .. } => Some(schema),
            Returns::Nothing => None,
        }
    }
}

pub struct Endpoint {
    pub path: String,
    pub returns: Returns,
    pub retry_safe: bool,
    pub query: bool,
    /// The contract names an `x-action-attempt-type`: the answer is an action attempt to wait for.
    pub action_attempt: bool,
    /// `AuthMode` variant names, in the contract's order.
    pub auth: Vec<&'static str>,
    pub params: Vec<Param>,
    /// Each rule with where it comes from (a quote of the contract, or why it is ours).
    pub rules: Vec<(Rule, String)>,
}

/// The shape of an answer value (`seam_acs_core::shape::Shape`), with what the TypeScript
/// declarations also need.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A string; the contract's enum values, if any.
    Str(Vec<String>),
    Bool,
    Number,
    Nullable(Box<Shape>),
    List(Box<Shape>),
    Object(Object),
    /// What the contract's variants describe differently (`seam_acs_core::shape::Shape::Any`).
    Any,
}

impl Shape {
    /// This shape one level deep: the objects inside it (in a property, a list, or `null`)
    /// keep their kind and lose their properties, so a check reads no further.
    pub fn shallow(&self) -> Shape {
        let Shape::Object(object) = self else {
            return self.clone();
        };
        fn opaque(shape: &Shape) -> Shape {
            match shape {
                Shape::Object(_) => Shape::Object(Object::default()),
                Shape::List(inner) => Shape::List(Box::new(opaque(inner))),
                Shape::Nullable(inner) => Shape::Nullable(Box::new(opaque(inner))),
                other => other.clone(),
            }
        }
        let fields = object
            .fields
            .iter()
            .map(|field| ShapeField {
                shape: opaque(&field.shape),
                ..field.clone()
            })
            .collect();
        Shape::Object(Object {
            fields,
            ..object.clone()
        })
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Object {
    /// Sorted by name.
    pub fields: Vec<ShapeField>,
    /// Essential at the top of a resource; elsewhere, missing is an issue.
    pub required: Vec<String>,
    pub contract_required: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ShapeField {
    pub name: String,
    pub shape: Shape,
    pub deprecated: bool,
}

/// A component schema an endpoint returns, or `pagination`.
pub struct Resource {
    /// The contract's schema name (`acs_credential`).
    pub schema: String,
    pub shape: Shape,
    /// Answers are checked one level deep: [`Shape::shallow`].
    pub shallow: bool,
}

pub struct Api {
    pub version: String,
    pub endpoints: Vec<Endpoint>,
    /// In order of first use; `pagination` last.
    pub resources: Vec<Resource>,
    /// Answer properties that are secrets (`client_session.token`): never printed by `Debug`.
    pub secrets: Vec<String>,
}

/// The contract's security scheme names this client supports, and the `AuthMode` each is.
const SCHEMES: &[(&str, &str)] = &[
    ("api_key", "ApiKey"),
    ("client_session", "ClientSession"),
    ("pat_with_workspace", "PersonalAccessToken"),
    ("console_session_with_workspace", "ConsoleSession"),
    ("publishable_key", "PublishableKey"),
];

pub fn build(contract: &Contract, overlay: &Overlay) -> Result<Api, String> {
    let version = contract.document["info"]["x-seamapi-types-version"]
        .as_str()
        .unwrap_or_default();
    let mut endpoints = Vec::new();
    for entry in &overlay.endpoint {
        endpoints.push(endpoint(contract, overlay, entry).map_err(|e| format!("{}: {e}", entry.path))?);
    }
    let mut names: Vec<String> = Vec::new();
    for endpoint in &endpoints {
        if let Some(schema) = endpoint.returns.schema() {
            if !names.iter().any(|name| name == schema) {
                names.push(schema.to_owned());
            }
        }
    }
    for name in overlay.resources.keys() {
        if !names.contains(name) {
            return Err(format!(
                "the overlay describes resource {name}, which no exposed endpoint returns"
            ));
        }
    }
    names.push("pagination".to_owned());
    let mut resources = Vec::new();
    for name in names {
        let listed = overlay.resources.get(&name);
        let essential = match (listed.and_then(|resource| resource.essential.clone()), name.as_str()) {
            (Some(essential), _) => essential,
            (None, "pagination") => Vec::new(),
            (None, _) => vec![format!("{name}_id")],
        };
        let shape =
            shape(contract, overlay, contract.schema(&name)?, Some(&essential)).map_err(|e| format!("{name}: {e}"))?;
        resources.push(Resource {
            schema: name,
            shape,
            shallow: listed.is_some_and(|resource| resource.shallow),
        });
    }
    Ok(Api {
        version: version.to_owned(),
        endpoints,
        resources,
        secrets: overlay.secrets.clone(),
    })
}

fn endpoint(contract: &Contract, overlay: &Overlay, entry: &EndpointOverlay) -> Result<Endpoint, String> {
    let path = entry.path.as_str();
    let post = contract
        .operation(path, "post")
        .ok_or("no POST operation in the contract")?;
    let body = contract.request_body(post)?;
    let properties = contract.merged_properties(body)?;
    let required = contract.top_level_required(body)?;
    let mut used = BTreeSet::new();
    let mut params = Vec::new();
    for (name, schema) in &properties {
        let param = param(
            contract,
            overlay,
            entry,
            name,
            schema,
            required.contains(name),
            &mut used,
        )
        .map_err(|e| format!("parameter {name}: {e}"))?;
        params.push(param);
    }
    for stricter in &entry.stricter {
        if !used.contains(&stricter.param) {
            return Err(format!(
                "the overlay's stricter entry for {} names no parameter",
                stricter.param
            ));
        }
    }
    let text = descriptions(contract, post, body)?;
    let mut rules = Vec::new();
    for rule in &entry.rules {
        rules.push(overlay_rule(rule, &text, &properties.keys().cloned().collect())?);
    }
    if let Some(rule) = one_of_rule(contract, body)? {
        rules.push((rule, "the contract's oneOf".to_owned()));
    }
    order_ranges(&mut params, &rules);
    let auth = auth(post, overlay)?;
    let retry_safe = entry
        .retry_safe
        .unwrap_or_else(|| contract.operation(path, "get").is_some());
    if entry.query {
        check_query(contract, path, &params)?;
    }
    Ok(Endpoint {
        path: path.to_owned(),
        returns: returns(contract, post, entry)?,
        retry_safe,
        query: entry.query,
        action_attempt: post["x-action-attempt-type"].as_str().is_some_and(|t| !t.is_empty()),
        auth,
        params,
        rules,
    })
}

/// Parameters are in the contract's (alphabetical) order, except that a range reads in order:
/// the earlier bound of an `After` rule comes just before the later one, so that issues about
/// `starts_at` are reported before those about `ends_at`.
fn order_ranges(params: &mut Vec<Param>, rules: &[(Rule, String)]) {
    for (rule, _) in rules {
        let Rule::After { later, earlier } = rule else { continue };
        let position = |name: &str, params: &[Param]| params.iter().position(|p| p.name == name);
        if let (Some(late), Some(early)) = (position(later, params), position(earlier, params)) {
            if early > late {
                let param = params.remove(early);
                params.insert(late, param);
            }
        }
    }
}

/// Every description of the endpoint and its parameters, where a rule's quote must be found.
fn descriptions(contract: &Contract, operation: &Value, body: &Value) -> Result<String, String> {
    let mut text = operation["description"].as_str().unwrap_or_default().to_owned();
    fn walk(contract: &Contract, schema: &Value, text: &mut String) -> Result<(), String> {
        let schema = contract.resolve(schema)?;
        if let Some(description) = schema["description"].as_str() {
            text.push('\n');
            text.push_str(description);
        }
        for property in schema["properties"].as_object().into_iter().flat_map(|o| o.values()) {
            walk(contract, property, text)?;
        }
        for keyword in ["allOf", "oneOf", "anyOf"] {
            for part in schema[keyword].as_array().into_iter().flatten() {
                walk(contract, part, text)?;
            }
        }
        Ok(())
    }
    walk(contract, body, &mut text)?;
    Ok(text)
}

fn overlay_rule(rule: &RuleOverlay, text: &str, names: &BTreeSet<String>) -> Result<(Rule, String), String> {
    let mut found = Vec::new();
    if let Some(names) = &rule.exactly_one_of {
        found.push(Rule::ExactlyOneOf(names.clone()));
    }
    if let Some(names) = &rule.at_least_one_of {
        found.push(Rule::AtLeastOneOf(names.clone()));
    }
    if let Some([field, needs]) = &rule.requires {
        found.push(Rule::Requires {
            field: field.clone(),
            needs: needs.clone(),
        });
    }
    if let Some([later, earlier]) = &rule.after {
        found.push(Rule::After {
            later: later.clone(),
            earlier: earlier.clone(),
        });
    }
    if let Some(name) = &rule.in_future {
        found.push(Rule::InFuture(name.clone()));
    }
    let [one] = <[Rule; 1]>::try_from(found).map_err(|_| format!("a rule must have exactly one kind: {rule:?}"))?;
    for name in rule_names(&one) {
        if !names.contains(name) {
            return Err(format!("a rule names {name}, which is not a parameter"));
        }
    }
    let source = match (&rule.quote, &rule.why) {
        (Some(quote), _) if !text.contains(quote.as_str()) => {
            return Err(format!("the rule's quote is no longer in the contract: {quote:?}"))
        }
        (Some(quote), _) => format!("\"{quote}\""),
        (None, Some(why)) => why.clone(),
        (None, None) => return Err(format!("a rule needs a quote or a why: {rule:?}")),
    };
    Ok((one, source))
}

fn rule_names(rule: &Rule) -> Vec<&String> {
    match rule {
        Rule::ExactlyOneOf(names) | Rule::AtLeastOneOf(names) => names.iter().collect(),
        Rule::Requires { field, needs } => vec![field, needs],
        Rule::AllowedCombinations { among, .. } => among.iter().collect(),
        Rule::After { later, earlier } => vec![later, earlier],
        Rule::InFuture(name) => vec![name],
    }
}

/// A `oneOf` of object variants in the request body (or one of its `allOf` parts): only the
/// sets of parameters one variant requires may be given together.
fn one_of_rule(contract: &Contract, body: &Value) -> Result<Option<Rule>, String> {
    let mut parts = vec![body];
    parts.extend(body["allOf"].as_array().into_iter().flatten());
    for part in parts {
        let part = contract.resolve(part)?;
        let Some(variants) = part["oneOf"].as_array() else {
            continue;
        };
        let mut among: Vec<String> = Vec::new();
        let mut allowed = Vec::new();
        for variant in variants {
            let required = strings(&contract.resolve(variant)?["required"]);
            for name in &required {
                if !among.contains(name) {
                    among.push(name.clone());
                }
            }
            allowed.push(required);
        }
        return Ok(Some(Rule::AllowedCombinations { among, allowed }));
    }
    Ok(None)
}

fn auth(operation: &Value, overlay: &Overlay) -> Result<Vec<&'static str>, String> {
    let mut modes = Vec::new();
    for requirement in operation["security"].as_array().into_iter().flatten() {
        let schemes: Vec<&String> = requirement.as_object().map(|o| o.keys().collect()).unwrap_or_default();
        let [scheme] = schemes.as_slice() else {
            return Err(format!("security requirement {requirement} is not a single scheme"));
        };
        match SCHEMES.iter().find(|(name, _)| name == scheme) {
            Some((_, mode)) if !modes.contains(mode) => modes.push(*mode),
            Some(_) => {}
            None if overlay.unsupported_schemes.contains(scheme) => {}
            None => {
                return Err(format!(
                    "security scheme {scheme} is neither an AuthMode nor listed as unsupported"
                ))
            }
        }
    }
    Ok(modes)
}

/// A GET endpoint's query parameters must be exactly its params, all strings (ids).
fn check_query(contract: &Contract, path: &str, params: &[Param]) -> Result<(), String> {
    let get = contract
        .operation(path, "get")
        .ok_or("query = true, but the contract has no GET")?;
    let mut theirs = Vec::new();
    for parameter in get["parameters"].as_array().into_iter().flatten() {
        let parameter = contract.resolve(parameter)?;
        if parameter["in"] == "query" {
            if parameter["schema"]["type"] != "string" {
                return Err(format!("query parameter {} is not a string", parameter["name"]));
            }
            theirs.push((
                parameter["name"].as_str().unwrap_or_default().to_owned(),
                parameter["required"] == true,
            ));
        }
    }
    let mut ours: Vec<(String, bool)> = params.iter().map(|p| (p.name.clone(), p.required)).collect();
    theirs.sort();
    ours.sort();
    if theirs != ours {
        return Err(format!("GET query {theirs:?}, but the POST body has {ours:?}"));
    }
    Ok(())
}

fn returns(contract: &Contract, operation: &Value, entry: &EndpointOverlay) -> Result<Returns, String> {
    let response = contract.resolve(&operation["responses"]["200"])?;
    let body = contract.resolve(
        response
            .pointer("/content/application~1json/schema")
            .ok_or("no 200 JSON answer")?,
    )?;
    let properties = body["properties"].as_object().cloned().unwrap_or_default();
    let key = operation.get("x-response-key").and_then(Value::as_str);
    let maybe = match entry.returns.as_deref() {
        None => false,
        Some("maybe") => true,
        Some(other) => return Err(format!("returns = {other:?}: only \"maybe\" is known")),
    };
    let others: Vec<&String> = properties.keys().filter(|k| *k != "ok" && *k != "pagination").collect();
    match (key, maybe) {
        (Some(_), true) => Err("returns = \"maybe\", but the contract has an x-response-key: remove it".to_owned()),
        (None, true) => {
            let [key] = others.as_slice() else {
                return Err(format!("returns = \"maybe\", but the 200 answer has {others:?}"));
            };
            let schema = Contract::ref_name(&properties[*key]).ok_or("the maybe object is not a $ref")?;
            Ok(Returns::Maybe {
                key: (*key).clone(),
                schema: schema.to_owned(),
            })
        }
        (None, false) if others.is_empty() => Ok(Returns::Nothing),
        (None, false) => Err(format!(
            "no x-response-key, but the 200 answer has {others:?}: returns = \"maybe\"?"
        )),
        (Some(key), false) => {
            let property = properties
                .get(key)
                .ok_or("the x-response-key is not in the 200 answer")?;
            if let Some(schema) = Contract::ref_name(property) {
                return Ok(Returns::One {
                    key: key.to_owned(),
                    schema: schema.to_owned(),
                });
            }
            let schema =
                Contract::ref_name(&property["items"]).ok_or("the result is neither a $ref nor a list of one")?;
            Ok(Returns::Many {
                key: key.to_owned(),
                schema: schema.to_owned(),
                paginated: properties.contains_key("pagination"),
            })
        }
    }
}

fn param(
    contract: &Contract,
    overlay: &Overlay,
    entry: &EndpointOverlay,
    name: &str,
    schema: &Value,
    required: bool,
    used: &mut BTreeSet<String>,
) -> Result<Param, String> {
    let schema = contract.resolve(schema)?;
    let stricter = entry.stricter.iter().find(|s| s.param == name);
    let kind = match stricter {
        Some(stricter) => {
            let says = describe(contract, schema);
            if says != stricter.contract {
                return Err(format!(
                    "the overlay is stricter than a contract that says `{}`, but it now says `{says}`",
                    stricter.contract
                ));
            }
            if stricter.required && required {
                return Err("the overlay requires it, and so does the contract now".to_owned());
            }
            used.insert(name.to_owned());
            match stricter.kind.as_deref() {
                Some("uuid") => Kind::Uuid,
                Some("positive_int") => Kind::PositiveInt,
                None => kind(contract, overlay, entry, schema, used)?,
                Some(other) => return Err(format!("stricter kind {other:?} is not uuid or positive_int")),
            }
        }
        None => kind(contract, overlay, entry, schema, used)?,
    };
    Ok(Param {
        name: name.to_owned(),
        kind,
        required: required || stricter.is_some_and(|s| s.required),
        nullable: schema["nullable"] == true,
        stricter: stricter.map(|s| format!("Stricter than the contract (`{}`): {}.", s.contract, s.why)),
        deprecated: (schema["deprecated"] == true)
            .then(|| schema["x-deprecated"].as_str().unwrap_or("Deprecated.").to_owned()),
    })
}

fn kind(
    contract: &Contract,
    overlay: &Overlay,
    entry: &EndpointOverlay,
    schema: &Value,
    used: &mut BTreeSet<String>,
) -> Result<Kind, String> {
    let schema = contract.resolve(schema)?;
    let min_length = |schema: &Value| {
        schema["minLength"]
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(0)
    };
    match schema["type"].as_str() {
        Some("string") if schema.get("enum").is_some() => Ok(Kind::Enum(strings(&schema["enum"]))),
        Some("string") => match (schema["format"].as_str(), schema["pattern"].as_str()) {
            (Some("uuid"), None) => Ok(Kind::Uuid),
            (Some("date-time"), None) => Ok(Kind::DateTime),
            (Some("email"), None) => Ok(Kind::Email),
            (None, Some(r"^\d+$")) => Ok(Kind::Digits),
            (None, None) => Ok(Kind::Text(min_length(schema).max(overlay.min_text_length))),
            _ => Err(format!("no Kind for `{}`", describe(contract, schema))),
        },
        Some("boolean") => Ok(Kind::Bool),
        Some("integer")
            if schema["minimum"].as_f64() >= Some(1.0)
                || (schema["minimum"].as_f64() == Some(0.0) && schema["exclusiveMinimum"] == true) =>
        {
            Ok(Kind::PositiveInt)
        }
        Some("array") => Ok(Kind::List(Box::new(kind(
            contract,
            overlay,
            entry,
            &schema["items"],
            used,
        )?))),
        Some("object") => {
            let properties = contract.merged_properties(schema)?;
            let required = contract.top_level_required(schema)?;
            let mut params = Vec::new();
            for (inner, property) in &properties {
                params.push(param(
                    contract,
                    overlay,
                    entry,
                    inner,
                    property,
                    required.contains(inner),
                    used,
                )?);
            }
            Ok(Kind::Object(params))
        }
        _ => Err(format!(
            "no Kind for `{}` (add one to the validator, or a stricter entry to the overlay)",
            describe(contract, schema)
        )),
    }
}

/// Whether `schema` is a `oneOf` of scalar variants only (`device.device_type`: one string enum
/// per kind of device; a number or a string): a value, not an object to merge properties from.
fn scalar_variants(contract: &Contract, schema: &Value) -> Result<bool, String> {
    let Some(variants) = schema["oneOf"].as_array() else {
        return Ok(false);
    };
    for variant in variants {
        if !matches!(
            contract.resolve(variant)?["type"].as_str(),
            Some("string" | "number" | "integer" | "boolean")
        ) {
            return Ok(false);
        }
    }
    Ok(!variants.is_empty() && schema.get("properties").is_none())
}

/// For a `oneOf` of string variants, their enum values together (none when any variant is an
/// open string); `None` when a variant is not a string (its kind is then left to the caller).
fn one_of_strings(contract: &Contract, schema: &Value) -> Result<Option<Vec<String>>, String> {
    let mut values: Vec<String> = Vec::new();
    let mut open = false;
    for variant in schema["oneOf"].as_array().into_iter().flatten() {
        let variant = contract.resolve(variant)?;
        if variant["type"] != "string" {
            return Ok(None);
        }
        open |= variant.get("enum").is_none();
        for value in strings(&variant["enum"]) {
            if !values.contains(&value) {
                values.push(value);
            }
        }
    }
    Ok(Some(if open { Vec::new() } else { values }))
}

/// The shape of an answer schema. `essential`: at the top of a resource, what it must have;
/// `None` deeper down, where what the contract requires (less `tolerate_missing`) is required.
fn shape(
    contract: &Contract,
    overlay: &Overlay,
    schema: &Value,
    essential: Option<&[String]>,
) -> Result<Shape, String> {
    let schema = contract.resolve(schema)?;
    let inner = match schema["type"].as_str() {
        None if scalar_variants(contract, schema)? => match one_of_strings(contract, schema)? {
            Some(values) => Shape::Str(values),
            None => Shape::Any,
        },
        Some("string") => Shape::Str(strings(&schema["enum"])),
        Some("boolean") => Shape::Bool,
        Some("number" | "integer") => Shape::Number,
        Some("array") => Shape::List(Box::new(shape(contract, overlay, &schema["items"], None)?)),
        Some("object") | None
            if schema.get("properties").is_some() || schema.get("oneOf").is_some() || schema.get("allOf").is_some() =>
        {
            let properties = contract.merged_answer_properties(schema)?;
            let contract_required: Vec<String> = contract.always_required(schema)?.into_iter().collect();
            let required = match essential {
                Some(essential) => {
                    for name in essential {
                        if !contract_required.contains(name) {
                            return Err(format!("essential {name} is not required by the contract"));
                        }
                    }
                    let mut essential = essential.to_vec();
                    essential.sort();
                    essential
                }
                None => contract_required
                    .iter()
                    .filter(|name| !overlay.tolerate_missing.contains(name))
                    .cloned()
                    .collect(),
            };
            let mut fields = Vec::new();
            for (name, property) in properties {
                fields.push(ShapeField {
                    shape: shape(contract, overlay, property, None).map_err(|e| format!("{name}: {e}"))?,
                    deprecated: property["deprecated"] == true,
                    name,
                });
            }
            Shape::Object(Object {
                fields,
                required,
                contract_required,
            })
        }
        Some("object") => Shape::Object(Object {
            fields: Vec::new(),
            required: Vec::new(),
            contract_required: Vec::new(),
        }),
        // No type: a property the variants of a oneOf describe differently, or say nothing of.
        None => return Ok(Shape::Any),
        other => return Err(format!("no shape for type {other:?}")),
    };
    Ok(if schema["nullable"] == true {
        Shape::Nullable(Box::new(inner))
    } else {
        inner
    })
}
