"""The accessible HTML briefing: the same content as the PDF (gathered once by
:mod:`memberpack.export.briefing`) as one self-contained page a council can publish first, as
GOV.UK guidance asks: ``lang="en-GB"``, a skip link, contents, headings in order, every table with
a caption and header cells, every chart an inline SVG with a text alternative and its figures as a
table, members' notes beside their figures and the "Questions for officers" annex. No scripts, no
fonts or images from elsewhere; a print stylesheet for paper.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from memberpack.analysis.charts import active_title, source_line
from memberpack.analysis.comparison_rows import intro_text
from memberpack.analysis.narrative import doubt_line, period_span
from memberpack.analysis.output_version import PUBLIC
from memberpack.errors import Cancelled, MemberpackError
from memberpack.export.briefing import (ANNEX, HEADLINES, MORE_CHANGES, MORE_IN_SECTIONS, Briefing, gather, table_key,
                                        table_title)
from memberpack.export.chart_figures import chart_figures
from memberpack.export.html_charts import chart_svg
from memberpack.export.html_style import CSS, PLAIN_CSS
from memberpack.export.html_text import escape
from memberpack.export.html_tables import comparison_table, figures_table, grid_table, markers_html, plain_table
from memberpack.export.printable import printable
from memberpack.export.read_once import halves
from memberpack.export.note_plan import NotePlan, PlacedNote, Table, anchor_key, note_head, uk_date
from memberpack.model.annotations import ANSWERED, PRIVATE
from memberpack.model.charts import ChartSpec
from memberpack.model.front_matter import mail_address
from memberpack.model.observation import OPEN_STATISTICS
from memberpack.store.atomic_write import write_bytes
from memberpack.store.pack import Pack

CHANGES_SHOWN = 15


class _Ids:
    """Each id once in the page: a second chart with the same id gets a numbered one."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def __call__(self, key: str) -> str:
        ident, n = key, 1
        while ident in self.seen:
            n += 1
            ident = f"{key}_{n}"
        self.seen.add(ident)
        return ident


def _marking(b: Briefing) -> str:
    return b.marking


def _cover(b: Briefing) -> str:
    details = "".join(
        f"<dt>{escape(label)}</dt><dd>"
        + (f'<a href="mailto:{escape(text)}">{escape(text)}</a>' if label == "Email" and mail_address(text)
           else escape(text)) + "</dd>"
        for label, text in b.cover_lines())
    out = [f'<h1 id="title">{escape(b.title)}</h1>', f'<dl class="details">{details}</dl>']
    if b.recommendations:
        items = "".join(f"<li>{escape(r)}</li>" for r in b.recommendations)
        out.append(f'<h2 id="recommendations">Recommendations</h2><ol>{items}</ol>')
    if b.scope:
        out.append(f"<p><strong>{escape(b.scope)}</strong></p>")
    out.append(f"<p>Classification: <strong>{escape(b.marking)}</strong></p>")
    out += [f'<p class="warning">{escape(line)}</p>' for line in b.version.warnings]
    return '<section class="front" aria-labelledby="title">' + "".join(out) + "</section>"


def _contents(b: Briefing) -> str:
    """The contents as nested lists: sections, and the tables in each."""
    out: list[str] = []
    nested = False
    for key, title, level in b.contents():
        link = f'<a href="#{key}">{escape(title)}</a>'
        if level == 0:
            out += ["</ol>"] * nested + ["</li>"] * bool(out) + [f"<li>{link}"]
            nested = False
        else:
            out += ["<ol>"] * (not nested) + [f"<li>{link}</li>"]
            nested = True
    out += ["</ol>"] * nested + ["</li>"] * bool(out)
    return f'<nav class="contents" aria-labelledby="contents"><h2 id="contents">Contents</h2><ol>{"".join(out)}</ol></nav>'


