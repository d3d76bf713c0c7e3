//! Dates as incident data writes them: ISO, partial (`2024-03`, `2024`), with
//! month names (`22 March 2024`, `March 22, 2024`, `22-Mar-2024`) and numeric
//! (`22/03/2024`, `03/22/2024`, `22.03.2024`), each kept at its own precision.

use std::fmt;

/// A date that may lack its day or month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// Year.
    pub year: i32,
    /// Month 1-12, if known.
    pub month: Option<u8>,
    /// Day of the month, if known (only with a month).
    pub day: Option<u8>,
}

/// How much of a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DatePrecision {
    /// Only the year.
    Year,
    /// Year and month.
    Month,
    /// The day.
    Day,
}

impl DatePrecision {
    /// The word used in GeoJSON (`incimap_date_precision`) and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Year => "year",
            DatePrecision::Month => "month",
            DatePrecision::Day => "day",
        }
    }
}

/// How to read a numeric date such as `03/04/2024` whose first two numbers
/// could each be the day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DayOrder {
    /// Refuse ambiguous dates (the default): a row error says which flag to use.
    #[default]
    Unknown,
    /// `03/04/2024` is 3 April (`--dayfirst`).
    DayFirst,
    /// `03/04/2024` is March 4 (`--monthfirst`).
    MonthFirst,
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_from_name(word: &str) -> Option<u8> {
    let word = word.trim_end_matches('.').to_lowercase();
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&word) && (word.len() == 3 || *m == word || word == "sept"))
        .map(|i| i as u8 + 1)
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The year, month and day of `2024-03-22`, the usual form, read without
/// the general parser (this runs for every row).
fn iso_day(text: &str) -> Option<(i32, u8, u8)> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| {
        b[range].iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    Some((
        number(0..4)? as i32,
        number(5..7)? as u8,
        number(8..10)? as u8,
    ))
}

/// Drops a time of day after a date: `2024-03-22T10:15:00Z`, `22/03/2024 14:30`,
/// `3/22/2024 2:30 PM`.
fn strip_time(text: &str) -> &str {
    if text.len() > 10
        && text.as_bytes()[10] == b'T'
        && text[..10].bytes().all(|b| b.is_ascii_digit() || b == b'-')
    {
        return &text[..10];
    }
    let mut end = text.len();
    for word in text.rsplit(' ') {
        let is_time = word.contains(':') && word.bytes().all(|b| b.is_ascii_digit() || b == b':');
        let meridiem = word.eq_ignore_ascii_case("am") || word.eq_ignore_ascii_case("pm");
        if word.is_empty() || is_time || meridiem {
            end = end.saturating_sub(word.len() + 1);
        } else {
            break;
        }
    }
    text[..end.min(text.len())].trim_end()
}

