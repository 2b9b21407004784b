//! Every endpoint the client calls, declared once, as data.
//!
//! One generic path serves them all: [`crate::request::prepare`] validates and builds a
//! request from an [`Endpoint`], [`crate::response::parse`] reads its answer, and
//! [`crate::retry`] and [`crate::paging`] take their decisions from its flags. The
//! parameters and auth modes are those of the pinned contract (`@seamapi/types` 1.977.0),
//! read by the generator; what the contract does not say is in `contract/overlay.toml`.

use crate::auth::AuthMode;
use crate::error::SeamError;
use crate::prelude::*;
use crate::validate::spec::{Field, Rule};

/// The table itself is generated from the contract and `contract/overlay.toml`
/// (`cargo run -p xtask -- generate`), as are the shapes of the resources it returns.
pub use crate::generated::endpoints::{Resource, ENDPOINTS};

/// What a successful answer carries, and under which key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Returns {
    /// One object, required (`get`, `create`).
    One { key: &'static str, resource: Resource },
    /// One object if the server sends it. The contract's `x-response-key` is null for
    /// `assign`, `unassign` and `update`, but its schema has the credential.
    Maybe { key: &'static str, resource: Resource },
    /// A list; `paginated` lists also carry a `pagination` object.
    Many {
        key: &'static str,
        resource: Resource,
        paginated: bool,
    },
    /// Nothing but `ok` (`delete`).
    Nothing,
}

/// One endpoint of the API.
#[derive(Debug, Clone, Copy)]
pub struct Endpoint {
    /// The path, which is also the endpoint's name (`/acs/credentials/create`).
    pub path: &'static str,
    pub returns: Returns,
    /// Whether sending it twice is harmless, so a failure may be retried. A mutation is
    /// only ever re-sent after a 429, which says the first one was not processed.
    pub retry_safe: bool,
    /// Sent as a GET with its parameters in the query string (which the contract allows
    /// for every read) rather than as a POST with a JSON body: only for reads whose
    /// parameters are all ids, which are safe in a URL (a `search` or a PIN is not: URLs
    /// end up in logs). A GET costs less than a POST in Node's `fetch`.
    pub query: bool,
    /// The contract gives it an `x-action-attempt-type` (`ENCODE_CREDENTIAL`): its answer is an
    /// action attempt, which a call waits for unless told not to ([`crate::action_attempt`]).
    pub action_attempt: bool,
    /// The auth modes the contract's `security` line allows.
    pub auth: &'static [AuthMode],
    pub params: &'static [Field],
    pub rules: &'static [Rule],
}

impl Endpoint {
    pub fn allows(&self, mode: AuthMode) -> bool {
        self.auth.contains(&mode)
    }

    /// The refusal (nothing is sent) when `mode` may not call it.
    pub fn check_allowed(&self, mode: AuthMode) -> Result<(), SeamError> {
        if self.allows(mode) {
            return Ok(());
        }
        Err(SeamError::NotAllowed {
            path: self.path.to_owned(),
            mode,
            accepted: self.auth,
        })
    }

    pub fn is_paginated(&self) -> bool {
        matches!(self.returns, Returns::Many { paginated: true, .. })
    }

    /// Whether the package makes a method of it: those of the namespaces `acs`,
    /// `actionAttempts` and `userIdentities` (`/client_sessions/` serves `fromPublishableKey`).
    pub fn is_method(&self) -> bool {
        ["/acs/", "/action_attempts/", "/user_identities/"]
            .iter()
            .any(|prefix| self.path.starts_with(prefix))
    }
}

/// Looks an endpoint up by path.
pub fn endpoint(path: &str) -> Option<&'static Endpoint> {
    ENDPOINTS.iter().find(|e| e.path == path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_endpoint_but_the_client_session_one_is_a_method() {
        let not_methods: Vec<&str> = ENDPOINTS.iter().filter(|e| !e.is_method()).map(|e| e.path).collect();
        assert_eq!(not_methods, ["/client_sessions/get_or_create"]);
        assert_eq!(ENDPOINTS.iter().filter(|e| e.is_method()).count(), 63);
    }
}
