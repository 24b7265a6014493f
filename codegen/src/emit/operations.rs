//! `operations.rs`: one marker type per operation, carrying its docs and
//! tying its input, output and error types together through the runtime's
//! `Operation` trait.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::{code_span, deprecated_attr, Doc};
use crate::emit::rust_type::From;
use crate::emit::{Context, ServiceFile};
use crate::ir::Operation;
use crate::naming::{Import, Item};

pub(super) fn emit(ctx: &Context) -> TokenStream {
    let items: Vec<TokenStream> = ctx
        .model
        .operations
        .values()
        .map(|op| operation(ctx, op))
        .collect();
    let doc = Doc::new()
        .text(format!(
            "Operations of {}: each type names one API call and links its input, output and errors.",
            ctx.model.service.full_name
        ))
        .inner();
    let imports = ctx.use_lines();
    quote! {
        #doc
        #imports
        #(#items)*
    }
}

fn operation(ctx: &Context, op: &Operation) -> TokenStream {
    let name = ctx.item(&Item::Operation(op.name.clone()));
    let error = ctx.names.operation_error(&op.name);
    let input = io_type(ctx, op.input.as_ref());
    // An operation without output still answers with a status and a
    // request id: its output is that metadata alone.
    let output = op
        .output
        .as_ref()
        .filter(|id| ctx.structure(id).is_some())
        .and_then(|id| ctx.shape_type(id, From::Sibling))
        .unwrap_or_else(|| quote!(awsgen_runtime::ResponseMetadata));
    let doc = operation_doc(ctx, op).outer();
    let deprecated = deprecated_attr(op.deprecated.as_ref());
    let wire_name = &op.name;
    let method = super::wire::method_tokens(&op.http.method);
    let uri = op.http.uri.to_string();
    let wire = super::has_wire_code(ctx.model).then(|| {
        let request_fn = ctx.item_of(ServiceFile::Serialize, &Item::RequestFn(op.name.clone()));
        let response_fn = ctx.item_of(ServiceFile::Deserialize, &Item::ResponseFn(op.name.clone()));
        let errors = ctx.import(Import::Errors);
        let has_input = op.input.as_ref().is_some_and(|id| {
            ctx.structure(id).is_some() && ctx.shape_type(id, From::Sibling).is_some()
        });
        let no_input = (!has_input).then(|| quote!(no_input,));
        let fill = fill_idempotency_tokens(ctx, op);
        let validate = super::validate::operation_hook(ctx, op);
        quote! {
        impl awsgen_runtime::Operation for #name {
            type Input = #input;
            type Output = #output;
            type Error = #errors::#error;
            const NAME: &'static str = #wire_name;
            const METHOD: http::Method = #method;
            const URI_TEMPLATE: &'static str = #uri;
            #fill
            #validate
            awsgen_runtime::__private::forward_operation!(#no_input super::serialize::#request_fn, super::deserialize::#response_fn);
        }
        }
    });
    quote! {
        #doc
        #deprecated
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
        pub struct #name;
        #wire
    }
}

/// `Operation::fill_idempotency_tokens` for an operation whose input has
/// idempotency tokens (only top-level input members can be, see
/// `ir::scope_idempotency_tokens`): each one left `None` gets a fresh UUID.
/// Nothing for the others, which keep the trait's default.
fn fill_idempotency_tokens(ctx: &Context, op: &Operation) -> Option<TokenStream> {
    let id = op.input.as_ref()?;
    let fields: Vec<proc_macro2::Ident> = ctx
        .wire_members(id)
        .into_iter()
        .filter(|(m, _)| m.idempotency_token)
        .map(|(_, field)| field)
        .collect();
    if fields.is_empty() {
        return None;
    }
    Some(quote! {
        fn fill_idempotency_tokens(input: &mut Self::Input) {
            #(
                if input.#fields.is_none() {
                    input.#fields = Some(awsgen_runtime::__private::request::idempotency_token());
                }
            )*
        }
    })
}

fn io_type(ctx: &Context, id: Option<&crate::ir::ShapeId>) -> TokenStream {
    id.and_then(|id| ctx.shape_type(id, From::Sibling))
        .unwrap_or_else(|| quote!(()))
}

/// The model's docs, then the request line, the required input members and
/// the errors the operation can return.
fn operation_doc(ctx: &Context, op: &Operation) -> Doc {
    let mut doc = Doc::new()
        .html(op.documentation.as_deref())
        .text(http_line(op));
    if let Some(input) = &op.input {
        // Validation makes every input a structure.
        if ctx.structure(input).is_some() {
            let type_name = ctx.names.type_ident(input);
            {
                // Idempotency tokens are generated when left unset.
                let required: Vec<String> = ctx
                    .view
                    .members(input)
                    .iter()
                    .filter(|m| m.required && !m.idempotency_token)
                    .map(|m| {
                        format!(
                            "`{}`",
                            ctx.names.field(input, &m.name).trim_start_matches("r#")
                        )
                    })
                    .collect();
                let line = if required.is_empty() {
                    format!(
                        "Input: [`{type_name}`](super::types::{type_name}); no member is required."
                    )
                } else {
                    format!(
                        "Input: [`{type_name}`](super::types::{type_name}); required members: {}.",
                        required.join(", ")
                    )
                };
                doc = doc.text(line);
            }
        }
    }
    if let Some(output) = op.output.as_ref().map(|o| ctx.names.type_ident(o)) {
        doc = doc.text(format!("Output: [`{output}`](super::types::{output})."));
    }
    let error_name = ctx.names.operation_error(&op.name);
    let listed: Vec<String> = op
        .errors
        .iter()
        .map(|e| ctx.names.type_ident(e))
        .map(|e| format!("- [`{e}`](super::types::{e})"))
        .collect();
    let errors = if listed.is_empty() {
        format!("# Errors\n\n[`{error_name}`](super::errors::{error_name}); the model lists no specific errors.")
    } else {
        format!(
            "# Errors\n\n[`{error_name}`](super::errors::{error_name}), one of:\n\n{}",
            listed.join("\n")
        )
    };
    doc.text(errors)
}

/// The request line, success status and endpoint facts of an operation.
fn http_line(op: &Operation) -> String {
    let mut line = format!(
        "*HTTP:* {}, success status {}",
        code_span(&format!("{} {}", op.http.method, op.http.uri)),
        op.http.response_code
    );
    if let Some(prefix) = &op.host_prefix {
        line.push_str(&format!(", host prefix {}", code_span(&prefix.to_string())));
    }
    if op.checksum_required {
        line.push_str("; the request must carry a checksum");
    }
    if op.idempotent {
        line.push_str("; idempotent");
    }
    line.push('.');
    line
}
