//! Untyped values: the Smithy `document` shape.
//!
//! Some AWS members hold free-form JSON (policy documents, job documents,
//! attribute payloads) that the model does not describe. [`Document`] keeps
//! such a value as a tree without tying the runtime to a JSON library.

use std::collections::{BTreeMap, HashMap};

/// A JSON-like value of a `document` member.
///
/// Objects are `BTreeMap`s so that serialization is deterministic (keys in
/// sorted order) and equality does not depend on insertion order.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Document {
    /// JSON `null`; also the default, standing for "no value".
    #[default]
    Null,
    /// JSON `true` or `false`.
    Bool(bool),
    /// A JSON number, kept as an integer when it is one.
    Number(Number),
    /// A JSON string.
    String(String),
    /// A JSON array.
    Array(Vec<Document>),
    /// A JSON object.
    Object(BTreeMap<String, Document>),
}

/// A number inside a [`Document`], kept as an integer when it is one so that
/// 64-bit IDs and counters survive without the rounding of `f64`.
///
/// Equality is the derived one and compares variants as well as values:
/// `PosInt(1) != Float(1.0)`, and `Float(NAN) != Float(NAN)`. The `From`
/// impls keep it predictable by always storing a non-negative integer as
/// `PosInt` and a negative one as `NegInt`, as deserialization does;
/// constructing `NegInt(1)` by hand gives a value unequal to
/// `Number::from(1)`, so don't.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    /// An integer zero or greater.
    PosInt(u64),
    /// An integer less than zero.
    NegInt(i64),
    /// A number with a fraction or exponent, or out of the integer ranges.
    Float(f64),
}

impl Number {
    /// The value as a float, for callers that do arithmetic; integers beyond
    /// 2^53 in magnitude are rounded.
    pub fn as_f64(self) -> f64 {
        match self {
            Number::PosInt(value) => value as f64,
            Number::NegInt(value) => value as f64,
            Number::Float(value) => value,
        }
    }

    /// The value as an `i64`, if it is an integer in range. A float counts
    /// when it has no fraction (`2.0`), because JSON writers differ on
    /// whether whole numbers get a `.0`.
    pub fn to_i64(self) -> Option<i64> {
        match self {
            Number::PosInt(value) => i64::try_from(value).ok(),
            Number::NegInt(value) => Some(value),
            // -2^63 and 2^63 are exact in f64; the cast is exact in between.
            Number::Float(value)
                if value.fract() == 0.0
                    && (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0)
                        .contains(&value) =>
            {
                Some(value as i64)
            }
            Number::Float(_) => None,
        }
    }

    /// The value as a `u64`, if it is a non-negative integer in range; like
    /// [`Number::to_i64`], a float without a fraction counts.
    pub fn to_u64(self) -> Option<u64> {
        match self {
            Number::PosInt(value) => Some(value),
            Number::NegInt(_) => None,
            // 2^64 is exact in f64; the cast is exact below it.
            Number::Float(value)
                if value.fract() == 0.0 && (0.0..18_446_744_073_709_551_616.0).contains(&value) =>
            {
                Some(value as u64)
            }
            Number::Float(_) => None,
        }
    }
}

/// `From` for unsigned integers: always `PosInt`.
macro_rules! number_from_unsigned {
    ($($ty:ty),*) => {$(
        impl From<$ty> for Number {
            fn from(value: $ty) -> Self {
                Number::PosInt(u64::from(value))
            }
        }
    )*};
}

/// `From` for signed integers: `PosInt` when non-negative, else `NegInt`.
macro_rules! number_from_signed {
    ($($ty:ty),*) => {$(
        impl From<$ty> for Number {
            fn from(value: $ty) -> Self {
                let value = i64::from(value);
                match u64::try_from(value) {
                    Ok(positive) => Number::PosInt(positive),
                    Err(_) => Number::NegInt(value),
                }
            }
        }
    )*};
}

number_from_unsigned!(u8, u16, u32, u64);
number_from_signed!(i8, i16, i32, i64);

impl From<f32> for Number {
    fn from(value: f32) -> Self {
        Number::Float(f64::from(value))
    }
}

