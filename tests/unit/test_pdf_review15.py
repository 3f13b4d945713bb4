"""Faults a councillor or clerk found reading exported briefings (review 15), each checked on the
text the PDF prints."""

from __future__ import annotations

import re

import pypdf

from memberpack.analysis.benchmark_text import is_comparator
from memberpack.analysis.charts import charts_for
from memberpack.assets import sample
from memberpack.cli import main
from memberpack.export.pdf import export_pdf
from memberpack.model.observation import Dataset, Observation
from memberpack.model.units import find_unit
from memberpack.model.values import parse_text
from memberpack.store.pack import Pack


def _add(pack: Pack, name: str, domain: str, kind: str, measures: list[str], rows: list[tuple]) -> None:
    """A table stored as an importer would: ``rows`` are (label, texts...)."""
    observations = []
    for r, (label, *texts) in enumerate(rows, start=1):
        for c, (measure, text) in enumerate(zip(measures, texts), start=1):
            cell = parse_text(text, find_unit(measure))
            observations.append(Observation(label, measure, cell.value, cell.unit, text, cell.status, period=None,
                                            row_role="data", sheet="Data", cell=f"R{r + 1}C{c + 1}", row=r, col=c))
    pack.add_dataset(Dataset(name, f"{name}.csv", "0" * 64, "Data", f"A1:Z{len(rows) + 1}", kind, domain, key=name),
                     observations)


def _pages(path) -> list[str]:
    return [re.sub(r"^ +", "", p.extract_text(), flags=re.M) for p in pypdf.PdfReader(path).pages]


def test_a_section_heading_is_never_alone_on_its_page(tmp_path):
    """A wide table of every council (landscape pages) used to leave "Social care" alone on a page,
    its table starting on the next."""
    path = tmp_path / "p.mpack"
    measures = [f"Children looked after {m}" for m in ("total", "boys", "girls", "under 1", "1 to 4", "5 to 9",
                                                        "10 to 15", "16 and over", "white", "mixed", "asian",
                                                        "black", "other", "unaccompanied")]
    rows = [(f"Council {i:03d}", *(str(100 + i * 7 + j) for j in range(len(measures)))) for i in range(60)]
    with Pack.create(path, committee="Scrutiny", classification="Public") as pack:
        _add(pack, "Children looked after by council", "social_care", "breakdown", measures, rows)
        out = export_pdf(pack, tmp_path / "b.pdf")
    pages = _pages(out)
    heading = next(p for p in pages[3:] if re.search(r"^Social care$", p, re.M))
    assert "Children looked after by council" in heading


def _briefing_of_samples(tmp_path, *names: str) -> str:
    """The PDF briefing's text, white space made single, of a pack (``tmp_path/p.mpack``) importing
    these bundled samples."""
    path = tmp_path / "p.mpack"
    assert main(["import", str(path), *(str(sample(name)) for name in names)]) == 0
    out = tmp_path / "b.pdf"
    assert main(["export", str(path), "-o", str(out)]) == 0
    return " ".join(" ".join(p.split()) for p in _pages(out))


def _table(measures: list[str], rows: list[tuple], kind: str = "breakdown") -> tuple[Dataset, list[Observation]]:
    observations = []
    for r, (label, *texts) in enumerate(rows, start=1):
        for c, (measure, text) in enumerate(zip(measures, texts), start=1):
            cell = parse_text(text, find_unit(measure))
            year = re.search(r"\b(20\d\d)\b", measure)
            period = measure if re.fullmatch(r"Q\d 20\d\d/\d\d", measure) else year.group(1) if year else None
            observations.append(Observation(label, measure, cell.value, cell.unit, text, cell.status,
                                            period=period, sheet="Data",
                                            cell=f"{chr(65 + c)}{r + 1}", row=r, col=c))
    return Dataset("Absence", "absence.xls", "0" * 64, "Data", "A1:C9", kind, "inclusion", key="Absence"), observations


def test_a_column_of_one_same_figure_is_not_ranked():
    """DfE's absence table has its 2011 columns all 0: the chart ranked 154 councils at 0 under
    "Unauthorised absence 2011: highest for Yorks & the Humber, at 0"."""
    rows = [("Camden", "9100", "310", "0", "0"), ("Greenwich", "9800", "450", "0", "0"),
            ("Hackney", "8700", "275", "0", "0"), ("Barnet", "9900", "390", "0", "0")]
    ds, obs = _table(["Possible sessions 2010", "Unauthorised absence 2010", "Possible sessions 2011",
                      "Unauthorised absence 2011"], rows)
    (spec,) = charts_for(ds, obs)
    assert spec.title == "Possible sessions 2010: highest for Barnet, at 9,900"   # the latest year that differs
    assert "Unauthorised absence 2011" in spec.left_out


