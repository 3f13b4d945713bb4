"""What a pack file must pass before memberpack reads it: packs arrive by email and USB stick,
so each is treated as untrusted.

- Side files are looked at *before* SQLite opens the pack, because opening applies them: a
  write-ahead log (``-wal``) is never written by memberpack (packs use a rollback journal), so one
  beside a pack is refused, not applied; a hot ``-journal`` is rolled back as SQLite would only
  when it is this pack's own (same page size, and its saved first page is this pack's, one commit
  behind at most); a journal from anything else is refused.
- The connection is defensive: ``trusted_schema`` off (no functions with side effects called from
  the schema), defensive mode, triggers and views off where the sqlite3 module can set them, no
  extension loading.
- The schema must be exactly the one memberpack's migrations build for the pack's version: the same
  tables with the same columns and constraints, the same indexes, and nothing else (no trigger, no
  view, no extra table), so nothing in the file can change what a query returns.
- Every value must be of its column's type (SQLite keeps text in a REAL column if it is given
  text), every ``*_json`` column and note history a JSON object and every unit one memberpack
  writes, so a hand-edited pack is refused in one line rather than failing half-way through an export.
"""

from __future__ import annotations

import re
import sqlite3
import struct
from functools import cache
from pathlib import Path

from memberpack.errors import PackError
from memberpack.model.annotations import MAX_TEXT
from memberpack.model.conventions import DOWN_WORSE, OVERSPEND, SURPLUS, UNDERSPEND, UP_WORSE
from memberpack.model.front_matter import MAX_DETAIL
from memberpack.model.observation import MAX_TEXT as MAX_TABLE_TEXT
from memberpack.model.schedule_12a import PARAGRAPHS
from memberpack.model.units import COUNT, DAYS, GBP, MINUTES, NUMBER, PER_10000, PERCENT, WEEKS
from memberpack.store.json_fields import MAX_JSON
from memberpack.store.schema import APPLICATION_ID, MIGRATIONS
from memberpack.store.write_errors import busy

SQLITE_MAGIC = b"SQLite format 3\x00"
_JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
# Packs up to this size are quick-checked on every open (about a tenth of a second); larger ones
# on demand, with ``memberpack check --integrity``.
QUICK_CHECK_BELOW = 64 * 1024 * 1024


def check_side_files(path: Path, header: bytes) -> None:
    """Refuse a pack whose side files SQLite would apply on opening it, unless they are its own."""
    if len(header) >= 20 and (header[18] == 2 or header[19] == 2):
        raise PackError(f"{path}: the pack is in write-ahead-log mode, which memberpack never writes; refused")
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise PackError(f"{path}: a write-ahead log ({wal.name}) lies beside the pack, which memberpack never "
                        "writes; it was not applied: move it away to open the pack")
    journal = path.with_name(path.name + "-journal")
    if journal.exists() and journal.stat().st_size > 0:
        _check_journal(path, header, journal)


def check_length(path: Path, header: bytes) -> None:
    """Refuse a pack shorter than its header says (copied from a stick pulled out too soon, or a
    download cut off), saying so, where SQLite would call it malformed or find a page damaged. With a
    hot journal beside it, which may give the pages back, SQLite decides."""
    if len(header) < 100 or header[92:96] != header[24:28]:   # (the size is valid only if written with the change)
        return
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    expected = page_size * struct.unpack(">I", header[28:32])[0]
    size = path.stat().st_size
    if size < expected and not path.with_name(path.name + "-journal").exists():
        raise PackError(f"{path}: the pack is cut short ({size:,} bytes of {expected:,}): it was not copied or saved "
                        "whole; copy it again")


def _check_journal(path: Path, header: bytes, journal: Path) -> None:
    """A hot journal belongs to this pack when it was written with the pack's page size, began
    with the pack no larger than it is now, names only pages the pack has, and, if it saved the
    pack's first page, saved this pack's (its application id, one commit behind at most). SQLite
    then rolls it back on opening, as it should; anything else is refused, not applied."""
    data = journal.read_bytes()
    if data[:8] != _JOURNAL_MAGIC:
        return  # not hot: SQLite ignores (and later deletes) a journal without its magic
    page_size = struct.unpack(">H", header[16:18])[0] if len(header) >= 18 else 0
    page_size = 65536 if page_size == 1 else page_size
    pages = path.stat().st_size // page_size if page_size else 0
    if not _journal_fits(data, page_size, pages, header):
        raise PackError(f"{path}: a rollback journal ({journal.name}) lies beside the pack that is not its own; "
                        "it was not applied: move it away to open the pack")


