#!/usr/bin/env python3
"""Cut the development split off ANERcorp train.txt: the last 10% of
sentences (blank-line separated) go to dev, the rest to train.
Usage: split.py TRAIN_TXT OUT_DIR"""
import os, sys

src, out = sys.argv[1], sys.argv[2]
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
cut = len(sents) - len(sents) // 10
os.makedirs(out, exist_ok=True)
for name, part in (("train.conll", sents[:cut]), ("dev.conll", sents[cut:])):
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        for s in part:
            f.write("\n".join(s) + "\n\n")
print(f"split: {cut} train sentences, {len(sents) - cut} dev sentences -> {out}")
