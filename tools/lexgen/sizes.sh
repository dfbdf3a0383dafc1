#!/usr/bin/env bash
# Prints the raw and gzip -9 size of the bundled lexicon: the compiled image
# data/lexicon.bin, which is what the library embeds (include_bytes!, so it
# travels inside the .wasm and compresses with it), and for comparison the
# .tsv sources it is compiled from (not embedded in the widget).
set -euo pipefail
DATA="$(cd "$(dirname "$0")/../../crates/hamish-core/data" && pwd)"
printf '%-28s %10s %10s\n' file bytes gzip-9
row() { printf '%-28s %10d %10d\n' "$1" "$(wc -c <"$2")" "$(gzip -9c "$2" | wc -c)"; }
row "lexicon.bin (shipped)" "$DATA/lexicon.bin"
total_raw=0
for f in curated.tsv places.tsv person-names.tsv common-words.tsv; do
  row "  source $f" "$DATA/$f"
  total_raw=$((total_raw + $(wc -c <"$DATA/$f")))
done
all_gz=$(cat "$DATA/curated.tsv" "$DATA/places.tsv" "$DATA/person-names.tsv" "$DATA/common-words.tsv" | gzip -9c | wc -c)
printf '%-28s %10d %10d\n' "  sources, one stream" "$total_raw" "$all_gz"
