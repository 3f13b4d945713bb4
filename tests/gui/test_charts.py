"""Charts drawn from the same ChartSpec data as the PDF, and their link to the table."""

from __future__ import annotations

import pytest
from gui_test_data import budget_monitor
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QLabel, QWidget

from memberpack.gui.charts import ChartView
from memberpack.gui.dataset_view import DatasetView
from memberpack.importers import import_files
from memberpack.store.pack import Pack


@pytest.fixture
def budget_view(qtbot, demo_pack):
    with Pack.open(demo_pack) as pack:
        view = DatasetView(*budget_monitor(pack))
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def bar_end(chart: ChartView, category: str) -> float:
    i = chart.spec.categories.index(category)
    return chart.bars.opts["x0"][i] + chart.bars.opts["width"][i]


def test_variance_bars_hold_the_pack_figures(budget_view):
    chart = budget_view.charts[0]
    assert chart.scale == 1e6
    assert bar_end(chart, "External Placements") == pytest.approx(10.4)
    assert chart.bars.opts["x0"][chart.spec.categories.index("Fostering & Permanence")] == pytest.approx(-0.7)
    services = {r.label for r in budget_view.model.rows if r.source and r.role == "data"}
    assert set(chart.spec.categories) <= services
    assert chart.spec.categories[:2] == ["External Placements", "SEND Transport"]
    values = [v or 0.0 for v in chart.spec.series[0].values]
    assert values == sorted(values, reverse=True)   # the biggest overspend first
    i = chart.spec.categories.index("External Placements")
    assert chart.bars.opts["brushes"][i].color().name() == "#c0392b"
    j = chart.spec.categories.index("Fostering & Permanence")
    assert chart.bars.opts["brushes"][j].color().name() == "#2e7d32"
    texts = [item.toPlainText() for item in chart.plot.getPlotItem().items if hasattr(item, "toPlainText")]
    assert "£10.4m A" in texts and "(£0.7m) (F)" in texts


def test_hover_names_value_and_source_cell(budget_view):
    chart = budget_view.charts[0]
    text = chart.hover_text(chart.spec.categories.index("External Placements"))
    cell = budget_view.model.observation(budget_view.model.index(
        budget_view.model.row_of("External Placements"), budget_view.model.measures.index(chart.spec.series[0].name) + 1))
    assert f"{chart.spec.series[0].name}: £10.4m A (adverse) (cell {cell.cell})" in text
    assert cell.cell.startswith("D") and "budget_monitor_m6_2023-24.xlsx" in text


def test_clicking_a_bar_selects_its_row(qtbot, budget_view):
    chart = budget_view.charts[0]
    i = chart.spec.categories.index("Fieldwork")
    scene_point = chart.plot.getViewBox().mapViewToScene(QPointF(0.3, i))
    widget_point = chart.plot.mapFromScene(scene_point)
    with qtbot.waitSignal(chart.bar_clicked) as signal:
        qtbot.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=widget_point)
    assert signal.args == [i]
    assert budget_view.selected_row_label() == "Fieldwork"


def test_earlier_years_fainter_and_benchmarks_dashed(qtbot, tmp_path, suspensions_xlsx, cla_rate_xlsx):
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [suspensions_xlsx], kind="time_series")
        import_files(pack, [cla_rate_xlsx], kind="kpi_scorecard")
        views = [DatasetView(ds, pack.observations(ds.id)) for ds in pack.datasets()]
    for view in views:
        qtbot.addWidget(view)
    suspensions, rate = views[0].charts[0], views[1].charts[0]
    assert suspensions.spec.categories == ["Sep", "Oct", "Nov", "Dec", "Jan"]
    widths = [c.opts["pen"].widthF() for c in suspensions.curves]
    assert widths == [1.6, 1.6, 2.4]  # 2020/21 and 2021/22 under the latest year
    assert list(suspensions.curves[-1].getData()[1]) == [401, 552, 590, 388, 497]
    styles = {c.name(): c.opts["pen"].style() for c in rate.curves}
    assert styles["England"] == Qt.PenStyle.CustomDashLine and styles["South West"] == Qt.PenStyle.CustomDashLine
    assert styles["CLA rate per 10,000"] == Qt.PenStyle.SolidLine
    dashes = {c.name(): tuple(c.opts["pen"].dashPattern()) for c in rate.curves}
    symbols = {c.name(): c.opts["symbol"] for c in rate.curves}
    assert len(set(dashes.values())) == len(dashes) and len(set(symbols.values())) == len(symbols)  # not colour alone
    assert "England" in rate.key.text()


