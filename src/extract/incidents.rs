//! From sentences to incidents: event words near places, their dates and
//! casualty figures, and mentions of the same incident merged into one.

use super::Relative;
use super::counts::{self, Count};
use super::dates::{self, DateExpr, When};
use super::document::{Document, Part, Token, TokenKind};
use super::lexicon::{self, EventType, contains};
use super::places::{Found, Places, Role, Skipped};
use crate::gazetteer::Kind;
use crate::incident::PartialDate;
use std::collections::BTreeMap;

/// One incident drawn from the article.
#[derive(Clone, Debug)]
pub struct Incident {
    /// Where.
    pub place: Found,
    /// When, as precisely as the text says.
    pub date: Option<PartialDate>,
    /// What.
    pub kind: EventType,
    /// Number killed.
    pub fatalities: Option<u32>,
    /// Number wounded.
    pub injuries: Option<u32>,
    /// The sentence that told it first (its evidence).
    pub lead: usize,
    /// Every sentence that told something of it, in order.
    pub sentences: Vec<usize>,
    /// Whether a prison is named in its sentences.
    pub prison: bool,
    /// The outlets its sentences cite, in order, each once.
    pub sources: Vec<String>,
    /// Whether a sentence told it with an assault word ("attacked", "ambush"):
    /// then combat words told of it too do not make it an armed clash.
    pub assault: bool,
}

/// An event word in a sentence.
#[derive(Clone, Copy, Debug)]
struct Word {
    start: usize,
    end: usize,
    kind: EventType,
    /// "the attack": refers back to an incident already told.
    reference: bool,
    /// Denied ("no rockets") or a comparison ("the deadliest attack since...").
    suppressed: bool,
    /// "another bombing": an incident other than those told, even at the same place.
    another: bool,
    /// Tells one side setting upon a target ("attacked", "ambush", "murder"),
    /// not combat between two.
    assault: bool,
}

/// The type of the event words that tell one incident: the strongest, but
/// an assault told beside combat words ("guerrillas attacked the town,
/// clashing with troops") is the assault, not the clash.
fn kind_of(words: &[Word]) -> Option<EventType> {
    let strongest = words.iter().map(|w| w.kind).reduce(EventType::stronger)?;
    if strongest != EventType::ArmedClash {
        return Some(strongest);
    }
    words
        .iter()
        .filter(|w| w.assault)
        .map(|w| w.kind)
        .reduce(EventType::stronger)
        .or(Some(strongest))
}

/// Whether event words tell an assault.
fn assaults(words: &[Word]) -> bool {
    words.iter().any(|w| w.assault)
}

/// The type of an incident told again: the stronger, but an incident told
/// with an assault word on one side stays the assault when the other side
/// tells combat ("a rebel attack in San Miguel" and "clashes in San Miguel").
fn merged(a: EventType, a_assault: bool, b: EventType, b_assault: bool) -> EventType {
    let strongest = a.stronger(b);
    if strongest != EventType::ArmedClash || a == b {
        return strongest;
    }
    let (other, other_assault) = if a == EventType::ArmedClash {
        (b, b_assault)
    } else {
        (a, a_assault)
    };
    if other_assault { other } else { strongest }
}

/// Nouns for people that an "-ing" event word may describe.
const PEOPLE: &[&str] = &[
    "militants",
    "fighters",
    "rebels",
    "soldiers",
    "troops",
    "insurgents",
    "jihadists",
    "men",
    "groups",
    "forces",
    "volunteers",
    "mercenaries",
    "citizens",
    "nationals",
    "members",
    "recruits",
];

/// Words that end the phrase of an event word ("the attack had been ordered by...").
const CLAUSE_WORDS: &[&str] = &[
    "had", "has", "have", "was", "were", "been", "is", "are", "by", "who", "which", "that", "said",
    "says",
];

/// Whether the words run on within one phrase: words only, and none that
/// opens a clause.
fn in_phrase(tokens: &[Token]) -> bool {
    tokens.len() <= 6
        && tokens
            .iter()
            .all(|t| t.kind == TokenKind::Word && !contains(CLAUSE_WORDS, &t.lower))
}

/// Past a clause that only says an event took place ("the murders which
/// have occurred in Colombia", "the attack that took place in Lima"): where
/// the words after it start, or `at` when none such follows.
fn occurred(tokens: &[Token], at: usize) -> usize {
    let is = |k: usize, words: &[&str]| tokens.get(k).is_some_and(|t| contains(words, &t.lower));
    if !is(at, &["which", "that"]) {
        return at;
    }
    let k = at + 1 + usize::from(is(at + 1, &["has", "have", "had"]));
    if is(k, &["occurred", "happened"]) {
        k + 1
    } else if is(k, &["took", "taken"]) && is(k + 1, &["place"]) {
        k + 2
    } else {
        at
    }
}

/// Names of crimes that, bare, name the crime in general ("charged with murder").
const BARE_CRIMES: &[&str] = &[
    "murder",
    "murders",
    "kidnap",
    "kidnapping",
    "kidnappings",
    "attack",
    "attacks",
    "bomb",
    "bombings",
    "assassination",
    "assassinations",
    "massacre",
    "massacres",
    "robbery",
    "robberies",
    "arson",
    "abduction",
    "abductions",
    "killings",
];

/// Verbs among the event words: never references.
const VERB_ENDINGS: &[&str] = &["ed"];
const VERBS: &[&str] = &[
    "shot", "struck", "storm", "hit", "ran", "drove", "blew", "opened", "fired",
];

fn event_words(tokens: &[Token]) -> Vec<Word> {
    let mut out = Vec::new();
    // "July 23, twin explosions": a day of a date is no tally.
    let dated = std::cell::OnceCell::new();
    let in_date = |k: usize| {
        dated
            .get_or_init(|| dates::find(tokens))
            .iter()
            .any(|d: &DateExpr| (d.start..d.end).contains(&k))
    };
    let mut i = 0;
    while i < tokens.len() {
        let found = lexicon::EVENT_PHRASES
            .iter()
            .filter(|(phrase, _)| dates::words(tokens, i, phrase))
            .max_by_key(|(phrase, _)| phrase.len());
        let Some((phrase, kind)) = found else {
            i += 1;
            continue;
        };
        let end = i + phrase.len();
        let last = phrase[phrase.len() - 1];
        let verb = VERB_ENDINGS.iter().any(|e| last.ends_with(e)) || contains(VERBS, phrase[0]);
        // "the attack", "the suicide attack", "the Peshawar mosque attack",
        // not "the target of another bombing".
        // "another bombing", not "another group opened fire" or "another
        // group of attackers".
        let another = !verb
            && (1..=3).any(|back| {
                i >= back
                    && tokens[i - back].lower == "another"
                    && !tokens[i - back + 1..i]
                        .iter()
                        .any(|t| contains(super::places::PREPOSITIONS, &t.lower))
            });
        // "in response to a deadly attack", "as retribution for the
        // killing of two commanders": the cause is an earlier incident.
        let cause = (2..=6).any(|back| {
            i >= back
                && lexicon::CAUSE_PHRASES
                    .iter()
                    .any(|p| dates::words(tokens, i - back, p))
                && tokens[i - back..i]
                    .iter()
                    .all(|t| t.kind == TokenKind::Word)
        });
        // "In response to the attacks": the incident just told, not another.
        let anaphoric = cause
            && (1..=3).any(|back| {
                i >= back && matches!(tokens[i - back].lower.as_str(), "the" | "these" | "those")
            });
        let another = another || cause && !anaphoric;
        let determiner = (1..=4).any(|back| {
            i >= back
                && contains(lexicon::DETERMINERS, &tokens[i - back].lower)
                && tokens[i - back + 1..i].iter().all(|t| {
                    t.kind == TokenKind::Word && !contains(super::places::PREPOSITIONS, &t.lower)
                })
        });
        // "the murder of", also past its date: "the assassination on 22
        // March of Bernardo Jaramillo".
        let of_at = |k: usize| tokens.get(k).is_some_and(|t| t.lower == "of");
        let of = of_at(end)
            || dated.get_or_init(|| dates::find(tokens)).iter().any(|d| {
                (d.start == end
                    || d.start == end + 1 && matches!(tokens[end].lower.as_str(), "on" | "in"))
                    && of_at(d.end)
            });
        // "condemned the assassination of", "to investigate the murder of",
        // "brought to trial for the killing": a reaction to an incident
        // told elsewhere, which refers to it rather than tells it.
        let reaction = !verb
            && (1..=5).any(|back| {
                i >= back
                    && contains(lexicon::REACTIONS, &tokens[i - back].lower)
                    && tokens[i - back + 1..i]
                        .iter()
                        .all(|t| t.kind == TokenKind::Word || t.possessive() || t.is('\''))
            });
        // "militants fighting in Syria", "citizens who have been fighting
        // there", "involved in attacks in Afghanistan": a description of
        // people, not an event.
        let lower = |k: usize| tokens[k].lower.as_str();
        let relative = (2..=4).any(|back| i >= back && lower(i - back) == "who")
            && i >= 1
            && matches!(lower(i - 1), "been" | "are" | "were" | "is" | "was");
        let part_in = phrase.len() == 1
            && phrase[0].ends_with('s')
            && i >= 2
            && matches!(
                (lower(i - 2), lower(i - 1)),
                ("involved" | "part" | "participated" | "participating", "in")
                    | ("responsible", "for")
            );
        let descriptive = (phrase[0].ends_with("ing")
            && (i >= 1 && contains(PEOPLE, lower(i - 1)) || relative))
            || part_in;
        // "this explosion of freedom", "an attack against socialism",
        // "attacked the programs": a figure of speech.
        let preposition = tokens
            .get(end)
            .is_some_and(|t| matches!(t.lower.as_str(), "of" | "against" | "on" | "upon"));
        let figurative = (preposition || verb)
            && (end + usize::from(preposition)..(end + 4).min(tokens.len()))
                .take_while(|&k| tokens[k].kind == TokenKind::Word)
                .any(|k| contains(lexicon::FIGURATIVE_OBJECTS, &tokens[k].lower));
        // "seized explosives and grenades", "RPG-7 rocket launchers": arms, not events.
        let weapon = contains(lexicon::WEAPON_WORDS, phrase[0])
            && phrase.len() == 1
            && (tokens
                .get(end)
                .is_some_and(|t| t.lower.starts_with("launcher"))
                || (i.saturating_sub(15)..i)
                    .rev()
                    .take_while(|&k| !tokens[k].is(';') && !tokens[k].is('.'))
                    .any(|k| contains(lexicon::SEIZURES, &tokens[k].lower))
                // "ammunition and explosives", "weapons, explosives": a list of arms.
                || (i.saturating_sub(3)..(end + 3).min(tokens.len()))
                    .any(|k| contains(lexicon::ARMS, &tokens[k].lower)));
        // "a social explosion": a figure of speech.
        let social = i > 0
            && phrase[0].starts_with("explosion")
            && contains(lexicon::FIGURATIVE_MODIFIERS, &tokens[i - 1].lower);
        // "a state of siege": a law, not an event; "harshly attacked the
        // president": words; "an earthquake killed 1,000": no one's act.
        let state_of = phrase[0] == "siege" && i >= 2 && lower(i - 2) == "state";
        let verbal = phrase[0].starts_with("attack")
            && i >= 1
            && contains(lexicon::VERBAL_ADVERBS, lower(i - 1));
        // "was killed in an airplane accident": the same, told after;
        // "were wounded on Aug. 9 when an armored vehicle overturned".
        let disaster = matches!(phrase[0], "killed" | "wounded" | "injured")
            && ((i.saturating_sub(8)..i)
                .rev()
                .take_while(|&k| !tokens[k].is(';') && !tokens[k].is('.'))
                .any(|k| contains(lexicon::DISASTERS, lower(k)))
                || tokens.get(end).is_some_and(|t| t.lower == "in")
                    && (end + 1..tokens.len().min(end + 5))
                        .take_while(|&k| tokens[k].kind == TokenKind::Word)
                        .any(|k| contains(lexicon::DISASTERS, lower(k)))
                || (end..tokens.len().min(end + 20))
                    .take_while(|&k| !tokens[k].is(';'))
                    .skip_while(|&k| lower(k) != "when")
                    .take_while(|&k| !tokens[k].is(','))
                    .any(|k| contains(lexicon::DISASTERS, lower(k))));
        // "nearly 400 attacks", "dozens of bombings", "a number of attacks":
        // a tally, not one incident.
        // People ("30 hostages", "12 attackers") are no tally.
        let tally = last.ends_with('s')
            && !last.ends_with("ers")
            && last != "hostages"
            && (1..=3).any(|back| {
                i >= back && {
                    let k = i - back;
                    // Not a year: "the 2010 Moscow subway bombings".
                    let year = dates::year(Some(&tokens[k])).is_some();
                    matches!(lower(k), "dozens" | "hundreds" | "thousands" | "scores")
                        // "a number of suicide attacks".
                        || (lower(k) == "number" && lower(k + 1) == "of")
                        || (!year
                            && counts::number_at(tokens, k).is_some_and(|(n, _)| n >= 10)
                            && !in_date(k))
                }
            });
        // "charged with murder", "on charges of murder, kidnapping and
        // robbery", "who kidnap, murder and torture", "to murder the people":
        // a crime named in general or an act intended, not an incident told.
        let generic = phrase.len() == 1 && contains(BARE_CRIMES, phrase[0]) && i >= 1 && {
            let before = lower(i - 1);
            let after_of = before == "of"
                && i >= 2
                && !matches!(lower(i - 2), "series" | "wave" | "string" | "spate");
            let to = before == "to"
                && !(i >= 2
                    && matches!(
                        lower(i - 2),
                        "tried"
                            | "attempted"
                            | "attempt"
                            | "attempting"
                            | "trying"
                            | "response"
                            | "due"
                            | "led"
                    ));
            let no_object = tokens.get(end).is_none_or(|t| {
                t.kind == TokenKind::Punct || matches!(t.lower.as_str(), "and" | "or" | "nor")
            });
            no_object
                && (matches!(
                    before,
                    "with" | "and" | "or" | "," | "who" | "they" | "we" | "them"
                ) || after_of
                    || to)
        };
        // "..., killing 16 people" tells a killing when nothing before it
        // did ("a bomb explodes, killing eight"; "carried out a number of
        // attacks, killing dozens"); "the killing of" refers to one.
        let gerund = phrase[0] == "killing" && !(out.is_empty() && i >= 1 && tokens[i - 1].is(','));
        // "are also attacking Kunduz", "began attacking": the verb in the
        // progressive; "accused of attacking", "attacking forces" are not.
        let progressive = phrase[0] != "attacking"
            || (1..=2).any(|back| {
                i >= back
                    && matches!(
                        lower(i - back),
                        "are" | "were" | "is" | "was" | "been" | "began" | "started" | "kept"
                    )
                    && (back == 1 || matches!(lower(i - 1), "also" | "still" | "now"))
            });
        let negated = descriptive
            || gerund
            || !progressive
            || generic
            || tally
            || state_of
            || verbal
            || disaster
            || figurative
            || social
            || weapon
            || (1..=2)
                .any(|back| i >= back && contains(lexicon::NEGATIONS, &tokens[i - back].lower));
        out.push(Word {
            start: i,
            end,
            kind: *kind,
            reference: !verb && (determiner && !of || reaction || anaphoric) && !another,
            suppressed: negated,
            another,
            assault: contains(lexicon::ASSAULT_WORDS, phrase[0]),
        });
        i = end;
    }
    out
}

