"""A note the member writes is saved, or they are told in one line why not and keep their text:
a read-only pack, a pack locked by another process, two windows editing one note."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time

import pytest
from PySide6.QtWidgets import QMessageBox

from memberpack.gui.main_window import MainWindow
from memberpack.gui.annotation_panel import WILL_ADD
from memberpack.gui.pack_writes import IN_USE, READ_ONLY
from memberpack.store import annotation_store
from memberpack.store.pack import Pack

LOCKER = ("import sqlite3, sys\n"
          "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
          "db.execute('BEGIN EXCLUSIVE')\n"
          "print('locked', flush=True)\n"
          "sys.stdin.readline()\n")


def read_only_pack(path) -> Pack:
    """The pack as a read-only file opens it (root can write any file, so chmod would not do)."""
    return Pack(path, sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None,
                                      check_same_thread=False))


def bodies(path) -> list[str]:
    with Pack.open(path) as pack:
        return [n.body for n in annotation_store.all_notes(pack)]


def open_window(qtbot, pack: Pack) -> MainWindow:
    window = MainWindow(pack)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.notes.read)
    return window


@pytest.fixture
def locker(demo_pack):
    """Another process holding the pack's write lock (BEGIN EXCLUSIVE) until ``release()``."""
    proc = subprocess.Popen([sys.executable, "-c", LOCKER, str(demo_pack)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"

    def release() -> None:
        if proc.poll() is None:
            proc.stdin.write("\n")
            proc.stdin.flush()
            proc.wait(10)

    proc.release = release
    yield proc
    release()


def test_a_read_only_pack_opens_read_only_with_a_banner(qtbot, demo_pack):
    window = open_window(qtbot, read_only_pack(demo_pack))
    assert window.writer.read_only
    assert window.banner.isVisible() and "Read-only" in window.banner.text()
    assert window.notes.body.isReadOnly() and not window.notes.add_button.isEnabled()
    assert not window.menu_actions["import"].isEnabled()
    assert window.notes.list.count() == len(bodies(demo_pack))   # the notes can still be read
    window.pack.close()


def test_a_note_on_a_pack_that_became_read_only_is_kept_and_the_reason_said(qtbot, window, demo_pack):
    before = bodies(demo_pack)
    window.pack.db.close()
    window.pack.db = read_only_pack(demo_pack).db   # the file was made read-only after it was opened
    window.notes.body.setPlainText("Why has the overspend grown?")
    window.notes.add_button.click()
    assert window.notes.body.toPlainText() == "Why has the overspend grown?"
    assert window.notes.message.isVisible() and window.notes.message.text().startswith(READ_ONLY)
    assert window.statusBar().currentMessage() == READ_ONLY
    assert window.undo_stack.count() == 0 and not window.menu_actions["undo"].isEnabled()
    assert bodies(demo_pack) == before
    assert window.banner.isVisible() and not window.notes.add_button.isEnabled()


def test_a_note_on_a_locked_pack_waits_off_the_gui_thread_then_says_so(qtbot, window, demo_pack, locker):
    window.writer.lock_wait_ms = 300
    window.notes.body.setPlainText("Agency costs?")
    started = time.perf_counter()
    window.notes.add_button.click()
    assert time.perf_counter() - started < 0.25   # the wait is on the worker, not here
    assert window.writer.busy and not window.notes.add_button.isEnabled()
    qtbot.waitUntil(lambda: not window.writer.busy, timeout=5000)
    assert window.notes.message.text() == WILL_ADD
    assert window.notes.body.toPlainText() == "Agency costs?"
    assert window.undo_stack.count() == 0
    locker.release()
    window.notes.add_button.click()
    assert "Agency costs?" in bodies(demo_pack)
    assert window.undo_stack.count() == 1 and window.notes.body.toPlainText() == ""
    assert window.notes.message.isHidden()


def test_a_lock_released_while_waiting_saves_the_note(qtbot, window, demo_pack, locker):
    from PySide6.QtCore import QTimer

    window.writer.lock_wait_ms = 5000
    window.notes.body.setPlainText("Saved once the import finishes")
    window.notes.add_button.click()
    assert window.writer.busy
    QTimer.singleShot(100, locker.release)
    qtbot.waitUntil(lambda: not window.writer.busy, timeout=8000)
    assert "Saved once the import finishes" in bodies(demo_pack)
    assert window.undo_stack.count() == 1 and window.notes.body.toPlainText() == ""


def test_a_note_refused_while_the_pack_is_held_is_added_by_itself_once_it_is_free(qtbot, window, demo_pack, locker):
    """An import holds the pack as a member adds a note: the note is kept, said to be waiting, and added
    as soon as the pack is free, without the member adding it again by hand."""
    window.writer.lock_wait_ms = 300
    window.notes.retry.setInterval(100)
    window.notes.body.setPlainText("Why is the agency spend rising?")
    window.notes.add_button.click()
    qtbot.waitUntil(lambda: window.notes.message.text() == WILL_ADD, timeout=5000)
    assert window.notes.body.toPlainText() == "Why is the agency spend rising?" and window.undo_stack.count() == 0
    locker.release()
    qtbot.waitUntil(lambda: window.undo_stack.count() == 1, timeout=5000)
    assert "Why is the agency spend rising?" in bodies(demo_pack)
    assert window.notes.body.toPlainText() == "" and window.notes.message.isHidden()


def test_a_note_changed_while_it_waits_for_the_pack_is_left_for_the_member_to_add(qtbot, window, demo_pack, locker):
    """Half-way through changing the waiting note, it is not added as it then stands: the member adds it."""
    window.writer.lock_wait_ms = 300
    window.notes.retry.setInterval(100)
    window.notes.body.setPlainText("First thought")
    window.notes.add_button.click()
    qtbot.waitUntil(lambda: window.notes.message.text() == WILL_ADD, timeout=5000)
    window.notes.body.setPlainText("First thought, and a sec")
    locker.release()
    qtbot.waitUntil(lambda: window.notes.waiting is None, timeout=5000)
    assert window.notes.message.text() == f"{IN_USE}. Not saved: your text is kept."
    assert window.notes.body.toPlainText() == "First thought, and a sec" and window.undo_stack.count() == 0
    assert not any(body.startswith("First thought") for body in bodies(demo_pack))


def test_two_windows_on_one_pack_see_each_other_and_never_overwrite_silently(qtbot, window, demo_pack,
                                                                            monkeypatch):
    other = open_window(qtbot, Pack.open(demo_pack))
    window.notes.body.setPlainText("First version")
    window.notes.add_button.click()
    assert other.check_for_changes()    # the other window notices and shows it
    assert any(other.notes.list.item(i).text().endswith("First version") for i in range(other.notes.list.count()))

    def edit(win: MainWindow, text: str) -> None:
        row = next(i for i in range(win.notes.list.count()) if win.notes.list.item(i).text().split("\n")[1]
                   in ("First version", "Second window's version"))
        win.notes.list.setCurrentRow(row)
        win.notes.edit_button.click()
        win.notes.body.setPlainText(text)
        win.notes.add_button.click()

    edit(other, "Second window's version")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No))
    edit(window, "First window's later edit")     # from its copy read before the other's edit
    assert asked and "changed in another window" in asked[0]
    assert "Second window's version" in bodies(demo_pack)
    assert window.notes.body.toPlainText() == "First window's later edit"
    assert "changed in another window" in window.notes.message.text()
    assert window.undo_stack.count() == 1   # only the add

    window.notes.stop_editing()
    window.menu_actions["undo"].trigger()   # undoing the add would delete the other's edit: asks first
    assert len(asked) == 2 and "Second window's version" in bodies(demo_pack)
    assert window.undo_stack.index() == 1

    edit(other, "Second window's version")       # edited again there, so this window's copy is old again
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes))
    edit(window, "First window's later edit")     # now the member chooses to write over it
    assert len(asked) == 3
    assert "First window's later edit" in bodies(demo_pack) and "Second window's version" not in bodies(demo_pack)
    other.pack.close()


