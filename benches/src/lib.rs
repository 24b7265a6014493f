//! The inputs of the benchmarks in `benches/json.rs` (criterion) and
//! `benches/paired.rs` (paired ratios), shared with the unit tests below, which check that every payload is valid for the generated
//! parser and that the CreateJob body matches its baseline.
//!
//! - [`DESCRIBE_JOB`]: a `DescribeJob` response (1.5 KB): a `job` with
//!   nested configs, a map, fractional epoch timestamps, an escaped string.
//! - [`LIST_THINGS`]: a `ListThings` response with 100 things of 3
//!   attributes each (20 KB).
//! - [`create_job_input`] and [`CREATE_JOB_BODY`]: a `CreateJob` request
//!   with every kind of member (targets, document source, rollout with an
//!   exponential rate, abort, retry, timeout and scheduling configs, tags,
//!   document parameters), and the JSON body it must produce, which is the
//!   serialization baseline.
//!
//! `DESCRIBE_JOB` and `LIST_THINGS` are the payloads of the serialization
//! study (`docs/serialization-design.md`), byte for byte, so its prototype
//! figures and these can be compared.

use std::collections::HashMap;

use awsgen::iot::types::{
    AbortAction, AbortConfig, AbortCriteria, CreateJobRequest, ExponentialRolloutRate,
    JobEndBehavior, JobExecutionFailureType, JobExecutionsRetryConfig, JobExecutionsRolloutConfig,
    MaintenanceWindow, PresignedUrlConfig, RateIncreaseCriteria, RetryCriteria,
    RetryableFailureType, SchedulingConfig, Tag, TargetSelection, TimeoutConfig,
};

/// A `DescribeJob` response body.
pub static DESCRIBE_JOB: &[u8] = include_bytes!("../data/describe_job.json");

/// A `ListThings` response body with 100 things.
pub static LIST_THINGS: &[u8] = include_bytes!("../data/list_things.json");

/// The JSON body [`create_job_input`] must serialize to (compared
/// structurally: key order and whitespace do not matter).
pub static CREATE_JOB_BODY: &[u8] = include_bytes!("../data/create_job.json");

/// A realistic `CreateJob` input: a firmware rollout to two thing groups.
pub fn create_job_input() -> CreateJobRequest {
    let arn = "arn:aws:iot:us-west-2:123456789012:";
    CreateJobRequest {
        job_id: "firmware-update-2024-06-01".into(),
        targets: vec![
            format!("{arn}thinggroup/fleet-eu-west"),
            format!("{arn}thinggroup/fleet-us-east"),
        ],
        document_source: Some("https://s3.amazonaws.com/fw-bucket/job-document.json".into()),
        description: Some("Firmware update 4.2.1 with \"quoted\" text\tand a tab".into()),
        presigned_url_config: Some(PresignedUrlConfig {
            role_arn: Some("arn:aws:iam::123456789012:role/IoTJobsS3Access".into()),
            expires_in_sec: Some(3600),
        }),
        target_selection: Some(TargetSelection::Snapshot),
        job_executions_rollout_config: Some(JobExecutionsRolloutConfig {
            maximum_per_minute: Some(100),
            exponential_rate: Some(ExponentialRolloutRate {
                base_rate_per_minute: 10,
                increment_factor: 1.5,
                rate_increase_criteria: RateIncreaseCriteria {
                    number_of_notified_things: Some(50),
                    ..Default::default()
                },
            }),
        }),
        abort_config: Some(AbortConfig {
            criteria_list: vec![
                AbortCriteria {
                    failure_type: JobExecutionFailureType::Failed,
                    action: AbortAction::Cancel,
                    threshold_percentage: 10.5,
                    min_number_of_executed_things: 20,
                },
                AbortCriteria {
                    failure_type: JobExecutionFailureType::TimedOut,
                    action: AbortAction::Cancel,
                    threshold_percentage: 25.0,
                    min_number_of_executed_things: 100,
                },
            ],
        }),
        timeout_config: Some(TimeoutConfig {
            in_progress_timeout_in_minutes: Some(120),
        }),
        tags: Some(vec![
            Tag {
                key: "team".into(),
                value: Some("firmware".into()),
            },
            Tag {
                key: "release".into(),
                value: Some("4.2.1".into()),
            },
        ]),
        job_executions_retry_config: Some(JobExecutionsRetryConfig {
            criteria_list: vec![
                RetryCriteria {
                    failure_type: RetryableFailureType::TimedOut,
                    number_of_retries: 2,
                },
                RetryCriteria {
                    failure_type: RetryableFailureType::Failed,
                    number_of_retries: 1,
                },
            ],
        }),
        document_parameters: Some(HashMap::from([
            ("firmwareVersion".to_owned(), "4.2.1".to_owned()),
            ("bucket".to_owned(), "fw-bucket".to_owned()),
        ])),
        scheduling_config: Some(SchedulingConfig {
            start_time: Some("2024-06-01T08:00".into()),
            end_time: Some("2024-06-08T08:00".into()),
            end_behavior: Some(JobEndBehavior::StopRollout),
            maintenance_windows: Some(vec![MaintenanceWindow {
                start_time: "cron(0 2 ? * SUN *)".into(),
                duration_in_minutes: 120,
            }]),
        }),
        ..Default::default()
    }
}

