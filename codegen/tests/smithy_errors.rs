//! Every kind of error in a Smithy model, with its full message: the file,
//! the JSON Pointer of the offending value (which names the shape id:
//! `/shapes/ns#Foo/members/bar/target`) and what is wrong.
//!
//! Each test starts from a small valid Smithy model and patches it.

use awsgen_codegen::model::load_str;
use serde_json::{json, Value};

fn base() -> Value {
    json!({
        "smithy": "2.0",
        "shapes": {
            "t#Svc": {
                "type": "service",
                "version": "2020-01-01",
                "operations": [{"target": "t#GetThing"}],
                "traits": {"aws.protocols#restJson1": {}}
            },
            "t#GetThing": {
                "type": "operation",
                "input": {"target": "t#GetThingInput"},
                "output": {"target": "t#GetThingOutput"},
                "errors": [{"target": "t#NotFound"}],
                "traits": {"smithy.api#http": {"method": "GET", "uri": "/things/{thingName}"}}
            },
            "t#GetThingInput": {
                "type": "structure",
                "members": {
                    "thingName": {
                        "target": "t#Name",
                        "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}
                    },
                    "maxResults": {
                        "target": "smithy.api#Integer",
                        "traits": {"smithy.api#httpQuery": "maxResults"}
                    }
                }
            },
            "t#GetThingOutput": {
                "type": "structure",
                "members": {
                    "name": {"target": "t#Name"},
                    "tags": {"target": "t#Tags"},
                    "items": {"target": "t#Items"},
                    "status": {"target": "t#Status"}
                }
            },
            "t#NotFound": {
                "type": "structure",
                "members": {"message": {"target": "smithy.api#String"}},
                "traits": {"smithy.api#error": "client", "smithy.api#httpError": 404}
            },
            "t#Items": {"type": "list", "member": {"target": "t#Name"}},
            "t#Tags": {"type": "map", "key": {"target": "t#Name"}, "value": {"target": "t#Name"}},
            "t#Name": {"type": "string"},
            "t#Status": {
                "type": "intEnum",
                "members": {
                    "ON": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 1}}
                }
            }
        }
    })
}

fn text(model: &Value) -> String {
    serde_json::to_string_pretty(model).expect("JSON")
}

/// The error message of the base model with `patch` applied.
fn error(patch: impl FnOnce(&mut Value)) -> String {
    let mut model = base();
    patch(&mut model);
    match load_str("test.json", &text(&model)) {
        Ok(_) => panic!("the model should be rejected:\n{}", text(&model)),
        Err(e) => e.to_string(),
    }
}

fn shapes(model: &mut Value) -> &mut serde_json::Map<String, Value> {
    model["shapes"].as_object_mut().expect("shapes")
}

/// Moves the shape `from` to the key `to`.
fn rename(model: &mut Value, from: &str, to: &str) {
    let shape = shapes(model).shift_remove(from).expect("the shape exists");
    shapes(model).insert(to.to_owned(), shape);
}

#[test]
fn the_base_model_is_valid() {
    let loaded = load_str("test.json", &text(&base())).expect("loads");
    assert_eq!(loaded.model.operations.len(), 1);
    // Seven data shapes, and the two prelude shapes members target.
    assert_eq!(loaded.model.shapes.len(), 9);
}

// ---------------------------------------------------------------- shape ids

#[test]
fn bad_shape_id() {
    assert_eq!(
        error(|m| rename(m, "t#Name", "Name")),
        "test.json: at /shapes/Name: `Name` is not a valid shape id: it has no namespace (expected `namespace#Name`)"
    );
    assert_eq!(
        error(|m| rename(m, "t#Name", "t#1Name")),
        "test.json: at /shapes/t#1Name: `t#1Name` is not a valid shape id: the name `1Name` is not an identifier"
    );
    assert_eq!(
        error(|m| rename(m, "t#Name", "t#Name$member")),
        "test.json: at /shapes/t#Name$member: `t#Name$member` is not a valid shape id: a member id (`$member`) is not allowed here"
    );
}

