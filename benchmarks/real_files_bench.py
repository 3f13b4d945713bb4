"""Import speed on real published files (the corpus in ``tests/corpus/files``), against calamine.

The shapes of ``import_bench.py`` are large and regular; the officers' files are small and awkward
(formats cell by cell, marks among figures, many tables a workbook, tidy CSVs). For each corpus
file, largest first, two whole processes are timed from launch, taking turns, best of ``--runs``:
python-calamine reading every row of every sheet (a CSV: Python's ``csv`` module, its bytes as UTF-8
or replaced), and ``memberpack import --accept-unsure`` into a new pack. Most of these files take
calamine a few hundredths of a second, so the ratio is mostly memberpack's start (about 0.2 s): the
seconds and CPU seconds say more than the ratio.

Run: ``python benchmarks/real_files_bench.py [--runs N] [--largest N]`` (all files: ``--largest 0``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_bench import CALAMINE, ROOT, environment, timed  # noqa: E402

CORPUS = ROOT / "tests" / "corpus" / "files"
CSV_READER = """
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8", errors="replace") as handle:
    print(sum(len(row) for row in csv.reader(handle)))
"""


def best_of(runs: int, commands: dict[str, list[str]], folder: Path, env: dict[str, str]) -> dict[str, tuple[float, float]]:
    """Best wall and CPU seconds of each command, the commands taking turns; NaN for one that fails."""
    best = {name: (float("inf"), float("inf")) for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            try:
                seconds, cpu, _, _ = timed(command, folder, env)
            except SystemExit:
                seconds = cpu = float("nan")
            best[name] = (min(best[name][0], seconds), min(best[name][1], cpu))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--largest", type=int, default=12, help="the N largest files (0: every file)")
    args = parser.parse_args()
    files = sorted(CORPUS.iterdir(), key=lambda p: p.stat().st_size, reverse=True)
    files = files[:args.largest] if args.largest else files
    total = {"calamine": 0.0, "memberpack": 0.0, "memberpack CPU": 0.0}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = environment(folder / "pycache")
        print(f"best of {args.runs}, whole processes from launch")
        print(f"{'file':58} {'KB':>6} {'calamine':>9} {'memberpack':>11} {'CPU':>7} {'ratio':>6}")
        for n, path in enumerate(files):
            pack = folder / f"real_{n}.mpack"
            baseline = CSV_READER if path.suffix.lower() == ".csv" else CALAMINE
            best = best_of(args.runs, {
                "calamine": [sys.executable, "-c", baseline, str(path)],
                "memberpack": [sys.executable, "-m", "memberpack", "import", "--accept-unsure", "--again",
                               str(pack), str(path)]}, folder, env)
            (cal, _), (mp, mp_cpu) = best["calamine"], best["memberpack"]
            total["calamine"] += cal if cal == cal else 0.0
            total["memberpack"] += mp
            total["memberpack CPU"] += mp_cpu
            print(f"{path.name[:58]:58} {path.stat().st_size // 1024:6} {cal:8.2f}s {mp:10.2f}s {mp_cpu:6.2f}s "
                  f"{mp / cal:5.1f}x", flush=True)
        print(f"\n{len(files)} files: calamine {total['calamine']:.2f} s, memberpack {total['memberpack']:.2f} s "
              f"({total['memberpack CPU']:.2f} s of CPU)")


if __name__ == "__main__":
    main()
