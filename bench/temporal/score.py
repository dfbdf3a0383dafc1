#!/usr/bin/env python3
"""Score temporal spans against gold spans (Wojood train-dates.jsonl format).

  score.py GOLD.jsonl PRED.jsonl [--show-errors N]

Both files: one JSON object per line, {"id", "spans": [{"start","end",...}]},
offsets in code points. Types are ignored (gold DATE/TIME vs predicted
DATE/TIME/DURATION/SET): a temporal span is a temporal span.

* overlap-F1 (the headline figure, as in issue 4): precision is the share of
  predicted spans that overlap some gold span, recall the share of gold
  spans that some predicted span overlaps;
* overlap-F1 one-to-one (stricter): each gold span matches at most one
  predicted span (greedy in text order), so a gold date split into pieces
  counts the extra pieces as false positives;
* exact-boundary F1: start and end both equal.
"""
import json
import sys


def load(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                d = json.loads(line)
                out[d["id"]] = d
    return out


def prf(tp_p, n_p, tp_g, n_g):
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p * 100, r * 100, f * 100


def match(gold, pred, exact):
    """One-to-one matching; returns (matched pred count, matched gold count)."""
    used = set()
    tp = 0
    for p in pred:
        for gi, g in enumerate(gold):
            if gi in used:
                continue
            ok = (p[0] == g[0] and p[1] == g[1]) if exact else (p[0] < g[1] and g[0] < p[1])
            if ok:
                used.add(gi)
                tp += 1
                break
    return tp, len(used)


def score(gold_path, pred_path, show=0):
    gold = load(gold_path)
    pred = load(pred_path)
    totals = {"overlap": [0, 0, 0, 0], "overlap11": [0, 0, 0, 0], "exact": [0, 0, 0, 0]}
    errors = []
    for gid, g in gold.items():
        gs = sorted((s["start"], s["end"]) for s in g["spans"])
        ps = sorted((s["start"], s["end"]) for s in pred.get(gid, {"spans": []})["spans"])
        for kind in totals:
            if kind == "overlap":
                tp_p = sum(any(a < d and c < b for c, d in gs) for a, b in ps)
                tp_g = sum(any(a < d and c < b for a, b in ps) for c, d in gs)
            else:
                tp_p, tp_g = match(gs, ps, kind == "exact")
            t = totals[kind]
            t[0] += tp_p
            t[1] += len(ps)
            t[2] += tp_g
            t[3] += len(gs)
        if show and (set(gs) != set(ps)):
            text = g["text"]
            errors.append((gid, [text[a:b] for a, b in gs], [text[a:b] for a, b in ps]))
    res = {k: prf(*v) for k, v in totals.items()}
    res["n_gold"] = totals["overlap"][3]
    res["n_pred"] = totals["overlap"][1]
    return res, errors[:show] if show else []


if __name__ == "__main__":
    show = 0
    args = [a for a in sys.argv[1:]]
    if "--show-errors" in args:
        i = args.index("--show-errors")
        show = int(args[i + 1])
        del args[i : i + 2]
    res, errs = score(args[0], args[1], show)
    for gid, g, p in errs:
        print(f"{gid}\n  gold: {g}\n  pred: {p}")
    o, o1, e = res["overlap"], res["overlap11"], res["exact"]
    print(
        f"gold {res['n_gold']} pred {res['n_pred']}  overlap P/R/F1 {o[0]:.1f}/{o[1]:.1f}/{o[2]:.1f}"
        f"  one-to-one {o1[2]:.1f}  exact P/R/F1 {e[0]:.1f}/{e[1]:.1f}/{e[2]:.1f}"
    )
