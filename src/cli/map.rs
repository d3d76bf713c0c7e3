//! `incimap map` and `incimap init`: the map job from the command line or a
//! project file, once or on every change.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use incimap::job::MapJob;
use incimap::{pipeline, render};

use super::watch::Ran;
use super::{Failure, InputArgs, finish, print_summary, project, watch, with_progress};
use crate::say;

/// The options of `incimap map`.
#[derive(Args, Clone)]
pub struct MapArgs {
    /// Incidents CSV (`-` for standard input), or a project file (.toml);
    /// without it, `incimap.toml` in this folder.
    pub input: Option<PathBuf>,
    #[command(flatten)]
    pub options: InputArgs,
    /// Output folder.
    #[arg(short, long, default_value = "output")]
    pub output: PathBuf,
    /// Map title (default: "Incidents" and the span of years).
    #[arg(long)]
    pub title: Option<String>,
    /// Who collected the data, for the credit line.
    #[arg(long)]
    pub source: Option<String>,
    /// Subtitle (default: how many incidents at how many places, and the dates).
    #[arg(long)]
    pub subtitle: Option<String>,
    /// Figure width: pixels, or with a unit: 180mm, 18cm, 7in.
    #[arg(long, default_value = "1200", allow_hyphen_values = true, value_parser = render::parse_length)]
    pub width: f64,
    /// Figure height, like --width (default: what the extent needs).
    #[arg(long, allow_hyphen_values = true, value_parser = render::parse_length)]
    pub height: Option<f64>,
    /// Projection: lcc, albers, equalearth, robinson, mercator, mollweide, laea,
    /// platecarree, or a PROJ string (default: chosen from the extent).
    #[arg(long)]
    pub projection: Option<String>,
    /// Scale marker area with a number: fatalities or injuries.
    #[arg(long, value_name = "FIELD", value_parser = render::SizeBy::parse)]
    pub size_by: Option<render::SizeBy>,
    /// Add a timeline of incidents per month or year under the map.
    #[arg(long)]
    pub timeline: bool,
    /// Add an inset locator map showing where the map lies in the world.
    #[arg(long)]
    pub inset: bool,
    /// Zoom inset: `auto` adds an enlarged panel of a crowded area whose
    /// place labels cannot fit, naming its places there; `none` lists them
    /// under the map instead.
    #[arg(long, value_name = "MODE", default_value = "auto", value_parser = render::zoom::Zoom::parse)]
    pub zoom: render::zoom::Zoom,
    /// Most types the legend lists, "Other types" included: past it, the
    /// rarest types are drawn and counted together as "Other types".
    #[arg(long, value_name = "N", default_value_t = render::DEFAULT_MAX_TYPES,
          value_parser = clap::value_parser!(u16).range(2..))]
    pub max_types: u16,
    /// Markers per incident (`none`), counts per cluster of nearby places
    /// (`cluster`) or per grid cell (`grid`); `auto` clusters above 300 incidents.
    #[arg(long, default_value = "auto", value_parser = parse_aggregate)]
    pub aggregate: render::aggregate::Aggregate,
    /// Shade first-level divisions (`admin1`) or countries (`country`) by
    /// their incidents, in classes of a sequential colour scale, with a key.
    #[arg(long, value_name = "AREAS", value_parser = render::choropleth::Areas::parse)]
    pub choropleth: Option<render::choropleth::Areas>,
    /// What the choropleth counts: incidents (`count`) or `fatalities`.
    #[arg(long, value_name = "MEASURE", default_value = "count",
          value_parser = render::choropleth::Measure::parse)]
    pub choropleth_by: render::choropleth::Measure,
    /// How the choropleth's classes are made: natural breaks (`jenks`) or `quantile`.
    #[arg(long, value_name = "METHOD", default_value = "jenks",
          value_parser = render::choropleth::Classing::parse)]
    pub choropleth_classes: render::choropleth::Classing,
    /// Small multiples: a grid of small maps with one extent, scale and
    /// legend, a map per year (`year`: every year from the first to the
    /// last, empty ones too) or per incident type (`type`, in legend order).
    #[arg(long, value_name = "BY", value_parser = render::Facet::parse)]
    pub facet: Option<render::Facet>,
    /// Style file (TOML): colours, fonts, sizes, layers; see the README.
    #[arg(long, value_name = "FILE.toml")]
    pub style: Option<PathBuf>,
    /// Map formats, comma-separated: svg, png, pdf.
    #[arg(long, value_delimiter = ',', default_value = "svg", value_parser = render::Format::parse)]
    pub format: Vec<render::Format>,
    /// Resolution of the PNG in dots per inch (96 gives one pixel per SVG pixel).
    #[arg(long, default_value = "96", value_parser = render::formats::parse_dpi)]
    pub dpi: f64,
    /// Run again whenever the input, the project file, the style or a
    /// gazetteer file changes (Ctrl-C stops).
    #[arg(long)]
    pub watch: bool,
    /// Stop watching after this many runs (for scripts and tests).
    #[arg(long, hide = true, value_name = "N")]
    pub watch_runs: Option<usize>,
}

