"""What reading files in a child process costs: the same workbook read in this process and in the
reader's process (``importers/isolation.py``), taking turns.

Each run is a fresh process; it reports the wall time of ``import_files(None, [file], dry_run=True)``
and the CPU seconds of all processes involved (a busy shared machine moves wall time much more than
CPU time). The isolated run starts the reader ahead (``warm_up``), as the command and the app do,
and its CPU includes that start.

Run: ``python benchmarks/isolation_bench.py [--rows N] [--runs N] [--keep DIR]``.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))   # this checkout's memberpack
from import_shapes import plain  # noqa: E402


def child(mode: str, path: str) -> None:
    from memberpack.importers import engine, import_files
    from memberpack.importers.isolation import warm_up

    engine.READ_IN_CHILD = mode == "isolated"
    if engine.READ_IN_CHILD:
        warm_up(wait=True)
    start = time.perf_counter()
    import_files(None, [path], dry_run=True)
    wall = time.perf_counter() - start
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
    print(json.dumps({"wall": wall, "cpu": cpu}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=4)
    parser.add_argument("--keep", type=Path, help="folder to keep (and reuse) the workbook in")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"plain_{args.rows}.xlsx"
        if not path.exists():
            plain(path, args.rows)
        got: dict[str, list[dict]] = {"in-process": [], "isolated": []}
        for _ in range(args.runs):
            for mode in got:
                out = subprocess.run([sys.executable, __file__, "--child", mode, str(path)], check=True,
                                     capture_output=True, text=True).stdout
                got[mode].append(json.loads(out.strip().splitlines()[-1]))
        for mode, runs in got.items():
            print(f"{mode:10}  wall median {statistics.median(r['wall'] for r in runs):5.2f} s  "
                  f"CPU (all processes) median {statistics.median(r['cpu'] for r in runs):5.2f} s")


if __name__ == "__main__":
    main()
