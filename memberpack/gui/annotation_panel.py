"""The notes panel beside every view: write a note, question or concern on what is selected,
then list, filter, edit and delete the pack's notes.

Every change is written through the window's :class:`~memberpack.gui.pack_writes.PackWriter`
first and goes on the undo stack only once it is in the pack; a change that could not be written
leaves the member's text where it was and says why in one line. A note refused only because an
import or another window holds the pack is added by itself once the pack is free.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QPalette, QShortcut, QUndoStack
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMessageBox,
                               QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from memberpack import settings
from memberpack.gui.classification_menu import popup
from memberpack.gui.pack_writes import IN_USE, PackWriter, describe
from memberpack.gui.palette import is_dark
from memberpack.gui.plain_text import plain_label, plain_tip
from memberpack.gui.undo_commands import NoteCommand, add_note, delete_note, edit_note
from memberpack.model.annotations import (CONCERN, KIND_TITLES, KINDS, PRIVATE, QUESTION, SHARED, Annotation, Target,
)
from memberpack.model.bidi import closed_bidi
from memberpack.store import annotation_store, classification
from memberpack.store.pack import Pack

WARNING_LIGHT, WARNING_DARK = "#8b0000", "#ff8a80"   # a note whose figure changed, on light or dark
PLACEHOLDER = "Write a note, or a question for officers, on the selected figure…"
REDO_KEYS = {QKeySequence("Ctrl+Shift+Z")[0].toCombined(), QKeySequence("Ctrl+Y")[0].toCombined()}
DRAFT_MS = 500   # the note being written is kept this long after it changes, typing or not (gui/note_drafts.py)
RETRY_MS = 2000   # how often a note refused while the pack is held is tried again
WILL_ADD = ("The pack is being written by another window or an import: your note is kept, and is added as soon "
            "as the pack is free.")
RESTORED = "The note you were writing when memberpack last closed is back: add it, or clear it."
FILTERS = ("All notes", "On the selected item", "Questions for officers", "Concerns", "Private notes",
           "Figure changed since written")


class AnnotationPanel(QWidget):
    """``notes_changed`` fires after any add, edit, delete, undo or redo; ``go_to`` asks to show a target."""

    notes_changed = Signal()
    go_to = Signal(object)

    def __init__(self, pack: Pack, undo_stack: QUndoStack, parent: QWidget | None = None, *,
                 writer: PackWriter | None = None, read_later: bool = False) -> None:
        """``read_later``: read the notes just after the panel is first painted (a quicker start)."""
        super().__init__(parent)
        self.pack = pack
        self.undo_stack = undo_stack
        self.writer = writer or PackWriter(pack, self)
        self.writer.busy_changed.connect(self._busy_changed)
        self.target = Target()     # what a note added now is on
        self.selected = Target()   # what is selected in the tabs: a new note is begun on it
        self.editing: Annotation | None = None
        self.notes: list[Annotation] = []

        self.about = plain_label()
        self.about.setWordWrap(True)
        self.about.setAccessibleName("Selected item")
        self.kind = QComboBox()
        self.kind.addItems([KIND_TITLES[k] for k in KINDS])
        self.kind.setAccessibleName("Kind of note")
        self.visibility = QComboBox()
        self.visibility.addItems(["Shared with the committee", "Private to me"])
        self.visibility.setAccessibleName("Who can see the note")
        self.body = QPlainTextEdit()
        self.body.setPlaceholderText(PLACEHOLDER)
        self.body.setAccessibleName("Note text")
        self.body.setTabChangesFocus(True)
        self.body.setMaximumHeight(110)
        self.body.installEventFilter(self)
        self._draft_for: Pack | None = None   # the pack whose draft file is ``_draft_path``
        self._draft_path = None
        self._draft_lock = None   # held while this panel shows the pack: no other window takes its draft
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_MS)
        self._draft_timer.timeout.connect(self.keep_draft)
        self.body.textChanged.connect(self._keep_draft_soon)
        self.body.textChanged.connect(self._follow_selection)
        self.kind.currentIndexChanged.connect(self._keep_draft_soon)   # kept with the note, as it is chosen
        self.visibility.currentIndexChanged.connect(self._keep_draft_soon)
        self.waiting: str | None = None   # the text of a note refused while the pack was held, to add once free
        self.retry = QTimer(self)
        self.retry.setSingleShot(True)
        self.retry.setInterval(RETRY_MS)
        self.retry.timeout.connect(self._add_waiting)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Why the note was not saved")
        self.message.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.message.setAutoFillBackground(True)
        self.message.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.message.hide()
        self.add_button = QPushButton("&Add note")
        self.add_button.setToolTip("Add the note to the selected figure (Ctrl+Enter)")
        self.add_button.clicked.connect(self.submit)
        self.cancel_button = QPushButton("Cancel edit")
        self.cancel_button.clicked.connect(self.stop_editing)
        self.cancel_button.hide()
        QShortcut(QKeySequence("Ctrl+Return"), self.body, self.submit)

        self.filter = QComboBox()
        self.filter.addItems(FILTERS)
        self.filter.setAccessibleName("Show notes")
        self.filter.currentIndexChanged.connect(self.refresh)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        self.list.setAccessibleName("Notes in this pack")
        self.list.itemActivated.connect(lambda item: self.go_to.emit(self._note(item).target))
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._classify)
        self.list.currentItemChanged.connect(self._selection_changed)
        self.edit_button = QPushButton("&Edit")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton("&Delete")
        self.delete_button.clicked.connect(self.delete_selected)

        layout = QVBoxLayout(self)
        heading = QLabel("<b>Notes and questions</b>")
        layout.addWidget(heading)
        layout.addWidget(self.about)
        layout.addWidget(self.kind)
        layout.addWidget(self.visibility)
        layout.addWidget(self.body)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(self.edit_button)
        row.addWidget(self.delete_button)
        layout.addLayout(row)
        self._read_later = read_later
        self._scheduled = False
        self.set_target(Target())
        self.read = False   # True once the notes have been read from the pack
        if not read_later:
            self.refresh()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self._read_later and not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(0, self._changed)

    def sizeHint(self) -> QSize:
        return QSize(290, 600)

    # --- what the note is about ------------------------------------------------------------------
    def set_target(self, target: Target) -> None:
        """``target`` is selected in the tabs. A note begun stays on the figure it was begun on (as one
        being edited does), saying so, until it is added or cleared."""
        self.selected = target
        if self.editing is None and self.unsaved() and target != self.target:
            if not self._read_later:
                from memberpack.gui import note_targets  # noqa: PLC0415

                self.about.setText(f"On: {note_targets.describe(self.target)}, where you began this note "
                                   "(clear it to write on what is selected now)")
            return
        self.target = target
        if self._read_later:   # described with the notes, just after the first paint
            return
        from memberpack.gui import note_targets  # noqa: PLC0415 - the analysis layer, after the first paint

        if self.editing is None:   # while a note is edited, it stays on its own figure, and says so
            self.about.setText(f"On: {note_targets.describe(target)}")
        if self.filter.currentIndex() == 1:
            self.refresh()

    # --- writing -----------------------------------------------------------------------------------
    def submit(self) -> None:
        """Add a new note on the selected item, or save the one being edited."""
        text = self.body.toPlainText().strip()
        if not text:
            self.body.setFocus()
            return
        kind = KINDS[self.kind.currentIndex()]
        visibility = SHARED if self.visibility.currentIndex() == 0 else PRIVATE
        if self.editing is None:
            import getpass  # noqa: PLC0415 - only when a note is written, not at start-up

            note = Annotation(text, self.target, kind, visibility,
                              author=settings.load().get("author") or getpass.getuser())
            command = add_note(note, self._changed)
        else:
            command = edit_note(self.editing, self.editing.edited(body=text, kind=kind, visibility=visibility),
                                self._changed)
        self.waiting = None
        self._write(command.uid, command.before, command.after, lambda: self._submitted(command),
                    held=self._add_when_free)

    def _add_when_free(self) -> None:
        """The pack is held by an import or another window: the note stays in the editor (and its draft)
        and is tried again until it is added, unless the member changes it meanwhile."""
        self.waiting = self.body.toPlainText()
        self.retry.start()
        self.show_message(WILL_ADD)

    def _add_waiting(self) -> None:
        if self.waiting is None:
            return
        if self.body.toPlainText() != self.waiting:   # changed since: the member adds it when it is ready
            self.waiting = None
            self.show_message(f"{IN_USE}. Not saved: your text is kept.")
        elif self.writer.busy:
            self.retry.start()
        else:
            self.submit()

    def _submitted(self, command: NoteCommand) -> None:
        """The note is in the pack: clear the editor and start the next note shared again."""
        self.undo_stack.push(command)
        self.stop_editing()
        self.visibility.setCurrentIndex(0)
        if self._draft_for is self.pack:   # another note left unwritten on this pack (another window's) comes next
            self.release_draft()
            self._restore_draft()

    def edit_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        note = self._note(item)
        if self.unsaved() and (self.editing is None or self.editing.uid != note.uid):
            self.show_message("Add or clear the note you are writing before editing another.")
            return
        self.editing = note
        self.body.setPlainText(self.editing.body)
        self.kind.setCurrentIndex(KINDS.index(self.editing.kind))
        self.visibility.setCurrentIndex(0 if self.editing.visibility == SHARED else 1)
        from memberpack.gui import note_targets  # noqa: PLC0415

        self.about.setText(f"Editing a note on: {note_targets.describe(self.editing.target)}")
        self.add_button.setText("&Save changes")
        self.cancel_button.show()
        self.body.setFocus()

    def stop_editing(self) -> None:
        self.waiting = None
        self.retry.stop()
        self.editing = None
        self.body.clear()
        self.keep_draft()   # none is kept now: a note just added is not offered again
        self.add_button.setText("&Add note")
        self.cancel_button.hide()
        self.set_target(self.selected)

    def delete_selected(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            command = delete_note(self._note(item), self._changed)
            self._write(command.uid, command.before, command.after, lambda: self.undo_stack.push(command))

    def undo(self) -> None:
        """Undo the last change, writing the note back first; nothing moves if the write fails."""
        if self.undo_stack.canUndo():
            command = self.undo_stack.command(self.undo_stack.index() - 1)
            self._write(command.uid, command.after, command.before, self.undo_stack.undo)

    def redo(self) -> None:
        if self.undo_stack.canRedo():
            command = self.undo_stack.command(self.undo_stack.index())
            self._write(command.uid, command.before, command.after, self.undo_stack.redo)

    # --- the note being written, kept until it is added ------------------------------------------
    def unsaved(self) -> bool:
        """True while the editor holds text the pack does not: a new note, or changes to the one edited."""
        text = self.body.toPlainText().strip()
        return text != self.editing.body.strip() if self.editing is not None else bool(text)

    def _follow_selection(self) -> None:
        """A new note cleared is begun again on what is selected now."""
        if self.editing is None and self.body.document().isEmpty() and self.target != self.selected:
            self.set_target(self.selected)

    def _keep_draft_soon(self) -> None:
        """Keep the draft DRAFT_MS after the first change not yet kept: restarting the wait on every
        key would keep nothing while a member types steadily."""
        if not self._draft_timer.isActive():
            self._draft_timer.start()

    def keep_draft(self) -> None:
        """Keep the note being written as its pack's draft (or drop the draft once there is none), so
        closing the window or the app being killed loses nothing: it is back when the pack next opens."""
        from memberpack.gui import note_drafts  # noqa: PLC0415 - once a member writes

        self._draft_timer.stop()
        if self._draft_path is None:
            return
        if not self.unsaved():
            note_drafts.drop(self._draft_path)
            return
        try:
            note_drafts.keep(self._draft_path, self.pack.protection, self.body.toPlainText(),
                             KINDS[self.kind.currentIndex()], SHARED if self.visibility.currentIndex() == 0 else PRIVATE,
                             self.editing.target if self.editing is not None else self.target,
                             self.editing.uid if self.editing is not None else None)
        except OSError as exc:
            self.show_message(f"The note you are writing cannot be kept aside ({exc.strerror or exc}); add it to "
                              "keep it.")

    def put_aside(self) -> None:
        """Another pack is about to be shown: the note being written stays with its own pack as a draft
        (back when that pack is next opened) and the editor is cleared."""
        self.keep_draft()
        self.release_draft()
        self.stop_editing()
        self.message.hide()

    def release_draft(self) -> None:
        """This panel no longer shows the pack: its draft (kept) may be taken by a window opened later."""
        if self._draft_lock is not None:
            self._draft_lock.unlock()
        self._draft_for = self._draft_path = self._draft_lock = None

    def _restore_draft(self) -> None:
        """Once per pack shown: the note left unwritten on it, back in the editor."""
        from memberpack.gui import note_drafts  # noqa: PLC0415

        self._draft_for = self.pack
        self._draft_path, self._draft_lock = note_drafts.claim(self.pack)
        aside = note_drafts.set_aside(self._draft_path) if self._draft_path else None
        if aside is not None:
            self.show_message(f"The note you were writing when memberpack last closed is too large to put back "
                              f"here; it is kept in {aside}.")
            return
        draft = note_drafts.found(self._draft_path, self.pack.protection) if self._draft_path else None
        if draft is None or self.unsaved():
            return
        self.editing = next((n for n in self.notes if n.uid == draft["editing"]), None)
        self.target = draft["target"] if self.editing is None else self.editing.target
        if draft["kind"] in KINDS:
            self.kind.setCurrentIndex(KINDS.index(draft["kind"]))
        self.visibility.setCurrentIndex(1 if draft["visibility"] == PRIVATE else 0)
        self.body.setPlainText(draft["text"])
        if self.editing is not None:
            self.add_button.setText("&Save changes")
            self.cancel_button.show()
        from memberpack.gui import note_targets  # noqa: PLC0415

        self.about.setText(f"{'Editing a note on' if self.editing else 'On'}: {note_targets.describe(self.target)}")
        self.show_message(RESTORED)

    # --- writing through the window's writer -------------------------------------------------------
    def _write(self, uid: str, before: Annotation | None, after: Annotation | None, done, *,
               force: bool = False, held=None) -> None:
        """Move note ``uid`` from ``before`` to ``after`` in the pack, then ``done()``; ``held()`` instead
        of a message if given and the pack is held by another writer. If the note was changed elsewhere
        since it was read, ask before writing over it."""
        def failed(message: str, conflict: bool) -> None:
            if message == IN_USE and held is not None:
                held()
                return
            if not conflict:
                self.show_message(f"{message}. Not saved: your text is kept.")
                return
            if QMessageBox.question(
                    self, "Note changed elsewhere",
                    "This note was changed in another window since you read it. Write your version over it?",
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    QMessageBox.StandardButton.No) == QMessageBox.StandardButton.Yes:
                self._write(uid, before, after, done, force=True, held=held)
            else:
                self.refresh()
                self.show_message("Not saved: the note was changed in another window; your text is kept.")

        def write(pack: Pack) -> None:
            annotation_store.replace_if(pack, uid, before, after, force=force)

        def written(_result) -> None:
            self.message.hide()
            done()

        self.writer.write(write, written, failed=failed)

    def show_message(self, text: str) -> None:
        """Say in one line why a change was not saved (it stays until the next change is saved)."""
        self.message.setText(text)
        self.message.show()

    def set_read_only(self, read_only: bool) -> None:
        """A read-only pack: notes can be read, not written."""
        for widget in (self.kind, self.visibility, self.add_button, self.edit_button, self.delete_button):
            widget.setEnabled(not read_only)
        self.body.setReadOnly(read_only)
        self.body.setPlaceholderText("This pack is read-only: notes can be read but not added or changed."
                                     if read_only else PLACEHOLDER)
        if not read_only:
            self._selection_changed()

    def _busy_changed(self, busy: bool) -> None:
        self.add_button.setEnabled(not busy and not self.writer.read_only)
        if busy:
            self.show_message("The pack is being written by another window or an import; waiting for it…")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """With the editor empty, Ctrl+Z and Ctrl+Shift+Z / Ctrl+Y go to the window's undo and redo
        (the editor would otherwise claim them for its own empty history)."""
        if (watched is self.body and event.type() == QEvent.Type.ShortcutOverride
                and isinstance(event, QKeyEvent) and not self.body.toPlainText()
                and (event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)
                     or event.keyCombination().toCombined() in REDO_KEYS)):
            event.ignore()
            return True
        return super().eventFilter(watched, event)

    # --- the list ---------------------------------------------------------------------------------
    def _changed(self) -> None:
        self.refresh()
        self.notes_changed.emit()

    def refresh(self) -> None:
        """Reload the notes from the pack and show those the filter lets through."""
        from memberpack.analysis.annotation_targets import TargetResolver  # noqa: PLC0415 - after first paint
        from memberpack.analysis.output_version import note_exemptions  # noqa: PLC0415
        from memberpack.gui import note_targets  # noqa: PLC0415

        if self._read_later:
            self._read_later = False
            self.set_target(self.target)
        try:
            self.notes = annotation_store.all_notes(self.pack)
            resolver = TargetResolver(self.pack)
            exempt = note_exemptions(self.pack, self.notes)
        except sqlite3.Error as exc:  # another process holds the pack: keep the list as it was
            self.show_message(describe(exc))
            return
        self.read = True
        if self._draft_for is not self.pack:
            self._restore_draft()
        self.list.clear()
        for note in self.notes:
            resolved = resolver.resolve(note)
            flag = resolved.flag
            warning = f"The {flag}." if flag else None
            if not self._passes(note, warning):
                continue
            marks = ("⚠ " if warning else "") + (f"[Exempt {exempt[note.uid].paragraph}] " if note.uid in exempt else "") \
                + ("Private " if note.visibility == PRIVATE else "")
            kind = KIND_TITLES[note.kind] if not marks.endswith("Private ") else KIND_TITLES[note.kind].lower()
            answer = f"\nAnswer: {closed_bidi(note.answer)}" if note.answer else ""
            item = QListWidgetItem(f"{marks}{kind} – {note_targets.describe(note.target, resolved.now_text)}\n"
                                   f"{closed_bidi(note.body)}{answer}")
            item.setData(Qt.ItemDataRole.UserRole, note.uid)
            item.setToolTip(plain_tip("\n".join(filter(None, [
                warning, f"By {note.author or 'unknown'}, {note.modified_at[:16].replace('T', ' ')} UTC",
                "Private: not in the public PDF" if note.visibility == PRIVATE else "Shared with the committee",
                f"Exempt information, paragraph {exempt[note.uid].paragraph} of Schedule 12A: not in the public "
                "version" if note.uid in exempt else None]))))
            if warning:
                item.setForeground(QColor(WARNING_DARK if is_dark() else WARNING_LIGHT))
            self.list.addItem(item)
        self._selection_changed()

    def _passes(self, note: Annotation, warning: str | None) -> bool:
        from memberpack.gui import note_targets  # noqa: PLC0415

        choice = self.filter.currentIndex()
        return (choice == 0 or (choice == 1 and note_targets.same_place(note.target, self.target))
                or (choice == 2 and note.kind == QUESTION) or (choice == 3 and note.kind == CONCERN)
                or (choice == 4 and note.visibility == PRIVATE) or (choice == 5 and warning is not None))

    def _classify(self, at) -> None:
        """Public or Exempt (Schedule 12A paragraph) for the note under the pointer (right-click)."""
        item = self.list.itemAt(at)
        if item is not None and popup(self, self.pack, self._note(item).uid, self.list.viewport().mapToGlobal(at),
                                      classification.NOTE):
            self._changed()

    def _note(self, item: QListWidgetItem) -> Annotation:
        uid = item.data(Qt.ItemDataRole.UserRole)
        return next(n for n in self.notes if n.uid == uid)

    def _selection_changed(self, *_args) -> None:
        selected = self.list.currentItem() is not None and not self.writer.read_only
        self.edit_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)
