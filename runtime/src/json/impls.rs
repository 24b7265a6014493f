//! [`ReadJson`] and [`WriteJson`] for the standard and runtime types that
//! generated structures hold, so a member of any of them is one call.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hash};

use super::{place, JsonError, JsonReader, JsonWriter, ReadJson, ValueKind, WriteJson};
use crate::{BigDecimal, BigInteger, Blob, DateTime, Document, Number, TimestampFormat};

impl WriteJson for str {
    fn write_json(&self, w: &mut JsonWriter) {
        w.string(self);
    }
}

impl WriteJson for String {
    fn write_json(&self, w: &mut JsonWriter) {
        w.string(self);
    }
}

impl ReadJson for String {
    fn read_json(r: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        r.string().map(Cow::into_owned)
    }
}

impl WriteJson for bool {
    fn write_json(&self, w: &mut JsonWriter) {
        w.bool(*self);
    }
}

impl ReadJson for bool {
    fn read_json(r: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        r.bool()
    }
}

/// Integers: written through `i64`, read with a range check.
macro_rules! integer_impls {
    ($($ty:ty => $read:ident),*) => {$(
        impl WriteJson for $ty {
            fn write_json(&self, w: &mut JsonWriter) {
                w.i64(i64::from(*self));
            }
        }

        impl ReadJson for $ty {
            fn read_json(r: &mut JsonReader<'_>) -> Result<Self, JsonError> {
                r.$read()
            }
        }
    )*};
}

integer_impls!(i8 => i8, i16 => i16, i32 => i32, i64 => i64);

impl WriteJson for f64 {
    fn write_json(&self, w: &mut JsonWriter) {
        w.f64(*self);
    }
}

impl ReadJson for f64 {
    fn read_json(r: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        r.f64()
    }
}

impl WriteJson for f32 {
    fn write_json(&self, w: &mut JsonWriter) {
        w.f32(*self);
    }
}

impl ReadJson for f32 {
    fn read_json(r: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        r.f32()
    }
}

/// Epoch seconds, the JSON body default; members with another
/// `timestampFormat` use [`JsonWriter::member_timestamp`].
impl WriteJson for DateTime {
    fn write_json(&self, w: &mut JsonWriter) {
        w.timestamp(self, TimestampFormat::EpochSeconds);
    }
}

/// Any of the three formats (see [`JsonReader::timestamp`]).
impl ReadJson for DateTime {
    fn read_json(r: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        r.timestamp()
    }
}

/// A base64 string.
impl WriteJson for Blob {
    fn write_json(&self, w: &mut JsonWriter) {
        w.base64(self.as_bytes());
    }
}

/// A base64 string; invalid base64 is an error rather than corrupted data.
impl ReadJson for Blob {
    fn read_json(r: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        let start = r.value_offset();
        let text = r.string()?;
        crate::base64::decode(&text)
            .map(Blob::from)
            .map_err(|error| JsonError::new(start, error.to_string()))
    }
}

/// Any JSON value; integers are written as integers, floats like
/// [`JsonWriter::f64`] (so a non-finite float becomes a string).
impl WriteJson for Document {
    fn write_json(&self, w: &mut JsonWriter) {
        match self {
            Document::Null => w.null(),
            Document::Bool(value) => w.bool(*value),
            Document::Number(Number::PosInt(value)) => w.u64(*value),
            Document::Number(Number::NegInt(value)) => w.i64(*value),
            Document::Number(Number::Float(value)) => w.f64(*value),
            Document::String(value) => w.string(value),
            Document::Array(values) => values.write_json(w),
            Document::Object(members) => {
                w.begin_object();
                for (key, value) in members {
                    w.member(key, value);
                }
                w.end_object();
            }
        }
    }
}

