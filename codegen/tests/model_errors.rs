//! Every kind of model error, with its full message: the file, the location
//! (a JSON Pointer into the model, or `line L, column C` for syntax errors)
//! and what is wrong.
//!
//! Each test starts from a small valid botocore model and patches it.

use awsgen_codegen::error::ModelError;
use awsgen_codegen::ir::{Binding, ShapeId, ShapeKind};
use awsgen_codegen::model::{load_str, Loaded};
use serde_json::{json, Value};

/// A minimal valid rest-json model that exercises labels, query, headers,
/// lists, maps, timestamps and errors.
fn base() -> Value {
    json!({
        "version": "2.0",
        "metadata": {
            "apiVersion": "2020-01-01",
            "endpointPrefix": "test",
            "protocol": "rest-json",
            "serviceFullName": "Test Service",
            "serviceId": "Test",
            "signingName": "test"
        },
        "operations": {
            "GetThing": {
                "name": "GetThing",
                "http": {"method": "GET", "requestUri": "/things/{thingName}"},
                "input": {"shape": "GetThingRequest"},
                "output": {"shape": "GetThingResponse"},
                "errors": [{"shape": "NotFoundException"}]
            }
        },
        "shapes": {
            "GetThingRequest": {
                "type": "structure",
                "required": ["thingName"],
                "members": {
                    "thingName": {"shape": "Name", "location": "uri", "locationName": "thingName"},
                    "maxResults": {"shape": "Count", "location": "querystring", "locationName": "maxResults"},
                    "token": {"shape": "Name", "location": "header", "locationName": "x-amz-token"}
                }
            },
            "GetThingResponse": {
                "type": "structure",
                "members": {
                    "name": {"shape": "Name"},
                    "tags": {"shape": "Tags"},
                    "items": {"shape": "Items"},
                    "updatedAt": {"shape": "When"}
                }
            },
            "NotFoundException": {
                "type": "structure",
                "members": {"message": {"shape": "Name"}},
                "error": {"httpStatusCode": 404},
                "exception": true
            },
            "Items": {"type": "list", "member": {"shape": "Name"}},
            "Tags": {"type": "map", "key": {"shape": "Name"}, "value": {"shape": "Name"}},
            "Name": {"type": "string"},
            "Count": {"type": "integer"},
            "When": {"type": "timestamp"}
        }
    })
}

fn text(model: &Value) -> String {
    serde_json::to_string_pretty(model).unwrap()
}

fn load_json(json: &str) -> Result<Loaded, ModelError> {
    load_str("test.json", json)
}

/// The error message of loading `json`, which must fail.
fn error_of_text(json: &str) -> String {
    match load_json(json) {
        Ok(_) => panic!("the model should be rejected:\n{json}"),
        Err(e) => e.to_string(),
    }
}

/// The base model with `patch` applied must fail to load; returns the message.
fn error(patch: impl FnOnce(&mut Value)) -> String {
    let mut model = base();
    patch(&mut model);
    error_of_text(&text(&model))
}

fn remove(value: &mut Value, key: &str) {
    value
        .as_object_mut()
        .expect("an object")
        .shift_remove(key)
        .expect("the key exists");
}

/// Line and column (1-based) of the last character of the first `needle`
/// in `text`: where serde_json reports an error about that value.
fn position_of_end(text: &str, needle: &str) -> (usize, usize) {
    let start = text.find(needle).expect("needle in text");
    let end = start + needle.len() - 1;
    let line = text[..end].matches('\n').count() + 1;
    let line_start = text[..end].rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..=end].chars().count())
}

#[test]
fn the_base_model_is_valid() {
    let loaded = load_json(&text(&base())).expect("the base model loads");
    assert_eq!(loaded.model.operations.len(), 1);
    assert_eq!(loaded.model.shapes.len(), 8);
    assert_eq!(loaded.model.service.model_name, "test");
}

// ---------------------------------------------------------------- syntax

#[test]
fn invalid_json_syntax_gives_line_and_column() {
    let json = "{\n  \"metadata\": {\n    \"apiVersion\": \"2020-01-01\"\n    \"protocol\": \"rest-json\"\n  }\n}\n";
    assert_eq!(
        error_of_text(json),
        "test.json: at line 4, column 5: expected `,` or `}`"
    );
}

