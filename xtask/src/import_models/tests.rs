//! Tests on small fake botocore trees and archives built in a temporary
//! folder.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

use flate2::write::GzEncoder;
use flate2::Compression;

use super::*;

/// A folder under the system's temporary folder, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!(
            "xtask-import-models-{}-{n}-{name}",
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    /// A new empty folder inside, standing for a repository root.
    fn repo(&self) -> PathBuf {
        let repo = self.0.join("repo");
        fs::create_dir_all(&repo).unwrap();
        repo
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

type Files = Vec<(String, Vec<u8>)>;

/// The contents of a small botocore distribution (paths relative to its
/// top folder).
fn fake_distribution(version: &str) -> Files {
    let mut files: Files = vec![
        (
            "PKG-INFO".into(),
            format!("Metadata-Version: 2.1\nName: botocore\nVersion: {version}\nSummary: x\n")
                .into(),
        ),
        (
            "botocore/__init__.py".into(),
            format!("import os\n\n__version__ = '{version}'\n").into(),
        ),
        ("LICENSE.txt".into(), b"Apache License\n".to_vec()),
        ("NOTICE".into(), b"Botocore\nCopyright Amazon\n".to_vec()),
        ("README.rst".into(), b"botocore\n".to_vec()),
        (
            "botocore/data/s3/2006-03-01/service-2.json".into(),
            b"{\"s3\": true}".to_vec(),
        ),
        (
            "tests/unit/protocols/input/rest-json.json".into(),
            b"[]".to_vec(),
        ),
        (
            "tests/unit/protocols/output/rest-json.json".into(),
            b"[{\"cases\": []}]".to_vec(),
        ),
        (
            "tests/unit/protocols/protocol-tests-ignore-list.json".into(),
            b"{}".to_vec(),
        ),
        (
            "tests/functional/endpoint-rules/iot/endpoint-tests-1.json".into(),
            b"{\"testCases\": []}".to_vec(),
        ),
        (
            "tests/functional/endpoint-rules/iot-jobs-data/endpoint-tests-1.json".into(),
            b"{\"testCases\": []}".to_vec(),
        ),
        // Not copied: beside the suite folder, not in it.
        (
            "tests/unit/auth/test_sigv4.py".into(),
            b"import os\n".to_vec(),
        ),
    ];
    for (rel, bytes) in SIGV4_SUITE {
        files.push((
            format!("tests/unit/auth/aws4_testsuite/{rel}"),
            bytes.to_vec(),
        ));
    }
    for (service, api_version) in SERVICES {
        let dir = format!("botocore/data/{service}/{api_version}");
        for name in SERVICE_FILES {
            files.push((
                format!("{dir}/{name}"),
                format!("{{\"file\": \"{service}/{name}\", \"version\": \"{version}\"}}\n").into(),
            ));
        }
        files.push((format!("{dir}/examples-1.json"), b"{}".to_vec()));
    }
    // The rest of the table's JSON files (partitions, endpoint suites).
    for (source, _, content) in EXTRA_FILES {
        if *content == Content::Json && !files.iter().any(|(rel, _)| rel == source) {
            files.push(((*source).to_owned(), b"{}".to_vec()));
        }
    }
    files
}

/// A few files of the SigV4 suite folder, nested as in botocore.
const SIGV4_SUITE: &[(&str, &[u8])] = &[
    ("LICENSE", b"Apache License\n"),
    (
        "get-vanilla/get-vanilla.req",
        b"GET / HTTP/1.1\nHost:example.amazonaws.com\n",
    ),
    (
        "get-vanilla/get-vanilla.authz",
        b"AWS4-HMAC-SHA256 Credential=AKID/...",
    ),
    (
        "post-sts-token/post-sts-header-after/post-sts-header-after.req",
        b"POST / HTTP/1.1\n",
    ),
];

/// Where the SigV4 suite lands in the repository.
const SIGV4_DEST: &str = "tests/fixtures/botocore/aws4_testsuite";

fn set(files: &mut Files, rel: &str, bytes: &[u8]) {
    match files.iter_mut().find(|(r, _)| r == rel) {
        Some(entry) => entry.1 = bytes.to_vec(),
        None => files.push((rel.to_owned(), bytes.to_vec())),
    }
}

fn remove(files: &mut Files, rel_prefix: &str) {
    files.retain(|(r, _)| !r.starts_with(rel_prefix));
}

fn get<'a>(files: &'a Files, rel: &str) -> &'a [u8] {
    &files.iter().find(|(r, _)| r == rel).unwrap().1
}

