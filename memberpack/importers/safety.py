"""Refusing hostile or broken files before any reader inflates or parses them.

Every check here reads headers and declared sizes only (or a bounded prefix of each XML part),
so a zip bomb, an entity-expansion ("billion laughs") document, an encrypted workbook or random
bytes are turned away in milliseconds with one line naming the file and the problem. The text an
.ods repeats or an .xls shares is counted before the file is read when it is up to 16 MB, and
beside the reading when larger (in the reader's process, which the refusal ends: :func:`scan_beside`).
"""

from __future__ import annotations

import codecs
import lzma
import re
import struct
import threading
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from memberpack import paths
from memberpack.errors import ImportFailed

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".ods", ".xls"}
CSV_SUFFIXES = {".csv", ".txt"}

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")   # Excel's "Unicode Text" starts with one
# Declared-size limits: real returns are a few MB; a 1,000,000-row sheet is a few hundred MB of XML.
MAX_UNCOMPRESSED = 2_000_000_000
MAX_MEMBERS = 5_000
MAX_RATIO = 250            # deflate rarely beats ~20x on real sheet XML; bombs reach 1,000x and more
RATIO_FLOOR = 5_000_000    # small parts may compress extremely well (blank styles); ignore them
PROLOGUE_BYTES = 65_536
CFB_SCANNED = 8_000_000    # bytes of an OLE file searched for an encrypted workbook's streams
INFLATED_HERE = 1 << 20    # parts declaring at most this are inflated in full by the checks
# One shared string is stored once and copied into every cell that names it: a billion characters
# is gigabytes in a reader. A cell naming one takes at least this many bytes of sheet XML.
SHARED_STRINGS = "xl/sharedStrings.xml"
MAX_STRING_CHARACTERS = 1_000_000_000
SMALLEST_STRING_CELL = 20      # <c t="s"><v>0</v></c>
_SHARED_STRING = re.compile(rb"<(?:\w+:)?si\b")
_STRING_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\st="s"[^>]*>\s*<(?:\w+:)?v>(\d+)<')
# An OpenDocument cell or row repeated is stored once and read as every copy: content up to this size
# is scanned for repeated text before it is read, larger content beside the reading, this much at a
# time. An .xls up to this size is scanned for its shared strings (xls_strings.py) in the same way.
REPEATS_SCANNED = 16 << 20
_ROW_END = b"</table:table-row>"
_REPEATED = re.compile(rb'number-(rows|columns)-repeated="(\d+)"')
_PARAGRAPH = re.compile(rb"<text:p\b[^>]*>(.*?)</text:p>", re.DOTALL)
_ROOT = re.compile(rb"<[A-Za-z_]")
# HTML tables and Excel 2003 XML, which some systems export with an .xls name
_MARKUP = re.compile(rb"(?:\xef\xbb\xbf)?\s*<(?:\?xml|!doctype|html|table|meta|head|body|!--)", re.IGNORECASE)
_DAMAGED_ZIP = (zlib.error, lzma.LZMAError, EOFError, ValueError, NotImplementedError, struct.error, OverflowError,
                UnicodeDecodeError, RuntimeError, zipfile.BadZipFile, OSError)
_ENCRYPTED_STREAMS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))


# The reader's process sets this (reader_process.py): it says the refusal and ends the process at once.
refuse_beside: Callable[[str], None] | None = None
_beside: list[threading.Thread] = []


def scan_beside(check: Callable[[], None]) -> None:
    """Run ``check`` (which raises :class:`ImportFailed`) beside the reading in the reader's process,
    its refusal ending the reading however far it has got; elsewhere, now."""
    if refuse_beside is None:
        check()
        return

    def run() -> None:
        try:
            check()
        except ImportFailed as exc:
            refuse_beside(str(exc))
        except Exception:  # noqa: BLE001, S110 - a damaged file: the reader names what is wrong
            pass

    thread = threading.Thread(target=run, name="memberpack-scan", daemon=True)
    _beside.append(thread)
    thread.start()


def scanned() -> None:
    """Wait for the scans beside the reading: a file is refused however soon its reading ended."""
    while _beside:
        _beside.pop().join()


def not_a_file(path: Path) -> ImportFailed:
    """Why ``path``, which is no regular file, cannot be read (:func:`memberpack.paths.not_a_file`),
    with what to do about a folder or a pipe."""
    reason = paths.not_a_file(path, "spreadsheet file")
    hint = " (name the files in it)" if reason.startswith("is a folder") else \
        "; save the spreadsheet as a file" if reason.startswith("is a device") else ""
    return ImportFailed(f"{path}: {reason}{hint}")


