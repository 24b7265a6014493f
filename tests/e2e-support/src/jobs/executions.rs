//! Job executions as IoT Jobs keeps them, and the transitions a device may
//! ask for through the Jobs Data Plane (AWS IoT developer guide, "Jobs
//! device communications" and the `UpdateJobExecution` reference):
//!
//! - a device sets `IN_PROGRESS`, `SUCCEEDED`, `FAILED` or `REJECTED`;
//!   any other status is an `InvalidRequestException`;
//! - an execution in a terminal status (`SUCCEEDED`, `FAILED`,
//!   `TIMED_OUT`, `REJECTED`, `REMOVED`, `CANCELED`) cannot change: an
//!   `InvalidStateTransitionException`;
//! - every accepted update increments the version; an `expectedVersion`
//!   that is not the current version is refused with a
//!   `VersionConflictException` (which the jobs-data model does not list,
//!   so generated clients see it as an unmodeled error with its code);
//! - `StartNextPendingJobExecution` returns the execution already
//!   `IN_PROGRESS`, else starts the oldest `QUEUED` one, else returns none.

use std::collections::BTreeMap;

/// A failed request: HTTP status, error code, message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub status: u16,
    pub code: &'static str,
    pub message: String,
}

impl Failure {
    pub fn new(status: u16, code: &'static str, message: impl Into<String>) -> Failure {
        Failure {
            status,
            code,
            message: message.into(),
        }
    }

    pub fn not_found(message: impl Into<String>) -> Failure {
        Failure::new(404, "ResourceNotFoundException", message)
    }

    pub fn invalid(message: impl Into<String>) -> Failure {
        Failure::new(400, "InvalidRequestException", message)
    }
}

/// The statuses a job execution has (`JobExecutionStatus`).
pub const TERMINAL: &[&str] = &[
    "SUCCEEDED",
    "FAILED",
    "TIMED_OUT",
    "REJECTED",
    "REMOVED",
    "CANCELED",
];
/// The statuses a device may set.
pub const SETTABLE: &[&str] = &["IN_PROGRESS", "SUCCEEDED", "FAILED", "REJECTED"];

/// One job's execution on one thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Execution {
    pub job_id: String,
    pub thing_name: String,
    pub status: String,
    pub status_details: BTreeMap<String, String>,
    /// Seconds since the epoch.
    pub queued_at: i64,
    pub started_at: Option<i64>,
    pub last_updated_at: i64,
    pub version_number: i64,
    pub execution_number: i64,
    /// The job document, JSON text.
    pub job_document: String,
    pub step_timeout_in_minutes: Option<i64>,
}

/// What a device asks of `UpdateJobExecution`.
#[derive(Debug, Clone, Default)]
pub struct Update {
    pub status: String,
    pub status_details: Option<BTreeMap<String, String>>,
    pub step_timeout_in_minutes: Option<i64>,
    pub expected_version: Option<i64>,
    pub execution_number: Option<i64>,
}

/// Every execution, by thing, then job (in the order queued).
#[derive(Debug, Default)]
pub struct Executions {
    by_thing: BTreeMap<String, Vec<Execution>>,
    next_execution_number: i64,
}

impl Executions {
    /// Queues `job_id` on `thing_name` (what `CreateJob` does in IoT).
    pub fn queue(&mut self, thing_name: &str, job_id: &str, job_document: &str, now: i64) {
        self.next_execution_number += 1;
        self.by_thing
            .entry(thing_name.to_owned())
            .or_default()
            .push(Execution {
                job_id: job_id.to_owned(),
                thing_name: thing_name.to_owned(),
                status: "QUEUED".to_owned(),
                status_details: BTreeMap::new(),
                queued_at: now,
                started_at: None,
                last_updated_at: now,
                version_number: 1,
                execution_number: self.next_execution_number,
                job_document: job_document.to_owned(),
                step_timeout_in_minutes: None,
            });
    }

