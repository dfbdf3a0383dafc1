#!/usr/bin/env bash
# Ten-fold cross-validation of the Arabic tagger against the CRF baseline on
# ANERcorp train.txt, from the repository root:
#   bash bench/ner/cv.sh          (SHARED=../shared, OUT=/tmp/hamish-ner-cv,
#                                  SEEDS="1", JOBS=2, CRF=1, TRAIN_ARGS="")
#
# TRAIN_ARGS is passed to every `hamish train` (say "--l2 0.5 --epochs 18"),
# so a training setting is compared over all ten folds, not one split.
#
# The development split of bench/ner/run.sh is one tenth of the data (about
# 940 names): a single seed or a single split moves micro-F1 by a point or
# more, as much as most feature changes do. Here every tenth of the corpus is
# the development split once (train on the other nine, never on it), Hamish
# with each seed in SEEDS, and the CRF baseline (python-crfsuite, same
# features as run.sh, in the same throwaway virtualenv) on the same folds.
# Prints per fold and the mean and standard deviation over folds of micro-F1
# and of Hamish's margin over the CRF, and the calibration of the analyser's
# name confidences pooled over the folds (`hamish eval --calibration`).
# CRF=0 skips the CRF (it takes about a minute per fold; Hamish about two
# seconds).
#
# Learning from corrections, per fold: the first REPLAY (200) sentences of the
# fold's development part are replayed as the reader's corrections
# (`hamish eval --replay`), and micro-F1 on the fold's other sentences is
# compared before and after (with the reader lexicon, and the model update
# alone). REPLAY=0 skips it. It is done four times: with the whole gold
# sentence as the correction; with only what a reader of the widget would fix
# (`--replay-fixes`: the names the analyser missed or got wrong, and
# rejections of the ones it invented); with the additions alone
# (`--only-additions`: a reader who never rejects anything); and with the
# rejections alone (`--only-rejections`: a reader who only removes false
# alarms). One-sided lessons are the ones that can tip the model over.
set -euo pipefail
SHARED="${SHARED:-../shared}"
OUT="${OUT:-/tmp/hamish-ner-cv}"
VENV="${VENV:-/work/venvs/hamish-ner-crf}"
SEEDS="${SEEDS:-1}"
JOBS="${JOBS:-2}"
CRF="${CRF:-1}"
REPLAY="${REPLAY:-200}"
TRAIN_ARGS="${TRAIN_ARGS:-}"
SRC="$SHARED/data/ar/anercorp/train.txt"
if [ ! -f "$SRC" ]; then
  echo "bench/ner/cv: $SRC not found: set SHARED=/path/to/shared" >&2
  exit 1
fi
HERE="$(cd "$(dirname "$0")" && pwd)"
cargo build --release -q -p hamish-cli
# An absolute path (jobs change directory); CARGO_TARGET_DIR may be either.
BIN="$(cd "${CARGO_TARGET_DIR:-target}" && pwd)/release/hamish"
mkdir -p "$OUT"
for k in 0 1 2 3 4 5 6 7 8 9; do
  python3 "$HERE/split.py" "$SRC" "$OUT/f$k" "$k" > /dev/null
