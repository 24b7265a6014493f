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

// ------------------------------------------------------------ what is refused

/// A rule set with the given parameters (Region: optional string,
/// UseFIPS: boolean defaulting to false, List: optional string array) and
/// rules.
fn rule_set(rules: serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "version": "1.0",
        "parameters": {
            "Region": {"type": "string", "builtIn": "AWS::Region"},
            "UseFIPS": {"type": "boolean", "default": false, "required": true},
            "List": {"type": "stringArray"}
        },
        "rules": rules
    })
}

fn refused(rules: serde_json::Value) -> String {
    match generate(&rule_set(rules)) {
        Ok(code) => panic!("generated:\n{code}"),
        Err(e) => e,
    }
}

fn endpoint(url: &str) -> serde_json::Value {
    serde_json::json!({"conditions": [], "endpoint": {"url": url}, "type": "endpoint"})
}

#[test]
fn an_unknown_function_is_named_with_its_place() {
    let e = refused(serde_json::json!([
        {"conditions": [{"fn": "aws.frobnicate", "argv": [{"ref": "Region"}]}],
         "endpoint": {"url": "https://x"}, "type": "endpoint"}
    ]));
    assert!(
        e.starts_with("rules.json: at /rules/0/conditions/0: unknown function `aws.frobnicate`"),
        "{e}"
    );
}

#[test]
fn a_value_that_may_be_unset_needs_is_set_first() {
    let e = refused(serde_json::json!([
        {"conditions": [{"fn": "aws.parseArn", "argv": [{"ref": "Region"}], "assign": "arn"}],
         "type": "tree", "rules": [
            {"conditions": [{"fn": "getAttr", "argv": [{"fn": "getAttr", "argv": [{"ref": "arn"}, "resourceId[0]"]}, "x"]}],
             "endpoint": {"url": "https://x"}, "type": "endpoint"}
        ]}
    ]));
    assert!(e.contains("at /rules/0/rules/0/conditions/0/argv/1"), "{e}");
    assert!(e.contains("may be unset"), "{e}");
}

#[test]
fn unknown_attributes_and_types_are_refused() {
    let e = refused(serde_json::json!([
        {"conditions": [{"fn": "aws.partition", "argv": ["us-east-1"], "assign": "p"}],
         "endpoint": {"url": "https://{p#dnsSufix}"}, "type": "endpoint"}
    ]));
    assert!(
        e.contains("at /rules/0/endpoint/url: a partition has no attribute `dnsSufix`"),
        "{e}"
    );
    let e = refused(serde_json::json!([
        {"conditions": [{"fn": "stringEquals", "argv": [{"ref": "UseFIPS"}, "true"]}],
         "endpoint": {"url": "https://x"}, "type": "endpoint"}
    ]));
    assert!(
        e.contains("at /rules/0/conditions/0/argv/0: expected a string, found a boolean"),
        "{e}"
    );
    let e = refused(serde_json::json!([
        {"conditions": [], "endpoint": {"url": "https://{UseFIPS}"}, "type": "endpoint"}
    ]));
    assert!(e.contains("inserts `UseFIPS`, which is a boolean"), "{e}");
}

#[test]
fn names_must_be_in_scope_and_assigned_once() {
    let e = refused(serde_json::json!([
        {"conditions": [{"fn": "aws.partition", "argv": ["us-east-1"], "assign": "p"}],
         "type": "tree", "rules": [endpoint("https://{p#name}")]},
        endpoint("https://{p#name}")
    ]));
    assert!(
        e.contains("at /rules/1/endpoint/url: `p` is neither a parameter nor assigned"),
        "{e}"
    );
    let e = refused(serde_json::json!([
        {"conditions": [
            {"fn": "aws.partition", "argv": ["us-east-1"], "assign": "p"},
            {"fn": "aws.partition", "argv": ["us-west-2"], "assign": "p"}
         ], "endpoint": {"url": "https://{p#name}"}, "type": "endpoint"}
    ]));
    assert!(
        e.contains("at /rules/0/conditions/1/assign: `p` is already in scope"),
        "{e}"
    );
}

#[test]
fn malformed_rule_sets_are_refused() {
    let e = refused(serde_json::json!([{"conditions": [], "type": "maybe"}]));
    assert!(
        e.contains("at /rules/0/type: unknown rule type `maybe`"),
        "{e}"
    );
    let e = refused(serde_json::json!([endpoint("https://{Region}.{x")]));
    assert!(e.contains("is not closed"), "{e}");
    let e = generate(&serde_json::json!({
        "parameters": {"Region": {"type": "integer"}}, "rules": []
    }))
    .unwrap_err();
    assert!(
        e.contains("at /parameters/Region/type: unknown parameter type `integer`"),
        "{e}"
    );
    let e = generate(&serde_json::json!({"parameters": {}, "rules": [{"type": 5}]})).unwrap_err();
    assert!(e.contains("at /rules/0/type"), "{e}");
}

