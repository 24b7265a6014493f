//! What `sign` and `Signer` do to a request beyond the suites' cases: the
//! headers the signer owns, the host, settings, the key cache, and the
//! errors for requests that cannot be signed.

use std::time::{Duration, UNIX_EPOCH};

use awsgen_runtime::sigv4::{
    sign, PayloadSigning, SessionTokenMode, Signer, SigningError, SigningParams, SigningSettings,
};
use awsgen_runtime::Credentials;
use http::{HeaderValue, Request};

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
/// 2015-08-30T12:36:00Z
const TIME: u64 = 1_440_938_160;

fn credentials() -> Credentials {
    Credentials::new("AKIDEXAMPLE", SECRET)
}

fn params() -> SigningParams<'static> {
    SigningParams::new("us-east-1", "iot", UNIX_EPOCH + Duration::from_secs(TIME))
}

fn get(uri: &str) -> Request<Vec<u8>> {
    Request::get(uri).body(Vec::new()).expect("valid request")
}

fn header<'a, B>(request: &'a Request<B>, name: &str) -> Option<&'a str> {
    request.headers().get(name).and_then(|v| v.to_str().ok())
}

fn signed_headers<B>(request: &Request<B>) -> String {
    let authorization = header(request, "authorization").unwrap_or_default();
    authorization
        .split(", ")
        .find_map(|field| field.strip_prefix("SignedHeaders="))
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn the_host_of_an_absolute_uri_is_added_and_signed() {
    let mut request = get("https://IoT.us-east-1.amazonaws.com:8443/things");
    sign(&mut request, &credentials(), &params()).expect("signed");
    assert_eq!(
        header(&request, "host"),
        Some("iot.us-east-1.amazonaws.com:8443")
    );
    assert_eq!(signed_headers(&request), "host;x-amz-date");

    let mut request = get("https://iot.us-east-1.amazonaws.com:443/things");
    sign(&mut request, &credentials(), &params()).expect("signed");
    assert_eq!(
        header(&request, "host"),
        Some("iot.us-east-1.amazonaws.com")
    );
}

#[test]
fn an_origin_form_uri_needs_a_host_header() {
    let mut request = get("/things?max=1");
    assert_eq!(
        sign(&mut request, &credentials(), &params()),
        Err(SigningError::NoHost)
    );
    assert!(request.headers().get("authorization").is_none());

    let mut request = get("/things?max=1");
    request
        .headers_mut()
        .insert("host", HeaderValue::from_static("iot.example.com"));
    sign(&mut request, &credentials(), &params()).expect("signed");
    assert_eq!(header(&request, "host"), Some("iot.example.com"));
}

#[test]
fn the_authorization_header_has_the_scope_and_signed_headers() {
    let mut request = get("https://iot.us-east-1.amazonaws.com/jobs/job-1");
    request
        .headers_mut()
        .insert("user-agent", HeaderValue::from_static("awsgen/0.1"));
    request
        .headers_mut()
        .insert("x-amzn-trace-id", HeaderValue::from_static("Root=1"));
    request
        .headers_mut()
        .insert("content-type", HeaderValue::from_static("application/json"));
    sign(&mut request, &credentials(), &params()).expect("signed");
    let authorization = header(&request, "authorization").unwrap_or_default();
    assert!(
        authorization.starts_with(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iot/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date, Signature="
        ),
        "{authorization}"
    );
    let signature = authorization.rsplit_once("Signature=").map(|(_, s)| s);
    assert!(
        signature.is_some_and(|s| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())),
        "{authorization}"
    );
    assert_eq!(header(&request, "x-amz-date"), Some("20150830T123600Z"));
    assert!(request.headers()["authorization"].is_sensitive());
}

#[test]
fn signing_again_replaces_what_the_signer_owns() {
    let mut request = get("https://iot.us-east-1.amazonaws.com/");
    sign(&mut request, &credentials(), &params()).expect("signed");
    let first = request.headers().clone();

    // A retry a minute later: new date, new signature, one of each header.
    let later = SigningParams {
        time: UNIX_EPOCH + Duration::from_secs(TIME + 60),
        ..params()
    };
    sign(&mut request, &credentials(), &later).expect("signed");
    assert_eq!(header(&request, "x-amz-date"), Some("20150830T123700Z"));
    assert_eq!(request.headers().get_all("authorization").iter().count(), 1);
    assert_eq!(request.headers().get_all("x-amz-date").iter().count(), 1);
    assert_ne!(
        first.get("authorization"),
        request.headers().get("authorization")
    );

    // The same time again: the same request as the first time.
    sign(&mut request, &credentials(), &params()).expect("signed");
    assert_eq!(request.headers(), &first);
}

