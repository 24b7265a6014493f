//! Error types of [`super::DateTime`]: one per operation that can fail, so a
//! caller matching on a parse failure never has to consider a range failure.

use std::error::Error;
use std::fmt;

use super::{DateTime, Format};

/// Longest input kept in a [`DateTimeParseError`]; a response may carry a
/// megabyte of garbage where a timestamp belongs, and the error message should
/// stay readable.
const MAX_INPUT_IN_ERROR: usize = 64;

/// A string could not be read as a timestamp in the expected [`Format`].
///
/// Returned by [`DateTime::parse`]. The message names the format, the input
/// (cut after 64 characters) and what was wrong, so that a deserialization
/// error reported to a user is actionable without a debugger.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateTimeParseError {
    format: Format,
    input: String,
    truncated: bool,
    reason: String,
}

impl DateTimeParseError {
    pub(super) fn new(format: Format, input: &str, reason: String) -> Self {
        let cut = input
            .char_indices()
            .nth(MAX_INPUT_IN_ERROR)
            .map_or(input.len(), |(index, _)| index);
        Self {
            format,
            input: input[..cut].to_owned(),
            truncated: cut < input.len(),
            reason,
        }
    }

    /// The format the input was expected to be in, so callers can tell a
    /// malformed header date from a malformed body timestamp.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The rejected input, cut after 64 characters to keep errors small.
    pub fn input(&self) -> &str {
        &self.input
    }
}

impl fmt::Display for DateTimeParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ellipsis = if self.truncated { "..." } else { "" };
        write!(
            f,
            "invalid {} timestamp {:?}{}: {}",
            self.format, self.input, ellipsis, self.reason
        )
    }
}

impl Error for DateTimeParseError {}

/// A [`DateTime`] cannot be written in the requested [`Format`].
///
/// Returned by [`DateTime::fmt`]: the `date-time` and `http-date` formats
/// have exactly four year digits, so instants before year 1 or after
/// year 9999 cannot be expressed in them (`epoch-seconds` never fails).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateTimeFormatError {
    date_time: DateTime,
    format: Format,
}

impl DateTimeFormatError {
    pub(super) fn new(date_time: DateTime, format: Format) -> Self {
        Self { date_time, format }
    }

    /// The instant that could not be formatted, so callers can fall back to
    /// another format for it.
    pub fn date_time(&self) -> DateTime {
        self.date_time
    }

    /// The format that was requested.
    pub fn format(&self) -> Format {
        self.format
    }
}

impl fmt::Display for DateTimeFormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot format the timestamp at {} epoch seconds as {}: \
             its year is outside 0001..=9999",
            super::format::epoch_seconds_string(self.date_time),
            self.format
        )
    }
}

impl Error for DateTimeFormatError {}

/// A number could not be converted to or from a [`DateTime`] because it is
/// not finite or does not fit the target type.
///
/// Returned by [`DateTime::from_fractional_secs`], [`DateTime::to_millis`]
/// and the [`std::time::SystemTime`] conversion; the message says which
/// value did not fit where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateTimeConversionError {
    message: String,
}

impl DateTimeConversionError {
    pub(super) fn new(message: String) -> Self {
        Self { message }
    }
}

impl fmt::Display for DateTimeConversionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl Error for DateTimeConversionError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_error_message_names_format_input_and_reason() {
        let error = DateTimeParseError::new(Format::HttpDate, "nope", "bad weekday".into());
        assert_eq!(
            error.to_string(),
            r#"invalid http-date timestamp "nope": bad weekday"#
        );
        assert_eq!(error.format(), Format::HttpDate);
        assert_eq!(error.input(), "nope");
    }

    #[test]
    fn parse_error_cuts_long_input_on_a_char_boundary() {
        let input = "é".repeat(100);
        let error = DateTimeParseError::new(Format::DateTime, &input, "x".into());
        assert_eq!(error.input().chars().count(), MAX_INPUT_IN_ERROR);
        assert!(error.to_string().contains(r#"é"...: x"#));
        let short = DateTimeParseError::new(Format::DateTime, &input[..2], "x".into());
        assert!(!short.to_string().contains("..."));
    }

    #[test]
    fn format_error_message() {
        let error =
            DateTimeFormatError::new(DateTime::from_secs(-62_135_596_801), Format::DateTime);
        assert_eq!(
            error.to_string(),
            "cannot format the timestamp at -62135596801 epoch seconds as date-time: \
             its year is outside 0001..=9999"
        );
        assert_eq!(error.date_time(), DateTime::from_secs(-62_135_596_801));
        assert_eq!(error.format(), Format::DateTime);
    }
}
