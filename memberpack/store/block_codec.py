"""A :class:`FigureBlock` as stored in the pack: a JSON head and one blob of arrays.

The head names every column and the distinct texts of each per-row field; the blob holds, back
to back in the order the head lists them, the int32 row arrays, each column's figures (float64,
or int32 counts of their last decimal when that is exact), each text column's lengths (one
byte each when all are short, else int32 offsets) and UTF-8 bytes, then the int32 codes of each
column's per-row metrics, units and periods, where it has them, then each column's special cells (a mark, a
RAG rating, a text): their int32 rows, the int32 codes of their units and statuses (the distinct
ones in the head), of their own displays when they have them (a mark among figures shown through
their format), and, when any has one, their float64 values (NaN for none). Packs written before
that hold a column's special cells in its head (``specials``), and are read as they were.
Nothing is ever unpickled: a pack shared by somebody else is only data, and a blob that does not
match its head is refused.
"""

from __future__ import annotations

import json
import math
from itertools import chain

import numpy as np

from memberpack.errors import PackError
from memberpack.model.blocks import BlockColumn, Coded, FigureBlock, RowStatuses, Texts
from memberpack.model.observation import DATA, MAX_TEXT, SUBTOTAL, TOTAL
from memberpack.model.values import MAX_FIGURE, in_range
from memberpack.store.encoded_block import Encoded

_CODED = ("labels", "sections", "roles", "periods", "areas")
_ROLES = {DATA, SUBTOTAL, TOTAL}
_MAX_DECIMALS = 4
_TRIAL_ROWS = 32   # the rows of each column tested before the whole


def encoded(block: FigureBlock) -> Encoded:
    head, blob = encode(block)
    first, last = (int(block.rows[0]), int(block.rows[-1])) if len(block) else (0, -1)
    label = block.labels.values[block.labels.codes[0]] if len(block) else None
    return Encoded(first, last, len(block), block.cell_count, head, blob, label)


def encode(block: FigureBlock) -> tuple[str, bytes]:
    """(head, blob) for the ``observation_block`` row."""
    ints = [block.rows, block.lines]
    head: dict = {"sheet": block.sheet, "rows": len(block), "columns": []}
    for name in _CODED:
        coded = getattr(block, name)
        head[name] = None if coded is None else coded.values
        if coded is not None:
            ints.append(coded.codes)
    texts, per_row, specials = [], [], []
    lengths = iter(_text_lengths([col.displays for col in block.columns if col.displays is not None]))
    for col in block.columns:
        head["columns"].append({
            "position": col.position, "letter": col.letter, "measure": col.measure, "unit": col.unit,
            "metric_id": col.metric_id, "period": col.period, "raw": col.raw, "factor": col.factor, "code": col.code,
            "specials": [], "text_bytes": None if col.displays is None else len(col.displays.data)})
        if col.specials:
            head["columns"][-1]["special_cells"], stored = _special_cells(col.specials, col.special_displays)
            specials += stored
        for name in _PER_ROW:
            coded = getattr(col, name)
            if coded is not None:
                head["columns"][-1][name] = coded.values
                per_row.append(np.ascontiguousarray(coded.codes, dtype=np.int32).tobytes())
        if col.displays is not None:
            short = next(lengths)
            head["columns"][-1]["text_lengths"] = short is not None
            texts += [short if short is not None else
                      np.ascontiguousarray(col.displays.offsets, dtype=np.int32).tobytes(), col.displays.data]
    parts = [np.ascontiguousarray(a, dtype=np.int32).tobytes() for a in ints]
    for spec, (decimals, stored) in zip(head["columns"], _stored_figures([c.values for c in block.columns])):
        spec["decimals"] = decimals
        parts.append(stored)
    return json.dumps(head, separators=(",", ":")), b"".join(parts + texts + per_row + specials)


def _text_lengths(columns: list[Texts]) -> list[bytes | None]:
    """Each text column's lengths, a byte each, as the blob holds them when all are short (None when
    not: its offsets are stored); the columns' lengths found together, as one array."""
    if not columns or not len(columns[0]):
        return [b"" for _ in columns]
    lengths = np.diff(np.stack([texts.offsets for texts in columns]), axis=1)
    short = lengths.max(axis=1) < 256   # one byte a length, not four an offset
    return [row.tobytes() if fits else None for row, fits in zip(lengths.astype(np.uint8), short.tolist())]


