"""Where the parts of an .xlsx/.xlsm workbook are inside its zip archive."""

from __future__ import annotations

import posixpath
import zipfile

from defusedxml.ElementTree import fromstring

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
WORKBOOK = "xl/workbook.xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
# what calamine reads when it opens a workbook, besides the workbook and its relationships
_OPENED_WITH = ("/styles", "/sharedStrings")


# Excel's "Strict Open XML Spreadsheet" writes the same elements in other namespaces (the
# package's relationships excepted): each strict name and its usual (transitional) one
STRICT_NAMESPACES = ((b"http://purl.oclc.org/ooxml/spreadsheetml/main",
                      b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"),
                     (b"http://purl.oclc.org/ooxml/officeDocument/relationships",
                      b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
                     (b"http://purl.oclc.org/ooxml/drawingml/main",
                      b"http://schemas.openxmlformats.org/drawingml/2006/main"))


def read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    """A part's XML with any Strict Open XML namespace named as the usual one, which the readers
    look for (a strict workbook's percentages had been read as fractions, its formats unseen)."""
    data = archive.read(name)
    for strict, usual in STRICT_NAMESPACES:
        if strict in data:
            data = data.replace(strict, usual)
    return data


def _part(target: str) -> str:
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> part name inside the archive, from the workbook and its relationships."""
    targets = {r.get("Id"): r.get("Target", "") for r in fromstring(archive.read(WORKBOOK_RELS))}
    workbook = fromstring(read_part(archive, WORKBOOK))
    return {sheet.get("name"): _part(targets.get(sheet.get(_REL), "")) for sheet in workbook.iter(f"{_NS}sheet")}


def opening_parts(archive: zipfile.ZipFile) -> list[str]:
    """The parts calamine reads to open the workbook (before any sheet): its content types, the
    workbook and their relationships, the styles and the shared strings."""
    rels = fromstring(archive.read(WORKBOOK_RELS))
    found = [_part(r.get("Target", "")) for r in rels if r.get("Type", "").endswith(_OPENED_WITH)]
    return ["[Content_Types].xml", "_rels/.rels", WORKBOOK, WORKBOOK_RELS, *found]


_LINKS = "xl/externalLinks/_rels/"


def linked_workbooks(archive: zipfile.ZipFile) -> list[str]:
    """The file names of the other workbooks this one takes figures from (its external links), as
    their relationships name them (``file:///C:/Finance/ledger.xlsx`` -> ``ledger.xlsx``)."""
    names = []
    for info in archive.infolist():
        if info.filename.startswith(_LINKS) and info.filename.endswith(".rels") and info.file_size <= 1 << 20:
            for relation in fromstring(archive.read(info)):
                if relation.get("TargetMode") == "External" and (target := relation.get("Target", "")):
                    names.append(posixpath.basename(target.replace("\\", "/").rstrip("/")) or target)
    return names
