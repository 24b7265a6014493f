//! The signing key, derived from the secret once per (day, region,
//! service), and the cache that keeps it.
//!
//! `kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region),
//! service), "aws4_request")`: four HMAC-SHA256 runs that depend on nothing
//! of the request, so [`SigningKeyCache`] does them once a day and every
//! signature after that costs one HMAC of the string to sign.

use std::fmt;
use std::sync::{Mutex, PoisonError};

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use super::hex;

type HmacSha256 = Hmac<Sha256>;

/// A derived SigV4 signing key, ready to sign strings to sign.
///
/// It holds the HMAC state already keyed, so a signature costs the string
/// to sign's blocks and the outer block, not the key schedule. `Debug`
/// shows no key material.
#[derive(Clone)]
pub struct SigningKey {
    key: [u8; 32],
    mac: HmacSha256,
}

impl SigningKey {
    /// Derives the key for `secret_access_key` on `date_stamp`
    /// (`YYYYMMDD`, [`AmzDate::date_stamp`](super::AmzDate::date_stamp)),
    /// `region` and `service` (the signing name).
    pub fn derive(secret_access_key: &str, date_stamp: &str, region: &str, service: &str) -> Self {
        let mut secret = Vec::with_capacity(4 + secret_access_key.len());
        secret.extend_from_slice(b"AWS4");
        secret.extend_from_slice(secret_access_key.as_bytes());
        let k_date = hmac_once(&secret, date_stamp.as_bytes());
        secret.fill(0);
        let k_region = hmac_once(&k_date, region.as_bytes());
        let k_service = hmac_once(&k_region, service.as_bytes());
        let key = hmac_once(&k_service, b"aws4_request");
        Self {
            key,
            mac: keyed(&key),
        }
    }

    /// The signature of `string_to_sign`: lower-case hex of its
    /// HMAC-SHA256 under this key.
    pub fn sign(&self, string_to_sign: &str) -> String {
        let mut mac = self.mac.clone();
        mac.update(string_to_sign.as_bytes());
        hex::encode(&mac.finalize().into_bytes())
    }

    /// The key itself, for tests against published derivations.
    #[cfg(test)]
    pub(crate) fn as_bytes(&self) -> &[u8; 32] {
        &self.key
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SigningKey")
            .field(&crate::sensitive::Redacted)
            .finish()
    }
}

impl PartialEq for SigningKey {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl Eq for SigningKey {}

/// An HMAC-SHA256 state keyed with `key`.
fn keyed(key: &[u8]) -> HmacSha256 {
    // HMAC takes keys of every length (longer ones are hashed first), so
    // `new_from_slice` cannot fail; the match keeps that out of `unwrap`.
    match HmacSha256::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC-SHA256 accepts keys of any length"),
    }
}

