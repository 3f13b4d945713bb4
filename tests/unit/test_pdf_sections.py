"""Choosing sections, series charts with benchmarks, and long tables across pages."""

from __future__ import annotations

import re

import pypdf
import pytest

from memberpack.cli import main
from memberpack.errors import MemberpackError
from memberpack.export.briefing import section_names
from memberpack.export.pdf import export_pdf
from memberpack.export.note_plan import Table
from memberpack.export.briefing import table_title
from memberpack.model.annotations import OBSERVATION, QUESTION, Annotation, Target
from memberpack.model.observation import BUDGET_MONITOR, SUBTOTAL, TIME_SERIES, TOTAL, Dataset, Observation
from memberpack.model.units import find_unit
from memberpack.model.values import parse_text
from memberpack.store import annotation_store
from memberpack.store.pack import Pack


def _add(pack: Pack, name: str, domain: str, kind: str, measures: list[str], rows: list[tuple]) -> None:
    """A table stored as an importer would: ``rows`` are (label, role, texts...)."""
    observations = []
    for r, (label, role, *texts) in enumerate(rows, start=1):
        for c, (measure, text) in enumerate(zip(measures, texts), start=1):
            cell = parse_text(text, find_unit(measure))
            observations.append(Observation(label, measure, cell.value, cell.unit, text, cell.status, period=None,
                                            row_role=role, sheet="Data", cell=f"{chr(65 + c)}{r + 1}", row=r, col=c))
    pack.add_dataset(Dataset(name, f"{name}.xlsx", "0" * 64, "Data", f"A1:{chr(65 + len(measures))}{len(rows) + 1}",
                             kind, domain, key=name), observations)


@pytest.fixture
def pack_path(tmp_path):
    path = tmp_path / "p.mpack"
    with Pack.create(path, committee="Children's Scrutiny", classification="Public", meeting_date="06/10/2023") as pack:
        _add(pack, "Budget", "finance", BUDGET_MONITOR, ["Budget £m", "Forecast £m", "Variance £m"],
             [("Fieldwork", "data", "9.1", "9.8", "0.7"), ("Total", SUBTOTAL, "9.1", "9.8", "0.7")])
        _add(pack, "Children looked after rate", "social_care", TIME_SERIES, ["2020/21", "2021/22", "2022/23"],
             [("England", "data", "67", "70", "71"), ("2022", "data", "50.1", "51.0", "DNA"),
              ("Somerset", "data", "52.0", "53.7", "55.2")])
        _add(pack, "Placements", "social_care", "breakdown", ["Children"],
             [(f"Placement type {i}", "data", str(i)) for i in range(1, 61)])
    return path


def _texts(path) -> list[str]:
    """Page texts with the indent pypdf gives some lines removed."""
    return [re.sub(r"^ +", "", p.extract_text(), flags=re.M) for p in pypdf.PdfReader(path).pages]


def test_sections_option_selects_domains(pack_path, tmp_path, capsys):
    out = tmp_path / "care.pdf"
    assert main(["classify", str(pack_path), "--dataset", "Placements", "--exempt", "3"]) == 0
    assert main(["export", str(pack_path), "-o", str(out), "--sections", "social_care", "--version", "full"]) == 0
    reader = pypdf.PdfReader(out)
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles == ["Contents", "Headline summary", "Social care", "Questions for officers"]
    text = "".join(_texts(out))
    assert "Fieldwork" not in text and "No budget monitor in this export" in text
    assert "NOT FOR PUBLICATION - contains exempt information, paragraph 3 of Schedule 12A" in text


def test_unknown_section_is_wrong_usage_exit_2(pack_path, tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["export", str(pack_path), "-o", str(tmp_path / "x.pdf"), "--sections", "finance,housing"])
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == ("memberpack export: error: argument --sections: no section called 'housing'; choose from "
                       "finance, social_care, inclusion, education, workforce, other")
    assert not (tmp_path / "x.pdf").exists()


def test_sections_are_for_the_pdf_only(pack_path, tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["export", str(pack_path), "-o", str(tmp_path / "x.json"), "--sections", "finance"])
    assert exc.value.code == 2
    assert "--sections" in capsys.readouterr().err and not (tmp_path / "x.json").exists()


def test_section_names_accept_titles_and_keep_pack_order():
    assert section_names(["Social care", "finance"]) == ("finance", "social_care")
    with pytest.raises(MemberpackError):
        section_names([" "])


