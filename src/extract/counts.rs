//! Casualty figures: "killed 12", "at least 30 dead and 40 wounded",
//! "put the death toll at 145", "no one was hurt".

use super::document::{Token, TokenKind};
use super::lexicon;

/// One casualty figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Count {
    /// Token where the figure is.
    pub at: usize,
    /// Whether it counts the dead (else the injured).
    pub fatal: bool,
    /// How many.
    pub value: u32,
}

const FATAL_AFTER: &[&str] = &[
    "killed",
    "dead",
    "died",
    "die",
    "perished",
    "killed,",
    "martyred",
    "murdered",
    "assassinated",
    "massacred",
    "slain",
];
const INJURED_AFTER: &[&str] = &["wounded", "injured", "hurt"];
const FATAL_BEFORE: &[&str] = &[
    "killing",
    "killed",
    "kill",
    "kills",
    "murdering",
    "murdered",
    "massacred",
];
const INJURED_BEFORE: &[&str] = &[
    "wounding", "injuring", "wounded", "injured", "wounds", "injures",
];
const QUANTIFIERS: &[&str] = &[
    "at",
    "least",
    "more",
    "than",
    "over",
    "nearly",
    "almost",
    "about",
    "around",
    "some",
    "up",
    "to",
    "as",
    "many",
    "roughly",
    "approximately",
    "fewer",
    "most",
    "another",
    "estimated",
    "an",
];
const LINKS: &[&str] = &[
    "were",
    "was",
    "had",
    "have",
    "has",
    "been",
    "are",
    "being",
    "reportedly",
];

/// The number at token `i` ("12", "1,200", "six", "forty-six", "a dozen"), and the token after it.
pub fn number_at(tokens: &[Token], i: usize) -> Option<(u32, usize)> {
    let t = tokens.get(i)?;
    if t.kind == TokenKind::Number {
        return t.text.replace(',', "").parse().ok().map(|v| (v, i + 1));
    }
    let word = |w: &str| {
        lexicon::NUMBER_WORDS
            .iter()
            .find(|(n, _)| *n == w)
            .map(|(_, v)| *v)
    };
    let mut value = if t.lower.contains('-') {
        t.lower.split('-').map(word).sum::<Option<u32>>()?
    } else {
        word(&t.lower)?
    };
    let mut end = i + 1;
    // "a dozen", "two dozen", "three hundred"
    while let Some(next) = tokens.get(end) {
        match next.lower.as_str() {
            "dozen" => value *= 12,
            "hundred" => value *= 100,
            "thousand" => value *= 1000,
            _ => break,
        }
        end += 1;
    }
    if matches!(t.lower.as_str(), "a" | "an") && end == i + 1 {
        return None;
    }
    Some((value, end))
}

/// Every casualty figure in a sentence.
pub fn find(tokens: &[Token]) -> Vec<Count> {
    let mut out = Vec::new();
    let lower = |k: usize| tokens.get(k).map_or("", |t| t.lower.as_str());
    // "no one was hurt", "nobody was killed", "no casualties"
    for i in 0..tokens.len() {
        let none = (lower(i) == "no" && lower(i + 1) == "one") || lower(i) == "nobody";
        let skip = if lower(i) == "nobody" { 1 } else { 2 };
        if none && LINKS.contains(&lower(i + skip)) {
            let verb = lower(i + skip + 1);
            let fatal = FATAL_AFTER.contains(&verb) || verb == "hurt";
            let injured = INJURED_AFTER.contains(&verb);
            if fatal {
                out.push(Count {
                    at: i,
                    fatal: true,
                    value: 0,
                });
            }
            if injured {
                out.push(Count {
                    at: i,
                    fatal: false,
                    value: 0,
                });
            }
        }
        if lower(i) == "no" && lower(i + 1) == "casualties" {
            out.push(Count {
                at: i,
                fatal: true,
                value: 0,
            });
            out.push(Count {
                at: i,
                fatal: false,
                value: 0,
            });
        }
    }
    let mut i = 0;
    while i < tokens.len() {
        let after_no = i > 0 && tokens[i - 1].lower == "no";
        let Some((value, end)) = number_at(tokens, i).filter(|_| !after_no) else {
            i += 1;
            continue;
        };
        let year = tokens[i].kind == TokenKind::Number
            && tokens[i].text.len() == 4
            && i > 0
            && (tokens[i - 1].is_cap() || tokens[i - 1].kind == TokenKind::Number);
        let cue = (!year)
            .then(|| cue_before(tokens, i).or_else(|| cue_after(tokens, end)))
            .flatten();
        if let Some(fatal) = cue {
            out.push(Count {
                at: i,
                fatal,
                value,
            });
        } else if let Some((more, more_end, fatal)) =
            (!year).then(|| coordinated(tokens, end)).flatten()
        {
            // "Two soldiers and five militants were killed": one figure, the sum.
            out.push(Count {
                at: i,
                fatal,
                value: value + more,
            });
            i = more_end;
            continue;
        }
        i = end;
    }
    out.sort_by_key(|c| (c.at, !c.fatal));
    out
}

