//! Robustness of the front-end and the whole pipeline on hostile models.
//!
//! Property tests mutate real-ish seed models, at the JSON value level
//! (deleted keys, values of the wrong type, dangling and cyclic references,
//! duplicated members, deep nesting, odd URI templates, odd documentation)
//! and at the byte level (truncation, flipped bytes, inserted UTF-8). Every
//! input must give `Ok` or `Err` without a panic; every input that loads
//! must go through naming, emitting and rendering without a panic, and
//! every file it renders must be valid Rust with no two items of one name
//! in a module (a validated model always renders; a render error is a
//! generator bug).
//!
//! The default case count keeps `cargo test` fast; for a long run:
//! `PROPTEST_CASES=20000 cargo test --release -p awsgen-codegen --test frontend_never_panics`
//! (add `FUZZ_STATS=1` and `-- --nocapture` to print each case's outcome,
//! to see which errors the mutations reach).
//!
//! Deterministic tests below check stack depth: 10,000-deep chains and long
//! cycles of structures, lists and maps must not overflow the (2 MiB) stack
//! of a test thread in validation, boxing, reachability or emitting.

#[path = "common/json_paths.rs"]
mod json_paths;

use std::sync::OnceLock;

use awsgen_codegen::emit::{self, CrateService, RuntimeDependency, ServiceFile};
use awsgen_codegen::ir::{ShapeId, ShapeKind, WireView};
use awsgen_codegen::model::{load_str, Loaded};
use awsgen_codegen::naming::{self, Names};
use awsgen_codegen::render;
use json_paths::{ends_with_key, node_mut, pick, Seg};
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::{json, Value};

const IOT_JOBS_DATA: &str = include_str!("../../models/iot-jobs-data/2017-09-29/service-2.json");

/// No version folder in the name: the module name then comes from the
/// (mutated) `endpointPrefix`, which exercises module naming too.
const FILE: &str = "fuzz.json";

/// Cases per property when `PROPTEST_CASES` is not set.
const DEFAULT_CASES: u32 = 48;

fn config() -> Config {
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = DEFAULT_CASES;
    }
    // Report failures with their minimal input; do not write regression
    // files into the source tree (failures found become explicit tests).
    config.failure_persistence = None;
    config
}

