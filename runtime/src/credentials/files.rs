//! Reading the shared config and credentials files from disk and picking
//! the selected profile: what the profile provider, the instance-metadata
//! provider and configuration resolution ([`crate::config`]) share.

use std::fmt;

use super::profile::{file_locations, Env, Platform, Profile, ProfileSet};

/// The shared files, parsed, and the name of the selected profile.
#[derive(Debug, Clone)]
pub struct ProfileFiles {
    set: ProfileSet,
    selected: String,
    explicit: bool,
    paths: String,
}

/// The files could not be read or parsed. Names the file (and line); never
/// quotes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileFilesError {
    message: String,
}

impl fmt::Display for ProfileFilesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ProfileFilesError {}

impl ProfileFiles {
    /// Reads the files where `env` says they are (a missing file is an
    /// empty one) and selects `name`, else `AWS_PROFILE`, else `default`.
    ///
    /// # Errors
    ///
    /// A file that exists but cannot be read, or does not parse.
    pub fn load(
        env: &dyn Env,
        platform: Platform,
        name: Option<&str>,
    ) -> Result<Self, ProfileFilesError> {
        let locations = file_locations(env, platform);
        let read = |path: Option<&String>| -> Result<Option<String>, ProfileFilesError> {
            let Some(path) = path else { return Ok(None) };
            match std::fs::read_to_string(path) {
                Ok(text) => Ok(Some(text)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(ProfileFilesError {
                    message: format!("cannot read {path}: {e}"),
                }),
            }
        };
        let config = read(locations.config.as_ref())?;
        let credentials = read(locations.credentials.as_ref())?;
        let set = ProfileSet::parse(config.as_deref(), credentials.as_deref()).map_err(|e| {
            ProfileFilesError {
                message: e.to_string(),
            }
        })?;
        let explicit =
            name.is_some() || env.get("AWS_PROFILE").is_some_and(|v| !v.trim().is_empty());
        let paths = match (&locations.config, &locations.credentials) {
            (Some(config), Some(credentials)) => format!("{config} or {credentials}"),
            (Some(one), None) | (None, Some(one)) => one.clone(),
            (None, None) => "the shared files (no home directory)".to_owned(),
        };
        Ok(Self {
            set,
            paths,
            selected: name.map_or(locations.profile, str::to_owned),
            explicit,
        })
    }

    /// Every profile.
    pub fn set(&self) -> &ProfileSet {
        &self.set
    }

    /// The selected profile's name.
    pub fn selected_name(&self) -> &str {
        &self.selected
    }

    /// Whether the profile was named (`AWS_PROFILE` or by the caller)
    /// rather than `default` by default: a named profile that does not
    /// exist is an error, a missing `default` is not.
    pub fn is_explicit(&self) -> bool {
        self.explicit
    }

    /// Where the files are, for messages: `<config> or <credentials>`.
    pub fn paths(&self) -> &str {
        &self.paths
    }

    /// The selected profile, if it exists.
    pub fn selected(&self) -> Option<&Profile> {
        self.set.profile(&self.selected)
    }

    /// The selected profile's value of `key`, unless blank.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.selected()
            .and_then(|p| p.get(key))
            .filter(|v| !v.trim().is_empty())
    }
}
