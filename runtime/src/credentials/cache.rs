//! Caching credentials until shortly before they expire.
//!
//! Every attempt of every call asks for credentials; without a cache each
//! would read the profile files or call a metadata service. The cache keeps
//! the last credentials and loads new ones only when they are missing or
//! within the refresh window of their expiry, one load at a time: callers
//! that arrive while a load is in flight wait for its result instead of
//! starting their own (no stampede on a metadata service). No async
//! runtime: a `std` mutex guards the state and waiting callers register
//! their wakers.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, SystemTime};

use super::provider::{CredentialsError, ProvideCredentials, ProvideFuture};
use super::Credentials;
use crate::client::{Clock, SystemClock};

/// How long before their expiry cached credentials are replaced: five
/// minutes, as the AWS SDKs do (time for clock skew and for the requests
/// signed with them to reach AWS).
pub const DEFAULT_REFRESH_WINDOW: Duration = Duration::from_secs(5 * 60);

#[derive(Default)]
struct State {
    credentials: Option<Credentials>,
    /// Whether a caller is loading right now.
    loading: bool,
    /// Counts finished loads, so a waiter knows one happened.
    generation: u64,
    /// The error of the last finished load, if it failed.
    last_error: Option<CredentialsError>,
    waiters: Vec<Waker>,
}

/// Wraps a provider and caches what it provides.
///
/// - Credentials without an expiry (static keys) are kept for ever.
/// - Credentials with one are kept until `expiry - refresh_window`
///   ([`DEFAULT_REFRESH_WINDOW`], five minutes); then the next caller loads
///   anew.
/// - One load at a time; concurrent callers wait for it and share its
///   result, credentials or error. A caller whose load is dropped midway
///   hands the job to a waiting caller.
/// - A failed refresh while the old credentials are still valid (inside the
///   window, not yet expired) returns the old ones; the next call tries
///   again. Errors are never cached.
///
/// Time comes from an injected [`Clock`]. Clones share the cache.
#[derive(Clone)]
pub struct CachedProvider {
    inner: Arc<dyn ProvideCredentials>,
    clock: Arc<dyn Clock>,
    refresh_window: Duration,
    state: Arc<Mutex<State>>,
}

/// Shows the provider and the window, never the credentials.
impl fmt::Debug for CachedProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CachedProvider")
            .field("inner", &self.inner)
            .field("refresh_window", &self.refresh_window)
            .finish_non_exhaustive()
    }
}

impl CachedProvider {
    /// Caches what `inner` provides, on the system clock, with the default
    /// refresh window.
    pub fn new(inner: impl ProvideCredentials + 'static) -> Self {
        Self {
            inner: Arc::new(inner),
            clock: Arc::new(SystemClock),
            refresh_window: DEFAULT_REFRESH_WINDOW,
            state: Arc::default(),
        }
    }

    /// Reads the time from `clock`.
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Refreshes `window` before expiry instead of five minutes.
    pub fn refresh_window(mut self, window: Duration) -> Self {
        self.refresh_window = window;
        self
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // The state stays consistent at every await point, so a panic
        // elsewhere cannot leave it half-written.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn fresh(&self, credentials: &Credentials, now: SystemTime) -> bool {
        match credentials.expiry() {
            None => true,
            Some(expiry) => now
                .checked_add(self.refresh_window)
                .is_some_and(|limit| limit < expiry),
        }
    }

    async fn load(&self) -> Result<Credentials, CredentialsError> {
        let mut seen = None;
        loop {
            {
                let mut state = self.lock();
                let now = self.clock.now();
                if let Some(credentials) = &state.credentials {
                    if self.fresh(credentials, now) {
                        return Ok(credentials.clone());
                    }
                }
                if seen.is_some_and(|g| g != state.generation) {
                    // The load we waited for finished without fresh
                    // credentials: share its outcome rather than load again.
                    if let Some(credentials) = state.credentials.as_ref() {
                        if !credentials.is_expired(now) {
                            return Ok(credentials.clone());
                        }
                    }
                    if let Some(error) = &state.last_error {
                        return Err(error.clone());
                    }
                }
                if !state.loading {
                    state.loading = true;
                    break;
                }
                seen = Some(state.generation);
            }
            WaitForLoad {
                cache: self,
                generation: seen.unwrap_or_default(),
            }
            .await;
        }
        let mut guard = LoadGuard {
            cache: self,
            finished: false,
        };
        let result = self.inner.provide_credentials().await;
        guard.finished = true;
        let mut state = self.lock();
        state.loading = false;
        state.generation = state.generation.wrapping_add(1);
        let waiters = std::mem::take(&mut state.waiters);
        let outcome = match result {
            Ok(credentials) => {
                state.credentials = Some(credentials.clone());
                state.last_error = None;
                Ok(credentials)
            }
            Err(error) => {
                state.last_error = Some(error.clone());
                match &state.credentials {
                    Some(old) if !old.is_expired(self.clock.now()) => Ok(old.clone()),
                    _ => Err(error),
                }
            }
        };
        drop(state);
        waiters.into_iter().for_each(Waker::wake);
        outcome
    }
}

