"""Exempt information per table and per note: who classified what and when, every version of a
table, notes on exempt tables, and an exempt note's classification carried by a notes file."""

import re

import pytest

from memberpack.analysis.output_version import FULL, PUBLIC, note_exemptions, output_pack
from memberpack.cli.main import main
from memberpack.model.annotations import Annotation, Target
from memberpack.model.observation import Dataset, Observation
from memberpack.store import annotation_store, classification
from memberpack.store.pack import Pack


def _table(pack, figure):
    return pack.add_dataset(Dataset("Staffing", "s.xlsx", "0" * 64, "S", "A1:B2", key="staffing"),
                            [Observation("Severance", "Cost £k", figure, "GBP", "x", sheet="S", cell="B2")])


def test_classification_holds_for_every_version_and_keeps_its_history(tmp_path, capsys):
    path = tmp_path / "p.mpack"
    with Pack.create(path) as pack:
        _table(pack, 1000.0)
    assert main(["classify", str(path), "--dataset", "staff", "--exempt", "4", "--reason", "talks", "--by", "clerk"]) == 0
    assert main(["classify", str(path), "--dataset", "staff", "--public", "--by", "chair"]) == 0
    assert main(["classify", str(path), "--dataset", "staff", "--exempt", "1", "--by", "clerk"]) == 0
    with Pack.open(path) as pack:
        _table(pack, 2000.0)   # next month's return
        note = Annotation("on the table", Target(type="dataset", dataset_key="staffing"))
        annotation_store.save(pack, note)
        assert [(p, who) for p, _, who, _ in classification.history(pack, "dataset", "staffing")] == [
            (4, "clerk"), (None, "chair"), (1, "clerk")]
        assert note_exemptions(pack)[note.uid].paragraph == 1
        with output_pack(pack, PUBLIC) as (view, ov):
            assert view.datasets() == [] and annotation_store.all_notes(view) == []
            assert [w.text for w in ov.withheld] == [
                "Exempt information (paragraph 1 of Schedule 12A): not for publication"]
            assert view.db.execute("SELECT COUNT(*) FROM dataset").fetchone() == (0,)  # no version left
        with output_pack(pack, FULL) as (view, ov):
            assert view is pack and ov.paragraphs == (1,)
    capsys.readouterr()
    assert main(["classify", str(path)]) == 0
    assert "table Staffing: Exempt, paragraph 1 set by clerk" in capsys.readouterr().out
    with pytest.raises(SystemExit) as usage:
        main(["classify", str(path), "--dataset", "staff", "--exempt", "9"])
    assert usage.value.code == 2


def test_an_exempt_note_stays_exempt_through_a_notes_file(tmp_path):
    member, clerk = tmp_path / "member.mpack", tmp_path / "clerk.mpack"
    Pack.create(member).close()
    clerk.write_bytes(member.read_bytes())
    assert main(["notes", "add", str(member), "--kind", "question", "--text", "About Mr X zq9", "--exempt", "1"]) == 0
    assert main(["notes", "export", str(member), str(tmp_path / "public.json")]) == 0
    assert "zq9" not in (tmp_path / "public.json").read_text()
    assert main(["notes", "export", str(member), str(tmp_path / "full.json"), "--version", "full"]) == 0
    assert main(["notes", "merge", str(clerk), str(tmp_path / "full.json")]) == 0
    assert main(["export", str(clerk), "-o", str(tmp_path / "out.json")]) == 0
    assert "zq9" not in (tmp_path / "out.json").read_text()
    assert main(["export", str(clerk), "-o", str(tmp_path / "all.json"), "--version", "full"]) == 0
    assert "zq9" in (tmp_path / "all.json").read_text()


def test_notes_list_leaves_exempt_notes_out_unless_asked_for_the_full_version(tmp_path, capsys):
    """`notes list` printed exempt notes (and notes on exempt tables, with their figures) with no
    --version, where every other output leaves them out unless --version full is given."""
    path = tmp_path / "p.mpack"
    with Pack.create(path) as pack:
        _table(pack, 1000.0)
    assert main(["classify", str(path), "--dataset", "staff", "--exempt", "4"]) == 0
    assert main(["notes", "add", str(path), "--kind", "question", "--text", "About Mr X zq9", "--exempt", "1"]) == 0
    assert main(["notes", "add", str(path), "--kind", "note", "--text", "On the table zq6", "--dataset", "staff"]) == 0
    assert main(["notes", "add", str(path), "--kind", "note", "--text", "Open zq8", "--private"]) == 0
    capsys.readouterr()
    assert main(["notes", "list", str(path)]) == 0
    out = capsys.readouterr().out
    assert "zq8" in out and "zq9" not in out and "zq6" not in out
    assert out.splitlines()[-1] == "2 exempt note(s) not listed (--version full lists them)"
    assert main(["notes", "list", str(path), "--version", "full"]) == 0
    out = capsys.readouterr().out
    assert "[exempt, paragraph 1]: About Mr X zq9" in out and "[exempt, paragraph 4]: On the table zq6" in out
    assert "not listed" not in out
    assert main(["details", str(path), "--classification", "Exempt"]) == 0
    capsys.readouterr()
    assert main(["notes", "list", str(path)]) == 1
    assert "no public version; give --version full" in capsys.readouterr().err


