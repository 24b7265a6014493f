//! The ratios of `json.rs`, measured paired (see `support/paired.rs`):
//! each operation of the generated code and its `serde_json::Value`
//! baseline alternate in 2 ms batches in this one process. Run by
//! `cargo bench -p awsgen-benches` after the criterion benchmarks.

#[path = "support/clock.rs"]
mod clock;
#[path = "support/paired.rs"]
mod paired;

use std::hint::black_box;

use awsgen::iot::operations::{CreateJob, DescribeJob, ListThings};
use awsgen_benches::{
    create_job_body_value, create_job_input, serde_json_preserves_order, DESCRIBE_JOB, LIST_THINGS,
};
use awsgen_runtime::Operation;
use http::{HeaderMap, StatusCode};

fn main() {
    let clock = clock::Clock::from_env();
    let baseline = if serde_json_preserves_order() {
        "serde_json::Value (preserve_order)"
    } else {
        "serde_json::Value"
    };
    println!("paired: {}, baseline {baseline}", clock.name());
    let rounds = paired::rounds();
    let headers = HeaderMap::new();

    let input = create_job_input();
    let value = create_job_body_value();
    let result = paired::pair(
        &clock,
        rounds,
        || CreateJob::build_request(black_box(&input)),
        || serde_json::to_vec(black_box(&value)),
    );
    paired::report("create_job_serialize", baseline, &result);

    let result = paired::pair(
        &clock,
        rounds,
        || DescribeJob::parse_response(StatusCode::OK, &headers, black_box(DESCRIBE_JOB)),
        || serde_json::from_slice::<serde_json::Value>(black_box(DESCRIBE_JOB)),
    );
    paired::report("describe_job_parse", baseline, &result);

    let result = paired::pair(
        &clock,
        rounds,
        || ListThings::parse_response(StatusCode::OK, &headers, black_box(LIST_THINGS)),
        || serde_json::from_slice::<serde_json::Value>(black_box(LIST_THINGS)),
    );
    paired::report("list_things_parse", baseline, &result);
}
