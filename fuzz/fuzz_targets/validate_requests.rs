//! Everything a caller hands in before a request is sent: parameters (any JSON) validated
//! for every endpoint at any clock, tokens and workspace ids for every auth mode, endpoint
//! URLs and client options. No panic; a request `validate` accepts is built, with exactly
//! the given parameters, by every auth mode the endpoint allows and by no other; a refused
//! one is refused with the same issues.
//!
//! Input: JSON parameters, then optionally a NUL byte (JSON text holds none) and the bytes the rest is read from
//! (clock, token, workspace id, endpoint URL, timeout, retries), so seeds stay readable.
#![no_main]

mod common;
#[path = "../../crates/core/tests/support/sent.rs"]
mod sent;

use sent::sent;
use common::{show, Input};
use libfuzzer_sys::fuzz_target;
use seam_acs_core::datetime::Timestamp;
use seam_acs_core::auth::{Auth, AuthMode};
use seam_acs_core::base_url;
use seam_acs_core::config::{call_timeout, client_config, MAX_RETRIES, MAX_TIMEOUT_MS};
use seam_acs_core::request::prepare;
use seam_acs_core::validate::validate;
use seam_acs_core::{SeamError, ENDPOINTS};
use serde_json::{Map, Value};

const MODES: [AuthMode; 5] = [
    AuthMode::ApiKey,
    AuthMode::ClientSession,
    AuthMode::PersonalAccessToken,
    AuthMode::ConsoleSession,
    AuthMode::PublishableKey,
];

/// A valid token of each mode, to build requests with.
fn auth(mode: AuthMode) -> Auth {
    let token = match mode {
        AuthMode::ApiKey => "seam_key_fuzz",
        AuthMode::ClientSession => "seam_cst_fuzz",
        AuthMode::PersonalAccessToken => "seam_at_fuzz",
        AuthMode::ConsoleSession => "eyJfuzz.x.y",
        AuthMode::PublishableKey => "seam_pk_fuzz",
    };
    Auth::new(mode, token, Some("ws_fuzz")).expect("a valid token")
}

fuzz_target!(|data: &[u8]| {
    let (json, tail) = match data.iter().position(|&b| b == 0) {
        Some(nul) => (&data[..nul], &data[nul + 1..]),
        None => (data, &[][..]),
    };
    let mut input = Input::new(tail);
    let now = if tail.is_empty() {
        Timestamp::from_millis(1_767_225_600_000) // a fixed "today", 2026-01-01
    } else {
        input.clock()
    };

    if let Ok(params) = serde_json::from_slice::<Value>(json) {
        check_params(&params, now);
        // The same parameters one level down, so the nested objects get arbitrary values too.
        if let Value::Object(object) = &params {
            for (_, value) in object.iter().take(4) {
                check_params(value, now);
            }
        }
    }

    let token = input.string();
    let workspace = input.maybe_string();
    for mode in MODES {
        check_auth(mode, &token, workspace.as_deref());
    }
    let url = input.maybe_string();
    if let Some(url) = &url {
        check_base_url(url);
    }
    let timeout = input.bool().then(|| input.f64());
    let retries = input.bool().then(|| input.f64());
    let call = input.bool().then(|| input.f64());
    let answers = input.maybe_string();
    match client_config(url.as_deref(), timeout, retries, answers.as_deref()) {
        Ok(config) => {
            assert!((1..=MAX_TIMEOUT_MS).contains(&config.timeout_ms));
            assert!(config.retry.max_retries <= MAX_RETRIES);
            assert_eq!(base_url::check(&config.base_url).ok().as_ref(), Some(&config.base_url));
            match call_timeout(&config, call) {
                Ok(ms) => assert!((1..=MAX_TIMEOUT_MS).contains(&ms)),
                Err(error) => show(&error),
            }
        }
        Err(error) => show(&error),
    }
});

