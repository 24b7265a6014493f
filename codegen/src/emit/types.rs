//! `types.rs`: a Rust type for every structure, union and enum an
//! operation reaches.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::{binding_line, code_span, constraints_line, deprecated_attr, Doc};
use crate::emit::rust_type::From;
use crate::emit::serde_rename::RenameRule;
use crate::emit::{Context, Role};

use crate::ir::{
    Binding, EnumValue, IntEnumValue, Member, Shape, ShapeKind, TimestampFormat, WireMember,
};
use crate::naming::{converted_plainly, ident, Import, RESPONSE_METADATA_FIELD};

pub(super) fn emit(ctx: &Context) -> TokenStream {
    let mut items = Vec::new();
    let reachable = ctx.model.reachable_shapes();
    for shape in ctx.model.shapes.values() {
        if !reachable.contains(&shape.id) {
            continue;
        }
        items.push(match &shape.kind {
            ShapeKind::Structure(_) => structure(ctx, shape),
            ShapeKind::Union(_) => union(ctx, shape),
            ShapeKind::Enum(values) => string_enum(ctx, shape, values),
            ShapeKind::IntEnum(values) => int_enum(ctx, shape, values),
            // Lists, maps and scalars are `Vec`, `HashMap`, `String`, …
            _ => quote!(),
        });
    }
    let body: TokenStream = items.into_iter().collect();
    let imports = ctx.use_lines();
    let service = &ctx.model.service.full_name;
    let doc = Doc::new().text(format!(
        "Data types of {service}: operation inputs and outputs, errors, and everything they contain."
    ));
    let doc = doc.inner();
    quote! {
        #doc
        #imports
        #body
    }
}

fn type_doc(ctx: &Context, shape: &Shape) -> Doc {
    let mut doc = Doc::new().html(shape.documentation.as_deref());
    for (role, op) in ctx.used_as.get(&shape.id).into_iter().flatten() {
        let op_name = ctx.names.operation(op);
        let role = match role {
            Role::Input => "Input",
            Role::Output => "Output",
        };
        doc = doc.text(format!(
            "{role} of [`{op_name}`](super::operations::{op_name})."
        ));
    }
    if let Some(error) = &shape.error {
        let mut line = format!(
            "*Error:* the {}'s fault",
            if error.server_fault {
                "server"
            } else {
                "caller"
            }
        );
        if let Some(status) = error.http_status {
            line.push_str(&format!(", HTTP {status}"));
        }
        if let Some(code) = &error.code {
            line.push_str(&format!(", code {}", code_span(code)));
        }
        match error.retryable {
            Some(r) if r.throttling => line.push_str("; retryable (throttling)"),
            Some(_) => line.push_str("; retryable"),
            None => {}
        }
        line.push('.');
        doc = doc.text(line);
    }
    let renamed = ctx.names.type_ident(&shape.id) != shape.id.name();
    if renamed {
        doc = doc.text(format!(
            "Named {} in the model.",
            code_span(shape.id.name())
        ));
    }
    doc
}

fn member_doc(ctx: &Context, member: &WireMember, rust_name: &str) -> Doc {
    let target = ctx.model.shape(&member.target);
    let html = member
        .documentation
        .as_deref()
        .or_else(|| target.and_then(|t| t.documentation.as_deref()));
    let mut doc = Doc::new().html(html);
    let greedy = matches!(&member.binding, Binding::Label(name) if ctx
        .model
        .operations
        .values()
        .any(|op| op.http.uri.is_greedy(name.as_str())));
    if let Some(line) = binding_line(&member.binding, greedy) {
        doc = doc.text(line);
    }
    let mut notes = Vec::new();
    if member.required && member.boxed {
        notes.push(
            "Required by the service; an `Option` here because the type is recursive.".to_owned(),
        );
    }
    if member.idempotency_token {
        notes.push("An idempotency token: left `None`, a fresh UUID is sent, a new one with each request built ([`fill_idempotency_tokens`](awsgen_runtime::Operation::fill_idempotency_tokens) keeps one across retries).".to_owned());
        if member.required {
            notes.push(
                "Required by the service, yet an `Option`: `None` asks for a generated token."
                    .to_owned(),
            );
        }
    }
    if member.host_label {
        notes.push("Also part of the endpoint's host name.".to_owned());
    }
    if member.json_value {
        notes.push("Sent as base64-encoded JSON.".to_owned());
    }
    if let Some(ShapeKind::Blob { streaming: true }) = target.map(|t| &t.kind) {
        notes.push("The body is streamed on the wire; here it is buffered in full.".to_owned());
    }
    if let Some(format) = member.declared_timestamp_format {
        let name = match format {
            TimestampFormat::DateTime => "ISO 8601",
            TimestampFormat::HttpDate => "HTTP date",
            TimestampFormat::EpochSeconds => "epoch seconds",
        };
        notes.push(format!("Sent as {name}."));
    }
    if !converted_plainly(&member.name, rust_name) {
        notes.push(format!("Named {} in the model.", code_span(&member.name)));
    }
    doc = doc.text(notes.join(" "));
    if let Some(target) = target {
        doc = doc.text(constraints_line(&target.constraints));
    }
    doc
}

