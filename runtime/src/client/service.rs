//! What every generated service client is: a configuration resolved once
//! (endpoint, signing, retries, timeouts) and the transport, shared by
//! every call. Generated clients hold a [`ServiceClient`] and have one
//! method per operation, each a line calling [`ServiceClient::call`] (or
//! [`ServiceClient::call_blocking`]).

use std::error::Error;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::call::{self, CallError, ClientConfig, SigningConfig};
use super::retry::RetryConfig;
use super::timeout::TimeoutConfig;
use super::transport::{Clock, HttpClient, Sleep, SystemClock};
use crate::config::{Config, ConfigError};
use crate::credentials::{default_provider, ProvideCredentials, ProviderConfig};
use crate::endpoint::{Endpoint, ResolveError};
use crate::sigv4::Signer;
use crate::Operation;

/// What a client is built from: the resolved [`Config`] (region, endpoint
/// URL, FIPS, dual-stack, attempts, application id), the transport, and
/// where credentials come from.
///
/// ```no_run
/// use std::sync::Arc;
/// use awsgen_runtime::client::{ClientSettings, ReplayClient, Sleep};
/// use awsgen_runtime::config::ConfigLoader;
/// use awsgen_runtime::Credentials;
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let sleep: Arc<dyn Sleep> = todo!("a timer, such as awsgen_transport::TokioSleep");
/// let env = std::collections::BTreeMap::<String, String>::new();
/// let config = ConfigLoader::new(Arc::new(env)).region("eu-west-1").load()?;
/// let replay = Arc::new(ReplayClient::new([]));
/// let settings = ClientSettings::new(config, replay, sleep)
///     .credentials(Credentials::new("AKIDEXAMPLE", "secret"));
/// # let _ = settings; Ok(()) }
/// ```
#[derive(Clone)]
pub struct ClientSettings {
    config: Config,
    http: Arc<dyn HttpClient>,
    sleep: Arc<dyn Sleep>,
    clock: Arc<dyn Clock>,
    credentials: Option<Arc<dyn ProvideCredentials>>,
    timeouts: TimeoutConfig,
    retry: Option<RetryConfig>,
    validate: bool,
}

impl fmt::Debug for ClientSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientSettings")
            .field("config", &self.config)
            .field("signed", &self.credentials.is_some())
            .field("timeouts", &self.timeouts)
            .field("retry", &self.retry)
            .field("validate", &self.validate)
            .finish_non_exhaustive()
    }
}

impl ClientSettings {
    /// Settings from `config`, sending through `http` and waiting on
    /// `sleep` (retry delays, timeouts), signing with the default
    /// credentials chain ([`default_provider`]: environment, profile,
    /// container, instance metadata, over `http`; cached), the default
    /// timeouts and the retries `config` asks for.
    pub fn new(config: Config, http: Arc<dyn HttpClient>, sleep: Arc<dyn Sleep>) -> Self {
        let provider = ProviderConfig::from_process_env()
            .with_http(http.clone())
            .with_sleep(sleep.clone());
        Self::with_provider_config(config, http, sleep, &provider)
    }

    /// Settings for a blocking client ([`ServiceClient::call_blocking`]):
    /// as [`new`](Self::new), but `http` must need no async runtime (its
    /// futures are driven on the calling thread: `UreqClient`, the replay)
    /// and waits block the thread. The credentials providers then have no
    /// timer: the transport's own timeouts bound their requests.
    pub fn blocking(config: Config, http: Arc<dyn HttpClient>) -> Self {
        let provider = ProviderConfig::from_process_env().with_http(http.clone());
        Self::with_provider_config(config, http, Arc::new(ThreadSleep), &provider)
    }