    /// Sets an execution's status as the control plane would
    /// (`CancelJobExecution`, a timeout), for tests of terminal states.
    pub fn force_status(&mut self, thing_name: &str, job_id: &str, status: &str, now: i64) -> bool {
        match self.find_mut(thing_name, job_id, None) {
            Ok(e) => {
                e.status = status.to_owned();
                e.version_number += 1;
                e.last_updated_at = now;
                true
            }
            Err(_) => false,
        }
    }

    fn thing(&self, thing_name: &str) -> Result<&Vec<Execution>, Failure> {
        self.by_thing
            .get(thing_name)
            .ok_or_else(|| Failure::not_found(format!("Thing {thing_name} cannot be found.")))
    }

    /// The pending executions of a thing: (in progress, queued).
    pub fn pending(&self, thing_name: &str) -> Result<(Vec<&Execution>, Vec<&Execution>), Failure> {
        let all = self.thing(thing_name)?;
        let with = |status: &str| {
            all.iter()
                .filter(|e| e.status == status)
                .collect::<Vec<_>>()
        };
        Ok((with("IN_PROGRESS"), with("QUEUED")))
    }

    pub fn find(
        &self,
        thing_name: &str,
        job_id: &str,
        execution_number: Option<i64>,
    ) -> Result<&Execution, Failure> {
        self.thing(thing_name)?
            .iter()
            .find(|e| {
                e.job_id == job_id && execution_number.is_none_or(|n| n == e.execution_number)
            })
            .ok_or_else(|| {
                Failure::not_found(format!(
                    "Job execution of job {job_id} on thing {thing_name} cannot be found."
                ))
            })
    }

    fn find_mut(
        &mut self,
        thing_name: &str,
        job_id: &str,
        execution_number: Option<i64>,
    ) -> Result<&mut Execution, Failure> {
        self.find(thing_name, job_id, execution_number)?;
        self.by_thing
            .get_mut(thing_name)
            .and_then(|all| {
                all.iter_mut().find(|e| {
                    e.job_id == job_id && execution_number.is_none_or(|n| n == e.execution_number)
                })
            })
            .ok_or_else(|| Failure::not_found(format!("Job {job_id} cannot be found.")))
    }

    /// `StartNextPendingJobExecution`.
    pub fn start_next(
        &mut self,
        thing_name: &str,
        status_details: Option<BTreeMap<String, String>>,
        step_timeout_in_minutes: Option<i64>,
        now: i64,
    ) -> Result<Option<&Execution>, Failure> {
        self.thing(thing_name)?;
        let all = self
            .by_thing
            .get_mut(thing_name)
            .ok_or_else(|| Failure::not_found(thing_name))?;
        let index = match all.iter().position(|e| e.status == "IN_PROGRESS") {
            Some(i) => Some(i),
            None => all.iter().position(|e| e.status == "QUEUED"),
        };
        let Some(index) = index else {
            return Ok(None);
        };
        let e = &mut all[index];
        if e.status == "QUEUED" {
            e.status = "IN_PROGRESS".to_owned();
            e.started_at = Some(now);
            e.last_updated_at = now;
            e.version_number += 1;
            if let Some(details) = status_details {
                e.status_details = details;
            }
            e.step_timeout_in_minutes = step_timeout_in_minutes;
        }
        Ok(Some(&all[index]))
    }

