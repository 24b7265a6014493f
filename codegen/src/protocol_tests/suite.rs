//! The protocol test files as botocore ships them: serde structs that
//! mirror `protocols/{input,output}/<protocol>.json` and
//! `protocol-tests-ignore-list.json`.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::{Map, Value};

/// Which way a suite tests: serializing requests or parsing responses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Direction {
    Input,
    Output,
}

impl Direction {
    /// `input` or `output`: the file's folder, the key in the ignore list,
    /// and the Rust module of the generated suites.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Input => "input",
            Direction::Output => "output",
        }
    }
}

/// One suite: a model fragment (metadata and shapes) and cases that each
/// give the operation they exercise.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Suite {
    pub description: String,
    pub metadata: Map<String, Value>,
    #[serde(default)]
    pub shapes: Map<String, Value>,
    pub cases: Vec<Case>,
    /// The endpoint the client is configured with (input suites only).
    pub client_endpoint: Option<String>,
}

/// One test case.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Case {
    pub id: String,
    pub description: Option<String>,
    /// The operation, as a botocore operation definition plus its `name`.
    pub given: Map<String, Value>,
    /// Input cases: the request's parameters, by member name.
    pub params: Option<Value>,
    /// Input cases: the request expected.
    pub serialized: Option<Serialized>,
    /// Output cases: the response to parse.
    pub response: Option<Response>,
    /// Output cases: the parsed output expected, by member name.
    pub result: Option<Value>,
    /// Output error cases: the error's code (its shape name).
    pub error_code: Option<String>,
    pub error_message: Option<String>,
    /// Output error cases: the error's members, by member name.
    pub error: Option<Value>,
}

impl Case {
    /// The operation's name (`given.name`).
    pub fn operation_name(&self) -> Option<&str> {
        self.given.get("name").and_then(Value::as_str)
    }
}

/// The request an input case expects.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Serialized {
    pub method: String,
    /// Path and query, as sent.
    pub uri: String,
    /// Absent means empty.
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub headers: IndexMap<String, String>,
    #[serde(default)]
    pub forbid_headers: Vec<String>,
    #[serde(default)]
    pub require_headers: Vec<String>,
    /// The host the request goes to (host prefix + the endpoint's host).
    pub host: Option<String>,
}

/// The response an output case parses.
#[derive(Debug, Clone, Deserialize)]
pub struct Response {
    pub status_code: u16,
    #[serde(default)]
    pub headers: IndexMap<String, String>,
    /// Absent means empty.
    #[serde(default)]
    pub body: String,
}

/// botocore's `protocol-tests-ignore-list.json`: suites (by description)
/// ignored for every protocol, and cases (by id) ignored per protocol.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct IgnoreList {
    #[serde(default)]
    general: Directions,
    #[serde(default)]
    protocols: BTreeMap<String, Directions>,
}

#[derive(Debug, Clone, Default, Deserialize)]
struct Directions {
    #[serde(default)]
    input: Lists,
    #[serde(default)]
    output: Lists,
}

impl Directions {
    fn get(&self, direction: Direction) -> &Lists {
        match direction {
            Direction::Input => &self.input,
            Direction::Output => &self.output,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
struct Lists {
    #[serde(default)]
    suites: Vec<String>,
    #[serde(default)]
    cases: Vec<String>,
}

impl IgnoreList {
    /// Why botocore ignores a case of `protocol` (botocore's name,
    /// `rest-json`), if it does.
    pub fn ignores(
        &self,
        protocol: &str,
        direction: Direction,
        suite: &str,
        case: &str,
    ) -> Option<String> {
        if self
            .general
            .get(direction)
            .suites
            .iter()
            .any(|s| s == suite)
        {
            return Some(format!(
                "its suite \"{suite}\" is in the ignore list's general {} suites",
                direction.as_str()
            ));
        }
        let lists = self.protocols.get(protocol)?.get(direction);
        if lists.suites.iter().any(|s| s == suite) {
            return Some(format!(
                "its suite \"{suite}\" is in the ignore list's {protocol} {} suites",
                direction.as_str()
            ));
        }
        lists.cases.iter().any(|c| c == case).then(|| {
            format!(
                "it is in the ignore list's {protocol} {} cases",
                direction.as_str()
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignore_list_by_suite_and_by_case() {
        let list: IgnoreList = serde_json::from_str(
            r#"{
                "general": {"input": {"suites": ["Test cases for A operation"]}},
                "protocols": {"rest-json": {"output": {"cases": ["B1"]}}}
            }"#,
        )
        .unwrap();
        let input = Direction::Input;
        let output = Direction::Output;
        assert!(list
            .ignores("rest-json", input, "Test cases for A operation", "A1")
            .is_some());
        assert!(list
            .ignores("rest-json", output, "Test cases for A operation", "A1")
            .is_none());
        assert!(list.ignores("rest-json", output, "s", "B1").is_some());
        assert!(list.ignores("rest-json", input, "s", "B1").is_none());
        assert!(list.ignores("rest-xml", output, "s", "B1").is_none());
    }
}
