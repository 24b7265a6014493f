//! `cargo xtask bench-vs-sdk`: the generated crate side by side with the
//! official AWS SDK for Rust (`aws-sdk-iot`, `aws-sdk-iotjobsdataplane`)
//! in one run: whole calls over in-memory transports, the crates' own
//! debug builds, a minimal program's cold debug build and its stripped
//! release binary. Everything is built in `benches/vs-sdk/`, a workspace
//! of its own (its lockfile pins the SDK), so neither the project's
//! lockfile nor CI ever builds the SDK.
//!
//! Prints a table and writes `target/bench-vs-sdk.json`:
//! `{"<metric>": {"awsgen": x, "aws_sdk": y, "ratio": x/y, "unit": "us"|"s"|"bytes"}}`.
//! How each figure is taken is in `docs/performance.md`.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::codegen::repo_root;

/// What to run.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Leave out the build metrics (own, cold, binary size).
    pub skip_builds: bool,
    /// Leave out the per-call metrics.
    pub skip_per_call: bool,
    /// Rounds of the per-call bench (each round: one batch of each side).
    pub rounds: usize,
}

/// The unit of a metric, as written in the JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Microseconds per call.
    Us,
    /// Seconds of wall time.
    S,
    /// Bytes.
    Bytes,
}

impl Unit {
    fn as_str(self) -> &'static str {
        match self {
            Unit::Us => "us",
            Unit::S => "s",
            Unit::Bytes => "bytes",
        }
    }
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    /// The metric's name in the JSON (`per_call_describe_job`, …).
    pub name: String,
    /// The generated crate's figure.
    pub awsgen: f64,
    /// The SDK's figure.
    pub aws_sdk: f64,
    /// What the figures are in.
    pub unit: Unit,
    /// Shown in the table only: spread, CPU time, what was measured.
    pub note: String,
}

impl Metric {
    /// awsgen / SDK.
    pub fn ratio(&self) -> f64 {
        self.awsgen / self.aws_sdk
    }

    /// The issue's target for this metric: the ratio must not exceed it.
    pub fn target(&self) -> Option<f64> {
        match self.name.as_str() {
            name if name.starts_with("per_call_") => Some(0.2),
            "own_debug_build" => Some(0.2),
            "cold_debug_build" => Some(0.33),
            "release_binary_size" => Some(0.5),
            _ => None,
        }
    }
}

/// The JSON written to `target/bench-vs-sdk.json`: one object per metric,
/// in the order measured.
pub fn to_json(metrics: &[Metric]) -> serde_json::Value {
    let mut map = serde_json::Map::new();
    for metric in metrics {
        map.insert(
            metric.name.clone(),
            serde_json::json!({
                "awsgen": metric.awsgen,
                "aws_sdk": metric.aws_sdk,
                "ratio": metric.ratio(),
                "unit": metric.unit.as_str(),
            }),
        );
    }
    serde_json::Value::Object(map)
}

fn figure(value: f64, unit: Unit) -> String {
    match unit {
        Unit::Us => format!("{value:.2} µs"),
        Unit::S => format!("{value:.1} s"),
        Unit::Bytes => format!("{:.2} MB", value / 1e6),
    }
}

/// The table printed at the end.
pub fn table(metrics: &[Metric]) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{:<34} {:>12} {:>12} {:>7} {:>7}  {}\n",
        "metric", "awsgen", "aws-sdk", "ratio", "target", "notes"
    ));
    for metric in metrics {
        let target = match metric.target() {
            Some(target) if metric.ratio() <= target => format!("≤{target} ✓"),
            Some(target) => format!("≤{target} ✗"),
            None => String::new(),
        };
        out.push_str(&format!(
            "{:<34} {:>12} {:>12} {:>7.3} {:>7}  {}\n",
            metric.name,
            figure(metric.awsgen, metric.unit),
            figure(metric.aws_sdk, metric.unit),
            metric.ratio(),
            target,
            metric.note
        ));
    }
    out
}

