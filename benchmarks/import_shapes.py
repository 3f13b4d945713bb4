"""The shapes of workbook the import benchmark times: what officers' returns really look like.

Each builder writes ``rows`` data rows (setup, not timed). Figures come from a seeded generator, so
every run builds the same files.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import random
from collections.abc import Callable, Iterator
from pathlib import Path

COLUMNS = 20
SERVICES = ("Residential placements", "School transport", "Fostering", "Care leavers", "SEND transport",
            "Early help", "Youth offending", "Children's centres", "Short breaks", "Adoption")
XLS_SHEETS = 4
RAG = ("Red", "Amber", "Green")
PROVIDERS = ("Acme Care Ltd", "Northfield Trust", "St Mary's Homes", "Council in-house", "Brightpath")


def _rnd() -> random.Random:
    return random.Random(2023)


def _money_rows(rows: int, label: Callable[[int], str]) -> Iterator[list]:
    rnd = _rnd()
    for r in range(rows):
        yield [label(r)] + [round(rnd.uniform(-1000, 1000), 1) for _ in range(COLUMNS - 1)]


def _write_xlsx(path: Path, sheets: dict[str, tuple[list[list], Iterator[list]]],
                formats: dict[int, str] | None = None, merges: list[str] | None = None) -> None:
    """``sheets``: name -> (header rows, data rows). ``formats``: number format by column (0-based)
    for every data row; ``merges``: ranges merged on the first sheet."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.worksheet.cell_range import CellRange

    wb = Workbook(write_only=True)
    for index, (name, (header, data)) in enumerate(sheets.items()):
        ws = wb.create_sheet(name)
        if index == 0 and merges:
            for cells in merges:
                ws.merged_cells.add(CellRange(cells))
        for row in header:
            ws.append(row)
        for row in data:
            if formats:
                cells = []
                for col, value in enumerate(row):
                    cell = WriteOnlyCell(ws, value=value)
                    if col in formats and isinstance(value, (int, float)):
                        cell.number_format = formats[col]
                    cells.append(cell)
                ws.append(cells)
            else:
                ws.append(row)
    wb.save(path)


def plain(path: Path, rows: int) -> None:
    """The original benchmark: labels that name nothing, a £k figure in every column."""
    header = [["Service line"] + [f"Measure {i} £k" for i in range(1, COLUMNS)]]
    _write_xlsx(path, {"Returns": (header, _money_rows(rows, lambda r: f"Line {r}"))})


CATALOGUE_HEADER = ["Service line"] + [f"Measure {i} £k" for i in range(1, COLUMNS)]


def _catalogue_rows(rows: int) -> Iterator[list]:
    return _money_rows(rows, lambda r: f"{SERVICES[r % len(SERVICES)]} {r}")


def catalogue_labels(path: Path, rows: int) -> None:
    """Labels that name the metric catalogue ("Residential placements 17")."""
    _write_xlsx(path, {"Returns": ([CATALOGUE_HEADER], _catalogue_rows(rows))})


def text_columns(path: Path, rows: int) -> None:
    """Provider, RAG status and a comment among the figures."""
    rnd = _rnd()
    header = [["Placement", "Provider", "Budget £k", "Forecast £k", "Variance £k", "RAG"]
              + [f"Month {i} £k" for i in range(1, 12)] + ["Comment", "Weeks", "Children"]]

    def data() -> Iterator[list]:
        for r in range(rows):
            budget = round(rnd.uniform(10, 900), 1)
            forecast = round(budget * rnd.uniform(0.8, 1.3), 1)
            yield ([f"Placement {r}", PROVIDERS[r % len(PROVIDERS)], budget, forecast, round(forecast - budget, 1),
                    RAG[r % 3]] + [round(rnd.uniform(0, 90), 1) for _ in range(11)]
                   + [f"Review due in week {r % 52}; provider notified", rnd.randint(1, 52), rnd.randint(1, 9)])
    _write_xlsx(path, {"Placements": (header, data())})


def percentages(path: Path, rows: int) -> None:
    """Percentages stored as fractions with a % number format, beside counts."""
    rnd = _rnd()
    header = [["School"] + [f"{m} %" if i % 2 else f"{m} (number)" for i, m in
                            enumerate(["Attendance", "Persistent absence", "Suspensions", "EHCP", "FSM"] * 4, 1)][:COLUMNS - 1]]

    def data() -> Iterator[list]:
        for r in range(rows):
            yield [f"School {r}"] + [round(rnd.uniform(0, 1), 4) if c % 2 == 0 else rnd.randint(0, 900)
                                     for c in range(COLUMNS - 1)]
    _write_xlsx(path, {"Schools": (header, data())}, formats={c: "0.0%" for c in range(1, COLUMNS, 2)})


