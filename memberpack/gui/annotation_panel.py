"""The notes panel beside every view: write a note, question or concern on what is selected,
then list, filter, edit and delete the pack's notes. Edits go through the undo stack."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPlainTextEdit,
                               QPushButton, QVBoxLayout, QWidget)

from memberpack import settings
from memberpack.analysis.annotation_targets import TargetResolver
from memberpack.analysis.output_version import note_exemptions
from memberpack.gui import note_targets
from memberpack.gui.classification_menu import popup
from memberpack.gui.plain_text import plain_label, plain_tip
from memberpack.gui.undo_commands import AddNote, DeleteNote, EditNote
from memberpack.model.annotations import (CONCERN, KIND_TITLES, KINDS, PRIVATE, QUESTION, SHARED, Annotation, Target,
)
from memberpack.store import annotation_store, classification
from memberpack.store.pack import Pack

FILTERS = ("All notes", "On the selected item", "Questions for officers", "Concerns", "Private notes",
           "Figure changed since written")


class AnnotationPanel(QWidget):
    """``notes_changed`` fires after any add, edit, delete, undo or redo; ``go_to`` asks to show a target."""

    notes_changed = Signal()
    go_to = Signal(object)

    def __init__(self, pack: Pack, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pack = pack
        self.undo_stack = undo_stack
        self.target = Target()
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
        self.body.setPlaceholderText("Write a note, or a question for officers, on the selected figure…")
        self.body.setAccessibleName("Note text")
        self.body.setTabChangesFocus(True)
        self.body.setMaximumHeight(110)
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
        self.set_target(Target())
        self.refresh()

    def sizeHint(self) -> QSize:
        return QSize(290, 600)

    # --- what the note is about ------------------------------------------------------------------
    def set_target(self, target: Target) -> None:
        self.target = target
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
            self.undo_stack.push(AddNote(self.pack, note, self._changed))
        else:
            after = self.editing.edited(body=text, kind=kind, visibility=visibility)
            self.undo_stack.push(EditNote(self.pack, self.editing, after, self._changed))
        self.stop_editing()

    def edit_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.editing = self._note(item)
        self.body.setPlainText(self.editing.body)
        self.kind.setCurrentIndex(KINDS.index(self.editing.kind))
        self.visibility.setCurrentIndex(0 if self.editing.visibility == SHARED else 1)
        self.about.setText(f"Editing a note on: {note_targets.describe(self.editing.target)}")
        self.add_button.setText("&Save changes")
        self.cancel_button.show()
        self.body.setFocus()

    def stop_editing(self) -> None:
        self.editing = None
        self.body.clear()
        self.add_button.setText("&Add note")
        self.cancel_button.hide()
        self.set_target(self.target)

    def delete_selected(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.undo_stack.push(DeleteNote(self.pack, self._note(item), self._changed))

    # --- the list ---------------------------------------------------------------------------------
    def _changed(self) -> None:
        self.refresh()
        self.notes_changed.emit()

    def refresh(self) -> None:
        """Reload the notes from the pack and show those the filter lets through."""
        self.notes = annotation_store.all_notes(self.pack)
        self.list.clear()
        resolver = TargetResolver(self.pack)
        exempt = note_exemptions(self.pack, self.notes)
        for note in self.notes:
            resolved = resolver.resolve(note)
            flag = resolved.flag
            warning = f"The {flag}." if flag else None
            if not self._passes(note, warning):
                continue
            marks = ("⚠ " if warning else "") + (f"[Exempt {exempt[note.uid].paragraph}] " if note.uid in exempt else "") \
                + ("Private " if note.visibility == PRIVATE else "")
            kind = KIND_TITLES[note.kind] if not marks.endswith("Private ") else KIND_TITLES[note.kind].lower()
            answer = f"\nAnswer: {note.answer}" if note.answer else ""
            item = QListWidgetItem(f"{marks}{kind} – {note_targets.describe(note.target, resolved.now_text)}\n{note.body}{answer}")
            item.setData(Qt.ItemDataRole.UserRole, note.uid)
            item.setToolTip(plain_tip("\n".join(filter(None, [
                warning, f"By {note.author or 'unknown'}, {note.modified_at[:16].replace('T', ' ')} UTC",
                "Private: not in the public PDF" if note.visibility == PRIVATE else "Shared with the committee",
                f"Exempt information, paragraph {exempt[note.uid].paragraph} of Schedule 12A: not in the public "
                "version" if note.uid in exempt else None]))))
            if warning:
                item.setForeground(Qt.GlobalColor.darkRed)
            self.list.addItem(item)
        self._selection_changed()

    def _passes(self, note: Annotation, warning: str | None) -> bool:
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
        selected = self.list.currentItem() is not None
        self.edit_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)
