//! Base64 (RFC 4648, standard alphabet, with padding): how AWS JSON APIs and
//! some headers carry binary data.
//!
//! A thin wrapper over the `base64` crate that fixes the one variant AWS uses
//! and keeps that crate's types out of the runtime's public API, so it can
//! be upgraded or replaced without breaking generated code.

use std::error::Error;
use std::fmt;

use ::base64::engine::general_purpose::STANDARD;
use ::base64::Engine as _;

/// Encodes `bytes` as standard, padded base64, as AWS expects in requests.
pub fn encode(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// Appends the base64 of `bytes` to `out`, for the JSON writer, which puts
/// a blob straight into the request body without an intermediate `String`
/// (blobs can be megabytes).
pub(crate) fn encode_into(bytes: &[u8], out: &mut Vec<u8>) {
    let start = out.len();
    out.resize(start + bytes.len().div_ceil(3) * 4, 0);
    // The slice was sized for the padded output, so this cannot fail; on
    // the impossible error nothing is kept rather than zero bytes.
    let written = STANDARD.encode_slice(bytes, &mut out[start..]).unwrap_or(0);
    out.truncate(start + written);
}

/// Decodes standard, padded base64 received from AWS.
///
/// Strict: whitespace, the URL-safe alphabet, missing or extra padding and
/// non-zero unused bits are all rejected, so corrupted data is reported
/// rather than silently altered.
///
/// # Errors
///
/// A [`Base64DecodeError`] saying where the input went wrong.
pub fn decode(text: &str) -> Result<Vec<u8>, Base64DecodeError> {
    STANDARD
        .decode(text)
        .map_err(|inner| Base64DecodeError { inner })
}

/// Text that is not valid standard, padded base64.
///
/// Returned by [`decode`]; its message names the offending symbol and
/// offset, or the problem with the length or padding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Base64DecodeError {
    inner: ::base64::DecodeError,
}

impl fmt::Display for Base64DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid base64: {}", self.inner)
    }
}

impl Error for Base64DecodeError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_4648_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(encode(plain.as_bytes()), encoded);
            assert_eq!(decode(encoded), Ok(plain.as_bytes().to_vec()));
        }
    }

    #[test]
    fn encode_into_appends() {
        for len in 0..10 {
            let bytes: Vec<u8> = (0..len).collect();
            let mut out = b"x".to_vec();
            encode_into(&bytes, &mut out);
            assert_eq!(out, format!("x{}", encode(&bytes)).into_bytes());
        }
    }

    #[test]
    fn all_byte_values_round_trip() {
        let bytes: Vec<u8> = (0..=255).collect();
        let encoded = encode(&bytes);
        assert!(encoded.contains('+') && encoded.contains('/'));
        assert_eq!(decode(&encoded), Ok(bytes));
    }

    #[test]
    fn rejects_invalid_input() {
        for bad in [
            "Zg", "Zg=", "Zm9v\n", " Zm9v", "Zm9v====", "Zh==", "Zm-_", "Z===", "Zm9=v", "é",
        ] {
            let error = decode(bad).err();
            assert!(error.is_some(), "{bad:?} decoded");
            let message = error.map(|error| error.to_string()).unwrap_or_default();
            assert!(message.starts_with("invalid base64: "), "{message}");
        }
        assert_eq!(
            decode("Zm9v!").map_err(|error| error.to_string()),
            Err("invalid base64: Invalid symbol 33, offset 4.".to_owned())
        );
    }
}
