//! Rust expressions of the generated types for a case's JSON values: the
//! `params` of an input case, the `result` or `error` of an output case.
//!
//! Values are written as botocore's suites write them: members by their
//! model name, timestamps as epoch seconds, blobs as plain (not base64)
//! strings, `"NaN"`/`"Infinity"`/`"-Infinity"` for special floats, `null`
//! for an absent member (or a sparse element). They become struct literals
//! ending in `..Default::default()` when a member is left out, `Some(..)`
//! around optional members, `Box::new` where the type is recursive,
//! `HashMap::from([...])`, `vec![...]`, `types::E::from("value")` for
//! enums, `DateTime::from_secs_and_nanos(..)` computed exactly from the
//! number's decimal digits, `Blob::from("...")` and `Document` trees.
//!
//! Expected values are compared with `==`, under which NaN never equals
//! itself. In [`NanMode::Extract`] a NaN member is therefore left out of
//! the literal and reported as a [`NanField`], for the test to check with
//! `is_nan()` and clear in the actual value before comparing.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use crate::ir::{Model, ShapeId, ShapeKind, Structure};
use crate::naming::{ident, Names};

/// What to do with NaN floats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NanMode {
    /// Write `f32::NAN` / `f64::NAN` (values the test sends).
    Literal,
    /// Leave NaN members out and report where they are (values the test
    /// compares with `==`).
    Extract,
}

/// A member of an expected value that must be NaN, reached from the root
/// value through structure fields only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NanField {
    pub steps: Vec<FieldStep>,
    /// The member's path in the case, for the assertion message
    /// (`result/floatValue`).
    pub at: String,
}

/// One structure field on the way to a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldStep {
    /// The Rust field name, as [`Names`] decided it.
    pub field: String,
    /// The field is an `Option` (of the value, or of a `Box` of it).
    pub optional: bool,
}

/// An expression and what it needs.
#[derive(Debug, Clone)]
pub struct Built {
    pub expr: TokenStream,
    /// Whether the expression names the suite's `types` module.
    pub uses_types: bool,
    pub nan_fields: Vec<NanField>,
}

/// The expression of `json` as a value of the shape `root`, or `()` when
/// the operation has no such shape (then `json` must be absent or `{}`).
/// `at` names the value in errors (`params`, `result`).
pub fn build(
    model: &Model,
    names: &Names,
    root: Option<&ShapeId>,
    json: Option<&Value>,
    at: &str,
    mode: NanMode,
) -> Result<Built, String> {
    let mut builder = Builder {
        model,
        names,
        mode,
        nan_fields: Vec::new(),
        uses_types: false,
    };
    let expr = match root {
        None => match json {
            None | Some(Value::Null) => quote!(()),
            Some(Value::Object(members)) if members.is_empty() => quote!(()),
            Some(other) => {
                return Err(format!(
                "at `{at}`: the operation has no shape for this value, yet the case gives {other}"
            ))
            }
        },
        Some(root) => {
            let empty = Value::Object(Default::default());
            builder.value(root, json.unwrap_or(&empty), at, Some(&[]))?
        }
    };
    Ok(Built {
        expr,
        uses_types: builder.uses_types,
        nan_fields: builder.nan_fields,
    })
}

struct Builder<'a> {
    model: &'a Model,
    names: &'a Names,
    mode: NanMode,
    nan_fields: Vec<NanField>,
    uses_types: bool,
}