    fn with_provider_config(
        config: Config,
        http: Arc<dyn HttpClient>,
        sleep: Arc<dyn Sleep>,
        provider: &ProviderConfig,
    ) -> Self {
        let credentials: Arc<dyn ProvideCredentials> = Arc::new(default_provider(None, provider));
        Self {
            config,
            http,
            sleep,
            clock: Arc::new(SystemClock),
            credentials: Some(credentials),
            timeouts: TimeoutConfig::default(),
            retry: None,
            validate: true,
        }
    }

    /// Signs with these credentials instead (fixed [`Credentials`](crate::Credentials),
    /// or any provider).
    pub fn credentials(mut self, credentials: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Some(Arc::new(credentials));
        self
    }

    /// Signs with credentials from this shared provider instead.
    pub fn credentials_provider(mut self, credentials: Arc<dyn ProvideCredentials>) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Sends requests unsigned (for services or test servers that take
    /// anonymous calls).
    pub fn unsigned(mut self) -> Self {
        self.credentials = None;
        self
    }

    /// The connect, attempt and whole-call timeouts (give the same to the
    /// transport you build: it applies `connect` and `attempt` itself).
    pub fn timeouts(mut self, timeouts: TimeoutConfig) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// The retry settings, over what the configuration says (its
    /// `max_attempts` included).
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = Some(retry);
        self
    }

    /// Whether inputs are checked against the model before sending (on by
    /// default; see [`ClientConfig::validate`]).
    pub fn validate(mut self, validate: bool) -> Self {
        self.validate = validate;
        self
    }

    /// The clock requests are signed with (tests).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// The configuration the settings were made from.
    pub fn config(&self) -> &Config {
        &self.config
    }
}

/// What a generated client tells the runtime about its service.
#[derive(Debug, Clone, Copy)]
pub struct ServiceSpec {
    /// The service id (`IoT`), for messages.
    pub service_id: &'static str,
    /// The SigV4 signing name (`iot`), unless the endpoint says otherwise.
    pub signing_name: &'static str,
    /// The service's generated endpoint resolver, over the built-in
    /// parameters.
    pub resolve: fn(&EndpointInputs<'_>) -> Result<Endpoint, ResolveError>,
}

/// The built-in endpoint parameters a client knows (`AWS::Region`,
/// `AWS::UseFIPS`, `AWS::UseDualStack`, `SDK::Endpoint`); the generated
/// resolver function maps them onto the service's `Params`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EndpointInputs<'a> {
    /// The region.
    pub region: Option<&'a str>,
    /// Whether FIPS endpoints are asked for.
    pub use_fips: bool,
    /// Whether dual-stack endpoints are asked for.
    pub use_dual_stack: bool,
    /// A configured endpoint URL, which overrides the rules' answer.
    pub endpoint: Option<&'a str>,
}

/// Why a client could not be built.
#[derive(Debug)]
#[non_exhaustive]
pub enum ClientBuildError {
    /// The configuration (environment, profile files) is invalid.
    Config(ConfigError),
    /// The endpoint rules have no endpoint for this configuration (their
    /// message says why: a missing region, FIPS with a custom endpoint…).
    Endpoint(ResolveError),
    /// The resolved endpoint is not a valid URL.
    EndpointUrl {
        /// The URL.
        url: String,
        /// Why it does not parse.
        error: http::uri::InvalidUri,
    },
    /// A header the endpoint rules give is not a valid HTTP header.
    EndpointHeader {
        /// The header's name.
        name: String,
        /// The value, as the rules give it.
        value: String,
    },
    /// Requests are to be signed but no region is configured to sign for.
    NoRegion {
        /// The service.
        service: &'static str,
    },
    /// The transport could not be set up (TLS roots, …).
    Transport(Box<dyn Error + Send + Sync + 'static>),
}

impl fmt::Display for ClientBuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientBuildError::Config(error) => write!(f, "invalid configuration: {error}"),
            ClientBuildError::Endpoint(error) => write!(f, "no endpoint: {error}"),
            ClientBuildError::EndpointUrl { url, error } => {
                write!(f, "the endpoint `{url}` is not a valid URL: {error}")
            }
            ClientBuildError::EndpointHeader { name, value } => write!(
                f,
                "the endpoint rules give header `{name}: {value}`, which is not a valid HTTP header"
            ),
            ClientBuildError::NoRegion { service } => write!(
                f,
                "no region to sign {service} requests for: set AWS_REGION, the profile's `region`, or ConfigLoader::region"
            ),
            ClientBuildError::Transport(error) => {
                write!(f, "could not set up the HTTP transport: {error}")
            }
        }
    }
}

