"""What finding and reading hundreds of small tables works out once rather than per table or per
cell (a cell's class, a column cell's traits, a text's period, whether a window's figures fit a block, a batch
ended before its total row): the same answers as working each out again."""

import math
import random
import types
from datetime import date, datetime

import numpy as np
import pytest

from awkward_workbooks import write_xlsx
from memberpack.importers import engine, headers, keys, layout, table_reader
from memberpack.importers.engine import read_file
from memberpack.importers.stream import Peekable
from memberpack.importers.table_reader import TableReader
from memberpack.model import periods, units
from memberpack.model.values import BLANK, TEXT, parse_text

AT_VALUES = [None, "", "  ", 0, 1, -5, 100, 933, 999, 1000, 1990, 2019, 2040, 2041, 199000, 201920, 204099, 204100,
             0.0, -0.0, 1.5, 100.0, 999.0, 999.5, 2019.0, 2019.5, 199000.5, 1e20, -1e20, float("inf"), float("-inf"),
             float("nan"), 2 ** 70, True, False, date(2019, 3, 31), datetime(2020, 1, 1, 12), "933", " 933 ", "E10000027",
             "e10000027", "W06000001", "NE", "YH", "E", "ENGLAND", "England", "North East", "2019-20", "2019/20", "201920",
             "2019", " 2019 ", "2019 Q3", "31/03/2019", "2019-03-31", "1 Mar 2019", "..", "[c]", "x", "z", "n/a", "-",
             "1,234", "(479)", "12.5%", "£1,234.56", "c. 40", "Service 3", "Total", "Table 1: spending by service",
             "Measure 12", "red", "Amber", "tbc", "12a", "nan", "inf", "1e5", "N1234567", "S12345678", "ABCDE"]


def test_a_cells_class_is_what_working_it_out_gives():
    """A figure told by its type, a text by its class worked out once: each value's class as
    worked out afresh, the first time and when met again."""
    layout._CLASSES.clear()
    for _ in range(2):
        assert [layout.cell_class(v) for v in AT_VALUES] == [layout._class(v) for v in AT_VALUES]


def test_a_blank_row_is_told_as_asking_each_cell_tells():
    """A row of empty cells told at once; any other row as asking each of its cells tells."""
    rnd = random.Random(8)
    cells = [None, None, "", "  ", "\n", 0, "x", 0.0, False]
    for _ in range(2_000):
        row = [rnd.choice(cells) for _ in range(rnd.randint(0, 6))]
        assert layout.blank_row(row) == all(layout.blank(v) for v in row), row


def test_a_cells_text_is_what_it_was():
    """A text cell's words single spaced, told first; other values as before."""
    texts = [" ".join(str(v).split()) if v is not None else "" for v in AT_VALUES if type(v) is str]
    assert [layout.cell_text(v) for v in AT_VALUES if type(v) is str] == texts
    assert layout.cell_text(2019.0) == "2019" and layout.cell_text(date(2023, 9, 1)) == "Sep 2023"
    assert layout.cell_text(None) == "" and layout.cell_text("  Net \n spend ") == "Net spend"


