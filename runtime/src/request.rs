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
//! use awsgen_runtime::request::RequestBuilder;
//!
//! let mut request = RequestBuilder::new("PUT", "/jobs/", "");
//! request.label("jobId", "job 1")?;
//! request.query("namespaceId", "ns");
//! request.header("x-amz-meta", "yes")?;
//! request.json_body(br#"{"targets":[]}"#.to_vec());
//! let request = request.build()?;
//! assert_eq!(request.uri(), "/jobs/job%201?namespaceId=ns");
//! assert_eq!(request.headers()["content-type"], "application/json");
//! # Ok::<(), awsgen_runtime::BuildError>(())
//! ```

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
/// [`path`](Self::path)s) before [`build`](Self::build).
#[derive(Debug)]
pub struct RequestBuilder {
    method: &'static str,
    path: String,
    query: QueryString,
    headers: http::HeaderMap,
    body: Vec<u8>,
    host_prefix: Option<String>,
    /// The first header error, reported by `build` so header calls chain
    /// without a `?` each.
    error: Option<BuildError>,
}

impl RequestBuilder {
    /// A request with `method`, the first literal part of the path, and
    /// the URI template's literal query (`"foo=bar"` of
    /// `/path?foo=bar`, or `""`).
    pub fn new(method: &'static str, path: &str, template_query: &str) -> Self {
        Self {
            method,
            path: path.to_owned(),
            query: QueryString::from_template(template_query),
            headers: http::HeaderMap::new(),
            body: Vec::new(),
            host_prefix: None,
            error: None,
        }
    }

    /// Appends a literal part of the URI template's path.
    pub fn path(&mut self, literal: &str) {
        self.path.push_str(literal);
    }

    /// Appends a `{label}`: `value` is percent-encoded into one segment.
    ///
    /// # Errors
    ///
    /// An empty value, `.` or `..` (see [`label`]).
    pub fn label(&mut self, member: &str, value: &str) -> Result<(), BuildError> {
        let encoded =
            label::fmt_label(value).map_err(|e| BuildError::new(member, e.to_string()))?;
        self.path.push_str(&encoded);
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
        self.path.push_str(&encoded);
        Ok(())
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
                self.headers
                    .insert(HeaderName::from_static(lowercase(name)?), value);
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
    /// # Errors
    ///
    /// As [`header`](Self::header), and for keys that are not valid header
    /// names.
    pub fn prefix_headers<K: AsRef<str>, V: AsRef<str>>(
        &mut self,
        member: &str,
        prefix: &str,
        values: impl IntoIterator<Item = (K, V)>,
    ) -> Result<(), BuildError> {
        for (key, value) in sorted(values) {
            let name = format!("{prefix}{}", key.as_ref()).to_ascii_lowercase();
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                BuildError::new(member, format!("`{name}` is not a valid header name"))
            })?;
            let value = HeaderValue::from_str(value.as_ref()).map_err(|_| {
                BuildError::new(
                    member,
                    format!("the value of `{name}` cannot be sent in a header"),
                )
            })?;
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

    /// Records the endpoint's host prefix, labels already substituted.
    pub fn host_prefix(&mut self, prefix: String) {
        self.host_prefix = Some(prefix);
    }

    /// Appends a host label to `prefix` after checking that it is one valid
    /// DNS label (letters, digits and hyphens, 1 to 63 characters), since it
    /// becomes part of a host name.
    ///
    /// # Errors
    ///
    /// A value that is not a valid host label.
    pub fn push_host_label(
        prefix: &mut String,
        member: &str,
        value: &str,
    ) -> Result<(), BuildError> {
        let valid = !value.is_empty()
            && value.len() <= 63
            && value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !valid {
            return Err(BuildError::new(
                member,
                format!("{value:?} is not a valid host label (1-63 letters, digits or hyphens)"),
            ));
        }
        prefix.push_str(value);
        Ok(())
    }

    /// The finished request.
    ///
    /// # Errors
    ///
    /// The first header value that could not be sent, or a URI the `http`
    /// crate rejects (which the encoding rules should make impossible).
    pub fn build(mut self) -> Result<http::Request<Vec<u8>>, BuildError> {
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        let mut uri = self.path;
        self.query.append_to(&mut uri);
        let method = http::Method::from_bytes(self.method.as_bytes()).map_err(|_| {
            BuildError::new("method", format!("{:?} is not an HTTP method", self.method))
        })?;
        let mut request = http::Request::new(self.body);
        *request.method_mut() = method;
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
/// input leaves an `idempotencyToken` member unset.
///
/// Randomness comes from the operating system through `getrandom`; if it
/// is unavailable, the token falls back to the clock and a counter, which
/// still makes it unique per process.
pub fn idempotency_token() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        bytes = fallback_random();
    }
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

fn fallback_random() -> [u8; 16] {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&(nanos as u64).to_le_bytes());
    bytes[8..].copy_from_slice(&(count ^ std::process::id() as u64).to_le_bytes());
    bytes
}

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
        let mut request = RequestBuilder::new("POST", "/things/", "versions&a=b");
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
        let mut request = RequestBuilder::new("GET", "/", "");
        let error = request.label("thingName", "..").unwrap_err();
        assert_eq!(error.member(), "thingName");
        let mut request = RequestBuilder::new("GET", "/", "");
        request.header("x-a", "line\nbreak").unwrap();
        let error = request.build().unwrap_err();
        assert_eq!(error.member(), "x-a");
        assert!(error.to_string().contains("line breaks"), "{error}");
        let mut prefix = String::new();
        assert!(RequestBuilder::push_host_label(&mut prefix, "h", "a.b").is_err());
        assert!(RequestBuilder::push_host_label(&mut prefix, "h", "").is_err());
        RequestBuilder::push_host_label(&mut prefix, "h", "abc-1").unwrap();
        assert_eq!(prefix, "abc-1");
    }

    #[test]
    fn member_content_type_wins_over_the_default() {
        let mut request = RequestBuilder::new("PUT", "/", "");
        request.header("content-type", "text/custom").unwrap();
        request.blob_body(vec![1, 2], media::APPLICATION_OCTET_STREAM);
        let request = request.build().unwrap();
        assert_eq!(request.headers()["content-type"], "text/custom");
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
