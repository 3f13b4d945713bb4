"""Small OpenDocument workbooks written as XML, with what LibreOffice and other writers put in
them: hidden sheets, blank leading rows and columns, header rows and row groups, repeated rows and
cells, merged (covered) cells, text over several paragraphs with spaces, notes, percentages, empty
text, formulas without a value, and the million blank rows LibreOffice writes at a sheet's end."""

import zipfile

NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"'
)
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '</manifest:manifest>'
)
STYLES = (
    '<office:automatic-styles>'
    '<style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>'
    '<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>'
    '<style:style style:name="ro1" style:family="table-row"/>'
    '</office:automatic-styles>'
)


def number(value, shown=None, kind="float"):
    shown = value if shown is None else shown
    return (f'<table:table-cell office:value-type="{kind}" office:value="{value}"><text:p>{shown}</text:p>'
            '</table:table-cell>')


def text(value):
    return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'


def blank(repeat=1):
    return f'<table:table-cell table:number-columns-repeated="{repeat}"/>' if repeat > 1 else "<table:table-cell/>"


def row(*cells, repeat=1):
    repeated = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f'<table:table-row table:style-name="ro1"{repeated}>{"".join(cells)}</table:table-row>'


def long_rows(rows: int, label: str = "Service") -> list[str]:
    """Data rows with what makes .ods rows hard to count and read (see the module)."""
    out = []
    for i in range(rows):
        if i % 41 == 7:
            out.append(row(blank(1024), repeat=1 + i % 3))   # blank rows, some repeated
        elif i % 53 == 11:
            out.append(row(blank(), text(f"{label} {i} (repeated)"), number(i), repeat=3))
        elif i % 67 == 5:
            out.append(row(blank(), '<table:table-cell office:value-type="string"><text:p>Two</text:p>'
                           '<text:p>lines<text:s text:c="3"/>spaced</text:p></table:table-cell>',
                           '<table:table-cell table:number-columns-spanned="2" office:value-type="float" office:value="5">'
                           '<text:p>5</text:p></table:table-cell><table:covered-table-cell/>', number(i)))
        elif i % 71 == 3:
            out.append(row(blank(), text(f"{label} {i}"), '<table:table-cell office:value-type="string"></table:table-cell>',
                           '<table:table-cell table:formula="of:=[.C2]"/>',
                           '<table:table-cell office:value-type="float" office:value="2"><office:annotation>'
                           '<text:p>checked</text:p></office:annotation><text:p>2</text:p></table:table-cell>'))
        else:
            out.append(row(blank(), text(f"{label} {i} &amp; more"), number(i * 1.5),
                           number(-(i % 9) * 100, f"({(i % 9) * 100:,}.00)"),
                           number((i % 10) / 10, f"{(i % 10) * 10}.00%", kind="percentage"), blank(3), number(i)))
    return out


def awkward_content(rows: int = 400, group: bool = True) -> str:
    """A cover sheet, a hidden sheet, a long sheet (with a row group, unless not ``group``) and a
    second long sheet, with names defined after them."""
    cover = ('<table:table table:name="Cover" table:style-name="ta1"><table:table-column/>'
             + row(text("Statistics release")) + row(blank(5), repeat=2) + row(text("Notes &amp; sources"))
             + "</table:table>")
    hidden = '<table:table table:name="Lookups" table:style-name="ta2">' + row(text("Key"), number(1)) + "</table:table>"
    body = long_rows(rows)
    long_sheet = ('<table:table table:name="Table 1" table:style-name="ta1">'
                  '<table:table-column table:number-columns-repeated="3"/><table:table-column/>'
                  + row(blank(1024), repeat=2)
                  + "<table:table-header-rows>" + row(blank(), text("Service"), text("Spend £k"), text("Change"),
                                                      text("Share")) + "</table:table-header-rows>"
                  + "".join(body[: rows // 3])
                  + ("<table:table-row-group>" if group else "") + "".join(body[rows // 3: rows // 2])
                  + ("</table:table-row-group>" if group else "")
                  + "".join(body[rows // 2:])
                  + row(blank(1024), repeat=1_048_000)
                  + "</table:table>")
    second = ('<table:table table:name="Table 2" table:style-name="ta1">'
              + "".join(long_rows(rows // 2, "Area")) + row(blank(3), text("Source: returns")) + "</table:table>")
    names = ('<table:named-expressions><table:named-range table:name="Data" '
             'table:cell-range-address="$\'Table 1\'.$A$1:.$H$10"/></table:named-expressions>')
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            f'<office:document-content {NAMESPACES} office:version="1.2">{STYLES}'
            f'<office:body><office:spreadsheet>{cover}{hidden}{long_sheet}{second}{names}'
            '</office:spreadsheet></office:body></office:document-content>')


def write_ods(path, content: str | bytes, *, mimetype: bool = True):
    """``content`` as the content.xml of an .ods at ``path``."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        if mimetype:
            archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
                             compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", MANIFEST)
        archive.writestr("content.xml", content)
    return path
