//! What the map keeps of each located row: where, when, what type, how many
//! killed and wounded, and the names it may show, packed in 48 bytes per row
//! with the type and place names stored once each, so that a million rows
//! take 48 MB and no allocation per row.

use std::hash::BuildHasher;

use foldhash::fast::RandomState;
use hashbrown::HashTable;

use crate::geocode::{Located, Precision};
use crate::incident::PartialDate;

/// One located row as the map reads it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapRow<'a> {
    /// Input line (0 for a row that stands for several, on aggregated maps).
    pub line: u64,
    /// Longitude and latitude.
    pub lonlat: (f64, f64),
    /// When it happened, if the row says.
    pub date: Option<PartialDate>,
    /// Incident type as written.
    pub kind: &'a str,
    /// Place name as written.
    pub place: &'a str,
    /// The gazetteer's name for the place, when the gazetteer located it.
    pub matched: Option<&'a str>,
    /// Number killed.
    pub fatalities: Option<u32>,
    /// Number wounded.
    pub injuries: Option<u32>,
    /// Located only to a province or country: drawn hollow.
    pub hollow: bool,
}

/// A row as stored: names are numbers in the store's tables.
#[derive(Clone, Copy, Debug)]
struct Packed {
    lon: f64,
    lat: f64,
    line: u64,
    fatalities: u32,
    injuries: u32,
    kind: u32,
    place: u32,
    year: i32,
    month: u8,
    day: u8,
    flags: u8,
}

impl Packed {
    fn on(&self, bit: u8) -> bool {
        self.flags & bit != 0
    }

    fn date(&self) -> Option<PartialDate> {
        self.on(DATE).then_some(PartialDate {
            year: self.year,
            month: self.on(MONTH).then_some(self.month),
            day: self.on(DAY).then_some(self.day),
        })
    }
}

const DATE: u8 = 1;
const MONTH: u8 = 2;
const DAY: u8 = 4;
const FATALITIES: u8 = 8;
const INJURIES: u8 = 16;
const HOLLOW: u8 = 32;

/// What [`Names`] stores: a name, and a second one that may be missing.
type Key<'a> = (&'a str, Option<&'a str>);

/// Where a [`Key`] is in the text of [`Names`].
#[derive(Clone, Copy, Debug)]
struct Span {
    start: usize,
    first: u32,
    /// The second name's length; `u32::MAX` when there is none.
    second: u32,
}

/// Distinct keys numbered in first-seen order, their text end to end in
/// one buffer, so that a new key costs no allocation of its own.
#[derive(Clone, Debug, Default)]
struct Names {
    text: String,
    spans: Vec<Span>,
    table: HashTable<u32>,
    hasher: RandomState,
}

/// A count or length as stored; `u32::MAX` is kept for "none".
fn index(i: usize) -> u32 {
    u32::try_from(i)
        .ok()
        .filter(|&i| i < u32::MAX)
        .expect("fewer than 2^32 - 1 names, each under 4 GB")
}

impl Names {
    fn len(&self) -> usize {
        self.spans.len()
    }

    fn get(&self, id: u32) -> Key<'_> {
        key_at(&self.text, self.spans[id as usize])
    }

    /// Whether `key` is number `id`, compared as bytes (cheaper than
    /// slicing the text into `str`s).
    fn holds(&self, id: u32, key: Key<'_>) -> bool {
        let span = self.spans[id as usize];
        let text = self.text.as_bytes();
        let middle = span.start + span.first as usize;
        text[span.start..middle] == *key.0.as_bytes()
            && match key.1 {
                None => span.second == u32::MAX,
                Some(second) => {
                    span.second as usize == second.len()
                        && text[middle..middle + second.len()] == *second.as_bytes()
                }
            }
    }

    fn clear(&mut self) {
        self.text.clear();
        self.spans.clear();
        self.table.clear();
    }

    /// The number of `key`, added if new.
    fn intern(&mut self, key: Key<'_>) -> u32 {
        let hash = self.hasher.hash_one(key);
        if let Some(&id) = self.table.find(hash, |&id| self.holds(id, key)) {
            return id;
        }
        let id = index(self.spans.len());
        let span = Span {
            start: self.text.len(),
            first: index(key.0.len()),
            second: key.1.map_or(u32::MAX, |s| index(s.len())),
        };
        self.text.push_str(key.0);
        self.text.push_str(key.1.unwrap_or(""));
        self.spans.push(span);
        let Names {
            text,
            spans,
            table,
            hasher,
        } = self;
        table.insert_unique(hash, id, |&id| {
            hasher.hash_one(key_at(text, spans[id as usize]))
        });
        id
    }
}

