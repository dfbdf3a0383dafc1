#!/usr/bin/env bash
# Which English corpora to train on: 10-fold cross-validation on wikigold
# (the one English set with all four types, PER/ORG/LOC/MISC). Each fold
# trains on the other nine tenths of wikigold plus the extra corpora of a
# configuration and scores micro-F1 (exact spans) on its tenth:
#   wikigold        wikigold alone
#   +wnut           + WNUT-17 train and dev      (what the shipped model uses)
#   +wnut+btc       + WNUT-17 + Broad Twitter Corpus (which tags no MISC: hamish
#                   train reads its O tokens as partial labels, "O or MISC")
# From the repository root: bash bench/ner/cv-en.sh  (SHARED=../shared,
# OUT=/tmp/hamish-ner-cv-en, JOBS=2). Takes about two minutes on two cores.
set -euo pipefail
SHARED="${SHARED:-../shared}"
OUT="${OUT:-/tmp/hamish-ner-cv-en}"
JOBS="${JOBS:-2}"
EN="$SHARED/data/en"
if [ ! -f "$EN/wikigold/wikigold.conll" ]; then
  echo "bench/ner/cv-en: $EN/wikigold/wikigold.conll not found: set SHARED=/path/to/shared" >&2
  exit 1
fi
cargo build --release -q -p hamish-cli
# An absolute path (jobs change directory); CARGO_TARGET_DIR may be either.
BIN="$(cd "${CARGO_TARGET_DIR:-target}" && pwd)/release/hamish"
HERE="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$OUT"
for k in 0 1 2 3 4 5 6 7 8 9; do
  python3 "$HERE/split.py" "$EN/wikigold/wikigold.conll" "$OUT/f$k" "$k" >/dev/null
done
export BIN OUT EN
job() {
  set -- $1
  local cfg=$1 k=$2 extra=()
  case "$cfg" in
    wikigold) ;;
    +wnut) extra=("$EN/wnut17/train.conll" "$EN/wnut17/dev.conll") ;;
    +wnut+btc) extra=("$EN/wnut17/train.conll" "$EN/wnut17/dev.conll" "$EN"/btc/*.conll) ;;
  esac
  "$BIN" train --lang en --seed 1 --skip-broken --data "$OUT/f$k/train.conll" "${extra[@]}" \
    --out "$OUT/m$k$cfg.hmnr" >/dev/null 2>&1
  echo "$cfg $k $("$BIN" eval --lang en --gold "$OUT/f$k/dev.conll" --model "$OUT/m$k$cfg.hmnr" \
    | awk '$1 == "micro" {print $4}')"
}
export -f job
for cfg in wikigold +wnut +wnut+btc; do
  for k in 0 1 2 3 4 5 6 7 8 9; do echo "$cfg $k"; done
done | xargs -P "$JOBS" -I{} bash -c 'job "{}"' > "$OUT/results.txt"
python3 - "$OUT/results.txt" <<'EOF'
import statistics as st, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
by = {}
for cfg, k, f in rows:
    by.setdefault(cfg, {})[int(k)] = float(f)
print("training data        " + " ".join(f"{k:>6}" for k in range(10)) + "    mean     sd")
for cfg in ["wikigold", "+wnut", "+wnut+btc"]:
    v = [by[cfg][k] for k in range(10)]
    print(f"{cfg:<20} " + " ".join(f"{x:>6.2f}" for x in v)
          + f"  {st.mean(v):>6.2f} {st.stdev(v):>6.2f}")
EOF
