//! The container (ECS/EKS) and instance-metadata (IMDSv2) providers,
//! against a replay transport: requests made, headers, retries, timeouts,
//! every error, and no secret in any message. The environment is a map,
//! files live in a fresh temporary directory per test.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use awsgen_runtime::client::{
    block_on, BoxFuture, Clock, HttpClient, ReplayClient, Sleep, TransportError,
};
use awsgen_runtime::credentials::{
    ContainerProvider, CredentialsError, CredentialsErrorKind, ImdsProvider, ProvideCredentials,
    ProviderConfig,
};
use awsgen_runtime::Credentials;

const NOW: u64 = 1_632_000_000; // 2021-09-18
const LATER: &str = "2021-09-21T04:16:53Z";

struct FixedClock;
impl Clock for FixedClock {
    fn now(&self) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(NOW)
    }
}

fn config(pairs: &[(&str, &str)], http: Option<Arc<dyn HttpClient>>) -> ProviderConfig {
    let map: BTreeMap<String, String> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    let mut config = ProviderConfig::new(Arc::new(map)).with_clock(Arc::new(FixedClock));
    if let Some(http) = http {
        config = config.with_http(http);
    }
    config
}

fn provide(provider: &dyn ProvideCredentials) -> Result<Credentials, CredentialsError> {
    block_on(provider.provide_credentials())
}

fn response(status: u16, body: &str) -> Result<http::Response<Vec<u8>>, TransportError> {
    let mut response = http::Response::new(body.as_bytes().to_vec());
    *response.status_mut() = http::StatusCode::from_u16(status).unwrap();
    Ok(response)
}

fn document(expiration: &str) -> String {
    format!(
        r#"{{"Code":"Success","LastUpdated":"2021-09-20T21:42:26Z","Type":"AWS-HMAC","AccessKeyId":"ASIAEXAMPLE","SecretAccessKey":"very-secret","Token":"token-secret","Expiration":"{expiration}","AccountId":"123456789012"}}"#
    )
}

fn header<'r>(request: &'r http::Request<Vec<u8>>, name: &str) -> Option<&'r str> {
    request.headers().get(name).map(|v| v.to_str().unwrap())
}

/// The error's text, checked free of the secrets the tests use.
fn message(error: &CredentialsError) -> String {
    let shown = format!("{error} {error:?}");
    for secret in ["very-secret", "token-secret", "auth-secret"] {
        assert!(!shown.contains(secret), "{shown}");
    }
    error.to_string()
}

/// A fresh temporary directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "awsgen-metadata-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(dir.join(".aws")).unwrap();
        TempDir(dir)
    }

    fn write(&self, relative: &str, text: &str) -> String {
        let path = self.0.join(relative);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_owned()
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Never answers.
struct Silent;
impl HttpClient for Silent {
    fn call(
        &self,
        _request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        Box::pin(std::future::pending())
    }
}

/// Every wait is over at once.
struct NoWait;
impl Sleep for NoWait {
    fn sleep(&self, _duration: Duration) -> BoxFuture<'_, ()> {
        Box::pin(async {})
    }
}

// ---- container ----

const RELATIVE: &str = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";
const FULL: &str = "AWS_CONTAINER_CREDENTIALS_FULL_URI";

#[test]
fn container_relative_uri_with_token() {
    let replay = Arc::new(ReplayClient::new([response(200, &document(LATER))]));
    let provider = ContainerProvider::new(config(
        &[
            (RELATIVE, "/v2/credentials/abc"),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "auth-secret"),
        ],
        Some(replay.clone()),
    ));
    let credentials = provide(&provider).unwrap();
    assert_eq!(credentials.access_key_id(), "ASIAEXAMPLE");
    assert_eq!(credentials.secret_access_key(), "very-secret");
    assert_eq!(credentials.session_token(), Some("token-secret"));
    assert_eq!(credentials.account_id(), Some("123456789012"));
    assert_eq!(
        credentials.expiry(),
        Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1_632_197_813))
    );
    let requests = replay.take_requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method(), http::Method::GET);
    assert_eq!(
        request.uri().to_string(),
        "http://169.254.170.2/v2/credentials/abc"
    );
    assert_eq!(header(request, "authorization"), Some("auth-secret"));
    assert!(request.headers()["authorization"].is_sensitive());
    assert_eq!(header(request, "accept"), Some("application/json"));
    assert!(!format!("{provider:?}").contains("auth-secret"));
}

