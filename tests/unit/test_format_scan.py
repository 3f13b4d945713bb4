"""An .xlsx sheet's first rows' formats read by a byte search for its row and cell tags: the same
codes, window and uncached formulas the XML parser finds, however the part is written and however
its bytes arrive."""

import random

import pytest

from memberpack.importers import formats
from memberpack.importers.formats import FORMAT_ROWS, CellStyles, SheetScan

MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
XF = CellStyles(["General", "0.0%", "#,##0", "General", '"£"#,##0;[Red]\\("£"#,##0\\)', "0.00"], {2: "green"})


def _part(rows: list[str], *, root: str = f"<worksheet {MAIN}>", end: str = "</worksheet>") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{root}<sheetData>'
            + "".join(rows) + f"</sheetData><mergeCells count=\"0\"/>{end}").encode()


def _awkward_rows(n: int) -> list[str]:
    """Rows as several writers write them: styles first or last, single quotes, rows and cells with
    no reference, self-closed cells, styles with no format, uncached formulas, a style out of range."""
    out = []
    for i in range(1, n + 1):
        cells = [f'<c r="A{i}" s="1"><v>0.{i}</v></c>',
                 f"<c s='2' r='B{i}' t=\"n\"><v>{i * 1000}</v></c>",
                 f'<c r="C{i}" s="3"/>',
                 f'<c t="s" r="D{i}" s="4"><v>0</v></c>',
                 f'<c r="E{i}"><f>SUM(A1:B1)</f></c>' if i % 7 == 0 else f'<c r="E{i}" s="5"><v>1.5</v></c>',
                 f'<c s="99" r="F{i}"><v>2</v></c>',
                 f'<c s="2"><v>3</v></c>',
                 f'<c  r = "AB{i}"  s = "2" ><v>4</v></c>']
        row = f'<row r="{i}" spans="1:28">' if i % 5 else "<row>"   # every fifth row numbered by its place
        out.append(row + "".join(cells) + "</row>")
    return out


def _scan(data: bytes, sizes) -> tuple:
    scan = SheetScan(XF)
    at = 0
    while at < len(data):
        n = sizes()
        scan.feed(data[at:at + n])
        at += n
    found = scan.found
    return found.codes, found.uncached, found.rows_read, found.fills


def _parsed(data: bytes, monkeypatch) -> tuple:
    """What the XML parser reads of the part (the reading the byte search stands for)."""
    with monkeypatch.context() as patch:
        patch.setattr(formats, "_plain_xml", lambda head: False)
        return _scan(data, lambda: formats.CHUNK)


@pytest.mark.parametrize("rows", [3, FORMAT_ROWS - 1, FORMAT_ROWS + 30])
def test_byte_search_finds_what_the_parser_finds(rows, monkeypatch):
    data = _part(_awkward_rows(rows))
    expected = _parsed(data, monkeypatch)
    codes = expected[0]
    shown = min(rows, FORMAT_ROWS)
    assert codes[(0, 0)] == "0.0%" and codes[(1, 1)] == "#,##0" and codes[(1, 27)] == "#,##0"
    assert (0, 2) not in codes and (0, 5) not in codes   # General, and a style beyond the styles
    assert codes[(0, 3)] == XF.codes[4] and (0, 4) in codes and (6, 4) not in codes
    assert expected[3][(1, 1)] == expected[3][(1, 27)] == "green" and (0, 0) not in expected[3]   # style 2's fill
    assert expected[2] == shown and max(r for r, _ in codes) == shown - 1
    assert len(expected[1]) == rows // 7 and (rows < 7 or (6, 4) in expected[1])
    rnd = random.Random(7)
    for sizes in (lambda: formats.CHUNK, lambda: 1, lambda: 13, lambda: rnd.randint(1, 3000)):
        assert _scan(data, sizes) == expected


def test_rows_numbered_beyond_the_window_end_it():
    rows = ['<row r="2"><c r="A2" s="2"><v>1</v></c></row>', '<row r="900"><c r="A900" s="2"><v>1</v></c></row>']
    codes, _, read, _ = _scan(_part(rows), lambda: 11)
    assert codes == {(1, 0): "#,##0"} and read == 899


@pytest.mark.parametrize("root, rows", [
    # the main namespace under a prefix: the parser reads it
    ('<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">', None),
    # a comment among the rows, holding what looks like a cell
    (f"<worksheet {MAIN}>", ['<row r="1"><!-- <c r="A1" s="1"/> --><c r="B1" s="2"><v>1</v></c></row>']),
    # Strict OOXML's namespace: its cells' formats are found too (none had been)
    ('<worksheet xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main">', None),
])
def test_parts_written_otherwise_are_read_by_the_parser(root, rows, monkeypatch):
    if rows is None:
        rows = ['<x:row r="1"><x:c r="A1" s="1"><x:v>0.5</x:v></x:c></x:row>'] if root.startswith("<x:") else \
            ['<row r="1"><c r="A1" s="1"><v>0.5</v></c></row>']
    data = _part(rows, root=root, end="</x:worksheet>" if root.startswith("<x:") else "</worksheet>")
    found = _scan(data, lambda: 5)
    assert found == _parsed(data, monkeypatch)
    if root.startswith("<x:") or "purl" in root:
        assert found[0] == {(0, 0): "0.0%"}
    else:
        assert found[0] == {(0, 1): "#,##0"}


def test_without_styles_nothing_is_searched():
    scan = SheetScan(None)
    scan.feed(_part(_awkward_rows(8)))
    assert scan.found.codes == {} and scan.found.rows_read == FORMAT_ROWS + 1 and scan.found.uncached


def test_a_prefixed_part_is_parsed_as_it_comes_not_held():
    """The OpenXML SDK writes ``<x:worksheet>``, ``<x:row>``: the parser reads such a part as it is
    fed, as before, and stops at the window's end without holding the rows below."""
    ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rows = [f'<x:row r="{i}"><x:c r="A{i}" s="1"><x:v>0.5</x:v></x:c><x:c r="B{i}" s="2"><x:v>7</x:v></x:c></x:row>'
            for i in range(1, FORMAT_ROWS + 300)]
    data = _part(rows, root=f"<x:worksheet {ns}>", end="</x:worksheet>")
    scan = SheetScan(XF)
    for at in range(0, len(data), 1000):
        scan.feed(data[at:at + 1000])
        assert at + 1000 < formats._ROOT_BYTES or not scan._head   # nothing held once its root is read
    found = scan.found
    assert found.rows_read == FORMAT_ROWS and len(found.codes) == 2 * FORMAT_ROWS
    assert found.codes[(0, 0)] == "0.0%" and found.codes[(FORMAT_ROWS - 1, 1)] == "#,##0"
