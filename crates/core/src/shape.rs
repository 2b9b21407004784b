//! What an answer's JSON must look like, as data, and the one checker for all of it.
//!
//! Liberal by design, as Seam's servers are what users call:
//! - unknown properties and enum values pass, and strings are not checked for format;
//! - `null` on a property the contract does not require means absent: Seam's servers write
//!   `null` where a property has no value, also where the contract does not say nullable;
//! - what the package itself needs is *essential*: a resource's id (and a client session's
//!   token), the key the result is under, and `pagination`. A problem there refuses the
//!   answer in any mode;
//! - any other property present with the wrong type is an [`AnswerIssue`]. In
//!   [`AnswerMode::Lenient`] (the default) the answer is accepted and each issue is
//!   reported, so one odd record never costs a caller the other 99; in
//!   [`AnswerMode::Strict`] the first one refuses the answer, for tests and CI.
//!
//! The checker reads values through [`Node`]: the objects the engine's `JSON.parse` built
//! in the npm package, or a `serde_json::Value` for Rust callers (see [`check`]).

use crate::node::{Kind, Node};
use crate::prelude::*;

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
    /// An object with these known properties (others pass).
    Object(&'static Object),
    /// Anything: a property the contract's variants describe differently (an action
    /// attempt's `result` and `error`, one per action type), left to the caller.
    Any,
}

#[derive(Debug)]
pub struct Object {
    /// Each known property: its name, shape and presence. Sorted by name and unique (a test
    /// checks every shape), so issues come in a stable order. The shape by reference: 16
    /// bytes a property rather than 20, and each distinct shape (`&STR`) stored once.
    pub fields: &'static [(&'static str, &'static Shape, Presence)],
}

/// Whether a property must be there, kept beside it (a byte, where lists of the names
/// that are required cost a pointer and a length each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// May be missing, or `null`, which means absent.
    Optional,
    /// The contract requires it, so `null` there is a wrong type; it may be missing (a
    /// resource's properties other than its essentials; `created_at` in nested objects,
    /// which Seam's documentation samples omit).
    NotNull,
    /// Must be present and not `null`. In a resource that an answer is about (a credential
    /// in a list, the object `get` returns) these are essential: the package cannot use the
    /// record without them. Deeper down, a missing one is an [`AnswerIssue`].
    Required,
}

/// How strictly an answer is read: see the module documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AnswerMode {
    #[default]
    Lenient,
    Strict,
}

/// A property that is not what the contract says: where, and what was expected and came.
/// Kinds only, never the value (which may be a secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerIssue {
    /// From the top of the checked value: `acs_credentials[57].is_managed`.
    pub path: String,
    /// "a boolean", "a string or null".
    pub expected: &'static str,
    /// "a string", "null", or "nothing" for a missing property.
    pub got: &'static str,
}

impl AnswerIssue {
    pub fn message(&self) -> String {
        ["expected ", self.expected, ", got ", self.got].concat()
    }
}

/// The answer was refused: the first problem found, where and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeError {
    pub path: String,
    pub message: String,
}

impl From<AnswerIssue> for ShapeError {
    fn from(issue: AnswerIssue) -> ShapeError {
        ShapeError {
            message: issue.message(),
            path: issue.path,
        }
    }
}

/// What `got` says of a property that is not there.
pub const MISSING: &str = "nothing";

/// Checks JSON text against `shape`: for Rust callers, over a `serde_json::Value` (the
/// same checker the npm package runs over the engine's objects). The shape's own
/// `required` properties are essential.
pub fn check(shape: &Shape, text: &str, mode: AnswerMode) -> Result<Vec<AnswerIssue>, ShapeError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|_| ShapeError {
        path: String::new(),
        message: "the input is not JSON".to_owned(),
    })?;
    check_node(shape, &&value, mode)
}

/// Checks a value someone else parsed against `shape`: the issues found (lenient), or the
/// first problem that refuses it.
pub fn check_node<N: Node>(shape: &Shape, node: &N, mode: AnswerMode) -> Result<Vec<AnswerIssue>, ShapeError> {
    let mut walker = Walker::new(mode);
    walker.walk(shape, node, true)?;
    Ok(walker.issues)
}

