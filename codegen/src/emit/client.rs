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
        .text("```ignore\nlet client = Client::from_env()?;\n```")
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

/// The method's docs: what it calls, an example, the required members and
/// the errors. Examples are not compiled (`ignore`): a doctest per
/// operation would cost a compile each, for every user running
/// `cargo test --doc`.
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
                .filter(|m| m.member.required && !m.idempotency_token && m.plain)
                .map(move |m| (ctx.names.field(id, &m.member.name).to_owned(), m))
        })
        .collect();
    let wait = match mode {
        Mode::Async => ".await?",
        Mode::Blocking => "?",
    };
    let example = match (&op.input, has_input) {
        (Some(id), true) => {
            let ty = ctx.names.type_ident(id);
            let fields: String = required
                .iter()
                .map(|(field, m)| format!("    {field}: {},\n", example_value(ctx, m)))
                .collect();
            format!(
                "```ignore\nlet output = client.{method}({ty} {{\n{fields}    ..Default::default()\n}}){wait};\n```"
            )
        }
        _ => format!("```ignore\nlet output = client.{method}(){wait};\n```"),
    };
    doc = doc.text(example);
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

/// A placeholder value of a required member's type for examples.
fn example_value(ctx: &Context, member: &crate::ir::WireMember) -> String {
    use crate::ir::ShapeKind;
    match ctx.model.shapes.get(&member.member.target).map(|s| &s.kind) {
        Some(ShapeKind::String) => "\"...\".into()".to_owned(),
        Some(ShapeKind::List(_)) => "vec![/* ... */]".to_owned(),
        Some(ShapeKind::Integer | ShapeKind::Long | ShapeKind::Short | ShapeKind::Byte) => {
            "1".to_owned()
        }
        Some(ShapeKind::Boolean) => "true".to_owned(),
        _ => "/* ... */ Default::default()".to_owned(),
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
