//! Whole calls of the generated clients against the official AWS SDK for
//! Rust, each over an in-memory transport answering the same bytes,
//! interleaved in one process (see `paired.rs`); run by `cargo xtask
//! bench-vs-sdk`, which reads the `VS-SDK-JSON` line this prints.
//!
//! A call is what a user's `.await` does: build the input, validate,
//! serialize, resolve the endpoint, sign (SigV4, fixed credentials, a
//! stopped clock), send to memory, parse the response. Both clients run
//! on the same current-thread tokio runtime, with default retries.
//!
//! ```text
//! per-call [--rounds N] [--batch-ms MS] [--only CASE]...
//! per-call --loop CASE awsgen|sdk SECONDS     # one side alone, for perf
//! ```

mod awsgen_side;
mod canned;
// The project's benches' clock, shared by path (this is a workspace of its own).
#[path = "../../../benches/support/thread_clock.rs"]
mod clock;
// The paired rounds of the project's other benches, shared by path.
#[path = "../../../benches/support/paired_rounds.rs"]
mod paired;
mod sdk_side;

use std::future::Future;
use std::hint::black_box;
use std::process::ExitCode;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use awsgen_runtime::client::ReplayClient;
use tokio::runtime::Runtime;

use clock::Clock;
use paired::Paired;
use sdk_side::FirstRequest;

/// The inline job document of the CreateJob calls.
pub const JOB_DOCUMENT: &str = r#"{"operation":"firmwareUpdate","firmwareVersion":"4.2.1","url":"${aws:iot:s3-presigned-url:https://s3.amazonaws.com/fw-bucket/fw-4.2.1.bin}","sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}"#;

/// The cases, by the metric name `cargo xtask bench-vs-sdk` reports.
const CASES: [&str; 4] = [
    "per_call_describe_job",
    "per_call_start_command_execution",
    "per_call_list_things_100",
    "per_call_create_job",
];