def _utf8(head: bytes) -> bool:
    """Whether ``head``, the start of a file, is UTF-8 (its last character perhaps cut)."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def check_file(path: Path, *, inflate: bool = True) -> str:
    """The container kind of ``path`` (``zip``, ``cfb`` or ``csv``), or :class:`ImportFailed`.

    Without ``inflate``, a zip archive's parts are judged by its directory alone (their number,
    declared sizes and ratios), none inflated: a quick look at every file of an import before any
    is read; the reader looks again, in full, before it parses one."""
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in WORKBOOK_SUFFIXES | CSV_SUFFIXES:
        raise ImportFailed(f"{name}: not a spreadsheet memberpack can read (use .xlsx, .xlsm, .xls, .ods or .csv)")
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise ImportFailed(f"{name}: cannot be opened ({exc.strerror or exc})") from None
    if size == 0:
        raise ImportFailed(f"{name}: the file is empty (0 bytes)")
    if suffix in CSV_SUFFIXES:
        if head.startswith(UTF16_BOMS):   # Excel's "Unicode Text": UTF-16, its NULs are half its characters
            if len(head) > 2 and b"\x00" not in head and not _utf8(head[2:]):   # (UTF-8 is read as such)
                raise ImportFailed(f"{name}: starts with a UTF-16 byte order mark but its text is neither UTF-16 "
                                   "nor UTF-8; save it again as CSV UTF-8")
            return "csv"
        if _unmarked_utf16(head):
            raise ImportFailed(f"{name}: is UTF-16 text without the byte order mark that says so; save it again "
                               "as CSV UTF-8")
        # a stray NUL in text is read as a character of its cell (as further down the file, or in a workbook)
        if head.startswith((ZIP_MAGIC, CFB_MAGIC)) or head.count(0) > max(8, len(head) // 100) \
                or not _looks_like_text(head.replace(b"\x00", b"")):
            raise ImportFailed(f"{name}: is not a text (CSV) file; it looks like a binary file with a .csv name")
        return "csv"
    if head.startswith(CFB_MAGIC):
        _check_cfb(path, name, suffix, inflate)
        return "cfb"
    if head.startswith(ZIP_MAGIC):
        if suffix == ".xls" and not opendocument(path):   # (an .ods named .xls, as MHCLG published one, is read)
            raise ImportFailed(f"{name}: is a newer Excel (.xlsx) file with an .xls name; rename it to .xlsx")
        try:
            _check_zip(path, name, inflate)
        except _DAMAGED_ZIP:   # what zipfile raises on a damaged archive beyond BadZipFile
            raise ImportFailed(f"{name}: the workbook is damaged (a part of it cannot be inflated); save it again "
                               "from Excel") from None
        return "zip"
    if _looks_like_text(head):
        if _MARKUP.match(head):
            raise ImportFailed(f"{name}: is a web page or XML file saved with a {suffix} name, not a workbook; "
                               "open it in Excel and save it as .xlsx to import it")
        raise ImportFailed(f"{name}: is a text (CSV) file, not a {suffix} workbook; rename it to .csv to import it")
    raise ImportFailed(f"{name}: is not a spreadsheet (the file content is not an Excel or OpenDocument workbook)")


def opendocument(path: Path) -> bool:
    """Whether a zip archive is an OpenDocument spreadsheet (its content in ``content.xml``, no Excel parts)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except _DAMAGED_ZIP:
        return False
    return "content.xml" in names and "[Content_Types].xml" not in names


def password_protected(name: str, where: str = "in Excel: File > Info > Protect Workbook > Encrypt with Password, "
                       "cleared") -> ImportFailed:
    """The refusal of an encrypted workbook, which no reader can open without its password."""
    return ImportFailed(f"{name}: the workbook is password-protected (encrypted); save it without a password "
                        f"({where}) and import it again")