/// A small model with a bit of everything the front-end knows: labels
/// (greedy too), query maps, prefix headers, status code, payload, host
/// prefix, idempotency token, recursion through structures and unions,
/// sparse lists, enums with awkward values, keyword members, event streams,
/// documents, every scalar type and HTML documentation.
fn hand_written() -> Value {
    json!({
        "version": "2.0",
        "metadata": {
            "apiVersion": "2021-02-03",
            "endpointPrefix": "fuzz",
            "protocol": "rest-json",
            "protocols": ["rest-json"],
            "serviceFullName": "Fuzz Service",
            "serviceId": "Fuzz",
            "signingName": "fuzz",
            "uid": "fuzz-2021-02-03"
        },
        "documentation": "<p>A <b>hand-written</b> model with <a href=\"https://example.com\">a link</a>.</p>",
        "operations": {
            "PutObject": {
                "name": "PutObject",
                "http": {"method": "PUT", "requestUri": "/{Bucket}/{Key+}?x-id=PutObject", "responseCode": 201},
                "input": {"shape": "PutObjectRequest"},
                "output": {"shape": "PutObjectOutput"},
                "errors": [{"shape": "NoSuchBucket"}],
                "endpoint": {"hostPrefix": "{AccountId}."},
                "documentation": "<p>Puts an <code>object</code>.</p><ul><li>one</li><li>two</li></ul>",
                "idempotent": true,
                "httpChecksumRequired": true
            },
            "ListThings": {
                "name": "ListThings",
                "http": {"method": "GET", "requestUri": "/things"},
                "input": {"shape": "ListThingsRequest"},
                "output": {"shape": "ListThingsResponse"},
                "deprecated": true,
                "deprecatedMessage": "use something else"
            },
            "Subscribe": {
                "name": "Subscribe",
                "http": {"method": "POST", "requestUri": "/subscribe"},
                "output": {"shape": "SubscribeOutput"}
            }
        },
        "shapes": {
            "PutObjectRequest": {
                "type": "structure",
                "required": ["Bucket", "Key", "AccountId"],
                "payload": "Body",
                "members": {
                    "Bucket": {"shape": "Name", "location": "uri", "locationName": "Bucket"},
                    "Key": {"shape": "Name", "location": "uri", "locationName": "Key"},
                    "AccountId": {"shape": "Name", "hostLabel": true, "location": "header", "locationName": "x-amz-account-id"},
                    "Metadata": {"shape": "StringMap", "location": "headers", "locationName": "x-amz-meta-"},
                    "Params": {"shape": "StringMap", "location": "querystring"},
                    "Token": {"shape": "Name", "idempotencyToken": true, "location": "querystring", "locationName": "token"},
                    "Expires": {"shape": "Time", "location": "header", "locationName": "Expires", "timestampFormat": "rfc822"},
                    "Body": {"shape": "Payload"}
                }
            },
            "PutObjectOutput": {
                "type": "structure",
                "members": {
                    "Status": {"shape": "Code", "location": "statusCode"},
                    "ETag": {"shape": "Name", "location": "header", "locationName": "ETag"},
                    "Tree": {"shape": "Tree"}
                }
            },
            "ListThingsRequest": {
                "type": "structure",
                "members": {
                    "Max": {"shape": "Count", "location": "querystring", "locationName": "max", "box": true},
                    "Filter": {"shape": "Filter"}
                }
            },
            "ListThingsResponse": {
                "type": "structure",
                "members": {
                    "Things": {"shape": "Things"},
                    "Next": {"shape": "Name", "locationName": "nextToken"},
                    "Raw": {"shape": "Doc"},
                    "Ratio": {"shape": "Ratio"},
                    "Big": {"shape": "Big"},
                    "Dec": {"shape": "Dec"},
                    "Flag": {"shape": "Flag"},
                    "Status": {"shape": "Status"}
                }
            },
            "SubscribeOutput": {
                "type": "structure",
                "payload": "Events",
                "members": {"Events": {"shape": "Events"}}
            },
            "Events": {"type": "structure", "eventstream": true, "members": {"Ping": {"shape": "Ping"}}},
            "Ping": {"type": "structure", "event": true, "members": {}},
            "Tree": {
                "type": "structure",
                "members": {
                    "Left": {"shape": "Tree"},
                    "Right": {"shape": "Tree"},
                    "Children": {"shape": "Trees"},
                    "Value": {"shape": "Filter"}
                }
            },
            "Trees": {"type": "list", "member": {"shape": "Tree"}},
            "Filter": {
                "type": "structure",
                "union": true,
                "members": {
                    "ByName": {"shape": "Name"},
                    "ByTag": {"shape": "StringMap"},
                    "And": {"shape": "Filters"},
                    "Not": {"shape": "Filter"}
                }
            },
            "Filters": {"type": "list", "member": {"shape": "Filter"}, "min": 1, "max": 10},
            "Things": {"type": "list", "member": {"shape": "Thing"}, "sparse": true},
            "Thing": {
                "type": "structure",
                "required": ["name"],
                "deprecated": true,
                "members": {
                    "name": {"shape": "Name"},
                    "type": {"shape": "Status"},
                    "self": {"shape": "Name"},
                    "Self": {"shape": "Name"},
                    "created": {"shape": "Time", "timestampFormat": "iso8601"},
                    "secret": {"shape": "Secret"}
                }
            },
            "NoSuchBucket": {
                "type": "structure",
                "members": {"Message": {"shape": "Name"}},
                "error": {"code": "NoSuchBucket", "httpStatusCode": 404, "senderFault": true},
                "exception": true,
                "retryable": {"throttling": false}
            },
            "StringMap": {"type": "map", "key": {"shape": "Name"}, "value": {"shape": "Name"}},
            "Name": {"type": "string", "min": 1, "max": 128, "pattern": "^[a-z`]+$"},
            "Secret": {"type": "string", "sensitive": true},
            "Status": {"type": "string", "enum": ["IN_PROGRESS", "Unknown", "self", "1st", ""]},
            "Count": {"type": "integer", "min": 0, "max": 100},
            "Code": {"type": "integer"},
            "Ratio": {"type": "double"},
            "Big": {"type": "bigInteger"},
            "Dec": {"type": "bigDecimal"},
            "Flag": {"type": "boolean"},
            "Time": {"type": "timestamp", "timestampFormat": "unixTimestamp"},
            "Payload": {"type": "blob", "streaming": true},
            "Doc": {"type": "structure", "document": true, "members": {}}
        }
    })
}

fn seeds() -> &'static [Value] {
    static SEEDS: OnceLock<Vec<Value>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        vec![
            serde_json::from_str(IOT_JOBS_DATA).expect("the iot-jobs-data model is JSON"),
            hand_written(),
        ]
    })
}

/// Runs the rest of the pipeline on a loaded model, as `pipeline::generate`
/// does; returns the rendered files: `lib.rs`, then the service's files in
/// the order of [`ServiceFile::ALL`].
fn generate(loaded: &Loaded) -> Result<Vec<String>, String> {
    let model = &loaded.model;
    let reachable = model.reachable_shapes();
    for id in &reachable {
        // Validation guarantees every reference resolves.
        if model.shape(id).is_none() {
            return Err(format!("reachable shape `{id}` is not defined"));
        }
    }
    let names = Names::assign(model);
    let view = WireView::build(model);
    let service = CrateService {
        module: naming::module_name(&model.service.model_name),
        feature: naming::feature_name(&model.service.model_name),
        full_name: model.service.full_name.clone(),
        api_version: model.service.api_version.clone(),
    };
    let _ = emit::cargo_toml(
        "fuzz",
        std::slice::from_ref(&service),
        &RuntimeDependency::Workspace,
    );
    let root = emit::crate_root("Fuzz", &[service], false);
    let mut files = vec![render::render("lib.rs", root).map_err(|e| e.to_string())?];
    for file in ServiceFile::ALL {
        let tokens = emit::emit_service_file(model, &names, &view, file);
        files.push(render::render(file.file_name(), tokens).map_err(|e| e.to_string())?);
    }
    for (text, name) in files.iter().zip(
        ["lib.rs"]
            .into_iter()
            .chain(ServiceFile::ALL.map(|f| f.file_name())),
    ) {
        no_duplicate_items(name, text)?;
    }
    Ok(files)
}

