//! botocore's SigV4 test suite (`tests/fixtures/botocore/aws4_testsuite/`,
//! imported from botocore 1.44.5 by `cargo xtask import-models`), one test
//! per case, named after its folder.
//!
//! Each case is run as botocore's `tests/unit/auth/test_sigv4.py` runs it:
//! credentials AKIDEXAMPLE with the suite's secret and, when the expected
//! canonical request signs an `x-amz-security-token`, that token; region
//! `us-east-1`, service `service`, time 2015-08-30T12:36:00Z; the default
//! settings (double encoding, path normalization, body hashed). The test
//! signs the `.req` request and compares the canonical request of the
//! signed request with `.creq`, the string to sign with `.sts` and the
//! `Authorization` header with `.authz`. (The `.sreq` files are not
//! compared, as botocore does not: `get-vanilla-with-session-token.sreq`
//! carries the signature of `get-vanilla`.)
//!
//! botocore skips four cases; all four pass here. Three are its
//! "multiple query params of the same key not supported by the SDKs"
//! (`get-vanilla-query-order-*`): a query string here is signed as the
//! request carries it. The fourth, `normalize-path/get-space` ("bad
//! request-line syntax, python's HTTP parser chokes on this"), writes its
//! path raw, with a space no URI may hold; see `raw path` below.
//!
//! `raw path`: a case whose request line writes the path as the
//! application has it rather than as it goes on the wire (a space) expects
//! that raw path encoded once. A client must send it percent-encoded
//! (`/example%20space/`), and double encoding that wire path would sign
//! `%2520`; so the test sends the encoded path and signs it with
//! `double_uri_encode: false`, under which the canonical path is the wire
//! path itself, the raw path encoded once. Raw UTF-8 needs no such rule:
//! `http::Uri` holds it, and encoding it gives the expected `%E1%88%B4`.

mod sigv4_support;

use std::path::PathBuf;

use awsgen_runtime::sigv4::{
    canonical_request, sign, string_to_sign, SigningParams, SigningSettings,
};
use awsgen_runtime::Credentials;
use sigv4_support::{
    at, crate_path, read, RawRequest, ACCESS_KEY_ID, SECRET_ACCESS_KEY, SUITE_TIME,
};

/// How a case departs from the plain run.
#[derive(Clone, Copy, PartialEq, Eq)]
enum How {
    Plain,
    /// The request line's path is raw, see the module docs.
    RawPath,
}

fn suite_dir() -> PathBuf {
    crate_path("../tests/fixtures/botocore/aws4_testsuite")
}

