#!/usr/bin/env python3
"""benchmarks/growth_rules.py: how well simple rules for an LA's growth of EHC
plans forecast the published totals, the evidence behind calibrate's growth
(models/README.md, "Growth"). Reads the SEN2 releases in the publishers' own
layout (default ../shared/data) with the standard library only.

Rules, each forecasting January Y+h plans from what was published by June Y:
  a        naive (a): the LA's plans x England's last growth, compounded
  own(w)   w x the LA's own growth over 3 years + (1-w) x England's last
  req(rho) England's last growth plus the LA's excess predicted from its
           requests per plan (calendar Y-1) relative to England's, by a least-squares line across
           LAs fitted on the last observed year only (growth into January Y on
           requests Y-2 per plan January Y-2), the excess fading by rho a year

  python3 benchmarks/growth_rules.py [DATA] [--origins 2018] [--origins 2019-2024]
"""
import collections
import csv
import gzip
import math
import statistics
import sys

args = [a for a in sys.argv[1:]]
data = "../shared/data"
origin_sets = []
i = 0
while i < len(args):
    if args[i] == "--origins":
        a, _, b = args[i + 1].partition("-")
        origin_sets.append(list(range(int(a), int(b or a) + 1)))
        i += 2
    else:
        data = args[i]
        i += 1
if not origin_sets:
    origin_sets = [[2018], list(range(2019, 2025))]
D = data + "/sen2/"


def rows(path):
    with gzip.open(path, "rt", encoding="utf-8-sig") as f:
        yield from csv.DictReader(f)


def key(r):
    if r["geographic_level"] == "National":
        return "ENG"
    return r["old_la_code"] if r["geographic_level"] == "Local authority" else None


plans = collections.defaultdict(dict)
requests = collections.defaultdict(dict)
for r in rows(D + "release-2022/sen2_age_caseload.csv.gz"):
    if r["characteristic_age"] == "Total" and key(r):
        try:
            plans[key(r)][int(r["time_period"])] = float(r["Total_all"])
        except ValueError:
            pass
for r in rows(D + "release-2025/caseload.csv.gz"):  # later release wins
    if r["breakdown_topic"] == "All EHC plans" and key(r):
        try:
            plans[key(r)][2000 + int(r["time_period"][-2:])] = float(r["ehcplans"])
        except ValueError:
            pass
for r in rows(D + "release-2025/requests.csv.gz"):
    if r["breakdown_topic"].startswith("All requests") and key(r):
        try:
            requests[key(r)][int(r["time_period"])] = float(r["requests_received_in_year"])
        except ValueError:
            pass
for r in rows(D + "release-2022/sen2_mi.csv.gz"):  # calendar years before 2019
    if key(r):
        try:
            requests[key(r)].setdefault(int(r["time_period"]), float(r["InreqEHC"]))
        except ValueError:
            pass
E = plans["ENG"]
LAS = [k for k in plans if k != "ENG"]


def ex(k, y):
    p = plans[k]
    if p.get(y, 0) > 0 and p.get(y - 1, 0) > 0:
        return math.log(p[y] / p[y - 1]) - math.log(E[y] / E[y - 1])
    return None


def pressure(k, y):
    if requests[k].get(y, 0) > 0 and plans[k].get(y, 0) > 0 and requests["ENG"].get(y, 0) > 0:
        return math.log(requests[k][y] / plans[k][y]) - math.log(requests["ENG"][y] / E[y])
    return None


def line(o):
    xs, ys = [], []
    for k in LAS:
        y, x = ex(k, o), pressure(k, o - 2)
        if y is not None and x is not None:
            xs.append(x)
            ys.append(y)
    mx, my = statistics.mean(xs), statistics.mean(ys)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    return my - b * mx, b


def forecast(rule, k, o, h, fit):
    p = plans[k]
    gn = math.log(E[o] / E[o - 1])
    if rule == "a":
        return p[o] * math.exp(h * gn)
    if rule.startswith("own"):
        w = float(rule[4:-1])
        g = w * ((p[o] / p[o - 3]) ** (1 / 3) - 1) + (1 - w) * (E[o] / E[o - 1] - 1)
        return p[o] * (1 + g) ** h
    rho = float(rule[4:-1])
    x = pressure(k, o - 1)
    e1 = 0.0 if x is None else max(-0.1, min(0.1, fit[0] + fit[1] * x))
    return p[o] * math.exp(h * gn + e1 * sum(rho ** j for j in range(h)))


last = max(E)
for origins in origin_sets:
    fits = {o: line(o) for o in origins}
    print(f"origins {origins[0]}-{origins[-1]}: MAPE of total plans by horizon (n)")
    for rule in ["a", "own(0.25)", "req(0.5)", "req(0.8)"]:
        cells = []
        for h in range(1, 6):
            apes = []
            for o in origins:
                if o + h > last:
                    continue
                for k in LAS:
                    p = plans[k]
                    if all(p.get(y, 0) > 0 for y in (o - 3, o, o + h)):
                        apes.append(abs(forecast(rule, k, o, h, fits[o]) - p[o + h]) / p[o + h] * 100)
            if apes:
                cells.append(f"{statistics.mean(apes):5.2f}% ({len(apes)})")
        print(f"  {rule:10s} " + "  ".join(cells))
