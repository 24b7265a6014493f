//! One test per kind of change, on small hand-written botocore models: a
//! base model, and a copy with one edit.

use awsgen_codegen::changelog::{Changelog, Date, ServicePair};
use awsgen_codegen::diff::{
    self, Added, ApiDiff, BreakingChange, BreakingKind, Change, EnumLiteral, Side, TypeSummary,
};
use awsgen_codegen::ir::Model;
use awsgen_codegen::model;
use serde_json::{json, Value};

/// A rest-json service with two operations:
///
/// - `GetWidget` (`GET /widgets/{id}`): request `id` (label), `filter`
///   (a structure), `tags` (list of `Tag`); response `widget` (`Widget`:
///   `name`, `state` enum, `parts` map of `Part`), `count`.
/// - `ListWidgets` (`GET /widgets`): request `state` (query, the same
///   enum); response `widgets` (list of `Widget`).
fn base() -> Value {
    json!({
        "version": "2.0",
        "metadata": {
            "apiVersion": "2025-01-01",
            "endpointPrefix": "widgets",
            "protocol": "rest-json",
            "serviceFullName": "Acme Widgets",
            "serviceId": "Widgets",
            "signatureVersion": "v4",
            "uid": "widgets-2025-01-01"
        },
        "operations": {
            "GetWidget": {
                "name": "GetWidget",
                "http": {"method": "GET", "requestUri": "/widgets/{id}"},
                "input": {"shape": "GetWidgetRequest"},
                "output": {"shape": "GetWidgetResponse"},
                "errors": [{"shape": "NotFound"}, {"shape": "Throttled"}],
                "documentation": "<p>Gets a widget.</p>"
            },
            "ListWidgets": {
                "name": "ListWidgets",
                "http": {"method": "GET", "requestUri": "/widgets"},
                "input": {"shape": "ListWidgetsRequest"},
                "output": {"shape": "ListWidgetsResponse"}
            }
        },
        "shapes": {
            "GetWidgetRequest": {
                "type": "structure",
                "required": ["id"],
                "members": {
                    "id": {"shape": "String", "location": "uri", "locationName": "id"},
                    "filter": {"shape": "Filter"},
                    "tags": {"shape": "TagList"}
                }
            },
            "GetWidgetResponse": {
                "type": "structure",
                "members": {
                    "widget": {"shape": "Widget"},
                    "count": {"shape": "Integer"}
                }
            },
            "ListWidgetsRequest": {
                "type": "structure",
                "members": {
                    "state": {"shape": "State", "location": "querystring", "locationName": "state"}
                }
            },
            "ListWidgetsResponse": {
                "type": "structure",
                "members": {"widgets": {"shape": "WidgetList"}}
            },
            "Filter": {"type": "structure", "members": {"prefix": {"shape": "String"}}},
            "Tag": {
                "type": "structure",
                "members": {"key": {"shape": "String"}, "value": {"shape": "String"}}
            },
            "TagList": {"type": "list", "member": {"shape": "Tag"}},
            "Widget": {
                "type": "structure",
                "members": {
                    "name": {"shape": "String"},
                    "state": {"shape": "State"},
                    "parts": {"shape": "PartMap"}
                }
            },
            "WidgetList": {"type": "list", "member": {"shape": "Widget"}},
            "PartMap": {"type": "map", "key": {"shape": "String"}, "value": {"shape": "Part"}},
            "Part": {"type": "structure", "members": {"size": {"shape": "Integer"}}},
            "State": {"type": "string", "enum": ["ACTIVE", "INACTIVE"]},
            "NotFound": {
                "type": "structure",
                "members": {"message": {"shape": "String"}},
                "error": {"httpStatusCode": 404},
                "exception": true
            },
            "Throttled": {
                "type": "structure",
                "members": {"message": {"shape": "String"}},
                "error": {"httpStatusCode": 429},
                "exception": true
            },
            "String": {"type": "string"},
            "Integer": {"type": "integer"},
            "Long": {"type": "long"},
            "Boolean": {"type": "boolean"},
            "Timestamp": {"type": "timestamp"},
            "Blob": {"type": "blob"},
            "Double": {"type": "double"}
        }
    })
}

