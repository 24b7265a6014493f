//! `cargo xtask import-models PATH`: copy the files this project needs out of a
//! botocore source distribution into the repository.
//!
//! `PATH` is either the source archive (`botocore-X.Y.Z.tar.gz`, as
//! `pip download --no-deps --no-binary :all: botocore==X.Y.Z` gives) or an
//! unpacked botocore tree (the top folder holding `botocore/data/…`, or its
//! `botocore/` child).
//!
//! What is copied is one table, [`import_table`]: for every service in
//! [`SERVICES`] its model, paginators and endpoint rule set, plus the extra
//! files in [`EXTRA_FILES`] (botocore's `partitions.json`, AWS's test suites,
//! botocore's `LICENSE.txt` and `NOTICE`); then the folders in
//! [`EXTRA_DIRS`], copied whole (the SigV4 test suite). The botocore version
//! goes to `models/BOTOCORE_VERSION`.
//!
//! Everything is read and checked (every JSON file must parse) before anything
//! is written; only files whose bytes change are written, each through a
//! temporary file and a rename, and all temporary files are written before
//! the first rename, so a failure leaves `models/` as it was. A copied
//! folder mirrors botocore's: files the release no longer has are removed,
//! after everything else is written.

mod source;
mod write;

#[cfg(test)]
mod tests;

use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use self::source::Source;
pub use self::write::FileChange;

/// The services this project ships: (botocore service folder, API version).
/// The one place that lists them.
pub const SERVICES: &[(&str, &str)] = &[("iot", "2015-05-28"), ("iot-jobs-data", "2017-09-29")];

/// The files copied from each service's `botocore/data/<service>/<version>/`
/// folder into `models/<service>/<version>/`, under the same names.
pub const SERVICE_FILES: &[&str] = &[MODEL_FILE, "paginators-1.json", "endpoint-rule-set-1.json"];

/// The service model, the file the API changelog compares.
pub const MODEL_FILE: &str = "service-2.json";