fn write_tree(top: &Path, files: &Files) {
    for (rel, bytes) in files {
        let path = top.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
}

/// The bytes of a tar archive of `files`, each under `top/` if given, with
/// explicit folder entries if `with_dirs`.
fn tar_bytes(top: Option<&str>, files: &Files, with_dirs: bool) -> Vec<u8> {
    let mut builder = tar::Builder::new(Vec::new());
    let full = |rel: &str| match top {
        Some(top) => format!("{top}/{rel}"),
        None => rel.to_owned(),
    };
    if with_dirs {
        let mut dirs = std::collections::BTreeSet::new();
        if let Some(top) = top {
            dirs.insert(top.to_owned());
        }
        for (rel, _) in files {
            let parts: Vec<&str> = rel.split('/').collect();
            for n in 1..parts.len() {
                dirs.insert(full(&parts[..n].join("/")));
            }
        }
        for dir in dirs {
            let mut header = tar::Header::new_gnu();
            header.set_entry_type(tar::EntryType::Directory);
            header.set_size(0);
            header.set_mode(0o755);
            builder
                .append_data(&mut header, format!("{dir}/"), std::io::empty())
                .unwrap();
        }
    }
    for (rel, bytes) in files {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        builder
            .append_data(&mut header, full(rel), bytes.as_slice())
            .unwrap();
    }
    builder.into_inner().unwrap()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn write_archive(path: &Path, top: Option<&str>, files: &Files, with_dirs: bool) {
    fs::write(path, gzip(&tar_bytes(top, files, with_dirs))).unwrap();
}

/// Every file under `root`, relative and `/`-separated, sorted.
fn list_files(root: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap();
                let parts: Vec<_> = rel.iter().map(|p| p.to_string_lossy()).collect();
                out.push(parts.join("/"));
            }
        }
    }
    let mut out = Vec::new();
    if root.exists() {
        walk(root, root, &mut out);
    }
    out.sort();
    out
}

/// What a successful import into an empty repository must produce.
fn expected_files() -> Vec<String> {
    let mut files = vec!["models/BOTOCORE_VERSION".to_owned()];
    for (service, version) in SERVICES {
        for name in SERVICE_FILES {
            files.push(format!("models/{service}/{version}/{name}"));
        }
    }
    for (_, dest, _) in EXTRA_FILES {
        files.push((*dest).to_owned());
    }
    for (rel, _) in SIGV4_SUITE {
        files.push(format!("{SIGV4_DEST}/{rel}"));
    }
    files.sort();
    files
}

/// Checks a fresh import of `dist` into `repo`.
fn assert_imported(summary: &ImportSummary, repo: &Path, dist: &Files, version: &str) {
    assert_eq!(summary.botocore_version, version);
    assert_eq!(summary.files.len(), expected_files().len());
    assert!(summary.files.iter().all(|(_, c)| *c == FileChange::Added));
    assert_eq!(list_files(repo), expected_files());
    assert_eq!(
        fs::read_to_string(repo.join("models/BOTOCORE_VERSION")).unwrap(),
        format!("{version}\n")
    );
    for file in import_table() {
        assert_eq!(
            fs::read(repo.join(&file.dest)).unwrap(),
            get(dist, &file.source),
            "{}",
            file.source
        );
    }
    for (rel, _) in SIGV4_SUITE {
        assert_eq!(
            fs::read(repo.join(SIGV4_DEST).join(rel)).unwrap(),
            get(dist, &format!("tests/unit/auth/aws4_testsuite/{rel}")),
            "{rel}"
        );
    }
}

fn err_text<T: std::fmt::Debug>(result: Result<T>) -> String {
    format!("{:#}", result.unwrap_err())
}

