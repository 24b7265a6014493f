//! The generated clients end to end over the real transports: `iot::Client`
//! on `HyperClient` against moto (see `tests/e2e-support/MOTO_IOT.md` for
//! what moto implements: things, thing groups, thing types, policies,
//! certificates, jobs and job executions are driven here; moto has no IoT
//! Jobs Data Plane and no Commands API), and `iot_jobs_data::Client` (async
//! on `HyperClient`, blocking on `UreqClient`) against the fake jobs server,
//! which verifies every request's SigV4 signature with the test key. Each
//! client is configured the documented way: a `Config` with the region and
//! the endpoint URL override to the local server, static test credentials.
//! Needs `.ci/install-moto` (the moto tests say so otherwise).

use std::collections::BTreeMap;
use std::sync::Arc;

use awsgen::iot::errors::DescribeJobError;
use awsgen::iot::types::{
    AddThingToThingGroupRequest, AttachPolicyRequest, CancelJobRequest, CreateJobRequest,
    CreateKeysAndCertificateRequest, CreatePolicyRequest, CreateThingGroupRequest,
    CreateThingRequest, CreateThingTypeRequest, DeleteJobRequest, DescribeCertificateRequest,
    DescribeJobExecutionRequest, DescribeJobRequest, DescribeThingTypeRequest, GetPolicyRequest,
    JobStatus, ListJobExecutionsForJobRequest, ListJobsRequest, ListThingsInThingGroupRequest,
    TimeoutConfig,
};
use awsgen::iot_jobs_data::errors::DescribeJobExecutionError as DataDescribeError;
use awsgen::iot_jobs_data::types::{
    DescribeJobExecutionRequest as DataDescribeRequest, GetPendingJobExecutionsRequest,
    JobExecutionStatus, StartNextPendingJobExecutionRequest, UpdateJobExecutionRequest,
};
use awsgen_e2e_support::call::{TEST_ACCESS_KEY_ID, TEST_REGION, TEST_SECRET_ACCESS_KEY};
use awsgen_e2e_support::jobs::commands::CommandBehaviour;
use awsgen_e2e_support::jobs::FakeJobsServer;
use awsgen_e2e_support::moto::MotoServer;
use awsgen_runtime::client::{CallError, ClientSettings};
use awsgen_runtime::config::{Config, ConfigLoader};
use awsgen_runtime::{Credentials, HasResponseMetadata};
use awsgen_transport::{HyperClient, TokioSleep, UreqClient};

