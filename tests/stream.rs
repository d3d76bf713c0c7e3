//! The streaming pipeline gives the same bytes as the in-memory one.

use std::path::{Path, PathBuf};

use incimap::export::{self, Chunk, Exporter, Format, ReportWriter};
use incimap::filter::Filter;
use incimap::gazetteer::Gazetteer;
use incimap::incident::{self, ReadOptions};
use incimap::pipeline::{self, Source};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(name)
}

/// Streams `path` into each export format and the report, and compares each
/// with what the in-memory functions write for the same rows.
fn assert_stream_equals_memory(path: &Path) {
    let gazetteer = Gazetteer::embedded();
    let options = ReadOptions::default();
    let geocoded =
        incimap::geocode::geocode(incident::read_path(path, &options).unwrap(), &gazetteer);

    let source = Source::open(path).unwrap();
    let schema = source.reader(&options).unwrap().schema().clone();
    for format in Format::ALL {
        let types = source.column_types(&schema, &options).unwrap();
        let mut exporter = Exporter::new(format, &schema, types, Vec::new()).unwrap();
        let mut report = ReportWriter::new(Vec::new()).unwrap();
        let encoder = exporter.encoder();
        let streamed = pipeline::stream(
            &source,
            &options,
            &Filter::default(),
            &gazetteer,
            &source.context(&options, &gazetteer).unwrap(),
            || {
                let mut encoder = encoder.clone();
                move |row: &_, (rows, lines): &mut (Chunk, Chunk)| {
                    encoder.encode(row, rows)?;
                    export::encode_report(row, export::Formulas::default(), lines)
                }
            },
            |(rows, lines), _| {
                exporter.write_chunk(rows)?;
                report.write_chunk(lines)
            },
        )
        .unwrap();
        let mut memory = Vec::new();
        format.write(&geocoded, &mut memory).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&exporter.finish().unwrap()),
            String::from_utf8_lossy(&memory),
            "{format:?} of {}",
            path.display()
        );
        let mut memory_report = Vec::new();
        export::write_report(&geocoded, &mut memory_report).unwrap();
        assert_eq!(report.finish().unwrap(), memory_report);
        assert_eq!(streamed.tally.counts(), geocoded.counts());
        assert_eq!(streamed.tally.rows(), geocoded.rows.len());
    }
}

#[test]
fn streaming_equals_in_memory_on_the_example() {
    assert_stream_equals_memory(&fixture("examples/incidents.csv"));
}

#[test]
fn streaming_equals_in_memory_with_bad_rows_and_extra_columns() {
    assert_stream_equals_memory(&fixture("tests/data/some_unlocated.csv"));
    assert_stream_equals_memory(&fixture("tests/data/input/acled.csv"));
    assert_stream_equals_memory(&fixture("tests/data/input/gtd.csv"));
}

#[test]
fn streaming_a_file_larger_than_one_batch_keeps_every_row_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.csv");
    let mut text = String::from("date,place,type,code\n");
    for i in 0..5000 {
        let place = ["Khujand", "Bishkek", "Nowhere at all", "Kulyab"][i % 4];
        text.push_str(&format!(
            "2024-01-{:02},{place},Attack,{}\n",
            1 + i % 28,
            i * 7
        ));
    }
    std::fs::write(&path, text).unwrap();
    assert_stream_equals_memory(&path);
}

/// Writes `rows` rows naming a few places, with a column of row numbers.
fn many_rows(dir: &Path, rows: usize) -> PathBuf {
    let path = dir.join("many.csv");
    let mut text = String::from("date,place,type,code\n");
    for i in 0..rows {
        let place = ["Khujand", "Bishkek", "Nowhere at all", "Kulyab", ""][i % 5];
        text.push_str(&format!("2024-01-{:02},{place},Attack,{i}\n", 1 + i % 28));
    }
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn batches_reach_the_writer_in_input_order_with_running_tallies() {
    let dir = tempfile::tempdir().unwrap();
    let path = many_rows(dir.path(), 50_000);
    let source = Source::open(&path).unwrap();
    let gazetteer = Gazetteer::embedded();
    let mut lines = Vec::new();
    let mut seen = Vec::new();
    let streamed = pipeline::stream(
        &source,
        &ReadOptions::default(),
        &Filter::default(),
        &gazetteer,
        &incimap::geocode::Context::new(),
        || {
            |row: &incimap::geocode::Located, batch: &mut Vec<u64>| {
                batch.push(row.line);
                Ok(())
            }
        },
        |batch, tally| {
            lines.append(batch);
            seen.push(tally.rows());
            Ok(())
        },
    )
    .unwrap();
    // Every row once, in line order; the header is line 1.
    assert_eq!(lines, (2..50_002).collect::<Vec<u64>>());
    assert!(seen.len() > 10 && seen.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(*seen.last().unwrap(), 50_000);
    // A fifth of the rows have no place: invalid, and reported.
    assert_eq!(streamed.tally.problem_rows(), 10_000 + 10_000);
    assert_eq!(
        streamed.tally.problems.len(),
        incimap::geocode::Tally::KEPT_PROBLEMS
    );
}

#[test]
fn a_failing_writer_stops_the_stream_with_its_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = many_rows(dir.path(), 50_000);
    let source = Source::open(&path).unwrap();
    let gazetteer = Gazetteer::embedded();
    let mut batches = 0;
    let result = pipeline::stream(
        &source,
        &ReadOptions::default(),
        &Filter::default(),
        &gazetteer,
        &incimap::geocode::Context::new(),
        || |_: &incimap::geocode::Located, _: &mut ()| Ok(()),
        |_, _| {
            batches += 1;
            if batches == 3 {
                Err(std::io::Error::other("disk full"))
            } else {
                Ok(())
            }
        },
    );
    assert!(
        matches!(result, Err(pipeline::StreamError::Output(e)) if e.to_string() == "disk full")
    );
    assert_eq!(batches, 3);
}