/// "killing at least 50", "death toll at 145": the cue before the number.
fn cue_before(tokens: &[Token], at: usize) -> Option<bool> {
    let mut k = at;
    while k > 0 && QUANTIFIERS.contains(&tokens[k - 1].lower.as_str()) {
        k -= 1;
    }
    let prev = tokens.get(k.checked_sub(1)?)?.lower.as_str();
    if FATAL_BEFORE.contains(&prev) {
        return Some(true);
    }
    if INJURED_BEFORE.contains(&prev) {
        return Some(false);
    }
    // "took the lives of twenty-eight people", "claimed the lives of 12"
    if prev == "of" && k >= 2 && tokens[k - 2].lower == "lives" {
        return Some(true);
    }
    let toll = |j: usize| j >= 1 && tokens[j].lower == "toll" && tokens[j - 1].lower == "death";
    // "death toll at", "death toll rose to", "death toll of"
    (1..=3)
        .filter_map(|back| k.checked_sub(back))
        .any(|j| toll(j) && tokens[j + 1..k].iter().all(|t| t.kind == TokenKind::Word))
        .then_some(true)
}

/// "soldiers and five militants were killed" after "Two": the number joined
/// to this one by "and", its end, and whether its cue is of deaths.
fn coordinated(tokens: &[Token], end: usize) -> Option<(u32, usize, bool)> {
    let and = (end..tokens.len().min(end + 4))
        .take_while(|&k| tokens[k].kind == TokenKind::Word && !tokens[k].is_cap())
        .find(|&k| tokens[k].lower == "and")
        // A noun of its own first: not "November 15 and 20 people".
        .filter(|&k| k > end)?;
    let (value, more_end) = number_at(tokens, and + 1)?;
    Some((value, more_end, cue_after(tokens, more_end)?))
}

/// "50 worshippers were killed", "30 dead": the cue after the number.
fn cue_after(tokens: &[Token], end: usize) -> Option<bool> {
    for (k, t) in tokens.iter().enumerate().skip(end).take(7) {
        if t.kind != TokenKind::Word {
            return None;
        }
        if FATAL_AFTER.contains(&t.lower.as_str()) {
            return Some(true);
        }
        if INJURED_AFTER.contains(&t.lower.as_str()) {
            return Some(false);
        }
        // Only a few lower-case words ("worshippers", "police officers") may
        // stand between; not a place or a preposition ("a blast in Kabul killed").
        // "Three Iranian border guards": a country's adjective may stand too.
        let noun = (!t.is_cap() || lexicon::demonym(&t.lower).is_some())
            && !matches!(
                t.lower.as_str(),
                "in" | "at" | "on" | "near" | "from" | "by" | "with"
            );
        if !noun || (k >= end + 3 && !LINKS.contains(&t.lower.as_str())) {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::document::tokenize;

    fn counts(text: &str) -> Vec<(bool, u32)> {
        find(&tokenize(text))
            .iter()
            .map(|c| (c.fatal, c.value))
            .collect()
    }

    #[test]
    fn figures_before_and_after_their_cue() {
        assert_eq!(
            counts("killing at least 50 worshippers and wounding more than 140"),
            vec![(true, 50), (false, 140)]
        );
        assert_eq!(
            counts("at least 30 dead and 40 wounded"),
            vec![(true, 30), (false, 40)]
        );
        assert_eq!(counts("Four foreign cyclists were killed"), vec![(true, 4)]);
        assert_eq!(
            counts("Three Iranian border guards were martyred"),
            vec![(true, 3)]
        );
        assert_eq!(
            counts("about 100 people had been killed on both sides"),
            vec![(true, 100)]
        );
        assert_eq!(
            counts("put the death toll at 145, with more than 550 people injured"),
            vec![(true, 145), (false, 550)]
        );
        assert_eq!(counts("a blast killed a dozen people"), vec![(true, 12)]);
        assert_eq!(
            counts("killed forty-six and injured 1,200"),
            vec![(true, 46), (false, 1200)]
        );
        // Figures joined by "and" before one cue are one figure, their sum.
        assert_eq!(
            counts("Two soldiers and five militants were killed"),
            vec![(true, 7)]
        );
        assert_eq!(
            counts("12 guerrillas and 1 soldier were killed, and 3 were wounded"),
            vec![(true, 13), (false, 3)]
        );
    }

    #[test]
    fn no_one_hurt_is_zero_and_unrelated_numbers_are_not_counts() {
        assert_eq!(counts("No one was hurt."), vec![(true, 0), (false, 0)]);
        assert_eq!(counts("police detained six men"), vec![]);
        assert_eq!(counts("more than 130,000 residents had fled"), vec![]);
        assert_eq!(
            counts("The blasts, about fifteen minutes apart, killed 95 people"),
            vec![(true, 95)]
        );
        assert_eq!(
            counts("shot dead four suspects and arrested a fifth"),
            vec![]
        );
    }
}
