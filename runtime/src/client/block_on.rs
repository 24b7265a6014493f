//! Running one of the runtime's futures to its end on the calling thread,
//! for the blocking driver.
//!
//! The runtime's own futures (credentials providers, the cache) need no
//! reactor: they do their work when polled, or wait on another of the
//! runtime's futures that wakes them. So a thread that parks until woken
//! is all the executor they need. A future that needs an async runtime's
//! reactor (a hyper request) must not be given to it.

use std::future::Future;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::thread::Thread;

struct ThreadWaker(Thread);

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.unpark();
    }
}

/// Polls `future` on this thread, parking between polls until it is
/// woken, and returns its output.
///
/// ```
/// use awsgen_runtime::client::block_on;
///
/// assert_eq!(block_on(async { 1 + 1 }), 2);
/// ```
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let waker = Waker::from(Arc::new(ThreadWaker(std::thread::current())));
    let mut context = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
        // A wake between the poll and here leaves the token set, and
        // `park` returns at once: no wake is lost. Spurious returns just
        // poll again.
        std::thread::park();
    }
}

#[cfg(test)]
mod tests {
    use std::pin::Pin;
    use std::sync::Mutex;

    use super::*;

    /// Pending until another thread sets the value and wakes it.
    struct Slot(Arc<Mutex<(Option<u32>, Option<Waker>)>>);

    impl Future for Slot {
        type Output = u32;
        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
            let mut state = self.0.lock().unwrap();
            match state.0 {
                Some(value) => Poll::Ready(value),
                None => {
                    state.1 = Some(cx.waker().clone());
                    Poll::Pending
                }
            }
        }
    }

    #[test]
    fn waits_for_a_wake_from_another_thread() {
        let shared = Arc::new(Mutex::new((None, None::<Waker>)));
        let other = shared.clone();
        let setter = std::thread::spawn(move || loop {
            let mut state = other.lock().unwrap();
            if let Some(waker) = state.1.take() {
                state.0 = Some(7);
                waker.wake();
                return;
            }
            drop(state);
            std::thread::yield_now();
        });
        assert_eq!(block_on(Slot(shared)), 7);
        setter.join().unwrap();
    }
}
