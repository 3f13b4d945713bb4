"""Quitting the app moments after it opens: silent on stderr, and the note being written kept."""

from __future__ import annotations

import os
import subprocess
import sys

from memberpack.gui import note_drafts
from memberpack.store.pack import Pack

# The app as `memberpack gui PACK` starts it, with a note typed and the window closed the moment the
# reads behind the first paint (headlines, comparisons, the tabs' modules) are queued on their threads.
QUIT_AT_ONCE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from memberpack.gui import pack_tabs
read = pack_tabs.PackTabs._read_headlines
def read_then_quit(self):
    read(self)
    window = self.window()
    window.notes.body.setPlainText("Why is fieldwork overspent?")
    QTimer.singleShot(0, window.close)
pack_tabs.PackTabs._read_headlines = read_then_quit
from memberpack.cli.main import run
run()
"""
QT_OFFSCREEN_NOISE = "QBackingStore::flush() called for"   # the offscreen platform's, not the app's


def test_closing_the_window_at_once_is_silent_and_keeps_the_note(demo_pack):
    done = subprocess.run([sys.executable, "-c", QUIT_AT_ONCE, "gui", str(demo_pack)], capture_output=True,
                          text=True, timeout=120, env=os.environ | {"QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert [line for line in done.stderr.splitlines() if QT_OFFSCREEN_NOISE not in line] == []
    with Pack.open(demo_pack) as pack:
        draft = note_drafts.found(note_drafts.draft_file(pack), None)
    assert draft is not None and draft["text"] == "Why is fieldwork overspent?"
