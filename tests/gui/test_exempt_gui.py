"""The app's side of exempt information and protected packs: classifying a table, data shown as
plain text, opening a protected pack with its passphrase and saving a protected copy."""

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLabel, QMenu, QMessageBox

from memberpack.gui import actions as ids
from memberpack.gui.domain_view import DomainView
from memberpack.gui.main_window import MainWindow
from memberpack.gui.pack_details_dialog import PackDetailsDialog
from memberpack.model.observation import Dataset, Observation
from memberpack.store import classification
from memberpack.store.pack import Pack
from memberpack.store.protection import MAGIC, Protection

HOSTILE = "<img src='/etc/hostname'><b>Budget</b>"


def _pack(path):
    pack = Pack.create(path, committee="Scrutiny")
    for name in (HOSTILE, "Agency staff"):
        pack.add_dataset(Dataset(name, "b.xlsx", "0" * 64, "M6", "A1:B2", domain="finance", key=name),
                         [Observation("Fieldwork", "Budget £m", 9_100_000.0, "GBP", "9.1", sheet="M6", cell="B2")])
    return pack


def _answers(monkeypatch, *texts):
    replies = iter(texts)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (next(replies), True))


def test_classify_a_table_from_its_context_menu(qtbot, tmp_path, monkeypatch):
    pack = _pack(tmp_path / "p.mpack")
    view = DomainView(pack, "Finance", pack.datasets())
    qtbot.addWidget(view)
    class Menu(QMenu):
        def exec(self, *_args):  # the member picks paragraph 3
            return next(x for x in self.actions() if x.data() == 3)

    monkeypatch.setattr("memberpack.gui.classification_menu.QMenu", Menu)
    _answers(monkeypatch, "staff matters")
    view._classify(view.list.visualItemRect(view.list.item(1)).center())
    found = classification.exemption(pack, classification.DATASET, "Agency staff")
    assert (found.paragraph, found.reason) == (3, "staff matters") and found.set_at
    assert view.list.item(1).text() == "Agency staff  [Exempt 3]"
    pack.close()


def test_data_is_shown_as_plain_text(qtbot, tmp_path):
    with _pack(tmp_path / "p.mpack") as pack:
        view = DomainView(pack, "Finance", pack.datasets())
        qtbot.addWidget(view)
        headings = [w for w in view.findChildren(QLabel) if w.text() == HOSTILE]
        assert headings and all(w.textFormat() == Qt.TextFormat.PlainText for w in headings)


def test_pack_details_classify_tables(qtbot, tmp_path):
    dialog = PackDetailsDialog({}, None, [("k1", "Budget", None), ("k2", "Staff", 1)])
    qtbot.addWidget(dialog)
    _, box = dialog.table_classes["k1"]
    box.setCurrentIndex(box.findData(5))
    assert dialog.classifications() == {"k1": 5}


def test_protected_pack_opens_with_its_passphrase_and_saves_a_copy(qtbot, tmp_path, monkeypatch):
    with _pack(tmp_path / "p.mpack") as pack:
        pack.protected_copy(tmp_path / "sent.mpack", Protection.new("sesame"))
    window = MainWindow(Pack.open(tmp_path / "p.mpack"))
    qtbot.addWidget(window)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    _answers(monkeypatch, "wrong")
    assert not window.open_pack(tmp_path / "sent.mpack") and "wrong passphrase" in warnings[-1]
    _answers(monkeypatch, "sesame")
    assert window.open_pack(tmp_path / "sent.mpack") and window.pack.protection is not None
    from memberpack.model.annotations import Annotation
    from memberpack.store import annotation_store

    assert window.writer.write(lambda pack: annotation_store.save(pack, Annotation("written while protected")))
    data = (tmp_path / "sent.mpack").read_bytes()
    assert data.startswith(MAGIC) and b"written while protected" not in data
    with Pack.open(tmp_path / "sent.mpack", passphrase="sesame") as again:   # sealed again after the commit
        assert [n.body for n in annotation_store.all_notes(again)] == ["written while protected"]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "again.mpack"), ""))
    _answers(monkeypatch, "other", "other", "31/12/2099")
    window.menu_actions[ids.SAVE_PROTECTED].trigger()
    assert (tmp_path / "again.mpack").read_bytes().startswith(MAGIC)
    with Pack.open(tmp_path / "again.mpack", passphrase="other") as copy:
        assert copy.protection.expires.year == 2099 and len(copy.datasets()) == 2
    window.pack.close()


