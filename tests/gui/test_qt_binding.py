"""The Qt binding the app runs on: guards for the PySide6 bug behind the pin in pyproject.toml."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Sender(QObject):
    flag = Signal(bool)


def test_bool_signal_arguments_keep_their_references(qapp):
    # PySide6 6.12.0 drops a reference to True on each bool emitted to a Python slot; under
    # Python 3.11 pyqtgraph's redraws then drive it to zero and the app aborts.
    sender = _Sender()
    sender.flag.connect(lambda _value: None)
    before = sys.getrefcount(True)
    for _ in range(200):
        sender.flag.emit(True)
    assert sys.getrefcount(True) >= before - 5
