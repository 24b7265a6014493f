//! The SDKs' shared profile file tests (`tests/fixtures/profile/`, copied
//! from smithy-rs; see the README there), one test per case, named after it.
//!
//! `profile-parser-tests.json`: each case parses its config and/or
//! credentials file text with [`ProfileSet::parse`] and compares every
//! profile (and `sso-session` section, where the case lists them) with the
//! expected properties, or checks that the error contains the expected
//! text. `file-location-tests.json`: each case runs [`file_locations`] on
//! its environment (a map, never the process's) for its platform (`linux`
//! as [`Platform::Unix`], `windows` as [`Platform::Windows`]).
//!
//! One name appears twice in the parser file and one twice in the location
//! file; a test runs every case of its name.

use std::collections::BTreeMap;
use std::path::PathBuf;

use awsgen_runtime::credentials::profile::{file_locations, Platform, Profile, ProfileSet};
use serde_json::Value;

fn load(file: &str) -> Vec<Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/profile")
        .join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let json: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
    json["tests"]
        .as_array()
        .unwrap_or_else(|| panic!("{} has no `tests` array", path.display()))
        .clone()
}

fn cases_named(file: &str, name: &str) -> Vec<Value> {
    let cases: Vec<Value> = load(file)
        .into_iter()
        .filter(|case| case["name"] == name)
        .collect();
    assert!(!cases.is_empty(), "no case named {name:?} in {file}");
    cases
}

fn distinct_names(file: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for case in load(file) {
        let name = case["name"].as_str().expect("case name").to_owned();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

fn as_map(profiles: &BTreeMap<String, Profile>) -> BTreeMap<String, BTreeMap<String, String>> {
    profiles
        .iter()
        .map(|(name, profile)| (name.clone(), profile.properties().clone()))
        .collect()
}

fn expected_map(value: &Value) -> BTreeMap<String, BTreeMap<String, String>> {
    value
        .as_object()
        .expect("profiles object")
        .iter()
        .map(|(name, properties)| {
            let properties = properties
                .as_object()
                .expect("properties object")
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().expect("string value").to_owned()))
                .collect();
            (name.clone(), properties)
        })
        .collect()
}

fn check_parser(name: &str) {
    for case in cases_named("profile-parser-tests.json", name) {
        let input = &case["input"];
        let result = ProfileSet::parse(
            input["configFile"].as_str(),
            input["credentialsFile"].as_str(),
        );
        let output = &case["output"];
        if let Some(fragment) = output["errorContaining"].as_str() {
            match result {
                Ok(set) => {
                    panic!("{name}: expected an error containing {fragment:?}, parsed {set:?}")
                }
                Err(error) => assert!(
                    error.to_string().contains(fragment),
                    "{name}: error {error} does not contain {fragment:?}"
                ),
            }
            continue;
        }
        let set = result.unwrap_or_else(|e| panic!("{name}: {e}"));
        let expected = &output["config"];
        assert_eq!(
            as_map(set.profiles()),
            expected_map(&expected["profiles"]),
            "{name}: profiles"
        );
        if !expected["sso_sessions"].is_null() {
            assert_eq!(
                as_map(set.sso_sessions()),
                expected_map(&expected["sso_sessions"]),
                "{name}: sso sessions"
            );
        }
    }
}

fn check_location(name: &str) {
    for case in cases_named("file-location-tests.json", name) {
        let env: BTreeMap<String, String> = case["environment"]
            .as_object()
            .expect("environment object")
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().expect("string").to_owned()))
            .collect();
        let platform = match case["platform"].as_str() {
            Some("linux") => Platform::Unix,
            Some("windows") => Platform::Windows,
            other => panic!("{name}: unknown platform {other:?}"),
        };
        let locations = file_locations(&env, platform);
        assert_eq!(
            locations.config.as_deref(),
            case["configLocation"].as_str(),
            "{name}: config"
        );
        assert_eq!(
            locations.credentials.as_deref(),
            case["credentialsLocation"].as_str(),
            "{name}: credentials"
        );
        if let Some(profile) = case["profile"].as_str() {
            assert_eq!(locations.profile, profile, "{name}: profile");
        }
    }
}

