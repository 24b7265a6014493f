//! Container credentials: ECS tasks and EKS Pod Identity.
//!
//! The agent in the container's network answers one GET with the
//! credentials document (`AccessKeyId`, `SecretAccessKey`, `Token`,
//! `Expiration`, `AccountId`). Where it is and how to authenticate come
//! from the environment:
//!
//! - `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`: a path on
//!   `http://169.254.170.2` (ECS); wins over the full URI;
//! - `AWS_CONTAINER_CREDENTIALS_FULL_URI`: any `https` URL, or an `http`
//!   URL whose host is a loopback address, `localhost`, `169.254.170.2`
//!   (ECS), `169.254.170.23` or `fd00:ec2::23` (EKS Pod Identity), as the
//!   SDKs allow (no plain-text credentials over a routed network);
//! - `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (read at each load: the
//!   agent rotates it), else `AWS_CONTAINER_AUTHORIZATION_TOKEN`: sent as
//!   `Authorization`.
//!
//! Each attempt is bounded to 2 s and made up to 3 times (botocore's
//! `ContainerMetadataFetcher`), retrying transport errors and 5xx.

use std::fmt;
use std::net::IpAddr;

use http::header::{HeaderValue, ACCEPT, AUTHORIZATION};

use super::context::ProviderConfig;
use super::metadata::{self, Policy};
use super::provider::{checked, non_blank, CredentialsError, ProvideCredentials, ProvideFuture};
use super::Credentials;

const NAME: &str = "container";
const RELATIVE_URI: &str = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";
const FULL_URI: &str = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
const TOKEN: &str = "AWS_CONTAINER_AUTHORIZATION_TOKEN";
const TOKEN_FILE: &str = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE";
/// The ECS agent's address, for the relative URI.
const ECS_HOST: &str = "http://169.254.170.2";

const POLICY: Policy = Policy {
    timeout: std::time::Duration::from_secs(2),
    attempts: 3,
    retry_unreachable: true,
};

/// Credentials from the container credentials endpoint (see the module
/// docs). Neither URI variable set: `NotLoaded`; anything configured but
/// wrong (a host not allowed, an unreadable token file, an error status, a
/// bad document, no HTTP client given): `Invalid`.
#[derive(Clone)]
pub struct ContainerProvider {
    config: ProviderConfig,
}

/// Never shows the environment.
impl fmt::Debug for ContainerProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ContainerProvider").finish_non_exhaustive()
    }
}

impl ContainerProvider {
    /// Reads its settings through `config`'s environment and calls its HTTP
    /// client.
    pub fn new(config: ProviderConfig) -> Self {
        Self { config }
    }

    async fn load(&self) -> Result<Credentials, CredentialsError> {
        let env = &*self.config.env;
        let invalid = |message: String| CredentialsError::invalid(NAME, message);
        let (uri, from) = if let Some(relative) = non_blank(env, RELATIVE_URI) {
            (format!("{ECS_HOST}{relative}"), RELATIVE_URI)
        } else if let Some(full) = non_blank(env, FULL_URI) {
            (full, FULL_URI)
        } else {
            return Err(CredentialsError::not_loaded(
                NAME,
                format!("neither {RELATIVE_URI} nor {FULL_URI} is set"),
            ));
        };
        let parsed: http::Uri = uri
            .parse()
            .map_err(|_| invalid(format!("{from} does not make a valid URI: `{uri}`")))?;
        if from == FULL_URI {
            check_full_uri(&parsed).map_err(|why| invalid(format!("{FULL_URI} `{uri}`: {why}")))?;
        }
        let token = self.token()?;
        let Some(http) = self.config.http.as_deref() else {
            return Err(invalid(format!(
                "{from} is set but no HTTP client was given to call {uri}"
            )));
        };
        let make = || {
            let mut request = http::Request::new(Vec::new());
            *request.uri_mut() = parsed.clone();
            request
                .headers_mut()
                .insert(ACCEPT, HeaderValue::from_static("application/json"));
            if let Some(token) = &token {
                request.headers_mut().insert(AUTHORIZATION, token.clone());
            }
            request
        };
        let response = metadata::send(http, self.config.sleep.as_deref(), POLICY, &make)
            .await
            .map_err(|e| invalid(format!("no response from {uri}: {e}")))?;
        if !response.status().is_success() {
            return Err(invalid(format!(
                "{uri} answered with HTTP status {}",
                response.status().as_u16()
            )));
        }
        let document = metadata::parse_document(response.body())
            .map_err(|why| invalid(format!("{uri}: {why}")))?;
        checked(NAME, document.credentials, self.config.clock.now())
    }

    /// The `Authorization` value: the token file's text (trimmed), else the
    /// token variable. A token that cannot be a header value is refused
    /// without quoting it.
    fn token(&self) -> Result<Option<HeaderValue>, CredentialsError> {
        let env = &*self.config.env;
        let (token, from) = if let Some(path) = non_blank(env, TOKEN_FILE) {
            let text = std::fs::read_to_string(&path).map_err(|e| {
                CredentialsError::invalid(
                    NAME,
                    format!("cannot read the authorization token file {path} ({TOKEN_FILE}): {e}"),
                )
            })?;
            (text.trim().to_owned(), TOKEN_FILE)
        } else if let Some(token) = non_blank(env, TOKEN) {
            (token, TOKEN)
        } else {
            return Ok(None);
        };
        let mut value = HeaderValue::from_str(&token).map_err(|_| {
            CredentialsError::invalid(
                NAME,
                format!("the authorization token from {from} holds characters a header cannot"),
            )
        })?;
        value.set_sensitive(true);
        Ok(Some(value))
    }
}

impl ProvideCredentials for ContainerProvider {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(self.load())
    }
}

/// Whether the SDKs would call this full URI: any `https` URL; `http` only
/// to a loopback address, `localhost`, or the ECS and EKS agents.
fn check_full_uri(uri: &http::Uri) -> Result<(), &'static str> {
    let host = uri.host().ok_or("no host")?;
    match uri.scheme_str() {
        Some("https") => return Ok(()),
        Some("http") => {}
        _ => return Err("the scheme must be http or https"),
    }
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    let allowed = match bare.parse::<IpAddr>() {
        Ok(ip) => {
            ip.is_loopback()
                || ip == IpAddr::from([169, 254, 170, 2])
                || ip == IpAddr::from([169, 254, 170, 23])
                || ip == IpAddr::from([0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x23])
        }
        Err(_) => bare.eq_ignore_ascii_case("localhost"),
    };
    if allowed {
        Ok(())
    } else {
        Err("an http URI must point to a loopback address, localhost, 169.254.170.2, 169.254.170.23 or fd00:ec2::23 (use https for other hosts)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_uri_hosts() {
        let ok = |s: &str| check_full_uri(&s.parse().unwrap()).is_ok();
        assert!(ok("http://127.0.0.1:8080/creds"));
        assert!(ok("http://127.0.0.2/creds"));
        assert!(ok("http://localhost/creds"));
        assert!(ok("http://[::1]/creds"));
        assert!(ok("http://169.254.170.2/v2/credentials"));
        assert!(ok("http://169.254.170.23/v1/credentials"));
        assert!(ok("http://[fd00:ec2::23]/v1/credentials"));
        assert!(ok("https://example.com/creds"));
        assert!(!ok("http://example.com/creds"));
        assert!(!ok("http://169.254.169.254/creds"));
        assert!(!ok("http://[fd00:ec2::24]/creds"));
        assert!(!ok("ftp://127.0.0.1/creds"));
    }
}
