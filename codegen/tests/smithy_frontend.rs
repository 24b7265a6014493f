//! The Smithy front-end on what only Smithy has: `tests/fixtures/smithy/
//! features.json` uses intEnums, 2.0 enum shapes and the 1.0 enum trait,
//! sets, prelude targets (with their defaults), mixins, `apply`, nested
//! resources, service-wide errors and pagination, endpoint rules as
//! traits, `clientOptional`, `default`, `mediaType` and unknown traits.
//! Each lands in the shape graph as `docs/architecture.md` maps it, and
//! the generated files are snapshotted (and compile: see the ignored test
//! at the end).

use std::path::{Path, PathBuf};

use awsgen_codegen::emit::RuntimeDependency;
use awsgen_codegen::ir::{
    Binding, Bounds, Deprecation, EnumValue, IntEnumValue, Member, Model, Paginated, Protocol,
    Retryable, ShapeId, ShapeKind, Structure, TimestampFormat,
};
use awsgen_codegen::model::{self, load_str, Format};
use awsgen_codegen::pipeline::{generate, CrateSpec};
use serde_json::json;

const NS: &str = "example.features#";

fn features_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/smithy/features.json")
}

fn features() -> Model {
    match model::load(&features_path()) {
        Ok(loaded) => loaded.model,
        Err(e) => panic!("{e}"),
    }
}

fn id(name: &str) -> ShapeId {
    if name.contains('#') {
        ShapeId(name.to_owned())
    } else {
        ShapeId(format!("{NS}{name}"))
    }
}

fn kind<'a>(model: &'a Model, name: &str) -> &'a ShapeKind {
    match model.shape(&id(name)) {
        Some(shape) => &shape.kind,
        None => panic!("no shape {name}"),
    }
}

fn structure<'a>(model: &'a Model, name: &str) -> &'a Structure {
    match kind(model, name) {
        ShapeKind::Structure(s) | ShapeKind::Union(s) => s,
        other => panic!("{name} is {other:?}"),
    }
}

fn member<'a>(model: &'a Model, shape: &str, name: &str) -> &'a Member {
    match structure(model, shape)
        .members
        .iter()
        .find(|m| m.name == name)
    {
        Some(m) => m,
        None => panic!("no member {shape}.{name}"),
    }
}

fn member_names(model: &Model, shape: &str) -> Vec<String> {
    structure(model, shape)
        .members
        .iter()
        .map(|m| m.name.clone())
        .collect()
}

// ------------------------------------------------------------ service

#[test]
fn service_metadata_comes_from_traits() {
    let model = features();
    let s = &model.service;
    assert_eq!(s.service_id, "Features");
    assert_eq!(s.full_name, "Smithy Features Service");
    assert_eq!(s.api_version, "2024-06-01");
    assert_eq!(s.protocol, Protocol::RestJson1);
    assert_eq!(s.signing_name.as_deref(), Some("features"));
    // No `endpointPrefix`: the ARN namespace, as Smithy's ServiceTrait does.
    assert_eq!(s.endpoint_prefix.as_deref(), Some("features"));
    assert_eq!(s.model_name, "features");
    assert_eq!(
        (s.target_prefix.as_deref(), s.json_version.as_deref()),
        (None, None)
    );
    assert!(s
        .documentation
        .as_deref()
        .is_some_and(|d| d.contains("<b>Features</b>")));
    let rules = s.endpoint_rule_set.as_ref().expect("a rule set");
    assert_eq!(rules["rules"][0]["type"], "endpoint");
    let tests = s.endpoint_tests.as_ref().expect("endpoint tests");
    assert_eq!(
        tests["testCases"][0]["expect"]["endpoint"]["url"],
        "https://example.com"
    );
}

/// Operations bound directly, through a resource's lifecycle, instance
/// and collection operations, and through a nested resource.
#[test]
fn operations_are_collected_through_resources() {
    let model = features();
    let names: Vec<&str> = model.operations.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "CleanGarages",
            "CountGarages",
            "EchoHeaders",
            "GetCar",
            "HonkCar",
            "ListCars",
            "ParkCar",
            "Placeholders",
            "PutCar"
        ]
    );
}