fn load(json: &Value) -> Model {
    match model::load_str("test.json", &json.to_string()) {
        Ok(loaded) => loaded.model,
        Err(e) => panic!("test model does not load: {e}"),
    }
}

/// The diff from the base model to the base model with `edit` applied.
fn diff_after(edit: impl FnOnce(&mut Value)) -> ApiDiff {
    let old = base();
    let mut new = base();
    edit(&mut new);
    diff::compare(&load(&old), &load(&new))
}

/// The text of the same changelog.
fn text_after(edit: impl FnOnce(&mut Value)) -> String {
    let old = base();
    let mut new = base();
    edit(&mut new);
    let pairs = [ServicePair {
        name: "widgets".to_owned(),
        old: Some(load(&old)),
        new: Some(load(&new)),
    }];
    let date: Date = "2025/03/14".parse().expect("valid date");
    Changelog::new(date, &pairs).to_text()
}

fn shape<'m>(model: &'m mut Value, name: &str) -> &'m mut Value {
    &mut model["shapes"][name]
}

fn add_member(model: &mut Value, structure: &str, member: &str, target: &str) {
    shape(model, structure)["members"][member] = json!({ "shape": target });
}

fn breaking(diff: &ApiDiff) -> Vec<String> {
    diff.breaking
        .iter()
        .map(BreakingChange::to_string)
        .collect()
}

/// The request and response change dicts of an updated operation.
fn updated<'d>(
    diff: &'d ApiDiff,
    op: &str,
) -> (Option<&'d diff::Additions>, Option<&'d diff::Additions>) {
    let method = diff
        .methods
        .iter()
        .find(|m| m.name == op)
        .unwrap_or_else(|| panic!("{op} is not in the diff: {diff:#?}"));
    match &method.change {
        Change::Updated { request, response } => (request.as_ref(), response.as_ref()),
        other => panic!("{op} is {other:?}, not updated"),
    }
}

#[test]
fn documentation_only_changes_are_no_change() {
    let diff = diff_after(|m| {
        m["operations"]["GetWidget"]["documentation"] = json!("<p>Returns a widget.</p>");
        shape(m, "Widget")["documentation"] = json!("<p>A widget.</p>");
    });
    assert!(diff.is_empty(), "{diff:#?}");
}

#[test]
fn new_operation_shows_its_documentation() {
    let text = text_after(|m| {
        m["operations"]["DeleteWidget"] = json!({
            "name": "DeleteWidget",
            "http": {"method": "DELETE", "requestUri": "/widgets/{id}"},
            "input": {"shape": "GetWidgetRequest"},
            "documentation": "<p>Deletes a widget.</p> <p>It is <b>gone</b> &amp; cannot come back.</p>"
        });
    });
    assert_eq!(
        text,
        "2025/03/14 - Acme Widgets - 1 new api methods\n\n\
         DeleteWidget (new) Link ¶\n\
         Deletes a widget.\n\
         It is gone & cannot come back.\n"
    );
}

#[test]
fn removed_operation_is_listed_and_breaking() {
    let diff = diff_after(|m| {
        m["operations"]
            .as_object_mut()
            .expect("operations")
            .remove("ListWidgets");
    });
    assert_eq!(diff.methods.len(), 1);
    assert_eq!(diff.methods[0].change, Change::Removed);
    assert_eq!(breaking(&diff), ["ListWidgets: operation removed"]);
    let text = text_after(|m| {
        m["operations"]
            .as_object_mut()
            .expect("operations")
            .remove("ListWidgets");
    });
    assert_eq!(
        text,
        "2025/03/14 - Acme Widgets - 1 removed api methods\n\n\
         ListWidgets (removed) Link ¶\n\n\
         Breaking changes\n\
         ----------------\n\
         - ListWidgets: operation removed\n"
    );
}