#[test]
fn truncated_json_gives_the_end_of_the_file() {
    // Cut after a comma: a value was expected.
    let full = text(&base());
    let cut = &full[..full.find("\"operations\"").unwrap()];
    let lines = cut.lines().count();
    let last_line = cut.rsplit('\n').next().unwrap();
    assert_eq!(
        error_of_text(cut),
        format!(
            "test.json: at line {lines}, column {}: EOF while parsing a value",
            last_line.len()
        )
    );
    // Cut before the last brace: the object is not closed.
    let cut = full.trim_end().strip_suffix('}').unwrap().trim_end();
    let lines = cut.lines().count();
    assert_eq!(
        error_of_text(cut),
        format!("test.json: at line {lines}, column 3: EOF while parsing an object")
    );
}

#[test]
fn trailing_garbage_after_the_document() {
    let json = format!("{}\n}} extra", text(&base()));
    let lines = json.lines().count();
    assert_eq!(
        error_of_text(&json),
        format!("test.json: at line {lines}, column 1: trailing characters")
    );
}

#[test]
fn empty_input() {
    assert_eq!(
        error_of_text(""),
        "test.json: at line 1, column 0: EOF while parsing a value"
    );
}

// ----------------------------------------------------------- value types

#[test]
fn wrong_value_type_is_located_by_json_pointer() {
    let mut model = base();
    model["shapes"]["GetThingRequest"]["required"] = json!("x");
    let json = text(&model);
    let (line, column) = position_of_end(&json, "\"required\": \"x\"");
    assert_eq!(
        error_of_text(&json),
        format!(
            "test.json: at /shapes/GetThingRequest/required (line {line}, column {column}): \
             invalid type: string \"x\", expected a sequence"
        )
    );
}

#[test]
fn wrong_value_type_deep_in_an_operation() {
    let mut model = base();
    model["operations"]["GetThing"]["errors"][0]["shape"] = json!(7);
    let json = text(&model);
    let (line, column) = position_of_end(&json, "\"shape\": 7");
    assert_eq!(
        error_of_text(&json),
        format!(
            "test.json: at /operations/GetThing/errors/0/shape (line {line}, column {column}): \
             invalid type: integer `7`, expected a string"
        )
    );
}

#[test]
fn wrong_value_type_in_metadata() {
    let mut model = base();
    model["metadata"]["protocol"] = json!(["rest-json"]);
    let json = text(&model);
    // For a value it only peeked at, serde_json reports the character before it.
    let (line, column) = position_of_end(&json, "\"protocol\": ");
    assert_eq!(
        error_of_text(&json),
        format!(
            "test.json: at /metadata/protocol (line {line}, column {column}): \
             invalid type: sequence, expected a string"
        )
    );
}

#[test]
fn missing_required_field_names_its_parent() {
    let mut model = base();
    remove(&mut model["shapes"]["Name"], "type");
    let json = text(&model);
    let (line, column) = position_of_end(&json, "\"Name\": {}");
    assert_eq!(
        error_of_text(&json),
        format!("test.json: at /shapes/Name (line {line}, column {column}): missing field `type`")
    );
}

// ---------------------------------------------------------------- format

#[test]
fn missing_metadata() {
    assert_eq!(
        error(|m| remove(m, "metadata")),
        "test.json: a botocore model must have `metadata`; this one has `operations` and `shapes` but no `metadata`"
    );
}

#[test]
fn not_a_model_at_all() {
    let expected = "test.json: not a service model: expected a botocore model (with `metadata`) or a Smithy JSON AST (with `smithy`)";
    assert_eq!(error_of_text("{}"), expected);
    assert_eq!(error_of_text("{\"hello\": \"world\"}"), expected);
}

#[test]
fn a_document_that_is_not_an_object() {
    assert_eq!(
        error_of_text("[{\"apiVersion\": \"1\"}, {}, {}, null]"),
        "test.json: not a service model: the document is an array, not a JSON object"
    );
    assert_eq!(
        error_of_text("\"metadata\""),
        "test.json: not a service model: the document is a string, not a JSON object"
    );
    assert_eq!(
        error_of_text("null"),
        "test.json: not a service model: the document is null, not a JSON object"
    );
}

/// A `smithy` key selects the Smithy front-end (its errors are in
/// `smithy_errors.rs`), even next to a `metadata` key.
#[test]
fn smithy_ast_is_read_by_the_smithy_front_end() {
    assert_eq!(
        error_of_text("{\"smithy\": \"2.0\", \"metadata\": {}}"),
        "test.json: at /shapes: the model defines no service shape; the generator needs exactly one"
    );
}

