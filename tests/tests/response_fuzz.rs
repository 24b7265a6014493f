//! Robustness of the generated response parsers and request serializers:
//! whatever a server (or a proxy in front of it) sends, `parse_response`
//! returns `Ok` or `Err` without panicking, and whatever strings a caller
//! puts into URI labels, query parameters and headers, `build_request`
//! returns without panicking and no label escapes its path segment.
//!
//! One property per deserializer family, each over one or more concrete
//! operations. iot and iot-jobs-data have no outputs with header-bound
//! members, payload members, unions or documents, so those families use the
//! workspace's fixture crate (`awsgen-fixtures`, generated from the Smithy
//! fixture models by the same emitters):
//!
//! | family | operations |
//! | --- | --- |
//! | JSON-body output | iot `DescribeJob`, `ListThings`; iot-jobs-data `DescribeJobExecution` |
//! | maps and lists of structures | iot `ListThings`, `ListAuditFindings`; iot-jobs-data `GetPendingJobExecutions` |
//! | header- and status-bound members | iot `DeleteCommand` (status code); kitchensink `GetObject`, `PutObject`, `SubscribeToEvents`, `CreateThing`; features `PutCar` |
//! | payload members | kitchensink `PutConfiguration` (structure), `GetObject` (blob) |
//! | unions and documents | kitchensink `ListEverything`; recursion `Evaluate` (recursive union) |
//! | empty outputs | iot `DeleteThing` (no output), `AddThingToBillingGroup` (empty structure); kitchensink `SendData`, `DeleteThing` |
//! | error responses | iot `DescribeJob`, `ListThings`, `CreateJob`; iot-jobs-data `DescribeJobExecution`; kitchensink `ListThings`, `ListEverything` (unhandled only); features `PutCar` |
//!
//! Inputs: arbitrary status codes (100–599), headers (the names the
//! operations read, with garbage values: non-numbers, bad dates, bad base64,
//! quotes, non-ASCII bytes, repeated headers) and bodies (arbitrary bytes,
//! JSON token soup, and valid output JSON with a value replaced by a
//! fragment of the wrong type, a huge number, a lone surrogate, invalid
//! UTF-8, deep nesting, then possibly truncated or byte-mutated).
//!
//! Besides "no panic", every outcome is checked for what the response
//! parser promises: an output only for a 2xx status; an `Unhandled` error
//! or a malformed-response error keeps the status and the request id (and
//! the body); a modeled error is the one its error code names.
//!
//! The default case count keeps `cargo test` fast (under a second); for a
//! long run (the README's command):
//! `PROPTEST_CASES=200000 cargo test --release -p awsgen-tests --test response_fuzz -- --nocapture`,
//! with `CARGO_PROFILE_RELEASE_OVERFLOW_CHECKS=true` and
//! `CARGO_PROFILE_RELEASE_DEBUG_ASSERTIONS=true` so that arithmetic
//! overflow and debug assertions still panic. Each property prints how
//! many cases ended in each outcome.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use awsgen::iot;
use awsgen::iot_jobs_data as jobs;
use awsgen_fixtures::{features, kitchensink, recursion};
use awsgen_runtime::__private::http_binding::percent;
use awsgen_runtime::__private::response::ErrorMetadata;
use awsgen_runtime::{
    BuildError, DateTime, Operation, ResponseError, TimestampFormat, UnhandledError,
};
use http::header::{HeaderName, HeaderValue};
use http::{HeaderMap, StatusCode};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::test_runner::{Config, TestCaseError, TestError, TestRunner};
use serde_json::Value;

/// Cases per property when `PROPTEST_CASES` is not set.
const DEFAULT_CASES: u32 = 96;

fn config() -> Config {
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = DEFAULT_CASES;
    }
    // Report failures with their minimal input; do not write regression
    // files into the source tree (failures found become explicit tests).
    config.failure_persistence = None;
    config
}

/// Runs `test` on `strategy` and prints the tally (`-- --nocapture`).
fn run<S: Strategy>(
    name: &str,
    strategy: S,
    test: impl Fn(S::Value, &mut Tally) -> Result<(), TestCaseError>,
) where
    S::Value: fmt::Debug,
{
    let mut runner = TestRunner::new(config());
    let tally = std::cell::RefCell::new(Tally::default());
    let result = runner.run(&strategy, |input| test(input, &mut tally.borrow_mut()));
    let tally = tally.into_inner();
    println!("{name}: {tally}");
    match result {
        Ok(()) => {}
        Err(TestError::Fail(reason, input)) => {
            panic!("{name}: {reason}\nminimal failing input: {input:#?}")
        }
        Err(TestError::Abort(reason)) => panic!("{name}: aborted: {reason}"),
    }
}

// ---------------------------------------------------------------------------
// Responses

/// One HTTP response as the parsers see it.
#[derive(Clone)]
struct Response {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl fmt::Debug for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body", &self.body.escape_ascii().to_string())
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// How the responses of a property ended, over all its cases and
/// operations.
#[derive(Debug, Default)]
struct Tally {
    cases: u64,
    ok: u64,
    modeled: u64,
    unhandled: u64,
    malformed: u64,
    /// Requests: built, and refused with a `BuildError`.
    built: u64,
    refused: u64,
    /// Modeled-error codes seen, to show the dispatch was reached.
    codes: BTreeMap<String, u64>,
}

impl fmt::Display for Tally {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} cases; parse: {} ok, {} modeled errors, {} unhandled errors, {} malformed; build: {} ok, {} refused",
            self.cases, self.ok, self.modeled, self.unhandled, self.malformed, self.built, self.refused
        )?;
        if !self.codes.is_empty() {
            write!(f, "; modeled codes: {:?}", self.codes)?;
        }
        Ok(())
    }
}

/// Access to the `Unhandled` variant of a generated error enum (each is a
/// distinct type with no common trait but `Error`).
trait OperationError: std::error::Error {
    fn unhandled(&self) -> Option<&UnhandledError>;
}

macro_rules! operation_errors {
    ($($error:path),* $(,)?) => {
        $(impl OperationError for $error {
            fn unhandled(&self) -> Option<&UnhandledError> {
                match self {
                    Self::Unhandled(error) => Some(error),
                    _ => None,
                }
            }
        })*
    };
}

operation_errors!(
    iot::errors::DescribeJobError,
    iot::errors::ListThingsError,
    iot::errors::ListAuditFindingsError,
    iot::errors::CreateJobError,
    iot::errors::DeleteCommandError,
    iot::errors::DeleteThingError,
    iot::errors::AddThingToBillingGroupError,
    jobs::errors::DescribeJobExecutionError,
    jobs::errors::GetPendingJobExecutionsError,
    kitchensink::errors::GetObjectError,
    kitchensink::errors::PutObjectError,
    kitchensink::errors::SubscribeToEventsError,
    kitchensink::errors::CreateThingError,
    kitchensink::errors::PutConfigurationError,
    kitchensink::errors::ListEverythingError,
    kitchensink::errors::SendDataError,
    kitchensink::errors::DeleteThingError,
    kitchensink::errors::ListThingsError,
    features::errors::PutCarError,
    recursion::errors::EvaluateError,
);

