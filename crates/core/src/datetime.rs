//! The two date formats the API uses, read without chrono (which costs the wasm build more
//! than these few functions): RFC 3339 date-times in requests, HTTP dates in `Retry-After`.
//!
//! Dates are proleptic Gregorian, years 0000–9999, and carry no leap seconds.

/// An instant, in UTC: seconds since 1970-01-01T00:00:00Z and the nanoseconds after them.
/// `nanos` is always below one second, so the derived order is the order in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp {
    secs: i64,
    nanos: u32,
}

impl Timestamp {
    /// The instant `ms` milliseconds after 1970 (before it, when negative), as `Date.now()` gives.
    pub fn from_millis(ms: i64) -> Timestamp {
        // Euclidean division rounds down, so `nanos` stays positive before 1970 too.
        // `rem_euclid(1000)` is in 0..1000: the cast loses nothing.
        Timestamp {
            secs: ms.div_euclid(1000),
            nanos: ms.rem_euclid(1000) as u32 * 1_000_000,
        }
    }

    /// Whole seconds since 1970, rounded down.
    pub fn secs(self) -> i64 {
        self.secs
    }

    /// Nanoseconds after [`Timestamp::secs`], below 1,000,000,000.
    pub fn nanos(self) -> u32 {
        self.nanos
    }

    /// Milliseconds since 1970, rounded down (saturating far outside the years 0000–9999).
    pub fn as_millis(self) -> i64 {
        let millis = i64::from(self.nanos / 1_000_000);
        if self.secs < 0 {
            // `secs * 1000` alone would overflow for `from_millis(i64::MIN)`.
            self.secs
                .saturating_add(1)
                .saturating_mul(1000)
                .saturating_sub(1000 - millis)
        } else {
            self.secs.saturating_mul(1000).saturating_add(millis)
        }
    }
}

/// An RFC 3339 date-time, the `date-time` format of OpenAPI, in the form servers accept:
/// `2030-01-02T03:04:05Z`, with optional fractional seconds (digits past the ninth are
/// ignored) and a `±hh:mm` offset instead of `Z`. Not a space or a lowercase `t`/`z` and
/// not a leap second `:60`, which Seam's validation (zod's `datetime`) refuses.
pub fn parse_date_time(text: &str) -> Option<Timestamp> {
    let bytes = text.as_bytes();
    let at = |i: usize, c: u8| bytes.get(i) == Some(&c);
    if !(at(4, b'-') && at(7, b'-') && at(10, b'T') && at(13, b':') && at(16, b':')) {
        return None;
    }
    let days = days_from_date(number(bytes, 0..4)?, number(bytes, 5..7)?, number(bytes, 8..10)?)?;
    let time = seconds_of_day(number(bytes, 11..13)?, number(bytes, 14..16)?, number(bytes, 17..19)?)?;
    let (nanos, zone) = match bytes.get(19..)? {
        [b'.', fraction @ ..] => {
            let count = fraction.iter().take_while(|d| d.is_ascii_digit()).count();
            // Nine digits, padded with zeros: the fraction in nanoseconds.
            let nanos = fraction
                .iter()
                .take(count)
                .chain(core::iter::repeat(&b'0'))
                .take(9)
                .fold(0, |n, d| n * 10 + u32::from(d - b'0'));
            (nanos, fraction.get(count..).filter(|_| count > 0)?)
        }
        zone => (0, zone),
    };
    let offset = match zone {
        [b'Z'] => 0,
        [sign, h1, h2, b':', m1, m2] => offset(*sign, &[*h1, *h2], &[*m1, *m2])?,
        _ => return None,
    };
    Some(Timestamp {
        secs: days * 86_400 + time - offset,
        nanos,
    })
}

