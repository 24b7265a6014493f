//! The official SDK's clients (`aws_sdk_iot::Client`,
//! `aws_sdk_iotjobsdataplane::Client`) over a minimal in-memory connector,
//! and the same four calls' inputs, built with the SDK's builders.

use std::sync::{Arc, OnceLock};
use std::time::{Duration, UNIX_EPOCH};

use aws_sdk_iot::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_iot::operation::create_job::CreateJobOutput;
use aws_sdk_iot::operation::describe_job::DescribeJobOutput;
use aws_sdk_iot::operation::list_things::ListThingsOutput;
use aws_sdk_iot::types::{
    AbortAction, AbortConfig, AbortCriteria, ExponentialRolloutRate, JobEndBehavior,
    JobExecutionFailureType, JobExecutionsRetryConfig, JobExecutionsRolloutConfig,
    MaintenanceWindow, PresignedUrlConfig, RateIncreaseCriteria, RetryCriteria,
    RetryableFailureType, SchedulingConfig, Tag, TargetSelection, TimeoutConfig,
};
use aws_sdk_iotjobsdataplane::operation::start_command_execution::StartCommandExecutionOutput;
use aws_sdk_iotjobsdataplane::types::CommandParameterValue;
use aws_smithy_async::rt::sleep::TokioSleep;
use aws_smithy_async::time::StaticTimeSource;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient,
    SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;

use crate::canned;

/// What the first request a connector got looked like: the SDK's requests
/// are checked once to be signed and complete, so that its side is not
/// doing less than ours.
#[derive(Debug, Clone)]
pub struct FirstRequest {
    /// The request's URI.
    pub uri: String,
    /// Its `authorization` header.
    pub authorization: String,
    /// Its body.
    pub body: Vec<u8>,
}

/// Answers every request with the canned `body` (see [`canned::response`]),
/// converted into the SDK's response type; keeps the first request's
/// [`FirstRequest`] and drops the rest, as the replay on our side keeps
/// them until the end of a batch.
#[derive(Debug, Clone)]
struct CannedConnector {
    body: &'static [u8],
    first: Arc<OnceLock<FirstRequest>>,
}

impl HttpConnector for CannedConnector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        if self.first.get().is_none() {
            let authorization = request
                .headers()
                .get("authorization")
                .unwrap_or_default()
                .to_owned();
            let _ = self.first.set(FirstRequest {
                uri: request.uri().to_owned(),
                authorization,
                body: request.body().bytes().unwrap_or_default().to_vec(),
            });
        }
        drop(request);
        let response = canned::response(self.body).map(SdkBody::from);
        let response = HttpResponse::try_from(response).expect("a valid canned response");
        HttpConnectorFuture::ready(Ok(response))
    }
}

/// The `HttpClient` the SDK asks for a connector; it makes one and hands
/// out clones of it, as the SDK's own clients cache theirs.
#[derive(Debug, Clone)]
struct CannedClient {
    connector: SharedHttpConnector,
}

impl HttpClient for CannedClient {
    fn http_connector(
        &self,
        _: &HttpConnectorSettings,
        _: &RuntimeComponents,
    ) -> SharedHttpConnector {
        self.connector.clone()
    }
}

/// A transport answering with `body`, and where its first request is kept.
fn transport(body: &'static [u8]) -> (SharedHttpClient, Arc<OnceLock<FirstRequest>>) {
    let first = Arc::new(OnceLock::new());
    let connector = SharedHttpConnector::new(CannedConnector {
        body,
        first: first.clone(),
    });
    (SharedHttpClient::new(CannedClient { connector }), first)
}

fn time_source() -> StaticTimeSource {
    StaticTimeSource::new(UNIX_EPOCH + Duration::from_secs(canned::NOW_SECS))
}

fn credentials() -> Credentials {
    Credentials::new(
        canned::ACCESS_KEY_ID,
        canned::SECRET_ACCESS_KEY,
        None,
        None,
        "vs-sdk",
    )
}

/// An IoT client answering with `body`: `BehaviorVersion::latest()`, the
/// region, fixed credentials, the stopped clock, tokio's sleep; default
/// retries and everything else.
pub fn iot(body: &'static [u8]) -> (aws_sdk_iot::Client, Arc<OnceLock<FirstRequest>>) {
    let (http, first) = transport(body);
    let config = aws_sdk_iot::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(canned::REGION))
        .credentials_provider(credentials())
        .http_client(http)
        .time_source(time_source())
        .sleep_impl(TokioSleep::new())
        .build();
    (aws_sdk_iot::Client::from_conf(config), first)
}

/// An IoT Jobs Data Plane client answering with `body`, configured as [`iot`].
pub fn jobs(
    body: &'static [u8],
) -> (
    aws_sdk_iotjobsdataplane::Client,
    Arc<OnceLock<FirstRequest>>,
) {
    use aws_sdk_iotjobsdataplane::config::{
        BehaviorVersion, Credentials as JobsCredentials, Region,
    };
    let (http, first) = transport(body);
    let creds: JobsCredentials = credentials();
    let config = aws_sdk_iotjobsdataplane::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(canned::REGION))
        .credentials_provider(creds)
        .http_client(http)
        .time_source(time_source())
        .sleep_impl(TokioSleep::new())
        .build();
    (aws_sdk_iotjobsdataplane::Client::from_conf(config), first)
}