/// Errors whose model gives a custom code (shown by `Display`) besides
/// the shape name: (shape name, custom code).
const CUSTOM_CODES: &[(&str, &str)] = &[
    // kitchensink: `@awsQueryError(code: "ResourceNotFound")`.
    ("ResourceNotFoundException", "ResourceNotFound"),
];

/// The request id the parsers report: the first value of the two
/// request-id headers (in order) that is UTF-8 and not blank, trimmed;
/// failing that, the first non-blank one with each byte a character
/// (ISO-8859-1).
fn expected_request_id(headers: &HeaderMap) -> Option<String> {
    let values: Vec<&[u8]> = ["x-amzn-requestid", "x-amz-request-id"]
        .iter()
        .flat_map(|name| headers.get_all(*name))
        .map(|value| value.as_bytes().trim_ascii())
        .filter(|bytes| !bytes.is_empty())
        .collect();
    values
        .iter()
        .find_map(|bytes| std::str::from_utf8(bytes).ok().map(str::to_owned))
        .or_else(|| {
            values
                .first()
                .map(|bytes| bytes.iter().map(|&b| char::from(b)).collect())
        })
}

/// Parses `response` as operation `O` and checks the outcome.
fn parse<O>(response: &Response, tally: &mut Tally) -> Result<(), TestCaseError>
where
    O: Operation,
    O::Output: fmt::Debug,
    O::Error: OperationError,
{
    let Response {
        status,
        headers,
        body,
    } = response;
    let result = O::parse_response(*status, headers, body);
    let success = status.is_success();
    let request_id = expected_request_id(headers);
    match result {
        Ok(output) => {
            prop_assert!(success, "{}: output for HTTP {status}", O::NAME);
            let _ = format!("{output:?}");
            tally.ok += 1;
        }
        Err(ResponseError::Service(error)) => {
            prop_assert!(!success, "{}: service error for HTTP {status}", O::NAME);
            let shown = error.to_string();
            let _ = format!("{error:?}");
            if let Some(unhandled) = error.unhandled() {
                prop_assert_eq!(unhandled.status, status.as_u16(), "{}", O::NAME);
                prop_assert_eq!(&unhandled.request_id, &request_id, "{}", O::NAME);
                if let Some(code) = &unhandled.code {
                    prop_assert!(
                        !code.is_empty()
                            && !code.contains([':', '#'])
                            && code.trim() == code.as_str(),
                        "{}: unsanitized code {code:?}",
                        O::NAME
                    );
                }
                tally.unhandled += 1;
            } else {
                // A modeled error is the one the response's code names:
                // its `Display` starts with the error's code, which is the
                // shape name or, for an error with a custom code, that code
                // (the parser accepts both).
                let metadata = ErrorMetadata::read(*status, headers, body);
                let code = metadata.code().unwrap_or_default();
                let shown_code = shown.split(':').next().unwrap_or_default();
                prop_assert!(
                    shown_code == code || CUSTOM_CODES.contains(&(code, shown_code)),
                    "{}: modeled error {shown:?} for code {code:?}",
                    O::NAME
                );
                *tally.codes.entry(code.to_owned()).or_default() += 1;
                tally.modeled += 1;
            }
        }
        Err(ResponseError::Malformed(error)) => {
            let _ = format!("{error} {error:?}");
            prop_assert_eq!(error.status, status.as_u16(), "{}", O::NAME);
            prop_assert_eq!(&error.request_id, &request_id, "{}", O::NAME);
            prop_assert_eq!(&error.body, body, "{}", O::NAME);
            tally.malformed += 1;
        }
    }
    Ok(())
}

// --- Status codes and headers ----------------------------------------------

fn any_status() -> impl Strategy<Value = StatusCode> {
    prop_oneof![
        3 => Just(200_u16),
        2 => 200_u16..300,
        2 => select(vec![400_u16, 403, 404, 409, 429, 500, 503]),
        3 => 100_u16..600,
    ]
    .prop_map(|code| StatusCode::from_u16(code).expect("100..600 are valid status codes"))
}

fn error_status() -> impl Strategy<Value = StatusCode> {
    prop_oneof![
        3 => select(vec![400_u16, 401, 403, 404, 409, 413, 429, 500, 502, 503]),
        1 => (100_u16..600).prop_filter("not 2xx", |code| !(200..300).contains(code)),
    ]
    .prop_map(|code| StatusCode::from_u16(code).expect("100..600 are valid status codes"))
}

/// Header names the parsers read, plus a few they do not.
const HEADER_NAMES: &[&str] = &[
    "x-amzn-errortype",
    "x-amzn-requestid",
    "x-amz-request-id",
    "content-length",
    "last-modified",
    "etag",
    "content-type",
    "x-amz-meta-color",
    "x-amz-meta-",
    "x-amz-meta-a-b",
    "x-amzn-query-error",
    "date",
];

/// Values that are wrong for some header: numbers that are not, dates
/// that are not, base64 that is not, quoting that does not close, error
/// codes with namespaces and suffixes.
const HEADER_VALUES: &[&str] = &[
    "",
    " ",
    "0",
    "-1",
    "+5",
    " 5 ",
    "1.5",
    "1e3",
    "0x10",
    "abc",
    "NaN",
    "Infinity",
    "true",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "99999999999999999999999999999",
    "Mon, 16 Dec 2019 23:48:18 GMT",
    "Mon, 16 Dec 2019 23:48:18.52 GMT",
    "Tue, 16 Dec 2019 23:48:18 GMT",
    "Mon, 32 Dec 2019 23:48:18 GMT",
    "Mon, 16 Foo 2019 25:61:61 GMT",
    "Mon, 16 Dec 99999 23:48:18 GMT",
    "Mon, 16 Dec -2019 23:48:18 GMT",
    "Mon,",
    "2019-12-16T23:48:18Z",
    "2019-12-16T23:48:18.123456789123Z",
    "2019-02-30T00:00:00Z",
    "2019-12-16T23:48:18+25:00",
    "1576540098",
    "1576540098.52",
    "-1e300",
    "1e400",
    "18446744073709551616.5",
    "Zm9v",
    "Zm9",
    "Zm9v=",
    "!!!!",
    "====",
    "\"quoted\"",
    "\"a, b\", c",
    "\"unterminated",
    "a,b,,c",
    "\\",
    "\"\\\"",
    "InvalidRequestException",
    "ResourceNotFoundException",
    "ThrottlingException",
    "ServiceFault",
    "aws.iot#ResourceNotFoundException",
    "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.iot/",
    "aws.protocoltests.restjson#ThrottlingException:http://internal.amazon.com/coral/",
    "com.example#ServiceFault",
    " ThrottlingException ",
    "throttlingexception",
    "#",
    ":",
    "#:",
    "a#b#c:d:e",
    "a7c3b1e4-req-id",
];