#[test]
fn new_scalar_members_show_botocore_type_names() {
    let diff = diff_after(|m| {
        for (member, target) in [
            ("label", "String"),
            ("total", "Long"),
            ("enabled", "Boolean"),
            ("createdAt", "Timestamp"),
            ("payload", "Blob"),
            ("ratio", "Double"),
            ("size", "Integer"),
            ("newState", "State"),
        ] {
            add_member(m, "GetWidgetResponse", member, target);
        }
    });
    let (request, response) = updated(&diff, "GetWidget");
    assert_eq!(request, None);
    let names: Vec<(&str, &Added)> = response
        .expect("response changed")
        .iter()
        .map(|(k, v)| (k.as_str(), v))
        .collect();
    let name = |n| Added::Member(TypeSummary::Name(n));
    assert_eq!(
        names,
        [
            ("createdAt", &name("timestamp")),
            ("enabled", &name("boolean")),
            ("label", &name("string")),
            ("newState", &name("string")),
            ("payload", &name("blob")),
            ("ratio", &name("double")),
            ("size", &name("integer")),
            ("total", &name("long")),
        ]
    );
    assert!(diff.breaking.is_empty());
}

#[test]
fn new_structure_member_shows_its_members() {
    let text = text_after(|m| {
        m["shapes"]["Color"] = json!({
            "type": "structure",
            "members": {"hue": {"shape": "Integer"}, "name": {"shape": "String"}}
        });
        add_member(m, "Widget", "color", "Color");
    });
    assert!(
        text.contains(
            "GetWidget (updated) Link ¶\nChanges (response)\n\
             {'widget': {'color': {'hue': 'integer', 'name': 'string'}}}\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "ListWidgets (updated) Link ¶\nChanges (response)\n\
             {'widgets': {'color': {'hue': 'integer', 'name': 'string'}}}\n"
        ),
        "{text}"
    );
}

#[test]
fn new_list_and_map_members_are_transparent() {
    let text = text_after(|m| {
        add_member(m, "GetWidgetResponse", "allTags", "TagList");
        m["shapes"]["Names"] = json!({"type": "list", "member": {"shape": "String"}});
        add_member(m, "GetWidgetResponse", "names", "Names");
        add_member(m, "GetWidgetResponse", "partsByName", "PartMap");
    });
    assert!(
        text.contains(
            "{'allTags': {'key': 'string', 'value': 'string'},\n \
             'names': 'string',\n \
             'partsByName': {'size': 'integer'}}\n"
        ),
        "{text}"
    );
}

#[test]
fn recursive_and_empty_new_structures_stop_at_structure() {
    let diff = diff_after(|m| {
        m["shapes"]["Node"] = json!({
            "type": "structure",
            "members": {"next": {"shape": "Node"}, "value": {"shape": "String"}}
        });
        m["shapes"]["Empty"] = json!({"type": "structure", "members": {}});
        add_member(m, "GetWidgetResponse", "node", "Node");
        add_member(m, "GetWidgetResponse", "empty", "Empty");
    });
    let (_, response) = updated(&diff, "GetWidget");
    let response = response.expect("response changed");
    assert_eq!(
        response["node"],
        Added::Member(TypeSummary::Members(
            [
                ("next".to_owned(), TypeSummary::Name("structure")),
                ("value".to_owned(), TypeSummary::Name("string")),
            ]
            .into_iter()
            .collect()
        ))
    );
    assert_eq!(
        response["empty"],
        Added::Member(TypeSummary::Name("structure"))
    );
}

