//! The jobs of the command line as library calls: read an input, geocode
//! it with the file's own context, stream the data outputs as rows are read,
//! and draw the map. The CLI and the project file both build a [`MapJob`].
//!
//! ```no_run
//! use incimap::job::{InputSpec, MapJob};
//!
//! let job = MapJob::new(InputSpec::new("examples/incidents.csv"), "output");
//! let run = job.run(&|_progress| {}).expect("the example maps");
//! println!("located {} of {} rows", run.report.streamed.tally.located(),
//!          run.report.streamed.tally.rows());
//! for path in &run.written {
//!     println!("wrote {}", path.display());
//! }
//! ```

use std::io;
use std::path::{Path, PathBuf};

use crate::export::{self, Chunk, Format};
use crate::filter::Filter;
use crate::gazetteer::{Gazetteer, GazetteerError};
use crate::geocode::{self, Located};
use crate::incident::{InputError, ReadOptions, Schema};
use crate::output;
use crate::pipeline::{self, StreamError, Streamed};
use crate::render::{self, RenderError};

/// What to read and how: the input file, extra gazetteers, the column
/// mapping and dialect, the row filter, and whether to use the file's context.
#[derive(Clone, Debug)]
pub struct InputSpec {
    /// The incidents file (`-` for standard input).
    pub path: PathBuf,
    /// Extra gazetteer files; they win over the embedded data.
    pub gazetteers: Vec<PathBuf>,
    /// Column mapping, date order, encoding, delimiter.
    pub read: ReadOptions,
    /// Which rows to keep.
    pub filter: Filter,
    /// Pull unclear names toward the file's other places.
    pub context: bool,
    /// Output field names of at most 10 characters (for Shapefiles).
    pub short_names: bool,
    /// Start CSV outputs with a UTF-8 byte order mark, for Excel.
    pub excel: bool,
    /// Keep cells that a spreadsheet would run as formulas as they are in
    /// the CSV outputs (by default they get a leading `'`).
    pub raw: bool,
}

impl InputSpec {
    /// An input read with the defaults: columns by their usual names, every
    /// row, the file's context on.
    pub fn new(path: impl Into<PathBuf>) -> InputSpec {
        InputSpec {
            path: path.into(),
            gazetteers: Vec::new(),
            read: ReadOptions::default(),
            filter: Filter::default(),
            context: true,
            short_names: false,
            excel: false,
            raw: false,
        }
    }

    /// How the CSV outputs are written: the byte order mark and formulas.
    pub fn csv_options(&self) -> export::CsvOptions {
        export::CsvOptions {
            excel: self.excel,
            formulas: self.formulas(),
        }
    }

    /// What the CSV outputs do with cells that look like formulas.
    pub fn formulas(&self) -> export::Formulas {
        if self.raw {
            export::Formulas::Keep
        } else {
            export::Formulas::Neutralise
        }
    }
}

/// How far a run has read: rows, and bytes of the input's size when known.
#[derive(Clone, Copy, Debug)]
pub struct Progress {
    /// Rows read so far.
    pub rows: usize,
    /// Bytes of the input read so far.
    pub bytes: u64,
    /// The input's size in bytes, when known (not for standard input's pipe
    /// before it is copied, nor inside a workbook).
    pub total: Option<u64>,
}

/// What a run read: the input's name and layout, and how its rows went.
#[derive(Debug)]
pub struct InputReport {
    /// The input's name as given.
    pub name: String,
    /// The layout detected (ACLED, GTD, generic columns...).
    pub layout: String,
    /// Counts, problem rows and warnings.
    pub streamed: Streamed,
    /// Places added from each extra gazetteer file.
    pub gazetteers: Vec<(PathBuf, usize)>,
}