def test_a_repeated_label_selects_its_own_row(qtbot, demo_pack):
    """The second "Central" bar (Commissioning) selects its own row, not the first "Central"."""
    with Pack.open(demo_pack) as pack:
        ds = next(d for d in pack.datasets() if d.sheet == "Finances")
        view = DatasetView(ds, pack.observations(ds.id))
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    chart = view.charts[0]
    assert "Central (Children's Social Care)" in chart.spec.categories   # repeated labels show their section
    i = chart.spec.categories.index("Central (Commissioning)")
    scene_point = chart.plot.getViewBox().mapViewToScene(QPointF(0.0, i))
    with qtbot.waitSignal(chart.figure_clicked):
        qtbot.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=chart.plot.mapFromScene(scene_point))
    row = view.model.rows[view.proxy.mapToSource(view.table.selectionModel().currentIndex()).row()]
    assert (row.label, row.section) == ("Central", "Commissioning")


def test_a_benchmark_with_one_figure_is_drawn_and_a_gap_breaks_the_line(qtbot, demo_pack):
    with Pack.open(demo_pack) as pack:
        ds = next(d for d in pack.datasets() if d.sheet == "KCPIs Q3 2020-21")
        view = DatasetView(ds, pack.observations(ds.id))
    qtbot.addWidget(view)
    percent = next(c for c in view.charts if c.spec.unit == "percent")
    audits = next(c for c in percent.curves if c.name().startswith("The percentage of children's case audits"))
    assert audits.opts["connect"] == "finite" and audits.opts["symbol"]   # DNA quarters: no line across them
    texts = [i.toPlainText() for p in percent.plots for i in p.getPlotItem().items if hasattr(i, "toPlainText")]
    assert "DNA" in texts
    assert all(p.getAxis("left").labelText for p in percent.plots)         # the axis says its unit


def test_a_ledger_shows_its_largest_bars_and_a_table_that_scrolls(qtbot, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Cost centre", "Spend £k"])
    for i in range(3_000):
        wb.active.append([f"Centre {i}", i % 500 + 0.5 - (20_000.0 if i == 1234 else 0.0)])
    wb.save(tmp_path / "ledger.xlsx")
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [tmp_path / "ledger.xlsx"])
        (ds,) = pack.datasets()
        view = DatasetView(ds, pack.observations(ds.id), [])
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    chart = view.charts[0]
    assert len(chart.spec.categories) == 30
    assert any("the 30 largest of 3,000; the table lists all" in label.text() for label in chart.findChildren(QLabel))
    assert "Centre 1234" in chart.spec.categories    # the biggest, an underspend
    assert view.table.height() < 1_000 and view.table.verticalScrollBar().maximum() > 0
    i = chart.spec.categories.index("Centre 1234")
    scene_point = chart.plot.getViewBox().mapViewToScene(QPointF(-1000, i))
    with qtbot.waitSignal(chart.bar_clicked):
        qtbot.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=chart.plot.mapFromScene(scene_point))
    assert view.selected_row_label() == "Centre 1234"


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_charts_take_the_palette_with_series_at_3_to_1(qtbot, demo_pack, dark):
    """The plot area is the palette's base colour; every bar, line and marker keeps 3:1 against it
    and every figure and mark written on it 4.5:1, under a light and a dark palette."""
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QApplication

    from memberpack.gui.palette import MIN_CONTRAST, contrast, dark_palette

    app = QApplication.instance()
    before = app.palette()
    if dark:
        app.setPalette(dark_palette())
    try:
        with Pack.open(demo_pack) as pack:
            sheets = ("Budget Monitor", "KCPIs Q3 2020-21", "Vulnerable Learners", "EHCP")
            views = [DatasetView(d, pack.observations(d.id)) for d in pack.datasets() if d.sheet in sheets]
        base = app.palette().color(app.palette().ColorRole.Base)
        checked = 0
        for view in views:
            qtbot.addWidget(view)
            for chart in view.charts:
                for plot in chart.plots:
                    assert plot.backgroundBrush().color() == base
                    assert contrast(plot.getAxis("left").textPen().color(), base) >= MIN_CONTRAST
                    for item in plot.getPlotItem().items:
                        if hasattr(item, "toPlainText"):            # a figure or DNA written on the chart
                            assert contrast(item.color, base) >= MIN_CONTRAST, item.toPlainText()
                for curve in chart.curves:
                    colour = curve.opts["pen"].color()
                    assert contrast(colour, base) >= 3.0, curve.name()
                    checked += 1
                if chart.bars is not None:
                    for brush in chart.bars.opts["brushes"]:
                        assert contrast(QColor(brush.color()), base) >= 3.0
                        checked += 1
        assert checked > 20
    finally:
        app.setPalette(before)


