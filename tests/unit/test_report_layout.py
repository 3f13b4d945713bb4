"""The printed and JSON import report: verdict first, then how the table was read, then skipped
cells grouped into rectangular runs with one reason each."""

from __future__ import annotations

import json

from awkward_workbooks import write_xlsx
from memberpack.cli import main
from memberpack.importers.report import FileReport, SkippedRun, TableReport

NO_LABEL = "value with no row label"
UNCACHED = ("formula with no cached value (open and save the workbook in Excel to calculate it); not guessed")


def _table(**fields) -> TableReport:
    return TableReport(sheet="LA", title="Table 3", cell_range="A4:AP160", kind="breakdown", header_rows=[4, 5],
                       label_column="C", unit="£k", **fields)


def _cells(columns: str, rows: range) -> list[str]:
    return [f"{c}{r}" for r in rows for c in columns.split()]


def test_cells_with_one_reason_make_rectangles_counted_exactly():
    t = _table()
    letters = [chr(c) for c in range(ord("P"), ord("Z") + 1)] + [f"A{chr(c)}" for c in range(ord("A"), ord("P") + 1)]
    for cell in [f"{c}4" for c in letters[::2]] + [f"{c}5" for c in letters[1::2]]:   # P4:AP5, a checkerboard
        t.skip(cell, NO_LABEL)
    t.skip("A200", "footnote row")
    t.skip("A201", "footnote row")
    t.skip("A203", "footnote row")          # a gap of one row: a run of its own
    t.skip("B7", NO_LABEL)                  # rows 5 and 7 are not next to each other
    t.skip("B8", NO_LABEL)
    t.skip("H8", UNCACHED)                  # another reason in the same rows
    t.skip("Z9", NO_LABEL)                  # on the next row but far to the right: not joined to B7:B8
    assert t.skipped == [SkippedRun("P4:AP5", 27, NO_LABEL), SkippedRun("B7:B8", 2, NO_LABEL),
                         SkippedRun("H8", 1, UNCACHED), SkippedRun("Z9", 1, NO_LABEL),
                         SkippedRun("A200:A201", 2, "footnote row"), SkippedRun("A203", 1, "footnote row")]
    assert len(t.skipped_cells()) == 27 + 7 and t.skipped_cells()[:2] == [("P4", NO_LABEL), ("R4", NO_LABEL)]
    assert [line for line in t.lines() if "skipped" in line] == [
        "    skipped P4:AP5, 27 cells: value with no row label", "    skipped B7:B8, 2 cells: value with no row label",
        f"    skipped H8: {UNCACHED}", "    skipped Z9: value with no row label",
        "    skipped A200:A201, 2 cells: footnote row", "    skipped A203: footnote row"]


def test_many_runs_of_one_reason_print_a_few_and_sum_the_rest():
    t = _table()
    for r in range(10, 410, 2):            # 200 separate footnote rows
        t.skip(f"A{r}", "footnote row")
    lines = [line for line in t.lines() if "skipped" in line]
    assert lines[:2] == ["    skipped A10: footnote row", "    skipped A12: footnote row"]
    assert lines[8:] == ["    skipped 192 more runs, 192 cells: footnote row"]
    assert len(t.to_dict()["skipped"]) == 200