#[test]
fn table_lists_every_service_file_then_extras() {
    let table = import_table();
    assert_eq!(
        table.len(),
        SERVICES.len() * SERVICE_FILES.len() + EXTRA_FILES.len()
    );
    assert_eq!(
        table[0],
        ImportFile {
            source: "botocore/data/iot/2015-05-28/service-2.json".into(),
            dest: ["models", "iot", "2015-05-28", "service-2.json"]
                .iter()
                .collect(),
            content: Content::Json,
        }
    );
    let last = table.last().unwrap();
    assert_eq!(last.source, "NOTICE");
    assert_eq!(
        last.dest,
        Path::new("tests/fixtures/botocore").join("NOTICE")
    );
    assert_eq!(last.content, Content::Text);
    assert!(table
        .iter()
        .any(|f| f.source == "tests/unit/protocols/input/rest-json.json"
            && f.dest == Path::new("tests/fixtures/botocore/protocols/input/rest-json.json")));
}

#[test]
fn imports_from_unpacked_top_folder() {
    let tmp = TempDir::new("dir-top");
    let dist = fake_distribution("1.44.5");
    let top = tmp.path().join("botocore-1.44.5");
    write_tree(&top, &dist);
    let repo = tmp.repo();
    let summary = import_models(&top, &repo).unwrap();
    assert_imported(&summary, &repo, &dist, "1.44.5");
    assert_eq!(
        summary.files[0],
        (
            ["models", "iot", "2015-05-28", "service-2.json"]
                .iter()
                .collect(),
            FileChange::Added
        )
    );
    assert_eq!(
        summary.files.last().unwrap().0,
        ["models", "BOTOCORE_VERSION"].iter().collect::<PathBuf>()
    );
}

#[test]
fn imports_from_botocore_child_folder() {
    let tmp = TempDir::new("dir-child");
    let dist = fake_distribution("1.44.5");
    let top = tmp.path().join("botocore-1.44.5");
    write_tree(&top, &dist);
    let repo = tmp.repo();
    let summary = import_models(&top.join("botocore"), &repo).unwrap();
    assert_imported(&summary, &repo, &dist, "1.44.5");
}

#[test]
fn imports_from_source_archive() {
    let tmp = TempDir::new("archive");
    let dist = fake_distribution("1.44.5");
    let archive = tmp.path().join("botocore-1.44.5.tar.gz");
    write_archive(&archive, Some("botocore-1.44.5"), &dist, true);
    let repo = tmp.repo();
    let summary = import_models(&archive, &repo).unwrap();
    assert_imported(&summary, &repo, &dist, "1.44.5");
}

#[test]
fn imports_from_archive_without_top_folder_or_folder_entries() {
    let tmp = TempDir::new("archive-flat");
    let dist = fake_distribution("1.2.3");
    let archive = tmp.path().join("flat.tgz");
    write_archive(&archive, None, &dist, false);
    let repo = tmp.repo();
    let summary = import_models(&archive, &repo).unwrap();
    assert_imported(&summary, &repo, &dist, "1.2.3");
}

#[test]
fn version_falls_back_to_init_py() {
    let tmp = TempDir::new("init-py");
    let mut dist = fake_distribution("1.44.5");
    remove(&mut dist, "PKG-INFO");
    set(
        &mut dist,
        "botocore/__init__.py",
        b"import logging\n__version__ = \"1.45.0\"\n",
    );
    write_archive(&tmp.path().join("b.tar.gz"), Some("b"), &dist, true);
    let repo = tmp.repo();
    let summary = import_models(&tmp.path().join("b.tar.gz"), &repo).unwrap();
    assert_eq!(summary.botocore_version, "1.45.0");
    assert_eq!(
        fs::read_to_string(repo.join("models/BOTOCORE_VERSION")).unwrap(),
        "1.45.0\n"
    );
}

#[test]
fn unchanged_files_are_not_rewritten() {
    let tmp = TempDir::new("unchanged");
    let dist = fake_distribution("1.44.5");
    let archive = tmp.path().join("botocore-1.44.5.tar.gz");
    write_archive(&archive, Some("botocore-1.44.5"), &dist, true);
    let repo = tmp.repo();
    import_models(&archive, &repo).unwrap();

    // Backdate every file; a rewrite would move its modification time.
    let old = SystemTime::now() - Duration::from_secs(10 * 24 * 3600);
    for rel in expected_files() {
        let file = fs::File::options()
            .write(true)
            .open(repo.join(rel))
            .unwrap();
        file.set_modified(old).unwrap();
    }
    let summary = import_models(&archive, &repo).unwrap();
    assert!(summary
        .files
        .iter()
        .all(|(_, c)| *c == FileChange::Unchanged));
    for rel in expected_files() {
        let modified = fs::metadata(repo.join(&rel)).unwrap().modified().unwrap();
        assert_eq!(modified, old, "{rel} was rewritten");
    }
    assert_eq!(list_files(&repo), expected_files());
}

