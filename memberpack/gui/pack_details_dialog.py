"""The pack's details: title, committee, meeting date (UK style), classification and our authority
(the council the pack compares with England, its region and its statistical neighbours), and the
committee paper's front matter the briefing's cover prints (council, agenda item, report title,
author, contact officer, purpose, recommendations, the other-formats statement).

A meeting date is set only when ticked: an unset date stays unset, never silently today."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QFrame,
                               QGridLayout, QGroupBox, QHBoxLayout, QLineEdit, QPlainTextEdit, QScrollArea,
                               QVBoxLayout, QWidget)

from memberpack.gui.classification_menu import choices
from memberpack.gui.plain_text import plain_label
from memberpack.model.front_matter import RECOMMENDATIONS, recommendations, recommendations_text
from memberpack.store.classification import PACK_CLASSIFICATIONS, pack_classification, unknown_classification

DATE_FORMAT = "dd/MM/yyyy"
FRAME_ROOM = 60   # pixels of the screen's height left for the title bar and the desktop's panels
# (meta key, label with its mnemonic, placeholder) of the one-line fields of the paper
PAPER_LINES = (
    ("council", "Co&uncil:", "e.g. Somerset Council"),
    ("agenda_item", "A&genda item:", "e.g. 7"),
    ("report_title", "&Report title:", "the title of the committee report"),
    ("author", "Aut&hor:", "name and role"),
    ("contact_name", "Contact o&fficer:", "name and role"),
    ("contact_email", "Contact &email:", "name@council.gov.uk"),
    ("contact_phone", "Contact tele&phone:", "01234 567890"),
)
PAPER_TEXTS = (
    ("purpose", "Purp&ose:", "What the report is for, in a sentence or two"),
    (RECOMMENDATIONS, "Recomme&ndations:", "One recommendation per line"),
    ("alternative_formats", "Other format&s:",
     "e.g. This document is available in other formats, such as large print, on request."),
)


def _text_box(text: str, placeholder: str, name: str) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setAccessibleName(name)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * 4)
    return box


class PackDetailsDialog(QDialog):
    """Edits a copy of the pack's metadata; :meth:`values` gives what to pass to ``Pack.set_meta``."""

    def __init__(self, meta: dict[str, str], parent: QWidget | None = None,
                 tables: list[tuple[str, str, int | None]] = ()) -> None:
        """``tables`` are (key, name, exempt paragraph or None) for the classification of each table."""
        super().__init__(parent)
        self.setWindowTitle("Pack details")
        self.title = QLineEdit(meta.get("title", ""))
        self.committee = QLineEdit(meta.get("committee", ""))
        self.committee.setPlaceholderText("e.g. Scrutiny Committee – Children and Families")
        date = QDate.fromString(meta.get("meeting_date", ""), DATE_FORMAT)
        self.has_date = QCheckBox("&Known")
        self.has_date.setChecked(date.isValid())
        self.has_date.setToolTip("Untick to leave the meeting date unset")
        self.meeting_date = QDateEdit()
        self.meeting_date.setDisplayFormat(DATE_FORMAT)
        self.meeting_date.setCalendarPopup(True)
        self.meeting_date.setAccessibleName("Meeting date")
        self.meeting_date.setDate(date if date.isValid() else QDate.currentDate())
        self.meeting_date.setEnabled(date.isValid())
        self.has_date.toggled.connect(self.meeting_date.setEnabled)
        when = QWidget()
        row = QHBoxLayout(when)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.has_date)
        row.addWidget(self.meeting_date, 1)
        self.classification = QComboBox()
        self.classification.addItems(PACK_CLASSIFICATIONS)
        self.classification.setCurrentText(pack_classification(meta))   # one it does not know is Exempt
        unknown = unknown_classification(meta)
        self.classification.setToolTip(("" if unknown is None else f"The pack's classification {unknown}: taken "
                                        "as Exempt. ") + "Exempt as a whole: the pack has no public version. To "
                                       "publish the rest, keep it Public and classify its exempt tables below")
        code = meta.get("authority_old_code")
        self.shown_authority = " ".join(filter(None, [meta.get("authority_name", ""), code and f"({code})"]))
        self.authority = QLineEdit(self.shown_authority)
        self.authority.setPlaceholderText("LA number, ONS code or name, e.g. 933 or Somerset")
        self.authority.setToolTip("The council whose figures are compared with England, its region and its "
                                  "statistical neighbours (\"how we compare\")")
        self.authority.setAccessibleName("Our authority")
        pack_box = QGroupBox("The pack")
        form = QFormLayout(pack_box)
        form.addRow("&Title:", self.title)
        form.addRow("&Committee:", self.committee)
        form.addRow("&Meeting date:", when)
        form.addRow("C&lassification:", self.classification)
        form.addRow("Our &authority:", self.authority)
        paper_box = QGroupBox("The committee paper (printed on the briefing's cover)")
        paper = QFormLayout(paper_box)
        self.lines: dict[str, QLineEdit] = {}
        for key, label, placeholder in PAPER_LINES:
            edit = self.lines[key] = QLineEdit(meta.get(key, ""))
            edit.setPlaceholderText(placeholder)
            edit.setAccessibleName(label.replace("&", "").rstrip(":"))
            paper.addRow(label, edit)
        self.texts: dict[str, QPlainTextEdit] = {}
        for key, label, placeholder in PAPER_TEXTS:
            text = "\n".join(recommendations(meta)) if key == RECOMMENDATIONS else meta.get(key, "")
            self.texts[key] = _text_box(text, placeholder, label.replace("&", "").rstrip(":"))
            paper.addRow(label, self.texts[key])
        tables_box = QGroupBox("Exempt information (Schedule 12A), table by table")
        classes = QGridLayout(tables_box)
        classes.setColumnStretch(0, 3)
        classes.setColumnStretch(1, 2)
        self.table_classes = {key: (paragraph, self._classification_box(name, paragraph))
                              for key, name, paragraph in tables}
        for row, (name, (_, box)) in enumerate(zip((name for _key, name, _p in tables), self.table_classes.values())):
            label = plain_label(name)   # whole: tables of one report often begin with the same words
            label.setWordWrap(True)
            classes.addWidget(label, row, 0)
            classes.addWidget(box, row, 1, Qt.AlignmentFlag.AlignVCenter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # Everything but OK and Cancel scrolls, so a pack of many tables fits a 768-pixel laptop screen.
        content = QWidget()
        fields = QVBoxLayout(content)
        fields.setContentsMargins(0, 0, 0, 0)
        fields.addWidget(pack_box)
        fields.addWidget(paper_box)
        if tables:
            fields.addWidget(tables_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(720, self._fitted_height(content, buttons))

    def _fitted_height(self, content: QWidget, buttons: QWidget) -> int:
        """As tall as the fields need, but no taller than the screen leaves (less the title bar)."""
        wanted = content.sizeHint().height() + buttons.sizeHint().height() + 40
        screen = (self.parentWidget() or self).screen() or self.screen()
        return min(wanted, screen.availableGeometry().height() - FRAME_ROOM) if screen else wanted

    def values(self) -> dict[str, str]:
        out = {"title": self.title.text().strip(), "committee": self.committee.text().strip(),
               "meeting_date": self.meeting_date.date().toString(DATE_FORMAT) if self.has_date.isChecked() else "",
               "classification": self.classification.currentText()}
        out |= {key: edit.text().strip() for key, edit in self.lines.items()}
        for key, box in self.texts.items():
            text = box.toPlainText()
            out[key] = recommendations_text(text.splitlines()) if key == RECOMMENDATIONS else " ".join(text.split())
        return out

    @staticmethod
    def _classification_box(name: str, paragraph: int | None) -> QComboBox:
        box = QComboBox()
        for value, text in choices():
            box.addItem(text, value)
        box.setCurrentIndex(box.findData(paragraph) if paragraph is not None else 0)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(24)   # the paragraph's words are long: the name beside it keeps room
        box.setAccessibleName(f"Table {name}")
        box.setToolTip("Public, or exempt information under a paragraph of Schedule 12A; "
                       "every version of the table is classified alike")
        return box

    def classifications(self) -> dict[str, int | None]:
        """The tables whose classification was changed: key -> exempt paragraph, or None for Public."""
        return {key: box.currentData() for key, (before, box) in self.table_classes.items()
                if box.currentData() != before}

    def authority_given(self) -> str | None:
        """The authority typed in, or None when it was left as it was."""
        text = self.authority.text().strip()
        return None if text == self.shown_authority else text
