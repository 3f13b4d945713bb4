"""A large file is read for the preview on the worker, with progress and Cancel; the window and
the wizard stay responsive meanwhile."""

from __future__ import annotations

from memberpack.gui import import_wizard
from memberpack.gui.import_wizard import ImportWizard


def test_a_large_file_is_read_in_the_background(qtbot, demo_pack, cla_rate_xlsx, monkeypatch):
    monkeypatch.setattr(import_wizard, "READ_IN_BACKGROUND", 0)   # any file counts as large here
    wizard = ImportWizard(demo_pack, [cla_rate_xlsx])
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.next()
    assert wizard.currentPage() is wizard.files_page            # still here: reading on the worker
    assert wizard.files_page.reading.isVisible() and wizard.files_page.stop.isVisible()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=20_000)
    assert "cla_rate.xlsx › CLA rate" in wizard.preview_page.tables.currentText()
    assert wizard.results[0].tables[0].observations and not wizard.files_page.reading.isVisible()
    wizard.back()
    wizard.next()                                                 # read again when asked again
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=20_000)


def test_cancelling_the_read_says_so_and_stays_on_the_files(qtbot, demo_pack, cla_rate_xlsx, monkeypatch):
    monkeypatch.setattr(import_wizard, "READ_IN_BACKGROUND", 0)
    release = []
    monkeypatch.setattr(import_wizard, "read_file", lambda path, cancel=None, progress=None, **_: (
        release.append(1), _wait_for_cancel(cancel)))
    wizard = ImportWizard(demo_pack, [cla_rate_xlsx])
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    qtbot.waitUntil(lambda: bool(release))
    wizard.files_page.stop.click()
    qtbot.waitUntil(lambda: wizard.files_page.job is None, timeout=10_000)
    assert wizard.currentPage() is wizard.files_page
    assert wizard.files_page.error.text().startswith("Reading cancelled")


def _wait_for_cancel(cancel):
    import time

    from memberpack.errors import Cancelled

    end = time.monotonic() + 10
    while not cancel() and time.monotonic() < end:
        time.sleep(0.01)
    raise Cancelled()
