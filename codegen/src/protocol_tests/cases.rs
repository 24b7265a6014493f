//! One `#[test]` per case, as tokens. The assertions themselves live in the
//! test crate's hand-written `harness` module; a test builds the values,
//! calls the operation, and hands both to the harness.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::ir::{Binding, Model, ShapeKind};
use crate::naming::{ident, Names};

use super::suite::{Case, Direction};
use super::values::{self, NanField, NanMode};

/// Where a case's suite module is and what it was generated from.
pub struct SuiteContext<'a> {
    pub direction: Direction,
    /// The suite module's name under `crate::input` / `crate::output`.
    pub module: &'a str,
    pub model: &'a Model,
    pub names: &'a Names,
    /// The suite's `clientEndpoint` (input suites).
    pub client_endpoint: Option<&'a str>,
}

/// botocore's runner prepares requests against this endpoint when a suite
/// names none.
const DEFAULT_ENDPOINT: &str = "https://example.com";

/// The test function of one case. `name` is its (unique) function name,
/// `skip` the `#[ignore]` reason if the case is skipped.
pub fn test_fn(
    ctx: &SuiteContext,
    case: &Case,
    name: &str,
    skip: Option<&str>,
) -> Result<TokenStream, String> {
    let body = match ctx.direction {
        Direction::Input => input_body(ctx, case)?,
        Direction::Output => output_body(ctx, case)?,
    };
    let mut doc = match &case.description {
        Some(description) => format!("{}\n\n", description.trim_end()),
        None => String::new(),
    };
    doc.push_str(&format!(
        "Case `{}` of the suite \"{}\".",
        case.id, ctx.model.service.full_name
    ));
    let doc_lines = doc.lines().map(|line| format!(" {line}"));
    let ignore = skip.map(|reason| quote!(#[ignore = #reason]));
    let name = ident(name);
    let module = ident(ctx.module);
    let direction = ident(ctx.direction.as_str());
    let mut imported = Vec::new();
    for module in ["errors", "operations", "types"] {
        if crate::emit::mentions(&body, module) {
            imported.push(ident(module));
        }
    }
    Ok(quote! {
        #(#[doc = #doc_lines])*
        #[test]
        #ignore
        fn #name() {
            use crate::#direction::#module::{#(#imported),*};
            #body
        }
    })
}

fn operation<'a>(
    ctx: &'a SuiteContext,
    case: &Case,
) -> Result<(&'a crate::ir::Operation, TokenStream), String> {
    let name = case
        .operation_name()
        .ok_or_else(|| "the case gives no operation name".to_owned())?;
    let op = ctx
        .model
        .operations
        .get(name)
        .ok_or_else(|| format!("operation `{name}` is not in the suite's model"))?;
    let marker = ident(
        ctx.names
            .operation_name(name)
            .ok_or_else(|| format!("operation `{name}` has no Rust name"))?,
    );
    Ok((op, quote!(operations::#marker)))
}

fn input_body(ctx: &SuiteContext, case: &Case) -> Result<TokenStream, String> {
    let (op, marker) = operation(ctx, case)?;
    let serialized = case
        .serialized
        .as_ref()
        .ok_or_else(|| "an input case without `serialized`".to_owned())?;
    let input = values::build(
        ctx.model,
        ctx.names,
        op.input.as_ref(),
        case.params.as_ref(),
        "params",
        NanMode::Literal,
    )?;
    let (bind_input, input) = if op.input.is_some() {
        let expr = input.expr;
        (quote!(let input = #expr;), quote!(&input))
    } else {
        (quote!(), quote!(&()))
    };
    let method = &serialized.method;
    let uri = &serialized.uri;
    let headers = serialized.headers.iter().map(|(k, v)| quote!((#k, #v)));
    let forbid = &serialized.forbid_headers;
    let require = &serialized.require_headers;
    let body = if serialized.body.is_empty() {
        quote!(crate::harness::Body::Empty)
    } else if raw_payload(ctx.model, op) {
        let bytes = Literal::byte_string(serialized.body.as_bytes());
        quote!(crate::harness::Body::Bytes(#bytes))
    } else {
        serde_json::from_str::<serde_json::Value>(&serialized.body).map_err(|e| {
            format!("the expected body is not JSON, yet the operation sends JSON: {e}")
        })?;
        let text = &serialized.body;
        quote!(crate::harness::Body::Json(#text))
    };
    let endpoint = ctx.client_endpoint.unwrap_or(DEFAULT_ENDPOINT);
    let host = match &serialized.host {
        Some(host) => quote!(Some(#host)),
        None => quote!(None),
    };
    Ok(quote! {
        #bind_input
        let request = crate::harness::build_request::<#marker>(#input);
        crate::harness::check_request(
            &request,
            &crate::harness::ExpectedRequest {
                method: #method,
                uri: #uri,
                headers: &[#(#headers),*],
                forbid_headers: &[#(#forbid),*],
                require_headers: &[#(#require),*],
                body: #body,
                endpoint: #endpoint,
                host: #host,
            },
        );
    })
}

/// Whether the operation's request body is its payload member's raw bytes
/// (a blob, string or enum payload) rather than JSON.
fn raw_payload(model: &Model, op: &crate::ir::Operation) -> bool {
    let Some(ShapeKind::Structure(input)) = op
        .input
        .as_ref()
        .and_then(|id| model.shape(id))
        .map(|s| &s.kind)
    else {
        return false;
    };
    input
        .members
        .iter()
        .filter(|m| m.binding == Binding::Payload)
        .any(|m| {
            matches!(
                model.shape(&m.target).map(|s| &s.kind),
                Some(ShapeKind::Blob { .. } | ShapeKind::String | ShapeKind::Enum(_))
            )
        })
}

fn output_body(ctx: &SuiteContext, case: &Case) -> Result<TokenStream, String> {
    let (op, marker) = operation(ctx, case)?;
    let response = case
        .response
        .as_ref()
        .ok_or_else(|| "an output case without `response`".to_owned())?;
    let status = Literal::u16_unsuffixed(response.status_code);
    let headers = response.headers.iter().map(|(k, v)| quote!((#k, #v)));
    let body = Literal::byte_string(response.body.as_bytes());
    let parse = quote! {
        let parsed = crate::harness::parse_response::<#marker>(#status, &[#(#headers),*], #body);
    };
    if let Some(code) = &case.error_code {
        let check = error_check(ctx, case, op, code, &status)?;
        return Ok(quote! {
            #parse
            #check
        });
    }
    let expected = values::build(
        ctx.model,
        ctx.names,
        op.output.as_ref(),
        case.result.as_ref(),
        "result",
        NanMode::Extract,
    )?;
    if op.output.is_none() {
        return Ok(quote! {
            #parse
            crate::harness::expect_unit_output(parsed, #status);
        });
    }
    let nan_checks = nan_checks(&expected.nan_fields);
    let binding = if expected.nan_fields.is_empty() {
        quote!(actual)
    } else {
        quote!(mut actual)
    };
    let expected = expected.expr;
    Ok(quote! {
        #parse
        let #binding = crate::harness::expect_output(parsed, #status);
        #(#nan_checks)*
        let expected = #expected;
        assert_eq!(actual, expected);
    })
}

/// The check of an error case: the modeled error's variant holding the
/// expected members, or `Unhandled` with the code for an error the
/// operation does not list.
fn error_check(
    ctx: &SuiteContext,
    case: &Case,
    op: &crate::ir::Operation,
    code: &str,
    status: &Literal,
) -> Result<TokenStream, String> {
    let error_enum = ident(
        ctx.names
            .operation_error_name(&op.name)
            .ok_or_else(|| format!("operation `{}` has no error enum", op.name))?,
    );
    let modeled = op.errors.iter().find(|id| {
        id.name() == code
            || ctx
                .model
                .shape(id)
                .and_then(|s| s.error.as_ref())
                .and_then(|e| e.code.as_deref())
                == Some(code)
    });
    let Some(error_id) = modeled else {
        return Ok(quote! {
            match parsed {
                Err(awsgen_runtime::ResponseError::Service(errors::#error_enum::Unhandled(actual))) => {
                    assert_eq!(actual.code.as_deref(), Some(#code));
                }
                other => crate::harness::unexpected(#code, other),
            }
        });
    };
    let variant = ident(
        ctx.names
            .type_name(error_id)
            .ok_or_else(|| format!("error `{error_id}` has no type name"))?,
    );
    let expected = values::build(
        ctx.model,
        ctx.names,
        Some(error_id),
        case.error.as_ref(),
        "error",
        NanMode::Extract,
    )?;
    let nan_checks = nan_checks(&expected.nan_fields);
    let binding = if expected.nan_fields.is_empty() {
        quote!(actual)
    } else {
        quote!(mut actual)
    };
    let expected = expected.expr;
    Ok(quote! {
        match parsed {
            Err(awsgen_runtime::ResponseError::Service(errors::#error_enum::#variant(actual))) => {
                let #binding = crate::harness::without_metadata(actual, #status);
                #(#nan_checks)*
                let expected = #expected;
                assert_eq!(actual, expected);
            }
            other => crate::harness::unexpected(#code, other),
        }
    })
}

/// For each expected NaN member: assert it is NaN in `actual`, and take it
/// out (the expected literal leaves it at its default) so `==` can compare
/// the rest.
fn nan_checks(fields: &[NanField]) -> Vec<TokenStream> {
    fields
        .iter()
        .map(|nan| {
            let mut place = quote!(actual);
            let Some((last, through)) = nan.steps.split_last() else {
                return quote!();
            };
            for step in through {
                let field = ident(&step.field);
                let at = format!("{} is set", step.field.trim_start_matches("r#"));
                place = if step.optional {
                    quote!(#place.#field.as_mut().expect(#at))
                } else {
                    quote!(#place.#field)
                };
            }
            let field = ident(&last.field);
            let at = &nan.at;
            quote!(crate::harness::assert_nan(::std::mem::take(&mut #place.#field), #at);)
        })
        .collect()
}