impl From<f64> for Number {
    fn from(value: f64) -> Self {
        Number::Float(value)
    }
}

/// `From` for every type that converts into a [`Number`].
macro_rules! document_from_number {
    ($($ty:ty),*) => {$(
        impl From<$ty> for Document {
            fn from(value: $ty) -> Self {
                Document::Number(Number::from(value))
            }
        }
    )*};
}

document_from_number!(u8, u16, u32, u64, i8, i16, i32, i64, f32, f64);

impl From<Number> for Document {
    fn from(number: Number) -> Self {
        Document::Number(number)
    }
}

impl From<bool> for Document {
    fn from(value: bool) -> Self {
        Document::Bool(value)
    }
}

impl From<&str> for Document {
    fn from(value: &str) -> Self {
        Document::String(value.to_owned())
    }
}

impl From<String> for Document {
    fn from(value: String) -> Self {
        Document::String(value)
    }
}

impl From<Vec<Document>> for Document {
    fn from(values: Vec<Document>) -> Self {
        Document::Array(values)
    }
}

impl From<BTreeMap<String, Document>> for Document {
    fn from(values: BTreeMap<String, Document>) -> Self {
        Document::Object(values)
    }
}

impl From<HashMap<String, Document>> for Document {
    /// Sorts the keys (see [`Document::Object`]).
    fn from(values: HashMap<String, Document>) -> Self {
        Document::Object(values.into_iter().collect())
    }
}

impl Document {
    /// Whether this is [`Document::Null`].
    pub fn is_null(&self) -> bool {
        matches!(self, Document::Null)
    }

