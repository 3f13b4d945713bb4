"""Notes files: export, merge without loss, refuse what is not for this pack."""

import json
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from notes_packs import month6_pack

from memberpack.analysis.annotation_targets import find_figures, observation_target
from memberpack.errors import NotesError
from memberpack.export import notes_file
from memberpack.export.notes_file import merge_notes_file, note_dict, read_notes_file, write_notes_file
from memberpack.model.annotations import ANSWERED, PRIVATE, QUESTION, Annotation
from memberpack.store import annotation_store
from memberpack.store.pack import Pack


@pytest.fixture
def packs(tmp_path):
    """The clerk's pack and a member's copy of it (same pack, same uid)."""
    clerk = month6_pack(tmp_path)
    member = tmp_path / "member.mpack"
    shutil.copy(clerk, member)
    return clerk, member


def _question(pack, text="Why is the placements variance so high?", **fields):
    (figure,) = find_figures(pack, "External Placements", measure="variance")
    note = Annotation(text, observation_target(*figure), kind=QUESTION, author="Cllr Smith", **fields)
    annotation_store.save(pack, note)
    return note


def _at(note, second):
    return replace(note, modified_at=f"2023-12-01T10:00:{second:02d}+00:00")


def _first_question(path, out):
    """A question written at 10:00:00 in the pack at ``path``, exported to ``out``."""
    with Pack.open(path) as pack:
        question = _question(pack, modified_at="2023-12-01T10:00:00+00:00")
        write_notes_file(pack, out)
    return question


def test_private_notes_stay_out_unless_asked_for(packs, tmp_path):
    _, member = packs
    with Pack.open(member) as pack:
        shared = _question(pack)
        _question(pack, "My own reminder", visibility=PRIVATE)
        assert write_notes_file(pack, tmp_path / "shared.json") == 1
        assert write_notes_file(pack, tmp_path / "all.json", include_private=True) == 2
    doc = json.loads((tmp_path / "shared.json").read_text(encoding="utf-8"))
    assert (doc["format"], doc["version"]) == ("memberpack-notes", 1)
    assert [n["uid"] for n in doc["notes"]] == [shared.uid]
    assert doc["notes"][0]["target"]["value"] == 10_400_000
    assert "My own reminder" not in (tmp_path / "shared.json").read_text(encoding="utf-8")
    assert len(read_notes_file(tmp_path / "all.json").notes) == 2


def test_merge_is_idempotent_and_conflicts_go_newest_first_with_history(packs, tmp_path):
    clerk, member = packs
    question = _first_question(member, tmp_path / "member.json")
    with Pack.open(clerk) as pack:
        assert merge_notes_file(pack, tmp_path / "member.json").added == 1
    before = clerk.read_bytes()
    with Pack.open(clerk) as pack:
        again = merge_notes_file(pack, tmp_path / "member.json")
        assert (again.added, again.updated, again.unchanged) == (0, 0, 1)
        assert len(annotation_store.all_notes(pack)) == 1
    assert clerk.read_bytes() == before

    # the clerk records an answer at :05; the member rewords the question at :09
    with Pack.open(clerk) as pack:
        annotation_store.save(pack, _at(replace(question, status=ANSWERED, answer="Three new residential placements."), 5))
        write_notes_file(pack, tmp_path / "clerk.json")
    with Pack.open(member) as pack:
        annotation_store.save(pack, _at(replace(question, body="Why has the variance grown?"), 9))
        write_notes_file(pack, tmp_path / "member.json")
        assert merge_notes_file(pack, tmp_path / "clerk.json").kept == 1
    with Pack.open(clerk) as pack:
        assert merge_notes_file(pack, tmp_path / "member.json").updated == 1
    for path in (clerk, member):
        with Pack.open(path) as pack:
            (note,) = annotation_store.all_notes(pack)
            assert (note.body, note.status, note.modified_at) == (
                "Why has the variance grown?", "open", "2023-12-01T10:00:09+00:00")
            earlier = annotation_store.history(pack, question.uid)
            assert sorted((h["body"], h["status"], h["modified_at"][-8:-6]) for h in earlier) == [
                ("Why is the placements variance so high?", "answered", "05"),
                ("Why is the placements variance so high?", "open", "00")]


