//! Fault injection: real generated operations (`iot` `DescribeJob`) sent
//! through both transports (hyper with the async driver, ureq with the
//! blocking one) to a local server that misbehaves on purpose
//! (`support::FaultServer`). Retry delays are zero (the jitter's random
//! number is 0) and timeouts a few hundred milliseconds, so the file runs
//! in seconds.
#![cfg(all(feature = "hyper", feature = "blocking"))]

mod support;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use awsgen::iot::errors::DescribeJobError;
use awsgen::iot::operations::DescribeJob;
use awsgen::iot::types::{DescribeJobRequest, DescribeJobResponse};
use awsgen_runtime::client::retry::Random;
use awsgen_runtime::client::{
    send, send_blocking, BoxFuture, CallError, ClientConfig, RetryQuota, Sleep, SystemClock,
    TimeoutConfig, TransportErrorKind,
};
use awsgen_runtime::HasResponseMetadata;
use awsgen_transport::{HyperClient, TokioSleep, UreqClient};
use support::{Fault, FaultServer};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// `HyperClient` through `send`, on a current-thread tokio runtime.
    Hyper,
    /// `UreqClient` through `send_blocking`.
    Ureq,
}

const BOTH: [Kind; 2] = [Kind::Hyper, Kind::Ureq];

/// A fixed jitter: 0 makes every retry delay zero (bar `x-amz-retry-after`).
struct Fixed(f64);
impl Random for Fixed {
    fn unit(&self) -> f64 {
        self.0
    }
}

/// tokio's sleep, recording the durations asked for.
#[derive(Default)]
struct RecordingSleep(Mutex<Vec<Duration>>);
impl Sleep for RecordingSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'_, ()> {
        self.0.lock().unwrap().push(duration);
        TokioSleep.sleep(duration)
    }
}

/// A transport of one kind, and what drives it.
struct Driver {
    kind: Kind,
    runtime: tokio::runtime::Runtime,
    hyper: HyperClient,
    ureq: UreqClient,
    /// The delays the driver slept (retry delays; for hyper also the
    /// attempt and call timers it raced).
    slept: Arc<RecordingSleep>,
}

impl Driver {
    /// Transports whose own connect and read timeouts are `timeouts`'.
    fn new(kind: Kind, timeouts: &TimeoutConfig) -> Self {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        Self {
            kind,
            runtime,
            hyper: HyperClient::builder().timeouts(timeouts).build().unwrap(),
            ureq: UreqClient::new(timeouts),
            slept: Arc::default(),
        }
    }

    fn describe_job(
        &self,
        config: &ClientConfig,
    ) -> Result<DescribeJobResponse, CallError<DescribeJobError>> {
        let input = DescribeJobRequest {
            job_id: "j-1".into(),
            ..Default::default()
        };
        match self.kind {
            Kind::Hyper => self.runtime.block_on(send::<DescribeJob>(
                config,
                input,
                &self.hyper,
                &*self.slept,
                &SystemClock,
            )),
            Kind::Ureq => send_blocking::<DescribeJob>(
                config,
                input,
                |request| self.ureq.send(request),
                |delay| {
                    self.slept.0.lock().unwrap().push(delay);
                    std::thread::sleep(delay)
                },
                &SystemClock,
            ),
        }
    }

    fn slept(&self) -> Vec<Duration> {
        self.slept.0.lock().unwrap().clone()
    }
}

/// Short timeouts for the tests: a slow answer costs 300 ms, not a minute.
fn timeouts() -> TimeoutConfig {
    TimeoutConfig {
        connect: Some(Duration::from_millis(300)),
        attempt: Some(Duration::from_millis(300)),
        call: None,
    }
}

/// A configuration for `server`, zero retry delays, `max_attempts`.
fn config(server: &FaultServer, max_attempts: u32) -> ClientConfig {
    let mut config = ClientConfig::new(server.endpoint());
    config.random = Arc::new(Fixed(0.0));
    config.retry.max_attempts = max_attempts;
    config.timeouts = timeouts();
    config
}

fn ok_job() -> Fault {
    Fault::respond(
        200,
        &[("x-amzn-requestid", "r-ok")],
        r#"{"job":{"jobId":"j-1"}}"#,
    )
}

fn unavailable() -> Fault {
    Fault::respond(
        503,
        &[
            ("x-amzn-requestid", "r-503"),
            ("x-amzn-errortype", "ServiceUnavailableException"),
        ],
        r#"{"message":"try again later"}"#,
    )
}

fn job_id(output: &DescribeJobResponse) -> Option<&str> {
    output.job.as_ref().and_then(|job| job.job_id.as_deref())
}