/// `syn` parses a rendered file as Rust; rustc would also refuse two items
/// of one name in a module (E0428, E0255), which parsing does not catch:
/// walk the items.
fn no_duplicate_items(name: &str, text: &str) -> Result<(), String> {
    let file = syn::parse_file(text).map_err(|e| format!("{name} does not parse: {e}"))?;
    match render::duplicate_item(&file.items) {
        Some(duplicate) => Err(format!("{name}: {duplicate}")),
        None => Ok(()),
    }
}

/// The property: loading never panics, errors name the file, and a model
/// that loads goes through the whole pipeline to valid Rust.
fn check(json: &str) -> Result<(), TestCaseError> {
    let result = load_str(FILE, json);
    if std::env::var_os("FUZZ_STATS").is_some() {
        match &result {
            Ok(_) => eprintln!("OUTCOME ok"),
            Err(e) => eprintln!(
                "OUTCOME err {}",
                e.message.chars().take(40).collect::<String>()
            ),
        }
    }
    match result {
        Err(e) => {
            prop_assert_eq!(&e.file, FILE);
            prop_assert!(!e.message.is_empty());
            prop_assert!(e.to_string().starts_with("fuzz.json: "));
        }
        Ok(loaded) => {
            if let Err(e) = generate(&loaded) {
                return Err(TestCaseError::fail(format!("{e}\nmodel:\n{json}")));
            }
        }
    }
    Ok(())
}

// ------------------------------------------------------------ value paths

fn shape_names(model: &Value, kinds: &[&str]) -> Vec<String> {
    model
        .get("shapes")
        .and_then(Value::as_object)
        .map(|shapes| {
            shapes
                .iter()
                .filter(|(_, s)| {
                    kinds.is_empty()
                        || s.get("type")
                            .and_then(Value::as_str)
                            .is_some_and(|t| kinds.contains(&t))
                })
                .map(|(k, _)| k.clone())
                .collect()
        })
        .unwrap_or_default()
}

// -------------------------------------------------------------- mutations

#[derive(Debug, Clone)]
enum Target {
    /// A name the model does not define.
    Dangling(String),
    /// The shape the reference is in.
    Own,
    /// Some shape of the model.
    Existing(usize),
}

#[derive(Debug, Clone)]
enum Mutation {
    /// Remove a key of an object or an element of an array.
    Delete { at: usize },
    /// Replace any value.
    Replace { at: usize, with: Value },
    /// Point a `shape` reference elsewhere.
    Retarget { at: usize, to: Target },
    /// Copy a member under another name (`case` derives it from the
    /// original's, for naming and wire-name collisions).
    DuplicateMember {
        at: usize,
        which: usize,
        name: String,
        case: u8,
    },
    /// Wrap a value in `depth` arrays or objects.
    Nest {
        at: usize,
        depth: usize,
        objects: bool,
    },
    /// Make structures, lists and maps refer to each other in a ring.
    Cycle { picks: Vec<usize> },
    /// Set a request URI (or host prefix) to a random template.
    Template {
        at: usize,
        template: String,
        host: bool,
    },
    /// Add a key to an object.
    Insert {
        at: usize,
        key: String,
        value: Value,
    },
    /// Replace documentation with random HTML.
    Docs { at: usize, html: String },
    /// Rename a shape and every reference to it (`keep` leaves the old one
    /// in place too, a copy under the new name), for naming collisions.
    RenameShape {
        at: usize,
        name: String,
        case: u8,
        keep: bool,
    },
    /// Rename an operation.
    RenameOperation { at: usize, name: String, case: u8 },
    /// Give a string shape enum values (duplicates and collisions likely).
    Enum { at: usize, values: Vec<String> },
}

/// A new name: `name` itself, or one derived from `original` so that it
/// collides with it after case conversion, or so that a function named
/// after it collides with one named after `original` (`GetFoo` and
/// `GetFooBody`, `Foo` and `FooError`, `Bar` and `ReadBar`).
fn derived_name(original: &str, name: &str, case: u8) -> String {
    match case % 9 {
        0 => name.to_owned(),
        1 => original.to_uppercase(),
        2 => original.to_lowercase(),
        3 => format!("{original}_"),
        4 => format!("_{original}"),
        5 => format!("{original}Body"),
        6 => format!("{original}Error"),
        7 => format!("Read{original}"),
        _ => format!("{original}2"),
    }
}

