//! URI labels (`{name}` and greedy `{name+}` in an operation's URI
//! template), formatted per the Smithy `httpLabel` serialization rules.
//!
//! The spec (smithy.io, "HTTP bindings", `httpLabel` serialization rules):
//! characters not unreserved per RFC 3986 section 2.3 MUST be
//! percent-encoded, "however, if the label is greedy, then `/` MUST NOT be
//! percent-encoded because greedy labels are meant to span multiple path
//! segments". Non-string labels are formatted first (numbers with
//! [`super::value`], booleans `true`/`false`, timestamps with
//! [`crate::DateTime::fmt`], `date-time` by default) and then encoded like
//! strings, so the colons of a timestamp become `%3A`.
//!
//! Two kinds of value are rejected with a [`LabelError`] instead of being
//! sent, because no encoding can make them address the intended resource:
//!
//! - **An empty value.** A label "captures a path segment" and a greedy
//!   label must match at least one segment; the spec's own tables show
//!   `/my/uri` not matching `/my/uri/{label}`, and trailing slashes are
//!   ignored in matching, so `/my/uri/` cannot carry an empty label either.
//!   smithy-rs rejects it the same way (`cannot be empty or unset`).
//! - **A dot-segment.** `.` and `..` are unreserved, so the spec's rule
//!   leaves them as they are, but RFC 3986 section 5.2.4 removes such
//!   segments when a URI is resolved or normalized: `/things/..` becomes
//!   `/`, and SigV4 normalizes the path it signs the same way. Encoding the
//!   dots (`%2E%2E`) does not help: RFC 3986 makes it equivalent to `..`,
//!   and WHATWG URL parsers (the `url` crate behind `reqwest`) remove
//!   `%2E%2E` segments too. So a normal label equal to `.` or `..`, or a
//!   greedy label with such a segment (`a/../b`), is refused rather than
//!   allowed to escape its segment.
//!
//! These functions see the value alone. A value can also make a dot
//! segment together with the template's literal text in its segment
//! (`/x/.{key+}` with `key = "/a"`); `RequestBuilder::build` checks the
//! finished path for that.
//!
//! Empty segments inside a greedy value (`a//b`, a leading or trailing `/`)
//! are kept: the spec forbids `//` in URI *patterns*, not in label values,
//! and real keys (S3 object keys, the canonical greedy label) contain them.

use std::error::Error;
use std::fmt;

use super::percent;

/// Formats the value of a normal URI label (`{name}`): every byte except
/// the unreserved characters `A-Z a-z 0-9 - . _ ~` is percent-encoded, so
/// the result is exactly one path segment.
///
/// ```
/// use awsgen_runtime::__private::http_binding::label;
///
/// assert_eq!(label::fmt_label("hello/escape")?, "hello%2Fescape");
/// assert_eq!(label::fmt_label("a b?c#d%e")?, "a%20b%3Fc%23d%25e");
/// assert!(label::fmt_label("..").is_err());
/// # Ok::<(), label::LabelError>(())
/// ```
///
/// # Errors
///
/// [`LabelError::Empty`] for `""`, [`LabelError::DotSegment`] for `.` and
/// `..` (see the [module documentation](self) for why).
pub fn fmt_label(value: &str) -> Result<String, LabelError> {
    check_segment(value)?;
    let mut out = String::new();
    percent::encode_into(&mut out, value, false);
    Ok(out)
}

/// Formats the value of a greedy URI label (`{name+}`): like [`fmt_label`]
/// but `/` is kept, so the value can span several path segments.
///
/// ```
/// use awsgen_runtime::__private::http_binding::label;
///
/// assert_eq!(label::fmt_greedy_label("there/guy")?, "there/guy");
/// assert_eq!(label::fmt_greedy_label("a b/c?")?, "a%20b/c%3F");
/// assert!(label::fmt_greedy_label("a/../b").is_err());
/// # Ok::<(), label::LabelError>(())
/// ```
///
/// # Errors
///
/// [`LabelError::Empty`] for `""`, [`LabelError::DotSegment`] when any
/// `/`-separated segment is `.` or `..`. Empty segments are allowed.
pub fn fmt_greedy_label(value: &str) -> Result<String, LabelError> {
    if value.is_empty() {
        return Err(LabelError::Empty);
    }
    if value.split('/').any(is_dot_segment) {
        return Err(LabelError::DotSegment);
    }
    let mut out = String::new();
    percent::encode_into(&mut out, value, true);
    Ok(out)
}

