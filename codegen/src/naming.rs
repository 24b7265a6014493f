//! The one place that decides every Rust identifier in generated code.
//!
//! Emitters never invent names: they ask [`Names`]. Rules:
//! - types are UpperCamelCase; a shape whose name is taken by something the
//!   generated code uses unqualified (`String`, `Option`, `Result`, `Box`,
//!   `Vec`, `Error`, `Client`, runtime types, …) gets the suffix `Shape`;
//! - fields are snake_case; Rust keywords become raw identifiers
//!   (`r#type`), and `self`, `Self`, `super`, `crate` take a trailing `_`;
//! - enum variants are UpperCamelCase of the value; a value that would be
//!   `Unknown` (the forward-compatibility variant) or `Self` gets the
//!   suffix `Value`, an empty value is `Empty`, a leading digit gets `V`;
//! - names that collide after case conversion keep model order: the first
//!   keeps the name, later ones get `2`, `3`, … until unique.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

use crate::ir::{Model, ShapeId, ShapeKind};

/// Names generated code uses unqualified in type position; model shapes
/// may not take them.
const RESERVED_TYPE_NAMES: &[&str] = &[
    // Rust prelude types, traits and variants.
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "ToString",
    "ToOwned",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Unpin",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "Default",
    "Eq",
    "PartialEq",
    "Ord",
    "PartialOrd",
    "Iterator",
    "IntoIterator",
    "Extend",
    "From",
    "Into",
    "TryFrom",
    "TryInto",
    "AsRef",
    "AsMut",
    "DoubleEndedIterator",
    "ExactSizeIterator",
    // The one keyword that is UpperCamelCase: `struct Self` is not Rust.
    "Self",
    // Names the generated code imports or defines itself.
    "HashMap",
    "Debug",
    "Display",
    "Formatter",
    "Hash",
    "DateTime",
    "Blob",
    "Document",
    "BigInteger",
    "BigDecimal",
    "UnknownVariantValue",
    "UnknownUnionMember",
    "Redacted",
    "Error",
    "Client",
    "Config",
    "Operation",
    "Unhandled",
];

/// Rust keywords (strict and reserved, all editions).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// The field of every operation output and modeled error structure that
/// holds the response's status and request id
/// (`awsgen_runtime::ResponseMetadata`). Reserved in every structure, so a
/// model member of that name is numbered (`response_metadata2`).
pub const RESPONSE_METADATA_FIELD: &str = "response_metadata";

/// The identifier every model element gets.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Names {
    types: BTreeMap<ShapeId, String>,
    fields: BTreeMap<(ShapeId, String), String>,
    variants: BTreeMap<(ShapeId, String), String>,
    operations: BTreeMap<String, String>,
    /// The variant name of a union's or enum's catch-all for unknown values.
    unknown_variant: String,
}

