//! Building the `http::Request` of an operation: what each generated
//! request serializer calls, in the order the URI template, the query
//! string, the headers and the body are filled in.
//!
//! The generated code decides *where* each member goes and *how* a value
//! becomes text (the model says so); [`RequestBuilder`] only assembles the
//! pieces and turns every problem into a [`BuildError`] that names the
//! member, so a user's bad value never panics and never reaches the wire.
//!
//! The request URI is origin-form (`/path?query`): the endpoint (scheme,
//! host, port, a base path) is the caller's to add, together with the
//! [`HostPrefix`] an operation with an endpoint trait asks for.
//!
//! ```
//! use awsgen_runtime::__private::request::RequestBuilder;
//!
//! let mut request = RequestBuilder::new(http::Method::PUT, "/jobs/", "");
//! request.label("jobId", "job 1")?;
//! request.query("namespaceId", "ns");
//! request.header("x-amz-meta", "yes")?;
//! request.json_body(br#"{"targets":[]}"#.to_vec());
//! let request = request.build()?;
//! assert_eq!(request.uri(), "/jobs/job%201?namespaceId=ns");
//! assert_eq!(request.headers()["content-type"], "application/json");
//! # Ok::<(), awsgen_runtime::BuildError>(())
//! ```

use std::collections::HashMap;
use std::error::Error;
use std::fmt;

use http::header::{HeaderName, HeaderValue, CONTENT_TYPE};

use crate::http_binding::{header, label, media, query::QueryString};
use crate::{DateTime, TimestampFormat};

/// The host prefix of an operation with an endpoint trait (`"data."`,
/// or with host labels substituted, `"foo.bar."`), stored in the request's
/// extensions. The caller prepends it to the endpoint's host name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPrefix(pub String);

impl HostPrefix {
    /// The prefix text, ending in `.` as the model writes it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why a request could not be built from an input: the member (by its
/// model name) and what was wrong with its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    member: String,
    message: String,
}

impl BuildError {
    /// An error about one member of the input.
    pub fn new(member: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            member: member.into(),
            message: message.into(),
        }
    }

    /// The member's name in the model (`jobId`), or what the problem is
    /// about (`method`) when it is not a member.
    pub fn member(&self) -> &str {
        &self.member
    }

    /// What was wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot build the request: `{}` {}",
            self.member, self.message
        )
    }
}

impl Error for BuildError {}

/// Assembles one request. Calls may come in any order except that the
/// path must be complete (all [`label`](Self::label)s and
/// [`path`](Self::path)s) before [`build`](Self::build), and the host
/// prefix likewise ([`host_literal`](Self::host_literal),
/// [`host_label`](Self::host_label)).
///
/// Values are checked once on their own (a label is not empty, a host
/// label is one DNS label) and again where they end up, when `build`
/// checks the finished path and host prefix as a whole: a value that is
/// harmless alone can form something else with the template's literal
/// text next to it (`/x/.{key}` with `key = "."` is `/x/..`).
#[derive(Debug)]
pub struct RequestBuilder {
    method: http::Method,
    path: String,
    /// Where each label's text lies in `path`.
    labels: Vec<Span>,
    query: QueryString,
    headers: http::HeaderMap,
    /// The headers set by [`prefix_headers`](Self::prefix_headers): for
    /// each name, the member and the map key it came from.
    prefixed: HashMap<HeaderName, (String, String)>,
    body: Vec<u8>,
    host_prefix: Option<String>,
    /// Where each host label's text lies in `host_prefix`.
    host_labels: Vec<Span>,
    /// The first header error, reported by `build` so header calls chain
    /// without a `?` each.
    error: Option<BuildError>,
}

/// The byte range a member's value took in the path or host prefix.
#[derive(Debug)]
struct Span {
    start: usize,
    end: usize,
    member: String,
}

impl Span {
    /// Whether the value's text lies in `start..end`, or begins or ends at
    /// one of its edges: a greedy label's own leading or trailing `/` is
    /// the separator of the segment next to it (`/x/.{key+}` with
    /// `key = "/a"` gives the segment `.` just before the label).
    fn touches(&self, start: usize, end: usize) -> bool {
        self.start <= end && self.end >= start
    }
}

