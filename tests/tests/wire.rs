//! The generated request serializers and response parsers, used the way a
//! user with their own HTTP stack would: input → `http::Request`,
//! `http::Response` → output or typed error.

use awsgen::iot::errors::{DescribeJobError, ListThingsError};
use awsgen::iot::operations::{CreateJob, DeleteThing, DescribeJob, ListThings};
use awsgen::iot::types::{
    CreateJobRequest, DeleteThingRequest, DescribeJobRequest, JobExecutionsRolloutConfig,
    JobStatus, ListThingsRequest, Tag,
};
use awsgen::iot_jobs_data::operations::StartCommandExecution;
use awsgen::iot_jobs_data::types::{CommandParameterValue, StartCommandExecutionRequest};
use awsgen_runtime::{Operation, ResponseError};
use http::{HeaderMap, HeaderValue, StatusCode};

fn json(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes).expect("the body is JSON")
}

#[test]
fn create_job_puts_the_label_in_the_path_and_the_rest_in_the_body() {
    let input = CreateJobRequest {
        job_id: "firmware 42/a".into(),
        targets: vec!["arn:aws:iot:eu-west-1:123456789012:thinggroup/sensors".into()],
        job_executions_rollout_config: Some(JobExecutionsRolloutConfig {
            maximum_per_minute: Some(10),
            ..Default::default()
        }),
        tags: Some(vec![Tag {
            key: "team".into(),
            value: Some("edge".into()),
        }]),
        ..Default::default()
    };
    let request = CreateJob::build_request(&input).expect("a valid input");
    assert_eq!(request.method(), "PUT");
    assert_eq!(request.uri(), "/jobs/firmware%2042%2Fa");
    assert_eq!(request.headers()["content-type"], "application/json");
    assert_eq!(
        json(request.body()),
        serde_json::json!({
            "targets": ["arn:aws:iot:eu-west-1:123456789012:thinggroup/sensors"],
            "jobExecutionsRolloutConfig": {"maximumPerMinute": 10},
            "tags": [{"Key": "team", "Value": "edge"}],
        })
    );
}

#[test]
fn a_label_cannot_escape_its_segment() {
    let input = DeleteThingRequest {
        thing_name: "..".into(),
        ..Default::default()
    };
    let error = DeleteThing::build_request(&input).unwrap_err();
    assert_eq!(error.member(), "thingName");
}

#[test]
fn query_members_and_get_without_body() {
    let input = ListThingsRequest {
        max_results: Some(25),
        attribute_name: Some("color".into()),
        ..Default::default()
    };
    let request = ListThings::build_request(&input).unwrap();
    assert_eq!(request.method(), "GET");
    assert_eq!(request.uri(), "/things?maxResults=25&attributeName=color");
    assert!(request.body().is_empty());
    assert!(request.headers().get("content-type").is_none());
    let _ = DescribeJobRequest::default();
}

#[test]
fn describe_job_parses_nested_members_and_ignores_unknown_ones() {
    let body = br#"{
        "job": {"jobId": "j1", "status": "IN_PROGRESS", "createdAt": 1576540098.52,
                "jobProcessDetails": {"numberOfSucceededThings": 3}, "futureField": [1, {"x": null}]},
        "documentSource": "s3://bucket/doc.json"
    }"#;
    let output =
        DescribeJob::parse_response(StatusCode::OK, &HeaderMap::new(), body).expect("valid");
    let job = output.job.expect("job is set");
    assert_eq!(job.job_id.as_deref(), Some("j1"));
    assert_eq!(job.status, Some(JobStatus::InProgress));
    assert_eq!(
        job.created_at.map(|t| t.to_string()),
        Some("2019-12-16T23:48:18.52Z".to_owned())
    );
    assert_eq!(
        job.job_process_details
            .and_then(|d| d.number_of_succeeded_things),
        Some(3)
    );
    assert_eq!(
        output.document_source.as_deref(),
        Some("s3://bucket/doc.json")
    );
}

#[test]
fn error_responses_become_typed_errors() {
    let mut headers = HeaderMap::new();
    headers.insert("x-amzn-requestid", HeaderValue::from_static("req-1"));
    let body =
        br#"{"__type": "com.amazonaws.iot#ResourceNotFoundException", "message": "no job j9"}"#;
    match DescribeJob::parse_response(StatusCode::NOT_FOUND, &headers, body) {
        Err(ResponseError::Service(DescribeJobError::ResourceNotFoundException(e))) => {
            assert_eq!(e.message.as_deref(), Some("no job j9"));
        }
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }
    headers.insert(
        "x-amzn-errortype",
        HeaderValue::from_static("SomethingNew:http://internal/"),
    );
    match ListThings::parse_response(StatusCode::BAD_REQUEST, &headers, b"<html>busy</html>") {
        Err(ResponseError::Service(ListThingsError::Unhandled(e))) => {
            assert_eq!(e.code.as_deref(), Some("SomethingNew"));
            assert_eq!(e.status, 400);
            assert_eq!(e.request_id.as_deref(), Some("req-1"));
        }
        other => panic!("expected Unhandled, got {other:?}"),
    }
}

