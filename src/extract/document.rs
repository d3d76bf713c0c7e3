//! The article as text: Markdown or plain text into blocks, the dateline,
//! sentences and word tokens.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::dates::{self, DateExpr, Reference, When};
use crate::incident::PartialDate;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (with inner hyphens and apostrophes).
    Word,
    /// Digits (with inner commas or points).
    Number,
    /// Any other single character.
    Punct,
}

/// One token of a sentence.
#[derive(Clone, Debug)]
pub struct Token {
    /// As written.
    pub text: String,
    /// Lower case, possessive ending removed.
    pub lower: String,
    /// Word, number or punctuation.
    pub kind: TokenKind,
    /// Byte offset in the sentence's text.
    pub at: usize,
}

impl Token {
    /// A word starting with a capital letter.
    pub fn is_cap(&self) -> bool {
        self.kind == TokenKind::Word && self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether the word ends in `'s` or a bare apostrophe.
    pub fn possessive(&self) -> bool {
        self.kind == TokenKind::Word && self.stem().len() < self.text.len()
    }

    /// The word without a possessive ending.
    pub fn stem(&self) -> &str {
        let t = self.text.as_str();
        for end in ["'s", "’s", "'S", "’S", "'", "’"] {
            if let Some(s) = t.strip_suffix(end) {
                return s;
            }
        }
        t
    }

    /// Whether the token is this punctuation character.
    pub fn is(&self, c: char) -> bool {
        self.kind == TokenKind::Punct && self.text.starts_with(c)
    }
}

/// Where a sentence sits in the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// A heading or title line.
    Headline,
    /// The place of a dateline ("KABUL, 9 October 2021 —").
    Dateline,
    /// The body.
    Body,
}

/// One sentence.
#[derive(Clone, Debug)]
pub struct Sentence {
    /// The text, cleaned.
    pub text: String,
    /// Its tokens.
    pub tokens: Vec<Token>,
    /// The paragraph (block) it is in.
    pub block: usize,
    /// Headline, dateline or body.
    pub part: Part,
    /// Its source citations: `(Radio Ozodi, February 15)`, `(see ...)`.
    pub citations: Vec<Citation>,
}

/// A source cited in parentheses: `(Outlet, Month Day[, Year])` or `(see ...)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Citation {
    /// The opening parenthesis.
    pub start: usize,
    /// One past the closing parenthesis.
    pub end: usize,
    /// The outlet or work cited, as written (`Radio Ozodi`, `X.com/...`).
    pub outlet: String,
    /// The date of the source, when given: the day it reported, not the event's.
    pub date: Option<DateExpr>,
}

impl Sentence {
    /// Whether the sentence ends with a photo credit ("... in northwest
    /// Pakistan [GALLO/GETTY]", "... in Tashkent (AFP)"): a caption.
    pub fn credited(&self) -> bool {
        let text = self.text.trim_end_matches(['.', ' ']);
        [('[', ']'), ('(', ')')].iter().any(|&(open, close)| {
            text.strip_suffix(close)
                .and_then(|t| t.rfind(open).map(|at| &t[at + 1..]))
                .is_some_and(photo_credit)
        })
    }

    /// Whether token `k` is inside a citation.
    pub fn cited(&self, k: usize) -> bool {
        self.citations.iter().any(|c| (c.start..c.end).contains(&k))
    }
}

/// The article, split up.
#[derive(Clone, Debug)]
pub struct Document {
    /// Every sentence in reading order.
    pub sentences: Vec<Sentence>,
    /// The date of the dateline, if the article has one.
    pub published: Option<PartialDate>,
    /// A dateline's month and day when it gives no year ("BISHKEK,
    /// September 17. /TASS/."): the year comes from the text's dates.
    pub published_day: Option<(u8, u8)>,
    /// The date the article's dates are read against ("on Friday", "in June"):
    /// set by [`Document::set_reference`].
    pub reference: Option<Reference>,
    /// Whether the capitals were restored from upper-case text: a sentence's
    /// first word is then capitalised whatever it is.
    pub restored: bool,
}

/// Where the reference date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReferenceFrom {
    /// Given by the user (`--date`).
    Given,
    /// The article's dateline.
    Dateline,
    /// The latest full date the text mentions.
    Latest,
    /// The year the title names ("Bomb blasts in the North West Frontier
    /// Province - 2009"), when the text tells no full date.
    Title,
    /// The one year the first sentence of the text names ("Turkey has been
    /// hit by a series of bomb attacks since the beginning of 2016"), when
    /// neither the title nor a full date gives one.
    Opening,
}

