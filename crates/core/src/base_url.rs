//! Which endpoint URLs a client may talk to.

use crate::error::SeamError;
use crate::prelude::*;

/// Seam's production endpoint.
pub const DEFAULT_ENDPOINT: &str = "https://connect.getseam.com";

/// The longest endpoint URL taken.
pub const MAX_ENDPOINT_LENGTH: usize = 2048;

/// Checks an endpoint URL and returns it without a trailing slash.
///
/// Tokens are bearer credentials: over plain `http://` anyone on the path can read and
/// reuse them. So `http://` is allowed only to the loopback addresses (a local server in
/// development and tests), never to another host.
pub fn check(endpoint: &str) -> Result<String, SeamError> {
    let invalid = |message: String| Err(SeamError::InvalidEndpoint { message });
    // A URL longer than browsers and servers commonly take; and the message below names the
    // host, which must stay short.
    if endpoint.len() > MAX_ENDPOINT_LENGTH {
        return invalid("the endpoint is too long (at most 2048 characters)".to_owned());
    }
    let trimmed = endpoint.trim_end_matches('/');
    let Some((scheme, rest)) = trimmed
        .split_once(':')
        .and_then(|(scheme, rest)| Some((scheme, rest.strip_prefix("//")?)))
    else {
        return invalid("the endpoint must be an absolute URL such as https://connect.getseam.com".to_owned());
    };
    let (authority, path) = match rest.find('/') {
        Some(slash) => rest.split_at_checked(slash).unwrap_or((rest, "")),
        None => (rest, ""),
    };
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
        "http" => invalid(
            [
                "refusing to send a token over plain http:// to ",
                host,
                "; use https://, or http:// only to localhost",
            ]
            .concat(),
        ),
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
///
/// The addresses are checked in the text forms `core::net` parses, without `core::net`'s
/// parsers (they cost the wasm build more than these lines).
fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost") || is_ipv4_loopback(host) || is_ipv6_loopback(host)
}

/// `127.x.y.z` as `Ipv4Addr` reads it: four decimal parts 0–255, no leading zeros.
fn is_ipv4_loopback(host: &str) -> bool {
    host.strip_prefix("127.")
        .is_some_and(|rest| rest.split('.').count() == 3 && rest.split('.').all(is_octet))
}

/// One part of a dotted quad: `0`, or 1 to 3 digits not starting with `0`, at most 255.
fn is_octet(part: &str) -> bool {
    let plain = part.bytes().all(|b| b.is_ascii_digit()) && (part == "0" || !part.starts_with('0'));
    plain && part.len() <= 3 && part.parse::<u8>().is_ok()
}

/// `::1` in any form `Ipv6Addr` reads: groups of 1 to 4 hex digits, all zero but the last
/// (`1`, or the embedded IPv4 `0.0.0.1` counting as two groups), eight of them, or at most
/// seven around a single `::` that stands for the zeros left out.
fn is_ipv6_loopback(host: &str) -> bool {
    let double_colon = host.as_bytes().windows(2).position(|pair| pair == b"::");
    let (head, tail, groups_needed) = match double_colon.and_then(|at| Some((host.get(..at)?, host.get(at + 2..)?))) {
        Some((head, tail)) => (head, tail, 1..=7),
        None => ("", host, 8..=8),
    };
    let (middle, last) = match tail.rsplit_once(':') {
        Some((middle, last)) => (Some(middle), last),
        None => (None, tail),
    };
    let (mut groups, last_is_one) = match last {
        "0.0.0.1" => (2, true),
        _ => (1, is_group(last, "1")),
    };
    let zeros = [Some(head).filter(|head| !head.is_empty()), middle];
    for zero in zeros.into_iter().flatten().flat_map(|text| text.split(':')) {
        if !is_group(zero, "") {
            return false;
        }
        groups += 1;
    }
    last_is_one && groups_needed.contains(&groups)
}

