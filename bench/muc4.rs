//! `incimap extract` measured on MUC-4: precision and recall of incidents
//! against the corpus's key templates.
//!
//! ```text
//! cargo bench --bench muc4 -- CORPUS [SET...]          # the table, by set
//! cargo bench --bench muc4 -- CORPUS --misses SET...   # and each row (right or extra) and miss, for tuning
//! ```
//!
//! `CORPUS` is `muc4-dev.tar.gz` or the folder it unpacks to; `SET` is
//! `dev`, `tst1`, `tst2` or `tst3` (default: all four). Tune on `dev`,
//! `tst1` and `tst2` only: `tst3` is for reporting. `--misses` prints each
//! row with its confidence, each miss with `(place)` or `(type)` when a row
//! came close on the other, and the names and events `extract` skipped.
//!
//! Each message's text goes through [`incimap::extract::extract`] as an
//! article would; its rows are located with the geocoder as `map` locates a
//! draft (place, province, country). A row matches a key template when
//! - the type maps: ATTACK to Attack, Armed attack, Rocket attack, Vehicle
//!   ramming; BOMBING to Bombing, Car bomb, Suicide bombing; KIDNAPPING,
//!   ARSON, ROBBERY and FORCED WORK STOPPAGE to the types of those names
//!   (`--combat-as-attack` also maps Armed clash and Air strike to ATTACK,
//!   as rounds before this one counted);
//! - the place agrees: the key's `COUNTRY: PLACE (KIND)` is located with the
//!   same gazetteer (its most precise place that resolves, the places before
//!   it as hints); a row is within 50 km of a key town, in or within 50 km of
//!   a key province, in a key country named alone;
//! - and, for the dated measure, the row's date at the precision it states
//!   (day, month or year) overlaps the key's date or range (`- 04 FEB 90` is
//!   "on or before"); a key without a date takes any row.
//!
//! Rows and keys are matched one to one (maximum matching per message).
//! Precision is matched rows over rows; recall is matched keys over keys.
//! Rows of types MUC-4 does not annotate (Arrests, Foiled plot, Riot, and
//! Armed clash and Air strike: its keys count terrorist acts, not combat or
//! the air force's bombing) can be neither right nor wrong: they are
//! counted apart (`other`), not in precision.
//! Keys marked `(OPTIONAL)` may be matched (the row is then right) but are
//! not counted in recall, as in MUC scoring. Alternatives (`A / B`) match
//! when either does.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

#[path = "support.rs"]
mod support;

use chrono::NaiveDate;
use incimap::extract::{self, Options, Row};
use incimap::gazetteer::Gazetteer;
use incimap::geocode::{Geocoder, distance_km};
use incimap::incident::PartialDate;

/// How far a row may be from a key's town, and from a key province's point.
const WITHIN_KM: f64 = 50.0;

/// Where a key says an incident was.
#[derive(Clone, Debug)]
enum KeyPlace {
    /// A town or smaller place the gazetteer located, and the GeoNames code
    /// of the province the key puts it in, if it names one.
    Point {
        lat: f64,
        lon: f64,
        province: Option<String>,
    },
    /// A province: its country and GeoNames code, and its point.
    Province {
        country: String,
        code: String,
        lat: f64,
        lon: f64,
    },
    /// Only the country is known or could be located.
    Country(String),
}

