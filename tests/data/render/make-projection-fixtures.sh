#!/usr/bin/env bash
# Regenerates projection-fixtures.csv: reference coordinates from PROJ's cs2cs
# (Debian proj-bin; these were made with PROJ 9.1.1). For every projection
# below, every point is projected with
#
#   cs2cs -f %.4f +proj=longlat +ellps=WGS84 +to PROJECTION
#
# reading "lon lat" lines. tests/render.rs compares incimap's projections
# (proj4rs) with these numbers.
set -euo pipefail
cd "$(dirname "$0")"

projections=(
  "+proj=lcc +lat_1=34.5 +lat_2=51.5 +lat_0=43 +lon_0=51 +ellps=WGS84"
  "+proj=aea +lat_1=34.5 +lat_2=51.5 +lat_0=43 +lon_0=51 +ellps=WGS84"
  "+proj=lcc +lat_1=64.5 +lat_2=66.5 +lat_0=65.5 +lon_0=-174 +ellps=WGS84"
  "+proj=eqearth +lon_0=10 +ellps=WGS84"
  "+proj=eqearth +lon_0=-170 +ellps=WGS84"
  "+proj=robin +lon_0=0 +ellps=WGS84"
  "+proj=merc +lon_0=35.5 +ellps=WGS84"
  "+proj=moll +lon_0=0 +ellps=WGS84"
  "+proj=laea +lat_0=40 +lon_0=60 +ellps=WGS84"
)
# The example's places, points across the antimeridian, and far corners.
points="69.0 38.5
69.63 40.28
68.6822 38.5125
67.28 37.22
72.99 40.93
57.08 30.28
28.98 41.01
69.78 37.91
37.62 55.76
74.59 42.87
177.51 64.73
-173.23 64.42
-165.41 64.50
-179.9 65.0
179.9 65.0
-74.07 4.71
151.21 -33.87
-157.86 21.31
0.0 0.0
100.0 -60.0"

echo "projection,lon,lat,x,y"
for p in "${projections[@]}"; do
  # shellcheck disable=SC2086
  echo "$points" | cs2cs -f %.4f +proj=longlat +ellps=WGS84 +to $p |
    paste -d' ' <(echo "$points") - |
    awk -v p="$p" '{ printf "%s,%s,%s,%s,%s\n", p, $1, $2, $3, $4 }'
done
