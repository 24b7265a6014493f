//! The blocking transport: ureq 3, TLS by rustls on the `ring` provider.

use std::io::ErrorKind;
use std::time::Duration;

use awsgen_runtime::client::{
    AttemptTimeout, BoxFuture, HttpClient, TimeoutConfig, TransportError,
};

use crate::describe::Described;

/// A blocking transport on ureq, for
/// [`send_blocking`](awsgen_runtime::client::send_blocking): pooled
/// keep-alive connections, `https` (rustls, `ring`, webpki roots) and
/// plain `http`, HTTP/1.1. Statuses are answers, never errors; redirects
/// are not followed (AWS does not send them to SDKs); proxies from the
/// environment are not used (as with [`HyperClient`](crate)). Cheap to
/// clone: clones share the pool.
///
/// ```no_run
/// use awsgen::iot::operations::DescribeJob;
/// use awsgen::iot::types::DescribeJobRequest;
/// use awsgen_runtime::client::{send_blocking, ClientConfig, SystemClock};
/// use awsgen_transport::UreqClient;
///
/// let config = ClientConfig::new("https://iot.eu-west-1.amazonaws.com".parse()?);
/// let http = UreqClient::new(&config.timeouts);
/// let output = send_blocking::<DescribeJob>(
///     &config,
///     DescribeJobRequest { job_id: "j".into(), ..Default::default() },
///     |request| http.send(request),
///     std::thread::sleep,
///     &SystemClock,
/// )?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct UreqClient {
    agent: ureq::Agent,
}

impl UreqClient {
    /// A client with `timeouts`' connect timeout and, as the read timeout
    /// of each exchange, its attempt timeout (an [`AttemptTimeout`]
    /// extension on a request, which `send_blocking` sets, takes its place
    /// for that request).
    pub fn new(timeouts: &TimeoutConfig) -> Self {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .proxy(None)
            .timeout_connect(timeouts.connect)
            .timeout_global(timeouts.attempt)
            .build();
        Self {
            agent: config.into(),
        }
    }

    /// Sends `request` and reads the whole response.
    ///
    /// # Errors
    ///
    /// A [`TransportError`]: `Timeout`, `Connect` (DNS, refused, TLS) or
    /// `Io` (closed or reset connection, truncated body, not HTTP).
    pub fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        let attempt = request.extensions().get::<AttemptTimeout>().copied();
        let request = match attempt {
            Some(AttemptTimeout(limit)) => self
                .agent
                .configure_request(request)
                .timeout_global(Some(limit))
                .build(),
            None => request,
        };
        let timeouts = self.agent.config().timeouts();
        let limits = Limits {
            exchange: attempt.map(|attempt| attempt.0).or(timeouts.global),
            connect: timeouts.connect,
        };
        let sort = |error| sort(error, limits);
        let response = self.agent.run(request).map_err(sort)?;
        let (parts, mut body) = response.into_parts();
        let body = body
            .with_config()
            .limit(u64::MAX)
            .read_to_vec()
            .map_err(sort)?;
        Ok(http::Response::from_parts(parts, body))
    }
}

/// Blocking behind an async face: `call` does the whole exchange before
/// it returns, and its future is ready at once. For what polls futures on
/// the calling thread, as the credentials providers do under
/// `send_blocking` (`client::block_on`); never inside an async runtime,
/// whose thread it would hold.
impl HttpClient for UreqClient {
    fn call(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        let outcome = self.send(request);
        Box::pin(async move { outcome })
    }
}

impl Default for UreqClient {
    /// A client with the default timeouts ([`TimeoutConfig::default`]).
    fn default() -> Self {
        Self::new(&TimeoutConfig::default())
    }
}

/// The limits of one exchange, for the messages of timeouts.
#[derive(Debug, Clone, Copy, Default)]
struct Limits {
    exchange: Option<Duration>,
    connect: Option<Duration>,
}

/// The kind of a ureq error; a timeout says which limit it was, since
/// ureq's message does not.
fn sort(error: ureq::Error, limits: Limits) -> TransportError {
    let connect_io = |kind: ErrorKind| {
        matches!(
            kind,
            ErrorKind::ConnectionRefused
                | ErrorKind::HostUnreachable
                | ErrorKind::NetworkUnreachable
                | ErrorKind::AddrNotAvailable
        )
    };
    let make = match &error {
        ureq::Error::Timeout(_) => TransportError::timeout,
        ureq::Error::Io(io) if matches!(io.kind(), ErrorKind::TimedOut | ErrorKind::WouldBlock) => {
            TransportError::timeout
        }
        ureq::Error::Io(io) if connect_io(io.kind()) => TransportError::connect,
        ureq::Error::HostNotFound
        | ureq::Error::ConnectionFailed
        | ureq::Error::BadUri(_)
        | ureq::Error::Tls(_)
        | ureq::Error::Rustls(_)
        | ureq::Error::TlsRequired
        | ureq::Error::ConnectProxyFailed(_) => TransportError::connect,
        _ => TransportError::io,
    };
    let context = match (&error, limits.exchange, limits.connect) {
        (ureq::Error::Timeout(ureq::Timeout::Global), Some(limit), _) => {
            format!("no whole response within {limit:?}")
        }
        (ureq::Error::Timeout(ureq::Timeout::Connect), _, Some(limit)) => {
            format!("no connection within {limit:?}")
        }
        _ => String::new(),
    };
    make(Described::with_context(context, error))
}

#[cfg(test)]
mod tests {
    use awsgen_runtime::client::TransportErrorKind;

    use super::*;

    #[test]
    fn errors_are_sorted_by_kind() {
        let kind = |error| sort(error, Limits::default()).kind();
        assert_eq!(
            kind(ureq::Error::Io(ErrorKind::TimedOut.into())),
            TransportErrorKind::Timeout
        );
        assert_eq!(
            kind(ureq::Error::Io(ErrorKind::ConnectionRefused.into())),
            TransportErrorKind::Connect
        );
        assert_eq!(
            kind(ureq::Error::Io(ErrorKind::ConnectionReset.into())),
            TransportErrorKind::Io
        );
        assert_eq!(kind(ureq::Error::HostNotFound), TransportErrorKind::Connect);
        assert_eq!(
            kind(ureq::Error::BodyExceedsLimit(1)),
            TransportErrorKind::Io
        );
    }
}