/// An HTTP date as `Retry-After` carries it, in Unix seconds: the IMF-fixdate of RFC 9110
/// (`Sun, 06 Nov 1994 08:49:37 GMT`), also with a `+hhmm`/`-hhmm` offset instead of `GMT`
/// or without the weekday, as RFC 2822 allows. A weekday that does not match the date is
/// refused, as chrono did. The obsolete forms (two-digit years, `UT`, `EST`, comments,
/// other spacing or letter case) are refused.
pub fn parse_http_date(text: &str) -> Option<i64> {
    let (weekday, date) = match text.split_once(',') {
        Some((weekday, date)) => (Some(weekday), date.strip_prefix(' ')?),
        None => (None, text),
    };
    let bytes = date.as_bytes();
    let at = |i: usize, c: u8| bytes.get(i) == Some(&c);
    if !(at(2, b' ') && at(6, b' ') && at(11, b' ') && at(14, b':') && at(17, b':') && at(20, b' ')) {
        return None;
    }
    let month = name_index("JanFebMarAprMayJunJulAugSepOctNovDec", bytes.get(3..6)?)? + 1;
    let days = days_from_date(number(bytes, 7..11)?, month, number(bytes, 0..2)?)?;
    let time = seconds_of_day(number(bytes, 12..14)?, number(bytes, 15..17)?, number(bytes, 18..20)?)?;
    // Day 0, 1970-01-01, was a Thursday.
    let weekday_of_date = u32::try_from(days.rem_euclid(7)).ok();
    if weekday.is_some_and(|name| name_index("ThuFriSatSunMonTueWed", name.as_bytes()) != weekday_of_date) {
        return None;
    }
    let offset = match bytes.get(21..)? {
        b"GMT" => 0,
        [sign, h1, h2, m1, m2] => offset(*sign, &[*h1, *h2], &[*m1, *m2])?,
        _ => return None,
    };
    Some(days * 86_400 + time - offset)
}

/// The value of the ASCII digits `bytes[range]`, if they are all digits (at most nine).
fn number(bytes: &[u8], range: core::ops::Range<usize>) -> Option<u32> {
    bytes.get(range)?.iter().try_fold(0u32, |n, d| {
        d.is_ascii_digit()
            .then(|| n.checked_mul(10)?.checked_add(u32::from(d - b'0')))
            .flatten()
    })
}

/// The position of the three-letter `name` in `names` (`Jan` is 0), matching case exactly.
fn name_index(names: &str, name: &[u8]) -> Option<u32> {
    let index = names.as_bytes().chunks(3).position(|known| known == name)?;
    u32::try_from(index).ok()
}

/// A time zone offset in seconds east of UTC, from its sign, hours and minutes digits:
/// at most 23:59, like chrono's `FixedOffset`.
fn offset(sign: u8, hours: &[u8], minutes: &[u8]) -> Option<i64> {
    let (hours, minutes) = (number(hours, 0..2)?, number(minutes, 0..2)?);
    if hours > 23 || minutes > 59 {
        return None;
    }
    let seconds = i64::from(hours * 3600 + minutes * 60);
    match sign {
        b'+' => Some(seconds),
        b'-' => Some(-seconds),
        _ => None,
    }
}

/// Seconds since midnight, when the time exists (no leap second `:60`).
fn seconds_of_day(hour: u32, minute: u32, second: u32) -> Option<i64> {
    (hour < 24 && minute < 60 && second < 60).then(|| i64::from(hour * 3600 + minute * 60 + second))
}

