#!/usr/bin/env bash
# Rebuilds the shipped tagger models from ../shared (deterministic: same
# data, same seed, same bytes). Run from the repository root:
#   bash bench/ner/train-models.sh
set -euo pipefail
SHARED="${SHARED:-../shared}"
if [ ! -d "$SHARED/data/ar/anercorp" ]; then
  echo "train-models: $SHARED/data not found (set SHARED=/path/to/shared)" >&2
  exit 1
fi
cargo build --release -p hamish-cli
BIN="${CARGO_TARGET_DIR:-target}/release/hamish"
# Arabic: all of ANERcorp train.txt (AQMAR lowers the ANERcorp dev score: other domain).
"$BIN" train --lang ar --seed 1 \
  --data "$SHARED/data/ar/anercorp/train.txt" \
  --out crates/hamish-core/models/ar.hmnr
# English: wikigold and WNUT-17. Not the Broad Twitter Corpus: it annotates no
# MISC, and adding it lowers 10-fold wikigold micro-F1 by 1.6 (bench/ner/cv-en.sh).
"$BIN" train --lang en --seed 1 \
  --data "$SHARED/data/en/wikigold/wikigold.conll" \
         "$SHARED/data/en/wnut17/train.conll" "$SHARED/data/en/wnut17/dev.conll" \
  --out crates/hamish-core/models/en.hmnr
ls -l crates/hamish-core/models/
