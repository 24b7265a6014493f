//! The AWS model code generator: front-ends, shape graph, naming and emitters.
//!
//! Pipeline: [`model`] (botocore JSON or Smithy JSON AST → [`ir::Model`]) →
//! [`ir`] validation and boxing → [`naming`] → [`emit`] (`TokenStream`s) →
//! [`render`] (prettyplease).

pub mod changelog;
pub mod diff;
pub mod docs;
pub mod emit;
pub mod endpoints;
pub mod error;
pub mod ir;
pub mod model;
pub mod naming;
pub mod pipeline;
pub mod protocol_tests;
pub mod render;