/// An error body that is not JSON is the message (a proxy's text, an HTML
/// page); an empty one gives the reason phrase.
#[test]
fn an_error_body_that_is_not_json_keeps_its_text() {
    let mut headers = HeaderMap::new();
    headers.insert("x-amzn-requestid", HeaderValue::from_static("req-2"));
    let unhandled =
        |status: StatusCode, body: &[u8]| match DescribeJob::parse_response(status, &headers, body)
        {
            Err(ResponseError::Service(DescribeJobError::Unhandled(e))) => e,
            other => panic!("expected Unhandled, got {other:?}"),
        };
    let e = unhandled(StatusCode::BAD_REQUEST, b"Bad request, plain text");
    assert_eq!(e.message.as_deref(), Some("Bad request, plain text"));
    assert_eq!((e.code.as_deref(), e.status), (None, 400));
    assert_eq!(e.request_id.as_deref(), Some("req-2"));
    let page = format!("<html><body>{}</body></html>", "ç".repeat(2000));
    let e = unhandled(StatusCode::BAD_GATEWAY, page.as_bytes());
    let message = e.message.unwrap();
    assert!(message.starts_with("<html><body>çç"), "{message}");
    assert!(message.ends_with(&format!("… [cut: {} bytes in all]", page.len())));
    assert!(message.len() < 1100, "{}", message.len());
    let e = unhandled(StatusCode::SERVICE_UNAVAILABLE, b"");
    assert_eq!(e.message.as_deref(), Some("Service Unavailable"));
    // The message of a JSON body, `message` before `Message`.
    let e = unhandled(
        StatusCode::BAD_REQUEST,
        br#"{"Message": "second", "message": "first"}"#,
    );
    assert_eq!(e.message.as_deref(), Some("first"));
}

/// Header text is UTF-8 both ways: a request sends a member's UTF-8 bytes,
/// and a response reads them back as the same text; bytes that are not
/// UTF-8 read as ISO-8859-1, so no header makes a response unreadable.
#[test]
fn header_text_is_utf8_in_requests_and_responses() {
    use awsgen_fixtures::kitchensink::operations::{GetObject, PutObject};
    use awsgen_fixtures::kitchensink::types::GetObjectRequest;

    let text = "bytes=café-ünï";
    let input = GetObjectRequest {
        bucket: "b".into(),
        key: "k".into(),
        range: Some(text.into()),
        ..Default::default()
    };
    let request = GetObject::build_request(&input).expect("a valid input");
    assert_eq!(request.headers()["range"].as_bytes(), text.as_bytes());
    let mut headers = HeaderMap::new();
    headers.insert("etag", request.headers()["range"].clone());
    let output = PutObject::parse_response(StatusCode::OK, &headers, b"").expect("readable");
    assert_eq!(output.e_tag.as_deref(), Some(text));

    // Not UTF-8: one character per byte, and the body output is kept.
    let mut headers = HeaderMap::new();
    let latin1 = HeaderValue::from_bytes(b"caf\xe9").unwrap();
    headers.insert("x-amz-meta-latin", latin1.clone());
    headers.insert("x-amz-meta-utf8", HeaderValue::from_str("zoë").unwrap());
    headers.insert("etag", latin1);
    let output = GetObject::parse_response(StatusCode::OK, &headers, b"the payload")
        .expect("a non-UTF-8 header does not make the response malformed");
    assert_eq!(output.body.unwrap().as_bytes(), b"the payload");
    let metadata = output.metadata.unwrap();
    assert_eq!(metadata["latin"], "café");
    assert_eq!(metadata["utf8"], "zoë");
    let output = PutObject::parse_response(StatusCode::OK, &headers, b"").unwrap();
    assert_eq!(output.e_tag.as_deref(), Some("café"));
}

#[test]
fn garbage_is_a_typed_error_that_says_where() {
    let error = DescribeJob::parse_response(
        StatusCode::OK,
        &HeaderMap::new(),
        br#"{"job": {"createdAt": "yesterday"}}"#,
    )
    .unwrap_err();
    let ResponseError::Malformed(malformed) = error else {
        panic!("expected a malformed response");
    };
    assert_eq!(malformed.status, 200);
    assert_eq!(malformed.error.location(), "body");
    assert!(malformed.to_string().contains("byte"), "{malformed}");
    for garbage in [
        &b"{\"job\": "[..],
        b"[1,2]",
        b"{\"job\": {\"jobId\": 5}}",
        b"\xff\xfe",
    ] {
        assert!(DescribeJob::parse_response(StatusCode::OK, &HeaderMap::new(), garbage).is_err());
    }
    // An empty body on a structure output is valid.
    let empty = DescribeJob::parse_response(StatusCode::OK, &HeaderMap::new(), b"").unwrap();
    assert!(empty.job.is_none());
}

