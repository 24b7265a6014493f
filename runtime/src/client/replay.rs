//! A transport that answers with canned responses, for users' tests.

use std::collections::VecDeque;
use std::fmt;
use std::sync::{Mutex, PoisonError};

use super::transport::{BoxFuture, HttpClient, TransportError};

type Outcome = Result<http::Response<Vec<u8>>, TransportError>;
type Matcher = Box<dyn Fn(&http::Request<Vec<u8>>) -> bool + Send + Sync>;
type Responder = Box<dyn Fn(&http::Request<Vec<u8>>) -> Outcome + Send + Sync>;

/// Answers requests with canned outcomes and keeps the requests so a test
/// can assert on them.
///
/// Two modes, which mix: outcomes **in order** ([`new`](Self::new)), and
/// outcomes **by matcher** ([`on`](Self::on) answers one matching request,
/// [`on_every`](Self::on_every) every one). A request goes to the first
/// rule, in the order they were added, that matches it and still has an
/// answer; if none does, to the next in-order outcome; with nothing left,
/// the answer is an I/O [`TransportError`] naming the request.
///
/// ```
/// use awsgen_runtime::client::{route, ReplayClient};
///
/// let replay = ReplayClient::default()
///     .on(route(http::Method::GET, "/jobs/"), Ok(http::Response::new(b"{}".to_vec())))
///     .on_every(
///         |request| request.uri().path().starts_with("/things"),
///         |_| Ok(http::Response::new(b"{\"things\":[]}".to_vec())),
///     );
/// // ... hand `&replay` to the code under test as its `HttpClient`, then:
/// assert!(replay.take_requests().is_empty());
/// ```
#[derive(Default)]
pub struct ReplayClient {
    outcomes: Mutex<VecDeque<Outcome>>,
    rules: Mutex<Vec<Rule>>,
    requests: Mutex<Vec<http::Request<Vec<u8>>>>,
}

/// A matcher and what it answers.
struct Rule {
    matcher: Matcher,
    answer: Answer,
}

enum Answer {
    /// Outcomes for one matching request each, in order.
    Once(VecDeque<Outcome>),
    /// An outcome made for every matching request.
    Every(Responder),
}

/// A matcher for [`ReplayClient::on`]: requests with `method` whose path
/// starts with `path_prefix`.
pub fn route(
    method: http::Method,
    path_prefix: &str,
) -> impl Fn(&http::Request<Vec<u8>>) -> bool + Send + Sync + 'static {
    let prefix = path_prefix.to_owned();
    move |request| request.method() == method && request.uri().path().starts_with(&prefix)
}

impl ReplayClient {
    /// A replay of `outcomes`, in order.
    pub fn new(outcomes: impl IntoIterator<Item = Outcome>) -> Self {
        Self {
            outcomes: Mutex::new(outcomes.into_iter().collect()),
            ..Self::default()
        }
    }

    /// Adds a rule: the next request that `matcher` accepts gets
    /// `outcome` (once). Several `on` with the same kind of matcher answer
    /// matching requests in the order they were added.
    pub fn on(
        self,
        matcher: impl Fn(&http::Request<Vec<u8>>) -> bool + Send + Sync + 'static,
        outcome: Outcome,
    ) -> Self {
        self.push_rule(Rule {
            matcher: Box::new(matcher),
            answer: Answer::Once(VecDeque::from([outcome])),
        })
    }

    /// Adds a rule: every request that `matcher` accepts gets what
    /// `respond` makes of it.
    pub fn on_every(
        self,
        matcher: impl Fn(&http::Request<Vec<u8>>) -> bool + Send + Sync + 'static,
        respond: impl Fn(&http::Request<Vec<u8>>) -> Outcome + Send + Sync + 'static,
    ) -> Self {
        self.push_rule(Rule {
            matcher: Box::new(matcher),
            answer: Answer::Every(Box::new(respond)),
        })
    }

    fn push_rule(self, rule: Rule) -> Self {
        self.rules
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(rule);
        self
    }

    /// Answers `request` at once (the blocking form of [`HttpClient::call`]).
    ///
    /// # Errors
    ///
    /// The canned transport error, or one saying no outcome is left.
    pub fn respond(&self, request: http::Request<Vec<u8>>) -> Outcome {
        let answer = self.by_rule(&request).or_else(|| {
            self.outcomes
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .pop_front()
        });
        let answer = answer.unwrap_or_else(|| {
            Err(TransportError::io(format!(
                "replay: no canned response left for request {} {}",
                request.method(),
                request.uri()
            )))
        });
        self.requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(request);
        answer
    }

    /// The first rule's answer that matches `request`, if any is left.
    fn by_rule(&self, request: &http::Request<Vec<u8>>) -> Option<Outcome> {
        let mut rules = self.rules.lock().unwrap_or_else(PoisonError::into_inner);
        rules.iter_mut().find_map(|rule| match &mut rule.answer {
            Answer::Once(outcomes) if !outcomes.is_empty() && (rule.matcher)(request) => {
                outcomes.pop_front()
            }
            Answer::Once(_) => None,
            Answer::Every(respond) => (rule.matcher)(request).then(|| respond(request)),
        })
    }