struct Options {
    rounds: usize,
    batch_ms: f64,
    only: Vec<String>,
    profile: Option<(String, Side, f64)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Awsgen,
    Sdk,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        rounds: 300,
        batch_ms: 5.0,
        only: Vec::new(),
        profile: None,
    };
    let mut args = std::env::args().skip(1);
    let number = |flag: &str, value: Option<String>| -> Result<f64, String> {
        value
            .as_deref()
            .and_then(|v| v.parse::<f64>().ok())
            .filter(|v| *v > 0.0)
            .ok_or_else(|| format!("{flag} needs a positive number"))
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rounds" => options.rounds = number("--rounds", args.next())? as usize,
            "--batch-ms" => options.batch_ms = number("--batch-ms", args.next())?,
            "--only" => options
                .only
                .push(args.next().ok_or("--only needs a case name")?),
            "--loop" => {
                let case = args.next().ok_or("--loop needs CASE SIDE SECONDS")?;
                let side = match args.next().as_deref() {
                    Some("awsgen") => Side::Awsgen,
                    Some("sdk") => Side::Sdk,
                    _ => return Err("--loop CASE SIDE SECONDS: SIDE is awsgen or sdk".into()),
                };
                options.profile = Some((case, side, number("--loop SECONDS", args.next())?));
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    for case in options
        .only
        .iter()
        .chain(options.profile.iter().map(|(case, _, _)| case))
    {
        if !CASES.contains(&case.as_str()) {
            return Err(format!(
                "unknown case {case:?}; cases: {}",
                CASES.join(", ")
            ));
        }
    }
    Ok(options)
}

/// Makes `n` calls of `call` on `rt`, one after the other.
fn calls<F: Future>(rt: &Runtime, n: u64, call: &impl Fn() -> F) {
    rt.block_on(async {
        for _ in 0..n {
            black_box(call().await);
        }
    });
}

/// The generated client's first request: signed for the region, at the
/// stopped clock's date.
fn check_ours(replay: &ReplayClient) -> FirstRequest {
    let requests = replay.take_requests();
    let request = requests.first().expect("the check call sent a request");
    FirstRequest {
        uri: request.uri().to_string(),
        authorization: request
            .headers()
            .get("authorization")
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned(),
        body: request.body().clone(),
    }
}

/// Both sides' first requests went to the same URI and were signed alike.
fn check_requests(case: &str, ours: &FirstRequest, sdk: &OnceLock<FirstRequest>) {
    let sdk = sdk.get().expect("the SDK's check call sent a request");
    let scope = format!(
        "AWS4-HMAC-SHA256 Credential={}/20240601/{}/",
        canned::ACCESS_KEY_ID,
        canned::REGION
    );
    for (side, request) in [("awsgen", ours), ("aws-sdk", sdk)] {
        assert!(
            request.authorization.starts_with(&scope),
            "{case}: {side}'s request is not signed as expected: {:?}",
            request.authorization
        );
    }
    assert_eq!(
        ours.uri, sdk.uri,
        "{case}: the two sides called different URIs"
    );
    eprintln!(
        "{case}: {} (request body: awsgen {} bytes, aws-sdk {} bytes)",
        ours.uri,
        ours.body.len(),
        sdk.body.len()
    );
}

/// Checks one call of each side, then times them paired (or one side
/// alone, for a profiler, with `--loop`).
#[allow(clippy::too_many_arguments)]
fn measure<FA, FB, A, B>(
    case: &str,
    rt: &Runtime,
    clock: Clock,
    options: &Options,
    replay: &ReplayClient,
    first: &OnceLock<FirstRequest>,
    awsgen: impl Fn() -> FA,
    sdk: impl Fn() -> FB,
    check: impl Fn(&A, &B),
) -> Option<Paired>
where
    FA: Future<Output = A>,
    FB: Future<Output = B>,
{
    let a = rt.block_on(awsgen());
    let b = rt.block_on(sdk());
    check(&a, &b);
    check_requests(case, &check_ours(replay), first);
    let awsgen_calls = |n| {
        calls(rt, n, &awsgen);
        // The replay keeps every request; drop them with the batch, as
        // the SDK's connector drops each one.
        drop(replay.take_requests());
    };
    let sdk_calls = |n| calls(rt, n, &sdk);
    if let Some((_, side, seconds)) = &options.profile {
        let end = Instant::now() + Duration::from_secs_f64(*seconds);
        while Instant::now() < end {
            match side {
                Side::Awsgen => awsgen_calls(1_000),
                Side::Sdk => sdk_calls(1_000),
            }
        }
        return None;
    }
    Some(paired::pair(
        || clock.now_ns(),
        options.rounds,
        options.batch_ms * 1e6,
        200,
        awsgen_calls,
        sdk_calls,
    ))
}

fn run_case(case: &str, rt: &Runtime, clock: Clock, options: &Options) -> Option<Paired> {
    match case {
        "per_call_describe_job" => {
            let (ours, replay) = awsgen_side::iot(canned::DESCRIBE_JOB);
            let (sdk, first) = sdk_side::iot(canned::DESCRIBE_JOB);
            measure(
                case,
                rt,
                clock,
                options,
                &replay,
                &first,
                || awsgen_side::describe_job(&ours),
                || sdk_side::describe_job(&sdk),
                |a, b| {
                    let a = a.job.as_ref().expect("a job");
                    let b = b.job().expect("a job");
                    assert_eq!(a.job_id.as_deref(), Some(canned::JOB_ID));
                    assert_eq!(b.job_id(), Some(canned::JOB_ID));
                    assert_eq!(a.comment.as_deref(), b.comment());
                    let parameters = b.document_parameters().expect("document parameters");
                    assert_eq!(
                        a.document_parameters.as_ref().map(|p| p.len()),
                        Some(parameters.len())
                    );
                },
            )
        }
        "per_call_start_command_execution" => {
            let (ours, replay) = awsgen_side::jobs(canned::START_COMMAND_EXECUTION);
            let (sdk, first) = sdk_side::jobs(canned::START_COMMAND_EXECUTION);
            measure(
                case,
                rt,
                clock,
                options,
                &replay,
                &first,
                || awsgen_side::start_command_execution(&ours),
                || sdk_side::start_command_execution(&sdk),
                |a, b| {
                    assert_eq!(a.execution_id.as_deref(), Some(canned::EXECUTION_ID));
                    assert_eq!(b.execution_id(), Some(canned::EXECUTION_ID));
                },
            )
        }
        "per_call_list_things_100" => {
            let (ours, replay) = awsgen_side::iot(canned::LIST_THINGS);
            let (sdk, first) = sdk_side::iot(canned::LIST_THINGS);
            measure(
                case,
                rt,
                clock,
                options,
                &replay,
                &first,
                || awsgen_side::list_things(&ours),
                || sdk_side::list_things(&sdk),
                |a, b| {
                    let a = a.things.as_deref().expect("things");
                    let b = b.things();
                    assert_eq!((a.len(), b.len()), (100, 100));
                    assert_eq!(a[99].thing_name.as_deref(), Some("sensor-0099"));
                    assert_eq!(b[99].thing_name(), Some("sensor-0099"));
                    assert_eq!(
                        a[1].attributes.as_ref().and_then(|m| m.get("serial")),
                        b[1].attributes().and_then(|m| m.get("serial"))
                    );
                },
            )
        }
        "per_call_create_job" => {
            let (ours, replay) = awsgen_side::iot(canned::CREATE_JOB);
            let (sdk, first) = sdk_side::iot(canned::CREATE_JOB);
            measure(
                case,
                rt,
                clock,
                options,
                &replay,
                &first,
                || awsgen_side::create_job(&ours),
                || sdk_side::create_job(&sdk),
                |a, b| {
                    assert_eq!(a.job_arn.as_deref(), Some(canned::JOB_ARN));
                    assert_eq!(b.job_arn(), Some(canned::JOB_ARN));
                },
            )
        }
        _ => unreachable!("cases are checked when parsing the arguments"),
    }
}

/// The line `cargo xtask bench-vs-sdk` reads: each case's µs per call,
/// ratio and its spread.
fn json_line(results: &[(&str, Paired)]) -> String {
    let entries: Vec<String> = results
        .iter()
        .map(|(case, p)| {
            format!(
                "\"{case}\":{{\"awsgen\":{:.3},\"aws_sdk\":{:.3},\"ratio\":{:.4},\"ratio_p10\":{:.4},\"ratio_p90\":{:.4},\"rounds\":{},\"batch\":{},\"unit\":\"us\"}}",
                p.ours_ns / 1e3, p.base_ns / 1e3, p.ratio, p.ratio_p10, p.ratio_p90, p.rounds, p.batch
            )
        })
        .collect();
    format!("VS-SDK-JSON {{{}}}", entries.join(","))
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("per-call: {message}");
            return ExitCode::FAILURE;
        }
    };
    let clock = match Clock::from_env() {
        Ok(clock) => clock,
        Err(message) => {
            eprintln!("per-call: {message}");
            return ExitCode::FAILURE;
        }
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a current-thread runtime");
    if let Some((case, side, seconds)) = &options.profile {
        eprintln!("per-call: {case}, {side:?} alone for {seconds} s");
        run_case(case, &rt, clock, &options);
        return ExitCode::SUCCESS;
    }
    println!(
        "per call ({}, {} rounds, batches of about {} ms of the slower side)",
        clock.name(),
        options.rounds,
        options.batch_ms
    );
    let mut results = Vec::new();
    for case in CASES {
        if !options.only.is_empty() && !options.only.iter().any(|c| c == case) {
            continue;
        }
        if let Some(result) = run_case(case, &rt, clock, &options) {
            println!(
                "{case:<34} awsgen {:>8.2} µs   aws-sdk {:>8.2} µs   ratio {:.3} (p10-p90 {:.3}-{:.3}, batches of {})",
                result.ours_ns / 1e3, result.base_ns / 1e3, result.ratio, result.ratio_p10, result.ratio_p90, result.batch
            );
            results.push((case, result));
        }
    }
    println!("{}", json_line(&results));
    ExitCode::SUCCESS
}