#[test]
fn new_members_inside_lists_and_maps_follow_the_member_path() {
    let text = text_after(|m| {
        add_member(m, "Part", "weight", "Double");
        add_member(m, "Tag", "source", "String");
    });
    assert_eq!(
        text,
        "2025/03/14 - Acme Widgets - 2 updated api methods\n\n\
         GetWidget (updated) Link ¶\n\
         Changes (request, response)\n\
         Request\n\
         {'tags': {'source': 'string'}}\n\
         Response\n\
         {'widget': {'parts': {'weight': 'double'}}}\n\n\
         ListWidgets (updated) Link ¶\n\
         Changes (response)\n\
         {'widgets': {'parts': {'weight': 'double'}}}\n"
    );
}

#[test]
fn new_enum_values_are_reported_wherever_the_enum_is_reached() {
    let text = text_after(|m| {
        shape(m, "State")["enum"] = json!(["ACTIVE", "INACTIVE", "RETIRED", "ARCHIVED"]);
    });
    assert_eq!(
        text,
        "2025/03/14 - Acme Widgets - 2 updated api methods\n\n\
         GetWidget (updated) Link ¶\n\
         Changes (response)\n\
         {'widget': {'state': {'ARCHIVED', 'RETIRED'}}}\n\n\
         ListWidgets (updated) Link ¶\n\
         Changes (request, response)\n\
         Request\n\
         {'state': {'ARCHIVED', 'RETIRED'}}\n\
         Response\n\
         {'widgets': {'state': {'ARCHIVED', 'RETIRED'}}}\n"
    );
}

#[test]
fn removed_member_is_breaking_on_every_path() {
    let diff = diff_after(|m| {
        shape(m, "Widget")["members"]
            .as_object_mut()
            .expect("members")
            .remove("name");
    });
    assert!(diff.methods.is_empty(), "removals are not additions");
    assert_eq!(
        breaking(&diff),
        [
            "GetWidget (response): widget.name: member removed",
            "ListWidgets (response): widgets.name: member removed",
        ]
    );
    assert_eq!(diff.breaking[0].kind, BreakingKind::MemberRemoved);
    assert_eq!(diff.breaking[0].side, Some(Side::Response));
    assert_eq!(diff.breaking[0].path, ["widget", "name"]);
}

#[test]
fn removed_enum_value_is_breaking() {
    let diff = diff_after(|m| {
        shape(m, "State")["enum"] = json!(["ACTIVE"]);
    });
    assert_eq!(
        breaking(&diff),
        [
            "GetWidget (response): widget.state: enum value \"INACTIVE\" removed",
            "ListWidgets (request): state: enum value \"INACTIVE\" removed",
            "ListWidgets (response): widgets.state: enum value \"INACTIVE\" removed",
        ]
    );
    assert_eq!(
        diff.breaking[0].kind,
        BreakingKind::EnumValueRemoved {
            value: EnumLiteral::Str("INACTIVE".to_owned())
        }
    );
}

#[test]
fn members_that_became_required_or_optional() {
    let diff = diff_after(|m| {
        shape(m, "Tag")["required"] = json!(["key"]);
        shape(m, "GetWidgetRequest")["required"] = json!([]);
    });
    assert_eq!(
        breaking(&diff),
        [
            "GetWidget (request): id: member became optional",
            "GetWidget (request): tags.key: member became required",
        ]
    );
}

#[test]
fn new_required_request_member_is_an_addition_and_breaking() {
    let diff = diff_after(|m| {
        add_member(m, "GetWidgetRequest", "version", "Integer");
        shape(m, "GetWidgetRequest")["required"] = json!(["id", "version"]);
        // A new required response member breaks nothing.
        add_member(m, "GetWidgetResponse", "etag", "String");
        shape(m, "GetWidgetResponse")["required"] = json!(["etag"]);
    });
    let (request, response) = updated(&diff, "GetWidget");
    assert!(request.is_some_and(|r| r.contains_key("version")));
    assert!(response.is_some_and(|r| r.contains_key("etag")));
    assert_eq!(
        breaking(&diff),
        ["GetWidget (request): version: new member is required"]
    );
}

