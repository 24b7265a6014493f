//! Timeouts: what a client allows for connecting, for one attempt and for
//! a whole call, and the small future combinator the async driver races
//! an attempt (or the call) against a [`Sleep`] with.

use std::future::Future;
use std::pin::pin;
use std::task::Poll;
use std::time::Duration;

use super::transport::Sleep;

/// How long a client waits. `None` means no limit.
///
/// Who enforces what: the transport applies `connect` (it alone knows when
/// a connection is being made) and `attempt` as its read timeout; the
/// drivers apply `attempt` again and `call`: [`send`](super::send) races
/// each attempt and the whole call against [`Sleep`], and
/// [`send_blocking`](super::send_blocking), which cannot interrupt a
/// blocking transport, hands each attempt the time it may take in an
/// [`AttemptTimeout`] request extension and stops retrying when the call's
/// budget is spent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeoutConfig {
    /// Connecting (TCP and TLS): 3.1 s, the AWS SDKs' default (just over
    /// the 3 s TCP SYN retransmission timeout, so one lost SYN is retried).
    pub connect: Option<Duration>,
    /// One attempt, from sending the request to the end of the response
    /// body: 60 s, botocore's read timeout, so a stalled connection never
    /// hangs a call forever. A timed-out attempt is a transport error and
    /// is retried.
    pub attempt: Option<Duration>,
    /// The whole call, retries and the delays between them included: no
    /// limit by default (attempts are bounded by
    /// [`RetryConfig::max_attempts`](super::RetryConfig::max_attempts)).
    /// When it runs out the call ends with
    /// [`CallError::TimedOut`](super::CallError::TimedOut).
    pub call: Option<Duration>,
}

impl TimeoutConfig {
    /// The default connect timeout (3.1 s).
    pub const DEFAULT_CONNECT: Duration = Duration::from_millis(3100);
    /// The default attempt timeout (60 s).
    pub const DEFAULT_ATTEMPT: Duration = Duration::from_secs(60);

    /// No limit at all.
    pub const fn none() -> Self {
        Self {
            connect: None,
            attempt: None,
            call: None,
        }
    }
}

impl Default for TimeoutConfig {
    fn default() -> Self {
        Self {
            connect: Some(Self::DEFAULT_CONNECT),
            attempt: Some(Self::DEFAULT_ATTEMPT),
            call: None,
        }
    }
}

/// A request extension: the time this attempt may take, set by
/// [`send_blocking`](super::send_blocking) (the attempt timeout, cut to
/// what is left of the call's budget). Blocking transports apply it in
/// place of their own read timeout, since the driver cannot interrupt
/// them; async transports may ignore it (the driver races them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttemptTimeout(pub Duration);

/// Runs `work`, unless `limit` passes first: `Some(output)`, or `None`
/// when the timer won. The timer is made only if `work` is not ready on
/// its first poll, so a transport that answers at once (a replay) never
/// asks `sleep` for a timer.
pub(crate) async fn within<F: Future>(
    work: F,
    limit: Option<Duration>,
    sleep: &dyn Sleep,
) -> Option<F::Output> {
    let Some(limit) = limit else {
        return Some(work.await);
    };
    let mut work = pin!(work);
    let mut timer = None;
    std::future::poll_fn(|context| {
        if let Poll::Ready(output) = work.as_mut().poll(context) {
            return Poll::Ready(Some(output));
        }
        let timer = timer.get_or_insert_with(|| sleep.sleep(limit));
        match timer.as_mut().poll(context) {
            Poll::Ready(()) => Poll::Ready(None),
            Poll::Pending => Poll::Pending,
        }
    })
    .await
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};
    use std::task::{Context, Wake, Waker};

    use super::super::transport::BoxFuture;
    use super::*;

    /// Records the timers asked for; each completes at once.
    #[derive(Default)]
    struct Instant(Mutex<Vec<Duration>>);
    impl Sleep for Instant {
        fn sleep(&self, duration: Duration) -> BoxFuture<'_, ()> {
            self.0.lock().unwrap().push(duration);
            Box::pin(async {})
        }
    }

    fn poll_once<F: Future>(future: F) -> Poll<F::Output> {
        struct Noop;
        impl Wake for Noop {
            fn wake(self: Arc<Self>) {}
        }
        let waker = Waker::from(Arc::new(Noop));
        pin!(future).poll(&mut Context::from_waker(&waker))
    }

    #[test]
    fn ready_work_needs_no_timer() {
        let sleep = Instant::default();
        let outcome = poll_once(within(async { 7 }, Some(Duration::from_secs(1)), &sleep));
        assert_eq!(outcome, Poll::Ready(Some(7)));
        assert!(sleep.0.lock().unwrap().is_empty());
    }

    #[test]
    fn pending_work_loses_to_the_timer() {
        let sleep = Instant::default();
        let outcome = poll_once(within(
            std::future::pending::<u8>(),
            Some(Duration::from_millis(5)),
            &sleep,
        ));
        assert_eq!(outcome, Poll::Ready(None));
        assert_eq!(*sleep.0.lock().unwrap(), [Duration::from_millis(5)]);
    }

    #[test]
    fn no_limit_waits_for_the_work() {
        let sleep = Instant::default();
        let outcome = poll_once(within(std::future::pending::<u8>(), None, &sleep));
        assert_eq!(outcome, Poll::Pending);
        assert!(sleep.0.lock().unwrap().is_empty());
    }

    #[test]
    fn defaults_are_documented_ones() {
        let defaults = TimeoutConfig::default();
        assert_eq!(defaults.connect, Some(Duration::from_millis(3100)));
        assert_eq!(defaults.attempt, Some(Duration::from_secs(60)));
        assert_eq!(defaults.call, None);
    }
}