/// Checks a whole answer: the result under `key` (`required`, or else it may be absent),
/// and a page's `pagination`; other top-level properties are skipped unread. Both are
/// essential: the result as a resource is (its id), and `pagination` wholly, since the
/// pager reads every property of it.
pub fn check_envelope_node<N: Node>(
    node: &N,
    (key, shape, required): (&'static str, &Shape, bool),
    paginated: bool,
    mode: AnswerMode,
) -> Result<Vec<AnswerIssue>, ShapeError> {
    if node.kind() != Kind::Object {
        return Err(ShapeError {
            path: String::new(),
            message: "the body is not a JSON object".to_owned(),
        });
    }
    let mut walker = Walker::new(mode);
    walker.path.push(Segment::Key(key));
    match node.get(key) {
        Some(value) => walker.walk(shape, &value, true)?,
        None if required => walker.problem(shape.expected(), MISSING, true)?,
        None => {}
    }
    if let Some(pagination) = node.get("pagination").filter(|_| paginated) {
        let mut strict = Walker::new(AnswerMode::Strict);
        strict.path.push(Segment::Key("pagination"));
        strict.walk(&crate::models::PAGINATION_SHAPE, &pagination, true)?;
    }
    Ok(walker.issues)
}

/// One walk over a value: where it is, and what it found so far.
struct Walker {
    mode: AnswerMode,
    /// Grows on the way down; on an error, it is left pointing at the problem.
    path: Vec<Segment>,
    issues: Vec<AnswerIssue>,
}

impl Walker {
    fn new(mode: AnswerMode) -> Walker {
        Walker {
            mode,
            path: Vec::new(),
            issues: Vec::new(),
        }
    }

    /// Checks `node` against `shape`. `essential`: the package needs this value, so a
    /// problem with it refuses the answer in any mode.
    fn walk<N: Node>(&mut self, shape: &Shape, node: &N, essential: bool) -> Result<(), ShapeError> {
        // The expected kind is asked first: one question for most values.
        let fits = match shape.non_null() {
            Shape::Str => node.is(Kind::String),
            Shape::Bool => node.is(Kind::Bool),
            Shape::Number => node.is(Kind::Number),
            Shape::List(item) => {
                node.is(Kind::Array) && {
                    for (index, value) in node.items().iter().enumerate() {
                        self.path.push(Segment::Index(index));
                        self.walk(item, value, essential)?;
                        self.path.pop();
                    }
                    true
                }
            }
            Shape::Object(object) => node.is(Kind::Object) && self.object(object, node, essential).map(|()| true)?,
            Shape::Nullable(_) => false, // `non_null` never returns one
            Shape::Any => true,
        };
        if fits || (matches!(shape, Shape::Nullable(_)) && node.is(Kind::Null)) {
            Ok(())
        } else {
            self.problem(shape.expected(), node.kind().describe(), essential)
        }
    }

    /// The known properties of an object. Only its `required` ones stay essential.
    fn object<N: Node>(&mut self, object: &'static Object, node: &N, essential: bool) -> Result<(), ShapeError> {
        let kinds = node.kinds(object);
        for ((name, field, presence), kind) in object.fields.iter().zip(&kinds) {
            let required = *presence == Presence::Required;
            let essential = essential && required;
            match kind {
                None if required => {
                    self.path.push(Segment::Key(name));
                    self.problem(field.expected(), MISSING, essential)?;
                    self.path.pop();
                }
                // A scalar of the right kind needs no second look.
                Some(kind) if field.fits_scalar(*kind) => {}
                // `null` means absent where the contract does not require the property.
                Some(Kind::Null) if *presence == Presence::Optional => {}
                // Anything else is walked, which checks its items or names the mismatch.
                Some(_) => {
                    if let Some(value) = node.get(name) {
                        self.path.push(Segment::Key(name));
                        self.walk(field, &value, essential)?;
                        self.path.pop();
                    }
                }
                None => {}
            }
        }
        Ok(())
    }

    /// Records a problem at the current path: the error that refuses the answer when
    /// `essential` or strict, else an issue to report.
    fn problem(&mut self, expected: &'static str, got: &'static str, essential: bool) -> Result<(), ShapeError> {
        let issue = AnswerIssue {
            path: render(&self.path),
            expected,
            got,
        };
        if essential || self.mode == AnswerMode::Strict {
            return Err(issue.into());
        }
        self.issues.push(issue);
        Ok(())
    }
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
            Segment::Key(key) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Segment::Index(i) => {
                path.push('[');
                path.push_str(&crate::text::decimal(*i as u64));
                path.push(']');
            }
        }
    }
    path
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
            (Shape::Nullable(_), Kind::Null) | (Shape::Any, _) => true,
            (Shape::Nullable(inner), kind) => inner.fits_scalar(kind),
            _ => false,
        }
    }

    /// What a value of this shape is, as an issue names it: kinds only.
    pub fn expected(&self) -> &'static str {
        match self {
            Shape::Str => "a string",
            Shape::Bool => "a boolean",
            Shape::Number => "a number",
            Shape::List(_) => "an array",
            Shape::Object(_) => "an object",
            Shape::Any => "anything",
            Shape::Nullable(inner) => match inner {
                Shape::Str => "a string or null",
                Shape::Bool => "a boolean or null",
                Shape::Number => "a number or null",
                Shape::List(_) => "an array or null",
                Shape::Object(_) => "an object or null",
                Shape::Any => "anything",
                Shape::Nullable(inner) => inner.expected(),
            },
        }
    }
}