impl Names {
    /// Names every shape that needs a Rust type, every member and every
    /// enum value of `model`.
    pub fn assign(model: &Model) -> Names {
        let mut names = Names {
            unknown_variant: "Unknown".to_owned(),
            ..Names::default()
        };
        let mut taken: BTreeSet<String> =
            RESERVED_TYPE_NAMES.iter().map(|s| s.to_string()).collect();
        // Only shapes an operation reaches get names, so an unused shape
        // added to a model can never rename a used one.
        let reachable = model.reachable_shapes();
        for (id, shape) in model
            .shapes
            .iter()
            .filter(|(id, _)| reachable.contains(*id))
        {
            if !needs_type(&shape.kind) {
                continue;
            }
            let mut base = upper_camel(id.name());
            if base.is_empty() {
                base = "Shape".to_owned();
            } else if base.starts_with(|c: char| c.is_ascii_digit()) {
                base = format!("Shape{base}");
            }
            if RESERVED_TYPE_NAMES.contains(&base.as_str()) {
                base.push_str("Shape");
            }
            let name = unique(base, &mut taken);
            names.types.insert(id.clone(), name);

            match &shape.kind {
                ShapeKind::Structure(s) | ShapeKind::Union(s) => {
                    let is_union = matches!(shape.kind, ShapeKind::Union(_));
                    // Outputs and errors have a field of their own for the
                    // response's metadata; no member may take its name.
                    let mut taken_fields = BTreeSet::from([RESPONSE_METADATA_FIELD.to_owned()]);
                    let mut taken_variants = BTreeSet::from(["Unknown".to_owned()]);
                    for m in &s.members {
                        let key = (id.clone(), m.name.clone());
                        if is_union {
                            let variant = unique(variant_base(&m.name), &mut taken_variants);
                            names.variants.insert(key, variant);
                        } else {
                            let field = unique(field_base(&m.name), &mut taken_fields);
                            names.fields.insert(key, field);
                        }
                    }
                }
                ShapeKind::Enum(values) => {
                    let mut taken_variants = BTreeSet::from(["Unknown".to_owned()]);
                    for v in values {
                        let variant = unique(variant_base(&v.name), &mut taken_variants);
                        names.variants.insert((id.clone(), v.name.clone()), variant);
                    }
                }
                ShapeKind::IntEnum(values) => {
                    let mut taken_variants = BTreeSet::from(["Unknown".to_owned()]);
                    for v in values {
                        let variant = unique(variant_base(&v.name), &mut taken_variants);
                        names.variants.insert((id.clone(), v.name.clone()), variant);
                    }
                }
                _ => {}
            }
        }
        let mut taken_ops: BTreeSet<String> =
            RESERVED_TYPE_NAMES.iter().map(|s| s.to_string()).collect();
        for name in model.operations.keys() {
            let mut base = upper_camel(name);
            if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
                base = format!("Operation{base}");
            }
            if RESERVED_TYPE_NAMES.contains(&base.as_str()) {
                base.push_str("Operation");
            }
            names
                .operations
                .insert(name.clone(), unique(base, &mut taken_ops));
        }
        names
    }

    /// The Rust type name of a structure, union or enum shape.
    pub fn type_name(&self, id: &ShapeId) -> Option<&str> {
        self.types.get(id).map(String::as_str)
    }

    /// The field name of a structure member.
    pub fn field_name(&self, shape: &ShapeId, member: &str) -> Option<&str> {
        self.fields
            .get(&(shape.clone(), member.to_owned()))
            .map(String::as_str)
    }

    /// The variant name of a union member or enum value (by its model name).
    pub fn variant_name(&self, shape: &ShapeId, member_or_value: &str) -> Option<&str> {
        self.variants
            .get(&(shape.clone(), member_or_value.to_owned()))
            .map(String::as_str)
    }

    /// The catch-all variant of enums and unions.
    pub fn unknown_variant(&self) -> &str {
        &self.unknown_variant
    }

    /// The marker type of an operation (`CreateJob`).
    pub fn operation_name(&self, op: &str) -> Option<&str> {
        self.operations.get(op).map(String::as_str)
    }

    /// The error enum of an operation (`CreateJobError`).
    pub fn operation_error_name(&self, op: &str) -> Option<String> {
        self.operation_name(op).map(|n| format!("{n}Error"))
    }

    /// Every assigned type name, for collision checks.
    pub fn all_type_names(&self) -> impl Iterator<Item = (&ShapeId, &str)> {
        self.types.iter().map(|(id, n)| (id, n.as_str()))
    }
}

/// Whether a shape becomes a Rust type of its own (others map to `String`,
/// `Vec`, `HashMap`, numbers or runtime types).
pub fn needs_type(kind: &ShapeKind) -> bool {
    matches!(
        kind,
        ShapeKind::Structure(_) | ShapeKind::Union(_) | ShapeKind::Enum(_) | ShapeKind::IntEnum(_)
    )
}

