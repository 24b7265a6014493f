//! What the tests of both SigV4 suites share: reading the raw HTTP requests
//! the suites are written in, and turning them into `http::Request`s.

#![allow(dead_code)] // each test crate uses its own part

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::{HeaderName, HeaderValue, Request};

/// 2015-08-30T12:36:00Z, the time of (almost) every case.
pub const SUITE_TIME: u64 = 1_440_938_160;
/// The credentials of (almost) every case.
pub const ACCESS_KEY_ID: &str = "AKIDEXAMPLE";
pub const SECRET_ACCESS_KEY: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

pub fn at(secs: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(secs)
}

/// `runtime/` joined with `rel`.
pub fn crate_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The file's text, with `\r\n` read as `\n`; `None` if there is no such
/// file.
pub fn read_optional(path: &Path) -> Option<String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Some(text.replace("\r\n", "\n")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => panic!("cannot read {}: {e}", path.display()),
    }
}

pub fn read(path: &Path) -> String {
    read_optional(path).unwrap_or_else(|| panic!("{} does not exist", path.display()))
}

/// A request as a suite writes it: request line, header lines (a line
/// starting with white space continues the previous header), a blank line
/// and the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRequest {
    pub method: String,
    /// The request target as written: it may hold a space or raw UTF-8.
    pub target: String,
    /// Names as written; values without the white space around them, a
    /// folded value unfolded with one space per line break (RFC 9112's
    /// obs-fold).
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl RawRequest {
    pub fn parse(text: &str) -> RawRequest {
        let (head, body) = match text.split_once("\n\n") {
            Some((head, body)) => (head, body),
            None => (text.trim_end_matches('\n'), ""),
        };
        let mut lines = head.lines();
        let request_line = lines.next().unwrap_or_default();
        // The target may hold spaces (get-space): method up to the first
        // space, version after the last.
        let (method, rest) = request_line
            .split_once(' ')
            .unwrap_or_else(|| panic!("bad request line {request_line:?}"));
        let target = match rest.rsplit_once(' ') {
            Some((target, version)) if version.starts_with("HTTP/") => target,
            _ => rest,
        };
        let mut headers: Vec<(String, String)> = Vec::new();
        for line in lines {
            if line.starts_with([' ', '\t']) {
                let (_, value) = headers
                    .last_mut()
                    .unwrap_or_else(|| panic!("continuation line {line:?} before any header"));
                value.push(' ');
                value.push_str(line.trim());
                continue;
            }
            let (name, value) = line
                .split_once(':')
                .unwrap_or_else(|| panic!("bad header line {line:?}"));
            headers.push((name.to_owned(), value.trim().to_owned()));
        }
        RawRequest {
            method: method.to_owned(),
            target: target.to_owned(),
            headers,
            body: body.as_bytes().to_vec(),
        }
    }

    /// The request target as a client sends it: a space, which no URI may
    /// hold, percent-encoded. (Raw UTF-8 is kept: `http::Uri` holds it.)
    pub fn wire_target(&self) -> String {
        self.target.replace(' ', "%20")
    }

    /// The `http::Request`: method, [`wire_target`](Self::wire_target) as
    /// the (origin-form) URI, the headers in order, the body.
    pub fn to_http(&self) -> Request<Vec<u8>> {
        let mut request = Request::builder()
            .method(self.method.as_str())
            .uri(self.wire_target())
            .body(self.body.clone())
            .unwrap_or_else(|e| panic!("cannot build {self:?}: {e}"));
        for (name, value) in &self.headers {
            let name = HeaderName::from_bytes(name.as_bytes())
                .unwrap_or_else(|e| panic!("header name {name:?}: {e}"));
            let value =
                HeaderValue::from_str(value).unwrap_or_else(|e| panic!("header {name}: {e}"));
            request.headers_mut().append(name, value);
        }
        request
    }

    /// Headers as (lower-case name, value), sorted: how two requests'
    /// headers are compared (order between different names means nothing).
    pub fn sorted_headers(&self) -> Vec<(String, String)> {
        let mut headers: Vec<(String, String)> = self
            .headers
            .iter()
            .map(|(name, value)| (name.to_ascii_lowercase(), value.clone()))
            .collect();
        headers.sort();
        headers
    }
}

/// The headers of `request` as [`RawRequest::sorted_headers`] gives them.
pub fn sorted_headers<B>(request: &Request<B>) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .map(|(name, value)| {
            let value = value
                .to_str()
                .unwrap_or_else(|e| panic!("header {name}: {e}"));
            (name.as_str().to_owned(), value.trim().to_owned())
        })
        .collect();
    headers.sort();
    headers
}

/// The value of the `Authorization` header's `Signature=` field.
pub fn signature_of(authorization: &str) -> &str {
    authorization
        .rsplit_once("Signature=")
        .map(|(_, signature)| signature.trim())
        .unwrap_or_else(|| panic!("no signature in {authorization:?}"))
}

#[test]
fn parses_folded_headers_targets_with_spaces_and_bodies() {
    let raw = RawRequest::parse(
        "GET /example space/?a=b HTTP/1.1\nHost:example.com\nMy-Header1:value1\n  value2\n     value3\nX: \" a  b \" \n\nbody\nmore",
    );
    assert_eq!(raw.method, "GET");
    assert_eq!(raw.target, "/example space/?a=b");
    assert_eq!(raw.wire_target(), "/example%20space/?a=b");
    assert_eq!(
        raw.headers,
        vec![
            ("Host".to_owned(), "example.com".to_owned()),
            ("My-Header1".to_owned(), "value1 value2 value3".to_owned()),
            ("X".to_owned(), "\" a  b \"".to_owned()),
        ]
    );
    assert_eq!(raw.body, b"body\nmore");
    let request = raw.to_http();
    assert_eq!(request.uri(), "/example%20space/?a=b");
    assert_eq!(request.headers()["my-header1"], "value1 value2 value3");
    let raw = RawRequest::parse("POST / HTTP/1.1\nHost:h\n");
    assert!(raw.body.is_empty());
    assert_eq!(raw.headers.len(), 1);
}