#[test]
fn container_token_file_wins_and_is_read_at_each_load() {
    let dir = TempDir::new();
    let token_file = dir.write("token", "first-token\n");
    let replay = Arc::new(ReplayClient::new([
        response(200, &document(LATER)),
        response(200, &document(LATER)),
    ]));
    let provider = ContainerProvider::new(config(
        &[
            (FULL, "http://169.254.170.23/v1/credentials"),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", &token_file),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "auth-secret"),
        ],
        Some(replay.clone()),
    ));
    provide(&provider).unwrap();
    dir.write("token", "second-token");
    provide(&provider).unwrap();
    let tokens: Vec<_> = replay
        .take_requests()
        .iter()
        .map(|r| header(r, "authorization").unwrap().to_owned())
        .collect();
    assert_eq!(tokens, ["first-token", "second-token"]);
}

#[test]
fn container_errors_say_what_and_where() {
    let invalid = |pairs: &[(&str, &str)], outcomes: Vec<_>| {
        let replay = Arc::new(ReplayClient::new(outcomes));
        let error = provide(&ContainerProvider::new(config(pairs, Some(replay)))).unwrap_err();
        assert_eq!(error.kind(), CredentialsErrorKind::Invalid, "{error}");
        assert_eq!(error.provider(), "container");
        message(&error)
    };
    let shown = invalid(&[(FULL, "http://example.com/creds")], vec![]);
    assert!(
        shown.contains("AWS_CONTAINER_CREDENTIALS_FULL_URI `http://example.com/creds`"),
        "{shown}"
    );
    assert!(shown.contains("use https"), "{shown}");
    let shown = invalid(
        &[
            (RELATIVE, "/creds"),
            (
                "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
                "/nonexistent/token",
            ),
        ],
        vec![],
    );
    assert!(
        shown.contains("/nonexistent/token (AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE)"),
        "{shown}"
    );
    let shown = invalid(
        &[
            (RELATIVE, "/creds"),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "auth-secret\r\nx: y"),
        ],
        vec![],
    );
    assert!(
        shown.contains("token from AWS_CONTAINER_AUTHORIZATION_TOKEN"),
        "{shown}"
    );
    let shown = invalid(
        &[(RELATIVE, "/creds")],
        vec![response(403, "{}"), response(200, "unused")],
    );
    assert!(
        shown.contains("http://169.254.170.2/creds answered with HTTP status 403"),
        "{shown}"
    );
    let shown = invalid(
        &[(RELATIVE, "/creds")],
        vec![response(
            200,
            r#"{"AccessKeyId":"a","SecretAccessKey":"very-secret""#,
        )],
    );
    assert!(shown.contains("not valid JSON"), "{shown}");
    let shown = invalid(
        &[(RELATIVE, "/creds")],
        vec![response(200, &document("2021-01-01T00:00:00Z"))],
    );
    assert!(shown.contains("expired at 2021-01-01T00:00:00Z"), "{shown}");
    let error = provide(&ContainerProvider::new(config(
        &[(RELATIVE, "/creds")],
        None,
    )))
    .unwrap_err();
    assert_eq!(error.kind(), CredentialsErrorKind::Invalid);
    assert!(message(&error).contains("no HTTP client"), "{error}");
}

#[test]
fn container_not_configured_is_not_loaded() {
    let replay = Arc::new(ReplayClient::new([]));
    let error = provide(&ContainerProvider::new(config(
        &[(RELATIVE, "  ")],
        Some(replay.clone()),
    )))
    .unwrap_err();
    assert_eq!(error.kind(), CredentialsErrorKind::NotLoaded);
    assert!(replay.take_requests().is_empty());
}

#[test]
fn container_retries_server_errors_three_attempts_in_all() {
    let replay = Arc::new(ReplayClient::new([
        response(500, ""),
        Err(TransportError::io("reset")),
        response(200, &document(LATER)),
    ]));
    let provider = ContainerProvider::new(config(&[(RELATIVE, "/c")], Some(replay.clone())));
    provide(&provider).unwrap();
    assert_eq!(replay.take_requests().len(), 3);

    let replay = Arc::new(ReplayClient::new([
        response(503, ""),
        response(503, ""),
        response(503, ""),
        response(200, &document(LATER)),
    ]));
    let provider = ContainerProvider::new(config(&[(RELATIVE, "/c")], Some(replay.clone())));
    let error = provide(&provider).unwrap_err();
    assert!(message(&error).contains("status 503"), "{error}");
    assert_eq!(replay.remaining(), 1);
}

