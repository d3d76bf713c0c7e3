//! The stages end to end for inputs of any size: rows stream from the reader
//! through the filter and the geocoder into the outputs (an
//! [`crate::export::Exporter`], a report writer, the map's rows), a batch at
//! a time on every core, so memory stays flat however long the input is.

use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::export::ColumnTypes;
use crate::filter::Filter;
use crate::gazetteer::Gazetteer;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, mpsc};

use crate::geocode::{Context, Geocoder, Located, SharedAnswers, Tally, context_of, invalid};
use crate::incident::container::{self, Opened, Table};
use crate::incident::{
    Incident, InputError, Notes, Parsed, ReadOptions, Reader, Records, RowParser, Schema,
    input_warnings,
};

/// An input file, or standard input (or any input that is not a regular
/// file: a named pipe, `<(process substitution)`) copied once to a temporary
/// file so that it can be read twice (once to learn the column types, once
/// to convert).
pub struct Source {
    path: PathBuf,
    name: String,
    _spool: Option<tempfile::TempPath>,
    /// The rows of a workbook or JSON file, parsed by the first reader and
    /// shared by the later ones.
    table: OnceLock<Arc<Table>>,
    /// Bytes of the file the latest reader has taken in, for progress.
    read: Arc<AtomicU64>,
}

/// A reader that counts the bytes it passes on.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl Source {
    /// The file at `path`, or standard input for `-`. A path that is not a
    /// regular file is opened once and read to its end, like standard input.
    pub fn open(path: &Path) -> Result<Source, InputError> {
        let stdin = path.as_os_str() == "-";
        let name = if stdin {
            "<stdin>".to_string()
        } else {
            path.display().to_string()
        };
        let io = |source| InputError::Io {
            file: name.clone(),
            source,
        };
        if !stdin {
            let kind = std::fs::metadata(path).map_err(io)?.file_type();
            if kind.is_file() {
                return Ok(Source {
                    path: path.to_path_buf(),
                    name,
                    _spool: None,
                    table: OnceLock::new(),
                    read: Arc::default(),
                });
            }
            if is_device(&kind) {
                // `/dev/zero` would be copied until the disk is full.
                return Err(io(io::Error::other(
                    "a device, not a file or a pipe; use `-` for standard input",
                )));
            }
        }
        let mut spool = tempfile::NamedTempFile::new().map_err(io)?;
        if stdin {
            io::copy(&mut io::stdin().lock(), &mut spool).map_err(io)?;
        } else {
            io::copy(&mut std::fs::File::open(path).map_err(io)?, &mut spool).map_err(io)?;
        }
        let temp = spool.into_temp_path();
        Ok(Source {
            path: temp.to_path_buf(),
            name,
            _spool: Some(temp),
            table: OnceLock::new(),
            read: Arc::default(),
        })
    }

    /// The name used in messages.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// A fresh reader over the whole input. A workbook or JSON file is
    /// parsed once, by the first reader; later readers share its rows.
    pub fn reader(&self, options: &ReadOptions) -> Result<Reader<'static>, InputError> {
        if let Some(table) = self.table.get() {
            return Reader::from_table(Arc::clone(table), &self.name, options);
        }
        let file = std::fs::File::open(&self.path).map_err(|source| InputError::Io {
            file: self.name.clone(),
            source,
        })?;
        self.read.store(0, Ordering::Relaxed);
        let counted = Counting {
            inner: file,
            count: Arc::clone(&self.read),
        };
        let input: Box<dyn Read> = Box::new(io::BufReader::with_capacity(1 << 16, counted));
        match container::open(input, &self.name, options.sheet.as_deref())? {
            Opened::Text { reader, container } => {
                Reader::from_text(reader, container, &self.name, options)
            }
            Opened::Table(table) => {
                let table = Arc::clone(self.table.get_or_init(|| Arc::new(table)));
                Reader::from_table(table, &self.name, options)
            }
        }
    }

    /// The input's size in bytes, when it is known.
    pub fn size(&self) -> Option<u64> {
        std::fs::metadata(&self.path).ok().map(|m| m.len())
    }

    /// Bytes the latest reader has taken in so far (of [`Source::size`]).
    pub fn bytes_read(&self) -> u64 {
        self.read.load(Ordering::Relaxed)
    }

    /// The context of the input's places for the geocoder: the distinct
    /// places of its first [`CONTEXT_ROWS`] rows (rows without coordinates
    /// of their own), each resolved on its own. Rows that cannot be read are
    /// left out here; the stream reports them.
    pub fn context(
        &self,
        options: &ReadOptions,
        gazetteer: &Gazetteer,
    ) -> Result<Context, InputError> {
        let mut reader = self.reader(options)?;
        let mut seen = std::collections::HashSet::new();
        let mut keys = Vec::new();
        let mut rows = 0;
        while rows < CONTEXT_ROWS
            && let Some(row) = reader.next_row()?
        {
            rows += 1;
            if let Ok(incident) = row
                && incident.given.is_none()
            {
                let key = (incident.place, incident.country, incident.province);
                if seen.insert(key.clone()) {
                    keys.push(key);
                }
            }
        }
        Ok(context_of(
            gazetteer,
            keys.iter()
                .map(|(p, c, r)| (p.as_str(), c.as_str(), r.as_str())),
        ))
    }

    /// The export column types: from the schema alone when it decides them,
    /// else from a first pass over every row.
    pub fn column_types(
        &self,
        schema: &Schema,
        options: &ReadOptions,
    ) -> Result<ColumnTypes, InputError> {
        let mut types = ColumnTypes::start(schema);
        if !ColumnTypes::known_from_schema(schema) {
            let mut reader = self.reader(options)?;
            while let Some(row) = reader.next_row()? {
                if let Ok(incident) = row {
                    types.observe(schema, &incident);
                }
            }
        }
        Ok(types.finish(schema))
    }
}

