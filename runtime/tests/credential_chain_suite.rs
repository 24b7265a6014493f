//! The SDKs' default credential chain scenarios that need no network
//! (`tests/fixtures/credential-chain/`, copied from smithy-rs; see the
//! README there), one test per scenario, named after its folder.
//!
//! Each scenario runs [`CredentialsChain::default_chain`] on its `env.json`
//! (a map, never the process's environment) with `HOME` rewritten from
//! `/home` to the scenario's `fs/home`, and compares the access key id,
//! secret, session token and expiry with `test-case.json`. `account_id`
//! is not modelled by [`Credentials`] yet and is not compared.

use std::collections::BTreeMap;
use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};
use std::time::{Duration, SystemTime};

use awsgen_runtime::credentials::{CredentialsChain, ProvideCredentials};
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

fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
    }
}

fn check(scenario: &str) {
    let dir = suite_dir().join(scenario);
    let fs_root = dir.join("fs");
    let mut env: BTreeMap<String, String> = read_json(dir.join("env.json"))
        .as_object()
        .expect("env.json is an object")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().expect("string value").to_owned()))
        .collect();
    if let Some(home) = env.get_mut("HOME") {
        let rooted = fs_root.join(home.trim_start_matches('/'));
        *home = rooted.to_str().expect("UTF-8 path").to_owned();
    }
    let case = read_json(dir.join("test-case.json"));
    let chain = CredentialsChain::default_chain(None, Arc::new(env));
    let result = block_on(chain.provide_credentials());
    let expected = &case["result"];
    if let Some(fragment) = expected["ErrorContains"].as_str() {
        let error = result.expect_err(scenario);
        assert!(error.to_string().contains(fragment), "{scenario}: {error}");
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
    environment_variables
    environment_variables_blank
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