impl RequestBuilder {
    /// A request with `method`, the first literal part of the path, and
    /// the URI template's literal query (`"foo=bar"` of
    /// `/path?foo=bar`, or `""`).
    pub fn new(method: http::Method, path: &str, template_query: &str) -> Self {
        Self {
            method,
            path: path.to_owned(),
            labels: Vec::new(),
            query: QueryString::from_template(template_query),
            headers: http::HeaderMap::new(),
            prefixed: HashMap::new(),
            body: Vec::new(),
            host_prefix: None,
            host_labels: Vec::new(),
            error: None,
        }
    }

    /// Appends a literal part of the URI template's path.
    pub fn path(&mut self, literal: &str) {
        self.path.push_str(literal);
    }

    /// Appends a `{label}`: `value` is percent-encoded into one segment.
    /// Whether the segment it shares with literal text is a dot segment
    /// is checked by [`build`](Self::build).
    ///
    /// # Errors
    ///
    /// An empty value, `.` or `..` (see [`label`]).
    pub fn label(&mut self, member: &str, value: &str) -> Result<(), BuildError> {
        let encoded =
            label::fmt_label(value).map_err(|e| BuildError::new(member, e.to_string()))?;
        self.push_label(member, &encoded);
        Ok(())
    }

    /// Appends a greedy `{label+}`: `/` is kept, everything else encoded.
    ///
    /// # Errors
    ///
    /// An empty value or a `.`/`..` segment (see [`label`]).
    pub fn greedy_label(&mut self, member: &str, value: &str) -> Result<(), BuildError> {
        let encoded =
            label::fmt_greedy_label(value).map_err(|e| BuildError::new(member, e.to_string()))?;
        self.push_label(member, &encoded);
        Ok(())
    }

    fn push_label(&mut self, member: &str, encoded: &str) {
        let start = self.path.len();
        self.path.push_str(encoded);
        self.labels.push(Span {
            start,
            end: self.path.len(),
            member: member.to_owned(),
        });
    }

    /// Adds `key=value` to the query string (both percent-encoded).
    pub fn query(&mut self, key: &str, value: &str) {
        self.query.push(key, value);
    }

