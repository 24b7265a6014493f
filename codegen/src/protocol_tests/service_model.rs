//! A suite as a botocore service model, lowered by the ordinary front-end.
//!
//! botocore's own runner builds a model per case from the suite's
//! `metadata` and `shapes` and the case's `given` operation. Here a suite
//! becomes one model holding the distinct operations its cases give, so
//! the generated crate has one module per suite rather than per case. Two
//! cases may in principle give different definitions of one operation
//! name; such a suite is split into several models (the first definition
//! of each name in one, the next in another, ...), each case going with
//! the first model whose operations agree with its own.

use serde_json::{json, Map, Value};

use crate::error::ModelError;
use crate::ir::{Model, Protocol};
use crate::model::{self, Format};

use super::suite::{Case, Suite};

/// Metadata a suite does not carry but a botocore model needs (or that the
/// generated module documents). A suite's own values win.
const SERVICE_ID: &str = "ProtocolTests";
const ENDPOINT_PREFIX: &str = "protocoltests";
const SIGNATURE_VERSION: &str = "v4";

/// One model made from a suite, with the cases it serves (indices into
/// the suite's `cases`).
pub struct SuiteModel {
    pub model: Model,
    pub cases: Vec<usize>,
}

/// The cases of a suite, grouped so that within a group every operation
/// name has one definition; groups keep the suite's case order.
pub fn group_cases(suite: &Suite) -> Result<Vec<Vec<usize>>, String> {
    let mut groups: Vec<(Map<String, Value>, Vec<usize>)> = Vec::new();
    for (index, case) in suite.cases.iter().enumerate() {
        let name = case
            .operation_name()
            .ok_or_else(|| format!("case `{}` has no `given.name`", case.id))?;
        let fits = groups.iter().position(|(operations, _)| {
            operations
                .get(name)
                .is_none_or(|definition| definition == &Value::Object(case.given.clone()))
        });
        let group = match fits {
            Some(group) => group,
            None => {
                groups.push((Map::new(), Vec::new()));
                groups.len() - 1
            }
        };
        let (operations, cases) = &mut groups[group];
        operations
            .entry(name.to_owned())
            .or_insert_with(|| Value::Object(case.given.clone()));
        cases.push(index);
    }
    Ok(groups.into_iter().map(|(_, cases)| cases).collect())
}

/// The botocore `service-2.json` document for `cases` of `suite`.
pub fn service_json(suite: &Suite, cases: &[&Case]) -> Value {
    let mut metadata = suite.metadata.clone();
    let defaults = [
        ("serviceFullName", Value::from(suite.description.clone())),
        ("serviceId", Value::from(SERVICE_ID)),
        ("endpointPrefix", Value::from(ENDPOINT_PREFIX)),
        ("signingName", Value::from(ENDPOINT_PREFIX)),
        ("signatureVersion", Value::from(SIGNATURE_VERSION)),
    ];
    for (key, value) in defaults {
        metadata.entry(key).or_insert(value);
    }
    let mut operations = Map::new();
    for case in cases {
        if let Some(name) = case.operation_name() {
            operations
                .entry(name.to_owned())
                .or_insert_with(|| Value::Object(case.given.clone()));
        }
    }
    json!({
        "metadata": metadata,
        "operations": operations,
        "shapes": suite.shapes,
    })
}

/// The models of a suite, one per group of cases. `file` names the suite
/// in errors (`protocols/input/rest-json.json, suite 3`).
pub fn suite_models(file: &str, suite: &Suite) -> Result<Vec<SuiteModel>, ModelError> {
    let groups = group_cases(suite).map_err(|e| ModelError::new(file, "", e))?;
    let mut models = Vec::with_capacity(groups.len());
    for cases in groups {
        let refs: Vec<&Case> = cases.iter().map(|&i| &suite.cases[i]).collect();
        let json = service_json(suite, &refs).to_string();
        let model = model::parse_as(file, &json, Format::Botocore)?
            .lower()?
            .model;
        if model.service.protocol != Protocol::RestJson1 {
            return Err(ModelError::new(
                file,
                "/metadata/protocol",
                format!(
                    "protocol `{}`: only restJson1 suites are generated",
                    model.service.protocol.botocore_name()
                ),
            ));
        }
        models.push(SuiteModel { model, cases });
    }
    Ok(models)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suite(cases: Value) -> Suite {
        serde_json::from_value(json!({
            "description": "Test cases for Greet operation",
            "metadata": {"protocol": "rest-json", "protocols": ["rest-json"], "apiVersion": "2019-12-16"},
            "shapes": {
                "GreetInput": {"type": "structure", "members": {
                    "name": {"shape": "String", "location": "querystring", "locationName": "Name"}
                }},
                "String": {"type": "string"}
            },
            "cases": cases,
        }))
        .unwrap()
    }

    fn case(id: &str, method: &str) -> Value {
        json!({
            "id": id,
            "given": {
                "name": "Greet",
                "http": {"method": method, "requestUri": "/greet", "responseCode": 200},
                "input": {"shape": "GreetInput"}
            },
            "params": {"name": "x"},
            "serialized": {"method": method, "uri": "/greet?Name=x", "body": ""}
        })
    }

    #[test]
    fn a_suite_becomes_a_rest_json_model() {
        let suite = suite(json!([case("A", "GET"), case("B", "GET")]));
        let models = suite_models("suite", &suite).unwrap();
        assert_eq!(models.len(), 1);
        let model = &models[0].model;
        assert_eq!(models[0].cases, [0, 1]);
        assert_eq!(model.service.protocol, Protocol::RestJson1);
        assert_eq!(model.service.full_name, "Test cases for Greet operation");
        assert_eq!(model.service.api_version, "2019-12-16");
        assert_eq!(model.service.service_id, SERVICE_ID);
        let op = &model.operations["Greet"];
        assert_eq!(op.http.method, "GET");
        assert_eq!(op.input.as_ref().map(|i| i.0.as_str()), Some("GreetInput"));
    }

    #[test]
    fn different_definitions_of_one_operation_split_the_suite() {
        let suite = suite(json!([
            case("A", "GET"),
            case("B", "POST"),
            case("C", "GET"),
            case("D", "POST")
        ]));
        assert_eq!(group_cases(&suite).unwrap(), [vec![0, 2], vec![1, 3]]);
        let models = suite_models("suite", &suite).unwrap();
        assert_eq!(models.len(), 2);
        assert_eq!(models[0].model.operations["Greet"].http.method, "GET");
        assert_eq!(models[1].model.operations["Greet"].http.method, "POST");
    }

    #[test]
    fn suite_metadata_wins_over_defaults() {
        let mut suite = suite(json!([case("A", "GET")]));
        suite
            .metadata
            .insert("serviceId".into(), Value::from("Custom"));
        let json = service_json(&suite, &[&suite.cases[0]]);
        assert_eq!(json["metadata"]["serviceId"], "Custom");
        assert_eq!(json["metadata"]["endpointPrefix"], ENDPOINT_PREFIX);
    }

    #[test]
    fn other_protocols_are_refused() {
        let mut suite = suite(json!([case("A", "GET")]));
        suite.metadata.insert("protocol".into(), "rest-xml".into());
        suite
            .metadata
            .insert("protocols".into(), json!(["rest-xml"]));
        let e = suite_models("suite", &suite).err().unwrap();
        assert!(e.to_string().contains("only restJson1"), "{e}");
    }
}