fn hmac_once(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = keyed(key);
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// How many keys a cache holds: one per (credentials, region, service) a
/// client signs for on one day; a client has one or a few.
const CAPACITY: usize = 8;

/// Signing keys already derived, by (secret, date, region, service).
///
/// `Sync`: one cache serves every thread of a client (share it in an
/// `Arc`, or use [`Signer`](super::Signer), which does). A look-up locks a
/// mutex for a few comparisons and a copy of the key; a miss derives the
/// key outside the lock. It holds at most eight keys: when full, keys of
/// an earlier day go first, then the oldest. `Debug` shows how many keys
/// it holds, nothing of them.
#[derive(Default)]
pub struct SigningKeyCache {
    entries: Mutex<Vec<Entry>>,
}

struct Entry {
    date_stamp: [u8; 8],
    region: Box<str>,
    service: Box<str>,
    secret: Box<str>,
    key: SigningKey,
}

impl Entry {
    fn matches(&self, secret: &str, date_stamp: &[u8], region: &str, service: &str) -> bool {
        self.date_stamp == date_stamp
            && *self.region == *region
            && *self.service == *service
            && *self.secret == *secret
    }
}

impl SigningKeyCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// The signing key for these inputs, derived on the first call of the
    /// day for them and copied from the cache after that.
    pub fn get(
        &self,
        secret_access_key: &str,
        date_stamp: &str,
        region: &str,
        service: &str,
    ) -> SigningKey {
        let date = date_stamp.as_bytes();
        {
            let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(entry) = entries
                .iter()
                .find(|e| e.matches(secret_access_key, date, region, service))
            {
                return entry.key.clone();
            }
        }
        let key = SigningKey::derive(secret_access_key, date_stamp, region, service);
        let Ok(date_stamp) = <[u8; 8]>::try_from(date) else {
            // Not a `YYYYMMDD` stamp (the signer never passes one): sign,
            // but do not cache under a key that cannot be compared.
            return key;
        };
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if entries
            .iter()
            .any(|e| e.matches(secret_access_key, date, region, service))
        {
            // Another thread derived it meanwhile.
            return key;
        }
        if entries.len() >= CAPACITY {
            // Stamps compare as dates: keep the newest day's keys.
            entries.retain(|e| e.date_stamp >= date_stamp);
        }
        if entries.len() >= CAPACITY {
            entries.remove(0);
        }
        entries.push(Entry {
            date_stamp,
            region: region.into(),
            service: service.into(),
            secret: secret_access_key.into(),
            key: key.clone(),
        });
        key
    }

    /// How many keys the cache holds.
    pub fn len(&self) -> usize {
        self.entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// Whether the cache holds no key.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl fmt::Debug for SigningKeyCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKeyCache")
            .field("keys", &self.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    /// The derivation AWS documents for this secret, 20150830,
    /// us-east-1, iam ("Examples of how to derive a signing key").
    #[test]
    fn published_derivation() {
        let key = SigningKey::derive(SECRET, "20150830", "us-east-1", "iam");
        assert_eq!(
            hex::encode(key.as_bytes()),
            "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9"
        );
    }

    #[test]
    fn debug_shows_no_key() {
        let key = SigningKey::derive(SECRET, "20150830", "us-east-1", "iam");
        assert_eq!(
            format!("{key:?}"),
            format!("SigningKey({})", crate::REDACTED)
        );
        let cache = SigningKeyCache::new();
        cache.get(SECRET, "20150830", "us-east-1", "iam");
        let shown = format!("{cache:?}");
        assert_eq!(shown, "SigningKeyCache { keys: 1 }");
    }

    #[test]
    fn cache_gives_the_derived_key_and_derives_once() {
        let cache = SigningKeyCache::new();
        let derived = SigningKey::derive(SECRET, "20150830", "us-east-1", "iam");
        assert_eq!(cache.get(SECRET, "20150830", "us-east-1", "iam"), derived);
        assert_eq!(cache.get(SECRET, "20150830", "us-east-1", "iam"), derived);
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn every_input_is_part_of_the_cache_key() {
        let cache = SigningKeyCache::new();
        let base = cache.get(SECRET, "20150830", "us-east-1", "iam");
        for (secret, date, region, service) in [
            ("other", "20150830", "us-east-1", "iam"),
            (SECRET, "20150831", "us-east-1", "iam"),
            (SECRET, "20150830", "eu-west-1", "iam"),
            (SECRET, "20150830", "us-east-1", "iot"),
        ] {
            let key = cache.get(secret, date, region, service);
            assert_ne!(key, base, "{secret} {date} {region} {service}");
            assert_eq!(key, SigningKey::derive(secret, date, region, service));
        }
        assert_eq!(cache.len(), 5);
    }

    #[test]
    fn a_full_cache_drops_earlier_days_first_then_the_oldest() {
        let cache = SigningKeyCache::new();
        cache.get(SECRET, "20150830", "r0", "s");
        for region in 1..CAPACITY {
            cache.get(SECRET, "20150831", &format!("r{region}"), "s");
        }
        assert_eq!(cache.len(), CAPACITY);
        // A new key for the 31st: the key of the 30th goes.
        cache.get(SECRET, "20150831", "new", "s");
        assert_eq!(cache.len(), CAPACITY);
        let held = |region: &str, date: &[u8]| {
            cache
                .entries
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .iter()
                .any(|e| &*e.region == region && e.date_stamp == date)
        };
        assert!(!held("r0", b"20150830"));
        assert!(held("new", b"20150831"));
        // All of one day: the oldest goes.
        cache.get(SECRET, "20150831", "newer", "s");
        assert!(!held("r1", b"20150831"));
        assert!(held("r2", b"20150831"));
        assert!(held("newer", b"20150831"));
    }

    #[test]
    fn shared_between_threads() {
        let cache = std::sync::Arc::new(SigningKeyCache::new());
        let expected = SigningKey::derive(SECRET, "20150830", "us-east-1", "iam");
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let cache = cache.clone();
                std::thread::spawn(move || cache.get(SECRET, "20150830", "us-east-1", "iam"))
            })
            .collect();
        for thread in threads {
            assert_eq!(thread.join().ok(), Some(expected.clone()));
        }
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn a_stamp_of_another_length_is_signed_with_but_not_cached() {
        let cache = SigningKeyCache::new();
        let key = cache.get(SECRET, "2015083", "us-east-1", "iam");
        assert_eq!(
            key,
            SigningKey::derive(SECRET, "2015083", "us-east-1", "iam")
        );
        assert!(cache.is_empty());
    }
}
