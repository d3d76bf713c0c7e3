//! Choosing rows by date, type and country (`--from`, `--to`, `--type`,
//! `--country`) between reading and geocoding. Rows left out are counted, not
//! reported as errors.

use crate::gazetteer::{Gazetteer, fold};
use crate::incident::{Incident, Incidents, PartialDate};

/// Which rows to keep. An empty filter keeps every row.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Keep rows that may have happened on or after this date (`--from`).
    pub from: Option<PartialDate>,
    /// Keep rows that may have happened on or before this date (`--to`).
    pub to: Option<PartialDate>,
    /// Keep rows of one of these types, compared case- and punctuation-blind (`--type`).
    pub types: Vec<String>,
    /// Keep rows whose country column names one of these countries, by name
    /// or ISO code (`--country`).
    pub countries: Vec<String>,
}

impl Filter {
    /// Whether the filter keeps every row.
    pub fn is_empty(&self) -> bool {
        self.from.is_none()
            && self.to.is_none()
            && self.types.is_empty()
            && self.countries.is_empty()
    }

    /// Whether a row's dates may fall in the range: a partial date is the
    /// span it covers, so `2024-03` is kept by `--from 2024-03-15`. A row
    /// without a date is left out once a range is given.
    pub fn keeps_date(&self, date: Option<PartialDate>) -> bool {
        self.keeps_span(date, None)
    }

    /// Whether a span of dates, from `date` to `end` (the date itself when
    /// `None`), may fall in the range.
    pub fn keeps_span(&self, date: Option<PartialDate>, end: Option<PartialDate>) -> bool {
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        let Some(date) = date else {
            return false;
        };
        let last = end.unwrap_or(date);
        self.from.is_none_or(|from| last.end() >= from.start())
            && self.to.is_none_or(|to| date.start() <= to.end())
    }

    /// Whether a row's type is one of the wanted types.
    pub fn keeps_type(&self, kind: &str) -> bool {
        self.types.is_empty() || {
            let kind = fold(kind);
            self.types.iter().any(|t| fold(t) == kind)
        }
    }

    /// Whether a row's country column names one of the wanted countries.
    pub fn keeps_country(&self, country: &str, gazetteer: &Gazetteer) -> bool {
        self.countries.is_empty() || {
            let key = country_key(country, gazetteer);
            self.countries
                .iter()
                .any(|c| country_key(c, gazetteer) == key)
        }
    }

    /// Whether the filter keeps a row.
    pub fn keeps(&self, incident: &Incident, gazetteer: &Gazetteer) -> bool {
        self.keeps_span(incident.date, incident.date_end)
            && self.keeps_type(&incident.kind)
            && self.keeps_country(&incident.country, gazetteer)
    }

    /// Drops the rows the filter does not keep from `incidents`, counting
    /// them in `incidents.filtered`. Rows that could not be read stay errors.
    pub fn apply(&self, incidents: &mut Incidents, gazetteer: &Gazetteer) {
        if self.is_empty() {
            return;
        }
        let before = incidents.rows.len();
        incidents
            .rows
            .retain(|incident| self.keeps(incident, gazetteer));
        incidents.filtered += before - incidents.rows.len();
    }
}

/// A country named by code or name, as its alpha-2 code when the gazetteer knows it.
fn country_key(name: &str, gazetteer: &Gazetteer) -> String {
    gazetteer
        .country_code(name)
        .map_or_else(|| fold(name), |c| c.alpha2.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<PartialDate> {
        Some(PartialDate::parse(text).unwrap())
    }

    #[test]
    fn partial_dates_are_spans() {
        let filter = Filter {
            from: date("2024-03-15"),
            to: date("2024-06"),
            ..Filter::default()
        };
        assert!(filter.keeps_date(date("2024-03")));
        assert!(filter.keeps_date(date("2024")));
        assert!(filter.keeps_date(date("2024-06-30")));
        assert!(!filter.keeps_date(date("2024-03-14")));
        assert!(!filter.keeps_date(date("2024-07-01")));
        assert!(!filter.keeps_date(date("2023")));
        assert!(!filter.keeps_date(None));
        assert!(Filter::default().keeps_date(None));
    }

    #[test]
    fn types_ignore_case_and_punctuation() {
        let filter = Filter {
            types: vec!["armed attack".into()],
            ..Filter::default()
        };
        assert!(filter.keeps_type("Armed Attack"));
        assert!(filter.keeps_type("Armed-attack"));
        assert!(!filter.keeps_type("Bombing"));
    }
}
