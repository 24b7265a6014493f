//! One DescribeJob call with the generated crate, configured from the
//! environment as a user's program would be: what `cargo xtask
//! bench-vs-sdk` cold-builds and measures stripped. It is only built.

use awsgen::iot::types::DescribeJobRequest;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = awsgen::iot::Client::from_env()?;
    let output = client
        .describe_job(DescribeJobRequest {
            job_id: "firmware-update-2024-06-01".into(),
            ..Default::default()
        })
        .await?;
    println!("{:?}", output.job.and_then(|job| job.status));
    Ok(())
}