fn parse_aggregate(name: &str) -> Result<render::aggregate::Aggregate, String> {
    render::aggregate::Aggregate::parse(name)
        .ok_or_else(|| format!("`{name}` is not none, grid, cluster or auto"))
}

impl MapArgs {
    /// The library's map job for these options.
    pub fn job(&self) -> Result<MapJob, Failure> {
        let Some(input) = self.input.clone() else {
            return Err(Failure::Usage(format!(
                "no input given and no {} here; try `incimap map incidents.csv` or `incimap init incidents.csv`",
                project::PROJECT_FILE
            )));
        };
        if self.output.as_os_str() == "-" {
            return Err(Failure::Usage(
                "`map -o` takes a folder, not `-`; use `incimap export -o -` for GeoJSON on standard output".into(),
            ));
        }
        let style = match &self.style {
            Some(file) => render::Style::load(file)?,
            None => render::Style::default(),
        };
        let mut job = MapJob::new(self.options.spec(input), &self.output);
        job.map = render::MapOptions {
            title: self.title.clone(),
            subtitle: self.subtitle.clone(),
            source: self.source.clone(),
            width: self.width,
            height: self.height,
            projection: self.projection.clone(),
            size_by: self.size_by,
            timeline: self.timeline,
            inset: self.inset,
            zoom: self.zoom,
            max_types: usize::from(self.max_types),
            style,
            aggregate: self.aggregate,
            choropleth: self.choropleth.map(|areas| render::choropleth::Choropleth {
                areas,
                measure: self.choropleth_by,
                classing: self.choropleth_classes,
            }),
            facet: self.facet,
        };
        job.formats = self.format.clone();
        job.dpi = self.dpi;
        Ok(job)
    }

    /// The files a change to which reruns the job.
    fn watched(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = self.input.iter().cloned().collect();
        files.extend(self.style.iter().cloned());
        files.extend(self.options.gazetteers.iter().cloned());
        files
    }
}

/// The global flags, which may follow the subcommand but are not `map`'s.
const GLOBAL_FLAGS: [&str; 5] = ["-q", "--quiet", "-v", "--verbose", "-vv"];

/// The arguments after `map` on this process's command line.
fn map_arguments() -> Vec<OsString> {
    std::env::args_os()
        .skip(1)
        .skip_while(|a| a != "map")
        .skip(1)
        .filter(|a| !GLOBAL_FLAGS.iter().any(|g| a == g))
        .collect()
}

/// `incimap map`.
pub fn run(args: MapArgs) -> Result<ExitCode, Failure> {
    let project = project::find(args.input.as_deref());
    let resolve = || -> Result<MapArgs, Failure> {
        match &project {
            Some(file) => project::merge(file, &map_arguments()),
            None => Ok(args.clone()),
        }
    };
    if !args.watch {
        return once(&resolve()?);
    }
    let watched = || {
        let mut files = resolve().map(|a| a.watched()).unwrap_or_default();
        files.extend(project.iter().cloned());
        files
    };
    let run_quietly = || -> Result<Ran, Failure> {
        let args = resolve()?;
        let run = args.job()?.run(&|_| {}).map_err(super::failed)?;
        let tally = &run.report.streamed.tally;
        let names: Vec<String> = run
            .written
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        Ok(Ran {
            line: format!(
                "located {} of {} rows; wrote {}",
                tally.located(),
                tally.rows(),
                names.join(", ")
            ),
        })
    };
    watch::run(watched, run_quietly, args.watch_runs)
}

/// One run, with the full summary.
fn once(args: &MapArgs) -> Result<ExitCode, Failure> {
    let job = args.job()?;
    let run = with_progress(|progress| job.run(progress))?;
    print_summary(&run.report);
    for note in &run.notes {
        say!("  note: {note}");
    }
    Ok(finish(
        &run.report.streamed.tally,
        args.options.strict,
        &run.written,
    ))
}

/// `incimap init INPUT`: writes a project file from what the input holds.
pub fn init(input: PathBuf, out: PathBuf, force: bool) -> Result<ExitCode, Failure> {
    if out.exists() && !force {
        return Err(Failure::Message(format!(
            "{} exists; use --force to replace it",
            out.display()
        )));
    }
    let source = pipeline::Source::open(&input)?;
    let schema = source.reader(&Default::default())?.schema().clone();
    let columns: Vec<(String, String)> = (0..schema.columns.len())
        .filter_map(|i| {
            let field = schema.field_of(i)?;
            Some((field.name().to_string(), schema.column_name(i).to_string()))
        })
        .collect();
    let detected = format!("{}: {}", source.name(), schema.describe());
    // The input is named relative to where the project file goes.
    let folder = out.parent().unwrap_or(std::path::Path::new(""));
    let relative = std::path::absolute(&input)
        .ok()
        .and_then(|abs| {
            let base = std::path::absolute(folder).ok()?;
            abs.strip_prefix(base).ok().map(PathBuf::from)
        })
        .unwrap_or(input);
    let text = project::template(&relative, &detected, &columns);
    incimap::output::write_atomic(&out, text.as_bytes())
        .map_err(|e| format!("{}: {e}", out.display()))?;
    say!(
        "incimap: wrote {} ({detected}); run `incimap map` beside it",
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}
