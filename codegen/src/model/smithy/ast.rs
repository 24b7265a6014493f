//! Serde structs that mirror the Smithy JSON AST
//! (<https://smithy.io/2.0/spec/json-ast.html>), so that a value of the
//! wrong type is reported with its JSON Pointer.
//!
//! Every shape is one flat struct with all the properties any shape type
//! may have: the type is dispatched on while flattening, where an unknown
//! type gets its own error. Properties this generator does not use
//! (`metadata`, `rename`, resource `identifiers`, …) are not declared and
//! so are skipped. Trait values stay JSON until lowering decodes the traits
//! it knows; unknown traits are never decoded, so they cannot fail.

use indexmap::IndexMap;
use serde::Deserialize;

/// A Smithy JSON AST file.
#[derive(Deserialize)]
pub struct SmithyFile {
    /// The Smithy IDL version (`"2.0"`, `"1.0"`).
    pub smithy: String,
    /// Shapes by absolute shape id, in file order.
    #[serde(default)]
    pub shapes: IndexMap<String, ShapeDef>,
}

/// Trait values by trait shape id, in file order.
pub type TraitValues = IndexMap<String, serde_json::Value>;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShapeDef {
    /// The shape type (`structure`, `string`, …), or `apply`.
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub traits: TraitValues,
    #[serde(default)]
    pub mixins: Vec<Reference>,
    /// Structure, union, enum and intEnum members.
    #[serde(default)]
    pub members: IndexMap<String, MemberDef>,
    /// The element of a list or set.
    pub member: Option<MemberDef>,
    pub key: Option<MemberDef>,
    pub value: Option<MemberDef>,
    /// A service's API version.
    pub version: Option<String>,
    /// Operations bound to a service or resource.
    #[serde(default)]
    pub operations: Vec<Reference>,
    #[serde(default)]
    pub resources: Vec<Reference>,
    /// A service's common errors, or an operation's errors.
    #[serde(default)]
    pub errors: Vec<Reference>,
    pub input: Option<Reference>,
    pub output: Option<Reference>,
    // Resource lifecycle operations.
    pub create: Option<Reference>,
    pub put: Option<Reference>,
    pub read: Option<Reference>,
    pub update: Option<Reference>,
    pub delete: Option<Reference>,
    pub list: Option<Reference>,
    #[serde(default)]
    pub collection_operations: Vec<Reference>,
}

/// A member: its target and its own traits.
#[derive(Deserialize)]
pub struct MemberDef {
    pub target: String,
    #[serde(default)]
    pub traits: TraitValues,
}

/// `{"target": "ns#Name"}`.
#[derive(Deserialize)]
pub struct Reference {
    pub target: String,
}
