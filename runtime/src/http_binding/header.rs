//! Header values of restJson1 messages: their text ([`value_text`]),
//! lists, timestamp lists and base64-encoded `jsonvalue`/`mediaType`
//! strings.
//!
//! Lists (Smithy `httpHeader` serialization rules: "each member of the
//! shape is serialized ... by concatenating the values with a comma") are
//! written as `a, b, c`, the form of the protocol tests. An element that
//! contains a comma or a double quote is written as an RFC 9110
//! `quoted-string` (section 5.6.4), with `"` and `\` escaped by a
//! backslash, so `["b,c", "\"def\"", "a"]` is `"b,c", "\"def\"", a`
//! (`RestJsonInputAndOutputWithQuotedStringHeaders`; botocore's
//! `_escape_header_list_string` quotes on the same two characters). Elements
//! that are empty or start or end with whitespace are quoted too, because
//! a reader trims whitespace around unquoted elements and would otherwise
//! lose them.
//!
//! Timestamps in headers are HTTP dates by default, and an HTTP date
//! (`Mon, 16 Dec 2019 23:48:18 GMT`) contains a comma, so a list of them is
//! written unquoted (`RestJsonInputAndOutputWithTimestampHeaders`) and must
//! be split at every second comma: [`split_http_date_list`].

use std::error::Error;
use std::fmt;

use crate::base64::{self, Base64DecodeError};
use crate::TimestampFormat;
use crate::{DateTime, DateTimeFormatError, DateTimeParseError};

/// A header value's bytes as text, the one rule for every header a
/// response is read from: UTF-8 (what requests send, so a header member
/// `café` goes out and comes back the same), and bytes that are not UTF-8
/// one character each, as ISO-8859-1 (RFC 9110 `obs-text`), so a value
/// always reads and no byte is lost. Never fails.
///
/// ```
/// use awsgen_runtime::__private::http_binding::header::value_text;
///
/// assert_eq!(value_text("café".as_bytes()), "café");
/// assert_eq!(value_text(b"caf\xe9"), "café");
/// ```
pub fn value_text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => std::borrow::Cow::Owned(bytes.iter().map(|&byte| char::from(byte)).collect()),
    }
}

/// Formats a list header value: elements joined by `", "`, each quoted if
/// needed (see the [module documentation](self)). An empty list gives an
/// empty string; whether to send an empty header at all is the caller's
/// decision.
///
/// ```
/// use awsgen_runtime::__private::http_binding::header::fmt_list;
///
/// assert_eq!(fmt_list(["a", "b", "c"]), "a, b, c");
/// assert_eq!(fmt_list(["b,c", "\"def\"", "a"]), r#""b,c", "\"def\"", a"#);
/// ```
pub fn fmt_list<I>(values: I) -> String
where
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    let mut out = String::new();
    for (index, value) in values.into_iter().enumerate() {
        if index > 0 {
            out.push_str(", ");
        }
        push_element(&mut out, value.as_ref());
    }
    out
}

/// Formats a list of timestamps in `format`, joined by `", "` and never
/// quoted, as the protocol tests expect even for HTTP dates, whose own
/// comma [`split_http_date_list`] accounts for when reading.
///
/// # Errors
///
/// A [`DateTimeFormatError`] when a timestamp cannot be written in `format`
/// (an HTTP date outside years 0001-9999).
pub fn fmt_timestamp_list(
    values: &[DateTime],
    format: TimestampFormat,
) -> Result<String, DateTimeFormatError> {
    let mut out = String::new();
    for (index, value) in values.iter().enumerate() {
        if index > 0 {
            out.push_str(", ");
        }
        out.push_str(&value.fmt(format)?);
    }
    Ok(out)
}

fn needs_quotes(value: &str) -> bool {
    value.is_empty()
        || value.contains([',', '"'])
        || value.starts_with(is_ows)
        || value.ends_with(is_ows)
}

/// Optional whitespace around list elements (RFC 9110 `OWS`).
fn is_ows(c: char) -> bool {
    c == ' ' || c == '\t'
}

fn push_element(out: &mut String, value: &str) {
    if !needs_quotes(value) {
        out.push_str(value);
        return;
    }
    out.push('"');
    for c in value.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
}

