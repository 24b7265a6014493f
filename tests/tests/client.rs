//! The sans-IO client core (`awsgen_runtime::client`) driving generated
//! operations against a replay transport: no sockets.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use awsgen::iot::errors::DescribeJobError;
use awsgen::iot::operations::{CreateDimension, DescribeJob};
use awsgen::iot::types::{
    CreateDimensionRequest, DescribeJobRequest, DescribeJobResponse, DimensionType,
};
use awsgen_e2e_support::fakes::FixedClock;
use awsgen_runtime::client::block_on;
use awsgen_runtime::client::retry::Random;
use awsgen_runtime::client::{
    send, send_blocking, AttemptTimeout, BoxFuture, CallError, ClientConfig, Clock, ReplayClient,
    RetryQuota, SigningConfig, Sleep, TransportError, TransportErrorKind,
};
use awsgen_runtime::sigv4::{self, Signer, SigningParams};
use awsgen_runtime::{Credentials, HasResponseMetadata};

struct Fixed(f64);
impl Random for Fixed {
    fn unit(&self) -> f64 {
        self.0
    }
}

/// Records the delays instead of waiting.
#[derive(Default)]
struct RecordSleep(Mutex<Vec<Duration>>);
impl Sleep for RecordSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'_, ()> {
        self.0.lock().unwrap().push(duration);
        Box::pin(async {})
    }
}
impl RecordSleep {
    fn delays(&self) -> Vec<Duration> {
        self.0.lock().unwrap().clone()
    }
}

const TIME: u64 = 1_440_938_160; // 2015-08-30T12:36:00Z
fn config(random: f64) -> ClientConfig {
    let mut config = ClientConfig::new("https://iot.us-east-1.amazonaws.com".parse().unwrap());
    config.random = Arc::new(Fixed(random));
    config
}

fn response(
    status: u16,
    headers: &[(&str, &str)],
    body: &str,
) -> Result<http::Response<Vec<u8>>, TransportError> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    Ok(builder.body(body.as_bytes().to_vec()).unwrap())
}

fn ok_job() -> Result<http::Response<Vec<u8>>, TransportError> {
    response(
        200,
        &[("x-amzn-requestid", "r-ok")],
        r#"{"documentSource":"s3://doc"}"#,
    )
}

fn throttled() -> Result<http::Response<Vec<u8>>, TransportError> {
    response(
        400,
        &[
            ("x-amzn-errortype", "ThrottlingException"),
            ("x-amzn-requestid", "r-throttle"),
        ],
        r#"{"message":"slow down"}"#,
    )
}

fn unavailable() -> Result<http::Response<Vec<u8>>, TransportError> {
    response(503, &[("x-amzn-requestid", "r-503")], "")
}

fn describe(job: &str) -> DescribeJobRequest {
    DescribeJobRequest {
        job_id: job.into(),
        ..Default::default()
    }
}

/// `DescribeJob` of `job` through the async driver, against `replay`,
/// sleeping with `sleep` on a fixed clock.
fn describe_job(
    config: &ClientConfig,
    job: &str,
    replay: &ReplayClient,
    sleep: &RecordSleep,
) -> Result<DescribeJobResponse, CallError<DescribeJobError>> {
    block_on(send::<DescribeJob>(
        config,
        describe(job),
        replay,
        sleep,
        &FixedClock::at(TIME),
    ))
}

fn header(request: &http::Request<Vec<u8>>, name: &str) -> String {
    request.headers()[name].to_str().unwrap().to_owned()
}

#[test]
fn success_sends_one_request_to_the_endpoint_with_sdk_headers() {
    let config = config(0.5);
    let replay = ReplayClient::new([ok_job()]);
    let sleep = RecordSleep::default();
    let output = describe_job(&config, "j-1", &replay, &sleep).unwrap();
    assert_eq!(output.document_source.as_deref(), Some("s3://doc"));
    let requests = replay.take_requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(
        requests[0].uri(),
        "https://iot.us-east-1.amazonaws.com/jobs/j-1"
    );
    assert!(header(&requests[0], "user-agent").starts_with("awsgen/"));
    assert_eq!(header(&requests[0], "amz-sdk-request"), "attempt=1; max=3");
    assert_eq!(header(&requests[0], "amz-sdk-invocation-id").len(), 36);
    assert!(sleep.delays().is_empty());
    // A first-attempt success gives back nothing but the increment, on a full bucket.
    assert_eq!(config.quota.available(), RetryQuota::INITIAL_CAPACITY);
}

