//! `contract/overlay.toml`: what the contract does not say (see the file's own comments).

use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    pub contract_version: String,
    pub unsupported_schemes: Vec<String>,
    pub min_text_length: usize,
    pub tolerate_missing: Vec<String>,
    /// Answer properties (`<schema>.<property>`) that are secrets: the models keep them as `Secret`.
    #[serde(default)]
    pub secrets: Vec<String>,
    #[serde(default)]
    pub resources: BTreeMap<String, ResourceOverlay>,
    pub endpoint: Vec<EndpointOverlay>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceOverlay {
    /// What an answer must have; default: the resource's id (`<schema>_id`).
    pub essential: Option<Vec<String>>,
    /// Answers are checked one level deep (see the overlay's comment).
    #[serde(default)]
    pub shallow: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndpointOverlay {
    pub path: String,
    #[serde(default)]
    pub query: bool,
    pub retry_safe: Option<bool>,
    pub returns: Option<String>,
    /// The name given to the answer's object when the contract writes it inline rather than
    /// as a component schema (`unmanaged_user_identity`).
    pub answer_schema: Option<String>,
    #[serde(default)]
    pub stricter: Vec<Stricter>,
    #[serde(default)]
    pub rules: Vec<RuleOverlay>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stricter {
    pub param: String,
    /// `uuid` or `positive_int`; the contract's kind when absent.
    pub kind: Option<String>,
    /// Required although the contract has it optional.
    #[serde(default)]
    pub required: bool,
    /// What the contract says, as [`crate::openapi::describe`] writes it.
    pub contract: String,
    pub why: String,
}

/// One cross-field rule: exactly one of the rule keys, and a `quote` or a `why`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleOverlay {
    pub exactly_one_of: Option<Vec<String>>,
    pub at_least_one_of: Option<Vec<String>>,
    /// `[field, needs]`.
    pub requires: Option<[String; 2]>,
    /// `[later, earlier]`.
    pub after: Option<[String; 2]>,
    pub in_future: Option<String>,
    pub quote: Option<String>,
    pub why: Option<String>,
}
