"""Two directorates' monitors in one pack: the headline budget position is the first's, and the
other's position is told beside it (it had been left out, so a councillor read Adults' £3.3m
overspend as the whole position while Children's £3.7m went unmentioned); never summed, as one
monitor may be a summary of another."""

import pypdf
from awkward_workbooks import write_xlsx

from memberpack.analysis.headlines import headlines
from memberpack.export.pdf import export_pdf
from memberpack.importers import import_files
from memberpack.store.pack import Pack


def _monitor(tmp_path, name: str, title: str, rows: list[tuple]):
    sheet = [[title], ["£000"], [], ["Service", "Budget", "Forecast Outturn", "Variance"], *map(list, rows)]
    return write_xlsx(tmp_path / name, {"Monitor": sheet})


def test_each_monitors_position_is_told(tmp_path):
    adults = _monitor(tmp_path, "adults.xlsx", "Adult Services Revenue Budget Monitoring - Period 9 2024/25",
                      [("Older people", 60000, 62500, 2500), ("Working age adults", 40000, 40800, 800),
                       ("Adults Total", 100000, 103300, 3300)])
    children = _monitor(tmp_path, "children.xlsx", "Children's Services Revenue Budget Monitoring - Period 9 2024/25",
                        [("Placements", 30000, 34000, 4000), ("Early help", 5000, 4700, -300),
                         ("Children's Total", 35000, 38700, 3700)])
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [adults, children])
        found = headlines(pack)
        export_pdf(pack, tmp_path / "out.pdf")
    assert found.budget.variance == 3_300_000
    other, = found.other_budgets
    assert other.variance == 3_700_000
    text = " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(tmp_path / "out.pdf").pages[:3])
    assert "Net forecast overspend of £3.3m" in text and "Net forecast overspend of £3.7m" in text
