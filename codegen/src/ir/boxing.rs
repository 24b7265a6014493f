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
///
/// Equivalent to repeating a fresh depth-first search over the structures
/// in id order and boxing the smallest member of the first cycle it finds,
/// until none is left; but done in one iterative search, so that deep or
/// adversarial models neither overflow the stack nor take quadratic time.
/// After boxing a member, the search resumes at the shape the member leaves,
/// which is where a fresh search would get to first: a fresh search takes
/// the same path up to there, and the shapes it has finished stay finished
/// (everything a finished shape reaches is finished too, so boxing a member
/// on a cycle, which runs through shapes in progress, changes nothing they
/// reach).
pub fn assign_boxing(model: &mut Model) {
    let mut graph = Graph::new(model);
    let n = graph.ids.len();
    let mut finished = vec![false; n];
    let mut in_progress = vec![false; n];
    // The current chain of shapes, each with the index of its next edge;
    // `path[k]` is the member taken from `frames[k]` to `frames[k + 1]`
    // (or, for the last frame, the member being looked at).
    let mut frames: Vec<(usize, usize)> = Vec::new();
    let mut path: Vec<usize> = Vec::new();
    for start in 0..n {
        if finished[start] {
            continue;
        }
        in_progress[start] = true;
        frames.push((start, 0));
        while let Some(&mut (node, ref mut next)) = frames.last_mut() {
            let Some(&(member, target)) = graph.edges[node].get(*next) else {
                in_progress[node] = false;
                finished[node] = true;
                frames.pop();
                path.pop();
                continue;
            };
            *next += 1;
            if finished[target] {
                continue;
            }
            path.push(member);
            if !in_progress[target] {
                in_progress[target] = true;
                frames.push((target, 0));
                continue;
            }
            // A cycle: the edges from `target`'s frame to here.
            let Some(from) = frames.iter().position(|&(shape, _)| shape == target) else {
                path.pop();
                continue;
            };
            let Some(cut) = (from..frames.len()).min_by_key(|&k| (frames[k].0, path[k])) else {
                path.pop();
                continue;
            };
            let (shape, member) = (frames[cut].0, path[cut]);
            graph.edges[shape].retain(|&(m, _)| m != member);
            if let Some(ShapeKind::Structure(s) | ShapeKind::Union(s)) =
                model.shapes.get_mut(&graph.ids[shape]).map(|s| &mut s.kind)
            {
                s.members[member].boxed = true;
            }
            // Resume at `shape`, on the edge after the removed one.
            for &(dropped, _) in &frames[cut + 1..] {
                in_progress[dropped] = false;
            }
            frames.truncate(cut + 1);
            path.truncate(cut);
            if let Some((_, next)) = frames.last_mut() {
                *next -= 1;
            }
        }
    }
}

/// Structures and unions by index (in id order), with their direct
/// (unboxed, by-value) edges `(member index, target)` to other structures
/// and unions. Lists and maps already give indirection.
struct Graph {
    ids: Vec<ShapeId>,
    edges: Vec<Vec<(usize, usize)>>,
}

impl Graph {
    fn new(model: &Model) -> Graph {
        let ids: Vec<ShapeId> = model
            .shapes
            .iter()
            .filter(|(_, shape)| {
                matches!(shape.kind, ShapeKind::Structure(_) | ShapeKind::Union(_))
            })
            .map(|(id, _)| id.clone())
            .collect();
        let index: BTreeMap<&ShapeId, usize> =
            ids.iter().enumerate().map(|(i, id)| (id, i)).collect();
        let edges = ids
            .iter()
            .map(|id| match model.shapes.get(id).map(|s| &s.kind) {
                Some(ShapeKind::Structure(s) | ShapeKind::Union(s)) => s
                    .members
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| !m.boxed)
                    .filter_map(|(i, m)| index.get(&m.target).map(|&t| (i, t)))
                    .collect(),
                _ => Vec::new(),
            })
            .collect();
        Graph { ids, edges }
    }
}
