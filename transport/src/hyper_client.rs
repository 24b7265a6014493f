//! The async transport: hyper 1 through hyper-util's pooled client, TLS by
//! rustls on the `ring` provider, and tokio's timer.

use std::error::Error;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use awsgen_runtime::client::{
    AttemptTimeout, BoxFuture, HttpClient, Sleep, TimeoutConfig, TransportError,
};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_rustls::{HttpsConnector, HttpsConnectorBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioTimer};

use crate::describe::{io_error_in, Described};

/// An async [`HttpClient`] on hyper: pooled keep-alive connections,
/// `https` (rustls, `ring`, webpki roots unless told otherwise) and plain
/// `http` endpoints, HTTP/1.1 (HTTP/2 by ALPN with the `http2` feature).
/// Needs a tokio runtime (with its time and I/O drivers) when called.
/// Cheap to clone: clones share the pool.
///
/// The README's example:
///
/// ```no_run
/// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
/// use awsgen::iot::operations::DescribeJob;
/// use awsgen::iot::types::DescribeJobRequest;
/// use awsgen_runtime::client::{send, ClientConfig, SystemClock};
/// use awsgen_transport::{HyperClient, TokioSleep};
///
/// let mut config = ClientConfig::new("https://iot.eu-west-1.amazonaws.com".parse()?);
/// config.timeouts.call = Some(std::time::Duration::from_secs(30)); // connect 3.1 s, attempt 60 s by default
/// let http = HyperClient::builder().timeouts(&config.timeouts).build()?;
/// let output = send::<DescribeJob>(
///     &config,
///     DescribeJobRequest { job_id: "j".into(), ..Default::default() },
///     &http,
///     &TokioSleep,
///     &SystemClock,
/// )
/// .await?;
/// # let _ = output;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct HyperClient {
    client: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
    connect_timeout: Option<Duration>,
    read_timeout: Option<Duration>,
}

impl fmt::Debug for HyperClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HyperClient")
            .field("connect_timeout", &self.connect_timeout)
            .field("read_timeout", &self.read_timeout)
            .finish_non_exhaustive()
    }
}

/// Builds a [`HyperClient`]; the timeouts start as
/// [`TimeoutConfig::default`]'s.
#[derive(Debug, Clone)]
pub struct HyperClientBuilder {
    connect_timeout: Option<Duration>,
    read_timeout: Option<Duration>,
    pool_idle_timeout: Option<Duration>,
    #[cfg(feature = "native-roots")]
    native_roots: bool,
}

/// The TLS configuration could not be made (no usable protocol version in
/// the crypto provider, or the system's root certificates unreadable).
#[derive(Debug)]
pub struct SetupError(Box<dyn Error + Send + Sync + 'static>);

impl fmt::Display for SetupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "could not set up TLS for the HTTP client: {}", self.0)
    }
}

impl Error for SetupError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(&*self.0)
    }
}

impl HyperClient {
    /// A client with the default timeouts ([`TimeoutConfig::default`]).
    ///
    /// # Errors
    ///
    /// See [`HyperClientBuilder::build`].
    pub fn new() -> Result<Self, SetupError> {
        Self::builder().build()
    }

    /// A builder, to set timeouts (and roots).
    pub fn builder() -> HyperClientBuilder {
        let defaults = TimeoutConfig::default();
        HyperClientBuilder {
            connect_timeout: defaults.connect,
            read_timeout: defaults.attempt,
            // Below the 60 s or so after which load balancers drop idle
            // connections, so a pooled connection is rarely found dead.
            pool_idle_timeout: Some(Duration::from_secs(20)),
            #[cfg(feature = "native-roots")]
            native_roots: false,
        }
    }

    async fn exchange(
        &self,
        request: http::Request<Full<Bytes>>,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        let response = self
            .client
            .request(request)
            .await
            .map_err(|error| client_error(error, self.connect_timeout))?;
        let (parts, body) = response.into_parts();
        let body = body
            .collect()
            .await
            .map_err(|error| TransportError::io(Described::new(error)))?
            .to_bytes();
        Ok(http::Response::from_parts(parts, Vec::from(body)))
    }
}

