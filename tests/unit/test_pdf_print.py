"""The briefing PDF as a clerk prints and publishes it: type sizes measured on the pages, long labels
and comments (cut in the PDF, whole in the HTML), a chart's figures as the table prints them, the
cover's front matter and metadata."""

from __future__ import annotations

import math
import re
from html import escape

import pypdf
import pytest

from memberpack.cli import main
from memberpack.export.html_export import export_html
from memberpack.export.pdf import export_pdf
from memberpack.export.pdf_styles import BODY_TEXT, CELL_TEXT, CHART_TEXT
from memberpack.model.front_matter import recommendations
from memberpack.model.observation import BUDGET_MONITOR, GENERAL, SUBTOTAL, Dataset, Observation
from memberpack.model.units import find_unit
from memberpack.model.values import parse_text
from memberpack.store.pack import Pack

EXCEL_LONGEST = 32_767


def _sizes(page) -> list[tuple[float, str]]:
    """(size in points as printed, text) of every run of text on a page: the font size scaled by the
    text and graphics matrices (a rotated axis label keeps its size)."""
    out = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            a, b, c, d = (tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3],
                          tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
            out.append((round(size * math.hypot(c, d), 2), text.strip()))
    page.extract_text(visitor_text=visit)
    return out


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def demo_pdf(tmp_path_factory, demo_pack_master):
    out = tmp_path_factory.mktemp("print") / "briefing.pdf"
    with Pack.open(demo_pack_master) as pack:
        export_pdf(pack, out)
    return pypdf.PdfReader(out)


def test_no_text_is_printed_below_print_sizes(demo_pdf):
    sizes = [s for page in demo_pdf.pages for s in _sizes(page)]
    smallest = min(size for size, _ in sizes)
    assert smallest >= CHART_TEXT - 0.01, [s for s in sizes if s[0] < CHART_TEXT][:5]
    body = [size for size, text in sizes if "Every question members have asked" in text]
    assert body and min(body) >= BODY_TEXT
    cells = [size for size, text in sizes if text in ("No.", "Asked by", "Item", "A/(F)", "The figures")]
    assert cells and min(cells) >= CELL_TEXT
    sources = [size for size, text in sizes if text.startswith("Source: ")]
    assert sources and min(sources) >= CELL_TEXT


def test_cover_shows_every_front_matter_field_of_the_demo(demo_pdf, demo_pack_master):
    with Pack.open(demo_pack_master) as pack:
        meta = pack.meta()
    cover = _flat(demo_pdf.pages[0].extract_text())
    keys = ("council", "committee", "agenda_item", "report_title", "author", "contact_name", "contact_email",
            "contact_phone", "purpose", "alternative_formats")
    for key in keys:
        assert meta[key] and _flat(meta[key]) in cover, key
    for recommendation in recommendations(meta):
        assert _flat(recommendation) in cover
    assert len(recommendations(meta)) == 3
    assert "Meeting date Tuesday 12 December 2023" in cover and "Agenda item 7" in cover
    assert demo_pdf.metadata.title == meta["report_title"]
    assert demo_pdf.trailer["/Root"]["/Lang"] == "en-GB"


def _add(pack: Pack, name: str, kind: str, measures: list[str], rows: list[tuple]) -> None:
    observations = []
    for r, (label, role, *texts) in enumerate(rows, start=1):
        for c, (measure, text) in enumerate(zip(measures, texts), start=1):
            cell = parse_text(text, find_unit(measure))
            observations.append(Observation(label, measure, cell.value, cell.unit, text, cell.status,
                                            row_role=role, sheet="Data", cell=f"{chr(65 + c)}{r + 1}", row=r, col=c))
    pack.add_dataset(Dataset(name, f"{name}.xlsx", "0" * 64, "Data", f"A1:{chr(65 + len(measures))}{len(rows) + 1}",
                             kind, "finance", key=name), observations)