/// A day range, either end open.
#[derive(Clone, Copy, Debug)]
struct Span {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

impl Span {
    fn overlaps(&self, other: &Span) -> bool {
        let before = |a: Option<NaiveDate>, b: Option<NaiveDate>| match (a, b) {
            (Some(a), Some(b)) => a <= b,
            _ => true,
        };
        before(self.from, other.to) && before(other.from, self.to)
    }
}

/// One key template.
#[derive(Clone, Debug)]
struct Key {
    optional: bool,
    /// The incident types it accepts (one, or alternatives).
    types: Vec<String>,
    /// The places it accepts (one, or alternatives); empty when none was located.
    places: Vec<KeyPlace>,
    /// The location as written.
    location: String,
    /// The date's range; `None` when the key has no date.
    date: Option<Vec<Span>>,
    /// The date as written.
    date_text: String,
}

/// One message: its text and keys.
struct Message {
    id: String,
    text: String,
    keys: Vec<Key>,
}

/// The files of the sets asked for, by path inside the corpus; the other
/// sets' files are not read (the corpus holds a set kept back for measuring).
fn read_corpus(path: &Path, sets: &[&str]) -> Result<BTreeMap<String, String>, String> {
    let wanted = |name: &str| {
        let top = name
            .trim_start_matches("./")
            .split('/')
            .next()
            .unwrap_or("");
        sets.contains(&top)
    };
    let mut files = BTreeMap::new();
    if path.is_dir() {
        let mut stack: Vec<std::path::PathBuf> = sets.iter().map(|s| path.join(s)).collect();
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
                let p = entry.map_err(|e| e.to_string())?.path();
                if p.is_dir() {
                    stack.push(p);
                } else if let Ok(text) = std::fs::read_to_string(&p) {
                    let rel = p.strip_prefix(path).unwrap_or(&p).display().to_string();
                    files.insert(rel, text);
                }
            }
        }
    } else {
        let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
        for entry in archive
            .entries()
            .map_err(|e| format!("{}: {e}", path.display()))?
        {
            let mut entry = entry.map_err(|e| format!("{}: {e}", path.display()))?;
            let name = entry
                .path()
                .map_err(|e| e.to_string())?
                .display()
                .to_string();
            if !wanted(&name) {
                continue;
            }
            let mut bytes = Vec::new();
            entry
                .read_to_end(&mut bytes)
                .map_err(|e| format!("{name}: {e}"))?;
            if let Ok(text) = String::from_utf8(bytes) {
                files.insert(name.trim_start_matches("./").to_string(), text);
            }
        }
    }
    // macOS resource forks ("._name") are not corpus files.
    files.retain(|name, _| {
        !Path::new(name)
            .file_name()
            .is_some_and(|f| f.to_string_lossy().starts_with("._"))
    });
    Ok(files)
}

/// Whether a line is a message id (`TST1-MUC3-0001`, `DEV-MUC3-0002 (NOSC)`).
fn message_id(line: &str) -> Option<String> {
    let first = line.split_whitespace().next()?;
    let parts: Vec<&str> = first.split('-').collect();
    (parts.len() == 3
        && parts[1].starts_with("MUC")
        && parts[2].len() == 4
        && parts[2].chars().all(|c| c.is_ascii_digit())
        && line.trim_start() == line)
        .then(|| first.to_string())
}

fn texts(file: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in file.lines() {
        match message_id(line) {
            Some(id) => out.push((id, String::new())),
            None => {
                if let Some((_, text)) = out.last_mut() {
                    text.push_str(line);
                    text.push('\n');
                }
            }
        }
    }
    out
}

/// The slots of each template: slot number to value lines.
fn templates(file: &str) -> Vec<BTreeMap<u32, Vec<String>>> {
    let mut out: Vec<BTreeMap<u32, Vec<String>>> = Vec::new();
    let mut current: Option<u32> = None;
    for line in file.lines() {
        if line.starts_with(";;;") {
            continue;
        }
        if line.trim().is_empty() {
            current = None;
            continue;
        }
        let head = line.split_whitespace().next().unwrap_or("");
        let slot = head
            .strip_suffix('.')
            .and_then(|n| n.parse::<u32>().ok())
            .filter(|_| !line.starts_with(' '));
        match slot {
            Some(n) => {
                // "3.  INCIDENT: LOCATION   VALUE": the value starts after the slot name.
                let rest = line[head.len()..].trim_start();
                let value = match rest.find("  ") {
                    Some(at) => rest[at..].trim(),
                    None => rest.split_once(' ').map_or("", |(_, v)| v).trim(),
                };
                if n == 0 {
                    out.push(BTreeMap::new());
                }
                if let Some(t) = out.last_mut() {
                    t.entry(n).or_default().push(value.to_string());
                }
                current = Some(n);
            }
            None => {
                if let (Some(n), Some(t)) = (current, out.last_mut()) {
                    t.entry(n).or_default().push(line.trim().to_string());
                }
            }
        }
    }
    out
}