/// Points every `shape` reference to `from` at `to`.
fn rename_references(value: &mut Value, from: &str, to: &str) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                match child {
                    Value::String(target) if key == "shape" && target == from => {
                        *target = to.to_owned();
                    }
                    _ => rename_references(child, from, to),
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                rename_references(item, from, to);
            }
        }
        _ => {}
    }
}

/// Renames (or copies) the entry `at` of the object `parent[key]`.
fn rename_entry(
    model: &mut Value,
    key: &str,
    at: usize,
    new_name: impl FnOnce(&str) -> String,
    keep: bool,
) -> Option<(String, String)> {
    let map = model.get_mut(key)?.as_object_mut()?;
    if map.is_empty() {
        return None;
    }
    let old = map.keys().nth(at % map.len())?.clone();
    let new = new_name(&old);
    let value = if keep {
        map.get(&old)?.clone()
    } else {
        map.shift_remove(&old)?
    };
    map.insert(new.clone(), value);
    Some((old, new))
}

fn apply(model: &mut Value, mutation: &Mutation) {
    match mutation {
        Mutation::Delete { at } => {
            let Some(path) = pick(model, *at, |p, _| !p.is_empty()) else {
                return;
            };
            let (last, parent) = path.split_last().expect("not the root");
            match (node_mut(model, parent), last) {
                (Some(Value::Object(map)), Seg::Key(k)) => {
                    map.shift_remove(k);
                }
                (Some(Value::Array(items)), Seg::Index(i)) if *i < items.len() => {
                    items.remove(*i);
                }
                _ => {}
            }
        }
        Mutation::Replace { at, with } => {
            if let Some(path) = pick(model, *at, |_, _| true) {
                if let Some(node) = node_mut(model, &path) {
                    *node = with.clone();
                }
            }
        }
        Mutation::Retarget { at, to } => {
            let Some(path) = pick(model, *at, |p, n| {
                ends_with_key(p, "shape") && n.is_string()
            }) else {
                return;
            };
            let name = match to {
                Target::Dangling(name) => name.clone(),
                Target::Own => match path.get(..2) {
                    Some([Seg::Key(shapes), Seg::Key(own)]) if shapes == "shapes" => own.clone(),
                    _ => return,
                },
                Target::Existing(i) => {
                    let names = shape_names(model, &[]);
                    if names.is_empty() {
                        return;
                    }
                    names[i % names.len()].clone()
                }
            };
            if let Some(node) = node_mut(model, &path) {
                *node = Value::String(name);
            }
        }
        Mutation::DuplicateMember {
            at,
            which,
            name,
            case,
        } => {
            let Some(path) = pick(model, *at, |p, n| {
                ends_with_key(p, "members") && n.as_object().is_some_and(|m| !m.is_empty())
            }) else {
                return;
            };
            let Some(Value::Object(members)) = node_mut(model, &path) else {
                return;
            };
            let Some((original, member)) = members.iter().nth(which % members.len()) else {
                return;
            };
            let new_name = derived_name(original, name, *case);
            let member = member.clone();
            members.insert(new_name, member);
        }
        Mutation::Nest { at, depth, objects } => {
            let Some(path) = pick(model, *at, |_, _| true) else {
                return;
            };
            if let Some(node) = node_mut(model, &path) {
                let mut value = node.take();
                for _ in 0..*depth {
                    value = if *objects {
                        json!({ "shape": value })
                    } else {
                        json!([value])
                    };
                }
                *node = value;
            }
        }
        Mutation::Cycle { picks } => {
            let names = shape_names(model, &["structure", "list", "map"]);
            if names.is_empty() {
                return;
            }
            let ring: Vec<&String> = picks.iter().map(|i| &names[i % names.len()]).collect();
            for (i, from) in ring.iter().enumerate() {
                let to = ring[(i + 1) % ring.len()].as_str();
                let Some(shape) = model
                    .get_mut("shapes")
                    .and_then(|s| s.get_mut(from.as_str()))
                    .and_then(Value::as_object_mut)
                else {
                    continue;
                };
                let reference = json!({ "shape": to });
                match shape.get("type").and_then(Value::as_str) {
                    Some("list") => {
                        shape.insert("member".to_owned(), reference);
                    }
                    Some("map") => {
                        shape.insert("value".to_owned(), reference);
                    }
                    _ => {
                        let members = shape.entry("members").or_insert_with(|| json!({}));
                        if let Some(members) = members.as_object_mut() {
                            match members.values_mut().next() {
                                Some(first) => *first = reference,
                                None => {
                                    members.insert("cycle".to_owned(), reference);
                                }
                            }
                        }
                    }
                }
            }
        }
        Mutation::Template { at, template, host } => {
            if *host {
                let Some(path) = pick(model, *at, |p, n| {
                    matches!(p, [Seg::Key(o), Seg::Key(_)] if o == "operations") && n.is_object()
                }) else {
                    return;
                };
                if let Some(Value::Object(op)) = node_mut(model, &path) {
                    op.insert("endpoint".to_owned(), json!({ "hostPrefix": template }));
                }
            } else {
                let Some(path) = pick(model, *at, |p, _| ends_with_key(p, "requestUri")) else {
                    return;
                };
                if let Some(node) = node_mut(model, &path) {
                    *node = Value::String(template.clone());
                }
            }
        }
        Mutation::Insert { at, key, value } => {
            let Some(path) = pick(model, *at, |_, n| n.is_object()) else {
                return;
            };
            if let Some(Value::Object(map)) = node_mut(model, &path) {
                map.insert(key.clone(), value.clone());
            }
        }
        Mutation::RenameShape {
            at,
            name,
            case,
            keep,
        } => {
            let renamed = rename_entry(
                model,
                "shapes",
                *at,
                |old| derived_name(old, name, *case),
                *keep,
            );
            if let (Some((old, new)), false) = (renamed, *keep) {
                rename_references(model, &old, &new);
            }
        }
        Mutation::RenameOperation { at, name, case } => {
            rename_entry(
                model,
                "operations",
                *at,
                |old| derived_name(old, name, *case),
                false,
            );
        }
        Mutation::Enum { at, values } => {
            let Some(path) = pick(model, *at, |p, n| {
                matches!(p, [Seg::Key(s), Seg::Key(_)] if s == "shapes")
                    && n.get("type").and_then(Value::as_str) == Some("string")
            }) else {
                return;
            };
            if let Some(Value::Object(shape)) = node_mut(model, &path) {
                shape.insert("enum".to_owned(), json!(values));
            }
        }
        Mutation::Docs { at, html } => {
            let Some(path) = pick(model, *at, |p, _| ends_with_key(p, "documentation")) else {
                return;
            };
            if let Some(node) = node_mut(model, &path) {
                *node = Value::String(html.clone());
            }
        }
    }
}