/// Further files to import: (path in the botocore tree, path in this
/// repository, kind). The SigV4 suite belongs here when the tests that
/// read it are written.
pub const EXTRA_FILES: &[(&str, &str, Content)] = &[
    ("LICENSE.txt", "models/LICENSE.txt", Content::Text),
    ("NOTICE", "models/NOTICE", Content::Text),
    // AWS's own test suites, the oracles of the conformance tests. They come
    // from the same release as the models (see models/BOTOCORE_VERSION).
    (
        "tests/unit/protocols/input/rest-json.json",
        "tests/fixtures/botocore/protocols/input/rest-json.json",
        Content::Json,
    ),
    (
        "tests/unit/protocols/output/rest-json.json",
        "tests/fixtures/botocore/protocols/output/rest-json.json",
        Content::Json,
    ),
    (
        "tests/unit/protocols/protocol-tests-ignore-list.json",
        "tests/fixtures/botocore/protocols/protocol-tests-ignore-list.json",
        Content::Json,
    ),
    (
        "tests/functional/endpoint-rules/iot/endpoint-tests-1.json",
        "tests/fixtures/botocore/endpoint-rules/iot/endpoint-tests-1.json",
        Content::Json,
    ),
    (
        "tests/functional/endpoint-rules/iot-jobs-data/endpoint-tests-1.json",
        "tests/fixtures/botocore/endpoint-rules/iot-jobs-data/endpoint-tests-1.json",
        Content::Json,
    ),
    // The partition table endpoint resolution is generated with.
    (
        "botocore/data/partitions.json",
        "models/partitions.json",
        Content::Json,
    ),
    // The endpoint rule sets' standard-library suites: each rule set of
    // valid-rules/ with the cases of test-cases/ of the same name.
    (
        "tests/unit/data/endpoints/test-cases/account-id.json",
        "tests/fixtures/botocore/endpoints/test-cases/account-id.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/test-cases/array-index.json",
        "tests/fixtures/botocore/endpoints/test-cases/array-index.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/test-cases/aws-region.json",
        "tests/fixtures/botocore/endpoints/test-cases/aws-region.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/test-cases/default-values.json",
        "tests/fixtures/botocore/endpoints/test-cases/default-values.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/test-cases/eventbridge.json",
        "tests/fixtures/botocore/endpoints/test-cases/eventbridge.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/test-cases/fns.json",
        "tests/fixtures/botocore/endpoints/test-cases/fns.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/test-cases/headers.json",
        "tests/fixtures/botocore/endpoints/test-cases/headers.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/test-cases/is-virtual-hostable-s3-bucket.json",
        "tests/fixtures/botocore/endpoints/test-cases/is-virtual-hostable-s3-bucket.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/test-cases/local-region-override.json",
        "tests/fixtures/botocore/endpoints/test-cases/local-region-override.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/test-cases/parse-arn.json",
        "tests/fixtures/botocore/endpoints/test-cases/parse-arn.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/test-cases/parse-url.json",
        "tests/fixtures/botocore/endpoints/test-cases/parse-url.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/test-cases/partition-fn.json",
        "tests/fixtures/botocore/endpoints/test-cases/partition-fn.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/test-cases/substring.json",
        "tests/fixtures/botocore/endpoints/test-cases/substring.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/test-cases/uri-encode.json",
        "tests/fixtures/botocore/endpoints/test-cases/uri-encode.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/test-cases/valid-hostlabel.json",
        "tests/fixtures/botocore/endpoints/test-cases/valid-hostlabel.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/valid-rules/account-id.json",
        "tests/fixtures/botocore/endpoints/valid-rules/account-id.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/valid-rules/array-index.json",
        "tests/fixtures/botocore/endpoints/valid-rules/array-index.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/valid-rules/aws-region.json",
        "tests/fixtures/botocore/endpoints/valid-rules/aws-region.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/valid-rules/default-values.json",
        "tests/fixtures/botocore/endpoints/valid-rules/default-values.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/valid-rules/deprecated-param.json",
        "tests/fixtures/botocore/endpoints/valid-rules/deprecated-param.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/valid-rules/eventbridge.json",
        "tests/fixtures/botocore/endpoints/valid-rules/eventbridge.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/valid-rules/fns.json",
        "tests/fixtures/botocore/endpoints/valid-rules/fns.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/valid-rules/get-attr-type-inference.json",
        "tests/fixtures/botocore/endpoints/valid-rules/get-attr-type-inference.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/valid-rules/headers.json",
        "tests/fixtures/botocore/endpoints/valid-rules/headers.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/valid-rules/is-virtual-hostable-s3-bucket.json",
        "tests/fixtures/botocore/endpoints/valid-rules/is-virtual-hostable-s3-bucket.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/valid-rules/local-region-override.json",
        "tests/fixtures/botocore/endpoints/valid-rules/local-region-override.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/valid-rules/minimal-ruleset.json",
        "tests/fixtures/botocore/endpoints/valid-rules/minimal-ruleset.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/valid-rules/parse-arn.json",
        "tests/fixtures/botocore/endpoints/valid-rules/parse-arn.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/valid-rules/parse-url.json",
        "tests/fixtures/botocore/endpoints/valid-rules/parse-url.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/valid-rules/partition-fn.json",
        "tests/fixtures/botocore/endpoints/valid-rules/partition-fn.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/valid-rules/substring.json",
        "tests/fixtures/botocore/endpoints/valid-rules/substring.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/valid-rules/uri-encode.json",
        "tests/fixtures/botocore/endpoints/valid-rules/uri-encode.json",
        Content::Json,
    ),
    (
        "tests/unit/data/endpoints/valid-rules/valid-hostlabel.json",
        "tests/fixtures/botocore/endpoints/valid-rules/valid-hostlabel.json",
        Content::Json,
    ),
    (
        "LICENSE.txt",
        "tests/fixtures/botocore/LICENSE.txt",
        Content::Text,
    ),
    ("NOTICE", "tests/fixtures/botocore/NOTICE", Content::Text),
];

