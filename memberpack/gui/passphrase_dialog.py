"""Asking for a protected pack's passphrase (hidden as it is typed), and for a new one."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from memberpack.errors import Cancelled, PackError
from memberpack.store.protection import future_expiry


def ask_passphrase(parent: QWidget | None, path: Path) -> str:
    """The passphrase for the protected pack at ``path``; Cancelled if the member gives none."""
    text, ok = QInputDialog.getText(parent, "Protected pack", f"Passphrase for {path.name}:",
                                    QLineEdit.EchoMode.Password)
    if not ok or not text:
        raise Cancelled(f"{path}: no passphrase given; the pack was not opened")
    return text


def new_passphrase(parent: QWidget | None) -> tuple[str, date | None] | None:
    """A new passphrase, typed twice, and an optional "do not open after" date; None if cancelled."""
    first, ok = QInputDialog.getText(parent, "Save protected copy", "Passphrase for the protected copy:",
                                     QLineEdit.EchoMode.Password)
    if not ok:
        return None
    again, ok = QInputDialog.getText(parent, "Save protected copy", "The same passphrase again:",
                                     QLineEdit.EchoMode.Password)
    if not ok:
        return None
    if first != again:
        raise PackError("the two passphrases differ; no copy was written")
    if not first:
        raise PackError("the passphrase is empty; no copy was written")
    text, ok = QInputDialog.getText(parent, "Save protected copy",
                                    "Do not open after (DD/MM/YYYY, e.g. the day after the meeting; blank for never):")
    if not ok:
        return None
    if not text.strip():
        return first, None
    try:
        expires = datetime.strptime(text.strip(), "%d/%m/%Y").date()
    except ValueError:
        raise PackError(f"{text.strip()!r} is not a date written DD/MM/YYYY; no copy was written") from None
    return first, future_expiry(expires, text.strip())
