//! Pagination in the shape graph: botocore's `paginators-1.json` (read
//! beside `service-2.json`) and Smithy's `smithy.api#paginated` give the
//! same `Operation::paginated`, every paginator of the shipped models
//! arrives, and names that reach no fitting member are model errors with
//! the file and JSON Pointer where they are written.

use std::path::{Path, PathBuf};

use awsgen_codegen::ir::{Model, Paginated};
use awsgen_codegen::model;
use serde_json::{json, Value};

fn models() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../models")
}

/// Every paginator of the file is on its operation, as written; no other
/// operation is paginated. Returns how many there are.
fn check_shipped(service: &str) -> usize {
    let dir = models().join(service);
    let version = std::fs::read_dir(&dir)
        .expect("the service's folder")
        .map(|e| e.expect("a folder entry").path())
        .find(|p| p.join("service-2.json").exists())
        .expect("a version folder with service-2.json");
    let loaded = model::load(&version.join("service-2.json")).unwrap_or_else(|e| panic!("{e}"));
    let text = std::fs::read_to_string(version.join("paginators-1.json")).expect("paginators");
    let file: Value = serde_json::from_str(&text).expect("JSON");
    let pagination = file["pagination"].as_object().expect("`pagination`");
    for (name, def) in pagination {
        let op = &loaded.model.operations[name];
        let p = op
            .paginated
            .as_ref()
            .unwrap_or_else(|| panic!("{name} has no paginator"));
        let text = |key: &str| def.get(key).and_then(Value::as_str).map(str::to_owned);
        assert_eq!(p.input_token, text("input_token"), "{name}");
        assert_eq!(p.output_token, text("output_token"), "{name}");
        assert_eq!(p.page_size, text("limit_key"), "{name}");
        assert_eq!(p.items, text("result_key"), "{name}");
        let fixed: Vec<String> = def
            .get("non_aggregate_keys")
            .and_then(Value::as_array)
            .map(|keys| {
                keys.iter()
                    .filter_map(|k| k.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(p.non_aggregate, fixed, "{name}");
    }
    let paginated = loaded
        .model
        .operations
        .values()
        .filter(|op| op.paginated.is_some())
        .count();
    assert_eq!(paginated, pagination.len(), "{service}");
    assert!(
        loaded.model.unsupported.is_empty(),
        "{:?}",
        loaded.model.unsupported
    );
    paginated
}

#[test]
fn every_iot_paginator_reaches_its_operation() {
    // 64 in botocore 1.44.5's paginators-1.json.
    assert_eq!(check_shipped("iot"), 64);
    let iot = model::load(&models().join("iot/2015-05-28/service-2.json")).unwrap();
    assert_eq!(
        iot.model.operations["ListThings"].paginated,
        Some(Paginated {
            input_token: Some("nextToken".into()),
            output_token: Some("nextToken".into()),
            page_size: Some("maxResults".into()),
            items: Some("things".into()),
            ..Paginated::default()
        })
    );
    let reports = &iot.model.operations["ListThingRegistrationTaskReports"].paginated;
    assert_eq!(
        reports.as_ref().map(|p| &p.non_aggregate[..]),
        Some(&["reportType".to_owned()][..])
    );
}

#[test]
fn iot_jobs_data_has_no_paginator() {
    // Its paginators-1.json is `{"pagination": {}}`.
    assert_eq!(check_shipped("iot-jobs-data"), 0);
}

// ------------------------------------------------------------ scratch models

/// A folder of its own per test, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("awsgen-paginators-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn write(&self, file: &str, value: &Value) -> PathBuf {
        let path = self.0.join(file);
        std::fs::write(&path, serde_json::to_string_pretty(value).unwrap()).unwrap();
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn botocore() -> Value {
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
            "ListThings": {
                "http": {"method": "GET", "requestUri": "/things"},
                "input": {"shape": "ListThingsRequest"},
                "output": {"shape": "ListThingsResponse"}
            }
        },
        "shapes": {
            "ListThingsRequest": {
                "type": "structure",
                "members": {
                    "nextToken": {"shape": "Token", "location": "querystring", "locationName": "nextToken"},
                    "maxResults": {"shape": "Count", "location": "querystring", "locationName": "maxResults"},
                    "verbose": {"shape": "Flag", "location": "querystring", "locationName": "verbose"}
                }
            },
            "ListThingsResponse": {
                "type": "structure",
                "members": {
                    "result": {"shape": "Page"},
                    "things": {"shape": "Names"},
                    "truncated": {"shape": "Flag"}
                }
            },
            "Page": {
                "type": "structure",
                "members": {"nextToken": {"shape": "Token"}, "names": {"shape": "Names"}}
            },
            "Names": {"type": "list", "member": {"shape": "Token"}},
            "Token": {"type": "string"},
            "Count": {"type": "integer"},
            "Flag": {"type": "boolean"}
        }
    })
}

fn paginator() -> Value {
    json!({"pagination": {"ListThings": {
        "input_token": "nextToken",
        "output_token": "result.nextToken",
        "limit_key": "maxResults",
        "result_key": ["result.names", "things"],
        "more_results": "truncated",
        "non_aggregate_keys": ["result"]
    }}})
}

