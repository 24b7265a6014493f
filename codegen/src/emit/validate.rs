//! `validate.rs`: one function per structure or union reachable from an
//! input that has something to check (`Model::validated_shapes`, botocore's
//! rules), walking a value with `awsgen_runtime::__private::validate::Validator`; and
//! the `Operation::validate` override that runs the input's function.
//! Paths name the model's members.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::Doc;
use crate::emit::rust_type::From;
use crate::emit::{Context, ServiceFile};
use crate::ir::{Operation, ShapeId, ShapeKind, WireMember};
use crate::naming::{ident, Item};

pub(super) fn emit(ctx: &Context) -> TokenStream {
    let checked = ctx.model.validated_shapes();
    let items: Vec<TokenStream> = checked
        .iter()
        .map(|id| function(ctx, &checked, id))
        .collect();
    let doc = Doc::new()
        .text(format!(
            "Checks of {} inputs before sending, as botocore's parameter validation does: \
             one function per structure or union with something to check.",
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

/// `fn validate` of an operation's `Operation` impl, when its input has
/// something to check (else the trait's default, which checks nothing).
pub(super) fn operation_hook(ctx: &Context, op: &Operation) -> Option<TokenStream> {
    let input = op.input.as_ref()?;
    let function = ctx
        .names
        .module(ServiceFile::Validate)
        .name(&Item::Validator(input.clone()))?;
    let function = ident(function);
    Some(quote! {
        fn validate(input: &Self::Input) -> Result<(), awsgen_runtime::ValidationError> {
            awsgen_runtime::__private::validate::run(input, super::validate::#function)
        }
    })
}

fn function(ctx: &Context, checked: &BTreeSet<ShapeId>, id: &ShapeId) -> TokenStream {
    let name = ctx.item(&Item::Validator(id.clone()));
    let Some(ty) = ctx.shape_type(id, From::Sibling) else {
        return quote!();
    };
    let body = match ctx.kind(id) {
        Some(ShapeKind::Union(_)) => union_body(ctx, checked, id),
        _ => structure_body(ctx, checked, id),
    };
    let doc = format!(" Checks a value of `{}`.", id.name());
    quote! {
        #[doc = #doc]
        pub(super) fn #name<'a>(v: &mut awsgen_runtime::__private::validate::Validator<'a>, x: &'a #ty) {
            #body
        }
    }
}

fn structure_body(ctx: &Context, checked: &BTreeSet<ShapeId>, id: &ShapeId) -> TokenStream {
    ctx.wire_members(id)
        .into_iter()
        .filter(|(m, _)| ctx.model.member_has_checks(m.member, checked))
        .map(|(m, field)| {
            let name = m.name.as_str();
            let presence = ctx
                .model
                .presence_checked(m.member)
                .then(|| quote!(v.required(#name, x.#field.is_some());));
            let step = quote!(#name);
            let value = if m.plain {
                check_value(ctx, checked, &step, &quote!(value), m)
                    .map(|check| quote!({ let value = &x.#field; #check }))
            } else {
                let source = if m.boxed {
                    quote!(x.#field.as_deref())
                } else {
                    quote!(&x.#field)
                };
                check_value(ctx, checked, &step, &quote!(value), m)
                    .map(|check| quote!(if let Some(value) = #source { #check }))
            };
            quote!(#presence #value)
        })
        .collect()
}

fn union_body(ctx: &Context, checked: &BTreeSet<ShapeId>, id: &ShapeId) -> TokenStream {
    let Some(ty) = ctx.shape_type(id, From::Sibling) else {
        return quote!();
    };
    let members: Vec<&WireMember> = ctx.view.supported(id).collect();
    let arms: Vec<TokenStream> = members
        .iter()
        .filter(|m| ctx.model.member_has_checks(m.member, checked))
        .filter_map(|m| {
            let variant = ident(ctx.names.variant(id, &m.name));
            let name = m.name.as_str();
            let value = if m.boxed {
                quote!(&**value)
            } else {
                quote!(value)
            };
            let check = check_value(ctx, checked, &quote!(#name), &value, m)?;
            Some(quote!(#ty::#variant(value) => { #check }))
        })
        .collect();
    let unknown = ident(ctx.names.unknown_variant());
    if arms.is_empty() {
        return quote! {
            if let #ty::#unknown(unknown) = x {
                v.union_set(!unknown.name.is_empty());
            }
        };
    }
    let rest = (arms.len() < members.len()).then(|| quote!(_ => {}));
    quote! {
        match x {
            #(#arms)*
            #ty::#unknown(unknown) => v.union_set(!unknown.name.is_empty()),
            #rest
        }
    }
}

/// The checks of a member's value at `step` (a `Step` expression),
/// `value` being a reference to it.
fn check_value(
    ctx: &Context,
    checked: &BTreeSet<ShapeId>,
    step: &TokenStream,
    value: &TokenStream,
    member: &WireMember,
) -> Option<TokenStream> {
    check_shape(
        ctx,
        checked,
        step,
        value,
        &member.target,
        member.host_label,
        0,
    )
}

fn check_shape(
    ctx: &Context,
    checked: &BTreeSet<ShapeId>,
    step: &TokenStream,
    value: &TokenStream,
    target: &ShapeId,
    host_label: bool,
    depth: usize,
) -> Option<TokenStream> {
    if !ctx
        .model
        .value_has_checks(target, host_label, checked, depth)
    {
        return None;
    }
    let step_type = quote!(awsgen_runtime::__private::validate::Step);
    Some(match ctx.kind(target)? {
        ShapeKind::String | ShapeKind::Enum(_) => {
            let min = ctx.model.min_length(target, host_label);
            quote!(v.min_chars(#step, #value.as_str(), #min);)
        }
        ShapeKind::List(list) => {
            let min = ctx.model.min_length(target, false);
            let length = (min > 0).then(|| quote!(v.min_items(#step, #value.len(), #min);));
            let element = if list.sparse {
                check_shape(
                    ctx,
                    checked,
                    &quote!(i),
                    &quote!(e),
                    &list.member,
                    false,
                    depth + 1,
                )
                .map(|check| quote!(if let Some(e) = e { #check }))
            } else {
                check_shape(
                    ctx,
                    checked,
                    &quote!(i),
                    &quote!(e),
                    &list.member,
                    false,
                    depth + 1,
                )
            };
            let elements = element.map(|check| {
                quote! {
                    v.enter(#step);
                    for (i, e) in #value.iter().enumerate() { #check }
                    v.leave();
                }
            });
            quote!(#length #elements)
        }
        ShapeKind::Map(map) => {
            let key = check_shape(
                ctx,
                checked,
                &quote!(#step_type::Key(k.as_str())),
                &quote!(k),
                &map.key,
                false,
                depth + 1,
            );
            let value_step = quote!(#step_type::Value(k.as_str()));
            let entry = check_shape(
                ctx,
                checked,
                &value_step,
                &quote!(e),
                &map.value,
                false,
                depth + 1,
            );
            let entry = if map.sparse {
                entry.map(|check| quote!(if let Some(e) = e { #check }))
            } else {
                entry
            };
            let entries = match entry {
                Some(entry) => quote!(for (k, e) in #value { #key #entry }),
                None => quote!(for k in #value.keys() { #key }),
            };
            quote! {
                v.enter(#step);
                #entries
                v.leave();
            }
        }
        ShapeKind::Structure(_) | ShapeKind::Union(_) => {
            let function = ctx.item(&Item::Validator(target.clone()));
            quote!(v.nested(#step, #value, #function);)
        }
        ShapeKind::Float => {
            let min = ctx.model.min_value(target)?.as_f64()?;
            quote!(v.min_float(#step, f64::from(*#value), #min);)
        }
        ShapeKind::Double => {
            let min = ctx.model.min_value(target)?.as_f64()?;
            quote!(v.min_float(#step, *#value, #min);)
        }
        ShapeKind::Long => {
            let min = int_min(ctx.model.min_value(target)?)?;
            quote!(v.min_int(#step, *#value, #min);)
        }
        ShapeKind::IntEnum(_) => {
            let min = int_min(ctx.model.min_value(target)?)?;
            quote!(v.min_int(#step, i64::from(#value.as_i32()), #min);)
        }
        _ => {
            let min = int_min(ctx.model.min_value(target)?)?;
            quote!(v.min_int(#step, i64::from(*#value), #min);)
        }
    })
}

/// An integer's `min` as an `i64` (a fractional one rounded up: the least
/// integer allowed).
fn int_min(min: &serde_json::Number) -> Option<i64> {
    min.as_i64()
        .or_else(|| min.as_f64().map(|f| f.ceil() as i64))
}
