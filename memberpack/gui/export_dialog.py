"""The Export dialog: what to export (PDF, HTML or JSON; which sections; private notes or not), where
to, a preview of the briefing's first pages, and Print.

The preview is the HTML briefing's cover, contents and headline summary in a text browser
(PySide6-Essentials has no QtPdf to draw PDF pages). Print lays the whole HTML briefing out with
Qt's rich text, its charts drawn from their SVG, for any printer the print dialog offers (a PDF
file too). Both are built on the worker thread (:mod:`memberpack.gui.workers`) with progress
and Cancel; the export itself runs there too, from the main window, as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QImage, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QProgressBar,
                               QPushButton, QRadioButton, QTextBrowser, QVBoxLayout, QWidget)

from memberpack.export.outputs import FORMATS
from memberpack.gui.workers import Job
from memberpack.model.metrics import DOMAIN_TITLES, DOMAINS
from memberpack.store import classification
from memberpack.store.pack import Pack

VERSIONS = (("public", "Public: for publication"), ("full", "Full: with any exempt information"))
_SVG = re.compile(r"<svg\b.*?</svg>", re.S)
CHART_WIDTH = 640   # px a chart is drawn at for printing
SECTIONS_A_ROW = 3


def _chart_images(html: str, document: QTextDocument) -> str:
    """Each inline SVG chart drawn to an image the document holds (Qt's rich text draws no SVG)."""
    def image(match: re.Match) -> str:
        renderer = QSvgRenderer(QByteArray(match.group(0).encode("utf-8")))
        size = renderer.defaultSize()
        height = max(1, round(size.height() * CHART_WIDTH / max(size.width(), 1)))
        picture = QImage(QSize(CHART_WIDTH * 2, height * 2), QImage.Format.Format_ARGB32)
        picture.fill(Qt.GlobalColor.white)
        painter = QPainter(picture)
        renderer.render(painter, QRectF(0, 0, CHART_WIDTH * 2, height * 2))
        painter.end()
        name = f"chart{image.count}"
        image.count += 1
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), picture)
        return f'<img src="{name}" width="{CHART_WIDTH}" height="{height}">'

    image.count = 0
    return _SVG.sub(image, html)


@contextmanager
def _opened(path: Path):
    """The pack at ``path``, opened when the job starts, on the worker thread."""
    with Pack.open(path) as pack:
        yield pack


