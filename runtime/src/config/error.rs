//! Why configuration could not be resolved.

use std::fmt;

use crate::credentials::ProfileFilesError;

/// A setting with a value that is not allowed, or profile files that
/// cannot be read. Says where the value came from (the environment
/// variable, or the profile key with profile and files) and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigError {
    /// A setting's value is not allowed.
    Invalid {
        /// Where it was set: `AWS_MAX_ATTEMPTS`, `max_attempts of profile
        /// `dev``, `ConfigLoader::region`.
        setting: String,
        /// The value found.
        value: String,
        /// What would have been accepted.
        expected: &'static str,
    },
    /// The shared config or credentials file cannot be read or parsed.
    Files(ProfileFilesError),
    /// The profile named by `AWS_PROFILE` (or given) is in neither file.
    NoSuchProfile {
        /// Its name.
        profile: String,
        /// The files looked in.
        files: String,
    },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Invalid {
                setting,
                value,
                expected,
            } => write!(f, "{setting} is `{value}`: expected {expected}"),
            ConfigError::Files(error) => write!(f, "cannot load the profile files: {error}"),
            ConfigError::NoSuchProfile { profile, files } => {
                write!(f, "no profile `{profile}` in {files}")
            }
        }
    }
}

impl std::error::Error for ConfigError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ConfigError::Files(error) => Some(error),
            _ => None,
        }
    }
}
