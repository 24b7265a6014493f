//! Emitters: pure functions from the shape graph to `TokenStream`s.
//!
//! One module per concern. None of them builds Rust code from strings:
//! everything is `quote!`, and every identifier comes from [`Names`]: the
//! model's items and the names a file imports alike, from the file's
//! symbol table.

mod client;
mod crate_root;
mod deserialize;
pub(crate) mod docs;
mod errors;
mod operations;
mod paginators;
mod rust_type;
mod serde_rename;
mod serialize;
mod service;
mod types;
pub(crate) mod validate;
mod wire;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;

use crate::ir::{Model, ShapeId, WireView};
use crate::naming::{Import, Item, ModuleNames, Names};

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
    /// `validate.rs`: checks of inputs before sending (restJson1, when an
    /// input has something to check).
    Validate,
    /// `paginators.rs`: `Paginated` impls of the paginated operations
    /// (restJson1, when there is one).
    Paginators,
    /// `client.rs`: the service's clients (restJson1, with endpoint rules).
    Client,
}

impl ServiceFile {
    pub const ALL: [ServiceFile; 9] = [
        ServiceFile::Types,
        ServiceFile::Errors,
        ServiceFile::Operations,
        ServiceFile::Serialize,
        ServiceFile::Deserialize,
        ServiceFile::Validate,
        ServiceFile::Paginators,
        ServiceFile::Client,
        ServiceFile::Module,
    ];

    /// Whether the service gets this file: the wire code exists for
    /// restJson1 services only.
    pub fn applies_to(self, model: &Model) -> bool {
        match self {
            ServiceFile::Serialize | ServiceFile::Deserialize => has_wire_code(model),
            ServiceFile::Validate => has_wire_code(model) && !model.validated_shapes().is_empty(),
            ServiceFile::Paginators => {
                has_wire_code(model) && model.operations.values().any(|op| op.paginated.is_some())
            }
            ServiceFile::Client => has_client(model),
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
            ServiceFile::Validate => "validate.rs",
            ServiceFile::Paginators => "paginators.rs",
            ServiceFile::Client => "client.rs",
        }
    }
}

/// Everything an emitter needs to look up.
pub(crate) struct Context<'a> {
    pub model: &'a Model,
    pub names: &'a Names,
    /// Every member's wire facts, resolved once (`ir/view.rs`).
    pub view: &'a WireView<'a>,
    /// Which operations use a shape as their input or output.
    pub used_as: BTreeMap<ShapeId, Vec<(Role, &'a str)>>,
    /// The structures read from whole responses: operation outputs and
    /// modeled errors. They carry the response's metadata.
    pub from_responses: std::collections::BTreeSet<ShapeId>,
    /// The service module's path as the crate's users write it
    /// (`awsgen::iot`), when the crate's doctests are compiled: the client
    /// examples name it. `None` (a crate laid out otherwise, such as the
    /// protocol test crate) leaves the examples uncompiled.
    pub doctest_path: Option<&'a str>,
    /// The file being emitted: whose symbol table names its items.
    file: ServiceFile,
    /// What the file imports, recorded where it is used; the `use` lines
    /// are written from it (never from a scan of the tokens, which would
    /// mistake an enum variant `Document` for the runtime type).
    imports: std::cell::RefCell<std::collections::BTreeSet<Import>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Input,
    Output,
}

impl<'a> Context<'a> {
    fn new(
        model: &'a Model,
        names: &'a Names,
        view: &'a WireView<'a>,
        file: ServiceFile,
        doctest_path: Option<&'a str>,
    ) -> Context<'a> {
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
            view,
            used_as,
            from_responses,
            doctest_path,
            file,
            imports: Default::default(),
        }
    }

    /// The symbol table of the file being emitted.
    pub(crate) fn table(&self) -> &ModuleNames {
        self.names.module(self.file)
    }

    /// The identifier of an item of the file being emitted.
    pub(crate) fn item(&self, item: &Item) -> proc_macro2::Ident {
        self.table().ident(item)
    }

    /// The identifier of an item of another file of the service (an
    /// operation's functions, called from `operations.rs`).
    pub(crate) fn item_of(&self, file: ServiceFile, item: &Item) -> proc_macro2::Ident {
        self.names.module(file).ident(item)
    }

    /// A name imported at the top of the file, recorded as used.
    pub(crate) fn import(&self, import: Import) -> proc_macro2::Ident {
        self.imports.borrow_mut().insert(import);
        self.item(&Item::Import(import))
    }

    /// [`Context::import`] as tokens.
    pub(crate) fn import_tokens(&self, import: Import) -> TokenStream {
        let name = self.import(import);
        quote::quote!(#name)
    }

    /// `use` lines for every name recorded by [`Context::import`]: one per
    /// module imported from, in the order of [`Import::ALL`].
    pub(crate) fn use_lines(&self) -> TokenStream {
        let imports = self.imports.borrow();
        let mut by_path: Vec<(&[&str], Vec<proc_macro2::Ident>)> = Vec::new();
        for import in Import::ALL.into_iter().filter(|i| imports.contains(i)) {
            let name = self.item(&Item::Import(import));
            match by_path.iter_mut().find(|(path, _)| *path == import.path()) {
                Some((_, names)) => names.push(name),
                None => by_path.push((import.path(), vec![name])),
            }
        }
        by_path
            .into_iter()
            .map(|(path, names)| {
                let path: Vec<proc_macro2::Ident> = path
                    .iter()
                    .map(|segment| crate::naming::ident(segment))
                    .collect();
                if let [name] = names.as_slice() {
                    quote::quote!(use #(#path::)* #name;)
                } else {
                    quote::quote!(use #(#path::)* {#(#names),*};)
                }
            })
            .collect()
    }
}

/// Emits one file of a service's module, from the model, its names and its
/// wire view (`WireView::build(model)`).
pub fn emit_service_file(
    model: &Model,
    names: &Names,
    view: &WireView,
    file: ServiceFile,
) -> TokenStream {
    emit_service_file_with_doctests(model, names, view, file, None)
}

/// [`emit_service_file`] for a module whose path users write as
/// `doctest_path` (`awsgen::iot`): the client's examples become doctests
/// (`no_run`) naming it.
pub fn emit_service_file_with_doctests(
    model: &Model,
    names: &Names,
    view: &WireView,
    file: ServiceFile,
    doctest_path: Option<&str>,
) -> TokenStream {
    let ctx = Context::new(model, names, view, file, doctest_path);
    match file {
        ServiceFile::Module => service::emit(&ctx),
        ServiceFile::Types => types::emit(&ctx),
        ServiceFile::Errors => errors::emit(&ctx),
        ServiceFile::Operations => operations::emit(&ctx),
        ServiceFile::Serialize => serialize::emit(&ctx),
        ServiceFile::Deserialize => deserialize::emit(&ctx),
        ServiceFile::Validate => validate::emit(&ctx),
        ServiceFile::Paginators => paginators::emit(&ctx),
        ServiceFile::Client => client::emit(&ctx),
    }
}

/// Whether request serializers and response parsers are generated for the
/// service (restJson1 only, for now).
pub(crate) fn has_wire_code(model: &Model) -> bool {
    model.service.protocol == crate::ir::Protocol::RestJson1
}

/// Whether the service gets clients: it needs the wire code, and endpoint
/// rules that type-check (a client resolves its endpoint through them).
pub(crate) fn has_client(model: &Model) -> bool {
    has_wire_code(model)
        && model
            .service
            .endpoint_rule_set
            .as_ref()
            .and_then(crate::endpoints::builtin_params)
            .is_some()
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
