//! Upper-case text (wire copy, telex, shouted headlines) given the capitals
//! a mixed-case text would have, so that the rest of `extract` can tell
//! names from words: sentence starts, month and weekday names, every word
//! that is not an English word (names of people, places, groups; short ones
//! stay upper case, as acronyms), and the English words inside names the
//! gazetteer knows ("San Salvador", "La Aurora", or a large place alone);
//! an organisation named with a name in it ("Farabundo Marti National
//! Liberation Front") is capitalised whole, so it is read as the
//! organisation it is.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::lexicon::{self, contains};
use crate::gazetteer::{Gazetteer, Kind};

/// The longest run of words looked up as one name.
const LONGEST_NAME: usize = 4;

/// Whether a text is upper case throughout: at least 20 letters, and fewer
/// than one in a hundred in lower case.
pub fn is_upper_case(text: &str) -> bool {
    let (mut upper, mut lower) = (0usize, 0usize);
    for c in text.chars() {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    upper + lower >= 20 && lower * 100 < upper + lower
}

/// English words that name places somewhere (`Police`, `Union`, `Mission`)
/// but are words first: never capitalised alone.
const FUNCTION_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "after",
    "again",
    "against",
    "ago",
    "all",
    "also",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "down",
    "during",
    "each",
    "even",
    "few",
    "for",
    "from",
    "had",
    "has",
    "have",
    "he",
    "her",
    "here",
    "him",
    "his",
    "how",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "last",
    "later",
    "least",
    "less",
    "like",
    "made",
    "many",
    "may",
    "me",
    "more",
    "most",
    "much",
    "must",
    "my",
    "near",
    "new",
    "next",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "old",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "today",
    "too",
    "two",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "well",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "yesterday",
    "yet",
    "you",
    "your",
];

/// Content words of news about incidents that gazetteers also hold as
/// places: the words of people, institutions, weapons and time.
const NEWS_WORDS: &[&str] = &[
    "air",
    "airport",
    "armed",
    "attorney",
    "authorities",
    "bank",
    "base",
    "bridge",
    "building",
    "capital",
    "center",
    "centre",
    "church",
    "city",
    "civil",
    "civilian",
    "civilians",
    "colony",
    "commando",
    "communique",
    "congress",
    "country",
    "customs",
    "death",
    "deputy",
    "district",
    "embassy",
    "energy",
    "farm",
    "federal",
    "fire",
    "force",
    "forces",
    "free",
    "freedom",
    "general",
    "good",
    "government",
    "group",
    "guerrilla",
    "guerrillas",
    "home",
    "hope",
    "hospital",
    "house",
    "independence",
    "justice",
    "labor",
    "labour",
    "liberty",
    "man",
    "market",
    "members",
    "men",
    "military",
    "mine",
    "mission",
    "morning",
    "mountain",
    "mountains",
    "national",
    "night",
    "office",
    "patrol",
    "peace",
    "people",
    "plant",
    "police",
    "port",
    "power",
    "press",
    "progress",
    "radio",
    "republic",
    "road",
    "school",
    "security",
    "station",
    "street",
    "supreme",
    "town",
    "union",
    "unity",
    "university",
    "valley",
    "victory",
    "village",
    "war",
    "water",
    "women",
    "work",
    "workers",
    "world",
    "young",
    "youth",
];

/// Spanish and Portuguese articles and prepositions inside place names:
/// part of a name, never one alone.
const NAME_PARTICLES: &[&str] = &[
    "de", "del", "la", "las", "el", "los", "da", "do", "dos", "das", "san", "santa", "santo",
    "sao", "y", "e",
];

/// Lower-case English words (SCOWL; see `gazetteer/README.md`), sorted.
static ENGLISH_WORDS: &str = include_str!("../../gazetteer/english-words.txt");

/// Whether a lower-case word is an English word: in the word list, or one
/// of the word lists of `extract`.
pub fn english(word: &str) -> bool {
    static WORDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    let words = WORDS.get_or_init(|| ENGLISH_WORDS.lines().collect());
    let known = |w: &str| words.binary_search(&w).is_ok() || common(w);
    // "don't", "army's": a contraction or a possessive of a word.
    known(word)
        || ["n't", "'s", "'t", "'ll", "'re", "'ve", "'d", "'m"]
            .iter()
            .any(|end| word.replace('’', "'").strip_suffix(end).is_some_and(known))
}

