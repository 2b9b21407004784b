//! Reporting what a lenient reading accepted: the `onAnswerIssue(issue)` option.
//!
//! Core decides what is an issue ([`seam_acs_core::AnswerIssue`]); this hands each one to
//! the caller's function as `{ endpoint, path, expected, got, requestId }`. An issue names
//! kinds only, never a value. Without the option nothing is reported: a library prints
//! nothing by default.

use crate::convert;
use seam_acs_core::{AnswerIssue, SeamError};
use wasm_bindgen::JsValue;

/// Where a caller's issues go.
#[derive(Clone, Default)]
pub struct Reporter(Option<js_sys::Function>);

impl Reporter {
    /// Reads `options.onAnswerIssue`: a function, or absent.
    pub fn read(options: &JsValue) -> Result<Reporter, SeamError> {
        convert::js_option(options, "onAnswerIssue", "onAnswerIssue must be a function").map(Reporter)
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
