"""Whole-process start-up: the ``memberpack`` command to its first painted window on the demo pack,
against a bare PySide6 window.

Each start is a fresh process launched as a councillor launches the app: the ``memberpack``
command itself (``memberpack gui PACK --smoke``: open, wait for the first paint, exit), so Python's
start, every import, the pack and the window all count; the baseline is a Python process that
shows an empty QMainWindow and exits at its first paint. Both are timed from the process's start,
as the system records it, to the first paint event (``--smoke`` prints that figure; the baseline
works it out the same way), and also from launch to exit as the parent sees it. memberpack is
byte-compiled first, as an installed copy is.

    python benchmarks/startup_bench.py [--runs 7]

Goal: the command's median is at most 2x the bare window's.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL = 2.0
ROOT = Path(__file__).resolve().parent.parent

BARE = r"""
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not hasattr(self, "age"):
            with open("/proc/self/stat") as stat, open("/proc/uptime") as up:
                started = int(stat.read().rsplit(")", 1)[1].split()[19])
                self.age = float(up.read().split()[0]) - started / os.sysconf("SC_CLK_TCK")
            app.quit()
        return False

watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
app.exec()
print(f"first paint after {watcher.age:.2f} s from the process's start")
"""


def command() -> list[str]:
    """The installed ``memberpack`` command beside this Python, or the same entry point run by it."""
    script = shutil.which("memberpack", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-c", "from memberpack.cli.main import run; run()"]


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from the process's start to its first paint (as it reports), and from launch to exit."""
    t0 = time.perf_counter()
    done = subprocess.run(argv, env=env, check=True, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    found = re.search(r"first paint after (\d+\.\d+) s from the process's start", done.stdout)
    if found is None:
        raise SystemExit(f"no first-paint time from the process's start in {done.stdout!r} (Linux only)")
    return float(found[1]), wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="starts of each kind (median reported)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = os.environ | {"MEMBERPACK_CONFIG_DIR": tmp, "PYQTGRAPH_QT_LIB": "PySide6",
                            "PYTHONPATH": str(ROOT)}   # this checkout's memberpack, whatever is installed
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        pack = Path(tmp) / "demo.mpack"
        subprocess.run(command() + ["demo", str(pack)], env=env, check=True, capture_output=True)
        compileall.compile_dir(ROOT / "memberpack", quiet=1)
        starts = {"bare": [sys.executable, "-c", BARE], "app": command() + ["gui", str(pack), "--smoke"]}
        times: dict[str, list[float]] = {"bare": [], "app": []}
        walls: dict[str, list[float]] = {"bare": [], "app": []}
        timed(starts["app"], env)  # warm the disk cache
        for _ in range(args.runs):  # interleaved, so drift in machine load hits both alike
            for mode, argv in starts.items():
                paint, wall = timed(argv, env)
                times[mode].append(paint)
                walls[mode].append(wall)
    bare, app = (statistics.median(times[m]) for m in ("bare", "app"))
    bare_wall, app_wall = (statistics.median(walls[m]) for m in ("bare", "app"))
    print(f"bare PySide6 window, process start to first paint: median {bare:.2f} s "
          f"(runs: {', '.join(f'{t:.2f}' for t in times['bare'])}); launch to exit {bare_wall:.2f} s")
    print(f"`memberpack gui demo.mpack --smoke`, process start to first paint: median {app:.2f} s "
          f"(runs: {', '.join(f'{t:.2f}' for t in times['app'])}); launch to exit {app_wall:.2f} s")
    print(f"ratio {app / bare:.2f}x (goal at most {GOAL:.0f}x): {'met' if app / bare <= GOAL else 'NOT met'}; "
          f"launch to exit {app_wall / bare_wall:.2f}x")
    return 0 if app / bare <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