// ------------------------------------------------------------- strategies

/// Names that trouble naming: keywords, prelude and runtime names, module
/// names, digits, empty, non-ASCII.
const AWKWARD_NAMES: &[&str] = &[
    "",
    // Operations named like what the wire code imports.
    "Parse",
    "JsonBody",
    "FmtBool",
    "IdempotencyToken",
    "RequestBuilder",
    "Errors",
    "_",
    "self",
    "Self",
    "super",
    "crate",
    "type",
    "Type",
    "match",
    "r#type",
    "String",
    "Option",
    "Result",
    "Box",
    "Vec",
    "Error",
    "Client",
    "Unknown",
    "Unhandled",
    "Redacted",
    "UnknownUnionMember",
    "UnknownVariantValue",
    "HashMap",
    "DateTime",
    "types",
    "errors",
    "operations",
    "runtime",
    "1st",
    "9",
    "a-b",
    "a b",
    "a/b",
    "a~b",
    "é",
    "日本",
    "Name",
    "thingName",
    "jobId",
    "Bucket",
    "Key",
    "Shape",
    "Operation",
    "GetThing",
    "GetThingError",
];

/// Keys the botocore front-end reads.
const KEYS: &[&str] = &[
    "location",
    "locationName",
    "timestampFormat",
    "payload",
    "hostLabel",
    "box",
    "union",
    "eventstream",
    "document",
    "streaming",
    "sparse",
    "required",
    "enum",
    "type",
    "exception",
    "fault",
    "error",
    "min",
    "max",
    "pattern",
    "sensitive",
    "deprecated",
    "deprecatedMessage",
    "deprecatedSince",
    "idempotencyToken",
    "jsonvalue",
    "endpoint",
    "hostPrefix",
    "responseCode",
    "errors",
    "input",
    "output",
    "http",
    "member",
    "key",
    "value",
    "members",
    "shape",
    "documentation",
    "protocol",
    "protocols",
    "jsonVersion",
    "metadata",
    "shapes",
    "operations",
    "smithy",
    "retryable",
    "httpStatusCode",
    "code",
    "method",
    "requestUri",
];

/// Values the botocore front-end gives meaning to.
const WORDS: &[&str] = &[
    "uri",
    "querystring",
    "header",
    "headers",
    "statusCode",
    "iso8601",
    "rfc822",
    "unixTimestamp",
    "structure",
    "list",
    "map",
    "string",
    "integer",
    "long",
    "boolean",
    "blob",
    "timestamp",
    "double",
    "float",
    "byte",
    "short",
    "bigInteger",
    "bigDecimal",
    "biginteger",
    "rest-json",
    "json",
    "rest-xml",
    "query",
    "ec2",
    "smithy-rpc-v2-cbor",
    "1.0",
    "1.1",
    "GET",
    "POST",
    "x-amz-meta-",
    "Content-Type",
];

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(AWKWARD_NAMES).prop_map(str::to_owned),
        "[a-zA-Z][a-zA-Z0-9_]{0,10}",
        any::<String>(),
    ]
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(WORDS).prop_map(str::to_owned),
        name(),
    ]
}

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        Just(Value::from(u64::MAX)),
        Just(Value::from(i64::MIN)),
        Just(Value::from(-1)),
        Just(Value::from(0)),
        Just(Value::from(65_536)),
        Just(Value::from(1e308)),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number(),
        word().prop_map(Value::String),
        Just(json!({})),
        Just(json!([])),
        name().prop_map(|n| json!({ "shape": n })),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((word(), inner), 0..4)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

