"""The briefing PDF read back with pypdf: figures, structure, fonts, notes and the questions annex."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import pypdf
import pytest

from memberpack.analysis.annotation_targets import observation_target
from memberpack.analysis.charts import charts_for, money_text, source_line
from memberpack.analysis.headlines import headlines
from memberpack.cli import main
from memberpack.errors import Cancelled
from memberpack.export.pdf import export_pdf
from memberpack.model.annotations import CHART, PRIVATE, QUESTION, Annotation, Target
from memberpack.model.grid import Grid
from memberpack.model.observation import DATA, Dataset
from memberpack.store import annotation_store
from memberpack.store.pack import Pack



@dataclass(frozen=True)
class Demo:
    """What the tests expect of the demo pack, read from it, so they hold as the samples grow:
    the Month 6 budget monitor and its External Placements budget of £38.4m."""

    ds: Dataset
    placements: Target
    chart_id: str
    subtotal: list[str]
    budget_text: str


def _demo(pack: Pack) -> Demo:
    ds = next(d for d in pack.datasets() if d.source_file.startswith("01_budget_monitor_m6"))
    observations = pack.observations(ds.id)
    obs = next(o for o in observations if o.label == "External Placements" and o.value == 38_400_000)
    subtotal = next(r for r in Grid.of(observations).rows if r.role != DATA)
    budget = headlines(pack).budget
    return Demo(ds, observation_target(ds, obs), charts_for(ds, observations)[0].id,
                [subtotal.label, *(o.display for o in list(subtotal.cells.values())[:3])],
                f"{budget.money(budget.variance)} {budget.word}")


def _text(reader: pypdf.PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def _outline_titles(outline) -> list[str]:
    out = []
    for item in outline:
        out += _outline_titles(item) if isinstance(item, list) else [item.title]
    return out


def _add_notes(pack: Pack, demo: Demo) -> None:
    annotation_store.save(pack, Annotation(
        "Why has the External Placements budget risen to £38.4m?", demo.placements, kind=QUESTION,
        author="Cllr Jane Smith", created_at="2023-12-01T10:00:00+00:00"))
    annotation_store.save(pack, Annotation(
        "Is the fieldwork overspend ↑ still growing?", Target(CHART, demo.ds.key, chart_id=demo.chart_id),
        kind=QUESTION, author="Cllr Tom Brown", created_at="2023-12-02T09:00:00+00:00"))
    annotation_store.save(pack, Annotation(
        "Ask the director privately about agency costs", demo.placements, visibility=PRIVATE,
        author="Cllr Jane Smith", created_at="2023-12-03T09:00:00+00:00"))


@pytest.fixture(scope="module")
def exported(tmp_path_factory, demo_pack_master):
    """The demo pack with notes, exported by the command line without and with private notes."""
    folder = tmp_path_factory.mktemp("pdf")
    path = folder / "demo.mpack"
    path.write_bytes(demo_pack_master.read_bytes())
    with Pack.open(path) as pack:
        demo = _demo(pack)
        _add_notes(pack, demo)
    assert main(["export", str(path), "-o", str(folder / "public.pdf")]) == 0
    assert main(["export", str(path), "-o", str(folder / "private.pdf"), "--include-private"]) == 0
    return pypdf.PdfReader(folder / "public.pdf"), pypdf.PdfReader(folder / "private.pdf"), demo


def test_figures_print_with_their_labels_and_source(exported):
    public, _, demo = exported
    text = "\n".join(_text(public))
    assert re.search(r"External Placements\s+38\.4\s*\[Q1\]\s+48\.8\s+10\.4(\s*\[N\d\])?\s+A\s+Red", text)
    assert re.search(r"\s+".join(map(re.escape, demo.subtotal)), text)  # a sub total row, as displayed
    assert any("The table as in the source" in t and source_line(demo.ds) in t for t in _text(public))
    assert "£10.4m A" in text and "(£0.7m) (F)" in text  # the chart's bar labels, lettered, in the table's £m


def test_structure_bookmarks_pages_and_metadata(exported):
    public, _, demo = exported
    pages = _text(public)
    total = len(public.pages)
    assert all(f"Page {n} of {total}" in t for n, t in enumerate(pages, start=1))
    assert "Scrutiny Committee – Children and Families" in pages[0] and "Classification: PUBLIC" in pages[0]
    assert "Meeting date\nTuesday 12 December 2023" in pages[0]
    titles = _outline_titles(public.outline)
    assert titles[:3] == ["Contents", "Headline summary", "Finance"] and titles[-1] == "Questions for officers"
    assert any(t.startswith(demo.ds.name) for t in titles)
    assert f"Net forecast {demo.budget_text.split()[1]} of {demo.budget_text.split()[0]}" in pages[2]
    assert "Red items" in pages[2]
    meta = public.metadata
    assert meta.title == "Children's services: budget and performance, Month 6 2023/24"
    assert meta.author == "Alex Morgan, Finance Business Partner"
    assert meta.subject == ("Briefing pack for Scrutiny Committee – Children and Families meeting on "
                            "Tuesday 12 December 2023")
    assert meta["/Keywords"].startswith("Somerset Council, Scrutiny Committee – Children and Families")
    catalog = public.trailer["/Root"]
    assert catalog["/PageMode"] == "/UseOutlines" and catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    assert catalog["/Lang"] == "en-GB"


def test_contents_page_numbers_match_the_bookmarks(exported):
    public, _, _ = exported
    contents = _text(public)[1]
    for item in public.outline:
        if not isinstance(item, list) and item.title != "Contents":
            page = public.get_destination_page_number(item) + 1
            assert f"{item.title}\n{page}\n" in contents


def test_every_font_is_embedded_truetype(exported):
    public, _, _ = exported
    for page in public.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert font["/Subtype"] == "/TrueType", font["/BaseFont"]
            assert "/FontFile2" in font["/FontDescriptor"]
    assert "↑" in "".join(_text(public))


def test_annex_numbers_questions_and_links_back(exported):
    public, _, _ = exported
    annex_index = public.get_destination_page_number(public.outline[-1])
    annex = re.sub(r"\s+", " ", " ".join(_text(public)[annex_index:]))
    assert annex.index("Q1") < annex.index("Why has the External Placements budget") < annex.index("Q2")
    assert "Cllr Jane Smith" in annex and "Cllr Tom Brown" in annex and "01/12/2023" in annex
    assert "Is the fieldwork overspend ↑ still growing?" in annex
    links = [a.get_object() for a in public.pages[annex_index].get("/Annots", [])]
    targets = [public.get_page_number(link["/Dest"][0].get_object()) for link in links if "/Dest" in link]
    pages = _text(public)
    q1 = next(i for i, t in enumerate(pages) if "Q1 · Question for officers · Cllr Jane Smith" in t)
    q2 = next(i for i, t in enumerate(pages) if "Q2 · Question for officers · Cllr Tom Brown" in t)
    assert targets[:4] == [q1, q1, q2, q2]  # each number and each page number links to its question


def test_private_note_only_when_asked_for(exported):
    public, private, _ = exported
    assert "agency costs" not in "".join(_text(public))
    text = "".join(_text(private))
    assert "Ask the director privately about agency costs" in text
    assert "N2 · Note · private · Cllr Jane Smith" in text   # after the shared notes: theirs keep their numbers
    assert all("PRIVATE - contains members' private notes" in " ".join(page.split()) for page in _text(private))
    assert not any("PUBLIC" in page for page in _text(private))


def test_changed_figure_is_marked(demo_pack, tmp_path):
    with Pack.open(demo_pack) as pack:
        then = replace(_demo(pack).placements, value=36_000_000.0, display="36.0")
        annotation_store.save(pack, Annotation("Still 36.0?", then, author="Cllr A"))
        export_pdf(pack, tmp_path / "out.pdf")
    text = "".join(_text(pypdf.PdfReader(tmp_path / "out.pdf")))
    assert "figure changed: was £36.0m, now £38.4m" in re.sub(r"\s+", " ", text)


def _annex(reader: pypdf.PdfReader) -> str:
    return "\n".join(_text(reader)[reader.get_destination_page_number(reader.outline[-1]):])


def test_question_numbers_are_stable_when_questions_are_added(demo_pack, tmp_path):
    with Pack.open(demo_pack) as pack:
        first = Annotation("First?", _demo(pack).placements, kind=QUESTION, author="A",
                           created_at="2023-12-01T10:00:00+00:00")
        annotation_store.save(pack, first)
        export_pdf(pack, tmp_path / "one.pdf")
        annotation_store.save(pack, Annotation("Second?", Target(), kind=QUESTION, author="B",
                                               created_at="2023-12-05T10:00:00+00:00"))
        export_pdf(pack, tmp_path / "two.pdf")
    one, two = (_annex(pypdf.PdfReader(tmp_path / f"{n}.pdf")) for n in ("one", "two"))
    assert "Q1\nFirst?" in one
    assert "Q1\nFirst?" in two and "Q2\nSecond?" in two


def test_progress_is_reported_and_cancel_leaves_no_file(demo_pack, tmp_path):
    seen = []
    with Pack.open(demo_pack) as pack:
        name = _demo(pack).ds.name
        export_pdf(pack, tmp_path / "ok.pdf", progress=lambda done, total, msg: seen.append((done, total, msg)))
        with pytest.raises(Cancelled):
            export_pdf(pack, tmp_path / "no.pdf", cancel=lambda: len(seen) > 0)
    assert seen[-1][0] == seen[-1][1] and any(m.startswith(name) for _, _, m in seen)
    assert not (tmp_path / "no.pdf").exists() and not (tmp_path / "no.pdf.part").exists()


def test_a_long_question_splits_across_pages_and_keeps_its_link(demo_pack, tmp_path):
    body = "Please set out the placement costs by type. " * 300 + "End of question."
    with Pack.open(demo_pack) as pack:
        annotation_store.save(pack, Annotation(body, _demo(pack).placements, kind=QUESTION, author="Cllr Long",
                                               created_at="2000-01-01T00:00:00+00:00"))
        export_pdf(pack, tmp_path / "long.pdf")
    reader = pypdf.PdfReader(tmp_path / "long.pdf")
    pages = [p.extract_text() for p in reader.pages]
    start = next(i for i, t in enumerate(pages) if "Q1 · Question for officers · Cllr Long" in t)
    assert "End of question." in re.sub(r"\s+", " ", " ".join(pages[start + 1:start + 4]))
    annex = reader.pages[reader.get_destination_page_number(reader.outline[-1])]
    link = next(a.get_object() for a in annex["/Annots"] if "/Dest" in a.get_object())
    assert reader.get_page_number(link["/Dest"][0].get_object()) == start


def test_a_note_names_its_figure_as_a_councillor_reads_it(exported):
    public, _, _ = exported
    text = re.sub(r"\s+", " ", " ".join(_text(public)))
    assert "· on External Placements (Children & Families), Month 6 Variance: £10.4m " in text
    assert "Month 6 Variance: 10.4 " not in text


def test_how_we_compare_prints_under_the_statistics_without_their_raw_table(exported):
    public, _, _demo = exported
    pages = _text(public)
    stats = [t for t in pages if "12_children_looked_after_rates_2017-2020" in t and "How we compare" in t]
    assert len(stats) == 1
    text = re.sub(r"\s+", " ", stats[0])
    # North Somerset 53.7 in 2020; England 67.0, South West 57.0 and neighbours 53.0 (seed 001); rank 6 of 14
    assert re.search(r"Children looked after rate per 10,000 children 2020 53\.7 67\.0 57\.0 53\.0 \(10 of 10\) Lower "
                     r"6 of 14 B", text), text
    assert re.search(r"Percentage of CLA in foster care 2020 79% 72% 74% 72% \(10 of 10\) Better 2 of 14 A", text)
    at = pages.index(stats[0])
    after = re.sub(r"\s+", " ", " ".join(pages[at:at + 2]))   # the trend chart follows the table
    assert "North Somerset: 53.7 in 2020, from 55.0 in 2017. England: 67.0 in 2020." in after
    assert "Source: 12_children_looked_after_rates_2017-2020.csv" in text
    everything = "\n".join(pages)
    assert "Bath and North East Somerset" not in everything  # every area's rows are not dumped as a table
    scorecard = next(re.sub(r"\s+", " ", t) for t in pages if "benchmarks from I7" in t)
    assert re.search(r"The rate of children looked after entering care \(overall\) EO Q3 2020/21 51 67 57 Lower", scorecard)


def test_a_note_on_a_comparison_chart_prints_under_it(demo_pack, tmp_path):
    from memberpack.analysis.comparisons import pack_comparisons

    with Pack.open(demo_pack) as pack:
        trend = next(c.trend for c in pack_comparisons(pack) if c.measure == "Percentage of CLA in foster care")
        annotation_store.save(pack, Annotation("Why is fostering above England but below the region?",
                                               Target(CHART, trend.dataset_key, chart_id=trend.id, label=trend.title),
                                               kind=QUESTION, author="Cllr Jane Smith"))
        export_pdf(pack, tmp_path / "out.pdf")
    page = next(re.sub(r"\s+", " ", t) for t in _text(pypdf.PdfReader(tmp_path / "out.pdf"))
                if "Why is fostering above England" in t and "Questions for officers" not in t
                and "Noted or questioned" not in t)
    assert "on chart “Percentage of CLA in foster care: how we compare”" in page
    assert page.index("Percentage of CLA in foster care: how we compare") < page.index("Why is fostering")


def test_headline_page_names_the_budget_month_sections_and_points(exported):
    public, _, _ = exported
    pages = _text(public)
    first = next(i for i, t in enumerate(pages) if "Headline summary" in t and "Budget position" in t)
    page = re.sub(r"\s+", " ", " ".join(pages[first:first + 2]))  # the summary runs onto a second page
    assert "Biggest adverse movements, 2023/24 Month 6" in page
    assert "Movement From Month 7" not in page                      # not last year's Month 9 monitor
    assert "Month 6 Variance £10.4m overspend" in page      # a red item shows its amount, not "Red (R)"
    assert "Red (R)" not in page
    assert "England: EHC plans" not in page and "Benchmark: South West" not in page
    text = re.sub(r"\s+", " ", " ".join(_text(public)))
    assert "EHC plans issued within 20 weeks % 68.0% (2021/22) 48.0% (2022/23) ↓ 20.0 points" in text
    assert "Children & Families sub total, Month 6 Variance £10.1m ↑ £10.7m" in text
    assert "What changed since the previous period" in text and "2023/24 Month 5 → Month 6" in text


def _first_line_below(reader: pypdf.PdfReader, page: int, top: float) -> str:
    """The first text under a link's destination: what a reader sees at the top of the view."""
    found: list[tuple[float, float, str]] = []

    def visit(text, cm, tm, _font, _size):
        y = tm[5] * cm[3] + cm[5]
        if top - 20 < y < top and text.strip():
            found.append((-y, tm[4] * cm[0] + cm[4], text.strip()))   # the top line's first cell
    reader.pages[page].extract_text(visitor_text=visit)
    return min(found)[2] if found else ""