def test_same_second_edits_are_decided_the_same_way_on_both_sides(packs, tmp_path):
    clerk, member = packs
    question = _first_question(clerk, tmp_path / "base.json")
    with Pack.open(member) as pack:
        merge_notes_file(pack, tmp_path / "base.json")
        annotation_store.save(pack, _at(replace(question, body="Member's wording"), 7))
        write_notes_file(pack, tmp_path / "member.json")
    with Pack.open(clerk) as pack:
        annotation_store.save(pack, _at(replace(question, body="Clerk's wording"), 7))
        write_notes_file(pack, tmp_path / "clerk.json")
        merge_notes_file(pack, tmp_path / "member.json")
        clerk_side = annotation_store.get(pack, question.uid).body
    with Pack.open(member) as pack:
        merge_notes_file(pack, tmp_path / "clerk.json")
        assert annotation_store.get(pack, question.uid).body == clerk_side


def _valid_document(uid):
    note = Annotation("A question", kind=QUESTION, created_at="2023-12-01T10:00:00+00:00",
                      modified_at="2023-12-01T10:00:00+00:00")
    return {"format": "memberpack-notes", "version": 1, "pack": {"uid": uid}, "notes": [note_dict(note)]}


def _broken(doc, change):
    change(doc)
    return json.dumps(doc)


BROKEN = {
    "not JSON": (lambda uid: '{"format": "memberpack-notes", "notes": [', "not valid JSON text (line 1)"),
    "not UTF-8": (lambda uid: b"\xff\xfe\x00garbage", "not valid JSON text"),
    "a list": (lambda uid: "[]", "not a memberpack notes file"),
    "other format": (lambda uid: _broken(_valid_document(uid), lambda d: d.update(format="x")), "not a memberpack"),
    "newer version": (lambda uid: _broken(_valid_document(uid), lambda d: d.update(version=2)), "newer memberpack"),
    "no pack": (lambda uid: _broken(_valid_document(uid), lambda d: d.pop("pack")), "which pack"),
    "huge": (lambda uid: json.dumps(_valid_document(uid)) + " " * 2_000, "too large for a notes file"),
}

# One bad note is skipped and reported; the file's other notes are merged.
BAD_NOTES = {
    "no body": (lambda n: n.pop("body"), "note 1: body must be text"),
    "bad kind": (lambda n: n.update(kind="rant"), "note 1: kind must be one of note, question, concern"),
    "value as text": (lambda n: n["target"].update(value="ten"), "note 1: target value must be a number"),
    # an integer of 400 digits took the merge down with a traceback (OverflowError); 1e308 no pack holds
    "value of 400 digits": (lambda n: n["target"].update(value=10 ** 400), "note 1: target value must be a number"),
    "value beyond a pack's figures": (lambda n: n["target"].update(value=-1e308),
                                      "note 1: target value must be a number"),
    "bad time": (lambda n: n.update(modified_at="yesterday"), "note 1: modified_at must be an ISO date"),
    "bad uid": (lambda n: n.update(uid=7), "note 1: has no valid uid"),
    "too long": (lambda n: n.update(body="x" * 20_001), "note 1: body must be text of at most 20,000 characters"),
    "far future": (lambda n: n.update(modified_at="9999-12-31T23:59:59+00:00"),
                   "note 1: modified_at is more than a day in the future"),
    "year 1 with an offset": (lambda n: n.update(created_at="0001-01-01T00:00:00+05:00"),
                              "note 1: created_at must be an ISO date and time"),
    "year 1": (lambda n: n.update(created_at="0001-01-01T00:00:00+00:00"), "note 1: created_at is before 1970"),
    "lone surrogate": (lambda n: n.update(body="caf\ud800"), "note 1: body holds characters that are not valid Unicode"),
}