/// Any JSON value. Numbers keep integer against float: an integer without
/// fraction or exponent is `PosInt`/`NegInt` when it fits in 64 bits and a
/// `Float` beyond that; a number too large for an `f64` is an error.
/// Duplicate keys: the last wins. Nesting is limited to
/// [`MAX_DEPTH`](super::MAX_DEPTH).
impl ReadJson for Document {
    fn read_json(r: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        Ok(match r.peek()? {
            ValueKind::Null => {
                r.take_null()?;
                Document::Null
            }
            ValueKind::Bool => Document::Bool(r.bool()?),
            ValueKind::Number => Document::Number(read_number(r)?),
            ValueKind::String => Document::String(r.string()?.into_owned()),
            ValueKind::Array => Document::Array(Vec::read_json(r)?),
            ValueKind::Object => {
                let mut members = BTreeMap::new();
                r.begin_object()?;
                while let Some(key) = r.next_key()? {
                    let value = Document::read_json(r)?;
                    members.insert(key.into_owned(), value);
                }
                Document::Object(members)
            }
        })
    }

    /// A `null` in a list of documents is a document: kept as
    /// [`Document::Null`].
    fn from_null() -> Option<Self> {
        Some(Document::Null)
    }
}

/// A [`Document`] number (see the `ReadJson` impl).
fn read_number(r: &mut JsonReader<'_>) -> Result<Number, JsonError> {
    let start = r.value_offset();
    let number = r.number()?;
    if let Some(value) = number.to_u64() {
        return Ok(Number::PosInt(value));
    }
    if let Some(value) = number.to_i64() {
        // Negative (or `-0`, which `From` makes `PosInt(0)`).
        return Ok(Number::from(value));
    }
    number.to_float().map(Number::Float).ok_or_else(|| {
        JsonError::new(
            start,
            format!("{} is out of range for a document number", number.text),
        )
    })
}

/// The number as a valid JSON number: the text types also allow a leading
/// `+` and leading zeros (`+007.5`), which JSON does not, so those are
/// dropped (`7.5`); every digit that matters is kept.
fn json_number_text(text: &str) -> Cow<'_, str> {
    let (sign, unsigned) = match text.as_bytes().first() {
        Some(b'-') => ("-", &text[1..]),
        Some(b'+') => ("+", &text[1..]),
        _ => ("", text),
    };
    let trimmed = unsigned.trim_start_matches('0');
    // Keep one zero when the integer part was all zeros (`0`, `0.5`, `0e3`).
    let digits = if trimmed.starts_with(|c: char| c.is_ascii_digit()) {
        trimmed
    } else {
        match unsigned.len().checked_sub(trimmed.len() + 1) {
            Some(cut) => &unsigned[cut..],
            // Empty: not a valid number text, which the types rule out.
            None => return Cow::Borrowed(text),
        }
    };
    match sign {
        "+" | "" if digits.len() < text.len() => Cow::Borrowed(digits),
        "-" if digits.len() + 1 < text.len() => Cow::Owned(format!("-{digits}")),
        _ => Cow::Borrowed(text),
    }
}

/// A number, or a string holding one (some services quote big numbers so
/// that JavaScript clients do not round them), parsed by `T::from_str`.
fn read_big<T>(r: &mut JsonReader<'_>) -> Result<T, JsonError>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    let kind = r.peek()?;
    let start = r.value_offset();
    let text = match kind {
        ValueKind::String => r.string()?,
        _ => Cow::Borrowed(r.number_text()?),
    };
    text.parse()
        .map_err(|error: T::Err| JsonError::new(start, error.to_string()))
}

/// The digits as a JSON number (see `json_number_text`).
impl WriteJson for BigInteger {
    fn write_json(&self, w: &mut JsonWriter) {
        w.raw_number(&json_number_text(self.as_str()));
    }
}

/// A JSON integer, or a string holding one; `1.5` is an error.
impl ReadJson for BigInteger {
    fn read_json(r: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        read_big(r)
    }
}

/// The digits as a JSON number (see `json_number_text`).
impl WriteJson for BigDecimal {
    fn write_json(&self, w: &mut JsonWriter) {
        w.raw_number(&json_number_text(self.as_str()));
    }
}

/// A JSON number, or a string holding one, with every digit kept.
impl ReadJson for BigDecimal {
    fn read_json(r: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        read_big(r)
    }
}

