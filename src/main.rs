//! The incimap command line: parse arguments, call the library, print the
//! report, choose the exit code.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use incimap::gazetteer::{Gazetteer, Hints};
use incimap::geocode::{Geocoded, Status};
use incimap::incident::{Field, ReadOptions};
use incimap::{export, geocode, incident, output, render};

const CREDITS: &str = "\
Data credits:
  Gazetteer: contains data from GeoNames (https://www.geonames.org/), licensed
  under CC BY 4.0; modified: filtered, columns selected, merged.
  Basemap: Natural Earth (public domain), via world-atlas (ISC).
  Font: DejaVu Sans (Bitstream Vera licence).";

/// Turn a spreadsheet of incidents into maps and GIS data.
#[derive(Parser)]
#[command(name = "incimap", version, after_help = CREDITS)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Geocode INPUT and write the map, the GeoJSON and the geocoding report into a folder.
    #[command(after_help = CREDITS)]
    Map {
        #[command(flatten)]
        input: InputArgs,
        /// Output folder.
        #[arg(short, long, default_value = "output")]
        output: PathBuf,
        /// Map title (default: "Incidents" and the span of years).
        #[arg(long)]
        title: Option<String>,
        /// Who collected the data, for the credit line.
        #[arg(long)]
        source: Option<String>,
        /// Subtitle (default: how many incidents at how many places, and the dates).
        #[arg(long)]
        subtitle: Option<String>,
        /// Figure width: pixels, or with a unit: 180mm, 18cm, 7in.
        #[arg(long, default_value = "1200", value_parser = render::parse_length)]
        width: f64,
        /// Figure height, like --width (default: what the extent needs).
        #[arg(long, value_parser = render::parse_length)]
        height: Option<f64>,
        /// Projection: lcc, albers, equalearth, robinson, mercator, mollweide, laea,
        /// platecarree, or a PROJ string (default: chosen from the extent).
        #[arg(long)]
        projection: Option<String>,
        /// Scale marker area with a number: fatalities or injuries.
        #[arg(long, value_name = "FIELD", value_parser = render::SizeBy::parse)]
        size_by: Option<render::SizeBy>,
        /// Add a timeline of incidents per month or year under the map.
        #[arg(long)]
        timeline: bool,
        /// Add an inset locator map showing where the map lies in the world.
        #[arg(long)]
        inset: bool,
        /// Style file (TOML): colours, fonts, sizes, layers; see the README.
        #[arg(long, value_name = "FILE.toml")]
        style: Option<PathBuf>,
        /// Map formats, comma-separated: svg, png, pdf.
        #[arg(long, value_delimiter = ',', default_value = "svg", value_parser = render::Format::parse)]
        format: Vec<render::Format>,
        /// Resolution of the PNG in dots per inch (96 gives one pixel per SVG pixel).
        #[arg(long, default_value = "96", value_parser = render::formats::parse_dpi)]
        dpi: f64,
    },
    /// Geocode INPUT: write the input rows with coordinates added, and the report.
    #[command(after_help = CREDITS)]
    Geocode {
        #[command(flatten)]
        input: InputArgs,
        /// Geocoded CSV (`-` for standard output).
        #[arg(short, long, default_value = "output/geocoded.csv")]
        output: PathBuf,
        /// Per-row geocoding report.
        #[arg(long, default_value = "output/geocode-report.csv")]
        report: PathBuf,
    },
    /// Geocode INPUT and write GeoJSON only.
    #[command(after_help = CREDITS)]
    Export {
        #[command(flatten)]
        input: InputArgs,
        /// GeoJSON file (`-` for standard output).
        #[arg(short, long, default_value = "output/incidents.geojson")]
        output: PathBuf,
    },
    /// Ask the gazetteer about names.
    #[command(subcommand, after_help = CREDITS)]
    Gazetteer(GazetteerCommand),
}

