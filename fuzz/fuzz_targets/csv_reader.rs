//! Fuzzes the CSV reader: any bytes, any encoding guess, any delimiter.
//! The first byte picks the options, the rest is the file.
#![no_main]

use incimap::incident::{self, DayOrder, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&options, file)) = data.split_first() else {
        return;
    };
    let options = ReadOptions {
        day_order: [DayOrder::Unknown, DayOrder::DayFirst, DayOrder::MonthFirst]
            [usize::from(options % 3)],
        delimiter: [None, Some(b','), Some(b';'), Some(b'\t')][usize::from(options / 3 % 4)],
        ..ReadOptions::default()
    };
    if let Ok(read) = incident::read(file, "fuzz.csv", &options) {
        // Every row is accounted for once, in line order.
        let lines: Vec<u64> = read
            .rows
            .iter()
            .map(|r| r.line)
            .chain(read.errors.iter().map(|e| e.line))
            .collect();
        assert!(!lines.is_empty());
        let mut sorted = lines.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), lines.len(), "two rows on one line");
        for row in &read.rows {
            if let Some(at) = row.given {
                assert!(at.lat.abs() <= 90.0 && at.lon.abs() <= 180.0);
            }
            assert!(!row.place.chars().any(char::is_control));
        }
    }
});
