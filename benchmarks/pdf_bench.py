"""How long the briefing PDF takes, against plain reportlab drawing the same content.

Builds a pack of 40 tables (each gets a chart and a 25-row table) through the store API, exports
it with :func:`memberpack.export.pdf.export_pdf`, then lays out the same content with plain
platypus (one bar chart, one table and one paragraph per page, no pack reading) in the same run.
Prints both times (the best of three runs each, interleaved, as the machine may be busy), the
ratio and both file sizes. Goal: at most 2x time and 2x size.

    .venv/bin/python benchmarks/pdf_bench.py
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

from memberpack.export.pdf import export_pdf
from memberpack.export.pdf_styles import FONT, register_fonts
from memberpack.model.observation import BUDGET_MONITOR, Dataset, Observation
from memberpack.store.pack import Pack

SECTIONS, ROWS, REPEATS = 40, 25, 3
MEASURES = ["Current Budget £m", "Full Year Projection £m", "Variance £m", "A/(F)", "RAG Status", "Movement £m"]
DOMAINS = ("finance", "social_care", "inclusion", "education")


def _rows(seed: int) -> list[list[str]]:
    """25 service lines: label then the six displayed cells of a budget monitor."""
    rnd = random.Random(seed)
    out = []
    for r in range(ROWS):
        budget = rnd.uniform(0.5, 40)
        forecast = budget + rnd.uniform(-1.5, 2.5)
        variance = forecast - budget
        out.append([f"Service line {seed}.{r + 1}", f"{budget:.1f}", f"{forecast:.1f}", f"{variance:.1f}",
                    "A" if variance > 0 else "(F)", "Red" if variance > 1 else "Green", f"{rnd.uniform(-1, 1):.1f}"])
    return out


def _status(text: str) -> str | None:
    return {"A": "adverse", "(F)": "favourable", "Red": "red", "Green": "green"}.get(text)


def build_pack(path: Path) -> list[list[list[str]]]:
    tables = [_rows(s) for s in range(SECTIONS)]
    with Pack.create(path, committee="Benchmark Committee", meeting_date="01/04/2024", title="Benchmark pack") as pack:
        for s, rows in enumerate(tables):
            observations = []
            for r, (label, *cells) in enumerate(rows, start=1):
                for c, (measure, text) in enumerate(zip(MEASURES, cells), start=1):
                    number = None if _status(text) else float(text) * 1e6
                    observations.append(Observation(
                        label, measure, number, None if number is None else "GBP", text, _status(text),
                        sheet="Summary", cell=f"{'ABCDEFG'[c]}{r + 1}", row=r, col=c))
            pack.add_dataset(Dataset(f"Budget monitor {s + 1}", f"budget_{s + 1}.xlsx", "0" * 64, "Summary",
                                     f"A1:G{ROWS + 1}", BUDGET_MONITOR, DOMAINS[s % len(DOMAINS)],
                                     key=f"budget{s + 1}"), observations)
    return tables


def baseline(out: Path, tables: list[list[list[str]]]) -> None:
    """Plain platypus: per page a paragraph, a bar chart of the variances and the 25-row table."""
    style = ParagraphStyle("p", fontName=FONT, fontSize=10)
    story = []
    for s, rows in enumerate(tables):
        story.append(Paragraph(f"Budget monitor {s + 1}: variance by service", style))
        drawing = Drawing(480, ROWS * 12 + 30)
        chart = HorizontalBarChart()
        chart.x, chart.y, chart.width, chart.height = 120, 20, 340, ROWS * 12
        chart.data = [[float(r[3]) for r in rows]]
        chart.categoryAxis.categoryNames = [r[0] for r in rows]
        chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = FONT
        drawing.add(chart)
        story.append(drawing)
        story.append(Table([["", *MEASURES], *rows], repeatRows=1, style=TableStyle([
            ("FONT", (0, 0), (-1, -1), FONT, 7), ("GRID", (0, 0), (-1, -1), 0.25, "#999999")])))
        story.append(PageBreak())
    SimpleDocTemplate(str(out), pagesize=A4, initialFontName=FONT).build(story)


def main() -> None:
    register_fonts()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        tables = build_pack(folder / "bench.mpack")
        baseline(folder / "warm.pdf", tables[:1])  # imports and font loading out of both timings
        base_s = ours_s = float("inf")
        for _ in range(REPEATS):
            start = time.perf_counter()
            baseline(folder / "baseline.pdf", tables)
            base_s = min(base_s, time.perf_counter() - start)
            start = time.perf_counter()
            with Pack.open(folder / "bench.mpack") as pack:
                export_pdf(pack, folder / "briefing.pdf")
            ours_s = min(ours_s, time.perf_counter() - start)
        base_kb, ours_kb = ((folder / n).stat().st_size / 1024 for n in ("baseline.pdf", "briefing.pdf"))
    print(f"plain reportlab: {base_s:.2f} s, {base_kb:.0f} KiB")
    print(f"memberpack:      {ours_s:.2f} s, {ours_kb:.0f} KiB (pack reading, headlines, notes included)")
    print(f"ratio: time {ours_s / base_s:.2f}x (goal <= 2), size {ours_kb / base_kb:.2f}x (goal <= 2)")


if __name__ == "__main__":
    main()
