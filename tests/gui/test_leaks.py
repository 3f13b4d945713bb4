"""Nothing leaks: a pack with exempt tables, exempt notes and private notes, each carrying a marker,
exported every way; every byte of the public outputs is searched for the markers (PDF streams
decompressed and their text extracted, the app's visible text for the screenshots), and the full
outputs must carry them. Then the same from a protected pack."""

import json
import re
import zlib

import pypdf
import pytest
from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListWidget, QTreeWidget

from memberpack.cli.main import main
from memberpack.gui import app as gui_app
from memberpack.model.annotations import PRIVATE, QUESTION, Annotation, Target
from memberpack.store import annotation_store, classification
from memberpack.store.pack import Pack
from tests.unit.awkward_workbooks import write_xlsx

# In an exempt table: its file, sheet, title, a row label, the classification's reason.
TABLE_MARKERS = ("zqfile", "zqsheet", "zqtitle", "zqlabel", "zqreason")
NOTE_MARKERS = ("zqexemptnote", "zqnoteontable", "zqquestion")   # exempt notes
PRIVATE_MARKER = "zqprivate"
PUBLIC_MARKERS = ("Fieldwork", "zqpublicnote")
EXEMPT_TEXT = "Exempt information (paragraph 3 of Schedule 12A): not for publication"
FULL_TEXT = "NOT FOR PUBLICATION - contains exempt information, paragraph 3 of Schedule 12A"


def _budget(path, label, figures, title):
    return write_xlsx(path, {path.stem.split("_")[-1]: [
        [title], ["Service", "Budget £k", "Forecast £k", "Variance £k"],
        [label, *figures], ["Total", *figures]]})


