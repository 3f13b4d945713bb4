"""The Overview after an older return is imported late: its tiles stay those of the latest period."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

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


def test_an_empty_list_keeps_its_column_headings_readable(qtbot, tmp_path):
    """A pack with nothing red and no deficit: the lists' middle headings had been cut to "Def",
    "Figu", "Mov" (the column was sized for figures it did not have)."""
    with Pack.create(tmp_path / "m9.mpack") as pack:
        import_files(pack, [sample("09_childrens_services_m9_2020-21.xlsx")])
        view = OverviewView(headlines(pack), pack.meta())
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    for key in ("deficits", "red"):
        header = view.lists[key].header()
        title = view.lists[key].headerItem().text(1)
        assert header.sectionSize(1) >= header.fontMetrics().horizontalAdvance(title), (key, title)


def _overview(qtbot, tmp_path, name: str) -> OverviewView:
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [sample(name)])
        view = OverviewView(headlines(pack), pack.meta())
    qtbot.addWidget(view)
    return view


def test_no_red_items_is_shown_without_the_red_shape(qtbot, tmp_path):
    """The tile had read "▲ 0" in green: the triangle marks Red everywhere else in the app."""
    view = _overview(qtbot, tmp_path, "09_childrens_services_m9_2020-21.xlsx")
    assert view.tiles["red"].accessibleName() == "Red items: 0. Nothing rated Red"


def test_the_red_items_tile_counts_lines_and_says_totals_are_aside(qtbot, tmp_path):
    """The Month 6 monitor rates 9 lines Red and its sub totals and total too: the tile's "9" had
    been called "Figures rated Red in the pack", of which there are 13."""
    view = _overview(qtbot, tmp_path, "01_budget_monitor_m6_2023-24.xlsx")
    assert view.tiles["red"].accessibleName() == "Red items: ▲ 9. Lines rated Red in the pack, totals aside"


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


def test_the_overview_tells_each_period_once(qtbot, demo_pack):
    """Another monitor's position under a name stating its period, and a carry forward whose column
    names its date, had the period twice: '... Budget Monitor 2020/21 ...: ... at 2020/21 Month 9',
    and 'Forecast carry forward 31 Mar 2024' over a Table column's 'Mar 2024'."""
    with Pack.open(demo_pack) as pack:
        view = OverviewView(headlines(pack), pack.meta())
    qtbot.addWidget(view)
    others = view.findChild(QLabel, "otherBudgets").text()
    assert "Month 9 Children's Services Budget Monitor 2020/21" in others and "at 2020/21 Month 9" not in others
    assert "2022/23 Children's Services as at the end of December 2022 (Month 9): Net forecast" in others
    assert "at 2022/23 Month 9" not in others and "£10.4m at 2023/24 Month 6" in others
    carried = [i for i in view.headlines.deficits if i.measure == "Forecast carry forward 31 Mar 2024"]
    assert carried and all("Mar 2024" not in view.table_text(i) for i in carried)