def _note(p: PlacedNote, ids: _Ids) -> str:
    note = p.note
    head = " · ".join(escape(part) for part in note_head(p))
    changed = f' <span class="changed">[{escape(p.changed)}]</span>' if p.changed else ""
    answer = f"<p><em>Answer:</em> {escape(note.answer)}</p>" if note.answer else ""
    private = " private" if note.visibility == PRIVATE else ""
    return (f'<div class="note{private}" id="{ids(p.key)}"><p class="note-head"><strong>{head}</strong>{changed}</p>'
            f"<p>{escape(note.body)}</p>{answer}</div>")


def _notes(placed: list[PlacedNote], ids: _Ids) -> str:
    return "".join(_note(p, ids) for p in placed)


def _budget(b: Briefing) -> str:
    h = b.headlines.budget
    if h is None:
        return "<p>No budget monitor in this export, so no budget position.</p>"
    adverse = bool(h.variance) and h.convention.adverse(h.variance)
    tone = "adverse" if adverse else "favourable" if h.variance else ""
    tiles = [(h.money(h.budget), "Budget", ""), (h.money(h.forecast), "Forecast outturn", ""),
             (f"{h.money(abs(h.variance))} {h.word}", f"Net variance, {h.period or ''}".strip(", "), tone),
             (str(len(b.headlines.red_items)), "Red items", "adverse" if b.headlines.red_items else "")]
    dl = "".join(f'<div><dt>{escape(label)}</dt><dd class="{tone}">{escape(value)}</dd></div>'
                 for value, label, tone in tiles)
    others = "".join(f"<li>{escape(f'{o.named} {o.convention.figures_key} Source: {o.source}')}</li>"
                     for o in b.headlines.other_budgets)
    return (f'<dl class="tiles">{dl}</dl><p>{escape(h.sentence)}</p>'
            f'<p class="source">{escape(h.convention.figures_key)} Source: {escape(h.source)}</p>'
            + (f"<p>The other budget monitors in this export:</p><ul>{others}</ul>" if others else ""))


def _headline_list(b: Briefing, title: str, items: list, head: list[str], row, empty: str,
                   more: str = MORE_IN_SECTIONS) -> str:
    out = f"<h3>{escape(title)}</h3>"
    if not items:
        return out + f"<p>{escape(empty)}</p>"
    rows = [[escape(t) for t in row(i)] + [f'<a href="#{key}">{escape(i.dataset)}</a>' if key else "–"]
            for i in items[:CHANGES_SHOWN] for key in [b.link(i)]]
    out += plain_table(title, [*head, "Table"], rows, numeric=set(range(2, len(head))), escaped=True)
    if len(items) > CHANGES_SHOWN:
        out += f'<p class="source">…and {len(items) - CHANGES_SHOWN} {more}.</p>'
    return out


def _headlines(b: Briefing, ids: _Ids) -> str:
    h = b.headlines
    out = [f'<h2 id="{HEADLINES}">Headline summary</h2>', "<h3>Budget position</h3>", _budget(b)]
    out.append(_headline_list(b, "Reserves and deficits", h.deficits, ["Item", "Measure", "Figure"],
                              lambda i: [i.name, i.measure_when, i.with_earlier],
                              h.no_deficits))
    for group, items in h.red_groups() or [("", [])]:
        out.append(_headline_list(b, f"Red items: {group}" if group else "Red items", items,
                                  ["Item", "Measure", "Figure"], lambda i: [i.name, i.measure, i.display],
                                  "Nothing in this export is rated red."))
    movements = f"Biggest adverse movements, {h.movements_period}" if h.movements_period else "Biggest adverse movements"
    out.append(_headline_list(b, movements, h.adverse_movements[:5], ["Service", "Measure", "Movement"],
                              lambda i: [i.name, i.measure, i.display],
                              "No service’s forecast in this export moved the wrong way since the last report."))
    out.append(_headline_list(b, "Indicators that got worse since their previous period", h.worse_kpis,
                              ["Indicator", "Earlier", "Latest", "Change"],
                              lambda i: [i.indicator, f"{i.previous_display} ({i.previous_period})" if i.previous_period
                                         else i.previous_display or "", f"{i.display} ({i.period or i.measure})",
                                         i.moved],
                              "No indicator in this export moved the wrong way between its latest periods."))
    out.append(_headline_list(b, "Noted or questioned by members", h.noted, ["About", "Kind", "Note"],
                              lambda i: [i.name, i.measure, i.display], "No shared notes in this export."))
    if not h.changes:
        out.append(_headline_list(b, "What changed since the previous period", [], [], None,
                                  "No table in this export has an earlier period in the pack to compare with."))
    for table, before, after, items in h.change_groups():
        out.append(_headline_list(b, f"What changed since the previous period: {table}, "
                                     f"{period_span(before, after)}" if before else table, items,
                                  ["Figure", before or "Before", after or "Now"],
                                  lambda i: [f"{i.name}, {i.measure}", i.previous_display or "",
                                             i.now_moved], "", MORE_CHANGES))
    if b.plan.general:
        out += ["<h3>Notes on the whole pack</h3>", _notes(b.plan.general, ids)]
    return f'<section aria-labelledby="{HEADLINES}">' + "".join(out) + "</section>"


