"""How we compare on screen: the comparison table's figures and the trend chart, in the demo pack."""

from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFileDialog, QMessageBox

from memberpack.analysis.comparisons import BEST, TONE_COLOURS, UNJUDGED
from memberpack.gui.actions import IMPORT_NEIGHBOURS
from memberpack.gui.comparison_view import BAND, ENGLAND_COL, NEIGHBOURS_COL, OURS, RANK, VERSUS, ComparisonView
from memberpack.gui.dataset_view import DatasetView
from memberpack.gui.open_statistics_view import NO_AUTHORITY, OpenStatisticsView
from memberpack.gui.pack_details_dialog import PackDetailsDialog
from memberpack.model.charts import BENCHMARK
from memberpack.store import comparators

STATS = "Children looked after rates 2017-2020"
SCORECARD = "Performance Monitoring: Key Corporate Performance Indicators (KCPIs) Quarter 3 2020/21 Table 1.1"


def _shown(window, name):
    ds = next(d for d in window.pack.datasets() if d.name == name)
    assert window.tabs.reveal(ds.key)
    return window.tabs.domain_view(window.tabs.currentIndex()).current_view()


def test_open_statistics_show_as_comparisons_not_as_a_table(window):
    view = _shown(window, STATS)
    assert isinstance(view, OpenStatisticsView) and not hasattr(view, "model")
    compare = view.comparisons
    model = compare.model
    assert model.rowCount() == 2 and model.headers[2:5] == ["North Somerset", "England", "South West"]
    # seed 001: England 67, South West 57, neighbours 53; North Somerset 53.7 (its scorecard's Year-End 2019/20)
    assert [model.text(0, c) for c in (OURS, ENGLAND_COL, NEIGHBOURS_COL, VERSUS, RANK, BAND)] == [
        "53.7", "67.0", "53.0 (10 of 10)", "Lower", "6 of 14", "B"]
    band = model.index(0, BAND)
    assert band.data(Qt.ItemDataRole.BackgroundRole) == QColor(TONE_COLOURS[UNJUDGED])  # neutral: not judged
    foster = model.index(1, BAND)
    assert (foster.data(), foster.data(Qt.ItemDataRole.BackgroundRole)) == ("A", QColor(TONE_COLOURS[BEST]))
    assert foster.data(Qt.ItemDataRole.AccessibleTextRole) == "Band A (best)"
    assert "12_children_looked_after_rates_2017-2020.csv" in model.index(0, OURS).data(Qt.ItemDataRole.ToolTipRole)


def test_trend_chart_highlights_our_line(window, qtbot):
    compare = _shown(window, STATS).comparisons
    chart = compare.chart
    assert [s.name for s in chart.spec.series] == ["North Somerset", "England", "South West",
                                                   "Statistical neighbours average"]
    ours, *others = chart.curves
    assert ours.opts["pen"].style() == Qt.PenStyle.SolidLine
    assert all(o.opts["pen"].style() == Qt.PenStyle.CustomDashLine for o in others)
    assert all(ours.opts["pen"].widthF() > o.opts["pen"].widthF() for o in others)
    assert list(ours.getData()[1]) == [55.0, 54.1, 52.9, 53.7]
    assert {s.role for s in chart.spec.series[1:]} == {BENCHMARK}
    compare.table.setFocus()
    qtbot.keyClick(compare.table, Qt.Key.Key_Down)  # the keyboard moves to the next measure and its chart
    assert compare.chart.spec.title == "Percentage of CLA in foster care: how we compare"


def test_scorecard_benchmarks_show_beside_the_table(window):
    view = _shown(window, SCORECARD)
    assert isinstance(view, DatasetView) and isinstance(view.comparisons, ComparisonView)
    model = view.comparisons.model
    rows = {model.text(r, 0): r for r in range(model.rowCount())}
    r = rows["The rate of children looked after entering care (overall) EO"]
    assert [model.text(r, c) for c in (OURS, ENGLAND_COL, VERSUS)] == ["51", "67", "Lower"]
    assert view.comparisons.table.isColumnHidden(RANK) and view.comparisons.table.isColumnHidden(NEIGHBOURS_COL)


