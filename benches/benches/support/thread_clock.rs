//! The clock every benchmark of the project measures with: this thread's
//! CPU time by default, wall time with `AWSGEN_BENCH_CLOCK=wall`.
//!
//! The project's machine has 2 cores shared with other jobs (load average
//! 3–6). Wall time then counts whatever ran while the benchmark thread was
//! descheduled, so the same loop varies by a factor of two or more between
//! runs, and a baseline and a candidate measured a minute apart are not
//! comparable. Thread CPU time (`CLOCK_THREAD_CPUTIME_ID`) counts only the
//! benchmark's own work, which is what the ratios in
//! `docs/performance.md` are about. On an idle machine the two clocks
//! agree for single-threaded loops.
//!
//! It has no dependency but `libc`, so that the criterion benches
//! (`clock.rs` wraps it as a criterion `Measurement`), `baseline-plain/`
//! and `vs-sdk/` (workspaces of their own) share this one file by
//! `#[path]`.

use std::sync::OnceLock;
use std::time::Instant;

/// Thread CPU time or wall time.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    cpu: bool,
}

impl Clock {
    /// The clock `AWSGEN_BENCH_CLOCK` asks for (`cpu`, the default, or
    /// `wall`).
    ///
    /// # Errors
    ///
    /// Any other value, named in the message.
    pub fn from_env() -> Result<Self, String> {
        match std::env::var("AWSGEN_BENCH_CLOCK").as_deref() {
            Ok("wall") => Ok(Self { cpu: false }),
            Ok("cpu") | Err(_) => Ok(Self { cpu: true }),
            Ok(other) => Err(format!(
                "AWSGEN_BENCH_CLOCK={other:?}: expected `cpu` or `wall`"
            )),
        }
    }

    /// `"thread CPU time"` or `"wall time"`, for the report.
    pub fn name(self) -> &'static str {
        if self.cpu {
            "thread CPU time"
        } else {
            "wall time"
        }
    }

    /// Now, in nanoseconds from an arbitrary origin.
    pub fn now_ns(self) -> u64 {
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
