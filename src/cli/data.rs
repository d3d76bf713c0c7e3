//! `incimap geocode` and `incimap export`: the data without the map.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use incimap::export::Format;
use incimap::job;

use super::{Failure, InputArgs, finish, print_summary, with_progress};

/// The options of `incimap geocode`.
#[derive(Args)]
pub struct GeocodeArgs {
    /// Incidents CSV (`-` for standard input).
    pub input: PathBuf,
    #[command(flatten)]
    pub options: InputArgs,
    /// Geocoded CSV (`-` for standard output).
    #[arg(short, long, default_value = "output/geocoded.csv")]
    pub output: PathBuf,
    /// Per-row geocoding report.
    #[arg(long, default_value = "output/geocode-report.csv")]
    pub report: PathBuf,
}

/// The options of `incimap export`.
#[derive(Args)]
pub struct ExportArgs {
    /// Incidents CSV (`-` for standard input).
    pub input: PathBuf,
    #[command(flatten)]
    pub options: InputArgs,
    /// Output file (`-` for standard output): .geojson, .geojsons (RFC 8142), .csv or .gpkg (GeoPackage).
    #[arg(short, long, default_value = "output/incidents.geojson")]
    pub output: PathBuf,
    /// Output format, instead of the extension's: geojson, geojsons, csv or gpkg.
    #[arg(long, value_parser = parse_format)]
    pub format: Option<Format>,
}

fn parse_format(name: &str) -> Result<Format, String> {
    Format::from_name(name)
        .ok_or_else(|| format!("`{name}` is not a format: geojson, geojsons, csv or gpkg"))
}

/// `incimap geocode`: the input's rows with coordinates, and the report.
pub fn geocode(args: GeocodeArgs) -> Result<ExitCode, Failure> {
    let input = args.options.spec(args.input);
    let read =
        with_progress(|progress| job::geocode(&input, &args.output, &args.report, progress))?;
    print_summary(&read);
    Ok(finish(
        &read.streamed.tally,
        args.options.strict,
        &[args.output, args.report],
    ))
}

/// `incimap export`: one data file.
pub fn export(args: ExportArgs) -> Result<ExitCode, Failure> {
    let format = match Format::choose(args.format, &args.output) {
        Ok(format) => format,
        Err(message) => {
            crate::say!("incimap: error: {message}");
            return Ok(ExitCode::from(2));
        }
    };
    let input = args.options.spec(args.input);
    let read = with_progress(|progress| job::export(&input, &args.output, format, progress))?;
    print_summary(&read);
    Ok(finish(
        &read.streamed.tally,
        args.options.strict,
        &[args.output],
    ))
}
