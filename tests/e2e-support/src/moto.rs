//! The moto server (Python package `moto[server]`, pinned in
//! `.ci/install-moto`), started on a free port of 127.0.0.1 for the
//! end-to-end tests and stopped by its process id when dropped (never by
//! name: other helpers' servers may run beside it).
//!
//! `.ci/install-moto` installs it into `.ci/venv` (the README's setup
//! command and `.ci/run` call it); `AWSGEN_MOTO_VENV` points elsewhere.
//! Startup takes about two seconds, so a test binary should share one
//! server ([`MotoServer::shared`]) and use distinct resource names.
//!
//! moto routes a signed request by the service in its credential scope
//! (`…/us-east-1/iot/aws4_request`), so requests must be signed (moto does
//! not check the signature). Which IoT operations moto implements:
//! [`IOT_OPERATIONS`], and `MOTO_IOT.md` beside this crate.
#![doc = ""]
#![doc = include_str!("../MOTO_IOT.md")]

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use crate::http1;

/// The moto version `.ci/install-moto` installs.
pub const MOTO_VERSION: &str = "5.2.5";

/// How long moto may take to answer after it is started.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(60);

/// The IoT operations moto implements (see `MOTO_IOT.md` for those it
/// does not): the operations of `models/iot` whose snake-case name is a
/// method of moto's `IoTResponse`.
pub const IOT_OPERATIONS: &[&str] = &[
    "AddThingToBillingGroup",
    "AddThingToThingGroup",
    "AttachPolicy",
    "AttachPrincipalPolicy",
    "AttachThingPrincipal",
    "CancelJob",
    "CancelJobExecution",
    "CreateBillingGroup",
    "CreateCertificateFromCsr",
    "CreateDomainConfiguration",
    "CreateJob",
    "CreateJobTemplate",
    "CreateKeysAndCertificate",
    "CreatePolicy",
    "CreatePolicyVersion",
    "CreateRoleAlias",
    "CreateThing",
    "CreateThingGroup",
    "CreateThingType",
    "CreateTopicRule",
    "DeleteBillingGroup",
    "DeleteCACertificate",
    "DeleteCertificate",
    "DeleteDomainConfiguration",
    "DeleteJob",
    "DeleteJobExecution",
    "DeleteJobTemplate",
    "DeletePolicy",
    "DeletePolicyVersion",
    "DeleteRoleAlias",
    "DeleteThing",
    "DeleteThingGroup",
    "DeleteThingType",
    "DeleteTopicRule",
    "DeprecateThingType",
    "DescribeBillingGroup",
    "DescribeCACertificate",
    "DescribeCertificate",
    "DescribeDomainConfiguration",
    "DescribeEndpoint",
    "DescribeJob",
    "DescribeJobExecution",
    "DescribeJobTemplate",
    "DescribeRoleAlias",
    "DescribeThing",
    "DescribeThingGroup",
    "DescribeThingType",
    "DetachPolicy",
    "DetachPrincipalPolicy",
    "DetachThingPrincipal",
    "DisableTopicRule",
    "EnableTopicRule",
    "GetIndexingConfiguration",
    "GetJobDocument",
    "GetPolicy",
    "GetPolicyVersion",
    "GetRegistrationCode",
    "GetTopicRule",
    "ListAttachedPolicies",
    "ListBillingGroups",
    "ListCertificates",
    "ListCertificatesByCA",
    "ListDomainConfigurations",
    "ListJobExecutionsForJob",
    "ListJobExecutionsForThing",
    "ListJobTemplates",
    "ListJobs",
    "ListPolicies",
    "ListPolicyPrincipals",
    "ListPolicyVersions",
    "ListPrincipalPolicies",
    "ListPrincipalThings",
    "ListPrincipalThingsV2",
    "ListRoleAliases",
    "ListTargetsForPolicy",
    "ListThingGroups",
    "ListThingGroupsForThing",
    "ListThingPrincipals",
    "ListThingPrincipalsV2",
    "ListThingTypes",
    "ListThings",
    "ListThingsInBillingGroup",
    "ListThingsInThingGroup",
    "ListTopicRules",
    "RegisterCACertificate",
    "RegisterCertificate",
    "RegisterCertificateWithoutCA",
    "RemoveThingFromBillingGroup",
    "RemoveThingFromThingGroup",
    "ReplaceTopicRule",
    "SearchIndex",
    "SetDefaultPolicyVersion",
    "UpdateBillingGroup",
    "UpdateCACertificate",
    "UpdateCertificate",
    "UpdateDomainConfiguration",
    "UpdateIndexingConfiguration",
    "UpdateRoleAlias",
    "UpdateThing",
    "UpdateThingGroup",
    "UpdateThingGroupsForThing",
];

