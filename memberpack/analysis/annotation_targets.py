"""Finding the figure a note is about in the pack as it is now, and whether it has changed.

A note names its figure by table key, row label, section and column, never by row id, so next
month's return of the same table still holds it. A column is matched exactly first, then by its
role with the period words taken out: ``Month 6 Variance £m`` becomes ``Month 7 Variance £m``
next month and is still the variance column. When the figure's value differs from the one the
note was written against, the note is flagged "figure changed: was £10.4m, now £11.1m".

The GUI and the PDF use :func:`resolve` (or :class:`TargetResolver` for many notes at once).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from memberpack.analysis.charts import money_text
from memberpack.analysis.narrative import signed_money
from memberpack.model.annotations import CHART, DATASET, METRIC, OBSERVATION, Annotation, Target
from memberpack.model.conventions import Convention, scale_of
from memberpack.model.display import fraction_text
from memberpack.model.grid import Grid
from memberpack.model.metrics import BY_ID
from memberpack.model.monitor_columns import earlier_of
from memberpack.model.observation import Dataset, Observation
from memberpack.model.periods import parse_period
from memberpack.model.units import GBP, find_unit
from memberpack.store.pack import Pack

_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
           "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec")
_PERIOD_WORDS = re.compile(
    r"\b(?:month|period|m|p)\s*\d{1,2}\b|\b(?:quarter\s*|q)[1-4]\b|\byear[\s-]*end\b|"
    r"\b(?:19|20)?\d{2}\s*[/\-–]\s*(?:19|20)?\d{2}\b|\b(?:19|20)\d{2}\b|\b(?:" + _MONTHS + r")\b", re.IGNORECASE)
_UNIT_WORDS = re.compile(r"£\s*(?:bn|m|k|'?000s?)?|%", re.IGNORECASE)


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def measure_role(measure: str | None) -> str:
    """A column header without its period and unit words: what the column is, month after month.

    Empty when the header is only a period (``Q1``, ``Sep 2023``): such a column is matched exactly.
    """
    text = _UNIT_WORDS.sub(" ", _PERIOD_WORDS.sub(" ", measure or ""))
    return " ".join(re.findall(r"[a-z0-9]+", text.casefold()))


def figure_text(value: float | None, unit: str | None, display: str | None) -> str:
    """A figure as a member reads it: money in its table's own scale (£10.4m beside a table in £m,
    (£0.5m), not (£500k)), a percentage written as its fraction as the percentage (34.5%, not 0.345),
    anything else as the source showed it."""
    if unit == GBP and value is not None:
        if not display:
            return money_text(value)
        scale, decimals = scale_of([Observation("", "", value, GBP, display)])
        return signed_money(value, Convention(scale=scale, decimals=decimals))
    if display:
        return fraction_text(value, unit, display) or display
    return "blank" if value is None else f"{value:g}"


def _same_value(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


@dataclass(frozen=True, slots=True)
class ResolvedTarget:
    """Where a note's target is in the pack now.

    ``dataset`` and ``observation`` are the latest table and figure (None when not a table or
    figure note, or when ``missing``). ``stale`` is True when the figure's value differs from the
    one the note was written against; ``was_text``/``now_text`` are both values as a member reads
    them (``£10.4m``). ``flag`` is the one line to show beside the note, or None.
    """

    note: Annotation
    dataset: Dataset | None = None
    observation: Observation | None = None
    missing: bool = False
    stale: bool = False
    was_text: str | None = None
    now_text: str | None = None

    @property
    def flag(self) -> str | None:
        if self.missing:
            kind = {OBSERVATION: "figure", METRIC: "measure"}.get(self.note.target.type, "table")
            was = f"; it was {self.was_text}" if self.was_text else ""
            return f"{kind} no longer in the pack{was}"
        if self.stale:
            return f"figure changed: was {self.was_text}, now {self.now_text}"
        return None

    @property
    def figure(self) -> str:
        """The figure as named in lists: label · column (value); a negative figure, in brackets
        already, after a comma (``High Needs · Carry forward, (£44.9m)``, not ``((£44.9m))``)."""
        target = self.note.target
        text = target.describe()
        shown = self.now_text or self.was_text
        if not shown:
            return text
        return f"{text}, {shown}" if shown.startswith("(") and shown.endswith(")") else f"{text} ({shown})"


class TargetResolver:
    """Resolves many notes against one pack, reading each table's figures once."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self._latest = {ds.key: ds for ds in pack.datasets()}
        self._rows: dict[int, dict[tuple[str, str], list[Observation]]] = {}

    def _row(self, dataset: Dataset, label: str | None, section: str | None) -> list[Observation]:
        """The figures of one row of a table, found through an index built on first use."""
        if dataset.id not in self._rows:
            index: dict[tuple[str, str], list[Observation]] = {}
            for obs in self.pack.observations(dataset.id):
                index.setdefault((_norm(obs.label), _norm(obs.section)), []).append(obs)
            self._rows[dataset.id] = index
        return self._rows[dataset.id].get((_norm(label), _norm(section)), [])

    def resolve(self, note: Annotation) -> ResolvedTarget:
        target = note.target
        if target.type in (DATASET, CHART):
            key = target.dataset_key or (target.chart_id or "").partition("#")[0]
            dataset = self._latest.get(key)
            return ResolvedTarget(note, dataset=dataset, missing=dataset is None)
        if target.type == METRIC:
            return ResolvedTarget(note, missing=target.metric_id not in BY_ID)
        if target.type != OBSERVATION:
            return ResolvedTarget(note)
        found = self._find(target)
        if found is None:
            unit = find_unit(target.measure)
            was = figure_text(target.value, unit.base if unit else None, target.display)
            return ResolvedTarget(note, missing=True, was_text=was)
        dataset, obs = found
        was = figure_text(target.value, obs.unit, target.display)
        now = figure_text(obs.value, obs.unit, obs.display)
        changed = not _same_value(target.value, obs.value) or (
            target.value is None and _norm(target.display) != _norm(obs.display))
        return ResolvedTarget(note, dataset, obs, stale=changed, was_text=was, now_text=now)

    def _find(self, target: Target) -> tuple[Dataset, Observation] | None:
        """The figure for ``target``: same table if it is still there, else any table; same
        label and section; the same column exactly, else the same column by role."""
        home = self._latest.get(target.dataset_key or "")
        tables = [home] if home is not None else list(self._latest.values())
        rows = [(ds, o) for ds in tables for o in self._row(ds, target.label, target.section)]
        exact = [(ds, o) for ds, o in rows if _norm(o.measure) == _norm(target.measure)
                 and (not target.period or not o.period or _norm(o.period) == _norm(target.period))]
        if exact:
            return exact[0]
        role = measure_role(target.measure)
        by_role = [(ds, o) for ds, o in rows if role and measure_role(o.measure) == role]
        return by_role[0] if by_role else None


