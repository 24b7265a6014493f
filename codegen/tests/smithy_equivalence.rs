//! The two front-ends agree. Each Smithy JSON AST twin in
//! `tests/fixtures/smithy/` lowers to the same shape graph as its botocore
//! original, once shape ids are reduced to their names (Smithy's are
//! `namespace#Name`) and documentation to the Markdown it renders as
//! (the twins wrap some HTML differently), and so generates the same files.
//!
//! Where the formats cannot say the same thing, the difference is written
//! down below as a patch to the botocore graph (`kitchen_sink_differences`)
//! rather than hidden by the comparison; `docs/architecture.md` explains
//! each one. The generated code is identical all the same.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use awsgen_codegen::docs::html_to_markdown;
use awsgen_codegen::emit::RuntimeDependency;
use awsgen_codegen::ir::{Binding, Constraints, Model, Shape, ShapeId, ShapeKind, Unsupported};
use awsgen_codegen::model;
use awsgen_codegen::pipeline::{generate, CrateSpec, GeneratedFile};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The botocore model of a twin pair.
fn botocore_path(name: &str) -> PathBuf {
    match name {
        "iot_jobs_data" => fixtures().join("smithy/iot_jobs_data.botocore.json"),
        _ => fixtures().join(format!("{name}.json")),
    }
}

fn smithy_path(name: &str) -> PathBuf {
    fixtures().join("smithy").join(format!("{name}.json"))
}

fn load(path: &Path) -> Model {
    match model::load(path) {
        Ok(loaded) => loaded.model,
        Err(e) => panic!("{e}"),
    }
}

const TWINS: [&str; 4] = [
    "kitchen_sink",
    "recursion",
    "obstacle_course",
    "iot_jobs_data",
];

// ------------------------------------------------------------ normalizing

fn name_of(id: &ShapeId) -> ShapeId {
    ShapeId(id.name().to_owned())
}

/// What documentation renders as; blank documentation is none.
fn docs(html: &mut Option<String>) {
    *html = html
        .take()
        .map(|h| html_to_markdown(&h))
        .filter(|md| !md.is_empty());
}

/// The graph with ids reduced to names, documentation to Markdown, and
/// the source file and endpoint rules (compared on their own) left out.
fn normalize(mut model: Model) -> Model {
    model.source = String::new();
    model.service.endpoint_rule_set = None;
    model.service.endpoint_tests = None;
    docs(&mut model.service.documentation);
    for op in model.operations.values_mut() {
        op.input = op.input.as_ref().map(name_of);
        op.output = op.output.as_ref().map(name_of);
        op.errors = op.errors.iter().map(name_of).collect();
        docs(&mut op.documentation);
    }
    let mut shapes = BTreeMap::new();
    for (id, mut shape) in std::mem::take(&mut model.shapes) {
        shape.id = name_of(&shape.id);
        docs(&mut shape.documentation);
        match &mut shape.kind {
            ShapeKind::Structure(s) | ShapeKind::Union(s) => {
                for m in &mut s.members {
                    m.target = name_of(&m.target);
                    docs(&mut m.documentation);
                }
            }
            ShapeKind::List(l) => {
                l.member = name_of(&l.member);
                docs(&mut l.member_documentation);
            }
            ShapeKind::Map(m) => {
                m.key = name_of(&m.key);
                m.value = name_of(&m.value);
            }
            ShapeKind::Enum(values) => values.iter_mut().for_each(|v| docs(&mut v.documentation)),
            ShapeKind::IntEnum(values) => {
                values.iter_mut().for_each(|v| docs(&mut v.documentation))
            }
            _ => {}
        }
        let name = name_of(&id);
        assert!(
            shapes.insert(name.clone(), shape).is_none(),
            "two shapes are named `{name}`: the comparison by name would be ambiguous"
        );
    }
    model.shapes = shapes;
    for u in &mut model.unsupported {
        u.subject = name_of(&ShapeId(u.subject.clone())).0;
    }
    model
}