#[test]
fn unknown_shape_type() {
    assert_eq!(
        error(|m| m["shapes"]["Name"]["type"] = json!("text")),
        "test.json: at /shapes/Name/type: unknown shape type `text`"
    );
}

#[test]
fn unknown_timestamp_format_on_a_shape() {
    assert_eq!(
        error(|m| m["shapes"]["When"]["timestampFormat"] = json!("epoch")),
        "test.json: at /shapes/When/timestampFormat: unknown timestampFormat `epoch` \
         (expected iso8601, rfc822 or unixTimestamp)"
    );
}

#[test]
fn unknown_timestamp_format_on_a_member() {
    assert_eq!(
        error(
            |m| m["shapes"]["GetThingResponse"]["members"]["updatedAt"]["timestampFormat"] =
                json!("ISO8601")
        ),
        "test.json: at /shapes/GetThingResponse/members/updatedAt/timestampFormat: \
         unknown timestampFormat `ISO8601` (expected iso8601, rfc822 or unixTimestamp)"
    );
}

#[test]
fn unknown_member_location() {
    assert_eq!(
        error(|m| m["shapes"]["GetThingRequest"]["members"]["token"]["location"] = json!("cookie")),
        "test.json: at /shapes/GetThingRequest/members/token/location: unknown member location `cookie`"
    );
}

#[test]
fn list_without_member() {
    assert_eq!(
        error(|m| remove(&mut m["shapes"]["Items"], "member")),
        "test.json: at /shapes/Items: list shape has no `member`"
    );
}

#[test]
fn map_without_key() {
    assert_eq!(
        error(|m| remove(&mut m["shapes"]["Tags"], "key")),
        "test.json: at /shapes/Tags: map shape has no `key`"
    );
}

#[test]
fn map_without_value() {
    assert_eq!(
        error(|m| remove(&mut m["shapes"]["Tags"], "value")),
        "test.json: at /shapes/Tags: map shape has no `value`"
    );
}

#[test]
fn payload_naming_a_non_member() {
    assert_eq!(
        error(|m| m["shapes"]["GetThingResponse"]["payload"] = json!("body")),
        "test.json: at /shapes/GetThingResponse/payload: payload member `body` is not a member of the structure"
    );
}

#[test]
fn payload_naming_a_member_bound_elsewhere() {
    assert_eq!(
        error(|m| m["shapes"]["GetThingRequest"]["payload"] = json!("token")),
        "test.json: at /shapes/GetThingRequest/payload: payload member `token` is bound to `header`; \
         the payload must be a member without a `location`"
    );
}

#[test]
fn required_naming_a_non_member() {
    assert_eq!(
        error(|m| m["shapes"]["GetThingRequest"]["required"] = json!(["thingName", "thingId"])),
        "test.json: at /shapes/GetThingRequest/required/1: required member `thingId` is not a member of the structure"
    );
}

// ------------------------------------------------------------ references

#[test]
fn dangling_reference_from_a_member() {
    assert_eq!(
        error(|m| m["shapes"]["GetThingResponse"]["members"]["name"]["shape"] = json!("Missing")),
        "test.json: at /shapes/GetThingResponse/members/name: refers to shape `Missing`, which the model does not define"
    );
}

#[test]
fn dangling_reference_from_a_list_member() {
    assert_eq!(
        error(|m| m["shapes"]["Items"]["member"]["shape"] = json!("Missing")),
        "test.json: at /shapes/Items/member: refers to shape `Missing`, which the model does not define"
    );
}

#[test]
fn dangling_reference_from_a_map_key() {
    assert_eq!(
        error(|m| m["shapes"]["Tags"]["key"]["shape"] = json!("Missing")),
        "test.json: at /shapes/Tags/key: refers to shape `Missing`, which the model does not define"
    );
}

#[test]
fn dangling_reference_from_a_map_value() {
    assert_eq!(
        error(|m| m["shapes"]["Tags"]["value"]["shape"] = json!("Missing")),
        "test.json: at /shapes/Tags/value: refers to shape `Missing`, which the model does not define"
    );
}

#[test]
fn dangling_reference_from_an_operation_input() {
    assert_eq!(
        error(|m| m["operations"]["GetThing"]["input"]["shape"] = json!("Missing")),
        "test.json: at /operations/GetThing/input: refers to shape `Missing`, which the model does not define"
    );
}

