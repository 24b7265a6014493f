//! Decides which members need a `Box` to break recursive types.
//!
//! Rust types cannot contain themselves by value. Lists and maps already
//! give indirection (`Vec`, `HashMap`), so only cycles made of direct
//! structure/union members matter. The rule (after smithy-rs) is
//! deterministic: repeat until no unboxed cycle remains; in the first cycle
//! found, box the member that leaves the shape with the smallest id.

use std::collections::BTreeMap;

use super::{Model, ShapeId, ShapeKind};

/// Sets `Member::boxed` on the members that break every recursive cycle.
pub fn assign_boxing(model: &mut Model) {
    while let Some((shape, member)) = find_member_to_box(model) {
        if let Some(ShapeKind::Structure(s) | ShapeKind::Union(s)) =
            model.shapes.get_mut(&shape).map(|s| &mut s.kind)
        {
            s.members[member].boxed = true;
        }
    }
}

/// A direct edge: `(shape, member index) -> target`.
type Edges = BTreeMap<ShapeId, Vec<(usize, ShapeId)>>;

fn direct_edges(model: &Model) -> Edges {
    let mut edges = Edges::new();
    for (id, shape) in &model.shapes {
        if let ShapeKind::Structure(s) | ShapeKind::Union(s) = &shape.kind {
            let out = s
                .members
                .iter()
                .enumerate()
                .filter(|(_, m)| !m.boxed)
                .filter(|(_, m)| {
                    matches!(
                        model.shapes.get(&m.target).map(|t| &t.kind),
                        Some(ShapeKind::Structure(_) | ShapeKind::Union(_))
                    )
                })
                .map(|(i, m)| (i, m.target.clone()))
                .collect();
            edges.insert(id.clone(), out);
        }
    }
    edges
}

fn find_member_to_box(model: &Model) -> Option<(ShapeId, usize)> {
    let edges = direct_edges(model);
    let mut state: BTreeMap<&ShapeId, Visit> = BTreeMap::new();
    for start in edges.keys() {
        let mut path = Vec::new();
        if let Some(cycle) = dfs(start, &edges, &mut state, &mut path) {
            return cycle.into_iter().min();
        }
    }
    None
}

#[derive(Clone, Copy, PartialEq)]
enum Visit {
    InProgress,
    Done,
}

/// Depth-first search; returns the edges of the first cycle found.
fn dfs<'a>(
    node: &'a ShapeId,
    edges: &'a Edges,
    state: &mut BTreeMap<&'a ShapeId, Visit>,
    path: &mut Vec<(ShapeId, usize, &'a ShapeId)>,
) -> Option<Vec<(ShapeId, usize)>> {
    match state.get(node) {
        Some(Visit::Done) => return None,
        Some(Visit::InProgress) => {
            let start = path.iter().position(|(from, _, _)| from == node)?;
            return Some(
                path[start..]
                    .iter()
                    .map(|(from, member, _)| (from.clone(), *member))
                    .collect(),
            );
        }
        None => {}
    }
    state.insert(node, Visit::InProgress);
    for (member, target) in edges.get(node).into_iter().flatten() {
        path.push((node.clone(), *member, target));
        if let Some(cycle) = dfs(target, edges, state, path) {
            return Some(cycle);
        }
        path.pop();
    }
    state.insert(node, Visit::Done);
    None
}
