//! The SDKs' default credential chain scenarios
//! (`tests/fixtures/credential-chain/`, copied from smithy-rs; see the
//! README there), one test per scenario, named after its folder.
//!
//! Each scenario runs [`default_provider`] (the default chain behind its
//! cache) on its `env.json` (a map, never the process's environment) with
//! the path variables (`HOME`, `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`)
//! rewritten from `/…` into the scenario's `fs/`, and its
//! `http-traffic.json` replayed by [`Traffic`]: each request must be the
//! next recorded one (method, URI, and every recorded header but the user
//! agents, which are smithy-rs's own), and gets the recorded response. The
//! clock stands at 2009-02-13T23:00:00Z, before every expiry in the
//! scenarios (smithy-rs runs them at a fixed time too). The result is
//! compared with `test-case.json`: access key id, secret, session token,
//! expiry, account id; an `ErrorContains` of smithy-rs's "the credential
//! provider was not enabled" is its wording for an empty chain, checked
//! here as the chain's `NotLoaded` kind, any other text as a substring.
//!
//! Left out, with the providers they need (not written yet):
//!
//! - `ecs_assume_role`, `imds_assume_role`, `imds_no_iam_role`,
//!   `imds_token_fail`, `profile_overrides_web_identity`: a profile with
//!   `role_arn` and `credential_source` (assume-role through STS);
//! - `web_identity_source_profile_no_env`, `web_identity_token_env`,
//!   `web_identity_token_invalid_jwt`, `web_identity_token_profile`,
//!   `web_identity_token_source_profile`: web identity;
//! - `sso_assume_role`, `sso_no_token_file`, `sso_server_error`,
//!   `e2e_fips_and_dual_stack_sso`: SSO.

use std::collections::{BTreeMap, VecDeque};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use awsgen_runtime::client::{block_on, BoxFuture, Clock, HttpClient, TransportError};
use awsgen_runtime::credentials::{
    default_provider, CredentialsErrorKind, ProvideCredentials, ProviderConfig,
};
use awsgen_runtime::Credentials;
use serde_json::Value;

fn suite_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/credential-chain")
}

fn read_json(path: PathBuf) -> Value {
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// One recorded exchange.
#[derive(Debug, Default)]
struct Exchange {
    method: String,
    uri: String,
    headers: BTreeMap<String, Vec<String>>,
    status: u16,
    body: Vec<u8>,
}

/// Replays a scenario's `http-traffic.json`, in connection order.
#[derive(Debug)]
struct Traffic {
    scenario: String,
    exchanges: Mutex<VecDeque<Exchange>>,
}

impl Traffic {
    fn load(scenario: &str, traffic: &Value) -> Self {
        let mut by_connection: BTreeMap<u64, Exchange> = BTreeMap::new();
        for event in traffic["events"].as_array().expect("events") {
            let id = event["connection_id"].as_u64().expect("connection_id");
            let exchange = by_connection.entry(id).or_default();
            let action = &event["action"];
            if let Some(request) = action.get("Request") {
                let request = &request["request"];
                exchange.method = request["method"].as_str().expect("method").to_owned();
                exchange.uri = request["uri"].as_str().expect("uri").to_owned();
                for (name, values) in request["headers"].as_object().expect("headers") {
                    let values = values.as_array().expect("header values");
                    exchange.headers.insert(
                        name.to_ascii_lowercase(),
                        values
                            .iter()
                            .map(|v| v.as_str().expect("header value").to_owned())
                            .collect(),
                    );
                }
            } else if let Some(response) = action.get("Response") {
                let status = response["response"]["Ok"]["status"]
                    .as_u64()
                    .expect("status");
                exchange.status = u16::try_from(status).expect("status fits");
            } else if let Some(data) = action.get("Data") {
                if data["direction"] == "Response" {
                    let text = data["data"]["Utf8"].as_str().expect("UTF-8 data");
                    exchange.body.extend_from_slice(text.as_bytes());
                }
            }
        }
        Self {
            scenario: scenario.to_owned(),
            exchanges: Mutex::new(by_connection.into_values().collect()),
        }
    }

    fn remaining(&self) -> usize {
        self.exchanges.lock().unwrap().len()
    }
}

impl HttpClient for Traffic {
    fn call(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        let scenario = &self.scenario;
        let next = self.exchanges.lock().unwrap().pop_front();
        let Some(expected) = next else {
            panic!(
                "{scenario}: unexpected request {} {}",
                request.method(),
                request.uri()
            );
        };
        assert_eq!(request.method().as_str(), expected.method, "{scenario}");
        assert_eq!(request.uri().to_string(), expected.uri, "{scenario}");
        for (name, values) in &expected.headers {
            if name == "user-agent" || name == "x-amz-user-agent" {
                continue;
            }
            let sent: Vec<&str> = request
                .headers()
                .get_all(name.as_str())
                .iter()
                .map(|v| v.to_str().expect("text header"))
                .collect();
            assert_eq!(
                sent, *values,
                "{scenario}: header {name} of {}",
                expected.uri
            );
        }
        let mut response = http::Response::new(expected.body);
        *response.status_mut() = http::StatusCode::from_u16(expected.status).expect("status");
        Box::pin(std::future::ready(Ok(response)))
    }
}

const NOW: u64 = 1_234_566_000; // 2009-02-13T23:00:00Z

struct FixedClock;
impl Clock for FixedClock {
    fn now(&self) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(NOW)
    }
}

