"""Notes in the app: add on the selected figure, edit, undo and redo, all saved in the pack."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QUndoStack

from memberpack.gui.annotation_panel import AnnotationPanel
from memberpack.gui.main_window import MainWindow
from memberpack.gui.table_model import NotedRole
from memberpack.model.annotations import OBSERVATION, PRIVATE, QUESTION, Annotation, Target
from memberpack.store import annotation_store
from memberpack.store.pack import Pack

BUDGET = "Current Budget £m"


@pytest.fixture
def window(qtbot, demo_pack):
    win = MainWindow(Pack.open(demo_pack))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.pack.close()


def select_cell(window, label: str, measure: str):
    window.tabs.setCurrentIndex(1)
    view = window.tabs.domain_view(1).current_view()
    source = view.model.index(view.model.row_of(label), view.model.measures.index(measure) + 1)
    view.table.selectionModel().setCurrentIndex(view.proxy.mapFromSource(source),
                                                QItemSelectionModel.SelectionFlag.ClearAndSelect)
    return view, source


def stored(pack_path) -> list[Annotation]:
    with Pack.open(pack_path) as pack:
        return annotation_store.all_notes(pack)


def test_add_edit_undo_redo_a_question(window, demo_pack):
    panel = window.notes
    view, source = select_cell(window, "External Placements", BUDGET)
    assert panel.target.type == OBSERVATION and panel.target.value == 38_400_000
    assert "External Placements (Children & Families) – Current Budget £m: 38.4" in panel.about.text()

    panel.kind.setCurrentIndex(1)
    panel.visibility.setCurrentIndex(1)
    panel.body.setPlainText("Why is the placements budget so far below the forecast?")
    panel.add_button.click()
    [note] = stored(demo_pack)
    assert (note.kind, note.visibility, note.target.measure, note.target.display) == (QUESTION, PRIVATE, BUDGET, "38.4")
    assert source.data(NotedRole) is True
    assert panel.list.count() == 1 and panel.list.item(0).text().startswith("🔒 Question for officers")

    panel.list.setCurrentRow(0)
    panel.edit_button.click()
    assert panel.add_button.text() == "&Save changes"
    panel.body.setPlainText("How many placements make up the £10.4m overspend?")
    panel.add_button.click()
    assert stored(demo_pack)[0].body == "How many placements make up the £10.4m overspend?"
    assert window.actions["undo"].text() == "&Undo Edit question for officers"

    window.actions["undo"].trigger()
    assert stored(demo_pack)[0].body == "Why is the placements budget so far below the forecast?"
    window.actions["undo"].trigger()
    assert stored(demo_pack) == []
    assert source.data(NotedRole) is False
    window.actions["redo"].trigger()
    window.actions["redo"].trigger()
    assert stored(demo_pack)[0].body == "How many placements make up the £10.4m overspend?"


def test_delete_and_undo(window, demo_pack):
    select_cell(window, "Fieldwork", BUDGET)
    window.notes.body.setPlainText("Agency costs?")
    window.notes.submit()
    window.notes.list.setCurrentRow(0)
    window.notes.delete_button.click()
    assert stored(demo_pack) == []
    window.undo_stack.undo()
    assert [n.body for n in stored(demo_pack)] == ["Agency costs?"]


def test_warning_on_a_note_whose_figure_changed(qtbot, demo_pack):
    pack = Pack.open(demo_pack)
    ds = next(d for d in pack.datasets() if d.sheet == "M6 Summary")
    obs = next(o for o in pack.observations(ds.id) if o.label == "Fieldwork" and o.measure == BUDGET)
    target = Target(OBSERVATION, ds.key, obs.metric_id, obs.label, obs.section, obs.measure, None, obs.value,
                    obs.display)
    annotation_store.save(pack, Annotation("Still 9.1?", target))
    annotation_store.save(pack, Annotation("Was 8.7 last month", replace(target, value=8_700_000, display="8.7")))
    panel = AnnotationPanel(pack, QUndoStack())
    qtbot.addWidget(panel)
    items = {panel.list.item(i).text().split("\n")[1]: panel.list.item(i) for i in range(panel.list.count())}
    assert items["Still 9.1?"].text().startswith("Note – Fieldwork")
    assert items["Was 8.7 last month"].text().startswith("⚠ Note – Fieldwork")
    assert "The figure changed: was £8.7m, now £9.1m." in items["Was 8.7 last month"].toolTip()
    panel.filter.setCurrentIndex(5)  # figure changed since written
    assert panel.list.count() == 1
    panel.filter.setCurrentIndex(2)  # questions for officers
    assert panel.list.count() == 0
    pack.close()
