//! The typed Rust models the generator writes (crates/core/src/generated/models.rs): a
//! `model!` struct per object of an answer and an `open_enum!` per string enum, as
//! `crate::models` defines those macros.

use crate::model::{Api, Object, Shape};
use crate::rust::{header, pascal};
use std::fmt::Write;

pub fn models_rs(api: &Api) -> String {
    let mut out = header(api);
    out.push_str(
        "//!\n//! The typed models of the answers: what must be there is a plain field (a resource's \
         essentials,\n//! what a nested object requires), anything else an `Option`, or a `Nullable` where \
         the contract\n//! says `null` may come. Ids and timestamps stay strings; enums keep values they do \
         not know.\n//! An object the same as one before it is that type.\n",
    );
    let mut models = Models {
        secrets: &api.secrets,
        ..Models::default()
    };
    for resource in &api.resources {
        models.object(&pascal(&resource.schema), &resource.schema, &resource.shape);
    }
    let texts = models.texts.concat();
    out.push('\n');
    // The crate is `no_std`: `String` and `Vec` come from its own prelude.
    out.push_str("use crate::prelude::*;\n");
    if texts.contains("Nullable<") {
        out.push_str("use crate::models::Nullable;\n");
    }
    if texts.contains("Secret") {
        out.push_str("use crate::secret::Secret;\n");
    }
    for text in models.texts {
        out.push('\n');
        out.push_str(&text);
    }
    out
}

/// The lines of a macro's body, indented as rustfmt would (it leaves macro bodies alone).
fn indent(body: &str) -> String {
    body.lines().map(|line| format!("        {line}\n")).collect()
}

#[derive(Default)]
struct Models<'a> {
    secrets: &'a [String],
    texts: Vec<String>,
    /// Each distinct definition (without its name) and the first name it was written under.
    seen: Vec<(String, String)>,
}

impl Models<'_> {
    /// Writes `name` for an object shape (its nested types first); returns its type name.
    fn object(&mut self, name: &str, path: &str, shape: &Shape) -> String {
        let Shape::Object(object) = shape else {
            return name.to_owned();
        };
        let body = self.fields(name, path, object);
        self.define(name, path, body, |name, body| {
            format!(
                "model! {{\n    /// `{path}`.\n    pub struct {name} {{\n{}    }}\n}}\n",
                indent(body)
            )
        })
    }

    fn fields(&mut self, name: &str, path: &str, object: &Object) -> String {
        let mut body = String::new();
        // What must be there first, then what the contract requires, then the rest; each by name.
        let rank = |name: &String| {
            (
                !object.required.contains(name),
                !object.contract_required.contains(name),
            )
        };
        let mut fields: Vec<_> = object.fields.iter().collect();
        fields.sort_by_key(|field| rank(&field.name));
        for field in fields {
            let inner = joined(name, &pascal(&field.name));
            let ty = self.ty(&field.shape, &inner, &format!("{path}.{}", field.name));
            let ident = ident(&field.name);
            if object.required.contains(&field.name) {
                let _ = writeln!(body, "pub {ident}: {ty},");
            } else if ty.starts_with("Nullable<") {
                let _ = writeln!(
                    body,
                    "#[serde(default, skip_serializing_if = \"Nullable::is_absent\")]\npub {ident}: {ty},"
                );
            } else {
                let _ = writeln!(
                    body,
                    "#[serde(default, skip_serializing_if = \"Option::is_none\")]\npub {ident}: Option<{ty}>,"
                );
            }
        }
        body
    }

    fn ty(&mut self, shape: &Shape, name: &str, path: &str) -> String {
        match shape {
            Shape::Str(values) if values.is_empty() && self.secrets.iter().any(|s| s == path) => "Secret".to_owned(),
            Shape::Str(values) if values.is_empty() => "String".to_owned(),
            Shape::Str(values) => {
                let mut body = String::new();
                for value in values {
                    let _ = writeln!(body, "{} = {value:?},", variant(value));
                }
                self.define(name, path, body, |name, body| {
                    format!(
                        "open_enum! {{\n    /// `{path}`.\n    {name} {{\n{}    }}\n}}\n",
                        indent(body)
                    )
                })
            }
            Shape::Bool => "bool".to_owned(),
            Shape::Number => "serde_json::Number".to_owned(),
            Shape::Nullable(inner) => format!("Nullable<{}>", self.ty(inner, name, path)),
            Shape::List(inner) => {
                let item = name.strip_suffix('s').unwrap_or(name);
                format!("Vec<{}>", self.ty(inner, item, &format!("{path}[]")))
            }
            Shape::Object(_) => self.object(name, path, shape),
            Shape::Any => "serde_json::Value".to_owned(),
        }
    }

    /// Writes a definition, or an alias of the first one with the same body.
    fn define(&mut self, name: &str, path: &str, body: String, write: impl Fn(&str, &str) -> String) -> String {
        let taken = |name: &str| self.seen.iter().any(|(_, first)| first == name);
        match self.seen.iter().find(|(seen, _)| *seen == body) {
            // Two paths that make the same name for the same object: written once.
            Some((_, first)) if first == name => {}
            // The same name for a different object: numbered (`…Mode2`).
            None if taken(name) => {
                let name = (2..)
                    .map(|n| format!("{name}{n}"))
                    .find(|candidate| !taken(candidate))
                    .unwrap_or_default();
                return self.define(&name, path, body, write);
            }
            Some((_, first)) => {
                self.texts.push(format!(
                    "/// `{path}`: the same as [`{first}`].\npub type {name} = {first};\n"
                ));
            }
            None => {
                self.texts.push(write(name, &body));
                self.seen.push((body, name.to_owned()));
            }
        }
        name.to_owned()
    }
}

/// `AcsCredentialWarning` + `WarningCode` → `AcsCredentialWarningCode`: a word the parent ends
/// with and the property starts with is written once.
fn joined(parent: &str, property: &str) -> String {
    let words = |text: &str| -> Vec<String> {
        let mut words: Vec<String> = Vec::new();
        for c in text.chars() {
            match words.last_mut() {
                Some(word) if !c.is_uppercase() => word.push(c),
                _ => words.push(c.to_string()),
            }
        }
        words
    };
    let (parent_words, property_words) = (words(parent), words(property));
    for overlap in (1..=property_words.len().min(parent_words.len())).rev() {
        if parent_words[parent_words.len() - overlap..] == property_words[..overlap] {
            return format!("{parent}{}", property_words[overlap..].concat());
        }
    }
    format!("{parent}{property}")
}

/// An enum value as a variant name: `mobile_key` → `MobileKey`, `common (PMS)` → `CommonPms`,
/// `BLE` → `Ble`, `commonDoor` → `CommonDoor`.
fn variant(value: &str) -> String {
    let mut out = String::new();
    for word in value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let word = if word.chars().all(|c| !c.is_lowercase()) {
            word.to_lowercase()
        } else {
            word.to_owned()
        };
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    out
}

fn ident(name: &str) -> String {
    const KEYWORDS: &[&str] = &[
        "type", "override", "ref", "match", "move", "static", "struct", "trait", "use", "where", "mod", "fn", "impl",
        "in", "let", "loop", "self", "super", "enum", "final", "abstract", "box", "do", "macro", "priv", "typeof",
        "unsized", "virtual", "yield", "async", "await", "dyn", "try",
    ];
    if KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_owned()
    }
}
