#!/bin/sh
# Refits the geocoder's weights on annotated corpora (LGL or GeoWebNews
# format) and measures the result: the isolated weights first, then the
# context weights on top of them (each fit is built with the weights before
# it), written into src/geocode/weights.rs; then the table of
# `geoparse measure`, whose held-out rows are the articles the fit never saw.
# Usage: bench/refit.sh CORPUS.xml...
set -eu
[ "$#" -gt 0 ] || { echo "usage: bench/refit.sh CORPUS.xml..." >&2; exit 2; }
cd "$(dirname "$0")/.."
cargo bench --bench geoparse -- fit isolated --write "$@"
cargo bench --bench geoparse -- fit context --write "$@"
cargo fmt
cargo bench --bench geoparse -- measure "$@"
