//! Dates in a sentence ("on May 8", "in early May 2022", "two weeks later",
//! "on Friday") and their resolution against the dates around them.

use chrono::{Datelike, Days, NaiveDate};

use super::document::{Token, TokenKind};
use super::lexicon;
use crate::incident::PartialDate;

/// The date an article's own dates are read against, and whether it is the
/// publication date (nothing told happened after it) or only the latest full
/// date the text mentions (a lower bound of the publication date).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reference {
    /// The date.
    pub date: PartialDate,
    /// Whether it is the publication date (given, or the dateline's).
    pub published: bool,
}

/// What a date expression says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// A date with its year: `9 October 2021`, `May 2022`, `in 2015`.
    Absolute(PartialDate),
    /// A day of a month, year untold: `on 5 September`.
    MonthDay(u8, u8),
    /// A month, year untold: `in August`.
    Month(u8),
    /// A weekday: `on Friday` (0 = Monday).
    Weekday(u32),
    /// Days and months after (positive) or before the anchor: `two weeks later`.
    Shift {
        /// Days to add.
        days: i64,
        /// Months to add.
        months: i64,
    },
    /// Days before the publication date: `today` (0), `yesterday`, `last
    /// night` (1), `three days ago`; against the anchor when the article's
    /// date is not known.
    Ago(i64),
    /// Some days after the anchor: `in the days that followed`; keeps the anchor's month.
    Vague,
    /// The anchor itself: `the same day`.
    Same,
    /// An untold span after or before the anchor: `months later`, `years
    /// earlier`. Dates nothing, but keeps a neighbour's date off the sentence.
    Unknown,
}

/// A date expression and the tokens it spans.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DateExpr {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// What it says.
    pub when: When,
    /// Whether it dates a statement (`officials said on Tuesday`), not an event.
    pub report: bool,
}

