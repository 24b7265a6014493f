//! The standard library against botocore's results (the expected values
//! below were printed by botocore 1.44.5's `RuleSetStandardLibrary` for the
//! same inputs), and the partition lookup against every region of
//! `models/partitions.json`.

use super::library::*;
use super::partition::{partition, RegionRegex};
use super::*;

// ------------------------------------------------------------ partitions

/// `models/partitions.json` as a table, the way the generator emits it.
fn table() -> &'static [Partition] {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../models/partitions.json");
    let text = std::fs::read_to_string(path).expect("models/partitions.json (import-models)");
    let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let leak = |s: &str| -> &'static str { Box::leak(s.to_owned().into_boxed_str()) };
    let partitions: Vec<Partition> = json["partitions"]
        .as_array()
        .expect("partitions")
        .iter()
        .map(|p| {
            let outputs = &p["outputs"];
            let text = |key: &str| leak(outputs[key].as_str().expect(key));
            let flag = |key: &str| outputs[key].as_bool().expect(key);
            let regions: Vec<&'static str> = p["regions"]
                .as_object()
                .expect("regions")
                .keys()
                .map(|r| leak(r))
                .collect();
            Partition {
                name: leak(p["id"].as_str().expect("id")),
                dns_suffix: text("dnsSuffix"),
                dual_stack_dns_suffix: text("dualStackDnsSuffix"),
                implicit_global_region: text("implicitGlobalRegion"),
                supports_fips: flag("supportsFIPS"),
                supports_dual_stack: flag("supportsDualStack"),
                region_regex: leak(p["regionRegex"].as_str().expect("regionRegex")),
                regions: Box::leak(regions.into_boxed_slice()),
            }
        })
        .collect();
    Box::leak(partitions.into_boxed_slice())
}

fn partition_of(region: &str) -> &'static str {
    partition(table(), region).expect("a partition").name
}

#[test]
fn every_listed_region_is_in_its_partition_and_matches_its_pattern() {
    let table = table();
    assert_eq!(table[0].name, "aws", "the default partition comes first");
    let mut count = 0;
    for p in table {
        let regex = RegionRegex::parse(p.region_regex).expect("every pattern parses");
        for region in p.regions {
            count += 1;
            assert_eq!(
                partition(table, region).map(|f| f.name),
                Some(p.name),
                "{region}"
            );
            // The global pseudo-regions (`aws-global`) are listed, not matched.
            if !region.ends_with("-global") {
                assert!(regex.matches(region), "{region} against {}", p.region_regex);
            }
        }
    }
    assert!(count > 50, "{count} regions");
}

#[test]
fn unlisted_regions_by_pattern_as_botocore() {
    for (region, expected) in [
        ("us-east-1", "aws"),
        ("us-east-10", "aws"),
        ("cn-north-5", "aws-cn"),
        ("aws-cn-global", "aws-cn"),
        ("us-gov-west-9", "aws-us-gov"),
        ("us-iso-foo-3", "aws-iso"),
        ("us-isob-x-1", "aws-iso-b"),
        ("us-isof-south-1", "aws-iso-f"),
        ("eu-isoe-west-2", "aws-iso-e"),
        ("eusc-de-east-7", "aws-eusc"),
        ("eusc-fr-east-1", "aws"),
        ("mars-global", "aws"),
        ("", "aws"),
        ("us-east-1\n", "aws"),
        ("ap-southeast-1a", "aws"),
        ("us-east-", "aws"),
        ("il-central-1", "aws"),
        ("aws-global", "aws"),
        ("aws-us-gov-global", "aws-us-gov"),
        ("us_east-1", "aws"),
        ("ab-east-1", "aws"),
        ("us-east-1-2", "aws"),
    ] {
        assert_eq!(partition_of(region), expected, "{region:?}");
    }
}

#[test]
fn a_long_region_does_not_exhaust_the_stack() {
    let region = format!("us-{}-1", "e".repeat(1_000_000));
    assert_eq!(partition_of(&region), "aws");
    let region = format!("cn-{}-1", "e".repeat(1_000_000));
    assert_eq!(partition_of(&region), "aws-cn");
}

#[test]
fn an_empty_table_has_no_partition() {
    assert_eq!(partition(&[], "us-east-1"), None);
}