/// The metrics in the `VS-SDK-JSON` line the per-call bench prints.
pub fn parse_per_call(stdout: &str) -> Result<Vec<Metric>> {
    let line = stdout
        .lines()
        .find_map(|line| line.strip_prefix("VS-SDK-JSON "))
        .context("the per-call bench printed no `VS-SDK-JSON` line")?;
    let value: serde_json::Value =
        serde_json::from_str(line).context("the per-call bench's JSON line does not parse")?;
    let object = value
        .as_object()
        .context("the per-call bench's JSON is not an object")?;
    let mut metrics = Vec::new();
    for (name, entry) in object {
        let number = |key: &str| {
            entry
                .get(key)
                .and_then(serde_json::Value::as_f64)
                .with_context(|| format!("{name}: no number `{key}` in the per-call JSON"))
        };
        metrics.push(Metric {
            name: name.clone(),
            awsgen: number("awsgen")?,
            aws_sdk: number("aws_sdk")?,
            unit: Unit::Us,
            note: format!(
                "paired ratio {:.3} (p10-p90 {:.3}-{:.3}), {} rounds",
                number("ratio")?,
                number("ratio_p10")?,
                number("ratio_p90")?,
                number("rounds")?
            ),
        });
    }
    Ok(metrics)
}

/// Runs everything `options` asks for; prints the table and writes the JSON.
pub fn run(options: Options) -> Result<ExitCode> {
    let root = repo_root();
    let workspace = root.join("benches/vs-sdk");
    let manifest = workspace.join("Cargo.toml");
    if !manifest.is_file() {
        bail!("{} is missing", manifest.display());
    }
    let bench = Bench::new(&workspace);
    println!("bench-vs-sdk: {}", machine());
    bench.cargo(&["fetch", "--locked"], &bench.target)?;
    let mut metrics = Vec::new();
    if !options.skip_per_call {
        metrics.extend(bench.per_call(options.rounds)?);
    }
    if !options.skip_builds {
        metrics.extend(bench.builds()?);
    }
    let out = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
    let path = out.join("bench-vs-sdk.json");
    let json = serde_json::to_string_pretty(&to_json(&metrics))?;
    std::fs::write(&path, json + "\n").with_context(|| format!("writing {}", path.display()))?;
    println!();
    print!("{}", table(&metrics));
    println!("written to {}", path.display());
    Ok(ExitCode::SUCCESS)
}

/// The machine, for the report: CPU model, cores, load average.
fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find_map(|line| line.strip_prefix("model name"))
                .map(|rest| rest.trim_start_matches([' ', '\t', ':']).to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    format!("{cpu}, {cores} cores, load average {}", load_average())
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|load| {
            load.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|| "unknown".into())
}

/// One side of the build metrics.
struct Side {
    /// `awsgen` or `sdk`, in directory names.
    name: &'static str,
    /// The minimal program's package (one DescribeJob call).
    program: &'static str,
    /// The crate whose own build is timed.
    krate: &'static str,
}

const SIDES: [Side; 2] = [
    Side {
        name: "awsgen",
        program: "minimal-awsgen",
        krate: "awsgen",
    },
    Side {
        name: "sdk",
        program: "minimal-sdk",
        krate: "aws-sdk-iot",
    },
];

/// A finished command: wall time, the CPU time of its processes, output.
struct Ran {
    wall: Duration,
    cpu: Duration,
    stdout: String,
}

struct Bench {
    workspace: PathBuf,
    /// The workspace's own target directory (release builds).
    target: PathBuf,
    cargo: String,
}

