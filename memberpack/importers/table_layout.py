"""What a table's layout is, apart from how it is found: :class:`TableLayout`, the officer's
:class:`Corrections`, and the names made from a layout.

Kept apart from :mod:`.layout` (the finder, with its header and key readers) so that the process
storing a table, which only receives its layout from the reader's process, loads none of the finder.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from datetime import date
from functools import lru_cache
from typing import Any

from memberpack.importers.cells import column_index
from memberpack.model.observation import GENERAL, LAYOUT_KINDS, MAX_TEXT


@dataclass(slots=True)
class TableLayout:
    """One table's layout. Rows are 1-based and columns are letters, as the officer sees them."""

    sheet: str
    first_row: int
    header_rows: tuple[int, ...]
    label_column: str
    first_column: str
    last_column: str
    units_row: int | None = None
    last_row: int | None = None
    unit: str | None = None
    kind: str = GENERAL
    kind_reason: str = ""
    title: str = ""
    period: str | None = None
    period_cleared: bool = False   # the officer said the table states no period: none is read from its titles
    unit_by_hand: bool = False   # the officer chose ``unit``: it wins over units the headers state
    key_columns: tuple[str, ...] = ()       # identifying columns besides the label column (keys.py)
    key_roles: tuple[str, ...] = ()         # each one's role: area, period or section
    keys_by_hand: bool = False              # the officer named ``key_columns`` (or none): remembered for the shape
    sparse_keys: tuple[str, ...] = ()       # section keys whose blank means none (keys._sparse)
    each_row_keys: tuple[str, ...] = ()     # section keys written on every row: none carried over a gap (keys._each_row)
    context_columns: tuple[str, ...] = ()   # the same value on every row: table context
    ignored_columns: tuple[str, ...] = ()   # left out by the officer
    code_rows: tuple[int, ...] = ()         # column-number or letter-code rows under the header
    indent_columns: tuple[str, ...] = ()    # names of rows indented under a heading, the label cell blank
    unit_reason: str = ""
    doubts: tuple[str, ...] = ()            # what detection is unsure of (the report's doubts)
    # The officer said the percentages the reading doubts are fractions (percent_fractions): how and when
    # ("with --fractions on 07/12/2026"); those read so (before reading, as remembered: only those), and
    # whether the word was remembered from an earlier import of the table's shape.
    fractions_said: str = ""
    fractions: tuple[str, ...] = ()
    fractions_recalled: bool = False

    @property
    def data_start(self) -> int:
        """0-based index of the first row after the header and units rows."""
        return max((*self.header_rows, *self.code_rows, self.units_row or 0, self.first_row - 1))

    @property
    def label_col(self) -> int:
        return column_index(self.label_column)

    @property
    def col_range(self) -> range:
        return range(column_index(self.first_column), column_index(self.last_column) + 1)

    def covers(self, other: TableLayout) -> bool:
        """Whether ``other`` (a layout corrected in the wizard) is about this detected table: the
        same sheet, and the same first row or a header row in common."""
        return other.sheet == self.sheet and (other.first_row == self.first_row
                                              or bool(set(other.header_rows) & set(self.header_rows)))

    def to_dict(self) -> dict:
        return asdict(self) | {name: list(getattr(self, name)) for name in _TUPLES}

    @classmethod
    def from_dict(cls, data: dict) -> TableLayout:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values |= {name: tuple(values[name]) for name in _TUPLES if name in values}
        values["header_rows"] = tuple(values.get("header_rows", ()))
        return cls(**values)

    def give_keys(self, letters: Sequence[str], seen: dict[int, list[Any]]) -> None:
        """Make ``letters`` (the officer's) the key columns besides the label column, their roles read
        from the rows ``seen``."""
        keys = tuple(k.upper() for k in letters if k.upper() != self.label_column)
        self.key_columns, self.keys_by_hand = keys, True
        from memberpack.importers.layout import key_roles  # noqa: PLC0415 - the finder, in the reader's process

        self.key_roles = key_roles(self, seen)
        self.context_columns = tuple(c for c in self.context_columns if c not in keys)

    def remembered(self) -> dict:
        """The choices worth reusing next month, with rows relative to the first header row."""
        top = min(self.header_rows, default=self.first_row)
        return {"header_offsets": [h - top for h in self.header_rows],
                "code_offsets": [h - top for h in self.code_rows],
                "units_offset": None if self.units_row is None else self.units_row - top,
                "label_column": self.label_column, "unit": self.unit, "kind": self.kind,
                "unit_by_hand": self.unit_by_hand,
                **({"key_columns": list(self.key_columns)} if self.keys_by_hand else {}),
                **({"fractions": list(self.fractions), "fractions_said": self.fractions_said} if self.fractions else {})}

    def recall(self, memory: dict) -> bool:
        """Apply choices remembered from an earlier return of the same shape; a memory not as
        :meth:`remembered` writes it (a pack edited by hand: header rows a billion rows down, words for
        rows) is not applied, and False returned."""
        if not _usable(memory):
            return False
        top = min(self.header_rows, default=self.first_row)
        self.header_rows = tuple(top + o for o in memory.get("header_offsets", [])) or self.header_rows
        self.code_rows = tuple(top + o for o in memory.get("code_offsets", [])) or self.code_rows
        offset = memory.get("units_offset")
        self.units_row = None if offset is None else top + offset
        self.label_column = memory.get("label_column") or self.label_column
        self.unit = memory.get("unit", self.unit)
        self.unit_by_hand = bool(memory.get("unit_by_hand"))
        if memory.get("key_columns") is not None:   # named by hand: their roles are worked out from the rows
            self.key_columns, self.key_roles, self.keys_by_hand = tuple(memory["key_columns"]), (), True
        if memory.get("kind"):
            self.kind, self.kind_reason = memory["kind"], "remembered from an earlier import of this shape"
        if memory.get("fractions") and memory.get("fractions_said"):
            self.fractions, self.fractions_said = tuple(memory["fractions"]), memory.get("fractions_said", "")
            self.fractions_recalled = True
        return True


