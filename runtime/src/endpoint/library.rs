//! The rule sets' standard library: the functions that are more than an
//! expression, each as botocore implements it (`RuleSetStandardLibrary` in
//! `botocore/endpoint_provider.py`); where one differs, its docs say so.
//!
//! | rule-set function | here |
//! | --- | --- |
//! | `isSet`, `not`, `booleanEquals`, `stringEquals`, `getAttr` | written inline by the generator |
//! | `aws.partition` | [`partition`](super::partition::partition), over the generated table of `partitions.json` |
//! | `aws.parseArn` | [`parse_arn`] → [`Arn`] |
//! | `parseURL` | [`parse_url`] → [`Url`] |
//! | `isValidHostLabel` | [`is_valid_host_label`] |
//! | `aws.isVirtualHostableS3Bucket` | [`is_virtual_hostable_s3_bucket`] |
//! | `substring` | [`substring`] |
//! | `uriEncode` | [`uri_encode`] |
//! | (templates, properties) | [`require`], [`object`], [`string_array`] |
//!
//! Generated resolvers reach it as `awsgen_runtime::__private::endpoint`.

use super::ResolveError;
use crate::http_binding::percent;
use crate::Document;

/// An ARN split by `aws.parseArn`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Arn {
    /// `partition` (never empty).
    pub partition: String,
    /// `service` (never empty).
    pub service: String,
    /// `region` (may be empty).
    pub region: String,
    /// `accountId` (may be empty).
    pub account_id: String,
    /// `resourceId`: the resource split at every `:` and `/`
    /// (`outpost/op-1234:bucket` → `["outpost", "op-1234", "bucket"]`).
    pub resource_id: Vec<String>,
}

/// `aws.parseArn`: `arn:partition:service:region:account:resource`, split
/// at the first five colons. `None` unless the text starts with `arn:`, has
/// all six parts, and partition, service and resource are not empty.
pub fn parse_arn(value: &str) -> Option<Arn> {
    let rest = value.strip_prefix("arn:")?;
    let mut parts = rest.splitn(5, ':');
    let partition = parts.next()?;
    let service = parts.next()?;
    let region = parts.next()?;
    let account_id = parts.next()?;
    let resource = parts.next()?;
    if partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    Some(Arn {
        partition: partition.to_owned(),
        service: service.to_owned(),
        region: region.to_owned(),
        account_id: account_id.to_owned(),
        resource_id: resource.split([':', '/']).map(str::to_owned).collect(),
    })
}

/// A URL split by `parseURL`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Url {
    /// `scheme`: `http` or `https` (lower case).
    pub scheme: String,
    /// `authority`: host and port, as written (`example.com:8443`).
    pub authority: String,
    /// `path`, as written (may be empty).
    pub path: String,
    /// `normalizedPath`: the path without empty, `.` and `..` segments,
    /// percent-encoded, ending with `/`.
    pub normalized_path: String,
    /// `isIp`: whether the host is an IPv4 or IPv6 address.
    pub is_ip: bool,
}

/// `parseURL`: an `http` or `https` URL without a query, split as Python's
/// `urllib.parse.urlparse` splits it (botocore's implementation). `None`
/// for another scheme, a query, a port that is not a number up to 65535, or
/// an unbalanced `[`/`]` (where Python raises). A URL without an authority
/// (`https:/x`, on which botocore fails with a `TypeError`) gives an empty
/// authority.
pub fn parse_url(value: &str) -> Option<Url> {
    // What urlsplit does first: strip leading C0 controls and spaces, and
    // remove tabs and newlines everywhere.
    let trimmed = value.trim_start_matches(|c: char| c <= ' ');
    let cleaned: String = trimmed
        .chars()
        .filter(|c| !matches!(c, '\t' | '\r' | '\n'))
        .collect();
    let (scheme, rest) = split_scheme(&cleaned)?;
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let (authority, rest) = match rest.strip_prefix("//") {
        Some(after) => {
            let end = after.find(['/', '?', '#']).unwrap_or(after.len());
            after.split_at(end)
        }
        None => ("", rest),
    };
    let rest = rest.split_once('#').map_or(rest, |(before, _)| before);
    let (path, query) = match rest.split_once('?') {
        Some((path, query)) => (path, query),
        None => (rest, ""),
    };
    if !query.is_empty() {
        return None;
    }
    // urlparse moves `;params` of the last segment out of the path.
    let path = match path.rfind('/') {
        Some(slash) => match path[slash..].find(';') {
            Some(semi) => &path[..slash + semi],
            None => path,
        },
        None => path.split_once(';').map_or(path, |(before, _)| before),
    };
    if authority.contains('[') != authority.contains(']') {
        // urlsplit's "Invalid IPv6 URL".
        return None;
    }
    let (host, port) = host_and_port(authority);
    if let Some(port) = port {
        let valid = port.bytes().all(|b| b.is_ascii_digit())
            && port.parse::<u32>().is_ok_and(|p| p <= 65535);
        if !valid {
            return None;
        }
    }
    let mut normalized_path = String::with_capacity(path.len() + 1);
    percent::encode_into(
        &mut normalized_path,
        &crate::http_binding::dot_segments::remove_dot_segments(path),
        true,
    );
    if !normalized_path.ends_with('/') {
        normalized_path.push('/');
    }
    Some(Url {
        scheme: scheme.to_owned(),
        authority: authority.to_owned(),
        path: path.to_owned(),
        normalized_path,
        is_ip: is_ipv4(host) || is_ipv6(host),
    })
}

