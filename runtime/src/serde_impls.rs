//! `Serialize`/`Deserialize` for the runtime's types, behind the `serde`
//! feature, so that users can store or log generated types as JSON without
//! every client paying for serde.
//!
//! Written by hand (no derive) to keep `serde_derive` out of the build. Each
//! type uses its JSON wire form: timestamps as RFC 3339 strings, blobs as
//! base64, documents as plain JSON, big numbers and unknown enum values as
//! strings, unknown union members as the one-member object they came in.
//!
//! Generated enums and unions get theirs from the macros in
//! `serde_macros.rs`; generated structures derive them.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Unexpected, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::{
    BigDecimal, BigInteger, Blob, DateTime, Document, Number, TimestampFormat, UnknownUnionMember,
    UnknownVariantValue,
};

impl Serialize for DateTime {
    /// An RFC 3339 string. Years outside 0001..=9999 have none, so those
    /// become epoch seconds (an integer, or a float when there is a
    /// fraction), which deserialization accepts too.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.fmt(TimestampFormat::DateTime) {
            Ok(text) => serializer.serialize_str(&text),
            Err(_) if self.subsec_nanos() == 0 => serializer.serialize_i64(self.secs()),
            Err(_) => serializer.serialize_f64(self.as_secs_f64()),
        }
    }
}

/// Reads a [`DateTime`] from an RFC 3339 string or a number of epoch seconds.
struct DateTimeVisitor;

impl Visitor<'_> for DateTimeVisitor {
    type Value = DateTime;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an RFC 3339 timestamp string or a number of epoch seconds")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<DateTime, E> {
        DateTime::parse(text, TimestampFormat::DateTime).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, seconds: i64) -> Result<DateTime, E> {
        Ok(DateTime::from_secs(seconds))
    }

    fn visit_u64<E: de::Error>(self, seconds: u64) -> Result<DateTime, E> {
        i64::try_from(seconds)
            .map(DateTime::from_secs)
            .map_err(|_| E::invalid_value(Unexpected::Unsigned(seconds), &self))
    }

    fn visit_f64<E: de::Error>(self, seconds: f64) -> Result<DateTime, E> {
        DateTime::from_fractional_secs(seconds).map_err(E::custom)
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DateTimeVisitor)
    }
}

impl Serialize for Blob {
    /// Standard, padded base64.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&crate::base64::encode(self.as_bytes()))
    }
}

/// Reads a [`Blob`] from a base64 string.
struct BlobVisitor;

impl Visitor<'_> for BlobVisitor {
    type Value = Blob;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a base64 string")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Blob, E> {
        crate::base64::decode(text)
            .map(Blob::new)
            .map_err(E::custom)
    }
}

impl<'de> Deserialize<'de> for Blob {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(BlobVisitor)
    }
}

impl Serialize for Number {
    /// A JSON number of the same variant.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            Number::PosInt(value) => serializer.serialize_u64(value),
            Number::NegInt(value) => serializer.serialize_i64(value),
            Number::Float(value) => serializer.serialize_f64(value),
        }
    }
}

/// Reads a [`Number`] from any number.
struct NumberVisitor;

impl Visitor<'_> for NumberVisitor {
    type Value = Number;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number")
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Number, E> {
        Ok(Number::from(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Number, E> {
        Ok(Number::from(value))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Number, E> {
        Ok(Number::from(value))
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NumberVisitor)
    }
}

impl Serialize for Document {
    /// The JSON value it stands for.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Document::Null => serializer.serialize_unit(),
            Document::Bool(value) => serializer.serialize_bool(*value),
            Document::Number(number) => number.serialize(serializer),
            Document::String(value) => serializer.serialize_str(value),
            Document::Array(values) => serializer.collect_seq(values),
            Document::Object(members) => serializer.collect_map(members),
        }
    }
}

/// Reads a [`Document`] from any JSON value.
struct DocumentVisitor;