#[test]
fn server_errors_are_retried_with_the_attempt_header_then_succeed() {
    for kind in BOTH {
        let internal = Fault::respond(500, &[("x-amzn-requestid", "r-500")], "");
        let server = FaultServer::start([internal, unavailable(), ok_job()], unavailable());
        let driver = Driver::new(kind, &timeouts());
        let output = driver.describe_job(&config(&server, 3)).unwrap();
        assert_eq!(job_id(&output), Some("j-1"), "{kind:?}");
        let seen = server.seen();
        assert_eq!(seen.len(), 3, "{kind:?}");
        assert_eq!(seen[0].line, "GET /jobs/j-1");
        let attempts: Vec<&str> = seen
            .iter()
            .map(|s| s.headers["amz-sdk-request"].as_str())
            .collect();
        assert_eq!(
            attempts,
            ["attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3"],
            "{kind:?}"
        );
    }
}

#[test]
fn throttling_is_retried_and_retry_after_is_honoured() {
    for kind in BOTH {
        let by_header = Fault::respond(
            400,
            &[
                ("x-amzn-errortype", "ThrottlingException"),
                ("x-amzn-requestid", "r-400"),
            ],
            r#"{"message":"slow down"}"#,
        );
        let by_body = Fault::respond(
            429,
            &[("x-amz-retry-after", "40")],
            r#"{"__type":"ThrottlingException","message":"slower"}"#,
        );
        let server = FaultServer::start([by_header, by_body, ok_job()], unavailable());
        let driver = Driver::new(kind, &timeouts());
        let mut config = config(&server, 3);
        // The transport's own read timeout applies; the driver races
        // nothing, so the delays recorded are the retry delays alone.
        config.timeouts.attempt = None;
        let output = driver.describe_job(&config).unwrap();
        assert_eq!(job_id(&output), Some("j-1"), "{kind:?}");
        assert_eq!(server.count(), 3, "{kind:?}");
        // Jitter 0: no wait after the first; the header's 40 ms after the second.
        assert_eq!(
            driver.slept(),
            [Duration::ZERO, Duration::from_millis(40)],
            "{kind:?}"
        );
        // Throttling retries cost 5 each; the success gives the last 5 back.
        assert_eq!(config.quota.available(), 495, "{kind:?}");
    }
}

#[test]
fn attempts_run_out_with_a_clear_error_keeping_status_and_request_id() {
    for kind in BOTH {
        let server = FaultServer::start([], unavailable());
        let driver = Driver::new(kind, &timeouts());
        let error = driver.describe_job(&config(&server, 3)).unwrap_err();
        assert_eq!(server.count(), 3, "{kind:?}");
        assert!(
            matches!(
                error,
                CallError::Service(DescribeJobError::ServiceUnavailableException(_))
            ),
            "{kind:?}: {error:?}"
        );
        assert_eq!(error.http_status(), Some(503), "{kind:?}");
        assert_eq!(error.request_id(), Some("r-503"), "{kind:?}");
        assert!(
            error.to_string().contains("try again later"),
            "{kind:?}: {error}"
        );
    }
}

#[test]
fn client_errors_are_not_retried() {
    for kind in BOTH {
        let not_found = Fault::respond(
            404,
            &[
                ("x-amzn-errortype", "ResourceNotFoundException"),
                ("x-amzn-requestid", "r-404"),
            ],
            r#"{"message":"no job j-1"}"#,
        );
        let validation = Fault::respond(
            400,
            &[("x-amzn-requestid", "r-400")],
            r#"{"__type":"ValidationException","message":"jobId is bad"}"#,
        );
        let server = FaultServer::start([not_found, validation], ok_job());
        let driver = Driver::new(kind, &timeouts());
        let mut config = config(&server, 3);
        // No attempt timer raced, so `slept` shows retry delays alone.
        config.timeouts.attempt = None;

        let error = driver.describe_job(&config).unwrap_err();
        assert!(
            matches!(
                error,
                CallError::Service(DescribeJobError::ResourceNotFoundException(_))
            ),
            "{kind:?}: {error:?}"
        );
        assert_eq!(
            (error.http_status(), error.request_id()),
            (Some(404), Some("r-404"))
        );
        assert!(error.to_string().contains("no job j-1"), "{error}");
        assert_eq!(server.count(), 1, "{kind:?}");

        // Not in the model: unhandled, still not retried.
        let error = driver.describe_job(&config).unwrap_err();
        assert_eq!(
            (error.http_status(), error.request_id()),
            (Some(400), Some("r-400"))
        );
        assert!(error.to_string().contains("ValidationException"), "{error}");
        assert!(error.to_string().contains("jobId is bad"), "{error}");
        assert_eq!(server.count(), 2, "{kind:?}");
        assert!(driver.slept().is_empty(), "{kind:?}");
    }
}