fn load(name: &str, model: &Value, paginators: Option<&Value>) -> Result<Model, String> {
    let scratch = Scratch::new(name);
    let path = scratch.write("service-2.json", model);
    if let Some(p) = paginators {
        scratch.write("paginators-1.json", p);
    }
    model::load(&path).map(|l| l.model).map_err(|e| {
        // The folder differs per run; the file name is what matters.
        e.to_string()
            .replace(&scratch.0.display().to_string(), "DIR")
    })
}

fn error(name: &str, patch: impl FnOnce(&mut Value)) -> String {
    let mut p = paginator();
    patch(&mut p["pagination"]["ListThings"]);
    match load(name, &botocore(), Some(&p)) {
        Ok(_) => panic!("should be rejected: {p}"),
        Err(e) => e,
    }
}

#[test]
fn botocore_paths_lists_and_flags_lower() {
    let model = load("valid", &botocore(), Some(&paginator())).unwrap();
    assert_eq!(
        model.operations["ListThings"].paginated,
        Some(Paginated {
            input_token: Some("nextToken".into()),
            output_token: Some("result.nextToken".into()),
            page_size: Some("maxResults".into()),
            items: Some("result.names".into()),
            more_tokens: vec![],
            more_items: vec!["things".into()],
            more_results: Some("truncated".into()),
            non_aggregate: vec!["result".into()],
        })
    );
    let without = load("without", &botocore(), None).unwrap();
    assert_eq!(without.operations["ListThings"].paginated, None);
}

#[test]
fn unknown_members_are_errors_in_the_paginators_file() {
    assert_eq!(
        error("no-input-member", |p| p["input_token"] = json!("marker")),
        "DIR/paginators-1.json: at /pagination/ListThings/input_token: \
         `marker`: the input `ListThingsRequest` has no member `marker`"
    );
    assert_eq!(
        error("no-output-member", |p| p["output_token"] =
            json!("result.next")),
        "DIR/paginators-1.json: at /pagination/ListThings/output_token: \
         `result.next`: `result` (Page) has no member `next`"
    );
    assert_eq!(
        error("through-a-list", |p| p["result_key"] =
            json!(["result.names", "things.x"])),
        "DIR/paginators-1.json: at /pagination/ListThings/result_key/1: \
         `things.x`: `things` (Names) is a list; only structure members can be followed"
    );
    assert_eq!(
        error("fixed", |p| p["non_aggregate_keys"] =
            json!(["result", "missing"])),
        "DIR/paginators-1.json: at /pagination/ListThings/non_aggregate_keys/1: \
         `missing`: the output `ListThingsResponse` has no member `missing`"
    );
}

#[test]
fn wrong_types_are_errors() {
    assert_eq!(
        error("token-type", |p| p["input_token"] = json!("verbose")),
        "DIR/paginators-1.json: at /pagination/ListThings/input_token: \
         `verbose` is a boolean (`Flag`); a token must be a string, an enum, an integer or a map"
    );
    assert_eq!(
        error("token-pair", |p| p["input_token"] = json!("maxResults")),
        "DIR/paginators-1.json: at /pagination/ListThings/output_token: \
         `result.nextToken` is a string but fills the input token `maxResults`, an integer"
    );
    assert_eq!(
        error("page-size-type", |p| p["limit_key"] = json!("verbose")),
        "DIR/paginators-1.json: at /pagination/ListThings/limit_key: \
         `verbose` is a boolean (`Flag`); a page size must be an integer (byte, short, integer or long) or a string"
    );
    assert_eq!(
        error("items-type", |p| p["result_key"] = json!("truncated")),
        "DIR/paginators-1.json: at /pagination/ListThings/result_key: \
         `truncated` is a boolean (`Flag`); items must be a list, a map, a string, a number or a structure"
    );
    assert_eq!(
        error("more-type", |p| p["more_results"] = json!("things")),
        "DIR/paginators-1.json: at /pagination/ListThings/more_results: \
         `things` is a list (`Names`); `more_results` must be a boolean"
    );
    assert_eq!(
        error("input-path", |p| p["limit_key"] = json!("a.b")),
        "DIR/paginators-1.json: at /pagination/ListThings/limit_key: \
         `a.b` must name a member of the input `ListThingsRequest`, not a path"
    );
    assert_eq!(
        error("twice", |p| {
            p["input_token"] = json!(["nextToken", "nextToken"]);
            p["output_token"] = json!(["result.nextToken", "result.nextToken"]);
        }),
        "DIR/paginators-1.json: at /pagination/ListThings/input_token/1: \
         the input token `nextToken` is listed twice"
    );
}

