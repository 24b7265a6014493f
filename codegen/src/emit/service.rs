//! A service's `mod.rs`: its documentation, metadata and submodules.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::{code_span, Doc};
use crate::emit::Context;
use crate::ir::Protocol;

pub(super) fn emit(ctx: &Context) -> TokenStream {
    let service = &ctx.model.service;
    let mut doc = Doc::new()
        .text(format!("# {}", service.full_name))
        .html(service.documentation.as_deref())
        .text(format!(
            "API version {}, protocol {}, {} operations.",
            code_span(&service.api_version),
            code_span(service.protocol.botocore_name()),
            ctx.model.operations.len()
        ));
    if service.protocol != Protocol::RestJson1 {
        doc = doc.text(
            "Only the data types of this service are generated: serializers and a client \
             exist for restJson1 services only.",
        );
    }
    let doc = doc.inner();
    let api_version = &service.api_version;
    let service_id = &service.service_id;
    let wire_modules = super::has_wire_code(ctx.model).then(|| {
        quote! {
            mod deserialize;
            mod serialize;
        }
    });
    let checks_module = super::ServiceFile::Validate.applies_to(ctx.model).then(|| {
        quote!(
            mod validate;
        )
    });
    let paginators_module = super::ServiceFile::Paginators
        .applies_to(ctx.model)
        .then(|| {
            quote!(
                mod paginators;
            )
        });
    let endpoint_module = service.endpoint_rule_set.is_some().then(|| {
        quote! {
            pub mod endpoint;
        }
    });
    let client_module = super::has_client(ctx.model).then(|| {
        let client = ctx.item_of(super::ServiceFile::Client, &crate::naming::Item::Client);
        let blocking = ctx.item_of(
            super::ServiceFile::Client,
            &crate::naming::Item::BlockingClient,
        );
        quote! {
            pub mod client;
            pub use client::#client;
            #[cfg(feature = "blocking")]
            pub use client::#blocking;
        }
    });
    let signing_name = optional_str(service.signing_name.as_deref());
    let endpoint_prefix = optional_str(service.endpoint_prefix.as_deref());
    quote! {
        #doc
        #wire_modules
        #checks_module
        #paginators_module
        #endpoint_module
        #client_module
        pub mod errors;
        pub mod operations;
        pub mod types;

        /// The API version the model describes.
        pub const API_VERSION: &str = #api_version;
        /// The service's stable identifier.
        pub const SERVICE_ID: &str = #service_id;
        /// The name used in SigV4 signatures, if the model sets one.
        pub const SIGNING_NAME: Option<&str> = #signing_name;
        /// The endpoint prefix, if the model sets one.
        pub const ENDPOINT_PREFIX: Option<&str> = #endpoint_prefix;
    }
}

fn optional_str(value: Option<&str>) -> TokenStream {
    match value {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}
