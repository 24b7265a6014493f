//! Calls that sign with credentials from a provider: resolved before each
//! attempt through the cache (one load for many attempts and calls), the
//! blocking driver resolving them on its thread, and a failing provider
//! ending the call at once with `CallError::Credentials`.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use awsgen::iot::operations::DescribeJob;
use awsgen::iot::types::DescribeJobRequest;
use awsgen_e2e_support::fakes::{FixedClock, NoSleep};
use awsgen_runtime::client::{
    block_on, send, send_blocking, CallError, ClientConfig, ReplayClient, SigningConfig,
    TransportError,
};
use awsgen_runtime::credentials::{
    CachedProvider, CredentialsError, CredentialsErrorKind, ProvideCredentials, ProvideFuture,
};
use awsgen_runtime::Credentials;

const TIME: u64 = 1_440_938_160; // 2015-08-30T12:36:00Z
/// Counts loads; gives temporary credentials valid for an hour, or fails.
#[derive(Debug, Default)]
struct Counting {
    loads: AtomicU32,
    fail: bool,
}

impl ProvideCredentials for Counting {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        let n = self.loads.fetch_add(1, Ordering::SeqCst) + 1;
        let result = if self.fail {
            Err(CredentialsError::not_loaded(
                "test",
                "nothing configured here",
            ))
        } else {
            Ok(Credentials::new(format!("ASIA{n}"), "very-secret")
                .with_session_token("token-secret")
                .with_expiry(UNIX_EPOCH + Duration::from_secs(TIME + 3600)))
        };
        Box::pin(std::future::ready(result))
    }
}

fn ok_job() -> Result<http::Response<Vec<u8>>, TransportError> {
    Ok(http::Response::new(
        br#"{"documentSource":"s3://doc"}"#.to_vec(),
    ))
}

fn unavailable() -> Result<http::Response<Vec<u8>>, TransportError> {
    let mut response = http::Response::new(Vec::new());
    *response.status_mut() = http::StatusCode::SERVICE_UNAVAILABLE;
    Ok(response)
}

fn describe() -> DescribeJobRequest {
    DescribeJobRequest {
        job_id: "j".into(),
        ..Default::default()
    }
}

fn signed_config(provider: Arc<dyn ProvideCredentials>) -> ClientConfig {
    let mut config = ClientConfig::new("https://iot.us-east-1.amazonaws.com".parse().unwrap());
    let mut signing = SigningConfig::new(Credentials::new("unused", "unused"), "us-east-1", "iot");
    signing.credentials = provider;
    config.signing = Some(signing);
    config
}

#[test]
fn attempts_and_calls_sign_with_the_cached_provider() {
    let counting = Arc::new(Counting::default());
    let cache = CachedProvider::new(counting.clone()).clock(Arc::new(FixedClock::at(TIME)));
    let config = signed_config(Arc::new(cache));
    let replay = ReplayClient::new([unavailable(), ok_job(), ok_job()]);
    for _ in 0..2 {
        block_on(send::<DescribeJob>(
            &config,
            describe(),
            &replay,
            &NoSleep,
            &FixedClock::at(TIME),
        ))
        .unwrap();
    }
    let requests = replay.take_requests();
    assert_eq!(requests.len(), 3);
    for request in &requests {
        let authorization = request.headers()["authorization"].to_str().unwrap();
        assert!(
            authorization.starts_with(
                "AWS4-HMAC-SHA256 Credential=ASIA1/20150830/us-east-1/iot/aws4_request"
            ),
            "{authorization}"
        );
        assert_eq!(request.headers()["x-amz-security-token"], "token-secret");
    }
    assert_eq!(counting.loads.load(Ordering::SeqCst), 1);
}

#[test]
fn the_blocking_driver_resolves_the_provider_on_its_thread() {
    let counting = Arc::new(Counting::default());
    let config = signed_config(counting.clone());
    let replay = ReplayClient::new([unavailable(), ok_job()]);
    send_blocking::<DescribeJob>(
        &config,
        describe(),
        |request| replay.respond(request),
        |_| {},
        &FixedClock::at(TIME),
    )
    .unwrap();
    // Without a cache the provider is asked before every attempt.
    assert_eq!(counting.loads.load(Ordering::SeqCst), 2);
    let credentials: Vec<String> = replay
        .take_requests()
        .iter()
        .map(|r| r.headers()["authorization"].to_str().unwrap().to_owned())
        .collect();
    assert!(credentials[0].contains("Credential=ASIA1/"));
    assert!(credentials[1].contains("Credential=ASIA2/"));
}

#[test]
fn a_failing_provider_ends_the_call_before_any_request() {
    let counting = Arc::new(Counting {
        fail: true,
        ..Counting::default()
    });
    let config = signed_config(Arc::new(
        CachedProvider::new(counting.clone()).clock(Arc::new(FixedClock::at(TIME))),
    ));
    let replay = ReplayClient::new([ok_job()]);
    let error = block_on(send::<DescribeJob>(
        &config,
        describe(),
        &replay,
        &NoSleep,
        &FixedClock::at(TIME),
    ))
    .unwrap_err();
    match &error {
        CallError::Credentials(inner) => {
            assert_eq!(inner.kind(), CredentialsErrorKind::NotLoaded);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        error.to_string(),
        "no credentials to sign with: test: nothing configured here"
    );
    assert!(std::error::Error::source(&error).is_some());
    assert!(replay.take_requests().is_empty());
    assert_eq!(counting.loads.load(Ordering::SeqCst), 1);
    let blocking = send_blocking::<DescribeJob>(
        &config,
        describe(),
        |request| replay.respond(request),
        |_| {},
        &FixedClock::at(TIME),
    )
    .unwrap_err();
    assert!(matches!(blocking, CallError::Credentials(_)));
    assert!(replay.take_requests().is_empty());
}

#[test]
fn the_app_id_joins_the_user_agent() {
    let mut config = ClientConfig::new("https://iot.us-east-1.amazonaws.com".parse().unwrap());
    config.app_id = Some("my-app".to_owned());
    let replay = ReplayClient::new([ok_job()]);
    send_blocking::<DescribeJob>(
        &config,
        describe(),
        |request| replay.respond(request),
        |_| {},
        &FixedClock::at(TIME),
    )
    .unwrap();
    let request = &replay.take_requests()[0];
    assert_eq!(
        request.headers()["user-agent"],
        format!(
            "{} app/my-app",
            awsgen_runtime::__private::client::USER_AGENT_VALUE
        )
        .as_str()
    );
}

#[test]
fn the_async_driver_stays_send() {
    fn assert_send<T: Send>(_: &T) {}
    let config = signed_config(Arc::new(Counting::default()));
    let replay = ReplayClient::new([]);
    let clock = FixedClock::at(TIME);
    let future = send::<DescribeJob>(&config, describe(), &replay, &NoSleep, &clock);
    assert_send(&future);
}
