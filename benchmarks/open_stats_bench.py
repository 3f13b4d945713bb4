"""Importing a 50,000-row open-statistics CSV against the csv module's raw read of the same file.

Run: ``.venv/bin/python benchmarks/open_stats_bench.py [ROWS]``. One run prints, for the same file:
the raw read (``csv.reader`` over every row, the floor any CSV import stands on), memberpack reading
it into observations, and memberpack importing it into a pack (reading plus the SQLite write), each
the best of five taking turns, as a ratio to the raw read; and the Python heap's peak while reading and
importing, for the full file and for half of it (similar peaks mean memory does not grow with the
file). The goal is a read within 1.5x of the raw read in bounded memory.
"""

from __future__ import annotations

import csv
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from memberpack.importers import import_files
from memberpack.importers.engine import iter_tables
from memberpack.store.pack import Pack

INDICATORS = ("enrolments", "sess_possible", "sess_overall_percent", "enrolments_pa_10_exact_percent")
REGIONS = ("North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands",
           "East of England", "London", "South East", "South West")
SYMBOLS = ("c", "x", "z", "low", "k", ":", "u", "NA")


def _areas() -> list[list[str]]:
    areas = [["National", "E92000001", "England", "", "", "", "", ""]]
    areas += [["Regional", "E92000001", "England", f"E1200000{i + 1}", r, "", "", ""] for i, r in enumerate(REGIONS)]
    areas += [["Local authority", "E92000001", "England", f"E1200000{i % 9 + 1}", REGIONS[i % 9],
               f"E{10000000 + i:08d}", f"Authority {i:03d}", str(800 + i)] for i in range(152)]
    return areas


def write_file(path: Path, rows: int) -> Path:
    header = ["time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_code",
              "region_name", "new_la_code", "la_name", "old_la_code", "school_type", "characteristic", *INDICATORS]
    areas = _areas()
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        out = csv.writer(f, quoting=csv.QUOTE_ALL)
        out.writerow(header)
        for n in range(rows):
            area = areas[n % len(areas)]
            year = 2015 + (n // (len(areas) * 31)) % 10
            values = [str(1000 + n % 977), str(190000 + n % 5000), f"{90 + (n % 97) / 10:.1f}",
                      SYMBOLS[n % 8] if n % 13 == 0 else f"{10 + (n % 150) / 10:.1f}"]
            out.writerow([f"{year}{(year + 1) % 100:02d}", "Academic year", *area,
                          ("Total", "State-funded primary", "State-funded secondary", "Special")[n % 4],
                          f"Characteristic {n // len(areas) % 31}", *values])
    return path


def best_times(runs: int, *works) -> list[float]:
    """The best time of each piece of work, the pieces taking turns so that a busy moment on the
    machine does not fall on one of them only."""
    best = [float("inf")] * len(works)
    for _ in range(runs):
        for i, work in enumerate(works):
            start = time.perf_counter()
            work()
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def raw_read(path: Path) -> None:
    with path.open(encoding="utf-8-sig", newline="") as f:
        for _ in csv.reader(f):
            pass


def memberpack_read(path: Path) -> None:
    for table in iter_tables(path):
        for _ in table.parts:
            pass


def memberpack_import(path: Path, folder: Path) -> None:
    pack_path = folder / "bench.mpack"
    pack_path.unlink(missing_ok=True)
    with Pack.create(pack_path) as pack:
        import_files(pack, [path])


def peak_mib(work) -> float:
    tracemalloc.start()
    work()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = write_file(folder / "absence.csv", rows)
        half = write_file(folder / "absence_half.csv", rows // 2)
        raw, read, full = best_times(5, lambda: raw_read(path), lambda: memberpack_read(path),
                                     lambda: memberpack_import(path, folder))
        cells = rows * len(INDICATORS)
        print(f"{rows:,} rows, {cells:,} figures, {path.stat().st_size / 2**20:.1f} MiB")
        print(f"csv module raw read       {raw * 1000:8.0f} ms   1.00x")
        print(f"memberpack read           {read * 1000:8.0f} ms   {read / raw:.2f}x")
        print(f"memberpack import (pack)  {full * 1000:8.0f} ms   {full / raw:.2f}x")
        for name, file in (("full file", path), ("half file", half)):
            print(f"peak Python heap, {name}: read {peak_mib(lambda: memberpack_read(file)):.1f} MiB, "
                  f"import {peak_mib(lambda: memberpack_import(file, folder)):.1f} MiB")


if __name__ == "__main__":
    main()