    /// Adds `key=value` once per element of a list member.
    pub fn query_list<I>(&mut self, key: &str, values: I)
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        self.query.push_list(key, values);
    }

    /// Adds one entry of an `httpQueryParams` map whose values are not
    /// strings (formatted by the caller); bound keys take precedence.
    pub fn query_param(&mut self, key: &str, value: &str) {
        self.query.push_param(key, value);
    }

    /// Adds the entries of an `httpQueryParams` map of strings; keys bound
    /// by the template or by a member take precedence.
    pub fn query_params<K, V>(&mut self, params: impl IntoIterator<Item = (K, V)>)
    where
        K: AsRef<str>,
        V: AsRef<str>,
    {
        for (key, value) in sorted(params) {
            self.query.push_param(key.as_ref(), value.as_ref());
        }
    }

    /// Adds the entries of an `httpQueryParams` map of string lists: one
    /// `key=value` per element.
    pub fn query_param_lists<K, L>(&mut self, params: impl IntoIterator<Item = (K, L)>)
    where
        K: AsRef<str>,
        L: IntoIterator,
        L::Item: AsRef<str>,
    {
        for (key, values) in sorted(params) {
            for value in values {
                self.query.push_param(key.as_ref(), value.as_ref());
            }
        }
    }

    /// Sets a header. A value that cannot be sent in a header (a line
    /// break, a control character) makes [`build`](Self::build) fail.
    ///
    /// # Errors
    ///
    /// Never; header errors are reported by `build`. The `Result` keeps
    /// call sites uniform with the other binders.
    pub fn header(&mut self, name: &'static str, value: &str) -> Result<(), BuildError> {
        match HeaderValue::from_str(value) {
            Ok(value) => {
                let name = HeaderName::from_static(lowercase(name)?);
                if let Some((member, key)) = self.prefixed.get(&name) {
                    let error = collision(member, key, &name);
                    self.fail(error);
                }
                self.headers.insert(name, value);
            }
            Err(_) => self.fail(BuildError::new(
                name,
                "contains characters a header value cannot carry (line breaks or control characters)",
            )),
        }
        Ok(())
    }

    /// Sets a list header: elements joined by `, `, quoted where needed.
    /// An empty list sends an empty header (it is set, unlike an absent
    /// member).
    ///
    /// # Errors
    ///
    /// As [`header`](Self::header).
    pub fn header_list<I>(&mut self, name: &'static str, values: I) -> Result<(), BuildError>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        self.header(name, &header::fmt_list(values))
    }

    /// Sets a timestamp header in `format` (HTTP-date by default).
    ///
    /// # Errors
    ///
    /// A timestamp the format cannot express (a year beyond 9999).
    pub fn header_timestamp(
        &mut self,
        name: &'static str,
        value: &DateTime,
        format: TimestampFormat,
    ) -> Result<(), BuildError> {
        let text = fmt_timestamp(name, value, format)?;
        self.header(name, &text)
    }

    /// Sets a list-of-timestamps header.
    ///
    /// # Errors
    ///
    /// As [`header_timestamp`](Self::header_timestamp).
    pub fn header_timestamp_list(
        &mut self,
        name: &'static str,
        values: &[DateTime],
        format: TimestampFormat,
    ) -> Result<(), BuildError> {
        let text = header::fmt_timestamp_list(values, format)
            .map_err(|e| BuildError::new(name, e.to_string()))?;
        self.header(name, &text)
    }

    /// Sets a header whose string is sent base64-encoded (`jsonvalue` and
    /// `mediaType` strings in headers).
    ///
    /// # Errors
    ///
    /// As [`header`](Self::header).
    pub fn header_base64(&mut self, name: &'static str, value: &str) -> Result<(), BuildError> {
        self.header(name, &header::encode_json_value(value))
    }

    /// Sets one header per map entry, each named `prefix` + key
    /// (`httpPrefixHeaders`).
    ///
    /// Header names are case-insensitive, so two keys that differ only in
    /// case (`Owner`, `owner`) would name one header, and a key whose name
    /// is also bound to a header member (prefix `x-amz-meta-`, key `foo`,
    /// member `x-amz-meta-foo`) would send two values under one name. No
    /// request carries what the input says in either case, so both are
    /// errors rather than one value silently winning; they are checked
    /// whichever of this and [`header`](Self::header) comes first.
    ///
    /// # Errors
    ///
    /// As [`header`](Self::header); a key that makes no valid header name
    /// (empty with an empty prefix, a space, a colon, non-ASCII); two keys
    /// that name the same header; a key whose header a header member (or
    /// another prefix-header map) sets too.
    pub fn prefix_headers<K: AsRef<str>, V: AsRef<str>>(
        &mut self,
        member: &str,
        prefix: &str,
        values: impl IntoIterator<Item = (K, V)>,
    ) -> Result<(), BuildError> {
        for (key, value) in sorted(values) {
            let key = key.as_ref();
            let name = format!("{prefix}{key}").to_ascii_lowercase();
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                BuildError::new(
                    member,
                    format!(
                        "the key {key:?} makes `{prefix}{key}`, which is not a valid header name"
                    ),
                )
            })?;
            let value = HeaderValue::from_str(value.as_ref()).map_err(|_| {
                BuildError::new(
                    member,
                    format!("the value of `{name}` cannot be sent in a header"),
                )
            })?;
            if let Some((other_member, other_key)) = self.prefixed.get(&name) {
                let message = if other_member == member {
                    format!(
                        "has the keys {other_key:?} and {key:?}, which name the same header `{name}` (header names are case-insensitive)"
                    )
                } else {
                    format!(
                        "has the key {key:?}, which names the header `{name}` that the key {other_key:?} of `{other_member}` names too"
                    )
                };
                return Err(BuildError::new(member, message));
            }
            if self.headers.contains_key(&name) {
                return Err(collision(member, key, &name));
            }
            self.prefixed
                .insert(name.clone(), (member.to_owned(), key.to_owned()));
            self.headers.insert(name, value);
        }
        Ok(())
    }

    /// Sets a JSON body, with `Content-Type: application/json` unless a
    /// member already set a content type.
    pub fn json_body(&mut self, body: Vec<u8>) {
        self.body_with_type(body, media::APPLICATION_JSON);
    }

    /// Sets a blob payload: sent as is, as `content_type` (the member's
    /// media type, or `application/octet-stream`).
    pub fn blob_body(&mut self, body: Vec<u8>, content_type: &'static str) {
        self.body_with_type(body, content_type);
    }

    /// Sets a string payload, sent as UTF-8 `content_type` (its media type,
    /// or `text/plain`).
    pub fn text_body(&mut self, body: &str, content_type: &'static str) {
        self.body_with_type(body.as_bytes().to_vec(), content_type);
    }

    fn body_with_type(&mut self, body: Vec<u8>, content_type: &'static str) {
        self.body = body;
        self.headers
            .entry(CONTENT_TYPE)
            .or_insert(HeaderValue::from_static(content_type));
    }

    /// Appends literal text of the endpoint's host prefix (`data.`, or the
    /// `-data.` of `{Shard}-data.`).
    pub fn host_literal(&mut self, text: &str) {
        self.host_prefix
            .get_or_insert_with(String::new)
            .push_str(text);
    }

    /// Appends a host label (`{Shard}` of `{Shard}-data.`) after checking
    /// that the value is one non-empty run of letters, digits and hyphens,
    /// since it becomes part of a host name. [`build`](Self::build) then
    /// checks every DNS label of the whole prefix, the value's together
    /// with the literal text around it.
    ///
    /// # Errors
    ///
    /// A value that is empty or has any other character (a `.` would make
    /// it more than one DNS label).
    pub fn host_label(&mut self, member: &str, value: &str) -> Result<(), BuildError> {
        let valid = !value.is_empty() && value.len() <= 63 && value.bytes().all(is_host_byte);
        if !valid {
            return Err(BuildError::new(
                member,
                format!("{value:?} is not a valid host label (1-63 letters, digits or hyphens)"),
            ));
        }
        let prefix = self.host_prefix.get_or_insert_with(String::new);
        let start = prefix.len();
        prefix.push_str(value);
        self.host_labels.push(Span {
            start,
            end: prefix.len(),
            member: member.to_owned(),
        });
        Ok(())
    }

    /// The finished request.
    ///
    /// # Errors
    ///
    /// The first header value that could not be sent; a path with a `.` or
    /// `..` segment, naming the label that made it (with the template's
    /// text next to it); a host prefix with an invalid DNS label, naming
    /// the host label in it; a URI the `http` crate rejects (which the
    /// encoding rules should make impossible).
    pub fn build(mut self) -> Result<http::Request<Vec<u8>>, BuildError> {
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        self.check_path()?;
        self.check_host_prefix()?;
        let mut uri = self.path;
        self.query.append_to(&mut uri);
        let mut request = http::Request::new(self.body);
        *request.method_mut() = self.method;
        *request.uri_mut() = uri
            .parse()
            .map_err(|e| BuildError::new("uri", format!("{uri:?} is not a valid URI: {e}")))?;
        if !request.body().is_empty() {
            // Known up front, so the request can be signed and sent as is.
            self.headers.insert(
                http::header::CONTENT_LENGTH,
                HeaderValue::from(request.body().len()),
            );
        }
        *request.headers_mut() = self.headers;
        if let Some(prefix) = self.host_prefix {
            request.extensions_mut().insert(HostPrefix(prefix));
        }
        Ok(request)
    }

    fn fail(&mut self, error: BuildError) {
        self.error.get_or_insert(error);
    }

    /// No segment of the finished path may be `.` or `..` (also written
    /// `%2E`): URI normalization (RFC 3986 section 5.2.4, SigV4's
    /// canonical path, WHATWG URL parsers) removes it and the request goes
    /// to another path. [`label::fmt_label`] refuses such values alone;
    /// this catches the ones a label makes with the literal text of its
    /// segment (`/x/.{key}` with `key = "."`, `/x/.{key+}` with
    /// `key = "/a"`).
    fn check_path(&self) -> Result<(), BuildError> {
        let mut start = 0;
        for segment in self.path.split('/') {
            let end = start + segment.len();
            if is_dot_segment(segment) {
                // `.` or `..`, however the dots were written.
                let dots = ".".repeat(segment.matches(['.', '%']).count());
                return Err(match self.labels.iter().find(|l| l.touches(start, end)) {
                    Some(label) => BuildError::new(
                        &label.member,
                        format!(
                            "makes the path segment `{dots}` with the URI template's text next to it; URI normalization would remove that segment and send the request to another path"
                        ),
                    ),
                    None => BuildError::new(
                        "uri",
                        format!("the URI template has the path segment `{dots}`, which URI normalization would remove"),
                    ),
                });
            }
            start = end + 1;
        }
        Ok(())
    }

    /// Every DNS label of the host prefix must be 1 to 63 letters, digits
    /// and hyphens, not starting or ending with a hyphen (RFC 1123); the
    /// text after the last `.`, which joins the endpoint's first label, is
    /// checked as far as it goes (no leading hyphen, no other characters).
    fn check_host_prefix(&self) -> Result<(), BuildError> {
        let Some(prefix) = &self.host_prefix else {
            return Ok(());
        };
        let pieces: Vec<&str> = prefix.split('.').collect();
        let mut start = 0;
        for (index, piece) in pieces.iter().enumerate() {
            let end = start + piece.len();
            let complete = index + 1 < pieces.len();
            let valid = if complete {
                is_dns_label(piece)
            } else {
                piece.is_empty()
                    || (piece.len() <= 63
                        && piece.bytes().all(is_host_byte)
                        && !piece.starts_with('-'))
            };
            if !valid {
                let message = format!(
                    "makes the host prefix `{prefix}`, whose DNS label {piece:?} is not 1-63 letters, digits or hyphens starting and ending with a letter or digit"
                );
                return Err(
                    match self
                        .host_labels
                        .iter()
                        .find(|l| l.start < end && l.end > start)
                    {
                        Some(label) => BuildError::new(&label.member, message),
                        None => BuildError::new("hostPrefix", message),
                    },
                );
            }
            start = end + 1;
        }
        Ok(())
    }
}

