//! `client.rs`: the service's `Client` (async) and `BlockingClient` (under
//! the crate's `blocking` feature), one method per operation.
//!
//! Each method is a non-generic line into the runtime
//! (`ServiceClient::call::<Op>`), whose loop (credentials, signing,
//! retries, timeouts) is compiled once for every operation: what the
//! generated crate compiles per operation is building the request and
//! parsing the response, which exist anyway. The endpoint is resolved once
//! per client through the service's generated resolver, over the built-in
//! parameters the runtime knows (`EndpointInputs`).

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::Doc;
use crate::emit::rust_type::From;
use crate::emit::Context;
use crate::endpoints::{builtin_params, BuiltinParam, ParamType};
use crate::ir::Operation;
use crate::naming::{Import, Item};

pub(super) fn emit(ctx: &Context) -> TokenStream {
    let service = &ctx.model.service;
    let full_name = &service.full_name;
    let client = ctx.item(&Item::Client);
    let blocking = ctx.item(&Item::BlockingClient);
    let resolver = ctx.item(&Item::EndpointFn);
    let service_spec = ctx.item(&Item::ServiceSpecConst);
    let signing_name = service
        .signing_name
        .clone()
        .or_else(|| service.endpoint_prefix.clone())
        .unwrap_or_else(|| service.service_id.to_ascii_lowercase());
    let asyncs: Vec<TokenStream> = ctx
        .model
        .operations
        .values()
        .map(|op| method(ctx, op, Mode::Async))
        .collect();
    let blockings: Vec<TokenStream> = ctx
        .model
        .operations
        .values()
        .map(|op| method(ctx, op, Mode::Blocking))
        .collect();
    let params = endpoint_params(ctx);
    // After the methods, which record what they import.
    let imports = ctx.use_lines();
    let module_doc = Doc::new()
        .text(format!(
            "The clients of {full_name}: [`{client}`] (async) and, with the `blocking` feature, \
             `{blocking}`; one method per operation."
        ))
        .text(
            "A client resolves its endpoint once (the service's endpoint rules over the \
             configured region, FIPS, dual-stack and endpoint URL), signs every request \
             (SigV4, credentials from the configured provider), retries throttling and \
             transient errors, and applies the configured timeouts. Each call returns its \
             output or an `awsgen_runtime::client::CallError` holding the operation's error \
             enum (modeled errors and `Unhandled`), or the build, credentials, transport, \
             timeout or malformed-response error; service errors show their code and message \
             and carry the status and request id (`HasResponseMetadata`).",
        )
        .inner();
    let client_doc = Doc::new()
        .text(format!("The async client of {full_name}."))
        .text(format!(
            "Build it from the environment with [`from_env`]({client}::from_env) (feature \
             `hyper`: region, endpoint URL, FIPS, dual-stack, retries and credentials as the \
             AWS SDKs read them; `HyperClient`), or from \
             `awsgen_runtime::client::ClientSettings` with [`new`]({client}::new) and any \
             transport (an `Arc<dyn HttpClient>`, such as `ReplayClient` in tests). Clones share \
             the connection pool, the retry quota and the credentials cache."
        ))
        .text(client_example(ctx, Mode::Async))
        .outer();
    let blocking_doc = Doc::new()
        .text(format!(
            "The blocking client of {full_name} (feature `blocking`): the same methods as \
             [`{client}`], each waiting for its answer on the calling thread."
        ))
        .text(format!(
            "[`from_env`]({blocking}::from_env) sends with `UreqClient`; \
             [`new`]({blocking}::new) takes `ClientSettings::blocking` with any transport whose \
             futures need no async runtime (`UreqClient`, `ReplayClient`). Never call it from \
             inside an async runtime."
        ))
        .text(client_example(ctx, Mode::Blocking))
        .outer();
    let service_id = &service.service_id;
    quote! {
        #module_doc
        #imports

        #[doc = " What the runtime needs to know of the service."]
        const #service_spec: awsgen_runtime::__private::client::ServiceSpec = awsgen_runtime::__private::client::ServiceSpec {
            service_id: #service_id,
            signing_name: #signing_name,
            resolve: #resolver,
        };

        #[doc = " The service's endpoint rules over the built-in parameters."]
        fn #resolver(
            inputs: &awsgen_runtime::__private::client::EndpointInputs<'_>,
        ) -> Result<awsgen_runtime::endpoint::Endpoint, awsgen_runtime::endpoint::ResolveError> {
            super::endpoint::resolve(&#params)
        }

        #client_doc
        #[derive(Debug, Clone)]
        pub struct #client {
            inner: awsgen_runtime::client::ServiceClient,
        }

        impl #client {
            #[doc = " A client from these settings: the endpoint is resolved now, once."]
            #[doc = ""]
            #[doc = " # Errors"]
            #[doc = ""]
            #[doc = " No endpoint for the configuration (the rules' message), or no region to sign for."]
            pub fn new(
                settings: awsgen_runtime::client::ClientSettings,
            ) -> Result<Self, awsgen_runtime::client::ClientBuildError> {
                awsgen_runtime::client::ServiceClient::new(settings, &#service_spec)
                    .map(|inner| Self { inner })
            }

            #[doc = " A client configured from the environment and profile files, sending with `HyperClient`."]
            #[doc = ""]
            #[doc = " # Errors"]
            #[doc = ""]
            #[doc = " An invalid configuration, no endpoint for it, or a transport that cannot be set up."]
            #[cfg(feature = "hyper")]
            pub fn from_env() -> Result<Self, awsgen_runtime::client::ClientBuildError> {
                Self::new(awsgen_transport::env_settings(#service_id)?)
            }

            #[doc = " The runtime client: the resolved configuration (endpoint, signing, retries, timeouts)."]
            pub fn service_client(&self) -> &awsgen_runtime::client::ServiceClient {
                &self.inner
            }

            #(#asyncs)*
        }

        #blocking_doc
        #[cfg(feature = "blocking")]
        #[derive(Debug, Clone)]
        pub struct #blocking {
            inner: awsgen_runtime::client::ServiceClient,
        }

        #[cfg(feature = "blocking")]
        impl #blocking {
            #[doc = " A client from these settings (`ClientSettings::blocking`): the endpoint is resolved now, once."]
            #[doc = ""]
            #[doc = " # Errors"]
            #[doc = ""]
            #[doc = " No endpoint for the configuration (the rules' message), or no region to sign for."]
            pub fn new(
                settings: awsgen_runtime::client::ClientSettings,
            ) -> Result<Self, awsgen_runtime::client::ClientBuildError> {
                awsgen_runtime::client::ServiceClient::new(settings, &#service_spec)
                    .map(|inner| Self { inner })
            }

            #[doc = " A client configured from the environment and profile files, sending with `UreqClient`."]
            #[doc = ""]
            #[doc = " # Errors"]
            #[doc = ""]
            #[doc = " An invalid configuration, or no endpoint for it."]
            pub fn from_env() -> Result<Self, awsgen_runtime::client::ClientBuildError> {
                Self::new(awsgen_transport::blocking_env_settings(#service_id)?)
            }

            #[doc = " The runtime client: the resolved configuration (endpoint, signing, retries, timeouts)."]
            pub fn service_client(&self) -> &awsgen_runtime::client::ServiceClient {
                &self.inner
            }

            #(#blockings)*
        }
    }
}

/// The client type's example: built from the environment. A `no_run`
/// doctest when the crate's doctests are compiled (one per client, whatever
/// the methods' examples cost); `from_env` of the async client needs the
/// `hyper` feature, so that example's function exists only with it.
fn client_example(ctx: &Context, mode: Mode) -> String {
    let (client, wait) = match mode {
        Mode::Async => (ctx.item(&Item::Client), ".await"),
        Mode::Blocking => (ctx.item(&Item::BlockingClient), ""),
    };
    let Some(path) = ctx.doctest_path else {
        return format!("```ignore\nlet client = {client}::from_env()?;\n```");
    };
    let head = match mode {
        Mode::Async => "# #[cfg(feature = \"hyper\")]\n# async fn example() -> Result<(), Box<dyn std::error::Error>> {",
        Mode::Blocking => "# fn example() -> Result<(), Box<dyn std::error::Error>> {",
    };
    format!(
        "```no_run\n{head}\nuse {path}::{client};\n\nlet client = {client}::from_env()?;\n\
         // One method per operation: `client.operation(input){wait}?`.\n# Ok(())\n# }}\n```"
    )
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Async,
    Blocking,
}

/// One operation's method: its docs, and a line into the runtime.
fn method(ctx: &Context, op: &Operation, mode: Mode) -> TokenStream {
    let name = ctx.item(&Item::ClientMethod(op.name.clone()));
    let marker = ctx.names.operation(&op.name);
    let error = ctx.names.operation_error(&op.name);
    let errors = ctx.import(Import::Errors);
    let input = op
        .input
        .as_ref()
        .filter(|id| ctx.structure(id).is_some())
        .and_then(|id| ctx.shape_type(id, From::Sibling));
    let output = op
        .output
        .as_ref()
        .filter(|id| ctx.structure(id).is_some())
        .and_then(|id| ctx.shape_type(id, From::Sibling))
        .unwrap_or_else(|| quote!(awsgen_runtime::ResponseMetadata));
    let (param, arg) = match &input {
        Some(ty) => (quote!(input: #ty), quote!(input)),
        None => (quote!(), quote!(())),
    };
    let doc = method_doc(ctx, op, mode, input.is_some()).outer();
    let deprecated = super::docs::deprecated_attr(op.deprecated.as_ref());
    let result = quote!(Result<#output, awsgen_runtime::client::CallError<#errors::#error>>);
    let paginator = paginator_method(ctx, op, mode, &name, input.as_ref());
    match mode {
        Mode::Async => quote! {
            #doc
            #deprecated
            pub async fn #name(&self, #param) -> #result {
                self.inner.call::<super::operations::#marker>(#arg).await
            }
            #paginator
        },
        Mode::Blocking => quote! {
            #doc
            #deprecated
            pub fn #name(&self, #param) -> #result {
                self.inner.call_blocking::<super::operations::#marker>(#arg)
            }
            #paginator
        },
    }
}

/// A paginated operation's `<method>_paginator`: every page of the
/// operation from `input` on, through the operation's method (a `Stream`
/// in the async client, an `Iterator` in the blocking one). Nothing for
/// other operations.
fn paginator_method(
    ctx: &Context,
    op: &Operation,
    mode: Mode,
    method: &proc_macro2::Ident,
    input: Option<&TokenStream>,
) -> TokenStream {
    let (Some(_), Some(input)) = (&op.paginated, input) else {
        return quote!();
    };
    let name = ctx.item(&Item::PaginatorMethod(op.name.clone()));
    let marker = ctx.names.operation(&op.name);
    let summary = format!(
        " Every page of [`{method}`](Self::{method}), from `input` on: each page's token is sent for the next, until the service sends none, an empty one or one already sent."
    );
    let (kind, returns, body) = match mode {
        Mode::Async => (
            " A `Stream` of pages; `.items()` gives a `Stream` of the pages' items, `.page_size(n)` asks for pages of at most `n`. An error ends it.",
            quote!(awsgen_runtime::client::paginate::Paginator<'_, super::operations::#marker>),
            quote!(awsgen_runtime::client::paginate::Paginator::new(input, move |input| {
                Box::pin(self.#method(input))
            })),
        ),
        Mode::Blocking => (
            " An `Iterator` of pages; `.items()` gives an `Iterator` of the pages' items, `.page_size(n)` asks for pages of at most `n`. An error ends it.",
            quote!(awsgen_runtime::client::paginate::PageIter<'_, super::operations::#marker>),
            quote!(awsgen_runtime::client::paginate::PageIter::new(input, move |input| {
                self.#method(input)
            })),
        ),
    };
    quote! {
        #[doc = #summary]
        #[doc = ""]
        #[doc = #kind]
        pub fn #name(&self, input: #input) -> #returns {
            #body
        }
    }
}

/// The method's docs: what it calls, an example, the required members,
/// the paginator and the errors.
///
/// The example is a `no_run` doctest when the crate's doctests are compiled
/// (`Context::doctest_path`): the generated crate is edition 2024, whose
/// doctests rustdoc merges into one binary, so an example per method costs
/// a compile of its lines, not a link each. The hidden lines wrap it in a
/// function taking the client, so nothing but the call is shown.
fn method_doc(ctx: &Context, op: &Operation, mode: Mode, has_input: bool) -> Doc {
    let marker = ctx.names.operation(&op.name);
    let method = ctx.item(&Item::ClientMethod(op.name.clone()));
    let error = ctx.names.operation_error(&op.name);
    let mut doc = Doc::new().text(format!(
        "Calls `{}`: see [`{marker}`](super::operations::{marker}) for what it does.",
        op.name
    ));
    let required: Vec<(String, &crate::ir::WireMember)> = op
        .input
        .iter()
        .flat_map(|id| {
            ctx.view
                .members(id)
                .iter()
                .filter(|m| is_required_field(m))
                .map(move |m| (ctx.names.field(id, &m.member.name).to_owned(), m))
        })
        .collect();
    let wait = match mode {
        Mode::Async => ".await?",
        Mode::Blocking => "?",
    };
    let mut examples = Examples::default();
    let call = match (&op.input, has_input) {
        (Some(id), true) => {
            let ty = examples.type_name(ctx, id);
            let fields: String = required
                .iter()
                .map(|(field, m)| {
                    let value = examples.value(ctx, &m.member.target, 1, 1);
                    format!("    {field}: {value},\n")
                })
                .collect();
            format!("let output = client.{method}({ty} {{\n{fields}    ..Default::default()\n}}){wait};")
        }
        _ => format!("let output = client.{method}(){wait};"),
    };
    doc = doc.text(examples.code_block(ctx, mode, &call));
    if has_input {
        let line = if required.is_empty() {
            "Required members: none.".to_owned()
        } else {
            let names: Vec<String> = required
                .iter()
                .map(|(field, _)| format!("`{}`", field.trim_start_matches("r#")))
                .collect();
            format!("Required members: {}.", names.join(", "))
        };
        doc = doc.text(line);
    }
    if op.paginated.is_some() && has_input {
        let paginator = ctx.item(&Item::PaginatorMethod(op.name.clone()));
        let kind = match mode {
            Mode::Async => "a `Stream`",
            Mode::Blocking => "an `Iterator`",
        };
        doc = doc.text(format!(
            "Paginated: [`{paginator}`](Self::{paginator}) gives every page as {kind} \
             (`.items()`: every item)."
        ));
    }
    let listed: Vec<String> = op
        .errors
        .iter()
        .map(|e| ctx.names.type_ident(e).to_string())
        .map(|e| format!("`{e}`"))
        .collect();
    let modeled = if listed.is_empty() {
        String::from("no modeled errors")
    } else {
        format!("modeled: {}", listed.join(", "))
    };
    doc.text(format!(
        "# Errors\n\n`CallError::Service` with [`{error}`](super::errors::{error}) ({modeled}; \
         `Unhandled` for any other code the service returns), else the build, credentials, \
         transport, timeout or malformed-response variant of \
         [`CallError`](awsgen_runtime::client::CallError)."
    ))
}

/// A member that a struct literal must set: required, a plain field (not
/// an idempotency token or a boxed member) and generated at all.
fn is_required_field(m: &crate::ir::WireMember) -> bool {
    m.member.required && m.plain && !m.idempotency_token && m.supported
}

/// How deep examples spell out nested values; below, `Default::default()`
/// (a required list of structures holding a required list of themselves
/// would never end).
const EXAMPLE_DEPTH: usize = 4;

/// An example's placeholder values, and the names its hidden `use` lines
/// import for them.
#[derive(Default)]
struct Examples {
    /// Names of the service's `types` module.
    types: std::collections::BTreeSet<String>,
    /// Names of the crate root (`DateTime`, `Blob`, `Document`) or of the
    /// runtime (`BigInteger`, `BigDecimal`), as paths below the crate.
    root: std::collections::BTreeSet<&'static str>,
}

impl Examples {
    /// A type of the `types` module, imported.
    fn type_name(&mut self, ctx: &Context, id: &crate::ir::ShapeId) -> String {
        let name = ctx.names.type_ident(id).to_string();
        self.types.insert(name.clone());
        name
    }

    /// A runtime type re-exported at the crate root: its last segment.
    fn root_name(&mut self, path: &'static str) -> &'static str {
        self.root.insert(path);
        path.rsplit("::").next().unwrap_or(path)
    }

    /// A placeholder of the shape's Rust type: type-correct, so that the
    /// example compiles, and showing how a value of it is written.
    /// `depth` is the nesting level (1 for a member of the input), `indent`
    /// the indentation level of the line the value starts on.
    fn value(
        &mut self,
        ctx: &Context,
        id: &crate::ir::ShapeId,
        depth: usize,
        indent: usize,
    ) -> String {
        use crate::ir::ShapeKind;
        let Some(shape) = ctx.model.shape(id) else {
            return "Default::default()".to_owned();
        };
        let nested = depth < EXAMPLE_DEPTH;
        match &shape.kind {
            ShapeKind::String => "\"...\".into()".to_owned(),
            ShapeKind::Boolean => "true".to_owned(),
            ShapeKind::Byte | ShapeKind::Short | ShapeKind::Integer | ShapeKind::Long => {
                "1".to_owned()
            }
            ShapeKind::Float | ShapeKind::Double => "1.0".to_owned(),
            ShapeKind::BigInteger => {
                format!("{}::from(1_i64)", self.root_name("runtime::BigInteger"))
            }
            ShapeKind::BigDecimal => {
                format!("{}::from(1_i64)", self.root_name("runtime::BigDecimal"))
            }
            ShapeKind::Timestamp { .. } => {
                format!("{}::from_secs(1_700_000_000)", self.root_name("DateTime"))
            }
            ShapeKind::Blob { .. } => format!("{}::from(\"...\")", self.root_name("Blob")),
            ShapeKind::Document => format!("{}::from(\"...\")", self.root_name("Document")),
            ShapeKind::Enum(values) => {
                let first = values
                    .iter()
                    .find(|v| v.deprecated.is_none())
                    .or(values.first());
                match first {
                    Some(v) => {
                        let ty = self.type_name(ctx, id);
                        format!("{ty}::{}", ctx.names.variant(id, &v.name))
                    }
                    None => "Default::default()".to_owned(),
                }
            }
            ShapeKind::IntEnum(values) => match values.first() {
                Some(v) => {
                    let ty = self.type_name(ctx, id);
                    format!("{ty}::{}", ctx.names.variant(id, &v.name))
                }
                None => "Default::default()".to_owned(),
            },
            ShapeKind::List(list) if nested => {
                let element = self.value(ctx, &list.member, depth + 1, indent);
                if list.sparse {
                    format!("vec![Some({element})]")
                } else {
                    format!("vec![{element}]")
                }
            }
            ShapeKind::Map(map) if nested => {
                let key = self.value(ctx, &map.key, depth + 1, indent);
                let value = self.value(ctx, &map.value, depth + 1, indent);
                let value = if map.sparse {
                    format!("Some({value})")
                } else {
                    value
                };
                format!("std::collections::HashMap::from([({key}, {value})])")
            }
            ShapeKind::Structure(_) if nested => {
                let ty = self.type_name(ctx, id);
                let members: Vec<&crate::ir::WireMember> = ctx
                    .view
                    .members(id)
                    .iter()
                    .filter(|m| is_required_field(m))
                    .collect();
                if members.is_empty() {
                    return format!("{ty}::default()");
                }
                let inner = "    ".repeat(indent + 1);
                let fields: String = members
                    .iter()
                    .map(|m| {
                        let field = ctx.names.field(id, &m.member.name);
                        let value = self.value(ctx, &m.member.target, depth + 1, indent + 1);
                        format!("{inner}{field}: {value},\n")
                    })
                    .collect();
                let close = "    ".repeat(indent);
                format!("{ty} {{\n{fields}{inner}..Default::default()\n{close}}}")
            }
            ShapeKind::Union(_) if nested => {
                let ty = self.type_name(ctx, id);
                let Some(member) = ctx.view.members(id).iter().find(|m| m.supported) else {
                    return format!("{ty}::default()");
                };
                let variant = ctx.names.variant(id, &member.member.name);
                let value = self.value(ctx, &member.member.target, depth + 1, indent);
                if member.boxed {
                    format!("{ty}::{variant}(Box::new({value}))")
                } else {
                    format!("{ty}::{variant}({value})")
                }
            }
            ShapeKind::List(_) => "vec![]".to_owned(),
            ShapeKind::Map(_)
            | ShapeKind::Structure(_)
            | ShapeKind::Union(_)
            | ShapeKind::Unsupported { .. } => "Default::default()".to_owned(),
        }
    }

    /// The example as a code block: a `no_run` doctest inside a hidden
    /// function taking the client when the crate's doctests are compiled,
    /// else `ignore`d.
    fn code_block(&self, ctx: &Context, mode: Mode, call: &str) -> String {
        let Some(path) = ctx.doctest_path else {
            return format!("```ignore\n{call}\n```");
        };
        let root = path.split("::").next().unwrap_or(path);
        let mut lines = Vec::new();
        lines.push(match mode {
            Mode::Async => format!(
                "# async fn example(client: &{path}::Client) -> Result<(), Box<dyn std::error::Error>> {{"
            ),
            Mode::Blocking => format!(
                "# fn example(client: &{path}::BlockingClient) -> Result<(), Box<dyn std::error::Error>> {{"
            ),
        });
        match self.types.len() {
            0 => {}
            1 => lines.push(format!(
                "# use {path}::types::{};",
                self.types.iter().next().map_or("", String::as_str)
            )),
            _ => lines.push(format!(
                "# use {path}::types::{{{}}};",
                self.types
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
        for name in &self.root {
            lines.push(format!("# use {root}::{name};"));
        }
        lines.push(call.to_owned());
        lines.push("# Ok(())".to_owned());
        lines.push("# }".to_owned());
        format!("```no_run\n{}\n```", lines.join("\n"))
    }
}

/// The service's `endpoint::Params` for the runtime's inputs: each
/// parameter bound to a built-in the runtime knows is set from it, the
/// others keep their defaults.
fn endpoint_params(ctx: &Context) -> TokenStream {
    let params = ctx
        .model
        .service
        .endpoint_rule_set
        .as_ref()
        .and_then(builtin_params)
        .unwrap_or_default();
    let mut fields = Vec::new();
    let mut covered = 0;
    for p in &params {
        let Some(value) = builtin_value(p) else {
            continue;
        };
        covered += 1;
        let field = crate::naming::ident(&p.field);
        fields.push(quote!(#field: #value));
    }
    let rest = (covered < params.len()).then(|| quote!(..Default::default()));
    quote! {
        super::endpoint::Params {
            #(#fields,)*
            #rest
        }
    }
}

/// The expression setting a parameter from `inputs`, for the built-ins the
/// runtime knows and the parameter's type.
fn builtin_value(p: &BuiltinParam) -> Option<TokenStream> {
    let source = match p.built_in.as_deref()? {
        "AWS::Region" => quote!(inputs.region),
        "SDK::Endpoint" => quote!(inputs.endpoint),
        "AWS::UseFIPS" => quote!(inputs.use_fips),
        "AWS::UseDualStack" => quote!(inputs.use_dual_stack),
        _ => return None,
    };
    let is_text = matches!(p.built_in.as_deref(), Some("AWS::Region" | "SDK::Endpoint"));
    Some(match (p.ty, is_text, p.optional, &p.default_text) {
        (ParamType::String, true, true, _) => quote!(#source.map(Into::into)),
        (ParamType::String, true, false, Some(default)) => {
            quote!(#source.unwrap_or(#default).to_owned())
        }
        (ParamType::Boolean, false, true, _) => quote!(Some(#source)),
        (ParamType::Boolean, false, false, _) => source,
        // A built-in of another type than the runtime's: left to its default.
        _ => return None,
    })
}
