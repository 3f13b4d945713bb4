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