fn header_value() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        6 => select(HEADER_VALUES).prop_map(|value| value.as_bytes().to_vec()),
        1 => any::<i64>().prop_map(|n| n.to_string().into_bytes()),
        1 => any::<f64>().prop_map(|x| x.to_string().into_bytes()),
        2 => http_date().prop_map(String::into_bytes),
        1 => rfc3339().prop_map(String::into_bytes),
        1 => "[ -~]{0,24}".prop_map(String::into_bytes),
        // Any bytes a header value may hold, including obs-text (0x80-0xFF,
        // which is not `to_str`-able).
        1 => vec(any::<u8>(), 0..24).prop_map(|bytes| {
            bytes
                .into_iter()
                .map(|b| if (b < 0x20 && b != b'\t') || b == 0x7f { b'?' } else { b })
                .collect()
        }),
        1 => select(vec![&b"caf\xc3\xa9"[..], b"\xff\xfe", b"\xc3", b"\xed\xa0\x80"])
            .prop_map(<[u8]>::to_vec),
    ]
}

/// HTTP dates with every field possibly out of range.
fn http_date() -> impl Strategy<Value = String> {
    (
        select(vec!["Mon", "Tue", "Sun", "Xyz", ""]),
        0_u32..40,
        select(vec!["Jan", "Feb", "Dec", "Foo"]),
        prop_oneof![1900_i64..2100, any::<i64>()],
        0_u32..30,
        0_u32..70,
        0_u32..70,
        select(vec!["", ".5", ".123456789123", "."]),
        select(vec!["GMT", "UTC", "", "+0000"]),
    )
        .prop_map(|(wd, d, mon, y, h, m, s, frac, zone)| {
            format!("{wd}, {d:02} {mon} {y} {h:02}:{m:02}:{s:02}{frac} {zone}")
        })
}

/// RFC 3339 date-times with every field possibly out of range.
fn rfc3339() -> impl Strategy<Value = String> {
    (
        prop_oneof![0_i64..10_000, any::<i64>()],
        0_u32..15,
        0_u32..40,
        0_u32..30,
        0_u32..70,
        0_u32..70,
        select(vec!["", ".5", ".000000001", ".1234567890123"]),
        select(vec!["Z", "z", "+02:00", "-23:59", "+99:99", ""]),
    )
        .prop_map(|(y, mo, d, h, mi, s, frac, zone)| {
            format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{frac}{zone}")
        })
}

fn headers() -> impl Strategy<Value = HeaderMap> {
    let name = prop_oneof![
        4 => select(HEADER_NAMES).prop_map(str::to_owned),
        1 => "[a-z0-9-]{1,12}",
    ];
    vec((name, header_value()), 0..8).prop_map(|pairs| {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_bytes(&value),
            ) {
                headers.append(name, value);
            }
        }
        headers
    })
}

/// Headers for error responses: usually an error type and a request id.
fn error_headers(codes: &'static [&'static str]) -> impl Strategy<Value = HeaderMap> {
    (
        headers(),
        proptest::option::weighted(0.6, error_code(codes)),
        proptest::option::weighted(0.7, "[a-f0-9-]{1,36}"),
        any::<bool>(),
    )
        .prop_map(|(mut headers, code, id, amz)| {
            if let Some(value) = code.and_then(|code| HeaderValue::from_bytes(&code).ok()) {
                headers.insert("x-amzn-errortype", value);
            }
            if let Some(value) = id.and_then(|id| HeaderValue::from_str(&id).ok()) {
                let name = if amz {
                    "x-amz-request-id"
                } else {
                    "x-amzn-requestid"
                };
                headers.append(name, value);
            }
            headers
        })
}

/// An error code as a service might send it: plain, namespaced, with a
/// `:…` suffix, padded, or not a code at all.
fn error_code(codes: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => (
            select(codes),
            select(vec!["", "aws.iot#", "com.amazonaws.iot#", "a.b.c#", "#"]),
            select(vec!["", ":http://internal.amazon.com/coral/com.amazonaws.iot/", ":", "::x"]),
        )
            .prop_map(|(code, ns, suffix)| format!("{ns}{code}{suffix}").into_bytes()),
        1 => header_value(),
    ]
}

// --- Bodies ------------------------------------------------------------------

/// JSON fragments that are wrong somewhere: for the type expected, as
/// numbers, as strings, as timestamps, as base64, as UTF-8.
const FRAGMENTS: &[&[u8]] = &[
    b"null",
    b"true",
    b"false",
    b"0",
    b"-1",
    b"\"\"",
    b"\"x\"",
    b"[]",
    b"{}",
    b"[null]",
    b"[1,\"a\",null,{}]",
    b"{\"a\":null}",
    b"{\"\":1}",
    b"1e400",
    b"-1e400",
    b"1e-400",
    b"1E+2",
    b"-0",
    b"-0.0",
    b"0.0000001",
    b"123456789012345678901234567890",
    b"9223372036854775807",
    b"9223372036854775808",
    b"-9223372036854775809",
    b"2147483648",
    b"-2147483649",
    b"128",
    b"32768",
    b"1.5",
    b"01",
    b"1.",
    b".5",
    b"-",
    b"+1",
    b"NaN",
    b"Infinity",
    b"\"NaN\"",
    b"\"Infinity\"",
    b"\"-Infinity\"",
    b"\"nan\"",
    b"\"\\ud800\"",
    b"\"\\udc00\"",
    b"\"\\ud800\\u0041\"",
    b"\"\\ud83d\\ude00\"",
    b"\"\\u00\"",
    b"\"\\u00e9\"",
    b"\"\\x\"",
    b"\"a\\u0000b\"",
    b"\"a\x01b\"",
    b"\"\xff\xfe\"",
    b"\"\xc3\"",
    b"\"\xed\xa0\x80\"",
    b"\"\xc0\xaf\"",
    b"\"\xf4\x90\x80\x80\"",
    b"\"\xf0\x9f\x98\x80\"",
    b"\"unterminated",
    b"\"2024-13-01T00:00:00Z\"",
    b"\"2024-06-01T10:00:00+99:99\"",
    b"\"0000-01-01T00:00:00Z\"",
    b"\"9999-12-31T23:59:59.999999999Z\"",
    b"\"Mon, 32 Jun 2024 08:00:00 GMT\"",
    b"\"Sat, 01 Jun 2024 08:00:00 GMT\"",
    b"\"1717228800.1234567891234\"",
    b"\"-0.5\"",
    b"\"1e999\"",
    b"-1e300",
    b"1e19",
    b"9223372036854775807.999999999",
    b"-9223372036854775808.5",
    b"1717228800.123456789123",
    b"\"!!!\"",
    b"\"Zm9\"",
    b"\"Zm9v=\"",
    b"\"====\"",
    b"\"Zm9v\\nYmFy\"",
    b"\"Zm9vYmFy\"",
    b"{\"StringValue\":\"a\",\"IntegerValue\":1}",
    b"{\"StringValue\":null}",
    b"{\"__type\":\"x\"}",
    b"{\"unknownMember\":{\"deep\":[1,2,{}]}}",
    b"{\"group\":{\"group\":{\"literal\":\"x\"}}}",
    b"{\"and\":[{\"literal\":\"a\"},null,{\"not\":{}}]}",
    b"{\"named\":{\"a\":{\"literal\":\"b\"},\"c\":null}}",
];

