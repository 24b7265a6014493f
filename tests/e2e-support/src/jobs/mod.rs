//! A fake AWS IoT Jobs Data Plane with the Commands API, for the
//! end-to-end tests (moto implements neither). It serves, on one port:
//!
//! | operation | route | signing name |
//! | --- | --- | --- |
//! | `GetPendingJobExecutions` | `GET /things/{thingName}/jobs` | `iot-jobs-data` |
//! | `StartNextPendingJobExecution` | `PUT /things/{thingName}/jobs/$next` | `iot-jobs-data` |
//! | `DescribeJobExecution` | `GET /things/{thingName}/jobs/{jobId}` | `iot-jobs-data` |
//! | `UpdateJobExecution` | `POST /things/{thingName}/jobs/{jobId}` | `iot-jobs-data` |
//! | `StartCommandExecution` | `POST /command-executions` | `iot-jobs-data` |
//! | `GetCommandExecution` (IoT) | `GET /command-executions/{executionId}` | `iot` |
//!
//! Routes and members are read from the request as AWS documents them
//! (`models/iot-jobs-data`, `models/iot`), with `serde_json` alone: the
//! server shares no code with the generated crate, so a wrong serializer
//! or parser there shows up as a failed test. Every request's SigV4
//! signature is checked first ([`Verifier`]); a bad one gets 403 with
//! `x-amzn-ErrorType: InvalidSignatureException`. Errors are restJson1:
//! the status, `x-amzn-ErrorType` and `{"message": …}`; every response
//! has an `x-amzn-RequestId`.
//!
//! The state machines are in [`executions`] and [`commands`]; jobs are
//! queued by the test ([`FakeJobsServer::queue_job`]).

pub mod commands;
pub mod executions;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Map, Value};

use self::commands::{CommandBehaviour, Commands, Start};
use self::executions::{Execution, Executions, Failure, Update};
use crate::call::{TEST_ACCESS_KEY_ID, TEST_REGION, TEST_SECRET_ACCESS_KEY};
use crate::server::TestServer;
use crate::sigv4_check::Verifier;

/// The state behind the server.
struct State {
    executions: Executions,
    commands: Commands,
}

struct Shared {
    state: Mutex<State>,
    verifier: Verifier,
    requests: AtomicU64,
}

/// The running fake; dropping it stops it.
pub struct FakeJobsServer {
    shared: Arc<Shared>,
    server: TestServer,
}

impl FakeJobsServer {
    /// Starts the fake on 127.0.0.1 with a free port, accepting the test
    /// key ([`crate::call`]) and answering commands as `behaviour` says.
    pub fn start(behaviour: CommandBehaviour) -> std::io::Result<FakeJobsServer> {
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                executions: Executions::default(),
                commands: Commands::new(behaviour),
            }),
            verifier: Verifier {
                access_key_id: TEST_ACCESS_KEY_ID.to_owned(),
                secret_access_key: TEST_SECRET_ACCESS_KEY.to_owned(),
                region: TEST_REGION.to_owned(),
            },
            requests: AtomicU64::new(0),
        });
        let handler = Arc::clone(&shared);
        let server = TestServer::start(Arc::new(move |request| handler.handle(request)))?;
        Ok(FakeJobsServer { shared, server })
    }

    pub fn addr(&self) -> SocketAddr {
        self.server.addr()
    }

    /// Queues `job_id` on `thing_name` with a job document (JSON text).
    pub fn queue_job(&self, thing_name: &str, job_id: &str, job_document: &str) {
        self.shared
            .lock()
            .executions
            .queue(thing_name, job_id, job_document, now());
    }

    /// Sets an execution's status as the control plane would (a
    /// cancellation, a timeout); false when there is no such execution.
    pub fn force_status(&self, thing_name: &str, job_id: &str, status: &str) -> bool {
        self.shared
            .lock()
            .executions
            .force_status(thing_name, job_id, status, now())
    }

    /// The execution as the server holds it, for assertions.
    pub fn execution(&self, thing_name: &str, job_id: &str) -> Option<Execution> {
        self.shared
            .lock()
            .executions
            .find(thing_name, job_id, None)
            .ok()
            .cloned()
    }
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// `%XX` decoding of a path segment or query part (`+` is kept: AWS
/// encodes spaces as `%20`).
fn decode(text: &str) -> Result<String, Failure> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| Failure::invalid(format!("bad percent-encoding in {text:?}")))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| Failure::invalid(format!("{text:?} is not UTF-8")))
}

fn query(request: &http::Request<Vec<u8>>) -> Result<BTreeMap<String, String>, Failure> {
    let mut out = BTreeMap::new();
    for pair in request
        .uri()
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty())
    {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        out.insert(decode(key)?, decode(value)?);
    }
    Ok(out)
}

/// The JSON object of a request body (`{}` when empty).
fn body(
    request: &http::Request<Vec<u8>>,
    invalid: fn(String) -> Failure,
) -> Result<Map<String, Value>, Failure> {
    if request.body().is_empty() {
        return Ok(Map::new());
    }
    match serde_json::from_slice(request.body()) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(invalid("the body must be a JSON object".to_owned())),
        Err(e) => Err(invalid(format!("the body is not JSON: {e}"))),
    }
}