#[test]
fn bad_target_id() {
    assert_eq!(
        error(|m| m["shapes"]["t#GetThingOutput"]["members"]["name"]["target"] = json!("String")),
        "test.json: at /shapes/t#GetThingOutput/members/name/target: `String` is not a valid shape id: it has no namespace (expected `namespace#Name`)"
    );
}

#[test]
fn bad_trait_id() {
    assert_eq!(
        error(|m| m["shapes"]["t#Name"]["traits"] = json!({"documentation": "Hi"})),
        "test.json: at /shapes/t#Name/traits/documentation: `documentation` is not a valid trait id: it has no namespace (expected `namespace#Name`)"
    );
}

// ---------------------------------------------------------------- targets

#[test]
fn unknown_member_target() {
    assert_eq!(
        error(|m| m["shapes"]["t#GetThingOutput"]["members"]["name"]["target"] = json!("t#Nope")),
        "test.json: at /shapes/t#GetThingOutput/members/name/target: refers to shape `t#Nope`, which the model does not define"
    );
}

#[test]
fn unknown_prelude_target() {
    assert_eq!(
        error(|m| m["shapes"]["t#GetThingOutput"]["members"]["name"]["target"] =
            json!("smithy.api#Strin")),
        "test.json: at /shapes/t#GetThingOutput/members/name/target: refers to shape `smithy.api#Strin`, which the model does not define"
    );
}

#[test]
fn unknown_list_and_map_targets() {
    assert_eq!(
        error(|m| m["shapes"]["t#Items"]["member"]["target"] = json!("t#Nope")),
        "test.json: at /shapes/t#Items/member/target: refers to shape `t#Nope`, which the model does not define"
    );
    assert_eq!(
        error(|m| m["shapes"]["t#Tags"]["key"]["target"] = json!("t#Nope")),
        "test.json: at /shapes/t#Tags/key/target: refers to shape `t#Nope`, which the model does not define"
    );
}

#[test]
fn unknown_operation_targets() {
    assert_eq!(
        error(|m| m["shapes"]["t#GetThing"]["input"]["target"] = json!("t#Nope")),
        "test.json: at /shapes/t#GetThing/input/target: refers to shape `t#Nope`, which the model does not define"
    );
    assert_eq!(
        error(|m| m["shapes"]["t#GetThing"]["errors"][0]["target"] = json!("t#Nope")),
        "test.json: at /shapes/t#GetThing/errors/0/target: refers to shape `t#Nope`, which the model does not define"
    );
    assert_eq!(
        error(|m| m["shapes"]["t#Svc"]["operations"][0]["target"] = json!("t#Nope")),
        "test.json: at /shapes/t#Svc/operations/0/target: refers to shape `t#Nope`, which the model does not define"
    );
}

#[test]
fn member_targeting_an_operation() {
    assert_eq!(
        error(|m| m["shapes"]["t#GetThingOutput"]["members"]["name"]["target"] =
            json!("t#GetThing")),
        "test.json: at /shapes/t#GetThingOutput/members/name/target: `t#GetThingOutput$name` targets `t#GetThing`, which is an operation; members must target data shapes"
    );
}

#[test]
fn operation_input_that_is_not_a_structure() {
    assert_eq!(
        error(|m| m["shapes"]["t#GetThing"]["input"]["target"] = json!("t#Items")),
        "test.json: at /shapes/t#GetThing/input/target: the input `t#Items` is a list; it must be a structure"
    );
}

#[test]
fn service_operation_that_is_not_an_operation() {
    assert_eq!(
        error(|m| m["shapes"]["t#Svc"]["operations"][0]["target"] = json!("t#Name")),
        "test.json: at /shapes/t#Svc/operations/0/target: `t#Name` is a string, not an operation"
    );
}

// ---------------------------------------------------------------- trait values

#[test]
fn trait_with_a_wrong_value_type() {
    assert_eq!(
        error(|m| m["shapes"]["t#GetThingInput"]["members"]["maxResults"]["traits"]
            ["smithy.api#httpQuery"] = json!(5)),
        "test.json: at /shapes/t#GetThingInput/members/maxResults/traits/smithy.api#httpQuery: trait `smithy.api#httpQuery` on `t#GetThingInput$maxResults` has a wrong value: invalid type: integer `5`, expected a string"
    );
}

