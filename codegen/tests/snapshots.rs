//! Golden outputs of the whole pipeline for the hand-written fixture models
//! in `tests/fixtures/`: one insta snapshot per generated Rust file.
//!
//! A change to an emitter shows here as a reviewable diff. Accept it with
//! `cargo insta review` (or `INSTA_UPDATE=always cargo test -p awsgen-codegen
//! --test snapshots`) after reading it. The same fixtures are also generated
//! into a workspace crate and compiled, so the snapshots are known to build.

use std::path::{Path, PathBuf};

use awsgen_codegen::emit::RuntimeDependency;
use awsgen_codegen::pipeline::{generate, CrateSpec, Generated};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(format!("{name}.json"))
}

fn generate_fixture(name: &str) -> Generated {
    let spec = CrateSpec {
        package: format!("awsgen-fixture-{}", name.replace('_', "-")),
        title: format!("Fixture `{name}`"),
        runtime: RuntimeDependency::Workspace,
        models: vec![fixture(name)],
        partitions: None,
    };
    match generate(&spec) {
        Ok(generated) => generated,
        Err(e) => panic!("generating fixture {name} failed: {e}"),
    }
}

/// Snapshots every generated Rust file of a fixture as
/// `<fixture>__<file name>`, e.g. `kitchen_sink__types.rs`.
fn snapshot_fixture(name: &str) {
    let generated = generate_fixture(name);
    let mut seen = Vec::new();
    for file in &generated.files {
        if file.path.extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        let file_name = file
            .path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("generated file names are UTF-8");
        let snapshot = format!("{name}__{file_name}");
        assert!(
            !seen.contains(&snapshot),
            "two generated files of {name} would share the snapshot {snapshot}"
        );
        seen.push(snapshot.clone());
        insta::with_settings!({
            prepend_module_to_snapshot => false,
            description => file.path.display().to_string(),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(snapshot, file.contents);
        });
    }
    assert!(!seen.is_empty(), "{name} generated no Rust files");
}

#[test]
fn kitchen_sink() {
    snapshot_fixture("kitchen_sink");
}

#[test]
fn recursion() {
    snapshot_fixture("recursion");
}

#[test]
fn obstacle_course() {
    snapshot_fixture("obstacle_course");
}

#[test]
fn request_edges() {
    snapshot_fixture("request_edges");
}

/// The file layout: one folder per service, named from `endpointPrefix`
/// (the fixtures are not in a `<service>/<yyyy-mm-dd>/` folder).
#[test]
fn file_layout() {
    for (fixture, module) in [
        ("kitchen_sink", "kitchensink"),
        ("recursion", "recursion"),
        ("obstacle_course", "obstaclecourse"),
    ] {
        let paths: Vec<String> = generate_fixture(fixture)
            .files
            .iter()
            .map(|f| f.path.display().to_string().replace('\\', "/"))
            .collect();
        let mut expected = vec![
            "Cargo.toml".to_owned(),
            "src/lib.rs".to_owned(),
            format!("src/{module}/deserialize.rs"),
            format!("src/{module}/errors.rs"),
            format!("src/{module}/mod.rs"),
            format!("src/{module}/operations.rs"),
            format!("src/{module}/serialize.rs"),
            format!("src/{module}/types.rs"),
            // Each fixture has an input with something to check.
            format!("src/{module}/validate.rs"),
        ];
        // The pipeline lists files in path order.
        expected.sort();
        assert_eq!(paths, expected, "{fixture}");
    }
}

/// Same input, same bytes.
#[test]
fn output_is_deterministic() {
    for fixture in ["kitchen_sink", "recursion", "obstacle_course"] {
        let first = generate_fixture(fixture).files;
        let second = generate_fixture(fixture).files;
        assert_eq!(first, second, "{fixture}");
    }
}

/// The event stream is reported as unsupported, and what it would have
/// produced is replaced by a note rather than by half-generated code.
#[test]
fn event_stream_is_reported_not_generated() {
    let generated = generate_fixture("kitchen_sink");
    let unsupported: Vec<String> = generated
        .unsupported
        .iter()
        .map(|(service, u)| format!("{service}: {u}"))
        .collect();
    assert_eq!(
        unsupported,
        ["kitchensink: not supported: event streams (`EventStream`)"]
    );
    let types = generated
        .files
        .iter()
        .find(|f| f.path.ends_with("types.rs"))
        .expect("types.rs");
    assert!(types
        .contents
        .contains("The member `Events` is not generated: event streams are not supported yet."));
    for garbage in ["EventStream", "UpdateEvent", "EndEvent"] {
        assert!(
            !types.contents.contains(garbage),
            "types.rs mentions `{garbage}`"
        );
    }
}

/// The other fixtures use nothing unsupported.
#[test]
fn no_unsupported_features_elsewhere() {
    for fixture in ["recursion", "obstacle_course"] {
        let generated = generate_fixture(fixture);
        assert!(
            generated.unsupported.is_empty(),
            "{fixture}: {:?}",
            generated.unsupported
        );
    }
}