#[test]
fn container_requests_time_out_with_a_sleep() {
    let provider = ContainerProvider::new(
        config(&[(RELATIVE, "/c")], Some(Arc::new(Silent))).with_sleep(Arc::new(NoWait)),
    );
    let error = provide(&provider).unwrap_err();
    let shown = message(&error);
    assert!(
        shown.contains("no response from http://169.254.170.2/c"),
        "{shown}"
    );
    assert!(
        shown.contains("timed out: no response within 2000 ms"),
        "{shown}"
    );
}

// ---- IMDS ----

const ROLE_LIST: &str = "http://169.254.169.254/latest/meta-data/iam/security-credentials/";

fn imds_happy() -> Vec<Result<http::Response<Vec<u8>>, TransportError>> {
    vec![
        response(200, "imds-token"),
        response(200, "my-role\n"),
        response(200, &document(LATER)),
    ]
}

fn imds(pairs: &[(&str, &str)], replay: &Arc<ReplayClient>) -> ImdsProvider {
    ImdsProvider::new(config(pairs, Some(replay.clone())))
}

#[test]
fn imds_token_role_then_credentials() {
    let replay = Arc::new(ReplayClient::new(imds_happy()));
    let credentials = provide(&imds(&[], &replay)).unwrap();
    assert_eq!(credentials.access_key_id(), "ASIAEXAMPLE");
    assert_eq!(credentials.account_id(), Some("123456789012"));
    let requests = replay.take_requests();
    let seen: Vec<_> = requests
        .iter()
        .map(|r| format!("{} {}", r.method(), r.uri()))
        .collect();
    assert_eq!(
        seen,
        [
            "PUT http://169.254.169.254/latest/api/token".to_owned(),
            format!("GET {ROLE_LIST}"),
            format!("GET {ROLE_LIST}my-role"),
        ]
    );
    assert_eq!(
        header(&requests[0], "x-aws-ec2-metadata-token-ttl-seconds"),
        Some("21600")
    );
    for request in &requests[1..] {
        assert_eq!(
            header(request, "x-aws-ec2-metadata-token"),
            Some("imds-token")
        );
        assert!(request.headers()["x-aws-ec2-metadata-token"].is_sensitive());
    }
}

#[test]
fn imds_disabled_makes_no_request() {
    for value in ["true", "TRUE", " True "] {
        let replay = Arc::new(ReplayClient::new(imds_happy()));
        let error = provide(&imds(&[("AWS_EC2_METADATA_DISABLED", value)], &replay)).unwrap_err();
        assert_eq!(error.kind(), CredentialsErrorKind::NotLoaded);
        assert!(message(&error).contains("AWS_EC2_METADATA_DISABLED"));
        assert!(replay.take_requests().is_empty());
    }
    let replay = Arc::new(ReplayClient::new(imds_happy()));
    provide(&imds(&[("AWS_EC2_METADATA_DISABLED", "false")], &replay)).unwrap();
}

