"""What a tenth batch of published files nobody here had seen taught (tests/corpus, the last 4 files: social care
and inclusion): a workbook re-saved through pandas writes "Unnamed: 3" beside the title in its first row, which
is no cell of the table, so the title over it stands alone again; a "£" alone at the far right above a table
of rents is the table's unit, not a header of its own, and the title above it is kept; and a capital R, P or E
stuck to a figure ("82.44R", "73.73P") marks it revised, provisional or estimated: the figure is in its
column's unit, not a count of something called R; and a column headed by the one year a title "... by district
2019-20" names is the title's figure for that year, as a column of several years under a title spanning them is."""

from awkward_workbooks import write_xlsx
from test_plain_rows import _read_both_ways, cell_by_cell  # noqa: F401  (a fixture)

from memberpack.importers import read_file
from memberpack.model.values import parse_text
from memberpack.model.units import find_unit

_YEARS = ["2016-17", "2017-18", "2018-19", "2019-20"]


def _rents(title_row, *above):
    rows = [title_row, *above, [None] * 5, ["Reason", *_YEARS]]
    rows += [[name, 100.0 + i, 110.0 + i, 120.0 + i, 130.0 + i]
             for i, name in enumerate(["Domestic violence", "Loss of rented accommodation", "Intimidation",
                                       "Mortgage default"])]
    return rows


def test_pandas_placeholders_beside_a_title_leave_the_title_alone(tmp_path):
    """The old reading lost the title (its row had 'Unnamed: 1'... in it), so each column, headed by its
    year alone, measured only '2019-20'; now the title's figure is read for each year."""
    title = "3.8 Households presenting as homeless by reason 2016-17 to 2019-201,2,3"
    rows = _rents([title, "Unnamed: 1", "Unnamed: 2", "Unnamed: 3", "Unnamed: 4"])
    table, = read_file(write_xlsx(tmp_path / "nihe.xlsx", {"T3_8": rows})).tables
    cells = {o.cell: o for o in table.observations}
    assert table.report.title == title
    assert (cells["E4"].label, cells["E4"].period, cells["E4"].value) == ("Domestic violence", "2019/20", 130.0)
    assert "Households presenting as homeless" in cells["E4"].measure


def test_a_pound_sign_alone_above_a_table_is_its_unit(tmp_path):
    """The old reading took the '£' row for the start of the table, lost the title over it and read the
    rents with no unit; now they are pounds, and the title is kept."""
    title = "3.2 Average weekly local authority rents by UK region 2016-17 to 2019-20"
    rows = _rents([title], [None, None, None, None, "£"])
    table, = read_file(write_xlsx(tmp_path / "rents.xlsx", {"T3_2": rows})).tables
    cells = {o.cell: o for o in table.observations}
    assert table.report.title.startswith(title)
    assert (cells["B5"].value, cells["B5"].unit, cells["E8"].unit) == (100.0, "GBP", "GBP")


def test_a_capital_stuck_to_a_figure_marks_it_revised_or_provisional():
    """The old reading took '82.44R' for 82.44 of something called R (a count), so a column of pounds
    had counts among its pounds."""
    pounds = find_unit("£")
    assert [(v.value, v.unit, v.display) for v in map(lambda t: parse_text(t, pounds), ["82.44R", "73.73P", "1,234E"])] \
        == [(82.44, "GBP", "82.44R"), (73.73, "GBP", "73.73P"), (1234.0, "GBP", "1,234E")]
    assert parse_text("82.44R").unit is None
    assert (parse_text("12 R").unit, parse_text("5 families").unit) == ("count",) * 2
    assert (parse_text("50p").value, parse_text("50p").unit) == (0.5, "GBP")   # fifty pence


def test_a_column_headed_by_the_one_year_a_title_by_names_is_the_titles_figure(tmp_path):
    """The old reading measured Belfast's waiting list as '2019-20' (the year alone) where the title
    names one year; a title spanning years already named its figure."""
    rows = [["3.6 Social rented sector waiting lists by new local government district 2019-201,2,3"], [None, None],
            ["New local government district", "2019-20"], ["Belfast", 10819], ["Mid Ulster", 1907], ["Total", 12726]]
    table, = read_file(write_xlsx(tmp_path / "lists.xlsx", {"T3_6": rows})).tables
    belfast = next(o for o in table.observations if o.label == "Belfast")
    assert (belfast.measure, belfast.period, belfast.value) == (
        "3.6 Social rented sector waiting lists by new local government district", "2019/20", 10819.0)
    rows[2][1] = "2018-19"   # a year the title does not name: its own
    table, = read_file(write_xlsx(tmp_path / "other.xlsx", {"T3_6": rows})).tables
    assert {o.measure for o in table.observations} == {"2018-19"}


