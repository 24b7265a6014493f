//! The AWS shared config and credentials files (`~/.aws/config`,
//! `~/.aws/credentials`): where they are, and a hand-written parser that
//! follows the rules the SDKs share (proven by their common test vectors in
//! `runtime/tests/profile_suite.rs`).
//!
//! The format is ini-like with AWS's own rules:
//!
//! - a section is `[profile name]` (or `[default]`, or `[sso-session name]`)
//!   in the config file and `[name]` in the credentials file; a section of
//!   the wrong form for its file, or whose name holds characters outside
//!   `A-Za-z0-9-/.%@_:+`, is ignored with its properties;
//! - in the config file `[profile default]` wins over `[default]`: when both
//!   are present, `[default]` sections are ignored;
//! - property names are case-insensitive (stored lower-case), the last
//!   definition wins, sections of the same name merge, and the credentials
//!   file's properties win over the config file's;
//! - `#` and `;` start a comment at the start of a line and after a section
//!   header; after a property value only when whitespace precedes them;
//! - a line starting with whitespace continues the previous property's value
//!   (joined with `\n`); when the property's own value was empty, the
//!   continuation lines are sub-properties (`name = value`) and must contain
//!   `=`. The parent's value keeps them as text (`"\nname = value"`);
//!   [`Profile::sub_properties`] splits them.
//!
//! Parse errors name the file and line, never the line's text (it may hold
//! a secret).

use std::collections::BTreeMap;
use std::fmt;

use crate::sensitive::Redacted;

/// Where environment variables come from. Tests pass a map; clients pass
/// [`ProcessEnv`]. Values that are not valid Unicode count as unset.
pub trait Env: Send + Sync + fmt::Debug {
    /// The variable's value, if set.
    fn get(&self, name: &str) -> Option<String>;
}

/// The real process environment.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProcessEnv;

impl Env for ProcessEnv {
    fn get(&self, name: &str) -> Option<String> {
        std::env::var(name).ok()
    }
}

/// A fixed environment, for tests and for clients that configure it by hand.
impl Env for BTreeMap<String, String> {
    fn get(&self, name: &str) -> Option<String> {
        BTreeMap::get(self, name).cloned()
    }
}

/// The platform whose home-directory and path rules apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    /// `HOME`, `/` separators.
    Unix,
    /// `HOME`, then `USERPROFILE`, then `HOMEDRIVE` + `HOMEPATH`; `\`
    /// separators.
    Windows,
}

impl Platform {
    /// The platform this program runs on.
    pub fn current() -> Self {
        if cfg!(windows) {
            Platform::Windows
        } else {
            Platform::Unix
        }
    }

    fn separator(self) -> char {
        match self {
            Platform::Unix => '/',
            Platform::Windows => '\\',
        }
    }
}

/// Where the config and credentials files are and which profile is selected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileLocations {
    /// `AWS_CONFIG_FILE`, else `<home>/.aws/config`; `~` expanded.
    pub config: Option<String>,
    /// `AWS_SHARED_CREDENTIALS_FILE`, else `<home>/.aws/credentials`.
    pub credentials: Option<String>,
    /// `AWS_PROFILE` (unless blank), else `default`.
    pub profile: String,
}

/// The user's home directory by `platform`'s rules; `None` when unknown.
pub fn home_dir(env: &dyn Env, platform: Platform) -> Option<String> {
    let non_empty = |name: &str| env.get(name).filter(|v| !v.is_empty());
    match platform {
        Platform::Unix => non_empty("HOME"),
        Platform::Windows => non_empty("HOME")
            .or_else(|| non_empty("USERPROFILE"))
            .or_else(|| match (non_empty("HOMEDRIVE"), non_empty("HOMEPATH")) {
                (Some(drive), Some(path)) => Some(drive + &path),
                _ => None,
            }),
    }
}

