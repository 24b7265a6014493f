//! The canonical request: the request as SigV4 hashes it.
//!
//! ```text
//! GET                                  method
//! /jobs/job-1                          canonical URI       (path.rs)
//! include=all&max=10                   canonical query     (query.rs)
//! host:iot.us-east-1.amazonaws.com     canonical headers   (headers.rs)
//! x-amz-date:20150830T123600Z
//!                                      (the headers end with a blank line)
//! host;x-amz-date                      signed headers
//! e3b0c442…b855                        payload hash
//! ```
//!
//! [`canonical_request`] is a pure function of the request as it will be
//! sent (with `x-amz-date` and the other signing headers already on it),
//! which is also what the service recomputes on its side.

mod headers;
mod path;
mod query;

use std::fmt;

use http::Request;
use sha2::{Digest, Sha256};

pub(crate) use self::headers::host_from_uri;
pub use self::headers::UNSIGNED_HEADERS;
use super::{hex, PayloadSigning, SessionTokenMode, SigningError, SigningSettings};

/// The header that carries the payload hash (S3 requires it).
pub(crate) const X_AMZ_CONTENT_SHA256: &str = "x-amz-content-sha256";
/// The header that carries the session token.
pub(crate) const X_AMZ_SECURITY_TOKEN: &str = "x-amz-security-token";
/// The payload hash of an unsigned body.
pub(crate) const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
/// SHA-256 of the empty body, the payload hash of most GET requests.
const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// A canonical request and its signed-headers list.
///
/// Its text holds the signed headers' values, which include the session
/// token, so `Debug` shows only the signed-headers list; `as_str()` and
/// `Display` give the text.
#[derive(Clone, PartialEq, Eq)]
pub struct CanonicalRequest {
    text: String,
    signed_headers: String,
}

impl CanonicalRequest {
    /// The canonical request, lines separated by `\n`, no trailing newline.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The signed-headers list, `host;x-amz-date`.
    pub fn signed_headers(&self) -> &str {
        &self.signed_headers
    }
}

impl fmt::Display for CanonicalRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for CanonicalRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CanonicalRequest")
            .field("signed_headers", &self.signed_headers)
            .finish_non_exhaustive()
    }
}

/// The canonical request of `request` under `settings`.
///
/// The request is taken as it will be sent: the signer adds `x-amz-date`
/// (and the session token, and `x-amz-content-sha256` when asked) before
/// calling this. The payload hash is the request's `x-amz-content-sha256`
/// header when it has one, else what `settings.payload` says.
pub fn canonical_request<B: AsRef<[u8]>>(
    request: &Request<B>,
    settings: &SigningSettings,
) -> Result<CanonicalRequest, SigningError> {
    let uri = request.uri();
    let mut text = String::with_capacity(256);
    text.push_str(request.method().as_str());
    text.push('\n');
    path::write(
        &mut text,
        uri.path(),
        settings.normalize_uri_path,
        settings.double_uri_encode,
    );
    text.push('\n');
    query::write(&mut text, uri.query().unwrap_or_default());
    text.push('\n');
    let exclude = match settings.session_token {
        SessionTokenMode::Signed => None,
        SessionTokenMode::AddedAfterSigning => Some(X_AMZ_SECURITY_TOKEN),
    };
    let signed_headers = headers::write(&mut text, request.headers(), uri, exclude)?;
    text.push('\n');
    text.push_str(&signed_headers);
    text.push('\n');
    match request.headers().get(X_AMZ_CONTENT_SHA256) {
        Some(value) => {
            let hash = value.to_str().map_err(|_| SigningError::HeaderNotText {
                name: X_AMZ_CONTENT_SHA256.to_owned(),
            })?;
            text.push_str(hash.trim());
        }
        None => write_payload_hash(&mut text, request.body().as_ref(), settings.payload),
    }
    Ok(CanonicalRequest {
        text,
        signed_headers,
    })
}

/// Appends the payload hash of `body` to `out`.
pub(crate) fn write_payload_hash(out: &mut String, body: &[u8], payload: PayloadSigning) {
    match payload {
        PayloadSigning::Unsigned => out.push_str(UNSIGNED_PAYLOAD),
        PayloadSigning::Sha256 if body.is_empty() => out.push_str(EMPTY_SHA256),
        PayloadSigning::Sha256 => hex::encode_into(out, &Sha256::digest(body)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_empty_hash_is_the_hash_of_nothing() {
        assert_eq!(hex::encode(&Sha256::digest(b"")), EMPTY_SHA256);
    }

    #[test]
    fn payload_hashes() {
        let mut out = String::new();
        write_payload_hash(&mut out, b"Param1=value1", PayloadSigning::Sha256);
        assert_eq!(
            out,
            "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e"
        );
        out.clear();
        write_payload_hash(&mut out, b"Param1=value1", PayloadSigning::Unsigned);
        assert_eq!(out, "UNSIGNED-PAYLOAD");
    }

    #[test]
    fn debug_shows_no_header_value() {
        let request = Request::get("https://example.com/")
            .header(X_AMZ_SECURITY_TOKEN, "secret-token")
            .body(Vec::new())
            .unwrap_or_default();
        let canonical = canonical_request(&request, &SigningSettings::default());
        let shown = format!("{canonical:?}");
        assert!(!shown.contains("secret-token"), "{shown}");
        assert!(shown.contains("host;x-amz-security-token"), "{shown}");
    }

    #[test]
    fn an_x_amz_content_sha256_header_is_the_payload_hash() {
        let request = Request::put("https://example.com/")
            .header(X_AMZ_CONTENT_SHA256, "UNSIGNED-PAYLOAD")
            .body(b"body".to_vec())
            .unwrap_or_default();
        let canonical = canonical_request(&request, &SigningSettings::default());
        let text = canonical.map(|c| c.to_string()).unwrap_or_default();
        assert!(text.ends_with("\nUNSIGNED-PAYLOAD"), "{text}");
        assert!(
            text.contains("x-amz-content-sha256:UNSIGNED-PAYLOAD\n"),
            "{text}"
        );
    }

    #[test]
    fn a_token_added_after_signing_is_not_signed() {
        let request = Request::get("https://example.com/")
            .header(X_AMZ_SECURITY_TOKEN, "token")
            .body(Vec::new())
            .unwrap_or_default();
        let settings = SigningSettings {
            session_token: SessionTokenMode::AddedAfterSigning,
            ..SigningSettings::default()
        };
        let canonical = canonical_request(&request, &settings);
        assert_eq!(
            canonical.map(|c| c.signed_headers().to_owned()).as_deref(),
            Ok("host")
        );
    }
}
