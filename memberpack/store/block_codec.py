"""A :class:`FigureBlock` as stored in the pack: a JSON head and one blob of arrays.

The head names every column and the distinct texts of each per-row field; the blob holds, back
to back in the order the head lists them, the int32 row arrays, each column's figures (float64,
or int32 counts of their last decimal when that is exact), and each text column's lengths (one
byte each when all are short, else int32 offsets) and UTF-8 bytes. Nothing is ever unpickled: a pack shared by
somebody else is only data, and a blob that does not match its head is refused.
"""

from __future__ import annotations

import json

import numpy as np

from memberpack.errors import PackError
from memberpack.model.blocks import BlockColumn, Coded, FigureBlock, Texts

_CODED = ("labels", "sections", "roles", "periods", "areas")
_MAX_DECIMALS = 4


def encode(block: FigureBlock) -> tuple[str, bytes]:
    """(head, blob) for the ``observation_block`` row."""
    ints = [block.rows, block.lines]
    head: dict = {"sheet": block.sheet, "rows": len(block), "columns": []}
    for name in _CODED:
        coded = getattr(block, name)
        head[name] = None if coded is None else coded.values
        if coded is not None:
            ints.append(coded.codes)
    texts = []
    for col in block.columns:
        head["columns"].append({
            "position": col.position, "letter": col.letter, "measure": col.measure, "unit": col.unit,
            "metric_id": col.metric_id, "period": col.period, "raw": col.raw, "factor": col.factor, "code": col.code,
            "specials": [[i, *cell] for i, cell in col.specials.items()],
            "text_bytes": None if col.displays is None else len(col.displays.data)})
        if col.displays is not None:
            lengths = np.diff(col.displays.offsets)
            short = not len(lengths) or int(lengths.max()) < 256   # one byte a length, not four an offset
            head["columns"][-1]["text_lengths"] = short
            texts += [lengths.astype(np.uint8).tobytes() if short else
                      np.ascontiguousarray(col.displays.offsets, dtype=np.int32).tobytes(), col.displays.data]
    parts = [np.ascontiguousarray(a, dtype=np.int32).tobytes() for a in ints]
    figures = np.column_stack([c.values for c in block.columns]) if block.columns else np.zeros((0, 0))
    for j, (spec, decimals) in enumerate(zip(head["columns"], _decimals(figures))):
        spec["decimals"] = decimals
        column = figures[:, j]
        parts.append((column if decimals is None else np.rint(column * 10.0 ** decimals).astype(np.int32)).tobytes())
    return json.dumps(head, separators=(",", ":")), b"".join(parts + texts)


def _decimals(figures: np.ndarray) -> list[int | None]:
    """For each column, the fewest decimals (up to a few) whose whole int32 counts give back
    exactly the same floats (half the size: 123.4 is 1234 tenths), or None to keep float64."""
    found: list[int | None] = [None] * figures.shape[1]
    open_ = np.isfinite(figures).all(axis=0) & ~(np.signbit(figures) & (figures == 0)).any(axis=0)  # -0.0 stays
    open_ &= figures.shape[0] > 0
    for decimals in range(_MAX_DECIMALS + 1):
        columns = np.flatnonzero(open_)
        if not len(columns):
            break
        values = figures[:, columns]
        scaled = np.rint(values * 10.0 ** decimals)
        fits = (np.abs(scaled) < 2 ** 31).all(axis=0)
        exact = fits & (scaled / 10.0 ** decimals == values).all(axis=0)
        for c in columns[exact].tolist():
            found[c] = decimals
        open_[columns[exact | ~fits]] = False   # more decimals only make the numbers bigger
    return found


def decode(head_json: str, blob: bytes) -> FigureBlock:
    try:
        head = json.loads(head_json)
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
                if len(data) != spec["text_bytes"] or offsets[0] != 0 or offsets[-1] != len(data) \
                        or (n and np.diff(offsets).min() < 0):
                    raise ValueError("text offsets out of range")
                displays = Texts(data, offsets)
            columns.append(BlockColumn(
                spec["position"], spec["letter"], spec["measure"], spec["unit"], spec["metric_id"], spec["period"],
                figures[j], spec["raw"], spec["factor"], displays,
                {int(i): (value, unit, status) for i, value, unit, status in spec["specials"]}, spec["code"]))
        if at != len(blob):
            raise ValueError("the figures are not the size the head gives")
        return FigureBlock(head["sheet"], ints[0], ints[1], columns=columns,
                           **{name: fields.get(name) for name in _CODED})
    except KeyError as exc:
        raise PackError(f"a stored block of figures cannot be read (its head has no {exc})") from None
    except (ValueError, TypeError, OverflowError) as exc:
        raise PackError(f"a stored block of figures cannot be read ({exc})") from None
