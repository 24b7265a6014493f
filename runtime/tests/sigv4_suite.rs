//! The SDKs' shared SigV4 suite (`tests/fixtures/sigv4/v4/`, copied from
//! smithy-rs; see the README there), header signing, one test per case,
//! named after its folder.
//!
//! Each case signs `request.txt` with what its `context.json` says:
//! credentials (and session token), region, service, time; `normalize` is
//! `normalize_uri_path`; `sign_body` is `content_sha256_header` (the body
//! hash goes into a signed `x-amz-content-sha256`); `omit_session_token`
//! is `SessionTokenMode::AddedAfterSigning`; double encoding is on. The test
//! compares the canonical request of the signed request with
//! `header-canonical-request.txt`, the string to sign with
//! `header-string-to-sign.txt`, the signature (in `Authorization`, and
//! from the pure functions) with `header-signature.txt`, and the signed
//! request with `header-signed-request.txt`: method, target, body, and the
//! headers as a sorted list of (lower-case name, value).
//!
//! `raw path`: `get-space-unnormalized` writes its path with a raw space,
//! which no URI may hold, and expects that raw path encoded once;
//! `get-space-normalized` has the same expectations, its request line
//! already rewritten by smithy-rs to the wire form `%20` (its signed request
//! still shows the space). A client sends `/example%20space/`, and double
//! encoding that wire path would sign `%2520`; so both cases send the
//! encoded path and sign with `double_uri_encode: false`, under which the
//! canonical path is the wire path itself. Raw UTF-8 (`get-utf8`) needs no
//! such rule: `http::Uri` holds it and encoding it gives `%E1%88%B4`.
//!
//! The two cases smithy-rs added have no `context.json`:
//! `double-url-encode` is signed with the suite's credentials for
//! `us-east-2`, `lambda` at its request's `x-amz-date`,
//! 2021-05-11T15:40:45Z, as its string to sign and signed request say.
//! `double-encode-path` mixes two runs: its canonical request was made at
//! 2021-05-11T15:40:45Z, its signed request at 2015-08-30T12:36:00Z with
//! the access key `ANOTREAL` (smithy-rs's test credentials, whose secret is
//! below) for `us-east-1`, `service`; it has no string to sign.

mod sigv4_support;

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use awsgen_runtime::sigv4::{
    canonical_request, sign, signature, string_to_sign, SessionTokenMode, SigningParams,
    SigningSettings,
};
use awsgen_runtime::{Credentials, DateTime, TimestampFormat};
use serde_json::Value;
use sigv4_support::{
    at, crate_path, read, read_optional, signature_of, sorted_headers, RawRequest, ACCESS_KEY_ID,
    SECRET_ACCESS_KEY, SUITE_TIME,
};

/// 2021-05-11T15:40:45Z, the time of the two cases smithy-rs added.
const SMITHY_RS_TIME: u64 = 1_620_747_645;
/// smithy-rs's `Credentials::for_tests()`, which `double-encode-path`'s
/// signed request was made with.
const SMITHY_RS_ACCESS_KEY_ID: &str = "ANOTREAL";
const SMITHY_RS_SECRET: &str = "notrealrnrELgWzOk3IfjzDKtFBhDby";

/// How a case departs from the plain run.
#[derive(Clone, Copy, PartialEq, Eq)]
enum How {
    Plain,
    /// The request line's path is raw, see the module docs.
    RawPath,
    /// `double-url-encode`, without `context.json`.
    DoubleUrlEncode,
    /// `double-encode-path`, without `context.json`.
    DoubleEncodePath,
}

fn suite_dir() -> PathBuf {
    crate_path("tests/fixtures/sigv4/v4")
}

/// What one signing run is given.
struct Run {
    credentials: Credentials,
    region: String,
    service: String,
    time: SystemTime,
    settings: SigningSettings,
}

impl Run {
    fn params(&self) -> SigningParams<'_> {
        SigningParams {
            settings: self.settings,
            ..SigningParams::new(&self.region, &self.service, self.time)
        }
    }
}

