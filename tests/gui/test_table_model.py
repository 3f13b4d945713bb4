"""The dataset table model and its proxy, on the demo pack's budget monitor (no main window)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from memberpack.gui.table_model import SECTION, DatasetTableModel, NotedRole, SectionSortProxy
from memberpack.store.pack import Pack

DISPLAY, TOOLTIP, FONT = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.FontRole


@pytest.fixture
def budget(demo_pack):
    with Pack.open(demo_pack) as pack:
        ds = next(d for d in pack.datasets() if d.sheet == "M6 Summary")
        yield DatasetTableModel(ds, pack.observations(ds.id))


def cell(model, label: str, measure: str, role=DISPLAY):
    row = model.row_of(label)
    column = model.measures.index(measure) + 1
    return model.index(row, column).data(role)


def test_figures_show_as_the_source_showed_them(qapp, budget):
    assert cell(budget, "External Placements", "Current Budget £m") == "38.4"
    assert cell(budget, "Prevention Services", "Month 6 Variance £m") == "(0.2)"
    assert cell(budget, "Children Looked After", "Month 6 Variance £m") == "0.0"
    assert cell(budget, "CSC Management", "Current Budget £m") == "(0.9)"
    assert cell(budget, "External Placements", "A/(F)") == "A"
    assert cell(budget, "Disabilities", "A/(F)") == "(F)"
    assert cell(budget, "External Placements", "RAG Status") == "▲ Red"
    assert cell(budget, "Prevention Services", "RAG Status") == "● Green"


def test_model_keeps_values_in_base_units_and_source_cells(qapp, budget):
    obs = budget.observation(budget.index(budget.row_of("External Placements"), 1))
    assert (obs.measure, obs.value, obs.cell) == ("Current Budget £m", 38_400_000, "B5")
    tip = cell(budget, "External Placements", "Current Budget £m", TOOLTIP)
    assert "01_budget_monitor_m6_2023-24.xlsx, sheet M6 Summary, cell B5" in tip


def test_section_heading_and_bold_sub_total(qapp, budget):
    assert budget.rows[0].role == SECTION and budget.rows[0].label == "Children & Families"
    sub_total = budget.row_of("Children & Families sub total")
    assert budget.index(sub_total, 1).data(FONT).bold()
    assert budget.index(budget.row_of("Fieldwork"), 1).data(FONT) is None
    assert budget.headerData(2, Qt.Orientation.Horizontal) == "Full Year\nProjection £m"


def labels(proxy) -> list[str]:
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def test_sorting_stays_inside_the_section(qapp, budget):
    proxy = SectionSortProxy()
    proxy.setSourceModel(budget)
    variance = budget.measures.index("Month 6 Variance £m") + 1
    proxy.sort(variance, Qt.SortOrder.DescendingOrder)
    shown = labels(proxy)
    assert shown[0] == "Children & Families"
    assert shown[1] == "External Placements"
    assert shown[-1] == "Children & Families sub total"
    proxy.sort(variance, Qt.SortOrder.AscendingOrder)
    shown = labels(proxy)
    assert (shown[0], shown[1], shown[-1]) == ("Children & Families", "Fostering & Permanence",
                                                "Children & Families sub total")


def test_filter_keeps_the_heading_of_matching_rows(qapp, budget):
    proxy = SectionSortProxy()
    proxy.setSourceModel(budget)
    proxy.set_filter_text("placements")
    assert labels(proxy) == ["Children & Families", "External Placements"]
    proxy.set_filter_text("▲ red")
    assert labels(proxy) == ["Children & Families", "External Placements", "Fieldwork", "Leaving Care",
                             "Children & Families sub total"]
    proxy.set_filter_text("")
    assert proxy.rowCount() == budget.rowCount()


def test_noted_cells_are_marked(qapp, budget):
    budget.set_noted({("Fieldwork", "Children & Families", "Current Budget £m")})
    assert cell(budget, "Fieldwork", "Current Budget £m", NotedRole) is True
    assert cell(budget, "Fieldwork", "Month 6 Variance £m", NotedRole) is False
    assert "Has notes" in cell(budget, "Fieldwork", "Current Budget £m", TOOLTIP)
