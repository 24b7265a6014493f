//! What `--old` and `--new` name: one service's model, or a tree of them.
//!
//! A path is, in order of preference:
//!
//! 1. a model file (`service-2.json`, or any file `model::load` reads);
//! 2. a folder with a model file in it (`models/iot/2015-05-28`), or with
//!    API-version folders that have one (`models/iot`: the newest version
//!    is taken, as botocore does). A model file is `service-2.json`
//!    (botocore) or `model.json` (a Smithy JSON AST), as in `models/`;
//! 3. a tree: a folder whose subfolders are such service folders
//!    (`models/`, or botocore's `data/`), keyed by subfolder name.
//!
//! Two single models must be the same service; two trees are compared
//! service by service and must have at least one service in common.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::ModelError;
use crate::ir::Model;
use crate::model;

/// The names a model file has in a folder: botocore's, and a Smithy JSON
/// AST's in `models/`.
pub const MODEL_FILES: [&str; 2] = ["service-2.json", "model.json"];

/// Which side of the comparison a path is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Old,
    New,
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Role::Old => "old",
            Role::New => "new",
        })
    }
}

/// Why two paths cannot be compared.
#[derive(Debug)]
pub enum InputError {
    NotFound {
        role: Role,
        path: PathBuf,
    },
    NoModel {
        role: Role,
        path: PathBuf,
    },
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    Model(ModelError),
    /// A folder with both kinds of model file: which one is meant?
    TwoModels {
        dir: PathBuf,
    },
    /// Two single models of different services.
    DifferentServices {
        old: String,
        new: String,
    },
    /// Two trees without a service in common.
    NoCommonService {
        old: Vec<String>,
        new: Vec<String>,
    },
    /// One path is a single model, the other a tree.
    ModelAndTree {
        model: Role,
        model_path: PathBuf,
        tree_path: PathBuf,
    },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::NotFound { role, path } => {
                write!(f, "the {role} model path {} does not exist", path.display())
            }
            InputError::NoModel { role, path } => write!(
                f,
                "no model in the {role} folder {}: looked for {} in it, \
                 in its subfolders (API versions) and in theirs (service/version)",
                path.display(),
                MODEL_FILES.join(" or ")
            ),
            InputError::TwoModels { dir } => write!(
                f,
                "{} has both {}; name the file to compare",
                dir.display(),
                MODEL_FILES.join(" and ")
            ),
            InputError::Io { path, error } => write!(f, "cannot read {}: {error}", path.display()),
            InputError::Model(error) => error.fmt(f),
            InputError::DifferentServices { old, new } => write!(
                f,
                "the old and new models are different services: {old} and {new}"
            ),
            InputError::NoCommonService { old, new } => write!(
                f,
                "the old and new trees have no service in common (old: {}; new: {})",
                list(old),
                list(new)
            ),
            InputError::ModelAndTree {
                model,
                model_path,
                tree_path,
            } => {
                let tree = if *model == Role::Old { "new" } else { "old" };
                write!(
                    f,
                    "the {model} path {} is one service's model but the {tree} path {} is a \
                     tree of services; compare two models or two trees",
                    model_path.display(),
                    tree_path.display()
                )
            }
        }
    }
}

fn list(names: &[String]) -> String {
    if names.is_empty() {
        "none".to_owned()
    } else {
        names.join(", ")
    }
}

impl std::error::Error for InputError {}

impl From<ModelError> for InputError {
    fn from(error: ModelError) -> InputError {
        InputError::Model(error)
    }
}

/// One service in the old version, the new version, or both.
pub struct ServicePair {
    /// The service's name: its folder in a tree (`iot`), else the model's
    /// botocore name.
    pub name: String,
    pub old: Option<Model>,
    pub new: Option<Model>,
}

/// What a path names.
enum Input {
    Model(PathBuf),
    /// Service name → model file.
    Tree(BTreeMap<String, PathBuf>),
}

/// Reads the models `old` and `new` name and pairs them by service.
pub fn load_pairs(old: &Path, new: &Path) -> Result<Vec<ServicePair>, InputError> {
    let old_input = resolve(old, Role::Old)?;
    let new_input = resolve(new, Role::New)?;
    match (old_input, new_input) {
        (Input::Model(old_file), Input::Model(new_file)) => {
            let old_model = model::load(&old_file)?.model;
            let new_model = model::load(&new_file)?.model;
            check_same_service(&old_model, &new_model)?;
            Ok(vec![ServicePair {
                name: new_model.service.model_name.clone(),
                old: Some(old_model),
                new: Some(new_model),
            }])
        }
        (Input::Tree(old_tree), Input::Tree(new_tree)) => pair_trees(old_tree, new_tree),
        (Input::Model(_), Input::Tree(_)) => Err(InputError::ModelAndTree {
            model: Role::Old,
            model_path: old.to_owned(),
            tree_path: new.to_owned(),
        }),
        (Input::Tree(_), Input::Model(_)) => Err(InputError::ModelAndTree {
            model: Role::New,
            model_path: new.to_owned(),
            tree_path: old.to_owned(),
        }),
    }
}

