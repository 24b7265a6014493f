//! `serialize.rs`: one function per operation that turns its input into an
//! `http::Request` (restJson1), and the `WriteJson` impls of every
//! structure and union that request bodies contain.
//!
//! The code reads like the binding rules it follows: the URI template's
//! literals and labels in order, then query parameters, headers, the host
//! prefix and the body. The encoding itself (percent-encoding, quoting of
//! list headers, JSON escapes) lives in the runtime, once.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::Doc;
use crate::emit::rust_type::From;
use crate::emit::wire::{in_body, unsupported_binding, Direction, JsonShape};
use crate::emit::Context;
use crate::ir::uri::TemplatePart;
use crate::ir::{Binding, Operation, RequestBody, ShapeId, ShapeKind, TimestampFormat, WireMember};
use crate::naming::{Import, Item};

pub(super) fn emit(ctx: &Context) -> TokenStream {
    let mut items = Vec::new();
    for op in ctx.model.operations.values() {
        items.push(operation(ctx, op));
    }
    // Naming allocated a writer for every input the operations call one for.
    for (item, _) in ctx.table().items() {
        if let Item::BodyWriter(id) = item {
            if let Some(writer) = body_writer(ctx, id) {
                items.push(writer);
            }
        }
    }
    for (id, shape) in ctx.json_shapes(Direction::Write) {
        items.push(match shape {
            JsonShape::Structure => structure_impl(ctx, &id),
            JsonShape::Union => union_impl(ctx, &id),
            JsonShape::Neither => quote!(),
        });
    }
    let body: TokenStream = items.into_iter().collect();
    let doc = Doc::new()
        .text(format!(
            "Request serializers of {}: each operation's input as an `http::Request`, following the restJson1 binding rules.",
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

/// `pub(crate) fn create_job(input: &types::CreateJobRequest) -> Result<http::Request<Vec<u8>>, BuildError>`.
fn operation(ctx: &Context, op: &Operation) -> TokenStream {
    let name = ctx.item(&Item::RequestFn(op.name.clone()));
    let build_error = ctx.import(Import::BuildError);
    let method = super::wire::method_tokens(&op.http.method);
    let template_query = op
        .http
        .uri
        .query
        .iter()
        .map(|(k, v)| match v {
            Some(v) => format!("{k}={v}"),
            None => k.clone(),
        })
        .collect::<Vec<_>>()
        .join("&");
    let input = op
        .input
        .as_ref()
        .and_then(|id| Some((id, ctx.structure(id)?)));
    let members: Vec<(&WireMember, proc_macro2::Ident)> = match input {
        Some((id, _)) => ctx.wire_members(id),
        None => Vec::new(),
    };
    // The members bound one way, each with what its binding says (the
    // query key, the header name, …), in model order.
    let bound = |binding: &dyn for<'b> Fn(&'b Binding) -> Option<&'b str>| {
        members
            .iter()
            .filter_map(|(m, field)| Some((*m, field, binding(&m.binding)?)))
            .collect::<Vec<_>>()
    };

    // The path: literals and labels in template order.
    let mut parts = op.http.uri.path.iter();
    let first_literal = match op.http.uri.path.first() {
        Some(TemplatePart::Literal(text)) => {
            parts.next();
            text.clone()
        }
        _ => String::new(),
    };
    let mut steps = Vec::new();
    for part in parts {
        match part {
            TemplatePart::Literal(text) => steps.push(quote!(request.path(#text);)),
            TemplatePart::Label { name, greedy } => {
                let bound = members
                    .iter()
                    .find(|(m, _)| m.binding == Binding::Label(name.clone()));
                let Some((member, field)) = bound else {
                    // Validation binds every label to a member.
                    let message = format!("awsgen: URI label `{name}` is bound to no member");
                    steps.push(quote!(::core::compile_error!(#message);));
                    continue;
                };
                // Errors name the label as the template spells it (the
                // member's name in Smithy, its `locationName` in botocore).
                let member_name = name;
                let format = member.timestamps.map(|t| t.bound);
                let Some(text) =
                    scalar_text(ctx, &member.name, &member.target, format, quote!(value))
                else {
                    let error = unsupported_binding(member, "a URI label");
                    steps.push(quote!(#error;));
                    continue;
                };
                let call = if *greedy {
                    quote!(request.greedy_label(#member_name, #text)?;)
                } else {
                    quote!(request.label(#member_name, #text)?;)
                };
                steps.push(if member.plain {
                    quote! { let value = &input.#field; #call }
                } else if member.idempotency_token {
                    let idempotency_token = ctx.import(Import::IdempotencyToken);
                    quote! {
                        let token = input.#field.clone().unwrap_or_else(#idempotency_token);
                        let value = &token;
                        #call
                    }
                } else {
                    let message = "must be set: it is part of the request URI";
                    quote! {
                        let Some(value) = &input.#field else {
                            return Err(#build_error::new(#member_name, #message));
                        };
                        #call
                    }
                });
            }
        }
    }

    for (member, field, key) in bound(&|b| match b {
        Binding::Query(key) => Some(key),
        _ => None,
    }) {
        steps.push(query_member(ctx, member, field, key).unwrap_or_else(|| {
            let error = unsupported_binding(member, "a query parameter");
            quote!(#error;)
        }));
    }
    for (member, field, _) in bound(&|b| (*b == Binding::QueryParams).then_some("")) {
        steps.push(query_params_member(ctx, member, field).unwrap_or_else(|| {
            let error = unsupported_binding(member, "spread over query parameters");
            quote!(#error;)
        }));
    }
    for (member, field, header) in bound(&|b| match b {
        Binding::Header(header) => Some(header),
        _ => None,
    }) {
        steps.push(
            header_member(ctx, member, field, &header.to_ascii_lowercase()).unwrap_or_else(|| {
                let error = unsupported_binding(member, "a header");
                quote!(#error;)
            }),
        );
    }
    for (member, field, prefix) in bound(&|b| match b {
        Binding::PrefixHeaders(prefix) => Some(prefix),
        _ => None,
    }) {
        let member_name = &member.name;
        let sparse = matches!(ctx.kind(&member.target), Some(ShapeKind::Map(m)) if m.sparse);
        let entries = if sparse {
            quote!(value
                .iter()
                .filter_map(|(key, item)| Some((key, item.as_ref()?))))
        } else {
            quote!(value)
        };
        steps.push(optional(
            ctx,
            member,
            field,
            quote!(request.prefix_headers(#member_name, #prefix, #entries)?;),
        ));
    }
    if let Some(prefix) = &op.host_prefix {
        steps.push(host_prefix(ctx, &prefix.parts, &members));
    }

    // The body.
    if let Some((member, field, _)) = bound(&|b| (*b == Binding::Payload).then_some("")).first() {
        steps.push(payload(ctx, member, field));
    } else if let Some((id, _)) = input {
        match ctx.model.request_body(id) {
            Some(RequestBody::Whole) => {
                steps.push(
                    quote!(request.json_body(awsgen_runtime::__private::json::to_vec(input));),
                );
            }
            Some(RequestBody::Members) => {
                let writer = ctx.item(&Item::BodyWriter(id.clone()));
                let json_writer = ctx.import(Import::JsonWriter);
                steps.push(quote! {
                    let mut body = #json_writer::new();
                    #writer(input, &mut body);
                    request.json_body(body.into_bytes());
                });
            }
            Some(RequestBody::None | RequestBody::Payload) | None => {}
        }
    }

    let input_type = input.and_then(|(id, _)| ctx.shape_type(id, From::Sibling));
    let uses_input = steps.iter().any(|step| super::mentions(step, "input"));
    let input_param = match &input_type {
        Some(ty) if uses_input => quote!(input: &#ty),
        Some(ty) => quote!(_input: &#ty),
        None => quote!(),
    };
    let doc = format!(
        " The request of `{}`: `{} {}`.",
        op.name, op.http.method, op.http.uri
    );
    let mutable = if steps.is_empty() {
        quote!()
    } else {
        quote!(mut)
    };
    let request_builder = ctx.import(Import::RequestBuilder);
    quote! {
        #[doc = #doc]
        pub(crate) fn #name(#input_param) -> Result<http::Request<Vec<u8>>, #build_error> {
            let #mutable request = #request_builder::new(#method, #first_literal, #template_query);
            #(#steps)*
            request.build()
        }
    }
}

/// Runs `step` with `value` bound to the member's value: always for a
/// required member, when set for an optional one. An unset idempotency
/// token (always an `Option`) gets a fresh one.
fn optional(
    ctx: &Context,
    member: &WireMember,
    field: &proc_macro2::Ident,
    step: TokenStream,
) -> TokenStream {
    if member.idempotency_token {
        let idempotency_token = ctx.import(Import::IdempotencyToken);
        quote! {
            let token = input.#field.clone().unwrap_or_else(#idempotency_token);
            let value = &token;
            #step
        }
    } else if member.plain {
        quote! { { let value = &input.#field; #step } }
    } else {
        quote! {
            if let Some(value) = &input.#field {
                #step
            }
        }
    }
}

fn query_member(
    ctx: &Context,
    member: &WireMember,
    field: &proc_macro2::Ident,
    key: &str,
) -> Option<TokenStream> {
    let format = member.timestamps.map(|t| t.bound);
    let step = match ctx.kind(&member.target)? {
        ShapeKind::List(list) => {
            let text = scalar_text(ctx, &member.name, &list.member, format, quote!(item))?;
            quote! {
                for item in value {
                    request.query(#key, #text);
                }
            }
        }
        _ => {
            let text = scalar_text(ctx, &member.name, &member.target, format, quote!(value))?;
            quote!(request.query(#key, #text);)
        }
    };
    Some(optional(ctx, member, field, step))
}

/// An `httpQueryParams` map: string (or enum) values, or lists of them.
fn query_params_member(
    ctx: &Context,
    member: &WireMember,
    field: &proc_macro2::Ident,
) -> Option<TokenStream> {
    let ShapeKind::Map(map) = ctx.kind(&member.target)? else {
        return None;
    };
    let step = match ctx.kind(&map.value)? {
        ShapeKind::String | ShapeKind::Enum(_) if map.sparse => quote! {
            request.query_params(value.iter().filter_map(|(key, item)| Some((key, item.as_ref()?))));
        },
        ShapeKind::String | ShapeKind::Enum(_) => quote!(request.query_params(value);),
        ShapeKind::List(list)
            if map.sparse
                && matches!(
                    ctx.kind(&list.member),
                    Some(ShapeKind::String | ShapeKind::Enum(_))
                ) =>
        {
            quote! {
                request.query_param_lists(value.iter().filter_map(|(key, item)| Some((key, item.as_ref()?))));
            }
        }
        ShapeKind::List(list)
            if matches!(
                ctx.kind(&list.member),
                Some(ShapeKind::String | ShapeKind::Enum(_))
            ) =>
        {
            quote!(request.query_param_lists(value);)
        }
        _ => {
            let format = member.timestamps.map(|t| t.bound);
            let text = scalar_text(ctx, &member.name, &map.value, format, quote!(item))?;
            let entries = if map.sparse {
                quote!(value
                    .iter()
                    .filter_map(|(key, item)| Some((key, item.as_ref()?))))
            } else {
                quote!(value)
            };
            quote! {
                for (key, item) in #entries {
                    request.query_param(key.as_ref(), #text);
                }
            }
        }
    };
    Some(optional(ctx, member, field, step))
}

fn header_member(
    ctx: &Context,
    member: &WireMember,
    field: &proc_macro2::Ident,
    name: &str,
) -> Option<TokenStream> {
    let target = ctx.kind(&member.target)?;
    let step = match target {
        ShapeKind::List(list) => match ctx.kind(&list.member)? {
            ShapeKind::Timestamp { .. } => {
                let format = ctx.format_tokens(member.timestamps?.bound);
                quote!(request.header_timestamp_list(#name, value, #format)?;)
            }
            ShapeKind::String => quote!(request.header_list(#name, value)?;),
            _ => {
                let text = owned_text(ctx, &list.member, quote!(item))?;
                quote!(request.header_list(#name, value.iter().map(|item| #text))?;)
            }
        },
        ShapeKind::Timestamp { .. } => {
            let format = ctx.format_tokens(member.timestamps?.bound);
            quote!(request.header_timestamp(#name, value, #format)?;)
        }
        ShapeKind::String if member.json_value || member.media_type.is_some() => {
            quote!(request.header_base64(#name, value)?;)
        }
        _ => {
            let format = member.timestamps.map(|t| t.bound);
            let text = scalar_text(ctx, &member.name, &member.target, format, quote!(value))?;
            quote!(request.header(#name, #text)?;)
        }
    };
    Some(optional(ctx, member, field, step))
}

/// The endpoint's host prefix, literal text and host labels in order; the
/// runtime checks each value and then the DNS labels they form together.
fn host_prefix(
    ctx: &Context,
    parts: &[TemplatePart],
    members: &[(&WireMember, proc_macro2::Ident)],
) -> TokenStream {
    let mut steps = Vec::new();
    for part in parts {
        match part {
            TemplatePart::Literal(text) => steps.push(quote!(request.host_literal(#text);)),
            TemplatePart::Label { name, .. } => {
                let Some((member, field)) = members.iter().find(|(m, _)| &m.name == name) else {
                    // Validation binds every host label to a member.
                    let message = format!("awsgen: host label `{name}` is bound to no member");
                    steps.push(quote!(::core::compile_error!(#message);));
                    continue;
                };
                let member_name = &member.name;
                let enum_target = matches!(ctx.kind(&member.target), Some(ShapeKind::Enum(_)));
                let access = match (member.plain, enum_target) {
                    (true, false) => quote!(&input.#field),
                    (true, true) => quote!(input.#field.as_str()),
                    (false, false) => quote!(input.#field.as_deref().unwrap_or_default()),
                    (false, true) => {
                        quote!(input.#field.as_ref().map_or("", |value| value.as_str()))
                    }
                };
                steps.push(quote!(request.host_label(#member_name, #access)?;));
            }
        }
    }
    quote!(#(#steps)*)
}

/// The body of an operation with an `httpPayload` member.
fn payload(ctx: &Context, member: &WireMember, field: &proc_macro2::Ident) -> TokenStream {
    let kind = ctx.kind(&member.target);
    let media = member.media_type.as_deref();
    let set = match kind {
        Some(ShapeKind::Blob { .. }) => {
            let content_type = media.unwrap_or("application/octet-stream");
            quote!(request.blob_body(value.as_bytes().to_vec(), #content_type);)
        }
        Some(ShapeKind::String) => {
            let content_type = media.unwrap_or("text/plain");
            quote!(request.text_body(value, #content_type);)
        }
        Some(ShapeKind::Enum(_)) => {
            let content_type = media.unwrap_or("text/plain");
            quote!(request.text_body(value.as_str(), #content_type);)
        }
        _ => quote!(request.json_body(awsgen_runtime::__private::json::to_vec(value));),
    };
    let step = optional(ctx, member, field, set);
    // An unset structure payload is still an (empty) JSON object; unset
    // blobs, strings, documents and unions send no body at all.
    if matches!(kind, Some(ShapeKind::Structure(_))) && !member.plain {
        quote! {
            #step else {
                request.json_body(b"{}".to_vec());
            }
        }
    } else {
        step
    }
}

/// The JSON body of an input that also has HTTP-bound members: only its
/// body members.
fn body_writer(ctx: &Context, id: &ShapeId) -> Option<TokenStream> {
    let ty = ctx.shape_type(id, From::Sibling)?;
    let name = ctx.item(&Item::BodyWriter(id.clone()));
    let writes: Vec<TokenStream> = ctx
        .wire_members(id)
        .iter()
        .filter(|(m, _)| in_body(m, Direction::Write))
        .map(|(m, field)| json_member(ctx, m, quote!(input.#field)))
        .collect();
    let doc = format!(
        " The JSON body of [`{0}`](types::{0}): its members that are not bound to the URI or headers.",
        ctx.names.type_ident(id)
    );
    let json_writer = ctx.import(Import::JsonWriter);
    Some(quote! {
        #[doc = #doc]
        fn #name(input: &#ty, w: &mut #json_writer) {
            w.begin_object();
            #(#writes)*
            w.end_object();
        }
    })
}

fn structure_impl(ctx: &Context, id: &ShapeId) -> TokenStream {
    let Some(ty) = ctx.shape_type(id, From::Sibling) else {
        return quote!();
    };
    let writes: Vec<TokenStream> = ctx
        .wire_members(id)
        .iter()
        .map(|(m, field)| json_member(ctx, m, quote!(self.#field)))
        .collect();
    let write_json = ctx.import(Import::WriteJson);
    let json_writer = ctx.import(Import::JsonWriter);
    quote! {
        impl #write_json for #ty {
            fn write_json(&self, w: &mut #json_writer) {
                w.begin_object();
                #(#writes)*
                w.end_object();
            }
        }
    }
}

fn union_impl(ctx: &Context, id: &ShapeId) -> TokenStream {
    let Some(ty) = ctx.shape_type(id, From::Sibling) else {
        return quote!();
    };
    let mut arms = Vec::new();
    // Members of unsupported shapes have no variant (types.rs notes them).
    for member in ctx.view.supported(id) {
        let variant = crate::naming::ident(ctx.names.variant(id, &member.name));
        let key = member.json_key;
        let write = match member.timestamps {
            Some(t)
                if t.body != TimestampFormat::EpochSeconds
                    && matches!(ctx.kind(&member.target), Some(ShapeKind::Timestamp { .. })) =>
            {
                let format = ctx.format_tokens(t.body);
                quote!(w.member_timestamp(#key, value, #format))
            }
            _ => quote!(w.member(#key, value)),
        };
        arms.push(quote!(Self::#variant(value) => #write,));
    }
    let unknown = crate::naming::ident(ctx.names.unknown_variant());
    let write_json = ctx.import(Import::WriteJson);
    let json_writer = ctx.import(Import::JsonWriter);
    quote! {
        impl #write_json for #ty {
            fn write_json(&self, w: &mut #json_writer) {
                w.begin_object();
                match self {
                    #(#arms)*
                    Self::#unknown(member) => w.member(&member.name, &member.value),
                }
                w.end_object();
            }
        }
    }
}

/// One `"key": value` of a JSON object, or nothing when the member is
/// unset. `access` is the field (`self.job_id` or `input.job_id`).
fn json_member(ctx: &Context, member: &WireMember, access: TokenStream) -> TokenStream {
    let key = member.json_key;
    let required = member.plain;
    let kind = ctx.kind(&member.target);
    if member.idempotency_token {
        let idempotency_token = ctx.import(Import::IdempotencyToken);
        return quote! {
            match &#access {
                Some(value) => w.member(#key, value),
                None => w.member(#key, &#idempotency_token()),
            }
        };
    }
    let body_format = member
        .timestamps
        .map(|t| t.body)
        .filter(|f| *f != TimestampFormat::EpochSeconds);
    if let Some(ShapeKind::Timestamp { .. }) = kind {
        if let Some(format) = body_format {
            let format = ctx.format_tokens(format);
            return if required {
                quote!(w.member_timestamp(#key, &#access, #format);)
            } else {
                quote!(w.member_timestamp_opt(#key, &#access, #format);)
            };
        }
    }
    if let Some(custom) =
        body_format.and_then(|format| timestamp_collection(ctx, key, kind, format))
    {
        return if required {
            quote! { { let value = &#access; #custom } }
        } else {
            quote! { if let Some(value) = &#access { #custom } }
        };
    }
    if required {
        quote!(w.member(#key, &#access);)
    } else {
        quote!(w.member_opt(#key, &#access);)
    }
}

/// A list or map of timestamps whose elements' shape sets a format other
/// than the body's default: written element by element (`value` is the
/// collection).
fn timestamp_collection(
    ctx: &Context,
    key: &str,
    kind: Option<&ShapeKind>,
    format: TimestampFormat,
) -> Option<TokenStream> {
    let (sparse, is_map) = match kind? {
        ShapeKind::List(l) => (l.sparse, false),
        ShapeKind::Map(m) => (m.sparse, true),
        _ => return None,
    };
    let format = ctx.format_tokens(format);
    let write_item = if sparse {
        quote! {
            match item {
                Some(item) => w.timestamp(item, #format),
                None => w.null(),
            }
        }
    } else {
        quote!(w.timestamp(item, #format);)
    };
    Some(if is_map {
        quote! {
            w.key(#key);
            w.begin_object();
            for (key, item) in value {
                w.key(key.as_ref());
                #write_item
            }
            w.end_object();
        }
    } else {
        quote! {
            w.key(#key);
            w.begin_array();
            for item in value {
                #write_item
            }
            w.end_array();
        }
    })
}

/// A scalar of shape `target` (`value: &T`) as a `&str` argument, for
/// labels, query parameters and headers. A timestamp is written in
/// `format`, the member's resolved format where it is bound (the wire
/// view's, for a timestamp or its list or map); errors name `member_name`.
fn scalar_text(
    ctx: &Context,
    member_name: &str,
    target: &ShapeId,
    format: Option<TimestampFormat>,
    value: TokenStream,
) -> Option<TokenStream> {
    match ctx.kind(target)? {
        ShapeKind::Timestamp { .. } => {
            let format = ctx.format_tokens(format?);
            let fmt_timestamp = ctx.import(Import::FmtTimestamp);
            Some(quote!(&#fmt_timestamp(#member_name, #value, #format)?))
        }
        ShapeKind::String
        | ShapeKind::Boolean
        | ShapeKind::Enum(_)
        | ShapeKind::BigInteger
        | ShapeKind::BigDecimal => owned_text(ctx, target, value),
        _ => {
            let owned = owned_text(ctx, target, value)?;
            Some(quote!(&#owned))
        }
    }
}

/// A scalar (`value: &T`) as something `AsRef<str>` (a `String`, `&str`
/// or `&String`), for list elements. Not for timestamps, whose formatting
/// can fail.
fn owned_text(ctx: &Context, target: &ShapeId, value: TokenStream) -> Option<TokenStream> {
    Some(match ctx.kind(target)? {
        ShapeKind::String => quote!(#value),
        ShapeKind::Enum(_) => quote!(#value.as_str()),
        ShapeKind::IntEnum(_) => {
            let fmt_integer = ctx.import(Import::FmtInteger);
            quote!(#fmt_integer(#value.as_i32()))
        }
        ShapeKind::Boolean => {
            let fmt_bool = ctx.import(Import::FmtBool);
            quote!(#fmt_bool(*#value))
        }
        ShapeKind::Byte | ShapeKind::Short | ShapeKind::Integer | ShapeKind::Long => {
            let fmt_integer = ctx.import(Import::FmtInteger);
            quote!(#fmt_integer(*#value))
        }
        ShapeKind::Float => {
            let fmt_f32 = ctx.import(Import::FmtF32);
            quote!(#fmt_f32(*#value))
        }
        ShapeKind::Double => {
            let fmt_f64 = ctx.import(Import::FmtF64);
            quote!(#fmt_f64(*#value))
        }
        ShapeKind::BigInteger | ShapeKind::BigDecimal => quote!(#value.as_str()),
        ShapeKind::Blob { .. } => {
            quote!(awsgen_runtime::__private::base64::encode(#value.as_bytes()))
        }
        _ => return None,
    })
}