def _special_cells(specials: dict[int, tuple[float | None, str | None, str | None]],
                   shown: dict[int, str]) -> tuple[dict, list[bytes]]:
    """A column's special cells as the head lists them (how many, their distinct units, statuses and
    own displays, whether any has a value) and as the blob holds them."""
    if type(specials) is RowStatuses:   # a text column's: every row, no value, no unit
        rows, values = np.arange(len(specials), dtype=np.int32), (None,)
        units, statuses = Coded.same(None, len(specials)), specials.statuses
    else:
        rows = np.fromiter(specials, dtype=np.int32, count=len(specials))
        values, units, statuses = zip(*specials.values())
        units, statuses = Coded.of(units), Coded.of(statuses)
    valued = values.count(None) < len(values)
    stored = [rows.tobytes(), units.codes.tobytes(), statuses.codes.tobytes()]
    head = {"count": len(specials), "units": units.values, "statuses": statuses.values, "valued": valued}
    if shown:
        displays = Coded.of([shown.get(i) for i in specials])
        head["displays"] = displays.values
        stored.append(displays.codes.tobytes())
    if valued:
        stored.append(np.array([np.nan if value is None else value for value in values], dtype=np.float64).tobytes())
    return head, stored


def _stored_figures(columns: list[np.ndarray]) -> list[tuple[int | None, bytes]]:
    """Each column's figures as stored, with their decimals: int32 counts of their last decimal, with
    the fewest decimals (up to a few) whose counts give back exactly the same floats (half the size:
    123.4 is 1234 tenths), else float64 (decimals None).

    The columns are tested together, each a row of one array, on their first rows before the whole:
    decimals that fail there fail on the whole column too, so most columns are tested whole once."""
    if not columns:
        return []
    figures = np.stack(columns).astype(np.float64, copy=False)
    stored: list[tuple[int | None, bytes] | None] = [None] * len(columns)
    # -0.0 keeps its sign (as float64); NaN and infinities fail the tests below
    open_ = ~(figures.view(np.int64) == np.int64(-1 << 63)).any(axis=1) & (figures.shape[1] > 0)
    for decimals in range(_MAX_DECIMALS + 1):
        at = np.flatnonzero(open_)
        if not len(at):
            break
        fits, exact, scaled = _counts(figures[at, :_TRIAL_ROWS], decimals)
        open_[at[~fits]] = False   # more decimals only make the numbers bigger
        if not exact.any():
            continue
        if figures.shape[1] > _TRIAL_ROWS:   # (a block of the trial's rows or fewer is tested whole already)
            at = at[exact]
            fits, exact, scaled = _counts(figures if len(at) == len(figures) else figures[at], decimals)
        counts = scaled[exact].astype(np.int32)
        for i, row in zip(np.flatnonzero(exact).tolist(), counts):
            stored[at[i]] = (decimals, row.tobytes())
        open_[at[exact | ~fits]] = False
    return [found or (None, figures[j].tobytes()) for j, found in enumerate(stored)]