#[test]
fn only_changed_files_are_updated() {
    let tmp = TempDir::new("updated");
    let mut dist = fake_distribution("1.44.5");
    let top = tmp.path().join("botocore");
    write_tree(&top, &dist);
    let repo = tmp.repo();
    import_models(&top, &repo).unwrap();

    let changed = "botocore/data/iot-jobs-data/2017-09-29/paginators-1.json";
    set(&mut dist, changed, b"{\"pagination\": {}}");
    set(&mut dist, "PKG-INFO", b"Version: 1.44.6\n");
    write_tree(&top, &dist);
    let summary = import_models(&top, &repo).unwrap();
    let updated: Vec<&Path> = summary
        .files
        .iter()
        .filter(|(_, c)| *c == FileChange::Updated)
        .map(|(p, _)| p.as_path())
        .collect();
    assert_eq!(
        updated,
        [
            Path::new("models/iot-jobs-data/2017-09-29/paginators-1.json"),
            Path::new("models/BOTOCORE_VERSION"),
        ]
    );
    assert_eq!(
        summary.count(FileChange::Unchanged),
        expected_files().len() - 2
    );
    assert_eq!(
        fs::read(repo.join("models/iot-jobs-data/2017-09-29/paginators-1.json")).unwrap(),
        b"{\"pagination\": {}}"
    );
    assert_eq!(
        fs::read_to_string(repo.join("models/BOTOCORE_VERSION")).unwrap(),
        "1.44.6\n"
    );
    assert_eq!(list_files(&repo), expected_files());
}

#[test]
fn gzip_compressed_json_is_accepted() {
    let tmp = TempDir::new("json-gz");
    let mut dist = fake_distribution("1.44.5");
    let rel = "botocore/data/iot/2015-05-28/service-2.json";
    let plain = get(&dist, rel).to_vec();
    remove(&mut dist, rel);
    set(&mut dist, &format!("{rel}.gz"), &gzip(&plain));
    let archive = tmp.path().join("botocore-1.44.5.tar.gz");
    write_archive(&archive, Some("botocore-1.44.5"), &dist, true);
    let repo = tmp.repo();
    import_models(&archive, &repo).unwrap();
    assert_eq!(
        fs::read(repo.join("models/iot/2015-05-28/service-2.json")).unwrap(),
        plain
    );
}

#[test]
fn summary_displays_each_file_and_totals() {
    let summary = ImportSummary {
        botocore_version: "1.44.5".into(),
        previous_version: None,
        files: vec![
            (PathBuf::from("models/a.json"), FileChange::Added),
            (PathBuf::from("models/b.json"), FileChange::Unchanged),
        ],
        replaced: Vec::new(),
    };
    assert_eq!(
        summary.to_string(),
        "imported from botocore 1.44.5\n  added     models/a.json\n  \
         unchanged models/b.json\n1 added, 0 updated, 1 unchanged"
    );
}

// Errors. Each also checks that nothing was written.

/// Imports `source` into a fresh repository and returns the error message.
fn import_error(tmp: &TempDir, source: &Path) -> String {
    let repo = tmp.repo();
    let message = err_text(import_models(source, &repo));
    assert_eq!(list_files(&repo), Vec::<String>::new(), "{message}");
    assert!(!repo.join("models").exists(), "{message}");
    message
}

/// Imports an archive of `files` and returns the error message.
fn archive_error(tmp: &TempDir, files: &Files) -> String {
    let archive = tmp.path().join("botocore-1.44.5.tar.gz");
    write_archive(&archive, Some("botocore-1.44.5"), files, true);
    import_error(tmp, &archive)
}

/// Imports an unpacked tree of `files` and returns the error message.
fn dir_error(tmp: &TempDir, files: &Files) -> String {
    let top = tmp.path().join("botocore-1.44.5");
    write_tree(&top, files);
    import_error(tmp, &top)
}