fn key_at(text: &str, span: Span) -> Key<'_> {
    let middle = span.start + span.first as usize;
    let second = (span.second != u32::MAX).then(|| &text[middle..middle + span.second as usize]);
    (&text[span.start..middle], second)
}

/// Rows in blocks of [`BLOCK`]: a growing store never copies, nor touches
/// again, the rows it holds.
#[derive(Clone, Debug, Default)]
struct Blocks {
    blocks: Vec<Vec<Packed>>,
    len: usize,
}

/// Rows per block (1.5 MB).
const BLOCK: usize = 1 << 15;

impl Blocks {
    fn push(&mut self, row: Packed) {
        match self.blocks.last_mut() {
            Some(block) if block.len() < BLOCK => block.push(row),
            // The first block grows as it fills, for small maps.
            last => {
                let mut block = Vec::with_capacity(if last.is_some() { BLOCK } else { 0 });
                block.push(row);
                self.blocks.push(block);
            }
        }
        self.len += 1;
    }

    fn get(&self, k: usize) -> &Packed {
        &self.blocks[k / BLOCK][k % BLOCK]
    }

    /// Empties the blocks, keeping the first one's memory.
    fn clear(&mut self) {
        self.blocks.truncate(1);
        if let Some(first) = self.blocks.first_mut() {
            first.clear();
        }
        self.len = 0;
    }

    fn iter(&self) -> impl Iterator<Item = &Packed> + Clone {
        self.blocks.iter().flatten()
    }
}

/// The located rows of an input, in input order, as the map needs them;
/// rows without a location are counted, not kept. Built a row at a time
/// with [`push`](MapRows::push), or a batch at a time with
/// [`append`](MapRows::append).
#[derive(Clone, Debug, Default)]
pub struct MapRows {
    rows: Blocks,
    /// Types as written.
    kinds: Names,
    /// Places as written, with the gazetteer's name for them.
    places: Names,
    /// The countries (ISO alpha-2) the geocoder put rows in.
    countries: std::collections::BTreeSet<[u8; 2]>,
    /// Points of rows placed by their own coordinates, with no country named.
    unnamed: Vec<(f64, f64)>,
    seen: usize,
}

impl MapRows {
    /// An empty store.
    pub fn new() -> MapRows {
        MapRows::default()
    }

    /// Counts one input row, and keeps it if it was read and located.
    pub fn push(&mut self, row: &Located) {
        self.seen += 1;
        let (Some(incident), Some(at)) = (&row.incident, row.outcome.location) else {
            return;
        };
        match row.outcome.matched.as_ref().map(|m| m.country.as_bytes()) {
            Some(&[a, b]) => {
                self.countries.insert([a, b]);
            }
            _ => self.unnamed.push((at.lon, at.lat)),
        }
        self.keep(MapRow {
            line: incident.line,
            lonlat: (at.lon, at.lat),
            date: incident.date,
            kind: &incident.kind,
            place: &incident.place,
            matched: row.outcome.matched.as_ref().map(|m| m.name.as_str()),
            fatalities: incident.fatalities,
            injuries: incident.injuries,
            hollow: row.outcome.precision.is_some_and(Precision::is_area),
        });
    }

    /// Counts and keeps a located row.
    pub fn push_row(&mut self, row: MapRow<'_>) {
        self.seen += 1;
        self.keep(row);
    }

