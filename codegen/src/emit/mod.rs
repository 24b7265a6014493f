//! Emitters: pure functions from the shape graph to `TokenStream`s.
//!
//! One module per concern. None of them builds Rust code from strings:
//! everything is `quote!`, and every identifier comes from [`Names`].

mod crate_root;
mod docs;
mod errors;
mod operations;
mod rust_type;
mod service;
mod types;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;

use crate::ir::{Model, ShapeId};
use crate::naming::Names;

pub use crate_root::{cargo_toml, crate_root, CrateService, RuntimeDependency};

/// The generated code of one service, one `TokenStream` per file.
pub struct ServiceCode {
    /// `mod.rs`: service docs, metadata, submodule declarations.
    pub module: TokenStream,
    /// `types.rs`: structures, unions and enums.
    pub types: TokenStream,
    /// `errors.rs`: one error enum per operation.
    pub errors: TokenStream,
    /// `operations.rs`: one marker type per operation.
    pub operations: TokenStream,
}

/// Everything an emitter needs to look up.
pub(crate) struct Context<'a> {
    pub model: &'a Model,
    pub names: &'a Names,
    /// Which operations use a shape as their input or output.
    pub used_as: BTreeMap<ShapeId, Vec<(Role, &'a str)>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Input,
    Output,
}

impl<'a> Context<'a> {
    fn new(model: &'a Model, names: &'a Names) -> Context<'a> {
        let mut used_as: BTreeMap<ShapeId, Vec<(Role, &str)>> = BTreeMap::new();
        for (name, op) in &model.operations {
            if let Some(input) = &op.input {
                used_as.entry(input.clone()).or_default().push((Role::Input, name));
            }
            if let Some(output) = &op.output {
                used_as.entry(output.clone()).or_default().push((Role::Output, name));
            }
        }
        Context {
            model,
            names,
            used_as,
        }
    }
}

/// Emits every file of one service's module.
pub fn emit_service(model: &Model, names: &Names) -> ServiceCode {
    let ctx = Context::new(model, names);
    ServiceCode {
        module: service::emit(&ctx),
        types: types::emit(&ctx),
        errors: errors::emit(&ctx),
        operations: operations::emit(&ctx),
    }
}

/// Every identifier in `tokens`, nested groups included.
pub(crate) fn collect_idents(tokens: &TokenStream, out: &mut std::collections::BTreeSet<String>) {
    for token in tokens.clone() {
        match token {
            proc_macro2::TokenTree::Ident(i) => {
                out.insert(i.to_string());
            }
            proc_macro2::TokenTree::Group(g) => collect_idents(&g.stream(), out),
            _ => {}
        }
    }
}

/// Whether `tokens` use the identifier `name` anywhere (doc strings aside).
pub(crate) fn mentions(tokens: &TokenStream, name: &str) -> bool {
    let mut idents = std::collections::BTreeSet::new();
    collect_idents(tokens, &mut idents);
    idents.contains(name)
}
