//! JSON bodies of the restJson1 protocol: a pull [`JsonReader`], a
//! [`JsonWriter`], and the [`ReadJson`]/[`WriteJson`] traits that generated
//! code implements for every structure, union and enum in a body.
//!
//! Generated code is straight-line: one line per member in each direction,
//! calling the reader and writer here, rather than serde derives. The
//! project's serialization study (`docs/serialization-design.md`) measured
//! this as the cheapest to compile, faster than `serde_json::Value` to
//! parse, and the only option where every AWS JSON rule lives in one place:
//!
//! - unknown members are skipped, at any depth, without recursion;
//! - `null` for an optional member is `None`; for a required one it keeps
//!   the default ([`JsonReader::read_into`]);
//! - `null` inside a list or map is dropped, unless the collection is
//!   sparse (`Vec<Option<T>>`, `HashMap<K, Option<T>>`), see
//!   [`ReadJson::from_null`];
//! - duplicate keys: the last one wins;
//! - a union has exactly one member set: a `null` member is not set, a
//!   second member is an error naming the union
//!   ([`JsonReader::union_member`]);
//! - typed nesting is limited to [`MAX_DEPTH`] levels, and since values are
//!   read in place ([`ReadJson::read_json_into`]) that bounds the stack a
//!   read takes whatever the width of the structures;
//! - doubles and floats are `"NaN"`, `"Infinity"` and `"-Infinity"` strings
//!   when not finite, and a number too large for its type is an error;
//! - integers are strict (`1.0`, `1e3` and `"5"` are errors) and
//!   range-checked;
//! - timestamps are read in any of the three formats and written exactly;
//! - `bigInteger`/`bigDecimal` keep their digits;
//! - malformed input of any kind is a [`JsonError`], never a panic.
//!
//! ```
//! use awsgen_runtime::__private::json::{self, JsonError, JsonReader, JsonWriter, ReadJson, WriteJson};
//!
//! #[derive(Debug, Default, PartialEq)]
//! struct Thing {
//!     name: String,
//!     tags: Option<Vec<String>>,
//! }
//!
//! impl WriteJson for Thing {
//!     fn write_json(&self, w: &mut JsonWriter) {
//!         w.begin_object();
//!         w.member("name", &self.name);
//!         w.member_opt("tags", &self.tags);
//!         w.end_object();
//!     }
//! }
//!
//! impl ReadJson for Thing {
//!     fn read_json(r: &mut JsonReader<'_>) -> Result<Self, JsonError> {
//!         let mut out = Self::default();
//!         r.begin_object()?;
//!         while let Some(key) = r.next_key()? {
//!             match &*key {
//!                 "name" => r.read_into(&mut out.name)?,
//!                 "tags" => r.read_opt_into(&mut out.tags)?,
//!                 _ => r.skip_value()?,
//!             }
//!         }
//!         Ok(out)
//!     }
//! }
//!
//! let thing = Thing { name: "lamp".into(), tags: Some(vec!["on".into()]) };
//! let body = json::to_vec(&thing);
//! assert_eq!(body, br#"{"name":"lamp","tags":["on"]}"#);
//! assert_eq!(json::from_slice::<Thing>(&body)?, thing);
//! assert_eq!(json::from_slice::<Thing>(b"")?, Thing::default());
//! # Ok::<(), JsonError>(())
//! ```

mod error;
mod error_body;
mod impls;
mod place;
mod reader;
mod scan;
mod writer;

pub use error::JsonError;
pub use error_body::{error_body_fields, ErrorBodyFields};
pub(crate) use reader::float_from_text;
pub use reader::{JsonReader, ValueKind, MAX_DEPTH};
pub use writer::JsonWriter;

/// A value that can be written as JSON; generated for every shape sent in
/// a request body.
pub trait WriteJson {
    /// Writes this value as the next JSON value of `w`.
    fn write_json(&self, w: &mut JsonWriter);
}

/// A value that can be read from JSON; generated for every shape received
/// in a response body.
pub trait ReadJson: Sized {
    /// Reads the next JSON value of `r` as this type.
    ///
    /// # Errors
    ///
    /// When the value is malformed or of the wrong type. A `null` is an
    /// error unless the type gives it a meaning (`Option`, `Document`);
    /// callers handle `null` members with [`JsonReader::read_opt_into`] and
    /// [`JsonReader::read_into`].
    fn read_json(r: &mut JsonReader<'_>) -> Result<Self, JsonError>;

    /// Reads the next value into `slot`, which holds `Self::default()`
    /// (callers with a slot that may hold an earlier value reset it first,
    /// as [`JsonReader::read_into`] does). What every reader of a member,
    /// element or boxed value calls.
    ///
    /// The default moves the value [`read_json`](Self::read_json) returns
    /// into `slot`. Generated structures and unions override it to fill
    /// `slot` in place: then no level of a nested read keeps a value of a
    /// (possibly wide) structure in its stack frame while the levels under
    /// it are read, which is what keeps [`MAX_DEPTH`] levels within a
    /// small thread's stack.
    ///
    /// # Errors
    ///
    /// As [`read_json`](Self::read_json); `slot` then holds whatever was
    /// read so far.
    fn read_json_into(r: &mut JsonReader<'_>, slot: &mut Self) -> Result<(), JsonError> {
        *slot = Self::read_json(r)?;
        Ok(())
    }

    /// What a JSON `null` inside a list or map becomes: `None` = the element
    /// is dropped (dense collections, the default), `Some(v)` = kept
    /// (`Option<T>` returns `Some(None)`, which makes `Vec<Option<T>>` /
    /// `HashMap<K, Option<T>>` sparse collections keep nulls).
    fn from_null() -> Option<Self> {
        None
    }
}

/// Serializes a value to JSON bytes.
pub fn to_vec<T: WriteJson + ?Sized>(value: &T) -> Vec<u8> {
    let mut w = JsonWriter::new();
    value.write_json(&mut w);
    w.into_bytes()
}

/// Parses a whole body: an empty or whitespace-only body gives `T::default()`;
/// otherwise one value then only whitespace (trailing garbage is an error).
///
/// The empty case is there because AWS sends no body at all for an output
/// whose members are all absent.
///
/// # Errors
///
/// When the body is not one valid JSON value of type `T`.
pub fn from_slice<T: ReadJson + Default>(body: &[u8]) -> Result<T, JsonError> {
    let mut r = JsonReader::new(body);
    if r.at_end() {
        return Ok(T::default());
    }
    let value = T::read_json(&mut r)?;
    r.finish()?;
    Ok(value)
}

#[cfg(test)]
mod tests;
