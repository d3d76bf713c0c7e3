//! `incimap extract`: drafting incident rows from short articles about real
//! incidents (written for these tests), measured against the rows expected.

use std::path::{Path, PathBuf};

use incimap::extract::{self, Extraction, Options};
use incimap::gazetteer::{Gazetteer, fold};

/// The articles of a folder: `tests/data/articles` (the rules were tuned on
/// them) or `tests/data/articles/held-out` (written after, and measured untuned).
fn articles(folder: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")))
        .collect();
    found.sort();
    found
}

fn run(text: &str, gazetteer: &Gazetteer) -> Extraction {
    extract::extract(
        text,
        gazetteer,
        &Options {
            min_confidence: 0.0,
            source: "test".into(),
        },
    )
}

/// A place as compared: folded, "region"/"oblast" as "province" (also for a
/// province named bare), "district" dropped.
fn place_key(place: &str, country: &str, precision: &str) -> String {
    let mut words: Vec<&str> = place.split_whitespace().collect();
    let last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
    let tail = match last.as_str() {
        "region" | "oblast" | "province" | "governorate" => {
            words.pop();
            "province"
        }
        "district" | "city" | "town" | "village" => {
            words.pop();
            ""
        }
        _ if precision == "admin1" => "province",
        _ => "",
    };
    format!(
        "{}{tail},{}",
        fold(&words.join(" ")),
        country.to_uppercase()
    )
}

fn read_csv(path: &Path) -> Vec<csv::StringRecord> {
    let mut r = csv::Reader::from_path(path).unwrap();
    r.records().map(|r| r.unwrap()).collect()
}

/// Precision and recall counts for one kind of thing.
#[derive(Default, Debug, Clone, Copy)]
struct Score {
    found: usize,
    expected: usize,
    correct: usize,
}

impl Score {
    fn add(&mut self, o: Score) {
        self.found += o.found;
        self.expected += o.expected;
        self.correct += o.correct;
    }
    fn precision(&self) -> f64 {
        self.correct as f64 / self.found.max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.correct as f64 / self.expected.max(1) as f64
    }
}

struct Evaluation {
    places: Score,
    incidents: Score,
    /// Of the matched incidents: type right, fatalities right, injuries right.
    types: usize,
    fatalities: usize,
    injuries: usize,
}

fn evaluate(gazetteer: &Gazetteer, folder: &str, verbose: bool) -> Evaluation {
    let mut total = Evaluation {
        places: Score::default(),
        incidents: Score::default(),
        types: 0,
        fatalities: 0,
        injuries: 0,
    };
    for article in articles(folder) {
        let stem = article.file_stem().unwrap().to_str().unwrap().to_string();
        let dir = article.parent().unwrap();
        let text = std::fs::read_to_string(&article).unwrap();
        let got = run(&text, gazetteer);

        let expected_places: Vec<String> = read_csv(&dir.join(format!("{stem}.places.csv")))
            .iter()
            .map(|r| place_key(&r[0], &r[1], r.get(2).unwrap_or("")))
            .collect();
        let mut found_places: Vec<String> = got
            .places
            .iter()
            .map(|p| place_key(&p.surface, &p.country, p.precision.as_str()))
            .collect();
        found_places.dedup();
        let places = Score {
            found: found_places.len(),
            expected: expected_places.len(),
            correct: found_places
                .iter()
                .filter(|p| expected_places.contains(p))
                .count(),
        };

        let expected = read_csv(&dir.join(format!("{stem}.csv")));
        let mut unmatched: Vec<&csv::StringRecord> = expected.iter().collect();
        let mut incidents = Score {
            found: got.rows.len(),
            expected: expected.len(),
            correct: 0,
        };
        for row in &got.rows {
            let date = row.date.map(|d| d.to_string()).unwrap_or_default();
            let key = place_key(&row.place, &row.country, row.precision.as_str());
            let hit = unmatched
                .iter()
                .position(|e| place_key(&e[1], &e[2], &e[6]) == key && e[0] == date);
            let mark = match hit {
                Some(k) => {
                    let e = unmatched.remove(k);
                    incidents.correct += 1;
                    total.types += usize::from(e[3] == row.kind);
                    let n = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_default();
                    total.fatalities += usize::from(e[4] == n(row.fatalities));
                    total.injuries += usize::from(e[5] == n(row.injuries));
                    "ok "
                }
                None => "BAD",
            };
            if verbose {
                println!(
                    "  {mark} {stem}: {date} | {} | {} | {} | {:?} | {:?} | {} | {:.2}",
                    row.place,
                    row.country,
                    row.kind,
                    row.fatalities,
                    row.injuries,
                    row.precision.as_str(),
                    row.confidence
                );
            }
        }
        if verbose {
            for e in &unmatched {
                println!(
                    "  MISSED {stem}: {}",
                    e.iter().collect::<Vec<_>>().join(" | ")
                );
            }
            for p in &found_places {
                if !expected_places.contains(p) {
                    println!("  extra place {stem}: {p}");
                }
            }
            for p in &expected_places {
                if !found_places.contains(p) {
                    println!("  missed place {stem}: {p}");
                }
            }
        }
        total.places.add(places);
        total.incidents.add(incidents);
    }
    total
}

fn report(name: &str, e: &Evaluation) {
    let (p, i) = (e.places, e.incidents);
    println!(
        "{name}: places {}/{} found correct, {}/{} expected found: precision {:.3}, recall {:.3}",
        p.correct,
        p.found,
        p.correct,
        p.expected,
        p.precision(),
        p.recall()
    );
    println!(
        "{name}: incidents {}/{} found correct, {}/{} expected found: precision {:.3}, recall {:.3}",
        i.correct,
        i.found,
        i.correct,
        i.expected,
        i.precision(),
        i.recall()
    );
    println!(
        "{name}: of {} matched incidents, type right {}, fatalities right {}, injuries right {}",
        i.correct, e.types, e.fatalities, e.injuries
    );
}

#[test]
fn precision_and_recall_on_the_articles() {
    let gazetteer = Gazetteer::embedded();
    let tuned = evaluate(&gazetteer, "tests/data/articles", true);
    report("tuned", &tuned);
    let held = evaluate(&gazetteer, "tests/data/articles/held-out", true);
    report("held-out", &held);
    assert!(articles("tests/data/articles").len() >= 6);
}
