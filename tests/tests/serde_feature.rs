//! The `serde` feature of the generated crates: boto3 parameter dicts,
//! written as JSON, deserialize into the matching input type and serialize
//! back to the same JSON.
//!
//! The dicts below are real iot and iot-jobs-data inputs as a boto3 user
//! writes them (`client.create_job(**params)`): model member names,
//! HTTP-bound members (labels, query strings, headers) included.
//! Doubles are written with a fraction, since an integer written for a
//! double comes back with one (`10` as `10.0`): equal in value, not in JSON.

use awsgen::iot::types::{
    AbortAction, CreateAuditSuppressionRequest, CreateCommandRequest, CreateJobRequest,
    CreateThingRequest, CreateTopicRuleRequest, ListAuditFindingsRequest, ListThingsRequest,
    TargetSelection,
};
use awsgen::{Blob, DateTime};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Deserializes `json` into `T`, serializes it back and checks that the
/// result is the same JSON value (member order aside).
fn round_trip<T: Serialize + DeserializeOwned>(json: &str) -> T {
    let value: T = match serde_json::from_str(json) {
        Ok(value) => value,
        Err(e) => panic!("{json}\ndoes not deserialize: {e}"),
    };
    let expected: Value = serde_json::from_str(json).expect("the test's JSON is valid");
    let actual = serde_json::to_value(&value).expect("generated types serialize");
    assert_eq!(
        actual,
        expected,
        "came back as\n{}",
        serde_json::to_string_pretty(&actual).unwrap_or_default()
    );
    value
}

#[test]
fn create_job() {
    let input: CreateJobRequest = round_trip(
        r#"{
            "jobId": "firmware-42",
            "targets": [
                "arn:aws:iot:eu-west-1:123456789012:thinggroup/sensors",
                "arn:aws:iot:eu-west-1:123456789012:thing/pump-7"
            ],
            "documentSource": "https://s3.amazonaws.com/bucket/job.json",
            "description": "Firmware 4.2",
            "presignedUrlConfig": {
                "roleArn": "arn:aws:iam::123456789012:role/presign",
                "expiresInSec": 3600
            },
            "targetSelection": "CONTINUOUS",
            "jobExecutionsRolloutConfig": {
                "maximumPerMinute": 100,
                "exponentialRate": {
                    "baseRatePerMinute": 5,
                    "incrementFactor": 1.5,
                    "rateIncreaseCriteria": {"numberOfSucceededThings": 10}
                }
            },
            "abortConfig": {
                "criteriaList": [{
                    "failureType": "FAILED",
                    "action": "CANCEL",
                    "thresholdPercentage": 12.5,
                    "minNumberOfExecutedThings": 20
                }]
            },
            "timeoutConfig": {"inProgressTimeoutInMinutes": 60},
            "tags": [{"Key": "team", "Value": "devices"}, {"Key": "stage"}],
            "jobExecutionsRetryConfig": {
                "criteriaList": [{"failureType": "TIMED_OUT", "numberOfRetries": 3}]
            },
            "documentParameters": {"version": "4.2", "url": "https://example.com/fw.bin"},
            "schedulingConfig": {
                "startTime": "2025-06-01T12:00:00Z",
                "endTime": "2025-06-08T12:00",
                "endBehavior": "CANCEL",
                "maintenanceWindows": [{"startTime": "cron(0 1 ? * SUN *)", "durationInMinutes": 120}]
            },
            "destinationPackageVersions": ["arn:aws:iot:eu-west-1:123456789012:package/fw/version/4.2"]
        }"#,
    );
    assert_eq!(input.job_id, "firmware-42");
    assert_eq!(input.targets.len(), 2);
    assert_eq!(input.target_selection, Some(TargetSelection::Continuous));
    let rate = input
        .job_executions_rollout_config
        .as_ref()
        .and_then(|c| c.exponential_rate.as_ref());
    assert_eq!(rate.map(|r| r.increment_factor), Some(1.5));
    let criteria = input.abort_config.as_ref().map(|c| &c.criteria_list[0]);
    assert_eq!(criteria.map(|c| &c.action), Some(&AbortAction::Cancel));
    let tags = input.tags.as_deref().unwrap_or_default();
    assert_eq!(tags[1].key, "stage");
    assert_eq!(tags[1].value, None);
    let parameters = input.document_parameters.as_ref();
    assert_eq!(
        parameters
            .and_then(|p| p.get("version"))
            .map(String::as_str),
        Some("4.2")
    );
    let scheduling = input.scheduling_config.as_ref();
    assert_eq!(
        scheduling.and_then(|s| s.start_time.as_deref()),
        Some("2025-06-01T12:00:00Z")
    );
}