def test_series_chart_has_dashed_benchmark_and_a_data_table(pack_path, tmp_path):
    with Pack.open(pack_path) as pack:
        export_pdf(pack, tmp_path / "all.pdf", sections=["social_care"])
    reader = pypdf.PdfReader(tmp_path / "all.pdf")
    page = next(p for p in reader.pages if "Somerset: up 1.5 from 53.7 in 2021/22 to 55.2 in 2022/23"
                in p.extract_text())
    text = re.sub(r"^ +", "", page.extract_text(), flags=re.M)
    assert "Also drawn: 2022." in text
    assert "2020/21\n2021/22\n2022/23\nEngland\n67\n70\n71\n2022\n50.1\n51.0\nDNA\nSomerset\n52.0" in text
    # the chart's data as the source showed it (DNA is never a 0), one row per series
    assert b"[2 2] 0 d" in page.get_contents().get_data()  # England (the third line) drawn dotted


def test_long_table_repeats_its_header_on_the_next_page(pack_path, tmp_path):
    with Pack.open(pack_path) as pack:
        export_pdf(pack, tmp_path / "all.pdf")
    pages = _texts(tmp_path / "all.pdf")
    first = next(i for i, t in enumerate(pages) if "The table as in the source\nChildren\nPlacement type 1\n" in t)
    last = max(i for i, t in enumerate(pages) if "Placement type 60\n60\nSource: Placements.xlsx" in t)
    assert last > first
    assert all(pages[i].split("Page ")[1].split("\n", 1)[1].startswith("Children\nPlacement type")
               for i in range(first + 1, last + 1))  # the header row repeats at the top of each page


def test_notes_outside_the_export_keep_their_numbers_in_the_annex(pack_path, tmp_path):
    def question(body: str, label: str, when: str) -> Annotation:
        return Annotation(body, Target(OBSERVATION, "Budget", label=label, measure="Variance £m", value=700_000.0,
                                       display="0.7"), kind=QUESTION, author="Cllr Lee", created_at=when)

    with Pack.open(pack_path) as pack:
        annotation_store.save(pack, question("Why is fieldwork over?", "Fieldwork", "2023-10-01T09:00:00+00:00"))
        annotation_store.save(pack, question("Where did this row go?", "Closed service", "2023-10-02T09:00:00+00:00"))
        export_pdf(pack, tmp_path / "care.pdf", sections=["social_care"])
    pages = [re.sub(r"\s+", " ", t) for t in _texts(tmp_path / "care.pdf")]
    # the headline page keeps the notes whose figure is gone
    assert ("Q2 · Question for officers · Cllr Lee · 02/10/2023 · on Closed service · Variance £m "
            "[figure no longer in the pack; it was £0.7m]") in pages[2]
    annex = pages[-1]
    assert "Q1 Why is fieldwork over? Fieldwork · Variance £m (in a section not included in this export)" in annex
    assert "Q2 Where did this row go?" in annex


def test_a_wide_return_gets_landscape_pages_and_whole_numbers(tmp_path):
    path = tmp_path / "wide.mpack"
    months = [f"{m} 2023 £" for m in "Apr May Jun Jul Aug Sep Oct Nov Dec Jan Feb Mar".split()]
    with Pack.create(path) as pack:
        _add(pack, "Spend by month", "finance", "general", months,
             [(f"Cost centre {i}", "data", *[f"({1_234_567 + i:,})" for _ in months]) for i in range(5)])
        export_pdf(pack, tmp_path / "wide.pdf")
    reader = pypdf.PdfReader(tmp_path / "wide.pdf")
    wide = [i for i, p in enumerate(reader.pages) if p.mediabox.width > p.mediabox.height]
    assert wide and "Cost centre 4" in reader.pages[wide[-1]].extract_text()
    assert "(1,234,571)" in reader.pages[wide[-1]].extract_text()  # never broken across lines
    assert reader.pages[-1].mediabox.width < reader.pages[-1].mediabox.height  # the annex is upright again


def test_an_empty_pack_still_exports(tmp_path):
    with Pack.create(tmp_path / "empty.mpack") as pack:
        export_pdf(pack, tmp_path / "empty.pdf")
    text = "".join(_texts(tmp_path / "empty.pdf"))
    assert "There are no tables in this export" in text and "No questions have been asked" in text