impl Bench {
    fn new(workspace: &Path) -> Self {
        Self {
            workspace: workspace.to_path_buf(),
            target: workspace.join("target"),
            cargo: std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()),
        }
    }

    /// Runs `cargo ARGS` in the workspace with `target` as its target
    /// directory: stderr is passed through as it comes (cargo's progress)
    /// and its last lines kept for the error; stdout is captured.
    fn cargo(&self, args: &[&str], target: &Path) -> Result<Ran> {
        let mut command = Command::new(&self.cargo);
        command.args(args).current_dir(&self.workspace);
        self.configure(&mut command, target);
        let shown = format!("cargo {}", args.join(" "));
        run_command(command, &shown)
    }

    /// The same settings for every build, whatever the caller's
    /// environment: Cargo's default profiles (the workspace's
    /// `Cargo.toml` has what differs), no incremental compilation (the
    /// generated crate would get it as a path dependency, the SDK's
    /// crates never do).
    ///
    /// The variables `cargo run` set for this xtask (`CARGO_PKG_NAME`,
    /// `CARGO_MANIFEST_DIR`, …) go too: build scripts that watch them
    /// (`ring`'s does) would otherwise see them change between a build
    /// from a shell and one from here, and rebuild half the SDK.
    fn configure(&self, command: &mut Command, target: &Path) {
        for (key, _) in std::env::vars_os() {
            if inherited_by_mistake(&key.to_string_lossy()) {
                command.env_remove(&key);
            }
        }
        command
            .env("CARGO_INCREMENTAL", "0")
            .env("CARGO_TARGET_DIR", target);
    }

    fn per_call(&self, rounds: usize) -> Result<Vec<Metric>> {
        println!("\n== per call: release build of the bench");
        self.cargo(
            &["build", "--release", "--locked", "-p", "per-call"],
            &self.target,
        )?;
        println!(
            "== per call: {rounds} rounds (load average {})",
            load_average()
        );
        let binary = self.target.join("release/per-call");
        let mut command = Command::new(&binary);
        command.args(["--rounds", &rounds.to_string()]);
        let ran = run_command(command, &format!("{} --rounds {rounds}", binary.display()))?;
        print!("{}", ran.stdout);
        parse_per_call(&ran.stdout)
    }

    fn builds(&self) -> Result<Vec<Metric>> {
        let mut own = Vec::new();
        let mut cold = Vec::new();
        let mut size = Vec::new();
        for side in &SIDES {
            let dir = self.target.join(format!("cold-{}", side.name));
            if dir.exists() {
                std::fs::remove_dir_all(&dir)
                    .with_context(|| format!("removing {}", dir.display()))?;
            }
            println!(
                "\n== cold debug build of {} (load average {})",
                side.program,
                load_average()
            );
            let ran = self.cargo(&["build", "--locked", "-p", side.program], &dir)?;
            println!(
                "   {:.1} s wall, {:.1} s CPU",
                ran.wall.as_secs_f64(),
                ran.cpu.as_secs_f64()
            );
            cold.push(ran);

            println!(
                "== own debug build of {} (load average {})",
                side.krate,
                load_average()
            );
            // The cold build's own command again, so that every other
            // unit is fresh (the same features); `--timings` gives the
            // crate's own compilation time apart from the program's.
            self.cargo(&["clean", "--locked", "-p", side.krate], &dir)?;
            let ran = self.cargo(
                &["build", "--locked", "--timings", "-p", side.program],
                &dir,
            )?;
            let report = dir.join("cargo-timings/cargo-timing.html");
            let html = std::fs::read_to_string(&report)
                .with_context(|| format!("reading {}", report.display()))?;
            let seconds = unit_duration(&html, side.krate)
                .with_context(|| format!("in {}", report.display()))?;
            println!(
                "   {seconds:.1} s for {} alone ({:.1} s wall with {}, {:.1} s CPU)",
                side.krate,
                ran.wall.as_secs_f64(),
                side.program,
                ran.cpu.as_secs_f64()
            );
            own.push(Ran {
                wall: Duration::from_secs_f64(seconds),
                ..ran
            });

            println!("== release build of {}", side.program);
            self.cargo(
                &["build", "--release", "--locked", "-p", side.program],
                &self.target,
            )?;
            let bytes = stripped_size(&self.target.join("release").join(side.program))?;
            println!("   {:.2} MB stripped", bytes as f64 / 1e6);
            size.push(bytes);
        }
        let timed = |name: &str, ran: &[Ran], what: &str| Metric {
            name: name.into(),
            awsgen: ran[0].wall.as_secs_f64(),
            aws_sdk: ran[1].wall.as_secs_f64(),
            unit: Unit::S,
            note: format!(
                "{what} (CPU {:.1} s / {:.1} s)",
                ran[0].cpu.as_secs_f64(),
                ran[1].cpu.as_secs_f64()
            ),
        };
        Ok(vec![
            timed(
                "own_debug_build",
                &own,
                "the crate's unit in --timings, dependencies built; CPU of the whole rebuild",
            ),
            timed(
                "cold_debug_build",
                &cold,
                "one DescribeJob call, empty target dir",
            ),
            Metric {
                name: "release_binary_size".into(),
                awsgen: size[0] as f64,
                aws_sdk: size[1] as f64,
                unit: Unit::Bytes,
                note: format!("{} vs {} bytes, stripped", size[0], size[1]),
            },
        ])
    }
}

