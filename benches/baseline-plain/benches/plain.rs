//! `serde_json::Value` without `preserve_order` on the payloads of
//! `awsgen-benches`, under the same bench names, for
//! `docs/performance.md`.

#[path = "../../benches/support/clock.rs"]
mod clock;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};

use clock::Clock;

static DESCRIBE_JOB: &[u8] = include_bytes!("../../data/describe_job.json");
static LIST_THINGS: &[u8] = include_bytes!("../../data/list_things.json");
static CREATE_JOB_BODY: &[u8] = include_bytes!("../../data/create_job.json");

fn preserves_order() -> bool {
    let value: serde_json::Value =
        serde_json::from_str(r#"{"b":0,"a":0}"#).expect("a literal JSON object");
    value
        .as_object()
        .and_then(|map| map.keys().next())
        .is_some_and(|key| key == "b")
}

fn baselines(c: &mut Criterion<Clock>) {
    assert!(
        !preserves_order(),
        "this baseline must be built without preserve_order"
    );
    let value: serde_json::Value =
        serde_json::from_slice(CREATE_JOB_BODY).expect("data/create_job.json is JSON");
    c.benchmark_group("create_job_serialize")
        .bench_function("serde_json_value", |b| {
            b.iter(|| serde_json::to_vec(black_box(&value)))
        });
    for (group, payload) in [
        ("describe_job_parse", DESCRIBE_JOB),
        ("list_things_parse", LIST_THINGS),
    ] {
        c.benchmark_group(group)
            .bench_function("serde_json_value", |b| {
                b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(payload)))
            });
    }
}

fn config() -> Criterion<Clock> {
    let clock = Clock::from_env();
    eprintln!(
        "clock: {}; baseline: serde_json::Value without preserve_order",
        clock.name()
    );
    Criterion::default()
        .with_measurement(clock)
        .sample_size(100)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(6))
        .noise_threshold(0.03)
        .configure_from_args()
}

criterion_group! {
    name = benches;
    config = config();
    targets = baselines
}
criterion_main!(benches);