class ExportDialog(QDialog):
    """``options()`` gives the chosen output and what goes in it; ``printed`` fires with True once
    the briefing has been sent to a printer, False if that failed or was cancelled."""

    printed = Signal(bool)

    def __init__(self, pack_path: Path, *, suffix: str = ".pdf", has_private: bool = True,
                 reader: Callable[[], AbstractContextManager[Pack]] | None = None,
                 meta: Mapping[str, str] | None = None, parent: QWidget | None = None) -> None:
        """``reader``, called on this thread, gives what a job opens the pack with on the worker
        thread (a protected pack's copy in memory); by default the file at ``pack_path``. ``meta``:
        the pack's details (its classification); by default read through ``reader``."""
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.pack_path = Path(pack_path)
        self.reader = reader or (lambda: _opened(self.pack_path))
        self.jobs: dict[str, Job] = {}   # "preview" and "print", each running on the worker thread
        self.formats = QButtonGroup(self)
        format_row = QHBoxLayout()
        for i, (suffix_of, name) in enumerate(FORMATS.items()):
            button = QRadioButton(name.replace("PDF", "&PDF").replace("HTML", "&HTML").replace("JSON", "&JSON"))
            button.setProperty("suffix", suffix_of)
            self.formats.addButton(button, i)
            format_row.addWidget(button)
            button.setChecked(suffix_of == suffix)
        self.version = QComboBox()
        for key, text in VERSIONS:
            self.version.addItem(text, key)
        self.version.setAccessibleName("Version")
        self.version.setToolTip("The public version leaves out exempt information (Schedule 12A); the full "
                                "version is for members only and says so on every page")
        if meta is None:
            with self.reader() as pack:
                meta = pack.meta()
        if classification.pack_classification(meta) == classification.EXEMPT_PACK:
            self._no_public_version(classification.pack_classification_text(meta))
        self.sections: dict[str, QCheckBox] = {}
        sections_box = QGroupBox("Sections")
        grid = QGridLayout(sections_box)   # three a row: one row of six made the dialog wider than a laptop
        for n, domain in enumerate(DOMAINS):
            box = self.sections[domain] = QCheckBox(DOMAIN_TITLES[domain])
            box.setChecked(True)
            grid.addWidget(box, n // SECTIONS_A_ROW, n % SECTIONS_A_ROW)
        self.private = QCheckBox("Include members’ private &notes (the cover then says not to publish)")
        self.private.setEnabled(has_private)
        self.output = QLineEdit(str(self.pack_path.with_suffix(suffix)))
        self.output.setAccessibleName("Output file")
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self.browse)
        where = QHBoxLayout()
        where.addWidget(self.output, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow("Format:", format_row)
        form.addRow("&Version:", self.version)
        form.addRow(sections_box)
        form.addRow(self.private)
        output_label = QLabel("&Output file:")
        output_label.setBuddy(self.output)
        form.addRow(output_label, where)
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.preview.setAccessibleName("Preview of the briefing's first pages")
        self.preview.setMinimumSize(360, 300)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Progress")
        self.stop = QPushButton("Stop")
        self.stop.clicked.connect(self.cancel_jobs)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        busy = QHBoxLayout()
        busy.addWidget(self.status, 1)
        busy.addWidget(self.progress)
        busy.addWidget(self.stop)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button = self.buttons.addButton("&Print…", QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_briefing)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addLayout(form, 1)
        top.addWidget(self.preview, 1)
        layout.addLayout(top)
        layout.addLayout(busy)
        layout.addWidget(self.buttons)
        self._idle()
        self.refresh = QTimer(self, singleShot=True, interval=250)
        self.refresh.timeout.connect(self.update_preview)
        self.formats.idToggled.connect(self._format_changed)
        for box in self.sections.values():
            box.toggled.connect(self._options_changed)
        self.private.toggled.connect(self._options_changed)
        self.version.currentIndexChanged.connect(self._options_changed)
        self._format_changed()
        screen = (parent or self).screen()
        room = screen.availableGeometry().width() - 40 if screen else 1000
        self.resize(max(min(1000, room), self.minimumSizeHint().width()), 560)

    # --- options -------------------------------------------------------------------------
    def _no_public_version(self, shown: str) -> None:
        """A pack exempt as a whole has no public version: that choice greyed out, saying why."""
        why = (f"No public version: the whole pack is {shown}. To publish the rest, mark the pack Public "
               "in File > Pack details and classify its exempt tables there")
        public = self.version.findData("public")
        self.version.model().item(public).setEnabled(False)
        self.version.setItemData(public, why, Qt.ItemDataRole.ToolTipRole)
        self.version.setCurrentIndex(self.version.findData("full"))
        self.version.setToolTip(why)

    @property
    def suffix(self) -> str:
        return self.formats.checkedButton().property("suffix")

    def chosen_sections(self) -> list[str] | None:
        """The domains ticked; None when all are (the whole briefing)."""
        chosen = [d for d, box in self.sections.items() if box.isChecked()]
        return None if len(chosen) == len(DOMAINS) else chosen

    def options(self) -> dict:
        """What :func:`memberpack.export.outputs.export_to` needs, with the output path."""
        return {"out": Path(self.output.text().strip()).with_suffix(self.suffix),
                "include_private": self.private.isChecked(), "version": self.version.currentData(),
                "sections": None if self.suffix == ".json" else self.chosen_sections()}

    def browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Export to", self.output.text(),
                                              f"{FORMATS[self.suffix]} (*{self.suffix})")
        if name:
            self.output.setText(str(Path(name).with_suffix(self.suffix)))

    def _format_changed(self, *_) -> None:
        briefing = self.suffix != ".json"
        for box in self.sections.values():
            box.setEnabled(briefing)
        self.print_button.setEnabled(briefing)
        self.output.setText(str(Path(self.output.text().strip() or self.pack_path.name).with_suffix(self.suffix)))
        self._options_changed()

    def _options_changed(self, *_) -> None:
        nothing = self.suffix != ".json" and self.chosen_sections() == []
        self.export_button.setEnabled(not nothing)
        self.print_button.setEnabled(not nothing and self.suffix != ".json")
        self.refresh.start()

    # --- background work -------------------------------------------------------------------
    def _idle(self, message: str = "") -> None:
        self.progress.hide()
        self.stop.hide()
        self.status.setText(message)

    def cancel_jobs(self) -> None:
        for job in self.jobs.values():
            job.cancel()

    def _run(self, kind: str, make, done, message: str) -> None:
        """Run ``make(pack, progress, cancel)`` on the worker thread, then ``done(result)`` here; a
        new job of the same ``kind`` replaces one still running."""
        if kind in self.jobs:
            self.jobs[kind].cancel()
        reader = self.reader()

        def work(progress, cancel):
            with reader as pack:
                return make(pack, progress, cancel)

        job = self.jobs[kind] = Job(work, self)

        def current() -> bool:
            return self.jobs.get(kind) is job

        job.progressed.connect(lambda n, total, text: (self.progress.setRange(0, max(total, 1)),
                                                        self.progress.setValue(n)))
        job.succeeded.connect(lambda result: current() and done(result))
        job.failed.connect(lambda text: current() and self._failed(kind, text))
        job.cancelled.connect(lambda text: current() and self._failed(kind, text))
        job.finished.connect(lambda: current() and self.jobs.pop(kind))
        self.progress.setRange(0, 0)
        self.progress.show()
        self.stop.show()
        self.status.setText(message)
        job.start()

    def update_preview(self) -> None:
        """The cover, contents and headline summary of the briefing as chosen."""
        if self.suffix == ".json" or self.chosen_sections() == []:
            self.preview.setPlainText("No preview: a JSON export is data, not a briefing."
                                      if self.suffix == ".json" else "Choose at least one section.")
            return
        options = self.options()

        def make(pack, progress, cancel):
            from memberpack.export.briefing import gather  # noqa: PLC0415
            from memberpack.export.html_export import preview_html  # noqa: PLC0415

            return preview_html(gather(pack, include_private=options["include_private"],
                                       sections=options["sections"], version=options["version"], cancel=cancel))

        self._run("preview", make, self._show_preview, "Preparing the preview…")

    def _show_preview(self, html: str) -> None:
        self.preview.setHtml(html)
        self._idle("Preview: the cover, contents and headline summary.")

    def print_briefing(self) -> None:
        """Lay the whole briefing out, then ask for a printer and print it."""
        options = self.options()

        def make(pack, progress, cancel):
            from memberpack.export.briefing import gather  # noqa: PLC0415
            from memberpack.export.html_export import briefing_html  # noqa: PLC0415
            from memberpack.export.read_once import halves  # noqa: PLC0415

            reading, writing = halves(progress)
            briefing = gather(pack, include_private=options["include_private"], sections=options["sections"],
                              version=options["version"], progress=reading, cancel=cancel)
            return briefing_html(briefing, progress=writing, cancel=cancel, for_print=True)

        self._run("print", make, self._print, "Laying out the briefing for printing…")

    def _print(self, html: str) -> None:
        self._idle()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(Path(self.output.text()).stem)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            self.printed.emit(False)
            return
        document = QTextDocument()
        document.setHtml(_chart_images(html, document))
        document.print_(printer)
        self.status.setText("Sent to the printer.")
        self.printed.emit(True)

    def _failed(self, kind: str, message: str) -> None:
        self._idle(message)
        if kind == "print":
            self.printed.emit(False)

    def done(self, result: int) -> None:
        self.cancel_jobs()
        super().done(result)
