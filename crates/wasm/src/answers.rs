//! Reporting what a lenient reading accepted: the `onAnswerIssue(issue)` option.
//!
//! Core decides what is an issue ([`seam_acs_core::AnswerIssue`]); this hands each one to
//! the caller's function as `{ endpoint, path, expected, got, requestId }`. An issue names
//! kinds only, never a value. Without the option nothing is reported: a library prints
//! nothing by default.

use crate::convert::{self, property};
use crate::node::JsNode;
use seam_acs_core::config;
use seam_acs_core::{AnswerIssue, AnswerMode, SeamError};
use wasm_bindgen::{JsCast, JsValue};

/// Where a caller's issues go.
#[derive(Clone, Default)]
pub struct Reporter(Option<js_sys::Function>);

impl Reporter {
    /// Reads `options.onAnswerIssue`: a function, or absent.
    pub fn read(options: &JsValue) -> Result<Reporter, SeamError> {
        match property(options, "onAnswerIssue") {
            None => Ok(Reporter(None)),
            Some(value) => value
                .dyn_into()
                .map(|f| Reporter(Some(f)))
                .map_err(|_| convert::invalid("onAnswerIssue", "onAnswerIssue must be a function")),
        }
    }

    /// Hands each issue to the caller's function. What the function throws is its own
    /// business: the answer was accepted, and the call does not fail for a report.
    pub fn report(&self, endpoint: Option<&str>, request_id: Option<&str>, issues: &[AnswerIssue]) {
        let Some(function) = &self.0 else { return };
        for issue in issues {
            let issue = convert::object(&[
                ("endpoint", convert::string_or_null(endpoint)),
                ("path", JsValue::from_str(&issue.path)),
                ("expected", JsValue::from_str(issue.expected)),
                ("got", JsValue::from_str(issue.got)),
                ("requestId", convert::string_or_null(request_id)),
            ]);
            let _ = function.call1(&JsValue::UNDEFINED, &issue);
        }
    }
}

/// Reads `options.answers` of a parse function: `"lenient"` (the default) or `"strict"`.
pub fn mode(options: &JsValue) -> Result<AnswerMode, SeamError> {
    config::read_answers(&JsNode(options.clone()))
}
