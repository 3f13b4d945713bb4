"""Starting the desktop app."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget  # noqa: E402

from memberpack import settings  # noqa: E402
from memberpack.demo import build_demo  # noqa: E402
from memberpack.model.metrics import DOMAIN_TITLES  # noqa: E402
from memberpack.store.pack import Pack  # noqa: E402


def default_pack() -> Path:
    """The last pack opened, or the demo pack (built on first use)."""
    last = settings.load().get("last_pack")
    if last and Path(last).is_file():
        return Path(last)
    demo = settings.config_dir() / "demo.mpack"
    if not demo.exists():
        demo.parent.mkdir(parents=True, exist_ok=True)
        build_demo(demo)
    return demo


class MainWindow(QMainWindow):
    def __init__(self, pack: Pack) -> None:
        super().__init__()
        self.pack = pack
        self.setWindowTitle(f"memberpack – {pack.meta().get('committee') or pack.path.name}")
        tabs = QTabWidget()
        for domain, title in DOMAIN_TITLES.items():
            names = [d.name for d in pack.datasets() if d.domain == domain]
            tabs.addTab(QLabel("\n".join(names) or "No tables yet"), title)
        self.setCentralWidget(tabs)
        self.resize(1100, 750)


def run_app(pack_path: str | None, *, smoke: bool = False) -> int:
    started = time.perf_counter()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    path = Path(pack_path) if pack_path else default_pack()
    window = MainWindow(Pack.open(path))
    window.show()
    if smoke:
        QTimer.singleShot(0, app.quit)
        app.exec()
        print(f"first paint after {time.perf_counter() - started:.3f} s")
        return 0
    return app.exec()