def test_a_long_wide_budget_monitor_fits_its_landscape_pages(tmp_path):
    measures = ["Budget £", "Forecast £", "Variance £"] + [f"Month {m} £" for m in range(1, 10)]
    rows = [(f"Service {i}", "data", *[f"{(i + 1) * 1_000_000 + m:,}" for m in range(len(measures))])
            for i in range(40)]
    with Pack.create(tmp_path / "long.mpack") as pack:
        _add(pack, "Monitor", "finance", BUDGET_MONITOR, measures, rows)
        export_pdf(pack, tmp_path / "long.pdf")
    reader = pypdf.PdfReader(tmp_path / "long.pdf")
    chart_page = next(p for p in reader.pages if "largest of 40" in p.extract_text())
    assert chart_page.mediabox.width > chart_page.mediabox.height


@pytest.mark.parametrize("name, period, expected", [
    ("Schools by Ofsted judgement, as of February 2021", "Feb 2021", "Schools by Ofsted judgement, as of February 2021"),
    ("23/24 Budget Monitoring Report (Month 6) General Fund", "2023/24 Month 6",
     "23/24 Budget Monitoring Report (Month 6) General Fund"),
    ("Suspensions", "2022/23", "Suspensions (2022/23)"),
    ("DSG blocks 2020/21", "2021/22", "DSG blocks 2020/21 (2021/22)"),
])
def test_a_table_title_gives_its_period_once(name, period, expected):
    ds = Dataset(name, "f.xlsx", "0" * 64, "S", "A1:B2", period=period)
    assert table_title(Table(ds, [], [])) == expected


def test_a_ledger_prints_its_first_rows_totals_and_largest_bars(tmp_path):
    rows = [(f"Cost centre {i}", "data", f"{(i * 37) % 1000 - 500}") for i in range(900)]
    rows[600] = ("All cost centres total", TOTAL, "123")
    with Pack.create(tmp_path / "ledger.mpack") as pack:
        _add(pack, "Ledger", "other", "breakdown", ["Spend £k"], rows)
        export_pdf(pack, tmp_path / "ledger.pdf")
    reader = pypdf.PdfReader(tmp_path / "ledger.pdf")
    text = "".join(page.extract_text() for page in reader.pages)
    assert "The 30 largest of 899; the pack holds all." in text
    assert "… and 649 more rows, kept in the pack but not printed" in text
    assert "Cost centre 249" in text and "All cost centres total" in text and "Cost centre 899" not in text
    assert len(reader.pages) < 20


def test_an_export_without_the_finance_tables_does_not_say_no_forecast_moved(demo_pack, tmp_path):
    """A social care export had headed its movements list "Biggest adverse movements, 2023/24 Month 6"
    and said "No service’s forecast moved the wrong way since the last report" (Fieldwork, External
    Placements and others had, in the monitor not exported)."""
    from memberpack.export.html_export import export_html

    with Pack.open(demo_pack) as pack:
        export_pdf(pack, tmp_path / "care.pdf", sections=["social_care"])
        export_html(pack, tmp_path / "care.html", sections=["social_care"])
    text = re.sub(r"\s+", " ", " ".join(_texts(tmp_path / "care.pdf")))
    html = re.sub(r"\s+", " ", (tmp_path / "care.html").read_text(encoding="utf-8"))
    for shown in (text, html):
        assert "Biggest adverse movements, 2023/24 Month 6" not in shown
        assert "No service’s forecast in this export moved the wrong way since the last report." in shown


def test_an_export_of_one_section_says_its_empty_headline_lists_are_of_this_export(demo_pack, tmp_path):
    """An education export of the demo pack had said "Nothing is rated red.", "No shared notes yet."
    and "No table has an earlier period in the pack to compare with." of a pack with eleven red
    items, two shared notes and a Month 5 monitor."""
    with Pack.open(demo_pack) as pack:
        export_pdf(pack, tmp_path / "ed.pdf", sections=["education"])
    text = re.sub(r"\s+", " ", " ".join(_texts(tmp_path / "ed.pdf")))
    for line in ("Nothing in this export is rated red.", "No shared notes in this export.",
                 "No indicator in this export moved the wrong way between its latest periods.",
                 "No table in this export has an earlier period in the pack to compare with."):
        assert line in text