/// `levels` nested openers (and, if `closed`, their closers) of a kind.
fn nested(kind: u8, levels: usize, closed: bool) -> Vec<u8> {
    let (open, close): (&[u8], &[u8]) = match kind % 5 {
        0 => (b"[", b"]"),
        1 => (b"{\"a\":", b"}"),
        2 => (b"[{\"a\":", b"}]"),
        3 => (b"{\"group\":", b"}"),
        _ => (b"{\"not\":{\"operand\":", b"}}"),
    };
    let mut out = open.repeat(levels);
    out.extend_from_slice(b"1");
    if closed {
        out.extend_from_slice(&close.repeat(levels));
    }
    out
}

fn deep() -> impl Strategy<Value = Vec<u8>> {
    (
        any::<u8>(),
        prop_oneof![
            3 => 1_usize..200,
            2 => select(vec![127_usize, 128, 129, 130, 255, 256, 257]),
            1 => 200_usize..5_000,
            1 => Just(100_000_usize),
        ],
        prop::bool::weighted(0.8),
    )
        .prop_map(|(kind, levels, closed)| nested(kind, levels, closed))
}

const TOKENS: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b" ",
    b"\n",
    b"\"",
    b"\\",
    b"\"a\"",
    b"\"job\"",
    b"\"jobId\"",
    b"\"things\"",
    b"\"execution\"",
    b"\"result\"",
    b"\"Everything\"",
    b"\"__type\"",
    b"\"message\"",
    b"1",
    b"-0.5e3",
    b"1e400",
    b"null",
    b"true",
    b"nul",
    b"\"\\ud800\"",
    b"\"\\u0041\"",
    b"\xff",
    b"\xc3",
];

fn token_soup() -> impl Strategy<Value = Vec<u8>> {
    vec(select(TOKENS), 0..32).prop_map(|tokens| tokens.concat())
}

fn fragment() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        8 => select(FRAGMENTS).prop_map(<[u8]>::to_vec),
        1 => deep(),
        1 => ("-?", "[1-9][0-9]{0,400}", "(\\.[0-9]{1,40})?", "([eE][+-]?[0-9]{1,5})?")
            .prop_map(|(sign, int, frac, exp)| format!("{sign}{int}{frac}{exp}").into_bytes()),
        1 => any::<f64>().prop_map(|x| format!("{x:?}").into_bytes()),
        1 => any::<i128>().prop_map(|n| n.to_string().into_bytes()),
        2 => token_soup(),
        // Any text, correctly escaped (control characters, unicode).
        1 => any::<String>().prop_map(|s| serde_json::to_vec(&s).expect("strings serialize")),
        // Any bytes between quotes.
        1 => vec(any::<u8>(), 0..16).prop_map(|bytes| [&b"\""[..], &bytes, b"\""].concat()),
    ]
}

/// Every value's JSON pointer in `value`, and every key.
fn collect(value: &Value, pointer: &str, pointers: &mut Vec<String>, keys: &mut Vec<String>) {
    pointers.push(pointer.to_owned());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                keys.push(key.clone());
                let escaped = key.replace('~', "~0").replace('/', "~1");
                collect(child, &format!("{pointer}/{escaped}"), pointers, keys);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                collect(child, &format!("{pointer}/{index}"), pointers, keys);
            }
        }
        _ => {}
    }
}

/// `seed` with one value replaced by `fragment` (raw bytes), or, when
/// `add` and the value is an object, with a member (named after some key
/// of the seed) added whose value is `fragment`.
fn splice(seed: &str, at: Index, key: Index, add: bool, fragment: &[u8]) -> Vec<u8> {
    const MARK: &str = "\u{1}fragment\u{1}";
    const MARK_JSON: &[u8] = b"\"\\u0001fragment\\u0001\"";
    let mut value: Value = serde_json::from_str(seed).expect("seeds are JSON");
    let (mut pointers, mut keys) = (Vec::new(), vec!["unknownMember".to_owned()]);
    collect(&value, "", &mut pointers, &mut keys);
    let pointer: &String = at.get(&pointers);
    let target = value.pointer_mut(pointer).expect("a collected pointer");
    match target {
        Value::Object(map) if add => {
            map.insert(key.get(&keys).clone(), Value::String(MARK.into()));
        }
        _ => *target = Value::String(MARK.into()),
    }
    let text = serde_json::to_vec(&value).expect("values serialize");
    let at = text
        .windows(MARK_JSON.len())
        .position(|window| window == MARK_JSON)
        .expect("the mark is in the output");
    [&text[..at], fragment, &text[at + MARK_JSON.len()..]].concat()
}

#[derive(Clone, Debug)]
enum ByteEdit {
    Truncate(Index),
    Set(Index, u8),
    Insert(Index, Vec<u8>),
    Delete(Index, usize),
    Duplicate(Index, usize),
}

fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    prop_oneof![
        3 => any::<Index>().prop_map(ByteEdit::Truncate),
        2 => (any::<Index>(), any::<u8>()).prop_map(|(at, byte)| ByteEdit::Set(at, byte)),
        2 => (any::<Index>(), prop_oneof![select(TOKENS).prop_map(<[u8]>::to_vec), vec(any::<u8>(), 1..4)])
            .prop_map(|(at, bytes)| ByteEdit::Insert(at, bytes)),
        1 => (any::<Index>(), 1_usize..16).prop_map(|(at, len)| ByteEdit::Delete(at, len)),
        1 => (any::<Index>(), 1_usize..64).prop_map(|(at, len)| ByteEdit::Duplicate(at, len)),
    ]
}

fn apply(mut bytes: Vec<u8>, edits: &[ByteEdit]) -> Vec<u8> {
    for edit in edits {
        let len = bytes.len();
        // An index into 0..=len (an insertion point).
        let point = |at: &Index| at.index(len + 1);
        match edit {
            ByteEdit::Truncate(at) => bytes.truncate(point(at)),
            ByteEdit::Set(at, byte) => {
                if len > 0 {
                    bytes[at.index(len)] = *byte;
                }
            }
            ByteEdit::Insert(at, new) => {
                let at = point(at);
                bytes.splice(at..at, new.iter().copied());
            }
            ByteEdit::Delete(at, n) => {
                let at = point(at);
                bytes.drain(at..(at + n).min(len));
            }
            ByteEdit::Duplicate(at, n) => {
                let at = point(at);
                let copy = bytes[at..(at + n).min(len)].to_vec();
                bytes.splice(at..at, copy);
            }
        }
    }
    bytes
}

