"""The truth test (issue 13): every title, summary and headline line the narrative layer writes
agrees with the figures, on the demo pack and on generated tables; and the checker catches each
defect the demo pack used to show."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from memberpack.analysis.charts import charts_for, table_summary
from memberpack.analysis.headlines import budget_position, headlines
from memberpack.analysis.narrative import column_titles
from memberpack.model.conventions import OVERSPEND, SURPLUS, UNDERSPEND, Convention, convention_of, infer
from memberpack.model.grid import Grid
from memberpack.model.observation import BUDGET_MONITOR, DATA, OPEN_STATISTICS, TOTAL, Dataset, Observation
from memberpack.store.pack import Pack
from truth import check, table_periods

# --- the demo pack -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(demo_pack_master):
    with Pack.open(demo_pack_master) as pack:
        tables = [(ds, Grid.of(pack.observations(ds.id)), pack.observations(ds.id)) for ds in pack.datasets()
                  if ds.kind != OPEN_STATISTICS]
        return tables, headlines(pack)


def test_every_title_and_summary_of_the_demo_agrees_with_its_table(demo):
    tables, _ = demo
    problems = []
    for ds, grid, observations in tables:
        specs = charts_for(ds, observations)
        assert specs or table_summary(ds, specs).startswith("No chart"), ds.name   # a chart, or why not
        conv = convention_of(ds, grid)
        for spec in specs:
            assert spec.y_label, spec.id                                      # every value axis has a title
            for text in (spec.title, spec.summary):
                problems += [f"{ds.name}: {text!r}: {p}" for p in check(text, grid, conv, table_periods(grid, [ds.period]))]
    assert not problems, "\n".join(problems)


def test_every_headline_line_of_the_demo_agrees_with_its_table(demo):
    tables, h = demo
    by_name = {ds.name: (ds, grid) for ds, grid, _ in tables}
    problems = []
    b = h.budget
    ds, grid = by_name[b.dataset]
    problems += check(b.sentence, grid, convention_of(ds, grid), table_periods(grid, [ds.period]))
    for item in h.deficits + h.red_items + h.adverse_movements:
        ds, grid = by_name[item.dataset]
        conv = convention_of(ds, grid)
        for text in (item.display, f"{item.name}, {item.measure} ({item.period}): {item.display}"):
            problems += [f"{text!r}: {p}" for p in check(text, grid, conv, table_periods(grid, [ds.period]))]
    assert not problems, "\n".join(problems)


def test_the_headline_covers_the_dsg_high_needs_deficit(demo):
    _, h = demo
    high_needs = {(i.measure, i.display) for i in h.deficits if i.label == "High Needs"}
    assert ("Forecast in-year variance surplus/ (deficit)", "£15.1m deficit") in high_needs
    assert ("Forecast carry forward 31 Mar 2024", "£44.9m deficit") in high_needs
    assert any(i.kind if hasattr(i, "kind") else i.measure == "question" for i in h.noted)


def test_each_table_knows_its_sign_convention(demo):
    tables, _ = demo
    conventions = {ds.sheet: convention_of(ds, grid) for ds, grid, _ in tables if ds.kind == BUDGET_MONITOR}
    assert conventions["Budget Monitor"].positive == OVERSPEND and conventions["Budget Monitor"].brackets == "favourable"
    assert conventions["DSG 2023-24"].positive == SURPLUS and conventions["DSG 2023-24"].brackets == "adverse"
    assert conventions["Finances"].arrows == "down is worse"          # 2022/23 Month 9: ↓ beside a rise of 2.4
    assert conventions["Appendix 1"].scale == 1.0 and conventions["Budget Monitor"].scale == 1e6
    stored = next(ds for ds, _, _ in tables if ds.sheet == "DSG 2023-24").layout["convention"]
    assert stored["positive"] == SURPLUS                              # recorded at import, with the dataset


def test_red_items_are_grouped_by_table_and_period_with_amounts(demo):
    _, h = demo
    groups = dict(h.red_groups())
    finance = next(items for name, items in groups.items() if name.startswith("2023/24 Month 6"))
    kpis = next(items for name, items in groups.items() if name.startswith("Q3 2020/21"))
    assert all(i.period == "2023/24 Month 6" for i in finance) and all(i.period == "Q3 2020/21" for i in kpis)
    assert next(i.display for i in finance if i.label == "External Placements") == "£10.4m overspend"
    assert not any("Red" in i.display for i in h.red_items)


# --- the defects the demo used to show: the checker catches each -----------------------------------


@pytest.fixture(scope="module")
def sheets(demo):
    tables, _ = demo
    return {ds.sheet: (grid, convention_of(ds, grid), table_periods(grid, [ds.period])) for ds, grid, _ in tables}


@pytest.mark.parametrize("sheet, text", [
    ("Fostering & Permanence", "Overspend of £400k, all in Connected Persons"),       # £0.7m under budget
    ("Budget Monitor", "Overspends of £14.3m, led by External Placements"),           # net is £12.4m
    ("External Placements", "Overspends of £12.7m, led by Residential Placements"),    # net is £10.4m
    ("Fostering & Permanence", "Net overspend of £0.7m at 2023/24 Month 6"),           # an underspend
    ("DSG 2023-24", "Net in-year surplus of £15.5m at 2023/24 Month 6"),              # brackets are a deficit
    ("Budget Monitor", "Fieldwork ↑ £900k"),                                          # the table says 0.9 (£m)
    ("Attendance", "Attendance: Total on Roll. Primary is the largest, at 37291"),    # no separators
    ("Agency staffing spend" if False else "10_agency_staffing_spend",
     "Agency staffing spend: down from £1.7m in 2016/17 to £697,860 in 2020/21"),  # hides the 85% rise
    ("KCPIs Q3 2020-21", "The number of North Somerset foster carers: 62 in Q3"),     # a period without its year
    ("EHCP", "EHC plans issued within 20 weeks %: up 20.0 points from 68.0% in 2021/22 to 48.0% in 2022/23"),
])
def test_the_checker_catches_each_listed_defect(sheets, sheet, text):
    grid, conv, periods = sheets[sheet]
    assert check(text, grid, conv, periods)


def test_the_ehcp_summary_leads_on_timeliness_falling(demo):
    tables, _ = demo
    ds, _grid, observations = next(t for t in tables if t[0].sheet == "EHCP")
    assert charts_for(ds, observations)[0].title.startswith(
        "EHC plans issued within 20 weeks %: down 20.0 points from 68.0% in 2021/22 to 48.0% in 2022/23")


def test_agency_staffing_leads_on_the_latest_rise(demo):
    tables, _ = demo
    ds, _grid, observations = next(t for t in tables if t[0].name == "Agency staffing spend")
    summary = charts_for(ds, observations)[0].summary
    assert summary.startswith("Agency staffing spend: up £320k from £378k in 2019/20 to £698k in 2020/21")
    assert "after falling from £1.7m in 2016/17" in summary


def test_every_kpi_is_charted_or_named_as_left_out(demo):
    tables, _ = demo
    ds, grid, observations = next(t for t in tables if t[0].sheet == "KCPIs Q3 2020-21")
    specs = charts_for(ds, observations)
    drawn = {s.name for spec in specs for s in spec.series}
    left = " ".join(spec.left_out for spec in specs)
    numeric = [r.label for r in grid.rows if any(o.value is not None and o.period for o in r.cells.values())]
    assert all(label in drawn or label[:40] in left for label in numeric)
    assert len({spec.unit for spec in specs}) == len(specs) or all(len(s.series) <= 6 for s in specs)


def test_money_columns_are_headed_with_the_unit_of_the_source_units_row(demo):
    tables, _ = demo
    titles = {ds.sheet: column_titles(grid) for ds, grid, _ in tables}
    assert titles["Budget Monitor"][:3] == ["Current Budget (£m)", "Full Year Projection (£m)", "Month 6 Variance (£m)"]
    assert "A/(F)" in titles["Budget Monitor"]                   # no figures, no unit
    assert "Current Budget £m" in titles["Finances"]             # a header that says its unit is left as it is
    scorecard = next(grid for ds, grid, _ in tables if ds.sheet == "KCPIs Q3 2020-21")
    assert titles["KCPIs Q3 2020-21"] == [  # units by row: no column has one unit; quarters with their year
        f"{m} 2020/21" if m in ("Q1", "Q2", "Q3", "Q4") else m for m in scorecard.measures]
    assert titles["KCPIs Q3 2020-21"][1:5] == ["Q1 2020/21", "Q2 2020/21", "Q3 2020/21", "Q4 2020/21"]


# --- generated budget tables ----------------------------------------------------------------------

SCALES = {1e6: ("£m", 1), 1e3: ("£k", 0), 1.0: ("£", 0)}


def _text_of(value: float, scale: float) -> str:
    decimals = SCALES[scale][1]
    shown = f"{abs(value) / scale:,.{decimals}f}"
    return f"({shown})" if value < 0 else shown


@st.composite
def budget_tables(draw):
    """A budget table with random rows, signs, scale, convention and total row, as an importer
    would store it: surplus/(deficit) and under/(over) tables hold budget minus forecast, others
    forecast minus budget."""
    scale = draw(st.sampled_from(list(SCALES)))
    positive = draw(st.sampled_from((OVERSPEND, SURPLUS, UNDERSPEND)))
    n = draw(st.integers(1, 6))
    step = scale * (0.1 if scale == 1e6 else 1)
    budgets = [draw(st.integers(0, 400)) * step for _ in range(n)]
    forecasts = [b + draw(st.integers(-60, 60)) * step for b in budgets]
    with_total = draw(st.booleans())
    header = {OVERSPEND: "Variance", SURPLUS: "Variance surplus/(deficit)", UNDERSPEND: "Variance under/(over)"}[positive]
    rows = [(f"Service {i}", b, f, (f - b) if positive == OVERSPEND else (b - f), DATA)
            for i, (b, f) in enumerate(zip(budgets, forecasts))]
    if with_total:
        rows.append(("Total", sum(budgets), sum(forecasts), sum(r[3] for r in rows), TOTAL))
    observations = []
    for r, (label, *values, role) in enumerate(rows):
        for c, (measure, value) in enumerate(zip(("Current Budget", "Full Year Projection", header), values)):
            value = round(value / step) * step
            observations.append(Observation(label, measure, value, "GBP", _text_of(value, scale), row_role=role,
                                            period="2023/24 Month 6", row=r, col=c + 1,
                                            cell=f"{'BCD'[c]}{r + 2}", sheet="S"))
    ds = Dataset("Generated monitor", "g.xlsx", "0" * 64, "S", "A1:D9", BUDGET_MONITOR, key="g",
                 period="2023/24 Month 6")
    return ds, observations, positive, scale


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(budget_tables())
def test_generated_budget_tables_are_described_truly(table):
    ds, observations, positive, scale = table
    grid = Grid.of(observations)
    conv = infer(grid)
    figures = any(o.value for o in observations)
    assert conv.positive == positive or not figures
    assert conv.scale == scale or not figures
    periods = table_periods(grid, [ds.period])
    texts = [t for spec in charts_for(ds, observations) for t in (spec.title, spec.summary)]
    position = budget_position(ds, grid)
    if position is not None:
        texts.append(position.sentence)
    for text in texts:
        assert not check(text, grid, conv, periods), text
    if figures:   # every money column headed with the scale its figures are printed in
        unit = SCALES[scale][0]
        assert column_titles(grid) == [f"{m} ({unit})" for m in grid.measures]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(0, 5000)), min_size=2, max_size=6), st.booleans())
def test_generated_series_with_gaps_and_single_point_benchmarks_are_described_truly(values, benchmark):
    periods = [f"Q{q} 2020/21" for q in range(1, len(values) + 1)]
    rows = [("Children looked after", values)]
    if benchmark:
        rows.append(("England", [None] * (len(values) - 1) + [1234]))
    observations = [Observation(label, p, v, "count", "DNA" if v is None else f"{v:,}",
                                status="dna" if v is None else None, period=p, row=r, col=c + 1,
                                cell=f"{'BCDEFG'[c]}{r + 2}")
                    for r, (label, vals) in enumerate(rows) for c, (p, v) in enumerate(zip(periods, vals))]
    ds = Dataset("Generated series", "g.xlsx", "0" * 64, "S", "A1:G3", "time_series", key="s")
    grid = Grid.of(observations)
    for spec in charts_for(ds, observations):
        for text in (spec.title, spec.summary):
            assert not check(text, grid, Convention(), table_periods(grid)), text
        if benchmark:
            england = next(s for s in spec.series if s.name == "England")
            assert england.role == "benchmark" and england.values[-1] == 1234   # one figure, still a series


def test_how_we_compare_names_only_the_comparators_it_has_figures_for(demo_pack_master):
    from memberpack.analysis.comparison_rows import intro_text
    from memberpack.analysis.comparisons import by_dataset, pack_comparisons

    with Pack.open(demo_pack_master) as pack:
        found = by_dataset(pack_comparisons(pack))
        names = {d.key: d.name for d in pack.datasets()}
    intros = {names[key]: intro_text(comparisons) for key, comparisons in found.items()}
    assert intros["Good level of development at the end of the Early Years Foundation Stage"] == (
        "North Somerset against England.")                        # no region figure: the region is not named
    assert intros["North Somerset: children looked after and benchmarks, 2020/21"] == (
        "North Somerset against England, South West and statistical neighbours.")


def test_every_how_we_compare_trend_has_an_axis_title_with_its_unit(demo_pack_master):
    from memberpack.analysis.comparisons import pack_comparisons

    with Pack.open(demo_pack_master) as pack:
        trends = [c.trend for c in pack_comparisons(pack) if c.trend is not None]
    assert trends and all(t.y_label for t in trends)
    assert {t.y_label for t in trends if t.unit == "per_10000"} == {"rate per 10,000"}


def test_a_column_headed_with_part_of_its_period_is_titled_with_the_whole_period():
    """A scorecard's "Q1".."Q4" columns printed bare, the year only in the table's title: each is
    now titled with its figures' one period; a month column holding three years stays as it is."""
    def obs(row, col, measure, period, value):
        return Observation(f"Row {row}", measure, value, "count", str(value), period=period, row=row, col=col,
                           sheet="S", cell=f"{'ABCD'[col]}{row}")
    grid = Grid.of([obs(2, 1, "Year-End 2019/20", "Year-End 2019/20", 62.0), obs(2, 2, "Q1", "Q1 2020/21", 65.0),
                    obs(3, 2, "Q1", "Q1 2020/21", 18.0), obs(2, 3, "Sep", "Sep 2020", 5.0),
                    obs(3, 3, "Sep", "Sep 2021", 7.0)])
    assert column_titles(grid) == ["Year-End 2019/20", "Q1 2020/21", "Sep"]