#[test]
fn dangling_reference_from_an_operation_output() {
    assert_eq!(
        error(|m| m["operations"]["GetThing"]["output"]["shape"] = json!("Missing")),
        "test.json: at /operations/GetThing/output: refers to shape `Missing`, which the model does not define"
    );
}

#[test]
fn dangling_reference_from_an_operation_error() {
    assert_eq!(
        error(|m| m["operations"]["GetThing"]["errors"] =
            json!([{"shape": "NotFoundException"}, {"shape": "Missing"}])),
        "test.json: at /operations/GetThing/errors/1: refers to shape `Missing`, which the model does not define"
    );
}

#[test]
fn input_that_is_not_a_structure() {
    assert_eq!(
        error(|m| m["operations"]["GetThing"]["input"]["shape"] = json!("Items")),
        "test.json: at /operations/GetThing/input: the input `Items` is a list; it must be a structure"
    );
}

#[test]
fn error_that_is_not_a_structure() {
    assert_eq!(
        error(|m| m["operations"]["GetThing"]["errors"][0]["shape"] = json!("Name")),
        "test.json: at /operations/GetThing/errors/0: the error `Name` is a string; it must be a structure"
    );
}

#[test]
fn map_key_that_is_not_a_string() {
    assert_eq!(
        error(|m| m["shapes"]["Tags"]["key"]["shape"] = json!("Count")),
        "test.json: at /shapes/Tags/key: map key `Count` is an integer; map keys must be strings"
    );
}

// ------------------------------------------------------------------- URIs

/// Generated code names the method as an `http::Method` constant, so an
/// extension method (or a lower-case one) is refused where it is written.
#[test]
fn http_method_that_is_not_standard() {
    assert_eq!(
        error(|m| m["operations"]["GetThing"]["http"]["method"] = json!("get")),
        "test.json: at /operations/GetThing/http/method: the HTTP method `get` is not one of GET, PUT, POST, DELETE, PATCH, HEAD, OPTIONS, TRACE, CONNECT"
    );
}

fn uri_error(uri: &str) -> String {
    error(|m| m["operations"]["GetThing"]["http"]["requestUri"] = json!(uri))
}

#[test]
fn request_uri_with_an_unclosed_brace() {
    assert_eq!(
        uri_error("/things/{thingName"),
        "test.json: at /operations/GetThing/http/requestUri: template `/things/{thingName` has an unclosed `{`"
    );
}

#[test]
fn request_uri_with_a_stray_closing_brace() {
    assert_eq!(
        uri_error("/things/thingName}"),
        "test.json: at /operations/GetThing/http/requestUri: template `/things/thingName}` has a `}` without a matching `{`"
    );
}

#[test]
fn request_uri_with_two_greedy_labels() {
    assert_eq!(
        uri_error("/things/{thingName+}/{other+}"),
        "test.json: at /operations/GetThing/http/requestUri: request URI `/things/{thingName+}/{other+}` has more than one greedy label"
    );
}

#[test]
fn request_uri_with_a_duplicate_label() {
    assert_eq!(
        uri_error("/things/{thingName}/{thingName}"),
        "test.json: at /operations/GetThing/http/requestUri: request URI `/things/{thingName}/{thingName}` uses label `thingName` twice"
    );
}

#[test]
fn request_uri_with_a_label_in_the_query() {
    assert_eq!(
        uri_error("/things/{thingName}?max={maxResults}"),
        "test.json: at /operations/GetThing/http/requestUri: request URI `/things/{thingName}?max={maxResults}`: labels are not allowed in the query string"
    );
}

#[test]
fn request_uri_not_starting_with_a_slash() {
    assert_eq!(
        uri_error("things/{thingName}"),
        "test.json: at /operations/GetThing/http/requestUri: request URI `things/{thingName}` must start with `/`"
    );
}

#[test]
fn request_uri_with_an_invalid_label() {
    assert_eq!(
        uri_error("/things/{thing name}"),
        "test.json: at /operations/GetThing/http/requestUri: template `/things/{thing name}` has an invalid label `{thing name}`"
    );
}

#[test]
fn uri_label_not_bound_to_any_member() {
    assert_eq!(
        error(|m| {
            m["operations"]["GetThing"]["http"]["requestUri"] = json!("/things/{thingName}/{version}");
        }),
        "test.json: at /operations/GetThing/http/requestUri: URI label `{version}` is not bound to any input member"
    );
}