@pytest.mark.parametrize("case", BAD_NOTES)
def test_a_bad_note_is_skipped_and_reported_and_the_others_merged(packs, tmp_path, case):
    clerk, _ = packs
    with Pack.open(clerk) as pack:
        uid = pack.meta()["uid"]
    document = _valid_document(uid)
    good = Annotation("A good question", kind=QUESTION, created_at="2023-12-01T10:00:00+00:00",
                      modified_at="2023-12-01T10:00:00+00:00")
    document["notes"].append(note_dict(good))
    change, message = BAD_NOTES[case]
    change(document["notes"][0])
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document))
    with Pack.open(clerk) as pack:
        summary = merge_notes_file(pack, bad)
        assert summary.added == 1 and annotation_store.get(pack, good.uid).body == "A good question"
    assert len(summary.skipped) == 1 and summary.skipped[0].startswith(message), summary.skipped
    assert "1 skipped (not valid)" in summary.line("bad.json")


@pytest.mark.parametrize("case", BROKEN)
def test_malformed_files_are_refused_with_the_pack_unchanged(packs, tmp_path, case, monkeypatch):
    monkeypatch.setattr(notes_file, "MAX_FILE_BYTES", 1_000)
    clerk, _ = packs
    with Pack.open(clerk) as pack:
        uid = pack.meta()["uid"]
    content, message = BROKEN[case]
    data = content(uid)
    bad = tmp_path / "bad.json"
    (bad.write_bytes if isinstance(data, bytes) else bad.write_text)(data)
    before = clerk.read_bytes()
    with Pack.open(clerk) as pack, pytest.raises(NotesError) as exc:
        merge_notes_file(pack, bad)
    assert message in str(exc.value) and str(exc.value).startswith("bad.json: ") and "\n" not in str(exc.value)
    assert clerk.read_bytes() == before


def test_a_file_nested_too_deeply_for_python_is_named_so_not_called_invalid_json(packs, tmp_path):
    """100,000 nested lists are valid JSON, which had been called 'not valid JSON text'."""
    clerk, _ = packs
    bad = tmp_path / "deep.json"
    bad.write_text('{"format": "memberpack-notes", "version": 1, "notes": ' + "[" * 100_000 + "]" * 100_000 + "}")
    before = clerk.read_bytes()
    with Pack.open(clerk) as pack, pytest.raises(NotesError) as exc:
        merge_notes_file(pack, bad)
    assert str(exc.value) == "deep.json: not a memberpack notes file: its JSON is nested too deeply to be one"
    assert clerk.read_bytes() == before


@pytest.mark.parametrize("kind, said", [("pipe", "is a device or pipe, not a notes file"),
                                        ("folder", "is a folder, not a notes file")])
def test_a_pipe_or_a_folder_given_as_a_notes_file_is_refused_at_once(packs, tmp_path, kind, said):
    """``notes merge PACK FIFO`` waited for ever for a writer to open the pipe."""
    import os
    import threading

    clerk, _ = packs
    odd = tmp_path / "notes.json"
    os.mkfifo(odd) if kind == "pipe" else odd.mkdir()
    before, outcome = clerk.read_bytes(), []

    def merge() -> None:
        with Pack.open(clerk) as pack:
            try:
                merge_notes_file(pack, odd)
            except NotesError as exc:
                outcome.append(str(exc))

    reading = threading.Thread(target=merge, daemon=True)
    reading.start()
    reading.join(timeout=10)
    if reading.is_alive():   # (the old reader, stuck: a writer opening the pipe lets it go)
        os.close(os.open(odd, os.O_WRONLY | os.O_NONBLOCK))
        reading.join()
    assert outcome == [f"{odd}: {said}"]
    assert clerk.read_bytes() == before