def test_value_axes_group_thousands_as_the_pdf_does(budget_view):
    chart = budget_view.charts[0]
    for axis in ("left", "bottom"):
        assert chart.plot.getAxis(axis).tickStrings([1000.0, 43090.0, 2_500_000.0], 1.0, 500.0) == [
            "1,000", "43,090", "2,500,000"]
    assert chart.plot.getAxis("bottom").tickStrings([0.5, 1.25], 1.0, 0.05) == ["0.50", "1.25"]


def test_a_figure_written_as_not_sure_is_marked_on_the_chart_as_written(qtbot, tmp_path):
    """``c. 580`` and ``5,400 [e]`` are written beside their points and ``395?`` where its point would
    be: the line had shown them as plain figures, and ``395?`` not at all."""
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    for row in (["Children's social care indicators Q3 2022/23"], ["Indicator", "Q1 2022/23", "Q2 2022/23", "Q3 2022/23"],
                ["Number of children looked after", 575, "c. 580", 584], ["Care leavers (16-21)", 390, 392, "395?"],
                ["Contacts in the quarter", 5100, "5,318 [r]", "5,400 [e]"]):
        ws.append(row)
    wb.save(tmp_path / "k.xlsx")
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [tmp_path / "k.xlsx"])
        ds = pack.datasets()[0]
        view = DatasetView(ds, pack.observations(ds.id))
    qtbot.addWidget(view)
    texts = {i.toPlainText() for c in view.charts for p in c.plots for i in p.getPlotItem().items
             if hasattr(i, "toPlainText")}
    assert {"c. 580", "395?", "5,318 [r]", "5,400 [e]"} <= texts
    assert "5,400 [e]" in view.charts[0].spec.title


def test_long_column_titles_wrap_so_every_line_shows_whole(qtbot, demo_pack):
    """The DSG balance table's titles ("Balance b/f at 1 Apr 2023 Surplus/ (Deficit) (£m)") were cut to
    two lines in a 130-pixel column: "alance b/f at 1 Apr 20" and "orecast carry forwar" were what a
    councillor could read of which column is the balance brought forward and which the carry forward."""
    with Pack.open(demo_pack) as pack:
        ds = next(d for d in pack.datasets() if d.name.endswith("Balance b/f"))
        view = DatasetView(ds, pack.observations(ds.id))
    qtbot.addWidget(view)
    view.resize(1000, 800)
    view.show()
    qtbot.waitExposed(view)
    header = view.table.horizontalHeader()
    metrics = header.fontMetrics()
    for column in range(1, view.model.columnCount()):
        title = view.model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for line in title.split("\n"):
            assert metrics.horizontalAdvance(line) <= header.sectionSize(column) - 6, (column, line)
    assert header.height() >= 3 * metrics.height()   # room for the third line


def test_every_bar_label_shows_whole_inside_the_chart(qtbot, demo_pack):
    """The DSG balance chart's "£5.6m surplus" ran off the plot's right edge at 1280 by 800."""
    import pyqtgraph as pg

    with Pack.open(demo_pack) as pack:
        ds = next(d for d in pack.datasets() if d.name.endswith("Balance b/f"))
        view = DatasetView(ds, pack.observations(ds.id))
    qtbot.addWidget(view)
    view.resize(690, 700)          # the tab's width beside the table list and the notes panel
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(50)   # the labels take their place in the scene at the first paint
    chart = view.charts[0]
    box = chart.plot.getViewBox().sceneBoundingRect()
    labels = [i for i in chart.plot.getPlotItem().items if isinstance(i, pg.TextItem)]
    assert {i.toPlainText() for i in labels} >= {"£5.6m surplus", "(£44.9m) deficit"}
    for label in labels:
        rect = label.sceneBoundingRect()
        assert box.left() <= rect.left() and rect.right() <= box.right(), label.toPlainText()


