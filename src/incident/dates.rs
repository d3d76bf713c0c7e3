//! Dates as incident data writes them: ISO, partial (`2024-03`, `2024`), with
//! month names (`22 March 2024`, `March 22, 2024`, `22-Mar-2024`) and numeric
//! (`22/03/2024`, `03/22/2024`, `22.03.2024`), each kept at its own precision.

use std::borrow::Cow;
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

/// Month names and abbreviations in the languages of the sources incimap's
/// users read: English, German, French, Russian (nominative and genitive)
/// and Turkish (with and without its letters), lower case, with their month.
/// Any other three-letter beginning of a name counts when it names one month
/// only (`mär`, `фев`, `eyl`).
#[rustfmt::skip]
const MONTH_NAMES: &[(&str, u8)] = &[
    ("january", 1), ("jänner", 1), ("januar", 1), ("janvier", 1), ("janv", 1), ("январь", 1), ("января", 1), ("ocak", 1),
    ("february", 2), ("februar", 2), ("février", 2), ("fevrier", 2), ("févr", 2), ("fevr", 2), ("февраль", 2), ("февраля", 2), ("февр", 2), ("şubat", 2), ("subat", 2),
    ("march", 3), ("märz", 3), ("maerz", 3), ("marz", 3), ("mars", 3), ("март", 3), ("марта", 3), ("mart", 3),
    ("april", 4), ("avril", 4), ("апрель", 4), ("апреля", 4), ("nisan", 4),
    ("may", 5), ("mai", 5), ("май", 5), ("мая", 5), ("mayıs", 5), ("mayis", 5),
    ("june", 6), ("juni", 6), ("juin", 6), ("июнь", 6), ("июня", 6), ("haziran", 6),
    ("july", 7), ("juli", 7), ("juillet", 7), ("juil", 7), ("июль", 7), ("июля", 7), ("temmuz", 7),
    ("august", 8), ("août", 8), ("aout", 8), ("август", 8), ("августа", 8), ("ağustos", 8), ("agustos", 8),
    ("september", 9), ("sept", 9), ("septembre", 9), ("сентябрь", 9), ("сентября", 9), ("сент", 9), ("eylül", 9), ("eylul", 9),
    ("october", 10), ("oktober", 10), ("octobre", 10), ("октябрь", 10), ("октября", 10), ("ekim", 10),
    ("november", 11), ("novembre", 11), ("ноябрь", 11), ("ноября", 11), ("нояб", 11), ("kasım", 11), ("kasim", 11),
    ("december", 12), ("dezember", 12), ("décembre", 12), ("decembre", 12), ("декабрь", 12), ("декабря", 12), ("aralık", 12), ("aralik", 12),
];

/// The month a word names, in any language of [`MONTH_NAMES`]: a whole
/// name, a listed abbreviation, or three letters that begin one month's names.
fn month_from_name(word: &str) -> Option<u8> {
    let word = word.trim_end_matches('.').to_lowercase();
    if let Some(&(_, month)) = MONTH_NAMES.iter().find(|(name, _)| *name == word) {
        return Some(month);
    }
    if word.chars().count() != 3 {
        return None;
    }
    let mut months = MONTH_NAMES
        .iter()
        .filter(|(name, _)| name.starts_with(&word))
        .map(|&(_, month)| month);
    let first = months.next()?;
    months.all(|m| m == first).then_some(first)
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
        let clock = word.trim_end_matches(['Z', 'z']);
        let is_time = clock.contains(':')
            && clock
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b':' || b == b'.');
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

    /// Parses `2024-03-22`, `2024-03`, `2024`, `2024/03/22`, `20240322`,
    /// `22 March 2024`, `March 22, 2024`, `March 2024`, `22-Mar-2024`,
    /// `9-Feb-68`, `22/03/2024`, `03/22/2024`, `22.03.2024` and `03/2024`,
    /// with month names in English, German, French, Russian or Turkish and
    /// digits Western or Persian; a time of day after the date (with
    /// fractional seconds or not) is ignored. `order` settles `03/04/2024`.
    /// Two-digit years are read as Excel reads them ([`two_digit_year`]).
    pub fn parse_with(text: &str, order: DayOrder) -> Result<PartialDate, String> {
        parse_single(text, order).map(|(date, _)| date)
    }
}