def _unmarked_utf16(head: bytes) -> bool:
    """Whether ``head`` is UTF-16 text with no byte order mark: a NUL beside nearly every other byte."""
    pairs = head[:256]
    return len(pairs) >= 8 and max(pairs[0::2].count(0), pairs[1::2].count(0)) >= 0.9 * (len(pairs) // 2)


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    printable = sum(1 for b in head if b in (9, 10, 13) or 32 <= b)
    return printable / max(len(head), 1) > 0.97


def _check_cfb(path: Path, name: str, suffix: str, inflate: bool = True) -> None:
    """An OLE container: a legacy .xls, or an encrypted OOXML workbook (which always lives in one);
    with ``inflate``, an .xls's shared strings are counted too."""
    with path.open("rb") as fh:
        data = fh.read(CFB_SCANNED)
    if any(stream in data for stream in _ENCRYPTED_STREAMS) or (len(data) == CFB_SCANNED and _encrypted_cfb(path)):
        raise password_protected(name)
    if suffix != ".xls":
        raise ImportFailed(f"{name}: is an old Excel (.xls) file with a {suffix} name; rename it to .xls")
    if not inflate:
        return
    if path.stat().st_size > REPEATS_SCANNED:
        scan_beside(lambda: _check_xls_strings(path, name))
    else:
        _check_xls_strings(path, name)


def _encrypted_cfb(path: Path) -> bool:
    """Whether an OLE container's directory, wherever it lies in the file, names an encrypted
    workbook's streams (a large file's may lie past what :func:`_check_cfb` looked at)."""
    import olefile  # noqa: PLC0415 - only for a large OLE file

    try:
        with olefile.OleFileIO(str(path)) as ole:
            return any(ole.exists(stream.decode("utf-16-le")) for stream in _ENCRYPTED_STREAMS)
    except Exception:  # noqa: BLE001 - a damaged container: the reader names what is wrong
        return False


def _check_xls_strings(path: Path, name: str) -> None:
    from memberpack.importers import xls_strings  # noqa: PLC0415 - only for .xls files

    if (total := xls_strings.shared_string_characters(path, MAX_STRING_CHARACTERS) or 0) > MAX_STRING_CHARACTERS:
        raise ImportFailed(f"{name}: refused: its shared strings would fill its cells with {total / 1e9:.1f} billion "
                           "characters (a shared-strings bomb?)")


def _check_zip(path: Path, name: str, inflate: bool = True) -> None:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise ImportFailed(f"{name}: the workbook is damaged or incomplete (truncated zip archive); "
                           "save it again from Excel") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise ImportFailed(f"{name}: refused: the archive holds {len(members):,} parts (a zip bomb?)")
        _check_part_names(members, name)
        total = sum(m.file_size for m in members)
        if total > MAX_UNCOMPRESSED:
            raise ImportFailed(f"{name}: refused: it would expand to {total / 1e9:.1f} GB (a zip bomb?)")
        overall = total / max(sum(m.compress_size for m in members), 1)
        if total > RATIO_FLOOR and overall > MAX_RATIO:   # many parts, each small enough to pass alone
            raise ImportFailed(f"{name}: refused: its {len(members):,} parts are compressed {overall:,.0f} to 1 "
                               "(a zip bomb?)")
        for member in members:
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
                raise ImportFailed(f"{name}: refused: part {member.filename} is compressed {ratio:,.0f} to 1 "
                                   "(a zip bomb?)")
        names = {m.filename for m in members}
        if "xl/workbook.bin" in names:
            raise ImportFailed(f"{name}: is an Excel binary workbook (.xlsb), which memberpack does not read; open it "
                               "in Excel and save it as .xlsx")
        if any(n.endswith(".iwa") for n in names) or {"Index.zip", "index.xml", "index.xml.gz"} & names:
            raise ImportFailed(f"{name}: is an Apple Numbers file, not an Excel workbook; export it from Numbers as "
                               "Excel (.xlsx)")
        if not ({"[Content_Types].xml", "mimetype"} & names) and not is_headless_ods(names):
            raise ImportFailed(f"{name}: is a zip archive but not an Excel or OpenDocument workbook")
        if _odf_encrypted(archive, names):
            raise password_protected(name, "in LibreOffice: File > Properties > Security")
        for member in members if inflate else ():
            if member.filename.endswith((".xml", ".rels", ".vml")) and member.file_size:
                _check_prologue(archive, member, name)
            if member.file_size <= INFLATED_HERE:
                _check_declared_size(archive, member, name)
        if inflate:
            _check_shared_strings(archive, members, name)
            content = next((m for m in members if m.filename == "content.xml"), None)
            if content is not None and content.file_size <= REPEATS_SCANNED:
                _check_repeated_text(archive, content, name)
            elif content is not None:
                scan_beside(lambda: _check_repeated_text_of(path, content, name))


def _check_part_names(members: list[zipfile.ZipInfo], name: str) -> None:
    """Refuse an archive holding two parts of one name, or of names a reader takes for one (a workbook's
    part names ignore case, and calamine reads a backslash as a slash): Excel would show one of them and
    memberpack read the other."""
    seen: dict[str, str] = {}
    for member in members:
        key = member.filename.replace("\\", "/").lstrip("/").casefold()
        if (first := seen.get(key)) is not None:
            both = f"{first!r}" if first == member.filename else f"{first!r} and {member.filename!r}"
            raise ImportFailed(f"{name}: refused: the archive holds two parts named {both}, which different programs "
                               "would read differently; save it again from Excel")
        seen[key] = member.filename


def _check_repeated_text_of(path: Path, content: zipfile.ZipInfo, name: str) -> None:
    with zipfile.ZipFile(path) as archive:
        _check_repeated_text(archive, content, name)


def _check_repeated_text(archive: zipfile.ZipFile, content: zipfile.ZipInfo, name: str) -> None:
    """Refuse an OpenDocument file whose repeated rows and cells would hold more than
    :data:`MAX_STRING_CHARACTERS` (one long text repeated over rows and columns). Blank rows and
    cells, which LibreOffice repeats to the sheet's end, hold none. Read :data:`REPEATS_SCANNED` at
    a time, each block to the end of its last whole row (a row longer than four blocks as it is)."""
    total, rest = 0, b""
    with archive.open(content) as fh:
        while True:
            chunk = fh.read(REPEATS_SCANNED)
            block = rest + chunk
            if not chunk or len(block) > 4 * REPEATS_SCANNED:
                end = len(block)
            else:
                end = block.rfind(_ROW_END)
                end = end + len(_ROW_END) if end >= 0 else 0
            total += _repeated_text(block[:end])
            if total > MAX_STRING_CHARACTERS:
                raise ImportFailed(f"{name}: refused: its repeated rows and cells would hold {total / 1e9:.1f} "
                                   "billion characters (a bomb of repeated text?)")
            rest = block[end:]
            if not chunk:
                return


def _repeated_text(data: bytes) -> int:
    """The characters the repeated rows and cells of ``data`` (whole rows) would hold, beyond one copy."""
    total, counted_to = 0, -1   # the cells of a repeated row are counted with it
    for hit in _REPEATED.finditer(data):
        times = int(hit.group(2))
        if times < 2 or hit.start() < counted_to:
            continue
        tag_end = data.find(b">", hit.end())
        if tag_end < 0 or data[tag_end - 1:tag_end] == b"/":   # an empty row or cell
            continue
        if hit.group(1) == b"rows":
            counted_to = data.find(_ROW_END, tag_end) % (len(data) + 1)
            total += times * _row_text(data, tag_end, counted_to)
        else:
            total += times * _text(data, tag_end, data.find(b"</table:table-cell>", tag_end) % (len(data) + 1))
    return total


def _text(data: bytes, start: int, end: int) -> int:
    return sum(len(m.group(1)) for m in _PARAGRAPH.finditer(data, start, end))


def _row_text(data: bytes, start: int, end: int) -> int:
    """The text of one copy of the row between ``start`` and ``end``, its repeated cells each as often."""
    total = _text(data, start, end)
    for hit in _REPEATED.finditer(data, start, end):
        tag_end = data.find(b">", hit.end(), end)
        if hit.group(1) == b"columns" and tag_end > 0 and data[tag_end - 1:tag_end] != b"/":
            cell_end = data.find(b"</table:table-cell>", tag_end, end) % (end + 1)
            total += (int(hit.group(2)) - 1) * _text(data, tag_end, cell_end)
    return total


_UNIQUE_COUNT = re.compile(rb'<(?:\w+:)?sst\b[^>]*?\suniqueCount="(\d{1,20})"')


def _check_shared_strings(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], name: str) -> None:
    """Refuse a workbook whose cells would copy its shared strings into more than
    :data:`MAX_STRING_CHARACTERS` (one long string named by every cell: a small file, gigabytes
    read). Which string each cell names is read only when the cells naming any could hold that
    many copies of the longest."""
    sst = next((m for m in members if m.filename == SHARED_STRINGS), None)
    sheets = [m for m in members if m.filename.startswith("xl/worksheets/") and m.filename.endswith(".xml")]
    if sst is None or not sheets:
        return
    with archive.open(sst) as fh:
        data = fh.read()
    declared = _UNIQUE_COUNT.search(data, 0, 4096)
    if declared and int(declared[1]) > len(data) // len(b"<si></si>") + 1:   # calamine reserves them all, and aborts
        raise ImportFailed(f"{name}: the workbook is damaged: its shared strings declare {int(declared[1]):,} texts in "
                           f"{len(data):,} bytes; open it in Excel and save it again")
    starts = [m.start() for m in _SHARED_STRING.finditer(data)] + [len(data)]
    lengths = [b - a for a, b in zip(starts, starts[1:])]   # in bytes of XML: at least the characters
    if not lengths or max(lengths) * (sum(m.file_size for m in sheets) // SMALLEST_STRING_CELL) <= MAX_STRING_CHARACTERS:
        return
    if max(lengths) * sum(_sheet_text(archive, sheet, lambda block, _end: block.count(b't="s"'))
                          for sheet in sheets) <= MAX_STRING_CHARACTERS:
        return
    named: Counter = Counter()
    for sheet in sheets:
        _sheet_text(archive, sheet, lambda block, end: named.update(_STRING_CELL.findall(block, 0, end)))
    total = sum(lengths[int(i)] * n for i, n in named.items() if int(i) < len(lengths))
    if total > MAX_STRING_CHARACTERS:
        raise ImportFailed(f"{name}: refused: its shared strings would fill its cells with {total / 1e9:.1f} billion "
                           "characters (a shared-strings bomb?)")


def _sheet_text(archive: zipfile.ZipFile, sheet: zipfile.ZipInfo, count) -> int:
    """The sum of ``count(block, end)`` over a sheet part inflated 16 MB at a time, ``end`` where the
    block's last cell starts (a cell the chunk may have cut is counted with the next block)."""
    found, rest = 0, b""
    with archive.open(sheet) as fh:
        while chunk := fh.read(1 << 24):
            block = rest + chunk
            end = block.rfind(b"<c") % (len(block) + 1)
            found += count(block[:end], end) or 0
            rest = block[end:]
    return found + (count(rest, len(rest)) or 0)


def is_headless_ods(names) -> bool:
    """An OpenDocument file whose writer left out the ``mimetype`` part: its content and manifest are there."""
    return {"content.xml", "META-INF/manifest.xml"} <= set(names)


def _odf_encrypted(archive: zipfile.ZipFile, names: set[str]) -> bool:
    """An OpenDocument file saved with a password lists how each part is encrypted in its manifest."""
    manifest = "META-INF/manifest.xml"
    if manifest not in names or archive.getinfo(manifest).file_size > PROLOGUE_BYTES * 16:
        return False
    return b"encryption-data" in archive.read(manifest)


def _check_declared_size(archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str) -> None:
    """Inflate a part in bounded chunks: zipfile stops at the declared size and checks the CRC, so a
    part that lies about its size is named here. Parts declaring more than :data:`INFLATED_HERE`
    (the sheets' data) are not inflated twice: calamine's zip reader refuses a part that inflates
    past its declared size too ("larger than its declared uncompressed size")."""
    try:
        with archive.open(member) as fh:
            while fh.read(1 << 20):
                pass
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError):
        raise ImportFailed(f"{name}: refused: part {member.filename} is damaged or not the size it declares") from None


def _check_prologue(archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str) -> None:
    """Refuse document type declarations: no workbook needs one, and they carry entity expansion."""
    try:
        with archive.open(member) as fh:
            head = fh.read(PROLOGUE_BYTES)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
        if "encrypted" in str(exc).lower():
            raise password_protected(name) from None
        raise ImportFailed(f"{name}: refused: part {member.filename} is damaged or not the size it declares") from None
    full = len(head) == PROLOGUE_BYTES
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):   # UTF-16, as SharePoint writes its custom XML parts
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    elif head[:2] in (b"\x00<", b"<\x00"):   # UTF-16 without its mark, told (as XML allows) by the first '<'
        head = head.decode("utf-16-be" if head[0] == 0 else "utf-16-le", errors="ignore").encode("utf-8")
    root = _ROOT.search(head)
    prologue = head[:root.start()] if root else head
    if b"<!DOCTYPE" in prologue.upper() or b"<!ENTITY" in head.upper():
        raise ImportFailed(f"{name}: refused: part {member.filename} declares XML entities "
                           "(an entity-expansion attack?)")
    if root is None and full:
        raise ImportFailed(f"{name}: refused: part {member.filename} has no content in its first 64 KB")