/// "succumbed to his injuries on Aug. 9", "died of his wounds on 12 May": the
/// date of a death after the attack, not the attack's.
fn died_later(tokens: &[Token], d: &DateExpr) -> bool {
    let before = &tokens[d.start.saturating_sub(6)..d.start];
    let word = |w: &str| before.iter().any(|t| t.lower == w);
    word("succumbed") || (word("died") && (word("injuries") || word("wounds") || word("injury")))
}

/// Verbs of a plan under way.
const PLANNING: &[&str] = &["planning", "plotting", "preparing"];

/// "were planning several terrorist attacks", "plotting a series of
/// bombings": attacks that were planned (and, being told, stopped) are a
/// foiled plot. A plan with "to" ("planning to attack") is a forecast.
fn plots(tokens: &[Token], words: &mut [Word]) {
    // "planning", or "had planned" (not "a planned attack", which was carried out).
    let planning = |k: usize| {
        PLANNING.contains(&tokens[k].lower.as_str())
            || (matches!(tokens[k].lower.as_str(), "planned" | "plotted" | "prepared")
                && k > 0
                && matches!(tokens[k - 1].lower.as_str(), "had" | "has" | "have"))
    };
    for w in words.iter_mut() {
        let told_planned = (1..=4).any(|back| {
            w.start >= back
                && planning(w.start - back)
                && tokens[w.start - back + 1..w.start].iter().all(|t| {
                    // Not "had planned the murder of": a plan carried out.
                    t.kind == TokenKind::Word
                        && !t.is_cap()
                        && !matches!(t.lower.as_str(), "to" | "the" | "this" | "that")
                })
        });
        if told_planned && w.kind.has_casualties() && w.kind != EventType::ArmedClash {
            w.kind = EventType::FoiledPlot;
            w.assault = false;
        }
    }
    // "planning several attacks, including one against the base at Kant and
    // a terrorist attack during prayers in Bishkek": the attacks of the
    // list are the plot's.
    let Some(head) = words.iter().position(|w| w.kind == EventType::FoiledPlot) else {
        return;
    };
    let listed = |a: usize, b: usize| {
        tokens[a..b].iter().any(|t| t.lower == "including")
            && !tokens[a..b].iter().any(|t| t.is(';'))
    };
    let end = words[head].end;
    for w in words.iter_mut().skip(head + 1) {
        if w.kind.has_casualties() && !tokens[w.start].lower.ends_with("ed") && listed(end, w.start)
        {
            w.kind = EventType::FoiledPlot;
            w.assault = false;
        }
    }
}

/// First words of bombing phrases that aircraft do ("helicopters bombed
/// villages"), unlike "a bomb exploded on a plane".
const AIR_BOMBING: &[&str] = &["bombed", "bombing", "bombings", "bombarded"];

/// Bombings told with aircraft before them in the sentence ("military planes
/// and helicopter gunships bombed towns", "the air force bombed rebel
/// positions") or as their agent ("bombed by the air force") are air strikes; aircraft that are a bomb's place ("on a
/// plane", "aboard the jet") are not.
fn air_strikes(tokens: &[Token], words: &mut [Word]) {
    let aircraft = |k: usize| {
        let t = &tokens[k].lower;
        (contains(lexicon::AIRCRAFT, t)
            || (t == "air" && tokens.get(k + 1).is_some_and(|n| n.lower == "force")))
            && !(1..=3).any(|back| {
                k >= back && matches!(tokens[k - back].lower.as_str(), "on" | "aboard" | "in")
            })
    };
    for w in words.iter_mut() {
        // "continues to bomb neighborhoods": the verb.
        let verb =
            tokens[w.start].lower == "bomb" && w.start > 0 && tokens[w.start - 1].lower == "to";
        if w.kind == EventType::Bombing
            && (verb || contains(AIR_BOMBING, &tokens[w.start].lower))
            && ((w.start.saturating_sub(12)..w.start).any(aircraft)
                // "bombed by the air force", "bombed by helicopters".
                || (tokens.get(w.end).is_some_and(|t| t.lower == "by")
                    && (w.end + 1..(w.end + 4).min(tokens.len())).any(aircraft)))
        {
            w.kind = EventType::AirStrike;
        }
    }
}

/// Assaults whose target is armed forces ("guerrillas attacked military
/// positions", "an ambush against an army patrol", "army units were
/// attacked"), and the killing of fighters of either side told alone
/// ("12 guerrillas and 1 soldier were killed"), are armed clashes: combat
/// between two armed sides.
fn attacks_on_forces(tokens: &[Token], words: &mut [Word]) {
    // "a police patrol" is not armed forces.
    let military = |k: usize| {
        contains(lexicon::MILITARY_TARGETS, &tokens[k].stem().to_lowercase())
            && !(k > 0 && contains(lexicon::POLICE, &tokens[k - 1].lower))
    };
    // The object: the words after the event word (and "on", "against"),
    // up to the end of its phrase.
    let object = |w: &Word| {
        (w.end..tokens.len())
            .skip_while(|&k| matches!(tokens[k].lower.as_str(), "on" | "against" | "upon"))
            .take(5)
            .take_while(|&k| {
                tokens[k].kind == TokenKind::Word
                    && tokens[k].lower != "and"
                    && !contains(CLAUSE_WORDS, &tokens[k].lower)
            })
            .any(military)
    };
    // The subject of a passive: "military units were attacked".
    let passive = |w: &Word| {
        w.start >= 2
            && matches!(
                tokens[w.start - 1].lower.as_str(),
                "was" | "were" | "been" | "being"
            )
            && (w.start.saturating_sub(6)..w.start - 1)
                .rev()
                .take_while(|&k| tokens[k].kind == TokenKind::Word)
                .any(military)
    };
    // "12 guerrillas and 1 soldier were killed", "784 terrorists have been
    // killed": the fallen of combat, with no one told setting upon anyone.
    let fallen = |w: &Word| {
        tokens[w.start].lower == "killed"
            && w.start >= 2
            && matches!(tokens[w.start - 1].lower.as_str(), "were" | "been")
            && (w.start.saturating_sub(8)..w.start - 1)
                .rev()
                .take_while(|&k| tokens[k].kind != TokenKind::Punct)
                .any(|k| military(k) || contains(lexicon::COMBATANTS, &tokens[k].lower))
    };
    // "Two soldiers were killed when a roadside bomb exploded": the
    // bombing, not combat.
    let alone = words
        .iter()
        .all(|w| matches!(w.kind, EventType::Attack | EventType::ArmedClash));
    for w in words.iter_mut() {
        if w.kind == EventType::Attack
            && ((w.assault && (object(w) || passive(w))) || (!w.assault && alone && fallen(w)))
        {
            w.kind = EventType::ArmedClash;
            w.assault = false;
        }
    }
}

