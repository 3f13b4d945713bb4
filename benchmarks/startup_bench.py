"""Whole-process start-up: the ``memberpack`` command to its first painted window on the demo pack,
against a bare PySide6 window, each process timed from launch to exit.

Each start is a fresh process launched as a councillor launches the app: the ``memberpack``
command itself (``memberpack gui PACK --smoke``: open, wait for the first paint, exit), so Python's
start, every import, the pack and the window all count; the baseline is a Python process that
shows an empty QMainWindow and exits at its first paint, timed the same way. memberpack is
byte-compiled first, as an installed copy is. The command's own ``--smoke`` line (time from its
process start to first paint) is printed too.

    python benchmarks/startup_bench.py [--runs 7]

Goal: the command's median is at most 2x the bare window's.
"""

from __future__ import annotations

import argparse
import compileall
import os
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
import sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            app.quit()
        return False

watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
app.exec()
"""


def command() -> list[str]:
    """The installed ``memberpack`` command beside this Python, or the same entry point run by it."""
    script = shutil.which("memberpack", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-c", "from memberpack.cli.main import run; run()"]


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Seconds from launch to exit, and what the process printed."""
    t0 = time.perf_counter()
    done = subprocess.run(argv, env=env, check=True, capture_output=True, text=True)
    return time.perf_counter() - t0, done.stdout.strip()


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
        said = []
        timed(starts["app"], env)  # warm the disk cache
        for _ in range(args.runs):  # interleaved, so drift in machine load hits both alike
            for mode, argv in starts.items():
                seconds, out = timed(argv, env)
                times[mode].append(seconds)
                if mode == "app":
                    said.append(out.splitlines()[-1])
    bare, app = (statistics.median(times[m]) for m in ("bare", "app"))
    print(f"bare PySide6 window, whole process: median {bare:.3f} s "
          f"(runs: {', '.join(f'{t:.3f}' for t in times['bare'])})")
    print(f"`memberpack gui demo.mpack --smoke`, whole process: median {app:.3f} s "
          f"(runs: {', '.join(f'{t:.3f}' for t in times['app'])})")
    print(f"the command's own report, last run: {said[-1]}")
    print(f"ratio {app / bare:.2f}x (goal at most {GOAL:.0f}x): {'met' if app / bare <= GOAL else 'NOT met'}")
    return 0 if app / bare <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
