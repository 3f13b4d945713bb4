"""Notes in the app: add on the selected figure, edit, undo and redo, all saved in the pack."""

from __future__ import annotations

from dataclasses import replace

from gui_test_data import budget_monitor
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QUndoStack

from memberpack.gui.annotation_panel import AnnotationPanel
from memberpack.gui.table_model import NotedRole
from memberpack.model.annotations import OBSERVATION, PRIVATE, QUESTION, Annotation, Target
from memberpack.store import annotation_store
from memberpack.store.pack import Pack



def select_cell(window, label: str, prefix: str):
    window.tabs.setCurrentIndex(1)
    domain = window.tabs.domain_view(1)
    ds, _observations = budget_monitor(window.pack)
    domain.reveal(ds.key)
    view = domain.current_view()
    column = next(i for i, m in enumerate(view.model.measures, 1) if m.startswith(prefix))
    source = view.model.index(view.model.row_of(label), column)
    view.table.selectionModel().setCurrentIndex(view.proxy.mapFromSource(source),
                                                QItemSelectionModel.SelectionFlag.ClearAndSelect)
    return view, source


def stored(pack_path, before: set[str] = frozenset()) -> list[Annotation]:
    """The notes in the pack file now, leaving out those (by uid) that were there ``before``."""
    with Pack.open(pack_path) as pack:
        return [n for n in annotation_store.all_notes(pack) if n.uid not in before]


def uids(pack_path) -> set[str]:
    return {n.uid for n in stored(pack_path)}


def test_add_edit_undo_redo_a_question(window, demo_pack):
    panel = window.notes
    demo_notes = uids(demo_pack)
    view, source = select_cell(window, "External Placements", "Current Budget")
    budget = view.model.column_title(source.column())
    assert panel.target.type == OBSERVATION and panel.target.value == 38_400_000
    assert f"External Placements (Children & Families) – {budget}: £38.4m" in panel.about.text()

    panel.kind.setCurrentIndex(1)
    panel.visibility.setCurrentIndex(1)
    panel.body.setPlainText("Why is the placements budget so far below the forecast?")
    panel.add_button.click()
    [note] = stored(demo_pack, demo_notes)
    assert (note.kind, note.visibility, note.target.measure, note.target.display) == (QUESTION, PRIVATE, budget, "38.4")
    assert source.data(NotedRole) is True
    assert panel.list.count() == len(demo_notes) + 1
    mine = next(i for i in range(panel.list.count()) if panel.list.item(i).text().endswith("below the forecast?"))
    assert panel.list.item(mine).text().startswith("Private question for officers – External Placements")
    demo_note = next(panel.list.item(i).text() for i in range(panel.list.count())
                     if "£0.3m worse than at Month 5" in panel.list.item(i).text())
    assert demo_note.startswith("Note – External Placements (Children & Families) – Month 6 Variance: £10.4m\n")

    panel.list.setCurrentRow(mine)
    panel.edit_button.click()
    assert panel.add_button.text() == "&Save changes"
    panel.body.setPlainText("How many placements make up the £10.4m overspend?")
    panel.add_button.click()
    assert stored(demo_pack, demo_notes)[0].body == "How many placements make up the £10.4m overspend?"
    assert window.menu_actions["undo"].text() == "&Undo Edit question for officers"

    window.menu_actions["undo"].trigger()
    assert stored(demo_pack, demo_notes)[0].body == "Why is the placements budget so far below the forecast?"
    window.menu_actions["undo"].trigger()
    assert stored(demo_pack, demo_notes) == []
    assert source.data(NotedRole) is False
    window.menu_actions["redo"].trigger()
    window.menu_actions["redo"].trigger()
    assert stored(demo_pack, demo_notes)[0].body == "How many placements make up the £10.4m overspend?"


def test_delete_and_undo(window, demo_pack):
    demo_notes = uids(demo_pack)
    select_cell(window, "Fieldwork", "Current Budget")
    window.notes.filter.setCurrentIndex(1)  # notes on the selected item
    window.notes.body.setPlainText("Agency costs?")
    window.notes.submit()
    assert window.notes.list.count() == 1
    window.notes.list.setCurrentRow(0)
    window.notes.delete_button.click()
    assert stored(demo_pack, demo_notes) == [] and window.notes.list.count() == 0
    window.notes.undo()
    assert [n.body for n in stored(demo_pack, demo_notes)] == ["Agency costs?"]