/// Whether `text` is a group of 1 to 4 hex digits whose value, without leading zeros, is
/// `value` (`""` for zero).
fn is_group(text: &str, value: &str) -> bool {
    (1..=4).contains(&text.len()) && text.trim_start_matches('0') == value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_endpoint_is_refused_without_echoing_it() {
        let host = "h".repeat(MAX_ENDPOINT_LENGTH);
        assert!(check(&format!("https://{}", &host[8..])).is_ok());
        match check(&format!("http://{host}")) {
            Err(SeamError::InvalidEndpoint { message }) => {
                assert_eq!(message, "the endpoint is too long (at most 2048 characters)")
            }
            other => panic!("{other:?}"),
        }
    }

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

    /// The `core::net` check this module's replaced, as the reference.
    fn std_is_loopback(host: &str) -> bool {
        host.eq_ignore_ascii_case("localhost")
            || host.parse::<core::net::Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
            || host.parse::<core::net::Ipv6Addr>().is_ok_and(|ip| ip.is_loopback())
    }

    #[test]
    fn loopback_is_what_std_net_says() {
        let loopback = [
            "localhost",
            "LocalHost",
            "127.0.0.1",
            "127.255.255.255",
            "127.0.0.0",
            "127.1.10.100",
            "::1",
            "0::1",
            "::0:1",
            "::0001",
            "0:0:0:0:0:0:0:1",
            "0000:0000:0000:0000:0000:0000:0000:0001",
            "0:0:0:0:0:0::1",
            "0::0:0:0:0:0:1",
            "::0.0.0.1",
            "0:0:0:0:0:0:0.0.0.1",
            "0::0.0.0.1",
            "::0:0:0:0:0.0.0.1",
            "0:0::0:0:0.0.0.1",
            "0:0:0:0:0:0:0:01",
            "::0:0:0:0:0:0:1",
        ];
        let other = [
            "",
            "localhost.",
            "localhos",
            "127.0.0.01",
            "127.0.0.256",
            "127.0.0",
            "127.0.0.1.",
            "127.0.0.1.1",
            "127..0.1",
            "0127.0.0.1",
            "127.0.0.+1",
            "127.0.0.1 ",
            "128.0.0.1",
            "0.0.0.0",
            "127.000.0.1",
            "::",
            "::0",
            "1::",
            "::1:0",
            "::2",
            "::10",
            "::00001",
            ":::1",
            "::1::",
            "0:::1",
            ":0::1",
            "::1:",
            "0:0:0:0:0:0:0:0:1",
            "0:0:0:0:0:0:0::1",
            "0:0:0:0:0:0:1",
            "0::0:0:0:0:0:0:1",
            "::ffff:127.0.0.1",
            "::127.0.0.1",
            "::0.0.0.01",
            "0:0:0:0:0:0.0.0.1",
            "0:0:0:0:0:0::0.0.0.1",
            "0.0.0.1",
            "0.0.0.1::",
            "::0.0.0.1:0",
            "::0.0.0.0:1",
            "0.0.0.0::1",
            "::0.0.0.1.1",
            "::+1",
            "::1%lo",
            "[::1]",
            "::g1",
            "0:0:0:0:0:0:0:1:",
            ":0:0:0:0:0:0:0:1",
        ];
        for host in loopback {
            assert!(std_is_loopback(host), "{host}: the list is wrong");
            assert!(is_loopback(host), "{host}");
        }
        for host in other {
            assert!(!std_is_loopback(host), "{host}: the list is wrong");
            assert!(!is_loopback(host), "{host}");
        }
    }

    #[test]
    fn loopback_is_what_std_net_says_for_every_short_string() {
        // Every string of up to 6 of these characters: the corners of both grammars.
        let alphabet = ['0', '1', ':', '.', 'f', '7', '2'];
        let mut strings = vec![String::new()];
        for _ in 0..6 {
            let longer: Vec<String> = strings
                .iter()
                .filter(|s| s.len() == strings.last().map_or(0, String::len))
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            strings.extend(longer);
        }
        for host in &strings {
            assert_eq!(is_loopback(host), std_is_loopback(host), "{host}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(10_000))]

        #[test]
        fn loopback_is_what_std_net_says_for_generated_addresses(
            pieces in proptest::collection::vec(
                (
                    proptest::sample::select(&[
                        "", "0", "00", "000", "0000", "00000", "1", "01", "0001", "00001", "2", "f", "FFFF", "10",
                        "127", "255", "256", "01", "0.0.0.1", "0.0.0.0", "127.0.0.1", "0.0.0.01", "g",
                    ][..]),
                    proptest::sample::select(&[":", ":", ":", "::", ":::", ".", ""][..]),
                ),
                0..10,
            ),
            end in proptest::sample::select(&["1", "0", "0.0.0.1", "01", "", ":"][..]),
        ) {
            let host: String = pieces.iter().flat_map(|(piece, separator)| [*piece, *separator]).chain([end]).collect();
            proptest::prop_assert_eq!(is_loopback(&host), std_is_loopback(&host), "{}", host);
        }

        /// Mostly zero groups, so that about half are loopback: the count of groups matters.
        #[test]
        fn loopback_is_what_std_net_says_for_zeros_and_a_one(
            zeros in proptest::collection::vec(
                (
                    proptest::sample::select(&["0", "00", "0000", "00000", ""][..]),
                    proptest::sample::select(&[":", ":", ":", ":", "::"][..]),
                ),
                0..9,
            ),
            end in proptest::sample::select(&["1", "01", "0001", "00001", "0.0.0.1", "0.0.0.0"][..]),
        ) {
            let host: String = zeros.iter().flat_map(|(zero, separator)| [*zero, *separator]).chain([end]).collect();
            proptest::prop_assert_eq!(is_loopback(&host), std_is_loopback(&host), "{}", host);
        }
    }
}