def test_each_failure_is_one_line_naming_its_cause():
    from memberpack.errors import PackError
    from memberpack.gui.pack_writes import DISK_FULL, describe

    def raised_by_store(error: sqlite3.Error) -> PackError:
        try:
            try:
                raise error
            except sqlite3.Error:
                raise PackError("pack.mpack: the disk is full; nothing was changed") from None
        except PackError as exc:
            return exc

    assert describe(sqlite3.OperationalError("database or disk is full")) == DISK_FULL
    assert describe(raised_by_store(sqlite3.OperationalError("database or disk is full"))) == DISK_FULL
    assert describe(sqlite3.OperationalError("attempt to write a readonly database")) == READ_ONLY
    assert describe(sqlite3.OperationalError("database is locked")) == IN_USE


def test_pack_details_that_cannot_be_saved_say_so(qtbot, window, demo_pack, monkeypatch):
    from memberpack.gui.pack_details_dialog import PackDetailsDialog

    def fill(dialog) -> int:
        dialog.committee.setText("Children's Scrutiny")
        return not warned   # cancelled when shown again

    warned = []
    monkeypatch.setattr(PackDetailsDialog, "exec", fill)
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: warned.append(a[2])))
    window.pack.db.close()
    window.pack.db = read_only_pack(demo_pack).db
    window.edit_pack_details()
    assert warned == [f"{READ_ONLY}; the details were not saved (they are shown again, to try once more or copy)."]
    with Pack.open(demo_pack) as pack:
        assert pack.meta()["committee"].startswith("Scrutiny")