#[test]
fn update_job_with_a_query_member() {
    let input: awsgen::iot::types::UpdateJobRequest = round_trip(
        r#"{
            "jobId": "firmware-42",
            "namespaceId": "AWS",
            "description": "Firmware 4.2.1",
            "abortConfig": {
                "criteriaList": [{
                    "failureType": "ALL",
                    "action": "CANCEL",
                    "thresholdPercentage": 50.5,
                    "minNumberOfExecutedThings": 1
                }]
            },
            "timeoutConfig": {"inProgressTimeoutInMinutes": 30}
        }"#,
    );
    assert_eq!(input.namespace_id.as_deref(), Some("AWS"));
}

#[test]
fn create_thing() {
    let input: CreateThingRequest = round_trip(
        r#"{
            "thingName": "pump-7",
            "thingTypeName": "pump",
            "attributePayload": {
                "attributes": {"model": "P7", "site": "north"},
                "merge": true
            },
            "billingGroupName": "plant-1"
        }"#,
    );
    let payload = input.attribute_payload.unwrap_or_default();
    assert_eq!(payload.merge, Some(true));
    assert_eq!(payload.attributes.map(|a| a.len()), Some(2));
}

#[test]
fn create_topic_rule_with_deeply_nested_actions() {
    let input: CreateTopicRuleRequest = round_trip(
        r#"{
            "ruleName": "pump_telemetry",
            "topicRulePayload": {
                "sql": "SELECT * FROM 'pumps/+/telemetry'",
                "description": "Route pump telemetry",
                "ruleDisabled": false,
                "awsIotSqlVersion": "2016-03-23",
                "actions": [
                    {"lambda": {"functionArn": "arn:aws:lambda:eu-west-1:123456789012:function:ingest"}},
                    {"dynamoDBv2": {
                        "roleArn": "arn:aws:iam::123456789012:role/rules",
                        "putItem": {"tableName": "telemetry"}
                    }},
                    {"republish": {
                        "roleArn": "arn:aws:iam::123456789012:role/rules",
                        "topic": "pumps/processed",
                        "qos": 1,
                        "headers": {
                            "contentType": "application/json",
                            "userProperties": [{"key": "source", "value": "rule"}]
                        }
                    }},
                    {"iotSiteWise": {
                        "roleArn": "arn:aws:iam::123456789012:role/rules",
                        "putAssetPropertyValueEntries": [{
                            "propertyAlias": "/pumps/7/pressure",
                            "propertyValues": [{
                                "value": {"doubleValue": "${pressure}"},
                                "timestamp": {"timeInSeconds": "${timestamp() / 1000}"},
                                "quality": "GOOD"
                            }]
                        }]
                    }},
                    {"http": {
                        "url": "https://example.com/ingest",
                        "headers": [{"key": "x-source", "value": "iot"}],
                        "auth": {"sigv4": {
                            "signingRegion": "eu-west-1",
                            "serviceName": "execute-api",
                            "roleArn": "arn:aws:iam::123456789012:role/rules"
                        }},
                        "enableBatching": true,
                        "batchConfig": {"maxBatchSize": 10}
                    }},
                    {"kafka": {
                        "destinationArn": "arn:aws:iot:eu-west-1:123456789012:ruledestination/vpc/1",
                        "topic": "telemetry",
                        "clientProperties": {"bootstrap.servers": "b-1:9092", "acks": "1"}
                    }},
                    {"s3": {
                        "roleArn": "arn:aws:iam::123456789012:role/rules",
                        "bucketName": "archive",
                        "key": "${topic()}/${timestamp()}",
                        "cannedAcl": "bucket-owner-full-control"
                    }}
                ],
                "errorAction": {"sqs": {
                    "roleArn": "arn:aws:iam::123456789012:role/rules",
                    "queueUrl": "https://sqs.eu-west-1.amazonaws.com/123456789012/errors",
                    "useBase64": false
                }}
            },
            "tags": "team=devices&stage=prod"
        }"#,
    );
    let payload = &input.topic_rule_payload;
    assert_eq!(payload.actions.len(), 7);
    let site_wise = payload.actions[3].iot_site_wise.as_ref();
    let entry = site_wise.map(|a| &a.put_asset_property_value_entries[0]);
    assert_eq!(
        entry.and_then(|e| e.property_values[0].value.double_value.as_deref()),
        Some("${pressure}")
    );
    // A header member, under its member name.
    assert_eq!(input.tags.as_deref(), Some("team=devices&stage=prod"));
}

