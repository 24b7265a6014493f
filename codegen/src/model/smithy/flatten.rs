//! From the file's shapes to flat shapes: shape ids checked, `apply`
//! entries merged into the shapes they target, mixins copied into the
//! shapes that use them. The result is the flattened model the Smithy
//! spec describes ("mixins are an implementation detail of the model"):
//! lowering never sees an `apply` entry or has to follow a mixin.
//!
//! Every member, reference and trait remembers the JSON Pointer where it
//! was written, so later errors point into the file, not into the
//! flattened copy (a member inherited from a mixin points at the mixin).

use std::collections::{BTreeMap, BTreeSet};

use indexmap::IndexMap;

use super::ast::{MemberDef, Reference, ShapeDef, TraitValues};
use super::shape_id;
use super::traits::{self, Trait, TraitMap, Traits};
use crate::error::{json_pointer, ModelError};
use crate::ir::ShapeId;

/// The shape types of the JSON AST (`apply` is not a shape).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShapeType {
    Blob,
    Boolean,
    String,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    Timestamp,
    Document,
    Enum,
    IntEnum,
    List,
    /// Smithy 1.0; a list of unique items, lowered as a list.
    Set,
    Map,
    Structure,
    Union,
    Service,
    Operation,
    Resource,
}

impl ShapeType {
    const ALL: [(&'static str, ShapeType); 23] = [
        ("blob", ShapeType::Blob),
        ("boolean", ShapeType::Boolean),
        ("string", ShapeType::String),
        ("byte", ShapeType::Byte),
        ("short", ShapeType::Short),
        ("integer", ShapeType::Integer),
        ("long", ShapeType::Long),
        ("float", ShapeType::Float),
        ("double", ShapeType::Double),
        ("bigInteger", ShapeType::BigInteger),
        ("bigDecimal", ShapeType::BigDecimal),
        ("timestamp", ShapeType::Timestamp),
        ("document", ShapeType::Document),
        ("enum", ShapeType::Enum),
        ("intEnum", ShapeType::IntEnum),
        ("list", ShapeType::List),
        ("set", ShapeType::Set),
        ("map", ShapeType::Map),
        ("structure", ShapeType::Structure),
        ("union", ShapeType::Union),
        ("service", ShapeType::Service),
        ("operation", ShapeType::Operation),
        ("resource", ShapeType::Resource),
    ];

    fn parse(name: &str) -> Option<ShapeType> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
    }

    /// The name the JSON AST uses.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, t)| *t == self)
            .map_or("?", |(n, _)| n)
    }

    /// Shapes that hold data; the others (service, operation, resource)
    /// describe the API and are never member targets.
    pub fn is_data(self) -> bool {
        !matches!(
            self,
            ShapeType::Service | ShapeType::Operation | ShapeType::Resource
        )
    }

    fn has_members(self) -> bool {
        matches!(
            self,
            ShapeType::Structure | ShapeType::Union | ShapeType::Enum | ShapeType::IntEnum
        )
    }
}

/// A reference to a shape, and where its `target` was written.
#[derive(Debug, Clone, PartialEq)]
pub struct FlatRef {
    pub id: ShapeId,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FlatMember {
    pub name: String,
    pub target: FlatRef,
    /// Where the member was (last) defined.
    pub at: String,
    pub traits: TraitMap,
}

/// A shape with its `apply` traits and mixins folded in.
#[derive(Debug, Clone, PartialEq)]
pub struct FlatShape {
    pub id: ShapeId,
    pub kind: ShapeType,
    pub at: String,
    pub traits: TraitMap,
    /// Structure, union, enum and intEnum members, mixed-in ones first.
    pub members: IndexMap<String, FlatMember>,
    /// The element of a list or set.
    pub member: Option<FlatMember>,
    pub key: Option<FlatMember>,
    pub value: Option<FlatMember>,
    pub version: Option<String>,
    /// A service's operations; a resource's lifecycle, instance and
    /// collection operations.
    pub operations: Vec<FlatRef>,
    pub resources: Vec<FlatRef>,
    /// A service's common errors, or an operation's errors.
    pub errors: Vec<FlatRef>,
    pub input: Option<FlatRef>,
    pub output: Option<FlatRef>,
    mixins: Vec<FlatRef>,
}

impl FlatShape {
    /// Mixins are not shapes of the API: they only lend members and traits.
    pub fn is_mixin(&self) -> bool {
        self.traits.contains_key(traits::MIXIN)
    }