fn month(word: &str) -> Option<u32> {
    let months = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ];
    months.iter().position(|m| *m == word).map(|k| k as u32 + 1)
}

/// `04 FEB 90`, `FEB 90`, `90`: the first and last day meant.
fn key_day(text: &str) -> Option<(NaiveDate, NaiveDate)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let year = |w: &str| {
        w.parse::<i32>()
            .ok()
            .map(|y| if y < 100 { 1900 + y } else { y })
    };
    match words.as_slice() {
        [d, m, y] => {
            let date = NaiveDate::from_ymd_opt(year(y)?, month(m)?, d.parse().ok()?)?;
            Some((date, date))
        }
        [m, y] => span_of(PartialDate {
            year: year(y)?,
            month: Some(month(m)? as u8),
            day: None,
        }),
        [y] => span_of(PartialDate {
            year: year(y)?,
            month: None,
            day: None,
        }),
        _ => None,
    }
}

fn key_dates(value: &str) -> Option<Vec<Span>> {
    let spans: Vec<Span> = value
        .split('/')
        .filter_map(|alt| {
            let alt = alt.trim();
            if alt.is_empty() || alt == "*" || alt == "-" {
                return None;
            }
            match alt.split_once('-') {
                Some((a, b)) => Some(Span {
                    from: key_day(a.trim()).map(|d| d.0),
                    to: key_day(b.trim()).map(|d| d.1),
                })
                .filter(|s| s.from.is_some() || s.to.is_some()),
                None => key_day(alt).map(|(a, b)| Span {
                    from: Some(a),
                    to: Some(b),
                }),
            }
        })
        .collect();
    (!spans.is_empty()).then_some(spans)
}

fn span_of(d: PartialDate) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(
        d.year,
        d.month.unwrap_or(1) as u32,
        d.day.unwrap_or(1) as u32,
    )?;
    let last = match (d.month, d.day) {
        (Some(_), Some(_)) => first,
        (Some(m), None) => {
            let (y, m) = if m == 12 {
                (d.year + 1, 1)
            } else {
                (d.year, m as u32 + 1)
            };
            NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()?
        }
        _ => NaiveDate::from_ymd_opt(d.year, 12, 31)?,
    };
    Some((first, last))
}