fn check_params(params: &Value, now: Timestamp) {
    for endpoint in ENDPOINTS {
        let issues = validate(endpoint, params, now);
        assert_eq!(validate(endpoint, params, now), issues, "validate is not deterministic");
        for issue in &issues {
            let _ = issue.to_string();
            assert!(!issue.message.is_empty());
        }
        for mode in MODES {
            let request = prepare(endpoint, &auth(mode), "https://connect.getseam.com", params, now);
            match request {
                _ if !endpoint.allows(mode) => {
                    assert!(
                        matches!(request, Err(SeamError::NotAllowed { .. })),
                        "{mode} may not call {}",
                        endpoint.path
                    );
                }
                Ok(request) => {
                    assert!(issues.is_empty(), "built despite {issues:?}");
                    let body = sent(&request);
                    let expected = match params {
                        Value::Null => Value::Object(Map::new()),
                        other => other.clone(),
                    };
                    assert_eq!(body, expected, "the body is not the parameters");
                    let path = request.url.split_once('?').map_or(request.url.as_str(), |(path, _)| path);
                    assert!(path.ends_with(endpoint.path));
                    assert_eq!(request.method == "GET", endpoint.query);
                }
                Err(SeamError::Validation { issues: refused }) => assert_eq!(refused, issues),
                Err(other) => panic!("{} with valid auth: {other:?}", endpoint.path),
            }
        }
    }
}

fn check_auth(mode: AuthMode, token: &str, workspace: Option<&str>) {
    match Auth::new(mode, token, workspace) {
        Ok(auth) => {
            assert_eq!(auth.mode(), mode);
            assert!(!token.is_empty() && token.bytes().all(|b| b.is_ascii_graphic()));
            let headers = auth.headers();
            assert!(
                headers.iter().any(|(_, value)| value.contains(token)),
                "the token is not sent"
            );
            assert!(headers.iter().all(|(_, value)| !value.contains(['\r', '\n'])));
            let debug = format!("{auth:?}");
            if token.len() >= 12 && !workspace.is_some_and(|w| w.contains(token)) {
                assert!(!debug.contains(token), "Debug shows the token");
            }
        }
        Err(error) => {
            let message = error.to_string();
            // The message names kinds of tokens, never the token. (Its fixed text has no
            // digits, so a token with one cannot be a few of its words.)
            if token.len() >= 8 && token.bytes().any(|b| b.is_ascii_digit()) {
                assert!(!message.contains(token), "the error repeats the token: {message}");
            }
            show(&error);
        }
    }
}

fn check_base_url(url: &str) {
    match base_url::check(url) {
        Ok(checked) => {
            let lower = checked.to_ascii_lowercase();
            let rest = lower.split_once("://").map(|(_, rest)| rest).unwrap_or_default();
            // Where `fetch` (the WHATWG URL parser) sends it: `\` ends the host as `/` does,
            // and a host is what follows the last `@` of the authority.
            let authority = rest.split(['/', '\\', '?', '#']).next().unwrap_or_default();
            assert!(!checked.ends_with('/'));
            assert!(checked.bytes().all(|b| b.is_ascii_graphic()), "{checked:?}");
            assert!(
                lower.starts_with("https://") || lower.starts_with("http://"),
                "{checked}"
            );
            assert!(!checked.contains(['?', '#', '\\', '@']), "{checked}");
            assert!(!authority.is_empty(), "{checked}");
            let host = match authority.strip_prefix('[') {
                Some(v6) => v6.split(']').next().unwrap_or_default(),
                None => authority.split(':').next().unwrap_or_default(),
            };
            if lower.starts_with("http://") {
                // Only loopback, and not `*.localhost` (Node resolves it through DNS).
                assert!(
                    host == "localhost"
                        || host.parse::<std::net::Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
                        || host.parse::<std::net::Ipv6Addr>().is_ok_and(|ip| ip.is_loopback()),
                    "a token would go in clear text to {host} ({checked})"
                );
            }
            assert_eq!(
                base_url::check(&checked).ok().as_ref(),
                Some(&checked),
                "check is not idempotent"
            );
        }
        Err(error) => show(&error),
    }
}
