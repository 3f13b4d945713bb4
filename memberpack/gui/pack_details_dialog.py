"""The pack's details: title, committee, meeting date (UK style), classification and our authority
(the council the pack compares with England, its region and its statistical neighbours)."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from memberpack.gui.classification_menu import choices
from memberpack.gui.plain_text import plain_label

CLASSIFICATIONS = ("Public", "Exempt")
DATE_FORMAT = "dd/MM/yyyy"


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
        self.meeting_date = QDateEdit()
        self.meeting_date.setDisplayFormat(DATE_FORMAT)
        self.meeting_date.setCalendarPopup(True)
        date = QDate.fromString(meta.get("meeting_date", ""), DATE_FORMAT)
        self.meeting_date.setDate(date if date.isValid() else QDate.currentDate())
        self.classification = QComboBox()
        self.classification.addItems(CLASSIFICATIONS)
        self.classification.setCurrentText(meta.get("classification") or "Public")
        self.classification.setToolTip("Exempt as a whole: the pack has no public version. To publish the "
                                       "rest, keep it Public and classify its exempt tables below")
        code = meta.get("authority_old_code")
        self.shown_authority = " ".join(filter(None, [meta.get("authority_name", ""), code and f"({code})"]))
        self.authority = QLineEdit(self.shown_authority)
        self.authority.setPlaceholderText("LA number, ONS code or name, e.g. 933 or Somerset")
        self.authority.setToolTip("The council whose figures are compared with England, its region and its "
                                  "statistical neighbours (\"how we compare\")")
        self.authority.setAccessibleName("Our authority")
        form = QFormLayout(self)
        form.addRow("&Title:", self.title)
        form.addRow("&Committee:", self.committee)
        form.addRow("&Meeting date:", self.meeting_date)
        form.addRow("C&lassification:", self.classification)
        form.addRow("Our &authority:", self.authority)
        self.table_classes = {key: (paragraph, self._classification_box(name, paragraph))
                              for key, name, paragraph in tables}
        for key, (_, box) in self.table_classes.items():
            label = plain_label(box.accessibleName())
            label.setWordWrap(True)
            form.addRow(label, box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(480, self.sizeHint().height())

    def values(self) -> dict[str, str]:
        return {"title": self.title.text().strip(), "committee": self.committee.text().strip(),
                "meeting_date": self.meeting_date.date().toString(DATE_FORMAT),
                "classification": self.classification.currentText()}

    @staticmethod
    def _classification_box(name: str, paragraph: int | None) -> QComboBox:
        box = QComboBox()
        for value, text in choices():
            box.addItem(text, value)
        box.setCurrentIndex(box.findData(paragraph) if paragraph is not None else 0)
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