/// "Killed" in a toll of a war or a span of years ("during 10 years of
/// civil war more than 70,000 people have been killed", "in the last 3
/// years, 64 mayors have been killed", "the war, which killed 1,000"):
/// suppressed, and the first such word returned.
fn tolls(tokens: &[Token], words: &mut [Word]) -> Option<Word> {
    // "the war, which killed", "violence that has lasted 10 years and killed".
    let war_subject = |at: usize| {
        (at.saturating_sub(8)..at).any(|k| {
            matches!(
                tokens[k].lower.as_str(),
                "war" | "wars" | "conflict" | "violence"
            ) && tokens[k + 1..at]
                .iter()
                .any(|t| matches!(t.lower.as_str(), "which" | "that" | "and"))
        })
    };
    let span = (0..tokens.len()).any(|k| {
        let t = tokens[k].lower.as_str();
        matches!(t, "years" | "decades" | "decade")
            && (k > 0
                && (tokens[k - 1].kind == TokenKind::Number
                    || lexicon::NUMBER_WORDS
                        .iter()
                        .any(|(w, _)| *w == tokens[k - 1].lower)
                    || matches!(tokens[k - 1].lower.as_str(), "recent" | "last" | "past"))
                && tokens.get(k + 1).is_none_or(|n| n.lower != "ago"))
    });
    let mut first = None;
    for w in words.iter_mut() {
        if (span || war_subject(w.start)) && !w.suppressed && tokens[w.start].lower == "killed" {
            w.suppressed = true;
            first.get_or_insert(*w);
        }
    }
    first
}

/// Words before a plural that make it events in general ("several attacks").
const GENERIC_BEFORE: &[&str] = &[
    "several",
    "many",
    "numerous",
    "various",
    "frequent",
    "repeated",
    "countless",
    "more",
    "other",
    "continued",
    "constant",
    "daily",
];

/// Whether the sentence names another target of its kind ("At another
/// firearms store, they killed a visitor", "A third group hijacked a bus"):
/// its events are an incident other than the one being told, though at the
/// same town. With `groups`, "another group" counts too.
fn names_another_target(tokens: &[Token], groups: bool) -> bool {
    (0..tokens.len()).any(|i| {
        let marker = &tokens[i].lower;
        let ordinal = marker != "another";
        contains(lexicon::OTHER_MARKERS, marker)
            && (!ordinal || i > 0 && tokens[i - 1].lower == "a")
            && (1..=3).any(|ahead| {
                tokens[i + 1..].get(..ahead).is_some_and(|span| {
                    let (noun, between) = span.split_last().expect("one token at least");
                    between.iter().all(|t| {
                        t.kind == TokenKind::Word
                            && !contains(super::places::PREPOSITIONS, &t.lower)
                    }) && (contains(lexicon::TARGET_SITES, &noun.lower)
                        || (ordinal || groups) && contains(lexicon::ATTACKER_GROUPS, &noun.lower))
                })
            })
    })
}

/// A plural event noun with no number or determiner before it ("several
/// attacks", "has staged dynamite attacks", not "two bombings", "the
/// attacks", "terrorists threw bombs at the homes").
fn generic_plural(tokens: &[Token], w: &Word) -> bool {
    let last = &tokens[w.end - 1].lower;
    let plural = last.ends_with('s') && !last.ends_with("ss");
    let lower = |k: usize| tokens[k].lower.as_str();
    // The object of a verb in the simple past tells what was done.
    let done = (1..=2).any(|back| {
        w.start >= back
            && (lower(w.start - back).ends_with("ed")
                || matches!(
                    lower(w.start - back),
                    "threw" | "set" | "put" | "left" | "blew"
                ))
            && (back == 1 || matches!(lower(w.start - 1), "out" | "off"))
            && !(w.start > back
                && matches!(lower(w.start - back - 1), "has" | "have" | "had" | "to"))
    });
    // Not the sentence's subject ("Clashes took place", "Heavy clashes
    // erupted"), unless a quantifier says so ("Several bombs have exploded").
    let general = w.start > 2 || (0..w.start).any(|k| contains(GENERIC_BEFORE, lower(k)));
    // "A spate of shootings and explosions has forced the debate": a run of
    // incidents, told with no date, is incidents in general.
    let run = w.start >= 2
        && lower(w.start - 1) == "of"
        && matches!(
            lower(w.start - 2),
            "spate" | "series" | "wave" | "string" | "rash"
        );
    // "were planning several attacks": a plot told, see [`plots`].
    let planned = w.kind == EventType::FoiledPlot
        && (1..=4).any(|back| w.start >= back && PLANNING.contains(&lower(w.start - back)));
    plural
        && !done
        && !planned
        && (run
            || general
                && !(w.start.saturating_sub(3)..w.start).any(|k| {
                    counts::number_at(tokens, k).is_some()
                        || contains(lexicon::DETERMINERS, lower(k))
                }))
}

/// Token ranges inside parentheses, the parentheses excluded.
fn parentheses(tokens: &[Token]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open = None;
    for (k, t) in tokens.iter().enumerate() {
        if t.is('(') {
            open = Some(k + 1);
        } else if t.is(')')
            && let Some(a) = open.take()
        {
            out.push((a, k));
        }
    }
    out
}

/// Whether a sentence says when "it", "this" or "the incident" happened
/// ("It happened on 5 July", "The incident occurred at dawn").
fn happened(tokens: &[Token]) -> bool {
    tokens.windows(2).enumerate().any(|(k, p)| {
        let verb = matches!(p[1].lower.as_str(), "happened" | "occurred")
            || (p[1].lower == "took" && tokens.get(k + 2).is_some_and(|t| t.lower == "place"));
        verb && matches!(p[0].lower.as_str(), "it" | "this" | "incident")
    })
}

/// Token ranges of comparisons: from a superlative to the end of its clause
/// ("the deadliest attack since the Beslan siege"), or to a "was the" that
/// names the incident compared ("the deadliest attack was the August 26
/// Kabul airport bombing"), or from a comparative to its "than" ("more
/// attacks in the republic than in its neighbours", not "more than 20
/// killed"). The flag says whether the clause goes on with ", when", whose
/// dates belong to what follows.
fn comparisons(tokens: &[Token]) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    let clause_end = |s: usize| {
        (s..tokens.len())
            .find(|&k| tokens[k].is(',') || tokens[k].is(';'))
            .unwrap_or(tokens.len())
    };
    for (s, t) in tokens.iter().enumerate() {
        if matches!(t.lower.as_str(), "more" | "fewer" | "less")
            && tokens.get(s + 1).is_some_and(|n| n.lower != "than")
            && let Some(than) = (s + 2..clause_end(s)).find(|&k| tokens[k].lower == "than")
        {
            out.push((s, than, false));
            continue;
        }
        if !contains(lexicon::SUPERLATIVES, &t.lower) {
            continue;
        }
        let names = |k: usize| {
            matches!(tokens[k].lower.as_str(), "was" | "is")
                && tokens.get(k + 1).is_some_and(|t| t.lower == "the")
        };
        let end = (s..tokens.len())
            .find(|&k| {
                tokens[k].is(',') || tokens[k].is(';') || tokens[k].lower == "when" || names(k)
            })
            .unwrap_or(tokens.len());
        let when = tokens.get(end + 1).is_some_and(|t| t.lower == "when")
            || tokens.get(end).is_some_and(|t| t.lower == "when");
        out.push((s, end, when));
    }
    out
}

/// Token ranges of clauses (between commas, semicolons and the sentence's
/// ends) that hold a forecast or assessment word: their events did not happen.
/// A lower-case "may" only: "May" may be the month; "should" and "must"
/// not before "be" or "have": "it should be recalled that they robbed". A
/// forecast in a relative clause covers only that clause: "the murder ...
/// attributed to groups that want to hinder peace" happened.
fn forecasts(tokens: &[Token]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let aside = |k: usize| {
        matches!(tokens[k].lower.as_str(), "should" | "must")
            && tokens
                .get(k + 1)
                .is_some_and(|t| matches!(t.lower.as_str(), "be" | "have"))
    };
    for end in
        (0..=tokens.len()).filter(|&k| k == tokens.len() || tokens[k].is(',') || tokens[k].is(';'))
    {
        let found = (start..end).filter(|&k| !aside(k)).find(|&k| {
            lexicon::FORECASTS.iter().any(|phrase| {
                phrase.iter().enumerate().all(|(j, w)| {
                    tokens.get(k + j).is_some_and(|t| {
                        t.lower == *w && k + j < end && (*w != "may" || t.text == "may")
                    })
                })
            })
        });
        if let Some(k) = found {
            let relative =
                k > start && matches!(tokens[k - 1].lower.as_str(), "that" | "who" | "which");
            out.push((if relative { k - 1 } else { start }, end));
        }
        start = end + 1;
    }
    out
}

/// What the sentences of an article tell, as incidents, and the events left out.
pub fn build(doc: &Document, places: &Places) -> (Vec<Incident>, Vec<Skipped>) {
    let mut builder = Builder {
        doc,
        incidents: Vec::new(),
        skipped: Vec::new(),
        current: None,
        dated: vec![None; doc.sentences.len()],
        yearless: vec![None; doc.sentences.len()],
        untold: vec![false; doc.sentences.len()],
        chronology: dates::Chronology::default(),
        heading: None,
        entry: None,
        figures: Vec::new(),
    };
    for (s, sentence) in doc.sentences.iter().enumerate() {
        builder.chronology.read(&sentence.tokens);
        if let Some((date, placed)) = dates::heading(&sentence.tokens) {
            builder.heading = Some((sentence.block, date));
            builder.entry = placed.then_some(s);
            builder.figures.clear();
        } else if sentence.part != Part::Dateline {
            builder.sentence(s, places);
        }
    }
    // "have been killed in simultaneous attacks ..., state TV reported on
    // Thursday evening": an incident no sentence dated is news of the day
    // its lead was reported, unless the lead says it was before ("Clashes
    // took place earlier", "gunmen had attacked").
    for i in builder.incidents.iter_mut().filter(|i| i.date.is_none()) {
        let lead = &doc.sentences[i.lead];
        if lead
            .tokens
            .iter()
            .any(|t| matches!(t.lower.as_str(), "earlier" | "previously" | "had"))
        {
            continue;
        }
        i.date = dates::find(&lead.tokens)
            .iter()
            .filter(|d| d.report && !lead.cited(d.start))
            .find_map(|d| dates::resolve(d.when, None, doc.reference))
            .filter(|p| p.day.is_some());
    }
    (builder.incidents, builder.skipped)
}

struct Builder<'d> {
    doc: &'d Document,
    incidents: Vec<Incident>,
    skipped: Vec<Skipped>,
    current: Option<usize>,
    /// Each sentence's own date, resolved when it was read.
    dated: Vec<Option<PartialDate>>,
    /// Whether each sentence told a date that gave no day, month or year
    /// ("last week", "months later").
    untold: Vec<bool>,
    /// The month of each sentence's own date when nothing gave it a year
    /// ("On April 18th" in an article of unknown date).
    yearless: Vec<Option<u8>>,
    /// The years the text's order gives to dates told without one.
    chronology: dates::Chronology,
    /// A date on a line of its own ("August 31 1999") and its block: it
    /// dates the sentence that follows it, an entry of a chronology.
    heading: Option<(usize, DateExpr)>,
    /// The last heading that names a place as well as a date ("17 February
    /// 2016: Ankara"): where its entry's events told without a place were.
    entry: Option<usize>,
    /// Figures told on a line of their own under a heading ("Six dead, 39
    /// injured"): the entry's, given to its first event.
    figures: Vec<Count>,
}