fn invalid_request(message: String) -> Failure {
    Failure::invalid(message)
}

fn validation(message: String) -> Failure {
    Failure::new(400, "ValidationException", message)
}

fn string_map(
    value: Option<&Value>,
    member: &str,
) -> Result<Option<BTreeMap<String, String>>, Failure> {
    let Some(value) = value else { return Ok(None) };
    let object = value
        .as_object()
        .ok_or_else(|| Failure::invalid(format!("{member} must be an object")))?;
    object
        .iter()
        .map(|(k, v)| match v.as_str() {
            Some(s) => Ok((k.clone(), s.to_owned())),
            None => Err(Failure::invalid(format!("{member}.{k} must be a string"))),
        })
        .collect::<Result<_, _>>()
        .map(Some)
}

fn integer(
    value: Option<&Value>,
    member: &str,
    invalid: fn(String) -> Failure,
) -> Result<Option<i64>, Failure> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_i64()
            .map(Some)
            .ok_or_else(|| invalid(format!("{member} must be an integer"))),
    }
}

fn boolean_query(query: &BTreeMap<String, String>, key: &str) -> Result<Option<bool>, Failure> {
    match query.get(key).map(String::as_str) {
        None => Ok(None),
        Some("true") => Ok(Some(true)),
        Some("false") => Ok(Some(false)),
        Some(other) => Err(Failure::invalid(format!(
            "{key} must be true or false, not {other}"
        ))),
    }
}

fn summary(e: &Execution) -> Value {
    let mut v = json!({
        "jobId": e.job_id,
        "queuedAt": e.queued_at,
        "lastUpdatedAt": e.last_updated_at,
        "versionNumber": e.version_number,
        "executionNumber": e.execution_number,
    });
    if let Some(started) = e.started_at {
        v["startedAt"] = json!(started);
    }
    v
}

