"""The shapes of workbook the import benchmark times: what officers' returns really look like.

Each builder writes ``rows`` data rows (setup, not timed). Figures come from a seeded generator, so
every run builds the same files.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import random
import re
import zipfile
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
                    if col in formats and (isinstance(value, (int, float)) or str(value).startswith("=")):
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


def _as_excel_saves(path: Path) -> None:
    """Rewrite a write-only openpyxl workbook as Excel saves one: texts in a shared-strings table (not
    inline), and a formula written ``=SUM(B2:M2)//123.4`` kept as the formula with its cached value."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    strings: dict[str, int] = {}

    def shared(match: re.Match) -> str:
        index = strings.setdefault(match[3], len(strings))
        return f'<c {match[1]}t="s"{match[2]}><v>{index}</v></c>'

    inline = re.compile(r'<c ([^>]*?)t="inlineStr"([^>]*)><is><t[^>]*>(.*?)</t></is></c>', re.S)
    formula = re.compile(r"<f>([^<]*?)//([^<]*)</f><v ?/>(?:</v>)?")
    for name in [n for n in parts if n.startswith("xl/worksheets/")]:
        text = formula.sub(r"<f>\1</f><v>\2</v>", parts[name].decode())
        parts[name] = inline.sub(shared, text).encode()
    items = "".join(f"<si><t xml:space=\"preserve\">{t}</t></si>" for t in strings)
    parts["xl/sharedStrings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>').encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>", (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'spreadsheetml.sharedStrings+xml" /></Types>'))
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(b"</Relationships>", (
        b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
        b'Target="sharedStrings.xml" Id="rIdStrings" /></Relationships>'))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


MONTHS = ("Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar")
SUBJECTIVES = ("Employees", "Premises", "Transport", "Supplies and services", "Third party payments", "Income")


def budget_monitor(path: Path, rows: int) -> None:
    """A wide monthly budget monitor: a title, then per cost centre its budget, actual and forecast for
    each of twelve months, year-to-date and full-year columns and a variance % (46 columns)."""
    rnd = _rnd()
    title = [["Revenue budget monitoring 2024/25: Month 8 (November)"], ["£"], []]
    header = (["Cost centre", "Cost centre name", "Subjective"] + [f"{m} budget" for m in MONTHS]
              + [f"{m} actual" for m in MONTHS] + [f"{m} forecast" for m in MONTHS]
              + ["YTD budget", "YTD actual", "YTD variance", "Annual budget", "Forecast outturn", "Variance",
                 "Variance %"])

    def data() -> Iterator[list]:
        for r in range(rows):
            budget = [round(rnd.uniform(0, 90_000), 2) for _ in MONTHS]
            actual = [round(b * rnd.uniform(0.7, 1.3), 2) if m < 8 else None for m, b in enumerate(budget)]
            forecast = [a if a is not None else round(b * rnd.uniform(0.8, 1.2), 2) for a, b in zip(actual, budget)]
            ytd_budget, ytd_actual = round(sum(budget[:8]), 2), round(sum(actual[:8]), 2)
            annual, outturn = round(sum(budget), 2), round(sum(forecast), 2)
            yield ([f"C{10_000 + r}", f"{SERVICES[r % 10]} - team {r % 37}", SUBJECTIVES[r % 6]] + budget + actual
                   + forecast + [ytd_budget, ytd_actual, round(ytd_actual - ytd_budget, 2), annual, outturn,
                                 round(outturn - annual, 2), round((outturn - annual) / annual, 4)])
    _write_xlsx(path, {"Monitor": (title + [header], data())}, formats={45: "0.0%"})
    _as_excel_saves(path)


MEASURES = ("Percentage of EHC plans issued within 20 weeks", "Number of children looked after",
            "Rate of referrals to children's social care per 10,000", "Average days to re-let council homes",
            "Percentage of household waste recycled", "Number of rough sleepers", "Council tax collected (%)",
            "Days lost to sickness per FTE", "Delayed transfers of care per 100,000", "Library visits")
DIRECTIONS = ("↑ Improving", "↓ Worsening", "→ No change", "▲", "▼", "◄►")
OWNERS = ("Director of Children's Services", "Head of Housing", "Head of Waste", "Head of HR", "Director of Adults")


