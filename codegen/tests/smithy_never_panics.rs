//! Robustness of the Smithy front-end, as `frontend_never_panics.rs` does
//! it for botocore: property tests mutate Smithy seed models at the JSON
//! value level (deleted keys, values of the wrong type, dangling,
//! malformed and cyclic targets, mixin cycles, `apply` entries, trait
//! values of every type, odd URI templates and documentation, renamed
//! shapes) and at the byte level. Every input must give `Ok` or `Err`
//! without a panic, errors must name the file, and every model that loads
//! must go through naming, emitting and rendering to valid Rust.
//!
//! For a long run:
//! `PROPTEST_CASES=20000 cargo test --release -p awsgen-codegen --test smithy_never_panics`
//! (add `FUZZ_STATS=1` and `-- --nocapture` to print each case's outcome).
//!
//! Deterministic tests below check that long mixin chains and cycles do
//! not overflow the stack. (Flattening copies every member of a chain into
//! each mixin of it, so its cost grows with the square of the chain's
//! depth; AWS models nest mixins a few levels deep, and 1,000 levels take
//! about a second in a debug build.)

#[path = "common/json_paths.rs"]
mod json_paths;

use std::sync::OnceLock;

use awsgen_codegen::emit::{self, CrateService, RuntimeDependency, ServiceFile};
use awsgen_codegen::ir::WireView;
use awsgen_codegen::model::{load_str, Loaded};
use awsgen_codegen::naming::{self, Names};
use awsgen_codegen::render;
use json_paths::{ends_with_key, node_mut, pick, Seg};
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::{json, Value};

const SEEDS: [&str; 3] = [
    include_str!("fixtures/smithy/iot_jobs_data.json"),
    include_str!("fixtures/smithy/features.json"),
    include_str!("fixtures/smithy/kitchen_sink.json"),
];

const FILE: &str = "fuzz.json";

const DEFAULT_CASES: u32 = 48;

fn config() -> Config {
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = DEFAULT_CASES;
    }
    config.failure_persistence = None;
    config
}

fn seeds() -> &'static [Value] {
    static PARSED: OnceLock<Vec<Value>> = OnceLock::new();
    PARSED.get_or_init(|| {
        SEEDS
            .iter()
            .map(|s| serde_json::from_str(s).expect("a seed is JSON"))
            .collect()
    })
}