def test_columns_of_one_period_are_not_drawn_as_a_trend():
    """"2017 Gross Expenditure", "2017 Income" and "2017 Net Expenditure" are three measures of
    2017, not a series: a trend over them read "down £230,097 from £247 in 2017 to (£229,850) in 2017"."""
    heads = ["2017 Gross Expenditure", "2017 Income", "2017 Net Expenditure"]
    rows = [("Central Support Costs", [-230097.0, 247.0, -229850.0]), ("Planning", [-500.0, 0.0, -500.0]),
            ("Town in Bloom", [-20000.0, 0.0, -20000.0])]
    observations = [Observation(label, head, value, "GBP", f"{value:,.0f}", period="2017", row=r, col=c,
                                sheet="S", cell=f"{'BCD'[c - 1]}{r}")
                    for r, (label, values) in enumerate(rows, start=2) for c, (head, value) in
                    enumerate(zip(heads, values), start=1)]
    ds = Dataset("Accounts", "a.xlsx", "0" * 64, "S", "A1:D4")
    specs = charts_for(ds, observations)
    assert specs and all(spec.categories != ["2017", "2017", "2017"] for spec in specs)
    assert not any("in 2017 to" in spec.title or "in 2017 to" in spec.summary for spec in specs)


def _by_year(heads: list[str], rows: list[tuple[str, list[float]]]) -> list[Observation]:
    return [Observation(label, head, value, "count", f"{value:,.0f}", period=head, row=r, col=c, sheet="S",
                        cell=f"{'BCDE'[c - 1]}{r}")
            for r, (label, values) in enumerate(rows, start=2) for c, (head, value) in enumerate(zip(heads, values),
                                                                                                start=1)]


