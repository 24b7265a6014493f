//! Writing the imported files: only those whose bytes change, each through a
//! temporary file beside it, all temporary files before the first rename.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// What an import did to one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileChange {
    /// The file did not exist.
    Added,
    /// The file existed with other bytes.
    Updated,
    /// The file already had these bytes and was not written.
    Unchanged,
    /// The file was in a copied folder and is no longer in botocore's.
    Removed,
}

impl fmt::Display for FileChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FileChange::Added => "added",
            FileChange::Updated => "updated",
            FileChange::Unchanged => "unchanged",
            FileChange::Removed => "removed",
        })
    }
}

/// Writes `files` (paths relative to `root`) and tells what changed.
pub(super) fn write_files(
    root: &Path,
    files: Vec<(PathBuf, Vec<u8>)>,
) -> Result<Vec<(PathBuf, FileChange)>> {
    let mut changes = Vec::with_capacity(files.len());
    let mut to_write = Vec::new();
    for (rel, bytes) in files {
        let dest = root.join(&rel);
        let change = match fs::read(&dest) {
            Ok(old) if old == bytes => FileChange::Unchanged,
            Ok(_) => FileChange::Updated,
            Err(err) if err.kind() == io::ErrorKind::NotFound => FileChange::Added,
            Err(err) => return Err(err).with_context(|| format!("cannot read {}", dest.display())),
        };
        if change != FileChange::Unchanged {
            to_write.push((dest, bytes));
        }
        changes.push((rel, change));
    }

    // Stage every file first, so that a failure (disk full, permissions)
    // happens before any destination is touched.
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::with_capacity(to_write.len());
    for (dest, bytes) in &to_write {
        match stage(dest, bytes) {
            Ok(temp) => staged.push((temp, dest.clone())),
            Err(err) => {
                remove_temps(staged.iter().map(|(temp, _)| temp));
                return Err(err);
            }
        }
    }
    for (i, (temp, dest)) in staged.iter().enumerate() {
        if let Err(err) = fs::rename(temp, dest) {
            remove_temps(staged[i..].iter().map(|(temp, _)| temp));
            let done: Vec<String> = staged[..i]
                .iter()
                .map(|(_, dest)| dest.display().to_string())
                .collect();
            return Err(err).with_context(|| {
                format!(
                    "cannot rename {} to {} (already replaced: {})",
                    temp.display(),
                    dest.display(),
                    if done.is_empty() {
                        "none".to_owned()
                    } else {
                        done.join(", ")
                    }
                )
            });
        }
    }
    Ok(changes)
}

/// Removes `stale` (paths relative to `root`), and then each folder they
/// leave empty up to the first one that is not.
pub(super) fn remove_files(root: &Path, stale: &[PathBuf]) -> Result<Vec<(PathBuf, FileChange)>> {
    let mut changes = Vec::with_capacity(stale.len());
    for rel in stale {
        let path = root.join(rel);
        fs::remove_file(&path).with_context(|| {
            format!(
                "cannot remove {}, which botocore no longer has (everything else is imported)",
                path.display()
            )
        })?;
        let mut dir = path.parent();
        // `remove_dir` fails on a folder that is not empty, which ends it.
        while let Some(d) = dir.filter(|d| d.starts_with(root) && *d != root) {
            if fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
        changes.push((rel.clone(), FileChange::Removed));
    }
    Ok(changes)
}

/// Writes `bytes` to a temporary file in `dest`'s folder (created if need
/// be) and returns its path.
fn stage(dest: &Path, bytes: &[u8]) -> Result<PathBuf> {
    let dir = dest.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).with_context(|| format!("cannot create folder {}", dir.display()))?;
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.import-tmp", std::process::id()));
    let result = File::create(&temp)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        })
        .with_context(|| format!("cannot write {}", temp.display()));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result.map(|()| temp)
}

fn remove_temps<'a>(temps: impl Iterator<Item = &'a PathBuf>) {
    for temp in temps {
        // Best effort: the error being reported matters more.
        let _ = fs::remove_file(temp);
    }
}