#[derive(Subcommand)]
enum GazetteerCommand {
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

#[derive(Args)]
struct InputArgs {
    /// Incidents CSV (`-` for standard input).
    input: PathBuf,
    /// Extra gazetteer files (our CSV or a GeoNames dump); they win over the embedded data.
    #[arg(long = "gazetteer", value_name = "FILE")]
    gazetteers: Vec<PathBuf>,
    /// Map a field onto a column of another name, e.g. `--column place=city`.
    #[arg(long = "column", value_name = "FIELD=HEADER", value_parser = parse_column)]
    columns: Vec<(Field, String)>,
    /// Exit with code 1 if any row is unresolved, ambiguous or invalid.
    #[arg(long)]
    strict: bool,
}

fn parse_column(text: &str) -> Result<(Field, String), String> {
    let (field, header) = text
        .split_once('=')
        .ok_or("expected FIELD=HEADER, e.g. place=city")?;
    let field = Field::from_name(field).ok_or_else(|| {
        let names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
        format!("`{field}` is not a field; fields are {}", names.join(", "))
    })?;
    Ok((field, header.trim().to_string()))
}

/// A failure that ends the run with exit code 1.
struct Failure(String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Failure(message)) => {
            eprintln!("incimap: error: {message}");
            ExitCode::from(1)
        }
    }
}

fn load_gazetteer(files: &[PathBuf]) -> Result<Gazetteer, Failure> {
    let mut gazetteer = Gazetteer::embedded();
    for file in files {
        let n = gazetteer.add_file(file)?;
        eprintln!("incimap: {n} places from {}", file.display());
    }
    Ok(gazetteer)
}

/// Reads and geocodes the input, printing the summary.
fn geocode_input(args: &InputArgs, outputs: &[&Path]) -> Result<Geocoded, Failure> {
    for out in outputs {
        if output::same_file(&args.input, out) {
            return Err(Failure(format!(
                "{} is the input; refusing to write over it",
                out.display()
            )));
        }
    }
    let gazetteer = load_gazetteer(&args.gazetteers)?;
    let options = ReadOptions {
        columns: args.columns.clone(),
    };
    let read = incident::read_path(&args.input, &options)?;
    let name = args.input.display().to_string();
    let layout = read.schema.layout;
    let geocoded = geocode::geocode(read, &gazetteer);
    print_summary(&name, &layout.to_string(), &geocoded);
    Ok(geocoded)
}

fn print_summary(name: &str, layout: &str, geocoded: &Geocoded) {
    let rows = geocoded.rows.len();
    let located = geocoded.located().count();
    eprintln!(
        "incimap: read {rows} rows from {name} ({layout} columns); located {located} of {rows}"
    );
    let counts: Vec<String> = geocoded
        .counts()
        .iter()
        .map(|(s, n)| format!("{n} {s}"))
        .collect();
    eprintln!("  by status: {}", counts.join(", "));
    for row in &geocoded.rows {
        let o = &row.outcome;
        let place = row
            .incident
            .as_ref()
            .map(|i| i.place.as_str())
            .unwrap_or("");
        match o.status {
            Status::Unresolved => {
                let hint = if o.suggestions.is_empty() {
                    String::new()
                } else {
                    format!("; did you mean {}?", o.suggestions.join(" or "))
                };
                eprintln!("  line {}: not located: {}{hint}", row.line, o.reason);
            }
            Status::Invalid => eprintln!("  line {}: skipped: {}", row.line, o.reason),
            Status::Ambiguous => {
                eprintln!("  line {}: `{place}` is ambiguous: {}", row.line, o.reason)
            }
            _ => {}
        }
    }
}

fn strict_failures(geocoded: &Geocoded) -> usize {
    geocoded
        .rows
        .iter()
        .filter(|r| {
            matches!(
                r.outcome.status,
                Status::Unresolved | Status::Ambiguous | Status::Invalid
            )
        })
        .count()
}

