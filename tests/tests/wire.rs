//! The generated request serializers and response parsers, used the way a
//! user with their own HTTP stack would: input → `http::Request`,
//! `http::Response` → output or typed error.

use awsgen::iot::errors::{DescribeJobError, ListThingsError, UpdateThingError};
use awsgen::iot::operations::{CreateJob, DeleteThing, DescribeJob, ListThings, UpdateThing};
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

/// The service's error-code table serves every operation, but each takes
/// only the errors it lists: a code modeled for the service and not listed
/// for the operation is `Unhandled`, its body not read (a body that is not
/// that error's JSON is no malformed response then), while a listed error
/// with a bad body is malformed.
#[test]
fn a_modeled_error_the_operation_does_not_list_is_unhandled() {
    let mut headers = HeaderMap::new();
    headers.insert(
        "x-amzn-errortype",
        HeaderValue::from_static("VersionConflictException"),
    );
    let body = br#"{"message": 7}"#;
    match ListThings::parse_response(StatusCode::CONFLICT, &headers, body) {
        Err(ResponseError::Service(ListThingsError::Unhandled(e))) => {
            assert_eq!(e.code.as_deref(), Some("VersionConflictException"));
            assert_eq!(e.status, 409);
        }
        other => panic!("expected Unhandled, got {other:?}"),
    }
    match UpdateThing::parse_response(StatusCode::CONFLICT, &headers, br#"{"message": "v2"}"#) {
        Err(ResponseError::Service(UpdateThingError::VersionConflictException(e))) => {
            assert_eq!(e.message.as_deref(), Some("v2"));
        }
        other => panic!("expected VersionConflictException, got {other:?}"),
    }
    assert!(matches!(
        UpdateThing::parse_response(StatusCode::CONFLICT, &headers, body),
        Err(ResponseError::Malformed(_))
    ));
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

// ------------------------------------------------------- idempotency tokens

/// Whether `token` is a UUID v4 in its lower-case text form.
fn is_uuid_v4(token: &str) -> bool {
    let groups: Vec<&str> = token.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && token
            .bytes()
            .all(|b| b == b'-' || matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        && groups[2].starts_with('4')
        && groups[3].starts_with(['8', '9', 'a', 'b'])
}

/// The `clientRequestToken` of the JSON body `O` builds from `input`.
fn body_token<O: Operation>(input: &O::Input) -> String {
    let request = O::build_request(input).expect("a valid input");
    let body = json(request.body());
    match body["clientRequestToken"].as_str() {
        Some(token) => token.to_owned(),
        None => panic!("{}: no clientRequestToken in {body}", O::NAME),
    }
}

/// The rules for an operation whose input has a token, read back by
/// `token` from each request: unset, a fresh UUID per request built;
/// filled once, the same token in every request; set, sent as is.
fn check_token_rules<O: Operation>(
    input: O::Input,
    set: impl Fn(&mut O::Input, Option<String>),
    get: impl Fn(&O::Input) -> Option<String>,
    token: impl Fn(&O::Input) -> String,
) where
    O::Input: Clone,
{
    assert_eq!(get(&input), None, "{}: the token starts unset", O::NAME);
    let first = token(&input);
    let second = token(&input);
    assert!(is_uuid_v4(&first), "{}: {first:?}", O::NAME);
    assert!(is_uuid_v4(&second), "{}: {second:?}", O::NAME);
    assert_ne!(first, second, "{}: a fresh token per request", O::NAME);

    let mut filled = input.clone();
    O::fill_idempotency_tokens(&mut filled);
    let chosen = get(&filled).expect("filled");
    assert!(is_uuid_v4(&chosen), "{}: {chosen:?}", O::NAME);
    assert_eq!(token(&filled), chosen, "{}: first attempt", O::NAME);
    assert_eq!(token(&filled), chosen, "{}: a retry", O::NAME);
    // Filling again keeps the token.
    O::fill_idempotency_tokens(&mut filled);
    assert_eq!(get(&filled).as_deref(), Some(chosen.as_str()));

    let mut own = input;
    set(&mut own, Some("my-token-1".to_owned()));
    O::fill_idempotency_tokens(&mut own);
    assert_eq!(
        token(&own),
        "my-token-1",
        "{}: a set token is sent as is",
        O::NAME
    );
}

#[test]
fn required_idempotency_tokens_of_iot_are_generated_once_per_call() {
    use awsgen::iot::operations::{
        CreateAuditSuppression, CreateCustomMetric, CreateDimension,
        StartAuditMitigationActionsTask, StartDetectMitigationActionsTask,
    };
    use awsgen::iot::types::{
        CreateAuditSuppressionRequest, CreateCustomMetricRequest, CreateDimensionRequest,
        StartAuditMitigationActionsTaskRequest, StartDetectMitigationActionsTaskRequest,
    };
    // Each input as a user would write it: required members set, the
    // token (required by the model) left to `..Default::default()`.
    check_token_rules::<CreateAuditSuppression>(
        CreateAuditSuppressionRequest {
            check_name: "LOGGING_DISABLED_CHECK".into(),
            ..Default::default()
        },
        |input, token| input.client_request_token = token,
        |input| input.client_request_token.clone(),
        body_token::<CreateAuditSuppression>,
    );
    check_token_rules::<CreateCustomMetric>(
        CreateCustomMetricRequest {
            metric_name: "open-ports".into(),
            ..Default::default()
        },
        |input, token| input.client_request_token = token,
        |input| input.client_request_token.clone(),
        body_token::<CreateCustomMetric>,
    );
    check_token_rules::<CreateDimension>(
        CreateDimensionRequest {
            name: "topics".into(),
            string_values: vec!["a/#".into()],
            ..Default::default()
        },
        |input, token| input.client_request_token = token,
        |input| input.client_request_token.clone(),
        body_token::<CreateDimension>,
    );
    check_token_rules::<StartAuditMitigationActionsTask>(
        StartAuditMitigationActionsTaskRequest {
            task_id: "task-1".into(),
            ..Default::default()
        },
        |input, token| input.client_request_token = token,
        |input| input.client_request_token.clone(),
        body_token::<StartAuditMitigationActionsTask>,
    );
    check_token_rules::<StartDetectMitigationActionsTask>(
        StartDetectMitigationActionsTaskRequest {
            task_id: "task-2".into(),
            ..Default::default()
        },
        |input, token| input.client_request_token = token,
        |input| input.client_request_token.clone(),
        body_token::<StartDetectMitigationActionsTask>,
    );
}

#[test]
fn idempotency_tokens_in_the_query_string_and_headers() {
    use awsgen::iot::operations::CreatePackage;
    use awsgen::iot::types::CreatePackageRequest;
    use awsgen_fixtures::requestedges::operations::{DeleteWidget, UpdateWidget};
    use awsgen_fixtures::requestedges::types::{DeleteWidgetRequest, UpdateWidgetRequest};

    fn query_token<O: Operation>(input: &O::Input) -> String {
        let request = O::build_request(input).expect("a valid input");
        let query = request.uri().query().unwrap_or_default().to_owned();
        let token = query
            .split('&')
            .find_map(|pair| pair.strip_prefix("clientToken="));
        match token {
            Some(token) => token.to_owned(),
            None => panic!("{}: no clientToken in {query:?}", O::NAME),
        }
    }
    check_token_rules::<CreatePackage>(
        CreatePackageRequest {
            package_name: "pump-firmware".into(),
            ..Default::default()
        },
        |input, token| input.client_token = token,
        |input| input.client_token.clone(),
        query_token::<CreatePackage>,
    );
    // Required by the fixture model, in the query string.
    check_token_rules::<UpdateWidget>(
        UpdateWidgetRequest {
            name: "w1".into(),
            ..Default::default()
        },
        |input, token| input.client_token = token,
        |input| input.client_token.clone(),
        query_token::<UpdateWidget>,
    );
    check_token_rules::<DeleteWidget>(
        DeleteWidgetRequest {
            name: "w1".into(),
            ..Default::default()
        },
        |input, token| input.request_token = token,
        |input| input.request_token.clone(),
        |input| {
            let request = DeleteWidget::build_request(input).expect("a valid input");
            let header = &request.headers()["x-amz-request-token"];
            header.to_str().expect("ASCII").to_owned()
        },
    );
}

#[test]
fn idempotency_tokens_count_only_on_top_level_input_members() {
    use awsgen_fixtures::requestedges::operations::{CreateWidget, GetDotted};
    use awsgen_fixtures::requestedges::types::{
        CreateWidgetRequest, CreateWidgetResponse, GetDottedRequest, WidgetSpec,
    };
    // A nested member marked as a token is an ordinary member: typed by
    // `required` (a plain `String`) and sent as given.
    let mut input = CreateWidgetRequest {
        name: "w1".into(),
        spec: Some(WidgetSpec {
            token: "nested".into(),
            ..Default::default()
        }),
        ..Default::default()
    };
    CreateWidget::fill_idempotency_tokens(&mut input);
    assert_eq!(
        input.spec.as_ref().map(|s| s.token.as_str()),
        Some("nested")
    );
    let body = json(CreateWidget::build_request(&input).unwrap().body());
    assert_eq!(body["Spec"]["Token"], "nested");
    assert_eq!(body["ClientToken"], input.client_token.clone().unwrap());
    // So is one in an output.
    let output = CreateWidget::parse_response(
        StatusCode::OK,
        &HeaderMap::new(),
        br#"{"ClientToken": "echo"}"#,
    )
    .unwrap();
    assert_eq!(
        output,
        CreateWidgetResponse {
            client_token: "echo".into(),
            response_metadata: output.response_metadata.clone(),
            ..Default::default()
        }
    );
    // Operations without tokens keep the trait's default: nothing changes.
    let mut plain = GetDottedRequest { key: "a".into() };
    GetDotted::fill_idempotency_tokens(&mut plain);
    assert_eq!(plain.key, "a");
}

// ------------------------------------------ prefix headers, paths and hosts

#[test]
fn prefix_header_keys_that_name_one_header_twice_are_errors() {
    use awsgen_fixtures::requestedges::operations::PutMetadata;
    use awsgen_fixtures::requestedges::types::PutMetadataRequest;
    use std::collections::HashMap;

    let input = |foo: Option<&str>, metadata: &[(&str, &str)]| PutMetadataRequest {
        key: "k".into(),
        foo: foo.map(str::to_owned),
        metadata: Some(
            metadata
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect::<HashMap<_, _>>(),
        ),
    };
    // Keys that differ only in case.
    let error = PutMetadata::build_request(&input(None, &[("Owner", "alice"), ("owner", "bob")]))
        .unwrap_err();
    assert_eq!(error.member(), "Metadata");
    let message = error.to_string();
    assert!(
        message.contains(r#""Owner""#) && message.contains(r#""owner""#),
        "{message}"
    );
    // A header member inside the prefix (`x-amz-meta-foo`) is a model
    // error (validation), so a key can only meet another member's header
    // in the runtime's own tests; here distinct names go together.
    let request = PutMetadata::build_request(&input(None, &[("foo", "map")])).unwrap();
    assert_eq!(request.headers()["x-amz-meta-foo"], "map");
    let request = PutMetadata::build_request(&input(Some("member"), &[("Bar", "map")])).unwrap();
    assert_eq!(request.headers()["x-amz-foo"], "member");
    assert_eq!(request.headers()["x-amz-meta-bar"], "map");
    // Keys that make no header name are errors, not panics.
    for key in ["a b", "a:b", "é", "", "a\r\nx-injected: 1"] {
        let result = PutMetadata::build_request(&input(None, &[(key, "v")]));
        if key.is_empty() {
            // `x-amz-meta-` alone is a valid header name.
            assert!(result.is_ok());
            continue;
        }
        let error = result.unwrap_err();
        assert_eq!(error.member(), "Metadata", "{key:?}");
        assert!(
            error.to_string().contains("not a valid header name"),
            "{error}"
        );
    }
}

#[test]
fn labels_cannot_make_dot_segments_with_the_template_text() {
    use awsgen_fixtures::requestedges::operations::{GetDotted, GetDottedPlain};
    use awsgen_fixtures::requestedges::types::{GetDottedPlainRequest, GetDottedRequest};

    // `/x/.{Key+}`
    let greedy = |key: &str| {
        GetDotted::build_request(&GetDottedRequest { key: key.into() }).map(|r| r.uri().to_string())
    };
    for key in ["/secret", "/", "//a"] {
        let error = greedy(key).unwrap_err();
        assert_eq!(error.member(), "Key", "{key:?}");
        assert!(error.message().contains("path segment `.`"), "{error}");
    }
    assert_eq!(greedy("secret").unwrap(), "/x/.secret");
    assert_eq!(greedy("a/b").unwrap(), "/x/.a/b");
    assert_eq!(greedy(".").unwrap_err().member(), "Key");

    // `/y/.{Key}/{Other}./tail`
    let plain = |key: &str, other: &str| {
        GetDottedPlain::build_request(&GetDottedPlainRequest {
            key: key.into(),
            other: other.into(),
        })
        .map(|r| r.uri().to_string())
    };
    // The only value that makes `..` with the literal `.` is `.`, which a
    // label refuses on its own already; the check of the whole path would
    // refuse it too.
    assert_eq!(plain(".", "a").unwrap_err().member(), "Key");
    assert_eq!(plain("a", ".").unwrap_err().member(), "Other");
    assert_eq!(plain("a", "b").unwrap(), "/y/.a/b./tail");
    assert_eq!(plain("...", ".a").unwrap(), "/y/..../.a./tail");
}

#[test]
fn host_labels_are_checked_in_the_dns_label_they_join() {
    use awsgen_fixtures::requestedges::operations::SendToShard;
    use awsgen_fixtures::requestedges::types::SendToShardRequest;

    // `{Shard}-data.`
    let host = |shard: &str| {
        SendToShard::build_request(&SendToShardRequest {
            shard: shard.into(),
            ..Default::default()
        })
        .map(|r| {
            r.extensions()
                .get::<awsgen_runtime::HostPrefix>()
                .map(|p| p.as_str().to_owned())
        })
    };
    assert_eq!(host("shard-7").unwrap().as_deref(), Some("shard-7-data."));
    let longest = "a".repeat(63 - "-data".len());
    assert!(host(&longest).is_ok());
    for shard in ["-a", &format!("{longest}a"), "a.b", "", "a_b"] {
        let error = host(shard).unwrap_err();
        assert_eq!(error.member(), "Shard", "{shard:?}");
    }
}

/// Members of every kind each HTTP binding allows (the fixture crate's
/// `features` service), written into a request and, where the binding
/// goes both ways, read back from a response that carries the same
/// headers.
mod binding_kinds {
    use std::collections::HashMap;

    use awsgen_fixtures::features::operations::{EchoHeaders, ParkCar, PutCar};
    use awsgen_fixtures::features::types::{
        CarStatus, Color, Finish, HeaderBag, ParkCarInput, ParkCarOutput, PutCarInput,
    };
    use awsgen_runtime::HostPrefix;
    use awsgen_runtime::{BigDecimal, BigInteger, Blob, Operation};
    use http::StatusCode;

    fn header_bag() -> HeaderBag {
        HeaderBag {
            statuses: Some(vec![
                CarStatus::Parked,
                CarStatus::from(7),
                CarStatus::Broken,
            ]),
            count: Some(
                "123456789012345678901234567890"
                    .parse::<BigInteger>()
                    .unwrap(),
            ),
            ratio: Some("-1.25e-300".parse::<BigDecimal>().unwrap()),
            digest: Some(Blob::new(vec![0, 1, 254, 255])),
            paint: Some(HashMap::from([
                (Color::Red, Some(Finish::Matte)),
                (Color::from("teal"), Some(Finish::from("satin"))),
            ])),
            code: None,
            ..Default::default()
        }
    }

    #[test]
    fn header_members_of_every_kind_round_trip() {
        let input = header_bag();
        let request = EchoHeaders::build_request(&input).unwrap();
        let headers = request.headers();
        assert_eq!(headers["x-statuses"], "1, 7, -1");
        assert_eq!(headers["x-count"], "123456789012345678901234567890");
        assert_eq!(headers["x-ratio"], "-1.25e-300");
        assert_eq!(headers["x-digest"], "AAH+/w==");
        assert_eq!(headers["x-paint-red"], "matte");
        assert_eq!(headers["x-paint-teal"], "satin");
        // The status-code member is the response's: a request has none.
        let output =
            EchoHeaders::parse_response(StatusCode::CREATED, headers, request.body()).unwrap();
        assert_eq!(
            output,
            HeaderBag {
                code: Some(201),
                response_metadata: output.response_metadata.clone(),
                ..input
            }
        );
    }

    #[test]
    fn null_prefix_header_values_are_not_sent() {
        let input = HeaderBag {
            paint: Some(HashMap::from([
                (Color::Blue, None),
                (Color::Red, Some(Finish::Gloss)),
            ])),
            ..Default::default()
        };
        let request = EchoHeaders::build_request(&input).unwrap();
        assert!(request.headers().get("x-paint-blue").is_none());
        let output =
            EchoHeaders::parse_response(StatusCode::OK, request.headers(), request.body()).unwrap();
        assert_eq!(
            output.paint,
            Some(HashMap::from([(Color::Red, Some(Finish::Gloss))]))
        );
    }

    #[test]
    fn malformed_blob_and_big_number_headers_say_which_header() {
        for (name, value) in [
            ("x-digest", "not base64!"),
            ("x-count", "12.5"),
            ("x-statuses", "1, two"),
        ] {
            let mut headers = http::HeaderMap::new();
            headers.insert(name, http::HeaderValue::from_static(value));
            let error = EchoHeaders::parse_response(StatusCode::OK, &headers, b"").unwrap_err();
            let awsgen_runtime::ResponseError::Malformed(error) = error else {
                panic!("{name}: a malformed response, not {error:?}");
            };
            assert_eq!(error.error.location(), format!("header `{name}`"));
        }
    }

    #[test]
    fn labels_query_and_host_labels_of_every_kind() {
        let input = ParkCarInput {
            zone: Color::Blue,
            level: CarStatus::Broken,
            spot: "98765432109876543210".parse::<BigInteger>().unwrap(),
            avoid: Some(vec![CarStatus::Driving, CarStatus::from(9)]),
            until: Some("2.50".parse::<BigDecimal>().unwrap()),
            limits: Some(HashMap::from([
                ("hours".to_owned(), Some(3)),
                ("days".to_owned(), None),
            ])),
        };
        let request = ParkCar::build_request(&input).unwrap();
        assert_eq!(
            request.uri(),
            "/levels/-1/spots/98765432109876543210?avoid=2&avoid=9&until=2.50&hours=3"
        );
        assert_eq!(
            request
                .extensions()
                .get::<HostPrefix>()
                .map(HostPrefix::as_str),
            Some("BLUE.")
        );
        let unknown_zone = ParkCarInput {
            zone: Color::from("not a host"),
            ..input
        };
        let error = ParkCar::build_request(&unknown_zone).unwrap_err();
        assert_eq!(error.member(), "zone");
    }

    /// A status-code member means nothing in a request, and labels and
    /// query parameters nothing in a response: such members travel in the
    /// JSON body, as botocore and Smithy have it, rather than nowhere.
    #[test]
    fn bindings_of_the_other_message_leave_members_in_the_body() {
        let input = HeaderBag {
            code: Some(418),
            ..Default::default()
        };
        let request = EchoHeaders::build_request(&input).unwrap();
        assert_eq!(request.body().as_slice(), br#"{"code":418}"#);
        let output =
            EchoHeaders::parse_response(StatusCode::OK, request.headers(), request.body()).unwrap();
        assert_eq!(output.code, Some(200), "a response's code is its status");
        let output = ParkCar::parse_response(
            StatusCode::OK,
            &http::HeaderMap::new(),
            br#"{"level": 2, "spot": 123456789012345678901234567890}"#,
        )
        .unwrap();
        assert_eq!(output.level, Some(CarStatus::Driving));
        assert_eq!(
            output.spot,
            Some("123456789012345678901234567890".parse().unwrap())
        );
    }

    /// `PutCar` has a blob payload, so its other members are headers (a
    /// body member beside a payload is a model error).
    #[test]
    fn members_beside_a_payload_are_sent() {
        let input = PutCarInput {
            garage_id: "g1".into(),
            car_id: "c1".into(),
            name: "Herbie".into(),
            color: Some(Color::Red),
            seats: Some(4),
            mileage: Some(120_000),
            photo: Some(Blob::new(b"jpeg".to_vec())),
            ..Default::default()
        };
        let request = PutCar::build_request(&input).unwrap();
        let headers = request.headers();
        assert_eq!(headers["x-name"], "Herbie");
        assert_eq!(headers["x-color"], "red");
        assert_eq!(headers["x-seats"], "4");
        assert_eq!(headers["x-mileage"], "120000");
        assert_eq!(request.body().as_slice(), b"jpeg");
    }

    #[test]
    fn status_codes_of_int_enum_and_short_members() {
        let output =
            ParkCar::parse_response(StatusCode::ACCEPTED, &http::HeaderMap::new(), b"").unwrap();
        assert_eq!(
            output,
            ParkCarOutput {
                status: Some(CarStatus::from(202)),
                response_metadata: output.response_metadata.clone(),
                ..Default::default()
            }
        );
        let output =
            EchoHeaders::parse_response(StatusCode::NO_CONTENT, &http::HeaderMap::new(), b"")
                .unwrap();
        assert_eq!(output.code, Some(204));
    }
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
