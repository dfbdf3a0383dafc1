#!/usr/bin/env bash
# Where name spans cut a word, for review by eye. From the repository root:
#   bash bench/ner/boundaries.sh          (SHARED=../shared, FILE=ANERcorp train.txt)
#
# CoNLL scoring tags whole tokens, so it cannot see a span that starts or
# ends inside a word: «باريس» highlighted as «اريس» scores as a right
# LOC. This runs the shipped analyser over the corpus text (documents of 40
# sentences, tokens joined by spaces) and lists, by count, the letters each
# name span leaves out of its word at the start and at the end. Proclitics
# («و», «ب», «ل», «لل»), enclitic pronouns («ها», «هم») and punctuation are
# what should be left out; a name's own letters («ب» of «باريس», «ي» of
# «خاتمي») are faults. Prints the top cuts per cut-off string with their
# words.
set -euo pipefail
SHARED="${SHARED:-../shared}"
FILE="${FILE:-$SHARED/data/ar/anercorp/train.txt}"
if [ ! -f "$FILE" ]; then
  echo "bench/ner/boundaries: $FILE not found: set SHARED=/path/to/shared or FILE=" >&2
  exit 1
fi
cargo build --release -q -p hamish-cli
BIN="${CARGO_TARGET_DIR:-target}/release/hamish"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
python3 - "$FILE" "$TMP/docs.jsonl" <<'EOF'
import json, sys
src, out = sys.argv[1], sys.argv[2]
sents, cur = [], []
for line in open(src, encoding="utf-8"):
    line = line.strip()
    if not line:
        if cur:
            sents.append(" ".join(cur))
            cur = []
        continue
    word = line.split()[0]
    if word != "-DOCSTART-":
        cur.append(word)
if cur:
    sents.append(" ".join(cur))
with open(out, "w", encoding="utf-8") as f:
    for i in range(0, len(sents), 40):
        doc = {"id": str(i), "text": "\n\n".join(sents[i:i + 40]), "lang": "ar"}
        f.write(json.dumps(doc, ensure_ascii=False) + "\n")
EOF
"$BIN" annotate --input jsonl "$TMP/docs.jsonl" > "$TMP/out.jsonl"
python3 - "$TMP/docs.jsonl" "$TMP/out.jsonl" <<'EOF'
import collections, json, sys
texts = {}
for line in open(sys.argv[1], encoding="utf-8"):
    o = json.loads(line)
    texts[o["id"]] = o["text"]
cuts = {"start": collections.defaultdict(collections.Counter),
        "end": collections.defaultdict(collections.Counter)}
names = 0
for line in open(sys.argv[2], encoding="utf-8"):
    o = json.loads(line)
    t = texts[o["id"]]
    for a in o["annotations"]:
        if a["type"] not in ("PER", "ORG", "LOC", "MISC"):
            continue
        names += 1
        # Offsets are code points, as Python indexes strings.
        s, e = a["start"], a["end"]
        ws = s
        while ws > 0 and not t[ws - 1].isspace():
            ws -= 1
        we = e
        while we < len(t) and not t[we].isspace():
            we += 1
        if ws < s:
            cuts["start"][t[ws:s]][t[ws:we]] += 1
        if e < we:
            cuts["end"][t[e:we]][t[ws:we]] += 1
print(f"{names} name spans")
for side in ("start", "end"):
    total = sum(sum(c.values()) for c in cuts[side].values())
    print(f"\n== left out at the {side} of the word: {total} spans")
    for cut, words in sorted(cuts[side].items(), key=lambda kv: -sum(kv[1].values()))[:15]:
        top = ", ".join(f"{w} {n}" for w, n in words.most_common(8))
        print(f"{cut!r:>8} {sum(words.values()):5}  {top}")
EOF
