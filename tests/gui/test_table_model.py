"""The dataset table model and its proxy, on the demo pack's budget monitor (no main window)."""

from __future__ import annotations

import pytest
from gui_test_data import budget_monitor, write_workbook
from PySide6.QtCore import Qt

from memberpack.gui.table_model import SECTION, DatasetTableModel, NotedRole, SectionSortProxy
from memberpack.importers import import_files
from memberpack.store.pack import Pack

DISPLAY, TOOLTIP, FONT = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.FontRole


@pytest.fixture
def budget(demo_pack):
    with Pack.open(demo_pack) as pack:
        ds, observations = budget_monitor(pack)
        yield DatasetTableModel(ds, observations)


def col(model, prefix: str) -> str:
    return next(m for m in model.measures if m.startswith(prefix))


def cell(model, label: str, prefix: str, role=DISPLAY):
    column = model.measures.index(col(model, prefix)) + 1
    return model.index(model.row_of(label), column).data(role)


def test_figures_show_as_the_source_showed_them(qapp, budget):
    assert cell(budget, "External Placements", "Current Budget") == "38.4"
    assert cell(budget, "External Placements", "Month 6 Variance") == "10.4"
    assert cell(budget, "Fostering & Permanence", "Month 6 Variance") == "(0.7)"
    assert cell(budget, "CSC Management", "Current Budget") == "(0.9)"
    assert cell(budget, "CSC Management", "Month 6 Variance") == "0.0"
    assert cell(budget, "External Placements", "A/(F)") == "A"
    assert cell(budget, "Fostering & Permanence", "A/(F)") == "(F)"
    assert cell(budget, "External Placements", "RAG") == "▲ Red"
    assert cell(budget, "Fostering & Permanence", "RAG") == "● Green"


def test_model_keeps_values_in_base_units_and_source_cells(qapp, budget):
    index = budget.index(budget.row_of("External Placements"), budget.measures.index(col(budget, "Current Budget")) + 1)
    obs = budget.observation(index)
    assert (obs.value, obs.cell[0]) == (38_400_000, "B")
    assert index.data(TOOLTIP).splitlines()[-1] == (
        f"{budget.dataset.source_file}, sheet {budget.dataset.sheet}, cell {obs.cell}")
    assert "budget_monitor_m6_2023-24.xlsx" in budget.dataset.source_file


def test_section_heading_and_bold_sub_total(qapp, budget):
    assert budget.rows[0].role == SECTION and budget.rows[0].label == "Children & Families"
    sub_total = next(i for i, r in enumerate(budget.rows) if r.role == "subtotal")
    assert budget.rows[sub_total].section == "Children & Families"
    assert budget.index(sub_total, 1).data(FONT).bold()
    assert budget.index(budget.row_of("Fieldwork"), 1).data(FONT) is None
    column = budget.measures.index(col(budget, "Full Year Projection")) + 1
    assert budget.headerData(column, Qt.Orientation.Horizontal).startswith("Full Year\nProjection")


def first_section(proxy) -> list[str]:
    """Labels of the first section as the proxy shows it: heading, rows, sub total."""
    rows = [proxy.source().rows[proxy.mapToSource(proxy.index(r, 0)).row()] for r in range(proxy.rowCount())]
    end = next((i for i, r in enumerate(rows[1:], 1) if r.role == SECTION), len(rows))
    return [r.label for r in rows[:end]]


def test_sorting_stays_inside_the_section(qapp, budget):
    proxy = SectionSortProxy()
    proxy.setSourceModel(budget)
    variance = budget.measures.index(col(budget, "Month 6 Variance")) + 1
    for order, first in ((Qt.SortOrder.DescendingOrder, "External Placements"),
                         (Qt.SortOrder.AscendingOrder, "Fostering & Permanence")):
        proxy.sort(variance, order)
        shown = first_section(proxy)
        assert shown[:2] == ["Children & Families", first]
        assert proxy.source().rows[proxy.source().row_of(shown[1])].section == "Children & Families"
        assert "sub total" in shown[-1]


def test_filter_keeps_the_heading_of_matching_rows(qapp, budget):
    proxy = SectionSortProxy()
    proxy.setSourceModel(budget)
    proxy.set_filter_text("placements")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Children & Families", "External Placements"]
    proxy.set_filter_text("▲ red")
    shown = [budget.rows[proxy.mapToSource(proxy.index(r, 0)).row()] for r in range(proxy.rowCount())]
    assert "External Placements" in [r.label for r in shown] and "Fostering & Permanence" not in [r.label for r in shown]
    assert all(r.role == SECTION or any(o.status == "red" for o in r.source.cells.values()) for r in shown)
    proxy.set_filter_text("")
    assert proxy.rowCount() == budget.rowCount()


def test_noted_cells_are_marked(qapp, budget):
    budget.set_noted({("Fieldwork", "Children & Families", col(budget, "Current Budget"))})
    assert cell(budget, "Fieldwork", "Current Budget", NotedRole) is True
    assert cell(budget, "Fieldwork", "Month 6 Variance", NotedRole) is False
    assert "Has notes" in cell(budget, "Fieldwork", "Current Budget", TOOLTIP)


def test_special_values_and_arrows_show_as_written(qapp, tmp_path):
    path = write_workbook(tmp_path / "kpis.xlsx", "KPIs", [
        ("Measure", "Q1", "Q2", "Direction of travel", "RAG"),
        ("Re-referrals within 12 months %", "DNA", "21.5%", "↑", "Amber"),
        ("Care leavers in suitable accommodation %", "tbc", "c", "↓", "Green")])
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [path])
        ds = pack.datasets()[0]
        model = DatasetTableModel(ds, pack.observations(ds.id))
    row = model.row_of("Re-referrals within 12 months %")
    shown = [model.index(row, c).data() for c in range(1, model.columnCount())]
    assert shown == ["DNA", "21.5%", "↑", "◆ Amber"]
    assert model.observation(model.index(row, 1)).value is None  # DNA never becomes 0
    other = model.row_of("Care leavers in suitable accommodation %")
    assert [model.index(other, c).data() for c in range(1, model.columnCount())] == ["tbc", "c", "↓", "● Green"]
