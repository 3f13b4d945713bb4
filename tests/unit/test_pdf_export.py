"""The briefing PDF read back with pypdf: figures, structure, fonts, notes and the questions annex."""

from __future__ import annotations

import re

import pypdf
import pytest

from memberpack.cli import main
from memberpack.errors import Cancelled
from memberpack.export.pdf import export_pdf
from memberpack.model.annotations import CHART, OBSERVATION, PRIVATE, QUESTION, Annotation, Target
from memberpack.store import annotation_store
from memberpack.store.pack import Pack

BUDGET_KEY = "M6 Summary/M6 Summary"


def _text(reader: pypdf.PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def _outline_titles(outline) -> list[str]:
    out = []
    for item in outline:
        out += _outline_titles(item) if isinstance(item, list) else [item.title]
    return out


def _placements(value: float = 38_400_000.0, display: str = "38.4") -> Target:
    return Target(OBSERVATION, BUDGET_KEY, label="External Placements", section="Children & Families",
                  measure="Current Budget £m", value=value, display=display)


def _add_notes(path) -> None:
    with Pack.open(path) as pack:
        annotation_store.save(pack, Annotation(
            "Why has the External Placements budget risen to £38.4m?", _placements(), kind=QUESTION,
            author="Cllr Jane Smith", created_at="2023-12-01T10:00:00+00:00"))
        annotation_store.save(pack, Annotation(
            "Is the fieldwork overspend ↑ still growing?",
            Target(CHART, BUDGET_KEY, chart_id=f"{BUDGET_KEY}#variance"),
            kind=QUESTION, author="Cllr Tom Brown", created_at="2023-12-02T09:00:00+00:00"))
        annotation_store.save(pack, Annotation(
            "Ask the director privately about agency costs", _placements(), visibility=PRIVATE,
            author="Cllr Jane Smith", created_at="2023-12-03T09:00:00+00:00"))


@pytest.fixture(scope="module")
def exported(tmp_path_factory, demo_pack_master):
    """The demo pack with notes, exported by the command line without and with private notes."""
    folder = tmp_path_factory.mktemp("pdf")
    pack = folder / "demo.mpack"
    pack.write_bytes(demo_pack_master.read_bytes())
    _add_notes(pack)
    assert main(["export", str(pack), "-o", str(folder / "public.pdf")]) == 0
    assert main(["export", str(pack), "-o", str(folder / "private.pdf"), "--include-private"]) == 0
    return pypdf.PdfReader(folder / "public.pdf"), pypdf.PdfReader(folder / "private.pdf")


def test_figures_print_with_their_labels_and_source(exported):
    public, _ = exported
    text = "\n".join(_text(public))
    assert re.search(r"External Placements\s+38\.4\s*Q1\s+48\.8\s+10\.4\s+A\s+Red", text)
    assert "Children & Families sub total\n83.1\n93.2\n10.1" in text
    page = next(t for t in _text(public) if "The table as in the source" in t)
    assert "Source: 01_budget_monitor_m6_2023-24.xlsx, sheet M6 Summary, cells A1:G11" in page
    assert "£10.4m A" in text and "(£700k) (F)" in text  # the chart's bar labels, lettered


def test_structure_bookmarks_pages_and_metadata(exported):
    public, _ = exported
    pages = _text(public)
    total = len(public.pages)
    assert all(f"Page {n} of {total}" in t for n, t in enumerate(pages, start=1))
    assert "Scrutiny Committee – Children and Families" in pages[0] and "Classification: PUBLIC" in pages[0]
    assert "Meeting date: 12/12/2023" in pages[0]
    assert _outline_titles(public.outline) == ["Contents", "Headline summary", "Finance", "M6 Summary",
                                               "Questions for officers"]
    assert "£10.1m A" in pages[2] and "Red items" in pages[2]
    meta = public.metadata
    assert meta.title == "Children's services briefing pack"
    assert meta.author == "Scrutiny Committee – Children and Families"
    assert "12/12/2023" in meta.subject
    catalog = public.trailer["/Root"]
    assert catalog["/PageMode"] == "/UseOutlines" and catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    assert catalog["/Lang"] == "en-GB"


def test_contents_page_numbers_match_the_bookmarks(exported):
    public, _ = exported
    contents = _text(public)[1]
    for item in public.outline:
        if not isinstance(item, list) and item.title != "Contents":
            page = public.get_destination_page_number(item) + 1
            assert f"{item.title}\n{page}\n" in contents


def test_every_font_is_embedded_truetype(exported):
    public, _ = exported
    for page in public.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert font["/Subtype"] == "/TrueType", font["/BaseFont"]
            assert "/FontFile2" in font["/FontDescriptor"]
    assert "↑" in "".join(_text(public))


def test_annex_numbers_questions_and_links_back(exported):
    public, _ = exported
    annex_index = public.get_destination_page_number(public.outline[-1])
    annex = _text(public)[annex_index]
    assert annex.index("Q1") < annex.index("Why has the External Placements budget") < annex.index("Q2")
    assert "Cllr Jane Smith" in annex and "Cllr Tom Brown" in annex and "01/12/2023" in annex
    assert "Is the fieldwork overspend ↑ still growing?" in annex
    links = [a.get_object() for a in public.pages[annex_index].get("/Annots", [])]
    targets = [public.get_page_number(link["/Dest"][0].get_object()) for link in links if "/Dest" in link]
    pages = _text(public)
    assert len(targets) == 2
    assert "Why has the External Placements budget" in pages[targets[0]]
    assert "Q2 · Question for officers · Cllr Tom Brown" in pages[targets[1]]


def test_private_note_only_when_asked_for(exported):
    public, private = exported
    assert "agency costs" not in "".join(_text(public))
    text = "".join(_text(private))
    assert "Ask the director privately about agency costs" in text
    assert "N1 · Note · private · Cllr Jane Smith" in text
    assert "includes members’ private notes" in _text(private)[0]


def test_changed_figure_is_marked(demo_pack, tmp_path):
    with Pack.open(demo_pack) as pack:
        annotation_store.save(pack, Annotation("Still 36.0?", _placements(36_000_000.0, "36.0"), author="Cllr A"))
        export_pdf(pack, tmp_path / "out.pdf")
    text = "".join(_text(pypdf.PdfReader(tmp_path / "out.pdf")))
    assert "figure changed: was £36.0m, now £38.4m" in re.sub(r"\s+", " ", text)


def test_question_numbers_are_stable_when_questions_are_added(demo_pack, tmp_path):
    with Pack.open(demo_pack) as pack:
        first = Annotation("First?", _placements(), kind=QUESTION, author="A", created_at="2023-12-01T10:00:00+00:00")
        annotation_store.save(pack, first)
        export_pdf(pack, tmp_path / "one.pdf")
        annotation_store.save(pack, Annotation("Second?", Target(), kind=QUESTION, author="B",
                                               created_at="2023-12-05T10:00:00+00:00"))
        export_pdf(pack, tmp_path / "two.pdf")
    one, two = (pypdf.PdfReader(tmp_path / f"{n}.pdf") for n in ("one", "two"))
    assert "Q1\nFirst?" in _text(one)[-1]
    assert "Q1\nFirst?" in _text(two)[-1] and "Q2\nSecond?" in _text(two)[-1]


def test_progress_is_reported_and_cancel_leaves_no_file(demo_pack, tmp_path):
    seen = []
    with Pack.open(demo_pack) as pack:
        export_pdf(pack, tmp_path / "ok.pdf", progress=lambda done, total, msg: seen.append((done, total, msg)))
        with pytest.raises(Cancelled):
            export_pdf(pack, tmp_path / "no.pdf", cancel=lambda: len(seen) > 0)
    assert seen[-1][0] == seen[-1][1] and "M6 Summary" in [m for _, _, m in seen]
    assert not (tmp_path / "no.pdf").exists() and not (tmp_path / "no.pdf.part").exists()


def test_a_long_question_splits_across_pages_and_keeps_its_link(demo_pack, tmp_path):
    body = "Please set out the placement costs by type. " * 300 + "End of question."
    with Pack.open(demo_pack) as pack:
        annotation_store.save(pack, Annotation(body, _placements(), kind=QUESTION, author="Cllr Long"))
        export_pdf(pack, tmp_path / "long.pdf")
    reader = pypdf.PdfReader(tmp_path / "long.pdf")
    pages = [p.extract_text() for p in reader.pages]
    start = next(i for i, t in enumerate(pages) if "Q1 · Question for officers · Cllr Long" in t)
    assert "End of question." in pages[start + 1]
    annex = reader.pages[reader.get_destination_page_number(reader.outline[-1])]
    link = next(a.get_object() for a in annex["/Annots"] if "/Dest" in a.get_object())
    assert reader.get_page_number(link["/Dest"][0].get_object()) == start
