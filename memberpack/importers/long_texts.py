"""Texts longer than a pack holds (:data:`~memberpack.model.observation.MAX_TEXT` characters, Excel's
limit for a cell) cut as a table's figures are read: a CSV field or an .ods cell may hold a million.

A block's texts are looked at once each (its distinct labels, sections and headings, and its cells'
texts by their lengths); rows read cell by cell a field at a time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from operator import attrgetter

import numpy as np

from memberpack.importers.found_table import Part
from memberpack.model.blocks import Coded, FigureBlock, Texts
from memberpack.model.observation import MAX_TEXT, Observation, cut_text

_CODED = ("labels", "sections", "periods", "areas")
_TEXTS = attrgetter("label", "measure", "display", "sheet")
_FIELDS = [attrgetter(name) for name in ("label", "measure", "display", "sheet", "section", "period", "status")]


def cut_long_texts(parts: Iterator[Part]) -> Iterator[Part]:
    """``parts`` with every text over :data:`MAX_TEXT` characters cut (:func:`cut_text`)."""
    for part in parts:
        if isinstance(part, FigureBlock):
            part = _cut_block(part)
        elif type(part) is list and part and _longest(part) > MAX_TEXT:
            part = [_cut_observation(o) for o in part]
        yield part


def _longest(row: list[Observation]) -> int:
    """The length of the longest text in a row (each field's in C)."""
    return max(max(map(len, filter(None, map(field, row))), default=0) for field in _FIELDS)


def _cut_observation(o: Observation) -> Observation:
    if max(map(len, (*_TEXTS(o), o.section or "", o.period or "", o.status or ""))) <= MAX_TEXT:
        return o
    return replace(o, label=cut_text(o.label), measure=cut_text(o.measure), display=cut_text(o.display),
                   sheet=cut_text(o.sheet), section=o.section and cut_text(o.section),
                   period=o.period and cut_text(o.period), status=o.status and cut_text(o.status))


def _cut_block(block: FigureBlock) -> FigureBlock:
    """The block with its distinct texts, headings and cell texts cut where one is too long."""
    for name in _CODED:
        coded = getattr(block, name)
        if coded is not None and max(map(len, filter(None, coded.values)), default=0) > MAX_TEXT:   # (texts or None)
            setattr(block, name, Coded(coded.codes, [v and cut_text(v) for v in coded.values]))
    block.sheet = cut_text(block.sheet)
    for column in block.columns:
        column.measure = cut_text(column.measure)
        if column.period is not None:
            column.period = cut_text(column.period)
        texts = column.displays
        if texts is not None and len(texts.data) > MAX_TEXT and int(np.diff(texts.offsets).max()) > MAX_TEXT:
            column.displays = Texts.of([cut_text(t) for t in texts.tolist()])
    return block
