//! Percent-encoding (RFC 3986 section 2.1) as restJson1 uses it for URI
//! labels and query strings.
//!
//! One rule serves both places: every byte of the UTF-8 text is written as
//! `%XX` (upper-case hex, as the Smithy protocol tests expect) unless it is
//! an *unreserved* character (RFC 3986 section 2.3: `A-Z a-z 0-9 - . _ ~`).
//! Encoding more than strictly necessary is always safe, while encoding too
//! little lets a value change the structure of the URI (`/` adds a path
//! segment, `?` starts the query, `&` and `=` split query parameters, `+`
//! reads as a space on some servers), and SigV4 signs the exact bytes sent.
//! Hand-written rather than taken from the `percent-encoding` crate because
//! it is twenty lines and this crate keeps its dependencies to `base64`.

use std::error::Error;
use std::fmt;

const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

/// Whether `byte` is an RFC 3986 unreserved character, the only bytes that
/// are never encoded.
pub(crate) fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
}

/// Appends `input` to `out`, percent-encoding every byte that is not
/// unreserved, except `/` when `keep_slash` is set (greedy labels, whose
/// slashes are meant to separate path segments).
pub(crate) fn encode_into(out: &mut String, input: &str, keep_slash: bool) {
    out.reserve(input.len());
    for &byte in input.as_bytes() {
        if is_unreserved(byte) || (keep_slash && byte == b'/') {
            out.push(char::from(byte));
        } else {
            push_escape(out, byte);
        }
    }
}

/// Appends `%XX` for `byte`.
pub(crate) fn push_escape(out: &mut String, byte: u8) {
    out.push('%');
    out.push(char::from(HEX_UPPER[usize::from(byte >> 4)]));
    out.push(char::from(HEX_UPPER[usize::from(byte & 0x0f)]));
}

/// Percent-encodes `input`: everything except unreserved characters
/// (`A-Z a-z 0-9 - . _ ~`) becomes `%XX` of its UTF-8 bytes, so a space is
/// `%20` (never `+`) and `/` is `%2F`.
///
/// ```
/// use awsgen_runtime::__private::http_binding::percent;
///
/// assert_eq!(percent::encode("a b/c~"), "a%20b%2Fc~");
/// assert_eq!(percent::encode("😹"), "%F0%9F%98%B9");
/// ```
pub fn encode(input: &str) -> String {
    let mut out = String::new();
    encode_into(&mut out, input, false);
    out
}

/// The value of a hex digit, either case.
fn hex_value(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

/// The byte a `%XX` escape starting at `index` of `bytes` stands for, if
/// there is a well-formed escape there.
pub(crate) fn escape_at(bytes: &[u8], index: usize) -> Option<u8> {
    match bytes.get(index..index + 3) {
        Some([b'%', high, low]) => Some((hex_value(*high)? << 4) | hex_value(*low)?),
        _ => None,
    }
}

/// Decodes `%XX` escapes (either hex case) back into the text they encode;
/// every other character, `+` included, stands for itself, as in a URI path.
///
/// The inverse of [`encode`] and of the label encoders, for servers, mocks
/// and tests that read a URI back.
///
/// # Errors
///
/// A [`PercentDecodeError`] when a `%` is not followed by two hex digits, or
/// when the decoded bytes are not UTF-8.
pub fn decode(input: &str) -> Result<String, PercentDecodeError> {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        if byte == b'%' {
            let decoded = escape_at(bytes, index)
                .ok_or(PercentDecodeError::InvalidEscape { offset: index })?;
            out.push(decoded);
            index += 3;
        } else {
            out.push(byte);
            index += 1;
        }
    }
    String::from_utf8(out).map_err(|_| PercentDecodeError::InvalidUtf8)
}

/// Percent-encoded text that cannot be decoded.
///
/// Returned by [`decode`]. The input itself is not kept: URIs can carry
/// sensitive label or query values.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PercentDecodeError {
    /// A `%` at this byte offset is not followed by two hex digits.
    InvalidEscape {
        /// Byte offset of the `%` in the input.
        offset: usize,
    },
    /// The decoded bytes are not valid UTF-8, so they cannot be a Smithy
    /// string.
    InvalidUtf8,
}

impl fmt::Display for PercentDecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PercentDecodeError::InvalidEscape { offset } => write!(
                f,
                "invalid percent-encoding: `%` at byte {offset} is not followed by two hex digits"
            ),
            PercentDecodeError::InvalidUtf8 => {
                f.write_str("invalid percent-encoding: the decoded bytes are not UTF-8")
            }
        }
    }
}

impl Error for PercentDecodeError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreserved_characters_are_kept() {
        let unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
        assert_eq!(encode(unreserved), unreserved);
    }

    #[test]
    fn every_other_ascii_byte_is_escaped_in_upper_case() {
        for byte in 0_u8..0x80 {
            let text = char::from(byte).to_string();
            let expected = if is_unreserved(byte) {
                text.clone()
            } else {
                format!("%{byte:02X}")
            };
            assert_eq!(encode(&text), expected, "byte {byte:#04x}");
        }
    }

    #[test]
    fn space_is_percent_20_and_plus_is_escaped() {
        assert_eq!(encode("a b+c"), "a%20b%2Bc");
        // And `+` decodes as itself, not as a space.
        assert_eq!(decode("a+b").as_deref(), Ok("a+b"));
    }

    #[test]
    fn decode_accepts_both_hex_cases() {
        assert_eq!(decode("%2f%2F").as_deref(), Ok("//"));
    }

    #[test]
    fn decode_rejects_malformed_escapes() {
        for (input, offset) in [("%", 0), ("a%2", 1), ("ab%zz", 2), ("%%41", 0)] {
            assert_eq!(
                decode(input),
                Err(PercentDecodeError::InvalidEscape { offset }),
                "{input}"
            );
        }
    }

    #[test]
    fn decode_rejects_invalid_utf8() {
        assert_eq!(decode("%FF"), Err(PercentDecodeError::InvalidUtf8));
        assert_eq!(decode("%F0%9F"), Err(PercentDecodeError::InvalidUtf8));
    }

    #[test]
    fn error_messages_do_not_echo_the_input() {
        let message = decode("secret%zz").unwrap_err().to_string();
        assert!(!message.contains("secret"), "{message}");
    }
}
