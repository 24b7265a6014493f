//! The whole generator, from model files to the text of every output file.
//! Writing to disk is the caller's job (the xtask), so this stays pure and
//! testable.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::emit::{self, CrateService, RuntimeDependency};
use crate::error::ModelError;
use crate::ir::Unsupported;
use crate::model;
use crate::naming::{self, Names};
use crate::render::{self, RenderError};

/// What crate to generate from which models.
pub struct CrateSpec {
    /// The package name in `Cargo.toml`.
    pub package: String,
    /// The first heading of the crate docs.
    pub title: String,
    pub runtime: RuntimeDependency,
    /// One model file per service.
    pub models: Vec<PathBuf>,
}

/// One output file, relative to the crate's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: PathBuf,
    pub contents: String,
}

/// Everything the generator produced, with counts and timings.
pub struct Generated {
    pub files: Vec<GeneratedFile>,
    pub stats: Stats,
    pub timings: Timings,
    /// What was left out, by service.
    pub unsupported: Vec<(String, Unsupported)>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub services: usize,
    pub operations: usize,
    /// Shapes reachable from operations.
    pub shapes: usize,
}

/// Wall time of each phase.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    pub read: Duration,
    pub parse: Duration,
    pub lower: Duration,
    pub emit: Duration,
    pub format: Duration,
}

/// Why generation failed.
#[derive(Debug)]
pub enum GenerateError {
    Model(ModelError),
    Render(RenderError),
    /// Two models would produce the same module.
    DuplicateService { module: String, first: String, second: String },
}

impl std::fmt::Display for GenerateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GenerateError::Model(e) => e.fmt(f),
            GenerateError::Render(e) => e.fmt(f),
            GenerateError::DuplicateService {
                module,
                first,
                second,
            } => write!(
                f,
                "{first} and {second} would both generate the module `{module}`; give one service per model"
            ),
        }
    }
}

impl std::error::Error for GenerateError {}

impl From<ModelError> for GenerateError {
    fn from(e: ModelError) -> Self {
        GenerateError::Model(e)
    }
}

impl From<RenderError> for GenerateError {
    fn from(e: RenderError) -> Self {
        GenerateError::Render(e)
    }
}

/// Runs the whole pipeline: read, parse, lower, emit, format.
pub fn generate(spec: &CrateSpec) -> Result<Generated, GenerateError> {
    let mut timings = Timings::default();
    let mut models = Vec::new();
    for path in &spec.models {
        let started = Instant::now();
        let file = path.display().to_string();
        let json = std::fs::read_to_string(path)
            .map_err(|e| ModelError::new(&file, "", format!("cannot read the model: {e}")))?;
        timings.read += started.elapsed();
        let started = Instant::now();
        let parsed = model::parse(&file, &json)?;
        timings.parse += started.elapsed();
        let started = Instant::now();
        models.push(parsed.lower()?.model);
        timings.lower += started.elapsed();
    }
    models.sort_by(|a, b| a.service.model_name.cmp(&b.service.model_name));

    let started = Instant::now();
    let mut stats = Stats::default();
    let mut services = Vec::new();
    let mut unsupported = Vec::new();
    let mut pending: Vec<(PathBuf, proc_macro2::TokenStream)> = Vec::new();
    for model in &models {
        let module = naming::module_name(&model.service.model_name);
        if let Some(first) = services.iter().position(|s: &CrateService| s.module == module) {
            return Err(GenerateError::DuplicateService {
                module,
                first: models[first].source.clone(),
                second: model.source.clone(),
            });
        }
        let names = Names::assign(model);
        let code = emit::emit_service(model, &names);
        let dir = Path::new("src").join(module.trim_start_matches("r#"));
        pending.push((dir.join("mod.rs"), code.module));
        pending.push((dir.join("types.rs"), code.types));
        pending.push((dir.join("errors.rs"), code.errors));
        pending.push((dir.join("operations.rs"), code.operations));
        stats.services += 1;
        stats.operations += model.operations.len();
        stats.shapes += model.reachable_shapes().len();
        unsupported.extend(
            model
                .unsupported
                .iter()
                .map(|u| (model.service.model_name.clone(), u.clone())),
        );
        services.push(CrateService {
            module,
            feature: naming::feature_name(&model.service.model_name),
            full_name: model.service.full_name.clone(),
            api_version: model.service.api_version.clone(),
        });
    }
    pending.push((
        PathBuf::from("src/lib.rs"),
        emit::crate_root(&spec.title, &services),
    ));
    timings.emit = started.elapsed();

    let started = Instant::now();
    let mut files = vec![GeneratedFile {
        path: PathBuf::from("Cargo.toml"),
        contents: emit::cargo_toml(&spec.package, &services, &spec.runtime),
    }];
    for (path, tokens) in pending {
        let contents = render::render(&path.display().to_string(), tokens)?;
        files.push(GeneratedFile { path, contents });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    timings.format = started.elapsed();

    Ok(Generated {
        files,
        stats,
        timings,
        unsupported,
    })
}
