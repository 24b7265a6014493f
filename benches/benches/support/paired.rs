//! Paired measurement for the criterion benches: `paired_rounds.rs` (the
//! generated code and its baseline alternating in about 2 ms batches; why
//! is said there) over closures that each do one operation, timed with
//! `clock.rs`.

use std::hint::black_box;

use super::clock::Clock;

#[path = "paired_rounds.rs"]
mod paired_rounds;

pub use paired_rounds::Paired;

/// Times `ours` and `base` (one operation each) alternately for `rounds`
/// rounds.
pub fn pair<A, B>(
    clock: &Clock,
    rounds: usize,
    mut ours: impl FnMut() -> A,
    mut base: impl FnMut() -> B,
) -> Paired {
    paired_rounds::pair(
        || clock.now_ns(),
        rounds,
        2e6,
        1_000,
        |n| {
            for _ in 0..n {
                black_box(ours());
            }
        },
        |n| {
            for _ in 0..n {
                black_box(base());
            }
        },
    )
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
        "{name:<24} awsgen {:>9.0} ns   {baseline} {:>9.0} ns   ratio {:.2} (p10-p90 {:.2}-{:.2}, {} rounds, batches of {})",
        result.ours_ns, result.base_ns, result.ratio, result.ratio_p10, result.ratio_p90, result.rounds, result.batch
    );
}
