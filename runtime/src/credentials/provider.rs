//! Credentials providers: where [`Credentials`] come from.
//!
//! [`ProvideCredentials`] is object safe and async-capable without an async
//! runtime: it returns a boxed `Send` future. The providers here finish
//! their work when first polled (the profile provider reads files and runs
//! `credential_process` synchronously inside the future).
//!
//! - [`Credentials`] itself is a provider (explicit credentials);
//! - [`EnvironmentProvider`]: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
//!   `AWS_SESSION_TOKEN` (blank counts as unset);
//! - [`ProfileProvider`]: static keys of the selected profile, else its
//!   `credential_process`;
//! - [`ContainerProvider`] (ECS, EKS Pod Identity) and [`ImdsProvider`]
//!   (EC2 instance metadata), in their own modules;
//! - [`CredentialsChain`]: tries providers in order; a provider that has
//!   nothing ([`CredentialsErrorKind::NotLoaded`]) passes to the next, any
//!   other error stops the chain (a broken configuration is reported, not
//!   skipped). Its error lists what every provider tried said.
//!
//! Credentials that have already expired are refused. Errors never carry
//! secret values, nor the output of `credential_process`.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::SystemTime;

use super::container::ContainerProvider;
use super::context::ProviderConfig;
use super::files::ProfileFiles;
use super::imds::ImdsProvider;
use super::profile::{Env, Platform, Profile};
use super::Credentials;
use crate::json::JsonReader;
use crate::{DateTime, TimestampFormat};

/// What [`ProvideCredentials::provide_credentials`] returns.
pub type ProvideFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Credentials, CredentialsError>> + Send + 'a>>;

/// A source of credentials.
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    /// Loads credentials.
    fn provide_credentials(&self) -> ProvideFuture<'_>;
}

impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        let result = checked("explicit", self.clone(), SystemTime::now());
        Box::pin(std::future::ready(result))
    }
}

impl<T: ProvideCredentials + ?Sized> ProvideCredentials for Arc<T> {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        (**self).provide_credentials()
    }
}

/// How a provider failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialsErrorKind {
    /// The provider has no credentials (nothing configured): a chain tries
    /// the next provider.
    NotLoaded,
    /// Credentials are configured but wrong or unusable (a missing secret,
    /// a failing `credential_process`, expired credentials, an unsupported
    /// source): a chain stops.
    Invalid,
}

/// Why no credentials were loaded: the provider, what it said, and for a
/// chain what each provider it tried said. Never holds a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialsError {
    kind: CredentialsErrorKind,
    provider: String,
    message: String,
    tried: Vec<CredentialsError>,
}

impl CredentialsError {
    /// `provider` has nothing to offer.
    pub fn not_loaded(provider: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(CredentialsErrorKind::NotLoaded, provider, message)
    }

    /// `provider` is configured but failed.
    pub fn invalid(provider: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(CredentialsErrorKind::Invalid, provider, message)
    }

    fn new(
        kind: CredentialsErrorKind,
        provider: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            kind,
            provider: provider.into(),
            message: message.into(),
            tried: Vec::new(),
        }
    }

    /// Whether a chain goes on to the next provider.
    pub fn kind(&self) -> CredentialsErrorKind {
        self.kind
    }

    /// The provider that failed (`environment`, `profile`, `chain`, …).
    pub fn provider(&self) -> &str {
        &self.provider
    }

    /// What it said.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// For a chain: the error of every provider it tried, in order.
    pub fn tried(&self) -> &[CredentialsError] {
        &self.tried
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.provider, self.message)?;
        for error in &self.tried {
            write!(f, "; {error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for CredentialsError {}

pub(crate) fn checked(
    provider: &str,
    credentials: Credentials,
    now: SystemTime,
) -> Result<Credentials, CredentialsError> {
    if credentials.is_expired(now) {
        let at = credentials
            .expiry()
            .map(|e| DateTime::from(e).to_string())
            .unwrap_or_default();
        return Err(CredentialsError::invalid(
            provider,
            format!("the credentials expired at {at}"),
        ));
    }
    Ok(credentials)
}

pub(crate) fn non_blank(env: &dyn Env, name: &str) -> Option<String> {
    env.get(name).filter(|v| !v.trim().is_empty())
}

/// Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and
/// (optional) `AWS_SESSION_TOKEN` and `AWS_ACCOUNT_ID`. Unset or blank variables: `NotLoaded`.
#[derive(Clone)]
pub struct EnvironmentProvider {
    env: Arc<dyn Env>,
}

/// Never shows the environment: it may hold the secret.
impl fmt::Debug for EnvironmentProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EnvironmentProvider")
            .finish_non_exhaustive()
    }
}

