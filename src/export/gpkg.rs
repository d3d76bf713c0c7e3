//! OGC GeoPackage output (`.gpkg`): one points layer, `incidents`, in
//! WGS 84, with typed columns, the input line as the feature id (and as the
//! column `incimap_line`), GeoPackage binary geometry with its envelope, an
//! R-tree spatial index and the layer's description with the data credit.
//!
//! The database is built in a temporary file beside the target (SQLite via
//! rusqlite, with SQLite compiled in) and takes the target's name only when
//! it is complete, like every other output. Rows come as [`Record`]s made
//! by an [`Encoder`](super::Encoder) on any thread and are inserted in input
//! order by a [`GpkgWriter`].

use std::io::{self, Write};
use std::path::Path;

use rusqlite::Connection;
use rusqlite::types::Value;

use super::{ColumnTypes, LOCATION_PROPERTIES, Prop, ValueKind, location_props, round6};
use crate::geocode::Outcome;
use crate::incident::{Incident, LonLat, Schema};
use crate::output::AtomicFile;

/// The layer's table name.
pub const TABLE: &str = "incidents";
/// The geometry column.
pub const GEOMETRY_COLUMN: &str = "geom";
/// The primary key: the input line.
pub const FID_COLUMN: &str = "fid";

/// The layer's description in `gpkg_contents`, with the GeoNames credit its
/// licence asks for.
pub const DESCRIPTION: &str = "Incidents located by incimap: one point per located input row; \
the feature id and incimap_line are the row's line in the input. Gazetteer: contains data \
from GeoNames (https://www.geonames.org/), licensed under CC BY 4.0.";

/// The `last_change` written into `gpkg_contents`: fixed, so that the same
/// input gives the same bytes.
const LAST_CHANGE: &str = "1970-01-01T00:00:00.000Z";

/// EPSG:4326 as GeoPackage's `gpkg_spatial_ref_sys` holds it (and a `.prj`).
pub const WGS84_WKT: &str = "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,\
AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],\
UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AXIS[\"Latitude\",NORTH],\
AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\",\"4326\"]]";

/// One feature, ready to insert: made on an encoding thread.
#[derive(Clone, Debug)]
pub struct Record {
    line: i64,
    at: LonLat,
    values: Vec<Value>,
}

/// The record for a located row: the input's columns, then incimap's.
pub(crate) fn record(
    schema: &Schema,
    types: &ColumnTypes,
    incident: &Incident,
    outcome: &Outcome,
    line: u64,
    at: LonLat,
) -> Record {
    let mut values = Vec::with_capacity(types.len() + LOCATION_PROPERTIES.len());
    for i in 0..types.len() {
        values.push(sql_value(&super::column_prop(schema, types, incident, i)));
    }
    values.extend(
        location_props(schema, incident, outcome)
            .iter()
            .map(sql_value),
    );
    Record {
        line: line as i64,
        at: LonLat {
            lon: round6(at.lon),
            lat: round6(at.lat),
        },
        values,
    }
}

fn sql_value(prop: &Prop<'_>) -> Value {
    match prop {
        Prop::Null => Value::Null,
        Prop::Int(n) => Value::Integer(*n),
        Prop::Float(v) => Value::Real(*v),
        Prop::Text(s) => Value::Text(crate::text::clean(s)),
        Prop::Date(d) => Value::Text(d.to_string()),
        Prop::Bool(b) => Value::Integer(i64::from(*b)),
        Prop::Number(n) => match n.as_i64() {
            Some(v) => Value::Integer(v),
            None => n.as_f64().map_or(Value::Null, Value::Real),
        },
    }
}

/// The declared SQL type for a [`ValueKind`], as GDAL reads it back:
/// MEDIUMINT is a 32-bit Integer, INTEGER an Integer64.
fn sql_type(kind: ValueKind) -> &'static str {
    match kind {
        ValueKind::Text => "TEXT",
        ValueKind::Integer => "MEDIUMINT",
        ValueKind::Integer64 => "INTEGER",
        ValueKind::Real => "REAL",
        ValueKind::Date => "DATE",
        ValueKind::Boolean => "BOOLEAN",
    }
}