/// The rest of the pipeline on a loaded model, as `pipeline::generate`
/// runs it.
fn generate(loaded: &Loaded) -> Result<(), String> {
    let model = &loaded.model;
    for id in model.reachable_shapes() {
        if model.shape(&id).is_none() {
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
    render::render("lib.rs", emit::crate_root("Fuzz", &[service], false))
        .map_err(|e| e.to_string())?;
    for file in ServiceFile::ALL {
        let tokens = emit::emit_service_file(model, &names, &view, file);
        let text = render::render(file.file_name(), tokens).map_err(|e| e.to_string())?;
        // Parsing does not catch two items of one name in a module.
        let parsed = syn::parse_file(&text).map_err(|e| e.to_string())?;
        if let Some(duplicate) = render::duplicate_item(&parsed.items) {
            return Err(format!("{}: {duplicate}", file.file_name()));
        }
    }
    Ok(())
}

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

fn shape_ids(model: &Value) -> Vec<String> {
    model["shapes"]
        .as_object()
        .map(|s| s.keys().cloned().collect())
        .unwrap_or_default()
}

// -------------------------------------------------------------- mutations

#[derive(Debug, Clone)]
enum Mutation {
    Delete {
        at: usize,
    },
    Replace {
        at: usize,
        with: Value,
    },
    /// Point a `target` at another id: existing, prelude, dangling or malformed.
    Retarget {
        at: usize,
        to: String,
        existing: Option<usize>,
    },
    /// Set a known trait on some `traits` object (or add one).
    Trait {
        at: usize,
        id: String,
        value: Value,
    },
    /// Add an `apply` entry for a shape or member.
    Apply {
        shape: usize,
        member: String,
        id: String,
        value: Value,
    },
    /// Make shapes use each other as mixins (likely a cycle).
    Mixins {
        picks: Vec<usize>,
        mark: bool,
    },
    /// Make member targets form a ring.
    Cycle {
        picks: Vec<usize>,
    },
    Nest {
        at: usize,
        depth: usize,
    },
    Template {
        at: usize,
        template: String,
    },
    Docs {
        at: usize,
        html: String,
    },
    /// Rename a shape id (references are left alone, or renamed too).
    Rename {
        at: usize,
        to: String,
        references: bool,
    },
}

const TRAITS: &[&str] = &[
    "smithy.api#required",
    "smithy.api#default",
    "smithy.api#clientOptional",
    "smithy.api#box",
    "smithy.api#http",
    "smithy.api#httpLabel",
    "smithy.api#httpQuery",
    "smithy.api#httpQueryParams",
    "smithy.api#httpHeader",
    "smithy.api#httpPrefixHeaders",
    "smithy.api#httpPayload",
    "smithy.api#httpResponseCode",
    "smithy.api#httpError",
    "smithy.api#error",
    "smithy.api#jsonName",
    "smithy.api#timestampFormat",
    "smithy.api#mediaType",
    "smithy.api#idempotencyToken",
    "smithy.api#idempotent",
    "smithy.api#sensitive",
    "smithy.api#deprecated",
    "smithy.api#documentation",
    "smithy.api#length",
    "smithy.api#range",
    "smithy.api#pattern",
    "smithy.api#paginated",
    "smithy.api#endpoint",
    "smithy.api#hostLabel",
    "smithy.api#enum",
    "smithy.api#enumValue",
    "smithy.api#mixin",
    "smithy.api#streaming",
    "smithy.api#sparse",
    "smithy.api#retryable",
    "smithy.api#title",
    "smithy.api#trait",
    "aws.api#service",
    "aws.auth#sigv4",
    "aws.protocols#restJson1",
    "aws.protocols#awsJson1_0",
    "aws.protocols#restXml",
    "aws.protocols#awsQueryError",
    "smithy.protocols#rpcv2Json",
    "smithy.rules#endpointRuleSet",
    "smithy.rules#endpointTests",
    "x#unknown",
    "notAnId",
];

const IDS: &[&str] = &[
    "smithy.api#String",
    "smithy.api#Unit",
    "smithy.api#PrimitiveInteger",
    "smithy.api#Integer",
    "smithy.api#Document",
    "smithy.api#Nope",
    "String",
    "a#",
    "#a",
    "a#b$c",
    "a..b#C",
    "x#Dangling",
    "",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        Just(Value::from(u64::MAX)),
        Just(Value::from(1.5)),
        Just(Value::from(65_536)),
        proptest::sample::select(
            &[
                "client",
                "server",
                "date-time",
                "http-date",
                "epoch-seconds",
                "GET",
                "/",
                "/{a}",
                "{a}.",
                "application/json",
                "structure",
                "list",
                "enum",
                "intEnum",
                "set",
                "apply",
                "service",
                "resource",
                "",
                "é"
            ][..]
        )
        .prop_map(|s| Value::String(s.to_owned())),
        proptest::sample::select(IDS).prop_map(|s| json!({"target": s})),
        Just(json!({})),
        Just(json!([])),
        Just(json!({"method": "GET", "uri": "/{a}"})),
        Just(json!({"min": 1, "max": 0})),
        Just(json!([{"value": "a"}, {"value": "a", "name": "B"}])),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(3, 16, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::vec(
                (
                    proptest::sample::select(
                        &[
                            "target", "type", "traits", "members", "member", "value", "uri",
                            "code", "x"
                        ][..]
                    ),
                    inner
                ),
                0..3
            )
            .prop_map(|entries| Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), v))
                    .collect()
            )),
        ]
    })
}

fn template() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "/[a-z]{0,4}",
        proptest::sample::select(
            &[
                "{thingName}",
                "{jobId}",
                "{garageId}",
                "{a+}",
                "{",
                "}",
                "?",
                "&x",
                "{}"
            ][..]
        )
        .prop_map(str::to_owned),
    ];
    prop::collection::vec(piece, 0..5).prop_map(|p| p.concat())
}

fn html() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::sample::select(&["<p>", "</a>", "&#x", "`", "<ul><li>", "\u{0}"][..])
            .prop_map(str::to_owned),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<usize>();
    prop_oneof![
        at.prop_map(|at| Mutation::Delete { at }),
        (at, value()).prop_map(|(at, with)| Mutation::Replace { at, with }),
        (
            at,
            proptest::sample::select(IDS).prop_map(str::to_owned),
            proptest::option::of(any::<usize>())
        )
            .prop_map(|(at, to, existing)| Mutation::Retarget { at, to, existing }),
        (
            at,
            proptest::sample::select(TRAITS).prop_map(str::to_owned),
            value()
        )
            .prop_map(|(at, id, value)| Mutation::Trait { at, id, value }),
        (
            any::<usize>(),
            proptest::sample::select(
                &["", "member", "key", "value", "message", "thingName", "nope"][..]
            )
            .prop_map(str::to_owned),
            proptest::sample::select(TRAITS).prop_map(str::to_owned),
            value()
        )
            .prop_map(|(shape, member, id, value)| Mutation::Apply {
                shape,
                member,
                id,
                value
            }),
        (prop::collection::vec(any::<usize>(), 1..4), any::<bool>())
            .prop_map(|(picks, mark)| Mutation::Mixins { picks, mark }),
        prop::collection::vec(any::<usize>(), 1..5).prop_map(|picks| Mutation::Cycle { picks }),
        (at, 1usize..200).prop_map(|(at, depth)| Mutation::Nest { at, depth }),
        (at, template()).prop_map(|(at, template)| Mutation::Template { at, template }),
        (at, html()).prop_map(|(at, html)| Mutation::Docs { at, html }),
        (
            at,
            prop_oneof![
                proptest::sample::select(IDS).prop_map(str::to_owned),
                "[a-z]{1,3}#[A-Za-z_][A-Za-z0-9_]{0,6}",
            ],
            any::<bool>()
        )
            .prop_map(|(at, to, references)| Mutation::Rename { at, to, references }),
    ]
}