impl Document {
    /// Sets the reference date: `given` (the publication date), else the
    /// dateline's, else the latest full date in the text (citations included),
    /// else the year the title names, else the one year the text's first
    /// sentence names.
    pub fn set_reference(&mut self, given: Option<PartialDate>) -> Option<ReferenceFrom> {
        let (date, from) = if let Some(d) = given {
            (d, ReferenceFrom::Given)
        } else if let Some(d) = self.published.filter(|d| d.day.is_some()) {
            (d, ReferenceFrom::Dateline)
        } else {
            let latest = self
                .sentences
                .iter()
                .flat_map(|s| dates::find(&s.tokens))
                .filter_map(|d| match d.when {
                    When::Absolute(p) if p.day.is_some() => Some(p),
                    _ => None,
                })
                .max_by_key(|p| (p.year, p.month, p.day));
            // The dateline's day, in the year of the latest full date (or
            // the next, when the day comes before it in that year).
            let dateline_day = self.published_day.zip(latest).and_then(|((m, d), l)| {
                let year = if (Some(m), Some(d)) >= (l.month, l.day) {
                    l.year
                } else {
                    l.year + 1
                };
                PartialDate::new(year, Some(m), Some(d)).ok()
            });
            match (dateline_day, latest, self.published) {
                (Some(d), _, _) => (d, ReferenceFrom::Dateline),
                (None, Some(d), _) => (d, ReferenceFrom::Latest),
                (None, None, Some(d)) => (d, ReferenceFrom::Dateline),
                (None, None, None) => {
                    let year = |y: i32| PartialDate::new(y, None, None).ok();
                    let title = self
                        .sentences
                        .iter()
                        .filter(|s| s.part == Part::Headline)
                        .flat_map(|s| &s.tokens)
                        .find_map(|t| dates::year(Some(t)))
                        .and_then(year);
                    let opening = || {
                        let first = self.sentences.iter().find(|s| s.part == Part::Body)?;
                        let mut years = first.tokens.iter().filter_map(|t| dates::year(Some(t)));
                        let y = years.next()?;
                        years.all(|other| other == y).then(|| year(y)).flatten()
                    };
                    match title {
                        Some(t) => (t, ReferenceFrom::Title),
                        None => (opening()?, ReferenceFrom::Opening),
                    }
                }
            }
        };
        self.reference = Some(Reference {
            date,
            published: matches!(from, ReferenceFrom::Given | ReferenceFrom::Dateline),
        });
        Some(from)
    }
}

/// Splits an article (plain text or Markdown) into sentences.
pub fn parse(text: &str) -> Document {
    let blocks = blocks(&separate_lines(text));
    let mut sentences = Vec::new();
    let mut published = None;
    let mut published_day = None;
    let mut datelined = false;
    for (b, (block, heading)) in blocks.iter().enumerate() {
        let mut body = block.as_str();
        // "Aug 30, 2016", "Updated Jan 30, 2023", "2020-01-10 12:27": the
        // publication date on a line of its own.
        // Not after a paragraph of text: there a date of its own heads the
        // entry of a chronology that follows it.
        if b < 3
            && !heading
            && published.is_none()
            && published_day.is_none()
            && !blocks[..b]
                .iter()
                .any(|(t, _)| t.ends_with(['.', '!', '?']))
            && let Some(date) = standalone_date(block)
        {
            published = Some(date);
            continue;
        }
        if b < 6 && !heading && byline(block) {
            continue;
        }
        let looks_like_title = !heading
            && b == 0
            && blocks.len() > 1
            && !block.ends_with(['.', '!', '?', '"', '”'])
            && block.split_whitespace().count() <= 20
            // "LIMA, 9 JAN 90 -- [TEXT] HERE IS A COMMUNIQUE:": a dated dateline, not a title.
            && dateline(block).is_none_or(|line| line.date.is_none() && line.day.is_none());
        // A dateline after a date line of its own ("Updated Jan 30, 2023",
        // then "DUSHANBE (Reuters) -") gives its town.
        let dated_before = published.is_some() || published_day.is_some();
        // After a headline, a subheading and a byline too ("Rukhshona
        // Ibragimova", then "DUSHANBE -- ..."): no sentence told before it.
        let opening = b < 3
            || (b < 6
                && !blocks[..b]
                    .iter()
                    .any(|(t, _)| t.ends_with(['.', '!', '?'])));
        if opening
            && !heading
            && !looks_like_title
            && !datelined
            && let Some(line) = dateline(block).filter(|l| !dated_before || l.place.is_some())
        {
            datelined = true;
            if !dated_before {
                published = line.date;
                published_day = line.day;
            }
            // A dateline of a date alone ("September 1999 Bombs destroy
            // ..."): the date stays in the text, which may be a chronology's
            // first entry.
            if let Some(place) = line.place {
                sentences.push(sentence(place, b, Part::Dateline));
                body = &block[line.body..];
            }
        }
        let part = if *heading || looks_like_title {
            Part::Headline
        } else {
            Part::Body
        };
        for s in split_sentences(body) {
            sentences.push(sentence(s, b, part));
        }
    }
    Document {
        sentences,
        published,
        published_day,
        reference: None,
        restored: false,
    }
}

