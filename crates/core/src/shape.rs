//! What an answer's JSON must look like, as data, and one checker for all of it.
//!
//! Liberal by design: only a resource's id is required, unknown properties and enum
//! values pass, strings are not checked for format (an id that is not a UUID, a date in
//! an odd format). What is checked is the *type* of every known property present, because
//! a caller reading `credential.is_issued` must get a boolean or nothing.
//!
//! Two checkers apply the same shapes and name the path of the first problem in the same
//! words:
//! - [`check`] / [`check_envelope`] walk JSON *text* once, for Rust callers; they allocate
//!   only for properties they do not know (read as JSON values, so that they refuse what
//!   the typed [`crate::models`] would, which run this check before deserializing).
//! - [`check_node`] / [`check_envelope_node`] walk a value someone else parsed, through
//!   [`Node`]: the npm package's path, over the objects the engine's `JSON.parse` built.
//!
//! They accept and refuse the same answers, with the same path and message for an answer
//! with one problem (a property test, the fuzz targets and the wasm tests hold them to it).
//! Two differences: a key given twice (the text check reads the first and refuses the
//! second; a parsed object holds only the last), and which problem an answer with several
//! is named by (the first in the text, or the first in the shape's order).

use crate::node::{Kind, Node};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::cell::RefCell;
use std::fmt;

/// The shape of a JSON value.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// A string: ids, dates, open enums, text.
    Str,
    Bool,
    Number,
    /// `null` or the inner shape.
    Nullable(&'static Shape),
    List(&'static Shape),
    /// An object with these known properties (others pass) and these required ones.
    Object(&'static Object),
}

#[derive(Debug)]
pub struct Object {
    /// Sorted by name, so a key is found by binary search (a test checks every shape).
    pub fields: &'static [(&'static str, Shape)],
    pub required: &'static [&'static str],
}

/// The first problem found: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeError {
    pub path: String,
    pub message: String,
}

/// Checks that `text` is JSON of `shape`.
pub fn check(shape: &Shape, text: &str) -> Result<(), ShapeError> {
    let path = RefCell::new(Vec::new());
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let result = Seed { shape, path: &path }
        .deserialize(&mut deserializer)
        .and_then(|()| deserializer.end());
    result.map_err(|error| {
        let mut path = render(&path.borrow());
        let message = describe(&error);
        // A missing property is found at its parent: name the property itself.
        if let Some(field) = message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.strip_suffix('`'))
        {
            push(&mut path, field);
        }
        ShapeError { path, message }
    })
}

