//! Configuration resolution (`awsgen_runtime::config`): explicit >
//! environment > profile > default for every setting, and errors that name
//! the variable or profile key and the value. The environment is a map,
//! profile files live in a fresh temporary home per test.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use awsgen_runtime::client::{ClientConfig, SigningConfig};
use awsgen_runtime::config::{Config, ConfigError, ConfigLoader, RetryMode};
use awsgen_runtime::credentials::profile::Platform;
use awsgen_runtime::Credentials;

struct TempHome(PathBuf);

impl TempHome {
    fn with_config(text: &str) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "awsgen-config-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(dir.join(".aws")).unwrap();
        std::fs::write(dir.join(".aws/config"), text).unwrap();
        TempHome(dir)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempHome {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn loader(home: &TempHome, pairs: &[(&str, &str)]) -> ConfigLoader {
    let mut map: BTreeMap<String, String> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    map.insert("HOME".to_owned(), home.path().to_owned());
    ConfigLoader::new(Arc::new(map)).platform(Platform::Unix)
}

fn load(home: &TempHome, pairs: &[(&str, &str)]) -> Config {
    loader(home, pairs).load().unwrap()
}

fn error(home: &TempHome, pairs: &[(&str, &str)]) -> String {
    loader(home, pairs).load().unwrap_err().to_string()
}

const PROFILE: &str = "[default]
region = eu-west-1
endpoint_url = https://profile.example.com
use_fips_endpoint = true
use_dualstack_endpoint = TRUE
max_attempts = 5
retry_mode = legacy
sdk_ua_app_id = profile-app

[profile other]
region = ap-south-1
";

#[test]
fn defaults_without_anything() {
    let home = TempHome::with_config("");
    let config = load(&home, &[]);
    assert_eq!(config.profile(), "default");
    assert_eq!(config.region(), None);
    assert_eq!(config.endpoint_url(), None);
    assert!(!config.use_fips());
    assert!(!config.use_dual_stack());
    assert_eq!(config.max_attempts(), 3);
    assert_eq!(config.retry_mode(), RetryMode::Standard);
    assert_eq!(config.app_id(), None);
}

#[test]
fn profile_values() {
    let home = TempHome::with_config(PROFILE);
    let config = load(&home, &[]);
    assert_eq!(config.region(), Some("eu-west-1"));
    assert_eq!(
        config.endpoint_url().map(ToString::to_string).as_deref(),
        Some("https://profile.example.com/")
    );
    assert!(config.use_fips());
    assert!(config.use_dual_stack());
    assert_eq!(config.max_attempts(), 5);
    assert_eq!(config.retry_mode(), RetryMode::Standard);
    assert_eq!(config.app_id(), Some("profile-app"));
    let other = load(&home, &[("AWS_PROFILE", "other")]);
    assert_eq!(other.profile(), "other");
    assert_eq!(other.region(), Some("ap-south-1"));
    assert_eq!(other.max_attempts(), 3);
}

#[test]
fn environment_beats_profile() {
    let home = TempHome::with_config(PROFILE);
    let config = load(
        &home,
        &[
            ("AWS_DEFAULT_REGION", "us-west-1"),
            ("AWS_ENDPOINT_URL", "http://localhost:4566"),
            ("AWS_USE_FIPS_ENDPOINT", "false"),
            ("AWS_USE_DUALSTACK_ENDPOINT", "False"),
            ("AWS_MAX_ATTEMPTS", "1"),
            ("AWS_RETRY_MODE", "standard"),
            ("AWS_SDK_UA_APP_ID", "env-app"),
        ],
    );
    assert_eq!(config.region(), Some("us-west-1"));
    assert_eq!(
        config.endpoint_url().unwrap().to_string(),
        "http://localhost:4566/"
    );
    assert!(!config.use_fips());
    assert!(!config.use_dual_stack());
    assert_eq!(config.max_attempts(), 1);
    assert_eq!(config.app_id(), Some("env-app"));
    // AWS_REGION beats AWS_DEFAULT_REGION; blank counts as unset.
    let config = load(
        &home,
        &[
            ("AWS_REGION", "us-east-2"),
            ("AWS_DEFAULT_REGION", "us-west-1"),
        ],
    );
    assert_eq!(config.region(), Some("us-east-2"));
    let config = load(&home, &[("AWS_REGION", " "), ("AWS_MAX_ATTEMPTS", "")]);
    assert_eq!(config.region(), Some("eu-west-1"));
    assert_eq!(config.max_attempts(), 5);
}

#[test]
fn explicit_beats_environment() {
    let home = TempHome::with_config(PROFILE);
    let config = loader(
        &home,
        &[
            ("AWS_REGION", "us-east-2"),
            ("AWS_ENDPOINT_URL", "http://localhost:4566"),
            ("AWS_USE_FIPS_ENDPOINT", "true"),
            ("AWS_MAX_ATTEMPTS", "7"),
            ("AWS_SDK_UA_APP_ID", "env-app"),
        ],
    )
    .region("eu-central-1")
    .endpoint_url("https://explicit.example.com")
    .use_fips(false)
    .use_dual_stack(false)
    .max_attempts(2)
    .retry_mode(RetryMode::Standard)
    .app_id("explicit-app")
    .load()
    .unwrap();
    assert_eq!(config.region(), Some("eu-central-1"));
    assert_eq!(
        config.endpoint_url().unwrap().host(),
        Some("explicit.example.com")
    );
    assert!(!config.use_fips());
    assert!(!config.use_dual_stack());
    assert_eq!(config.max_attempts(), 2);
    assert_eq!(config.app_id(), Some("explicit-app"));
    let config = loader(&home, &[]).profile("other").load().unwrap();
    assert_eq!(config.region(), Some("ap-south-1"));
}

#[test]
fn service_specific_endpoint_url() {
    let home = TempHome::with_config(PROFILE);
    let pairs = [
        ("AWS_ENDPOINT_URL", "http://general:1"),
        ("AWS_ENDPOINT_URL_IOT", "http://iot:2"),
        ("AWS_ENDPOINT_URL_IOT_JOBS_DATA_PLANE", "http://jobs:3"),
    ];
    let host = |id: Option<&str>| {
        let mut loader = loader(&home, &pairs);
        if let Some(id) = id {
            loader = loader.service_id(id);
        }
        let config = loader.load().unwrap();
        config.endpoint_url().unwrap().host().unwrap().to_owned()
    };
    assert_eq!(host(None), "general");
    assert_eq!(host(Some("IoT")), "iot");
    assert_eq!(host(Some("IoT Jobs Data Plane")), "jobs");
    assert_eq!(host(Some("S3")), "general");
}

#[test]
fn configured_endpoint_urls_can_be_ignored() {
    let home = TempHome::with_config(PROFILE);
    let config = load(
        &home,
        &[
            ("AWS_ENDPOINT_URL", "http://localhost:4566"),
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
        ],
    );
    assert_eq!(config.endpoint_url(), None);
    let config = loader(&home, &[("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")])
        .endpoint_url("https://explicit.example.com")
        .load()
        .unwrap();
    assert!(config.endpoint_url().is_some());
}

#[test]
fn bad_values_name_the_variable_and_the_value() {
    let home = TempHome::with_config("");
    assert_eq!(
        error(&home, &[("AWS_MAX_ATTEMPTS", "0")]),
        "AWS_MAX_ATTEMPTS is `0`: expected an integer from 1"
    );
    assert_eq!(
        error(&home, &[("AWS_MAX_ATTEMPTS", "three")]),
        "AWS_MAX_ATTEMPTS is `three`: expected an integer from 1"
    );
    assert_eq!(
        error(&home, &[("AWS_USE_FIPS_ENDPOINT", "yes")]),
        "AWS_USE_FIPS_ENDPOINT is `yes`: expected true or false"
    );
    assert_eq!(
        error(&home, &[("AWS_RETRY_MODE", "adaptive")]),
        "AWS_RETRY_MODE is `adaptive`: expected standard or legacy (adaptive is not supported)"
    );
    assert_eq!(
        error(&home, &[("AWS_REGION", "us east 1")]),
        "AWS_REGION is `us east 1`: expected letters, digits and `-`"
    );
    assert!(error(&home, &[("AWS_ENDPOINT_URL", "localhost")])
        .starts_with("AWS_ENDPOINT_URL is `localhost`: expected an absolute URL"));
    assert!(error(&home, &[("AWS_SDK_UA_APP_ID", "my app")])
        .starts_with("AWS_SDK_UA_APP_ID is `my app`"));
    let explicit = loader(&home, &[]).max_attempts(0).load().unwrap_err();
    assert!(matches!(explicit, ConfigError::Invalid { .. }));
    assert!(explicit
        .to_string()
        .starts_with("ConfigLoader::max_attempts is `0`"));
}

#[test]
fn bad_profile_values_name_the_key_profile_and_files() {
    let home = TempHome::with_config("[profile dev]\nuse_dualstack_endpoint = maybe\n");
    let shown = error(&home, &[("AWS_PROFILE", "dev")]);
    assert!(
        shown.starts_with("use_dualstack_endpoint of profile `dev` ("),
        "{shown}"
    );
    assert!(shown.contains(".aws/config"), "{shown}");
    assert!(
        shown.ends_with("is `maybe`: expected true or false"),
        "{shown}"
    );
}

#[test]
fn missing_named_profile_and_broken_files() {
    let home = TempHome::with_config("[default]\nregion = us-east-1\n");
    let shown = error(&home, &[("AWS_PROFILE", "nope")]);
    assert!(shown.starts_with("no profile `nope` in "), "{shown}");
    let home = TempHome::with_config("[default]\n  indented = first\n");
    let shown = error(&home, &[]);
    assert!(
        shown.starts_with("cannot load the profile files: config file, line 2"),
        "{shown}"
    );
}

#[test]
fn apply_fills_the_client_config() {
    let home = TempHome::with_config(PROFILE);
    let config = load(&home, &[]);
    let mut client = ClientConfig::new("https://iot.us-east-1.amazonaws.com".parse().unwrap());
    client.signing = Some(SigningConfig::new(
        Credentials::new("AKID", "secret"),
        "us-east-1",
        "iot",
    ));
    config.apply(&mut client);
    assert_eq!(client.region.as_deref(), Some("eu-west-1"));
    assert_eq!(client.signing.as_ref().unwrap().region, "eu-west-1");
    assert!(client.use_fips && client.use_dual_stack);
    assert_eq!(client.retry.max_attempts, 5);
    assert_eq!(client.app_id.as_deref(), Some("profile-app"));
    assert_eq!(client.endpoint.host(), Some("profile.example.com"));
    // Without an endpoint URL the client keeps its endpoint.
    let mut client = ClientConfig::new("https://iot.us-east-1.amazonaws.com".parse().unwrap());
    load(&TempHome::with_config(""), &[]).apply(&mut client);
    assert_eq!(client.endpoint.host(), Some("iot.us-east-1.amazonaws.com"));
}
