//! What changed in an API between two versions of a service's shape graph.
//!
//! The diff is computed on [`crate::ir::Model`]s, not on raw model files, so
//! it works the same for every front-end and ignores what does not reach a
//! user (documentation-only edits, shape renames of plain strings, member
//! order). It gives two kinds of facts:
//!
//! - **Additions**, per operation and side (request = the input shape,
//!   response = the output shape): new members and new enum values, found by
//!   following member names down from the operation's input or output. Lists
//!   and maps are transparent: the path goes straight through to the
//!   element's (or map value's) members. This is what AWS's published API
//!   changelogs show, and [`crate::changelog`] prints it in their form.
//! - **Breaking changes**: what breaks callers of the API or users of the
//!   generated crate (removed operations, members, enum values and errors;
//!   members that became required or optional; changed types; changed HTTP
//!   method, URI or member location). A reviewer must not miss these, so
//!   they are kept apart from the additions.
//!
//! A change to a shape that several operations reach is reported under
//! every operation and side that reaches it. Everything is ordered (`BTreeMap`,
//! sorted vectors), so the same two models always give the same diff.

mod walk;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::ir::{Model, Operation};

/// The API changes of one service between an old and a new model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiDiff {
    /// The service's full name (`serviceFullName`), from the new model when
    /// there is one.
    pub full_name: String,
    pub status: ServiceStatus,
    /// Changed operations, in name order.
    pub methods: Vec<MethodChange>,
    /// Breaking changes, ordered by operation, side, path and kind.
    pub breaking: Vec<BreakingChange>,
}

/// Whether the service itself is new, gone or in both versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ServiceStatus {
    /// In both versions.
    Updated,
    /// Only in the new version: every operation is new.
    Added,
    /// Only in the old version: every operation is removed.
    Removed,
}

/// One operation that is new, removed, or has additions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MethodChange {
    pub name: String,
    pub change: Change,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The operation is new; its documentation (model HTML) is kept for
    /// the changelog.
    New { documentation: Option<String> },
    /// The operation is gone (also listed as a breaking change).
    Removed,
    /// The operation exists in both versions and gained members or enum
    /// values on at least one side.
    Updated {
        request: Option<Additions>,
        response: Option<Additions>,
    },
}

/// Member name → what was added at or under that member.
pub type Additions = BTreeMap<String, Added>;

/// What was added under one member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// The member is new; this is its type.
    Member(TypeSummary),
    /// The member existed; its structure (or the structure its list or map
    /// holds) gained these.
    Members(Additions),
    /// The member existed; its enum (or the enum its list or map holds)
    /// gained these values.
    EnumValues(BTreeSet<EnumLiteral>),
}

/// The type of a newly added member as the changelog shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeSummary {
    /// A botocore type name: `string`, `integer`, `long`, `boolean`,
    /// `timestamp`, `blob`, … (`structure` for a structure with no members
    /// or one already being expanded, to stop at recursion).
    Name(&'static str),
    /// A structure (or union): its members and their types.
    Members(BTreeMap<String, TypeSummary>),
}

/// An enum value: a string (botocore enums, Smithy `enum`) or an integer
/// (Smithy `intEnum`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum EnumLiteral {
    Int(i64),
    Str(String),
}

impl fmt::Display for EnumLiteral {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EnumLiteral::Int(i) => write!(f, "{i}"),
            EnumLiteral::Str(s) => f.write_str(s),
        }
    }
}

/// The request (input shape) or response (output shape) of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    Request,
    Response,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Request => "request",
            Side::Response => "response",
        }
    }
}

/// A change that breaks callers of the API or users of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct BreakingChange {
    pub operation: String,
    /// `None` for changes to the operation itself (removed, HTTP method…).
    pub side: Option<Side>,
    /// Member names from the input or output shape down to the member
    /// concerned (lists and maps are transparent); empty for the shape
    /// itself.
    pub path: Vec<String>,
    pub kind: BreakingKind,
}

/// What kind of breaking change, with the old and new values where there
/// are two.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum BreakingKind {
    OperationRemoved,
    HttpMethodChanged {
        old: String,
        new: String,
    },
    HttpUriChanged {
        old: String,
        new: String,
    },
    /// The operation no longer lists this error: code that matches on it
    /// stops compiling.
    ErrorRemoved {
        error: String,
    },
    MemberRemoved,
    /// A new member that callers must set.
    NewRequiredMember,
    BecameRequired,
    /// Not breaking for the API, but the generated field changes from `T`
    /// to `Option<T>`.
    BecameOptional,
    /// The type changed: another kind of shape, or another named type
    /// (structure, union, enum) whose generated Rust type has another name.
    TypeChanged {
        old: String,
        new: String,
    },
    /// The member moved in the HTTP message (body key, header, query
    /// string, URI label, …).
    LocationChanged {
        old: String,
        new: String,
    },
    EnumValueRemoved {
        value: EnumLiteral,
    },
}

