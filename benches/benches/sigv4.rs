//! SigV4 signing of a DescribeJob request: `cargo bench -p awsgen-benches
//! --bench sigv4`.
//!
//! The request is what `DescribeJob::build_request` gives, with the `host`
//! and `user-agent` a client adds: a GET with one label and no body. Each
//! iteration signs a fresh copy (the copy is made outside the timed part):
//!
//! - `sign_cached_key`: [`Signer::sign`] with the signing key already in
//!   its cache, a client's steady state (the design target is about
//!   1.5 µs);
//! - `sign_derive_key`: the free function [`sign`], which derives the key
//!   (four more HMACs) every time;
//! - `canonical_request`: the canonical request alone, of the signed
//!   request.
//!
//! The clock is this thread's CPU time unless `AWSGEN_BENCH_CLOCK=wall`
//! (see `support/clock.rs`). Figures are in `docs/performance.md`.

#[path = "support/clock.rs"]
mod clock;

use std::hint::black_box;
use std::time::{Duration, UNIX_EPOCH};

use awsgen::iot::operations::DescribeJob;
use awsgen::iot::types::DescribeJobRequest;
use awsgen_runtime::sigv4::{canonical_request, sign, Signer, SigningParams};
use awsgen_runtime::{Credentials, Operation};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use http::header::{HeaderValue, HOST, USER_AGENT};

use clock::Clock;

fn describe_job_request() -> http::Request<Vec<u8>> {
    let input = DescribeJobRequest {
        job_id: "firmware-update-2024-06-01".into(),
        ..Default::default()
    };
    let mut request = DescribeJob::build_request(&input).expect("a DescribeJob request");
    let headers = request.headers_mut();
    headers.insert(
        HOST,
        HeaderValue::from_static("iot.us-west-2.amazonaws.com"),
    );
    headers.insert(USER_AGENT, HeaderValue::from_static("awsgen/0.1.0"));
    request
}

fn signing(c: &mut Criterion<Clock>) {
    let credentials = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    // 2024-06-01T12:00:00Z
    let params = SigningParams::new(
        "us-west-2",
        "iot",
        UNIX_EPOCH + Duration::from_secs(1_717_243_200),
    );
    let request = describe_job_request();
    let signer = Signer::new();
    let mut warm = request.clone();
    signer
        .sign(&mut warm, &credentials, &params)
        .expect("signed");

    let mut group = c.benchmark_group("sigv4_describe_job");
    group.bench_function("sign_cached_key", |b| {
        b.iter_batched(
            || request.clone(),
            |mut request| {
                signer
                    .sign(black_box(&mut request), &credentials, &params)
                    .map(|()| request)
            },
            BatchSize::SmallInput,
        )
    });
    group.bench_function("sign_derive_key", |b| {
        b.iter_batched(
            || request.clone(),
            |mut request| sign(black_box(&mut request), &credentials, &params).map(|()| request),
            BatchSize::SmallInput,
        )
    });
    group.bench_function("canonical_request", |b| {
        b.iter(|| canonical_request(black_box(&warm), &params.settings))
    });
    group.finish();
}

fn config() -> Criterion<Clock> {
    let clock = Clock::from_env();
    eprintln!("clock: {}", clock.name());
    Criterion::default()
        .with_measurement(clock)
        .sample_size(100)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(5))
        .noise_threshold(0.03)
        .configure_from_args()
}

criterion_group! {
    name = benches;
    config = config();
    targets = signing
}
criterion_main!(benches);
