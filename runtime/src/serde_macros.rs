//! `Serialize`/`Deserialize` for generated enums and unions, behind the
//! `serde` feature: macros the generated code invokes once per type, and
//! the helpers they call, so that each expansion stays small.
//!
//! Generated structures derive serde's traits instead (the generated crate
//! depends on `serde` with `derive` when its own `serde` feature is on).
//! Enums and unions are written here by hand because their forward
//! compatibility needs it: an unknown enum value or union member must
//! deserialize into the `Unknown` variant and serialize back unchanged,
//! which no derive attribute expresses.
//!
//! The forms are those boto3 takes parameters in: enums as their wire
//! value, unions as an object with exactly one member, keyed by the
//! model's member name.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// `Serialize` and `Deserialize` for a generated string enum that has
/// `as_str()` and `From<&str>`: the wire value as a JSON string; any string
/// deserializes, unknown ones into the `Unknown` variant, so they round-trip.
#[doc(hidden)]
#[macro_export]
macro_rules! impl_serde_string_enum {
    ($name:ident) => {
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::__private::serde_macros::deserialize_string_enum(
                    deserializer,
                    |value: &str| <Self as ::std::convert::From<&str>>::from(value),
                )
            }
        }
    };
}

/// `Serialize` and `Deserialize` for a generated intEnum that has
/// `as_i32()` and `From<i32>`: the wire value as a number; any `i32`
/// deserializes, unknown ones into the `Unknown` variant.
#[doc(hidden)]
#[macro_export]
macro_rules! impl_serde_int_enum {
    ($name:ident) => {
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i32(self.as_i32())
            }
        }
        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                <i32 as $crate::__private::serde::Deserialize<'de>>::deserialize(deserializer)
                    .map(<Self as ::std::convert::From<i32>>::from)
            }
        }
    };
}

/// `Serialize` and `Deserialize` for a generated union: an object with
/// exactly one member, `{"memberName": value}` (externally tagged by the
/// model's member name). A member the union does not know deserializes
/// into the unknown variant (an [`UnknownUnionMember`](crate::UnknownUnionMember)
/// with its value as a [`Document`](crate::Document)) and serializes back
/// unchanged; `{}` is the unset union (`Default`), and more than one
/// member is an error.
///
/// ```text
/// awsgen_runtime::__private::impl_serde_union!(Choice, Unknown, { "text" => Text, "number" => Number });
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! impl_serde_union {
    ($name:ident, $unknown:ident, { $($member:literal => $variant:ident),* $(,)? }) => {
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    $(Self::$variant(value) => {
                        $crate::__private::serde_macros::serialize_union_member(serializer, $member, value)
                    })*
                    Self::$unknown(member) => $crate::__private::serde::Serialize::serialize(member, serializer),
                }
            }
        }
        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                struct UnionVisitor;
                impl<'de> $crate::__private::serde::de::Visitor<'de> for UnionVisitor {
                    type Value = $name;
                    fn expecting(
                        &self,
                        f: &mut ::std::fmt::Formatter<'_>,
                    ) -> ::std::fmt::Result {
                        f.write_str(::std::concat!(
                            "an object with one member of the union ",
                            ::std::stringify!($name)
                        ))
                    }
                    fn visit_map<A: $crate::__private::serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> ::std::result::Result<$name, A::Error> {
                        let ::std::option::Option::Some(member) =
                            map.next_key::<::std::string::String>()?
                        else {
                            return ::std::result::Result::Ok(
                                <$name as ::std::default::Default>::default(),
                            );
                        };
                        let value = match member.as_str() {
                            $($member => $name::$variant(map.next_value()?),)*
                            _ => $name::$unknown($crate::UnknownUnionMember {
                                value: map.next_value()?,
                                name: member,
                            }),
                        };
                        $crate::__private::serde_macros::end_union(map, ::std::stringify!($name))?;
                        ::std::result::Result::Ok(value)
                    }
                }
                deserializer.deserialize_map(UnionVisitor)
            }
        }
    };
}

/// Deserializes a string and maps it with `from` (a string enum's
/// `From<&str>`, which never fails).
pub fn deserialize_string_enum<'de, D, T, F>(deserializer: D, from: F) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    F: FnOnce(&str) -> T,
{
    struct StringVisitor<T, F>(F, PhantomData<T>);

    impl<T, F: FnOnce(&str) -> T> Visitor<'_> for StringVisitor<T, F> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an enum value as a string")
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
            Ok((self.0)(value))
        }
    }

    deserializer.deserialize_str(StringVisitor(from, PhantomData))
}

/// Serializes one union member as `{"name": value}`.
pub fn serialize_union_member<S, T>(serializer: S, name: &str, value: &T) -> Result<S::Ok, S::Error>
where
    S: Serializer,
    T: Serialize + ?Sized,
{
    let mut map = serializer.serialize_map(Some(1))?;
    map.serialize_entry(name, value)?;
    map.end()
}

