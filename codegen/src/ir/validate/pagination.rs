//! Pagination must name members that exist, with types a paginator can
//! use: the emitters read tokens, page sizes and items by these names, so
//! a typo in a model (or a member AWS renamed without updating
//! `paginators-1.json`) is a generation error, not a paginator that never
//! stops.

use crate::error::{Locator, ModelError, PaginatedPart};
use crate::ir::{Model, Operation, Paginated, Shape, ShapeId, ShapeKind};

use super::a;

/// What a pagination name must reach. The rules are what real models
/// need (the 3,294 paginators of botocore 1.43.11's 457 models pass
/// them), not Smithy's
/// stricter ones: DynamoDB pages by a map (`ExclusiveStartKey`), S3's
/// `ListParts` by an integer, CloudFront's page sizes are strings, and
/// botocore concatenates string items (RDS `DownloadDBLogFilePortion`),
/// sums numbers and keeps the first page's structure (Budgets).
#[derive(Clone, Copy)]
enum Want {
    /// A token: a string, an enum (Route 53's `StartRecordType`), an
    /// integer or a map (and its output token the same kind, checked
    /// apart).
    Token,
    /// A page size: an integer of any width, or a string holding one.
    PageSize,
    /// Items: a list or a map; a string, a number or a structure
    /// (botocore aggregates those too).
    Items,
    /// `more_results`: a boolean.
    Boolean,
    /// `non_aggregate_keys`: any member.
    Any,
}

impl Want {
    fn accepts(self, kind: &ShapeKind) -> bool {
        match self {
            Want::Token => {
                is_integer(kind)
                    || matches!(
                        kind,
                        ShapeKind::String | ShapeKind::Enum(_) | ShapeKind::Map(_)
                    )
            }
            Want::PageSize => is_integer(kind) || matches!(kind, ShapeKind::String),
            Want::Items => {
                is_integer(kind)
                    || matches!(
                        kind,
                        ShapeKind::List(_)
                            | ShapeKind::Map(_)
                            | ShapeKind::String
                            | ShapeKind::Float
                            | ShapeKind::Double
                            | ShapeKind::Structure(_)
                    )
            }
            Want::Boolean => matches!(kind, ShapeKind::Boolean),
            Want::Any => true,
        }
    }

    fn rule(self) -> &'static str {
        match self {
            Want::Token => "a token must be a string, an enum, an integer or a map",
            Want::PageSize => {
                "a page size must be an integer (byte, short, integer or long) or a string"
            }
            Want::Items => "items must be a list, a map, a string, a number or a structure",
            Want::Boolean => "`more_results` must be a boolean",
            Want::Any => "",
        }
    }
}

fn is_integer(kind: &ShapeKind) -> bool {
    matches!(
        kind,
        ShapeKind::Byte | ShapeKind::Short | ShapeKind::Integer | ShapeKind::Long
    )
}