impl EnvironmentProvider {
    /// Reads from `env`.
    pub fn new(env: Arc<dyn Env>) -> Self {
        Self { env }
    }

    fn load(&self) -> Result<Credentials, CredentialsError> {
        const NAME: &str = "environment";
        let env = &*self.env;
        let id = non_blank(env, "AWS_ACCESS_KEY_ID")
            .ok_or_else(|| CredentialsError::not_loaded(NAME, "AWS_ACCESS_KEY_ID is not set"))?;
        let secret = non_blank(env, "AWS_SECRET_ACCESS_KEY").ok_or_else(|| {
            CredentialsError::not_loaded(NAME, "AWS_SECRET_ACCESS_KEY is not set")
        })?;
        let mut credentials = Credentials::new(id, secret);
        if let Some(token) = non_blank(env, "AWS_SESSION_TOKEN") {
            credentials = credentials.with_session_token(token);
        }
        if let Some(account) = non_blank(env, "AWS_ACCOUNT_ID") {
            credentials = credentials.with_account_id(account.trim());
        }
        Ok(credentials)
    }
}

impl ProvideCredentials for EnvironmentProvider {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(std::future::ready(self.load()))
    }
}

/// Credentials of a profile in the shared files: static keys
/// (`aws_access_key_id`, `aws_secret_access_key`, `aws_session_token`; the
/// credentials file's win over the config file's), else
/// `credential_process`.
///
/// The profile is the one given to [`ProfileProvider::profile`], else
/// `AWS_PROFILE`, else `default`. A missing file counts as empty. A missing
/// `default` profile, or a profile without credentials: `NotLoaded`; a
/// named profile that does not exist, an unparsable file, keys without a
/// secret, a failing process, or a profile whose credentials come from a
/// source not supported yet (`role_arn`, `web_identity_token_file`,
/// `sso_*`): `Invalid`.
#[derive(Clone)]
pub struct ProfileProvider {
    env: Arc<dyn Env>,
    platform: Platform,
    profile: Option<String>,
}

/// Never shows the environment: it may hold the secret.
impl fmt::Debug for ProfileProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProfileProvider")
            .field("platform", &self.platform)
            .field("profile", &self.profile)
            .finish_non_exhaustive()
    }
}

const PROFILE: &str = "profile";

impl ProfileProvider {
    /// Finds the files and profile through `env` on this platform.
    pub fn new(env: Arc<dyn Env>) -> Self {
        Self {
            env,
            platform: Platform::current(),
            profile: None,
        }
    }

    /// Reads `config`'s environment on its platform, with its profile
    /// name if it has one.
    pub fn from_config(config: &ProviderConfig) -> Self {
        Self {
            env: config.env.clone(),
            platform: config.platform,
            profile: config.profile.clone(),
        }
    }

    /// Uses the profile `name` whatever `AWS_PROFILE` says.
    pub fn profile(mut self, name: impl Into<String>) -> Self {
        self.profile = Some(name.into());
        self
    }

    fn load(&self) -> Result<Credentials, CredentialsError> {
        let files = ProfileFiles::load(&*self.env, self.platform, self.profile.as_deref())
            .map_err(|e| CredentialsError::invalid(PROFILE, e.to_string()))?;
        let Some(profile) = files.selected() else {
            let message = format!(
                "no profile `{}` in {}",
                files.selected_name(),
                files.paths()
            );
            return Err(if files.is_explicit() {
                CredentialsError::invalid(PROFILE, message)
            } else {
                CredentialsError::not_loaded(PROFILE, message)
            });
        };
        let credentials = credentials_of(profile)?;
        checked(PROFILE, credentials, SystemTime::now())
    }
}

