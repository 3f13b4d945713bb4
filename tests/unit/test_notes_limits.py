"""One set of limits for notes: what `notes add` (and the app) accepts, `notes merge` accepts too;
a bad note is skipped and reported, never the whole file; timestamps and text are checked on the way in."""

import json
import time

import pytest
from notes_packs import cli_pack, run

from memberpack.export.notes_file import note_dict
from memberpack.model.annotations import MAX_TEXT, Annotation
from memberpack.store import annotation_store
from memberpack.store.pack import Pack


@pytest.fixture
def pack(tmp_path, capsys):
    path = cli_pack(tmp_path)
    capsys.readouterr()
    return path


def test_notes_add_refuses_a_note_merge_would_refuse(pack, capsys):
    before = pack.read_bytes()
    status, out, err = run(capsys, "notes", "add", pack, "--kind", "note", "--text", "x" * 120_000)
    assert status == 1 and out == "" and len(err.splitlines()) == 1
    assert err == ("memberpack: p.mpack: the note cannot be saved: body must be text of at most 20,000 characters "
                   "(it has 120,000)")
    assert pack.read_bytes() == before
    status, _, err = run(capsys, "notes", "add", pack, "--kind", "note", "--text", "x" * MAX_TEXT)
    assert status == 0, err


def test_a_note_at_the_limit_travels_from_add_to_merge(pack, tmp_path, capsys):
    assert run(capsys, "notes", "add", pack, "--kind", "question", "--text", "é" * MAX_TEXT)[0] == 0
    assert run(capsys, "notes", "export", pack, tmp_path / "n.json")[0] == 0
    other = tmp_path / "other.mpack"
    other.write_bytes(pack.read_bytes())
    with Pack.open(other) as p:
        p.db.execute("DELETE FROM annotation")
    status, out, err = run(capsys, "notes", "merge", other, tmp_path / "n.json")
    assert status == 0 and out.endswith("1 new, 0 updated, 0 older version(s) kept in history, 0 already in the pack")


def test_ten_thousand_notes_export_and_merge(pack, tmp_path, capsys):
    with Pack.open(pack) as p, p.transaction():
        for i in range(10_000):
            annotation_store.save(p, Annotation(f"Question {i}: why is the forecast for this service line "
                                                "above budget again this month, and what is being done? " * 5))
    started = time.perf_counter()
    assert run(capsys, "notes", "export", pack, tmp_path / "n.json")[0] == 0
    assert (tmp_path / "n.json").stat().st_size > 6_000_000
    other = tmp_path / "other.mpack"
    other.write_bytes(pack.read_bytes())
    with Pack.open(other) as p:
        p.db.execute("DELETE FROM annotation")
    status, out, err = run(capsys, "notes", "merge", other, tmp_path / "n.json")
    assert status == 0, err
    assert out.endswith("10000 new, 0 updated, 0 older version(s) kept in history, 0 already in the pack")
    assert time.perf_counter() - started < 60


def test_merge_skips_the_bad_note_and_keeps_the_others(pack, tmp_path, capsys):
    with Pack.open(pack) as p:
        uid = p.meta()["uid"]
    good = Annotation("Keep me", created_at="2023-12-01T10:00:00+00:00", modified_at="2023-12-01T10:00:00+00:00")
    future = note_dict(Annotation("From the future", created_at="2023-12-01T10:00:00+00:00"))
    future["modified_at"] = "9999-12-31T23:59:59+00:00"
    doc = {"format": "memberpack-notes", "version": 1, "pack": {"uid": uid}, "notes": [future, note_dict(good)]}
    (tmp_path / "n.json").write_text(json.dumps(doc))
    status, out, err = run(capsys, "notes", "merge", pack, tmp_path / "n.json")
    assert status == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].endswith("1 new, 0 updated, 0 older version(s) kept in history, 0 already in the pack, "
                             "1 skipped (not valid)")
    assert lines[1] == "  skipped note 1: modified_at is more than a day in the future"
    with Pack.open(pack) as p:
        assert [n.body for n in annotation_store.all_notes(p)] == ["Keep me"]


def test_answering_a_note_stamped_at_the_end_of_time_does_not_crash(pack, capsys):
    # Stored before timestamps were checked on the way in.
    with Pack.open(pack) as p:
        note = Annotation("Old", kind="question", created_at="2023-12-01T10:00:00+00:00")
        annotation_store.save(p, note)
        p.db.execute("UPDATE annotation SET modified_at = '9999-12-31T23:59:59+00:00'")
    status, out, err = run(capsys, "notes", "answer", pack, note.uid[:8], "--text", "Because")
    assert (status, len(err.splitlines())) in ((0, 0), (1, 1)), err
    assert "Traceback" not in err


def test_text_that_is_not_valid_unicode_is_one_line(pack, capsys):
    # Bytes that are not UTF-8 on the command line reach Python as lone surrogates.
    before = pack.read_bytes()
    status, _, err = run(capsys, "notes", "add", pack, "--kind", "note", "--text", "caf\udcff")
    assert status == 1 and err == ("memberpack: p.mpack: the note cannot be saved: body holds characters that are "
                                   "not valid Unicode (a lone surrogate)")
    assert pack.read_bytes() == before


def test_a_number_too_long_to_read_is_one_line_and_changes_nothing(pack, tmp_path, capsys):
    """A 5,000-digit number in a notes file raised Python's integer-string ValueError as a traceback."""
    bad = tmp_path / "n.json"
    bad.write_text('{"format": "memberpack-notes", "version": ' + "1" * 5000 + "}", encoding="utf-8")
    before = pack.read_bytes()
    status, out, err = run(capsys, "notes", "merge", pack, bad)
    assert status == 1 and out == "" and err.count("\n") == 0 and "not valid JSON" in err
    assert pack.read_bytes() == before
