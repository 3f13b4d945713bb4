"""Crafted pack files: each refused in one line with the file byte for byte as it was, no traceback."""

import sqlite3
import subprocess
import sys

import pytest

from memberpack.cli.main import main
from memberpack.model.annotations import PRIVATE, Annotation
from memberpack.model.observation import Dataset, Observation
from memberpack.store import annotation_store
from memberpack.store.pack import Pack
from memberpack.store.schema import SCHEMA_VERSION


@pytest.fixture
def pack_path(tmp_path):
    path = tmp_path / "p.mpack"
    with Pack.create(path) as pack:
        pack.add_dataset(Dataset("Budget", "b.xlsx", "0" * 64, "M6", "A1:B2"),
                         [Observation("Fieldwork", "Budget £m", 9_100_000.0, "GBP", "9.1", sheet="M6", cell="B2")])
        annotation_store.save(pack, Annotation("private worry", visibility=PRIVATE))
    return path


def _craft(path, *statements):
    db = sqlite3.connect(path)
    for statement in statements:
        db.execute(statement)
    db.commit()
    db.close()


def _refused(path, capsys, *words, side=()):
    """``notes list`` and ``export`` both refuse ``path`` in one line containing ``words``, changing nothing."""
    before = {p: p.read_bytes() for p in (path, *side)}
    for argv in (["notes", "list", str(path)], ["export", str(path), "-o", str(path.with_name("out.json"))]):
        assert main(argv) == 1
        out, err = capsys.readouterr()
        assert out == "" and err.count("\n") == 1 and "Traceback" not in err, err
        assert str(path) in err and all(w in err for w in words), err
    assert {p: p.read_bytes() for p in before} == before
    assert not path.with_name("out.json").exists()


def test_a_trigger_is_refused(pack_path, capsys):
    _craft(pack_path, "CREATE TRIGGER share AFTER INSERT ON annotation BEGIN "
                      "UPDATE annotation SET visibility = 'shared' WHERE uid = new.uid; END")
    _refused(pack_path, capsys, "trigger 'share'", "refused")


def test_a_view_shadowing_a_table_is_refused(pack_path, capsys):
    _craft(pack_path, "ALTER TABLE annotation RENAME TO annotation_real",
           "CREATE VIEW annotation AS SELECT uid, target_type, dataset_key, metric_id, label, section, measure, "
           "period, value, display, chart_id, kind, 'shared' AS visibility, status, answer, body, author, created_at, "
           "modified_at, deleted FROM annotation_real")
    _refused(pack_path, capsys, "refused")


def test_an_extra_table_is_refused(pack_path, capsys):
    _craft(pack_path, "CREATE TABLE payload(x)")
    _refused(pack_path, capsys, "table 'payload'")


def test_a_changed_column_constraint_is_refused(pack_path, capsys):
    db = sqlite3.connect(pack_path)
    db.execute("PRAGMA writable_schema = ON")
    db.execute("UPDATE sqlite_master SET sql = replace(sql, \"CHECK (visibility IN ('private', 'shared'))\", '') "
               "WHERE name = 'annotation'")
    db.commit()
    db.close()
    _refused(pack_path, capsys, "table 'annotation' is not as memberpack makes it")


def test_a_missing_table_is_refused(pack_path, capsys):
    _craft(pack_path, "DROP TABLE layout_memory")
    _refused(pack_path, capsys, "no table 'layout_memory'")


@pytest.mark.parametrize("version, words", [(SCHEMA_VERSION + 1, "newer memberpack"), (-3, "schema version -3"),
                                            (0, "schema version 0")])
def test_odd_schema_versions_are_refused(pack_path, capsys, version, words):
    _craft(pack_path, f"PRAGMA user_version = {version}")
    _refused(pack_path, capsys, words)


