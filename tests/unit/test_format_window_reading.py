"""The format window (a sheet's first rows, each cell with its own number format) read quickly:
figures whose format only shows them (thousands, decimals, brackets) read inline, and a window
whose roles the quick screen cannot settle leaves its plain rows in blocks unless assign_roles
changes them. Both give exactly what reading every cell through read_value gives."""

import pytest

from awkward_workbooks import write_xlsx
from memberpack.importers import table_reader
from memberpack.importers.engine import iter_tables
from memberpack.model.observation import DATA, SUBTOTAL, TOTAL


def _read(path) -> list:
    """Each table's layout, observations (every field) and report, read in this process."""
    found = []
    for table in iter_tables(path, notes=[]):
        report = table.report
        found.append((repr(table.layout), [repr(o) for o in table.observations], report.doubts, report.assumptions,
                      report.cell_range, report.rows_read, report.cells_read, sorted(table.metric_counts.items())))
    return found


def _return(tmp_path):
    """A formatted return: several formats in a column, percentages, pounds in a column with no
    unit, marks, blanks, dates, merged labels, labels naming a metric or a year, then plain rows."""
    rows = [["Revenue outturn 2023-24"], ["£ thousand"],
            ["Authority", "Net expenditure", "Income", "Share", "Grant", "Paid on", "Comment"]]
    formats = {}
    for i in range(40):
        r = len(rows) + 1
        label = ("Children's social care" if i == 5 else "Authority 2019/20" if i == 7 else
                 "Looked after children" if i == 9 else f"Authority {i}")
        rows.append([label, 1234.5 * i - 300, [12.25, "c", None, "x"][i % 4] if i % 3 == 0 else 1000.0 + i,
                     0.0125 * i, 2500 + 0.5 * i, None, "checked" if i % 5 == 0 else None])
        formats[f"B{r}"] = ["#,##0", "#,##0.0;(#,##0.0)", "0.00", "#,##0,"][i % 4]
        formats[f"C{r}"] = "#,##0" if i % 2 else "General"
        formats[f"D{r}"] = "0.0%" if i % 6 else "0.00"
        formats[f"E{r}"] = '"£"#,##0' if i % 7 else "#,##0.00"
        if i % 8 == 0:
            rows[-1][5] = "2024-03-31"
    rows += [[f"Authority {i}", 100.0 * i, 50.0 + i, 0.2, 7.0, None, None] for i in range(40, 90)]
    return write_xlsx(tmp_path / "return.xlsx", {"RO": rows}, merges={"RO": ["A20:A21"]}, formats={"RO": formats})


def test_figures_shown_in_their_format_read_as_read_value_reads_them(tmp_path, monkeypatch):
    path = _return(tmp_path)
    quick = _read(path)
    assert quick and any("display='4,638'" in obs for _, found, *_ in quick for obs in found)
    monkeypatch.setattr(table_reader, "_shows_only", lambda code, unit: False)   # every formatted cell through read_value
    assert _read(path) == quick


def test_windows_not_screened_keep_their_plain_rows_in_blocks(tmp_path, monkeypatch):
    path = _return(tmp_path)
    screened = _read(path)
    monkeypatch.setattr(table_reader.TableReader, "_settled", lambda self, rows, **_: (False, None))
    assert _read(path) == screened


@pytest.mark.parametrize("bounded", [True, False])
def test_sums_found_by_arithmetic_take_their_roles(tmp_path, monkeypatch, bounded):
    """A budget monitor whose groups close with an unworded sub total (the sum of the rows above),
    a total of the sub totals at the end: those rows are read cell by cell in their roles, the
    others stay as they were, whether a row's figures are read as asked or all at once."""
    if not bounded:   # every figure read at once (as for a row holding one out of range)
        class AtOnce(table_reader._PlainNumbers):
            def __init__(self, values, columns, bounded):
                super().__init__(values, columns, False)
        monkeypatch.setattr(table_reader, "_PlainNumbers", AtOnce)
    rows = [["Budget monitor"], ["Service", "Budget £000", "Forecast £000"],
            ["Fostering", 100, 110], ["Residential", 200, 190], ["Children's services", 300, 300],
            ["Libraries", 40, 45], ["Parks", 60, 50], ["Communities", 100, 95],
            ["Net budget", 400, 395]]
    path = write_xlsx(tmp_path / "monitor.xlsx", {"M": rows}, formats={"M": {"B5": "#,##0", "C7": "#,##0"}})
    roles = {}
    for table in iter_tables(path, notes=[]):
        for obs in table.observations:
            roles[obs.label] = (obs.row_role, obs.section)
    assert roles["Fostering"] == (DATA, "Children's services") and roles["Parks"] == (DATA, "Communities")
    assert roles["Children's services"][0] == SUBTOTAL and roles["Communities"][0] == SUBTOTAL
    assert roles["Net budget"] == (TOTAL, None)
