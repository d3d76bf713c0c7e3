//! Column names as people write them: the synonyms a sheet of one's own
//! uses (`Town`, `Killed`, `Date of attack`), header names compared
//! without regard to case, spaces, hyphens and underscores, and the
//! suggestions made when a column is missing or `--column` names a header
//! the file does not have.

use super::Field;

/// A header name as compared: lower case, with runs of spaces, hyphens,
/// underscores, dots and slashes as one space (`Date_of-Attack` is
/// `date of attack`).
pub fn header_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for word in name
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
        .split(|c: char| c.is_whitespace() || matches!(c, '_' | '-' | '.' | '/'))
        .filter(|w| !w.is_empty())
    {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

/// The names a sheet of one's own gives each field, in order of preference
/// (the field's own name comes first, before these).
pub fn synonyms(field: Field) -> &'static [&'static str] {
    match field {
        Field::Date => &[
            "event date",
            "incident date",
            "attack date",
            "date of attack",
            "date of incident",
            "date of event",
            "datum",
            "дата",
            "tarih",
        ],
        Field::Place => &[
            "location",
            "city",
            "town",
            "village",
            "locality",
            "settlement",
            "municipality",
            "place name",
            "location name",
            "city name",
            "ort",
            "город",
            "населенный пункт",
        ],
        Field::Province => &[
            "admin1",
            "region",
            "state",
            "governorate",
            "oblast",
            "adm 1",
            "state province",
        ],
        Field::Country => &["country name", "nation", "страна", "ülke"],
        Field::Type => &[
            "event type",
            "attack type",
            "incident type",
            "type of attack",
            "type of incident",
            "category",
        ],
        Field::Fatalities => &[
            "killed",
            "deaths",
            "dead",
            "deaths total",
            "number killed",
            "death toll",
            "fatality",
            "nkill",
        ],
        Field::Injuries => &[
            "injured",
            "wounded",
            "number wounded",
            "number injured",
            "injury",
            "nwound",
        ],
        Field::Description => &["notes", "summary", "details", "description of attack"],
        Field::Source => &["sources", "url", "link", "reference"],
        Field::DateEnd => &["end date", "date to"],
        _ => &[],
    }
}

/// Edit distance between two header keys, counted in characters.
fn distance(a: &str, b: &str) -> usize {
    strsim::levenshtein(a, b)
}

/// The header (by index) that looks like a place column but is not named as
/// one: close in spelling to a place name (`Locaton`), or holding one as a
/// word (`Town of attack`, `Nearest city`).
pub fn place_lookalike(columns: &[String]) -> Option<usize> {
    let names: Vec<&str> = std::iter::once("place")
        .chain(synonyms(Field::Place).iter().copied())
        .collect();
    columns.iter().position(|column| {
        let key = header_key(column);
        names.iter().any(|name| {
            key.split(' ').any(|word| word == *name)
                || (key.chars().count() > 3 && distance(&key, name) <= 2)
        })
    })
}

/// The headers closest in spelling to `wanted`, closest first: those within
/// a third of its length (two edits at least), at most three; every header
/// (up to ten) when none is close.
pub fn closest(columns: &[String], wanted: &str) -> Vec<String> {
    let key = header_key(wanted);
    let limit = (key.chars().count() / 3).max(2);
    let mut near: Vec<(usize, &String)> = columns
        .iter()
        .map(|c| (distance(&header_key(c), &key), c))
        .filter(|(d, _)| *d <= limit)
        .collect();
    near.sort_by_key(|(d, _)| *d);
    if near.is_empty() {
        return columns.iter().take(10).cloned().collect();
    }
    near.into_iter().take(3).map(|(_, c)| c.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn keys_ignore_case_and_separators() {
        assert_eq!(header_key(" Date_of-Attack "), "date of attack");
        assert_eq!(header_key("Дата"), "дата");
        assert_eq!(header_key("state/province"), "state province");
    }

    #[test]
    fn lookalikes_and_closest() {
        let h = headers(&["id", "Locaton", "Killed"]);
        assert_eq!(place_lookalike(&h), Some(1));
        let h = headers(&["id", "Nearest city name", "x"]);
        assert_eq!(place_lookalike(&h), Some(1));
        assert_eq!(place_lookalike(&headers(&["id", "when"])), None);
        let h = headers(&["id", "date_start", "date_end", "best"]);
        assert_eq!(closest(&h, "date_strat"), ["date_start"]);
        assert_eq!(closest(&h, "date-ends"), ["date_end"]);
        assert_eq!(closest(&h, "zzz"), h);
    }
}
