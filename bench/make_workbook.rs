//! Writes a GTD-sized workbook (200,000 rows x 135 columns by default) and
//! the same rows as CSV, to time `incimap export` on each:
//! `cargo run --release --example make-workbook -- OUT_DIR [ROWS]`.

use std::io::Write;

use rust_xlsxwriter::Workbook;

const PLACES: [(&str, &str, f64, f64); 6] = [
    ("Kabul", "Afghanistan", 34.5167, 69.1833),
    ("Baghdad", "Iraq", 33.3406, 44.4009),
    ("Mosul", "Iraq", 36.335, 43.1189),
    ("Peshawar", "Pakistan", 34.008, 71.5785),
    ("Maiduguri", "Nigeria", 11.8464, 13.1603),
    ("Unknown", "Somalia", 2.0371, 45.3438),
];

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().expect("an output folder"));
    let rows: u32 = args
        .next()
        .map_or(200_000, |n| n.parse().expect("a row count"));
    let mut header = vec![
        "iyear",
        "imonth",
        "iday",
        "country_txt",
        "provstate",
        "city",
        "latitude",
        "longitude",
        "specificity",
        "attacktype1_txt",
        "nkill",
        "nwound",
        "summary",
    ]
    .into_iter()
    .map(String::from)
    .collect::<Vec<_>>();
    for i in header.len()..135 {
        header.push(format!("extra{i}"));
    }
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let mut csv = csv::Writer::from_path(dir.join("gtd-sized.csv")).unwrap();
    csv.write_record(&header).unwrap();
    for (col, name) in header.iter().enumerate() {
        sheet.write_string(0, col as u16, name).unwrap();
    }
    for r in 1..=rows {
        let (city, country, lat, lon) = PLACES[r as usize % PLACES.len()];
        let mut record: Vec<String> = vec![
            (1970 + r % 50).to_string(),
            (r % 13).to_string(),
            (r % 29).to_string(),
            country.into(),
            String::new(),
            city.into(),
            format!("{lat}"),
            format!("{lon}"),
            "1".into(),
            "Bombing/Explosion".into(),
            (r % 7).to_string(),
            (r % 11).to_string(),
            format!("Incident {r} near {city}"),
        ];
        for i in record.len()..135 {
            record.push(if i % 2 == 0 {
                (r % 100 + i as u32).to_string()
            } else {
                format!("code{}", i % 9)
            });
        }
        for (col, value) in record.iter().enumerate() {
            let col = col as u16;
            match value.parse::<f64>() {
                Ok(n) => sheet.write_number(r, col, n).unwrap(),
                Err(_) => sheet.write_string(r, col, value).unwrap(),
            };
        }
        csv.write_record(&record).unwrap();
    }
    csv.flush().unwrap();
    book.save(dir.join("gtd-sized.xlsx")).unwrap();
    let _ = std::io::stdout().write_all(b"wrote gtd-sized.xlsx and gtd-sized.csv\n");
}