const PATH_VARIABLES: &[&str] = &["HOME", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"];

fn check(scenario: &str) {
    let dir = suite_dir().join(scenario);
    let fs_root = dir.join("fs");
    let mut env: BTreeMap<String, String> = read_json(dir.join("env.json"))
        .as_object()
        .expect("env.json is an object")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().expect("string value").to_owned()))
        .collect();
    for name in PATH_VARIABLES {
        if let Some(path) = env.get_mut(*name) {
            let rooted = fs_root.join(path.trim_start_matches('/'));
            *path = rooted.to_str().expect("UTF-8 path").to_owned();
        }
    }
    let traffic = Arc::new(Traffic::load(
        scenario,
        &read_json(dir.join("http-traffic.json")),
    ));
    let config = ProviderConfig::new(Arc::new(env))
        .with_http(traffic.clone())
        .with_clock(Arc::new(FixedClock));
    let provider = default_provider(None, &config);
    let case = read_json(dir.join("test-case.json"));
    let result = block_on(provider.provide_credentials());
    assert_eq!(
        traffic.remaining(),
        0,
        "{scenario}: recorded requests not made"
    );
    let expected = &case["result"];
    if let Some(fragment) = expected["ErrorContains"].as_str() {
        let error = result.expect_err(scenario);
        if fragment.contains("provider was not enabled") {
            assert_eq!(
                error.kind(),
                CredentialsErrorKind::NotLoaded,
                "{scenario}: {error}"
            );
        } else {
            assert!(error.to_string().contains(fragment), "{scenario}: {error}");
        }
        return;
    }
    let ok = &expected["Ok"];
    let credentials: Credentials = result.unwrap_or_else(|e| panic!("{scenario}: {e}"));
    assert_eq!(
        credentials.access_key_id(),
        ok["access_key_id"].as_str().expect("id"),
        "{scenario}"
    );
    assert_eq!(
        credentials.secret_access_key(),
        ok["secret_access_key"].as_str().expect("secret"),
        "{scenario}"
    );
    assert_eq!(
        credentials.session_token(),
        ok["session_token"].as_str(),
        "{scenario}"
    );
    let expiry = ok["expiry"]
        .as_u64()
        .map(|secs| SystemTime::UNIX_EPOCH + Duration::from_secs(secs));
    assert_eq!(credentials.expiry(), expiry, "{scenario}");
    assert_eq!(
        credentials.account_id(),
        ok["account_id"].as_str(),
        "{scenario}"
    );
    // The cache answers again without a request (the traffic is used up).
    let again = block_on(provider.provide_credentials()).expect("cached");
    assert_eq!(again, credentials, "{scenario}");
}

macro_rules! scenarios {
    ($($name:ident)*) => {
        const SCENARIOS: &[&str] = &[$(stringify!($name)),*];
        $(
            #[test]
            fn $name() {
                check(stringify!($name));
            }
        )*
    };
}

scenarios! {
    ecs_credentials
    ecs_credentials_invalid_profile
    eks_pod_identity_credentials
    eks_pod_identity_no_token_file
    environment_variables
    environment_variables_blank
    imds_config_with_no_creds
    imds_default_chain_error
    imds_default_chain_retries
    imds_default_chain_success
    imds_disabled
    prefer_environment
    profile_name
    profile_static_keys
    profile_static_keys_case_insensitive
}

#[test]
fn every_scenario_has_a_test() {
    let mut found: Vec<String> = std::fs::read_dir(suite_dir())
        .expect("suite dir")
        .filter_map(|entry| {
            let entry = entry.expect("dir entry");
            entry
                .file_type()
                .expect("file type")
                .is_dir()
                .then(|| entry.file_name().to_string_lossy().into_owned())
        })
        .collect();
    found.sort();
    assert_eq!(found, SCENARIOS);
}
