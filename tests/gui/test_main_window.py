"""The main window on the demo pack: tabs, overview, menus, settings, drag and drop."""

from __future__ import annotations

from gui_test_data import budget_monitor
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from memberpack.analysis.headlines import headlines
from memberpack.gui import actions as ids
from memberpack.gui.main_window import recent_packs, window_settings
from memberpack.gui.overview_view import TABLE_WIDTH
from memberpack.gui.export_dialog import ExportDialog
from memberpack.gui.pack_details_dialog import PackDetailsDialog


def test_tabs_in_order_and_every_tab_opens(window):
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles[:5] == ["Overview", "Finance", "Social care", "Inclusion", "Education"]
    assert titles[-1] == "Other data"
    for tab in range(1, window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        assert window.tabs.domain_view(tab).isVisible()
    finance = window.tabs.domain_view(1)
    ds, _observations = budget_monitor(window.pack)
    assert finance.reveal(ds.key, "External Placements")
    model = finance.current_view().model
    obs = model.observation(model.index(model.row_of("External Placements"), 1))
    assert (obs.display, obs.value) == ("38.4", 38_400_000)
    assert finance.current_view().selected_row_label() == "External Placements"
    header = model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "Current Budget (£m)" in header            # the unit of the source's units row


def test_overview_headlines(window):
    expected = headlines(window.pack)
    tiles = window.tabs.overview.tiles
    budget = expected.budget
    assert budget.variance > 0 and budget.budget > 80_000_000  # the demo's Month 6 position
    assert tiles["budget"].value == budget.money(budget.budget) == "£123.1m"
    assert tiles["forecast"].value == budget.money(budget.forecast)
    assert tiles["variance"].value == "£12.4m overspend"
    assert tiles["red"].value == f"▲ {len(expected.red_items)}" and expected.red_items
    movements = window.tabs.overview.lists["movements"]
    biggest = expected.adverse_movements[0]
    assert movements.topLevelItem(0).text(0) == biggest.label
    assert movements.topLevelItem(0).text(1) == biggest.display == "£0.9m worse"   # in the table's £m
    assert biggest.measure in movements.topLevelItem(0).toolTip(0)
    assert movements.parent().title().startswith("Biggest adverse movements since the last report, 2023/24 Month 6")
    table, period = movements.topLevelItem(0).text(2).split("\n")
    assert (table, period) == ("23/24 Budget … General Fund", "2023/24 Month 6")   # a short name, then the period
    assert biggest.dataset in movements.topLevelItem(0).toolTip(2)                  # the whole title in the tooltip
    changes = window.tabs.overview.lists["changes"]
    shown = [changes.topLevelItem(i).text(0) for i in range(changes.topLevelItemCount())]
    assert "Children & Families sub total\nMonth 6 Variance" in shown  # the measure on a line of its own
    assert not any(text.startswith("sub total") for text in shown)
    assert changes.parent().title() == f"What changed since the previous period ({len(expected.changes)})"
    assert changes.topLevelItem(0).text(2).endswith("\n2023/24 Month 5 → Month 6")     # which two periods
    assert "was Green in 2023/24 Month 5" in changes.topLevelItem(0).toolTip(1)      # a line turned Red first
    prevention = changes.topLevelItem(shown.index("Prevention Services\nMonth 6 Variance"))
    assert "was £0.0m in 2023/24 Month 5" in prevention.toolTip(1)
    worse = window.tabs.overview.lists["worse"]
    assert not any(worse.topLevelItem(i).text(0).startswith("England")
                   for i in range(worse.topLevelItemCount()))


def test_changes_list_shows_name_and_measure_whole_at_1280_by_800(window, qtbot):
    window.resize(1280, 800)
    changes = window.tabs.overview.lists["changes"]
    qtbot.waitUntil(lambda: changes.viewport().width() > 0)
    assert changes.textElideMode() == Qt.TextElideMode.ElideMiddle  # a long name keeps its distinguishing end
    metrics = changes.fontMetrics()
    width = changes.header().sectionSize(0)
    assert width >= 120
    for i in range(changes.topLevelItemCount()):
        row = changes.topLevelItem(i)
        name, measure = row.text(0).split("\n")
        assert changes.visualItemRect(row).height() >= 2 * metrics.height()  # both lines show
        assert metrics.horizontalAdvance(measure) < width  # the measure is never cut
    assert changes.header().sectionSize(2) <= TABLE_WIDTH
    metrics = changes.fontMetrics()
    for i in range(changes.topLevelItemCount()):    # the table's short name and the periods are never cut
        lines = changes.topLevelItem(i).text(2).split("\n")
        assert max(metrics.horizontalAdvance(t) for t in lines) < changes.header().sectionSize(2)


def test_overview_item_opens_its_row(window):
    red = window.tabs.overview.lists["red"]
    item = next(red.topLevelItem(i) for i in range(red.topLevelItemCount())
                if red.topLevelItem(i).text(0).split("\n")[0] == "External Placements")
    red.itemActivated.emit(item, 0)
    assert window.tabs.currentIndex() == 1
    assert window.tabs.domain_view(1).current_view().selected_row_label() == "External Placements"


def test_an_overview_line_selects_its_own_row_where_labels_repeat(window):
    changes = window.tabs.overview.lists["changes"]
    item = next(changes.topLevelItem(i) for i in range(changes.topLevelItemCount())
                if changes.topLevelItem(i).text(0).startswith("Commissioning and Performance sub total"))
    changes.itemActivated.emit(item, 0)
    target = window.tabs.domain_view(1).current_view().current_target()
    assert (target.label, target.section) == ("sub total", "Commissioning and Performance")   # not the first "sub total"


def test_menus_and_shortcuts_from_the_action_table(window):
    assert window.menu_actions[ids.IMPORT].shortcut().toString() == "Ctrl+I"
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&View", "&Help"]
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions() if not a.isSeparator()]
    assert texts[:3] == ["&New pack…", "&Open pack…", "Open &recent"]


