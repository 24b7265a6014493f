//! `errors.rs`: one error enum per operation, with a variant per error the
//! model lists for it and a catch-all that keeps everything else.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::Doc;
use crate::emit::Context;
use crate::ir::Operation;
use crate::naming::{Import, Item};

pub(super) fn emit(ctx: &Context) -> TokenStream {
    let items: Vec<TokenStream> = ctx
        .model
        .operations
        .values()
        .map(|op| operation_error(ctx, op))
        .collect();
    let imports = ctx.use_lines();
    let doc = Doc::new()
        .text(format!(
            "Errors of {}: one enum per operation, listing the errors the model says it can return.",
            ctx.model.service.full_name
        ))
        .inner();
    quote! {
        #doc
        #imports
        #(#items)*
    }
}

fn operation_error(ctx: &Context, op: &Operation) -> TokenStream {
    let op_name = ctx.names.operation(&op.name);
    let name = ctx.item(&Item::ErrorEnum(op.name.clone()));
    let mut variants = Vec::new();
    let mut names = Vec::new();
    for error in &op.errors {
        // The variant holds the error type of the same name; its docs are there.
        let variant = ctx.names.type_ident(error);
        let types = ctx.import(Import::Types);
        variants.push(quote!(#variant(#types::#variant),));
        names.push(variant);
    }
    let doc = Doc::new()
        .text(format!(
            "An error of [`{op_name}`](super::operations::{op_name})."
        ))
        .outer();
    // restJson1 errors are read from responses by code, through the
    // service's error-code table in `deserialize.rs`.
    let read = super::has_wire_code(ctx.model).then(|| quote!(, read_by_code));
    quote! {
        #doc
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// An error not listed for this operation (or unknown to this
            /// version of the crate), with its code, message and request id.
            Unhandled(awsgen_runtime::UnhandledError),
        }
        awsgen_runtime::__private::impl_operation_error!(#name { #(#names),* } #read);
    }
}