#[test]
fn wrong_value_type_inside_a_trait() {
    assert_eq!(
        error(|m| m["shapes"]["t#GetThing"]["traits"]["smithy.api#http"]["code"] = json!("200")),
        "test.json: at /shapes/t#GetThing/traits/smithy.api#http/code: trait `smithy.api#http` on `t#GetThing` has a wrong value: invalid type: string \"200\", expected u16"
    );
}

#[test]
fn annotation_trait_that_is_not_an_object() {
    assert_eq!(
        error(|m| m["shapes"]["t#GetThingInput"]["members"]["thingName"]["traits"]
            ["smithy.api#required"] = json!(true)),
        "test.json: at /shapes/t#GetThingInput/members/thingName/traits/smithy.api#required: trait `smithy.api#required` on `t#GetThingInput$thingName` has a wrong value: expected an object (`{}`), found a boolean"
    );
}

#[test]
fn error_trait_that_is_neither_client_nor_server() {
    assert_eq!(
        error(|m| m["shapes"]["t#NotFound"]["traits"]["smithy.api#error"] = json!("caller")),
        "test.json: at /shapes/t#NotFound/traits/smithy.api#error: trait `smithy.api#error` on `t#NotFound` has a wrong value: expected `client` or `server`, found `caller`"
    );
}

#[test]
fn unknown_timestamp_format() {
    assert_eq!(
        error(|m| m["shapes"]["t#Name"] =
            json!({"type": "timestamp", "traits": {"smithy.api#timestampFormat": "iso8601"}})),
        "test.json: at /shapes/t#Name/traits/smithy.api#timestampFormat: trait `smithy.api#timestampFormat` on `t#Name` has a wrong value: expected `date-time`, `http-date` or `epoch-seconds`, found `iso8601`"
    );
}