/// Compares part by part, so a failure names the shape or operation.
fn assert_same_graph(expected: &Model, actual: &Model, twin: &str) {
    assert_eq!(expected.service, actual.service, "{twin}: service");
    assert_eq!(
        expected.operations.keys().collect::<Vec<_>>(),
        actual.operations.keys().collect::<Vec<_>>(),
        "{twin}: operation names"
    );
    for (name, op) in &expected.operations {
        assert_eq!(
            Some(op),
            actual.operations.get(name),
            "{twin}: operation {name}"
        );
    }
    assert_eq!(
        expected.shapes.keys().collect::<Vec<_>>(),
        actual.shapes.keys().collect::<Vec<_>>(),
        "{twin}: shape names"
    );
    for (id, shape) in &expected.shapes {
        assert_eq!(Some(shape), actual.shapes.get(id), "{twin}: shape {id}");
    }
    assert_eq!(
        expected.unsupported, actual.unsupported,
        "{twin}: unsupported"
    );
    assert_eq!(expected, actual, "{twin}");
}

// ------------------------------------------------------------ differences

/// The two places in generated code where the kitchen sink's twins differ,
/// both because `DeleteThingRequest`'s one member is named `ThingName` in
/// botocore and `thingName` in the twin (see [`kitchen_sink_differences`]):
/// its struct-level serde `rename_all` rule, and its path in validation
/// problems.
fn kitchen_sink_file_differences(files: &mut [GeneratedFile]) {
    let types = files
        .iter_mut()
        .find(|f| f.path.ends_with("kitchensink/types.rs"))
        .expect("the kitchen sink has a types.rs");
    let start = types
        .contents
        .find("pub struct DeleteThingRequest {")
        .expect("DeleteThingRequest is generated");
    let botocore = r#"serde(default, rename_all = "PascalCase"))]"#;
    let at = types.contents[..start]
        .rfind(botocore)
        .expect("DeleteThingRequest has a serde rename rule");
    assert!(
        !types.contents[at..start].contains("pub struct"),
        "the rule found belongs to DeleteThingRequest"
    );
    types.contents.replace_range(
        at..at + botocore.len(),
        r#"serde(default, rename_all = "camelCase"))]"#,
    );

    let validate = files
        .iter_mut()
        .find(|f| f.path.ends_with("kitchensink/validate.rs"))
        .expect("the kitchen sink has a validate.rs");
    let start = validate
        .contents
        .find("fn delete_thing_request<'a>(")
        .expect("DeleteThingRequest is validated");
    let botocore = r#"v.min_chars("ThingName","#;
    let offset = validate.contents[start..]
        .find(botocore)
        .expect("its label member's length is checked");
    let at = start + offset;
    validate
        .contents
        .replace_range(at..at + botocore.len(), r#"v.min_chars("thingName","#);
}

/// The kitchen sink says two things botocore's way that Smithy cannot:
///
/// - `DeleteThingRequest.ThingName` is bound to the URI label
///   `{thingName}`: botocore renames a label with `locationName`, while a
///   Smithy label *is* the member name, so the twin's member is `thingName`
///   (the Rust field is `thing_name` either way; only its serde name, the
///   member name, differs: see [`kitchen_sink_file_differences`]);
/// - `CreateThingRequest.Metadata` is botocore `jsonvalue` (a header of
///   base64 JSON) on a plain string; Smithy says it with
///   `@mediaType("application/json")` on the target, so the twin targets a
///   string shape `JsonString` that has it.
fn kitchen_sink_differences(model: &mut Model) {
    let label = find_member(model, "DeleteThingRequest", "ThingName");
    assert_eq!(label.binding, Binding::Label("thingName".to_owned()));
    label.name = "thingName".to_owned();
    let metadata = find_member(model, "CreateThingRequest", "Metadata");
    assert!(metadata.json_value);
    metadata.target = ShapeId("JsonString".to_owned());
    metadata.media_type = Some("application/json".to_owned());
    model.shapes.insert(
        ShapeId("JsonString".to_owned()),
        Shape {
            id: ShapeId("JsonString".to_owned()),
            kind: ShapeKind::String,
            documentation: None,
            deprecated: None,
            sensitive: false,
            constraints: Constraints::default(),
            error: None,
        },
    );
}

fn find_member<'a>(
    model: &'a mut Model,
    shape: &str,
    member: &str,
) -> &'a mut awsgen_codegen::ir::Member {
    let members = match model
        .shapes
        .get_mut(&ShapeId(shape.to_owned()))
        .map(|s| &mut s.kind)
    {
        Some(ShapeKind::Structure(s)) => &mut s.members,
        _ => panic!("no structure {shape}"),
    };
    match members.iter_mut().find(|m| m.name == member) {
        Some(m) => m,
        None => panic!("no member {shape}.{member}"),
    }
}