/// `EL SALVADOR: SAN MIGUEL (DEPARTMENT): SAN LUIS (TOWN)`, with
/// alternatives split on `/`: each located at its most precise part that resolves.
fn key_places(value: &str, geocoder: &Geocoder<'_>, gazetteer: &Gazetteer) -> Vec<KeyPlace> {
    let mut out = Vec::new();
    for alt in value.split(" / ") {
        let alt = alt.trim().trim_start_matches('?').trim();
        let alt = alt.trim_start_matches('(').trim_end_matches(')');
        let mut parts: Vec<String> = alt
            .split(':')
            .map(|p| {
                // "CUCUTA (CITY) - CAMPANARIO (RURAL AREA)": the place it is in.
                let p = p.split(" - ").next().unwrap_or(p);
                let name = p.split('(').next().unwrap_or(p);
                name.trim().trim_start_matches('?').trim().to_string()
            })
            .filter(|p| !p.is_empty() && p != "*" && p != "-")
            .collect();
        if parts.is_empty() {
            continue;
        }
        let country_name = parts.remove(0);
        let Some(code) = gazetteer.country_code(&country_name) else {
            continue;
        };
        let country = code.alpha2.clone();
        // Each part located, the country's first: with its parent as the
        // province hint, else alone.
        let mut found: Vec<KeyPart> = Vec::new();
        for k in 0..parts.len() {
            let province = if k > 0 { parts[k - 1].as_str() } else { "" };
            let hinted = geocoder.resolve(&parts[k], &country, province);
            let outcome = if hinted.location.is_none() && !province.is_empty() {
                geocoder.resolve(&parts[k], &country, "")
            } else {
                hinted
            };
            let (Some(at), Some(m)) = (outcome.location, outcome.matched.as_ref()) else {
                continue;
            };
            if m.country != country {
                continue;
            }
            let level = match m.kind {
                incimap::gazetteer::Kind::Country => Level::Country,
                incimap::gazetteer::Kind::Admin1 | incimap::gazetteer::Kind::Admin2 => {
                    Level::Province
                }
                _ => Level::Point,
            };
            let code = match level {
                Level::Province => province_code(gazetteer, &country, &m.name),
                _ => province_code(gazetteer, &country, &m.admin1),
            };
            // In a province the key names before it, or within 50 km of the
            // part before it: "BOGOTA (CITY): OLAYA (NEIGHBORHOOD)" is not the
            // Olaya 300 km away.
            let consistent = found.iter().all(|p| p.level == Level::Country)
                || found
                    .iter()
                    .any(|p| p.level == Level::Province && !code.is_empty() && p.code == code)
                || found
                    .last()
                    .is_some_and(|p| distance_km(at.lat, at.lon, p.lat, p.lon) <= WITHIN_KM);
            found.push(KeyPart {
                lat: at.lat,
                lon: at.lon,
                level,
                code,
                consistent,
            });
        }
        let named_province = found
            .iter()
            .rev()
            .find(|p| p.level == Level::Province && !p.code.is_empty())
            .map(|p| p.code.clone());
        let as_key = |p: &KeyPart| match p.level {
            Level::Country => KeyPlace::Country(country.clone()),
            Level::Province => KeyPlace::Province {
                country: country.clone(),
                code: p.code.clone(),
                lat: p.lat,
                lon: p.lon,
            },
            Level::Point => KeyPlace::Point {
                lat: p.lat,
                lon: p.lon,
                province: named_province.clone(),
            },
        };
        // The finest part located; and when it lies away from the parts
        // before it, the finest that does not, too.
        match found.last() {
            None => out.push(KeyPlace::Country(country.clone())),
            Some(last) => {
                out.push(as_key(last));
                if !last.consistent
                    && let Some(p) = found.iter().rev().find(|p| p.consistent)
                {
                    out.push(as_key(p));
                }
            }
        }
    }
    out
}

/// How fine a located part of a key's place is.
#[derive(Clone, Copy, PartialEq)]
enum Level {
    Country,
    Province,
    Point,
}

/// One located part of a key's place (`PERU: PUNO (DEPARTMENT): TIRAPATA`).
struct KeyPart {
    lat: f64,
    lon: f64,
    level: Level,
    /// The GeoNames code of the province it is or lies in.
    code: String,
    /// In the province, or near the place, the key puts before it.
    consistent: bool,
}

fn province_code(gazetteer: &Gazetteer, country: &str, name: &str) -> String {
    gazetteer
        .province_codes(name)
        .into_iter()
        .find(|(cc, _)| cc == country)
        .map(|(_, code)| code)
        .unwrap_or_default()
}