def test_recent_packs_and_geometry_in_settings(window, demo_pack):
    assert recent_packs()[0] == str(demo_pack.resolve())
    window.resize(1001, 702)
    window.close()
    assert not window_settings().value("window/geometry").isEmpty()
    assert window_settings().fileName().endswith("window.ini")


def test_opening_a_bad_pack_keeps_the_current_one(window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: shown.append(a[2])))
    bad = tmp_path / "bad.mpack"
    bad.write_bytes(b"not sqlite at all")
    assert window.open_pack(bad) is False
    assert shown == [f"{bad}: not a memberpack pack file"]
    assert window.pack.meta()["committee"].startswith("Scrutiny")


def test_a_pack_with_a_damaged_table_is_refused_and_the_current_one_kept(window, tmp_path, monkeypatch):
    from openpyxl import Workbook

    from memberpack.importers import import_files
    from memberpack.store.pack import Pack

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: shown.append(a[2])))
    wb = Workbook()
    wb.active.append(["Item", "Q1", "Q2"])
    for i in range(5):
        wb.active.append([f"Item {i}", i * 1.5, i * 2.0])
    wb.save(tmp_path / "t.xlsx")
    damaged = tmp_path / "damaged.mpack"
    with Pack.create(damaged) as pack:
        import_files(pack, [tmp_path / "t.xlsx"])
        pack.db.execute("UPDATE observation_block SET figures = substr(figures, 1, 10)")
    current = window.pack
    assert window.open_pack(damaged) is False
    assert len(shown) == 1 and "damaged.mpack: a stored block of figures cannot be read" in shown[0]
    assert window.pack is current and window.tabs.pack is current


def test_pack_details_are_saved(window, monkeypatch):
    def fill(dialog: PackDetailsDialog) -> int:
        dialog.committee.setText("Children's Scrutiny")
        dialog.classification.setCurrentText("Exempt")
        return 1

    monkeypatch.setattr(PackDetailsDialog, "exec", fill)
    window.menu_actions[ids.PACK_DETAILS].trigger()
    meta = window.pack.meta()
    assert (meta["committee"], meta["classification"], meta["meeting_date"]) == ("Children's Scrutiny", "Exempt",
                                                                                 "12/12/2023")
    assert window.windowTitle().startswith("Children's Scrutiny")


def test_dropping_a_workbook_opens_the_wizard(window, cla_rate_xlsx):
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(cla_rate_xlsx))])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert window.wizard is not None and window.wizard.files_page.files() == [cla_rate_xlsx]
    window.wizard.reject()


