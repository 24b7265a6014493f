//! Paginators: every page (or every item) of a paginated operation, one
//! request after the other.
//!
//! Generated code implements [`Paginated`] for each paginated operation
//! (the model's token, page-size and item members); [`Pages`] decides,
//! without I/O, which request comes next and when to stop; [`Paginator`]
//! (async, a [`Stream`] of pages) and [`PageIter`] (blocking, an
//! [`Iterator`]) drive it over any "send this input" function, such as a
//! client's call of the operation, and their `items()` give the items of
//! every page one by one.
//!
//! Pagination stops when a page's output token is missing or empty, or
//! repeats a token already sent (some servers answer the last page with the
//! same token for ever; a cycle would loop just as long), and after an
//! error, which is the stream's last element.

use std::collections::HashSet;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use super::call::CallError;
use super::transport::BoxFuture;
use crate::Operation;

/// How an operation pages: generated for every paginated operation, from
/// the model's pagination members (botocore's `paginators-1.json`,
/// Smithy's `@paginated`).
pub trait Paginated: Operation {
    /// The items of one page: the collection of the model's item member
    /// (`result_key`; the first, when the model names several), or the
    /// page itself (`Option<Output>`) when the model names none.
    type Items: IntoIterator;

    /// The input member that takes the next page's token (model name).
    const INPUT_TOKEN: &'static str;
    /// The output member that gives the next page's token (model name,
    /// dotted through nested structures).
    const OUTPUT_TOKEN: &'static str;
    /// The input member that limits a page's size (model name), if any.
    const PAGE_SIZE: Option<&'static str>;

    /// Sets the input's token to `token`.
    fn set_token(input: &mut Self::Input, token: String);

    /// The output's token for the next page, if it has one.
    fn next_token(output: &Self::Output) -> Option<&str>;

    /// Sets the input's page size. Nothing for operations whose model has
    /// no page-size member ([`PAGE_SIZE`](Self::PAGE_SIZE) is `None`).
    fn set_page_size(input: &mut Self::Input, size: i32) {
        let _ = (input, size);
    }

    /// The items of a page (none when the member is absent).
    fn items(output: Self::Output) -> Self::Items;
}

/// The sans-IO pagination state: the input of the next request, or none
/// when pagination is over.
pub struct Pages<O: Paginated> {
    next: Option<O::Input>,
    sent: HashSet<String>,
}

impl<O: Paginated> std::fmt::Debug for Pages<O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages")
            .field("operation", &O::NAME)
            .field("done", &self.next.is_none())
            .field("tokens_sent", &self.sent.len())
            .finish()
    }
}

impl<O: Paginated> Pages<O>
where
    O::Input: Clone,
{
    /// Pagination starting with `input` (its own token, if set, is the
    /// first page's).
    pub fn new(input: O::Input) -> Self {
        Self {
            next: Some(input),
            sent: HashSet::new(),
        }
    }

    /// Asks for pages of at most `size` items from now on (see
    /// [`Paginated::set_page_size`]).
    pub fn set_page_size(&mut self, size: i32) {
        if let Some(input) = &mut self.next {
            O::set_page_size(input, size);
        }
    }

    /// The input of the next request; `None` when pagination is over.
    pub fn next_input(&self) -> Option<O::Input> {
        self.next.clone()
    }

    /// Takes a page's output: its token goes into the next input, or
    /// pagination ends (token missing, empty or already sent).
    pub fn receive(&mut self, output: &O::Output) {
        let token = O::next_token(output).filter(|token| !token.is_empty());
        match (token, &mut self.next) {
            (Some(token), Some(input)) if self.sent.insert(token.to_owned()) => {
                O::set_token(input, token.to_owned());
            }
            _ => self.next = None,
        }
    }

    /// Ends pagination (after an error).
    pub fn stop(&mut self) {
        self.next = None;
    }

    /// Whether pagination is over.
    pub fn is_done(&self) -> bool {
        self.next.is_none()
    }
}

/// What a page costs: its output or the call's error.
pub type PageResult<O> = Result<<O as Operation>::Output, CallError<<O as Operation>::Error>>;

/// The async "send this input" function a [`Paginator`] calls per page.
pub type SendPage<'c, O> =
    Box<dyn FnMut(<O as Operation>::Input) -> BoxFuture<'c, PageResult<O>> + Send + 'c>;

/// Every page of a paginated operation, as a [`Stream`], one request at a
/// time, each sent by the function given to [`Paginator::new`].
pub struct Paginator<'c, O: Paginated> {
    pages: Pages<O>,
    send: SendPage<'c, O>,
    in_flight: Option<BoxFuture<'c, PageResult<O>>>,
}

// No field is pinned structurally: the future in flight is boxed.
impl<O: Paginated> Unpin for Paginator<'_, O> {}

impl<O: Paginated> std::fmt::Debug for Paginator<'_, O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Paginator")
            .field("pages", &self.pages)
            .field("in_flight", &self.in_flight.is_some())
            .finish_non_exhaustive()
    }
}