impl Builder<'_> {
    /// `fields` is the path of structure fields from the root when the
    /// value is reached through fields only (where a NaN can be taken out).
    fn value(
        &mut self,
        id: &ShapeId,
        json: &Value,
        at: &str,
        fields: Option<&[FieldStep]>,
    ) -> Result<TokenStream, String> {
        let shape = self
            .model
            .shape(id)
            .ok_or_else(|| format!("at `{at}`: shape `{id}` is not in the model"))?;
        let mismatch = |what: &str| {
            format!(
                "at `{at}`: expected {what} for the {} shape `{id}`, found {json}",
                shape.kind.describe()
            )
        };
        Ok(match &shape.kind {
            ShapeKind::Structure(s) => self.structure(id, s, json, at, fields)?,
            ShapeKind::Union(s) => self.union(id, s, json, at)?,
            ShapeKind::List(list) => {
                let items = json.as_array().ok_or_else(|| mismatch("an array"))?;
                let mut exprs = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let at = format!("{at}/{i}");
                    exprs.push(self.element(&list.member, list.sparse, item, &at)?);
                }
                quote!(vec![#(#exprs),*])
            }
            ShapeKind::Map(map) => {
                let entries = json.as_object().ok_or_else(|| mismatch("an object"))?;
                if entries.is_empty() {
                    quote!(::std::collections::HashMap::new())
                } else {
                    let mut pairs = Vec::with_capacity(entries.len());
                    for (key, item) in entries {
                        let at = format!("{at}/{key}");
                        let key = self.value(&map.key, &Value::from(key.as_str()), &at, None)?;
                        let item = self.element(&map.value, map.sparse, item, &at)?;
                        pairs.push(quote!((#key, #item)));
                    }
                    quote!(::std::collections::HashMap::from([#(#pairs),*]))
                }
            }
            ShapeKind::String => {
                let text = json.as_str().ok_or_else(|| mismatch("a string"))?;
                quote!(String::from(#text))
            }
            ShapeKind::Enum(_) => {
                let text = json.as_str().ok_or_else(|| mismatch("a string"))?;
                let ty = self.type_path(id)?;
                quote!(#ty::from(#text))
            }
            ShapeKind::IntEnum(_) => {
                let value = json.as_i64().ok_or_else(|| mismatch("an integer"))?;
                let value = integer(value, i32::MIN.into(), i32::MAX.into(), "i32")
                    .ok_or_else(|| mismatch("an i32"))?;
                let ty = self.type_path(id)?;
                quote!(#ty::from(#value))
            }
            ShapeKind::Boolean => {
                let value = json.as_bool().ok_or_else(|| mismatch("a boolean"))?;
                quote!(#value)
            }
            ShapeKind::Byte => int_value(json, i8::MIN.into(), i8::MAX.into(), "i8")
                .ok_or_else(|| mismatch("an i8"))?,
            ShapeKind::Short => int_value(json, i16::MIN.into(), i16::MAX.into(), "i16")
                .ok_or_else(|| mismatch("an i16"))?,
            ShapeKind::Integer => int_value(json, i32::MIN.into(), i32::MAX.into(), "i32")
                .ok_or_else(|| mismatch("an i32"))?,
            ShapeKind::Long => {
                int_value(json, i64::MIN, i64::MAX, "i64").ok_or_else(|| mismatch("an i64"))?
            }
            ShapeKind::Float => {
                if self.mode == NanMode::Extract && is_nan(json) {
                    return Err(self.nan_out_of_reach(at));
                }
                float(json, Float::F32).ok_or_else(|| mismatch("a number"))?
            }
            ShapeKind::Double => {
                if self.mode == NanMode::Extract && is_nan(json) {
                    return Err(self.nan_out_of_reach(at));
                }
                float(json, Float::F64).ok_or_else(|| mismatch("a number"))?
            }
            ShapeKind::BigInteger | ShapeKind::BigDecimal => {
                let text = match json {
                    Value::Number(n) => n.to_string(),
                    Value::String(s) => s.clone(),
                    _ => return Err(mismatch("a number")),
                };
                let ty = if matches!(shape.kind, ShapeKind::BigInteger) {
                    quote!(awsgen_runtime::BigInteger)
                } else {
                    quote!(awsgen_runtime::BigDecimal)
                };
                quote!(<#ty as ::std::str::FromStr>::from_str(#text).expect("a valid number"))
            }
            ShapeKind::Timestamp { .. } => {
                let (seconds, nanos) = json
                    .as_number()
                    .and_then(epoch_seconds)
                    .ok_or_else(|| mismatch("epoch seconds"))?;
                let seconds = signed(seconds, "i64");
                if nanos == 0 {
                    quote!(awsgen_runtime::DateTime::from_secs(#seconds))
                } else {
                    let nanos = Literal::u32_suffixed(nanos);
                    quote!(awsgen_runtime::DateTime::from_secs_and_nanos(#seconds, #nanos))
                }
            }
            ShapeKind::Blob { .. } => {
                let text = json.as_str().ok_or_else(|| mismatch("a string"))?;
                quote!(awsgen_runtime::Blob::from(#text))
            }
            ShapeKind::Document => document(json),
            ShapeKind::Unsupported { feature } => {
                return Err(format!(
                "at `{at}`: shape `{id}` is not supported ({feature}), so no value can be written"
            ))
            }
        })
    }

    /// An element of a list or a value of a map: `Option`s when sparse.
    fn element(
        &mut self,
        id: &ShapeId,
        sparse: bool,
        json: &Value,
        at: &str,
    ) -> Result<TokenStream, String> {
        match (sparse, json) {
            (true, Value::Null) => Ok(quote!(None)),
            (true, _) => {
                let value = self.value(id, json, at, None)?;
                Ok(quote!(Some(#value)))
            }
            (false, Value::Null) => Err(format!(
                "at `{at}`: null in a collection that is not sparse"
            )),
            (false, _) => self.value(id, json, at, None),
        }
    }

    fn structure(
        &mut self,
        id: &ShapeId,
        s: &Structure,
        json: &Value,
        at: &str,
        fields: Option<&[FieldStep]>,
    ) -> Result<TokenStream, String> {
        let ty = self.type_path(id)?;
        let members = json.as_object().ok_or_else(|| {
            format!("at `{at}`: expected an object for the structure `{id}`, found {json}")
        })?;
        let mut set = Vec::new();
        for (key, value) in members {
            let at = format!("{at}/{key}");
            let member = s
                .members
                .iter()
                .find(|m| m.name == *key)
                .ok_or_else(|| format!("at `{at}`: `{id}` has no member `{key}`"))?;
            if value.is_null() {
                // botocore leaves out members whose value is None.
                continue;
            }
            if !supported(self.model, &member.target, 0) {
                return Err(format!(
                    "at `{at}`: member `{key}` is not generated (its shape is unsupported)"
                ));
            }
            let field = self
                .names
                .field_name(id, &member.name)
                .ok_or_else(|| format!("at `{at}`: member `{key}` of `{id}` has no field name"))?;
            let required = member.is_plain_field();
            let path = fields.map(|f| {
                let mut path = f.to_vec();
                path.push(FieldStep {
                    field: field.to_owned(),
                    optional: !required,
                });
                path
            });
            if self.mode == NanMode::Extract
                && is_nan(value)
                && is_float(self.model, &member.target)
            {
                match path {
                    Some(steps) => {
                        self.nan_fields.push(NanField { steps, at });
                        continue;
                    }
                    None => return Err(self.nan_out_of_reach(&at)),
                }
            }
            let field = ident(field);
            if member.boxed && is_empty_aggregate(self.model, &member.target, value) {
                // `Box::new(T::default())` is what clippy's `box_default` flags.
                set.push(quote!(#field: Some(Box::default())));
                continue;
            }
            let inner = self.value(&member.target, value, &at, path.as_deref())?;
            let wrapped = if member.boxed {
                quote!(Some(Box::new(#inner)))
            } else if required {
                inner
            } else {
                quote!(Some(#inner))
            };
            set.push(quote!(#field: #wrapped));
        }
        let generated = s
            .members
            .iter()
            .filter(|m| supported(self.model, &m.target, 0))
            .count();
        // Outputs and errors also hold the response's metadata.
        let every_field = set.len() == generated && !self.model.response_shapes().contains(id);
        Ok(if set.is_empty() {
            quote!(#ty::default())
        } else if every_field {
            quote!(#ty { #(#set),* })
        } else {
            quote!(#ty { #(#set,)* ..Default::default() })
        })
    }

    fn union(
        &mut self,
        id: &ShapeId,
        s: &Structure,
        json: &Value,
        at: &str,
    ) -> Result<TokenStream, String> {
        let ty = self.type_path(id)?;
        let members = json.as_object().ok_or_else(|| {
            format!("at `{at}`: expected an object for the union `{id}`, found {json}")
        })?;
        let set: Vec<(&String, &Value)> = members.iter().filter(|(_, v)| !v.is_null()).collect();
        let (key, value) = match set.as_slice() {
            [] => return Ok(quote!(#ty::default())),
            [one] => *one,
            _ => {
                return Err(format!(
                    "at `{at}`: a union value sets exactly one member, this one sets {}",
                    set.len()
                ))
            }
        };
        let at = format!("{at}/{key}");
        let member = s
            .members
            .iter()
            .find(|m| m.name == *key)
            .ok_or_else(|| format!("at `{at}`: `{id}` has no member `{key}`"))?;
        let variant = self
            .names
            .variant_name(id, &member.name)
            .ok_or_else(|| format!("at `{at}`: member `{key}` of `{id}` has no variant name"))?;
        let variant = ident(variant);
        let inner = self.value(&member.target, value, &at, None)?;
        Ok(if member.boxed {
            quote!(#ty::#variant(Box::new(#inner)))
        } else {
            quote!(#ty::#variant(#inner))
        })
    }

    fn type_path(&mut self, id: &ShapeId) -> Result<TokenStream, String> {
        let name = self
            .names
            .type_name(id)
            .ok_or_else(|| format!("shape `{id}` has no type name"))?;
        self.uses_types = true;
        let name = ident(name);
        Ok(quote!(types::#name))
    }

    fn nan_out_of_reach(&self, at: &str) -> String {
        format!(
            "at `{at}`: an expected NaN inside a list, map or union cannot be compared (NaN != NaN)"
        )
    }
}

/// Whether the generated code has a type for the shape (it leaves out
/// members that reach an unsupported shape).
fn supported(model: &Model, id: &ShapeId, depth: usize) -> bool {
    if depth > 64 {
        return false;
    }
    match model.shape(id).map(|s| &s.kind) {
        None | Some(ShapeKind::Unsupported { .. }) => false,
        Some(ShapeKind::List(list)) => supported(model, &list.member, depth + 1),
        Some(ShapeKind::Map(map)) => {
            supported(model, &map.key, depth + 1) && supported(model, &map.value, depth + 1)
        }
        Some(_) => true,
    }
}

/// A structure or union value that sets nothing: its type's default.
fn is_empty_aggregate(model: &Model, id: &ShapeId, json: &Value) -> bool {
    matches!(
        model.shape(id).map(|s| &s.kind),
        Some(ShapeKind::Structure(_) | ShapeKind::Union(_))
    ) && json
        .as_object()
        .is_some_and(|members| members.values().all(Value::is_null))
}

fn is_float(model: &Model, id: &ShapeId) -> bool {
    matches!(
        model.shape(id).map(|s| &s.kind),
        Some(ShapeKind::Float | ShapeKind::Double)
    )
}

fn is_nan(json: &Value) -> bool {
    json.as_str() == Some("NaN")
}

/// An integer literal with its type suffix; negative values as `-` and the
/// magnitude, as Rust writes them.
fn signed(value: i64, suffix: &str) -> TokenStream {
    let magnitude = syn::LitInt::new(
        &format!("{}{suffix}", value.unsigned_abs()),
        proc_macro2::Span::call_site(),
    );
    if value < 0 {
        quote!(-#magnitude)
    } else {
        quote!(#magnitude)
    }
}

fn integer(value: i64, min: i64, max: i64, suffix: &str) -> Option<TokenStream> {
    (min..=max).contains(&value).then(|| signed(value, suffix))
}

fn int_value(json: &Value, min: i64, max: i64, suffix: &str) -> Option<TokenStream> {
    integer(json.as_i64()?, min, max, suffix)
}

#[derive(Clone, Copy)]
enum Float {
    F32,
    F64,
}

/// A float literal (exact to the JSON text: the shortest decimal form of
/// the number, parsed at the member's width), or the special values.
fn float(json: &Value, width: Float) -> Option<TokenStream> {
    let ty = match width {
        Float::F32 => quote!(f32),
        Float::F64 => quote!(f64),
    };
    let text = match json {
        Value::String(s) => {
            return match s.as_str() {
                "NaN" => Some(quote!(#ty::NAN)),
                "Infinity" => Some(quote!(#ty::INFINITY)),
                "-Infinity" => Some(quote!(#ty::NEG_INFINITY)),
                _ => None,
            }
        }
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    let (negative, magnitude) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let literal = match width {
        Float::F32 => Literal::f32_suffixed(magnitude.parse::<f32>().ok()?),
        Float::F64 => Literal::f64_suffixed(magnitude.parse::<f64>().ok()?),
    };
    Some(if negative {
        quote!(-#literal)
    } else {
        quote!(#literal)
    })
}

/// Whole seconds (rounded down) and nanoseconds of an epoch-seconds
/// number, exact to its decimal digits (digits past the ninth decimal
/// place are dropped).
fn epoch_seconds(n: &serde_json::Number) -> Option<(i64, u32)> {
    if let Some(seconds) = n.as_i64() {
        return Some((seconds, 0));
    }
    let value = n.as_f64()?;
    if !value.is_finite() {
        return None;
    }
    // `Display` for f64 never uses an exponent: digits, maybe a point.
    let text = value.to_string();
    let (negative, magnitude) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let (whole, fraction) = magnitude.split_once('.').unwrap_or((magnitude, ""));
    let whole: i64 = whole.parse().ok()?;
    let digits: String = fraction
        .chars()
        .chain("000000000".chars())
        .take(9)
        .collect();
    let nanos: u32 = digits.parse().ok()?;
    Some(match (negative, nanos) {
        (false, _) => (whole, nanos),
        (true, 0) => (-whole, 0),
        (true, _) => (-whole - 1, 1_000_000_000 - nanos),
    })
}

/// A `Document` tree.
fn document(json: &Value) -> TokenStream {
    match json {
        Value::Null => quote!(awsgen_runtime::Document::Null),
        Value::Bool(b) => quote!(awsgen_runtime::Document::Bool(#b)),
        Value::Number(n) => {
            let number = if let Some(u) = n.as_u64() {
                let u = Literal::u64_suffixed(u);
                quote!(awsgen_runtime::Number::PosInt(#u))
            } else if let Some(i) = n.as_i64() {
                let i = signed(i, "i64");
                quote!(awsgen_runtime::Number::NegInt(#i))
            } else {
                let f = float(json, Float::F64).unwrap_or_else(|| quote!(f64::NAN));
                quote!(awsgen_runtime::Number::Float(#f))
            };
            quote!(awsgen_runtime::Document::Number(#number))
        }
        Value::String(s) => quote!(awsgen_runtime::Document::String(String::from(#s))),
        Value::Array(items) => {
            let items = items.iter().map(document);
            quote!(awsgen_runtime::Document::Array(vec![#(#items),*]))
        }
        Value::Object(entries) => {
            if entries.is_empty() {
                quote!(awsgen_runtime::Document::Object(
                    ::std::collections::BTreeMap::new()
                ))
            } else {
                let pairs = entries.iter().map(|(k, v)| {
                    let v = document(v);
                    quote!((String::from(#k), #v))
                });
                quote!(awsgen_runtime::Document::Object(::std::collections::BTreeMap::from([#(#pairs),*])))
            }
        }
    }
}

#[cfg(test)]
mod tests;