/// A configuration with the test region and `url` as the endpoint URL,
/// read from an empty environment (nothing of the machine's leaks in).
fn config(url: &str) -> Config {
    let env: BTreeMap<String, String> = BTreeMap::new();
    ConfigLoader::new(Arc::new(env))
        .region(TEST_REGION)
        .endpoint_url(url)
        .load()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn test_credentials() -> Credentials {
    Credentials::new(TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY)
}

fn async_settings(url: &str) -> ClientSettings {
    let http = HyperClient::new().unwrap_or_else(|e| panic!("{e}"));
    ClientSettings::new(config(url), Arc::new(http), Arc::new(TokioSleep))
        .credentials(test_credentials())
}

fn iot_client() -> (Arc<MotoServer>, awsgen::iot::Client) {
    let moto = MotoServer::shared().unwrap_or_else(|e| panic!("{e}"));
    let client =
        awsgen::iot::Client::new(async_settings(&moto.url())).unwrap_or_else(|e| panic!("{e}"));
    (moto, client)
}

#[tokio::test(flavor = "current_thread")]
async fn the_endpoint_override_is_resolved_once_and_used() {
    let (moto, iot) = iot_client();
    assert_eq!(iot.service_client().config().endpoint, moto.url().as_str());
    let signing = iot
        .service_client()
        .config()
        .signing
        .as_ref()
        .expect("signed");
    assert_eq!(
        (signing.region.as_str(), signing.service.as_str()),
        (TEST_REGION, "iot")
    );
}

#[tokio::test(flavor = "current_thread")]
async fn things_groups_types_policies_and_certificates() {
    let (_moto, iot) = iot_client();
    let thing = iot
        .create_thing(CreateThingRequest {
            thing_name: "client-e2e-thing".into(),
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("CreateThing: {e}"));
    assert_eq!(thing.thing_name.as_deref(), Some("client-e2e-thing"));
    assert!(thing.request_id().is_some_and(|id| !id.is_empty()));

    iot.create_thing_group(CreateThingGroupRequest {
        thing_group_name: "client-e2e-group".into(),
        ..Default::default()
    })
    .await
    .unwrap_or_else(|e| panic!("CreateThingGroup: {e}"));
    iot.add_thing_to_thing_group(AddThingToThingGroupRequest {
        thing_group_name: Some("client-e2e-group".into()),
        thing_name: Some("client-e2e-thing".into()),
        ..Default::default()
    })
    .await
    .unwrap_or_else(|e| panic!("AddThingToThingGroup: {e}"));
    let members = iot
        .list_things_in_thing_group(ListThingsInThingGroupRequest {
            thing_group_name: "client-e2e-group".into(),
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("ListThingsInThingGroup: {e}"));
    assert_eq!(members.things, Some(vec!["client-e2e-thing".to_owned()]));

    iot.create_thing_type(CreateThingTypeRequest {
        thing_type_name: "client-e2e-type".into(),
        ..Default::default()
    })
    .await
    .unwrap_or_else(|e| panic!("CreateThingType: {e}"));
    let thing_type = iot
        .describe_thing_type(DescribeThingTypeRequest {
            thing_type_name: "client-e2e-type".into(),
        })
        .await
        .unwrap_or_else(|e| panic!("DescribeThingType: {e}"));
    assert_eq!(
        thing_type.thing_type_name.as_deref(),
        Some("client-e2e-type")
    );

    let document = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iot:Connect","Resource":"*"}]}"#;
    iot.create_policy(CreatePolicyRequest {
        policy_name: "client-e2e-policy".into(),
        policy_document: document.into(),
        ..Default::default()
    })
    .await
    .unwrap_or_else(|e| panic!("CreatePolicy: {e}"));
    let policy = iot
        .get_policy(GetPolicyRequest {
            policy_name: "client-e2e-policy".into(),
        })
        .await
        .unwrap_or_else(|e| panic!("GetPolicy: {e}"));
    assert_eq!(policy.policy_document.as_deref(), Some(document));

    let certificate = iot
        .create_keys_and_certificate(CreateKeysAndCertificateRequest {
            set_as_active: Some(true),
        })
        .await
        .unwrap_or_else(|e| panic!("CreateKeysAndCertificate: {e}"));
    let (Some(id), Some(arn)) = (certificate.certificate_id, certificate.certificate_arn) else {
        panic!("no certificate id or ARN");
    };
    iot.attach_policy(AttachPolicyRequest {
        policy_name: "client-e2e-policy".into(),
        target: arn,
    })
    .await
    .unwrap_or_else(|e| panic!("AttachPolicy: {e}"));
    let described = iot
        .describe_certificate(DescribeCertificateRequest {
            certificate_id: id.clone(),
        })
        .await
        .unwrap_or_else(|e| panic!("DescribeCertificate: {e}"));
    let description = described.certificate_description.expect("a description");
    assert_eq!(description.certificate_id, Some(id));
}

#[tokio::test(flavor = "current_thread")]
async fn jobs_and_job_executions() {
    let (_moto, iot) = iot_client();
    let thing = iot
        .create_thing(CreateThingRequest {
            thing_name: "client-e2e-job-target".into(),
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("CreateThing: {e}"));
    let thing_arn = thing.thing_arn.expect("a thing ARN");
    let created = iot
        .create_job(CreateJobRequest {
            job_id: "client-e2e-job".into(),
            targets: vec![thing_arn],
            document: Some(r#"{"operation":"reboot"}"#.into()),
            timeout_config: Some(TimeoutConfig {
                in_progress_timeout_in_minutes: Some(30),
            }),
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("CreateJob: {e}"));
    assert_eq!(created.job_id.as_deref(), Some("client-e2e-job"));

    let described = iot
        .describe_job(DescribeJobRequest {
            job_id: "client-e2e-job".into(),
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("DescribeJob: {e}"));
    let job = described.job.expect("a job");
    assert_eq!(
        job.timeout_config
            .and_then(|t| t.in_progress_timeout_in_minutes),
        Some(30)
    );

    let listed = iot
        .list_jobs(ListJobsRequest::default())
        .await
        .unwrap_or_else(|e| panic!("ListJobs: {e}"));
    assert!(listed
        .jobs
        .unwrap_or_default()
        .iter()
        .any(|j| j.job_id.as_deref() == Some("client-e2e-job")));

    let executions = iot
        .list_job_executions_for_job(ListJobExecutionsForJobRequest {
            job_id: "client-e2e-job".into(),
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("ListJobExecutionsForJob: {e}"));
    assert_eq!(executions.execution_summaries.unwrap_or_default().len(), 1);
    let execution = iot
        .describe_job_execution(DescribeJobExecutionRequest {
            job_id: "client-e2e-job".into(),
            thing_name: "client-e2e-job-target".into(),
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("DescribeJobExecution: {e}"));
    assert!(execution.execution.is_some());

    iot.cancel_job(CancelJobRequest {
        job_id: "client-e2e-job".into(),
        comment: Some("no longer needed".into()),
        ..Default::default()
    })
    .await
    .unwrap_or_else(|e| panic!("CancelJob: {e}"));
    let canceled = iot
        .describe_job(DescribeJobRequest {
            job_id: "client-e2e-job".into(),
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("DescribeJob: {e}"));
    assert_eq!(
        canceled.job.and_then(|j| j.status),
        Some(JobStatus::Canceled)
    );

    iot.delete_job(DeleteJobRequest {
        job_id: "client-e2e-job".into(),
        force: Some(true),
        ..Default::default()
    })
    .await
    .unwrap_or_else(|e| panic!("DeleteJob: {e}"));

    // Gone: the typed not-found error, with the service's message, the
    // status and the request id, and a Display that says both code and
    // message.
    let error = iot
        .describe_job(DescribeJobRequest {
            job_id: "client-e2e-job".into(),
            ..Default::default()
        })
        .await
        .expect_err("the job was deleted");
    match &error {
        CallError::Service(DescribeJobError::ResourceNotFoundException(e)) => {
            assert!(e.message.as_deref().is_some_and(|m| !m.is_empty()), "{e:?}");
        }
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }
    assert_eq!(error.http_status(), Some(404));
    assert!(
        error.request_id().is_some_and(|id| !id.is_empty()),
        "{error:?}"
    );
    let shown = error.to_string();
    assert!(shown.contains("ResourceNotFoundException"), "{shown}");
}

const THING: &str = "client-e2e-device";

fn jobs_server() -> FakeJobsServer {
    let server =
        FakeJobsServer::start(CommandBehaviour::default()).expect("the fake server starts");
    server.queue_job(THING, "firmware-1", r#"{"url":"https://example.com/fw1"}"#);
    server
}

#[tokio::test(flavor = "current_thread")]
async fn jobs_data_async_client_is_signed_and_drives_an_execution() {
    let server = jobs_server();
    let url = format!("http://{}", server.addr());
    let jobs =
        awsgen::iot_jobs_data::Client::new(async_settings(&url)).unwrap_or_else(|e| panic!("{e}"));
    let pending = jobs
        .get_pending_job_executions(GetPendingJobExecutionsRequest {
            thing_name: THING.into(),
        })
        .await
        .unwrap_or_else(|e| panic!("GetPendingJobExecutions: {e}"));
    assert_eq!(pending.queued_jobs.unwrap_or_default().len(), 1);
    let started = jobs
        .start_next_pending_job_execution(StartNextPendingJobExecutionRequest {
            thing_name: THING.into(),
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("StartNextPendingJobExecution: {e}"));
    let execution = started.execution.expect("an execution");
    assert_eq!(execution.status, Some(JobExecutionStatus::InProgress));
    jobs.update_job_execution(UpdateJobExecutionRequest {
        job_id: "firmware-1".into(),
        thing_name: THING.into(),
        status: JobExecutionStatus::Succeeded,
        ..Default::default()
    })
    .await
    .unwrap_or_else(|e| panic!("UpdateJobExecution: {e}"));

    // A wrong key is refused by the server's signature check.
    let forged = ClientSettings::new(
        config(&url),
        Arc::new(HyperClient::new().unwrap_or_else(|e| panic!("{e}"))),
        Arc::new(TokioSleep),
    )
    .credentials(Credentials::new(TEST_ACCESS_KEY_ID, "not-the-secret"));
    let forged = awsgen::iot_jobs_data::Client::new(forged).unwrap_or_else(|e| panic!("{e}"));
    let refused = forged
        .get_pending_job_executions(GetPendingJobExecutionsRequest {
            thing_name: THING.into(),
        })
        .await
        .expect_err("a bad signature is refused");
    assert_eq!(refused.http_status(), Some(403), "{refused}");
}

#[test]
fn jobs_data_blocking_client_over_ureq() {
    let server = jobs_server();
    let url = format!("http://{}", server.addr());
    let settings = ClientSettings::blocking(config(&url), Arc::new(UreqClient::default()))
        .credentials(test_credentials());
    let jobs =
        awsgen::iot_jobs_data::BlockingClient::new(settings).unwrap_or_else(|e| panic!("{e}"));
    let described = jobs
        .describe_job_execution(DataDescribeRequest {
            job_id: "firmware-1".into(),
            thing_name: THING.into(),
            include_job_document: Some(true),
            ..Default::default()
        })
        .unwrap_or_else(|e| panic!("DescribeJobExecution: {e}"));
    let execution = described.execution.expect("an execution");
    assert_eq!(execution.status, Some(JobExecutionStatus::Queued));
    assert!(execution
        .job_document
        .is_some_and(|d| d.contains("example.com/fw1")));

    let missing = jobs
        .describe_job_execution(DataDescribeRequest {
            job_id: "no-such-job".into(),
            thing_name: THING.into(),
            ..Default::default()
        })
        .expect_err("no such job");
    assert!(
        matches!(
            missing,
            CallError::Service(DataDescribeError::ResourceNotFoundException(_))
        ),
        "{missing:?}"
    );
    assert_eq!(missing.http_status(), Some(404));
    assert!(missing.request_id().is_some(), "{missing:?}");
}