macro_rules! parser_cases {
    ($($test:ident = $case:literal;)*) => {
        const PARSER_CASES: &[&str] = &[$($case),*];
        mod parser {
            $(
                #[test]
                fn $test() {
                    super::check_parser($case);
                }
            )*
        }
    };
}

macro_rules! location_cases {
    ($($test:ident = $case:literal;)*) => {
        const LOCATION_CASES: &[&str] = &[$($case),*];
        mod location {
            $(
                #[test]
                fn $test() {
                    super::check_location($case);
                }
            )*
        }
    };
}

#[test]
fn every_parser_case_has_a_test() {
    assert_eq!(PARSER_CASES, distinct_names("profile-parser-tests.json"));
}

#[test]
fn every_location_case_has_a_test() {
    assert_eq!(LOCATION_CASES, distinct_names("file-location-tests.json"));
}

parser_cases! {
    empty_files_have_no_profiles = "Empty files have no profiles.";
    empty_profiles_have_no_properties = "Empty profiles have no properties.";
    profile_names_support_alphanumeric_characters_and = "Profile names support alphanumeric characters and - / . % @ _ : +";
    profile_definitions_must_end_with_brackets = "Profile definitions must end with brackets.";
    profile_names_should_be_trimmed = "Profile names should be trimmed.";
    tabs_can_separate_profile_names_from_profile_prefix = "Tabs can separate profile names from profile prefix.";
    properties_must_be_defined_in_a_profile = "Properties must be defined in a profile.";
    profiles_can_contain_properties = "Profiles can contain properties.";
    windows_style_line_endings_are_supported = "Windows style line endings are supported.";
    equals_signs_are_supported_in_property_values = "Equals signs are supported in property values.";
    unicode_characters_are_supported_in_property_values = "Unicode characters are supported in property values.";
    profiles_can_contain_multiple_properties = "Profiles can contain multiple properties.";
    property_keys_and_values_are_trimmed = "Property keys and values are trimmed.";
    property_values_can_be_empty = "Property values can be empty.";
    property_key_cannot_be_empty = "Property key cannot be empty.";
    property_definitions_must_contain_an_equals_sign = "Property definitions must contain an equals sign.";
    multiple_profiles_can_be_empty = "Multiple profiles can be empty.";
    multiple_profiles_can_have_properties = "Multiple profiles can have properties.";
    blank_lines_are_ignored = "Blank lines are ignored.";
    pound_sign_comments_are_ignored = "Pound sign comments are ignored.";
    semicolon_sign_comments_are_ignored = "Semicolon sign comments are ignored.";
    all_comment_types_can_be_used_together = "All comment types can be used together.";
    comments_can_be_empty = "Comments can be empty.";
    comments_can_be_adjacent_to_profile_names = "Comments can be adjacent to profile names.";
    comments_adjacent_to_values_are_included_in_the_value = "Comments adjacent to values are included in the value.";
    property_values_can_be_continued_on_the_next_line = "Property values can be continued on the next line.";
    property_values_can_be_continued_with_multiple_lines = "Property values can be continued with multiple lines.";
    continuations_are_trimmed = "Continuations are trimmed.";
    continuation_values_include_pound_comments = "Continuation values include pound comments.";
    continuation_values_include_semicolon_comments = "Continuation values include semicolon comments.";
    continuations_cannot_be_used_outside_of_a_profile = "Continuations cannot be used outside of a profile.";
    continuations_cannot_be_used_outside_of_a_property = "Continuations cannot be used outside of a property.";
    continuations_reset_with_profile_definitions = "Continuations reset with profile definitions.";
    duplicate_profiles_in_the_same_file_merge_properties = "Duplicate profiles in the same file merge properties.";
    duplicate_properties_in_a_profile_use_the_last_one_defined = "Duplicate properties in a profile use the last one defined.";
    duplicate_properties_in_duplicate_profiles_use_the_last_one_defined = "Duplicate properties in duplicate profiles use the last one defined.";
    duplicate_properties_in_duplicate_profiles_use_the_last_one_defined_case_insensitive = "Duplicate properties in duplicate profiles use the last one defined (case insensitive).";
    default_profile_with_profile_prefix_overrides_default_profile_without_prefix_when_profile_prefix_is_first = "Default profile with profile prefix overrides default profile without prefix when profile prefix is first.";
    default_profile_with_profile_prefix_overrides_default_profile_without_prefix_when_profile_prefix_is_last = "Default profile with profile prefix overrides default profile without prefix when profile prefix is last.";
    invalid_profile_names_are_ignored = "Invalid profile names are ignored.";
    invalid_property_names_are_ignored = "Invalid property names are ignored.";
    all_valid_profile_name_characters_are_supported = "All valid profile name characters are supported.";
    all_valid_property_name_characters_are_supported = "All valid property name characters are supported.";
    properties_can_have_sub_properties = "Properties can have sub-properties.";
    invalid_sub_property_definitions_cause_an_error = "Invalid sub-property definitions cause an error.";
    sub_property_definitions_can_have_an_empty_value = "Sub-property definitions can have an empty value.";
    sub_property_definitions_cannot_have_an_empty_name = "Sub-property definitions cannot have an empty name.";
    sub_property_definitions_can_have_an_invalid_name = "Sub-property definitions can have an invalid name.";
    sub_properties_can_have_blank_lines_that_are_ignored = "Sub-properties can have blank lines that are ignored";
    profiles_duplicated_in_multiple_files_are_merged = "Profiles duplicated in multiple files are merged.";
    default_profiles_with_mixed_prefixes_in_the_config_file_ignore_the_one_without_prefix_when_merging = "Default profiles with mixed prefixes in the config file ignore the one without prefix when merging.";
    default_profiles_with_mixed_prefixes_merge_with_credentials = "Default profiles with mixed prefixes merge with credentials";
    duplicate_properties_between_files_uses_credentials_property = "Duplicate properties between files uses credentials property.";
    config_profiles_without_prefix_are_ignored = "Config profiles without prefix are ignored.";
    credentials_profiles_with_prefix_are_ignored = "Credentials profiles with prefix are ignored.";
    comment_characters_adjacent_to_profile_decls = "Comment characters adjacent to profile decls";
    invalid_continuation = "Invalid continuation";
    sneaky_profile_name = "sneaky profile name";
    profile_name_with_extra_whitespace = "profile name with extra whitespace";
    profile_name_with_extra_whitespace_in_credentials = "profile name with extra whitespace in credentials";
    properties_from_an_invalid_profile_name_are_ignored = "properties from an invalid profile name are ignored";
    sso_session_with_properties = "sso-session with properties";
    sso_session_without_the_space_before_the_name_is_a_profile = "sso-session without the space before the name is a profile";
    a_typo_d_sso_session_will_be_ignored = "A typo'd sso-session will be ignored";
}