/// Folders copied whole, every file at any depth as it is: (folder in the
/// botocore tree, folder in this repository). The repository's folder
/// mirrors botocore's; a release without the folder, or with it empty,
/// fails the import.
pub const EXTRA_DIRS: &[(&str, &str)] = &[
    // AWS's SigV4 test suite (its own LICENSE and NOTICE are inside), the
    // oracle of `runtime/tests/sigv4_botocore.rs`.
    (
        "tests/unit/auth/aws4_testsuite",
        "tests/fixtures/botocore/aws4_testsuite",
    ),
];

/// Where the botocore version is recorded, relative to the repository root.
pub const VERSION_FILE: &str = "models/BOTOCORE_VERSION";

/// How a file to import is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Content {
    /// Must parse as JSON. If botocore ships only a gzip-compressed copy
    /// (`<name>.gz`, which botocore's own loader also accepts), that copy is
    /// decompressed.
    Json,
    /// Copied as it is.
    Text,
}

/// One file to import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportFile {
    /// Path inside the botocore tree (relative to the folder that holds
    /// `botocore/`), `/`-separated.
    pub source: String,
    /// Path inside this repository, relative to its root.
    pub dest: PathBuf,
    pub content: Content,
}

/// What an import did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportSummary {
    /// The version of the botocore distribution imported from.
    pub botocore_version: String,
    /// The version `models/BOTOCORE_VERSION` named before, if any.
    pub previous_version: Option<String>,
    /// Every file the import is responsible for, relative to the repository
    /// root, in table order, then the copied folders' files (and those
    /// removed from them), `models/BOTOCORE_VERSION` last.
    pub files: Vec<(PathBuf, FileChange)>,
    /// The service models whose bytes changed, in [`SERVICES`] order, so
    /// the caller can show what changed in the API.
    pub replaced: Vec<ReplacedModel>,
}

/// A service model the import overwrote, before and after.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplacedModel {
    /// The botocore service folder (`iot`).
    pub service: String,
    /// The model's path, relative to the repository root.
    pub path: PathBuf,
    pub old: Vec<u8>,
    pub new: Vec<u8>,
}

impl ImportSummary {
    /// How many files had the given change.
    pub fn count(&self, change: FileChange) -> usize {
        self.files.iter().filter(|(_, c)| *c == change).count()
    }
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "imported from botocore {}", self.botocore_version)?;
        for (path, change) in &self.files {
            writeln!(f, "  {:<9} {}", change.to_string(), path.display())?;
        }
        write!(
            f,
            "{} added, {} updated, {} unchanged",
            self.count(FileChange::Added),
            self.count(FileChange::Updated),
            self.count(FileChange::Unchanged),
        )?;
        match self.count(FileChange::Removed) {
            0 => Ok(()),
            removed => write!(f, ", {removed} removed"),
        }
    }
}

/// The files to import, in the order they are reported: [`SERVICE_FILES`]
/// for each of [`SERVICES`], then [`EXTRA_FILES`].
pub fn import_table() -> Vec<ImportFile> {
    let mut table = Vec::new();
    for (service, version) in SERVICES {
        for name in SERVICE_FILES {
            table.push(ImportFile {
                source: format!("{}/{name}", service_dir(service, version)),
                dest: Path::new("models").join(service).join(version).join(name),
                content: Content::Json,
            });
        }
    }
    for (source, dest, content) in EXTRA_FILES {
        table.push(ImportFile {
            source: (*source).to_owned(),
            dest: dest.split('/').collect(),
            content: *content,
        });
    }
    table
}