/// Where the files are, from `env` by `platform`'s rules. A path from
/// `AWS_CONFIG_FILE`/`AWS_SHARED_CREDENTIALS_FILE` that starts with `~/`
/// (or `~\` on Windows) is taken relative to the home directory. A location
/// is `None` only when it depends on an unknown home directory.
pub fn file_locations(env: &dyn Env, platform: Platform) -> FileLocations {
    let home = home_dir(env, platform);
    let sep = platform.separator();
    let location = |variable: &str, file: &str| match env.get(variable).filter(|v| !v.is_empty()) {
        Some(path) => expand_home(&path, home.as_deref(), platform),
        None => home
            .as_ref()
            .map(|home| format!("{}{sep}.aws{sep}{file}", home.trim_end_matches(sep))),
    };
    FileLocations {
        config: location("AWS_CONFIG_FILE", "config"),
        credentials: location("AWS_SHARED_CREDENTIALS_FILE", "credentials"),
        profile: env
            .get("AWS_PROFILE")
            .filter(|v| !v.trim().is_empty())
            .unwrap_or_else(|| "default".to_owned()),
    }
}

fn expand_home(path: &str, home: Option<&str>, platform: Platform) -> Option<String> {
    let rest = if path == "~" {
        Some("")
    } else {
        path.strip_prefix("~/").or_else(|| {
            (platform == Platform::Windows)
                .then(|| path.strip_prefix("~\\"))
                .flatten()
        })
    };
    match rest {
        None => Some(path.to_owned()),
        Some(rest) => {
            let home = home?;
            let sep = platform.separator();
            if rest.is_empty() {
                Some(home.to_owned())
            } else {
                Some(format!("{}{sep}{rest}", home.trim_end_matches(sep)))
            }
        }
    }
}

/// Which of the two files a text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `~/.aws/config`: `[profile name]`, `[default]`, `[sso-session name]`.
    Config,
    /// `~/.aws/credentials`: `[name]`.
    Credentials,
}

/// A profile (or `sso-session`) section: its name and properties.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Profile {
    name: String,
    properties: BTreeMap<String, String>,
}

/// Property names whose values `Debug` hides.
const SECRET_PROPERTIES: &[&str] = &["aws_secret_access_key", "aws_session_token"];

impl Profile {
    fn new(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            properties: BTreeMap::new(),
        }
    }

    /// The profile's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// A property's value; `key` is matched case-insensitively.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.properties
            .get(&key.to_ascii_lowercase())
            .map(String::as_str)
    }

    /// All properties, names lower-case, values as written (a parent of
    /// sub-properties holds them as `"\nname = value…"`).
    pub fn properties(&self) -> &BTreeMap<String, String> {
        &self.properties
    }

    /// The sub-properties of `key` (`s3 =` followed by indented
    /// `name = value` lines), names lower-case; `None` when `key` is unset.
    /// Lines without `=` are skipped (the parser refuses them anyway).
    pub fn sub_properties(&self, key: &str) -> Option<BTreeMap<String, String>> {
        let value = self.get(key)?;
        Some(
            value
                .lines()
                .filter_map(|line| {
                    let (name, value) = line.split_once('=')?;
                    Some((name.trim().to_ascii_lowercase(), value.trim().to_owned()))
                })
                .filter(|(name, _)| !name.is_empty())
                .collect(),
        )
    }
}

impl fmt::Debug for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Properties<'a>(&'a BTreeMap<String, String>);
        impl fmt::Debug for Properties<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let mut map = f.debug_map();
                for (key, value) in self.0 {
                    if SECRET_PROPERTIES.contains(&key.as_str()) {
                        map.entry(key, &Redacted);
                    } else {
                        map.entry(key, value);
                    }
                }
                map.finish()
            }
        }
        f.debug_struct("Profile")
            .field("name", &self.name)
            .field("properties", &Properties(&self.properties))
            .finish()
    }
}

/// The profiles and `sso-session` sections of a config file and a
/// credentials file, merged.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProfileSet {
    profiles: BTreeMap<String, Profile>,
    sso_sessions: BTreeMap<String, Profile>,
}

impl ProfileSet {
    /// Parses and merges the two files (either may be absent); the
    /// credentials file's properties win.
    ///
    /// # Errors
    ///
    /// The first [`ProfileParseError`], naming the file and line.
    pub fn parse(
        config: Option<&str>,
        credentials: Option<&str>,
    ) -> Result<Self, ProfileParseError> {
        let mut set = ProfileSet::default();
        if let Some(text) = config {
            let parsed = parse_file(text, FileKind::Config)?;
            set.merge(parsed);
        }
        if let Some(text) = credentials {
            let parsed = parse_file(text, FileKind::Credentials)?;
            set.merge(parsed);
        }
        Ok(set)
    }

