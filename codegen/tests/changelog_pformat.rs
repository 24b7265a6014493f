//! The change dicts must be what Python's `pprint.pformat(d, width=80)`
//! prints. Every expected string here was produced by CPython 3 (with set
//! elements sorted, as the changelog always prints them).

use std::collections::{BTreeMap, BTreeSet};

use awsgen_codegen::changelog::pformat::{pformat, PyScalar, PyValue};

fn s(text: &str) -> PyValue {
    PyValue::Str(text.to_owned())
}

fn dict(items: Vec<(&str, PyValue)>) -> PyValue {
    PyValue::Dict(
        items
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect::<BTreeMap<_, _>>(),
    )
}

fn set(items: &[&str]) -> PyValue {
    PyValue::Set(
        items
            .iter()
            .map(|v| PyScalar::Str((*v).to_owned()))
            .collect::<BTreeSet<_>>(),
    )
}

fn pf(value: &PyValue) -> String {
    pformat(value, 80)
}

#[test]
fn eighty_columns_fit_eighty_one_break() {
    let fits = dict(vec![("a", s(&"x".repeat(61))), ("b", s("y"))]);
    assert_eq!(
        pf(&fits),
        "{'a': 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'b': 'y'}"
    );
    let breaks = dict(vec![("a", s(&"x".repeat(62))), ("b", s("y"))]);
    assert_eq!(
        pf(&breaks),
        "{'a': 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',\n 'b': 'y'}"
    );
}

#[test]
fn a_string_without_spaces_is_never_split() {
    let value = dict(vec![("k", s(&"x".repeat(72)))]);
    assert_eq!(pf(&value), format!("{{'k': '{}'}}", "x".repeat(72)));
}

#[test]
fn entries_indent_under_their_opening_brace() {
    let inner = dict(vec![
        ("ccccccccccccccccccccccc", s("string")),
        ("dddddddddddddddddddddddd", s("integer")),
        ("e", s("x")),
    ]);
    let value = dict(vec![("a", dict(vec![("bb", inner)]))]);
    assert_eq!(
        pf(&value),
        "{'a': {'bb': {'ccccccccccccccccccccccc': 'string',\n              \
         'dddddddddddddddddddddddd': 'integer',\n              'e': 'x'}}}"
    );
}

#[test]
fn deeply_nested_change_wraps_like_python() {
    let property_values = dict(vec![
        (
            "timestamp",
            dict(vec![
                ("offsetInNanos", s("string")),
                ("timeInSeconds", s("string")),
            ]),
        ),
        ("quality", s("string")),
        (
            "value",
            dict(vec![
                ("booleanValue", s("string")),
                ("doubleValue", s("string")),
                ("integerValue", s("string")),
                ("stringValue", s("string")),
            ]),
        ),
    ]);
    let value = dict(vec![
        (
            "topicRulePayload",
            dict(vec![
                (
                    "actions",
                    dict(vec![(
                        "iotSiteWise",
                        dict(vec![
                            (
                                "putAssetPropertyValueEntries",
                                dict(vec![("propertyValues", property_values)]),
                            ),
                            ("roleArn", s("string")),
                        ]),
                    )]),
                ),
                (
                    "errorAction",
                    dict(vec![(
                        "timestream",
                        dict(vec![(
                            "dimensions",
                            dict(vec![("name", s("string")), ("value", s("string"))]),
                        )]),
                    )]),
                ),
            ]),
        ),
        (
            "state",
            set(&[
                "DELETION_IN_PROGRESS",
                "CANCELED",
                "COMPLETED",
                "IN_PROGRESS",
                "SCHEDULED",
                "PAUSED_BY_OPERATOR_WITH_A_LONG_NAME",
            ]),
        ),
    ]);
    let expected = r#"{'state': {'CANCELED',
           'COMPLETED',
           'DELETION_IN_PROGRESS',
           'IN_PROGRESS',
           'PAUSED_BY_OPERATOR_WITH_A_LONG_NAME',
           'SCHEDULED'},
 'topicRulePayload': {'actions': {'iotSiteWise': {'putAssetPropertyValueEntries': {'propertyValues': {'quality': 'string',
                                                                                                      'timestamp': {'offsetInNanos': 'string',
                                                                                                                    'timeInSeconds': 'string'},
                                                                                                      'value': {'booleanValue': 'string',
                                                                                                                'doubleValue': 'string',
                                                                                                                'integerValue': 'string',
                                                                                                                'stringValue': 'string'}}},
                                                  'roleArn': 'string'}},
                      'errorAction': {'timestream': {'dimensions': {'name': 'string',
                                                                    'value': 'string'}}}}}"#;
    assert_eq!(pf(&value), expected);
}

#[test]
fn long_keys_quotes_and_split_strings() {
    let value = dict(vec![
        (&"a".repeat(70), dict(vec![("b", s("string"))])),
        ("c", set(&["it's", "x y"])),
        ("doc", s(&"words ".repeat(30))),
    ]);
    let expected = "{'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa': {'b': 'string'},\n \
                    'c': {\"it's\", 'x y'},\n \
                    'doc': 'words words words words words words words words words words words '\n        \
                    'words words words words words words words words words words words '\n        \
                    'words words words words words words words words '}";
    assert_eq!(pf(&value), expected);
}

#[test]
fn single_key_dicts_have_nothing_to_break_even_past_80_columns() {
    let mut value = s("timestamp");
    for key in [
        "eight", "seven", "six", "five", "four", "three", "two", "one", "levels",
    ] {
        value = dict(vec![(key, value)]);
    }
    assert_eq!(
        pf(&value),
        "{'levels': {'one': {'two': {'three': {'four': {'five': {'six': {'seven': {'eight': 'timestamp'}}}}}}}}}"
    );
}

#[test]
fn integer_sets() {
    let value = dict(vec![(
        "codes",
        PyValue::Set([3, 1, 2].into_iter().map(PyScalar::Int).collect()),
    )]);
    assert_eq!(pf(&value), "{'codes': {1, 2, 3}}");
}