def test_a_table_with_its_latest_year_first_is_described_forward_in_time():
    """Columns 2023, 2022, 2021 (newest first): the chart runs 2021 to 2023 and a rise is a rise."""
    ds = Dataset("Referrals", "r.xlsx", "0" * 64, "S", "A1:D3")
    (spec,) = charts_for(ds, _by_year(["2023", "2022", "2021"], [("Referrals", [300.0, 200.0, 100.0])]))
    assert spec.categories == ["2021", "2022", "2023"] and spec.series[0].values == [100.0, 200.0, 300.0]
    assert "up" in spec.title and "from 200 in 2022 to 300 in 2023" in spec.title


def test_columns_whose_periods_are_out_of_order_are_not_a_trend():
    """"Looked after at 31 March 2015" beside "2014" beside "31 March 2014" read "down 88% from 205
    in Mar 2015 to 25 in Mar 2014": periods out of order are measures, not a series."""
    ds = Dataset("Health", "h.xlsx", "0" * 64, "S", "A1:D3")
    specs = charts_for(ds, _by_year(["Mar 2015", "2014", "Mar 2014"], [("Barnet", [205.0, 185.0, 25.0]),
                                                                       ("Brent", [150.0, 140.0, 20.0])]))
    assert not any(spec.kind == "line" and spec.categories == ["Mar 2015", "2014", "Mar 2014"] for spec in specs)
    assert not any("Mar 2015 to" in spec.title for spec in specs)


