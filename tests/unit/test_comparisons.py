"""Comparisons against England, the region and statistical neighbours, checked by hand."""

import csv

import pytest
from awkward_workbooks import write_xlsx
from openpyxl import Workbook

from memberpack.analysis.benchmark_text import parse_benchmarks
from memberpack.analysis.comparison_rows import summary_head, summary_row
from memberpack.analysis.comparisons import comparisons, pack_comparisons, rank_of
from memberpack.cli import main
from memberpack.importers import import_files
from memberpack.model.areas import known_authority
from memberpack.model.charts import BENCHMARK, DATA_SERIES
from memberpack.model.metrics import HIGHER, LOWER, NEUTRAL
from memberpack.store import comparators
from memberpack.store.comparators import Neighbour, NeighbourList
from memberpack.store.pack import Pack

HEADER = ["time_period", "time_identifier", "geographic_level", "country_name", "region_name", "old_la_code",
          "new_la_code", "la_name", "phase", "pa_rate", "attendance", "pupils"]
LAS = {  # code: (name, region, persistent absence, attendance, pupils) in 2021/22
    "933": ("Somerset", "South West", "20.0", "92.0", "500"),
    "885": ("Worcestershire", "West Midlands", "15.0", "94.0", "700"),
    "850": ("Hampshire", "South East", "22.0", "93.0", "900"),
    "803": ("South Gloucestershire", "South West", "c", "92.0", "400"),
    "802": ("North Somerset", "South West", "20.0", "91.0", "300"),
    "800": ("Bath and North East Somerset", "South West", "18.0", "90.0", "200"),
    "801": ("Bristol, City of", "South West", "25.0", "95.0", "800"),
    "916": ("Gloucestershire", "South West", "30.0", "89.0", "600"),
    "878": ("Devon", "South West", "12.0", "x", "100"),
}
META = [["col_name", "col_type", "label", "indicator_unit", "indicator_dp"],
        ["phase", "Filter", "Phase", "", ""],
        ["pa_rate", "Indicator", "Persistent absence rate", "%", "1"],
        ["attendance", "Indicator", "Attendance rate", "%", "1"],
        ["pupils", "Indicator", "Number of pupils", "", "0"]]


def _rows():
    def la(period, code, pa, att, pupils):
        name, region = LAS[code][:2]
        return [period, "Academic year", "Local authority", "England", region, code, "", name, "Total", pa, att,
                pupils]

    rows = [["202122", "Academic year", "National", "England", "", "", "", "", "Total", "21.0", "93.5", "9000"],
            ["202122", "Academic year", "Regional", "England", "South West", "", "", "", "Total", "19.5", "92.5",
             "3000"],
            ["202122", "Academic year", "Regional", "England", "West Midlands", "", "", "", "Total", "23.0", "91", "9"]]
    rows += [la("202122", code, *values[2:]) for code, values in LAS.items()]
    # earlier years: Somerset has no 2019/20 figure; 2020/21 is missing from the whole file
    rows += [["201819", "Academic year", "National", "England", "", "", "", "", "Total", "19.0", "94.0", "8800"],
             ["201920", "Academic year", "National", "England", "", "", "", "", "Total", "20.0", "94.0", "8900"],
             la("201819", "933", "18.0", "93.0", "480"), la("201819", "885", "14.0", "95.0", "690"),
             la("201920", "885", "16.0", "94.0", "695"), la("201920", "850", "21.0", "93.0", "905")]
    return rows


@pytest.fixture
def pack(tmp_path):
    for name, rows in (("absence.csv", [HEADER, *_rows()]), ("absence.meta.csv", META)):
        with open(tmp_path / name, "w", newline="", encoding="utf-8-sig") as f:
            csv.writer(f).writerows(rows)
    with Pack.create(tmp_path / "p.mpack") as p:
        import_files(p, [tmp_path / "absence.csv"])
        comparators.set_authority(p, known_authority("933"))
        comparators.save_neighbours(p, NeighbourList("933", [Neighbour("Worcestershire", "885"),
                                                             Neighbour("Hampshire", "850"),
                                                             Neighbour("South Gloucestershire", "803")]))
        yield p


def _by_measure(pack):
    return {c.measure: c for c in pack_comparisons(pack)}