/// Reads a label back from the URI: the inverse of [`fmt_label`] and
/// [`fmt_greedy_label`] (a greedy label's `/` are literal and stay `/`).
///
/// # Errors
///
/// A [`percent::PercentDecodeError`] for a malformed escape or non-UTF-8
/// bytes.
pub fn decode_label(encoded: &str) -> Result<String, percent::PercentDecodeError> {
    percent::decode(encoded)
}

fn is_dot_segment(segment: &str) -> bool {
    segment == "." || segment == ".."
}

fn check_segment(value: &str) -> Result<(), LabelError> {
    if value.is_empty() {
        Err(LabelError::Empty)
    } else if is_dot_segment(value) {
        Err(LabelError::DotSegment)
    } else {
        Ok(())
    }
}

/// A label value that cannot be put into a URI path.
///
/// Returned by [`fmt_label`] and [`fmt_greedy_label`]. The value itself is
/// not kept, since labels may be sensitive; generated code names the member
/// when it reports the error.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LabelError {
    /// The value is empty, which would leave its path segment empty and the
    /// request routed to another operation or none.
    Empty,
    /// The value (or, for a greedy label, one of its segments) is `.` or
    /// `..`, which URI normalization would remove, moving the request to
    /// another path.
    DotSegment,
}

impl fmt::Display for LabelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LabelError::Empty => "URI label value is empty",
            LabelError::DotSegment => "URI label value is or contains the path segment `.` or `..`",
        })
    }
}

impl Error for LabelError {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http_binding::value::{fmt_bool, fmt_f32, fmt_f64, fmt_integer};
    use crate::{DateTime, TimestampFormat};
    use proptest::prelude::*;

    /// The label value of `RestJsonHttpRequestLabelEscaping` (and of
    /// `RestJsonQueryStringEscaping`): every reserved character, `%`, a
    /// space and a four-byte emoji.
    const ESCAPING_INPUT: &str = " %:/?#[]@!$&'()*+,;=😹";
    const ESCAPING_OUTPUT: &str =
        "%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9";

    fn label(value: &str) -> String {
        fmt_label(value).expect("valid label in test")
    }

    #[test]
    fn rest_json_http_request_label_escaping() {
        assert_eq!(label(ESCAPING_INPUT), ESCAPING_OUTPUT);
    }

    #[test]
    fn rest_json_http_request_with_greedy_label_in_path() {
        // GET /HttpRequestWithGreedyLabelInPath/foo/{foo}/baz/{baz+}
        assert_eq!(label("hello/escape"), "hello%2Fescape");
        assert_eq!(fmt_greedy_label("there/guy").as_deref(), Ok("there/guy"));
    }

    #[test]
    fn rest_json_input_with_headers_and_all_params() {
        // /HttpRequestWithLabels/{string}/{short}/{integer}/{long}/{float}/{double}/{boolean}/{timestamp}
        let timestamp = DateTime::from_secs(1_576_540_098)
            .fmt(TimestampFormat::DateTime)
            .expect("in range");
        let segments = [
            label("string"),
            label(&fmt_integer(1_i16)),
            label(&fmt_integer(2_i32)),
            label(&fmt_integer(3_i64)),
            label(&fmt_f32(4.1)),
            label(&fmt_f64(5.1)),
            label(fmt_bool(true)),
            label(&timestamp),
        ];
        assert_eq!(
            segments.join("/"),
            "string/1/2/3/4.1/5.1/true/2019-12-16T23%3A48%3A18Z"
        );
    }

    #[test]
    fn rest_json_http_request_with_labels_and_timestamp_format() {
        let at = DateTime::from_secs(1_576_540_098);
        let fmt = |format| label(&at.fmt(format).expect("in range"));
        assert_eq!(fmt(TimestampFormat::EpochSeconds), "1576540098");
        assert_eq!(
            fmt(TimestampFormat::HttpDate),
            "Mon%2C%2016%20Dec%202019%2023%3A48%3A18%20GMT"
        );
        assert_eq!(fmt(TimestampFormat::DateTime), "2019-12-16T23%3A48%3A18Z");
    }

