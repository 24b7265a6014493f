//! Runs an AWS IoT command on a device and waits for its outcome:
//! `StartCommandExecution` (IoT Jobs Data Plane) starts it, then
//! `GetCommandExecution` (the IoT control plane) is polled until the
//! execution reaches a terminal status.
//!
//! Usage: `run-command <command-arn> <target-arn>`, e.g. a command made
//! with `CreateCommand` and a thing's ARN. It exits 0 when the command
//! succeeded, and non-zero (printing why) when it failed, was rejected,
//! timed out, or a call failed.
//!
//! Two clients, because the two operations belong to two services (signed
//! as `iot-jobs-data` and `iot`); both read region, credentials and
//! endpoint from the environment and profile files, as the AWS SDKs do
//! (`AWS_ENDPOINT_URL_IOT_JOBS_DATA_PLANE` and `AWS_ENDPOINT_URL_IOT`
//! override each one, `AWS_ENDPOINT_URL` both). Blocking clients, the
//! simplest; the `Client`s have the same methods, `async`.

use std::error::Error;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use awsgen::iot::types::{CommandExecutionStatus, GetCommandExecutionRequest};
use awsgen::iot_jobs_data::types::StartCommandExecutionRequest;

/// Time between two polls.
const POLL_INTERVAL: Duration = Duration::from_millis(500);
/// How long the device has to run the command; this program stops
/// waiting a little after it.
const EXECUTION_TIMEOUT_SECONDS: u16 = 60;

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
    let mut args = std::env::args().skip(1);
    let (Some(command_arn), Some(target_arn)) = (args.next(), args.next()) else {
        return Err("usage: run-command <command-arn> <target-arn>".into());
    };
    let jobs = awsgen::iot_jobs_data::BlockingClient::from_env()?;
    let iot = awsgen::iot::BlockingClient::from_env()?;

    let started = jobs.start_command_execution(StartCommandExecutionRequest {
        command_arn,
        target_arn: target_arn.clone(),
        execution_timeout_seconds: Some(i64::from(EXECUTION_TIMEOUT_SECONDS)),
        ..Default::default()
    })?;
    let execution_id = started
        .execution_id
        .ok_or("StartCommandExecution returned no execution id")?;
    println!("started command execution {execution_id}");

    let deadline = Instant::now() + Duration::from_secs(u64::from(EXECUTION_TIMEOUT_SECONDS) + 10);
    while Instant::now() < deadline {
        let execution = iot.get_command_execution(GetCommandExecutionRequest {
            execution_id: execution_id.clone(),
            target_arn: target_arn.clone(),
            ..Default::default()
        })?;
        let status = execution
            .status
            .ok_or("GetCommandExecution returned no status")?;
        println!("status: {status}");
        match status {
            CommandExecutionStatus::Created | CommandExecutionStatus::InProgress => {
                std::thread::sleep(POLL_INTERVAL);
            }
            CommandExecutionStatus::Succeeded => {
                println!("command execution {execution_id} succeeded");
                return Ok(());
            }
            // FAILED, REJECTED, TIMED_OUT, or a status newer than this
            // crate: all terminal, none a success.
            other => {
                let reason = execution
                    .status_reason
                    .map(|r| {
                        let description = r.reason_description.unwrap_or_default();
                        format!(": {} {description}", r.reason_code)
                    })
                    .unwrap_or_default();
                return Err(
                    format!("command execution {execution_id} ended {other}{reason}").into(),
                );
            }
        }
    }
    Err(format!("command execution {execution_id} did not finish in time").into())
}