impl HyperClientBuilder {
    /// Takes the connect timeout and, as the read timeout, the attempt
    /// timeout of `timeouts`.
    pub fn timeouts(mut self, timeouts: &TimeoutConfig) -> Self {
        self.connect_timeout = timeouts.connect;
        self.read_timeout = timeouts.attempt;
        self
    }

    /// How long a TCP connection may take to open.
    pub fn connect_timeout(mut self, limit: Option<Duration>) -> Self {
        self.connect_timeout = limit;
        self
    }

    /// How long one exchange may take, from sending the request to the end
    /// of the response body (an [`AttemptTimeout`] extension on a request
    /// takes its place for that request).
    pub fn read_timeout(mut self, limit: Option<Duration>) -> Self {
        self.read_timeout = limit;
        self
    }

    /// How long an idle pooled connection is kept (20 s by default).
    pub fn pool_idle_timeout(mut self, limit: Option<Duration>) -> Self {
        self.pool_idle_timeout = limit;
        self
    }

    /// Trusts the operating system's root certificates instead of the
    /// bundled webpki roots.
    #[cfg(feature = "native-roots")]
    pub fn native_roots(mut self, native: bool) -> Self {
        self.native_roots = native;
        self
    }

    /// The client.
    ///
    /// # Errors
    ///
    /// When the TLS configuration cannot be made: `ring` lacks a safe
    /// protocol version (it does not), or, with `native-roots`, the
    /// system's certificates cannot be read.
    pub fn build(self) -> Result<HyperClient, SetupError> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let tls = HttpsConnectorBuilder::new();
        #[cfg(feature = "native-roots")]
        let tls = if self.native_roots {
            tls.with_provider_and_native_roots(provider)
                .map_err(|error| SetupError(error.into()))?
        } else {
            tls.with_provider_and_webpki_roots(provider)
                .map_err(|error| SetupError(error.into()))?
        };
        #[cfg(not(feature = "native-roots"))]
        let tls = tls
            .with_provider_and_webpki_roots(provider)
            .map_err(|error| SetupError(error.into()))?;
        let mut http = HttpConnector::new();
        // The TLS layer handles `https`; this one must let it through.
        http.enforce_http(false);
        http.set_connect_timeout(self.connect_timeout);
        http.set_nodelay(true);
        let tls = tls.https_or_http().enable_http1();
        #[cfg(feature = "http2")]
        let tls = tls.enable_http2();
        let connector = tls.wrap_connector(http);
        let client = Client::builder(TokioExecutor::new())
            .pool_timer(TokioTimer::new())
            .pool_idle_timeout(self.pool_idle_timeout)
            .build(connector);
        Ok(HyperClient {
            client,
            connect_timeout: self.connect_timeout,
            read_timeout: self.read_timeout,
        })
    }
}

impl HttpClient for HyperClient {
    fn call(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        let limit = request
            .extensions()
            .get::<AttemptTimeout>()
            .map(|timeout| timeout.0)
            .or(self.read_timeout);
        let request = request.map(|body| Full::new(Bytes::from(body)));
        Box::pin(async move {
            let exchange = self.exchange(request);
            match limit {
                None => exchange.await,
                Some(limit) => tokio::time::timeout(limit, exchange)
                    .await
                    .unwrap_or_else(|_| {
                        Err(TransportError::timeout(format!(
                            "no whole response within {limit:?}"
                        )))
                    }),
            }
        })
    }
}

/// Sorts a hyper-util client error: a connect error caused by a timeout
/// is a timeout (of `connect_timeout`), another connect error a failed
/// connection, the rest (closed or reset connection, bytes that are not
/// HTTP) I/O.
fn client_error(
    error: hyper_util::client::legacy::Error,
    connect_timeout: Option<Duration>,
) -> TransportError {
    let timed_out = io_error_in(&error).is_some_and(|io| io.kind() == std::io::ErrorKind::TimedOut);
    match (error.is_connect(), timed_out) {
        (true, true) => {
            let context = connect_timeout
                .map(|limit| format!("no connection within {limit:?}"))
                .unwrap_or_default();
            TransportError::timeout(Described::with_context(context, error))
        }
        (true, false) => TransportError::connect(Described::new(error)),
        (false, _) => TransportError::io(Described::new(error)),
    }
}

/// A [`Sleep`] on tokio's timer.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioSleep;

impl Sleep for TokioSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'_, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}
