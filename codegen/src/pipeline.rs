//! The whole generator, from model files to the text of every output file.
//! Writing to disk is the caller's job (the xtask), so this stays pure and
//! testable.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::emit::{self, CrateService, RuntimeDependency, ServiceFile};
use crate::endpoints::{self, EndpointError};
use crate::error::{Locator, ModelError};
use crate::ir::{Model, Unsupported, WireView};
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
    /// botocore's `partitions.json`, for the services whose endpoint rule
    /// set looks up partitions (the crate's `partitions` module).
    pub partitions: Option<PathBuf>,
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
    /// Emitting tokens, summed over threads.
    pub emit: Duration,
    /// Parsing and pretty-printing, summed over threads.
    pub format: Duration,
    /// Wall time of emitting and formatting, which run on all cores.
    pub emit_and_format_wall: Duration,
}

/// Why generation failed.
#[derive(Debug)]
pub enum GenerateError {
    Model(ModelError),
    Render(RenderError),
    /// An endpoint rule set (or `partitions.json`) cannot be generated.
    Endpoint(EndpointError),
    /// Two models would produce the same module or cargo feature.
    DuplicateService {
        /// `module `x`` or `feature `x``.
        module: String,
        first: String,
        second: String,
    },
}

impl std::fmt::Display for GenerateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GenerateError::Model(e) => e.fmt(f),
            GenerateError::Render(e) => e.fmt(f),
            GenerateError::Endpoint(e) => e.fmt(f),
            GenerateError::DuplicateService {
                module,
                first,
                second,
            } => write!(
                f,
                "{first} and {second} would both generate the {module}; give one service per model"
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

impl From<EndpointError> for GenerateError {
    fn from(e: EndpointError) -> Self {
        GenerateError::Endpoint(e)
    }
}

impl From<RenderError> for GenerateError {
    fn from(e: RenderError) -> Self {
        GenerateError::Render(e)
    }
}

/// The steps between the front-end's graph and naming, in order:
/// validation (every error with its pointer in the model file), then
/// idempotency tokens kept only where they count, then boxing of direct
/// recursion. What comes out is what the wire view and naming start from.
pub fn validate_and_box(mut model: Model, locator: &dyn Locator) -> Result<Model, ModelError> {
    crate::ir::validate(&model, locator)?;
    crate::ir::scope_idempotency_tokens(&mut model);
    crate::ir::assign_boxing(&mut model);
    Ok(model)
}

/// Runs the whole pipeline: read, parse, lower, validate and box, name,
/// resolve the wire view, emit, format.
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
        let mut parsed = model::parse(&file, &json)?;
        parsed.read_companions(path)?;
        timings.parse += started.elapsed();
        let started = Instant::now();
        let (model, locator) = parsed.lower_graph()?;
        models.push(validate_and_box(model, locator.as_ref())?);
        timings.lower += started.elapsed();
    }
    models.sort_by(|a, b| a.service.model_name.cmp(&b.service.model_name));

    let started = Instant::now();
    let mut stats = Stats::default();
    let mut services = Vec::new();
    let mut unsupported = Vec::new();
    let mut names = Vec::new();
    for model in &models {
        let (module, feature) = naming::service_names(&model.service.model_name);
        let clash = services
            .iter()
            .enumerate()
            .find_map(|(i, s): (usize, &CrateService)| {
                if s.module == module {
                    Some((i, format!("module `{module}`")))
                } else if s.feature == feature {
                    Some((i, format!("feature `{feature}`")))
                } else {
                    None
                }
            });
        if let Some((first, what)) = clash {
            return Err(GenerateError::DuplicateService {
                module: what,
                first: models[first].source.clone(),
                second: model.source.clone(),
            });
        }
        names.push(Names::assign(model));
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
            feature,
            full_name: model.service.full_name.clone(),
            api_version: model.service.api_version.clone(),
        });
    }
    // Each member's wire facts, resolved once for all the service's files.
    let views: Vec<WireView> = models.iter().map(WireView::build).collect();
    let modules: Vec<ServiceModule> = models
        .iter()
        .zip(&names)
        .zip(&views)
        .zip(&services)
        .map(|(((model, names), view), service)| ServiceModule {
            dir: Path::new("src").join(service.module.trim_start_matches("r#")),
            model,
            names,
            view,
            doctest_path: Some(format!(
                "{}::{}",
                spec.package.replace('-', "_"),
                service.module
            )),
        })
        .collect();
    let endpoint_files = endpoint_files(&modules, spec.partitions.as_deref())?;
    timings.emit += endpoint_files.emit;
    timings.format += endpoint_files.format;
    let work = Work {
        crate_root: Some((&spec.title, &services, endpoint_files.partitions)),
        modules: &modules,
    };
    let emitted = work.run_all()?;
    timings.emit += emitted.emit;
    timings.format += emitted.format;
    let mut files = vec![GeneratedFile {
        path: PathBuf::from("Cargo.toml"),
        contents: emit::cargo_toml(&spec.package, &services, &spec.runtime),
    }];
    files.extend(emitted.files);
    files.extend(endpoint_files.files);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    timings.emit_and_format_wall = started.elapsed();

    Ok(Generated {
        files,
        stats,
        timings,
        unsupported,
    })
}