impl ProvideCredentials for ProfileProvider {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(async move { self.load() })
    }
}

fn credentials_of(profile: &Profile) -> Result<Credentials, CredentialsError> {
    let name = profile.name();
    let value = |key: &str| profile.get(key).filter(|v| !v.trim().is_empty());
    if let Some(id) = value("aws_access_key_id") {
        let secret = value("aws_secret_access_key").ok_or_else(|| {
            CredentialsError::invalid(
                PROFILE,
                format!("profile `{name}` has aws_access_key_id but no aws_secret_access_key"),
            )
        })?;
        let mut credentials = Credentials::new(id, secret);
        if let Some(token) = value("aws_session_token") {
            credentials = credentials.with_session_token(token);
        }
        if let Some(account) = value("aws_account_id") {
            credentials = credentials.with_account_id(account.trim());
        }
        return Ok(credentials);
    }
    if let Some(command) = value("credential_process") {
        return credential_process(name, command);
    }
    for key in [
        "role_arn",
        "web_identity_token_file",
        "sso_session",
        "sso_start_url",
    ] {
        if value(key).is_some() {
            return Err(CredentialsError::invalid(
                PROFILE,
                format!(
                    "profile `{name}` gets credentials through {key}, which is not supported yet"
                ),
            ));
        }
    }
    Err(CredentialsError::not_loaded(
        PROFILE,
        format!("profile `{name}` has no credentials"),
    ))
}

/// Runs `command` through the shell (`sh -c`, `cmd.exe /C` on Windows) and
/// reads its standard output: `{"Version": 1, "AccessKeyId": …,
/// "SecretAccessKey": …, "SessionToken": …, "Expiration": RFC 3339}`.
fn credential_process(profile: &str, command: &str) -> Result<Credentials, CredentialsError> {
    let what = format!("credential_process of profile `{profile}`");
    let fail = |message: String| CredentialsError::invalid(PROFILE, format!("{what}: {message}"));
    let mut shell = if cfg!(windows) {
        let mut c = Command::new("cmd.exe");
        c.arg("/C");
        c
    } else {
        let mut c = Command::new("sh");
        c.arg("-c");
        c
    };
    let output = shell
        .arg(command)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| fail(format!("could not be started: {e}")))?;
    if !output.status.success() {
        return Err(fail(format!("failed ({})", output.status)));
    }
    let credentials = parse_process_output(&output.stdout).map_err(fail)?;
    checked(PROFILE, credentials, SystemTime::now()).map_err(|e| fail(e.message().to_owned()))
}

/// The credentials in `credential_process` output. Errors never quote it.
pub(crate) fn parse_process_output(output: &[u8]) -> Result<Credentials, String> {
    let json = |e: crate::json::JsonError| {
        format!("its output is not valid JSON (at byte {})", e.offset())
    };
    let mut reader = JsonReader::new(output);
    let (mut version, mut id, mut secret, mut token, mut expiration) =
        (None, None, None, None, None);
    reader.begin_object().map_err(json)?;
    while let Some(key) = reader.next_key().map_err(json)? {
        match key.as_ref() {
            "Version" => version = Some(reader.i64().map_err(json)?),
            "AccessKeyId" => id = Some(reader.string().map_err(json)?.into_owned()),
            "SecretAccessKey" => secret = Some(reader.string().map_err(json)?.into_owned()),
            "SessionToken" => token = reader.read_opt::<String>().map_err(json)?,
            "Expiration" => expiration = reader.read_opt::<String>().map_err(json)?,
            _ => reader.skip_value().map_err(json)?,
        }
    }
    reader.finish().map_err(json)?;
    match version {
        Some(1) => {}
        Some(other) => return Err(format!("its output has Version {other}, expected 1")),
        None => return Err("its output has no Version".to_owned()),
    }
    let id = id.ok_or("its output has no AccessKeyId")?;
    let secret = secret.ok_or("its output has no SecretAccessKey")?;
    let mut credentials = Credentials::new(id, secret);
    if let Some(token) = token {
        credentials = credentials.with_session_token(token);
    }
    if let Some(text) = expiration {
        let expiry = DateTime::parse(&text, TimestampFormat::DateTime)
            .ok()
            .and_then(|t| SystemTime::try_from(t).ok())
            .ok_or("its Expiration is not an RFC 3339 date-time")?;
        credentials = credentials.with_expiry(expiry);
    }
    Ok(credentials)
}

