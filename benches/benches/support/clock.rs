//! The clock the benchmarks measure with: this thread's CPU time by
//! default, wall time with `AWSGEN_BENCH_CLOCK=wall`.
//!
//! The project's machine has 2 cores shared with other jobs (load average
//! 3–6). Wall time then counts whatever ran while the benchmark thread was
//! descheduled, so the same loop varies by a factor of two or more between
//! runs, and a baseline and a candidate measured a minute apart are not
//! comparable. Thread CPU time (`CLOCK_THREAD_CPUTIME_ID`) counts only the
//! benchmark's own work, which is what the ratios in
//! `docs/performance.md` are about. The serialization study measured the
//! same way. On an idle machine the two clocks agree for these
//! single-threaded loops.
//!
//! The file is shared, by `#[path]`, with `baseline-plain/`, which cannot
//! depend on this crate (it would get the workspace's serde_json features).

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use criterion::measurement::{Measurement, ValueFormatter, WallTime};

/// Thread CPU time or wall time, chosen once by `AWSGEN_BENCH_CLOCK`
/// (`cpu`, the default, or `wall`).
pub struct Clock {
    cpu: bool,
    /// Only for its nanosecond formatter.
    wall: WallTime,
}

impl Clock {
    /// The clock `AWSGEN_BENCH_CLOCK` asks for.
    pub fn from_env() -> Self {
        let cpu = match std::env::var("AWSGEN_BENCH_CLOCK").as_deref() {
            Ok("wall") => false,
            Ok("cpu") | Err(_) => true,
            Ok(other) => panic!("AWSGEN_BENCH_CLOCK={other:?}: expected `cpu` or `wall`"),
        };
        Self {
            cpu,
            wall: WallTime,
        }
    }

    /// `"thread CPU time"` or `"wall time"`, for the report.
    pub fn name(&self) -> &'static str {
        if self.cpu {
            "thread CPU time"
        } else {
            "wall time"
        }
    }

    fn now_ns(&self) -> u64 {
        if self.cpu {
            thread_cpu_ns()
        } else {
            static ORIGIN: OnceLock<Instant> = OnceLock::new();
            let elapsed = ORIGIN.get_or_init(Instant::now).elapsed();
            u64::try_from(elapsed.as_nanos()).unwrap_or(u64::MAX)
        }
    }
}

/// The CPU time this thread has used, in nanoseconds.
fn thread_cpu_ns() -> u64 {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid, writable timespec; the clock id is a
    // constant every Linux kernel since 2.6.12 supports.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    assert_eq!(status, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    let seconds = u64::try_from(now.tv_sec).unwrap_or_default();
    let nanos = u64::try_from(now.tv_nsec).unwrap_or_default();
    seconds * 1_000_000_000 + nanos
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