def test_a_trend_the_tables_own_chart_draws_is_not_drawn_twice(window):
    view = _shown(window, "North Somerset: children looked after and benchmarks, 2020/21")
    assert view.comparisons.model.rowCount() == 1 and view.comparisons.chart is None   # drawn once, below
    assert any(s.name == "Children Looked After rate per 10,000" for c in view.charts for s in c.spec.series)
    assert view.charts[0].spec.title.startswith("Children Looked After, of whom unaccompanied")  # a part, named whole


def test_our_authority_is_set_in_pack_details(window, monkeypatch):
    dialog = PackDetailsDialog(window.pack.meta())
    assert dialog.authority.text() == "North Somerset (802)" and dialog.authority_given() is None
    dialog.authority.setText("Somerset")
    assert dialog.authority_given() == "Somerset"
    assert window.set_authority("933")
    assert comparators.authority(window.pack).describe().startswith("Somerset")
    warned = []
    monkeypatch.setattr("memberpack.gui.main_window.QMessageBox.warning", lambda *a: warned.append(a[2]))
    assert not window.set_authority("Atlantis") and "Atlantis is not an authority" in warned[0]


def test_statistics_without_our_authority_say_how_to_set_it(window):
    window.pack.set_meta(authority_name="")
    window.reload()
    view = _shown(window, STATS)
    assert view.comparisons is None and view.table.text() == NO_AUTHORITY


def test_figure_tooltips_give_the_difference_and_the_neighbours_counted(window):
    model = _shown(window, STATS).comparisons.model
    tip = model.index(0, NEIGHBOURS_COL).data(Qt.ItemDataRole.ToolTipRole)
    assert "Average of the 10 of 10 statistical neighbours with a figure" in tip
    assert "North Somerset minus Statistical neighbours: " in tip and "0.7 (higher)" in tip


def test_a_note_on_a_comparison_chart_leads_back_to_its_measure(window):
    view = _shown(window, STATS)
    assert view.select_label("Percentage of CLA in foster care: how we compare")
    assert view.current_target().chart_id == view.comparisons.chart.spec.id
    assert view.comparisons.chart.spec.title == "Percentage of CLA in foster care: how we compare"
    assert not view.select_label("Attendance")


def _neighbour_workbook(path, codes):
    """The DfE layout in short: a title row, then LA number, LA name and SN1.. pairs (code, closeness)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Statistical Neighbours"
    ws.append(["Children's services statistical neighbour benchmarking tool"])
    ws.append(["LA number", "LA name"] + [f"SN{k}" for k in range(1, len(codes) + 1) for _ in (0, 1)])
    ws.append([802, "North Somerset"] + [v for code in codes for v in (code, "Close")])
    wb.save(path)
    return path


def test_import_neighbours_from_the_file_menu(qtbot, window, tmp_path, monkeypatch):
    action = window.menu_actions[IMPORT_NEIGHBOURS]
    file_menu = window.menuBar().actions()[0].menu()
    assert action in file_menu.actions() and action.text() == "Import statistical &neighbours…"
    assert _shown(window, STATS).comparisons.model.text(0, NEIGHBOURS_COL) == "53.0 (10 of 10)"
    picked = [_neighbour_workbook(tmp_path / "sn.xlsx", [916, 885, 938])]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(picked[0]), "")))
    action.trigger()
    listed = comparators.our_neighbours(window.pack)
    assert (listed.source_file, [n.name for n in listed.neighbours]) == (
        "sn.xlsx", ["Gloucestershire", "Worcestershire", "West Sussex"])
    qtbot.waitUntil(lambda: window.tabs.read_in_background)   # the comparisons are read again on a worker
    assert _shown(window, STATS).comparisons.model.text(0, NEIGHBOURS_COL) == "60.0 (2 of 3)"  # views redone
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: warned.append(a[2])))
    picked[0] = _neighbour_workbook(tmp_path / "bad.xlsx", [])
    assert not window.import_neighbours()
    assert warned == ["bad.xlsx: no statistical-neighbour table found (a header row with SN1 to SN10)"]
    assert comparators.our_neighbours(window.pack).version == listed.version  # the pack is unchanged