#[test]
fn operation_traits() {
    let model = features();
    let clean = &model.operations["CleanGarages"];
    assert_eq!((clean.input.as_ref(), clean.output.as_ref()), (None, None));
    assert_eq!(clean.http.method, "POST");
    assert_eq!(clean.http.response_code, 204);
    assert!(clean.checksum_required);
    assert_eq!(
        clean.deprecated,
        Some(Deprecation {
            message: Some("Garages clean themselves.".to_owned()),
            since: Some("2024-07-01".to_owned()),
        })
    );
    let put = &model.operations["PutCar"];
    assert!(put.idempotent);
    assert_eq!(put.http.response_code, 201);
    assert_eq!(put.http.uri.to_string(), "/garages/{garageId}/cars/{carId}");
    let honk = &model.operations["HonkCar"];
    assert_eq!(honk.output, None);
    assert_eq!(
        honk.host_prefix
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("{garageId}.")
    );
    assert_eq!(
        model.operations["GetCar"].documentation.as_deref(),
        Some("Reads a car.")
    );
}

/// The service's errors come after the operation's own, each once.
#[test]
fn service_errors_are_added_to_every_operation() {
    let model = features();
    assert_eq!(
        model.operations["GetCar"].errors,
        [id("CarNotFound"), id("ServiceFault")]
    );
    assert_eq!(
        model.operations["CountGarages"].errors,
        [id("ServiceFault")]
    );
    let fault = model
        .shape(&id("ServiceFault"))
        .and_then(|s| s.error.as_ref());
    let fault = fault.expect("an error");
    assert!(fault.server_fault);
    assert_eq!(fault.http_status, Some(503));
    assert_eq!(fault.retryable, Some(Retryable { throttling: false }));
}

/// An operation's `paginated` fills its gaps from the service's.
#[test]
fn pagination_merges_with_the_service_defaults() {
    let model = features();
    assert_eq!(
        model.operations["ListCars"].paginated,
        Some(Paginated {
            input_token: Some("nextToken".to_owned()),
            output_token: Some("nextToken".to_owned()),
            page_size: Some("maxResults".to_owned()),
            items: Some("cars".to_owned()),
            ..Paginated::default()
        })
    );
    assert_eq!(model.operations["GetCar"].paginated, None);
}

// ------------------------------------------------------------ shapes

#[test]
fn int_enums() {
    let model = features();
    assert_eq!(
        kind(&model, "CarStatus"),
        &ShapeKind::IntEnum(vec![
            IntEnumValue {
                name: "PARKED".to_owned(),
                value: 1,
                documentation: Some("Not moving.".to_owned()),
            },
            IntEnumValue {
                name: "DRIVING".to_owned(),
                value: 2,
                documentation: None,
            },
            IntEnumValue {
                name: "BROKEN".to_owned(),
                value: -1,
                documentation: None,
            },
        ])
    );
}