/// After a union's member: fails if the object has another one.
pub fn end_union<'de, A: MapAccess<'de>>(mut map: A, union: &str) -> Result<(), A::Error> {
    match map.next_key::<String>()? {
        None => Ok(()),
        Some(second) => Err(de::Error::custom(format_args!(
            "the union {union} takes exactly one member, found another: `{second}`"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use crate::{Document, UnknownUnionMember, UnknownVariantValue};

    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    enum Color {
        Red,
        Unknown(UnknownVariantValue),
    }

    impl Color {
        fn as_str(&self) -> &str {
            match self {
                Color::Red => "red",
                Color::Unknown(value) => value.as_str(),
            }
        }
    }

    impl From<&str> for Color {
        fn from(value: &str) -> Self {
            match value {
                "red" => Color::Red,
                other => Color::Unknown(UnknownVariantValue::new(other)),
            }
        }
    }

    crate::impl_serde_string_enum!(Color);

    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    enum Level {
        Low,
        Unknown(i32),
    }

    impl Level {
        fn as_i32(&self) -> i32 {
            match self {
                Level::Low => 1,
                Level::Unknown(value) => *value,
            }
        }
    }

    impl From<i32> for Level {
        fn from(value: i32) -> Self {
            match value {
                1 => Level::Low,
                other => Level::Unknown(other),
            }
        }
    }

    crate::impl_serde_int_enum!(Level);

    #[derive(Clone, Debug, PartialEq)]
    enum Shape {
        Circle(f64),
        Nested(Box<Shape>),
        Paint(Vec<Color>),
        Unknown(UnknownUnionMember),
    }

    impl Default for Shape {
        fn default() -> Self {
            Shape::Unknown(UnknownUnionMember::default())
        }
    }

    crate::impl_serde_union!(Shape, Unknown, {
        "circle" => Circle,
        "nested" => Nested,
        "paint" => Paint,
    });

    fn round_trip<T>(json: &str) -> Result<T, String>
    where
        T: serde::Serialize + for<'de> serde::Deserialize<'de>,
    {
        let value: T = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let back = serde_json::to_string(&value).map_err(|e| e.to_string())?;
        let expected: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let actual: serde_json::Value = serde_json::from_str(&back).map_err(|e| e.to_string())?;
        if expected == actual {
            Ok(value)
        } else {
            Err(format!("{json} came back as {back}"))
        }
    }

    #[test]
    fn string_enums_keep_unknown_values() {
        assert_eq!(round_trip(r#""red""#), Ok(Color::Red));
        assert_eq!(
            round_trip(r#""blue""#),
            Ok(Color::Unknown(UnknownVariantValue::new("blue")))
        );
        // Escaped strings are not borrowed from the input.
        assert_eq!(
            serde_json::from_str::<Color>(r#""r\u0065d""#).ok(),
            Some(Color::Red)
        );
        assert!(serde_json::from_str::<Color>("1").is_err());
        // As map keys.
        let map: Result<std::collections::HashMap<Color, u8>, _> =
            serde_json::from_str(r#"{"red": 1, "green": 2}"#);
        let map = map.map_err(|e| e.to_string());
        assert_eq!(map.as_ref().map(|m| m.get(&Color::Red)), Ok(Some(&1)));
        assert_eq!(
            map.as_ref().map(|m| m.get(&Color::from("green"))),
            Ok(Some(&2))
        );
    }

    #[test]
    fn int_enums_keep_unknown_values() {
        assert_eq!(round_trip("1"), Ok(Level::Low));
        assert_eq!(round_trip("-7"), Ok(Level::Unknown(-7)));
        assert!(serde_json::from_str::<Level>("4294967296").is_err());
        assert!(serde_json::from_str::<Level>(r#""1""#).is_err());
    }

    #[test]
    fn unions_are_keyed_by_member_name() {
        assert_eq!(round_trip(r#"{"circle": 1.5}"#), Ok(Shape::Circle(1.5)));
        assert_eq!(
            round_trip(r#"{"nested": {"paint": ["red", "teal"]}}"#),
            Ok(Shape::Nested(Box::new(Shape::Paint(vec![
                Color::Red,
                Color::from("teal")
            ]))))
        );
        assert_eq!(round_trip("{}"), Ok(Shape::default()));
    }

    #[test]
    fn unknown_union_members_round_trip() {
        let unknown = round_trip::<Shape>(r#"{"square": {"side": 2, "tags": [null]}}"#);
        let Ok(Shape::Unknown(member)) = unknown else {
            panic!("{unknown:?}");
        };
        assert_eq!(member.name, "square");
        assert_eq!(
            member.value.as_object().map(|m| m.contains_key("side")),
            Some(true)
        );
        assert_eq!(
            round_trip::<Shape>(r#"{"": 1}"#),
            Ok(Shape::Unknown(UnknownUnionMember {
                name: String::new(),
                value: Document::from(1_u8),
            }))
        );
    }

    #[test]
    fn union_errors() {
        let error = |json: &str| {
            serde_json::from_str::<Shape>(json)
                .map(|shape| format!("parsed as {shape:?}"))
                .unwrap_or_else(|e| e.to_string())
        };
        assert!(
            error(r#"{"circle": 1, "nested": {}}"#)
                .starts_with("the union Shape takes exactly one member, found another: `nested`"),
            "{}",
            error(r#"{"circle": 1, "nested": {}}"#)
        );
        // A known member with a bad value is an error, never an unknown member.
        assert!(error(r#"{"circle": "big"}"#).starts_with("invalid type: string"));
        assert!(error(r#"["circle", 1]"#).starts_with(
            "invalid type: sequence, expected an object with one member of the union Shape"
        ));
        assert!(error("null").starts_with("invalid type: null"));
    }
}