/// A date cell as read: one date, or a span from `date` to `end`, maybe
/// approximate (`c. 2019`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateRead {
    /// The date, or the first date of a span.
    pub date: PartialDate,
    /// The last date of a span (`2019-08-17/2019-08-20`), if the cell is one.
    pub end: Option<PartialDate>,
    /// Whether the cell said the date is approximate (`c.`, `circa`, `approx.`, `~`).
    pub approximate: bool,
    /// Whether a year was written with two digits (read by [`two_digit_year`]).
    pub two_digit_year: bool,
    /// Whether the cell was an Excel serial day number (`43694`), read by [`excel_serial`].
    pub excel_serial: bool,
}

/// The day an Excel serial number means in Excel's 1900 date system (days
/// since 1899-12-30, past its phantom 1900-02-29), for the five-digit
/// serials of 1954-2119 (20000-80000) only: other numbers are not taken
/// for dates.
pub fn excel_serial(text: &str) -> Option<PartialDate> {
    use chrono::{Datelike, Days, NaiveDate};
    let text = text.trim();
    let serial: u64 = text
        .strip_suffix(".0")
        .unwrap_or(text)
        .parse()
        .ok()
        .filter(|n| (20_000..=80_000).contains(n))?;
    let d = NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(Days::new(serial))?;
    PartialDate::new(d.year(), Some(d.month() as u8), Some(d.day() as u8)).ok()
}

/// How to read date cells: the order of ambiguous numeric dates, and the
/// user's own formats (`--date-format`), tried before the built-in forms.
#[derive(Clone, Debug, Default)]
pub struct DateRules {
    /// How to read `03/04/2024` (`--dayfirst`, `--monthfirst`).
    pub order: DayOrder,
    /// strftime formats (chrono's), e.g. `%d.%m.%y` or `%Y%m`.
    pub formats: Vec<String>,
}

/// Words and signs that mark a value as approximate, lower case, longest first.
const APPROXIMATE: &[&str] = &[
    "approximately",
    "approx.",
    "approx",
    "circa",
    "about",
    "around",
    "ca.",
    "c.",
    "ca ",
    "c ",
    "~",
    "≈",
];

/// Removes a mark of approximation (`c. 2019`, `circa 1990`, `approx. 10`,
/// `~12`, `2019~`, `2019?`) and says whether there was one.
pub fn strip_approximate(text: &str) -> (&str, bool) {
    let text = text.trim();
    for mark in APPROXIMATE {
        if let Some(head) = text.get(..mark.len())
            && head.eq_ignore_ascii_case(mark)
        {
            return (text[mark.len()..].trim_start(), true);
        }
    }
    match text.strip_suffix(['~', '?']) {
        Some(rest) => (rest.trim_end(), true),
        None => (text, false),
    }
}

/// Checks a `--date-format` value: a strftime format chrono understands
/// with at least a year in it.
pub fn check_date_format(format: &str) -> Result<String, String> {
    use chrono::format::{Item, StrftimeItems};
    if StrftimeItems::new(format).any(|item| matches!(item, Item::Error)) {
        return Err(format!(
            "`{format}` is not a strftime format (e.g. %d.%m.%Y)"
        ));
    }
    if !["%Y", "%y", "%G", "%C", "%F", "%D", "%x"]
        .iter()
        .any(|y| format.contains(y))
    {
        return Err(format!("`{format}` has no year (%Y or %y)"));
    }
    Ok(format.to_string())
}

/// Reads a date with a user's strftime format: a day, or a month when the
/// format has no day (`%Y%m`, `%B %Y`).
fn parse_format(text: &str, format: &str) -> Option<PartialDate> {
    use chrono::{Datelike, NaiveDate, NaiveDateTime};
    let day = |d: NaiveDate| PartialDate::new(d.year(), Some(d.month() as u8), Some(d.day() as u8));
    if let Ok(d) = NaiveDate::parse_from_str(text, format) {
        return day(d).ok();
    }
    if let Ok(t) = NaiveDateTime::parse_from_str(text, format) {
        return day(t.date()).ok();
    }
    let has_day = ["%d", "%e", "%j", "%F", "%D", "%x", "%c", "%+"]
        .iter()
        .any(|d| format.contains(d));
    if has_day {
        return None;
    }
    let d = NaiveDate::parse_from_str(&format!("{text} 1"), &format!("{format} %d")).ok()?;
    PartialDate::new(d.year(), Some(d.month() as u8), None).ok()
}

