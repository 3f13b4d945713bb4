"""Tables side by side on one sheet (an Adults block and a Children block of a KPI scorecard, a
blank column between them): each block's figures belong to its own row labels, never to the labels
of the block on its left."""

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file


def _scorecard(header: list[list]) -> list[list]:
    return [*header,
            ["Delayed discharges", 120, 95, None, "Children in care", 410, 432],
            ["Care home admissions (per 100k)", 560.2, 540.8, None, "Child protection plans", 220, 198],
            ["Reablement within 91 days", 802, 845, None, "Care leavers in education", 155, 161]]


def _read(tmp_path, rows):
    tables = read_file(write_xlsx(tmp_path / "kpi.xlsx", {"KPIs": rows})).tables
    return tables, {o.cell: o for t in tables for o in t.observations}


def _two_tables(tables, obs):
    assert len(tables) == 2
    assert (obs["F3"].label, obs["F3"].value, obs["F3"].period) == ("Children in care", 410, "2023/24")
    assert (obs["G5"].label, obs["G5"].value, obs["G5"].period) == ("Care leavers in education", 161, "2024/25")
    assert (obs["B3"].label, obs["B3"].value) == ("Delayed discharges", 120)
    assert "E3" not in obs    # the right block's labels are not texts of the left block's rows
    assert {o.label for o in tables[1].observations} == {"Children in care", "Child protection plans",
                                                         "Care leavers in education"}


def test_blocks_under_group_headers_with_the_same_label_header_are_two_tables(tmp_path):
    tables, obs = _read(tmp_path, _scorecard([["Adults", None, None, None, "Children"],
                                              ["Measure", "2023/24", "2024/25", None, "Measure", "2023/24", "2024/25"]]))
    _two_tables(tables, obs)
    assert obs["F3"].measure.startswith("Children") and obs["B3"].measure.startswith("Adults")


def test_a_block_of_labels_after_a_blank_column_starts_a_table(tmp_path):
    tables, obs = _read(tmp_path, _scorecard([["Scorecard, quarter 2"],
                                              ["Adult social care", "2023/24", "2024/25", None,
                                               "Children's social care", "2023/24", "2024/25"]]))
    _two_tables(tables, obs)
    assert tables[1].layout.title == "Scorecard, quarter 2: Children's social care"   # not ": 2023/24"


def test_a_comment_column_after_a_blank_column_stays_in_the_table(tmp_path):
    rows = [["Measure", "2023/24", "2024/25", None, "Comment"],
            ["Delayed discharges", 120, 95, None, "Fewer since the discharge hub opened"],
            ["Care home admissions", 560, 540, None, "On target"]]
    tables, obs = _read(tmp_path, rows)
    assert len(tables) == 1
    assert obs["E2"].label == "Delayed discharges" and obs["E2"].display.startswith("Fewer")


def test_figures_after_a_blank_column_stay_in_the_table(tmp_path):
    rows = [["Measure", "2023/24", "2024/25", None, "Target 2023/24", "Target 2024/25"],
            ["Delayed discharges", 120, 95, None, 110, 100],
            ["Care home admissions", 560, 540, None, 550, 530]]
    tables, obs = _read(tmp_path, rows)
    assert len(tables) == 1
    assert (obs["F3"].label, obs["F3"].value) == ("Care home admissions", 530)


def test_blocks_read_on_past_a_blank_row_between_sections(tmp_path):
    rows = [["Quarter 2 scorecard"],
            ["Adults", "2023/24", "2024/25", None, "Children", "2023/24", "2024/25"],
            ["Delayed discharges", 120, 95, None, "Children in care", 410, 432],
            ["Care home admissions", 560, 540, None, "Child protection plans", 220, 198],
            [],
            ["Reablement", 802, 845, None, "Care leavers in education", 155, 161],
            ["Carers assessed", 300, 320]]
    tables, obs = _read(tmp_path, rows)
    assert len(tables) == 2
    assert (obs["C7"].label, obs["C7"].value) == ("Carers assessed", 320)
    assert (obs["B6"].label, obs["F6"].label, obs["G6"].value) == ("Reablement", "Care leavers in education", 161)
    assert "E6" not in obs