def test_lower_is_better_against_england_region_neighbours_and_rank(pack):
    pa = _by_measure(pack)["Persistent absence rate"]
    assert (pa.metric_id, pa.polarity, pa.period, pa.value, pa.unit, pa.section) == (
        "persistent_absence_pct", LOWER, "2021/22", 20.0, "percent", "Total")
    england, region, neighbours = (pa.benchmark(k) for k in ("england", "region", "neighbours"))
    assert (england.value, england.difference, england.verdict) == (21.0, -1.0, "better")
    assert (region.name, region.value, region.difference, region.verdict) == ("South West", 19.5, 0.5, "worse")
    # Worcestershire 15.0 and Hampshire 22.0; South Gloucestershire is suppressed (c)
    assert (neighbours.value, neighbours.count, neighbours.of, neighbours.display) == (18.5, 2, 3, "18.5%")
    assert neighbours.verdict == "worse"
    # lowest first: 12, 15, 18, 20, 20 (North Somerset ties with us), 22, 25, 30 -> 4th of 8, band B
    assert (pa.rank.position, pa.rank.out_of, pa.rank.band, pa.rank.tone) == (4, 8, "B", "good")
    assert pa.rank.direction == "1 = best, lower is better"


def test_higher_is_better_and_neutral_ranks(pack):
    results = _by_measure(pack)
    attendance = results["Attendance rate"]
    # highest first: 95, 94, 93, 92, 92 (South Gloucestershire ties), 91, 90, 89 -> 4th of 8 (Devon is x)
    assert (attendance.polarity, attendance.rank.position, attendance.rank.out_of) == (HIGHER, 4, 8)
    assert attendance.benchmark("neighbours").value == pytest.approx(93.0)
    assert attendance.benchmark("england").verdict == "worse"
    pupils = results["Number of pupils"]
    # 900 800 700 600 500 400 300 200 100: 5th of 9, band (5-1)*4//9 = 1 -> B, not judged
    assert (pupils.polarity, pupils.rank.position, pupils.rank.band, pupils.rank.tone) == (NEUTRAL, 5, "B", "neutral")
    assert pupils.rank.direction.startswith("1 = highest")
    assert pupils.benchmark("england").verdict == "lower"


def test_trend_chart_with_a_gap_year(pack):
    trend = _by_measure(pack)["Persistent absence rate"].trend
    # 2020/21 is not in the file: an empty category, so the lines break there
    assert trend.categories == ["2018/19", "2019/20", "2020/21", "2021/22"]
    series = {s.name: (s.role, s.values) for s in trend.series}
    assert series["Somerset"] == (DATA_SERIES, [18.0, None, None, 20.0])
    assert series["England"] == (BENCHMARK, [19.0, 20.0, None, 21.0])
    assert series["South West"] == (BENCHMARK, [None, None, None, 19.5])
    assert series["Statistical neighbours average"] == (BENCHMARK, [14.0, 18.5, None, 18.5])
    assert trend.series[0].cells[0] and trend.series[0].cells[1] == ""
    assert trend.summary == ("Somerset: 20.0% in 2021/22, from 18.0% in 2018/19. No figures for 2020/21. "
                             "England: 21.0% in 2021/22.")


def test_metric_filter_and_no_authority(pack):
    only = comparisons(pack, comparators.authority(pack), None, "attendance")
    assert [c.measure for c in only] == ["Attendance rate"]
    assert only[0].benchmark("neighbours") is None
    assert comparisons(pack, None) == []


def test_rank_ties_take_the_better_rank():
    assert rank_of(5.0, [5.0, 5.0, 7.0, 1.0], HIGHER).position == 2
    assert rank_of(5.0, [5.0, 5.0, 7.0, 1.0], LOWER).position == 2
    assert [rank_of(v, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], HIGHER).band for v in (8, 7, 6, 5, 4, 3, 2, 1)] == \
        list("AABBCCDD")


def test_benchmark_text():
    found = parse_benchmarks("England, 53% South West, 53%")
    assert [(b.kind, b.name, b.value, b.percent) for b in found] == [
        ("england", "England", 53.0, True), ("region", "South West", 53.0, True)]
    assert [(b.name, b.value) for b in parse_benchmarks("England, 67 South West, 57 SN 53")] == [
        ("England", 67.0), ("South West", 57.0), ("SN", 53.0)]
    assert parse_benchmarks("Local measure") == []