def test_classify_a_note_from_the_notes_list(qtbot, tmp_path, monkeypatch):
    from PySide6.QtGui import QUndoStack

    from memberpack.gui.annotation_panel import AnnotationPanel
    from memberpack.model.annotations import Annotation
    from memberpack.store import annotation_store

    with _pack(tmp_path / "p.mpack") as pack:
        note = Annotation("About Mr X")
        annotation_store.save(pack, note)
        panel = AnnotationPanel(pack, QUndoStack())
        qtbot.addWidget(panel)
        panel.refresh()

        class Menu(QMenu):
            def exec(self, *_args):
                return next(x for x in self.actions() if x.data() == 1)

        monkeypatch.setattr("memberpack.gui.classification_menu.QMenu", Menu)
        _answers(monkeypatch, "")
        panel._classify(panel.list.visualItemRect(panel.list.item(0)).center())
        assert classification.exemption(pack, classification.NOTE, note.uid).paragraph == 1
        assert panel.list.item(0).text().startswith("[Exempt 1] Note")


def test_the_import_wizard_imports_into_a_protected_pack(tmp_path, cla_rate_xlsx):
    from memberpack.gui.import_wizard import import_previewed
    from memberpack.importers import read_file

    with _pack(tmp_path / "p.mpack") as pack:
        pack.protected_copy(tmp_path / "sent.mpack", Protection.new("sesame"))
    with Pack.open(tmp_path / "sent.mpack", passphrase="sesame") as pack:
        reports = import_previewed(pack, [read_file(cla_rate_xlsx)], lambda *a: None, lambda: False)
        assert reports and len(pack.datasets()) == 3
    assert (tmp_path / "sent.mpack").read_bytes().startswith(MAGIC)
    with Pack.open(tmp_path / "sent.mpack", passphrase="sesame") as again:
        assert len(again.datasets()) == 3


def test_the_import_wizard_marks_the_tables_it_imports_exempt(qtbot, tmp_path, cla_rate_xlsx):
    from memberpack.gui.import_wizard import ImportWizard

    _pack(tmp_path / "p.mpack").close()
    wizard = ImportWizard(tmp_path / "p.mpack", [cla_rate_xlsx])
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wizard.next()
    page = wizard.report_page
    assert page.classification.currentText() == "Public" and not page.reason.isEnabled()
    page.classification.setCurrentIndex(page.classification.findData(2))
    assert page.reason.isEnabled()
    page.reason.setText("names a child")
    with qtbot.waitSignal(wizard.imported, timeout=20_000):
        wizard.button(wizard.WizardButton.FinishButton).click()
    with Pack.open(tmp_path / "p.mpack") as pack:
        (new,) = [ds for ds in pack.datasets() if ds.source_file == "cla_rate.xlsx"]
        found = classification.exemption(pack, classification.DATASET, new.key)
        assert (found.paragraph, found.reason) == (2, "names a child")
        assert classification.exemption(pack, classification.DATASET, "Agency staff") is None


def test_a_pack_classified_top_secret_by_hand_shows_and_saves_as_exempt(qtbot, demo_pack, monkeypatch):
    """A classification the app does not know is shown as Exempt, never Public, and editing the
    pack's details keeps it Exempt (the list used to fall back to Public and save that)."""
    db = sqlite3.connect(demo_pack)
    with db:
        db.execute("UPDATE meta SET value = 'Top secret' WHERE key = 'classification'")
    db.close()
    window = MainWindow(Pack.open(demo_pack))
    qtbot.addWidget(window)
    shown = "Exempt (its classification is 'Top secret', neither Public nor Exempt: taken as Exempt)"
    assert window.status.text() == f"demo.mpack · {shown}"
    seen = {}

    def rename(dialog: PackDetailsDialog) -> int:
        seen["shown"] = dialog.classification.currentText()
        dialog.committee.setText("Children's Scrutiny")
        return 1

    monkeypatch.setattr(PackDetailsDialog, "exec", rename)
    window.menu_actions[ids.PACK_DETAILS].trigger()
    qtbot.waitUntil(lambda: window.pack.meta()["committee"] == "Children's Scrutiny")
    assert seen["shown"] == "Exempt" and window.pack.meta()["classification"] == "Exempt"
    window.pack.close()