impl<'c, O: Paginated> Paginator<'c, O>
where
    O::Input: Clone,
{
    /// Pages of `input`, each sent with `send` (a client's call of `O`:
    /// `move |input| Box::pin(client.list_things(input))`).
    pub fn new(
        input: O::Input,
        send: impl FnMut(O::Input) -> BoxFuture<'c, PageResult<O>> + Send + 'c,
    ) -> Self {
        Self {
            pages: Pages::new(input),
            send: Box::new(send),
            in_flight: None,
        }
    }

    /// Asks for pages of at most `size` items (the model's page-size
    /// member; nothing when the operation has none).
    pub fn page_size(mut self, size: i32) -> Self {
        self.pages.set_page_size(size);
        self
    }

    /// The items of every page, one by one.
    pub fn items(self) -> PaginatorItems<'c, O> {
        PaginatorItems {
            pages: self,
            current: None,
        }
    }
}

impl<O: Paginated> Stream for Paginator<'_, O>
where
    O::Input: Clone,
{
    type Item = PageResult<O>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(future) = &mut this.in_flight {
                let result = match future.as_mut().poll(cx) {
                    Poll::Ready(result) => result,
                    Poll::Pending => return Poll::Pending,
                };
                this.in_flight = None;
                match &result {
                    Ok(output) => this.pages.receive(output),
                    Err(_) => this.pages.stop(),
                }
                return Poll::Ready(Some(result));
            }
            match this.pages.next_input() {
                Some(input) => this.in_flight = Some((this.send)(input)),
                None => return Poll::Ready(None),
            }
        }
    }
}

type ItemsIter<O> = <<O as Paginated>::Items as IntoIterator>::IntoIter;
type ItemOf<O> = <<O as Paginated>::Items as IntoIterator>::Item;

/// Every item of every page, as a [`Stream`] ([`Paginator::items`]); an
/// error ends it.
pub struct PaginatorItems<'c, O: Paginated> {
    pages: Paginator<'c, O>,
    current: Option<ItemsIter<O>>,
}

// No field is pinned structurally (see `Paginator`).
impl<O: Paginated> Unpin for PaginatorItems<'_, O> {}

impl<O: Paginated> std::fmt::Debug for PaginatorItems<'_, O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PaginatorItems")
            .field("pages", &self.pages)
            .finish_non_exhaustive()
    }
}

impl<O: Paginated> Stream for PaginatorItems<'_, O>
where
    O::Input: Clone,
{
    type Item = Result<ItemOf<O>, CallError<O::Error>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.current.as_mut().and_then(Iterator::next) {
                return Poll::Ready(Some(Ok(item)));
            }
            match Pin::new(&mut this.pages).poll_next(cx) {
                Poll::Ready(Some(Ok(page))) => this.current = Some(O::items(page).into_iter()),
                Poll::Ready(Some(Err(error))) => return Poll::Ready(Some(Err(error))),
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

/// The blocking "send this input" function a [`PageIter`] calls per page.
pub type SendPageBlocking<'c, O> = Box<dyn FnMut(<O as Operation>::Input) -> PageResult<O> + 'c>;

/// Every page of a paginated operation, as an [`Iterator`] that blocks on
/// each request (the blocking twin of [`Paginator`]).
pub struct PageIter<'c, O: Paginated> {
    pages: Pages<O>,
    send: SendPageBlocking<'c, O>,
}

impl<O: Paginated> std::fmt::Debug for PageIter<'_, O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageIter")
            .field("pages", &self.pages)
            .finish_non_exhaustive()
    }
}

impl<'c, O: Paginated> PageIter<'c, O>
where
    O::Input: Clone,
{
    /// Pages of `input`, each sent with `send` (a blocking client's call
    /// of `O`: `move |input| client.list_things(input)`).
    pub fn new(input: O::Input, send: impl FnMut(O::Input) -> PageResult<O> + 'c) -> Self {
        Self {
            pages: Pages::new(input),
            send: Box::new(send),
        }
    }

    /// Asks for pages of at most `size` items (see [`Paginator::page_size`]).
    pub fn page_size(mut self, size: i32) -> Self {
        self.pages.set_page_size(size);
        self
    }

    /// The items of every page, one by one; an error ends them.
    pub fn items(self) -> ItemIter<'c, O> {
        ItemIter {
            pages: self,
            current: None,
        }
    }
}

impl<O: Paginated> Iterator for PageIter<'_, O>
where
    O::Input: Clone,
{
    type Item = PageResult<O>;

    fn next(&mut self) -> Option<Self::Item> {
        let input = self.pages.next_input()?;
        let result = (self.send)(input);
        match &result {
            Ok(output) => self.pages.receive(output),
            Err(_) => self.pages.stop(),
        }
        Some(result)
    }
}

/// Every item of every page, blocking ([`PageIter::items`]).
pub struct ItemIter<'c, O: Paginated> {
    pages: PageIter<'c, O>,
    current: Option<ItemsIter<O>>,
}

impl<O: Paginated> std::fmt::Debug for ItemIter<'_, O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ItemIter")
            .field("pages", &self.pages)
            .finish_non_exhaustive()
    }
}