#[test]
fn rule_sets_too_deep_for_the_emitter_are_refused() {
    let condition = serde_json::json!({"fn": "isSet", "argv": [{"ref": "Region"}]});
    let many = vec![condition; 65];
    let e = refused(serde_json::json!([
        {"conditions": many, "endpoint": {"url": "https://x"}, "type": "endpoint"}
    ]));
    assert!(
        e.contains("at /rules/0/conditions: more than 64 conditions in one rule"),
        "{e}"
    );
    let mut rule = endpoint("https://x");
    for _ in 0..41 {
        rule = serde_json::json!({"conditions": [], "type": "tree", "rules": [rule]});
    }
    let e = refused(serde_json::json!([rule]));
    assert!(e.contains("trees nest more than 40 deep"), "{e}");
}

#[test]
fn partitions_with_patterns_the_matcher_cannot_follow_are_refused() {
    let text = r#"{"partitions": [{"id": "aws", "regionRegex": "^[a-z]+$", "regions": {},
        "outputs": {"dnsSuffix": "a", "dualStackDnsSuffix": "b", "implicitGlobalRegion": "c",
                    "supportsFIPS": true, "supportsDualStack": true}}]}"#;
    let e = endpoints::partitions::parse("partitions.json", text).unwrap_err();
    assert_eq!(e.pointer, "/partitions/0/regionRegex");
    assert!(e.to_string().contains("character sets"), "{e}");
    let e = endpoints::partitions::parse("partitions.json", r#"{"partitions": []}"#).unwrap_err();
    assert!(e.to_string().contains("no partitions"), "{e}");
}

// ------------------------------------------------------------ the shape of the code

#[test]
fn rules_become_labeled_blocks_with_narrowing_and_no_dead_code() {
    let code = generate(&rule_set(serde_json::json!([
        {"conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}], "type": "tree", "rules": [
            {"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]}],
             "error": "no FIPS in {Region}", "type": "error"},
            endpoint("https://{Region}.example.com"),
            endpoint("https://unreachable.example.com")
        ]},
        {"conditions": [{"fn": "not", "argv": [{"fn": "isSet", "argv": [{"ref": "UseFIPS"}]}]}],
         "error": "never", "type": "error"},
        {"conditions": [
            {"fn": "isSet", "argv": [{"ref": "List"}]},
            {"fn": "getAttr", "argv": [{"ref": "List"}, "[1]"], "assign": "second"}
         ], "error": "unused", "type": "error"}
    ])))
    .unwrap_or_else(|e| panic!("{e}"));
    for expected in [
        "'rule_0: {",
        "let Some(region) = region else {\n            break 'rule_0;",
        // A rule that cannot fail needs no block.
        "return Err(ResolveError::rule(format!(\"no FIPS in {region}\")));\n        }\n        return Ok(Endpoint::new(format!(\"https://{region}.example.com\")));",
        // An unused assignment is only checked.
        "if list.get(1).map(String::as_str).is_none() {",
        "Err(ResolveError::no_match())",
    ] {
        assert!(code.contains(expected), "{expected}\nin\n{code}");
    }
    for absent in ["unreachable.example.com", "\"never\"", "let Some(second)"] {
        assert!(!code.contains(absent), "{absent}\nin\n{code}");
    }
}

// ------------------------------------------------------------ through the pipeline

/// A scratch `<service>/<version>/` folder with a minimal botocore model
/// and the given `endpoint-rule-set-1.json` text.
fn botocore_folder(name: &str, rule_set: &str) -> PathBuf {
    let dir = std::env::temp_dir()
        .join(format!("awsgen-endpoints-{name}-{}", std::process::id()))
        .join("widgets/2024-01-01");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let model = serde_json::json!({
        "metadata": {"apiVersion": "2024-01-01", "protocol": "rest-json",
                     "serviceFullName": "Widgets", "serviceId": "Widgets",
                     "endpointPrefix": "widgets"},
        "operations": {}, "shapes": {}
    });
    std::fs::write(dir.join("service-2.json"), model.to_string()).unwrap();
    std::fs::write(dir.join("endpoint-rule-set-1.json"), rule_set).unwrap();
    dir
}

fn spec(model: PathBuf, partitions: Option<PathBuf>) -> awsgen_codegen::pipeline::CrateSpec {
    awsgen_codegen::pipeline::CrateSpec {
        package: "awsgen-widgets".to_owned(),
        title: "Widgets".to_owned(),
        runtime: awsgen_codegen::emit::RuntimeDependency::Workspace,
        models: vec![model],
        partitions,
    }
}