/// A running moto server; dropping it kills the process (by its id) and
/// removes its log.
pub struct MotoServer {
    child: Child,
    addr: SocketAddr,
    log: PathBuf,
}

/// The virtualenv moto is installed in.
pub fn venv() -> PathBuf {
    match std::env::var_os("AWSGEN_MOTO_VENV") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.ci/venv"),
    }
}

/// Why moto is not available, naming the command that installs it.
fn not_installed(venv: &Path, what: &str) -> String {
    format!(
        "moto {MOTO_VERSION} is not installed in {}: {what}. \
         Run `.ci/install-moto` at the repository root (it creates the virtualenv \
         and installs moto[server]=={MOTO_VERSION} with pip), or set AWSGEN_MOTO_VENV \
         to a virtualenv that has it",
        venv.display()
    )
}

/// Checks the virtualenv has `moto_server` and the pinned moto.
fn installed_server(venv: &Path) -> Result<PathBuf, String> {
    let server = venv.join("bin/moto_server");
    if !server.is_file() {
        return Err(not_installed(venv, "there is no bin/moto_server"));
    }
    let lib = venv.join("lib");
    let entries = std::fs::read_dir(&lib)
        .map_err(|e| not_installed(venv, &format!("cannot read {}: {e}", lib.display())))?;
    let wanted = format!("moto-{MOTO_VERSION}.dist-info");
    let found = entries
        .flatten()
        .any(|python| python.path().join("site-packages").join(&wanted).is_dir());
    if found {
        Ok(server)
    } else {
        Err(not_installed(
            venv,
            &format!("no {wanted} in its site-packages"),
        ))
    }
}

