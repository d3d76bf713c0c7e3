//! The incimap command line: parse arguments, call the library, print the
//! report, choose the exit code.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use incimap::export::{Chunk, Format};
use incimap::filter::Filter;
use incimap::gazetteer::{Gazetteer, Hints};
use incimap::geocode::{Located, Status};
use incimap::incident::{DayOrder, Field, PartialDate, ReadOptions};
use incimap::{export, extract, geocode, incident, output, pipeline, render};

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
    Map(MapArgs),
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
        /// Output file (`-` for standard output): .geojson, .geojsons (RFC 8142) or .csv.
        #[arg(short, long, default_value = "output/incidents.geojson")]
        output: PathBuf,
        /// Output format, instead of the extension's: geojson, geojsons or csv.
        #[arg(long, value_parser = parse_format)]
        format: Option<Format>,
    },
    /// Draft an incidents CSV from a news article (plain text or Markdown), for review before `map`.
    #[command(after_help = CREDITS)]
    Extract {
        /// The article (`-` for standard input).
        input: PathBuf,
        /// Draft CSV (`-` for standard output).
        #[arg(short, long, default_value = "output/draft.csv")]
        output: PathBuf,
        /// Leave out rows below this confidence (0 to 1); they are listed as skipped.
        #[arg(long, default_value_t = 0.0, value_parser = parse_confidence)]
        min_confidence: f64,
        /// The `source` column (default: the article's file name).
        #[arg(long)]
        source: Option<String>,
        /// Extra gazetteer files (our CSV or a GeoNames dump); they win over the embedded data.
        #[arg(long = "gazetteer", value_name = "FILE")]
        gazetteers: Vec<PathBuf>,
    },
    /// Ask the gazetteer about names.
    #[command(subcommand, after_help = CREDITS)]
    Gazetteer(GazetteerCommand),
}

/// The options of `incimap map`.
#[derive(Args)]
struct MapArgs {
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
    /// Markers per incident (`none`), counts per cluster of nearby places
    /// (`cluster`) or per grid cell (`grid`); `auto` clusters above 300 incidents.
    #[arg(long, default_value = "auto", value_parser = parse_aggregate)]
    aggregate: render::aggregate::Aggregate,
    /// Style file (TOML): colours, fonts, sizes, layers; see the README.
    #[arg(long, value_name = "FILE.toml")]
    style: Option<PathBuf>,
    /// Map formats, comma-separated: svg, png, pdf.
    #[arg(long, value_delimiter = ',', default_value = "svg", value_parser = render::Format::parse)]
    format: Vec<render::Format>,
    /// Resolution of the PNG in dots per inch (96 gives one pixel per SVG pixel).
    #[arg(long, default_value = "96", value_parser = render::formats::parse_dpi)]
    dpi: f64,
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
    /// Resolve each place on its own, without pulling unclear names toward the file's other places.
    #[arg(long)]
    no_context: bool,
    /// Exit with code 1 if any row is unresolved, ambiguous or invalid.
    #[arg(long)]
    strict: bool,
    /// Read ambiguous numeric dates such as 03/04/2024 as day first (3 April).
    #[arg(long, conflicts_with = "monthfirst")]
    dayfirst: bool,
    /// Read ambiguous numeric dates such as 03/04/2024 as month first (March 4).
    #[arg(long)]
    monthfirst: bool,
    /// The input's encoding (utf-8, utf-16le, windows-1252, windows-1251...), instead of guessing.
    #[arg(long, value_name = "LABEL", value_parser = incident::encoding_for_label)]
    encoding: Option<&'static encoding_rs::Encoding>,
    /// The input's delimiter (`,`, `;`, `tab`, `|`), instead of guessing.
    #[arg(long, value_name = "CHAR", value_parser = incident::delimiter_for_name)]
    delimiter: Option<u8>,
    /// The first line is a row, not a header (columns are column_1, column_2... unless named).
    #[arg(long)]
    no_header: bool,
    /// Names of the columns of a file without a header, comma-separated (implies --no-header).
    #[arg(long = "columns", value_name = "A,B,C", value_delimiter = ',')]
    names: Vec<String>,
    /// The input's layout, instead of recognising it: native, acled, gtd, ucdp, gdelt.
    #[arg(long, value_name = "NAME", value_parser = incident::Layout::from_name)]
    layout: Option<incident::Layout>,
    /// The sheet of a workbook (.xlsx, .xls, .ods) to read, by name or number from 1 (default: the first).
    #[arg(long, value_name = "NAME|N")]
    sheet: Option<String>,
    /// Read dates with this strftime format (e.g. %d.%m.%y, %Y%m), before the built-in forms (repeatable).
    #[arg(long = "date-format", value_name = "FORMAT", value_parser = incident::check_date_format)]
    date_formats: Vec<String>,
    /// Keep rows dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = PartialDate::parse)]
    from: Option<PartialDate>,
    /// Keep rows dated on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = PartialDate::parse)]
    to: Option<PartialDate>,
    /// Keep rows of this type (repeatable).
    #[arg(long = "type", value_name = "TYPE")]
    types: Vec<String>,
    /// Keep rows whose country column is this country, by name or ISO code (repeatable).
    #[arg(long = "country", value_name = "COUNTRY")]
    countries: Vec<String>,
}

