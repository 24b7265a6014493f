//! API changelogs: [`crate::diff`]'s facts about one or more services, as
//! the text AWS publishes for each release, or as JSON for tooling.
//!
//! The text form, per service:
//!
//! ```text
//! 2025/03/14 - Acme Widgets - 1 new 2 updated api methods
//!
//! CreateGadget (new) Link ¶
//! Creates a gadget.
//!
//! DescribeWidget (updated) Link ¶
//! Changes (response)
//! {'widget': {'colorConfig': {'hue': 'integer'}, 'state': {'RETIRED'}}}
//!
//! ListWidgets (updated) Link ¶
//! Changes (request, response)
//! Request
//! {'state': {'RETIRED'}}
//! Response
//! {'widgets': {'widgetSummary': {'state': {'RETIRED'}}}}
//! ```
//!
//! - The title counts new, updated and (beyond AWS's form, which never
//!   shows them) removed methods, leaving out zero counts; with none of
//!   them it says `no new or updated api methods`.
//! - Methods are in name order, marked `(new)`, `(updated)` or
//!   `(removed)`. A new method is followed by its documentation as plain
//!   text. An updated one by `Changes (request)`, `Changes (response)`, or
//!   `Changes (request, response)` with `Request` and `Response`
//!   sub-headings, each followed by the change dict exactly as Python's
//!   `pprint.pformat(d, width=80)` prints it ([`pformat`]).
//! - Then, if there are any, the breaking changes, under their own
//!   heading, one per line.
//!
//! Services are separated by a blank line, in name order.

mod date;
mod inputs;
mod json;
pub mod pformat;
mod plain_text;
mod text;

use std::path::Path;

pub use self::date::{Date, DateError};
pub use self::inputs::{check_same_service, load_pairs, InputError, Role, ServicePair};
pub use self::plain_text::html_to_plain_text;

use crate::diff::{self, ApiDiff};

/// The changes of every compared service, as of one date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changelog {
    pub date: Date,
    /// In service name order.
    pub services: Vec<ServiceChanges>,
}

/// One service's changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceChanges {
    /// The service folder name (`iot`), or the model's botocore name.
    pub name: String,
    pub diff: ApiDiff,
}

impl Changelog {
    /// Diffs each pair: a service only in the new version is all new, one
    /// only in the old version all removed.
    pub fn new(date: Date, pairs: &[ServicePair]) -> Changelog {
        let mut services: Vec<ServiceChanges> = pairs
            .iter()
            .filter_map(|pair| {
                let diff = match (&pair.old, &pair.new) {
                    (Some(old), Some(new)) => diff::compare(old, new),
                    (None, Some(new)) => diff::added(new),
                    (Some(old), None) => diff::removed(old),
                    (None, None) => return None,
                };
                Some(ServiceChanges {
                    name: pair.name.clone(),
                    diff,
                })
            })
            .collect();
        services.sort_by(|a, b| a.name.cmp(&b.name));
        Changelog { date, services }
    }

    /// Reads the models at `old` and `new` (files, service folders or
    /// trees; see [`load_pairs`]) and diffs them.
    pub fn between_paths(old: &Path, new: &Path, date: Date) -> Result<Changelog, InputError> {
        Ok(Changelog::new(date, &load_pairs(old, new)?))
    }

    /// The text form (see the module documentation), ending in a newline.
    pub fn to_text(&self) -> String {
        text::render(self)
    }

    /// The same facts as JSON, pretty-printed, ending in a newline.
    pub fn to_json(&self) -> String {
        json::render(self)
    }

    /// Whether any service has breaking changes.
    pub fn has_breaking_changes(&self) -> bool {
        self.services.iter().any(|s| !s.diff.breaking.is_empty())
    }
}
