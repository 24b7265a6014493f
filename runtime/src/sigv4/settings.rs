//! What a signature is for (region, service, time) and how the service
//! wants it made.

use std::time::SystemTime;

/// The inputs of one signature besides the request and the credentials.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SigningParams<'a> {
    /// The region signed for (`us-east-1`).
    pub region: &'a str,
    /// The service's signing name (`iot`, `execute-api`): the model's
    /// `signingName`, else its `endpointPrefix`.
    pub service: &'a str,
    /// When the request is signed; AWS rejects requests signed more than
    /// 15 minutes away from its clock. Fractions of a second are dropped.
    pub time: SystemTime,
    /// How the service wants the request signed.
    pub settings: SigningSettings,
}

impl<'a> SigningParams<'a> {
    /// Parameters with the default [`SigningSettings`] (every service but
    /// S3).
    pub fn new(region: &'a str, service: &'a str, time: SystemTime) -> Self {
        Self {
            region,
            service,
            time,
            settings: SigningSettings::default(),
        }
    }
}

/// The variations of SigV4 that services ask for. The default is what
/// every AWS service but S3 expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SigningSettings {
    /// Percent-encode the request's (already encoded) path once more for
    /// the canonical request, so `%3A` is signed as `%253A`. AWS requires
    /// it of every service but S3. Default `true`.
    pub double_uri_encode: bool,
    /// Remove `.` and `..` segments and empty segments (`//`) from the
    /// path before signing it, as botocore does. Default `true`; S3 signs
    /// object keys as they are.
    pub normalize_uri_path: bool,
    /// What the canonical request gives as the payload hash. An
    /// `x-amz-content-sha256` header already on the request wins over it.
    pub payload: PayloadSigning,
    /// Send the payload hash as the signed header `x-amz-content-sha256`
    /// (S3 requires it). Default `false`.
    pub content_sha256_header: bool,
    /// Whether the session token of temporary credentials is signed.
    pub session_token: SessionTokenMode,
}

impl Default for SigningSettings {
    fn default() -> Self {
        Self {
            double_uri_encode: true,
            normalize_uri_path: true,
            payload: PayloadSigning::Sha256,
            content_sha256_header: false,
            session_token: SessionTokenMode::Signed,
        }
    }
}

impl SigningSettings {
    /// What S3 expects: the path signed as sent, not normalized, and the
    /// payload hash sent as `x-amz-content-sha256`.
    pub fn s3() -> Self {
        Self {
            double_uri_encode: false,
            normalize_uri_path: false,
            content_sha256_header: true,
            ..Self::default()
        }
    }
}

/// The payload hash of the canonical request.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PayloadSigning {
    /// The SHA-256 of the body, in lower-case hex (the default).
    #[default]
    Sha256,
    /// The literal `UNSIGNED-PAYLOAD`: the body is not signed (services
    /// that allow it, over HTTPS only).
    Unsigned,
}

/// Where the session token of temporary credentials goes. Either way it is
/// sent as `x-amz-security-token`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SessionTokenMode {
    /// Added before signing and signed, as every AWS SDK does (the
    /// default).
    #[default]
    Signed,
    /// Added after signing and left out of the signed headers, which some
    /// services require.
    AddedAfterSigning,
}
