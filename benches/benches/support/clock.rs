//! The clock the criterion benchmarks measure with: `thread_clock.rs`
//! (this thread's CPU time by default, wall time with
//! `AWSGEN_BENCH_CLOCK=wall`; why is said there) as a criterion
//! `Measurement`.
//!
//! The file is shared, by `#[path]`, with `baseline-plain/`, which cannot
//! depend on this crate (it would get the workspace's serde_json features).

use std::time::Duration;

use criterion::measurement::{Measurement, ValueFormatter, WallTime};

#[path = "thread_clock.rs"]
mod thread_clock;

/// [`thread_clock::Clock`] as a criterion `Measurement`.
pub struct Clock {
    inner: thread_clock::Clock,
    /// Only for its nanosecond formatter.
    wall: WallTime,
}

impl Clock {
    /// The clock `AWSGEN_BENCH_CLOCK` asks for; panics, naming the value,
    /// on one that is neither `cpu` nor `wall` (a bench's setup error).
    pub fn from_env() -> Self {
        let inner = thread_clock::Clock::from_env().unwrap_or_else(|error| panic!("{error}"));
        Self {
            inner,
            wall: WallTime,
        }
    }

    /// `"thread CPU time"` or `"wall time"`, for the report.
    pub fn name(&self) -> &'static str {
        self.inner.name()
    }

    /// Now, in nanoseconds from an arbitrary origin.
    pub fn now_ns(&self) -> u64 {
        self.inner.now_ns()
    }
}

impl Measurement for Clock {
    type Intermediate = u64;
    type Value = Duration;

    fn start(&self) -> u64 {
        self.now_ns()
    }

    fn end(&self, start: u64) -> Duration {
        Duration::from_nanos(self.now_ns().saturating_sub(start))
    }

    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }

    fn zero(&self) -> Duration {
        Duration::ZERO
    }

    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        self.wall.formatter()
    }
}
