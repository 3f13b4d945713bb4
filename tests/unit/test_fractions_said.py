"""Percentages the officer says are fractions (``memberpack import --fractions``; the wizard's box is
tested in tests/gui): the percentages the import doubted (all between 0 and 1, none shown with a %)
are read as percentages, 0.345 as 34.5%, the doubt giving way to a line that says the officer said
so; the pack keeps who said it and when, for the sources note and the next import of the same shape;
figures that are not those percentages are left as they were; and the word given where nothing was
doubted is refused in one line rather than changing nothing silently."""

from __future__ import annotations

import re

import numpy as np
from awkward_workbooks import write_xlsx
from pypdf import PdfReader

from memberpack.analysis.annotation_targets import figure_text as annotated
from memberpack.analysis.charts import source_line
from memberpack.cli import main
from memberpack.importers import read_file
from memberpack.importers.percent_fractions import PercentFractions, read_as_fractions
from memberpack.importers.table_layout import Corrections
from memberpack.model.blocks import BlockColumn, Coded, FigureBlock
from memberpack.model.display import figure_text
from memberpack.model.observation import Observation
from memberpack.model.units import PERCENT
from memberpack.store.pack import Pack

ATTENDANCE = "School,Pupils,Attendance %\nAshcombe,200,0.345\nBrent Knoll,310,0.951\nCastle Batch,250,0.5\n"
SAID = re.compile(r"as the officer said with --fractions on \d\d/\d\d/\d{4}")


def _write(path, text=ATTENDANCE):
    path.write_text(text, encoding="utf-8")
    return path


def _stored(pack_path):
    """The pack's last table and its figures by cell."""
    with Pack.open(pack_path) as pack:
        ds = pack.datasets()[-1]
        return ds, {o.cell: o for o in pack.observations(ds.id)}


def test_a_csvs_fractions_are_read_as_percentages_when_the_officer_says_so(tmp_path, capsys):
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(_write(tmp_path / "attendance.csv")), "--fractions"]) == 0
    out = capsys.readouterr().out
    assert "doubt:" not in out and "read with assumptions" in out
    said, = (line for line in out.splitlines() if "are fractions" in line)
    assert SAID.search(said) and said.strip().startswith("assumed: the percentages of 'Attendance %' are fractions")
    assert said.endswith("read as percentages (0.345 as 34.5%)")
    ds, cells = _stored(pack)
    assert [(cells[c].value, cells[c].unit, cells[c].display) for c in ("C2", "C3", "C4")] == [
        (34.5, "percent", "0.345"), (95.1, "percent", "0.951"), (50.0, "percent", "0.5")]
    assert [cells[c].value for c in ("B2", "B3", "B4")] == [200, 310, 250]   # the counts beside them as they were
    assert ds.report["verdict"] == "read with assumptions" and ds.report["doubts"] == []


def test_without_the_word_the_import_stops_and_names_the_option(tmp_path, capsys):
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(_write(tmp_path / "attendance.csv"))]) == 1
    err = capsys.readouterr().err
    assert "may be fractions (0.345 for 34.5%)" in err and "import it with --fractions" in err
    assert not pack.exists()


def test_a_scorecards_rows_of_fractions_are_read_as_percentages_and_its_counts_as_written(tmp_path):
    rows = [["Measure", "2022/23", "2023/24"], ["Pupils on roll", 32000, 32500], ["Attendance %", 0.94, 0.951],
            ["Persistent absence %", 0.225, 0.2]]   # under a quarter, less than a half on average: not doubted
    book = write_xlsx(tmp_path / "scorecard.xlsx", {"S": rows})
    table, = read_file(book, corrections=Corrections(fractions=True)).tables
    cells = {o.cell: o.value for o in table.observations}
    assert (cells["B3"], cells["C3"]) == (94.0, 95.1)
    assert (cells["B2"], cells["C2"], cells["B4"], cells["C4"]) == (32000, 32500, 0.225, 0.2)
    assert table.report.verdict != "unsure" and not table.report.doubts
    assert table.layout.fractions == ("Attendance %",) and table.report.fractions_doubted == {"Attendance %": 0.94}
    as_read, = read_file(book).tables   # and without the word, as before
    assert as_read.report.verdict == "unsure" and {o.cell: o.value for o in as_read.observations}["B3"] == 0.94


def test_a_long_column_read_in_blocks_is_read_as_percentages(tmp_path):
    rows = [["School", "Pupils", "Attendance %"]]
    rows += [[f"School {i}", 200 + i, round(0.9 + (i % 9) / 100, 3)] for i in range(3000)]
    table, = read_file(write_xlsx(tmp_path / "long.xlsx", {"S": rows}), corrections=Corrections(fractions=True)).tables
    assert any(not isinstance(part, list) for part in table.parts)   # (read in blocks, the path a long table takes)
    cells = {o.cell: o for o in table.observations}
    assert [cells[f"C{r}"].value for r in range(2, 11)] == [90.0, 91.0, 92.0, 93.0, 94.0, 95.0, 96.0, 97.0, 98.0]
    assert (cells["C3"].display, cells["B3"].value, cells["B3001"].value) == ("0.91", 201, 3199)
    assert table.report.verdict != "unsure"