/// Bodies for an operation whose valid outputs look like `seeds`.
fn body(seeds: Vec<&'static str>) -> BoxedStrategy<Vec<u8>> {
    let spliced = (
        select(seeds.clone()),
        any::<Index>(),
        any::<Index>(),
        prop::bool::weighted(0.2),
        fragment(),
    )
        .prop_map(|(seed, at, key, add, fragment)| splice(seed, at, key, add, &fragment));
    let structured = prop_oneof![
        1 => select(seeds).prop_map(|seed| seed.as_bytes().to_vec()),
        3 => spliced,
    ];
    prop_oneof![
        1 => select(vec![&b""[..], b" ", b"\n\t ", b"null", b"{}", b"[]", b"\"\""]).prop_map(<[u8]>::to_vec),
        2 => vec(any::<u8>(), 0..300),
        2 => token_soup(),
        2 => fragment(),
        8 => structured.clone(),
        5 => (structured, vec(byte_edit(), 1..4)).prop_map(|(bytes, edits)| apply(bytes, &edits)),
    ]
    .boxed()
}

fn response(seeds: Vec<&'static str>) -> impl Strategy<Value = Response> {
    (any_status(), headers(), body(seeds)).prop_map(|(status, headers, body)| Response {
        status,
        headers,
        body,
    })
}

// --- Seeds: valid outputs ----------------------------------------------------

const DESCRIBE_JOB: &[&str] = &[
    r#"{"documentSource":"https://s3.amazonaws.com/b/doc.json","job":{"jobArn":"arn:aws:iot:us-west-2:123456789012:job/j1","jobId":"j1","targetSelection":"SNAPSHOT","status":"IN_PROGRESS","forceCanceled":false,"comment":"c","targets":["arn:a","arn:b"],"description":"d \"q\" \u00e9","presignedUrlConfig":{"roleArn":"arn:role","expiresInSec":3600},"jobExecutionsRolloutConfig":{"maximumPerMinute":100,"exponentialRate":{"baseRatePerMinute":10,"incrementFactor":1.5,"rateIncreaseCriteria":{"numberOfNotifiedThings":50}}},"abortConfig":{"criteriaList":[{"failureType":"FAILED","action":"CANCEL","thresholdPercentage":10.5,"minNumberOfExecutedThings":20}]},"createdAt":1717228800.123,"lastUpdatedAt":1717232400.5,"completedAt":1717232400,"jobProcessDetails":{"processingTargets":["arn:a"],"numberOfSucceededThings":1204,"numberOfFailedThings":3},"timeoutConfig":{"inProgressTimeoutInMinutes":120},"jobExecutionsRetryConfig":{"criteriaList":[{"failureType":"TIMED_OUT","numberOfRetries":2}]},"documentParameters":{"v":"4.2.1","b":"fw"},"isConcurrent":false,"schedulingConfig":{"startTime":"2024-06-01T08:00","endBehavior":"STOP_ROLLOUT","maintenanceWindows":[{"startTime":"cron(0 2 ? * SUN *)","durationInMinutes":120}]},"scheduledJobRollouts":[{"startTime":"2024-06-01T08:00"}],"destinationPackageVersions":["arn:p"]}}"#,
    r#"{"job":{}}"#,
];

const LIST_THINGS: &[&str] = &[
    r#"{"things":[{"thingName":"a","thingTypeName":"t","thingArn":"arn:a","attributes":{"k":"v","k2":"v2"},"version":3},{"thingName":"b","attributes":{},"version":-1}],"nextToken":"n"}"#,
];

const LIST_AUDIT_FINDINGS: &[&str] = &[
    r#"{"findings":[{"findingId":"f","taskId":"t","checkName":"c","taskStartTime":1717228800,"findingTime":1717228800.5,"severity":"HIGH","nonCompliantResource":{"resourceType":"DEVICE_CERTIFICATE","resourceIdentifier":{"deviceCertificateId":"d","policyVersionIdentifier":{"policyName":"p","policyVersionId":"1"},"issuerCertificateIdentifier":{"issuerCertificateSubject":"s","issuerId":"i","issuerCertificateSerialNumber":"n"}},"additionalInfo":{"a":"b"}},"relatedResources":[{"resourceType":"CA_CERTIFICATE","resourceIdentifier":{"caCertificateId":"c"},"additionalInfo":{}}],"reasonForNonCompliance":"r","reasonForNonComplianceCode":"C","isSuppressed":true}],"nextToken":"n"}"#,
];

const DESCRIBE_JOB_EXECUTION: &[&str] = &[
    r#"{"execution":{"jobId":"j","thingName":"t","status":"QUEUED","statusDetails":{"a":"b"},"queuedAt":1717228800,"startedAt":1717228801,"lastUpdatedAt":1717228802,"approximateSecondsBeforeTimedOut":60,"versionNumber":3,"executionNumber":7,"jobDocument":"{\"x\":1}"}}"#,
];

const GET_PENDING_JOB_EXECUTIONS: &[&str] = &[
    r#"{"inProgressJobs":[{"jobId":"a","queuedAt":1,"startedAt":2,"lastUpdatedAt":3,"versionNumber":4,"executionNumber":5}],"queuedJobs":[{"jobId":"b"},{"jobId":"c","executionNumber":9223372036854775807}]}"#,
];