impl PartialDate {
    /// Builds a date, checking that the month and day exist.
    pub fn new(year: i32, month: Option<u8>, day: Option<u8>) -> Result<PartialDate, String> {
        if !(1..=9999).contains(&year) {
            return Err(format!("year {year} is out of range"));
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(format!("month {m} does not exist"));
            }
            if let Some(d) = day
                && (d == 0 || d > days_in_month(year, m))
            {
                return Err(format!("{year:04}-{m:02} has no day {d}"));
            }
        } else if day.is_some() {
            return Err("a day without a month".into());
        }
        Ok(PartialDate { year, month, day })
    }

    /// How much of the date is known.
    pub fn precision(&self) -> DatePrecision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => DatePrecision::Day,
            (Some(_), None) => DatePrecision::Month,
            _ => DatePrecision::Year,
        }
    }

    /// The first day the date may mean: `2024-03` starts on 2024-03-01.
    pub fn start(&self) -> PartialDate {
        let month = self.month.unwrap_or(1);
        PartialDate {
            year: self.year,
            month: Some(month),
            day: Some(self.day.unwrap_or(1)),
        }
    }

    /// The last day the date may mean: `2024-02` ends on 2024-02-29.
    pub fn end(&self) -> PartialDate {
        let month = self.month.unwrap_or(12);
        PartialDate {
            year: self.year,
            month: Some(month),
            day: Some(self.day.unwrap_or(days_in_month(self.year, month))),
        }
    }

    /// Parses a date with the default [`DayOrder`] (ambiguous numeric dates are refused).
    /// See [`PartialDate::parse_with`] for the forms understood.
    pub fn parse(text: &str) -> Result<PartialDate, String> {
        PartialDate::parse_with(text, DayOrder::Unknown)
    }

    /// Parses `2024-03-22`, `2024-03`, `2024`, `2024/03/22`, `22 March 2024`,
    /// `March 22, 2024`, `March 2024`, `22-Mar-2024`, `22/03/2024`,
    /// `03/22/2024`, `22.03.2024` and `03/2024`; a time of day after the
    /// date is ignored. `order` settles `03/04/2024`.
    pub fn parse_with(text: &str, order: DayOrder) -> Result<PartialDate, String> {
        let whole = text.trim();
        if let Some((year, month, day)) = iso_day(whole) {
            return PartialDate::new(year, Some(month), Some(day));
        }
        let text = strip_time(whole);
        let bad = || {
            format!(
                "`{}` is not a date (expected YYYY-MM-DD, YYYY-MM, YYYY, 22 March 2024 or 22/03/2024)",
                crate::text::visible(whole)
            )
        };
        if text.is_empty() {
            return Err(bad());
        }
        if text.bytes().any(|b| b.is_ascii_alphabetic()) {
            return parse_words(text).ok_or_else(bad)?;
        }
        let separator = text
            .bytes()
            .find(|b| !b.is_ascii_digit())
            .map(char::from)
            .unwrap_or('-');
        if !matches!(separator, '-' | '/' | '.') {
            return Err(bad());
        }
        let parts: Vec<&str> = text.split(separator).collect();
        if parts.is_empty()
            || parts.len() > 3
            || parts
                .iter()
                .any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(bad());
        }
        let n = |i: usize| -> u32 { parts[i].parse().unwrap_or(0) };
        let small = |v: u32| u8::try_from(v).map_err(|_| bad());
        if parts[0].len() == 4 {
            // Year first: 2024-03-22, 2024/03, 2024.
            let month = (parts.len() > 1).then(|| small(n(1))).transpose()?;
            let day = (parts.len() > 2).then(|| small(n(2))).transpose()?;
            return PartialDate::new(n(0) as i32, month, day);
        }
        if parts.last().is_some_and(|p| p.len() != 4) {
            return Err(
                if parts.len() > 1 && parts.last().is_some_and(|p| p.len() == 2) {
                    format!("`{whole}` has a two-digit year; write the year in full")
                } else {
                    bad()
                },
            );
        }
        match parts.as_slice() {
            [_, _] => PartialDate::new(n(1) as i32, Some(small(n(0))?), None),
            [_, _, year] => {
                let (a, b) = (small(n(0))?, small(n(1))?);
                let year = year.parse::<i32>().map_err(|_| bad())?;
                let (day, month) = if separator == '.' || (a > 12 && b <= 12) {
                    (a, b)
                } else if b > 12 && a <= 12 {
                    (b, a)
                } else if a == b {
                    (a, b)
                } else {
                    match order {
                        DayOrder::DayFirst => (a, b),
                        DayOrder::MonthFirst => (b, a),
                        DayOrder::Unknown => {
                            return Err(format!(
                                "`{whole}` is ambiguous: {a} {} or {} {b}; use --dayfirst or --monthfirst",
                                month_name(b).unwrap_or("?"),
                                month_name(a).unwrap_or("?"),
                            ));
                        }
                    }
                };
                PartialDate::new(year, Some(month), Some(day))
            }
            _ => Err(bad()),
        }
    }
}

fn month_name(m: u8) -> Option<&'static str> {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES.get(usize::from(m).checked_sub(1)?).copied()
}

