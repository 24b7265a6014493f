//! Paginators of generated operations (`iot` `ListThings`) over the client
//! drivers and a replay transport: pages across tokens, the page size sent
//! as `maxResults`, stops on an empty or repeated token, items one by one,
//! async (`Paginator`, a `Stream`) and blocking (`PageIter`).

use std::pin::Pin;
use std::sync::Arc;

use awsgen::iot::operations::ListThings;
use awsgen::iot::types::ListThingsRequest;
use awsgen_e2e_support::fakes::{FixedClock, NoSleep};
use awsgen_runtime::client::block_on;
use awsgen_runtime::client::paginate::{PageIter, Paginated, Paginator};
use awsgen_runtime::client::{send, send_blocking, ClientConfig, ReplayClient, TransportError};
use futures_core::Stream;

/// Every element of a stream.
fn collect<S: Stream + Unpin>(mut stream: S) -> Vec<S::Item> {
    block_on(async {
        let mut out = Vec::new();
        while let Some(item) = std::future::poll_fn(|cx| Pin::new(&mut stream).poll_next(cx)).await
        {
            out.push(item);
        }
        out
    })
}

fn config() -> ClientConfig {
    ClientConfig::new("https://iot.us-east-1.amazonaws.com".parse().unwrap())
}

/// A `ListThings` page of things named `names`, with `token`.
fn page(names: &[&str], token: Option<&str>) -> Result<http::Response<Vec<u8>>, TransportError> {
    let things: Vec<serde_json::Value> = names
        .iter()
        .map(|n| serde_json::json!({ "thingName": n }))
        .collect();
    let mut body = serde_json::json!({ "things": things });
    if let Some(token) = token {
        body["nextToken"] = serde_json::json!(token);
    }
    Ok(http::Response::builder()
        .status(200)
        .body(serde_json::to_vec(&body).unwrap())
        .unwrap())
}

/// The query of each request sent, as `key=value` pairs.
fn queries(replay: &ReplayClient) -> Vec<String> {
    replay
        .take_requests()
        .iter()
        .map(|r| r.uri().query().unwrap_or("").to_owned())
        .collect()
}

fn names<E: std::fmt::Debug>(
    items: Vec<Result<awsgen::iot::types::ThingAttribute, E>>,
) -> Vec<String> {
    items
        .into_iter()
        .map(|item| item.unwrap().thing_name.unwrap_or_default())
        .collect()
}

#[test]
fn the_model_names_the_members() {
    assert_eq!(ListThings::INPUT_TOKEN, "nextToken");
    assert_eq!(ListThings::OUTPUT_TOKEN, "nextToken");
    assert_eq!(ListThings::PAGE_SIZE, Some("maxResults"));
}

#[test]
fn three_pages_async_with_the_page_size_sent() {
    let replay = ReplayClient::new([
        page(&["a", "b"], Some("t1")),
        page(&["c"], Some("t2")),
        page(&["d"], None),
    ]);
    let config = config();
    let (replay_ref, config_ref) = (&replay, &config);
    let pages = Paginator::<ListThings>::new(ListThingsRequest::default(), move |input| {
        Box::pin(send::<ListThings>(
            config_ref,
            input,
            replay_ref,
            &NoSleep,
            &FixedClock::EPOCH,
        ))
    })
    .page_size(2);
    let pages: Vec<usize> = collect(pages)
        .into_iter()
        .map(|p| p.unwrap().things.unwrap_or_default().len())
        .collect();
    assert_eq!(pages, [2, 1, 1]);
    assert_eq!(
        queries(&replay),
        [
            "maxResults=2",
            "nextToken=t1&maxResults=2",
            "nextToken=t2&maxResults=2"
        ]
    );
}

#[test]
fn items_stream_across_pages() {
    let replay = ReplayClient::new([page(&["a", "b"], Some("t1")), page(&["c"], None)]);
    let config = config();
    let (replay_ref, config_ref) = (&replay, &config);
    let items = Paginator::<ListThings>::new(ListThingsRequest::default(), move |input| {
        Box::pin(send::<ListThings>(
            config_ref,
            input,
            replay_ref,
            &NoSleep,
            &FixedClock::EPOCH,
        ))
    })
    .items();
    assert_eq!(names(collect(items)), ["a", "b", "c"]);
}

/// A blocking paginator of `ListThings` over `replay`.
fn blocking<'a>(replay: &'a ReplayClient, config: &'a ClientConfig) -> PageIter<'a, ListThings> {
    PageIter::new(ListThingsRequest::default(), move |input| {
        send_blocking::<ListThings>(
            config,
            input,
            |r| replay.respond(r),
            |_| {},
            &FixedClock::EPOCH,
        )
    })
}