#[test]
fn uri_label_without_an_input() {
    assert_eq!(
        error(|m| remove(&mut m["operations"]["GetThing"], "input")),
        "test.json: at /operations/GetThing/http/requestUri: URI label `{thingName}` is not bound to any input member"
    );
}

#[test]
fn label_member_whose_label_is_not_in_the_uri() {
    assert_eq!(
        error(|m| m["shapes"]["GetThingRequest"]["members"]["version"] =
            json!({"shape": "Name", "location": "uri", "locationName": "version"})),
        "test.json: at /operations/GetThing/input: input member `version` is bound to URI label `version`, \
         which the request URI `/things/{thingName}` does not have"
    );
}

#[test]
fn host_prefix_label_without_a_host_label_member() {
    assert_eq!(
        error(|m| m["operations"]["GetThing"]["endpoint"] = json!({"hostPrefix": "{thingName}."})),
        "test.json: at /operations/GetThing/endpoint/hostPrefix: host label `{thingName}` is not an input member marked `hostLabel`"
    );
}

#[test]
fn host_prefix_label_with_a_host_label_member_is_fine() {
    let mut model = base();
    model["operations"]["GetThing"]["endpoint"] = json!({"hostPrefix": "{thingName}."});
    model["shapes"]["GetThingRequest"]["members"]["thingName"]["hostLabel"] = json!(true);
    load_json(&text(&model)).expect("a bound host label is valid");
}

#[test]
fn malformed_host_prefix() {
    assert_eq!(
        error(|m| m["operations"]["GetThing"]["endpoint"] = json!({"hostPrefix": "{thingName+}."})),
        "test.json: at /operations/GetThing/endpoint/hostPrefix: template `{thingName+}.`: greedy label `{thingName+}` is not allowed here"
    );
}

// --------------------------------------------------------------- bindings

#[test]
fn two_members_bound_to_the_same_header_ignoring_case() {
    assert_eq!(
        error(|m| m["shapes"]["GetThingRequest"]["members"]["token2"] =
            json!({"shape": "Name", "location": "header", "locationName": "X-Amz-Token"})),
        "test.json: at /shapes/GetThingRequest/members/token2: members `token` and `token2` are both bound to the header `x-amz-token`"
    );
}

#[test]
fn two_members_bound_to_the_same_query_parameter() {
    assert_eq!(
        error(|m| m["shapes"]["GetThingRequest"]["members"]["limit"] =
            json!({"shape": "Count", "location": "querystring", "locationName": "maxResults"})),
        "test.json: at /shapes/GetThingRequest/members/limit: members `maxResults` and `limit` are both bound to the query parameter `maxResults`"
    );
}

#[test]
fn two_members_bound_to_the_same_json_key() {
    assert_eq!(
        error(|m| m["shapes"]["GetThingResponse"]["members"]["title"] =
            json!({"shape": "Name", "locationName": "name"})),
        "test.json: at /shapes/GetThingResponse/members/title: members `name` and `title` are both bound to the body member `name`"
    );
}

#[test]
fn two_members_bound_to_the_same_uri_label() {
    assert_eq!(
        error(|m| m["shapes"]["GetThingRequest"]["members"]["thingId"] =
            json!({"shape": "Name", "location": "uri", "locationName": "thingName"})),
        "test.json: at /shapes/GetThingRequest/members/thingId: members `thingName` and `thingId` are both bound to the URI label `thingName`"
    );
}

/// botocore names one payload member per structure, so two payload members
/// can only come from another front-end; validation catches them all the same.
#[test]
fn two_payload_members() {
    let mut loaded = load_json(&text(&base())).expect("the base model is valid");
    let id = ShapeId("GetThingResponse".to_owned());
    let Some(ShapeKind::Structure(s)) = loaded.model.shapes.get_mut(&id).map(|s| &mut s.kind)
    else {
        panic!("GetThingResponse is a structure");
    };
    s.members[0].binding = Binding::Payload;
    s.members[1].binding = Binding::Payload;
    let e = awsgen_codegen::ir::validate(&loaded.model, loaded.locator.as_ref()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "test.json: at /shapes/GetThingResponse: more than one member is bound to the payload"
    );
}