#[test]
fn retries_503_with_the_same_idempotency_token_and_invocation_id() {
    let config = config(1.0);
    let replay = ReplayClient::new([
        unavailable(),
        unavailable(),
        response(200, &[], r#"{"name":"ports"}"#),
    ]);
    let sleep = RecordSleep::default();
    let input = CreateDimensionRequest {
        name: "ports".into(),
        r#type: DimensionType::TopicFilter,
        string_values: vec!["a/#".into()],
        ..Default::default()
    };
    block_on(send::<CreateDimension>(
        &config,
        input,
        &replay,
        &sleep,
        &FixedClock::at(TIME),
    ))
    .unwrap();
    let requests = replay.take_requests();
    assert_eq!(requests.len(), 3);
    let token = |request: &http::Request<Vec<u8>>| {
        let body: serde_json::Value = serde_json::from_slice(request.body()).unwrap();
        body["clientRequestToken"].as_str().unwrap().to_owned()
    };
    assert_eq!(token(&requests[0]), token(&requests[1]));
    assert_eq!(token(&requests[1]), token(&requests[2]));
    let ids: Vec<String> = requests
        .iter()
        .map(|r| header(r, "amz-sdk-invocation-id"))
        .collect();
    assert_eq!(ids[0], ids[1]);
    assert_eq!(ids[1], ids[2]);
    let attempts: Vec<String> = requests
        .iter()
        .map(|r| header(r, "amz-sdk-request"))
        .collect();
    assert_eq!(
        attempts,
        ["attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3"]
    );
    // Non-throttling base 50 ms, doubling, random = 1.0: the upper bounds.
    assert_eq!(
        sleep.delays(),
        [Duration::from_millis(50), Duration::from_millis(100)]
    );
    // The last retry's 14 tokens came back on success: 500 - 14 - 14 + 14.
    assert_eq!(config.quota.available(), 486);
}

#[test]
fn jitter_keeps_delays_within_bounds() {
    for random in [0.0, 0.25, 0.999] {
        let config = config(random);
        let replay = ReplayClient::new([unavailable(), ok_job()]);
        let sleep = RecordSleep::default();
        describe_job(&config, "j", &replay, &sleep).unwrap();
        let delay = sleep.delays()[0];
        assert!(delay <= Duration::from_millis(50), "{delay:?}");
        assert_eq!(delay, Duration::from_millis(50).mul_f64(random));
    }
}

#[test]
fn throttling_with_status_400_is_retried_with_the_long_base() {
    let config = config(1.0);
    let replay = ReplayClient::new([throttled(), ok_job()]);
    let sleep = RecordSleep::default();
    describe_job(&config, "j", &replay, &sleep).unwrap();
    assert_eq!(sleep.delays(), [Duration::from_secs(1)]);
    assert_eq!(config.quota.available(), RetryQuota::INITIAL_CAPACITY);
}

#[test]
fn retry_after_header_is_honoured_within_five_seconds_of_the_delay() {
    let config = config(1.0);
    let replay = ReplayClient::new([
        response(429, &[("x-amz-retry-after", "3000")], ""),
        ok_job(),
    ]);
    let sleep = RecordSleep::default();
    describe_job(&config, "j", &replay, &sleep).unwrap();
    assert_eq!(sleep.delays(), [Duration::from_secs(3)]);
}

#[test]
fn modeled_client_error_is_returned_at_once_with_request_id() {
    let config = config(0.5);
    let replay = ReplayClient::new([
        response(
            404,
            &[
                ("x-amzn-errortype", "ResourceNotFoundException"),
                ("x-amzn-requestid", "r-404"),
            ],
            r#"{"message":"no job j"}"#,
        ),
        ok_job(),
    ]);
    let sleep = RecordSleep::default();
    let error = describe_job(&config, "j", &replay, &sleep).unwrap_err();
    let CallError::Service(service) = &error else {
        panic!("{error:?}")
    };
    assert!(
        matches!(service, DescribeJobError::ResourceNotFoundException(_)),
        "{service:?}"
    );
    assert_eq!(service.request_id(), Some("r-404"));
    assert!(error.to_string().contains("no job j"), "{error}");
    assert_eq!(replay.remaining(), 1);
    assert!(sleep.delays().is_empty());
}

#[test]
fn max_attempts_exhausted_returns_the_last_error() {
    let config = config(0.5);
    let replay = ReplayClient::new([throttled(), throttled(), throttled(), ok_job()]);
    let sleep = RecordSleep::default();
    let error = describe_job(&config, "j", &replay, &sleep).unwrap_err();
    let CallError::Service(DescribeJobError::ThrottlingException(throttling)) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(throttling.request_id(), Some("r-throttle"));
    assert_eq!(replay.take_requests().len(), 3);
    assert_eq!(sleep.delays().len(), 2);
}

#[test]
fn an_empty_retry_quota_stops_retrying() {
    let mut config = config(0.5);
    config.quota = RetryQuota::new(20);
    let sleep = RecordSleep::default();
    // The first call's one retry takes 14 of 20 tokens; it fails again and
    // gives nothing back.
    let replay = ReplayClient::new([unavailable(), unavailable()]);
    let mut one = config.clone();
    one.retry.max_attempts = 2;
    assert!(describe_job(&one, "j", &replay, &sleep).is_err());
    assert_eq!(config.quota.available(), 6);
    // The second call cannot pay for a retry: one attempt only.
    let replay = ReplayClient::new([unavailable(), ok_job()]);
    let error = describe_job(&config, "j", &replay, &sleep).unwrap_err();
    assert_eq!(error.http_status(), Some(503));
    assert_eq!(replay.remaining(), 1);
    assert_eq!(sleep.delays().len(), 1);
}

#[test]
fn transport_errors_are_retried_then_reported_with_their_source() {
    let config = config(0.5);
    let replay = ReplayClient::new([Err(TransportError::connect("refused")), ok_job()]);
    let sleep = RecordSleep::default();
    describe_job(&config, "j", &replay, &sleep).unwrap();
    assert_eq!(sleep.delays().len(), 1);

    let replay = ReplayClient::new([
        Err(TransportError::timeout("read timed out")),
        Err(TransportError::io("reset")),
        Err(TransportError::timeout("read timed out")),
    ]);
    let error = describe_job(&config, "j", &replay, &sleep).unwrap_err();
    assert!(
        matches!(error, CallError::Transport { attempts: 3, .. }),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "no response after 3 attempt(s): timed out: read timed out"
    );
    let source = std::error::Error::source(&error).unwrap();
    assert_eq!(
        std::error::Error::source(source).unwrap().to_string(),
        "read timed out"
    );
}

#[test]
fn requests_are_signed_verifiably() {
    let mut config = config(0.5);
    let credentials = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    config.signing = Some(SigningConfig {
        signer: Signer::new(),
        credentials: Arc::new(credentials.clone()),
        region: "us-east-1".into(),
        service: "iot".into(),
    });
    let replay = ReplayClient::new([unavailable(), ok_job()]);
    let sleep = RecordSleep::default();
    describe_job(&config, "j", &replay, &sleep).unwrap();
    for request in replay.take_requests() {
        let authorization = header(&request, "authorization");
        assert!(
            authorization.starts_with(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iot/aws4_request"
            ),
            "{authorization}"
        );
        assert!(authorization.contains("amz-sdk-request"), "{authorization}");
        // Signing the sent request again, independently, gives the same signature.
        let mut copy = http::Request::builder()
            .method(request.method())
            .uri(request.uri());
        for (name, value) in request.headers() {
            if name != "authorization" {
                copy = copy.header(name, value);
            }
        }
        let mut copy = copy.body(request.body().clone()).unwrap();
        let params = SigningParams::new("us-east-1", "iot", FixedClock::at(TIME).now());
        sigv4::sign(&mut copy, &credentials, &params).unwrap();
        assert_eq!(header(&copy, "authorization"), authorization);
    }
}

#[test]
fn blocking_driver_runs_the_same_machine() {
    let config = config(1.0);
    let replay = ReplayClient::new([throttled(), unavailable(), ok_job()]);
    let mut delays = Vec::new();
    let output = send_blocking::<DescribeJob>(
        &config,
        describe("j"),
        |request| replay.respond(request),
        |delay| delays.push(delay),
        &FixedClock::at(TIME),
    )
    .unwrap();
    assert_eq!(output.document_source.as_deref(), Some("s3://doc"));
    assert_eq!(delays, [Duration::from_secs(1), Duration::from_millis(100)]);
}

#[test]
fn host_prefix_goes_before_the_endpoint_host() {
    let mut request = http::Request::get("/things?x=1").body(Vec::new()).unwrap();
    request
        .extensions_mut()
        .insert(awsgen_runtime::HostPrefix("data.".into()));
    let endpoint: http::Uri = "https://iot.us-east-1.amazonaws.com/base/".parse().unwrap();
    awsgen_runtime::__private::client::apply_endpoint(&endpoint, &mut request).unwrap();
    assert_eq!(
        request.uri(),
        "https://data.iot.us-east-1.amazonaws.com/base/things?x=1"
    );
}

/// The README's example, as written there.
#[test]
fn readme_blocking_call_with_the_replay_transport() -> Result<(), Box<dyn std::error::Error>> {
    use awsgen::iot::operations::DescribeJob;
    use awsgen::iot::types::DescribeJobRequest;
    use awsgen_runtime::client::{send_blocking, ClientConfig, ReplayClient, SystemClock};

    let config = ClientConfig::new("https://iot.eu-west-1.amazonaws.com".parse()?);
    let replay = ReplayClient::new([Ok(http::Response::new(
        br#"{"job": {"jobId": "j"}}"#.to_vec(),
    ))]);
    let output = send_blocking::<DescribeJob>(
        &config,
        DescribeJobRequest {
            job_id: "j".into(),
            ..Default::default()
        },
        |request| replay.respond(request),
        std::thread::sleep,
        &SystemClock,
    )?;
    assert_eq!(output.job.and_then(|job| job.job_id).as_deref(), Some("j"));
    assert_eq!(
        replay.take_requests()[0].uri(),
        "https://iot.eu-west-1.amazonaws.com/jobs/j"
    );
    Ok(())
}

/// A transport that never answers.
struct Never;
impl awsgen_runtime::client::HttpClient for Never {
    fn call(
        &self,
        _: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        Box::pin(std::future::pending())
    }
}

#[test]
fn async_driver_races_each_attempt_against_its_timeout() {
    let mut config = config(1.0);
    config.timeouts.attempt = Some(Duration::from_millis(250));
    let sleep = RecordSleep::default();
    let error = block_on(send::<DescribeJob>(
        &config,
        describe("j"),
        &Never,
        &sleep,
        &FixedClock::at(TIME),
    ))
    .unwrap_err();
    let CallError::Transport { error, attempts } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(*attempts, 3);
    assert_eq!(error.kind(), TransportErrorKind::Timeout);
    assert_eq!(
        error.to_string(),
        "timed out: the attempt took longer than 250ms"
    );
    // Each attempt's timer, then the retry delay (50 ms, 100 ms).
    let ms = Duration::from_millis;
    assert_eq!(sleep.delays(), [ms(250), ms(50), ms(250), ms(100), ms(250)]);
}

#[test]
fn async_driver_ends_the_call_when_its_budget_runs_out() {
    let mut config = config(1.0);
    config.timeouts.attempt = None;
    config.timeouts.call = Some(Duration::from_secs(2));
    let sleep = RecordSleep::default();
    let error = block_on(send::<DescribeJob>(
        &config,
        describe("j"),
        &Never,
        &sleep,
        &FixedClock::at(TIME),
    ))
    .unwrap_err();
    assert!(
        matches!(error, CallError::TimedOut { attempts: 1, budget } if budget == Duration::from_secs(2)),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "the call timed out: its budget of 2s ran out after 1 attempt(s)"
    );
    assert_eq!(error.http_status(), None);
}

#[test]
fn blocking_driver_hands_each_attempt_its_timeout() {
    let mut config = config(0.0);
    config.timeouts.attempt = Some(Duration::from_secs(5));
    let replay = ReplayClient::new([unavailable(), ok_job()]);
    let run = |config: &ClientConfig| {
        send_blocking::<DescribeJob>(
            config,
            describe("j"),
            |request| replay.respond(request),
            |_| {},
            &FixedClock::at(TIME),
        )
    };
    run(&config).unwrap();
    let limits: Vec<Option<AttemptTimeout>> = replay
        .take_requests()
        .iter()
        .map(|request| request.extensions().get::<AttemptTimeout>().copied())
        .collect();
    let five = Some(AttemptTimeout(Duration::from_secs(5)));
    assert_eq!(limits, [five, five]);

    // A call budget shorter than the attempt timeout cuts it.
    config.timeouts.call = Some(Duration::from_secs(2));
    let replay_ok = ReplayClient::new([ok_job()]);
    send_blocking::<DescribeJob>(
        &config,
        describe("j"),
        |request| replay_ok.respond(request),
        |_| {},
        &FixedClock::at(TIME),
    )
    .unwrap();
    let request = &replay_ok.take_requests()[0];
    let limit = request.extensions().get::<AttemptTimeout>().unwrap().0;
    assert!(limit <= Duration::from_secs(2), "{limit:?}");
}

/// The README's generated-client example: a `BlockingClient` over the
/// replay transport, the endpoint resolved from the region.
#[test]
fn readme_generated_client_over_the_replay() -> Result<(), Box<dyn std::error::Error>> {
    use awsgen_runtime::client::ClientSettings;
    use awsgen_runtime::config::ConfigLoader;
    use std::sync::Arc;

    let env = std::collections::BTreeMap::<String, String>::new();
    let config = ConfigLoader::new(Arc::new(env))
        .region("eu-west-1")
        .load()?;
    let replay = Arc::new(ReplayClient::new([Ok(http::Response::new(
        br#"{"job": {"jobId": "x"}}"#.to_vec(),
    ))]));
    let settings = ClientSettings::blocking(config, replay.clone())
        .credentials(awsgen_runtime::Credentials::new("AKIDEXAMPLE", "secret"));
    let iot = awsgen::iot::BlockingClient::new(settings)?;
    let output = iot.describe_job(DescribeJobRequest {
        job_id: "x".into(),
        ..Default::default()
    })?;
    assert_eq!(output.job.and_then(|j| j.job_id).as_deref(), Some("x"));
    let requests = replay.take_requests();
    assert_eq!(
        requests[0].uri(),
        "https://iot.eu-west-1.amazonaws.com/jobs/x"
    );
    assert!(requests[0].headers().contains_key("authorization"));
    Ok(())
}

/// Headers the endpoint rules give travel on every request, signed.
#[test]
fn endpoint_headers_are_sent_and_signed() {
    let mut config = config(0.5);
    config
        .endpoint_headers
        .append("x-amz-endpoint-hint", http::HeaderValue::from_static("one"));
    config
        .endpoint_headers
        .append("x-amz-endpoint-hint", http::HeaderValue::from_static("two"));
    config.signing = Some(SigningConfig {
        signer: Signer::new(),
        credentials: Arc::new(Credentials::new("AKIDEXAMPLE", "secret")),
        region: "us-east-1".into(),
        service: "iot".into(),
    });
    let replay = ReplayClient::new([ok_job()]);
    describe_job(&config, "j-1", &replay, &RecordSleep::default()).unwrap();
    let requests = replay.take_requests();
    let hints: Vec<_> = requests[0]
        .headers()
        .get_all("x-amz-endpoint-hint")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    assert_eq!(hints, ["one", "two"]);
    assert!(header(&requests[0], "authorization").contains("x-amz-endpoint-hint"));
}

/// An endpoint resolver giving `headers`, for the two tests below.
fn service_with_headers(
    headers: &[(&str, &str)],
) -> Result<awsgen_runtime::client::ServiceClient, awsgen_runtime::client::ClientBuildError> {
    use awsgen_runtime::__private::client::{EndpointInputs, ServiceSpec};
    use awsgen_runtime::client::{ClientSettings, ServiceClient};
    use awsgen_runtime::config::ConfigLoader;
    use awsgen_runtime::endpoint::{Endpoint, ResolveError};

    thread_local!(static HEADERS: std::cell::RefCell<Vec<(String, String)>> = Default::default());
    HEADERS.with(|h| {
        *h.borrow_mut() = headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    });
    fn resolve(_: &EndpointInputs<'_>) -> Result<Endpoint, ResolveError> {
        let mut endpoint = Endpoint::new("https://example.us-east-1.amazonaws.com");
        HEADERS.with(|h| {
            for (name, value) in h.borrow().iter() {
                endpoint
                    .headers
                    .entry(name.clone())
                    .or_default()
                    .push(value.clone());
            }
        });
        Ok(endpoint)
    }
    static SPEC: ServiceSpec = ServiceSpec {
        service_id: "Example",
        signing_name: "example",
        resolve,
    };
    let config = ConfigLoader::new(Arc::new(std::collections::BTreeMap::<String, String>::new()))
        .region("us-east-1")
        .load()
        .unwrap();
    ServiceClient::new(
        ClientSettings::blocking(config, Arc::new(ReplayClient::new([]))),
        &SPEC,
    )
}

#[test]
fn the_resolved_endpoints_headers_reach_the_client_configuration() {
    let client = service_with_headers(&[("x-hint", "a"), ("x-hint", "b")]).unwrap();
    let values: Vec<_> = client
        .config()
        .endpoint_headers
        .get_all("x-hint")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    assert_eq!(values, ["a", "b"]);
}

#[test]
fn an_endpoint_header_that_is_not_http_is_a_build_error_naming_it() {
    let error = service_with_headers(&[("bad header", "v")]).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the endpoint rules give header `bad header: v`, which is not a valid HTTP header"
    );
    let error = service_with_headers(&[("x-ok", "line\nbreak")]).unwrap_err();
    assert!(error.to_string().contains("`x-ok: line\nbreak`"));
}