#[test]
fn attach_policy_and_list_things() {
    let attach: awsgen::iot::types::AttachPolicyRequest = round_trip(
        r#"{"policyName": "pump-policy", "target": "arn:aws:iot:eu-west-1:123456789012:cert/abc"}"#,
    );
    assert_eq!(attach.policy_name, "pump-policy");
    let list: ListThingsRequest = round_trip(
        r#"{
            "nextToken": "page-2",
            "maxResults": 50,
            "attributeName": "site",
            "attributeValue": "no",
            "thingTypeName": "pump",
            "usePrefixAttributeValue": true
        }"#,
    );
    assert_eq!(list.max_results, Some(50));
    assert_eq!(list.use_prefix_attribute_value, Some(true));
    let empty: ListThingsRequest = round_trip("{}");
    assert_eq!(empty, ListThingsRequest::default());
}

#[test]
fn create_command_with_a_blob() {
    let input: CreateCommandRequest = round_trip(
        r#"{
            "commandId": "reboot",
            "namespace": "AWS-IoT",
            "displayName": "Reboot",
            "payload": {"content": "eyJhY3Rpb24iOiJyZWJvb3QifQ==", "contentType": "application/json"},
            "mandatoryParameters": [{
                "name": "delay",
                "type": "INTEGER",
                "defaultValue": {"I": 5},
                "valueConditions": [{
                    "comparisonOperator": "LESS_THAN",
                    "operand": {"number": "60"}
                }],
                "description": "Seconds to wait"
            }],
            "roleArn": "arn:aws:iam::123456789012:role/commands",
            "tags": [{"Key": "team", "Value": "devices"}]
        }"#,
    );
    let content = input.payload.and_then(|p| p.content);
    assert_eq!(content, Some(Blob::from(r#"{"action":"reboot"}"#)));
    let parameters = input.mandatory_parameters.unwrap_or_default();
    assert_eq!(
        parameters[0].default_value.as_ref().and_then(|v| v.i),
        Some(5)
    );
}

#[test]
fn start_command_execution_from_the_jobs_data_plane() {
    use awsgen::iot_jobs_data::types::StartCommandExecutionRequest;
    let input: StartCommandExecutionRequest = round_trip(
        r#"{
            "targetArn": "arn:aws:iot:eu-west-1:123456789012:thing/pump-7",
            "commandArn": "arn:aws:iot:eu-west-1:123456789012:command/reboot",
            "parameters": {
                "delay": {"I": 5},
                "force": {"B": true},
                "reason": {"S": "maintenance"},
                "image": {"BIN": "AAEC/w=="},
                "budget": {"D": 0.25},
                "serial": {"UL": "18446744073709551615"}
            },
            "executionTimeoutSeconds": 600,
            "clientToken": "6f1d2a8e"
        }"#,
    );
    let parameters = input.parameters.unwrap_or_default();
    assert_eq!(parameters.len(), 6);
    let image = parameters.get("image").and_then(|p| p.bin.as_ref());
    assert_eq!(image.map(Blob::as_bytes), Some(&[0, 1, 2, 255][..]));
}

#[test]
fn timestamps_are_rfc3339_or_epoch_seconds() {
    let input: CreateAuditSuppressionRequest = round_trip(
        r#"{
            "checkName": "DEVICE_CERTIFICATE_EXPIRING_CHECK",
            "resourceIdentifier": {"deviceCertificateId": "abc123"},
            "expirationDate": "2025-01-31T00:00:00Z",
            "description": "Renewal scheduled",
            "clientRequestToken": "token-1"
        }"#,
    );
    assert_eq!(
        input.expiration_date,
        Some(DateTime::from_secs(1_738_281_600))
    );

    // Epoch seconds (an integer or a float) and other offsets are read,
    // and written back as RFC 3339 in UTC.
    let input: ListAuditFindingsRequest = serde_json::from_str(
        r#"{"startTime": 1700000000, "endTime": 1700000000.5, "checkName": "LOGGING_DISABLED_CHECK"}"#,
    )
    .expect("epoch seconds deserialize");
    assert_eq!(input.start_time, Some(DateTime::from_secs(1_700_000_000)));
    let json = serde_json::to_value(&input).expect("serializes");
    assert_eq!(json["startTime"], "2023-11-14T22:13:20Z");
    assert_eq!(json["endTime"], "2023-11-14T22:13:20.5Z");
    let offset: ListAuditFindingsRequest =
        serde_json::from_str(r#"{"startTime": "2023-11-15T00:13:20+02:00"}"#)
            .expect("offsets deserialize");
    assert_eq!(offset.start_time, input.start_time);

    let error = serde_json::from_str::<ListAuditFindingsRequest>(r#"{"startTime": "yesterday"}"#);
    assert!(error.is_err());
}

#[test]
fn unknown_enum_values_round_trip() {
    let input: CreateJobRequest =
        round_trip(r#"{"jobId": "j", "targets": [], "targetSelection": "ROLLING"}"#);
    let selection = input.target_selection.expect("set");
    assert!(matches!(selection, TargetSelection::Unknown(_)));
    assert_eq!(selection.as_str(), "ROLLING");
}

#[test]
fn integers_read_as_doubles_and_errors_name_the_problem() {
    let input: CreateJobRequest = serde_json::from_str(
        r#"{"jobId": "j", "targets": [], "abortConfig": {"criteriaList": [{
            "failureType": "FAILED", "action": "CANCEL",
            "thresholdPercentage": 10, "minNumberOfExecutedThings": 1}]}}"#,
    )
    .expect("an integer is a valid double");
    let criteria = input.abort_config.map(|c| c.criteria_list);
    assert_eq!(criteria.map(|c| c[0].threshold_percentage), Some(10.0));

    let error = serde_json::from_str::<CreateJobRequest>(r#"{"jobId": 42}"#)
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with("invalid type: integer `42`, expected a string"),
        "{error}"
    );
}