KILLED_WHILE_TYPING = """
import os, sys, time
from PySide6.QtWidgets import QApplication
from memberpack.gui.main_window import MainWindow
from memberpack.store.pack import Pack
app = QApplication([])
window = MainWindow(Pack.open(sys.argv[1]))
window.show()
while not window.notes.read:
    app.processEvents()
window.notes.body.setPlainText("Why has home to school transport gone up by a third?")
end = time.monotonic() + 1.5   # a pause in typing
while time.monotonic() < end:
    app.processEvents()
    time.sleep(0.01)
print("typed", flush=True)
time.sleep(60)
"""


def _drafts(config) -> list:
    return sorted((config / "drafts").glob("*")) if (config / "drafts").exists() else []


def test_a_note_being_written_when_the_app_is_killed_is_back_on_the_next_start(qtbot, demo_pack):
    before = bodies(demo_pack)
    proc = subprocess.Popen([sys.executable, "-c", KILLED_WHILE_TYPING, str(demo_pack)], stdout=subprocess.PIPE,
                            text=True)
    try:
        assert proc.stdout.readline().strip() == "typed"
    finally:
        proc.kill()   # kill -9: no closeEvent, no atexit
        proc.wait(10)
    window = open_window(qtbot, Pack.open(demo_pack))
    assert window.notes.body.toPlainText() == "Why has home to school transport gone up by a third?"
    assert "last closed is back" in window.notes.message.text()
    assert bodies(demo_pack) == before   # kept aside, not added behind the member's back
    window.notes.add_button.click()
    assert "Why has home to school transport gone up by a third?" in bodies(demo_pack)
    window.pack.close()
    window = open_window(qtbot, Pack.open(demo_pack))   # added: not offered a second time
    assert window.notes.body.toPlainText() == ""
    window.pack.close()


def test_closing_the_window_keeps_the_note_being_written_for_next_time(qtbot, window, demo_pack):
    """Closing the window (its X, File › Quit, Ctrl+Q) dropped a note typed but not yet added."""
    window.notes.kind.setCurrentIndex(1)
    window.notes.body.setPlainText("Half a question about agency spend")
    assert window.close()
    again = open_window(qtbot, Pack.open(demo_pack))
    assert again.notes.body.toPlainText() == "Half a question about agency spend"
    assert again.notes.kind.currentIndex() == 1
    again.notes.body.clear()   # cleared: not offered again
    assert again.close()
    third = open_window(qtbot, Pack.open(demo_pack))
    assert third.notes.body.toPlainText() == ""
    third.pack.close()


def test_an_edit_not_yet_saved_is_back_as_an_edit_of_its_note(qtbot, window, demo_pack):
    window.notes.list.setCurrentRow(0)
    window.notes.edit_button.click()
    uid = window.notes.editing.uid
    window.notes.body.setPlainText("Reworded, not yet saved")
    window.close()
    again = open_window(qtbot, Pack.open(demo_pack))
    assert again.notes.editing is not None and again.notes.editing.uid == uid
    assert again.notes.body.toPlainText() == "Reworded, not yet saved"
    again.notes.add_button.click()
    assert "Reworded, not yet saved" in bodies(demo_pack) and len(bodies(demo_pack)) == len(window.notes.notes)
    again.pack.close()


