"""Tables with no figure column (a case list's dates) and a CSV's rows keyed by a reference read in
blocks, exactly as cell by cell."""

import random
from datetime import date, datetime, timedelta

import pytest
from openpyxl import Workbook
from test_plain_rows import _fields, _read_both_ways, _write_csv, cell_by_cell  # noqa: F401  (a fixture)

from memberpack.importers import import_files, read_file
from memberpack.model.blocks import FigureBlock
from memberpack.store.pack import Pack


def _case_list(path, rows=2_300, *, with_figures=False):
    """Cases, each with the date and time it was referred, assessed, given a plan and closed, and
    the team's name: below the first 400 rows (where every cell of a column has the same number
    format, as then they are read as the rows below them), an open case's closure blank, a day
    written as a date alone now and then, and labels naming the catalogue."""
    rnd = random.Random(4)
    wb = Workbook()
    ws = wb.active
    ws.title = "Cases"
    ws.append(["Case", "Team", "Referred", "Assessed", "Plan agreed", "Closed"] + (["Cost £"] if with_figures else []))
    first = datetime(2019, 4, 1, 9)
    for r in range(rows):
        referred = first + timedelta(minutes=rnd.randint(0, 2_600_000))
        dates = [referred + timedelta(minutes=rnd.randint(1, 130_000) * (i + 1)) for i in range(4)]
        if r >= 450 and r % 5 == 2:
            dates[3] = None                      # still open
        if r >= 450 and r % 11 == 0:
            dates[1] = dates[1].date()           # a date with no time
        label = f"Fostering case {r}" if r % 400 == 7 and r > 400 else f"Case {r:05d}"
        ws.append([label, rnd.choice(["North", "South", "East"])] + dates
                  + ([round(rnd.uniform(0, 9_000), 2)] if with_figures else []))
    wb.save(path)
    return path


@pytest.mark.parametrize("with_figures", [False, True])
def test_a_case_lists_dates_are_read_in_blocks_the_same_either_way(tmp_path, cell_by_cell, with_figures):
    """A table whose every measure cell is a date, a word or a blank (no figure column), or with
    its dates among figures, is read in blocks: each date a text shown as its day, the same
    observations, report and metrics as cell by cell, and stored so."""
    path = _case_list(tmp_path / "cases.xlsx", with_figures=with_figures)
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [path])
        stored = _fields(pack.observations(pack.datasets()[0].id))
    parts, fast = _read_both_ways(path, cell_by_cell)
    assert stored == _fields(fast.observations)
    blocks = [p for p in parts if isinstance(p, FigureBlock)]
    assert sum(map(len, blocks)) >= 2_000 and len(blocks) <= 20
    if not with_figures:
        assert all(not c.raw for b in blocks for c in b.columns)
    by_cell = {o.cell: o for o in fast.observations}
    referred = by_cell["C2"]
    assert referred.value is None and referred.status == "text" and len(referred.display) == 10
    assert by_cell["F454"].status == "blank" and by_cell["F454"].display == ""   # (case 452 is open)


def test_rows_of_dates_read_alone_are_blocks_the_same_either_way(tmp_path, cell_by_cell):
    """Rows of dates with no figure read one by one (beside a label with a footnote marker, which
    is read cell by cell) are plain rows too: every other row in a block, the same observations as
    cell by cell."""
    wb = Workbook()
    ws = wb.active
    ws.append(["Case", "Referred", "Assessed", "Closed"])
    for r in range(460):
        day = datetime(2023, 1, 1) + timedelta(days=r % 300, hours=r % 24)
        ws.append([f"Case {r} (3)" if r == 430 else f"Case {r}", day, day + timedelta(days=3),
                   None if r >= 420 and r % 3 else day + timedelta(days=40)])
    wb.save(tmp_path / "short.xlsx")
    parts, fast = _read_both_ways(tmp_path / "short.xlsx", cell_by_cell)
    assert sum(len(p) for p in parts if isinstance(p, FigureBlock)) == 459
    assert [o.label for o in fast.observations if o.cell == "B432"] == ["Case 430"]


def _referenced_lines(path, rows=1_500, *, two_keys=False):
    """A CSV of lines keyed by a reference (``REF00012``; ``NA`` now and then, a few written with
    digits first or spaced oddly, a stretch left blank) and a cost centre, with a note of several
    lines among figures."""
    rnd = random.Random(9)
    header = ["Reference"] + (["Cost centre"] if two_keys else []) + ["Service", "Budget", "Spend", "Note", "Variance"]
    body = []
    for r in range(rows):
        reference = ("NA" if r % 97 == 5 else f"2023/{r:04d}" if r % 89 == 3 else f"REF  {r:05d} " if r % 83 == 4
                     else "" if 700 <= r < 705 else f"REF{r:05d}")
        note = rnd.choice([f"Checked by {rnd.choice(['AB', 'CD'])}, {rnd.randint(1, 28)} May\nsee file {r}, page 2",
                           "x", "Red", "(see below)", "", "Approx. 40 more\nto follow"])
        body.append([reference] + (["NA" if r % 50 == 1 else f"CC{r % 60:03d}"] if two_keys else [])
                    + [f"Service {r % 40}", f"{rnd.uniform(0, 1e5):.2f}", f"{rnd.uniform(0, 1e5):.2f}", note,
                       f"{rnd.uniform(-1e3, 1e3):.2f}"])
    _write_csv(path, [header] + body)
    return path


