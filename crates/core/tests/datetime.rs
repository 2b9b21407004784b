//! The date parsers of `datetime` against chrono, which they replace: the same strings are
//! accepted, and they mean the same instant.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking"
)]

use chrono::{DateTime, Datelike, NaiveDate};
use proptest::prelude::*;
use proptest::sample::select;
use seam_acs_core::datetime::{parse_date_time, parse_http_date, Timestamp};

/// The date-time check this crate used before `datetime`: a strict grammar, then chrono.
fn old_parse_date_time(text: &str) -> Option<(i64, u32)> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes.get(range).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let at = |i: usize, c: u8| bytes.get(i) == Some(&c);
    let fixed = digits(0..4) && at(4, b'-') && digits(5..7) && at(7, b'-') && digits(8..10) && at(10, b'T');
    let time = digits(11..13) && at(13, b':') && digits(14..16) && at(16, b':') && digits(17..19) && !at(17, b'6');
    if !(fixed && time) {
        return None;
    }
    let mut rest = bytes.get(19..).unwrap_or_default();
    if let Some(fraction) = rest.strip_prefix(b".") {
        let count = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        rest = fraction.get(count..).filter(|_| count > 0)?;
    }
    let zone = match rest {
        [b'Z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => [h1, h2, m1, m2].iter().all(|d| d.is_ascii_digit()),
        _ => false,
    };
    if zone {
        DateTime::parse_from_rfc3339(text)
            .ok()
            .map(|t| (t.timestamp(), t.timestamp_subsec_nanos()))
    } else {
        None
    }
}

fn new_parse_date_time(text: &str) -> Option<(i64, u32)> {
    parse_date_time(text).map(|t| (t.secs(), t.nanos()))
}

fn old_parse_http_date(text: &str) -> Option<i64> {
    DateTime::parse_from_rfc2822(text).ok().map(|t| t.timestamp())
}

/// Mostly the expected text, sometimes anything of `other`.
fn mostly(expected: &'static str, other: &'static str) -> BoxedStrategy<String> {
    prop_oneof![12 => expected, 1 => other].boxed()
}

/// Strings shaped like `2030-01-02T03:04:05.6+07:08`, each part mostly right, often a
/// value out of range, sometimes the wrong character.
fn near_date_times() -> impl Strategy<Value = String> {
    let date = (
        prop_oneof!["[0-9]{4}", "(0000|9999|2000|1900|2023|2024|1970|1969)", "[0-9]{3,5}"],
        mostly("-", "[-/ :.T0]"),
        prop_oneof![4 => "(0[1-9]|1[0-2])", 2 => "02", 1 => "[0-9]{2}", 1 => "[0-9]{1,3}"],
        mostly("-", "[-/ :.T0]"),
        prop_oneof![4 => "(0[1-9]|[12][0-9]|3[01])", 2 => "(28|29|30|31)", 1 => "[0-9]{2}", 1 => "[0-9]{1,3}"],
        mostly("T", "[Tt _:Z-]"),
    );
    let time = (
        prop_oneof![4 => "([01][0-9]|2[0-3])", 1 => "[0-9]{2}", 1 => "[0-9]{1,3}"],
        mostly(":", "[:.-]"),
        prop_oneof![4 => "[0-5][0-9]", 1 => "[0-9]{2}"],
        mostly(":", "[:.-]"),
        prop_oneof![4 => "[0-5][0-9]", 1 => "(59|60|61)", 1 => "[0-9]{2}", 1 => "[0-9]{1,3}"],
    );
    let fraction = prop_oneof![
        3 => Just(String::new()),
        3 => "\\.[0-9]{1,12}",
        1 => "\\.(0|9|000000000|999999999|1234567891)",
        1 => "(\\.|,[0-9]|\\.[0-9]*[a.])",
    ];
    let zone = prop_oneof![
        3 => Just("Z".to_owned()),
        3 => "[+-]([01][0-9]|2[0-3]):[0-5][0-9]",
        1 => "[+-](23:59|24:00|00:00|00:60|99:99)",
        1 => "[+-][0-9]{2}:[0-9]{2}",
        1 => "(z|ZZ|Z |[+-][0-9]{4}|[+-][0-9]{2}|[+-][0-9]{2}:[0-9]|\u{2212}01:00|)",
    ];
    (date, time, fraction, zone).prop_map(|((y, s1, m, s2, d, t), (h, c1, mi, c2, s), fraction, zone)| {
        [y, s1, m, s2, d, t, h, c1, mi, c2, s, fraction, zone].concat()
    })
}

