//! Front-ends: read a model file and lower it into the shape graph.

pub mod botocore;
pub mod smithy;

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{json_pointer, Locator, ModelError};
use crate::ir::Model;

/// Which format a model file is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// botocore `service-2.json`.
    Botocore,
    /// Smithy JSON AST (`"smithy": "2.0"`).
    Smithy,
}

/// A lowered model and where its parts came from.
pub struct Loaded {
    pub model: Model,
    pub locator: Box<dyn Locator>,
}

/// Reads `path` (and the files its format keeps beside it: botocore's
/// endpoint rule set), detects its format, lowers it and validates the
/// graph.
pub fn load(path: &Path) -> Result<Loaded, ModelError> {
    let file = path.display().to_string();
    let json = std::fs::read_to_string(path)
        .map_err(|e| ModelError::new(&file, "", format!("cannot read the model: {e}")))?;
    let mut parsed = parse(&file, &json)?;
    parsed.read_companions(path)?;
    parsed.lower()
}

/// Like [`load`], for a model already in memory; `file` names it in errors.
pub fn load_str(file: &str, json: &str) -> Result<Loaded, ModelError> {
    parse(file, json)?.lower()
}

/// A model file read into its format's own structures, not lowered yet.
/// (Two steps so the pipeline can time them apart.)
pub struct Parsed {
    file: String,
    content: ParsedContent,
}

enum ParsedContent {
    Botocore(Box<botocore::ServiceFile>),
    Smithy(smithy::SmithyFile),
}

/// Detects the format of `json` and deserializes it.
pub fn parse(file: &str, json: &str) -> Result<Parsed, ModelError> {
    parse_as(file, json, detect(file, json)?)
}

/// Deserializes `json` as a model in `format`, without detection.
pub fn parse_as(file: &str, json: &str, format: Format) -> Result<Parsed, ModelError> {
    let content = match format {
        Format::Botocore => ParsedContent::Botocore(Box::new(deserialize(file, json)?)),
        Format::Smithy => ParsedContent::Smithy(deserialize(file, json)?),
    };
    Ok(Parsed {
        file: file.to_owned(),
        content,
    })
}

impl Parsed {
    /// Reads the files the format keeps beside the model at `path`:
    /// botocore's `endpoint-rule-set-1.json` and `paginators-1.json` in the
    /// model's folder (a folder of several models shares them). Smithy
    /// models carry theirs as traits.
    pub fn read_companions(&mut self, path: &Path) -> Result<(), ModelError> {
        match &mut self.content {
            ParsedContent::Botocore(parsed) => botocore::read_companions(path, parsed),
            ParsedContent::Smithy(_) => Ok(()),
        }
    }

    /// Lowers into the shape graph, validates it, keeps idempotency tokens
    /// where they count and decides boxing: [`Parsed::lower_graph`], then
    /// [`crate::pipeline::validate_and_box`].
    pub fn lower(self) -> Result<Loaded, ModelError> {
        let (model, locator) = self.lower_graph()?;
        let model = crate::pipeline::validate_and_box(model, locator.as_ref())?;
        Ok(Loaded { model, locator })
    }

    /// Lowers into the shape graph only, with the locator that gives its
    /// parts' pointers in the file: not yet validated, nor boxed.
    pub fn lower_graph(self) -> Result<(Model, Box<dyn Locator>), ModelError> {
        Ok(match self.content {
            ParsedContent::Botocore(parsed) => {
                let (model, locator) = botocore::lower(&self.file, *parsed)?;
                (model, Box::new(locator))
            }
            ParsedContent::Smithy(parsed) => {
                let (model, locator) = smithy::lower(&self.file, parsed)?;
                (model, Box::new(locator))
            }
        })
    }
}