/// Places that stand for one incident place: those joined by "and" share events.
struct Unit<'p> {
    places: Vec<&'p Found>,
    groups: Vec<usize>,
    start: usize,
    end: usize,
    words: Vec<Word>,
}

fn distance(a: (usize, usize), b: (usize, usize)) -> usize {
    if a.1 <= b.0 {
        b.0 - a.1
    } else {
        a.0.saturating_sub(b.1)
    }
}

fn dates_compatible(a: Option<PartialDate>, b: Option<PartialDate>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            a.year == b.year
                && (a.month.is_none() || b.month.is_none() || a.month == b.month)
                && (a.day.is_none() || b.day.is_none() || a.day == b.day)
        }
        _ => true,
    }
}

fn more_precise(a: Option<PartialDate>, b: Option<PartialDate>) -> Option<PartialDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.to_string().len() > a.to_string().len() {
            b
        } else {
            a
        }),
        (a, b) => a.or(b),
    }
}

/// Whether two places can be where one incident happened.
fn same_place(a: &Found, b: &Found) -> bool {
    let (a, b) = (&a.place, &b.place);
    a.same(b) || (a.rank() >= b.rank() && b.within(a)) || (b.rank() >= a.rank() && a.within(b))
}

impl Builder<'_> {
    fn sentence(&mut self, s: usize, places: &Places) {
        let sentence = &self.doc.sentences[s];
        let tokens = &sentence.tokens;
        let caption = sentence.credited()
            || (0..tokens.len())
                .any(|k| lexicon::CAPTIONS.iter().any(|p| dates::words(tokens, k, p)));
        if caption {
            return;
        }
        // Every date told, read once: the sentence's own dates, the figures
        // that are days of a date, and a sentence opening "Days later".
        let all_dates = dates::find(tokens);
        let mut words = event_words(tokens);
        words.retain(|w| !sentence.cited(w.start));
        let another_target = names_another_target(tokens, false);
        // "Almost simultaneously, another group of gunmen assassinated an
        // official in the village of Sleptsovskaya": another incident when
        // told at another place than the one being told ("At the same time
        // another group opened fire on a police post in Derbent" is the
        // Derbent attack).
        // "The Taliban are also attacking in Helmand's Nad Ali district",
        // told after an attack elsewhere in Helmand: so is what is "also"
        // done at another place.
        let also = words
            .iter()
            .any(|w| (w.start.saturating_sub(2)..w.start).any(|k| tokens[k].lower == "also"));
        let another_group = !another_target
            && (also || names_another_target(tokens, true))
            && self.current.is_some_and(|c| {
                let told = &self.incidents[c].place.place;
                let mut named = places
                    .in_sentence(s)
                    .filter(|f| f.role == Role::Locative && f.place.kind != Kind::Country)
                    .peekable();
                named.peek().is_some() && named.all(|f| !f.place.same(told))
            });
        if another_target || another_group {
            for w in &mut words {
                w.another = true;
                w.reference = false;
            }
        }
        // "Days later, a suicide bomber struck the home of a tribal leader
        // in Jalalabad": an incident of another day, even at the same place.
        let later = all_dates.first().is_some_and(|d| {
            // Not an aftermath: "In the days that followed, police detained".
            d.start == 0
                && !matches!(tokens[0].lower.as_str(), "in" | "over" | "within")
                && matches!(
                    d.when,
                    When::Vague | When::Unknown | When::Shift { days: 2.., .. }
                )
        });
        if later {
            for w in words.iter_mut().filter(|w| !w.reference) {
                w.another = true;
            }
        }
        // "What do you think about kidnappings?": a question tells no incident.
        if sentence.text.trim_end().ends_with('?') {
            if let Some(w) = words.first() {
                self.skipped.push(Skipped {
                    sentence: s,
                    text: text(tokens, w.start, w.end),
                    reason: "a question, not a report".into(),
                });
            }
            return;
        }
        air_strikes(tokens, &mut words);
        attacks_on_forces(tokens, &mut words);
        plots(tokens, &mut words);
        if let Some(w) = tolls(tokens, &mut words) {
            self.skipped.push(Skipped {
                sentence: s,
                text: text(tokens, w.start, w.end),
                reason: "a toll of a war or of years, not one incident".into(),
            });
        }
        let comparisons = comparisons(tokens);
        let in_comparison = |k: usize| comparisons.iter().any(|(a, b, _)| (*a..*b).contains(&k));
        let forecasts = forecasts(tokens);
        for w in &mut words {
            if in_comparison(w.start) {
                w.suppressed = true;
            }
            // A plot that was foiled is an incident, whatever was planned.
            if !w.suppressed
                && w.kind != EventType::FoiledPlot
                && forecasts.iter().any(|(a, b)| (*a..*b).contains(&w.start))
            {
                w.suppressed = true;
                self.skipped.push(Skipped {
                    sentence: s,
                    text: text(tokens, w.start, w.end),
                    reason: "a forecast, assessment, plan or habit, not an incident".into(),
                });
            }
        }
        let mut dates: Vec<DateExpr> = all_dates
            .iter()
            .copied()
            .filter(|d| {
                !d.report
                    && !sentence.cited(d.start)
                    && !died_later(tokens, d)
                    && !comparisons
                        .iter()
                        .any(|(a, b, when)| !when && (*a..*b).contains(&d.start))
            })
            .collect();
        // "17 February 2016: Ankara", "28 dead, 60 injured", then the
        // entry's text: the heading dates the first sentence that tells an event.
        let headed = !words.is_empty() && self.heading.is_some();
        if headed
            && let Some((block, heading)) = self.heading.take()
            && sentence.block > block
            && dates.first().is_none_or(|d| d.start > 0)
        {
            dates.insert(
                0,
                DateExpr {
                    start: 0,
                    end: 0,
                    ..heading
                },
            );
        }
        let dates = self.in_order(tokens, dates);
        self.dated[s] = dates
            .first()
            .and_then(|d| dates::resolve(d.when, self.anchor(), self.doc.reference));
        if self.dated[s].is_none() {
            self.untold[s] = dates.first().is_some_and(|d| d.when == When::Unknown);
            self.yearless[s] = dates.first().and_then(|d| match d.when {
                When::MonthDay(m, _) | When::Month(m) => Some(m),
                _ => None,
            });
        }
        // A citation's date may date this sentence's incidents, never a neighbour's.
        let dates = if dates.is_empty() {
            sentence.citations.iter().filter_map(|c| c.date).collect()
        } else {
            dates
        };
        let mut counts = counts::find(tokens);
        // "on August 10 killed seven": a date's day is no figure.
        counts.retain(|c| {
            !sentence.cited(c.at) && !all_dates.iter().any(|d| (d.start..d.end).contains(&c.at))
        });
        if words.is_empty() && self.heading.is_some() && !counts.is_empty() {
            self.figures = counts.iter().map(|c| Count { at: 0, ..*c }).collect();
            return;
        }
        if headed {
            counts.append(&mut self.figures);
        }
        // "blamed rightist groups for several attacks", "the return to
        // kidnappings": a plural with no date, number or toll is attacks in
        // general, not one incident.
        // "have rocked Afghanistan since mid-August": a period, not a date.
        let since = |d: &DateExpr| {
            (d.start.saturating_sub(10)..=d.start)
                .rev()
                .take_while(|&k| tokens.get(k).is_some_and(|t| t.kind == TokenKind::Word))
                .any(|k| tokens[k].lower == "since")
        };
        if dates.iter().all(since) && counts.is_empty() {
            for w in words
                .iter_mut()
                .filter(|w| !w.suppressed && generic_plural(tokens, w))
            {
                w.suppressed = true;
                self.skipped.push(Skipped {
                    sentence: s,
                    text: text(tokens, w.start, w.end),
                    reason: "incidents in general, with no date or number".into(),
                });
            }
        }
        // "Since then, more than 600 security personnel have been killed in
        // PKK attacks": a tally over a period, no incident.
        // "over the past year", "in the last two months"
        let past = tokens.windows(3).enumerate().any(|(k, p)| {
            matches!(p[0].lower.as_str(), "over" | "in" | "during")
                && p[1].lower == "the"
                && matches!(p[2].lower.as_str(), "past" | "last")
                && tokens[k + 3..].iter().take(2).any(|t| {
                    matches!(
                        t.lower.trim_end_matches('s'),
                        "day" | "week" | "month" | "year" | "decade"
                    )
                })
        });
        // "since 11 November", "Since the UP was founded": any "since".
        let period = past || tokens.iter().any(|t| t.lower == "since");
        let perfect = tokens
            .windows(2)
            .any(|p| matches!(p[0].lower.as_str(), "has" | "have") && p[1].lower == "been");
        if period && perfect && !counts.is_empty() {
            counts.clear();
            for w in words.iter_mut().filter(|w| !w.suppressed) {
                w.suppressed = true;
                self.skipped.push(Skipped {
                    sentence: s,
                    text: text(tokens, w.start, w.end),
                    reason: "a tally over a period, not one incident".into(),
                });
            }
        }
        // "(outlawed in Russia)", "(Puno department)": a remark or a
        // qualifier in parentheses places no incident, unless it tells one.
        let asides = parentheses(tokens);
        let aside = |k: usize| {
            asides.iter().any(|&(a, b)| {
                (a..b).contains(&k) && !words.iter().any(|w| (a..b).contains(&w.start))
            })
        };
        let here: Vec<&Found> = places
            .in_sentence(s)
            .filter(|f| f.role != Role::Dateline && !aside(f.start))
            .collect();
        let mut candidates = incident_places(tokens, &here);
        // "during clashes in the southern part of the province near the
        // Afghanistan and Pakistan borders": the province told before, not
        // the countries it borders.
        if !candidates.is_empty()
            && candidates.iter().all(|c| c.place.kind == Kind::Country)
            && let Some(area) = self.area_told(s, places)
        {
            candidates = vec![area];
        }
        let mut fresh: Vec<Word> = words
            .iter()
            .copied()
            .filter(|w| !w.suppressed && !w.reference)
            .collect();
        let references: Vec<Word> = words
            .iter()
            .copied()
            .filter(|w| !w.suppressed && w.reference)
            .collect();

        if fresh.is_empty() {
            if references.is_empty() && counts.is_empty() {
                // "IT HAPPENED ON 5 JULY AT 1010 HOURS": the date of the
                // incident just told, when it had none.
                if let Some(c) = self.current
                    && happened(tokens)
                {
                    self.date_if_undated(c, s);
                }
                return;
            }
            let kind = kind_of(&references);
            // "the 2010 Moscow subway bombings": a year of the past names
            // another incident than an undated one or one of another year.
            let past = dates
                .iter()
                .filter(|d| d.is_absolute())
                .filter_map(|d| dates::resolve(d.when, None, self.doc.reference))
                .find(|&d| self.past_year(d));
            let same_time = |i: &Incident| {
                past.is_none_or(|p| i.date.is_some_and(|d| dates_compatible(Some(d), Some(p))))
            };
            let target = if candidates.is_empty() {
                self.current.filter(|&c| same_time(&self.incidents[c]))
            } else {
                self.incidents.iter().rposition(|i| {
                    candidates.iter().any(|c| same_place(c, &i.place))
                        && kind.is_none_or(|k| k.compatible(i.kind))
                        && same_time(i)
                })
            };
            if let Some(t) = target
                && kind.is_none_or(|k| k.compatible(self.incidents[t].kind))
            {
                // "struck a mosque in northern Afghanistan ... The blast tore
                // through a mosque in the city of Kunduz": the reference says
                // where, more precisely, inside the place told before.
                let told = &self.incidents[t].place;
                if let Some(finer) = candidates
                    .iter()
                    .filter(|c| c.role == Role::Locative && c.place.within(&told.place))
                    .filter(|c| c.place.rank() < told.place.rank())
                    .min_by_key(|c| c.place.rank())
                {
                    self.incidents[t].place = (*finer).clone();
                }
                // "THE EXPLOSION OCCURRED AT 2350 ON 16 JANUARY": the
                // reference dates an incident told without a date.
                self.date_if_undated(t, s);
                self.attach(t, s, None, false, &counts);
                return;
            }
            // "the attack on a mosque in Herat", told first: a new incident
            // when the place follows the event word within its phrase, or
            // when nothing was told before ("The latest blast ... tore
            // through a mosque in Kandahar").
            let first = self.incidents.is_empty()
                && (!dates.is_empty() || !counts.is_empty())
                && candidates.iter().any(|c| c.role == Role::Locative);
            fresh = references
                .iter()
                .copied()
                .filter(|w| {
                    target.is_none()
                        && (first && !candidates.is_empty()
                            || candidates.iter().any(|c| {
                                c.start >= w.end
                                    && in_phrase(
                                        &tokens[occurred(tokens, w.end).min(c.start)..c.start],
                                    )
                            }))
                })
                .collect();
            if fresh.is_empty() {
                return;
            }
        }
        if candidates.is_empty() {
            let kind = kind_of(&fresh).expect("fresh words");
            // "On Saturday" in a report of known date is as definite.
            let published = self.doc.reference.is_some_and(|r| r.published);
            let explicit = dates
                .iter()
                .find(|d| d.is_absolute() || (published && matches!(d.when, When::Weekday(_))))
                .and_then(|d| dates::resolve(d.when, None, self.doc.reference));
            // "Last week in Huancayo a candidate was murdered. Yesterday a car
            // bomb exploded": told at another time than the incident before,
            // whose date was told but gave no day, is another incident there.
            let another = fresh.iter().any(|w| w.another)
                || self.current.is_some_and(|c| {
                    let told = &self.incidents[c];
                    told.date.is_none() && self.untold[told.lead] && self.dated[s].is_some()
                });
            // A date of its own, told beside the event ("were killed on 23
            // July"), not in another clause ("who defected in 2015").
            let close_date = dates.iter().any(|d| {
                (d.is_absolute() || matches!(d.when, When::Weekday(_)))
                    && fresh
                        .iter()
                        .any(|w| d.start.abs_diff(w.end) <= 6 || w.start.abs_diff(d.end) <= 6)
            }) && explicit.is_some();
            let forces = forces_country(s, tokens, places, false);
            // "October 28, 2013: A vehicle ... in Beijing ... blasting into
            // flames. Five people are killed": the sentence before, in the
            // same paragraph, told another date than the incident being told
            // and no incident of its own; what follows is of that date.
            let moved_on = self.current.is_some_and(|c| {
                let told = &self.incidents[c];
                s.checked_sub(1).is_some_and(|p| {
                    self.doc.sentences[p].block == self.doc.sentences[s].block
                        && told.lead != p
                        && !told.sentences.contains(&p)
                        && self.dated[p].is_some()
                        && !dates_compatible(self.dated[p], told.date)
                })
            });
            // "Four of the assailants were killed and seven detained on
            // Sunday": the killing goes on with the incident being told,
            // though the arrests are the stronger type.
            let kind = match self.current {
                Some(c)
                    if kind == EventType::Arrests && !kind.compatible(self.incidents[c].kind) =>
                {
                    let told = self.incidents[c].kind;
                    fresh
                        .iter()
                        .map(|w| w.kind)
                        .filter(|k| k.compatible(told))
                        .reduce(EventType::stronger)
                        .unwrap_or(kind)
                }
                _ => kind,
            };
            match self.current {
                // "had been the target of another bombing, on 26 October
                // 2022": a new incident at the place being told of.
                // "At another firearms store, they killed a visitor": told
                // with no date, the same day as the incident before it.
                Some(c) if another => {
                    let place = self.incidents[c].place.clone();
                    let date = explicit
                        .or(self.dated[s])
                        .or(self.incidents[c].date.filter(|_| another_target));
                    self.mention(s, &place, (kind, assaults(&fresh)), date, &counts, true);
                }
                Some(c)
                    if !moved_on
                        && kind.compatible(self.incidents[c].kind)
                        && self.same_time(c, explicit)
                        && forces.is_none_or(|f| {
                            f.place.country == self.incidents[c].place.place.country
                        }) =>
                {
                    self.date_if_undated(c, s);
                    self.attach(c, s, Some(kind), assaults(&fresh), &counts);
                }
                // The article's place dates only its first incident; an
                // arrest of suspects is no incident of its own.
                // "Ten Iranian border guards were killed": the forces'
                // country (border forces are not at the dateline's town).
                _ => match forces_country(s, tokens, places, true)
                    .or_else(|| {
                        self.entry
                            .and_then(|e| places.in_sentence(e).min_by_key(|f| f.place.rank()))
                    })
                    .or_else(|| dateline_place(self.doc, places, s, false))
                    .or(forces)
                    // "Nalgiev left his home in Karabulak ... rebels began
                    // firing on Nalgiev's jeep": the place told earlier in
                    // the paragraph, before any incident was.
                    .or_else(|| {
                        (self.current.is_none() || moved_on)
                            .then(|| paragraph_place(self.doc, places, s))
                            .flatten()
                    })
                    // The one place the article names, unless abroad from
                    // a dateline whose country's people the article is
                    // about ("the meeting in Caracas, Venezuela" in news
                    // from San Salvador on what Salvadoran guerrillas did).
                    .or_else(|| {
                        main_place(places).filter(|m| {
                            self.current.is_none()
                                && kind != EventType::Arrests
                                && dateline_place(self.doc, places, s, true).is_none_or(|d| {
                                    d.place.country == m.place.country
                                        || !names_people_of(self.doc, places, &d.place.country)
                                })
                        })
                    })
                    .or_else(|| dateline_place(self.doc, places, s, self.incidents.is_empty()))
                    .or_else(|| self.area_told(s, places))
                    // "Four policemen were earlier killed on 23 July": an
                    // incident of its own date, at the one place the article
                    // is all about, else in the article's country.
                    .or_else(|| {
                        close_date
                            .then(|| {
                                dominant_place(places)
                                    .or_else(|| home_dateline(self.doc, places, s))
                                    .or_else(|| main_country(places))
                            })
                            .flatten()
                    }) {
                    // "SAN SALVADOR, 12 JAN 90 -- Guerrillas attacked ...": the
                    // dateline's town; else the one place the article is about.
                    Some(place) => {
                        let date = self
                            .date_for(
                                s,
                                &Unit {
                                    places: vec![place],
                                    groups: Vec::new(),
                                    start: 0,
                                    end: 0,
                                    words: fresh.clone(),
                                },
                                &dates,
                                true,
                                self.anchor(),
                            )
                            // "On the morning of June 9, Nalgiev left his home in
                            // Karabulak ...": told with the place earlier in the
                            // paragraph, the date is that sentence's.
                            .or_else(|| {
                                (place.sentence < s
                                    && self.doc.sentences[place.sentence].block
                                        == self.doc.sentences[s].block)
                                    .then(|| self.dated[place.sentence])
                                    .flatten()
                            });
                        self.mention(s, place, (kind, assaults(&fresh)), date, &counts, false);
                    }
                    None => {
                        let w = fresh[0];
                        let text = text(tokens, w.start, w.end);
                        self.skipped.push(Skipped {
                            sentence: s,
                            text,
                            reason: "event without a place".into(),
                        });
                    }
                },
            }
            return;
        }
        // A reference with nothing told before to refer to ("claimed the
        // double suicide bombing in Kerman, which killed 91"): a mention of its own.
        let orphans: Vec<Word> = references
            .iter()
            .copied()
            .filter(|w| {
                !self.incidents.iter().any(|i| {
                    w.kind.compatible(i.kind) && candidates.iter().any(|c| same_place(c, &i.place))
                })
            })
            .collect();
        fresh.extend(orphans);
        fresh.sort_by_key(|w| w.start);
        // "including the July 2018 ramming ... in X, the November 2019
        // gunfight ... along the A-B border, and ...": one incident per item.
        let told: Vec<Word> = words.iter().copied().filter(|w| !w.suppressed).collect();
        if let Some(items) = list_items(tokens, &told, &here, &dates) {
            // "September 1999 In a series of attacks, bombs destroy blocks in
            // the towns of Moscow, Buynaksk and Volgodonsk": a date told
            // before the list dates the items that tell none of their own.
            let first = items.iter().map(|i| i.start).min().unwrap_or(0);
            let lead: Vec<DateExpr> = dates.iter().copied().filter(|d| d.end <= first).collect();
            for item in items {
                let inside = |k: usize| (item.start..item.end).contains(&k);
                let places: Vec<&Found> =
                    here.iter().copied().filter(|f| inside(f.start)).collect();
                let mut dates: Vec<DateExpr> =
                    dates.iter().copied().filter(|d| inside(d.start)).collect();
                if dates.is_empty() {
                    dates.clone_from(&lead);
                }
                let counts: Vec<Count> = counts.iter().copied().filter(|c| inside(c.at)).collect();
                self.tell(
                    s,
                    &incident_places(tokens, &places),
                    &item.words,
                    &dates,
                    &counts,
                );
            }
            return;
        }
        self.tell(s, &candidates, &fresh, &dates, &counts);
    }

    /// The incidents of a sentence (or of one item of a list it tells): each
    /// event word goes to the nearest place, with the date nearest it and the
    /// figures that follow it.
    fn tell(
        &mut self,
        s: usize,
        candidates: &[&Found],
        fresh: &[Word],
        dates: &[DateExpr],
        counts: &[Count],
    ) {
        let units = units(&self.doc.sentences[s].tokens, candidates, fresh);
        let single = units.len() == 1 && units[0].places.len() == 1;
        let mut anchor = self.anchor();
        for (u, unit) in units.iter().enumerate() {
            if unit.words.is_empty() {
                continue;
            }
            let kind = kind_of(&unit.words).expect("words");
            let date = self.date_for(s, unit, dates, units.len() == 1, anchor);
            if date.is_some() {
                anchor = date;
            }
            // "on a train between the eastern towns of Elazig and Tatvan":
            // one incident, on the way from the first.
            let between = unit.places.len() == 2
                && (unit.places[0].start.saturating_sub(6)..unit.places[0].start)
                    .rev()
                    .take_while(|&k| self.doc.sentences[s].tokens[k].kind == TokenKind::Word)
                    .any(|k| self.doc.sentences[s].tokens[k].lower == "between");
            let places = if between {
                &unit.places[..1]
            } else {
                &unit.places[..]
            };
            // Casualty figures go to the unit they follow, unless places share them.
            let mine: Vec<Count> = counts
                .iter()
                .copied()
                .filter(|c| {
                    single
                        || between
                        || (unit.places.len() == 1
                            && units
                                .iter()
                                .enumerate()
                                .filter(|(_, v)| v.start <= c.at)
                                .max_by_key(|(_, v)| v.start)
                                .is_some_and(|(k, _)| k == u))
                })
                .collect();
            let another = unit.words.iter().any(|w| w.another);
            // "November 15 and 20, 2003: Four suicide car bomb attacks in
            // Istanbul": attacks told on two days are an incident each.
            let tokens = &self.doc.sentences[s].tokens;
            // Plural: "attacks", or a passive of many ("who were kidnapped
            // in Medellin on 12 and 13 February", "have been killed").
            let plural = unit.words.iter().any(|w| {
                let last = &tokens[w.end - 1].lower;
                (last.ends_with('s') && !last.ends_with("ss"))
                    || (w.start >= 1 && tokens[w.start - 1].lower == "were")
                    || (w.start >= 2
                        && tokens[w.start - 1].lower == "been"
                        && tokens[w.start - 2].lower == "have")
            });
            let other_day = dates
                .iter()
                .find_map(|d| dates::paired_day(tokens, d))
                .filter(|_| single && plural && date.is_some())
                .and_then(|d| dates::resolve(d.when, anchor, self.doc.reference));
            if let (Some(day), [place]) = (other_day, &unit.places[..]) {
                let kind = (kind, assaults(&unit.words));
                self.mention(s, place, kind, date, &mine, another);
                self.mention(s, place, kind, Some(day), &[], true);
                continue;
            }
            for place in places {
                self.mention(
                    s,
                    place,
                    (kind, assaults(&unit.words)),
                    date,
                    &mine,
                    another,
                );
            }
        }
    }

    /// A sentence's dates with the years the text's order gives those told
    /// without one (see [`dates::Chronology`]); an entry of a list (a
    /// sentence that opens with its date) is noted.
    fn in_order(&mut self, tokens: &[Token], mut dates: Vec<DateExpr>) -> Vec<DateExpr> {
        let entry = dates
            .first()
            .is_some_and(|d| tokens[..d.start].iter().all(|t| t.kind == TokenKind::Punct));
        // An article looking back: every incident it has dated so far over a
        // year before its date ("Two years later": "On March 29, 2004, ...").
        let reference = self.doc.reference.filter(|r| r.published);
        let back = reference.is_some_and(|r| {
            let old = |d: PartialDate| {
                let end = (d.year, d.month.unwrap_or(12), d.day.unwrap_or(31));
                end < (
                    r.date.year - 1,
                    r.date.month.unwrap_or(1),
                    r.date.day.unwrap_or(1),
                )
            };
            let mut dated = self.incidents.iter().filter_map(|i| i.date).peekable();
            dated.peek().is_some() && dated.all(old)
        });
        let near = self.anchor().filter(|a| back && a.day.is_some());
        for d in &mut dates {
            let (month, day) = match d.when {
                When::MonthDay(m, d) => (m, Some(d)),
                When::Month(m) => (m, None),
                _ => continue,
            };
            if let Some(y) = self.chronology.year(month, day, entry, near)
                && let Ok(p) = PartialDate::new(y, Some(month), day)
                && reference.is_none_or(|r| p.year <= r.date.year)
            {
                d.when = When::Absolute(p);
            }
        }
        if entry
            && let Some(p) = dates::resolve(dates[0].when, self.anchor(), self.doc.reference)
            // "March 30 (Reuters) – Militants ...", then "Oct. 19, 2007 – ...":
            // a report's lead dated the day it was published is no entry of
            // the list after it, and tells nothing of the list's order.
            && !(self.chronology.is_empty() && reference.is_some_and(|r| r.date == p))
        {
            self.chronology.entry(p);
        }
        dates
    }

    /// A bare year other than the article's ("the Nord-Ost siege in 2002"):
    /// it names an incident of the past.
    fn past_year(&self, d: PartialDate) -> bool {
        d.month.is_none() && Some(d.year) != self.doc.reference.map(|r| r.date.year)
    }

    /// The date relative ones are counted from: the incident being told
    /// when it is dated to the day, else the latest incident dated to the
    /// day, else the latest dated at all.
    fn anchor(&self) -> Option<PartialDate> {
        if let Some(d) = self
            .current
            .and_then(|c| self.incidents[c].date)
            .filter(|d| d.day.is_some())
        {
            return Some(d);
        }
        let dated = self.incidents.iter().rev().filter_map(|i| i.date);
        dated
            .clone()
            .find(|d| d.day.is_some())
            .or_else(|| dated.clone().next())
    }

    /// The date of a unit: the nearest date expression, an absolute one first
    /// when the sentence tells one incident; else a neighbouring sentence's.
    fn date_for(
        &self,
        s: usize,
        unit: &Unit<'_>,
        dates: &[DateExpr],
        alone: bool,
        anchor: Option<PartialDate>,
    ) -> Option<PartialDate> {
        let reference = self.doc.reference;
        if let Some(date) = shifted_back(
            &self.doc.sentences[s].tokens,
            unit,
            dates,
            anchor,
            reference,
        ) {
            return Some(date);
        }
        let near = |d: &&DateExpr| {
            let word_distance = unit
                .words
                .iter()
                .map(|w| distance((w.start, w.end), (d.start, d.end)))
                .min()
                .unwrap_or(usize::MAX);
            let place_distance = distance((unit.start, unit.end), (d.start, d.end));

            word_distance.min(place_distance)
        };
        // "bombs exploded in Tashkent, one day after an explosion in
        // Bukhara": "one day after" dates the event it opens, not one before it.
        let tokens = &self.doc.sentences[s].tokens;
        let dates: Vec<DateExpr> = dates
            .iter()
            .copied()
            .filter(|d| !(opens_after(tokens, d) && unit.words.iter().all(|w| w.end <= d.start)))
            .collect();
        let pick = if alone {
            dates
                .iter()
                .filter(|d| d.is_absolute())
                .min_by_key(near)
                .or_else(|| dates.iter().min_by_key(near))
        } else {
            dates.iter().min_by_key(|d| (near(d), !d.is_absolute()))
        };
        if let Some(d) = pick {
            let date = dates::resolve(d.when, anchor, reference);
            // "since the beginning of 2024 ... in January": the year's month.
            let month = dates.iter().find_map(|e| match e.when {
                When::Month(m) => Some(m),
                _ => None,
            });
            return match (date, month) {
                (Some(p), Some(m)) if p.month.is_none() => {
                    PartialDate::new(p.year, Some(m), None).ok().or(date)
                }
                _ => date,
            };
        }
        // A neighbour in the same paragraph: the sentence before, then after.
        let block = self.doc.sentences[s].block;
        for n in [s.checked_sub(1), Some(s + 1)].into_iter().flatten() {
            let Some(other) = self.doc.sentences.get(n) else {
                continue;
            };
            if other.block != block || other.part != self.doc.sentences[s].part {
                continue;
            }
            if n < s {
                if self.dated[n].is_some() {
                    return self.dated[n];
                }
            } else if let Some(d) = dates::find(&other.tokens)
                .into_iter()
                .find(|d| !d.report && !other.cited(d.start))
            {
                // A bare year after ("This attack follows the 2010 subway
                // bombings") dates another incident.
                return dates::resolve(d.when, anchor, reference)
                    .filter(|p| p.month.is_some() || !d.is_absolute());
            }
        }
        None
    }

    /// "a woman blows herself up at a religious ceremony in the republic":
    /// the province (or, for "the country", the country) of the incident
    /// just told, as the article named it, else the province named last
    /// before sentence `s`.
    fn area_told<'p>(&self, s: usize, places: &'p Places) -> Option<&'p Found> {
        let tokens = &self.doc.sentences[s].tokens;
        let told = self.current.map(|c| &self.incidents[c].place.place);
        // "in the province", "in the southern part of the province".
        let kind = tokens.windows(3).enumerate().find_map(|(k, w)| {
            let part_of = w[0].lower == "of"
                && k > 0
                && (matches!(tokens[k - 1].lower.as_str(), "part" | "parts" | "areas")
                    || contains(lexicon::DIRECTIONS, &tokens[k - 1].lower));
            ((matches!(w[0].lower.as_str(), "in" | "across" | "throughout") || part_of)
                && w[1].lower == "the")
                .then(|| match w[2].lower.as_str() {
                    "republic" | "province" | "region" | "oblast" | "governorate" => {
                        Some(Kind::Admin1)
                    }
                    "country" => Some(Kind::Country),
                    _ => None,
                })
                .flatten()
        })?;
        let named =
            |f: &&Found| f.place.kind == kind && matches!(f.role, Role::Locative | Role::Container);
        let of_told = places.found.iter().filter(named).find(|f| {
            told.is_some_and(|t| {
                f.place.country == t.country
                    && (kind == Kind::Country || f.place.admin1_code == t.admin1_code)
            })
        });
        // Else the province named last before ("the southeastern province of
        // Sistan-Baluchestan", then "in the southern part of the province").
        of_told.or_else(|| {
            (kind == Kind::Admin1)
                .then(|| places.found.iter().filter(named).rfind(|f| f.sentence < s))
                .flatten()
        })
    }

    /// Whether a date told later can be that of incident `c`.
    fn same_time(&self, c: usize, date: Option<PartialDate>) -> bool {
        let i = &self.incidents[c];
        dates_compatible(date, i.date) && !self.other_month(i, date)
    }

    /// Whether an incident told undated with a month but no year ("On April
    /// 18th") is given a date of another month ("In October of 2013"): that
    /// is another incident.
    fn other_month(&self, i: &Incident, date: Option<PartialDate>) -> bool {
        let month = date.and_then(|d| d.month);
        i.date.is_none()
            && month.is_some()
            && std::iter::once(&i.lead)
                .chain(&i.sentences)
                .filter_map(|&k| self.yearless[k])
                .any(|m| Some(m) != month)
    }

    /// One place, one kind of event: merged into an incident told before, or a new one.
    fn mention(
        &mut self,
        s: usize,
        place: &Found,
        (kind, assault): (EventType, bool),
        date: Option<PartialDate>,
        counts: &[Count],
        another: bool,
    ) {
        // Places named side by side in one sentence are separate incidents,
        // and so is "another" attack.
        // "(the Nord-Ost siege in Moscow in 2002)": a bare year of the past
        // is an incident of its own, not the date of an undated one.
        let background = date.is_some_and(|d| self.past_year(d));
        let target = self.incidents.iter().rposition(|i| {
            !another
                && i.lead != s
                && i.kind.compatible(kind)
                && same_place(&i.place, place)
                && dates_compatible(i.date, date)
                && !(background && i.date.is_none())
                && !self.other_month(i, date)
        });
        let t = match target {
            Some(t) => {
                let i = &mut self.incidents[t];
                // "struck the post ... 60 kilometers southwest of Dushanbe":
                // how far off the town it was, told after the town.
                let offset = |f: &Found| f.relative.as_ref().and_then(Relative::offset);
                let better = place.place.rank() < i.place.place.rank()
                    || (place.place.rank() == i.place.place.rank()
                        && i.place.role != Role::Locative
                        && place.role == Role::Locative)
                    || (place.place.same(&i.place.place)
                        && offset(place).is_some()
                        && offset(&i.place).is_none());
                if better {
                    i.place = place.clone();
                }
                i.date = more_precise(i.date, date);
                t
            }
            None => {
                self.incidents.push(Incident {
                    place: place.clone(),
                    date,
                    kind,
                    fatalities: None,
                    injuries: None,
                    lead: s,
                    sentences: Vec::new(),
                    prison: false,
                    sources: Vec::new(),
                    assault,
                });
                self.incidents.len() - 1
            }
        };
        // A headline's incident takes its evidence from the body.
        if self.doc.sentences[self.incidents[t].lead].part == Part::Headline
            && self.doc.sentences[s].part == Part::Body
        {
            self.incidents[t].lead = s;
        }
        self.attach(t, s, Some(kind), assault, counts);
    }

    /// Gives incident `t`, told without a date, the date of sentence `s`.
    fn date_if_undated(&mut self, t: usize, s: usize) {
        let i = &mut self.incidents[t];
        if i.date.is_none() {
            i.date = self.dated[s];
        }
    }

    /// Adds a sentence's type (told with an assault word or not) and figures to an incident.
    fn attach(
        &mut self,
        t: usize,
        s: usize,
        kind: Option<EventType>,
        assault: bool,
        counts: &[Count],
    ) {
        let prison = self.doc.sentences[s]
            .tokens
            .iter()
            .any(|tok| contains(lexicon::PRISON_WORDS, &tok.lower));
        let i = &mut self.incidents[t];
        if let Some(k) = kind
            && k.compatible(i.kind)
        {
            i.kind = merged(i.kind, i.assault, k, assault);
            i.assault |= assault;
        }
        if i.kind.has_casualties() {
            for c in counts {
                let slot = if c.fatal {
                    &mut i.fatalities
                } else {
                    &mut i.injuries
                };
                *slot = Some(slot.map_or(c.value, |v| v.max(c.value)));
            }
        }
        i.prison |= prison;
        for c in &self.doc.sentences[s].citations {
            if !c.outlet.is_empty() && !i.sources.contains(&c.outlet) {
                i.sources.push(c.outlet.clone());
            }
        }
        if !i.sentences.contains(&s) {
            i.sentences.push(s);
        }
        self.current = Some(t);
    }
}