    fn keep(&mut self, row: MapRow<'_>) {
        let kind = self.kinds.intern((row.kind, None));
        let place = self.places.intern((row.place, row.matched));
        let date = row.date.unwrap_or(PartialDate {
            year: 0,
            month: None,
            day: None,
        });
        let flags = [
            (row.date.is_some(), DATE),
            (date.month.is_some(), MONTH),
            (date.day.is_some(), DAY),
            (row.fatalities.is_some(), FATALITIES),
            (row.injuries.is_some(), INJURIES),
            (row.hollow, HOLLOW),
        ]
        .into_iter()
        .filter(|(on, _)| *on)
        .fold(0, |f, (_, bit)| f | bit);
        self.rows.push(Packed {
            lon: row.lonlat.0,
            lat: row.lonlat.1,
            line: row.line,
            fatalities: row.fatalities.unwrap_or(0),
            injuries: row.injuries.unwrap_or(0),
            kind,
            place,
            year: date.year,
            month: date.month.unwrap_or(0),
            day: date.day.unwrap_or(0),
            flags,
        });
    }

    /// Moves the rows of `later`, a store of the rows that follow this
    /// one's in the input, to the end of this one: the same as pushing them
    /// here one by one. `later` is left empty, its memory kept for refilling.
    pub fn append(&mut self, later: &mut MapRows) {
        if self.seen == 0 {
            std::mem::swap(self, later);
            return;
        }
        let kinds: Vec<u32> = (0..index(later.kinds.len()))
            .map(|k| self.kinds.intern(later.kinds.get(k)))
            .collect();
        let places: Vec<u32> = (0..index(later.places.len()))
            .map(|p| self.places.intern(later.places.get(p)))
            .collect();
        for r in later.rows.iter() {
            self.rows.push(Packed {
                kind: kinds[r.kind as usize],
                place: places[r.place as usize],
                ..*r
            });
        }
        self.seen += later.seen;
        self.countries.append(&mut later.countries);
        self.unnamed.append(&mut later.unnamed);
        later.clear();
    }

    /// Empties the store, keeping its memory.
    pub fn clear(&mut self) {
        self.rows.clear();
        self.kinds.clear();
        self.places.clear();
        self.countries.clear();
        self.unnamed.clear();
        self.seen = 0;
    }

    /// The rows `keep` says yes to (by position), in order, as a store of
    /// their own that counts only them but keeps this one's countries (so
    /// that maps of parts of the rows shade the same countries).
    pub(crate) fn subset(&self, keep: impl Fn(usize) -> bool) -> MapRows {
        let mut part = MapRows::new();
        for k in (0..self.len()).filter(|&k| keep(k)) {
            part.push_row(self.get(k));
        }
        part.countries = self.countries.clone();
        part.unnamed = self.unnamed.clone();
        part
    }

    /// The countries (ISO alpha-2) the geocoder put the rows in.
    pub fn countries(&self) -> impl Iterator<Item = &str> {
        self.countries
            .iter()
            .filter_map(|code| std::str::from_utf8(code).ok())
    }

    /// Points of rows with coordinates of their own and no country named.
    pub fn unnamed_points(&self) -> &[(f64, f64)] {
        &self.unnamed
    }

    /// Rows kept (located).
    pub fn len(&self) -> usize {
        self.rows.len
    }

    /// Whether no row was kept.
    pub fn is_empty(&self) -> bool {
        self.rows.len == 0
    }

    /// Rows counted, located or not.
    pub fn seen(&self) -> usize {
        self.seen
    }

    /// Row `k`, in input order.
    pub fn get(&self, k: usize) -> MapRow<'_> {
        let r = self.rows.get(k);
        let (place, matched) = self.places.get(r.place);
        MapRow {
            line: r.line,
            lonlat: (r.lon, r.lat),
            date: r.date(),
            kind: self.kinds.get(r.kind).0,
            place,
            matched,
            fatalities: r.on(FATALITIES).then_some(r.fatalities),
            injuries: r.on(INJURIES).then_some(r.injuries),
            hollow: r.on(HOLLOW),
        }
    }

    /// The rows, in input order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = MapRow<'_>> + Clone {
        (0..self.rows.len).map(|k| self.get(k))
    }

    /// The distinct types as written, in first-seen order.
    pub(crate) fn kinds(&self) -> impl ExactSizeIterator<Item = &str> {
        (0..index(self.kinds.len())).map(|k| self.kinds.get(k).0)
    }

    /// Row `k`'s type, as a position in [`kinds`](MapRows::kinds).
    pub(crate) fn kind_of(&self, k: usize) -> usize {
        self.rows.get(k).kind as usize
    }

    /// Each row's longitude and latitude.
    pub(crate) fn lonlats(&self) -> impl Iterator<Item = (f64, f64)> {
        self.rows.iter().map(|r| (r.lon, r.lat))
    }

    /// Each row's date and type position, without building the whole row.
    pub(crate) fn dates_and_kinds(
        &self,
    ) -> impl Iterator<Item = (Option<PartialDate>, usize)> + Clone {
        self.rows.iter().map(|r| (r.date(), r.kind as usize))
    }
}