#[test]
fn start_command_execution_sends_a_map_of_parameter_values() {
    let input = StartCommandExecutionRequest {
        target_arn: "arn:aws:iot:eu-west-1:123456789012:thing/t1".into(),
        command_arn: "arn:aws:iot:eu-west-1:123456789012:command/reboot".into(),
        parameters: Some(
            [(
                "delay".to_owned(),
                CommandParameterValue {
                    i: Some(5),
                    ..Default::default()
                },
            )]
            .into_iter()
            .collect(),
        ),
        ..Default::default()
    };
    let request = StartCommandExecution::build_request(&input).unwrap();
    assert_eq!(request.method(), "POST");
    assert_eq!(request.uri(), "/command-executions");
    let body = json(request.body());
    assert_eq!(body["parameters"], serde_json::json!({"delay": {"I": 5}}));
    // The idempotency token is filled in when unset.
    let token = body["clientToken"].as_str().expect("a client token");
    assert_eq!(token.len(), 36);
}

/// A union has exactly one member set: two (known or not) are a malformed
/// response naming the union; a `null` member does not count (Smithy), nor
/// does `__type`; the same member twice is a duplicate key, the last wins.
#[test]
fn a_union_with_two_members_set_is_malformed() {
    use awsgen_fixtures::recursion::operations::Evaluate;
    use awsgen_fixtures::recursion::types::{Expression, WideNodeChoice};

    let parse =
        |body: &str| Evaluate::parse_response(StatusCode::OK, &HeaderMap::new(), body.as_bytes());
    let malformed = |body: &str| match parse(body) {
        Err(ResponseError::Malformed(m)) => m.error.message().to_owned(),
        other => panic!("{body}: expected a malformed response, got {other:?}"),
    };
    for (body, members) in [
        (
            r#"{"Result": {"Literal": "a", "Group": {"Literal": "b"}}}"#,
            "`Literal` and `Group`",
        ),
        (
            r#"{"Result": {"Group": {"Literal": "b"}, "Literal": "a"}}"#,
            "`Group` and `Literal`",
        ),
        (
            r#"{"Result": {"Literal": "a", "Future": 1}}"#,
            "`Literal` and `Future`",
        ),
        (
            r#"{"Result": {"Future": 1, "Literal": "a"}}"#,
            "`Future` and `Literal`",
        ),
        (
            r#"{"Result": {"Literal": "a", "Literal": "b", "And": []}}"#,
            "`Literal` and `And`",
        ),
    ] {
        let message = malformed(body);
        assert!(
            message.ends_with(&format!(
                "union `Expression` has more than one member set: {members}"
            )),
            "{body}: {message}"
        );
    }
    let message = malformed(r#"{"Wide": {"Choice": {"Node": {}, "Text": "t"}}}"#);
    assert!(message.contains("union `WideNodeChoice`"), "{message}");
    // Nested: the inner union is checked too.
    let message = malformed(r#"{"Result": {"Group": {"Literal": "a", "And": []}}}"#);
    assert!(message.contains("`Literal` and `And`"), "{message}");

    let result = |body: &str| parse(body).expect(body).result;
    assert_eq!(
        result(r#"{"Result": {"Literal": null, "Group": {"Literal": "b"}}}"#),
        Some(Expression::Group(Box::new(Expression::Literal("b".into()))))
    );
    assert_eq!(
        result(r#"{"Result": {"Literal": "a", "Group": null, "And": null}}"#),
        Some(Expression::Literal("a".into()))
    );
    assert_eq!(
        result(r#"{"Result": {"__type": "ns#Expression", "Literal": "a"}}"#),
        Some(Expression::Literal("a".into()))
    );
    assert_eq!(
        result(r#"{"Result": {"Literal": "a", "Literal": "b"}}"#),
        Some(Expression::Literal("b".into()))
    );
    for none in [
        r#"{"Result": {}}"#,
        r#"{"Result": {"Literal": null}}"#,
        r#"{"Result": {"__type": "x"}}"#,
    ] {
        let message = malformed(none);
        assert!(
            message.ends_with("union `Expression` has no member set"),
            "{none}: {message}"
        );
    }
    let wide = parse(r#"{"Wide": {"Choice": {"Node": null, "Text": "t"}}}"#)
        .unwrap()
        .wide;
    assert_eq!(
        wide.and_then(|w| w.choice).map(|c| *c),
        Some(WideNodeChoice::Text("t".into()))
    );
}