fn sentence(text: &str, block: usize, part: Part) -> Sentence {
    let tokens = tokenize(text);
    Sentence {
        text: text.to_string(),
        citations: citations(text, &tokens),
        tokens,
        block,
        part,
    }
}

/// The longest text in parentheses read as a citation, in tokens.
const CITATION_TOKENS: usize = 40;

/// Parenthesised source citations: `(Outlet, Month Day[, Year])`, where a
/// date closes the parentheses right after the first comma, and `(see ...)`.
fn citations(text: &str, tokens: &[Token]) -> Vec<Citation> {
    let mut out = Vec::new();
    for (a, open) in tokens.iter().enumerate() {
        if !open.is('(') {
            continue;
        }
        let Some(close) = (a + 1..tokens.len().min(a + CITATION_TOKENS))
            .take_while(|&k| !tokens[k].is('('))
            .find(|&k| tokens[k].is(')'))
        else {
            continue;
        };
        let see = tokens.get(a + 1).is_some_and(|t| t.lower == "see");
        let comma = (a + 1..close).find(|&k| tokens[k].is(','));
        let date = comma.and_then(|k| {
            let inner = &tokens[k + 1..close];
            dates::find(inner)
                .into_iter()
                .next()
                .filter(|d| d.start == 0 && d.end == inner.len() && d.is_absolute())
                .map(|d| DateExpr {
                    start: d.start + k + 1,
                    end: d.end + k + 1,
                    ..d
                })
        });
        if !see && date.is_none() {
            continue;
        }
        // "(see: https://…)"
        let colon = see && tokens.get(a + 2).is_some_and(|t| t.is(':'));
        let first = a + 1 + usize::from(see) + usize::from(colon);
        let last = date.and(comma).unwrap_or(close);
        let outlet = match (tokens.get(first), last.checked_sub(1).map(|k| &tokens[k])) {
            (Some(f), Some(l)) if first < last => text[f.at..l.at + l.text.len()].to_string(),
            _ => String::new(),
        };
        out.push(Citation {
            start: a,
            end: close + 1,
            outlet,
            date,
        });
    }
    out
}

/// Longer than any hard-wrapped line: a paragraph with a line this long
/// was not wrapped, so each of its line breaks ends a block (a headline, a
/// dateline, a paragraph pasted from a web page).
const UNWRAPPED_LINE: usize = 120;

/// The text with a blank line after every line of the paragraphs that were
/// not hard-wrapped (tables aside), so each of their lines is a block.
fn separate_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for (k, paragraph) in text.split("\n\n").enumerate() {
        if k > 0 {
            out.push_str("\n\n");
        }
        let lines: Vec<&str> = paragraph.lines().collect();
        let unwrapped = lines.len() > 1
            && lines.iter().any(|l| l.chars().count() > UNWRAPPED_LINE)
            && !lines.iter().any(|l| l.trim_start().starts_with('|'));
        if unwrapped {
            for (i, line) in lines.iter().enumerate() {
                // "— TRT World (@TRTWorld) October 26, 2022": an attribution
                // goes with the line it follows.
                if i > 0 {
                    let attribution = line.trim_start().starts_with(['—', '–']);
                    out.push_str(if attribution { " " } else { "\n\n" });
                }
                out.push_str(line);
            }
        } else {
            out.push_str(paragraph);
        }
    }
    out
}

