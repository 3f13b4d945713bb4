"""Writing a pack: writers never collide, and every failure of the store or the file system is
one line naming it, with the pack byte for byte as it was and no journal left behind."""

import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest
from openpyxl import Workbook

from memberpack.cli import main
from memberpack.errors import PackError
from memberpack.importers import import_files
from memberpack.store import write_errors
from memberpack.store.pack import Pack
from memberpack.store.write_errors import remove_hot_journal


def _workbook(path, label="Children looked after", value=227):
    wb = Workbook()
    wb.active.append(["Indicator", "Q1"])
    wb.active.append([label, value])
    wb.save(path)
    return path


def _csv(path, rows):
    with path.open("w", encoding="utf-8") as fh:
        fh.write("Area,Referrals,Contacts\n")
        for i in range(rows):
            fh.write(f"Area {i},{i % 97},{i % 89}\n")
    return path


@pytest.fixture
def pack(tmp_path):
    path = tmp_path / "p.mpack"
    assert main(["import", str(path), str(_workbook(tmp_path / "good.xlsx"))]) == 0
    return path


def _labels(path):
    with Pack.open(path) as p:
        return sorted(o.label for ds in p.datasets() for o in p.observations(ds.id))


def test_a_pack_made_meanwhile_by_another_import_is_neither_replaced_nor_deleted(tmp_path):
    target = tmp_path / "new.mpack"
    with pytest.raises(PackError, match="another memberpack created this pack while this one was working"):
        with Pack.creating(target) as mine:
            import_files(mine, [_workbook(tmp_path / "a.xlsx", "Mine", 1)])
            # The other command finishes first.
            assert main(["import", str(target), str(_workbook(tmp_path / "b.xlsx", "Theirs", 2))]) == 0
    assert _labels(target) == ["Theirs"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []   # its own work removed


def test_two_imports_creating_one_pack_at_once_lose_nothing_reported_done(tmp_path):
    target = tmp_path / "new.mpack"
    books = [_workbook(tmp_path / f"{name}.xlsx", name, i) for i, name in enumerate(["First", "Second"])]
    runs = [subprocess.Popen([sys.executable, "-m", "memberpack", "import", str(target), str(book)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for book in books]
    outcomes = [(run.wait(120), *run.communicate()) for run in runs]
    done = [name for name, (status, _, _) in zip(["First", "Second"], outcomes) if status == 0]
    assert done, outcomes
    for status, _, err in outcomes:
        assert status in (0, 1) and "Traceback" not in err and len(err.strip().splitlines()) <= 1, err
    # Every import reported done is in the pack (one, or both when the second found the pack made).
    assert set(done) <= set(_labels(target))


def test_a_second_writer_waits_then_is_refused_in_one_line(pack, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(write_errors, "WAIT_FOR_WRITER", 0.5)
    monkeypatch.setattr("memberpack.store.pack.WAIT_FOR_WRITER", 0.5)
    before = pack.read_bytes()
    first = sqlite3.connect(pack, isolation_level=None)
    first.execute("BEGIN IMMEDIATE")
    try:
        capsys.readouterr()
        started = time.perf_counter()
        assert main(["import", str(pack), str(_workbook(tmp_path / "more.xlsx", "More", 3))]) == 1
        waited = time.perf_counter() - started
    finally:
        first.execute("ROLLBACK")
        first.close()
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"memberpack: {pack}: another memberpack is writing to this pack; waiting up to 0.5 s for it "
                   "to finish",
                   f"memberpack: {pack}: another memberpack is writing to this pack; try again when it has "
                   "finished; nothing was changed"]
    assert waited >= 0.5
    assert pack.read_bytes() == before


def test_a_pack_that_has_saved_a_note_waits_for_another_writer_to_read(pack):
    """After its first write a connection waited for no one: reading the notes while another memberpack
    committed was 'sqlite3.OperationalError: database is locked', a traceback in the app."""
    import threading

    from memberpack.model.annotations import Annotation
    from memberpack.store import annotation_store

    with Pack.open(pack) as mine:
        annotation_store.save(mine, Annotation("first"))
        other = sqlite3.connect(pack, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN EXCLUSIVE")   # another memberpack writing its commit
        other.execute("INSERT INTO meta VALUES ('other', 'x')")
        threading.Timer(0.3, lambda: other.execute("COMMIT")).start()
        assert [n.body for n in annotation_store.all_notes(mine)] == ["first"]
        other.close()


def test_a_pack_another_memberpack_holds_for_writing_is_not_called_damaged(pack, capsys, monkeypatch):
    """Opening a pack while a long import wrote its pages was 'not a memberpack pack file, or a damaged
    one (database is locked)', and a note being added was refused so."""
    monkeypatch.setattr("memberpack.store.pack.WAIT_FOR_WRITER", 0.2)
    other = sqlite3.connect(pack, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        capsys.readouterr()
        for argv in (["notes", "list", str(pack)], ["notes", "add", str(pack), "--kind", "note", "--text", "Why?"]):
            assert main(argv) == 1
            assert capsys.readouterr().err == (f"memberpack: {pack}: another memberpack is writing to this pack; try "
                                               "again when it has finished\n")
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_two_apps_adding_notes_at_once_lose_none(pack):
    """Two memberpacks each adding notes and reading them back, at once: every note is kept."""
    script = textwrap.dedent("""
        import sys
        from memberpack.model.annotations import Annotation
        from memberpack.store import annotation_store
        from memberpack.store.pack import Pack
        with Pack.open(sys.argv[1]) as pack:
            for i in range(40):
                annotation_store.save(pack, Annotation(f"{sys.argv[2]} {i}", author=sys.argv[2]))
                annotation_store.all_notes(pack)
    """)
    apps = [subprocess.Popen([sys.executable, "-c", script, str(pack), who], stderr=subprocess.PIPE, text=True)
            for who in ("Cllr A", "Cllr B")]
    assert [(app.wait(timeout=120), app.stderr.read()) for app in apps] == [(0, ""), (0, "")]
    with Pack.open(pack) as p:
        from memberpack.store import annotation_store

        bodies = {n.body for n in annotation_store.all_notes(p)}
    assert bodies == {f"Cllr {who} {i}" for who in "AB" for i in range(40)}


def test_a_full_disk_is_named_and_nothing_is_left_behind(pack, tmp_path):
    before = pack.read_bytes()
    big = _csv(tmp_path / "big.csv", 20_000)
    with Pack.open(pack) as p:
        (pages,) = p.db.execute("PRAGMA page_count").fetchone()
        p.db.execute(f"PRAGMA max_page_count = {pages + 3}")   # the disk fills up three pages on
        with pytest.raises(PackError) as exc:
            import_files(p, [big])
    assert str(exc.value) == f"{pack}: the disk is full; nothing was changed"
    assert pack.read_bytes() == before
    assert not pack.with_name(pack.name + "-journal").exists()


def test_a_read_only_pack_is_named(pack, tmp_path):
    before = pack.read_bytes()
    p = Pack(pack, sqlite3.connect(f"file:{pack}?mode=ro", uri=True, isolation_level=None))
    with p, pytest.raises(PackError) as exc:
        import_files(p, [_workbook(tmp_path / "more.xlsx", "More", 3)])
    assert str(exc.value) == (f"{pack}: the pack cannot be written (the file or its folder is read-only); "
                              "nothing was changed")
    assert pack.read_bytes() == before


def test_a_journal_left_by_a_killed_writer_is_rolled_back(pack):
    before = pack.read_bytes()
    script = textwrap.dedent(f"""
        import os, sqlite3
        db = sqlite3.connect({str(pack)!r}, isolation_level=None)
        db.execute("PRAGMA cache_size = 1")
        db.execute("BEGIN IMMEDIATE")
        db.execute("CREATE TABLE filler(x)")
        db.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,) for _ in range(5000)])
        os._exit(9)   # killed in the middle: the journal stays, hot
    """)
    subprocess.run([sys.executable, "-c", script], check=False)
    journal = pack.with_name(pack.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0
    remove_hot_journal(pack)
    assert not journal.exists() or journal.stat().st_size == 0
    assert pack.read_bytes()[:100] == before[:100]
    assert _labels(pack) == ["Children looked after"]


def test_a_cancelled_import_leaves_no_journal(pack, tmp_path, capsys, monkeypatch):
    from memberpack.cli import import_command

    def interrupt(done, total, message):
        raise KeyboardInterrupt

    before = pack.read_bytes()
    monkeypatch.setattr(import_command, "progress_line", interrupt)
    assert main(["import", str(pack), str(_csv(tmp_path / "big.csv", 30_000))]) == 1
    assert pack.read_bytes() == before
    assert not pack.with_name(pack.name + "-journal").exists()


@pytest.mark.parametrize("name", ["bad\nmemberpack: all done.csv", "\u202eslx.csv", "esc\x1b[2J.csv"])
def test_file_names_in_messages_are_escaped_to_one_line(pack, tmp_path, capsys, name):
    bad = tmp_path / name
    bad.write_bytes(b"")
    capsys.readouterr()
    assert main(["import", str(pack), str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.endswith("\n")
    assert "\x1b" not in err and "\u202e" not in err
    assert err.startswith("memberpack: " + name.encode("unicode_escape").decode("ascii").replace("\\\\", "\\"))


def test_a_file_name_cannot_forge_a_line_of_the_report(pack, tmp_path, capsys):
    forged = _workbook(tmp_path / "ok\n  skipped nothing: all figures checked.xlsx")
    capsys.readouterr()
    assert main(["import", "--dry-run", str(pack), str(forged)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("ok\\n  skipped nothing: all figures checked.xlsx: ")
    assert not any(line.startswith("  skipped nothing") for line in out)


def test_an_import_into_a_link_to_nothing_says_so_before_reading(tmp_path, capsys):
    """A pack name left as a link to a deleted or moved pack was read in full, then blamed on 'another
    memberpack' that had created the pack meanwhile."""
    link = tmp_path / "moved.mpack"
    link.symlink_to(tmp_path / "gone" / "briefing.mpack")
    assert main(["import", str(link), str(_workbook(tmp_path / "cla.xlsx"))]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "another memberpack" not in err, err
    assert "is a link to" in err and "which does not exist" in err
    assert link.is_symlink() and sorted(p.name for p in tmp_path.iterdir()) == ["cla.xlsx", "moved.mpack"]


def test_a_folder_given_as_a_pack_is_named_a_folder(tmp_path, capsys):
    folder = tmp_path / "briefing.mpack"
    folder.mkdir()
    assert main(["check", str(folder)]) == 1
    assert capsys.readouterr().err.strip().endswith("briefing.mpack: is a folder, not a pack file")