#[test]
fn region_patterns_backtrack() {
    let re = |p: &str| RegionRegex::parse(p).unwrap_or_else(|e| panic!("{e}"));
    // `\w+` must give back the `b` it took.
    assert!(re(r"^a\w+b$").matches("axxb"));
    assert!(!re(r"^a\w+b$").matches("ab"));
    // An alternative that matches first but fails later gives way.
    assert!(re(r"^(us|us\-gov)\-\d+$").matches("us-gov-1"));
    assert!(re(r"^x\d*y?.$").matches("x12z"));
    assert!(re(r"^x\d*y?.$").matches("xy!"));
    assert!(!re(r"^x\d*y?.$").matches("x"));
    // Anchored at the start only without `$`, as Python's re.match.
    assert!(re(r"^us\-\w+").matches("us-east-1"));
    assert!(!re(r"^us\-\w+$").matches("us-east-1"));
    assert!(re("^(us|eu|ap|sa|ca|me|af|il|mx)\\-\\w+\\-\\d+$").matches("mx-central-1"));
    // `\w` is Unicode, `\d` ASCII.
    assert!(re(r"^\w+$").matches("é_1"));
    assert!(!re(r"^\d$").matches("١"));
}

#[test]
fn region_patterns_outside_the_subset_are_errors() {
    for (pattern, offset) in [
        ("^[a-z]+$", 1),
        (r"^\s$", 2),
        ("^a{2}$", 2),
        ("^(a|b$", 6),
        ("^a)$", 2),
        ("^(?:a)$", 2),
        ("^+a$", 1),
        ("^a+?$", 3),
        ("^(ab)+$", 5),
        ("^a$b", 3),
        ("a\\", 2),
    ] {
        let e = RegionRegex::parse(pattern).expect_err(pattern);
        assert_eq!(e.offset, offset, "{pattern}: {e}");
    }
    let deep = format!("{}a{}", "(".repeat(40), ")".repeat(40));
    assert!(RegionRegex::parse(&deep).is_err());
}

// ------------------------------------------------------------ parseURL

fn url(scheme: &str, authority: &str, path: &str, normalized: &str, is_ip: bool) -> Option<Url> {
    Some(Url {
        scheme: scheme.into(),
        authority: authority.into(),
        path: path.into(),
        normalized_path: normalized.into(),
        is_ip,
    })
}

#[test]
fn urls_as_botocore_parses_them() {
    let cases = [
        ("https://a.com/x", url("https", "a.com", "/x", "/x/", false)),
        ("HTTPS://A.com", url("https", "A.com", "", "/", false)),
        (
            "https://u:p@[::1]:80/a",
            url("https", "u:p@[::1]:80", "/a", "/a/", true),
        ),
        (
            "http://abc.com:/x",
            url("http", "abc.com:", "/x", "/x/", false),
        ),
        (" https://x.com", url("https", "x.com", "", "/", false)),
        ("https://x.com:99999", None),
        (
            "https://x.com:65535",
            url("https", "x.com:65535", "", "/", false),
        ),
        (
            "https://a.com/x;p",
            url("https", "a.com", "/x", "/x/", false),
        ),
        (
            "https://a.com/x;p/y",
            url("https", "a.com", "/x;p/y", "/x%3Bp/y/", false),
        ),
        (
            "https://a.com/a/./b/../c//d/",
            url("https", "a.com", "/a/./b/../c//d/", "/a/c/d/", false),
        ),
        (
            "https://a.com/a b%20c",
            url("https", "a.com", "/a b%20c", "/a%20b%2520c/", false),
        ),
        ("https://a.com#frag", url("https", "a.com", "", "/", false)),
        (
            "https://a.com/p?",
            url("https", "a.com", "/p", "/p/", false),
        ),
        ("https://a.com/p?q", None),
        ("ftp://a.com", None),
        ("a.com", None),
        ("http://1.2.3.4", url("http", "1.2.3.4", "", "/", true)),
        (
            "http://999.999.999.999:1/",
            url("http", "999.999.999.999:1", "/", "/", true),
        ),
        ("http://1.2.3", url("http", "1.2.3", "", "/", false)),
        (
            "https://[fe80::1%25en0]/",
            url("https", "[fe80::1%25en0]", "/", "/", true),
        ),
        (
            "https://[2001:db8::1]:8443/x/..",
            url("https", "[2001:db8::1]:8443", "/x/..", "/", true),
        ),
        (
            "https://[::ffff:1.2.3.4]",
            url("https", "[::ffff:1.2.3.4]", "", "/", true),
        ),
        ("https://a.com:8x/", None),
        (
            "https://exa\tmple.com/\n",
            url("https", "example.com", "/", "/", false),
        ),
        (
            "https://a.com/../..",
            url("https", "a.com", "/../..", "/", false),
        ),
        (
            "https://a.com/%7e/",
            url("https", "a.com", "/%7e/", "/%257e/", false),
        ),
        ("http://a.com:0", url("http", "a.com:0", "", "/", false)),
        // botocore raises here (ValueError, TypeError); we answer.
        ("http://[::1", None),
        ("https:/x", url("https", "", "/x", "/x/", false)),
    ];
    for (input, expected) in cases {
        assert_eq!(parse_url(input), expected, "{input:?}");
    }
}

