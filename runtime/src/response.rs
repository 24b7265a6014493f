//! Reading an operation's `http` response: what each generated response
//! parser calls to pull members out of headers, to tell an error response
//! from a successful one, and to find the error's code.
//!
//! Everything here is total: a header that does not parse, a body that is
//! not JSON, a missing error code all become values ([`ParseError`],
//! [`UnhandledError`]), never panics, and the response's status, request id
//! and body are kept in the error so nothing the service said is lost.

use std::collections::HashMap;
use std::error::Error;
use std::fmt;

use http::HeaderMap;

use crate::http_binding::header;
use crate::http_binding::value::FromText;
use crate::json::{error_body_fields, JsonError, JsonReader, ReadJson};
use crate::metadata::{ModeledError, SetResponseMetadata};
use crate::{Blob, DateTime, ResponseMetadata, TimestampFormat, UnhandledError};

/// What went wrong reading one part of a response (a header or the body),
/// before the status and request id are attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    location: String,
    message: String,
}

impl ParseError {
    /// An error about `location` (`header "x-amz-date"`, `body`).
    pub fn new(location: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            location: location.into(),
            message: message.into(),
        }
    }

    /// Where in the response the problem is.
    pub fn location(&self) -> &str {
        &self.location
    }

    /// What was wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    fn header(name: &str, message: impl fmt::Display) -> Self {
        Self::new(format!("header `{name}`"), message.to_string())
    }
}

impl From<JsonError> for ParseError {
    fn from(error: JsonError) -> Self {
        Self::new("body", error.to_string())
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

impl Error for ParseError {}

/// Why an operation did not return its output.
#[derive(Debug)]
pub enum ResponseError<E> {
    /// The service answered with an error: one the operation's model lists,
    /// or its `Unhandled` catch-all.
    Service(E),
    /// The response could not be read as the model describes it.
    Malformed(MalformedResponse),
}

impl<E: fmt::Display> fmt::Display for ResponseError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseError::Service(error) => error.fmt(f),
            ResponseError::Malformed(error) => error.fmt(f),
        }
    }
}

impl<E: Error + 'static> Error for ResponseError<E> {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            ResponseError::Service(error) => Some(error),
            ResponseError::Malformed(error) => Some(error),
        }
    }
}

impl<E> ResponseError<E> {
    /// The service's error, if that is what this is.
    pub fn into_service_error(self) -> Option<E> {
        match self {
            ResponseError::Service(error) => Some(error),
            ResponseError::Malformed(_) => None,
        }
    }
}

/// A response that does not match the model: what was wrong and where,
/// with the whole response kept for diagnosis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MalformedResponse {
    /// The HTTP status code.
    pub status: u16,
    /// The `x-amzn-requestid` header, for AWS support.
    pub request_id: Option<String>,
    /// The problem, with its location.
    pub error: ParseError,
    /// The body as received.
    pub body: Vec<u8>,
}

impl MalformedResponse {
    /// Attaches the response's status, request id and body to `error`.
    pub fn new(
        status: http::StatusCode,
        headers: &HeaderMap,
        body: &[u8],
        error: ParseError,
    ) -> Self {
        Self {
            status: status.as_u16(),
            request_id: request_id(headers),
            error,
            body: body.to_vec(),
        }
    }
}

impl fmt::Display for MalformedResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "malformed response (HTTP {}): {}",
            self.status, self.error
        )?;
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        Ok(())
    }
}

impl Error for MalformedResponse {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(&self.error)
    }
}

/// Reads an output: a success status (2xx, whatever the operation's
/// modeled code) goes to `output`, anything else to the operation's error
/// enum ([`ReadOperationError`]) with the response's [`ErrorMetadata`].
/// The output is given the response's [`ResponseMetadata`] (status and
/// request id). Each generated operation calls this with its output reader.
///
/// # Errors
///
/// [`ResponseError::Service`] for an error response,
/// [`ResponseError::Malformed`] when a reader fails.
pub fn parse<O: SetResponseMetadata, E: ReadOperationError>(
    status: http::StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    output: fn(http::StatusCode, &HeaderMap, &[u8]) -> Result<O, ParseError>,
) -> Result<O, ResponseError<E>> {
    let malformed = |e| ResponseError::Malformed(MalformedResponse::new(status, headers, body, e));
    if status.is_success() {
        let mut value = output(status, headers, body).map_err(malformed)?;
        value.set_response_metadata(ResponseMetadata::read(status, headers));
        Ok(value)
    } else {
        let metadata = ErrorMetadata::read(status, headers, body);
        match E::read_error(metadata, status, headers, body) {
            Ok(error) => Err(ResponseError::Service(error)),
            Err(e) => Err(malformed(e)),
        }
    }
}

