//! serde structs mirroring an endpoint rule set (`endpoint-rule-set-1.json`,
//! or the `smithy.rules#endpointRuleSet` trait). Expressions stay JSON
//! here; [`super::resolver`] reads them, with their JSON Pointer, as it
//! types them.

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;

/// The whole document.
#[derive(Debug, Deserialize)]
pub struct RuleSet {
    #[serde(default)]
    pub version: Option<String>,
    /// In file order: the order of the parameters struct's fields.
    pub parameters: IndexMap<String, Parameter>,
    pub rules: Vec<Rule>,
}

/// One parameter of resolution.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Parameter {
    /// `string`, `boolean` or `stringArray` (any case, as botocore reads it).
    #[serde(rename = "type")]
    pub type_name: String,
    #[serde(default)]
    pub documentation: Option<String>,
    /// The SDK setting that fills it (`AWS::Region`, `SDK::Endpoint`, …).
    #[serde(default)]
    pub built_in: Option<String>,
    #[serde(default)]
    pub default: Option<Value>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub deprecated: Option<Deprecated>,
}

#[derive(Debug, Deserialize)]
pub struct Deprecated {
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub since: Option<String>,
}

/// A rule: `endpoint`, `error` or `tree` by its `type`.
#[derive(Debug, Deserialize)]
pub struct Rule {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub conditions: Vec<Condition>,
    #[serde(default)]
    pub documentation: Option<String>,
    #[serde(default)]
    pub endpoint: Option<EndpointDef>,
    #[serde(default)]
    pub error: Option<Value>,
    #[serde(default)]
    pub rules: Option<Vec<Rule>>,
}

/// A condition: a function call whose result may be assigned to a name.
#[derive(Debug, Deserialize)]
pub struct Condition {
    #[serde(rename = "fn")]
    pub function: String,
    pub argv: Vec<Value>,
    #[serde(default)]
    pub assign: Option<String>,
}

/// What an endpoint rule resolves to.
#[derive(Debug, Deserialize)]
pub struct EndpointDef {
    pub url: Value,
    #[serde(default)]
    pub properties: IndexMap<String, Value>,
    #[serde(default)]
    pub headers: IndexMap<String, Vec<Value>>,
}
