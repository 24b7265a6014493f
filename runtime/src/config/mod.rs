//! Client configuration resolved from what the program says, the
//! environment and the shared config file, as the AWS SDKs resolve it.
//!
//! One precedence for every setting: **explicit** (a [`ConfigLoader`]
//! setter) > **environment variable** > **profile key** (the selected
//! profile of `~/.aws/config` / `~/.aws/credentials`) > **default**. A
//! blank variable or key counts as unset. Values are checked when loaded;
//! a bad one is a [`ConfigError`] naming the variable or profile key and
//! the value.
//!
//! | setting | environment | profile key | default |
//! | --- | --- | --- | --- |
//! | region | `AWS_REGION`, then `AWS_DEFAULT_REGION` | `region` | none |
//! | endpoint URL | `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL` | `endpoint_url` | none (the rule set's endpoint) |
//! | ignore configured endpoint URLs | `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` | `ignore_configured_endpoint_urls` | false |
//! | FIPS | `AWS_USE_FIPS_ENDPOINT` | `use_fips_endpoint` | false |
//! | dual-stack | `AWS_USE_DUALSTACK_ENDPOINT` | `use_dualstack_endpoint` | false |
//! | max attempts | `AWS_MAX_ATTEMPTS` | `max_attempts` | 3 |
//! | retry mode | `AWS_RETRY_MODE` | `retry_mode` | `standard` |
//! | user-agent app id | `AWS_SDK_UA_APP_ID` | `sdk_ua_app_id` | none |
//!
//! - `<SERVICE>` is the service id upper-cased with spaces and hyphens as
//!   `_` ([`service_endpoint_variable`]): `AWS_ENDPOINT_URL_IOT`,
//!   `AWS_ENDPOINT_URL_IOT_JOBS_DATA_PLANE`. The profile's `services`
//!   sections (service-specific `endpoint_url`) are not read.
//!   `ignore_configured_endpoint_urls = true` drops the environment's and
//!   the profile's endpoint URLs (an explicit one still counts).
//! - Booleans are `true` or `false` (any case). Max attempts is an integer
//!   from 1. Retry modes: `standard`; `legacy` is taken as `standard` (the
//!   SDKs' older default, whose rules standard mode refines: shared config
//!   written for other SDKs keeps working); `adaptive` is refused (its
//!   client-side rate limiting is not implemented, and quietly dropping it
//!   would surprise whoever asked for it).
//! - A region is letters, digits and `-`; an endpoint URL is absolute with
//!   a host; an app id is at most 50 characters of what a user-agent token
//!   allows.
//!
//! Credentials are resolved separately ([`crate::credentials`]), from the
//! same environment and files.

mod error;

use std::fmt;
use std::sync::Arc;

pub use error::ConfigError;

use crate::client::ClientConfig;
use crate::credentials::profile::{Env, Platform, ProcessEnv};
use crate::credentials::ProfileFiles;

/// How failed attempts are retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum RetryMode {
    /// AWS standard mode ([`crate::client::retry`]).
    #[default]
    Standard,
}

/// The environment variable a service's endpoint URL is read from:
/// `AWS_ENDPOINT_URL_` and the service id upper-cased, spaces and hyphens
/// as `_`.
///
/// ```
/// use awsgen_runtime::config::service_endpoint_variable;
///
/// assert_eq!(service_endpoint_variable("IoT"), "AWS_ENDPOINT_URL_IOT");
/// assert_eq!(
///     service_endpoint_variable("IoT Jobs Data Plane"),
///     "AWS_ENDPOINT_URL_IOT_JOBS_DATA_PLANE"
/// );
/// ```
pub fn service_endpoint_variable(service_id: &str) -> String {
    let suffix: String = service_id
        .trim()
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_uppercase(),
        })
        .collect();
    format!("AWS_ENDPOINT_URL_{suffix}")
}

/// Resolves a [`Config`]: set what the program decides, then
/// [`load`](Self::load).
#[derive(Clone)]
pub struct ConfigLoader {
    env: Arc<dyn Env>,
    platform: Platform,
    profile: Option<String>,
    service_id: Option<String>,
    region: Option<String>,
    endpoint_url: Option<String>,
    use_fips: Option<bool>,
    use_dual_stack: Option<bool>,
    max_attempts: Option<u32>,
    retry_mode: Option<RetryMode>,
    app_id: Option<String>,
}

/// Never shows the environment.
impl fmt::Debug for ConfigLoader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConfigLoader")
            .field("profile", &self.profile)
            .field("service_id", &self.service_id)
            .field("region", &self.region)
            .finish_non_exhaustive()
    }
}

impl ConfigLoader {
    /// Reads `env` (and the files it points to) on this platform; nothing
    /// explicit yet.
    pub fn new(env: Arc<dyn Env>) -> Self {
        Self {
            env,
            platform: Platform::current(),
            profile: None,
            service_id: None,
            region: None,
            endpoint_url: None,
            use_fips: None,
            use_dual_stack: None,
            max_attempts: None,
            retry_mode: None,
            app_id: None,
        }
    }

