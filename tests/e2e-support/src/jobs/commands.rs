//! Command executions (the IoT Commands API): started on the jobs data
//! plane (`StartCommandExecution`), read on the control plane
//! (`GetCommandExecution`). A fake device answers: an execution is
//! `CREATED`, then `IN_PROGRESS`, and after a configured number of polls
//! reaches the configured terminal status.

use std::collections::BTreeMap;

use serde_json::Value;

use super::executions::Failure;

/// How the fake device answers commands.
#[derive(Debug, Clone)]
pub struct CommandBehaviour {
    /// `GetCommandExecution` calls before the execution is terminal.
    pub polls_until_done: u32,
    /// The terminal status: `SUCCEEDED`, `FAILED`, `REJECTED` or `TIMED_OUT`.
    pub final_status: String,
}

impl Default for CommandBehaviour {
    fn default() -> Self {
        CommandBehaviour {
            polls_until_done: 2,
            final_status: "SUCCEEDED".to_owned(),
        }
    }
}

/// One command execution.
#[derive(Debug, Clone)]
pub struct CommandExecution {
    pub execution_id: String,
    pub command_arn: String,
    pub target_arn: String,
    pub parameters: Option<Value>,
    pub execution_timeout_seconds: Option<i64>,
    pub client_token: Option<String>,
    pub status: String,
    pub polls: u32,
    pub created_at: i64,
    pub started_at: Option<i64>,
    pub completed_at: Option<i64>,
    pub last_updated_at: i64,
}

/// What `StartCommandExecution` asks for.
#[derive(Debug, Clone)]
pub struct Start {
    pub target_arn: String,
    pub command_arn: String,
    pub parameters: Option<Value>,
    pub execution_timeout_seconds: Option<i64>,
    pub client_token: Option<String>,
}

/// Every command execution, by id.
#[derive(Debug, Default)]
pub struct Commands {
    pub behaviour: CommandBehaviour,
    executions: BTreeMap<String, CommandExecution>,
    started: u64,
}

fn validation(message: impl Into<String>) -> Failure {
    Failure::new(400, "ValidationException", message)
}

impl Commands {
    /// No executions yet; the device answers as `behaviour` says.
    pub fn new(behaviour: CommandBehaviour) -> Commands {
        Commands {
            behaviour,
            ..Commands::default()
        }
    }

    /// `StartCommandExecution`: a retry with the same client token and
    /// request gets the same execution; the same token with another
    /// request is a `ConflictException`.
    pub fn start(&mut self, start: Start, now: i64) -> Result<String, Failure> {
        if !start.command_arn.starts_with("arn:") || !start.command_arn.contains(":command/") {
            return Err(Failure::not_found(format!(
                "Command {} cannot be found.",
                start.command_arn
            )));
        }
        if !start.target_arn.starts_with("arn:") {
            return Err(validation(format!(
                "targetArn {} is not an ARN",
                start.target_arn
            )));
        }
        if let Some(token) = &start.client_token {
            if let Some(existing) = self
                .executions
                .values()
                .find(|e| e.client_token.as_ref() == Some(token))
            {
                let same = existing.command_arn == start.command_arn
                    && existing.target_arn == start.target_arn
                    && existing.parameters == start.parameters
                    && existing.execution_timeout_seconds == start.execution_timeout_seconds;
                return if same {
                    Ok(existing.execution_id.clone())
                } else {
                    Err(Failure::new(
                        409,
                        "ConflictException",
                        format!("The client token {token} was used with a different request."),
                    ))
                };
            }
        }
        self.started += 1;
        let execution_id = format!("cmd-exec-{:08}", self.started);
        self.executions.insert(
            execution_id.clone(),
            CommandExecution {
                execution_id: execution_id.clone(),
                command_arn: start.command_arn,
                target_arn: start.target_arn,
                parameters: start.parameters,
                execution_timeout_seconds: start.execution_timeout_seconds,
                client_token: start.client_token,
                status: "CREATED".to_owned(),
                polls: 0,
                created_at: now,
                started_at: None,
                completed_at: None,
                last_updated_at: now,
            },
        );
        Ok(execution_id)
    }

    /// `GetCommandExecution`: each call is a poll that moves the
    /// execution on (`CREATED` → `IN_PROGRESS` → the final status after
    /// `polls_until_done` polls).
    pub fn poll(
        &mut self,
        execution_id: &str,
        target_arn: &str,
        now: i64,
    ) -> Result<&CommandExecution, Failure> {
        let behaviour = self.behaviour.clone();
        let e = self
            .executions
            .get_mut(execution_id)
            .filter(|e| e.target_arn == target_arn)
            .ok_or_else(|| {
                Failure::not_found(format!(
                    "Command execution {execution_id} on target {target_arn} cannot be found."
                ))
            })?;
        if matches!(e.status.as_str(), "CREATED" | "IN_PROGRESS") {
            e.polls += 1;
            if e.polls >= behaviour.polls_until_done {
                e.status = behaviour.final_status;
                e.completed_at = Some(now);
            } else {
                e.status = "IN_PROGRESS".to_owned();
            }
            e.started_at.get_or_insert(now);
            e.last_updated_at = now;
        }
        Ok(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start(token: Option<&str>, target: &str) -> Start {
        Start {
            target_arn: target.to_owned(),
            command_arn: "arn:aws:iot:us-east-1:123456789012:command/reboot".to_owned(),
            parameters: None,
            execution_timeout_seconds: Some(60),
            client_token: token.map(str::to_owned),
        }
    }

    #[test]
    fn progresses_to_the_final_status() {
        let mut c = Commands {
            behaviour: CommandBehaviour {
                polls_until_done: 3,
                final_status: "FAILED".to_owned(),
            },
            ..Commands::default()
        };
        let target = "arn:aws:iot:us-east-1:123456789012:thing/t";
        let id = c.start(start(Some("tok"), target), 1).unwrap();
        assert_eq!(
            c.start(start(Some("tok"), target), 2).unwrap(),
            id,
            "idempotent"
        );
        let other = "arn:aws:iot:us-east-1:123456789012:thing/u";
        assert_eq!(
            c.start(start(Some("tok"), other), 2).unwrap_err().code,
            "ConflictException"
        );
        let statuses: Vec<String> = (0..4)
            .map(|i| c.poll(&id, target, 10 + i).unwrap().status.clone())
            .collect();
        assert_eq!(statuses, ["IN_PROGRESS", "IN_PROGRESS", "FAILED", "FAILED"]);
        assert_eq!(c.poll(&id, target, 20).unwrap().completed_at, Some(12));
        assert_eq!(c.poll(&id, other, 20).unwrap_err().status, 404);
        let mut bad = start(None, target);
        bad.command_arn = "reboot".to_owned();
        assert_eq!(
            c.start(bad, 1).unwrap_err().code,
            "ResourceNotFoundException"
        );
    }
}
