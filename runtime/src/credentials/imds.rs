//! EC2 instance metadata (IMDSv2) credentials.
//!
//! Three requests, as the SDKs make them:
//!
//! 1. `PUT /latest/api/token` with `x-aws-ec2-metadata-token-ttl-seconds:
//!    21600`: a session token (IMDSv1, without a token, is not used);
//! 2. `GET /latest/meta-data/iam/security-credentials/` with
//!    `x-aws-ec2-metadata-token`: the instance profile's role name (first
//!    line);
//! 3. `GET /latest/meta-data/iam/security-credentials/<role>`: the
//!    credentials document, whose `Code` must be `Success`.
//!
//! The endpoint is `AWS_EC2_METADATA_SERVICE_ENDPOINT`, else the profile's
//! `ec2_metadata_service_endpoint`, else by mode
//! (`AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE`, else the profile's
//! `ec2_metadata_service_endpoint_mode`): `IPv4` (default)
//! `http://169.254.169.254`, `IPv6` `http://[fd00:ec2::254]`.
//! `AWS_EC2_METADATA_DISABLED=true` (any case) turns the provider off.
//!
//! Timeouts: each attempt is bounded to 1 s, and each request is made at
//! most twice (one retry after a 5xx or an I/O error). A timeout or a
//! failed connection is not retried: off EC2 it is the usual answer, and
//! the chain should not wait twice for it. Neither the extended
//! `security-credentials-extended` path nor the SDKs' "static stability"
//! (reusing expired credentials while IMDS is down) is done.
//!
//! Off EC2 (no answer, 403 on the token, 404 on the role) the provider has
//! nothing (`NotLoaded`); other failures are `Invalid`.

use std::fmt;
use std::time::Duration;

use http::header::{HeaderName, HeaderValue};
use http::{Method, StatusCode};

use super::context::ProviderConfig;
use super::files::ProfileFiles;
use super::metadata::{self, Policy};
use super::provider::{checked, non_blank, CredentialsError, ProvideCredentials, ProvideFuture};
use super::Credentials;

const NAME: &str = "instance metadata (IMDS)";
const DISABLED: &str = "AWS_EC2_METADATA_DISABLED";
const ENDPOINT: &str = "AWS_EC2_METADATA_SERVICE_ENDPOINT";
const ENDPOINT_MODE: &str = "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE";
const IPV4: &str = "http://169.254.169.254";
const IPV6: &str = "http://[fd00:ec2::254]";
const TOKEN_PATH: &str = "/latest/api/token";
const ROLE_PATH: &str = "/latest/meta-data/iam/security-credentials/";
const TOKEN_TTL: HeaderName = HeaderName::from_static("x-aws-ec2-metadata-token-ttl-seconds");
const TOKEN_HEADER: HeaderName = HeaderName::from_static("x-aws-ec2-metadata-token");

const POLICY: Policy = Policy {
    timeout: Duration::from_secs(1),
    attempts: 2,
    retry_unreachable: false,
};

/// Credentials of the EC2 instance profile, through IMDSv2 (see the
/// module docs).
#[derive(Clone)]
pub struct ImdsProvider {
    config: ProviderConfig,
}

/// Never shows the environment.
impl fmt::Debug for ImdsProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImdsProvider").finish_non_exhaustive()
    }
}

impl ImdsProvider {
    /// Reads its settings through `config` and calls its HTTP client.
    pub fn new(config: ProviderConfig) -> Self {
        Self { config }
    }