/// Whether a variable of this process's environment must not reach the
/// cargo commands it runs (see `Bench::configure`).
fn inherited_by_mistake(key: &str) -> bool {
    key.starts_with("CARGO_PROFILE_")
        || key.starts_with("CARGO_BUILD_")
        || key.starts_with("CARGO_PKG_")
        || matches!(
            key,
            "CARGO_TARGET_DIR"
                | "CARGO_INCREMENTAL"
                | "CARGO_MANIFEST_DIR"
                | "CARGO_MANIFEST_PATH"
                | "CARGO_MANIFEST_LINKS"
                | "CARGO_CRATE_NAME"
                | "CARGO_BIN_NAME"
                | "CARGO_PRIMARY_PACKAGE"
                | "CARGO_RUSTC_CURRENT_DIR"
        )
}

/// How long compiling `krate` took, from the unit table (`UNIT_DATA`) of
/// a `cargo build --timings` report.
pub fn unit_duration(html: &str, krate: &str) -> Result<f64> {
    let start = html
        .find("const UNIT_DATA = ")
        .context("no `const UNIT_DATA` in the timings report")?
        + "const UNIT_DATA = ".len();
    let end = html[start..]
        .find("];")
        .context("`UNIT_DATA` does not end in the timings report")?
        + start
        + 1;
    let units: serde_json::Value = serde_json::from_str(&html[start..end])
        .context("the timings report's `UNIT_DATA` does not parse")?;
    units
        .as_array()
        .into_iter()
        .flatten()
        .filter(|unit| unit["name"] == krate)
        .filter_map(|unit| unit["duration"].as_f64())
        .reduce(f64::max)
        .with_context(|| format!("no unit of `{krate}` in the timings report"))
}

/// The size of `binary` once stripped (`strip` on a copy: the release
/// profile keeps line tables for profiling).
fn stripped_size(binary: &Path) -> Result<u64> {
    let copy = binary.with_extension("stripped");
    std::fs::copy(binary, &copy)
        .with_context(|| format!("copying {} to strip it", binary.display()))?;
    let mut command = Command::new("strip");
    command.arg(&copy);
    run_command(command, &format!("strip {}", copy.display()))?;
    let bytes = std::fs::metadata(&copy)
        .with_context(|| format!("reading {}", copy.display()))?
        .len();
    let _ = std::fs::remove_file(&copy);
    Ok(bytes)
}

/// Runs `command`, passing its stderr through and keeping the last lines
/// for the error; fails with the command, its exit status and those lines.
fn run_command(mut command: Command, shown: &str) -> Result<Ran> {
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    let cpu_before = children_cpu();
    let started = Instant::now();
    let mut child = command
        .spawn()
        .with_context(|| format!("could not start `{shown}`"))?;
    let stderr = child.stderr.take().context("no stderr pipe")?;
    let tail = std::thread::spawn(move || {
        let mut tail = VecDeque::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            eprintln!("{line}");
            if tail.len() == 20 {
                tail.pop_front();
            }
            tail.push_back(line);
        }
        tail
    });
    let mut stdout = String::new();
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            stdout.push_str(&line);
            stdout.push('\n');
        }
    }
    let status = child
        .wait()
        .with_context(|| format!("waiting for `{shown}`"))?;
    let wall = started.elapsed();
    let cpu = children_cpu().saturating_sub(cpu_before);
    let tail = tail.join().unwrap_or_default();
    if !status.success() {
        let tail: Vec<String> = tail.into_iter().collect();
        bail!(
            "`{shown}` failed ({status}); the last lines of its stderr:\n{}",
            tail.join("\n")
        );
    }
    Ok(Ran { wall, cpu, stdout })
}

