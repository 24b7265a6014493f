//! What the generated protocol tests assert with, written once by hand.
//!
//! A generated test builds the operation's input (or a response), calls the
//! operation through [`awsgen_runtime::Operation`], and hands the result and
//! the case's expectations to the functions here. The comparison rules are
//! those of the protocol tests:
//!
//! - request path exactly; query parameters as a multiset of raw
//!   `key=value` pairs (their order is free, their encoding is not);
//! - each expected header present with exactly the expected value (names
//!   case-insensitive; repeated headers joined with `", "`), forbidden
//!   headers absent, required headers present;
//! - a JSON body compared as JSON (numbers by value), any other body byte
//!   for byte, an empty expected body meaning no body at all;
//! - the host: the request's host prefix (if any) before the client
//!   endpoint's host.

use std::fmt::Debug;

use awsgen_runtime::__private::metadata::SetResponseMetadata;
use awsgen_runtime::{HasResponseMetadata, Operation, ResponseError, ResponseMetadata};
use http::{HeaderMap, HeaderName, HeaderValue, Request, StatusCode};
use serde_json::Value;

/// The request an input case expects.
#[derive(Debug, Clone, Copy)]
pub struct ExpectedRequest<'a> {
    pub method: &'a str,
    /// Path and query, relative to the endpoint's path.
    pub uri: &'a str,
    pub headers: &'a [(&'a str, &'a str)],
    pub forbid_headers: &'a [&'a str],
    pub require_headers: &'a [&'a str],
    pub body: Body<'a>,
    /// The endpoint the client is configured with (`https://example.com`).
    pub endpoint: &'a str,
    /// The host the request must go to, when the case says.
    pub host: Option<&'a str>,
}

/// An expected request body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body<'a> {
    /// No body at all.
    Empty,
    /// A JSON document, compared structurally.
    Json(&'a str),
    /// Raw bytes (a blob, string or enum payload), compared exactly.
    Bytes(&'a [u8]),
}

/// Builds the request of `O`, or fails the test with the build error.
pub fn build_request<O: Operation>(input: &O::Input) -> Request<Vec<u8>> {
    match O::build_request(input) {
        Ok(request) => request,
        Err(error) => panic!("{} did not build its request: {error}", O::NAME),
    }
}

/// Parses a response with `O`.
pub fn parse_response<O: Operation>(
    status: u16,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Result<O::Output, ResponseError<O::Error>> {
    let status = StatusCode::from_u16(status).expect("the case's status code is valid");
    O::parse_response(status, &header_map(headers), body)
}

/// The headers of a response, in the case's order (repeated names append).
pub fn header_map(headers: &[(&str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        let name = HeaderName::from_bytes(name.as_bytes()).expect("a valid header name");
        let value = HeaderValue::from_str(value).expect("a valid header value");
        map.append(name, value);
    }
    map
}

/// The parsed output, or fails the test with the error. Its response
/// metadata must hold the case's status; see [`without_metadata`].
pub fn expect_output<T, E>(parsed: Result<T, E>, status: u16) -> T
where
    T: HasResponseMetadata + SetResponseMetadata,
    E: Debug,
{
    match parsed {
        Ok(output) => without_metadata(output, status),
        Err(error) => panic!("expected a successful response, got {error:?}"),
    }
}

/// For operations without output: the response parses, into its metadata.
pub fn expect_unit_output<E: Debug>(parsed: Result<ResponseMetadata, E>, status: u16) {
    expect_output(parsed, status);
}

/// A parsed output or modeled error, checked to carry the response's
/// status in its metadata, with the metadata then cleared: the case's
/// expected value is a literal of the model's members alone.
pub fn without_metadata<T>(mut value: T, status: u16) -> T
where
    T: HasResponseMetadata + SetResponseMetadata,
{
    assert_eq!(
        value.http_status(),
        Some(status),
        "status in the response metadata"
    );
    value.set_response_metadata(ResponseMetadata::default());
    value
}

/// Fails the test: the response did not parse into the expected error.
pub fn unexpected(expected_code: &str, parsed: impl Debug) -> ! {
    panic!("expected the error `{expected_code}`, got {parsed:?}")
}

/// A float member that may hold NaN, plain or optional.
pub trait MaybeNan {
    fn is_nan_value(&self) -> bool;
}

impl MaybeNan for f32 {
    fn is_nan_value(&self) -> bool {
        self.is_nan()
    }
}

impl MaybeNan for f64 {
    fn is_nan_value(&self) -> bool {
        self.is_nan()
    }
}

impl<T: MaybeNan> MaybeNan for Option<T> {
    fn is_nan_value(&self) -> bool {
        self.as_ref().is_some_and(MaybeNan::is_nan_value)
    }
}

/// Asserts that a member is NaN. The generated test takes the member out
/// of the parsed value first (NaN never equals itself, so the rest is
/// compared with `==` without it).
pub fn assert_nan<T: MaybeNan + Debug>(value: T, member: &str) {
    assert!(
        value.is_nan_value(),
        "`{member}`: expected NaN, got {value:?}"
    );
}

/// Checks a built request against a case's expectations.
pub fn check_request(request: &Request<Vec<u8>>, expected: &ExpectedRequest) {
    assert_eq!(request.method().as_str(), expected.method, "method");

    let (endpoint_host, endpoint_path) = split_endpoint(expected.endpoint);
    let actual_uri = request
        .uri()
        .path_and_query()
        .map_or(request.uri().path(), |pq| pq.as_str());
    let (actual_path, actual_query) = split_uri(actual_uri);
    let (expected_path, expected_query) = split_uri(expected.uri);
    let actual_path = format!("{endpoint_path}{actual_path}");
    assert_eq!(actual_path, expected_path, "path");
    assert_eq!(
        query_pairs(actual_query),
        query_pairs(expected_query),
        "query parameters (sorted)"
    );

    let headers = request.headers();
    for (name, value) in expected.headers {
        match header_value(headers, name) {
            Some(actual) => assert_eq!(actual, *value, "header `{name}`"),
            None => panic!("header `{name}` is missing (expected `{value}`); headers: {headers:?}"),
        }
    }
    for name in expected.forbid_headers {
        assert!(
            !headers.contains_key(*name),
            "header `{name}` must not be sent; headers: {headers:?}"
        );
    }
    for name in expected.require_headers {
        assert!(
            headers.contains_key(*name),
            "header `{name}` must be sent; headers: {headers:?}"
        );
    }

    check_body(request.body(), expected.body);

    if let Some(host) = expected.host {
        let prefix = request
            .extensions()
            .get::<awsgen_runtime::HostPrefix>()
            .map_or("", |p| p.as_str());
        assert_eq!(format!("{prefix}{endpoint_host}"), host, "host");
    }
}

fn check_body(actual: &[u8], expected: Body) {
    match expected {
        Body::Empty => assert!(
            actual.is_empty(),
            "expected no body, got {:?}",
            String::from_utf8_lossy(actual)
        ),
        Body::Bytes(bytes) => assert!(
            actual == bytes,
            "body: expected {:?}, got {:?}",
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(actual)
        ),
        Body::Json(text) => {
            let expected: Value = serde_json::from_str(text).expect("the case's body is JSON");
            let actual_value: Value = match serde_json::from_slice(actual) {
                Ok(value) => value,
                Err(e) => panic!(
                    "body is not JSON ({e}): {:?}; expected {text}",
                    String::from_utf8_lossy(actual)
                ),
            };
            assert!(
                json_eq(&actual_value, &expected),
                "JSON body: expected {expected}, got {actual_value}"
            );
        }
    }
}

/// Structural JSON equality; numbers compare by value (`1` equals `1.0`).
pub fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(x), Some(y)) => x == y,
            _ => match (x.as_u64(), y.as_u64()) {
                (Some(x), Some(y)) => x == y,
                _ => x.as_f64() == y.as_f64(),
            },
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_eq(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(key, x)| y.get(key).is_some_and(|y| json_eq(x, y)))
        }
        _ => a == b,
    }
}

