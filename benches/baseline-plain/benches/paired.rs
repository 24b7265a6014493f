//! `awsgen-benches`'s `benches/paired.rs` against serde_json WITHOUT `preserve_order`:
//! the same payloads (`../src/lib.rs`, included), the same paired
//! measurement, in this workspace where serde_json keeps its default
//! `BTreeMap` (awsgen itself does not depend on serde_json).

#[path = "../../benches/support/clock.rs"]
mod clock;
// Its unit tests are compiled (benches get `cfg(test)`) but not run here.
#[path = "../../src/lib.rs"]
#[allow(unused_imports)]
mod inputs;
#[path = "../../benches/support/paired.rs"]
mod paired;

use std::hint::black_box;

use awsgen::iot::operations::{CreateJob, DescribeJob, ListThings};
use awsgen_runtime::Operation;
use http::{HeaderMap, StatusCode};
use inputs::{
    create_job_body_value, create_job_input, serde_json_preserves_order, DESCRIBE_JOB, LIST_THINGS,
};

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