def test_a_stray_wal_is_refused_not_applied(pack_path, tmp_path, capsys):
    # A real WAL for this pack, with its figures deleted: SQLite would apply it on opening.
    other = tmp_path / "other"
    other.mkdir()
    copy = other / "p.mpack"
    copy.write_bytes(pack_path.read_bytes())
    script = (f"import sqlite3, os; db = sqlite3.connect({str(copy)!r}); db.execute('PRAGMA journal_mode=WAL'); "
              "db.execute('PRAGMA journal_mode=DELETE'); "  # header stays rollback-mode
              "db.close(); db = sqlite3.connect(" + repr(str(copy)) + "); db.execute('PRAGMA journal_mode=WAL'); "
              "db.execute('PRAGMA wal_autocheckpoint=0'); db.execute('DELETE FROM observation'); db.commit(); "
              "os._exit(0)")
    subprocess.run([sys.executable, "-c", script], check=True)
    wal = pack_path.with_name("p.mpack-wal")
    wal.write_bytes((other / "p.mpack-wal").read_bytes())
    assert wal.stat().st_size > 0
    _refused(pack_path, capsys, "p.mpack-wal", "not applied", side=(wal,))


def test_a_foreign_journal_is_refused(pack_path, tmp_path, capsys):
    other = tmp_path / "o.mpack"  # another, larger pack: its journal does not fit this one
    with Pack.create(other) as pack:
        pack.set_meta(filler1="x" * 100_000, filler2="y" * 100_000, filler3="z" * 100_000)
    journal = _hot_journal(other)
    planted = pack_path.with_name("p.mpack-journal")
    planted.write_bytes(journal)
    _refused(pack_path, capsys, "p.mpack-journal", "not its own", side=(planted,))


def test_the_packs_own_journal_is_rolled_back(pack_path):
    before = sqlite3.connect(pack_path).execute("SELECT COUNT(*) FROM observation").fetchone()
    _hot_journal(pack_path)
    assert pack_path.with_name("p.mpack-journal").exists()
    with Pack.open(pack_path) as pack:
        assert pack.db.execute("SELECT COUNT(*) FROM observation").fetchone() == before == (1,)
        assert [n.body for n in annotation_store.all_notes(pack)] == ["private worry"]


def _hot_journal(path) -> bytes:
    """Kill a process in the middle of a large write to ``path``, leaving its hot journal; returns it."""
    script = (f"import sqlite3, os; db = sqlite3.connect({str(path)!r}, isolation_level=None); "
              "db.execute('PRAGMA cache_size=1'); db.execute('BEGIN'); "
              "db.execute(\"INSERT INTO meta VALUES ('pad', zeroblob(200000))\"); "
              "db.execute('DELETE FROM observation'); db.execute('DELETE FROM annotation'); os._exit(0)")
    subprocess.run([sys.executable, "-c", script], check=True)
    return path.with_name(path.name + "-journal").read_bytes()


def test_a_damaged_page_is_refused(pack_path, capsys):
    data = bytearray(pack_path.read_bytes())
    page = 4096
    data[2 * page: 2 * page + 64] = b"\xff" * 64  # the b-tree header of a table's root page
    pack_path.write_bytes(bytes(data))
    _refused(pack_path, capsys, "refused")


@pytest.mark.parametrize("cut", [100, 4096, 40_000])
def test_a_pack_cut_short_says_so(pack_path, capsys, cut):
    """A pack copied from a stick pulled out too soon was 'the pack is damaged (*** in database main ***
    Fragmentation of 63 bytes reported as 0 on page 92)' or 'database disk image is malformed'."""
    import os

    size = pack_path.stat().st_size
    os.truncate(pack_path, size - cut)
    _refused(pack_path, capsys, f"the pack is cut short ({size - cut:,} bytes of {size:,}): it was not copied or saved "
                                "whole; copy it again")


def test_integrity_check_on_demand(pack_path, capsys):
    assert main(["check", str(pack_path), "--integrity"]) == 0
    assert "integrity check: ok" in capsys.readouterr().out


def test_a_good_pack_opens_defensively(pack_path):
    with Pack.open(pack_path) as pack:
        assert pack.db.execute("PRAGMA trusted_schema").fetchone() == (0,)