/// Broken answers are I/O errors: retried, and the error of the last
/// attempt when attempts run out.
#[test]
fn broken_responses_are_io_errors_and_retried() {
    let faults = [
        Fault::Truncated,
        Fault::Garbage,
        Fault::Drop,
        Fault::ResetMidBody,
    ];
    for kind in BOTH {
        for fault in &faults {
            let server = FaultServer::start([fault.clone()], ok_job());
            let driver = Driver::new(kind, &timeouts());
            let output = driver.describe_job(&config(&server, 3)).unwrap();
            assert_eq!(job_id(&output), Some("j-1"), "{kind:?} {fault:?}");
            assert_eq!(server.count(), 2, "{kind:?} {fault:?}");

            let server = FaultServer::start([], fault.clone());
            let error = driver.describe_job(&config(&server, 2)).unwrap_err();
            let CallError::Transport { error, attempts } = &error else {
                panic!("{kind:?} {fault:?}: {error:?}")
            };
            assert_eq!(*attempts, 2, "{kind:?} {fault:?}");
            assert_eq!(
                error.kind(),
                TransportErrorKind::Io,
                "{kind:?} {fault:?}: {error}"
            );
            assert_eq!(server.count(), 2, "{kind:?} {fault:?}");
            assert!(error.to_string().starts_with("I/O error: "), "{error}");
        }
    }
}

/// A body longer than its `Content-Length`: HTTP/1.1 ends the message at
/// the declared length (the rest would be the next response on the
/// connection), so the client sees five bytes of JSON: a malformed
/// response, not retried, and no panic.
#[test]
fn a_body_longer_than_its_content_length_is_cut_there() {
    for kind in BOTH {
        let server = FaultServer::start([Fault::TooLong], ok_job());
        let driver = Driver::new(kind, &timeouts());
        let error = driver.describe_job(&config(&server, 3)).unwrap_err();
        assert!(
            matches!(error, CallError::Malformed(_)),
            "{kind:?}: {error:?}"
        );
        assert_eq!(error.http_status(), Some(200), "{kind:?}");
        assert_eq!(server.count(), 1, "{kind:?}");
    }
}

#[test]
fn a_slow_attempt_times_out_and_is_retried() {
    for kind in BOTH {
        let server = FaultServer::start([Fault::Slow(Duration::from_secs(30))], ok_job());
        // Transports without a read timeout: the drivers' attempt timeout
        // alone (raced by `send`, an `AttemptTimeout` for ureq) ends it.
        let driver = Driver::new(
            kind,
            &TimeoutConfig {
                attempt: None,
                ..timeouts()
            },
        );
        let output = driver.describe_job(&config(&server, 3)).unwrap();
        assert_eq!(job_id(&output), Some("j-1"), "{kind:?}");
        assert_eq!(server.count(), 2, "{kind:?}");
    }
}

#[test]
fn slow_attempts_end_as_timeouts_within_the_attempts_allowed() {
    for kind in BOTH {
        for driver_limit in [true, false] {
            let server = FaultServer::start([], Fault::Slow(Duration::from_secs(30)));
            let mut config = config(&server, 2);
            // Either the driver's attempt timeout, or only the transport's
            // own read timeout.
            let driver = if driver_limit {
                Driver::new(
                    kind,
                    &TimeoutConfig {
                        attempt: None,
                        ..timeouts()
                    },
                )
            } else {
                config.timeouts.attempt = None;
                Driver::new(kind, &timeouts())
            };
            let started = Instant::now();
            let error = driver.describe_job(&config).unwrap_err();
            let CallError::Transport { error, attempts } = &error else {
                panic!("{kind:?}: {error:?}")
            };
            assert_eq!(*attempts, 2, "{kind:?} {driver_limit}");
            assert_eq!(
                error.kind(),
                TransportErrorKind::Timeout,
                "{kind:?}: {error}"
            );
            assert_eq!(server.count(), 2, "{kind:?}");
            assert!(error.to_string().contains("300ms"), "{kind:?}: {error}");
            // Sanity, not a benchmark: nowhere near the server's 30 s.
            assert!(started.elapsed() < Duration::from_secs(10), "{kind:?}");
        }
    }
}

#[test]
fn the_call_budget_ends_a_call_that_keeps_retrying() {
    for kind in BOTH {
        let server = FaultServer::start([], Fault::Slow(Duration::from_secs(30)));
        let driver = Driver::new(kind, &timeouts());
        let mut config = config(&server, 10);
        config.timeouts.call = Some(Duration::from_millis(700));
        let started = Instant::now();
        let error = driver.describe_job(&config).unwrap_err();
        let CallError::TimedOut { budget, attempts } = error else {
            panic!("{kind:?}: {error:?}")
        };
        assert_eq!(budget, Duration::from_millis(700));
        // 300 ms attempts in a 700 ms budget: the third is cut short.
        assert!((2..=3).contains(&attempts), "{kind:?}: {attempts}");
        assert!(server.count() <= 3, "{kind:?}");
        assert!(
            error
                .to_string()
                .starts_with("the call timed out: its budget of 700ms ran out after"),
            "{error}"
        );
        assert!(started.elapsed() < Duration::from_secs(10), "{kind:?}");
    }
}