    fn merge(&mut self, other: ProfileSet) {
        for (name, profile) in other.profiles {
            self.profiles
                .entry(name.clone())
                .or_insert_with(|| Profile::new(&name))
                .properties
                .extend(profile.properties);
        }
        for (name, session) in other.sso_sessions {
            self.sso_sessions
                .entry(name.clone())
                .or_insert_with(|| Profile::new(&name))
                .properties
                .extend(session.properties);
        }
    }

    /// The profile called `name`.
    pub fn profile(&self, name: &str) -> Option<&Profile> {
        self.profiles.get(name)
    }

    /// All profiles by name.
    pub fn profiles(&self) -> &BTreeMap<String, Profile> {
        &self.profiles
    }

    /// All `[sso-session name]` sections by name.
    pub fn sso_sessions(&self) -> &BTreeMap<String, Profile> {
        &self.sso_sessions
    }
}

/// A profile file that breaks the format: which file, which line, what was
/// wrong. Never the line's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileParseError {
    file: FileKind,
    line: usize,
    message: &'static str,
}

impl ProfileParseError {
    /// The file the error is in.
    pub fn file(&self) -> FileKind {
        self.file
    }

    /// The line (from 1).
    pub fn line(&self) -> usize {
        self.line
    }

    /// What was wrong.
    pub fn message(&self) -> &'static str {
        self.message
    }
}

