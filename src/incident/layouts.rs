//! What the codebooks of UCDP GED and GDELT 2.0 say: GDELT's 61 column
//! names (its event files have no header), CAMEO root codes and UCDP's
//! types of violence in words.

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
}