def test_measures_that_each_mention_a_date_are_not_a_trend():
    """Two different counts, one "at 31 March 2014" and one "aged 5 or younger at 31 March 2015", are
    not one measure over time ("up 720% from 25 in Mar 2014 to 205 in Mar 2015"); a measure written
    with each year ("Used in the last 3 months 2019", "… 2020") still is."""
    ds = Dataset("Health", "h.xlsx", "0" * 64, "S", "A1:C3")
    heads = ["Children looked after for 12 months at 31 March 2014",
             "Children looked after for 12 months and aged 5 or younger at 31 March 2015"]
    observations = [Observation(label, head, value, "count", f"{value:,.0f}", period=period, row=r, col=c,
                                sheet="S", cell=f"{'BC'[c - 1]}{r}")
                    for r, (label, values) in enumerate([("Barnet", [205.0, 25.0]), ("Brent", [150.0, 20.0])], 2)
                    for c, (head, value, period) in enumerate(zip(heads, values, ["Mar 2014", "Mar 2015"]), 1)]
    assert not any(spec.kind == "line" for spec in charts_for(ds, observations))
    same = _by_year(["Used in the last 3 months 2019", "Used in the last 3 months 2020"], [("Luton", [80.0, 90.0])])
    for o, year in zip(same, ["2019", "2020"]):
        o.period = year
    (spec,) = charts_for(ds, same)
    assert spec.kind == "line" and spec.categories == ["2019", "2020"]