/// Before validation rejected it, the body member was silently left out
/// of requests and responses.
#[test]
fn payload_beside_a_body_member() {
    assert_eq!(
        error(|m| m["shapes"]["GetThingResponse"]["payload"] = json!("name")),
        "test.json: at /shapes/GetThingResponse/members/tags: member `tags` belongs in the response body, but member `name` is the payload; \
         a body holds one or the other"
    );
}

/// A URI label means nothing in a response: the member is in its body,
/// so it cannot sit beside a payload either.
#[test]
fn payload_beside_a_label_member_of_a_response() {
    assert_eq!(
        error(|m| {
            m["shapes"]["GetThingResponse"] = json!({
                "type": "structure",
                "payload": "name",
                "members": {
                    "name": {"shape": "Name"},
                    "id": {"shape": "Name", "location": "uri", "locationName": "id"}
                }
            });
        }),
        "test.json: at /shapes/GetThingResponse/members/id: member `id` belongs in the response body, but member `name` is the payload; \
         a body holds one or the other"
    );
}

#[test]
fn status_code_member_on_a_non_integer() {
    assert_eq!(
        error(|m| m["shapes"]["GetThingResponse"]["members"]["status"] =
            json!({"shape": "Name", "location": "statusCode"})),
        "test.json: at /shapes/GetThingResponse/members/status: member `status` is bound to the status code but targets a string; \
         the status code must be an integer (short, integer, long or intEnum)"
    );
}

#[test]
fn idempotency_token_on_a_non_string() {
    assert_eq!(
        error(|m| m["shapes"]["GetThingRequest"]["members"]["maxResults"]["idempotencyToken"] =
            json!(true)),
        "test.json: at /shapes/GetThingRequest/members/maxResults: an idempotency token must target a string, not an integer"
    );
}

#[test]
fn prefix_headers_on_a_non_map() {
    assert_eq!(
        error(|m| m["shapes"]["GetThingResponse"]["members"]["meta"] =
            json!({"shape": "Name", "location": "headers", "locationName": "x-meta-"})),
        "test.json: at /shapes/GetThingResponse/members/meta: member `meta` is bound to the headers prefixed `x-meta-` but targets a string; \
         prefix headers must be a map whose values are strings or enums"
    );
}

#[test]
fn prefix_headers_with_values_that_are_not_strings() {
    assert_eq!(
        error(|m| {
            m["shapes"]["Counts"] =
                json!({"type": "map", "key": {"shape": "Name"}, "value": {"shape": "Count"}});
            m["shapes"]["GetThingResponse"]["members"]["meta"] =
                json!({"shape": "Counts", "location": "headers", "locationName": "x-meta-"});
        }),
        "test.json: at /shapes/GetThingResponse/members/meta: member `meta` is bound to the headers prefixed `x-meta-` but targets a map of strings to integers; \
         prefix headers must be a map whose values are strings or enums"
    );
}

#[test]
fn two_prefix_header_members() {
    assert_eq!(
        error(|m| {
            let members = &mut m["shapes"]["GetThingResponse"]["members"];
            members["meta"] = json!({"shape": "Tags", "location": "headers", "locationName": "x-meta-"});
            members["more"] = json!({"shape": "Tags", "location": "headers", "locationName": "x-more-"});
        }),
        "test.json: at /shapes/GetThingResponse/members/more: members `meta` and `more` are both bound to prefix headers; only one member may be"
    );
}

#[test]
fn header_inside_the_prefix_of_prefix_headers() {
    assert_eq!(
        error(|m| {
            let members = &mut m["shapes"]["GetThingResponse"]["members"];
            members["meta"] = json!({"shape": "Tags", "location": "headers", "locationName": "X-Meta-"});
            members["color"] = json!({"shape": "Name", "location": "header", "locationName": "x-meta-color"});
        }),
        "test.json: at /shapes/GetThingResponse/members/color: the header `x-meta-color` of member `color` starts with `x-meta-`, \
         the prefix of member `meta`, so a response would read it into both"
    );
}

#[test]
fn two_query_parameter_maps() {
    assert_eq!(
        error(|m| {
            let members = &mut m["shapes"]["GetThingRequest"]["members"];
            members["filters"] = json!({"shape": "Tags", "location": "querystring"});
            members["more"] = json!({"shape": "Tags", "location": "querystring"});
        }),
        "test.json: at /shapes/GetThingRequest/members/more: members `filters` and `more` are both bound to the query parameters; only one member may be"
    );
}