// ------------------------------------------------------------ tests

#[test]
fn twins_lower_to_the_same_graph() {
    for twin in TWINS {
        let mut expected = normalize(load(&botocore_path(twin)));
        let actual = normalize(load(&smithy_path(twin)));
        if twin == "kitchen_sink" {
            kitchen_sink_differences(&mut expected);
        }
        assert_same_graph(&expected, &actual, twin);
    }
}

fn generated(path: PathBuf) -> Vec<GeneratedFile> {
    let spec = CrateSpec {
        package: "awsgen-twin".to_owned(),
        title: "Twin".to_owned(),
        runtime: RuntimeDependency::Workspace,
        models: vec![path],
        partitions: Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/partitions.json")),
    };
    match generate(&spec) {
        Ok(generated) => generated.files,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn twins_generate_the_same_files() {
    for twin in TWINS {
        let mut expected = generated(botocore_path(twin));
        let actual = generated(smithy_path(twin));
        if twin == "kitchen_sink" {
            kitchen_sink_file_differences(&mut expected);
        }
        assert_eq!(
            expected.iter().map(|f| &f.path).collect::<Vec<_>>(),
            actual.iter().map(|f| &f.path).collect::<Vec<_>>(),
            "{twin}: file names"
        );
        for (e, a) in expected.iter().zip(&actual) {
            assert!(
                e.contents == a.contents,
                "{twin}: {} differs\n{}",
                e.path.display(),
                first_difference(&e.contents, &a.contents)
            );
        }
    }
}

/// The first differing line of two texts, with its number.
fn first_difference(expected: &str, actual: &str) -> String {
    let mut e = expected.lines();
    let mut a = actual.lines();
    let mut line = 1;
    loop {
        match (e.next(), a.next()) {
            (None, None) => return "no difference".to_owned(),
            (x, y) if x == y => line += 1,
            (x, y) => return format!("line {line}:\n  botocore: {x:?}\n  smithy:   {y:?}"),
        }
    }
}

/// The event stream is unsupported in both, named by its own id.
#[test]
fn unsupported_features_are_reported_alike() {
    let smithy = load(&smithy_path("kitchen_sink"));
    assert_eq!(
        smithy.unsupported,
        [Unsupported {
            subject: "example.kitchensink#EventStream".to_owned(),
            feature: "event streams".to_owned()
        }]
    );
}

/// Endpoint rules come from traits in Smithy; botocore ships them as a
/// companion file beside the model, which its front-end reads: both give
/// the graph the same rule set (so the twins' `endpoint.rs` are equal).
#[test]
fn endpoint_rules_come_from_traits() {
    let smithy = load(&smithy_path("iot_jobs_data"));
    let rules_file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../models/iot-jobs-data/2017-09-29/endpoint-rule-set-1.json");
    let rules: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(rules_file).unwrap()).unwrap();
    assert_eq!(smithy.service.endpoint_rule_set, Some(rules.clone()));
    let tests = smithy.service.endpoint_tests.expect("endpoint tests");
    assert_eq!(tests["testCases"].as_array().map(Vec::len), Some(5));
    assert_eq!(
        tests["testCases"][0]["expect"]["endpoint"]["url"],
        "https://data.jobs.iot.us-east-1.amazonaws.com"
    );
    let botocore = load(&botocore_path("iot_jobs_data"));
    assert_eq!(botocore.service.endpoint_rule_set, Some(rules));
    let kitchen_sink = load(&botocore_path("kitchen_sink"));
    assert_eq!(
        kitchen_sink.service.endpoint_rule_set, None,
        "no companion file"
    );
    for twin in ["kitchen_sink", "recursion", "obstacle_course"] {
        let smithy = load(&smithy_path(twin));
        assert_eq!(smithy.service.endpoint_rule_set, None, "{twin}");
        assert!(smithy.operations.values().all(|op| op.paginated.is_none()));
    }
}
