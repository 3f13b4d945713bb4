"""Readers run in a limited child process: a reader that aborts, hangs, balloons or panics fails its
file in one line, exit 1, and the app's process and the pack are untouched."""

from pathlib import Path

import pytest

from memberpack.cli import main
from memberpack.errors import Cancelled, ImportFailed
from memberpack.importers import import_files, read_file
from memberpack.importers.isolation import run_isolated

HERE = Path(__file__).parent
HOSTILE = HERE / "hostile"
# It had read "the reader failed (PanicException)": what is wrong, and what to do, in an officer's words.
DAMAGED = ("{}: the file is damaged or not a workbook that can be read; open it in Excel, save it again "
           "(as .xlsx) and import the saved copy")


@pytest.fixture
def readers_here(monkeypatch):
    """Make tests/unit/hostile_readers.py importable in the child."""
    monkeypatch.setenv("PYTHONPATH", str(HERE))
    import hostile_readers

    return hostile_readers


@pytest.fixture
def pack(tmp_path):
    from openpyxl import Workbook

    good = tmp_path / "good.xlsx"
    wb = Workbook()
    wb.active.append(["Indicator", "Q1"])
    wb.active.append(["Children looked after", 227])
    wb.save(good)
    path = tmp_path / "p.mpack"
    assert main(["import", str(path), str(good)]) == 0
    return path


def _one_line_failure(pack, bad, capsys):
    before = pack.read_bytes()
    capsys.readouterr()
    assert main(["import", str(pack), str(bad)]) == 1
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in captured.err and "panicked" not in captured.err
    assert pack.read_bytes() == before
    return err


def test_xls_that_makes_calamine_abort_is_one_line(pack, tmp_path, capsys):
    # A damaged .xls (found by flipping bytes of a small one): calamine asks for 183 GB and aborts
    # its process (exit 134 and a Rust backtrace when read in the app's own process).
    bad = tmp_path / "budget.xls"
    bad.write_bytes((HOSTILE / "calamine_aborts.xls").read_bytes())
    err = _one_line_failure(pack, bad, capsys)
    assert err == ("memberpack: budget.xls: the file could not be read: the reader failed (it crashed); open it in "
                   "Excel, save it again (as .xlsx) and import the saved copy")


def test_xls_that_makes_calamine_panic_is_one_line(pack, tmp_path, capsys):
    # A Rust panic reaches Python as PanicException, which is not an Exception: no handler caught it.
    bad = tmp_path / "panics.xls"
    bad.write_bytes((HOSTILE / "calamine_panics.xls").read_bytes())
    err = _one_line_failure(pack, bad, capsys)
    assert err == DAMAGED.format("memberpack: panics.xls")


def test_preview_of_a_file_that_aborts_the_reader_raises_one_line(tmp_path):
    bad = tmp_path / "preview.xls"
    bad.write_bytes((HOSTILE / "calamine_aborts.xls").read_bytes())
    with pytest.raises(ImportFailed, match=r"^preview\.xls: the file could not be read: the reader failed"):
        read_file(bad)
    with pytest.raises(ImportFailed):
        import_files(None, [bad], dry_run=True)


def test_a_reader_that_hangs_is_stopped(readers_here, monkeypatch):
    monkeypatch.setenv("MEMBERPACK_READER_TIMEOUT", "1")
    with pytest.raises(ImportFailed, match=r"^slow\.xlsx: .*reader failed \(it gave nothing for 1 s and was stopped\)"):
        list(run_isolated(readers_here.sleeps, 60, name="slow.xlsx"))


def test_a_reader_that_balloons_is_stopped_at_its_memory_limit(readers_here, monkeypatch):
    monkeypatch.setenv("MEMBERPACK_READER_MEMORY_MB", "400")
    with pytest.raises(ImportFailed, match=r"^big\.xlsx: .*reader failed \(it needed more than 400 MB\)"):
        list(run_isolated(readers_here.allocates, 2_000, name="big.xlsx"))
    # Within the limit, the same reader answers.
    assert list(run_isolated(readers_here.allocates, 10, name="big.xlsx")) == [("held", 10)]


def test_a_reader_that_aborts_is_reported_and_this_process_lives(readers_here):
    with pytest.raises(ImportFailed, match=r"^x\.ods: the file could not be read: the reader failed \(it crashed\); "
                                           r"open it in Excel, save it again \(as \.xlsx\) and import the saved copy$"):
        list(run_isolated(readers_here.aborts, name="x.ods"))


def test_cancel_stops_the_reader(readers_here):
    asked = []
    with pytest.raises(Cancelled):
        list(run_isolated(readers_here.sleeps, 60, name="slow.xlsx", cancel=lambda: asked.append(1) or len(asked) > 3))


def test_messages_arrive_in_order(readers_here):
    assert list(run_isolated(readers_here.answers, 5_000, name="many.csv")) == [("part", i) for i in range(5_000)]


def _dates(tmp_path, rows: int, bad: list[str]):
    """A workbook of ``rows`` rows under a header, a date in column B, ``bad`` cells of it made -1e20."""
    import re
    import zipfile

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Service", "Date", "Budget £k"])
    for i in range(rows):
        ws.append([f"Service {i}", 45000 + i, 9100 + i])
        ws.cell(i + 2, 2).number_format = "dd/mm/yyyy"
    wb.save(tmp_path / "plain.xlsx")
    path = tmp_path / "dates.xlsx"
    with zipfile.ZipFile(tmp_path / "plain.xlsx") as src, zipfile.ZipFile(path, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                for ref in bad:
                    data = re.sub(rb'(<c r="' + ref.encode() + rb'"[^>]*><v>)[^<]*', rb"\g<1>-1e20", data)
            out.writestr(info, data)
    return path


def test_a_row_with_a_date_cell_out_of_range_is_left_out_and_named(tmp_path):
    """A cell formatted as a date holding -1e20 (or -inf) makes calamine panic converting its row: the
    whole file had been refused; calamine has moved past the row, so a second reading leaves it out."""
    result = read_file(_dates(tmp_path, 6, ["B4"]))
    table, = result.tables
    assert {o.cell: o.value for o in table.observations if o.cell.startswith("C")} == {
        "C2": 9_100_000, "C3": 9_101_000, "C5": 9_103_000, "C6": 9_104_000, "C7": 9_105_000}
    assert ("warning: sheet 'Sheet': row 4 was not read: a cell in it formatted as a date or time holds a number "
            "no date can be made of; correct it in Excel") in result.report.warnings


def test_many_date_cells_out_of_range_are_named_in_one_line(pack, tmp_path, capsys):
    """More such rows than a few stray ones: the file is refused, saying what to correct."""
    from memberpack.importers.reader import MOST_BAD_DATES

    bad = _dates(tmp_path, MOST_BAD_DATES + 3, [f"B{r}" for r in range(2, MOST_BAD_DATES + 4)])
    err = _one_line_failure(pack, bad, capsys)
    assert err == ("memberpack: dates.xlsx: the file could not be read: the reader failed (a cell formatted as a "
                   "date or time holds a number no date can be made of; correct it in Excel)")
