//! `deserialize.rs`: one function per operation that turns an HTTP
//! response into its output or its error (restJson1), and the `ReadJson`
//! impls of every structure and union that response bodies contain.
//!
//! Outputs whose every member is in the JSON body are read by their
//! `ReadJson` impl alone; the others get a reader that fills the body
//! members, then the header, status-code and payload members.
//!
//! Error responses go through one error-code table per service
//! (one `awsgen_runtime::__private::impl_error_code!` per error): each modeled error, its codes and
//! its reader; each operation's error enum picks among the errors it lists.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::emit::docs::Doc;
use crate::emit::rust_type::From;
use crate::emit::wire::{in_body, unsupported_binding, Direction, JsonShape};
use crate::emit::Context;
use crate::ir::{Binding, Member, Operation, ResponseReader, ShapeId, ShapeKind, WireMember};
use crate::naming::{ident, Import, Item};

pub(super) fn emit(ctx: &Context) -> TokenStream {
    let mut items = Vec::new();
    for op in ctx.model.operations.values() {
        items.push(operation(ctx, op));
    }
    items.push(error_code_table(ctx));
    // Naming allocated a reader for every structure the operations and
    // error functions call one for.
    for (item, _) in ctx.table().items() {
        if let Item::Reader(id) = item {
            if let Some(reader) = top_level_reader(ctx, id) {
                items.push(reader);
            }
        }
    }
    for (id, shape) in ctx.json_shapes(Direction::Read) {
        items.push(match shape {
            JsonShape::Structure => structure_impl(ctx, &id),
            JsonShape::Union => union_impl(ctx, &id),
            JsonShape::Neither => quote!(),
        });
    }
    let body: TokenStream = items.into_iter().collect();
    let doc = Doc::new()
        .text(format!(
            "Response parsers of {}: each operation's `http` response as its output or its error, following the restJson1 binding rules. Error responses are read through the service's error-code table (one `impl_error_code!` per error, below the operations): each modeled error, the codes that name it and its reader.",
            ctx.model.service.full_name
        ))
        .inner();
    let imports = ctx.use_lines();
    quote! {
        #doc
        #imports
        #body
    }
}

fn operation(ctx: &Context, op: &Operation) -> TokenStream {
    let name = ctx.item(&Item::ResponseFn(op.name.clone()));
    let errors = ctx.import(Import::Errors);
    let error_type = ctx.names.operation_error(&op.name);
    let response_error = ctx.import(Import::ResponseError);
    let output = op
        .output
        .as_ref()
        .and_then(|id| Some((id, ctx.shape_type(id, From::Sibling)?)));
    let (output_type, output_reader) = match output {
        Some((id, ty)) => (ty, reader_for(ctx, id)),
        None => (
            ctx.import_tokens(Import::ResponseMetadata),
            ctx.import_tokens(Import::NoOutput),
        ),
    };
    let parse = ctx.import(Import::Parse);
    let doc = format!(" The response of `{}`: its output or its error.", op.name);
    quote! {
        #[doc = #doc]
        pub(crate) fn #name(
            status: http::StatusCode,
            headers: &http::HeaderMap,
            body: &[u8],
        ) -> Result<#output_type, #response_error<#errors::#error_type>> {
            #parse(status, headers, body, #output_reader)
        }
    }
}