def test_headline_lines_link_to_their_figures_rows(exported, demo_pack_master):
    """Each headline line's page number links to its figure's own row, not to the table's heading."""
    public, _, demo = exported
    with Pack.open(demo_pack_master) as pack:
        h = headlines(pack)
    first = next(i for i, t in enumerate(_text(public)) if "Headline summary" in t and "Budget position" in t)
    reached = []
    for page in (first, first + 1):
        for link in (a.get_object() for a in public.pages[page].get("/Annots", [])):
            if "/Dest" in link:
                dest = link["/Dest"]
                reached.append(_first_line_below(public, public.get_page_number(dest[0].get_object()), float(dest[3])))
    red = [i.label for i in h.red_items if i.dataset.startswith("23/24 Budget")]
    deficits = [i.label for i in h.deficits]
    assert reached[:len(deficits) + len(red)] == deficits + red         # every line lands on its own row
    assert {"High Needs", "Fieldwork", "External Placements"} <= set(reached)
    rows = [i.label for i in h.items() if i.cell]
    wrong = [r for r in reached if r and not any(label.startswith(r) for label in rows)
             and not demo.ds.name.startswith(r)]   # (the question on the monitor's chart links to its table)
    assert not wrong                                                    # never to a heading above the row


@pytest.mark.parametrize("value", ["£51,000,000", "£2,337,500 overspend", "£150k"])
def test_a_headline_figure_is_never_broken_across_lines(value):
    """A monitor in whole pounds put "£51,000,0" over "00" in the Budget tile; a wide figure is set
    smaller instead (a short one keeps the tile's size)."""
    from memberpack.export.pdf_headlines import _TILE_PADDING, _tile
    from memberpack.export.pdf_styles import FRAME_WIDTH

    figure = _tile(value, "Budget")[0]
    figure.wrap(FRAME_WIDTH / 4 - 2 * _TILE_PADDING, 1000)
    words = [word for _, line in figure.blPara.lines for word in line]
    assert words == value.split()   # each word whole on a line (the old tile broke "£51,000,000" after "0,0")
