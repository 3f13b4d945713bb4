"""The app's lists as a councillor meets them (review13)."""

from gui_test_data import write_workbook

from memberpack.gui.dataset_view import DatasetView
from memberpack.gui.main_window import MainWindow
from memberpack.importers import import_files
from memberpack.store.pack import Pack

CAPITAL = [["Capital Programme Monitoring 2024/25 - Period 9 £000s"], [],
           ["Scheme", "Revised Budget", "Forecast Outturn", "Variance", "Slippage to 2025/26"],
           ["New primary school", 12500, 11250, -1250, -1250],
           ["Bypass phase 2", 18400, 15000, -3400, -3400],
           ["Total Capital Programme", 30900, 26250, -4650, -4650]]
REVENUE = [["Revenue Budget Monitoring 2024/25 - Period 9"], [],
           ["Service", "Revised Budget £000s", "Forecast Outturn £000s", "Forecast Variance £000s"],
           ["Children Looked After - External Placements", 28600, 35420, 6820],
           ["Waste Collection & Disposal", 21340, 21780, 440],
           ["Net General Fund", 49940, 57200, 7260]]


def test_the_monitor_the_headlines_lead_on_is_first_in_the_finance_list(qtbot, tmp_path):
    books = [write_workbook(tmp_path / "a_capital.xlsx", "Capital P9", CAPITAL),
             write_workbook(tmp_path / "b_revenue.xlsx", "P9 Summary", REVENUE)]
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, books)
        assert [d.source_file for d in pack.datasets() if d.domain == "finance"][0] == "a_capital.xlsx"
    win = MainWindow(Pack.open(tmp_path / "p.mpack"))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    early = win.tabs.domain_view(1)   # opened before the headlines are read
    qtbot.waitUntil(lambda: win.notes.read and win.tabs.read_in_background)
    finance = win.tabs.domain_view(1)
    assert finance is not early or early.list.item(0).text().startswith("Revenue")
    assert [d.source_file for d in finance.datasets] == ["b_revenue.xlsx", "a_capital.xlsx"]
    assert finance.list.item(0).text().startswith("Revenue")
    assert finance.current_view().dataset.source_file == "b_revenue.xlsx"
    win.pack.close()


def test_last_years_outturn_stands_apart_from_the_quarters_line(qtbot, tmp_path):
    rows = [["Corporate Performance Scorecard 2024/25 - Quarter 3"], [],
            ["Indicator", "2023/24 Outturn", "Q1 2024/25", "Q2 2024/25", "Q3 2024/25", "RAG"],
            ["Permanent admissions to residential/nursing care (65+) per 100,000", 598.2, 142.1, 281.5, 455.0, "G"],
            ["Average working days lost to sickness per FTE", 10.4, 10.1, 9.8, 10.2, "R"]]
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [write_workbook(tmp_path / "scorecard.xlsx", "Q3", rows)])
        (ds,) = pack.datasets()
        view = DatasetView(ds, pack.observations(ds.id))
    qtbot.addWidget(view)
    chart = view.charts[0]
    assert chart.spec.apart == 1
    assert [list(c.opts["connect"]) for c in chart.curves] == [[False, True, True, False]] * len(chart.curves)
