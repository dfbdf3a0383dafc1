#!/usr/bin/env python3
"""Cut a development split off ANERcorp train.txt.

Usage: split.py TRAIN_TXT OUT_DIR [FOLD]

Without FOLD: the last 10% of sentences (blank-line separated) go to dev, the
rest to train (the development split of bench/ner/run.sh).
With FOLD k (0-9): the k-th tenth of the sentences goes to dev, the rest to
train (the folds of bench/ner/cv.sh; fold 9 is the last tenth, rounded
differently from the default split by at most one sentence)."""
import os, sys

src, out = sys.argv[1], sys.argv[2]
fold = int(sys.argv[3]) if len(sys.argv) > 3 else None
sents, cur = [], []
with open(src, encoding="utf-8") as f:
    for line in f:
        line = line.rstrip("\n")
        if line.strip():
            cur.append(line)
        elif cur:
            sents.append(cur); cur = []
if cur:
    sents.append(cur)
if fold is None:
    a, b = len(sents) - len(sents) // 10, len(sents)
else:
    if not 0 <= fold <= 9:
        sys.exit(f"split: fold {fold} is not 0-9")
    a, b = len(sents) * fold // 10, len(sents) * (fold + 1) // 10
os.makedirs(out, exist_ok=True)
for name, part in (("train.conll", sents[:a] + sents[b:]), ("dev.conll", sents[a:b])):
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        for s in part:
            f.write("\n".join(s) + "\n\n")
print(f"split: {len(sents) - (b - a)} train sentences, {b - a} dev sentences -> {out}")