impl DateRules {
    /// Reads a date cell: the user's formats first, then every form
    /// [`PartialDate::parse_with`] knows; a mark of approximation is kept
    /// ([`strip_approximate`]); a range (`2019-08-17/2019-08-20`,
    /// `17–20 August 2019`, `March to May 2024`) is a span.
    pub fn read(&self, text: &str) -> Result<DateRead, String> {
        // Most cells of large exports are plain ISO days: read them before
        // looking for ranges and marks of approximation.
        if self.formats.is_empty()
            && let Some((year, month, day)) = iso_day(text.trim())
        {
            return Ok(DateRead {
                date: PartialDate::new(year, Some(month), Some(day))?,
                end: None,
                approximate: false,
                two_digit_year: false,
                excel_serial: false,
            });
        }
        let (text, approximate) = strip_approximate(text);
        if let Some(read) = self.read_range(text) {
            return read.map(|r| DateRead { approximate, ..r });
        }
        if let Some(date) = excel_serial(text)
            && self.formats.iter().all(|f| parse_format(text, f).is_none())
        {
            return Ok(DateRead {
                date,
                end: None,
                approximate,
                two_digit_year: false,
                excel_serial: true,
            });
        }
        let (date, two_digit_year) = self.read_one(text)?;
        Ok(DateRead {
            date,
            end: None,
            approximate,
            two_digit_year,
            excel_serial: false,
        })
    }

    fn read_one(&self, text: &str) -> Result<(PartialDate, bool), String> {
        let text = text.trim();
        if let Some(date) = self.formats.iter().find_map(|f| parse_format(text, f)) {
            return Ok((date, false));
        }
        parse_single(text, self.order)
    }

    /// A range, if `text` is one: `None` when it has no range separator,
    /// or only a `/` that does not part two dates (`22/03/2024`).
    fn read_range(&self, text: &str) -> Option<Result<DateRead, String>> {
        const SEPARATORS: [&str; 7] = [" to ", " until ", " - ", "–", "—", " au ", "/"];
        // Byte offsets of the lower-case text are the text's own only when
        // lower-casing kept every length; `to` is ASCII, so look in ASCII.
        let lower = text.to_ascii_lowercase();
        let (at, separator) = SEPARATORS
            .iter()
            .find_map(|s| lower.find(s).map(|at| (at, *s)))?;
        if separator == "/" && text.matches('/').count() != 1 {
            return None;
        }
        let (first, last) = (text[..at].trim(), text[at + separator.len()..].trim());
        let end = self.read_one(last);
        let start = match &end {
            Ok((end, _)) => self.read_one(first).or_else(|e| {
                // `17–20 August 2019`, `17 Aug - 20 Aug 2019`: the end's month and year.
                let day = first.parse::<u8>().ok().filter(|_| end.day.is_some());
                match day {
                    Some(d) => PartialDate::new(end.year, end.month, Some(d)).map(|d| (d, false)),
                    None => self
                        .read_one(&format!("{first} {}", end.year))
                        .map_err(|_| e),
                }
            }),
            Err(e) => Err(e.clone()),
        };
        let ((start, short_a), (end, short_b)) = match (start, end) {
            (Ok(a), Ok(b)) => (a, b),
            _ if separator == "/" => return None,
            (Err(e), _) | (_, Err(e)) => return Some(Err(e)),
        };
        if end.end() < start.start() {
            return Some(Err(format!("`{text}` ends before it starts")));
        }
        Some(Ok(DateRead {
            date: start,
            end: (end != start).then_some(end),
            approximate: false,
            two_digit_year: short_a || short_b,
            excel_serial: false,
        }))
    }
}

/// The year a two-digit year means, as Excel and most spreadsheets read it:
/// 00-29 are 2000-2029, 30-99 are 1930-1999 (`9-Feb-68` is 1968).
pub fn two_digit_year(yy: u32) -> i32 {
    if yy < 30 {
        2000 + yy as i32
    } else {
        1900 + yy as i32
    }
}

/// Persian (`۱۴۰۲`) and Arabic-Indic (`١٢`) digits as ASCII digits.
fn western_digits(text: &str) -> Cow<'_, str> {
    let eastern = |c: char| matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}');
    if !text.chars().any(eastern) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
                '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
                c => c,
            })
            .collect(),
    )
}