@pytest.fixture
def marked_pack(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    public = _budget(folder / "monitor_Summary.xlsx", "Fieldwork", [9100, 9800, 700], "Budget monitor")
    exempt1 = _budget(folder / "zqfile_zqsheet.xlsx", "zqlabel Severance", [100, 150, 60], "zqtitle Redundancy")
    path = tmp_path / "marked.mpack"
    assert main(["import", str(path), str(public)]) == 0
    capsys.readouterr()
    report = tmp_path / "report.json"
    assert main(["import", str(path), str(exempt1), "--exempt", "3", "--reason", "zqreason staff",
                 "--report", str(report)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith(FULL_TEXT)
    assert json.loads(report.read_text())["marking"] == FULL_TEXT and "zqfile" in report.read_text()
    exempt2 = _budget(folder / "zqfile_zqsheet.xlsx", "zqlabel Severance", [100, 190, 80], "zqtitle Redundancy")
    assert main(["import", str(path), str(exempt2)]) == 0  # next month: exempt as every version of its key
    with Pack.open(path) as pack:
        mine, theirs = pack.datasets()
        assert classification.exemption(pack, classification.DATASET, theirs.key).paragraph == 3
        on_public = next(o for o in pack.observations(mine.id) if o.label == "Fieldwork")
        on_exempt = next(o for o in pack.observations(theirs.id) if o.label.startswith("zqlabel"))
        from memberpack.analysis.annotation_targets import observation_target

        notes = [Annotation("zqexemptnote about fieldwork", observation_target(mine, on_public), author="A"),
                 Annotation("zqnoteontable", observation_target(theirs, on_exempt), author="B"),
                 Annotation("zqquestion why?", Target(type="dataset", dataset_key=theirs.key), kind=QUESTION),
                 Annotation("zqprivate thought", observation_target(mine, on_public), visibility=PRIVATE),
                 Annotation("zqpublicnote", observation_target(mine, on_public), author="C")]
        for note in notes:
            annotation_store.save(pack, note)
        classification.classify(pack, classification.NOTE, notes[0].uid, 3, by="clerk")
    return path


def _pdf_text(path) -> str:
    """Every page's text, the bookmarks, the metadata, and every stream decompressed."""
    reader = pypdf.PdfReader(path)
    parts = [p.extract_text() for p in reader.pages]
    parts += [str(v) for v in (reader.metadata or {}).values()]

    def titles(items):
        for item in items:
            yield from titles(item) if isinstance(item, list) else [item.title]
    parts += list(titles(reader.outline))
    raw = path.read_bytes()
    parts.append(raw.decode("latin-1"))
    for chunk in raw.split(b"stream")[1:]:
        try:
            parts.append(zlib.decompressobj().decompress(chunk.lstrip(b"\r\n")).decode("latin-1"))
        except zlib.error:
            pass
    return " ".join(" ".join(parts).split())


class _Recorder:
    """Patches the screenshot window so each grab also records what the window shows as text."""

    def __init__(self, monkeypatch):
        self.texts: list[str] = []
        recorder = self

        class Window(gui_app.MainWindow):
            def grab(self, *args):
                recorder.texts.append(_visible_text(self))
                return super().grab(*args)

        monkeypatch.setattr(gui_app, "MainWindow", Window)


def _visible_text(window) -> str:
    texts = [window.windowTitle()] + [w.text() for w in window.findChildren(QLabel)]
    for widget in window.findChildren(QListWidget):
        texts += [widget.item(i).text() + " " + (widget.item(i).toolTip() or "") for i in range(widget.count())]
    for tree in window.findChildren(QTreeWidget):
        texts += [tree.topLevelItem(i).text(c) for i in range(tree.topLevelItemCount()) for c in range(3)]
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        rows = model.rowCount(QModelIndex()) if model is not None else 0
        columns = model.columnCount(QModelIndex()) if isinstance(model, QAbstractTableModel) or not isinstance(
            model, QAbstractListModel) and model is not None else 1
        if rows < 500:
            texts += [str(model.index(r, c).data() or "") for r in range(rows) for c in range(columns)]
    return " ".join(texts)


def _outputs(pack, tmp_path, monkeypatch, capsys, *, full: bool) -> dict[str, str]:
    """Every output of one version, as searchable text."""
    out = tmp_path / ("full" if full else "public")
    out.mkdir()
    extra = ["--version", "full", "--include-private"] if full else []
    texts = {}
    assert main(["export", str(pack), "-o", str(out / "b.pdf"), *extra]) == 0
    texts["pdf"] = _pdf_text(out / "b.pdf")
    assert main(["export", str(pack), "-o", str(out / "b.html"), *extra]) == 0
    texts["html"] = (out / "b.html").read_text(encoding="utf-8")
    assert main(["export", str(pack), "-o", str(out / "b.json"), *extra]) == 0
    texts["json"] = (out / "b.json").read_text(encoding="utf-8")
    assert main(["notes", "export", str(pack), str(out / "n.json"), *extra]) == 0
    with Pack.open(pack, passphrase=lambda: "sesame") as opened:
        from memberpack.export.notes_file import read_notes_file

        texts["notes"] = json.dumps([n.body for n in read_notes_file(out / "n.json", opened.protection).notes])
    recorder = _Recorder(monkeypatch)
    assert main(["screenshot", str(pack), str(out / "shots"), *extra]) == 0
    pngs = b"".join(p.read_bytes() for p in sorted((out / "shots").glob("*.png")))
    texts["screenshots"] = " ".join(recorder.texts) + pngs.decode("latin-1")
    capsys.readouterr()
    main(["check", str(pack), *(["--version", "full"] if full else [])])
    texts["check"] = capsys.readouterr().out
    return texts


def _assert_no_leak(texts):
    for name, text in texts.items():
        for marker in (*TABLE_MARKERS, *NOTE_MARKERS, PRIVATE_MARKER):
            assert marker not in text, f"{marker} leaked into the public {name}"


@pytest.mark.parametrize("protected", [False, True], ids=["plain", "protected"])
def test_nothing_leaks(marked_pack, tmp_path, monkeypatch, capsys, qapp, protected):
    pack = marked_pack
    monkeypatch.setenv("MEMBERPACK_PASSPHRASE", "sesame")
    if protected:
        pack = tmp_path / "sent.mpack"
        assert main(["protect", str(marked_pack), "-o", str(pack)]) == 0
        assert not any(m.encode() in pack.read_bytes() for m in (*TABLE_MARKERS, *NOTE_MARKERS, PRIVATE_MARKER))
    public = _outputs(pack, tmp_path, monkeypatch, capsys, full=False)
    _assert_no_leak(public)
    for name in ("pdf", "json", "screenshots"):
        assert all(m in public[name] for m in PUBLIC_MARKERS[:1]), name
    assert "zqpublicnote" in public["notes"] and "zqpublicnote" in public["pdf"]
    assert EXEMPT_TEXT in public["pdf"] and EXEMPT_TEXT in public["json"]
    assert "PRIVATE" not in public["pdf"] and "NOT FOR PUBLICATION" not in public["pdf"]

    full = _outputs(pack, tmp_path, monkeypatch, capsys, full=True)
    for marker in ("zqlabel", "zqtitle", *NOTE_MARKERS, PRIVATE_MARKER, "zqpublicnote"):
        assert marker in full["pdf"] and marker in full["html"] and marker in full["json"], marker
    assert FULL_TEXT in full["html"] and EXEMPT_TEXT in public["html"]
    for marker in (*NOTE_MARKERS, PRIVATE_MARKER):
        assert marker in full["notes"], marker
    assert "zqtitle" in full["screenshots"] and "zqfile" in full["check"]
    assert all(m in full["screenshots"] for m in ("zqpublicnote", PRIVATE_MARKER, "zqexemptnote"))
    reader = pypdf.PdfReader(tmp_path / "full" / "b.pdf")
    for page in reader.pages[1:]:
        text = " ".join(page.extract_text().split())
        assert FULL_TEXT in text and "PRIVATE - contains members' private notes" in text and not re.search(r"\bPUBLIC\b", text)
    assert FULL_TEXT in " ".join(reader.pages[0].extract_text().split())