/// Short names for the shapes the models are made of, and for the presences.
pub mod kinds {
    use super::{Presence, Shape};
    pub const OPTIONAL: Presence = Presence::Optional;
    pub const NOT_NULL: Presence = Presence::NotNull;
    pub const REQUIRED: Presence = Presence::Required;
    pub const STR: Shape = Shape::Str;
    pub const BOOL: Shape = Shape::Bool;
    pub const NUM: Shape = Shape::Number;
    pub const STRS: Shape = Shape::List(&Shape::Str);
    pub const NULL_STR: Shape = Shape::Nullable(&Shape::Str);
    pub const NULL_BOOL: Shape = Shape::Nullable(&Shape::Bool);
    /// An object whose properties are not read: one the contract gives none, or one inside a
    /// resource checked shallowly (`contract/overlay.toml`).
    pub const OBJECT: Shape = Shape::Object(&super::Object { fields: &[] });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::{CLIENT_SESSION_SHAPE, CREDENTIAL_SHAPE, ENTRANCE_SHAPE, EVENT_SHAPE, PAGINATION_SHAPE};

    /// Walks every object shape: its fields must be sorted and unique for the binary search.
    fn assert_sorted(shape: &Shape, at: &str) {
        match shape {
            Shape::Object(object) => {
                for pair in object.fields.windows(2) {
                    assert!(
                        pair[0].0 < pair[1].0,
                        "{at}: {} must come before {}",
                        pair[1].0,
                        pair[0].0
                    );
                }
                for (name, inner, _) in object.fields {
                    assert_sorted(inner, &format!("{at}.{name}"));
                }
            }
            Shape::List(inner) | Shape::Nullable(inner) => assert_sorted(inner, at),
            Shape::Str | Shape::Bool | Shape::Number | Shape::Any => {}
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
                    for (name, inner, _) in object.fields {
                        out.push(name);
                        shape_names(inner, out);
                    }
                }
                Shape::List(inner) | Shape::Nullable(inner) => shape_names(inner, out),
                Shape::Str | Shape::Bool | Shape::Number | Shape::Any => {}
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
        ]
        .into_iter()
        .chain(endpoint_shapes().into_iter().map(|(_, shape)| shape))
        {
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

    /// The shape of what each endpoint answers.
    fn endpoint_shapes() -> Vec<(&'static str, &'static Shape)> {
        use crate::endpoints::Returns;
        crate::ENDPOINTS
            .iter()
            .filter_map(|endpoint| match endpoint.returns {
                Returns::One { resource, .. } | Returns::Maybe { resource, .. } | Returns::Many { resource, .. } => {
                    Some((endpoint.path, resource.shape()))
                }
                Returns::Nothing => None,
            })
            .collect()
    }

    #[test]
    fn every_shape_lists_its_fields_sorted() {
        let mut shapes = vec![
            ("acs_credential", &CREDENTIAL_SHAPE),
            ("acs_entrance", &ENTRANCE_SHAPE),
            ("client_session", &CLIENT_SESSION_SHAPE),
            ("pagination", &PAGINATION_SHAPE),
            ("event", &EVENT_SHAPE),
            // Not what its answers are checked against (the overlay's `shallow`), but Rust callers' full shape.
            ("device", &crate::models::DEVICE_SHAPE),
        ];
        shapes.extend(endpoint_shapes());
        assert!(shapes.len() > 40, "{} shapes", shapes.len());
        for (name, shape) in shapes {
            assert_sorted(shape, name);
        }
    }

    fn envelope(text: &str, mode: AnswerMode) -> Result<Vec<AnswerIssue>, ShapeError> {
        let list = Shape::List(&CREDENTIAL_SHAPE);
        let value: serde_json::Value = serde_json::from_str(text).expect("JSON");
        check_envelope_node(&&value, ("acs_credentials", &list, true), true, mode)
    }

    fn refused(path: &str, message: &str) -> Result<Vec<AnswerIssue>, ShapeError> {
        Err(ShapeError {
            path: path.to_owned(),
            message: message.to_owned(),
        })
    }

    #[test]
    fn the_essentials_refuse_an_answer_in_either_mode() {
        for mode in [AnswerMode::Lenient, AnswerMode::Strict] {
            let ok =
                r#"{"ok":true,"acs_credentials":[{"acs_credential_id":"a"}],"pagination":{"has_next_page":false}}"#;
            assert_eq!(envelope(ok, mode), Ok(vec![]));
            assert_eq!(
                envelope(r#"{"ok":true}"#, mode),
                refused("acs_credentials", "expected an array, got nothing")
            );
            assert_eq!(
                envelope(
                    r#"{"acs_credentials":[{"acs_credential_id":"a"},{"acs_credential_id":1}]}"#,
                    mode
                ),
                refused(
                    "acs_credentials[1].acs_credential_id",
                    "expected a string, got a number"
                )
            );
            assert_eq!(
                envelope(r#"{"acs_credentials":[{"acs_credential_id":"a"},{"code":"1"}]}"#, mode),
                refused("acs_credentials[1].acs_credential_id", "expected a string, got nothing")
            );
            assert_eq!(
                envelope(r#"{"acs_credentials":[null]}"#, mode),
                refused("acs_credentials[0]", "expected an object, got null")
            );
            assert_eq!(
                envelope(r#"{"pagination":{"has_next_page":"yes"},"acs_credentials":[]}"#, mode),
                refused("pagination.has_next_page", "expected a boolean, got a string")
            );
            assert_eq!(envelope("[]", mode), refused("", "the body is not a JSON object"));
        }
    }

    #[test]
    fn one_odd_record_is_an_issue_when_lenient_and_refuses_when_strict() {
        let body = r#"{"acs_credentials":[
            {"acs_credential_id":"a","is_managed":true},
            {"acs_credential_id":"b","is_managed":"yes","warnings":[{"warning_code":"w"}]}
        ]}"#;
        assert_eq!(
            envelope(body, AnswerMode::Lenient),
            Ok(vec![
                AnswerIssue {
                    path: "acs_credentials[1].is_managed".to_owned(),
                    expected: "a boolean",
                    got: "a string",
                },
                AnswerIssue {
                    path: "acs_credentials[1].warnings[0].message".to_owned(),
                    expected: "a string",
                    got: MISSING,
                },
            ])
        );
        assert_eq!(
            envelope(body, AnswerMode::Strict),
            refused("acs_credentials[1].is_managed", "expected a boolean, got a string")
        );
    }

    #[test]
    fn null_means_absent_unless_the_contract_requires_the_property() {
        for mode in [AnswerMode::Lenient, AnswerMode::Strict] {
            let optional = r#"{"acs_credentials":[{"acs_credential_id":"a","acs_user_id":null,
                "visionline_metadata":{"card_id":null},"assa_abloy_vostio_metadata":null}]}"#;
            assert_eq!(envelope(optional, mode), Ok(vec![]));
        }
        let required = r#"{"acs_credentials":[{"acs_credential_id":"a","display_name":null}]}"#;
        assert_eq!(
            envelope(required, AnswerMode::Strict),
            refused("acs_credentials[0].display_name", "expected a string, got null")
        );
        assert_eq!(
            envelope(required, AnswerMode::Lenient).map(|issues| issues.len()),
            Ok(1)
        );
        let id = r#"{"acs_credentials":[{"acs_credential_id":null}]}"#;
        assert_eq!(
            envelope(id, AnswerMode::Lenient),
            refused("acs_credentials[0].acs_credential_id", "expected a string, got null")
        );
    }
}
