"""What a briefing holds, gathered once from the pack for both the PDF and the HTML version: the
front matter, the chosen sections and their tables (figures, charts, comparisons), where each
member's note goes, the headlines, and the document's title, subject and keywords. The two
renderers only lay it out, so paper and screen say the same thing."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from memberpack.analysis.annotation_targets import TargetResolver
from memberpack.analysis.charts import charts_for
from memberpack.analysis.comparisons import by_dataset, pack_comparisons
from memberpack.analysis.headlines import Headlines, Item, headlines
from memberpack.analysis.output_version import PUBLIC, OutputVersion, Withheld, note_exemptions, output_pack
from memberpack.analysis.table_period import table_period
from memberpack.errors import Cancelled, MemberpackError
from memberpack.export.note_plan import NotePlan, Table, anchor_key, note_numbers
from memberpack.export.read_once import ReadOnce
from memberpack.model.front_matter import meeting_date_words, paper_lines, recommendations
from memberpack.model.metrics import DOMAIN_TITLES, DOMAINS, OTHER
from memberpack.model.grid import Grid
from memberpack.model.observation import DATA, OPEN_STATISTICS
from memberpack.model.periods import parse_period
from memberpack.store import annotation_store
from memberpack.store.pack import Pack

HEADLINES, ANNEX = "headlines", "annex"
# what a headline list says of the items it leaves off: red items, notes and deficits are printed
# with their tables; a change since the previous period is not (the sections print the latest figures)
MORE_IN_SECTIONS, MORE_CHANGES = "more, shown in their sections", "more changes in this table, not listed here"
PRINTED_ROWS = 250  # a longer table prints these rows, its totals and its noted rows (printed_grid)


def section_names(sections: Iterable[str] | None) -> tuple[str, ...]:
    """The domains to export, in pack order; ``social care`` and ``Social-care`` name ``social_care``."""
    if sections is None:
        return DOMAINS
    wanted = {s.strip().lower().replace(" ", "_").replace("-", "_") for s in sections if s.strip()}
    unknown = sorted(wanted - set(DOMAINS))
    if unknown:
        raise MemberpackError(f"--sections: no section called {unknown[0]!r}; choose from {', '.join(DOMAINS)}")
    if not wanted:
        raise MemberpackError(f"--sections: name at least one of {', '.join(DOMAINS)}")
    return tuple(d for d in DOMAINS if d in wanted)


def table_key(table: Table) -> str:
    return anchor_key("ds", table.ds.id)


def table_title(table: Table) -> str:
    """The table's name, with its period when the name does not already say it ("... as of February
    2021" is Feb 2021; "23/24 ... (Month 6)" is 2023/24 Month 6)."""
    ds = table.ds
    period = table_period(ds, table.observations)
    if not period or period in ds.name or str(parse_period(ds.name) or "") == period:
        return ds.name
    return f"{ds.name} ({period})"


def printed_grid(table: Table, plan: NotePlan) -> tuple[Grid, int]:
    """The table as the source laid it out, and as printed when long (a ledger of thousands of
    rows): its first :data:`PRINTED_ROWS` rows, then only totals and rows with a member's note;
    and how many rows were left out."""
    grid = Grid.as_source(table.observations)
    if len(grid.rows) <= PRINTED_ROWS:
        return grid, 0
    key = table.ds.key
    kept = [row for i, row in enumerate(grid.rows) if i < PRINTED_ROWS or row.role != DATA
            or any(plan.markers(key, obs.cell) for obs in row.cells.values())]
    return Grid(grid.measures, kept), len(grid.rows) - len(kept)


def domain_of(table: Table) -> str:
    return table.ds.domain if table.ds.domain in DOMAIN_TITLES else OTHER


@dataclass(slots=True)
class Section:
    domain: str
    tables: list[Table]
    withheld: list[Withheld] = field(default_factory=list)  # exempt tables a public version left out

    @property
    def title(self) -> str:
        return DOMAIN_TITLES[self.domain]

    @property
    def key(self) -> str:
        return anchor_key("section", self.domain)