#[test]
fn imds_endpoint_from_env_mode_and_profile() {
    let first_uri = |pairs: &[(&str, &str)]| {
        let replay = Arc::new(ReplayClient::new(imds_happy()));
        provide(&imds(pairs, &replay)).unwrap();
        replay.take_requests()[0].uri().to_string()
    };
    assert_eq!(
        first_uri(&[(
            "AWS_EC2_METADATA_SERVICE_ENDPOINT",
            "http://127.0.0.1:8080/"
        )]),
        "http://127.0.0.1:8080/latest/api/token"
    );
    assert_eq!(
        first_uri(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv6")]),
        "http://[fd00:ec2::254]/latest/api/token"
    );
    let home = TempDir::new();
    home.write(
        ".aws/config",
        "[default]\nec2_metadata_service_endpoint_mode = ipv6\n[profile other]\nec2_metadata_service_endpoint = http://10.0.0.1\n",
    );
    assert_eq!(
        first_uri(&[("HOME", home.path())]),
        "http://[fd00:ec2::254]/latest/api/token"
    );
    assert_eq!(
        first_uri(&[("HOME", home.path()), ("AWS_PROFILE", "other")]),
        "http://10.0.0.1/latest/api/token"
    );
    // The environment wins over the profile.
    assert_eq!(
        first_uri(&[
            ("HOME", home.path()),
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv4")
        ]),
        "http://169.254.169.254/latest/api/token"
    );
    let replay = Arc::new(ReplayClient::new(imds_happy()));
    let error = provide(&imds(
        &[("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv5")],
        &replay,
    ))
    .unwrap_err();
    assert_eq!(error.kind(), CredentialsErrorKind::Invalid);
    assert!(
        message(&error).contains("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE is `IPv5`"),
        "{error}"
    );
}

#[test]
fn imds_off_ec2_is_not_loaded() {
    // No answer at all: one attempt only (a timeout is not retried).
    let replay = Arc::new(ReplayClient::new([
        Err(TransportError::connect("no route")),
        Ok(http::Response::new(Vec::new())),
    ]));
    let error = provide(&imds(&[], &replay)).unwrap_err();
    assert_eq!(error.kind(), CredentialsErrorKind::NotLoaded);
    assert!(
        message(&error).contains("could not connect: no route"),
        "{error}"
    );
    assert_eq!(replay.take_requests().len(), 1);
    // Token forbidden.
    let replay = Arc::new(ReplayClient::new([response(403, "")]));
    let error = provide(&imds(&[], &replay)).unwrap_err();
    assert_eq!(error.kind(), CredentialsErrorKind::NotLoaded);
    assert!(message(&error).contains("forbidden"), "{error}");
    // No role.
    let replay = Arc::new(ReplayClient::new([
        response(200, "imds-token"),
        response(404, "<html/>"),
    ]));
    let error = provide(&imds(&[], &replay)).unwrap_err();
    assert_eq!(error.kind(), CredentialsErrorKind::NotLoaded);
    assert!(message(&error).contains("no IAM role"), "{error}");
    // No HTTP client.
    let error = provide(&ImdsProvider::new(config(&[], None))).unwrap_err();
    assert_eq!(error.kind(), CredentialsErrorKind::NotLoaded);
}

#[test]
fn imds_timeout_with_a_sleep_is_not_retried() {
    let provider =
        ImdsProvider::new(config(&[], Some(Arc::new(Silent))).with_sleep(Arc::new(NoWait)));
    let error = provide(&provider).unwrap_err();
    assert_eq!(error.kind(), CredentialsErrorKind::NotLoaded);
    assert!(
        message(&error).contains("timed out: no response within 1000 ms"),
        "{error}"
    );
}

#[test]
fn imds_retries_once() {
    let replay = Arc::new(ReplayClient::new([
        Err(TransportError::io("reset")),
        response(200, "imds-token"),
        response(500, ""),
        response(200, "my-role"),
        response(200, &document(LATER)),
    ]));
    provide(&imds(&[], &replay)).unwrap();
    assert_eq!(replay.remaining(), 0);
    let replay = Arc::new(ReplayClient::new([
        response(500, ""),
        response(500, ""),
        response(200, "imds-token"),
    ]));
    let error = provide(&imds(&[], &replay)).unwrap_err();
    assert_eq!(error.kind(), CredentialsErrorKind::Invalid);
    assert!(message(&error).contains("HTTP status 500"), "{error}");
    assert_eq!(replay.remaining(), 1);
}

#[test]
fn imds_credentials_errors() {
    let invalid = |body: String| {
        let replay = Arc::new(ReplayClient::new([
            response(200, "imds-token"),
            response(200, "my-role"),
            response(200, &body),
        ]));
        let error = provide(&imds(&[], &replay)).unwrap_err();
        assert_eq!(error.kind(), CredentialsErrorKind::Invalid, "{error}");
        message(&error)
    };
    let shown = invalid(document(LATER).replace("Success", "AssumeRoleUnauthorizedAccess"));
    assert!(
        shown.contains("role `my-role` have Code `AssumeRoleUnauthorizedAccess`"),
        "{shown}"
    );
    let shown = invalid(document("2021-09-01T00:00:00Z"));
    assert!(shown.contains("expired"), "{shown}");
    let shown = invalid("very-secret".to_owned());
    assert!(
        shown.contains(&format!(
            "GET {ROLE_LIST}my-role: the response is not valid JSON"
        )),
        "{shown}"
    );
}
