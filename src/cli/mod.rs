//! What the subcommands share: input options, messages on standard error at
//! the chosen verbosity, the run summary and the exit code.

pub mod data;
pub mod extract;
pub mod gazetteer;
pub mod map;
pub mod project;
pub mod watch;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU8, Ordering};

use clap::Args;

use incimap::filter::Filter;
use incimap::geocode::{self, Status};
use incimap::incident::{self, DayOrder, Field, PartialDate, ReadOptions};
use incimap::job::{InputReport, InputSpec, JobError, Progress};

/// 0: errors only (`-q`); 1: the summary; 2: every problem row (`-v`).
static VERBOSITY: AtomicU8 = AtomicU8::new(1);

/// Sets how much is said on standard error.
pub fn set_verbosity(quiet: bool, verbose: u8) {
    let level = if quiet { 0 } else { 1 + verbose.min(1) };
    VERBOSITY.store(level, Ordering::Relaxed);
}

/// Whether messages of this level are shown.
pub fn shown(level: u8) -> bool {
    VERBOSITY.load(Ordering::Relaxed) >= level
}

/// Writes a line to standard error unless `-q` is given. A closed standard
/// error (`2>&1 | head`) must not stop a run halfway, so write errors are
/// ignored.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {{
        if $crate::cli::shown(1) {
            use std::io::Write as _;
            let _ = writeln!(std::io::stderr(), $($arg)*);
        }
    }};
}

/// A failure that ends the run with exit code 1 (or 0, quietly, when the
/// reader of standard output went away).
#[derive(Debug)]
pub enum Failure {
    /// Said as `incimap: error: …`.
    Message(String),
    /// A command line that cannot be run, said like a message: exit code 2.
    Usage(String),
    /// Standard output was closed by its reader (`| head`): stop quietly.
    ClosedPipe,
}

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure::Message(e.to_string())
    }
}