/// Checks one operation's pagination, if it has any.
pub(super) fn check(
    model: &Model,
    name: &str,
    op: &Operation,
    at: &dyn Locator,
) -> Result<(), ModelError> {
    let Some(p) = &op.paginated else {
        return Ok(());
    };
    let err = |part: PaginatedPart, message: String| {
        let (file, pointer) = at.paginated_part(name, part);
        ModelError::new(file, pointer, message)
    };
    let (Some(input_token), Some(output_token)) = (&p.input_token, &p.output_token) else {
        let missing = if p.input_token.is_none() {
            (PaginatedPart::InputToken(0), "an input token")
        } else {
            (PaginatedPart::OutputToken(0), "an output token")
        };
        return Err(err(
            missing.0,
            format!("a paginated operation needs {}", missing.1),
        ));
    };
    let side = |id: &Option<ShapeId>, part: PaginatedPart, role: &str| match id {
        Some(id) => Ok(id.clone()),
        None => Err(err(
            part,
            format!("the operation is paginated but has no {role}"),
        )),
    };
    let input = side(&op.input, PaginatedPart::InputToken(0), "input")?;
    let output = side(&op.output, PaginatedPart::OutputToken(0), "output")?;

    // Each output token fills the input token of the same index.
    let pairs = std::iter::once((input_token, output_token))
        .chain(p.more_tokens.iter().map(|t| (&t.input, &t.output)));
    for (i, (input_token, output_token)) in pairs.enumerate() {
        let part = PaginatedPart::InputToken(i);
        if input_token.contains('.') {
            return Err(err(
                part,
                format!("`{input_token}` must name a member of the input `{input}`, not a path"),
            ));
        }
        let sent = check_path(model, &input, "input", input_token, Want::Token)
            .map_err(|m| err(part, m))?;
        let part = PaginatedPart::OutputToken(i);
        let received = check_path(model, &output, "output", output_token, Want::Token)
            .map_err(|m| err(part, m))?;
        if std::mem::discriminant(&sent.kind) != std::mem::discriminant(&received.kind) {
            return Err(err(
                part,
                format!(
                    "`{output_token}` is {} but fills the input token `{input_token}`, {}",
                    a(&received.kind),
                    a(&sent.kind)
                ),
            ));
        }
    }
    let mut inputs = Vec::new();
    let mut outputs = Vec::new();
    if let Some(page_size) = &p.page_size {
        inputs.push((PaginatedPart::PageSize, page_size, Want::PageSize));
    }
    let items = p.items.iter().chain(&p.more_items).enumerate();
    outputs.extend(items.map(|(i, path)| (PaginatedPart::Items(i), path, Want::Items)));
    if let Some(more) = &p.more_results {
        outputs.push((PaginatedPart::MoreResults, more, Want::Boolean));
    }
    let fixed = p.non_aggregate.iter().enumerate();
    outputs.extend(fixed.map(|(i, path)| (PaginatedPart::NonAggregate(i), path, Want::Any)));

    for (part, path, want) in inputs {
        if path.contains('.') {
            return Err(err(
                part,
                format!("`{path}` must name a member of the input `{input}`, not a path"),
            ));
        }
        check_path(model, &input, "input", path, want).map_err(|m| err(part, m))?;
    }
    for (part, path, want) in outputs {
        check_path(model, &output, "output", path, want).map_err(|m| err(part, m))?;
    }
    check_distinct(p).map_err(|(part, m)| err(part, m))
}

/// Follows a dotted member path from the structure `start` and checks
/// what it reaches; returns that shape.
fn check_path<'m>(
    model: &'m Model,
    start: &ShapeId,
    role: &str,
    path: &str,
    want: Want,
) -> Result<&'m Shape, String> {
    let mut shape: &Shape = model
        .shape(start)
        .ok_or_else(|| format!("the {role} `{start}` is not in the model"))?;
    let mut walked = String::new();
    for segment in path.split('.') {
        let here = if walked.is_empty() {
            format!("the {role} `{start}`")
        } else {
            format!("`{walked}` ({})", shape.id)
        };
        let ShapeKind::Structure(s) = &shape.kind else {
            return Err(format!(
                "`{path}`: {here} is {}; only structure members can be followed",
                a(&shape.kind)
            ));
        };
        let Some(member) = s.members.iter().find(|m| m.name == segment) else {
            return Err(format!("`{path}`: {here} has no member `{segment}`"));
        };
        shape = model
            .shape(&member.target)
            .ok_or_else(|| format!("`{path}`: `{}` is not in the model", member.target))?;
        if !walked.is_empty() {
            walked.push('.');
        }
        walked.push_str(segment);
    }
    if want.accepts(&shape.kind) {
        Ok(shape)
    } else {
        Err(format!(
            "`{path}` is {} (`{}`); {}",
            a(&shape.kind),
            shape.id,
            want.rule()
        ))
    }
}

/// Each input token is set once per request.
fn check_distinct(p: &Paginated) -> Result<(), (PaginatedPart, String)> {
    let tokens = p
        .input_token
        .iter()
        .chain(p.more_tokens.iter().map(|t| &t.input));
    let mut seen = std::collections::BTreeSet::new();
    for (i, token) in tokens.enumerate() {
        if !seen.insert(token) {
            return Err((
                PaginatedPart::InputToken(i),
                format!("the input token `{token}` is listed twice"),
            ));
        }
    }
    Ok(())
}
