//! Maps shapes to the Rust types that represent them.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::Context;
use crate::ir::{ShapeId, ShapeKind, WireMember};
use crate::naming::Import;

/// Where the type is named from: inside the `types` module, or from a
/// sibling module that reaches it as `types::X`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum From {
    TypesModule,
    Sibling,
}

impl Context<'_> {
    /// The Rust type of a shape, or `None` when the shape is unsupported
    /// (or reaches an unsupported shape through a list or map).
    pub(crate) fn shape_type(&self, id: &ShapeId, from: From) -> Option<TokenStream> {
        self.shape_type_at_depth(id, from, 0)
    }

    fn shape_type_at_depth(&self, id: &ShapeId, from: From, depth: usize) -> Option<TokenStream> {
        // Validation rules out list/map cycles; the bound keeps a bad graph
        // from overflowing the stack all the same.
        if depth > 64 {
            return None;
        }
        let shape = self.model.shape(id)?;
        Some(match &shape.kind {
            ShapeKind::Structure(_)
            | ShapeKind::Union(_)
            | ShapeKind::Enum(_)
            | ShapeKind::IntEnum(_) => {
                let name = self.names.type_ident(id);
                match from {
                    From::TypesModule => quote!(#name),
                    From::Sibling => {
                        let types = self.import(Import::Types);
                        quote!(#types::#name)
                    }
                }
            }
            ShapeKind::List(list) => {
                let element = self.shape_type_at_depth(&list.member, from, depth + 1)?;
                if list.sparse {
                    quote!(Vec<Option<#element>>)
                } else {
                    quote!(Vec<#element>)
                }
            }
            ShapeKind::Map(map) => {
                let key = self.shape_type_at_depth(&map.key, from, depth + 1)?;
                let value = self.shape_type_at_depth(&map.value, from, depth + 1)?;
                let hash_map = self.import(Import::HashMap);
                if map.sparse {
                    quote!(#hash_map<#key, Option<#value>>)
                } else {
                    quote!(#hash_map<#key, #value>)
                }
            }
            ShapeKind::String => quote!(String),
            ShapeKind::Boolean => quote!(bool),
            ShapeKind::Byte => quote!(i8),
            ShapeKind::Short => quote!(i16),
            ShapeKind::Integer => quote!(i32),
            ShapeKind::Long => quote!(i64),
            ShapeKind::Float => quote!(f32),
            ShapeKind::Double => quote!(f64),
            ShapeKind::BigInteger => self.import_tokens(Import::BigInteger),
            ShapeKind::BigDecimal => self.import_tokens(Import::BigDecimal),
            ShapeKind::Timestamp { .. } => self.import_tokens(Import::DateTime),
            ShapeKind::Blob { .. } => self.import_tokens(Import::Blob),
            ShapeKind::Document => self.import_tokens(Import::Document),
            ShapeKind::Unsupported { .. } => return None,
        })
    }

    /// The type of a structure field: `T` for a plain member, `Option<T>`
    /// otherwise, with a `Box` where recursion needs one (all from the
    /// wire view).
    pub(crate) fn field_type(&self, member: &WireMember, from: From) -> Option<TokenStream> {
        let inner = self.shape_type(&member.target, from)?;
        Some(if member.boxed {
            quote!(Option<Box<#inner>>)
        } else if member.plain {
            inner
        } else {
            quote!(Option<#inner>)
        })
    }
}
