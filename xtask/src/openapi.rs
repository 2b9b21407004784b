//! Reading the OpenAPI document: `$ref`s, merged `allOf`/`oneOf` properties, what is required.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The pinned contract, as `tests/contract/extract-openapi.mjs` writes it.
pub struct Contract {
    pub document: Value,
}

impl Contract {
    /// The schema a `$ref` (`#/components/schemas/acs_credential`) names; any other schema as is.
    pub fn resolve<'a>(&'a self, schema: &'a Value) -> Result<&'a Value, String> {
        let Some(reference) = schema.get("$ref").and_then(Value::as_str) else {
            return Ok(schema);
        };
        let target = reference
            .strip_prefix('#')
            .and_then(|pointer| self.document.pointer(pointer))
            .ok_or_else(|| format!("$ref {reference} names nothing in the document"))?;
        self.resolve(target)
    }

    /// The name of the component schema a `$ref` points at.
    pub fn ref_name(schema: &Value) -> Option<&str> {
        schema.get("$ref")?.as_str()?.strip_prefix("#/components/schemas/")
    }

    /// Makes the inline object an operation's `x-response-key` holds (or holds a list of) the
    /// component schema `name`, so that it is read as every other resource is. Two endpoints
    /// may name the same object; a different one under a taken name is an error.
    pub fn name_inline_answer(&mut self, path: &str, name: &str) -> Result<(), String> {
        let operation = self
            .operation(path, "post")
            .ok_or("no POST operation in the contract")?;
        let key = operation["x-response-key"]
            .as_str()
            .ok_or("answer_schema, but no x-response-key")?;
        let pointer = format!("/responses/200/content/application~1json/schema/properties/{key}");
        let mut property = operation.pointer(&pointer).ok_or("no inline answer object")?.clone();
        let slot = match property.get_mut("items") {
            Some(items) => items,
            None => &mut property,
        };
        if slot.get("$ref").is_some() {
            return Err("answer_schema, but the contract names the answer's schema: remove it".to_owned());
        }
        let inline = std::mem::replace(
            slot,
            serde_json::json!({ "$ref": format!("#/components/schemas/{name}") }),
        );
        let schemas = &mut self.document["components"]["schemas"];
        match schemas.get(name) {
            Some(existing) if *existing != inline => return Err(format!("schema {name} already exists, and differs")),
            _ => schemas[name] = inline,
        }
        let operation = self.document["paths"][path]["post"]
            .pointer_mut(&pointer)
            .ok_or("no inline answer object")?;
        *operation = property;
        Ok(())
    }

    pub fn schema(&self, name: &str) -> Result<&Value, String> {
        let schema = &self.document["components"]["schemas"][name];
        if schema.is_object() {
            Ok(schema)
        } else {
            Err(format!("the contract has no schema {name}"))
        }
    }

    pub fn operation(&self, path: &str, method: &str) -> Option<&Value> {
        self.document["paths"].get(path)?.get(method)
    }

    /// The JSON request body schema of an operation.
    pub fn request_body<'a>(&'a self, operation: &'a Value) -> Result<&'a Value, String> {
        let body = self.resolve(operation.get("requestBody").ok_or("no request body")?)?;
        let schema = body
            .pointer("/content/application~1json/schema")
            .ok_or("no application/json request body")?;
        self.resolve(schema)
    }

    /// Every property an object schema may have: its own, those of each `allOf` part and
    /// those of every `oneOf`/`anyOf` variant. A name two parts describe differently is an
    /// error, as a table holds one kind per name.
    pub fn merged_properties<'a>(&'a self, schema: &'a Value) -> Result<BTreeMap<String, &'a Value>, String> {
        self.merged(schema, false)
    }

    /// As [`Contract::merged_properties`], for an answer: a name two parts describe
    /// differently is described as anything (`{}`), which the answer check lets pass.
    pub fn merged_answer_properties<'a>(&'a self, schema: &'a Value) -> Result<BTreeMap<String, &'a Value>, String> {
        self.merged(schema, true)
    }