#[test]
fn required_members_missing_from_the_dict_take_their_default() {
    // As in a struct literal ending in `..Default::default()`; the service
    // rejects what it needs and did not get.
    let input: CreateJobRequest = serde_json::from_str("{}").expect("deserializes");
    assert_eq!(input, CreateJobRequest::default());
    let json = serde_json::to_value(&input).expect("serializes");
    assert_eq!(json, serde_json::json!({"jobId": "", "targets": []}));
}

/// The fixture crate covers the shape kinds iot lacks: unions (with
/// recursion and unknown members), sparse lists and maps, enum-keyed maps,
/// intEnums, documents, big numbers, renamed members.
mod fixtures {
    use super::round_trip;
    use awsgen_fixtures::features::types::{CarStatus, CountGaragesOutput, GetCarOutput, Spec};
    use awsgen_fixtures::kitchensink::types::{AllTypes, ThingStatus, Value as Union};
    use awsgen_fixtures::obstaclecourse::types::{Choice, Keywords, OptionShape};
    use awsgen_fixtures::recursion::types::{EvaluateRequest, Expression};

    #[test]
    fn all_types() {
        let all: AllTypes = round_trip(
            r#"{
                "RequiredString": "x",
                "RequiredInteger": 1,
                "SparseStringList": ["a", null, "c"],
                "SparseStringMap": {"a": null, "b": "B"},
                "StatusCounts": {"ACTIVE": 3, "HIBERNATING": 1},
                "Union": {"IntegerValue": 7},
                "Byte": -8,
                "BigInteger": "123456789012345678901234567890",
                "BigDecimal": "0.1",
                "Timestamp": "1999-12-31T23:59:59.999Z",
                "EpochTimestamp": "2000-01-01T00:00:00Z",
                "Blob": "AA==",
                "Document": {"a": [1, 2.5, null, true, "s"]}
            }"#,
        );
        assert_eq!(
            all.sparse_string_list,
            Some(vec![Some("a".into()), None, Some("c".into())])
        );
        let counts = all.status_counts.unwrap_or_default();
        assert_eq!(counts.get(&ThingStatus::from("ACTIVE")), Some(&3));
        assert!(matches!(
            counts.keys().find(|k| k.as_str() == "HIBERNATING"),
            Some(ThingStatus::Unknown(_))
        ));
        assert!(matches!(all.union, Some(Union::IntegerValue(7))));
    }

    #[test]
    fn recursive_unions_and_boxes() {
        let input: EvaluateRequest = round_trip(
            r#"{
                "Expression": {"And": [
                    {"Not": {"Operand": {"Literal": "a"}}},
                    {"Group": {"Named": {"x": {"Literal": "b"}}}}
                ]},
                "Linked": {"Value": "1", "Next": {"Value": "2", "Next": {"Value": "3"}}},
                "Loop": {"Next": {"Back": {}}}
            }"#,
        );
        let Expression::And(terms) = &input.expression else {
            panic!("{:?}", input.expression);
        };
        assert!(
            matches!(&terms[1], Expression::Group(inner) if matches!(**inner, Expression::Named(_)))
        );
        let third = input.linked.and_then(|l| l.next).and_then(|l| l.next);
        assert_eq!(third.map(|l| l.value), Some("3".to_owned()));
    }

    #[test]
    fn unknown_union_members_round_trip() {
        let input: EvaluateRequest =
            round_trip(r#"{"Expression": {"Regex": {"pattern": "^a", "flags": [1, null]}}}"#);
        let Expression::Unknown(member) = &input.expression else {
            panic!("{:?}", input.expression);
        };
        assert_eq!(member.name, "Regex");
        // An unset union is an empty object, and a known member with a bad
        // value is an error, never an unknown member.
        let unset: EvaluateRequest = round_trip(r#"{"Expression": {}}"#);
        assert_eq!(unset, EvaluateRequest::default());
        assert!(
            serde_json::from_str::<EvaluateRequest>(r#"{"Expression": {"Literal": 1}}"#).is_err()
        );
        assert!(serde_json::from_str::<EvaluateRequest>(
            r#"{"Expression": {"Literal": "a", "Group": {}}}"#
        )
        .is_err());
    }

    #[test]
    fn smithy_features() {
        let car: GetCarOutput =
            round_trip(r#"{"status": 2, "wheels": 4, "electric": true, "spec": {"none": {}}}"#);
        assert_eq!(car.status, Some(CarStatus::Driving));
        assert!(matches!(car.spec, Some(Spec::None(_))));
        let car: GetCarOutput = round_trip(
            r#"{"status": 7, "wheels": 3, "electric": false, "spec": {"batteryKwh": 75}}"#,
        );
        assert_eq!(car.status, Some(CarStatus::Unknown(7)));
        // Member names, not the `jsonName` the wire uses (`number_of_garages`).
        let count: CountGaragesOutput = round_trip(
            r#"{"count": "-99999999999999999999", "average": "2.5e3", "details": {"x": [1]},
                "raw": "aGk=", "n": 3}"#,
        );
        assert_eq!(count.n, Some(3));
    }

    #[test]
    fn names_that_are_hard_in_rust() {
        let keywords: Keywords = round_trip(
            r#"{"type": "1", "Type": "2", "self": "3", "Self": "4", "crate": "5",
                "foo_bar": "6", "FooBar": "7", "fooBar": "8", "2fa": "9"}"#,
        );
        assert_eq!(keywords.r#type.as_deref(), Some("1"));
        assert_eq!(keywords.type2.as_deref(), Some("2"));
        assert_eq!(keywords.n2fa.as_deref(), Some("9"));
        let option: OptionShape =
            round_trip(r#"{"type": "label", "Acl": "Unknown", "Choice": {"Unknown": "u"}}"#);
        assert!(matches!(option.choice, Some(Choice::UnknownValue(_))));
    }
}
