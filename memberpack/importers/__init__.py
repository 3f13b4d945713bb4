"""Reading council workbooks (xlsx, xlsm, xls, ods, csv) into datasets and observations.

The names below load the engine (numpy, the readers) when first used, not when the package is:
the import command starts its reader process before it loads them itself.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from memberpack.importers.engine import FileResult, import_files, read_file
    from memberpack.importers.table_layout import TableLayout

__all__ = ["FileResult", "TableLayout", "import_files", "read_file"]
_HOMES = {"FileResult": "engine", "import_files": "engine", "read_file": "engine", "TableLayout": "layout"}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
