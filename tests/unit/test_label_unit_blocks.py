"""Rows whose labels state their figures' unit (``... per 10,000``, ``Council tax collected (%)``) or
count them (``Number of ...``) are read in blocks, as reading them cell by cell reads them. A
scorecard's descriptions mostly do one or the other: read cell by cell, the KPI scorecard shape took
six times the CPU once its rows were named by their descriptions rather than their codes."""

import random

import pytest
from openpyxl import Workbook
from test_plain_rows import _read_both_ways, cell_by_cell  # noqa: F401  (a fixture)

from memberpack.model.blocks import FigureBlock

_LABELS = ["Percentage of EHC plans issued within 20 weeks", "Number of children looked after",
           "Rate of referrals to children's social care per 10,000", "Average days to re-let council homes",
           "Children looked after", "Number of rough sleepers", "Council tax collected (%)",
           "Days lost to sickness per FTE", "Delayed transfers of care per 100,000", "Library visits"]


def _scorecard(path, rows=1_500, *, marks=False, percent_format=False, money=False):
    """The benchmark's scorecard shape, its codes told apart by period: ``marks`` puts ``n/a`` and
    ``DNA`` among the figures, ``percent_format`` a ``0.0%`` format on one column, ``money`` a £k column."""
    rnd = random.Random(11)
    wb = Workbook()
    ws = wb.active
    ws.title = "Scorecard"
    ws.append(["Ref", "Measure", "Period", "Target", "Actual", "Previous", "Spend £k" if money else "Change",
               "RAG", "Commentary"])
    for r in range(rows):
        target = rnd.randint(10, 1000)
        actual = "n/a" if marks and r % 37 == 5 else "DNA" if marks and r % 53 == 9 else round(target * rnd.uniform(0.6, 1.4), 1)
        ws.append([f"KPI {r % 400:03d}", _LABELS[r % 10], f"{('Apr', 'May', 'Jun')[r % 3]} {2024 + r // 1200}", target,
                   actual, round(target * rnd.uniform(0.6, 1.4), 1), rnd.random() if percent_format else rnd.randint(-50, 50),
                   ("Red", "Amber", "Green")[r % 3], "Recovery plan agreed with partners."])
    if percent_format:
        for row in range(2, rows + 2):
            ws.cell(row, 7).number_format = "0.0%"
    wb.save(path)
    return path


def _labels_in_blocks(parts) -> set[str]:
    return {o.label for part in parts if isinstance(part, FigureBlock) for o in part.observations()}


def test_rows_whose_labels_state_a_unit_or_count_are_read_in_blocks(tmp_path, cell_by_cell):
    parts, table = _read_both_ways(_scorecard(tmp_path / "scorecard.xlsx"), cell_by_cell)
    assert _labels_in_blocks(parts) == set(_LABELS)   # cell by cell, all but "Children looked after" and "Library visits"
    by_cell = {o.cell: o for o in table.observations}
    assert (by_cell["E4"].label, by_cell["E4"].unit) == (_LABELS[2], "per_10000")
    assert (by_cell["E3"].label, by_cell["E3"].unit, by_cell["E8"].unit) == (_LABELS[1], "count", "percent")
    assert by_cell["E11"].unit is None   # library visits: no unit stated


@pytest.mark.parametrize("options", [{"marks": True}, {"percent_format": True}, {"money": True}])
def test_marks_formats_and_money_keep_the_cell_by_cell_reading(tmp_path, cell_by_cell, options):
    _read_both_ways(_scorecard(tmp_path / "scorecard.xlsx", 700, **options), cell_by_cell)


def test_key_columns_beside_counting_and_stating_labels_keep_the_cell_by_cell_reading(tmp_path, cell_by_cell):
    """A scorecard keyed by its codes and periods whose indicators count (``Number of reviews lodged``)
    or state a unit (``Percentage of ...``) and name nothing in the catalogue, beside a note: its rows
    are read in blocks, their counts counted as cell by cell."""
    path = tmp_path / "reviews.xlsx"
    indicators = ["Number of reviews lodged", "Number of reviews determined", "Percentage of reviews determined",
                  "Reviews upheld"]
    wb = Workbook()
    ws = wb.active
    ws.append(["Ref", "Indicator", "Period", "Count", "Previous", "Note"])
    for r in range(800):
        ws.append([f"KPI {r % 200:03d}", indicators[r % 4], f"{('Apr', 'May', 'Jun')[r % 3]} {2024 + r // 400}",
                   91.3 if r % 4 == 2 else 400 + r % 97, 380 + r % 89, "Provisional"])
    wb.save(path)
    parts, table = _read_both_ways(path, cell_by_cell)
    assert set(indicators) == _labels_in_blocks(parts)
    assert {o.unit for o in table.observations if o.label == "Number of reviews lodged" and o.value is not None} == {"count"}


def test_a_batch_of_repeated_labels_is_searched_in_its_distinct_labels():
    """A batch repeating its labels (a scorecard's ten measures down its rows) is searched once per
    distinct label: the labels found are those each label alone gives, each once, in order, where a
    label's capitals are lowered to more characters (``İ``) as where they are not."""
    from memberpack.importers.label_words import labels_found, may_state_unit_or_period
    from memberpack.importers.table_reader import _number_places

    labels = [*_LABELS, "Library visits 2019/20", "Visits Mar-12", "İnspections per 10,000", "Number of İnspections",
              "Spend £k", "Percentage of pupils"] * 30
    for find in (may_state_unit_or_period, _number_places):
        alone = [label for label in dict.fromkeys(labels) if next(iter(find(label, label.lower())), None) is not None]
        for batch in (labels, labels[:12] * 3, labels[:16]):
            joined = "\0".join(batch)
            assert labels_found(find, joined, joined.lower(), batch) == [label for label in alone if label in batch]