/// The declared types of incimap's own fields, in [`LOCATION_PROPERTIES`] order.
const LOCATION_KINDS: [ValueKind; 12] = [
    ValueKind::Date,
    ValueKind::Text,
    ValueKind::Date,
    ValueKind::Date,
    ValueKind::Boolean,
    ValueKind::Text,
    ValueKind::Text,
    ValueKind::Text,
    ValueKind::Text,
    ValueKind::Text,
    ValueKind::Text,
    ValueKind::Integer,
];

/// A column of the layer: its name and declared type.
fn columns(types: &ColumnTypes) -> Vec<(String, ValueKind)> {
    let mut columns: Vec<(String, ValueKind)> = (0..types.len())
        .map(|i| (types.name(i).to_string(), types.kind(i)))
        .collect();
    for (name, kind) in LOCATION_PROPERTIES.iter().zip(LOCATION_KINDS) {
        columns.push((types.own(name).to_string(), kind));
    }
    columns.push((types.own("incimap_line").to_string(), ValueKind::Integer64));
    columns
}

/// A name as an SQL identifier.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The GeoPackage binary form of a point: the `GP` header (version 0,
/// little-endian, an XY envelope), SRS 4326, the envelope, then the WKB point.
pub fn point_blob(at: LonLat) -> Vec<u8> {
    let mut b = Vec::with_capacity(8 + 32 + 21);
    b.extend_from_slice(b"GP");
    b.push(0);
    // Bit 0: little-endian; bits 1-3 = 1: envelope [minx, maxx, miny, maxy].
    b.push(0b0000_0011);
    b.extend_from_slice(&4326i32.to_le_bytes());
    for v in [at.lon, at.lon, at.lat, at.lat] {
        b.extend_from_slice(&v.to_le_bytes());
    }
    b.push(1);
    b.extend_from_slice(&1u32.to_le_bytes());
    b.extend_from_slice(&at.lon.to_le_bytes());
    b.extend_from_slice(&at.lat.to_le_bytes());
    b
}

/// Where the database is built.
enum Target {
    /// A temporary file beside the output, renamed over it at the end.
    File(AtomicFile),
    /// A scratch file, copied out at the end (standard output, a writer).
    Scratch(tempfile::NamedTempFile),
}

/// Writes a GeoPackage as rows come: create it, [`GpkgWriter::write_chunk`]
/// the rows encoded for it, then [`GpkgWriter::commit`] (or
/// [`GpkgWriter::finish_into`] a writer).
pub struct GpkgWriter {
    target: Target,
    conn: Connection,
    insert: String,
    rtree: String,
    bbox: Option<[f64; 4]>,
    features: usize,
}

fn sql_error(e: rusqlite::Error) -> io::Error {
    io::Error::other(format!("GeoPackage: {e}"))
}

