//! The literal builder on a small model covering every kind of shape.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{json, Value};

use super::*;
use crate::ir::ShapeId;
use crate::model;

fn model() -> (Model, Names) {
    let json = json!({
        "metadata": {"apiVersion": "2024-01-01", "protocol": "rest-json", "serviceFullName": "Values"},
        "operations": {
            "Op": {"http": {"method": "POST", "requestUri": "/"}, "input": {"shape": "Input"}}
        },
        "shapes": {
            "Input": {"type": "structure", "required": ["name"], "members": {
                "name": {"shape": "String"},
                "count": {"shape": "Integer"},
                "big": {"shape": "Long"},
                "ratio": {"shape": "Float"},
                "precise": {"shape": "Double"},
                "flag": {"shape": "Boolean"},
                "when": {"shape": "Timestamp"},
                "data": {"shape": "Blob"},
                "doc": {"shape": "Doc"},
                "color": {"shape": "Color"},
                "tags": {"shape": "Tags"},
                "sparse": {"shape": "SparseMap"},
                "choice": {"shape": "Choice"},
                "node": {"shape": "Node"},
                "list": {"shape": "FloatList"}
            }},
            "String": {"type": "string"},
            "Integer": {"type": "integer"},
            "Long": {"type": "long"},
            "Float": {"type": "float"},
            "Double": {"type": "double"},
            "Boolean": {"type": "boolean"},
            "Timestamp": {"type": "timestamp"},
            "Blob": {"type": "blob"},
            "Doc": {"type": "structure", "members": {}, "document": true},
            "Color": {"type": "string", "enum": ["red", "green"]},
            "Tags": {"type": "list", "member": {"shape": "String"}},
            "FloatList": {"type": "list", "member": {"shape": "Float"}},
            "SparseMap": {"type": "map", "key": {"shape": "String"}, "value": {"shape": "String"}, "sparse": true},
            "Choice": {"type": "structure", "union": true, "members": {
                "text": {"shape": "String"},
                "number": {"shape": "Integer"}
            }},
            "Node": {"type": "structure", "members": {
                "value": {"shape": "String"},
                "next": {"shape": "Node"}
            }}
        }
    });
    let model = model::load_str("values.json", &json.to_string())
        .unwrap()
        .model;
    let names = Names::assign(&model);
    (model, names)
}

fn input(json: Value, mode: NanMode) -> Result<Built, String> {
    let (model, names) = model();
    build(
        &model,
        &names,
        Some(&ShapeId("Input".into())),
        Some(&json),
        "params",
        mode,
    )
}

fn expr(json: Value) -> String {
    input(json, NanMode::Literal).unwrap().expr.to_string()
}

fn tokens(t: TokenStream) -> String {
    t.to_string()
}

#[test]
fn structures_set_what_the_case_gives_and_default_the_rest() {
    assert_eq!(
        expr(json!({"name": "n", "count": 3})),
        tokens(quote!(types::Input {
            name: String::from("n"),
            count: Some(3i32),
            ..Default::default()
        }))
    );
    assert_eq!(expr(json!({})), tokens(quote!(types::Input::default())));
    // null means absent
    assert_eq!(
        expr(json!({"count": null})),
        tokens(quote!(types::Input::default()))
    );
}

#[test]
fn a_structure_with_every_member_set_has_no_default_update() {
    let (model, names) = model();
    let built = build(
        &model,
        &names,
        Some(&ShapeId("Node".into())),
        Some(&json!({"value": "a", "next": {"value": "b"}})),
        "result",
        NanMode::Extract,
    )
    .unwrap();
    assert_eq!(
        built.expr.to_string(),
        tokens(quote!(types::Node {
            value: Some(String::from("a")),
            next: Some(Box::new(types::Node {
                value: Some(String::from("b")),
                ..Default::default()
            }))
        }))
    );
    let built = build(
        &model,
        &names,
        Some(&ShapeId("Node".into())),
        Some(&json!({"next": {}})),
        "result",
        NanMode::Extract,
    )
    .unwrap();
    assert_eq!(
        built.expr.to_string(),
        tokens(quote!(types::Node {
            next: Some(Box::default()),
            ..Default::default()
        }))
    );
}

#[test]
fn scalars() {
    let e = expr(json!({
        "big": -9223372036854775808_i64,
        "ratio": 1.1,
        "precise": -0.5,
        "flag": false,
        "data": "blob text",
        "color": "red",
    }));
    let want = tokens(quote!(types::Input {
        big: Some(-9223372036854775808i64),
        ratio: Some(1.1f32),
        precise: Some(-0.5f64),
        flag: Some(false),
        data: Some(awsgen_runtime::Blob::from("blob text")),
        color: Some(types::Color::from("red")),
        ..Default::default()
    }));
    assert_eq!(e, want);
}