def test_opening_another_pack_keeps_the_note_being_written_with_its_own_pack(qtbot, window, demo_pack, tmp_path):
    """Opening another pack kept the typed text in the editor, to be added to the new pack on a
    figure of the old one."""
    import shutil

    other = tmp_path / "other.mpack"
    shutil.copy(demo_pack, other)   # a copy shares the pack's id, not its draft
    window.notes.body.setPlainText("On the first pack's figure")
    assert window.open_pack(other)
    assert window.notes.body.toPlainText() == "" and window.notes.message.isHidden()
    window.notes.add_button.click()
    assert "On the first pack's figure" not in bodies(other)
    assert window.open_pack(demo_pack)
    assert window.notes.body.toPlainText() == "On the first pack's figure"


def test_editing_another_note_keeps_the_text_being_written(qtbot, window):
    window.notes.body.setPlainText("Half a question about placements")
    window.notes.list.setCurrentRow(0)
    window.notes.edit_button.click()
    assert window.notes.body.toPlainText() == "Half a question about placements" and window.notes.editing is None
    assert "before editing another" in window.notes.message.text()


def test_a_protected_packs_draft_is_sealed_and_an_output_copy_shows_none(qtbot, demo_pack, tmp_path, monkeypatch):
    import os

    from memberpack.gui import main_window
    from memberpack.store.protection import Protection

    sent = tmp_path / "sent.mpack"
    with Pack.open(demo_pack) as pack:
        pack.protected_copy(sent, Protection.new("sesame"))
    config = tmp_path / "config"
    monkeypatch.setenv("MEMBERPACK_CONFIG_DIR", str(config))
    monkeypatch.setattr(main_window, "ask_passphrase", lambda *_a: "sesame")
    window = open_window(qtbot, Pack.open(sent, passphrase="sesame"))
    window.notes.body.setPlainText("zq-draft-marker-5e1 exempt severance terms")
    window.close()
    (draft,) = _drafts(config)
    assert b"zq-draft-marker-5e1" not in draft.read_bytes() and os.stat(draft).st_mode & 0o077 == 0
    again = open_window(qtbot, Pack.open(sent, passphrase="sesame"))
    assert again.notes.body.toPlainText() == "zq-draft-marker-5e1 exempt severance terms"
    copy = open_window(qtbot, again.pack.memory_copy())   # what a screenshot or an output version shows
    assert copy.notes.body.toPlainText() == ""
    copy.close()
    again.pack.close()


def test_a_pack_replaced_on_disk_while_open_is_named_as_such_not_as_read_only(qtbot, window, demo_pack, tmp_path):
    """A sync client (OneDrive) or a saved attachment put a new copy in the pack's place: the note could
    not be written and the member was told the pack was read-only, which it was not."""
    import os
    import shutil

    from memberpack.gui.pack_writes import MOVED

    shutil.copy(demo_pack, tmp_path / "new_copy.mpack")
    os.replace(tmp_path / "new_copy.mpack", demo_pack)
    window.notes.body.setPlainText("Written after the file was replaced")
    window.notes.add_button.click()
    assert window.notes.body.toPlainText() == "Written after the file was replaced"
    assert window.notes.message.text().startswith(MOVED) and "open it again" in MOVED
    assert window.banner.isVisible() and "replaced" in window.banner.text() and "read-only file" not in window.banner.text()


def test_a_pack_file_named_with_markup_is_named_as_written_in_the_read_only_banner(qtbot, demo_pack, tmp_path):
    """Packs arrive by email under any name: the banner rendered ``<u>`` in one as markup."""
    import shutil

    odd = tmp_path / "<u>Budget & Scrutiny.mpack"
    shutil.copy(demo_pack, odd)
    window = open_window(qtbot, read_only_pack(odd))
    assert "&lt;u&gt;Budget &amp; Scrutiny.mpack cannot be changed" in window.banner.text()
    window.pack.close()


