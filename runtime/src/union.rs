//! The catch-all member of generated unions.

use crate::Document;

/// A union member this version of the crate does not know: its name and
/// its value as the service sent it, so nothing is lost when AWS adds a
/// member before the crate is regenerated. `Default` (no name) stands for
/// an unset union.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UnknownUnionMember {
    /// The member's name on the wire.
    pub name: String,
    /// The member's value, untyped.
    pub value: Document,
}