impl GpkgWriter {
    /// Starts a GeoPackage at `path` (`-`: standard output, through a
    /// scratch file): the metadata tables and the empty layer.
    pub fn create(path: &Path, types: &ColumnTypes) -> io::Result<GpkgWriter> {
        let target = if path.as_os_str() == "-" {
            Target::Scratch(tempfile::NamedTempFile::new()?)
        } else {
            Target::File(AtomicFile::create(path)?)
        };
        let file = match &target {
            Target::File(f) => f.temp_path().map(Path::to_path_buf),
            Target::Scratch(f) => Some(f.path().to_path_buf()),
        }
        .ok_or_else(|| io::Error::other("GeoPackage: no file to build it in"))?;
        let conn = Connection::open(&file).map_err(sql_error)?;
        let types = types.clone().reserving(&[FID_COLUMN, GEOMETRY_COLUMN]);
        let columns = columns(&types);
        conn.execute_batch(&schema_sql(&columns))
            .map_err(sql_error)?;
        let names: Vec<String> = columns.iter().map(|(n, _)| quoted(n)).collect();
        let insert = format!(
            "INSERT INTO {} ({}, {}, {}) VALUES (?1, ?2, {})",
            quoted(TABLE),
            quoted(FID_COLUMN),
            quoted(GEOMETRY_COLUMN),
            names.join(", "),
            (3..3 + names.len())
                .map(|k| format!("?{k}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let rtree = format!(
            "INSERT INTO {} VALUES (?1, ?2, ?2, ?3, ?3)",
            quoted(&rtree_name())
        );
        Ok(GpkgWriter {
            target,
            conn,
            insert,
            rtree,
            bbox: None,
            features: 0,
        })
    }

    /// Inserts the records encoded into `chunk`, emptying it.
    pub fn write_chunk(&mut self, chunk: &mut super::Chunk) -> io::Result<()> {
        let mut insert = self.conn.prepare_cached(&self.insert).map_err(sql_error)?;
        let mut rtree = self.conn.prepare_cached(&self.rtree).map_err(sql_error)?;
        for r in chunk.records.drain(..) {
            let blob = Value::Blob(point_blob(r.at));
            let params = [Value::Integer(r.line), blob]
                .into_iter()
                .chain(r.values)
                .chain([Value::Integer(r.line)]);
            insert
                .execute(rusqlite::params_from_iter(params))
                .map_err(sql_error)?;
            rtree
                .execute(rusqlite::params![r.line, r.at.lon, r.at.lat])
                .map_err(sql_error)?;
            let b = self
                .bbox
                .get_or_insert([r.at.lon, r.at.lat, r.at.lon, r.at.lat]);
            *b = [
                b[0].min(r.at.lon),
                b[1].min(r.at.lat),
                b[2].max(r.at.lon),
                b[3].max(r.at.lat),
            ];
            self.features += 1;
        }
        chunk.features = 0;
        chunk.bbox = None;
        Ok(())
    }

    /// How many features were inserted.
    pub fn features(&self) -> usize {
        self.features
    }

    /// Ends the layer (its extent, the R-tree triggers) and closes the database.
    fn close(self) -> io::Result<Target> {
        let bbox = self.bbox.map(|b| b.map(Value::Real));
        let [x0, y0, x1, y1] = bbox.unwrap_or([Value::Null, Value::Null, Value::Null, Value::Null]);
        self.conn
            .execute(
                "UPDATE gpkg_contents SET min_x = ?1, min_y = ?2, max_x = ?3, max_y = ?4 WHERE table_name = ?5",
                rusqlite::params![x0, y0, x1, y1, TABLE],
            )
            .map_err(sql_error)?;
        self.conn
            .execute_batch(&format!("{}COMMIT;", rtree_triggers()))
            .map_err(sql_error)?;
        self.conn.close().map_err(|(_, e)| sql_error(e))?;
        Ok(self.target)
    }

    /// Completes the GeoPackage and gives it its name (or copies it to
    /// standard output).
    pub fn commit(self) -> io::Result<()> {
        match self.finish()? {
            Some(file) => file.commit(),
            None => Ok(()),
        }
    }

    /// Completes the GeoPackage: its file, complete but not yet named (or
    /// `None` once copied to standard output).
    pub fn finish(self) -> io::Result<Option<AtomicFile>> {
        match self.close()? {
            Target::File(file) => Ok(Some(file)),
            Target::Scratch(file) => copy_out(&file, &mut io::stdout().lock()).map(|()| None),
        }
    }

    /// Completes the GeoPackage and copies its bytes into `out`.
    pub fn finish_into<W: Write>(self, mut out: W) -> io::Result<()> {
        match self.close()? {
            Target::File(_) => Err(io::Error::other("GeoPackage: written to a file already")),
            Target::Scratch(file) => copy_out(&file, &mut out),
        }
    }

    /// A GeoPackage built in a scratch file, for [`GpkgWriter::finish_into`].
    pub fn scratch(types: &ColumnTypes) -> io::Result<GpkgWriter> {
        GpkgWriter::create(Path::new("-"), types)
    }
}

fn copy_out(file: &tempfile::NamedTempFile, out: &mut dyn Write) -> io::Result<()> {
    let mut bytes = std::fs::File::open(file.path())?;
    io::copy(&mut bytes, out)?;
    out.flush()
}

fn rtree_name() -> String {
    format!("rtree_{TABLE}_{GEOMETRY_COLUMN}")
}

/// The tables a GeoPackage needs, and the empty layer with its R-tree.
fn schema_sql(columns: &[(String, ValueKind)]) -> String {
    let fields: String = columns
        .iter()
        .map(|(name, kind)| format!(", {} {}", quoted(name), sql_type(*kind)))
        .collect();
    let description = DESCRIPTION.replace('\'', "''");
    format!(
        "PRAGMA application_id = 1196444487;
PRAGMA user_version = 10200;
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
BEGIN;
CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY,
  organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,
  definition TEXT NOT NULL, description TEXT);
INSERT INTO gpkg_spatial_ref_sys VALUES
  ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
  ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
  ('WGS 84 geodetic', 4326, 'EPSG', 4326, '{WGS84_WKT}', 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
  identifier TEXT UNIQUE, description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
  geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL,
  definition TEXT NOT NULL, scope TEXT NOT NULL,
  CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
CREATE TABLE {table} ({fid} INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, {geom} POINT{fields});
INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, srs_id)
  VALUES ('{TABLE}', 'features', '{TABLE}', '{description}', '{LAST_CHANGE}', 4326);
INSERT INTO gpkg_geometry_columns VALUES ('{TABLE}', '{GEOMETRY_COLUMN}', 'POINT', 4326, 0, 0);
INSERT INTO gpkg_extensions VALUES ('{TABLE}', '{GEOMETRY_COLUMN}', 'gpkg_rtree_index',
  'http://www.geopackage.org/spec120/#extension_rtree', 'write-only');
CREATE VIRTUAL TABLE {rtree} USING rtree(id, minx, maxx, miny, maxy);
",
        table = quoted(TABLE),
        fid = quoted(FID_COLUMN),
        geom = quoted(GEOMETRY_COLUMN),
        rtree = quoted(&rtree_name()),
    )
}

/// The triggers that keep the R-tree in step with later edits (GeoPackage
/// 1.2, Annex F.3). They call the ST_ functions a GeoPackage reader
/// provides, so they are made after the rows are in.
fn rtree_triggers() -> String {
    let (t, c, i) = (TABLE, GEOMETRY_COLUMN, FID_COLUMN);
    let r = rtree_name();
    let values = format!(
        "INSERT OR REPLACE INTO \"{r}\" VALUES (NEW.\"{i}\", ST_MinX(NEW.\"{c}\"), ST_MaxX(NEW.\"{c}\"), ST_MinY(NEW.\"{c}\"), ST_MaxY(NEW.\"{c}\"));"
    );
    let filled = format!("(NEW.\"{c}\" NOT NULL AND NOT ST_IsEmpty(NEW.\"{c}\"))");
    let empty = format!("(NEW.\"{c}\" ISNULL OR ST_IsEmpty(NEW.\"{c}\"))");
    let same = format!("OLD.\"{i}\" = NEW.\"{i}\"");
    let moved = format!("OLD.\"{i}\" != NEW.\"{i}\"");
    format!(
        "CREATE TRIGGER \"{r}_insert\" AFTER INSERT ON \"{t}\" WHEN {filled} BEGIN {values} END;
CREATE TRIGGER \"{r}_update1\" AFTER UPDATE OF \"{c}\" ON \"{t}\" WHEN {same} AND {filled} BEGIN {values} END;
CREATE TRIGGER \"{r}_update2\" AFTER UPDATE OF \"{c}\" ON \"{t}\" WHEN {same} AND {empty} BEGIN DELETE FROM \"{r}\" WHERE id = OLD.\"{i}\"; END;
CREATE TRIGGER \"{r}_update3\" AFTER UPDATE ON \"{t}\" WHEN {moved} AND {filled} BEGIN DELETE FROM \"{r}\" WHERE id = OLD.\"{i}\"; {values} END;
CREATE TRIGGER \"{r}_update4\" AFTER UPDATE ON \"{t}\" WHEN {moved} AND {empty} BEGIN DELETE FROM \"{r}\" WHERE id IN (OLD.\"{i}\", NEW.\"{i}\"); END;
CREATE TRIGGER \"{r}_delete\" AFTER DELETE ON \"{t}\" WHEN OLD.\"{c}\" NOT NULL BEGIN DELETE FROM \"{r}\" WHERE id = OLD.\"{i}\"; END;
"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn point_blobs_have_the_header_envelope_and_wkb() {
        let b = point_blob(LonLat {
            lon: 69.2,
            lat: 34.5,
        });
        assert_eq!(&b[..4], b"GP\x00\x03");
        assert_eq!(i32::from_le_bytes(b[4..8].try_into().unwrap()), 4326);
        let f = |k: usize| f64::from_le_bytes(b[k..k + 8].try_into().unwrap());
        assert_eq!([f(8), f(16), f(24), f(32)], [69.2, 69.2, 34.5, 34.5]);
        assert_eq!(b[40], 1, "little-endian WKB");
        assert_eq!(
            u32::from_le_bytes(b[41..45].try_into().unwrap()),
            1,
            "a Point"
        );
        assert_eq!([f(45), f(53)], [69.2, 34.5]);
        assert_eq!(b.len(), 61);
    }
}