/// Parses a list header value: splits on commas outside quoted strings,
/// trims whitespace around each element, and unquotes quoted elements
/// (`\"` and `\\` become `"` and `\`). The inverse of [`fmt_list`].
///
/// An empty or all-whitespace value is an empty list; a header sent on
/// several lines is parsed line by line and the results concatenated.
///
/// ```
/// use awsgen_runtime::__private::http_binding::header::parse_list;
///
/// assert_eq!(parse_list("a, b,c")?, ["a", "b", "c"]);
/// assert_eq!(parse_list(r#""b,c", "\"def\"", a"#)?, ["b,c", "\"def\"", "a"]);
/// # Ok::<(), awsgen_runtime::__private::http_binding::header::HeaderListError>(())
/// ```
///
/// # Errors
///
/// A [`HeaderListError`] for an unterminated quoted string or text between
/// a closing quote and the next comma.
pub fn parse_list(value: &str) -> Result<Vec<String>, HeaderListError> {
    let mut elements = Vec::new();
    if value.trim_matches(is_ows).is_empty() {
        return Ok(elements);
    }
    let mut rest = value;
    loop {
        rest = rest.trim_start_matches(is_ows);
        let element;
        if let Some(quoted) = rest.strip_prefix('"') {
            let (text, after) = unquote(quoted)?;
            element = text;
            rest = after.trim_start_matches(is_ows);
            if !(rest.is_empty() || rest.starts_with(',')) {
                return Err(HeaderListError::TextAfterQuotedString);
            }
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            element = rest[..end].trim_end_matches(is_ows).to_owned();
            rest = &rest[end..];
        }
        elements.push(element);
        match rest.strip_prefix(',') {
            Some(after) => rest = after,
            None => return Ok(elements),
        }
    }
}

/// Reads a quoted string whose opening quote is already consumed; returns
/// its unescaped text and what follows the closing quote.
fn unquote(quoted: &str) -> Result<(String, &str), HeaderListError> {
    let mut text = String::new();
    let mut chars = quoted.char_indices();
    while let Some((index, c)) = chars.next() {
        match c {
            '"' => return Ok((text, &quoted[index + 1..])),
            '\\' => match chars.next() {
                Some((_, escaped)) => text.push(escaped),
                None => break,
            },
            _ => text.push(c),
        }
    }
    Err(HeaderListError::UnterminatedQuotedString)
}

/// Splits a list of HTTP dates (`Mon, 16 Dec 2019 23:48:18 GMT, Tue, ...`)
/// at every second comma, since each date has a comma of its own; each
/// date is trimmed, ready for [`DateTime::parse`] with
/// [`TimestampFormat::HttpDate`]. An empty value is an empty list.
///
/// ```
/// use awsgen_runtime::__private::http_binding::header::split_http_date_list;
///
/// assert_eq!(
///     split_http_date_list("Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 00:00:00 GMT")?,
///     ["Mon, 16 Dec 2019 23:48:18 GMT", "Tue, 17 Dec 2019 00:00:00 GMT"]
/// );
/// # Ok::<(), awsgen_runtime::__private::http_binding::header::HeaderListError>(())
/// ```
///
/// # Errors
///
/// [`HeaderListError::OddHttpDateList`] when the value has an odd number of
/// comma-separated pieces, so it cannot be a list of HTTP dates.
pub fn split_http_date_list(value: &str) -> Result<Vec<&str>, HeaderListError> {
    if value.trim_matches(is_ows).is_empty() {
        return Ok(Vec::new());
    }
    let mut dates = Vec::new();
    let mut start = 0;
    let mut commas = 0;
    for (index, byte) in value.bytes().enumerate() {
        if byte == b',' {
            commas += 1;
            if commas % 2 == 0 {
                dates.push(value[start..index].trim_matches(is_ows));
                start = index + 1;
            }
        }
    }
    if commas % 2 == 0 {
        return Err(HeaderListError::OddHttpDateList);
    }
    dates.push(value[start..].trim_matches(is_ows));
    Ok(dates)
}

/// Parses a list of timestamps in `format`: HTTP dates are split with
/// [`split_http_date_list`], the other formats (which have no comma) with
/// [`parse_list`].
///
/// # Errors
///
/// A [`TimestampListError`] saying whether the list or one of its
/// timestamps was malformed.
pub fn parse_timestamp_list(
    value: &str,
    format: TimestampFormat,
) -> Result<Vec<DateTime>, TimestampListError> {
    match format {
        TimestampFormat::HttpDate => split_http_date_list(value)?
            .into_iter()
            .map(|date| DateTime::parse(date, format).map_err(TimestampListError::from))
            .collect(),
        TimestampFormat::DateTime | TimestampFormat::EpochSeconds => parse_list(value)?
            .iter()
            .map(|text| DateTime::parse(text, format).map_err(TimestampListError::from))
            .collect(),
    }
}