/// Imports [`import_table`] and the botocore version from `source` (a
/// botocore `.tar.gz` source archive or an unpacked botocore tree) into the
/// repository at `repo_root`.
pub fn import_models(source: &Path, repo_root: &Path) -> Result<ImportSummary> {
    if !repo_root.is_dir() {
        bail!(
            "repository root {} does not exist or is not a folder",
            repo_root.display()
        );
    }
    let table = import_table();
    let wanted = wanted_paths(&table);
    let wanted_dirs: Vec<String> = EXTRA_DIRS
        .iter()
        .map(|(dir, _)| (*dir).to_owned())
        .collect();
    let source = Source::open(source, &wanted, &wanted_dirs)?;

    if !source.is_dir(DATA_DIR) {
        bail!(
            "{} is not a botocore source distribution: it has no {DATA_DIR}/ folder",
            source.describe()
        );
    }
    let botocore_version = botocore_version(&source)?;
    for (service, version) in SERVICES {
        check_service(&source, service, version)?;
    }

    let mut files = Vec::with_capacity(table.len() + 1);
    for file in &table {
        let bytes = read_checked(&source, file)?;
        files.push((file.dest.clone(), bytes));
    }
    let mut stale = Vec::new();
    for (dir, dest) in EXTRA_DIRS {
        let dir_files = read_dir(&source, dir, dest)?;
        stale.extend(stale_files(repo_root, dest, &dir_files)?);
        files.extend(dir_files);
    }
    files.push((
        VERSION_FILE.split('/').collect(),
        format!("{botocore_version}\n").into_bytes(),
    ));

    let previous_version = previous_version(repo_root)?;
    let replaced = replaced_models(repo_root, &files)?;
    let mut files = write::write_files(repo_root, files)?;
    let removed = write::remove_files(repo_root, &stale)?;
    // The version stays last.
    let version = files.pop();
    files.extend(removed);
    files.extend(version);
    Ok(ImportSummary {
        botocore_version,
        previous_version,
        files,
        replaced,
    })
}

/// Every file under `dir` of the botocore tree, as (path under `dest` in the
/// repository, bytes), in path order.
fn read_dir(source: &Source, dir: &str, dest: &str) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    let paths = source.files_under(dir)?;
    if paths.is_empty() {
        bail!(
            "required folder {dir}/ not found in {}, or empty",
            source.describe()
        );
    }
    let mut files = Vec::with_capacity(paths.len());
    for path in paths {
        let Some(bytes) = source.read(&path)? else {
            bail!("{path} vanished from {} while importing", source.describe());
        };
        let rest = path
            .strip_prefix(dir)
            .unwrap_or(&path)
            .trim_start_matches('/');
        let rel: PathBuf = dest.split('/').chain(rest.split('/')).collect();
        files.push((rel, bytes));
    }
    Ok(files)
}

/// The files now in the repository's copy of a folder, `dest`, that the
/// import does not bring (`new`): what botocore no longer has.
fn stale_files(root: &Path, dest: &str, new: &[(PathBuf, Vec<u8>)]) -> Result<Vec<PathBuf>> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(e).with_context(|| format!("cannot list {}", dir.display())),
        };
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
            let path = entry.path();
            let kind = entry
                .file_type()
                .with_context(|| format!("cannot read {}", path.display()))?;
            if kind.is_dir() {
                walk(root, &path, out)?;
            } else if let Ok(rel) = path.strip_prefix(root) {
                out.push(rel.to_owned());
            }
        }
        Ok(())
    }
    let mut present = Vec::new();
    let dest: PathBuf = dest.split('/').collect();
    walk(root, &root.join(&dest), &mut present)?;
    present.retain(|path| !new.iter().any(|(rel, _)| rel == path));
    present.sort();
    Ok(present)
}

