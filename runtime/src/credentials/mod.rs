//! AWS credentials: what requests are signed with, and where they come from.
//!
//! [`Credentials`] is a plain value: an access key id, its secret, and for
//! temporary credentials a session token and an expiry. Signing
//! ([`crate::sigv4`]) only reads them. Where they come from:
//!
//! - [`profile`]: the shared config and credentials files (`~/.aws/config`,
//!   `~/.aws/credentials`), their locations and a parser;
//! - [`provider`]: the [`ProvideCredentials`] trait and the providers:
//!   explicit credentials, the environment, profiles (static keys and
//!   `credential_process`), and the chain that tries them in order;
//! - [`container`] (ECS, EKS Pod Identity) and [`imds`] (EC2 instance
//!   metadata, IMDSv2), which call their service through the
//!   [`HttpClient`](crate::client::HttpClient) given in a
//!   [`ProviderConfig`];
//! - [`cache`]: [`CachedProvider`], which keeps credentials until shortly
//!   before they expire;
//! - [`default_provider`]: the default chain, cached.
//!
//! Assume-role, web identity and SSO are not done yet.
//!
//! The secret and the session token never appear in `Debug` output: both
//! print as [`REDACTED`](crate::REDACTED). The access key id is shown, as it
//! is in every `Authorization` header the credentials sign: it names the
//! identity and grants nothing without the secret.

use std::fmt;
use std::time::SystemTime;

use crate::sensitive::Redacted;

pub mod cache;
pub mod container;
mod context;
mod files;
pub mod imds;
mod metadata;
pub mod profile;
pub mod provider;

pub use cache::CachedProvider;
pub use container::ContainerProvider;
pub use context::ProviderConfig;
pub use files::{ProfileFiles, ProfileFilesError};
pub use imds::ImdsProvider;
pub use provider::{
    CredentialsChain, CredentialsError, CredentialsErrorKind, EnvironmentProvider, ProfileProvider,
    ProvideCredentials, ProvideFuture,
};

/// The default credentials provider: `explicit` credentials if given,
/// then the environment, the profile files, the container endpoint and
/// EC2 instance metadata ([`CredentialsChain::default_chain_with`]), behind
/// a [`CachedProvider`] on `config`'s clock. Clones of the result share
/// the cache; put it in an `Arc` and give it to every client.
pub fn default_provider(explicit: Option<Credentials>, config: &ProviderConfig) -> CachedProvider {
    CachedProvider::new(CredentialsChain::default_chain_with(explicit, config))
        .clock(config.clock.clone())
}

/// An access key pair, with the session token and expiry of temporary
/// credentials.
///
/// ```
/// use awsgen_runtime::Credentials;
///
/// let credentials = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
/// assert_eq!(credentials.access_key_id(), "AKIDEXAMPLE");
/// assert!(!format!("{credentials:?}").contains("wJalr"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    expiry: Option<SystemTime>,
    account_id: Option<String>,
}

impl Credentials {
    /// Long-term credentials: an access key id and its secret, no session
    /// token, no expiry.
    pub fn new(access_key_id: impl Into<String>, secret_access_key: impl Into<String>) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token: None,
            expiry: None,
            account_id: None,
        }
    }

    /// The same credentials with a session token (temporary credentials
    /// from STS, SSO, instance metadata, …).
    pub fn with_session_token(mut self, session_token: impl Into<String>) -> Self {
        self.session_token = Some(session_token.into());
        self
    }

    /// The same credentials, valid until `expiry`.
    pub fn with_expiry(mut self, expiry: SystemTime) -> Self {
        self.expiry = Some(expiry);
        self
    }

    /// The same credentials, known to belong to AWS account `account_id`
    /// (container and instance-metadata credentials say so; account-based
    /// endpoints will use it).
    pub fn with_account_id(mut self, account_id: impl Into<String>) -> Self {
        self.account_id = Some(account_id.into());
        self
    }

    /// The AWS account the credentials belong to, if known.
    pub fn account_id(&self) -> Option<&str> {
        self.account_id.as_deref()
    }

    /// The access key id (`AKIA…`, `ASIA…`).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret access key. Never log it.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    /// The session token of temporary credentials. Never log it.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }

    /// When temporary credentials stop working, if known.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }

    /// Whether the credentials have expired at `now`. Credentials without
    /// an expiry never do.
    pub fn is_expired(&self, now: SystemTime) -> bool {
        self.expiry.is_some_and(|expiry| expiry <= now)
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("Credentials");
        debug
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &Redacted);
        if self.session_token.is_some() {
            debug.field("session_token", &Redacted);
        } else {
            debug.field("session_token", &None::<()>);
        }
        debug
            .field("expiry", &self.expiry)
            .field("account_id", &self.account_id)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::REDACTED;

    #[test]
    fn debug_hides_the_secret_and_the_token() {
        let credentials =
            Credentials::new("AKID", "very-secret").with_session_token("session-secret");
        let shown = format!("{credentials:?}");
        assert!(shown.contains("AKID"), "{shown}");
        assert!(!shown.contains("very-secret"), "{shown}");
        assert!(!shown.contains("session-secret"), "{shown}");
        assert_eq!(shown.matches(REDACTED).count(), 2, "{shown}");
        let alternate = format!("{credentials:#?}");
        assert!(!alternate.contains("very-secret"), "{alternate}");
    }

    #[test]
    fn debug_says_when_there_is_no_token() {
        let shown = format!("{:?}", Credentials::new("AKID", "s"));
        assert!(shown.contains("session_token: None"), "{shown}");
    }

    #[test]
    fn expiry() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
        let credentials = Credentials::new("a", "s");
        assert!(!credentials.is_expired(now));
        let credentials = credentials.with_expiry(now);
        assert_eq!(credentials.expiry(), Some(now));
        assert!(credentials.is_expired(now));
        assert!(!credentials.is_expired(now - Duration::from_secs(1)));
    }
}