/// Whether a path segment is `.` or `..`, with each dot written as is or
/// as `%2E`/`%2e` (RFC 3986 makes them equivalent).
fn is_dot_segment(segment: &str) -> bool {
    let mut rest = segment.as_bytes();
    let mut dots = 0;
    while !rest.is_empty() {
        rest = match rest {
            [b'.', after @ ..] => after,
            [b'%', b'2', b'E' | b'e', after @ ..] => after,
            _ => return false,
        };
        dots += 1;
    }
    dots == 1 || dots == 2
}

fn is_host_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'-'
}

/// One DNS label of a host name (RFC 1123 section 2.1).
fn is_dns_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= 63
        && label.bytes().all(is_host_byte)
        && !label.starts_with('-')
        && !label.ends_with('-')
}

/// A prefix-header key whose header a header member sets too.
fn collision(member: &str, key: &str, name: &HeaderName) -> BuildError {
    BuildError::new(
        member,
        format!(
            "has the key {key:?}, which names the header `{name}` that a header member sets too; one header cannot carry both values"
        ),
    )
}

/// Formats a timestamp for a label, query parameter or header.
///
/// # Errors
///
/// A timestamp the format cannot express.
pub fn fmt_timestamp(
    member: &str,
    value: &DateTime,
    format: TimestampFormat,
) -> Result<String, BuildError> {
    value
        .fmt(format)
        .map_err(|e| BuildError::new(member, e.to_string()))
}