#[test]
fn changed_types_are_breaking() {
    let diff = diff_after(|m| {
        // integer → long
        shape(m, "GetWidgetResponse")["members"]["count"] = json!({"shape": "Long"});
        // string → enum
        shape(m, "Filter")["members"]["prefix"] = json!({"shape": "State"});
        // a structure under another name: another Rust type
        m["shapes"]["Component"] = json!({
            "type": "structure",
            "members": {"size": {"shape": "Integer"}}
        });
        shape(m, "PartMap")["value"] = json!({"shape": "Component"});
    });
    assert_eq!(
        breaking(&diff),
        [
            "GetWidget (request): filter.prefix: type changed from string to enum `State`",
            "GetWidget (response): count: type changed from integer to long",
            "GetWidget (response): widget.parts: type changed from map of string to \
             structure `Part` to map of string to structure `Component`",
            "ListWidgets (response): widgets.parts: type changed from map of string to \
             structure `Part` to map of string to structure `Component`",
        ]
    );
    assert!(diff.methods.is_empty());
}

#[test]
fn a_renamed_string_shape_is_no_change() {
    let diff = diff_after(|m| {
        m["shapes"]["WidgetName"] = json!({"type": "string", "max": 64});
        shape(m, "Widget")["members"]["name"] = json!({"shape": "WidgetName"});
    });
    assert!(diff.is_empty(), "{diff:#?}");
}

#[test]
fn changed_locations_are_breaking() {
    let diff = diff_after(|m| {
        shape(m, "ListWidgetsRequest")["members"]["state"] =
            json!({"shape": "State", "location": "header", "locationName": "x-state"});
        shape(m, "Filter")["members"]["prefix"] =
            json!({"shape": "String", "locationName": "Prefix"});
    });
    assert_eq!(
        breaking(&diff),
        [
            "GetWidget (request): filter.prefix: HTTP location changed from body member \
             `prefix` to body member `Prefix`",
            "ListWidgets (request): state: HTTP location changed from query parameter \
             `state` to header `x-state`",
        ]
    );
}

#[test]
fn changed_http_method_and_uri_are_breaking() {
    let diff = diff_after(|m| {
        m["operations"]["ListWidgets"]["http"] =
            json!({"method": "POST", "requestUri": "/widgets/list"});
    });
    assert_eq!(
        breaking(&diff),
        [
            "ListWidgets: HTTP method changed from GET to POST",
            "ListWidgets: HTTP URI changed from /widgets to /widgets/list",
        ]
    );
}

#[test]
fn removed_error_is_breaking_and_a_new_one_is_not() {
    let diff = diff_after(|m| {
        m["shapes"]["Conflict"] = json!({
            "type": "structure",
            "members": {},
            "error": {"httpStatusCode": 409},
            "exception": true
        });
        m["operations"]["GetWidget"]["errors"] =
            json!([{"shape": "NotFound"}, {"shape": "Conflict"}]);
    });
    assert_eq!(breaking(&diff), ["GetWidget: error Throttled removed"]);
    assert!(diff.methods.is_empty());
}

#[test]
fn recursive_structures_are_walked_once_per_path() {
    let recursive = |m: &mut Value| {
        m["shapes"]["Node"] = json!({
            "type": "structure",
            "members": {"next": {"shape": "Node"}, "children": {"shape": "NodeList"}}
        });
        m["shapes"]["NodeList"] = json!({"type": "list", "member": {"shape": "Node"}});
        add_member(m, "Widget", "tree", "Node");
    };
    let old_json = {
        let mut m = base();
        recursive(&mut m);
        m
    };
    let mut new_json = old_json.clone();
    add_member(&mut new_json, "Node", "label", "String");
    let diff = diff::compare(&load(&old_json), &load(&new_json));
    let (_, response) = updated(&diff, "GetWidget");
    // The recursion stops where the pair of shapes is compared again, so
    // `label` shows once, at the first level.
    let expected: diff::Additions = [(
        "widget".to_owned(),
        Added::Members(
            [(
                "tree".to_owned(),
                Added::Members(
                    [(
                        "label".to_owned(),
                        Added::Member(TypeSummary::Name("string")),
                    )]
                    .into_iter()
                    .collect(),
                ),
            )]
            .into_iter()
            .collect(),
        ),
    )]
    .into_iter()
    .collect();
    assert_eq!(response, Some(&expected));
}

