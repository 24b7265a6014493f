//! `paginators.rs`: `awsgen_runtime::client::paginate::Paginated` for every
//! paginated operation, from `Operation::paginated` (botocore's
//! `paginators-1.json`, Smithy's `@paginated`): where the token goes in,
//! where the next one comes out, the page size, and a page's items.
//!
//! Only the first token pair and the first item member are used: the
//! botocore-only extras (`more_tokens`, `more_items`, `more_results`,
//! `non_aggregate`) are left out; no shipped model needs them.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::Doc;
use crate::emit::rust_type::From;
use crate::emit::Context;
use crate::ir::{Operation, Paginated, ShapeId, ShapeKind, WireMember};

pub(super) fn emit(ctx: &Context) -> TokenStream {
    let items: Vec<TokenStream> = ctx
        .model
        .operations
        .values()
        .filter_map(|op| Some(paginated(ctx, op, op.paginated.as_ref()?)))
        .collect();
    let doc = Doc::new()
        .text(format!(
            "How the paginated operations of {} page: one `Paginated` impl each.",
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

/// A member of a structure with its field, or a `compile_error!` naming
/// what is missing (validation checks every pagination name, so this is a
/// generator bug).
fn member<'a>(
    ctx: &Context<'a>,
    shape: &ShapeId,
    name: &str,
) -> Result<(&'a WireMember<'a>, proc_macro2::Ident), TokenStream> {
    ctx.wire_members(shape)
        .into_iter()
        .find(|(m, _)| m.name == name)
        .ok_or_else(|| {
            let message = format!("pagination member `{name}` not found in `{shape}`");
            quote!(compile_error!(#message);)
        })
}

/// The members along a dotted output path (`result.nextToken`).
fn path<'a>(
    ctx: &Context<'a>,
    output: &ShapeId,
    dotted: &str,
) -> Result<Vec<(&'a WireMember<'a>, proc_macro2::Ident)>, TokenStream> {
    let mut shape = output.clone();
    let mut out = Vec::new();
    for name in dotted.split('.') {
        let found = member(ctx, &shape, name)?;
        shape = found.0.target.clone();
        out.push(found);
    }
    Ok(out)
}

fn paginated(ctx: &Context, op: &Operation, p: &Paginated) -> TokenStream {
    match paginated_impl(ctx, op, p) {
        Ok(tokens) | Err(tokens) => tokens,
    }
}

fn paginated_impl(
    ctx: &Context,
    op: &Operation,
    p: &Paginated,
) -> Result<TokenStream, TokenStream> {
    let missing = |what: &str| {
        let message = format!("operation `{}` has no {what} to paginate", op.name);
        quote!(compile_error!(#message);)
    };
    let input = op.input.as_ref().ok_or_else(|| missing("input"))?;
    let output = op.output.as_ref().ok_or_else(|| missing("output"))?;
    let input_token = p
        .input_token
        .as_deref()
        .ok_or_else(|| missing("input token"))?;
    let output_token = p
        .output_token
        .as_deref()
        .ok_or_else(|| missing("output token"))?;
    let marker = ctx.names.operation(&op.name);

    let (token_member, token_field) = member(ctx, input, input_token)?;
    let set_token = if token_member.plain {
        quote!(input.#token_field = token;)
    } else {
        quote!(input.#token_field = Some(token);)
    };

    // `output.a.as_ref()?.nextToken.as_deref()`.
    let token_path = path(ctx, output, output_token)?;
    let mut reach = quote!(output);
    let last = token_path.len() - 1;
    for (i, (m, field)) in token_path.iter().enumerate() {
        reach = match (i == last, m.plain, m.boxed) {
            (true, true, _) => quote!(Some(#reach.#field.as_str())),
            (true, false, _) => quote!(#reach.#field.as_deref()),
            (false, true, _) => quote!(#reach.#field),
            (false, false, true) => quote!(#reach.#field.as_deref()?),
            (false, false, false) => quote!(#reach.#field.as_ref()?),
        };
    }

    let page_size = p.page_size.as_deref();
    let set_page_size = match page_size {
        Some(name) => {
            let (m, field) = member(ctx, input, name)?;
            let size = match ctx.kind(&m.target) {
                Some(ShapeKind::Integer) => quote!(size),
                Some(ShapeKind::Long) => quote!(i64::from(size)),
                _ => {
                    let message = format!(
                        "page size `{name}` of `{}` is neither an integer nor a long",
                        op.name
                    );
                    return Err(quote!(compile_error!(#message);));
                }
            };
            let assign = if m.plain {
                quote!(input.#field = #size;)
            } else {
                quote!(input.#field = Some(#size);)
            };
            Some(quote! {
                fn set_page_size(input: &mut Self::Input, size: i32) { #assign }
            })
        }
        None => None,
    };
    let page_size_const = match page_size {
        Some(name) => quote!(Some(#name)),
        None => quote!(None),
    };

    let (items_type, items_body) = match p.items.as_deref() {
        Some(dotted) => items(ctx, output, dotted)?,
        None => (quote!(Option<Self::Output>), quote!(Some(output))),
    };
    let doc = Doc::new()
        .text(format!(
            "`{}` pages with `{input_token}` → `{output_token}`{}.",
            op.name,
            page_size
                .map(|s| format!(", page size `{s}`"))
                .unwrap_or_default()
        ))
        .outer();
    Ok(quote! {
        #doc
        impl awsgen_runtime::client::paginate::Paginated for super::operations::#marker {
            type Items = #items_type;
            const INPUT_TOKEN: &'static str = #input_token;
            const OUTPUT_TOKEN: &'static str = #output_token;
            const PAGE_SIZE: Option<&'static str> = #page_size_const;
            fn set_token(input: &mut Self::Input, token: String) { #set_token }
            fn next_token(output: &Self::Output) -> Option<&str> { #reach }
            #set_page_size
            fn items(output: Self::Output) -> Self::Items { #items_body }
        }
    })
}

/// The type of a page's items and the body that takes them out of the
/// output (by value; the member's default when a step is absent).
fn items(
    ctx: &Context,
    output: &ShapeId,
    dotted: &str,
) -> Result<(TokenStream, TokenStream), TokenStream> {
    let members = path(ctx, output, dotted)?;
    let Some(((last, last_field), steps)) = members.split_last() else {
        return Err(quote!(compile_error!("empty pagination item path");));
    };
    let Some(items_type) = ctx.shape_type(&last.target, From::Sibling) else {
        let message = format!("pagination items `{dotted}` have no Rust type");
        return Err(quote!(compile_error!(#message);));
    };
    let mut body = quote!(let x = output;);
    for (m, field) in steps {
        body = if m.plain {
            quote!(#body let x = x.#field;)
        } else if m.boxed {
            quote!(#body let Some(x) = x.#field else { return Default::default() }; let x = *x;)
        } else {
            quote!(#body let Some(x) = x.#field else { return Default::default() };)
        };
    }
    let take = if last.plain {
        quote!(x.#last_field)
    } else {
        quote!(x.#last_field.unwrap_or_default())
    };
    let body = if steps.is_empty() {
        if last.plain {
            quote!(output.#last_field)
        } else {
            quote!(output.#last_field.unwrap_or_default())
        }
    } else {
        quote!(#body #take)
    };
    Ok((items_type, body))
}
