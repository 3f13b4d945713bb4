"""An OpenDocument sheet's first rows' formats read by a byte search for its rows' and cells' tags:
the same cells the XML parser finds (repeated rows and columns, covered cells, paragraphs, spans,
sheets passed over), and the parser's reading wherever the document is written otherwise."""

import zipfile

import pytest

from memberpack.importers import ods_formats
from memberpack.importers.formats import FORMAT_ROWS
from memberpack.importers.ods_formats import read_ods_formats

OPENING = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content '
           'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
           '<office:body><office:spreadsheet>')
CLOSING = "</office:spreadsheet></office:body></office:document-content>"


def _cell(kind: str, shown: str, attrs: str = "") -> str:
    return f'<table:table-cell office:value-type="{kind}" office:value="1"{attrs}><text:p>{shown}</text:p></table:table-cell>'


def _awkward_row(i: int) -> str:
    """A row as LibreOffice and the converters write them, its cells in many forms."""
    return "".join([
        '<table:table-row table:style-name="ro1">',
        _cell("string", f"Council {i} &amp; Co"),
        _cell("float", f"{i},234"),
        _cell("percentage", f"{i}.5%", ' table:number-columns-repeated="2"'),
        '<table:covered-table-cell/>',
        f'<table:table-cell office:value-type="float"><text:p>({i}.10)</text:p><office:annotation><text:p>'
        'checked</text:p></office:annotation></table:table-cell>',
        f'<table:table-cell office:value-type="currency"><text:p><text:span>£{i}</text:span>.50</text:p></table:table-cell>',
        '<table:covered-table-cell office:value-type="float"><text:p>9.10</text:p></table:covered-table-cell>',
        _cell("float", f"{i}"),
        _cell("float", "(7.25)"),
        '<table:table-cell table:number-columns-repeated="3"/>',
        '<table:table-cell office:value-type="percentage"/>',
        _cell("date", "01/04/2024"),
        _cell("float", "12.50"), _cell("float", "105.25"), _cell("float", "1.05"), _cell("currency", "£3"),
        "</table:table-row>"])


def _document(tables: list[str], *, opening: str = OPENING) -> bytes:
    return (opening + "".join(tables) + CLOSING).encode()


def _table(name: str, rows: list[str]) -> str:
    return f'<table:table table:name="{name}" table:style-name="ta1"><table:table-column/>' + "".join(rows) + "</table:table>"


def _ods(tmp_path, content: bytes):
    path = tmp_path / "book.ods"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("content.xml", content)
    return path


def _both(path, names: list[str]) -> tuple[dict, dict, bool]:
    """What the search reads, what the parser reads, and whether the search read it itself."""
    def seen(found):
        return {name: (f.codes, f.rows_read, f.uncached) for name, f in found.items()}
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as fh:
        searched = ods_formats._searched(fh, set(names)) is not None
    return seen(read_ods_formats(path, list(names))), seen(ods_formats._parsed(path, list(names))), searched


@pytest.mark.parametrize("chunk", [ods_formats._CHUNK, 97, 5])
def test_the_search_finds_what_the_parser_finds(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(ods_formats, "_CHUNK", chunk)   # tags and cells cut between chunks
    grouped = ('<table:table-header-rows>' + _awkward_row(0) + "</table:table-header-rows>"
               '<table:table-row table:number-rows-repeated="3">' + _cell("float", "1,000") + "</table:table-row>"
               '<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>')
    content = _document([
        _table("Hidden", [_awkward_row(i) for i in range(5)]),
        _table("Return", [grouped] + [_awkward_row(i) for i in range(1, 30)]),
        _table("Long", [_awkward_row(i) for i in range(FORMAT_ROWS + 20)]),
        '<table:table table:name="Empty"/>',
        _table("Last", ['<table:table-row table:number-rows-repeated="1048000"><table:table-cell/></table:table-row>',
                        _awkward_row(1)]),
    ])
    names = ["Return", "Long", "Empty", "Last"]
    searched, parsed, itself = _both(_ods(tmp_path, content), names)
    assert itself and searched == parsed
    codes, rows_read, _ = searched["Return"]
    assert codes[(0, 1)] == "#,##0" and codes[(0, 2)] == codes[(0, 3)] == "0.0%" and (0, 4) not in codes
    assert (0, 5) not in codes   # the note's text follows the figure's: "(0.10)checked" shows no format
    assert codes[(0, 6)] == "0.00" and codes[(0, 7)] == "0.00" and (0, 8) not in codes
    assert codes[(0, 9)] == "0.00;(0.00)" and codes[(0, 13)] == "0%" and (0, 14) not in codes
    assert codes[(0, 15)] == "0.00" and (0, 16) not in codes and (0, 17) not in codes and (0, 18) not in codes
    assert [codes[(r, 0)] for r in (1, 2, 3)] == ["#,##0"] * 3 and (4, 0) not in codes and codes[(6, 1)] == "#,##0"
    assert rows_read == 35 and searched["Long"][1] == FORMAT_ROWS and searched["Empty"] == ({}, 0, set())
    assert max(r for r, _ in searched["Long"][0]) == FORMAT_ROWS - 1 and searched["Last"] == ({}, FORMAT_ROWS, set())
    assert "Hidden" not in searched


@pytest.mark.parametrize("change", [
    lambda text: text.replace('xmlns:table=', 'xmlns:t="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:table='),
    lambda text: text.replace('<table:table-row table:style-name="ro1">', "<table:table-row table:style-name='ro1'>"),
    lambda text: text.replace("<text:p>1,234</text:p>", "<text:p>1,234<!-- kept --></text:p>"),
    lambda text: text.replace("£1</text:span>", "&#163;1</text:span>"),
    lambda text: text.replace('table:name="Return"', 'table:name="R&amp;D"'),
    lambda text: text.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace("£", ""),
])
def test_documents_written_otherwise_are_read_by_the_parser(tmp_path, change):
    content = change(_document([_table("Return", [_awkward_row(i) for i in range(1, 4)])]).decode()).encode("utf-8")
    name = "R&D" if "R&amp;D" in content.decode() else "Return"
    searched, parsed, itself = _both(_ods(tmp_path, content), [name])
    assert not itself and searched == parsed and searched[name][0]


def test_a_byte_order_mark_and_single_quotes_within_values_are_read(tmp_path):
    content = "\ufeff" + _document([_table("Return", [_awkward_row(1).replace(
        'table:style-name="ro1"', 'table:style-name="ro1" office:note="it\'s"')])]).decode()
    searched, parsed, itself = _both(_ods(tmp_path, content.encode("utf-8")), ["Return"])
    assert itself and searched == parsed and searched["Return"][0][(0, 1)] == "#,##0"
