//! A device-side agent for AWS IoT Jobs: it runs every job queued for
//! one thing, one after the other, the way the IoT Jobs Data Plane
//! expects a device to:
//!
//! 1. `GetPendingJobExecutions`: what is waiting (printed);
//! 2. `StartNextPendingJobExecution`: take the next job (`IN_PROGRESS`),
//!    with its job document;
//! 3. `UpdateJobExecution` with `IN_PROGRESS` and status details: report
//!    progress while working;
//! 4. `UpdateJobExecution` with `SUCCEEDED` or `FAILED`: finish it.
//!
//! The job document here is `{"operation": "..."}`; this agent knows the
//! operations `reboot` and `install` (it only pretends to do them) and
//! fails any other job, saying why in the status details. A job that
//! fails is reported to AWS, not an error of the agent: it exits 0 once
//! nothing is left to run, and non-zero (printing the error) only when a
//! call fails.
//!
//! Usage: `job-agent <thing-name>`. Region, credentials and endpoint come
//! from the environment and profile files, as for the AWS SDKs
//! (`AWS_REGION`, `AWS_ACCESS_KEY_ID`, `AWS_ENDPOINT_URL`, ...). It uses
//! the blocking client, the simplest; `awsgen::iot_jobs_data::Client` has
//! the same methods, `async`.

use std::collections::HashMap;
use std::error::Error;
use std::process::ExitCode;

use awsgen::iot_jobs_data::types::{
    GetPendingJobExecutionsRequest, JobExecutionStatus, StartNextPendingJobExecutionRequest,
    UpdateJobExecutionRequest,
};
use awsgen::iot_jobs_data::BlockingClient;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn Error>> {
    let thing_name = std::env::args()
        .nth(1)
        .ok_or("usage: job-agent <thing-name>")?;
    let jobs = BlockingClient::from_env()?;

    // What is waiting for this thing (informational: the loop below asks
    // for the next job itself).
    let pending = jobs.get_pending_job_executions(GetPendingJobExecutionsRequest {
        thing_name: thing_name.clone(),
    })?;
    println!(
        "{thing_name}: {} job(s) in progress, {} queued",
        pending.in_progress_jobs.unwrap_or_default().len(),
        pending.queued_jobs.unwrap_or_default().len()
    );

    // Take the next job until none is left.
    loop {
        let next = jobs.start_next_pending_job_execution(StartNextPendingJobExecutionRequest {
            thing_name: thing_name.clone(),
            // If the agent dies mid-job, AWS times the execution out.
            step_timeout_in_minutes: Some(10),
            ..Default::default()
        })?;
        let Some(execution) = next.execution else {
            println!("no more jobs");
            return Ok(());
        };
        let job_id = execution
            .job_id
            .ok_or("the started execution has no job id")?;
        println!("started job {job_id}");

        // Report progress (a real agent would do so as it works).
        jobs.update_job_execution(UpdateJobExecutionRequest {
            job_id: job_id.clone(),
            thing_name: thing_name.clone(),
            status: JobExecutionStatus::InProgress,
            status_details: Some(details("progress", "started")),
            ..Default::default()
        })?;
        println!("job {job_id}: progress reported");

        // Do the job, then say how it ended.
        let (status, status_details) =
            match perform(execution.job_document.as_deref().unwrap_or_default()) {
                Ok(done) => (JobExecutionStatus::Succeeded, details("result", &done)),
                Err(reason) => (JobExecutionStatus::Failed, details("reason", &reason)),
            };
        println!("job {job_id}: {status}");
        jobs.update_job_execution(UpdateJobExecutionRequest {
            job_id,
            thing_name: thing_name.clone(),
            status,
            status_details: Some(status_details),
            ..Default::default()
        })?;
    }
}

/// "Performs" a job document: `Ok` with what was done, or `Err` with why
/// the job cannot be done.
fn perform(job_document: &str) -> Result<String, String> {
    let document: serde_json::Value = serde_json::from_str(job_document)
        .map_err(|e| format!("the job document is not JSON: {e}"))?;
    match document.get("operation").and_then(|o| o.as_str()) {
        Some("reboot") => Ok("rebooted".to_owned()),
        Some("install") => Ok("installed".to_owned()),
        Some(other) => Err(format!("unknown operation {other:?}")),
        None => Err("the job document has no \"operation\"".to_owned()),
    }
}

/// Status details: a small string map AWS keeps with the execution.
fn details(key: &str, value: &str) -> HashMap<String, String> {
    HashMap::from([(key.to_owned(), value.to_owned())])
}
