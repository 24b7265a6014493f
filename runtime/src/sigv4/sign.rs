//! Signing a request: the headers the signer owns, the string to sign,
//! the signature and the `Authorization` header.

use std::sync::Arc;

use http::header::{HeaderName, HeaderValue, AUTHORIZATION, HOST};
use http::Request;
use sha2::{Digest, Sha256};

use super::canonical::{
    canonical_request, host_from_uri, write_payload_hash, X_AMZ_CONTENT_SHA256,
    X_AMZ_SECURITY_TOKEN,
};
use super::SigningParams;
use super::{hex, AmzDate, SessionTokenMode, SigningError, SigningKey, SigningKeyCache};
use crate::Credentials;

/// The algorithm of every SigV4 signature.
const ALGORITHM: &str = "AWS4-HMAC-SHA256";
const X_AMZ_DATE: HeaderName = HeaderName::from_static("x-amz-date");

/// Signs `request` in place with `credentials`, deriving the signing key
/// for this one call. A client signing many requests should use a
/// [`Signer`], which derives it once a day.
///
/// See [`Signer::sign`] for what the request gets.
pub fn sign<B: AsRef<[u8]>>(
    request: &mut Request<B>,
    credentials: &Credentials,
    params: &SigningParams<'_>,
) -> Result<(), SigningError> {
    sign_with(request, credentials, params, |date| {
        SigningKey::derive(
            credentials.secret_access_key(),
            date.date_stamp(),
            params.region,
            params.service,
        )
    })
}

/// Signs requests, keeping the signing keys it derives.
///
/// Cloning a `Signer` is cheap and the clones share one
/// [`SigningKeyCache`]; it is `Send` and `Sync`, so a client holds one and
/// uses it from every thread.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use awsgen_runtime::sigv4::{Signer, SigningParams};
/// use awsgen_runtime::Credentials;
///
/// let signer = Signer::new();
/// let credentials = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
/// let time = UNIX_EPOCH + Duration::from_secs(1_440_938_160); // 2015-08-30T12:36:00Z
/// let params = SigningParams::new("us-east-1", "service", time);
///
/// let mut request = http::Request::get("https://example.amazonaws.com/").body(Vec::new())?;
/// signer.sign(&mut request, &credentials, &params)?;
/// assert_eq!(request.headers()["x-amz-date"], "20150830T123600Z");
/// assert_eq!(request.headers()["host"], "example.amazonaws.com");
/// assert_eq!(
///     request.headers()["authorization"],
///     "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
///      SignedHeaders=host;x-amz-date, \
///      Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Signer {
    keys: Arc<SigningKeyCache>,
}

impl Signer {
    /// A signer with an empty key cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// Signs `request` in place with `credentials`.
    ///
    /// The request's URI must be absolute (`https://host/path?query`) or
    /// the request must have a `Host` header. The request gets:
    ///
    /// - `host`, from the URI, when it has none, so that the host signed
    ///   is the host sent;
    /// - `x-amz-date`, replacing any;
    /// - `x-amz-security-token` when the credentials have a session token
    ///   (signed, or added after signing, as `params.settings` says),
    ///   replacing any; without a session token any such header is removed,
    ///   since it would belong to earlier credentials;
    /// - `x-amz-content-sha256` with the payload hash, replacing any, when
    ///   `params.settings.content_sha256_header` is set;
    /// - `authorization`, replacing any.
    ///
    /// Every other header is signed as it is, except [`UNSIGNED_HEADERS`]
    /// (`user-agent`, `expect`, …); so add headers such as `content-type`
    /// before signing and proxies' headers after. On error the request may
    /// have some of these headers but has no `authorization`.
    ///
    /// [`UNSIGNED_HEADERS`]: super::UNSIGNED_HEADERS
    pub fn sign<B: AsRef<[u8]>>(
        &self,
        request: &mut Request<B>,
        credentials: &Credentials,
        params: &SigningParams<'_>,
    ) -> Result<(), SigningError> {
        sign_with(request, credentials, params, |date| {
            self.keys.get(
                credentials.secret_access_key(),
                date.date_stamp(),
                params.region,
                params.service,
            )
        })
    }

    /// The signer's key cache.
    pub fn key_cache(&self) -> &SigningKeyCache {
        &self.keys
    }
}

