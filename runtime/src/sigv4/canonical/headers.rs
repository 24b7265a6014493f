//! The canonical headers and the signed-headers list.
//!
//! Every header of the request is signed except those in
//! [`UNSIGNED_HEADERS`]: names lower-case (as `http` stores them), sorted;
//! each value trimmed with inner runs of white space collapsed to one
//! space; the values of a repeated header joined by `,` in the order they
//! were added. When the request has no `Host` header, the host of its URI
//! is signed (what an HTTP client sends as `Host`).

use http::header::HOST;
use http::{HeaderMap, Uri};

use crate::sigv4::SigningError;

/// Headers never signed: botocore's `SIGNED_HEADERS_BLACKLIST` (1.44.5,
/// `botocore/auth.py`; hop-by-hop headers and headers that proxies,
/// tracers and HTTP clients add or change on the way), plus
/// `authorization`, which the signature itself goes into.
pub const UNSIGNED_HEADERS: &[&str] = &[
    "authorization",
    "baggage",
    "connection",
    "expect",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "traceparent",
    "tracestate",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "user-agent",
    "x-amzn-trace-id",
];

/// Appends `name:value\n` for each signed header of `headers` to `out`
/// and returns the signed-headers list (`host;x-amz-date`). `exclude` is
/// one more header to leave unsigned (the session token when it is added
/// after signing).
pub(crate) fn write(
    out: &mut String,
    headers: &HeaderMap,
    uri: &Uri,
    exclude: Option<&str>,
) -> Result<String, SigningError> {
    let derived_host = if headers.contains_key(HOST) {
        None
    } else {
        Some(host_from_uri(uri).ok_or(SigningError::NoHost)?)
    };
    // One pass over the map (no look-up by name): (name, value) pairs,
    // then a stable sort by name, which keeps a repeated header's values
    // in the order `HeaderMap` yields them, the order they were added.
    let mut entries: Vec<(&str, &[u8])> = headers
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_bytes()))
        .filter(|(name, _)| !UNSIGNED_HEADERS.contains(name) && Some(*name) != exclude)
        .collect();
    if let Some(host) = &derived_host {
        entries.push((HOST.as_str(), host.as_bytes()));
    }
    entries.sort_by(|a, b| a.0.cmp(b.0));

    let mut signed = String::with_capacity(entries.iter().map(|(n, _)| n.len() + 1).sum());
    let mut previous: Option<&str> = None;
    for (name, value) in entries {
        if previous == Some(name) {
            out.push(',');
        } else {
            if previous.is_some() {
                out.push('\n');
                signed.push(';');
            }
            signed.push_str(name);
            out.push_str(name);
            out.push(':');
            previous = Some(name);
        }
        let text = std::str::from_utf8(value).map_err(|_| SigningError::HeaderNotText {
            name: name.to_owned(),
        })?;
        push_trimmed(out, text);
    }
    if previous.is_some() {
        out.push('\n');
    }
    Ok(signed)
}

/// Appends `value` without leading and trailing white space and with each
/// inner run of white space as one space (SigV4's `Trimall`).
fn push_trimmed(out: &mut String, value: &str) {
    for (i, word) in value.split_ascii_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// The `Host` header an HTTP client sends for `uri`: its host in lower
/// case, with the port unless it is the scheme's default (80 for `http`,
/// 443 for `https`); `None` for an origin-form URI (`/path`).
pub(crate) fn host_from_uri(uri: &Uri) -> Option<String> {
    let host = uri.host().filter(|host| !host.is_empty())?;
    let mut value = host.to_ascii_lowercase();
    let default_port = match uri.scheme_str() {
        Some("http") => Some(80),
        Some("https") => Some(443),
        _ => None,
    };
    if let Some(port) = uri.port_u16().filter(|port| Some(*port) != default_port) {
        value.push(':');
        value.push_str(itoa::Buffer::new().format(port));
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use http::{HeaderName, HeaderValue};

    use super::*;

    fn canonical(headers: &[(&str, &[u8])], uri: &str) -> Result<(String, String), SigningError> {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| SigningError::NoHost)?;
            let value = HeaderValue::from_bytes(value).map_err(|_| SigningError::NoHost)?;
            map.append(name, value);
        }
        let uri: Uri = uri.parse().map_err(|_| SigningError::NoHost)?;
        let mut out = String::new();
        let signed = write(&mut out, &map, &uri, None)?;
        Ok((out, signed))
    }

    #[test]
    fn sorted_trimmed_and_joined() {
        let (text, signed) = canonical(
            &[
                ("my-header2", b" \"a   b \t c\"  "),
                ("Host", b"example.amazonaws.com"),
                ("my-header1", b"value4"),
                ("my-header1", b"value1"),
                ("My-Header1", b"  "),
            ],
            "/",
        )
        .unwrap_or_default();
        assert_eq!(
            text,
            "host:example.amazonaws.com\nmy-header1:value4,value1,\nmy-header2:\"a b c\"\n"
        );
        assert_eq!(signed, "host;my-header1;my-header2");
    }

    #[test]
    fn botocores_unsigned_headers_are_left_out() {
        let mut headers: Vec<(&str, &[u8])> =
            UNSIGNED_HEADERS.iter().map(|n| (*n, &b"x"[..])).collect();
        headers.push(("host", b"h"));
        let (text, signed) = canonical(&headers, "/").unwrap_or_default();
        assert_eq!(text, "host:h\n");
        assert_eq!(signed, "host");
    }

    #[test]
    fn host_comes_from_the_uri_when_there_is_no_header() {
        for (uri, host) in [
            ("https://Example.AmazonAWS.com/a", "example.amazonaws.com"),
            ("https://example.com:443/", "example.com"),
            ("http://example.com:80/", "example.com"),
            ("https://example.com:80/", "example.com:80"),
            ("http://127.0.0.1:8080/", "127.0.0.1:8080"),
            ("https://user@example.com/", "example.com"),
            ("http://[::1]:8443/", "[::1]:8443"),
        ] {
            let (text, signed) = canonical(&[], uri).unwrap_or_default();
            assert_eq!(text, format!("host:{host}\n"), "{uri}");
            assert_eq!(signed, "host");
        }
    }

    #[test]
    fn a_host_header_wins_over_the_uri() {
        let (text, _) =
            canonical(&[("host", b"from-header")], "https://from-uri/").unwrap_or_default();
        assert_eq!(text, "host:from-header\n");
    }

    #[test]
    fn no_host_at_all_is_an_error() {
        assert_eq!(canonical(&[], "/path"), Err(SigningError::NoHost));
    }

    #[test]
    fn a_value_that_is_not_utf8_is_an_error() {
        let result = canonical(&[("host", b"h"), ("x-bad", b"caf\xe9")], "/");
        assert_eq!(
            result,
            Err(SigningError::HeaderNotText {
                name: "x-bad".into()
            })
        );
        // UTF-8 is text, and signed as it is.
        let (text, _) =
            canonical(&[("host", b"h"), ("x-good", "café".as_bytes())], "/").unwrap_or_default();
        assert_eq!(text, "host:h\nx-good:café\n");
        // Unsigned headers are not read.
        assert!(canonical(&[("host", b"h"), ("user-agent", b"\xff")], "/").is_ok());
    }
}