impl DateExpr {
    /// Whether the expression gives its own year.
    pub fn is_absolute(&self) -> bool {
        !matches!(
            self.when,
            When::Shift { .. } | When::Vague | When::Same | When::Weekday(_) | When::Unknown
        )
    }
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const LEADS: &[&str] = &[
    "in", "since", "of", "during", "until", "by", "from", "early", "late", "mid", "last", "on",
    "before", "after", "around",
];

/// The month a word names ("March", "Sept", "mid-May"), by the CSV reader's own month names.
fn month_number(word: &str) -> Option<u8> {
    let word = word.strip_prefix("mid-").unwrap_or(word);
    if word.len() < 3 || !word.chars().all(|c| c.is_alphabetic() || c == '.') {
        return None;
    }
    PartialDate::parse(&format!("{word} 2000")).ok()?.month
}

/// Full month names long enough to recognise with a typo in them.
const LONG_MONTHS: [(&str, u8); 7] = [
    ("january", 1),
    ("february", 2),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
];

fn month(t: &Token) -> Option<u8> {
    if !t.is_cap() {
        return None;
    }
    // "On Janaury 30": two letters swapped or one wrong, in a name of the
    // same length ("Augusta" is a town, not August).
    month_number(&t.lower).or_else(|| {
        LONG_MONTHS
            .iter()
            .find(|(name, _)| {
                name.len() == t.lower.len()
                    && name.as_bytes()[0] == t.lower.as_bytes()[0]
                    && strsim::osa_distance(name, &t.lower) == 1
            })
            .map(|&(_, m)| m)
    })
}

/// Whether a lower-case word is a month or a weekday name.
pub fn is_date_word(lower: &str) -> bool {
    WEEKDAYS.contains(&lower)
        || (month_number(lower).is_some() && (lower.len() > 3 || lower == "may"))
}

fn number(t: &Token) -> Option<u32> {
    (t.kind == TokenKind::Number)
        .then(|| t.text.replace(',', "").parse().ok())
        .flatten()
}

fn day(t: Option<&Token>) -> Option<u8> {
    let t = t?;
    let n = number(t).or_else(|| {
        let digits = t.lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        (digits.len() < t.lower.len() && !digits.is_empty())
            .then(|| digits.parse().ok())
            .flatten()
    })?;
    (1..=31).contains(&n).then_some(n as u8)
}

/// `30.08.2016`: a day, a month and a four-digit year joined by dots.
fn dotted(t: &Token) -> Option<PartialDate> {
    let parts: Vec<&str> = t.text.split('.').collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    if d.len() > 2 || m.len() > 2 || y.len() != 4 {
        return None;
    }
    let (d, m, y) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    PartialDate::new(y, Some(m), Some(d)).ok()
}

/// A year written in four digits (1900 to 2100).
pub(super) fn year(t: Option<&Token>) -> Option<i32> {
    let t = t?;
    let n = number(t)?;
    (t.text.len() == 4 && (1900..=2100).contains(&n)).then_some(n as i32)
}

/// A count for "two weeks later": digits, number words, "a".
fn amount(t: &Token) -> Option<i64> {
    number(t).map(i64::from).or_else(|| {
        lexicon::NUMBER_WORDS
            .iter()
            .find(|(w, _)| *w == t.lower)
            .map(|(_, v)| i64::from(*v))
    })
}

/// Words between a speech verb and the date of what was said ("said in a
/// statement on Saturday", "told a news conference on Monday").
const STATEMENT_WORDS: &[&str] = &[
    "in",
    "a",
    "an",
    "the",
    "its",
    "their",
    "his",
    "her",
    "statement",
    "interview",
    "briefing",
    "news",
    "press",
    "conference",
    "release",
    "message",
    "address",
    "televised",
];

/// Whether the lower-case words of `phrase` start at token `at`.
pub(super) fn words(tokens: &[Token], at: usize, phrase: &[&str]) -> bool {
    phrase
        .iter()
        .enumerate()
        .all(|(k, w)| tokens.get(at + k).is_some_and(|t| t.lower == *w))
}

/// Every date expression in a sentence, left to right.
pub fn find(tokens: &[Token]) -> Vec<DateExpr> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some((end, when)) = at(tokens, i) {
            let mut k = i;
            while k > 0 && matches!(tokens[k - 1].lower.as_str(), "on" | "late" | "early" | "in") {
                k -= 1;
            }
            // "said on Saturday", "said in a statement on Saturday".
            while k > 0 && lexicon::contains(STATEMENT_WORDS, &tokens[k - 1].lower) {
                k -= 1;
            }
            let report = k > 0 && lexicon::contains(lexicon::SPEECH_VERBS, &tokens[k - 1].lower);
            out.push(DateExpr {
                start: i,
                end,
                when,
                report,
            });
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// The most words a date alone on its line has ("August 31 1999").
const ALONE_WORDS: usize = 3;

/// The date a sentence is made of, with a month ("August 31 1999",
/// "September 1999"): a chronology's heading for the entry after it.
pub fn alone(tokens: &[Token]) -> Option<DateExpr> {
    let word = |t: &Token| t.kind != TokenKind::Punct;
    // At most "Aug. 31, 1999": a sentence of more words is not read again.
    if tokens.iter().filter(|t| word(t)).count() > ALONE_WORDS {
        return None;
    }
    let first = tokens.iter().position(word)?;
    let last = tokens.iter().rposition(word)?;
    match find(tokens).as_slice() {
        [d] if d.start == first
            && d.end == last + 1
            && match d.when {
                When::Absolute(p) => p.month.is_some(),
                When::MonthDay(..) | When::Month(_) => true,
                _ => false,
            } =>
        {
            Some(*d)
        }
        _ => None,
    }
}

/// A chronology's entry heading: a date alone, or a date and, after a
/// colon, the place it is about ("17 February 2016: Ankara", "21 December
/// 2015: Sabiha Gökçen airport"). The date, and whether a place follows it.
pub fn heading(tokens: &[Token]) -> Option<(DateExpr, bool)> {
    if let Some(d) = alone(tokens) {
        return Some((d, false));
    }
    let colon = tokens.iter().position(|t| t.is(':'))?;
    let (date, place) = (&tokens[..colon], &tokens[colon + 1..]);
    let d = alone(date)?;
    let words = place.iter().filter(|t| t.kind != TokenKind::Punct).count();
    ((1..=4).contains(&words) && place.first().is_some_and(Token::is_cap)).then_some((d, true))
}

/// The date expression starting at token `i`, if any.
fn at(tokens: &[Token], i: usize) -> Option<(usize, When)> {
    let t = &tokens[i];
    let next = tokens.get(i + 1);
    let prev = i.checked_sub(1).map(|p| tokens[p].lower.as_str());
    // 30.08.2016: day, month and year, as datelines in Central Asia write them.
    if let Some(p) = dotted(t) {
        return Some((i + 1, When::Absolute(p)));
    }
    // 9 October 2021 / 9 October
    if let (Some(d), Some(m)) = (day(Some(t)), next.and_then(month)) {
        if let Some(y) = year(tokens.get(i + 2)) {
            return PartialDate::new(y, Some(m), Some(d))
                .ok()
                .map(|p| (i + 3, When::Absolute(p)));
        }
        return Some((i + 2, When::MonthDay(m, d)));
    }
    if let Some(m) = month(t) {
        // AP style: "Jan. 1, 2017", "Sept. 4".
        let dot = usize::from(t.text.len() <= 4 && next.is_some_and(|n| n.is('.')));
        let i = i + dot;
        let next = tokens.get(i + 1);
        // October 9, 2021 / October 9
        if let Some(d) = day(next).filter(|_| year(next).is_none()) {
            let comma = tokens.get(i + 2).is_some_and(|t| t.is(','));
            let y_at = if comma { i + 3 } else { i + 2 };
            if let Some(y) = year(tokens.get(y_at)) {
                return PartialDate::new(y, Some(m), Some(d))
                    .ok()
                    .map(|p| (y_at + 1, When::Absolute(p)));
            }
            // "November 15 and 20, 2003": the year after the second day.
            if tokens
                .get(i + 2)
                .is_some_and(|n| matches!(n.lower.as_str(), "and" | "or" | "to" | "-" | "–"))
                && day(tokens.get(i + 3)).is_some()
            {
                let comma = tokens.get(i + 4).is_some_and(|t| t.is(','));
                if let Some(y) = year(tokens.get(if comma { i + 5 } else { i + 4 })) {
                    return PartialDate::new(y, Some(m), Some(d))
                        .ok()
                        .map(|p| (i + 2, When::Absolute(p)));
                }
            }
            return Some((i + 2, When::MonthDay(m, d)));
        }
        // May 2022 / early May 2022
        if let Some(y) = year(next) {
            return PartialDate::new(y, Some(m), None)
                .ok()
                .map(|p| (i + 2, When::Absolute(p)));
        }
        // "In October of 2013"
        if next.is_some_and(|n| n.lower == "of")
            && let Some(y) = year(tokens.get(i + 2))
        {
            return PartialDate::new(y, Some(m), None)
                .ok()
                .map(|p| (i + 3, When::Absolute(p)));
        }
        // "in November and December 2014": the year of the month after.
        if next.is_some_and(|n| matches!(n.lower.as_str(), "and" | "or" | "to"))
            && tokens.get(i + 2).and_then(month).is_some()
            && let Some(y) = year(tokens.get(i + 3))
        {
            return PartialDate::new(y, Some(m), None)
                .ok()
                .map(|p| (i + 1, When::Absolute(p)));
        }
        // in August; "May saw the country's first suicide bombing".
        let subject = next.is_some_and(|n| {
            matches!(n.lower.as_str(), "saw" | "brought" | "witnessed" | "marked")
        });
        if prev.is_some_and(|p| LEADS.contains(&p)) || t.lower.starts_with("mid-") || subject {
            return Some((i + 1, When::Month(m)));
        }
        return None;
    }
    // in 2015; "the 2010 Moscow subway bombings" (an event word follows:
    // not "the 1966 graduating class").
    let event_follows = || {
        tokens[i + 1..(i + 5).min(tokens.len())]
            .iter()
            .take_while(|n| n.kind == TokenKind::Word)
            .any(|n| {
                lexicon::EVENT_PHRASES
                    .iter()
                    .any(|(phrase, _)| phrase.len() == 1 && phrase[0] == n.lower)
            })
    };
    // "the terrorist acts of 1999 in Tashkent"
    let event_before = || {
        prev == Some("of")
            && i >= 2
            && lexicon::EVENT_PHRASES.iter().any(|(phrase, _)| {
                phrase.last().is_some_and(|w| {
                    tokens[i - 2].lower.trim_end_matches('s') == w.trim_end_matches('s')
                })
            })
    };
    if let Some(y) = year(Some(t))
        && (prev.is_some_and(|p| LEADS.contains(&p))
            || (prev == Some("the") && event_follows())
            || event_before())
    {
        return PartialDate::new(y, None, None)
            .ok()
            .map(|p| (i + 1, When::Absolute(p)));
    }
    if t.is_cap()
        && let Some(w) = WEEKDAYS.iter().position(|w| *w == t.lower)
    {
        return Some((i + 1, When::Weekday(w as u32)));
    }
    for (phrase, days) in [
        (&["the", "day", "before", "yesterday"][..], 2),
        (&["yesterday"], 1),
        (&["last", "night"], 1),
        (&["today"], 0),
        (&["tonight"], 0),
        (&["this", "morning"], 0),
        (&["this", "afternoon"], 0),
        (&["this", "evening"], 0),
        (&["right", "now"], 0),
        (&["the", "last", "24", "hours"], 0),
        (&["the", "past", "24", "hours"], 0),
        (&["the", "last", "few", "hours"], 0),
        (&["the", "past", "few", "hours"], 0),
    ] {
        if words(tokens, i, phrase) {
            return Some((i + phrase.len(), When::Ago(days)));
        }
    }
    for (phrase, days) in [
        (&["the", "next", "day"][..], 1),
        (&["the", "following", "day"], 1),
        (&["a", "day", "later"], 1),
        (&["the", "day", "after"], 1),
        (&["the", "previous", "day"], -1),
        (&["the", "day", "before"], -1),
        (&["a", "day", "earlier"], -1),
        (&["a", "day", "prior"], -1),
        (&["the", "day", "prior"], -1),
    ] {
        if words(tokens, i, phrase) {
            return Some((i + phrase.len(), When::Shift { days, months: 0 }));
        }
    }
    const SAME: &[&[&str]] = &[
        &["the", "same", "day"],
        &["that", "day"],
        &["later", "that", "day"],
        &["earlier", "that", "day"],
        &["at", "the", "same", "time"],
        &["at", "about", "the", "same", "time"],
        &["simultaneously"],
        &["meanwhile"],
    ];
    const VAGUE: &[&[&str]] = &[
        &["in", "the", "days", "that", "followed"],
        &["in", "the", "following", "days"],
        &["in", "the", "following", "weeks"],
        &["over", "the", "following", "days"],
        &["over", "the", "following", "weeks"],
        &["in", "the", "weeks", "that", "followed"],
        &["in", "the", "weeks", "after"],
        &["weeks", "later"],
        &["within", "days"],
        &["days", "later"],
        &["days", "after"],
        &["days", "before"],
    ];
    const UNKNOWN: &[&[&str]] = &[
        &["last", "week"],
        &["last", "weekend"],
        &["earlier", "this", "week"],
        &["months", "later"],
        &["months", "after"],
        &["months", "earlier"],
        &["months", "before"],
        &["years", "later"],
        &["years", "after"],
        &["years", "earlier"],
        &["years", "before"],
    ];
    for (phrases, when) in [
        (SAME, When::Same),
        (VAGUE, When::Vague),
        (UNKNOWN, When::Unknown),
    ] {
        if let Some(phrase) = phrases.iter().find(|p| words(tokens, i, p)) {
            return Some((i + phrase.len(), when));
        }
    }
    // two weeks later, six months earlier
    if let Some(n) = amount(t)
        && let Some(unit) = next
        && let Some(dir) = tokens.get(i + 2)
    {
        if dir.lower == "ago" && matches!(unit.lower.as_str(), "day" | "days") {
            return Some((i + 3, When::Ago(n)));
        }
        let sign = match dir.lower.as_str() {
            "later" | "after" => 1,
            "earlier" | "before" | "prior" | "ago" => -1,
            _ => return None,
        };
        let (days, months) = match unit.lower.as_str() {
            "day" | "days" => (n, 0),
            "week" | "weeks" => (7 * n, 0),
            "month" | "months" => (0, n),
            "year" | "years" => (0, 12 * n),
            _ => return None,
        };
        return Some((
            i + 3,
            When::Shift {
                days: sign * days,
                months: sign * months,
            },
        ));
    }
    None
}

/// Parses a whole text as one date (`9 October 2021`, `October 9, 2021`, `2021-10-09`).
pub fn parse_full(text: &str) -> Option<PartialDate> {
    PartialDate::parse(text).ok().or_else(|| {
        let tokens = super::document::tokenize(text);
        match find(&tokens).first() {
            Some(DateExpr {
                when: When::Absolute(p),
                ..
            }) => Some(*p),
            _ => None,
        }
    })
}

fn naive(p: PartialDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(p.year, u32::from(p.month?), u32::from(p.day?))
}

fn partial(d: NaiveDate) -> PartialDate {
    PartialDate {
        year: d.year(),
        month: Some(d.month() as u8),
        day: Some(d.day() as u8),
    }
}

fn add_months(year: i32, month: u8, months: i64) -> (i32, u8) {
    let total = i64::from(year) * 12 + i64::from(month) - 1 + months;
    (
        total.div_euclid(12) as i32,
        (total.rem_euclid(12) + 1) as u8,
    )
}

/// The year for a month (and day) given without one: the article's year, or
/// the year before when that would put it after the article's date.
fn year_for(month: u8, day: Option<u8>, base: PartialDate) -> i32 {
    match base.month {
        Some(bm) if (month, day.unwrap_or(1)) > (bm, base.day.unwrap_or(31)) => base.year - 1,
        _ => base.year,
    }
}

/// Days after the publication date within which a month and day told
/// without a year are a date to come rather than one of the year before.
const SOON_DAYS: i64 = 31;

/// A month told alone ("in November") is not: it stays the year before's.
fn soon_after(month: u8, day: Option<u8>, published: PartialDate) -> bool {
    let told =
        day.and_then(|d| NaiveDate::from_ymd_opt(published.year, u32::from(month), u32::from(d)));
    let (Some(date), Some(told)) = (naive(published), told) else {
        return false;
    };
    told > date && (told - date).num_days() <= SOON_DAYS
}

/// How far apart two dates may be for a month and day told without a year
/// to take the year of the incident told before, in an article looking back.
const NEAR_DAYS: i64 = 45;

/// The years a text's order gives to months and days told without one: a
/// year told alone on its line heads the dates after it ("2016", then "July
/// 23: ..."); the items of a list of dated entries run back or forward in
/// time ("Feb. 6 – ...", then "Dec. 9 – ...": the December before).
#[derive(Debug, Default)]
pub struct Chronology {
    /// The year of the last heading.
    heading: Option<i32>,
    /// The dates of the list's entries so far, in order.
    entries: Vec<PartialDate>,
}

impl Chronology {
    /// Reads a sentence: a year alone on its line becomes the heading.
    pub fn read(&mut self, tokens: &[Token]) {
        let words: Vec<&Token> = tokens
            .iter()
            .filter(|t| t.kind != TokenKind::Punct)
            .collect();
        if let [t] = words.as_slice()
            && let Some(y) = year(Some(t))
        {
            self.heading = Some(y);
            self.entries.clear();
        }
    }

    /// Whether no entry has been noted since the last heading.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Notes an entry's date (a sentence that opens with its date).
    pub fn entry(&mut self, date: PartialDate) {
        self.entries.push(date);
    }

    /// The year the text's order gives a month (and day) told without one,
    /// in an entry (`entry`) or in running text; `near` is the incident told
    /// before, when the article looks back at a past year.
    pub fn year(
        &self,
        month: u8,
        day: Option<u8>,
        entry: bool,
        near: Option<PartialDate>,
    ) -> Option<i32> {
        if let Some(y) = self.heading {
            return Some(y);
        }
        let md = (month, day.unwrap_or(1));
        let key = |d: &PartialDate| (d.year, d.month.unwrap_or(1), d.day.unwrap_or(1));
        // The list's second entry: the year that puts it nearest the first
        // ("Oct. 19, 2007 – ...", then "Dec. 21 – ...": 2007; "Feb. 6,
        // 2016 – ...", then "Dec. 9 – ...": 2015).
        if entry && let [first] = self.entries.as_slice() {
            let at = |d: &PartialDate| {
                NaiveDate::from_ymd_opt(d.year, u32::from(d.month.unwrap_or(7)), 1)
                    .map(|m| m + chrono::Days::new(u64::from(d.day.unwrap_or(15)) - 1))
            };
            let first = at(first)?;
            return (first.year() - 1..=first.year() + 1)
                .filter_map(|y| Some((y, at(&PartialDate::new(y, Some(month), day).ok()?)?)))
                .min_by_key(|(_, d)| (*d - first).num_days().abs())
                .map(|(y, _)| y);
        }
        if entry && let [.., a, b] = self.entries.as_slice() {
            let before = (b.month.unwrap_or(1), b.day.unwrap_or(1));
            return match key(b).cmp(&key(a)) {
                std::cmp::Ordering::Less => Some(if md > before { b.year - 1 } else { b.year }),
                std::cmp::Ordering::Greater => Some(if md < before { b.year + 1 } else { b.year }),
                std::cmp::Ordering::Equal => None,
            };
        }
        let near = near.and_then(naive)?;
        let day = day?;
        (near.year() - 1..=near.year() + 1)
            .filter_map(|y| NaiveDate::from_ymd_opt(y, u32::from(month), u32::from(day)))
            .find(|d| (*d - near).num_days().abs() <= NEAR_DAYS)
            .map(|d| d.year())
    }
}

/// The year for a month (and day) given without one. Against a publication
/// date: its year, or the year before for a later month. Against only the
/// latest date the text mentions: the first such date on or after the
/// incident told before (articles tell events in order), within that date's
/// year, else that date's year.
fn year_of(
    month: u8,
    day: Option<u8>,
    anchor: Option<PartialDate>,
    reference: Option<Reference>,
) -> Option<i32> {
    match (reference, anchor) {
        // "to boycott the 8 April elections" in news of 27 March, with no
        // date told before it: a date to come, which dates no incident.
        (Some(r), None) if r.published && soon_after(month, day, r.date) => None,
        (Some(r), _) if r.published => Some(year_for(month, day, r.date)),
        (Some(r), Some(a)) => {
            let after = (month, day.unwrap_or(31)) >= (a.month.unwrap_or(1), a.day.unwrap_or(1));
            let forward = if after { a.year } else { a.year + 1 };
            Some(if forward <= r.date.year {
                forward
            } else {
                r.date.year
            })
        }
        (Some(r), None) => Some(r.date.year),
        (None, Some(a)) => Some(year_for(month, day, a)),
        (None, None) => None,
    }
}

/// The other day of two told with one month ("November 15 and 20, 2003:",
/// "on 29 and 30 January"): `d` with that day, or `None`.
pub fn paired_day(tokens: &[Token], d: &DateExpr) -> Option<DateExpr> {
    let with_day = |n: u8| match d.when {
        When::Absolute(p) if p.day.is_some() => PartialDate::new(p.year, p.month, Some(n))
            .ok()
            .map(When::Absolute),
        When::MonthDay(m, _) => Some(When::MonthDay(m, n)),
        _ => None,
    };
    let is = |k: usize, word: &str| tokens.get(k).is_some_and(|t| t.lower == word);
    // "November 15 and 20, 2003:", "November 15 and 20:": not "and 20 people".
    let after = is(d.end, "and")
        && tokens
            .get(d.end + 2)
            .is_none_or(|t| t.is(',') || t.is(':') || t.is('.') || year(Some(t)).is_some());
    let second = if after {
        day(tokens.get(d.end + 1))
    } else if d.start >= 2
        && is(d.start - 1, "and")
        && (d.start == 2 || matches!(tokens[d.start - 3].lower.as_str(), "on" | "between"))
    {
        day(tokens.get(d.start - 2))
    } else {
        None
    }?;
    Some(DateExpr {
        when: with_day(second)?,
        ..*d
    })
}

/// Resolves an expression: relative ones against `anchor` (the date of the
/// incident being told) or else the reference date; weekdays against a
/// publication date first; months without a year by [`year_of`].
pub fn resolve(
    when: When,
    anchor: Option<PartialDate>,
    reference: Option<Reference>,
) -> Option<PartialDate> {
    let published = reference.filter(|r| r.published).map(|r| r.date);
    let base = anchor.or(reference.map(|r| r.date));
    match when {
        When::Absolute(p) => Some(p),
        When::MonthDay(m, d) => {
            PartialDate::new(year_of(m, Some(d), anchor, reference)?, Some(m), Some(d)).ok()
        }
        When::Month(m) => {
            PartialDate::new(year_of(m, None, anchor, reference)?, Some(m), None).ok()
        }
        When::Weekday(w) => {
            if let Some(d) = published.and_then(naive) {
                let back = (7 + d.weekday().num_days_from_monday() - w) % 7;
                return d.checked_sub_days(Days::new(u64::from(back))).map(partial);
            }
            // Not against only the latest date told: it may be weeks away.
            let d = anchor.and_then(naive)?;
            let diff = (7 + w - d.weekday().num_days_from_monday()) % 7;
            let found = if diff <= 3 {
                d.checked_add_days(Days::new(u64::from(diff)))
            } else {
                d.checked_sub_days(Days::new(u64::from(7 - diff)))
            };
            found.map(partial)
        }
        When::Shift { days, months } => {
            // "Two years later" from nothing told before is no date: not
            // after the article's own date.
            let b = if days > 0 || months > 0 {
                anchor?
            } else {
                base?
            };
            match (naive(b), b.month) {
                (Some(d), _) if months == 0 => {
                    let moved = if days >= 0 {
                        d.checked_add_days(Days::new(days as u64))
                    } else {
                        d.checked_sub_days(Days::new(days.unsigned_abs()))
                    };
                    moved.map(partial)
                }
                (_, Some(m)) => {
                    let (y, m) =
                        add_months(b.year, m, months + (days as f64 / 30.0).round() as i64);
                    PartialDate::new(y, Some(m), None).ok()
                }
                _ => PartialDate::new(b.year + (months as f64 / 12.0).round() as i32, None, None)
                    .ok(),
            }
        }
        When::Ago(days) => {
            let b = published.or(base)?;
            match naive(b) {
                Some(d) => d
                    .checked_sub_days(Days::new(days.unsigned_abs()))
                    .map(partial),
                None => Some(b),
            }
        }
        When::Vague => {
            let b = base?;
            PartialDate::new(b.year, b.month, None).ok()
        }
        When::Same => base,
        When::Unknown => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::document::tokenize;

    fn date(s: &str) -> PartialDate {
        PartialDate::parse(s).unwrap()
    }

    fn first(text: &str, anchor: Option<&str>, published: Option<&str>) -> Option<String> {
        let tokens = tokenize(text);
        let found = find(&tokens);
        let e = found.first()?;
        let reference = published.map(|p| Reference {
            date: date(p),
            published: true,
        });
        resolve(e.when, anchor.map(date), reference).map(|d| d.to_string())
    }

    #[test]
    fn months_follow_the_order_of_events_against_the_latest_date_told() {
        let latest = Some(Reference {
            date: date("2024-01-02"),
            published: false,
        });
        let month = |text: &str, anchor: Option<&str>| {
            let found = find(&tokenize(text));
            resolve(found[0].when, anchor.map(date), latest).map(|d| d.to_string())
        };
        // After an incident of November 2023, June is the next year's.
        assert_eq!(month("In June", Some("2023-11")).unwrap(), "2024-06");
        assert_eq!(month("In December", Some("2023-11")).unwrap(), "2023-12");
        // Not past the latest date's year.
        assert_eq!(month("in March", Some("2024-01-02")).unwrap(), "2024-03");
        assert_eq!(month("in March", None).unwrap(), "2024-03");
        assert_eq!(
            month("on February 15", Some("2023-05")).unwrap(),
            "2024-02-15"
        );
        // A weekday needs an incident told beside it, or a publication date.
        assert_eq!(month("on Friday", None), None);
        assert_eq!(
            month("on Friday", Some("2024-01-02")).unwrap(),
            "2024-01-05"
        );
    }

    #[test]
    fn absolute_dates_keep_their_precision() {
        assert_eq!(
            first("on 9 October 2021 at noon", None, None).unwrap(),
            "2021-10-09"
        );
        assert_eq!(
            first("on October 9, 2021", None, None).unwrap(),
            "2021-10-09"
        );
        assert_eq!(
            first("in early May 2022 the", None, None).unwrap(),
            "2022-05"
        );
        assert_eq!(first("defected in 2015", None, None).unwrap(), "2015");
        assert_eq!(first("he may go", None, None), None);
        assert_eq!(first("shortly after 1 a.m. on", None, None), None);
    }

    #[test]
    fn partial_dates_take_the_year_of_the_article() {
        assert_eq!(
            first("on May 8 a bomb", None, Some("2022-10-01")).unwrap(),
            "2022-05-08"
        );
        assert_eq!(
            first("On 5 September", None, Some("2022-10-01")).unwrap(),
            "2022-09-05"
        );
        // A month after the article's date is last year's.
        assert_eq!(
            first("in November", None, Some("2022-10-01")).unwrap(),
            "2021-11"
        );
        // A day soon after it, with nothing told before, is to come: no date.
        assert_eq!(
            first("the 8 October elections", None, Some("2022-10-01")),
            None
        );
        assert_eq!(
            first("on 8 December", None, Some("2022-10-01")).unwrap(),
            "2021-12-08"
        );
    }

    #[test]
    fn relative_dates_are_anchored() {
        for (text, anchor, published, want) in [
            (
                "two weeks later",
                Some("2024-01-03"),
                None,
                Some("2024-01-17"),
            ),
            ("A week later", Some("2021-10-08"), None, Some("2021-10-15")),
            ("The next day", Some("2024-03-22"), None, Some("2024-03-23")),
            (
                "six months earlier",
                Some("2019-05-19"),
                None,
                Some("2018-11"),
            ),
            ("the next day", Some("2022-04"), None, Some("2022-04")),
            (
                "in the days that followed",
                Some("2024-01-03"),
                None,
                Some("2024-01"),
            ),
            // The Friday before a Saturday dateline.
            (
                "during Friday prayers",
                None,
                Some("2021-10-09"),
                Some("2021-10-08"),
            ),
            ("two weeks later", None, None, None),
        ] {
            assert_eq!(first(text, anchor, published).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn dates_of_statements_are_marked() {
        let tokens = tokenize("officials said on Tuesday that");
        assert!(find(&tokens)[0].report);
    }
}
