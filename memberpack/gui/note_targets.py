"""What a note is attached to, in the app's terms: the figure, row, chart or table selected.

Targets name figures by dataset key, label, section and measure (not row ids), so a note finds
its figure again after next month's import; :mod:`memberpack.analysis.annotation_targets` says
whether that figure has changed since.
"""

from __future__ import annotations

from memberpack.analysis.annotation_targets import figure_text, observation_target
from memberpack.model.annotations import CHART, DATASET, METRIC, OBSERVATION, PACK, Target
from memberpack.model.bidi import closed_bidi
from memberpack.model.charts import ChartSpec
from memberpack.model.metrics import metric
from memberpack.model.observation import Dataset

of_observation = observation_target


def of_row(dataset: Dataset, label: str, section: str | None, metric_id: str | None) -> Target:
    """A whole row: the measure it reports (``metric_id``), as labelled in this table."""
    return Target(METRIC, dataset.key, metric_id or "other", label, section)


def of_chart(spec: ChartSpec) -> Target:
    return Target(CHART, spec.dataset_key, chart_id=spec.id, label=spec.title)


def of_dataset(dataset: Dataset) -> Target:
    return Target(DATASET, dataset.key, label=dataset.name)


def describe(target: Target, shown: str | None = None) -> str:
    """A short line naming what a note is about, for the panel and the list; the figure as a
    councillor reads it (``shown``, else the value noted: £10.4m, not 10.4). A bidi control a name
    opens is closed at its end (:func:`closed_bidi`): it reorders nothing after it on the line."""
    if target.type == PACK:
        return "The whole pack"
    if target.type == CHART:
        return f"Chart: {closed_bidi(target.label or target.chart_id or '')}"
    if target.type == DATASET:
        return f"Table: {closed_bidi(target.label or target.dataset_key)}"
    if target.type not in (OBSERVATION, METRIC) or not target.label:
        return closed_bidi(target.describe())
    where = closed_bidi(target.label) + (f" ({closed_bidi(target.section)})" if target.section else "")
    if target.measure:
        return f"{where} – {closed_bidi(target.measure)}: " \
               f"{shown or figure_text(target.value, _unit(target), target.display)}"
    return f"Row: {where}"


def _unit(target: Target) -> str | None:
    """The unit of a noted figure, from the metric it was matched to when the note was written."""
    found = metric(target.metric_id or "other")
    return found.unit if found.id != "other" else None


def same_place(a: Target, b: Target) -> bool:
    """Whether two targets name the same figure, row, chart or table (whatever its value now)."""
    return (a.type, a.dataset_key, a.label if a.type != CHART else None, a.section, a.measure, a.chart_id) == \
           (b.type, b.dataset_key, b.label if b.type != CHART else None, b.section, b.measure, b.chart_id)
