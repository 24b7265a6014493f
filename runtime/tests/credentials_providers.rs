//! The credentials providers: environment, profile (static keys and
//! `credential_process`), and the chain. The environment is always a map;
//! profile files live in a fresh temporary home directory per test.

use std::collections::BTreeMap;
use std::future::Future;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use awsgen_runtime::credentials::profile::Env;
use awsgen_runtime::credentials::{
    CredentialsChain, CredentialsError, CredentialsErrorKind, EnvironmentProvider, ProfileProvider,
    ProvideCredentials,
};
use awsgen_runtime::Credentials;

/// Polls a future that finishes without waiting (all providers here do).
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    for _ in 0..1_000 {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
    }
    panic!("the future did not finish");
}

fn provide(provider: &dyn ProvideCredentials) -> Result<Credentials, CredentialsError> {
    block_on(provider.provide_credentials())
}

fn env(pairs: &[(&str, &str)]) -> Arc<dyn Env> {
    let map: BTreeMap<String, String> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    Arc::new(map)
}

/// A fresh directory under the system's temporary directory, removed when
/// dropped.
struct TempHome(PathBuf);

impl TempHome {
    fn new() -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "awsgen-creds-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(dir.join(".aws")).expect("create temp home");
        TempHome(dir)
    }

    fn home(&self) -> &str {
        self.0.to_str().expect("UTF-8 temp dir")
    }

    fn write(&self, relative: &str, text: &str) -> PathBuf {
        let path = self.0.join(relative);
        std::fs::write(&path, text).expect("write file");
        path
    }

    /// A `credential_process` command line that prints `output` and exits
    /// with `code`: a shell script run as `/bin/sh <script>`. The script is
    /// read by the shell, never executed itself, so a file just written
    /// cannot fail with "text file busy" when another test thread forks
    /// while its descriptor is open (a Linux race that made this flaky).
    fn script(&self, name: &str, output: &str, code: i32) -> String {
        let path = self.write(
            name,
            &format!("cat <<'JSON'\n{output}\nJSON\nexit {code}\n"),
        );
        format!("/bin/sh {}", path.to_str().expect("UTF-8 path"))
    }
}

