//! The generated serializers and parsers against `serde_json::Value` on
//! the same bytes: `cargo bench -p awsgen-benches`.
//!
//! Each group has the generated code (`awsgen`) and its baseline
//! (`serde_json_value`). The baseline is the workspace's serde_json, which
//! has `preserve_order` on (the group names say so); `baseline-plain/`
//! measures the baseline without it. The clock is this thread's CPU time
//! unless `AWSGEN_BENCH_CLOCK=wall` (see `support/clock.rs`). Figures and
//! method are in `docs/performance.md`.

#[path = "support/clock.rs"]
mod clock;

use std::hint::black_box;
use std::time::Duration;

use awsgen::iot::operations::{CreateJob, DescribeJob, ListThings};
use awsgen::iot::types::DescribeJobRequest;
use awsgen_benches::{
    create_job_body_value, create_job_input, serde_json_preserves_order, DESCRIBE_JOB, LIST_THINGS,
};
use awsgen_runtime::Operation;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use http::{HeaderMap, StatusCode};

use clock::Clock;

/// The baseline's name in the report: which serde_json map it used.
fn baseline_name() -> &'static str {
    if serde_json_preserves_order() {
        "serde_json_value_preserve_order"
    } else {
        "serde_json_value"
    }
}

fn serialize(c: &mut Criterion<Clock>) {
    let input = create_job_input();
    let value = create_job_body_value();
    let body_len = CreateJob::build_request(&input).map_or(0, |r| r.body().len());
    let mut group = c.benchmark_group("create_job_serialize");
    group.throughput(Throughput::Bytes(body_len as u64));
    group.bench_function("awsgen_build_request", |b| {
        b.iter(|| CreateJob::build_request(black_box(&input)))
    });
    group.bench_function(baseline_name(), |b| {
        b.iter(|| serde_json::to_vec(black_box(&value)))
    });
    group.finish();

    // What `build_request` costs without a body: method, URI with one
    // label, header map, `http::Request`. Subtract it from the above for
    // the JSON writer's share.
    let describe = DescribeJobRequest {
        job_id: "firmware-update-2024-06-01".into(),
        ..Default::default()
    };
    c.bench_function("describe_job_build_request_no_body", |b| {
        b.iter(|| DescribeJob::build_request(black_box(&describe)))
    });
}

fn parse(c: &mut Criterion<Clock>) {
    let headers = HeaderMap::new();
    let mut group = c.benchmark_group("describe_job_parse");
    group.throughput(Throughput::Bytes(DESCRIBE_JOB.len() as u64));
    group.bench_function("awsgen_parse_response", |b| {
        b.iter(|| DescribeJob::parse_response(StatusCode::OK, &headers, black_box(DESCRIBE_JOB)))
    });
    group.bench_function(baseline_name(), |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(DESCRIBE_JOB)))
    });
    group.finish();

    let mut group = c.benchmark_group("list_things_parse");
    group.throughput(Throughput::Bytes(LIST_THINGS.len() as u64));
    // As everywhere here, dropping the output is inside the timed loop, for
    // the generated parser and the baseline alike.
    group.bench_function("awsgen_parse_response", |b| {
        b.iter(|| ListThings::parse_response(StatusCode::OK, &headers, black_box(LIST_THINGS)))
    });
    group.bench_function(baseline_name(), |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(LIST_THINGS)))
    });
    group.finish();
}

fn config() -> Criterion<Clock> {
    let clock = Clock::from_env();
    eprintln!(
        "clock: {}; baseline: serde_json::Value {} preserve_order",
        clock.name(),
        if serde_json_preserves_order() {
            "with"
        } else {
            "without"
        }
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
    targets = serialize, parse
}
criterion_main!(benches);
