//! The generated clients (`awsgen::iot::Client`,
//! `awsgen::iot_jobs_data::Client`) over the runtime's replay transport,
//! and the four calls' inputs.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use awsgen::iot::types::{
    AbortAction, AbortConfig, AbortCriteria, CreateJobRequest, CreateJobResponse,
    DescribeJobRequest, DescribeJobResponse, ExponentialRolloutRate, JobEndBehavior,
    JobExecutionFailureType, JobExecutionsRetryConfig, JobExecutionsRolloutConfig,
    ListThingsRequest, ListThingsResponse, MaintenanceWindow, PresignedUrlConfig,
    RateIncreaseCriteria, RetryCriteria, RetryableFailureType, SchedulingConfig, Tag,
    TargetSelection, TimeoutConfig,
};
use awsgen::iot_jobs_data::types::{
    CommandParameterValue, StartCommandExecutionRequest, StartCommandExecutionResponse,
};
use awsgen_runtime::client::{BoxFuture, ClientSettings, Clock, ReplayClient, Sleep};
use awsgen_runtime::config::ConfigLoader;
use awsgen_runtime::Credentials;

use crate::canned;

/// A clock stopped at [`canned::NOW_SECS`].
struct Stopped;

impl Clock for Stopped {
    fn now(&self) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(canned::NOW_SECS)
    }
}

/// tokio's timer, as `awsgen_transport::TokioSleep` (not asked for here:
/// the replay answers at once, so no attempt timer is made).
struct TokioSleep;

impl Sleep for TokioSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'_, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// A client's settings over a replay that answers every request with
/// `body`: region, fixed credentials, the stopped clock; default retries,
/// timeouts and input validation.
fn settings(body: &'static [u8]) -> (ClientSettings, Arc<ReplayClient>) {
    let env = BTreeMap::<String, String>::new();
    let config = ConfigLoader::new(Arc::new(env))
        .region(canned::REGION)
        .load()
        .expect("a region is all the configuration needs");
    let replay =
        Arc::new(ReplayClient::default().on_every(|_| true, move |_| Ok(canned::response(body))));
    let settings = ClientSettings::new(config, replay.clone(), Arc::new(TokioSleep))
        .credentials(Credentials::new(
            canned::ACCESS_KEY_ID,
            canned::SECRET_ACCESS_KEY,
        ))
        .clock(Arc::new(Stopped));
    (settings, replay)
}

/// An IoT client answering with `body`, and its replay (whose kept
/// requests the bench drains after each batch).
pub fn iot(body: &'static [u8]) -> (awsgen::iot::Client, Arc<ReplayClient>) {
    let (settings, replay) = settings(body);
    let client = awsgen::iot::Client::new(settings).expect("the endpoint resolves");
    (client, replay)
}

/// An IoT Jobs Data Plane client answering with `body`, and its replay.
pub fn jobs(body: &'static [u8]) -> (awsgen::iot_jobs_data::Client, Arc<ReplayClient>) {
    let (settings, replay) = settings(body);
    let client = awsgen::iot_jobs_data::Client::new(settings).expect("the endpoint resolves");
    (client, replay)
}

/// One DescribeJob call.
pub async fn describe_job(client: &awsgen::iot::Client) -> DescribeJobResponse {
    client
        .describe_job(DescribeJobRequest {
            job_id: canned::JOB_ID.into(),
            ..Default::default()
        })
        .await
        .expect("DescribeJob succeeds")
}

/// One StartCommandExecution call with five parameters of five types.
pub async fn start_command_execution(
    client: &awsgen::iot_jobs_data::Client,
) -> StartCommandExecutionResponse {
    let value = CommandParameterValue::default;
    client
        .start_command_execution(StartCommandExecutionRequest {
            target_arn: "arn:aws:iot:us-west-2:123456789012:thing/sensor-0001".into(),
            command_arn: "arn:aws:iot:us-west-2:123456789012:command/reboot".into(),
            parameters: Some(HashMap::from([
                (
                    "mode".to_owned(),
                    CommandParameterValue {
                        s: Some("graceful".into()),
                        ..value()
                    },
                ),
                (
                    "force".to_owned(),
                    CommandParameterValue {
                        b: Some(false),
                        ..value()
                    },
                ),
                (
                    "retries".to_owned(),
                    CommandParameterValue {
                        i: Some(3),
                        ..value()
                    },
                ),
                (
                    "delayMillis".to_owned(),
                    CommandParameterValue {
                        l: Some(30_000),
                        ..value()
                    },
                ),
                (
                    "threshold".to_owned(),
                    CommandParameterValue {
                        d: Some(0.75),
                        ..value()
                    },
                ),
            ])),
            execution_timeout_seconds: Some(300),
            // Left unset on both sides: each client makes a fresh token.
            client_token: None,
        })
        .await
        .expect("StartCommandExecution succeeds")
}

/// One ListThings call (the response has 100 things).
pub async fn list_things(client: &awsgen::iot::Client) -> ListThingsResponse {
    client
        .list_things(ListThingsRequest {
            max_results: Some(100),
            ..Default::default()
        })
        .await
        .expect("ListThings succeeds")
}

/// One CreateJob call: an inline job document, a rollout configuration
/// with an exponential rate, abort, retry, timeout and scheduling
/// configurations, tags.
pub async fn create_job(client: &awsgen::iot::Client) -> CreateJobResponse {
    let arn = "arn:aws:iot:us-west-2:123456789012:";
    let input = CreateJobRequest {
        job_id: canned::JOB_ID.into(),
        targets: vec![
            format!("{arn}thinggroup/fleet-eu-west"),
            format!("{arn}thinggroup/fleet-us-east"),
        ],
        document: Some(crate::JOB_DOCUMENT.into()),
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
    };
    client.create_job(input).await.expect("CreateJob succeeds")
}