/// Whether a file type is a character or block device.
#[cfg(unix)]
fn is_device(kind: &std::fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    kind.is_char_device() || kind.is_block_device()
}

#[cfg(not(unix))]
fn is_device(_: &std::fs::FileType) -> bool {
    false
}

/// What a streamed run saw.
#[derive(Clone, Debug, Default)]
pub struct Streamed {
    /// Counts per status and the problem rows.
    pub tally: Tally,
    /// Rows the filter left out.
    pub filtered: usize,
    /// Rows with every field empty.
    pub blank: usize,
    /// Warnings about the input as a whole (encoding guesses...).
    pub warnings: Vec<String>,
}

/// A failure while streaming: the input broke, or a sink could not write.
#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    /// The input could not be read on.
    #[error(transparent)]
    Input(#[from] InputError),
    /// An output could not be written.
    #[error("{0}")]
    Output(#[from] io::Error),
}

/// Rows read for a file's context, at most: all of a sheet, and enough of
/// a large export to know where its places are.
pub const CONTEXT_ROWS: usize = 20_000;

/// Records read, parsed and geocoded as one batch.
const BATCH: usize = 2048;

/// Worker threads at most, whatever the number of cores.
const MAX_WORKERS: usize = 6;

/// Batches waiting between threads, per channel: enough to keep every
/// thread busy, few enough that memory stays flat.
const QUEUED: usize = 4;

/// One batch of rows, worked on by a worker thread.
struct Done<B> {
    /// The batch's place in the input.
    seq: u64,
    /// What `encode` made of its rows.
    out: B,
    tally: Tally,
    blank: usize,
    filtered: usize,
    notes: Notes,
}

/// Streams every row of `source` through `filter` and the geocoder (with
/// the file's `context`, which may be empty), in input order: located rows, unresolved rows and rows that could not be
/// read alike, each once. One thread reads records; worker threads (one per
/// core, up to six) parse, filter and geocode them a batch at a time, and each encodes
/// every row into the batch's `B` (bytes of each output, say) with its own
/// encoder, made by `encoders`; this thread hands the batches to `take` in
/// input order, with the tally so far. `take` writes a batch out and leaves
/// it empty: its buffers are used again.
pub fn stream<B, E>(
    source: &Source,
    options: &ReadOptions,
    filter: &Filter,
    gazetteer: &Gazetteer,
    context: &Context,
    encoders: impl Fn() -> E + Sync,
    mut take: impl FnMut(&mut B, &Tally) -> io::Result<()>,
) -> Result<Streamed, StreamError>
where
    B: Default + Send,
    E: FnMut(&Located, &mut B) -> io::Result<()>,
{
    let parser = &source.reader(options)?.parser().clone();
    let shared = &SharedAnswers::default();
    let encoders = &encoders;
    // One reading thread keeps a handful of workers busy at most; more
    // would only hold more batches in memory.
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(MAX_WORKERS));
    let (records_in, records_out) = mpsc::sync_channel::<(u64, Records)>(QUEUED);
    // Dropped (taken out) when this thread stops taking batches, so that a
    // reader blocked on a full channel wakes up and stops.
    let records_out = &Mutex::new(Some(records_out));
    // Emptied batches go back to be filled again, so that memory is
    // allocated once, not for every batch. Outputs are a fixed number, taken
    // before the records they are for: a worker never waits for one while
    // holding the batch that this thread waits for, and memory stays flat
    // however far one worker gets ahead of the other.
    let spare_records = &Pool::default();
    let (spare_in, spare_out) = mpsc::channel::<B>();
    for _ in 0..workers + QUEUED {
        let _ = spare_in.send(B::default());
    }
    let spare_out = &Mutex::new(spare_out);
    // Set once the tally holds all the problem rows it keeps: later batches
    // need only count theirs.
    let enough_problems = &AtomicBool::new(false);
    std::thread::scope(|scope| {
        let (done_in, done_out) = mpsc::sync_channel::<io::Result<Done<B>>>(QUEUED);
        let reading = scope.spawn(move || -> Result<Vec<String>, InputError> {
            let mut reader = source.reader(options)?;
            for seq in 0.. {
                let mut records: Records = spare_records.take();
                reader.read_records(&mut records, BATCH)?;
                if records.is_empty() || records_in.send((seq, records)).is_err() {
                    break;
                }
            }
            Ok(reader.quote_warnings().to_vec())
        });
        for _ in 0..workers {
            let done_in = done_in.clone();
            scope.spawn(move || {
                let mut geocoder = Geocoder::sharing(gazetteer, shared).with_context(context);
                let mut encode = encoders();
                let mut row = Located {
                    incident: Some(Incident::default()),
                    line: 0,
                    outcome: Default::default(),
                };
                loop {
                    let Ok(Ok(out)) = spare_out.lock().map(|s| s.recv()) else {
                        break;
                    };
                    let next = records_out
                        .lock()
                        .ok()
                        .and_then(|r| r.as_ref()?.recv().ok());
                    let Some((seq, mut records)) = next else {
                        break;
                    };
                    let tally = if enough_problems.load(Ordering::Relaxed) {
                        Tally::counts_only()
                    } else {
                        Tally::default()
                    };
                    let done = work(
                        seq,
                        tally,
                        &records,
                        out,
                        parser,
                        filter,
                        &mut geocoder,
                        &mut row,
                        &mut encode,
                    );
                    records.clear();
                    spare_records.give(records);
                    if done_in.send(done).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_in);
        // Batches come back in any order; they are taken in input order.
        // Returning early drops `done_out` and `spare_in`, which stops the
        // workers, and through them the reader.
        let consumed = (move || -> Result<Streamed, StreamError> {
            let mut streamed = Streamed::default();
            let mut waiting = std::collections::BTreeMap::new();
            let mut notes = Notes::default();
            let mut next = 0;
            for done in done_out {
                let done = done?;
                waiting.insert(done.seq, done);
                while let Some(mut done) = waiting.remove(&next) {
                    streamed.tally.merge(done.tally);
                    if streamed.tally.problems.len() >= Tally::KEPT_PROBLEMS {
                        enough_problems.store(true, Ordering::Relaxed);
                    }
                    streamed.blank += done.blank;
                    streamed.filtered += done.filtered;
                    notes.merge(done.notes);
                    take(&mut done.out, &streamed.tally)?;
                    let _ = spare_in.send(done.out);
                    next += 1;
                }
            }
            streamed.warnings = input_warnings(source.name(), &parser.schema().dialect, &notes);
            Ok(streamed)
        })();
        if let Ok(mut records_out) = records_out.lock() {
            records_out.take();
        }
        let quotes = reading
            .join()
            .map_err(|_| io::Error::other("the reading thread panicked"))??;
        let mut streamed = consumed?;
        streamed.tally.suspect += quotes.len();
        streamed.warnings.extend(quotes);
        if streamed.tally.rows() == 0 && streamed.filtered == 0 {
            return Err(InputError::no_rows(source.name(), streamed.blank).into());
        }
        Ok(streamed)
    })
}

/// Emptied batches kept for filling again.
struct Pool<T>(Mutex<Vec<T>>);

impl<T> Default for Pool<T> {
    fn default() -> Pool<T> {
        Pool(Mutex::new(Vec::new()))
    }
}

impl<T: Default> Pool<T> {
    /// A spare batch, or a new one.
    fn take(&self) -> T {
        self.0
            .lock()
            .ok()
            .and_then(|mut spare| spare.pop())
            .unwrap_or_default()
    }

    /// Keeps an emptied `batch` for later.
    fn give(&self, batch: T) {
        if let Ok(mut spare) = self.0.lock()
            && spare.len() < QUEUED
        {
            spare.push(batch);
        }
    }
}

/// Parses, filters and geocodes one batch of records, encoding each row
/// into `out`; `row` is reused from one record to the next.
#[allow(clippy::too_many_arguments)]
fn work<B: Default>(
    seq: u64,
    tally: Tally,
    records: &Records,
    out: B,
    parser: &RowParser,
    filter: &Filter,
    geocoder: &mut Geocoder<'_>,
    row: &mut Located,
    encode: &mut impl FnMut(&Located, &mut B) -> io::Result<()>,
) -> io::Result<Done<B>> {
    let mut done = Done {
        seq,
        out,
        tally,
        blank: 0,
        filtered: 0,
        notes: Notes::default(),
    };
    let filtering = !filter.is_empty();
    for (line, whole, fields) in records.iter() {
        let incident = row.incident.get_or_insert_with(Incident::default);
        match parser.parse(whole, fields, line, incident, &mut done.notes) {
            Parsed::Blank => done.blank += 1,
            Parsed::Read if filtering && !filter.keeps(incident, geocoder.gazetteer()) => {
                done.filtered += 1;
            }
            Parsed::Read => {
                row.outcome = geocoder.locate(incident);
                row.line = line;
                done.tally.add(row);
                encode(row, &mut done.out)?;
            }
            Parsed::Invalid(error) => {
                let invalid = invalid(error);
                done.tally.add(&invalid);
                encode(&invalid, &mut done.out)?;
            }
        }
    }
    Ok(done)
}
