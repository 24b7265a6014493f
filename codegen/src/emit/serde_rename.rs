//! The serde names of a structure's fields under the `serde` feature: a
//! struct-level `rename_all` rule covering most fields, and a per-field
//! `rename` only where the rule does not give the model's member name.
//!
//! serde's `rename_all` turns the field's identifier (without `r#`) into a
//! name by its own algorithm; [`RenameRule::apply`] repeats that algorithm
//! exactly (serde_derive's `RenameRule::apply_to_field`), so a field is
//! left without attribute only when serde itself will give it the model's
//! name.

/// A struct-level `serde(rename_all = …)` rule, or none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum RenameRule {
    /// No `rename_all`: a field's serde name is its identifier.
    None,
    /// `rename_all = "camelCase"` (`certificate_arn` → `certificateArn`).
    CamelCase,
    /// `rename_all = "PascalCase"` (`certificate_arn` → `CertificateArn`).
    PascalCase,
}

impl RenameRule {
    /// The rules tried, in order of preference on a tie.
    const ALL: [RenameRule; 3] = [
        RenameRule::None,
        RenameRule::CamelCase,
        RenameRule::PascalCase,
    ];

    /// The `rename_all` value, `None` for no attribute.
    pub(super) fn attr_value(self) -> Option<&'static str> {
        match self {
            RenameRule::None => None,
            RenameRule::CamelCase => Some("camelCase"),
            RenameRule::PascalCase => Some("PascalCase"),
        }
    }

    /// The serde name of a field under this rule, as serde_derive computes
    /// it: PascalCase upper-cases the first character and each one after an
    /// `_` (dropping the `_`s) and keeps the others; camelCase then
    /// lower-cases the first character.
    pub(super) fn apply(self, field: &str) -> String {
        let field = field.trim_start_matches("r#");
        match self {
            RenameRule::None => field.to_owned(),
            RenameRule::PascalCase => {
                let mut pascal = String::with_capacity(field.len());
                let mut capitalize = true;
                for ch in field.chars() {
                    if ch == '_' {
                        capitalize = true;
                    } else if capitalize {
                        pascal.push(ch.to_ascii_uppercase());
                        capitalize = false;
                    } else {
                        pascal.push(ch);
                    }
                }
                pascal
            }
            RenameRule::CamelCase => {
                let mut camel = RenameRule::PascalCase.apply(field);
                if let Some(first) = camel.get_mut(..1) {
                    first.make_ascii_lowercase();
                }
                camel
            }
        }
    }

    /// The rule that leaves the fewest fields needing their own `rename`,
    /// given each field's identifier and model member name; no rule on a
    /// tie with it. serde_derive slices the first byte in camelCase, so a
    /// rule is only chosen for ASCII identifiers (naming gives those; this
    /// keeps a future non-ASCII one from panicking in serde's derive).
    pub(super) fn choose<'a>(fields: impl Iterator<Item = (&'a str, &'a str)> + Clone) -> Self {
        let ascii = fields.clone().all(|(field, _)| field.is_ascii());
        let renames = |rule: RenameRule| {
            fields
                .clone()
                .filter(|(field, member)| rule.apply(field) != *member)
                .count()
        };
        let mut best = (RenameRule::None, renames(RenameRule::None));
        if !ascii {
            return best.0;
        }
        for rule in RenameRule::ALL {
            let count = renames(rule);
            if count < best.1 {
                best = (rule, count);
            }
        }
        best.0
    }
}

#[cfg(test)]
mod tests {
    use super::RenameRule;

    #[test]
    fn applies_serdes_algorithm() {
        assert_eq!(
            RenameRule::CamelCase.apply("certificate_arn"),
            "certificateArn"
        );
        assert_eq!(
            RenameRule::CamelCase.apply("ca_certificate_id"),
            "caCertificateId"
        );
        assert_eq!(
            RenameRule::CamelCase.apply("s3_destination"),
            "s3Destination"
        );
        assert_eq!(RenameRule::CamelCase.apply("r#type"), "type");
        assert_eq!(RenameRule::PascalCase.apply("r#type"), "Type");
        assert_eq!(RenameRule::PascalCase.apply("job_id"), "JobId");
        // `_` runs and a leading `_` vanish, as in serde.
        assert_eq!(RenameRule::PascalCase.apply("_a__b"), "AB");
        assert_eq!(RenameRule::CamelCase.apply("_a__b"), "aB");
        assert_eq!(RenameRule::None.apply("r#match"), "match");
        assert_eq!(RenameRule::CamelCase.apply(""), "");
    }

    #[test]
    fn chooses_the_rule_with_fewest_renames() {
        let camel = [
            ("certificate_arn", "certificateArn"),
            ("status", "status"),
            ("s3_key", "s3Key"),
            ("ca_id", "CAId"),
        ];
        assert_eq!(RenameRule::choose(camel.into_iter()), RenameRule::CamelCase);
        let pascal = [("job_id", "JobId"), ("name", "Name")];
        assert_eq!(
            RenameRule::choose(pascal.into_iter()),
            RenameRule::PascalCase
        );
        // One-word lower-case members are the same under every rule but
        // PascalCase: no attribute needed.
        let plain = [("status", "status"), ("name", "name")];
        assert_eq!(RenameRule::choose(plain.into_iter()), RenameRule::None);
        assert_eq!(RenameRule::choose([].into_iter()), RenameRule::None);
        let non_ascii = [("caf\u{e9}_id", "caf\u{e9}Id")];
        assert_eq!(RenameRule::choose(non_ascii.into_iter()), RenameRule::None);
    }
}
