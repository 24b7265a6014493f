//! Front-ends: read a model file and lower it into the shape graph.

pub mod botocore;

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{json_pointer, Locator, ModelError};
use crate::ir::Model;

/// Which format a model file is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// botocore `service-2.json`.
    Botocore,
}

/// A lowered model and where its parts came from.
pub struct Loaded {
    pub model: Model,
    pub locator: Box<dyn Locator>,
}

/// Reads `path`, detects its format, lowers it and validates the graph.
pub fn load(path: &Path) -> Result<Loaded, ModelError> {
    let file = path.display().to_string();
    let json = std::fs::read_to_string(path)
        .map_err(|e| ModelError::new(&file, "", format!("cannot read the model: {e}")))?;
    load_str(&file, &json)
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
    Botocore(botocore::ServiceFile),
}

/// Detects the format of `json` and deserializes it.
pub fn parse(file: &str, json: &str) -> Result<Parsed, ModelError> {
    let content = match detect(file, json)? {
        Format::Botocore => ParsedContent::Botocore(deserialize(file, json)?),
    };
    Ok(Parsed {
        file: file.to_owned(),
        content,
    })
}

impl Parsed {
    /// Lowers into the shape graph, validates it and decides boxing.
    pub fn lower(self) -> Result<Loaded, ModelError> {
        let (mut model, locator): (Model, Box<dyn Locator>) = match self.content {
            ParsedContent::Botocore(parsed) => (
                botocore::lower(&self.file, parsed)?,
                Box::new(botocore::BotocoreLocator { file: self.file }),
            ),
        };
        crate::ir::validate(&model, locator.as_ref())?;
        crate::ir::assign_boxing(&mut model);
        Ok(Loaded { model, locator })
    }
}

/// Tells formats apart by their top-level keys.
fn detect(file: &str, json: &str) -> Result<Format, ModelError> {
    #[derive(serde::Deserialize)]
    struct Probe {
        metadata: Option<serde::de::IgnoredAny>,
        smithy: Option<serde::de::IgnoredAny>,
    }
    let probe: Probe = deserialize(file, json)?;
    match (probe.metadata, probe.smithy) {
        (Some(_), _) => Ok(Format::Botocore),
        (None, Some(_)) => Err(ModelError::new(
            file,
            "/smithy",
            "Smithy JSON AST models are not supported yet",
        )),
        (None, None) => Err(ModelError::new(
            file,
            "",
            "not a service model: expected a botocore model (with `metadata`) or a Smithy JSON AST (with `smithy`)",
        )),
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

fn pointer_of(path: &serde_path_to_error::Path) -> String {
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
