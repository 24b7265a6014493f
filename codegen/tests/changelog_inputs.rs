//! What `--old` and `--new` may name (files, service folders, trees), and
//! the errors when two inputs cannot be compared.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use awsgen_codegen::changelog::{Changelog, Date, InputError};
use awsgen_codegen::diff::ServiceStatus;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/changelog")
}

fn fixture(rel: &str) -> PathBuf {
    fixtures().join(rel)
}

const JOBS_66: &str = "botocore-1.35.66/iot-jobs-data/2017-09-29/service-2.json";
const JOBS_67: &str = "botocore-1.35.67/iot-jobs-data/2017-09-29/service-2.json";
const IOT_19: &str = "botocore-1.12.19/iot/2015-05-28/service-2.json";
const ACME_OLD: &str = "acme-widgets/old/service-2.json";
const ACME_NEW: &str = "acme-widgets/new/service-2.json";

/// A folder under the system's temporary folder, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!(
            "awsgen-changelog-{}-{n}-{name}",
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).expect("create temp dir");
        TempDir(path)
    }

    /// Copies fixture `from` to `rel` inside; returns the new path.
    fn copy(&self, from: &str, rel: &str) -> PathBuf {
        let dest = self.0.join(rel);
        fs::create_dir_all(dest.parent().expect("has a parent")).expect("create dirs");
        fs::copy(fixture(from), &dest).expect("copy fixture");
        dest
    }

    fn join(&self, rel: &str) -> PathBuf {
        self.0.join(rel)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn date() -> Date {
    "2025/03/14".parse().expect("valid date")
}

fn compare(old: &Path, new: &Path) -> Result<Changelog, InputError> {
    Changelog::between_paths(old, new, date())
}

fn error(old: &Path, new: &Path) -> String {
    match compare(old, new) {
        Ok(_) => panic!("{} vs {} compared", old.display(), new.display()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn missing_paths_are_named() {
    let missing = fixture("no-such-folder");
    let message = error(&missing, &fixture(JOBS_67));
    assert_eq!(
        message,
        format!("the old model path {} does not exist", missing.display())
    );
    let message = error(&fixture(JOBS_66), &missing);
    assert!(message.starts_with("the new model path"), "{message}");
}

#[test]
fn a_folder_without_models_is_an_error() {
    let tmp = TempDir::new("empty");
    fs::create_dir_all(tmp.join("empty/iot")).expect("create");
    let message = error(&tmp.join("empty"), &fixture(JOBS_67));
    assert!(
        message.starts_with("no model in the old folder"),
        "{message}"
    );
}

#[test]
fn different_services_are_refused() {
    let message = error(&fixture(ACME_OLD), &fixture(JOBS_67));
    assert!(
        message.starts_with("the old and new models are different services: `Widgets` (",),
        "{message}"
    );
    assert!(message.contains("`IoT Jobs Data Plane`"), "{message}");
}

#[test]
fn trees_without_a_common_service_are_refused() {
    let tmp = TempDir::new("no-common");
    tmp.copy(ACME_OLD, "old/widgets/2025-01-01/service-2.json");
    let message = error(&tmp.join("old"), &fixture("botocore-1.35.67"));
    assert_eq!(
        message,
        "the old and new trees have no service in common \
         (old: widgets; new: iot-jobs-data)"
    );
}

#[test]
fn a_model_and_a_tree_are_refused() {
    let message = error(&fixture(JOBS_66), &fixture("botocore-1.35.67"));
    assert!(
        message.contains("is one service's model but the new path"),
        "{message}"
    );
    let message = error(&fixture("botocore-1.35.66"), &fixture(JOBS_67));
    assert!(message.starts_with("the new path"), "{message}");
}

#[test]
fn an_invalid_model_names_its_file() {
    let tmp = TempDir::new("invalid");
    let bad = tmp.join("service-2.json");
    fs::write(&bad, "{\"metadata\": {}}").expect("write");
    let message = error(&bad, &fixture(JOBS_67));
    assert!(message.starts_with(&bad.display().to_string()), "{message}");
}

#[test]
fn a_service_folder_takes_its_newest_api_version() {
    let tmp = TempDir::new("versions");
    tmp.copy(ACME_OLD, "widgets/2024-01-01/service-2.json");
    tmp.copy(ACME_NEW, "widgets/2025-01-01/service-2.json");
    let changelog = compare(&fixture(ACME_OLD), &tmp.join("widgets")).expect("compares");
    assert_eq!(changelog.services.len(), 1);
    assert_eq!(changelog.services[0].name, "widgets");
    assert!(!changelog.services[0].diff.is_empty());
}

#[test]
fn a_file_and_its_folder_are_the_same_input() {
    let from_file = compare(&fixture(JOBS_66), &fixture(JOBS_67)).expect("compares");
    let from_folder = compare(
        &fixture("botocore-1.35.66/iot-jobs-data/2017-09-29"),
        &fixture("botocore-1.35.67/iot-jobs-data"),
    )
    .expect("compares");
    assert_eq!(from_file.to_text(), from_folder.to_text());
}

#[test]
fn trees_report_added_and_removed_services() {
    let tmp = TempDir::new("trees");
    tmp.copy(JOBS_66, "old/iot-jobs-data/2017-09-29/service-2.json");
    tmp.copy(ACME_OLD, "old/widgets/2025-01-01/service-2.json");
    tmp.copy(JOBS_67, "new/iot-jobs-data/2017-09-29/service-2.json");
    tmp.copy(IOT_19, "new/iot/2015-05-28/service-2.json");
    let changelog = compare(&tmp.join("old"), &tmp.join("new")).expect("compares");
    let summary: Vec<(&str, ServiceStatus)> = changelog
        .services
        .iter()
        .map(|s| (s.name.as_str(), s.diff.status))
        .collect();
    assert_eq!(
        summary,
        [
            ("iot", ServiceStatus::Added),
            ("iot-jobs-data", ServiceStatus::Updated),
            ("widgets", ServiceStatus::Removed),
        ]
    );
    let text = changelog.to_text();
    let titles: Vec<&str> = text.lines().filter(|l| l.starts_with("2025/")).collect();
    assert_eq!(
        titles,
        [
            "2025/03/14 - AWS IoT - 7 new api methods",
            "2025/03/14 - AWS IoT Jobs Data Plane - 1 new api methods",
            "2025/03/14 - Acme Widgets - 2 removed api methods",
        ]
    );
    assert!(
        text.contains("- ListWidgets: operation removed\n"),
        "{text}"
    );
}

#[test]
fn a_folder_with_two_kinds_of_model_file_is_ambiguous() {
    let tmp = TempDir::new("two-models");
    tmp.copy(ACME_OLD, "widgets/2025-01-01/service-2.json");
    tmp.copy(ACME_NEW, "widgets/2025-01-01/model.json");
    let message = error(&tmp.join("widgets"), &fixture(ACME_NEW));
    assert!(
        message.ends_with("has both service-2.json and model.json; name the file to compare"),
        "{message}"
    );
}

#[test]
fn model_json_is_a_model_file_too() {
    // The front-end detects the format from the content; the folder
    // layout only has to find the file.
    let tmp = TempDir::new("model-json");
    tmp.copy(ACME_NEW, "widgets/2025-01-01/model.json");
    let changelog = compare(&fixture(ACME_OLD), &tmp.join("widgets")).expect("compares");
    assert!(!changelog.services[0].diff.is_empty());
}
