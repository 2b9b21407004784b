//! Who is calling: the five ways to authenticate, the headers each sends, and the
//! token-kind checks that catch a token given to the wrong constructor.
//!
//! The headers and the prefixes are those of Seam's official SDK (`@seamapi/http`):
//! API keys start with `seam_`, client session tokens with `seam_cst`, personal access
//! tokens with `seam_at`, publishable keys with `seam_pk`, console sessions are JWTs (`ey…`).

use crate::error::SeamError;
use crate::prelude::*;
use crate::secret::Secret;
use core::fmt;

/// An authentication mode, named as the contract's `security` lines name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthMode {
    ApiKey,
    ClientSession,
    /// `pat_with_workspace`: a personal access token plus a workspace id.
    PersonalAccessToken,
    /// `console_session_with_workspace`: a console session JWT plus a workspace id.
    ConsoleSession,
    /// Only for `/client_sessions/get_or_create`, to obtain a client session.
    PublishableKey,
}

impl AuthMode {
    pub fn as_str(self) -> &'static str {
        match self {
            AuthMode::ApiKey => "api_key",
            AuthMode::ClientSession => "client_session",
            AuthMode::PersonalAccessToken => "pat_with_workspace",
            AuthMode::ConsoleSession => "console_session_with_workspace",
            AuthMode::PublishableKey => "publishable_key",
        }
    }

    /// How a sentence would start with it (no Unicode case tables needed at run time).
    fn describe_capitalised(self) -> &'static str {
        match self {
            AuthMode::ApiKey => "An API key",
            AuthMode::ClientSession => "A client session token",
            AuthMode::PersonalAccessToken => "A personal access token",
            AuthMode::ConsoleSession => "A console session token",
            AuthMode::PublishableKey => "A publishable key",
        }
    }

    /// How a person would call it in an error message.
    pub fn describe(self) -> &'static str {
        match self {
            AuthMode::ApiKey => "an API key",
            AuthMode::ClientSession => "a client session token",
            AuthMode::PersonalAccessToken => "a personal access token",
            AuthMode::ConsoleSession => "a console session token",
            AuthMode::PublishableKey => "a publishable key",
        }
    }
}

impl fmt::Display for AuthMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kind a token's shape says it is.
fn kind_of(token: &str) -> Option<AuthMode> {
    if token.starts_with("seam_cst") {
        Some(AuthMode::ClientSession)
    } else if token.starts_with("seam_at") {
        Some(AuthMode::PersonalAccessToken)
    } else if token.starts_with("seam_pk") {
        Some(AuthMode::PublishableKey)
    } else if token.starts_with("ey") {
        Some(AuthMode::ConsoleSession)
    } else if token.starts_with("seam_") {
        Some(AuthMode::ApiKey)
    } else {
        None
    }
}

fn expected_prefix(mode: AuthMode) -> &'static str {
    match mode {
        AuthMode::ApiKey => "seam_",
        AuthMode::ClientSession => "seam_cst",
        AuthMode::PersonalAccessToken => "seam_at",
        AuthMode::ConsoleSession => "ey (a JWT)",
        AuthMode::PublishableKey => "seam_pk",
    }
}

/// The longest token or workspace id taken. They travel in HTTP headers, which servers
/// commonly cap at 8 KB in all; Seam's are a few hundred characters at most.
pub const MAX_TOKEN_LENGTH: usize = 4096;

/// Credentials for one client: the mode, the token (never printed) and, for the modes
/// that need it, the workspace.
#[derive(Clone, PartialEq, Eq)]
pub struct Auth {
    mode: AuthMode,
    token: Secret,
    workspace_id: Option<String>,
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Auth")
            .field("mode", &self.mode)
            .field("token", &self.token)
            .field("workspace_id", &self.workspace_id)
            .finish()
    }
}

impl Auth {
    /// Checks that `token` is of the kind `mode` needs. The message names both kinds and
    /// never the token itself.
    pub fn new(mode: AuthMode, token: &str, workspace_id: Option<&str>) -> Result<Auth, SeamError> {
        let invalid = |message: String| Err(SeamError::InvalidToken { message });
        if token.is_empty() {
            return invalid([mode.describe(), " is required"].concat());
        }
        if token.len() > MAX_TOKEN_LENGTH {
            let most = crate::text::decimal(MAX_TOKEN_LENGTH as u64);
            return invalid([mode.describe(), " is too long (at most ", &most, " characters)"].concat());
        }
        // A token goes into an HTTP header: anything but visible ASCII would corrupt it.
        if !token.bytes().all(|b| b.is_ascii_graphic()) {
            return invalid(
                [
                    mode.describe(),
                    " may contain only visible ASCII characters (no spaces or line breaks)",
                ]
                .concat(),
            );
        }
        match kind_of(token) {
            Some(kind) if kind == mode => {}
            Some(kind) => {
                return invalid([kind.describe_capitalised(), " cannot be used as ", mode.describe()].concat());
            }
            None => {
                return invalid(
                    [
                        "unknown or invalid token format for ",
                        mode.describe(),
                        ": expected a token that starts with ",
                        expected_prefix(mode),
                    ]
                    .concat(),
                )
            }
        }
        let workspace_id = match mode {
            AuthMode::PersonalAccessToken | AuthMode::ConsoleSession => match workspace_id {
                Some(id)
                    if !id.is_empty() && id.len() <= MAX_TOKEN_LENGTH && id.bytes().all(|b| b.is_ascii_graphic()) =>
                {
                    Some(id.to_owned())
                }
                _ => return invalid([mode.describe(), " needs a workspace id"].concat()),
            },
            _ => None,
        };
        Ok(Auth {
            mode,
            token: Secret::new(token),
            workspace_id,
        })
    }