    /// Reads the process's environment.
    pub fn from_process_env() -> Self {
        Self::new(Arc::new(ProcessEnv))
    }

    /// Applies `platform`'s home-directory rules.
    pub fn platform(mut self, platform: Platform) -> Self {
        self.platform = platform;
        self
    }

    /// Uses the profile `name` whatever `AWS_PROFILE` says.
    pub fn profile(mut self, name: impl Into<String>) -> Self {
        self.profile = Some(name.into());
        self
    }

    /// The service's id (`IoT Jobs Data Plane`), for its own
    /// `AWS_ENDPOINT_URL_<SERVICE>`.
    pub fn service_id(mut self, id: impl Into<String>) -> Self {
        self.service_id = Some(id.into());
        self
    }

    /// The region, whatever the environment says.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// The endpoint URL, whatever the environment says.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint_url = Some(url.into());
        self
    }

    /// FIPS endpoints or not.
    pub fn use_fips(mut self, on: bool) -> Self {
        self.use_fips = Some(on);
        self
    }

    /// Dual-stack endpoints or not.
    pub fn use_dual_stack(mut self, on: bool) -> Self {
        self.use_dual_stack = Some(on);
        self
    }

    /// Attempts per call, the first included.
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = Some(attempts);
        self
    }

    /// The retry mode.
    pub fn retry_mode(mut self, mode: RetryMode) -> Self {
        self.retry_mode = Some(mode);
        self
    }

    /// The application id for the user agent.
    pub fn app_id(mut self, id: impl Into<String>) -> Self {
        self.app_id = Some(id.into());
        self
    }

    /// Resolves every setting (see the module docs for the precedence).
    ///
    /// # Errors
    ///
    /// A value that is not allowed, profile files that do not read or
    /// parse, or a named profile that does not exist.
    pub fn load(&self) -> Result<Config, ConfigError> {
        let files = ProfileFiles::load(&*self.env, self.platform, self.profile.as_deref())
            .map_err(ConfigError::Files)?;
        if files.selected().is_none() && files.is_explicit() {
            return Err(ConfigError::NoSuchProfile {
                profile: files.selected_name().to_owned(),
                files: files.paths().to_owned(),
            });
        }
        let sources = Sources {
            env: &*self.env,
            files: &files,
        };
        let explicit = |name: &str, value: &Option<String>| {
            value
                .as_ref()
                .map(|v| Found::new(v, format!("ConfigLoader::{name}")))
        };

        let region = explicit("region", &self.region)
            .or_else(|| sources.find(&["AWS_REGION", "AWS_DEFAULT_REGION"], "region"))
            .map(|found| found.parse(parse_region, "letters, digits and `-`"))
            .transpose()?;

        let ignore = sources
            .find(
                &["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"],
                "ignore_configured_endpoint_urls",
            )
            .map(|found| found.parse(parse_bool, "true or false"))
            .transpose()?
            .unwrap_or(false);
        let service_variable = self.service_id.as_deref().map(service_endpoint_variable);
        let mut endpoint_vars: Vec<&str> = service_variable.iter().map(String::as_str).collect();
        endpoint_vars.push("AWS_ENDPOINT_URL");
        let configured = if ignore {
            None
        } else {
            sources.find(&endpoint_vars, "endpoint_url")
        };
        let endpoint_url = explicit("endpoint_url", &self.endpoint_url)
            .or(configured)
            .map(|found| found.parse(parse_url, "an absolute URL with a host (https://host)"))
            .transpose()?;

        let flag = |explicit: Option<bool>, var: &str, key: &str| -> Result<bool, ConfigError> {
            match explicit {
                Some(on) => Ok(on),
                None => Ok(sources
                    .find(&[var], key)
                    .map(|found| found.parse(parse_bool, "true or false"))
                    .transpose()?
                    .unwrap_or(false)),
            }
        };
        let use_fips = flag(self.use_fips, "AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint")?;
        let use_dual_stack = flag(
            self.use_dual_stack,
            "AWS_USE_DUALSTACK_ENDPOINT",
            "use_dualstack_endpoint",
        )?;

        let max_attempts = match self.max_attempts {
            Some(0) => {
                return Err(ConfigError::Invalid {
                    setting: "ConfigLoader::max_attempts".to_owned(),
                    value: "0".to_owned(),
                    expected: "an integer from 1",
                })
            }
            Some(n) => n,
            None => sources
                .find(&["AWS_MAX_ATTEMPTS"], "max_attempts")
                .map(|found| found.parse(parse_attempts, "an integer from 1"))
                .transpose()?
                .unwrap_or(3),
        };
        let retry_mode = match self.retry_mode {
            Some(mode) => mode,
            None => sources
                .find(&["AWS_RETRY_MODE"], "retry_mode")
                .map(|found| {
                    found.parse(
                        parse_retry_mode,
                        "standard or legacy (adaptive is not supported)",
                    )
                })
                .transpose()?
                .unwrap_or_default(),
        };
        let app_id = explicit("app_id", &self.app_id)
            .or_else(|| sources.find(&["AWS_SDK_UA_APP_ID"], "sdk_ua_app_id"))
            .map(|found| {
                found.parse(
                    parse_app_id,
                    "at most 50 letters, digits or !#$%&'*+-.^_`|~",
                )
            })
            .transpose()?;

        Ok(Config {
            profile: files.selected_name().to_owned(),
            region,
            endpoint_url,
            use_fips,
            use_dual_stack,
            max_attempts,
            retry_mode,
            app_id,
        })
    }
}

