"""Small awkward workbooks for the import tests, written with openpyxl, and a way to read them back."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from memberpack.importers import read_file


def write_xlsx(path: Path, sheets: dict[str, list[list]], *, merges: dict[str, list[str]] | None = None,
               formats: dict[str, dict[str, str]] | None = None, hidden: tuple[str, ...] = ()) -> Path:
    """One sheet per entry, rows from A1; ``merges`` and number ``formats`` by sheet and cell;
    the sheets named in ``hidden`` hidden."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for cells in (merges or {}).get(name, []):
            ws.merge_cells(cells)
        for cell, code in (formats or {}).get(name, {}).items():
            ws[cell].number_format = code
        if name in hidden:
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


def write_xls(path: Path, sheets: dict[str, list[list]]) -> Path:
    """A legacy .xls workbook (xlwt), one sheet per entry, rows from A1."""
    import xlwt  # noqa: PLC0415 - a test extra

    book = xlwt.Workbook()
    for name, rows in sheets.items():
        sheet = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                sheet.write(r, c, value)
    book.save(str(path))
    return path


def write_ods(path: Path, sheets: dict[str, list[list]], *, hidden_columns: dict[str, set[int]] | None = None,
              merges: dict[str, list[tuple[int, int, int, int]]] | None = None) -> Path:
    """An OpenDocument spreadsheet (odfpy), one sheet per entry; numbers as float cells, the rest as text
    (None a blank cell); the columns named in ``hidden_columns`` (0-based, by sheet) collapsed, and the
    cells of ``merges`` (0-based top row, first column, rows, columns, by sheet) merged."""
    from odf.opendocument import OpenDocumentSpreadsheet  # noqa: PLC0415 - a test extra
    from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableRow  # noqa: PLC0415
    from odf.text import P  # noqa: PLC0415

    doc = OpenDocumentSpreadsheet()
    for name, rows in sheets.items():
        table = Table(name=name)
        if hidden := (hidden_columns or {}).get(name):
            for c in range(max(map(len, rows))):
                table.addElement(TableColumn(visibility="collapse") if c in hidden else TableColumn())
        spans = {(r0, c0): (n, m) for r0, c0, n, m in (merges or {}).get(name, [])}
        covered = {(r, c) for (r0, c0), (n, m) in spans.items() for r in range(r0, r0 + n) for c in range(c0, c0 + m)}
        for r, row in enumerate(rows):
            tr = TableRow()
            for c, value in enumerate(row):
                if (r, c) in covered and (r, c) not in spans:
                    tr.addElement(CoveredTableCell())
                    continue
                span = {"numberrowsspanned": spans[r, c][0], "numbercolumnsspanned": spans[r, c][1]} if (r, c) in spans else {}
                if value is None:
                    tr.addElement(TableCell(**span))
                    continue
                number = isinstance(value, (int, float))
                cell = TableCell(valuetype="float", value=value, **span) if number else TableCell(valuetype="string", **span)
                cell.addElement(P(text=str(value)))
                tr.addElement(cell)
            table.addElement(tr)
        doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


def observations(path: Path, **kwargs) -> dict[tuple[str, str], object]:
    """Every figure read from ``path``, by (sheet, cell) (benchmarks by (sheet, cell, measure))."""
    out = {}
    for table in read_file(path, **kwargs).tables:
        for obs in table.observations:
            key = (obs.sheet, obs.cell, obs.measure) if obs.measure.startswith("Benchmark: ") else (obs.sheet, obs.cell)
            assert key not in out, f"{key} read twice"
            out[key] = obs
    return out


def with_declared_size(source, part: bytes, size: int, bad):
    """``source`` with ``part`` claiming ``size`` bytes inflated, in both of the archive's headers."""
    data = bytearray(source.read_bytes())
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            if data[start + name_at:start + name_at + len(part)] == part:
                data[start + size_at:start + size_at + 4] = size.to_bytes(4, "little")
            start += 4
    bad.write_bytes(bytes(data))
    return bad