// ------------------------------------------------------------ aws.parseArn

#[test]
fn arns_as_botocore_parses_them() {
    let arn = |partition: &str, service: &str, region: &str, account: &str, resource: &[&str]| {
        Some(Arn {
            partition: partition.into(),
            service: service.into(),
            region: region.into(),
            account_id: account.into(),
            resource_id: resource.iter().map(|s| (*s).to_owned()).collect(),
        })
    };
    let cases = [
        (
            "arn:aws:s3:::myBucket/key",
            arn("aws", "s3", "", "", &["myBucket", "key"]),
        ),
        (
            "arn:aws:kinesis:us-east-1:1234567890:stream/mystream:foo",
            arn(
                "aws",
                "kinesis",
                "us-east-1",
                "1234567890",
                &["stream", "mystream", "foo"],
            ),
        ),
        (
            "arn:aws:s3:::myBucket",
            arn("aws", "s3", "", "", &["myBucket"]),
        ),
        ("arn:aws:this-is-not-an-arn:foo", None),
        (
            "arn:aws:s3:us-east-2:012345678:outpost:",
            arn("aws", "s3", "us-east-2", "012345678", &["outpost", ""]),
        ),
        ("arn::s3:r:a:res", None),
        ("arn:aws::r:a:res", None),
        ("arn:aws:s3:r:a:", None),
        ("ARN:aws:s3:r:a:res", None),
        (
            "arn:aws:s3:r:a:b:c/d//e",
            arn("aws", "s3", "r", "a", &["b", "c", "d", "", "e"]),
        ),
    ];
    for (input, expected) in cases {
        assert_eq!(parse_arn(input), expected, "{input}");
    }
}

// ------------------------------------------------------------ host labels

#[test]
fn host_labels_as_botocore_checks_them() {
    let a63 = "a".repeat(63);
    let a64 = "a".repeat(64);
    let cases = [
        ("us-east-1", true, true),
        ("3aws4", true, true),
        ("part1.part2", false, true),
        ("part1 part2", false, false),
        ("", false, false),
        ("-a", false, false),
        ("a-", false, false),
        (a63.as_str(), true, true),
        (a64.as_str(), false, false),
        ("a..b", false, false),
        ("a.b.", false, false),
        ("ab_c", false, false),
        ("é", false, false),
    ];
    for (input, single, subdomains) in cases {
        assert_eq!(is_valid_host_label(input, false), single, "{input}");
        assert_eq!(is_valid_host_label(input, true), subdomains, "{input}");
    }
}

#[test]
fn virtual_hostable_buckets_as_botocore_checks_them() {
    let a63 = "a".repeat(63);
    let a64 = "a".repeat(64);
    let dotted = format!("a.{}", "b".repeat(63));
    let cases = [
        ("bucket-name", true, true),
        ("BucketName", false, false),
        ("bucket.name", false, true),
        ("192.168.5.4", false, false),
        ("aa", false, false),
        (a63.as_str(), true, true),
        (a64.as_str(), false, false),
        (dotted.as_str(), false, true),
        ("bucket-.name", false, false),
        ("1.2.3.4.5", false, true),
    ];
    for (input, single, subdomains) in cases {
        assert_eq!(
            is_virtual_hostable_s3_bucket(input, false),
            single,
            "{input}"
        );
        assert_eq!(
            is_virtual_hostable_s3_bucket(input, true),
            subdomains,
            "{input}"
        );
    }
}

