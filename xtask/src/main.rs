//! Developer commands, run as `cargo xtask <command>`.

/// mimalloc: the emitters and prettyplease allocate and free millions of
/// small token trees; with it the release pipeline spends about a sixth less
/// CPU than with the system allocator (docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod bench_vs_sdk;
mod changelog;
mod codegen;
mod import_models;
mod write;

use std::path::PathBuf;
use std::process::ExitCode;

use awsgen_codegen::changelog::Date;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "Generate the AWS IoT crate from AWS service models",
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate generated/ from the models in models/ (or one model into --out).
    Codegen {
        /// Write nothing; fail listing the files that are out of date.
        #[arg(long)]
        check: bool,
        /// Generate a standalone crate from this one model file instead.
        #[arg(long, value_name = "PATH", requires = "out")]
        model: Option<PathBuf>,
        /// Where the standalone crate goes (with --model).
        #[arg(long, value_name = "DIR", requires = "model")]
        out: Option<PathBuf>,
    },
    /// Copy the shipped services' models from a botocore source archive or tree into
    /// models/, and print the API changelog of the models it replaces.
    ImportModels {
        /// botocore-X.Y.Z.tar.gz, or an unpacked botocore tree.
        path: PathBuf,
    },
    /// Show what changed in the API between two versions of service models.
    ///
    /// OLD and NEW are each a service-2.json, a service's folder (with
    /// service-2.json, or API-version folders holding one), or a models/-like
    /// tree of service folders (every service in them is compared).
    Changelog {
        /// The old version.
        #[arg(long, value_name = "OLD")]
        old: PathBuf,
        /// The new version.
        #[arg(long, value_name = "NEW")]
        new: PathBuf,
        /// The date in each title line [default: today, UTC].
        #[arg(long, value_name = "YYYY/MM/DD")]
        date: Option<Date>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = changelog::Format::Text)]
        format: changelog::Format,
    },
    /// Time the pipeline's phases on the shipped models (build with --release).
    BenchCodegen {
        /// How many runs to take the median of.
        #[arg(long, default_value_t = 20)]
        runs: usize,
    },
    /// The generated crate against the official AWS SDK for Rust: per call,
    /// own and cold debug builds, binary size (benches/vs-sdk; about 20 minutes).
    ///
    /// Prints a table and writes target/bench-vs-sdk.json.
    BenchVsSdk {
        /// Leave out the builds (own, cold, binary size): per call only.
        #[arg(long)]
        skip_builds: bool,
        /// Leave out the per-call bench: builds only.
        #[arg(long)]
        skip_per_call: bool,
        /// Per call: 40 rounds instead of 300 (for trying things out).
        #[arg(long)]
        quick: bool,
        /// Per call: rounds of paired batches [default: 300, or 40 with --quick].
        #[arg(long, value_name = "N")]
        rounds: Option<usize>,
    },
    /// Generate every model under a botocore data/ folder; optionally compile some.
    Sweep {
        /// botocore's data/ folder (…/botocore/data).
        data: PathBuf,
        /// Where the generated crates go.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Services (botocore folder names) whose generated crate to compile.
        #[arg(long, value_name = "SERVICE")]
        compile: Vec<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Codegen { check, model, out } => match (model, out) {
            (Some(model), Some(out)) => codegen::standalone(&model, &out, check),
            _ => codegen::workspace(check),
        },
        Command::ImportModels { path } => import(&path),
        Command::Changelog {
            old,
            new,
            date,
            format,
        } => changelog::run(&old, &new, date, format),
        Command::BenchCodegen { runs } => codegen::bench(runs),
        Command::BenchVsSdk {
            skip_builds,
            skip_per_call,
            quick,
            rounds,
        } => bench_vs_sdk::run(bench_vs_sdk::Options {
            skip_builds,
            skip_per_call,
            rounds: rounds.unwrap_or(if quick { 40 } else { 300 }).max(1),
        }),
        Command::Sweep { data, out, compile } => codegen::sweep(&data, &out, &compile),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn import(path: &std::path::Path) -> anyhow::Result<ExitCode> {
    let summary = import_models::import_models(path, &codegen::repo_root())?;
    println!("{summary}");
    print!("{}", changelog::after_import(&summary, Date::today_utc()));
    Ok(ExitCode::SUCCESS)
}