const CREATE_THING: &[&str] = &[r#"{"ThingName":"t","thingArn":"arn:t","CreatedAt":1717228800}"#];

const PUT_CONFIGURATION: &[&str] = &[r#"{"Enabled":true,"Retention":30}"#];

const LIST_EVERYTHING: &[&str] = &[
    r#"{"Everything":{"Nested":{"Name":"n"},"Union":{"StringValue":"s"},"StringList":["a","b"],"SparseStringList":["a",null],"StringMap":{"a":"b"},"SparseStringMap":{"a":null,"b":"c"},"StatusCounts":{"ACTIVE":1,"UNKNOWN_STATUS":2},"RequiredString":"r","OptionalString":"o","Status":"ACTIVE","Boolean":true,"Byte":127,"Short":-32768,"RequiredInteger":1,"BoxedInteger":2,"PageSize":3,"Long":9223372036854775807,"Float":1.5,"Double":"NaN","BigInteger":123456789012345678901234567890,"BigDecimal":-1.5e-300,"Timestamp":1717228800.5,"IsoTimestamp":"2024-06-01T08:00:00Z","EpochTimestamp":1717228800,"HttpDateTimestamp":"Sat, 01 Jun 2024 08:00:00 GMT","IsoOverride":"2024-06-01T08:00:00.123Z","EpochOverride":1.7172288e9,"HttpDateOverride":"Sat, 01 Jun 2024 08:00:00 GMT","Blob":"Zm9vYmFy","Document":{"a":[1,2.5,"x",null,true,{"b":{}}]}},"Required":{"Nested":{},"Union":{"ListValue":["a"]},"List":[],"SparseList":[null],"Map":{},"SparseMap":{"x":null},"Status":"INACTIVE","Boolean":false,"Byte":-128,"Short":1,"Long":-1,"Float":"-Infinity","Double":1e300,"BigInteger":-1,"BigDecimal":0.1,"Timestamp":0,"Blob":"","Document":null,"Secret":"s"}}"#,
    r#"{"Everything":{"Union":{"NestedValue":{"Name":"x"}},"Document":"text"},"Required":{"Union":{"SecretValue":"s","__type":"t"}}}"#,
];

const EVALUATE: &[&str] = &[
    r#"{"result":{"and":[{"literal":"a"},{"not":{"operand":{"group":{"literal":"b"}}}},{"named":{"x":{"literal":"c"},"y":{"and":[]}}}]}}"#,
    r#"{"result":{"futureMember":{"any":["json",1,null]}}}"#,
];

const ERROR_BODIES: &[&str] = &[
    r#"{"message":"m"}"#,
    r#"{"__type":"ResourceNotFoundException","message":"m","resourceId":"r"}"#,
    r#"{"__type":"aws.iot#ThrottlingException:http://internal.amazon.com/coral/","Message":"m"}"#,
    r#"{"code":"InvalidRequestException","errorMessage":"m"}"#,
    r#"{"code":"ServiceFault","__type":"ThrottlingException","message":"m"}"#,
    r#"{"__type":"ServiceFault","message":"m","fieldName":"f"}"#,
    r#"{"__type":"UnknownFutureException","message":"m"}"#,
];

const ERROR_CODES: &[&str] = &[
    "InvalidRequestException",
    "ResourceNotFoundException",
    "ThrottlingException",
    "UnauthorizedException",
    "ServiceUnavailableException",
    "InternalFailureException",
    "LimitExceededException",
    "ResourceAlreadyExistsException",
    "CertificateValidationException",
    "ServiceFault",
    "ValidationException",
    "UnknownFutureException",
    "",
];

// --- Response properties -------------------------------------------------------

#[test]
fn json_body_outputs() {
    let seeds = [DESCRIBE_JOB, LIST_THINGS, DESCRIBE_JOB_EXECUTION].concat();
    run("json_body_outputs", response(seeds), |r, tally| {
        tally.cases += 1;
        parse::<iot::operations::DescribeJob>(&r, tally)?;
        parse::<iot::operations::ListThings>(&r, tally)?;
        parse::<jobs::operations::DescribeJobExecution>(&r, tally)
    });
}

#[test]
fn maps_and_lists_of_structures() {
    let seeds = [LIST_THINGS, LIST_AUDIT_FINDINGS, GET_PENDING_JOB_EXECUTIONS].concat();
    run(
        "maps_and_lists_of_structures",
        response(seeds),
        |r, tally| {
            tally.cases += 1;
            parse::<iot::operations::ListThings>(&r, tally)?;
            parse::<iot::operations::ListAuditFindings>(&r, tally)?;
            parse::<jobs::operations::GetPendingJobExecutions>(&r, tally)
        },
    );
}

#[test]
fn header_and_status_bound_members() {
    let seeds = [CREATE_THING, PUT_CONFIGURATION].concat();
    run(
        "header_and_status_bound_members",
        response(seeds),
        |r, tally| {
            tally.cases += 1;
            parse::<iot::operations::DeleteCommand>(&r, tally)?;
            parse::<kitchensink::operations::GetObject>(&r, tally)?;
            parse::<kitchensink::operations::PutObject>(&r, tally)?;
            parse::<kitchensink::operations::SubscribeToEvents>(&r, tally)?;
            parse::<kitchensink::operations::CreateThing>(&r, tally)?;
            parse::<features::operations::PutCar>(&r, tally)?;
            // What the header readers promise when they succeed.
            if r.status.is_success() {
                if let Ok(output) = kitchensink::operations::GetObject::parse_response(
                    r.status, &r.headers, &r.body,
                ) {
                    let blank = r.body.is_empty();
                    prop_assert_eq!(output.body.is_none(), blank);
                    if let Some(length) = output.content_length {
                        let sent = r
                            .headers
                            .get("content-length")
                            .and_then(|v| v.to_str().ok());
                        prop_assert!(sent.is_some(), "content-length {length} from nowhere");
                    }
                }
                if let Ok(output) =
                    iot::operations::DeleteCommand::parse_response(r.status, &r.headers, &r.body)
                {
                    prop_assert_eq!(output.status_code, Some(i32::from(r.status.as_u16())));
                }
            }
            Ok(())
        },
    );
}

#[test]
fn payload_members() {
    let seeds = [PUT_CONFIGURATION, CREATE_THING].concat();
    run("payload_members", response(seeds), |r, tally| {
        tally.cases += 1;
        parse::<kitchensink::operations::PutConfiguration>(&r, tally)?;
        parse::<kitchensink::operations::GetObject>(&r, tally)
    });
}

#[test]
fn unions_and_documents() {
    let seeds = [LIST_EVERYTHING, EVALUATE].concat();
    run("unions_and_documents", response(seeds), |r, tally| {
        tally.cases += 1;
        parse::<kitchensink::operations::ListEverything>(&r, tally)?;
        parse::<recursion::operations::Evaluate>(&r, tally)
    });
}

#[test]
fn deeply_nested_recursive_values() {
    let strategy = (
        any::<u8>(),
        1_usize..3_000,
        prop::bool::weighted(0.9),
        0_usize..3,
    );
    run(
        "deeply_nested_recursive_values",
        strategy,
        |(kind, levels, closed, wrap), tally| {
            tally.cases += 1;
            let inner = nested(kind, levels, closed);
            let body = match wrap {
                0 => [&b"{\"result\":"[..], &inner, b"}"].concat(),
                1 => [&b"{\"Everything\":{\"Document\":"[..], &inner, b"}}"].concat(),
                _ => [&b"{\"job\":{\"unknown\":"[..], &inner, b"}}"].concat(),
            };
            let r = Response {
                status: StatusCode::OK,
                headers: HeaderMap::new(),
                body,
            };
            parse::<recursion::operations::Evaluate>(&r, tally)?;
            parse::<kitchensink::operations::ListEverything>(&r, tally)?;
            parse::<iot::operations::DescribeJob>(&r, tally)
        },
    );
}

#[test]
fn empty_outputs() {
    run(
        "empty_outputs",
        response(DESCRIBE_JOB.to_vec()),
        |r, tally| {
            tally.cases += 1;
            parse::<iot::operations::DeleteThing>(&r, tally)?;
            parse::<iot::operations::AddThingToBillingGroup>(&r, tally)?;
            parse::<kitchensink::operations::SendData>(&r, tally)?;
            parse::<kitchensink::operations::DeleteThing>(&r, tally)?;
            // Operations without output read nothing from a success.
            if r.status.is_success() {
                prop_assert!(iot::operations::DeleteThing::parse_response(
                    r.status, &r.headers, &r.body
                )
                .is_ok());
            }
            Ok(())
        },
    );
}

#[test]
fn error_responses() {
    let strategy = (
        error_status(),
        error_headers(ERROR_CODES),
        body(ERROR_BODIES.to_vec()),
    )
        .prop_map(|(status, headers, body)| Response {
            status,
            headers,
            body,
        });
    run("error_responses", strategy, |r, tally| {
        tally.cases += 1;
        parse::<iot::operations::DescribeJob>(&r, tally)?;
        parse::<iot::operations::ListThings>(&r, tally)?;
        parse::<iot::operations::CreateJob>(&r, tally)?;
        parse::<jobs::operations::DescribeJobExecution>(&r, tally)?;
        parse::<kitchensink::operations::ListThings>(&r, tally)?;
        parse::<kitchensink::operations::ListEverything>(&r, tally)?;
        parse::<features::operations::PutCar>(&r, tally)
    });
}

// ---------------------------------------------------------------------------
// Requests

/// Strings a caller might put anywhere: path syntax, percent signs, spaces,
/// unicode, control characters, line breaks, dot segments.
fn nasty_string() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-z0-9./?#% &=+;:@~\\-_\\\\\"'\\u{0}-\\u{1f}\\u{7f}é😀\\u{2028}\\u{fffd}]{0,16}",
        2 => any::<String>(),
        2 => select(vec![
            "", ".", "..", "...", "/", "//", "a/b", "../x", "./", "a/../b", "a/./b", "/..", "?", "#",
            "%", "%2F", "%2e%2e", "a%zz", " ", "a b", "\n", "\r\n", "a\u{0}b", "\t", "é", "😀",
            "\u{7f}", "x-id=Get", "&a=b", "=",
        ])
        .prop_map(str::to_owned),
    ]
}