done
if [ "$CRF" = 1 ] && [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q python-crfsuite==0.9.11
fi

micro() { "$BIN" eval "$@" | awk '$1 == "micro" { print $4 }'; }
export -f micro
export BIN OUT VENV HERE REPLAY TRAIN_ARGS

# One job: "hamish K SEED" or "crf K"; prints "K what F1".
job() {
  set -euo pipefail
  read -r what k seed <<< "$1"
  d="$OUT/f$k"
  if [ "$what" = hamish ]; then
    "$BIN" train --lang ar --seed "$seed" $TRAIN_ARGS --data "$d/train.conll" --out "$d/s$seed.hmnr" 2> /dev/null
    "$BIN" eval --gold "$d/dev.conll" --model "$d/s$seed.hmnr" --calibration > "$d/eval$seed.txt"
    echo "$k hamish$seed $(awk '$1 == "micro" { print $4 }' "$d/eval$seed.txt")"
    if [ "$REPLAY" != 0 ]; then
      "$BIN" eval --gold "$d/dev.conll" --model "$d/s$seed.hmnr" --replay "$REPLAY" \
        | sed -nE "s/.*not replayed: before ([0-9.]+), after ([0-9.]+) \(model update only: ([0-9.]+)\).*/$k replay$seed \1 \2 \3/p"
      "$BIN" eval --gold "$d/dev.conll" --model "$d/s$seed.hmnr" --replay "$REPLAY" --replay-fixes \
        | sed -nE "s/.*not replayed: before ([0-9.]+), after ([0-9.]+) \(model update only: ([0-9.]+)\).*/$k fixes$seed \1 \2 \3/p"
      "$BIN" eval --gold "$d/dev.conll" --model "$d/s$seed.hmnr" --replay "$REPLAY" --replay-fixes --only-additions \
        | sed -nE "s/.*not replayed: before ([0-9.]+), after ([0-9.]+) \(model update only: ([0-9.]+)\).*/$k adds$seed \1 \2 \3/p"
      "$BIN" eval --gold "$d/dev.conll" --model "$d/s$seed.hmnr" --replay "$REPLAY" --replay-fixes --only-rejections \
        | sed -nE "s/.*not replayed: before ([0-9.]+), after ([0-9.]+) \(model update only: ([0-9.]+)\).*/$k rejects$seed \1 \2 \3/p"
    fi
  else
    "$VENV/bin/python" "$HERE/crf_baseline.py" "$d/train.conll" "$d/dev.conll" \
      "$d/crf.pred" "$d/crf.model" > "$d/crf.log" 2>&1
    echo "$k crf $(micro --gold "$d/dev.conll" --pred "$d/crf.pred")"
  fi
}
export -f job

{
  for k in 0 1 2 3 4 5 6 7 8 9; do
    [ "$CRF" = 1 ] && echo "crf $k"
    for s in $SEEDS; do echo "hamish $k $s"; done
  done
} | xargs -P "$JOBS" -I{} bash -c 'job "{}"' > "$OUT/results.txt"

python3 - "$OUT/results.txt" "$SEEDS" "$OUT" <<'EOF'
import re, statistics as st, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
seeds = sys.argv[2].split()
f1 = {(int(r[0]), r[1]): float(r[2]) for r in rows if len(r) == 3}
replay = [[float(x) for x in r[2:]] for r in rows if len(r) == 5 and r[1].startswith("replay")]
fixes = [[float(x) for x in r[2:]] for r in rows if len(r) == 5 and r[1].startswith("fixes")]
adds = [[float(x) for x in r[2:]] for r in rows if len(r) == 5 and r[1].startswith("adds")]
rejects = [[float(x) for x in r[2:]] for r in rows if len(r) == 5 and r[1].startswith("rejects")]
crf = all((k, "crf") in f1 for k in range(10))
print("fold  " + "  ".join(f"hamish s{s}" for s in seeds) + ("      crf  margin" if crf else ""))
ham, cr, margin = [], [], []
for k in range(10):
    h = [f1[(k, "hamish" + s)] for s in seeds]
    ham.append(sum(h) / len(h))
    line = f"{k:>4}  " + "  ".join(f"{x:>9.2f}" for x in h)
    if crf:
        cr.append(f1[(k, "crf")]); margin.append(ham[-1] - cr[-1])
        line += f"  {cr[-1]:>7.2f}  {margin[-1]:>+6.2f}"
    print(line)
def ms(xs): return f"{st.mean(xs):.2f} ± {st.stdev(xs):.2f}"
print(f"hamish micro-F1 over folds (seed mean): {ms(ham)}")
if crf:
    print(f"CRF baseline micro-F1 over folds:       {ms(cr)}")
    print(f"margin (hamish - CRF) over folds:       {ms(margin)}")
# Calibration pooled over the folds and seeds: one fold's ~800 names leave
# each bucket small, and a small sample inflates the ECE by itself.
buckets = {}
for k in range(10):
    for s in seeds:
        for line in open(f"{sys.argv[3]}/f{k}/eval{s}.txt"):
            m = re.match(r"(\d\.\d)\S+\s+(\d+)\s+([\d.]+)\s+([\d.]+)$", line.strip())
            if m:
                b = buckets.setdefault(m.group(1), [0, 0.0, 0.0])
                n = int(m.group(2))
                b[0] += n; b[1] += n * float(m.group(3)); b[2] += n * float(m.group(4))
total = sum(b[0] for b in buckets.values())
if total:
    ece = sum(abs(b[1] - b[2]) for b in buckets.values()) / total
    print(f"calibration pooled over folds: ECE {ece:.3f} over {total} name annotations")
for name, runs in (("whole gold sentences", replay), ("a reader's fixes only", fixes),
                   ("a reader's additions only", adds), ("a reader's rejections only", rejects)):
    if not runs:
        continue
    print(f"replayed corrections ({name}), micro-F1 on each fold's sentences not"
          f" replayed ({len(runs)} runs):")
    print(f"  before {ms([r[0] for r in runs])}; after {ms([r[1] for r in runs])};"
          f" model update alone {ms([r[2] for r in runs])}")
    print(f"  change: {ms([r[1] - r[0] for r in runs])}"
          f" (model update alone {ms([r[2] - r[0] for r in runs])})")
EOF
