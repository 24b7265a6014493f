//! The Smithy prelude: shapes every model may target without defining
//! them (`smithy.api#String`, `smithy.api#PrimitiveInteger`, …). Only the
//! ones a model targets are added to its shape graph, so a model that uses
//! none gets exactly the shapes it defines.

use serde_json::json;

use crate::ir::{Constraints, Shape, ShapeId, ShapeKind, Structure};

/// `smithy.api#Unit`: "no value", as an operation input or output (none)
/// or a union member (a variant without data).
pub const UNIT: &str = "smithy.api#Unit";

/// The prelude shape `id` is and its default value (the `Primitive*`
/// shapes have one), or `None` if `id` is not a prelude data shape.
pub fn lookup(id: &str) -> Option<(ShapeKind, Option<serde_json::Value>)> {
    let name = id.strip_prefix("smithy.api#")?;
    let zero = Some(json!(0));
    Some(match name {
        "String" => (ShapeKind::String, None),
        "Blob" => (ShapeKind::Blob { streaming: false }, None),
        "BigInteger" => (ShapeKind::BigInteger, None),
        "BigDecimal" => (ShapeKind::BigDecimal, None),
        "Timestamp" => (ShapeKind::Timestamp { format: None }, None),
        "Document" => (ShapeKind::Document, None),
        "Boolean" => (ShapeKind::Boolean, None),
        "PrimitiveBoolean" => (ShapeKind::Boolean, Some(json!(false))),
        "Byte" => (ShapeKind::Byte, None),
        "PrimitiveByte" => (ShapeKind::Byte, zero),
        "Short" => (ShapeKind::Short, None),
        "PrimitiveShort" => (ShapeKind::Short, zero),
        "Integer" => (ShapeKind::Integer, None),
        "PrimitiveInteger" => (ShapeKind::Integer, zero),
        "Long" => (ShapeKind::Long, None),
        "PrimitiveLong" => (ShapeKind::Long, zero),
        "Float" => (ShapeKind::Float, None),
        "PrimitiveFloat" => (ShapeKind::Float, zero),
        "Double" => (ShapeKind::Double, None),
        "PrimitiveDouble" => (ShapeKind::Double, zero),
        "Unit" => (ShapeKind::Structure(Structure::default()), None),
        _ => return None,
    })
}

/// The graph shape of a prelude shape.
pub fn shape(id: &ShapeId) -> Option<Shape> {
    let (kind, _) = lookup(&id.0)?;
    Some(Shape {
        id: id.clone(),
        kind,
        documentation: None,
        deprecated: None,
        sensitive: false,
        constraints: Constraints::default(),
        error: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prelude_shapes() {
        assert_eq!(lookup("smithy.api#String"), Some((ShapeKind::String, None)));
        assert_eq!(
            lookup("smithy.api#PrimitiveInteger"),
            Some((ShapeKind::Integer, Some(json!(0))))
        );
        assert_eq!(lookup("smithy.api#Nope"), None);
        assert_eq!(lookup("example#String"), None);
        assert!(shape(&ShapeId(UNIT.to_owned())).is_some());
    }
}
