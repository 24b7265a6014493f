//! Where the `idempotencyToken` trait counts.
//!
//! Smithy allows the trait on any structure member that targets a string,
//! but "only top-level structure members of the input of an operation are
//! considered" (Smithy 2.0, behavior traits), and botocore fills only
//! those (`generate_idempotent_uuid` walks the input shape's own members).
//! So the trait is kept on the members of operation inputs and dropped
//! everywhere else, once, here: emitters can then take
//! [`Member::idempotency_token`](super::Member::idempotency_token) at its
//! word (an `Option` field, filled when unset, listed by the operation's
//! `fill_idempotency_tokens`).

use std::collections::BTreeSet;

use super::{Model, ShapeId, ShapeKind};

/// Clears `idempotency_token` on the members of every structure that is
/// not some operation's input. A structure that is an input and also
/// nested elsewhere keeps its tokens in both places (one Rust type).
pub fn scope_idempotency_tokens(model: &mut Model) {
    let inputs: BTreeSet<ShapeId> = model
        .operations
        .values()
        .filter_map(|op| op.input.clone())
        .collect();
    for (id, shape) in &mut model.shapes {
        if inputs.contains(id) {
            continue;
        }
        if let ShapeKind::Structure(s) | ShapeKind::Union(s) = &mut shape.kind {
            for member in &mut s.members {
                member.idempotency_token = false;
            }
        }
    }
}