def test_a_32767_character_label_and_a_3000_character_comment_print_cut_with_a_marker(tmp_path):
    label = ("Placements commissioned jointly with health " * 800)[:EXCEL_LONGEST]
    comment = ("The overspend reflects three new residential placements. " * 60)[:3_000]
    path = tmp_path / "long.mpack"
    with Pack.create(path, committee="Scrutiny") as pack:
        _add(pack, "Budget", BUDGET_MONITOR, ["Budget £m", "Variance £m", "Commentary"],
             [("Fieldwork", "data", "9.1", "0.7", "On budget."), (label, "data", "4.0", "-1.2", comment),
              ("Total", SUBTOTAL, "13.1", "-0.5", "")])
        _add(pack, "Long labels", GENERAL, ["Children"], [(label, "data", "7"), ("Short", "data", "3")])
        export_pdf(pack, tmp_path / "long.pdf")
        export_html(pack, tmp_path / "long.html")
    page = (tmp_path / "long.html").read_text(encoding="utf-8")
    assert f'<th scope="row">{escape(label)}</th>' in page and escape(comment) in page  # the HTML has them whole
    pages = [_flat(p.extract_text()) for p in pypdf.PdfReader(tmp_path / "long.pdf").pages]
    where_label = [i for i, t in enumerate(pages) if "[cut: 32,767 characters in all]" in t]
    where_comment = [i for i, t in enumerate(pages) if "[cut: 3,000 characters in all]" in t]
    assert where_label and where_comment
    assert "Placements commissioned jointly with health" in pages[where_label[0]]
    assert "three new residential placements" in pages[where_comment[0]]
    assert any("(1.2)" in t for t in pages) and any("Fieldwork" in t for t in pages)


def test_a_chart_prints_its_figures_as_the_table_does(tmp_path):
    path = tmp_path / "signs.mpack"
    with Pack.create(path) as pack:
        _add(pack, "Variance", BUDGET_MONITOR, ["Budget £", "Forecast £", "Variance £"],
             [("Fieldwork", "data", "5000000", "3765433", "-1234567"), ("Transport", "data", "100", "400", "300")])
        export_pdf(pack, tmp_path / "signs.pdf")
    text = _flat(" ".join(p.extract_text() for p in pypdf.PdfReader(tmp_path / "signs.pdf").pages))
    assert "-1234567" not in text and "(1,234,567)" in text
    assert text.count("(1,234,567)") >= 2  # the chart's figures and the table


def test_an_export_of_some_sections_says_which_on_its_cover_and_in_its_metadata(demo_pack, tmp_path):
    assert main(["export", str(demo_pack), "-o", str(tmp_path / "f.pdf"), "--sections", "finance"]) == 0
    reader = pypdf.PdfReader(tmp_path / "f.pdf")
    assert "This export holds only these sections: Finance." in _flat(reader.pages[0].extract_text())
    assert reader.metadata.subject.endswith("This export holds only these sections: Finance.")
    assert "Finance" in reader.metadata["/Keywords"] and "Social care" not in reader.metadata["/Keywords"]


def test_an_unset_meeting_date_stays_unset(tmp_path):
    path = tmp_path / "bare.mpack"
    with Pack.create(path) as pack:
        export_pdf(pack, tmp_path / "bare.pdf")
    cover = _flat(pypdf.PdfReader(tmp_path / "bare.pdf").pages[0].extract_text())
    assert "Meeting date" not in cover and "Produced" in cover


def test_a_full_version_with_private_notes_keeps_its_marking_at_print_size(demo_pack, tmp_path):
    with Pack.open(demo_pack) as pack:
        export_pdf(pack, tmp_path / "full.pdf", include_private=True, version="full")
    reader = pypdf.PdfReader(tmp_path / "full.pdf")
    sizes = [s for page in reader.pages[1:3] for s in _sizes(page)]
    assert min(size for size, _ in sizes) >= CHART_TEXT - 0.01
    assert any(text.startswith("PRIVATE") and size >= CELL_TEXT for size, text in sizes)
