//! AWS "standard" retry mode, as botocore 1.43.11 implements it with its
//! new retry behaviour (`botocore/retries/standard.py` and `quota.py`,
//! the `NEW_RETRIES_ENABLED` branch): which responses are retried, how
//! long to wait, and the token bucket that stops retry storms.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::response::ErrorMetadata;

/// Error codes botocore treats as throttling (`ThrottledRetryableChecker`),
/// whatever the HTTP status: IoT's `ThrottlingException` comes with 400.
pub const THROTTLING_ERROR_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes botocore treats as transient (`TransientRetryableChecker`).
pub const TRANSIENT_ERROR_CODES: &[&str] = &[
    "RequestTimeout",
    "RequestTimeoutException",
    "PriorRequestNotComplete",
];

/// HTTP statuses botocore treats as transient.
pub const TRANSIENT_STATUSES: &[u16] = &[500, 502, 503, 504];

/// How an attempt's outcome counts for retrying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryKind {
    /// A throttling error code, or status 429: retried with the long base
    /// delay, at the small quota cost.
    Throttling,
    /// A transient status or code, or a transport error: retried.
    Transient,
    /// Not retried: success, or any other error.
    NotRetryable,
}

/// Classifies an HTTP response (by its error code first, then status), as
/// botocore does. A 2xx response is [`RetryKind::NotRetryable`].
pub(crate) fn classify_response(
    status: http::StatusCode,
    headers: &http::HeaderMap,
    body: &[u8],
) -> RetryKind {
    if status.is_success() {
        return RetryKind::NotRetryable;
    }
    let error = ErrorMetadata::read(status, headers, body);
    let code = error.code();
    if status.as_u16() == 429 || code.is_some_and(|code| THROTTLING_ERROR_CODES.contains(&code)) {
        RetryKind::Throttling
    } else if TRANSIENT_STATUSES.contains(&status.as_u16())
        || code.is_some_and(|code| TRANSIENT_ERROR_CODES.contains(&code))
    {
        RetryKind::Transient
    } else {
        RetryKind::NotRetryable
    }
}

/// A number in `[0, 1)`, for the jitter. Injectable so tests are
/// deterministic.
pub trait Random: Send + Sync {
    /// The next number, in `[0, 1)`.
    fn unit(&self) -> f64;
}

/// Randomness from the operating system (`getrandom`). When it fails,
/// `1.0 - ε`: the longest delay, the safe side.
#[derive(Debug, Clone, Copy, Default)]
pub struct OsRandom;

impl Random for OsRandom {
    fn unit(&self) -> f64 {
        match getrandom::u64() {
            // 53 random bits, the precision of an f64 in [0, 1).
            Ok(bits) => (bits >> 11) as f64 / (1u64 << 53) as f64,
            Err(_) => 1.0 - f64::EPSILON,
        }
    }
}

/// The retry settings of a client. The defaults are botocore's standard
/// mode.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryConfig {
    /// Attempts per call, the first included (default 3; 1 disables
    /// retries).
    pub max_attempts: u32,
    /// The base delay of a retry after a non-throttling error (50 ms).
    pub base_delay: Duration,
    /// The base delay of a retry after throttling (1 s).
    pub throttling_base_delay: Duration,
    /// The longest delay before a retry (20 s).
    pub max_backoff: Duration,
    /// How much longer than the computed delay an `x-amz-retry-after`
    /// header may make the wait (5 s).
    pub max_retry_after_extra: Duration,
    /// Quota tokens a retry after a non-throttling error costs (14).
    pub retry_cost: u32,
    /// Quota tokens a retry after throttling costs (5).
    pub throttling_retry_cost: u32,
    /// Tokens a call that succeeds at its first attempt gives back (1).
    pub success_increment: u32,
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            base_delay: Duration::from_millis(50),
            throttling_base_delay: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
            max_retry_after_extra: Duration::from_secs(5),
            retry_cost: 14,
            throttling_retry_cost: 5,
            success_increment: 1,
        }
    }
}

impl RetryConfig {
    /// The delay before attempt `attempt + 1`, after attempt `attempt`
    /// (1-based) failed: `random × min(base × 2^(attempt-1), max_backoff)`,
    /// then, if the response said `x-amz-retry-after: <ms>`, that value
    /// bounded to `[delay, delay + max_retry_after_extra]`.
    pub fn delay(
        &self,
        attempt: u32,
        kind: RetryKind,
        random: f64,
        retry_after: Option<Duration>,
    ) -> Duration {
        let base = match kind {
            RetryKind::Throttling => self.throttling_base_delay,
            _ => self.base_delay,
        };
        let exponent = attempt.saturating_sub(1).min(62);
        let ceiling = base
            .checked_mul(1u32.checked_shl(exponent).unwrap_or(u32::MAX))
            .unwrap_or(self.max_backoff)
            .min(self.max_backoff);
        let delay = ceiling.mul_f64(random.clamp(0.0, 1.0));
        match retry_after {
            Some(wanted) => wanted.clamp(delay, delay + self.max_retry_after_extra),
            None => delay,
        }
    }
}