/// A value and where it was found.
struct Found {
    value: String,
    setting: String,
}

impl Found {
    fn new(value: &str, setting: String) -> Self {
        Self {
            value: value.to_owned(),
            setting,
        }
    }

    fn parse<T>(
        self,
        parse: fn(&str) -> Option<T>,
        expected: &'static str,
    ) -> Result<T, ConfigError> {
        parse(self.value.trim()).ok_or(ConfigError::Invalid {
            setting: self.setting,
            value: self.value,
            expected,
        })
    }
}

struct Sources<'a> {
    env: &'a dyn Env,
    files: &'a ProfileFiles,
}

impl Sources<'_> {
    /// The first non-blank of `vars`, else the profile's `key`.
    fn find(&self, vars: &[&str], key: &str) -> Option<Found> {
        for var in vars {
            if let Some(value) = self.env.get(var).filter(|v| !v.trim().is_empty()) {
                return Some(Found::new(&value, (*var).to_owned()));
            }
        }
        self.files.get(key).map(|value| {
            Found::new(
                value,
                format!(
                    "{key} of profile `{}` ({})",
                    self.files.selected_name(),
                    self.files.paths()
                ),
            )
        })
    }
}

fn parse_region(value: &str) -> Option<String> {
    (!value.is_empty() && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .then(|| value.to_owned())
}

fn parse_url(value: &str) -> Option<http::Uri> {
    let uri: http::Uri = value.parse().ok()?;
    (uri.scheme().is_some() && uri.host().is_some_and(|h| !h.is_empty())).then_some(uri)
}

fn parse_bool(value: &str) -> Option<bool> {
    if value.eq_ignore_ascii_case("true") {
        Some(true)
    } else if value.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

fn parse_attempts(value: &str) -> Option<u32> {
    value.parse::<u32>().ok().filter(|n| *n >= 1)
}

fn parse_retry_mode(value: &str) -> Option<RetryMode> {
    if value.eq_ignore_ascii_case("standard") || value.eq_ignore_ascii_case("legacy") {
        Some(RetryMode::Standard)
    } else {
        None
    }
}

fn parse_app_id(value: &str) -> Option<String> {
    let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    (!value.is_empty() && value.chars().count() <= 50 && value.chars().all(token))
        .then(|| value.to_owned())
}

/// Resolved settings. Apply them to a client with [`apply`](Self::apply);
/// a generated client will build its endpoint parameters from
/// [`region`](Self::region), [`use_fips`](Self::use_fips),
/// [`use_dual_stack`](Self::use_dual_stack) and
/// [`endpoint_url`](Self::endpoint_url).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    profile: String,
    region: Option<String>,
    endpoint_url: Option<http::Uri>,
    use_fips: bool,
    use_dual_stack: bool,
    max_attempts: u32,
    retry_mode: RetryMode,
    app_id: Option<String>,
}

impl Config {
    /// The profile the files were read with.
    pub fn profile(&self) -> &str {
        &self.profile
    }

    /// The region, if any was found.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The endpoint URL that overrides endpoint resolution, if any.
    pub fn endpoint_url(&self) -> Option<&http::Uri> {
        self.endpoint_url.as_ref()
    }

    /// Whether FIPS endpoints are asked for.
    pub fn use_fips(&self) -> bool {
        self.use_fips
    }

    /// Whether dual-stack endpoints are asked for.
    pub fn use_dual_stack(&self) -> bool {
        self.use_dual_stack
    }

    /// Attempts per call, the first included.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The retry mode.
    pub fn retry_mode(&self) -> RetryMode {
        self.retry_mode
    }

    /// The user agent's application id.
    pub fn app_id(&self) -> Option<&str> {
        self.app_id.as_deref()
    }

    /// Puts the settings in `client`: region, FIPS, dual-stack, app id, max
    /// attempts, the endpoint URL (when one was configured) as its
    /// endpoint, and the region as its signing region (when it signs).
    pub fn apply(&self, client: &mut ClientConfig) {
        client.region.clone_from(&self.region);
        client.use_fips = self.use_fips;
        client.use_dual_stack = self.use_dual_stack;
        client.app_id.clone_from(&self.app_id);
        client.retry.max_attempts = self.max_attempts;
        if let Some(url) = &self.endpoint_url {
            client.endpoint = url.clone();
        }
        if let (Some(signing), Some(region)) = (client.signing.as_mut(), &self.region) {
            signing.region.clone_from(region);
        }
    }
}