/// A port nobody listens on now. (moto binds it a moment later; a clash
/// is retried by [`MotoServer::start`].)
fn free_port() -> Result<u16, String> {
    let listener =
        TcpListener::bind("127.0.0.1:0").map_err(|e| format!("cannot find a free port: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| format!("cannot find a free port: {e}"))
}

impl MotoServer {
    /// Starts moto on a free port of 127.0.0.1 and waits until it answers.
    pub fn start() -> Result<MotoServer, String> {
        let server = installed_server(&venv())?;
        let mut last = String::new();
        for _ in 0..3 {
            match Self::start_once(&server) {
                Ok(moto) => return Ok(moto),
                Err(e) => last = e,
            }
        }
        Err(last)
    }

    fn start_once(server: &Path) -> Result<MotoServer, String> {
        let port = free_port()?;
        let log =
            std::env::temp_dir().join(format!("awsgen-moto-{}-{port}.log", std::process::id()));
        let log_file = std::fs::File::create(&log)
            .map_err(|e| format!("cannot create {}: {e}", log.display()))?;
        let log_err = log_file
            .try_clone()
            .map_err(|e| format!("cannot share {}: {e}", log.display()))?;
        let child = Command::new(server)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(log_file)
            .stderr(log_err)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", server.display()))?;
        let mut moto = MotoServer {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
            log,
        };
        moto.wait_until_ready()?;
        Ok(moto)
    }

    /// Polls moto's own API until it answers 200, or moto exits, or the
    /// timeout passes.
    fn wait_until_ready(&mut self) -> Result<(), String> {
        let started = Instant::now();
        let probe = http::Request::get("/moto-api/data.json")
            .header("host", self.addr.to_string())
            .body(Vec::new())
            .map_err(|e| e.to_string())?;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!(
                    "moto exited ({status}) before answering on {}:\n{}",
                    self.addr,
                    self.log_tail()
                ));
            }
            if let Ok(response) = http1::send(self.addr, &probe) {
                if response.status() == http::StatusCode::OK {
                    return Ok(());
                }
            }
            if started.elapsed() > STARTUP_TIMEOUT {
                return Err(format!(
                    "moto did not answer on {} within {STARTUP_TIMEOUT:?}:\n{}",
                    self.addr,
                    self.log_tail()
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The end of moto's log, for errors.
    fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    }

    /// One server for every test of a binary that runs while it is held:
    /// the first caller starts it, the others get the same one, and it
    /// stops when the last holder drops it (a later caller starts another).
    pub fn shared() -> Result<Arc<MotoServer>, String> {
        static SHARED: Mutex<Weak<MotoServer>> = Mutex::new(Weak::new());
        let mut shared = SHARED
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(moto) = shared.upgrade() {
            return Ok(moto);
        }
        let moto = Arc::new(MotoServer::start()?);
        *shared = Arc::downgrade(&moto);
        Ok(moto)
    }

    /// Where moto listens.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`, to prefix request paths with.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// moto's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Forgets every resource moto holds (`POST /moto-api/reset`).
    pub fn reset(&self) -> Result<(), String> {
        let request = http::Request::post("/moto-api/reset")
            .header("host", self.addr.to_string())
            .body(Vec::new())
            .map_err(|e| e.to_string())?;
        let response = http1::send(self.addr, &request).map_err(|e| e.to_string())?;
        if response.status().is_success() {
            Ok(())
        } else {
            Err(format!("moto's reset answered {}", response.status()))
        }
    }
}

impl Drop for MotoServer {
    fn drop(&mut self) {
        // `Child::kill` signals this process by its id.
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.log);
    }
}

/// moto's `camelcase_to_underscores` (`moto/core/utils.py`), by which it
/// finds the method for an operation: `ListThingPrincipalsV2` →
/// `list_thing_principals_v2`, `CreateCACertificate` →
/// `create_ca_certificate`.
pub fn moto_method_name(operation: &str) -> String {
    let chars: Vec<char> = operation.chars().collect();
    let mut out = String::new();
    let mut prev_title = true;
    for (i, &c) in chars.iter().enumerate() {
        let next_title = chars.get(i + 1).is_none_or(|n| n.is_uppercase());
        let title = c.is_uppercase();
        if i > 0 && title && !(next_title && prev_title) {
            out.push('_');
        }
        prev_title = title;
        if !c.is_whitespace() {
            out.extend(c.to_lowercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_names_follow_moto() {
        assert_eq!(moto_method_name("ListThings"), "list_things");
        assert_eq!(
            moto_method_name("CreateCACertificate"),
            "create_ca_certificate"
        );
        assert_eq!(
            moto_method_name("ListThingPrincipalsV2"),
            "list_thing_principals_v2"
        );
        assert_eq!(
            moto_method_name("ListCertificatesByCA"),
            "list_certificates_by_ca"
        );
    }

    #[test]
    fn the_markdown_lists_the_same_operations() {
        let text = include_str!("../MOTO_IOT.md");
        let implemented = text
            .split("## Implemented")
            .nth(1)
            .and_then(|rest| rest.split("## Not implemented").next())
            .unwrap_or_default();
        let listed: Vec<&str> = implemented
            .lines()
            .filter_map(|l| l.strip_prefix("- `")?.strip_suffix('`'))
            .collect();
        assert_eq!(listed, IOT_OPERATIONS);
    }

    #[test]
    fn a_missing_venv_names_the_install_command() {
        let e = installed_server(Path::new("/nonexistent/venv")).unwrap_err();
        assert!(e.contains(".ci/install-moto"), "{e}");
        assert!(e.contains(MOTO_VERSION), "{e}");
    }
}
