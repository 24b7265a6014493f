//! The per-call state machine and its two drivers.

use std::convert::Infallible;
use std::error::Error;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use http::header::{HeaderName, HeaderValue, USER_AGENT};

use super::retry::{self, Random, RetryConfig, RetryKind, RetryQuota};
use super::timeout::{self, AttemptTimeout, TimeoutConfig};
use super::trace::CallTrace;
use super::transport::{Clock, HttpClient, Sleep, TransportError};
use crate::credentials::{CredentialsError, ProvideCredentials};
use crate::request::{idempotency_token, BuildError, HostPrefix};
use crate::response::{MalformedResponse, ResponseError};
use crate::sigv4::{Signer, SigningError, SigningParams};
use crate::validate::ValidationError;
use crate::{Credentials, HasResponseMetadata, Operation};

/// The user agent every request carries.
pub const USER_AGENT_VALUE: &str = concat!("awsgen/", env!("CARGO_PKG_VERSION"));

const INVOCATION_ID: HeaderName = HeaderName::from_static("amz-sdk-invocation-id");
const SDK_REQUEST: HeaderName = HeaderName::from_static("amz-sdk-request");

/// What signs the requests of a client: SigV4 with the credentials of a
/// provider.
#[derive(Debug, Clone)]
pub struct SigningConfig {
    /// The signer (and its key cache).
    pub signer: Signer,
    /// Where the credentials come from, asked before every attempt: fixed
    /// [`Credentials`] (a provider of themselves), or a
    /// [`CachedProvider`](crate::credentials::CachedProvider) such as
    /// [`default_provider`](crate::credentials::default_provider), so that
    /// only the first call (and one call per refresh) does the work.
    pub credentials: Arc<dyn ProvideCredentials>,
    /// The region signed for.
    pub region: String,
    /// The service's signing name (`iot`).
    pub service: String,
}

impl SigningConfig {
    /// Signs for `region` and `service` with credentials from
    /// `credentials` and a fresh signer.
    pub fn new(
        credentials: impl ProvideCredentials + 'static,
        region: impl Into<String>,
        service: impl Into<String>,
    ) -> Self {
        Self {
            signer: Signer::new(),
            credentials: Arc::new(credentials),
            region: region.into(),
            service: service.into(),
        }
    }
}

/// What every call of a client shares: endpoint, retry settings and quota,
/// signing, randomness, and the resolved settings endpoint resolution
/// reads ([`crate::config::Config::apply`] fills them).
#[derive(Clone)]
pub struct ClientConfig {
    /// The base URL (`https://iot.us-east-1.amazonaws.com`); a path in it
    /// is prepended to every request's path.
    pub endpoint: http::Uri,
    /// Headers the endpoint rules ask every request to carry (the
    /// resolved endpoint's `headers`), added before signing.
    pub endpoint_headers: http::HeaderMap,
    /// The retry settings.
    pub retry: RetryConfig,
    /// The retry quota, shared by the calls of clients holding a clone.
    pub quota: RetryQuota,
    /// Signing; `None` sends requests unsigned.
    pub signing: Option<SigningConfig>,
    /// The jitter's randomness.
    pub random: Arc<dyn Random>,
    /// Connect, attempt and whole-call timeouts.
    pub timeouts: TimeoutConfig,
    /// The resolved region, for endpoint parameters (`None`: unknown).
    /// Signing uses [`SigningConfig::region`].
    pub region: Option<String>,
    /// Whether FIPS endpoints are asked for (endpoint parameter
    /// `UseFIPS`).
    pub use_fips: bool,
    /// Whether dual-stack endpoints are asked for (endpoint parameter
    /// `UseDualStack`).
    pub use_dual_stack: bool,
    /// The application id appended to the user agent as `app/<id>`
    /// (`AWS_SDK_UA_APP_ID`).
    pub app_id: Option<String>,
    /// Whether inputs are checked against the model before sending
    /// ([`Operation::validate`]; on by default, as in botocore's
    /// `parameter_validation`). Off, an input the model forbids is sent
    /// as it is and the service answers.
    pub validate: bool,
}

impl fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientConfig")
            .field("endpoint", &self.endpoint)
            .field("endpoint_headers", &self.endpoint_headers)
            .field("retry", &self.retry)
            .field("quota", &self.quota)
            .field("signing", &self.signing)
            .field("timeouts", &self.timeouts)
            .field("region", &self.region)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("app_id", &self.app_id)
            .field("validate", &self.validate)
            .finish_non_exhaustive()
    }
}

