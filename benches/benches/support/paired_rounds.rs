//! Paired measurement: two pieces of code (the generated code and its
//! baseline) timed alternately, in short batches, in one process.
//!
//! On the project's machine (a 2-vCPU virtual machine on a shared host) the
//! speed of the same loop drifts by up to 1.5x from one minute to the next,
//! even in thread CPU time and with nothing else running in the guest.
//! Measuring one side after the other puts such a drift straight into their
//! ratio. Here each round times one batch of each, in alternating order,
//! and the ratio is taken per round; the median of several hundred
//! per-round ratios does not depend on the drift.
//!
//! It has no dependency, so that the criterion benches (`paired.rs` wraps
//! it), `baseline-plain/` and `vs-sdk/` (workspaces of their own) share
//! this one file by `#[path]`.

/// What [`pair`] found.
#[derive(Debug, Clone, Copy)]
pub struct Paired {
    /// Median time per operation of the generated code, in ns.
    pub ours_ns: f64,
    /// Median time per operation of the baseline, in ns.
    pub base_ns: f64,
    /// Median of the per-round ratios ours / baseline.
    pub ratio: f64,
    /// 10th and 90th percentiles of the per-round ratios.
    pub ratio_p10: f64,
    /// See `ratio_p10`.
    pub ratio_p90: f64,
    /// Rounds measured.
    pub rounds: usize,
    /// Operations per batch.
    pub batch: u64,
}

/// Runs `run(n)` (n operations) and returns the time per operation, in
/// the unit of `now`.
fn batch(now: &impl Fn() -> u64, n: u64, run: &mut impl FnMut(u64)) -> f64 {
    let start = now();
    run(n);
    let elapsed = now().saturating_sub(start);
    elapsed as f64 / n as f64
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let index = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[index]
}

/// Times `ours(n)` and `base(n)` (each running `n` operations) alternately
/// for `rounds` rounds (at least one), after `warmup` operations of each,
/// in batches of about `batch_ns` of the slower side; `now` is the clock,
/// in nanoseconds.
pub fn pair(
    now: impl Fn() -> u64,
    rounds: usize,
    batch_ns: f64,
    warmup: u64,
    mut ours: impl FnMut(u64),
    mut base: impl FnMut(u64),
) -> Paired {
    // Warm up: caches, the allocator, lazily built state on both sides.
    ours(warmup);
    base(warmup);
    let mut n = 1;
    while batch(&now, n, &mut ours).max(batch(&now, n, &mut base)) * (n as f64) < batch_ns {
        n *= 2;
    }
    let rounds = rounds.max(1);
    let (mut a, mut b, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        let (x, y) = if round % 2 == 0 {
            let x = batch(&now, n, &mut ours);
            (x, batch(&now, n, &mut base))
        } else {
            let y = batch(&now, n, &mut base);
            (batch(&now, n, &mut ours), y)
        };
        a.push(x);
        b.push(y);
        ratios.push(x / y);
    }
    for values in [&mut a, &mut b, &mut ratios] {
        values.sort_by(f64::total_cmp);
    }
    Paired {
        ours_ns: percentile(&a, 0.5),
        base_ns: percentile(&b, 0.5),
        ratio: percentile(&ratios, 0.5),
        ratio_p10: percentile(&ratios, 0.1),
        ratio_p90: percentile(&ratios, 0.9),
        rounds,
        batch: n,
    }
}