    fn merged<'a>(&'a self, schema: &'a Value, loose: bool) -> Result<BTreeMap<String, &'a Value>, String> {
        let schema = self.resolve(schema)?;
        let mut out: BTreeMap<String, &Value> = BTreeMap::new();
        for (name, property) in schema["properties"].as_object().into_iter().flatten() {
            out.insert(name.clone(), self.resolve(property)?);
        }
        for keyword in ["allOf", "oneOf", "anyOf"] {
            for part in schema[keyword].as_array().into_iter().flatten() {
                for (name, property) in self.merged(part, loose)? {
                    match out.get(&name) {
                        Some(seen) if *seen != property && !same_but_enum(seen, property) && loose => {
                            out.insert(name, leak(serde_json::json!({})));
                        }
                        Some(seen) if *seen != property && !same_but_enum(seen, property) => {
                            return Err(format!("{name}: described differently by two parts of a {keyword}"));
                        }
                        Some(seen) => {
                            let merged = merge_enums(seen, property);
                            if let Some(merged) = merged {
                                out.insert(name, leak(merged));
                            }
                        }
                        None => {
                            out.insert(name, property);
                        }
                    }
                }
            }
        }
        Ok(out)
    }

    /// The properties an object schema always requires: its own `required` and those of its
    /// `allOf` parts; for a bare `oneOf` (no properties of its own), what every variant requires.
    pub fn always_required(&self, schema: &Value) -> Result<BTreeSet<String>, String> {
        let schema = self.resolve(schema)?;
        let variants = schema["oneOf"]
            .as_array()
            .filter(|_| schema.get("properties").is_none());
        match variants {
            Some(variants) => {
                let mut all: Option<BTreeSet<String>> = None;
                for variant in variants {
                    let one = self.top_level_required(variant)?;
                    all = Some(match all {
                        Some(all) => all.intersection(&one).cloned().collect(),
                        None => one,
                    });
                }
                Ok(all.unwrap_or_default())
            }
            None => self.top_level_required(schema),
        }
    }

    /// Its own `required` and those of its `allOf` parts (which all apply). A `oneOf`
    /// variant's `required` applies only to that variant.
    pub fn top_level_required(&self, schema: &Value) -> Result<BTreeSet<String>, String> {
        let schema = self.resolve(schema)?;
        let mut out: BTreeSet<String> = strings(&schema["required"]).into_iter().collect();
        for part in schema["allOf"].as_array().into_iter().flatten() {
            out.extend(self.top_level_required(part)?);
        }
        Ok(out)
    }
}

/// The strings of a JSON array, in order.
pub fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|item| item.as_str().map(str::to_owned))
        .collect()
}

/// Two `oneOf` variants often describe one property with different enum values (a warning's
/// `warning_code`): the same property, whose values are all of theirs.
fn same_but_enum(a: &Value, b: &Value) -> bool {
    let without = |value: &Value| {
        let mut value = value.clone();
        if let Some(object) = value.as_object_mut() {
            object.remove("enum");
            // A default is the server's business; the validator does not fill it in.
            object.remove("default");
            object.remove("description");
            object.remove("deprecated");
            object.remove("x-deprecated");
            object.remove("x-undocumented");
        }
        value
    };
    without(a) == without(b)
}

fn merge_enums(a: &Value, b: &Value) -> Option<Value> {
    let (Some(first), Some(second)) = (a["enum"].as_array(), b["enum"].as_array()) else {
        return None;
    };
    let mut values = first.clone();
    for value in second {
        if !values.contains(value) {
            values.push(value.clone());
        }
    }
    let mut merged = a.clone();
    merged["enum"] = Value::Array(values);
    Some(merged)
}

/// The generator runs once and exits: a merged schema lives as long as the document.
fn leak(value: Value) -> &'static Value {
    Box::leak(Box::new(value))
}

/// A schema in one line (`string format=uuid nullable`), as the overlay's `stricter` entries
/// quote the contract. Descriptions and defaults are left out: they do not constrain.
pub fn describe(contract: &Contract, schema: &Value) -> String {
    let schema = contract.resolve(schema).unwrap_or(schema);
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
        parts.push(format!("of ({})", describe(contract, items)));
    }
    parts.join(" ")
}
