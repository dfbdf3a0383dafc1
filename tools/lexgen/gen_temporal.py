#!/usr/bin/env python3
"""Generate Hamish's CLDR-derived temporal data.

Reads the npm packages cldr-dates-full, cldr-cal-islamic-full and
cldr-numbers-full (Unicode-3.0 licence) and writes, under
crates/hamish-core/data/temporal/:

  cldr-words.tsv     month names (Gregorian and Hijri), weekday names, day
                     periods, relative day/week/month/year words and quarter
                     names for every Arabic locale and English, with the
                     locales that use each spelling;
  cldr-patterns.tsv  the date patterns CLDR formats dates with in those
                     locales (Gregorian and Islamic; full/long/medium/short
                     and the availableFormats skeletons with a year, a month
                     and a day), with each locale's numbering systems; the
                     round-trip test formats dates with them and parses them
                     back.

Usage (pinned versions, throwaway install outside the repo):

  npm install --prefix /tmp/cldr cldr-dates-full@48.2.0 \
      cldr-cal-islamic-full@48.2.0 cldr-numbers-full@48.2.0
  python3 tools/lexgen/gen_temporal.py /tmp/cldr/node_modules

The output is deterministic (sorted), so re-running it on the same CLDR
version gives byte-identical files.
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "crates", "hamish-core", "data", "temporal")
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
# availableFormats skeletons that carry a year, a month and a day (or a year
# and a month), i.e. a complete calendar value.
SKELETONS_DAY = ["yMd", "yMEd", "yMMMd", "yMMMEd", "yMMMMd", "yMMMMEd", "GyMMMd", "GyMMMEd", "GyMd", "GyMEd"]
SKELETONS_MONTH = ["yMMMM", "yMMM", "yM", "yMM", "GyMMM"]


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def locales(cldr):
    base = os.path.join(cldr, "cldr-dates-full", "main")
    out = [l for l in os.listdir(base) if l == "ar" or l.startswith("ar-")]
    return sorted(out) + ["en"]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    cldr = sys.argv[1]
    for pkg in ["cldr-dates-full", "cldr-cal-islamic-full", "cldr-numbers-full"]:
        if not os.path.isdir(os.path.join(cldr, pkg)):
            sys.exit(f"gen_temporal: {pkg} not found under {cldr}; install it with npm (see the docstring)")
    version = load(os.path.join(cldr, "cldr-dates-full", "package.json"))["version"]
    words = {}  # (category, value, word) -> set(locales)
    patterns = []

    def add(cat, value, word, loc):
        word = word.strip()
        if word:
            words.setdefault((cat, str(value), word), set()).add(loc)

    for loc in locales(cldr):
        greg = load(os.path.join(cldr, "cldr-dates-full", "main", loc, "ca-gregorian.json"))["main"][loc]["dates"]["calendars"]["gregorian"]
        isl = load(os.path.join(cldr, "cldr-cal-islamic-full", "main", loc, "ca-islamic.json"))["main"][loc]["dates"]["calendars"]["islamic"]
        fields = load(os.path.join(cldr, "cldr-dates-full", "main", loc, "dateFields.json"))["main"][loc]["dates"]["fields"]
        nums = load(os.path.join(cldr, "cldr-numbers-full", "main", loc, "numbers.json"))["main"][loc]["numbers"]
        numbering = [nums["defaultNumberingSystem"]]
        if nums.get("defaultNumberingSystem-alt-latn") == "latn" and "latn" not in numbering:
            numbering.append("latn")
        if "latn" not in numbering:
            numbering.append("latn")
        for ctx in ["format", "stand-alone"]:
            for width in ["wide", "abbreviated"]:
                for n, w in greg["months"][ctx][width].items():
                    add("month", f"g{n}", w, loc)
                for n, w in isl["months"][ctx][width].items():
                    add("month", f"h{n}", w, loc)
                for i, d in enumerate(WEEKDAYS):
                    add("weekday", i + 1, greg["days"][ctx][width][d], loc)
            for q, w in greg["quarters"][ctx]["wide"].items():
                add("quarter", q, w, loc)
        for k, w in greg["dayPeriods"]["format"]["wide"].items():
            if "-alt-" not in k:
                add("dayperiod", k, w, loc)
        for k, w in greg["eras"]["eraAbbr"].items():
            if "-alt-" not in k:
                add("era", "g" + k, w, loc)
        for k, w in greg["eras"]["eraNames"].items():
            if "-alt-" not in k:
                add("era", "g" + k, w, loc)
        for k, w in isl["eras"]["eraAbbr"].items():
            add("era", "h" + k, w, loc)
        for unit in ["day", "week", "month", "quarter", "year"]:
            f = fields[unit]
            for key, w in f.items():
                if key.startswith("relative-type-"):
                    add("rel", f"{unit}:{key[len('relative-type-'):]}", w, loc)
            for count, w in f.get("relativeTime-type-past", {}).items():
                add("ago", f"{unit}:{count.split('-')[-1]}", w, loc)
        for cal, data in [("gregorian", greg), ("islamic", isl)]:
            for style in ["full", "long", "medium", "short"]:
                patterns.append((loc, cal, style, data["dateFormats"][style], ",".join(numbering)))
            avail = data["dateTimeFormats"]["availableFormats"]
            for sk in SKELETONS_DAY + SKELETONS_MONTH:
                if sk in avail:
                    patterns.append((loc, cal, sk, avail[sk], ",".join(numbering)))

    os.makedirs(OUT, exist_ok=True)
    header = f"# Generated by tools/lexgen/gen_temporal.py from CLDR {version} (npm cldr-*-full, Unicode-3.0). Do not edit.\n"
    with open(os.path.join(OUT, "cldr-words.tsv"), "w", encoding="utf-8") as f:
        f.write(header)
        f.write("# category\tvalue\tword\tlocales\n")
        for (cat, value, word), locs in sorted(words.items()):
            f.write(f"{cat}\t{value}\t{word}\t{','.join(sorted(locs))}\n")
    seen = set()
    with open(os.path.join(OUT, "cldr-patterns.tsv"), "w", encoding="utf-8") as f:
        f.write(header)
        f.write("# locale\tcalendar\tstyle\tpattern\tnumbering\n")
        for row in sorted(patterns):
            if row in seen:
                continue
            seen.add(row)
            f.write("\t".join(row) + "\n")
    print(f"gen_temporal: {len(words)} words, {len(seen)} patterns, CLDR {version} -> {OUT}")


if __name__ == "__main__":
    main()