fn common(word: &str) -> bool {
    contains(FUNCTION_WORDS, word)
        || contains(NEWS_WORDS, word)
        || contains(NAME_PARTICLES, word)
        || contains(lexicon::NEVER_PLACES, word)
        || contains(lexicon::TITLES, word)
        || contains(lexicon::ORG_MARKERS, word)
        || contains(lexicon::DIRECTIONS, word)
        || lexicon::place_word(word)
        || lexicon::NUMBER_WORDS.iter().any(|(w, _)| *w == word)
        || lexicon::EVENT_PHRASES
            .iter()
            .any(|(phrase, _)| phrase.contains(&word))
}

/// A word of the text: its byte range and its lower-case form.
struct Word {
    start: usize,
    end: usize,
    lower: String,
    /// Only spaces (no line break of a paragraph, no punctuation) since the word before.
    joined: bool,
    /// The first word of a sentence.
    starts_sentence: bool,
}

fn words(text: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut sentence_start = true;
    let mut gap_is_space = false;
    // Only a dateline's "--" starts a sentence: the text's first, or one a
    // few words into a paragraph ("MEDELLIN -- FOUR MEN"); others set off a
    // clause ("the gunmen -- paid assassins -- in Medellin").
    let mut dateline_dash = true;
    let mut paragraph_words = Some(0);
    while let Some((at, c)) = chars.next() {
        if c.is_alphanumeric() {
            let mut end = at + c.len_utf8();
            while let Some(&(k, n)) = chars.peek() {
                let inner = matches!(n, '\'' | '’' | '-')
                    && text[k + n.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric);
                if n.is_alphanumeric() || inner {
                    end = k + n.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let lower = text[at..end].to_lowercase();
            out.push(Word {
                start: at,
                end,
                joined: gap_is_space && !out.is_empty(),
                starts_sentence: sentence_start,
                lower,
            });
            sentence_start = false;
            gap_is_space = true;
            paragraph_words = paragraph_words.map(|n| n + 1);
        } else if matches!(c, '.' | '!' | '?') {
            // "U.S." and "12.5": not a sentence end unless a space follows.
            sentence_start = chars.peek().is_none_or(|(_, n)| n.is_whitespace());
            gap_is_space = false;
            if sentence_start {
                paragraph_words = None;
            }
        } else if c == '\n' && text[at + 1..].starts_with(['\n', ' ']) {
            // A blank line or an indented line: a new paragraph.
            let rest = text[at + 1..].trim_start_matches([' ', '\t']);
            if rest.starts_with('\n') || text[at + 1..].starts_with("  ") {
                sentence_start = true;
                paragraph_words = Some(0);
            }
            gap_is_space = false;
        } else if !c.is_whitespace() {
            if c == '[' || c == '(' || c == ':' || c == '"' {
                // Keep a sentence start across an opening mark.
            } else if c == '-'
                && text[at + 1..].starts_with('-')
                && (dateline_dash || paragraph_words.is_some_and(|n| n <= 4))
            {
                // "SAN SALVADOR, 12 JAN 90 -- [TEXT] THE ARMY": the body
                // starts, and may open with a dateline of its own.
                sentence_start = true;
                dateline_dash = false;
                paragraph_words = Some(0);
            }
            gap_is_space = false;
        }
    }
    out
}

/// What the gazetteer knows of a name: nothing, a place with people, or a
/// large place (a country, province or region, a capital, 100,000 people).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Known {
    No,
    Place,
    Large,
}

/// What the gazetteer knows of a name, and whether it names a country.
fn known_place(gazetteer: &Gazetteer, name: &str) -> (Known, bool) {
    let mut known = Known::No;
    let mut country = false;
    for c in gazetteer.lookup_folded(name) {
        let p = c.place;
        country |= p.kind == Kind::Country;
        let large = matches!(p.kind, Kind::Country | Kind::Admin1 | Kind::Area)
            || p.population >= 100_000
            || matches!(p.feature.as_str(), "PPLC" | "PPLA");
        if large {
            known = Known::Large;
        } else if p.population >= 1000 {
            known = known.max(Known::Place);
        }
    }
    (known, country)
}

/// [`known_place`] for the names of one text, each looked up once.
struct KnownNames<'g> {
    gazetteer: &'g Gazetteer,
    seen: HashMap<String, (Known, bool)>,
}