/// Checks a whole answer in one pass: the top-level object whose `fields` are checked
/// against their shapes (others skipped unread), `required` among them.
pub fn check_envelope(
    text: &str,
    fields: &[(&'static str, &Shape)],
    required: Option<&'static str>,
) -> Result<(), ShapeError> {
    let path = RefCell::new(Vec::new());
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let result = Envelope {
        fields,
        required,
        path: &path,
    }
    .deserialize(&mut deserializer)
    .and_then(|()| deserializer.end());
    result.map_err(|error| failure(&path, &error))
}

/// Checks a JSON value someone else parsed (in the npm package, the engine's `JSON.parse`)
/// against `shape`, naming the path of the first problem.
pub fn check_node<N: Node>(shape: &Shape, node: &N) -> Result<(), ShapeError> {
    let mut path = Vec::new();
    walk(shape, node, &mut path).map_err(|message| ShapeError {
        path: render(&path),
        message,
    })
}

/// [`check_envelope`] over a parsed value.
pub fn check_envelope_node<N: Node>(
    node: &N,
    fields: &[(&'static str, &Shape)],
    required: Option<&'static str>,
) -> Result<(), ShapeError> {
    if node.kind() != Kind::Object {
        return Err(ShapeError {
            path: String::new(),
            message: "the body is not a JSON object".to_owned(),
        });
    }
    let mut path = Vec::new();
    let mut found = false;
    for (name, shape) in fields {
        if let Some(value) = node.get(name) {
            found |= Some(*name) == required;
            path.push(Segment::Key(name));
            walk(shape, &value, &mut path).map_err(|message| ShapeError {
                path: render(&path),
                message,
            })?;
            path.pop();
        }
    }
    match required {
        Some(name) if !found => Err(missing(name)),
        _ => Ok(()),
    }
}

fn missing(name: &str) -> ShapeError {
    ShapeError {
        path: name.to_owned(),
        message: ["missing field `", name, "`"].concat(),
    }
}

/// The recursive step of [`check_node`]: on an error, `path` is left pointing at it.
fn walk<N: Node>(shape: &Shape, node: &N, path: &mut Vec<Segment>) -> Result<(), String> {
    // The expected kind is asked first: one question for most values.
    let fits = match shape.non_null() {
        Shape::Str => node.is(Kind::String),
        Shape::Bool => node.is(Kind::Bool),
        Shape::Number => node.is(Kind::Number),
        Shape::List(item) => {
            node.is(Kind::Array) && {
                for (index, value) in node.items().iter().enumerate() {
                    path.push(Segment::Index(index));
                    walk(item, value, path)?;
                    path.pop();
                }
                true
            }
        }
        Shape::Object(object) => {
            node.is(Kind::Object) && {
                let kinds = node.kinds(object);
                for ((name, field), kind) in object.fields.iter().zip(&kinds) {
                    // A scalar of the right kind needs no second look; anything else is
                    // walked, which checks its items or names the mismatch.
                    match kind {
                        Some(kind) if !field.fits_scalar(*kind) => {
                            if let Some(value) = node.get(name) {
                                path.push(Segment::Key(name));
                                walk(field, &value, path)?;
                                path.pop();
                            }
                        }
                        _ => {}
                    }
                }
                let present = |name: &&str| {
                    let index = object.fields.iter().position(|(field, _)| field == name);
                    index.and_then(|i| kinds.get(i)).is_some_and(Option::is_some)
                };
                if let Some(name) = object.required.iter().find(|name| !present(name)) {
                    path.push(Segment::Key(name));
                    return Err(["missing field `", name, "`"].concat());
                }
                true
            }
        }
        Shape::Nullable(_) => false, // `non_null` never returns one
    };
    if fits || (matches!(shape, Shape::Nullable(_)) && node.is(Kind::Null)) {
        Ok(())
    } else {
        Err(shape.mismatch(node.kind().describe()))
    }
}

/// The top level of an answer, whose keys depend on the endpoint.
struct Envelope<'a> {
    fields: &'a [(&'static str, &'a Shape)],
    required: Option<&'static str>,
    path: &'a RefCell<Vec<Segment>>,
}

impl<'de> DeserializeSeed<'de> for Envelope<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Envelope<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    // Anything but an object: said without quoting it (serde's message would).
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
        Err(not_an_object())
    }

    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
        Err(not_an_object())
    }

    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
        Err(not_an_object())
    }

    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
        Err(not_an_object())
    }

    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<(), E> {
        Err(not_an_object())
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        Err(not_an_object())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(not_an_object())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut found = false;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match self.fields.iter().find(|(name, _)| *name == key) {
                Some((name, shape)) => {
                    found |= Some(*name) == self.required;
                    self.path.borrow_mut().push(Segment::Key(name));
                    map.next_value_seed(Seed { shape, path: self.path })?;
                    self.path.borrow_mut().pop();
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        match self.required {
            Some(required) if !found => Err(serde::de::Error::missing_field(required)),
            _ => Ok(()),
        }
    }
}

fn not_an_object<E: serde::de::Error>() -> E {
    E::custom("the body is not a JSON object")
}

fn failure(path: &RefCell<Vec<Segment>>, error: &serde_json::Error) -> ShapeError {
    // Not JSON at all: no field is to blame, whichever one the scanner was in.
    if error.is_syntax() || error.is_eof() {
        return ShapeError {
            path: String::new(),
            message: format!("the body is not JSON ({})", describe(error)),
        };
    }
    let mut path = render(&path.borrow());
    let message = describe(error);
    // A missing property is found at its parent: name the property itself.
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        push(&mut path, field);
    }
    ShapeError { path, message }
}