/// Encodes the value of a `jsonvalue` header (botocore; Smithy: a string
/// with the `mediaType` trait), which is always sent base64-encoded so that
/// arbitrary JSON text survives the header grammar.
///
/// `json` is the serialized JSON text (or, for other media types, the
/// string itself).
///
/// ```
/// use awsgen_runtime::__private::http_binding::header::encode_json_value;
///
/// assert_eq!(encode_json_value("true"), "dHJ1ZQ==");
/// ```
pub fn encode_json_value(json: &str) -> String {
    base64::encode(json.as_bytes())
}

/// Decodes a `jsonvalue` (`mediaType`) header back into its text; the
/// inverse of [`encode_json_value`]. Surrounding whitespace is ignored.
///
/// # Errors
///
/// A [`JsonValueHeaderError`] when the value is not base64 or does not
/// decode to UTF-8 text.
pub fn decode_json_value(value: &str) -> Result<String, JsonValueHeaderError> {
    let bytes = base64::decode(value.trim_matches(is_ows)).map_err(JsonValueHeaderError::Base64)?;
    String::from_utf8(bytes).map_err(|_| JsonValueHeaderError::NotUtf8)
}

/// A list header value that cannot be split into elements.
///
/// Returned by [`parse_list`] and [`split_http_date_list`]. The header value
/// is not kept, since headers may be sensitive.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum HeaderListError {
    /// A quoted element has no closing quote.
    UnterminatedQuotedString,
    /// Something other than whitespace follows a quoted element before the
    /// next comma, as in `"a"b`.
    TextAfterQuotedString,
    /// A list of HTTP dates has an odd number of comma-separated pieces;
    /// every date is two (`Mon` and `16 Dec 2019 23:48:18 GMT`).
    OddHttpDateList,
}

impl fmt::Display for HeaderListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            HeaderListError::UnterminatedQuotedString => {
                "invalid header list: a quoted string has no closing quote"
            }
            HeaderListError::TextAfterQuotedString => {
                "invalid header list: text follows a quoted string before the next comma"
            }
            HeaderListError::OddHttpDateList => {
                "invalid header list: not a comma-separated list of HTTP dates"
            }
        })
    }
}

impl Error for HeaderListError {}

/// A timestamp list header that cannot be read.
///
/// Returned by [`parse_timestamp_list`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimestampListError {
    /// The value could not be split into elements.
    List(HeaderListError),
    /// An element is not a timestamp in the expected format.
    Timestamp(DateTimeParseError),
}

impl From<HeaderListError> for TimestampListError {
    fn from(error: HeaderListError) -> Self {
        TimestampListError::List(error)
    }
}

impl From<DateTimeParseError> for TimestampListError {
    fn from(error: DateTimeParseError) -> Self {
        TimestampListError::Timestamp(error)
    }
}

impl fmt::Display for TimestampListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimestampListError::List(error) => error.fmt(f),
            TimestampListError::Timestamp(error) => {
                write!(f, "invalid timestamp in header list: {error}")
            }
        }
    }
}

impl Error for TimestampListError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            TimestampListError::List(error) => Some(error),
            TimestampListError::Timestamp(error) => Some(error),
        }
    }
}

/// A `jsonvalue` (`mediaType`) header that cannot be decoded.
///
/// Returned by [`decode_json_value`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum JsonValueHeaderError {
    /// The value is not standard, padded base64.
    Base64(Base64DecodeError),
    /// The decoded bytes are not UTF-8, so they cannot be JSON text.
    NotUtf8,
}

impl fmt::Display for JsonValueHeaderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonValueHeaderError::Base64(error) => {
                write!(f, "invalid base64-encoded header: {error}")
            }
            JsonValueHeaderError::NotUtf8 => {
                f.write_str("invalid base64-encoded header: the decoded bytes are not UTF-8")
            }
        }
    }
}