    #[test]
    fn rest_json_supports_nan_and_infinity_float_labels() {
        // RestJsonSupportsNaNFloatLabels, ...InfinityFloatLabels,
        // ...NegativeInfinityFloatLabels: /FloatHttpLabels/{float}/{double}
        assert_eq!(label(&fmt_f32(f32::NAN)), "NaN");
        assert_eq!(label(&fmt_f64(f64::NAN)), "NaN");
        assert_eq!(label(&fmt_f32(f32::INFINITY)), "Infinity");
        assert_eq!(label(&fmt_f64(f64::INFINITY)), "Infinity");
        assert_eq!(label(&fmt_f32(f32::NEG_INFINITY)), "-Infinity");
        assert_eq!(label(&fmt_f64(f64::NEG_INFINITY)), "-Infinity");
    }

    #[test]
    fn rest_json_tolerates_regex_chars_in_segments_and_constant_query_string() {
        // /ReDosLiteral/{str}/(a+)+ and /ConstantQueryString/{hello}?...:
        // plain labels pass through unchanged.
        assert_eq!(label("abc"), "abc");
        assert_eq!(label("hi"), "hi");
    }

    #[test]
    fn issue_4_characters_never_escape_the_segment() {
        for (value, encoded) in [
            ("a/b", "a%2Fb"),
            ("a?b", "a%3Fb"),
            ("a#b", "a%23b"),
            ("100%", "100%25"),
            ("a b", "a%20b"),
            ("é", "%C3%A9"),
            ("../x", "..%2Fx"),
            ("...", "..."),
            (".hidden", ".hidden"),
        ] {
            assert_eq!(label(value), encoded, "{value}");
        }
    }

    #[test]
    fn greedy_labels_encode_everything_but_slash() {
        assert_eq!(
            fmt_greedy_label(ESCAPING_INPUT).as_deref(),
            Ok("%20%25%3A/%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9")
        );
        // Empty segments are allowed: the spec only forbids `//` in patterns.
        assert_eq!(fmt_greedy_label("a//b/").as_deref(), Ok("a//b/"));
        assert_eq!(fmt_greedy_label("/a").as_deref(), Ok("/a"));
        assert_eq!(fmt_greedy_label("a/.../b").as_deref(), Ok("a/.../b"));
    }

    #[test]
    fn empty_values_are_rejected() {
        assert_eq!(fmt_label(""), Err(LabelError::Empty));
        assert_eq!(fmt_greedy_label(""), Err(LabelError::Empty));
    }

    #[test]
    fn dot_segments_are_rejected() {
        for value in [".", ".."] {
            assert_eq!(fmt_label(value), Err(LabelError::DotSegment), "{value}");
        }
        for value in [".", "..", "a/..", "../a", "a/./b", "/..", "a/../"] {
            assert_eq!(
                fmt_greedy_label(value),
                Err(LabelError::DotSegment),
                "{value}"
            );
        }
    }

    #[test]
    fn errors_have_messages() {
        assert_eq!(LabelError::Empty.to_string(), "URI label value is empty");
        assert!(LabelError::DotSegment.to_string().contains("`..`"));
    }

    #[test]
    fn every_single_character_round_trips() {
        // Exhaustive over Unicode scalar values (1.1 million, a fraction of
        // a second): no character is lost or yields a raw `/`.
        for c in (0..=0x10_FFFF_u32).filter_map(char::from_u32) {
            let value = format!("x{c}");
            let encoded = label(&value);
            assert!(!encoded.contains('/'), "{c:?}");
            assert_eq!(decode_label(&encoded).as_deref(), Ok(value.as_str()));
        }
    }

    proptest! {
        #[test]
        fn normal_labels_are_lossless_single_segments(value in any::<String>()) {
            match fmt_label(&value) {
                Ok(encoded) => {
                    prop_assert!(!encoded.contains('/'));
                    prop_assert!(encoded.bytes().all(|b| percent::is_unreserved(b) || b == b'%'));
                    prop_assert_ne!(encoded.as_str(), ".");
                    prop_assert_ne!(encoded.as_str(), "..");
                    prop_assert_eq!(decode_label(&encoded), Ok(value));
                }
                Err(_) => prop_assert!(value.is_empty() || value == "." || value == ".."),
            }
        }

        #[test]
        fn greedy_labels_are_lossless_and_keep_segments(value in "[a-z./%? é]{0,12}") {
            match fmt_greedy_label(&value) {
                Ok(encoded) => {
                    prop_assert_eq!(encoded.split('/').count(), value.split('/').count());
                    prop_assert!(!encoded.split('/').any(is_dot_segment));
                    prop_assert_eq!(decode_label(&encoded), Ok(value));
                }
                Err(_) => prop_assert!(value.is_empty() || value.split('/').any(is_dot_segment)),
            }
        }
    }
}
