"""The import wizard: choose files, check how each table was read, then import in the background.

Reading for the preview touches no pack; the import stores what the preview read (a file is
read once, or again only when the officer corrects a table). It runs on the worker thread with its
own connection to the pack file (a protected pack, held in memory, is imported into as it is), in
one transaction: a bad file or a Cancel leaves the pack as it was. Errors show inside the wizard as one line, never as a blocking dialog.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QPlainTextEdit, QProgressBar, QPushButton, QVBoxLayout, QWidget, QWizard, QWizardPage)

from memberpack import settings
from memberpack.errors import MemberpackError
from memberpack.gui import workers
from memberpack.gui.classification_menu import choices
from memberpack.gui.import_preview import ERROR_STYLE, PreviewPage
from memberpack.gui.wizard_words import in_wizard_words, kind_title
from memberpack.importers import read_file
from memberpack.importers.isolation import forget_early, warm_up
from memberpack.importers.engine import FileResult, already_imported, import_read
from memberpack.importers.table_layout import Corrections, TableLayout
from memberpack.model.display import counted
from memberpack.store import classification
from memberpack.store.pack import Pack

_READER = "memberpack.importers.reader"
FILE_FILTER = "Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv);;All files (*)"
READ_IN_BACKGROUND = 1_000_000   # bytes of files above which the preview is read on the worker, with Cancel


def read_for_preview(paths: Sequence[Path], pack_path: Path | Pack, remembered: dict[str, dict],
                     overrides: dict[Path, list[TableLayout]], corrections: dict[Path, Corrections], progress,
                     cancel) -> tuple[list[FileResult], dict]:
    """Read every file for the preview, with the pack's ``remembered`` layouts and the officer's
    corrections so far (and find those already in the pack); a job's function."""
    results = []
    for n, path in enumerate(paths):
        progress(n, len(paths), f"Reading {path.name}…")
        results.append(read_file(path, cancel=cancel, remembered=remembered, overrides=overrides.get(path, []),
                                 corrections=corrections[path],
                                 progress=lambda _d, _t, message, n=n: progress(n, len(paths), message)))
    return results, already_in_pack(pack_path, results)


def import_previewed(pack_path: Path | Pack, results: Sequence[FileResult], progress, cancel,
                     accept_unsure: bool = False, exempt: tuple[int, str] | None = None) -> list:
    """Store the files as the preview read them (with the officer's corrections: nothing is read
    again) into the pack at ``pack_path`` (or a pack held in memory, a protected one) in one
    transaction; unsure tables only when the officer confirmed them; ``exempt`` (Schedule 12A
    paragraph, reason) classifies every table stored, in the same transaction. Runs on the worker
    thread. A file already in the pack is imported again: the report page warned about it and the
    officer chose to go on."""
    with _opened(pack_path) as pack, pack.transaction():
        before = classification.last_dataset_id(pack)
        reports = import_read(pack, results, progress=progress, cancel=cancel, again=True, accept_unsure=accept_unsure)
        if exempt is not None:
            classification.classify_tables_after(pack, before, exempt[0], reason=exempt[1],
                                                 by=str(settings.load().get("author", "")))
        return reports


def remembered_layouts(pack_path: Path | Pack) -> dict[str, dict]:
    """The layouts the pack remembers from last time, which a file of the same shape is read with."""
    if not isinstance(pack_path, Pack) and not pack_path.is_file():
        return {}
    with _opened(pack_path) as pack:
        return pack.remembered_layouts()


def _opened(source: Path | Pack):
    """A pack held in memory is used as it is (it has no file to open by name, and stays open)."""
    return nullcontext(source) if isinstance(source, Pack) else Pack.open(source)


def already_in_pack(pack_path: Path | Pack, results: Sequence[FileResult]) -> dict[Path, str]:
    """The files read that are already in the pack (the same SHA-256), with when each was imported."""
    if not isinstance(pack_path, Pack) and not pack_path.is_file():
        return {}
    with _opened(pack_path) as pack:
        found = {r.path: already_imported(pack, r.sha256) for r in results}
    return {path: when for path, when in found.items() if when}


class FilesPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Choose the workbooks to import")
        self.setSubTitle("Excel (.xlsx, .xlsm, .xls), OpenDocument (.ods) or CSV files. Nothing is written "
                         "to the pack until the last step.")
        self.list = QListWidget()
        self.list.setAccessibleName("Files to import")
        add = QPushButton("&Add files…")
        add.clicked.connect(self.choose_files)
        remove = QPushButton("&Remove")
        remove.clicked.connect(lambda: self.list.takeItem(self.list.currentRow()))
        # Next is enabled by a mandatory field rather than an isComplete() override, which leaks a
        # reference to True on every call under PySide6 6.12 (Python 3.11 then aborts at exit).
        self._count = QLineEdit()
        self._count.hide()
        self.registerField("files*", self._count)
        self.list.model().rowsInserted.connect(self._count_files)
        self.list.model().rowsRemoved.connect(self._count_files)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # file and sheet names are data
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setAccessibleName("Problem with a file")
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self.reading = QProgressBar()
        self.reading.setAccessibleName("Reading the files")
        self.stop = QPushButton("&Cancel reading")
        self.stop.clicked.connect(lambda: self.job is not None and self.job.cancel())
        row = QHBoxLayout()
        row.addWidget(self.reading, 1)
        row.addWidget(self.stop)
        layout.addLayout(row)
        self.reading.hide()
        self.stop.hide()
        self.job: workers.Job | None = None
        self._read = False

    def add_files(self, files: Sequence[Path]) -> None:
        present = set(self.files())
        for path in files:
            if Path(path) not in present:
                self.list.addItem(str(path))
        if self.files():
            # The reader kept ready starts on the first file while the officer looks on: the preview
            # takes up its parse (a file removed or read later is simply not taken up).
            warm_up(keep=True, early=[(_READER, "prefetch", (str(p), None)) for p in self.files()])

    def _count_files(self) -> None:
        self._count.setText(str(self.list.count()) if self.list.count() else "")

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Import workbooks", "", FILE_FILTER)
        self.add_files([Path(n) for n in names])

    def files(self) -> list[Path]:
        return [Path(self.list.item(i).text()) for i in range(self.list.count())]

    def validatePage(self) -> bool:
        """Read every file now, so a bad one is named here and nothing goes further. Large files are
        read on the worker, with progress and Cancel, and the wizard moves on when they are read."""
        wizard: ImportWizard = self.wizard()  # type: ignore[assignment]
        if self._read:   # read in the background: go on
            self._read = False
            return True
        if self.job is not None:
            return False
        if sum(p.stat().st_size for p in self.files() if p.is_file()) > READ_IN_BACKGROUND:
            self._read_in_background(wizard)
            return False
        wizard.results = []
        try:
            for path in self.files():
                wizard.results.append(read_file(path, remembered=wizard.remembered,
                                                overrides=wizard.overrides.get(path, []),
                                                corrections=wizard.corrections(path)))
            wizard.repeats = already_in_pack(wizard.pack_path, wizard.results)
        except MemberpackError as exc:
            self.error.setText(in_wizard_words(str(exc)))
            return False
        self.error.clear()
        return True

    def _read_in_background(self, wizard: ImportWizard) -> None:
        paths, pack_path, remembered, overrides = self.files(), wizard.pack_path, wizard.remembered, dict(wizard.overrides)
        corrections = {path: wizard.corrections(path) for path in paths}
        self.error.clear()
        self.job = workers.Job(lambda progress, cancel: read_for_preview(paths, pack_path, remembered, overrides,
                                                                         corrections, progress, cancel), self)
        self.job.progressed.connect(self._progressed)
        self.job.succeeded.connect(lambda found: self._done(wizard, found))
        self.job.failed.connect(self._stopped)
        self.job.cancelled.connect(lambda _message: self._stopped("Reading cancelled; choose the files again "
                                                                    "or press Next to read them."))
        self.reading.setRange(0, 0)
        self.reading.show()
        self.stop.show()
        self.job.start()

    def _progressed(self, done: int, total: int, message: str) -> None:
        self.reading.setRange(0, max(total, 1))
        self.reading.setValue(done)
        self.reading.setFormat(message)

    def _done(self, wizard: ImportWizard, found) -> None:
        self._finished()
        wizard.results, wizard.repeats = found
        self._read = True
        wizard.next()

    def _stopped(self, message: str) -> None:
        self._finished()
        self.error.setText(in_wizard_words(message))

    def _finished(self) -> None:
        self.job = None
        self.reading.hide()
        self.stop.hide()


class ReportPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Import report")
        self.setSubTitle("What was read, what was assumed and what was skipped. Press Import to add it to the pack.")
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setAccessibleName("Import report")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Import progress")
        self.progress.hide()
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # file and sheet names are data
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Import status")
        self.repeats = QLabel()
        self.repeats.setWordWrap(True)
        self.repeats.setStyleSheet(ERROR_STYLE)
        self.repeats.setAccessibleName("Files already in the pack")
        # Exempt information (Schedule 12A): the tables are classified as they are imported, so a
        # public export never carries them, not even for a moment before someone classifies them.
        self.classification = QComboBox()
        for paragraph, text in choices():
            self.classification.addItem(text, paragraph)
        self.classification.setAccessibleName("Classification of the tables imported")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Why they are exempt (optional)")
        self.reason.setAccessibleName("Why the tables are exempt")
        self.reason.setEnabled(False)
        self.classification.currentIndexChanged.connect(
            lambda _i: self.reason.setEnabled(self.classification.currentData() is not None))
        classified = QFormLayout()
        classified.addRow("&Classification:", self.classification)
        classified.addRow("&Why exempt:", self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(self.repeats)
        layout.addWidget(self.report, 1)
        layout.addLayout(classified)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)

    def exemption(self) -> tuple[int, str] | None:
        """(Schedule 12A paragraph, reason) when the officer marked the tables exempt, else None."""
        paragraph = self.classification.currentData()
        return None if paragraph is None else (paragraph, self.reason.text().strip())

    def initializePage(self) -> None:
        wizard: ImportWizard = self.wizard()  # type: ignore[assignment]
        lines = []
        for result in wizard.results:
            lines += map(in_wizard_words, result.report.lines(kind_name=kind_title))
            if wizard.overrides.get(result.path):
                corrected = len(wizard.overrides[result.path])
                lines.append(f"  {counted(corrected, 'table')} read as you corrected {'it' if corrected == 1 else 'them'}")
        self.report.setPlainText("\n".join(lines))
        self.repeats.setText("\n".join(
            f"{path.name} is already in the pack (imported on {when}). Importing it again adds a copy of the "
            "same figures; go Back to leave it out." for path, when in wizard.repeats.items()))
        self.repeats.setVisible(bool(wizard.repeats))
        self.status.clear()


class ImportWizard(QWizard):
    """``imported(reports)`` fires once the pack holds the new tables."""

    imported = Signal(list)

    def __init__(self, pack_path: Path | Pack, files: Sequence[Path] = (), parent: QWidget | None = None) -> None:
        """``pack_path``: the pack's file, or a pack held in memory (protected), imported into as it is."""
        super().__init__(parent)
        self.setWindowTitle("Import workbooks")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.pack_path = pack_path if isinstance(pack_path, Pack) else Path(pack_path)
        self.results: list[FileResult] = []
        self.overrides: dict[Path, list[TableLayout]] = {}
        # the officer's word on tables' percentages in doubt: (sheet, first row, fractions or not) each, by file
        self.fractions: dict[Path, tuple[tuple[str, int, bool], ...]] = {}
        self.repeats: dict[Path, str] = {}   # files already in the pack, with when they were imported
        self.remembered = remembered_layouts(self.pack_path)   # files are read as the import would read them
        self.job: workers.Job | None = None
        warm_up(keep=True)   # files are read in a reader process: one loads while the officer picks files
        self.files_page, self.preview_page, self.report_page = FilesPage(), PreviewPage(), ReportPage()
        for page in (self.files_page, self.preview_page, self.report_page):
            self.addPage(page)
        self.files_page.add_files(files)   # once its page is in the wizard: Next counts files added after that
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Import")
        self.resize(900, 640)

    def corrections(self, path: Path) -> Corrections:
        """What the officer said of the file's tables beyond their layouts: whether percentages are fractions."""
        return Corrections(fractions_in=self.fractions.get(path, ()))

    def accept(self) -> None:
        """Finish starts the import; the wizard closes when the pack holds it."""
        if self.job is not None:
            return
        results = list(self.results)
        page = self.report_page
        page.progress.setRange(0, len(results))
        page.progress.setValue(0)
        page.progress.show()
        page.status.setStyleSheet("")
        page.status.setText("Importing…")
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.button(QWizard.WizardButton.BackButton).setEnabled(False)
        confirmed = self.preview_page.confirm.isChecked()
        exempt = page.exemption()
        self.job = workers.Job(lambda progress, cancel: import_previewed(self.pack_path, results, progress, cancel,
                                                                         confirmed, exempt), self)
        self.job.progressed.connect(self._progressed)
        self.job.succeeded.connect(self._succeeded)
        self.job.failed.connect(self._stopped)
        self.job.cancelled.connect(self._stopped)
        self.job.start()

    def reject(self) -> None:
        """Cancel stops a running import (nothing is written) before the wizard may close."""
        if self.files_page.job is not None:   # reading for the preview: stop it, nothing to keep
            self.files_page.job.cancel()
        if self.job is not None:
            self.report_page.status.setText("Cancelling…")
            self.job.cancel()
            return
        forget_early()   # the files picked are not to be read
        super().reject()

    def _progressed(self, done: int, total: int, message: str) -> None:
        self.report_page.progress.setRange(0, max(total, 1))
        self.report_page.progress.setValue(done)
        self.report_page.status.setText(message)

    def _succeeded(self, reports: list) -> None:
        self.job = None
        self.imported.emit(reports)
        super().accept()

    def _stopped(self, message: str) -> None:
        """A failed or cancelled import: say so in one line; the pack is unchanged."""
        self.job = None
        page = self.report_page
        page.progress.hide()
        page.status.setStyleSheet(ERROR_STYLE)
        page.status.setText(message if "nothing" in message.lower() else f"{message} The pack was not changed.")
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        self.button(QWizard.WizardButton.BackButton).setEnabled(True)
