"""A pack whose classification is neither Public nor Exempt as memberpack writes them (edited by
hand: "Top secret", "", "EXEMPT", none at all) is taken as Exempt: no public version of any output,
a full one marked on every page; a table's or note's classification memberpack cannot read refuses
the pack. Each refusal is one line, exit status 1, nothing written and the pack unchanged."""

import sqlite3

import pytest
from pypdf import PdfReader

import memberpack.store.pack as pack_module
from memberpack.cli.main import main

STAFFING = "10 agency staffing spend/10 agency staffing spend"   # the demo's "Agency staffing spend" table


def _edit(path, *statements):
    db = sqlite3.connect(path)
    db.execute("PRAGMA ignore_check_constraints = ON")   # as a hostile hand could
    with db:
        for sql, args in statements:
            db.execute(sql, args)
    db.close()


def _set_classification(path, value):
    if value is None:
        _edit(path, ("DELETE FROM meta WHERE key = 'classification'", ()))
    else:
        _edit(path, ("UPDATE meta SET value = ? WHERE key = 'classification'", (value,)))


def _pdf_pages(path):
    """Each page's text, its lines joined (the cover wraps the marking)."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def _refused(capsys, argv, pack, out):
    before = pack.read_bytes()
    capsys.readouterr()
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not out.exists() and pack.read_bytes() == before
    return err


@pytest.mark.parametrize("stored", ["Top secret", "", "exempt ", "EXEMPT", "public", " Public", None])
def test_an_unknown_classification_has_no_public_briefing(demo_pack, tmp_path, capsys, stored):
    _set_classification(demo_pack, stored)
    out = tmp_path / "briefing.pdf"
    err = _refused(capsys, ["export", str(demo_pack), "-o", str(out)], demo_pack, out)
    said = "is not set" if not stored else f"is {stored!r}, neither Public nor Exempt"
    assert f"demo.mpack: the pack's classification {said}, so it is taken as Exempt and has no public version" in err
    assert "memberpack details demo.mpack --classification Public" in err


@pytest.mark.parametrize("argv", [["export", "-o", "OUT.html"], ["export", "-o", "OUT.json"],
                                  ["notes", "export", "OUT.json"]], ids=["html", "json", "notes"])
def test_every_public_output_of_an_unknown_classification_is_refused(demo_pack, tmp_path, capsys, argv):
    _set_classification(demo_pack, "Top secret")
    out = tmp_path / next(a for a in argv if a.startswith("OUT")).replace("OUT", "out")
    words = [str(out) if a.startswith("OUT") else a for a in argv]
    command = words[:2] if words[0] == "notes" else words[:1]
    _refused(capsys, [*command, str(demo_pack), *words[len(command):]], demo_pack, out)


def test_the_full_version_of_an_unknown_classification_is_marked_on_every_page(demo_pack, tmp_path):
    _set_classification(demo_pack, "Top secret")
    out = tmp_path / "full.pdf"
    assert main(["export", str(demo_pack), "-o", str(out), "--version", "full"]) == 0
    pages = _pdf_pages(out)
    assert all("NOT FOR PUBLICATION - contains exempt information" in text for text in pages)
    assert not any("Classification: PUBLIC" in text for text in pages)


def test_details_and_the_classify_list_say_it_is_taken_as_exempt_and_details_can_set_it(demo_pack, tmp_path, capsys):
    _set_classification(demo_pack, "Top secret")
    capsys.readouterr()
    assert main(["details", str(demo_pack)]) == 0
    shown = "Exempt (its classification is 'Top secret', neither Public nor Exempt: taken as Exempt)"
    assert f"Classification: {shown}\n" in capsys.readouterr().out
    assert main(["classify", str(demo_pack)]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0] == f"the whole pack: {shown}; it has no public version, whatever its tables and notes say below"
    assert main(["details", str(demo_pack), "--classification", "public"]) == 0
    out = tmp_path / "public.pdf"
    assert main(["export", str(demo_pack), "-o", str(out)]) == 0
    assert "Classification: PUBLIC" in _pdf_pages(out)[0]


def test_public_and_exempt_packs_are_as_they_were(demo_pack, tmp_path, capsys):
    out = tmp_path / "public.pdf"
    assert main(["export", str(demo_pack), "-o", str(out)]) == 0
    assert "Classification: PUBLIC" in _pdf_pages(out)[0] and "Agency staffing spend" in "".join(_pdf_pages(out))
    _set_classification(demo_pack, "Exempt")
    err = _refused(capsys, ["export", str(demo_pack), "-o", str(tmp_path / "e.pdf")], demo_pack, tmp_path / "e.pdf")
    assert "the whole pack is marked Exempt, so it has no public version" in err


def test_an_exempt_table_is_left_out_of_the_public_briefing(demo_pack, tmp_path):
    """The control for the refusals below: read as memberpack writes it, the table is withheld."""
    assert main(["classify", str(demo_pack), "--dataset", "Agency staffing", "--exempt", "3"]) == 0
    out = tmp_path / "public.pdf"
    assert main(["export", str(demo_pack), "-o", str(out)]) == 0
    text = "".join(_pdf_pages(out))
    assert "Agency staffing spend" not in text
    assert "Exempt information (paragraph 3 of Schedule 12A): not for publication" in text


HISTORY = ("INSERT INTO classification_history(target_type, target_key, paragraph, reason, set_by, set_at) "
           "VALUES (?, ?, ?, '', 'x', '2026-12-01T10:00:00')")
ROW = ("INSERT INTO classification(target_type, target_key, paragraph, reason, set_by, set_at) "
       "VALUES (?, ?, ?, '', 'x', '2026-12-01T10:00:00')")


@pytest.mark.parametrize(("sql", "kind", "paragraph", "column"), [
    (HISTORY, "DATASET", 3, "classification_history.target_type"),
    (HISTORY, "dataset ", 3, "classification_history.target_type"),
    (HISTORY, "dataset", 0, "classification_history.paragraph"),
    (HISTORY, "dataset", 9, "classification_history.paragraph"),
    (ROW, "Dataset", 3, "classification.target_type"),
    (ROW, "dataset", 8, "classification.paragraph"),
])
@pytest.mark.parametrize("large", [False, True], ids=["quick-checked", "large"])
def test_a_table_classification_memberpack_cannot_read_refuses_the_pack(demo_pack, tmp_path, capsys, monkeypatch,
                                                                        sql, kind, paragraph, column, large):
    if large:   # a pack too large for SQLite's quick check (which sees the classification table's CHECKs)
        monkeypatch.setattr(pack_module, "QUICK_CHECK_BELOW", 0)
    _edit(demo_pack, (sql, (kind, STAFFING, paragraph)))
    out = tmp_path / "public.pdf"
    err = _refused(capsys, ["export", str(demo_pack), "-o", str(out)], demo_pack, out)
    assert "refused" in err
    if large:
        assert f"the pack holds a value memberpack never writes in {column}" in err


@pytest.mark.parametrize("stored", ["Exempt", "Top secret", None])
def test_the_classify_list_of_a_pack_exempt_as_a_whole_shows_no_table_as_public(demo_pack, capsys, stored):
    assert main(["classify", str(demo_pack), "--dataset", "Agency staffing", "--exempt", "3", "--by", "clerk"]) == 0
    capsys.readouterr()
    assert main(["classify", str(demo_pack)]) == 0
    public = capsys.readouterr().out.splitlines()
    assert "table Agency staffing spend: Public" not in public
    assert "table Suspensions: Public" in public
    _set_classification(demo_pack, stored)
    assert main(["classify", str(demo_pack)]) == 0
    first, *listed = capsys.readouterr().out.splitlines()
    assert first.startswith("the whole pack: Exempt") and "it has no public version" in first
    assert not any(line.endswith(": Public") for line in listed)
    assert "table Suspensions: Exempt (the whole pack)" in listed
    staffing = next(line for line in listed if line.startswith("table Agency staffing spend: "))
    assert staffing.startswith("table Agency staffing spend: Exempt, paragraph 3 set by clerk at ")
    assert [line.replace(": Exempt (the whole pack)", ": Public") for line in listed] == public
