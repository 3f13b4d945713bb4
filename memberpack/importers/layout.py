"""Where a table is on its sheet: title, header rows, units row, label column, unit and kind.

:class:`TableLayout` is what the finder assumed for one table. The import report shows it, the
pack remembers it for the next return of the same shape, and the import wizard edits it and
passes it back to :func:`memberpack.importers.engine.read_file` as an override.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime
from typing import Any

from memberpack.importers.cells import column_index, column_letter
from memberpack.model.observation import GENERAL
from memberpack.model.units import find_unit
from memberpack.model.values import BLANK, TEXT, parse_text

HEAD_ROWS = 40           # rows looked at to find the header, units row and label column
MAX_HEADER_ROWS = 2


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

    @property
    def data_start(self) -> int:
        """0-based index of the first row after the header and units rows."""
        return max((*self.header_rows, self.units_row or 0, self.first_row - 1))

    @property
    def label_col(self) -> int:
        return column_index(self.label_column)

    @property
    def col_range(self) -> range:
        return range(column_index(self.first_column), column_index(self.last_column) + 1)

    def covers(self, other: TableLayout) -> bool:
        """Whether ``other`` (an override) is about this table."""
        end = self.last_row or 1 << 30
        return other.sheet == self.sheet and self.first_row <= max(other.header_rows or (other.first_row,)) <= end

    def to_dict(self) -> dict:
        return asdict(self) | {"header_rows": list(self.header_rows)}

    @classmethod
    def from_dict(cls, data: dict) -> TableLayout:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["header_rows"] = tuple(values.get("header_rows", ()))
        return cls(**values)

    def remembered(self) -> dict:
        """The choices worth reusing next month, with rows relative to the first header row."""
        top = min(self.header_rows, default=self.first_row)
        return {"header_offsets": [h - top for h in self.header_rows],
                "units_offset": None if self.units_row is None else self.units_row - top,
                "label_column": self.label_column, "unit": self.unit, "kind": self.kind}

    def recall(self, memory: dict) -> None:
        """Apply choices remembered from an earlier return of the same shape."""
        top = min(self.header_rows, default=self.first_row)
        self.header_rows = tuple(top + o for o in memory.get("header_offsets", [])) or self.header_rows
        offset = memory.get("units_offset")
        self.units_row = None if offset is None else top + offset
        self.label_column = memory.get("label_column") or self.label_column
        self.unit = memory.get("unit", self.unit)
        if memory.get("kind"):
            self.kind, self.kind_reason = memory["kind"], "remembered from an earlier import of this shape"


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Any) -> str:
    """A header or label cell as text: years stay ``2019``, dates become ``Sep 2023``."""
    if isinstance(value, (datetime, date)):
        return value.strftime("%b %Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split()) if value is not None else ""


def cell_class(value: Any) -> str:
    """``blank``, ``number``, ``special`` (DNA, RAG, A/(F)...) or ``text``."""
    if blank(value):
        return BLANK
    if isinstance(value, bool) or isinstance(value, (datetime, date)):
        return TEXT
    if isinstance(value, (int, float)):
        return "number"
    cell = parse_text(str(value))
    if cell.value is not None:
        return "number"
    return TEXT if cell.status == TEXT else "special"


_UNIT_ONLY = re.compile(r"[(\[]?\s*(?:£\s?(?:m|k|bn|000'?s?|'000s?|millions?|thousands?)?|%|per\s+10,?000|days|"
                        r"weeks|number|no\.?|count)\s*[)\]]?", re.IGNORECASE)


def is_units_row(row: list[Any], cols: range) -> bool:
    cells = [row[c] for c in cols if c < len(row) and not blank(row[c])]
    return bool(cells) and all(isinstance(v, str) and _UNIT_ONLY.fullmatch(v.strip()) for v in cells)


def is_header_like(row: list[Any], cols: range) -> bool:
    """At least two text cells and no figures or special values: a header, not data."""
    classes = [cell_class(row[c]) for c in cols if c < len(row)]
    texts = classes.count(TEXT)
    return texts >= 2 and all(k in (TEXT, BLANK) for k in classes)


def used_columns(rows: list[list[Any]]) -> list[int]:
    return sorted({c for row in rows for c, v in enumerate(row) if not blank(v)})


def detect_layout(sheet: str, titles: list[tuple[int, str]], head: list[tuple[int, list[Any]]]) -> TableLayout | None:
    """The layout of the table whose header starts at ``head[0]``, or None when it is not a table."""
    cols_used = used_columns([row for _, row in head])
    if len(cols_used) < 2:
        return None
    span = range(cols_used[0], cols_used[-1] + 1)
    header = [0]
    i = 1
    units_row = None
    while i < len(head) and len(header) < MAX_HEADER_ROWS:
        row = head[i][1]
        if is_units_row(row, span):
            break
        top = head[header[-1]][1]
        filled = lambda r: sum(not blank(r[c]) for c in span if c < len(r))  # noqa: E731
        group_top = filled(top) < filled(row) or span.start >= len(top) or blank(top[span.start])
        if group_top and is_header_like(row, span):
            header.append(i)
            i += 1
        else:
            break
    if i < len(head) and is_units_row(head[i][1], span):
        units_row = head[i][0]
        i += 1
    data = [row for _, row in head[i:]]
    label_col = _label_column(data, span)
    if all(c <= label_col for c in cols_used):
        return None
    title = " ".join(t for _, t in titles)
    unit = find_unit(title)
    return TableLayout(
        sheet=sheet, first_row=(titles[0][0] if titles else head[0][0]) + 1,
        header_rows=tuple(head[h][0] + 1 for h in header), label_column=column_letter(label_col),
        first_column=column_letter(span.start), last_column=column_letter(span.stop - 1),
        units_row=None if units_row is None else units_row + 1, unit=unit.symbol if unit else None, title=title)


def _label_column(data: list[list[Any]], span: range) -> int:
    """The first column whose filled cells are mostly words: the row labels."""
    for c in span:
        classes = [cell_class(row[c]) for row in data if c < len(row) and not blank(row[c])]
        if classes and classes.count(TEXT) * 2 >= len(classes):
            return c
    return span.start


def shape_key(sheet: str, header_texts: list[str]) -> str:
    """A signature of a table's shape that survives a new month: period words are left out."""
    body = json.dumps([strip_periods(sheet), [strip_periods(t) for t in header_texts]])
    return hashlib.sha256(body.encode()).hexdigest()[:20]


_PERIOD_WORDS = re.compile(
    r"\b(?:(?:19|20)?\d{2}\s*[/\-–]\s*(?:19|20)?\d{2}|(?:19|20)\d{2}|q[1-4]|quarter\s*[1-4]|month\s*\d{1,2}|"
    r"m\d{1,2}|p\d{1,2}|period\s*\d{1,2}|year[\s-]*end|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|"
    r"june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|as at|end of)\b",
    re.IGNORECASE)


def strip_periods(text: str) -> str:
    """``"23/24 Budget Monitoring (Month 6)"`` -> ``"budget monitoring"``: a name stable across months."""
    text = _PERIOD_WORDS.sub(" ", text.lower())
    return " ".join(re.sub(r"[()\[\],:;_–-]+", " ", text).split())
