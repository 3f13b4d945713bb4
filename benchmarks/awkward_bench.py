"""Import speed on awkward shapes of workbook that officers' files take, against calamine.

``import_bench.py`` times large, regular shapes; ``real_files_bench.py`` the corpus. These are the
shapes between: a statistics table with suppression marks scattered over its figures, a budget saved
as text (thousands, brackets, ``12.5%``), a council's payments dated day by day, a budget monitor keyed
by cost centre with a number format on every cell, a CSV with blanks and marks among its figures,
hundreds of small tables stacked on one sheet or one a sheet, a double-spaced table and long labels;
and shapes with no table for thousands of rows or a table every few rows: a register of words (every
cell a distinct text) and a column of figures with no labels, each beside a small summary table,
a council's spending CSV in Windows-1252 with a pound sign on every figure, and the results of
3,000 wards, a header and two rows each, between blank rows; a case list whose every cell beside
its case is a date and time, and a CSV of lines keyed by a reference with a note of several lines
(commas and line breaks, quoted) among its figures.
Each is built once (``--keep DIR`` keeps them), then timed as whole processes from launch, taking
turns, best of ``--runs``: python-calamine reading every row of every sheet (a CSV: Python's ``csv``
module), and ``memberpack import --accept-unsure`` into a new pack.

Run: ``python benchmarks/awkward_bench.py [--runs N] [--keep DIR] [--only WORDS]``.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_bench import CALAMINE, ROOT, environment  # noqa: E402
from real_files_bench import CSV_READER, best_of  # noqa: E402  (a CSV as UTF-8, its other bytes replaced)


def _book(path: Path, fill) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    fill(book, random.Random(7))
    book.save(path)


def marks(book, rnd) -> None:
    sheet = book.create_sheet("Table 1")
    sheet.append(["Local authority", "LA code"] + [f"20{10 + i}" for i in range(12)])
    for r in range(15_000):
        sheet.append([f"Authority {r}", 800 + r % 200] + [rnd.choice(["[c]", "..", "x", "z", None, rnd.randint(0, 5_000),
                                                                      rnd.randint(0, 5_000)]) for _ in range(12)])


def budget_as_text(book, rnd) -> None:
    def money(v: float) -> str:
        return f"({abs(v):,.2f})" if v < 0 else f"{v:,.2f}"

    sheet = book.create_sheet("Budget")
    sheet.append(["Service", "Budget £", "Forecast £", "Variance £", "Variance %"])
    for r in range(40_000):
        budget, forecast = rnd.uniform(-1e6, 1e6), rnd.uniform(-1e6, 1e6)
        sheet.append([f"Service line {r}", money(budget), money(forecast), money(forecast - budget),
                      f"{rnd.uniform(-50, 50):.1f}%"])


def payments(book, rnd) -> None:
    sheet = book.create_sheet("Payments")
    sheet.append(["Date", "Supplier", "Expense type", "Amount £", "Transaction"])
    first = datetime.date(2020, 1, 1)
    for r in range(40_000):
        sheet.append([first + datetime.timedelta(days=r % 1_500), f"Supplier {rnd.randint(1, 3_000)}",
                      rnd.choice(["Rent", "Fuel", "Agency staff", "Catering"]), round(rnd.uniform(500, 9e4), 2), f"T{r:07d}"])


def cost_centres(book, rnd) -> None:
    from openpyxl.cell import WriteOnlyCell

    sheet = book.create_sheet("Budget monitor")
    sheet.append(["Revenue budget monitoring 2024/25, period 6"])
    sheet.append(["£000"])
    sheet.append([])
    sheet.append(["Service", "Cost centre", "Annual budget", "Forecast outturn", "Variance", "Variance %", "Spend to date"])
    formats = ["#,##0;(#,##0)", "#,##0.0;[Red](#,##0.0)", '_-£* #,##0_-;-£* #,##0_-;_-£* "-"??_-;_-@_-']

    def cell(value, code):
        made = WriteOnlyCell(sheet, value=value)
        made.number_format = code
        return made

    for r in range(30_000):
        figures = [cell(round(rnd.uniform(-5e3, 5e3), 1), formats[j % 3]) for j in range(4)]
        sheet.append([f"Service line {r}", f"CC{r:05d}", *figures[:3], cell(rnd.uniform(-0.2, 0.2), "0.0%"), figures[3]])


def stacked(book, rnd) -> None:
    sheet = book.create_sheet("Stacked")
    for t in range(600):
        sheet.append([f"Table {t}: spending by service, £ thousand"])
        sheet.append(["Service", "2022-23", "2023-24", "2024-25"])
        for r in range(15):
            sheet.append([f"Service {r}", rnd.randint(0, 999), rnd.randint(0, 999), rnd.randint(0, 999)])
        sheet.append(["Total", 1, 2, 3])
        sheet.append([])


def sheet_each(book, rnd) -> None:
    for s in range(300):
        sheet = book.create_sheet(f"LA {s}")
        sheet.append([f"Authority {s}: children looked after"])
        sheet.append(["Measure", "2021", "2022", "2023"])
        for r in range(30):
            sheet.append([f"Measure {r}", rnd.randint(0, 500), rnd.randint(0, 500), rnd.randint(0, 500)])


def double_spaced(book, rnd) -> None:
    sheet = book.create_sheet("Sparse")
    sheet.append(["Item", "Q1", "Q2", "Q3", "Q4"])
    for r in range(20_000):
        sheet.append([f"Item {r}"] + [rnd.randint(0, 99) for _ in range(4)])
        sheet.append([])


def long_labels(book, rnd) -> None:
    words = ["adult", "social", "care", "placement", "residential", "school", "transport", "budget", "the", "of"]
    sheet = book.create_sheet("Long")
    sheet.append(["Description", "Amount £"])
    for r in range(30_000):
        sheet.append([" ".join(rnd.choice(words) for _ in range(60)) + f" {r}", rnd.randint(1, 10 ** 6)])


def csv_marks(path: Path) -> None:
    rnd = random.Random(4)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["Local authority", "LA code"] + [f"Measure {i}" for i in range(10)])
        for r in range(40_000):
            out.writerow([f"Authority {r}", 800 + r % 150] + [rnd.choice(["", "[c]", "..", "x"]) if rnd.random() < 0.03
                                                             else f"{rnd.uniform(0, 999):.1f}" for _ in range(10)])


def register(book, rnd) -> None:
    sheet = book.create_sheet("Register")   # no figures: every cell a distinct text
    heads = ["Reference", "Applicant", "Address", "Proposal", "Decision", "Officer", "Ward", "Parish"]
    sheet.append(heads)
    for r in range(20_000):
        sheet.append([f"{h} {r} {rnd.randint(0, 10 ** 9)}" for h in heads])
    _summary(book, rnd)


def figures_list(book, rnd) -> None:
    sheet = book.create_sheet("Figures")   # figures with no labels: no table
    sheet.append(["Amount £"])
    for r in range(100_000):
        sheet.append([round(rnd.uniform(0, 1e5), 2)])
    _summary(book, rnd)


def _summary(book, rnd) -> None:
    sheet = book.create_sheet("Summary")
    sheet.append(["Service", "Budget £k", "Actual £k"])
    for r in range(20):
        sheet.append([f"Service {r}", rnd.randint(0, 999), rnd.randint(0, 999)])


def wards(book, rnd) -> None:
    sheet = book.create_sheet("Wards")
    for t in range(3_000):
        sheet.append(["Ward", "2023", "2024"])
        sheet.append([f"Ward {t} electors", rnd.randint(0, 9000), rnd.randint(0, 9000)])
        sheet.append([f"Ward {t} turnout", rnd.randint(0, 9000), rnd.randint(0, 9000)])
        sheet.append([])


def csv_pounds(path: Path) -> None:
    rnd = random.Random(5)
    with path.open("w", newline="", encoding="cp1252") as handle:
        out = csv.writer(handle)
        out.writerow(["Service – area", "Budget £", "Spend £", "Variance £"])
        for r in range(40_000):
            out.writerow([f"Café services – line {r}", f"£{rnd.uniform(0, 1e5):,.2f}", f"£{rnd.uniform(0, 1e5):,.2f}",
                          f"{rnd.uniform(-1e3, 1e3):.2f}"])


def case_dates(book, rnd) -> None:
    sheet = book.create_sheet("Cases")   # no figures: every cell beside the case a date and time
    sheet.append(["Case", "Referred", "Assessed", "Plan agreed", "Reviewed", "Closed"])
    first = datetime.datetime(2019, 4, 1, 9)
    for r in range(20_000):
        referred = first + datetime.timedelta(minutes=rnd.randint(0, 2_600_000))
        sheet.append([f"Case {r:05d}", referred] + [referred + datetime.timedelta(minutes=rnd.randint(1, 60 * 24 * 90) * (i + 1))
                                                    for i in range(4)])


def csv_references(path: Path) -> None:
    rnd = random.Random(6)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["Reference", "Service", "Budget", "Spend", "Note", "Variance"])
        for r in range(80_000):
            out.writerow([f"REF{r:05d}", f"Service {r % 40}", f"{rnd.uniform(0, 1e5):.2f}", f"{rnd.uniform(0, 1e5):.2f}",
                          f"Checked by {rnd.choice(['AB', 'CD', 'EF'])}, {rnd.randint(1, 28)} May\nsee file {r}, page 2",
                          f"{rnd.uniform(-1e3, 1e3):.2f}"])


SHAPES = {"marks": marks, "budget as text": budget_as_text, "payments": payments, "cost centres": cost_centres,
          "csv marks": csv_marks, "stacked tables": stacked, "a sheet each": sheet_each,
          "double spaced": double_spaced, "long labels": long_labels, "register": register,
          "figures list": figures_list, "csv pounds": csv_pounds, "wards": wards, "case dates": case_dates,
          "csv references": csv_references}


def build(folder: Path, name: str) -> Path:
    path = folder / (name.replace(" ", "_") + (".csv" if name.startswith("csv") else ".xlsx"))
    if not path.exists():
        maker = SHAPES[name]
        maker(path) if path.suffix == ".csv" else _book(path, maker)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="folder to keep (and reuse) the workbooks in")
    parser.add_argument("--only", help="only shapes whose name contains these words")
    args = parser.parse_args()
    names = [n for n in SHAPES if not args.only or any(w in n for w in args.only.split())]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        keep = args.keep or folder
        keep.mkdir(parents=True, exist_ok=True)
        env = environment(folder / "pycache")
        print(f"best of {args.runs}, whole processes from launch")
        print(f"{'shape':16} {'calamine':>9} {'memberpack':>11} {'CPU':>7} {'ratio':>6}")
        for n, name in enumerate(names):
            path = build(keep, name)
            baseline = CSV_READER if path.suffix == ".csv" else CALAMINE
            best = best_of(args.runs, {
                "calamine": [sys.executable, "-c", baseline, str(path)],
                "memberpack": [sys.executable, "-m", "memberpack", "import", "--accept-unsure", "--again",
                               str(folder / f"shape_{n}.mpack"), str(path)]}, folder, env)
            (base, _), (ours, cpu) = best["calamine"], best["memberpack"]
            print(f"{name:16} {base:8.2f}s {ours:10.2f}s {cpu:6.2f}s {ours / base:5.1f}x", flush=True)


if __name__ == "__main__":
    main()
