"""A plain row (:meth:`~.table_reader.TableReader._plain`): the tuple it is, its fields, and tests on
runs of plain rows read alike."""

from __future__ import annotations

from bisect import bisect_left
from operator import itemgetter
from typing import Any

from memberpack.importers.label_words import labels_name_all
from memberpack.importers.roles import ParsedRow
from memberpack.model.observation import DATA, SUBTOTAL


# A row whose every cell is a figure read just as its column says, or a text that is no figure
# (TableReader._plain): a plain tuple (row, label, section, values as read, the figures as float64,
# the period and area its key columns give, the positions of its text columns, the period its
# label gives, None or the metrics and units its label gives its figures, and its role: ``data``, or
# ``subtotal`` for a row its label calls a sub total), the quickest thing to make a hundred thousand
# of. The figures are those of the columns that are not text.
PlainRow = tuple
(AT_ROW, AT_LABEL, AT_SECTION, AT_VALUES, AT_FIGURES, AT_PERIOD, AT_AREA, AT_TEXTS, AT_LABEL_PERIOD, AT_KIND,
 AT_ROLE) = range(11)


def row_number(row: ParsedRow | PlainRow) -> int:
    """The sheet row a parsed or plain row was read from."""
    return row[AT_ROW] if type(row) is PlainRow else row.r


def with_section(row: PlainRow, section: str | None) -> PlainRow:
    """The plain row in ``section`` (as :func:`~.roles.assign_roles` settled it)."""
    return (*row[:AT_SECTION], section, *row[AT_SECTION + 1:])


def row_role(row: ParsedRow | PlainRow) -> str:
    """A parsed or plain row's role (``data``, ``subtotal``, ...)."""
    return row[AT_ROLE] if type(row) is PlainRow else row.role


ROLE_OF = itemgetter(AT_ROLE)
_VALUES_OF = itemgetter(AT_VALUES)
SECTION_OF = itemgetter(AT_SECTION)
FIGURES_OF = itemgetter(AT_FIGURES)
ROW_OF = itemgetter(AT_ROW)
LABEL_OF = itemgetter(AT_LABEL)
PERIOD_OF = itemgetter(AT_PERIOD)
AREA_OF = itemgetter(AT_AREA)


def all_data(rows: list[ParsedRow | PlainRow]) -> bool:
    """Whether every row is an ordinary data row (no sub total, no total)."""
    if set(map(type, rows)) == {PlainRow}:
        return SUBTOTAL not in map(ROLE_OF, rows)
    return all(row_role(row) == DATA for row in rows)


TEXTS_OF = itemgetter(AT_TEXTS)
FIRST_VALUE = itemgetter(0)


def names_all(rows: list[ParsedRow | PlainRow]) -> bool:
    """Whether a row's label is :data:`ALL_OF_THEM` (``All schools``); each label is asked only when
    the labels joined hold the word's letters in any case (as ALL_OF_THEM spells it: no letter but
    ``a``, ``A``, ``l`` and ``L`` matches them ignoring case, and lower case makes no other into them;
    a search ignoring case took eight times as long)."""
    labels = list(map(LABEL_OF, rows)) if set(map(type, rows)) == {PlainRow} else \
        [row[AT_LABEL] if type(row) is PlainRow else row.label for row in rows]
    return labels_name_all(labels)


def one_run(rows: list[ParsedRow | PlainRow], window: int) -> bool:
    """Whether every row of a window is a plain row read alike (:meth:`TableReader._runs`): all on one
    side of the format window's end, the same text columns, figures all written as text or none."""
    if not rows or set(map(type, rows)) != {PlainRow} or rows[0][AT_ROW] < window <= rows[-1][AT_ROW]:
        return False
    return read_alike(rows)


def two_runs(rows: list[ParsedRow | PlainRow], window: int) -> int | None:
    """Where a window of plain rows crossing the format window's end (``window``) is cut into the two
    runs :meth:`TableReader._runs` reads row by row, when the rows on each side are read alike; else None."""
    if not rows or set(map(type, rows)) != {PlainRow} or not rows[0][AT_ROW] < window <= rows[-1][AT_ROW]:
        return None
    k = bisect_left(rows, window, key=ROW_OF)
    return k if read_alike(rows[:k]) and read_alike(rows[k:]) else None


def read_alike(rows: list[PlainRow]) -> bool:
    """Whether plain rows have the same text columns and figures all written as text or none
    (:func:`figures_written_row`)."""
    if len(set(map(TEXTS_OF, rows))) != 1:
        return False
    kinds = _first_figure_kinds(rows)
    return str not in kinds or kinds == {str}


def none_written(rows: list[PlainRow]) -> bool:
    """Whether no plain row has its figures written as text (:func:`figures_written_row`), rows with the
    same text columns."""
    return str not in _first_figure_kinds(rows)


def _first_figure_kinds(rows: list[PlainRow]) -> set[type]:
    """The types of the first figure of plain rows with the same text columns (none with no figure column)."""
    texts = rows[0][AT_TEXTS]
    if len(texts) == len(rows[0][AT_VALUES]):
        return set()
    first = FIRST_VALUE if not texts else itemgetter(first_figure(texts))
    return set(map(type, map(first, map(_VALUES_OF, rows))))


def figures_written_row(row: PlainRow) -> bool:
    """Whether a plain row's figures are written as text (a CSV's)."""
    return figures_written(row[AT_VALUES], row[AT_TEXTS])


def figures_written(values: list[Any], texts: tuple[int, ...]) -> bool:
    """Whether a row's figures (its values but the text columns ``texts``) are written as text."""
    first = first_figure(texts)
    return first < len(values) and type(values[first]) is str


def first_figure(texts: tuple[int, ...]) -> int:
    """The position of the first figure column, when ``texts`` (in order) are the text columns."""
    first = 0
    for j in texts:
        if j != first:
            break
        first += 1
    return first


def plain_row_unit(shown: list[tuple], texts: tuple[int, ...]) -> str | None:
    """The unit of a plain row's first figure (:meth:`TableReader._read_cells`'s ``row_unit``)."""
    return next((base for j, (_, _, base) in enumerate(shown) if base is not None and j not in texts), None)


def written_as_text(values: list[Any]) -> bool:
    """Whether a plain row's figures are written as text (as a CSV holds them)."""
    return type(values[0]) is str