/// Parses one date (not a range) and says whether its year had two digits.
fn parse_single(text: &str, order: DayOrder) -> Result<(PartialDate, bool), String> {
    let digits = western_digits(text.trim());
    let whole = digits.as_ref();
    if let Some((year, month, day)) = iso_day(whole) {
        return PartialDate::new(year, Some(month), Some(day)).map(|d| (d, false));
    }
    let text = strip_time(whole);
    let bad = || {
        format!(
            "`{}` is not a date (expected YYYY-MM-DD, YYYY-MM, YYYY, 22 March 2024 or 22/03/2024; --date-format reads others)",
            crate::text::visible(whole)
        )
    };
    if text.is_empty() {
        return Err(bad());
    }
    if text.bytes().any(|b| b.is_ascii_alphabetic()) || !text.is_ascii() {
        return parse_words(text).ok_or_else(bad)?;
    }
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        // 20240322, as GDELT and many databases write dates.
        let n = |r: std::ops::Range<usize>| text[r].parse::<u32>().unwrap_or(0);
        let (month, day) = (n(4..6) as u8, n(6..8) as u8);
        return PartialDate::new(n(0..4) as i32, Some(month), Some(day)).map(|d| (d, false));
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
        return PartialDate::new(n(0) as i32, month, day).map(|d| (d, false));
    }
    let last = parts.len() - 1;
    let short_year = parts.len() == 3 && parts[last].len() == 2;
    if parts[last].len() != 4 && !short_year {
        return Err(bad());
    }
    let year = if short_year {
        two_digit_year(n(last))
    } else {
        n(last) as i32
    };
    match parts.as_slice() {
        [_, _] => PartialDate::new(year, Some(small(n(0))?), None),
        [_, _, _] => {
            let (a, b) = (small(n(0))?, small(n(1))?);
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
    .map(|d| (d, short_year))
}

/// The English name of month `m` (1 = January).
pub fn month_name(m: u8) -> Option<&'static str> {
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

/// `22 March 2024`, `March 22, 2024`, `March 2024`, `22-Mar-2024`,
/// `22nd March 2024`, `9-Feb-68`, `22. März 2024`, `22 марта 2024 г.`,
/// `1er mars 2024`; says whether the year had two digits.
fn parse_words(text: &str) -> Option<Result<(PartialDate, bool), String>> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '-' || c == '/')
        .filter(|w| !w.is_empty() && !matches!(*w, "г." | "г" | "года" | "de"))
        .collect();
    let is_number = |w: &str| w.starts_with(|c: char| c.is_ascii_digit());
    let (day, month, year) = match words.as_slice() {
        [d, m, y] if is_number(d) => (Some(*d), *m, *y),
        [m, d, y] => (Some(*d), *m, *y),
        [m, y] => (None, *m, *y),
        _ => return None,
    };
    let month = month_from_name(month)?;
    let digits = |w: &str, max: usize| w.len() <= max && w.bytes().all(|b| b.is_ascii_digit());
    // A two-digit year only with a day: `Mar 24` may be a day without a year.
    let short_year = day.is_some() && year.len() == 2 && digits(year, 2);
    if !(short_year || (year.len() == 4 && digits(year, 4))) {
        return None;
    }
    let year: u32 = year.parse().ok()?;
    let year = if short_year {
        two_digit_year(year)
    } else {
        year as i32
    };
    let day = match day {
        Some(d) => {
            let d = d.trim_end_matches('.');
            let digits_only = ["st", "nd", "rd", "th", "er"]
                .iter()
                .find_map(|suffix| d.strip_suffix(suffix))
                .unwrap_or(d);
            if digits_only.is_empty() || !digits(digits_only, 2) {
                return None;
            }
            Some(digits_only.parse::<u8>().ok()?)
        }
        None => None,
    };
    Some(PartialDate::new(year, Some(month), day).map(|d| (d, short_year)))
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
        assert_eq!(PartialDate::parse("22/03/24").unwrap(), day(2024, 3, 22));
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

    fn month(y: i32, m: u8) -> PartialDate {
        PartialDate::new(y, Some(m), None).unwrap()
    }

    fn read(text: &str) -> DateRead {
        DateRules::default()
            .read(text)
            .unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn database_forms() {
        for text in [
            "2019-08-17 00:00:00.000",
            "2019-08-17T00:00:00.000Z",
            "2019-08-17 00:00:00Z",
            "20190817",
            "۲۰۱۹-۰۸-۱۷",
            "17.08.2019 13:05:59.5",
        ] {
            assert_eq!(read(text).date, day(2019, 8, 17), "{text}");
        }
        assert!(DateRules::default().read("20191317").is_err());
        assert!(DateRules::default().read("2019081").is_err());
    }

    #[test]
    fn excel_serials() {
        let r = read("43694");
        assert_eq!((r.date, r.excel_serial), (day(2019, 8, 17), true));
        assert_eq!(read("43694.0").date, day(2019, 8, 17));
        assert_eq!(read("45373").date, day(2024, 3, 22));
        assert!(DateRules::default().read("12345").is_err());
        assert!(!read("2019").excel_serial);
    }

    #[test]
    fn two_digit_years_pivot_like_excel() {
        let r = read("9-Feb-68");
        assert_eq!((r.date, r.two_digit_year), (day(1968, 2, 9), true));
        assert_eq!(read("22/03/24").date, day(2024, 3, 22));
        assert_eq!(read("1-Jan-29").date.year, 2029);
        assert_eq!(read("1-Jan-30").date.year, 1930);
        assert!(!read("9-Feb-1968").two_digit_year);
        // Ambiguity still needs a flag.
        assert!(DateRules::default().read("03/04/24").is_err());
    }

    #[test]
    fn month_names_in_the_sources_languages() {
        for (text, want) in [
            ("Mai 2024", month(2024, 5)),
            ("mars 2024", month(2024, 3)),
            ("22. März 2024", day(2024, 3, 22)),
            ("22 марта 2024 г.", day(2024, 3, 22)),
            ("Март 2024", month(2024, 3)),
            ("1er août 2024", day(2024, 8, 1)),
            ("14 Şubat 2024", day(2024, 2, 14)),
            ("14 Kasım 2023", day(2023, 11, 14)),
            ("3 févr. 2024", day(2024, 2, 3)),
            ("Eyl 2020", month(2020, 9)),
        ] {
            assert_eq!(read(text).date, want, "{text}");
        }
        // `jui` begins both juin and juillet: not a month.
        assert!(DateRules::default().read("jui 2024").is_err());
    }

    #[test]
    fn approximate_dates_keep_their_precision() {
        for text in [
            "c. 2019",
            "circa 2019",
            "approx. 2019",
            "ca. 2019",
            "~2019",
            "2019?",
        ] {
            let r = read(text);
            assert_eq!(
                r.date,
                PartialDate::new(2019, None, None).unwrap(),
                "{text}"
            );
            assert!(r.approximate, "{text}");
        }
        assert!(!read("2019").approximate);
    }

    #[test]
    fn ranges_are_spans() {
        for text in [
            "2019-08-17/2019-08-20",
            "2019-08-17 – 2019-08-20",
            "2019-08-17 to 2019-08-20",
            "17–20 August 2019",
            "17 Aug - 20 Aug 2019",
        ] {
            let r = read(text);
            assert_eq!(
                (r.date, r.end),
                (day(2019, 8, 17), Some(day(2019, 8, 20))),
                "{text}"
            );
        }
        let r = read("March to May 2024");
        assert_eq!((r.date, r.end), (month(2024, 3), Some(month(2024, 5))));
        let r = read("c. 1990/1992");
        assert!(r.approximate && r.end == PartialDate::new(1992, None, None).ok());
        // A slash that is a date's own is no range.
        assert_eq!(read("22/03/2024").end, None);
        assert_eq!(read("03/2024").date, month(2024, 3));
        let err = DateRules::default()
            .read("2019-08-20/2019-08-17")
            .unwrap_err();
        assert!(err.contains("ends before it starts"), "{err}");
    }

    #[test]
    fn user_formats_come_first() {
        let rules = DateRules {
            formats: vec!["%d.%m.%Y".into(), "%Y%m".into(), "%m-%d-%Y".into()],
            ..DateRules::default()
        };
        assert_eq!(rules.read("03-04-2024").unwrap().date, day(2024, 3, 4));
        assert_eq!(rules.read("202403").unwrap().date, month(2024, 3));
        assert_eq!(rules.read("2024-03-22").unwrap().date, day(2024, 3, 22));
        assert!(check_date_format("%d.%m.%Y").is_ok());
        assert!(check_date_format("%d.%m").unwrap_err().contains("no year"));
        assert!(check_date_format("%Q").is_err());
    }
}
