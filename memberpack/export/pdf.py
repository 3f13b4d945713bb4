"""The annotated briefing PDF a clerk puts on the agenda, built with reportlab platypus (no Qt),
so the command line and the app's worker thread export the same file."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from reportlab.platypus import Paragraph

from memberpack.analysis.annotation_targets import TargetResolver
from memberpack.analysis.charts import charts_for
from memberpack.analysis.comparisons import by_dataset, pack_comparisons
from memberpack.analysis.headlines import Headlines, headlines
from memberpack.errors import Cancelled, MemberpackError
from memberpack.export.pdf_document import BriefingCanvas, BriefingDoc, anchor_key
from memberpack.export.pdf_front import contents, cover
from memberpack.export.pdf_headlines import headline_page
from memberpack.export.pdf_notes import NotePlan, Table
from memberpack.export.pdf_sections import annex, domain_story, table_key, table_title
from memberpack.export.pdf_styles import register_fonts, styles
from memberpack.model.metrics import DOMAIN_TITLES, DOMAINS, OTHER
from memberpack.model.observation import OPEN_STATISTICS
from memberpack.store import annotation_store
from memberpack.store.pack import Pack


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


def _domain(table: Table) -> str:
    return table.ds.domain if table.ds.domain in DOMAIN_TITLES else OTHER


def _headlines_for(pack: Pack, tables: list[Table]) -> Headlines:
    """The pack's headlines, limited to the tables being exported."""
    h = headlines(pack)
    names = {t.ds.name for t in tables}
    sources = {f"{t.ds.source_file}, {t.ds.sheet}" for t in tables}
    return Headlines(h.budget if h.budget and h.budget.source in sources else None,
                     *([i for i in items if i.dataset in names]
                       for items in (h.red_items, h.adverse_movements, h.worse_kpis, h.changes)),
                     movements_period=h.movements_period,
                     deficits=[i for i in h.deficits if i.dataset in names],
                     noted=[i for i in h.noted if i.dataset in names or not i.dataset])


def _tables(pack: Pack, domains: tuple[str, ...], cancel: Callable[[], bool] | None) -> list[Table]:
    """The latest datasets of the chosen domains, each with its figures, charts and comparisons.
    Open statistics (every authority's figures) print only as comparisons, so are not read whole."""
    tables = []
    found = by_dataset(pack_comparisons(pack))
    for ds in pack.datasets():
        if cancel is not None and cancel():
            raise Cancelled("PDF export cancelled; no file was written.")
        if (ds.domain if ds.domain in DOMAIN_TITLES else OTHER) in domains:
            observations = [] if ds.kind == OPEN_STATISTICS else pack.observations(ds.id)
            tables.append(Table(ds, observations, charts_for(ds, observations), found.get(ds.key, [])))
    return tables


def _sections(domains: tuple[str, ...], tables: list[Table], plan: NotePlan) -> tuple[list, list]:
    """The contents entries and the story of the domain sections, in domain order."""
    entries: list[tuple[str, str, int]] = []
    body: list = []
    for domain in domains:
        in_domain = [t for t in tables if _domain(t) == domain]
        if in_domain:
            key = anchor_key("section", domain)
            entries += [(key, DOMAIN_TITLES[domain], 0)] + [(table_key(t), table_title(t), 1) for t in in_domain]
            body += domain_story(key, DOMAIN_TITLES[domain], in_domain, plan)
    if not tables:
        body = [Paragraph("There are no tables in this export: import the officers’ returns into the pack, or "
                          "choose other sections.", styles()["body"])]
    return entries, body


def export_pdf(pack: Pack, out: str | Path, *, include_private: bool = False, sections: Iterable[str] | None = None,
               progress: Callable[[int, int, str], None] | None = None,
               cancel: Callable[[], bool] | None = None) -> Path:
    """Write the briefing to ``out`` (replaced only when complete); private notes only when asked for."""
    out = Path(out)
    domains = section_names(sections)
    register_fonts()
    tables = _tables(pack, domains, cancel)
    plan = NotePlan(annotation_store.all_notes(pack, include_private=include_private), tables, TargetResolver(pack))
    meta = pack.meta()
    entries, body = _sections(domains, tables, plan)
    pages = {t.ds.name: table_key(t) for t in reversed(tables)}
    story = [*cover(meta, include_private=include_private),
             *contents([("headlines", "Headline summary", 0), *entries, ("annex", "Questions for officers", 0)]),
             *headline_page(_headlines_for(pack, tables), plan.general, pages), *body, *annex(plan)]
    subject = " ".join(filter(None, ["Briefing pack", meta.get("committee") and f"for {meta['committee']}",
                                     meta.get("meeting_date") and f"meeting on {meta['meeting_date']}"]))
    tmp = out.with_name(out.name + ".part")
    doc = BriefingDoc(str(tmp), meta, subject=subject, steps=len(tables) + 2, progress=progress, cancel=cancel)
    try:
        doc.build(story, canvasmaker=BriefingCanvas)
        tmp.replace(out)
    except OSError as exc:
        raise MemberpackError(f"{out}: cannot write the PDF ({exc.strerror or exc})") from None
    finally:
        tmp.unlink(missing_ok=True)
    return out
