//! The botocore front-end on the hand-written fixtures: every shape kind,
//! binding and member trait of `kitchen_sink.json` lands in the shape graph
//! as expected, and boxing in `recursion.json` follows the smithy-rs rule.

use std::collections::BTreeSet;
use std::path::Path;

use awsgen_codegen::ir::uri::TemplatePart;
use awsgen_codegen::ir::{
    Binding, Deprecation, ErrorTrait, Member, Model, Operation, Protocol, Retryable, Shape,
    ShapeId, ShapeKind, Structure, TimestampFormat,
};
use awsgen_codegen::model;

fn load(name: &str) -> Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(format!("{name}.json"));
    match model::load(&path) {
        Ok(loaded) => loaded.model,
        Err(e) => panic!("{name}: {e}"),
    }
}

fn id(name: &str) -> ShapeId {
    ShapeId(name.to_owned())
}

fn shape<'a>(model: &'a Model, name: &str) -> &'a Shape {
    model
        .shape(&id(name))
        .unwrap_or_else(|| panic!("no shape `{name}`"))
}

fn kind<'a>(model: &'a Model, name: &str) -> &'a ShapeKind {
    &shape(model, name).kind
}

fn structure<'a>(model: &'a Model, name: &str) -> &'a Structure {
    match kind(model, name) {
        ShapeKind::Structure(s) | ShapeKind::Union(s) => s,
        other => panic!("`{name}` is a {}, not a structure", other.describe()),
    }
}

fn member<'a>(model: &'a Model, shape_name: &str, member_name: &str) -> &'a Member {
    structure(model, shape_name)
        .members
        .iter()
        .find(|m| m.name == member_name)
        .unwrap_or_else(|| panic!("`{shape_name}` has no member `{member_name}`"))
}

fn operation<'a>(model: &'a Model, name: &str) -> &'a Operation {
    model
        .operations
        .get(name)
        .unwrap_or_else(|| panic!("no operation `{name}`"))
}

fn literal(text: &str) -> TemplatePart {
    TemplatePart::Literal(text.to_owned())
}

fn label(name: &str, greedy: bool) -> TemplatePart {
    TemplatePart::Label {
        name: name.to_owned(),
        greedy,
    }
}

// ---------------------------------------------------------------- service

#[test]
fn service_metadata() {
    let model = load("kitchen_sink");
    let s = &model.service;
    assert_eq!(s.service_id, "Kitchen Sink");
    // Not in a `<service>/<yyyy-mm-dd>/` folder: named after the endpoint prefix.
    assert_eq!(s.model_name, "kitchensink");
    assert_eq!(s.full_name, "Kitchen Sink Service");
    assert_eq!(s.api_version, "2024-01-01");
    assert_eq!(s.protocol, Protocol::RestJson1);
    assert_eq!(s.signing_name.as_deref(), Some("kitchensink"));
    assert_eq!(s.endpoint_prefix.as_deref(), Some("kitchensink"));
    assert_eq!(s.target_prefix, None);
    assert!(s
        .documentation
        .as_deref()
        .is_some_and(|d| d.contains("<b>Kitchen Sink</b>")));
    assert!(model.source.ends_with("kitchen_sink.json"));
}

