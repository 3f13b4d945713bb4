"""A sixteenth review, as an officer, a councillor and a clerk use the app on a small laptop
(1366 by 768 and 1024 by 700): what they saw clipped, lost or misread."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel

from memberpack.gui.pack_details_dialog import PackDetailsDialog

# The demo pack's tables whose names begin alike: the dialog had shown each as "Table 23/24 Budget
# Monitoring", cut after three lines, so a clerk could not tell which one they classified.
ALIKE = ["23/24 Budget Monitoring Report Forecast outturn as at the end of September (Month 6) General Fund",
         "23/24 Budget Monitoring Report Forecast outturn: Dedicated Schools Grant (DSG)",
         "23/24 Budget Monitoring Report Forecast outturn: Dedicated Schools Grant (DSG): Balance b/f"]


def test_pack_details_fit_the_screen_and_name_every_table_whole(qtbot):
    """The demo pack's 21 tables made Pack details 1,500 pixels tall (OK and Cancel below a 768-pixel
    screen) and cut each table's name to three squeezed lines."""
    tables = [(f"k{n}", ALIKE[n % 3] + f" {n}", None) for n in range(20)] + [("k20", "Fostering & Permanence", None)]
    dialog = PackDetailsDialog({"title": "Pack"}, None, tables)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    screen = QApplication.primaryScreen().availableGeometry()
    assert dialog.frameGeometry().height() <= screen.height()
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons.isVisible() and buttons.geometry().bottom() <= dialog.height()
    names = {label.text(): label for label in dialog.findChildren(QLabel) if not label.buddy()}
    for _key, name, _paragraph in tables:
        label = names[name]   # the table's own name, whole, not "Table ..." cut short
        assert label.height() >= label.heightForWidth(label.width()), name