/// Words that put a sentence's events in the dateline's town.
const HERE: &[&[&str]] = &[&["here"], &["this", "capital"], &["this", "city"]];

/// The dateline's town (not a country), for an event told without a place
/// in the dateline's paragraph, in a sentence that says "here" or "this
/// capital", or before the article has told any incident (`first`).
fn dateline_place<'p>(
    doc: &Document,
    places: &'p Places,
    s: usize,
    first: bool,
) -> Option<&'p Found> {
    // The dateline comes first: its places are at the start of the list.
    let place = places
        .found
        .iter()
        .take_while(|f| doc.sentences[f.sentence].part != Part::Body)
        .find(|f| f.role == Role::Dateline && f.place.kind != Kind::Country)?;
    let sentence = &doc.sentences[s];
    let lead = doc.sentences[place.sentence].block == sentence.block;
    let tokens = &sentence.tokens;
    let here = (0..tokens.len()).any(|k| HERE.iter().any(|p| dates::words(tokens, k, p)));
    // A headline is not told from the dateline's town.
    let first = first && sentence.part == Part::Body;
    if !(lead || here || first) {
        return None;
    }
    Some(abroad_dateline(doc, places, place).unwrap_or(place))
}

/// The dateline's town when it is in the country the article is about:
/// where an incident told later with a date of its own and no place most
/// likely was ("LIMA ... A bomb exploded early this morning near the house
/// of the health minister").
fn home_dateline<'p>(doc: &Document, places: &'p Places, s: usize) -> Option<&'p Found> {
    let town = dateline_place(doc, places, s, true)?;
    main_country(places)
        .is_some_and(|c| c.place.country == town.place.country)
        .then_some(town)
}