/// Before validation rejected it, the label was silently left out: the
/// request went to `GET /things/`.
#[test]
fn label_on_a_list() {
    assert_eq!(
        error(|m| m["shapes"]["GetThingRequest"]["members"]["thingName"]["shape"] = json!("Items")),
        "test.json: at /shapes/GetThingRequest/members/thingName: member `thingName` is bound to the URI label `thingName` but targets a list of strings; \
         a label must be a boolean, number, string, enum, intEnum or timestamp"
    );
}

#[test]
fn label_on_a_blob() {
    assert_eq!(
        error(|m| {
            m["shapes"]["Bytes"] = json!({"type": "blob"});
            m["shapes"]["GetThingRequest"]["members"]["thingName"]["shape"] = json!("Bytes");
        }),
        "test.json: at /shapes/GetThingRequest/members/thingName: member `thingName` is bound to the URI label `thingName` but targets a blob; \
         a label must be a boolean, number, string, enum, intEnum or timestamp"
    );
}

#[test]
fn query_parameter_on_a_structure() {
    assert_eq!(
        error(|m| m["shapes"]["GetThingRequest"]["members"]["maxResults"]["shape"] =
            json!("NotFoundException")),
        "test.json: at /shapes/GetThingRequest/members/maxResults: member `maxResults` is bound to the query parameter `maxResults` but targets a structure; \
         a query parameter must be a boolean, number, string, enum, intEnum, timestamp or blob, or a list of them (not sparse)"
    );
}

#[test]
fn query_parameter_on_a_list_of_lists() {
    assert_eq!(
        error(|m| {
            m["shapes"]["Nested"] = json!({"type": "list", "member": {"shape": "Items"}});
            m["shapes"]["GetThingRequest"]["members"]["maxResults"]["shape"] = json!("Nested");
        }),
        "test.json: at /shapes/GetThingRequest/members/maxResults: member `maxResults` is bound to the query parameter `maxResults` but targets a list of lists; \
         a query parameter must be a boolean, number, string, enum, intEnum, timestamp or blob, or a list of them (not sparse)"
    );
}

#[test]
fn query_parameter_map_of_lists_of_numbers() {
    assert_eq!(
        error(|m| {
            m["shapes"]["Counts"] = json!({"type": "list", "member": {"shape": "Count"}});
            m["shapes"]["Filters"] =
                json!({"type": "map", "key": {"shape": "Name"}, "value": {"shape": "Counts"}});
            m["shapes"]["GetThingRequest"]["members"]["filters"] =
                json!({"shape": "Filters", "location": "querystring"});
        }),
        "test.json: at /shapes/GetThingRequest/members/filters: member `filters` is bound to query parameters but targets a map of strings to lists; \
         query parameters must be a map whose values are booleans, numbers, strings, enums, intEnums, timestamps or blobs, or lists of strings or enums (not sparse)"
    );
}

#[test]
fn header_on_a_map() {
    assert_eq!(
        error(|m| m["shapes"]["GetThingRequest"]["members"]["token"]["shape"] = json!("Tags")),
        "test.json: at /shapes/GetThingRequest/members/token: member `token` is bound to the header `x-amz-token` but targets a map of strings to strings; \
         a header must be a boolean, number, string, enum, intEnum, timestamp or blob, or a list of them (not sparse, and not of blobs)"
    );
}

#[test]
fn header_on_a_document() {
    assert_eq!(
        error(|m| {
            m["shapes"]["Doc"] = json!({"type": "structure", "members": {}, "document": true});
            m["shapes"]["GetThingRequest"]["members"]["token"]["shape"] = json!("Doc");
        }),
        "test.json: at /shapes/GetThingRequest/members/token: member `token` is bound to the header `x-amz-token` but targets a document; \
         a header must be a boolean, number, string, enum, intEnum, timestamp or blob, or a list of them (not sparse, and not of blobs)"
    );
}

#[test]
fn header_on_a_list_of_blobs() {
    assert_eq!(
        error(|m| {
            m["shapes"]["Bytes"] = json!({"type": "blob"});
            m["shapes"]["BytesList"] = json!({"type": "list", "member": {"shape": "Bytes"}});
            m["shapes"]["GetThingRequest"]["members"]["token"]["shape"] = json!("BytesList");
        }),
        "test.json: at /shapes/GetThingRequest/members/token: member `token` is bound to the header `x-amz-token` but targets a list of blobs; \
         a header must be a boolean, number, string, enum, intEnum, timestamp or blob, or a list of them (not sparse, and not of blobs)"
    );
}

