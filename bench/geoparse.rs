//! Geocoding accuracy on annotated news corpora (LGL and GeoWebNews formats),
//! and the fitting of the scorer's weights.
//!
//! ```text
//! cargo bench --bench geoparse -- measure CORPUS.xml...        # the table
//! cargo bench --bench geoparse -- fit isolated|context [--write] CORPUS.xml...   # weights
//! cargo bench --bench geoparse -- misses isolated|context|one CORPUS.xml... # why wrong
//! cargo bench --bench geoparse -- compare CORPUS.xml...    # against most populous
//! ```
//!
//! Each toponym with coordinates is one place name. Three settings:
//! - isolated: every name on its own, no hint;
//! - sheet: one file per article, its names in order, the file as context;
//! - one sheet: all names of the corpus in one file, the file as context.
//!
//! Measures (Gritta et al. 2018): accuracy within 161 km, mean and median
//! error in km, AUC of ln(1 + error) / ln(20039) (lower is better), the
//! share resolved to the annotated GeoNames id, and the unresolved share;
//! an unresolved name counts as a miss with error 20,039 km.
//!
//! Articles are split in two halves by position (even, odd): `fit` fits on
//! the even half of the corpora given and `measure` reports each half, so
//! figures on the odd half are on data the weights were not fitted on. In
//! the fit each corpus counts as much as the others, so that the larger one
//! (LGL, local US news) does not decide alone what a lone name means.

use std::collections::HashSet;
use std::process::ExitCode;

use incimap::gazetteer::Gazetteer;
use incimap::geocode::score::{FEATURE_NAMES, FEATURES, FIRST_CONTEXT, HINTS, SEATS};
use incimap::geocode::{Geocoder, context_of, distance_km};

/// Half the Earth's circumference: the error of a name left unresolved.
const MISS_KM: f64 = 20039.0;

/// One annotated place name.
#[derive(Clone)]
struct Toponym {
    name: String,
    lat: f64,
    lon: f64,
    geonameid: Option<u64>,
}

/// One article: its place names in order.
struct Article {
    toponyms: Vec<Toponym>,
}

/// The text of the first `<tag>…</tag>` in `xml`, entities decoded.
fn tag(xml: &str, name: &str) -> Option<String> {
    let open = format!("<{name}");
    let start = xml.find(&open)?;
    let rest = &xml[start + open.len()..];
    if rest.starts_with("/>") {
        return Some(String::new());
    }
    let body_start = rest.find('>')? + 1;
    let close = format!("</{name}>");
    let end = rest.find(&close)?;
    let body = rest.get(body_start..end)?;
    Some(
        body.trim()
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&"),
    )
}

/// The value of `attr="…"` in the first `<tag …>` of `xml`.
fn attribute(xml: &str, name: &str, attr: &str) -> Option<String> {
    let start = xml.find(&format!("<{name} "))?;
    let head = &xml[start..start + xml[start..].find('>')?];
    let key = format!("{attr}=\"");
    let at = head.find(&key)? + key.len();
    Some(head[at..at + head[at..].find('"')?].to_string())
}

/// Reads a corpus in LGL's format (`<toponym>` with `<phrase>` and
/// `<gaztag>`) or GeoWebNews's (`<extractedName>`, `<geonamesID>`,
/// `<latitude>`), keeping locational names with coordinates.
fn read_corpus(path: &str) -> Result<Vec<Article>, String> {
    let xml = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut articles = Vec::new();
    for article in xml.split("<article").skip(1) {
        let mut toponyms = Vec::new();
        for t in article.split("<toponym>").skip(1) {
            let t = &t[..t.find("</toponym>").unwrap_or(t.len())];
            let parsed = if t.contains("<phrase>") {
                // LGL
                (|| {
                    Some(Toponym {
                        name: tag(t, "phrase")?,
                        lat: tag(t, "lat")?.parse().ok()?,
                        lon: tag(t, "lon")?.parse().ok()?,
                        geonameid: attribute(t, "gaztag", "geonameid").and_then(|v| v.parse().ok()),
                    })
                })()
            } else {
                // GeoWebNews: locational names with a GeoNames id.
                (|| {
                    if tag(t, "nonLocational")? != "No" {
                        return None;
                    }
                    let geonameid = tag(t, "geonamesID")?.parse().ok()?;
                    Some(Toponym {
                        name: tag(t, "extractedName")?,
                        lat: tag(t, "latitude")?.parse().ok()?,
                        lon: tag(t, "longitude")?.parse().ok()?,
                        geonameid: Some(geonameid),
                    })
                })()
            };
            toponyms.extend(parsed);
        }
        articles.push(Article { toponyms });
    }
    if articles.is_empty() {
        return Err(format!("{path}: no <article> found"));
    }
    Ok(articles)
}