/// 2.0 enum shapes: the value is `enumValue`, or the member name.
#[test]
fn enum_shapes() {
    let model = features();
    let ShapeKind::Enum(values) = kind(&model, "Color") else {
        panic!("Color is not an enum");
    };
    let pairs: Vec<(&str, &str)> = values
        .iter()
        .map(|v| (v.name.as_str(), v.value.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [("RED", "red"), ("GREEN", "green"), ("BLUE", "BLUE")]
    );
    assert_eq!(
        values[1].deprecated,
        Some(Deprecation {
            message: Some("Green cars are sold out.".to_owned()),
            since: None
        })
    );
    assert_eq!(
        values[1].documentation.as_deref(),
        Some("A deprecated value.")
    );
}

/// The 1.0 `enum` trait on a string, with names.
#[test]
fn enum_trait() {
    let model = features();
    assert_eq!(
        kind(&model, "FuelKind"),
        &ShapeKind::Enum(vec![
            EnumValue {
                name: "PETROL".to_owned(),
                value: "petrol".to_owned(),
                documentation: Some("Dinosaurs.".to_owned()),
                deprecated: None,
            },
            EnumValue {
                name: "ELECTRIC".to_owned(),
                value: "electric".to_owned(),
                documentation: None,
                deprecated: None,
            },
            EnumValue {
                name: "HYDROGEN".to_owned(),
                value: "hydrogen".to_owned(),
                documentation: None,
                deprecated: Some(Deprecation::default()),
            },
        ])
    );
}

#[test]
fn sets_are_lists() {
    let model = features();
    match kind(&model, "CarList") {
        ShapeKind::List(list) => {
            assert_eq!(list.member, id("CarSummary"));
            assert!(!list.sparse);
            assert_eq!(list.member_documentation.as_deref(), Some("One car."));
        }
        other => panic!("{other:?}"),
    }
    match kind(&model, "TagMap") {
        ShapeKind::Map(map) => {
            assert_eq!(
                (&map.key, &map.value),
                (&id("smithy.api#String"), &id("smithy.api#String"))
            );
            assert!(map.sparse);
        }
        other => panic!("{other:?}"),
    }
}

/// Only the prelude shapes the model targets join the graph.
#[test]
fn prelude_targets() {
    let model = features();
    let prelude: Vec<&str> = model
        .shapes
        .keys()
        .filter_map(|id| id.0.strip_prefix("smithy.api#"))
        .collect();
    assert_eq!(
        prelude,
        [
            "BigDecimal",
            "BigInteger",
            "Blob",
            "Byte",
            "Document",
            "Double",
            "Float",
            "Integer",
            "Long",
            "PrimitiveBoolean",
            "PrimitiveInteger",
            "Short",
            "String",
            "Timestamp",
            "Unit",
        ]
    );
    assert_eq!(
        kind(&model, "smithy.api#PrimitiveInteger"),
        &ShapeKind::Integer
    );
    assert_eq!(
        kind(&model, "smithy.api#Unit"),
        &ShapeKind::Structure(Structure::default())
    );
    // A union member without data targets `Unit`.
    assert_eq!(member(&model, "Spec", "none").target, id("smithy.api#Unit"));
}

/// Members come from mixins first, then the shape's own; a redefined
/// member keeps its place and the mixin's traits unless it overrides them.
#[test]
fn mixins_are_flattened() {
    let model = features();
    assert_eq!(
        member_names(&model, "ListCarsInput"),
        ["nextToken", "maxResults", "garageId", "filters"]
    );
    assert_eq!(
        member_names(&model, "PutCarInput")[..3],
        ["garageId", "carId", "name"]
    );
    let car_id = member(&model, "PutCarInput", "carId");
    assert_eq!(car_id.binding, Binding::Label("carId".to_owned()));
    assert!(car_id.required);
    assert_eq!(
        car_id.documentation.as_deref(),
        Some("The car: a mixed-in member given its own documentation.")
    );
    let garage_id = member(&model, "GetCarInput", "garageId");
    assert_eq!(garage_id.documentation.as_deref(), Some("The garage."));
    // `localTraits` keep the mixin's documentation to itself.
    let input = model.shape(&id("ListCarsInput")).expect("ListCarsInput");
    assert_eq!(input.documentation, None);
    // Mixins are not shapes of the API.
    for mixin in ["PaginationInput", "CarIdentity", "SecretMixin"] {
        assert!(model.shape(&id(mixin)).is_none(), "{mixin}");
    }
    // A string mixin lends its traits.
    let password = model.shape(&id("Password")).expect("Password");
    assert!(password.sensitive);
    assert_eq!(
        password.constraints.length,
        Some(Bounds {
            min: Some(8.into()),
            max: None
        })
    );
    assert_eq!(password.constraints.pattern.as_deref(), Some("^\\S+$"));
}

/// `apply` reaches members defined here and members inherited from mixins.
#[test]
fn apply_adds_traits() {
    let model = features();
    assert_eq!(
        member(&model, "GetCarOutput", "status")
            .documentation
            .as_deref(),
        Some("Where the car is (documented through `apply`).")
    );
    assert!(member(&model, "HonkCarInput", "garageId").host_label);
    assert!(!member(&model, "GetCarInput", "garageId").host_label);
}

#[test]
fn member_traits() {
    let model = features();
    let name = member(&model, "PutCarInput", "name");
    assert!(name.required && name.client_optional);
    assert_eq!(
        member(&model, "PutCarInput", "color").default,
        Some(json!("red"))
    );
    // `@default(null)` removes the target's default; `box` has none.
    assert_eq!(member(&model, "PutCarInput", "seats").default, None);
    let mileage = member(&model, "PutCarInput", "mileage");
    assert!(mileage.nullable);
    assert_eq!(mileage.default, None);
    // Prelude primitives default to their zero value.
    assert_eq!(
        member(&model, "GetCarOutput", "wheels").default,
        Some(json!(0))
    );
    assert_eq!(
        member(&model, "GetCarOutput", "electric").default,
        Some(json!(false))
    );
    assert_eq!(member(&model, "GetCarOutput", "doors").default, None);

    let token = member(&model, "PutCarInput", "token");
    assert!(token.idempotency_token);
    assert_eq!(token.binding, Binding::Header("x-token".to_owned()));
    assert_eq!(
        member(&model, "PutCarInput", "labels").binding,
        Binding::PrefixHeaders("x-label-".to_owned())
    );
    assert_eq!(
        member(&model, "ListCarsInput", "filters").binding,
        Binding::QueryParams
    );
    assert_eq!(
        member(&model, "ListCarsInput", "maxResults").binding,
        Binding::Query("maxResults".to_owned())
    );
    assert_eq!(
        member(&model, "PutCarOutput", "status").binding,
        Binding::StatusCode
    );
    // A JSON header is botocore's `jsonvalue`.
    let settings = member(&model, "PutCarInput", "settings");
    assert!(settings.json_value);
    assert_eq!(settings.media_type.as_deref(), Some("application/json"));
    let photo = member(&model, "PutCarInput", "photo");
    assert_eq!(photo.binding, Binding::Payload);
    assert!(!photo.json_value);
    assert_eq!(photo.media_type.as_deref(), Some("image/jpeg"));
    assert_eq!(kind(&model, "Photo"), &ShapeKind::Blob { streaming: true });

    let n = member(&model, "CountGaragesOutput", "n");
    assert_eq!(n.json_name.as_deref(), Some("number_of_garages"));
    assert_eq!(
        member(&model, "GetCarOutput", "builtAt").timestamp_format,
        Some(TimestampFormat::DateTime)
    );
    assert_eq!(
        kind(&model, "EpochTime"),
        &ShapeKind::Timestamp {
            format: Some(TimestampFormat::EpochSeconds)
        }
    );
    assert_eq!(
        model.shape(&id("PageSize")).map(|s| &s.constraints.range),
        Some(&Some(Bounds {
            min: Some(1.into()),
            max: Some(100.into())
        }))
    );
}

// ------------------------------------------------------------ small models

/// A minimal Smithy model around one service shape's traits and one
/// operation's.
fn tiny(service_traits: serde_json::Value, operation_traits: serde_json::Value) -> String {
    serde_json::to_string_pretty(&json!({
        "smithy": "2.0",
        "shapes": {
            "t#Svc": {
                "type": "service",
                "version": "2020-01-01",
                "operations": [{"target": "t#Op"}],
                "traits": service_traits
            },
            "t#Op": {
                "type": "operation",
                "input": {"target": "t#OpInput"},
                "traits": operation_traits
            },
            "t#OpInput": {
                "type": "structure",
                "members": {"a": {"target": "smithy.api#String"}}
            }
        }
    }))
    .expect("JSON")
}

/// awsJson operations need no `http` trait: botocore posts them to `/`;
/// the target prefix is the service shape's name.
#[test]
fn aws_json_services() {
    let json = tiny(json!({"aws.protocols#awsJson1_0": {}}), json!({}));
    let model = load_str("t.json", &json).expect("loads").model;
    assert_eq!(model.service.protocol, Protocol::AwsJson1_0);
    assert_eq!(model.service.target_prefix.as_deref(), Some("Svc"));
    assert_eq!(model.service.json_version.as_deref(), Some("1.0"));
    let op = &model.operations["Op"];
    assert_eq!(
        (op.http.method.as_str(), op.http.uri.to_string().as_str()),
        ("POST", "/")
    );
    // Without `aws.api#service`: ids from the title, else the shape name.
    assert_eq!(model.service.service_id, "Svc");
    assert_eq!(model.service.endpoint_prefix, None);
}

/// In `models/<service>/<version>/model.json` (where `cargo xtask codegen`
/// finds Smithy models) the folder names the service, as for botocore.
#[test]
fn model_name_from_the_models_folder() {
    let json = tiny(
        json!({"aws.protocols#restJson1": {}, "aws.api#service": {"sdkId": "Svc", "endpointPrefix": "svc-endpoint"}}),
        json!({"smithy.api#http": {"method": "POST", "uri": "/op"}}),
    );
    let at = |file: &str| {
        load_str(file, &json)
            .expect("loads")
            .model
            .service
            .model_name
    };
    assert_eq!(at("models/widgets/2024-06-01/model.json"), "widgets");
    assert_eq!(at("t.json"), "svc-endpoint");
}

/// A service with several protocols is lowered with the one botocore
/// would pick: restJson1 first.
#[test]
fn protocol_preference() {
    let json = tiny(
        json!({"aws.protocols#awsJson1_1": {}, "aws.protocols#restJson1": {}}),
        json!({"smithy.api#http": {"method": "POST", "uri": "/op"}}),
    );
    let model = load_str("t.json", &json).expect("loads").model;
    assert_eq!(model.service.protocol, Protocol::RestJson1);
}

/// Version 1.0 models load too, and the format can be chosen explicitly.
#[test]
fn smithy_1_and_explicit_format() {
    let json = tiny(
        json!({"aws.protocols#restJson1": {}}),
        json!({"smithy.api#http": {"method": "POST", "uri": "/op"}}),
    )
    .replace("\"2.0\"", "\"1.0\"");
    let loaded = model::parse_as("t.json", &json, Format::Smithy)
        .and_then(|p| p.lower())
        .expect("loads");
    assert_eq!(loaded.model.operations.len(), 1);
    // Read as botocore, the same text is not a model.
    let e = model::parse_as("t.json", &json, Format::Botocore)
        .err()
        .expect("not botocore");
    assert_eq!(
        e.to_string(),
        "t.json: at /shapes/t#OpInput/members/a (line 33, column 9): missing field `shape`"
    );
}

/// Traits this generator does not know are ignored, whatever their value.
#[test]
fn unknown_traits_are_ignored() {
    let json = tiny(
        json!({"aws.protocols#restJson1": {}, "x.y#whatever": [1, {"z": null}]}),
        json!({"smithy.api#http": {"method": "POST", "uri": "/op"}, "smithy.api#examples": 5}),
    );
    assert!(load_str("t.json", &json).is_ok());
}

// ------------------------------------------------------------ generated code

fn generate_features() -> Vec<awsgen_codegen::pipeline::GeneratedFile> {
    let spec = CrateSpec {
        package: "awsgen-smithy-features".to_owned(),
        title: "Smithy features".to_owned(),
        runtime: RuntimeDependency::Workspace,
        models: vec![features_path()],
        partitions: None,
    };
    match generate(&spec) {
        Ok(generated) => generated.files,
        Err(e) => panic!("{e}"),
    }
}

/// The generated Rust files, as snapshots (`smithy_features__<file>`).
#[test]
fn generated_files() {
    for file in generate_features() {
        let Some(name) = file.path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if !name.ends_with(".rs") {
            continue;
        }
        insta::with_settings!({
            prepend_module_to_snapshot => false,
            description => file.path.display().to_string(),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(format!("smithy_features__{name}"), file.contents);
        });
    }
}

/// Builds the generated crate with `-D warnings` (and its docs with
/// `RUSTDOCFLAGS=-D warnings`). Slow, so not part of the default run:
/// `cargo test -p awsgen-codegen --test smithy_frontend -- --ignored`.
#[test]
#[ignore = "builds a crate; run with --ignored"]
fn generated_code_compiles() {
    let out = std::env::temp_dir().join(format!("awsgen-smithy-features-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime");
    let spec = CrateSpec {
        package: "awsgen-smithy-features".to_owned(),
        title: "Smithy features".to_owned(),
        runtime: RuntimeDependency::Path(runtime.display().to_string()),
        models: vec![features_path()],
        partitions: None,
    };
    let files = match generate(&spec) {
        Ok(generated) => generated.files,
        Err(e) => panic!("{e}"),
    };
    for file in &files {
        let path = out.join(&file.path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(&path, &file.contents).expect("write");
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| out.join("target"));
    for (command, flags) in [("build", "RUSTFLAGS"), ("doc", "RUSTDOCFLAGS")] {
        let status = std::process::Command::new(env!("CARGO"))
            .args([command, "--quiet", "--manifest-path"])
            .arg(out.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", target.join("smithy-features"))
            .env(flags, "-D warnings")
            .status()
            .expect("cargo runs");
        assert!(
            status.success(),
            "cargo {command} of {} failed",
            out.display()
        );
    }
    let _ = std::fs::remove_dir_all(&out);
}