/// One step of a path.
enum Segment {
    Key(&'static str),
    Index(usize),
}

fn render(segments: &[Segment]) -> String {
    let mut path = String::new();
    for segment in segments {
        match segment {
            Segment::Key(key) => push(&mut path, key),
            Segment::Index(i) => {
                path.push('[');
                path.push_str(&crate::text::decimal(*i as u64));
                path.push(']');
            }
        }
    }
    path
}

fn push(path: &mut String, key: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(key);
}

/// serde_json's message without the line and column (the path says where). The messages
/// never hold a value from the text: the syntax errors have none, and the type errors are
/// written by [`Seed`] itself, naming only kinds ("expected a boolean, got a string").
fn describe(error: &serde_json::Error) -> String {
    let text = error.to_string();
    text.split(" at line ").next().unwrap_or_default().to_owned()
}

/// Checks one value against its shape. The path stack grows on the way down and is left
/// as it is when an error unwinds, so it then holds the path of the problem.
///
/// Every value is read with `deserialize_any`, so this visitor sees its real kind and
/// writes the mismatch message itself (serde's own would quote the value, which may be a
/// secret).
#[derive(Clone, Copy)]
struct Seed<'a> {
    shape: &'a Shape,
    path: &'a RefCell<Vec<Segment>>,
}

impl Shape {
    /// What a present, non-null value must be.
    fn non_null(&self) -> &Shape {
        match self {
            Shape::Nullable(inner) => inner,
            other => other,
        }
    }

    /// Whether a value of `kind` fits without looking inside it: a scalar of this shape.
    fn fits_scalar(&self, kind: Kind) -> bool {
        match (self, kind) {
            (Shape::Str, Kind::String) | (Shape::Bool, Kind::Bool) | (Shape::Number, Kind::Number) => true,
            (Shape::Nullable(_), Kind::Null) => true,
            (Shape::Nullable(inner), kind) => inner.fits_scalar(kind),
            _ => false,
        }
    }

    /// The message for a value of kind `got` that does not fit: kinds only, never the value.
    fn mismatch(&self, got: &str) -> String {
        let nullable = if matches!(self, Shape::Nullable(_)) {
            " or null"
        } else {
            ""
        };
        ["expected ", self.describe(), nullable, ", got ", got].concat()
    }

