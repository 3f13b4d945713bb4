"""A large CSV's plain rows read column-wise (:class:`~memberpack.importers.csv_reader.CsvColumns`) give
exactly what reading them a batch of rows at a time gives: observations field by field, reports,
metrics, layouts and the file's notes, on the benchmark's shape, on irregular files and on every
CSV of the corpus (read column-wise from their first plain rows, a few hundred bytes at a time)."""

import csv
import dataclasses
import itertools
import random
import sys
from pathlib import Path

import numpy as np
import pytest

from memberpack.importers import csv_reader, engine, read_file, table_reader
from memberpack.importers.figure_arrays import written_figures
from memberpack.importers.plain_numbers import PLAIN_NUMBER
from memberpack.model.blocks import Texts

ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted((ROOT / "tests" / "corpus" / "files").glob("*.csv"))


def _read(path):
    """Everything a reading of ``path`` gives, or its refusal."""
    try:
        result = read_file(path)
    except Exception as exc:  # noqa: BLE001 - a refusal must be the same either way
        return type(exc).__name__, str(exc)
    return result.report.warnings, [
        (found.layout.to_dict(), found.report.to_dict(), dict(found.metric_counts),
         [tuple(getattr(o, f.name) for f in dataclasses.fields(o) if f.name != "id") for o in found.observations])
        for found in result.tables]


@pytest.fixture
def both_ways(monkeypatch):
    """Read a file column-wise (from the first rows on, ``chunk`` bytes at a time) and a batch of rows
    at a time; give both readings and how many rows were read column-wise."""
    monkeypatch.setattr(engine, "READ_IN_CHILD", False)
    monkeypatch.setattr(csv_reader, "COLUMNS_FROM", 0)
    taken = []
    keep = csv_reader.CsvColumns.taken
    monkeypatch.setattr(csv_reader.CsvColumns, "taken", lambda self, chunk: (taken.append(chunk.rows), keep(self, chunk)))

    def read(path, chunk=600):
        monkeypatch.setattr(csv_reader, "COLUMN_BYTES", chunk)
        taken.clear()
        fast = _read(path)
        columnwise = sum(taken)
        monkeypatch.setattr(table_reader, "COLUMNWISE", False)
        slow = _read(path)
        monkeypatch.setattr(table_reader, "COLUMNWISE", True)
        return fast, slow, columnwise
    return read


def _benchmark_csv(path, rows):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from import_shapes import catalogue_csv
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    catalogue_csv(path, rows)
    return path


def test_the_benchmark_csv_reads_alike_column_wise(tmp_path, both_ways):
    path = _benchmark_csv(tmp_path / "catalogue.csv", 5_000)
    fast, slow, columnwise = both_ways(path, chunk=20_000)
    assert fast == slow
    assert columnwise > 3_500
    _, [(_, _, metrics, observations)] = fast
    assert len(observations) == 95_000


def _ledger(path, rows, edit=None, *, newline="\n", head=""):
    rnd = random.Random(5)
    lines = [["Service line", "Budget £k", "Spend £k", "Variance £k"]]
    for r in range(rows):
        lines.append([f"Line {r}", f"{rnd.uniform(-900, 900):.1f}", str(rnd.randint(0, 5000)), f"{rnd.uniform(0, 9):.2f}"])
    if edit:
        edit(lines)
    with path.open("w", newline="", encoding="utf-8") as f:
        f.write(head)
        csv.writer(f, lineterminator=newline).writerows(lines)
    return path


EDITS = {
    "plain": None,
    "a total": lambda lines: lines.insert(1800, ["Total", "1", "2", "3"]),
    "a sub total": lambda lines: lines.insert(2500, ["Services sub total", "1", "2", "3"]),
    "a heading": lambda lines: lines.insert(1500, ["Placements", "", "", ""]),
    "a blank line and a second table": lambda lines: lines.__setitem__(slice(2000, 2000), [[], ["Other", "A", "B", "C"]]),
    "a quoted field": lambda lines: lines.insert(1700, ["Line, quoted", "1", "2", "3"]),
    "a formatted figure": lambda lines: lines[1600].__setitem__(1, "1,234.5"),
    "a mark": lambda lines: lines[2100].__setitem__(2, "[c]"),
    "a short row": lambda lines: lines.insert(1900, ["Line short", "1"]),
    "a pound sign": lambda lines: lines.insert(2200, ["Line £", "1", "2", "3"]),
    "a long number": lambda lines: lines[1400].__setitem__(2, "123456789012"),
    "a year": lambda lines: lines.insert(2300, ["Spend 2019/20", "1", "2", "3"]),
    "a catalogue word": lambda lines: lines.insert(1200, ["Residential placements", "1", "2", "3"]),
    "a footnote": lambda lines: lines.append(["Source: the ledger"]),
    "a sum": lambda lines: lines.insert(1300, ["Line x", *(str(sum(float(r[j]) for r in lines[1000:1300])) for j in (1, 2, 3))]),
}


@pytest.mark.parametrize("edit", EDITS)
def test_irregular_rows_read_alike(tmp_path, both_ways, edit):
    path = _ledger(tmp_path / "ledger.csv", 3_000, EDITS[edit])
    fast, slow, columnwise = both_ways(path)
    assert fast == slow
    assert columnwise > 500