/// The path of a request's URI split into segments (after the leading
/// `/`), and its query as decoded `(key, value)` pairs.
fn split_uri(request: &http::Request<Vec<u8>>) -> (Vec<String>, Vec<(String, String)>) {
    let uri = request.uri();
    let segments = uri
        .path()
        .strip_prefix('/')
        .unwrap_or(uri.path())
        .split('/')
        .map(str::to_owned)
        .collect();
    let query = uri
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (
                percent::decode(key).expect("query keys decode"),
                percent::decode(value).expect("query values decode"),
            )
        })
        .collect();
    (segments, query)
}

/// The number of `/`-separated segments of a URI template's path.
fn template_segments(template: &str) -> usize {
    let path = template.split('?').next().unwrap_or(template);
    path.trim_start_matches('/').split('/').count()
}

fn label_ok(value: &str) -> bool {
    !matches!(value, "" | "." | "..")
}

fn header_ok(value: &str) -> bool {
    HeaderValue::from_str(value).is_ok()
}

/// What a refused request must name.
fn refused(error: &BuildError, members: &[&str]) -> Result<(), TestCaseError> {
    let _ = error.to_string();
    prop_assert!(
        members.contains(&error.member()),
        "refused for {:?}, expected one of {members:?}: {error}",
        error.member()
    );
    Ok(())
}

#[test]
fn request_labels_query_and_headers() {
    let strategy = (
        nasty_string(),
        nasty_string(),
        nasty_string(),
        nasty_string(),
        proptest::option::of(nasty_string()),
    );
    run(
        "request_labels_query_and_headers",
        strategy,
        |(a, b, c, d, e), tally| {
            tally.cases += 1;

            // iot AttachThingPrincipal: a label, an enum query member (an
            // unknown value carries any string), a header.
            type Attach = iot::operations::AttachThingPrincipal;
            let input = iot::types::AttachThingPrincipalRequest {
                thing_name: a.clone(),
                principal: b.clone(),
                thing_principal_type: Some(iot::types::ThingPrincipalType::from(c.as_str())),
            };
            match Attach::build_request(&input) {
                Ok(request) => {
                    tally.built += 1;
                    prop_assert!(label_ok(&a) && header_ok(&b));
                    let (segments, query) = split_uri(&request);
                    prop_assert_eq!(segments.len(), template_segments(Attach::URI_TEMPLATE));
                    prop_assert_eq!(&segments[0], "things");
                    prop_assert_eq!(percent::decode(&segments[1]).ok(), Some(a.clone()));
                    prop_assert_eq!(&segments[2], "principals");
                    prop_assert_eq!(query, vec![("thingPrincipalType".to_owned(), c.clone())]);
                    prop_assert_eq!(
                        request.headers()["x-amzn-principal"].as_bytes(),
                        b.as_bytes()
                    );
                }
                Err(error) => {
                    tally.refused += 1;
                    prop_assert!(!label_ok(&a) || !header_ok(&b));
                    refused(&error, &["thingName", "x-amzn-principal"])?;
                }
            }

            // iot-jobs-data DescribeJobExecution: two labels and a query.
            type Describe = jobs::operations::DescribeJobExecution;
            let input = jobs::types::DescribeJobExecutionRequest {
                thing_name: a.clone(),
                job_id: c.clone(),
                include_job_document: Some(true),
                execution_number: Some(-1),
            };
            match Describe::build_request(&input) {
                Ok(request) => {
                    tally.built += 1;
                    prop_assert!(label_ok(&a) && label_ok(&c));
                    let (segments, query) = split_uri(&request);
                    prop_assert_eq!(segments.len(), template_segments(Describe::URI_TEMPLATE));
                    prop_assert_eq!(percent::decode(&segments[1]).ok(), Some(a.clone()));
                    prop_assert_eq!(percent::decode(&segments[3]).ok(), Some(c.clone()));
                    prop_assert_eq!(query.len(), 2);
                }
                Err(error) => {
                    tally.refused += 1;
                    prop_assert!(!label_ok(&a) || !label_ok(&c));
                    refused(&error, &["thingName", "jobId"])?;
                }
            }

            // iot CreatePackageVersion: two labels, a query member (the
            // idempotency token), a JSON body with the same strings.
            type CreateVersion = iot::operations::CreatePackageVersion;
            let input = iot::types::CreatePackageVersionRequest {
                package_name: b.clone(),
                version_name: d.clone(),
                description: Some(a.clone()),
                attributes: Some(HashMap::from([(c.clone(), d.clone())])),
                client_token: e.clone(),
                ..Default::default()
            };
            match CreateVersion::build_request(&input) {
                Ok(request) => {
                    tally.built += 1;
                    prop_assert!(label_ok(&b) && label_ok(&d));
                    let (segments, query) = split_uri(&request);
                    prop_assert_eq!(
                        segments.len(),
                        template_segments(CreateVersion::URI_TEMPLATE)
                    );
                    prop_assert_eq!(percent::decode(&segments[1]).ok(), Some(b.clone()));
                    prop_assert_eq!(percent::decode(&segments[3]).ok(), Some(d.clone()));
                    prop_assert_eq!(query.len(), 1);
                    prop_assert_eq!(&query[0].0, "clientToken");
                    if let Some(token) = &e {
                        prop_assert_eq!(&query[0].1, token);
                    }
                    // The body is JSON holding the strings unchanged.
                    let body: Value = serde_json::from_slice(request.body())
                        .map_err(|err| TestCaseError::fail(format!("body is not JSON: {err}")))?;
                    prop_assert_eq!(body["description"].as_str(), Some(a.as_str()));
                    prop_assert_eq!(body["attributes"][c.as_str()].as_str(), Some(d.as_str()));
                }
                Err(error) => {
                    tally.refused += 1;
                    prop_assert!(!label_ok(&b) || !label_ok(&d));
                    refused(&error, &["packageName", "versionName"])?;
                }
            }

            // iot ListThings: query members only, so always built.
            let input = iot::types::ListThingsRequest {
                next_token: Some(a.clone()),
                attribute_name: Some(b.clone()),
                attribute_value: Some(c.clone()),
                thing_type_name: e.clone(),
                max_results: Some(i32::MIN),
                ..Default::default()
            };
            let request = iot::operations::ListThings::build_request(&input)
                .map_err(|err| TestCaseError::fail(format!("ListThings refused: {err}")))?;
            tally.built += 1;
            let (segments, query) = split_uri(&request);
            prop_assert_eq!(segments, vec!["things".to_owned()]);
            let mut expected = vec![
                ("nextToken".to_owned(), a.clone()),
                ("maxResults".to_owned(), i32::MIN.to_string()),
                ("attributeName".to_owned(), b.clone()),
                ("attributeValue".to_owned(), c.clone()),
            ];
            if let Some(e) = &e {
                expected.push(("thingTypeName".to_owned(), e.clone()));
            }
            prop_assert_eq!(query, expected);

            // iot CreateTopicRule: a label, a header, a structure payload.
            let input = iot::types::CreateTopicRuleRequest {
                rule_name: d.clone(),
                tags: Some(c.clone()),
                topic_rule_payload: iot::types::TopicRulePayload {
                    sql: a.clone(),
                    ..Default::default()
                },
            };
            match iot::operations::CreateTopicRule::build_request(&input) {
                Ok(request) => {
                    tally.built += 1;
                    prop_assert!(label_ok(&d) && header_ok(&c));
                    let (segments, _) = split_uri(&request);
                    prop_assert_eq!(segments.len(), 2);
                    prop_assert_eq!(percent::decode(&segments[1]).ok(), Some(d.clone()));
                    prop_assert_eq!(request.headers()["x-amz-tagging"].as_bytes(), c.as_bytes());
                    let body: Value = serde_json::from_slice(request.body())
                        .map_err(|err| TestCaseError::fail(format!("body is not JSON: {err}")))?;
                    prop_assert_eq!(body["sql"].as_str(), Some(a.as_str()));
                }
                Err(error) => {
                    tally.refused += 1;
                    prop_assert!(!label_ok(&d) || !header_ok(&c));
                    refused(&error, &["ruleName", "x-amz-tagging"])?;
                }
            }
            Ok(())
        },
    );
}