#[test]
fn blocking_pages_stop_on_a_repeated_token() {
    // A server that answers the same token for ever.
    let replay = ReplayClient::new([
        page(&["a"], Some("same")),
        page(&["b"], Some("same")),
        page(&["never"], None),
    ]);
    let config = config();
    let items = names(blocking(&replay, &config).items().collect());
    assert_eq!(items, ["a", "b"]);
    assert_eq!(queries(&replay), ["", "nextToken=same"]);
}

#[test]
fn blocking_pages_stop_on_an_empty_token() {
    let replay = ReplayClient::new([page(&["a"], Some("")), page(&["never"], None)]);
    let config = config();
    let pages: Vec<_> = blocking(&replay, &config).page_size(5).collect();
    assert_eq!(pages.len(), 1);
    assert_eq!(queries(&replay), ["maxResults=5"]);
}

#[test]
fn an_error_ends_the_pages() {
    let replay = ReplayClient::new([
        page(&["a"], Some("t1")),
        Ok(http::Response::builder()
            .status(404)
            .header("x-amzn-errortype", "ResourceNotFoundException")
            .body(br#"{"message":"gone"}"#.to_vec())
            .unwrap()),
    ]);
    let config = config();
    let pages: Vec<_> = blocking(&replay, &config).collect();
    assert_eq!(pages.len(), 2);
    assert!(pages[0].is_ok());
    assert!(pages[1].is_err());
}

/// A blocking iot client over `replay`, signing with a fixed key.
fn blocking_client(replay: Arc<ReplayClient>, validate: bool) -> awsgen::iot::BlockingClient {
    use awsgen_runtime::client::ClientSettings;
    use awsgen_runtime::config::ConfigLoader;
    let env = std::collections::BTreeMap::<String, String>::new();
    let config = ConfigLoader::new(Arc::new(env))
        .region("eu-west-1")
        .load()
        .unwrap();
    let settings = ClientSettings::blocking(config, replay)
        .credentials(awsgen_runtime::Credentials::new("AKIDEXAMPLE", "secret"))
        .validate(validate);
    awsgen::iot::BlockingClient::new(settings).unwrap()
}

#[test]
fn the_blocking_client_pages_through_its_paginator_method() {
    let replay = Arc::new(ReplayClient::new([
        page(&["a", "b"], Some("t1")),
        page(&["c"], None),
    ]));
    let iot = blocking_client(replay.clone(), true);
    let items = iot
        .list_things_paginator(ListThingsRequest::default())
        .page_size(2)
        .items()
        .collect();
    assert_eq!(names(items), ["a", "b", "c"]);
    assert_eq!(
        queries(&replay),
        ["maxResults=2", "nextToken=t1&maxResults=2"]
    );
}

#[test]
fn the_async_client_pages_through_its_paginator_method() {
    use awsgen_runtime::client::ClientSettings;
    use awsgen_runtime::config::ConfigLoader;
    let replay = Arc::new(ReplayClient::new([
        page(&["a"], Some("t1")),
        page(&["b"], None),
    ]));
    let env = std::collections::BTreeMap::<String, String>::new();
    let config = ConfigLoader::new(Arc::new(env))
        .region("eu-west-1")
        .load()
        .unwrap();
    let settings = ClientSettings::new(config, replay.clone(), Arc::new(NoSleep))
        .credentials(awsgen_runtime::Credentials::new("AKIDEXAMPLE", "secret"));
    let iot = awsgen::iot::Client::new(settings).unwrap();
    let pages = collect(iot.list_things_paginator(ListThingsRequest::default()));
    assert_eq!(pages.len(), 2);
    assert_eq!(queries(&replay), ["", "nextToken=t1"]);
}

#[test]
fn the_client_validation_switch() {
    use awsgen_runtime::client::CallError;
    // A page size of 0 is below the model's minimum of 1: refused before
    // sending.
    let input = ListThingsRequest {
        max_results: Some(0),
        ..Default::default()
    };
    let replay = Arc::new(ReplayClient::new([page(&["a"], None)]));
    let iot = blocking_client(replay.clone(), true);
    let error = iot
        .list_things(input.clone())
        .expect_err("a page size of 0 is invalid");
    assert!(matches!(error, CallError::Validation(_)), "{error:?}");
    assert!(error.to_string().contains("maxResults"), "{error}");
    assert!(replay.take_requests().is_empty());
    // Switched off, the same input is sent and the service answers.
    let iot = blocking_client(replay.clone(), false);
    let output = iot.list_things(input);
    assert!(output.is_ok(), "{output:?}");
    assert_eq!(queries(&replay), ["maxResults=0"]);
}
