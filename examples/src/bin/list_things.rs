//! Lists every thing of the account and region with the `ListThings`
//! paginator: it sends each page's `nextToken` for the next page until
//! the service sends none, so the program never handles tokens itself.
//!
//! Usage: `list-things [page-size]` (the service's default page size
//! when omitted). Region, credentials and endpoint come from the
//! environment and profile files, as for the AWS SDKs (`AWS_REGION`,
//! `AWS_ACCESS_KEY_ID`, `AWS_ENDPOINT_URL`, ...). It uses the blocking
//! client, the simplest: its paginator is an `Iterator` (with
//! `awsgen::iot::Client` it is a `Stream`). Exits non-zero, printing the
//! error, when a call fails.

use std::error::Error;
use std::process::ExitCode;

use awsgen::iot::types::ListThingsRequest;
use awsgen::iot::BlockingClient;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn Error>> {
    let page_size = match std::env::args().nth(1) {
        Some(text) => Some(
            text.parse::<i32>()
                .map_err(|e| format!("page size {text:?}: {e}"))?,
        ),
        None => None,
    };
    let iot = BlockingClient::from_env()?;

    let mut things = iot.list_things_paginator(ListThingsRequest::default());
    if let Some(n) = page_size {
        things = things.page_size(n);
    }
    let mut count = 0;
    // `.items()` flattens the pages into things; an error ends the loop.
    for thing in things.items() {
        let thing = thing?;
        count += 1;
        println!(
            "{}\t{}",
            thing.thing_name.unwrap_or_default(),
            thing.thing_type_name.as_deref().unwrap_or("-")
        );
    }
    println!("{count} thing(s)");
    Ok(())
}
