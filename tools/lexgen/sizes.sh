#!/usr/bin/env bash
# Prints the raw and gzip -9 size of each bundled lexicon data file and the
# total: what the lexicons add to the WASM bundle (they are embedded with
# include_str!, so they travel inside the .wasm and compress with it).
set -euo pipefail
DATA="$(cd "$(dirname "$0")/../../crates/hamish-core/data" && pwd)"
total_raw=0
total_gz=0
printf '%-22s %10s %10s\n' file bytes gzip-9
for f in curated.tsv places.tsv person-names.tsv common-words.tsv; do
  raw=$(wc -c <"$DATA/$f")
  gz=$(gzip -9c "$DATA/$f" | wc -c)
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
  printf '%-22s %10d %10d\n' "$f" "$raw" "$gz"
done
all_gz=$(cat "$DATA/curated.tsv" "$DATA/places.tsv" "$DATA/person-names.tsv" "$DATA/common-words.tsv" | gzip -9c | wc -c)
printf '%-22s %10d %10d (%d as one stream)\n' total "$total_raw" "$total_gz" "$all_gz"
