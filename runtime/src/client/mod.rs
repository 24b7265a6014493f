//! The sans-IO core of a client: a per-call state machine ([`Call`]) that
//! builds, routes, signs and retries an [`Operation`](crate::Operation)'s
//! requests without doing any I/O, the small traits it needs from the
//! outside ([`HttpClient`], [`Sleep`], [`Clock`]), AWS standard-mode retries
//! ([`retry`]), an async and a blocking driver ([`send`],
//! [`send_blocking`]), paginators over them ([`paginate`]), and a replay
//! transport for tests ([`ReplayClient`]).
//! No async runtime and no HTTP library: transports live elsewhere.

mod block_on;
pub(crate) mod call;
pub mod paginate;
mod replay;
pub mod retry;
pub(crate) mod service;
mod timeout;
mod trace;
mod transport;

pub use block_on::block_on;
pub use call::{send, send_blocking, Call, CallError, ClientConfig, Next, SigningConfig};
pub use replay::{route, ReplayClient};
pub use retry::{RetryConfig, RetryKind, RetryQuota};
pub use service::{ClientBuildError, ClientSettings, ServiceClient};
pub use timeout::{AttemptTimeout, TimeoutConfig};
pub use transport::{
    BoxFuture, Clock, HttpClient, Sleep, SystemClock, TransportError, TransportErrorKind,
};
