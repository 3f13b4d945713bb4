"""The pack as JSON, in the shape documented in DESIGN.md ("Command line")."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from memberpack.analysis.annotation_targets import ResolvedTarget, TargetResolver
from memberpack.analysis.output_version import PUBLIC, output_pack
from memberpack.errors import MemberpackError
from memberpack.export.notes_file import note_dict
from memberpack.model.front_matter import RECOMMENDATIONS, recommendations
from memberpack.model.observation import Observation
from memberpack.model.units import NUMBER
from memberpack.model.values import in_range
from memberpack.store import annotation_store
from memberpack.store.atomic_write import atomic_write
from memberpack.store.pack import Pack


def _observations(pack: Pack) -> Iterator[dict]:
    for ds in pack.datasets():
        for obs in pack.iter_observations(ds.id):
            yield {"file": ds.source_file, "sha256": ds.sha256, "sheet": obs.sheet, "cell": obs.cell,
                   "label": obs.label, "section": obs.section, "measure": obs.measure, "period": obs.period,
                   "value": _number(obs.value), "unit": _unit(obs), "display": obs.display, "status": obs.status}


def _annotations(pack: Pack, include_private: bool) -> list[dict]:
    resolver = TargetResolver(pack)
    return [_annotation(resolver.resolve(note))
            for note in annotation_store.all_notes(pack, include_private=include_private)]


def _annotation(resolved: ResolvedTarget) -> dict:
    """A note with its target, and where that target is now: the figure's cell and whether it changed."""
    obs, ds = resolved.observation, resolved.dataset
    current = None if obs is None or ds is None else {
        "file": ds.source_file, "sheet": obs.sheet, "cell": obs.cell, "measure": obs.measure,
        "period": obs.period, "value": _number(obs.value), "unit": _unit(obs), "display": obs.display}
    return note_dict(resolved.note) | {"stale": resolved.stale, "missing": resolved.missing,
                                       "flag": resolved.flag, "current": current}


def _unit(obs: Observation) -> str | None:
    """One of DESIGN.md's base units for every figure: a figure read with no unit (a score, an
    Attainment 8 gap, a number on roll) is a plain ``number``; a mark with no figure has none."""
    return obs.unit or (NUMBER if _number(obs.value) is not None else None)


def _number(value: float | None) -> float | int | None:
    """Whole numbers as integers (9100000, not 9100000.0), as the documented shape shows; a figure
    beyond the range a pack holds (infinite, from an older memberpack) as null, since JSON has no
    Infinity or NaN."""
    if value is None or not in_range(value):
        return None
    if float(value).is_integer():
        return int(value)
    return value


def export_json(pack: Pack, out: str | Path, *, include_private: bool = False, version: str = PUBLIC) -> Path:
    """Pack metadata, the output ``version`` (public or full, see
    :mod:`memberpack.analysis.output_version`), every observation of the latest datasets it carries
    and the annotations, written to ``out`` atomically, one observation per line as it is read: a
    pack of millions of figures needs no more memory than a small one."""
    out = Path(out)
    with output_pack(pack, version, include_private=include_private) as (view, ov):
        try:
            with atomic_write(out, encoding="utf-8") as f:
                meta = view.meta()
                pack_part = meta | {RECOMMENDATIONS: recommendations(meta),   # a list, not the JSON text kept
                                    "output": ov.to_dict()}  # which version, and what it left out
                f.write('{\n "pack": ' + json.dumps(pack_part, ensure_ascii=False) + ',\n "observations": [')
                for i, obs in enumerate(_observations(view)):
                    f.write((",\n  " if i else "\n  ") + json.dumps(obs, ensure_ascii=False, allow_nan=False))
                annotations = json.dumps(_annotations(view, include_private), indent=1, ensure_ascii=False,
                                         allow_nan=False)
                f.write('\n ],\n "annotations": ' + annotations.replace("\n", "\n ") + "\n}\n")
        except OSError as exc:
            raise MemberpackError(f"{out}: cannot write the JSON export ({exc.strerror or exc})") from None
    return out