impl ClientConfig {
    /// A configuration for `endpoint` with the default retry settings, a
    /// fresh quota, no signing, the operating system's randomness, no
    /// region, FIPS and dual-stack off, no application id, inputs
    /// validated.
    pub fn new(endpoint: http::Uri) -> Self {
        Self {
            endpoint,
            endpoint_headers: http::HeaderMap::new(),
            retry: RetryConfig::default(),
            quota: RetryQuota::default(),
            signing: None,
            random: Arc::new(retry::OsRandom),
            timeouts: TimeoutConfig::default(),
            region: None,
            use_fips: false,
            use_dual_stack: false,
            app_id: None,
            validate: true,
        }
    }
}

/// Why a call failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum CallError<E> {
    /// The service answered with an error (modeled, or `Unhandled`), after
    /// retries if it was retryable.
    Service(E),
    /// The response did not match the model.
    Malformed(MalformedResponse),
    /// The input could not be turned into a request.
    Build(BuildError),
    /// The endpoint and the request's path make no valid URI.
    Endpoint(http::Error),
    /// No response, after every attempt allowed (`attempts` of them).
    Transport {
        /// The last attempt's error.
        error: TransportError,
        /// How many attempts were made.
        attempts: u32,
    },
    /// The request could not be signed.
    Signing(SigningError),
    /// The call's time budget ([`TimeoutConfig::call`]) ran out, during an
    /// attempt or before a retry.
    TimedOut {
        /// The budget.
        budget: Duration,
        /// How many attempts were started.
        attempts: u32,
    },
    /// No credentials to sign with: the provider failed. Not retried (a
    /// provider retries what it can itself).
    Credentials(CredentialsError),
    /// The input breaks the model's rules ([`Operation::validate`]):
    /// nothing was sent.
    Validation(ValidationError),
}

impl<E: fmt::Display> fmt::Display for CallError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Service(error) => error.fmt(f),
            CallError::Malformed(error) => error.fmt(f),
            CallError::Build(error) => write!(f, "could not build the request: {error}"),
            CallError::Endpoint(error) => write!(f, "invalid endpoint: {error}"),
            CallError::Transport { error, attempts } => {
                write!(f, "no response after {attempts} attempt(s): {error}")
            }
            CallError::Signing(error) => write!(f, "could not sign the request: {error}"),
            CallError::TimedOut { budget, attempts } => write!(
                f,
                "the call timed out: its budget of {budget:?} ran out after {attempts} attempt(s)"
            ),
            CallError::Credentials(error) => write!(f, "no credentials to sign with: {error}"),
            CallError::Validation(error) => error.fmt(f),
        }
    }
}

impl<E: Error + 'static> Error for CallError<E> {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            CallError::Service(error) => error.source(),
            CallError::Malformed(error) => error.source(),
            CallError::Build(error) => Some(error),
            CallError::Endpoint(error) => Some(error),
            CallError::Transport { error, .. } => Some(error),
            CallError::Signing(error) => Some(error),
            CallError::TimedOut { .. } => None,
            CallError::Credentials(error) => Some(error),
            CallError::Validation(error) => Some(error),
        }
    }
}

/// The status and request id of the last response, for the errors that
/// come from one (service and malformed); `None` for the others.
impl<E: HasResponseMetadata> HasResponseMetadata for CallError<E> {
    fn request_id(&self) -> Option<&str> {
        match self {
            CallError::Service(error) => error.request_id(),
            CallError::Malformed(error) => error.request_id(),
            _ => None,
        }
    }

    fn http_status(&self) -> Option<u16> {
        match self {
            CallError::Service(error) => error.http_status(),
            CallError::Malformed(error) => error.http_status(),
            _ => None,
        }
    }
}

impl<E> From<ResponseError<E>> for CallError<E> {
    fn from(error: ResponseError<E>) -> Self {
        match error {
            ResponseError::Service(error) => CallError::Service(error),
            ResponseError::Malformed(error) => CallError::Malformed(error),
        }
    }
}

/// What the state machine wants after an attempt's outcome.
#[derive(Debug)]
pub enum Next<T, E> {
    /// Wait this long, then start the next attempt.
    Sleep(Duration),
    /// The call is over.
    Done(Result<T, CallError<E>>),
}