def test_scorecard_benchmarks_become_comparisons(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "KCPI"
    ws.append(["Indicator", "Q1", "Q2", "Q3", "Q4", "National benchmarking"])
    ws.append(["The percentage of care leavers who are in suitable accommodation EO", "88.0%", "88.0%", "89.0%",
               None, "England, 85% South West, 85%"])
    ws.append(["KS4: the gap between FSM and Non-FSM Attainment 8 score EO", 15.8, None, 15.4, None,
               "England, 13.7 South West, 15.4"])
    ws.append(["The percentage of children's case audits graded good or outstanding", "38.9%", "DNA", "87.0%",
               None, "Local measure"])
    wb.save(tmp_path / "kcpi.xlsx")
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [tmp_path / "kcpi.xlsx"])
        results = comparisons(pack, None)
    accommodation, gap = results
    assert (accommodation.value, accommodation.period, accommodation.polarity, accommodation.cell) == (
        89.0, "Q3", HIGHER, "D2")
    england = accommodation.benchmark("england")
    assert (england.value, england.difference, england.verdict) == (85.0, 4.0, "better")
    assert "F2" in accommodation.source
    assert (gap.metric_id, gap.value, gap.benchmark("england").verdict, gap.benchmark("region").verdict) == (
        "ks4_fsm_gap_att8", 15.4, "worse", "same")
    assert gap.benchmark("england").difference == pytest.approx(1.7)


