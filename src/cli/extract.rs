//! `incimap extract`: draft an incidents CSV from a news article.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use incimap::incident::PartialDate;
use incimap::{extract, job, output};

use super::Failure;
use crate::say;

/// The options of `incimap extract`.
#[derive(Args)]
pub struct ExtractArgs {
    /// The article (`-` for standard input).
    pub input: PathBuf,
    /// Draft CSV (`-` for standard output).
    #[arg(short, long, default_value = "output/draft.csv")]
    pub output: PathBuf,
    /// Leave out rows below this confidence (0 to 1); they are listed as skipped.
    #[arg(long, default_value_t = 0.0, value_parser = parse_confidence)]
    pub min_confidence: f64,
    /// The `source` column (default: the article's file name).
    #[arg(long)]
    pub source: Option<String>,
    /// The article's publication date (YYYY-MM-DD): the anchor for "on Friday"
    /// and the year of "in June" (default: the dateline's, else the latest full date in the text, else the year of
    /// the title or of the first sentence).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<PartialDate>,
    /// Extra gazetteer files (our CSV or a GeoNames dump); they win over the embedded data.
    #[arg(long = "gazetteer", value_name = "FILE")]
    pub gazetteers: Vec<PathBuf>,
}

fn parse_date(text: &str) -> Result<PartialDate, String> {
    match PartialDate::parse(text.trim()) {
        Ok(d) if d.day.is_some() => Ok(d),
        _ => Err(format!("`{text}` is not a date as YYYY-MM-DD")),
    }
}

fn parse_confidence(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!("`{text}` is not a number from 0 to 1")),
    }
}

/// Reads the article, extracts incidents, writes the draft and tells what was found.
pub fn run(args: ExtractArgs) -> Result<ExitCode, Failure> {
    let (input, out) = (&args.input, &args.output);
    job::refuse_input(input, &[out]).map_err(super::failed)?;
    let name = input.display().to_string();
    let text = if input.as_os_str() == "-" {
        extract::read_article(std::io::stdin(), &name)
    } else {
        std::fs::File::open(input)
            .map_err(|e| format!("{name}: {e}"))
            .and_then(|file| extract::read_article(file, &name))
    }?;
    let (gazetteer, added) = job::load_gazetteer(&args.gazetteers)?;
    for (file, n) in added {
        say!("incimap: {n} places from {}", file.display());
    }
    let options = extract::Options {
        min_confidence: args.min_confidence,
        source: args.source.clone().unwrap_or_else(|| {
            input
                .file_name()
                .map_or(name.clone(), |f| f.to_string_lossy().into_owned())
        }),
        date: args.date,
    };
    let found = extract::extract(&text, &gazetteer, &options);
    let mut csv = Vec::new();
    extract::write_csv(&found.rows, &mut csv)?;
    output::write_atomic(out, &csv).map_err(|e| format!("{}: {e}", out.display()))?;
    print_extraction(&name, &args, &found);
    Ok(ExitCode::SUCCESS)
}

fn print_extraction(name: &str, args: &ExtractArgs, found: &extract::Extraction) {
    say!(
        "incimap: read {} sentences from {name}; found {} incidents; wrote {} rows to {}",
        found.sentences,
        found.rows.len() + found.below.len(),
        found.rows.len(),
        args.output.display()
    );
    let places: Vec<String> = found
        .places
        .iter()
        .map(|p| {
            let times = if p.mentions > 1 {
                format!(" x{}", p.mentions)
            } else {
                String::new()
            };
            format!(
                "{} ({}, {}){times}",
                p.name,
                p.country,
                p.precision.as_str()
            )
        })
        .collect();
    say!(
        "  places: {}",
        if places.is_empty() {
            "none".into()
        } else {
            places.join(", ")
        }
    );
    match found.reference {
        Some((date, from)) => say!(
            "  reference date: {date} ({})",
            match from {
                extract::ReferenceFrom::Given => "--date",
                extract::ReferenceFrom::Dateline => "the dateline",
                extract::ReferenceFrom::Latest => "the latest full date in the text",
                extract::ReferenceFrom::Title => "the year in the title",
                extract::ReferenceFrom::Opening => "the year the first sentence names",
            }
        ),
        None => say!(
            "  reference date: none (no --date, dateline, full date in the text, year in the title or in the first sentence)"
        ),
    }
    for r in &found.rows {
        say!(
            "  row: {} {} in {} ({:.2})",
            r.date
                .map(|d| d.to_string())
                .unwrap_or_else(|| "undated".into()),
            r.kind,
            r.place,
            r.confidence
        );
    }
    for r in &found.below {
        say!(
            "  skipped: {} in {}: confidence {:.2} is below --min-confidence {}",
            r.kind,
            r.place,
            r.confidence,
            args.min_confidence
        );
    }
    for s in &found.skipped {
        say!(
            "  skipped: sentence {}: `{}`: {}",
            s.sentence,
            s.text,
            s.reason
        );
    }
}
