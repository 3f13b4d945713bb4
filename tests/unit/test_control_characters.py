"""Control characters from a workbook or a note (``\\x01``, a backspace ``\\x08``) are shown as �
in the HTML and PDF briefings: the HTML stays valid, and nothing a member wrote silently disappears."""

from __future__ import annotations

import re

import pypdf

from memberpack.cli import main
from memberpack.model.annotations import Annotation, Target
from memberpack.store import annotation_store
from memberpack.store.pack import Pack

CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _pack(tmp_path):
    source = tmp_path / "transport.csv"
    source.write_text("Service,Budget £000,Forecast £000,Variance £000\n"
                      "Home to school\x01 transport,1200,1350,150\nRespite\x08 care,800,760,(40)\n"
                      "Total,2000,2110,110\n", encoding="utf-8")
    path = tmp_path / "p.mpack"
    assert main(["import", str(path), str(source), "--accept-unsure"]) == 0
    with Pack.open(path) as pack:
        annotation_store.save(pack, Annotation("Why\x07 has\x1b[31m transport risen?", Target("pack"),
                                               visibility="shared", author="Cllr\x00 Smith"))
    return path


def test_the_html_briefing_has_no_control_characters_and_shows_where_they_were(tmp_path):
    out = tmp_path / "b.html"
    assert main(["export", str(_pack(tmp_path)), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert not CONTROL.search(text)
    assert "Home to school\ufffd transport" in text and "Why\ufffd has\ufffd[31m transport risen?" in text


def test_the_pdf_briefing_shows_them_too(tmp_path):
    out = tmp_path / "b.pdf"
    assert main(["export", str(_pack(tmp_path)), "-o", str(out)]) == 0
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(out).pages)
    assert not CONTROL.search(text)
    assert "Respite\ufffd care" in text and "transport risen?" in text