impl Error for ClientBuildError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            ClientBuildError::Config(error) => Some(error),
            ClientBuildError::Endpoint(error) => Some(error),
            ClientBuildError::EndpointUrl { error, .. } => Some(error),
            ClientBuildError::EndpointHeader { .. } | ClientBuildError::NoRegion { .. } => None,
            ClientBuildError::Transport(error) => Some(&**error),
        }
    }
}

impl From<ConfigError> for ClientBuildError {
    fn from(error: ConfigError) -> Self {
        ClientBuildError::Config(error)
    }
}

/// A service client's shared state: the configuration resolved once
/// (endpoint from the service's rules, signing, retries, timeouts) and the
/// transport. Cheap to clone (an `Arc`); clones share the retry quota and
/// the credentials cache.
#[derive(Clone)]
pub struct ServiceClient {
    inner: Arc<Inner>,
}

struct Inner {
    config: ClientConfig,
    http: Arc<dyn HttpClient>,
    sleep: Arc<dyn Sleep>,
    clock: Arc<dyn Clock>,
}

impl fmt::Debug for ServiceClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceClient")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

impl ServiceClient {
    /// Resolves the endpoint once (the rules with the configured region,
    /// FIPS, dual-stack and endpoint URL), and sets up signing (the
    /// endpoint's `sigv4` auth scheme's name and region when it gives
    /// them, else the service's signing name and the configured region).
    ///
    /// # Errors
    ///
    /// [`ClientBuildError::Endpoint`] or `EndpointUrl` when the rules give
    /// no usable endpoint, [`ClientBuildError::NoRegion`] when requests are
    /// signed and no region is known.
    #[doc(hidden)]
    pub fn new(settings: ClientSettings, service: &ServiceSpec) -> Result<Self, ClientBuildError> {
        let config = &settings.config;
        let configured_url = config.endpoint_url().map(http::Uri::to_string);
        let inputs = EndpointInputs {
            region: config.region(),
            use_fips: config.use_fips(),
            use_dual_stack: config.use_dual_stack(),
            endpoint: configured_url.as_deref(),
        };
        let endpoint = (service.resolve)(&inputs).map_err(ClientBuildError::Endpoint)?;
        let uri: http::Uri =
            endpoint
                .url
                .parse()
                .map_err(|error| ClientBuildError::EndpointUrl {
                    url: endpoint.url.clone(),
                    error,
                })?;
        let mut client = ClientConfig::new(uri.clone());
        client.endpoint_headers = endpoint_headers(&endpoint)?;
        if let Some(credentials) = settings.credentials {
            let (name, region) = sigv4_scheme(&endpoint);
            let region = region
                .or(config.region())
                .ok_or(ClientBuildError::NoRegion {
                    service: service.service_id,
                })?;
            client.signing = Some(SigningConfig {
                signer: Signer::new(),
                credentials,
                region: region.to_owned(),
                service: name.unwrap_or(service.signing_name).to_owned(),
            });
        }
        config.apply(&mut client);
        // The resolved endpoint, over the URL `apply` copied: the rules
        // return a configured URL as it is, but may add a path.
        client.endpoint = uri;
        if let (Some(signing), Some(region)) = (client.signing.as_mut(), sigv4_scheme(&endpoint).1)
        {
            region.clone_into(&mut signing.region);
        }
        client.timeouts = settings.timeouts;
        client.validate = settings.validate;
        if let Some(retry) = settings.retry {
            client.retry = retry;
        }
        Ok(Self {
            inner: Arc::new(Inner {
                config: client,
                http: settings.http,
                sleep: settings.sleep,
                clock: settings.clock,
            }),
        })
    }

