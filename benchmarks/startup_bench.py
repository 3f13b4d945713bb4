"""Time to the first painted main window on the demo pack, against a bare PySide6 window.

Each start runs in a fresh Python process (so imports count, as they do for a councillor), timed
from just before the process is spawned until the window's first paint event. The baseline is a
QApplication with an empty QMainWindow, measured in the same run on the same machine. memberpack
is byte-compiled first, as an installed copy is (so PYTHONDONTWRITEBYTECODE does not make every
start compile it from source).

    python benchmarks/startup_bench.py [--runs 7]

Goal: the app's median is at most 2x the baseline's.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL = 2.0

CHILD = r"""
import sys, time
t0, mode, pack = float(sys.argv[1]), sys.argv[2], sys.argv[3]
from PySide6.QtCore import QEvent, QObject
if mode == "bare":
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 800)
else:
    from memberpack.gui.app import application
    from memberpack.gui.main_window import MainWindow
    from memberpack.store.pack import Pack
    app = application()
    window = MainWindow(Pack.open(pack))
    window.resize(1280, 800)

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not hasattr(self, "at"):
            self.at = time.time()
            app.quit()
        return False

watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
app.exec()
print(watcher.at - t0)
"""


def start_once(mode: str, pack: Path, env: dict[str, str]) -> float:
    t0 = time.time()
    out = subprocess.run([sys.executable, "-c", CHILD, repr(t0), mode, str(pack)], env=env, check=True,
                         capture_output=True, text=True).stdout
    return float(out.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="starts of each kind (median reported)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = os.environ | {"MEMBERPACK_CONFIG_DIR": tmp, "PYQTGRAPH_QT_LIB": "PySide6"}
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        pack = Path(tmp) / "demo.mpack"
        subprocess.run([sys.executable, "-c", "import sys; from memberpack.cli import main; sys.exit(main(sys.argv[1:]))",
                        "demo", str(pack)], env=env, check=True,
                       capture_output=True)
        compileall.compile_dir(Path(__file__).resolve().parent.parent / "memberpack", quiet=1)
        times: dict[str, list[float]] = {"bare": [], "app": []}
        start_once("app", pack, env)  # warm the disk cache for both
        for _ in range(args.runs):  # interleaved, so drift in machine load hits both alike
            for mode in times:
                times[mode].append(start_once(mode, pack, env))
    bare, app = (statistics.median(times[m]) for m in ("bare", "app"))
    print(f"bare QApplication + empty QMainWindow: median {bare:.3f} s "
          f"(runs: {', '.join(f'{t:.3f}' for t in times['bare'])})")
    print(f"memberpack main window on the demo pack: median {app:.3f} s "
          f"(runs: {', '.join(f'{t:.3f}' for t in times['app'])})")
    print(f"ratio {app / bare:.2f}x (goal at most {GOAL:.0f}x): {'met' if app / bare <= GOAL else 'NOT met'}")
    return 0 if app / bare <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