location_cases! {
    user_home_is_loaded_from_home_with_highest_priority_on_non_windows_platforms = "User home is loaded from $HOME with highest priority on non-windows platforms.";
    user_home_is_loaded_from_home_with_highest_priority_on_windows_platforms = "User home is loaded from $HOME with highest priority on windows platforms.";
    user_home_is_loaded_from_userprofile_on_windows_platforms_when_home_is_not_set = "User home is loaded from $USERPROFILE on windows platforms when $HOME is not set.";
    user_home_is_loaded_from_homedrive_homepath_on_windows_platforms_when_home_and_userprofile_are_not_set = "User home is loaded from $HOMEDRIVE$HOMEPATH on windows platforms when $HOME and $USERPROFILE are not set.";
    the_default_config_location_can_be_overridden_by_the_user_on_non_windows_platforms = "The default config location can be overridden by the user on non-windows platforms.";
    the_default_credentials_location_can_be_overridden_by_the_user_on_non_windows_platforms = "The default credentials location can be overridden by the user on non-windows platforms.";
    the_default_credentials_location_can_be_overridden_by_the_user_on_windows_platforms = "The default credentials location can be overridden by the user on windows platforms.";
    the_default_profile_can_be_overridden_via_environment_variable = "The default profile can be overridden via environment variable.";
}