/// A fresh idempotency token: a random (version 4) UUID, used when the
/// input leaves an `idempotencyToken` member unset, and as every call's
/// `amz-sdk-invocation-id`.
///
/// The bits come from `fastrand`, a per-thread generator seeded once
/// from the standard library's randomly keyed hasher, as the official
/// SDK's tokens do: a token must be unique, not secret, and asking the
/// operating system for 16 bytes on every call (`getrandom`) was about
/// 3 % of a whole DescribeJob call (`docs/performance.md`).
pub fn idempotency_token() -> String {
    let mut bytes = fastrand::u128(..).to_le_bytes();
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
    let mut out = String::with_capacity(36);
    for (index, byte) in bytes.iter().enumerate() {
        if matches!(index, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push(char::from(HEX[usize::from(byte >> 4)]));
        out.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    out
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Header names in models are mixed case (`X-Amz-Meta`); `http` wants
/// lowercase static names. Generated code passes literals, so this only
/// fails on a model whose header name is not a valid token.
fn lowercase(name: &'static str) -> Result<&'static str, BuildError> {
    if name.bytes().all(|b| !b.is_ascii_uppercase())
        && HeaderName::from_bytes(name.as_bytes()).is_ok()
    {
        return Ok(name);
    }
    Err(BuildError::new(name, "is not a lowercase header name"))
}

/// Map entries in key order, so requests are deterministic.
fn sorted<K: AsRef<str>, V>(entries: impl IntoIterator<Item = (K, V)>) -> Vec<(K, V)> {
    let mut entries: Vec<(K, V)> = entries.into_iter().collect();
    entries.sort_by(|a, b| a.0.as_ref().cmp(b.0.as_ref()));
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn builds_path_query_headers_and_body() {
        let mut request = RequestBuilder::new(http::Method::POST, "/things/", "versions&a=b");
        request.label("thingName", "a/b").unwrap();
        request.path("/shadow/");
        request.greedy_label("key", "x/y z").unwrap();
        request.query("n", "1");
        request.query_list("l", ["x", "y"]);
        request.query_params(&HashMap::from([("n", "dropped"), ("m", "kept")]));
        request.header("x-list", "a").unwrap();
        request
            .header_list("x-empty", Vec::<String>::new())
            .unwrap();
        request.json_body(b"{}".to_vec());
        let request = request.build().unwrap();
        assert_eq!(request.method(), "POST");
        assert_eq!(
            request.uri(),
            "/things/a%2Fb/shadow/x/y%20z?versions&a=b&n=1&l=x&l=y&m=kept"
        );
        assert_eq!(request.headers()["x-list"], "a");
        assert_eq!(request.headers()["x-empty"], "");
        assert_eq!(request.headers()["content-type"], "application/json");
        assert_eq!(request.body(), b"{}");
    }

    #[test]
    fn bad_values_are_errors_naming_the_member() {
        let mut request = RequestBuilder::new(http::Method::GET, "/", "");
        let error = request.label("thingName", "..").unwrap_err();
        assert_eq!(error.member(), "thingName");
        let mut request = RequestBuilder::new(http::Method::GET, "/", "");
        request.header("x-a", "line\nbreak").unwrap();
        let error = request.build().unwrap_err();
        assert_eq!(error.member(), "x-a");
        assert!(error.to_string().contains("line breaks"), "{error}");
        let mut request = RequestBuilder::new(http::Method::GET, "/", "");
        assert_eq!(request.host_label("h", "a.b").unwrap_err().member(), "h");
        assert!(request.host_label("h", "").is_err());
        request.host_label("h", "abc-1").unwrap();
        request.host_literal(".");
        let request = request.build().unwrap();
        assert_eq!(
            request
                .extensions()
                .get::<HostPrefix>()
                .map(HostPrefix::as_str),
            Some("abc-1.")
        );
    }

    /// Builds `GET` + `parts`: `("", literal)` appends a literal,
    /// `("k", value)` a label, `("k+", value)` a greedy label.
    fn path(parts: &[(&str, &str)]) -> Result<String, BuildError> {
        let mut request = RequestBuilder::new(http::Method::GET, "", "");
        for (member, text) in parts {
            match *member {
                "" => request.path(text),
                "k+" => request.greedy_label(member, text)?,
                _ => request.label(member, text)?,
            }
        }
        Ok(request.build()?.uri().to_string())
    }

    #[test]
    fn labels_next_to_literals_cannot_make_dot_segments() {
        for parts in [
            // `/x/.{k+}` with `k = "/secret"`: the segment `.` before it.
            &[("", "/x/."), ("k+", "/secret")][..],
            // `/x/{k+}.` with `k = "secret/"`: the segment `.` after it.
            &[("", "/x/"), ("k+", "secret/"), ("", ".")],
            &[("", "/x/"), ("k+", "a/"), ("", "./b")],
            // `/x/.{k}` and `/x/{k}.` with `k = "."`: `..`.
            &[("", "/x/."), ("k", ".")],
            &[("", "/x/"), ("k", "."), ("", ".")],
            &[("", "/x/"), ("k", "."), ("", "./y")],
            // A dot written `%2E` by the template is still a dot.
            &[("", "/x/%2E"), ("k", ".")],
            &[("", "/x/%2e"), ("k+", "/a")],
        ] {
            let error = path(parts).unwrap_err();
            assert!(error.member().starts_with('k'), "{parts:?}: {error}");
            assert!(error.message().contains("path segment `."), "{error}");
        }
    }

    #[test]
    fn labels_next_to_literals_that_make_other_segments_are_kept() {
        assert_eq!(path(&[("", "/x/."), ("k+", "a/b")]).unwrap(), "/x/.a/b");
        assert_eq!(path(&[("", "/x/."), ("k", "a")]).unwrap(), "/x/.a");
        assert_eq!(path(&[("", "/x/.."), ("k", "a")]).unwrap(), "/x/..a");
        assert_eq!(
            path(&[("", "/x/."), ("k", "..")]).unwrap_err().member(),
            "k"
        );
        assert_eq!(path(&[("", "/x/."), ("k", "-")]).unwrap(), "/x/.-");
        assert_eq!(
            path(&[("", "/x/"), ("a", "b"), ("", "."), ("k", "..")])
                .unwrap_err()
                .member(),
            "k"
        );
        assert_eq!(path(&[("", "/x/"), ("k+", "a//")]).unwrap(), "/x/a//");
        // A neighbouring segment is not blamed on a label.
        let error = path(&[("", "/"), ("k", "a"), ("", "/../b")]).unwrap_err();
        assert_eq!(error.member(), "uri");
        assert!(error.to_string().contains("`..`"), "{error}");
        assert_eq!(path(&[("", "/a/./b")]).unwrap_err().member(), "uri");
    }

    fn host(parts: &[(&str, &str)]) -> Result<String, BuildError> {
        let mut request = RequestBuilder::new(http::Method::GET, "/", "");
        for (member, text) in parts {
            match *member {
                "" => request.host_literal(text),
                _ => request.host_label(member, text)?,
            }
        }
        let request = request.build()?;
        Ok(request
            .extensions()
            .get::<HostPrefix>()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_default())
    }

    #[test]
    fn host_prefixes_are_checked_as_whole_dns_labels() {
        assert_eq!(host(&[("", "data.")]).unwrap(), "data.");
        assert_eq!(
            host(&[("", "foo."), ("Shard", "a-1"), ("", ".")]).unwrap(),
            "foo.a-1."
        );
        assert_eq!(host(&[("Shard", "a"), ("", "-data.")]).unwrap(), "a-data.");
        // Joins the endpoint's first label: checked as far as it goes.
        assert_eq!(host(&[("", "data-"), ("Shard", "x")]).unwrap(), "data-x");
        let long = "a".repeat(60);
        for parts in [
            // A DNS label cannot start or end with a hyphen.
            &[("Shard", "-a"), ("", ".")][..],
            &[("", "data."), ("Shard", "a-"), ("", ".")],
            &[("Shard", "-a")],
            // Nor be longer than 63 characters, the literal included.
            &[("", "data-"), ("Shard", long.as_str()), ("", ".")],
        ] {
            let error = host(parts).unwrap_err();
            assert_eq!(error.member(), "Shard", "{parts:?}");
            assert!(error.message().contains("DNS label"), "{error}");
        }
        // A value is one DNS label: no dots, not empty.
        assert_eq!(host(&[("Shard", "a.b")]).unwrap_err().member(), "Shard");
        assert_eq!(host(&[("Shard", "")]).unwrap_err().member(), "Shard");
        // The template's own text is the model's problem.
        assert_eq!(host(&[("", "-data.")]).unwrap_err().member(), "hostPrefix");
        assert_eq!(host(&[("", "a..b.")]).unwrap_err().member(), "hostPrefix");
    }

    #[test]
    fn prefix_header_keys_that_differ_in_case_are_an_error() {
        let mut request = RequestBuilder::new(http::Method::PUT, "/", "");
        let metadata = HashMap::from([("Owner", "alice"), ("owner", "bob")]);
        let error = request
            .prefix_headers("Metadata", "x-amz-meta-", &metadata)
            .unwrap_err();
        assert_eq!(error.member(), "Metadata");
        let message = error.to_string();
        assert!(
            message.contains(r#""Owner""#)
                && message.contains(r#""owner""#)
                && message.contains("x-amz-meta-owner"),
            "{message}"
        );
    }

    #[test]
    fn prefix_header_keys_cannot_name_a_header_member() {
        // The member first (as generated code does), then the map.
        let mut request = RequestBuilder::new(http::Method::PUT, "/", "");
        request.header("x-amz-meta-foo", "member").unwrap();
        let error = request
            .prefix_headers("Metadata", "x-amz-meta-", [("Foo", "map")])
            .unwrap_err();
        assert_eq!(error.member(), "Metadata");
        assert!(error.to_string().contains("x-amz-meta-foo"), "{error}");
        // The other way round.
        let mut request = RequestBuilder::new(http::Method::PUT, "/", "");
        request
            .prefix_headers("Metadata", "x-amz-meta-", [("foo", "map")])
            .unwrap();
        request.header("x-amz-meta-foo", "member").unwrap();
        assert_eq!(request.build().unwrap_err().member(), "Metadata");
        // Two maps.
        let mut request = RequestBuilder::new(http::Method::PUT, "/", "");
        request
            .prefix_headers("Meta", "x-amz-", [("meta-a", "1")])
            .unwrap();
        let error = request
            .prefix_headers("Metadata", "x-amz-meta-", [("a", "2")])
            .unwrap_err();
        assert!(error.to_string().contains("`Meta`"), "{error}");
        // Distinct names are all sent.
        let mut request = RequestBuilder::new(http::Method::PUT, "/", "");
        request.header("x-amz-meta-foo", "member").unwrap();
        request
            .prefix_headers("Metadata", "x-amz-meta-", [("bar", "map")])
            .unwrap();
        let request = request.build().unwrap();
        assert_eq!(request.headers()["x-amz-meta-foo"], "member");
        assert_eq!(request.headers()["x-amz-meta-bar"], "map");
    }

    #[test]
    fn prefix_header_keys_that_make_no_header_name_are_errors() {
        for (prefix, key) in [
            ("", ""),
            ("x-", "a b"),
            ("x-", "a:b"),
            ("x-", "é"),
            ("x-", "a\n"),
            ("x-", "(a)"),
        ] {
            let mut request = RequestBuilder::new(http::Method::PUT, "/", "");
            let error = request
                .prefix_headers("Metadata", prefix, [(key, "v")])
                .unwrap_err();
            assert_eq!(error.member(), "Metadata");
            assert!(
                error.to_string().contains("not a valid header name"),
                "{error}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn prefix_headers_never_panic(
            entries in proptest::collection::hash_map(".{0,6}", ".{0,6}", 0..4),
            prefix in "[a-zA-Z-]{0,4}",
        ) {
            let mut request = RequestBuilder::new(http::Method::PUT, "/", "");
            if request.prefix_headers("M", &prefix, &entries).is_ok() {
                let request = request.build();
                proptest::prop_assert!(request.is_ok());
            }
        }

        #[test]
        fn built_paths_never_have_dot_segments(
            literal in "[./a%2E]{0,4}",
            value in "[./a]{1,4}",
            after in "[./a]{0,3}",
            greedy in proptest::bool::ANY,
        ) {
            let mut request = RequestBuilder::new(http::Method::GET, "/x/", "");
            request.path(&literal);
            let pushed = if greedy {
                request.greedy_label("k", &value)
            } else {
                request.label("k", &value)
            };
            request.path(&after);
            if pushed.is_ok() {
                if let Ok(request) = request.build() {
                    let path = request.uri().path().to_owned();
                    proptest::prop_assert!(!path.split('/').any(is_dot_segment), "{}", path);
                }
            }
        }
    }

    #[test]
    fn member_content_type_wins_over_the_default() {
        let mut request = RequestBuilder::new(http::Method::PUT, "/", "");
        request.header("content-type", "text/custom").unwrap();
        request.blob_body(vec![1, 2], media::APPLICATION_OCTET_STREAM);
        let request = request.build().unwrap();
        assert_eq!(request.headers()["content-type"], "text/custom");
    }

    /// Each thread seeds its own generator: tokens made on several
    /// threads at once must still all differ.
    #[test]
    fn idempotency_tokens_differ_across_threads() {
        let tokens: Vec<String> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..4)
                .map(|_| {
                    scope.spawn(|| (0..2_000).map(|_| idempotency_token()).collect::<Vec<_>>())
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().expect("token thread"))
                .collect()
        });
        let distinct: std::collections::HashSet<&String> = tokens.iter().collect();
        assert_eq!(distinct.len(), tokens.len());
    }

    #[test]
    fn idempotency_tokens_are_version_4_uuids() {
        let a = idempotency_token();
        let b = idempotency_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        let groups: Vec<&str> = a.split('-').collect();
        assert_eq!(
            groups.iter().map(|g| g.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(groups[2].starts_with('4'));
        assert!(matches!(&groups[3][..1], "8" | "9" | "a" | "b"));
        assert!(a.bytes().all(|b| b == b'-' || b.is_ascii_hexdigit()));
    }
}
