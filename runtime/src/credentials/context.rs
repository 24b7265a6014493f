//! What providers take from the outside world, injected so that tests
//! never touch the real environment, network or clock.

use std::fmt;
use std::sync::Arc;

use super::profile::{Env, Platform, ProcessEnv};
use crate::client::{Clock, HttpClient, Sleep, SystemClock};

/// The environment, the platform's file rules, the HTTP client and sleep
/// for metadata services, and the clock, shared by the providers of the
/// default chain and by its cache.
///
/// Without an HTTP client the container provider fails when configured
/// and the instance-metadata provider has nothing (`NotLoaded`): this crate
/// has no transport of its own. Without a [`Sleep`] metadata requests rely
/// on the transport's own timeouts only.
#[derive(Clone)]
pub struct ProviderConfig {
    pub(crate) env: Arc<dyn Env>,
    pub(crate) platform: Platform,
    pub(crate) profile: Option<String>,
    pub(crate) http: Option<Arc<dyn HttpClient>>,
    pub(crate) sleep: Option<Arc<dyn Sleep>>,
    pub(crate) clock: Arc<dyn Clock>,
}

/// Never shows the environment: it may hold secrets.
impl fmt::Debug for ProviderConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProviderConfig")
            .field("platform", &self.platform)
            .field("profile", &self.profile)
            .field("http", &self.http.is_some())
            .field("sleep", &self.sleep.is_some())
            .finish_non_exhaustive()
    }
}

impl ProviderConfig {
    /// Reads `env` on this platform, no HTTP client, the system clock.
    pub fn new(env: Arc<dyn Env>) -> Self {
        Self {
            env,
            platform: Platform::current(),
            profile: None,
            http: None,
            sleep: None,
            clock: Arc::new(SystemClock),
        }
    }

    /// The process's real environment ([`ProcessEnv`]).
    pub fn from_process_env() -> Self {
        Self::new(Arc::new(ProcessEnv))
    }

    /// Calls metadata services (container, IMDS) through `http`.
    pub fn with_http(mut self, http: Arc<dyn HttpClient>) -> Self {
        self.http = Some(http);
        self
    }

    /// Bounds metadata requests in time with `sleep` (raced against the
    /// request).
    pub fn with_sleep(mut self, sleep: Arc<dyn Sleep>) -> Self {
        self.sleep = Some(sleep);
        self
    }

    /// Reads the time (expiry checks, the cache) from `clock`.
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Applies `platform`'s home-directory rules.
    pub fn with_platform(mut self, platform: Platform) -> Self {
        self.platform = platform;
        self
    }

    /// Uses the profile `name` whatever `AWS_PROFILE` says.
    pub fn with_profile(mut self, name: impl Into<String>) -> Self {
        self.profile = Some(name.into());
        self
    }

    /// The environment.
    pub fn env(&self) -> &Arc<dyn Env> {
        &self.env
    }

    /// The clock.
    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }
}