def test_rank_says_which_measure_1_is_best_for_and_which_it_is_highest_for(demo_pack_master, capsys):
    """The CLA rates file ranks a neutral measure (1 = highest) beside one where higher is better
    (1 = best): the line had read "1 = best, higher is better; 1 = highest, neither higher nor lower
    is better", two meanings of rank 1 with no word of which measure had which."""
    from memberpack.analysis.comparison_rows import intro_text
    from memberpack.analysis.comparisons import by_dataset, pack_comparisons
    from memberpack.cli import main

    with Pack.open(demo_pack_master) as pack:
        found = by_dataset(pack_comparisons(pack))
        key = next(d.key for d in pack.datasets() if d.name == "Children looked after rates 2017-2020")
    expected = ("Rank among all authorities in the file: for Percentage of CLA in foster care, 1 = best, higher "
                "is better; for Children looked after rate per 10,000 children, 1 = highest, neither higher "
                "nor lower is better")
    assert expected in intro_text(found[key])
    assert main(["compare", str(demo_pack_master)]) == 0
    assert "for Percentage of CLA in foster care, 1 = best, higher is better" in capsys.readouterr().out


def test_income_lines_are_more_or_less_income_than_budgeted_not_underspends(demo):
    """External Placements' DSG Grant brings in £1.1m more than budgeted: the summary had listed it
    among the "largest underspends"; it is named as income, and the spending lines keep their words."""
    tables, _ = demo
    ds, _grid, observations = next(t for t in tables if t[0].sheet == "External Placements")
    summary = charts_for(ds, observations)[0].summary
    assert "Largest overspends: Residential Placements £5.6m and Unregistered Placements £3.4m." in summary
    assert "Largest underspends: Independent Fostering Agencies £0.7m and Residential Parent & Child £0.4m." in summary
    assert "More income than budgeted: DSG Grant £1.1m and UASC Grant £0.1m." in summary


