"""The main window: the pack's tabs, the notes panel, the menus, and the commands behind them.

Window geometry and recent packs live in QSettings, stored as an INI file in memberpack's config
folder (so ``MEMBERPACK_CONFIG_DIR`` moves them too); notes live in the pack. Every write to the
pack goes through one :class:`~memberpack.gui.pack_writes.PackWriter`; a timer notices writes made
by another window or process (``PRAGMA data_version``) and shows them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices, QDragEnterEvent, QDropEvent, QPalette, QUndoStack
from PySide6.QtWidgets import (QDockWidget, QFileDialog, QLabel, QMainWindow, QMenu, QMessageBox, QProgressBar,
                               QPushButton, QVBoxLayout, QWidget)

from memberpack import __version__, settings
from memberpack.errors import MemberpackError
from memberpack.gui import actions as ids
from memberpack.gui.annotation_panel import AnnotationPanel
from memberpack.gui.classification_menu import classify_table
from memberpack.gui.pack_tabs import PackTabs
from memberpack.gui.pack_writes import READ_WAIT_MS, PackWriter
from memberpack.gui.panel_widths import notes_width, tables_width
from memberpack.gui.passphrase_dialog import ask_passphrase, new_passphrase
from memberpack.gui.plain_text import plain_label, plain_tip
from memberpack.model.annotations import PRIVATE
from memberpack.model.display import counted
from memberpack.store import classification
from memberpack.store.pack import Pack

PACK_FILTER = "Briefing packs (*.mpack)"
NEIGHBOURS_FILTER = "Statistical-neighbour workbooks (*.xlsx *.xlsm *.xls *.ods *.csv)"
RECENT_KEY, GEOMETRY_KEY, STATE_KEY = "recent_packs", "window/geometry", "window/state"
NOTES_WIDTH_KEY, TABLES_WIDTH_KEY = "window/notes_width", "window/tables_width"
MAX_RECENT = 8
POLL_MS = 1000              # how often to look for changes made by another window or process


def window_settings() -> QSettings:
    return QSettings(str(settings.config_dir() / "window.ini"), QSettings.Format.IniFormat)


def recent_packs(store: QSettings | None = None) -> list[str]:
    """Packs opened before, newest first, that still exist."""
    value = (store or window_settings()).value(RECENT_KEY, [])
    paths = [value] if isinstance(value, str) else list(value or [])
    return [p for p in paths if Path(p).is_file()]


class MainWindow(QMainWindow):
    """``export_done(message)`` fires when an export has been written or has failed."""

    export_done = Signal(str)

    def __init__(self, pack: Pack) -> None:
        super().__init__()
        self.pack = pack
        self.undo_stack = QUndoStack(self)
        self.job = None  # the export running on the worker thread, if any
        self.store = window_settings()
        self.wizard = None
        self.setAcceptDrops(True)
        self.setMinimumSize(900, 600)
        self.recent_menu = QMenu("Open &recent", self)
        self.writer = PackWriter(pack, self)
        self.writer.failed.connect(lambda message: self.statusBar().showMessage(message, 10_000))
        self.writer.read_only_found.connect(self._show_read_only)
        self.menu_actions = ids.create_actions(self, {
            ids.NEW_PACK: self.new_pack, ids.OPEN_PACK: self.choose_pack, ids.IMPORT: self.open_import_wizard,
            ids.IMPORT_NEIGHBOURS: self.import_neighbours,
            ids.EXPORT_PDF: lambda: self.export(".pdf"), ids.EXPORT_JSON: lambda: self.export(".json"),
            ids.PACK_DETAILS: self.edit_pack_details, ids.QUIT: self.close, ids.SAVE_PROTECTED: self.save_protected,
            ids.UNDO: lambda: self.notes.undo(), ids.REDO: lambda: self.notes.redo(), ids.FIND: self.focus_filter,
            ids.FIND_IN_PACK: self.find_in_pack,
            ids.NEXT_TAB: lambda: self.step_tab(1), ids.PREVIOUS_TAB: lambda: self.step_tab(-1),
            ids.SHOW_NOTES: self.focus_notes, ids.ABOUT: self.about})
        ids.build_menus(self, self.menu_actions, self.recent_menu)
        self.undo_stack.canUndoChanged.connect(self.menu_actions[ids.UNDO].setEnabled)
        self.undo_stack.canRedoChanged.connect(self.menu_actions[ids.REDO].setEnabled)
        self.undo_stack.undoTextChanged.connect(lambda t: self.menu_actions[ids.UNDO].setText(f"&Undo {t}".strip()))
        self.undo_stack.redoTextChanged.connect(lambda t: self.menu_actions[ids.REDO].setText(f"&Redo {t}".strip()))
        self.menu_actions[ids.UNDO].setEnabled(False)
        self.menu_actions[ids.REDO].setEnabled(False)

        self.notes = AnnotationPanel(pack, self.undo_stack, writer=self.writer, read_later=True)
        self.notes.notes_changed.connect(self._notes_changed)
        self.notes.go_to.connect(lambda target: self.tabs.reveal(target.dataset_key, target.label))
        self.notes_dock = QDockWidget("Notes", self)
        self.notes_dock.setObjectName("notes_dock")
        self.notes_dock.setWidget(self.notes)
        self.notes_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                                    | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.notes_dock)
        self.status = plain_label()
        self.export_bar = QProgressBar()
        self.export_bar.setMaximumWidth(180)
        self.export_bar.setAccessibleName("Export progress")
        self.export_cancel = QPushButton("Cancel export")
        self.export_cancel.clicked.connect(lambda: self.job is not None and self.job.cancel())
        for widget in (self.export_bar, self.export_cancel):
            widget.hide()
            self.statusBar().addPermanentWidget(widget)
        self.statusBar().addPermanentWidget(self.status)
        # The tabs are swapped inside this holder, so replacing them never re-lays out the dock.
        self.banner = QLabel()
        self.banner.setObjectName("read_only_banner")
        self.banner.setWordWrap(True)
        self.banner.setAutoFillBackground(True)
        self.banner.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.banner.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.banner.setMargin(6)
        self.banner.hide()
        holder = QWidget()
        self.holder = QVBoxLayout(holder)
        self.holder.setContentsMargins(0, 0, 0, 0)
        self.holder.setSpacing(0)
        self.holder.addWidget(self.banner)
        self.setCentralWidget(holder)
        self.tabs = None
        self._data_version = 0
        self._shown_datasets: list[int] = []
        self._sized = False
        self._show_pack(pack, refresh_notes=False)
        self._restore_geometry()
        self.poll = QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self.check_for_changes)
        self.poll.start()

    # --- the pack on screen ---------------------------------------------------------------------
    def _show_pack(self, pack: Pack, *, refresh_notes: bool = True, check: bool = False) -> None:
        """Show ``pack``; with ``check``, its headlines are read first (every figure), so a damaged pack
        fails here, before anything changes; otherwise they are read just after the window is painted."""
        tabs = PackTabs(pack, overview_later=not check, tables_width=self.tables_width)
        old, self.pack, self.tabs = self.tabs, pack, tabs
        if old is not None:
            self.holder.replaceWidget(old, tabs)
            old.deleteLater()
        else:
            self.holder.addWidget(tabs, 1)
        if self.writer.pack is not pack:
            self.writer.set_pack(pack)
        meta = pack.meta()
        self.setWindowTitle(f"{meta.get('committee') or pack.path.stem} – memberpack")
        self.tabs.target_changed.connect(self.notes.set_target)
        self.tabs.currentChanged.connect(lambda _tab: QTimer.singleShot(0, self.tabs.focus_content))
        if refresh_notes:  # the panel read them when it was made for the first pack
            self.notes.pack = pack
            self.notes.refresh()
        self._notes_changed()
        protected = " · protected" if pack.protection is not None else ""
        self.status.setText(f"{pack.path.name} · {classification.pack_classification_text(meta)}{protected}")
        self._show_read_only()
        try:
            self._data_version, self._shown_datasets = self._pack_version()
        except sqlite3.Error:  # locked by another process: the next look shows what it wrote
            self._data_version, self._shown_datasets = 0, []
        self._remember(pack.path)
        QTimer.singleShot(0, self.tabs.focus_content)

    def _show_read_only(self) -> None:
        """A read-only pack says so above the tabs, and the notes panel takes no edits."""
        read_only = self.writer.read_only
        why = "it was moved, replaced or deleted since it was opened: open it again" if self.writer.moved \
            else "a read-only file or folder"
        name = self.pack.path.name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")   # (rich text)
        self.banner.setText(f"<b>Read-only:</b> {name} cannot be changed ({why}), so notes can be "
                            "read but not added, edited or deleted.")
        self.banner.setVisible(read_only)
        self.notes.set_read_only(read_only)
        for action in (ids.IMPORT, ids.IMPORT_NEIGHBOURS, ids.PACK_DETAILS):
            if self.menu_actions[action].isEnabled() == read_only:
                self.menu_actions[action].setEnabled(not read_only)

    # --- changes made by another window or process -----------------------------------------------
    def _pack_version(self) -> tuple[int, list[int]]:
        """The pack's ``data_version`` (it moves when another connection commits) and its tables."""
        db = self.pack.db
        db.execute("PRAGMA busy_timeout = 0")  # never wait on the GUI thread: look again next time
        try:
            (version,) = db.execute("PRAGMA data_version").fetchone()
            return version, [i for (i,) in db.execute("SELECT id FROM dataset ORDER BY id")]
        finally:
            db.execute(f"PRAGMA busy_timeout = {READ_WAIT_MS}")

    def check_for_changes(self) -> bool:
        """Show what another window or process has written to the pack since we last looked: new
        tables reload the tabs, anything else the notes and details. True if anything changed."""
        if self.writer.busy:
            return False
        try:
            version, datasets = self._pack_version()
        except sqlite3.Error:  # another process is writing: look again at the next tick
            return False
        if version == self._data_version:
            return False
        if datasets != self._shown_datasets:
            self.reload()
        else:
            self._data_version = version
            self.notes.refresh()
            self._notes_changed()
            meta = self.pack.meta()
            self.setWindowTitle(f"{meta.get('committee') or self.pack.path.stem} – memberpack")
        self.statusBar().showMessage("The pack was changed in another window; showing the changes", 8000)
        return True

    def _notes_changed(self) -> None:
        self.tabs.show_notes([n.target for n in self.notes.notes])

    def open_pack(self, path: str | Path) -> bool:
        """Switch to the pack at ``path``; on failure say why and keep the current one."""
        try:
            pack = Pack.open(path, passphrase=lambda: ask_passphrase(self, Path(path)))
        except MemberpackError as exc:
            QMessageBox.warning(self, "Cannot open the pack", plain_tip(str(exc)))
            return False
        old = self.pack
        self.notes.put_aside()   # the note being written stays with the pack it was written on
        try:
            self._show_pack(pack, check=True)
        except MemberpackError as exc:
            pack.close()
            self.notes.refresh()   # and is back, with the pack kept
            QMessageBox.warning(self, "Cannot open the pack", plain_tip(str(exc)))
            return False
        self.undo_stack.clear()
        if old is not pack:
            old.close()
        return True

    def reload(self) -> None:
        """Show the pack again after an import (keeps the tab in view)."""
        tab = self.tabs.currentIndex()
        self._show_pack(self.pack)
        self.tabs.setCurrentIndex(min(tab, self.tabs.count() - 1))

    # --- recent packs and geometry ------------------------------------------------------------------
    def _remember(self, path: Path) -> None:
        path_text = str(Path(path).resolve())
        recent = [path_text] + [p for p in recent_packs(self.store) if p != path_text]
        self.store.setValue(RECENT_KEY, recent[:MAX_RECENT])
        self.recent_menu.clear()
        for n, other in enumerate(recent[:MAX_RECENT], start=1):
            action = self.recent_menu.addAction(f"&{n} {Path(other).name}")
            action.setToolTip(plain_tip(other))
            action.triggered.connect(lambda _checked=False, p=other: self.open_pack(p))
        self.recent_menu.setEnabled(bool(self.recent_menu.actions()))

    def _restore_geometry(self) -> None:
        """Restore the saved window, checking it first: off every screen, or a notes panel too wide
        or too narrow to leave the tabs room (a layout broken once is not kept for ever), is reset."""
        from PySide6.QtGui import QGuiApplication  # noqa: PLC0415

        geometry = self.store.value(GEOMETRY_KEY, b"")
        if not geometry or not self.restoreGeometry(geometry) or not any(
                screen.availableGeometry().intersects(self.frameGeometry()) for screen in QGuiApplication.screens()):
            self.resize(1280, 800)
        state = self.store.value(STATE_KEY, b"")
        if state:
            self.restoreState(state)

    def showEvent(self, event) -> None:
        """The panels' widths are set once the window has its size: a narrow window's are narrower."""
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            self.resizeDocks([self.notes_dock], [notes_width(self.width(), self.store.value(NOTES_WIDTH_KEY))],
                             Qt.Orientation.Horizontal)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.notes.keep_draft()   # a note not yet added is back when the pack is next opened
        self.notes.release_draft()
        if self.job is not None:
            self.job.cancel()
        self.poll.stop()
        self.store.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.store.setValue(STATE_KEY, self.saveState())
        if self.notes_dock.isVisible() and not self.notes_dock.isFloating():
            self.store.setValue(NOTES_WIDTH_KEY, self.notes_dock.width())
        if self.tabs.tables_width is not None:
            self.store.setValue(TABLES_WIDTH_KEY, self.tabs.tables_width)
        self.store.sync()
        super().closeEvent(event)

    def tables_width(self) -> int:
        """The width of the tables' list in the domain tabs: the one shown now, else the saved one."""
        if self.tabs is not None and self.tabs.tables_width is not None:
            return self.tabs.tables_width
        return tables_width(self.width(), self.store.value(TABLES_WIDTH_KEY))

    # --- commands ----------------------------------------------------------------------------------
    def new_pack(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "New briefing pack", str(Path.home() / "briefing.mpack"),
                                              PACK_FILTER)
        if not name:
            return
        path = Path(name).with_suffix(".mpack")
        try:
            Pack.create(path).close()
        except MemberpackError as exc:
            QMessageBox.warning(self, "Cannot create the pack", plain_tip(str(exc)))
            return
        if self.open_pack(path):
            self.edit_pack_details()

    def choose_pack(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open briefing pack", str(self.pack.path.parent), PACK_FILTER)
        if name:
            self.open_pack(name)

    def open_import_wizard(self, files: list[Path] | None = None):
        from memberpack.gui.import_wizard import ImportWizard  # noqa: PLC0415 - the readers load on first import

        self.wizard = ImportWizard(self.pack if self.pack.in_memory else self.pack.path, files or [], self)
        self.wizard.imported.connect(self._imported)
        self.wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.wizard.open()
        return self.wizard

    def _imported(self, reports: list) -> None:
        tables = sum(len(r.tables) for r in reports)
        self.reload()
        self.statusBar().showMessage(f"Imported {counted(tables, 'table')} from {counted(len(reports), 'file')}", 8000)

    def import_neighbours(self) -> bool:
        """Read our statistical neighbours from a workbook the officer picks, store them as the next
        version of the list and show the comparisons again; a bad file leaves the pack as it was."""
        from memberpack.importers.neighbours import read_neighbours  # noqa: PLC0415 - the readers on demand
        from memberpack.store import comparators  # noqa: PLC0415 - on demand

        title = "Import statistical neighbours"
        ours = comparators.authority(self.pack)
        if ours is None:
            QMessageBox.warning(self, title, "Set our authority first, in File > Pack details.")
            return False
        name, _ = QFileDialog.getOpenFileName(self, title, str(self.pack.path.parent), NEIGHBOURS_FILTER)
        if not name:
            return False
        try:
            listed = comparators.name_from_statistics(self.pack, read_neighbours(name, ours))
        except MemberpackError as exc:
            QMessageBox.warning(self, title, plain_tip(str(exc)))
            return False
        if not self.writer.write(lambda pack: comparators.save_neighbours(pack, listed),
                                 failed=lambda message, _c: QMessageBox.warning(self, title, plain_tip(message))):
            return False
        self.reload()
        self.statusBar().showMessage(f"{len(listed.neighbours)} statistical neighbours of {ours.describe()} "
                                     f"from {listed.source_file}", 8000)
        return True

    def edit_pack_details(self) -> None:
        from memberpack.gui.pack_details_dialog import PackDetailsDialog  # noqa: PLC0415 - on demand

        exempt = classification.exemptions(self.pack, classification.DATASET)
        tables = [(ds.key, ds.name, exempt[ds.key].paragraph if ds.key in exempt else None)
                  for ds in self.pack.datasets()]
        self._save_pack_details(PackDetailsDialog(self.pack.meta(), self, tables))

    def _save_pack_details(self, dialog) -> None:
        """Show ``dialog`` (again, as typed, when its details could not be saved) and save what it holds."""
        if dialog.exec():
            values, changes = dialog.values(), dialog.classifications()

            def write(pack: Pack) -> None:   # the details and the tables' classifications together
                pack.set_meta(**values)
                for key, paragraph in changes.items():
                    classify_table(pack, key, paragraph)

            def saved(_result) -> None:
                given = dialog.authority_given()
                if given:
                    self.set_authority(given)
                self.reload()

            def failed(message: str, _conflict: bool) -> None:   # what was typed is shown again, not lost
                QMessageBox.warning(self, "Pack details not saved",
                                    plain_tip(f"{message}; the details were not saved (they are shown again, to try "
                                              "once more or copy)."))
                self._save_pack_details(dialog)

            self.writer.write(write, saved, failed=failed)

    def save_protected(self) -> None:
        """File > Save protected copy…: an encrypted copy to send, with an optional "do not open after" date."""
        from memberpack.store.protection import Protection  # noqa: PLC0415 - cryptography on demand

        name, _ = QFileDialog.getSaveFileName(self, "Save protected copy", str(self.pack.path.with_name(
            f"{self.pack.path.stem} (protected).mpack")), "Protected pack (*.mpack)")
        if not name:
            return
        try:
            chosen = new_passphrase(self)
            if chosen is None:
                return
            out = self.pack.protected_copy(Path(name), Protection.new(*chosen))
        except MemberpackError as exc:
            QMessageBox.warning(self, "Save protected copy", plain_tip(str(exc)))
            return
        until = f"; it will not open after {chosen[1]:%d/%m/%Y}" if chosen[1] else ""
        self.statusBar().showMessage(f"Wrote the protected copy {out.name}{until}", 8000)

    def set_authority(self, given: str) -> bool:
        """Make the authority named by ``given`` (LA number, ONS code or name) ours; False if unknown."""
        from memberpack.store import comparators  # noqa: PLC0415 - on demand

        found = comparators.lookup(comparators.known_areas(self.pack), given)
        if found is None:
            QMessageBox.warning(self, "Our authority", plain_tip(
                f"{given} is not an authority memberpack knows: give its LA number or name as the imported "
                "statistics write it."))
            return False
        return self.writer.write(lambda pack: comparators.set_authority(pack, found),
                                 lambda _r: self.statusBar().showMessage(f"Our authority: {found.describe()}", 8000))

    def export(self, suffix: str) -> None:
        """The Export dialog (format, version, sections, private notes, preview, print), then the export."""
        from memberpack.gui.export_dialog import ExportDialog  # noqa: PLC0415 - on demand

        dialog = ExportDialog(self.pack.path, suffix=suffix, parent=self, reader=self.pack.reader,
                              meta=self.pack.meta(), has_private=any(n.visibility == PRIVATE for n in self.notes.notes))
        if dialog.exec():
            options = dialog.options()
            self.start_export(options["out"], include_private=options["include_private"],
                              sections=options["sections"], version=options["version"])

    def start_export(self, out: Path, *, include_private: bool = False, sections: list[str] | None = None,
                     version: str | None = None) -> None:
        """Write ``out`` (.pdf, .html or .json) on the worker thread, with a progress bar and Cancel
        in the status bar; ``export_done`` reports the outcome. ``version``: public unless given."""
        reader = self.pack.reader()  # a protected pack's: a copy in memory, as it is now

        def write(progress, cancel) -> Path:
            from memberpack.analysis.output_version import PUBLIC  # noqa: PLC0415 - off the start path
            from memberpack.export.outputs import export_to  # noqa: PLC0415 - reportlab on demand

            with reader as pack:
                export_to(pack, out, include_private=include_private, sections=sections, version=version or PUBLIC,
                          progress=progress, cancel=cancel)
            return out

        from memberpack.gui.workers import Job  # noqa: PLC0415 - threads start on demand

        self.job = Job(write, self)
        self.job.progressed.connect(self._export_progress)
        self.job.succeeded.connect(self._export_succeeded)
        self.job.failed.connect(lambda message: self._exported(message, failed=True))
        self.job.cancelled.connect(self._exported)
        self.export_bar.setRange(0, 0)
        self.export_bar.show()
        self.export_cancel.show()
        self.statusBar().showMessage(f"Writing {out.name}…")
        self.job.start()

    def _export_progress(self, done: int, total: int, message: str) -> None:
        self.export_bar.setRange(0, max(total, 1))
        self.export_bar.setValue(done)
        self.statusBar().showMessage(message)

    def _export_succeeded(self, path: Path) -> None:
        """Report the file written and, for a briefing (PDF or HTML), offer to open it."""
        self._exported(f"Wrote {path}")
        if path.suffix in (".pdf", ".html") and QMessageBox.question(
                self, "Export briefing", f"Wrote {path.name}. Open it now?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.Yes) == QMessageBox.StandardButton.Yes:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _exported(self, message: str, *, failed: bool = False) -> None:
        self.job = None
        self.export_bar.hide()
        self.export_cancel.hide()
        if failed:
            self.statusBar().clearMessage()
            QMessageBox.warning(self, "Export failed", plain_tip(message))
        else:
            self.statusBar().showMessage(message, 8000)
        self.export_done.emit(message)

    def focus_filter(self) -> None:
        tab = self.tabs.currentIndex()
        view = self.tabs.domain_view(tab).current_view() if tab > 0 else None
        if view is not None:
            if hasattr(view, "scroll"):   # a long table keeps its filter in sight without a page scroll
                view.scroll.ensureWidgetVisible(view.filter)
            view.filter.setFocus()
            view.filter.selectAll()

    def step_tab(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def focus_notes(self) -> None:
        """F4: show the notes panel (if closed) and put the cursor in the note editor."""
        self.notes_dock.show()
        self.notes_dock.raise_()
        self.notes.body.setFocus()

    def find_in_pack(self):
        """Ctrl+Shift+F: find figures by row, column or figure across every table of the pack."""
        from memberpack.gui.find_dialog import FindDialog  # noqa: PLC0415 - on demand

        dialog = FindDialog(self.pack, self)
        dialog.go_to.connect(lambda key, label: self.tabs.reveal(key, label))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def about(self) -> None:
        QMessageBox.about(self, "About memberpack",
                          f"<b>memberpack {__version__}</b><p>Council briefing packs: import officers' "
                          "spreadsheets, read and annotate them, export the briefing PDF.</p>")

    # --- drag a workbook onto the window ----------------------------------------------------------
    @staticmethod
    def _workbooks(event) -> list[Path]:
        from memberpack.importers.safety import CSV_SUFFIXES, WORKBOOK_SUFFIXES  # noqa: PLC0415

        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        paths = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
        return [p for p in paths if p.suffix.lower() in WORKBOOK_SUFFIXES | CSV_SUFFIXES]

    @staticmethod
    def _packs(event) -> list[Path]:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        return [Path(u.toLocalFile()) for u in urls if u.isLocalFile() and u.toLocalFile().lower().endswith(".mpack")]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._packs(event) or self._workbooks(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """A dropped pack opens in this window; dropped workbooks go to the import wizard."""
        packs, files = self._packs(event), self._workbooks(event)
        if packs:
            event.acceptProposedAction()
            self.open_pack(packs[0])
        elif files:
            event.acceptProposedAction()
            self.open_import_wizard(files)