#[test]
fn the_session_token_is_signed_or_added_after() {
    let temporary = credentials().with_session_token("token/+=");
    let mut request = get("https://iot.us-east-1.amazonaws.com/");
    sign(&mut request, &temporary, &params()).expect("signed");
    assert_eq!(header(&request, "x-amz-security-token"), Some("token/+="));
    assert!(request.headers()["x-amz-security-token"].is_sensitive());
    assert_eq!(
        signed_headers(&request),
        "host;x-amz-date;x-amz-security-token"
    );

    let after = SigningParams {
        settings: SigningSettings {
            session_token: SessionTokenMode::AddedAfterSigning,
            ..SigningSettings::default()
        },
        ..params()
    };
    let mut request = get("https://iot.us-east-1.amazonaws.com/");
    sign(&mut request, &temporary, &after).expect("signed");
    assert_eq!(header(&request, "x-amz-security-token"), Some("token/+="));
    assert_eq!(signed_headers(&request), "host;x-amz-date");

    // Re-signed with long-term credentials, the old token goes.
    sign(&mut request, &credentials(), &params()).expect("signed");
    assert_eq!(header(&request, "x-amz-security-token"), None);
    assert_eq!(signed_headers(&request), "host;x-amz-date");
}

#[test]
fn s3_settings_sign_the_path_as_sent_and_the_payload_hash_header() {
    let s3 = SigningParams {
        settings: SigningSettings::s3(),
        ..SigningParams::new("us-east-1", "s3", UNIX_EPOCH + Duration::from_secs(TIME))
    };
    let mut request = Request::put("https://bucket.s3.amazonaws.com/a%20b//c")
        .body(b"hello".to_vec())
        .expect("valid request");
    sign(&mut request, &credentials(), &s3).expect("signed");
    assert_eq!(
        header(&request, "x-amz-content-sha256"),
        Some("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
    );
    assert_eq!(
        signed_headers(&request),
        "host;x-amz-content-sha256;x-amz-date"
    );
    let canonical = awsgen_runtime::sigv4::canonical_request(&request, &s3.settings)
        .expect("canonical request");
    assert!(
        canonical.as_str().starts_with("PUT\n/a%20b//c\n"),
        "{canonical}"
    );

    let unsigned = SigningParams {
        settings: SigningSettings {
            payload: PayloadSigning::Unsigned,
            ..SigningSettings::s3()
        },
        ..s3
    };
    sign(&mut request, &credentials(), &unsigned).expect("signed");
    assert_eq!(
        header(&request, "x-amz-content-sha256"),
        Some("UNSIGNED-PAYLOAD")
    );
    let canonical = awsgen_runtime::sigv4::canonical_request(&request, &unsigned.settings)
        .expect("canonical request");
    assert!(
        canonical.as_str().ends_with("\nUNSIGNED-PAYLOAD"),
        "{canonical}"
    );
}

#[test]
fn a_header_value_that_is_not_utf8_is_an_error_naming_the_header() {
    let mut request = get("https://iot.us-east-1.amazonaws.com/");
    request.headers_mut().insert(
        "x-amz-meta-name",
        HeaderValue::from_bytes(b"caf\xe9").expect("obs-text is a header value"),
    );
    let error = sign(&mut request, &credentials(), &params());
    assert_eq!(
        error,
        Err(SigningError::HeaderNotText {
            name: "x-amz-meta-name".into()
        })
    );
    let message = error.map_err(|e| e.to_string()).err().unwrap_or_default();
    assert_eq!(
        message,
        "cannot sign the request: the value of header `x-amz-meta-name` is not UTF-8 text"
    );
    assert!(request.headers().get("authorization").is_none());
}

#[test]
fn values_that_cannot_be_headers_are_errors_that_do_not_show_them() {
    let mut request = get("https://iot.us-east-1.amazonaws.com/");
    let bad_token = credentials().with_session_token("secret\ntoken");
    let error = sign(&mut request, &bad_token, &params());
    assert_eq!(
        error,
        Err(SigningError::NotAHeaderValue {
            what: "session token"
        })
    );
    let message = error.map_err(|e| e.to_string()).err().unwrap_or_default();
    assert!(!message.contains("secret"), "{message}");
    assert!(
        request.headers().is_empty(),
        "nothing added before the checks"
    );

    let bad_key = Credentials::new("AKIDÉ", SECRET);
    assert_eq!(
        sign(&mut request, &bad_key, &params()),
        Err(SigningError::NotAHeaderValue {
            what: "access key id"
        })
    );
    let bad_region = SigningParams::new("us-east-1\r\n", "iot", params().time);
    assert_eq!(
        sign(&mut request, &credentials(), &bad_region),
        Err(SigningError::NotAHeaderValue { what: "region" })
    );
    let bad_service = SigningParams::new("us-east-1", "i\0t", params().time);
    assert_eq!(
        sign(&mut request, &credentials(), &bad_service),
        Err(SigningError::NotAHeaderValue { what: "service" })
    );
}

#[test]
fn a_time_before_1970_is_an_error() {
    let mut request = get("https://iot.us-east-1.amazonaws.com/");
    let before = SigningParams {
        time: UNIX_EPOCH - Duration::from_secs(1),
        ..params()
    };
    assert_eq!(
        sign(&mut request, &credentials(), &before),
        Err(SigningError::TimeOutOfRange)
    );
}

#[test]
fn a_signer_signs_as_sign_does_and_caches_one_key_per_scope() {
    let signer = Signer::new();
    let shared = signer.clone();
    for path in ["/a", "/b", "/c"] {
        let uri = format!("https://iot.us-east-1.amazonaws.com{path}");
        let mut expected = get(&uri);
        sign(&mut expected, &credentials(), &params()).expect("signed");
        let mut request = get(&uri);
        shared
            .sign(&mut request, &credentials(), &params())
            .expect("signed");
        assert_eq!(request.headers(), expected.headers(), "{path}");
    }
    assert_eq!(signer.key_cache().len(), 1, "clones share the cache");

    let other_region = SigningParams::new("eu-west-1", "iot", params().time);
    let mut request = get("https://iot.eu-west-1.amazonaws.com/");
    signer
        .sign(&mut request, &credentials(), &other_region)
        .expect("signed");
    assert_eq!(signer.key_cache().len(), 2);
    let next_day = SigningParams {
        time: UNIX_EPOCH + Duration::from_secs(TIME + 86_400),
        ..params()
    };
    signer
        .sign(&mut request, &credentials(), &next_day)
        .expect("signed");
    assert_eq!(signer.key_cache().len(), 3);
    assert_eq!(
        format!("{signer:?}"),
        "Signer { keys: SigningKeyCache { keys: 3 } }"
    );
}

#[test]
fn a_signer_is_shared_between_threads() {
    fn assert_send_sync<T: Send + Sync + Clone + 'static>() {}
    assert_send_sync::<Signer>();

    let signer = Signer::new();
    let threads: Vec<_> = (0..4)
        .map(|i| {
            let signer = signer.clone();
            std::thread::spawn(move || {
                let mut request = get(&format!("https://iot.us-east-1.amazonaws.com/{i}"));
                signer
                    .sign(&mut request, &credentials(), &params())
                    .map(|()| request)
            })
        })
        .collect();
    for (i, thread) in threads.into_iter().enumerate() {
        let request = thread.join().expect("no panic").expect("signed");
        let mut expected = get(&format!("https://iot.us-east-1.amazonaws.com/{i}"));
        sign(&mut expected, &credentials(), &params()).expect("signed");
        assert_eq!(request.headers(), expected.headers());
    }
    assert_eq!(signer.key_cache().len(), 1);
}

#[test]
fn bodies_of_any_bytes_type_are_signed() {
    let mut owned = Request::post("https://iot.us-east-1.amazonaws.com/")
        .body(b"{}".to_vec())
        .expect("valid request");
    let mut borrowed = Request::post("https://iot.us-east-1.amazonaws.com/")
        .body(&b"{}"[..])
        .expect("valid request");
    sign(&mut owned, &credentials(), &params()).expect("signed");
    sign(&mut borrowed, &credentials(), &params()).expect("signed");
    assert_eq!(owned.headers(), borrowed.headers());
}
