//! Turning a call into an HTTP request, as a plain value the transport sends.

use crate::auth::{Auth, SECRET_HEADERS};
use crate::datetime::Timestamp;
use crate::endpoints::Endpoint;
use crate::error::SeamError;
use crate::node::Node;
use crate::paging::CURSOR_PARAM;
use crate::prelude::*;
use crate::validate::validate;
use core::fmt;

/// What to send: a `POST` with a JSON body, which the contract allows for every endpoint
/// and which keeps parameters out of URLs and server logs; or, for reads that take only
/// ids ([`Endpoint::query`]), a `GET` with them in the query string and no body.
///
/// The body is as the parameters' [`Node`] view writes it ([`Node::Body`]): JSON text in a
/// `String` by default; in the npm package, the JS string its transport hands to `fetch`.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest<B = String> {
    pub method: &'static str,
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<B>,
}

impl<B: fmt::Debug> fmt::Debug for HttpRequest<B> {
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
) -> Result<HttpRequest<N::Body>, SeamError> {
    prepare_page(endpoint, auth, base_url, params, None, now)
}

/// [`prepare`] for one page of a paginated list: `cursor` (from [`crate::paging::Pager`],
/// never empty) replaces the caller's `page_cursor` in the body. The caller's parameters
/// are what is validated. (Query endpoints take only ids, as a test below holds them to,
/// so none is paginated.)
pub fn prepare_page<N: Node>(
    endpoint: &Endpoint,
    auth: &Auth,
    base_url: &str,
    params: N,
    cursor: Option<&str>,
    now: Timestamp,
) -> Result<HttpRequest<N::Body>, SeamError> {
    endpoint.check_allowed(auth.mode())?;
    let issues = validate(endpoint, params.clone(), now);
    if !issues.is_empty() {
        return Err(SeamError::Validation { issues });
    }
    let url = [base_url, endpoint.path].concat();
    if endpoint.query {
        return Ok(HttpRequest {
            method: "GET",
            // `&str`s, as every concat in the wasm: one of Strings would compile a second copy.
            url: [url.as_str(), &query(endpoint, &params)].concat(),
            headers: auth.headers(),
            body: None,
        });
    }
    // The one place a cursor is put into parameters.
    let body = params.body(cursor.map(|cursor| (CURSOR_PARAM, cursor)));
    let mut headers = vec![("content-type", "application/json".to_owned())];
    headers.extend(auth.headers());
    Ok(HttpRequest {
        method: "POST",
        url,
        headers,
        body: Some(body),
    })
}

/// `?name=value&…` for the valid parameters of a query endpoint (all strings: ids), in
/// the endpoint's order; empty when there are none.
fn query<N: Node>(endpoint: &Endpoint, params: &N) -> String {
    let mut query = String::new();
    for field in endpoint.params {
        if let Some(value) = params.get(field.name).and_then(|value| value.as_string()) {
            query.push(if query.is_empty() { '?' } else { '&' });
            query.push_str(&percent_encoded(field.name));
            query.push('=');
            query.push_str(&percent_encoded(&value));
        }
    }
    query
}