/// The raw outcome of a call before its response is parsed: the last
/// response (success, or an error response after retries), or why there is
/// none. What the operation-independent core hands back.
pub(crate) type RawOutcome = Result<http::Response<Vec<u8>>, CallError<Infallible>>;

impl CallError<Infallible> {
    /// The same error, as the error of a call of any operation (a raw
    /// outcome has no service error: responses are parsed afterwards).
    pub(crate) fn widen<E>(self) -> CallError<E> {
        match self {
            CallError::Service(never) => match never {},
            CallError::Malformed(error) => CallError::Malformed(error),
            CallError::Build(error) => CallError::Build(error),
            CallError::Endpoint(error) => CallError::Endpoint(error),
            CallError::Transport { error, attempts } => CallError::Transport { error, attempts },
            CallError::Signing(error) => CallError::Signing(error),
            CallError::TimedOut { budget, attempts } => CallError::TimedOut { budget, attempts },
            CallError::Credentials(error) => CallError::Credentials(error),
            CallError::Validation(error) => CallError::Validation(error),
        }
    }
}

/// Fills the input's idempotency tokens once, so every attempt sends the
/// same ones, then checks it against the model ([`Operation::validate`])
/// when [`ClientConfig::validate`] is on: what every call does before its
/// first attempt.
///
/// # Errors
///
/// The input's [`ValidationError`]: the call ends before anything is sent.
pub(crate) fn prepare_input<O: Operation>(
    config: &ClientConfig,
    input: &mut O::Input,
) -> Result<(), ValidationError> {
    O::fill_idempotency_tokens(input);
    if config.validate {
        O::validate(input)
    } else {
        Ok(())
    }
}

/// What the request builder of a call is, once its operation is erased:
/// the input's `build_request`, the input captured.
pub(crate) type BuildFn<'a> =
    &'a (dyn Fn() -> Result<http::Request<Vec<u8>>, BuildError> + Sync + 'a);

/// Everything about a call but its operation: attempts, the invocation
/// id, the retry tokens taken, the credentials, and the work of each
/// attempt (endpoint, headers, signing, classification). Compiled once,
/// not once per operation: [`Call`] only adds building the request and
/// parsing the response.
struct CallCore<'c> {
    config: &'c ClientConfig,
    invocation_id: String,
    attempt: u32,
    /// Quota tokens taken for the last retry, given back on success.
    acquired: Option<u32>,
    /// What the next attempt signs with (from the last
    /// [`resolve_credentials`](Self::resolve_credentials)).
    credentials: Option<Credentials>,
    /// The call's and attempt's spans (`tracing` feature).
    trace: CallTrace,
}

impl<'c> CallCore<'c> {
    fn new(config: &'c ClientConfig, operation: &'static str) -> Self {
        let service = match &config.signing {
            Some(signing) => signing.service.as_str(),
            None => config.endpoint.host().unwrap_or_default(),
        };
        Self {
            config,
            invocation_id: idempotency_token(),
            attempt: 0,
            acquired: None,
            credentials: None,
            trace: CallTrace::start(service, operation),
        }
    }

    async fn resolve_credentials(&mut self) -> Result<(), CallError<Infallible>> {
        if let Some(signing) = &self.config.signing {
            let credentials = signing
                .credentials
                .provide_credentials()
                .await
                .map_err(CallError::Credentials)?;
            self.credentials = Some(credentials);
        }
        Ok(())
    }

    fn start_attempt(
        &mut self,
        built: Result<http::Request<Vec<u8>>, BuildError>,
        now: SystemTime,
    ) -> Result<http::Request<Vec<u8>>, CallError<Infallible>> {
        self.attempt += 1;
        self.trace.attempt(self.attempt);
        let mut request = built.map_err(CallError::Build)?;
        apply_endpoint(&self.config.endpoint, &mut request).map_err(CallError::Endpoint)?;
        let headers = request.headers_mut();
        for (name, value) in &self.config.endpoint_headers {
            headers.append(name, value.clone());
        }
        let user_agent = match &self.config.app_id {
            Some(app) => HeaderValue::from_str(&format!("{USER_AGENT_VALUE} app/{app}"))
                .unwrap_or(HeaderValue::from_static(USER_AGENT_VALUE)),
            None => HeaderValue::from_static(USER_AGENT_VALUE),
        };
        headers.insert(USER_AGENT, user_agent);
        // Both values are ASCII made here (a UUID, two numbers).
        if let Ok(value) = HeaderValue::from_str(&self.invocation_id) {
            headers.insert(INVOCATION_ID, value);
        }
        let attempts = format!(
            "attempt={}; max={}",
            self.attempt,
            self.config.retry.max_attempts.max(1)
        );
        if let Ok(value) = HeaderValue::from_str(&attempts) {
            headers.insert(SDK_REQUEST, value);
        }
        if let Some(signing) = &self.config.signing {
            let credentials = self.credentials.as_ref().ok_or_else(|| {
                CallError::Credentials(CredentialsError::invalid(
                    "call",
                    "no credentials were resolved before the attempt (call resolve_credentials first)",
                ))
            })?;
            let params = SigningParams::new(&signing.region, &signing.service, now);
            signing
                .signer
                .sign(&mut request, credentials, &params)
                .map_err(CallError::Signing)?;
        }
        Ok(request)
    }