// ------------------------------------------------------------ substring, uriEncode

#[test]
fn substrings_as_botocore_takes_them() {
    let cases = [
        ("abcdefg", 0, 4, false, Some("abcd")),
        ("abcdefg", 0, 4, true, Some("defg")),
        ("abc", 0, 4, false, None),
        ("abcd", 1, 1, false, None),
        ("éabcd", 0, 2, false, None),
        ("defg", 1, 3, true, Some("ef")),
        ("", 0, 1, false, None),
        ("\u{7f}abcdef", 0, 4, false, Some("\u{7f}abc")),
        ("abcdef\u{1f431}", 0, 4, false, None),
    ];
    for (input, start, stop, reverse, expected) in cases {
        assert_eq!(
            substring(input, start, stop, reverse).as_deref(),
            expected,
            "{input:?} {start}..{stop} {reverse}"
        );
    }
}

#[test]
fn uri_encoding_keeps_unreserved_characters_only() {
    assert_eq!(uri_encode("abc:defg"), "abc%3Adefg");
    assert_eq!(
        uri_encode(" !\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~"),
        "%20%21%22%23%24%25%26%27%28%29%2A%2B%2C-.%2F09%3A%3B%3C%3D%3E%3F%40AZ%5B%5C%5D%5E_%60az%7B%7C%7D~"
    );
    assert_eq!(uri_encode("\u{1f639}"), "%F0%9F%98%B9");
    assert_eq!(uri_encode(""), "");
}

// ------------------------------------------------------------ errors, endpoints

#[test]
fn errors_keep_the_rule_set_message_and_list_the_parameters() {
    let e = ResolveError::rule("FIPS is enabled but this partition does not support FIPS")
        .with_parameters([
            ("Region", Some(Document::from("cn-north-1"))),
            ("Endpoint", None),
            ("UseFIPS", Some(Document::from(true))),
        ]);
    assert_eq!(e.kind(), ResolveErrorKind::RuleSet);
    assert_eq!(
        e.message(),
        "FIPS is enabled but this partition does not support FIPS"
    );
    assert_eq!(e.parameters().len(), 2);
    assert_eq!(
        e.to_string(),
        "FIPS is enabled but this partition does not support FIPS \
         (endpoint parameters: Region: cn-north-1, UseFIPS: true)"
    );

    let e = ResolveError::no_match().with_parameters([
        ("Region", Some(Document::from("x"))),
        ("List", Some(string_array(&["a".into(), "b".into()]))),
    ]);
    assert_eq!(e.kind(), ResolveErrorKind::NoMatch);
    assert_eq!(
        e.message(),
        "No endpoint found for parameters:\nRegion: x\nList: [a, b]"
    );
    assert_eq!(e.to_string(), e.message());

    let e = require(None::<&str>, "Region").expect_err("unset");
    assert_eq!(e.kind(), ResolveErrorKind::Unset);
    assert_eq!(
        e.message(),
        "The rule set needs Region here, but it is not set"
    );
    assert_eq!(require(Some("x"), "Region"), Ok("x"));

    let e = ResolveError::missing_parameter("Region").with_parameters([]);
    assert_eq!(
        e.to_string(),
        "Cannot find value for required parameter Region"
    );
}

#[test]
fn endpoints_are_built_with_headers_and_properties() {
    let endpoint = Endpoint::new("https://example.com")
        .header("x-amz-multi", &["*", "us-east-1"])
        .property(
            "authSchemes",
            Document::Array(vec![object([("name", "sigv4".into())])]),
        );
    assert_eq!(endpoint.url, "https://example.com");
    assert_eq!(endpoint.headers["x-amz-multi"], ["*", "us-east-1"]);
    assert_eq!(
        endpoint.properties["authSchemes"]
            .as_array()
            .map(<[Document]>::len),
        Some(1)
    );
}