def test_terminal_output_escapes_control_and_bidi_characters(pack_path, capsys):
    with Pack.open(pack_path) as pack:
        annotation_store.save(pack, Annotation("evil\x1b]0;owned\x07 \u202etxt.exe\nsecond line"))
    assert main(["notes", "list", str(pack_path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    assert "evil\\x1b]0;owned\\x07 \\u202etxt.exe second line" in out


def test_a_planted_part_symlink_is_not_followed(pack_path, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    out = tmp_path / "out.json"
    out.with_name("out.json.part").symlink_to(victim)
    assert main(["export", str(pack_path), "-o", str(out)]) == 0
    assert victim.read_text() == "keep me" and out.is_file() and not out.is_symlink()
    link = tmp_path / "link.json"   # a link at the target itself is replaced, not written through
    link.symlink_to(victim)
    assert main(["notes", "export", str(pack_path), str(link)]) == 0
    assert victim.read_text() == "keep me" and not link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir() if ".part" in p.name) == ["out.json.part"]


def test_damage_found_after_opening_a_large_pack_is_one_line(pack_path, capsys, monkeypatch):
    monkeypatch.setattr("memberpack.store.pack.QUICK_CHECK_BELOW", 0)  # as for a pack too large to quick-check
    (root,) = sqlite3.connect(pack_path).execute("SELECT rootpage FROM sqlite_master WHERE name = 'observation'"
                                                 ).fetchone()
    data = bytearray(pack_path.read_bytes())
    data[(root - 1) * 4096: (root - 1) * 4096 + 64] = b"\xff" * 64  # the figures' table
    pack_path.write_bytes(bytes(data))
    before = pack_path.read_bytes()
    assert main(["export", str(pack_path), "-o", str(pack_path.with_name("out.json"))]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "damaged" in err and "Traceback" not in err
    assert pack_path.read_bytes() == before


def test_a_pack_is_quick_checked_again_only_once_it_has_changed(pack_path, capsys, monkeypatch):
    from memberpack.store import open_checks

    checked = []
    real = open_checks.quick_check
    monkeypatch.setattr(open_checks, "quick_check", lambda path, db, **kw: checked.append(path) or real(path, db, **kw))
    Pack.open(pack_path).close()
    Pack.open(pack_path).close()   # a worker opening the window's pack: its pages were checked
    assert len(checked) == 1
    data = bytearray(pack_path.read_bytes())
    data[2 * 4096: 2 * 4096 + 64] = b"\xff" * 64   # damaged since: checked again, and refused
    pack_path.write_bytes(bytes(data))
    _refused(pack_path, capsys, "refused")
    assert len(checked) >= 2


@pytest.mark.parametrize("statement, where", [
    ("UPDATE observation SET value = 'abc'", "observation.value"),          # text kept in a REAL column
    ("UPDATE observation SET label = x'fffe00'", "observation.label"),
    ("UPDATE observation SET unit = 'parsecs'", "observation.unit"),
    ("UPDATE dataset SET layout_json = 'not json'", "dataset.layout_json"),
    ("UPDATE dataset SET report_json = '[1, 2]'", "dataset.report_json"),
    ("UPDATE annotation SET value = 'x'", "annotation.value"),
    # a note's text is at most 20,000 characters wherever memberpack saves one: a 200,000-character note
    # written by hand took the PDF export 49 s, and 5 MB did not finish in 5 minutes
    ("UPDATE annotation SET body = printf('%.*c', 200000, 'B')", "annotation.body"),
    ("UPDATE annotation SET label = printf('%.*c', 20001, 'L')", "annotation.label"),
    # a pack's details are at most 100,000 characters each: 20 MB in its committee's name (and a table's) took
    # the PDF export 8 minutes and 2 GB
    ("UPDATE meta SET value = printf('%.*c', 100001, 'C') WHERE key = 'committee'", "meta.value"),
    # a table's texts are at most 32,767 characters each (Excel's cell), as an import cuts them
    ("UPDATE dataset SET name = printf('%.*c', 32768, 'N')", "dataset.name"),
    ("UPDATE observation SET label = printf('%.*c', 32768, 'L')", "observation.label"),
    ("UPDATE observation SET display = printf('%.*c', 32768, 'D')", "observation.display"),
    # a table's layout and report are at most 1,000,000 characters of JSON each, as an import writes them
    ("UPDATE dataset SET report_json = json_object('warnings', json_array(printf('%.*c', 1000000, 'W')))",
     "dataset.report_json"),
    ("UPDATE dataset SET layout_json = json_object('title', printf('%.*c', 1000000, 'T'))", "dataset.layout_json"),
    ("INSERT INTO layout_memory VALUES ('shape', json_object('unit', printf('%.*c', 1000000, 'U')), '2024')",
     "layout_memory.layout_json"),
    # an infinity (SQLite keeps 9e999): the HTML export failed with an OverflowError, the JSON with a ValueError
    ("UPDATE observation SET value = 9e999", "observation.value"),
    ("UPDATE observation SET value = -9e999", "observation.value"),
    ("UPDATE annotation SET value = 9e999", "annotation.value"),
    # what the app reads of a table's report and layout, of the types an import writes: each failed an
    # export or `compare` half-way through with a TypeError, KeyError or ZeroDivisionError
    ("UPDATE dataset SET report_json = json_object('notes', 5)", "dataset.report_json"),
    ("UPDATE dataset SET report_json = json_object('notes', json_array('Source: DfE', 7))", "dataset.report_json"),
    ("UPDATE dataset SET report_json = json_object('verdict', 'unsure', 'doubts', 5)", "dataset.report_json"),
    ("UPDATE dataset SET report_json = json_object('verdict', json_array())", "dataset.report_json"),
    ("UPDATE dataset SET layout_json = json_object('convention', json_object('positive', 'weird'))",
     "dataset.layout_json"),
    ("UPDATE dataset SET layout_json = json_object('convention', json_object('scale', 0))", "dataset.layout_json"),
    ("UPDATE dataset SET layout_json = json_object('convention', json_object('scale', 'y'))", "dataset.layout_json"),
    ("UPDATE dataset SET layout_json = json_object('convention', json_object('decimals', -1))", "dataset.layout_json"),
    ("UPDATE dataset SET layout_json = json_object('convention', 'overspend')", "dataset.layout_json"),
])
def test_a_value_memberpack_never_writes_is_refused(pack_path, capsys, statement, where):
    """Hand-edited values (SQLite keeps text in a REAL column) failed half-way through an export
    with a TypeError or a JSONDecodeError; now the pack is refused on opening, in one line."""
    _craft(pack_path, statement)
    _refused(pack_path, capsys, where, "refused")


def test_a_huge_import_report_is_refused_without_being_read(pack_path, capsys):
    """A hand-edited pack carrying a huge import report was opened and exported (200 MB took 600 MB of
    memory); now it is refused in one line, the report never loaded into memory."""
    _craft(pack_path, "UPDATE dataset SET report_json = json_object('warnings', json_array(printf('%.*c', 40000000, 'W')))")
    script = ("from memberpack.store.pack import Pack\nfrom memberpack.errors import PackError\n"
              f"try:\n    Pack.open({str(pack_path)!r})\nexcept PackError as exc:\n    print(exc)\n"
              "print(next(int(line.split()[1]) // 1024 for line in open('/proc/self/status') if 'VmHWM' in line))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    said, peak = done.stdout.splitlines()
    assert "dataset.report_json" in said and "refused" in said
    assert int(peak) < 40, f"{peak} MB"   # Python and memberpack's store take about 16


def test_an_import_report_too_long_for_a_pack_is_stored_shortened(tmp_path):
    """A report listing a thousand section headings of 3,000 characters each is stored shortened, saying
    so, where it would have made a pack that is refused on opening; its verdict and doubts are kept."""
    from memberpack.store.json_fields import MAX_JSON

    report = {"verdict": "unsure", "doubts": ["the header row is in doubt"],
              "section_headings": [[row, "H" * 3_000] for row in range(1_000)]}
    path = tmp_path / "p.mpack"
    with Pack.create(path) as pack:
        pack.add_dataset(Dataset("Budget", "b.xlsx", "0" * 64, "M6", "A1:B2", report=report),
                         [Observation("Fieldwork", "Budget £m", 9_100_000.0, "GBP", "9.1", sheet="M6", cell="B2")])
    with Pack.open(path) as pack:
        (stored,) = pack.datasets()
        (length,) = pack.db.execute("SELECT length(report_json) FROM dataset").fetchone()
    assert length <= MAX_JSON
    assert stored.report["verdict"] == "unsure" and stored.report["doubts"] == ["the header row is in doubt"]
    assert stored.report["shortened"] == "3,010,975 characters of JSON were shortened to fit the pack"
    assert stored.report["section_headings"][999] == [999, "H" * 199 + "…"]


def test_a_figure_stored_as_text_in_a_pack_too_large_to_check_is_one_line(pack_path, capsys, monkeypatch):
    monkeypatch.setattr("memberpack.store.open_checks.CHECKED_ROWS", 0)
    _craft(pack_path, "UPDATE observation SET value = 'abc'")
    assert main(["export", str(pack_path), "-o", str(pack_path.with_name("out.pdf"))]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "observation.value" in err and "Traceback" not in err
    assert not pack_path.with_name("out.pdf").exists()


def test_an_infinite_figure_in_a_pack_too_large_to_check_is_one_line(pack_path, capsys, monkeypatch):
    monkeypatch.setattr("memberpack.store.open_checks.CHECKED_ROWS", 0)
    _craft(pack_path, "UPDATE observation SET value = 9e999")
    assert main(["export", str(pack_path), "-o", str(pack_path.with_name("out.html"))]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "observation.value" in err and "Traceback" not in err
    assert not pack_path.with_name("out.html").exists()


def test_what_an_import_writes_in_a_report_and_layout_opens(tmp_path):
    """The checks of a report's and a layout's shape pass every value an import writes."""
    report = {"verdict": "unsure", "doubts": ["the header row is in doubt"], "notes": ["Source: DfE"], "title": 5}
    layout = {"convention": {"positive": "surplus", "arrows": "down is worse", "scale": 1e6, "decimals": 1}}
    path = tmp_path / "p.mpack"
    with Pack.create(path) as pack:
        pack.add_dataset(Dataset("Budget", "b.xlsx", "0" * 64, "M6", "A1:B2", layout=layout, report=report),
                         [Observation("Fieldwork", "Budget £m", 9_100_000.0, "GBP", "9.1", sheet="M6", cell="B2")])
        pack.add_dataset(Dataset("Other", "c.xlsx", "1" * 64, "M6", "A1:B2", layout={"convention": None},
                                 report={"notes": None, "verdict": None}), [])
    with Pack.open(path) as pack:
        assert [ds.report.get("verdict") for ds in pack.datasets()] == ["unsure", None]


def test_a_note_history_that_is_not_json_is_refused(pack_path, capsys):
    _craft(pack_path, "INSERT INTO annotation_history(uid, snapshot, replaced_at) VALUES ('x', 'garbage', 'y')")
    _refused(pack_path, capsys, "annotation_history.snapshot", "refused")


def _block_head_edited(tmp_path, edit):
    """A pack of one imported table whose block of figures has its head (JSON) changed by ``edit``."""
    import json

    path = tmp_path / "p.mpack"
    rows = "".join(f"Line {i},{i}.5,{2 * i}\n" for i in range(300))
    (tmp_path / "b.csv").write_text("Service,Budget £k,Spend £k\n" + rows, encoding="utf-8")
    assert main(["import", str(path), str(tmp_path / "b.csv")]) == 0
    db = sqlite3.connect(path)
    (rowid, head), = db.execute("SELECT rowid, head FROM observation_block").fetchall()
    head = json.loads(head)
    edit(head)
    db.execute("UPDATE observation_block SET head = ? WHERE rowid = ?", (json.dumps(head), rowid))
    db.commit()
    db.close()
    return path


def test_a_block_of_figures_with_a_label_longer_than_an_import_writes_is_one_line(tmp_path, capsys):
    """A 20 MB label in a table's block of figures (its head) took the PDF export minutes and gigabytes."""
    def longer(head):
        head["labels"][0] = "L" * 40_000

    path = _block_head_edited(tmp_path, longer)
    capsys.readouterr()
    assert main(["export", str(path), "-o", str(tmp_path / "out.pdf")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot be read" in err and "32,767 characters" in err
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.parametrize("field, value", [("labels", None), ("labels", [None]), ("roles", None), ("roles", ["grand"]),
                                          ("sections", None)])
def test_a_block_of_figures_whose_rows_have_no_label_or_role_is_one_line(tmp_path, capsys, field, value):
    """A block's head edited to give a row no label (null) made the PDF and HTML exports and `compare`
    fail with an AttributeError traceback (found by fuzzing the heads of stored blocks)."""
    def emptied(head):
        head[field] = value if value is None else value + head[field][len(value):]

    path = _block_head_edited(tmp_path, emptied)
    before = path.read_bytes()
    capsys.readouterr()
    for out in ("out.pdf", "out.html", "out.json"):
        assert main(["export", str(path), "-o", str(tmp_path / out)]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "a stored block of figures cannot be read" in err, err
        assert not (tmp_path / out).exists()
    assert path.read_bytes() == before

def test_texts_longer_than_a_pack_holds_are_cut_at_import(tmp_path):
    """A CSV field may be a million characters (an .ods cell or sheet name has no limit): each text of a
    table is cut to 32,767 characters at import, so the pack it makes opens."""
    from memberpack.model.observation import MAX_TEXT

    path = tmp_path / "p.mpack"
    title, label = "T" * 100_000, "L" * 90_000
    rows = "".join(f"Line {i},{i}.5,{2 * i}\n" for i in range(300))
    (tmp_path / "b.csv").write_text(f"{title}\nService,Budget £k,Spend £k\n{label},1,2\n{rows}", encoding="utf-8")
    odd = "Service,Budget £k,Note\n" + "".join(f"Line {i},{i},{'x' if i % 2 else 'N' * 50_000}\n" for i in range(6))
    (tmp_path / "odd.csv").write_text(odd, encoding="utf-8")
    assert main(["import", str(path), str(tmp_path / "b.csv"), str(tmp_path / "odd.csv")]) == 0
    with Pack.open(path) as pack:
        texts = [text for ds in pack.datasets() for text in (ds.name, ds.key)]
        texts += [text for ds in pack.datasets() for o in pack.iter_observations(ds.id)
                  for text in (o.label, o.display, o.measure, o.section or "")]
    assert max(map(len, texts)) == MAX_TEXT and "L" * (MAX_TEXT - 1) + "…" in texts


@pytest.mark.parametrize("layout", [
    '{"header_offsets": [0], "units_offset": 9999999999999, "label_column": "A"}',   # the reader asked for 6 GB
    '{"header_offsets": "abc", "label_column": 5}',                                  # a TypeError: 'it crashed'
    '{"header_offsets": [0, 99999999], "label_column": "A", "kind": "budget_monitor"}',   # no table found
    '{"header_offsets": [0], "label_column": "A", "kind": "nonsense", "unit_by_hand": "yes"}',
    '{"header_offsets": [0], "label_column": "A", "key_columns": ["B", "not a column"]}',
    '{"header_offsets": [0], "label_column": "A", "key_columns": "B"}',
])
def test_a_remembered_layout_edited_by_hand_is_not_applied(tmp_path, capsys, layout):
    """A pack's layouts remembered for the next return of each shape were applied as they were: header
    rows a billion rows down, words for rows. One not as memberpack writes it is left unused."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Service", "Budget £k", "Spend £k"])
    for i in range(10):
        wb.active.append([f"Line {i}", i + 0.5, 2 * i])
    wb.save(tmp_path / "m6.xlsx")
    path = tmp_path / "p.mpack"
    assert main(["import", str(path), str(tmp_path / "m6.xlsx")]) == 0
    _craft(path, f"UPDATE layout_memory SET layout_json = '{layout}'")
    capsys.readouterr()
    assert main(["import", str(path), str(tmp_path / "m6.xlsx"), "--again"]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "10 rows, 20 figures read; budget_monitor (columns name budget / projection), layout detected" in out


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_given_as_the_pack_is_named_for_what_it_is(tmp_path, capsys):
    import os

    pipe = tmp_path / "p.mpack"
    os.mkfifo(pipe)
    capsys.readouterr()
    assert main(["details", str(pipe)]) == 1
    assert capsys.readouterr().err.strip() == f"memberpack: {pipe}: is a device or pipe, not a pack file"


def _blocked_pack(path, labels):
    """A pack holding one table whose rows, labelled ``labels``, are given as one block of figures."""
    import numpy as np

    from memberpack.model.blocks import BlockColumn, Coded, FigureBlock

    n = len(labels)
    budget = BlockColumn(1, "B", "Budget £k", "GBP", "budget", "2023/24", np.arange(n, dtype=float), factor=1000.0)
    block = FigureBlock("M6", np.arange(n, dtype=np.int32), np.arange(2, n + 2, dtype=np.int32), Coded.of(labels),
                        Coded.same(None, n), Coded.same("data", n), [budget], None, None)
    with Pack.create(path) as pack:
        pack.add_dataset(Dataset("Budget", "b.xlsx", "0" * 64, "M6", f"A1:B{n + 1}"), [block])
    return path, list(block.observations())


def test_a_block_of_figures_whose_head_is_megabytes_is_refused_without_being_read(tmp_path, capsys):
    """A block's head is a few kilobytes; one padded to megabytes (valid JSON, every field as an import
    writes) was read whole and parsed: now it is refused in one line, never loaded into memory."""
    path, _ = _blocked_pack(tmp_path / "p.mpack", [f"Line {i}" for i in range(300)])
    _craft(path, "UPDATE observation_block SET head = printf('%.*c', 2000000, ' ') || head")
    before = path.read_bytes()
    assert main(["export", str(path), "-o", str(tmp_path / "out.json")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and str(path) in err, err
    assert "a stored block of figures has a head longer than the 1,000,000 characters" in err and "damaged" in err
    assert path.read_bytes() == before and not (tmp_path / "out.json").exists()


def test_a_block_whose_head_would_be_longer_than_a_pack_reads_is_stored_figure_by_figure(tmp_path):
    """300 distinct labels of 5,000 characters make a head of 1.5 MB: the figures are stored one by one,
    so the pack written opens and reads back the same."""
    path, figures = _blocked_pack(tmp_path / "p.mpack", [f"{i} " + "L" * 5_000 for i in range(300)])
    with Pack.open(path) as pack:
        (ds,) = pack.datasets()
        assert pack.block_rows(ds.id) == (0, 0)
        assert [(o.label, o.value, o.cell) for o in pack.observations(ds.id)] == \
            [(o.label, o.value, o.cell) for o in figures]


def test_a_huge_note_in_a_row_numbered_past_the_checked_rows_is_refused(pack_path, capsys):
    """Numbering a note's row 2,000,000 made its table look too long to check, so a note of 50 MB
    (here 1 MB) was read: the PDF export ran for minutes. The rows are counted, not their numbers."""
    _craft(pack_path, "INSERT INTO annotation(rowid, uid, target_type, kind, visibility, status, body, author, "
                      "created_at, modified_at) VALUES (2000000, 'aaaaaaaa-0000-4000-8000-000000000000', 'pack', "
                      "'note', 'shared', 'open', printf('%.*c', 1000000, 'B'), 'x', '2024-01-01T00:00:00+00:00', "
                      "'2024-01-01T00:00:00+00:00')")
    _refused(pack_path, capsys, "annotation.body", "refused")


def test_a_huge_label_in_a_table_too_large_to_check_is_refused_as_it_is_read(pack_path, capsys, monkeypatch):
    """A figure's label of megabytes, in a table too large to check on opening, is refused as the table is
    read, before it is loaded."""
    monkeypatch.setattr("memberpack.store.open_checks.CHECKED_ROWS", 0)
    _craft(pack_path, "UPDATE observation SET label = printf('%.*c', 5000000, 'L')")
    assert main(["export", str(pack_path), "-o", str(pack_path.with_name("out.pdf"))]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and str(pack_path) in err, err
    assert "longer than the 32,767 characters memberpack writes" in err
    assert not pack_path.with_name("out.pdf").exists()


def test_two_figures_of_a_row_in_one_column_are_exported(tmp_path, capsys):
    """A pack edited by hand so that two of a row's figures share a column (``Q1`` and ``Q2`` both in
    column 1): the headlines looked up the second measure among the table's columns, and the HTML and PDF
    exports failed with a KeyError."""
    path = tmp_path / "p.mpack"
    with Pack.create(path) as pack:
        pack.add_dataset(Dataset("Looked after", "c.xlsx", "0" * 64, "KPIs", "A1:C2", domain="social_care"), [
            Observation("Children looked after", "Q1", 10.0, "count", "10", period="2023/24 Q1", cell="B2", row=1, col=1),
            Observation("Children looked after", "Q2", 12.0, "count", "12", period="2023/24 Q2", cell="C2", row=1, col=1)])
    assert main(["export", str(path), "-o", str(tmp_path / "out.html")]) == 0, capsys.readouterr().err
