//! Front-end for Smithy JSON AST models (`"smithy": "2.0"`, also 1.0).
//!
//! AWS publishes its service models first as Smithy; the JSON AST form is
//! what other generators read. This front-end lowers it into the same shape
//! graph as the botocore front-end, so every later pass works unchanged and
//! the twin of a botocore model generates the same code (see
//! `docs/architecture.md` for the mapping and where the formats differ).
//!
//! Steps, one module each:
//! 1. `ast`: serde structs that mirror the file.
//! 2. `flatten`: shape ids checked, `apply` entries and mixins folded in.
//! 3. `service`: the one service shape, its metadata and protocol, and
//!    every operation bound to it directly or through (nested) resources.
//! 4. `shapes` and `operations`: data shapes and operations lowered
//!    trait by trait (`traits`); prelude targets come from `prelude`.
//!
//! Errors name the shape id and the JSON Pointer of the offending value
//! (`/shapes/ns#Foo/members/bar/target`); [`SmithyLocator`] gives the
//! validation pass the same pointers.

mod ast;
mod flatten;
mod locator;
mod operations;
mod prelude;
mod service;
mod shape_id;
mod shapes;
mod traits;

use std::collections::{BTreeMap, BTreeSet};

pub use ast::SmithyFile;
pub use locator::SmithyLocator;

use self::flatten::{FlatModel, FlatRef, FlatShape, ShapeType};
use self::traits::{TraitMap, Traits};
use crate::error::ModelError;
use crate::ir::{Model, ShapeId};

/// Lowers a parsed Smithy model into the shape graph; also returns where
/// each part of the graph is in the file.
pub fn lower(file: &str, parsed: SmithyFile) -> Result<(Model, SmithyLocator), ModelError> {
    check_version(file, &parsed.smithy)?;
    let flat = flatten::flatten(file, &parsed.shapes)?;
    let ctx = Ctx { file, flat: &flat };
    let service_shape = service::find(&ctx)?;
    let mut model = Model {
        source: file.to_owned(),
        service: service::lower(&ctx, service_shape)?,
        operations: BTreeMap::new(),
        shapes: BTreeMap::new(),
        unsupported: Vec::new(),
    };
    let mut locator = SmithyLocator::new(file);
    let mut prelude_targets = BTreeSet::new();
    // Every data shape, as botocore keeps every shape of its file; only
    // those an operation reaches are generated. Mixins are not shapes of
    // the API.
    let data = flat.values().filter(|s| s.kind.is_data() && !s.is_mixin());
    for shape in data {
        let lowered = shapes::lower(&ctx, shape, &mut prelude_targets, &mut model.unsupported)?;
        locator.add_shape(&shape.id, &shape.at);
        let members = shape
            .members
            .values()
            .chain(&shape.member)
            .chain(&shape.key);
        for member in members.chain(&shape.value) {
            locator.add_member(&shape.id, &member.name, &member.at);
        }
        model.shapes.insert(lowered.id.clone(), lowered);
    }
    for id in prelude_targets {
        if let Some(shape) = prelude::shape(&id) {
            model.shapes.entry(id).or_insert(shape);
        }
    }
    let mut ids_by_name: BTreeMap<String, &ShapeId> = BTreeMap::new();
    for op_shape in service::operations(&ctx, service_shape)? {
        let name = op_shape.id.name().to_owned();
        if let Some(other) = ids_by_name.insert(name.clone(), &op_shape.id) {
            return Err(ctx.error(
                &op_shape.at,
                format!(
                    "operations `{other}` and `{}` are both named `{name}`; operation names must be unique in a service",
                    op_shape.id
                ),
            ));
        }
        let (op, pointers) =
            operations::lower(&ctx, op_shape, service_shape, &model.service.protocol)?;
        locator.add_operation(&name, pointers);
        model.operations.insert(name, op);
    }
    Ok((model, locator))
}

