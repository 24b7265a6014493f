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
    use awsgen_runtime::request::HostPrefix;
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
                ..Default::default()
            }
        );
        let output =
            EchoHeaders::parse_response(StatusCode::NO_CONTENT, &http::HeaderMap::new(), b"")
                .unwrap();
        assert_eq!(output.code, Some(204));
    }
}