SERVICES = ("Residential placements", "School transport", "Fostering", "Care leavers", "Adoption")
LABELS = {   # what each row's label is: numbers read by their keys (:mod:`memberpack.importers.label_keys`) or not
    "catalogue words, numbers of one to six digits": lambda r: f"{SERVICES[r % 5]} {r * 7919 % 10 ** (1 + r % 6)}",
    "years and numbers holding years": lambda r: f"Care {r % 2100} {(r % 3) * 10000 + 2000 + r % 30}",
    "a year before a long number": lambda r: f"Spend {2015 + r % 8} line {r:03d}",
    "a year's digits ending a long number": lambda r: f"Line {r}{2019 + r % 3}",
    "spans and months": lambda r: f"Line {r % 90 + 10}/{r % 90 + 11} {r:05d}" if r % 2 else f"Mar-{r % 30:02d} {r:03d}",
    "a unit before a long number": lambda r: f"Rate per 10000 {r:03d}" if r > 2000 else f"Line {r}",
    "a footnote marker": lambda r: f"Line {r:03d}" if r != 2500 else "Line a1",
    "odd spaces": lambda r: {2500: "Line  250", 2700: "Line "}.get(r, f"Line {r:03d}"),
}


@pytest.mark.parametrize("labelled", LABELS)
def test_numbered_labels_read_alike(tmp_path, both_ways, labelled):
    label = LABELS[labelled]

    def edit(lines):
        for r, line in enumerate(lines[1:]):
            line[0] = label(r)
    fast, slow, columnwise = both_ways(_ledger(tmp_path / "ledger.csv", 3_000, edit), chunk=2_000)
    assert fast == slow
    assert columnwise > 500


@pytest.mark.parametrize("newline,head", [("\r\n", ""), ("\n", "\ufeff"), ("\n", "sep=,\n")])
def test_line_ends_and_heads_read_alike(tmp_path, both_ways, newline, head):
    fast, slow, columnwise = both_ways(_ledger(tmp_path / "ledger.csv", 3_000, newline=newline, head=head))
    assert fast == slow and columnwise > 500


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("at", [1, 1200, 1201, 2999])
def test_a_blank_line_reads_alike(tmp_path, both_ways, newline, at):
    """A blank line (where a chunk starts, or within one) ends the rows read column-wise."""
    path = _ledger(tmp_path / "ledger.csv", 3_000, lambda lines: lines.insert(at, []), newline=newline)
    for chunk in (600, 30_000):
        fast, slow, _ = both_ways(path, chunk=chunk)
        assert fast == slow


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_csv_reads_alike(path, both_ways):
    fast, slow, _ = both_ways(path, chunk=400)
    assert fast == slow


def test_a_file_read_column_wise_is_so_to_its_end(tmp_path, both_ways, monkeypatch):
    """What is too little to load Arrow for is read column-wise once Arrow is loaded (the last 4 MB
    of the benchmark's file had been read row by row)."""
    path = _ledger(tmp_path / "ledger.csv", 3_000)
    monkeypatch.setattr(csv_reader, "COLUMNS_FROM", path.stat().st_size // 2)
    fast, slow, columnwise = both_ways(path)
    assert fast == slow
    assert columnwise == 3_000 - 2 * csv_reader.LINES + 1   # all after the row reader's first two batches


def _plainly(cells):
    """What reading ``cells`` as a batch of plain figures gives: each one's float, or None for all."""
    if not all(PLAIN_NUMBER.fullmatch(c) for c in cells):
        return None
    return np.array([float(c) for c in cells])


CELLS = ["".join(p) for n in range(1, 4) for p in itertools.product("05-.", repeat=n)]


def test_a_column_of_figures_is_read_as_plain_figures_are():
    """Every cell of digits, minus signs and points up to four characters (``.5``, ``-.5``, ``5.``,
    ``5-0``, ``0..``), alone and beside every other such cell: read as figures exactly where each is
    a plain figure, as the same floats."""
    def same(cells):
        got, expected = written_figures(Texts.of(cells)), _plainly(cells)
        assert (got is None) == (expected is None), cells
        assert got is None or got.tobytes() == expected.tobytes(), cells

    for cell in CELLS + [c + "5" for c in CELLS] + ["1" * 15, "1" * 16, "-1" + "0" * 14 + ".5", "1." + "2" * 11]:
        same([cell])
    for a, b in itertools.product(CELLS, repeat=2):
        same([a, b])


STATING = ("Percentage of EHC plans issued within 20 weeks", "Number of children looked after",
           "Rate of referrals to children's social care per 10000",   # (no comma: a quoted field is read by rows) "Average days to re-let council homes",
           "Number of rough sleepers", "Council tax collected (%)", "Days lost to sickness per FTE", "Library visits")


def test_labels_stating_units_or_counting_read_alike_column_wise(tmp_path, both_ways):
    """Rows whose labels state a unit (``... per 10000``, ``(%)``) or count (``Number of ...``) are read
    column-wise too, each with the kind a batch gives it (a count where its figures have no unit); a
    total among them as a batch reads it."""
    def edit(lines):
        lines[0] = ["Measure", "Apr", "May", "Jun"]
        for r, line in enumerate(lines[1:]):
            line[0] = f"{STATING[r % len(STATING)]} {r}"
        lines.insert(2400, ["Total", "1", "2", "3"])
    fast, slow, columnwise = both_ways(_ledger(tmp_path / "measures.csv", 3_000, edit), chunk=2_000)
    assert fast == slow
    assert columnwise > 1_000
    units = {o[0].split()[0]: o[3] for _, _, _, observations in fast[1] for o in observations}
    assert (units["Number"], units["Rate"], units["Council"]) == ("count", "per_10000", "percent")