impl<'a> Extend<&'a Located> for MapRows {
    fn extend<I: IntoIterator<Item = &'a Located>>(&mut self, rows: I) {
        for row in rows {
            self.push(row);
        }
    }
}

impl<'a> FromIterator<&'a Located> for MapRows {
    fn from_iter<I: IntoIterator<Item = &'a Located>>(rows: I) -> MapRows {
        let mut store = MapRows::new();
        store.extend(rows);
        store
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::geocode::{Matched, Outcome, Status};
    use crate::incident::{Incident, LonLat};

    fn outcome(at: Option<(f64, f64)>, precision: Precision, name: Option<&str>) -> Arc<Outcome> {
        Arc::new(Outcome {
            status: if at.is_some() {
                Status::Exact
            } else {
                Status::Unresolved
            },
            location: at.map(|(lon, lat)| LonLat { lon, lat }),
            precision: at.map(|_| precision),
            matched: name.map(|n| Matched {
                name: n.into(),
                geonameid: None,
                country: "TJ".into(),
                admin1: String::new(),
                kind: crate::gazetteer::Kind::City,
            }),
            candidates: 1,
            runner_up: None,
            suggestions: Vec::new(),
            reason: String::new(),
        })
    }

    fn row(line: u64, kind: &str, place: &str, outcome: &Arc<Outcome>) -> Located {
        Located {
            incident: Some(Incident {
                line,
                date: (!line.is_multiple_of(3)).then_some(PartialDate {
                    year: 2000 + line as i32,
                    month: (line % 3 == 2).then_some(5),
                    day: None,
                }),
                place: place.into(),
                kind: kind.into(),
                fatalities: line.is_multiple_of(2).then_some(line as u32 * 1000),
                injuries: (line % 4 == 1).then_some(0),
                description: "not kept".into(),
                ..Incident::default()
            }),
            line,
            outcome: Arc::clone(outcome),
        }
    }

    fn sample() -> Vec<Located> {
        let dushanbe = outcome(Some((68.78, 38.54)), Precision::City, Some("Dushanbe"));
        let khatlon = outcome(Some((69.0, 37.9)), Precision::Admin1, Some("Khatlon"));
        let given = outcome(Some((-0.5, 51.25)), Precision::Given, None);
        let nowhere = outcome(None, Precision::City, None);
        vec![
            row(2, "Attack", "Dushanbe", &dushanbe),
            row(3, "Riot", "Khatlon province", &khatlon),
            row(4, "Attack", "Nowhereville", &nowhere),
            row(5, "", "", &given),
            row(6, "Riot", "Душанбе", &dushanbe),
            row(7, "Arrests", "Dushanbe", &dushanbe),
            row(8, "Attack", "somewhere", &given),
        ]
    }

