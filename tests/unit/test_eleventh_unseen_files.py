"""What an eleventh batch of published files nobody here had seen taught (tests/corpus, the last 5 files: a
community council's accounts, budget and reserves, and Edinburgh's ward profiles): in a narrow table whose
rows each fill only one of its figure columns ("Spend to date | | 16923.55" under "Source | Amount | Spent"),
a name with a figure is a row of data, not a header row, though no row has two figures; and numbers ending
the headers of a table's columns ("budget1 | spend1 | budget2 | spend2", "year1 | year2") tell the columns
apart and stay in their names: they are no footnote markers on one name; and a briefing calls a table's
last total line "the total" ("16,962 in total") only where it adds up the lines told or is headed "Total"
alone: a statement's "Total cash and investments" is named as the line it is; and a column counting
households in a band of pounds ("'£15k to £19k'") or giving a ratio is not doubted as money with no unit;
a table's last row with figures but no label, each the sum of its column above, is its total; and % columns
side by side that add up to 1 in every row ("No sport (%)", "Some sport (%)", ...) show that the table writes
its percentages as fractions; a sentence prints no more decimals than the figures are kept to; and a date in
one row's label ("Brought forward 1/4/2022") is no period of the whole column."""

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file


def test_rows_filling_one_figure_column_each_are_data_not_headers(tmp_path):
    """The old reading took the first rows for a header four rows deep (no row had two figures until the
    total, which has no label), so the file had no table at all; now each row is read under 'Amount' or 'Spent'."""
    rows = [["Source", "Amount", "Spent"],
            ["Brought forward 1 April", 16219, None],
            ["Transfer from the old council", 6164, None],
            ["Transfer to the parish", None, 1168],
            ["Spend to date", None, 16923.55],
            ["Precept to date", 29340, None],
            [None, 51723, 18091.55]]
    table, = read_file(write_xlsx(tmp_path / "reserves.xlsx", {"Reserves": rows})).tables
    cells = {o.cell: o for o in table.observations if o.value is not None}
    assert list(table.report.header_rows) == [1]
    assert (cells["B2"].label, cells["B2"].measure, cells["B2"].value) == ("Brought forward 1 April", "Amount", 16219)
    assert (cells["C5"].label, cells["C5"].measure, cells["C5"].value) == ("Spend to date", "Spent", 16923.55)
    assert {"B2", "B3", "B6", "C4", "C5"} <= set(cells)


def test_numbers_telling_columns_apart_are_kept_in_their_names(tmp_path):
    """The old reading took the 1 and 2 of 'budget1', 'budget2' for footnote markers on one name, so the
    columns measured 'budget' and 'budget (D)'; now each keeps its name as written. A footnote on a name
    used once is still a footnote."""
    rows = [["Item", "budget1", "spend1", "budget2", "spend2", "Net spend3"],
            ["Audit", 500, 82.5, 500, 90, 10],
            ["Office costs", 600, 280.26, 500, 126.48, 20],
            ["Training", 420, 105, 300, 38, 30]]
    table, = read_file(write_xlsx(tmp_path / "budget.xlsx", {"Budget": rows})).tables
    measures = {o.cell[0]: o.measure for o in table.observations}
    assert measures == {"B": "budget1", "C": "spend1", "D": "budget2", "E": "spend2", "F": "Net spend"}


def test_a_total_line_that_adds_up_no_lines_is_named_not_called_the_total(tmp_path):
    """The old briefing said 'Last year: 16,962 in total' of a statement whose last line, 'Total cash and
    investments', is no sum of the lines above it; now that line is named. A total that adds up its rows
    is still told 'in total'."""
    from memberpack.analysis.charts import charts_for
    from memberpack.model.observation import Dataset

    def summary(rows):
        table, = read_file(write_xlsx(tmp_path / "s.xlsx", {"S": rows})).tables
        ds = Dataset("S", "s.xlsx", "0" * 64, "S", "A1:C6", table.layout.kind, key="s")
        spec, = charts_for(ds, list(table.observations))
        return spec.summary

    # (lines of balances brought and carried forward are drawn as no chart: test_carried_forward_balance.py)
    lines = [["Line", "Last year", "This year"], ["Grants received", 16219, 18962],
             ["Income from local taxation", 32510, 29340], ["Staff costs", 5284, 5657],
             ["Fees and charges", 18962, 16130]]
    told = summary([*lines, ["Total cash and investments", 16962, 16130]])
    assert told.startswith("Last year: Total cash and investments at 16,962; Income from local taxation the largest")
    assert "in total" not in told
    assert summary([*lines, ["Total", 72975, 70089]]).startswith("Last year: 72,975 in total;")


