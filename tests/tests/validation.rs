//! Validation before sending (`Operation::validate`, `CallError::Validation`)
//! on real iot and iot-jobs-data inputs, through the client drivers over a
//! replay transport: an invalid input sends nothing, every problem is
//! reported with its path, and `ClientConfig::validate = false` sends it.

use std::collections::HashMap;

use awsgen::iot::operations::{CreateJob, DescribeJob};
use awsgen::iot::types::{
    AbortAction, AbortConfig, AbortCriteria, CreateJobRequest, DescribeJobRequest,
    JobExecutionFailureType, JobExecutionsRolloutConfig, Tag,
};
use awsgen::iot_jobs_data::operations::StartCommandExecution;
use awsgen::iot_jobs_data::types::{CommandParameterValue, StartCommandExecutionRequest};
use awsgen_e2e_support::fakes::FixedClock;
use awsgen_runtime::client::{send_blocking, CallError, ClientConfig, ReplayClient};
use awsgen_runtime::validate::ProblemKind;
use awsgen_runtime::{Operation, ValidationError};

fn config() -> ClientConfig {
    ClientConfig::new("https://iot.us-east-1.amazonaws.com".parse().unwrap())
}

fn ok(body: &str) -> Result<http::Response<Vec<u8>>, awsgen_runtime::client::TransportError> {
    Ok(http::Response::builder()
        .status(200)
        .body(body.as_bytes().to_vec())
        .unwrap())
}

fn valid_job() -> CreateJobRequest {
    CreateJobRequest {
        job_id: "job-1".into(),
        targets: vec!["arn:aws:iot:us-east-1:123456789012:thing/t".into()],
        ..Default::default()
    }
}

fn problems(error: &ValidationError) -> Vec<(String, ProblemKind)> {
    error
        .problems()
        .iter()
        .map(|p| (p.path.clone(), p.kind.clone()))
        .collect()
}

fn invalid(result: Result<(), ValidationError>) -> ValidationError {
    match result {
        Err(error) => error,
        Ok(()) => panic!("the input was accepted"),
    }
}

#[test]
fn a_valid_input_passes() {
    assert_eq!(CreateJob::validate(&valid_job()), Ok(()));
    let replay = ReplayClient::new([ok(r#"{"jobId":"job-1"}"#)]);
    let output = send_blocking::<CreateJob>(
        &config(),
        valid_job(),
        |r| replay.respond(r),
        |_| {},
        &FixedClock::EPOCH,
    );
    match output {
        Ok(output) => assert_eq!(output.job_id.as_deref(), Some("job-1")),
        Err(error) => panic!("{error}"),
    }
    assert_eq!(replay.take_requests().len(), 1);
}

#[test]
fn an_empty_required_string_is_too_short() {
    // Required members are plain values: a forgotten one is empty, and its
    // `min` catches it, as in botocore.
    let error = invalid(DescribeJob::validate(&DescribeJobRequest::default()));
    assert_eq!(
        problems(&error),
        [(
            "jobId".to_owned(),
            ProblemKind::TooShort { length: 0, min: 1 }
        )]
    );
    assert_eq!(
        error.to_string(),
        "Parameter validation failed:\nInvalid length for parameter jobId, value: 0, valid min length: 1"
    );
}

#[test]
fn every_problem_is_reported_at_once_with_nested_paths() {
    let input = CreateJobRequest {
        job_id: String::new(),
        targets: vec![],
        job_executions_rollout_config: Some(JobExecutionsRolloutConfig {
            maximum_per_minute: Some(0),
            ..Default::default()
        }),
        abort_config: Some(AbortConfig {
            criteria_list: vec![AbortCriteria {
                failure_type: JobExecutionFailureType::Failed,
                action: AbortAction::Cancel,
                threshold_percentage: 10.0,
                min_number_of_executed_things: 0,
            }],
        }),
        tags: Some(vec![Tag {
            key: String::new(),
            value: Some("v".into()),
        }]),
        ..Default::default()
    };
    let error = invalid(CreateJob::validate(&input));
    let paths: Vec<String> = problems(&error).into_iter().map(|(path, _)| path).collect();
    assert_eq!(
        paths,
        [
            "jobId",
            "targets",
            "jobExecutionsRolloutConfig.maximumPerMinute",
            "abortConfig.criteriaList[0].minNumberOfExecutedThings",
            "tags[0].Key",
        ]
    );
    assert_eq!(
        error.problems()[2].to_string(),
        "Invalid value for parameter jobExecutionsRolloutConfig.maximumPerMinute, value: 0, valid min value: 1"
    );
}

#[test]
fn map_values_and_keys_are_named() {
    let input = StartCommandExecutionRequest {
        target_arn: "arn:aws:iot:us-east-1:123456789012:thing/t".into(),
        command_arn: "arn:aws:iot:us-east-1:123456789012:command/c".into(),
        parameters: Some(HashMap::from([(
            "x".to_owned(),
            CommandParameterValue {
                s: Some(String::new()),
                ..Default::default()
            },
        )])),
        ..Default::default()
    };
    let error = invalid(StartCommandExecution::validate(&input));
    let paths: Vec<String> = problems(&error).into_iter().map(|(path, _)| path).collect();
    assert_eq!(paths, [r#"parameters["x"].S"#]);
}

#[test]
fn max_is_not_checked_as_in_botocore() {
    // `jobId` has `max` 64 and `targets` no `max`; botocore checks only
    // `min`, leaving limits the service may raise to the service.
    let input = CreateJobRequest {
        job_id: "j".repeat(65),
        targets: vec!["t".into(); 500],
        ..Default::default()
    };
    assert_eq!(CreateJob::validate(&input), Ok(()));
}

#[test]
fn an_invalid_input_sends_nothing() {
    let replay = ReplayClient::new([ok("{}")]);
    let result = send_blocking::<DescribeJob>(
        &config(),
        DescribeJobRequest::default(),
        |r| replay.respond(r),
        |_| {},
        &FixedClock::EPOCH,
    );
    match result {
        Err(CallError::Validation(error)) => assert_eq!(error.problems().len(), 1),
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert!(replay.take_requests().is_empty());
}

#[test]
fn validation_off_sends_the_request() {
    let mut config = config();
    config.validate = false;
    let replay = ReplayClient::new([ok(r#"{"jobId":"j"}"#)]);
    let input = CreateJobRequest {
        job_id: "j".into(),
        targets: vec![],
        ..Default::default()
    };
    let result = send_blocking::<CreateJob>(
        &config,
        input,
        |r| replay.respond(r),
        |_| {},
        &FixedClock::EPOCH,
    );
    assert!(result.is_ok(), "{result:?}");
    let requests = replay.take_requests();
    assert_eq!(requests.len(), 1);
    let body: serde_json::Value = serde_json::from_slice(requests[0].body()).unwrap();
    assert_eq!(body["targets"], serde_json::json!([]));
}