def test_a_table_of_nothing_but_one_figure_says_so_rather_than_naming_a_highest():
    rows = [("Camden", "0"), ("Greenwich", "0"), ("Hackney", "0")]
    ds, obs = _table(["Unauthorised absence 2011"], rows)
    (spec,) = charts_for(ds, obs)
    assert "highest" not in spec.summary and "lowest" not in spec.summary
    assert spec.title == "Unauthorised absence 2011: 0 for all 3"


def test_regions_as_dfe_abbreviates_them_are_not_ranked_among_councils():
    """DfE's tables write "Yorks & the Humber", "INNER LONDON" and "OUTER LONDON": they were ranked
    with the councils ("CLA_2016: highest for OUTER LONDON, at 9,160")."""
    rows = [("ENGLAND", "70440"), ("Yorks & the Humber", "7900"), ("INNER LONDON", "6440"), ("OUTER LONDON", "9160"),
            ("Camden", "310"), ("Kent", "3353"), ("Devon", "1074")]
    ds, obs = _table(["CLA_2016"], rows)
    (spec,) = charts_for(ds, obs)
    assert spec.title == "CLA_2016: highest for Kent, at 3,353"
    assert spec.categories == ["Kent", "Devon", "Camden"]   # the councils largest first
    assert "ENGLAND; Yorks & the Humber; INNER LONDON; OUTER LONDON" in spec.left_out


def test_classes_of_authority_are_not_ranked_among_councils():
    """The revenue outturn's class breakdown under its councils ("Unitary Authorities", "Shire
    Districts") was ranked with them: "highest for Unitary Authorities, at £12,258,655k"."""
    rows = [("Adur", "4100"), ("Kent", "310000"), ("York UA", "52000"), ("ENGLAND", "29000000"),
            ("Unitary Authorities", "12258655"), ("Shire Districts", "900000"), ("London Boroughs", "5100000"),
            ("Fire and Rescue Authorities", "800000"), ("Police", "10111058")]
    ds, obs = _table(["Total Service Expenditure - Employees (C1) £000s"], rows)
    (spec,) = charts_for(ds, obs)
    assert spec.categories == ["Kent", "York UA", "Adur"]   # the councils largest first
    assert "highest for Kent" in spec.title


def test_a_police_precept_among_a_council_tax_bills_lines_is_ranked():
    rows = [("County Council", "1500.00"), ("Police", "250.00"), ("Fire", "80.00"), ("Parish", "40.00")]
    ds, obs = _table(["Band D £"], rows)
    (spec,) = charts_for(ds, obs)
    assert spec.categories == ["County Council", "Police", "Fire", "Parish"]


def test_the_measures_drawn_beside_the_first_are_not_said_to_be_in_number():
    """"Also drawn: 3 more measures in number." (the unit's axis title put in a sentence)."""
    rows = [("The number of early help interventions", "1035", "911", "1028"),
            ("The number of North Somerset foster carers", "65", "63", "62"),
            ("The number of new SEND school places", "18", "18", "18"),
            ("The number of families open to Early Help", "341", "303", "276")]
    ds, obs = _table(["Q1 2020/21", "Q2 2020/21", "Q3 2020/21"], rows, kind="kpi_scorecard")
    summaries = " ".join(spec.summary for spec in charts_for(ds, obs))
    assert "in number" not in summaries
    assert "Also drawn: 3 more measures, named in the chart's key." in summaries


def test_changes_left_off_the_headline_list_are_not_said_to_be_in_the_sections(tmp_path):
    """Month 5 then Month 6: the headline page listed 15 changes and said "…and 11 more, shown in
    their sections", but the sections print only Month 6's figures, never what changed."""
    text = _briefing_of_samples(tmp_path, "00_budget_monitor_m5_2023-24.xlsx", "01_budget_monitor_m6_2023-24.xlsx")
    assert "shown in their sections" not in text
    assert "…and 11 more changes in this table, not listed here." in text
    html_out = tmp_path / "b.html"
    assert main(["export", str(tmp_path / "p.mpack"), "-o", str(html_out)]) == 0
    html = html_out.read_text(encoding="utf-8")
    assert "shown in their sections" not in html and "…and 11 more changes in this table, not listed here." in html


def test_a_council_named_after_a_region_with_its_class_after_it_is_a_council():
    """"North East Lincolnshire UA" was read as the North East region: it was set aside from the
    ranking, and "How we compare" set Kensington & Chelsea (the row above it) against "North East"."""
    for council in ("North East Lincolnshire UA", "North West Leicestershire DC", "South West Devon BC",
                    "North East Derbyshire District Council", "North East Lincolnshire Council"):
        assert not is_comparator(council), council
    for region in ("North East", "North East Total", "South West rate per 10,000", "South West average"):
        assert is_comparator(region), region
    rows = [("Kensington & Chelsea", "121220"), ("North East Lincolnshire UA", "32915"), ("Portsmouth UA", "163879")]
    ds, obs = _table(["Total 2018 £000"], rows)
    (spec,) = charts_for(ds, obs)
    assert "North East Lincolnshire UA" in spec.categories and "comparators" not in spec.left_out