_MOST_OFFSET = 1_000   # rows between a table's first header row and another it remembers (a header is a few)
_MOST_SAID = 200       # characters of how and when the officer said a table's percentages are fractions
_COLUMN = re.compile(r"[A-Z]{1,3}")


def _usable(memory: object) -> bool:
    """Whether ``memory`` is a layout :meth:`TableLayout.remembered` could have written."""
    def offsets(value: object, lowest: int = 0) -> bool:
        return isinstance(value, list) and len(value) <= _MOST_OFFSET and all(
            type(o) is int and lowest <= o <= _MOST_OFFSET for o in value)

    return (isinstance(memory, dict) and offsets(memory.get("header_offsets", []))
            and offsets(memory.get("code_offsets", []), -_MOST_OFFSET)
            and (memory.get("units_offset") is None or offsets([memory["units_offset"]], -_MOST_OFFSET))
            and (memory.get("label_column") is None or isinstance(memory["label_column"], str)
                 and _COLUMN.fullmatch(memory["label_column"]) is not None)
            and (memory.get("unit") is None or isinstance(memory["unit"], str) and len(memory["unit"]) <= 100)
            and memory.get("kind") in (None, "", *LAYOUT_KINDS)
            and type(memory.get("unit_by_hand", False)) is bool
            and (memory.get("key_columns") is None or isinstance(keys := memory["key_columns"], list)
                 and len(keys) <= _MOST_OFFSET and all(isinstance(k, str) and _COLUMN.fullmatch(k) for k in keys))
            and isinstance(names := memory.get("fractions", []), list) and len(names) <= _MOST_OFFSET
            and all(isinstance(n, str) and len(n) <= MAX_TEXT for n in names)
            and isinstance(said := memory.get("fractions_said", ""), str) and len(said) <= _MOST_SAID)


_TUPLES = ("header_rows", "key_columns", "key_roles", "context_columns", "ignored_columns", "code_rows", "doubts",
           "indent_columns", "sparse_keys", "each_row_keys", "fractions")


