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
use std::str::FromStr;

use http::HeaderMap;

use crate::http_binding::header;
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
/// modeled code) goes to `output`, anything else to `error` with the
/// response's [`ErrorMetadata`]. The output is given the response's
/// [`ResponseMetadata`] (status and request id). Each generated operation
/// calls this with its own two readers.
///
/// # Errors
///
/// [`ResponseError::Service`] for an error response,
/// [`ResponseError::Malformed`] when a reader fails.
pub fn parse<O: SetResponseMetadata, E>(
    status: http::StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    output: fn(http::StatusCode, &HeaderMap, &[u8]) -> Result<O, ParseError>,
    error: fn(ErrorMetadata, http::StatusCode, &HeaderMap, &[u8]) -> Result<E, ParseError>,
) -> Result<O, ResponseError<E>> {
    let malformed = |e| ResponseError::Malformed(MalformedResponse::new(status, headers, body, e));
    if status.is_success() {
        let mut value = output(status, headers, body).map_err(malformed)?;
        value.set_response_metadata(ResponseMetadata::read(status, headers));
        Ok(value)
    } else {
        let metadata = ErrorMetadata::read(status, headers, body);
        match error(metadata, status, headers, body) {
            Ok(error) => Err(ResponseError::Service(error)),
            Err(e) => Err(malformed(e)),
        }
    }
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

/// The error reader of an operation whose model lists no errors: every
/// error response is `Unhandled`.
///
/// # Errors
///
/// Never.
pub fn unhandled_only<E: From<UnhandledError>>(
    metadata: ErrorMetadata,
    _: http::StatusCode,
    _: &HeaderMap,
    _: &[u8],
) -> Result<E, ParseError> {
    Ok(E::from(metadata.into_unhandled()))
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

/// The `x-amzn-requestid` header (or `x-amz-request-id`).
pub fn request_id(headers: &HeaderMap) -> Option<String> {
    ["x-amzn-requestid", "x-amz-request-id"]
        .iter()
        .find_map(|name| headers.get(*name))
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

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
    /// stripped of a `namespace#` prefix and a `:…` suffix. A body that is
    /// empty or not JSON still gives the status and request id.
    pub fn read(status: http::StatusCode, headers: &HeaderMap, body: &[u8]) -> Self {
        let fields = error_body_fields(body);
        let header_code = headers
            .get("x-amzn-errortype")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let code = header_code
            .or(fields.type_field)
            .or(fields.code)
            .map(|code| sanitize_error_code(&code).to_owned())
            .filter(|code| !code.is_empty());
        Self {
            code,
            message: fields.message,
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

/// Strips what AWS puts around an error code: `aws.protocoltests#FooError`
/// and `FooError:http://internal.amazon.com/coral/...` are both `FooError`.
pub fn sanitize_error_code(code: &str) -> &str {
    let code = code.split(':').next().unwrap_or(code);
    let code = code.rsplit('#').next().unwrap_or(code);
    code.trim()
}

/// The header's value as text, all occurrences joined by `, ` (the HTTP
/// rule for repeated headers), or `None` when absent.
///
/// # Errors
///
/// A value that is not visible ASCII.
pub fn header_str(headers: &HeaderMap, name: &str) -> Result<Option<String>, ParseError> {
    let mut joined: Option<String> = None;
    for value in headers.get_all(name) {
        let text = value
            .to_str()
            .map_err(|_| ParseError::header(name, "is not valid text"))?;
        match &mut joined {
            Some(all) => {
                all.push_str(", ");
                all.push_str(text);
            }
            None => joined = Some(text.to_owned()),
        }
    }
    Ok(joined)
}

/// A header parsed as a number or boolean (`FromStr`; floats accept `NaN`
/// and `Infinity`).
///
/// # Errors
///
/// A value that does not parse as `T`.
pub fn header_value<T: FromStr>(headers: &HeaderMap, name: &str) -> Result<Option<T>, ParseError> {
    header_str(headers, name)?
        .map(|text| {
            text.trim().parse().map_err(|_| {
                ParseError::header(
                    name,
                    format!("{text:?} is not a valid {}", short_type_name::<T>()),
                )
            })
        })
        .transpose()
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
pub fn header_value_list<T: FromStr>(
    headers: &HeaderMap,
    name: &str,
) -> Result<Option<Vec<T>>, ParseError> {
    let Some(items) = header_list(headers, name)? else {
        return Ok(None);
    };
    items
        .iter()
        .map(|item| {
            item.parse().map_err(|_| {
                ParseError::header(
                    name,
                    format!("{item:?} is not a valid {}", short_type_name::<T>()),
                )
            })
        })
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
/// A value that is not valid text.
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
            "header `x-bad`: \"twelve\" is not a valid i32"
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
}