def test_rows_with_units_of_their_own_are_read_as_fractions_alike_in_blocks_and_cell_by_cell():
    """A block whose percentage rows are told apart by their labels (``Attendance %`` among counts in one
    column): only those rows are multiplied, each shown as written, as when read cell by cell."""
    rows = 40
    labels = Coded.of([f"Pupils {i}" if i % 2 == 0 else "Attendance %" for i in range(rows)])
    values = np.array([300.0 + i if i % 2 == 0 else 0.9 + i / 1000 for i in range(rows)])
    column = BlockColumn(1, "B", "2023/24", None, "other", "2023/24", values,
                         row_units=Coded.of([None if i % 2 == 0 else PERCENT for i in range(rows)]))
    block = FigureBlock("S", np.arange(rows, dtype=np.int32), np.arange(1, rows + 1, dtype=np.int32), labels,
                        Coded.same(None, rows), Coded.same("data", rows), [column])
    cells = list(block.observations())
    seen = PercentFractions()
    seen.add(block)
    assert seen.doubted() == ["Attendance %"]
    read_as_fractions(block, {"Attendance %"})
    read_as_fractions(cells, {"Attendance %"})
    got = [(o.value, o.unit, o.display) for o in block.observations()]
    assert got == [(o.value, o.unit, o.display) for o in cells]
    assert got[:4] == [(300.0, None, "300"), (90.1, PERCENT, "0.901"), (302.0, None, "302"), (90.3, PERCENT, "0.903")]


def test_the_word_where_nothing_is_doubted_is_refused_in_one_line(tmp_path, capsys):
    plain = _write(tmp_path / "rates.csv", "School,Pupils,Attendance %\nAshcombe,200,34.5\nBrent Knoll,310,95.1\n")
    pack = tmp_path / "p.mpack"
    for dry in ([], ["--dry-run"]):
        assert main(["import", str(pack), str(plain), "--fractions", *dry]) == 1
        err = capsys.readouterr().err.strip()
        assert err == ("memberpack: --fractions: no table in rates.csv has percentages that may be fractions (all "
                       "between 0 and 1, none shown with a %), so it would change nothing; nothing was imported: "
                       "import it without --fractions")
        assert not pack.exists()


def test_the_pack_says_who_said_so_in_the_sources_note_the_pdf_and_the_next_import(tmp_path, capsys):
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(_write(tmp_path / "attendance M1.csv")), "--fractions"]) == 0
    ds, _ = _stored(pack)
    assert ds.layout["fractions"] == ["Attendance %"] and SAID.search(f"as the officer said {ds.layout['fractions_said']}")
    assert SAID.search(source_line(ds)) and "'Attendance %' written as fractions, read as percentages" in source_line(ds)
    assert main(["export", str(pack), "-o", str(tmp_path / "b.pdf")]) == 0
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(tmp_path / "b.pdf").pages)
    assert "'Attendance %' written as fractions, read as percentages as the officer said with --fractions on" in text
    capsys.readouterr()
    # next month's return, of the same shape: read as the officer said, and the report says when that was
    later = _write(tmp_path / "attendance M2.csv", ATTENDANCE.replace("0.345", "0.362").replace("0.5\n", "0.875\n"))
    assert main(["import", str(pack), str(later)]) == 0
    said, = (line for line in capsys.readouterr().out.splitlines() if "are fractions" in line)
    assert re.search(r"as the officer said for an earlier import of this shape, with --fractions on \d\d/\d\d/\d{4}",
                     said)
    ds, cells = _stored(pack)
    assert (cells["C2"].value, cells["C4"].value, cells["B2"].value) == (36.2, 87.5, 200)
    assert ds.layout["fractions"] == ["Attendance %"] and ds.layout["fractions_recalled"] is True
    assert "for an earlier import of this shape" in source_line(ds)


def test_a_fraction_read_as_a_percentage_prints_as_the_percentage(tmp_path, capsys):
    """The table, its notes and the PDF printed the figure as written with a % after it: '0.345%' for
    34.5%, the very misreading the officer had put right (and '0.716%' for a share told by its row)."""
    pack = tmp_path / "p.mpack"
    shares = _write(tmp_path / "sport.csv", "Area,None (%),Some (%),Lots (%)\nAxbridge,0.716,0.069,0.215\n"
                                            "Banwell,0.5,0.25,0.25\nCheddar,0.6,0.3,0.1\n")
    assert main(["import", str(pack), str(_write(tmp_path / "attendance.csv")), "--fractions"]) == 0
    assert main(["import", str(pack), str(shares)]) == 0
    with Pack.open(pack) as opened:
        attendance, sport = opened.datasets()
        printed = {o.cell: figure_text(o) for o in opened.observations(attendance.id)}
        shared = {o.cell: figure_text(o) for o in opened.observations(sport.id)}
        noted = [annotated(o.value, o.unit, o.display) for o in opened.observations(attendance.id) if o.cell == "C2"]
    assert [printed[c] for c in ("C2", "C3", "C4", "B2")] == ["34.5%", "95.1%", "50%", "200"]
    assert noted == ["34.5%"] and [shared[c] for c in ("B2", "C2", "B3")] == ["71.6%", "6.9%", "50%"]
    scorecard = read_file(write_xlsx(tmp_path / "s.xlsx", {"S": [["Measure", "2022/23", "2023/24"],
                                                                 ["Attendance %", 0.94, 0.951]]}),
                          corrections=Corrections(fractions=True)).tables[0]
    assert [figure_text(o) for o in scorecard.observations] == ["94%", "95.1%"]   # a row's label naming its unit
    long = Observation("England", "% Total <= 4 hours", 76.801918, "percent", "0.768019183")
    assert figure_text(long) == "76.801918%"   # the decimals a pack keeps, none made up ('76.8019180%')
    assert main(["export", str(pack), "-o", str(tmp_path / "b.pdf")]) == 0
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(tmp_path / "b.pdf").pages)
    assert "0.345%" not in text and "0.716%" not in text and "Ashcombe 200 34.5%" in text, text
