//! Addressing the nodes of a JSON document by path, shared by the model
//! fuzzers so each mutation can pick any node of a seed model.

use serde_json::Value;

/// One step into a JSON document.
#[derive(Debug, Clone, PartialEq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// Every node of `value` by its path, the root first, in document order.
pub fn paths(value: &Value) -> Vec<Vec<Seg>> {
    fn walk(value: &Value, path: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
        out.push(path.clone());
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    path.push(Seg::Key(k.clone()));
                    walk(v, path, out);
                    path.pop();
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    path.push(Seg::Index(i));
                    walk(v, path, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, &mut Vec::new(), &mut out);
    out
}

pub fn node_mut<'a>(value: &'a mut Value, path: &[Seg]) -> Option<&'a mut Value> {
    path.iter().try_fold(value, |node, seg| match seg {
        Seg::Key(k) => node.as_object_mut()?.get_mut(k),
        Seg::Index(i) => node.as_array_mut()?.get_mut(*i),
    })
}

pub fn node<'a>(value: &'a Value, path: &[Seg]) -> Option<&'a Value> {
    path.iter().try_fold(value, |node, seg| match seg {
        Seg::Key(k) => node.as_object()?.get(k),
        Seg::Index(i) => node.as_array()?.get(*i),
    })
}

/// The paths that satisfy `keep`, picked by `at` modulo their number.
pub fn pick(value: &Value, at: usize, keep: impl Fn(&[Seg], &Value) -> bool) -> Option<Vec<Seg>> {
    let candidates: Vec<Vec<Seg>> = paths(value)
        .into_iter()
        .filter(|p| node(value, p).is_some_and(|n| keep(p, n)))
        .collect();
    (!candidates.is_empty()).then(|| candidates[at % candidates.len()].clone())
}

/// Whether the path ends at the object key `key`.
pub fn ends_with_key(path: &[Seg], key: &str) -> bool {
    matches!(path.last(), Some(Seg::Key(k)) if k == key)
}
