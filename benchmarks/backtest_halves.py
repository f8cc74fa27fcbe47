#!/usr/bin/env python3
"""benchmarks/backtest_halves.py: a backtest's MAPE by series and horizon on
the even and the odd halves of the LA codes (the calibration's rules were
chosen on the even half, models/README.md), beside naive (a); with two or
more runs, each run's MAPE over the forecasts they all made (the same LA,
origin and horizon), so that a change can be scored on one half and checked
on the other.

  python3 benchmarks/backtest_halves.py DIR/backtest.csv [DIR2/backtest.csv ...]

Prints, per half, one line per series: for each horizon, run1/run2/... then
n = naive (a) of the first run. A 20-week share is in percentage points, as
in backtest.csv's ape.
"""
import collections, csv, sys

if len(sys.argv) < 2:
    sys.exit(__doc__)


def load(path):
    out = collections.defaultdict(dict)  # (series, horizon) -> (la, origin) -> (ape, ape_naive_a)
    for r in csv.DictReader(open(path)):
        if r["ape"] == "" or r["ape_naive_a"] == "":
            continue
        out[(r["series"], int(r["horizon"]))][(r["la"], r["origin"])] = (float(r["ape"]), float(r["ape_naive_a"]))
    return out


runs = [load(p) for p in sys.argv[1:]]
for half, parity in (("even", 0), ("odd", 1)):
    print(f"{half} LA codes")
    series = sorted({s for s, _ in runs[0]})
    for s in series:
        cells = []
        for h in range(1, 6):
            common = None
            for run in runs:
                ids = {k for k in run.get((s, h), {}) if int(k[0]) % 2 == parity}
                common = ids if common is None else common & ids
            if not common:
                continue
            mape = [sum(run[(s, h)][k][0] for k in common) / len(common) for run in runs]
            naive = sum(runs[0][(s, h)][k][1] for k in common) / len(common)
            cells.append(f"h{h} " + "/".join(f"{m:.2f}" for m in mape) + f" n {naive:.2f} ({len(common)})")
        if cells:
            print(f"  {s:20s} " + "  ".join(cells))
