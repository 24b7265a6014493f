//! Calendar arithmetic between days since the Unix epoch and proleptic
//! Gregorian dates.
//!
//! Hand-written (after Howard Hinnant's `days_from_civil` and
//! `civil_from_days`, <https://howardhinnant.github.io/date_algorithms.html>)
//! so the runtime needs no date crate. Both functions are exact for every
//! `i64` second count divided into days, so they never overflow on the
//! values [`super::DateTime`] can hold.

/// English month abbreviations used by `http-date`, January first.
pub(super) const MONTH_NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// English weekday abbreviations used by `http-date`, Sunday first (matching
/// [`weekday_from_days`]).
pub(super) const WEEKDAY_NAMES: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/// Days from 1970-01-01 to the given date of the proleptic Gregorian calendar.
///
/// `month` is 1..=12 and `day` 1..=31; the caller validates them.
pub(super) fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let (month, day) = (i64::from(month), i64::from(day));
    // Count years from March so the leap day is the last day of the year.
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400; // 0..=399
    let month_from_march = if month > 2 { month - 3 } else { month + 9 }; // 0..=11
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1; // 0..=365
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date `days` after 1970-01-01, as `(year, month 1..=12, day 1..=31)`.
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468; // shift the epoch to 0000-03-01
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097; // 0..=146_096
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153; // 0..=11
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1; // 1..=31
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    // Both values are small by construction (see the range comments above).
    (year, month as u32, day as u32)
}

/// Day of the week of the day `days` after 1970-01-01: 0 is Sunday.
pub(super) fn weekday_from_days(days: i64) -> u32 {
    // 1970-01-01 was a Thursday (4).
    (days + 4).rem_euclid(7) as u32
}

/// Whether `year` has a 29 February in the Gregorian calendar.
fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Number of days in `month` (1..=12) of `year`; 0 for an invalid month,
/// so that every day fails validation against it.
pub(super) fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_is_day_zero() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(0), (1970, 1, 1));
    }

    #[test]
    fn known_dates() {
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        assert_eq!(days_from_civil(1, 1, 1), -719_162);
        assert_eq!(days_from_civil(9999, 12, 31), 2_932_896);
        assert_eq!(civil_from_days(-719_162), (1, 1, 1));
        assert_eq!(civil_from_days(2_932_896), (9999, 12, 31));
        assert_eq!(civil_from_days(18_246), (2019, 12, 16));
    }

    #[test]
    fn round_trips_over_a_wide_range() {
        // Every day from year -1000 to 3000, plus leap day handling.
        let start = days_from_civil(-1000, 1, 1);
        let end = days_from_civil(3000, 12, 31);
        let mut expected = (-1000, 1, 1);
        for days in start..=end {
            let date = civil_from_days(days);
            assert_eq!(date, expected, "days {days}");
            assert_eq!(days_from_civil(date.0, date.1, date.2), days);
            let (y, m, d) = expected;
            expected = if d < days_in_month(y, m) {
                (y, m, d + 1)
            } else if m < 12 {
                (y, m + 1, 1)
            } else {
                (y + 1, 1, 1)
            };
        }
    }

    #[test]
    fn extreme_day_counts_do_not_overflow() {
        for days in [i64::MIN / 86_400 - 1, i64::MAX / 86_400 + 1] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn weekdays() {
        assert_eq!(weekday_from_days(0), 4); // Thursday
        assert_eq!(weekday_from_days(-1), 3); // Wednesday
        assert_eq!(weekday_from_days(days_from_civil(2019, 12, 16)), 1); // Monday
    }

    #[test]
    fn month_lengths() {
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2023, 2), 28);
        assert_eq!(days_in_month(2023, 4), 30);
        assert_eq!(days_in_month(2023, 12), 31);
        assert_eq!(days_in_month(2023, 0), 0);
        assert_eq!(days_in_month(2023, 13), 0);
    }
}