#[test]
fn error_when_source_does_not_exist() {
    let tmp = TempDir::new("missing");
    let path = tmp.path().join("botocore-9.9.9.tar.gz");
    let message = import_error(&tmp, &path);
    assert_eq!(
        message,
        format!("botocore source {} does not exist", path.display())
    );
}

#[test]
fn error_when_source_is_neither_folder_nor_archive() {
    let tmp = TempDir::new("not-archive");
    let path = tmp.path().join("botocore-1.44.5.zip");
    fs::write(&path, b"PK").unwrap();
    let message = import_error(&tmp, &path);
    assert!(
        message.starts_with(&format!(
            "{} is neither a folder nor a .tar.gz archive",
            path.display()
        )),
        "{message}"
    );
}

#[test]
fn error_when_archive_is_not_gzip() {
    let tmp = TempDir::new("not-gzip");
    let path = tmp.path().join("botocore-1.44.5.tar.gz");
    // A plain tar archive under a .tar.gz name.
    fs::write(&path, tar_bytes(None, &fake_distribution("1"), true)).unwrap();
    let message = import_error(&tmp, &path);
    let expected = format!("{} is not a gzip-compressed tar archive: ", path.display());
    assert!(message.starts_with(&expected), "{message}");
}

#[test]
fn error_when_archive_is_empty_file() {
    let tmp = TempDir::new("empty");
    let path = tmp.path().join("botocore-1.44.5.tar.gz");
    fs::write(&path, b"").unwrap();
    let message = import_error(&tmp, &path);
    // An empty file is no gzip stream; either message names the file.
    assert!(
        message.starts_with(&format!("{} is not a", path.display())),
        "{message}"
    );
}

#[test]
fn error_when_gzip_is_truncated() {
    let tmp = TempDir::new("truncated");
    let path = tmp.path().join("botocore-1.44.5.tar.gz");
    let whole = gzip(&tar_bytes(Some("b"), &fake_distribution("1"), true));
    for cut in [whole.len() / 2, whole.len() - 4] {
        fs::write(&path, &whole[..cut]).unwrap();
        let message = import_error(&tmp, &path);
        let expected = format!("{} is not a gzip-compressed tar archive: ", path.display());
        assert!(message.starts_with(&expected), "cut at {cut}: {message}");
    }
}

#[test]
fn error_when_gzip_checksum_is_wrong() {
    let tmp = TempDir::new("bad-crc");
    let path = tmp.path().join("botocore-1.44.5.tar.gz");
    let mut bytes = gzip(&tar_bytes(Some("b"), &fake_distribution("1"), true));
    let crc_at = bytes.len() - 8;
    bytes[crc_at] ^= 0xff;
    fs::write(&path, &bytes).unwrap();
    let message = import_error(&tmp, &path);
    let expected = format!("{} is not a gzip-compressed tar archive: ", path.display());
    assert!(message.starts_with(&expected), "{message}");
}

#[test]
fn error_when_gzip_holds_no_tar() {
    let tmp = TempDir::new("gzip-not-tar");
    let path = tmp.path().join("botocore-1.44.5.tar.gz");
    let text = "this is not a tar archive\n".repeat(100);
    fs::write(&path, gzip(text.as_bytes())).unwrap();
    let message = import_error(&tmp, &path);
    let expected = format!("{} is not a gzip-compressed tar archive: ", path.display());
    assert!(message.starts_with(&expected), "{message}");
}

#[test]
fn error_when_archive_is_not_botocore() {
    let tmp = TempDir::new("archive-not-botocore");
    let files: Files = vec![
        ("PKG-INFO".into(), b"Version: 2.0.0\n".to_vec()),
        ("requests/__init__.py".into(), b"".to_vec()),
    ];
    let message = archive_error(&tmp, &files);
    assert!(
        message.ends_with("is not a botocore source archive: it has no botocore/data/ folder"),
        "{message}"
    );
}

#[test]
fn error_when_folder_is_not_botocore() {
    let tmp = TempDir::new("dir-not-botocore");
    let files: Files = vec![("botocore/__init__.py".into(), b"".to_vec())];
    let message = dir_error(&tmp, &files);
    assert!(
        message.contains("is not a botocore source tree: it has no botocore/data/ folder"),
        "{message}"
    );
}

