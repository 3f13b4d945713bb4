"""Starting the desktop app: the QApplication, the first window, smoke runs and screenshots.

Only what the first paint needs is imported here; pyqtgraph, reportlab and the workbook readers
load when a chart, an export or an import first needs them.
"""

from __future__ import annotations

import io
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QEvent, QIODevice, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon, QImage
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from memberpack import __version__, settings
from memberpack.errors import MemberpackError
from memberpack.gui.main_window import MainWindow, recent_packs
from memberpack.gui.panel_widths import notes_width
from memberpack.gui.passphrase_dialog import ask_passphrase
from memberpack.gui.plain_text import plain_tip
from memberpack.store.atomic_write import write_bytes
from memberpack.store.pack import Pack

SCREENSHOT_SIZE = (1280, 800)
# How long a thread may keep Python's lock while another waits for it (5 ms by default). The GUI
# thread waits for it at every call between Qt and Python while a worker reads a table or loads
# modules, so a paint of a few hundred calls could wait that long at each one.
SWITCH_INTERVAL = 0.001


def default_pack() -> Path:
    """The last pack opened, or the demo pack (built in the config folder on first use)."""
    recent = recent_packs()
    return Path(recent[0]) if recent else demo_pack()


def demo_pack() -> Path:
    """The demo pack in the config folder, built on first use."""
    demo = settings.config_dir() / "demo.mpack"
    if not demo.exists():
        from memberpack.demo import build_demo  # noqa: PLC0415 - the workbook readers, once only

        try:
            demo.parent.mkdir(parents=True, exist_ok=True)
            build_demo(demo)
        except (OSError, MemberpackError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise MemberpackError(f"the demo pack could not be created in {demo.parent} ({reason}). "
                                  "Open a pack of your own: memberpack PACK.mpack") from None
    return demo


def application() -> QApplication:
    """The one QApplication, created with memberpack's names and sane high-DPI scaling; workers hand
    Python's lock back to the GUI thread within :data:`SWITCH_INTERVAL`."""
    app = QApplication.instance()
    sys.setswitchinterval(SWITCH_INTERVAL)
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(sys.argv[:1])
        app.setApplicationName("memberpack")
        app.setApplicationDisplayName("memberpack")
        app.setOrganizationName("memberpack")
        app.setApplicationVersion(__version__)
        app.setDesktopFileName("memberpack")  # matches resources/packaging/linux/memberpack.desktop
    return app  # type: ignore[return-value]


def set_icon(app: QApplication) -> None:
    """Give every window memberpack's icon (read from the resources just after the first paint)."""
    from memberpack.assets import resource  # noqa: PLC0415 - importlib.resources, off the start path

    app.setWindowIcon(QIcon(str(resource("icons", "memberpack.png"))))


def process_age() -> float | None:
    """Seconds since this process was started (Linux: from /proc, to a hundredth), or None."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat, open("/proc/uptime", encoding="ascii") as up:
            started = int(stat.read().rsplit(")", 1)[1].split()[19])   # field 22: start time in clock ticks
            return float(up.read().split()[0]) - started / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


class FileOpenHandler(QObject):
    """Opens a pack the platform hands to the running app (macOS sends a FileOpen event when a
    ``.mpack`` is double-clicked in the Finder or opened from a mail attachment).

    It filters every event of the application, so it is installed only where FileOpen events are
    sent: elsewhere it would wrap each event of every widget in Python (slower start, slower paints).
    """

    def __init__(self, app: QApplication, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and event.file().lower().endswith(".mpack"):
            self.window.open_pack(event.file())
            return True
        return False


class FirstPaint(QObject):
    """Calls ``then`` when ``widget`` is first painted (as the paint begins: work that should follow
    the paint queues itself): a smoke run quits there, and the window icon waits for it."""

    def __init__(self, widget: QWidget, then: Callable[[], object]) -> None:
        super().__init__(widget)
        self.painted_at: float | None = None
        self.then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.painted_at is None:
            self.painted_at = time.perf_counter()
            self.process_age = process_age()
            watched.removeEventFilter(self)
            self.then()
        return False


def run_app(pack_path: str | None, *, smoke: bool = False) -> int:
    """Open the main window on ``pack_path`` (or the default pack) and run until it closes.

    With ``smoke``, exit as soon as the window is painted and print how long that took from the
    process's start (Python's own start and every import count), where the system says when that was.
    """
    started = time.perf_counter()
    app = application()
    try:
        window = _window(Path(pack_path)) if pack_path else _first_window()
    except MemberpackError as exc:
        # the only window the app could show is missing: say why in a dialog as well as on stderr
        print(f"memberpack: {exc}", file=sys.stderr)
        if not smoke:
            QMessageBox.critical(None, "memberpack cannot start", plain_tip(str(exc)))
        return 1
    if sys.platform == "darwin":
        FileOpenHandler(app, window)
    # a smoke run quits before the work queued behind the first paint (the headlines, the tabs' modules) starts
    watcher = FirstPaint(window, app.quit if smoke else lambda: QTimer.singleShot(0, app, lambda: set_icon(app)))
    window.show()
    code = app.exec()
    from memberpack.gui.workers import stop_all  # noqa: PLC0415 - threads are started on demand

    stop_all()
    if smoke:
        age = getattr(watcher, "process_age", None)
        if age is not None:
            print(f"first paint after {age:.2f} s from the process's start")
        else:
            print(f"first paint after {(watcher.painted_at or time.perf_counter()) - started:.3f} s "
                  "from the app's start")
        window.pack.close()
        return 0
    return code


def _first_window() -> MainWindow:
    """The window on the last pack opened that still opens (a damaged or newer pack is passed
    over, saying so), or on the demo pack."""
    for path in recent_packs():
        try:
            return _window(Path(path))
        except MemberpackError as exc:
            print(f"memberpack: {exc}; opening the pack before it instead", file=sys.stderr)
    return _window(demo_pack())


def _window(path: Path) -> MainWindow:
    pack = Pack.open(path, passphrase=lambda: ask_passphrase(None, path))
    try:
        return MainWindow(pack)
    except BaseException:
        pack.close()
        raise


def save_screenshots(pack_path: str | Path, outdir: str | Path, *, size: tuple[int, int] = SCREENSHOT_SIZE,
                     dark: bool = False, prefix: str = "", version: str = "public", include_private: bool = False,
                     passphrase: Callable[[], str] | None = None) -> list[Path]:
    """A PNG of every tab of the window on ``pack_path``, named ``{prefix}NN_tab.png``, in ``outdir``;
    ``dark`` draws it in a dark desktop palette (Fusion style). The window shows the pack as the
    output ``version`` carries it (public by default), and private notes only with
    ``include_private``, so the notes panel holds nothing the version leaves out."""
    from memberpack.analysis.output_version import output_pack  # noqa: PLC0415 - the charts' analysis, off the start path

    with Pack.open(pack_path, passphrase=passphrase) as pack, \
            output_pack(pack, version, include_private=include_private) as (view, _):
        return _screenshots(view, Path(outdir), size, dark, prefix)


def _small_png(image: QImage) -> bytes:
    """``image`` as a PNG of 256 colours chosen for it (Pillow's octree, no dither): about a quarter
    of the full-colour size with no visible loss. Qt's own 256-colour conversion picks a fixed
    palette, which drew stripes over the dark palette's buttons and lost its text boxes' colour."""
    from PIL import Image  # noqa: PLC0415 - screenshots only

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG", 0)
    full = Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGB")
    out = io.BytesIO()
    full.quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(out, "PNG", optimize=True)
    return out.getvalue()


def _screenshots(pack: Pack, out: Path, size: tuple[int, int], dark: bool, prefix: str) -> list[Path]:
    app = application()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise MemberpackError(f"{out}: cannot make the folder for the screenshots ({exc.strerror or exc})") from None
    if dark:
        from memberpack.gui.palette import dark_palette  # noqa: PLC0415

        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    window = MainWindow(pack)
    window.resize(*size)
    window.show()
    window.resizeDocks([window.notes_dock], [notes_width(size[0])], Qt.Orientation.Horizontal)  # not the user's width
    give_up = time.perf_counter() + 120
    while not (window.tabs.read_in_background and window.notes.read) and time.perf_counter() < give_up:
        app.processEvents()   # the headlines, comparisons and notes are read just after the first paint
        time.sleep(0.01)
    from memberpack.gui.large_table_view import LargeDatasetView  # noqa: PLC0415 - screenshots only

    written = []
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        app.processEvents()
        while any(view.reading for view in window.findChildren(LargeDatasetView)) and time.perf_counter() < give_up:
            app.processEvents()   # a long table shown is read on a worker: pictured once it is in view
            time.sleep(0.01)
        name = re.sub(r"[^a-z0-9]+", "_", window.tabs.tabText(tab).replace("&", "").lower()).strip("_")
        path = out / f"{prefix}{tab + 1:02d}_{name}.png"
        try:
            write_bytes(path, _small_png(window.grab().toImage()))
        except OSError as exc:
            raise MemberpackError(f"{path}: cannot write the screenshot ({exc.strerror or exc})") from None
        written.append(path)
    window.close()
    return written