fn messages(
    files: &BTreeMap<String, String>,
    set: &str,
    geocoder: &Geocoder<'_>,
    gazetteer: &Gazetteer,
) -> Vec<Message> {
    let in_set = |name: &str| name.split('/').next() == Some(set);
    let mut keys: BTreeMap<String, Vec<Key>> = BTreeMap::new();
    let mut out = Vec::new();
    for (name, text) in files.iter().filter(|(n, _)| in_set(n)) {
        let file = name.rsplit('/').next().unwrap_or(name);
        if file.starts_with("key-") {
            for t in templates(text) {
                let slot = |n: u32| t.get(&n).map(|v| v.join(" ")).unwrap_or_default();
                let id = slot(0).split_whitespace().next().unwrap_or("").to_string();
                let template = slot(1);
                let entry = keys.entry(id).or_default();
                if template.trim() == "*" {
                    continue;
                }
                let location = slot(3);
                entry.push(Key {
                    optional: template.contains("OPTIONAL"),
                    types: slot(4)
                        .split('/')
                        .map(|t| t.trim().trim_start_matches('?').trim().to_string())
                        .filter(|t| !t.is_empty())
                        .collect(),
                    places: key_places(&location, geocoder, gazetteer),
                    location,
                    date: key_dates(&slot(2)),
                    date_text: slot(2),
                });
            }
        } else if file.starts_with(set) {
            out.extend(texts(text).into_iter().map(|(id, text)| Message {
                id,
                text,
                keys: Vec::new(),
            }));
        }
    }
    for m in &mut out {
        m.keys = keys.remove(&m.id).unwrap_or_default();
    }
    out
}

/// `--combat-as-attack`: Armed clash and Air strike count as ATTACK.
static COMBAT_AS_ATTACK: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

/// The MUC type a row's type counts as.
fn muc_type(kind: &str) -> Option<&'static str> {
    let combat = *COMBAT_AS_ATTACK.get().unwrap_or(&false);
    Some(match kind {
        "Attack" | "Armed attack" | "Rocket attack" | "Vehicle ramming" => "ATTACK",
        "Armed clash" | "Air strike" if combat => "ATTACK",
        "Bombing" | "Car bomb" | "Suicide bombing" => "BOMBING",
        "Kidnapping" => "KIDNAPPING",
        "Arson" => "ARSON",
        "Robbery" => "ROBBERY",
        "Forced work stoppage" => "FORCED WORK STOPPAGE",
        _ => return None,
    })
}

/// A drafted row located as `map` would locate it.
struct Located {
    row: Row,
    point: Option<(f64, f64)>,
    country: String,
    province: String,
    /// The row names a province, not a town in it.
    province_level: bool,
}

fn locate(row: Row, geocoder: &Geocoder<'_>, gazetteer: &Gazetteer) -> Located {
    // A point on a border: located by its coordinates, as `map` does.
    if let Some(point) = row.point {
        return Located {
            point: Some(point),
            country: row.country.clone(),
            province: String::new(),
            province_level: false,
            row,
        };
    }
    let outcome = geocoder.resolve(&row.place, &row.country, &row.province);
    let matched = outcome.matched.as_ref();
    let country = matched.map_or(row.country.clone(), |m| m.country.clone());
    let province = matched
        .map(|m| {
            let name = match m.kind {
                incimap::gazetteer::Kind::Admin1 => &m.name,
                _ => &m.admin1,
            };
            province_code(gazetteer, &m.country, name)
        })
        .unwrap_or_default();
    Located {
        point: outcome.location.map(|l| (l.lat, l.lon)),
        country,
        province,
        province_level: matched.is_some_and(|m| {
            matches!(
                m.kind,
                incimap::gazetteer::Kind::Admin1 | incimap::gazetteer::Kind::Admin2
            )
        }),
        row,
    }
}

fn place_agrees(row: &Located, key: &Key) -> bool {
    key.places.iter().any(|p| match p {
        // A row that names only the province the key's town is in agrees.
        KeyPlace::Point { lat, lon, province } => {
            row.point
                .is_some_and(|(a, b)| distance_km(a, b, *lat, *lon) <= WITHIN_KM)
                || (row.province_level && province.as_ref() == Some(&row.province))
        }
        KeyPlace::Province {
            country,
            code,
            lat,
            lon,
        } => {
            (row.country == *country && !code.is_empty() && row.province == *code)
                || row
                    .point
                    .is_some_and(|(a, b)| distance_km(a, b, *lat, *lon) <= WITHIN_KM)
        }
        KeyPlace::Country(cc) => row.country == *cc,
    })
}

