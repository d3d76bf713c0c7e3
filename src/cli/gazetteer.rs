//! `incimap gazetteer search`: the ranked candidates for a name, and why.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use incimap::gazetteer::{Gazetteer, Hints};
use incimap::job;

use super::Failure;

/// The subcommands of `incimap gazetteer`.
#[derive(Subcommand)]
pub enum GazetteerCommand {
    /// The ranked candidates for NAME, and why each ranks where it does.
    Search {
        /// The place name, as written.
        name: String,
        /// Country hint: ISO alpha-2, alpha-3 or English name.
        #[arg(long)]
        country: Option<String>,
        /// Extra gazetteer files (our CSV or a GeoNames dump); they win over the embedded data.
        #[arg(long = "gazetteer", value_name = "FILE")]
        gazetteers: Vec<PathBuf>,
    },
}

/// Runs a gazetteer subcommand.
pub fn run(command: GazetteerCommand) -> Result<ExitCode, Failure> {
    let GazetteerCommand::Search {
        name,
        country,
        gazetteers,
    } = command;
    let (gazetteer, _) = job::load_gazetteer(&gazetteers).map_err(super::failed)?;
    let mut hints = Hints::default();
    if let Some(c) = country.as_deref() {
        let code = gazetteer
            .country_code(c)
            .ok_or_else(|| Failure::Message(format!("`{c}` is not a country code or name")))?;
        hints.country = Some(code.alpha2.clone());
    }
    match search(&gazetteer, &name, &hints, &mut std::io::stdout().lock()) {
        Ok(true) => Ok(ExitCode::SUCCESS),
        Ok(false) => Ok(ExitCode::from(1)),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Failure::ClosedPipe),
        Err(e) => Err(e.into()),
    }
}

/// Prints the ranked candidates; `false` when there are none.
fn search(
    gazetteer: &Gazetteer,
    name: &str,
    hints: &Hints,
    out: &mut impl Write,
) -> std::io::Result<bool> {
    let ranked = incimap::geocode::score::rank(gazetteer, name, hints, None);
    if ranked.is_empty() {
        let suggestions: Vec<String> = gazetteer
            .suggest(name, 5)
            .iter()
            .map(|p| format!("{}, {}", p.name, p.country))
            .collect();
        writeln!(
            out,
            "no place named `{name}`{}",
            if suggestions.is_empty() {
                String::new()
            } else {
                format!("; did you mean {}?", suggestions.join(" or "))
            }
        )?;
        return Ok(false);
    }
    writeln!(
        out,
        "rank\tname\tmatched\tmatch\tkind\tcountry\tprovince\tpopulation\tfeature\tlat\tlon\tgeonameid\tscore\twhy"
    )?;
    for (k, r) in ranked.iter().enumerate() {
        let p = r.candidate.place;
        let why = match ranked.get(k + 1) {
            Some(next) => {
                let lead: Vec<String> = r
                    .lead_over(next, false)
                    .into_iter()
                    .take(3)
                    .map(|(why, points)| format!("{why} (+{points:.1})"))
                    .collect();
                format!("above the next: {}", lead.join(", "))
            }
            None => "last".into(),
        };
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{:.2}\t{}",
            k + 1,
            p.name,
            r.candidate.matched_name,
            r.candidate.matched.as_str(),
            p.kind,
            p.country,
            gazetteer.admin1_name(&p.country, &p.admin1).unwrap_or(""),
            p.population,
            p.feature,
            p.lat,
            p.lon,
            p.geonameid.map(|id| id.to_string()).unwrap_or_default(),
            r.score,
            why
        )?;
    }
    Ok(true)
}