def test_warning_on_a_note_whose_figure_changed(qtbot, demo_pack):
    pack = Pack.open(demo_pack)
    ds, observations = budget_monitor(pack)
    obs = next(o for o in observations if o.label == "Fieldwork" and o.measure.startswith("Current Budget"))
    target = Target(OBSERVATION, ds.key, obs.metric_id, obs.label, obs.section, obs.measure, None, obs.value,
                    obs.display)
    annotation_store.save(pack, Annotation("Still 9.1?", target, answer="Yes: agency cover ended in August.",
                                           status="answered"))
    annotation_store.save(pack, Annotation("Was 8.7 last month", replace(target, value=8_700_000, display="8.7")))
    panel = AnnotationPanel(pack, QUndoStack())
    qtbot.addWidget(panel)
    items = {panel.list.item(i).text().split("\n")[1]: panel.list.item(i) for i in range(panel.list.count())}
    assert items["Still 9.1?"].text().startswith("Note – Fieldwork")
    assert items["Still 9.1?"].text().endswith("\nAnswer: Yes: agency cover ended in August.")
    assert items["Was 8.7 last month"].text().startswith("⚠ Note – Fieldwork (Children & Families) – Current Budget")
    assert items["Was 8.7 last month"].text().split("\n")[0].endswith(": £9.1m")   # the figure now, as read
    assert "The figure changed: was £8.7m, now £9.1m." in items["Was 8.7 last month"].toolTip()
    def shown() -> set[str]:
        return {panel.list.item(i).text().split("\n")[1] for i in range(panel.list.count())}

    panel.filter.setCurrentIndex(5)  # figure changed since written
    assert "Was 8.7 last month" in shown() and "Still 9.1?" not in shown()
    panel.filter.setCurrentIndex(2)  # questions for officers
    assert not {"Was 8.7 last month", "Still 9.1?"} & shown()
    pack.close()


def test_a_note_begun_on_a_figure_stays_on_it_when_another_tab_is_looked_at(window, demo_pack):
    """A councillor began a question on External Placements, looked at Social care, and pressed Add:
    the question went onto the case-audit figure selected there, with no word of it."""
    panel = window.notes
    demo_notes = uids(demo_pack)
    select_cell(window, "External Placements", "Current Budget")
    panel.body.setPlainText("Why is the placements budget so far below the forecast?")
    window.tabs.setCurrentIndex(2)                           # Social care: another figure is selected
    assert panel.target.label == "External Placements"
    assert "External Placements" in panel.about.text() and "began" in panel.about.text()
    panel.add_button.click()
    [note] = stored(demo_pack, demo_notes)
    assert (note.target.label, note.target.display) == ("External Placements", "38.4")
    assert panel.target == window.tabs.current_target()      # the next note is on what is selected now
    assert "began" not in panel.about.text()
    panel.body.setPlainText("Another")
    select_cell(window, "Fieldwork", "Current Budget")
    panel.body.clear()                                       # a note cleared follows the selection again
    assert panel.target.label == "Fieldwork" and "began" not in panel.about.text()


def test_a_right_to_left_override_in_a_note_reorders_nothing_after_it(qtbot, demo_pack):
    """A row label opening a right-to-left override (U+202E) and never closing it: the notes list
    wrote "Note – ‮Fieldwork – Current Budget: £9.1m", the words after the label read backwards."""
    pack = Pack.open(demo_pack)
    ds, observations = budget_monitor(pack)
    obs = next(o for o in observations if o.label == "Fieldwork" and o.measure.startswith("Current Budget"))
    target = Target(OBSERVATION, ds.key, obs.metric_id, "\u202eFieldwork", None, obs.measure, None, obs.value,
                    obs.display)
    annotation_store.save(pack, Annotation("Why \u202eso high?", target, author="Cllr \u202eSmith"))
    panel = AnnotationPanel(pack, QUndoStack())
    qtbot.addWidget(panel)
    (text,) = [t for t in (panel.list.item(i).text() for i in range(panel.list.count())) if "so high" in t]
    head, body = text.split("\n")
    assert "\u202eFieldwork\u202c – Current Budget" in head
    assert body == "Why \u202eso high?\u202c"
    pack.close()
