"""``memberpack details``: the committee paper's front matter set and shown from the command line."""

from __future__ import annotations

from memberpack.cli import main
from memberpack.model.front_matter import meeting_date_words, recommendations
from memberpack.store.pack import Pack


def test_details_set_show_and_clear(tmp_path, capsys):
    path = tmp_path / "p.mpack"
    Pack.create(path).close()
    assert main(["details", str(path), "--council", "Somerset Council", "--agenda-item", "7",
                 "--contact-email", "clerk@somerset.example", "--meeting-date", "12/12/2023",
                 "--recommendation", "Note the position.", "--recommendation", "Agree the questions."]) == 0
    with Pack.open(path) as pack:
        meta = pack.meta()
    assert (meta["council"], meta["agenda_item"], meta["meeting_date"]) == ("Somerset Council", "7", "12/12/2023")
    assert recommendations(meta) == ["Note the position.", "Agree the questions."]
    capsys.readouterr()
    assert main(["details", str(path)]) == 0
    shown = capsys.readouterr().out
    assert "Meeting date: Tuesday 12 December 2023" in shown and "  2. Agree the questions." in shown
    assert "Author: (not set)" in shown
    assert main(["details", str(path), "--meeting-date", "", "--recommendation", ""]) == 0
    with Pack.open(path) as pack:
        assert pack.meta()["meeting_date"] == "" and recommendations(pack.meta()) == []


def test_a_bad_date_or_classification_is_one_line_and_changes_nothing(tmp_path, capsys):
    path = tmp_path / "p.mpack"
    Pack.create(path, meeting_date="01/04/2024").close()
    assert main(["details", str(path), "--meeting-date", "31/02/2024", "--council", "X"]) == 1
    assert main(["details", str(path), "--classification", "secret"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "Public or Exempt" in err[1]   # 31 February is written DD/MM/YYYY: no date
    assert err[0].endswith("--meeting-date '31/02/2024' is not a date: write one as DD/MM/YYYY, such as 12/12/2023")
    with Pack.open(path) as pack:
        assert pack.meta()["meeting_date"] == "01/04/2024" and "council" not in pack.meta()


def test_meeting_date_in_words_whatever_the_locale():
    assert meeting_date_words("12/12/2023") == "Tuesday 12 December 2023"
    assert meeting_date_words("01/04/2024") == "Monday 1 April 2024"
    assert meeting_date_words("") == "" and meeting_date_words("next week") == "next week"


def test_a_detail_longer_than_a_pack_may_hold_is_one_line_and_changes_nothing(tmp_path, capsys):
    """A document pasted whole into --purpose was kept, and its PDF took minutes; a pack holding it is
    now refused on opening, so it is refused here first."""
    path = tmp_path / "p.mpack"
    Pack.create(path, committee="Scrutiny").close()
    before = path.read_bytes()
    assert main(["details", str(path), "--purpose", "Words. " * 20_000]) == 1
    assert main(["details", str(path), "--recommendation", "x" * 60_000, "--recommendation", "y" * 60_000]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "100,000 characters" in err[0] and "recommendations" in err[1], err
    assert path.read_bytes() == before