/// The paragraphs, headings and list items of a Markdown text, as plain text.
fn blocks(text: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut heading = false;
    let flush = |buf: &mut String, heading: bool, out: &mut Vec<(String, bool)>| {
        let t = crate::text::clean(buf);
        if !t.is_empty() {
            out.push((t, heading));
        }
        buf.clear();
    };
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                flush(&mut buf, false, &mut out);
                heading = true;
            }
            Event::End(TagEnd::Heading(_)) => {
                flush(&mut buf, true, &mut out);
                heading = false;
            }
            Event::Start(Tag::Item) => flush(&mut buf, heading, &mut out),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_),
            ) => flush(&mut buf, heading, &mut out),
            Event::Text(t) | Event::Code(t) => buf.push_str(&t),
            Event::SoftBreak | Event::HardBreak => buf.push(' '),
            _ => {}
        }
    }
    flush(&mut buf, heading, &mut out);
    out
}

/// "KABUL, 9 October 2021 — ...", "Tehran, 5 January 2024", "22 March 2024",
/// "Dushanbe (Tajikistan) (AFP)", "BISHKEK, September 17. /TASS/.",
/// "SAN SALVADOR, 12 JAN 90 (RADIO VENCEREMOS) -- [TEXT] ...", "CONCEPCION
/// (CHILE), 23 AUG 88 --": the place (with a country in parentheses), the
/// date (the source in parentheses after it set aside, a two-digit year
/// read as 19xx or 20xx) and where the body starts (past bracketed tags
/// such as `[TEXT]`).
fn dateline(block: &str) -> Option<Dateline<'_>> {
    let mut shouted = false;
    let (head, mut rest) = match [" — ", " – ", " -- ", " - "]
        .iter()
        .filter_map(|d| block.find(d).map(|at| (at, d.len())))
        .chain(agency(block))
        .chain(credit_colon(block))
        .min()
    {
        Some((at, len)) if at <= 80 => (&block[..at], at + len),
        _ if block.len() <= 60 && !block.ends_with('.') => (block, block.len()),
        _ => match shouted_town(block) {
            Some(at) => {
                shouted = true;
                (&block[..at], at + 1)
            }
            None => return None,
        },
    };
    // "Dushanbe (Tajikistan) (AFP)": a town and its country or the agency in
    // parentheses, and nothing else.
    let credited = head.contains('(') && head.trim_end().ends_with(')') && !head.contains(',');
    // "DUSHANBE -- A September 19 ambush": a town in capitals before the dash.
    let capitals = head.split_whitespace().count() <= 3
        && head.chars().any(char::is_alphabetic)
        && !head.chars().any(|c| c.is_lowercase() || c.is_ascii_digit());
    let (place, date_text) = match head.split_once(',') {
        Some((p, d)) => (Some(p.trim()), d.trim()),
        None if credited || shouted || capitals => (Some(head.trim()), ""),
        None => (None, head.trim()),
    };
    // "12 JAN 90 (RADIO VENCEREMOS)": the source is not part of the date.
    let bare_date = date_text.split('(').next().unwrap_or(date_text).trim();
    let bare_date = bare_date.trim_end_matches('.');
    let date = dates::parse_full(bare_date).or_else(|| short_year(bare_date));
    // "September 17": a day without its year.
    let day = match dates::find(&tokenize(bare_date)).as_slice() {
        [
            DateExpr {
                when: When::MonthDay(m, d),
                ..
            },
        ] if date.is_none() => Some((*m, *d)),
        _ => None,
    };
    // "NO CITY (EL SALVADOR), 5 FEB 89 (FBIS) --": news from somewhere in
    // the country in parentheses.
    let place = place.map(|p| match p.split_once('(') {
        Some((name, country)) if name.trim().eq_ignore_ascii_case("no city") => {
            country.trim_end_matches(')').trim()
        }
        _ => p,
    });
    let place = place.filter(|p| {
        let name = p.split('(').next().unwrap_or(p);
        !name.trim().is_empty()
            && name.split_whitespace().count() <= 4
            && name
                .split_whitespace()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    });
    let shouting = place.is_some_and(|p| !p.chars().any(char::is_lowercase));
    // "-- [TEXT] THE ARMY...": editorial tags before the body.
    while let Some(tag) = block[rest..].trim_start().strip_prefix('[')
        && let Some(close) = tag.find(']')
        && close <= 60
    {
        rest = block.len() - tag.len() + close + 1;
    }
    let dated = date.is_some() || day.is_some();
    let found = Dateline {
        place,
        date,
        day,
        // "Aug. 31 - A suicide bomber ...": a day alone opens an entry of a
        // chronology, whose sentence keeps its date.
        body: if place.is_none() && date.is_none() {
            0
        } else {
            rest
        },
    };
    match (place, dated) {
        (None, false) => None,
        (Some(_), false) if !shouting && !credited => None,
        (None, true) if head.len() != date_text.len() => None,
        _ => Some(found),
    }
}