def test_a_table_made_public_by_editing_the_pack_by_hand_stays_exempt(tmp_path, capsys):
    """Deleting an exempt table's classification row in SQLite published its figures in every public
    output; every change memberpack makes writes the history too, whose last word is still exempt."""
    import sqlite3

    path = tmp_path / "p.mpack"
    with Pack.create(path) as pack:
        pack.add_dataset(Dataset("Staffing", "s.xlsx", "0" * 64, "S", "A1:B2", key="staffing"),
                         [Observation("Severance zq5", "Cost £k", 1000.0, "GBP", "1", sheet="S", cell="B2")])
    assert main(["classify", str(path), "--dataset", "staff", "--exempt", "1"]) == 0
    db = sqlite3.connect(path)
    db.execute("DELETE FROM classification")
    db.commit()
    db.close()
    assert main(["export", str(path), "-o", str(tmp_path / "public.json")]) == 0
    assert "zq5" not in (tmp_path / "public.json").read_text(encoding="utf-8")
    assert main(["classify", str(path), "--dataset", "staff", "--public"]) == 0   # made public as memberpack does
    assert main(["export", str(path), "-o", str(tmp_path / "now.json")]) == 0
    assert "zq5" in (tmp_path / "now.json").read_text(encoding="utf-8")


def test_the_full_briefing_labels_each_exempt_note_beyond_the_page_marking(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    path = tmp_path / "p.mpack"
    with Pack.create(path) as pack:
        _table(pack, 1000.0)
    for text, exempt in (("Why severance zq7", ["--exempt", "1"]), ("Open question zq8", [])):
        assert main(["notes", "add", str(path), "--kind", "question", "--text", text, *exempt]) == 0
    assert main(["export", str(path), "-o", str(tmp_path / "full.pdf"), "--version", "full"]) == 0
    assert main(["export", str(path), "-o", str(tmp_path / "full.html"), "--version", "full"]) == 0
    lines = [line for page in pypdf.PdfReader(tmp_path / "full.pdf").pages for line in page.extract_text().splitlines()]
    def head_above(word):   # the note's heading, printed (over one or two lines) just above its text
        return re.search(rf"^(Q\d · .*)\n(?:.*\n)?.*{word}", "\n".join(lines), re.MULTILINE).group(1)

    assert head_above("zq7").split(" · ")[1:3] == ["Question for officers", "exempt, paragraph 1"]
    assert head_above("zq8").split(" · ")[1] == "Question for officers" and "exempt" not in head_above("zq8")
    html = (tmp_path / "full.html").read_text(encoding="utf-8")
    assert " · Question for officers · exempt, paragraph 1 · " in html and html.count("exempt, paragraph 1") == 2


def test_a_question_keeps_its_number_in_every_version_of_the_briefing(tmp_path):
    """The annex's numbers were counted over what each version printed: the shared question was Q2
    in the full briefing, Q1 in the public one, and a member's private question asked before it made
    it Q3 in their own copy. Now it is Q2 in all three (the public version has a gap where Q1 was)."""
    from memberpack.export.briefing import gather
    from memberpack.model.annotations import PRIVATE, QUESTION

    path = tmp_path / "p.mpack"
    with Pack.create(path) as pack:
        _table(pack, 1000.0)
        for minute, text, visibility in ((1, "Why severance zq7", "shared"), (2, "Mine zq6", PRIVATE),
                                         (3, "Open question zq8", "shared")):
            note = Annotation(text, kind=QUESTION, visibility=visibility, created_at=f"2023-10-01T09:0{minute}:00+00:00")
            annotation_store.save(pack, note)
            if "zq7" in text:
                classification.classify(pack, "note", note.uid, 1, by="clerk")

        def numbers(**how) -> dict[str, str]:
            return {p.note.body.split()[-1]: p.number for p in gather(pack, **how).plan.notes}
        assert numbers() == {"zq8": "Q2"}
        assert numbers(version=FULL) == {"zq7": "Q1", "zq8": "Q2"}
        assert numbers(version=FULL, include_private=True) == {"zq7": "Q1", "zq8": "Q2", "zq6": "Q3"}


def test_a_reason_of_a_megabyte_is_refused_in_one_line_and_changes_nothing(tmp_path, capsys):
    path = tmp_path / "p.mpack"
    with Pack.create(path) as pack:
        _table(pack, 1000.0)
    before = path.read_bytes()
    capsys.readouterr()
    assert main(["classify", str(path), "--dataset", "staff", "--exempt", "3", "--reason", "x" * 1_000_001]) == 1
    err = capsys.readouterr().err.strip()
    assert err.endswith("the reason and the name are at most 1,000 characters each (given 1,000,001): nothing was changed")
    assert len(err.splitlines()) == 1 and path.read_bytes() == before
    assert main(["classify", str(path), "--dataset", "staff", "--exempt", "3", "--reason", "x" * 1_000]) == 0
