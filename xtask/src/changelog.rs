//! `cargo xtask changelog --old OLD --new NEW [--date YYYY/MM/DD] [--format text|json]`:
//! what changed in the API between two versions of the models, and the same
//! changelog for the models `cargo xtask import-models` replaces.
//!
//! The work is in `awsgen_codegen::diff` (the diff of two shape graphs) and
//! `awsgen_codegen::changelog` (inputs, text and JSON); this is the command
//! line around them.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use awsgen_codegen::changelog::{check_same_service, Changelog, Date, ServicePair};
use awsgen_codegen::ir::Model;
use awsgen_codegen::model;

use crate::import_models::{ImportSummary, ReplacedModel};

/// Output formats of `cargo xtask changelog`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// AWS's changelog text, then the breaking changes.
    Text,
    /// The same facts as JSON.
    Json,
}

/// Prints the changelog from `old` to `new`.
pub fn run(old: &Path, new: &Path, date: Option<Date>, format: Format) -> Result<ExitCode> {
    let date = date.unwrap_or_else(Date::today_utc);
    let changelog = Changelog::between_paths(old, new, date)?;
    print!(
        "{}",
        match format {
            Format::Text => changelog.to_text(),
            Format::Json => changelog.to_json(),
        }
    );
    Ok(ExitCode::SUCCESS)
}

/// The changelog of the service models an import replaced, to print after
/// the import's summary, so that a model-update pull request carries it.
/// Models that cannot be compared are named in a warning on standard
/// error: the import itself has succeeded by then.
pub fn after_import(summary: &ImportSummary, date: Date) -> String {
    if summary.replaced.is_empty() {
        return "no service model replaced: nothing to compare, no API changelog\n".to_owned();
    }
    let mut pairs = Vec::with_capacity(summary.replaced.len());
    for replaced in &summary.replaced {
        match pair(replaced) {
            Ok(pair) => pairs.push(pair),
            Err(e) => eprintln!(
                "warning: no API changelog for {}: {e:#}",
                replaced.path.display()
            ),
        }
    }
    if pairs.is_empty() {
        return String::new();
    }
    let from = summary
        .previous_version
        .as_deref()
        .unwrap_or("an unknown version");
    format!(
        "\nAPI changes from botocore {from} to {}:\n\n{}",
        summary.botocore_version,
        Changelog::new(date, &pairs).to_text()
    )
}

fn pair(replaced: &ReplacedModel) -> Result<ServicePair> {
    let path = replaced.path.display().to_string();
    let old = load(&format!("{path} (before the import)"), &replaced.old)?;
    let new = load(&path, &replaced.new)?;
    check_same_service(&old, &new)?;
    Ok(ServicePair {
        name: replaced.service.clone(),
        old: Some(old),
        new: Some(new),
    })
}

fn load(name: &str, bytes: &[u8]) -> Result<Model> {
    let text = std::str::from_utf8(bytes).with_context(|| format!("{name} is not UTF-8"))?;
    Ok(model::load_str(name, text)?.model)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use clap::Parser;

    use super::*;
    use crate::{Cli, Command};

    /// A fixture model of the codegen crate's changelog tests.
    fn fixture(version: &str, service: &str, api_version: &str) -> Vec<u8> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../codegen/tests/fixtures/changelog")
            .join(format!("botocore-{version}"))
            .join(service)
            .join(api_version)
            .join("service-2.json");
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    fn summary(replaced: Vec<ReplacedModel>) -> ImportSummary {
        ImportSummary {
            botocore_version: "1.12.19".to_owned(),
            previous_version: Some("1.12.18".to_owned()),
            files: Vec::new(),
            replaced,
        }
    }

    fn date() -> Date {
        "2018/10/04".parse().expect("valid date")
    }

    #[test]
    fn import_prints_the_changelog_of_replaced_models() {
        let replaced = ReplacedModel {
            service: "iot-jobs-data".to_owned(),
            path: PathBuf::from("models/iot-jobs-data/2017-09-29/service-2.json"),
            old: fixture("1.12.18", "iot-jobs-data", "2017-09-29"),
            new: fixture("1.12.19", "iot-jobs-data", "2017-09-29"),
        };
        let text = after_import(&summary(vec![replaced]), date());
        let expected_start = "\nAPI changes from botocore 1.12.18 to 1.12.19:\n\n\
                              2018/10/04 - AWS IoT Jobs Data Plane - 3 updated api methods\n\n\
                              DescribeJobExecution (updated) Link ¶\n";
        assert!(text.starts_with(expected_start), "{text}");
        assert!(text.contains("{'status': {'TIMED_OUT'}, 'stepTimeoutInMinutes': 'long'}\n"));
    }

    #[test]
    fn import_into_empty_models_has_nothing_to_compare() {
        let text = after_import(&summary(Vec::new()), date());
        assert_eq!(
            text,
            "no service model replaced: nothing to compare, no API changelog\n"
        );
    }

    #[test]
    fn a_model_that_does_not_load_is_skipped() {
        let broken = ReplacedModel {
            service: "iot".to_owned(),
            path: PathBuf::from("models/iot/2015-05-28/service-2.json"),
            old: b"{\"metadata\": {}}".to_vec(),
            new: fixture("1.12.19", "iot", "2015-05-28"),
        };
        assert_eq!(after_import(&summary(vec![broken]), date()), "");
    }

    #[test]
    fn replaced_models_of_different_services_are_skipped() {
        let mixed = ReplacedModel {
            service: "iot".to_owned(),
            path: PathBuf::from("models/iot/2015-05-28/service-2.json"),
            old: fixture("1.12.18", "iot-jobs-data", "2017-09-29"),
            new: fixture("1.12.19", "iot", "2015-05-28"),
        };
        assert_eq!(after_import(&summary(vec![mixed]), date()), "");
    }

    #[test]
    fn command_line() {
        let cli = Cli::try_parse_from([
            "xtask",
            "changelog",
            "--old",
            "a",
            "--new",
            "b",
            "--date",
            "2025/03/14",
            "--format",
            "json",
        ])
        .expect("parses");
        let Command::Changelog {
            old,
            new,
            date,
            format,
        } = cli.command
        else {
            panic!("not the changelog command");
        };
        assert_eq!((old, new), (PathBuf::from("a"), PathBuf::from("b")));
        assert_eq!(date.map(|d| d.to_string()).as_deref(), Some("2025/03/14"));
        assert_eq!(format, Format::Json);

        let defaults = Cli::try_parse_from(["xtask", "changelog", "--old", "a", "--new", "b"])
            .expect("parses");
        assert!(matches!(
            defaults.command,
            Command::Changelog {
                date: None,
                format: Format::Text,
                ..
            }
        ));
    }

    #[test]
    fn command_line_errors() {
        let error = |args: &[&str]| match Cli::try_parse_from(args) {
            Ok(_) => panic!("{args:?} parsed"),
            Err(e) => e.to_string(),
        };
        let bad_date = error(&[
            "xtask",
            "changelog",
            "--old",
            "a",
            "--new",
            "b",
            "--date",
            "2025/02/30",
        ]);
        assert!(
            bad_date.contains("2025/02 has no day 30 (it has 28 days)"),
            "{bad_date}"
        );
        let no_new = error(&["xtask", "changelog", "--old", "a"]);
        assert!(no_new.contains("--new <NEW>"), "{no_new}");
    }
}