def _chart(spec: ChartSpec, table: Table | None, plan: NotePlan, ids: _Ids) -> str:
    figures = chart_figures(spec, table, plan)
    heading = ids(anchor_key("chart", spec.id))
    markers = markers_html([p.number for p in figures.notes], [p.key for p in figures.notes])
    return (f'<h4 id="{heading}">{escape(active_title(spec))}{markers}</h4>'
            f'<p class="summary">{escape(spec.summary)}'
            + (f" <em>{escape(spec.left_out)}</em>" if spec.left_out else "") + "</p>"
            + f"<figure>{chart_svg(figures, ids('svg_' + heading))}</figure>"
            + figures_table(figures, f"Figures of the chart: {figures.title}")
            + f'<p class="source">{escape(spec.source)}</p>{_notes(figures.notes, ids)}')


def _table(t: Table, plan: NotePlan, ids: _Ids) -> str:
    key, title = ids(table_key(t)), table_title(t)
    out = [f'<section aria-labelledby="{key}"><h3 id="{key}">{escape(title)}</h3>']
    doubt = doubt_line(t.ds)
    if doubt:   # a reading the officer confirmed in doubt: said before anything of it
        out.append(f'<p class="summary"><strong>⚠ {escape(doubt)}</strong></p>')
    out += [_chart(spec, t, plan, ids) for spec in t.charts]
    if t.comparisons:
        caption = f"How we compare: {title}"
        out += ["<h4>How we compare</h4>", f'<p class="summary">{escape(intro_text(t.comparisons))}</p>',
                comparison_table(t.comparisons, caption),
                f'<p class="source">{escape("; ".join(dict.fromkeys(c.source for c in t.comparisons)))}</p>']
        out += [_chart(c.trend, None, plan, ids) for c in t.comparisons if c.trend is not None]
    if t.ds.kind == OPEN_STATISTICS:
        out.append('<p class="source">The figures for every area are kept in the pack, not shown.</p>')
    else:
        out += ["<h4>The table as in the source</h4>", grid_table(t, plan, title),
                f'<p class="source">{escape(source_line(t.ds))}</p>']
    notes = plan.for_table(t)
    if notes:
        out += ["<h4>Members’ notes on this table</h4>", _notes(notes, ids)]
    return "".join(out) + "</section>"


def _annex(plan: NotePlan) -> str:
    out = [f'<section aria-labelledby="{ANNEX}"><h2 id="{ANNEX}">Questions for officers</h2>',
           "<p>Every question members have asked, numbered in the order it was asked, so a number never changes "
           "when questions are added. Each number links to the question beside the figure it is about.</p>"]
    if not plan.questions:
        return "".join(out) + "<p>No questions have been asked in this pack.</p></section>"
    rows = []
    for p in plan.questions:
        note = p.note
        body = escape(note.body)
        if note.status == ANSWERED or note.answer:
            body += f"<br><em>Answer:</em> {escape(note.answer or 'answered')}"
        about = escape(p.about) + (f'<br><span class="changed">{escape(p.changed)}</span>' if p.changed else "")
        asked = f"{escape(note.author or 'unnamed member')}<br>{uk_date(note.created_at)}"
        if p.exempt:
            asked += f"<br><strong>{p.exempt}</strong>"
        if note.visibility == PRIVATE:
            asked += "<br><strong>private</strong>"
        number = f'<a href="#{p.key}">{p.number}</a>' if p.placed else p.number
        rows.append([number, body, about, asked])
    out.append(plain_table("Questions for officers", ["No.", "Question", "About", "Asked by"], rows, escaped=True))
    return "".join(out) + "</section>"


