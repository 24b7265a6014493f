//! Stand-ins for the outside world the client core asks for, for tests
//! that drive calls without real time: a clock that always reads one
//! instant (signatures are then reproducible) and a sleep that returns at
//! once (retry delays cost nothing).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use awsgen_runtime::client::{BoxFuture, Clock, Sleep};

/// A clock stopped at one instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedClock(pub SystemTime);

impl FixedClock {
    /// Stopped at the Unix epoch.
    pub const EPOCH: FixedClock = FixedClock(UNIX_EPOCH);

    /// Stopped `seconds` after the Unix epoch.
    pub fn at(seconds: u64) -> Self {
        Self(UNIX_EPOCH + Duration::from_secs(seconds))
    }
}

impl Clock for FixedClock {
    fn now(&self) -> SystemTime {
        self.0
    }
}

/// A sleep that does not wait.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoSleep;

impl Sleep for NoSleep {
    fn sleep(&self, _: Duration) -> BoxFuture<'_, ()> {
        Box::pin(async {})
    }
}
