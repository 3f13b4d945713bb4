"""Import speed and memory on every shape of workbook, against python-calamine reading the same file.

For each shape (``benchmarks/import_shapes.py``: a plain ledger, labels naming the metric catalogue,
text columns, percentages, sections with sub totals, two header rows with key columns, dated rows,
twenty sheets, the catalogue labels written as .csv, .xls and .ods; and as officers send them, saved
with shared strings as Excel saves: a 46-column monthly budget monitor, a KPI scorecard with RAG,
arrows and commentary, thousands of small tables on one sheet, blocks two abreast on a sparse sheet,
formulas with cached values, a 300,000-row spending list, figures stored as text, and a number format
chosen cell by cell, also with marks (n/a, DNA, ``..``, blanks) among its figures, as .xlsx and .csv; each at a size where its baseline takes at least half a second), two whole
processes are timed from launch to exit, taking turns:

* calamine: a process that loads python-calamine and reads every row of every sheet (for a CSV,
  which calamine does not read, Python's csv module reading every row);
* memberpack: the ``memberpack import`` command importing the file into a new pack.

Each is run ``--runs`` times (default 3) and the best time of each is compared, so that a busy
moment on a shared machine does not decide the ratio; peak memory is the child's own (wait4). CPU
seconds (user + system, of the process and the reader process it starts) are shown too: a busy
machine moves them far less than wall time.
Files are built once (setup, not timed) and kept with ``--keep DIR``.

Run: ``python benchmarks/import_bench.py [--runs N] [--keep DIR] [--only WORDS] [--scale F]``.
Goal: time ratio <= 1.5 and memory <= 2x calamine's, on every shape.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
ROOT = Path(__file__).resolve().parent.parent   # this checkout's memberpack is timed, whatever is installed
from import_shapes import SHAPES  # noqa: E402

CALAMINE = """
import sys
from python_calamine import CalamineWorkbook
book = CalamineWorkbook.from_path(sys.argv[1])
cells = 0
for name in book.sheet_names:
    for row in book.get_sheet_by_name(name).iter_rows():
        cells += len(row)
print(cells)
"""
# calamine reads no CSV: the baseline for a CSV is Python's csv module reading every row
CSV_READER = """
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as handle:
    print(sum(len(row) for row in csv.reader(handle)))
"""


def environment(pycache: Path) -> dict[str, str]:
    """This checkout's memberpack, its modules compiled once into ``pycache`` as an installed copy's
    are (pip compiles a wheel's modules when it installs it): with ``PYTHONDONTWRITEBYTECODE`` set,
    as in some shells, every run would compile memberpack's source again in both processes,
    about 0.15 s of CPU each that no installed memberpack spends."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "memberpack")], env=env, check=True)
    return env


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, float, str]:
    """Seconds from launch to exit, CPU seconds (with its children's) and peak memory (MB) of one
    process; fails loudly if it fails."""
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:   # (a pipe left unread
        start = time.perf_counter()                                                # fills, and the command waits)
        process = subprocess.Popen(command, cwd=cwd, stdout=stdout, stderr=stderr, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        stdout.seek(0)
        stderr.seek(0)
        out, err = stdout.read().decode(errors="replace"), stderr.read().decode(errors="replace")
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command[-2:])} failed ({process.returncode}): {err.strip()[-300:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out


def build(folder: Path, scale: float, only: str | None) -> dict[str, Path]:
    """The benchmark files, built in a child process: Linux carries a process's peak memory over to
    the programs it starts, so the builder's memory must not be this process's."""
    subprocess.run([sys.executable, __file__, "--build", str(folder), "--scale", str(scale)], check=True)
    return {n: folder / f for n, (f, _, _) in SHAPES.items() if not only or only.lower() in n.lower()}


def build_files(folder: Path, scale: float) -> None:
    for name, (file_name, builder, rows) in SHAPES.items():
        path = folder / file_name
        if not path.exists():
            start = time.perf_counter()
            builder(path, int(rows * scale))
            print(f"built {file_name} ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - start:.0f} s",
                  flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="folder to keep (and reuse) the workbooks in")
    parser.add_argument("--only", help="only shapes whose name contains these words")
    parser.add_argument("--scale", type=float, default=1.0, help="rows as a fraction of the standard sizes")
    parser.add_argument("--build", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        build_files(args.build, args.scale)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        files = build(folder, args.scale, args.only)
        env = environment(Path(tmp) / "pycache")
        print(f"\nbest of {args.runs}, whole processes from launch; memory is peak resident")
        print(f"{'shape':26} {'baseline':>9} {'memberpack':>11} {'ratio':>6} {'cal. MB':>8} {'mp MB':>6} {'mem':>5}"
              f" {'cal. cpu':>9} {'mp cpu':>7} {'cpu':>6}")
        worst = 0.0
        for name, path in files.items():
            best = {"calamine": (1e9, 0.0, 1e9), "memberpack": (1e9, 0.0, 1e9)}
            for run in range(args.runs):
                pack = Path(tmp) / f"bench_{run}.mpack"
                pack.unlink(missing_ok=True)
                for mode, command in (
                        ("calamine", [sys.executable, "-c", CSV_READER if path.suffix == ".csv" else CALAMINE,
                                      str(path)]),
                        # (a shape read as unsure, the KPI scorecard, is stored rather than refused: timed to the end)
                        ("memberpack", [sys.executable, "-m", "memberpack", "import", str(pack), str(path),
                                        "--accept-unsure"])):
                    seconds, cpu, mb, _ = timed(command, folder, env)
                    best[mode] = (min(best[mode][0], seconds), max(best[mode][1], mb), min(best[mode][2], cpu))
            (cal_s, cal_mb, cal_cpu), (mp_s, mp_mb, mp_cpu) = best["calamine"], best["memberpack"]
            worst = max(worst, mp_s / cal_s)
            print(f"{name:26} {cal_s:8.2f}s {mp_s:10.2f}s {mp_s / cal_s:5.2f}x {cal_mb:7.0f} {mp_mb:6.0f} "
                  f"{mp_mb / cal_mb:4.2f}x {cal_cpu:8.2f}s {mp_cpu:6.2f}s {mp_cpu / cal_cpu:5.2f}x", flush=True)
        print(f"\nworst time ratio {worst:.2f}x (goal <= 1.5x)")


if __name__ == "__main__":
    main()