def test_dates_a_week_apart_keep_their_day(tmp_path):
    """ONS's weekly deaths and H-CLIC's weekly returns: dates within a month had all been named by the
    month ('Apr 2020' four times over, 'Apr 2020 (H)'), so the weeks could not be told apart."""
    from datetime import datetime, timedelta

    weeks = [datetime(2020, 4, 3) + timedelta(days=7 * i) for i in range(4)]
    rows = [["Week ending", "Households assessed"]] + [[week, 100 + i] for i, week in enumerate(weeks)]
    table, = read_file(write_xlsx(tmp_path / "weeks.xlsx", {"Weekly": rows})).tables
    assert [o.label for o in table.observations] == ["3 Apr 2020", "10 Apr 2020", "17 Apr 2020", "24 Apr 2020"]
    assert {o.period for o in table.observations} == {"Apr 2020"}
    rows = [["Measure"] + weeks + [datetime(2020, 5, 1), datetime(2020, 5, 31)], ["Households assessed"] + list(range(6))]
    table, = read_file(write_xlsx(tmp_path / "columns.xlsx", {"Weekly": rows})).tables
    assert [o.measure for o in table.observations] == ["3 Apr 2020", "10 Apr 2020", "17 Apr 2020", "24 Apr 2020",
                                                       "May 2020", "May 2020 (G)"]


def test_sheets_named_by_table_codes_and_school_stages_are_no_months(tmp_path):
    """H-CLIC names its sheets by table (A1, P1, R1, TA1): its tables P1 to P5 had been dated Month 1
    to 5; LGBF's 'Reading P7' (Scotland's Primary 7) had been Month 7. A monitor's sheet P7 still is."""
    from memberpack.model.periods import parse_period

    rows = [["Reason", "Households"], ["Secured accommodation", 59450], ["Homeless", 20420]]
    path = write_xlsx(tmp_path / "hclic.xlsx", {name: rows for name in ("A1", "P1", "R1", "TA1")})
    assert {t.layout.sheet: t.report.period for t in read_file(path).tables} == dict.fromkeys(("A1", "P1", "R1", "TA1"))
    path = write_xlsx(tmp_path / "monitor.xlsx", {name: rows for name in ("Summary", "P6", "P7")})
    assert [t.report.period for t in read_file(path).tables] == [None, "Month 6", "Month 7"]
    assert str(parse_period("% achieving expected levels in Reading P7 CHN13b 2015/16")) == "2015/16"
    assert (str(parse_period("Numeracy P1")), str(parse_period("2023/24 P7"))) == ("None", "2023/24 Month 7")


def test_a_workbooks_own_lookup_columns_are_left_out(tmp_path, cell_by_cell):
    """DLUHC's CTR Table 9: columns under 'DO NOT DELETE AS USED FOR LOOKUPS' hold the line numbers its
    formulas look up (6, 7, 8...); they had been read as figures (as £ where the header said £)."""
    rows = [["Council tax requirement"], [None], [None, None, None, None, "DO NOT DELETE AS USED FOR LOOKUPS"],
            ["Line", "2022-23 £", "2023-24 £", None, "2022-23", None, "2023-24"]]
    rows += [[f"{n}. Line {n}", 1000.0 * n, 1100.0 * n, None, 2 * n + 4, None, 2 * n + 5] for n in range(1, 40)]
    rows += [[None, None, None, None, 90, None, 91]]
    _, table = _read_both_ways(write_xlsx(tmp_path / "ctr.xlsx", {"Billing": rows}), cell_by_cell)
    assert {o.cell[0] for o in table.observations} == {"B", "C"}
    assert table.report.assumptions[0].startswith("columns E (DO NOT DELETE AS USED FOR LOOKUPS 2022-23), G (2023-24) "
                                                  "are the workbook's own lookup workings")