/// The README's async twin of the example above: the `Client` over the
/// replay transport, with tokio's timer.
#[tokio::test]
async fn readme_async_client_over_the_replay() -> Result<(), Box<dyn std::error::Error>> {
    use awsgen_runtime::client::ClientSettings;
    use awsgen_runtime::config::ConfigLoader;
    use std::sync::Arc;

    let env = std::collections::BTreeMap::<String, String>::new();
    let config = ConfigLoader::new(Arc::new(env))
        .region("eu-west-1")
        .load()?;
    let replay = Arc::new(ReplayClient::new([Ok(http::Response::new(
        br#"{"job": {"jobId": "x"}}"#.to_vec(),
    ))]));
    let settings = ClientSettings::new(
        config,
        replay.clone(),
        Arc::new(awsgen_transport::TokioSleep),
    )
    .credentials(awsgen_runtime::Credentials::new("AKIDEXAMPLE", "secret"));
    let iot = awsgen::iot::Client::new(settings)?;
    let output = iot
        .describe_job(DescribeJobRequest {
            job_id: "x".into(),
            ..Default::default()
        })
        .await?;
    assert_eq!(output.job.and_then(|j| j.job_id).as_deref(), Some("x"));
    let requests = replay.take_requests();
    assert_eq!(
        requests[0].uri(),
        "https://iot.eu-west-1.amazonaws.com/jobs/x"
    );
    assert!(requests[0].headers().contains_key("authorization"));
    Ok(())
}