/// The module name of a service (`iot-jobs-data` → `iot_jobs_data`).
pub fn module_name(model_name: &str) -> String {
    field_base(model_name)
}

/// The cargo feature of a service: its botocore folder name, lower-case.
pub fn feature_name(model_name: &str) -> String {
    model_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// Module names the generated crate's root already uses: the runtime's
/// re-export and its crate name, and `lib` (whose folder `src/lib/` would
/// clash with `src/lib.rs`).
const RESERVED_MODULES: &[&str] = &["runtime", "awsgen_runtime", "lib"];

/// Cargo feature names the generated `Cargo.toml` already has (`default`,
/// `serde`) or may not have (a dependency's name: `http`, `awsgen-runtime`).
const RESERVED_FEATURES: &[&str] = &["default", "serde", "http", "awsgen-runtime"];

/// The module and cargo feature of a service, from its model folder name:
/// [`module_name`] and [`feature_name`], except that a name the crate
/// already uses for something else (see `RESERVED_MODULES` and
/// `RESERVED_FEATURES`) gets the suffix `_service` (`-service`) in both, so
/// they stay alike: a folder `serde` gives the module `serde_service` and
/// the feature `serde-service`.
pub fn service_names(model_name: &str) -> (String, String) {
    let module = module_name(model_name);
    let feature = feature_name(model_name);
    if RESERVED_MODULES.contains(&module.as_str()) || RESERVED_FEATURES.contains(&feature.as_str())
    {
        (
            format!("{}_service", module.trim_start_matches("r#")),
            format!("{feature}-service"),
        )
    } else {
        (module, feature)
    }
}

/// An identifier token for a name decided here (raw where needed).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

fn upper_camel(name: &str) -> String {
    words(name).to_upper_camel_case()
}

/// A snake_case function name for `name` (`CreateJob` → `create_job`),
/// made a valid identifier the way field names are (`super` → `super_`).
pub fn function_name(name: &str) -> String {
    field_base(name)
}

fn field_base(name: &str) -> String {
    let mut snake = words(name).to_snake_case();
    if snake.is_empty() {
        snake = "field".to_owned();
    } else if snake.starts_with(|c: char| c.is_ascii_digit()) {
        snake = format!("n{snake}");
    }
    if NOT_RAW.contains(&snake.as_str()) {
        snake.push('_');
    } else if KEYWORDS.contains(&snake.as_str()) {
        snake = format!("r#{snake}");
    }
    snake
}

fn variant_base(value: &str) -> String {
    let mut camel = upper_camel(value);
    if camel.is_empty() {
        camel = "Empty".to_owned();
    } else if camel.starts_with(|c: char| c.is_ascii_digit()) {
        camel = format!("V{camel}");
    }
    if camel == "Unknown" || camel == "Self" {
        camel.push_str("Value");
    }
    camel
}

/// The name with word breaks made explicit for heck: non-alphanumerics
/// become spaces, and a version suffix after an acronym starts a word
/// (`DynamoDBv2` → `DynamoDB v2`, so `dynamo_db_v2`, not `dynamo_d_bv2`).
fn words(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            out.push(' ');
            continue;
        }
        let after_acronym = i > 0 && chars[i - 1].is_ascii_uppercase();
        let version = c == 'v' && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if after_acronym && version {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// [`unique`] for generators outside this module (the endpoint resolvers'
/// fields and variables), so collisions are numbered the same way.
pub(crate) fn unique_field(base: String, taken: &mut BTreeSet<String>) -> String {
    unique(base, taken)
}

/// Returns `base`, or `base2`, `base3`, … whichever is free, and takes it.
fn unique(base: String, taken: &mut BTreeSet<String>) -> String {
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = match base.strip_prefix("r#") {
            Some(raw) => format!("{raw}{n}"),
            None if base.ends_with(|c: char| c.is_ascii_digit()) => format!("{base}_{n}"),
            None => format!("{base}{n}"),
        };
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use super::function_name;

    #[test]
    fn function_names_are_valid_identifiers() {
        assert_eq!(function_name("CreateJob"), "create_job");
        assert_eq!(function_name("Super"), "super_");
        assert_eq!(function_name("Match"), "r#match");
        assert_eq!(
            function_name("read_DescribeJobResponse"),
            "read_describe_job_response"
        );
    }

    use super::*;

    #[test]
    fn fields_escape_keywords() {
        assert_eq!(field_base("type"), "r#type");
        assert_eq!(field_base("Match"), "r#match");
        assert_eq!(field_base("self"), "self_");
        assert_eq!(field_base("Self"), "self_");
        assert_eq!(field_base("crate"), "crate_");
        assert_eq!(field_base("thingName"), "thing_name");
        assert_eq!(field_base("2fa"), "n2fa");
        assert_eq!(field_base(""), "field");
    }

    #[test]
    fn version_suffixes_after_acronyms() {
        assert_eq!(field_base("dynamoDBv2"), "dynamo_db_v2");
        assert_eq!(upper_camel("DynamoDBv2Action"), "DynamoDbV2Action");
        assert_eq!(field_base("ipv6Address"), "ipv6_address");
        assert_eq!(field_base("IPv6Address"), "ip_v6_address");
    }

    #[test]
    fn variants_of_odd_values() {
        assert_eq!(variant_base("public-read"), "PublicRead");
        assert_eq!(variant_base("AWS-IoT"), "AwsIoT");
        assert_eq!(variant_base("1"), "V1");
        assert_eq!(variant_base("Unknown"), "UnknownValue");
        assert_eq!(variant_base(""), "Empty");
        assert_eq!(variant_base("Self"), "SelfValue");
        assert_eq!(variant_base("IN_PROGRESS"), "InProgress");
    }

    #[test]
    fn collisions_get_numbered_in_order() {
        let mut taken = BTreeSet::new();
        assert_eq!(unique(field_base("fooBar"), &mut taken), "foo_bar");
        assert_eq!(unique(field_base("FooBar"), &mut taken), "foo_bar2");
        assert_eq!(unique(field_base("foo_bar"), &mut taken), "foo_bar3");
        let mut taken = BTreeSet::new();
        assert_eq!(unique(field_base("type"), &mut taken), "r#type");
        assert_eq!(unique(field_base("Type"), &mut taken), "type2");
        let mut taken = BTreeSet::new();
        assert_eq!(unique("V1".into(), &mut taken), "V1");
        assert_eq!(unique("V1".into(), &mut taken), "V1_2");
    }

    #[test]
    fn idents_are_valid() {
        assert_eq!(ident("r#type").to_string(), "r#type");
        assert_eq!(ident("self_").to_string(), "self_");
    }

    #[test]
    fn module_and_feature_names() {
        assert_eq!(module_name("iot-jobs-data"), "iot_jobs_data");
        assert_eq!(feature_name("iot-jobs-data"), "iot-jobs-data");
        assert_eq!(module_name("type"), "r#type");
    }

    #[test]
    fn service_names_avoid_what_the_crate_root_uses() {
        let names = |model: &str| {
            let (module, feature) = service_names(model);
            format!("{module} {feature}")
        };
        assert_eq!(names("iot-jobs-data"), "iot_jobs_data iot-jobs-data");
        assert_eq!(names("serde"), "serde_service serde-service");
        assert_eq!(names("default"), "default_service default-service");
        assert_eq!(names("http"), "http_service http-service");
        assert_eq!(names("runtime"), "runtime_service runtime-service");
        assert_eq!(
            names("awsgen-runtime"),
            "awsgen_runtime_service awsgen-runtime-service"
        );
        assert_eq!(names("lib"), "lib_service lib-service");
        assert_eq!(names("type"), "r#type type");
    }
}