def test_a_breakdown_over_year_columns_is_drawn_for_the_latest_period_and_names_it():
    """The seed's placements year-on-year table (2019/20, 2020/21 P9, Change, 2020/21 P8, in £000s):
    its chart was drawn for 2019/20, the oldest column, under a title naming no period ("Placements
    year-on-year: highest for Spend, at £10,222k") that read as this year's spend."""
    heads = ["2019/20 £000s", "2020/21 P9 £000s", "Change £000s", "2020/21 P8 £000s"]
    periods = ["2019/20", "2020/21 Month 9", None, "2020/21 Month 8"]
    rows = [("Budget", [8834, 9649, 815, 9649]), ("Spend", [10222, 10503, 281, 10515]),
            ("Variance", [1388, 854, -535, 866])]
    observations = [Observation(label, head, 1000.0 * v, "GBP", f"{v:,}", period=p, row=r, col=c, sheet="S",
                                cell=f"{'BCDE'[c - 1]}{r + 3}")
                    for r, (label, values) in enumerate(rows)
                    for c, (head, p, v) in enumerate(zip(heads, periods, values), start=1)]
    ds = Dataset("Placements year-on-year", "p.xlsx", "0" * 64, "S", "A2:E5", "time_series", key="p")
    spec, = charts_for(ds, observations)
    assert spec.series[0].name == "2020/21 P9 £000s"
    assert spec.title == "Overspend of £854k at 2020/21 Month 9"   # a statement, not a ranking (review14)


def test_a_column_whose_unit_the_officer_corrected_is_titled_with_the_unit_it_is_read_in(tmp_path):
    """The seed's Disabled Children's packages table is headed £000s over figures in pounds; the
    officer corrects the unit to £, and the sentences say £623,248, but every table (the app's, the
    chart's figures in the PDF) had still headed the figures "Variance £000s"."""
    from awkward_workbooks import write_xlsx

    from memberpack.importers import read_file
    from memberpack.importers.table_layout import Corrections

    rows = [["Disabled Children's Support Packages"], ["Service Area", "Budget £000s", "Forecast £000s", "Variance £000s"],
            ["Direct Payments", 331368, 725692, 394324], ["Respite", 225796, 161171, -64624],
            ["Total", 557164, 886863, 329700]]
    path = write_xlsx(tmp_path / "dc.xlsx", {"Disabled": rows})
    table, = read_file(path, corrections=Corrections(unit="£")).tables
    assert column_titles(Grid.of(list(table.observations))) == [
        "Budget £000s (read as £)", "Forecast £000s (read as £)", "Variance £000s (read as £)"]
    table, = read_file(path).tables            # as the header says: no note
    assert column_titles(Grid.of(list(table.observations))) == ["Budget £000s", "Forecast £000s", "Variance £000s"]
