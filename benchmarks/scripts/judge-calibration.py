#!/usr/bin/env python3
"""Judge the mock's calibration against Open Liberty from run folders on disk.

    benchmarks/scripts/judge-calibration.py MOCK_MATRIX LIBERTY_MATRIX   # two matrices: one sample per cell
    benchmarks/scripts/judge-calibration.py CALIBRATION_FOLDER           # round-N/{mock,liberty}/<cell>/ of
                                                                         # calibrate-mock-vs-liberty.sh

Cells are named as a matrix names them (one-shot_apache_basic, rotating-50_apache_basic,
pooled_apache_basic ...). For every engine and auth mode it prints each strategy's server CPU
per request on both servers (medians over the rounds) and the mock / Liberty ratio (the median
of the rounds' own ratios: a round's two figures ran seconds apart, rounds minutes apart), and
judges the targets of the issue "A real Liberty mqweb":
  - each strategy's mock / Liberty within 25%;
  - one-shot : pooled on the mock within 20% of Liberty's;
  - rotating every 50's extra cost over pooled within 20 percentage points.
Exit code 1 if a target is missed, 2 if the folders hold no such cells.
"""
import json
import pathlib
import statistics
import sys

STRATEGIES = ["one-shot", "rotating-50", "pooled"]


def fail(msg):
    print(f"judge-calibration: {msg}", file=sys.stderr)
    sys.exit(2)


def cells(folder):
    """cell name -> summary, for every cell folder holding a summary.json."""
    out = {}
    for summary in sorted(pathlib.Path(folder).glob("*/summary.json")):
        out[summary.parent.name] = json.loads(summary.read_text())
    return out


def rounds_of(argv):
    """[(mock cells, liberty cells)] per round."""
    if len(argv) == 3:
        return [(cells(argv[1]), cells(argv[2]))], f"{argv[1]} against {argv[2]}, one sample per cell"
    if len(argv) == 2:
        rounds = sorted(pathlib.Path(argv[1]).glob("round-*"), key=lambda p: int(p.name.split("-")[1]))
        if not rounds:
            fail(f"{argv[1]} holds no round-N folders (give a calibration folder, or two matrix folders)")
        return [(cells(r / "mock"), cells(r / "liberty")) for r in rounds], f"{argv[1]}, {len(rounds)} rounds"
    fail("usage: judge-calibration.py MOCK_MATRIX LIBERTY_MATRIX | judge-calibration.py CALIBRATION_FOLDER")


def main(argv):
    rounds, what = rounds_of(argv)
    groups = sorted({n.split("_", 1)[1] for m, _ in rounds for n in m if n.startswith("pooled_")})
    if not groups:
        fail("no pooled cell found")

    def cpu(side, name, where):
        s = side.get(name)
        v = None if s is None else s.get("serverCpuMicrosPerRequest")
        if v is None:
            fail(f"{where}: no server CPU for the cell {name} (run it with --server-cpu)")
        return v

    missed = 0
    print(f"server CPU us per request: {what}")
    print(f"{'cell':<30} {'rate/s':>7} {'mock us':>10} {'Liberty us':>11} {'mock/Liberty':>13}   rounds")
    for g in groups:
        m = {k: [] for k in STRATEGIES}
        l = {k: [] for k in STRATEGIES}
        rate = {}
        for i, (mock, liberty) in enumerate(rounds):
            for k in STRATEGIES:
                name = f"{k}_{g}"
                m[k].append(cpu(mock, name, f"round {i + 1} mock"))
                l[k].append(cpu(liberty, name, f"round {i + 1} Liberty"))
                rate[k] = mock[name].get("rate")
        for k in STRATEGIES:
            per = [a / b for a, b in zip(m[k], l[k])]
            r = statistics.median(per)
            ok = 0.75 <= r <= 1.25
            missed += not ok
            shown = "closed" if rate[k] is None else f"{rate[k]:g}"
            print(f"{k + '_' + g:<30} {shown:>7} {statistics.median(m[k]):>10,.1f} {statistics.median(l[k]):>11,.1f} "
                  f"{r:>9.2f} {'ok' if ok else 'MISSED':<6} {' '.join(f'{x:.2f}' for x in per)}")
        mo = statistics.median([a / b for a, b in zip(m["one-shot"], m["pooled"])])
        lo = statistics.median([a / b for a, b in zip(l["one-shot"], l["pooled"])])
        mr = statistics.median([(a / b - 1) * 100 for a, b in zip(m["rotating-50"], m["pooled"])])
        lr = statistics.median([(a / b - 1) * 100 for a, b in zip(l["rotating-50"], l["pooled"])])
        d1, d2 = (mo - lo) / lo * 100, mr - lr
        ok1, ok2 = abs(d1) <= 20, abs(d2) <= 20
        missed += (not ok1) + (not ok2)
        print(f"  {g}: one-shot : pooled {mo:.1f}x on the mock, {lo:.1f}x on Liberty ({d1:+.0f}%, target within 20%: "
              f"{'ok' if ok1 else 'MISSED'}); rotating every 50 costs {mr:+.0f}% over pooled on the mock, {lr:+.0f}% on "
              f"Liberty ({d2:+.0f} points, target within 20: {'ok' if ok2 else 'MISSED'})")
    print("every target met" if missed == 0 else f"{missed} target(s) missed")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