def _page(b: Briefing, body: str, css: str) -> str:
    """The whole document; a control character from the data is shown as � (it is not valid HTML)."""
    meta = b.meta
    marking = _marking(b)
    return printable(
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(b.title)}</title>"
        f'<meta name="description" content="{escape(b.subject)}">'
        f'<meta name="keywords" content="{escape(", ".join(b.keywords))}">'
        f'<meta name="author" content="{escape(meta.get("author") or meta.get("council") or "")}">'
        '<meta name="generator" content="memberpack">'
        f"<style>{css}</style></head><body>"
        + ('<a class="skip-link" href="#main">Skip to main content</a>' if css == CSS else "")
        + f'<header class="masthead"><span>{escape(meta.get("committee", ""))}</span> '
        f'<span class="marking">{escape(marking)}</span></header>'
        f'<main id="main" tabindex="-1">{body}</main>'
        f"<footer><span>Produced {date.today():%d/%m/%Y} by memberpack</span> "
        f'<span class="marking">{escape(marking)}</span></footer></body></html>\n')


def preview_html(b: Briefing) -> str:
    """The first pages (cover, contents, headline summary), for the app's preview."""
    ids = _Ids()
    return _page(b, _cover(b) + _contents(b) + _headlines(b, ids), PLAIN_CSS)


def briefing_html(b: Briefing, *, progress: Callable[[int, int, str], None] | None = None,
                  cancel: Callable[[], bool] | None = None, for_print: bool = False) -> str:
    """The whole page as text; ``for_print`` with the plain style Qt's rich text can print."""
    ids = _Ids()
    for fixed in ("title", "contents", "main", "recommendations", HEADLINES, ANNEX):
        ids(fixed)
    body = [_cover(b), _contents(b), _headlines(b, ids)]
    tables = b.tables
    done = 0
    for section in b.sections:
        key = ids(section.key)
        body.append(f'<section aria-labelledby="{key}"><h2 id="{key}">{escape(section.title)}</h2>')
        for t in section.tables:
            if cancel is not None and cancel():
                raise Cancelled("Export cancelled; no file was written.")
            body.append(_table(t, b.plan, ids))
            done += 1
            if progress is not None:
                progress(done, len(tables), table_title(t))
        body += [f'<p class="warning">{escape(w.text)}</p>' for w in section.withheld]
        body.append("</section>")
    if not tables and not b.version.withheld:
        body.append("<p>There are no tables in this export: import the officers’ returns into the pack, or choose "
                    "other sections.</p>")
    body.append(_annex(b.plan))
    return _page(b, "".join(body), PLAIN_CSS if for_print else CSS)


def write_html(briefing: Briefing, out: str | Path, *, progress: Callable[[int, int, str], None] | None = None,
               cancel: Callable[[], bool] | None = None) -> Path:
    """Write the page to ``out``, replaced only when complete."""
    out = Path(out)
    text = briefing_html(briefing, progress=progress, cancel=cancel)
    try:
        write_bytes(out, text.encode("utf-8"))
    except OSError as exc:
        raise MemberpackError(f"{out}: cannot write the HTML briefing ({exc.strerror or exc})") from None
    return out


def export_html(pack: Pack, out: str | Path, *, include_private: bool = False, sections: Iterable[str] | None = None,
                version: str = PUBLIC, progress: Callable[[int, int, str], None] | None = None,
                cancel: Callable[[], bool] | None = None) -> Path:
    """The briefing as one HTML file, of the output ``version``; private notes only when asked for."""
    reading, writing = halves(progress)
    briefing = gather(pack, include_private=include_private, sections=sections, version=version, progress=reading,
                      cancel=cancel)
    return write_html(briefing, out, progress=writing, cancel=cancel)