def test_a_valid_document_is_accepted(packs, tmp_path):
    clerk, _ = packs
    with Pack.open(clerk) as pack:
        good = tmp_path / "good.json"
        good.write_text(json.dumps(_valid_document(pack.meta()["uid"])))
        assert merge_notes_file(pack, good).added == 1


def test_notes_for_another_pack_are_refused(packs, tmp_path):
    clerk, _ = packs
    other = month6_pack(tmp_path, "other.mpack")
    with Pack.open(other) as pack:
        _question(pack)
        write_notes_file(pack, tmp_path / "other.json")
    before = clerk.read_bytes()
    with Pack.open(clerk) as pack, pytest.raises(NotesError, match="for another pack .*nothing was merged"):
        merge_notes_file(pack, tmp_path / "other.json")
    assert clerk.read_bytes() == before


def test_a_pack_without_an_identity_gets_one_on_export_but_not_on_a_refused_merge(tmp_path):
    path = month6_pack(tmp_path)
    with Pack.open(path) as pack:
        pack.db.execute("DELETE FROM meta WHERE key = 'uid'")
        _question(pack)
        other = tmp_path / "other.json"
        other.write_text(json.dumps(_valid_document("0b4b3a70-dd84-4d43-bb05-452867b56569")))
    before = path.read_bytes()
    with Pack.open(path) as pack:
        with pytest.raises(NotesError, match="another pack"):
            merge_notes_file(pack, other)
        assert "uid" not in pack.meta()
    assert path.read_bytes() == before
    with Pack.open(path) as pack:
        write_notes_file(pack, tmp_path / "mine.json")
        assert read_notes_file(tmp_path / "mine.json").pack["uid"] == pack.meta()["uid"]


UIDS = ("6f1c1de2-54db-43c8-a903-9d13d7dcca5d", "7a0e6a8c-27d3-4a9e-9a5e-1c0b6f8a9c01",
        "8b2d9e11-0f5a-4c61-8d7e-2a3b4c5d6e7f")
_versions = st.dictionaries(
    st.sampled_from(UIDS),
    st.tuples(st.sampled_from(("Why?", "Why so high?", "Who approved it?")), st.integers(0, 3),
              st.sampled_from(("open", "answered"))),
    min_size=1, max_size=3)


@settings(max_examples=25, deadline=None)
@given(files=st.lists(_versions, min_size=1, max_size=4), order=st.randoms(use_true_random=False))
def test_merging_in_any_order_gives_the_same_notes(files, order):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        base = folder / "base.mpack"
        Pack.create(base).close()
        with Pack.open(base) as pack:
            uid = pack.meta()["uid"]
        paths = []
        for i, versions in enumerate(files):
            notes = [Annotation(body, uid=note_uid, status=status, answer="Yes." if status == "answered" else None,
                                created_at="2023-12-01T09:00:00+00:00",
                                modified_at=f"2023-12-01T10:00:0{second}+00:00")
                     for note_uid, (body, second, status) in versions.items()]
            paths.append(folder / f"member{i}.json")
            paths[-1].write_text(json.dumps({"format": "memberpack-notes", "version": 1, "pack": {"uid": uid},
                                             "notes": [note_dict(n) for n in notes]}))
        shuffled = list(paths)
        order.shuffle(shuffled)
        results = []
        for name, sequence in (("forward", paths), ("shuffled", shuffled), ("twice", paths + shuffled[::-1])):
            copy = folder / f"{name}.mpack"
            shutil.copy(base, copy)
            with Pack.open(copy) as pack:
                for path in sequence:
                    merge_notes_file(pack, path)
                results.append(([n.snapshot() for n in annotation_store.all_notes(pack)],
                                {u: sorted(json.dumps(h, sort_keys=True) for h in annotation_store.history(pack, u))
                                 for u in UIDS}))
        assert results[0] == results[1] == results[2]
        assert {n["uid"] for n in map(json.loads, results[0][0])} == {u for f in files for u in f}