    fn describe(&self) -> &'static str {
        match self {
            Shape::Str => "a string",
            Shape::Bool => "a boolean",
            Shape::Number => "a number",
            Shape::Nullable(inner) => inner.describe(),
            Shape::List(_) => "an array",
            Shape::Object(_) => "an object",
        }
    }
}

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Seed<'_> {
    /// `Ok` when a value of kind `got` fits the shape, else the mismatch.
    fn accept<E: serde::de::Error>(self, fits: bool, got: &str) -> Result<(), E> {
        if fits {
            Ok(())
        } else {
            Err(E::custom(self.shape.mismatch(got)))
        }
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.shape.describe())
    }

    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<(), E> {
        self.accept(matches!(self.shape.non_null(), Shape::Str), "a string")
    }

    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
        self.accept(matches!(self.shape.non_null(), Shape::Bool), "a boolean")
    }

    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
        self.accept(matches!(self.shape.non_null(), Shape::Number), "a number")
    }

    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
        self.accept(matches!(self.shape.non_null(), Shape::Number), "a number")
    }

    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
        self.accept(matches!(self.shape.non_null(), Shape::Number), "a number")
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.accept(matches!(self.shape, Shape::Nullable(_)), "null")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Shape::List(item) = self.shape.non_null() else {
            return self.accept(false, "an array");
        };
        let mut index = 0;
        loop {
            self.path.borrow_mut().push(Segment::Index(index));
            if seq
                .next_element_seed(Seed {
                    shape: item,
                    path: self.path,
                })?
                .is_none()
            {
                self.path.borrow_mut().pop();
                return Ok(());
            }
            self.path.borrow_mut().pop();
            index += 1;
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Shape::Object(object) = self.shape.non_null() else {
            return self.accept(false, "an object");
        };
        // Bit i is set once fields[i] is seen (no object has more than 64: a test checks).
        let mut seen: u64 = 0;
        while let Some(known) = map.next_key_seed(KnownKey(object.fields))? {
            match known {
                Some((index, name, shape)) => {
                    let bit = 1u64 << index.min(63);
                    if seen & bit != 0 {
                        // JSON leaves duplicates undefined: one reader takes the first, another the last.
                        return Err(serde::de::Error::custom(format_args!("duplicate property `{name}`")));
                    }
                    seen |= bit;
                    self.path.borrow_mut().push(Segment::Key(name));
                    map.next_value_seed(Seed { shape, path: self.path })?;
                    self.path.borrow_mut().pop();
                }
                // Unknown properties are kept by the models as JSON values: read as one, so
                // what they refuse (a lone surrogate, a number beyond f64) is refused here too.
                None => {
                    map.next_value::<serde_json::Value>()?;
                }
            }
        }
        let was_seen = |name: &&str| {
            object
                .fields
                .iter()
                .position(|(field, _)| field == name)
                .is_some_and(|i| seen & (1 << i.min(63)) != 0)
        };
        if let Some(name) = object.required.iter().find(|name| !was_seen(name)) {
            return Err(serde::de::Error::missing_field(name));
        }
        Ok(())
    }
}

/// Reads a map key and finds it among the known properties (sorted: binary search),
/// without allocating.
struct KnownKey(&'static [(&'static str, Shape)]);

impl<'de> DeserializeSeed<'de> for KnownKey {
    type Value = Option<(usize, &'static str, &'static Shape)>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KnownKey {
    type Value = Option<(usize, &'static str, &'static Shape)>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a property name")
    }

    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Self::Value, E> {
        let index = self.0.binary_search_by(|(name, _)| (*name).cmp(key)).ok();
        Ok(index.and_then(|i| self.0.get(i).map(|(name, shape)| (i, *name, shape))))
    }
}

/// Short names for the shapes the models are made of.
pub mod kinds {
    use super::Shape;
    pub const STR: Shape = Shape::Str;
    pub const BOOL: Shape = Shape::Bool;
    pub const NUM: Shape = Shape::Number;
    pub const STRS: Shape = Shape::List(&Shape::Str);
    pub const NULL_STR: Shape = Shape::Nullable(&Shape::Str);
    pub const NULL_BOOL: Shape = Shape::Nullable(&Shape::Bool);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::{CLIENT_SESSION_SHAPE, CREDENTIAL_SHAPE, ENTRANCE_SHAPE, EVENT_SHAPE, PAGINATION_SHAPE};

    /// Walks every object shape: its fields must be sorted and unique for the binary search.
    fn assert_sorted(shape: &Shape, at: &str) {
        match shape {
            Shape::Object(object) => {
                assert!(
                    object.fields.len() <= 64,
                    "{at}: the duplicate check tracks at most 64 fields"
                );
                for pair in object.fields.windows(2) {
                    assert!(
                        pair[0].0 < pair[1].0,
                        "{at}: {} must come before {}",
                        pair[1].0,
                        pair[0].0
                    );
                }
                for (name, inner) in object.fields {
                    assert_sorted(inner, &format!("{at}.{name}"));
                }
            }
            Shape::List(inner) | Shape::Nullable(inner) => assert_sorted(inner, at),
            Shape::Str | Shape::Bool | Shape::Number => {}
        }
    }