def resolve(pack: Pack, note: Annotation) -> ResolvedTarget:
    """Where ``note``'s target is now and whether its figure changed (see :class:`ResolvedTarget`)."""
    return TargetResolver(pack).resolve(note)


def observation_target(dataset: Dataset, obs: Observation) -> Target:
    """The target for a note on ``obs``, remembering its value as it is now."""
    return Target(type=OBSERVATION, dataset_key=dataset.key, metric_id=obs.metric_id, label=obs.label,
                  section=obs.section, measure=obs.measure, period=obs.period, value=obs.value,
                  display=obs.display)


def tables_matching(pack: Pack, words: str) -> list[Dataset]:
    """The latest tables whose key, name or source file contains ``words`` (any case)."""
    return [ds for ds in pack.datasets() if any(_norm(words) in _norm(t) for t in (ds.key, ds.name, ds.source_file))]


def find_figures(pack: Pack, label: str, *, measure: str | None = None, period: str | None = None,
                 dataset: str | None = None, section: str | None = None) -> list[tuple[Dataset, Observation]]:
    """The figures of the latest tables a member means by ``label`` (and optional column, period,
    table and section words: ``Central`` is under two sections of one monitor). Exact
    (case-insensitive) label and column matches are preferred to partial ones.
    """
    tables = tables_matching(pack, dataset) if dataset else pack.datasets()
    figures = [(ds, o) for ds in tables for o in pack.observations(ds.id)]
    figures = _prefer_exact(figures, label, lambda o: o.label)
    if measure:
        figures = _prefer_exact(figures, measure, lambda o: o.measure)
    if period:
        figures = [(ds, o) for ds, o in figures if _same_period(period, o)]
    if section:
        figures = [(ds, o) for ds, o in figures if _norm(section) in _norm(o.section)]
    return _prefer_current(pack, figures) if measure else figures


def _prefer_current(pack: Pack, figures: list[tuple[Dataset, Observation]]) -> list[tuple[Dataset, Observation]]:
    """``figures`` without those of a column that is last period's beside this period's of one
    table (``P8 Forecast Variance`` beside ``P9 Forecast Variance``): a member asking for the
    variance means this month's."""
    earlier = set()
    for ds in {ds.id: ds for ds, _ in figures}.values():
        columns = list(dict.fromkeys(o.measure for d, o in figures if d.id == ds.id))
        if len(columns) > 1:
            grid = Grid.of(pack.observations(ds.id))
            earlier |= {(ds.id, earlier_of(grid, c, columns)) for c in columns}
    return [(ds, o) for ds, o in figures if (ds.id, o.measure) not in earlier]


def _same_period(text: str, obs: Observation) -> bool:
    """Whether ``obs`` is of the period a member wrote (``Month 6`` fits ``2023/24 Month 6``, not ``Month 16``)."""
    wanted = parse_period(text)
    if wanted is None:
        return _norm(text) in _norm(obs.period) or _norm(text) in _norm(obs.measure)
    found = parse_period(obs.period) or parse_period(obs.measure)
    return found is not None and (found.kind, found.index) == (wanted.kind, wanted.index) and (
        wanted.year is None or found.year in (None, wanted.year))


def _prefer_exact(figures: list[tuple[Dataset, Observation]], text: str, field) -> list[tuple[Dataset, Observation]]:
    wanted = _norm(text)
    exact = [(ds, o) for ds, o in figures if _norm(field(o)) == wanted]
    return exact or [(ds, o) for ds, o in figures if wanted in _norm(field(o))]