impl Drop for TempHome {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn environment_keys_and_token() {
    let provider = EnvironmentProvider::new(env(&[
        ("AWS_ACCESS_KEY_ID", "AKID"),
        ("AWS_SECRET_ACCESS_KEY", "secret"),
        ("AWS_SESSION_TOKEN", "token"),
    ]));
    let credentials = provide(&provider).expect("credentials");
    assert_eq!(credentials.access_key_id(), "AKID");
    assert_eq!(credentials.secret_access_key(), "secret");
    assert_eq!(credentials.session_token(), Some("token"));
}

#[test]
fn environment_blank_or_missing_is_not_loaded() {
    for pairs in [
        &[][..],
        &[("AWS_ACCESS_KEY_ID", " "), ("AWS_SECRET_ACCESS_KEY", " ")][..],
        &[("AWS_ACCESS_KEY_ID", "AKID")][..],
    ] {
        let error = provide(&EnvironmentProvider::new(env(pairs))).expect_err("nothing");
        assert_eq!(error.kind(), CredentialsErrorKind::NotLoaded, "{error}");
        assert_eq!(error.provider(), "environment");
    }
    let error = provide(&EnvironmentProvider::new(env(&[(
        "AWS_SECRET_ACCESS_KEY",
        "very-secret",
    )])))
    .expect_err("no id");
    assert!(!format!("{error} {error:?}").contains("very-secret"));
}

#[test]
fn profile_credentials_file_wins_over_config() {
    let home = TempHome::new();
    home.write(
        ".aws/config",
        "[default]\naws_access_key_id = from-config\naws_secret_access_key = config-secret\n",
    );
    home.write(
        ".aws/credentials",
        "[default]\naws_access_key_id = from-credentials\n",
    );
    let provider = ProfileProvider::new(env(&[("HOME", home.home())]));
    let credentials = provide(&provider).expect("credentials");
    assert_eq!(credentials.access_key_id(), "from-credentials");
    assert_eq!(credentials.secret_access_key(), "config-secret");
}

#[test]
fn profile_selected_by_aws_profile_and_by_name() {
    let home = TempHome::new();
    home.write(
        ".aws/config",
        "[default]\naws_access_key_id = d\naws_secret_access_key = ds\n\
         [profile dev]\nAWS_Access_Key_Id = dev\naws_secret_access_key = devs\naws_session_token = t\n\
         [other]\naws_access_key_id = wrong\naws_secret_access_key = wrong\n",
    );
    let by_env = ProfileProvider::new(env(&[("HOME", home.home()), ("AWS_PROFILE", "dev")]));
    let credentials = provide(&by_env).expect("dev");
    assert_eq!(credentials.access_key_id(), "dev");
    assert_eq!(credentials.session_token(), Some("t"));
    let by_name = ProfileProvider::new(env(&[("HOME", home.home())])).profile("dev");
    assert_eq!(provide(&by_name).expect("dev").access_key_id(), "dev");
    // `[other]` has no `profile` prefix: ignored in the config file.
    let other = ProfileProvider::new(env(&[("HOME", home.home())])).profile("other");
    let error = provide(&other).expect_err("no such profile");
    assert_eq!(error.kind(), CredentialsErrorKind::Invalid, "{error}");
    assert!(error.message().contains("no profile `other`"), "{error}");
}

#[test]
fn profile_missing_files_or_default_is_not_loaded() {
    let home = TempHome::new();
    let error = provide(&ProfileProvider::new(env(&[("HOME", home.home())]))).expect_err("none");
    assert_eq!(error.kind(), CredentialsErrorKind::NotLoaded, "{error}");
    home.write(
        ".aws/config",
        "[profile a]\nregion = us-east-1\n[default]\nregion = x\n",
    );
    let error = provide(&ProfileProvider::new(env(&[("HOME", home.home())]))).expect_err("none");
    assert_eq!(error.kind(), CredentialsErrorKind::NotLoaded, "{error}");
    assert!(error.message().contains("has no credentials"), "{error}");
    let error = provide(&ProfileProvider::new(env(&[]))).expect_err("no home");
    assert_eq!(error.kind(), CredentialsErrorKind::NotLoaded, "{error}");
}

#[test]
fn profile_broken_configuration_is_invalid_and_quiet_about_secrets() {
    let home = TempHome::new();
    home.write(".aws/credentials", "[default]\naws_access_key_id = AKID\n");
    let error =
        provide(&ProfileProvider::new(env(&[("HOME", home.home())]))).expect_err("no secret");
    assert_eq!(error.kind(), CredentialsErrorKind::Invalid, "{error}");
    assert!(
        error.message().contains("no aws_secret_access_key"),
        "{error}"
    );

    home.write(
        ".aws/credentials",
        "[default]\naws_secret_access_key very-secret\n",
    );
    let error = provide(&ProfileProvider::new(env(&[("HOME", home.home())]))).expect_err("parse");
    assert_eq!(error.kind(), CredentialsErrorKind::Invalid, "{error}");
    assert!(
        error.message().contains("credentials file, line 2"),
        "{error}"
    );
    assert!(
        !format!("{error} {error:?}").contains("very-secret"),
        "{error}"
    );

    home.write(
        ".aws/credentials",
        "[default]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = b\n",
    );
    let error =
        provide(&ProfileProvider::new(env(&[("HOME", home.home())]))).expect_err("assume role");
    assert_eq!(error.kind(), CredentialsErrorKind::Invalid, "{error}");
    assert!(
        error
            .message()
            .contains("role_arn, which is not supported yet"),
        "{error}"
    );
}

#[test]
fn profile_files_from_environment_variables() {
    let home = TempHome::new();
    let config = home.write(
        "my-config",
        "[profile p]\naws_access_key_id = c\naws_secret_access_key = s\n",
    );
    let provider = ProfileProvider::new(env(&[
        ("HOME", "/nonexistent"),
        ("AWS_CONFIG_FILE", config.to_str().expect("UTF-8")),
        ("AWS_PROFILE", "p"),
    ]));
    assert_eq!(
        provide(&provider).expect("credentials").access_key_id(),
        "c"
    );
}

#[cfg(unix)]
#[test]
fn credential_process_with_expiry() {
    let home = TempHome::new();
    let script = home.script(
        "creds.sh",
        r#"{"Version": 1, "AccessKeyId": "ASIAPROC", "SecretAccessKey": "proc-secret", "SessionToken": "proc-token", "Expiration": "2100-01-01T00:00:00Z"}"#,
        0,
    );
    home.write(
        ".aws/config",
        &format!("[default]\ncredential_process = {script} --ignored-arg\n"),
    );
    let credentials =
        provide(&ProfileProvider::new(env(&[("HOME", home.home())]))).expect("credentials");
    assert_eq!(credentials.access_key_id(), "ASIAPROC");
    assert_eq!(credentials.secret_access_key(), "proc-secret");
    assert_eq!(credentials.session_token(), Some("proc-token"));
    let expected =
        std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(4_102_444_800);
    assert_eq!(credentials.expiry(), Some(expected));
}

#[cfg(unix)]
#[test]
fn credential_process_failures() {
    let home = TempHome::new();
    let run = |output: &str, code: i32| {
        let script = home.script("creds.sh", output, code);
        home.write(
            ".aws/config",
            &format!("[default]\ncredential_process = {script}\n"),
        );
        let error =
            provide(&ProfileProvider::new(env(&[("HOME", home.home())]))).expect_err("fails");
        assert_eq!(error.kind(), CredentialsErrorKind::Invalid, "{error}");
        let shown = format!("{error} {error:?}");
        assert!(
            shown.contains("credential_process of profile `default`"),
            "{shown}"
        );
        assert!(!shown.contains("very-secret"), "{shown}");
        shown
    };
    let expired = r#"{"Version": 1, "AccessKeyId": "a", "SecretAccessKey": "very-secret", "Expiration": "2000-01-01T00:00:00Z"}"#;
    assert!(run(expired, 0).contains("expired at 2000-01-01T00:00:00Z"));
    let good = r#"{"Version": 1, "AccessKeyId": "a", "SecretAccessKey": "very-secret"}"#;
    assert!(run(good, 3).contains("exit status: 3"));
    assert!(run(
        r#"{"Version": 2, "AccessKeyId": "a", "SecretAccessKey": "very-secret"}"#,
        0
    )
    .contains("Version 2"));
    assert!(run("very-secret", 0).contains("not valid JSON"));
}

#[test]
fn explicit_credentials_are_a_provider_and_expire() {
    let now = std::time::SystemTime::now();
    let fresh = Credentials::new("a", "s").with_expiry(now + std::time::Duration::from_secs(3600));
    assert_eq!(provide(&fresh).expect("fresh"), fresh);
    let stale = Credentials::new("a", "s").with_expiry(now - std::time::Duration::from_secs(1));
    let error = provide(&stale).expect_err("expired");
    assert_eq!(error.kind(), CredentialsErrorKind::Invalid, "{error}");
}

#[test]
fn chain_order_explicit_environment_profile() {
    let home = TempHome::new();
    home.write(
        ".aws/credentials",
        "[default]\naws_access_key_id = profile\naws_secret_access_key = s\n",
    );
    let full = env(&[
        ("HOME", home.home()),
        ("AWS_ACCESS_KEY_ID", "environment"),
        ("AWS_SECRET_ACCESS_KEY", "s"),
    ]);
    let explicit = Credentials::new("explicit", "s");
    let chain = CredentialsChain::default_chain(Some(explicit), full.clone());
    assert_eq!(
        provide(&chain).expect("explicit").access_key_id(),
        "explicit"
    );
    let chain = CredentialsChain::default_chain(None, full);
    assert_eq!(
        provide(&chain).expect("environment").access_key_id(),
        "environment"
    );
    let chain = CredentialsChain::default_chain(None, env(&[("HOME", home.home())]));
    assert_eq!(provide(&chain).expect("profile").access_key_id(), "profile");
}

#[test]
fn chain_error_lists_every_provider() {
    let home = TempHome::new();
    let chain = CredentialsChain::default_chain(None, env(&[("HOME", home.home())]));
    let error = provide(&chain).expect_err("nothing anywhere");
    assert_eq!(error.kind(), CredentialsErrorKind::NotLoaded);
    let providers: Vec<&str> = error
        .tried()
        .iter()
        .map(CredentialsError::provider)
        .collect();
    assert_eq!(
        providers,
        [
            "environment",
            "profile",
            "container",
            "instance metadata (IMDS)"
        ]
    );
    let shown = error.to_string();
    assert!(shown.contains("AWS_ACCESS_KEY_ID is not set"), "{shown}");
    // The profile's message names the files looked in.
    assert!(shown.contains("no profile `default` in "), "{shown}");
    assert!(shown.contains(".aws/credentials"), "{shown}");
    assert!(
        shown.contains("neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set"),
        "{shown}"
    );
    assert!(shown.contains("no HTTP client was given"), "{shown}");
}

#[test]
fn chain_stops_at_a_broken_provider() {
    let home = TempHome::new();
    home.write(".aws/credentials", "[default]\naws_access_key_id = AKID\n");
    let chain = CredentialsChain::default_chain(None, env(&[("HOME", home.home())]))
        .then(Credentials::new("never-reached", "s"));
    let error = provide(&chain).expect_err("broken profile");
    assert_eq!(error.kind(), CredentialsErrorKind::Invalid);
    assert_eq!(error.tried().len(), 2, "{error}");
    assert!(
        error.to_string().contains("no aws_secret_access_key"),
        "{error}"
    );
}

#[test]
fn providers_are_object_safe_and_send() {
    fn assert_send<T: Send>(_: &T) {}
    let providers: Vec<Box<dyn ProvideCredentials>> = vec![
        Box::new(Credentials::new("a", "s")),
        Box::new(EnvironmentProvider::new(env(&[]))),
        Box::new(ProfileProvider::new(env(&[]))),
        Box::new(CredentialsChain::new()),
    ];
    for provider in &providers {
        let future = provider.provide_credentials();
        assert_send(&future);
        let _ = block_on(future);
    }
}

#[test]
fn debug_of_providers_and_chain_hides_the_environment() {
    let secrets = env(&[
        ("AWS_ACCESS_KEY_ID", "AKID"),
        ("AWS_SECRET_ACCESS_KEY", "very-secret"),
        ("AWS_SESSION_TOKEN", "token-secret"),
    ]);
    let chain = CredentialsChain::default_chain(
        Some(Credentials::new("a", "explicit-secret")),
        secrets.clone(),
    );
    let shown = format!(
        "{:?} {:?} {chain:?} {:?}",
        EnvironmentProvider::new(secrets.clone()),
        ProfileProvider::new(secrets.clone()),
        provide(&chain).expect("explicit")
    );
    for secret in ["very-secret", "token-secret", "explicit-secret"] {
        assert!(!shown.contains(secret), "{shown}");
    }
}
