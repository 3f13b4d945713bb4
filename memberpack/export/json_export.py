"""The pack as JSON, in the shape documented in DESIGN.md ("Command line")."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from memberpack.analysis.annotation_targets import ResolvedTarget, TargetResolver
from memberpack.export.notes_file import note_dict
from memberpack.model.values import in_range
from memberpack.store import annotation_store
from memberpack.store.pack import Pack


def _observations(pack: Pack) -> Iterator[dict]:
    for ds in pack.datasets():
        for obs in pack.iter_observations(ds.id):
            yield {"file": ds.source_file, "sha256": ds.sha256, "sheet": obs.sheet, "cell": obs.cell,
                   "label": obs.label, "section": obs.section, "measure": obs.measure, "period": obs.period,
                   "value": _number(obs.value), "unit": obs.unit, "display": obs.display, "status": obs.status}


def _annotations(pack: Pack, include_private: bool) -> list[dict]:
    resolver = TargetResolver(pack)
    return [_annotation(resolver.resolve(note))
            for note in annotation_store.all_notes(pack, include_private=include_private)]


def _annotation(resolved: ResolvedTarget) -> dict:
    """A note with its target, and where that target is now: the figure's cell and whether it changed."""
    obs, ds = resolved.observation, resolved.dataset
    current = None if obs is None or ds is None else {
        "file": ds.source_file, "sheet": obs.sheet, "cell": obs.cell, "measure": obs.measure,
        "period": obs.period, "value": _number(obs.value), "unit": obs.unit, "display": obs.display}
    return note_dict(resolved.note) | {"stale": resolved.stale, "missing": resolved.missing,
                                       "flag": resolved.flag, "current": current}


def _number(value: float | None) -> float | int | None:
    """Whole numbers as integers (9100000, not 9100000.0), as the documented shape shows; a figure
    beyond the range a pack holds (infinite, from an older memberpack) as null, since JSON has no
    Infinity or NaN."""
    if value is None or not in_range(value):
        return None
    if float(value).is_integer():
        return int(value)
    return value


def export_json(pack: Pack, out: str | Path, *, include_private: bool = False) -> Path:
    """Pack metadata, every observation of the latest datasets and the annotations, written to
    ``out`` through a ``.part`` file (replaced only when complete), one observation per line as it
    is read: a pack of millions of figures needs no more memory than a small one."""
    out = Path(out)
    tmp = out.with_name(out.name + ".part")
    try:
        with tmp.open("w", encoding="utf-8") as f:
            f.write('{\n "pack": ' + json.dumps(pack.meta(), ensure_ascii=False) + ',\n "observations": [')
            for i, obs in enumerate(_observations(pack)):
                f.write((",\n  " if i else "\n  ") + json.dumps(obs, ensure_ascii=False, allow_nan=False))
            annotations = json.dumps(_annotations(pack, include_private), indent=1, ensure_ascii=False,
                                     allow_nan=False)
            f.write('\n ],\n "annotations": ' + annotations.replace("\n", "\n ") + "\n}\n")
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(out)
    return out