/// A valid date-time, then perhaps one character replaced, removed or added.
fn mutated_date_times() -> impl Strategy<Value = String> {
    let valid = (
        -62_167_219_200i64..253_402_300_800,
        0u32..1_000_000_000,
        0usize..=12,
        prop_oneof![Just(None), (-1439i32..=1439).prop_map(Some)],
    )
        .prop_map(|(secs, nanos, digits, offset)| {
            let zone = chrono::FixedOffset::east_opt(offset.unwrap_or(0) * 60).unwrap();
            let local = DateTime::from_timestamp(secs, nanos).unwrap().with_timezone(&zone);
            let mut text = local.format("%Y-%m-%dT%H:%M:%S").to_string();
            if digits > 0 {
                let fraction = format!("{:09}000", nanos);
                text.push('.');
                text.push_str(&fraction[..digits]);
            }
            match offset {
                None => text.push('Z'),
                Some(_) => text.push_str(&local.format("%:z").to_string()),
            }
            text
        })
        // Years before 0000 or after 9999 need more than four digits: not this format.
        .prop_filter("four-digit year", |text| text.as_bytes().get(4) == Some(&b'-'));
    (valid, mutation()).prop_map(|(text, mutation)| mutate(&text, mutation))
}

/// Replace (0), remove (1) or insert (2) at a position, or leave the text alone (3).
fn mutation() -> impl Strategy<Value = (u8, usize, char)> {
    (
        0u8..4,
        any::<usize>(),
        select(
            &[
                '0', '1', '2', '3', '5', '6', '9', '-', ':', '.', 'T', 't', 'Z', 'z', ' ', '+', 'G', ',',
            ][..],
        ),
    )
}