fn pair_trees(
    old: BTreeMap<String, PathBuf>,
    new: BTreeMap<String, PathBuf>,
) -> Result<Vec<ServicePair>, InputError> {
    if !old.keys().any(|name| new.contains_key(name)) {
        return Err(InputError::NoCommonService {
            old: old.into_keys().collect(),
            new: new.into_keys().collect(),
        });
    }
    let names: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    let mut pairs = Vec::with_capacity(names.len());
    for name in names {
        let old_model = old
            .get(name)
            .map(|file| model::load(file).map(|l| l.model))
            .transpose()?;
        let new_model = new
            .get(name)
            .map(|file| model::load(file).map(|l| l.model))
            .transpose()?;
        if let (Some(old_model), Some(new_model)) = (&old_model, &new_model) {
            check_same_service(old_model, new_model)?;
        }
        pairs.push(ServicePair {
            name: name.clone(),
            old: old_model,
            new: new_model,
        });
    }
    Ok(pairs)
}

/// Two models are the same service when their endpoint prefixes or
/// service ids agree (old botocore models may lack a `serviceId`, and the
/// front-end then falls back to another name, so either may differ alone).
pub fn check_same_service(old: &Model, new: &Model) -> Result<(), InputError> {
    let (o, n) = (&old.service, &new.service);
    let same_prefix = o.endpoint_prefix.is_some() && o.endpoint_prefix == n.endpoint_prefix;
    if same_prefix || o.service_id == n.service_id {
        return Ok(());
    }
    let describe = |m: &Model| format!("`{}` ({})", m.service.service_id, m.source);
    Err(InputError::DifferentServices {
        old: describe(old),
        new: describe(new),
    })
}

fn resolve(path: &Path, role: Role) -> Result<Input, InputError> {
    let metadata = fs::metadata(path).map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => InputError::NotFound {
            role,
            path: path.to_owned(),
        },
        _ => InputError::Io {
            path: path.to_owned(),
            error,
        },
    })?;
    if !metadata.is_dir() {
        return Ok(Input::Model(path.to_owned()));
    }
    if let Some(file) = service_model_in(path)? {
        return Ok(Input::Model(file));
    }
    let mut tree = BTreeMap::new();
    for dir in subfolders(path)? {
        if let Some(file) = service_model_in(&dir)? {
            if let Some(name) = dir.file_name().and_then(|n| n.to_str()) {
                tree.insert(name.to_owned(), file);
            }
        }
    }
    if tree.is_empty() {
        return Err(InputError::NoModel {
            role,
            path: path.to_owned(),
        });
    }
    Ok(Input::Tree(tree))
}

/// The model file in `dir`, or in the last (newest) API-version subfolder
/// that has one.
fn service_model_in(dir: &Path) -> Result<Option<PathBuf>, InputError> {
    if let Some(file) = model_file_in(dir)? {
        return Ok(Some(file));
    }
    for version in subfolders(dir)?.into_iter().rev() {
        if let Some(file) = model_file_in(&version)? {
            return Ok(Some(file));
        }
    }
    Ok(None)
}

/// The one model file directly in `dir`, if any.
fn model_file_in(dir: &Path) -> Result<Option<PathBuf>, InputError> {
    let found: Vec<PathBuf> = MODEL_FILES
        .iter()
        .map(|name| dir.join(name))
        .filter(|file| file.is_file())
        .collect();
    match found.as_slice() {
        [] => Ok(None),
        [file] => Ok(Some(file.clone())),
        _ => Err(InputError::TwoModels {
            dir: dir.to_owned(),
        }),
    }
}

/// Subfolders of `dir` in name order.
fn subfolders(dir: &Path) -> Result<Vec<PathBuf>, InputError> {
    let io = |error| InputError::Io {
        path: dir.to_owned(),
        error,
    };
    let mut dirs = Vec::new();
    for entry in fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_dir() {
            dirs.push(path);
        }
    }
    dirs.sort();
    Ok(dirs)
}
