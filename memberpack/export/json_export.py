"""The pack as JSON, in the shape documented in DESIGN.md ("Command line")."""

from __future__ import annotations

import json
from pathlib import Path

from memberpack.analysis.annotation_targets import ResolvedTarget, TargetResolver
from memberpack.export.notes_file import note_dict
from memberpack.store import annotation_store
from memberpack.store.pack import Pack


def pack_document(pack: Pack, *, include_private: bool = False) -> dict:
    """Pack metadata, every observation of the latest datasets, and the annotations."""
    observations = []
    for ds in pack.datasets():
        for obs in pack.observations(ds.id):
            observations.append({
                "file": ds.source_file, "sha256": ds.sha256, "sheet": obs.sheet, "cell": obs.cell,
                "label": obs.label, "section": obs.section, "measure": obs.measure, "period": obs.period,
                "value": _number(obs.value), "unit": obs.unit, "display": obs.display, "status": obs.status,
            })
    resolver = TargetResolver(pack)
    annotations = [_annotation(resolver.resolve(note))
                   for note in annotation_store.all_notes(pack, include_private=include_private)]
    return {"pack": pack.meta(), "observations": observations, "annotations": annotations}


def _annotation(resolved: ResolvedTarget) -> dict:
    """A note with its target, and where that target is now: the figure's cell and whether it changed."""
    obs, ds = resolved.observation, resolved.dataset
    current = None if obs is None or ds is None else {
        "file": ds.source_file, "sheet": obs.sheet, "cell": obs.cell, "measure": obs.measure,
        "period": obs.period, "value": _number(obs.value), "unit": obs.unit, "display": obs.display}
    return note_dict(resolved.note) | {"stale": resolved.stale, "missing": resolved.missing,
                                       "flag": resolved.flag, "current": current}


def _number(value: float | None) -> float | int | None:
    """Whole numbers as integers (9100000, not 9100000.0), as the documented shape shows."""
    if value is not None and float(value).is_integer():
        return int(value)
    return value


def export_json(pack: Pack, out: str | Path, *, include_private: bool = False) -> Path:
    out = Path(out)
    tmp = out.with_name(out.name + ".part")
    tmp.write_text(json.dumps(pack_document(pack, include_private=include_private), indent=1,
                              ensure_ascii=False), encoding="utf-8")
    tmp.replace(out)
    return out