/// The values of a header, joined as one (`a, b`), if it is present.
fn header_value(headers: &HeaderMap, name: &str) -> Option<String> {
    let values: Vec<String> = headers
        .get_all(name)
        .iter()
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .collect();
    (!values.is_empty()).then(|| values.join(", "))
}

/// `https://example.com/custom` → (`example.com`, `/custom`).
pub fn split_endpoint(endpoint: &str) -> (&str, &str) {
    let rest = endpoint
        .split_once("://")
        .map_or(endpoint, |(_, rest)| rest);
    match rest.find('/') {
        Some(i) => (&rest[..i], rest[i..].trim_end_matches('/')),
        None => (rest, ""),
    }
}

/// `/path?a=1&b` → (`/path`, `a=1&b`).
pub fn split_uri(uri: &str) -> (&str, &str) {
    uri.split_once('?').unwrap_or((uri, ""))
}

/// The raw `key=value` pairs of a query, sorted (so order is free but
/// encoding and repetition are not).
pub fn query_pairs(query: &str) -> Vec<&str> {
    let mut pairs: Vec<&str> = query.split('&').filter(|p| !p.is_empty()).collect();
    pairs.sort_unstable();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_split_into_host_and_path() {
        assert_eq!(split_endpoint("https://example.com"), ("example.com", ""));
        assert_eq!(
            split_endpoint("https://example.com/custom/"),
            ("example.com", "/custom")
        );
        assert_eq!(split_endpoint("example.com:8443"), ("example.com:8443", ""));
    }

    #[test]
    fn query_pairs_ignore_order_but_not_encoding() {
        assert_eq!(split_uri("/a?x=1&y"), ("/a", "x=1&y"));
        assert_eq!(split_uri("/a"), ("/a", ""));
        assert_eq!(query_pairs("b=2&a=1&a=1"), ["a=1", "a=1", "b=2"]);
        assert_ne!(query_pairs("a=%2F"), query_pairs("a=/"));
        assert!(query_pairs("").is_empty());
    }

    #[test]
    fn json_compares_structure_and_numbers_by_value() {
        let a: Value = serde_json::from_str(r#"{"a": [1, 2.5], "b": {"c": true}}"#).unwrap();
        let b: Value = serde_json::from_str(r#"{"b": {"c": true}, "a": [1.0, 2.5]}"#).unwrap();
        assert!(json_eq(&a, &b));
        let c: Value = serde_json::from_str(r#"{"a": [1, 2.5], "b": {}}"#).unwrap();
        assert!(!json_eq(&a, &c));
    }

    #[test]
    fn repeated_headers_join() {
        let map = header_map(&[("X-A", "1"), ("x-a", "2")]);
        assert_eq!(header_value(&map, "x-A").as_deref(), Some("1, 2"));
        assert_eq!(header_value(&map, "X-B"), None);
    }

    #[test]
    fn nan_members() {
        assert!(f32::NAN.is_nan_value());
        assert!(Some(f64::NAN).is_nan_value());
        assert!(!Some(1.0_f64).is_nan_value());
        assert!(!Option::<f32>::None.is_nan_value());
    }
}
