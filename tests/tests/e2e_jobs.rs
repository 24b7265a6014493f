//! IoT Jobs Data Plane and the Commands API end to end against the fake
//! server of `awsgen_e2e_support::jobs` (moto implements neither):
//! requests built by the generated `Operation::build_request`, signed by
//! the runtime's SigV4 signer, sent over a plain HTTP/1.1 exchange, checked
//! by the server (signature included), and read back by the generated
//! `parse_response`.

use awsgen::iot::operations::GetCommandExecution;
use awsgen::iot::types::{CommandExecutionStatus, GetCommandExecutionRequest};
use awsgen::iot_jobs_data::errors::{DescribeJobExecutionError, UpdateJobExecutionError};
use awsgen::iot_jobs_data::operations::{
    DescribeJobExecution, GetPendingJobExecutions, StartCommandExecution,
    StartNextPendingJobExecution, UpdateJobExecution,
};
use awsgen::iot_jobs_data::types::{
    CommandParameterValue, DescribeJobExecutionRequest, GetPendingJobExecutionsRequest,
    JobExecutionStatus, StartCommandExecutionRequest, StartNextPendingJobExecutionRequest,
    UpdateJobExecutionRequest,
};
use awsgen_e2e_support::call::Target;
use awsgen_e2e_support::http1;
use awsgen_e2e_support::jobs::commands::CommandBehaviour;
use awsgen_e2e_support::jobs::FakeJobsServer;
use awsgen_runtime::ResponseError;
use awsgen_runtime::{HasResponseMetadata, Operation};

const THING: &str = "e2e-device";

fn server(behaviour: CommandBehaviour) -> (FakeJobsServer, Target) {
    let server = FakeJobsServer::start(behaviour).expect("the fake server starts");
    let target = Target::new(server.addr(), "iot-jobs-data");
    (server, target)
}

fn update(job_id: &str, status: JobExecutionStatus) -> UpdateJobExecutionRequest {
    UpdateJobExecutionRequest {
        job_id: job_id.into(),
        thing_name: THING.into(),
        status,
        ..Default::default()
    }
}

