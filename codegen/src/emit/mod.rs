//! Emitters: pure functions from the shape graph to `TokenStream`s.
//!
//! One module per concern. None of them builds Rust code from strings:
//! everything is `quote!`, and every identifier comes from [`Names`].

mod crate_root;
mod deserialize;
pub(crate) mod docs;
mod errors;
mod operations;
mod rust_type;
mod serde_rename;
mod serialize;
mod service;
mod types;
mod wire;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;

use crate::ir::{Model, ShapeId};
use crate::naming::Names;

pub use crate_root::{cargo_toml, crate_root, CrateService, RuntimeDependency};

/// The files of one service's module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceFile {
    /// `mod.rs`: service docs, metadata, submodule declarations.
    Module,
    /// `types.rs`: structures, unions and enums.
    Types,
    /// `errors.rs`: one error enum per operation.
    Errors,
    /// `operations.rs`: one marker type per operation.
    Operations,
    /// `serialize.rs`: request serializers and JSON writers (restJson1).
    Serialize,
    /// `deserialize.rs`: response parsers and JSON readers (restJson1).
    Deserialize,
}

impl ServiceFile {
    pub const ALL: [ServiceFile; 6] = [
        ServiceFile::Types,
        ServiceFile::Errors,
        ServiceFile::Operations,
        ServiceFile::Serialize,
        ServiceFile::Deserialize,
        ServiceFile::Module,
    ];

    /// Whether the service gets this file: the wire code exists for
    /// restJson1 services only.
    pub fn applies_to(self, model: &Model) -> bool {
        match self {
            ServiceFile::Serialize | ServiceFile::Deserialize => has_wire_code(model),
            _ => true,
        }
    }

    pub fn file_name(self) -> &'static str {
        match self {
            ServiceFile::Module => "mod.rs",
            ServiceFile::Types => "types.rs",
            ServiceFile::Errors => "errors.rs",
            ServiceFile::Operations => "operations.rs",
            ServiceFile::Serialize => "serialize.rs",
            ServiceFile::Deserialize => "deserialize.rs",
        }
    }
}

/// Everything an emitter needs to look up.
pub(crate) struct Context<'a> {
    pub model: &'a Model,
    pub names: &'a Names,
    /// Which operations use a shape as their input or output.
    pub used_as: BTreeMap<ShapeId, Vec<(Role, &'a str)>>,
    /// The structures read from whole responses: operation outputs and
    /// modeled errors. They carry the response's metadata.
    pub from_responses: std::collections::BTreeSet<ShapeId>,
    /// Names the file being emitted uses unqualified and must import,
    /// recorded where they are emitted (a token scan would mistake an
    /// enum variant `Document` for the runtime type).
    imports: std::cell::RefCell<std::collections::BTreeSet<&'static str>>,
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
                used_as
                    .entry(input.clone())
                    .or_default()
                    .push((Role::Input, name));
            }
            if let Some(output) = &op.output {
                used_as
                    .entry(output.clone())
                    .or_default()
                    .push((Role::Output, name));
            }
        }
        let from_responses = model.response_shapes();
        Context {
            model,
            names,
            used_as,
            from_responses,
            imports: Default::default(),
        }
    }

    /// A name to be imported at the top of the file (`HashMap` or a
    /// runtime type), recorded as used.
    pub(crate) fn import(&self, name: &'static str) -> TokenStream {
        self.imports.borrow_mut().insert(name);
        let ident = crate::naming::ident(name);
        quote::quote!(#ident)
    }

    /// `use` lines for every name recorded by [`Context::import`].
    pub(crate) fn use_lines(&self) -> TokenStream {
        let imports = self.imports.borrow();
        let hash_map = imports.contains("HashMap").then(|| {
            quote::quote!(
                use std::collections::HashMap;
            )
        });
        let runtime: Vec<_> = imports
            .iter()
            .filter(|name| **name != "HashMap")
            .map(|name| crate::naming::ident(name))
            .collect();
        let runtime =
            (!runtime.is_empty()).then(|| quote::quote!(use awsgen_runtime::{#(#runtime),*};));
        quote::quote! {
            #hash_map
            #runtime
        }
    }
}

/// Emits one file of a service's module.
pub fn emit_service_file(model: &Model, names: &Names, file: ServiceFile) -> TokenStream {
    let ctx = Context::new(model, names);
    match file {
        ServiceFile::Module => service::emit(&ctx),
        ServiceFile::Types => types::emit(&ctx),
        ServiceFile::Errors => errors::emit(&ctx),
        ServiceFile::Operations => operations::emit(&ctx),
        ServiceFile::Serialize => serialize::emit(&ctx),
        ServiceFile::Deserialize => deserialize::emit(&ctx),
    }
}

/// Whether request serializers and response parsers are generated for the
/// service (restJson1 only, for now).
pub(crate) fn has_wire_code(model: &Model) -> bool {
    model.service.protocol == crate::ir::Protocol::RestJson1
}

/// The `use` lines of `wanted` whose name `tokens` mention, so a file
/// imports exactly what it uses and compiles without warnings.
pub(crate) fn use_lines_for(tokens: &TokenStream, wanted: &[(&str, TokenStream)]) -> TokenStream {
    let mut idents = std::collections::BTreeSet::new();
    collect_idents(tokens, &mut idents);
    wanted
        .iter()
        .filter(|(name, _)| idents.contains(*name))
        .map(|(_, line)| line.clone())
        .collect()
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