/// "DUSHANBE Tajik border guards have ...": a dateline whose dash was lost,
/// a town of one or two words in capitals before a capitalised word in
/// lower case; where the town ends.
fn shouted_town(block: &str) -> Option<usize> {
    let shouted = |w: &str| w.chars().count() >= 4 && w.chars().all(|c| c.is_uppercase());
    let mut end = 0;
    for (k, word) in block.split(' ').enumerate().take(3) {
        if shouted(word) && k < 2 {
            end += word.len() + usize::from(k > 0);
        } else {
            let next = word.chars().next().is_some_and(char::is_uppercase)
                && word.chars().any(char::is_lowercase);
            return (end > 0 && next).then_some(end);
        }
    }
    None
}

/// What a dateline says.
struct Dateline<'b> {
    /// The town, when it names one.
    place: Option<&'b str>,
    /// The date, when it gives a year.
    date: Option<PartialDate>,
    /// The month and day of a date without a year.
    day: Option<(u8, u8)>,
    /// Where the article's body starts.
    body: usize,
}

/// "BISHKEK, September 17. /TASS/.", "Dushanbe, 30.08.2016. /NIAT
/// "Khovar"/.": where a news agency's name between slashes ends the
/// dateline, as the offset of the slash and the length through the closing
/// slash and its full stop.
fn agency(block: &str) -> Option<(usize, usize)> {
    let open = block.find(" /").filter(|&at| at <= 80)?;
    let name = &block[open + 2..];
    let close = name.find('/').filter(|&at| (1..=40).contains(&at))?;
    let end = open + 2 + close + 1;
    let end = end + usize::from(block[end..].starts_with('.'));
    Some((open, end - open))
}

/// "TEHRAN (AFP) : An attack ...", "KABUL (Reuters): ...": a credit in
/// parentheses and a colon end a dateline; where the colon is and its length.
fn credit_colon(block: &str) -> Option<(usize, usize)> {
    let close = block.find(')').filter(|&at| at <= 80)?;
    let after = &block[close + 1..];
    let gap = after.len() - after.trim_start_matches(' ').len();
    (block[..close].contains('(') && after[gap..].starts_with(':')).then_some((close + 1, gap + 1))
}

/// A byline on a line of its own ("By Ben West", "• By Gulnoza
/// Saidazimova", "By Jane Doe and John Roe"): it names the writers, no place.
fn byline(block: &str) -> bool {
    let text = block.trim_start_matches(|c: char| !c.is_alphanumeric());
    let Some(names) = text
        .strip_prefix("By ")
        .or_else(|| text.strip_prefix("by "))
    else {
        return false;
    };
    let words: Vec<&str> = names.split_whitespace().collect();
    (1..=7).contains(&words.len())
        && !names.ends_with(['.', '!', '?'])
        && words
            .iter()
            .all(|w| matches!(*w, "and" | "&") || w.chars().next().is_some_and(char::is_uppercase))
}

/// Words before a publication date on a line of its own.
const DATE_LEADS: &[&str] = &["updated", "published", "posted", "last updated", "on"];

/// A short block that is only a full date, with perhaps a lead word
/// ("Updated"), a byline before a bar ("by IANS | Updated Jan 30, 2023")
/// and a time after it ("2020-01-10 12:27").
fn standalone_date(block: &str) -> Option<PartialDate> {
    if block.len() > 60 {
        return None;
    }
    let mut text = block.rsplit('|').next().unwrap_or(block).trim();
    // "Aug 30, 2016." as a line of its own.
    text = text.trim_end_matches('.');
    let lower = text.to_lowercase();
    if let Some(lead) = DATE_LEADS
        .iter()
        .find(|l| lower.starts_with(*l) && lower[l.len()..].starts_with([' ', ':']))
    {
        text = text[lead.len()..].trim_start_matches([' ', ':']);
    }
    let time = |w: &&str| {
        w.split(':').count() == 2 && w.split(':').all(|p| p.chars().all(|c| c.is_ascii_digit()))
    };
    let bare: Vec<&str> = text.split_whitespace().take_while(|w| !time(w)).collect();
    let bare = bare.join(" ");
    if let Ok(date) = PartialDate::parse(&bare) {
        return date.day.is_some().then_some(date);
    }
    let tokens = tokenize(&bare);
    match dates::find(&tokens).as_slice() {
        [
            DateExpr {
                start: 0,
                end,
                when: When::Absolute(date),
                ..
            },
        ] if *end == tokens.len() && date.day.is_some() => Some(*date),
        _ => None,
    }
}