    /// The resolved configuration every call uses.
    pub fn config(&self) -> &ClientConfig {
        &self.inner.config
    }

    /// Calls operation `O` ([`call::send`]): only building its request and
    /// parsing its response are compiled per operation.
    ///
    /// # Errors
    ///
    /// The call's [`CallError`].
    pub async fn call<O: Operation>(
        &self,
        input: O::Input,
    ) -> Result<O::Output, CallError<O::Error>>
    where
        O::Input: Sync,
    {
        let inner = &*self.inner;
        call::send::<O>(
            &inner.config,
            input,
            &*inner.http,
            &*inner.sleep,
            &*inner.clock,
        )
        .await
    }

    /// Calls operation `O` on this thread ([`call::send_blocking`]): the
    /// transport's futures are driven by [`block_on`](super::block_on),
    /// so it must be one that needs no async runtime (`UreqClient`, the
    /// replay); retry delays block the thread.
    ///
    /// # Errors
    ///
    /// The call's [`CallError`].
    pub fn call_blocking<O: Operation>(
        &self,
        mut input: O::Input,
    ) -> Result<O::Output, CallError<O::Error>>
    where
        O::Input: Sync,
    {
        call::prepare_input::<O>(&self.inner.config, &mut input).map_err(CallError::Validation)?;
        let build = || O::build_request(&input);
        call::parse_outcome::<O>(self.send_blocking_raw(O::NAME, &build))
    }

    fn send_blocking_raw(
        &self,
        operation: &'static str,
        build: call::BuildFn<'_>,
    ) -> call::RawOutcome {
        let inner = &*self.inner;
        let http = &*inner.http;
        call::send_blocking_raw(
            &inner.config,
            operation,
            build,
            &mut |request| super::block_on(http.call(request)),
            &mut |delay: Duration| std::thread::sleep(delay),
            &*inner.clock,
        )
    }
}

/// Waits by blocking the thread when polled: right only where futures are
/// driven on the calling thread ([`block_on`](super::block_on)).
#[derive(Debug, Clone, Copy)]
struct ThreadSleep;

impl Sleep for ThreadSleep {
    fn sleep(&self, duration: Duration) -> super::transport::BoxFuture<'_, ()> {
        Box::pin(async move { std::thread::sleep(duration) })
    }
}

/// The resolved endpoint's headers as an `http::HeaderMap`, each name's
/// values in the rules' order.
fn endpoint_headers(endpoint: &Endpoint) -> Result<http::HeaderMap, ClientBuildError> {
    let mut headers = http::HeaderMap::new();
    for (name, values) in &endpoint.headers {
        for value in values {
            let invalid = || ClientBuildError::EndpointHeader {
                name: name.clone(),
                value: value.clone(),
            };
            let header_name =
                http::HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid())?;
            let header_value = http::HeaderValue::from_str(value).map_err(|_| invalid())?;
            headers.append(header_name, header_value);
        }
    }
    Ok(headers)
}

/// The signing name and region of the endpoint's `sigv4` auth scheme
/// (`authSchemes` property), where the rules give them.
fn sigv4_scheme(endpoint: &Endpoint) -> (Option<&str>, Option<&str>) {
    let scheme = endpoint
        .properties
        .get("authSchemes")
        .and_then(|schemes| schemes.as_array())
        .and_then(|schemes| {
            schemes
                .iter()
                .filter_map(|scheme| scheme.as_object())
                .find(|scheme| scheme.get("name").and_then(|n| n.as_str()) == Some("sigv4"))
        });
    match scheme {
        Some(scheme) => (
            scheme.get("signingName").and_then(|n| n.as_str()),
            scheme.get("signingRegion").and_then(|r| r.as_str()),
        ),
        None => (None, None),
    }
}
