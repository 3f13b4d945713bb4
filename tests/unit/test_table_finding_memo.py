"""Finding tables remembers where each row below a lone text starts (a list of names looked at
forty rows at a time) and which columns may be keys: the same tables as looking again each time."""

import pytest

from awkward_workbooks import write_xlsx
from memberpack.importers import keys, tables
from memberpack.importers.engine import iter_tables
from memberpack.importers.keys import _NEW_CODE, _OLD_CODE, _as_text, is_code


def _sheet() -> list[list]:
    rows = [[f"Council {i}"] for i in range(60)]                       # a drop-down's list of names
    rows += [[], ["Table 1: Spending"], [None, "£ thousand"],
             ["Authority", "Code", "2022-23", "2023-24", "Change %"]]
    rows += [[f"Area {i}", 100 + i, 1000.5 * i, 1200 * i, 0.1 * i] for i in range(12)]
    rows += [[], ["Notes"], ["Figures are provisional"], [None, None, "2024/25"],   # a lone header over figures
             ["Service", None, 5, 6], ["Roads", None, 7, 8], ["Parks", None, 9, 10]]
    rows += [["Region"], [None, "Total", 11, 12], [None, "Other", 13, 14], ["Next"], [None, "Total", 1, 2]]
    return rows


def _read(path) -> list:
    """Each table's layout, observations and report, read in this process."""
    found = []
    for table in iter_tables(path, notes=[]):
        found.append((repr(table.layout), [repr(o) for o in table.observations],
                      table.report.doubts, table.report.assumptions, table.report.cell_range))
    return found


def test_remembered_starts_find_the_tables_looking_again_finds(tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "book.xlsx", {"Data": _sheet()}, merges={"Data": ["A87:A88", "A90:A91"]},
                      formats={"Data": {f"E{r}": "0.0%" for r in range(65, 77)}})
    remembered = _read(path)
    assert remembered and any("Area 3" in obs for _, found, *_ in remembered for obs in found)
    looked_again, remembered_starts = tables._over_figures, []

    def each_time(row, stream, starts, *alone):
        remembered_starts.append(len(starts))
        return looked_again(row, stream, {}, *alone)
    monkeypatch.setattr(tables, "_over_figures", each_time)
    assert _read(path) == remembered
    assert len(remembered_starts) > 60   # the list of names, each row a lone text


@pytest.mark.parametrize("value", [99, 100, 999, 1000, -100, 0, 99.0, 100.0, 999.0, 999.5, 1e20, -999.0, 2 ** 70,
                                   float("inf"), float("nan"), -0.0, True, False, "933", " 933 ", "E10000027", "12a"])
def test_a_number_is_a_code_as_its_text_would_be(value):
    text = _as_text(value)
    written = not (type(value) is float and not value.is_integer()) and bool(
        _OLD_CODE.fullmatch(text) or _NEW_CODE.fullmatch(text))
    assert is_code(value) == written


def test_distinct_names_are_counted_only_for_columns_that_may_be_keys(monkeypatch):
    counted = []
    as_text = keys._as_text
    monkeypatch.setattr(keys, "_as_text", lambda value: counted.append(value) or as_text(value))
    headers = ["LA code", "Authority", *(f"Line {i}" for i in range(30))]
    columns = {0: [f"E0600000{i}" for i in range(5)], 1: [f"Area {i}" for i in range(5)],
               **{c: [1000.0 * c + i for i in range(5)] for c in range(2, 32)}}
    label, found, context = keys.find_keys(headers, columns, 1)
    assert label == 1 and [k.index for k in found] == [0] and context == {}
    # the thirty columns of figures (150) are not read for their texts; the count of texts asked, with the
    # module's caches cold or warm, is no test
    assert sum(type(value) is float for value in counted) < 30


def test_a_long_list_is_passed_in_one_step_finding_the_same_tables(tmp_path, monkeypatch):
    """Rows just like one that started no table (a register of words, a column of figures with no
    labels) are passed while the forty rows under each are alike too, rather than each tried again:
    the same tables, the rows at the lists' ends still tried one by one."""
    rows = [[f"REF {i} A", f"Applicant {i} B", f"High Street {i}", f"Extension {i} C"] for i in range(300)]
    rows += [[], ["Service", "Budget £k", "Spend £k"], *([f"Line {i}", i, 2 * i] for i in range(20)), []]
    rows += [[round(1.5 * i, 1)] for i in range(300)]
    rows += [[], ["Ward", "Electors", "Turnout"], *([f"Ward {i}", 100 * i, 50 * i] for i in range(10))]
    rows += [[], *([round(0.5 * i, 1)] for i in range(100))]
    path = write_xlsx(tmp_path / "lists.xlsx", {"Data": rows})
    tried = []
    detect = tables.detect_layout
    monkeypatch.setattr(tables, "detect_layout", lambda *args: tried.append(args[2][0][0]) or detect(*args))
    passed = _read(path)
    assert [found[4] for found in passed] == ["A302:C322", "A625:C635"]
    assert len(tried) < 30
    monkeypatch.setattr(tables, "_past_alike", lambda stream, row: None)
    tried.clear()
    again = _read(path)   # each row tried: the same tables, and the register's last rows as one of their own
    assert again[1:] == passed and again[0][4] == "A282:D300"
    assert len(tried) > 280


@pytest.mark.parametrize("rows", [3, 10, 60])
def test_a_list_of_words_is_no_table_down_to_its_last_rows(tmp_path, rows):
    """A register of words (no figure anywhere) ending at the sheet's end or a blank row gives no
    table, not one of its last two rows headed by the row above them."""
    register = [["Reference", "Applicant", "Address", "Decision"]]
    register += [[f"Reference {i} 3477", f"Applicant {i} 1619", f"Address {i} 42", f"Decision {i} 51"] for i in range(rows)]
    figures = [["Service", "Budget £k"], ["Roads", 5], ["Parks", 7], ["Libraries", 9]]
    path = write_xlsx(tmp_path / "register.xlsx", {"Register": register, "Ended": register + [[]],
                                                   "Figures": figures})
    found = []
    for table in iter_tables(path, notes=[]):
        found += [(o.sheet, o.label, o.measure, o.value) for o in table.observations]
    assert found == [("Figures", "Roads", "Budget £k", 5000.0), ("Figures", "Parks", "Budget £k", 7000.0),
                     ("Figures", "Libraries", "Budget £k", 9000.0)]
