#!/bin/sh
# Times the README's example map: BIN map examples/incidents.csv --size-by
# fatalities --timeline --format svg,png, N times (default 20), and prints the
# fastest and the median wall time and the median CPU time (user + system).
# Usage: bench/example-map-time.sh [BIN] [N] [extra map options...]
set -eu
bin=${1:-target/release/incimap}
n=${2:-20}
shift 2 2>/dev/null || shift $#
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
i=0
while [ "$i" -lt "$n" ]; do
    /usr/bin/time -f "%e %U %S" -a -o "$out/times" \
        "$bin" -q map examples/incidents.csv --size-by fatalities --timeline \
        --format svg,png -o "$out/map" "$@"
    i=$((i + 1))
done
wall=$(awk '{ print $1 * 1000 }' "$out/times" | sort -n)
cpu=$(awk '{ print ($2 + $3) * 1000 }' "$out/times" | sort -n)
mid=$(( (n + 1) / 2 ))
printf 'fastest %s ms, median %s ms wall; median %s ms CPU (%s runs)\n' \
    "$(echo "$wall" | head -n 1)" "$(echo "$wall" | sed -n "${mid}p")" \
    "$(echo "$cpu" | sed -n "${mid}p")" "$n"