#[test]
fn the_botocore_front_end_reads_the_rule_set_beside_the_model() {
    let rules = rule_set(serde_json::json!([
        {"conditions": [{"fn": "aws.partition", "argv": ["us-east-1"], "assign": "p"}],
         "endpoint": {"url": "https://widgets.{p#dnsSuffix}"}, "type": "endpoint"}
    ]));
    let dir = botocore_folder("reads", &rules.to_string());
    let model = awsgen_codegen::model::load(&dir.join("service-2.json"))
        .unwrap_or_else(|e| panic!("{e}"))
        .model;
    assert_eq!(model.service.endpoint_rule_set, Some(rules));

    // Generated: endpoint.rs, and partitions.rs, declared in mod.rs and lib.rs.
    let partitions = Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/partitions.json");
    let generated =
        awsgen_codegen::pipeline::generate(&spec(dir.join("service-2.json"), Some(partitions)))
            .unwrap_or_else(|e| panic!("{e}"));
    let file = |path: &str| {
        generated
            .files
            .iter()
            .find(|f| f.path == Path::new(path))
            .map(|f| f.contents.clone())
            .unwrap_or_else(|| panic!("no {path}"))
    };
    assert!(file("src/widgets/endpoint.rs").contains("lib::partition(PARTITIONS, \"us-east-1\")"));
    assert!(file("src/widgets/mod.rs").contains("pub mod endpoint;"));
    assert!(file("src/lib.rs").contains("pub mod partitions;"));
    assert!(file("src/partitions.rs").contains("name: \"aws-us-gov\""));

    // Without a partitions file, the rule set cannot be generated.
    let e = awsgen_codegen::pipeline::generate(&spec(dir.join("service-2.json"), None))
        .err()
        .expect("an error")
        .to_string();
    assert!(
        e.contains("looks up partitions (`aws.partition`), but no partitions.json was given"),
        "{e}"
    );
    let _ = std::fs::remove_dir_all(dir.ancestors().nth(2).unwrap());
}

#[test]
fn a_broken_rule_set_file_is_reported_with_its_name() {
    let dir = botocore_folder("broken", "{\"rules\": [");
    let e = match awsgen_codegen::model::load(&dir.join("service-2.json")) {
        Ok(_) => panic!("loaded"),
        Err(e) => e.to_string(),
    };
    assert!(e.contains("endpoint-rule-set-1.json"), "{e}");
    let _ = std::fs::remove_dir_all(dir.ancestors().nth(2).unwrap());
}

/// Where botocore fails at run time on an unset value (old rule sets use
/// `Region` after `aws.partition(Region)` without `isSet`), resolution
/// fails there too instead of generation.
#[test]
fn an_unchecked_parameter_where_botocore_raises_fails_resolution() {
    let code = generate(&rule_set(serde_json::json!([
        {"conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "p"}],
         "type": "tree", "rules": [
            {"conditions": [{"fn": "stringEquals", "argv": [{"ref": "Region"}, "aws-global"]}],
             "endpoint": {"url": "https://global.{p#dnsSuffix}"}, "type": "endpoint"},
            endpoint("https://x.{Region}.{p#dnsSuffix}")
        ]}
    ])))
    .unwrap_or_else(|e| panic!("{e}"));
    for expected in [
        "lib::partition(PARTITIONS, region.unwrap_or_default())",
        "let region = lib::require(region, \"Region\")?;\n            if region != \"aws-global\" {",
        "let region = lib::require(region, \"Region\")?;\n        return Ok(Endpoint::new(format!(\"https://x.{region}.{}\", p.dns_suffix)));",
    ] {
        assert!(code.contains(expected), "{expected}\nin\n{code}");
    }
}

// ------------------------------------------------------------ never panics

/// Every JSON Pointer in `value`.
fn pointers(value: &serde_json::Value, at: String, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                pointers(
                    v,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                pointers(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

fn replacements() -> Vec<serde_json::Value> {
    use serde_json::json;
    vec![
        json!(null),
        json!(true),
        json!(false),
        json!(0),
        json!(-1),
        json!(2.5),
        json!(""),
        json!("x"),
        json!("{Region}"),
        json!("{Nope#x}"),
        json!("{PartitionResult#supportsFIPS}"),
        json!("}{"),
        json!([]),
        json!({}),
        json!({"ref": "Region"}),
        json!({"ref": "UseFIPS"}),
        json!({"ref": "PartitionResult"}),
        json!({"fn": "getAttr", "argv": [{"ref": "PartitionResult"}, "name"]}),
        json!({"fn": "isSet", "argv": []}),
        json!({"fn": "substring", "argv": [{"ref": "Region"}, 0, 2, true]}),
        json!({"fn": "aws.parseArn", "argv": [{"ref": "Endpoint"}], "assign": "arn"}),
        json!({"conditions": [], "type": "tree", "rules": []}),
        json!({"conditions": [], "type": "error", "error": {"ref": "Region"}}),
    ]
}

proptest::proptest! {
    /// Rule sets mutated at random never panic the generator, and what it
    /// generates parses as Rust.
    #[test]
    fn mutated_rule_sets_never_panic(edits in proptest::collection::vec((0usize..10_000, 0usize..23), 1..4)) {
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/iot/2015-05-28/endpoint-rule-set-1.json"),
        ).expect("the iot rule set");
        let mut value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        let replacements = replacements();
        for (at, with) in edits {
            let mut all = Vec::new();
            pointers(&value, String::new(), &mut all);
            let pointer = all[at % all.len()].clone();
            if let Some(slot) = value.pointer_mut(&pointer) {
                *slot = replacements[with % replacements.len()].clone();
            }
        }
        if let Ok(resolver) = endpoints::resolver_module(&value, "rules.json", "a test service") {
            let rendered = render::render("endpoint.rs", resolver.tokens);
            proptest::prop_assert!(rendered.is_ok(), "{rendered:?}");
        }
    }
}