    fn receive(
        &mut self,
        outcome: Result<http::Response<Vec<u8>>, TransportError>,
    ) -> Next<http::Response<Vec<u8>>, Infallible> {
        let (kind, retry_after) = match &outcome {
            Ok(response) => (
                retry::classify_response(response.status(), response.headers(), response.body()),
                retry::retry_after(response.headers()),
            ),
            Err(_) => (RetryKind::Transient, None),
        };
        if kind != RetryKind::NotRetryable && self.attempt < self.config.retry.max_attempts {
            let cost = match kind {
                RetryKind::Throttling => self.config.retry.throttling_retry_cost,
                _ => self.config.retry.retry_cost,
            };
            if self.config.quota.try_acquire(cost) {
                self.trace.outcome(&outcome, true);
                self.acquired = Some(cost);
                let random = self.config.random.unit();
                return Next::Sleep(self.config.retry.delay(
                    self.attempt,
                    kind,
                    random,
                    retry_after,
                ));
            }
        }
        self.trace.outcome(&outcome, false);
        let result = self.finish(outcome);
        self.trace.finish(&result);
        Next::Done(result)
    }

    fn finish(&mut self, outcome: Result<http::Response<Vec<u8>>, TransportError>) -> RawOutcome {
        let response = outcome.map_err(|error| CallError::Transport {
            error,
            attempts: self.attempt,
        })?;
        if response.status().is_success() {
            // botocore: give back what the last retry took, or the
            // no-retry increment.
            let amount = self
                .acquired
                .take()
                .unwrap_or(self.config.retry.success_increment);
            self.config.quota.release(amount);
        }
        Ok(response)
    }
}

/// Parses a call's raw outcome as operation `O`'s output or error.
pub(crate) fn parse_outcome<O: Operation>(
    outcome: RawOutcome,
) -> Result<O::Output, CallError<O::Error>> {
    match outcome {
        Ok(response) => O::parse_http_response(&response).map_err(CallError::from),
        Err(error) => Err(error.widen()),
    }
}

/// One call of operation `O`, sans IO: [`start_attempt`](Self::start_attempt)
/// gives the request to send, [`receive`](Self::receive) takes what came
/// back and says whether to sleep and try again or stop.
///
/// Only building the request and parsing the response depend on `O`;
/// the rest is an operation-independent core, compiled once.
pub struct Call<'c, O: Operation> {
    core: CallCore<'c>,
    input: O::Input,
    /// Why the input may not be sent, found by `Call::new`: the call
    /// ends with it before any credentials or request.
    invalid: Option<ValidationError>,
}

impl<O: Operation> fmt::Debug for Call<'_, O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("operation", &O::NAME)
            .field("invocation_id", &self.core.invocation_id)
            .field("attempt", &self.core.attempt)
            .finish_non_exhaustive()
    }
}

impl<'c, O: Operation> Call<'c, O> {
    /// A call of `O` with `input`; fills its idempotency tokens once, so
    /// every attempt sends the same ones, then validates the input
    /// ([`Operation::validate`], when [`ClientConfig::validate`] is on):
    /// an invalid input ends the call at
    /// [`resolve_credentials`](Self::resolve_credentials) or
    /// [`start_attempt`](Self::start_attempt), whichever comes first, with
    /// [`CallError::Validation`], before anything is sent.
    pub fn new(config: &'c ClientConfig, mut input: O::Input) -> Self {
        let invalid = prepare_input::<O>(config, &mut input).err();
        Self {
            core: CallCore::new(config, O::NAME),
            input,
            invalid,
        }
    }

