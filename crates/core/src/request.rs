//! Turning a call into an HTTP request, as a plain value the transport sends.

use crate::auth::{Auth, SECRET_HEADERS};
use crate::datetime::Timestamp;
use crate::endpoints::Endpoint;
use crate::error::SeamError;
use crate::node::{Kind, Node};
use crate::validate::validate;
use std::fmt;

/// What to send. Every endpoint takes `POST` with a JSON body, which the contract allows
/// for all of them and which keeps parameters out of URLs and server logs.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: &'static str,
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
}

impl fmt::Debug for HttpRequest {
    /// Shows everything but the values of the token headers.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                (
                    *name,
                    if SECRET_HEADERS.contains(name) {
                        "[redacted]"
                    } else {
                        value.as_str()
                    },
                )
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body", &self.body)
            .finish()
    }
}

/// Checks that `auth` may call `endpoint` and that `params` are valid, then builds the
/// request. On any problem nothing is built, so nothing can be sent.
///
/// `base_url` must come from [`crate::base_url::check`].
pub fn prepare<N: Node>(
    endpoint: &Endpoint,
    auth: &Auth,
    base_url: &str,
    params: N,
    now: Timestamp,
) -> Result<HttpRequest, SeamError> {
    if !endpoint.allows(auth.mode()) {
        return Err(SeamError::NotAllowed {
            path: endpoint.path.to_owned(),
            mode: auth.mode(),
            accepted: endpoint.auth,
        });
    }
    let body = match params.kind() {
        Kind::Null => "{}".to_owned(),
        _ => params.to_json(),
    };
    let issues = validate(endpoint, params, now);
    if !issues.is_empty() {
        return Err(SeamError::Validation { issues });
    }
    let mut headers = vec![("content-type", "application/json".to_owned())];
    headers.extend(auth.headers());
    Ok(HttpRequest {
        method: "POST",
        url: [base_url, endpoint.path].concat(),
        headers,
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::AuthMode;
    use crate::endpoints::endpoint;
    use serde_json::json;

    use serde_json::Value;

    fn now() -> Timestamp {
        Timestamp::from_millis(1_767_225_600_000) // 2026-01-01T00:00:00Z
    }

    #[test]
    fn builds_a_post_with_json_and_auth_headers() {
        let (Some(get), Ok(auth)) = (
            endpoint("/acs/credentials/get"),
            Auth::new(AuthMode::ApiKey, "seam_key_abc", None),
        ) else {
            panic!("setup")
        };
        let id = "3c90c3cc-0d44-4b50-8888-8dd25736052a";
        let request = prepare(
            get,
            &auth,
            "https://connect.getseam.com",
            &json!({ "acs_credential_id": id }),
            now(),
        );
        let Ok(request) = request else { panic!("{request:?}") };
        assert_eq!(request.method, "POST");
        assert_eq!(request.url, "https://connect.getseam.com/acs/credentials/get");
        assert_eq!(request.body, format!("{{\"acs_credential_id\":\"{id}\"}}"));
        assert!(request
            .headers
            .contains(&("authorization", "Bearer seam_key_abc".to_owned())));
        assert!(request
            .headers
            .contains(&("content-type", "application/json".to_owned())));
        let debug = format!("{request:?}");
        assert!(!debug.contains("seam_key_abc"), "{debug}");
        assert!(debug.contains("[redacted]"), "{debug}");
    }

    #[test]
    fn a_client_session_may_list_but_not_create() {
        let Ok(auth) = Auth::new(AuthMode::ClientSession, "seam_cst_abc", None) else {
            panic!("setup")
        };
        let (Some(list), Some(create)) = (endpoint("/acs/credentials/list"), endpoint("/acs/credentials/create"))
        else {
            panic!("setup")
        };
        assert!(prepare(list, &auth, "https://x.com", &Value::Null, now()).is_ok());
        let refused = prepare(create, &auth, "https://x.com", &json!({}), now());
        assert_eq!(
            refused,
            Err(SeamError::NotAllowed {
                path: "/acs/credentials/create".to_owned(),
                mode: AuthMode::ClientSession,
                accepted: &[
                    AuthMode::PersonalAccessToken,
                    AuthMode::ConsoleSession,
                    AuthMode::ApiKey
                ],
            })
        );
        let message = refused.err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(
            message,
            "/acs/credentials/create cannot be called with a client session token (nothing was sent); it accepts a personal access token, a console session token or an API key"
        );
    }

    #[test]
    fn invalid_params_build_nothing() {
        let (Some(get), Ok(auth)) = (
            endpoint("/acs/credentials/get"),
            Auth::new(AuthMode::ApiKey, "seam_key_abc", None),
        ) else {
            panic!("setup")
        };
        let result = prepare(
            get,
            &auth,
            "https://x.com",
            &json!({ "acs_credential_id": "nope" }),
            now(),
        );
        let Err(SeamError::Validation { issues }) = result else {
            panic!("{result:?}")
        };
        assert_eq!(issues.len(), 1);
        assert_eq!(issues.first().map(|i| i.path.as_str()), Some("acs_credential_id"));
    }
}