/// URI and host-prefix templates: labels (greedy or not, named after
/// members of the seeds or not), stray braces, query strings.
fn template() -> impl Strategy<Value = String> {
    let label = prop_oneof![
        proptest::sample::select(
            &["thingName", "jobId", "Bucket", "Key", "AccountId", "x", ""][..]
        )
        .prop_map(str::to_owned),
        "[a-zA-Z0-9_. +-]{0,6}",
    ];
    let piece = prop_oneof![
        "/[a-z0-9-]{0,6}",
        label.clone().prop_map(|l| format!("{{{l}}}")),
        label.clone().prop_map(|l| format!("{{{l}+}}")),
        label.prop_map(|l| format!("?{l}={{{l}}}")),
        proptest::sample::select(
            &["{", "}", "+", "?", "&", "=", "?a&b=c", ".", "//", "%", "é"][..]
        )
        .prop_map(str::to_owned),
    ];
    prop::collection::vec(piece, 0..7).prop_map(|pieces| pieces.concat())
}

/// Documentation: HTML fragments, entities, Markdown-significant text,
/// deep nesting and arbitrary text.
fn html() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        proptest::sample::select(
            &[
                "<p>",
                "</p>",
                "<a href=\"",
                "https://x.y/",
                "\">",
                "</a>",
                "<a>",
                "<code>",
                "</code>",
                "<pre>",
                "</pre>",
                "<ul>",
                "<li>",
                "</li>",
                "</ul>",
                "<ol>",
                "<dl>",
                "<dt>",
                "<dd>",
                "<note>",
                "<b>",
                "</i>",
                "<br/>",
                "<table><tr><td>",
                "&amp;",
                "&#x",
                "&#1114112;",
                "&lt;",
                "&",
                "<",
                ">",
                "`",
                "``",
                "*",
                "_",
                "[",
                "]",
                "(",
                ")",
                "#",
                "\n",
                "\r\n",
                "\t",
                " ",
                "*/",
                "/*",
                "\"",
                "\\",
                "<!--",
                "-->",
                "<![CDATA[",
                "]]>",
                "<fullname>",
                "<examples>",
                "\u{202e}",
                "\u{0}",
            ][..]
        )
        .prop_map(str::to_owned),
        any::<String>(),
        (1usize..400).prop_map(|depth| "<ul><li>".repeat(depth)),
        (1usize..400).prop_map(|depth| "<b>".repeat(depth)),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<usize>();
    prop_oneof![
        at.prop_map(|at| Mutation::Delete { at }),
        (at, value()).prop_map(|(at, with)| Mutation::Replace { at, with }),
        (
            at,
            prop_oneof![
                name().prop_map(Target::Dangling),
                Just(Target::Own),
                any::<usize>().prop_map(Target::Existing),
            ]
        )
            .prop_map(|(at, to)| Mutation::Retarget { at, to }),
        (at, any::<usize>(), name(), any::<u8>()).prop_map(|(at, which, name, case)| {
            Mutation::DuplicateMember {
                at,
                which,
                name,
                case,
            }
        }),
        (at, 1usize..300, any::<bool>()).prop_map(|(at, depth, objects)| Mutation::Nest {
            at,
            depth,
            objects
        }),
        prop::collection::vec(any::<usize>(), 1..6).prop_map(|picks| Mutation::Cycle { picks }),
        (at, template(), any::<bool>()).prop_map(|(at, template, host)| Mutation::Template {
            at,
            template,
            host
        }),
        (
            at,
            prop_oneof![
                proptest::sample::select(KEYS).prop_map(str::to_owned),
                name()
            ],
            value()
        )
            .prop_map(|(at, key, value)| Mutation::Insert { at, key, value }),
        (at, html()).prop_map(|(at, html)| Mutation::Docs { at, html }),
        (at, name(), any::<u8>(), any::<bool>()).prop_map(|(at, name, case, keep)| {
            Mutation::RenameShape {
                at,
                name,
                case,
                keep,
            }
        }),
        (at, name(), any::<u8>()).prop_map(|(at, name, case)| Mutation::RenameOperation {
            at,
            name,
            case
        }),
        (
            at,
            prop::collection::vec(
                prop_oneof![
                    proptest::sample::select(
                        &[
                            "a", "A", "a-b", "a_b", "A_B", "Unknown", "unknown", "", " ", "1",
                            "Self", "self", "VALUES", "Values"
                        ][..]
                    )
                    .prop_map(str::to_owned),
                    name(),
                ],
                0..6
            )
        )
            .prop_map(|(at, values)| Mutation::Enum { at, values }),
    ]
}