fn sign_with<B: AsRef<[u8]>>(
    request: &mut Request<B>,
    credentials: &Credentials,
    params: &SigningParams<'_>,
    signing_key: impl FnOnce(&AmzDate) -> SigningKey,
) -> Result<(), SigningError> {
    let date = AmzDate::new(params.time)?;
    // Checked before the request is touched, so these never fail halfway.
    let access_key_id = header_text(credentials.access_key_id(), "access key id")?;
    header_text(params.region, "region")?;
    header_text(params.service, "service")?;
    let token = credentials
        .session_token()
        .map(|token| {
            let mut value =
                HeaderValue::from_str(token).map_err(|_| SigningError::NotAHeaderValue {
                    what: "session token",
                })?;
            value.set_sensitive(true);
            Ok::<_, SigningError>(value)
        })
        .transpose()?;

    let headers = request.headers_mut();
    headers.remove(AUTHORIZATION);
    if !headers.contains_key(HOST) {
        let uri = request.uri();
        let host = host_from_uri(uri).ok_or(SigningError::NoHost)?;
        let host = HeaderValue::from_str(&host).map_err(|_| SigningError::NoHost)?;
        request.headers_mut().insert(HOST, host);
    }
    let headers = request.headers_mut();
    headers.insert(X_AMZ_DATE, ascii_value(date.as_str())?);
    let token_header = HeaderName::from_static(X_AMZ_SECURITY_TOKEN);
    let token_after = match (token, params.settings.session_token) {
        (None, _) => {
            headers.remove(&token_header);
            None
        }
        (Some(token), SessionTokenMode::Signed) => {
            headers.insert(token_header, token);
            None
        }
        (Some(token), SessionTokenMode::AddedAfterSigning) => {
            headers.remove(&token_header);
            Some(token)
        }
    };
    if params.settings.content_sha256_header {
        let mut hash = String::with_capacity(64);
        write_payload_hash(&mut hash, request.body().as_ref(), params.settings.payload);
        let value = ascii_value(&hash)?;
        request
            .headers_mut()
            .insert(HeaderName::from_static(X_AMZ_CONTENT_SHA256), value);
    }

    let canonical = canonical_request(request, &params.settings)?;
    let string_to_sign = string_to_sign_at(&date, params, canonical.as_str());
    let signature = signing_key(&date).sign(&string_to_sign);

    let mut authorization = String::with_capacity(
        ALGORITHM.len() + access_key_id.len() + canonical.signed_headers().len() + 160,
    );
    authorization.push_str(ALGORITHM);
    authorization.push_str(" Credential=");
    authorization.push_str(access_key_id);
    authorization.push('/');
    push_scope(&mut authorization, &date, params);
    authorization.push_str(", SignedHeaders=");
    authorization.push_str(canonical.signed_headers());
    authorization.push_str(", Signature=");
    authorization.push_str(&signature);
    let mut authorization =
        HeaderValue::try_from(authorization).map_err(|_| SigningError::NotAHeaderValue {
            what: "access key id",
        })?;
    authorization.set_sensitive(true);

    let headers = request.headers_mut();
    if let Some(token) = token_after {
        headers.insert(HeaderName::from_static(X_AMZ_SECURITY_TOKEN), token);
    }
    headers.insert(AUTHORIZATION, authorization);
    Ok(())
}

/// The string to sign for `canonical_request` under `params`:
///
/// ```text
/// AWS4-HMAC-SHA256
/// 20150830T123600Z
/// 20150830/us-east-1/service/aws4_request
/// <lower-case hex SHA-256 of the canonical request>
/// ```
pub fn string_to_sign(
    params: &SigningParams<'_>,
    canonical_request: &str,
) -> Result<String, SigningError> {
    let date = AmzDate::new(params.time)?;
    Ok(string_to_sign_at(&date, params, canonical_request))
}

fn string_to_sign_at(
    date: &AmzDate,
    params: &SigningParams<'_>,
    canonical_request: &str,
) -> String {
    let mut out = String::with_capacity(
        ALGORITHM.len() + 16 + params.region.len() + params.service.len() + 100,
    );
    out.push_str(ALGORITHM);
    out.push('\n');
    out.push_str(date.as_str());
    out.push('\n');
    push_scope(&mut out, date, params);
    out.push('\n');
    hex::encode_into(&mut out, &Sha256::digest(canonical_request.as_bytes()));
    out
}

/// The signature of `string_to_sign`: the signing key of
/// `secret_access_key` for `params`' day, region and service is derived and
/// signs it (a [`SigningKey`] or a [`SigningKeyCache`] keeps the key).
pub fn signature(
    secret_access_key: &str,
    params: &SigningParams<'_>,
    string_to_sign: &str,
) -> Result<String, SigningError> {
    let date = AmzDate::new(params.time)?;
    let key = SigningKey::derive(
        secret_access_key,
        date.date_stamp(),
        params.region,
        params.service,
    );
    Ok(key.sign(string_to_sign))
}

/// Appends the credential scope, `20150830/us-east-1/service/aws4_request`.
fn push_scope(out: &mut String, date: &AmzDate, params: &SigningParams<'_>) {
    out.push_str(date.date_stamp());
    out.push('/');
    out.push_str(params.region);
    out.push('/');
    out.push_str(params.service);
    out.push_str("/aws4_request");
}

/// `text` if it may go into a header value as it is: visible ASCII and
/// spaces only (no control characters, no non-ASCII).
fn header_text<'a>(text: &'a str, what: &'static str) -> Result<&'a str, SigningError> {
    if text.bytes().all(|b| b == b' ' || b.is_ascii_graphic()) {
        Ok(text)
    } else {
        Err(SigningError::NotAHeaderValue { what })
    }
}

fn ascii_value(text: &str) -> Result<HeaderValue, SigningError> {
    HeaderValue::from_str(text).map_err(|_| SigningError::NotAHeaderValue {
        what: "signing header",
    })
}
