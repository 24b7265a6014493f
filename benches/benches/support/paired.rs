//! Paired measurement: the generated code and its baseline timed
//! alternately, in short batches, in one process.
//!
//! On the project's machine (a 2-vCPU virtual machine on a shared host) the
//! speed of the same loop drifts by up to 1.5x from one minute to the next,
//! even in thread CPU time and with nothing else running in the guest.
//! Criterion measures one benchmark after the other, so a drift between the
//! generated code's run and the baseline's run goes straight into their
//! ratio. Here each round times one batch of each (about 2 ms), in
//! alternating order, and the ratio is taken per round; the median of
//! several hundred per-round ratios does not depend on the drift.

use std::hint::black_box;

use criterion::measurement::Measurement;

use super::clock::Clock;

/// What [`pair`] found.
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
}

fn batch<R>(clock: &Clock, n: u64, f: &mut impl FnMut() -> R) -> f64 {
    let start = clock.start();
    for _ in 0..n {
        black_box(f());
    }
    let elapsed = clock.end(start);
    elapsed.as_nanos() as f64 / n as f64
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let index = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[index]
}

/// Times `ours` and `base` alternately for `rounds` rounds.
pub fn pair<A, B>(
    clock: &Clock,
    rounds: usize,
    mut ours: impl FnMut() -> A,
    mut base: impl FnMut() -> B,
) -> Paired {
    // Warm up, then size a batch to about 2 ms of the slower side.
    for _ in 0..1_000 {
        black_box(ours());
        black_box(base());
    }
    let mut n = 1;
    while batch(clock, n, &mut ours).max(batch(clock, n, &mut base)) * (n as f64) < 2e6 {
        n *= 2;
    }
    let (mut a, mut b, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        let (x, y) = if round % 2 == 0 {
            let x = batch(clock, n, &mut ours);
            (x, batch(clock, n, &mut base))
        } else {
            let y = batch(clock, n, &mut base);
            (batch(clock, n, &mut ours), y)
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
    }
}

/// Rounds per pair: `AWSGEN_BENCH_ROUNDS`, 500 by default (a few seconds
/// per pair).
pub fn rounds() -> usize {
    std::env::var("AWSGEN_BENCH_ROUNDS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(500)
}

/// One line of the report.
pub fn report(name: &str, baseline: &str, result: &Paired) {
    println!(
        "{name:<24} awsgen {:>9.0} ns   {baseline} {:>9.0} ns   ratio {:.2} (p10-p90 {:.2}-{:.2}, {} rounds)",
        result.ours_ns, result.base_ns, result.ratio, result.ratio_p10, result.ratio_p90, result.rounds
    );
}