fn from_context(dir: &Path, how: How) -> Run {
    let path = dir.join("context.json");
    let context: Value =
        serde_json::from_str(&read(&path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = |pointer: &str| -> String {
        context
            .pointer(pointer)
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("{}: no string at {pointer}", path.display()))
            .to_owned()
    };
    let flag = |pointer: &str| context.pointer(pointer).and_then(Value::as_bool);
    let mut credentials = Credentials::new(
        text("/credentials/access_key_id"),
        text("/credentials/secret_access_key"),
    );
    if let Some(token) = context
        .pointer("/credentials/token")
        .and_then(Value::as_str)
    {
        credentials = credentials.with_session_token(token);
    }
    let time = DateTime::parse(&text("/timestamp"), TimestampFormat::DateTime)
        .ok()
        .and_then(|time| SystemTime::try_from(time).ok())
        .unwrap_or_else(|| panic!("{}: bad timestamp", path.display()));
    let settings = SigningSettings {
        double_uri_encode: how != How::RawPath,
        normalize_uri_path: flag("/normalize").unwrap_or_else(|| panic!("no normalize")),
        content_sha256_header: flag("/sign_body").unwrap_or_else(|| panic!("no sign_body")),
        session_token: if flag("/omit_session_token").unwrap_or(false) {
            SessionTokenMode::AddedAfterSigning
        } else {
            SessionTokenMode::Signed
        },
        ..SigningSettings::default()
    };
    Run {
        credentials,
        region: text("/region"),
        service: text("/service"),
        time,
        settings,
    }
}

/// The expected text in `name`, without the trailing newline some files
/// have.
fn expected(dir: &Path, name: &str) -> Option<String> {
    read_optional(&dir.join(name)).map(|text| text.trim_end_matches('\n').to_owned())
}

/// Signs the case's request with `run` and checks the canonical request
/// and the string to sign, when given. Returns the signed request.
fn sign_and_check(case: &str, dir: &Path, run: &Run, check_texts: bool) -> http::Request<Vec<u8>> {
    let params = run.params();
    let mut request = RawRequest::parse(&read(&dir.join("request.txt"))).to_http();
    sign(&mut request, &run.credentials, &params).unwrap_or_else(|e| panic!("{case}: {e}"));
    if !check_texts {
        return request;
    }

    let creq =
        canonical_request(&request, &params.settings).unwrap_or_else(|e| panic!("{case}: {e}"));
    let expected_creq = expected(dir, "header-canonical-request.txt");
    assert_eq!(
        Some(creq.as_str()),
        expected_creq.as_deref(),
        "{case}: canonical request"
    );

    let sts = string_to_sign(&params, creq.as_str()).unwrap_or_else(|e| panic!("{case}: {e}"));
    if let Some(expected_sts) = expected(dir, "header-string-to-sign.txt") {
        assert_eq!(sts, expected_sts, "{case}: string to sign");
    }
    let computed = signature(run.credentials.secret_access_key(), &params, &sts)
        .unwrap_or_else(|e| panic!("{case}: {e}"));
    let authorization = request
        .headers()
        .get("authorization")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_else(|| panic!("{case}: no Authorization"));
    assert_eq!(signature_of(authorization), computed, "{case}: signature");
    if let Some(expected_signature) = expected(dir, "header-signature.txt") {
        assert_eq!(computed, expected_signature, "{case}: signature");
    }
    request
}

/// Compares `request` with `header-signed-request.txt`.
fn check_signed_request(case: &str, dir: &Path, request: &http::Request<Vec<u8>>) {
    let expected = RawRequest::parse(&read(&dir.join("header-signed-request.txt")));
    assert_eq!(request.method().as_str(), expected.method, "{case}: method");
    let target = request
        .uri()
        .path_and_query()
        .map(|target| target.as_str())
        .unwrap_or_default();
    assert_eq!(target, expected.wire_target(), "{case}: request target");
    assert_eq!(
        sorted_headers(request),
        expected.sorted_headers(),
        "{case}: headers"
    );
    assert_eq!(request.body(), &expected.body, "{case}: body");
}

fn check(case: &str, how: How) {
    let dir = suite_dir().join(case);
    match how {
        How::Plain | How::RawPath => {
            let run = from_context(&dir, how);
            let signed = sign_and_check(case, &dir, &run, true);
            check_signed_request(case, &dir, &signed);
        }
        How::DoubleUrlEncode => {
            let run = Run {
                credentials: Credentials::new(ACCESS_KEY_ID, SECRET_ACCESS_KEY),
                region: "us-east-2".into(),
                service: "lambda".into(),
                time: at(SMITHY_RS_TIME),
                settings: SigningSettings::default(),
            };
            let signed = sign_and_check(case, &dir, &run, true);
            check_signed_request(case, &dir, &signed);
        }
        How::DoubleEncodePath => {
            let canonical_run = Run {
                credentials: Credentials::new(SMITHY_RS_ACCESS_KEY_ID, SMITHY_RS_SECRET),
                region: "us-east-1".into(),
                service: "service".into(),
                time: at(SMITHY_RS_TIME),
                settings: SigningSettings::default(),
            };
            sign_and_check(case, &dir, &canonical_run, true);
            let signed_run = Run {
                time: at(SUITE_TIME),
                ..canonical_run
            };
            let signed = sign_and_check(case, &dir, &signed_run, false);
            check_signed_request(case, &dir, &signed);
        }
    }
}

/// `test_name = "case-folder" [with How];` → `#[test] fn test_name`.
macro_rules! cases {
    ($($test:ident = $case:literal $(with $how:ident)?;)*) => {
        /// Every case folder with a test, as listed below.
        const CASES: &[&str] = &[$($case),*];
        $(
            #[test]
            fn $test() {
                check($case, how!($($how)?));
            }
        )*
    };
}

macro_rules! how {
    () => {
        How::Plain
    };
    ($how:ident) => {
        How::$how
    };
}

cases! {
    double_encode_path = "double-encode-path" with DoubleEncodePath;
    double_url_encode = "double-url-encode" with DoubleUrlEncode;
    get_header_key_duplicate = "get-header-key-duplicate";
    get_header_value_multiline = "get-header-value-multiline";
    get_header_value_order = "get-header-value-order";
    get_header_value_trim = "get-header-value-trim";
    get_relative_normalized = "get-relative-normalized";
    get_relative_relative_normalized = "get-relative-relative-normalized";
    get_relative_relative_unnormalized = "get-relative-relative-unnormalized";
    get_relative_unnormalized = "get-relative-unnormalized";
    get_slash_dot_slash_normalized = "get-slash-dot-slash-normalized";
    get_slash_dot_slash_unnormalized = "get-slash-dot-slash-unnormalized";
    get_slash_normalized = "get-slash-normalized";
    get_slash_pointless_dot_normalized = "get-slash-pointless-dot-normalized";
    get_slash_pointless_dot_unnormalized = "get-slash-pointless-dot-unnormalized";
    get_slash_unnormalized = "get-slash-unnormalized";
    get_slashes_normalized = "get-slashes-normalized";
    get_slashes_unnormalized = "get-slashes-unnormalized";
    get_space_normalized = "get-space-normalized" with RawPath;
    get_space_unnormalized = "get-space-unnormalized" with RawPath;
    get_unreserved = "get-unreserved";
    get_utf8 = "get-utf8";
    get_vanilla = "get-vanilla";
    get_vanilla_empty_query_key = "get-vanilla-empty-query-key";
    get_vanilla_query = "get-vanilla-query";
    get_vanilla_query_order_encoded = "get-vanilla-query-order-encoded";
    get_vanilla_query_order_key_case = "get-vanilla-query-order-key-case";
    get_vanilla_query_unreserved = "get-vanilla-query-unreserved";
    get_vanilla_utf8_query = "get-vanilla-utf8-query";
    get_vanilla_with_session_token = "get-vanilla-with-session-token";
    post_header_key_case = "post-header-key-case";
    post_header_key_sort = "post-header-key-sort";
    post_header_value_case = "post-header-value-case";
    post_sts_header_after = "post-sts-header-after";
    post_sts_header_before = "post-sts-header-before";
    post_vanilla = "post-vanilla";
    post_vanilla_empty_query_value = "post-vanilla-empty-query-value";
    post_vanilla_query = "post-vanilla-query";
    post_x_www_form_urlencoded = "post-x-www-form-urlencoded";
    post_x_www_form_urlencoded_parameters = "post-x-www-form-urlencoded-parameters";
}

/// The list above is the suite: a case folder without a test fails here,
/// and a listed case must exist.
#[test]
fn every_case_has_a_test() {
    let mut found: Vec<String> = std::fs::read_dir(suite_dir())
        .unwrap_or_else(|e| panic!("{}: {e}", suite_dir().display()))
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().is_dir())
        .filter_map(|entry| entry.file_name().to_str().map(str::to_owned))
        .collect();
    found.sort();
    let mut listed: Vec<String> = CASES.iter().map(|c| (*c).to_owned()).collect();
    listed.sort();
    assert_eq!(found, listed);
    assert_eq!(found.len(), 40);
}