#[test]
fn every_fixture_has_a_distinct_model_name() {
    let names: BTreeSet<String> = [
        "kitchen_sink",
        "recursion",
        "obstacle_course",
        "request_edges",
    ]
    .into_iter()
    .map(|f| load(f).service.model_name)
    .collect();
    let expected: BTreeSet<String> = ["kitchensink", "recursion", "obstaclecourse", "requestedges"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(names, expected);
}

// ---------------------------------------------------------------- shape kinds

#[test]
fn shape_kinds() {
    let model = load("kitchen_sink");
    let expected = [
        ("AllTypes", "structure"),
        ("Value", "union"),
        ("StringList", "list"),
        ("SparseStringList", "list"),
        ("StringMap", "map"),
        ("SparseStringMap", "map"),
        ("String", "string"),
        ("ThingStatus", "enum"),
        ("Boolean", "boolean"),
        ("ByteValue", "byte"),
        ("ShortValue", "short"),
        ("Integer", "integer"),
        ("Long", "long"),
        ("Float", "float"),
        ("Double", "double"),
        ("BigIntegerValue", "bigInteger"),
        ("BigDecimalValue", "bigDecimal"),
        ("Timestamp", "timestamp"),
        ("Blob", "blob"),
        ("StreamingBody", "blob"),
        ("Document", "document"),
        ("EventStream", "unsupported"),
    ];
    for (name, kind_name) in expected {
        assert_eq!(kind(&model, name).describe(), kind_name, "{name}");
    }
}

#[test]
fn lists_and_maps() {
    let model = load("kitchen_sink");
    match kind(&model, "StringList") {
        ShapeKind::List(l) => {
            assert_eq!(l.member, id("String"));
            assert!(!l.sparse);
        }
        other => panic!("{other:?}"),
    }
    match kind(&model, "SparseStringList") {
        ShapeKind::List(l) => assert!(l.sparse),
        other => panic!("{other:?}"),
    }
    match kind(&model, "StringMap") {
        ShapeKind::Map(m) => {
            assert_eq!((&m.key, &m.value), (&id("String"), &id("String")));
            assert!(!m.sparse);
        }
        other => panic!("{other:?}"),
    }
    match kind(&model, "SparseStringMap") {
        ShapeKind::Map(m) => assert!(m.sparse),
        other => panic!("{other:?}"),
    }
    match kind(&model, "StatusCountMap") {
        ShapeKind::Map(m) => {
            assert_eq!((&m.key, &m.value), (&id("ThingStatus"), &id("Integer")))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn enum_values_keep_model_order() {
    let model = load("kitchen_sink");
    let ShapeKind::Enum(values) = kind(&model, "ThingStatus") else {
        panic!("ThingStatus is not an enum");
    };
    let wire: Vec<(&str, &str)> = values
        .iter()
        .map(|v| (v.name.as_str(), v.value.as_str()))
        .collect();
    assert_eq!(
        wire,
        [
            ("ACTIVE", "ACTIVE"),
            ("INACTIVE", "INACTIVE"),
            ("PENDING_DELETION", "PENDING_DELETION")
        ]
    );

    let model = load("obstacle_course");
    let ShapeKind::Enum(values) = kind(&model, "Acl") else {
        panic!("Acl is not an enum");
    };
    let wire: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(
        wire,
        [
            "private",
            "public-read",
            "AWS-IoT",
            "aws-iot",
            "AWS_IOT",
            "1",
            "v1",
            "Unknown",
            "",
            "Self",
            "self",
            "type",
            "DOCUMENT",
            "Blob",
            "HashMap",
            "DateTime",
            "Redacted",
        ]
    );
}

#[test]
fn blobs_and_streaming() {
    let model = load("kitchen_sink");
    assert_eq!(kind(&model, "Blob"), &ShapeKind::Blob { streaming: false });
    assert_eq!(
        kind(&model, "StreamingBody"),
        &ShapeKind::Blob { streaming: true }
    );
}

#[test]
fn event_stream_is_unsupported_and_reported() {
    let model = load("kitchen_sink");
    assert_eq!(
        kind(&model, "EventStream"),
        &ShapeKind::Unsupported {
            feature: "event streams".to_owned()
        }
    );
    let reported: Vec<String> = model.unsupported.iter().map(|u| u.to_string()).collect();
    assert_eq!(reported, ["not supported: event streams (`EventStream`)"]);
    // The events themselves are ordinary structures that nothing reaches.
    let reachable = model.reachable_shapes();
    assert!(reachable.contains(&id("EventStream")));
    assert!(!reachable.contains(&id("UpdateEvent")));
    assert!(!reachable.contains(&id("EndEvent")));
}

#[test]
fn union_members() {
    let model = load("kitchen_sink");
    let names: Vec<&str> = structure(&model, "Value")
        .members
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "StringValue",
            "IntegerValue",
            "ListValue",
            "NestedValue",
            "SecretValue"
        ]
    );
}

// ---------------------------------------------------------------- timestamps

#[test]
fn timestamp_formats_on_shapes() {
    let model = load("kitchen_sink");
    let expected = [
        ("Timestamp", None),
        ("IsoTimestamp", Some(TimestampFormat::DateTime)),
        ("EpochTimestamp", Some(TimestampFormat::EpochSeconds)),
        ("HttpDateTimestamp", Some(TimestampFormat::HttpDate)),
    ];
    for (name, format) in expected {
        assert_eq!(
            kind(&model, name),
            &ShapeKind::Timestamp { format },
            "{name}"
        );
    }
}

#[test]
fn timestamp_formats_on_members() {
    let model = load("kitchen_sink");
    let expected = [
        ("AllTypes", "Timestamp", None),
        // A member without its own format leaves the shape's in charge.
        ("AllTypes", "IsoTimestamp", None),
        ("AllTypes", "IsoOverride", Some(TimestampFormat::DateTime)),
        // Overrides the target's iso8601.
        (
            "AllTypes",
            "EpochOverride",
            Some(TimestampFormat::EpochSeconds),
        ),
        (
            "AllTypes",
            "HttpDateOverride",
            Some(TimestampFormat::HttpDate),
        ),
        (
            "GetObjectRequest",
            "IfModifiedSince",
            Some(TimestampFormat::HttpDate),
        ),
        (
            "CreateThingResponse",
            "CreatedAt",
            Some(TimestampFormat::DateTime),
        ),
    ];
    for (shape_name, member_name, format) in expected {
        assert_eq!(
            member(&model, shape_name, member_name).timestamp_format,
            format,
            "{shape_name}.{member_name}"
        );
    }
}

// ---------------------------------------------------------------- bindings

#[test]
fn http_bindings() {
    let model = load("kitchen_sink");
    let expected = [
        (
            "GetObjectRequest",
            "Bucket",
            Binding::Label("Bucket".into()),
        ),
        ("GetObjectRequest", "Key", Binding::Label("Key".into())),
        (
            "GetObjectRequest",
            "VersionId",
            Binding::Query("versionId".into()),
        ),
        (
            "GetObjectRequest",
            "IfModifiedSince",
            Binding::Header("If-Modified-Since".into()),
        ),
        ("GetObjectOutput", "Body", Binding::Payload),
        (
            "GetObjectOutput",
            "ContentLength",
            Binding::Header("Content-Length".into()),
        ),
        (
            "GetObjectOutput",
            "Metadata",
            Binding::PrefixHeaders("x-amz-meta-".into()),
        ),
        (
            "DeleteThingRequest",
            "ThingName",
            Binding::Label("thingName".into()),
        ),
        (
            "ListThingsRequest",
            "MaxResults",
            Binding::Query("maxResults".into()),
        ),
        (
            "ListThingsRequest",
            "Status",
            Binding::Query("status".into()),
        ),
        ("ListThingsRequest", "Since", Binding::Query("since".into())),
        ("ListThingsRequest", "Filters", Binding::QueryParams),
        ("CreateThingRequest", "ThingName", Binding::Body),
        (
            "CreateThingRequest",
            "Metadata",
            Binding::Header("x-amz-metadata".into()),
        ),
        ("CreateThingResponse", "StatusCode", Binding::StatusCode),
        ("CreateThingResponse", "ThingArn", Binding::Body),
        ("PutAttachmentRequest", "Data", Binding::Payload),
        (
            "PutAttachmentRequest",
            "ContentType",
            Binding::Header("Content-Type".into()),
        ),
        ("PutConfigurationRequest", "Configuration", Binding::Payload),
        (
            "PutConfigurationResponse",
            "Configuration",
            Binding::Payload,
        ),
        ("PutObjectRequest", "Body", Binding::Payload),
        (
            "SendDataRequest",
            "AccountId",
            Binding::Header("x-amz-account-id".into()),
        ),
        ("SendDataRequest", "Payload", Binding::Body),
        ("SubscribeToEventsResponse", "Events", Binding::Payload),
    ];
    for (shape_name, member_name, binding) in expected {
        assert_eq!(
            member(&model, shape_name, member_name).binding,
            binding,
            "{shape_name}.{member_name}"
        );
    }
}

#[test]
fn json_names() {
    let model = load("kitchen_sink");
    let arn = member(&model, "CreateThingResponse", "ThingArn");
    assert_eq!(arn.json_name.as_deref(), Some("thingArn"));
    assert_eq!(arn.wire_json_name(), "thingArn");
    let name = member(&model, "CreateThingResponse", "ThingName");
    assert_eq!(name.json_name, None);
    assert_eq!(name.wire_json_name(), "ThingName");
}

#[test]
fn payload_targets() {
    let model = load("kitchen_sink");
    // A structure payload, a buffered blob payload and a streaming blob payload.
    let cases = [
        ("PutConfigurationRequest", "Configuration", "structure"),
        ("PutAttachmentRequest", "Data", "blob"),
        ("PutObjectRequest", "Body", "blob"),
    ];
    for (shape_name, member_name, target_kind) in cases {
        let m = member(&model, shape_name, member_name);
        assert_eq!(m.binding, Binding::Payload);
        assert_eq!(
            model.shape(&m.target).map(|t| t.kind.describe()),
            Some(target_kind)
        );
    }
}

// ---------------------------------------------------------------- member traits

/// Which members of the kitchen sink carry a flag: exactly these, no others.
fn members_where(model: &Model, flag: impl Fn(&Member) -> bool) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (shape_id, shape) in &model.shapes {
        if let ShapeKind::Structure(s) | ShapeKind::Union(s) = &shape.kind {
            for m in s.members.iter().filter(|m| flag(m)) {
                found.insert(format!("{shape_id}.{}", m.name));
            }
        }
    }
    found
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn required_members() {
    let model = load("kitchen_sink");
    assert_eq!(
        members_where(&model, |m| m.required),
        set(&[
            "AllTypes.RequiredInteger",
            "AllTypes.RequiredString",
            "CreateThingRequest.ThingName",
            "Credentials.AccessKeyId",
            "Credentials.SecretAccessKey",
            "DeleteThingRequest.ThingName",
            "GetObjectRequest.Bucket",
            "GetObjectRequest.Key",
            "PutAttachmentRequest.AttachmentId",
            "PutAttachmentRequest.Data",
            "PutConfigurationRequest.Configuration",
            "PutObjectRequest.Bucket",
            "PutObjectRequest.Key",
            "RequiredTypes.BigDecimal",
            "RequiredTypes.BigInteger",
            "RequiredTypes.Blob",
            "RequiredTypes.Boolean",
            "RequiredTypes.Byte",
            "RequiredTypes.Document",
            "RequiredTypes.Double",
            "RequiredTypes.Float",
            "RequiredTypes.List",
            "RequiredTypes.Long",
            "RequiredTypes.Map",
            "RequiredTypes.Nested",
            "RequiredTypes.Secret",
            "RequiredTypes.Short",
            "RequiredTypes.SparseList",
            "RequiredTypes.SparseMap",
            "RequiredTypes.Status",
            "RequiredTypes.Timestamp",
            "RequiredTypes.Union",
            "SendDataRequest.AccountId",
            "ThrottlingException.message",
        ])
    );
}

#[test]
fn idempotency_token_host_label_json_value_and_box() {
    let model = load("kitchen_sink");
    assert_eq!(
        members_where(&model, |m| m.idempotency_token),
        set(&["CreateThingRequest.ClientToken"])
    );
    assert_eq!(
        members_where(&model, |m| m.host_label),
        set(&["SendDataRequest.AccountId"])
    );
    assert_eq!(
        members_where(&model, |m| m.json_value),
        set(&["CreateThingRequest.Metadata"])
    );
    assert_eq!(
        members_where(&model, |m| m.nullable),
        set(&["AllTypes.BoxedInteger", "CreateThingRequest.DryRun"])
    );
    // Nothing in the kitchen sink is recursive.
    assert!(members_where(&model, |m| m.boxed).is_empty());
}

#[test]
fn idempotency_tokens_count_only_on_top_level_input_members() {
    let model = load("request_edges");
    // The model also marks `CreateWidgetResponse.ClientToken` (an output)
    // and `WidgetSpec.Token` (nested); Smithy considers neither.
    assert_eq!(
        members_where(&model, |m| m.idempotency_token),
        set(&[
            "CreateWidgetRequest.ClientToken",
            "DeleteWidgetRequest.RequestToken",
            "UpdateWidgetRequest.ClientToken",
        ])
    );
    assert!(!member(&model, "CreateWidgetRequest", "ClientToken").is_plain_field());
    assert!(member(&model, "CreateWidgetResponse", "ClientToken").is_plain_field());
    assert!(member(&model, "WidgetSpec", "Token").is_plain_field());
}

#[test]
fn sensitive_shapes() {
    let model = load("kitchen_sink");
    let sensitive: BTreeSet<String> = model
        .shapes
        .values()
        .filter(|s| s.sensitive)
        .map(|s| s.id.to_string())
        .collect();
    assert_eq!(sensitive, set(&["Credentials", "SecretString"]));
    // The list is not sensitive itself; its elements are.
    let ShapeKind::List(list) = kind(&model, "SecretList") else {
        panic!("SecretList is not a list");
    };
    assert!(!shape(&model, "SecretList").sensitive);
    assert!(shape(&model, list.member.name()).sensitive);
}

#[test]
fn deprecation_on_members_shapes_and_operations() {
    let model = load("kitchen_sink");
    assert_eq!(
        member(&model, "CreateThingRequest", "OldField").deprecated,
        Some(Deprecation {
            message: Some("Use ThingName instead.".into()),
            since: None
        })
    );
    assert_eq!(
        member(&model, "CreateThingRequest", "AncientField").deprecated,
        Some(Deprecation::default())
    );
    assert_eq!(
        members_where(&model, |m| m.deprecated.is_some()),
        set(&[
            "CreateThingRequest.AncientField",
            "CreateThingRequest.OldField"
        ])
    );
    assert_eq!(
        shape(&model, "LegacySettings").deprecated,
        Some(Deprecation {
            message: Some("Settings moved to Configuration.".into()),
            since: None
        })
    );
    assert_eq!(
        operation(&model, "OldOperation").deprecated,
        Some(Deprecation {
            message: Some("Use CreateThing instead.".into()),
            since: None
        })
    );
    let deprecated_ops: Vec<&str> = model
        .operations
        .values()
        .filter(|op| op.deprecated.is_some())
        .map(|op| op.name.as_str())
        .collect();
    assert_eq!(deprecated_ops, ["OldOperation"]);
}

#[test]
fn documentation_is_kept_as_html() {
    let model = load("kitchen_sink");
    let doc = operation(&model, "CreateThing")
        .documentation
        .as_deref()
        .unwrap_or_default();
    for fragment in [
        "<p>",
        "<code>",
        "<a href=",
        "<a>DeleteThing</a>",
        "<ul>",
        "<li>",
        "<note>",
    ] {
        assert!(doc.contains(fragment), "{fragment} missing from {doc}");
    }
    assert_eq!(
        member(&model, "AllTypes", "Nested")
            .documentation
            .as_deref(),
        Some("<p>A structure.</p>")
    );
}

#[test]
fn constraints() {
    let model = load("kitchen_sink");
    let thing_name = &shape(&model, "ThingName").constraints;
    let length = thing_name.length.as_ref().expect("ThingName length");
    assert_eq!(length.min, Some(1.into()));
    assert_eq!(length.max, Some(128.into()));
    assert_eq!(thing_name.range, None);
    assert_eq!(thing_name.pattern.as_deref(), Some("[a-zA-Z0-9:_-]+"));

    // Numbers get a range, not a length.
    let page_size = &shape(&model, "PageSize").constraints;
    let range = page_size.range.as_ref().expect("PageSize range");
    assert_eq!(
        (range.min.clone(), range.max.clone()),
        (Some(1.into()), Some(250.into()))
    );
    assert_eq!(page_size.length, None);

    let list = &shape(&model, "StringList").constraints;
    let length = list.length.as_ref().expect("StringList length");
    assert_eq!(
        (length.min.clone(), length.max.clone()),
        (Some(1.into()), Some(10.into()))
    );

    let object_key = &shape(&model, "ObjectKey").constraints;
    let length = object_key.length.as_ref().expect("ObjectKey length");
    assert_eq!(
        (length.min.clone(), length.max.clone()),
        (Some(1.into()), None)
    );

    assert_eq!(shape(&model, "String").constraints, Default::default());
}

// ---------------------------------------------------------------- errors

#[test]
fn error_traits() {
    let model = load("kitchen_sink");
    let expected = [
        (
            "ValidationException",
            ErrorTrait {
                server_fault: false,
                http_status: Some(400),
                // Equal to the shape name, so not kept.
                code: None,
                retryable: None,
            },
        ),
        (
            "ResourceNotFoundException",
            ErrorTrait {
                server_fault: false,
                http_status: Some(404),
                code: Some("ResourceNotFound".into()),
                retryable: None,
            },
        ),
        (
            "NoSuchKey",
            ErrorTrait {
                server_fault: false,
                http_status: Some(404),
                code: None,
                retryable: None,
            },
        ),
        (
            "InternalFailureException",
            ErrorTrait {
                server_fault: true,
                http_status: Some(500),
                code: None,
                retryable: None,
            },
        ),
        (
            "ThrottlingException",
            ErrorTrait {
                server_fault: false,
                http_status: Some(429),
                code: None,
                retryable: Some(Retryable { throttling: true }),
            },
        ),
    ];
    for (name, error) in &expected {
        assert_eq!(shape(&model, name).error.as_ref(), Some(error), "{name}");
    }
    let errors: BTreeSet<String> = model
        .shapes
        .values()
        .filter(|s| s.error.is_some())
        .map(|s| s.id.to_string())
        .collect();
    assert_eq!(
        errors,
        expected
            .iter()
            .map(|(n, _)| n.to_string())
            .collect::<BTreeSet<_>>()
    );
}

#[test]
fn operation_errors_keep_model_order() {
    let model = load("kitchen_sink");
    assert_eq!(
        operation(&model, "CreateThing").errors,
        [
            id("ValidationException"),
            id("ThrottlingException"),
            id("InternalFailureException")
        ]
    );
    assert!(operation(&model, "PutObject").errors.is_empty());
}

// ---------------------------------------------------------------- operations

#[test]
fn uri_templates() {
    let model = load("kitchen_sink");
    let get = &operation(&model, "GetObject").http;
    assert_eq!(get.method, "GET");
    assert_eq!(
        get.uri.path,
        [
            literal("/buckets/"),
            label("Bucket", false),
            literal("/objects/"),
            label("Key", true),
        ]
    );
    assert_eq!(get.uri.query, [("x-id".to_owned(), Some("Get".to_owned()))]);
    assert!(get.uri.is_greedy("Key"));
    assert!(!get.uri.is_greedy("Bucket"));
    assert_eq!(get.uri.labels().collect::<Vec<_>>(), ["Bucket", "Key"]);
    assert_eq!(
        get.uri.to_string(),
        "/buckets/{Bucket}/objects/{Key+}?x-id=Get"
    );

    let delete = &operation(&model, "DeleteThing").http;
    assert_eq!(delete.method, "DELETE");
    assert_eq!(
        delete.uri.path,
        [literal("/things/"), label("thingName", false)]
    );
    assert!(delete.uri.query.is_empty());

    let create = &operation(&model, "CreateThing").http;
    assert_eq!(create.uri.path, [literal("/things")]);
}

#[test]
fn response_codes() {
    let model = load("kitchen_sink");
    let codes: Vec<(&str, u16)> = model
        .operations
        .values()
        .map(|op| (op.name.as_str(), op.http.response_code))
        .collect();
    assert_eq!(
        codes,
        [
            ("CreateThing", 201),
            ("DeleteThing", 204),
            ("GetObject", 200),
            ("ListEverything", 200),
            ("ListThings", 200),
            ("OldOperation", 200),
            ("PutAttachment", 204),
            ("PutConfiguration", 200),
            ("PutObject", 200),
            ("SendData", 200),
            ("SubscribeToEvents", 200),
        ]
    );
}

#[test]
fn host_prefix() {
    let model = load("kitchen_sink");
    let prefix = operation(&model, "SendData")
        .host_prefix
        .as_ref()
        .expect("SendData has a host prefix");
    assert_eq!(prefix.parts, [label("AccountId", false), literal(".data-")]);
    assert_eq!(prefix.labels().collect::<Vec<_>>(), ["AccountId"]);
    assert_eq!(prefix.to_string(), "{AccountId}.data-");
    let with_prefix: Vec<&str> = model
        .operations
        .values()
        .filter(|op| op.host_prefix.is_some())
        .map(|op| op.name.as_str())
        .collect();
    assert_eq!(with_prefix, ["SendData"]);
}

#[test]
fn operation_flags_inputs_and_outputs() {
    let model = load("kitchen_sink");
    let checksum: Vec<&str> = model
        .operations
        .values()
        .filter(|op| op.checksum_required)
        .map(|op| op.name.as_str())
        .collect();
    assert_eq!(checksum, ["PutObject"]);
    let idempotent: Vec<&str> = model
        .operations
        .values()
        .filter(|op| op.idempotent)
        .map(|op| op.name.as_str())
        .collect();
    assert_eq!(idempotent, ["CreateThing"]);

    let list_everything = operation(&model, "ListEverything");
    assert_eq!(list_everything.input, None);
    assert_eq!(list_everything.output, Some(id("ListEverythingResponse")));
    let delete = operation(&model, "DeleteThing");
    assert_eq!(delete.input, Some(id("DeleteThingRequest")));
    assert_eq!(delete.output, None);
    let old = operation(&model, "OldOperation");
    assert_eq!((&old.input, &old.output), (&None, &None));
}

#[test]
fn reachable_shapes_leave_out_unused_ones() {
    let model = load("kitchen_sink");
    let reachable = model.reachable_shapes();
    for name in [
        "AllTypes",
        "Value",
        "Credentials",
        "SecretList",
        "Document",
        "Configuration",
    ] {
        assert!(reachable.contains(&id(name)), "{name}");
    }
}

// ---------------------------------------------------------------- boxing

/// smithy-rs rule: only cycles made only of direct structure/union members
/// need a box (lists and maps already give indirection); in each cycle, the
/// member leaving the shape with the smallest id is boxed, repeated until
/// no unboxed cycle remains.
#[test]
fn boxing_in_recursion_fixture() {
    let model = load("recursion");
    assert_eq!(
        members_where(&model, |m| m.boxed),
        set(&[
            // Expression -> NotExpression -> Expression: `Expression` < `NotExpression`.
            "Expression.Not",
            // A union that contains itself.
            "Expression.Group",
            // A structure that contains itself.
            "LinkedNode.Next",
            // MutualA -> MutualB -> MutualA.
            "MutualA.B",
            // LoopOne -> LoopTwo -> LoopOne, then LoopTwo -> LoopTwo.
            "LoopOne.Next",
            "LoopTwo.Again",
            // A structure that contains itself.
            "WideNode.Next",
            // WideNode -> WideNodeChoice -> WideNode: `WideNode` < `WideNodeChoice`,
            // so the union holds the structure unboxed.
            "WideNode.Choice",
        ])
    );
}

#[test]
fn recursion_through_lists_and_maps_is_not_boxed() {
    let model = load("recursion");
    for (shape_name, member_name) in [
        ("TreeNode", "Children"),
        ("GraphNode", "Edges"),
        ("Expression", "And"),
        ("Expression", "Named"),
        ("NotExpression", "Operand"),
        ("MutualB", "A"),
        ("LoopTwo", "Back"),
        ("LoopTwo", "Leaf"),
        ("WideNode", "Children"),
        ("WideNodeChoice", "Node"),
    ] {
        assert!(
            !member(&model, shape_name, member_name).boxed,
            "{shape_name}.{member_name}"
        );
    }
    assert_eq!(kind(&model, "Expression").describe(), "union");
}

#[test]
fn boxing_in_obstacle_course() {
    let model = load("obstacle_course");
    assert_eq!(
        members_where(&model, |m| m.boxed),
        set(&[
            // Choice -> Option -> Choice: `Choice` < `Option`.
            "Choice.Option",
            // `Self` contains itself.
            "Self.Self",
        ])
    );
}
