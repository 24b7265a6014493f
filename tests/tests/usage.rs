//! The generated crate used as the README shows: building inputs with
//! struct literals, enums that keep unknown values, errors that display
//! their code and message, redacted secrets.

use awsgen::iot::types::{
    AbortAction, CreateJobRequest, InvalidRequestException, JobExecutionsRolloutConfig,
};

#[test]
fn readme_example_builds_an_input() {
    let input = CreateJobRequest {
        job_id: "firmware-42".into(),
        targets: vec!["arn:aws:iot:eu-west-1:123456789012:thinggroup/sensors".into()],
        job_executions_rollout_config: Some(JobExecutionsRolloutConfig {
            maximum_per_minute: Some(10),
            ..Default::default()
        }),
        ..Default::default()
    };
    assert_eq!(input.job_id, "firmware-42");
    assert!(input.description.is_none());
}

#[test]
fn string_enums_round_trip_and_keep_unknown_values() {
    assert_eq!(AbortAction::from("CANCEL"), AbortAction::Cancel);
    assert_eq!(AbortAction::Cancel.as_str(), "CANCEL");
    assert_eq!("CANCEL".parse::<AbortAction>(), Ok(AbortAction::Cancel));
    let future = AbortAction::from("PAUSE");
    assert!(matches!(future, AbortAction::Unknown(_)));
    assert_eq!(future.to_string(), "PAUSE");
    assert_eq!(AbortAction::VALUES, ["CANCEL"]);
}

#[test]
fn modeled_errors_display_code_and_message() {
    let error = InvalidRequestException {
        message: Some("jobId is too long".into()),
        ..Default::default()
    };
    assert_eq!(
        error.to_string(),
        "InvalidRequestException: jobId is too long"
    );
    let as_error: &dyn std::error::Error = &error;
    assert!(as_error.source().is_none());
}

#[test]
fn operation_errors_wrap_modeled_and_unhandled_errors() {
    use awsgen::iot::errors::CreateJobError;
    let modeled = CreateJobError::InvalidRequestException(InvalidRequestException::default());
    assert_eq!(modeled.to_string(), "InvalidRequestException");
    let unhandled = CreateJobError::Unhandled(awsgen::runtime::UnhandledError {
        code: Some("NewException".into()),
        message: None,
        status: 400,
        request_id: Some("r-1".into()),
    });
    assert_eq!(
        unhandled.to_string(),
        "NewException (HTTP 400) [request id r-1]"
    );
}

#[test]
fn operations_tie_their_types_together() {
    use awsgen::iot::operations::CreateJob;
    use awsgen::runtime::Operation;
    fn input_of<O: Operation>(_: O) -> O::Input
    where
        O::Input: Default,
    {
        O::Input::default()
    }
    let input: CreateJobRequest = input_of(CreateJob);
    assert!(input.job_id.is_empty());
    assert_eq!(CreateJob::NAME, "CreateJob");
    assert_eq!(CreateJob::METHOD, "PUT");
    assert_eq!(CreateJob::URI_TEMPLATE, "/jobs/{jobId}");
}

#[test]
fn sensitive_members_are_redacted_in_debug() {
    // `CreateKeysAndCertificateResponse.keyPair` holds private keys.
    let response = awsgen::iot::types::CreateKeysAndCertificateResponse {
        key_pair: Some(awsgen::iot::types::KeyPair {
            private_key: Some("-----BEGIN RSA PRIVATE KEY-----".into()),
            public_key: Some("public".into()),
        }),
        ..Default::default()
    };
    let shown = format!("{response:?}");
    assert!(!shown.contains("BEGIN RSA PRIVATE KEY"), "{shown}");
    assert!(shown.contains("*** Sensitive Data Redacted ***"), "{shown}");
    assert!(shown.contains("public"), "{shown}");
}
