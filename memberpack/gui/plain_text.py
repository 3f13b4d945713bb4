"""Text from packs and workbooks shown as plain text in every widget: a label, a file name or a
note may hold markup (``<img src=...>``), which a QLabel or tooltip would otherwise render."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def plain_label(text: str = "", style: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that never interprets its text as rich text; ``style`` is a style sheet for its look."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    if style:
        label.setStyleSheet(style)
    return label


def plain_tip(text: str) -> str:
    """A tooltip or message box text showing ``text`` exactly. Both guess rich text from a tag, so
    text with a ``<`` is escaped and marked as rich text; text without one is shown as written."""
    if "<" not in text:
        return text
    from html import escape  # noqa: PLC0415 - html.entities is large, and few texts hold a "<"

    return "<qt>" + escape(text).replace("\n", "<br>") + "</qt>"