/// A modeled error as error responses name it: the codes that name it and
/// how it is read. Each restJson1 service implements it once per modeled
/// error, in its error-code table (one [`impl_error_code!`] per error); plumbing for
/// generated code, not for users.
///
/// [`impl_error_code!`]: crate::impl_error_code
#[doc(hidden)]
pub trait ReadModeledError: ModeledError + Sized {
    /// The sanitized codes ([`ErrorMetadata::code`]) that name this error:
    /// its shape name, and its `error.code` where that differs.
    const CODES: &'static [&'static str];

    /// Reads the error from the response (its body, and its headers and
    /// status for HTTP-bound members).
    ///
    /// # Errors
    ///
    /// A response that is not this error as the model describes it.
    fn read(status: http::StatusCode, headers: &HeaderMap, body: &[u8])
        -> Result<Self, ParseError>;
}

/// An operation's error enum read from an error response: the variant
/// whose error the response's code names, among those the operation lists
/// (the first listed wins); `Unhandled` for any other code, including one
/// the service models but the operation does not list, whose body is then
/// not read. Implemented by [`impl_operation_error!`]; plumbing for
/// generated code, not for users.
///
/// [`impl_operation_error!`]: crate::impl_operation_error
#[doc(hidden)]
pub trait ReadOperationError: Sized {
    /// Chooses and reads the error.
    ///
    /// # Errors
    ///
    /// The error the code names could not be read from the response.
    fn read_error(
        error: ErrorMetadata,
        status: http::StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Self, ParseError>;
}

/// One listed error of an operation: `Some` with the error read and
/// completed ([`ErrorMetadata::complete`]) when the response's code names
/// `T`, `None` otherwise (nothing is read then). Generic in `T` alone, so
/// it is compiled once per modeled error, not once per operation.
///
/// # Errors
///
/// The code names `T`, but the response is not `T` as the model describes it.
#[doc(hidden)]
pub fn read_listed<T: ReadModeledError>(
    error: &ErrorMetadata,
    status: http::StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Option<T>, ParseError> {
    if !error.code().is_some_and(|code| T::CODES.contains(&code)) {
        return Ok(None);
    }
    let value = T::read(status, headers, body)?;
    Ok(Some(error.complete(value)))
}

/// The output reader of an operation without output: the body is ignored,
/// and the output is the response's [`ResponseMetadata`] alone.
///
/// # Errors
///
/// Never.
pub fn no_output(
    _: http::StatusCode,
    _: &HeaderMap,
    _: &[u8],
) -> Result<ResponseMetadata, ParseError> {
    Ok(ResponseMetadata::default())
}

/// The reader of a structure without members: the body is ignored.
///
/// # Errors
///
/// Never.
pub fn default_body<T: Default>(
    _: http::StatusCode,
    _: &HeaderMap,
    _: &[u8],
) -> Result<T, ParseError> {
    Ok(T::default())
}

/// The reader of a structure whose every member is in the JSON body (an
/// empty body is the default value).
///
/// # Errors
///
/// A body that is not that structure's JSON.
pub fn json_body<T: ReadJson + Default>(
    _: http::StatusCode,
    _: &HeaderMap,
    body: &[u8],
) -> Result<T, ParseError> {
    Ok(crate::json::from_slice(body)?)
}

/// Fills the body members of `output` with `read` (a generated reader of
/// one JSON object); an empty body leaves them unset.
///
/// # Errors
///
/// A body that is not the expected JSON, or has trailing data.
pub fn read_body<T>(
    body: &[u8],
    output: &mut T,
    read: fn(&mut JsonReader<'_>, &mut T) -> Result<(), JsonError>,
) -> Result<(), ParseError> {
    let mut reader = JsonReader::new(body);
    if reader.at_end() {
        return Ok(());
    }
    read(&mut reader, output)?;
    reader.finish()?;
    Ok(())
}

/// A JSON payload member (structure, union or document): `None` for an
/// empty body.
///
/// # Errors
///
/// A body that is not the expected JSON.
pub fn json_payload<T: ReadJson>(body: &[u8]) -> Result<Option<T>, ParseError> {
    let mut reader = JsonReader::new(body);
    if reader.at_end() {
        return Ok(None);
    }
    let value = reader.read()?;
    reader.finish()?;
    Ok(Some(value))
}

/// A blob payload member: the body as is, `None` when empty.
pub fn blob_payload(body: &[u8]) -> Option<Blob> {
    (!body.is_empty()).then(|| Blob::new(body.to_vec()))
}

/// A string payload member: the body as UTF-8 text, `None` when empty.
///
/// # Errors
///
/// Invalid UTF-8.
pub fn text_payload(body: &[u8]) -> Result<Option<String>, ParseError> {
    if body.is_empty() {
        return Ok(None);
    }
    text_body(body).map(Some)
}

/// The request id: the first `x-amzn-requestid` or `x-amz-request-id`
/// value (in that order) that is UTF-8 text and not blank, trimmed. When
/// every value is blank or not UTF-8, the first non-blank one read as
/// [`header::value_text`] does, so an id that was sent is never lost.
pub fn request_id(headers: &HeaderMap) -> Option<String> {
    let mut not_utf8 = None;
    for name in ["x-amzn-requestid", "x-amz-request-id"] {
        for value in headers.get_all(name) {
            let bytes = value.as_bytes().trim_ascii();
            if bytes.is_empty() {
                continue;
            }
            match std::str::from_utf8(bytes) {
                Ok(text) => return Some(text.to_owned()),
                Err(_) => {
                    not_utf8.get_or_insert_with(|| header::value_text(bytes).into_owned());
                }
            }
        }
    }
    not_utf8
}

/// The longest error message kept from a body that is not JSON, in bytes.
pub const MAX_TEXT_MESSAGE: usize = 1024;

/// The code, message and request id of an error response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorMetadata {
    code: Option<String>,
    message: Option<String>,
    status: u16,
    request_id: Option<String>,
}

impl ErrorMetadata {
    /// Reads the error code the restJson1 way: the `x-amzn-errortype`
    /// header, else `__type` in the body, else `code` in the body, each
    /// stripped of a `namespace#` prefix and a `:…` suffix; one that is
    /// blank after that counts as absent, so the next is used.
    ///
    /// The message: the body's `message`, `Message` or `errorMessage` (see
    /// [`error_body_fields`]); when the body is not JSON (a proxy's text or
    /// HTML page), its text, cut to [`MAX_TEXT_MESSAGE`] bytes at a
    /// character boundary and marked as cut; when the body is empty, the
    /// status's reason phrase (`Bad Request`). So nothing the service said
    /// is lost, and the status and request id are always there.
    pub fn read(status: http::StatusCode, headers: &HeaderMap, body: &[u8]) -> Self {
        let fields = error_body_fields(body);
        let header_codes = headers
            .get_all("x-amzn-errortype")
            .iter()
            .map(|value| header::value_text(value.as_bytes()).into_owned());
        let code = header_codes
            .chain(fields.type_field)
            .chain(fields.code)
            .map(|code| sanitize_error_code(&code).to_owned())
            .find(|code| !code.is_empty());
        let message = fields
            .message
            .or_else(|| message_without_json(status, body));
        Self {
            code,
            message,
            status: status.as_u16(),
            request_id: request_id(headers),
        }
    }

    /// The sanitized error code (`ThrottlingException`), if any.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The message the error body gave, under whichever key.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The response's status and request id.
    pub fn response_metadata(&self) -> ResponseMetadata {
        ResponseMetadata {
            status: Some(self.status),
            request_id: self.request_id.clone(),
        }
    }

    /// Completes a modeled error read from the body: it gets the
    /// response's status and request id, and, when its own message member
    /// was not in the body under its exact key (`Message`, `errorMessage`,
    /// or the text of a body that is not JSON), the message read here.
    pub fn complete<T: ModeledError>(&self, mut error: T) -> T {
        error.fill_message(self.message());
        error.set_response_metadata(self.response_metadata());
        error
    }

    /// The catch-all error, keeping everything read.
    pub fn into_unhandled(self) -> UnhandledError {
        UnhandledError {
            code: self.code,
            message: self.message,
            status: self.status,
            request_id: self.request_id,
        }
    }
}

/// The message of an error response whose body has none in JSON: the
/// reason phrase for an empty body, the body's text when it is not JSON,
/// and nothing for JSON without a message.
fn message_without_json(status: http::StatusCode, body: &[u8]) -> Option<String> {
    let text = body.trim_ascii();
    if text.is_empty() {
        return status.canonical_reason().map(str::to_owned);
    }
    let mut reader = JsonReader::new(text);
    if reader.skip_value().is_ok() && reader.finish().is_ok() {
        return None;
    }
    Some(bounded_text(text, MAX_TEXT_MESSAGE))
}

/// `bytes` as text ([`header::value_text`]'s rule: UTF-8, else
/// ISO-8859-1), cut to at most `max` bytes of it at a character boundary
/// and then marked `… [cut: N bytes in all]`. Only the kept part is
/// copied, however large the body.
fn bounded_text(bytes: &[u8], max: usize) -> String {
    let mut text = String::new();
    let cut = match std::str::from_utf8(bytes) {
        Ok(all) => {
            let mut end = max.min(all.len());
            while !all.is_char_boundary(end) {
                end -= 1;
            }
            text.push_str(&all[..end]);
            end < all.len()
        }
        Err(_) => {
            let mut kept = 0;
            for c in bytes.iter().map(|&byte| char::from(byte)) {
                if text.len() + c.len_utf8() > max {
                    break;
                }
                text.push(c);
                kept += 1;
            }
            kept < bytes.len()
        }
    };
    if cut {
        text.push_str(&format!("… [cut: {} bytes in all]", bytes.len()));
    }
    text
}

/// Strips what AWS puts around an error code: `aws.protocoltests#FooError`
/// and `FooError:http://internal.amazon.com/coral/...` are both `FooError`.
pub fn sanitize_error_code(code: &str) -> &str {
    let code = code.split(':').next().unwrap_or(code);
    let code = code.rsplit('#').next().unwrap_or(code);
    code.trim()
}

/// The header's value as text, all occurrences joined by `, ` (the HTTP
/// rule for repeated headers), or `None` when absent. Text is UTF-8, and
/// bytes that are not UTF-8 are ISO-8859-1 ([`header::value_text`]), so
/// this reads any value.
///
/// # Errors
///
/// Never; the `Result` is the signature all header readers share.
pub fn header_str(headers: &HeaderMap, name: &str) -> Result<Option<String>, ParseError> {
    let mut joined: Option<String> = None;
    for value in headers.get_all(name) {
        let text = header::value_text(value.as_bytes());
        match &mut joined {
            Some(all) => {
                all.push_str(", ");
                all.push_str(&text);
            }
            None => joined = Some(text.into_owned()),
        }
    }
    Ok(joined)
}

/// A header parsed as a number or boolean by [`FromText`]: floats are a
/// number in range or exactly `NaN`, `Infinity`, `-Infinity`, as in a
/// JSON body.
///
/// # Errors
///
/// A value that does not parse as `T`.
pub fn header_value<T: FromText>(headers: &HeaderMap, name: &str) -> Result<Option<T>, ParseError> {
    header_str(headers, name)?
        .map(|text| parse_text(name, text.trim()))
        .transpose()
}

/// One number or boolean of header `name`, or an error that quotes it and
/// says what was expected.
fn parse_text<T: FromText>(name: &str, text: &str) -> Result<T, ParseError> {
    T::from_text(text).ok_or_else(|| {
        ParseError::header(
            name,
            format!(
                "{text:?} is not a valid {}: expected {}",
                short_type_name::<T>(),
                T::EXPECTED
            ),
        )
    })
}

/// A header holding base64-encoded text (`jsonvalue`, `mediaType`).
///
/// # Errors
///
/// Invalid base64 or UTF-8.
pub fn header_base64(headers: &HeaderMap, name: &str) -> Result<Option<String>, ParseError> {
    header_str(headers, name)?
        .map(|text| header::decode_json_value(text.trim()).map_err(|e| ParseError::header(name, e)))
        .transpose()
}

/// A blob header: its bytes sent as base64 (surrounding whitespace ignored).
///
/// # Errors
///
/// A value that is not valid base64.
pub fn header_blob(headers: &HeaderMap, name: &str) -> Result<Option<Blob>, ParseError> {
    header_str(headers, name)?
        .map(|text| {
            crate::base64::decode(text.trim())
                .map(Blob::new)
                .map_err(|e| ParseError::header(name, e))
        })
        .transpose()
}

/// A timestamp header, in `format` (HTTP-date by default) or, leniently,
/// either of the other two formats.
///
/// # Errors
///
/// A value that is a timestamp in no format.
pub fn header_timestamp(
    headers: &HeaderMap,
    name: &str,
    format: TimestampFormat,
) -> Result<Option<DateTime>, ParseError> {
    header_str(headers, name)?
        .map(|text| {
            parse_timestamp_any(text.trim(), format).map_err(|e| ParseError::header(name, e))
        })
        .transpose()
}

/// A list header: elements split at commas outside quotes, unquoted.
///
/// # Errors
///
/// An unterminated quoted element.
pub fn header_list(headers: &HeaderMap, name: &str) -> Result<Option<Vec<String>>, ParseError> {
    header_str(headers, name)?
        .map(|text| header::parse_list(&text).map_err(|e| ParseError::header(name, e)))
        .transpose()
}

/// A list header whose elements are numbers or booleans.
///
/// # Errors
///
/// As [`header_list`], or an element that does not parse.
pub fn header_value_list<T: FromText>(
    headers: &HeaderMap,
    name: &str,
) -> Result<Option<Vec<T>>, ParseError> {
    let Some(items) = header_list(headers, name)? else {
        return Ok(None);
    };
    items
        .iter()
        .map(|item| parse_text(name, item))
        .collect::<Result<Vec<T>, _>>()
        .map(Some)
}

/// A list-of-timestamps header.
///
/// # Errors
///
/// An element that is not a timestamp in `format`.
pub fn header_timestamp_list(
    headers: &HeaderMap,
    name: &str,
    format: TimestampFormat,
) -> Result<Option<Vec<DateTime>>, ParseError> {
    header_str(headers, name)?
        .map(|text| {
            header::parse_timestamp_list(&text, format).map_err(|e| ParseError::header(name, e))
        })
        .transpose()
}

/// Every header starting with `prefix` (case-insensitively), keyed by the
/// rest of its name, or `None` when there is none.
///
/// # Errors
///
/// Never (see [`header_str`]).
pub fn prefix_headers(
    headers: &HeaderMap,
    prefix: &str,
) -> Result<Option<HashMap<String, String>>, ParseError> {
    let prefix = prefix.to_ascii_lowercase();
    let mut out = HashMap::new();
    for name in headers.keys() {
        if let Some(rest) = name.as_str().strip_prefix(&prefix) {
            if let Some(value) = header_str(headers, name.as_str())? {
                out.insert(rest.to_owned(), value);
            }
        }
    }
    Ok((!out.is_empty()).then_some(out))
}

/// The body as UTF-8 text (a `string` payload).
///
/// # Errors
///
/// Invalid UTF-8.
pub fn text_body(body: &[u8]) -> Result<String, ParseError> {
    String::from_utf8(body.to_vec())
        .map_err(|e| ParseError::new("body", format!("is not valid UTF-8 text: {e}")))
}

fn parse_timestamp_any(
    text: &str,
    format: TimestampFormat,
) -> Result<DateTime, crate::DateTimeParseError> {
    let others = [
        TimestampFormat::HttpDate,
        TimestampFormat::DateTime,
        TimestampFormat::EpochSeconds,
    ];
    DateTime::parse(text, format).or_else(|first| {
        others
            .iter()
            .filter(|other| **other != format)
            .find_map(|other| DateTime::parse(text, *other).ok())
            .ok_or(first)
    })
}

fn short_type_name<T>() -> &'static str {
    let name = std::any::type_name::<T>();
    name.rsplit("::").next().unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn error_codes_come_from_header_then_type_then_code() {
        let ok = http::StatusCode::BAD_REQUEST;
        let h = headers(&[(
            "x-amzn-errortype",
            "FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/",
        )]);
        assert_eq!(
            ErrorMetadata::read(ok, &h, b"{\"__type\":\"Bar\"}").code(),
            Some("FooError")
        );
        let none = HeaderMap::new();
        assert_eq!(
            ErrorMetadata::read(
                ok,
                &none,
                b"{\"__type\":\"aws.protocoltests.restjson#FooError\",\"code\":\"X\"}"
            )
            .code(),
            Some("FooError")
        );
        assert_eq!(
            ErrorMetadata::read(ok, &none, b"{\"code\":\"ns#Baz:suffix\"}").code(),
            Some("Baz")
        );
        let garbage =
            ErrorMetadata::read(ok, &headers(&[("x-amzn-requestid", "r1")]), b"<html>oops");
        let unhandled = garbage.into_unhandled();
        assert_eq!(unhandled.code, None);
        assert_eq!(unhandled.status, 400);
        assert_eq!(unhandled.request_id.as_deref(), Some("r1"));
    }

    #[test]
    fn blob_headers_are_base64() {
        let h = headers(&[("x-digest", " AAH/ "), ("x-bad", "AAH")]);
        assert_eq!(
            header_blob(&h, "x-digest").unwrap(),
            Some(Blob::new(vec![0, 1, 255]))
        );
        assert_eq!(header_blob(&h, "x-none").unwrap(), None);
        let error = header_blob(&h, "x-bad").unwrap_err();
        assert_eq!(error.location(), "header `x-bad`");
        assert!(error.message().starts_with("invalid base64"), "{error}");
    }

    #[test]
    fn headers_parse_or_say_what_is_wrong() {
        let h = headers(&[
            ("x-int", "12"),
            ("x-bad", "twelve"),
            ("x-list", "a, \"b,c\""),
            ("x-list", "d"),
        ]);
        assert_eq!(header_value::<i32>(&h, "x-int").unwrap(), Some(12));
        assert_eq!(header_value::<i32>(&h, "x-none").unwrap(), None);
        let error = header_value::<i32>(&h, "x-bad").unwrap_err();
        assert_eq!(
            error.to_string(),
            "header `x-bad`: \"twelve\" is not a valid i32: expected an integer from -2147483648 to 2147483647"
        );
        assert_eq!(
            header_list(&h, "x-list").unwrap(),
            Some(vec!["a".to_owned(), "b,c".to_owned(), "d".to_owned()])
        );
        let h = headers(&[("x-meta-a", "1"), ("x-meta-b", "2"), ("x-other", "3")]);
        let map = prefix_headers(&h, "X-Meta-").unwrap().unwrap();
        assert_eq!(map.len(), 2);
        assert_eq!(map["b"], "2");
        let h = headers(&[
            ("x-date", "Mon, 16 Dec 2019 23:48:18 GMT"),
            ("x-epoch", "1576540098"),
        ]);
        assert_eq!(
            header_timestamp(&h, "x-date", TimestampFormat::HttpDate).unwrap(),
            Some(DateTime::from_secs(1576540098))
        );
        assert_eq!(
            header_timestamp(&h, "x-epoch", TimestampFormat::HttpDate).unwrap(),
            Some(DateTime::from_secs(1576540098))
        );
    }

    fn raw(pairs: &[(&'static str, &[u8])]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_bytes(value).unwrap());
        }
        map
    }

    fn message(status: u16, body: &[u8]) -> Option<String> {
        let status = http::StatusCode::from_u16(status).unwrap();
        ErrorMetadata::read(status, &HeaderMap::new(), body)
            .into_unhandled()
            .message
    }

    #[test]
    fn a_body_that_is_not_json_is_the_message() {
        assert_eq!(
            message(400, b"Bad request, plain text").as_deref(),
            Some("Bad request, plain text")
        );
        assert_eq!(
            message(502, b"\n<html><body>Bad Gateway</body></html>\n").as_deref(),
            Some("<html><body>Bad Gateway</body></html>")
        );
        // Truncated JSON is not JSON: its text is kept.
        assert_eq!(
            message(500, br#"{"message": "cut sh"#).as_deref(),
            Some(r#"{"message": "cut sh"#)
        );
        // Not UTF-8: ISO-8859-1, as for headers.
        assert_eq!(message(400, b"caf\xe9").as_deref(), Some("café"));
        // JSON says what it says: its message, or none.
        assert_eq!(message(400, br#"{"message": "m"}"#).as_deref(), Some("m"));
        assert_eq!(message(400, br#"{"__type": "Boom"}"#), None);
        assert_eq!(message(400, b"[1, 2]"), None);
    }

    #[test]
    fn an_empty_body_gives_the_reason_phrase() {
        assert_eq!(message(400, b"").as_deref(), Some("Bad Request"));
        assert_eq!(
            message(503, b" \r\n").as_deref(),
            Some("Service Unavailable")
        );
        // A status without a reason phrase: nothing to say.
        assert_eq!(message(599, b""), None);
    }

    #[test]
    fn a_long_text_body_is_cut_at_a_character_boundary() {
        // 1023 ASCII bytes, then a two-byte character across the limit.
        let mut body = "a".repeat(MAX_TEXT_MESSAGE - 1);
        body.push('é');
        body.push_str(&"b".repeat(5000));
        let text = message(500, body.as_bytes()).unwrap();
        let (head, mark) = text.split_once('…').unwrap();
        assert_eq!(head, "a".repeat(MAX_TEXT_MESSAGE - 1));
        assert_eq!(mark, format!(" [cut: {} bytes in all]", body.len()));
        // Exactly at the limit: whole, unmarked.
        let body = "é".repeat(MAX_TEXT_MESSAGE / 2);
        assert_eq!(message(500, body.as_bytes()), Some(body));
        // Not UTF-8: ISO-8859-1, each of these bytes two bytes of text.
        let body = vec![0xe9_u8; MAX_TEXT_MESSAGE];
        let text = message(500, &body).unwrap();
        assert_eq!(
            text,
            format!(
                "{}… [cut: {MAX_TEXT_MESSAGE} bytes in all]",
                "é".repeat(MAX_TEXT_MESSAGE / 2)
            )
        );
        let body = vec![0xe9_u8; MAX_TEXT_MESSAGE / 2];
        assert_eq!(message(500, &body), Some("é".repeat(MAX_TEXT_MESSAGE / 2)));
    }

    #[test]
    fn request_id_falls_back_past_blank_and_non_utf8_values() {
        let id = |pairs: &[(&'static str, &[u8])]| request_id(&raw(pairs));
        assert_eq!(
            id(&[("x-amzn-requestid", b"a"), ("x-amz-request-id", b"b")]).as_deref(),
            Some("a")
        );
        assert_eq!(id(&[("x-amz-request-id", b"b")]).as_deref(), Some("b"));
        assert_eq!(
            id(&[("x-amzn-requestid", b""), ("x-amz-request-id", b"b")]).as_deref(),
            Some("b")
        );
        assert_eq!(
            id(&[("x-amzn-requestid", b"  "), ("x-amz-request-id", b" b ")]).as_deref(),
            Some("b")
        );
        assert_eq!(
            id(&[
                ("x-amzn-requestid", b"\xff\xfe"),
                ("x-amz-request-id", b"b")
            ])
            .as_deref(),
            Some("b")
        );
        // Nothing better: the value that was sent, as ISO-8859-1.
        assert_eq!(
            id(&[("x-amzn-requestid", b"\xff"), ("x-amz-request-id", b"")]).as_deref(),
            Some("ÿ")
        );
        assert_eq!(id(&[("x-amzn-requestid", b"")]), None);
        // The id of an error and of a malformed response come from here.
        let h = raw(&[("x-amzn-requestid", b""), ("x-amz-request-id", b"b")]);
        let metadata = ErrorMetadata::read(http::StatusCode::BAD_REQUEST, &h, b"");
        assert_eq!(metadata.into_unhandled().request_id.as_deref(), Some("b"));
    }

    #[test]
    fn a_blank_error_type_header_falls_back_to_the_body() {
        let bad = http::StatusCode::BAD_REQUEST;
        let body = br#"{"__type": "ns#FromBody"}"#;
        for header in [&b""[..], b"  ", b"ns#", b":http://internal.amazon.com/"] {
            let h = raw(&[("x-amzn-errortype", header)]);
            assert_eq!(
                ErrorMetadata::read(bad, &h, body).code(),
                Some("FromBody"),
                "{header:?}"
            );
        }
        let h = raw(&[("x-amzn-errortype", b"Caf\xe9Error")]);
        assert_eq!(ErrorMetadata::read(bad, &h, body).code(), Some("CaféError"));
    }

    #[test]
    fn header_text_is_utf8_else_iso_8859_1_in_every_reader() {
        let h = raw(&[
            ("x-utf8", "café".as_bytes()),
            ("x-latin1", b"caf\xe9"),
            ("x-list", "\"é,1\", ü".as_bytes()),
            ("x-list", b"\xfc"),
            ("x-meta-name", "zoë".as_bytes()),
            ("x-meta-other", b"zo\xeb"),
        ]);
        assert_eq!(header_str(&h, "x-utf8").unwrap().as_deref(), Some("café"));
        assert_eq!(header_str(&h, "x-latin1").unwrap().as_deref(), Some("café"));
        assert_eq!(
            header_list(&h, "x-list").unwrap(),
            Some(vec!["é,1".to_owned(), "ü".to_owned(), "ü".to_owned()])
        );
        let meta = prefix_headers(&h, "x-meta-").unwrap().unwrap();
        assert_eq!(meta["name"], "zoë");
        assert_eq!(meta["other"], "zoë");
    }

    #[test]
    fn header_floats_follow_the_json_body_rules() {
        let value = |text: &str| header_value::<f64>(&headers(&[("x", text)]), "x");
        assert_eq!(value("1.5").unwrap(), Some(1.5));
        assert_eq!(value(" -2e3 ").unwrap(), Some(-2000.0));
        assert_eq!(value("Infinity").unwrap(), Some(f64::INFINITY));
        assert_eq!(value("-Infinity").unwrap(), Some(f64::NEG_INFINITY));
        assert!(value("NaN").unwrap().is_some_and(f64::is_nan));
        for bad in [
            "1e999", "-1e999", "inf", "-inf", "infinity", "-INF", "INFINITY", "nan", "NAN", "+1",
            ".5", "5.", "0x10", "1_000", "", "1.5, 2",
        ] {
            let error = value(bad).unwrap_err();
            assert!(
                error.message().contains("is not a valid f64"),
                "{bad:?}: {error}"
            );
        }
        let float = |text: &str| header_value::<f32>(&headers(&[("x", text)]), "x");
        assert_eq!(float("1.1").unwrap(), Some(1.1_f32));
        assert!(float("1e39").is_err());
        assert!(float("-infinity").is_err());
        assert_eq!(float("3.4028235e38").unwrap(), Some(f32::MAX));
        let list = |text: &str| header_value_list::<f64>(&headers(&[("x", text)]), "x");
        assert_eq!(list("1, NaN, -Infinity").unwrap().map(|v| v.len()), Some(3));
        assert!(list("1, 1e999").is_err());
        assert!(list("inf, 1").is_err());
    }

    #[test]
    fn header_integers_and_booleans_are_range_checked_and_exact() {
        let h = headers(&[
            ("x-i8", "127"),
            ("x-i8-over", "128"),
            ("x-i32-over", "2147483648"),
            ("x-i64-min", "-9223372036854775808"),
            ("x-i64-over", "9223372036854775808"),
            ("x-frac", "1.0"),
            ("x-true", "true"),
            ("x-true-caps", "True"),
        ]);
        assert_eq!(header_value::<i8>(&h, "x-i8").unwrap(), Some(127));
        assert!(header_value::<i8>(&h, "x-i8-over").is_err());
        assert!(header_value::<i32>(&h, "x-i32-over").is_err());
        assert_eq!(
            header_value::<i64>(&h, "x-i64-min").unwrap(),
            Some(i64::MIN)
        );
        assert!(header_value::<i64>(&h, "x-i64-over").is_err());
        assert!(header_value::<i64>(&h, "x-frac").is_err());
        assert_eq!(header_value::<bool>(&h, "x-true").unwrap(), Some(true));
        assert!(header_value::<bool>(&h, "x-true-caps").is_err());
    }
}