def _journal_fits(data: bytes, page_size: int, pages: int, header: bytes) -> bool:
    offset = 0
    while data[offset:offset + 8] == _JOURNAL_MAGIC:
        count, _nonce, initial, sector, size = struct.unpack(">IIIII", data[offset + 8:offset + 28])
        if size != page_size or not 512 <= sector <= 65536 or initial > pages:
            return False
        offset += sector
        record = 4 + page_size + 4
        available = (len(data) - offset) // record
        count = available if count in (0, 0xFFFFFFFF) else min(count, available)
        for _ in range(count):
            number = struct.unpack(">I", data[offset:offset + 4])[0]
            if not 1 <= number <= max(pages, initial):
                return False
            if number == 1 and not _same_pack(data[offset + 4:offset + 4 + page_size], header):
                return False
            offset += record
        offset = -(-offset // sector) * sector  # the next segment's header starts on a sector
    return True


def _same_pack(saved: bytes, header: bytes) -> bool:
    """Whether a journal's saved first page is this pack's, at most one commit earlier."""
    if saved[:16] != SQLITE_MAGIC or struct.unpack(">I", saved[68:72])[0] != APPLICATION_ID:
        return False
    then, now = (struct.unpack(">I", h[24:28])[0] for h in (saved, header))
    return now - then in (0, 1)


def harden(db: sqlite3.Connection) -> None:
    """Defensive settings for a connection to a file that may have been crafted."""
    for name, value in (("SQLITE_DBCONFIG_DEFENSIVE", True), ("SQLITE_DBCONFIG_TRUSTED_SCHEMA", False),
                        ("SQLITE_DBCONFIG_ENABLE_TRIGGER", False), ("SQLITE_DBCONFIG_ENABLE_VIEW", False),
                        ("SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION", False)):
        if hasattr(sqlite3, name) and hasattr(db, "setconfig"):  # Python 3.12+
            db.setconfig(getattr(sqlite3, name), value)
    if hasattr(db, "enable_load_extension"):
        db.enable_load_extension(False)
    db.execute("PRAGMA trusted_schema = OFF")


def _normal(sql: str | None) -> str:
    """Schema SQL compared without quoting and spacing, which SQLite versions write differently."""
    return re.sub(r"\s+", " ", re.sub(r"[\"`\[\]]", "", sql or "")).strip().casefold()


def schema_of(db: sqlite3.Connection) -> dict[tuple[str, str], tuple]:
    """Every object of the main schema: (type, name) -> (table, normalised SQL, columns)."""
    objects = {}
    for kind, name, table, sql in db.execute("SELECT type, name, tbl_name, sql FROM main.sqlite_master"):
        columns: tuple = ()
        if kind == "table":
            columns = tuple(db.execute("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?)",
                                       (name,)))
        elif kind == "index":
            columns = tuple(db.execute("SELECT seqno, name FROM pragma_index_info(?)", (name,)))
        objects[(kind, name)] = (table, _normal(sql), columns)
    return objects


@cache
def expected_schema(version: int) -> dict[tuple[str, str], tuple]:
    """The schema memberpack's migrations build for ``version``, made in memory."""
    db = sqlite3.connect(":memory:")
    try:
        for script in MIGRATIONS[:version]:
            db.executescript(script)
        return schema_of(db)
    finally:
        db.close()


def check_schema(path: Path, db: sqlite3.Connection, version: int) -> None:
    """Refuse, in one line, a pack whose schema is not exactly memberpack's for its version."""
    found, expected = schema_of(db), expected_schema(version)
    for key in sorted(found.keys() - expected.keys()):
        raise PackError(f"{path}: the pack holds a {key[0]} {key[1]!r} that memberpack never makes; refused")
    for key in sorted(expected.keys() - found.keys(), key=lambda k: (k[0] != "table", k)):
        raise PackError(f"{path}: the pack has no {key[0]} {key[1]!r}; it is damaged or not memberpack's; refused")
    for key in sorted(expected):
        if found[key] != expected[key]:
            raise PackError(f"{path}: the {key[0]} {key[1]!r} is not as memberpack makes it; refused")


_STORED_AS = {"TEXT": ("text",), "INTEGER": ("integer",), "REAL": ("real", "integer"), "BLOB": ("blob",)}
UNITS = (GBP, COUNT, PERCENT, PER_10000, DAYS, WEEKS, MINUTES, NUMBER)
# A table of figures of more rows than this is not checked value by value on opening (a second for
# about 500,000 rows of figures): most of a large pack's figures are in blocks, which are checked as
# they are read, and a figure stored singly is checked to be a number, and its texts to be of a length
# an import writes, as it is read. Every other table is checked whole, however long.
CHECKED_ROWS = 100_000
FIGURE_TABLES = ("observation", "observation_block")
# No value memberpack writes outside the blocks of figures takes more bytes than this (a table's
# report takes at most 1 MB, a note's history a few hundred KB): SQLite is told to refuse a larger
# one rather than load it to be checked (a hand-edited 200 MB report took 600 MB to open).
LARGEST_VALUE = 4 * MAX_JSON
_LARGE_VALUES = ("observation_block",)
# The exempt tables and notes as memberpack records them (the table's own CHECKs are not looked at
# when a large pack is opened without SQLite's quick check; its history has none)
# (a paragraph left out, NULL, is a change back to Public in the history, and refused in the table)
_KINDS, _LOW, _HIGH = "('dataset', 'note')", min(PARAGRAPHS), max(PARAGRAPHS)
CLASSIFIED = {table: {"target_type": f"target_type NOT IN {_KINDS}",
                      "paragraph": f"coalesce(paragraph NOT BETWEEN {_LOW} AND {_HIGH}, {int(null_refused)})"}
              for table, null_refused in (("classification", True), ("classification_history", False))}


def _not_texts(column: str, key: str) -> str:
    """SQL true where the JSON object in ``column`` has ``key`` and it is not a list of texts (or null)."""
    return (f"(coalesce(json_type({column}, '$.{key}') NOT IN ('array', 'null'), 0) OR EXISTS (SELECT 1 FROM "
            f"json_each({column}, '$.{key}') WHERE type != 'text' AND json_type({column}, '$.{key}') = 'array'))")


def _not_one_of(column: str, path: str, words: tuple[str, ...]) -> str:
    return f"coalesce(json_extract({column}, '{path}') NOT IN ({', '.join(repr(w) for w in words)}), 0)"


def _convention(column: str) -> str:
    """SQL true where the money convention kept in a table's layout is not one an import writes."""
    kinds = " OR ".join(f"coalesce(json_type({column}, '$.convention.{key}') NOT IN ({types}), 0)" for key, types in (
        ("positive", "'text'"), ("arrows", "'text'"), ("scale", "'real', 'integer'"), ("decimals", "'integer'")))
    return (f"(coalesce(json_type({column}, '$.convention') NOT IN ('object', 'null'), 0) OR {kinds} OR "
            + _not_one_of(column, "$.convention.positive", (OVERSPEND, SURPLUS, UNDERSPEND)) + " OR "
            + _not_one_of(column, "$.convention.arrows", ("", UP_WORSE, DOWN_WORSE)) + " OR "
            f"coalesce(json_extract({column}, '$.convention.scale') <= 0, 0) OR "
            f"coalesce(json_extract({column}, '$.convention.decimals') NOT BETWEEN 0 AND {MAX_TABLE_TEXT}, 0))")


# What the app reads of a table's import report and layout, as the import writes it (a hand-edited
# ``"notes": 5`` or ``"positive": "weird"`` failed half-way through an export with a TypeError or KeyError)
_READ_JSON = {
    "report_json": " OR ".join((_not_texts("report_json", "notes"), _not_texts("report_json", "doubts"),
                                "coalesce(json_type(report_json, '$.verdict') NOT IN ('text', 'null'), 0)")),
    "layout_json": _convention("layout_json"),
}


def value_rules(db: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    """(column, SQL that is true of a row whose value in it memberpack could not have written)."""
    rules = []
    for _cid, name, kind, notnull, _default, pk in db.execute(f'PRAGMA table_info("{table}")'):
        allowed = _STORED_AS.get(kind.upper())
        if allowed is not None:
            types = allowed if notnull or pk else (*allowed, "null")
            rules.append((name, f'typeof("{name}") NOT IN ({", ".join(repr(t) for t in types)})'))
        if name.endswith("_json") or name == "snapshot":
            rules.append((name, f'json_type(CASE WHEN json_valid("{name}") THEN "{name}" END) IS NOT \'object\''))
        if table == "annotation" and kind.upper() == "TEXT":   # as every way of saving a note allows
            rules.append((name, f'length("{name}") > {MAX_TEXT}'))
        if table == "meta" and name == "value":   # as Pack.set_meta allows
            rules.append((name, f'length("{name}") > {MAX_DETAIL}'))
        if table in ("dataset", "observation") and kind.upper() == "TEXT" and not name.endswith("_json"):
            rules.append((name, f'length("{name}") > {MAX_TABLE_TEXT}'))   # as an import cuts them
        if name == "layout_json" or name == "report_json":   # as an import writes them
            rules.append((name, f'length("{name}") > {MAX_JSON}'))
        if name in CLASSIFIED.get(table, {}):   # one memberpack cannot read would leave its table public
            rules.append((name, CLASSIFIED[table][name]))
        if name == "unit" and table == "observation":
            rules.append((name, f'"{name}" NOT IN ({", ".join(repr(u) for u in UNITS)})'))
        if kind.upper() == "REAL":   # (SQLite keeps an infinity; every figure memberpack writes is finite)
            rules.append((name, f'abs("{name}") = 9e999'))
        if table == "dataset" and name in _READ_JSON:
            rules.append((name, f'CASE WHEN json_valid("{name}") THEN {_READ_JSON[name]} END'))
    return rules


def check_values(path: Path, db: sqlite3.Connection) -> None:
    """Refuse, in one line, a pack holding a value memberpack never writes (text where a figure
    belongs, a layout that is not a JSON object, an unknown unit, a note of megabytes), in every table
    but a table of figures of more than :data:`CHECKED_ROWS` rows (its rows counted: a crafted row
    numbered 2,000,000 is one row)."""
    tables = [t for (t,) in db.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")]
    for table in sorted(tables):
        if table in FIGURE_TABLES:
            (rows,) = db.execute(f'SELECT COUNT(*) FROM (SELECT 1 FROM "{table}" LIMIT {CHECKED_ROWS + 1})').fetchone()
            if rows > CHECKED_ROWS:
                continue
        rules = value_rules(db, table)
        if not rules:
            continue
        limit = -1 if table in _LARGE_VALUES else LARGEST_VALUE   # (-1 leaves SQLite's own)
        before = db.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, limit)
        try:
            found = db.execute(f'SELECT {", ".join(w for _, w in rules)} FROM "{table}" '
                               f'WHERE {" OR ".join(w for _, w in rules)} LIMIT 1').fetchone()
            column = next((c for (c, _), broken in zip(rules, found) if broken), None) if found else None
        except sqlite3.DataError:   # a value longer than the limit: which column holds it
            column = next(c for c, _ in rules if _too_big(db, table, c))
        finally:
            db.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, before)
        if column is not None:  # one pass over the table; the first rule broken names the column
            raise PackError(f"{path}: the pack holds a value memberpack never writes in {table}.{column}; "
                            "it is damaged or was edited by hand; refused")


def _too_big(db: sqlite3.Connection, table: str, column: str) -> bool:
    try:
        db.execute(f'SELECT MAX(length("{column}")) FROM "{table}"').fetchone()
    except sqlite3.DataError:
        return True
    return False


def quick_check(path: Path, db: sqlite3.Connection, *, full: bool = False) -> list[str]:
    """SQLite's own check of the file's pages (``integrity_check`` when ``full``): problems, if any."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        rows = [r[0] for r in db.execute(f"PRAGMA {pragma}(20)")]
    except sqlite3.DatabaseError as exc:
        if busy(exc):   # another memberpack writing: not damage
            raise
        return [" ".join(str(exc).split())]
    return [] if rows == ["ok"] else [" ".join(str(r).split()) for r in rows]


_PASSED: set[tuple[int, int, int, int]] = set()   # files whose quick check passed in this process


def quick_check_once(path: Path, db: sqlite3.Connection) -> list[str]:
    """:func:`quick_check` and :func:`check_values`, skipped for a file this process has already
    checked and that has not changed since (same device, inode, size and modification time): a
    worker opening the window's pack to read a long table does not check its pages again."""
    st = path.stat()
    key = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
    if key in _PASSED:
        return []
    problems = quick_check(path, db)
    if not problems:
        check_values(path, db)
        _PASSED.add(key)
    return problems


def is_sqlite_header(header: bytes) -> bool:
    return header[:16] == SQLITE_MAGIC