    /// The member `name` as `ns#Shape$name` would address it: a
    /// structure-like member, or a list's `member`, a map's `key`/`value`.
    fn member_mut(&mut self, name: &str) -> Option<&mut FlatMember> {
        match (self.kind, name) {
            (ShapeType::List | ShapeType::Set, "member") => self.member.as_mut(),
            (ShapeType::Map, "key") => self.key.as_mut(),
            (ShapeType::Map, "value") => self.value.as_mut(),
            _ => self.members.get_mut(name),
        }
    }
}

/// The flattened model, by shape id.
pub type FlatModel = BTreeMap<ShapeId, FlatShape>;

/// Flattens the shapes of a file.
pub fn flatten(file: &str, shapes: &IndexMap<String, ShapeDef>) -> Result<FlatModel, ModelError> {
    Flattener { file }.flatten(shapes)
}

/// An `apply` entry: traits for a shape, or for one of its members.
struct ApplyEntry {
    target: ShapeId,
    member: Option<String>,
    traits: TraitMap,
    at: String,
}

/// `apply` traits for a member a mixin has not supplied yet.
struct PendingApply {
    member: String,
    traits: TraitMap,
    at: String,
}

struct Flattener<'a> {
    file: &'a str,
}

/// `base` extended by one JSON Pointer segment.
fn child(base: &str, segment: &str) -> String {
    format!("{base}{}", json_pointer([segment]))
}