#[test]
fn operations_without_input_or_output_cannot_page() {
    let mut model = botocore();
    model["operations"]["ListThings"]
        .as_object_mut()
        .unwrap()
        .remove("output");
    assert_eq!(
        load("no-output", &model, Some(&paginator())).unwrap_err(),
        "DIR/paginators-1.json: at /pagination/ListThings/output_token: \
         the operation is paginated but has no output"
    );
    let unknown = json!({"pagination": {"ListCars": {"input_token": "a", "output_token": "b"}}});
    assert_eq!(
        load("unknown-op", &botocore(), Some(&unknown)).unwrap_err(),
        "DIR/paginators-1.json: at /pagination/ListCars: \
         a paginator for `ListCars`, which the model does not define"
    );
}

#[test]
fn jmespath_tokens_leave_the_operation_unpaginated() {
    let p = json!({"pagination": {"ListThings": {
        "input_token": "nextToken", "output_token": "things[-1]", "result_key": "things"
    }}});
    let model = load("jmespath", &botocore(), Some(&p)).unwrap();
    assert_eq!(model.operations["ListThings"].paginated, None);
    assert_eq!(model.unsupported.len(), 1);
    assert_eq!(model.unsupported[0].subject, "ListThings");
}

// ------------------------------------------------------------ Smithy

fn smithy(paginated: Value) -> Value {
    json!({
        "smithy": "2.0",
        "shapes": {
            "t#Svc": {
                "type": "service",
                "version": "2020-01-01",
                "operations": [{"target": "t#ListThings"}],
                "traits": {
                    "aws.protocols#restJson1": {},
                    "smithy.api#paginated": {"inputToken": "nextToken", "pageSize": "maxResults"}
                }
            },
            "t#ListThings": {
                "type": "operation",
                "input": {"target": "t#ListThingsRequest"},
                "output": {"target": "t#ListThingsResponse"},
                "traits": {
                    "smithy.api#http": {"method": "GET", "uri": "/things"},
                    "smithy.api#paginated": paginated
                }
            },
            "t#ListThingsRequest": {
                "type": "structure",
                "members": {
                    "nextToken": {"target": "t#Token", "traits": {"smithy.api#httpQuery": "nextToken"}},
                    "maxResults": {"target": "t#Count", "traits": {"smithy.api#httpQuery": "maxResults"}},
                    "verbose": {"target": "t#Flag", "traits": {"smithy.api#httpQuery": "verbose"}}
                }
            },
            "t#ListThingsResponse": {
                "type": "structure",
                "members": {
                    "result": {"target": "t#Page"},
                    "things": {"target": "t#Names"},
                    "truncated": {"target": "t#Flag"}
                }
            },
            "t#Page": {
                "type": "structure",
                "members": {"nextToken": {"target": "t#Token"}, "names": {"target": "t#Names"}}
            },
            "t#Names": {"type": "list", "member": {"target": "t#Token"}},
            "t#Token": {"type": "string"},
            "t#Count": {"type": "integer"},
            "t#Flag": {"type": "boolean"}
        }
    })
}

/// What both formats can say lowers alike.
#[test]
fn smithy_twin_gives_the_same_pagination() {
    let twin = smithy(json!({"outputToken": "result.nextToken", "items": "things"}));
    let smithy = model::load_str("twin.json", &twin.to_string())
        .unwrap_or_else(|e| panic!("{e}"))
        .model;
    let p = json!({"pagination": {"ListThings": {
        "input_token": "nextToken", "output_token": "result.nextToken",
        "limit_key": "maxResults", "result_key": "things"
    }}});
    let botocore = load("twin", &botocore(), Some(&p)).unwrap();
    assert_eq!(
        smithy.operations["ListThings"].paginated,
        botocore.operations["ListThings"].paginated
    );
}

#[test]
fn smithy_errors_point_where_the_property_is_written() {
    let load = |paginated: Value| {
        model::load_str("twin.json", &smithy(paginated).to_string())
            .err()
            .map(|e| e.to_string())
    };
    assert_eq!(
        load(json!({"outputToken": "result.token"})).as_deref(),
        Some(
            "twin.json: at /shapes/t#ListThings/traits/smithy.api#paginated/outputToken: \
             `result.token`: `result` (t#Page) has no member `token`"
        )
    );
    // From the service's defaults: the pointer is in the service.
    let mut model = smithy(json!({"outputToken": "result.nextToken"}));
    model["shapes"]["t#Svc"]["traits"]["smithy.api#paginated"]["pageSize"] = json!("verbose");
    assert_eq!(
        model::load_str("twin.json", &model.to_string())
            .err()
            .map(|e| e.to_string())
            .as_deref(),
        Some(
            "twin.json: at /shapes/t#Svc/traits/smithy.api#paginated/pageSize: \
             `verbose` is a boolean (`t#Flag`); a page size must be an integer (byte, short, integer or long) or a string"
        )
    );
    let mut model = smithy(json!({"items": "things"}));
    model["shapes"]["t#Svc"]["traits"]
        .as_object_mut()
        .unwrap()
        .remove("smithy.api#paginated");
    assert_eq!(
        model::load_str("twin.json", &model.to_string())
            .err()
            .map(|e| e.to_string())
            .as_deref(),
        Some(
            "twin.json: at /shapes/t#ListThings/traits/smithy.api#paginated: \
             a paginated operation needs an input token"
        )
    );
}
