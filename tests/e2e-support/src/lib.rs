//! What the end-to-end tests (`tests/tests/e2e_*.rs`) stand on, kept out
//! of the generated crate and the runtime:
//!
//! - [`call`]: one call of a generated operation, signed with a test key;
//! - [`fakes`]: a stopped clock and a sleep that does not wait, for tests
//!   that drive the client core without real time;
//! - [`http1`]: a tiny blocking HTTP/1.1 exchange over a `std` TCP stream
//!   (one request per connection), for the tests to send what
//!   `Operation::build_request` built until the real transport is wired
//!   in, and for the fake server to read requests;
//! - [`moto`]: starts the pinned moto server (installed by
//!   `.ci/install-moto` into `.ci/venv`) on a free port of 127.0.0.1 and
//!   stops it by its process id; [`moto::IOT_OPERATIONS`] says which IoT
//!   operations moto implements;
//! - [`server`]: a thread-per-connection HTTP server on 127.0.0.1:0,
//!   stopped when dropped;
//! - [`sigv4_check`]: checks a received request's SigV4 signature by
//!   recomputing it with the runtime's signer pieces;
//! - [`jobs`]: a fake IoT Jobs Data Plane (the five operations, with AWS's
//!   job-execution state machine) and the Commands API's
//!   `GetCommandExecution`, which moto implements neither of; every
//!   request's signature is checked.

pub mod call;
pub mod fakes;
pub mod http1;
pub mod jobs;
pub mod moto;
pub mod server;
pub mod sigv4_check;