#[test]
fn host_label_on_an_integer() {
    assert_eq!(
        error(|m| {
            m["operations"]["GetThing"]["endpoint"] = json!({"hostPrefix": "{maxResults}."});
            m["shapes"]["GetThingRequest"]["members"]["maxResults"]["hostLabel"] = json!(true);
        }),
        "test.json: at /shapes/GetThingRequest/members/maxResults: member `maxResults` is a host label but targets an integer; \
         a host label must be a string or an enum"
    );
}

// ----------------------------------------------------------------- cycles

#[test]
fn list_containing_itself() {
    assert_eq!(
        error(|m| m["shapes"]["Items"]["member"]["shape"] = json!("Items")),
        "test.json: at /shapes/Items: the list or map contains itself with no structure in between, so it has no finite type"
    );
}

#[test]
fn list_and_map_containing_each_other() {
    assert_eq!(
        error(|m| {
            m["shapes"]["Items"]["member"]["shape"] = json!("Tags");
            m["shapes"]["Tags"]["value"]["shape"] = json!("Items");
        }),
        "test.json: at /shapes/Items: the list or map contains itself with no structure in between, so it has no finite type"
    );
}

#[test]
fn list_containing_itself_through_a_structure_is_fine() {
    let mut model = base();
    model["shapes"]["Items"]["member"]["shape"] = json!("GetThingResponse");
    let loaded = load_json(&text(&model)).expect("recursion through a structure is valid");
    let id = ShapeId("GetThingResponse".to_owned());
    let ShapeKind::Structure(s) = &loaded.model.shapes[&id].kind else {
        panic!("a structure");
    };
    // The list gives the indirection already: nothing needs a box.
    assert!(s.members.iter().all(|m| !m.boxed));
}

// ------------------------------------------------------------- duplicates

#[test]
fn enum_value_listed_twice() {
    assert_eq!(
        error(|m| m["shapes"]["Name"]["enum"] = json!(["a", "b", "a"])),
        "test.json: at /shapes/Name/enum/2: enum value `a` is listed twice"
    );
}

/// Real models list an error twice (glue, quicksight, securityhub, …);
/// the botocore front-end keeps the first, as botocore does.
#[test]
fn operation_error_listed_twice_is_kept_once() {
    let mut model = base();
    model["operations"]["GetThing"]["errors"] =
        json!([{"shape": "NotFoundException"}, {"shape": "NotFoundException"}]);
    let loaded = load_json(&text(&model)).expect("a repeated error is accepted");
    let errors = &loaded.model.operations["GetThing"].errors;
    assert_eq!(errors, &[ShapeId("NotFoundException".to_owned())]);
}

/// Another front-end could still hand validation a repeated error.
#[test]
fn operation_error_listed_twice_in_the_graph() {
    let mut loaded = load_json(&text(&base())).expect("the base model is valid");
    let op = loaded
        .model
        .operations
        .get_mut("GetThing")
        .expect("GetThing");
    op.errors = vec![ShapeId("NotFoundException".to_owned()); 2];
    let e = awsgen_codegen::ir::validate(&loaded.model, loaded.locator.as_ref()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "test.json: at /operations/GetThing/errors/1: the error `NotFoundException` is listed twice"
    );
}

// ------------------------------------------------------------- pointers

#[test]
fn wrong_value_type_inside_members() {
    let mut model = base();
    model["shapes"]["GetThingRequest"]["members"]["thingName"]["hostLabel"] = json!("yes");
    let json = text(&model);
    let (line, column) = position_of_end(&json, "\"hostLabel\": \"yes\"");
    assert_eq!(
        error_of_text(&json),
        format!(
            "test.json: at /shapes/GetThingRequest/members/thingName/hostLabel (line {line}, column {column}): \
             invalid type: string \"yes\", expected a boolean"
        )
    );
}

#[test]
fn pointers_escape_slashes_and_tildes() {
    assert_eq!(
        error(|m| {
            m["shapes"]["Odd/Name~1"] =
                json!({"type": "structure", "members": {"a/b": {"shape": "Missing"}}});
        }),
        "test.json: at /shapes/Odd~1Name~01/members/a~1b: refers to shape `Missing`, which the model does not define"
    );
}