#[test]
fn error_lists_versions_present_when_service_version_is_missing() {
    let tmp = TempDir::new("wrong-version");
    let mut dist = fake_distribution("1.44.5");
    remove(&mut dist, "botocore/data/iot/2015-05-28/");
    set(
        &mut dist,
        "botocore/data/iot/2014-01-01/service-2.json",
        b"{}",
    );
    set(
        &mut dist,
        "botocore/data/iot/2020-02-02/service-2.json",
        b"{}",
    );
    let message = archive_error(&tmp, &dist);
    assert!(
        message.starts_with(
            "botocore/data/iot/2015-05-28/ not found in \
             "
        ),
        "{message}"
    );
    assert!(
        message.ends_with("; versions of iot present: 2014-01-01, 2020-02-02"),
        "{message}"
    );
    // The same from a folder.
    let tmp = TempDir::new("wrong-version-dir");
    let message = dir_error(&tmp, &dist);
    assert!(
        message.ends_with("; versions of iot present: 2014-01-01, 2020-02-02"),
        "{message}"
    );
}

#[test]
fn error_when_service_is_missing_entirely() {
    let tmp = TempDir::new("no-service");
    let mut dist = fake_distribution("1.44.5");
    remove(&mut dist, "botocore/data/iot-jobs-data/");
    let message = archive_error(&tmp, &dist);
    assert!(
        message.starts_with("botocore/data/iot-jobs-data/2017-09-29/ not found in "),
        "{message}"
    );
    assert!(
        message.ends_with("it has no botocore/data/iot-jobs-data/ folder at all"),
        "{message}"
    );
}

#[test]
fn error_when_required_file_is_missing() {
    let rel = "botocore/data/iot/2015-05-28/endpoint-rule-set-1.json";
    let mut dist = fake_distribution("1.44.5");
    remove(&mut dist, rel);

    let tmp = TempDir::new("missing-file");
    let message = archive_error(&tmp, &dist);
    let archive = tmp.path().join("botocore-1.44.5.tar.gz");
    assert_eq!(
        message,
        format!("required file {rel} not found in {}", archive.display())
    );

    let tmp = TempDir::new("missing-file-dir");
    let message = dir_error(&tmp, &dist);
    let top = tmp.path().join("botocore-1.44.5");
    assert_eq!(
        message,
        format!("required file {rel} not found in {}", top.display())
    );

    let tmp = TempDir::new("missing-license");
    let mut dist = fake_distribution("1.44.5");
    remove(&mut dist, "NOTICE");
    let message = archive_error(&tmp, &dist);
    assert!(
        message.starts_with("required file NOTICE not found in "),
        "{message}"
    );
}

#[test]
fn error_names_file_line_and_column_of_invalid_json() {
    let rel = "botocore/data/iot-jobs-data/2017-09-29/service-2.json";
    let mut dist = fake_distribution("1.44.5");
    set(
        &mut dist,
        rel,
        b"{\n  \"version\": \"2.0\",\n  \"metadata\": ,\n}\n",
    );

    let tmp = TempDir::new("bad-json");
    let message = archive_error(&tmp, &dist);
    let archive = tmp.path().join("botocore-1.44.5.tar.gz");
    assert_eq!(
        message,
        format!(
            "{rel} in {}: not valid JSON: expected value at line 3 column 15",
            archive.display()
        )
    );

    let tmp = TempDir::new("bad-json-dir");
    let message = dir_error(&tmp, &dist);
    assert!(
        message.ends_with("not valid JSON: expected value at line 3 column 15"),
        "{message}"
    );
}

#[test]
fn error_when_version_is_unknown() {
    let tmp = TempDir::new("no-version");
    let mut dist = fake_distribution("1.44.5");
    remove(&mut dist, "PKG-INFO");
    set(&mut dist, "botocore/__init__.py", b"import os\n");
    let message = archive_error(&tmp, &dist);
    assert!(
        message.starts_with("cannot tell the botocore version of "),
        "{message}"
    );
}

#[test]
fn error_when_repository_root_does_not_exist() {
    let tmp = TempDir::new("no-repo");
    let top = tmp.path().join("botocore-1.44.5");
    write_tree(&top, &fake_distribution("1.44.5"));
    let repo = tmp.path().join("nowhere");
    let message = err_text(import_models(&top, &repo));
    assert!(
        message.starts_with("repository root") && message.contains("does not exist"),
        "{message}"
    );
    assert!(!repo.exists());
}