    /// The requests received so far, oldest first; empties the list.
    pub fn take_requests(&self) -> Vec<http::Request<Vec<u8>>> {
        std::mem::take(&mut *self.requests.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// How many canned outcomes are left: in order, and in the rules that
    /// answer once ([`on`](Self::on)).
    pub fn remaining(&self) -> usize {
        let in_order = self
            .outcomes
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len();
        let by_rule: usize = self
            .rules
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .map(|rule| match &rule.answer {
                Answer::Once(outcomes) => outcomes.len(),
                Answer::Every(_) => 0,
            })
            .sum();
        in_order + by_rule
    }
}

impl fmt::Debug for ReplayClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rules = self
            .rules
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len();
        let requests = self
            .requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len();
        f.debug_struct("ReplayClient")
            .field("remaining", &self.remaining())
            .field("rules", &rules)
            .field("requests", &requests)
            .finish()
    }
}

impl HttpClient for ReplayClient {
    fn call(&self, request: http::Request<Vec<u8>>) -> BoxFuture<'_, Outcome> {
        let outcome = self.respond(request);
        Box::pin(async move { outcome })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(method: http::Method, path: &str) -> http::Request<Vec<u8>> {
        http::Request::builder()
            .method(method)
            .uri(format!("https://example.com{path}"))
            .body(Vec::new())
            .unwrap()
    }

    fn body(outcome: Outcome) -> String {
        String::from_utf8(outcome.unwrap().into_body()).unwrap()
    }

    fn ok(text: &str) -> Outcome {
        Ok(http::Response::new(text.as_bytes().to_vec()))
    }

    #[test]
    fn in_order_outcomes_then_a_clear_error() {
        let replay = ReplayClient::new([ok("1"), ok("2")]);
        assert_eq!(body(replay.respond(request(http::Method::GET, "/a"))), "1");
        assert_eq!(body(replay.respond(request(http::Method::GET, "/b"))), "2");
        let error = replay
            .respond(request(http::Method::PUT, "/c"))
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "I/O error: replay: no canned response left for request PUT https://example.com/c"
        );
        let paths: Vec<String> = replay
            .take_requests()
            .iter()
            .map(|r| r.uri().path().to_owned())
            .collect();
        assert_eq!(paths, ["/a", "/b", "/c"]);
        assert!(replay.take_requests().is_empty());
    }

    #[test]
    fn matchers_pick_the_answer_whatever_the_order_of_requests() {
        let replay = ReplayClient::default()
            .on(route(http::Method::GET, "/jobs/"), ok("job 1"))
            .on(route(http::Method::GET, "/jobs/"), ok("job 2"))
            .on(route(http::Method::DELETE, "/jobs/"), ok("deleted"));
        assert_eq!(replay.remaining(), 3);
        assert_eq!(
            body(replay.respond(request(http::Method::DELETE, "/jobs/x"))),
            "deleted"
        );
        assert_eq!(
            body(replay.respond(request(http::Method::GET, "/jobs/x"))),
            "job 1"
        );
        assert_eq!(
            body(replay.respond(request(http::Method::GET, "/jobs/y"))),
            "job 2"
        );
        // Spent: a third GET finds nothing.
        assert!(replay
            .respond(request(http::Method::GET, "/jobs/z"))
            .is_err());
        assert_eq!(replay.remaining(), 0);
        assert_eq!(replay.take_requests().len(), 4);
    }

    #[test]
    fn every_rule_answers_each_match_and_the_rest_go_in_order() {
        let replay = ReplayClient::new([ok("in order")]).on_every(
            |r| r.uri().path().starts_with("/things"),
            |r| ok(r.uri().path()),
        );
        assert_eq!(
            body(replay.respond(request(http::Method::GET, "/things/a"))),
            "/things/a"
        );
        assert_eq!(
            body(replay.respond(request(http::Method::GET, "/jobs"))),
            "in order"
        );
        assert_eq!(
            body(replay.respond(request(http::Method::POST, "/things/b"))),
            "/things/b"
        );
        assert_eq!(replay.remaining(), 0);
    }

    #[test]
    fn route_checks_method_and_path_prefix() {
        let matcher = route(http::Method::GET, "/jobs/");
        assert!(matcher(&request(http::Method::GET, "/jobs/j?x=1")));
        assert!(!matcher(&request(http::Method::POST, "/jobs/j")));
        assert!(!matcher(&request(http::Method::GET, "/job")));
    }

    #[test]
    fn canned_transport_errors_are_returned() {
        let replay =
            ReplayClient::default().on(|_| true, Err(TransportError::timeout("read timed out")));
        let error = replay.respond(request(http::Method::GET, "/")).unwrap_err();
        assert_eq!(error.kind(), super::super::TransportErrorKind::Timeout);
        assert!(format!("{replay:?}").contains("requests: 1"));
    }
}