fn date_agrees(row: &Row, key: &Key) -> bool {
    let Some(spans) = &key.date else {
        return true;
    };
    let Some((from, to)) = row.date.and_then(span_of) else {
        return false;
    };
    let mine = Span {
        from: Some(from),
        to: Some(to),
    };
    spans.iter().any(|s| s.overlaps(&mine))
}

/// Whether the row's type, mapped to MUC-4's, is one of the key's.
fn type_agrees(row: &Located, key: &Key) -> bool {
    muc_type(&row.row.kind).is_some_and(|t| key.types.iter().any(|k| k == t))
}

fn agrees(row: &Located, key: &Key, dated: bool) -> bool {
    type_agrees(row, key) && place_agrees(row, key) && (!dated || date_agrees(&row.row, key))
}

/// Maximum one-to-one matching of rows to keys (augmenting paths); the key of each row.
fn matching(rows: &[Located], keys: &[Key], dated: bool) -> Vec<Option<usize>> {
    let edges: Vec<Vec<usize>> = rows
        .iter()
        .map(|r| {
            (0..keys.len())
                .filter(|&k| agrees(r, &keys[k], dated))
                .collect()
        })
        .collect();
    let mut owner: Vec<Option<usize>> = vec![None; keys.len()];
    fn augment(
        r: usize,
        edges: &[Vec<usize>],
        owner: &mut [Option<usize>],
        seen: &mut [bool],
    ) -> bool {
        for &k in &edges[r] {
            if seen[k] {
                continue;
            }
            seen[k] = true;
            if owner[k].is_none_or(|o| augment(o, edges, owner, seen)) {
                owner[k] = Some(r);
                return true;
            }
        }
        false
    }
    // Required keys first: a row goes to an optional key only when no required one is free.
    for r in 0..rows.len() {
        let mut seen: Vec<bool> = keys.iter().map(|k| k.optional).collect();
        if !augment(r, &edges, &mut owner, &mut seen) {
            let mut seen = vec![false; keys.len()];
            augment(r, &edges, &mut owner, &mut seen);
        }
    }
    let mut of_row = vec![None; rows.len()];
    for (k, o) in owner.iter().enumerate() {
        if let Some(r) = o {
            of_row[*r] = Some(k);
        }
    }
    of_row
}

#[derive(Default)]
struct Tally {
    messages: usize,
    rows: usize,
    other: usize,
    keys: usize,
    right: usize,
    found: usize,
    right_dated: usize,
    found_dated: usize,
}

impl Tally {
    fn line(&self, set: &str) -> String {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        format!(
            "| {set} | {} | {} | {} | {} | {:.2} | {:.2} | {:.2} | {:.2} |",
            self.messages,
            self.keys,
            self.rows,
            self.other,
            ratio(self.right, self.rows),
            ratio(self.found, self.keys),
            ratio(self.right_dated, self.rows),
            ratio(self.found_dated, self.keys),
        )
    }
}