/// A greedy label (`{Key+}`) may span segments, but none of them may be a
/// dot segment, and the labels and template around it stay in place.
#[test]
fn request_greedy_labels() {
    let strategy = (
        nasty_string(),
        nasty_string(),
        proptest::option::of(nasty_string()),
        proptest::option::of(nasty_string()),
        any::<i64>(),
    );
    run(
        "request_greedy_labels",
        strategy,
        |(bucket, key, version, range, seconds), tally| {
            tally.cases += 1;
            let greedy_ok = !key.is_empty() && !key.split('/').any(|s| s == "." || s == "..");

            type GetObject = kitchensink::operations::GetObject;
            let since = DateTime::from_secs_and_nanos(seconds, 0);
            let input = kitchensink::types::GetObjectRequest {
                bucket: bucket.clone(),
                key: key.clone(),
                version_id: version.clone(),
                range: range.clone(),
                if_modified_since: Some(since),
            };
            let range_ok = range.as_deref().is_none_or(header_ok);
            // An HTTP date has a four-digit year.
            let date_ok = since.fmt(TimestampFormat::HttpDate).is_ok();
            let all_ok = label_ok(&bucket) && greedy_ok && range_ok && date_ok;
            match GetObject::build_request(&input) {
                Ok(request) => {
                    tally.built += 1;
                    prop_assert!(all_ok);
                    let (segments, query) = split_uri(&request);
                    // /buckets/{Bucket}/objects/{Key+}
                    prop_assert_eq!(&segments[0], "buckets");
                    prop_assert_eq!(percent::decode(&segments[1]).ok(), Some(bucket.clone()));
                    prop_assert_eq!(&segments[2], "objects");
                    let rest = segments[3..].join("/");
                    prop_assert_eq!(percent::decode(&rest).ok(), Some(key.clone()));
                    prop_assert_eq!(segments.len() - 3, key.split('/').count());
                    prop_assert!(segments[3..].iter().all(|s| s != "." && s != ".."));
                    let mut expected = vec![("x-id".to_owned(), "Get".to_owned())];
                    if let Some(version) = &version {
                        expected.push(("versionId".to_owned(), version.clone()));
                    }
                    prop_assert_eq!(query, expected);
                }
                Err(error) => {
                    tally.refused += 1;
                    prop_assert!(!all_ok);
                    refused(&error, &["Bucket", "Key", "range", "if-modified-since"])?;
                }
            }

            let input = iot::types::ConfirmTopicRuleDestinationRequest {
                confirmation_token: key.clone(),
            };
            match iot::operations::ConfirmTopicRuleDestination::build_request(&input) {
                Ok(request) => {
                    tally.built += 1;
                    prop_assert!(greedy_ok);
                    let (segments, _) = split_uri(&request);
                    prop_assert_eq!(&segments[0], "confirmdestination");
                    prop_assert_eq!(
                        percent::decode(&segments[1..].join("/")).ok(),
                        Some(key.clone())
                    );
                }
                Err(error) => {
                    tally.refused += 1;
                    prop_assert!(!greedy_ok);
                    refused(&error, &["confirmationToken"])?;
                }
            }

            // An httpQueryParams map with arbitrary keys never overrides a
            // bound member, and every parameter decodes back.
            let input = kitchensink::types::ListThingsRequest {
                next_token: version.clone(),
                filters: Some(HashMap::from([
                    (bucket.clone(), key.clone()),
                    ("nextToken".to_owned(), "from-map".to_owned()),
                ])),
                ..Default::default()
            };
            let request = kitchensink::operations::ListThings::build_request(&input)
                .map_err(|err| TestCaseError::fail(format!("ListThings refused: {err}")))?;
            tally.built += 1;
            let (_, query) = split_uri(&request);
            let next: Vec<&String> = query
                .iter()
                .filter(|(k, _)| k == "nextToken")
                .map(|(_, v)| v)
                .collect();
            match &version {
                Some(token) => prop_assert_eq!(next, vec![token]),
                None if bucket == "nextToken" => prop_assert_eq!(next.len(), 1),
                None => {
                    prop_assert_eq!(next, vec!["from-map"]);
                    prop_assert!(query.contains(&(bucket.clone(), key.clone())));
                }
            }
            Ok(())
        },
    );
}

/// A label whose encoding makes the URI longer than `http::Uri` accepts
/// is refused, not a panic.
#[test]
fn oversized_labels_are_refused() {
    let input = iot::types::DescribeJobRequest {
        job_id: "é".repeat(20_000),
        ..Default::default()
    };
    let error = iot::operations::DescribeJob::build_request(&input)
        .expect_err("a 120 KB URI does not fit http::Uri");
    assert_eq!(error.member(), "uri");
}