/// Turns a job's error into a failure, a closed pipe into a quiet stop.
pub fn failed(error: JobError) -> Failure {
    let io = match &error {
        JobError::Io(e) | JobError::Write { source: e, .. } => Some(e),
        JobError::Stream(incimap::pipeline::StreamError::Output(e)) => Some(e),
        _ => None,
    };
    match io {
        Some(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Failure::ClosedPipe,
        _ => Failure::Message(error.to_string()),
    }
}

/// The options every command that reads incidents takes.
#[derive(Args, Clone)]
pub struct InputArgs {
    /// Extra gazetteer files (our CSV or a GeoNames dump); they win over the embedded data.
    #[arg(long = "gazetteer", value_name = "FILE")]
    pub gazetteers: Vec<PathBuf>,
    /// Map a field onto a column of another name, e.g. `--column place=city`.
    #[arg(long = "column", value_name = "FIELD=HEADER", value_parser = parse_column)]
    pub columns: Vec<(Field, String)>,
    /// Resolve each place on its own, without pulling unclear names toward the file's other places.
    #[arg(long)]
    pub no_context: bool,
    /// Exit with code 1 if any row is unresolved, ambiguous or invalid.
    #[arg(long)]
    pub strict: bool,
    /// Read ambiguous numeric dates such as 03/04/2024 as day first (3 April).
    #[arg(long, conflicts_with = "monthfirst")]
    pub dayfirst: bool,
    /// Read ambiguous numeric dates such as 03/04/2024 as month first (March 4).
    #[arg(long)]
    pub monthfirst: bool,
    /// The input's encoding (utf-8, utf-16le, windows-1252, windows-1251...), instead of guessing.
    #[arg(long, value_name = "LABEL", value_parser = incident::encoding_for_label)]
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// The input's delimiter (`,`, `;`, `tab`, `|`), instead of guessing.
    #[arg(long, value_name = "CHAR", value_parser = incident::delimiter_for_name)]
    pub delimiter: Option<u8>,
    /// The first line is a row, not a header (columns are column_1, column_2... unless named).
    #[arg(long)]
    pub no_header: bool,
    /// Names of the columns of a file without a header, comma-separated (implies --no-header).
    #[arg(long = "columns", value_name = "A,B,C", value_delimiter = ',')]
    pub names: Vec<String>,
    /// The input's layout, instead of recognising it: native, acled, gtd, ucdp, gdelt.
    #[arg(long, value_name = "NAME", value_parser = incident::Layout::from_name)]
    pub layout: Option<incident::Layout>,
    /// The sheet of a workbook (.xlsx, .xls, .ods) to read, by name or number from 1 (default: the first).
    #[arg(long, value_name = "NAME|N")]
    pub sheet: Option<String>,
    /// Read dates with this strftime format (e.g. %d.%m.%y, %Y%m), before the built-in forms (repeatable).
    #[arg(long = "date-format", value_name = "FORMAT", value_parser = incident::check_date_format)]
    pub date_formats: Vec<String>,
    /// Keep rows dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = PartialDate::parse)]
    pub from: Option<PartialDate>,
    /// Keep rows dated on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = PartialDate::parse)]
    pub to: Option<PartialDate>,
    /// Keep rows of this type (repeatable).
    #[arg(long = "type", value_name = "TYPE")]
    pub types: Vec<String>,
    /// Keep rows whose country column is this country, by name or ISO code (repeatable).
    #[arg(long = "country", value_name = "COUNTRY")]
    pub countries: Vec<String>,
    /// Field names of at most 10 characters (for Shapefiles), as listed in the README.
    #[arg(long)]
    pub short_names: bool,
    /// Start CSV outputs with a UTF-8 byte order mark, so that Excel reads accents right.
    #[arg(long)]
    pub excel: bool,
    /// Keep cells starting with = + - @ as they are in CSV outputs (by default they get a leading ' so that spreadsheets do not run them as formulas).
    #[arg(long)]
    pub raw: bool,
}

impl InputArgs {
    /// The library's description of the input at `path` with these options.
    pub fn spec(&self, path: PathBuf) -> InputSpec {
        InputSpec {
            path,
            gazetteers: self.gazetteers.clone(),
            read: ReadOptions {
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
            },
            filter: Filter {
                from: self.from,
                to: self.to,
                types: self.types.clone(),
                countries: self.countries.clone(),
            },
            context: !self.no_context,
            short_names: self.short_names,
            excel: self.excel,
            raw: self.raw,
        }
    }
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

/// Problem rows listed on the terminal without `-v`; the report has them all.
const LISTED_PROBLEMS: usize = 20;

/// Tells how a run's reading went: warnings, counts, problem rows.
pub fn print_summary(read: &InputReport) {
    let InputReport {
        name,
        layout,
        streamed,
        gazetteers,
    } = read;
    for (file, n) in gazetteers {
        say!("incimap: {n} places from {}", file.display());
    }
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
    let listed = if shown(2) {
        usize::MAX
    } else {
        LISTED_PROBLEMS
    };
    for p in tally.problems.iter().take(listed) {
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
    if tally.problem_rows() > listed {
        say!(
            "  ... and {} more rows not located cleanly (see the report, or -v)",
            tally.problem_rows() - listed
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

/// A progress display on standard error for long runs, shown only when
/// standard error is a terminal and `-q` is not given: a bar with the share
/// read and the time left when the input's size is known, else a spinner.
pub fn progress_bar() -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() || !shown(1) {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
            .expect("valid template"),
    );
    bar
}

/// Shows `progress` on `bar`, turning the spinner into a bar once the
/// input's size is known.
fn show(bar: &indicatif::ProgressBar, progress: Progress) {
    if let Some(total) = progress.total.filter(|&t| t > 0)
        && bar.length() != Some(total)
    {
        bar.set_length(total);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:30} {percent:>3}% {msg} ({elapsed}, about {eta} left)",
            )
            .expect("valid template"),
        );
    }
    bar.set_position(progress.bytes);
    bar.set_message(format!("{} rows", progress.rows));
}

/// Runs `job` with a progress display, then clears it.
pub fn with_progress<T>(
    job: impl FnOnce(&dyn Fn(Progress)) -> Result<T, JobError>,
) -> Result<T, Failure> {
    let bar = progress_bar();
    let result = job(&|progress| show(&bar, progress));
    bar.finish_and_clear();
    result.map_err(failed)
}

/// Names what was written and picks the exit code (`--strict`).
pub fn finish(tally: &geocode::Tally, strict: bool, written: &[PathBuf]) -> ExitCode {
    let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
    say!("incimap: wrote {}", names.join(", "));
    let failures = tally.problem_rows();
    if strict && failures + tally.suspect > 0 {
        say!(
            "incimap: --strict: {failures} rows are unresolved, ambiguous or invalid; {} warnings about the text (unclosed quotes, removed control characters)",
            tally.suspect
        );
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