def test_two_windows_on_one_pack_each_keep_their_own_note_being_written(qtbot, window, demo_pack):
    """Two windows on one pack shared one draft file: the second showed the first's text, and whichever
    kept its draft last wrote over the other's."""
    other = open_window(qtbot, Pack.open(demo_pack))
    window.notes.body.setPlainText("First window's half question")
    window.notes.keep_draft()
    third = open_window(qtbot, Pack.open(demo_pack))   # opened while the first window is writing
    assert third.notes.body.toPlainText() == ""
    third.close()
    other.notes.body.setPlainText("Second window's half question")
    other.notes.keep_draft()
    window.notes.keep_draft()
    assert window.close() and other.close()
    again = open_window(qtbot, Pack.open(demo_pack))
    written = {"First window's half question", "Second window's half question"}
    first = again.notes.body.toPlainText()
    assert first in written
    also = open_window(qtbot, Pack.open(demo_pack))    # a second window takes the other note
    assert {first, also.notes.body.toPlainText()} == written
    also.notes.add_button.click()
    assert also.notes.body.toPlainText() == ""
    again.notes.add_button.click()
    assert written <= set(bodies(demo_pack))
    for win in (again, also):
        win.close()
        win.pack.close()
    other.pack.close()


def test_a_second_note_left_unwritten_is_offered_once_the_first_is_added(qtbot, window, demo_pack):
    other = open_window(qtbot, Pack.open(demo_pack))
    window.notes.body.setPlainText("Left in the first window")
    other.notes.body.setPlainText("Left in the second window")
    assert window.close() and other.close()
    other.pack.close()
    again = open_window(qtbot, Pack.open(demo_pack))
    first = again.notes.body.toPlainText()
    again.notes.add_button.click()
    second = again.notes.body.toPlainText()
    assert {first, second} == {"Left in the first window", "Left in the second window"}
    assert "last closed is back" in again.notes.message.text()
    again.notes.add_button.click()
    assert again.notes.body.toPlainText() == ""
    again.close()
    again.pack.close()


def test_pack_details_that_cannot_be_saved_are_shown_again_as_typed(qtbot, window, demo_pack, monkeypatch):
    """The dialog closed on a failed save, and everything typed in it went with it."""
    from memberpack.gui.pack_details_dialog import PackDetailsDialog

    shown = []

    def fill(dialog) -> int:
        shown.append(dialog.committee.text())
        if len(shown) == 1:
            dialog.committee.setText("Children's Scrutiny")
            dialog.texts["purpose"].setPlainText("A purpose typed at length")
            return 1
        return 0   # the member copies it, or cancels

    monkeypatch.setattr(PackDetailsDialog, "exec", fill)
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: None))
    window.pack.db.close()
    window.pack.db = read_only_pack(demo_pack).db
    window.edit_pack_details()
    qtbot.waitUntil(lambda: len(shown) == 2)
    assert shown[1] == "Children's Scrutiny"


def test_a_draft_kept_without_its_editing_key_is_still_shown(tmp_path):
    """A draft file written by another version (or by hand) without "editing" raised KeyError as the
    notes panel restored it; its text is what the member typed, so it is shown, as a new private note."""
    import json

    from memberpack.gui import note_drafts

    path = tmp_path / "draft.json"
    path.write_text(json.dumps({"text": "zq typed before the crash", "kind": 3, "target": {"type": "pack"}}),
                    encoding="utf-8")
    draft = note_drafts.found(path, None)
    assert draft["text"] == "zq typed before the crash"
    assert draft["editing"] is None and draft["kind"] is None and draft["visibility"] == "private"


