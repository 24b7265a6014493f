//! `deserialize.rs`: one function per operation that turns an HTTP
//! response into its output or its error (restJson1), and the `ReadJson`
//! impls of every structure and union that response bodies contain.
//! Error responses go through one error-code table per service
//! (one `awsgen_runtime::impl_error_code!` per error): each modeled error, its codes and
//! its reader; each operation's error enum picks among the errors it lists.
//!
//! Outputs whose every member is in the JSON body are read by their
//! `ReadJson` impl alone; the others get a reader that fills the body
//! members, then the header, status-code and payload members.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::emit::docs::Doc;
use crate::emit::rust_type::From;
use crate::emit::wire::{fn_name, in_body, is_all_body, json_key, unsupported_binding, Direction};
use crate::emit::Context;
use crate::ir::{Binding, Member, Operation, ShapeId, ShapeKind, Structure, TimestampFormat};
use crate::naming::ident;

pub(super) fn emit(ctx: &Context) -> TokenStream {
    let mut items = Vec::new();
    let mut readers = std::collections::BTreeSet::new();
    for op in ctx.model.operations.values() {
        items.push(operation(ctx, op, &mut readers));
    }
    items.push(error_code_table(ctx, &mut readers));
    for id in &readers {
        if let Some(item) = top_level_reader(ctx, id) {
            items.push(item);
        }
    }
    for id in ctx.json_shapes(Direction::Read) {
        let Some(shape) = ctx.model.shape(&id) else {
            continue;
        };
        match &shape.kind {
            ShapeKind::Structure(s) => items.push(structure_impl(ctx, &id, s)),
            ShapeKind::Union(s) => items.push(union_impl(ctx, &id, s)),
            _ => {}
        }
    }
    let body: TokenStream = items.into_iter().collect();
    let doc = Doc::new()
        .text(format!(
            "Response parsers of {}: each operation's `http` response as its output or its error, following the restJson1 binding rules. Error responses are read through the service's error-code table (one `impl_error_code!` per error, below the operations): each modeled error, the codes that name it and its reader.",
            ctx.model.service.full_name
        ))
        .inner();
    let wanted: Vec<(&str, TokenStream)> = vec![
        (
            "types",
            quote!(
                use super::types;
            ),
        ),
        (
            "errors",
            quote!(
                use super::errors;
            ),
        ),
        (
            "JsonReader",
            quote!(
                use awsgen_runtime::json::JsonReader;
            ),
        ),
        (
            "JsonError",
            quote!(
                use awsgen_runtime::json::JsonError;
            ),
        ),
        (
            "ReadJson",
            quote!(
                use awsgen_runtime::json::ReadJson;
            ),
        ),
    ];
    let response_fns = [
        "parse",
        "no_output",
        "json_body",
        "default_body",
        "read_body",
        "json_payload",
        "blob_payload",
        "text_payload",
        "header_str",
        "header_value",
        "header_base64",
        "header_blob",
        "header_timestamp",
        "header_list",
        "header_value_list",
        "header_timestamp_list",
        "prefix_headers",
        "ParseError",
    ];
    let mut response_uses = Vec::new();
    for name in response_fns {
        if super::mentions(&body, name) {
            response_uses.push(ident(name));
        }
    }
    let response_line = (!response_uses.is_empty())
        .then(|| quote!(use awsgen_runtime::response::{#(#response_uses),*};));
    let uses = super::use_lines_for(&body, &wanted);
    let imports = ctx.use_lines();
    quote! {
        #doc
        #uses
        #response_line
        #imports
        #body
    }
}

fn operation(
    ctx: &Context,
    op: &Operation,
    readers: &mut std::collections::BTreeSet<ShapeId>,
) -> TokenStream {
    let op_name = ctx.names.operation_name(&op.name).unwrap_or("Operation");
    let name = fn_name("", op_name);
    let error_type = ident(&ctx.names.operation_error_name(&op.name).unwrap_or_default());
    let response_error = ctx.import("ResponseError");
    let output = op
        .output
        .as_ref()
        .and_then(|id| Some((id, ctx.shape_type(id, From::Sibling)?, ctx.structure(id)?)));
    let (output_type, output_reader) = match output {
        Some((id, ty, s)) => (ty, reader_for(ctx, id, s, readers)),
        None => (ctx.import("ResponseMetadata"), quote!(no_output)),
    };
    let doc = format!(" The response of `{}`: its output or its error.", op.name);
    quote! {
        #[doc = #doc]
        pub(crate) fn #name(
            status: http::StatusCode,
            headers: &http::HeaderMap,
            body: &[u8],
        ) -> Result<#output_type, #response_error<errors::#error_type>> {
            parse(status, headers, body, #output_reader)
        }
    }
}

/// The function that reads a top-level output or error structure:
/// `json_body` when it is all body, `default_body` when it has no members,
/// else its own reader (recorded in `readers` to be emitted once).
fn reader_for(
    ctx: &Context,
    id: &ShapeId,
    s: &Structure,
    readers: &mut std::collections::BTreeSet<ShapeId>,
) -> TokenStream {
    if ctx.wire_members(id, s).is_empty() {
        quote!(default_body)
    } else if is_all_body(s, Direction::Read) {
        quote!(json_body)
    } else {
        readers.insert(id.clone());
        let name = reader_name(ctx, id);
        quote!(#name)
    }
}

fn reader_name(ctx: &Context, id: &ShapeId) -> Ident {
    fn_name("read_", ctx.names.type_name(id).unwrap_or("output"))
}

/// The service's error-code table: every error some operation lists, with
/// the codes that name it (its shape name, and its `error.code` where that
/// differs) and its reader. Each operation's error enum picks among the
/// errors it lists (`impl_operation_error!(…, read_by_code)` in
/// `errors.rs`), so the table is written once per service, not per
/// operation.
fn error_code_table(
    ctx: &Context,
    readers: &mut std::collections::BTreeSet<ShapeId>,
) -> TokenStream {
    let mut seen = std::collections::BTreeSet::new();
    let mut rows = Vec::new();
    for error in ctx.model.operations.values().flat_map(|op| &op.errors) {
        if !seen.insert(error) {
            continue;
        }
        let (Some(type_name), Some(s)) = (ctx.names.type_name(error), ctx.structure(error)) else {
            continue;
        };
        let ty = ident(type_name);
        let shape_name = error.name();
        let code = ctx
            .model
            .shape(error)
            .and_then(|shape| shape.error.as_ref())
            .and_then(|e| e.code.as_deref())
            .filter(|code| *code != shape_name);
        let codes = match code {
            Some(code) => quote!(#shape_name | #code),
            None => quote!(#shape_name),
        };
        let reader = reader_for(ctx, error, s, readers);
        rows.push(quote!(awsgen_runtime::impl_error_code!(types::#ty, #codes, #reader);));
    }
    if rows.is_empty() {
        return quote!();
    }
    // No doc attribute: rustdoc ignores docs on a macro call, and rustc
    // warns about them. The module's docs describe the table.
    quote!(#(#rows)*)
}

/// The reader of an output or error structure with HTTP-bound members.
fn top_level_reader(ctx: &Context, id: &ShapeId) -> Option<TokenStream> {
    let s = ctx.structure(id)?;
    let ty = ctx.shape_type(id, From::Sibling)?;
    let name = reader_name(ctx, id);
    let members = ctx.wire_members(id, s);
    let mut steps = Vec::new();
    let body_members: Vec<&(&Member, Ident)> = members
        .iter()
        .filter(|(m, _)| in_body(m, Direction::Read))
        .collect();
    let mut body_fn = quote!();
    if !body_members.is_empty() {
        let body_name = fn_name(
            "read_",
            &format!("{}Body", ctx.names.type_name(id).unwrap_or("output")),
        );
        let arms: Vec<TokenStream> = body_members
            .iter()
            .map(|(m, field)| json_arm(ctx, m, field))
            .collect();
        let doc = format!(
            " Fills the members of [`{0}`](types::{0}) that are in the JSON body.",
            ctx.names.type_name(id).unwrap_or_default()
        );
        body_fn = quote! {
            #[doc = #doc]
            fn #body_name(r: &mut JsonReader<'_>, output: &mut #ty) -> Result<(), JsonError> {
                r.begin_object()?;
                while let Some(key) = r.next_key()? {
                    match &*key {
                        #(#arms)*
                        _ => r.skip_value(),
                    }?;
                }
                Ok(())
            }
        };
        steps.push(quote!(read_body(body, &mut output, #body_name)?;));
    }
    let mut uses_status = false;
    let mut uses_headers = false;
    let mut uses_body = !body_members.is_empty();
    let mut fields = Vec::new();
    for (member, field) in &members {
        let value = match &member.binding {
            Binding::Header(name) => {
                uses_headers = true;
                header_value(ctx, member, &name.to_ascii_lowercase())
                    .unwrap_or_else(|| unsupported_binding(member, "read from a header"))
            }
            Binding::PrefixHeaders(prefix) => {
                uses_headers = true;
                prefix_headers_value(ctx, member, prefix)
                    .unwrap_or_else(|| unsupported_binding(member, "read from prefixed headers"))
            }
            Binding::StatusCode => {
                uses_status = true;
                status_value(ctx, member)
                    .unwrap_or_else(|| unsupported_binding(member, "read from the status code"))
            }
            Binding::Payload => {
                uses_body = true;
                payload_value(ctx, member)
                    .unwrap_or_else(|| unsupported_binding(member, "read from the payload"))
            }
            // In the body (`in_body`): filled by the body reader above.
            Binding::Body | Binding::Label(_) | Binding::Query(_) | Binding::QueryParams => {
                continue
            }
        };
        fields.push(if ctx.is_required(member) {
            quote!(#field: #value.unwrap_or_default(),)
        } else {
            quote!(#field: #value,)
        });
    }
    // The body members and the response metadata are filled afterwards.
    let construct = quote! {
        #ty {
            #(#fields)*
            ..Default::default()
        }
    };
    let read = if steps.is_empty() {
        quote!(Ok(#construct))
    } else {
        quote! {
            let mut output = #construct;
            #(#steps)*
            Ok(output)
        }
    };
    let status = if uses_status {
        quote!(status)
    } else {
        quote!(_status)
    };
    let headers = if uses_headers {
        quote!(headers)
    } else {
        quote!(_headers)
    };
    let body = if uses_body {
        quote!(body)
    } else {
        quote!(_body)
    };
    let doc = format!(
        " Reads [`{0}`](types::{0}) from a response: body, headers and status.",
        ctx.names.type_name(id).unwrap_or_default()
    );
    Some(quote! {
        #[doc = #doc]
        fn #name(#status: http::StatusCode, #headers: &http::HeaderMap, #body: &[u8]) -> Result<#ty, ParseError> {
            #read
        }
        #body_fn
    })
}

/// An `Option<T>` expression reading a header member.
fn header_value(ctx: &Context, member: &Member, name: &str) -> Option<TokenStream> {
    let target = ctx.kind(&member.target)?;
    Some(match target {
        ShapeKind::List(list) => {
            let element = ctx.kind(&list.member)?;
            match element {
                ShapeKind::String => quote!(header_list(headers, #name)?),
                ShapeKind::Enum(_) => {
                    let ty = ctx.shape_type(&list.member, From::Sibling)?;
                    quote!(header_list(headers, #name)?.map(|items| items.into_iter().map(#ty::from).collect()))
                }
                ShapeKind::Timestamp { format } => {
                    let format = ctx.format_tokens(format.unwrap_or(TimestampFormat::HttpDate));
                    quote!(header_timestamp_list(headers, #name, #format)?)
                }
                ShapeKind::IntEnum(_) => {
                    let ty = ctx.shape_type(&list.member, From::Sibling)?;
                    quote!(header_value_list::<i32>(headers, #name)?.map(|items| items.into_iter().map(#ty::from).collect()))
                }
                ShapeKind::Blob { .. } | ShapeKind::List(_) | ShapeKind::Map(_) => return None,
                _ => {
                    let ty = ctx.shape_type(&list.member, From::Sibling)?;
                    quote!(header_value_list::<#ty>(headers, #name)?)
                }
            }
        }
        ShapeKind::Blob { .. } => quote!(header_blob(headers, #name)?),
        ShapeKind::String if member.json_value || member.media_type.is_some() => {
            quote!(header_base64(headers, #name)?)
        }
        ShapeKind::String => quote!(header_str(headers, #name)?),
        ShapeKind::Enum(_) => {
            let ty = ctx.shape_type(&member.target, From::Sibling)?;
            quote!(header_str(headers, #name)?.map(#ty::from))
        }
        ShapeKind::IntEnum(_) => {
            let ty = ctx.shape_type(&member.target, From::Sibling)?;
            quote!(header_value::<i32>(headers, #name)?.map(#ty::from))
        }
        ShapeKind::Timestamp { .. } => {
            let format = ctx
                .timestamp_format(member, TimestampFormat::HttpDate)
                .unwrap_or(TimestampFormat::HttpDate);
            let format = ctx.format_tokens(format);
            quote!(header_timestamp(headers, #name, #format)?)
        }
        ShapeKind::Boolean
        | ShapeKind::Byte
        | ShapeKind::Short
        | ShapeKind::Integer
        | ShapeKind::Long
        | ShapeKind::Float
        | ShapeKind::Double
        | ShapeKind::BigInteger
        | ShapeKind::BigDecimal => {
            let ty = ctx.shape_type(&member.target, From::Sibling)?;
            quote!(header_value::<#ty>(headers, #name)?)
        }
        _ => return None,
    })
}

/// An `Option<HashMap<K, V>>` expression reading a prefix-headers member:
/// the runtime reads text, converted here to enum keys or values, and to
/// `Some` values for a sparse map.
fn prefix_headers_value(ctx: &Context, member: &Member, prefix: &str) -> Option<TokenStream> {
    let ShapeKind::Map(map) = ctx.kind(&member.target)? else {
        return None;
    };
    // The text as it is (`None`), or converted to an enum.
    let convert = |id: &ShapeId, text: TokenStream| -> Option<Option<TokenStream>> {
        match ctx.kind(id)? {
            ShapeKind::String => Some(None),
            ShapeKind::Enum(_) => {
                let ty = ctx.shape_type(id, From::Sibling)?;
                Some(Some(quote!(#ty::from(#text))))
            }
            _ => None,
        }
    };
    let key = convert(&map.key, quote!(key))?;
    let value = convert(&map.value, quote!(value))?;
    let read = quote!(prefix_headers(headers, #prefix)?);
    if key.is_none() && value.is_none() && !map.sparse {
        return Some(read);
    }
    let key = key.unwrap_or_else(|| quote!(key));
    let value = value.unwrap_or_else(|| quote!(value));
    let value = if map.sparse {
        quote!(Some(#value))
    } else {
        value
    };
    Some(quote!(#read.map(|map| map.into_iter().map(|(key, value)| (#key, #value)).collect())))
}

/// An `Option<T>` expression reading a status-code member (HTTP status
/// codes are 100 to 999, so every integer type holds them).
fn status_value(ctx: &Context, member: &Member) -> Option<TokenStream> {
    Some(match ctx.kind(&member.target)? {
        ShapeKind::Integer | ShapeKind::Long => quote!(Some(status.as_u16().into())),
        ShapeKind::Short => quote!(i16::try_from(status.as_u16()).ok()),
        ShapeKind::IntEnum(_) => {
            let ty = ctx.shape_type(&member.target, From::Sibling)?;
            quote!(Some(#ty::from(i32::from(status.as_u16()))))
        }
        _ => return None,
    })
}

/// An `Option<T>` expression reading the whole body as a payload member.
fn payload_value(ctx: &Context, member: &Member) -> Option<TokenStream> {
    Some(match ctx.kind(&member.target)? {
        ShapeKind::Blob { .. } => quote!(blob_payload(body)),
        ShapeKind::String => quote!(text_payload(body)?),
        ShapeKind::Enum(_) => {
            let ty = ctx.shape_type(&member.target, From::Sibling)?;
            quote!(text_payload(body)?.map(#ty::from))
        }
        _ => quote!(json_payload(body)?),
    })
}

/// One `"key" => …` arm of a JSON object reader, reading the member in
/// place. Required members keep their default on `null`; optional ones
/// become `None`.
///
/// Each arm is one call whose `Result` is the match's value, with a single
/// `?` after the match: a `?` per arm would give every arm temporaries of
/// its own, and debug builds keep each in its own stack slot, so the frame
/// of a structure with hundreds of members would take kilobytes on every
/// level of a recursive read.
fn json_arm(ctx: &Context, member: &Member, field: &Ident) -> TokenStream {
    let key = json_key(member);
    if ctx.is_required(member) {
        quote!(#key => r.read_into(&mut output.#field),)
    } else {
        quote!(#key => r.read_opt_into(&mut output.#field),)
    }
}

fn structure_impl(ctx: &Context, id: &ShapeId, s: &Structure) -> TokenStream {
    let Some(ty) = ctx.shape_type(id, From::Sibling) else {
        return quote!();
    };
    let arms: Vec<TokenStream> = ctx
        .wire_members(id, s)
        .iter()
        .map(|(m, field)| json_arm(ctx, m, field))
        .collect();
    if arms.is_empty() {
        return quote! {
            impl ReadJson for #ty {
                fn read_json(r: &mut JsonReader<'_>) -> Result<Self, JsonError> {
                    r.begin_object()?;
                    while r.next_key()?.is_some() {
                        r.skip_value()?;
                    }
                    Ok(Self::default())
                }
            }
        };
    }
    quote! {
        impl ReadJson for #ty {
            fn read_json(r: &mut JsonReader<'_>) -> Result<Self, JsonError> {
                let mut output = Self::default();
                Self::read_json_into(r, &mut output)?;
                Ok(output)
            }

            fn read_json_into(r: &mut JsonReader<'_>, output: &mut Self) -> Result<(), JsonError> {
                r.begin_object()?;
                while let Some(key) = r.next_key()? {
                    match &*key {
                        #(#arms)*
                        _ => r.skip_value(),
                    }?;
                }
                Ok(())
            }
        }
    }
}

/// A union: the one non-null member sets the variant, read in place
/// (`read_variant`); `__type` (which some services add) is skipped;
/// unknown members are kept as documents; a second member set, or none,
/// is an error naming the union (`union_member`, `union_end`).
fn union_impl(ctx: &Context, id: &ShapeId, s: &Structure) -> TokenStream {
    let Some(ty) = ctx.shape_type(id, From::Sibling) else {
        return quote!();
    };
    let mut arms = Vec::new();
    for member in &s.members {
        if !ctx.is_supported(&member.target, 0) {
            continue;
        }
        let Some(variant) = ctx.names.variant_name(id, &member.name) else {
            continue;
        };
        let variant = ident(variant);
        let key = json_key(member);
        arms.push(quote!(#key => r.read_variant(output, Self::#variant),));
    }
    let unknown = ident(ctx.names.unknown_variant());
    let unknown_member = ctx.import("UnknownUnionMember");
    let name = id.name();
    quote! {
        impl ReadJson for #ty {
            fn read_json(r: &mut JsonReader<'_>) -> Result<Self, JsonError> {
                let mut output = Self::default();
                Self::read_json_into(r, &mut output)?;
                Ok(output)
            }

            fn read_json_into(r: &mut JsonReader<'_>, output: &mut Self) -> Result<(), JsonError> {
                let mut set = None;
                r.begin_object()?;
                while let Some(key) = r.next_key()? {
                    if !r.union_member(#name, &mut set, &key)? {
                        continue;
                    }
                    match &*key {
                        #(#arms)*
                        _ => r.read_variant(output, |value| {
                            Self::#unknown(#unknown_member { name: key.into_owned(), value })
                        }),
                    }?;
                }
                r.union_end(#name, set)
            }
        }
    }
}
