//! Lists every thing of the account and region with the `ListThings`
//! paginator: it sends each page's `nextToken` for the next page until
//! the service sends none, so the program never handles tokens itself.
//!
//! Usage: `list-things [page-size]` (the service's default page size
//! when omitted). Region, credentials and endpoint come from the
//! environment and profile files, as for the AWS SDKs (`AWS_REGION`,
//! `AWS_ACCESS_KEY_ID`, `AWS_ENDPOINT_URL`, ...). It uses the async
//! client, `awsgen::iot::Client` (feature `hyper`: `HyperClient` on tokio),
//! whose paginator is a `Stream`, read here with `StreamExt::next` (the
//! other examples use the blocking client, whose paginator is an
//! `Iterator`). Exits non-zero, printing the error, when a call fails.

use std::error::Error;
use std::process::ExitCode;

use awsgen::iot::types::ListThingsRequest;
use awsgen::iot::Client;
use futures_util::StreamExt;

// One thread is enough for one call at a time; `HyperClient` and its
// sleeps need a tokio runtime with I/O and timers, which this one has.
#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn Error>> {
    let page_size = match std::env::args().nth(1) {
        Some(text) => Some(
            text.parse::<i32>()
                .map_err(|e| format!("page size {text:?}: {e}"))?,
        ),
        None => None,
    };
    let iot = Client::from_env()?;

    let mut pages = iot.list_things_paginator(ListThingsRequest::default());
    if let Some(n) = page_size {
        pages = pages.page_size(n);
    }
    // `.items()` flattens the pages into things; an error ends the stream.
    let mut things = pages.items();
    let mut count = 0;
    while let Some(thing) = things.next().await {
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