impl InputArgs {
    fn read_options(&self) -> ReadOptions {
        ReadOptions {
            columns: self.columns.clone(),
            day_order: match (self.dayfirst, self.monthfirst) {
                (true, _) => DayOrder::DayFirst,
                (_, true) => DayOrder::MonthFirst,
                _ => DayOrder::Unknown,
            },
            encoding: self.encoding,
            delimiter: self.delimiter,
            date_formats: self.date_formats.clone(),
            no_header: self.no_header,
            names: self.names.clone(),
            layout: self.layout,
            sheet: self.sheet.clone(),
        }
    }

    fn filter(&self) -> Filter {
        Filter {
            from: self.from,
            to: self.to,
            types: self.types.clone(),
            countries: self.countries.clone(),
        }
    }
}

fn parse_aggregate(name: &str) -> Result<render::aggregate::Aggregate, String> {
    render::aggregate::Aggregate::parse(name)
        .ok_or_else(|| format!("`{name}` is not none, grid, cluster or auto"))
}

fn parse_format(name: &str) -> Result<Format, String> {
    Format::from_name(name)
        .ok_or_else(|| format!("`{name}` is not a format: geojson, geojsons or csv"))
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

fn parse_confidence(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!("`{text}` is not a number from 0 to 1")),
    }
}

/// mimalloc: rows are allocated on the reading thread and freed on the
/// writing one, which the system allocator handles slowly.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A failure that ends the run with exit code 1.
struct Failure(String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(e.to_string())
    }
}

/// Writes a line to standard error. A closed standard error (`2>&1 | head`)
/// must not stop a run halfway, so write errors are ignored.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Failure(message)) => {
            say!("incimap: error: {message}");
            ExitCode::from(1)
        }
    }
}

fn load_gazetteer(files: &[PathBuf]) -> Result<Gazetteer, Failure> {
    let mut gazetteer = Gazetteer::embedded();
    for file in files {
        let n = gazetteer.add_file(file)?;
        say!("incimap: {n} places from {}", file.display());
    }
    Ok(gazetteer)
}

/// Refuses outputs that would overwrite the input.
fn refuse_input(args: &InputArgs, outputs: &[&Path]) -> Result<(), Failure> {
    match outputs
        .iter()
        .find(|out| output::same_file(&args.input, out))
    {
        Some(out) => Err(Failure(format!(
            "{} is the input; refusing to write over it",
            out.display()
        ))),
        None => Ok(()),
    }
}

/// What to tell about a run on the terminal.
struct Summary<'a> {
    name: &'a str,
    layout: String,
    streamed: &'a pipeline::Streamed,
}

/// Problem rows listed on the terminal; the report has them all.
const LISTED_PROBLEMS: usize = 20;