def test_income_bands_and_ratios_are_not_taken_for_unpriced_money(tmp_path):
    """The old reading doubted 'Households income 'less than £15k'' and the like as money with no unit
    stated: they count households in a band of pounds, as a ratio of value to income is no money either;
    only the average income column is doubted now."""
    rows = [["ref", "area", "Average annual household income", "Households income 'less than £15k'",
             "Households income '£15k to £19k'", "Households income '£150k+'", "Ratio: property value / hh income"],
            ["20718", "Almond", 47899.41517, 1458.411964, 576.291314, 223.384203, 4.472120551],
            ["20719", "Pentland Hills", 42861.32498, 1667.162517, 576.118964, 103.24597, 4.366934958],
            ["20720", "Drum Brae Gyle", 41101.82812, 1577.397302, 651.797312, 84.375784, 4.117295555]]
    table, = read_file(write_xlsx(tmp_path / "income.xlsx", {"Income": rows})).tables
    money = [d for d in table.report.doubts if "look" in d and "like money" in d]
    assert len(money) == 1 and "Average annual household income" in money[0]
    assert "£15k" not in money[0] and "Ratio" not in money[0]


def test_an_unlabelled_last_row_that_sums_its_columns_is_the_total(tmp_path):
    """The old reading left the reserves' last row out ('value with no row label'); now, its figures being
    the sums of the columns above, it is read as the table's total. A last row that adds nothing up is
    still left out and said to be."""
    rows = [["Source", "Amount", "Spent"], ["Brought forward", 16219, None], ["Transfer in", 6164, None],
            ["Transfer out", None, 1168], ["Spend to date", None, 16923.55], ["Precept to date", 29340, None]]
    table, = read_file(write_xlsx(tmp_path / "r.xlsx", {"R": [*rows, [None, 51723, 18091.55]]})).tables
    cells = {o.cell: o for o in table.observations if o.value is not None}
    assert (cells["B7"].label, cells["B7"].row_role, cells["B7"].value) == ("Total", "total", 51723)
    assert (cells["C7"].row_role, cells["C7"].value) == ("total", 18091.55)
    assert table.report.cell_range == "A1:C7" and not table.report.skipped
    other, = read_file(write_xlsx(tmp_path / "o.xlsx", {"R": [*rows, [None, 50000, 18091.55]]})).tables
    assert not any(o.cell.endswith("7") for o in other.observations)
    assert [run.reason for run in other.report.skipped] == ["value with no row label"]


def test_percent_columns_that_add_up_to_one_are_fractions(tmp_path):
    """The old reading read '0.716' under 'No participation in sport (%)' as 0.716% (the table unsure,
    asking whether they were fractions); side-by-side % columns adding up to 1 in every row say they
    are, so every % column of the table between 0 and 1 is read as a percentage. Without such shares
    the figures are read as written and the officer is still asked."""
    head = ["Ward", "Asthma (%)", "No sport (%)", "Some sport (%)", "Much sport (%)"]
    shares = [["Almond", 0.105, 0.716, 0.2, 0.084], ["Forth", 0.133, 0.6, 0.3, 0.1],
              ["Leith", 0.117, 0.5, 0.25, 0.25], ["Inverleith", 0.1, 0.7, 0.2, 0.1]]
    table, = read_file(write_xlsx(tmp_path / "h.xlsx", {"H": [head, *shares]})).tables
    cells = {o.cell: o for o in table.observations}
    assert (cells["B2"].value, cells["C2"].value, cells["C2"].unit) == (10.5, 71.6, "percent")
    assert not table.report.doubts and any("fractions" in a for a in table.report.assumptions)
    apart = [[w, a, s * 0.9, t * 0.9, u * 0.9] for w, a, s, t, u in shares]
    other, = read_file(write_xlsx(tmp_path / "o.xlsx", {"H": [head, *apart]})).tables
    assert {o.cell: o.value for o in other.observations}["C2"] == 0.6444
    assert any("fractions" in d for d in other.report.doubts)


def test_a_sentence_prints_no_more_decimals_than_the_figures_are_kept_to():
    """The old briefing printed 0.138439703 read as a percentage as '13.843970000%' (nine decimals, the
    last three zeros the source does not have: figures are kept to six); now '13.84%' (a figure of three
    significant figures before its second decimal keeps two, test_units_and_periods_left)."""
    from memberpack.analysis.narrative import decimals_of, value_text

    assert value_text(13.84397, "percent", decimals_of(["0.138439703", "0.099908032"], [13.84397, 9.990803])) == "13.84%"
    assert decimals_of(["1,234.50", "53.7"]) == 2


def test_a_date_in_one_rows_label_is_no_period_of_the_column(tmp_path):
    """The old briefing said 'Amount: 51,723 in total in 2022' because one row's label holds a date
    ('Brought forward 1/4/2022'): the only period among the column's cells; the file gives none for it."""
    from memberpack.analysis.charts import charts_for
    from memberpack.model.observation import Dataset

    rows = [["Source", "Amount"], ["Brought forward 1/4/2022", 16219], ["Transfer in", 6164],
            ["Precept to date", 29340], ["Total", 51723]]
    table, = read_file(write_xlsx(tmp_path / "r.xlsx", {"R": rows})).tables
    ds = Dataset("R", "r.xlsx", "0" * 64, "R", "A1:B5", table.layout.kind, key="r")
    spec, = charts_for(ds, list(table.observations))
    assert spec.summary.startswith("Amount: 51,723 in total; Precept to date the largest")