/// The IDL versions whose JSON AST this front-end reads.
fn check_version(file: &str, version: &str) -> Result<(), ModelError> {
    match version {
        "1" | "1.0" | "2" | "2.0" => Ok(()),
        other => Err(ModelError::new(
            file,
            "/smithy",
            format!("unsupported Smithy version `{other}` (expected 1.0 or 2.0)"),
        )),
    }
}

/// What every lowering step reads: the file name and the flat model.
struct Ctx<'a> {
    file: &'a str,
    flat: &'a FlatModel,
}

/// What a member, list or map refers to.
enum Target<'a> {
    /// A shape of the file.
    Defined(&'a FlatShape),
    /// A prelude shape the file does not define (`smithy.api#String`).
    Prelude,
}

impl<'a> Ctx<'a> {
    fn error(&self, at: &str, message: impl Into<String>) -> ModelError {
        ModelError::new(self.file, at, message)
    }

    /// Reads the traits of `subject` (a shape or member id).
    fn traits<'b>(&'b self, subject: &'b str, map: &'b TraitMap) -> Traits<'b> {
        Traits {
            file: self.file,
            subject,
            map,
        }
    }

    fn undefined(&self, r: &FlatRef) -> ModelError {
        self.error(
            &r.at,
            format!(
                "refers to shape `{}`, which the model does not define",
                r.id
            ),
        )
    }

    /// Mixins only lend members and traits; nothing may refer to them.
    fn mixin_used(&self, r: &FlatRef) -> ModelError {
        self.error(
            &r.at,
            format!(
                "refers to the mixin `{}`; a mixin can only be mixed into other shapes",
                r.id
            ),
        )
    }

    /// The data shape a member of `subject` targets: a shape of the file
    /// (not a service, operation, resource or mixin) or of the prelude.
    fn target(&self, r: &FlatRef, subject: &str) -> Result<Target<'a>, ModelError> {
        match self.flat.get(&r.id) {
            Some(shape) if !shape.kind.is_data() => Err(self.error(
                &r.at,
                format!(
                    "`{subject}` targets `{}`, which is {}; members must target data shapes",
                    r.id,
                    a(shape.kind.name())
                ),
            )),
            Some(shape) if shape.is_mixin() => Err(self.mixin_used(r)),
            Some(shape) => Ok(Target::Defined(shape)),
            None if prelude::lookup(&r.id.0).is_some() => Ok(Target::Prelude),
            None => Err(self.undefined(r)),
        }
    }

    /// The shape `r` refers to, which must be of type `kind` (a service's
    /// operations and resources).
    fn expect(&self, r: &FlatRef, kind: ShapeType) -> Result<&'a FlatShape, ModelError> {
        match self.flat.get(&r.id) {
            None => Err(self.undefined(r)),
            Some(shape) if shape.is_mixin() => Err(self.mixin_used(r)),
            Some(shape) if shape.kind != kind => Err(self.error(
                &r.at,
                format!(
                    "`{}` is {}, not {}",
                    r.id,
                    a(shape.kind.name()),
                    a(kind.name())
                ),
            )),
            Some(shape) => Ok(shape),
        }
    }

    /// An operation's input, output or error: a structure that is not a
    /// mixin. `smithy.api#Unit` (no input or output) is `None`.
    fn structure(&self, r: &FlatRef, role: &str) -> Result<Option<ShapeId>, ModelError> {
        if r.id.0 == prelude::UNIT {
            return Ok(None);
        }
        match self.flat.get(&r.id) {
            None => Err(self.undefined(r)),
            Some(shape) if shape.is_mixin() => Err(self.mixin_used(r)),
            Some(shape) if shape.kind != ShapeType::Structure => Err(self.error(
                &r.at,
                format!(
                    "the {role} `{}` is {}; it must be a structure",
                    r.id,
                    a(shape.kind.name()),
                ),
            )),
            Some(_) => Ok(Some(r.id.clone())),
        }
    }
}

/// A shape type with its article: "a list", "an operation".
fn a(name: &str) -> String {
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {name}")
}
