"""Reading council workbooks (xlsx, xlsm, xls, ods, csv) into datasets and observations."""

from memberpack.importers.engine import FileResult, import_files, read_file
from memberpack.importers.layout import TableLayout

__all__ = ["FileResult", "TableLayout", "import_files", "read_file"]
