"""Tables of the HTML briefing: every one with a ``<caption>``, column headers ``<th scope="col">``
and each row's label as ``<th scope="row">``, so a screen reader names a figure by its row and
column. The source table keeps its sections (a ``<tbody>`` each, headed ``scope="rowgroup"``),
sub totals in bold, and every figure as the source table prints it."""

from __future__ import annotations

from collections.abc import Sequence

from memberpack.analysis.comparison_rows import summary_head, summary_row
from memberpack.analysis.narrative import column_titles
from memberpack.analysis.comparisons import Comparison
from memberpack.export.briefing import PRINTED_ROWS, printed_grid
from memberpack.export.chart_figures import ChartFigures
from memberpack.export.html_text import escape
from memberpack.export.note_plan import NotePlan, Table
from memberpack.model.display import figure_text
from memberpack.model.grid import GridRow
from memberpack.model.observation import DATA

RAG_CLASS = {"red": "rag-red", "amber": "rag-amber", "green": "rag-green"}
STATUS_CLASS = {"adverse": "adverse", "favourable": "favourable"}


def markers_html(markers: Sequence[str], keys: Sequence[str]) -> str:
    """Note markers as links to their notes: `` [Q1]``."""
    if not markers:
        return ""
    links = ", ".join(f'<a href="#{k}">{escape(m)}</a>' for m, k in zip(markers, keys))
    return f' <span class="marker">[{links}]</span>'


def _scroll(caption: str, table: str) -> str:
    """A table in a box that scrolls sideways on a narrow screen, reachable with the keyboard."""
    return f'<div class="scroll" role="region" aria-label="{escape(caption)}" tabindex="0">{table}</div>'


def _head(texts: Sequence[str], numeric: set[int]) -> str:
    cells = "".join(f'<th scope="col" class="num">{escape(t)}</th>' if i in numeric
                    else f'<th scope="col">{escape(t)}</th>' for i, t in enumerate(texts))
    return f"<thead><tr>{cells}</tr></thead>"


def plain_table(caption: str, head: Sequence[str], rows: Sequence[Sequence[str]], *, numeric: set[int] = frozenset(),
                classes: Sequence[Sequence[str]] = (), escaped: bool = False) -> str:
    """A list as a table: each row's first cell its header. Cells are text, or HTML when ``escaped``."""
    body = []
    for r, row in enumerate(rows):
        cells = []
        for i, text in enumerate(row):
            shown = text if escaped else escape(text)
            extra = " ".join(filter(None, ["num" if i in numeric else "", classes[r][i] if r < len(classes) and i < len(classes[r]) else ""]))
            attr = f' class="{extra}"' if extra else ""
            cells.append(f'<th scope="row"{attr}>{shown}</th>' if i == 0 else f"<td{attr}>{shown}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return _scroll(caption, f"<table><caption>{escape(caption)}</caption>{_head(head, numeric)}"
                            f"<tbody>{''.join(body)}</tbody></table>")


def figures_table(figures: ChartFigures, caption: str) -> str:
    """A chart's figures, as the PDF prints them under the chart."""
    head = [figures.head[0] or "Item", *figures.head[1:]]
    classes = [[""] * (len(head) - 1) + [STATUS_CLASS.get(s or "", "")] for s in figures.statuses]
    return plain_table(caption, head, figures.rows, numeric=set(range(1, len(head))), classes=classes)


def comparison_table(found: list[Comparison], caption: str) -> str:
    """How we compare, with the columns some comparison fills."""
    head, rows = summary_head(found), [summary_row(c) for c in found]
    keep = [i for i in range(len(head)) if i < 3 or any(r[i] for r in rows)]
    return plain_table(caption, [head[i] for i in keep], [[r[i] for i in keep] for r in rows],
                       numeric=set(range(2, len(keep))))


def grid_table(table: Table, plan: NotePlan, caption: str) -> str:
    """The table as the source laid it out (a long one trimmed as in the PDF, saying so)."""
    grid, left_out = printed_grid(table, plan)
    width = len(grid.measures) + 1
    worded = {m for m in grid.measures if grid.worded(m)}   # a reference, comments: left-aligned as text
    figures = {i for i, m in enumerate(grid.measures, start=1) if m not in worded}
    parts = [f'<table class="source"><caption>{escape(caption)}</caption>',
             _head(["Item", *column_titles(grid)], figures)]
    groups: list[tuple[str | None, list]] = []   # runs of rows under one section heading
    for row in grid.rows:
        if not groups or groups[-1][0] != row.section:
            groups.append((row.section, []))
        groups[-1][1].append(row)
    for section, rows in groups:
        parts.append("<tbody>")
        if section:
            parts.append(f'<tr class="section"><th scope="rowgroup" colspan="{width}">{escape(section)}</th></tr>')
        parts += [_grid_row(table, plan, grid.measures, row, worded) for row in rows]
        parts.append("</tbody>")
    if left_out:
        parts.append(f'<tbody><tr><td colspan="{width}">… and {left_out:,} more rows, kept in the pack but not shown '
                     f"(the first {PRINTED_ROWS:,} rows, totals and rows with notes are shown)</td></tr></tbody>")
    return _scroll(caption, "".join(parts) + "</table>")


def _grid_row(table: Table, plan: NotePlan, measures: list[str], row: GridRow, worded: set[str]) -> str:
    anchors = "".join(f'<span id="{key}"></span>' for key in table.row_anchors(o.cell for o in row.cells.values()))
    cells = [f'<th scope="row">{anchors}{escape(row.label)}</th>']   # the anchors headline lines link to
    for measure in measures:
        obs = row.cells.get(measure)
        if obs is None:
            cells.append("<td></td>")
            continue
        notes = plan.by_cell.get((table.ds.key, obs.cell), [])
        classes = " ".join(filter(None, ["" if measure in worded else "num", RAG_CLASS.get(obs.status or ""),
                                         STATUS_CLASS.get(obs.status or "")]))
        attr = f' class="{classes}"' if classes else ""
        cells.append(f'<td{attr}>{escape(figure_text(obs))}'
                     f"{markers_html([p.number for p in notes], [p.key for p in notes])}</td>")
    total = ' class="total"' if row.role != DATA else ""
    return f"<tr{total}>{''.join(cells)}</tr>"