    pub fn mode(&self) -> AuthMode {
        self.mode
    }

    /// The headers this mode sends, as the official SDK sends them.
    pub fn headers(&self) -> Vec<(&'static str, String)> {
        let token = self.token.expose().to_owned();
        let bearer = ["Bearer ", &token].concat();
        let mut headers = Vec::with_capacity(2);
        match self.mode {
            AuthMode::ApiKey => headers.push(("authorization", bearer)),
            AuthMode::ClientSession => {
                headers.push(("authorization", bearer));
                headers.push(("client-session-token", token));
            }
            AuthMode::PersonalAccessToken | AuthMode::ConsoleSession => {
                headers.push(("authorization", bearer));
                if let Some(workspace) = &self.workspace_id {
                    headers.push(("seam-workspace", workspace.clone()));
                }
            }
            AuthMode::PublishableKey => headers.push(("seam-publishable-key", token)),
        }
        headers
    }
}

/// Header names whose values are secrets, so `Debug` of a request can hide them.
pub const SECRET_HEADERS: &[&str] = &["authorization", "client-session-token", "seam-publishable-key"];

#[cfg(test)]
mod tests {
    use super::*;

    fn message(result: Result<Auth, SeamError>) -> String {
        match result {
            Err(SeamError::InvalidToken { message }) => message,
            other => format!("unexpected: {other:?}"),
        }
    }

    #[test]
    fn each_mode_sends_the_official_headers() {
        let key = Auth::new(AuthMode::ApiKey, "seam_key_1", None).map(|a| a.headers());
        assert_eq!(key.ok(), Some(vec![("authorization", "Bearer seam_key_1".to_owned())]));
        let cst = Auth::new(AuthMode::ClientSession, "seam_cst_1", None).map(|a| a.headers());
        assert_eq!(
            cst.ok(),
            Some(vec![
                ("authorization", "Bearer seam_cst_1".to_owned()),
                ("client-session-token", "seam_cst_1".to_owned())
            ])
        );
        let pat = Auth::new(AuthMode::PersonalAccessToken, "seam_at_1", Some("ws_1")).map(|a| a.headers());
        assert_eq!(
            pat.ok(),
            Some(vec![
                ("authorization", "Bearer seam_at_1".to_owned()),
                ("seam-workspace", "ws_1".to_owned())
            ])
        );
        let console = Auth::new(AuthMode::ConsoleSession, "eyJhbGciOi.x.y", Some("ws_1")).map(|a| a.headers());
        assert_eq!(console.map(|h| h.len()).ok(), Some(2));
        let pk = Auth::new(AuthMode::PublishableKey, "seam_pk_1", None).map(|a| a.headers());
        assert_eq!(pk.ok(), Some(vec![("seam-publishable-key", "seam_pk_1".to_owned())]));
    }

    #[test]
    fn a_token_of_the_wrong_kind_is_refused_without_echoing_it() {
        let m = message(Auth::new(AuthMode::ApiKey, "seam_cst_secret", None));
        assert_eq!(m, "A client session token cannot be used as an API key");
        assert!(!m.contains("seam_cst_secret"));
        let m = message(Auth::new(AuthMode::ClientSession, "seam_key_secret", None));
        assert_eq!(m, "An API key cannot be used as a client session token");
        let m = message(Auth::new(AuthMode::ApiKey, "abc", None));
        assert!(m.contains("starts with seam_"), "{m}");
        let m = message(Auth::new(AuthMode::PersonalAccessToken, "seam_at_1", None));
        assert_eq!(m, "a personal access token needs a workspace id");
        let m = message(Auth::new(AuthMode::ApiKey, "seam_key\r\nx: y", None));
        assert!(m.contains("visible ASCII"), "{m}");
        let m = message(Auth::new(AuthMode::ApiKey, "", None));
        assert_eq!(m, "an API key is required");
    }

    #[test]
    fn tokens_and_workspace_ids_have_a_length_limit() {
        let longest = format!("seam_{}", "k".repeat(MAX_TOKEN_LENGTH - 5));
        assert!(Auth::new(AuthMode::ApiKey, &longest, None).is_ok());
        let m = message(Auth::new(AuthMode::ApiKey, &format!("{longest}k"), None));
        assert_eq!(m, "an API key is too long (at most 4096 characters)");
        let workspace = "w".repeat(MAX_TOKEN_LENGTH + 1);
        let m = message(Auth::new(AuthMode::PersonalAccessToken, "seam_at_1", Some(&workspace)));
        assert_eq!(m, "a personal access token needs a workspace id");
    }

    #[test]
    fn debug_hides_the_token() {
        let auth = Auth::new(AuthMode::ApiKey, "seam_key_topsecret", None);
        let text = format!("{auth:?}");
        assert!(text.contains("[redacted]"), "{text}");
        assert!(!text.contains("topsecret"), "{text}");
    }
}
