"""Classifying a table or a note as Public or Exempt (Schedule 12A paragraph 1-7), from the table
list's and the notes list's context menus and from Pack details; recorded with who and when
(``store.classification``)."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox, QWidget

from memberpack import settings
from memberpack.errors import MemberpackError
from memberpack.gui.plain_text import plain_tip
from memberpack.store import classification
from memberpack.store.classification import PARAGRAPHS, Exemption
from memberpack.store.pack import Pack

PUBLIC_TEXT = "Public"


def choice_text(paragraph: int) -> str:
    return f"Exempt, paragraph {paragraph}: {PARAGRAPHS[paragraph]}"


def choices() -> list[tuple[int | None, str]]:
    return [(None, PUBLIC_TEXT), *((n, choice_text(n)) for n in PARAGRAPHS)]


def short_text(found: Exemption | None) -> str:
    return PUBLIC_TEXT if found is None else f"Exempt {found.paragraph}"


def classify_table(pack: Pack, key: str, paragraph: int | None, reason: str = "",
                   target_type: str = classification.DATASET) -> None:
    classification.classify(pack, target_type, key, paragraph, reason=reason,
                            by=str(settings.load().get("author", "")))


def popup(parent: QWidget, pack: Pack, key: str, at: QPoint, target_type: str = classification.DATASET) -> bool:
    """The classification menu for table ``key`` (or the note of that uid) at ``at``; True when it was changed."""
    current = classification.exemption(pack, target_type, key)
    menu = QMenu(parent)
    group = QActionGroup(menu)
    for paragraph, text in choices():
        action = menu.addAction(text)
        action.setCheckable(True)
        action.setChecked((current.paragraph if current else None) == paragraph)
        action.setData(paragraph)
        group.addAction(action)
    chosen = menu.exec(at)
    if chosen is None:
        return False
    paragraph = chosen.data()
    if paragraph == (current.paragraph if current else None):
        return False
    reason = ""
    if paragraph is not None:
        reason, ok = QInputDialog.getText(parent, "Exempt information", "Why is it exempt? (optional)")
        if not ok:
            return False
    try:
        classify_table(pack, key, paragraph, reason.strip(), target_type)
    except MemberpackError as exc:   # the pack is locked, read-only or its disk full
        QMessageBox.warning(parent, "Not classified", plain_tip(f"{exc}"))
        return False
    return True
