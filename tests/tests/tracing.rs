//! The runtime's `tracing` feature: a span per call (`awsgen.call`) and per
//! attempt (`awsgen.attempt`) with service, operation, attempt, status and
//! request id, and nothing sensitive. A hand-written subscriber records
//! every span and event field as text.

use std::sync::{Arc, Mutex};

use awsgen::iot::operations::DescribeJob;
use awsgen::iot::types::DescribeJobRequest;
use awsgen_e2e_support::fakes::FixedClock;
use awsgen_runtime::client::{
    send_blocking, ClientConfig, ReplayClient, SigningConfig, TransportError,
};
use awsgen_runtime::sigv4::Signer;
use awsgen_runtime::Credentials;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// One span or event: its name and its fields as text.
#[derive(Debug, Clone)]
struct Recorded {
    name: String,
    parent: Option<u64>,
    fields: Vec<(String, String)>,
}

impl Recorded {
    fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

struct Fields<'a>(&'a mut Vec<(String, String)>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }
}

#[derive(Default, Clone)]
struct Recorder {
    spans: Arc<Mutex<Vec<Recorded>>>,
    events: Arc<Mutex<Vec<Recorded>>>,
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, attributes: &Attributes<'_>) -> Id {
        let mut fields = Vec::new();
        attributes.record(&mut Fields(&mut fields));
        let mut spans = self.spans.lock().unwrap();
        spans.push(Recorded {
            name: attributes.metadata().name().to_owned(),
            parent: attributes.parent().map(Id::into_u64),
            fields,
        });
        Id::from_u64(spans.len() as u64)
    }
    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut spans = self.spans.lock().unwrap();
        let recorded = &mut spans[span.into_u64() as usize - 1];
        values.record(&mut Fields(&mut recorded.fields));
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut fields = Vec::new();
        event.record(&mut Fields(&mut fields));
        self.events.lock().unwrap().push(Recorded {
            name: event.metadata().name().to_owned(),
            parent: event.parent().map(Id::into_u64),
            fields,
        });
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

fn response(
    status: u16,
    request_id: &str,
    body: &str,
) -> Result<http::Response<Vec<u8>>, TransportError> {
    Ok(http::Response::builder()
        .status(status)
        .header("x-amzn-requestid", request_id)
        .body(body.as_bytes().to_vec())
        .unwrap())
}

#[test]
fn a_call_and_its_attempts_have_spans_with_status_and_request_id_and_no_secret() {
    let mut config = ClientConfig::new("https://iot.us-east-1.amazonaws.com".parse().unwrap());
    config.signing = Some(SigningConfig {
        signer: Signer::new(),
        credentials: Arc::new(
            Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
                .with_session_token("TOKEN-VALUE"),
        ),
        region: "us-east-1".into(),
        service: "iot".into(),
    });
    let replay = ReplayClient::new([
        response(503, "first-id", r#"{"message":"busy"}"#),
        response(200, "second-id", r#"{"job":{"jobId":"j"}}"#),
    ]);
    let recorder = Recorder::default();
    let output = tracing::subscriber::with_default(recorder.clone(), || {
        send_blocking::<DescribeJob>(
            &config,
            DescribeJobRequest {
                job_id: "j".into(),
                ..Default::default()
            },
            |request| replay.respond(request),
            |_| {},
            &FixedClock::EPOCH,
        )
    });
    assert!(output.is_ok(), "{output:?}");

    let spans = recorder.spans.lock().unwrap().clone();
    let events = recorder.events.lock().unwrap().clone();
    let call = &spans[0];
    assert_eq!(call.name, "awsgen.call");
    assert_eq!(call.field("service"), Some("iot"));
    assert_eq!(call.field("operation"), Some("DescribeJob"));
    assert_eq!(call.field("attempts"), Some("2"));
    assert_eq!(call.field("status"), Some("200"));
    assert_eq!(call.field("request_id"), Some("second-id"));

    let attempts: Vec<&Recorded> = spans
        .iter()
        .filter(|s| s.name == "awsgen.attempt")
        .collect();
    assert_eq!(attempts.len(), 2);
    for (attempt, (number, status, id)) in attempts
        .iter()
        .zip([("1", "503", "first-id"), ("2", "200", "second-id")])
    {
        assert_eq!(attempt.parent, Some(1), "an attempt's parent is the call");
        assert_eq!(attempt.field("attempt"), Some(number));
        assert_eq!(attempt.field("status"), Some(status));
        assert_eq!(attempt.field("request_id"), Some(id));
    }
    assert_eq!(events.len(), 2, "{events:?}");
    assert_eq!(events[0].field("retrying"), Some("true"));
    assert_eq!(events[1].field("retrying"), Some("false"));

    let everything = format!("{spans:?}{events:?}").to_ascii_lowercase();
    for secret in [
        "akidexample",
        "wjalrxutnfemi",
        "token-value",
        "authorization",
        "signature",
    ] {
        assert!(!everything.contains(secret), "{secret} was recorded");
    }
}