/// The measures of one run.
#[derive(Default)]
struct Scores {
    errors: Vec<f64>,
    right_id: usize,
    unresolved: usize,
}

impl Scores {
    fn add(&mut self, t: &Toponym, found: Option<(f64, f64, Option<u64>)>) {
        match found {
            Some((lat, lon, id)) => {
                self.errors.push(distance_km(lat, lon, t.lat, t.lon));
                if id.is_some() && id == t.geonameid {
                    self.right_id += 1;
                }
            }
            None => {
                self.errors.push(MISS_KM);
                self.unresolved += 1;
            }
        }
    }

    fn row(&self, label: &str) -> String {
        let n = self.errors.len().max(1) as f64;
        let mut sorted = self.errors.clone();
        sorted.sort_by(f64::total_cmp);
        let within = sorted.iter().filter(|&&e| e < 161.0).count() as f64 / n;
        let mean = sorted.iter().sum::<f64>() / n;
        let median = sorted.get(sorted.len() / 2).copied().unwrap_or(0.0);
        let auc = sorted.iter().map(|e| (1.0 + e).ln()).sum::<f64>() / (n * MISS_KM.ln());
        format!(
            "| {label} | {} | {within:.3} | {mean:.0} | {median:.0} | {auc:.3} | {:.3} | {:.3} |",
            self.errors.len(),
            self.right_id as f64 / n,
            self.unresolved as f64 / n
        )
    }
}

/// How the names of a corpus reach the geocoder.
#[derive(Clone, Copy, PartialEq)]
enum Setting {
    /// Every name on its own, no hint, no context.
    Isolated,
    /// One file per article, its names in order, the file as context.
    Sheet,
    /// All names of the corpus in one file, one row per name, the file as
    /// context: what a new user gets from `incimap geocode` on such a list.
    OneSheet,
}

impl Setting {
    /// The setting named on the command line.
    fn parse(word: &str) -> Result<Setting, String> {
        match word {
            "isolated" => Ok(Setting::Isolated),
            "context" | "sheet" => Ok(Setting::Sheet),
            "one" => Ok(Setting::OneSheet),
            other => Err(format!("`{other}` is not isolated, context or one")),
        }
    }
}

