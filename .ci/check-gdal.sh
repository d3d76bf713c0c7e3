#!/usr/bin/env bash
# Checks with GDAL that incimap's GeoJSON, GeoPackage and geocoded CSV open
# as GIS users will open them: no warnings, the right feature count and the
# right field types. Installs gdal-bin if
# ogrinfo is missing. Uses the debug binary that `cargo test` has built.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "$(command -v ogrinfo)" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gdal-bin
fi
cargo build --quiet
bin=target/debug/incimap
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail=0
# expect FILE PATTERN...: each pattern must be a line of `ogrinfo -al -so FILE`,
# and ogrinfo must print no warning or error.
expect() {
    local file=$1
    shift
    ogrinfo -ro -al -so "$file" >"$tmp/info.txt" 2>"$tmp/warnings.txt"
    if grep -qE "Warning|ERROR" "$tmp/info.txt" "$tmp/warnings.txt"; then
        echo "FAILED: $(basename "$file"): ogrinfo complains:" >&2
        cat "$tmp/warnings.txt" >&2
        fail=1
    fi
    for pattern in "$@"; do
        if grep -qE "^$pattern" "$tmp/info.txt"; then
            echo "ok: $(basename "$file"): $pattern"
        else
            echo "FAILED: $(basename "$file"): no line '$pattern' in:" >&2
            cat "$tmp/info.txt" >&2
            fail=1
        fi
    done
}

"$bin" export examples/incidents.csv -o "$tmp/incidents.geojson" 2>>"$tmp/stderr.txt"
expect "$tmp/incidents.geojson" \
    'Geometry: Point' 'Feature Count: 10' 'fatalities: Integer' 'injuries: Integer' \
    'date: Date' 'place: String' 'incimap_date_start: Date' 'incimap_date_end: Date' \
    'incimap_geonameid: Integer' 'Extent: \(28\.9'

"$bin" export tests/data/input/gtd.csv -o "$tmp/gtd.geojson" 2>>"$tmp/stderr.txt"
expect "$tmp/gtd.geojson" \
    'Feature Count: 5' 'eventid: Integer64' 'nkill: Integer' 'latitude: Real' \
    'specificity: Integer' 'incimap_date: Date' 'incimap_date_start: Date'

"$bin" export tests/data/input/acled.csv -o "$tmp/acled.geojsons" 2>>"$tmp/stderr.txt"
expect "$tmp/acled.geojsons" \
    'Feature Count: 4' 'event_id_cnty: String' 'fatalities: Integer' 'geo_precision: Integer'

# incimap_date is a Date whatever the precision of the input's dates.
"$bin" export tests/data/input/gtd.csv -o "$tmp/gtd.gpkg" 2>>"$tmp/stderr.txt"
expect "$tmp/gtd.gpkg" \
    'Geometry: Point' 'Feature Count: 5' 'FID Column = fid' 'Geometry Column = geom' \
    'eventid: Integer64' 'nkill: Integer' 'latitude: Real' 'summary: String' \
    'incimap_date: Date' 'incimap_date_start: Date' 'incimap_geonameid: Integer' \
    'incimap_line: Integer64' '  DESCRIPTION=.*GeoNames' 'Extent: \(66\.99'
if [ "$(ogrinfo -ro -q "$tmp/gtd.gpkg" -sql "SELECT HasSpatialIndex('incidents', 'geom')" | grep -c '(Integer) = 1')" -ne 1 ]; then
    echo "FAILED: gtd.gpkg has no spatial index" >&2
    fail=1
fi
if ! ogrinfo -ro -q "$tmp/gtd.gpkg" incidents -fid 3 | grep -q 'incimap_line (Integer64) = 3'; then
    echo "FAILED: gtd.gpkg: feature 3 is not input line 3" >&2
    fail=1
fi
"$bin" export examples/incidents.csv -o "$tmp/short.gpkg" --short-names 2>>"$tmp/stderr.txt"
expect "$tmp/short.gpkg" 'Feature Count: 10' 'im_date: Date' 'im_dateprc: String' 'im_line: Integer64'
# GDAL's own GeoPackage validator, where python3-gdal provides it.
validator=/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py
if [ -f "$validator" ]; then
    for gpkg in "$tmp/gtd.gpkg" "$tmp/short.gpkg"; do
        if python3 "$validator" "$gpkg"; then
            echo "ok: $(basename "$gpkg"): validate_gpkg.py"
        else
            echo "FAILED: $(basename "$gpkg"): validate_gpkg.py" >&2
            fail=1
        fi
    done
fi

# The geocoded CSV opens with its geometry (incimap_wkt), types (.csvt) and CRS (.prj).
"$bin" geocode tests/data/input/gtd.csv -o "$tmp/gtd.csv" --report "$tmp/report.csv" --excel 2>>"$tmp/stderr.txt"
expect "$tmp/gtd.csv" \
    'Feature Count: 5' 'Geometry Column = geom_incimap_wkt' 'eventid: Integer64' 'nkill: Integer' \
    'incimap_latitude: Real' 'incimap_status: String' 'GEOGCRS\["WGS 84"' 'Extent: \(66\.99'

# The map's QGIS style, loaded by QGIS itself where PyQGIS is installed
# (Debian: python3-qgis); CI does not install QGIS, so elsewhere this is skipped.
if /usr/bin/python3 -c 'import qgis.core' 2>>"$tmp/stderr.txt"; then
    "$bin" map examples/incidents.csv -o "$tmp/map" --size-by fatalities 2>>"$tmp/stderr.txt"
    "$bin" export examples/incidents.csv -o "$tmp/map/incidents.gpkg" 2>>"$tmp/stderr.txt"
    for data_style in incidents.geojson:incidents.qml incidents.gpkg:incidents.qml \
        incidents.geojson:incidents.sld; do
        data=${data_style%%:*} style=${data_style##*:}
        if ! QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$tmp" /usr/bin/python3 .ci/qgis-load-style.py \
            "$tmp/map/$data" "$tmp/map/$style" 8 2>"$tmp/qgis.txt"; then
            echo "FAILED: QGIS with $data and $style:" >&2
            cat "$tmp/qgis.txt" >&2
            fail=1
        fi
    done
else
    echo "skipped: PyQGIS is not installed, so the QGIS style is not loaded in QGIS"
fi

if [ "$fail" -ne 0 ]; then
    echo "check-gdal: FAILED" >&2
    exit 1
fi
echo "check-gdal: all GDAL checks passed"