/// "HAVANA, 12 NOV 89 -- ... in El Salvador ...": a dateline whose country
/// the article never places anything in, while it is about another
/// country, was where the news was told, not where it happened: that other
/// country, as the article names it. With no place in another country
/// either, the country its body names by adjective, at least twice and more
/// often than any other, when it names none of the dateline's country's
/// people ("MONTEVIDEO ... the death of the Colombian senator").
fn abroad_dateline<'p>(doc: &Document, places: &'p Places, dateline: &Found) -> Option<&'p Found> {
    let body = |f: &&Found| doc.sentences[f.sentence].part == Part::Body;
    let located_in = |cc: &str| {
        places
            .found
            .iter()
            .filter(body)
            .filter(|f| matches!(f.role, Role::Locative | Role::Container) && f.place.country == cc)
            .count()
    };
    let home = dateline.place.country.as_str();
    if located_in(home) > 0 {
        return None;
    }
    let main = places.main_country();
    if main == Some(home) {
        return None;
    }
    if let Some(main) = main.filter(|&main| located_in(main) > 0) {
        return places
            .found
            .iter()
            .chain(&places.adjectives)
            .find(|f| f.place.kind == Kind::Country && f.place.country == main);
    }
    if names_people_of(doc, places, home) {
        return None;
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for f in places.adjectives.iter().filter(body) {
        *counts.entry(f.place.country.as_str()).or_default() += 1;
    }
    let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
    ranked.sort_by_key(|c| std::cmp::Reverse(c.1));
    let country = match ranked.as_slice() {
        [(c, n)] if *n >= 2 => *c,
        [(c, n), (_, m), ..] if *n >= 2 && n > m => *c,
        _ => return None,
    };
    places
        .adjectives
        .iter()
        .find(|f| f.place.country == country)
}