def _counts(values: np.ndarray, decimals: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each row of ``values``: whether its counts of the ``decimals``-th decimal fit an int32, whether
    they give back exactly the same floats, and the counts."""
    scale = 10.0 ** decimals
    scaled = np.multiply(values, scale)
    np.rint(scaled, out=scaled)
    fits = (scaled.max(axis=1) < 2 ** 31) & (scaled.min(axis=1) > -2 ** 31)
    return fits, fits & (scaled / scale == values).all(axis=1), scaled


_OPTIONAL_TEXT = (str, type(None))
_PER_ROW = ("row_metrics", "row_units", "row_periods")
_COLUMN_FIELDS = {"position": int, "letter": str, "measure": str, "unit": _OPTIONAL_TEXT, "metric_id": str,
                  "period": _OPTIONAL_TEXT, "raw": bool, "factor": (int, float), "code": _OPTIONAL_TEXT,
                  "specials": list, "text_bytes": (int, type(None)), "decimals": (int, type(None))}


def _check_head(head: object, blob: bytes) -> None:
    """Every field of a block's head of the type and in the range an import writes, before any figure
    is decoded: a damaged or forged head (``"decimals": -400``) is refused, never turned into inf or NaN."""
    if not isinstance(head, dict) or not isinstance(head.get("sheet"), str):
        raise ValueError("its head is not a block head")
    rows = head.get("rows")
    if type(rows) is not int or not 0 <= rows <= len(blob):
        raise ValueError("its row count is out of range")
    for name in _CODED:
        values = head.get(name)
        if values is not None and not (isinstance(values, list) and all(isinstance(v, _OPTIONAL_TEXT) for v in values)):
            raise ValueError(f"its {name} are not texts")
    if not isinstance(head.get("labels"), list) or None in head["labels"]:   # every row has a label and a role
        raise ValueError("a row has no label")
    if not isinstance(head.get("roles"), list) or not set(head["roles"]) <= _ROLES:
        raise ValueError("a row's role is not one an import writes")
    if not isinstance(head.get("columns"), list):
        raise ValueError("its head lists no columns")
    for spec in head["columns"]:
        if not isinstance(spec, dict):
            raise ValueError("a column of its head is not a column")
        for name, kind in _COLUMN_FIELDS.items():
            value = spec.get(name)
            if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
                raise ValueError(f"a column's {name} is missing or of the wrong type")
        if spec["decimals"] is not None and not 0 <= spec["decimals"] <= _MAX_DECIMALS:
            raise ValueError(f"a column's decimals ({spec['decimals']}) are out of range")
        if not (math.isfinite(spec["factor"]) and 0 < abs(spec["factor"]) <= 1e9):
            raise ValueError("a column's factor is out of range")
        if spec["text_bytes"] is not None and (spec["text_bytes"] < 0 or not isinstance(spec.get("text_lengths"), bool)):
            raise ValueError("a column's texts are out of range")
        for name in _PER_ROW:
            values = spec.get(name)
            if values is not None and not (isinstance(values, list) and values
                                           and all(isinstance(v, _OPTIONAL_TEXT) for v in values)):
                raise ValueError(f"a column's {name} are not texts")
        cells = spec.get("special_cells")
        if cells is not None and not _special_cells_head(cells, rows):
            raise ValueError("a column's special cells are not special cells")
        for special in spec["specials"]:
            if not (isinstance(special, list) and len(special) == 4 and type(special[0]) is int
                    and 0 <= special[0] < rows and (special[1] is None or (type(special[1]) in (int, float)
                                                                          and in_range(special[1])))):
                raise ValueError("a column's special cells are out of range")
    if _too_long(head):
        raise ValueError(f"it holds a text over {MAX_TEXT:,} characters, longer than an import writes")


def _special_cells_head(cells: object, rows: int) -> bool:
    """Whether a column's ``special_cells`` head is one :func:`_special_cells` writes."""
    if not (isinstance(cells, dict) and type(cells.get("count")) is int and 0 < cells["count"] <= rows
            and type(cells.get("valued")) is bool):
        return False
    texts = [cells.get("units"), cells.get("statuses")] + ([cells["displays"]] if "displays" in cells else [])
    return all(isinstance(values, list) and values and all(isinstance(v, _OPTIONAL_TEXT) for v in values)
               for values in texts)


def _check_figures(values: np.ndarray, spec: dict, specials: dict) -> None:
    """Figures (other than the special cells, NaN by design) finite and within the pack's range."""
    scaled = np.abs(values * float(spec["factor"])) if spec["raw"] else np.abs(values)
    special = np.zeros(len(values), dtype=bool)
    special[np.fromiter(specials, dtype=np.int64, count=len(specials))] = True
    if not (np.isfinite(scaled) | special).all() or (scaled[~special] > MAX_FIGURE).any():
        raise ValueError("a figure is out of range")


def _read_special_cells(head: dict, blob: bytes, at: int, rows: int) -> tuple[dict, dict, int]:
    """A column's special cells from the blob at ``at`` (see :func:`_special_cells`), checked, their
    own displays, and where the blob goes on."""
    count, unit_of, status_of, display_of = head["count"], head["units"], head["statuses"], head.get("displays")
    ints = np.frombuffer(blob, dtype=np.int32, count=3 * count, offset=at).tolist()
    at += 12 * count
    shown = {}
    if display_of is not None:
        codes = np.frombuffer(blob, dtype=np.int32, count=count, offset=at).tolist()
        at += 4 * count
        if not _within(codes, display_of):
            raise ValueError("a special cell's code is out of range")
        shown = {row: display_of[code] for row, code in zip(ints[:count], codes) if display_of[code] is not None}
    found = [None] * count
    if head["valued"]:
        found = [None if v != v else v for v in np.frombuffer(blob, dtype=np.float64, count=count, offset=at).tolist()]
        at += 8 * count
    at_rows, units, statuses = ints[:count], ints[count:2 * count], ints[2 * count:]
    if min(at_rows) < 0 or max(at_rows) >= rows or len(set(at_rows)) != count \
            or not all(in_range(v) for v in found if v is not None):
        raise ValueError("a column's special cells are out of range")
    if not (_within(units, unit_of) and _within(statuses, status_of)):
        raise ValueError("a special cell's code is out of range")
    return dict(zip(at_rows, zip(found, map(unit_of.__getitem__, units), map(status_of.__getitem__, statuses)))), \
        shown, at


def _within(codes: list[int], values: list) -> bool:
    """Whether every one of ``codes`` (at least one) is a place in ``values``."""
    return min(codes) >= 0 and max(codes) < len(values)


def _too_long(head: dict) -> bool:
    """Whether a head's sheet, distinct texts or a column's heading or period is longer than an import
    writes (:mod:`memberpack.importers.long_texts`)."""
    columns = [spec[k] or "" for spec in head["columns"] for k in ("measure", "period")]
    return max(map(len, chain([head["sheet"]], columns, *(filter(None, head[name] or ()) for name in _CODED)))) > MAX_TEXT


def decode(head_json: str, blob: bytes) -> FigureBlock:
    try:
        head = json.loads(head_json)
        _check_head(head, blob)
        n = int(head["rows"])
        coded = [name for name in _CODED if head[name] is not None]
        specs = head["columns"]
        ints = np.frombuffer(blob, dtype=np.int32, count=n * (2 + len(coded))).reshape(2 + len(coded), n)
        at = ints.nbytes
        figures = []
        for spec in specs:
            decimals = spec["decimals"]
            stored = np.frombuffer(blob, dtype=np.float64 if decimals is None else np.int32, count=n, offset=at)
            at += stored.nbytes
            figures.append(stored if decimals is None else stored / 10.0 ** int(decimals))
        fields = {name: Coded(ints[2 + i], head[name]) for i, name in enumerate(coded)}
        for name, field in fields.items():
            if n and (field.codes.min() < 0 or field.codes.max() >= len(field.values)):
                raise ValueError(f"a {name} code out of range")
        columns = []
        for j, spec in enumerate(specs):
            displays = None
            if spec["text_bytes"] is not None:
                if spec["text_lengths"]:
                    lengths = np.frombuffer(blob, dtype=np.uint8, count=n, offset=at)
                    at += lengths.nbytes
                    offsets = np.zeros(n + 1, dtype=np.int32)
                    np.cumsum(lengths, out=offsets[1:])
                else:
                    offsets = np.frombuffer(blob, dtype=np.int32, count=n + 1, offset=at)
                    at += offsets.nbytes
                data = blob[at:at + spec["text_bytes"]]
                at += spec["text_bytes"]
                gaps = np.diff(offsets)
                if len(data) != spec["text_bytes"] or offsets[0] != 0 or offsets[-1] != len(data) \
                        or (n and not (gaps.min() >= 0 and gaps.max() <= 4 * MAX_TEXT)):   # (UTF-8: 4 bytes a character)
                    raise ValueError("text offsets out of range")
                displays = Texts(data, offsets)
            columns.append(BlockColumn(
                spec["position"], spec["letter"], spec["measure"], spec["unit"], spec["metric_id"], spec["period"],
                figures[j], spec["raw"], spec["factor"], displays,
                {int(i): (value, unit, status) for i, value, unit, status in spec["specials"]}, spec["code"]))
        for spec, col in zip(specs, columns):
            for name in _PER_ROW:
                if spec.get(name) is not None:
                    codes = np.frombuffer(blob, dtype=np.int32, count=n, offset=at)
                    at += codes.nbytes
                    if n and (codes.min() < 0 or codes.max() >= len(spec[name])):
                        raise ValueError(f"a column's {name} code out of range")
                    setattr(col, name, Coded(codes, spec[name]))
        for spec, col in zip(specs, columns):
            if spec.get("special_cells") is not None:
                col.specials, col.special_displays, at = _read_special_cells(spec["special_cells"], blob, at, n)
            _check_figures(col.values, spec, col.specials)
        if at != len(blob):
            raise ValueError("the figures are not the size the head gives")
        return FigureBlock(head["sheet"], ints[0], ints[1], columns=columns,
                           **{name: fields.get(name) for name in _CODED})
    except KeyError as exc:
        raise PackError(f"a stored block of figures cannot be read (its head has no {exc})") from None
    except (ValueError, TypeError, OverflowError, IndexError, RecursionError) as exc:
        raise PackError(f"a stored block of figures cannot be read ({exc})") from None