def test_a_note_written_while_another_memberpack_imports_into_the_pack_is_kept(qtbot, window, demo_pack, tmp_path):
    """An officer imports this month's return into the pack (another memberpack, holding the pack for the
    whole import) while a member writes a note: the note waits or says why, its text is kept through the
    window showing the new table, and it is saved once the import is done."""
    rows = "".join(f"Line {i},{i}.5,{2 * i}\n" for i in range(60_000))
    (tmp_path / "m7.csv").write_text("Service,Budget £k,Spend £k\n" + rows, encoding="utf-8")
    tables = len(window._shown_datasets)
    importing = subprocess.Popen([sys.executable, "-m", "memberpack", "import", str(demo_pack),
                                  str(tmp_path / "m7.csv")], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    window.writer.lock_wait_ms = 300
    window.notes.body.setPlainText("Half a question about the new return")
    qtbot.waitUntil(lambda: _holds_lock(demo_pack) or importing.poll() is not None, timeout=60_000)
    window.notes.add_button.click()
    qtbot.waitUntil(lambda: not window.writer.busy, timeout=10_000)
    assert importing.wait(120) == 0, importing.stderr.read()
    window.check_for_changes()   # (if the window's own look has not already seen it)
    assert len(window._shown_datasets) == tables + 1   # the new table is shown: the tabs were made again
    qtbot.waitUntil(lambda: window.tabs.read_in_background, timeout=30_000)
    # it met the import: kept, and added by itself once the import is done
    qtbot.waitUntil(lambda: window.undo_stack.count() == 1, timeout=10_000)
    assert "Half a question about the new return" in bodies(demo_pack)
    assert window.notes.body.toPlainText() == ""


def _holds_lock(path) -> bool:
    """Whether another connection holds the pack's write lock."""
    db = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        db.execute("BEGIN IMMEDIATE")
        db.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        db.close()


def _keep_draft(demo_pack, text: str):
    from memberpack.gui import note_drafts
    from memberpack.model.annotations import Target

    with Pack.open(demo_pack) as pack:
        path = note_drafts.draft_file(pack)
    note_drafts.keep(path, None, text, "note", "private", Target("pack"), None)
    return path


def test_a_draft_over_a_megabyte_is_back_after_a_crash(qtbot, demo_pack):
    """A note of 1.2 MB pasted before a crash was silently not put back: drafts over 1 MB were skipped."""
    text = "Transport costs by route. " * 48_000
    _keep_draft(demo_pack, text)
    window = open_window(qtbot, Pack.open(demo_pack))
    assert window.notes.body.toPlainText() == text
    assert "last closed is back" in window.notes.message.text()
    window.pack.close()


def test_a_draft_too_large_to_put_back_is_kept_and_the_member_told_where(qtbot, demo_pack, monkeypatch):
    from memberpack.gui import note_drafts

    monkeypatch.setattr(note_drafts, "MOST_BYTES", 1000)
    text = "A long question about placements. " * 100
    path = _keep_draft(demo_pack, text)
    window = open_window(qtbot, Pack.open(demo_pack))
    message = window.notes.message.text()
    assert window.notes.body.toPlainText() == "" and "too large" in message
    kept = next(p for p in (path.parent).iterdir() if str(p) in message)
    assert text in kept.read_text(encoding="utf-8")
    window.notes.body.setPlainText("Something new")
    window.notes.keep_draft()   # the new draft does not write over the one set aside
    assert text in kept.read_text(encoding="utf-8")
    window.pack.close()


def test_a_note_typed_without_a_pause_is_kept_while_it_is_typed(qtbot, window):
    """The draft was kept only after a one-second pause in typing: a member typing steadily had nothing
    kept, however long they typed, so a crash then lost the whole note."""
    from memberpack.gui import note_drafts
    from memberpack.gui.annotation_panel import DRAFT_MS

    panel = window.notes
    started = time.monotonic()
    for word in "Why has the residential spend gone up so much since Month 5 this year".split():
        panel.body.insertPlainText(word + " ")
        qtbot.wait(DRAFT_MS // 3)   # a steady typist: never a pause as long as DRAFT_MS
    assert time.monotonic() - started > 2 * DRAFT_MS / 1000
    draft = note_drafts.found(panel._draft_path, None)
    assert draft is not None and draft["text"].startswith("Why has the residential spend gone up")


def test_the_kind_chosen_for_a_note_being_written_is_kept_with_it(qtbot, window):
    """A note typed, then made a question for officers, was kept aside as a plain note until the
    next key: killed then, the question came back as a note."""
    from memberpack.gui import note_drafts
    from memberpack.gui.annotation_panel import DRAFT_MS

    panel = window.notes
    panel.body.setPlainText("Who signs off the High Needs recovery plan?")
    qtbot.waitUntil(lambda: note_drafts.found(panel._draft_path, None) is not None, timeout=4 * DRAFT_MS)
    panel.kind.setCurrentIndex(1)
    panel.visibility.setCurrentIndex(1)
    qtbot.waitUntil(lambda: note_drafts.found(panel._draft_path, None)["kind"] == "question", timeout=4 * DRAFT_MS)
    assert note_drafts.found(panel._draft_path, None)["visibility"] == "private"
