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
            |row, (rows, lines): &mut (Chunk, Chunk)| {
                encoder.encode(row, rows)?;
                export::encode_report(row, lines)
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
            String::from_utf8(exporter.finish().unwrap()).unwrap(),
            String::from_utf8(memory).unwrap(),
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
