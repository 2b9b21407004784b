//! What each error carries besides its class and message, named as the package's JS error
//! classes name it: written once here, through [`Properties`], by the package's errors and
//! by its bulk runs' reports alike.

use crate::error::{ApiError, ApiErrorKind, FieldError, SeamError};
use crate::validate::ValidationIssue;

/// Where an error's properties are written (the package: a JS object). Each method sets the
/// property `name`; `None` is `null`.
pub trait Properties {
    fn text(&mut self, name: &'static str, value: Option<&str>);
    fn number(&mut self, name: &'static str, value: Option<f64>);
    /// The auth modes that may call an endpoint, as the contract names them.
    fn modes(&mut self, name: &'static str, modes: &[crate::AuthMode]);
    /// `[{ path, code, message }]`.
    fn issues(&mut self, name: &'static str, issues: &[ValidationIssue]);
    /// `[{ path, messages }]`.
    fn field_errors(&mut self, name: &'static str, fields: &[FieldError]);
    /// The value at `path` in the answer's body, as the server sent it (`null` when absent):
    /// a payload this crate does not model.
    fn answered(&mut self, name: &'static str, path: &[&'static str]);
}

impl SeamError {
    /// The properties of the error's class: an API error's `data` and `validationErrors`,
    /// and an action attempt's last state, are the answer's own.
    pub fn properties(&self, out: &mut impl Properties) {
        match self {
            SeamError::Validation { issues } => out.issues("issues", issues),
            SeamError::NotAllowed { path, mode, accepted } => {
                out.text("endpoint", Some(path));
                out.text("authMode", Some(mode.as_str()));
                out.modes("acceptedAuthModes", accepted);
            }
            SeamError::Api(api) => {
                api_properties(api, out);
                out.answered("data", &["error", "data"]);
                // Only an `invalid_input` error has fields to blame.
                if api.kind == ApiErrorKind::InvalidInput {
                    out.answered("validationErrors", &["error", "validation_errors"]);
                    out.field_errors("fieldErrors", &api.field_errors);
                } else {
                    out.text("validationErrors", None);
                    out.text("fieldErrors", None);
                }
            }
            SeamError::Parse { status, path, .. } => {
                out.number("statusCode", status.map(f64::from));
                out.text("path", Some(path));
            }
            SeamError::Timeout { timeout_ms } => out.number("timeoutMs", Some(*timeout_ms as f64)),
            SeamError::ActionAttemptFailed { code, .. } => {
                out.text("code", Some(code));
                out.answered("actionAttempt", &["action_attempt"]);
            }
            SeamError::ActionAttemptTimeout { timeout_ms } => {
                out.number("timeoutMs", Some(*timeout_ms as f64));
                out.answered("actionAttempt", &["action_attempt"]);
            }
            SeamError::InvalidToken { .. }
            | SeamError::InvalidEndpoint { .. }
            | SeamError::Network { .. }
            | SeamError::Aborted => {}
        }
    }

    /// What a bulk run's report records of the error: its class, its message, and the
    /// server's code, status and request id, or the validation issues. Never a token:
    /// errors never hold one.
    pub fn record(&self, out: &mut impl Properties) {
        out.text("name", Some(self.class_name()));
        out.text("message", Some(&self.message()));
        match self {
            SeamError::Api(api) => api_properties(api, out),
            SeamError::Validation { issues } => out.issues("issues", issues),
            _ => {}
        }
    }
}

fn api_properties(api: &ApiError, out: &mut impl Properties) {
    out.text("code", Some(&api.code));
    out.number("statusCode", Some(api.status.into()));
    out.text("requestId", api.request_id.as_deref());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::AuthMode;

    /// The properties as `name=value` lines.
    #[derive(Default)]
    struct Lines(Vec<String>);

    impl Properties for Lines {
        fn text(&mut self, name: &'static str, value: Option<&str>) {
            self.0.push(format!("{name}={value:?}"));
        }
        fn number(&mut self, name: &'static str, value: Option<f64>) {
            self.0.push(format!("{name}={value:?}"));
        }
        fn modes(&mut self, name: &'static str, modes: &[AuthMode]) {
            let modes: Vec<&str> = modes.iter().map(|mode| mode.as_str()).collect();
            self.0.push(format!("{name}={modes:?}"));
        }
        fn issues(&mut self, name: &'static str, issues: &[ValidationIssue]) {
            let paths: Vec<&str> = issues.iter().map(|issue| issue.path.as_str()).collect();
            self.0.push(format!("{name}=issues at {paths:?}"));
        }
        fn field_errors(&mut self, name: &'static str, fields: &[FieldError]) {
            let paths: Vec<&str> = fields.iter().map(|field| field.path.as_str()).collect();
            self.0.push(format!("{name}=fields {paths:?}"));
        }
        fn answered(&mut self, name: &'static str, path: &[&'static str]) {
            self.0.push(format!("{name}=answer {path:?}"));
        }
    }

    fn api(kind: ApiErrorKind) -> SeamError {
        SeamError::Api(Box::new(ApiError {
            status: 400,
            code: "invalid_input".to_owned(),
            message: "bad".to_owned(),
            kind,
            request_id: Some("req_1".to_owned()),
            data: None,
            validation_errors: None,
            retry_after_ms: None,
            field_errors: vec![FieldError {
                path: "code".to_owned(),
                messages: vec!["too short".to_owned()],
            }],
        }))
    }

    fn properties(error: &SeamError) -> Vec<String> {
        let mut lines = Lines::default();
        error.properties(&mut lines);
        lines.0
    }

    #[test]
    fn an_invalid_input_error_carries_the_servers_payloads_and_its_fields() {
        assert_eq!(
            properties(&api(ApiErrorKind::InvalidInput)),
            [
                "code=Some(\"invalid_input\")",
                "statusCode=Some(400.0)",
                "requestId=Some(\"req_1\")",
                "data=answer [\"error\", \"data\"]",
                "validationErrors=answer [\"error\", \"validation_errors\"]",
                "fieldErrors=fields [\"code\"]",
            ]
        );
    }

    #[test]
    fn other_api_errors_have_no_fields_to_blame() {
        let lines = properties(&api(ApiErrorKind::Other));
        assert_eq!(lines[4..], ["validationErrors=None", "fieldErrors=None"]);
    }

    #[test]
    fn a_refusal_names_the_endpoint_and_the_modes() {
        let error = SeamError::NotAllowed {
            path: "/acs/users/create".to_owned(),
            mode: AuthMode::ClientSession,
            accepted: &[AuthMode::ApiKey, AuthMode::PersonalAccessToken],
        };
        assert_eq!(
            properties(&error),
            [
                "endpoint=Some(\"/acs/users/create\")",
                "authMode=Some(\"client_session\")",
                "acceptedAuthModes=[\"api_key\", \"pat_with_workspace\"]",
            ]
        );
    }

    #[test]
    fn an_unread_answer_has_no_status_when_it_was_not_an_answer() {
        let error = SeamError::Parse {
            status: None,
            path: "acs_credential.code".to_owned(),
            message: "expected a string".to_owned(),
        };
        assert_eq!(
            properties(&error),
            ["statusCode=None", "path=Some(\"acs_credential.code\")"]
        );
        assert!(properties(&SeamError::Aborted).is_empty());
    }

    #[test]
    fn a_record_holds_the_class_message_and_the_servers_word_but_no_payload() {
        let mut lines = Lines::default();
        api(ApiErrorKind::InvalidInput).record(&mut lines);
        assert_eq!(
            lines.0,
            [
                "name=Some(\"SeamInvalidInputError\")",
                "message=Some(\"bad (invalid_input, HTTP 400)\")",
                "code=Some(\"invalid_input\")",
                "statusCode=Some(400.0)",
                "requestId=Some(\"req_1\")",
            ]
        );
        let mut lines = Lines::default();
        SeamError::Timeout { timeout_ms: 5 }.record(&mut lines);
        assert_eq!(
            lines.0,
            [
                "name=Some(\"SeamTimeoutError\")",
                "message=Some(\"no answer within 5 ms\")"
            ]
        );
    }
}