def test_command_line_exit_statuses_and_table(tmp_path, capsys):
    from memberpack.cli import main

    for name, rows in (("absence.csv", [HEADER, *_rows()]), ("absence.meta.csv", META)):
        with open(tmp_path / name, "w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows(rows)
    wb = Workbook()
    wb.active.append(["Statistical neighbours of every authority"])
    wb.active.append(["LA number", "LA name", "SN1", "SN1", "SN2", "SN2"])
    wb.active.append([933, "Somerset", 885, "Very close", 850, "Close"])
    wb.save(tmp_path / "sn.xlsx")
    pack = str(tmp_path / "p.mpack")
    assert main(["import", pack, str(tmp_path / "absence.csv")]) == 0
    capsys.readouterr()
    assert main(["authority", pack]) == 1
    assert main(["neighbours", pack, str(tmp_path / "sn.xlsx")]) == 1
    assert main(["authority", pack, "--la", "999"]) == 1
    assert "999 is not an authority memberpack knows" in capsys.readouterr().err
    assert main(["authority", pack, "--la", "802"]) == 0        # found in the imported statistics
    assert capsys.readouterr().out.strip() == "our authority: North Somerset (802, E06000024), South West"
    assert main(["authority", pack, "--la", "933"]) == 0
    assert main(["neighbours", pack]) == 1                       # none yet
    assert main(["neighbours", pack, str(tmp_path / "sn.xlsx"), "--la", "885"]) == 1
    assert main(["neighbours", pack, str(tmp_path / "missing.xlsx")]) == 1
    capsys.readouterr()
    assert main(["neighbours", pack, str(tmp_path / "sn.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "SN1   Worcestershire (885, E10000034): Very close" in out and "version 1, from sn.xlsx, Sheet!A3" in out
    assert main(["compare", pack, "--metric", "persistent"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Somerset compared with England, its region and 2 statistical neighbours"
    assert lines[1].split() == ["Measure", "Period", "Somerset", "England", "South", "West", "Neighbours'", "average",
                                "vs", "England", "Rank", "Band"]
    assert lines[3].split() == ["Persistent", "absence", "rate", "(Total)", "2021/22", "20.0%", "21.0%", "19.5%",
                                "18.5%", "(2", "of", "2)", "better", "4", "of", "8", "B"]
    assert len({len(line) for line in lines[1:3]}) == 1
    assert main(["compare", pack, "--metric", "persistent", "--trend"]) == 0
    trend = capsys.readouterr().out.split("Persistent absence rate (Total): trend\n")[1].splitlines()
    assert trend[0].split() == ["Period", "Somerset", "England", "South", "West", "Statistical", "neighbours",
                                "average"]
    assert [line.split() for line in trend[2:]] == [["2018/19", "18.0%", "19.0%", "–", "14.0%"],
                                                   ["2019/20", "–", "20.0%", "–", "18.5%"],
                                                   ["2020/21", "–", "–", "–", "–"],
                                                   ["2021/22", "20.0%", "21.0%", "19.5%", "18.5%"]]
    assert main(["compare", pack, "--metric", "no such thing"]) == 1
    assert main(["neighbours", pack, "--la", "885", "--la", "Devon", "--la", "999"]) == 0
    out = capsys.readouterr().out
    assert "(version 2, entered by hand)" in out and "SN2   Devon (878, E10000008)" in out
    assert "SN3   LA 999 (999)" in out
    assert main(["neighbours", pack]) == 0                       # shows the latest list
    assert "(version 2, entered by hand)" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exc:
        main(["compare"])
    assert exc.value.code == 2


def test_summary_row_for_the_app_and_the_pdf(pack):
    found = pack_comparisons(pack)
    pa = _by_measure(pack)["Persistent absence rate"]
    assert summary_head(found)[2:5] == ["Somerset", "England", "South West"]
    assert summary_row(pa) == ["Persistent absence rate (Total)", "2021/22", "20.0%", "21.0%", "19.5%", "18.5% (2 of 3)",
                               "Better", "4 of 8", "B"]
    assert [pa.difference_text(b.difference) for b in pa.benchmarks] == ["−1.0 pts", "+0.5 pts", "+1.5 pts"]


def test_open_statistics_get_no_per_dataset_chart(pack):
    from memberpack.analysis.charts import charts_for

    (ds,) = pack.datasets()
    assert charts_for(ds, pack.observations(ds.id)) == []


def _table_workbook(path, rows):
    return write_xlsx(path, {"CLA": rows})


def test_benchmark_rows_beside_ours_in_an_ordinary_table(tmp_path):
    path = _table_workbook(tmp_path / "cla.xlsx", [
        ["Children looked after rate per 10,000"],
        ["Area", "2019/20", "2020/21", "2021/22"],
        ["Somerset", 50.1, 52.0, 53.7],
        ["England", 67, 67, 70],
        ["South West", 55, 56, 57],
        ["Statistical neighbours", 53, 54, 55.5],
    ])
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [path])
        comparators.set_authority(pack, known_authority("933"))
        (result,) = pack_comparisons(pack)
    assert (result.area, result.period, result.value, result.unit, result.metric_id) == (
        "Somerset", "2021/22", 53.7, "per_10000", "cla_rate_per_10k")
    assert [(b.kind, b.name, b.value, b.difference) for b in result.benchmarks] == [
        ("england", "England", 70.0, pytest.approx(-16.3)), ("region", "South West", 57.0, pytest.approx(-3.3)),
        ("neighbours", "Statistical neighbours", 55.5, pytest.approx(-1.8))]
    assert result.rank is None and result.benchmark("england").verdict == "lower"
    assert result.trend.categories == ["2019/20", "2020/21", "2021/22"]
    assert [(s.name, s.role, s.values) for s in result.trend.series][:2] == [
        ("Somerset", DATA_SERIES, [50.1, 52.0, 53.7]), ("England", BENCHMARK, [67.0, 67.0, 70.0])]


def test_benchmark_columns_with_years_down_the_side(tmp_path):
    path = _table_workbook(tmp_path / "eet.xlsx", [
        ["Year", "Care leavers in EET %", "England", "SN average"],
        ["2019/20", "46.5%", "53%", "50%"],
        ["2020/21", "37.0%", "52%", "49%"],
    ])
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [path])
        (result,) = pack_comparisons(pack)
    assert (result.area, result.period, result.value, result.polarity) == ("Care leavers in EET %", "2020/21", 37.0,
                                                                           HIGHER)
    assert [(b.kind, b.value, b.verdict) for b in result.benchmarks] == [("england", 52.0, "worse"),
                                                                          ("neighbours", 49.0, "worse")]


def test_comparator_rows_under_a_figure_and_benchmark_columns(tmp_path):
    path = _table_workbook(tmp_path / "ns.xlsx", [
        ["North Somerset: children looked after and benchmarks"],
        ["Measure", "Year-End 2019/20", "Q1 2020/21", "Q3 2020/21"],
        ["Children Looked After", 230, 227, 221],
        ["Children Looked After rate per 10,000", 53.7, 52.5, 50.6],
        ["England rate per 10,000", None, None, 67.0],
        ["South West rate per 10,000", None, None, 57.0],
        ["Statistical neighbours rate per 10,000", None, None, 53.0],
        ["Children in Need rate per 10,000", None, None, 192.0],
    ])
    scorecard = _table_workbook(tmp_path / "kpi.xlsx", [
        ["Indicator", "Q1", "Q2", "Q3", "Regional benchmark", "England benchmark"],
        ["The percentage of care leavers who are in suitable accommodation", "88.0%", "88.0%", "89.0%",
         "South West, 84%", "86.0%"],
    ])
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [path, scorecard])
        comparators.set_authority(pack, known_authority("802"))
        found = {c.measure: c for c in pack_comparisons(pack)}
    assert set(found) == {"Children Looked After rate per 10,000",
                          "The percentage of care leavers who are in suitable accommodation"}
    cla = found["Children Looked After rate per 10,000"]
    assert (cla.area, cla.period, cla.value, cla.unit) == ("North Somerset", "Q3 2020/21", 50.6, "per_10000")
    assert [(b.kind, b.name, b.value) for b in cla.benchmarks] == [
        ("england", "England", 67.0), ("region", "South West", 57.0), ("neighbours", "Statistical neighbours", 53.0)]
    assert cla.trend.categories == ["Year-End 2019/20", "Q1 2020/21", "Q3 2020/21"]
    accommodation = found["The percentage of care leavers who are in suitable accommodation"]
    # England from its own column, the region from the text beside it
    assert sorted((b.kind, b.value, b.difference) for b in accommodation.benchmarks) == [
        ("england", 86.0, 3.0), ("region", 84.0, 5.0)]
    assert "F2" in accommodation.source and "E2" in accommodation.source


def test_an_authority_whose_ons_code_changed_keeps_its_years(tmp_path):
    header = ["time_period", "time_identifier", "geographic_level", "country_name", "region_name", "old_la_code",
              "new_la_code", "la_name", "persistent_absence_rate"]
    rows = [["202122", "Academic year", "National", "England", "", "", "", "", "21.0"],
            ["202122", "Academic year", "Local authority", "England", "South West", "933", "E10000027", "Somerset",
             "20.0"],
            ["202324", "Academic year", "National", "England", "", "", "", "", "22.0"],
            ["202324", "Academic year", "Local authority", "England", "South West", "933", "E06000066", "Somerset",
             "19.0"],
            ["202324", "Academic year", "Local authority", "England", "South West", "802", "E06000024",
             "North Somerset", "25.0"]]
    with open(tmp_path / "pa.csv", "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([header, *rows])
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [tmp_path / "pa.csv"])
        comparators.set_authority(pack, known_authority("933"))
        (result,) = pack_comparisons(pack)
    assert (result.period, result.value, result.benchmark("england").value) == ("2023/24", 19.0, 22.0)
    assert (result.rank.position, result.rank.out_of, result.polarity) == (1, 2, LOWER)
    assert result.trend.categories == ["2021/22", "2022/23", "2023/24"]
    assert result.trend.series[0].values == [20.0, None, 19.0]


def test_compare_leaves_out_an_exempt_tables_figures_unless_the_full_version_is_asked_for(demo_pack, capsys):
    """`compare` printed the comparisons of an exempt scorecard (care leavers in EET) in the public
    version, which `check`, the exports and the notes file all leave out."""
    assert main(["classify", str(demo_pack), "--dataset", "Key Corporate Performance", "--exempt", "1"]) == 0
    capsys.readouterr()
    assert main(["compare", str(demo_pack)]) == 0
    public = capsys.readouterr().out
    assert "care leavers" not in public and "Children looked after rate" in public
    assert main(["compare", str(demo_pack), "--version", "full"]) == 0
    full = capsys.readouterr().out
    assert full.startswith(f"{demo_pack}: NOT FOR PUBLICATION") and "care leavers" in full


def test_our_row_is_the_one_named_ours_not_a_longer_name_holding_it(tmp_path):
    """'Somerset' is in 'North Somerset' too: the row named exactly ours is ours."""
    path = _table_workbook(tmp_path / "cla.xlsx", [
        ["Children looked after rate per 10,000"],
        ["Area", "2020/21", "2021/22"],
        ["North Somerset", 44.0, 45.5],
        ["Somerset", 52.0, 53.7],
        ["Bath and North East Somerset", 40.0, 41.0],
        ["England", 67, 70],
        ["South West", 56, 57],
    ])
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [path])
        comparators.set_authority(pack, known_authority("933"))
        (result,) = pack_comparisons(pack)
    assert (result.area, result.value) == ("Somerset", 53.7)
    assert [(b.kind, b.value) for b in result.benchmarks][:2] == [("england", 70.0), ("region", 57.0)]


def test_a_count_is_not_judged_against_englands_total(tmp_path):
    """DfE's children looked after file: Somerset's 586 children and 111,604 population were "Lower"
    than England's 83,630 and 11,998,646, and drawn as a flat line under England's: totals of all
    councils, not figures to compare with one. A rate still is."""
    rows = [["2024", "Financial year", "National", "England", "", "", "", "", "Total", "19.5", "93.0", "3000"]]
    for code, (name, region, *_rest) in LAS.items():
        rows.append(["2024", "Financial year", "Local authority", "England", region, code, "", name, "Total",
                     "20.0" if code == "933" else "19.0", "93.0", "500" if code == "933" else "312.5"])
    rows += [["2023", "Financial year", "National", "England", "", "", "", "", "Total", "21.0", "94.0", "2900"],
             ["2023", "Financial year", "Local authority", "England", "South West", "933", "", "Somerset", "Total",
              "19.0", "92.0", "480"]]
    for name, table in (("cla.csv", [HEADER, *rows]), ("cla.meta.csv", META)):
        with open(tmp_path / name, "w", newline="", encoding="utf-8-sig") as f:
            csv.writer(f).writerows(table)
    with Pack.create(tmp_path / "p.mpack") as p:
        import_files(p, [tmp_path / "cla.csv"])
        comparators.set_authority(p, known_authority("933"))
        found = _by_measure(p)
    pupils, rate = found["Number of pupils"], found["Persistent absence rate"]
    assert pupils.benchmark("england").value == 3000 and pupils.benchmark("england").verdict == ""
    assert [s.name for s in pupils.trend.series] == ["Somerset"]
    assert pupils.trend.summary == ("Somerset: 500 in 2024, from 480 in 2023. England: 3,000 in 2024, "
                                    "the total of all councils, not drawn.")
    assert rate.benchmark("england").verdict == "worse" and len(rate.trend.series) == 2


def test_our_line_drawn_alone_starts_from_zero_on_paper_as_on_screen(tmp_path):
    """With England's totals left out, Somerset's 197 to 231 children was drawn alone on an axis from
    180 to 240: a rise of a sixth looked like a fourfold one."""
    from reportlab.graphics.shapes import Drawing, String

    from memberpack.export.note_plan import NotePlan
    from memberpack.export.pdf_compare import comparison_story
    from memberpack.export.pdf_styles import FRAME_HEIGHT, FRAME_WIDTH

    test_a_count_is_not_judged_against_englands_total(tmp_path)
    with Pack.open(tmp_path / "p.mpack") as p:
        pupils = _by_measure(p)["Number of pupils"]
    story = comparison_story([pupils], NotePlan([], [], None), (FRAME_WIDTH, FRAME_HEIGHT))
    drawings = [f for group in story for f in getattr(group, "_content", [group]) if isinstance(f, Drawing)]
    ticks = [n.text for n in drawings[0].contents if isinstance(n, String)]
    assert ticks[0] == "0"


def test_the_neighbours_count_is_said_in_words(pack):
    """The column was headed "Neighbours (n/N)" over "18.5% (2/3)": a councillor does not read n/N."""
    from memberpack.analysis.comparison_rows import intro_text

    found = pack_comparisons(pack)
    assert summary_head(found)[5] == "Neighbours' average"
    assert "Beside the neighbours' average, in brackets: how many of them have a figure." in intro_text(found)


def test_several_areas_are_drawn_from_zero_on_paper_as_on_screen_and_in_the_html(pack):
    """With England, the region and the neighbours beside us, the paper's axis had started at 14%:
    Somerset's 18% to 20% stood twice as far from zero as it is, where the app and the HTML start at 0."""
    from reportlab.graphics.shapes import Drawing, String

    from memberpack.export.note_plan import NotePlan
    from memberpack.export.pdf_compare import comparison_story
    from memberpack.export.pdf_styles import FRAME_HEIGHT, FRAME_WIDTH

    absence = _by_measure(pack)["Persistent absence rate"]
    assert len(absence.trend.series) == 4
    story = comparison_story([absence], NotePlan([], [], None), (FRAME_WIDTH, FRAME_HEIGHT))
    drawings = [f for group in story for f in getattr(group, "_content", [group]) if isinstance(f, Drawing)]
    ticks = [n.text for n in drawings[0].contents if isinstance(n, String)]
    assert ticks[0] == "0%"
