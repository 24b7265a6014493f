//! The moto harness (`awsgen_e2e_support::moto`) against the generated IoT
//! operations: moto starts on a free port, answers requests the generated
//! code built and the runtime signed, the generated parsers read its
//! answers, and it stops with the test. Needs `.ci/install-moto` to have
//! run (the error says so otherwise).
//!
//! Which IoT operations moto implements is in
//! `tests/e2e-support/MOTO_IOT.md`; the second test re-derives that list
//! from the installed moto, so a new pin cannot leave it stale.

use std::collections::BTreeSet;
use std::path::Path;

use awsgen::iot::errors::DescribeThingError;
use awsgen::iot::operations::{CreateThing, DescribeThing, ListThings};
use awsgen::iot::types::{
    AttributePayload, CreateThingRequest, DescribeThingRequest, ListThingsRequest,
};
use awsgen_e2e_support::call::Target;
use awsgen_e2e_support::moto::{self, moto_method_name, MotoServer, IOT_OPERATIONS};
use awsgen_runtime::HasResponseMetadata;
use awsgen_runtime::ResponseError;

fn moto() -> std::sync::Arc<MotoServer> {
    MotoServer::shared().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn create_list_and_describe_things_against_moto() {
    let moto = moto();
    let iot = Target::new(moto.addr(), "iot");
    let created = iot
        .call::<CreateThing>(&CreateThingRequest {
            thing_name: "e2e-harness-sensor".into(),
            attribute_payload: Some(AttributePayload {
                attributes: Some([("floor".to_owned(), "3".to_owned())].into()),
                ..Default::default()
            }),
            ..Default::default()
        })
        .unwrap()
        .unwrap_or_else(|e| panic!("CreateThing: {e}"));
    assert_eq!(created.thing_name.as_deref(), Some("e2e-harness-sensor"));
    assert!(created
        .thing_arn
        .as_deref()
        .is_some_and(|arn| arn.ends_with(":thing/e2e-harness-sensor")));

    let listed = iot
        .call::<ListThings>(&ListThingsRequest::default())
        .unwrap()
        .unwrap_or_else(|e| panic!("ListThings: {e}"));
    let thing = listed
        .things
        .unwrap_or_default()
        .into_iter()
        .find(|t| t.thing_name.as_deref() == Some("e2e-harness-sensor"))
        .expect("the thing is listed");
    assert_eq!(
        thing
            .attributes
            .and_then(|a| a.get("floor").cloned())
            .as_deref(),
        Some("3")
    );

    let missing = iot
        .call::<DescribeThing>(&DescribeThingRequest {
            thing_name: "e2e-harness-no-such-thing".into(),
        })
        .unwrap();
    match missing {
        Err(ResponseError::Service(DescribeThingError::ResourceNotFoundException(e))) => {
            assert_eq!(e.http_status(), Some(404));
            assert!(e.request_id().is_some_and(|id| !id.is_empty()), "{e:?}");
            assert_eq!(
                e.message.as_deref(),
                Some("The specified resource does not exist")
            );
        }
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }
}

/// moto finds the handler of an operation by its snake-case name among
/// `IoTResponse`'s methods (`moto/core/responses.py`); the list in
/// `moto::IOT_OPERATIONS` must be what the installed moto has.
#[test]
fn moto_iot_operations_match_the_installed_moto() {
    let venv = moto::venv();
    let lib = std::fs::read_dir(venv.join("lib"))
        .unwrap_or_else(|e| panic!("{e}: run .ci/install-moto (see awsgen_e2e_support::moto)"));
    let responses = lib
        .flatten()
        .map(|python| python.path().join("site-packages/moto/iot/responses.py"))
        .find(|path| path.is_file())
        .expect("moto/iot/responses.py in the virtualenv");
    let source = std::fs::read_to_string(&responses).expect("responses.py");
    let methods: BTreeSet<&str> = source
        .lines()
        .filter_map(|line| line.strip_prefix("    def "))
        .filter_map(|rest| rest.split_once("(self").map(|(name, _)| name))
        .collect();
    let model =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/iot/2015-05-28/service-2.json");
    let model: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(model).expect("the iot model"))
            .expect("JSON");
    let operations = model["operations"].as_object().expect("operations");
    let implemented: Vec<&str> = operations
        .keys()
        .map(String::as_str)
        .filter(|op| methods.contains(moto_method_name(op).as_str()))
        .collect();
    assert_eq!(operations.len(), 272);
    assert_eq!(implemented, IOT_OPERATIONS);
}