    #[test]
    fn keeps_what_the_map_draws_of_located_rows() {
        let rows = sample();
        let store: MapRows = rows.iter().collect();
        assert_eq!(store.seen(), 7);
        assert_eq!(store.len(), 6, "the unlocated row is counted, not kept");
        let lines: Vec<u64> = store.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3, 5, 6, 7, 8]);
        for (kept, original) in store.iter().zip(rows.iter().filter(|r| r.line != 4)) {
            let i = original.incident.as_ref().unwrap();
            let o = &original.outcome;
            let at = o.location.unwrap();
            assert_eq!(kept.lonlat, (at.lon, at.lat));
            assert_eq!(kept.date, i.date);
            assert_eq!(kept.kind, i.kind);
            assert_eq!(kept.place, i.place);
            assert_eq!(kept.matched, o.matched.as_ref().map(|m| m.name.as_str()));
            assert_eq!(kept.fatalities, i.fatalities);
            assert_eq!(kept.injuries, i.injuries);
            assert_eq!(kept.hollow, o.precision == Some(Precision::Admin1));
        }
        assert_eq!(
            store.kinds().collect::<Vec<_>>(),
            ["Attack", "Riot", "", "Arrests"]
        );
        assert_eq!(std::mem::size_of::<Packed>(), 48);
    }

    #[test]
    fn appended_batches_equal_one_store() {
        let rows = sample();
        let whole: MapRows = rows.iter().collect();
        for split in 0..=rows.len() {
            let mut first: MapRows = rows[..split].iter().collect();
            let mut later: MapRows = rows[split..].iter().collect();
            first.append(&mut later);
            assert!(later.is_empty() && later.seen() == 0 && later.kinds().len() == 0);
            assert_eq!(first.seen(), whole.seen());
            assert_eq!(
                first.iter().collect::<Vec<_>>(),
                whole.iter().collect::<Vec<_>>(),
                "split at {split}"
            );
            assert_eq!(
                first.kinds().collect::<Vec<_>>(),
                whole.kinds().collect::<Vec<_>>()
            );
        }
        // One batch store filled again after each append, and empty batches.
        let mut joined = MapRows::new();
        let mut batch = MapRows::new();
        for chunk in rows.chunks(2) {
            joined.append(&mut batch);
            batch.extend(chunk);
            joined.append(&mut batch);
        }
        assert_eq!(joined.seen(), whole.seen());
        assert_eq!(
            joined.iter().collect::<Vec<_>>(),
            whole.iter().collect::<Vec<_>>()
        );
    }

    #[test]
    fn names_are_numbered_once_in_first_seen_order() {
        let mut names = Names::default();
        let keys: [Key; 6] = [
            ("Kulob", Some("Kŭlob")),
            ("Kulob", None),
            ("", None),
            ("", Some("")),
            ("Kul", Some("obKŭlob")),
            ("Kulob", Some("Kŭlob")),
        ];
        let ids: Vec<u32> = keys.iter().map(|k| names.intern(*k)).collect();
        assert_eq!(ids, [0, 1, 2, 3, 4, 0]);
        for (k, id) in keys.iter().zip(ids) {
            assert_eq!(names.get(id), *k);
        }
        // Enough keys to make the table grow and rehash.
        for i in 0..5000 {
            assert_eq!(names.intern((&i.to_string(), None)), 5 + i);
        }
        assert_eq!(names.intern(("4999", None)), 5004);
        assert_eq!(names.intern(("Kul", Some("obKŭlob"))), 4);
    }

    #[test]
    fn rows_stay_in_order_across_blocks() {
        let row = |k: usize| MapRow {
            line: k as u64,
            lonlat: (k as f64 / 1000.0, 0.0),
            date: None,
            kind: ["Attack", "Riot", "Arrests"][k % 3],
            place: if k.is_multiple_of(2) { "even" } else { "odd" },
            matched: None,
            fatalities: Some(k as u32),
            injuries: None,
            hollow: k.is_multiple_of(5),
        };
        let n = 2 * BLOCK + 7;
        let mut whole = MapRows::new();
        let mut joined = MapRows::new();
        let mut part = MapRows::new();
        for k in 0..n {
            whole.push_row(row(k));
            part.push_row(row(k));
            if k % 3001 == 0 {
                joined.append(&mut part);
            }
        }
        joined.append(&mut part);
        for store in [&whole, &joined] {
            assert_eq!(store.len(), n);
            assert!(store.iter().enumerate().all(|(k, r)| r == row(k)));
            assert_eq!(store.get(BLOCK), row(BLOCK));
            assert_eq!(store.lonlats().count(), n);
        }
    }

    #[test]
    fn store_is_send() {
        fn send<T: Send>(_: &T) {}
        send(&MapRows::new());
    }
}
