//! What the codebooks of UCDP GED and GDELT 2.0 say: GDELT's 61 column
//! names (its event files have no header), CAMEO root codes and UCDP's
//! types of violence in words, and GDELT's FIPS 10-4 country codes as ISO.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The columns of a GDELT 2.0 event file (`*.export.CSV`), in order, from
/// the GDELT 2.0 Event Database codebook.
pub const GDELT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// A CAMEO event root code (`EventRootCode`, `01`-`20`) in words.
pub fn cameo_root(code: &str) -> Option<&'static str> {
    const ROOTS: [&str; 20] = [
        "Make public statement",
        "Appeal",
        "Express intent to cooperate",
        "Consult",
        "Engage in diplomatic cooperation",
        "Engage in material cooperation",
        "Provide aid",
        "Yield",
        "Investigate",
        "Demand",
        "Disapprove",
        "Reject",
        "Threaten",
        "Protest",
        "Exhibit force posture",
        "Reduce relations",
        "Coerce",
        "Assault",
        "Fight",
        "Use unconventional mass violence",
    ];
    let n: usize = code.trim().parse().ok()?;
    ROOTS.get(n.checked_sub(1)?).copied()
}

/// UCDP's `type_of_violence` (1, 2, 3) in words.
pub fn ucdp_violence(code: &str) -> Option<&'static str> {
    match code.trim() {
        "1" => Some("state-based"),
        "2" => Some("non-state"),
        "3" => Some("one-sided"),
        _ => None,
    }
}

/// FIPS 10-4 country codes and their ISO 3166-1 alpha-2 codes
/// (`gazetteer/fips-iso.csv`, where the source is stated).
const FIPS_ISO: &str = include_str!("../../gazetteer/fips-iso.csv");

/// The ISO 3166-1 alpha-2 code of a FIPS 10-4 country code (GDELT's
/// `ActionGeo_CountryCode`): `UK` is `GB`, `GM` is `DE`, `RS` is `RU`.
/// `None` for a code without one (`PF`, the Paracel Islands) or unknown.
pub fn fips_to_iso(code: &str) -> Option<&'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        FIPS_ISO
            .lines()
            .skip(1)
            .filter_map(|line| {
                let mut cells = line.split(',');
                Some((cells.next()?, cells.next()?))
            })
            .collect()
    });
    let code = code.trim();
    if code.len() != 2 {
        return None;
    }
    table.get(code.to_ascii_uppercase().as_str()).copied()
}

/// Whether a first row is GDELT's own header (BigQuery exports have one)
/// rather than an event.
pub fn is_gdelt_header(first: &[String]) -> bool {
    first
        .iter()
        .any(|c| c.eq_ignore_ascii_case("GLOBALEVENTID") || c.eq_ignore_ascii_case("SQLDATE"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_in_words() {
        assert_eq!(cameo_root("18"), Some("Assault"));
        assert_eq!(cameo_root("01"), Some("Make public statement"));
        assert_eq!(cameo_root("21"), None);
        assert_eq!(cameo_root("0"), None);
        assert_eq!(ucdp_violence("3"), Some("one-sided"));
        assert_eq!(GDELT_COLUMNS[56], "ActionGeo_Lat");
        assert_eq!(GDELT_COLUMNS[60], "SOURCEURL");
    }

    #[test]
    fn fips_codes_become_iso_codes() {
        let pairs = [
            ("UK", "GB"),
            ("GM", "DE"),
            ("RS", "RU"),
            ("TI", "TJ"),
            ("KG", "KG"),
            ("UZ", "UZ"),
            ("AF", "AF"),
            ("IR", "IR"),
            ("TU", "TR"),
            ("IZ", "IQ"),
            ("SY", "SY"),
            ("CH", "CN"),
            ("JA", "JP"),
            ("SF", "ZA"),
            ("AS", "AU"),
            ("AU", "AT"),
            ("SZ", "CH"),
            ("SW", "SE"),
            ("SN", "SG"),
            ("SG", "SN"),
            ("NI", "NG"),
            ("NG", "NE"),
            ("CG", "CD"),
            ("CF", "CG"),
            ("OD", "SS"),
            ("KV", "XK"),
            ("WE", "PS"),
            ("GZ", "PS"),
            ("LE", "LB"),
            ("MO", "MA"),
            ("RI", "RS"),
            ("ri", "RS"),
        ];
        for (fips, iso) in pairs {
            assert_eq!(fips_to_iso(fips), Some(iso), "{fips}");
        }
        // Disputed islands and open sea have no ISO code; nor does nonsense.
        for code in ["PF", "PG", "OS", "", "GBR", "XX"] {
            assert_eq!(fips_to_iso(code), None, "{code}");
        }
    }

    #[test]
    fn fips_table_is_whole_and_names_known_countries() {
        let countries = include_str!("../../gazetteer/countries.csv");
        let known: std::collections::HashSet<&str> = countries
            .lines()
            .skip(1)
            .filter_map(|l| l.split(',').next())
            .collect();
        let mut seen = std::collections::HashSet::new();
        let rows: Vec<&str> = FIPS_ISO.lines().skip(1).collect();
        assert!(rows.len() > 250, "{} rows", rows.len());
        for row in rows {
            let mut cells = row.split(',');
            let (fips, iso) = (cells.next().unwrap(), cells.next().unwrap());
            assert!(seen.insert(fips), "{fips} twice");
            assert!(known.contains(iso), "{fips} -> {iso}, not in countries.csv");
        }
    }
}