def test_a_bar_label_wider_than_the_axis_is_written_whole_over_lines(qtbot, tmp_path):
    """pyqtgraph draws no tick text wider than its axis: the largest overspend of an officer's
    monitor ('Children Looked After - External Placements') had a bar with no name beside it; then
    it was cut short with "…", so two bars named alike up to the cut ('... External Placements and
    Care Leavers', '... External Placements and Residential') could not be told apart."""
    from memberpack.model.charts import BAR, ChartSpec, Series
    from memberpack.model.units import GBP

    labels = ["Older People Residential & Nursing", "Children Looked After - External Placements and Care Leavers",
              "Children Looked After - External Placements and Residential", "Parking Services"]
    spec = ChartSpec(id="t#bar", kind=BAR, title="Net overspend", summary="", categories=labels,
                     series=[Series("Variance", [3_660_000.0, 6_820_000.0, 5_100_000.0, -250_000.0],
                                    statuses=["adverse", "adverse", "adverse", "favourable"])], unit=GBP,
                     source="t.xlsx")
    chart = ChartView(spec)
    qtbot.addWidget(chart)
    chart.resize(900, 300)   # as wide as at 1280 by 800 (a narrower chart gives its names less room)
    chart.show()
    qtbot.waitExposed(chart)
    qtbot.wait(50)   # the names' axis takes its width as the chart is laid out
    axis = chart.plot.getAxis("left")
    metrics = chart.plot.fontMetrics()
    ticks = [text for _i, text in axis._tickLevels[0]]
    assert [" ".join(t.split()) for t in ticks] == labels          # every name whole, over more lines
    assert all(metrics.horizontalAdvance(line) <= axis.width() - 20 for t in ticks for line in t.split("\n"))
    lines = max(t.count("\n") + 1 for t in ticks)
    assert lines > 1 and chart.plot.height() >= len(labels) * lines * metrics.lineSpacing()   # room for them
    assert labels[1] in chart.hover_text(1)   # and whole in the tip over the bar
    chart.grab().save(str(tmp_path / "bars.png"))


def test_a_bar_chart_of_positive_values_shows_its_zero(qtbot):
    """Bars of pupils by school start at 0, and the value axis says so: pyqtgraph had hidden the '0'
    at the axis's left end (its text runs past the edge), so the bars seemed to start anywhere."""
    from PySide6.QtGui import QPainter, QPicture

    from memberpack.model.charts import BAR, ChartSpec, Series

    spec = ChartSpec(id="t#breakdown", kind=BAR, title="Pupils by school", summary="",
                     categories=["Alder Primary", "Birch Academy", "Cedar High"],
                     series=[Series("Pupils", [1200.0, 3400.0, 5600.0])], unit="count", source="t.xlsx")
    chart = ChartView(spec)
    qtbot.addWidget(chart)
    chart.resize(700, 300)
    chart.show()
    qtbot.waitExposed(chart)
    axis = chart.plot.getAxis("bottom")
    assert chart.plot.getViewBox().viewRange()[0][0] == 0.0
    picture = QPicture()
    painter = QPainter(picture)
    shown = [text for _rect, _flags, text in axis.generateDrawSpecs(painter)[2]]
    painter.end()
    assert shown[0] == "0" and "2,000" in shown


def test_a_bar_name_exactly_as_wide_as_its_room_is_not_cut(qtbot):
    """'Fostering & Permanence', 147 pixels wide in a 147-pixel room, read 'Fostering & Permanen…':
    Qt's elidedText cut a line that fitted."""
    from memberpack.gui.charts import wrapped

    chart = QWidget()
    qtbot.addWidget(chart)
    metrics = chart.fontMetrics()
    name = "Fostering & Permanence"
    assert wrapped(name, metrics, metrics.horizontalAdvance(name)) == name


def test_a_zero_variance_bar_reads_nothing_in_pounds(qtbot):
    """A service on budget in a table drawn in £m had '£0.0m' beside its bar and in its tooltip."""
    from memberpack.gui.charts import value_text
    from memberpack.model.charts import BAR, ChartSpec, Series

    spec = ChartSpec(id="t#variance", kind=BAR, title="Variance by service", summary="",
                     categories=["Adult social care", "Libraries", "Children's services"],
                     series=[Series("Variance", [10_400_000.0, 0.0, -700_000.0])], unit="GBP", source="t.xlsx",
                     scale=1e6, decimals=1)
    chart = ChartView(spec)
    qtbot.addWidget(chart)
    chart.resize(700, 300)
    chart.show()
    qtbot.waitExposed(chart)
    assert [label.textItem.toPlainText() for label, _value in chart.bar_labels] == ["£10.4m", "£0", "(£0.7m)"]
    assert value_text(0.0, "GBP", spec) == "£0"