impl Error for JsonValueHeaderError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            JsonValueHeaderError::Base64(error) => Some(error),
            JsonValueHeaderError::NotUtf8 => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http_binding::value::{fmt_bool, fmt_f32, fmt_f64, fmt_integer};
    use proptest::prelude::*;

    const HTTP_DATE: &str = "Mon, 16 Dec 2019 23:48:18 GMT";
    const AT: DateTime = DateTime::from_secs(1_576_540_098);

    fn list(value: &str) -> Vec<String> {
        parse_list(value).expect("valid list in test")
    }

    #[test]
    fn rest_json_input_and_output_with_string_headers() {
        assert_eq!(fmt_list(["a", "b", "c"]), "a, b, c");
        assert_eq!(list("a, b, c"), ["a", "b", "c"]);
    }

    #[test]
    fn rest_json_input_and_output_with_quoted_string_headers() {
        let header = r#""b,c", "\"def\"", a"#;
        assert_eq!(fmt_list(["b,c", "\"def\"", "a"]), header);
        assert_eq!(list(header), ["b,c", "\"def\"", "a"]);
    }

    #[test]
    fn rest_json_input_and_output_with_numeric_headers() {
        assert_eq!(fmt_integer(1_i8), "1");
        assert_eq!(fmt_integer(123_i16), "123");
        assert_eq!(fmt_integer(123_i32), "123");
        assert_eq!(fmt_integer(123_i64), "123");
        assert_eq!(fmt_f32(1.1), "1.1");
        assert_eq!(fmt_f64(1.1), "1.1");
        assert_eq!(fmt_list([1, 2, 3].map(fmt_integer::<i32>)), "1, 2, 3");
        let parsed: Result<Vec<i32>, _> = list("1, 2, 3").iter().map(|v| v.parse()).collect();
        assert_eq!(parsed, Ok(vec![1, 2, 3]));
        assert_eq!("1.1".parse::<f32>(), Ok(1.1));
    }

    #[test]
    fn rest_json_input_and_output_with_boolean_headers() {
        assert_eq!(fmt_bool(true), "true");
        assert_eq!(fmt_bool(false), "false");
        assert_eq!(
            fmt_list([true, false, true].map(fmt_bool)),
            "true, false, true"
        );
        let parsed: Result<Vec<bool>, _> = list("true, false, true")
            .iter()
            .map(|v| v.parse())
            .collect();
        assert_eq!(parsed, Ok(vec![true, false, true]));
    }

    #[test]
    fn rest_json_input_and_output_with_timestamp_headers() {
        let header = "Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT";
        assert_eq!(
            fmt_timestamp_list(&[AT, AT], TimestampFormat::HttpDate).as_deref(),
            Ok(header)
        );
        assert_eq!(split_http_date_list(header), Ok(vec![HTTP_DATE, HTTP_DATE]));
        assert_eq!(
            parse_timestamp_list(header, TimestampFormat::HttpDate),
            Ok(vec![AT, AT])
        );
    }

    #[test]
    fn rest_json_input_and_output_with_enum_headers() {
        assert_eq!(fmt_list(["Foo", "Bar", "Baz"]), "Foo, Bar, Baz");
        assert_eq!(list("Foo, Bar, Baz"), ["Foo", "Bar", "Baz"]);
        // ...WithIntEnumHeaders
        assert_eq!(fmt_list([1, 2, 3].map(fmt_integer::<i32>)), "1, 2, 3");
    }

    #[test]
    fn rest_json_supports_nan_and_infinity_float_headers() {
        // ...HeaderInputs
        assert_eq!(fmt_f32(f32::NAN), "NaN");
        assert_eq!(fmt_f64(f64::INFINITY), "Infinity");
        assert_eq!(fmt_f64(f64::NEG_INFINITY), "-Infinity");
        // ...HeaderOutputs
        assert!("NaN".parse::<f64>().is_ok_and(f64::is_nan));
        assert_eq!("Infinity".parse::<f32>(), Ok(f32::INFINITY));
        assert_eq!("-Infinity".parse::<f64>(), Ok(f64::NEG_INFINITY));
    }

    #[test]
    fn media_type_header_base64() {
        // MediaTypeHeaderInputBase64 and MediaTypeHeaderOutputBase64.
        assert_eq!(encode_json_value("true"), "dHJ1ZQ==");
        assert_eq!(decode_json_value("dHJ1ZQ==").as_deref(), Ok("true"));
        let json = r#"{"a":[1,"b,\"c\""]}"#;
        assert_eq!(
            decode_json_value(&encode_json_value(json)).as_deref(),
            Ok(json)
        );
    }

    #[test]
    fn json_value_errors() {
        assert!(matches!(
            decode_json_value("not base64!"),
            Err(JsonValueHeaderError::Base64(_))
        ));
        assert_eq!(
            decode_json_value("/w=="),
            Err(JsonValueHeaderError::NotUtf8)
        );
    }

    #[test]
    fn rest_json_null_and_empty_headers() {
        // X-B: "" (a set, empty string is sent as is) and X-C: [] gives "".
        assert_eq!(fmt_list(Vec::<String>::new()), "");
        assert_eq!(list(""), Vec::<String>::new());
        assert_eq!(list("  "), Vec::<String>::new());
    }

    #[test]
    fn rest_json_timestamp_format_headers() {
        assert_eq!(AT.fmt(TimestampFormat::HttpDate).as_deref(), Ok(HTTP_DATE));
        assert_eq!(
            AT.fmt(TimestampFormat::DateTime).as_deref(),
            Ok("2019-12-16T23:48:18Z")
        );
        assert_eq!(
            AT.fmt(TimestampFormat::EpochSeconds).as_deref(),
            Ok("1576540098")
        );
    }

    #[test]
    fn sdk_appended_gzip_after_provided_encoding() {
        // SDKAppendedGzipAfterProvidedEncoding_restJson1: Content-Encoding.
        assert_eq!(fmt_list(["custom", "gzip"]), "custom, gzip");
    }

    #[test]
    fn timestamp_lists_in_other_formats() {
        let later = DateTime::from_secs(1_576_540_099);
        for (format, header) in [
            (
                TimestampFormat::DateTime,
                "2019-12-16T23:48:18Z, 2019-12-16T23:48:19Z",
            ),
            (TimestampFormat::EpochSeconds, "1576540098, 1576540099"),
        ] {
            assert_eq!(
                fmt_timestamp_list(&[AT, later], format).as_deref(),
                Ok(header)
            );
            assert_eq!(parse_timestamp_list(header, format), Ok(vec![AT, later]));
        }
        assert_eq!(
            parse_timestamp_list("", TimestampFormat::HttpDate),
            Ok(Vec::new())
        );
    }

    #[test]
    fn timestamp_list_errors() {
        assert_eq!(
            parse_timestamp_list(
                "Mon, 16 Dec 2019 23:48:18 GMT, Mon",
                TimestampFormat::HttpDate
            ),
            Err(TimestampListError::List(HeaderListError::OddHttpDateList))
        );
        assert!(matches!(
            parse_timestamp_list("Mon, 99 Dec 2019 23:48:18 GMT", TimestampFormat::HttpDate),
            Err(TimestampListError::Timestamp(_))
        ));
        assert!(matches!(
            parse_timestamp_list("1, x", TimestampFormat::EpochSeconds),
            Err(TimestampListError::Timestamp(_))
        ));
        assert_eq!(
            split_http_date_list("Mon"),
            Err(HeaderListError::OddHttpDateList)
        );
    }

    #[test]
    fn split_http_date_list_trims_and_ignores_spacing() {
        assert_eq!(
            split_http_date_list(" Mon, 16 Dec 2019 23:48:18 GMT ,Tue, 17 Dec 2019 00:00:00 GMT"),
            Ok(vec![HTTP_DATE, "Tue, 17 Dec 2019 00:00:00 GMT"])
        );
        assert_eq!(split_http_date_list(HTTP_DATE), Ok(vec![HTTP_DATE]));
    }

    #[test]
    fn quoting_rules() {
        assert_eq!(fmt_list(["a\\b"]), "a\\b");
        assert_eq!(fmt_list(["a\\\"b"]), r#""a\\\"b""#);
        assert_eq!(fmt_list([""]), r#""""#);
        assert_eq!(fmt_list([" a", "b\t"]), "\" a\", \"b\t\"");
        assert_eq!(fmt_list(["a b"]), "a b");
    }

    #[test]
    fn parsing_details() {
        assert_eq!(list("a,,b"), ["a", "", "b"]);
        assert_eq!(list("a,"), ["a", ""]);
        assert_eq!(list(r#"  "x"  ,y"#), ["x", "y"]);
        assert_eq!(list(r#""""#), [""]);
        assert_eq!(list(r#""a\\b""#), ["a\\b"]);
        assert_eq!(list("a b , c"), ["a b", "c"]);
    }

    #[test]
    fn parse_errors() {
        assert_eq!(
            parse_list(r#""abc"#),
            Err(HeaderListError::UnterminatedQuotedString)
        );
        assert_eq!(
            parse_list(r#""abc\"#),
            Err(HeaderListError::UnterminatedQuotedString)
        );
        assert_eq!(
            parse_list(r#""a"b, c"#),
            Err(HeaderListError::TextAfterQuotedString)
        );
        assert!(HeaderListError::OddHttpDateList
            .to_string()
            .contains("HTTP dates"));
    }

    proptest! {
        #[test]
        fn lists_round_trip(values in proptest::collection::vec("[a-z ,\"\\\\\t]{0,6}", 1..5)) {
            let header = fmt_list(&values);
            prop_assert_eq!(parse_list(&header), Ok(values));
        }

        #[test]
        fn parsing_never_panics(value in any::<String>()) {
            let _ = parse_list(&value);
            let _ = split_http_date_list(&value);
            let _ = parse_timestamp_list(&value, TimestampFormat::HttpDate);
            let _ = decode_json_value(&value);
        }
    }
}
