//! `cargo xtask codegen` and the commands that exercise the pipeline.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use awsgen_codegen::emit::RuntimeDependency;
use awsgen_codegen::pipeline::{self, CrateSpec, Generated, Timings};
use awsgen_codegen::protocol_tests;

use crate::write::{self, WriteReport};

/// The workspace root (this crate's parent folder).
pub fn repo_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// botocore's partition table, imported beside the models.
const PARTITIONS: &str = "models/partitions.json";

/// The partitions a model's endpoints resolve in: botocore's own
/// `data/partitions.json` for a model in botocore's layout
/// (`data/<service>/<version>/service-2.json`), else the imported one.
fn partitions_for(model: &Path) -> PathBuf {
    model
        .ancestors()
        .nth(3)
        .map(|data| data.join("partitions.json"))
        .filter(|p| p.is_file())
        .unwrap_or_else(|| repo_root().join(PARTITIONS))
}

/// The spec of the workspace's `generated/` crate: every model in `models/`.
pub fn workspace_spec(root: &Path) -> Result<CrateSpec> {
    Ok(CrateSpec {
        package: "awsgen".to_owned(),
        title: "AWS IoT and AWS IoT Jobs Data Plane".to_owned(),
        runtime: RuntimeDependency::Workspace,
        models: find_models(&root.join("models"))?,
        partitions: Some(root.join(PARTITIONS)),
    })
}

/// The model file names `find_models` looks for in a version folder:
/// botocore's own name, and `model.json` for a Smithy JSON AST (the
/// format is detected from the content, so either name works for either).
const MODEL_FILES: [&str; 2] = ["service-2.json", "model.json"];