@dataclass(slots=True)
class Briefing:
    meta: dict[str, str]
    domains: tuple[str, ...]
    sections: list[Section]   # the chosen domains that have tables, in pack order
    plan: NotePlan
    headlines: Headlines
    include_private: bool
    version: OutputVersion   # public or full, and the marking every page carries

    @property
    def marking(self) -> str:
        return self.version.marking

    @property
    def tables(self) -> list[Table]:
        return [t for s in self.sections for t in s.tables]

    @property
    def title(self) -> str:
        return self.meta.get("report_title") or self.meta.get("title") or "Briefing pack"

    @property
    def partial(self) -> bool:
        return set(self.domains) != set(DOMAINS)

    @property
    def scope(self) -> str | None:
        """Which sections an export of some of them holds, for its cover and metadata."""
        if not self.partial:
            return None
        return "This export holds only these sections: " + ", ".join(DOMAIN_TITLES[d] for d in self.domains) + "."

    @property
    def recommendations(self) -> list[str]:
        return recommendations(self.meta)

    def cover_lines(self) -> list[tuple[str, str]]:
        """(label, text) for the cover: the paper's details, then the meeting date in words and the date produced."""
        lines = [(label, text) for label, text in paper_lines(self.meta) if label != "Report title"]
        if self.meta.get("meeting_date", "").strip():
            lines.append(("Meeting date", meeting_date_words(self.meta["meeting_date"])))
        lines.append(("Produced", meeting_date_words(f"{date.today():%d/%m/%Y}")))
        return lines

    @property
    def subject(self) -> str:
        meta = self.meta
        parts = ["Briefing pack", meta.get("committee") and f"for {meta['committee']}",
                 meta.get("meeting_date") and f"meeting on {meeting_date_words(meta['meeting_date'])}"]
        subject = " ".join(filter(None, parts))
        return f"{subject}. {self.scope}" if self.scope else subject

    @property
    def keywords(self) -> list[str]:
        words = [self.meta.get("council", ""), self.meta.get("committee", ""), "briefing pack",
                 self.version.marking]
        return [w for w in dict.fromkeys(words + [s.title for s in self.sections]) if w]

    def contents(self) -> list[tuple[str, str, int]]:
        """(anchor key, title, level) of every heading the contents lists."""
        entries = [(HEADLINES, "Headline summary", 0)]
        for s in self.sections:
            entries += [(s.key, s.title, 0)] + [(table_key(t), table_title(t), 1) for t in s.tables]
        return entries + [(ANNEX, "Questions for officers", 0)]

    def pages(self) -> dict[str, str]:
        """A table's name to the anchor of its first version in the export (for the headline lists)."""
        return {t.ds.name: table_key(t) for t in reversed(self.tables)}

    def link(self, item: Item) -> str | None:
        """Where a headline line links to: its figure's row where the table prints it, else the table."""
        table = next((t for t in self.tables if t.ds.name == item.dataset), None)
        if table is None:
            return None
        return table.row_keys.get(item.cell) or table_key(table)


def _tables(pack: ReadOnce, domains: tuple[str, ...], cancel: Callable[[], bool] | None) -> list[Table]:
    """The latest datasets of the chosen domains, each with its figures, charts and comparisons.
    Open statistics (every authority's figures) print only as comparisons, so are not read whole."""
    tables = []
    found = by_dataset(pack_comparisons(pack))
    for ds in pack.datasets():
        if cancel is not None and cancel():
            raise Cancelled("Export cancelled; no file was written.")
        if (ds.domain if ds.domain in DOMAIN_TITLES else OTHER) in domains:
            observations = [] if ds.kind == OPEN_STATISTICS else pack.observations(ds.id)
            tables.append(Table(ds, observations, charts_for(ds, observations), found.get(ds.key, [])))
    return tables


def _headlines_for(pack: Pack, tables: list[Table]) -> Headlines:
    """The pack's headlines, limited to the tables being exported."""
    h = headlines(pack)
    names = {t.ds.name for t in tables}
    sources = {f"{t.ds.source_file}, {t.ds.sheet}" for t in tables}
    budgets = [b for b in (h.budget, *h.other_budgets) if b is not None and b.source in sources]
    moved = [i for i in h.adverse_movements if i.dataset in names]
    return Headlines(budgets[0] if budgets else None,
                     *([i for i in items if i.dataset in names]
                       for items in (h.red_items, h.adverse_movements, h.worse_kpis, h.changes)),
                     movements_period=h.movements_period if moved else None,   # no month of a table not exported
                     deficits=[i for i in h.deficits if i.dataset in names],
                     balance_tables=[n for n in h.balance_tables if n in names],   # what was looked at, as exported
                     noted=[i for i in h.noted if i.dataset in names or not i.dataset],
                     other_budgets=budgets[1:])


def _link_rows(tables: list[Table], found: Headlines, plan: NotePlan) -> None:
    """Give each printed row a headline line is about an anchor, so the line links to its row."""
    wanted: dict[str, set[str]] = {}
    for item in found.items():
        if item.cell:
            wanted.setdefault(item.dataset, set()).add(item.cell)
    for table in tables:
        cells = wanted.get(table.ds.name)
        if not cells or table.ds.kind == OPEN_STATISTICS:
            continue
        printed = {o.cell for row in printed_grid(table, plan)[0].rows for o in row.cells.values()}
        table.row_keys = {c: anchor_key("row", table.ds.id, c) for c in cells & printed}


def gather(pack: Pack, *, include_private: bool = False, sections: Iterable[str] | None = None,
           version: str = PUBLIC, progress: Callable[[int, int, str], None] | None = None,
           cancel: Callable[[], bool] | None = None) -> Briefing:
    """Everything the briefing prints, read from ``pack`` as the output ``version`` carries it (see
    :mod:`memberpack.analysis.output_version`); private notes only when asked for. ``progress`` is
    told of each table read."""
    domains = section_names(sections)
    numbers = note_numbers(annotation_store.all_notes(pack, include_private=include_private))  # every version's
    with output_pack(pack, version, include_private=include_private) as (whole, ov):
        view = ReadOnce(whole).read(progress, cancel)
        tables = _tables(view, domains, cancel)
        found = _headlines_for(view, tables)
        lead = found.budget.dataset if found.budget is not None else None
        tables.sort(key=lambda t: t.ds.name != lead)   # the monitor the headlines lead on opens its section
        notes = annotation_store.all_notes(view, include_private=include_private)
        plan = NotePlan(notes, tables, TargetResolver(view), note_exemptions(view, notes) if ov.exempt else None,
                        numbers)
        chosen = [Section(d, [t for t in tables if domain_of(t) == d],
                          [w for w in ov.withheld if (w.domain if w.domain in DOMAIN_TITLES else OTHER) == d])
                  for d in domains]
        _link_rows(tables, found, plan)
        return Briefing(view.meta(), domains, [s for s in chosen if s.tables or s.withheld], plan, found,
                        include_private, ov)