fn print_summary(summary: &Summary<'_>) {
    let Summary {
        name,
        layout,
        streamed,
    } = summary;
    let tally = &streamed.tally;
    for warning in &streamed.warnings {
        say!("incimap: warning: {warning}");
    }
    let (rows, located) = (tally.rows(), tally.located());
    say!("incimap: read {rows} rows from {name} ({layout}); located {located} of {rows}");
    let counts: Vec<String> = tally
        .counts()
        .iter()
        .map(|(s, n)| format!("{n} {s}"))
        .collect();
    say!("  by status: {}", counts.join(", "));
    for p in tally.problems.iter().take(LISTED_PROBLEMS) {
        match p.status {
            Status::Unresolved => {
                let hint = if p.suggestions.is_empty() {
                    String::new()
                } else {
                    format!("; did you mean {}?", p.suggestions.join(" or "))
                };
                say!("  {name}, line {}: not located: {}{hint}", p.line, p.reason);
            }
            Status::Ambiguous => say!(
                "  {name}, line {}: `{}` is ambiguous: {}",
                p.line,
                p.place,
                p.reason
            ),
            _ => say!("  {name}, line {}: skipped: {}", p.line, p.reason),
        }
    }
    if tally.problem_rows() > LISTED_PROBLEMS {
        say!(
            "  ... and {} more rows not located cleanly (see the report)",
            tally.problem_rows() - LISTED_PROBLEMS
        );
    }
    if streamed.filtered > 0 {
        say!(
            "  filtered out: {} rows (--from/--to/--type/--country)",
            streamed.filtered
        );
    }
    if streamed.blank > 0 {
        say!("  skipped: {} blank rows", streamed.blank);
    }
}

/// Streams the input through the geocoder (export and geocode write as they
/// read, so inputs of any size fit in memory), printing the summary. `open`
/// makes the writers and a maker of encoders, one per worker thread, that
/// encode rows into a batch `B`; `take` writes each batch, in input order.
fn stream_input<W, B, E, F>(
    args: &InputArgs,
    outputs: &[&Path],
    open: impl FnOnce(&incident::Schema, export::ColumnTypes) -> Result<(W, F), Failure>,
    mut take: impl FnMut(&mut W, &mut B) -> std::io::Result<()>,
) -> Result<(W, geocode::Tally), Failure>
where
    B: Default + Send,
    E: FnMut(&geocode::Located, &mut B) -> std::io::Result<()>,
    F: Fn() -> E + Sync,
{
    refuse_input(args, outputs)?;
    let source = pipeline::Source::open(&args.input)?;
    let options = args.read_options();
    let schema = source.reader(&options)?.schema().clone();
    let gazetteer = load_gazetteer(&args.gazetteers)?;
    let types = source.column_types(&schema, &options)?;
    let (mut writer, encoders) = open(&schema, types)?;
    let context = if args.no_context {
        geocode::Context::new()
    } else {
        source.context(&options, &gazetteer)?
    };
    let progress = progress_bar();
    let streamed = pipeline::stream(
        &source,
        &options,
        &args.filter(),
        &gazetteer,
        &context,
        encoders,
        |batch, tally| {
            progress.set_message(format!("{} rows", tally.rows()));
            progress.tick();
            take(&mut writer, batch)
        },
    );
    progress.finish_and_clear();
    let streamed = streamed?;
    print_summary(&Summary {
        name: source.name(),
        layout: schema.describe(),
        streamed: &streamed,
    });
    Ok((writer, streamed.tally))
}

/// A spinner with the row count on standard error for long runs, shown only
/// when standard error is a terminal (quiet in pipes and CI).
fn progress_bar() -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
            .expect("valid template"),
    );
    bar
}

