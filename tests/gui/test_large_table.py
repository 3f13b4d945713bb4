"""A long table is read from its stored blocks, and sorts and filters on a worker."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from gui_test_data import write_workbook

from memberpack.gui import domain_view, large_table_view
from memberpack.gui.large_table_view import LargeDatasetView
from memberpack.importers import import_files
from memberpack.model.annotations import OBSERVATION
from memberpack.store.pack import Pack

SECTION_ROWS = 1_800   # three sections: over LARGE_ROWS


@pytest.fixture
def ledger(tmp_path, monkeypatch):
    monkeypatch.setattr(large_table_view, "LARGE_ROWS", 50)   # a long table, kept small for the test
    rows = [("Cost centre", "Budget £k", "Spend £k")] + [(f"CC{r:03d}", r * 1.5, 300 - r) for r in range(1, 121)]
    return _pack_of(tmp_path, "Ledger", rows)


def _pack_of(folder, sheet, rows):
    """A pack made by importing ``rows`` as a one-sheet workbook."""
    path = write_workbook(folder / f"{sheet}.xlsx", sheet, rows)
    with Pack.create(folder / f"{sheet}.mpack") as pack:
        import_files(pack, [path])
    return folder / f"{sheet}.mpack"


def _long_table_view(qtbot, pack_path):
    """The open pack and the Other data tab's view of its one table: a long table's lazy view."""
    pack = Pack.open(pack_path)
    domain = domain_view.DomainView(pack, "Other data", [pack.datasets()[0]])
    qtbot.addWidget(domain)
    view = domain.view(0)
    assert isinstance(view, LargeDatasetView)
    return pack, view


def test_a_long_table_sorts_and_filters_in_the_background(qtbot, ledger):
    pack, view = _long_table_view(qtbot, ledger)
    qtbot.waitUntil(lambda: view.model.rowCount() == 120)   # read on a worker
    model = view.model
    assert [model.index(0, c).data() for c in range(3)] == ["CC001", "1.5", "299"]
    obs = model.observation(model.index(1, 1))
    assert (obs.label, obs.value, obs.unit, obs.cell) == ("CC002", 3000, "GBP", "B3")
    assert "sheet Ledger, cell B3" in model.index(1, 1).data(3)   # the tooltip names the cell
    with qtbot.waitSignal(view.order_changed):
        view.table.horizontalHeader().sectionClicked.emit(2)    # Spend, ascending
    assert model.index(0, 0).data() == "CC120"
    with qtbot.waitSignal(view.order_changed):
        view.table.horizontalHeader().sectionClicked.emit(2)    # again: descending
    assert model.index(0, 0).data() == "CC001"
    with qtbot.waitSignal(view.order_changed):
        view.filter.setText("cc11")
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [f"CC11{n}" for n in range(10)]
    assert view.count.text() == "10 of 120 rows"
    with qtbot.waitSignal(view.order_changed):
        view.filter.setText("178.5")    # a figure, shown through its format: Budget of CC119
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["CC119"]
    with qtbot.waitSignal(view.order_changed):
        view.filter.setText("cc11")
    assert view.select_label("CC113") and view.selected_row_label() == "CC113"
    view.table.setCurrentIndex(model.index(0, 1))
    target = view.current_target()
    assert (target.type, target.label, target.value) == (OBSERVATION, "CC110", 165_000)
    pack.close()


def test_a_large_pack_has_its_headlines_read_in_a_child_process(qtbot, demo_pack, monkeypatch):
    from memberpack.gui import pack_reads
    from memberpack.gui.main_window import MainWindow

    monkeypatch.setattr(pack_reads, "IN_PROCESS_FIGURES", 0)   # the demo pack counts as large
    window = MainWindow(Pack.open(demo_pack))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.tabs.read_in_background, timeout=60_000)
    assert window.tabs.overview.tiles["variance"].value == "£12.4m overspend"
    assert window.tabs.comparisons()   # "how we compare" came back from the child too
    window.pack.close()


@pytest.fixture(scope="module")
def sectioned(tmp_path_factory):
    """Three sections of 1,800 rows, each with its sub total: a budget monitor longer than
    LARGE_ROWS (its rows stored in blocks, the sub totals one figure at a time). Built once."""
    folder = tmp_path_factory.mktemp("sectioned")
    rows = [("Cost centre", "Budget £k", "Spend £k")]
    for s, name in enumerate(("Children's services", "Adult services", "Housing")):
        rows.append((name, None, None))
        rows += [(f"S{s}CC{r:04d}", r + s * 10_000, 2_000 - r) for r in range(1, SECTION_ROWS + 1)]
        rows.append(("Sub total", sum(r + s * 10_000 for r in range(1, SECTION_ROWS + 1)),
                     sum(2_000 - r for r in range(1, SECTION_ROWS + 1))))
    return _pack_of(folder, "Monitor", rows)


def test_a_long_table_with_sections_and_totals_is_read_lazily_as_the_small_view_shows_it(qtbot, sectioned):
    pack, view = _long_table_view(qtbot, sectioned)
    qtbot.waitUntil(lambda: view.model.rowCount() > 0)   # read on a worker, not in full on the GUI thread
    model = view.model
    labels = [model.index(r, 0).data() for r in range(model.rowCount())]
    n = SECTION_ROWS
    assert len(labels) == 3 + 3 * n + 3   # headings, rows, sub totals
    assert labels[:3] == ["Children's services", "S0CC0001", "S0CC0002"]
    assert labels[n:n + 3] == ["S0CC1800", "Sub total", "Adult services"]
    assert labels[-2:] == ["S2CC1800", "Sub total"]
    assert view.count.text() == "5,403 rows"   # headings are not rows
    heading, sub_total, row = model.index(n + 2, 0), model.index(n + 1, 1), model.index(1, 1)
    assert heading.data(Qt.ItemDataRole.FontRole).bold() and sub_total.data(Qt.ItemDataRole.FontRole).bold()
    assert row.data(Qt.ItemDataRole.FontRole) is None
    assert heading.data(Qt.ItemDataRole.BackgroundRole) is not None and row.data(Qt.ItemDataRole.BackgroundRole) is None
    assert heading.data(Qt.ItemDataRole.ToolTipRole) == "Section: Adult services"
    assert model.observation(model.index(n + 2, 1)) is None
    obs = model.observation(sub_total)
    assert (obs.label, obs.section, obs.row_role, obs.value, obs.cell) == ("Sub total", "Children's services", "subtotal",
                                                                            1_620_900_000, "B1803")
    with qtbot.waitSignal(view.order_changed):
        view.table.horizontalHeader().sectionClicked.emit(2)    # Spend, ascending: within each section
    labels = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert labels[:3] == ["Children's services", "S0CC1800", "S0CC1799"]
    assert labels[n:n + 3] == ["S0CC0001", "Sub total", "Adult services"]
    with qtbot.waitSignal(view.order_changed):
        view.filter.setText("s1cc001")
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == \
        ["Adult services"] + [f"S1CC00{n}" for n in range(19, 9, -1)]   # the heading stays with its rows
    assert view.count.text() == "10 of 5,403 rows"
    view.table.setCurrentIndex(model.index(0, 0))
    assert view.current_target().type == "dataset"   # a heading is no figure
    pack.close()
