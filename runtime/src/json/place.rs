//! Making the values that readers then fill in place, each in a stack
//! frame of its own.
//!
//! A typed read recurses once per level of nesting, and what a level keeps
//! on the stack while the levels under it are read is what bounds the
//! depth a thread can take (see [`MAX_DEPTH`](super::MAX_DEPTH)). So no
//! reader keeps a value of the type it reads in its own frame: structures
//! and unions are filled through `&mut` ([`ReadJson::read_json_into`]),
//! in a slot made here. Each helper is `#[inline(never)]` so that the
//! temporary `T::default()` lives in the helper's frame, which is gone
//! before the slot is read into, rather than in the recursive reader's
//! (debug builds give every temporary of a function its own stack slot,
//! and an inlined one would stay for the whole read in release builds too).

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hash};

use super::ReadJson;

/// Sets `slot` to `T::default()`; returns it, ready to be read into.
#[inline(never)]
pub(crate) fn reset<T: Default>(slot: &mut T) -> &mut T {
    *slot = T::default();
    slot
}

/// Sets `slot` to `Some(T::default())`; returns the value.
#[inline(never)]
pub(crate) fn fresh_some<T: Default>(slot: &mut Option<T>) -> &mut T {
    slot.insert(T::default())
}

/// A new `Box` holding `T::default()`.
#[inline(never)]
pub(crate) fn new_box<T: Default>() -> Box<T> {
    Box::default()
}

/// Pushes `T::default()`; returns it.
#[inline(never)]
pub(crate) fn push_default<T: Default>(items: &mut Vec<T>) -> &mut T {
    let index = items.len();
    items.push(T::default());
    &mut items[index]
}

/// Pushes what a `null` element becomes (nothing, for a dense list).
#[inline(never)]
pub(crate) fn push_null<T: ReadJson>(items: &mut Vec<T>) {
    items.extend(T::from_null());
}

/// Sets `map[key]` to `V::default()` (replacing an earlier value of a
/// duplicate key: the last one wins); returns it.
#[inline(never)]
pub(crate) fn insert_default<K: Eq + Hash, V: Default, S: BuildHasher>(
    map: &mut HashMap<K, V, S>,
    key: K,
) -> &mut V {
    match map.entry(key) {
        Entry::Occupied(mut entry) => {
            entry.insert(V::default());
            entry.into_mut()
        }
        Entry::Vacant(entry) => entry.insert(V::default()),
    }
}

/// Sets `map[key]` to what a `null` value becomes: removed from a dense
/// map, `None` in a sparse one.
#[inline(never)]
pub(crate) fn insert_null<K: Eq + Hash, V: ReadJson, S: BuildHasher>(
    map: &mut HashMap<K, V, S>,
    key: K,
) {
    match V::from_null() {
        Some(value) => map.insert(key, value),
        None => map.remove(&key),
    };
}

/// Sets `slot` to `variant(*value)`, the value read into a box now moved
/// into its union variant.
#[inline(never)]
#[allow(
    clippy::boxed_local,
    reason = "the value was read into the box so that it never sat in a reader's frame"
)]
pub(crate) fn set_variant<T, U>(slot: &mut U, variant: impl FnOnce(T) -> U, value: Box<T>) {
    *slot = variant(*value);
}