#[test]
fn special_floats_are_named_constants() {
    assert_eq!(
        expr(json!({"ratio": "NaN", "precise": "-Infinity", "list": ["Infinity"]})),
        tokens(quote!(types::Input {
            ratio: Some(f32::NAN),
            precise: Some(f64::NEG_INFINITY),
            list: Some(vec![f32::INFINITY]),
            ..Default::default()
        }))
    );
}

#[test]
fn expected_nan_members_are_taken_out() {
    let built = input(json!({"ratio": "NaN", "count": 1}), NanMode::Extract).unwrap();
    assert_eq!(
        built.expr.to_string(),
        tokens(quote!(types::Input {
            count: Some(1i32),
            ..Default::default()
        }))
    );
    assert_eq!(
        built.nan_fields,
        [NanField {
            steps: vec![FieldStep {
                field: "ratio".into(),
                optional: true
            }],
            at: "params/ratio".into(),
        }]
    );
    let e = input(json!({"list": ["NaN"]}), NanMode::Extract).unwrap_err();
    assert!(e.contains("params/list/0") && e.contains("NaN"), "{e}");
}

#[test]
fn timestamps_are_exact_to_the_decimal_digits() {
    assert_eq!(
        expr(json!({"when": 1398796238})),
        tokens(quote!(types::Input {
            when: Some(awsgen_runtime::DateTime::from_secs(1398796238i64)),
            ..Default::default()
        }))
    );
    let number = |v: f64| serde_json::Number::from_f64(v).unwrap();
    assert_eq!(
        epoch_seconds(&number(946845296.123)),
        Some((946845296, 123_000_000))
    );
    assert_eq!(epoch_seconds(&number(-1.5)), Some((-2, 500_000_000)));
    assert_eq!(epoch_seconds(&number(-2.0)), Some((-2, 0)));
    assert_eq!(epoch_seconds(&serde_json::Number::from(7)), Some((7, 0)));
}

#[test]
fn collections_documents_and_unions() {
    assert_eq!(
        expr(json!({
            "tags": ["a"],
            "sparse": {"k": null, "v": "x"},
            "doc": {"a": [1, -2, 2.5, null, true, "s"]},
            "choice": {"number": 4}
        })),
        tokens(quote!(types::Input {
            tags: Some(vec![String::from("a")]),
            sparse: Some(::std::collections::HashMap::from([
                (String::from("k"), None),
                (String::from("v"), Some(String::from("x")))
            ])),
            doc: Some(awsgen_runtime::Document::Object(
                ::std::collections::BTreeMap::from([(
                    String::from("a"),
                    awsgen_runtime::Document::Array(vec![
                        awsgen_runtime::Document::Number(awsgen_runtime::Number::PosInt(1u64)),
                        awsgen_runtime::Document::Number(awsgen_runtime::Number::NegInt(-2i64)),
                        awsgen_runtime::Document::Number(awsgen_runtime::Number::Float(2.5f64)),
                        awsgen_runtime::Document::Null,
                        awsgen_runtime::Document::Bool(true),
                        awsgen_runtime::Document::String(String::from("s"))
                    ])
                )])
            )),
            choice: Some(types::Choice::Number(4i32)),
            ..Default::default()
        }))
    );
}

#[test]
fn mistakes_in_a_case_are_reported_with_their_path() {
    let e = input(json!({"nope": 1}), NanMode::Literal).unwrap_err();
    assert!(e.contains("params/nope") && e.contains("no member"), "{e}");
    let e = input(json!({"count": "three"}), NanMode::Literal).unwrap_err();
    assert!(e.contains("params/count") && e.contains("i32"), "{e}");
    let e = input(json!({"count": 4294967296_i64}), NanMode::Literal).unwrap_err();
    assert!(e.contains("params/count"), "{e}");
    let e = input(
        json!({"choice": {"text": "a", "number": 1}}),
        NanMode::Literal,
    )
    .unwrap_err();
    assert!(e.contains("exactly one member"), "{e}");
    let e = input(json!({"tags": [null]}), NanMode::Literal).unwrap_err();
    assert!(e.contains("not sparse"), "{e}");
}

#[test]
fn operations_without_the_shape_take_nothing() {
    let (model, names) = model();
    let unit = build(
        &model,
        &names,
        None,
        Some(&json!({})),
        "result",
        NanMode::Extract,
    )
    .unwrap();
    assert_eq!(unit.expr.to_string(), "()");
    assert!(!unit.uses_types);
    let e = build(
        &model,
        &names,
        None,
        Some(&json!({"a": 1})),
        "result",
        NanMode::Extract,
    )
    .unwrap_err();
    assert!(e.contains("no shape"), "{e}");
}