/// Replaces every `"target": from` with `to`.
fn retarget_all(value: &mut Value, from: &str, to: &str) {
    match value {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                match v {
                    Value::String(t) if k == "target" && t == from => *t = to.to_owned(),
                    _ => retarget_all(v, from, to),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| retarget_all(v, from, to)),
        _ => {}
    }
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
        Mutation::Retarget { at, to, existing } => {
            let ids = shape_ids(model);
            let to = match existing {
                Some(i) if !ids.is_empty() => ids[i % ids.len()].clone(),
                _ => to.clone(),
            };
            if let Some(path) = pick(model, *at, |p, n| {
                ends_with_key(p, "target") && n.is_string()
            }) {
                if let Some(node) = node_mut(model, &path) {
                    *node = Value::String(to);
                }
            }
        }
        Mutation::Trait { at, id, value } => {
            if let Some(path) = pick(model, *at, |p, n| {
                ends_with_key(p, "traits") && n.is_object()
            }) {
                if let Some(Value::Object(traits)) = node_mut(model, &path) {
                    traits.insert(id.clone(), value.clone());
                }
            }
        }
        Mutation::Apply {
            shape,
            member,
            id,
            value,
        } => {
            let ids = shape_ids(model);
            if ids.is_empty() {
                return;
            }
            let target = &ids[shape % ids.len()];
            let key = if member.is_empty() {
                target.clone()
            } else {
                format!("{target}${member}")
            };
            model["shapes"][key] = json!({"type": "apply", "traits": {id.as_str(): value}});
        }
        Mutation::Mixins { picks, mark } => {
            let ids = shape_ids(model);
            if ids.is_empty() {
                return;
            }
            let ring: Vec<String> = picks.iter().map(|i| ids[i % ids.len()].clone()).collect();
            for (i, from) in ring.iter().enumerate() {
                let to = &ring[(i + 1) % ring.len()];
                let shape = &mut model["shapes"][from.as_str()];
                if !shape.is_object() {
                    continue;
                }
                shape["mixins"] = json!([{"target": to}]);
                if *mark {
                    shape["traits"]["smithy.api#mixin"] = json!({});
                }
            }
        }
        Mutation::Cycle { picks } => {
            let ids = shape_ids(model);
            if ids.is_empty() {
                return;
            }
            let ring: Vec<String> = picks.iter().map(|i| ids[i % ids.len()].clone()).collect();
            for (i, from) in ring.iter().enumerate() {
                let to = json!({"target": ring[(i + 1) % ring.len()]});
                let shape = &mut model["shapes"][from.as_str()];
                match shape["type"].as_str() {
                    Some("list" | "set") => shape["member"] = to,
                    Some("map") => shape["value"] = to,
                    Some("structure" | "union") => shape["members"]["cycle"] = to,
                    _ => {}
                }
            }
        }
        Mutation::Nest { at, depth } => {
            if let Some(path) = pick(model, *at, |_, _| true) {
                if let Some(node) = node_mut(model, &path) {
                    let mut value = node.take();
                    for _ in 0..*depth {
                        value = json!({ "target": value });
                    }
                    *node = value;
                }
            }
        }
        Mutation::Template { at, template } => {
            if let Some(path) = pick(model, *at, |p, _| {
                ends_with_key(p, "uri") || ends_with_key(p, "hostPrefix")
            }) {
                if let Some(node) = node_mut(model, &path) {
                    *node = Value::String(template.clone());
                }
            }
        }
        Mutation::Docs { at, html } => {
            if let Some(path) = pick(model, *at, |p, _| {
                ends_with_key(p, "smithy.api#documentation")
            }) {
                if let Some(node) = node_mut(model, &path) {
                    *node = Value::String(html.clone());
                }
            }
        }
        Mutation::Rename { at, to, references } => {
            let ids = shape_ids(model);
            if ids.is_empty() {
                return;
            }
            let from = ids[at % ids.len()].clone();
            let Some(shapes) = model["shapes"].as_object_mut() else {
                return;
            };
            if let Some(shape) = shapes.shift_remove(&from) {
                shapes.insert(to.clone(), shape);
            }
            if *references {
                retarget_all(model, &from, to);
            }
        }
    }
}

