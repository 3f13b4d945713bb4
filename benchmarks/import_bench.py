"""Import speed and memory against python-calamine's own read of the same sheet.

Builds a 100,000-row by 20-column workbook (setup, not measured), then runs, each in a fresh
subprocess so peak memory (ru_maxrss) is its own:

* calamine: ``CalamineWorkbook`` + ``iter_rows`` over the sheet, every row touched;
* memberpack read: read, detect and parse every table (``import_files(..., dry_run=True)``);
* memberpack import: the same, stored into a new pack in a temporary folder.

Each is run ``--runs`` times (default 3), the three taking turns, and the best time of each is
compared, so that a busy moment on a shared machine does not decide the ratio. The ratio is of
the time spent on the file, once each program's modules are loaded (as in the app, which loads
them once) and memberpack's reader process is started (the app and the command start it ahead of
need, see ``importers/isolation.py``); the "cold" ratio adds loading the modules and starting that
process, as for one ``memberpack import`` command.

Run: ``python benchmarks/import_bench.py [--rows N] [--runs N] [--keep DIR]``. Goal: time ratio
<= 1.5 and memory <= 2x calamine's.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COLUMNS = 20


def build_workbook(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Returns")
    ws.append(["Service line"] + [f"Measure {i} £k" for i in range(1, COLUMNS)])
    rnd = random.Random(2023)
    for r in range(rows):
        ws.append([f"Line {r}"] + [round(rnd.uniform(-1000, 1000), 1) for _ in range(COLUMNS - 1)])
    wb.save(path)


def child(mode: str, path: str) -> None:
    """One measurement, printed as JSON: seconds with and without loading the modules (``cold``
    and ``seconds``), and peak resident memory in MB."""
    import resource

    start = time.perf_counter()
    if mode == "calamine":
        from python_calamine import CalamineWorkbook
    else:
        from memberpack.importers import import_files
        from memberpack.importers.isolation import warm_up
        from memberpack.store.pack import Pack

        warm_up(wait=True)   # the reader's process, loaded ahead of the file as the app and the command do
    loaded = time.perf_counter()
    if mode == "calamine":
        sheet = CalamineWorkbook.from_path(path).get_sheet_by_name("Returns")
        cells = sum(len(row) for row in sheet.iter_rows())
    elif mode == "read":
        (report,) = import_files(None, [path], dry_run=True)
    else:
        with tempfile.TemporaryDirectory() as tmp, Pack.create(Path(tmp) / "bench.mpack") as pack:
            (report,) = import_files(pack, [path])
    if mode != "calamine":
        cells = report.tables[0].cells_read
    done = time.perf_counter()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": done - loaded, "cold": done - start, "peak_mb": peak_mb, "cells": cells}))


def measure(mode: str, path: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", mode, str(path)], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="folder to keep (and reuse) the workbook in")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"bench_{args.rows}x{COLUMNS}.xlsx"
        if not path.exists():
            start = time.perf_counter()
            build_workbook(path, args.rows)
            print(f"built {path.name} ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - start:.1f} s")
        best: dict[str, dict] = {}
        for _ in range(args.runs):
            for mode in ("calamine", "read", "import"):
                got = measure(mode, path)
                if mode not in best:
                    best[mode] = got
                best[mode] = {key: min(best[mode][key], got[key]) if key in ("seconds", "cold") else
                              max(best[mode][key], got[key]) for key in got}
        base = best["calamine"]
        print(f"best of {args.runs}; time reading the file, then (cold) with loading the modules too:")
        print(f"calamine iter_rows:     {base['seconds']:5.2f} s  (cold {base['cold']:5.2f} s)  "
              f"peak {base['peak_mb']:4.0f} MB  ({base['cells']:,} cells)")
        for mode, name in (("read", "memberpack read+parse"), ("import", "memberpack into pack")):
            got = best[mode]
            print(f"{name + ':':23} {got['seconds']:5.2f} s  (cold {got['cold']:5.2f} s)  "
                  f"peak {got['peak_mb']:4.0f} MB  ratio {got['seconds'] / base['seconds']:.2f}x time "
                  f"(cold {got['cold'] / base['cold']:.2f}x), {got['peak_mb'] / base['peak_mb']:.2f}x memory "
                  f"({got['cells']:,} cells)")


if __name__ == "__main__":
    main()
