//! The canned responses both sides get, byte for byte, and the facts
//! checked on each side's parsed output before anything is timed.
//!
//! Each in-memory transport makes a fresh `http::Response<Vec<u8>>` from
//! these per call ([`response`]): the body copied once, the same two
//! headers. The SDK's connector then converts it into its own response
//! type, which is part of what a call costs there.

/// A `DescribeJob` response (1.5 KB: nested configs, a map, fractional
/// timestamps, an escaped string); the project's JSON benchmark payload.
pub static DESCRIBE_JOB: &[u8] = include_bytes!("../../../data/describe_job.json");

/// A `ListThings` response with 100 things of 3 attributes (20 KB).
pub static LIST_THINGS: &[u8] = include_bytes!("../../../data/list_things.json");

/// A `StartCommandExecution` response.
pub static START_COMMAND_EXECUTION: &[u8] =
    br#"{"executionId":"4f6c2b7e-8d3a-4b1e-9c2f-1a2b3c4d5e6f"}"#;

/// A `CreateJob` response.
pub static CREATE_JOB: &[u8] = br#"{"jobArn":"arn:aws:iot:us-west-2:123456789012:job/firmware-update-2024-06-01","jobId":"firmware-update-2024-06-01","description":"Firmware update 4.2.1"}"#;

/// The job id of the DescribeJob and CreateJob calls.
pub const JOB_ID: &str = "firmware-update-2024-06-01";
/// The job ARN in the CreateJob response.
pub const JOB_ARN: &str = "arn:aws:iot:us-west-2:123456789012:job/firmware-update-2024-06-01";
/// The execution id in the StartCommandExecution response.
pub const EXECUTION_ID: &str = "4f6c2b7e-8d3a-4b1e-9c2f-1a2b3c4d5e6f";
/// The region both clients are configured for.
pub const REGION: &str = "us-west-2";
/// Fixed credentials, the same on both sides.
pub const ACCESS_KEY_ID: &str = "AKIDEXAMPLE";
/// See [`ACCESS_KEY_ID`].
pub const SECRET_ACCESS_KEY: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
/// Both clocks are stopped at this instant (2024-06-01T08:00:00Z).
pub const NOW_SECS: u64 = 1_717_228_800;

/// The response a transport answers with: status 200, a content type and
/// a request id, and a copy of `body`.
pub fn response(body: &'static [u8]) -> http::Response<Vec<u8>> {
    let mut response = http::Response::new(body.to_vec());
    let headers = response.headers_mut();
    headers.insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json"),
    );
    headers.insert(
        "x-amzn-requestid",
        http::HeaderValue::from_static("c3a1f7d2-5b9e-4e0a-8f6d-2b7c9e1a4d30"),
    );
    response
}