fn finish(geocoded: &Geocoded, strict: bool, written: &[PathBuf]) -> ExitCode {
    let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
    eprintln!("incimap: wrote {}", names.join(", "));
    let failures = strict_failures(geocoded);
    if strict && failures > 0 {
        eprintln!("incimap: --strict: {failures} rows are unresolved, ambiguous or invalid");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

fn render_bytes(
    write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>,
) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    write(&mut bytes)?;
    Ok(bytes)
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Map {
            input,
            output: dir,
            title,
            subtitle,
            source,
            width,
            height,
            projection,
            size_by,
            timeline,
            inset,
            style,
            mut format,
            dpi,
        } => {
            format.sort();
            format.dedup();
            let mut paths: Vec<PathBuf> = format
                .iter()
                .map(|f| dir.join(format!("map.{}", f.extension())))
                .collect();
            paths.push(dir.join("incidents.geojson"));
            paths.push(dir.join("geocode-report.csv"));
            let style = match &style {
                Some(file) => render::Style::load(file)?,
                None => render::Style::default(),
            };
            let geocoded = geocode_input(
                &input,
                &paths.iter().map(PathBuf::as_path).collect::<Vec<_>>(),
            )?;
            let options = render::MapOptions {
                title,
                subtitle,
                source,
                width,
                height,
                projection,
                size_by,
                timeline,
                inset,
                style,
            };
            let map = render::render(&geocoded, &options)?;
            for note in &map.notes {
                eprintln!("  note: {note}");
            }
            let mut outputs: Vec<Vec<u8>> = Vec::new();
            for f in &format {
                let typeface = &options.style.typeface;
                outputs.push(render::formats::encode(&map.svg, *f, dpi, typeface)?);
            }
            outputs.push(render_bytes(|b| export::write_geojson(&geocoded, b))?);
            outputs.push(render_bytes(|b| export::write_report(&geocoded, b))?);
            for (path, bytes) in paths.iter().zip(&outputs) {
                output::write_atomic(path, bytes)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
            }
            Ok(finish(&geocoded, input.strict, &paths))
        }
        Command::Geocode {
            input,
            output: out,
            report,
        } => {
            let geocoded = geocode_input(&input, &[&out, &report])?;
            let csv = render_bytes(|b| export::write_geocoded_csv(&geocoded, b))?;
            let report_bytes = render_bytes(|b| export::write_report(&geocoded, b))?;
            output::write_atomic(&report, &report_bytes)
                .map_err(|e| format!("{}: {e}", report.display()))?;
            output::write_atomic(&out, &csv).map_err(|e| format!("{}: {e}", out.display()))?;
            Ok(finish(&geocoded, input.strict, &[out, report]))
        }
        Command::Export { input, output: out } => {
            let geocoded = geocode_input(&input, &[&out])?;
            output::write_atomic_with(&out, |w| export::write_geojson(&geocoded, w))
                .map_err(|e| format!("{}: {e}", out.display()))?;
            Ok(finish(&geocoded, input.strict, &[out]))
        }
        Command::Gazetteer(GazetteerCommand::Search {
            name,
            country,
            gazetteers,
        }) => {
            let gazetteer = load_gazetteer(&gazetteers)?;
            search(&gazetteer, &name, country.as_deref())
        }
    }
}

fn search(gazetteer: &Gazetteer, name: &str, country: Option<&str>) -> Result<ExitCode, Failure> {
    let mut hints = Hints::default();
    if let Some(c) = country {
        let code = gazetteer
            .country_code(c)
            .ok_or_else(|| Failure(format!("`{c}` is not a country code or name")))?;
        hints.country = Some(code.alpha2.clone());
    }
    let ranked = gazetteer.search(name, &hints);
    if ranked.is_empty() {
        let suggestions: Vec<String> = gazetteer
            .suggest(name, 5)
            .iter()
            .map(|p| format!("{}, {}", p.name, p.country))
            .collect();
        println!(
            "no place named `{name}`{}",
            if suggestions.is_empty() {
                String::new()
            } else {
                format!("; did you mean {}?", suggestions.join(" or "))
            }
        );
        return Ok(ExitCode::from(1));
    }
    println!(
        "rank\tname\tmatched\tmatch\tkind\tcountry\tprovince\tpopulation\tfeature\tlat\tlon\tgeonameid\twhy"
    );
    for (k, r) in ranked.iter().enumerate() {
        let p = r.candidate.place;
        let why = match ranked.get(k + 1) {
            Some(next) => format!("above the next: {}", r.beats(next)),
            None => "last".into(),
        };
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
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
            why
        );
    }
    Ok(ExitCode::SUCCESS)
}