/// Providers tried in order; the first credentials win. See the module
/// docs for when the chain goes on.
#[derive(Debug, Clone, Default)]
pub struct CredentialsChain {
    providers: Vec<Arc<dyn ProvideCredentials>>,
}

impl CredentialsChain {
    /// An empty chain (it fails with `NotLoaded`).
    pub fn new() -> Self {
        Self::default()
    }

    /// The default chain with no HTTP client: `explicit` credentials if
    /// given, then the environment, the profile files, the container
    /// endpoint and instance metadata, all read through `env`. Without an
    /// HTTP client the container provider fails when configured and
    /// instance metadata has nothing; give one with
    /// [`default_chain_with`](Self::default_chain_with).
    pub fn default_chain(explicit: Option<Credentials>, env: Arc<dyn Env>) -> Self {
        Self::default_chain_with(explicit, &ProviderConfig::new(env))
    }

    /// The default chain: `explicit` credentials if given, then
    /// [`EnvironmentProvider`], [`ProfileProvider`], [`ContainerProvider`]
    /// and [`ImdsProvider`], all on `config`. Not cached: see
    /// [`default_provider`](super::default_provider).
    pub fn default_chain_with(explicit: Option<Credentials>, config: &ProviderConfig) -> Self {
        let mut chain = Self::new();
        if let Some(credentials) = explicit {
            chain = chain.then(credentials);
        }
        chain
            .then(EnvironmentProvider::new(config.env.clone()))
            .then(ProfileProvider::from_config(config))
            .then(ContainerProvider::new(config.clone()))
            .then(ImdsProvider::new(config.clone()))
    }

    /// Adds `provider` at the end.
    pub fn then(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.providers.push(Arc::new(provider));
        self
    }
}

impl ProvideCredentials for CredentialsChain {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(async move {
            let mut tried = Vec::new();
            for provider in &self.providers {
                match provider.provide_credentials().await {
                    Ok(credentials) => return Ok(credentials),
                    Err(error) => {
                        let stop = error.kind() != CredentialsErrorKind::NotLoaded;
                        tried.push(error);
                        if stop {
                            let mut error =
                                CredentialsError::invalid("chain", "a credentials provider failed");
                            error.tried = tried;
                            return Err(error);
                        }
                    }
                }
            }
            let mut error = CredentialsError::not_loaded("chain", "no provider had credentials");
            error.tried = tried;
            Err(error)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn process_output() {
        let credentials = parse_process_output(
            br#"{"Version": 1, "AccessKeyId": "AKID", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2100-01-02T03:04:05Z", "Other": [1]}"#,
        )
        .expect("valid");
        assert_eq!(credentials.access_key_id(), "AKID");
        assert_eq!(credentials.session_token(), Some("t"));
        assert!(credentials.expiry().is_some());
        let error = parse_process_output(
            br#"{"Version": 2, "AccessKeyId": "a", "SecretAccessKey": "very-secret"}"#,
        )
        .expect_err("version 2");
        assert!(error.contains("Version 2"), "{error}");
        let error = parse_process_output(br#"{"Version": 1, "SecretAccessKey": "very-secret"}"#)
            .expect_err("no id");
        assert!(!error.contains("very-secret"), "{error}");
        assert!(parse_process_output(b"very-secret")
            .expect_err("not json")
            .contains("JSON"));
        assert!(parse_process_output(
            br#"{"Version":1,"AccessKeyId":"a","SecretAccessKey":"s","Expiration":"soon"}"#
        )
        .is_err());
    }
}