fn structure(ctx: &Context, shape: &Shape) -> TokenStream {
    let name = ctx.names.type_ident(&shape.id);
    let mut doc = type_doc(ctx, shape);
    let mut fields = Vec::new();
    let mut debug_fields = Vec::new();
    let mut any_sensitive = false;
    let members = ctx.view.members(&shape.id);
    let rename_rule = RenameRule::choose(
        members
            .iter()
            .filter(|m| ctx.field_type(m, From::TypesModule).is_some())
            .map(|m| (ctx.names.field(&shape.id, &m.name), m.name.as_str())),
    );
    for member in members {
        let Some(field_type) = ctx.field_type(member, From::TypesModule) else {
            doc = doc.text(unsupported_note(ctx, member));
            continue;
        };
        let field_name = ctx.names.field(&shape.id, &member.name);
        let field = ident(field_name);
        let field_doc = member_doc(ctx, member, field_name).outer();
        let deprecated = deprecated_attr(member.deprecated.as_ref());
        let serde = serde_field_attr(member, field_name, rename_rule);
        fields.push(quote! {
            #field_doc
            #deprecated
            #serde
            pub #field: #field_type,
        });
        let label = field_name.trim_start_matches("r#");
        if member.redacted {
            any_sensitive = true;
            let redacted = ctx.import(Import::Redacted);
            debug_fields.push(quote!(.field(#label, &#redacted)));
        } else {
            debug_fields.push(quote!(.field(#label, &self.#field)));
        }
    }
    let from_responses = ctx.from_responses.contains(&shape.id);
    if from_responses {
        let field = ident(RESPONSE_METADATA_FIELD);
        let metadata = ctx.import(Import::ResponseMetadata);
        fields.push(quote! {
            /// The HTTP status and request id of the response this was read
            /// from (not a member of the model; also through
            /// [`HasResponseMetadata`](awsgen_runtime::HasResponseMetadata)).
            #[cfg_attr(feature = "serde", serde(skip))]
            pub #field: #metadata,
        });
        debug_fields.push(quote!(.field(#RESPONSE_METADATA_FIELD, &self.#field)));
    }
    let (derive_debug, debug_impl) = if any_sensitive {
        let label = name.to_string();
        (
            quote!(),
            quote! {
                impl std::fmt::Debug for #name {
                    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.debug_struct(#label) #(#debug_fields)* .finish()
                    }
                }
            },
        )
    } else {
        (quote!(Debug,), quote!())
    };
    let response_impls = match &shape.error {
        Some(_) if from_responses => Some(error_impls(ctx, shape, &name)),
        _ if from_responses => {
            Some(quote!(awsgen_runtime::__private::impl_response_metadata!(#name);))
        }
        _ => None,
    };
    let doc = doc.outer();
    let deprecated = deprecated_attr(shape.deprecated.as_ref());
    // Two attributes, the derive first (serde's helper attribute must
    // follow it): each fits on one line.
    let rename_all = rename_rule
        .attr_value()
        .map(|rule| quote!(, rename_all = #rule));
    quote! {
        #doc
        #deprecated
        #[derive(Clone, #derive_debug Default, PartialEq)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(default #rename_all))]
        pub struct #name {
            #(#fields)*
        }
        #debug_impl
        #response_impls
    }
}

/// The field's serde attribute, behind the generated crate's `serde`
/// feature: the model's member name where serde's own name for the field
/// (the identifier without `r#`, under the structure's `rename_all` rule)
/// differs from it, and optional members left out when unset. Nothing
/// when neither applies.
fn serde_field_attr(member: &WireMember, field_name: &str, rule: RenameRule) -> TokenStream {
    let mut args = Vec::new();
    if rule.apply(field_name) != member.name {
        let name = &member.name;
        args.push(quote!(rename = #name));
    }
    if !member.plain {
        args.push(quote!(skip_serializing_if = "Option::is_none"));
    }
    if args.is_empty() {
        return quote!();
    }
    quote!(#[cfg_attr(feature = "serde", serde(#(#args),*))])
}

/// What a modeled error structure implements (`Display`, `Error`, its
/// response metadata, the message filled from any key the body used),
/// through `awsgen_runtime::__private::impl_modeled_error!`, told its code and which
/// member, if any, holds the message.
fn error_impls(ctx: &Context, shape: &Shape, name: &proc_macro2::Ident) -> TokenStream {
    let code = shape
        .error
        .as_ref()
        .and_then(|e| e.code.clone())
        .unwrap_or_else(|| shape.id.name().to_owned());
    let message_member = ctx.view.members(&shape.id).iter().find(|m| {
        m.name.eq_ignore_ascii_case("message")
            && matches!(
                ctx.model.shape(&m.target).map(|t| &t.kind),
                Some(ShapeKind::String)
            )
    });
    let message = message_member.map(|m| {
        let field = ident(ctx.names.field(&shape.id, &m.name));
        if m.plain {
            quote!(, required #field)
        } else {
            quote!(, optional #field)
        }
    });
    quote! {
        awsgen_runtime::__private::impl_modeled_error!(#name, #code #message);
    }
}

fn unsupported_note(ctx: &Context, member: &Member) -> String {
    let reason = match ctx.model.shape(&member.target).map(|t| &t.kind) {
        Some(ShapeKind::Unsupported { feature }) => format!("{feature} are not supported yet"),
        _ => "its type nests lists and maps too deeply to be generated".to_owned(),
    };
    format!(
        "The member {} is not generated: {reason}.",
        code_span(&member.name)
    )
}

fn union(ctx: &Context, shape: &Shape) -> TokenStream {
    let name = ctx.names.type_ident(&shape.id);
    let mut doc = type_doc(ctx, shape);
    let mut variants = Vec::new();
    let mut debug_arms = Vec::new();
    let mut serde_arms = Vec::new();
    let mut any_sensitive = false;
    for member in ctx.view.members(&shape.id) {
        let Some(inner) = ctx.shape_type(&member.target, From::TypesModule) else {
            doc = doc.text(unsupported_note(ctx, member));
            continue;
        };
        let inner = if member.boxed {
            quote!(Box<#inner>)
        } else {
            inner
        };
        let variant_name = ctx.names.variant(&shape.id, &member.name);
        let variant = ident(variant_name);
        let variant_doc = member_doc(ctx, member, variant_name).outer();
        let deprecated = deprecated_attr(member.deprecated.as_ref());
        variants.push(quote! {
            #variant_doc
            #deprecated
            #variant(#inner),
        });
        let member_name = &member.name;
        serde_arms.push(quote!(#member_name => #variant));
        if member.redacted {
            any_sensitive = true;
            let redacted = ctx.import(Import::Redacted);
            debug_arms.push(quote! {
                Self::#variant(_) => f.debug_tuple(#variant_name).field(&#redacted).finish(),
            });
        } else {
            debug_arms.push(quote! {
                Self::#variant(value) => f.debug_tuple(#variant_name).field(value).finish(),
            });
        }
    }
    let unknown = ident(ctx.names.unknown_variant());
    let unknown_label = ctx.names.unknown_variant();
    let unknown_member = ctx.import(Import::UnknownUnionMember);
    let (derive_debug, debug_impl) = if any_sensitive {
        (
            quote!(),
            quote! {
                impl std::fmt::Debug for #name {
                    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        match self {
                            #(#debug_arms)*
                            Self::#unknown(value) => f.debug_tuple(#unknown_label).field(value).finish(),
                        }
                    }
                }
            },
        )
    } else {
        (quote!(Debug,), quote!())
    };
    let doc = doc
        .text("Exactly one member is set. Members this version of the crate does not know are kept in the unknown variant.")
        .outer();
    let deprecated = deprecated_attr(shape.deprecated.as_ref());
    quote! {
        #doc
        #deprecated
        #[derive(Clone, #derive_debug PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A member this version of the crate does not know, as the service sent it.
            #unknown(#unknown_member),
        }
        #debug_impl
        impl Default for #name {
            /// An unset union: the unknown variant with no member name.
            fn default() -> Self {
                Self::#unknown(#unknown_member::default())
            }
        }
        #[cfg(feature = "serde")]
        awsgen_runtime::__private::impl_serde_union!(#name, #unknown, { #(#serde_arms),* });
    }
}

fn string_enum(ctx: &Context, shape: &Shape, values: &[EnumValue]) -> TokenStream {
    let name = ctx.names.type_ident(&shape.id);
    let doc = type_doc(ctx, shape).outer();
    let deprecated = deprecated_attr(shape.deprecated.as_ref());
    let variants = variant_idents(ctx, shape, values.iter().map(|v| v.name.as_str()));
    let wire: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
    let unknown_value = ctx.import(Import::UnknownVariantValue);
    let variant_docs: Vec<TokenStream> = values
        .iter()
        .map(|v| {
            let doc = Doc::new()
                .text(code_span(&v.value))
                .html(v.documentation.as_deref())
                .outer();
            let deprecated = deprecated_attr(v.deprecated.as_ref());
            quote!(#doc #deprecated)
        })
        .collect();
    let unknown = ident(ctx.names.unknown_variant());
    quote! {
        #doc
        #deprecated
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_docs #variants,)*
            /// A value this version of the crate does not know, kept as sent.
            #unknown(#unknown_value),
        }
        impl #name {
            /// Every value this version of the crate knows, as sent on the wire.
            pub const VALUES: &'static [&'static str] = &[#(#wire),*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #wire,)*
                    Self::#unknown(value) => value.as_str(),
                }
            }
        }
        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#wire => Self::#variants,)*
                    other => Self::#unknown(#unknown_value::new(other)),
                }
            }
        }
        awsgen_runtime::__private::impl_string_enum!(#name);
        #[cfg(feature = "serde")]
        awsgen_runtime::__private::impl_serde_string_enum!(#name);
    }
}

fn int_enum(ctx: &Context, shape: &Shape, values: &[IntEnumValue]) -> TokenStream {
    let name = ctx.names.type_ident(&shape.id);
    let doc = type_doc(ctx, shape).outer();
    let deprecated = deprecated_attr(shape.deprecated.as_ref());
    let variants = variant_idents(ctx, shape, values.iter().map(|v| v.name.as_str()));
    let wire: Vec<TokenStream> = values.iter().map(|v| int_literal(v.value)).collect();
    let variant_docs: Vec<TokenStream> = values
        .iter()
        .map(|v| {
            Doc::new()
                .text(format!("`{}` ({})", v.value, v.name))
                .html(v.documentation.as_deref())
                .outer()
        })
        .collect();
    let unknown = ident(ctx.names.unknown_variant());
    quote! {
        #doc
        #deprecated
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_docs #variants,)*
            /// A value this version of the crate does not know, kept as sent.
            #unknown(i32),
        }
        impl #name {
            /// Every value this version of the crate knows, as sent on the wire.
            pub const VALUES: &'static [i32] = &[#(#wire),*];

            /// The value as sent on the wire.
            pub fn as_i32(&self) -> i32 {
                match self {
                    #(Self::#variants => #wire,)*
                    Self::#unknown(value) => *value,
                }
            }
        }
        impl From<i32> for #name {
            fn from(value: i32) -> Self {
                match value {
                    #(#wire => Self::#variants,)*
                    other => Self::#unknown(other),
                }
            }
        }
        impl Default for #name {
            fn default() -> Self {
                Self::from(0)
            }
        }
        awsgen_runtime::__private::impl_int_enum!(#name);
        #[cfg(feature = "serde")]
        awsgen_runtime::__private::impl_serde_int_enum!(#name);
    }
}

/// The variant identifiers of an enum's values, by their model names.
fn variant_idents<'a>(
    ctx: &Context,
    shape: &Shape,
    names: impl Iterator<Item = &'a str>,
) -> Vec<proc_macro2::Ident> {
    names
        .map(|name| ident(ctx.names.variant(&shape.id, name)))
        .collect()
}

/// An unsuffixed integer literal (`-3`, not `-3i64`).
fn int_literal(value: i64) -> TokenStream {
    let magnitude = proc_macro2::Literal::u64_unsuffixed(value.unsigned_abs());
    if value < 0 {
        quote!(-#magnitude)
    } else {
        quote!(#magnitude)
    }
}
