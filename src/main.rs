//! The incimap command line: a dispatch table. Each subcommand is one file
//! under `src/cli/` with its options and its `run`; the work is the
//! library's (`incimap::job`).

mod cli;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use cli::Failure;

const CREDITS: &str = "\
Data credits:
  Gazetteer: contains data from GeoNames (https://www.geonames.org/), licensed
  under CC BY 4.0; modified: filtered, columns selected, merged.
  Basemap: Natural Earth (public domain), via world-atlas (ISC).
  Font: DejaVu Sans (Bitstream Vera licence).";

const MAP_EXAMPLES: &str = "\
Examples:
  incimap map incidents.csv                           # output/map.svg, incidents.geojson, geocode-report.csv
  incimap map acled.csv --width 180mm --format svg,pdf --title \"Attacks, 2024\"
  incimap map gtd.csv --from 2019 --to 2024-06 --type Bombing/Explosion --size-by fatalities
  incimap map sheet.csv --column place=Town --column date=\"Date of attack\"
  incimap map acled.csv --facet year --width 180mm      # small multiples: a map per year, one legend
  incimap map                                         # runs ./incimap.toml (see `incimap init`)
  incimap map --watch                                 # and again on every save";

const EXAMPLES: &str = "\
Examples:
  incimap map incidents.csv --title \"Attacks, 2019-2024\" --format svg,png
  incimap init incidents.csv && incimap map          # a project file, then one word
  incimap map --watch                                 # redraw on every save
  incimap export acled.csv -o attacks.geojson --type \"Explosions/Remote violence\"
  incimap geocode sheet.csv -o located.csv
  incimap gazetteer search Jalalabad";

/// Turn a spreadsheet of incidents into maps and GIS data.
#[derive(Parser)]
#[command(name = "incimap", version, before_help = None, after_help = format!("{EXAMPLES}\n\n{CREDITS}"))]
struct Cli {
    /// Say nothing but errors.
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Say more: every problem row, not only the first 20.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Geocode INPUT and write the map, the GeoJSON and the geocoding report into a folder.
    #[command(after_help = format!("{MAP_EXAMPLES}\n\n{CREDITS}"))]
    Map(cli::map::MapArgs),
    /// Write a project file (incimap.toml) for INPUT, so that `incimap map` alone redraws it.
    Init {
        /// Incidents CSV.
        input: PathBuf,
        /// The project file to write.
        #[arg(short, long, default_value = cli::project::PROJECT_FILE)]
        output: PathBuf,
        /// Replace an existing project file.
        #[arg(long)]
        force: bool,
    },
    /// Geocode INPUT: write the input rows with coordinates added, and the report.
    #[command(after_help = CREDITS)]
    Geocode(cli::data::GeocodeArgs),
    /// Geocode INPUT and write GeoJSON only.
    #[command(after_help = CREDITS)]
    Export(cli::data::ExportArgs),
    /// Draft an incidents CSV from a news article (plain text or Markdown), for review before `map`.
    #[command(after_help = CREDITS)]
    Extract(cli::extract::ExtractArgs),
    /// Ask the gazetteer about names.
    #[command(subcommand, after_help = CREDITS)]
    Gazetteer(cli::gazetteer::GazetteerCommand),
    /// Print a shell completion script: bash, zsh, fish, elvish or powershell.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `incimap man > incimap.1`.
    Man,
}

/// mimalloc: rows are allocated on the reading thread and freed on the
/// writing one, which the system allocator handles slowly.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    incimap::output::check_stdout();
    let cli = Cli::parse();
    cli::set_verbosity(cli.quiet, cli.verbose);
    match run(cli.command) {
        Ok(code) => code,
        // The reader of standard output went away (`| head`): that is fine.
        Err(Failure::ClosedPipe) => ExitCode::SUCCESS,
        Err(Failure::Message(message)) => {
            eprintln!("incimap: error: {message}");
            ExitCode::from(1)
        }
        Err(Failure::Usage(message)) => {
            eprintln!("incimap: error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<ExitCode, Failure> {
    match command {
        Command::Map(args) => cli::map::run(args),
        Command::Init {
            input,
            output,
            force,
        } => cli::map::init(input, output, force),
        Command::Geocode(args) => cli::data::geocode(args),
        Command::Export(args) => cli::data::export(args),
        Command::Extract(args) => cli::extract::run(args),
        Command::Gazetteer(command) => cli::gazetteer::run(command),
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "incimap",
                &mut std::io::stdout(),
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let page = clap_mangen::Man::new(Cli::command());
            match page.render(&mut std::io::stdout()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Failure::ClosedPipe),
                other => other.map(|()| ExitCode::SUCCESS).map_err(Failure::from),
            }
        }
    }
}