@pytest.mark.parametrize("two_keys", [False, True])
def test_a_csvs_lines_keyed_by_a_reference_read_the_same_either_way(tmp_path, cell_by_cell, monkeypatch, two_keys):
    """Rows keyed by a reference, each its own, have their sections read a column at a time, not
    row by row (a mark such as ``NA`` no section, a blank reference none: each row has its own), and their notes
    are not each parsed for a figure: the same observations, report and metrics as cell by cell."""
    from memberpack.importers import engine, table_reader

    path = _referenced_lines(tmp_path / "lines.csv", two_keys=two_keys)
    parsed = []
    read_value = table_reader.read_value
    monkeypatch.setattr(engine, "READ_IN_CHILD", False)
    monkeypatch.setattr(table_reader, "read_value", lambda value, *rest: parsed.append(value) or read_value(value, *rest))
    read_file(path)
    assert not [value for value in parsed if str(value).startswith("Checked by")]
    asked = []
    alike = table_reader.alike_keys
    monkeypatch.setattr(table_reader, "alike_keys", lambda *args: asked.append(1) or alike(*args))
    parts, fast = _read_both_ways(path, cell_by_cell)
    assert fast.layout.key_columns == (("A", "B") if two_keys else ("A",))
    assert sum(len(p) for p in parts if isinstance(p, FigureBlock)) >= 1_400
    assert len(asked) < 100
    sections = {int(o.cell[1:]) - 2: o.section for o in fast.observations if o.measure == "Budget"}
    first = {r: (section or "").split(" / ")[0] for r, section in sections.items()}
    assert (first[1], first[3], first[4], first[87]) == ("REF00001", "2023/0003", "REF 00004", "REF 00087")
    assert first[5] == ("CC005" if two_keys else "")              # NA: no reference
    if two_keys:
        assert (sections[51], sections[52]) == ("REF00051", "REF00052 / CC052")
    assert not any("REF" in (sections[r] or "") for r in range(700, 705))   # blank: none (it had been REF00699, above)


def test_a_section_keys_texts_read_a_column_at_a_time_are_what_each_row_reads():
    """:func:`section_texts` gives each cell what :func:`row_keys` makes of it row by row: marks
    (asked only of texts that may be one) no section, blanks the text above, others as written."""
    from memberpack.importers.keys import SECTION, KeyColumn, row_keys, section_texts

    cells = ["", "REF1", "NA", "", "n/a", "x", "Z", "c. 40", "approx 12", "Circa 5", "12", "-", "..", "#N/A", "#n/a",
             "Red", "", "\u212a", "  spaced   out ", "1,234", "(5)", "£5", "[c]", "2023/0001", "", "Not  targeted", "x1"]
    key = [KeyColumn(0, "Reference", SECTION)]

    def each(cells):
        carried, out = {0: "above"}, []
        for cell in cells:
            keys = row_keys([cell], key, "Line", None, carried)
            out.append(keys.sections[0] if keys.sections else "")
        return out

    expected = each(cells)
    assert section_texts(cells, "above", False, ["Line"] * len(cells))[0] == expected
    for lettered in (["REF1", "Zone 4", "K-12"], ["REF1", "NA", "Zone 4"], ["REF1", "Red"], ["REF1", "x"], ["Ref 1", "Total"]):
        assert section_texts(lettered, "above", False, ["Line"] * len(lettered))[0] == each(lettered)   # (each starting with a letter)
    assert expected[:5] == ["above", "REF1", "", "", ""] and expected[18] == "spaced out"
    assert expected[23:25] == ["2023/0001", "2023/0001"] and expected[15:18] == ["", "", ""]   # Red, then K (Kelvin): marks


def test_texts_told_plainly_words_are_what_a_text_cell_reads():
    """Texts :func:`not_plainly_words` leaves out are words as a text cell reads them (a note of
    several lines, a long name): never a figure, a mark or a status, however they are spaced."""
    from memberpack.importers.table_reader import read_value
    from memberpack.model.units import find_unit
    from memberpack.model.values import CellValue, not_plainly_words

    rnd = random.Random(2)
    pieces = ["Checked by AB", ",", " ", "\n", "12", "May", "-", "+", "(", ")", "£", ".", "c.", "Circa", "approx",
              "around", "not", "targeted", "n/a", "x", "%", "\u00a0", "\u212a", "#N/A", "1,234", "Red", "on going"]
    texts = ["not        targeted", "   #DIV/0!        ", "Approximately 40 more", "c. 1,200 families here",
             "  -12 and then words", "Checked by AB, 12 May\nsee file 3", "\u00a0\u00a0 (see the note below)",
             "£ a pound sign first", ".5 of a thing, no more", "+1,234 families helped"]
    texts += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 9))) for _ in range(3_000)]
    others = not_plainly_words(texts)
    told = [t for t in texts if t not in others]
    assert len(told) > 500 and "Checked by AB, 12 May\nsee file 3" in told
    assert others[:5] == texts[:5] and texts[5] not in others
    for text in told:
        assert read_value(text, None, None) == read_value(text, find_unit("£k"), None) == CellValue(None, None, text, "text")