/// Reads `x-amz-retry-after` (milliseconds), if present and a number.
pub(crate) fn retry_after(headers: &http::HeaderMap) -> Option<Duration> {
    let text = headers.get("x-amz-retry-after")?.to_str().ok()?;
    text.trim().parse::<u64>().ok().map(Duration::from_millis)
}

/// The retry quota: a token bucket shared by every call of a client
/// (botocore's `RetryQuota`, 500 tokens). A retry takes tokens; when too
/// few are left, calls stop retrying until successes refill it.
#[derive(Debug, Clone)]
pub struct RetryQuota {
    inner: Arc<Mutex<QuotaState>>,
}

#[derive(Debug)]
struct QuotaState {
    capacity: u32,
    available: u32,
}

impl Default for RetryQuota {
    fn default() -> Self {
        Self::new(Self::INITIAL_CAPACITY)
    }
}

impl RetryQuota {
    /// botocore's initial (and maximum) capacity.
    pub const INITIAL_CAPACITY: u32 = 500;

    /// A full bucket of `capacity` tokens.
    pub fn new(capacity: u32) -> Self {
        Self {
            inner: Arc::new(Mutex::new(QuotaState {
                capacity,
                available: capacity,
            })),
        }
    }

    fn with<T>(&self, f: impl FnOnce(&mut QuotaState) -> T) -> T {
        // A panic while holding this lock cannot leave the counter
        // inconsistent, so a poisoned lock is used as it is.
        let mut state = self
            .inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut state)
    }

    /// Takes `amount` tokens if that many are left.
    pub fn try_acquire(&self, amount: u32) -> bool {
        self.with(|state| {
            if state.available >= amount {
                state.available -= amount;
                true
            } else {
                false
            }
        })
    }

    /// Gives `amount` tokens back, up to the capacity.
    pub fn release(&self, amount: u32) {
        self.with(|state| {
            state.available = state.available.saturating_add(amount).min(state.capacity)
        });
    }

    /// The tokens left.
    pub fn available(&self) -> u32 {
        self.with(|state| state.available)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_follow_botocore() {
        let config = RetryConfig::default();
        let full = 1.0;
        assert_eq!(
            config.delay(1, RetryKind::Transient, full, None),
            Duration::from_millis(50)
        );
        assert_eq!(
            config.delay(2, RetryKind::Transient, full, None),
            Duration::from_millis(100)
        );
        assert_eq!(
            config.delay(1, RetryKind::Throttling, full, None),
            Duration::from_secs(1)
        );
        assert_eq!(
            config.delay(3, RetryKind::Throttling, 0.5, None),
            Duration::from_secs(2)
        );
        assert_eq!(
            config.delay(40, RetryKind::Throttling, full, None),
            Duration::from_secs(20)
        );
        assert_eq!(
            config.delay(1, RetryKind::Transient, 0.0, None),
            Duration::ZERO
        );
        // x-amz-retry-after: within [delay, delay + 5 s].
        let t = config.delay(1, RetryKind::Throttling, 0.5, Some(Duration::from_secs(60)));
        assert_eq!(t, Duration::from_millis(5500));
        let t = config.delay(
            1,
            RetryKind::Throttling,
            0.5,
            Some(Duration::from_millis(10)),
        );
        assert_eq!(t, Duration::from_millis(500));
    }

    #[test]
    fn classifies_by_code_then_status() {
        let headers = |code: &str| {
            let mut map = http::HeaderMap::new();
            map.insert("x-amzn-errortype", code.parse().unwrap());
            map
        };
        let s = |n| http::StatusCode::from_u16(n).unwrap();
        let none = http::HeaderMap::new();
        assert_eq!(
            classify_response(s(400), &headers("ThrottlingException"), b""),
            RetryKind::Throttling
        );
        assert_eq!(classify_response(s(429), &none, b""), RetryKind::Throttling);
        assert_eq!(classify_response(s(503), &none, b""), RetryKind::Transient);
        assert_eq!(
            classify_response(s(400), &headers("RequestTimeout"), b""),
            RetryKind::Transient
        );
        assert_eq!(
            classify_response(s(400), &headers("InvalidRequestException"), b""),
            RetryKind::NotRetryable
        );
        assert_eq!(
            classify_response(s(501), &none, b""),
            RetryKind::NotRetryable
        );
        assert_eq!(
            classify_response(s(200), &none, b""),
            RetryKind::NotRetryable
        );
    }

    #[test]
    fn quota_is_bounded() {
        let quota = RetryQuota::new(20);
        assert!(quota.try_acquire(14));
        assert!(!quota.try_acquire(14));
        quota.release(100);
        assert_eq!(quota.available(), 20);
    }

    #[test]
    fn os_random_is_in_range() {
        for _ in 0..100 {
            let x = OsRandom.unit();
            assert!((0.0..1.0).contains(&x));
        }
    }
}