/// Calls `each` with every name of the articles and a geocoder for it, in
/// one of the settings.
fn each_name(
    gazetteer: &Gazetteer,
    articles: &[&Article],
    setting: Setting,
    mut each: impl FnMut(&Toponym, &Geocoder<'_>),
) {
    let one;
    let files: Vec<&Article> = if setting == Setting::OneSheet {
        one = Article {
            toponyms: articles
                .iter()
                .flat_map(|a| a.toponyms.iter().cloned())
                .collect(),
        };
        vec![&one]
    } else {
        articles.to_vec()
    };
    for file in files {
        let names = file.toponyms.iter().map(|t| (t.name.as_str(), "", ""));
        let ctx = if setting == Setting::Isolated {
            incimap::geocode::Context::new()
        } else {
            context_of(gazetteer, names)
        };
        let geocoder = Geocoder::new(gazetteer).with_context(&ctx);
        for t in &file.toponyms {
            each(t, &geocoder);
        }
    }
}

/// Resolves every name of the articles in one setting.
fn measure(gazetteer: &Gazetteer, articles: &[&Article], setting: Setting) -> Scores {
    let mut scores = Scores::default();
    each_name(gazetteer, articles, setting, |t, geocoder| {
        let o = geocoder.resolve(&t.name, "", "");
        let found = o
            .location
            .map(|at| (at.lat, at.lon, o.matched.and_then(|m| m.geonameid)));
        scores.add(t, found);
    });
    scores
}

/// One name's candidates for fitting: features, and whether each is right.
struct Example {
    features: Vec<[f64; FEATURES]>,
    right: Vec<bool>,
    /// How much the name counts in the fit: each corpus counts as much as
    /// any other, however many names it has.
    weight: f64,
}

fn examples(gazetteer: &Gazetteer, articles: &[&Article], setting: Setting) -> Vec<Example> {
    let mut out = Vec::new();
    each_name(gazetteer, articles, setting, |t, geocoder| {
        let query = geocoder.query(&t.name, "", "");
        let right: Vec<bool> = query
            .ranked
            .iter()
            .map(|s| {
                distance_km(s.candidate.place.lat, s.candidate.place.lon, t.lat, t.lon) < 161.0
            })
            .collect();
        if query.ranked.len() >= 2 && right.iter().any(|&r| r) && !right.iter().all(|&r| r) {
            out.push(Example {
                features: query.ranked.iter().map(|s| s.features).collect(),
                right,
                weight: 1.0,
            });
        }
    });
    out
}

/// Fits a conditional logit (softmax over each name's candidates, the
/// likelihood of the right ones) by Adam with a small L2 penalty.
///
/// Weights from `first` on are fitted, but for the hints' ([`HINTS`]);
/// those before it stay as in `start` (the context pass keeps the isolated
/// weights and learns only how much the file's other places add).
fn fit(examples: &[Example], start: [f64; FEATURES], first: usize, used: usize) -> [f64; FEATURES] {
    let mut w = start;
    // The fitted weights start at zero; the hints' stay as set.
    for i in (first..used).filter(|i| !HINTS.contains(i)) {
        w[i] = 0.0;
    }
    let (mut m, mut v) = ([0.0; FEATURES], [0.0; FEATURES]);
    let (rate, beta1, beta2, l2) = (0.05, 0.9, 0.999, 1e-3);
    for step in 1..=600 {
        let mut grad = [0.0; FEATURES];
        let mut loss = 0.0;
        for e in examples {
            let scores: Vec<f64> = e
                .features
                .iter()
                .map(|f| f[..used].iter().zip(&w).map(|(a, b)| a * b).sum())
                .collect();
            let top = scores.iter().cloned().fold(f64::MIN, f64::max);
            let exp: Vec<f64> = scores.iter().map(|s| (s - top).exp()).collect();
            let all: f64 = exp.iter().sum();
            let right: f64 = exp
                .iter()
                .zip(&e.right)
                .filter(|(_, r)| **r)
                .map(|(x, _)| x)
                .sum();
            loss -= e.weight * (right / all).ln();
            for (k, f) in e.features.iter().enumerate() {
                let p_all = exp[k] / all;
                let p_right = if e.right[k] { exp[k] / right } else { 0.0 };
                for i in first..used {
                    grad[i] += e.weight * (p_all - p_right) * f[i];
                }
            }
        }
        let n = examples.len().max(1) as f64;
        for i in (first..used).filter(|i| !HINTS.contains(i)) {
            let g = grad[i] / n + 2.0 * l2 * w[i];
            m[i] = beta1 * m[i] + (1.0 - beta1) * g;
            v[i] = beta2 * v[i] + (1.0 - beta2) * g * g;
            let mh = m[i] / (1.0 - beta1.powi(step));
            let vh = v[i] / (1.0 - beta2.powi(step));
            w[i] -= rate * mh / (vh.sqrt() + 1e-8);
        }
        // Being a capital or a seat never counts against a place: local
        // news corpora name small namesakes of capitals (Paris, Texas) more
        // than world news does, and the fit should not learn that.
        for i in SEATS {
            w[i] = w[i].max(0.0);
        }
        if step % 100 == 0 {
            eprintln!("step {step}: loss {:.4}", loss / n);
        }
    }
    w
}

/// The file the fitted weights live in.
const WEIGHTS_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/geocode/weights.rs");

/// Replaces the array `name` of [`WEIGHTS_FILE`] with `weights`, one line
/// of thirteen to keep rustfmt's layout.
fn write_weights(name: &str, weights: &[f64; FEATURES]) -> Result<(), String> {
    let text = std::fs::read_to_string(WEIGHTS_FILE).map_err(|e| format!("{WEIGHTS_FILE}: {e}"))?;
    let head = format!("pub const {name}: [f64; super::score::FEATURES] = [");
    let start = text
        .find(&head)
        .ok_or_else(|| format!("{WEIGHTS_FILE}: no `{name}`"))?
        + head.len();
    let end = start
        + text[start..]
            .find("];")
            .ok_or_else(|| format!("{WEIGHTS_FILE}: `{name}` is not closed"))?;
    let body: Vec<String> = weights
        .chunks(13)
        .map(|row| {
            let row: Vec<String> = row.iter().map(|x| format!("{x:.3},")).collect();
            format!("    {}", row.join(" "))
        })
        .collect();
    let updated = format!("{}\n{}\n{}", &text[..start], body.join("\n"), &text[end..]);
    std::fs::write(WEIGHTS_FILE, updated).map_err(|e| format!("{WEIGHTS_FILE}: {e}"))
}

fn halves(articles: &[Article]) -> (Vec<&Article>, Vec<&Article>) {
    let even = articles.iter().step_by(2).collect();
    let odd = articles.iter().skip(1).step_by(2).collect();
    (even, odd)
}

fn run() -> Result<(), String> {
    // `cargo bench` passes `--bench`; ignore it.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let gazetteer = Gazetteer::embedded();
    match args.first().map(String::as_str) {
        Some("measure") if args.len() > 1 => {
            println!(
                "| corpus, setting | names | acc@161 | mean km | median km | AUC | right id | unresolved |"
            );
            println!("|---|---|---|---|---|---|---|---|");
            for path in &args[1..] {
                let articles = read_corpus(path)?;
                let name = std::path::Path::new(path)
                    .file_stem()
                    .map(|s| s.to_string_lossy().to_string())
                    .unwrap_or_default();
                let (even, odd) = halves(&articles);
                let all: Vec<&Article> = articles.iter().collect();
                for (half, set) in [("all", &all), ("fit half", &even), ("held-out half", &odd)] {
                    for (label, setting) in [
                        ("isolated", Setting::Isolated),
                        ("sheet", Setting::Sheet),
                        ("one sheet", Setting::OneSheet),
                    ] {
                        let scores = measure(&gazetteer, set, setting);
                        println!("{}", scores.row(&format!("{name} {half}, {label}")));
                    }
                }
            }
            Ok(())
        }
        Some("compare") if args.len() > 1 => {
            // Names where the most populous candidate is right and the
            // scorer is not, and the reverse (fit half only).
            for path in &args[1..] {
                let articles = read_corpus(path)?;
                let (even, _) = halves(&articles);
                let (mut won, mut lost) = (0, 0);
                each_name(&gazetteer, &even, Setting::Isolated, |t, geocoder| {
                    let query = geocoder.query(&t.name, "", "");
                    let near = |s: &incimap::geocode::score::Scored<'_>| {
                        let p = &s.candidate.place;
                        distance_km(p.lat, p.lon, t.lat, t.lon) < 161.0
                    };
                    let populous = query
                        .ranked
                        .iter()
                        .max_by_key(|s| s.candidate.place.population);
                    let (Some(best), Some(populous)) = (query.ranked.first(), populous) else {
                        return;
                    };
                    match (near(best), near(populous)) {
                        (true, false) => won += 1,
                        (false, true) => {
                            lost += 1;
                            let p = populous.candidate.place;
                            let b = best.candidate.place;
                            println!(
                                "{}\tscorer {} {} {} ({})\tpopulous {} {} {} ({})",
                                t.name,
                                b.name,
                                b.country,
                                b.admin1,
                                b.population,
                                p.name,
                                p.country,
                                p.admin1,
                                p.population
                            );
                        }
                        _ => {}
                    }
                });
                eprintln!("{path}: scorer right where populous wrong {won}, the reverse {lost}");
            }
            Ok(())
        }
        Some("misses") if args.len() > 2 => {
            // The fit half's wrong answers, for looking at (never the held-out half).
            let setting = Setting::parse(&args[1])?;
            for path in &args[2..] {
                let articles = read_corpus(path)?;
                let (even, _) = halves(&articles);
                // Why each miss is a miss: the right place was chosen but
                // its point is far; a right candidate was ranked lower; no
                // candidate is near; or the name is unknown.
                let mut kinds = [0usize; 4];
                each_name(&gazetteer, &even, setting, |t, geocoder| {
                    let o = geocoder.resolve(&t.name, "", "");
                    let error = o
                        .location
                        .map_or(MISS_KM, |at| distance_km(at.lat, at.lon, t.lat, t.lon));
                    if error >= 161.0 {
                        let chosen = o.matched.and_then(|m| m.geonameid);
                        let query = geocoder.query(&t.name, "", "");
                        let near = query.ranked.iter().any(|s| {
                            let p = &s.candidate.place;
                            distance_km(p.lat, p.lon, t.lat, t.lon) < 161.0
                        });
                        let kind = if o.location.is_none() {
                            3
                        } else if chosen.is_some() && chosen == t.geonameid {
                            0
                        } else if near {
                            1
                        } else {
                            2
                        };
                        kinds[kind] += 1;
                        let label = ["far point", "ranked low", "none near", "unknown"][kind];
                        println!(
                            "{}\t{label}\t{:.0}\t{:.2},{:.2}\t{:?}\t{}",
                            t.name, error, t.lat, t.lon, t.geonameid, o.reason
                        );
                    }
                });
                eprintln!(
                    "{path}: far point {}, ranked low {}, none near {}, unknown {}",
                    kinds[0], kinds[1], kinds[2], kinds[3]
                );
            }
            Ok(())
        }
        Some("fit") if args.len() > 2 => {
            let setting = Setting::parse(&args[1])?;
            if setting == Setting::OneSheet {
                return Err("fit: fits isolated or context".into());
            }
            let context = setting == Setting::Sheet;
            let write = args.iter().any(|a| a == "--write");
            let mut all = Vec::new();
            let corpora: Vec<Vec<Article>> = args[2..]
                .iter()
                .filter(|a| *a != "--write")
                .map(|p| read_corpus(p))
                .collect::<Result<_, _>>()?;
            let per_corpus: Vec<Vec<Example>> = corpora
                .iter()
                .map(|articles| examples(&gazetteer, &halves(articles).0, setting))
                .collect();
            let total: usize = per_corpus.iter().map(Vec::len).sum();
            for mut examples in per_corpus {
                let weight = total as f64 / (corpora.len() * examples.len().max(1)) as f64;
                for e in &mut examples {
                    e.weight = weight;
                }
                all.extend(examples);
            }
            eprintln!("fitting on {} names with a choice to make", all.len());
            let used = if context { FEATURES } else { FIRST_CONTEXT };
            let first = if context { FIRST_CONTEXT } else { 0 };
            let start = incimap::geocode::weights::ISOLATED_WEIGHTS;
            let mut w = fit(&all, start, first, used);
            // The hints, and features the corpora never show, keep their
            // set weights: there is nothing to fit them on.
            let current = if context {
                incimap::geocode::weights::CONTEXT_WEIGHTS
            } else {
                incimap::geocode::weights::ISOLATED_WEIGHTS
            };
            for (i, weight) in w.iter_mut().enumerate() {
                let shown = all.iter().any(|e| e.features.iter().any(|f| f[i] != 0.0));
                if (!shown || HINTS.contains(&i)) && (first..used).contains(&i) {
                    *weight = current[i];
                }
            }
            let mut seen = HashSet::new();
            for (i, (short, _)) in FEATURE_NAMES.iter().enumerate() {
                if seen.insert(short) {
                    println!("{short:>18}: {:8.3}", w[i]);
                }
            }
            let list: Vec<String> = w.iter().map(|x| format!("{x:.3}")).collect();
            println!("[{}]", list.join(", "));
            if write {
                let name = if context {
                    "CONTEXT_WEIGHTS"
                } else {
                    "ISOLATED_WEIGHTS"
                };
                write_weights(name, &w)?;
                eprintln!("wrote {name} into {WEIGHTS_FILE}");
            }
            Ok(())
        }
        _ => Err(
            "usage: geoparse measure CORPUS.xml... | fit isolated|context [--write] CORPUS.xml... \
             | misses isolated|context|one CORPUS.xml... | compare CORPUS.xml..."
                .into(),
        ),
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