#[derive(Debug, Clone)]
enum ByteMutation {
    Truncate(usize),
    Flip(usize, u8),
    Insert(usize, String),
    Delete(usize, usize),
    Duplicate(usize, usize),
}

fn byte_mutation() -> impl Strategy<Value = ByteMutation> {
    prop_oneof![
        any::<usize>().prop_map(ByteMutation::Truncate),
        (any::<usize>(), 1u8..=255).prop_map(|(at, mask)| ByteMutation::Flip(at, mask)),
        (
            any::<usize>(),
            prop_oneof![
                any::<String>(),
                proptest::sample::select(
                    &[
                        "{", "}", "[", "]", ",", ":", "\"", "\\", "null", "\\u0000", "\\ud800",
                        "1e999", "-0", "é", "\u{feff}"
                    ][..]
                )
                .prop_map(str::to_owned),
            ]
        )
            .prop_map(|(at, s)| ByteMutation::Insert(at, s)),
        (any::<usize>(), 1usize..64).prop_map(|(at, len)| ByteMutation::Delete(at, len)),
        (any::<usize>(), 1usize..256).prop_map(|(at, len)| ByteMutation::Duplicate(at, len)),
    ]
}

fn apply_bytes(bytes: &mut Vec<u8>, mutation: &ByteMutation) {
    let len = bytes.len();
    let clamp = |at: usize| if len == 0 { 0 } else { at % (len + 1) };
    match mutation {
        ByteMutation::Truncate(at) => bytes.truncate(clamp(*at)),
        ByteMutation::Flip(at, mask) => {
            if len > 0 {
                bytes[at % len] ^= mask;
            }
        }
        ByteMutation::Insert(at, s) => {
            let at = clamp(*at);
            bytes.splice(at..at, s.bytes());
        }
        ByteMutation::Delete(at, n) => {
            let at = clamp(*at);
            let end = (at + n).min(len);
            bytes.drain(at..end);
        }
        ByteMutation::Duplicate(at, n) => {
            let at = clamp(*at);
            let end = (at + n).min(len);
            let copy = bytes[at..end].to_vec();
            bytes.splice(end..end, copy);
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn value_mutations_never_panic(
        seed in 0usize..2,
        mutations in prop::collection::vec(mutation(), 1..5),
        pretty in any::<bool>(),
    ) {
        let mut model = seeds()[seed].clone();
        for mutation in &mutations {
            apply(&mut model, mutation);
        }
        let json = if pretty {
            serde_json::to_string_pretty(&model)
        } else {
            serde_json::to_string(&model)
        }
        .expect("a Value serializes");
        check(&json)?;
    }

    #[test]
    fn byte_mutations_never_panic(
        seed in 0usize..2,
        mutations in prop::collection::vec(byte_mutation(), 1..4),
    ) {
        let mut bytes = serde_json::to_vec_pretty(&seeds()[seed]).expect("a Value serializes");
        for mutation in &mutations {
            apply_bytes(&mut bytes, mutation);
        }
        check(&String::from_utf8_lossy(&bytes))?;
    }
}

// ---------------------------------------------------------------- seeds

#[test]
fn seeds_load_and_render() {
    for (i, seed) in seeds().iter().enumerate() {
        let json = serde_json::to_string_pretty(seed).unwrap();
        let loaded = load_str(FILE, &json).unwrap_or_else(|e| panic!("seed {i}: {e}"));
        let files = generate(&loaded).unwrap_or_else(|e| panic!("seed {i}: {e}"));
        assert!(files.iter().all(|f| f.starts_with(render::PREAMBLE)));
    }
    // The hand-written seed needs boxes exactly where recursion is direct.
    let loaded = load_str(FILE, &serde_json::to_string(&hand_written()).unwrap()).unwrap();
    let mut boxed = Vec::new();
    for (id, shape) in &loaded.model.shapes {
        if let ShapeKind::Structure(s) | ShapeKind::Union(s) = &shape.kind {
            boxed.extend(
                s.members
                    .iter()
                    .filter(|m| m.boxed)
                    .map(|m| format!("{id}.{}", m.name)),
            );
        }
    }
    assert_eq!(boxed, ["Filter.Not", "Tree.Left", "Tree.Right"]);
}

// ------------------------------------------------------------ stack depth

const DEPTH: usize = 10_000;

/// A model whose one operation's input reaches `shapes["A1"]`.
fn deep_model(shapes: serde_json::Map<String, Value>) -> String {
    let mut shapes = shapes;
    shapes.insert("S".to_owned(), json!({"type": "string"}));
    shapes.insert(
        "In".to_owned(),
        json!({"type": "structure", "members": {"a": {"shape": "A1"}}}),
    );
    serde_json::to_string(&json!({
        "metadata": {
            "apiVersion": "2020-01-01",
            "protocol": "rest-json",
            "serviceFullName": "Deep",
            "endpointPrefix": "deep"
        },
        "operations": {
            "Op": {"http": {"method": "POST", "requestUri": "/"}, "input": {"shape": "In"}}
        },
        "shapes": shapes
    }))
    .unwrap()
}

/// `A1 → A2 → … → A{DEPTH}`, the last pointing at `last`;
/// `shape(own name, next)` builds each link.
fn chain(last: &str, shape: impl Fn(&str, &str) -> Value) -> String {
    let shapes = (1..=DEPTH)
        .map(|i| {
            let next = if i == DEPTH {
                last.to_owned()
            } else {
                format!("A{}", i + 1)
            };
            let own = format!("A{i}");
            let link = shape(&own, &next);
            (own, link)
        })
        .collect();
    deep_model(shapes)
}

fn structure_link(_: &str, next: &str) -> Value {
    json!({"type": "structure", "members": {"next": {"shape": next}}})
}

fn list_link(_: &str, next: &str) -> Value {
    json!({"type": "list", "member": {"shape": next}})
}

fn map_link(_: &str, next: &str) -> Value {
    json!({"type": "map", "key": {"shape": "S"}, "value": {"shape": next}})
}

fn boxed_members(loaded: &Loaded) -> Vec<(ShapeId, String)> {
    let mut out = Vec::new();
    for (id, shape) in &loaded.model.shapes {
        if let ShapeKind::Structure(s) | ShapeKind::Union(s) = &shape.kind {
            out.extend(
                s.members
                    .iter()
                    .filter(|m| m.boxed)
                    .map(|m| (id.clone(), m.name.clone())),
            );
        }
    }
    out
}

#[test]
fn deep_chain_of_structures() {
    let loaded = load_str(FILE, &chain("S", structure_link)).expect("a chain is valid");
    assert!(boxed_members(&loaded).is_empty());
    assert_eq!(loaded.model.reachable_shapes().len(), DEPTH + 2);
    let files = generate(&loaded).expect("renders");
    let types = ServiceFile::ALL
        .iter()
        .position(|f| *f == ServiceFile::Types)
        .unwrap();
    assert!(files[1 + types].contains(&format!("pub struct A{DEPTH} ")));
}

#[test]
fn long_cycle_of_structures() {
    let loaded = load_str(FILE, &chain("A1", structure_link)).expect("a cycle is valid");
    // One box breaks the cycle: on the member leaving the smallest id.
    assert_eq!(
        boxed_members(&loaded),
        [(ShapeId("A1".to_owned()), "next".to_owned())]
    );
    assert_eq!(loaded.model.reachable_shapes().len(), DEPTH + 1);
}

#[test]
fn long_chain_of_self_recursive_structures() {
    // Each structure refers to itself and to the next: one box per link.
    let loaded = load_str(
        FILE,
        &chain("S", |own, next| {
            json!({"type": "structure", "members": {
                "next": {"shape": next},
                "again": {"shape": own}
            }})
        }),
    )
    .expect("valid");
    let boxed = boxed_members(&loaded);
    assert_eq!(boxed.len(), DEPTH);
    assert!(boxed.iter().all(|(_, member)| member == "again"));
}

#[test]
fn long_cycle_through_unions() {
    let loaded = load_str(
        FILE,
        &chain("A1", |_, next| {
            json!({"type": "structure", "union": true, "members": {"next": {"shape": next}}})
        }),
    )
    .expect("a cycle through unions is valid");
    assert_eq!(boxed_members(&loaded).len(), 1);
}

#[test]
fn deep_chain_of_lists_and_maps() {
    for link in [list_link as fn(&str, &str) -> Value, map_link] {
        let loaded = load_str(FILE, &chain("S", link)).expect("a chain is valid");
        assert_eq!(loaded.model.reachable_shapes().len(), DEPTH + 2);
        // Emitting names the type of `In.a`: a bounded walk down the chain.
        generate(&loaded).expect("renders");
    }
}

#[test]
fn long_cycle_of_lists_and_maps_is_rejected() {
    let alternating = |own: &str, next: &str| {
        if next.trim_start_matches('A').parse::<usize>().unwrap_or(0) % 2 == 0 {
            list_link(own, next)
        } else {
            map_link(own, next)
        }
    };
    for link in [list_link as fn(&str, &str) -> Value, map_link] {
        let e = load_str(FILE, &chain("A1", link))
            .err()
            .expect("an infinite type");
        assert_eq!(
            e.to_string(),
            "fuzz.json: at /shapes/A1: the list or map contains itself with no structure in between, so it has no finite type"
        );
    }
    let e = load_str(FILE, &chain("A1", alternating))
        .err()
        .expect("an infinite type");
    assert_eq!(e.location, "/shapes/A1");
}

#[test]
fn long_cycle_of_lists_through_one_structure_is_valid() {
    let loaded = load_str(
        FILE,
        &chain("A1", |own, next| {
            if next == "A1" {
                structure_link(own, next)
            } else {
                list_link(own, next)
            }
        }),
    )
    .expect("a structure breaks the cycle");
    assert!(boxed_members(&loaded).is_empty());
}