#[derive(Debug, Clone)]
enum ByteMutation {
    Truncate(usize),
    Flip(usize, u8),
    Insert(usize, String),
    Delete(usize, usize),
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
                    &["{", "}", "[", "]", ",", ":", "\"", "#", "$", "null", "1e999"][..]
                )
                .prop_map(str::to_owned),
            ]
        )
            .prop_map(|(at, s)| ByteMutation::Insert(at, s)),
        (any::<usize>(), 1usize..64).prop_map(|(at, len)| ByteMutation::Delete(at, len)),
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
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn value_mutations_never_panic(
        seed in 0usize..SEEDS.len(),
        mutations in prop::collection::vec(mutation(), 1..5),
    ) {
        let mut model = seeds()[seed].clone();
        for mutation in &mutations {
            apply(&mut model, mutation);
        }
        check(&serde_json::to_string(&model).expect("a Value serializes"))?;
    }

    #[test]
    fn byte_mutations_never_panic(
        seed in 0usize..SEEDS.len(),
        mutations in prop::collection::vec(byte_mutation(), 1..4),
    ) {
        let mut bytes = SEEDS[seed].as_bytes().to_vec();
        for mutation in &mutations {
            apply_bytes(&mut bytes, mutation);
        }
        check(&String::from_utf8_lossy(&bytes))?;
    }
}

#[test]
fn seeds_load_and_render() {
    for (i, seed) in SEEDS.iter().enumerate() {
        let loaded = load_str(FILE, seed).unwrap_or_else(|e| panic!("seed {i}: {e}"));
        generate(&loaded).unwrap_or_else(|e| panic!("seed {i}: {e}"));
    }
}

// ------------------------------------------------------------ stack depth

const DEPTH: usize = 1_000;

/// A service whose operation's input uses `M1`, which mixes in `M2`, …
fn mixin_chain(last_mixes_in_first: bool) -> String {
    let mut shapes = serde_json::Map::new();
    shapes.insert(
        "t#Svc".to_owned(),
        json!({"type": "service", "version": "1", "operations": [{"target": "t#Op"}],
               "traits": {"aws.protocols#restJson1": {}}}),
    );
    shapes.insert(
        "t#Op".to_owned(),
        json!({"type": "operation", "input": {"target": "t#In"},
               "traits": {"smithy.api#http": {"method": "POST", "uri": "/"}}}),
    );
    shapes.insert(
        "t#In".to_owned(),
        json!({"type": "structure", "mixins": [{"target": "t#M1"}]}),
    );
    for i in 1..=DEPTH {
        let mixins = if i < DEPTH {
            json!([{"target": format!("t#M{}", i + 1)}])
        } else if last_mixes_in_first {
            json!([{"target": "t#M1"}])
        } else {
            json!([])
        };
        shapes.insert(
            format!("t#M{i}"),
            json!({"type": "structure", "mixins": mixins,
                   "members": {format!("m{i}"): {"target": "smithy.api#String"}},
                   "traits": {"smithy.api#mixin": {}}}),
        );
    }
    serde_json::to_string(&json!({"smithy": "2.0", "shapes": shapes})).expect("JSON")
}

#[test]
fn long_mixin_chain() {
    let loaded = load_str(FILE, &mixin_chain(false)).expect("a chain is valid");
    let input = loaded
        .model
        .shape(&awsgen_codegen::ir::ShapeId("t#In".to_owned()))
        .expect("t#In");
    let awsgen_codegen::ir::ShapeKind::Structure(s) = &input.kind else {
        panic!("not a structure");
    };
    // Deepest mixin first.
    assert_eq!(s.members.len(), DEPTH);
    assert_eq!(s.members[0].name, format!("m{DEPTH}"));
}

#[test]
fn long_mixin_cycle() {
    let e = load_str(FILE, &mixin_chain(true)).err().expect("a cycle");
    assert_eq!(
        e.to_string(),
        format!("fuzz.json: at /shapes/t#M{DEPTH}/mixins/0/target: the mixins of `t#M{DEPTH}` form a cycle through `t#M1`")
    );
}