def test_the_verdict_comes_first_then_headers_keys_unit_and_period_with_their_reasons():
    t = _table(verdict="unsure", doubts=["header row 5 looks like the data under it (mostly numbers)"],
               key_columns=[{"column": "C", "header": "LA name", "role": "label"},
                            {"column": "A", "header": "LA code", "role": "area"},
                            {"column": "B", "header": "Year", "role": "period"}],
               context={"Council": "Somerset"}, unit_reason="A3: 'Figures are in £000s'",
               period="2022/23", period_reason="column B (Year)", kind_reason="12 categories by 4 measures",
               rows_read=151, cells_read=604)
    t.section_heading(7, "Children & Families")
    t.assume("column F (Total) is in £k like the other money columns")
    assert t.lines() == [
        "  [LA!A4:AP160] Table 3",
        "    unsure",
        "    doubt: header row 5 looks like the data under it (mostly numbers)",
        "    header rows 4, 5; labels in column C (LA name); key columns A (LA code, area), B (Year, period)",
        "    unit £k (from A3: 'Figures are in £000s'); period 2022/23 (from column B (Year))",
        "    151 rows, 604 figures read; breakdown (12 categories by 4 measures), layout detected",
        "    the same on every row: Council: Somerset",
        "    assumed section heading: row 7 'Children & Families'",
        "    assumed: column F (Total) is in £k like the other money columns"]
    t.verdict, t.doubts = "read with assumptions", []
    assert t.lines()[1] == "    read with assumptions (2 listed below)"
    assert t.to_dict()["assumptions"] == ["row 7 ('Children & Families') is a section heading",
                                          "column F (Total) is in £k like the other money columns"]


def test_what_the_readers_noticed_comes_under_the_file_name():
    report = FileReport("old.csv", "ab12", [_table()], ["read as Windows-1252 text, comma-separated",
                                                        "warning: 2 bytes could not be read as Windows-1252"])
    assert report.lines()[:4] == ["old.csv: 1 table", "  note: read as Windows-1252 text, comma-separated",
                                  "  warning: 2 bytes could not be read as Windows-1252", "  [LA!A4:AP160] Table 3"]


def test_a_workbook_with_hundreds_of_skipped_cells_gives_a_short_exact_report(tmp_path, capsys):
    header = ["Service", *[f"Measure {i}" for i in range(1, 42)]]                 # columns B to AP
    rows = [["Spending by service"], header]
    for r in range(3, 203):                                                        # rows 3 to 202
        figures = [r * 10 + c for c in range(41)]
        figures[1:5] = [f"=B{r}*{c}" for c in range(2, 6)]                         # C:F, no cached value
        rows.append([f"Service {r}", *figures])
    rows.append([None] * 15 + [1] * 27)                                            # P203:AP203, no label
    rows.append([None] * 15 + [2, None] * 13 + [2])                                # P204, R204 ... AP204
    rows.append(["Total", *range(41)])
    path = write_xlsx(tmp_path / "spend.xlsx", {"Spend": rows})
    out = tmp_path / "report.json"
    assert main(["import", str(tmp_path / "p.mpack"), str(path), "--dry-run", "--report", str(out)]) == 0
    text = capsys.readouterr().out.splitlines()
    skipped = [line for line in text if "skipped" in line]
    assert skipped == [f"    skipped C3:F202, 800 cells: {UNCACHED}", f"    skipped P203:AP204, 41 cells: {NO_LABEL}"]
    assert len(text) <= 10 and text[-1] == "dry run: nothing was written"
    assert next(line for line in text if "figures read" in line).startswith("    201 rows, 7,441 figures read; ")
    assert text[2:4] == ["    unsure", "    doubt: 800 formula cells (C3:F202) have no calculated value and are not "
                         "read: open and save the workbook in Excel, then import it again"]   # the verdict first
    (saved,) = json.loads(out.read_text())
    (table,) = saved["tables"]
    assert table["skipped"] == [{"range": "C3:F202", "count": 800, "reason": UNCACHED},
                                {"range": "P203:AP204", "count": 41, "reason": NO_LABEL}]
    assert table["skipped_not_listed"] == 0


def test_counts_of_one_read_in_the_singular():
    """A small table read "1 rows, 2 figures read; Breakdown (1 categories by 1 measure(s))"."""
    from memberpack.importers.kinds import detect_kind

    kind, reason = detect_kind(["Amount"], ["Adult Social Care Precept"], set())
    assert reason == "1 category by 1 measure"
    assert detect_kind(["2015", "Total 2018"], ["Somerset", "Devon"], set())[1] == "2 categories by 2 measures"
    t = _table(kind_reason=reason, rows_read=1, cells_read=1)
    assert t.lines()[-1] == "    1 row, 1 figure read; breakdown (1 category by 1 measure), layout detected"