/// `models/<service>/<version>/{service-2.json | model.json}`, one model
/// per service.
fn find_models(models: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let services = std::fs::read_dir(models).with_context(|| {
        format!(
            "cannot list {} (run `cargo xtask import-models`)",
            models.display()
        )
    })?;
    for service in services {
        let service = service?.path();
        if !service.is_dir() {
            continue;
        }
        let mut versions: Vec<PathBuf> = std::fs::read_dir(&service)?
            .filter_map(|v| v.ok().map(|v| v.path()))
            .flat_map(|v| MODEL_FILES.map(|name| v.join(name)))
            .filter(|p| p.is_file())
            .collect();
        versions.sort();
        match versions.len() {
            0 => {}
            1 => found.extend(versions),
            _ => bail!(
                "{} has more than one model (API versions, or both a service-2.json and a model.json); keep one: {}",
                service.display(),
                versions
                    .iter()
                    .map(|v| v.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
    found.sort();
    if found.is_empty() {
        bail!(
            "no models found under {} (run `cargo xtask import-models`)",
            models.display()
        );
    }
    Ok(found)
}

/// The spec of `tests/fixture-crate/`: every hand-written fixture model
/// and the Smithy features fixture,
/// generated as one crate so `cargo build --workspace` proves it compiles.
pub fn fixture_spec(root: &Path) -> Result<CrateSpec> {
    let dir = root.join("codegen/tests/fixtures");
    let mut models: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("cannot list {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    // Smithy-only features (intEnum, unit members, …) have no botocore
    // twin, so their output is compiled here too; the twins are proven
    // identical to the botocore fixtures by the equivalence tests.
    models.push(dir.join("smithy/features.json"));
    models.sort();
    Ok(CrateSpec {
        package: "awsgen-fixtures".to_owned(),
        title: "Fixture services of the generator's snapshot tests".to_owned(),
        runtime: RuntimeDependency::Workspace,
        models,
        partitions: Some(root.join(PARTITIONS)),
    })
}

/// Where the protocol test crate is generated.
pub const PROTOCOL_TESTS_DIR: &str = "tests/protocol-tests";

/// The files the protocol test crate is generated from, relative to the
/// repository (so the generated docs name them the same everywhere).
const PROTOCOL_TEST_SOURCES: [&str; 4] = [
    "tests/fixtures/botocore/protocols/input/rest-json.json",
    "tests/fixtures/botocore/protocols/output/rest-json.json",
    "tests/fixtures/botocore/protocols/protocol-tests-ignore-list.json",
    "tests/protocol-tests/skip.json",
];

/// Generates the protocol test crate (`tests/protocol-tests/`) from AWS's
/// restJson1 suites, botocore's ignore list and the crate's skip list.
pub fn generate_protocol_tests(root: &Path) -> Result<Generated> {
    let mut texts = Vec::with_capacity(PROTOCOL_TEST_SOURCES.len());
    for path in PROTOCOL_TEST_SOURCES {
        let text = std::fs::read_to_string(root.join(path)).with_context(|| {
            format!("cannot read {path} (the suites come with `cargo xtask import-models`)")
        })?;
        texts.push(text);
    }
    let source = |i: usize| protocol_tests::Source {
        name: PROTOCOL_TEST_SOURCES[i],
        text: &texts[i],
    };
    let sources = protocol_tests::Sources {
        input: source(0),
        output: source(1),
        ignore_list: source(2),
        skip_list: source(3),
    };
    Ok(protocol_tests::generate(&sources)?)
}

/// Where the endpoint test crate is generated.
pub const ENDPOINT_TESTS_DIR: &str = "tests/endpoint-tests";

/// The shipped services' endpoint tests: (`awsgen` module, the rule set
/// its resolver comes from, AWS's cases).
const ENDPOINT_SERVICE_TESTS: [(&str, &str, &str); 2] = [
    (
        "iot",
        "models/iot/2015-05-28/endpoint-rule-set-1.json",
        "tests/fixtures/botocore/endpoint-rules/iot/endpoint-tests-1.json",
    ),
    (
        "iot_jobs_data",
        "models/iot-jobs-data/2017-09-29/endpoint-rule-set-1.json",
        "tests/fixtures/botocore/endpoint-rules/iot-jobs-data/endpoint-tests-1.json",
    ),
];

/// botocore's standard-library suite: `valid-rules/<name>.json` rule sets,
/// `test-cases/<name>.json` cases.
const ENDPOINT_SUITE_DIR: &str = "tests/fixtures/botocore/endpoints";

/// Generates the endpoint test crate (`tests/endpoint-tests/`).
pub fn generate_endpoint_tests(root: &Path) -> Result<Generated> {
    use awsgen_codegen::endpoints::test_crate::{self, LibrarySuite, ServiceSuite, Source};

    let read = |path: &str| -> Result<(String, String)> {
        let text = std::fs::read_to_string(root.join(path)).with_context(|| {
            format!("cannot read {path} (the suites come with `cargo xtask import-models`)")
        })?;
        Ok((path.to_owned(), text))
    };
    let partitions = read(PARTITIONS)?;
    let mut services = Vec::new();
    for (module, rule_set, tests) in ENDPOINT_SERVICE_TESTS {
        services.push((module, read(rule_set)?, read(tests)?));
    }
    let rules_dir = format!("{ENDPOINT_SUITE_DIR}/valid-rules");
    let mut names: Vec<String> = std::fs::read_dir(root.join(&rules_dir))
        .with_context(|| format!("cannot list {rules_dir} (run `cargo xtask import-models`)"))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".json").map(str::to_owned)
        })
        .collect();
    names.sort();
    let mut library = Vec::new();
    for name in &names {
        let rules = read(&format!("{rules_dir}/{name}.json"))?;
        let cases_path = format!("{ENDPOINT_SUITE_DIR}/test-cases/{name}.json");
        let cases = if root.join(&cases_path).is_file() {
            Some(read(&cases_path)?)
        } else {
            None
        };
        library.push((name.as_str(), rules, cases));
    }
    fn source((name, text): &(String, String)) -> Source<'_> {
        Source { name, text }
    }
    let sources = test_crate::Sources {
        partitions: source(&partitions),
        services: services
            .iter()
            .map(|(module, rule_set, tests)| ServiceSuite {
                module,
                rule_set: source(rule_set),
                tests: source(tests),
            })
            .collect(),
        library: library
            .iter()
            .map(|(name, rules, cases)| LibrarySuite {
                name,
                rule_set: source(rules),
                tests: cases.as_ref().map(source),
            })
            .collect(),
    };
    Ok(test_crate::generate(&sources)?)
}

/// Regenerates (or checks) `generated/`, `tests/fixture-crate/`,
/// `tests/protocol-tests/` and `tests/endpoint-tests/`.
pub fn workspace(check: bool) -> Result<ExitCode> {
    let root = repo_root();
    let targets = [
        (workspace_spec(&root)?, root.join("generated")),
        (fixture_spec(&root)?, root.join("tests/fixture-crate")),
    ];
    let mut code = ExitCode::SUCCESS;
    for (spec, out) in &targets {
        if run(spec, out, check)? != ExitCode::SUCCESS {
            code = ExitCode::FAILURE;
        }
    }
    let started = Instant::now();
    let protocol_tests = generate_protocol_tests(&root)?;
    if sync_and_report(
        &protocol_tests,
        &root.join(PROTOCOL_TESTS_DIR),
        check,
        started,
    )? != ExitCode::SUCCESS
    {
        code = ExitCode::FAILURE;
    }
    let started = Instant::now();
    let endpoint_tests = generate_endpoint_tests(&root)?;
    if sync_and_report(
        &endpoint_tests,
        &root.join(ENDPOINT_TESTS_DIR),
        check,
        started,
    )? != ExitCode::SUCCESS
    {
        code = ExitCode::FAILURE;
    }
    Ok(code)
}

/// Generates a standalone crate from one model.
pub fn standalone(model: &Path, out: &Path, check: bool) -> Result<ExitCode> {
    if !model.is_file() {
        bail!("--model {}: no such file", model.display());
    }
    let spec = standalone_spec(model)?;
    run(&spec, out, check)
}

fn standalone_spec(model: &Path) -> Result<CrateSpec> {
    let runtime = repo_root().join("runtime");
    let stem = model
        .parent()
        .and_then(Path::parent)
        .and_then(Path::file_name)
        .and_then(|n| n.to_str())
        .unwrap_or("service");
    let (_, package) = awsgen_codegen::naming::service_names(stem);
    Ok(CrateSpec {
        package: format!("awsgen-{package}"),
        title: format!("Generated from {}", model.display()),
        runtime: RuntimeDependency::Path(runtime.display().to_string()),
        models: vec![model.to_path_buf()],
        partitions: Some(partitions_for(model)),
    })
}

fn run(spec: &CrateSpec, out: &Path, check: bool) -> Result<ExitCode> {
    let started = Instant::now();
    let generated = pipeline::generate(spec)?;
    sync_and_report(&generated, out, check, started)
}

/// Writes (or checks) what the generator produced into `out` and reports.
fn sync_and_report(
    generated: &Generated,
    out: &Path,
    check: bool,
    started: Instant,
) -> Result<ExitCode> {
    for (service, unsupported) in &generated.unsupported {
        eprintln!("warning: {service}: {unsupported}; members of this shape are left out");
    }
    let write_started = Instant::now();
    let report = write::sync(out, &generated.files, check)?;
    let write_time = write_started.elapsed();
    if check {
        let stale: Vec<_> = report.changed().collect();
        if stale.is_empty() {
            println!(
                "{} is up to date ({} files)",
                out.display(),
                report.unchanged
            );
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!("{} is out of date:", out.display());
        for path in &report.written {
            eprintln!("  would write  {}", path.display());
        }
        for path in &report.removed {
            eprintln!("  would remove {}", path.display());
        }
        eprintln!("run `cargo xtask codegen` and commit the result");
        return Ok(ExitCode::FAILURE);
    }
    print_summary(out, generated, &report, write_time, started.elapsed());
    Ok(ExitCode::SUCCESS)
}

fn print_summary(
    out: &Path,
    g: &Generated,
    report: &WriteReport,
    write: Duration,
    total: Duration,
) {
    let s = g.stats;
    println!(
        "codegen: {} services, {} operations, {} shapes -> {}",
        s.services,
        s.operations,
        s.shapes,
        out.display()
    );
    println!(
        "files: {} written, {} unchanged, {} removed",
        report.written.len(),
        report.unchanged,
        report.removed.len()
    );
    for path in report.changed() {
        println!("  {}", path.display());
    }
    println!(
        "time: {} ({}, write {})",
        secs(total),
        phases(&g.timings),
        secs(write)
    );
}

fn phases(t: &Timings) -> String {
    format!(
        "read {}, parse {}, lower {}, emit+format {} on all cores (emit {}, format {} summed)",
        secs(t.read),
        secs(t.parse),
        secs(t.lower),
        secs(t.emit_and_format_wall),
        secs(t.emit),
        secs(t.format)
    )
}

fn secs(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

/// Runs the pipeline `runs` times on the shipped models and prints the
/// median of each phase; writing is timed against a scratch folder.
pub fn bench(runs: usize) -> Result<ExitCode> {
    if runs == 0 {
        bail!("--runs must be at least 1");
    }
    let root = repo_root();
    let spec = workspace_spec(&root)?;
    let scratch = std::env::temp_dir().join(format!("awsgen-bench-{}", std::process::id()));
    let mut samples: Vec<(Timings, Duration, Duration)> = Vec::with_capacity(runs);
    for _ in 0..runs {
        let _ = std::fs::remove_dir_all(&scratch);
        let started = Instant::now();
        let generated = pipeline::generate(&spec)?;
        let write_started = Instant::now();
        write::sync(&scratch, &generated.files, false)?;
        samples.push((
            generated.timings,
            write_started.elapsed(),
            started.elapsed(),
        ));
    }
    let _ = std::fs::remove_dir_all(&scratch);
    let median = |f: &dyn Fn(&(Timings, Duration, Duration)) -> Duration| {
        let mut v: Vec<Duration> = samples.iter().map(f).collect();
        v.sort();
        v[v.len() / 2]
    };
    println!(
        "pipeline on {} models, median of {runs} runs:",
        spec.models.len()
    );
    println!("  read    {}", secs(median(&|s| s.0.read)));
    println!("  parse   {}", secs(median(&|s| s.0.parse)));
    println!("  lower   {}", secs(median(&|s| s.0.lower)));
    println!(
        "  emit    {} (summed over threads)",
        secs(median(&|s| s.0.emit))
    );
    println!(
        "  format  {} (summed over threads)",
        secs(median(&|s| s.0.format))
    );
    println!(
        "  emit+format wall (all cores) {}",
        secs(median(&|s| s.0.emit_and_format_wall))
    );
    println!("  write   {}", secs(median(&|s| s.1)));
    println!("  total   {}", secs(median(&|s| s.2)));
    Ok(ExitCode::SUCCESS)
}

/// Generates a crate for every `service-2.json` under a botocore `data/`
/// folder (newest API version of each service), reports failures, and
/// compiles the requested ones.
pub fn sweep(data: &Path, out: &Path, compile: &[String]) -> Result<ExitCode> {
    let mut services: Vec<PathBuf> = std::fs::read_dir(data)
        .with_context(|| format!("cannot list {}", data.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    services.sort();
    let (mut generated, mut failed) = (0, Vec::new());
    let mut failed_names = std::collections::BTreeSet::new();
    let mut unsupported = Vec::new();
    let started = Instant::now();
    for service in &services {
        let mut versions: Vec<PathBuf> = std::fs::read_dir(service)?
            .filter_map(|v| v.ok().map(|v| v.path().join("service-2.json")))
            .filter(|p| p.is_file())
            .collect();
        versions.sort();
        let Some(model) = versions.pop() else {
            continue;
        };
        let name = service
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("?")
            .to_owned();
        let dir = out.join(&name);
        let result = standalone_spec(&model)
            .and_then(|spec| Ok(pipeline::generate(&spec)?))
            .and_then(|g| {
                write::sync(&dir, &g.files, false)?;
                Ok(g.unsupported.len())
            });
        match result {
            Ok(left_out) => {
                generated += 1;
                if left_out > 0 {
                    unsupported.push(format!("{name} ({left_out})"));
                }
            }
            Err(e) => {
                // Never leave an older crate behind to be compiled as if
                // current, but remove only files the generator wrote: `out`
                // is the user's folder and may hold files of their own.
                if let Err(e) = write::sync(&dir, &[], false) {
                    eprintln!("cannot clear the stale crate in {}: {e:#}", dir.display());
                }
                failed_names.insert(name.clone());
                failed.push(format!("{name}: {e:#}"));
            }
        }
    }
    println!(
        "sweep: {generated} services generated, {} failed, in {}",
        failed.len(),
        secs(started.elapsed())
    );
    for f in &failed {
        println!("  FAILED {f}");
    }
    if !unsupported.is_empty() {
        println!(
            "shapes left out as unsupported (event streams), by service: {}",
            unsupported.join(", ")
        );
    }
    let mut compile_failed = Vec::new();
    for name in compile {
        if failed_names.contains(name) {
            println!("compile {name}: skipped (generation failed)");
            continue;
        }
        let dir = out.join(name);
        if !dir.join("Cargo.toml").is_file() {
            println!("compile {name}: no such service under {}", data.display());
            compile_failed.push(name);
            continue;
        }
        let status = std::process::Command::new(env!("CARGO"))
            .args(["build", "--quiet", "--manifest-path"])
            .arg(dir.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", out.join("target"))
            .env("RUSTFLAGS", "-D warnings")
            .status()
            .with_context(|| format!("cannot run cargo for {name}"))?;
        println!(
            "compile {name}: {}",
            if status.success() { "ok" } else { "FAILED" }
        );
        if !status.success() {
            compile_failed.push(name);
        }
    }
    Ok(if failed.is_empty() && compile_failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `generated/`, the fixture crate and the protocol test crate are what
    /// the generator makes of the committed models and suites, byte for byte.
    #[test]
    fn generated_code_is_fresh() {
        let root = repo_root();
        for (spec, out) in [
            (workspace_spec(&root).unwrap(), root.join("generated")),
            (
                fixture_spec(&root).unwrap(),
                root.join("tests/fixture-crate"),
            ),
        ] {
            let generated = pipeline::generate(&spec).unwrap();
            let report = write::sync(&out, &generated.files, true).unwrap();
            let stale: Vec<_> = report.changed().collect();
            assert!(
                stale.is_empty(),
                "{} is out of date: {stale:?}; run `cargo xtask codegen` and commit the result",
                out.display()
            );
        }
        for (generated, dir) in [
            (generate_protocol_tests(&root).unwrap(), PROTOCOL_TESTS_DIR),
            (generate_endpoint_tests(&root).unwrap(), ENDPOINT_TESTS_DIR),
        ] {
            let out = root.join(dir);
            let report = write::sync(&out, &generated.files, true).unwrap();
            let stale: Vec<_> = report.changed().collect();
            assert!(
                stale.is_empty(),
                "{} is out of date: {stale:?}; run `cargo xtask codegen` and commit the result",
                out.display()
            );
        }
    }

    /// A scratch `models/` folder with the given files (empty content).
    fn scratch_models(name: &str, files: &[&str]) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("awsgen-find-models-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for file in files {
            let path = dir.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "{}").unwrap();
        }
        dir
    }

    #[test]
    fn finds_botocore_and_smithy_models() {
        let dir = scratch_models(
            "both",
            &[
                "iot/2015-05-28/service-2.json",
                "iot/2015-05-28/paginators-1.json",
                "widgets/2024-01-01/model.json",
                "empty/2024-01-01/other.json",
            ],
        );
        let found = find_models(&dir).unwrap();
        assert_eq!(
            found,
            [
                dir.join("iot/2015-05-28/service-2.json"),
                dir.join("widgets/2024-01-01/model.json")
            ]
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn rejects_two_models_for_one_service() {
        let dir = scratch_models(
            "two",
            &[
                "widgets/2024-01-01/service-2.json",
                "widgets/2024-01-01/model.json",
            ],
        );
        let e = find_models(&dir).unwrap_err().to_string();
        assert!(e.contains("has more than one model"), "{e}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A service whose folder is named like something the generated
    /// crate already has (its `serde` and `default` features, the
    /// `runtime` re-export, the `awsgen-runtime` and `http` dependencies,
    /// `src/lib.rs`) gets the suffix `-service`, so the crate stays valid.
    #[test]
    fn reserved_folder_names_get_a_suffix() {
        let names = [
            "serde",
            "default",
            "runtime",
            "awsgen-runtime",
            "http",
            "lib",
            "iot",
        ];
        let dir =
            std::env::temp_dir().join(format!("awsgen-reserved-names-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mut models = Vec::new();
        for name in names {
            let path = dir.join(name).join("2020-01-01/service-2.json");
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            let model = serde_json::json!({
                "version": "2.0",
                "metadata": {
                    "apiVersion": "2020-01-01",
                    "endpointPrefix": name,
                    "protocol": "rest-json",
                    "serviceFullName": format!("The {name} service"),
                    "serviceId": name,
                    "signatureVersion": "v4"
                },
                "operations": {},
                "shapes": {}
            });
            std::fs::write(&path, model.to_string()).unwrap();
            models.push(path);
        }
        let spec = CrateSpec {
            package: "awsgen-reserved".to_owned(),
            title: "Reserved names".to_owned(),
            runtime: RuntimeDependency::Workspace,
            models: models.clone(),
            partitions: None,
        };
        let generated = pipeline::generate(&spec).unwrap();
        let file = |path: &str| {
            generated
                .files
                .iter()
                .find(|f| f.path == Path::new(path))
                .map(|f| f.contents.clone())
                .unwrap_or_else(|| panic!("no {path}"))
        };
        let cargo_toml = file("Cargo.toml");
        let features: Vec<&str> = cargo_toml
            .split("[features]\n")
            .nth(1)
            .and_then(|rest| rest.split("\n\n").next())
            .unwrap()
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| line.split(" = ").next())
            .collect();
        assert_eq!(
            features,
            [
                "default",
                "awsgen-runtime-service",
                "default-service",
                "http-service",
                "iot",
                "lib-service",
                "runtime-service",
                "serde-service",
                "serde",
                "hyper",
                "blocking"
            ]
        );
        let lib = file("src/lib.rs");
        for module in [
            "awsgen_runtime_service",
            "default_service",
            "http_service",
            "iot",
            "lib_service",
            "runtime_service",
            "serde_service",
        ] {
            assert!(
                lib.contains(&format!("pub mod {module};")),
                "{module} in\n{lib}"
            );
            file(&format!("src/{module}/mod.rs"));
        }
        // A standalone crate is named after the feature: never after the
        // runtime it depends on.
        let runtime = standalone_spec(&models[names.iter().position(|n| *n == "runtime").unwrap()]);
        assert_eq!(runtime.unwrap().package, "awsgen-runtime-service");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn generation_is_deterministic() {
        let spec = workspace_spec(&repo_root()).unwrap();
        let first = pipeline::generate(&spec).unwrap().files;
        let second = pipeline::generate(&spec).unwrap().files;
        assert_eq!(first, second);
    }

    #[test]
    fn endpoint_test_generation_is_deterministic() {
        let root = repo_root();
        let first = generate_endpoint_tests(&root).unwrap().files;
        let second = generate_endpoint_tests(&root).unwrap().files;
        assert_eq!(first, second);
    }

    #[test]
    fn protocol_test_generation_is_deterministic() {
        let root = repo_root();
        let first = generate_protocol_tests(&root).unwrap().files;
        let second = generate_protocol_tests(&root).unwrap().files;
        assert_eq!(first, second);
    }
}
