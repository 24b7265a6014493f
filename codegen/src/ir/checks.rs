//! What validation before sending checks, decided once for naming and the
//! `validate.rs` emitter alike: botocore's `ParamValidator` rules (see
//! `awsgen_runtime::validate`): required members that can be missing, the
//! `min` of string and list lengths and of numbers (a host label's implicit
//! `min` of 1), and that unions are set. Not `max`, map or blob lengths, or
//! patterns, which botocore leaves to the service.

use std::collections::BTreeSet;

use super::{Member, Model, ShapeId, ShapeKind};

impl Model {
    /// The structures and unions reachable from operation inputs that have
    /// something to check, themselves or in what they contain (each gets a
    /// validation function). A fixed point, so recursive shapes are decided
    /// like any other.
    pub fn validated_shapes(&self) -> BTreeSet<ShapeId> {
        let from_inputs = self.input_shapes();
        let mut checked = BTreeSet::new();
        loop {
            let before = checked.len();
            for id in &from_inputs {
                if checked.contains(id) {
                    continue;
                }
                let has_checks = match self.shape(id).map(|s| &s.kind) {
                    Some(ShapeKind::Union(_)) => true,
                    Some(ShapeKind::Structure(s)) => s
                        .members
                        .iter()
                        .any(|m| self.member_has_checks(m, &checked)),
                    _ => false,
                };
                if has_checks {
                    checked.insert(id.clone());
                }
            }
            if checked.len() == before {
                return checked;
            }
        }
    }

    /// Whether a member of a structure or union has something to check,
    /// given the structures and unions known to have checks.
    pub fn member_has_checks(&self, member: &Member, checked: &BTreeSet<ShapeId>) -> bool {
        self.is_supported(&member.target)
            && (self.presence_checked(member)
                || self.value_has_checks(&member.target, member.host_label, checked, 0))
    }

    /// Whether a member's presence is checked: required, and an `Option`
    /// all the same (boxed). Plain fields are always present; idempotency
    /// tokens are filled before validation.
    pub fn presence_checked(&self, member: &Member) -> bool {
        member.required && !member.is_plain_field() && !member.idempotency_token
    }

    /// Whether a value of shape `id` has something to check.
    pub fn value_has_checks(
        &self,
        id: &ShapeId,
        host_label: bool,
        checked: &BTreeSet<ShapeId>,
        depth: usize,
    ) -> bool {
        // Validation rules out list/map cycles; the bound keeps a bad graph
        // from overflowing the stack all the same.
        let Some(shape) = self.shape(id).filter(|_| depth <= 64) else {
            return false;
        };
        match &shape.kind {
            ShapeKind::String | ShapeKind::Enum(_) => self.min_length(id, host_label) > 0,
            ShapeKind::List(l) => {
                self.min_length(id, false) > 0
                    || self.value_has_checks(&l.member, false, checked, depth + 1)
            }
            ShapeKind::Map(m) => {
                self.value_has_checks(&m.key, false, checked, depth + 1)
                    || self.value_has_checks(&m.value, false, checked, depth + 1)
            }
            ShapeKind::Structure(_) | ShapeKind::Union(_) => checked.contains(id),
            ShapeKind::Byte
            | ShapeKind::Short
            | ShapeKind::Integer
            | ShapeKind::Long
            | ShapeKind::IntEnum(_)
            | ShapeKind::Float
            | ShapeKind::Double => self.min_value(id).is_some(),
            _ => false,
        }
    }

    /// The least length of a string, enum or list (0: nothing to check):
    /// the model's `min`, or 1 for a host label without one (botocore).
    pub fn min_length(&self, id: &ShapeId, host_label: bool) -> u64 {
        let min = self
            .shape(id)
            .and_then(|s| s.constraints.length.as_ref())
            .and_then(|b| b.min.as_ref());
        match min {
            Some(min) => min
                .as_u64()
                .or_else(|| min.as_f64().map(|f| f.max(0.0).ceil() as u64))
                .unwrap_or(0),
            None if host_label => 1,
            None => 0,
        }
    }

    /// The least value of a number, as the model writes it.
    pub fn min_value(&self, id: &ShapeId) -> Option<&serde_json::Number> {
        self.shape(id)?.constraints.range.as_ref()?.min.as_ref()
    }

    /// Every structure, union, list and map an operation input reaches
    /// (inputs included), in id order.
    fn input_shapes(&self) -> BTreeSet<ShapeId> {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<ShapeId> = self
            .operations
            .values()
            .filter_map(|op| op.input.clone())
            .collect();
        while let Some(id) = stack.pop() {
            if !seen.insert(id.clone()) {
                continue;
            }
            if let Some(shape) = self.shapes.get(&id) {
                stack.extend(shape.kind.targets().cloned());
            }
        }
        seen
    }
}

#[cfg(test)]
mod tests {
    const MODEL: &str = r#"{
      "metadata": {"protocol": "rest-json", "serviceId": "V", "serviceFullName": "V", "apiVersion": "1", "endpointPrefix": "v"},
      "operations": {
        "Op": {"name": "Op", "http": {"method": "POST", "requestUri": "/"}, "input": {"shape": "In"}, "output": {"shape": "Out"}},
        "Plain": {"name": "Plain", "http": {"method": "POST", "requestUri": "/p"}, "input": {"shape": "Loose"}}
      },
      "shapes": {
        "In": {"type": "structure", "members": {
          "Name": {"shape": "Name"},
          "Nested": {"shape": "Nested"},
          "Tags": {"shape": "Tags"}
        }},
        "Nested": {"type": "structure", "members": {"Count": {"shape": "Count"}, "Free": {"shape": "Free"}}},
        "Tags": {"type": "list", "member": {"shape": "Name"}},
        "Loose": {"type": "structure", "members": {"Free": {"shape": "Free"}, "Big": {"shape": "Big"}}},
        "Out": {"type": "structure", "members": {"Name": {"shape": "Name"}}},
        "Name": {"type": "string", "min": 1, "max": 5},
        "Free": {"type": "string", "max": 5},
        "Big": {"type": "map", "key": {"shape": "Free"}, "value": {"shape": "Free"}},
        "Count": {"type": "integer", "min": 0}
      }
    }"#;

    #[test]
    fn only_shapes_with_a_min_or_a_missing_member_are_checked() {
        let loaded = match crate::model::load_str("checks.json", MODEL) {
            Ok(loaded) => loaded,
            Err(e) => panic!("{e}"),
        };
        let checked: Vec<String> = loaded
            .model
            .validated_shapes()
            .into_iter()
            .map(|id| id.0)
            .collect();
        // `Loose` has only `max`s, which botocore does not check; `Out` is
        // no input.
        assert_eq!(checked, ["In", "Nested"]);
    }
}