/// "23 AUG 88", "4 Feb 90": a day, a month and a two-digit year (after 50 in
/// the 1900s, else in the 2000s).
fn short_year(text: &str) -> Option<PartialDate> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let [day, month, year] = words.as_slice() else {
        return None;
    };
    let yy: i32 = year.parse().ok().filter(|_| year.len() == 2)?;
    let full = if yy > 50 { 1900 + yy } else { 2000 + yy };
    dates::parse_full(&format!("{day} {month} {full}")).filter(|d| d.day.is_some())
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "capt", "sgt", "st", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "vs", "etc", "inc",
    "ltd", "co", "corp", "u.s", "u.n", "u.k", "a.m", "p.m", "e.g", "i.e", "approx", "km", "gov",
    "rep", "sen", "prof", "jr", "sr", "mt", "ft",
];

/// Splits a paragraph after `.`, `!` or `?` followed by a space and a capital,
/// a digit or a quote, unless the word before is an abbreviation or an initial.
pub fn split_sentences(text: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    // A sentence, trimmed, unless it is empty.
    fn push<'t>(out: &mut Vec<&'t str>, s: &'t str) {
        let s = s.trim();
        if !s.is_empty() {
            out.push(s);
        }
    }
    // The first character at or after `k` that is not white space.
    let past_space = |mut k: usize| {
        while k < chars.len() && chars[k].1.is_whitespace() {
            k += 1;
        }
        k
    };
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c == ';' {
            push(&mut out, &text[start..at]);
            start = at + 1;
        } else if c == ')'
            && let Some(open) = text[start..at].rfind('(').map(|o| start + o)
            && photo_credit(&text[open + 1..at])
            && text[start..open].split_whitespace().count() >= 5
        {
            // "Blown out shop windows near the site (AFP) On March 29, ...": a
            // caption's photo credit ends it.
            let k = past_space(i + 1);
            if k > i + 1 && chars.get(k).is_some_and(|(_, n)| n.is_uppercase()) {
                push(&mut out, &text[start..at + 1]);
                start = chars[k].0;
                i = k;
                continue;
            }
        } else if matches!(c, '.' | '!' | '?') {
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '"' | '”' | '’' | '\'' | ')') {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |(p, _)| *p);
            let k = past_space(j);
            let next_starts = chars.get(k).is_some_and(|(_, n)| {
                n.is_uppercase() || n.is_ascii_digit() || matches!(n, '"' | '“' | '‘' | '(')
            });
            let word: String = text[..at]
                .chars()
                .rev()
                .take_while(|ch| ch.is_alphanumeric() || *ch == '.')
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let abbreviation = c == '.'
                && (ABBREVIATIONS.contains(&word.to_lowercase().as_str())
                    || (word.chars().count() == 1 && word.chars().all(char::is_uppercase)));
            if k > j && next_starts && !abbreviation {
                push(&mut out, &text[start..end]);
                start = chars[k].0;
                i = k;
                continue;
            }
        }
        i += 1;
    }
    push(&mut out, &text[start..]);
    out
}

/// Agencies whose name in parentheses credits a photo ("(AFP)", "(Reuters/File)").
const PHOTO_AGENCIES: &[&str] = &[
    "afp",
    "ap",
    "reuters",
    "epa",
    "getty",
    "getty images",
    "gallo",
    "tass",
    "ria novosti",
    "anadolu",
    "xinhua",
    "photo",
    "file",
    "file photo",
];

/// Whether text in parentheses credits a photo: agencies, alone or joined by "/".
pub(super) fn photo_credit(inside: &str) -> bool {
    let inside = inside.trim().to_lowercase();
    !inside.is_empty()
        && inside
            .split('/')
            .all(|part| PHOTO_AGENCIES.contains(&part.trim().trim_end_matches(" photo")))
}