/// `22 March 2024`, `March 22, 2024`, `March 2024`, `22-Mar-2024`, `22nd March 2024`.
fn parse_words(text: &str) -> Option<Result<PartialDate, String>> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '-' || c == '/')
        .filter(|w| !w.is_empty())
        .collect();
    let is_number = |w: &str| w.starts_with(|c: char| c.is_ascii_digit());
    let (day, month, year) = match words.as_slice() {
        [d, m, y] if is_number(d) => (Some(*d), *m, *y),
        [m, d, y] => (Some(*d), *m, *y),
        [m, y] => (None, *m, *y),
        _ => return None,
    };
    let month = month_from_name(month)?;
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let day = match day {
        Some(d) => {
            let digits = d
                .strip_suffix("st")
                .or_else(|| d.strip_suffix("nd"))
                .or_else(|| d.strip_suffix("rd"))
                .or_else(|| d.strip_suffix("th"))
                .unwrap_or(d);
            if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit())
            {
                return None;
            }
            Some(digits.parse::<u8>().ok()?)
        }
        None => None,
    };
    Some(PartialDate::new(year.parse().ok()?, Some(month), day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u8, d: u8) -> PartialDate {
        PartialDate::new(y, Some(m), Some(d)).unwrap()
    }

    #[test]
    fn iso_and_partial() {
        assert_eq!(PartialDate::parse("2024-03-22").unwrap(), day(2024, 3, 22));
        assert_eq!(PartialDate::parse("2024/03/22").unwrap(), day(2024, 3, 22));
        let month = PartialDate::parse("2024-03").unwrap();
        assert_eq!(month.precision(), DatePrecision::Month);
        assert_eq!(month.to_string(), "2024-03");
        let year = PartialDate::parse("2024").unwrap();
        assert_eq!(year.precision(), DatePrecision::Year);
        assert_eq!(year.start(), day(2024, 1, 1));
        assert_eq!(year.end(), day(2024, 12, 31));
        assert_eq!(
            PartialDate::parse("2024-02").unwrap().end(),
            day(2024, 2, 29)
        );
        assert_eq!(
            PartialDate::parse("2023-02").unwrap().end(),
            day(2023, 2, 28)
        );
    }

    #[test]
    fn month_names() {
        for text in [
            "22 March 2024",
            "March 22, 2024",
            "22-Mar-2024",
            "22nd March 2024",
            "Mar. 22 2024",
        ] {
            assert_eq!(
                PartialDate::parse(text).unwrap(),
                day(2024, 3, 22),
                "{text}"
            );
        }
        let m = PartialDate::parse("September 2024").unwrap();
        assert_eq!((m.month, m.day), (Some(9), None));
        assert!(PartialDate::parse("32 March 2024").is_err());
        assert!(PartialDate::parse("22 Marchember 2024").is_err());
    }

    #[test]
    fn numeric_day_and_month_orders() {
        assert_eq!(PartialDate::parse("22/03/2024").unwrap(), day(2024, 3, 22));
        assert_eq!(PartialDate::parse("03/22/2024").unwrap(), day(2024, 3, 22));
        assert_eq!(PartialDate::parse("22.03.2024").unwrap(), day(2024, 3, 22));
        assert_eq!(PartialDate::parse("22-03-2024").unwrap(), day(2024, 3, 22));
        assert_eq!(PartialDate::parse("05/05/2024").unwrap(), day(2024, 5, 5));
        let err = PartialDate::parse("03/04/2024").unwrap_err();
        assert!(
            err.contains("ambiguous") && err.contains("--dayfirst"),
            "{err}"
        );
        assert!(err.contains("3 April") && err.contains("March 4"), "{err}");
        assert_eq!(
            PartialDate::parse_with("03/04/2024", DayOrder::DayFirst).unwrap(),
            day(2024, 4, 3)
        );
        assert_eq!(
            PartialDate::parse_with("03/04/2024", DayOrder::MonthFirst).unwrap(),
            day(2024, 3, 4)
        );
        // The obvious reading wins over the flag.
        assert_eq!(
            PartialDate::parse_with("22/03/2024", DayOrder::MonthFirst).unwrap(),
            day(2024, 3, 22)
        );
        let m = PartialDate::parse("03/2024").unwrap();
        assert_eq!((m.year, m.month, m.day), (2024, Some(3), None));
        assert!(
            PartialDate::parse("22/03/24")
                .unwrap_err()
                .contains("two-digit year")
        );
        assert!(PartialDate::parse("31/02/2024").is_err());
        assert!(PartialDate::parse("13/13/2024").is_err());
    }

    #[test]
    fn times_are_ignored() {
        assert_eq!(
            PartialDate::parse("2024-03-22T10:15:00Z").unwrap(),
            day(2024, 3, 22)
        );
        assert_eq!(
            PartialDate::parse("22/03/2024 14:30").unwrap(),
            day(2024, 3, 22)
        );
        assert_eq!(
            PartialDate::parse("3/22/2024 2:30 PM").unwrap(),
            day(2024, 3, 22)
        );
    }

    #[test]
    fn impossible_dates_say_why() {
        assert!(
            PartialDate::parse("2023-02-29")
                .unwrap_err()
                .contains("no day 29")
        );
        assert!(
            PartialDate::parse("2024-13")
                .unwrap_err()
                .contains("month 13")
        );
        for text in [
            "",
            "yesterday",
            "2024-03-22-01",
            "12345",
            "2024--03",
            "1/2/3/2024",
        ] {
            assert!(PartialDate::parse(text).is_err(), "{text}");
        }
    }
}