/// Whether the body names the people of country `cc` ("Salvadoran").
fn names_people_of(doc: &Document, places: &Places, cc: &str) -> bool {
    places
        .adjectives
        .iter()
        .any(|a| a.place.country == cc && doc.sentences[a.sentence].part == Part::Body)
}

/// Whether a date expression is a span that opens a clause with "after"
/// ("one day after", "10 days after").
fn opens_after(tokens: &[Token], d: &DateExpr) -> bool {
    matches!(d.when, When::Shift { .. })
        && tokens.get(d.end - 1).is_some_and(|t| t.lower == "after")
}

/// "at a meeting on March 19 – 10 days after an FSB operation killed two":
/// an event told inside the clause "N days after" opens happened N days
/// before the sentence's other date, not N days after the incident told
/// before ("two days after the bombing, gunmen attacked" is not one). An
/// event told after the clause, when the clause has a date of its own
/// ("One day after police beat a man on March 28, bombs exploded"),
/// happened N days after that date.
fn shifted_back(
    tokens: &[Token],
    unit: &Unit<'_>,
    dates: &[DateExpr],
    anchor: Option<PartialDate>,
    reference: Option<dates::Reference>,
) -> Option<PartialDate> {
    // The clause "after" opens: up to a comma or a dash.
    let close = |d: &DateExpr| {
        (d.end..tokens.len())
            .find(|&k| {
                tokens[k].kind == TokenKind::Punct
                    && matches!(tokens[k].text.as_str(), "," | ";" | "–" | "—" | "-")
            })
            .unwrap_or(tokens.len())
    };
    let inside = |d: &DateExpr| {
        unit.words
            .iter()
            .all(|w| (d.end..close(d)).contains(&w.start))
    };
    let follows = |d: &DateExpr| unit.words.iter().all(|w| w.start >= close(d));
    let shift = dates.iter().find(|d| {
        matches!(d.when, When::Shift { days, months } if days > 0 || months > 0)
            && opens_after(tokens, d)
            && tokens.get(d.end).is_some_and(|t| {
                matches!(t.lower.as_str(), "a" | "an" | "the") || t.is_cap() || d.start == 0
            })
            && !unit.words.is_empty()
            && (inside(d) || follows(d))
    })?;
    let When::Shift { days, months } = shift.when else {
        return None;
    };
    let back = inside(shift);
    let in_clause = |d: &DateExpr| (shift.end..close(shift)).contains(&d.start);
    let base = dates
        .iter()
        .filter(|d| d.start != shift.start && d.is_absolute() && in_clause(d) != back)
        .find_map(|d| dates::resolve(d.when, anchor, reference))?;
    let sign = if back { -1 } else { 1 };
    dates::resolve(
        When::Shift {
            days: sign * days,
            months: sign * months,
        },
        Some(base),
        reference,
    )
}

/// The town or province told "in" it last in the paragraph before sentence
/// `s` (of "Karabulak, Ingushetia", the town).
fn paragraph_place<'p>(doc: &Document, places: &'p Places, s: usize) -> Option<&'p Found> {
    let block = doc.sentences[s].block;
    let told = |f: &&Found| {
        f.sentence < s
            && doc.sentences[f.sentence].block == block
            && f.role == Role::Locative
            && !matches!(f.place.kind, Kind::Country | Kind::Area)
    };
    let last = places.found.iter().rfind(told)?;
    places
        .found
        .iter()
        .filter(told)
        .filter(|f| f.sentence == last.sentence)
        .min_by_key(|f| f.place.rank())
}

/// The place an article is about, for events it tells without one: the
/// place below a country named most often as where things are or happened,
/// when no other is named as often.
fn main_place(places: &Places) -> Option<&Found> {
    match named_places(places).as_slice() {
        [(f, _)] => Some(f),
        [(f, a), (_, b), ..] if a > b => Some(f),
        _ => None,
    }
}

/// The place an article is all about: named as where things are or
/// happened three times or more, and more than twice as often as any other
/// ("the Serena Hotel in Kabul ... the capital ... Kabul").
fn dominant_place(places: &Places) -> Option<&Found> {
    match named_places(places).as_slice() {
        [(f, a)] if *a >= 3 => Some(f),
        [(f, a), (_, b), ..] if *a >= 3 && *a > 2 * b => Some(f),
        _ => None,
    }
}

/// The places below a country named as where things are or happened, each
/// with how often, most often first.
fn named_places(places: &Places) -> Vec<(&Found, usize)> {
    let mut named: Vec<(&Found, usize)> = Vec::new();
    for f in places.found.iter().filter(|f| {
        matches!(f.role, Role::Locative | Role::Container) && f.place.kind != Kind::Country
    }) {
        match named.iter_mut().find(|(g, _)| g.place.same(&f.place)) {
            Some((_, n)) => *n += 1,
            None => named.push((f, 1)),
        }
    }
    named.sort_by_key(|n| std::cmp::Reverse(n.1));
    named
}