def test_a_monitor_that_writes_spending_as_negative_reads_less_spent_as_an_underspend():
    """A town council's accounts write each service's budget and spending in brackets and the
    precept plain: Cultural and Heritage spent (94,886) of a (190,000) budget, variance 95,114. The
    briefing called that an overspend: "Largest overspends: ... Net Surplus £522,542"."""
    rows = [("Economic Development", "(130,000)", "(2,022)", "127,978"),
            ("Cultural and Heritage", "(190,000)", "(94,886)", "95,114"),
            ("Play and Recreation", "(347,500)", "(109,981)", "237,519"),
            ("Christmas Lights", "(40,000)", "(52,000)", "(12,000)"),
            ("Annual Precept", "1,832,982", "1,832,982", "0")]
    ds, obs = _table(["2018 Net Budget £", "2018 Net Expenditure £", "2018 Net Variance £"], rows,
                     kind="budget_monitor")
    summary = charts_for(ds, obs)[0].summary
    assert "Largest underspends: Play and Recreation £237,519 and Economic Development £127,978" in summary
    assert "Largest overspend: Christmas Lights £12,000" in summary


def test_the_headline_page_says_nothing_of_arrows_it_does_not_print(tmp_path):
    """The 2022/23 Month 9 monitor's arrows (its 'Direction From Month 7' column, ↓ for worse) are in
    its table, not on the headline page, which ended its budget sentence with "Arrows: down is worse."."""
    path = tmp_path / "p.mpack"
    assert main(["import", str(path), str(sample("11_budget_monitor_m9_2022-23.xlsx"))]) == 0
    out = tmp_path / "b.pdf"
    assert main(["export", str(path), "-o", str(out)]) == 0
    pages = [" ".join(p.split()) for p in _pages(out)]
    headline = next(p for p in pages if "Headline summary Budget position" in p)
    assert "Net forecast overspend of £20.8m at 2022/23 Month 9" in headline and "Arrows" not in headline
    assert any("Arrows: down is worse." in p for p in pages if p is not headline)


def test_a_variance_forecast_for_the_year_is_called_a_forecast_in_its_section_as_on_the_headline_page(tmp_path):
    """At Month 6 the headline page said "Net forecast overspend of £12.4m" and the Finance section
    "Net overspend of £12.4m at 2023/24 Month 6", as though spent already; the DSG's "Forecast carry
    forward 31 Mar 2024" became "Net deficit carried forward of £37.5m at Mar 2024"."""
    text = _briefing_of_samples(tmp_path, "01_budget_monitor_m6_2023-24.xlsx", "03_dsg_blocks.xlsx")
    assert "Net forecast overspend of £12.4m at 2023/24 Month 6, 10.1% of the £123.1m budget." in text
    assert "Net forecast in-year deficit of £15.5m at 2023/24 Month 6." in text
    assert "Net forecast deficit carried forward of £37.5m at Mar 2024." in text
    assert "Net overspend of" not in text and "Net deficit carried" not in text


def test_accounts_of_what_was_spent_are_no_forecast():
    rows = [("Parks", "100", "120", "20"), ("Halls", "50", "45", "(5)")]
    ds, obs = _table(["Budget £", "Actual £", "Variance £"], rows, kind="budget_monitor")
    assert charts_for(ds, obs)[0].title == "Net overspend of £15"


def test_the_equality_objective_flag_is_spelled_out_in_a_sentence():
    """North Somerset's scorecard flags equality objectives with a bold "EO" after the indicator; a
    sentence read "The rate of children looked after entering care (overall) EO: up 1.0 ..."."""
    rows = [("The rate of children looked after entering care (overall) EO", "52", "50", "51")]
    ds, obs = _table(["Q1 2020/21", "Q2 2020/21", "Q3 2020/21"], rows, kind="kpi_scorecard")
    (spec,) = charts_for(ds, obs)
    assert spec.title.startswith("The rate of children looked after entering care (overall) (equality objective): up 1")


def test_a_quarter_not_yet_reported_is_not_an_empty_place_at_the_end_of_every_chart():
    """The Q3 scorecard's blank Q4 column ended every chart with an empty "Q4 2020/21", as though its
    figure were missing."""
    rows = [("The number of early help interventions", "1035", "911", "1028", ""),
            ("The number of North Somerset foster carers", "65", "63", "DNA", "")]
    ds, obs = _table(["Q1 2020/21", "Q2 2020/21", "Q3 2020/21", "Q4 2020/21"], rows, kind="kpi_scorecard")
    for spec in charts_for(ds, obs):
        assert spec.categories == ["Q1 2020/21", "Q2 2020/21", "Q3 2020/21"]