/// The service models in `models/` that `files` would change, with their
/// current bytes. A model not there yet has nothing to compare with.
fn replaced_models(root: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<Vec<ReplacedModel>> {
    let mut replaced = Vec::new();
    for (service, version) in SERVICES {
        let rel = Path::new("models")
            .join(service)
            .join(version)
            .join(MODEL_FILE);
        let Some((_, new)) = files.iter().find(|(path, _)| *path == rel) else {
            continue;
        };
        let path = root.join(&rel);
        let old = match std::fs::read(&path) {
            Ok(old) => old,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        if old != *new {
            replaced.push(ReplacedModel {
                service: (*service).to_owned(),
                path: rel,
                old,
                new: new.clone(),
            });
        }
    }
    Ok(replaced)
}

/// The version in `models/BOTOCORE_VERSION` before the import, if any.
fn previous_version(root: &Path) -> Result<Option<String>> {
    let path = root.join(VERSION_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some(text.trim().to_owned()).filter(|v| !v.is_empty())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// botocore's data folder, relative to the top of the tree.
const DATA_DIR: &str = "botocore/data";
/// Where the version is read from, in order of preference.
const PKG_INFO: &str = "PKG-INFO";
const INIT_PY: &str = "botocore/__init__.py";

fn service_dir(service: &str, version: &str) -> String {
    format!("{DATA_DIR}/{service}/{version}")
}

/// Every path the import may read: what an archive keeps in memory while it
/// is streamed through.
fn wanted_paths(table: &[ImportFile]) -> Vec<String> {
    let mut wanted = vec![PKG_INFO.to_owned(), INIT_PY.to_owned()];
    for file in table {
        wanted.push(file.source.clone());
        if file.content == Content::Json {
            wanted.push(format!("{}.gz", file.source));
        }
    }
    wanted
}

/// Fails, naming the versions that are there, unless the service's
/// version folder exists.
fn check_service(source: &Source, service: &str, version: &str) -> Result<()> {
    let dir = service_dir(service, version);
    if source.is_dir(&dir) {
        return Ok(());
    }
    let present = source.subdirs(&format!("{DATA_DIR}/{service}"))?;
    if present.is_empty() {
        bail!(
            "{dir}/ not found in {}: it has no {DATA_DIR}/{service}/ folder at all",
            source.describe()
        );
    }
    bail!(
        "{dir}/ not found in {}; versions of {service} present: {}",
        source.describe(),
        present.join(", ")
    );
}

/// Reads one file of the table and checks it has the expected content.
fn read_checked(source: &Source, file: &ImportFile) -> Result<Vec<u8>> {
    if let Some(bytes) = source.read(&file.source)? {
        if file.content == Content::Json {
            check_json(&bytes)
                .with_context(|| format!("{} in {}", file.source, source.describe()))?;
        }
        return Ok(bytes);
    }
    if file.content == Content::Json {
        let gz = format!("{}.gz", file.source);
        if let Some(compressed) = source.read(&gz)? {
            let bytes = gunzip(&compressed)
                .with_context(|| format!("{gz} in {} is not valid gzip", source.describe()))?;
            check_json(&bytes)
                .with_context(|| format!("{gz} in {} (decompressed)", source.describe()))?;
            return Ok(bytes);
        }
    }
    bail!(
        "required file {} not found in {}",
        file.source,
        source.describe()
    )
}

fn check_json(bytes: &[u8]) -> Result<()> {
    serde_json::from_slice::<serde_json::Value>(bytes)
        .context("not valid JSON")
        .map(drop)
}

fn gunzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut out)?;
    Ok(out)
}

/// The botocore version, from `PKG-INFO`'s `Version:` line or else from
/// `botocore/__init__.py`'s `__version__ = '…'`.
fn botocore_version(source: &Source) -> Result<String> {
    let from_pkg_info = source.read(PKG_INFO)?.and_then(|bytes| {
        String::from_utf8_lossy(&bytes)
            .lines()
            .find_map(|line| line.strip_prefix("Version:"))
            .map(|v| (PKG_INFO, v.trim().to_owned()))
    });
    let found = match from_pkg_info {
        Some(found) => Some(found),
        None => source.read(INIT_PY)?.and_then(|bytes| {
            String::from_utf8_lossy(&bytes)
                .lines()
                .find_map(python_version)
                .map(|v| (INIT_PY, v))
        }),
    };
    let Some((file, version)) = found else {
        bail!(
            "cannot tell the botocore version of {}: no `Version:` line in {PKG_INFO} \
             and no `__version__ = '…'` in {INIT_PY}",
            source.describe()
        );
    };
    let plausible = !version.is_empty()
        && version
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+' | '_'));
    if !plausible {
        bail!(
            "{file} in {} gives an implausible botocore version {version:?}",
            source.describe()
        );
    }
    Ok(version)
}

/// `__version__ = '1.2.3'` (or with double quotes) → `1.2.3`.
fn python_version(line: &str) -> Option<String> {
    let rest = line.trim().strip_prefix("__version__")?.trim_start();
    let rest = rest.strip_prefix('=')?.trim();
    let quote = rest.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let inner = &rest[1..];
    let end = inner.find(quote)?;
    Some(inner[..end].to_owned())
}
