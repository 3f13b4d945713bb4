"""A corporate scorecard as performance teams send it: each indicator's row holds more words than
figures (its reference, name, "Good is", a target written ``<= 560``, a Status letter, a direction
of travel and a comment) and some figures are written as text (``78%``). The old reading found the
first row that looked like data at the last indicator, took the four rows above it for header rows
and read one indicator, confidently, under headers made of the others' figures; and the Status
column's ``A`` flagged an adverse variance, so the scorecard was called a budget monitor."""

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file
from memberpack.model.observation import KPI_SCORECARD

_HEADER = ["Ref", "Indicator", "Good is", "Target", "Q1 2024/25", "Q2 2024/25", "Status", "DoT", "Comment"]
_ROWS = [["ASC01", "Permanent admissions to residential care (65+) per 100,000", "Low", "<= 560", 298.7, 612.4, "R",
          "Worsening", "Winter pressures early"],
         ["ASC02", "% of reviews completed on time", "High", ">= 85%", "78%", "82%", "A", "Improving", None],
         ["CS01", "% of EHC plans issued within 20 weeks", "High", "60%", 0.42, 0.38, "R", "Worsening", "Capacity"],
         ["CS02", "Number of children looked after", "Low", "n/a", 512, 498, "G", "Improving", None],
         ["ED01", "Persistent absence rate (secondary)", "Low", "< 20%", "22.1%", "DNA", "A", "-", "Not yet published"]]


def _table(tmp_path, rows=_ROWS):
    sheet = [["Corporate Performance Scorecard - Quarter 2 2024/25"], [], _HEADER, *rows]
    table, = read_file(write_xlsx(tmp_path / "scorecard.xlsx", {"Q2": sheet})).tables
    return table


def test_every_indicator_row_is_read_under_the_one_header_row(tmp_path):
    table = _table(tmp_path)
    assert table.report.header_rows == [3]
    obs = {o.cell: o for o in table.observations}
    assert (obs["F4"].label, obs["F4"].measure, obs["F4"].value) == (_ROWS[0][1], "Q2 2024/25", 612.4)
    assert (obs["E5"].value, obs["E5"].unit) == (78, "percent")
    assert (obs["F7"].label, obs["F7"].value) == ("Number of children looked after", 498)


def test_a_status_columns_a_beside_r_and_g_is_amber(tmp_path):
    table = _table(tmp_path)
    status = {o.cell: o.status for o in table.observations if o.measure == "Status"}
    assert status == {"G4": "red", "G5": "amber", "G6": "red", "G7": "green", "G8": "amber"}
    assert table.layout.kind == KPI_SCORECARD


def test_a_status_column_of_a_alone_is_left_as_written(tmp_path):
    """(An ``A`` may be Active where the column writes no R or G.)"""
    rows = [row[:6] + ["A"] + row[7:] for row in _ROWS]
    statuses = {o.status for o in _table(tmp_path, rows).observations if o.measure == "Status"}
    assert "amber" not in statuses


def test_a_header_made_of_figures_is_told(tmp_path):
    """Whatever takes rows of data for header rows (here the officer, by hand, as the old reading did
    by itself), headers such as "298.7 78% 0.42 512" are not passed over as if they named the
    columns: a doubt, which the officer's own header rows turn into an assumption the report lists."""
    from memberpack.importers.table_layout import Corrections

    path = write_xlsx(tmp_path / "scorecard.xlsx", {"Q2": [["Scorecard"], [], _HEADER, *_ROWS]})
    table, = read_file(path, corrections=Corrections(header_rows=(4, 5, 6, 7))).tables
    assert any("header is figures ('298.7 78% 0.42 512')" in said for said in table.report.assumptions)
