//! The stages end to end for inputs of any size: rows stream from the reader
//! through the filter and the geocoder into a sink (an [`Exporter`], a report
//! writer), one at a time, so memory stays flat however long the input is.

use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::export::ColumnTypes;
use crate::filter::Filter;
use crate::gazetteer::Gazetteer;
use crate::geocode::{Geocoder, Located, Tally};
use crate::incident::{InputError, ReadOptions, Reader, Schema};

/// An input file, or standard input copied to a temporary file so that it
/// can be read twice (once to learn the column types, once to convert).
pub struct Source {
    path: PathBuf,
    name: String,
    _spool: Option<tempfile::TempPath>,
}

impl Source {
    /// The file at `path`, or standard input for `-`.
    pub fn open(path: &Path) -> Result<Source, InputError> {
        if path.as_os_str() != "-" {
            return Ok(Source {
                path: path.to_path_buf(),
                name: path.display().to_string(),
                _spool: None,
            });
        }
        let io = |source| InputError::Io {
            file: "<stdin>".into(),
            source,
        };
        let mut spool = tempfile::NamedTempFile::new().map_err(io)?;
        io::copy(&mut io::stdin().lock(), &mut spool).map_err(io)?;
        let temp = spool.into_temp_path();
        Ok(Source {
            path: temp.to_path_buf(),
            name: "<stdin>".into(),
            _spool: Some(temp),
        })
    }

    /// The name used in messages.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// A fresh reader over the whole input.
    pub fn reader(&self, options: &ReadOptions) -> Result<Reader<'static>, InputError> {
        let file = std::fs::File::open(&self.path).map_err(|source| InputError::Io {
            file: self.name.clone(),
            source,
        })?;
        let input: Box<dyn Read> = Box::new(io::BufReader::with_capacity(1 << 16, file));
        Reader::new(input, &self.name, options)
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

/// Rows handed from the reading thread to the geocoding one at a time.
const BATCH: usize = 2048;

/// What the reading thread tells at the end.
struct ReadEnd {
    blank: usize,
    filtered: usize,
    warnings: Vec<String>,
    no_rows: InputError,
}

/// Streams every row of `source` through `filter` and the geocoder into
/// `sink`, in input order: located rows, unresolved rows and rows that could
/// not be read alike, each once. Reading, parsing, filtering and geocoding
/// run on a second thread; counting and writing on this one, with a few
/// batches of rows between them.
pub fn stream(
    source: &Source,
    options: &ReadOptions,
    filter: &Filter,
    gazetteer: &Gazetteer,
    mut sink: impl FnMut(&Located) -> io::Result<()>,
) -> Result<Streamed, StreamError> {
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<Located>>(4);
        let reading = scope.spawn(move || -> Result<ReadEnd, InputError> {
            let mut reader = source.reader(options)?;
            let mut geocoder = Geocoder::new(gazetteer);
            let filtering = !filter.is_empty();
            let mut filtered = 0;
            let mut batch = Vec::with_capacity(BATCH);
            while let Some(row) = reader.next_row()? {
                if filtering
                    && row
                        .as_ref()
                        .is_ok_and(|incident| !filter.keeps(incident, gazetteer))
                {
                    filtered += 1;
                    continue;
                }
                batch.push(geocoder.locate_row(row));
                if batch.len() == BATCH
                    && sender
                        .send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)))
                        .is_err()
                {
                    break;
                }
            }
            let _ = sender.send(batch);
            Ok(ReadEnd {
                blank: reader.blank,
                filtered,
                warnings: reader.warnings(),
                no_rows: reader.no_rows(),
            })
        });
        // The receiver is dropped when this ends, so a reader blocked on a
        // full channel wakes up and stops if writing fails.
        let consumed = (move || -> Result<Tally, StreamError> {
            let mut tally = Tally::default();
            for located in receiver.into_iter().flatten() {
                tally.add(&located);
                sink(&located)?;
            }
            Ok(tally)
        })();
        let end = reading
            .join()
            .map_err(|_| io::Error::other("the reading thread panicked"))??;
        let tally = consumed?;
        if tally.rows() == 0 && end.filtered == 0 {
            return Err(end.no_rows.into());
        }
        Ok(Streamed {
            tally,
            filtered: end.filtered,
            blank: end.blank,
            warnings: end.warnings,
        })
    })
}