#[test]
fn int_enum_values() {
    assert_eq!(
        error(|m| m["shapes"]["t#Status"]["members"]["ON"]["traits"]["smithy.api#enumValue"] =
            json!("on")),
        "test.json: at /shapes/t#Status/members/ON/traits/smithy.api#enumValue: trait `smithy.api#enumValue` on `t#Status$ON` has a wrong value: invalid type: string \"on\", expected i32"
    );
    assert_eq!(
        error(|m| m["shapes"]["t#Status"]["members"]["ON"]["traits"] = json!({})),
        "test.json: at /shapes/t#Status/members/ON: intEnum member `t#Status$ON` has no `smithy.api#enumValue` trait"
    );
    assert_eq!(
        error(|m| m["shapes"]["t#Status"]["members"]["OFF"] =
            json!({"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 1}})),
        "test.json: at /shapes/t#Status/members/OFF: intEnum value 1 of `t#Status` is listed twice"
    );
}

#[test]
fn enum_value_listed_twice() {
    assert_eq!(
        error(|m| m["shapes"]["t#Name"]["traits"] =
            json!({"smithy.api#enum": [{"value": "a"}, {"value": "b"}, {"value": "a"}]})),
        "test.json: at /shapes/t#Name/traits/smithy.api#enum/2: enum value `a` of `t#Name` is listed twice"
    );
}

#[test]
fn two_http_bindings_on_one_member() {
    assert_eq!(
        error(|m| m["shapes"]["t#GetThingInput"]["members"]["maxResults"]["traits"]
            ["smithy.api#httpHeader"] = json!("x-max")),
        "test.json: at /shapes/t#GetThingInput/members/maxResults: `t#GetThingInput$maxResults` has more than one HTTP binding trait: `smithy.api#httpQuery`, `smithy.api#httpHeader`"
    );
}

/// A sparse list's nulls have no text form in a header.
#[test]
fn header_on_a_sparse_list() {
    assert_eq!(
        error(|m| {
            m["shapes"]["t#Items"]["traits"] = json!({"smithy.api#sparse": {}});
            m["shapes"]["t#GetThingInput"]["members"]["names"] = json!({
                "target": "t#Items",
                "traits": {"smithy.api#httpHeader": "x-names"}
            });
        }),
        "test.json: at /shapes/t#GetThingInput/members/names: member `names` is bound to the header `x-names` but targets a sparse list of strings; \
         a header must be a boolean, number, string, enum, intEnum, timestamp or blob, or a list of them (not sparse, and not of blobs)"
    );
}

#[test]
fn label_on_a_document() {
    assert_eq!(
        error(|m| m["shapes"]["t#GetThingInput"]["members"]["thingName"]["target"] =
            json!("smithy.api#Document")),
        "test.json: at /shapes/t#GetThingInput/members/thingName: member `thingName` is bound to the URI label `thingName` but targets a document; \
         a label must be a boolean, number, string, enum, intEnum or timestamp"
    );
}

#[test]
fn host_label_on_an_int_enum() {
    assert_eq!(
        error(|m| {
            m["shapes"]["t#GetThing"]["traits"]["smithy.api#endpoint"] =
                json!({"hostPrefix": "{status}."});
            m["shapes"]["t#GetThingInput"]["members"]["status"] = json!({
                "target": "t#Status",
                "traits": {"smithy.api#hostLabel": {}, "smithy.api#required": {}}
            });
        }),
        "test.json: at /shapes/t#GetThingInput/members/status: member `status` is a host label but targets an intEnum; \
         a host label must be a string or an enum"
    );
}

// ---------------------------------------------------------------- shapes

#[test]
fn unknown_shape_type() {
    assert_eq!(
        error(|m| m["shapes"]["t#Name"]["type"] = json!("text")),
        "test.json: at /shapes/t#Name/type: unknown shape type `text`"
    );
}

#[test]
fn list_without_member() {
    assert_eq!(
        error(|m| m["shapes"]["t#Items"] = json!({"type": "list"})),
        "test.json: at /shapes/t#Items: the list `t#Items` has no `member`"
    );
}

#[test]
fn map_without_value() {
    assert_eq!(
        error(|m| m["shapes"]["t#Tags"] = json!({"type": "map", "key": {"target": "t#Name"}})),
        "test.json: at /shapes/t#Tags: the map `t#Tags` has no `value`"
    );
}

#[test]
fn member_without_target() {
    assert_eq!(
        error(|m| m["shapes"]["t#GetThingOutput"]["members"]["name"] = json!({})),
        "test.json: at /shapes/t#GetThingOutput/members/name (line 57, column 18): missing field `target`"
    );
}

// ---------------------------------------------------------------- service

#[test]
fn unsupported_smithy_version() {
    assert_eq!(
        error(|m| m["smithy"] = json!("3.0")),
        "test.json: at /smithy: unsupported Smithy version `3.0` (expected 1.0 or 2.0)"
    );
}

#[test]
fn no_service() {
    assert_eq!(
        error(|m| {
            shapes(m).shift_remove("t#Svc");
        }),
        "test.json: at /shapes: the model defines no service shape; the generator needs exactly one"
    );
    assert_eq!(
        load_str("test.json", "{\"smithy\": \"2.0\"}")
            .err()
            .map(|e| e.to_string()),
        Some(
            "test.json: at /shapes: the model defines no service shape; the generator needs exactly one"
                .to_owned()
        )
    );
}

#[test]
fn two_services() {
    assert_eq!(
        error(|m| m["shapes"]["t#Other"] = json!({"type": "service", "version": "1"})),
        "test.json: at /shapes/t#Svc: the model defines more than one service (`t#Other` and `t#Svc`); give one service per model file"
    );
}

#[test]
fn service_without_version() {
    assert_eq!(
        error(|m| {
            m["shapes"]["t#Svc"]
                .as_object_mut()
                .expect("service")
                .shift_remove("version");
        }),
        "test.json: at /shapes/t#Svc: the service `t#Svc` has no `version`"
    );
}

#[test]
fn unsupported_protocol() {
    assert_eq!(
        error(|m| m["shapes"]["t#Svc"]["traits"] = json!({"smithy.protocols#rpcv2Json": {}})),
        "test.json: at /shapes/t#Svc/traits/smithy.protocols#rpcv2Json: the service `t#Svc` uses the protocol `smithy.protocols#rpcv2Json`, which this generator does not support (supported: `aws.protocols#restJson1`, `aws.protocols#awsJson1_0`, `aws.protocols#awsJson1_1`, `smithy.protocols#rpcv2Cbor`, `aws.protocols#restXml`, `aws.protocols#awsQuery`, `aws.protocols#ec2Query`)"
    );
}

#[test]
fn no_protocol() {
    assert_eq!(
        error(|m| m["shapes"]["t#Svc"]["traits"] = json!({"aws.protocols#httpChecksum": {}})),
        "test.json: at /shapes/t#Svc/traits: the service `t#Svc` has no protocol trait (supported: `aws.protocols#restJson1`, `aws.protocols#awsJson1_0`, `aws.protocols#awsJson1_1`, `smithy.protocols#rpcv2Cbor`, `aws.protocols#restXml`, `aws.protocols#awsQuery`, `aws.protocols#ec2Query`)"
    );
}

#[test]
fn rest_operation_without_http_trait() {
    assert_eq!(
        error(|m| m["shapes"]["t#GetThing"]["traits"] = json!({})),
        "test.json: at /shapes/t#GetThing: the operation `t#GetThing` has no `smithy.api#http` trait; HTTP binding protocols (restJson1, restXml) need one"
    );
}

#[test]
fn two_operations_with_one_name() {
    assert_eq!(
        error(|m| {
            let op = m["shapes"]["t#GetThing"].clone();
            m["shapes"]["u#GetThing"] = op;
            m["shapes"]["t#Svc"]["operations"] =
                json!([{"target": "t#GetThing"}, {"target": "u#GetThing"}]);
        }),
        "test.json: at /shapes/u#GetThing: operations `t#GetThing` and `u#GetThing` are both named `GetThing`; operation names must be unique in a service"
    );
}

// ---------------------------------------------------------------- apply

#[test]
fn apply_to_an_undefined_shape() {
    assert_eq!(
        error(|m| m["shapes"]["t#Nope$a"] =
            json!({"type": "apply", "traits": {"smithy.api#required": {}}})),
        "test.json: at /shapes/t#Nope$a: applies traits to `t#Nope`, which the model does not define"
    );
}

#[test]
fn apply_to_a_missing_member() {
    assert_eq!(
        error(|m| m["shapes"]["t#GetThingOutput$nope"] =
            json!({"type": "apply", "traits": {"smithy.api#required": {}}})),
        "test.json: at /shapes/t#GetThingOutput$nope: applies traits to `t#GetThingOutput$nope`, but `t#GetThingOutput` has no member `nope`"
    );
}

#[test]
fn apply_conflict() {
    assert_eq!(
        error(|m| m["shapes"]["t#GetThingInput$maxResults"] =
            json!({"type": "apply", "traits": {"smithy.api#httpQuery": "max"}})),
        "test.json: at /shapes/t#GetThingInput$maxResults/traits/smithy.api#httpQuery: trait `smithy.api#httpQuery` is applied to `t#GetThingInput$maxResults` twice with different values (also at /shapes/t#GetThingInput/members/maxResults/traits/smithy.api#httpQuery)"
    );
}

// ---------------------------------------------------------------- mixins

fn with_mixin(m: &mut Value, mixin: Value) {
    m["shapes"]["t#Mixin"] = mixin;
    m["shapes"]["t#GetThingOutput"]["mixins"] = json!([{"target": "t#Mixin"}]);
}

#[test]
fn mixin_that_is_not_a_mixin() {
    assert_eq!(
        error(|m| with_mixin(m, json!({"type": "structure"}))),
        "test.json: at /shapes/t#GetThingOutput/mixins/0/target: `t#Mixin` is not a mixin: it has no `smithy.api#mixin` trait"
    );
}

#[test]
fn mixin_of_another_type() {
    assert_eq!(
        error(|m| with_mixin(m, json!({"type": "string", "traits": {"smithy.api#mixin": {}}}))),
        "test.json: at /shapes/t#GetThingOutput/mixins/0/target: `t#Mixin` is a string mixin; the structure `t#GetThingOutput` cannot use it"
    );
}

#[test]
fn mixin_cycle() {
    assert_eq!(
        error(|m| {
            with_mixin(
                m,
                json!({"type": "structure", "mixins": [{"target": "t#Mixin2"}], "traits": {"smithy.api#mixin": {}}}),
            );
            m["shapes"]["t#Mixin2"] = json!({"type": "structure", "mixins": [{"target": "t#Mixin"}], "traits": {"smithy.api#mixin": {}}});
        }),
        "test.json: at /shapes/t#Mixin2/mixins/0/target: the mixins of `t#Mixin2` form a cycle through `t#Mixin`"
    );
}

#[test]
fn mixed_in_member_redefined_with_another_target() {
    assert_eq!(
        error(|m| with_mixin(
            m,
            json!({"type": "structure", "members": {"name": {"target": "smithy.api#String"}}, "traits": {"smithy.api#mixin": {}}})
        )),
        "test.json: at /shapes/t#GetThingOutput/members/name/target: member `name` of `t#GetThingOutput` targets `t#Name` here and `smithy.api#String` in a mixin; a mixed-in member may only be redefined with the same target"
    );
}

#[test]
fn member_targeting_a_mixin() {
    assert_eq!(
        error(|m| {
            m["shapes"]["t#Mixin"] = json!({"type": "string", "traits": {"smithy.api#mixin": {}}});
            m["shapes"]["t#GetThingOutput"]["members"]["name"]["target"] = json!("t#Mixin");
        }),
        "test.json: at /shapes/t#GetThingOutput/members/name/target: refers to the mixin `t#Mixin`; a mixin can only be mixed into other shapes"
    );
}

// ------------------------------------------- validation, located in Smithy terms

#[test]
fn uri_label_without_a_member() {
    assert_eq!(
        error(|m| m["shapes"]["t#GetThing"]["traits"]["smithy.api#http"]["uri"] =
            json!("/things/{thingName}/{other}")),
        "test.json: at /shapes/t#GetThing/traits/smithy.api#http/uri: URI label `{other}` is not bound to any input member"
    );
}

#[test]
fn http_method_that_is_not_standard() {
    assert_eq!(
        error(|m| m["shapes"]["t#GetThing"]["traits"]["smithy.api#http"]["method"] =
            json!("PURGE")),
        "test.json: at /shapes/t#GetThing/traits/smithy.api#http/method: the HTTP method `PURGE` is not one of GET, PUT, POST, DELETE, PATCH, HEAD, OPTIONS, TRACE, CONNECT"
    );
}

#[test]
fn malformed_uri() {
    assert_eq!(
        error(|m| m["shapes"]["t#GetThing"]["traits"]["smithy.api#http"]["uri"] =
            json!("things")),
        "test.json: at /shapes/t#GetThing/traits/smithy.api#http/uri: request URI `things` must start with `/`"
    );
}

#[test]
fn label_member_without_a_uri_label() {
    assert_eq!(
        error(|m| m["shapes"]["t#GetThing"]["traits"]["smithy.api#http"]["uri"] =
            json!("/things")),
        "test.json: at /shapes/t#GetThing/input/target: input member `thingName` is bound to URI label `thingName`, which the request URI `/things` does not have"
    );
}

#[test]
fn host_label_without_a_member() {
    assert_eq!(
        error(|m| m["shapes"]["t#GetThing"]["traits"]["smithy.api#endpoint"] =
            json!({"hostPrefix": "{thingName}."})),
        "test.json: at /shapes/t#GetThing/traits/smithy.api#endpoint/hostPrefix: host label `{thingName}` is not an input member marked `hostLabel`"
    );
}

#[test]
fn map_key_that_is_not_a_string() {
    assert_eq!(
        error(|m| m["shapes"]["t#Tags"]["key"]["target"] = json!("smithy.api#Integer")),
        "test.json: at /shapes/t#Tags/key: map key `smithy.api#Integer` is an integer; map keys must be strings"
    );
}

/// A member inherited from a mixin is located in the mixin.
#[test]
fn binding_error_in_a_mixed_in_member() {
    assert_eq!(
        error(|m| with_mixin(
            m,
            json!({
                "type": "structure",
                "members": {"code": {"target": "smithy.api#String", "traits": {"smithy.api#httpResponseCode": {}}}},
                "traits": {"smithy.api#mixin": {}}
            })
        )),
        "test.json: at /shapes/t#Mixin/members/code: member `code` is bound to the status code but targets a string; \
         the status code must be an integer (short, integer, long or intEnum)"
    );
}