/// One service's module in a generated crate: its folder and what it is
/// generated from.
pub struct ServiceModule<'a> {
    /// The module's folder, relative to the crate (`src/iot`).
    pub dir: PathBuf,
    pub model: &'a Model,
    pub names: &'a Names,
    /// The model's wire view (`WireView::build`).
    pub view: &'a WireView<'a>,
    /// The module's path as the crate's users write it (`awsgen::iot`), for
    /// the client examples' doctests; `None` leaves them uncompiled.
    pub doctest_path: Option<String>,
}

/// Files emitted and formatted, with the time each phase took (summed over
/// threads).
pub struct Emitted {
    /// In path order.
    pub files: Vec<GeneratedFile>,
    pub emit: Duration,
    pub format: Duration,
}

/// Emits and formats the files of every service module (`mod.rs`,
/// `types.rs`, `errors.rs`, `operations.rs`, … in each module's folder) on
/// all cores: the same emitters as [`generate`], for crates laid out
/// otherwise (the protocol test crate). A service with an endpoint rule set
/// gets its `endpoint.rs` too, as long as it needs no partitions (this
/// layout has no crate root to put them in).
pub fn emit_service_modules(modules: &[ServiceModule]) -> Result<Emitted, GenerateError> {
    let endpoints = endpoint_files(modules, None)?;
    let mut emitted = Work {
        crate_root: None,
        modules,
    }
    .run_all()?;
    emitted.emit += endpoints.emit;
    emitted.format += endpoints.format;
    emitted.files.extend(endpoints.files);
    emitted.files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(emitted)
}

/// The endpoint files of a crate's services: each rule set's resolver
/// (`src/<service>/endpoint.rs`), and `src/partitions.rs` when one of them
/// looks up partitions.
struct EndpointFiles {
    files: Vec<GeneratedFile>,
    /// Whether `src/partitions.rs` is among them.
    partitions: bool,
    emit: Duration,
    format: Duration,
}

fn endpoint_files(
    modules: &[ServiceModule],
    partitions: Option<&Path>,
) -> Result<EndpointFiles, GenerateError> {
    let mut out = EndpointFiles {
        files: Vec::new(),
        partitions: false,
        emit: Duration::ZERO,
        format: Duration::ZERO,
    };
    let mut needs_partitions = None;
    for module in modules {
        let service = &module.model.service;
        let Some(rule_set) = &service.endpoint_rule_set else {
            continue;
        };
        let started = Instant::now();
        let source = format!("{} (endpoint rule set)", module.model.source);
        let resolver = endpoints::resolver_module(rule_set, &source, &service.full_name)?;
        if resolver.uses_partitions && needs_partitions.is_none() {
            needs_partitions = Some(source);
        }
        out.emit += started.elapsed();
        let started = Instant::now();
        let path = module.dir.join("endpoint.rs");
        let contents = render::render(&path.display().to_string(), resolver.tokens)?;
        out.format += started.elapsed();
        out.files.push(GeneratedFile { path, contents });
    }
    if let Some(needed_by) = needs_partitions {
        let Some(path) = partitions else {
            return Err(EndpointError::new(
                needed_by,
                "",
                "the rule set looks up partitions (`aws.partition`), but no partitions.json was given",
            )
            .into());
        };
        let started = Instant::now();
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| EndpointError::new(&name, "", format!("cannot read: {e}")))?;
        let table = endpoints::partitions::parse(&name, &text)?;
        let file_name = path
            .file_name()
            .map_or(name.clone(), |n| n.to_string_lossy().into_owned());
        let tokens = table.emit(&file_name);
        out.emit += started.elapsed();
        let started = Instant::now();
        let contents = render::render("src/partitions.rs", tokens)?;
        out.format += started.elapsed();
        out.files.push(GeneratedFile {
            path: PathBuf::from("src/partitions.rs"),
            contents,
        });
        out.partitions = true;
    }
    Ok(out)
}