    /// The npm package reads a property as `object[name]`, which also finds what every JS
    /// object inherits: no name the shapes or the endpoints' parameters know may be one.
    #[test]
    fn no_known_name_is_inherited_by_js_objects() {
        const INHERITED: &[&str] = &[
            "__proto__",
            "__defineGetter__",
            "__defineSetter__",
            "__lookupGetter__",
            "__lookupSetter__",
            "constructor",
            "hasOwnProperty",
            "isPrototypeOf",
            "propertyIsEnumerable",
            "toLocaleString",
            "toString",
            "valueOf",
        ];
        fn shape_names(shape: &Shape, out: &mut Vec<&'static str>) {
            match shape {
                Shape::Object(object) => {
                    for (name, inner) in object.fields {
                        out.push(name);
                        shape_names(inner, out);
                    }
                }
                Shape::List(inner) | Shape::Nullable(inner) => shape_names(inner, out),
                Shape::Str | Shape::Bool | Shape::Number => {}
            }
        }
        fn param_names(fields: &[crate::validate::Field], out: &mut Vec<&'static str>) {
            for field in fields {
                out.push(field.name);
                if let crate::validate::Kind::Object(inner) = field.kind {
                    param_names(inner, out);
                }
            }
        }
        let mut names = vec![
            "error",
            "type",
            "message",
            "data",
            "validation_errors",
            "request_id",
            "_errors",
        ];
        for shape in [
            &CREDENTIAL_SHAPE,
            &ENTRANCE_SHAPE,
            &CLIENT_SESSION_SHAPE,
            &PAGINATION_SHAPE,
            &EVENT_SHAPE,
        ] {
            shape_names(shape, &mut names);
        }
        for endpoint in crate::ENDPOINTS {
            param_names(endpoint.params, &mut names);
        }
        assert!(names.len() > 100, "{} names", names.len());
        for name in names {
            assert!(!INHERITED.contains(&name), "{name}");
        }
    }

    #[test]
    fn every_shape_lists_its_fields_sorted() {
        for (name, shape) in [
            ("acs_credential", &CREDENTIAL_SHAPE),
            ("acs_entrance", &ENTRANCE_SHAPE),
            ("client_session", &CLIENT_SESSION_SHAPE),
            ("pagination", &PAGINATION_SHAPE),
            ("event", &EVENT_SHAPE),
        ] {
            assert_sorted(shape, name);
        }
    }

    #[test]
    fn an_envelope_is_checked_in_one_pass() {
        let list = Shape::List(&CREDENTIAL_SHAPE);
        let fields = [("acs_credentials", &list), ("pagination", &PAGINATION_SHAPE)];
        let ok = r#"{"ok":true,"acs_credentials":[{"acs_credential_id":"a"}],"pagination":{"has_next_page":false}}"#;
        assert_eq!(check_envelope(ok, &fields, Some("acs_credentials")), Ok(()));
        let missing = r#"{"ok":true}"#;
        let error = check_envelope(missing, &fields, Some("acs_credentials")).expect_err("missing");
        assert_eq!(
            (error.path.as_str(), error.message.as_str()),
            ("acs_credentials", "missing field `acs_credentials`")
        );
        let bad = r#"{"acs_credentials":[{"acs_credential_id":"a"},{"acs_credential_id":1}]}"#;
        let error = check_envelope(bad, &fields, Some("acs_credentials")).expect_err("bad");
        assert_eq!(error.path, "acs_credentials[1].acs_credential_id");
        let error = check_envelope(
            r#"{"pagination":{"has_next_page":"yes"},"acs_credentials":[]}"#,
            &fields,
            Some("acs_credentials"),
        )
        .expect_err("bad pagination");
        assert_eq!(error.path, "pagination.has_next_page");
    }
}