/// The serialization baseline: [`CREATE_JOB_BODY`] as a `serde_json::Value`.
///
/// # Panics
///
/// If the file is not JSON (the unit tests check it is).
pub fn create_job_body_value() -> serde_json::Value {
    serde_json::from_slice(CREATE_JOB_BODY).expect("data/create_job.json is JSON")
}

/// Whether this build's `serde_json::Map` keeps insertion order (the
/// `preserve_order` feature, an `IndexMap`) rather than sorting keys (a
/// `BTreeMap`): the benchmark report says which baseline it measured.
pub fn serde_json_preserves_order() -> bool {
    let value: serde_json::Value =
        serde_json::from_str(r#"{"b":0,"a":0}"#).expect("a literal JSON object");
    value
        .as_object()
        .and_then(|map| map.keys().next())
        .is_some_and(|key| key == "b")
}

#[cfg(test)]
mod tests {
    use super::*;
    use awsgen::iot::operations::{CreateJob, DescribeJob, ListThings};
    use awsgen::iot::types::JobStatus;
    use awsgen_runtime::{DateTime, Operation};
    use http::{HeaderMap, StatusCode};

    #[test]
    fn describe_job_payload_parses() {
        assert!(
            (1_000..2_000).contains(&DESCRIBE_JOB.len()),
            "{}",
            DESCRIBE_JOB.len()
        );
        let output = DescribeJob::parse_response(StatusCode::OK, &HeaderMap::new(), DESCRIBE_JOB)
            .expect("the DescribeJob payload parses");
        assert_eq!(
            output.document_source.as_deref(),
            Some("https://s3.amazonaws.com/fw-bucket/job-document.json")
        );
        let job = output.job.expect("a job");
        assert_eq!(job.job_id.as_deref(), Some("firmware-update-2024-06-01"));
        assert_eq!(job.status, Some(JobStatus::InProgress));
        assert_eq!(
            job.description.as_deref(),
            Some("Firmware update 4.2.1 é with \"quoted\" text")
        );
        assert_eq!(
            job.created_at,
            Some(DateTime::from_secs_and_nanos(1_717_228_800, 123_000_000))
        );
        assert_eq!(
            job.last_updated_at,
            Some(DateTime::from_secs_and_nanos(1_717_232_400, 500_000_000))
        );
        let rate = job
            .job_executions_rollout_config
            .and_then(|config| config.exponential_rate)
            .expect("an exponential rate");
        assert_eq!(rate.increment_factor, 1.5);
        assert_eq!(
            rate.rate_increase_criteria.number_of_notified_things,
            Some(50)
        );
        let abort = job.abort_config.expect("an abort config");
        assert_eq!(abort.criteria_list[0].threshold_percentage, 10.5);
        let parameters = job.document_parameters.expect("document parameters");
        assert_eq!(parameters.len(), 2);
        assert_eq!(
            parameters.get("firmwareVersion").map(String::as_str),
            Some("4.2.1")
        );
        let details = job.job_process_details.expect("process details");
        assert_eq!(details.number_of_succeeded_things, Some(1204));
        assert_eq!(job.is_concurrent, Some(false));
    }

    #[test]
    fn list_things_payload_parses() {
        let output = ListThings::parse_response(StatusCode::OK, &HeaderMap::new(), LIST_THINGS)
            .expect("the ListThings payload parses");
        let things = output.things.expect("things");
        assert_eq!(things.len(), 100);
        for (index, thing) in things.iter().enumerate() {
            let name = format!("sensor-{index:04}");
            assert_eq!(thing.thing_name.as_deref(), Some(name.as_str()));
            assert_eq!(
                thing.thing_arn.as_deref(),
                Some(format!("arn:aws:iot:us-west-2:123456789012:thing/{name}").as_str())
            );
            let attributes = thing.attributes.as_ref().expect("attributes");
            assert_eq!(attributes.len(), 3, "{name}");
            assert!(attributes.contains_key("serial"), "{name}");
            assert!(thing.version.is_some(), "{name}");
        }
        assert_eq!(
            things[1].attributes.as_ref().and_then(|a| a.get("serial")),
            Some(&"SN00007919".to_owned())
        );
        assert!(output.next_token.is_some());
    }

    #[test]
    fn create_job_body_matches_the_baseline() {
        let request = CreateJob::build_request(&create_job_input()).expect("a valid input");
        assert_eq!(request.method(), "PUT");
        assert_eq!(request.uri(), "/jobs/firmware-update-2024-06-01");
        assert_eq!(request.headers()["content-type"], "application/json");
        let body: serde_json::Value =
            serde_json::from_slice(request.body()).expect("the body is JSON");
        // `Value` equality is structural: objects compare as maps.
        assert_eq!(body, create_job_body_value());
    }

    #[test]
    fn the_baselines_agree_with_the_generated_parsers_on_validity() {
        for payload in [DESCRIBE_JOB, LIST_THINGS, CREATE_JOB_BODY] {
            serde_json::from_slice::<serde_json::Value>(payload).expect("valid JSON");
        }
    }

    #[test]
    fn the_workspace_baseline_is_serde_json_with_preserve_order() {
        // The bench report relies on this; if the workspace stops enabling
        // the feature, the report's baseline label must change too.
        assert!(serde_json_preserves_order());
    }
}
