//! Paired measurement: the two sides timed alternately, in short batches,
//! in one process (as `benches/benches/support/paired.rs` does for the
//! JSON benches). The machine's speed drifts from minute to minute; the
//! ratio is taken per round, from two batches measured back to back, and
//! its median does not depend on the drift.

use crate::clock::Clock;

/// What [`pair`] found.
#[derive(Debug, Clone, Copy)]
pub struct Paired {
    /// Median time per call of the generated client, in µs.
    pub awsgen_us: f64,
    /// Median time per call of the SDK, in µs.
    pub sdk_us: f64,
    /// Median of the per-round ratios awsgen / SDK.
    pub ratio: f64,
    /// 10th percentile of the per-round ratios.
    pub ratio_p10: f64,
    /// 90th percentile of the per-round ratios.
    pub ratio_p90: f64,
    /// Rounds measured.
    pub rounds: usize,
    /// Calls per batch.
    pub batch: u64,
}

/// Runs `calls(n)` (n whole calls) and returns the time per call, in ns.
fn batch(clock: Clock, n: u64, calls: &mut impl FnMut(u64)) -> f64 {
    let start = clock.now_ns();
    calls(n);
    let elapsed = clock.now_ns().saturating_sub(start);
    elapsed as f64 / n as f64
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let index = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[index]
}

/// Times `awsgen(n)` and `sdk(n)` (each making `n` calls) alternately for
/// `rounds` rounds, in batches of about `batch_ms` of the slower side.
pub fn pair(
    clock: Clock,
    rounds: usize,
    batch_ms: f64,
    mut awsgen: impl FnMut(u64),
    mut sdk: impl FnMut(u64),
) -> Paired {
    // Warm up: caches, the allocator, lazily built state on both sides.
    awsgen(200);
    sdk(200);
    let mut n = 1;
    while batch(clock, n, &mut awsgen).max(batch(clock, n, &mut sdk)) * (n as f64) < batch_ms * 1e6
    {
        n *= 2;
    }
    let (mut a, mut b, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds.max(1) {
        let (x, y) = if round % 2 == 0 {
            let x = batch(clock, n, &mut awsgen);
            (x, batch(clock, n, &mut sdk))
        } else {
            let y = batch(clock, n, &mut sdk);
            (batch(clock, n, &mut awsgen), y)
        };
        a.push(x);
        b.push(y);
        ratios.push(x / y);
    }
    for values in [&mut a, &mut b, &mut ratios] {
        values.sort_by(f64::total_cmp);
    }
    Paired {
        awsgen_us: percentile(&a, 0.5) / 1e3,
        sdk_us: percentile(&b, 0.5) / 1e3,
        ratio: percentile(&ratios, 0.5),
        ratio_p10: percentile(&ratios, 0.1),
        ratio_p90: percentile(&ratios, 0.9),
        rounds: rounds.max(1),
        batch: n,
    }
}
