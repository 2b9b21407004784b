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
    let Some((scheme, rest)) = trimmed.split_once("://") else {
        return invalid("the endpoint must be an absolute URL such as https://connect.getseam.com".to_owned());
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    // Only what a host and port are made of: anything else (`\`, `@`, `%`, spaces) is read
    // differently by different URL parsers, and `fetch` could send the token elsewhere.
    let Some(host) = host_of(authority) else {
        return invalid("the endpoint must be a URL such as https://connect.getseam.com: a host name or IP address, and an optional port".to_owned());
    };
    if !path.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~/".contains(&b)) {
        return invalid("the endpoint's path may hold only letters, digits and - . _ ~ /".to_owned());
    }
    match scheme.to_ascii_lowercase().as_str() {
        "https" => Ok(trimmed.to_owned()),
        "http" if is_loopback(host) => Ok(trimmed.to_owned()),
        "http" => invalid(format!(
            "refusing to send a token over plain http:// to {host}; use https://, or http:// only to localhost"
        )),
        _ => invalid("the endpoint must start with https:// (or http:// for localhost)".to_owned()),
    }
}

/// The host of `host[:port]` or `[v6]:port`, when the authority is made of nothing else.
fn host_of(authority: &str) -> Option<&str> {
    let (host, port) = match authority.strip_prefix('[') {
        Some(rest) => {
            let (v6, after) = rest.split_once(']')?;
            if v6.is_empty() || !v6.bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.') {
                return None;
            }
            // Only `:port` may follow: `[::1]@evil.com` is user `[::1]` at host evil.com.
            match after {
                "" => (v6, None),
                _ => (v6, Some(after.strip_prefix(':')?)),
            }
        }
        None => {
            let (host, port) = match authority.split_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (authority, None),
            };
            if host.is_empty()
                || !host
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
            {
                return None;
            }
            (host, port)
        }
    };
    match port {
        Some(port) if port.is_empty() || port.len() > 5 || !port.bytes().all(|b| b.is_ascii_digit()) => None,
        _ => Some(host),
    }
}

/// Exactly the loopback names: `localhost`, `127.0.0.0/8`, `::1`. Not `*.localhost`, which
/// Node resolves through DNS like any other name.
fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<std::net::Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
        || host.parse::<std::net::Ipv6Addr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_and_http_only_to_loopback() {
        for (given, kept) in [
            ("https://connect.getseam.com/", "https://connect.getseam.com"),
            ("https://x.example.com:8443/v1", "https://x.example.com:8443/v1"),
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
            ("http://localhost:3000/", "http://localhost:3000"),
            ("http://LOCALHOST:1", "http://LOCALHOST:1"),
            ("http://[::1]:9000", "http://[::1]:9000"),
            ("http://127.8.9.10", "http://127.8.9.10"),
        ] {
            assert_eq!(check(given).ok().as_deref(), Some(kept), "{given}");
        }
        for bad in [
            "http://example.com",
            "http://192.168.1.10:8080",
            "http://localhost.evil.com",
            "http://foo.localhost",
            // `fetch` reads `\` as `/`: this would go to example.com.
            "http://example.com\\.localhost",
            "http://127.0.0.1\\@example.com",
            "http://example.com%2f.localhost",
            "http://127.0.0.1:80x",
            "http://[::1",
            "http://[::1]@evil.com",
            "http://[::1].evil.com",
            "http://[::1]#",
            "ftp://x",
            "connect.getseam.com",
            "https://user:pw@x.com",
            "https://x.com/?a=1",
            "https://x.com/#a",
            "https:// x.com",
            "https://x.com/a b",
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