/// Days since 1970-01-01 of a Gregorian date, or `None` when there is no such day
/// (`2023-02-29`, month 13, day 0).
fn days_from_date(year: u32, month: u32, day: u32) -> Option<i64> {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        2 => 28 + u32::from(leap),
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => 0,
    };
    if day == 0 || day > days_in_month {
        return None;
    }
    // Howard Hinnant's `days_from_civil`: counting years from March puts the leap day at
    // the end of a year, and eras of 400 years repeat exactly.
    let year = i64::from(year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((i64::from(month) + 9) % 12) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some(era * 146_097 + day_of_era - 719_468)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Option<(i64, u32)> {
        parse_date_time(text).map(|t| (t.secs(), t.nanos()))
    }

    #[test]
    fn date_times_in_the_servers_form() {
        assert_eq!(at("1970-01-01T00:00:00Z"), Some((0, 0)));
        assert_eq!(at("2030-01-02T03:04:05Z"), Some((1_893_553_445, 0)));
        assert_eq!(at("2024-02-29T00:00:00Z"), Some((1_709_164_800, 0)));
        assert_eq!(at("2000-02-29T12:00:00Z"), Some((951_825_600, 0)));
        assert_eq!(at("1969-12-31T23:59:59Z"), Some((-1, 0)));
        assert_eq!(at("0000-01-01T00:00:00Z"), Some((-62_167_219_200, 0)));
        assert_eq!(
            at("0000-02-29T00:00:00Z"),
            Some((-62_162_121_600, 0)),
            "year 0 is a leap year"
        );
        assert_eq!(at("9999-12-31T23:59:59Z"), Some((253_402_300_799, 0)));
        assert_eq!(at("9999-12-31T23:59:59-23:59"), Some((253_402_387_139, 0)));
        assert_eq!(at("2030-01-02T03:04:05+01:30"), Some((1_893_553_445 - 5400, 0)));
        assert_eq!(at("2030-01-02T03:04:05-00:00"), Some((1_893_553_445, 0)));
        assert_eq!(at("2030-01-02T03:04:05+23:59"), Some((1_893_553_445 - 86_340, 0)));
        assert_eq!(at("2030-01-02T03:04:05.5Z"), Some((1_893_553_445, 500_000_000)));
        assert_eq!(
            at("2030-01-02T03:04:05.123456789999Z"),
            Some((1_893_553_445, 123_456_789))
        );
        assert_eq!(at("1969-12-31T23:59:59.999+00:00"), Some((-1, 999_000_000)));
    }

    #[test]
    fn other_date_times_are_refused() {
        for bad in [
            "2023-02-29T00:00:00Z",
            "1900-02-29T00:00:00Z",
            "2030-04-31T00:00:00Z",
            "2030-00-01T00:00:00Z",
            "2030-13-01T00:00:00Z",
            "2030-01-00T00:00:00Z",
            "2030-01-02T24:00:00Z",
            "2030-01-02T03:60:00Z",
            "2030-01-02T23:59:60Z",
            "2030-01-02t03:04:05Z",
            "2030-01-02T03:04:05z",
            "2030-01-02 03:04:05Z",
            "2030-01-02T03:04:05",
            "2030-01-02T03:04:05.Z",
            "2030-01-02T03:04:05.5",
            "2030-01-02T03:04:05+24:00",
            "2030-01-02T03:04:05+01:60",
            "2030-01-02T03:04:05+0100",
            "2030-01-02T03:04:05+01",
            "2030-01-02T03:04:05Z ",
            " 2030-01-02T03:04:05Z",
            "+2030-01-02T03:04:05Z",
            "20300-01-02T03:04:05Z",
            "2030-1-02T03:04:05Z",
            "2030-01-02T03:04:05ZZ",
            "2030-01-02T03:04:05\u{2212}01:00",
            "2030-01-02",
            "",
        ] {
            assert_eq!(at(bad), None, "{bad}");
        }
    }

    #[test]
    fn http_dates() {
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784_111_777));
        assert_eq!(parse_http_date("06 Nov 1994 08:49:37 GMT"), Some(784_111_777));
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 +0000"), Some(784_111_777));
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 -0000"), Some(784_111_777));
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 -0130"),
            Some(784_111_777 + 5400)
        );
        assert_eq!(parse_http_date("Mon, 23 Nov 2026 12:00:05 GMT"), Some(1_795_435_205));
        assert_eq!(parse_http_date("Thu, 29 Feb 2024 00:00:00 GMT"), Some(1_709_164_800));
        for bad in [
            "Mon, 06 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37 UT",
            "Sun, 06 Nov 1994 08:49:37 gmt",
            "sun, 06 Nov 1994 08:49:37 GMT",
            "Sun, 06 nov 1994 08:49:37 GMT",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 94 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49 GMT",
            "Sun, 06 Nov 1994 08:49:60 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1994 08:49:37 +2400",
            "Sun, 06 Nov 1994 08:49:37 +0060",
            "Sun, 06 Nov 1994 08:49:37 GMT (comment)",
            "Sun,  06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "Wed, 29 Feb 2023 00:00:00 GMT",
            "1994-11-06T08:49:37Z",
            "",
        ] {
            assert_eq!(parse_http_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn milliseconds_round_down() {
        let t = Timestamp::from_millis(-1);
        assert_eq!((t.secs(), t.nanos(), t.as_millis()), (-1, 999_000_000, -1));
        let t = Timestamp::from_millis(1_500);
        assert_eq!((t.secs(), t.nanos(), t.as_millis()), (1, 500_000_000, 1_500));
        for ms in [i64::MIN, i64::MIN + 1, -1001, -1000, -999, 0, 999, 1000, i64::MAX] {
            assert_eq!(Timestamp::from_millis(ms).as_millis(), ms);
        }
        assert!(Timestamp::from_millis(-1) < Timestamp::from_millis(0));
        let parsed = parse_date_time("1970-01-01T00:00:00.0019Z").map(Timestamp::as_millis);
        assert_eq!(parsed, Some(1));
    }
}
