//! Reading a botocore source distribution: an unpacked folder, or a
//! `.tar.gz` archive streamed through once (nothing is extracted to disk).
//!
//! Paths are relative to the top of the distribution (the folder holding
//! `botocore/`, `tests/`, `PKG-INFO`, …) and `/`-separated.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File};
use std::io::{self, BufReader, Read};
use std::path::{Component, Path, PathBuf};

use anyhow::{bail, Context, Result};

/// An opened botocore distribution.
pub(super) struct Source {
    kind: Kind,
}

enum Kind {
    /// An unpacked tree: `top` holds `botocore/data/`; `given` is the path
    /// the user named (`top` or its `botocore/` child).
    Dir { given: PathBuf, top: PathBuf },
    /// An archive, reduced to what the import needs.
    Archive { path: PathBuf, index: ArchiveIndex },
}

/// What an archive holds, seen from the top of the distribution.
#[derive(Default)]
struct ArchiveIndex {
    /// Contents of the wanted files present in the archive.
    files: BTreeMap<String, Vec<u8>>,
    /// Every folder of the archive, explicit or implied by a file's path.
    dirs: BTreeSet<String>,
}

impl Source {
    /// Opens `path`, a folder or a `.tar.gz`/`.tgz` archive. From an archive
    /// only the files named in `wanted`, and those at any depth under the
    /// folders in `wanted_dirs`, are kept.
    pub(super) fn open(path: &Path, wanted: &[String], wanted_dirs: &[String]) -> Result<Source> {
        let meta = match fs::metadata(path) {
            Ok(meta) => meta,
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                bail!("botocore source {} does not exist", path.display())
            }
            Err(err) => return Err(err).with_context(|| format!("cannot read {}", path.display())),
        };
        if meta.is_dir() {
            return open_dir(path);
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if meta.is_file() && (name.ends_with(".tar.gz") || name.ends_with(".tgz")) {
            let index = read_archive(path, wanted, wanted_dirs)?;
            return Ok(Source {
                kind: Kind::Archive {
                    path: path.to_owned(),
                    index,
                },
            });
        }
        bail!(
            "{} is neither a folder nor a .tar.gz archive: give a botocore source archive \
             (botocore-X.Y.Z.tar.gz) or an unpacked botocore tree",
            path.display()
        )
    }

    /// How to name this source in messages.
    pub(super) fn describe(&self) -> String {
        match &self.kind {
            Kind::Dir { given, .. } => given.display().to_string(),
            Kind::Archive { path, .. } => path.display().to_string(),
        }
    }

    /// The contents of `rel`, or `None` if there is no such file. From an
    /// archive, `rel` must have been among the wanted files.
    pub(super) fn read(&self, rel: &str) -> Result<Option<Vec<u8>>> {
        match &self.kind {
            Kind::Dir { top, .. } => {
                let path = join(top, rel);
                match fs::read(&path) {
                    Ok(bytes) => Ok(Some(bytes)),
                    Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
                    Err(err) if path.is_dir() => {
                        Err(err).with_context(|| format!("{} is a folder", path.display()))
                    }
                    Err(err) => Err(err).with_context(|| format!("cannot read {}", path.display())),
                }
            }
            Kind::Archive { index, .. } => Ok(index.files.get(rel).cloned()),
        }
    }

    /// Whether the folder `rel` exists.
    pub(super) fn is_dir(&self, rel: &str) -> bool {
        match &self.kind {
            Kind::Dir { top, .. } => join(top, rel).is_dir(),
            Kind::Archive { index, .. } => index.dirs.contains(rel),
        }
    }

    /// Every file at any depth under the folder `rel`, as paths relative
    /// to the top of the distribution, sorted; empty if `rel` does not
    /// exist. From an archive, `rel` must have been among the wanted
    /// folders.
    pub(super) fn files_under(&self, rel: &str) -> Result<Vec<String>> {
        match &self.kind {
            Kind::Dir { top, .. } => {
                let mut files = Vec::new();
                walk_files(&join(top, rel), rel, &mut files)?;
                files.sort();
                Ok(files)
            }
            Kind::Archive { index, .. } => {
                let prefix = format!("{rel}/");
                Ok(index
                    .files
                    .keys()
                    .filter(|path| path.starts_with(&prefix))
                    .cloned()
                    .collect())
            }
        }
    }

    /// The names of the folders directly inside `rel`, sorted; empty if
    /// `rel` does not exist.
    pub(super) fn subdirs(&self, rel: &str) -> Result<Vec<String>> {
        match &self.kind {
            Kind::Dir { top, .. } => {
                let dir = join(top, rel);
                let entries = match fs::read_dir(&dir) {
                    Ok(entries) => entries,
                    Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
                    Err(err) => {
                        return Err(err).with_context(|| format!("cannot list {}", dir.display()))
                    }
                };
                let mut names = Vec::new();
                for entry in entries {
                    let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
                    if entry.path().is_dir() {
                        names.push(entry.file_name().to_string_lossy().into_owned());
                    }
                }
                names.sort();
                Ok(names)
            }
            Kind::Archive { index, .. } => {
                let prefix = format!("{rel}/");
                Ok(index
                    .dirs
                    .iter()
                    .filter_map(|d| d.strip_prefix(&prefix))
                    .filter(|rest| !rest.contains('/'))
                    .map(str::to_owned)
                    .collect())
            }
        }
    }
}