/// A device agent's loop: list pending jobs, start the next, report
/// progress with the version it holds, finish; then the refusals.
#[test]
fn job_execution_state_machine() {
    let (server, jobs) = server(CommandBehaviour::default());
    server.queue_job(THING, "firmware-1", r#"{"url":"https://example.com/fw1"}"#);
    server.queue_job(THING, "firmware-2", r#"{"url":"https://example.com/fw2"}"#);

    let pending = jobs
        .call::<GetPendingJobExecutions>(&GetPendingJobExecutionsRequest {
            thing_name: THING.into(),
        })
        .unwrap()
        .unwrap_or_else(|e| panic!("{e}"));
    let queued: Vec<_> = pending
        .queued_jobs
        .unwrap_or_default()
        .into_iter()
        .filter_map(|j| j.job_id)
        .collect();
    assert_eq!(queued, ["firmware-1", "firmware-2"]);
    assert_eq!(pending.in_progress_jobs.map(|j| j.len()), Some(0));
    assert!(pending.response_metadata.request_id.is_some());

    let started = jobs
        .call::<StartNextPendingJobExecution>(&StartNextPendingJobExecutionRequest {
            thing_name: THING.into(),
            status_details: Some([("step".to_owned(), "download".to_owned())].into()),
            step_timeout_in_minutes: Some(10),
        })
        .unwrap()
        .unwrap_or_else(|e| panic!("{e}"))
        .execution
        .expect("an execution");
    assert_eq!(started.job_id.as_deref(), Some("firmware-1"));
    assert_eq!(started.status, Some(JobExecutionStatus::InProgress));
    assert_eq!(started.version_number, Some(2));
    assert_eq!(started.approximate_seconds_before_timed_out, Some(600));
    assert_eq!(
        started.job_document.as_deref(),
        Some(r#"{"url":"https://example.com/fw1"}"#)
    );

    let progress = jobs
        .call::<UpdateJobExecution>(&UpdateJobExecutionRequest {
            status_details: Some([("step".to_owned(), "install".to_owned())].into()),
            expected_version: Some(2),
            include_job_execution_state: Some(true),
            ..update("firmware-1", JobExecutionStatus::InProgress)
        })
        .unwrap()
        .unwrap_or_else(|e| panic!("{e}"));
    let state = progress.execution_state.expect("the state, asked for");
    assert_eq!(state.version_number, Some(3));
    assert_eq!(
        state
            .status_details
            .and_then(|d| d.get("step").cloned())
            .as_deref(),
        Some("install")
    );

    // Another agent holding version 2 loses.
    let stale = jobs
        .call::<UpdateJobExecution>(&UpdateJobExecutionRequest {
            expected_version: Some(2),
            ..update("firmware-1", JobExecutionStatus::Succeeded)
        })
        .unwrap();
    match stale {
        Err(ResponseError::Service(UpdateJobExecutionError::Unhandled(e))) => {
            assert_eq!(e.code.as_deref(), Some("VersionConflictException"));
            assert!(e.to_string().contains("expected version 2"), "{e}");
            assert_eq!(e.http_status(), Some(409));
        }
        other => panic!("expected a version conflict, got {other:?}"),
    }

    jobs.call::<UpdateJobExecution>(&UpdateJobExecutionRequest {
        expected_version: Some(3),
        ..update("firmware-1", JobExecutionStatus::Succeeded)
    })
    .unwrap()
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        server.execution(THING, "firmware-1").map(|e| e.status),
        Some("SUCCEEDED".to_owned())
    );

    let described = jobs
        .call::<DescribeJobExecution>(&DescribeJobExecutionRequest {
            job_id: "firmware-1".into(),
            thing_name: THING.into(),
            include_job_document: Some(false),
            execution_number: None,
        })
        .unwrap()
        .unwrap_or_else(|e| panic!("{e}"))
        .execution
        .expect("an execution");
    assert_eq!(described.status, Some(JobExecutionStatus::Succeeded));
    assert_eq!(described.version_number, Some(4));
    assert_eq!(described.job_document, None, "includeJobDocument=false");

    // Terminal: no way back.
    match jobs
        .call::<UpdateJobExecution>(&update("firmware-1", JobExecutionStatus::InProgress))
        .unwrap()
    {
        Err(ResponseError::Service(UpdateJobExecutionError::InvalidStateTransitionException(
            e,
        ))) => {
            assert!(
                e.message
                    .as_deref()
                    .is_some_and(|m| m.contains("terminal status SUCCEEDED")),
                "{e:?}"
            );
            assert_eq!(e.http_status(), Some(409));
        }
        other => panic!("expected InvalidStateTransitionException, got {other:?}"),
    }
    // A status a device may not set.
    match jobs
        .call::<UpdateJobExecution>(&update("firmware-2", JobExecutionStatus::Canceled))
        .unwrap()
    {
        Err(ResponseError::Service(UpdateJobExecutionError::InvalidRequestException(e))) => {
            assert_eq!(e.http_status(), Some(400));
        }
        other => panic!("expected InvalidRequestException, got {other:?}"),
    }
    // A canceled execution is terminal too.
    assert!(server.force_status(THING, "firmware-2", "CANCELED"));
    match jobs
        .call::<UpdateJobExecution>(&update("firmware-2", JobExecutionStatus::Failed))
        .unwrap()
    {
        Err(ResponseError::Service(UpdateJobExecutionError::InvalidStateTransitionException(
            _,
        ))) => {}
        other => panic!("expected InvalidStateTransitionException, got {other:?}"),
    }
    // Nothing left to start: no execution.
    let next = jobs
        .call::<StartNextPendingJobExecution>(&StartNextPendingJobExecutionRequest {
            thing_name: THING.into(),
            ..Default::default()
        })
        .unwrap()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(next.execution.is_none());

    match jobs
        .call::<DescribeJobExecution>(&DescribeJobExecutionRequest {
            job_id: "no-such-job".into(),
            thing_name: THING.into(),
            ..Default::default()
        })
        .unwrap()
    {
        Err(ResponseError::Service(DescribeJobExecutionError::ResourceNotFoundException(e))) => {
            assert_eq!(e.http_status(), Some(404));
            assert!(
                e.request_id()
                    .is_some_and(|id| id.starts_with("fake-jobs-")),
                "{e:?}"
            );
        }
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }
}

/// A request changed after signing is refused with 403
/// `InvalidSignatureException`, which the generated parser reports with
/// its code; so is one signed with another secret or for another service.
#[test]
fn tampered_requests_are_rejected() {
    let (server, jobs) = server(CommandBehaviour::default());
    server.queue_job(THING, "job-a", "{}");
    let input = update("job-a", JobExecutionStatus::InProgress);

    let mut tampered = jobs.signed_request::<UpdateJobExecution>(&input).unwrap();
    *tampered.body_mut() = br#"{"status":"SUCCEEDED"}"#.to_vec();
    let response = http1::send(server.addr(), &tampered).unwrap();
    assert_eq!(response.status(), 403);
    assert_eq!(
        response.headers()["x-amzn-errortype"],
        "InvalidSignatureException"
    );
    match UpdateJobExecution::parse_http_response(&response) {
        Err(ResponseError::Service(UpdateJobExecutionError::Unhandled(e))) => {
            assert_eq!(e.code.as_deref(), Some("InvalidSignatureException"));
            assert!(e.to_string().contains("does not match"), "{e}");
        }
        other => panic!("expected an InvalidSignatureException, got {other:?}"),
    }
    assert_eq!(
        server.execution(THING, "job-a").map(|e| e.status),
        Some("QUEUED".to_owned()),
        "nothing changed"
    );

    let mut wrong_secret = jobs.clone();
    wrong_secret.credentials = awsgen_runtime::Credentials::new(
        awsgen_e2e_support::call::TEST_ACCESS_KEY_ID,
        "not-the-test-secret",
    );
    let refused = wrong_secret.call::<UpdateJobExecution>(&input).unwrap();
    assert!(
        matches!(&refused, Err(ResponseError::Service(UpdateJobExecutionError::Unhandled(e)))
        if e.code.as_deref() == Some("InvalidSignatureException")),
        "{refused:?}"
    );

    let mut wrong_service = jobs.clone();
    wrong_service.service = "iot".to_owned();
    let refused = wrong_service.call::<UpdateJobExecution>(&input).unwrap();
    assert!(
        matches!(&refused, Err(ResponseError::Service(UpdateJobExecutionError::Unhandled(e)))
        if e.code.as_deref() == Some("InvalidSignatureException")),
        "{refused:?}"
    );

    // The untampered request goes through.
    jobs.call::<UpdateJobExecution>(&input)
        .unwrap()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        server.execution(THING, "job-a").map(|e| e.status),
        Some("IN_PROGRESS".to_owned())
    );
}

/// StartCommandExecution on the data plane, then GetCommandExecution
/// (signed for `iot`) polled until the command is done.
#[test]
fn command_execution_is_polled_to_a_terminal_status() {
    let (server, jobs) = server(CommandBehaviour {
        polls_until_done: 3,
        final_status: "SUCCEEDED".to_owned(),
    });
    let control = Target::new(server.addr(), "iot");
    let target_arn = "arn:aws:iot:us-east-1:123456789012:thing/e2e-device";
    let started = jobs
        .call::<StartCommandExecution>(&StartCommandExecutionRequest {
            target_arn: target_arn.into(),
            command_arn: "arn:aws:iot:us-east-1:123456789012:command/reboot".into(),
            parameters: Some(
                [(
                    "delay".to_owned(),
                    CommandParameterValue {
                        i: Some(5),
                        ..Default::default()
                    },
                )]
                .into(),
            ),
            execution_timeout_seconds: Some(60),
            client_token: Some("e2e-token-1".into()),
        })
        .unwrap()
        .unwrap_or_else(|e| panic!("{e}"));
    let execution_id = started.execution_id.expect("an execution id");

    let mut seen = Vec::new();
    let last = loop {
        let got = control
            .call::<GetCommandExecution>(&GetCommandExecutionRequest {
                execution_id: execution_id.clone(),
                target_arn: target_arn.into(),
                include_result: None,
            })
            .unwrap()
            .unwrap_or_else(|e| panic!("{e}"));
        let status = got.status.clone().expect("a status");
        seen.push(status.clone());
        if !matches!(
            status,
            CommandExecutionStatus::Created | CommandExecutionStatus::InProgress
        ) {
            break got;
        }
        assert!(seen.len() < 10, "never finished: {seen:?}");
    };
    assert_eq!(
        seen,
        [
            CommandExecutionStatus::InProgress,
            CommandExecutionStatus::InProgress,
            CommandExecutionStatus::Succeeded
        ]
    );
    assert_eq!(last.execution_timeout_seconds, Some(60));
    assert!(last.completed_at.is_some());
    let delay = last
        .parameters
        .and_then(|p| p.get("delay").and_then(|v| v.i));
    assert_eq!(delay, Some(5), "parameters round-trip");

    // GetCommandExecution signed for the data plane is refused.
    let wrong = jobs
        .call::<GetCommandExecution>(&GetCommandExecutionRequest {
            execution_id,
            target_arn: target_arn.into(),
            include_result: None,
        })
        .unwrap();
    assert!(wrong.is_err(), "{wrong:?}");
}
