//! One DescribeJob call with `aws-sdk-iot`, configured from the
//! environment as the SDK's guide has it (`aws-config`): what `cargo
//! xtask bench-vs-sdk` cold-builds and measures stripped. It is only built.

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
    let client = aws_sdk_iot::Client::new(&config);
    let output = client
        .describe_job()
        .job_id("firmware-update-2024-06-01")
        .send()
        .await?;
    println!("{:?}", output.job().and_then(|job| job.status()));
    Ok(())
}