impl<O: Paginated> Iterator for ItemIter<'_, O>
where
    O::Input: Clone,
{
    type Item = Result<ItemOf<O>, CallError<O::Error>>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.current.as_mut().and_then(Iterator::next) {
                return Some(Ok(item));
            }
            match self.pages.next()? {
                Ok(page) => self.current = Some(O::items(page).into_iter()),
                Err(error) => return Some(Err(error)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::BuildError;
    use crate::response::ResponseError;

    /// A fake paginated operation: the input is (token, page size), the
    /// output (items, next token).
    struct List;

    #[derive(Debug)]
    struct Never;
    impl std::fmt::Display for Never {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("never")
        }
    }
    impl std::error::Error for Never {}

    impl Operation for List {
        type Input = (Option<String>, Option<i32>);
        type Output = (Vec<u32>, Option<String>);
        type Error = Never;
        const NAME: &'static str = "List";
        const METHOD: http::Method = http::Method::GET;
        const URI_TEMPLATE: &'static str = "/";
        fn build_request(_: &Self::Input) -> Result<http::Request<Vec<u8>>, BuildError> {
            Ok(http::Request::new(Vec::new()))
        }
        fn parse_response(
            _: http::StatusCode,
            _: &http::HeaderMap,
            _: &[u8],
        ) -> Result<Self::Output, ResponseError<Never>> {
            Ok((Vec::new(), None))
        }
    }

    impl Paginated for List {
        type Items = Vec<u32>;
        const INPUT_TOKEN: &'static str = "nextToken";
        const OUTPUT_TOKEN: &'static str = "nextToken";
        const PAGE_SIZE: Option<&'static str> = Some("maxResults");
        fn set_token(input: &mut Self::Input, token: String) {
            input.0 = Some(token);
        }
        fn next_token(output: &Self::Output) -> Option<&str> {
            output.1.as_deref()
        }
        fn set_page_size(input: &mut Self::Input, size: i32) {
            input.1 = Some(size);
        }
        fn items(output: Self::Output) -> Vec<u32> {
            output.0
        }
    }

    /// Runs `Pages` over canned outputs; returns the inputs sent.
    fn run(outputs: &[(Vec<u32>, Option<&str>)]) -> Vec<(Option<String>, Option<i32>)> {
        let mut pages = Pages::<List>::new((None, None));
        pages.set_page_size(2);
        let mut sent = Vec::new();
        let mut outputs = outputs.iter();
        while let Some(input) = pages.next_input() {
            sent.push(input);
            let Some((items, token)) = outputs.next() else {
                panic!("a request past the canned pages")
            };
            pages.receive(&(items.clone(), token.map(str::to_owned)));
        }
        sent
    }

    #[test]
    fn pages_follow_tokens_until_none() {
        let sent = run(&[(vec![1], Some("a")), (vec![2], Some("b")), (vec![], None)]);
        assert_eq!(
            sent,
            [
                (None, Some(2)),
                (Some("a".into()), Some(2)),
                (Some("b".into()), Some(2))
            ]
        );
    }

    #[test]
    fn an_empty_or_repeated_token_ends_pagination() {
        assert_eq!(run(&[(vec![1], Some(""))]).len(), 1);
        assert_eq!(run(&[(vec![1], Some("a")), (vec![1], Some("a"))]).len(), 2);
        // A cycle through earlier tokens ends too.
        let cycle = [
            (vec![1], Some("a")),
            (vec![2], Some("b")),
            (vec![3], Some("a")),
        ];
        assert_eq!(run(&cycle).len(), 3);
    }

    #[test]
    fn blocking_items_and_errors() {
        let mut calls = 0;
        let items: Vec<u32> = PageIter::<List>::new((None, None), |input| {
            calls += 1;
            Ok(match input.0.as_deref() {
                None => (vec![1, 2], Some("a".into())),
                Some("a") => (vec![], Some("b".into())),
                _ => (vec![3], None),
            })
        })
        .items()
        .map(|item| item.unwrap_or_else(|e| panic!("{e}")))
        .collect();
        assert_eq!(items, [1, 2, 3]);
        assert_eq!(calls, 3);

        let mut pages = PageIter::<List>::new((None, None), |_| Err(CallError::Service(Never)));
        assert!(matches!(pages.next(), Some(Err(CallError::Service(Never)))));
        assert!(pages.next().is_none());
    }

    #[test]
    fn the_stream_yields_pages_then_ends() {
        let mut stream = Paginator::<List>::new((None, Some(1)), |input| {
            Box::pin(async move {
                Ok(match input.0.as_deref() {
                    None => (vec![1], Some("a".into())),
                    _ => (vec![2], None),
                })
            })
        })
        .items();
        let mut items = Vec::new();
        crate::client::block_on(async {
            while let Some(item) =
                std::future::poll_fn(|cx| Pin::new(&mut stream).poll_next(cx)).await
            {
                items.push(item.unwrap_or_else(|e| panic!("{e}")));
            }
        });
        assert_eq!(items, [1, 2]);
    }
}
