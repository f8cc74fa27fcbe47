#!/usr/bin/env python3
"""benchmarks/state_special_rules.py: MAPE of simple rules for an LA's plans in
state special schools, on the published SEN2 series alone (models/README.md):
a = naive (a), own(w) = w x own 3-year growth + (1-w) x England's last, eng2 =
England's two-year mean, last = 0.8 England + 0.2 own last year; even and odd LAs.

  python3 benchmarks/state_special_rules.py 2019-2024 [DATA]
"""
import collections, csv, gzip, math, statistics, sys
D = (sys.argv[2] if len(sys.argv) > 2 else "../shared/data") + "/sen2/"
def rows(p):
    with gzip.open(p, "rt", encoding="utf-8-sig") as f:
        yield from csv.DictReader(f)
def key(r):
    if r["geographic_level"] == "National": return "ENG"
    return r["old_la_code"] if r["geographic_level"] == "Local authority" else None
ss = collections.defaultdict(dict)
STATE = {"Special - LA maintained", "Special - Academy/free", "Special - Academy", "Special - Free school", "Hospital School"}
tmp = collections.defaultdict(lambda: collections.defaultdict(float)); bad = set()
for r in rows(D + "release-2022/sen2_estab_caseload.csv.gz"):
    if r["establishment_type"].strip() in STATE and key(r):
        try: tmp[key(r)][int(r["time_period"])] += float(r["Total_all"])
        except ValueError: bad.add((key(r), int(r["time_period"])))
for k, d in tmp.items():
    for y, v in d.items():
        if (k, y) not in bad: ss[k][y] = v
for r in rows(D + "release-2025/caseload.csv.gz"):
    if r["breakdown_topic"] == "All EHC plans" and key(r):
        try: ss[key(r)][2000 + int(r["time_period"][-2:])] = float(r["special_la_maintained"]) + float(r["special_academy_free"])
        except ValueError: pass
E = ss["ENG"]; LAS = [k for k in ss if k != "ENG"]
def fc(rule, k, o, h):
    p = ss[k]; eng = E[o] / E[o - 1] - 1
    own = (p[o] / p[o - 3]) ** (1 / 3) - 1
    if rule == "a": return p[o] * (1 + eng) ** h
    if rule.startswith("own"):
        w = float(rule[4:-1]); return p[o] * (1 + w * own + (1 - w) * eng) ** h
    if rule == "eng2": return p[o] * ((E[o] / E[o - 2]) ** 0.5) ** h
    if rule == "last": # own last-year growth shrunk
        return p[o] * (1 + 0.8 * eng + 0.2 * (p[o] / p[o - 1] - 1)) ** h
orig = [int(x) for x in sys.argv[1].split("-")]; origins = range(orig[0], orig[-1] + 1)
last = max(E)
for grp in ("even", "odd"):
    print(grp)
    for rule in ["a", "own(-0.25)", "own(0)", "own(0.25)", "own(0.5)", "eng2", "last"]:
        cells = []
        for h in range(1, 6):
            apes = []
            for o in origins:
                if o + h > last: continue
                for k in LAS:
                    if (int(k) % 2 == 0) != (grp == "even"): continue
                    p = ss[k]
                    if all(p.get(y, 0) > 0 for y in (o - 3, o - 1, o, o + h)):
                        apes.append(abs(fc(rule, k, o, h) - p[o + h]) / p[o + h] * 100)
            if apes: cells.append("%5.2f (%d)" % (statistics.mean(apes), len(apes)))
        print("  %-11s %s" % (rule, "  ".join(cells)))