    /// The validation error found by [`Call::new`], if any.
    fn check_input(&self) -> Result<(), CallError<O::Error>> {
        match &self.invalid {
            Some(error) => Err(CallError::Validation(error.clone())),
            None => Ok(()),
        }
    }

    /// Asks the signing configuration's provider for the credentials the
    /// next attempts sign with (a cache answers at once while they are
    /// fresh). Does nothing when requests are unsigned. The drivers call
    /// it before every attempt.
    ///
    /// # Errors
    ///
    /// [`CallError::Credentials`]; the call is then over.
    pub async fn resolve_credentials(&mut self) -> Result<(), CallError<O::Error>> {
        self.check_input()?;
        self.core
            .resolve_credentials()
            .await
            .map_err(CallError::widen)
    }

    /// [`resolve_credentials`](Self::resolve_credentials) on this thread
    /// ([`block_on`](super::block_on)): for the blocking driver, whose
    /// providers' HTTP clients must finish without an async runtime.
    ///
    /// # Errors
    ///
    /// [`CallError::Credentials`]; the call is then over.
    pub fn resolve_credentials_blocking(&mut self) -> Result<(), CallError<O::Error>> {
        super::block_on(self.resolve_credentials())
    }

    /// The attempt in progress (1-based; 0 before the first).
    pub fn attempt(&self) -> u32 {
        self.core.attempt
    }

    /// Starts the next attempt: builds the request, applies the endpoint,
    /// adds the SDK headers, signs for `now` with the credentials last
    /// resolved.
    ///
    /// # Errors
    ///
    /// A build, endpoint or signing error, or [`CallError::Credentials`]
    /// when requests are signed but no credentials were resolved; the call
    /// is then over.
    pub fn start_attempt(
        &mut self,
        now: SystemTime,
    ) -> Result<http::Request<Vec<u8>>, CallError<O::Error>> {
        self.check_input()?;
        let built = O::build_request(&self.input);
        self.core
            .start_attempt(built, now)
            .map_err(CallError::widen)
    }

    /// Takes the outcome of the attempt in progress.
    pub fn receive(
        &mut self,
        outcome: Result<http::Response<Vec<u8>>, TransportError>,
    ) -> Next<O::Output, O::Error> {
        match self.core.receive(outcome) {
            Next::Sleep(delay) => Next::Sleep(delay),
            Next::Done(outcome) => Next::Done(parse_outcome::<O>(outcome)),
        }
    }
}

/// Makes the request's origin-form URI (`/path?query`) absolute on
/// `endpoint`, with the [`HostPrefix`] of the request's extensions, if
/// any, before the host.
///
/// # Errors
///
/// When the result is no valid URI (a host prefix with invalid characters).
pub fn apply_endpoint(
    endpoint: &http::Uri,
    request: &mut http::Request<Vec<u8>>,
) -> Result<(), http::Error> {
    let scheme = endpoint.scheme_str().unwrap_or("https");
    let authority = endpoint.authority().map(|a| a.as_str()).unwrap_or("");
    let prefix = request
        .extensions()
        .get::<HostPrefix>()
        .map(HostPrefix::as_str)
        .unwrap_or("");
    let base_path = endpoint.path().trim_end_matches('/');
    let path_and_query = request
        .uri()
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or("/");
    let uri = format!("{scheme}://{prefix}{authority}{base_path}{path_and_query}");
    *request.uri_mut() = http::Uri::try_from(uri)?;
    Ok(())
}

/// Runs a call to its end on an async transport. Before each attempt the
/// signing credentials are asked of their provider (awaited).
///
/// Each attempt races [`TimeoutConfig::attempt`] and the whole call
/// [`TimeoutConfig::call`], both timed by `sleep` (which must therefore
/// really wait; a timer is only asked for when the transport is not ready
/// at once).
///
/// Generic over the operation only to build its requests and parse its
/// response: the loop (credentials, signing, retries, timeouts) is one
/// function for every operation, so a crate with hundreds of operations
/// compiles it once.
///
/// # Errors
///
/// The call's [`CallError`].
pub async fn send<O: Operation>(
    config: &ClientConfig,
    mut input: O::Input,
    http: &dyn HttpClient,
    sleep: &dyn Sleep,
    clock: &dyn Clock,
) -> Result<O::Output, CallError<O::Error>>
where
    O::Input: Sync,
{
    prepare_input::<O>(config, &mut input).map_err(CallError::Validation)?;
    let build = || O::build_request(&input);
    parse_outcome::<O>(send_raw(config, O::NAME, &build, http, sleep, clock).await)
}