def test_export_json_runs_in_the_background(qtbot, window, tmp_path, monkeypatch):
    out = tmp_path / "pack.json"
    window.notes.visibility.setCurrentIndex(1)
    window.notes.body.setPlainText("My own reminder: ask about agency staff")
    window.notes.submit()
    offered = []

    def choose(dialog: ExportDialog) -> int:
        offered.append((dialog.suffix, dialog.private.isEnabled(), dialog.private.isChecked()))
        dialog.output.setText(str(out))
        return 1

    monkeypatch.setattr(ExportDialog, "exec", choose)
    with qtbot.waitSignal(window.export_done, timeout=10_000) as done:
        window.menu_actions[ids.EXPORT_JSON].trigger()
        assert window.export_bar.isVisible()
    assert done.args == [f"Wrote {out}"] and not window.export_bar.isVisible()
    text = out.read_text(encoding="utf-8")
    assert '"External Placements"' in text
    assert offered == [(".json", True, False)] and "My own reminder" not in text  # private notes left out


def test_keyboard_reaches_tabs_notes_and_filter(qtbot, window):
    window.menu_actions[ids.NEXT_TAB].trigger()
    assert window.tabs.currentIndex() == 1
    window.menu_actions[ids.PREVIOUS_TAB].trigger()
    window.menu_actions[ids.PREVIOUS_TAB].trigger()
    assert window.tabs.currentIndex() == window.tabs.count() - 1
    window.tabs.setCurrentIndex(1)
    window.menu_actions[ids.FIND].trigger()
    assert window.tabs.domain_view(1).current_view().filter.hasFocus()
    window.notes_dock.hide()
    window.menu_actions[ids.SHOW_NOTES].trigger()   # F4 shows the panel and goes to it, never hides it
    assert window.notes_dock.isVisible() and window.notes.body.hasFocus()
    window.menu_actions[ids.SHOW_NOTES].trigger()
    assert window.notes_dock.isVisible() and window.notes.body.hasFocus()
    unnamed = [w for w in (window.tabs, window.notes.body, window.notes.list, window.notes.kind,
                           window.tabs.domain_view(1).current_view().table) if not w.accessibleName()]
    assert unnamed == []


def test_import_from_the_window_shows_the_new_table(qtbot, window, suspensions_xlsx):
    before = len(window.pack.datasets())
    wizard = window.open_import_wizard([suspensions_xlsx])
    wizard.next()
    wizard.next()
    with qtbot.waitSignal(wizard.imported, timeout=10_000):
        wizard.button(wizard.WizardButton.FinishButton).click()
    assert len(window.pack.datasets()) == before + 1
    new = window.pack.datasets()[-1]
    tab = next(t for t, (_title, datasets) in enumerate(window.tabs.domains, 1) if new in datasets)
    window.tabs.setCurrentIndex(tab)
    assert window.tabs.reveal(new.key)
    view = window.tabs.domain_view(tab).current_view()
    assert view.dataset.source_file == "suspensions.xlsx"
    assert [round(v) for v in view.charts[0].spec.series[-1].values] == [401, 552, 590, 388, 497]


def test_new_pack_opens_empty_with_its_details(window, tmp_path, monkeypatch):
    path = tmp_path / "march.mpack"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))

    def fill(dialog: PackDetailsDialog) -> int:
        dialog.committee.setText("Corporate Parenting Panel")
        return 1

    monkeypatch.setattr(PackDetailsDialog, "exec", fill)
    window.menu_actions[ids.NEW_PACK].trigger()
    assert window.pack.path == path and window.pack.datasets() == []
    assert window.windowTitle().startswith("Corporate Parenting Panel")
    window.tabs.setCurrentIndex(1)
    assert window.tabs.domain_view(1).datasets == []
    assert recent_packs()[0] == str(path.resolve())


def test_export_pdf_in_the_background_then_offers_to_open_it(qtbot, window, tmp_path, monkeypatch):
    out = tmp_path / "briefing.pdf"
    monkeypatch.setattr(ExportDialog, "exec", lambda dialog: dialog.output.setText(str(out)) or 1)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda *a: asked.append(a[2]) or QMessageBox.StandardButton.Yes))
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile())))
    with qtbot.waitSignal(window.export_done, timeout=60_000) as done:
        window.menu_actions[ids.EXPORT_PDF].trigger()
        assert window.export_bar.isVisible()
    assert done.args == [f"Wrote {out}"]
    assert out.read_bytes().startswith(b"%PDF")
    assert asked[-1] == "Wrote briefing.pdf. Open it now?" and opened == [str(out)]