    /// The value of a [`Document::Bool`].
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Document::Bool(value) => Some(*value),
            _ => None,
        }
    }

    /// The number of a [`Document::Number`].
    pub fn as_number(&self) -> Option<Number> {
        match self {
            Document::Number(number) => Some(*number),
            _ => None,
        }
    }

    /// A [`Document::Number`] as a float (see [`Number::as_f64`]).
    pub fn as_f64(&self) -> Option<f64> {
        self.as_number().map(Number::as_f64)
    }

    /// A [`Document::Number`] as an `i64`, if it is an integer in range (see
    /// [`Number::to_i64`]).
    pub fn as_i64(&self) -> Option<i64> {
        self.as_number().and_then(Number::to_i64)
    }

    /// A [`Document::Number`] as a `u64`, if it is a non-negative integer in
    /// range (see [`Number::to_u64`]).
    pub fn as_u64(&self) -> Option<u64> {
        self.as_number().and_then(Number::to_u64)
    }

    /// The text of a [`Document::String`].
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Document::String(value) => Some(value),
            _ => None,
        }
    }

    /// The elements of a [`Document::Array`].
    pub fn as_array(&self) -> Option<&[Document]> {
        match self {
            Document::Array(values) => Some(values),
            _ => None,
        }
    }

    /// The members of a [`Document::Object`].
    pub fn as_object(&self) -> Option<&BTreeMap<String, Document>> {
        match self {
            Document::Object(values) => Some(values),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_normalized() {
        assert_eq!(Number::from(5_u8), Number::PosInt(5));
        assert_eq!(Number::from(5_i32), Number::PosInt(5));
        assert_eq!(Number::from(0_i64), Number::PosInt(0));
        assert_eq!(Number::from(-5_i16), Number::NegInt(-5));
        assert_eq!(Number::from(i64::MIN), Number::NegInt(i64::MIN));
        assert_eq!(Number::from(u64::MAX), Number::PosInt(u64::MAX));
        assert_eq!(Number::from(1.5_f32), Number::Float(1.5));
        assert_eq!(Document::from(7_u32), Document::from(7_i8));
    }

    #[test]
    fn derived_equality_compares_variants() {
        assert_ne!(Number::PosInt(1), Number::Float(1.0));
        assert_ne!(Number::Float(f64::NAN), Number::Float(f64::NAN));
    }

    #[test]
    fn number_conversions() {
        assert_eq!(Number::PosInt(3).as_f64(), 3.0);
        assert_eq!(Number::NegInt(-3).as_f64(), -3.0);
        assert_eq!(Number::Float(0.5).as_f64(), 0.5);

        assert_eq!(Number::PosInt(3).to_i64(), Some(3));
        assert_eq!(Number::PosInt(u64::MAX).to_i64(), None);
        assert_eq!(Number::NegInt(-3).to_i64(), Some(-3));
        assert_eq!(Number::Float(2.0).to_i64(), Some(2));
        assert_eq!(Number::Float(-2.0).to_i64(), Some(-2));
        assert_eq!(Number::Float(2.5).to_i64(), None);
        assert_eq!(
            Number::Float(-9_223_372_036_854_775_808.0).to_i64(),
            Some(i64::MIN)
        );
        assert_eq!(Number::Float(9_223_372_036_854_775_808.0).to_i64(), None);
        assert_eq!(Number::Float(f64::NAN).to_i64(), None);
        assert_eq!(Number::Float(f64::INFINITY).to_i64(), None);

        assert_eq!(Number::PosInt(u64::MAX).to_u64(), Some(u64::MAX));
        assert_eq!(Number::NegInt(-1).to_u64(), None);
        assert_eq!(Number::Float(3.0).to_u64(), Some(3));
        assert_eq!(Number::Float(-0.0).to_u64(), Some(0));
        assert_eq!(Number::Float(-1.0).to_u64(), None);
        assert_eq!(Number::Float(1.844_674_407_370_955_2e19).to_u64(), None);
        assert_eq!(Number::Float(f64::NEG_INFINITY).to_u64(), None);
    }

    #[test]
    fn document_from_impls() {
        assert_eq!(Document::default(), Document::Null);
        assert_eq!(Document::from(true), Document::Bool(true));
        assert_eq!(Document::from("a"), Document::String("a".into()));
        assert_eq!(
            Document::from(String::from("a")),
            Document::String("a".into())
        );
        assert_eq!(Document::from(-1_i64), Document::Number(Number::NegInt(-1)));
        assert_eq!(Document::from(0.5), Document::Number(Number::Float(0.5)));
        assert_eq!(
            Document::from(Number::PosInt(1)),
            Document::Number(Number::PosInt(1))
        );
        assert_eq!(
            Document::from(vec![Document::Null]),
            Document::Array(vec![Document::Null])
        );
        let hash: HashMap<String, Document> = [
            ("b".to_owned(), Document::from(2_u8)),
            ("a".to_owned(), Document::from(1_u8)),
        ]
        .into_iter()
        .collect();
        let tree: BTreeMap<String, Document> = hash.clone().into_iter().collect();
        assert_eq!(Document::from(hash), Document::from(tree.clone()));
        assert_eq!(Document::from(tree.clone()), Document::Object(tree));
    }

    #[test]
    fn accessors() {
        let object = Document::Object(BTreeMap::from([(
            "list".to_owned(),
            Document::Array(vec![
                Document::from(1_u8),
                Document::from("x"),
                Document::Null,
            ]),
        )]));
        let list = object
            .as_object()
            .and_then(|members| members.get("list"))
            .and_then(Document::as_array)
            .unwrap_or_default();
        assert_eq!(list.len(), 3);
        assert_eq!(list[0].as_u64(), Some(1));
        assert_eq!(list[0].as_i64(), Some(1));
        assert_eq!(list[0].as_f64(), Some(1.0));
        assert_eq!(list[0].as_number(), Some(Number::PosInt(1)));
        assert_eq!(list[1].as_str(), Some("x"));
        assert!(list[2].is_null());

        assert_eq!(Document::Bool(false).as_bool(), Some(false));
        for wrong in [&list[2], &list[1]] {
            assert_eq!(wrong.as_bool(), None);
            assert_eq!(wrong.as_number(), None);
            assert_eq!(wrong.as_f64(), None);
            assert_eq!(wrong.as_i64(), None);
            assert_eq!(wrong.as_u64(), None);
            assert_eq!(wrong.as_array(), None);
            assert_eq!(wrong.as_object(), None);
        }
        assert_eq!(Document::Null.as_str(), None);
        assert!(!Document::Bool(true).is_null());
    }
}