#[test]
fn the_retry_quota_stops_a_retry_storm() {
    for kind in BOTH {
        let server = FaultServer::start([], unavailable());
        let driver = Driver::new(kind, &timeouts());
        // One quota shared by every call (clones of the config share it).
        let config = config(&server, 3);
        let mut per_call = Vec::new();
        for _ in 0..20 {
            let before = server.count();
            assert!(driver.describe_job(&config).is_err());
            per_call.push(server.count() - before);
        }
        // 500 tokens, 14 per retry, nothing given back: 17 calls retry
        // twice (476), the 18th once (490), then no call can retry.
        let mut expected = vec![3; 17];
        expected.extend([2, 1, 1]);
        assert_eq!(per_call, expected, "{kind:?}");
        assert_eq!(config.quota.available(), 10, "{kind:?}");
        assert!(config.quota.available() < RetryQuota::INITIAL_CAPACITY);
    }
}

#[test]
fn a_refused_connection_is_a_connect_error() {
    for kind in BOTH {
        // A port nobody listens on: bound, then released.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        drop(listener);
        let mut config = ClientConfig::new(format!("http://{addr}").parse().unwrap());
        config.random = Arc::new(Fixed(0.0));
        config.retry.max_attempts = 2;
        config.timeouts = timeouts();
        let driver = Driver::new(kind, &timeouts());
        let error = driver.describe_job(&config).unwrap_err();
        let CallError::Transport { error, attempts } = &error else {
            panic!("{kind:?}: {error:?}")
        };
        assert_eq!(*attempts, 2);
        assert_eq!(
            error.kind(),
            TransportErrorKind::Connect,
            "{kind:?}: {error}"
        );
        assert!(
            error.to_string().to_lowercase().contains("refused"),
            "{kind:?}: {error}"
        );
    }
}

/// A listener whose accept queue is full (backlog 0, one connection
/// waiting, never accepted): the kernel drops further SYNs, so connecting
/// hangs until the connect timeout.
fn unanswering_listener() -> (
    socket2::Socket,
    Vec<std::net::TcpStream>,
    std::net::SocketAddr,
) {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
    let any: std::net::SocketAddr = "127.0.0.1:0".parse().unwrap();
    socket.bind(&any.into()).unwrap();
    socket.listen(0).unwrap();
    let addr = socket.local_addr().unwrap().as_socket().unwrap();
    let mut fillers = Vec::new();
    for _ in 0..8 {
        match std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(200)) {
            Ok(stream) => fillers.push(stream),
            Err(_) => return (socket, fillers, addr),
        }
    }
    panic!("the accept queue never filled up");
}

#[test]
fn a_connection_that_never_opens_times_out() {
    for kind in BOTH {
        let (_listener, _fillers, addr) = unanswering_listener();
        let mut config = ClientConfig::new(format!("http://{addr}").parse().unwrap());
        config.random = Arc::new(Fixed(0.0));
        config.retry.max_attempts = 2;
        // The transports' connect timeout alone.
        config.timeouts = TimeoutConfig::none();
        let connect_only = TimeoutConfig {
            connect: Some(Duration::from_millis(300)),
            ..TimeoutConfig::none()
        };
        let driver = Driver::new(kind, &connect_only);
        let started = Instant::now();
        let error = driver.describe_job(&config).unwrap_err();
        let CallError::Transport { error, attempts } = &error else {
            panic!("{kind:?}: {error:?}")
        };
        assert_eq!(*attempts, 2);
        assert_eq!(
            error.kind(),
            TransportErrorKind::Timeout,
            "{kind:?}: {error}"
        );
        assert!(
            error.to_string().contains("no connection within 300ms"),
            "{kind:?}: {error}"
        );
        assert!(started.elapsed() < Duration::from_secs(10), "{kind:?}");
    }
}

/// `UreqClient` as an `HttpClient` (what a credentials provider under
/// `send_blocking` gets): the future is ready when `call` returns.
#[test]
fn the_blocking_client_is_an_http_client_ready_at_once() {
    use awsgen_runtime::client::HttpClient;
    let server = FaultServer::start([], ok_job());
    let http = UreqClient::new(&timeouts());
    let uri = format!("{}jobs/j-1", server.endpoint());
    let request = http::Request::get(uri).body(Vec::new()).unwrap();
    let response = awsgen_runtime::client::block_on(http.call(request)).unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["x-amzn-requestid"], "r-ok");
    assert_eq!(server.seen()[0].line, "GET /jobs/j-1");
}