impl<'de> Visitor<'de> for DocumentVisitor {
    type Value = Document;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Document, E> {
        Ok(Document::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Document, E> {
        Ok(Document::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Document, D::Error> {
        Document::deserialize(deserializer)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Document, E> {
        Ok(Document::Bool(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Document, E> {
        Ok(Document::from(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Document, E> {
        Ok(Document::from(value))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Document, E> {
        Ok(Document::from(value))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Document, E> {
        Ok(Document::from(value))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Document, E> {
        Ok(Document::String(value))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Document, A::Error> {
        // The size hint comes from the input: cap what is reserved up front.
        let mut values = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(value) = seq.next_element()? {
            values.push(value);
        }
        Ok(Document::Array(values))
    }

    /// Members in sorted order; of duplicate keys, the last wins.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Document, A::Error> {
        let mut members = BTreeMap::new();
        while let Some((key, value)) = map.next_entry::<String, Document>()? {
            members.insert(key, value);
        }
        Ok(Document::Object(members))
    }
}

impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DocumentVisitor)
    }
}

/// `Serialize` as the text and `Deserialize` from a string (validated) or
/// an integer, for the big-number types.
macro_rules! big_number_serde {
    ($ty:ident, $expecting:literal, $($visit_f64:tt)*) => {
        impl Serialize for $ty {
            /// The decimal text as a string, so no JSON reader rounds it.
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            /// From a string, or from a JSON number for leniency.
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct BigVisitor;

                impl Visitor<'_> for BigVisitor {
                    type Value = $ty;

                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }

                    fn visit_str<E: de::Error>(self, text: &str) -> Result<$ty, E> {
                        text.parse().map_err(E::custom)
                    }

                    fn visit_i64<E: de::Error>(self, value: i64) -> Result<$ty, E> {
                        Ok($ty::from(value))
                    }

                    fn visit_u64<E: de::Error>(self, value: u64) -> Result<$ty, E> {
                        Ok($ty::from(value))
                    }

                    $($visit_f64)*
                }

                deserializer.deserialize_any(BigVisitor)
            }
        }
    };
}

big_number_serde!(BigInteger, "an integer as a string or a number",);
big_number_serde!(
    BigDecimal,
    "a decimal number as a string or a number",
    fn visit_f64<E: de::Error>(self, value: f64) -> Result<BigDecimal, E> {
        // `Display` for a finite f64 is plain decimal digits, valid syntax;
        // NaN and infinities are not and are rejected by the parse.
        value.to_string().parse().map_err(E::custom)
    }
);

impl Serialize for UnknownVariantValue {
    /// The value as received.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for UnknownVariantValue {
    /// From any string; the caller is responsible for it not being a known
    /// value (see [`UnknownVariantValue`]).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(UnknownVariantValue::new)
    }
}

impl Serialize for UnknownUnionMember {
    /// `{"name": value}`, as the union member was sent; the unset union
    /// (`Default`: no name, a null value) is `{}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.name.is_empty() && self.value == Document::Null {
            return serializer.serialize_map(Some(0))?.end();
        }
        crate::serde_macros::serialize_union_member(serializer, &self.name, &self.value)
    }
}

/// Reads an [`UnknownUnionMember`] from an object with at most one member.
struct UnknownUnionMemberVisitor;

impl<'de> Visitor<'de> for UnknownUnionMemberVisitor {
    type Value = UnknownUnionMember;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object with one member")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UnknownUnionMember, A::Error> {
        let Some(name) = map.next_key::<String>()? else {
            return Ok(UnknownUnionMember::default());
        };
        let value = map.next_value()?;
        crate::serde_macros::end_union(map, "member")?;
        Ok(UnknownUnionMember { name, value })
    }
}

impl<'de> Deserialize<'de> for UnknownUnionMember {
    /// From `{"name": value}`, or `{}` for the unset union.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(UnknownUnionMemberVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use serde_json::json;

    fn to_json<T: Serialize>(value: &T) -> String {
        serde_json::to_string(value).unwrap_or_else(|error| format!("error: {error}"))
    }

    fn from_json<T: for<'de> Deserialize<'de>>(json: &str) -> Result<T, String> {
        serde_json::from_str(json).map_err(|error| error.to_string())
    }

    #[test]
    fn date_time() {
        let date_time = DateTime::from_secs_and_nanos(1_576_540_098, 520_000_000);
        assert_eq!(to_json(&date_time), r#""2019-12-16T23:48:18.52Z""#);
        assert_eq!(from_json(r#""2019-12-16T23:48:18.52Z""#), Ok(date_time));
        assert_eq!(from_json("1576540098.52"), Ok(date_time));
        assert_eq!(
            from_json("1576540098"),
            Ok(DateTime::from_secs(1_576_540_098))
        );
        assert_eq!(from_json("-1"), Ok(DateTime::from_secs(-1)));
        assert_eq!(
            from_json("-0.5"),
            Ok(DateTime::from_secs_and_nanos(-1, 500_000_000))
        );

        let far = DateTime::from_secs(i64::MAX);
        assert_eq!(to_json(&far), "9223372036854775807");
        assert_eq!(from_json(&to_json(&far)), Ok(far));
        let far_fraction = DateTime::from_secs_and_nanos(300_000_000_000, 500_000_000);
        assert_eq!(to_json(&far_fraction), "300000000000.5");
        assert_eq!(from_json(&to_json(&far_fraction)), Ok(far_fraction));
    }

    #[test]
    fn date_time_errors() {
        let error = from_json::<DateTime>(r#""Mon, 16 Dec 2019 23:48:18 GMT""#);
        assert!(
            error
                .as_ref()
                .is_err_and(|e| e.starts_with("invalid date-time timestamp")),
            "{error:?}"
        );
        assert!(from_json::<DateTime>("18446744073709551615").is_err());
        assert!(from_json::<DateTime>("1e300").is_err());
        assert!(from_json::<DateTime>("true").is_err());
        assert!(from_json::<DateTime>("null").is_err());
    }

    #[test]
    fn blob() {
        assert_eq!(to_json(&Blob::from("foobar")), r#""Zm9vYmFy""#);
        assert_eq!(from_json(r#""Zm9vYmFy""#), Ok(Blob::from("foobar")));
        assert_eq!(from_json(r#""""#), Ok(Blob::default()));
        let error = from_json::<Blob>(r#""Zm9v!""#);
        assert!(error.is_err_and(|e| e.starts_with("invalid base64")));
        assert!(from_json::<Blob>("[1, 2]").is_err());
    }

    #[test]
    fn document_round_trip() {
        let value = json!({
            "null": null,
            "bool": true,
            "pos": 18_446_744_073_709_551_615_u64,
            "neg": -9_223_372_036_854_775_808_i64,
            "float": 0.5,
            "text": "hi",
            "list": [1, [2], {"a": []}],
            "empty": {},
        });
        let document: Result<Document, _> = serde_json::from_value(value.clone());
        let document = document.map_err(|error| error.to_string());
        let object = document.as_ref().ok().and_then(Document::as_object);
        assert_eq!(object.map(|members| members.len()), Some(8));
        let get = |key: &str| object.and_then(|members| members.get(key)).cloned();
        assert_eq!(get("null"), Some(Document::Null));
        assert_eq!(get("bool"), Some(Document::Bool(true)));
        assert_eq!(get("pos"), Some(Document::from(u64::MAX)));
        assert_eq!(get("neg"), Some(Document::from(i64::MIN)));
        assert_eq!(get("float"), Some(Document::from(0.5)));
        assert_eq!(get("text"), Some(Document::from("hi")));
        assert_eq!(
            document
                .as_ref()
                .map(|document| serde_json::to_value(document).ok()),
            Ok(Some(value))
        );
    }

    #[test]
    fn document_scalars_and_duplicates() {
        assert_eq!(from_json("null"), Ok(Document::Null));
        assert_eq!(from_json("-3"), Ok(Document::Number(Number::NegInt(-3))));
        assert_eq!(from_json("3"), Ok(Document::Number(Number::PosInt(3))));
        assert_eq!(from_json("3.0"), Ok(Document::Number(Number::Float(3.0))));
        assert_eq!(
            from_json(r#"{"a": 1, "a": 2}"#),
            Ok(Document::from(BTreeMap::from([(
                "a".to_owned(),
                Document::from(2_u8)
            )])))
        );
        assert_eq!(from_json::<Option<Document>>("null"), Ok(None));
        assert_eq!(to_json(&Document::from(f64::NAN)), "null");
        assert_eq!(to_json(&Number::NegInt(-1)), "-1");
        assert_eq!(from_json("1.5"), Ok(Number::Float(1.5)));
        assert!(from_json::<Number>(r#""1""#).is_err());
    }

    #[test]
    fn big_numbers() {
        let integer: Result<BigInteger, _> = "-123456789012345678901234567890".parse();
        let integer = integer.map_err(|error| error.to_string());
        assert_eq!(
            integer.as_ref().map(to_json).as_deref(),
            Ok(r#""-123456789012345678901234567890""#)
        );
        assert_eq!(from_json(r#""-123456789012345678901234567890""#), integer);
        assert_eq!(from_json("42"), Ok(BigInteger::from(42_i64)));
        assert_eq!(from_json("-42"), Ok(BigInteger::from(-42_i64)));
        assert!(from_json::<BigInteger>("1.5").is_err());
        assert!(from_json::<BigInteger>(r#""1.5""#).is_err_and(|e| e.contains("big integer")));

        let decimal: Result<BigDecimal, _> = "1.25e-300".parse();
        let decimal = decimal.map_err(|error| error.to_string());
        assert_eq!(
            decimal.as_ref().map(to_json).as_deref(),
            Ok(r#""1.25e-300""#)
        );
        assert_eq!(from_json(r#""1.25e-300""#), decimal);
        assert_eq!(
            from_json::<BigDecimal>("0.1").map(|d| d.to_string()),
            Ok("0.1".to_owned())
        );
        assert_eq!(from_json("7"), Ok(BigDecimal::from(7_u64)));
        assert!(from_json::<BigDecimal>(r#""x""#).is_err());
        assert!(from_json::<BigDecimal>("null").is_err());
    }

    #[test]
    fn unknown_union_member() {
        let member = UnknownUnionMember {
            name: "square".to_owned(),
            value: Document::from(vec![Document::from(2_u8)]),
        };
        assert_eq!(to_json(&member), r#"{"square":[2]}"#);
        assert_eq!(from_json(r#"{"square":[2]}"#), Ok(member));
        assert_eq!(to_json(&UnknownUnionMember::default()), "{}");
        assert_eq!(from_json("{}"), Ok(UnknownUnionMember::default()));
        let error = from_json::<UnknownUnionMember>(r#"{"a": 1, "b": 2}"#);
        assert!(
            error
                .as_ref()
                .is_err_and(|e| e.contains("exactly one member, found another: `b`")),
            "{error:?}"
        );
        assert!(from_json::<UnknownUnionMember>("[]").is_err());
    }

    #[test]
    fn unknown_variant_value() {
        let value = UnknownVariantValue::new("NEW");
        assert_eq!(to_json(&value), r#""NEW""#);
        assert_eq!(from_json(r#""NEW""#), Ok(value));
        assert!(from_json::<UnknownVariantValue>("1").is_err());
    }
}