/// Adds the files under `dir` (whose path relative to the top is `rel`) to
/// `out`, recursively. A folder that does not exist has no files.
fn walk_files(dir: &Path, rel: &str, out: &mut Vec<String>) -> Result<()> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(err) => return Err(err).with_context(|| format!("cannot list {}", dir.display())),
    };
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            bail!("{} has a name that is not UTF-8", entry.path().display());
        };
        let kind = entry
            .file_type()
            .with_context(|| format!("cannot read {}", entry.path().display()))?;
        let child = format!("{rel}/{name}");
        if kind.is_dir() {
            walk_files(&entry.path(), &child, out)?;
        } else if kind.is_file() {
            out.push(child);
        }
    }
    Ok(())
}

/// `top` joined with the `/`-separated `rel`.
fn join(top: &Path, rel: &str) -> PathBuf {
    let mut path = top.to_owned();
    path.extend(rel.split('/'));
    path
}

/// Accepts the top folder of the distribution or its `botocore/` child.
fn open_dir(given: &Path) -> Result<Source> {
    let top = if join(given, "botocore/data").is_dir() {
        given.to_owned()
    } else if given.file_name().is_some_and(|n| n == "botocore") && given.join("data").is_dir() {
        given.parent().unwrap_or(Path::new("")).to_owned()
    } else {
        bail!(
            "{} is not a botocore source tree: it has no botocore/data/ folder \
             (give the unpacked botocore-X.Y.Z folder, or its botocore/ child)",
            given.display()
        );
    };
    Ok(Source {
        kind: Kind::Dir {
            given: given.to_owned(),
            top,
        },
    })
}

/// Streams once through the archive at `path`, keeping the `wanted` files,
/// the files under the `wanted_dirs` and the folder structure.
///
/// The top of the distribution is found, not assumed: an archive may hold
/// `botocore-X.Y.Z/botocore/data/…` (as source archives do) or
/// `botocore/data/…` directly, so every entry is indexed both under its
/// full path and with its first component stripped, and the reading that
/// has `botocore/data` wins.
fn read_archive(path: &Path, wanted: &[String], wanted_dirs: &[String]) -> Result<ArchiveIndex> {
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let wanted = Wanted {
        files: wanted.iter().map(String::as_str).collect(),
        dir_prefixes: wanted_dirs.iter().map(|dir| format!("{dir}/")).collect(),
    };
    // Keyed by the prefix stripped: "" or the first path component.
    let mut readings: BTreeMap<String, ArchiveIndex> = BTreeMap::new();
    index_entries(BufReader::new(file), &wanted, &mut readings)
        .with_context(|| format!("{} is not a gzip-compressed tar archive", path.display()))?;
    let top = readings
        .iter()
        .find(|(_, index)| index.dirs.contains(super::DATA_DIR))
        .map(|(prefix, _)| prefix.clone());
    match top {
        Some(top) => Ok(readings.remove(&top).unwrap_or_default()),
        None => bail!(
            "{} is not a botocore source archive: it has no botocore/data/ folder",
            path.display()
        ),
    }
}

/// What to keep of an archive.
struct Wanted<'a> {
    files: BTreeSet<&'a str>,
    /// Wanted folders, each with a trailing `/`.
    dir_prefixes: Vec<String>,
}

impl Wanted<'_> {
    fn contains(&self, rel: &str) -> bool {
        self.files.contains(rel) || self.dir_prefixes.iter().any(|dir| rel.starts_with(dir))
    }
}

fn index_entries(
    reader: impl Read,
    wanted: &Wanted<'_>,
    readings: &mut BTreeMap<String, ArchiveIndex>,
) -> io::Result<()> {
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(reader));
    for entry in archive.entries()? {
        let mut entry = entry?;
        let Some(components) = normal_components(&entry.path()?) else {
            continue;
        };
        let is_file = entry.header().entry_type().is_file();
        let is_dir = entry.header().entry_type().is_dir();
        if !(is_file || is_dir) || components.is_empty() {
            continue;
        }
        let mut contents: Option<Vec<u8>> = None;
        for strip in 0..=1 {
            if components.len() <= strip {
                continue;
            }
            let prefix = if strip == 0 {
                String::new()
            } else {
                components[0].clone()
            };
            let rel_parts = &components[strip..];
            let index = readings.entry(prefix).or_default();
            // Folders: every ancestor, and the entry itself if a folder.
            let dir_count = if is_dir {
                rel_parts.len()
            } else {
                rel_parts.len() - 1
            };
            for n in 1..=dir_count {
                index.dirs.insert(rel_parts[..n].join("/"));
            }
            if is_file {
                let rel = rel_parts.join("/");
                if wanted.contains(&rel) {
                    if contents.is_none() {
                        let mut buf = Vec::new();
                        entry.read_to_end(&mut buf)?;
                        contents = Some(buf);
                    }
                    index
                        .files
                        .insert(rel, contents.clone().unwrap_or_default());
                }
            }
        }
    }
    // The tar reader stops at the end-of-archive marker; read the rest of
    // the gzip stream so a truncated or corrupt one (bad CRC) is noticed.
    io::copy(&mut archive.into_inner(), &mut io::sink())?;
    Ok(())
}

/// The path's components as strings, ignoring `.`; `None` for paths that
/// are absolute, climb with `..` or are not UTF-8 (no botocore file is).
fn normal_components(path: &Path) -> Option<Vec<String>> {
    let mut parts = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_str()?.to_owned()),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts)
}