/// One output file to emit and format.
#[derive(Debug, Clone, Copy)]
enum Job {
    CrateRoot,
    Service { index: usize, file: ServiceFile },
}

impl Job {
    /// A rough size, to schedule big files first.
    fn weight(&self, modules: &[ServiceModule]) -> usize {
        match *self {
            Job::CrateRoot => 0,
            Job::Service { index, file } => {
                let model = modules[index].model;
                match file {
                    ServiceFile::Types => model.shapes.len() * 4,
                    ServiceFile::Errors | ServiceFile::Operations => model.operations.len() * 3,
                    ServiceFile::Serialize | ServiceFile::Deserialize => {
                        model.operations.len() * 4 + model.shapes.len() * 2
                    }
                    ServiceFile::Validate => model.shapes.len(),
                    ServiceFile::Paginators => model.operations.len(),
                    ServiceFile::Client => model.operations.len() * 2,
                    ServiceFile::Module => 1,
                }
            }
        }
    }
}

/// What every job reads; shared by reference across threads.
struct Work<'a> {
    /// The crate docs' title, services, and whether the crate has a
    /// `partitions` module, when `lib.rs` is to be emitted.
    crate_root: Option<(&'a str, &'a [CrateService], bool)>,
    modules: &'a [ServiceModule<'a>],
}

impl Work<'_> {
    /// Runs every job, largest first so the threads finish together.
    fn run_all(&self) -> Result<Emitted, RenderError> {
        let mut jobs: Vec<Job> = Vec::new();
        if self.crate_root.is_some() {
            jobs.push(Job::CrateRoot);
        }
        for (index, module) in self.modules.iter().enumerate() {
            jobs.extend(
                ServiceFile::ALL
                    .into_iter()
                    .filter(|file| file.applies_to(module.model))
                    .map(|file| Job::Service { index, file }),
            );
        }
        jobs.sort_by_key(|job| std::cmp::Reverse(job.weight(self.modules)));
        let mut emitted = Emitted {
            files: Vec::new(),
            emit: Duration::ZERO,
            format: Duration::ZERO,
        };
        for result in run_parallel(&jobs, |job| self.run(job)) {
            let (file, emit_time, format_time) = result?;
            emitted.emit += emit_time;
            emitted.format += format_time;
            emitted.files.push(file);
        }
        emitted.files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(emitted)
    }

    /// Emits and renders one file. Tokens never leave the thread that
    /// made them (`proc_macro2` types are not `Send`); text does.
    fn run(&self, job: &Job) -> Result<(GeneratedFile, Duration, Duration), RenderError> {
        let started = Instant::now();
        let (path, tokens) = match *job {
            Job::CrateRoot => {
                let (title, services, partitions) = self.crate_root.unwrap_or_default();
                (
                    PathBuf::from("src/lib.rs"),
                    emit::crate_root(title, services, partitions),
                )
            }
            Job::Service { index, file } => {
                let module = &self.modules[index];
                (
                    module.dir.join(file.file_name()),
                    emit::emit_service_file_with_doctests(
                        module.model,
                        module.names,
                        module.view,
                        file,
                        module.doctest_path.as_deref(),
                    ),
                )
            }
        };
        let emitted = started.elapsed();
        let started = Instant::now();
        let contents = render::render(&path.display().to_string(), tokens)?;
        Ok((GeneratedFile { path, contents }, emitted, started.elapsed()))
    }
}

/// Runs `f` on every job using all cores; results keep the jobs' order.
fn run_parallel<J: Sync, R: Send>(jobs: &[J], f: impl Fn(&J) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(jobs.len())
        .max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(job) = jobs.get(i) else {
                            break;
                        };
                        done.push((i, f(job)));
                    }
                    done
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}
