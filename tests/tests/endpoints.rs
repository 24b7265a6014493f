//! Endpoint resolution as a user calls it: `awsgen::<service>::endpoint`,
//! and the generated partition table against `models/partitions.json`.
//! (Every case of AWS's endpoint tests runs in `tests/endpoint-tests`.)

use awsgen::iot::endpoint::{resolve, Params};
use awsgen::runtime::endpoint::ResolveErrorKind;

#[test]
fn a_region_resolves_to_its_endpoint() {
    let endpoint = resolve(&Params {
        region: Some("eu-west-1".into()),
        ..Default::default()
    })
    .expect("an endpoint");
    assert_eq!(endpoint.url, "https://iot.eu-west-1.amazonaws.com");
    assert!(endpoint.headers.is_empty());

    let fips = awsgen::iot_jobs_data::endpoint::resolve(&awsgen::iot_jobs_data::endpoint::Params {
        region: Some("us-gov-west-1".into()),
        use_fips: true,
        ..Default::default()
    })
    .expect("an endpoint");
    assert_eq!(
        fips.url,
        "https://data.jobs.iot-fips.us-gov-west-1.amazonaws.com"
    );
}

#[test]
fn rule_set_errors_are_verbatim_and_name_the_parameters() {
    let error = resolve(&Params {
        region: Some("us-east-1".into()),
        use_fips: true,
        endpoint: Some("https://example.com".into()),
        ..Default::default()
    })
    .expect_err("FIPS with a custom endpoint");
    assert_eq!(error.kind(), ResolveErrorKind::RuleSet);
    assert_eq!(
        error.message(),
        "Invalid Configuration: FIPS and custom endpoint are not supported"
    );
    assert_eq!(
        error.to_string(),
        "Invalid Configuration: FIPS and custom endpoint are not supported (endpoint parameters: \
         Region: us-east-1, UseDualStack: false, UseFIPS: true, Endpoint: https://example.com)"
    );
}

#[test]
fn the_partition_table_is_partitions_json() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../models/partitions.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("partitions.json"))
            .expect("JSON");
    let expected = json["partitions"].as_array().expect("partitions");
    let table = awsgen::partitions::PARTITIONS;
    assert_eq!(table.len(), expected.len());
    for (p, e) in table.iter().zip(expected) {
        assert_eq!(p.name, e["id"]);
        assert_eq!(p.dns_suffix, e["outputs"]["dnsSuffix"]);
        assert_eq!(p.dual_stack_dns_suffix, e["outputs"]["dualStackDnsSuffix"]);
        assert_eq!(
            p.implicit_global_region,
            e["outputs"]["implicitGlobalRegion"]
        );
        assert_eq!(p.supports_fips, e["outputs"]["supportsFIPS"]);
        assert_eq!(p.supports_dual_stack, e["outputs"]["supportsDualStack"]);
        assert_eq!(p.region_regex, e["regionRegex"]);
        let regions: Vec<&str> = e["regions"]
            .as_object()
            .expect("regions")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(p.regions, regions.as_slice());
        for region in p.regions {
            let found =
                awsgen::runtime::__private::endpoint::partition(table, region).map(|f| f.name);
            assert_eq!(found, Some(p.name), "{region}");
        }
    }
}

#[test]
fn no_matching_rule_and_missing_parameters_say_so_with_the_parameters() {
    use awsgen_endpoint_tests::valid_rules::{get_attr_type_inference, partition_fn};

    let error = get_attr_type_inference::resolve(&get_attr_type_inference::Params {
        bucket: Some("not-an-arn".into()),
    })
    .expect_err("no rule matches");
    assert_eq!(error.kind(), ResolveErrorKind::NoMatch);
    assert_eq!(
        error.message(),
        "No endpoint found for parameters:\nBucket: not-an-arn"
    );
    assert_eq!(error.to_string(), error.message());

    let error = partition_fn::resolve(&partition_fn::Params::default()).expect_err("no region");
    assert_eq!(error.kind(), ResolveErrorKind::MissingParameter);
    assert_eq!(
        error.message(),
        "Cannot find value for required parameter Region"
    );
}
