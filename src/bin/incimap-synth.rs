//! Writes a synthetic incidents CSV of any size, for benchmarks.
//!
//! `incimap-synth ROWS OUT.csv [--with-coordinates] [--seed N] [--places N]`
//!
//! Places are drawn from the embedded gazetteer (cities, written by their
//! primary name or one of their alternate names, half with a country hint),
//! with 2% of rows naming places that do not exist. `--with-coordinates` adds
//! `latitude`/`longitude` columns filled from the gazetteer: the same rows,
//! pre-geocoded, for peers such as ogr2ogr.

use std::io::Write;

use incimap::gazetteer::{Gazetteer, Kind};

const TYPES: [&str; 7] = [
    "Armed attack",
    "Suicide bombing",
    "Arrests",
    "Foiled plot",
    "Rocket attack",
    "Car bomb",
    "Riot",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: incimap-synth ROWS OUT.csv [--with-coordinates] [--seed N] [--places N]";
    let rows: u64 = args.first().and_then(|a| a.parse().ok()).ok_or(usage)?;
    let out = args.get(1).ok_or(usage)?;
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse::<u64>().ok())
    };
    let with_coordinates = args.iter().any(|a| a == "--with-coordinates");
    let mut rng = fastrand::Rng::with_seed(flag("--seed").unwrap_or(7));
    let pool_size = flag("--places").unwrap_or(3000) as usize;

    let gazetteer = Gazetteer::embedded();
    let cities: Vec<usize> = (0..gazetteer.len())
        .filter(|&i| {
            gazetteer.place(i).kind == Kind::City && gazetteer.place(i).population >= 20_000
        })
        .collect();
    let pool: Vec<(String, usize)> = (0..pool_size)
        .map(|_| {
            let i = cities[rng.usize(..cities.len())];
            let place = gazetteer.place(i);
            let latin: Vec<&str> = place.names().filter(|n| n.is_ascii()).collect();
            let name = if latin.len() > 1 && rng.u8(..4) == 0 {
                latin[rng.usize(..latin.len())]
            } else {
                place.name.as_str()
            };
            (name.to_string(), i)
        })
        .collect();

    let file = std::fs::File::create(out)?;
    let mut w = csv::Writer::from_writer(std::io::BufWriter::with_capacity(1 << 20, file));
    use incimap::incident::Field;
    let mut header: Vec<&str> = [
        Field::Date,
        Field::Place,
        Field::Country,
        Field::Type,
        Field::Fatalities,
        Field::Injuries,
        Field::Description,
        Field::Source,
    ]
    .map(Field::name)
    .to_vec();
    if with_coordinates {
        header.extend([Field::Latitude.name(), Field::Longitude.name()]);
    }
    w.write_record(&header)?;
    for n in 0..rows {
        let date = format!(
            "{}-{:02}-{:02}",
            2015 + rng.u32(..10),
            1 + rng.u32(..12),
            1 + rng.u32(..28)
        );
        let kind = TYPES[rng.usize(..TYPES.len())];
        let fatalities = if rng.bool() {
            rng.u32(..20).to_string()
        } else {
            String::new()
        };
        let injuries = if rng.u8(..3) == 0 {
            rng.u32(..50).to_string()
        } else {
            String::new()
        };
        let (name, lat, lon, country) = if rng.u8(..50) == 0 {
            (
                format!("Nowhereville {}", rng.u32(..500)),
                String::new(),
                String::new(),
                String::new(),
            )
        } else {
            let (name, i) = &pool[rng.usize(..pool.len())];
            let p = gazetteer.place(*i);
            let hint = if rng.bool() {
                p.country.clone()
            } else {
                String::new()
            };
            (name.clone(), p.lat.to_string(), p.lon.to_string(), hint)
        };
        let description = format!("Synthetic incident {n}");
        let mut record = vec![
            date,
            name,
            country,
            kind.to_string(),
            fatalities,
            injuries,
            description,
            "incimap-synth".to_string(),
        ];
        if with_coordinates {
            record.extend([lat, lon]);
        }
        w.write_record(&record)?;
    }
    w.flush()?;
    std::io::stderr().flush()?;
    Ok(())
}