fn finish(tally: &geocode::Tally, strict: bool, written: &[PathBuf]) -> ExitCode {
    let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
    say!("incimap: wrote {}", names.join(", "));
    let failures = tally.problem_rows();
    if strict && failures > 0 {
        say!("incimap: --strict: {failures} rows are unresolved, ambiguous or invalid");
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
        Command::Map(args) => {
            let dir = args.output.clone();
            let existed = dir.exists();
            let result = run_map(args);
            if result.is_err() && !existed {
                // Nothing was written: leave no empty folder behind either.
                let _ = std::fs::remove_dir(&dir);
            }
            result
        }
        Command::Geocode {
            input,
            output: out,
            report,
        } => {
            let ((csv, report_writer), tally) = stream_input(
                &input,
                &[&out, &report],
                |schema, types| {
                    let csv = export::Exporter::new(
                        Format::Csv,
                        schema,
                        types,
                        output::AtomicFile::create(&out)?,
                    )?;
                    let report = export::ReportWriter::new(output::AtomicFile::create(&report)?)?;
                    let encoder = csv.encoder();
                    let encoders = move || {
                        let mut encoder = encoder.clone();
                        move |row: &Located, (rows, lines): &mut (Chunk, Chunk)| {
                            encoder.encode(row, rows)?;
                            export::encode_report(row, lines)
                        }
                    };
                    Ok(((csv, report), encoders))
                },
                |(csv, report), (rows, lines)| {
                    csv.write_chunk(rows)?;
                    report.write_chunk(lines)
                },
            )?;
            report_writer
                .finish()?
                .commit()
                .map_err(|e| format!("{}: {e}", report.display()))?;
            csv.finish()?
                .commit()
                .map_err(|e| format!("{}: {e}", out.display()))?;
            Ok(finish(&tally, input.strict, &[out, report]))
        }
        Command::Export {
            input,
            output: out,
            format,
        } => {
            let format = match Format::choose(format, &out) {
                Ok(format) => format,
                Err(message) => {
                    say!("incimap: error: {message}");
                    return Ok(ExitCode::from(2));
                }
            };
            let (exporter, tally) = stream_input(
                &input,
                &[&out],
                |schema, types| {
                    let exporter = export::Exporter::new(
                        format,
                        schema,
                        types,
                        output::AtomicFile::create(&out)?,
                    )?;
                    let encoder = exporter.encoder();
                    let encoders = move || {
                        let mut encoder = encoder.clone();
                        move |row: &Located, chunk: &mut Chunk| encoder.encode(row, chunk)
                    };
                    Ok((exporter, encoders))
                },
                |exporter, chunk| exporter.write_chunk(chunk),
            )?;
            exporter
                .finish()?
                .commit()
                .map_err(|e| format!("{}: {e}", out.display()))?;
            Ok(finish(&tally, input.strict, &[out]))
        }
        Command::Extract {
            input,
            output: out,
            min_confidence,
            source,
            gazetteers,
        } => extract_article(&input, &out, min_confidence, source, &gazetteers),
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

fn extract_article(
    input: &Path,
    out: &Path,
    min_confidence: f64,
    source: Option<String>,
    gazetteers: &[PathBuf],
) -> Result<ExitCode, Failure> {
    if output::same_file(input, out) {
        return Err(Failure(format!(
            "{} is the input; refusing to write over it",
            out.display()
        )));
    }
    let name = input.display().to_string();
    let bytes = if input.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b)
            .map_err(|e| format!("{name}: {e}"))?;
        b
    } else {
        std::fs::read(input).map_err(|e| format!("{name}: {e}"))?
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{name}: not UTF-8 text (byte {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    let gazetteer = load_gazetteer(gazetteers)?;
    let options = extract::Options {
        min_confidence,
        source: source.unwrap_or_else(|| {
            input
                .file_name()
                .map_or(name.clone(), |f| f.to_string_lossy().into_owned())
        }),
    };
    let found = extract::extract(&text, &gazetteer, &options);
    let csv = render_bytes(|b| extract::write_csv(&found.rows, b))?;
    output::write_atomic(out, &csv).map_err(|e| format!("{}: {e}", out.display()))?;
    print_extraction(&name, out, min_confidence, &found);
    Ok(ExitCode::SUCCESS)
}

fn print_extraction(name: &str, out: &Path, min_confidence: f64, found: &extract::Extraction) {
    say!(
        "incimap: read {} sentences from {name}; found {} incidents; wrote {} rows to {}",
        found.sentences,
        found.rows.len() + found.below.len(),
        found.rows.len(),
        out.display()
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
            "  skipped: {} in {}: confidence {:.2} is below --min-confidence {min_confidence}",
            r.kind,
            r.place,
            r.confidence
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

/// `incimap map`: geocode, stream the GeoJSON and the report, draw the map.
fn run_map(args: MapArgs) -> Result<ExitCode, Failure> {
    let (input, dir, dpi) = (&args.input, &args.output, args.dpi);
    let mut format = args.format.clone();

    format.sort();
    format.dedup();
    let mut paths: Vec<PathBuf> = format
        .iter()
        .map(|f| dir.join(format!("map.{}", f.extension())))
        .collect();
    paths.push(dir.join("incidents.geojson"));
    paths.push(dir.join("geocode-report.csv"));
    let style = match &args.style {
        Some(file) => render::Style::load(file)?,
        None => render::Style::default(),
    };
    let geojson_path = dir.join("incidents.geojson");
    let report_path = dir.join("geocode-report.csv");
    // The GeoJSON and the report stream as rows are read; the map keeps
    // only what it draws of each row.
    let (((geojson, report), rows), tally) = stream_input(
        input,
        &paths.iter().map(PathBuf::as_path).collect::<Vec<_>>(),
        |s, types| {
            let geojson = export::Exporter::new(
                Format::GeoJson,
                s,
                types,
                output::AtomicFile::create(&geojson_path)?,
            )?;
            let report = export::ReportWriter::new(output::AtomicFile::create(&report_path)?)?;
            let encoder = geojson.encoder();
            let encoders = move || {
                let mut encoder = encoder.clone();
                move |row: &Located, (features, lines, kept): &mut (Chunk, Chunk, render::MapRows)| {
                    encoder.encode(row, features)?;
                    export::encode_report(row, lines)?;
                    kept.push(row);
                    Ok(())
                }
            };
            Ok((((geojson, report), render::MapRows::new()), encoders))
        },
        |((geojson, report), rows), (features, lines, kept)| {
            geojson.write_chunk(features)?;
            report.write_chunk(lines)?;
            rows.append(kept);
            Ok(())
        },
    )?;
    let options = render::MapOptions {
        title: args.title.clone(),
        subtitle: args.subtitle.clone(),
        source: args.source.clone(),
        width: args.width,
        height: args.height,
        projection: args.projection.clone(),
        size_by: args.size_by,
        timeline: args.timeline,
        inset: args.inset,
        style,
        aggregate: args.aggregate,
    };
    let map = render::render_rows(&rows, &options)?;
    for note in &map.notes {
        say!("  note: {note}");
    }
    for f in &format {
        let typeface = &options.style.typeface;
        let bytes = render::formats::encode(&map.svg, *f, dpi, typeface)?;
        let path = dir.join(format!("map.{}", f.extension()));
        output::write_atomic(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    geojson
        .finish()?
        .commit()
        .map_err(|e| format!("{}: {e}", geojson_path.display()))?;
    report
        .finish()?
        .commit()
        .map_err(|e| format!("{}: {e}", report_path.display()))?;
    Ok(finish(&tally, input.strict, &paths))
}

fn search(gazetteer: &Gazetteer, name: &str, country: Option<&str>) -> Result<ExitCode, Failure> {
    let mut hints = Hints::default();
    if let Some(c) = country {
        let code = gazetteer
            .country_code(c)
            .ok_or_else(|| Failure(format!("`{c}` is not a country code or name")))?;
        hints.country = Some(code.alpha2.clone());
    }
    let ranked = incimap::geocode::score::rank(gazetteer, name, &hints, None);
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
        "rank\tname\tmatched\tmatch\tkind\tcountry\tprovince\tpopulation\tfeature\tlat\tlon\tgeonameid\tscore\twhy"
    );
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
        println!(
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
        );
    }
    Ok(ExitCode::SUCCESS)
}