/// Tells formats apart by their top-level keys.
fn detect(file: &str, json: &str) -> Result<Format, ModelError> {
    let not_a_model =
        |why: String| ModelError::new(file, "", format!("not a service model: {why}"));
    let keys = match deserialize::<TopLevel>(file, json)? {
        TopLevel::Object(keys) => keys,
        TopLevel::Other(what) => {
            return Err(not_a_model(format!(
                "the document is {what}, not a JSON object"
            )))
        }
    };
    let has = |key: &str| keys.iter().any(|k| k == key);
    // `smithy` first: a Smithy model may have a `metadata` key too.
    if has("smithy") {
        Ok(Format::Smithy)
    } else if has("metadata") {
        Ok(Format::Botocore)
    } else if has("operations") || has("shapes") {
        let present: Vec<String> = ["operations", "shapes"]
            .into_iter()
            .filter(|k| has(k))
            .map(|k| format!("`{k}`"))
            .collect();
        Err(ModelError::new(
            file,
            "",
            format!(
                "a botocore model must have `metadata`; this one has {} but no `metadata`",
                present.join(" and ")
            ),
        ))
    } else {
        Err(not_a_model(
            "expected a botocore model (with `metadata`) or a Smithy JSON AST (with `smithy`)"
                .to_owned(),
        ))
    }
}

/// The top level of a model file: the keys of an object (values skipped),
/// or what else the document is. (A derived struct would also accept an
/// array, field by field.)
enum TopLevel {
    Object(Vec<String>),
    Other(&'static str),
}

impl<'de> serde::Deserialize<'de> for TopLevel {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};

        struct TopLevelVisitor;

        impl<'de> Visitor<'de> for TopLevelVisitor {
            type Value = TopLevel;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON document")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TopLevel, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    map.next_value::<IgnoredAny>()?;
                    keys.push(key);
                }
                Ok(TopLevel::Object(keys))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<TopLevel, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(TopLevel::Other("an array"))
            }
            fn visit_str<E>(self, _: &str) -> Result<TopLevel, E> {
                Ok(TopLevel::Other("a string"))
            }
            fn visit_bool<E>(self, _: bool) -> Result<TopLevel, E> {
                Ok(TopLevel::Other("a boolean"))
            }
            fn visit_i64<E>(self, _: i64) -> Result<TopLevel, E> {
                Ok(TopLevel::Other("a number"))
            }
            fn visit_u64<E>(self, _: u64) -> Result<TopLevel, E> {
                Ok(TopLevel::Other("a number"))
            }
            fn visit_f64<E>(self, _: f64) -> Result<TopLevel, E> {
                Ok(TopLevel::Other("a number"))
            }
            fn visit_unit<E>(self) -> Result<TopLevel, E> {
                Ok(TopLevel::Other("null"))
            }
        }

        deserializer.deserialize_any(TopLevelVisitor)
    }
}

/// Deserializes JSON, reporting syntax errors by line and column and
/// structural errors by JSON Pointer.
pub(crate) fn deserialize<T: DeserializeOwned>(file: &str, json: &str) -> Result<T, ModelError> {
    let mut de = serde_json::Deserializer::from_str(json);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let inner = e.inner();
        let pointer = pointer_of(e.path());
        let location = match inner.classify() {
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                format!("line {}, column {}", inner.line(), inner.column())
            }
            _ if pointer.is_empty() => format!("line {}, column {}", inner.line(), inner.column()),
            _ => format!(
                "{pointer} (line {}, column {})",
                inner.line(),
                inner.column()
            ),
        };
        ModelError::new(file, location, strip_position(&inner.to_string()))
    })?;
    de.end().map_err(|e| {
        ModelError::new(
            file,
            format!("line {}, column {}", e.line(), e.column()),
            strip_position(&e.to_string()),
        )
    })?;
    Ok(value)
}

pub(crate) fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let segments: Vec<String> = path
        .iter()
        .filter_map(|segment| match segment {
            Segment::Seq { index } => Some(index.to_string()),
            Segment::Map { key } => Some(key.clone()),
            Segment::Enum { variant } => Some(variant.clone()),
            Segment::Unknown => None,
        })
        .collect();
    json_pointer(segments.iter().map(String::as_str))
}

/// serde_json appends " at line L column C"; the location says it already.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}