fn execution(e: &Execution, include_document: bool) -> Value {
    let mut v = summary(e);
    v["thingName"] = json!(e.thing_name);
    v["status"] = json!(e.status);
    v["statusDetails"] = json!(e.status_details);
    if let Some(minutes) = e.step_timeout_in_minutes {
        v["approximateSecondsBeforeTimedOut"] = json!(minutes * 60);
    }
    if include_document {
        v["jobDocument"] = json!(e.job_document);
    }
    v
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn handle(&self, request: http::Request<Vec<u8>>) -> http::Response<Vec<u8>> {
        let id = self.requests.fetch_add(1, Ordering::SeqCst) + 1;
        let request_id = format!("fake-jobs-{id:08}");
        let result = self.route(&request);
        let (status, code, body) = match result {
            Ok(body) => (200, None, body),
            Err(f) => (f.status, Some(f.code), json!({ "message": f.message })),
        };
        let mut response = http::Response::new(body.to_string().into_bytes());
        *response.status_mut() =
            http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        let headers = response.headers_mut();
        headers.insert(
            "content-type",
            http::HeaderValue::from_static("application/json"),
        );
        if let Ok(value) = http::HeaderValue::from_str(&request_id) {
            headers.insert("x-amzn-requestid", value);
        }
        if let Some(code) = code {
            headers.insert("x-amzn-errortype", http::HeaderValue::from_static(code));
        }
        response
    }

    fn route(&self, request: &http::Request<Vec<u8>>) -> Result<Value, Failure> {
        let path = request.uri().path();
        let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        let method = request.method().as_str();
        let service = match segments.as_slice() {
            ["command-executions", _] if method == "GET" => "iot",
            _ => "iot-jobs-data",
        };
        self.verifier
            .verify(request, service, SystemTime::now())
            .map_err(|r| Failure::new(403, r.code, r.message))?;
        let now = now();
        match (method, segments.as_slice()) {
            ("GET", ["things", thing, "jobs"]) => self.get_pending(&decode(thing)?),
            ("PUT", ["things", thing, "jobs", "$next"]) => {
                self.start_next(&decode(thing)?, request, now)
            }
            ("GET", ["things", thing, "jobs", job]) => {
                self.describe(&decode(thing)?, &decode(job)?, request)
            }
            ("POST", ["things", thing, "jobs", job]) => {
                self.update(&decode(thing)?, &decode(job)?, request, now)
            }
            ("POST", ["command-executions"]) => self.start_command(request, now),
            ("GET", ["command-executions", execution]) => {
                self.get_command(&decode(execution)?, request, now)
            }
            _ => Err(Failure::new(
                404,
                "UnknownOperationException",
                format!("No operation at {method} {path}"),
            )),
        }
    }

    fn get_pending(&self, thing: &str) -> Result<Value, Failure> {
        let state = self.lock();
        let (running, queued) = state.executions.pending(thing)?;
        Ok(json!({
            "inProgressJobs": running.into_iter().map(summary).collect::<Vec<_>>(),
            "queuedJobs": queued.into_iter().map(summary).collect::<Vec<_>>(),
        }))
    }

    fn start_next(
        &self,
        thing: &str,
        request: &http::Request<Vec<u8>>,
        now: i64,
    ) -> Result<Value, Failure> {
        let body = body(request, invalid_request)?;
        let details = string_map(body.get("statusDetails"), "statusDetails")?;
        let timeout = integer(
            body.get("stepTimeoutInMinutes"),
            "stepTimeoutInMinutes",
            invalid_request,
        )?;
        let mut state = self.lock();
        match state.executions.start_next(thing, details, timeout, now)? {
            Some(e) => Ok(json!({ "execution": execution(e, true) })),
            None => Ok(json!({})),
        }
    }

    fn describe(
        &self,
        thing: &str,
        job: &str,
        request: &http::Request<Vec<u8>>,
    ) -> Result<Value, Failure> {
        let query = query(request)?;
        // AWS: "Unless set to false, the response contains the job document."
        let include_document = boolean_query(&query, "includeJobDocument")?.unwrap_or(true);
        let number = match query.get("executionNumber") {
            Some(n) => Some(
                n.parse::<i64>()
                    .map_err(|_| Failure::invalid("executionNumber must be an integer"))?,
            ),
            None => None,
        };
        let state = self.lock();
        let e = state.executions.find(thing, job, number)?;
        Ok(json!({ "execution": execution(e, include_document) }))
    }

    fn update(
        &self,
        thing: &str,
        job: &str,
        request: &http::Request<Vec<u8>>,
        now: i64,
    ) -> Result<Value, Failure> {
        let body = body(request, invalid_request)?;
        let status = body
            .get("status")
            .and_then(Value::as_str)
            .ok_or_else(|| Failure::invalid("status is required"))?;
        let flag = |key: &str| body.get(key).and_then(Value::as_bool).unwrap_or(false);
        let update = Update {
            status: status.to_owned(),
            status_details: string_map(body.get("statusDetails"), "statusDetails")?,
            step_timeout_in_minutes: integer(
                body.get("stepTimeoutInMinutes"),
                "stepTimeoutInMinutes",
                invalid_request,
            )?,
            expected_version: integer(
                body.get("expectedVersion"),
                "expectedVersion",
                invalid_request,
            )?,
            execution_number: integer(
                body.get("executionNumber"),
                "executionNumber",
                invalid_request,
            )?,
        };
        let mut state = self.lock();
        let e = state.executions.update(thing, job, update, now)?;
        let mut out = json!({});
        if flag("includeJobExecutionState") {
            out["executionState"] = json!({
                "status": e.status,
                "statusDetails": e.status_details,
                "versionNumber": e.version_number,
            });
        }
        if flag("includeJobDocument") {
            out["jobDocument"] = json!(e.job_document);
        }
        Ok(out)
    }

    fn start_command(&self, request: &http::Request<Vec<u8>>, now: i64) -> Result<Value, Failure> {
        let body = body(request, validation)?;
        let text = |key: &str| -> Result<String, Failure> {
            body.get(key)
                .and_then(Value::as_str)
                .map(str::to_owned)
                .ok_or_else(|| validation(format!("{key} is required")))
        };
        let start = Start {
            target_arn: text("targetArn")?,
            command_arn: text("commandArn")?,
            parameters: body.get("parameters").cloned(),
            execution_timeout_seconds: integer(
                body.get("executionTimeoutSeconds"),
                "executionTimeoutSeconds",
                validation,
            )?,
            client_token: body
                .get("clientToken")
                .and_then(Value::as_str)
                .map(str::to_owned),
        };
        let id = self.lock().commands.start(start, now)?;
        Ok(json!({ "executionId": id }))
    }

    fn get_command(
        &self,
        execution_id: &str,
        request: &http::Request<Vec<u8>>,
        now: i64,
    ) -> Result<Value, Failure> {
        let query = query(request)?;
        let target = query
            .get("targetArn")
            .ok_or_else(|| validation("targetArn is required".to_owned()))?;
        let include_result = boolean_query(&query, "includeResult")?.unwrap_or(true);
        let mut state = self.lock();
        let e = state.commands.poll(execution_id, target, now)?;
        let mut out = json!({
            "executionId": e.execution_id,
            "commandArn": e.command_arn,
            "targetArn": e.target_arn,
            "status": e.status,
            "createdAt": e.created_at,
            "lastUpdatedAt": e.last_updated_at,
        });
        if let Some(parameters) = &e.parameters {
            out["parameters"] = parameters.clone();
        }
        if let Some(timeout) = e.execution_timeout_seconds {
            out["executionTimeoutSeconds"] = json!(timeout);
        }
        if let Some(started) = e.started_at {
            out["startedAt"] = json!(started);
        }
        if let Some(completed) = e.completed_at {
            out["completedAt"] = json!(completed);
            if e.status != "SUCCEEDED" {
                out["statusReason"] = json!({
                    "reasonCode": "DEVICE_ERROR",
                    "reasonDescription": format!("the device reported {}", e.status),
                });
            }
            if include_result {
                out["result"] = json!({ "status": { "S": e.status } });
            }
        }
        Ok(out)
    }
}