impl Flattener<'_> {
    fn error(&self, at: &str, message: impl Into<String>) -> ModelError {
        ModelError::new(self.file, at, message)
    }

    fn flatten(&self, shapes: &IndexMap<String, ShapeDef>) -> Result<FlatModel, ModelError> {
        let mut own = FlatModel::new();
        let mut applies = Vec::new();
        for (key, def) in shapes {
            if def.kind == "apply" {
                applies.push(self.apply_entry(key, def)?);
            } else {
                let shape = self.shape(key, def)?;
                own.insert(shape.id.clone(), shape);
            }
        }
        let mut pending: BTreeMap<ShapeId, Vec<PendingApply>> = BTreeMap::new();
        for ApplyEntry {
            target,
            member,
            traits,
            at,
        } in applies
        {
            let Some(shape) = own.get_mut(&target) else {
                return Err(self.error(
                    &at,
                    format!("applies traits to `{target}`, which the model does not define"),
                ));
            };
            match member {
                None => self.merge(&mut shape.traits, traits, &target.0)?,
                Some(member) => {
                    let subject = format!("{target}${member}");
                    match shape.member_mut(&member) {
                        Some(m) => self.merge(&mut m.traits, traits, &subject)?,
                        None => pending.entry(target).or_default().push(PendingApply {
                            member,
                            traits,
                            at,
                        }),
                    }
                }
            }
        }
        let order = self.mixin_order(&own)?;
        let mut flat = FlatModel::new();
        for id in order {
            let Some(mut shape) = own.remove(&id) else {
                continue;
            };
            if !shape.mixins.is_empty() {
                let mixins: Vec<&FlatShape> = shape
                    .mixins
                    .iter()
                    .filter_map(|r| flat.get(&r.id))
                    .collect();
                shape = self.inherit(shape, &mixins)?;
            }
            for apply in pending.remove(&id).unwrap_or_default() {
                let subject = format!("{id}${}", apply.member);
                let Some(member) = shape.member_mut(&apply.member) else {
                    return Err(self.error(
                        &apply.at,
                        format!(
                            "applies traits to `{subject}`, but `{id}` has no member `{}`",
                            apply.member
                        ),
                    ));
                };
                self.merge(&mut member.traits, apply.traits, &subject)?;
            }
            flat.insert(id, shape);
        }
        Ok(flat)
    }

    fn apply_entry(&self, key: &str, def: &ShapeDef) -> Result<ApplyEntry, ModelError> {
        let at = json_pointer(["shapes", key]);
        let id = shape_id::parse(key, true)
            .map_err(|why| self.error(&at, format!("`{key}` is not a valid shape id: {why}")))?;
        Ok(ApplyEntry {
            target: id.shape_id(),
            member: id.member.map(str::to_owned),
            traits: self.traits(&def.traits, &child(&at, "traits"))?,
            at,
        })
    }

    fn shape(&self, key: &str, def: &ShapeDef) -> Result<FlatShape, ModelError> {
        let at = json_pointer(["shapes", key]);
        let id = shape_id::parse(key, false)
            .map_err(|why| self.error(&at, format!("`{key}` is not a valid shape id: {why}")))?
            .shape_id();
        let kind = ShapeType::parse(&def.kind).ok_or_else(|| {
            self.error(
                &child(&at, "type"),
                format!("unknown shape type `{}`", def.kind),
            )
        })?;
        let mut shape = FlatShape {
            id,
            kind,
            traits: self.traits(&def.traits, &child(&at, "traits"))?,
            members: IndexMap::new(),
            member: None,
            key: None,
            value: None,
            version: None,
            operations: Vec::new(),
            resources: Vec::new(),
            errors: Vec::new(),
            input: None,
            output: None,
            mixins: self.references(&def.mixins, &child(&at, "mixins"))?,
            at,
        };
        let at = shape.at.clone();
        let one = |name: &str, r: &Option<Reference>| -> Result<Option<FlatRef>, ModelError> {
            r.as_ref()
                .map(|r| self.reference(&r.target, child(&child(&at, name), "target")))
                .transpose()
        };
        let member = |name: &str, m: &Option<MemberDef>| {
            m.as_ref()
                .map(|m| self.member(name, m, &child(&at, name)))
                .transpose()
        };
        match kind {
            _ if kind.has_members() => {
                let base = child(&at, "members");
                for (name, m) in &def.members {
                    let member = self.member(name, m, &child(&base, name))?;
                    shape.members.insert(name.clone(), member);
                }
            }
            ShapeType::List | ShapeType::Set => shape.member = member("member", &def.member)?,
            ShapeType::Map => {
                shape.key = member("key", &def.key)?;
                shape.value = member("value", &def.value)?;
            }
            ShapeType::Service => {
                shape.version = def.version.clone();
                shape.operations = self.references(&def.operations, &child(&at, "operations"))?;
                shape.resources = self.references(&def.resources, &child(&at, "resources"))?;
                shape.errors = self.references(&def.errors, &child(&at, "errors"))?;
            }
            ShapeType::Resource => {
                let lifecycle = [
                    ("create", &def.create),
                    ("put", &def.put),
                    ("read", &def.read),
                    ("update", &def.update),
                    ("delete", &def.delete),
                    ("list", &def.list),
                ];
                for (name, r) in lifecycle {
                    shape.operations.extend(one(name, r)?);
                }
                shape
                    .operations
                    .extend(self.references(&def.operations, &child(&at, "operations"))?);
                shape.operations.extend(self.references(
                    &def.collection_operations,
                    &child(&at, "collectionOperations"),
                )?);
                shape.resources = self.references(&def.resources, &child(&at, "resources"))?;
            }
            ShapeType::Operation => {
                shape.input = one("input", &def.input)?;
                shape.output = one("output", &def.output)?;
                shape.errors = self.references(&def.errors, &child(&at, "errors"))?;
            }
            _ => {}
        }
        Ok(shape)
    }

    fn member(&self, name: &str, def: &MemberDef, at: &str) -> Result<FlatMember, ModelError> {
        Ok(FlatMember {
            name: name.to_owned(),
            target: self.reference(&def.target, child(at, "target"))?,
            at: at.to_owned(),
            traits: self.traits(&def.traits, &child(at, "traits"))?,
        })
    }

    fn reference(&self, target: &str, at: String) -> Result<FlatRef, ModelError> {
        let id = shape_id::parse(target, false)
            .map_err(|why| self.error(&at, format!("`{target}` is not a valid shape id: {why}")))?;
        Ok(FlatRef {
            id: id.shape_id(),
            at,
        })
    }

    /// A list of references at `base/<i>/target`.
    fn references(&self, refs: &[Reference], base: &str) -> Result<Vec<FlatRef>, ModelError> {
        refs.iter()
            .enumerate()
            .map(|(i, r)| self.reference(&r.target, child(&child(base, &i.to_string()), "target")))
            .collect()
    }

    fn traits(&self, values: &TraitValues, base: &str) -> Result<TraitMap, ModelError> {
        let mut map = TraitMap::new();
        for (id, value) in values {
            let at = child(base, id);
            shape_id::parse(id, false)
                .map_err(|why| self.error(&at, format!("`{id}` is not a valid trait id: {why}")))?;
            map.insert(
                id.clone(),
                Trait {
                    value: value.clone(),
                    at,
                },
            );
        }
        Ok(map)
    }

    /// Adds `extra` to `traits` as Smithy merges applied traits: the same
    /// value twice is fine, two lists are concatenated, anything else
    /// conflicts.
    fn merge(
        &self,
        traits: &mut TraitMap,
        extra: TraitMap,
        subject: &str,
    ) -> Result<(), ModelError> {
        for (id, t) in extra {
            match traits.get_mut(&id) {
                None => {
                    traits.insert(id, t);
                }
                Some(existing) if existing.value == t.value => {}
                Some(existing) => match (&mut existing.value, t.value) {
                    (serde_json::Value::Array(items), serde_json::Value::Array(more)) => {
                        items.extend(more);
                    }
                    _ => {
                        return Err(self.error(
                            &t.at,
                            format!(
                                "trait `{id}` is applied to `{subject}` twice with different values (also at {})",
                                existing.at
                            ),
                        ))
                    }
                },
            }
        }
        Ok(())
    }

    /// Shape ids with every mixin before the shapes that use it. A depth
    /// first walk with an explicit stack: a long chain of mixins cannot
    /// overflow the call stack.
    fn mixin_order(&self, own: &FlatModel) -> Result<Vec<ShapeId>, ModelError> {
        let mut order = Vec::with_capacity(own.len());
        let mut done: BTreeSet<&ShapeId> = BTreeSet::new();
        let mut on_path: BTreeSet<&ShapeId> = BTreeSet::new();
        for root in own.keys() {
            if done.contains(root) {
                continue;
            }
            let mut stack: Vec<(&ShapeId, usize)> = vec![(root, 0)];
            on_path.insert(root);
            while let Some(&(id, next)) = stack.last() {
                let Some(shape) = own.get(id) else {
                    // Not reached: only defined shapes are pushed.
                    stack.pop();
                    on_path.remove(id);
                    continue;
                };
                let Some(r) = shape.mixins.get(next) else {
                    stack.pop();
                    on_path.remove(id);
                    done.insert(id);
                    order.push(id.clone());
                    continue;
                };
                if let Some(top) = stack.last_mut() {
                    top.1 += 1;
                }
                let Some((mixin_id, mixin)) = own.get_key_value(&r.id) else {
                    return Err(self.error(
                        &r.at,
                        format!(
                            "refers to shape `{}`, which the model does not define",
                            r.id
                        ),
                    ));
                };
                if !mixin.is_mixin() {
                    return Err(self.error(
                        &r.at,
                        format!(
                            "`{}` is not a mixin: it has no `{}` trait",
                            r.id,
                            traits::MIXIN
                        ),
                    ));
                }
                if mixin.kind != shape.kind {
                    return Err(self.error(
                        &r.at,
                        format!(
                            "`{}` is a {} mixin; the {} `{id}` cannot use it",
                            r.id,
                            mixin.kind.name(),
                            shape.kind.name()
                        ),
                    ));
                }
                if on_path.contains(mixin_id) {
                    return Err(self.error(
                        &r.at,
                        format!("the mixins of `{id}` form a cycle through `{}`", r.id),
                    ));
                }
                if !done.contains(mixin_id) {
                    on_path.insert(mixin_id);
                    stack.push((mixin_id, 0));
                }
            }
        }
        Ok(order)
    }

    /// Copies the members, traits and properties of `mixins` (already
    /// flattened, in order) into `shape`. Later mixins win over earlier
    /// ones, and the shape's own definitions win over all of them.
    fn inherit(
        &self,
        mut shape: FlatShape,
        mixins: &[&FlatShape],
    ) -> Result<FlatShape, ModelError> {
        let mut inherited = TraitMap::new();
        for mixin in mixins {
            let reader = Traits {
                file: self.file,
                subject: &mixin.id.0,
                map: &mixin.traits,
            };
            let local = reader
                .decode::<traits::Mixin>(traits::MIXIN)?
                .map(|m| m.local_traits)
                .unwrap_or_default();
            for (id, t) in &mixin.traits {
                if id != traits::MIXIN && !local.contains(id) {
                    inherited.insert(id.clone(), t.clone());
                }
            }
        }
        for (id, t) in std::mem::take(&mut shape.traits) {
            inherited.insert(id, t);
        }
        shape.traits = inherited;

        let mut members: IndexMap<String, FlatMember> = IndexMap::new();
        let own = std::mem::take(&mut shape.members);
        let from_mixins = mixins.iter().flat_map(|m| m.members.values().cloned());
        for member in from_mixins.chain(own.into_values()) {
            match members.get_mut(&member.name) {
                None => {
                    members.insert(member.name.clone(), member);
                }
                Some(existing) if existing.target.id != member.target.id => {
                    return Err(self.error(
                        &member.target.at,
                        format!(
                            "member `{}` of `{}` targets `{}` here and `{}` in a mixin; a mixed-in member may only be redefined with the same target",
                            member.name, shape.id, member.target.id, existing.target.id
                        ),
                    ));
                }
                Some(existing) => {
                    existing.traits.extend(member.traits);
                    existing.at = member.at;
                    existing.target.at = member.target.at;
                }
            }
        }
        shape.members = members;

        shape.version = shape
            .version
            .take()
            .or_else(|| mixins.iter().rev().find_map(|m| m.version.clone()));
        let last = |get: fn(&FlatShape) -> &Option<FlatMember>| {
            mixins.iter().rev().find_map(|m| get(m).clone())
        };
        shape.member = shape.member.take().or_else(|| last(|m| &m.member));
        shape.key = shape.key.take().or_else(|| last(|m| &m.key));
        shape.value = shape.value.take().or_else(|| last(|m| &m.value));
        let last_ref = |get: fn(&FlatShape) -> &Option<FlatRef>| {
            mixins.iter().rev().find_map(|m| get(m).clone())
        };
        shape.input = shape.input.take().or_else(|| last_ref(|m| &m.input));
        shape.output = shape.output.take().or_else(|| last_ref(|m| &m.output));
        for (list, get) in [
            (
                &mut shape.operations,
                (|m| &m.operations) as fn(&FlatShape) -> &Vec<FlatRef>,
            ),
            (&mut shape.resources, |m| &m.resources),
            (&mut shape.errors, |m| &m.errors),
        ] {
            let own = std::mem::take(list);
            for r in mixins
                .iter()
                .flat_map(|m| get(m).iter().cloned())
                .chain(own)
            {
                if !list.iter().any(|l| l.id == r.id) {
                    list.push(r);
                }
            }
        }
        Ok(shape)
    }
}