fn measure(
    messages: &[Message],
    gazetteer: &Gazetteer,
    geocoder: &Geocoder<'_>,
    misses: bool,
) -> Tally {
    let mut tally = Tally::default();
    for m in messages {
        let options = Options {
            source: m.id.clone(),
            ..Options::default()
        };
        let found = extract::extract(&m.text, gazetteer, &options);
        if misses {
            for skip in &found.skipped {
                println!(
                    "{} skipped: {}: `{}`: {}",
                    m.id, skip.sentence, skip.text, skip.reason
                );
            }
        }
        let (rows, other): (Vec<Row>, Vec<Row>) = found
            .rows
            .into_iter()
            .partition(|r| muc_type(&r.kind).is_some());
        tally.other += other.len();
        if misses {
            for r in &other {
                println!(
                    "{} other: {} {} in {} | {}",
                    m.id,
                    r.date.map(|d| d.to_string()).unwrap_or_default(),
                    r.kind,
                    r.place,
                    r.evidence
                );
            }
        }
        let rows: Vec<Located> = rows
            .into_iter()
            .map(|r| locate(r, geocoder, gazetteer))
            .collect();
        let plain = matching(&rows, &m.keys, false);
        let dated = matching(&rows, &m.keys, true);
        tally.messages += 1;
        tally.rows += rows.len();
        tally.keys += m.keys.iter().filter(|k| !k.optional).count();
        tally.right += plain.iter().filter(|k| k.is_some()).count();
        tally.right_dated += dated.iter().filter(|k| k.is_some()).count();
        let found_keys = |of_row: &[Option<usize>]| {
            of_row
                .iter()
                .flatten()
                .filter(|&&k| !m.keys[k].optional)
                .count()
        };
        tally.found += found_keys(&plain);
        tally.found_dated += found_keys(&dated);
        if misses {
            for (r, k) in rows.iter().zip(&plain) {
                // A right row whose date is not the key's: the key's date after it.
                let wrong_date = k
                    .filter(|&k| !date_agrees(&r.row, &m.keys[k]))
                    .map(|k| format!(" (key date {})", m.keys[k].date_text))
                    .unwrap_or_default();
                println!(
                    "{} {}{wrong_date}: {:.2} {} {} in {} ({}) | {}",
                    m.id,
                    if k.is_none() { "extra" } else { "right" },
                    r.row.confidence,
                    r.row.date.map(|d| d.to_string()).unwrap_or_default(),
                    r.row.kind,
                    r.row.place,
                    r.country,
                    r.row.evidence
                );
            }
            for (k, key) in m.keys.iter().enumerate() {
                if !key.optional && !plain.contains(&Some(k)) {
                    println!(
                        "{} missed{}: {} in {}",
                        m.id,
                        near_miss(&rows, key),
                        key.types.join("/"),
                        key.location
                    );
                }
            }
        }
    }
    tally
}

/// Why a missed key was missed, when a row came close: ` (place)` when a
/// row of its type was elsewhere, ` (type)` when a row at its place was of
/// another type.
fn near_miss(rows: &[Located], key: &Key) -> &'static str {
    if rows
        .iter()
        .any(|r| type_agrees(r, key) && !place_agrees(r, key))
    {
        " (place)"
    } else if rows
        .iter()
        .any(|r| !type_agrees(r, key) && place_agrees(r, key))
    {
        " (type)"
    } else {
        ""
    }
}

fn run() -> Result<(), String> {
    let args = support::args();
    let misses = args.iter().any(|a| a == "--misses");
    let _ = COMBAT_AS_ATTACK.set(args.iter().any(|a| a == "--combat-as-attack"));
    let mut rest = args
        .iter()
        .filter(|a| !matches!(a.as_str(), "--misses" | "--combat-as-attack"));
    let corpus = rest.next().ok_or(
        "usage: muc4 CORPUS(.tar.gz or folder) [--misses] [--combat-as-attack] \
             [dev|tst1|tst2|tst3...]",
    )?;
    let mut sets: Vec<&str> = rest.map(String::as_str).collect();
    if sets.is_empty() {
        sets = vec!["dev", "tst1", "tst2", "tst3"];
    }
    if misses && sets.contains(&"tst3") {
        return Err("--misses is for tuning: not on tst3, which is only reported".into());
    }
    let files = read_corpus(Path::new(corpus), &sets)?;
    let gazetteer = Gazetteer::embedded();
    let geocoder = Geocoder::new(&gazetteer);
    println!(
        "| set | messages | keys | rows | other | precision | recall | precision, dated | recall, dated |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for set in sets {
        let messages = messages(&files, set, &geocoder, &gazetteer);
        if messages.is_empty() {
            return Err(format!("{corpus}: no messages of set `{set}`"));
        }
        let started = std::time::Instant::now();
        let tally = measure(&messages, &gazetteer, &geocoder, misses);
        println!("{}", tally.line(set));
        eprintln!("{set}: {:.1} s", started.elapsed().as_secs_f64());
    }
    Ok(())
}

fn main() -> ExitCode {
    support::exit(run())
}
