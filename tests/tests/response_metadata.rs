//! Every response the generated parsers read says where it came from: the
//! request id (for AWS support) and the HTTP status are on every output,
//! every modeled error, every operation error and every malformed
//! response; and a modeled error keeps the service's message whichever
//! key the body used for it.

use awsgen::iot::errors::{AttachPolicyError, DescribeJobError};
use awsgen::iot::operations::{AttachPolicy, DescribeJob};
use awsgen::iot::types::{DescribeJobResponse, ThrottlingException};
use awsgen::iot_jobs_data::errors::DescribeJobExecutionError;
use awsgen::iot_jobs_data::operations::DescribeJobExecution;
use awsgen_runtime::{HasResponseMetadata, Operation, ResponseError, ResponseMetadata};
use http::{HeaderMap, HeaderValue, StatusCode};

fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.append(*name, HeaderValue::from_static(value));
    }
    map
}

fn describe_job_error(
    status: u16,
    pairs: &[(&'static str, &'static str)],
    body: &str,
) -> DescribeJobError {
    let status = StatusCode::from_u16(status).expect("a valid status");
    match DescribeJob::parse_response(status, &headers(pairs), body.as_bytes()) {
        Err(ResponseError::Service(error)) => error,
        other => panic!("expected a service error, got {other:?}"),
    }
}

fn throttling(error: DescribeJobError) -> ThrottlingException {
    match error {
        DescribeJobError::ThrottlingException(error) => error,
        other => panic!("expected ThrottlingException, got {other:?}"),
    }
}

/// The four ways AWS services name an error, each with the message under
/// each key botocore reads (`message`, `Message`, `errorMessage`).
#[test]
fn modeled_errors_keep_the_message_under_every_key_and_code_form() {
    let code_forms: [(&[(&'static str, &'static str)], &str); 4] = [
        (
            &[(
                "x-amzn-errortype",
                "ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.service/",
            )],
            "",
        ),
        (
            &[],
            r#""__type": "com.amazonaws.iot#ThrottlingException:http://internal.amazon.com/","#,
        ),
        (&[], r#""__type": "ThrottlingException","#),
        (&[], r#""code": "ThrottlingException","#),
    ];
    for (pairs, code) in code_forms {
        for key in ["message", "Message", "errorMessage"] {
            let body = format!(r#"{{{code} "{key}": "Rate exceeded"}}"#);
            let error = throttling(describe_job_error(400, pairs, &body));
            assert_eq!(
                error.message.as_deref(),
                Some("Rate exceeded"),
                "{pairs:?} {body}"
            );
            assert_eq!(error.to_string(), "ThrottlingException: Rate exceeded");
        }
    }
}

#[test]
fn the_member_s_own_key_wins_over_the_others() {
    let body = r#"{"code": "ThrottlingException", "Message": "generic", "message": "own"}"#;
    let error = throttling(describe_job_error(429, &[], body));
    assert_eq!(error.message.as_deref(), Some("own"));
}

#[test]
fn modeled_errors_carry_status_and_request_id() {
    let error = describe_job_error(
        429,
        &[("x-amzn-requestid", "req-7")],
        r#"{"code": "ThrottlingException", "Message": "Rate exceeded"}"#,
    );
    assert_eq!(error.request_id(), Some("req-7"));
    assert_eq!(error.http_status(), Some(429));
    let error = throttling(error);
    assert_eq!(
        error.response_metadata,
        ResponseMetadata {
            status: Some(429),
            request_id: Some("req-7".into()),
        }
    );
    assert_eq!(error.request_id(), Some("req-7"));
}

#[test]
fn every_error_form_gives_its_request_id() {
    let unhandled = describe_job_error(
        500,
        &[("x-amz-request-id", "req-8")],
        r#"{"code": "SomethingNew"}"#,
    );
    assert!(matches!(unhandled, DescribeJobError::Unhandled(_)));
    assert_eq!(unhandled.request_id(), Some("req-8"));
    assert_eq!(unhandled.http_status(), Some(500));
    assert_eq!(unhandled.as_service_error().request_id(), Some("req-8"));

    let jobs_data = DescribeJobExecution::parse_response(
        StatusCode::NOT_FOUND,
        &headers(&[("x-amzn-requestid", "req-9")]),
        br#"{"__type": "ResourceNotFoundException", "errorMessage": "no such job"}"#,
    )
    .unwrap_err();
    assert_eq!(jobs_data.request_id(), Some("req-9"));
    match jobs_data {
        ResponseError::Service(DescribeJobExecutionError::ResourceNotFoundException(e)) => {
            assert_eq!(e.message.as_deref(), Some("no such job"));
            assert_eq!(e.http_status(), Some(404));
        }
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }

    let malformed = DescribeJob::parse_response(
        StatusCode::OK,
        &headers(&[("x-amzn-requestid", "req-10")]),
        b"{\"job\": ",
    )
    .unwrap_err();
    assert!(matches!(malformed, ResponseError::Malformed(_)));
    assert_eq!(malformed.request_id(), Some("req-10"));
    assert_eq!(malformed.http_status(), Some(200));
}

#[test]
fn outputs_carry_status_and_request_id() {
    let output = DescribeJob::parse_response(
        StatusCode::OK,
        &headers(&[("x-amzn-requestid", "req-1")]),
        br#"{"job": {"jobId": "j"}}"#,
    )
    .expect("a valid response");
    assert_eq!(output.request_id(), Some("req-1"));
    assert_eq!(output.http_status(), Some(200));
    assert_eq!(output.response_metadata.request_id(), Some("req-1"));
    // Built by hand, as in a user's test: no metadata, and equal to a
    // parsed value once the metadata is the same.
    let by_hand = DescribeJobResponse {
        job: output.job.clone(),
        ..Default::default()
    };
    assert_eq!(by_hand.request_id(), None);
    assert_ne!(by_hand, output);
    assert_eq!(
        DescribeJobResponse {
            response_metadata: output.response_metadata.clone(),
            ..by_hand
        },
        output
    );
}

/// An operation without output answers with its metadata alone.
#[test]
fn operations_without_output_give_their_metadata() {
    let metadata: ResponseMetadata = AttachPolicy::parse_response(
        StatusCode::OK,
        &headers(&[("x-amzn-requestid", "req-2")]),
        b"",
    )
    .expect("a valid response");
    assert_eq!(metadata.request_id(), Some("req-2"));
    assert_eq!(metadata.status(), Some(200));
    let error: ResponseError<AttachPolicyError> = AttachPolicy::parse_response(
        StatusCode::FORBIDDEN,
        &headers(&[("x-amzn-requestid", "req-3")]),
        b"",
    )
    .unwrap_err();
    assert_eq!(error.request_id(), Some("req-3"));
    assert_eq!(error.http_status(), Some(403));
}
