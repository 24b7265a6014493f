//! Endpoint rule sets to resolvers: what the generator refuses, and (run by
//! hand) every rule set botocore ships.

use std::path::{Path, PathBuf};

use awsgen_codegen::endpoints;
use awsgen_codegen::render;

fn generate(value: &serde_json::Value) -> Result<String, String> {
    let resolver = endpoints::resolver_module(value, "rules.json", "a test service")
        .map_err(|e| e.to_string())?;
    render::render("endpoint.rs", resolver.tokens).map_err(|e| e.to_string())
}

/// With `ENDPOINT_OUT=DIR`, the resolvers are written there as one crate
/// (with `partitions.rs` from the data folder's `partitions.json`), for
/// `cargo clippy --manifest-path DIR/Cargo.toml -- -D warnings`.
fn write_crate(out: &Path, data: &Path, modules: &[String]) {
    let partitions_file = data.join("partitions.json");
    let text = std::fs::read_to_string(&partitions_file).expect("partitions.json");
    let partitions = endpoints::partitions::parse("partitions.json", &text).expect("partitions");
    let code = render::render("partitions.rs", partitions.emit("partitions.json")).expect("render");
    std::fs::write(out.join("src/partitions.rs"), code).expect("write");
    let mut lib = String::from("//! Every botocore rule set's resolver.\npub mod partitions;\n");
    for m in modules {
        lib.push_str(&format!("pub mod {m};\n"));
    }
    std::fs::write(out.join("src/lib.rs"), lib).expect("write");
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime");
    std::fs::write(
        out.join("Cargo.toml"),
        format!(
            "[package]\nname = \"all-resolvers\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n\
             [dependencies]\nawsgen-runtime = {{ path = {:?} }}\n\n[workspace]\n",
            runtime.display().to_string()
        ),
    )
    .expect("write");
}

/// Every `endpoint-rule-set-1.json` (every API version) under `$BOTOCORE_DATA` (botocore's
/// `data/` folder) generates and renders. Outside CI:
/// `BOTOCORE_DATA=…/botocore/data cargo test -p awsgen-codegen --test
/// endpoint_rule_sets -- --ignored --nocapture`.
#[test]
#[ignore = "needs a botocore data folder in BOTOCORE_DATA"]
fn every_botocore_rule_set_generates() {
    let data = PathBuf::from(std::env::var("BOTOCORE_DATA").expect("BOTOCORE_DATA"));
    let mut files = Vec::new();
    for service in std::fs::read_dir(&data).expect("data folder").flatten() {
        let Ok(versions) = std::fs::read_dir(service.path()) else {
            continue;
        };
        let found: Vec<PathBuf> = versions
            .flatten()
            .map(|v| v.path().join("endpoint-rule-set-1.json"))
            .filter(|p| p.is_file())
            .collect();
        files.extend(found);
    }
    files.sort();
    let mut failures = Vec::new();
    let mut lines = 0;
    let mut largest = (0, PathBuf::new());
    let mut modules = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("read");
        let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        match generate(&value) {
            Ok(code) => {
                let n = code.lines().count();
                lines += n;
                if n > largest.0 {
                    largest = (n, file.clone());
                }
                if let Ok(out) = std::env::var("ENDPOINT_OUT") {
                    let part = |p: Option<&Path>| {
                        p.and_then(Path::file_name)
                            .and_then(|n| n.to_str())
                            .unwrap_or("x")
                            .replace(['-', '.'], "_")
                    };
                    let version = file.parent();
                    let name =
                        format!("{}_{}", part(version.and_then(Path::parent)), part(version));
                    let src = Path::new(&out).join("src");
                    std::fs::create_dir_all(&src).expect("out");
                    std::fs::write(src.join(format!("{name}.rs")), code).expect("write");
                    modules.push(name);
                }
            }
            Err(e) => failures.push(format!("{}: {e}", file.display())),
        }
    }
    println!(
        "{} rule sets, {} failed; {lines} lines generated, the largest {} ({} lines)",
        files.len(),
        failures.len(),
        largest.1.display(),
        largest.0
    );
    for f in &failures {
        println!("FAILED {f}");
    }
    if let Ok(out) = std::env::var("ENDPOINT_OUT") {
        write_crate(Path::new(&out), &data, &modules);
    }
    assert!(failures.is_empty());
}
