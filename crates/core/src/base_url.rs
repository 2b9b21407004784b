//! Which endpoint URLs a client may talk to.

use crate::error::SeamError;

/// Seam's production endpoint.
pub const DEFAULT_ENDPOINT: &str = "https://connect.getseam.com";

/// Checks an endpoint URL and returns it without a trailing slash.
///
/// Tokens are bearer credentials: over plain `http://` anyone on the path can read and
/// reuse them. So `http://` is allowed only to the loopback addresses (a local server in
/// development and tests), never to another host.
pub fn check(endpoint: &str) -> Result<String, SeamError> {
    let invalid = |message: String| Err(SeamError::InvalidEndpoint { message });
    let trimmed = endpoint.trim_end_matches('/');
    let (scheme, rest) = match trimmed.split_once("://") {
        Some(parts) => parts,
        None => return invalid("the endpoint must be an absolute URL such as https://connect.getseam.com".to_owned()),
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.is_empty() || authority.contains('@') || !trimmed.bytes().all(|b| b.is_ascii_graphic()) {
        return invalid(
            "the endpoint must be a URL such as https://connect.getseam.com, without credentials or spaces".to_owned(),
        );
    }
    if rest.contains(['?', '#']) {
        return invalid("the endpoint must not have a query or a fragment".to_owned());
    }
    match scheme.to_ascii_lowercase().as_str() {
        "https" => Ok(trimmed.to_owned()),
        "http" if is_loopback(host_of(authority)) => Ok(trimmed.to_owned()),
        "http" => invalid(format!(
            "refusing to send a token over plain http:// to {}; use https://, or http:// only to localhost",
            host_of(authority)
        )),
        _ => invalid("the endpoint must start with https:// (or http:// for localhost)".to_owned()),
    }
}

/// The host of `host[:port]` or `[v6]:port`.
fn host_of(authority: &str) -> &str {
    if let Some(rest) = authority.strip_prefix('[') {
        return rest.split(']').next().unwrap_or_default();
    }
    authority.split(':').next().unwrap_or_default()
}

fn is_loopback(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    host == "localhost"
        || host.ends_with(".localhost")
        || host == "::1"
        || host
            .parse::<std::net::Ipv4Addr>()
            .map(|ip| ip.is_loopback())
            .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_and_http_only_to_loopback() {
        assert_eq!(
            check("https://connect.getseam.com/").ok().as_deref(),
            Some("https://connect.getseam.com")
        );
        assert_eq!(
            check("http://127.0.0.1:8080").ok().as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(
            check("http://localhost:3000/").ok().as_deref(),
            Some("http://localhost:3000")
        );
        assert_eq!(check("http://[::1]:9000").ok().as_deref(), Some("http://[::1]:9000"));
        assert_eq!(check("http://127.8.9.10").ok().as_deref(), Some("http://127.8.9.10"));
        for bad in [
            "http://example.com",
            "http://192.168.1.10:8080",
            "http://localhost.evil.com",
            "ftp://x",
            "connect.getseam.com",
            "https://user:pw@x.com",
            "https://x.com/?a=1",
            "https:// x.com",
            "",
        ] {
            assert!(
                matches!(check(bad), Err(SeamError::InvalidEndpoint { .. })),
                "{bad} should be refused"
            );
        }
        let message = check("http://example.com")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(message.contains("plain http://"), "{message}");
    }
}