fn mutate(text: &str, (kind, at, with): (u8, usize, char)) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let at = at % (chars.len() + 1);
    match kind {
        0 if at < chars.len() => chars[at] = with,
        1 if at < chars.len() => {
            chars.remove(at);
        }
        2 => chars.insert(at, with),
        _ => {}
    }
    chars.into_iter().collect()
}

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// HTTP dates in the forms `parse_http_date` reads, with random digits in every field and
/// a weekday that is absent, right or random. chrono also reads forms refused on purpose,
/// which are therefore not generated: a leap second `:60` (chrono reads it as `:59`),
/// obsolete two- and three-digit years and years of five digits, a one-digit day, time
/// without seconds, zone names other than `GMT`, other letter case, other spacing and
/// comments.
fn http_dates() -> impl Strategy<Value = String> {
    let date = (
        prop_oneof!["[0-9]{4}", "(0000|9999|2000|1900|2023|2024|1970|1969)"],
        0usize..12,
        prop_oneof![4 => "(0[1-9]|[12][0-9]|3[01])", 1 => "(00|28|29|30|31|32|99)"],
        0u8..3,
        0usize..7,
    );
    let time = (
        prop_oneof![4 => "([01][0-9]|2[0-3])", 1 => "[0-9]{2}"],
        prop_oneof![4 => "[0-5][0-9]", 1 => "[0-9]{2}"],
        prop_oneof![4 => "[0-5][0-9]", 1 => "(59|61|99)"],
        prop_oneof![2 => Just("GMT".to_owned()), 2 => "[+-]([01][0-9]|2[0-3])[0-5][0-9]", 1 => "[+-][0-9]{4}"],
    );
    (date, time).prop_map(|((year, month, day, weekday, random), (hour, minute, second, zone))| {
        let date = NaiveDate::from_ymd_opt(year.parse().unwrap(), month as u32 + 1, day.parse().unwrap());
        let weekday = match (weekday, date) {
            (0, _) => String::new(),
            (1, Some(date)) => format!("{}, ", WEEKDAYS[date.weekday().num_days_from_monday() as usize]),
            _ => format!("{}, ", WEEKDAYS[random]),
        };
        format!(
            "{weekday}{day} {} {year} {hour}:{minute}:{second} {zone}",
            MONTHS[month]
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn date_times_read_as_before(text in near_date_times()) {
        prop_assert_eq!(new_parse_date_time(&text), old_parse_date_time(&text), "{}", text);
    }

    #[test]
    fn mutated_date_times_read_as_before(text in mutated_date_times()) {
        prop_assert_eq!(new_parse_date_time(&text), old_parse_date_time(&text), "{}", text);
    }

    #[test]
    fn http_dates_read_as_chrono_reads_them(text in http_dates()) {
        prop_assert_eq!(parse_http_date(&text), old_parse_http_date(&text), "{}", text);
    }

    /// Outside the generated forms only one direction holds: what is read, chrono reads
    /// the same way (chrono reads more).
    #[test]
    fn mutated_http_dates_are_read_only_as_chrono_reads_them(
        text in (http_dates(), mutation()).prop_map(|(text, m)| mutate(&text, m)),
    ) {
        if let Some(secs) = parse_http_date(&text) {
            prop_assert_eq!(Some(secs), old_parse_http_date(&text), "{}", text);
        }
    }

    #[test]
    fn milliseconds_keep_their_order_and_value(a in any::<i64>(), b in any::<i64>()) {
        let (ta, tb) = (Timestamp::from_millis(a), Timestamp::from_millis(b));
        prop_assert_eq!(ta.cmp(&tb), a.cmp(&b));
        prop_assert_eq!(ta.as_millis(), a);
        prop_assert_eq!((ta.secs(), ta.nanos()), (a.div_euclid(1000), a.rem_euclid(1000) as u32 * 1_000_000));
        if let Some(chrono) = DateTime::from_timestamp_millis(a) {
            prop_assert_eq!((ta.secs(), ta.nanos()), (chrono.timestamp(), chrono.timestamp_subsec_nanos()));
        }
    }

    #[test]
    fn parsed_date_times_keep_their_order(a in mutated_date_times(), b in mutated_date_times()) {
        if let (Some(ta), Some(tb)) = (parse_date_time(&a), parse_date_time(&b)) {
            let (ca, cb) = (DateTime::parse_from_rfc3339(&a).unwrap(), DateTime::parse_from_rfc3339(&b).unwrap());
            prop_assert_eq!(ta.cmp(&tb), ca.cmp(&cb));
            prop_assert_eq!(ta.as_millis(), ca.timestamp_millis());
        }
    }
}

#[test]
fn every_day_of_four_centuries_reads_as_chrono_reads_it() {
    // 1600–2000 is a whole Gregorian cycle; 0000 and 9999 are the ends of the format.
    let days = (NaiveDate::from_ymd_opt(1600, 1, 1).unwrap().iter_days())
        .take_while(|day| day.year() < 2001)
        .chain(NaiveDate::from_ymd_opt(0, 1, 1).unwrap().iter_days().take(800))
        .chain(NaiveDate::from_ymd_opt(9998, 1, 1).unwrap().iter_days().take(730));
    for day in days {
        let text = day.format("%Y-%m-%dT12:34:56Z").to_string();
        assert_eq!(new_parse_date_time(&text), old_parse_date_time(&text), "{text}");
        assert!(new_parse_date_time(&text).is_some(), "{text}");
        let text = day.format("%a, %d %b %Y 12:34:56 GMT").to_string();
        assert_eq!(parse_http_date(&text), old_parse_http_date(&text), "{text}");
        assert!(parse_http_date(&text).is_some(), "{text}");
    }
}