#[test]
fn an_operation_that_gains_an_output_has_all_new_members() {
    let old_json = {
        let mut m = base();
        m["operations"]["ListWidgets"]
            .as_object_mut()
            .expect("operation")
            .remove("output");
        m
    };
    let diff = diff::compare(&load(&old_json), &load(&base()));
    let (request, response) = updated(&diff, "ListWidgets");
    assert_eq!(request, None);
    assert!(response.is_some_and(|r| r.contains_key("widgets")));

    // And the other way round: every member removed.
    let back = diff::compare(&load(&base()), &load(&old_json));
    assert_eq!(
        breaking(&back),
        ["ListWidgets (response): widgets: member removed"]
    );
}

#[test]
fn renamed_input_shape_is_a_type_change() {
    let diff = diff_after(|m| {
        let input = m["shapes"]["ListWidgetsRequest"].clone();
        m["shapes"]["ListWidgetsInput"] = input;
        m["operations"]["ListWidgets"]["input"] = json!({"shape": "ListWidgetsInput"});
    });
    assert_eq!(
        breaking(&diff),
        [
            "ListWidgets (request): type changed from structure `ListWidgetsRequest` to \
          structure `ListWidgetsInput`"
        ]
    );
}

#[test]
fn services_added_or_removed_in_a_tree() {
    let model = load(&base());
    let added = diff::added(&model);
    assert_eq!(added.methods.len(), 2);
    assert!(added
        .methods
        .iter()
        .all(|m| matches!(m.change, Change::New { .. })));
    assert!(added.breaking.is_empty());
    let removed = diff::removed(&model);
    assert_eq!(
        breaking(&removed),
        [
            "GetWidget: operation removed",
            "ListWidgets: operation removed"
        ]
    );
}

/// A deep new structure wraps as `pprint.pformat(d, width=80)` does
/// (expected text from CPython).
#[test]
fn deeply_nested_additions_wrap_at_80_columns() {
    let text = text_after(|m| {
        m["shapes"]["ColorSettings"] = json!({
            "type": "structure",
            "members": {
                "hueInDegrees": {"shape": "Integer"},
                "saturationPercentage": {"shape": "Double"},
                "brightnessPercentage": {"shape": "Double"}
            }
        });
        m["shapes"]["ColorConfiguration"] = json!({
            "type": "structure",
            "members": {
                "primaryColorSettings": {"shape": "ColorSettings"},
                "secondaryColorSettings": {"shape": "ColorSettings"},
                "updatedAt": {"shape": "Timestamp"}
            }
        });
        add_member(m, "Widget", "colorConfiguration", "ColorConfiguration");
        shape(m, "State")["enum"] = json!(["ACTIVE", "INACTIVE", "RETIRED"]);
    });
    let expected = r#"GetWidget (updated) Link ¶
Changes (response)
{'widget': {'colorConfiguration': {'primaryColorSettings': {'brightnessPercentage': 'double',
                                                            'hueInDegrees': 'integer',
                                                            'saturationPercentage': 'double'},
                                   'secondaryColorSettings': {'brightnessPercentage': 'double',
                                                              'hueInDegrees': 'integer',
                                                              'saturationPercentage': 'double'},
                                   'updatedAt': 'timestamp'},
            'state': {'RETIRED'}}}
"#;
    assert!(text.contains(expected), "{text}");
}