impl fmt::Display for BreakingChange {
    /// `Op (side): a.b: what changed`, one line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.operation)?;
        if let Some(side) = self.side {
            write!(f, " ({})", side.as_str())?;
        }
        f.write_str(": ")?;
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path.join("."))?;
        }
        match &self.kind {
            BreakingKind::OperationRemoved => f.write_str("operation removed"),
            BreakingKind::HttpMethodChanged { old, new } => {
                write!(f, "HTTP method changed from {old} to {new}")
            }
            BreakingKind::HttpUriChanged { old, new } => {
                write!(f, "HTTP URI changed from {old} to {new}")
            }
            BreakingKind::ErrorRemoved { error } => write!(f, "error {error} removed"),
            BreakingKind::MemberRemoved => f.write_str("member removed"),
            BreakingKind::NewRequiredMember => f.write_str("new member is required"),
            BreakingKind::BecameRequired => f.write_str("member became required"),
            BreakingKind::BecameOptional => f.write_str("member became optional"),
            BreakingKind::TypeChanged { old, new } => {
                write!(f, "type changed from {old} to {new}")
            }
            BreakingKind::LocationChanged { old, new } => {
                write!(f, "HTTP location changed from {old} to {new}")
            }
            BreakingKind::EnumValueRemoved { value } => match value {
                EnumLiteral::Str(s) => write!(f, "enum value {s:?} removed"),
                EnumLiteral::Int(i) => write!(f, "enum value {i} removed"),
            },
        }
    }
}

impl ApiDiff {
    /// How many methods have the given change (`New`, `Updated`, `Removed`).
    pub fn count(&self, kind: ChangeKind) -> usize {
        self.methods
            .iter()
            .filter(|m| ChangeKind::of(&m.change) == kind)
            .count()
    }

    /// Nothing to report: no method changes and no breaking changes.
    pub fn is_empty(&self) -> bool {
        self.methods.is_empty() && self.breaking.is_empty()
    }
}

/// [`Change`] without its data, for counting and labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    New,
    Updated,
    Removed,
}

impl ChangeKind {
    pub fn of(change: &Change) -> ChangeKind {
        match change {
            Change::New { .. } => ChangeKind::New,
            Change::Updated { .. } => ChangeKind::Updated,
            Change::Removed => ChangeKind::Removed,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::New => "new",
            ChangeKind::Updated => "updated",
            ChangeKind::Removed => "removed",
        }
    }
}

/// The changes from `old` to `new`, two versions of one service.
pub fn compare(old: &Model, new: &Model) -> ApiDiff {
    diff(Some(old), Some(new))
}

/// A service that only the new version has: every operation is new.
pub fn added(new: &Model) -> ApiDiff {
    diff(None, Some(new))
}

/// A service that only the old version has: every operation is removed.
pub fn removed(old: &Model) -> ApiDiff {
    diff(Some(old), None)
}

fn diff(old: Option<&Model>, new: Option<&Model>) -> ApiDiff {
    let status = match (old, new) {
        (Some(_), None) => ServiceStatus::Removed,
        (None, Some(_)) => ServiceStatus::Added,
        _ => ServiceStatus::Updated,
    };
    let full_name = new
        .or(old)
        .map(|m| m.service.full_name.clone())
        .unwrap_or_default();
    let no_ops = BTreeMap::new();
    let old_ops = old.map_or(&no_ops, |m| &m.operations);
    let new_ops = new.map_or(&no_ops, |m| &m.operations);

    let mut methods = Vec::new();
    let mut breaking = Vec::new();
    let names: BTreeSet<&String> = old_ops.keys().chain(new_ops.keys()).collect();
    for name in names {
        match (old_ops.get(name), new_ops.get(name)) {
            (None, Some(op)) => methods.push(MethodChange {
                name: name.clone(),
                change: Change::New {
                    documentation: op.documentation.clone(),
                },
            }),
            (Some(_), None) => {
                methods.push(MethodChange {
                    name: name.clone(),
                    change: Change::Removed,
                });
                breaking.push(BreakingChange {
                    operation: name.clone(),
                    side: None,
                    path: Vec::new(),
                    kind: BreakingKind::OperationRemoved,
                });
            }
            (Some(old_op), Some(new_op)) => {
                // Both are `Some` only when both models are.
                if let (Some(old), Some(new)) = (old, new) {
                    let (change, found) = compare_operation(old, old_op, new, new_op);
                    methods.extend(change);
                    breaking.extend(found);
                }
            }
            (None, None) => {}
        }
    }
    breaking.sort();
    breaking.dedup();
    ApiDiff {
        full_name,
        status,
        methods,
        breaking,
    }
}

/// Additions and breaking changes of one operation present in both models.
fn compare_operation(
    old: &Model,
    old_op: &Operation,
    new: &Model,
    new_op: &Operation,
) -> (Option<MethodChange>, Vec<BreakingChange>) {
    let mut breaking = Vec::new();
    let mut op_level = |kind| {
        breaking.push(BreakingChange {
            operation: new_op.name.clone(),
            side: None,
            path: Vec::new(),
            kind,
        })
    };
    if old_op.http.method != new_op.http.method {
        op_level(BreakingKind::HttpMethodChanged {
            old: old_op.http.method.clone(),
            new: new_op.http.method.clone(),
        });
    }
    let (old_uri, new_uri) = (old_op.http.uri.to_string(), new_op.http.uri.to_string());
    if old_uri != new_uri {
        op_level(BreakingKind::HttpUriChanged {
            old: old_uri,
            new: new_uri,
        });
    }
    for error in &old_op.errors {
        if !new_op.errors.contains(error) {
            op_level(BreakingKind::ErrorRemoved {
                error: error.name().to_owned(),
            });
        }
    }

    let mut sides = [None, None];
    for (slot, side, old_root, new_root) in [
        (0, Side::Request, &old_op.input, &new_op.input),
        (1, Side::Response, &old_op.output, &new_op.output),
    ] {
        let mut walker = walk::Walker::new(old, new, &new_op.name, side, &mut breaking);
        sides[slot] = walker
            .root(old_root.as_ref(), new_root.as_ref())
            .filter(|a| !a.is_empty());
    }
    let [request, response] = sides;
    let change = (request.is_some() || response.is_some()).then(|| MethodChange {
        name: new_op.name.clone(),
        change: Change::Updated { request, response },
    });
    (change, breaking)
}
