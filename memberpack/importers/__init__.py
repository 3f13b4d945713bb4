"""Reading council workbooks (xlsx, xlsm, xls, ods, csv) into datasets and observations."""

from memberpack.importers.engine import import_files, read_file

__all__ = ["import_files", "read_file"]
