"""What a note is attached to, in the app's terms: the figure, row, chart or table selected.

Targets name figures by dataset key, label, section and measure (not row ids), so a note finds
its figure again after next month's import, and can tell when that figure has changed.
"""

from __future__ import annotations

from memberpack.model.annotations import CHART, DATASET, OBSERVATION, PACK, Annotation, Target
from memberpack.model.charts import ChartSpec
from memberpack.model.observation import Dataset, Observation
from memberpack.store.pack import Pack


def of_observation(dataset: Dataset, obs: Observation) -> Target:
    return Target(OBSERVATION, dataset.key, obs.metric_id, obs.label, obs.section, obs.measure, obs.period,
                  obs.value, obs.display)


def of_row(dataset: Dataset, label: str, section: str | None, metric_id: str | None) -> Target:
    return Target(OBSERVATION, dataset.key, metric_id, label, section)


def of_chart(spec: ChartSpec) -> Target:
    return Target(CHART, spec.dataset_key, chart_id=spec.id, label=spec.title)


def of_dataset(dataset: Dataset) -> Target:
    return Target(DATASET, dataset.key, label=dataset.name)


def describe(target: Target) -> str:
    """A short line naming what a note is about, for the panel and the list."""
    if target.type == PACK:
        return "The whole pack"
    if target.type == CHART:
        return f"Chart: {target.label or target.chart_id}"
    if target.type == DATASET:
        return f"Table: {target.label or target.dataset_key}"
    where = f"{target.label}" + (f" ({target.section})" if target.section else "")
    if target.measure:
        return f"{where} – {target.measure}: {target.display}"
    return f"Row: {where}"


def same_place(a: Target, b: Target) -> bool:
    """Whether two targets name the same figure, row, chart or table (whatever its value now)."""
    return (a.type, a.dataset_key, a.label if a.type != CHART else None, a.section, a.measure, a.chart_id) == \
           (b.type, b.dataset_key, b.label if b.type != CHART else None, b.section, b.measure, b.chart_id)


def current_observation(pack: Pack, target: Target) -> Observation | None:
    """The figure a note on one observation points at in the latest import, if it is still there."""
    if target.type != OBSERVATION or not target.measure:
        return None
    dataset = next((d for d in pack.datasets() if d.key == target.dataset_key), None)
    if dataset is None:
        return None
    return next((o for o in pack.observations(dataset.id) if (o.label, o.section, o.measure) ==
                 (target.label, target.section, target.measure)), None)


def changed_since_written(pack: Pack, note: Annotation) -> str | None:
    """A warning when the noted figure differs from the value it had when the note was written."""
    target = note.target
    if target.type != OBSERVATION or not target.measure:
        return None
    now = current_observation(pack, target)
    if now is None:
        return "The figure this note is about is no longer in the pack."
    if now.value != target.value:
        return f"The figure has changed since this note was written: it was {target.display}, it is now {now.display}."
    return None
