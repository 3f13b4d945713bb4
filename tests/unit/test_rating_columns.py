"""A KPI return's own words for its ratings and polarity: ``R``, ``A``, ``G`` under a RAG header (the
``A`` had been read as an adverse variance's flag, which made the scorecard a budget monitor), and a
Polarity column (``High``, ``Low``) saying which way is better for indicators the catalogue does
not know (their falls had gone untold)."""

import csv

from memberpack.analysis.headlines import _worse_kpis
from memberpack.importers import read_file
from memberpack.model.grid import Grid
from memberpack.model.observation import KPI_SCORECARD, Dataset

_ROWS = [["KPI", "Description", "Polarity", "Jun-24", "Jul-24", "Aug-24", "Target", "RAG", "DoT"],
         ["ASC1", "Clients receiving self-directed support", "High", "91.2%", "91.8%", "92.5%", "90%", "G", "Improved"],
         ["ASC2", "Safeguarding enquiries completed within 28 days", "High", "71%", "68%", "64%", "80%", "R", "Worse"],
         ["CS1", "Children subject to a plan for a second time", "Low", "21%", "22%", "23%", "20%", "A", "Worse"],
         ["HR1", "Staff turnover", "Lower is better", "12%", "11%", "10%", "11%", "a", "Better"]]


def _read(tmp_path, rows):
    path = tmp_path / "kpis.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    table, = read_file(path).tables
    return table


def _table(tmp_path):
    return _read(tmp_path, _ROWS)


def test_r_a_g_letters_under_a_rag_header_are_ratings(tmp_path):
    table = _table(tmp_path)
    status = {o.cell: o.status for o in table.observations}
    assert table.layout.kind == KPI_SCORECARD
    assert [status[f"H{r}"] for r in range(2, 6)] == ["green", "red", "amber", "amber"]


def test_a_polarity_column_says_which_indicators_got_worse(tmp_path):
    table = _table(tmp_path)
    ds = Dataset("KPIs", "kpis.csv", "0" * 64, "kpis", "A1:I5", table.layout.kind, key="k")
    worse = {(item.label, item.display) for item in _worse_kpis(ds, Grid.of(list(table.observations)))}
    assert worse == {("Safeguarding enquiries completed within 28 days", "64%"),
                     ("Children subject to a plan for a second time", "23%")}


def test_a_status_columns_a_is_left_as_written(tmp_path):
    """Under a Status header (not RAG) an ``A`` may be Active: it is not made amber."""
    path = tmp_path / "register.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["Contract", "Value", "Status"], ["Cleaning", "120000", "A"],
                                  ["Catering", "95000", "C"], ["Security", "60000", "A"]])
    table, = read_file(path).tables
    assert {o.display for o in table.observations if o.measure == "Status"} == {"A", "C"}


def test_r_a_and_g_under_a_rag_header_are_written_alike(tmp_path):
    """The amber ``A`` is written ``Amber``, so ``R`` and ``G`` are written ``Red`` and ``Green``: the
    column had shown ``G`` beside ``Amber``, and what changed had said a rating went from G to Amber."""
    table = _table(tmp_path)
    shown = {o.cell: o.display for o in table.observations}
    assert [shown[f"H{r}"] for r in range(2, 6)] == ["Green", "Red", "Amber", "Amber"]


def test_a_status_columns_words_for_its_ratings_are_those_ratings(tmp_path):
    """'Off track', 'At risk', 'Not met' in a Status or RAG column had been texts: no red among the ratings."""
    rows = [["Measure", "Q1", "Q2", "Status", "RAG rating"],
            ["Delayed transfers", "12", "14", "Off track", "Not met"],
            ["Reablement", "81%", "83%", "On track", "Achieved"],
            ["Care reviews", "64%", "70%", "At risk", "Met"],
            ["New strategy", "1", "1", "Complete", "Not achieved"]]
    status = {o.cell: o.status for o in _read(tmp_path, rows).observations}
    assert [status[f"D{r}"] for r in range(2, 6)] == ["red", "green", "amber", "green"]
    assert [status[f"E{r}"] for r in range(2, 6)] == ["red", "green", "green", "red"]