def _column_kind_each_time(header, values):
    """:func:`keys.column_kind` as it was: each test asked of every cell."""
    filled = keys._filled(values)
    if not filled:
        return BLANK
    share = lambda test: sum(map(test, filled)) / len(filled)  # noqa: E731
    codes = share(keys.is_code)
    spaced = keys._spaced(header)
    if (codes >= 0.5 and (keys._CODE_HEADER.search(header) or keys._CODE_HEADER.search(spaced))
            and share(keys._code_or_abbreviation) >= 0.9) or (
            codes >= 0.75 and share(lambda v: bool(keys._NEW_CODE.fullmatch(keys._as_text(v)))) >= 0.75):
        return keys.AREA
    if share(keys.is_period_value) >= 0.9 and (keys._PERIOD_HEADER.search(spaced)
                                               or len(set(map(keys._as_text, filled))) < len(filled)
                                               or 2 <= len(filled) <= len(values) // 3):
        return keys.PERIOD
    texts = sum(1 for v in filled if isinstance(v, str) and parse_text(v).status == TEXT)
    return TEXT if texts * 2 >= len(filled) else "number"


def test_a_columns_kind_is_what_asking_each_cell_gives():
    """Columns of codes, years, names, marks and figures mixed in every proportion, under headers
    that name codes, periods or nothing: the kind found from each cell's traits (a number's by its
    value, a text's remembered) is the kind asking each test of every cell gives."""
    rnd = random.Random(18)
    groups = [[v for v in AT_VALUES if type(v) in (int, float)], [v for v in AT_VALUES if isinstance(v, str)], AT_VALUES,
              [100, 250, 933, 999, 101.0], [2019, 2020, 2021, 2019.0], ["E09000001", "E09000002", "933", "NE"],
              ["2019-20", "2020-21", "2019-20"]]
    headers = ["", "LA code", "Year", "Authority", "Time period", "new_la_code", "Value", "2022-23"]
    keys._TRAITS.clear()
    for _ in range(3_000):
        group = rnd.choice(groups)
        values = [rnd.choice(group) if rnd.random() < 0.9 else rnd.choice(AT_VALUES) for _ in range(rnd.randint(0, 40))]
        header = rnd.choice(headers)
        assert keys.column_kind(header, values) == _column_kind_each_time(header, values), (header, values)


def _bands_each_time(filled):
    """:func:`keys._bands` as it was: every cell's text searched."""
    texts = [keys._as_text(v) for v in filled]
    bands = [t for t in texts if keys._BAND_TEXT.search(t)]
    numbers = [t for t in texts if not keys._BAND_TEXT.search(t)]
    return len(numbers) >= 3 and bool(bands) and all(t.isdigit() and len(t) <= 3 for t in numbers)


def test_a_column_of_figures_names_no_bands_as_its_texts_would_tell():
    """Figures alone (whole, with decimals, huge, infinite) are no bands, as their texts tell; with
    a band or a total among them, the texts are read as before."""
    rnd = random.Random(5)
    figures = [v for v in AT_VALUES if type(v) in (int, float)]
    for _ in range(500):
        filled = [rnd.choice(figures) for _ in range(rnd.randint(0, 12))]
        assert keys._bands(filled) == _bands_each_time(filled) is False
        mixed = filled + [rnd.choice(["46 or more", "Total", "under 5", "12"])]
        assert keys._bands(mixed) == _bands_each_time(mixed)


def _line_codes_each_time(values, header=""):
    """:func:`keys._line_codes` as it was: every cell's text matched."""
    filled = [str(v).strip() for v in keys._filled(values)]
    coded = [v for v in filled if keys.LINE_CODE.fullmatch(v)]
    numbered = sum(any(ch.isdigit() for ch in v) for v in coded)
    enough = len(filled) >= (1 if keys._LINE_CODE_HEADER.fullmatch(header.strip()) else 3)
    return enough and len(coded) * 5 >= len(filled) * 4 and numbered * 2 > len(coded)


def _period_row_each_time(row, cols):
    """:func:`headers.is_period_row` as it was: every cell's class asked."""
    filled = headers._filled(row, cols)
    marked = headers.marked_years(row, cols)
    years = [marked.get(c, v) for c, v in filled if headers.is_year(v) or c in marked]
    others = [layout.cell_class(v) for c, v in filled if not headers.is_year(v) and c not in marked]
    numbers = list(map(headers.whole_number, years))
    groups = 1 + sum(b <= a for a, b in zip(numbers, numbers[1:]))
    in_order = len(numbers) >= 3 and numbers == sorted(numbers) and len(set(numbers)) >= len(numbers) - 1
    return len(years) >= 2 and (groups * 2 <= len(years) and len(set(numbers)) * groups == len(years) or in_order) \
        and all(k == TEXT for k in others)


def test_line_codes_and_period_rows_told_at_the_deciding_cell_are_what_every_cell_tells():
    """A column of line codes, and a header row of periods, told at the first cell that decides them,
    are what asking every cell tells: codes, names, years and figures mixed in every proportion."""
    rnd = random.Random(20)
    cells = ["A1", "B7", "OE3", "B:", "X", "Area 1", "Total", "2019", 2019, 2020, 2021, "20106", 1234.5, None, "", "..",
             "Q1", "Budget", 933, 2019.0]
    for _ in range(3_000):
        values = [rnd.choice(cells) for _ in range(rnd.randint(0, 12))]
        header = rnd.choice(["", "Ref", "Code", "Line"])
        assert keys._line_codes(values, header) == _line_codes_each_time(values, header), (values, header)
        cols = range(0, rnd.randint(1, 12))
        assert headers.is_period_row(values, cols, layout.cell_class) == _period_row_each_time(values, cols), values


def _values_below_each_time(row, data, span):
    """:func:`layout._values_below` as it was: every cell of the row looked for below."""
    filled = [c for c in span if c < len(row) and not layout.blank(row[c])]
    words = [layout.cell_text(row[c]) for c in filled]
    first = filled[0] if filled else None
    data = [r for r in data if first is not None and (layout.cell_text(r[first]) if first < len(r) else "") != words[0]
            or [layout.cell_text(r[c]) if c < len(r) else "" for c in filled] != words]
    alike = []
    for c in filled:
        value = row[c]
        if isinstance(value, (datetime, date)):
            below = [v for r in data if c < len(r) and not layout.blank(v := r[c])]
            if sum(isinstance(v, (datetime, date)) for v in below) * 2 > len(below):
                alike.append(c)
        elif isinstance(value, str) and any(c < len(r) and isinstance(v := r[c], str) and v.strip() == value.strip()
                                            for r in data):
            alike.append(c)
    return len(alike) >= 3 and len(alike) * 2 >= len(filled)


def test_a_header_row_like_the_rows_below_is_told_as_looking_at_every_cell_tells():
    """Whether a header row's cells are values of the rows below, told once too few cells are left to
    be (or the row has too few words and dates), is what looking for every cell below tells."""
    rnd = random.Random(21)
    cells = ["Good", "South West", "Area", "2022-23", date(2023, 4, 1), datetime(2024, 1, 1), 12, 3.5, None, " ", "x"]
    for _ in range(2_000):
        width = rnd.randint(1, 7)
        row = [rnd.choice(cells) for _ in range(width)]
        data = [[rnd.choice(cells) for _ in range(rnd.randint(width // 2, width))] for _ in range(rnd.randint(0, 10))]
        data += [list(row)] * rnd.randint(0, 1)   # the header repeated below
        span = range(0, width)
        assert bool(layout._values_below(row, data, span)) == _values_below_each_time(row, data, span), (row, data)


def test_a_headers_words_are_spaced_alike_each_time():
    """A header's words (``LineNumber``, ``line_number``), remembered, are those spacing it again gives."""
    for header in ["LineNumber", "line_number", "LA code", "new_la_code", "TimePeriod", "", "2022-23", "LineNumber"]:
        assert keys._spaced(header) == keys._spaced.__wrapped__(header)


def test_column_letters_indexes_and_stable_names_are_worked_out_alike_each_time():
    """A column's letters and index, and a name without its period words, remembered, are what
    working them out again gives."""
    from memberpack.importers.cells import column_index, column_letter
    from memberpack.importers.table_layout import strip_periods

    for _ in range(2):
        for index in [0, 25, 26, 701, 702, 18_277, 16_383]:
            assert column_letter(index) == column_letter.__wrapped__(index)
            assert column_index(column_letter(index)) == column_index.__wrapped__(column_letter(index)) == index
        for text in ["23/24 Budget Monitoring (Month 6)", "Table 1: spending by service, £ thousand", "2022-23", "Q3"]:
            assert strip_periods(text) == strip_periods.__wrapped__(text)
    assert column_index("aa") == column_index.__wrapped__("aa") == 26


def test_a_column_sampled_is_worded_as_counting_all_its_cells_tells():
    """Whether a column's cells sampled are words, told from its first figure where that is among
    the first five, is what counting every cell tells."""
    rnd = random.Random(6)
    reader = types.SimpleNamespace(layout=types.SimpleNamespace(data_start=2))
    cells = [None, "", "SD", "UA", "Area 3", 12, 4.5, "..", "x", "1,234"]
    for _ in range(2_000):
        header = {r: [rnd.choice(cells) for _ in range(rnd.randint(0, 3))] for r in range(rnd.randint(0, 14))}
        for c in range(3):
            sampled = [row[c] for r, row in header.items() if r >= 2 and c < len(row) and not layout.blank(row[c])]
            words = [layout.cell_class(v) == TEXT for v in sampled]
            expected = len(sampled) >= 5 and all(words[:5]) and sum(words) * 4 >= len(sampled) * 3
            assert TableReader._worded(reader, header, c) == expected, (header, c)


def test_a_texts_unit_is_read_alike_each_time():
    """A text's unit, remembered, is the one reading it again gives."""
    texts = ["Budget £m", "£ thousand", "Change %", "Level 3 (%)", "Score (1 = low)", "Per head £", "Area", "2022-23",
             "Number of children", "£000s", "Budget £m"]
    for text in texts:
        assert units.find_unit(text) == units._unit_in.__wrapped__(text), text
    assert units.find_unit("") is units.find_unit(None) is None


def test_a_texts_period_is_read_alike_each_time():
    """A text's period, remembered, is the one reading it again gives, for academic years and not."""
    texts = ["2019-20", "2019/20", "Q3 2019-20", "Month 6", "23/24 (Month 6)", "March 2019", "2018/19 - 22/23",
             "Year ending March 2019", "2010 to 2011 (Q1 to Q4)", "January to March 2011 (Q4)", "2019", "Service 3"]
    for academic in (False, True, False):
        for text in texts:
            assert periods.parse_period(text, academic=academic) == \
                periods._period_in.__wrapped__(" ".join(text.split()), academic), (text, academic)


def test_a_windows_rows_are_held_as_each_rows_figures_are():
    """Whether a block holds each plain row's figures, asked of a window's rows at once, is what
    asking of each row gives: infinite, missing and too large figures, and rows of other widths."""
    reader = types.SimpleNamespace(_bound=1e15)
    reader._holds = lambda figures: TableReader._holds(reader, figures)
    rnd = random.Random(3)
    odd = [math.inf, -math.inf, math.nan, 1e15, -1e15, 1e15 - 1, 0.0]
    for width in (0, 1, 3):
        for _ in range(200):
            rows = [[rnd.choice(odd) if rnd.random() < 0.1 else rnd.uniform(-1e6, 1e6) for _ in range(width)]
                    for _ in range(rnd.randint(1, 12))]
            each = [TableReader._holds(reader, np.asarray(row, dtype=np.float64)) for row in rows]
            assert TableReader._held(reader, rows) == each
    ragged = [[1.0, 2.0], [math.inf], [3.0, 1e16, 1.0]]
    assert TableReader._held(reader, ragged) == [True, False, False]
    assert TableReader._held(reader, []) == []


def test_a_few_rows_figures_are_read_as_numpy_reads_them():
    """A batch of a few rows (between gaps) read as float64 without numpy looking for bools first:
    the same array, or None, as numpy's reading gives: whole numbers near and past what a float64
    holds exactly, bools, texts, infinities."""
    from memberpack.importers.figure_arrays import any_bool, as_figures

    def by_numpy(values):
        figures = np.array(values)
        if figures.dtype.kind not in "fi" or any_bool(figures, values):
            return None
        return figures.astype(np.float64, copy=False)

    rnd = random.Random(11)
    cells = [0, 1, -1, 0.0, 1.0, 2.5, 2 ** 53 - 1, 2 ** 53, -(2 ** 53), 2 ** 62, math.inf, math.nan, True, False, "1", None]
    for _ in range(3_000):
        width = rnd.randint(1, 4)
        values = [[rnd.choice(cells) if rnd.random() < 0.2 else rnd.choice([rnd.randint(-999, 999), rnd.uniform(-1e6, 1e6)])
                   for _ in range(width)] for _ in range(rnd.randint(2, 16))]
        if not all(type(v) in (int, float) for v in values[0]):
            continue
        found, expected = as_figures(values), by_numpy(values)
        assert (found is None) == (expected is None), values
        if found is not None:
            assert found.dtype == np.float64 and np.array_equal(found, expected, equal_nan=True), values


def _stored_figures_twice(columns):
    """:func:`block_codec._stored_figures` as it was: the first rows tried, then the whole again."""
    from memberpack.store.block_codec import _MAX_DECIMALS, _TRIAL_ROWS, _counts

    figures = np.stack(columns).astype(np.float64, copy=False)
    stored = [None] * len(columns)
    open_ = ~(figures.view(np.int64) == np.int64(-1 << 63)).any(axis=1) & (figures.shape[1] > 0)
    for decimals in range(_MAX_DECIMALS + 1):
        at = np.flatnonzero(open_)
        if not len(at):
            break
        fits, exact, _ = _counts(figures[at, :_TRIAL_ROWS], decimals)
        open_[at[~fits]] = False
        if not exact.any():
            continue
        at = at[exact]
        fits, exact, scaled = _counts(figures if len(at) == len(figures) else figures[at], decimals)
        for i in np.flatnonzero(exact).tolist():
            stored[at[i]] = (decimals, scaled[i].astype(np.int32).tobytes())
        open_[at[exact | ~fits]] = False
    return [found or (None, figures[j].tobytes()) for j, found in enumerate(stored)]


def test_a_small_blocks_figures_are_stored_as_testing_them_twice_stores_them():
    """A block of no more rows than the trial takes is tested once, whole: its figures stored as
    the trial and then the whole column stored them (whole, tenths, thousandths, too large, -0.0,
    infinite); larger blocks as before."""
    from memberpack.store.block_codec import _stored_figures

    rnd = random.Random(21)
    odd = [-0.0, math.inf, math.nan, 3e9, 0.1 + 0.2, 1e-7]
    for _ in range(1_500):
        rows = rnd.choice([1, 2, 5, 31, 32, 33, 70])
        columns = []
        for _ in range(rnd.randint(1, 5)):
            decimals = rnd.randint(0, 6)
            column = np.round(np.array([rnd.uniform(-1e5, 1e5) for _ in range(rows)]), decimals)
            if rnd.random() < 0.3:
                column[rnd.randrange(rows)] = rnd.choice(odd)
            columns.append(column)
        assert _stored_figures(columns) == _stored_figures_twice(columns)


def _stacked(path, rnd):
    """Small tables one under another, each closed by rows a batch cannot hold: a total (first,
    in the middle or last), counts, sub totals adding up the rows above them, in £ thousand or not."""
    rows = []
    for t in range(18):   # (within the rows whose number formats are read: FORMAT_ROWS)
        money = t % 2 == 0
        rows.append([f"Table {t}: spending by service" + (", £ thousand" if money else "")])
        rows.append(["Service", "2022-23", "2023-24", "2024-25"])
        lines = [[f"Service {r}", *(rnd.randint(0, 999) for _ in range(3))] for r in range(rnd.randint(3, 13))]
        if t % 3 == 0:
            lines.insert(rnd.randint(0, len(lines)), ["Number of placements", 4, 5, 6])
        if t % 4 == 1:
            at = rnd.randint(2, len(lines))
            lines.insert(at, ["Children's services sub total", *(sum(line[c] for line in lines[:at]) for c in (1, 2, 3))])
        if t % 5 == 2:
            lines.insert(0, ["Total", 1, 2, 3])
        elif t % 5 != 4:
            lines.insert(rnd.randint(1, len(lines)), ["Total", 1, 2, 3])
        rows += lines
        rows.append([])
    return write_xlsx(path, {"Stacked": rows})


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_stacked_tables_with_totals_read_as_cell_by_cell(tmp_path, monkeypatch, seed):
    """The rows of a small table above its total row are read as one batch, which ends there, and
    the total alone (rather than each row alone once the batch over them all was not plain): every
    table, its figures, report and metrics are as reading every row cell by cell gives them."""
    path = _stacked(tmp_path / "stacked.xlsx", random.Random(seed))
    monkeypatch.setattr(engine, "READ_IN_CHILD", False)
    alone = []
    plain = TableReader._plain
    monkeypatch.setattr(TableReader, "_plain", lambda self, r, row: alone.append(row[0]) or plain(self, r, row))
    fast = read_file(path)
    assert alone and all(label in ("Total", "Number of placements") for label in alone)   # no service line alone
    _same_cell_by_cell(monkeypatch, path, fast, 18)


def _gapped(path):
    """One table broken by blank rows every few rows, after each something else: its header again
    (a ward's results), a row (double spacing), another blank row, a sub total; then a table of its
    own under a title, and one closed by a footnote."""
    rows = [["Ward", "2023", "2024"]]
    for t in range(60):
        rows += [[f"Ward {t} electors", 100 + t, 200 + t], [f"Ward {t} turnout", 30 + t, 40 + t], []]
        rows.append([["Ward", "2023", "2024"], [f"Ward {t} spoilt", 1, 2], [], ["Ward sub total", 9, 9]][t % 4])
    rows += [[], ["Table 2: turnout by ward"], ["Ward", "2023", "2024"], ["Ward A", 1, 2], ["Ward B", 3, 4], [],
             ["Note: provisional"], [], ["Ward", "2023", "2024"], ["Ward C", 5, 6]]
    return write_xlsx(path, {"Wards": rows})


def test_a_table_between_blank_rows_reads_as_cell_by_cell_in_small_batches(tmp_path, monkeypatch):
    """A blank row that may end the table ends the batch before it, and a batch from that row is
    not tried again (nor one from a total a batch ended at); after such a row the batches grow from
    the last one's size, not from hundreds of rows: the tables, figures and reports are as reading
    every row cell by cell gives them."""
    path = _gapped(tmp_path / "wards.xlsx")
    monkeypatch.setattr(engine, "READ_IN_CHILD", False)
    taken = []
    take = Peekable.take
    monkeypatch.setattr(Peekable, "take", lambda self, n: taken.append(n) or take(self, n))
    fast = read_file(path)
    assert sum(taken) < 3_000   # three tables from 500 rows; each gap then tried with 500 rows: 17,000
    monkeypatch.setattr(TableReader, "_plain", lambda self, r, row: None)
    monkeypatch.setattr(TableReader, "_plain_batch", lambda self, stream, ends, size=0: 1 << 30)
    slow = read_file(path)
    assert len(fast.tables) == len(slow.tables) >= 2
    for one, other in zip(fast.tables, slow.tables):
        assert [repr(o) for o in one.observations] == [repr(o) for o in other.observations]
        assert one.report.to_dict() == other.report.to_dict()
        assert one.layout.to_dict() == other.layout.to_dict()


def _small_tables(path, rnd):
    """Thirty small tables under a title and a header each, a blank row between them (the benchmark's shape),
    the last with one row more than its sample of forty rows holds."""
    rows = []
    for t in range(30):
        rows += [[f"Table {t + 1}: Libraries by area, £ thousand"], ["Area", "2022-23", "2023-24", "Change %"]]
        for r in range(41 if t == 29 else rnd.randint(3, 30)):
            before, after = rnd.randint(100, 9_000), rnd.randint(100, 9_000)
            rows.append([f"Area {r + 1}", before, after, round((after - before) / before, 3)])
        rows.append([])
    return write_xlsx(path, {"Tables": rows})


def test_a_small_tables_first_batch_is_its_rows_down_to_the_blank_row(tmp_path, monkeypatch):
    """A table whose rows the sample holds down to a blank row takes them as its first batch, not
    500 rows put back all but those: each table, its figures, report and metrics are as reading
    every row cell by cell gives them."""
    path = _small_tables(tmp_path / "small.xlsx", random.Random(4))
    monkeypatch.setattr(engine, "READ_IN_CHILD", False)
    taken = []
    take = Peekable.take
    monkeypatch.setattr(Peekable, "take", lambda self, n: taken.append(n) or take(self, n))
    fast = read_file(path)
    assert taken.count(500) == 1   # the last table, longer than its sample: batches as before
    assert sum(taken) < 3_000      # each table's first batch 500 rows: 15,000
    _same_cell_by_cell(monkeypatch, path, fast, 30)


def test_a_sheets_tables_ask_the_catalogue_of_a_text_once(tmp_path, monkeypatch):
    """Tables one under another with the same row labels and headers ask the catalogue what each
    names once for them all, not once per table; their figures are as asking each table apart gives."""
    path = _small_tables(tmp_path / "small.xlsx", random.Random(5))
    monkeypatch.setattr(engine, "READ_IN_CHILD", False)
    asked = []
    match = table_reader.match_metric
    monkeypatch.setattr(table_reader, "match_metric", lambda *args: asked.append(args) or match(*args))
    shared = read_file(path)
    assert asked and len(asked) == len(set(asked))
    init = TableReader.__init__
    monkeypatch.setattr(TableReader, "__init__", lambda self, *args, answers=None, **kw: init(self, *args, **kw))
    apart = read_file(path)
    assert len(asked) > 2 * len(set(asked))
    for one, other in zip(shared.tables, apart.tables, strict=True):
        assert [repr(o) for o in one.observations] == [repr(o) for o in other.observations]
        assert one.report.to_dict() == other.report.to_dict()
        assert one.metric_counts == other.metric_counts


def test_each_sheets_formats_are_read_from_one_opening_of_the_workbook(tmp_path, monkeypatch):
    """A workbook of many small sheets, number formats on some of their cells: each sheet's formats
    are read from the workbook opened once by each thread reading them (not once a sheet), and
    every table is read as when each sheet's formats came from an opening of its own."""
    import zipfile

    from memberpack.importers import reader
    from memberpack.importers.engine import iter_tables

    sheets, formats = {}, {}
    for s in range(40):
        sheets[f"LA {s}"] = [[f"Authority {s}: rates"], ["Measure", "2022", "2023"],
                             *([f"Measure {r}", 0.01 * (r + s), 0.02 * r] for r in range(6))]
        formats[f"LA {s}"] = {f"B{3 + s % 6}": "0.0%", "C4": "#,##0.00"} if s % 3 else {}
    path = write_xlsx(tmp_path / "sheets.xlsx", sheets, formats=formats)

    def read():
        return [([repr(o) for o in table.observations], table.report.to_dict()) for table in iter_tables(path, notes=[])]

    opened = []
    zip_file = zipfile.ZipFile
    monkeypatch.setattr(zipfile, "ZipFile", lambda file, *a, **k: opened.append(file) or zip_file(file, *a, **k))
    once = read()
    assert any("%" in obs for tables, _ in once for obs in tables)
    assert len(opened) < 12   # the checks and parts found, then once a thread: 40 sheets, 40 more before
    monkeypatch.setattr(reader._Opened, "_archive", lambda self: zip_file(self.path))
    assert read() == once


def test_bools_among_figures_are_looked_for_only_where_a_figure_is_0_or_1():
    """numpy reads True and False as 1 and 0: a batch's values are searched for them only at the
    cells read as 0 or 1, and found wherever they stand."""
    from memberpack.importers.figure_arrays import any_bool

    class Looked(list):
        looked = 0

        def __iter__(self):
            Looked.looked += 500
            return super().__iter__()

        def __getitem__(self, i):
            Looked.looked += 1
            return super().__getitem__(i)

    values = [Looked([float(v) for v in range(2, 502)]) for _ in range(3)]
    values[1][7] = 0
    figures = np.array(values)
    Looked.looked = 0
    assert not any_bool(figures, values) and Looked.looked == 1
    rnd = random.Random(5)
    for _ in range(3_000):
        values = [[rnd.choice([0, 1, 0.0, 1.0, 2, 7.5, True, False]) for _ in range(rnd.randint(1, 5))] for _ in range(3)]
        width = min(map(len, values))
        values = [row[:width] for row in values]
        assert any_bool(np.array(values, dtype=np.float64), values) == any(type(v) is bool for row in values for v in row)


def _same_cell_by_cell(monkeypatch, path, fast, tables):
    """``fast``, the reading of ``path``, has its ``tables`` as reading every row cell by cell gives them."""
    monkeypatch.setattr(TableReader, "_plain", lambda self, r, row: None)
    monkeypatch.setattr(TableReader, "_plain_batch", lambda self, stream, ends, size=0: 1 << 30)
    slow = read_file(path)
    assert len(fast.tables) == len(slow.tables) == tables
    for one, other in zip(fast.tables, slow.tables):
        assert [repr(o) for o in one.observations] == [repr(o) for o in other.observations]
        assert one.report.to_dict() == other.report.to_dict()
        assert one.layout.to_dict() == other.layout.to_dict()
        assert one.metric_counts == other.metric_counts