/// The function that reads a top-level output or error structure:
/// `json_body` when it is all body, `default_body` when it has no members,
/// else its own reader (named, and so emitted, by naming).
fn reader_for(ctx: &Context, id: &ShapeId) -> TokenStream {
    match ctx.model.response_reader(id) {
        Some(ResponseReader::Own { .. }) => {
            let name = ctx.item(&Item::Reader(id.clone()));
            quote!(#name)
        }
        Some(ResponseReader::JsonBody) => ctx.import_tokens(Import::JsonBody),
        // Validation makes every output and error a structure.
        Some(ResponseReader::Default) | None => ctx.import_tokens(Import::DefaultBody),
    }
}

/// The service's error-code table: every error some operation lists, with
/// the codes that name it (its shape name, and its `error.code` where that
/// differs) and its reader. Each operation's error enum picks among the
/// errors it lists (`impl_operation_error!(…, read_by_code)` in
/// `errors.rs`), so the table is written once per service, not per
/// operation.
fn error_code_table(ctx: &Context) -> TokenStream {
    let errors: std::collections::BTreeSet<&ShapeId> = ctx
        .model
        .operations
        .values()
        .flat_map(|op| &op.errors)
        .collect();
    if errors.is_empty() {
        return quote!();
    }
    let types = ctx.import(Import::Types);
    let rows = errors.into_iter().map(|error| {
        let ty = ctx.names.type_ident(error);
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
        let reader = reader_for(ctx, error);
        quote!(awsgen_runtime::__private::impl_error_code!(#types::#ty, #codes, #reader);)
    });
    // No doc attribute: rustdoc ignores docs on a macro call, and rustc
    // warns about them. The module's docs describe the table.
    quote!(#(#rows)*)
}

/// The reader of an output or error structure with HTTP-bound members.
fn top_level_reader(ctx: &Context, id: &ShapeId) -> Option<TokenStream> {
    let ty = ctx.shape_type(id, From::Sibling)?;
    let name = ctx.item(&Item::Reader(id.clone()));
    let members = ctx.wire_members(id);
    let mut steps = Vec::new();
    let body_members: Vec<&(&WireMember, Ident)> = members
        .iter()
        .filter(|(m, _)| in_body(m, Direction::Read))
        .collect();
    let mut body_fn = quote!();
    if !body_members.is_empty() {
        let body_name = ctx.item(&Item::BodyReader(id.clone()));
        let arms: Vec<TokenStream> = body_members
            .iter()
            .map(|(m, field)| json_arm(m, field))
            .collect();
        let doc = format!(
            " Fills the members of [`{0}`](types::{0}) that are in the JSON body.",
            ctx.names.type_ident(id)
        );
        let json_reader = ctx.import(Import::JsonReader);
        let json_error = ctx.import(Import::JsonError);
        let read_body = ctx.import(Import::ReadBody);
        body_fn = quote! {
            #[doc = #doc]
            fn #body_name(r: &mut #json_reader<'_>, output: &mut #ty) -> Result<(), #json_error> {
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
        steps.push(quote!(#read_body(body, &mut output, #body_name)?;));
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
        fields.push(if member.plain {
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
        ctx.names.type_ident(id)
    );
    let parse_error = ctx.import(Import::ParseError);
    Some(quote! {
        #[doc = #doc]
        fn #name(#status: http::StatusCode, #headers: &http::HeaderMap, #body: &[u8]) -> Result<#ty, #parse_error> {
            #read
        }
        #body_fn
    })
}

/// An `Option<T>` expression reading a header member.
fn header_value(ctx: &Context, member: &WireMember, name: &str) -> Option<TokenStream> {
    let target = ctx.kind(&member.target)?;
    Some(match target {
        ShapeKind::List(list) => {
            let element = ctx.kind(&list.member)?;
            match element {
                ShapeKind::String => {
                    let call = ctx.import(Import::HeaderList);
                    quote!(#call(headers, #name)?)
                }
                ShapeKind::Enum(_) => {
                    let ty = ctx.shape_type(&list.member, From::Sibling)?;
                    {
                        let call = ctx.import(Import::HeaderList);
                        quote!(#call(headers, #name)?.map(|items| items.into_iter().map(#ty::from).collect()))
                    }
                }
                ShapeKind::Timestamp { .. } => {
                    let format = ctx.format_tokens(member.timestamps?.bound);
                    {
                        let call = ctx.import(Import::HeaderTimestampList);
                        quote!(#call(headers, #name, #format)?)
                    }
                }
                ShapeKind::IntEnum(_) => {
                    let ty = ctx.shape_type(&list.member, From::Sibling)?;
                    {
                        let call = ctx.import(Import::HeaderValueList);
                        quote!(#call::<i32>(headers, #name)?.map(|items| items.into_iter().map(#ty::from).collect()))
                    }
                }
                ShapeKind::Blob { .. } | ShapeKind::List(_) | ShapeKind::Map(_) => return None,
                _ => {
                    let ty = ctx.shape_type(&list.member, From::Sibling)?;
                    {
                        let call = ctx.import(Import::HeaderValueList);
                        quote!(#call::<#ty>(headers, #name)?)
                    }
                }
            }
        }
        ShapeKind::Blob { .. } => {
            let call = ctx.import(Import::HeaderBlob);
            quote!(#call(headers, #name)?)
        }
        ShapeKind::String if member.json_value || member.media_type.is_some() => {
            let call = ctx.import(Import::HeaderBase64);
            quote!(#call(headers, #name)?)
        }
        ShapeKind::String => {
            let call = ctx.import(Import::HeaderStr);
            quote!(#call(headers, #name)?)
        }
        ShapeKind::Enum(_) => {
            let ty = ctx.shape_type(&member.target, From::Sibling)?;
            {
                let call = ctx.import(Import::HeaderStr);
                quote!(#call(headers, #name)?.map(#ty::from))
            }
        }
        ShapeKind::IntEnum(_) => {
            let ty = ctx.shape_type(&member.target, From::Sibling)?;
            {
                let call = ctx.import(Import::HeaderValue);
                quote!(#call::<i32>(headers, #name)?.map(#ty::from))
            }
        }
        ShapeKind::Timestamp { .. } => {
            let format = ctx.format_tokens(member.timestamps?.bound);
            {
                let call = ctx.import(Import::HeaderTimestamp);
                quote!(#call(headers, #name, #format)?)
            }
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
            {
                let call = ctx.import(Import::HeaderValue);
                quote!(#call::<#ty>(headers, #name)?)
            }
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
    let read = {
        let call = ctx.import(Import::PrefixHeaders);
        quote!(#call(headers, #prefix)?)
    };
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
        ShapeKind::Blob { .. } => {
            let call = ctx.import(Import::BlobPayload);
            quote!(#call(body))
        }
        ShapeKind::String => {
            let call = ctx.import(Import::TextPayload);
            quote!(#call(body)?)
        }
        ShapeKind::Enum(_) => {
            let ty = ctx.shape_type(&member.target, From::Sibling)?;
            {
                let call = ctx.import(Import::TextPayload);
                quote!(#call(body)?.map(#ty::from))
            }
        }
        _ => {
            let call = ctx.import(Import::JsonPayload);
            quote!(#call(body)?)
        }
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
fn json_arm(member: &WireMember, field: &Ident) -> TokenStream {
    let key = member.json_key;
    if member.plain {
        quote!(#key => r.read_into(&mut output.#field),)
    } else {
        quote!(#key => r.read_opt_into(&mut output.#field),)
    }
}

fn structure_impl(ctx: &Context, id: &ShapeId) -> TokenStream {
    let Some(ty) = ctx.shape_type(id, From::Sibling) else {
        return quote!();
    };
    let arms: Vec<TokenStream> = ctx
        .wire_members(id)
        .iter()
        .map(|(m, field)| json_arm(m, field))
        .collect();
    let read_json = ctx.import(Import::ReadJson);
    let json_reader = ctx.import(Import::JsonReader);
    let json_error = ctx.import(Import::JsonError);
    if arms.is_empty() {
        return quote! {
            impl #read_json for #ty {
                fn read_json(r: &mut #json_reader<'_>) -> Result<Self, #json_error> {
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
        impl #read_json for #ty {
            fn read_json(r: &mut #json_reader<'_>) -> Result<Self, #json_error> {
                let mut output = Self::default();
                Self::read_json_into(r, &mut output)?;
                Ok(output)
            }

            fn read_json_into(r: &mut #json_reader<'_>, output: &mut Self) -> Result<(), #json_error> {
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
fn union_impl(ctx: &Context, id: &ShapeId) -> TokenStream {
    let Some(ty) = ctx.shape_type(id, From::Sibling) else {
        return quote!();
    };
    let read_json = ctx.import(Import::ReadJson);
    let json_reader = ctx.import(Import::JsonReader);
    let json_error = ctx.import(Import::JsonError);
    let mut arms = Vec::new();
    // Members of unsupported shapes have no variant (types.rs notes them).
    for member in ctx.view.supported(id) {
        let variant = ident(ctx.names.variant(id, &member.name));
        let key = member.json_key;
        arms.push(quote!(#key => r.read_variant(output, Self::#variant),));
    }
    let unknown = ident(ctx.names.unknown_variant());
    let unknown_member = ctx.import(Import::UnknownUnionMember);
    let name = id.name();
    quote! {
        impl #read_json for #ty {
            fn read_json(r: &mut #json_reader<'_>) -> Result<Self, #json_error> {
                let mut output = Self::default();
                Self::read_json_into(r, &mut output)?;
                Ok(output)
            }

            fn read_json_into(r: &mut #json_reader<'_>, output: &mut Self) -> Result<(), #json_error> {
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