def test_a_table_with_its_labels_repeated_on_the_right_reads_on_past_its_spacer_rows(tmp_path):
    """Scottish Government tables: local authorities in blocks of five with a blank row between,
    their names again right of the figures, ``#`` for not applicable."""
    areas = ["Aberdeen City", "Aberdeenshire", "Angus", "Argyll and Bute", "Clackmannanshire", "East Lothian",
             "Falkirk", "Fife"]
    rows = [["Table 8.4: Pupils by age"], [None, "Age 4", "Age 5", "Age 6", None]]
    for i, area in enumerate(areas):
        if i and i % 3 == 0:
            rows.append([])
        rows.append([area, "#", "#", "#", area] if area == "East Lothian" else [area, i, 10 + i, 20 + i, area])
    tables, obs = _read(tmp_path, rows)
    assert len(tables) == 1
    assert (obs["C12"].label, obs["C12"].measure, obs["C12"].value) == ("Fife", "Age 5", 17)
    assert (obs["B9"].label, obs["B9"].status) == ("East Lothian", "z")


def _taxbase(titles: list[str]) -> list[list]:
    """Tables next to each other on the authorities' codes and names at the left, a blank column between
    them, each titled over its own header (DLUHC's council taxbase data sheets)."""
    return [["Council taxbase data"], [],
            [None, None, None, titles[0], None, None, None, titles[1]],
            ["E-code", "ONS Code", "Local Authority", "Band A", "Band B", "Total", None, "Band A", "Band B", "Total"],
            ["E3831", "E07000223", "Adur", 2769, 5122, 28804, None, 96, 90, 461],
            ["E0931", "E07000026", "Allerdale", 22168, 7933, 47932, None, 484, 146, 851]]


def test_titled_tables_side_by_side_on_shared_names_are_tables_of_their_own(tmp_path):
    rows = _taxbase(["Table 1.01 Total number of dwellings on the valuation list (Line 1)",
                     "Table 1.02. Number of dwellings exempt on 3 October 2022 (Line 2)"])
    tables, obs = _read(tmp_path, rows)
    assert [t.title for t in tables] == ["Table 1.01 Total number of dwellings on the valuation list (Line 1)",
                                         "Table 1.02. Number of dwellings exempt on 3 October 2022 (Line 2)"]
    assert {o.cell for o in tables[0].observations} == {"D5", "E5", "F5", "D6", "E6", "F6"}
    assert (obs["J6"].label, obs["J6"].value, obs["J6"].measure.endswith("Total")) == ("Allerdale", 851, True)
    assert tables[1].title in obs["H5"].measure and (obs["H5"].label, obs["H5"].value) == ("Adur", 96)
    assert "E3831" in (obs["H5"].section or "")   # the codes at the left are keys of every table's rows


def test_a_spacer_column_between_figure_groups_keeps_one_table(tmp_path):
    rows = [["Budget monitor, month 6"], [],
            ["Service", "Full year 2024/25", None, None, "Variance against the budget"],
            [None, "Budget £000", "Forecast £000", None, "Variance £000"],
            ["Children's social care", 41250, 43880, None, 2630],
            ["Education", 12400, 12150, None, -250]]
    tables, obs = _read(tmp_path, rows)
    assert len(tables) == 1
    assert (obs["E6"].label, obs["E6"].value) == ("Education", -250_000)
    assert (obs["C5"].label, obs["C5"].value) == ("Children's social care", 43_880_000)


def test_groups_under_the_same_header_with_a_spacer_between_keep_one_table(tmp_path):
    rows = [["Service", "Budget 2024/25 (£000)", None, None, "Forecast 2024/25 (£000)"],
            [None, "Expenditure", "Income", None, "Expenditure", "Income"],
            ["Children's social care", 45250, -4000, None, 47880, -4000],
            ["Education", 14400, -2000, None, 14150, -2000]]
    tables, obs = _read(tmp_path, rows)
    assert len(tables) == 1
    assert (obs["E4"].label, obs["E4"].measure, obs["E4"].value) == ("Education", "Forecast 2024/25 (£000) Expenditure",
                                                                     14_150_000)