/// `text` with every byte but the unreserved ones (RFC 3986: letters, digits, `-._~`)
/// written as `%XX`.
pub(crate) fn percent_encoded(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push('%');
            for nibble in [byte >> 4, byte & 15] {
                out.push(HEX.get(usize::from(nibble)).map_or('0', |&digit| char::from(digit)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::AuthMode;
    use crate::endpoints::endpoint;
    use serde_json::{json, Value};

    fn now() -> Timestamp {
        Timestamp::from_millis(1_767_225_600_000) // 2026-01-01T00:00:00Z
    }

    const ID: &str = "3c90c3cc-0d44-4b50-8888-8dd25736052a";

    fn api_key() -> Auth {
        let Ok(auth) = Auth::new(AuthMode::ApiKey, "seam_key_abc", None) else {
            panic!("setup")
        };
        auth
    }

    #[test]
    fn builds_a_post_with_json_and_auth_headers() {
        let Some(list) = endpoint("/acs/credentials/list") else {
            panic!("setup")
        };
        let params = json!({ "acs_system_id": ID, "search": "Room 1 & 2" });
        let request = prepare(list, &api_key(), "https://connect.getseam.com", &params, now());
        let Ok(request) = request else { panic!("{request:?}") };
        assert_eq!(request.method, "POST");
        assert_eq!(request.url, "https://connect.getseam.com/acs/credentials/list");
        assert_eq!(
            request
                .body
                .as_deref()
                .map(serde_json::from_str::<Value>)
                .transpose()
                .ok()
                .flatten(),
            Some(params)
        );
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

    /// The body as text: the parameters' JSON; `{}` for none; the cursor put in a copy,
    /// replacing the caller's in its place.
    #[test]
    fn writes_the_body_with_the_cursor_if_any() {
        let Some(list) = endpoint("/acs/credentials/list") else {
            panic!("setup")
        };
        let body = |params: &Value, cursor| {
            prepare_page(list, &api_key(), "https://x.com", params, cursor, now())
                .ok()
                .and_then(|request| request.body)
        };
        let params = json!({ "limit": 2, "page_cursor": "a" });
        assert_eq!(body(&params, None).as_deref(), Some(r#"{"limit":2,"page_cursor":"a"}"#));
        assert_eq!(
            body(&params, Some("b\"")).as_deref(),
            Some(r#"{"limit":2,"page_cursor":"b\""}"#)
        );
        assert_eq!(body(&Value::Null, None).as_deref(), Some("{}"));
        assert_eq!(body(&Value::Null, Some("b")).as_deref(), Some(r#"{"page_cursor":"b"}"#));
    }

    #[test]
    fn builds_a_get_with_the_ids_in_the_query_for_reads_by_id() {
        let Some(get) = endpoint("/acs/credentials/get") else {
            panic!("setup")
        };
        let params = json!({ "acs_credential_id": ID });
        let request = prepare(get, &api_key(), "https://connect.getseam.com", &params, now());
        let Ok(request) = request else { panic!("{request:?}") };
        assert_eq!(request.method, "GET");
        assert_eq!(
            request.url,
            format!("https://connect.getseam.com/acs/credentials/get?acs_credential_id={ID}")
        );
        assert_eq!(request.body, None);
        assert_eq!(
            request.headers,
            vec![("authorization", "Bearer seam_key_abc".to_owned())]
        );
    }

    /// Only ids go into URLs: every query endpoint takes nothing but UUIDs.
    #[test]
    fn query_endpoints_take_only_ids() {
        let query: Vec<&str> = crate::ENDPOINTS.iter().filter(|e| e.query).map(|e| e.path).collect();
        assert_eq!(
            query,
            [
                "/acs/credentials/get",
                "/acs/credentials/list_accessible_entrances",
                "/acs/entrances/get",
                "/acs/systems/get",
                "/acs/systems/list_compatible_credential_manager_acs_systems",
                "/acs/users/get",
                "/acs/users/list_accessible_entrances",
                "/acs/access_groups/get",
                "/acs/access_groups/list_accessible_entrances",
                "/acs/access_groups/list_users",
                "/acs/encoders/get",
                "/action_attempts/get",
                "/user_identities/list_accessible_devices",
                "/user_identities/list_accessible_entrances",
                "/user_identities/list_acs_systems",
                "/user_identities/list_acs_users",
                "/user_identities/unmanaged/get",
            ]
        );
        for endpoint in crate::ENDPOINTS.iter().filter(|e| e.query) {
            for field in endpoint.params {
                assert!(
                    matches!(field.kind, crate::validate::Kind::Uuid),
                    "{} {}",
                    endpoint.path,
                    field.name
                );
            }
        }
    }

    #[test]
    fn percent_encodes_all_but_the_unreserved_bytes() {
        assert_eq!(percent_encoded("aZ09-._~"), "aZ09-._~");
        assert_eq!(percent_encoded("a b&c=d/é?#%"), "a%20b%26c%3Dd%2F%C3%A9%3F%23%25");
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