impl ProvideCredentials for CachedProvider {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(self.load())
    }
}

/// Pending until the load in flight finishes (or is abandoned).
struct WaitForLoad<'a> {
    cache: &'a CachedProvider,
    generation: u64,
}

impl Future for WaitForLoad<'_> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut state = self.cache.lock();
        if !state.loading || state.generation != self.generation {
            return Poll::Ready(());
        }
        if !state.waiters.iter().any(|w| w.will_wake(cx.waker())) {
            state.waiters.push(cx.waker().clone());
        }
        Poll::Pending
    }
}

/// Releases the load when its future is dropped before it finished, and
/// wakes the waiters so one of them takes over.
struct LoadGuard<'a> {
    cache: &'a CachedProvider,
    finished: bool,
}

impl Drop for LoadGuard<'_> {
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        let mut state = self.cache.lock();
        state.loading = false;
        let waiters = std::mem::take(&mut state.waiters);
        drop(state);
        waiters.into_iter().for_each(Waker::wake);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
    use std::task::Wake;

    use super::*;
    use crate::client::block_on;

    /// A clock the test moves.
    #[derive(Debug, Default)]
    struct FakeClock(Mutex<Duration>);

    impl FakeClock {
        fn set(&self, secs: u64) {
            *self.0.lock().unwrap() = Duration::from_secs(secs);
        }
    }

    impl Clock for FakeClock {
        fn now(&self) -> SystemTime {
            SystemTime::UNIX_EPOCH + *self.0.lock().unwrap()
        }
    }

    /// Counts loads; answers with the scripted outcomes, then the last one
    /// again. With `gate`, a load stays pending until the gate opens.
    #[derive(Debug, Default)]
    struct Script {
        outcomes: Mutex<Vec<Result<Credentials, CredentialsError>>>,
        loads: AtomicU32,
        gate: Option<Arc<AtomicBool>>,
    }

    impl Script {
        fn new(outcomes: Vec<Result<Credentials, CredentialsError>>) -> Self {
            Self {
                outcomes: Mutex::new(outcomes),
                ..Self::default()
            }
        }
    }

    impl ProvideCredentials for Script {
        fn provide_credentials(&self) -> ProvideFuture<'_> {
            self.loads.fetch_add(1, Ordering::SeqCst);
            Box::pin(async move {
                if let Some(gate) = &self.gate {
                    std::future::poll_fn(|cx| {
                        if gate.load(Ordering::SeqCst) {
                            Poll::Ready(())
                        } else {
                            cx.waker().wake_by_ref();
                            Poll::Pending
                        }
                    })
                    .await;
                }
                let mut outcomes = self.outcomes.lock().unwrap();
                if outcomes.len() > 1 {
                    outcomes.remove(0)
                } else {
                    outcomes[0].clone()
                }
            })
        }
    }

    fn expiring(id: &str, at: u64) -> Credentials {
        Credentials::new(id, "secret").with_expiry(SystemTime::UNIX_EPOCH + Duration::from_secs(at))
    }

    fn cache(script: Script, clock: &Arc<FakeClock>) -> (CachedProvider, Arc<Script>) {
        let script = Arc::new(script);
        let cache = CachedProvider::new(script.clone()).clock(clock.clone());
        (cache, script)
    }

    fn id(cache: &CachedProvider) -> Result<String, CredentialsError> {
        block_on(cache.provide_credentials()).map(|c| c.access_key_id().to_owned())
    }

    #[test]
    fn static_credentials_are_kept_for_ever() {
        let clock = Arc::new(FakeClock::default());
        let (cache, script) = cache(Script::new(vec![Ok(Credentials::new("a", "s"))]), &clock);
        assert_eq!(id(&cache).unwrap(), "a");
        clock.set(100 * 365 * 24 * 3600);
        assert_eq!(id(&cache.clone()).unwrap(), "a");
        assert_eq!(script.loads.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn refreshes_five_minutes_before_expiry() {
        let clock = Arc::new(FakeClock::default());
        clock.set(1_000);
        let (cache, script) = cache(
            Script::new(vec![
                Ok(expiring("first", 1_000 + 600)),
                Ok(expiring("second", 5_000)),
            ]),
            &clock,
        );
        assert_eq!(id(&cache).unwrap(), "first");
        clock.set(1_000 + 299);
        assert_eq!(id(&cache).unwrap(), "first");
        assert_eq!(script.loads.load(Ordering::SeqCst), 1);
        clock.set(1_000 + 300);
        assert_eq!(id(&cache).unwrap(), "second");
        assert_eq!(id(&cache).unwrap(), "second");
        assert_eq!(script.loads.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn a_failed_refresh_keeps_valid_credentials_and_errors_are_not_cached() {
        let clock = Arc::new(FakeClock::default());
        let down = CredentialsError::invalid("test", "down");
        let (cache, script) = cache(
            Script::new(vec![
                Ok(expiring("first", 600)),
                Err(down.clone()),
                Err(down.clone()),
                Ok(expiring("third", 5_000)),
            ]),
            &clock,
        );
        assert_eq!(id(&cache).unwrap(), "first");
        clock.set(400);
        // Inside the window, the refresh fails: the old ones still work.
        assert_eq!(id(&cache).unwrap(), "first");
        clock.set(600);
        // Expired and the refresh fails: the error.
        assert_eq!(id(&cache).unwrap_err(), down);
        // The error was not kept: the next call loads again.
        assert_eq!(id(&cache).unwrap(), "third");
        assert_eq!(script.loads.load(Ordering::SeqCst), 4);
    }

    #[test]
    fn concurrent_callers_share_one_load() {
        let clock = Arc::new(FakeClock::default());
        let gate = Arc::new(AtomicBool::new(false));
        let script = Script {
            gate: Some(gate.clone()),
            ..Script::new(vec![Ok(Credentials::new("shared", "s"))])
        };
        let (cache, script) = cache(script, &clock);
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let cache = cache.clone();
                std::thread::spawn(move || id(&cache))
            })
            .collect();
        // Open the gate once the other three wait on the first one's load.
        loop {
            let waiting = cache.lock().waiters.len();
            if waiting == 3 {
                break;
            }
            std::thread::yield_now();
        }
        gate.store(true, Ordering::SeqCst);
        for thread in threads {
            assert_eq!(thread.join().unwrap().unwrap(), "shared");
        }
        assert_eq!(script.loads.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn concurrent_callers_share_a_failure() {
        let clock = Arc::new(FakeClock::default());
        let gate = Arc::new(AtomicBool::new(false));
        let script = Script {
            gate: Some(gate.clone()),
            ..Script::new(vec![Err(CredentialsError::not_loaded("test", "nothing"))])
        };
        let (cache, script) = cache(script, &clock);
        let threads: Vec<_> = (0..3)
            .map(|_| {
                let cache = cache.clone();
                std::thread::spawn(move || id(&cache))
            })
            .collect();
        while cache.lock().waiters.len() != 2 {
            std::thread::yield_now();
        }
        gate.store(true, Ordering::SeqCst);
        for thread in threads {
            assert_eq!(thread.join().unwrap().unwrap_err().message(), "nothing");
        }
        assert_eq!(script.loads.load(Ordering::SeqCst), 1);
    }

    struct Flag(AtomicBool);

    impl Wake for Flag {
        fn wake(self: Arc<Self>) {
            self.0.store(true, Ordering::SeqCst);
        }
    }

    #[test]
    fn a_dropped_load_hands_over_to_a_waiter() {
        let clock = Arc::new(FakeClock::default());
        let gate = Arc::new(AtomicBool::new(false));
        let script = Script {
            gate: Some(gate.clone()),
            ..Script::new(vec![Ok(Credentials::new("a", "s"))])
        };
        let (cache, script) = cache(script, &clock);
        let flag = Arc::new(Flag(AtomicBool::new(false)));
        let waker = Waker::from(flag.clone());
        let mut cx = Context::from_waker(&waker);
        let mut leader = cache.provide_credentials();
        assert!(leader.as_mut().poll(&mut cx).is_pending());
        let waiter_flag = Arc::new(Flag(AtomicBool::new(false)));
        let waiter_waker = Waker::from(waiter_flag.clone());
        let mut waiter_cx = Context::from_waker(&waiter_waker);
        let mut waiter = cache.provide_credentials();
        assert!(waiter.as_mut().poll(&mut waiter_cx).is_pending());
        assert_eq!(script.loads.load(Ordering::SeqCst), 1);
        drop(leader);
        assert!(waiter_flag.0.load(Ordering::SeqCst), "the waiter was woken");
        gate.store(true, Ordering::SeqCst);
        match waiter.as_mut().poll(&mut waiter_cx) {
            Poll::Ready(Ok(credentials)) => assert_eq!(credentials.access_key_id(), "a"),
            other => panic!("{other:?}"),
        }
        assert_eq!(script.loads.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn debug_shows_no_credentials() {
        let cache = CachedProvider::new(Credentials::new("AKID", "very-secret"));
        block_on(cache.provide_credentials()).unwrap();
        let shown = format!("{cache:?}");
        assert!(!shown.contains("very-secret"), "{shown}");
    }
}
