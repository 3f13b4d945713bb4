"""Every menu command of the main window: ids as constants, created in one place, menus built from them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

NEW_PACK, OPEN_PACK, IMPORT, IMPORT_NEIGHBOURS, EXPORT_PDF, EXPORT_JSON, PACK_DETAILS, QUIT = (
    "new_pack", "open_pack", "import", "import_neighbours", "export_pdf", "export_json", "pack_details", "quit")
SAVE_PROTECTED = "save_protected"
UNDO, REDO, FIND, FIND_IN_PACK = "undo", "redo", "find", "find_in_pack"
NEXT_TAB, PREVIOUS_TAB, SHOW_NOTES, ABOUT = "next_tab", "previous_tab", "show_notes", "about"

# id: (menu text, shortcut or shortcuts, status tip). Shortcuts are spelt out, not left to the platform's
# standard keys, so the README's Ctrl+Shift+Z and Ctrl+Q hold on every desktop.
ACTIONS: dict[str, tuple[str, QKeySequence | str | tuple[str, ...], str]] = {
    NEW_PACK: ("&New pack…", QKeySequence.StandardKey.New, "Create an empty briefing pack"),
    OPEN_PACK: ("&Open pack…", QKeySequence.StandardKey.Open, "Open a briefing pack (.mpack)"),
    IMPORT: ("&Import workbooks…", "Ctrl+I", "Import Excel or CSV returns into this pack"),
    IMPORT_NEIGHBOURS: ("Import statistical &neighbours…", "",
                        "Read our statistical neighbours from the DfE statistical-neighbour workbook"),
    EXPORT_PDF: ("&Export briefing…", "Ctrl+P",
                 "Export the briefing to print (PDF) or publish (HTML), with a preview and Print"),
    EXPORT_JSON: ("Export &JSON…", "Ctrl+Shift+J", "Export every figure with its source cell as JSON"),
    SAVE_PROTECTED: ("Save pro&tected copy…", "", "Save an encrypted copy of the pack that opens only with a passphrase"),
    PACK_DETAILS: ("Pack &details…", "Ctrl+Shift+D", "Committee, meeting date and classification"),
    QUIT: ("&Quit", "Ctrl+Q", "Close memberpack"),
    UNDO: ("&Undo", "Ctrl+Z", "Undo the last change to the notes"),
    REDO: ("&Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "Redo the change just undone"),
    FIND: ("&Filter rows", QKeySequence.StandardKey.Find, "Filter the rows of the table in view"),
    FIND_IN_PACK: ("Find in &pack…", "Ctrl+Shift+F", "Find figures by row, column or value in every table"),
    NEXT_TAB: ("&Next tab", "Ctrl+PgDown", "Show the next tab"),
    PREVIOUS_TAB: ("&Previous tab", "Ctrl+PgUp", "Show the previous tab"),
    SHOW_NOTES: ("Go to &notes", "F4", "Show the notes and questions panel and write a note"),
    ABOUT: ("&About memberpack", "", "The version of memberpack"),
}

MENUS: tuple[tuple[str, tuple[str | None, ...]], ...] = (
    ("&File", (NEW_PACK, OPEN_PACK, "recent", None, IMPORT, IMPORT_NEIGHBOURS, None, EXPORT_PDF, EXPORT_JSON,
               SAVE_PROTECTED, None, PACK_DETAILS, None, QUIT)),
    ("&Edit", (UNDO, REDO, None, FIND, FIND_IN_PACK)),
    ("&View", (NEXT_TAB, PREVIOUS_TAB, None, SHOW_NOTES)),
    ("&Help", (ABOUT,)),
)


def create_actions(window: QMainWindow, handlers: dict[str, Callable[[], object]]) -> dict[str, QAction]:
    """One QAction per id, parented to ``window`` and triggering ``handlers[id]``."""
    actions = {}
    for action_id, (text, shortcut, tip) in ACTIONS.items():
        action = QAction(text, window)
        action.setObjectName(action_id)
        if isinstance(shortcut, tuple):
            action.setShortcuts([QKeySequence(key) for key in shortcut])
        else:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(handlers[action_id])
        actions[action_id] = action
    return actions


def build_menus(window: QMainWindow, actions: dict[str, QAction], recent_menu: QMenu) -> None:
    """The menu bar from :data:`MENUS`; ``"recent"`` places the Open recent submenu."""
    bar = window.menuBar()
    for title, items in MENUS:
        menu = bar.addMenu(title)
        for item in items:
            if item is None:
                menu.addSeparator()
            elif item == "recent":
                menu.addMenu(recent_menu)
            else:
                menu.addAction(actions[item])