#[test]
fn failed_import_leaves_previous_models_untouched() {
    let tmp = TempDir::new("keep-previous");
    let mut dist = fake_distribution("1.44.5");
    let top = tmp.path().join("botocore-1.44.5");
    write_tree(&top, &dist);
    let repo = tmp.repo();
    import_models(&top, &repo).unwrap();

    // A newer distribution whose last service file is broken.
    let good_change = "botocore/data/iot/2015-05-28/service-2.json";
    let bad = "botocore/data/iot-jobs-data/2017-09-29/endpoint-rule-set-1.json";
    set(&mut dist, good_change, b"{\"changed\": true}");
    set(&mut dist, bad, b"{\"truncated\": ");
    set(&mut dist, "PKG-INFO", b"Version: 1.50.0\n");
    write_tree(&top, &dist);
    let message = err_text(import_models(&top, &repo));
    assert!(message.contains("not valid JSON"), "{message}");

    assert_eq!(list_files(&repo), expected_files());
    assert_eq!(
        fs::read_to_string(repo.join("models/BOTOCORE_VERSION")).unwrap(),
        "1.44.5\n"
    );
    assert_ne!(
        fs::read(repo.join("models/iot/2015-05-28/service-2.json")).unwrap(),
        b"{\"changed\": true}"
    );
}

/// Imports a real botocore source archive into a temporary repository:
/// `AWSGEN_BOTOCORE_SDIST=path/to/botocore-X.Y.Z.tar.gz cargo test -p xtask
/// -- --ignored real_botocore`.
#[test]
#[ignore = "needs a real botocore source archive in AWSGEN_BOTOCORE_SDIST"]
fn real_botocore_archive() {
    let archive = PathBuf::from(
        std::env::var_os("AWSGEN_BOTOCORE_SDIST")
            .expect("set AWSGEN_BOTOCORE_SDIST to a botocore-X.Y.Z.tar.gz"),
    );
    let tmp = TempDir::new("real");
    let repo = tmp.repo();
    let summary = import_models(&archive, &repo).unwrap();
    let name = archive.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(
        name,
        format!("botocore-{}.tar.gz", summary.botocore_version)
    );
    // The fake suite folder is a few files; the real one, every case.
    let outside_suite = |files: Vec<String>| -> Vec<String> {
        files
            .into_iter()
            .filter(|f| !f.starts_with(SIGV4_DEST))
            .collect()
    };
    let files = list_files(&repo);
    assert_eq!(summary.count(FileChange::Added), files.len());
    assert_eq!(
        outside_suite(files.clone()),
        outside_suite(expected_files())
    );
    let requests = files.iter().filter(|f| f.ends_with(".req")).count();
    assert!(requests >= 30, "{requests} .req files in the SigV4 suite");
}

#[test]
fn replaced_service_models_are_kept_for_the_changelog() {
    let tmp = TempDir::new("replaced");
    let mut dist = fake_distribution("1.44.5");
    let top = tmp.path().join("botocore");
    write_tree(&top, &dist);
    let repo = tmp.repo();
    let first = import_models(&top, &repo).unwrap();
    // Nothing was there before: nothing to compare.
    assert_eq!(first.previous_version, None);
    assert!(first.replaced.is_empty());

    let model = "botocore/data/iot/2015-05-28/service-2.json";
    let old = get(&dist, model).to_vec();
    set(&mut dist, model, b"{\"metadata\": {}}\n");
    // A changed paginator is not a model change.
    set(
        &mut dist,
        "botocore/data/iot-jobs-data/2017-09-29/paginators-1.json",
        b"{\"pagination\": {}}",
    );
    set(&mut dist, "PKG-INFO", b"Version: 1.44.6\n");
    write_tree(&top, &dist);
    let second = import_models(&top, &repo).unwrap();
    assert_eq!(second.previous_version.as_deref(), Some("1.44.5"));
    assert_eq!(
        second.replaced,
        [ReplacedModel {
            service: "iot".to_owned(),
            path: PathBuf::from("models/iot/2015-05-28/service-2.json"),
            old,
            new: b"{\"metadata\": {}}\n".to_vec(),
        }]
    );

    // Importing the same again replaces nothing.
    let third = import_models(&top, &repo).unwrap();
    assert_eq!(third.previous_version.as_deref(), Some("1.44.6"));
    assert!(third.replaced.is_empty());
}

