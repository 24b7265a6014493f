//! What the sans-IO core asks of the outside world: a way to send a
//! request, a way to wait, and the time. Object safe, no async runtime.

use std::error::Error;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, SystemTime};

/// A boxed `Send` future, the return type of the traits below.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Sends one HTTP request and returns its whole response: the transport
/// (hyper, ureq, a replay of canned responses in tests).
///
/// The request's URI is absolute (endpoint applied) and the request is
/// signed; the transport adds nothing but what HTTP itself needs. It
/// enforces its own connect and read timeouts and reports them as
/// [`TransportErrorKind::Timeout`].
pub trait HttpClient: Send + Sync {
    /// Sends `request`.
    fn call(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>>;
}

/// Waits, for the delay between attempts (`tokio::time::sleep` or a test's
/// fake that only records the durations).
pub trait Sleep: Send + Sync {
    /// A future that completes after `duration`.
    fn sleep(&self, duration: Duration) -> BoxFuture<'_, ()>;
}

/// The time signatures are made for.
pub trait Clock: Send + Sync {
    /// Now.
    fn now(&self) -> SystemTime;
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// What went wrong in a transport.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// Connecting or reading took longer than allowed.
    Timeout,
    /// No connection could be made (DNS, refused, TLS handshake).
    Connect,
    /// The connection failed while sending or receiving (reset, truncated
    /// response, garbage instead of HTTP).
    Io,
}

/// The request got no HTTP response: a timeout, a failed connection or an
/// I/O error, with the transport's own error as the source. Always
/// retryable (the request may or may not have reached the service, which
/// idempotency tokens make safe).
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    source: Box<dyn Error + Send + Sync + 'static>,
}

impl TransportError {
    /// An error of `kind` caused by `source`.
    pub fn new(
        kind: TransportErrorKind,
        source: impl Into<Box<dyn Error + Send + Sync + 'static>>,
    ) -> Self {
        Self {
            kind,
            source: source.into(),
        }
    }

    /// A timeout.
    pub fn timeout(source: impl Into<Box<dyn Error + Send + Sync + 'static>>) -> Self {
        Self::new(TransportErrorKind::Timeout, source)
    }

    /// A failed connection.
    pub fn connect(source: impl Into<Box<dyn Error + Send + Sync + 'static>>) -> Self {
        Self::new(TransportErrorKind::Connect, source)
    }

    /// An I/O error on an established connection.
    pub fn io(source: impl Into<Box<dyn Error + Send + Sync + 'static>>) -> Self {
        Self::new(TransportErrorKind::Io, source)
    }

    /// What went wrong.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Connect => "could not connect",
            TransportErrorKind::Io => "I/O error",
        };
        write!(f, "{what}: {}", self.source)
    }
}

impl Error for TransportError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(&*self.source)
    }
}
