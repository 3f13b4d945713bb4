"""What each version of an output carries: the one place every output (PDF, JSON, notes file,
screenshots, the HTML briefing) asks.

- ``public`` (the default: a clerk opts in to anything else) leaves out every exempt table (every
  version of its key), with its charts, comparisons, headline and "what changed" lines, and every
  note on it or marked exempt itself, putting "Exempt information (paragraph N of Schedule 12A):
  not for publication" in its place;
- ``full`` carries them, and every page says "NOT FOR PUBLICATION - contains exempt information".

Private notes are a separate switch (``include_private``); a copy carrying them says "PRIVATE -
contains members' private notes" on every page.

Rather than every output filtering (and one day forgetting to), :func:`output_pack` hands outputs
a pack that simply does not hold what the version leaves out: an in-memory copy of the pack with
those tables, notes, note histories, classifications and remembered layouts deleted. When the
version leaves nothing out, it is the pack itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from memberpack.errors import MemberpackError
from memberpack.model.annotations import CHART, METRIC, SHARED, Annotation
from memberpack.store import annotation_store, classification
from memberpack.store.classification import Exemption
from memberpack.store.pack import Pack

PUBLIC, FULL = "public", "full"
VERSIONS = (PUBLIC, FULL)
PRIVATE_MARK = "PRIVATE - contains members' private notes"


def placeholder(paragraph: int) -> str:
    return f"Exempt information (paragraph {paragraph} of Schedule 12A): not for publication"


@dataclass(frozen=True, slots=True)
class Withheld:
    """An exempt table a public version left out, as much of it as may be said: where it was and why."""

    domain: str
    paragraph: int

    @property
    def text(self) -> str:
        return placeholder(self.paragraph)


@dataclass(frozen=True, slots=True)
class OutputVersion:
    name: str
    include_private: bool
    paragraphs: tuple[int, ...] = ()      # the exempt paragraphs this output carries (full version)
    withheld: tuple[Withheld, ...] = ()   # what this output left out (public version)
    notes_withheld: int = 0
    exempt: bool = False                  # carries exempt information (paragraphs may be unknown: a whole pack)

    @property
    def marking(self) -> str:
        """The one line every page header carries."""
        parts = []
        if self.exempt:
            numbers = ", ".join(map(str, self.paragraphs))
            which = f", paragraph{'s' if len(self.paragraphs) > 1 else ''} {numbers} of Schedule 12A" if numbers else ""
            parts.append(f"NOT FOR PUBLICATION - contains exempt information{which}")
        if self.include_private:
            parts.append(PRIVATE_MARK)
        return " · ".join(parts) or "PUBLIC"

    @property
    def warnings(self) -> list[str]:
        """What the cover (or the front of any output) says under the marking about this version."""
        lines = []
        if self.withheld or self.notes_withheld:
            lines.append(f"Exempt information left out: {len(self.withheld)} table(s) and {self.notes_withheld} "
                         "note(s), each marked where it was.")
        if self.include_private:
            lines.append("This copy includes members' private notes. Do not publish or circulate it.")
        return lines

    def withheld_in(self, domain: str) -> list[Withheld]:
        return [w for w in self.withheld if w.domain == domain]

    def to_dict(self) -> dict:
        return {"version": self.name, "marking": self.marking, "private_notes": self.include_private,
                "withheld": [{"paragraph": w.paragraph, "text": w.text} for w in self.withheld]}


def check_version(name: str) -> str:
    if name not in VERSIONS:
        raise MemberpackError(f"--version: choose public or full, not {name!r}")
    return name


def note_exemptions(pack: Pack, notes: list[Annotation] | None = None) -> dict[str, Exemption]:
    """The exempt notes (uid -> exemption): marked exempt themselves, or on an exempt table, a
    figure or chart of one, or a measure an exempt table holds."""
    tables = classification.exemptions(pack, classification.DATASET)
    own = classification.exemptions(pack, classification.NOTE)
    from memberpack.analysis.annotation_targets import TargetResolver  # noqa: PLC0415 - the charts' analysis: not on the app's start path

    notes = annotation_store.all_notes(pack) if notes is None else notes
    resolver = TargetResolver(pack)
    exempt_metrics: dict[str, Exemption] = {}
    if any(n.target.type == METRIC for n in notes):
        for ds in pack.datasets():
            if ds.key in tables:
                for obs in pack.iter_observations(ds.id):
                    exempt_metrics.setdefault(obs.metric_id, tables[ds.key])
    found = {}
    for note in notes:
        target = note.target
        keys = {target.dataset_key, (target.chart_id or "").partition("#")[0] if target.type == CHART else None}
        resolved = resolver.resolve(note).dataset
        keys.add(resolved.key if resolved is not None else None)
        by_table = [tables[k] for k in keys if k in tables]
        if target.type == METRIC and target.metric_id in exempt_metrics:
            by_table.append(exempt_metrics[target.metric_id])
        reasons = ([own[note.uid]] if note.uid in own else []) + by_table
        if reasons:
            found[note.uid] = reasons[0]
    return found


@contextmanager
def output_pack(pack: Pack, version: str = PUBLIC, *, include_private: bool = False
                ) -> Iterator[tuple[Pack, OutputVersion]]:
    """The pack an output of ``version`` is made from, and what to say about it (see the module)."""
    check_version(version)
    meta = pack.meta()
    whole = classification.pack_classification(meta) == classification.EXEMPT_PACK
    if version == PUBLIC and whole:
        unknown = classification.unknown_classification(meta)
        if unknown is not None:   # damaged or edited by hand: the most restrictive reading
            raise MemberpackError(f"{pack.path.name}: the pack's classification {unknown}, so it is taken as Exempt "
                                  "and has no public version; give --version full, or set it with `memberpack "
                                  f"details {pack.path.name} --classification Public` (or Exempt)")
        raise MemberpackError(f"{pack.path.name}: the whole pack is marked Exempt, so it has no public version; "
                              "give --version full, or mark the pack Public and classify its exempt tables")
    tables = classification.exemptions(pack, classification.DATASET)
    notes = annotation_store.all_notes(pack)
    exempt_notes = note_exemptions(pack, notes)
    # anything not plainly shared counts as private (a crafted pack may hold other values)
    private = [n.uid for n in notes if n.visibility != SHARED] if not include_private else []
    carried = [n for n in notes if include_private or n.visibility == SHARED]
    if version == FULL:
        paragraphs = {e.paragraph for k, e in tables.items() if _has_table(pack, k)}
        paragraphs |= {exempt_notes[n.uid].paragraph for n in carried if n.uid in exempt_notes}
        withheld_tables, withheld_notes = [], []
        ov = OutputVersion(FULL, include_private, tuple(sorted(paragraphs)), exempt=whole or bool(paragraphs))
    else:
        withheld_tables = [k for k in tables if _has_table(pack, k)]
        withheld_notes = [n.uid for n in carried if n.uid in exempt_notes]
        withheld = tuple(Withheld(ds.domain, tables[ds.key].paragraph) for ds in pack.datasets() if ds.key in tables)
        ov = OutputVersion(PUBLIC, include_private, (), withheld, len(withheld_notes))
    if not (withheld_tables or withheld_notes or private):
        yield pack, ov
        return
    copy = _redacted(pack, withheld_tables, withheld_notes + private, public=version == PUBLIC)
    try:
        yield copy, ov
    finally:
        copy.close()


def _has_table(pack: Pack, key: str) -> bool:
    return pack.db.execute("SELECT 1 FROM dataset WHERE key = ? LIMIT 1", (key,)).fetchone() is not None


def _redacted(pack: Pack, tables: list[str], notes: list[str], *, public: bool) -> Pack:
    """An in-memory copy of ``pack`` without ``tables`` (every version) and ``notes``."""
    copy = pack.memory_copy()
    db = copy.db
    with copy.transaction():
        db.executemany("DELETE FROM dataset WHERE key = ?", [(k,) for k in tables])
        db.executemany("DELETE FROM annotation WHERE uid = ?", [(u,) for u in notes])
        db.execute("DELETE FROM annotation_history")   # earlier versions may have been private or exempt
        db.execute("DELETE FROM layout_memory")        # remembered layouts name sheets and columns
        if public:
            db.execute("DELETE FROM classification")   # its reasons are exempt information too
            db.execute("DELETE FROM classification_history")
    return copy