fn check(case: &str, how: How) {
    let dir = suite_dir().join(case);
    let name = case.rsplit('/').next().unwrap_or(case);
    let file = |ext: &str| read(&dir.join(format!("{name}.{ext}")));
    // botocore's test strips `\r` from the expected texts.
    let expected_creq = file("creq").replace('\r', "");
    let expected_sts = file("sts").replace('\r', "");
    let expected_authz = file("authz").replace('\r', "");

    // As botocore's test: the session token is the one the expected
    // canonical request signs, if any.
    let token = expected_creq
        .lines()
        .find_map(|line| line.strip_prefix("x-amz-security-token:"));
    let mut credentials = Credentials::new(ACCESS_KEY_ID, SECRET_ACCESS_KEY);
    if let Some(token) = token {
        credentials = credentials.with_session_token(token);
    }
    let settings = SigningSettings {
        double_uri_encode: how != How::RawPath,
        ..SigningSettings::default()
    };
    let params = SigningParams {
        settings,
        ..SigningParams::new("us-east-1", "service", at(SUITE_TIME))
    };

    let mut request = RawRequest::parse(&file("req")).to_http();
    sign(&mut request, &credentials, &params).unwrap_or_else(|e| panic!("{case}: {e}"));

    let creq =
        canonical_request(&request, &params.settings).unwrap_or_else(|e| panic!("{case}: {e}"));
    assert_eq!(creq.as_str(), expected_creq, "{case}: canonical request");
    let sts = string_to_sign(&params, creq.as_str()).unwrap_or_else(|e| panic!("{case}: {e}"));
    assert_eq!(sts, expected_sts, "{case}: string to sign");
    let authorization = request
        .headers()
        .get("authorization")
        .and_then(|value| value.to_str().ok());
    assert_eq!(
        authorization,
        Some(expected_authz.as_str()),
        "{case}: Authorization"
    );
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
    get_header_key_duplicate = "get-header-key-duplicate";
    get_header_value_multiline = "get-header-value-multiline";
    get_header_value_order = "get-header-value-order";
    get_header_value_trim = "get-header-value-trim";
    get_unreserved = "get-unreserved";
    get_utf8 = "get-utf8";
    get_vanilla = "get-vanilla";
    get_vanilla_empty_query_key = "get-vanilla-empty-query-key";
    get_vanilla_query = "get-vanilla-query";
    get_vanilla_query_order_encoded = "get-vanilla-query-order-encoded";
    get_vanilla_query_order_key = "get-vanilla-query-order-key";
    get_vanilla_query_order_key_case = "get-vanilla-query-order-key-case";
    get_vanilla_query_order_value = "get-vanilla-query-order-value";
    get_vanilla_query_unreserved = "get-vanilla-query-unreserved";
    get_vanilla_utf8_query = "get-vanilla-utf8-query";
    get_vanilla_with_session_token = "get-vanilla-with-session-token";
    normalize_path_get_relative = "normalize-path/get-relative";
    normalize_path_get_relative_relative = "normalize-path/get-relative-relative";
    normalize_path_get_slash = "normalize-path/get-slash";
    normalize_path_get_slash_dot_slash = "normalize-path/get-slash-dot-slash";
    normalize_path_get_slash_pointless_dot = "normalize-path/get-slash-pointless-dot";
    normalize_path_get_slashes = "normalize-path/get-slashes";
    normalize_path_get_space = "normalize-path/get-space" with RawPath;
    normalize_path_get_special_character = "normalize-path/get-special-character";
    post_header_key_case = "post-header-key-case";
    post_header_key_sort = "post-header-key-sort";
    post_header_value_case = "post-header-value-case";
    post_sts_token_post_sts_header_after = "post-sts-token/post-sts-header-after";
    post_sts_token_post_sts_header_before = "post-sts-token/post-sts-header-before";
    post_vanilla = "post-vanilla";
    post_vanilla_empty_query_value = "post-vanilla-empty-query-value";
    post_vanilla_query = "post-vanilla-query";
    post_x_www_form_urlencoded = "post-x-www-form-urlencoded";
    post_x_www_form_urlencoded_parameters = "post-x-www-form-urlencoded-parameters";
}

/// The list above is the suite: a case added by a botocore update fails
/// here until it has its test, and a listed case must exist. A case is a
/// folder holding a `.req` file, as botocore's test finds them.
#[test]
fn every_case_has_a_test() {
    fn walk(dir: &std::path::Path, rel: &str, out: &mut Vec<String>) {
        let mut has_request = false;
        for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.map(|e| e.path()).unwrap_or_default();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            if path.is_dir() {
                let child = if rel.is_empty() {
                    name.to_owned()
                } else {
                    format!("{rel}/{name}")
                };
                walk(&path, &child, out);
            } else if name.ends_with(".req") {
                has_request = true;
            }
        }
        if has_request {
            out.push(rel.to_owned());
        }
    }
    let mut found = Vec::new();
    walk(&suite_dir(), "", &mut found);
    found.sort();
    let mut listed: Vec<String> = CASES.iter().map(|c| (*c).to_owned()).collect();
    listed.sort();
    assert_eq!(found, listed);
    assert_eq!(found.len(), 34);
}