impl KnownNames<'_> {
    fn get(&mut self, name: &str) -> (Known, bool) {
        if let Some(&k) = self.seen.get(name) {
            return k;
        }
        let k = known_place(self.gazetteer, name);
        self.seen.insert(name.to_string(), k);
        k
    }
}

/// The text with the capitals of mixed-case text, for a text that
/// [`is_upper_case`]; each word in place.
pub fn restore(text: &str, gazetteer: &Gazetteer) -> String {
    let words = words(text);
    let mut known = KnownNames {
        gazetteer,
        seen: HashMap::new(),
    };
    let mut case = vec![Case::Lower; words.len()];
    let number = |w: &Word| w.lower.chars().all(|c| c.is_ascii_digit());
    let is_english: Vec<bool> = words.iter().map(|w| english(&w.lower)).collect();
    for (k, w) in words.iter().enumerate() {
        if number(w) {
            continue;
        }
        if !is_english[k] {
            // "FMLN", "URNG": acronyms stay upper case, unless they name a
            // large place ("LIMA"), or any place and read as a word of
            // alternate consonants and vowels ("TIBU"; not "APRA", "FARC").
            let letters = w.lower.chars().filter(|c| c.is_alphabetic()).count();
            let is_vowel = |c: char| "aeiouy".contains(c);
            let vowel = w.lower.chars().any(is_vowel);
            let spoken = letters == 4
                && w.lower
                    .chars()
                    .enumerate()
                    .all(|(i, c)| is_vowel(c) == (i % 2 == 1));
            let place = known.get(&w.lower).0;
            case[k] = if (letters <= 4 || !vowel)
                && place != Known::Large
                && !(spoken && place == Known::Place)
            {
                Case::Upper
            } else {
                Case::Title
            };
        }
        if w.starts_sentence && case[k] == Case::Lower {
            case[k] = Case::Title;
        }
        // Months and weekdays; short forms ("JAN", "MAY") only beside a number.
        let beside_number =
            (k > 0 && number(&words[k - 1])) || words.get(k + 1).is_some_and(number);
        if super::dates::is_date_word(&w.lower) && (w.lower.len() > 3 && w.lower != "may")
            || (beside_number && is_month_abbreviation(&w.lower))
        {
            case[k] = Case::Title;
        }
    }
    // English words inside the names the gazetteer knows: the longest run first.
    let mut i = 0;
    while i < words.len() {
        let mut matched = 0;
        for n in (1..=LONGEST_NAME).rev() {
            if i + n > words.len() || (1..n).any(|k| !words[i + k].joined) {
                continue;
            }
            let run = &words[i..i + n];
            let named = (i..i + n).any(|k| !is_english[k]);
            if run.iter().any(number)
                || contains(NAME_PARTICLES, &run[n - 1].lower)
                || (i..i + n)
                    .all(|k| contains(NAME_PARTICLES, &words[k].lower) || common(&words[k].lower))
            {
                continue;
            }
            let name = &text[run[0].start..run[n - 1].end];
            let (kind, country) = known.get(name);
            // Words alone ("Mass", "Part") only when they name a country ("Chad").
            let words_only = !named && !country;
            if !words_only && (kind == Known::Large || (kind == Known::Place && n > 1)) {
                matched = n;
                break;
            }
        }
        if matched == 0 {
            i += 1;
            continue;
        }
        for c in &mut case[i..i + matched] {
            *c = Case::Title;
        }
        i += matched;
    }
    // A name followed by an organisation's marker word: the whole name.
    for k in 0..words.len() {
        if !contains(lexicon::ORG_MARKERS, &words[k].lower) || !words[k].joined {
            continue;
        }
        let mut a = k;
        while a > 0 && words[a].joined && k - a < 3 && case[a - 1] == Case::Lower {
            a -= 1;
        }
        if a > 0 && words[a].joined && case[a - 1] == Case::Title {
            for c in &mut case[a..=k] {
                *c = Case::Title;
            }
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (w, c) in words.iter().zip(&case) {
        out.push_str(&text[at..w.start].to_lowercase());
        let word = &text[w.start..w.end];
        match c {
            Case::Title => out.push_str(&title_case(word)),
            Case::Upper => out.push_str(word),
            Case::Lower => out.push_str(&word.to_lowercase()),
        }
        at = w.end;
    }
    out.push_str(&text[at..].to_lowercase());
    out
}

/// How a word is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Case {
    Lower,
    Title,
    Upper,
}

fn is_month_abbreviation(word: &str) -> bool {
    [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .contains(&word)
}

/// "SAN" → "San", "JALAL-ABAD" → "Jalal-Abad", "O'BRIEN" → "O'Brien",
/// "PERU'S" → "Peru's" (a possessive or a contraction keeps its ending low).
fn title_case(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut start = true;
    let mut apostrophe = false;
    for (k, c) in word.char_indices() {
        let ending = apostrophe
            && matches!(
                word[k..].to_lowercase().as_str(),
                "s" | "t" | "d" | "m" | "ll" | "re" | "ve"
            );
        if start && !ending {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        apostrophe = matches!(c, '\'' | '’');
        start = apostrophe || c == '-';
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn restored(text: &str) -> String {
        restore(text, &Gazetteer::embedded())
    }

    #[test]
    fn upper_case_is_told_from_mixed_case() {
        assert!(is_upper_case(
            "GUERRILLAS ATTACKED A POWER STATION IN LIMA."
        ));
        assert!(!is_upper_case(
            "Guerrillas attacked a power station in Lima."
        ));
        assert!(!is_upper_case("IN LIMA"));
    }

    #[test]
    fn places_months_and_sentence_starts_get_capitals() {
        let text = restored(
            "REBELS BURNED A BUS IN MEDELLIN ON 3 FEBRUARY. THE POLICE SAID NOTHING ON 4 MAY 1990.",
        );
        assert_eq!(
            text,
            "Rebels burned a bus in Medellin on 3 February. The police said nothing on 4 May 1990."
        );
    }

    #[test]
    fn only_a_datelines_dash_starts_a_sentence() {
        let text = restored(
            "BOGOTA, 4 SEP 89 -- [TEXT] MEDELLIN -- A JUDGE WAS KILLED BY GUNMEN -- PAID ASSASSINS -- IN MEDELLIN.",
        );
        assert_eq!(
            text,
            "Bogota, 4 Sep 89 -- [Text] Medellin -- A judge was killed by gunmen -- paid assassins -- in Medellin."
        );
    }

    #[test]
    fn a_possessive_keeps_its_ending_low() {
        assert_eq!(
            restored("PERU'S REBELS SAID O'BRIEN'S MEN DON'T LIE IN BOGOTA'S STREETS."),
            "Peru's rebels said O'Brien's men don't lie in Bogota's streets."
        );
    }

    #[test]
    fn a_short_word_read_as_a_name_is_a_town_and_acronyms_stay() {
        // "TIBU" reads as a word and names a town (Tibú); "FARC", "APRA"
        // and "ELN" do not read as words and stay acronyms.
        assert_eq!(
            restored("IN TIBU THE FARC, APRA AND ELN MET."),
            "In Tibu the FARC, APRA and ELN met."
        );
    }

    #[test]
    fn names_of_several_words_are_found_whole() {
        let text = restored("A BOMB EXPLODED IN SAN SALVADOR AND IN LA PAZ TODAY.");
        assert!(
            text.contains("San Salvador") && text.contains("La Paz"),
            "{text}"
        );
        assert!(text.contains(" today."), "{text}");
    }

    #[test]
    fn an_organisation_with_a_name_in_it_is_capitalised_whole() {
        let text = restored("THEY BLAMED THE HONDURAN ARMY FOR IT.");
        assert!(text.contains("Honduran Army"), "{text}");
    }

    #[test]
    fn english_words_that_name_places_stay_words_and_names_get_capitals() {
        let text = restored(
            "THE MASS MEETING ON THE PACIFIC SIDE WAS CALLED BY HILDA OQUELI OF THE URNG.",
        );
        assert_eq!(
            text,
            "The mass meeting on the pacific side was called by Hilda Oqueli of the URNG."
        );
    }

    #[test]
    fn the_modal_may_is_not_a_month() {
        let text = restored("THE REBELS MAY ATTACK AGAIN.");
        assert!(text.contains(" may attack"), "{text}");
    }
}