/// The loop of [`send`], for any operation: `build` makes each attempt's
/// request.
async fn send_raw(
    config: &ClientConfig,
    operation: &'static str,
    build: BuildFn<'_>,
    http: &dyn HttpClient,
    sleep: &dyn Sleep,
    clock: &dyn Clock,
) -> RawOutcome {
    let mut call = CallCore::new(config, operation);
    let timeouts = config.timeouts;
    let attempts = async {
        loop {
            call.resolve_credentials().await?;
            let request = call.start_attempt(build(), clock.now())?;
            let outcome = timeout::within(http.call(request), timeouts.attempt, sleep)
                .await
                .unwrap_or_else(|| Err(attempt_timed_out(timeouts.attempt)));
            match call.receive(outcome) {
                Next::Sleep(delay) => sleep.sleep(delay).await,
                Next::Done(result) => return result,
            }
        }
    };
    match timeout::within(attempts, timeouts.call, sleep).await {
        Some(result) => result,
        None => Err(CallError::TimedOut {
            budget: timeouts.call.unwrap_or_default(),
            attempts: call.attempt,
        }),
    }
}

fn attempt_timed_out(limit: Option<Duration>) -> TransportError {
    let limit = limit.unwrap_or_default();
    TransportError::timeout(format!("the attempt took longer than {limit:?}"))
}

/// Runs a call to its end on a blocking transport: `transport` sends a
/// request and waits for its response, `sleep` blocks the thread
/// (`std::thread::sleep`). Before each attempt the signing credentials are
/// asked of their provider on this thread ([`block_on`](super::block_on)):
/// a provider calling a metadata service must then use a blocking
/// `HttpClient` (one whose futures finish without an async runtime).
///
/// A blocking transport cannot be interrupted, so each request carries an
/// [`AttemptTimeout`] extension (the attempt timeout, cut to what is left
/// of the call's budget, measured with [`Instant`]) for the transport to
/// apply; a retry whose delay would overrun the budget is not made.
///
/// As with [`send`], only building and parsing depend on the operation.
///
/// # Errors
///
/// The call's [`CallError`].
pub fn send_blocking<O: Operation>(
    config: &ClientConfig,
    mut input: O::Input,
    mut transport: impl FnMut(http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, TransportError>,
    mut sleep: impl FnMut(Duration),
    clock: &dyn Clock,
) -> Result<O::Output, CallError<O::Error>>
where
    O::Input: Sync,
{
    prepare_input::<O>(config, &mut input).map_err(CallError::Validation)?;
    let build = || O::build_request(&input);
    parse_outcome::<O>(send_blocking_raw(
        config,
        O::NAME,
        &build,
        &mut transport,
        &mut sleep,
        clock,
    ))
}

/// A blocking transport, once its type is erased.
pub(crate) type BlockingTransport<'a> =
    &'a mut dyn FnMut(http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, TransportError>;

/// The loop of [`send_blocking`], for any operation.
pub(crate) fn send_blocking_raw(
    config: &ClientConfig,
    operation: &'static str,
    build: BuildFn<'_>,
    transport: BlockingTransport<'_>,
    sleep: &mut dyn FnMut(Duration),
    clock: &dyn Clock,
) -> RawOutcome {
    let mut call = CallCore::new(config, operation);
    let timeouts = config.timeouts;
    let started = Instant::now();
    let left = || {
        timeouts
            .call
            .map(|budget| budget.saturating_sub(started.elapsed()))
    };
    let timed_out = |call: &CallCore<'_>| CallError::TimedOut {
        budget: timeouts.call.unwrap_or_default(),
        attempts: call.attempt,
    };
    loop {
        super::block_on(call.resolve_credentials())?;
        let mut request = call.start_attempt(build(), clock.now())?;
        let limit = match (timeouts.attempt, left()) {
            (Some(attempt), Some(left)) => Some(attempt.min(left)),
            (attempt, left) => attempt.or(left),
        };
        if let Some(limit) = limit {
            request.extensions_mut().insert(AttemptTimeout(limit));
        }
        match call.receive(transport(request)) {
            Next::Sleep(delay) => {
                if left().is_some_and(|left| delay >= left) {
                    return Err(timed_out(&call));
                }
                sleep(delay)
            }
            Next::Done(result) => return result,
        }
    }
}
