"""A table imported as read although its reading was in doubt (the officer confirmed it) says so in
its tab, above its chart, with the doubt the officer was shown; a table read without one does not."""

from __future__ import annotations

from gui_test_data import write_workbook

from memberpack.gui.dataset_view import DatasetView
from memberpack.importers import import_files
from memberpack.store.pack import Pack


def _view(qtbot, tmp_path, rows, accept):
    path = write_workbook(tmp_path / "t.xlsx", "T", rows)
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [path], accept_unsure=accept)
        ds, = pack.datasets()
        view = DatasetView(ds, pack.observations(ds.id))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_a_confirmed_unsure_table_says_so_above_its_chart(qtbot, tmp_path):
    view = _view(qtbot, tmp_path, [("Attendance by school type 2022/23",), ("School Type", "Total on Roll", "Attendance %"),
                                   ("Primary", 37291, 0.9426), ("PRU", 127, 0.5459), ("Secondary", 30011, 0.9011)], True)
    assert view.doubt.isVisible()
    assert view.doubt.text().startswith("⚠ Unsure reading, imported as read on the officer's word: ")
    assert "may be fractions (0.9426 for 94.26%)" in view.doubt.text()
    assert view.doubt.mapTo(view, view.doubt.rect().topLeft()).y() < view.charts[0].mapTo(view, view.charts[0].rect().topLeft()).y()


def test_a_table_read_without_doubt_has_no_warning(qtbot, tmp_path):
    view = _view(qtbot, tmp_path, [("Service", "Budget £k"), ("Fostering", 120), ("Residential", 80)], False)
    assert not view.doubt.isVisible()