impl fmt::Display for ProfileParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = match self.file {
            FileKind::Config => "config file",
            FileKind::Credentials => "credentials file",
        };
        write!(f, "{file}, line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ProfileParseError {}

fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-/.%@_:+".contains(c))
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// Which section properties go to.
enum Section {
    /// No section yet: a property is an error.
    None,
    /// A section that is ignored (bad name, wrong form for the file).
    Ignored,
    Profile(String),
    /// `[default]` in the config file: kept aside, dropped when
    /// `[profile default]` exists.
    PlainDefault,
    SsoSession(String),
}

/// The property continuation lines extend.
enum Current {
    None,
    /// A property with a value: continuations append `\n` + the line.
    Value(String),
    /// A property with an empty value: continuations are sub-properties.
    Parent(String),
}

fn parse_file(text: &str, kind: FileKind) -> Result<ProfileSet, ProfileParseError> {
    let mut set = ProfileSet::default();
    let mut plain_default: Option<Profile> = None;
    let mut section = Section::None;
    let mut current = Current::None;
    for (index, raw) in text.split('\n').enumerate() {
        let error = |message| ProfileParseError {
            file: kind,
            line: index + 1,
            message,
        };
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() || line.starts_with(['#', ';']) {
            continue;
        }
        if line.starts_with('[') {
            let line = match line.find(['#', ';']) {
                Some(at) => &line[..at],
                None => line,
            }
            .trim_end();
            let inner = line
                .strip_suffix(']')
                .ok_or_else(|| error("Profile definition must end with ']'"))?;
            section = section_of(inner[1..].trim_matches(is_blank), kind);
            current = Current::None;
            match &section {
                Section::Profile(name) => {
                    set.profiles
                        .entry(name.clone())
                        .or_insert_with(|| Profile::new(name));
                }
                Section::SsoSession(name) => {
                    set.sso_sessions
                        .entry(name.clone())
                        .or_insert_with(|| Profile::new(name));
                }
                Section::PlainDefault => {
                    plain_default.get_or_insert_with(|| Profile::new("default"));
                }
                Section::None | Section::Ignored => {}
            }
            continue;
        }
        if matches!(section, Section::None) {
            return Err(error("Expected a profile definition"));
        }
        let target = match &section {
            Section::Profile(name) => set.profiles.get_mut(name),
            Section::SsoSession(name) => set.sso_sessions.get_mut(name),
            Section::PlainDefault => plain_default.as_mut(),
            Section::None | Section::Ignored => None,
        };
        if line.starts_with(is_blank) {
            let content = line.trim_matches(is_blank);
            let key = match &current {
                Current::None => {
                    return Err(error("Expected a property definition, found continuation"))
                }
                Current::Value(key) => key,
                Current::Parent(key) => {
                    let (name, _) = content
                        .split_once('=')
                        .ok_or_else(|| error("Expected an '=' sign defining a sub-property"))?;
                    if name.trim_matches(is_blank).is_empty() {
                        return Err(error("Sub-property did not have a name"));
                    }
                    key
                }
            };
            if let Some(value) = target.and_then(|p| p.properties.get_mut(key)) {
                value.push('\n');
                value.push_str(content);
            }
            continue;
        }
        let line = strip_value_comment(line);
        let (key, value) = line
            .split_once('=')
            .ok_or_else(|| error("Expected an '=' sign defining a property"))?;
        let key = key.trim_matches(is_blank).to_ascii_lowercase();
        if key.is_empty() {
            return Err(error("Property did not have a name"));
        }
        let value = value.trim_matches(is_blank);
        if !is_valid_name(&key) {
            // Ignored, and so are its continuations.
            current = Current::Value(String::new());
            continue;
        }
        current = if value.is_empty() {
            Current::Parent(key.clone())
        } else {
            Current::Value(key.clone())
        };
        if let Some(profile) = target {
            profile.properties.insert(key, value.to_owned());
        }
    }
    if let Some(plain) = plain_default {
        set.profiles.entry("default".to_owned()).or_insert(plain);
    }
    Ok(set)
}

/// A property line up to a `#` or `;` that follows whitespace.
fn strip_value_comment(line: &str) -> &str {
    let bytes = line.as_bytes();
    for (at, &b) in bytes.iter().enumerate().skip(1) {
        if (b == b'#' || b == b';') && (bytes[at - 1] == b' ' || bytes[at - 1] == b'\t') {
            return &line[..at];
        }
    }
    line
}

fn section_of(header: &str, kind: FileKind) -> Section {
    let prefixed = |prefix: &str| {
        header
            .strip_prefix(prefix)
            .filter(|rest| rest.starts_with(is_blank))
            .map(|rest| rest.trim_matches(is_blank))
    };
    let named = |name: &str, make: fn(String) -> Section| {
        if is_valid_name(name) {
            make(name.to_owned())
        } else {
            Section::Ignored
        }
    };
    match kind {
        FileKind::Credentials => named(header, Section::Profile),
        FileKind::Config => {
            if header == "default" {
                Section::PlainDefault
            } else if let Some(name) = prefixed("profile") {
                named(name, Section::Profile)
            } else if let Some(name) = prefixed("sso-session") {
                named(name, Section::SsoSession)
            } else {
                Section::Ignored
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_secret_properties() {
        let set = ProfileSet::parse(
            None,
            Some("[default]\naws_access_key_id = AKID\naws_secret_access_key = very-secret\naws_session_token = tok-secret"),
        )
        .expect("parses");
        let shown = format!("{set:?}");
        assert!(shown.contains("AKID"), "{shown}");
        assert!(!shown.contains("very-secret"), "{shown}");
        assert!(!shown.contains("tok-secret"), "{shown}");
    }

    #[test]
    fn errors_do_not_quote_the_line() {
        let error =
            ProfileSet::parse(None, Some("[default]\nsecret-without-equals")).expect_err("no '='");
        let shown = error.to_string();
        assert_eq!(
            shown,
            "credentials file, line 2: Expected an '=' sign defining a property"
        );
    }

    #[test]
    fn sub_properties_split() {
        let set = ProfileSet::parse(
            Some("[profile p]\ns3 =\n  Max_Concurrent = 10\n  x = y"),
            None,
        )
        .expect("parses");
        let profile = set.profile("p").expect("profile p");
        let subs = profile.sub_properties("S3").expect("s3");
        assert_eq!(subs.get("max_concurrent").map(String::as_str), Some("10"));
        assert_eq!(subs.get("x").map(String::as_str), Some("y"));
        assert_eq!(profile.sub_properties("absent"), None);
    }

    #[test]
    fn tilde_expands_to_home() {
        let env: BTreeMap<String, String> = [
            ("HOME", "/home/u"),
            ("AWS_CONFIG_FILE", "~/cfg"),
            ("AWS_SHARED_CREDENTIALS_FILE", "~"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let locations = file_locations(&env, Platform::Unix);
        assert_eq!(locations.config.as_deref(), Some("/home/u/cfg"));
        assert_eq!(locations.credentials.as_deref(), Some("/home/u"));
        assert_eq!(locations.profile, "default");
        let no_home: BTreeMap<String, String> =
            [("AWS_PROFILE".to_owned(), " \t".to_owned())].into();
        let locations = file_locations(&no_home, Platform::Unix);
        assert_eq!(locations.config, None);
        assert_eq!(locations.profile, "default", "a blank AWS_PROFILE is unset");
    }
}