    /// `UpdateJobExecution`.
    pub fn update(
        &mut self,
        thing_name: &str,
        job_id: &str,
        update: Update,
        now: i64,
    ) -> Result<&Execution, Failure> {
        if !SETTABLE.contains(&update.status.as_str()) {
            return Err(Failure::invalid(format!(
                "status must be one of {}; got {}",
                SETTABLE.join(", "),
                update.status
            )));
        }
        let e = self.find_mut(thing_name, job_id, update.execution_number)?;
        if TERMINAL.contains(&e.status.as_str()) {
            return Err(Failure::new(
                409,
                "InvalidStateTransitionException",
                format!(
                    "Job execution of job {job_id} on thing {thing_name} is in the terminal status {} \
                     and cannot be updated to {}.",
                    e.status, update.status
                ),
            ));
        }
        if let Some(expected) = update.expected_version {
            if expected != e.version_number {
                return Err(Failure::new(
                    409,
                    "VersionConflictException",
                    format!(
                        "The expected version {expected} does not match the current version {} \
                         of the job execution.",
                        e.version_number
                    ),
                ));
            }
        }
        if e.status == "QUEUED" {
            e.started_at = Some(now);
        }
        e.status = update.status;
        if let Some(details) = update.status_details {
            e.status_details = details;
        }
        if update.step_timeout_in_minutes.is_some() {
            e.step_timeout_in_minutes = update.step_timeout_in_minutes;
        }
        e.version_number += 1;
        e.last_updated_at = now;
        Ok(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn update(status: &str) -> Update {
        Update {
            status: status.to_owned(),
            ..Update::default()
        }
    }

    #[test]
    fn queued_to_in_progress_to_succeeded() {
        let mut x = Executions::default();
        x.queue("t", "j1", "{}", 10);
        x.queue("t", "j2", "{}", 11);
        let started = x
            .start_next("t", None, Some(5), 20)
            .unwrap()
            .unwrap()
            .clone();
        assert_eq!(
            (started.job_id.as_str(), started.status.as_str()),
            ("j1", "IN_PROGRESS")
        );
        assert_eq!((started.version_number, started.started_at), (2, Some(20)));
        // The one in progress again, unchanged.
        assert_eq!(
            x.start_next("t", None, None, 30).unwrap().unwrap(),
            &started
        );
        let progress = Update {
            expected_version: Some(2),
            status_details: Some([("step".to_owned(), "1".to_owned())].into()),
            ..update("IN_PROGRESS")
        };
        assert_eq!(x.update("t", "j1", progress, 31).unwrap().version_number, 3);
        let stale = Update {
            expected_version: Some(2),
            ..update("SUCCEEDED")
        };
        assert_eq!(
            x.update("t", "j1", stale, 32).unwrap_err().code,
            "VersionConflictException"
        );
        let done = x.update("t", "j1", update("SUCCEEDED"), 33).unwrap();
        assert_eq!(
            (done.status.as_str(), done.version_number),
            ("SUCCEEDED", 4)
        );
        assert_eq!(done.status_details["step"], "1", "kept when not sent");
        assert_eq!(
            x.update("t", "j1", update("IN_PROGRESS"), 34)
                .unwrap_err()
                .code,
            "InvalidStateTransitionException"
        );
        let (running, queued) = x.pending("t").unwrap();
        assert!(running.is_empty());
        assert_eq!(
            queued.iter().map(|e| e.job_id.as_str()).collect::<Vec<_>>(),
            ["j2"]
        );
    }

    #[test]
    fn refusals() {
        let mut x = Executions::default();
        x.queue("t", "j", "{}", 1);
        assert_eq!(
            x.update("t", "j", update("QUEUED"), 2).unwrap_err().code,
            "InvalidRequestException"
        );
        assert_eq!(
            x.update("t", "nope", update("FAILED"), 2)
                .unwrap_err()
                .status,
            404
        );
        assert_eq!(
            x.pending("other").unwrap_err().code,
            "ResourceNotFoundException"
        );
        assert!(x.force_status("t", "j", "CANCELED", 3));
        assert_eq!(
            x.update("t", "j", update("FAILED"), 4).unwrap_err().status,
            409
        );
        assert!(x.start_next("t", None, None, 5).unwrap().is_none());
        // Straight from QUEUED to a terminal status is allowed.
        x.queue("t", "k", "{}", 6);
        assert_eq!(
            x.update("t", "k", update("REJECTED"), 7)
                .unwrap()
                .started_at,
            Some(7)
        );
    }
}
