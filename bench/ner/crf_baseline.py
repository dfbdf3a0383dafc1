#!/usr/bin/env python3
"""The practitioner's baseline of issue 5: a linear-chain CRF
(python-crfsuite) with standard word / affix / clitic / window features.

Usage: crf_baseline.py TRAIN.conll TEST.conll PRED_OUT MODEL_OUT
Writes PRED_OUT as `token<TAB>PREDICTED_TAG` lines (blank line between
sentences) so that `hamish eval --gold TEST --pred PRED_OUT` scores it with
the same scorer as Hamish's tagger. Prints model size and tagging speed.
"""
import os, re, sys, time
import pycrfsuite

PROCLITICS = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")


def norm_tag(t):
    t = t.strip()
    if t == "O" or "-" not in t:
        return "O"
    p, _, ty = t.partition("-")
    ty = ty.strip("-").upper()
    if ty.startswith("MIS"):
        ty = "MISC"
    if ty == "PERS":
        ty = "PER"
    if p not in ("B", "I") or ty not in ("PER", "ORG", "LOC", "MISC"):
        return "O"
    return p + "-" + ty


def read(path):
    sents, cur = [], []
    for line in open(path, encoding="utf-8"):
        parts = line.split()
        if not parts:
            if cur:
                sents.append(cur); cur = []
            continue
        cur.append((parts[0], norm_tag(parts[-1]) if len(parts) > 1 else "O"))
    if cur:
        sents.append(cur)
    return sents


def stem(w):
    for p in PROCLITICS:
        if w.startswith(p) and len(w) - len(p) >= 2:
            return w[len(p):]
    return w


def shape(w):
    if w.isdigit():
        return "D"
    if re.fullmatch(r"[\u0600-\u06FF]+", w):
        return "A"
    if re.fullmatch(r"[A-Za-z]+", w):
        return "L"
    if re.fullmatch(r"\W+", w):
        return "P"
    return "M"


def word_feats(w, pre):
    s = stem(w)
    f = [pre + "w=" + w, pre + "stem=" + s, pre + "shape=" + shape(w)]
    if pre in ("", "-1:", "+1:"):
        for k in (1, 2, 3):
            f.append(pre + "p%d=" % k + w[:k])
            f.append(pre + "s%d=" % k + w[-k:])
        f.append(pre + "clitic=" + w[: len(w) - len(s)])
    return f


def sent2features(sent):
    words = [w for w, _ in sent]
    out = []
    for i, w in enumerate(words):
        f = ["bias"] + word_feats(w, "")
        if w.isdigit():
            f.append("digit")
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < len(words):
                f += word_feats(words[j], "%+d:" % d)
            else:
                f.append("%+d:PAD" % d)
        out.append(f)
    return out


def main():
    train, test, pred_out, model_out = sys.argv[1:5]
    tr = read(train)
    te = read(test)
    t0 = time.time()
    trainer = pycrfsuite.Trainer(verbose=False)
    for s in tr:
        trainer.append(sent2features(s), [t for _, t in s])
    trainer.set_params({"c1": 0.1, "c2": 0.01, "max_iterations": 150,
                        "feature.possible_transitions": True})
    trainer.train(model_out)
    print(f"crf: trained on {sum(map(len, tr))} tokens in {time.time() - t0:.1f} s")
    tagger = pycrfsuite.Tagger()
    tagger.open(model_out)
    ntok = sum(map(len, te))
    t0 = time.time()
    feats = [sent2features(s) for s in te]
    t1 = time.time()
    preds = [tagger.tag(f) for f in feats]
    t2 = time.time()
    with open(pred_out, "w", encoding="utf-8") as f:
        for s, p in zip(te, preds):
            for (w, _), t in zip(s, p):
                f.write(f"{w}\t{t}\n")
            f.write("\n")
    size = os.path.getsize(model_out)
    print(f"crf: model {size / 1e6:.2f} MB; tagging {ntok / (t2 - t1):,.0f} tokens/s, "
          f"end to end (features + tagging) {ntok / (t2 - t0):,.0f} tokens/s")


if __name__ == "__main__":
    main()