/// Why a job stopped.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// An output would overwrite the input.
    #[error("{} is the input; refusing to write over it", .0.display())]
    OverwritesInput(PathBuf),
    /// The input could not be opened or read.
    #[error(transparent)]
    Input(#[from] InputError),
    /// A gazetteer file could not be read.
    #[error(transparent)]
    Gazetteer(#[from] GazetteerError),
    /// Reading stopped halfway, or an output could not be written.
    #[error(transparent)]
    Stream(#[from] StreamError),
    /// The map could not be drawn.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// The SVG could not be turned into PNG or PDF.
    #[error(transparent)]
    Format(#[from] render::formats::FormatError),
    /// An output file could not be written.
    #[error("{}: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: io::Error,
    },
    /// Anything else the encoders report.
    #[error(transparent)]
    Io(#[from] io::Error),
    /// The data was written but the map could not be made; the previous
    /// run's maps of the formats asked for, and its styles, were removed.
    #[error("{error}; wrote the GeoJSON and the report{}", removed_note(.removed))]
    MapFailed {
        /// Why the map could not be made.
        error: Box<JobError>,
        /// The earlier maps removed so that none sits beside the new data.
        removed: Vec<String>,
    },
}

fn removed_note(removed: &[String]) -> String {
    if removed.is_empty() {
        String::new()
    } else {
        format!(", removed the previous {}", removed.join(", "))
    }
}

/// The embedded gazetteer with `files` added, and how many places each gave.
pub fn load_gazetteer(files: &[PathBuf]) -> Result<(Gazetteer, Vec<(PathBuf, usize)>), JobError> {
    let mut gazetteer = Gazetteer::embedded();
    let mut added = Vec::new();
    for file in files {
        added.push((file.clone(), gazetteer.add_file(file)?));
    }
    Ok((gazetteer, added))
}

/// Refuses outputs that would overwrite the input.
pub fn refuse_input(input: &Path, outputs: &[&Path]) -> Result<(), JobError> {
    match outputs.iter().find(|out| output::same_file(input, out)) {
        Some(out) => Err(JobError::OverwritesInput(out.to_path_buf())),
        None => Ok(()),
    }
}

/// Streams the input through the geocoder, writing as it reads, so that
/// inputs of any size fit in memory. `open` makes the writers and a maker of
/// encoders, one per worker thread, that encode rows into a batch `B`;
/// `take` writes each batch, in input order; `progress` hears how far the
/// reading has come.
pub fn stream_input<W, B, E, F>(
    input: &InputSpec,
    outputs: &[&Path],
    progress: &dyn Fn(Progress),
    open: impl FnOnce(&Schema, export::ColumnTypes) -> Result<(W, F), JobError>,
    mut take: impl FnMut(&mut W, &mut B) -> io::Result<()>,
) -> Result<(W, InputReport), JobError>
where
    B: Default + Send,
    E: FnMut(&Located, &mut B) -> io::Result<()>,
    F: Fn() -> E + Sync,
{
    refuse_input(&input.path, outputs)?;
    let source = pipeline::Source::open(&input.path)?;
    let options = &input.read;
    let schema = source.reader(options)?.schema().clone();
    let (gazetteer, gazetteers) = load_gazetteer(&input.gazetteers)?;
    let types = source.column_types(&schema, options)?;
    let types = if input.short_names {
        types.with_short_names()
    } else {
        types
    };
    let (mut writer, encoders) = open(&schema, types)?;
    let context = if input.context {
        source.context(options, &gazetteer)?
    } else {
        geocode::Context::new()
    };
    let total = source.size();
    let streamed = pipeline::stream(
        &source,
        options,
        &input.filter,
        &gazetteer,
        &context,
        encoders,
        |batch, tally| {
            progress(Progress {
                rows: tally.rows(),
                bytes: source.bytes_read(),
                total,
            });
            take(&mut writer, batch)
        },
    )?;
    let report = InputReport {
        name: source.name().to_string(),
        layout: schema.describe(),
        streamed,
        gazetteers,
    };
    Ok((writer, report))
}

/// Geocodes an input into one data file (GeoJSON, GeoJSON sequence, CSV or GeoPackage).
pub fn export(
    input: &InputSpec,
    out: &Path,
    format: Format,
    progress: &dyn Fn(Progress),
) -> Result<InputReport, JobError> {
    let (exporter, report) = stream_input(
        input,
        &[out],
        progress,
        |schema, types| {
            let exporter =
                export::FileExporter::create(format, out, schema, types, input.csv_options())?;
            let encoder = exporter.encoder();
            let encoders = move || {
                let mut encoder = encoder.clone();
                move |row: &Located, chunk: &mut Chunk| encoder.encode(row, chunk)
            };
            Ok((exporter, encoders))
        },
        |exporter, chunk| exporter.write_chunk(chunk),
    )?;
    exporter.commit().map_err(|e| write_error(out, e))?;
    Ok(report)
}

/// Geocodes an input into the input's rows with coordinates added (CSV),
/// and the per-row report.
pub fn geocode(
    input: &InputSpec,
    out: &Path,
    report_path: &Path,
    progress: &dyn Fn(Progress),
) -> Result<InputReport, JobError> {
    // Two files in one folder appear together, as a map job's do.
    let staging = geocode_staging(out, report_path)?;
    let (csv_path, report_file) = match &staging {
        Some((staging, [csv, report])) => (staging.path(csv), staging.path(report)),
        None => (out.to_path_buf(), report_path.to_path_buf()),
    };
    let ((csv, report), read) = stream_input(
        input,
        &[out, report_path],
        progress,
        |schema, types| {
            let csv = export::FileExporter::create(
                Format::Csv,
                &csv_path,
                schema,
                types,
                input.csv_options(),
            )?;
            let report = export::ReportWriter::new(output::AtomicFile::create(&report_file)?)?
                .with_formulas(input.formulas());
            let encoder = csv.encoder();
            let formulas = input.formulas();
            let encoders = move || {
                let mut encoder = encoder.clone();
                move |row: &Located, (rows, lines): &mut (Chunk, Chunk)| {
                    encoder.encode(row, rows)?;
                    export::encode_report(row, formulas, lines)
                }
            };
            Ok(((csv, report), encoders))
        },
        |(csv, report), (rows, lines)| {
            csv.write_chunk(rows)?;
            report.write_chunk(lines)
        },
    )?;
    // Both complete before either takes its name, renamed back to back.
    let mut files = csv.finish().map_err(|e| write_error(out, e))?;
    files.push(report.finish().map_err(|e| write_error(report_path, e))?);
    output::commit_all(files)?;
    if let Some((staging, _)) = staging {
        let folder = out.parent().unwrap_or(Path::new("."));
        staging.publish(&[]).map_err(|e| write_error(folder, e))?;
    }
    Ok(read)
}

/// A staging folder for `geocode`'s CSV (with its `.csvt` and `.prj`) and
/// report when they go to files in one folder, and their two names.
fn geocode_staging(
    out: &Path,
    report: &Path,
) -> Result<Option<(output::folder::Staging, [String; 2])>, JobError> {
    let folder = |p: &Path| p.parent().map(Path::to_path_buf);
    let name = |p: &Path| p.file_name().and_then(|n| n.to_str()).map(str::to_string);
    let (Some(csv), Some(report_name)) = (name(out), name(report)) else {
        return Ok(None);
    };
    if out.as_os_str() == "-" || report.as_os_str() == "-" || folder(out) != folder(report) {
        return Ok(None);
    }
    let dir = folder(out).unwrap_or_default();
    let sidecars = ["csvt", "prj"].map(|e| Path::new(&csv).with_extension(e));
    let mut names = vec![csv.as_str(), report_name.as_str()];
    names.extend(sidecars.iter().filter_map(|p| p.to_str()));
    let staging = output::folder::Staging::begin(&dir, &names).map_err(|e| write_error(&dir, e))?;
    Ok(Some((staging, [csv, report_name])))
}

/// A map job: an input, an output folder, what to draw and in which formats.
#[derive(Clone, Debug)]
pub struct MapJob {
    /// What to read.
    pub input: InputSpec,
    /// The output folder: `map.svg` (and other formats), `incidents.geojson`,
    /// `geocode-report.csv`, and the QGIS styles `incidents.qml` and `.sld`.
    pub output: PathBuf,
    /// Title, size, projection, style...
    pub map: render::MapOptions,
    /// Map formats (SVG, PNG, PDF).
    pub formats: Vec<render::Format>,
    /// Resolution of the PNG in dots per inch.
    pub dpi: f64,
}

/// What a map job did.
#[derive(Debug)]
pub struct MapRun {
    /// The files written, maps first.
    pub written: Vec<PathBuf>,
    /// What was read and how its rows went.
    pub report: InputReport,
    /// Notes from drawing (labels left out, clusters...).
    pub notes: Vec<String>,
}

impl MapJob {
    /// A job with the command line's defaults: an SVG 1200 pixels wide.
    pub fn new(input: InputSpec, output: impl Into<PathBuf>) -> MapJob {
        MapJob {
            input,
            output: output.into(),
            map: render::MapOptions::default(),
            formats: vec![render::Format::Svg],
            dpi: 96.0,
        }
    }

    /// The files the job writes, maps first.
    pub fn outputs(&self) -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> = self
            .formats()
            .iter()
            .map(|f| self.output.join(format!("map.{}", f.extension())))
            .collect();
        let geojson = self.output.join("incidents.geojson");
        paths.push(geojson.clone());
        paths.push(self.output.join("geocode-report.csv"));
        paths.extend(export::qml::style_paths(&geojson));
        paths
    }

    fn formats(&self) -> Vec<render::Format> {
        let mut formats = self.formats.clone();
        formats.sort();
        formats.dedup();
        formats
    }

    /// Reads, geocodes, writes the GeoJSON and the report as rows are read,
    /// then draws the map. The outputs are written into a staging folder and
    /// appear in the output folder together ([`output::folder`]): a failed
    /// or killed run leaves the earlier outputs as they were, and no empty
    /// folder behind.
    pub fn run(&self, progress: &dyn Fn(Progress)) -> Result<MapRun, JobError> {
        let existed = self.output.exists();
        let result = self.run_in_folder(progress);
        if result.is_err() && !existed {
            let _ = std::fs::remove_dir(&self.output);
        }
        result
    }

    fn run_in_folder(&self, progress: &dyn Fn(Progress)) -> Result<MapRun, JobError> {
        let paths = self.outputs();
        let names: Vec<&str> = paths
            .iter()
            .filter_map(|p| p.file_name()?.to_str())
            .collect();
        // Every output is written into a staging folder and the whole run
        // appears in the output folder at once.
        let staging = output::folder::Staging::begin(&self.output, &names)
            .map_err(|e| write_error(&self.output, e))?;
        let geojson_path = staging.path("incidents.geojson");
        let report_path = staging.path("geocode-report.csv");
        // The GeoJSON and the report stream as rows are read; the map keeps
        // only what it draws of each row.
        let mut style_fields = None;
        let (((geojson, report), rows), read) = stream_input(
            &self.input,
            &paths.iter().map(PathBuf::as_path).collect::<Vec<_>>(),
            progress,
            |schema, types| {
                style_fields = Some(export::qml::StyleFields::of(schema, &types));
                let geojson = export::Exporter::new(
                    Format::GeoJson,
                    schema,
                    types,
                    output::AtomicFile::create(&geojson_path)?,
                )?;
                let report = export::ReportWriter::new(output::AtomicFile::create(&report_path)?)?
                    .with_formulas(self.input.formulas());
                let encoder = geojson.encoder();
                let formulas = self.input.formulas();
                let encoders = move || {
                    let mut encoder = encoder.clone();
                    move |row: &Located,
                          (features, lines, kept): &mut (Chunk, Chunk, render::MapRows)| {
                        encoder.encode(row, features)?;
                        export::encode_report(row, formulas, lines)?;
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
        let data = vec![
            geojson
                .finish()
                .map_err(|e| write_error(&self.output.join("incidents.geojson"), e))?,
            report
                .finish()
                .map_err(|e| write_error(&self.output.join("geocode-report.csv"), e))?,
        ];
        let formats = self.formats();
        let drawn = render::render_rows(&rows, &self.map)
            .map_err(JobError::from)
            .and_then(|map| {
                let files = self.map_files(&staging, &map.svg, &formats)?;
                Ok((map, files))
            });
        let publish_error = |e| write_error(&self.output, e);
        let (map, maps) = match drawn {
            Ok(drawn) => drawn,
            Err(error) => {
                // A map that cannot be drawn still leaves this run's data;
                // the old maps and styles describe the old data: they go.
                output::commit_all(data)?;
                let stale: Vec<&str> = names[..formats.len()]
                    .iter()
                    .chain(&names[formats.len() + 2..])
                    .copied()
                    .collect();
                let published = staging.publish(&stale).map_err(publish_error)?;
                return Err(JobError::MapFailed {
                    error: Box::new(error),
                    removed: published.removed,
                });
            }
        };
        output::commit_all(data.into_iter().chain(maps).collect())?;
        if let Some(fields) = &style_fields {
            export::qml::write_styles(&geojson_path, &map.types, map.size_scale, fields)?;
        }
        let published = staging.publish(&[]).map_err(publish_error)?;
        let mut notes = map.notes;
        notes.extend(published.note(&self.output));
        Ok(MapRun {
            written: paths,
            report: read,
            notes,
        })
    }

    /// The map in every format asked for, each complete in its temporary file.
    fn map_files(
        &self,
        staging: &output::folder::Staging,
        svg: &str,
        formats: &[render::Format],
    ) -> Result<Vec<output::AtomicFile>, JobError> {
        formats
            .iter()
            .map(|&f| {
                let bytes = render::formats::encode(svg, f, self.dpi, &self.map.style.typeface)?;
                let name = format!("map.{}", f.extension());
                output::AtomicFile::with_bytes(&staging.path(&name), &bytes)
                    .map_err(|e| write_error(&self.output.join(&name), e))
            })
            .collect()
    }
}

fn write_error(path: &Path, source: io::Error) -> JobError {
    JobError::Write {
        path: path.to_path_buf(),
        source,
    }
}
