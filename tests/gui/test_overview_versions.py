"""The Overview after an older return is imported late: its tiles stay those of the latest period."""

from __future__ import annotations

from memberpack.analysis.headlines import headlines
from memberpack.assets import sample
from memberpack.gui.overview_view import OverviewView
from memberpack.importers import import_files
from memberpack.store.pack import Pack


def test_the_overview_keeps_month_6_when_month_5_is_imported_after_it(qtbot, tmp_path):
    def tiles(pack_path, files):
        with Pack.create(pack_path) as pack:
            for path in files:
                import_files(pack, [path])
            view = OverviewView(headlines(pack), pack.meta())
        qtbot.addWidget(view)
        return {key: tile.accessibleName() for key, tile in view.tiles.items()}

    m5, m6 = sample("00_budget_monitor_m5_2023-24.xlsx"), sample("01_budget_monitor_m6_2023-24.xlsx")
    alone = tiles(tmp_path / "m6.mpack", [m6])
    assert alone["variance"] == ("Net forecast variance: £12.4m overspend. 10.1% of budget, adverse. "
                                 "Figures in £m; brackets mean underspend (favourable).")
    assert alone["budget"] == "Net budget: £123.1m. Children, Families & Education Services Total, 2023/24 Month 6"
    assert tiles(tmp_path / "both.mpack", [m6, m5]) == alone


def test_an_empty_lists_middle_column_is_as_wide_as_its_header(qtbot, tmp_path):
    """"Movement" over no rows had been cut to "Mov" (the column was sized by its figures alone)."""
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [sample("01_budget_monitor_m6_2023-24.xlsx")])
        view = OverviewView(headlines(pack), pack.meta())
    qtbot.addWidget(view)
    for tree in view.lists.values():
        header = tree.header()
        assert header.sectionSize(1) >= header.sectionSizeHint(1), tree.headerItem().text(1)


def test_another_directorates_monitor_is_told_under_the_tiles(qtbot, tmp_path):
    from PySide6.QtWidgets import QLabel

    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [sample("01_budget_monitor_m6_2023-24.xlsx")])
        found = headlines(pack)
        found.other_budgets = [found.budget]   # as a second monitor would be
        view = OverviewView(found, pack.meta())
    qtbot.addWidget(view)
    told = view.findChild(QLabel, "otherBudgets")
    assert "Net forecast overspend of £12.4m" in told.text() and "&#x27;" not in told.text()