/// Splits a sentence into words, numbers and punctuation.
pub fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|(_, c)| *c);
    let offset = |i: usize| chars.get(i).map_or(text.len(), |(p, _)| *p);
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if c.is_alphanumeric() {
            i += 1;
            while let Some(c) = at(i) {
                let next_alnum = at(i + 1).is_some_and(char::is_alphanumeric);
                let inner = match c {
                    '-' | '\'' | '’' => next_alnum,
                    '.' | ',' => {
                        next_alnum
                            && at(i - 1).is_some_and(|p| p.is_ascii_digit())
                            && at(i + 1).is_some_and(|n| n.is_ascii_digit())
                    }
                    _ => c.is_alphanumeric(),
                };
                // "Martyrs'": a plural possessive.
                let plural_possessive = matches!(c, '\'' | '’')
                    && !next_alnum
                    && at(i - 1) == Some('s')
                    && at(start).is_some_and(char::is_uppercase);
                if inner {
                    i += 1;
                } else {
                    if plural_possessive {
                        i += 1;
                    }
                    break;
                }
            }
        } else {
            i += 1;
        }
        let word = &text[offset(start)..offset(i)];
        let kind = if !c.is_alphanumeric() {
            TokenKind::Punct
        } else if word
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        let mut token = Token {
            text: word.to_string(),
            lower: String::new(),
            kind,
            at: offset(start),
        };
        token.lower = token.stem().to_lowercase();
        tokens.push(token);
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_but_not_after_abbreviations() {
        let s = split_sentences(
            "It began at 1 a.m. on Friday. Gen. Ivanov said U.S. officials knew. Then it ended.",
        );
        assert_eq!(
            s,
            vec![
                "It began at 1 a.m. on Friday.",
                "Gen. Ivanov said U.S. officials knew.",
                "Then it ended."
            ]
        );
    }

    #[test]
    fn an_agency_credit_and_a_colon_end_a_dateline() {
        let doc = parse("TEHRAN (AFP) : An attack on a police station killed a policeman.");
        assert_eq!(doc.sentences[0].part, Part::Dateline);
        assert_eq!(doc.sentences[0].text, "TEHRAN (AFP)");
        assert_eq!(
            doc.sentences[1].text,
            "An attack on a police station killed a policeman."
        );
        // A colon after a parenthesis in a sentence is no dateline.
        let doc = parse("Two men (both police officers) were hurt: one of them badly.");
        assert!(doc.sentences.iter().all(|s| s.part != Part::Dateline));
    }

    #[test]
    fn a_photo_credit_ends_a_caption() {
        let s = split_sentences(
            "Blown out shop windows near the site of the explosions in Tashkent (AFP) \
             On March 29, 2004, two bombs exploded.",
        );
        assert_eq!(
            s,
            vec![
                "Blown out shop windows near the site of the explosions in Tashkent (AFP)",
                "On March 29, 2004, two bombs exploded."
            ]
        );
        // A dateline's agency is no caption: "KABUL (Reuters) A bomb exploded."
        assert_eq!(split_sentences("KABUL (Reuters) A bomb exploded.").len(), 1);
    }

    #[test]
    fn tokens_keep_hyphens_possessives_and_numbers() {
        let t = tokenize("Afghanistan's Mazar-i-Sharif, 130,000 Martyrs' (x)");
        let words: Vec<&str> = t.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(
            words,
            vec![
                "Afghanistan's",
                "Mazar-i-Sharif",
                ",",
                "130,000",
                "Martyrs'",
                "(",
                "x",
                ")"
            ]
        );
        assert!(t[0].possessive());
        assert_eq!(t[0].stem(), "Afghanistan");
        assert_eq!(t[3].kind, TokenKind::Number);
        assert!(t[4].possessive());
    }

    #[test]
    fn markdown_becomes_plain_blocks_with_a_dateline() {
        let doc = parse(
            "# Title here\n\n*Tehran, 5 January 2024*\n\nA [link](http://x) and **bold**.\n\n- item one.\n",
        );
        let texts: Vec<&str> = doc.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            vec!["Title here", "Tehran", "A link and bold.", "item one."]
        );
        assert_eq!(doc.sentences[0].part, Part::Headline);
        assert_eq!(doc.sentences[1].part, Part::Dateline);
        assert_eq!(doc.published.unwrap().to_string(), "2024-01-05");
    }
}