def kpi_scorecard(path: Path, rows: int) -> None:
    """A KPI scorecard: measure, polarity, target, actual, previous, RAG as text, direction of travel
    as arrows, and a comment of 100-300 characters, for every measure, service and month."""
    rnd = _rnd()
    header = [["Ref", "Measure", "Service", "Polarity", "Period", "Target", "Actual", "Previous", "RAG",
               "Direction of travel", "Commentary", "Owner"]]
    words = ("performance", "remains", "below", "target", "due", "to", "staffing", "pressures", "in", "the",
             "assessment", "team", "recovery", "plan", "agreed", "with", "partners", "expected", "by", "quarter")

    def data() -> Iterator[list]:
        for r in range(rows):
            target = rnd.randint(10, 1000)
            comment = " ".join(rnd.choice(words) for _ in range(rnd.randint(15, 45)))
            yield [f"KPI {r % 400:03d}", MEASURES[r % 10], SERVICES[(r // 10) % 10],
                   "Bigger is better" if r % 3 else "Smaller is better", f"{MONTHS[r % 12]} 2024", target,
                   round(target * rnd.uniform(0.6, 1.4), 1), round(target * rnd.uniform(0.6, 1.4), 1), RAG[r % 3],
                   DIRECTIONS[r % 6], comment.capitalize() + ".", OWNERS[r % 5]]
    _write_xlsx(path, {"Scorecard": (header, data())})
    _as_excel_saves(path)


def small_tables(path: Path, rows: int) -> None:
    """Many small tables on one sheet, 10-30 rows each under a title row and a header row, a blank
    row between them."""
    rnd = _rnd()

    def data() -> Iterator[list]:
        written, t = 0, 0
        while written < rows:
            size = rnd.randint(10, 30)
            yield [f"Table {t + 1}: {SERVICES[t % 10]} by area, £ thousand"]
            yield ["Area", "2021-22", "2022-23", "2023-24", "Change", "Change %", "Per head £"]
            for r in range(size):
                before, after = rnd.randint(100, 9_000), rnd.randint(100, 9_000)
                yield [f"Area {r + 1}", rnd.randint(100, 9_000), before, after, after - before,
                       round((after - before) / before, 3), round(rnd.uniform(5, 500), 2)]
            yield []
            written, t = written + size, t + 1
    _write_xlsx(path, {"Tables": ([], data())})
    _as_excel_saves(path)


def sparse_blocks(path: Path, rows: int) -> None:
    """Blocks of figures two abreast, blank rows and columns between them, a merged title over each, and
    notes far from the figures (to the right and under the last block)."""
    rnd = _rnd()
    block, width, gap = 500, 8, 3
    count = max(rows // block, 2)
    merges = []
    out: list[list] = [["Quarterly service statistics"], []]
    for b in range(0, count, 2):
        top = len(out) + 1
        left_title = [None, f"Block {b + 1}: {SERVICES[b % 10]}"] + [None] * (width + gap - 1)
        right_title = [f"Block {b + 2}: {SERVICES[(b + 1) % 10]}"] + [None] * (width - 1)
        out.append(left_title + right_title + [None] * 30 + ["Note: figures for Q4 are provisional"])
        for start in (2, 2 + width + gap):
            merges.append(f"{_col(start)}{top}:{_col(start + width - 1)}{top}")
        heads = ["Line"] + [f"Q{q} {y}" for y in ("2023", "2024") for q in range(1, 5)][:width - 1]
        out.append([None] + heads + [None] * gap + heads)
        for r in range(block):
            left = [f"Line {b}.{r}"] + [rnd.randint(0, 5_000) for _ in range(width - 1)]
            right = [f"Line {b + 1}.{r}"] + [rnd.randint(0, 5_000) for _ in range(width - 1)]
            out.append([None] + left + [None] * gap + right)
        out.extend([[], [], []])
    out.extend([[]] * 40 + [[None, "Source: service returns. Contact performance@council.gov.uk"]])
    _write_xlsx(path, {"Statistics": ([], iter(out))}, merges=merges)
    _as_excel_saves(path)


def _col(number: int) -> str:
    """Column letters of a 1-based column number."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def formulas(path: Path, rows: int) -> None:
    """Figures that are formulas with cached values: a year's months, their sum, budget, variance and
    variance %, with a sub total row of SUMs every 25 rows."""
    rnd = _rnd()
    header = [["Service"] + list(MONTHS) + ["Total", "Budget", "Variance", "Variance %"]]

    def data() -> Iterator[list]:
        line, first, sums = 2, 2, [0.0] * 16
        for r in range(rows):
            months = [round(rnd.uniform(0, 9_000), 2) for _ in MONTHS]
            total, budget = round(sum(months), 2), round(rnd.uniform(50_000, 100_000), 2)
            figures = months + [total, budget, round(total - budget, 2), round((total - budget) / budget, 6)]
            sums = [s + f for s, f in zip(sums, figures)]
            yield ([f"{SERVICES[r % 10]} {r}"] + months
                   + [f"=SUM(B{line}:M{line})//{figures[12]}", budget, f"=N{line}-O{line}//{figures[14]}",
                      f"=IF(O{line}=0,0,P{line}/O{line})//{figures[15]}"])
            line += 1
            if r % 25 == 24:
                yield ([f"Sub total {r // 25}"]
                       + [f"=SUBTOTAL(9,{_col(c)}{first}:{_col(c)}{line - 1})//{round(v, 2)}"
                          for c, v in zip(range(2, 17), sums)]
                       + [f"=IF(O{line}=0,0,P{line}/O{line})//{round(sums[14] / sums[13], 6)}"])
                line += 1
                first, sums = line, [0.0] * 16
    _write_xlsx(path, {"Budget": (header, data())}, formats={16: "0.0%"})
    _as_excel_saves(path)


def long_sheet(path: Path, rows: int) -> None:
    """A long list (spending over £500): date, directorate, service, expense type, supplier, reference,
    net, VAT, gross and quantity, row after row."""
    rnd = _rnd()
    header = [["Date", "Directorate", "Service area", "Expense type", "Supplier", "Transaction", "Net £", "VAT £",
               "Gross £", "Quantity"]]
    first = dt.datetime(2023, 4, 1)
    kinds = ("Agency staff", "Rent", "Fuel", "Catering", "Professional fees", "Equipment", "Grants")

    def data() -> Iterator[list]:
        for r in range(rows):
            net = round(rnd.uniform(500, 90_000), 2)
            vat = round(net * 0.2, 2) if r % 4 else 0.0
            yield [first + dt.timedelta(days=r * 365 // max(rows, 1)), f"Directorate {r % 6}", SERVICES[r % 10],
                   kinds[r % 7], PROVIDERS[r % 5] if r % 3 else f"Supplier {rnd.randint(1, 4_000)}",
                   f"T{r:07d}", net, vat, round(net + vat, 2), rnd.randint(1, 20)]
    _write_xlsx(path, {"Spend": (header, data())}, formats={0: "dd/mm/yyyy"})
    _as_excel_saves(path)


def numbers_as_text(path: Path, rows: int) -> None:
    """Figures stored as text, as pasted from a finance system: "£1,234", "(500)", "12.5%", "1,234.56"."""
    rnd = _rnd()
    header = [["Service", "Budget £", "Actual £", "Variance £", "Variance %", "Commitments £", "FTE", "Posts"]
              + [f"{m} £" for m in MONTHS]]

    def money(value: float) -> str:
        return f"({abs(value):,.0f})" if value < 0 else f"£{value:,.0f}"

    def data() -> Iterator[list]:
        for r in range(rows):
            budget, actual = rnd.uniform(1e4, 1e6), rnd.uniform(1e4, 1e6)
            yield ([f"{SERVICES[r % 10]} line {r}", money(budget), money(actual), money(actual - budget),
                    f"{(actual - budget) / budget * 100:.1f}%", f"{rnd.uniform(0, 5e4):,.2f}",
                    f"{rnd.uniform(0, 40):.1f}", str(rnd.randint(0, 50))]
                   + [money(rnd.uniform(-5e3, 9e4)) for _ in MONTHS])
    _write_xlsx(path, {"Budget": (header, data())})
    _as_excel_saves(path)


CELL_FORMATS = ("£#,##0", "#,##0.00", "#,##0;(#,##0)", "0", "General", '_-£* #,##0_-;-£* #,##0_-;_-£* "-"??_-;_-@_-')


def mixed_formats(path: Path, rows: int) -> None:
    """Measures down the rows, periods across: each row's number format its measure's (money, a
    percentage, a count), and money cells formatted one of several ways cell by cell."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    rnd = _rnd()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Measures")
    ws.append(["Measure"] + [f"{m} 2024" for m in MONTHS] + ["Year to date", "Last year"])
    kinds = ("money", "percent", "count")
    for r in range(rows):
        kind = kinds[r % 3]
        cells = [WriteOnlyCell(ws, value=f"{MEASURES[r % 10]} ({kind}) {r}")]
        for _ in range(len(MONTHS) + 2):
            if kind == "percent":
                cell = WriteOnlyCell(ws, value=round(rnd.uniform(0, 1), 4))
                cell.number_format = "0.0%"
            elif kind == "count":
                cell = WriteOnlyCell(ws, value=rnd.randint(0, 900))
                cell.number_format = "#,##0"
            else:
                cell = WriteOnlyCell(ws, value=round(rnd.uniform(-5e4, 5e4), 2))
                cell.number_format = rnd.choice(CELL_FORMATS)
            cells.append(cell)
        ws.append(cells)
    wb.save(path)
    _as_excel_saves(path)


MARKS = ("n/a", "DNA", "-", "*", "c", "x", "..", None)


def _mixed_rows(rows: int) -> Iterator[tuple[str, str, list]]:
    """The mixed-formats shape's rows, (kind, label, figures), a mark now and then among them
    (``n/a``, ``DNA``, ``-``, ``*``, ``c``, ``x``, ``..``, a blank): about one cell in 40."""
    rnd = _rnd()
    kinds = ("money", "percent", "count")
    for r in range(rows):
        kind = kinds[r % 3]
        figures = [round(rnd.uniform(0, 1), 4) if kind == "percent" else rnd.randint(0, 900) if kind == "count"
                   else round(rnd.uniform(-5e4, 5e4), 2) for _ in range(len(MONTHS) + 2)]
        for c in range(len(figures)):
            if rnd.random() < 0.025:
                figures[c] = rnd.choice(MARKS)
        yield kind, f"{MEASURES[r % 10]} ({kind}) {r}", figures


def mixed_formats_marked(path: Path, rows: int) -> None:
    """The mixed-formats shape with marks among the figures: not applicable, did not apply, suppressed."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    rnd = _rnd()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Measures")
    ws.append(["Measure"] + [f"{m} 2024" for m in MONTHS] + ["Year to date", "Last year"])
    formats = {"percent": "0.0%", "count": "#,##0"}
    for kind, label, figures in _mixed_rows(rows):
        cells = [WriteOnlyCell(ws, value=label)]
        for value in figures:
            cell = WriteOnlyCell(ws, value=value)
            if type(value) is not str and value is not None:
                cell.number_format = formats.get(kind) or rnd.choice(CELL_FORMATS)
            cells.append(cell)
        ws.append(cells)
    wb.save(path)
    _as_excel_saves(path)


def mixed_formats_marked_csv(path: Path, rows: int) -> None:
    """The marked mixed-formats shape as a CSV file: percentages written as percentage points (45.23),
    money with two places, counts whole, marks as written and blanks empty."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Measure"] + [f"{m} 2024" for m in MONTHS] + ["Year to date", "Last year"])
        for kind, label, figures in _mixed_rows(rows):
            writer.writerow([label] + ["" if v is None else v if type(v) is str else
                                       f"{v * 100:.2f}" if kind == "percent" else v for v in figures])


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
    "budget monitor, 46 columns": ("budget_monitor.xlsx", budget_monitor, 20_000),
    "KPI scorecard": ("scorecard.xlsx", kpi_scorecard, 60_000),
    "small tables, one sheet": ("small_tables.xlsx", small_tables, 100_000),
    "sparse blocks": ("sparse.xlsx", sparse_blocks, 60_000),
    "formulas, cached values": ("formulas.xlsx", formulas, 50_000),
    "long sheet": ("long_sheet.xlsx", long_sheet, 300_000),
    "numbers as text": ("numbers_text.xlsx", numbers_as_text, 50_000),
    "mixed cell formats": ("mixed_formats.xlsx", mixed_formats, 60_000),
    "mixed cell formats, marks": ("mixed_marked.xlsx", mixed_formats_marked, 60_000),
    "mixed cell formats, marks, .csv": ("mixed_marked.csv", mixed_formats_marked_csv, 200_000),
}