impl<T: WriteJson> WriteJson for [T] {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_array();
        for item in self {
            item.write_json(w);
        }
        w.end_array();
    }
}

impl<T: WriteJson> WriteJson for Vec<T> {
    fn write_json(&self, w: &mut JsonWriter) {
        self.as_slice().write_json(w);
    }
}

/// A JSON array; each `null` element becomes `T::from_null()`, so dense
/// lists drop it and sparse lists (`Vec<Option<T>>`) keep it as `None`.
/// Elements are read in place ([`ReadJson::read_json_into`]).
impl<T: ReadJson + Default> ReadJson for Vec<T> {
    fn read_json(r: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        let mut items = Vec::new();
        r.begin_array()?;
        while r.next_element()? {
            if r.take_null()? {
                place::push_null(&mut items);
            } else {
                T::read_json_into(r, place::push_default(&mut items))?;
            }
        }
        Ok(items)
    }
}

/// A JSON object, in the map's iteration order.
impl<K, V, S> WriteJson for HashMap<K, V, S>
where
    K: AsRef<str>,
    V: WriteJson,
{
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        for (key, value) in self {
            w.member(key.as_ref(), value);
        }
        w.end_object();
    }
}

/// A JSON object. Keys convert through `From<String>` (so generated string
/// enums work as keys, keeping unknown values). Duplicate keys: the last
/// wins. A `null` value becomes `V::from_null()`: a dense map has no entry
/// for that key (a `null` after an earlier value removes it, consistently
/// with "last wins"); a sparse map (`V = Option<T>`) holds `None`.
impl<K, V, S> ReadJson for HashMap<K, V, S>
where
    K: AsRef<str> + From<String> + Eq + Hash,
    V: ReadJson + Default,
    S: BuildHasher + Default,
{
    fn read_json(r: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        let mut map = HashMap::default();
        r.begin_object()?;
        while let Some(key) = r.next_key()? {
            let key = K::from(key.into_owned());
            if r.take_null()? {
                place::insert_null(&mut map, key);
            } else {
                V::read_json_into(r, place::insert_default(&mut map, key))?;
            }
        }
        Ok(map)
    }
}

/// `None` is `null`. Members use [`JsonWriter::member_opt`], which leaves
/// a `None` member out instead.
impl<T: WriteJson> WriteJson for Option<T> {
    fn write_json(&self, w: &mut JsonWriter) {
        match self {
            Some(value) => value.write_json(w),
            None => w.null(),
        }
    }
}

/// `null` is `None`.
impl<T: ReadJson + Default> ReadJson for Option<T> {
    fn read_json(r: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        r.read_opt()
    }

    fn read_json_into(r: &mut JsonReader<'_>, slot: &mut Self) -> Result<(), JsonError> {
        r.read_opt_into(slot)
    }

    /// `Some(None)`: in a list or map of options (a sparse collection), a
    /// `null` is kept.
    fn from_null() -> Option<Self> {
        Some(None)
    }
}

/// As the boxed value (recursive shapes are boxed).
impl<T: WriteJson + ?Sized> WriteJson for Box<T> {
    fn write_json(&self, w: &mut JsonWriter) {
        (**self).write_json(w);
    }
}

/// As the boxed value, including its treatment of `null` in collections.
/// The value is read straight into its box ([`ReadJson::read_json_into`]):
/// boxes are where recursive shapes recurse.
impl<T: ReadJson + Default> ReadJson for Box<T> {
    fn read_json(r: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        let mut boxed = place::new_box::<T>();
        T::read_json_into(r, &mut boxed)?;
        Ok(boxed)
    }

    fn read_json_into(r: &mut JsonReader<'_>, slot: &mut Self) -> Result<(), JsonError> {
        T::read_json_into(r, slot)
    }

    fn from_null() -> Option<Self> {
        T::from_null().map(Box::new)
    }
}

/// As the referenced value, so `member("k", &self.field)` and
/// `to_vec(&&value)` both work.
impl<T: WriteJson + ?Sized> WriteJson for &T {
    fn write_json(&self, w: &mut JsonWriter) {
        (**self).write_json(w);
    }
}