@dataclass(frozen=True, slots=True)
class Corrections:
    """What the officer says about every table of an import (``memberpack import --header-rows 3,4
    --label-column B --key-columns A,C --unit £k``); each one set replaces what was detected.

    ``fractions`` (``--fractions``) says the percentages each table's reading doubts are fractions
    (:mod:`.percent_fractions`: 0.34 is 34%); ``fractions_in`` says so, or not, of single tables, as the
    import wizard's box does: (sheet, first row, fractions or not) each. Neither answers any other doubt."""

    header_rows: tuple[int, ...] = ()
    label_column: str | None = None
    key_columns: tuple[str, ...] | None = None
    unit: str | None = None
    fractions: bool = False
    fractions_in: tuple[tuple[str, int, bool], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.header_rows or self.label_column or self.key_columns is not None or self.unit
                    or self.fractions or self.fractions_in)

    def apply(self, layout: TableLayout, seen: dict[int, list[Any]]) -> list[str]:
        """Change ``layout`` in place; what was changed of its layout, for the report."""
        done = []
        if self.header_rows:
            layout.header_rows, layout.code_rows, layout.units_row = self.header_rows, (), None
            layout.first_row = min(layout.first_row, *self.header_rows)
            done.append(f"header rows {', '.join(map(str, self.header_rows))}")
        if self.label_column:
            layout.label_column = self.label_column.upper()
            done.append(f"labels in column {layout.label_column}")
        if self.key_columns is not None:
            layout.give_keys(self.key_columns, seen)
            done.append(f"key columns {', '.join(layout.key_columns) or 'none'}")
        if self.unit:
            layout.unit, layout.unit_by_hand, layout.unit_reason = self.unit, True, "set by hand"
            done.append(f"unit {self.unit}")
        said = self.fractions or next((yes for sheet, row, yes in self.fractions_in
                                       if sheet == layout.sheet and row == layout.first_row), None)
        if said is not None:   # all the doubted percentages, or none, whatever was remembered
            how = "with --fractions" if self.fractions else "in the import wizard"
            layout.fractions_said = f"{how} on {date.today():%d/%m/%Y}" if said else ""
            layout.fractions, layout.fractions_recalled = (), False
        return done


def officer_said(said: str, recalled: bool) -> str:
    """Who said a table's percentages are fractions, and how and when (``said``: ``with --fractions on
    07/12/2026``), for the report and the sources note."""
    return f"as the officer said for an earlier import of this shape, {said}" if recalled else f"as the officer said {said}"


def as_heading(text: str) -> str:
    """A file name or label as a table heading: underscores as spaces, one space between words, a
    capital first letter (``agency_staffing_spend`` -> ``Agency staffing spend``)."""
    words = " ".join(text.replace("_", " ").split())
    return words[:1].upper() + words[1:]


def shape_key(sheet: str, header_texts: list[str]) -> str:
    """A signature of a table's shape that survives a new month: period words are left out."""
    body = json.dumps([strip_periods(sheet).lower(), [strip_periods(t).lower() for t in header_texts]])
    return hashlib.sha256(body.encode()).hexdigest()[:20]


_PERIOD_WORDS = re.compile(
    r"\b(?:(?:19|20)?\d{2}\s*(?:[/\-–]|\.\.)\s*(?:19|20)?\d{2}|(?:19|20)\d{2}|q[1-4]|quarter\s*[1-4]|month\s*\d{1,2}|"
    r"m\d{1,2}|p\d{1,2}|period\s*\d{1,2}|year[\s-]*end|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|"
    r"june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|(?:as at )?(?:the )?end of|as at)\b",
    re.IGNORECASE)


# A line explaining the table's figures or marks above it ("All figures £000s. Brackets denote underspend",
# "DoT = direction of travel ...", "Key: ..."): a legend, not a title
LEGEND = re.compile(r"\s*(?:all\s+(?:figures|amounts|values|numbers)\b|(?:figures\s+in\s+)?brackets?\s+(?:denotes?|shows?|"
                    r"indicates?|means?)\b|figures\s+in\s+brackets\b|(?:key|legend|rag)\s*:|[^\s=:]{1,12}\s*=\s*[^\s=\d])",
                    re.IGNORECASE)


@lru_cache(maxsize=4096)
def strip_periods(text: str) -> str:
    """``"23/24 Budget Monitoring (Month 6)"`` -> ``"Budget Monitoring"``: a name stable across months
    (worked out once per text: the headers of stacked tables repeat)."""
    text = _PERIOD_WORDS.sub(" ", text)
    return " ".join(re.sub(r"[()\[\],:;_–-]+", " ", text).split())
