//! Runs each compiled example program as a user would, a child process
//! configured only by its environment, against the test servers: the
//! job agent and `run-command` against the fake IoT Jobs Data Plane +
//! Commands server (which checks every request's SigV4 signature with
//! the test key), `list-things` against moto (needs `.ci/install-moto`;
//! the test says so otherwise; it is the async client's example). Each
//! asserts the exit status, the lines the program prints, and for the
//! fake server the state it ends in.

use std::process::{Command, Output};

use awsgen::iot::operations::{CreateThing, ListThings};
use awsgen::iot::types::{CreateThingRequest, ListThingsRequest};
use awsgen_e2e_support::call::{Target, TEST_ACCESS_KEY_ID, TEST_REGION, TEST_SECRET_ACCESS_KEY};
use awsgen_e2e_support::jobs::commands::CommandBehaviour;
use awsgen_e2e_support::jobs::FakeJobsServer;
use awsgen_e2e_support::moto::MotoServer;

/// Runs `program` with `args` in an environment holding only the region,
/// the test credentials (or `secret`) and the endpoint URL `endpoint`;
/// profile files point nowhere and instance metadata is off, so nothing
/// of the machine is read.
fn run_with(program: &str, args: &[&str], endpoint: &str, secret: &str) -> Output {
    let nowhere = std::env::temp_dir().join("awsgen-examples-no-such-dir");
    Command::new(program)
        .args(args)
        .env_clear()
        .env("AWS_REGION", TEST_REGION)
        .env("AWS_ACCESS_KEY_ID", TEST_ACCESS_KEY_ID)
        .env("AWS_SECRET_ACCESS_KEY", secret)
        .env("AWS_ENDPOINT_URL", endpoint)
        .env("AWS_CONFIG_FILE", nowhere.join("config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", nowhere.join("credentials"))
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"))
}

fn run(program: &str, args: &[&str], endpoint: &str) -> Output {
    run_with(program, args, endpoint, TEST_SECRET_ACCESS_KEY)
}

/// The program's stdout and stderr, for assertions and failure messages.
fn outputs(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn fake_server(behaviour: CommandBehaviour) -> (FakeJobsServer, String) {
    let server = FakeJobsServer::start(behaviour).unwrap_or_else(|e| panic!("fake server: {e}"));
    let url = format!("http://{}", server.addr());
    (server, url)
}

const JOB_AGENT: &str = env!("CARGO_BIN_EXE_job-agent");
const RUN_COMMAND: &str = env!("CARGO_BIN_EXE_run-command");
const LIST_THINGS: &str = env!("CARGO_BIN_EXE_list-things");

const THING: &str = "example-device";

#[test]
fn job_agent_runs_every_queued_job_to_success_or_failure() {
    let (server, url) = fake_server(CommandBehaviour::default());
    server.queue_job(THING, "reboot-1", r#"{"operation":"reboot"}"#);
    server.queue_job(THING, "flash-2", r#"{"operation":"flash"}"#);

    let output = run(JOB_AGENT, &[THING], &url);
    let (stdout, stderr) = outputs(&output);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    for line in [
        "example-device: 0 job(s) in progress, 2 queued",
        "started job reboot-1",
        "job reboot-1: progress reported",
        "job reboot-1: SUCCEEDED",
        "started job flash-2",
        "job flash-2: FAILED",
        "no more jobs",
    ] {
        assert!(stdout.lines().any(|l| l == line), "{line:?} in\n{stdout}");
    }

    // The server holds what the agent reported.
    let rebooted = server.execution(THING, "reboot-1").expect("reboot-1");
    assert_eq!(rebooted.status, "SUCCEEDED");
    assert_eq!(
        rebooted.status_details.get("result").map(String::as_str),
        Some("rebooted")
    );
    let flashed = server.execution(THING, "flash-2").expect("flash-2");
    assert_eq!(flashed.status, "FAILED");
    assert_eq!(
        flashed.status_details.get("reason").map(String::as_str),
        Some(r#"unknown operation "flash""#)
    );
    // Queued (version 1), started, progress, finished: three changes each.
    assert_eq!((rebooted.version_number, flashed.version_number), (4, 4));
}

#[test]
fn job_agent_with_a_wrong_key_fails_with_the_service_error() {
    let (server, url) = fake_server(CommandBehaviour::default());
    server.queue_job(THING, "reboot-1", r#"{"operation":"reboot"}"#);

    let output = run_with(JOB_AGENT, &[THING], &url, "not-the-secret");
    let (stdout, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains("InvalidSignatureException"), "{stderr}");
    let untouched = server.execution(THING, "reboot-1").expect("reboot-1");
    assert_eq!(untouched.status, "QUEUED");
}

#[test]
fn job_agent_without_a_thing_name_says_how_to_use_it() {
    let output = run(JOB_AGENT, &[], "http://127.0.0.1:9");
    let (_, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stderr.trim(), "error: usage: job-agent <thing-name>");
}

const COMMAND_ARN: &str = "arn:aws:iot:us-east-1:123456789012:command/reboot";
const TARGET_ARN: &str = "arn:aws:iot:us-east-1:123456789012:thing/example-device";

#[test]
fn run_command_polls_until_the_command_succeeds() {
    let (_server, url) = fake_server(CommandBehaviour {
        polls_until_done: 3,
        final_status: "SUCCEEDED".to_owned(),
    });
    let output = run(RUN_COMMAND, &[COMMAND_ARN, TARGET_ARN], &url);
    let (stdout, stderr) = outputs(&output);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "started command execution cmd-exec-00000001",
            "status: IN_PROGRESS",
            "status: IN_PROGRESS",
            "status: SUCCEEDED",
            "command execution cmd-exec-00000001 succeeded",
        ],
        "{stderr}"
    );
}

#[test]
fn run_command_exits_non_zero_when_the_command_fails() {
    let (_server, url) = fake_server(CommandBehaviour {
        polls_until_done: 1,
        final_status: "FAILED".to_owned(),
    });
    let output = run(RUN_COMMAND, &[COMMAND_ARN, TARGET_ARN], &url);
    let (stdout, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(stdout.contains("status: FAILED"), "{stdout}");
    assert!(
        stderr.starts_with("error: command execution cmd-exec-00000001 ended FAILED"),
        "{stderr}"
    );
}

#[test]
fn run_command_reports_an_unknown_command() {
    let (_server, url) = fake_server(CommandBehaviour::default());
    let not_a_command = "arn:aws:iot:us-east-1:123456789012:thing/not-a-command";
    let output = run(RUN_COMMAND, &[not_a_command, TARGET_ARN], &url);
    let (stdout, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(stderr.contains("ResourceNotFoundException"), "{stderr}");
    assert!(stderr.contains("cannot be found"), "{stderr}");
}

#[test]
fn list_things_pages_through_every_thing() {
    let moto = MotoServer::shared().unwrap_or_else(|e| panic!("{e}"));
    let iot = Target::new(moto.addr(), "iot");
    let names = ["lamp-1", "lamp-2", "lamp-3", "lamp-4", "lamp-5"];
    for name in names {
        iot.call::<CreateThing>(&CreateThingRequest {
            thing_name: name.into(),
            ..Default::default()
        })
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|e| panic!("CreateThing {name}: {e}"));
    }

    // moto does send pages of two (so the program below follows tokens).
    let first = iot
        .call::<ListThings>(&ListThingsRequest {
            max_results: Some(2),
            ..Default::default()
        })
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|e| panic!("ListThings: {e}"));
    assert_eq!(first.things.unwrap_or_default().len(), 2);
    assert!(first.next_token.is_some_and(|t| !t.is_empty()));

    // Pages of two: three pages, all things.
    let output = run(LIST_THINGS, &["2"], &moto.url());
    let (stdout, stderr) = outputs(&output);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    let mut listed: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.split_once('\t').map(|(name, _)| name))
        .collect();
    listed.sort_unstable();
    assert_eq!(listed, names, "{stdout}");
    assert_eq!(stdout.lines().last(), Some("5 thing(s)"), "{stdout}");
}

#[test]
fn list_things_with_a_bad_page_size_says_why() {
    let output = run(LIST_THINGS, &["two"], "http://127.0.0.1:9");
    let (stdout, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    assert_eq!(
        stderr.trim(),
        "error: page size \"two\": invalid digit found in string"
    );
}

#[test]
fn list_things_reports_an_unreachable_endpoint() {
    // Nothing listens on port 9 (discard) here: the async transport's
    // connection error is retried (transient), then ends the program.
    let output = run(LIST_THINGS, &[], "http://127.0.0.1:9");
    let (stdout, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(
        stderr.starts_with("error: no response after 3 attempt(s): could not connect"),
        "{stderr}"
    );
    assert!(stdout.is_empty(), "{stdout}");
}
