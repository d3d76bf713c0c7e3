#!/usr/bin/env bash
# Checks with GDAL that incimap's GeoJSON opens as GIS users will open it:
# the right feature count and the right field types. Installs gdal-bin if
# ogrinfo is missing. Uses the debug binary that `cargo test` has built.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v ogrinfo >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gdal-bin
fi
cargo build --quiet
bin=target/debug/incimap
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail=0
# expect FILE PATTERN...: each pattern must be a line of `ogrinfo -al -so FILE`.
expect() {
    local file=$1
    shift
    ogrinfo -ro -al -so "$file" >"$tmp/info.txt"
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

"$bin" export examples/incidents.csv -o "$tmp/incidents.geojson" 2>/dev/null
expect "$tmp/incidents.geojson" \
    'Geometry: Point' 'Feature Count: 10' 'fatalities: Integer' 'injuries: Integer' \
    'date: Date' 'place: String' 'incimap_date_start: Date' 'incimap_date_end: Date' \
    'incimap_geonameid: Integer' 'Extent: \(28\.9'

"$bin" export tests/data/input/gtd.csv -o "$tmp/gtd.geojson" 2>/dev/null
expect "$tmp/gtd.geojson" \
    'Feature Count: 5' 'eventid: Integer64' 'nkill: Integer' 'latitude: Real' \
    'specificity: Integer' 'incimap_date: String' 'incimap_date_start: Date'

"$bin" export tests/data/input/acled.csv -o "$tmp/acled.geojsons" 2>/dev/null
expect "$tmp/acled.geojsons" \
    'Feature Count: 4' 'event_id_cnty: String' 'fatalities: Integer' 'geo_precision: Integer'

if [ "$fail" -ne 0 ]; then
    echo "check-gdal: FAILED" >&2
    exit 1
fi
echo "check-gdal: all GDAL checks passed"