/// User and system CPU time of this process's finished children (and
/// theirs: cargo waits for every rustc).
fn children_cpu() -> Duration {
    // SAFETY: `getrusage` only writes the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        if libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) != 0 {
            return Duration::ZERO;
        }
        usage
    };
    let time = |t: libc::timeval| {
        Duration::from_secs(u64::try_from(t.tv_sec).unwrap_or_default())
            + Duration::from_micros(u64::try_from(t.tv_usec).unwrap_or_default())
    };
    time(usage.ru_utime) + time(usage.ru_stime)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metric(name: &str, awsgen: f64, aws_sdk: f64, unit: Unit) -> Metric {
        Metric {
            name: name.into(),
            awsgen,
            aws_sdk,
            unit,
            note: String::new(),
        }
    }

    #[test]
    fn json_has_one_object_per_metric_in_order_with_the_ratio() {
        let metrics = [
            metric("per_call_describe_job", 5.0, 50.0, Unit::Us),
            metric("release_binary_size", 1_000.0, 4_000.0, Unit::Bytes),
        ];
        let json = to_json(&metrics);
        assert_eq!(
            json,
            serde_json::json!({
                "per_call_describe_job": {"awsgen": 5.0, "aws_sdk": 50.0, "ratio": 0.1, "unit": "us"},
                "release_binary_size": {"awsgen": 1000.0, "aws_sdk": 4000.0, "ratio": 0.25, "unit": "bytes"},
            })
        );
        let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["per_call_describe_job", "release_binary_size"]);
    }

    #[test]
    fn table_marks_targets_met_and_missed() {
        let table = table(&[
            metric("per_call_list_things_100", 30.0, 100.0, Unit::Us),
            metric("cold_debug_build", 40.0, 160.0, Unit::S),
        ]);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("metric"));
        assert!(lines[1].contains("30.00 µs"), "{}", lines[1]);
        assert!(lines[1].contains("0.300"), "{}", lines[1]);
        assert!(lines[1].contains("≤0.2 ✗"), "{}", lines[1]);
        assert!(lines[2].contains("160.0 s"), "{}", lines[2]);
        assert!(lines[2].contains("≤0.33 ✓"), "{}", lines[2]);
    }

    #[test]
    fn per_call_line_is_read_among_other_output() {
        let stdout = "per call (thread CPU time, 3 rounds)\n\
            per_call_describe_job  awsgen 5 µs\n\
            VS-SDK-JSON {\"per_call_describe_job\":{\"awsgen\":5.5,\"aws_sdk\":44.0,\"ratio\":0.125,\"ratio_p10\":0.1,\"ratio_p90\":0.15,\"rounds\":3,\"batch\":64,\"unit\":\"us\"}}\n";
        let metrics = parse_per_call(stdout).unwrap();
        assert_eq!(metrics.len(), 1);
        assert_eq!(metrics[0].name, "per_call_describe_job");
        assert_eq!((metrics[0].awsgen, metrics[0].aws_sdk), (5.5, 44.0));
        assert_eq!(metrics[0].unit, Unit::Us);
        assert!(metrics[0].note.contains("0.125"), "{}", metrics[0].note);
    }

    #[test]
    fn a_missing_or_broken_per_call_line_is_an_error() {
        let error = parse_per_call("nothing here\n").unwrap_err();
        assert!(error.to_string().contains("VS-SDK-JSON"), "{error}");
        let error = parse_per_call("VS-SDK-JSON {\"x\":{\"awsgen\":1}}\n").unwrap_err();
        assert!(error.to_string().contains("aws_sdk"), "{error}");
    }

    #[test]
    fn a_crates_compile_time_is_read_from_the_timings_report() {
        let html = r#"<script>
const UNIT_DATA = [
  {"i": 0, "name": "awsgen", "version": "0.1.0", "mode": "todo", "target": "", "features": [],
   "start": 0.2, "duration": 6.25, "unblocked_units": [], "sections": null},
  {"i": 1, "name": "minimal-awsgen", "version": "0.1.0", "mode": "todo", "target": " minimal-awsgen \"bin\"",
   "features": [], "start": 6.5, "duration": 1.5, "unblocked_units": [], "sections": null}
];
const CONCURRENCY_DATA = [];
</script>"#;
        assert_eq!(unit_duration(html, "awsgen").unwrap(), 6.25);
        let error = unit_duration(html, "aws-sdk-iot").unwrap_err();
        assert!(error.to_string().contains("aws-sdk-iot"), "{error}");
        assert!(unit_duration("<html></html>", "awsgen").is_err());
    }

    #[test]
    fn a_failing_command_names_itself_its_status_and_its_stderr() {
        let mut command = Command::new("sh");
        command.args(["-c", "echo first >&2; echo last >&2; exit 3"]);
        let error = run_command(command, "sh -c ...").err().unwrap().to_string();
        assert!(error.contains("`sh -c ...` failed"), "{error}");
        assert!(error.contains("exit status: 3"), "{error}");
        assert!(error.ends_with("first\nlast"), "{error}");
    }
}