    /// The base URL requests go to, and whether IMDS is turned off.
    ///
    /// # Errors
    ///
    /// An endpoint mode other than `IPv4`/`IPv6`, or profile files that do
    /// not read or parse.
    pub fn endpoint(&self) -> Result<Option<String>, CredentialsError> {
        let env = &*self.config.env;
        if non_blank(env, DISABLED).is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
            return Ok(None);
        }
        if let Some(endpoint) = non_blank(env, ENDPOINT) {
            return Ok(Some(endpoint.trim_end_matches('/').to_owned()));
        }
        let files = ProfileFiles::load(env, self.config.platform, self.config.profile.as_deref())
            .map_err(|e| CredentialsError::invalid(NAME, e.to_string()))?;
        if let Some(endpoint) = files.get("ec2_metadata_service_endpoint") {
            return Ok(Some(endpoint.trim().trim_end_matches('/').to_owned()));
        }
        let (mode, from) = match non_blank(env, ENDPOINT_MODE) {
            Some(mode) => (mode, ENDPOINT_MODE.to_owned()),
            None => match files.get("ec2_metadata_service_endpoint_mode") {
                Some(mode) => (
                    mode.to_owned(),
                    format!(
                        "ec2_metadata_service_endpoint_mode of profile `{}`",
                        files.selected_name()
                    ),
                ),
                None => return Ok(Some(IPV4.to_owned())),
            },
        };
        match mode.trim() {
            m if m.eq_ignore_ascii_case("ipv4") => Ok(Some(IPV4.to_owned())),
            m if m.eq_ignore_ascii_case("ipv6") => Ok(Some(IPV6.to_owned())),
            other => Err(CredentialsError::invalid(
                NAME,
                format!("{from} is `{other}`, expected IPv4 or IPv6"),
            )),
        }
    }

    async fn load(&self) -> Result<Credentials, CredentialsError> {
        let Some(base) = self.endpoint()? else {
            return Err(CredentialsError::not_loaded(
                NAME,
                format!("turned off by {DISABLED}"),
            ));
        };
        let Some(http) = self.config.http.as_deref() else {
            return Err(CredentialsError::not_loaded(
                NAME,
                "no HTTP client was given to call it",
            ));
        };
        let sleep = self.config.sleep.as_deref();
        let not_loaded = |m: String| CredentialsError::not_loaded(NAME, m);
        let invalid = |m: String| CredentialsError::invalid(NAME, m);
        let uri = |path: &str| -> Result<http::Uri, CredentialsError> {
            format!("{base}{path}")
                .parse()
                .map_err(|_| invalid(format!("`{base}{path}` is not a valid URI")))
        };

        let token_uri = uri(TOKEN_PATH)?;
        let make = || {
            let mut request = http::Request::new(Vec::new());
            *request.method_mut() = Method::PUT;
            *request.uri_mut() = token_uri.clone();
            request
                .headers_mut()
                .insert(TOKEN_TTL, HeaderValue::from_static("21600"));
            request
        };
        let response = metadata::send(http, sleep, POLICY, &make)
            .await
            .map_err(|e| not_loaded(format!("no answer from {base}: {e}")))?;
        match response.status() {
            StatusCode::OK => {}
            StatusCode::FORBIDDEN => {
                return Err(not_loaded(format!(
                    "PUT {token_uri}: request forbidden (HTTP 403): IMDS is disabled or does not allow token requests"
                )))
            }
            status => {
                return Err(invalid(format!(
                    "PUT {token_uri} answered with HTTP status {}",
                    status.as_u16()
                )))
            }
        }
        let mut token = HeaderValue::from_bytes(response.body().trim_ascii())
            .map_err(|_| invalid(format!("PUT {token_uri} answered with an unusable token")))?;
        token.set_sensitive(true);

        let get = |target: http::Uri| {
            let token = token.clone();
            move || {
                let mut request = http::Request::new(Vec::new());
                *request.uri_mut() = target.clone();
                request.headers_mut().insert(TOKEN_HEADER, token.clone());
                request
            }
        };
        let role_uri = uri(ROLE_PATH)?;
        let response = metadata::send(http, sleep, POLICY, &get(role_uri.clone()))
            .await
            .map_err(|e| invalid(format!("GET {role_uri}: {e}")))?;
        if response.status() == StatusCode::NOT_FOUND {
            return Err(not_loaded(format!(
                "the instance has no IAM role (GET {role_uri} answered 404)"
            )));
        }
        if !response.status().is_success() {
            return Err(invalid(format!(
                "GET {role_uri} answered with HTTP status {}",
                response.status().as_u16()
            )));
        }
        let body = String::from_utf8_lossy(response.body());
        let role = body.lines().next().unwrap_or("").trim().to_owned();
        if role.is_empty() {
            return Err(not_loaded(format!(
                "the instance has no IAM role (GET {role_uri} answered with no name)"
            )));
        }

        let creds_uri = uri(&format!("{ROLE_PATH}{role}"))?;
        let response = metadata::send(http, sleep, POLICY, &get(creds_uri.clone()))
            .await
            .map_err(|e| invalid(format!("GET {creds_uri}: {e}")))?;
        if !response.status().is_success() {
            return Err(invalid(format!(
                "GET {creds_uri} answered with HTTP status {}",
                response.status().as_u16()
            )));
        }
        let document = metadata::parse_document(response.body())
            .map_err(|why| invalid(format!("GET {creds_uri}: {why}")))?;
        match document.code.as_deref() {
            Some("Success") => {}
            Some(code) => {
                return Err(invalid(format!(
                    "the credentials of role `{role}` have Code `{code}`, not Success"
                )))
            }
            None => {
                return Err(invalid(format!(
                    "the credentials of role `{role}` have no Code"
                )))
            }
        }
        checked(NAME, document.credentials, self.config.clock.now())
    }
}

impl ProvideCredentials for ImdsProvider {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(self.load())
    }
}