/// The scheme (lower-cased) and what follows its `:`, if the text starts
/// with one (a letter, then letters, digits, `+`, `-` or `.`).
fn split_scheme(url: &str) -> Option<(String, &str)> {
    let (scheme, rest) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| (scheme.to_ascii_lowercase(), rest))
}

/// The host and the port text, as Python's `urlsplit` finds them (its
/// `_hostinfo`): user information dropped; after a `[`, the host up to `]`
/// and the port after the next `:`; else the host up to the first `:`. An
/// empty port is none.
fn host_and_port(authority: &str) -> (&str, Option<&str>) {
    let host_port = authority
        .rsplit_once('@')
        .map_or(authority, |(_, after)| after);
    let (host, port) = match host_port.split_once('[') {
        Some((_, bracketed)) => {
            let (host, after) = bracketed.split_once(']').unwrap_or((bracketed, ""));
            (host, after.split_once(':').map_or("", |(_, port)| port))
        }
        None => host_port.split_once(':').unwrap_or((host_port, "")),
    };
    (host, Some(port).filter(|p| !p.is_empty()))
}

/// `(?:[0-9]{1,3}\.){3}[0-9]{1,3}` on the whole text (botocore's `IPV4_RE`:
/// no range check, so `999.1.1.1` counts).
fn is_ipv4(host: &str) -> bool {
    let mut parts = 0;
    for part in host.split('.') {
        parts += 1;
        if part.is_empty() || part.len() > 3 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
    }
    parts == 4
}

/// An IPv6 address, optionally with a zone id (`%25eth0` or `%eth0`).
fn is_ipv6(host: &str) -> bool {
    let (address, zone) = match host.split_once('%') {
        Some((address, zone)) => (address, Some(zone)),
        None => (host, None),
    };
    let zone_ok = zone.is_none_or(|zone| {
        let zone = zone
            .strip_prefix("25")
            .filter(|z| !z.is_empty())
            .unwrap_or(zone);
        !zone.is_empty()
            && zone.bytes().all(|b| {
                b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'!' | b'-' | b'~' | b'%')
            })
    });
    zone_ok && address.parse::<std::net::Ipv6Addr>().is_ok()
}

/// `isValidHostLabel`: 1 to 63 ASCII letters, digits and `-`, not starting
/// or ending with `-`; with `allow_subdomains`, every `.`-separated label
/// must be one.
pub fn is_valid_host_label(value: &str, allow_subdomains: bool) -> bool {
    if allow_subdomains {
        value
            .split('.')
            .all(|label| is_valid_host_label(label, false))
    } else {
        !value.is_empty()
            && value.len() <= 63
            && !value.starts_with('-')
            && !value.ends_with('-')
            && value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    }
}

/// `aws.isVirtualHostableS3Bucket`: a valid host label (or labels, with
/// `allow_subdomains`) of at least 3 characters, without upper case, that
/// does not look like an IPv4 address.
pub fn is_virtual_hostable_s3_bucket(value: &str, allow_subdomains: bool) -> bool {
    value.chars().count() >= 3
        && !value.chars().any(char::is_uppercase)
        && !is_ipv4(value)
        && is_valid_host_label(value, allow_subdomains)
}

/// `substring`: characters `start..stop` of an ASCII text (counted from
/// the end with `reverse`). `None` when `start >= stop`, the text is
/// shorter than `stop`, or it is not all ASCII.
pub fn substring(value: &str, start: usize, stop: usize, reverse: bool) -> Option<String> {
    if start >= stop || value.chars().count() < stop || !value.is_ascii() {
        return None;
    }
    let (from, to) = if reverse {
        (value.len() - stop, value.len() - start)
    } else {
        (start, stop)
    };
    value.get(from..to).map(str::to_owned)
}

/// `uriEncode`: percent-encodes everything but `A-Z a-z 0-9 - . _ ~`.
pub fn uri_encode(value: &str) -> String {
    percent::encode(value)
}

/// A JSON-like object from its entries, for endpoint properties.
///
/// ```
/// use awsgen_runtime::__private::endpoint::object;
/// use awsgen_runtime::Document;
///
/// let scheme = object([("name", "sigv4".into()), ("disableDoubleEncoding", true.into())]);
/// assert_eq!(scheme.as_object().map(|o| o.len()), Some(2));
/// assert_eq!(scheme.as_object().and_then(|o| o["name"].as_str()), Some("sigv4"));
/// # let _: Document = scheme;
/// ```
pub fn object<const N: usize>(entries: [(&str, Document); N]) -> Document {
    Document::Object(
        entries
            .into_iter()
            .map(|(key, value)| (key.to_owned(), value))
            .collect(),
    )
}

/// The value of `name`, or [`ResolveError::unset`]: for a rule set that
/// inserts a value into a template without checking it is set.
pub fn require<T>(value: Option<T>, name: &str) -> Result<T, ResolveError> {
    value.ok_or_else(|| ResolveError::unset(name))
}

/// A string-array parameter as a [`Document`], for [`ResolveError`]'s list
/// of parameters.
pub fn string_array(values: &[String]) -> Document {
    Document::Array(
        values
            .iter()
            .map(|value| Document::from(value.as_str()))
            .collect(),
    )
}
