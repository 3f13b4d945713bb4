"""A reader told the file early parses it while it loads, and reads exactly what it would have read
without the word: the same sheets, rows and errors, and never another file's."""

import pytest
from awkward_workbooks import write_xlsx

from memberpack.cli import main
from memberpack.errors import ImportFailed
from memberpack.importers import reader
from memberpack.importers.reader import prefetch, read_sheets
from memberpack.store.pack import Pack


def _read(path, sheet=None):
    return [(s.name, list(s.rows), s.notes[:]) for s in read_sheets(path, sheet)]


@pytest.fixture
def three_sheets(tmp_path):
    return write_xlsx(tmp_path / "returns.xlsx", {
        "Summary": [["Service", "Budget £k"], ["Fostering", 1250.5]],
        "Lookups": [["Code", "Name"], ["E1", "x"]],
        "Detail": [["Line", "Spend £k"]] + [[f"Line {i}", i * 1.5] for i in range(40)],
    }, hidden=("Lookups",))


def test_a_prefetched_workbook_reads_as_one_read_without_the_word(three_sheets):
    plain = _read(three_sheets)
    prefetch(three_sheets)
    assert _read(three_sheets) == plain
    assert [name for name, _, _ in plain] == ["Summary", "Detail"]
    assert plain[1][1][-1] == (40, ["Line 39", 58.5])


def test_the_word_about_one_sheet_does_not_serve_a_read_of_all(three_sheets):
    prefetch(three_sheets, "Lookups")
    assert [name for name, _, _ in _read(three_sheets)] == ["Summary", "Detail"]
    prefetch(three_sheets, "Lookups")
    assert [name for name, _, _ in _read(three_sheets, "Lookups")] == ["Lookups"]


def test_the_word_about_another_file_is_not_used(three_sheets, tmp_path):
    other = write_xlsx(tmp_path / "other.xlsx", {"Only": [["Indicator", "Q1"], ["Children looked after", 227]]})
    prefetch(other)
    assert [(name, rows) for name, rows, _ in _read(three_sheets)][0][0] == "Summary"
    assert reader._prefetch is None
    assert _read(other)[0][1] == [(0, ["Indicator", "Q1"]), (1, ["Children looked after", 227])]


def test_a_prefetched_file_that_cannot_be_read_fails_with_the_same_line(tmp_path):
    bad = tmp_path / "budget.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip archive")
    with pytest.raises(ImportFailed) as plain:
        _read(bad)
    prefetch(bad)
    with pytest.raises(ImportFailed) as early:
        _read(bad)
    assert str(early.value) == str(plain.value)


def test_sheets_parsed_ahead_read_as_sheets_parsed_in_turn(three_sheets, monkeypatch):
    ahead = _read(three_sheets)
    monkeypatch.setattr(reader, "PARSE_AHEAD_CELLS", 0)
    assert _read(three_sheets) == ahead


def test_the_import_command_reads_the_file_it_told_the_reader_of(tmp_path):
    first = write_xlsx(tmp_path / "first.xlsx", {"Q1": [["Indicator", "Q1 2024/25"], ["Children looked after", 227]],
                                                "Q2": [["Indicator", "Q2 2024/25"], ["Children looked after", 231]]})
    second = write_xlsx(tmp_path / "second.xlsx", {"Only": [["Service", "Budget £k"], ["Fostering", 1250.5]]})
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(first), str(second), "--sheet", "Q2"]) == 1   # second has no Q2
    assert not pack.exists()
    assert main(["import", str(pack), str(first), "--sheet", "Q2"]) == 0
    assert main(["import", str(pack), str(second)]) == 0
    with Pack.open(pack) as opened:
        figures = sorted((o.label, o.value) for d in opened.datasets() for o in opened.iter_observations(d.id))
    assert figures == [("Children looked after", 231.0), ("Fostering", 1_250_500.0)]


def test_each_of_several_files_is_read_by_the_reader_told_of_it(tmp_path):
    files = [write_xlsx(tmp_path / f"month_{m}.xlsx", {"Return": [["Indicator", f"M{m} 2024/25"],
                                                                  ["Children looked after", 200 + m]]})
             for m in (4, 5, 6)]
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), *map(str, files)]) == 0
    with Pack.open(pack) as opened:
        figures = sorted((d.source_file, o.value) for d in opened.datasets(all_versions=True)
                         for o in opened.iter_observations(d.id))
    assert figures == [("month_4.xlsx", 204.0), ("month_5.xlsx", 205.0), ("month_6.xlsx", 206.0)]