/// The country of the security forces a sentence names by their country's
/// adjective ("Ten Iranian border guards were killed", "Pakistani soldiers"),
/// where they serve.
fn forces_country<'p>(
    s: usize,
    tokens: &[Token],
    places: &'p Places,
    border: bool,
) -> Option<&'p Found> {
    // A group, not one of them ("a former Tajik police colonel"), nor the
    // institution ("the Salvadoran armed forces said"); with `border`, border
    // forces only ("Tajik border guards").
    let forces = |f: usize| {
        contains(lexicon::FORCES, &tokens[f].lower)
            && f > 0
            && !(f.saturating_sub(3)..f).any(|k| tokens[k].lower == "armed")
            && (!border || tokens[f - 1].lower == "border")
    };
    let adjectives: Vec<&Found> = places
        .adjectives
        .iter()
        .filter(|f| f.sentence == s)
        .collect();
    // Without `border`, only a country the article names as a place.
    let named = |code: &str| {
        border
            || places
                .found
                .iter()
                .any(|f| f.place.kind == Kind::Country && f.place.country == code)
    };
    // A country adjective just before a force word ("Afghan security
    // forces"), not one of a list ("Panamanian and American policemen",
    // "Colombian judges and policemen").
    (0..tokens.len()).filter(|&f| forces(f)).find_map(|f| {
        let a = adjectives.iter().find(|a| {
            a.start < f
                && f - a.start <= 2
                && (a.start + 1..f)
                    .all(|k| tokens[k].kind == TokenKind::Word && tokens[k].lower != "and")
        })?;
        let listed =
            a.start > 0 && matches!(tokens[a.start - 1].lower.as_str(), "and" | "or" | ",");
        (!listed && named(&a.place.country)).then_some(*a)
    })
}

/// The country an article's places lie in, when at least two thirds of
/// them do, as it is named where things happened ("in southeastern Iran").
fn main_country(places: &Places) -> Option<&Found> {
    let located: Vec<&Found> = places
        .found
        .iter()
        .filter(|f| matches!(f.role, Role::Locative | Role::Container))
        .collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &located {
        *counts.entry(f.place.country.as_str()).or_default() += 1;
    }
    let (country, n) = counts.into_iter().max_by_key(|(_, n)| *n)?;
    (3 * n >= 2 * located.len())
        .then(|| {
            located
                .into_iter()
                .find(|f| f.place.kind == Kind::Country && f.place.country == country)
        })
        .flatten()
}

/// One item of a list of incidents: its tokens and its event words (an
/// item told by its date and place alone takes the type of the one before).
struct Item {
    start: usize,
    end: usize,
    words: Vec<Word>,
}

/// Words after which a sentence lists incidents; the words before them are
/// the summary, not an incident.
const LIST_OPENERS: &[&[&str]] = &[
    &["including"],
    &["such", "as"],
    &["among", "them"],
    &["notably"],
];

/// The items of a sentence that lists incidents, each with its own date:
/// split at commas and "and" before a new event ("the November 2019
/// gunfight", "incidents of prison violence") or a new date ("and in May
/// 2019 in a prison"). `None` unless every item names a place and at least
/// two have a date of their own.
fn list_items(
    tokens: &[Token],
    words: &[Word],
    places: &[&Found],
    dates: &[DateExpr],
) -> Option<Vec<Item>> {
    let opener = (0..tokens.len()).find_map(|k| {
        LIST_OPENERS
            .iter()
            .find(|p| {
                p.iter()
                    .enumerate()
                    .all(|(j, w)| tokens.get(k + j).is_some_and(|t| t.lower == *w))
            })
            .map(|p| k + p.len())
    });
    let first = opener.unwrap_or(0);
    let date_at = |k: usize| dates.iter().any(|d| d.start == k && d.is_absolute());
    let word_at = |k: usize| words.iter().any(|w| w.start == k);
    // Where a new item may start: after a comma or "and", a determiner or
    // a plural noun and, within three tokens, an event word or a date.
    let mut cuts = vec![first];
    let mut k = first;
    while k < tokens.len() {
        let joint = tokens[k].is(',') || tokens[k].lower == "and";
        if !joint {
            k += 1;
            continue;
        }
        let mut next = k + 1;
        while tokens
            .get(next)
            .is_some_and(|t| t.lower == "and" || t.is(','))
        {
            next += 1;
        }
        let opens = (next..(next + 4).min(tokens.len())).any(|j| word_at(j) || date_at(j))
            && tokens.get(next).is_some_and(|t| {
                contains(lexicon::DETERMINERS, &t.lower)
                    || matches!(t.lower.as_str(), "in" | "on" | "a" | "an" | "incidents")
            });
        if opens {
            cuts.push(next);
        }
        k = next;
    }
    cuts.push(tokens.len());
    let mut items: Vec<Item> = Vec::new();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let mine: Vec<Word> = words
            .iter()
            .copied()
            .filter(|w| (a..b).contains(&w.start))
            .collect();
        let dated = dates
            .iter()
            .any(|d| (a..b).contains(&d.start) && d.is_absolute());
        match items.last_mut() {
            Some(last) if mine.is_empty() && !dated => last.end = b,
            Some(last) if mine.is_empty() => {
                let inherited = Word {
                    start: a,
                    end: a,
                    ..*last.words.last()?
                };
                items.push(Item {
                    start: a,
                    end: b,
                    words: vec![inherited],
                });
            }
            _ if mine.is_empty() => return None,
            _ => items.push(Item {
                start: a,
                end: b,
                words: mine,
            }),
        }
    }
    let own_date = |i: &Item| {
        dates
            .iter()
            .any(|d| (i.start..i.end).contains(&d.start) && d.is_absolute())
    };
    let own_place = |i: &Item| places.iter().any(|f| (i.start..i.end).contains(&f.start));
    let dated = items.iter().filter(|i| own_date(i)).count();
    (items.len() >= 2 && dated >= 2 && items.iter().all(own_place)).then_some(items)
}

fn text(tokens: &[Token], a: usize, b: usize) -> String {
    tokens[a..b]
        .iter()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The places of a sentence that can be where its events happened: not a
/// province or country that holds a more precise place named beside it, not
/// a reference point or origin when a location is named.
fn incident_places<'p>(tokens: &[Token], here: &[&'p Found]) -> Vec<&'p Found> {
    // A country names no incident place beside a town in it; told "in" it,
    // beside towns only of other countries, it may ("the church met in
    // Medellin ... death squads in El Salvador have murdered"), not on a
    // border ("the border with Uzbekistan").
    let towns: Vec<&Found> = here
        .iter()
        .copied()
        .filter(|f| match f.place.kind {
            // "a tourist centre on the Caribbean coast": a world region
            // gives way to any town told beside it.
            Kind::Area => !here
                .iter()
                .any(|g| !matches!(g.place.kind, Kind::Country | Kind::Area)),
            Kind::Country => {
                f.start > 0
                    && tokens[f.start - 1].lower == "in"
                    && !here
                        .iter()
                        .any(|g| g.place.kind != Kind::Country && g.place.within(&f.place))
            }
            _ => true,
        })
        .collect();
    // An official's area and where people or fire came from ("terrorists
    // from Afghanistan", "shot at from Tajikistan") never place an incident.
    let placing = |f: &&Found| !matches!(f.role, Role::Attribute | Role::Origin | Role::Report);
    let here: Vec<&Found> = here.iter().copied().filter(placing).collect();
    let towns: Vec<&Found> = towns.into_iter().filter(placing).collect();
    let pool = if towns.is_empty() {
        here.iter()
            .copied()
            .filter(|f| f.role != Role::Dateline)
            .collect()
    } else {
        towns
    };
    let dominated = |f: &Found| {
        pool.iter().any(|g| {
            !g.place.same(&f.place) && g.place.rank() < f.place.rank() && g.place.within(&f.place)
        }) || (f.role == Role::Container
            && pool
                .iter()
                .any(|g| g.start > f.start && !g.place.same(&f.place) && g.place.within(&f.place)))
    };
    let kept: Vec<&Found> = pool.iter().copied().filter(|f| !dominated(f)).collect();
    let located = kept
        .iter()
        .any(|f| matches!(f.role, Role::Locative | Role::Container));
    kept.into_iter()
        .filter(|f| !located || matches!(f.role, Role::Locative | Role::Container))
        .collect()
}

/// Groups the places into units (places joined by "and" are one unit) and
/// gives each event word to the place its phrase names ("an explosion in
/// the central town of Bukhara"), else to the nearest unit.
fn units<'p>(tokens: &[Token], places: &[&'p Found], words: &[Word]) -> Vec<Unit<'p>> {
    let mut units: Vec<Unit<'p>> = Vec::new();
    for f in places {
        // Same group, or the same place named again: the same unit.
        let joined = units.iter().position(|u| {
            u.groups.contains(&f.group) || u.places.iter().any(|p| p.place.same(&f.place))
        });
        match joined {
            Some(k) => {
                let u = &mut units[k];
                if !u.places.iter().any(|p| p.place.same(&f.place)) {
                    u.places.push(f);
                }
                u.groups.push(f.group);
                u.start = u.start.min(f.start);
                u.end = u.end.max(f.end);
            }
            None => units.push(Unit {
                places: vec![f],
                groups: vec![f.group],
                start: f.start,
                end: f.end,
                words: Vec::new(),
            }),
        }
    }
    // Units that came to share a place are one.
    let mut k = 0;
    while k < units.len() {
        if let Some(j) = (k + 1..units.len()).find(|&j| {
            units[j]
                .places
                .iter()
                .any(|p| units[k].places.iter().any(|q| q.place.same(&p.place)))
        }) {
            let other = units.remove(j);
            let u = &mut units[k];
            for p in other.places {
                if !u.places.iter().any(|q| q.place.same(&p.place)) {
                    u.places.push(p);
                }
            }
            u.groups.extend(other.groups);
            u.start = u.start.min(other.start);
            u.end = u.end.max(other.end);
        } else {
            k += 1;
        }
    }
    // A place named twice: its occurrence nearest the words counts.
    for w in words {
        let in_phrase = places.iter().copied().find(|f| {
            f.start > w.end
                && f.start - w.end <= 6
                && tokens
                    .get(w.end)
                    .is_some_and(|t| contains(lexicon::LOCATIVE, &t.lower))
                && tokens[w.end..f.start]
                    .iter()
                    .all(|t| t.kind == TokenKind::Word && !contains(CLAUSE_WORDS, &t.lower))
        });
        let nearest = in_phrase.or_else(|| {
            places
                .iter()
                .map(|f| (distance((f.start, f.end), (w.start, w.end)), f))
                .min_by_key(|(d, f)| (*d, f.start))
                .map(|(_, f)| *f)
        });
        let Some(f) = nearest else { continue };
        if let Some(u) = units
            .iter_mut()
            .find(|u| u.places.iter().any(|p| p.place.same(&f.place)))
        {
            u.words.push(*w);
        }
    }
    units
}