#[test]
fn suite_folder_files_come_after_the_table_and_before_the_version() {
    let tmp = TempDir::new("suite-order");
    let dist = fake_distribution("1.44.5");
    let archive = tmp.path().join("botocore-1.44.5.tar.gz");
    write_archive(&archive, Some("botocore-1.44.5"), &dist, true);
    let repo = tmp.repo();
    let summary = import_models(&archive, &repo).unwrap();
    let table_len = import_table().len();
    let suite: Vec<String> = summary.files[table_len..summary.files.len() - 1]
        .iter()
        .map(|(path, _)| {
            let parts: Vec<_> = path.iter().map(|p| p.to_string_lossy()).collect();
            parts.join("/")
        })
        .collect();
    let mut expected: Vec<String> = SIGV4_SUITE
        .iter()
        .map(|(rel, _)| format!("{SIGV4_DEST}/{rel}"))
        .collect();
    expected.sort();
    assert_eq!(suite, expected);
    assert!(!repo.join("tests/fixtures/botocore/test_sigv4.py").exists());
}

#[test]
fn error_when_suite_folder_is_missing() {
    let mut dist = fake_distribution("1.44.5");
    remove(&mut dist, "tests/unit/auth/aws4_testsuite/");
    let tmp = TempDir::new("missing-suite");
    let message = archive_error(&tmp, &dist);
    let archive = tmp.path().join("botocore-1.44.5.tar.gz");
    assert_eq!(
        message,
        format!(
            "required folder tests/unit/auth/aws4_testsuite/ not found in {}, or empty",
            archive.display()
        )
    );
    let tmp = TempDir::new("missing-suite-dir");
    let message = dir_error(&tmp, &dist);
    assert!(
        message.starts_with("required folder tests/unit/auth/aws4_testsuite/ not found in "),
        "{message}"
    );
}

#[test]
fn files_botocore_no_longer_has_are_removed_from_the_suite_folder() {
    let tmp = TempDir::new("suite-stale");
    let mut dist = fake_distribution("1.44.5");
    let top = tmp.path().join("botocore-1.44.5");
    write_tree(&top, &dist);
    let repo = tmp.repo();
    import_models(&top, &repo).unwrap();

    // A release without one file of get-vanilla and without the whole
    // post-sts-token folder.
    fs::remove_dir_all(&top).unwrap();
    remove(
        &mut dist,
        "tests/unit/auth/aws4_testsuite/get-vanilla/get-vanilla.authz",
    );
    remove(&mut dist, "tests/unit/auth/aws4_testsuite/post-sts-token/");
    write_tree(&top, &dist);
    let summary = import_models(&top, &repo).unwrap();

    let removed: Vec<PathBuf> = summary
        .files
        .iter()
        .filter(|(_, change)| *change == FileChange::Removed)
        .map(|(path, _)| path.clone())
        .collect();
    assert_eq!(
        removed,
        vec![
            Path::new(SIGV4_DEST)
                .join("get-vanilla")
                .join("get-vanilla.authz"),
            Path::new(SIGV4_DEST)
                .join("post-sts-token")
                .join("post-sts-header-after")
                .join("post-sts-header-after.req"),
        ]
    );
    assert_eq!(
        summary.files.last().unwrap().0,
        ["models", "BOTOCORE_VERSION"].iter().collect::<PathBuf>()
    );
    assert!(summary.to_string().ends_with(", 2 removed"), "{summary}");
    // Emptied folders go too; the others stay.
    assert!(!repo.join(SIGV4_DEST).join("post-sts-token").exists());
    assert!(repo
        .join(SIGV4_DEST)
        .join("get-vanilla/get-vanilla.req")
        .exists());
    assert!(!repo
        .join(SIGV4_DEST)
        .join("get-vanilla/get-vanilla.authz")
        .exists());

    // Imported again, nothing is removed.
    let again = import_models(&top, &repo).unwrap();
    assert_eq!(again.count(FileChange::Removed), 0);
    assert!(again.to_string().ends_with(" unchanged"), "{again}");
}