def test_the_same_words_under_a_comments_header_are_left_as_written(tmp_path):
    rows = [["Measure", "Q1", "Q2", "Status comments"],
            ["Delayed transfers", "12", "14", "Off track"],
            ["Reablement", "81%", "83%", "Complete"],
            ["Care reviews", "64%", "70%", "At risk"]]
    table = _read(tmp_path, rows)
    assert {o.display for o in table.observations if o.measure == "Status comments"} == {"Off track", "Complete", "At risk"}
    assert not {o.status for o in table.observations} & {"red", "amber", "green"}


def test_a_header_naming_ratings_is_found_by_the_quick_test_first():
    """The first rows' texts are asked whether they name ratings by a substring test before the
    regular expressions: every text either names gives the same answer (case, spaces, ``R/A/G``,
    non-ASCII letters the expressions fold), and a sheet's labels are not each searched."""
    import random

    from memberpack.importers import rated_columns
    from memberpack.importers.rated_columns import _RAG_HEADER, RATINGS_HEADER, _may_name_ratings

    rnd = random.Random(3)
    pieces = ["RAG", "bRAG", "r / a / g", "R/A/G", "Status", "ſtatus", "Rating", "ratings", "rag-rated", "Fragile",
              "Line", "3", " ", "/", "K", "é", "Drag", "storage", "St", "atus", "ra", "g"]
    for _ in range(30_000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 4))).strip()
        if RATINGS_HEADER.search(text) or _RAG_HEADER.search(text):
            assert _may_name_ratings(text, text.lower()), text
    searched = []

    class Counting:
        def __init__(self, pattern):
            self.pattern = pattern

        def search(self, text):
            searched.append(text)
            return self.pattern.search(text)

    rows = [(0, ["Service", "RAG", "Spend £k"])] + [(r, [f"Line {r}", "A", 1.5]) for r in range(1, 300)]
    original = rated_columns.RATINGS_HEADER
    rated_columns.RATINGS_HEADER = Counting(original)
    try:
        read = list(rated_columns.with_ratings(iter(rows), None))
    finally:
        rated_columns.RATINGS_HEADER = original
    assert [row[1] for _, row in read[1:]] == ["Amber"] * 299 and searched == ["RAG", "Spend £k"]


def test_letters_below_the_first_rows_are_read_a_batch_at_a_time_as_each_alone():
    """Below the first rows, a RAG column's letters are read a batch of rows at a time, each distinct
    cell once: every R, A and G (``a``, spaces round it) is Red, Amber and Green wherever it stands,
    short rows and every other cell are left as they were, and the rows come in order."""
    import random

    from memberpack.importers.formats import FORMAT_ROWS
    from memberpack.importers.rated_columns import _LETTERS, _rewritten, with_ratings

    rnd = random.Random(11)
    cells = ["A", " a ", "a", "Amber", "R", "G", " ", None, 3.0, 1, "Green"]   # (another text ends the column's ratings)
    rows = [(0, ["Service", "RAG", "Note", "R/A/G"])]
    rows += [(r, [f"Line {r}"] + [rnd.choice(cells) for _ in range(rnd.randint(0, 3))]) for r in range(1, FORMAT_ROWS + 1_500)]
    expected = [(r, [(_LETTERS[v.strip()] if c in (1, 3) and type(v) is str and v.strip() in _LETTERS else v)
                     for c, v in enumerate(row)]) for r, row in rows]
    assert list(with_ratings(iter([(r, list(row)) for r, row in rows]), None)) == expected
    assert _rewritten([(0, ["x", " A"]), (1, ["y"]), (2, ["z", 1.0])], columns=[1], words=_LETTERS.get) == [
        (0, ["x", "Amber"]), (1, ["y"]), (2, ["z", 1.0])]
