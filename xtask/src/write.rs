//! Writes generated files: only those whose bytes change, removing stale
//! ones, or (in check mode) writing nothing and listing what is out of date.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use awsgen_codegen::pipeline::GeneratedFile;
use awsgen_codegen::render::{has_preamble, PREAMBLE, TOML_PREAMBLE};

/// What happened to each file.
#[derive(Debug, Default)]
pub struct WriteReport {
    pub written: Vec<PathBuf>,
    pub unchanged: usize,
    pub removed: Vec<PathBuf>,
}

impl WriteReport {
    /// Files that differ from what the generator produces.
    pub fn changed(&self) -> impl Iterator<Item = &PathBuf> {
        self.written.iter().chain(&self.removed)
    }
}

/// Brings `dir` in line with `files`. With `check`, nothing is written and
/// the report lists what would change. Stale files are removed only when
/// they carry the generator's preamble, so a user's own files in an
/// `--out` folder are never touched.
pub fn sync(dir: &Path, files: &[GeneratedFile], check: bool) -> Result<WriteReport> {
    let mut report = WriteReport::default();
    let wanted: BTreeSet<PathBuf> = files.iter().map(|f| f.path.clone()).collect();
    for file in files {
        let path = dir.join(&file.path);
        match std::fs::read(&path) {
            Ok(existing) if existing == file.contents.as_bytes() => report.unchanged += 1,
            Ok(_) => report.written.push(file.path.clone()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                report.written.push(file.path.clone())
            }
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
    }
    for stale in generated_files_in(dir)? {
        if !wanted.contains(&stale) {
            report.removed.push(stale);
        }
    }
    if check {
        return Ok(report);
    }
    for rel in &report.written {
        let path = dir.join(rel);
        let Some(file) = files.iter().find(|f| &f.path == rel) else {
            continue;
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&path, &file.contents)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    for rel in &report.removed {
        let path = dir.join(rel);
        std::fs::remove_file(&path).with_context(|| format!("cannot remove {}", path.display()))?;
        remove_empty_parents(dir, &path);
    }
    Ok(report)
}

/// Files under `dir` that the generator wrote (by their first line).
fn generated_files_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        let entries = match std::fs::read_dir(&current) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e).with_context(|| format!("cannot list {}", current.display())),
        };
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot list {}", current.display()))?;
            let path = entry.path();
            let file_type = entry.file_type()?;
            if file_type.is_dir() {
                if path.file_name().is_some_and(|n| n == "target") {
                    continue;
                }
                stack.push(path);
            } else if file_type.is_file() && is_generated(&path) {
                if let Ok(rel) = path.strip_prefix(dir) {
                    found.push(rel.to_path_buf());
                }
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Whether the file starts with the generator's exact preamble. Only the
/// first bytes are read; a file that cannot be read is never ours.
fn is_generated(path: &Path) -> bool {
    use std::io::Read;
    let longest = PREAMBLE.len().max(TOML_PREAMBLE.len());
    let mut head = Vec::with_capacity(longest);
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    match file.take(longest as u64).read_to_end(&mut head) {
        Ok(_) => has_preamble(&head),
        Err(_) => false,
    }
}

fn remove_empty_parents(root: &Path, path: &Path) {
    let mut current = path.parent();
    while let Some(dir) = current {
        if dir == root || std::fs::remove_dir(dir).is_err() {
            break;
        }
        current = dir.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("awsgen-write-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn file(path: &str, body: &str) -> GeneratedFile {
        GeneratedFile {
            path: PathBuf::from(path),
            contents: format!("{PREAMBLE}{body}"),
        }
    }

    #[test]
    fn writes_only_changes_and_removes_stale_generated_files() {
        let dir = temp_dir("sync");
        let first = [file("src/a.rs", "a"), file("src/old/b.rs", "b")];
        let report = sync(&dir, &first, false).unwrap();
        assert_eq!(report.written.len(), 2);

        std::fs::write(dir.join("src/mine.rs"), "// a user's file\n").unwrap();
        let second = [file("src/a.rs", "a"), file("src/c.rs", "c")];
        let check = sync(&dir, &second, true).unwrap();
        assert_eq!(check.written, [PathBuf::from("src/c.rs")]);
        assert_eq!(check.removed, [PathBuf::from("src/old/b.rs")]);
        assert!(
            dir.join("src/old/b.rs").exists(),
            "check mode writes nothing"
        );

        let report = sync(&dir, &second, false).unwrap();
        assert_eq!(report.unchanged, 1);
        assert!(!dir.join("src/old").exists(), "empty folders go too");
        assert!(
            dir.join("src/mine.rs").exists(),
            "files without the preamble stay"
        );
        assert_eq!(sync(&dir, &second, true).unwrap().changed().count(), 0);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A user's file is removed only if it carries the exact preamble: files
    /// whose first line is a prefix of it, or that start like the
    /// `Cargo.toml` marker, or have it with another line ending, all stay.
    #[test]
    fn never_removes_a_file_without_the_exact_preamble() {
        let dir = temp_dir("lookalikes");
        let first_line = PREAMBLE.trim_end_matches('\n');
        let lookalikes = [
            ("a.rs", "//\nfn main() {}\n".to_owned()),
            ("b.rs", "// Generated\nfn mine() {}\n".to_owned()),
            (
                "c.rs",
                format!("{}\nfn mine() {{}}\n", &first_line[..first_line.len() - 1]),
            ),
            ("d.rs", first_line.to_owned()),
            ("e.rs", format!("{first_line}\r\nfn mine() {{}}\n")),
            ("f.rs", format!(" {PREAMBLE}")),
            (
                "Cargo.toml",
                "# Generated by `cargo xtask codegen` by hand\n".to_owned(),
            ),
            ("g.toml", "#\n".to_owned()),
            ("empty.rs", String::new()),
        ];
        for (name, contents) in &lookalikes {
            std::fs::write(dir.join(name), contents).unwrap();
        }
        std::fs::write(dir.join("ours.rs"), format!("{PREAMBLE}fn ours() {{}}\n")).unwrap();
        std::fs::write(dir.join("ours.toml"), format!("{TOML_PREAMBLE}[package]\n")).unwrap();

        let report = sync(&dir, &[], false).unwrap();
        assert_eq!(
            report.removed,
            [PathBuf::from("ours.rs"), PathBuf::from("ours.toml")]
        );
        for (name, contents) in &lookalikes {
            let kept = std::fs::read_to_string(dir.join(name)).unwrap();
            assert_eq!(&kept, contents, "{name} must be left as it was");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