/// One DescribeJob call.
pub async fn describe_job(client: &aws_sdk_iot::Client) -> DescribeJobOutput {
    client
        .describe_job()
        .job_id(canned::JOB_ID)
        .send()
        .await
        .expect("DescribeJob succeeds")
}

/// One StartCommandExecution call with five parameters of five types.
pub async fn start_command_execution(
    client: &aws_sdk_iotjobsdataplane::Client,
) -> StartCommandExecutionOutput {
    let value = CommandParameterValue::builder;
    client
        .start_command_execution()
        .target_arn("arn:aws:iot:us-west-2:123456789012:thing/sensor-0001")
        .command_arn("arn:aws:iot:us-west-2:123456789012:command/reboot")
        .parameters("mode", value().s("graceful").build())
        .parameters("force", value().b(false).build())
        .parameters("retries", value().i(3).build())
        .parameters("delayMillis", value().l(30_000).build())
        .parameters("threshold", value().d(0.75).build())
        .execution_timeout_seconds(300)
        .send()
        .await
        .expect("StartCommandExecution succeeds")
}

/// One ListThings call (the response has 100 things).
pub async fn list_things(client: &aws_sdk_iot::Client) -> ListThingsOutput {
    client
        .list_things()
        .max_results(100)
        .send()
        .await
        .expect("ListThings succeeds")
}

/// One CreateJob call with the same members as ours.
pub async fn create_job(client: &aws_sdk_iot::Client) -> CreateJobOutput {
    let arn = "arn:aws:iot:us-west-2:123456789012:";
    client
        .create_job()
        .job_id(canned::JOB_ID)
        .targets(format!("{arn}thinggroup/fleet-eu-west"))
        .targets(format!("{arn}thinggroup/fleet-us-east"))
        .document(crate::JOB_DOCUMENT)
        .description("Firmware update 4.2.1 with \"quoted\" text\tand a tab")
        .presigned_url_config(
            PresignedUrlConfig::builder()
                .role_arn("arn:aws:iam::123456789012:role/IoTJobsS3Access")
                .expires_in_sec(3600)
                .build(),
        )
        .target_selection(TargetSelection::Snapshot)
        .job_executions_rollout_config(
            JobExecutionsRolloutConfig::builder()
                .maximum_per_minute(100)
                .exponential_rate(
                    ExponentialRolloutRate::builder()
                        .base_rate_per_minute(10)
                        .increment_factor(1.5)
                        .rate_increase_criteria(
                            RateIncreaseCriteria::builder()
                                .number_of_notified_things(50)
                                .build(),
                        )
                        .build()
                        .expect("all required members"),
                )
                .build(),
        )
        .abort_config(
            AbortConfig::builder()
                .criteria_list(
                    AbortCriteria::builder()
                        .failure_type(JobExecutionFailureType::Failed)
                        .action(AbortAction::Cancel)
                        .threshold_percentage(10.5)
                        .min_number_of_executed_things(20)
                        .build()
                        .expect("all required members"),
                )
                .criteria_list(
                    AbortCriteria::builder()
                        .failure_type(JobExecutionFailureType::TimedOut)
                        .action(AbortAction::Cancel)
                        .threshold_percentage(25.0)
                        .min_number_of_executed_things(100)
                        .build()
                        .expect("all required members"),
                )
                .build()
                .expect("all required members"),
        )
        .timeout_config(
            TimeoutConfig::builder()
                .in_progress_timeout_in_minutes(120)
                .build(),
        )
        .tags(
            Tag::builder()
                .key("team")
                .value("firmware")
                .build()
                .expect("all required members"),
        )
        .tags(
            Tag::builder()
                .key("release")
                .value("4.2.1")
                .build()
                .expect("all required members"),
        )
        .job_executions_retry_config(
            JobExecutionsRetryConfig::builder()
                .criteria_list(
                    RetryCriteria::builder()
                        .failure_type(RetryableFailureType::TimedOut)
                        .number_of_retries(2)
                        .build()
                        .expect("all required members"),
                )
                .criteria_list(
                    RetryCriteria::builder()
                        .failure_type(RetryableFailureType::Failed)
                        .number_of_retries(1)
                        .build()
                        .expect("all required members"),
                )
                .build()
                .expect("all required members"),
        )
        .scheduling_config(
            SchedulingConfig::builder()
                .start_time("2024-06-01T08:00")
                .end_time("2024-06-08T08:00")
                .end_behavior(JobEndBehavior::StopRollout)
                .maintenance_windows(
                    MaintenanceWindow::builder()
                        .start_time("cron(0 2 ? * SUN *)")
                        .duration_in_minutes(120)
                        .build()
                        .expect("all required members"),
                )
                .build(),
        )
        .send()
        .await
        .expect("CreateJob succeeds")
}
