//! The signing time in SigV4's form: `x-amz-date` (`20150830T123600Z`)
//! and the date stamp of the credential scope (`20150830`).

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use super::SigningError;
use crate::datetime::civil::civil_from_days;

const SECONDS_PER_DAY: u64 = 86_400;

/// A signing time, whole seconds in UTC, formatted once.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use awsgen_runtime::sigv4::AmzDate;
///
/// let date = AmzDate::new(UNIX_EPOCH + Duration::from_secs(1_440_938_160))?;
/// assert_eq!(date.as_str(), "20150830T123600Z");
/// assert_eq!(date.date_stamp(), "20150830");
/// # Ok::<(), awsgen_runtime::sigv4::SigningError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct AmzDate {
    /// `YYYYMMDDTHHMMSSZ`, ASCII digits, `T` and `Z` only.
    text: [u8; 16],
}

impl AmzDate {
    /// Formats `time`, dropping fractions of a second. Fails for times
    /// before 1970 or after the year 9999.
    pub fn new(time: SystemTime) -> Result<Self, SigningError> {
        let secs = time
            .duration_since(UNIX_EPOCH)
            .map_err(|_| SigningError::TimeOutOfRange)?
            .as_secs();
        let days =
            i64::try_from(secs / SECONDS_PER_DAY).map_err(|_| SigningError::TimeOutOfRange)?;
        let (year, month, day) = civil_from_days(days);
        if year > 9999 {
            return Err(SigningError::TimeOutOfRange);
        }
        let of_day = secs % SECONDS_PER_DAY;
        let mut text = *b"00000000T000000Z";
        // `year` is 1970..=9999 here, the rest fit two digits.
        put_digits(&mut text[0..4], year as u64);
        put_digits(&mut text[4..6], u64::from(month));
        put_digits(&mut text[6..8], u64::from(day));
        put_digits(&mut text[9..11], of_day / 3600);
        put_digits(&mut text[11..13], of_day / 60 % 60);
        put_digits(&mut text[13..15], of_day % 60);
        Ok(Self { text })
    }

    /// The `x-amz-date` form, `20150830T123600Z`.
    pub fn as_str(&self) -> &str {
        // Only ASCII digits, `T` and `Z` are ever written.
        std::str::from_utf8(&self.text).unwrap_or_default()
    }

    /// The date stamp of the credential scope, `20150830`.
    pub fn date_stamp(&self) -> &str {
        std::str::from_utf8(&self.text[..8]).unwrap_or_default()
    }
}

/// Writes `value` in decimal into `out`, zero-padded to its length.
fn put_digits(out: &mut [u8], mut value: u64) {
    for byte in out.iter_mut().rev() {
        *byte = b'0' + (value % 10) as u8;
        value /= 10;
    }
}

impl fmt::Debug for AmzDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AmzDate({})", self.as_str())
    }
}

impl fmt::Display for AmzDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn at(secs: u64) -> Result<AmzDate, SigningError> {
        AmzDate::new(UNIX_EPOCH + Duration::from_secs(secs))
    }

    #[test]
    fn formats_the_suites_time() {
        let date = at(1_440_938_160).map(|d| d.to_string());
        assert_eq!(date.as_deref(), Ok("20150830T123600Z"));
    }

    #[test]
    fn drops_fractions_of_a_second() {
        let time = UNIX_EPOCH + Duration::from_millis(1_620_747_645_999);
        let date = AmzDate::new(time).map(|d| d.to_string());
        assert_eq!(date.as_deref(), Ok("20210511T154045Z"));
    }

    #[test]
    fn edges_of_the_range() {
        assert_eq!(
            at(0).map(|d| d.to_string()).as_deref(),
            Ok("19700101T000000Z")
        );
        // 9999-12-31T23:59:59Z
        let last = at(253_402_300_799).map(|d| d.to_string());
        assert_eq!(last.as_deref(), Ok("99991231T235959Z"));
        assert_eq!(at(253_402_300_800), Err(SigningError::TimeOutOfRange));
        if let Some(far) = UNIX_EPOCH.checked_add(Duration::from_secs(u64::MAX / 2)) {
            assert_eq!(AmzDate::new(far), Err(SigningError::TimeOutOfRange));
        }
        let before = UNIX_EPOCH - Duration::from_secs(1);
        assert_eq!(AmzDate::new(before), Err(SigningError::TimeOutOfRange));
    }

    #[test]
    fn leap_day() {
        // 2024-02-29T01:02:03Z
        let date = at(1_709_168_523).map(|d| d.to_string());
        assert_eq!(date.as_deref(), Ok("20240229T010203Z"));
    }
}