def sections(path: Path, rows: int) -> None:
    """A section heading every 20 rows, each section closed by its sub total row."""
    rnd = _rnd()
    header = [["Service"] + [f"Measure {i} £k" for i in range(1, COLUMNS)]]

    def data() -> Iterator[list]:
        for start in range(0, rows, 20):
            yield [f"Directorate {start // 20}"] + [None] * (COLUMNS - 1)
            totals = [0.0] * (COLUMNS - 1)
            for r in range(start, min(start + 18, rows)):
                figures = [round(rnd.uniform(-1000, 1000), 1) for _ in range(COLUMNS - 1)]
                totals = [t + f for t, f in zip(totals, figures)]
                yield [f"Line {r}"] + figures
            yield [f"Directorate {start // 20} sub total"] + [round(t, 1) for t in totals]
    _write_xlsx(path, {"Monitor": (header, data())})


def two_header_rows(path: Path, rows: int) -> None:
    """A merged year/unit group over the measures, LA code and name columns."""
    rnd = _rnd()
    years = ("2021-22", "2022-23", "2023-24")
    measures = ("Budget", "Outturn", "Variance", "Per pupil", "Pupils", "Schools")
    top = ["LA code", "Local authority"] + [f"{y} (£ thousand)" if i % 6 == 0 else None
                                            for y in years for i in range(6)]
    second = [None, None] + [m for _ in years for m in measures]
    merges = [f"{chr(ord('C') + 6 * i)}1:{chr(ord('C') + 6 * i + 5)}1" for i in range(len(years))]

    def data() -> Iterator[list]:
        for r in range(rows):
            yield [800 + r % 200, f"Authority {r}"] + [round(rnd.uniform(0, 5000), 1) for _ in range(18)]
    _write_xlsx(path, {"LA data": ([top, second], data())}, merges=merges)


def dated_rows(path: Path, rows: int) -> None:
    """A date column and monthly series down the rows."""
    rnd = _rnd()
    header = [["Month", "Service"] + [f"Measure {i}" for i in range(1, COLUMNS - 1)]]
    start = dt.date(2010, 4, 1)

    def data() -> Iterator[list]:
        for r in range(rows):
            month = start + dt.timedelta(days=30 * (r // 10))
            yield [dt.datetime(month.year, month.month, 1), SERVICES[r % 10]] + [rnd.randint(0, 500)
                                                                                 for _ in range(COLUMNS - 2)]
    _write_xlsx(path, {"Monthly": (header, data())}, formats={0: "mmm-yy"})


def many_sheets(path: Path, rows: int) -> None:
    """Twenty sheets of small tables, each with a title row."""
    per_sheet = max(rows // 20, 1)
    sheets = {}
    for s in range(20):
        header = [[f"Table {s + 1}: service spend"], [], ["Service line"] + [f"Q{q} £k" for q in range(1, 5)]
                  + [f"Measure {i} £k" for i in range(5, COLUMNS)]]
        sheets[f"Table {s + 1}"] = (header, _money_rows(per_sheet, lambda r, s=s: f"Line {s}.{r}"))
    _write_xlsx(path, sheets)


def catalogue_csv(path: Path, rows: int) -> None:
    """The catalogue-labels shape as a CSV file, figures written as Python writes floats."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CATALOGUE_HEADER)
        writer.writerows(_catalogue_rows(rows))


def catalogue_xls(path: Path, rows: int) -> None:
    """The catalogue-labels shape as a legacy .xls workbook: its rows split over :data:`XLS_SHEETS`
    sheets, each with the header (the format holds at most 65,536 rows a sheet)."""
    import xlwt

    book = xlwt.Workbook()
    data = _catalogue_rows(rows)
    for s in range(XLS_SHEETS):
        ws = book.add_sheet(f"Returns {s + 1}")
        for r, row in enumerate(itertools.chain([CATALOGUE_HEADER], itertools.islice(data, rows // XLS_SHEETS))):
            for c, value in enumerate(row):
                ws.write(r, c, value)
    book.save(str(path))


def catalogue_ods(path: Path, rows: int) -> None:
    """The catalogue-labels shape as an OpenDocument spreadsheet."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="Sheet1")
    for row in itertools.chain([CATALOGUE_HEADER], _catalogue_rows(rows)):
        tr = TableRow()
        for value in row:
            if isinstance(value, (int, float)):
                cell = TableCell(valuetype="float", value=value)
            else:
                cell = TableCell(valuetype="string")
            cell.addElement(P(text=str(value)))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))


# name -> (file name, builder, rows): sizes at which the baseline's read (calamine's, or for the CSV
# the csv module's) takes half a second or more
SHAPES: dict[str, tuple[str, Callable, int]] = {
    "plain ledger": ("plain.xlsx", plain, 50_000),
    "catalogue labels": ("catalogue.xlsx", catalogue_labels, 50_000),
    "text columns": ("text_columns.xlsx", text_columns, 50_000),
    "percentages": ("percentages.xlsx", percentages, 50_000),
    "sections, sub totals": ("sections.xlsx", sections, 50_000),
    "two header rows, keys": ("two_headers.xlsx", two_header_rows, 50_000),
    "dated rows": ("dated.xlsx", dated_rows, 50_000),
    "20 sheets": ("twenty_sheets.xlsx", many_sheets, 50_000),
    "catalogue labels, .csv": ("catalogue.csv", catalogue_csv, 480_000),
    "catalogue labels, .xls": ("catalogue.xls", catalogue_xls, 240_000),
    "catalogue labels, .ods": ("catalogue.ods", catalogue_ods, 70_000),
}
