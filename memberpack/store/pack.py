"""Opening, creating and writing a pack file.

Every change runs inside :meth:`Pack.transaction`, so an import or merge that fails or is
killed leaves the file exactly as it was (SQLite's rollback journal, not WAL, so no side files
outlive a connection).
"""

from __future__ import annotations

import heapq
import itertools
import json
import math
import os
import sqlite3
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

from memberpack.errors import PackError
from memberpack.paths import not_a_file
from memberpack.model.front_matter import MAX_DETAIL
from memberpack.model.metrics import BY_ID
from memberpack.model.observation import MAX_TEXT, Dataset, Observation, cut_text
from memberpack.model.periods import reported_order
from memberpack.store.atomic_write import remove_stale, replaces, write_bytes
from memberpack.store.encoded_block import MAX_HEAD, Encoded
from memberpack.store.json_fields import stored_json
from memberpack.store.open_checks import (QUICK_CHECK_BELOW, check_length, check_schema, check_side_files, check_values,
                                          harden, is_sqlite_header, quick_check, quick_check_once)
from memberpack.store.protection import Protection, is_protected, unseal
from memberpack.store.write_errors import WAIT_FOR_WRITER, busy, described, remove_hot_journal
from memberpack.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

if TYPE_CHECKING:  # blocks (and numpy with them) load when a pack first stores or reads one: not at start-up
    from memberpack.model.blocks import FigureBlock

DEFAULT_META = {"committee": "", "meeting_date": "", "classification": "Public", "title": "Briefing pack"}
_OBS_COLUMNS = ("row", "col", "label", "section", "measure", "metric_id", "period", "value", "unit",
                "display", "status", "row_role", "sheet", "cell", "area")
# Below this many observations in the pack, an import rebuilds the indexes rather than keeping
# them up to date (rebuilding them for this many takes about a tenth of a second).
_REBUILD_BELOW = 100_000
# Python's sqlite3 looks for an adapter every time it binds None (about a third of the time an
# import spends inserting), so the nullable columns are bound as 0 (the value as "") and NULLIF
# turns that back into NULL: no text stored is ever the integer 0, and no value is ever a string.
_NULL_AS = {"section": "0", "period": "0", "value": "''", "unit": "0", "status": "0", "area": "0"}
_INSERT_OBSERVATION = (f"INSERT INTO observation(dataset_id, {', '.join(_OBS_COLUMNS)}) VALUES (?, "
                       + ", ".join(f"NULLIF(?, {_NULL_AS[c]})" if c in _NULL_AS else "?" for c in _OBS_COLUMNS) + ")")
_DS_COLUMNS = ("key", "version", "name", "source_file", "sha256", "sheet", "cell_range", "kind", "domain",
               "period", "layout_json", "report_json", "imported_at")


class Pack:
    """A briefing pack file. Use :meth:`open` or :meth:`create`."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self.db = connection

    # --- opening -------------------------------------------------------------------
    protection: Protection | None = None
    # True for a pack held in memory (protected, or a copy an output version made): it cannot be
    # opened again by its path, which names the encrypted or the whole file; see :meth:`reader`.
    in_memory: bool = False
    # A protected pack's plaintext as its file last held it: what memory goes back to when sealing
    # a commit to disk fails, so a change the member is told was not saved is not kept either.
    _sealed: bytes = b""
    _sealed_file: tuple[int, int, int] | None = None   # the file it was sealed to: inode, size, modification

    @classmethod
    def open(cls, path: str | Path, *, passphrase: str | Callable[[], str] | None = None) -> Pack:
        """Open an existing pack as untrusted input (see :mod:`memberpack.store.open_checks`),
        migrating an older schema; refuse other files, damaged ones and newer packs, in one line.

        A protected pack is opened in memory with ``passphrase`` (text, or a function asked only
        when the pack turns out to be protected); it is sealed again whenever it is written.
        """
        path = Path(path)
        if not path.is_file():
            raise PackError(f"{path}: {not_a_file(path, 'pack file')}")
        try:
            with path.open("rb") as f:
                header = f.read(100)
        except OSError as exc:
            raise PackError(f"{path}: cannot read the pack ({exc.strerror or exc})") from None
        if is_protected(header):
            return cls._open_protected(path, passphrase)
        if not is_sqlite_header(header):
            raise PackError(f"{path}: not a memberpack pack file")
        check_side_files(path, header)
        check_length(path, header)
        db = cls._connect(path)
        return cls._checked(path, db, quick=path.stat().st_size < QUICK_CHECK_BELOW)

    @classmethod
    def _open_protected(cls, path: Path, passphrase: str | Callable[[], str] | None) -> Pack:
        if passphrase is None:
            raise PackError(f"{path}: the pack is protected; a passphrase is needed to open it")
        if not hasattr(sqlite3.Connection, "deserialize"):
            raise PackError(f"{path}: opening a protected pack needs Python 3.11 or later")
        if callable(passphrase):
            try:
                passphrase = passphrase()
            except PackError as exc:   # none could be had: say which pack wanted it
                raise PackError(f"{path}: the pack is protected; {exc}") from None
        plaintext, protection = unseal(path, path.read_bytes(), passphrase)
        if not is_sqlite_header(plaintext):
            raise PackError(f"{path}: the protected pack holds no memberpack pack")
        db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        try:
            db.deserialize(plaintext)
        except sqlite3.DatabaseError:
            db.close()
            raise PackError(f"{path}: the protected pack is damaged") from None
        harden(db)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA temp_store = MEMORY")   # a large sort never spills the pack to a temporary file
        return cls._checked(path, db, quick=True, protection=protection)

    @classmethod
    def _checked(cls, path: Path, db: sqlite3.Connection, *, quick: bool,
                 protection: Protection | None = None) -> Pack:
        """The pack on ``db`` once its identity, version, schema and (when cheap) pages are checked."""
        try:
            app_id = db.execute("PRAGMA application_id").fetchone()[0]
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise PackError(f"{path}: not a memberpack pack file")
            if version > SCHEMA_VERSION:
                raise PackError(f"{path}: made by a newer memberpack (pack version {version}, this app reads up "
                                f"to {SCHEMA_VERSION}); please update memberpack")
            if version < 1:
                raise PackError(f"{path}: the pack says it has schema version {version}, which memberpack never "
                                "writes; refused")
            check_schema(path, db, version)
            once = quick and protection is None   # its pages and values, once per unchanged file
            problems = quick_check_once(path, db) if once else quick_check(path, db) if quick else []
            if problems:
                raise PackError(f"{path}: the pack is damaged ({problems[0]}); refused")
            if not once:
                check_values(path, db)
        except sqlite3.DatabaseError as exc:
            db.close()
            if busy(exc):   # (a long import writing its pages holds the file for itself)
                raise PackError(f"{path}: another memberpack is writing to this pack; try again when it has "
                                "finished") from None
            raise PackError(f"{path}: not a memberpack pack file, or a damaged one ({exc})") from None
        except BaseException:
            db.close()
            raise
        pack = cls(path, db)
        pack.protection = protection
        pack.in_memory = protection is not None
        if protection is not None:
            pack._sealed, pack._sealed_file = db.serialize(), _file_identity(path)
        if version < SCHEMA_VERSION:
            pack._migrate(version)
        return pack

    @classmethod
    def create(cls, path: str | Path, **meta: str) -> Pack:
        """Create a new, empty pack with a new ``uid`` (its identity for notes files); refuses to
        overwrite an existing file."""
        with cls.creating(path, **meta):
            pass
        return cls.open(path)

    @classmethod
    @contextmanager
    def creating(cls, path: str | Path, **meta: str) -> Iterator[Pack]:
        """A new pack, written under a hidden name beside ``path`` and put in place only when the
        block ends without error (an import into a pack that did not exist): another process
        never sees it half made, and a failure removes only this process's own file. If ``path``
        was created by someone else meanwhile, nothing is replaced and :class:`PackError` says so."""
        path = Path(path)
        remove_stale_scratch(path)
        if path.is_symlink() and not path.exists():   # (a pack deleted or moved): its name is taken
            raise PackError(f"{path}: is a link to {os.readlink(path)}, which does not exist; remove the link or "
                            "name another pack")
        if path.exists():
            raise PackError(f"{path}: a file of that name already exists")
        scratch = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.creating")
        try:
            db = cls._connect(scratch)
        except sqlite3.Error as exc:
            raise PackError(f"{path}: cannot create the pack ({described(exc)})") from None
        pack = cls(path, db)   # named for its messages by the name it will have
        import uuid  # noqa: PLC0415 - uuid loads the platform module: only when a pack is made

        try:
            # A failure removes the scratch file whole, so it needs no journal on disk and no flush
            # at each commit: it is flushed once, when done, before it takes its name.
            db.execute("PRAGMA journal_mode = MEMORY")
            db.execute("PRAGMA synchronous = OFF")
            pack._migrate(0)
            with pack.transaction():
                pack.db.executemany("INSERT INTO meta(key, value) VALUES (?, ?)",
                                    [(k, str(v)) for k, v in (DEFAULT_META | {"uid": str(uuid.uuid4())} | meta).items()])
            yield pack
            pack.db.close()
            _flush(scratch)
            _put_in_place(scratch, path)
        except sqlite3.Error as exc:
            raise PackError(f"{path}: cannot create the pack ({described(exc)})") from None
        finally:
            pack.db.close()
            for leftover in (scratch, scratch.with_name(scratch.name + "-journal")):
                leftover.unlink(missing_ok=True)

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        db = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=WAIT_FOR_WRITER)
        harden(db)
        db.execute("PRAGMA foreign_keys = ON")
        return db

    def integrity_problems(self) -> list[str]:
        """SQLite's full ``integrity_check`` of the pack (``memberpack check --integrity``)."""
        return quick_check(self.path, self.db, full=True)

    def reader(self) -> Pack:
        """Another connection to this pack, for a worker thread; a pack held in memory (protected,
        or an output version's copy) gives a copy of itself as it is now, never the file at its path."""
        if not self.in_memory:
            return Pack.open(self.path)
        return self.memory_copy()

    def memory_copy(self) -> Pack:
        """This pack copied into memory, not written back anywhere."""
        db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        db.deserialize(self.db.serialize())
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA temp_store = MEMORY")
        copy = Pack(self.path, db)
        copy.in_memory = True
        return copy

    def protected_copy(self, out: str | Path, protection: Protection) -> Path:
        """Write this pack, sealed with ``protection``, to ``out`` (atomically; the plaintext never
        touches the disk)."""
        out = Path(out)
        self.check_output(out, "protected copy")
        try:
            write_bytes(out, protection.seal(self.db.serialize()))
        except OSError as exc:
            raise PackError(f"{out}: cannot write the protected copy ({exc.strerror or exc})") from None
        return out

    def check_output(self, out: str | Path, what: str) -> None:
        """Refuse to write ``what`` in place of this pack's own file (the pack named twice on the command
        line: ``notes export PACK PACK`` had replaced every table and note with the notes file)."""
        if replaces(out, self.path):
            raise PackError(f"{out}: that is the pack itself; choose another name for the {what}")

    def committed(self) -> None:
        """After a commit (by :meth:`transaction`, or a caller's own ``COMMIT``): a protected pack's
        file is sealed and written again from memory; any other pack is already on disk. If the
        file cannot be written, memory goes back to what the file holds and :class:`PackError` says why."""
        if self.protection is None:
            return
        # sealed meanwhile by another opening of it (a file since deleted is written again: nothing is lost)
        if (now := _file_identity(self.path)) is not None and now != self._sealed_file:
            self.db.deserialize(self._sealed)
            raise PackError(f"{self.path}: the protected pack was changed by another window or program since it was "
                            "opened; open it again to see those changes (nothing was saved)")
        plaintext = self.db.serialize()
        try:   # (through a link to the pack, the pack itself: written over, the link would be a copy)
            write_bytes(os.path.realpath(self.path), self.protection.seal(plaintext))
        except OSError as exc:
            self.db.deserialize(self._sealed)
            raise PackError(f"{self.path}: cannot save the protected pack ({exc.strerror or exc}); nothing was "
                            "changed") from None
        self._sealed, self._sealed_file = plaintext, _file_identity(self.path)

    def _migrate(self, current: int) -> None:
        with self.transaction():
            for version in range(current, SCHEMA_VERSION):
                for statement in _statements(MIGRATIONS[version]):
                    self.db.execute(statement)
            self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self.db.executemany(
                "INSERT OR REPLACE INTO metric(id, name, domain, unit, polarity) VALUES (?, ?, ?, ?, ?)",
                [(m.id, m.name, m.domain, m.unit, m.polarity) for m in BY_ID.values()])

    def close(self) -> None:
        """Close the connection; a rollback that could not finish (a full or vanished disk) leaves a
        hot journal, which is rolled back here by opening the pack once more, before anyone else does."""
        self.db.close()
        remove_hot_journal(self.path)

    def __enter__(self) -> Pack:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Told when a write has to wait for another writer (the command line prints it).
    on_wait: Callable[[str], None] | None = None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All writes inside commit together or not at all. Nested use joins the outer one.

        The pack's own write lock is held from the start to the end, so two writers never mix;
        a second one waits :data:`WAIT_FOR_WRITER` seconds (saying so through :attr:`on_wait`),
        then is refused in one line. A failure of the disk or the file system (full, read-only,
        gone) is one line too, naming it.
        """
        if self.db.in_transaction:
            yield self.db
            return
        self._begin()
        try:
            yield self.db
            self.db.execute("COMMIT")
        except BaseException as exc:
            if self.db.in_transaction:  # SQLite has already rolled back after some errors (a full disk)
                try:
                    self.db.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            if isinstance(exc, sqlite3.Error):
                raise PackError(f"{self.path}: {described(exc)}; nothing was changed") from None
            if isinstance(exc, UnicodeEncodeError):   # a lone surrogate: non-UTF-8 bytes in an argument
                raise PackError(f"{self.path}: a text to be saved holds characters that are not valid Unicode "
                                "(bytes that are not UTF-8, typed or given in another encoding); nothing was changed") \
                    from None
            raise
        self.committed()

    def _begin(self) -> None:
        """Take the pack's write lock at once, or say that another writer has it and wait for it;
        the connection's own wait for a lock (which its reads use) is as it was afterwards."""
        try:
            (timeout,) = self.db.execute("PRAGMA busy_timeout").fetchone()
            try:
                self.db.execute("PRAGMA busy_timeout = 0")
                try:
                    self.db.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as exc:
                    if not busy(exc):
                        raise
                if Pack.on_wait is not None:
                    Pack.on_wait(f"{self.path}: another memberpack is writing to this pack; waiting up to "
                                 f"{WAIT_FOR_WRITER:g} s for it to finish")
                self.db.execute(f"PRAGMA busy_timeout = {int(WAIT_FOR_WRITER * 1000)}")
                self.db.execute("BEGIN IMMEDIATE")
            finally:   # (a read after a first write had waited for no one: 'database is locked')
                self.db.execute(f"PRAGMA busy_timeout = {timeout}")
        except sqlite3.Error as exc:
            raise PackError(f"{self.path}: {described(exc)}; nothing was changed") from None

    @contextmanager
    def undone_on_failure(self) -> Iterator[None]:
        """Inside a transaction: what is written here is undone if it fails (a savepoint), the rest of
        the transaction kept (a file read again after its reader failed stores its tables once)."""
        self.db.execute("SAVEPOINT undone_on_failure")
        try:
            yield
        except BaseException:
            if self.db.in_transaction:   # (SQLite ends the whole transaction on some errors: a full disk)
                self.db.execute("ROLLBACK TO undone_on_failure")
                self.db.execute("RELEASE undone_on_failure")
            raise
        self.db.execute("RELEASE undone_on_failure")

    @contextmanager
    def bulk_insert(self) -> Iterator[None]:
        """Inside a transaction, about to add many observations: while the pack is small, its
        observation indexes are dropped and built again at the end, which is quicker than keeping
        them up to date row by row. A rollback brings them back with everything else."""
        if not self.db.in_transaction:
            raise PackError("bulk_insert needs a transaction")
        (count,) = self.db.execute("SELECT COUNT(*) FROM (SELECT 1 FROM observation LIMIT ?)",
                                   (_REBUILD_BELOW,)).fetchone()
        indexes = [] if count >= _REBUILD_BELOW else self.db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'observation' "
            "AND sql IS NOT NULL").fetchall()
        for name, _ in indexes:
            self.db.execute(f'DROP INDEX "{name}"')
        yield
        for _, sql in indexes:
            self.db.execute(sql)

    # --- metadata ------------------------------------------------------------------
    def meta(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT key, value FROM meta"))

    def set_meta(self, **values: str) -> None:
        """Set the pack's details; one longer than :data:`MAX_DETAIL` characters is refused, nothing set."""
        for key, value in values.items():
            if len(str(value)) > MAX_DETAIL:
                raise PackError(f"{self.path}: the {key.replace('_', ' ')} is {len(str(value)):,} characters long; "
                                f"a pack's details hold at most {MAX_DETAIL:,} characters each")
        with self.transaction():
            self.db.executemany("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
                                [(k, str(v)) for k, v in values.items()])

    # --- datasets and observations -----------------------------------------------------
    def add_dataset(self, dataset: Dataset,
                    parts: Iterable[Observation | list[Observation] | FigureBlock | Encoded]) -> int:
        """Store a table as a new version of its key (numbered in import order; :meth:`versions`
        orders them by the period they report); returns the new dataset id.

        ``parts`` are its figures as they are read: observations, lists of them (a row), and
        blocks of rows kept column-wise, which are stored as they are (already encoded, when the
        reader's process encoded them: :class:`~memberpack.store.encoded_block.Encoded`).
        """
        with self.transaction():
            dataset.key = dataset.key or dataset.name
            _cut_texts(dataset)
            (latest,) = self.db.execute("SELECT COALESCE(MAX(version), 0) FROM dataset WHERE key = ?",
                                        (dataset.key,)).fetchone()
            dataset.version = latest + 1
            cur = self.db.execute(
                f"INSERT INTO dataset({', '.join(_DS_COLUMNS)}) VALUES ({', '.join('?' * len(_DS_COLUMNS))})",
                (dataset.key, dataset.version, dataset.name, dataset.source_file, dataset.sha256, dataset.sheet,
                 dataset.cell_range, dataset.kind, dataset.domain, dataset.period, stored_json(dataset.layout),
                 stored_json(dataset.report), dataset.imported_at))
            dataset.id = cur.lastrowid
            for is_block, run in itertools.groupby(_storable(parts), key=lambda part: type(part) is Encoded):
                if is_block:
                    self.db.executemany(
                        "INSERT INTO observation_block(dataset_id, first_row, row_count, cell_count, head, figures) "
                        "VALUES (?, ?, ?, ?, ?, ?)", (_block_row(dataset.id, b) for b in run))
                else:
                    observations = (o for part in run for o in (part if isinstance(part, list) else (part,)))
                    self.db.executemany(_INSERT_OBSERVATION, _observation_rows(dataset.id, observations))
        return dataset.id

    def update_dataset(self, dataset: Dataset) -> None:
        """Record what was learnt while a streamed table was stored: its extent, kind, domain and report."""
        _cut_texts(dataset)
        with self.transaction():
            self.db.execute("UPDATE dataset SET cell_range = ?, kind = ?, domain = ?, period = ?, layout_json = ?, "
                            "report_json = ? WHERE id = ?",
                            (dataset.cell_range, dataset.kind, dataset.domain, dataset.period,
                             stored_json(dataset.layout), stored_json(dataset.report), dataset.id))

    def has_table_key(self, key: str) -> bool:
        """Whether a table in the pack has this key (each version of a table shares its key)."""
        return self.db.execute("SELECT 1 FROM dataset WHERE key = ? LIMIT 1", (key,)).fetchone() is not None

    def table_keys_after(self, key: str) -> set[str]:
        """The keys of the pack's tables that are ``key``, a space and more: those between ``key + " "``
        and ``key + "!"``, the next character, looked up in the index of keys (the import asks for every
        table it stores; going through every key each time made 5,000 small tables take 20 s more)."""
        return {k for (k,) in self.db.execute("SELECT DISTINCT key FROM dataset WHERE key >= ? AND key < ?",
                                              (f"{key} ", f"{key}!"))}

    def datasets(self, *, all_versions: bool = False) -> list[Dataset]:
        """The latest version of each table (by the period it reports, see :meth:`versions`), tables
        in the order they first came into the pack; with ``all_versions``, every version of each
        table, earliest period first."""
        chosen = [ids if all_versions else ids[-1:] for ids in self._versions_by_key().values()]
        return self._datasets([i for ids in chosen for i in ids])

    def versions(self, key: str) -> list[Dataset]:
        """The versions of one table from the earliest period reported to the latest: the order
        every "latest" and "previous" in the app, the PDF and the notes comes from."""
        return self._datasets(self._versions_by_key(key).get(key, []))

    def dataset(self, dataset_id: int) -> Dataset:
        row = self.db.execute(f"SELECT id, {', '.join(_DS_COLUMNS)} FROM dataset WHERE id = ?",
                              (dataset_id,)).fetchone()
        if row is None:
            raise PackError(f"{self.path}: no dataset {dataset_id}")
        return _dataset(row)

    def previous_version(self, dataset: Dataset) -> Dataset | None:
        """The version of the same table that reports the period before ``dataset``'s, if any."""
        ids = self._versions_by_key(dataset.key).get(dataset.key, [])
        position = ids.index(dataset.id) if dataset.id in ids else 0
        return self.dataset(ids[position - 1]) if position > 0 else None

    def imported_copy(self, sha256: str) -> Dataset | None:
        """The last table imported from a file with this SHA-256 (the same file), if any."""
        row = self.db.execute(f"SELECT id, {', '.join(_DS_COLUMNS)} FROM dataset WHERE sha256 = ? "
                              "ORDER BY id DESC LIMIT 1", (sha256,)).fetchone()
        return _dataset(row) if row else None

    def _versions_by_key(self, key: str | None = None) -> dict[str, list[int]]:
        """Dataset ids of each table key in :func:`reported_order`, keys in order of first import."""
        where, args = ("WHERE key = ?", (key,)) if key is not None else ("", ())
        by_key: dict[str, list[tuple[int, str | None]]] = {}
        for dataset_id, ds_key, period in self.db.execute(
                f"SELECT id, key, period FROM dataset {where} ORDER BY id", args):
            by_key.setdefault(ds_key, []).append((dataset_id, period))
        return {k: [found[i][0] for i in reported_order([p for _, p in found])] for k, found in by_key.items()}

    def _datasets(self, ids: list[int]) -> list[Dataset]:
        """Datasets by id, in the order of ``ids``."""
        found: dict[int, Dataset] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            rows = self.db.execute(f"SELECT id, {', '.join(_DS_COLUMNS)} FROM dataset "
                                   f"WHERE id IN ({', '.join('?' * len(chunk))})", chunk)
            found.update((row[0], _dataset(row)) for row in rows)
        return [found[i] for i in ids]

    def observations(self, dataset_id: int, *, areas: Collection[str] | None = None) -> list[Observation]:
        """A dataset's figures in row then column order; with ``areas``, only those areas' figures."""
        return list(self.iter_observations(dataset_id, areas=areas))

    def iter_observations(self, dataset_id: int, *, areas: Collection[str] | None = None,
                          first: int | None = None) -> Iterator[Observation]:
        """:meth:`observations` one at a time, for a table too big to hold as objects (an export);
        with ``first``, only the first that many (only what holds them is read)."""
        where, args = "dataset_id = ?", [dataset_id]
        if areas is not None:
            areas = set(areas)
            where += f" AND area IN ({', '.join('?' * len(areas))})"
            args += list(areas)
        limit = "" if first is None else f" LIMIT {int(first)}"
        # fetched at once: a cursor left open holds the pack's read lock, and a reader that holds it while
        # it works through a big table keeps every other window's writes waiting
        rows = self._figure_rows(f"SELECT id, {', '.join(_OBS_COLUMNS)} FROM observation WHERE {where} "
                                 f"ORDER BY row, col{limit}", args)
        found = _in_order((_observation(row, self.path) for row in rows), self._blocks(dataset_id, first if areas is None else None), areas)
        return found if first is None else itertools.islice(found, first)

    def stored_alone(self, dataset_id: int) -> list[Observation]:
        """A dataset's figures stored one by one rather than in blocks (a long table's sub totals and
        totals, rows read cell by cell), in row then column order."""
        rows = self._figure_rows(f"SELECT id, {', '.join(_OBS_COLUMNS)} FROM observation WHERE dataset_id = ? "
                                 "ORDER BY row, col", (dataset_id,))
        return [_observation(row, self.path) for row in rows]

    def _figure_rows(self, query: str, args: Collection) -> list[tuple]:
        """The rows of figures ``query`` selects; a text longer than an import writes (a label of
        megabytes, in a table too long to have been checked on opening) is refused before it is loaded."""
        before = self.db.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 4 * MAX_TEXT)   # (UTF-8: 4 bytes a character)
        try:
            return self.db.execute(query, args).fetchall()
        except sqlite3.DataError:
            raise PackError(f"{self.path}: a figure's text is longer than the {MAX_TEXT:,} characters memberpack "
                            "writes; the pack is damaged or was edited by hand; refused") from None
        finally:
            self.db.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, before)

    def figure_count(self, dataset_id: int) -> int:
        (single,) = self.db.execute("SELECT COUNT(*) FROM observation WHERE dataset_id = ?", (dataset_id,)).fetchone()
        (blocked,) = self.db.execute("SELECT COALESCE(SUM(cell_count), 0) FROM observation_block WHERE dataset_id = ?",
                                     (dataset_id,)).fetchone()
        return single + blocked

    def areas(self, dataset_id: int | None = None) -> list[tuple[str, str]]:
        """The distinct (label, area key) pairs of open-statistics figures, of one dataset or all."""
        where, args = ("AND dataset_id = ?", (dataset_id,)) if dataset_id is not None else ("", ())
        found = dict.fromkeys(self.db.execute(
            f"SELECT DISTINCT label, area FROM observation WHERE area IS NOT NULL {where}", args))
        ids = [dataset_id] if dataset_id is not None else [
            i for (i,) in self.db.execute("SELECT DISTINCT dataset_id FROM observation_block")]
        for i in ids:
            for block in self._blocks(i):
                if block.areas is not None:
                    pairs = zip(block.labels.codes.tolist(), block.areas.codes.tolist())
                    found.update(((block.labels.values[a], block.areas.values[b]), None)
                                 for a, b in dict.fromkeys(pairs) if block.areas.values[b] is not None)
        return list(found)

    def block_rows(self, dataset_id: int) -> tuple[int, int]:
        """How many rows and figures of a dataset are stored in blocks (without reading them)."""
        (rows, cells) = self.db.execute("SELECT COALESCE(SUM(row_count), 0), COALESCE(SUM(cell_count), 0) "
                                        "FROM observation_block WHERE dataset_id = ?", (dataset_id,)).fetchone()
        return rows, cells

    def blocks(self, dataset_id: int) -> list[FigureBlock]:
        """A dataset's runs of rows stored column-wise, for a view that reads them as arrays (a table
        of 100,000 rows) rather than as an Observation per figure."""
        return list(self._blocks(dataset_id))

    def _blocks(self, dataset_id: int, cells: int | None = None) -> Iterator[FigureBlock]:
        """The dataset's blocks in row order; with ``cells``, only the first ones holding that many figures."""
        limit = ""
        if cells is not None:
            counts = [n for (n,) in self.db.execute("SELECT cell_count FROM observation_block WHERE dataset_id = ? "
                                                    "ORDER BY first_row", (dataset_id,))]
            needed = next((i + 1 for i, total in enumerate(itertools.accumulate(counts)) if total >= cells), len(counts))
            limit = f" LIMIT {needed}"
        rows = self._block_heads(dataset_id, limit)
        figures = dict(self.db.execute("SELECT id, figures FROM observation_block WHERE dataset_id = ? "
                                       f"ORDER BY first_row{limit}", (dataset_id,)).fetchall())
        for block_id, head in rows:   # (decoded without holding the read lock)
            from memberpack.store import block_codec  # noqa: PLC0415 - numpy on demand

            if block_id not in figures:   # (its table was removed meanwhile)
                continue
            try:
                yield block_codec.decode(head, figures.pop(block_id))
            except PackError as exc:
                raise PackError(f"{self.path}: {exc}; the pack is damaged") from None

    def _block_heads(self, dataset_id: int, limit: str) -> list[tuple[int, str]]:
        """The (id, head) of the dataset's blocks in row order; a head longer than :data:`MAX_HEAD` is
        refused by SQLite before it is loaded (a crafted pack's 40 MB head was read and parsed whole)."""
        before = self.db.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_HEAD)
        try:
            return self.db.execute("SELECT id, head FROM observation_block WHERE dataset_id = ? "
                                   f"ORDER BY first_row{limit}", (dataset_id,)).fetchall()
        except sqlite3.DataError:
            raise PackError(f"{self.path}: a stored block of figures has a head longer than the {MAX_HEAD:,} "
                            "characters memberpack writes; the pack is damaged") from None
        finally:
            self.db.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, before)

    # --- layouts remembered between monthly returns ------------------------------------------
    def remember_layout(self, shape_key: str, layout: dict, saved_at: str) -> None:
        with self.transaction():
            self.db.execute("INSERT OR REPLACE INTO layout_memory(shape_key, layout_json, saved_at) VALUES (?, ?, ?)",
                            (shape_key, stored_json(layout), saved_at))

    def remembered_layouts(self) -> dict[str, dict]:
        """Every remembered layout by shape key (for a reader in another process)."""
        return {key: json.loads(layout) for key, layout in self.db.execute(
            "SELECT shape_key, layout_json FROM layout_memory")}

    def recalled_layout(self, shape_key: str) -> dict | None:
        row = self.db.execute("SELECT layout_json FROM layout_memory WHERE shape_key = ?", (shape_key,)).fetchone()
        return json.loads(row[0]) if row else None


def _cut_texts(dataset: Dataset) -> None:
    """The table's name and other texts cut to what a pack holds (:data:`MAX_TEXT`): a CSV's title or
    an .ods sheet's name may be a million characters."""
    for name in ("key", "name", "source_file", "sheet", "kind", "domain", "period"):
        value = getattr(dataset, name)
        if isinstance(value, str) and len(value) > MAX_TEXT:
            setattr(dataset, name, cut_text(value))


def remove_stale_scratch(path: Path) -> list[Path]:
    """Remove the hidden ``.NAME.PID.*.creating`` files (and their journals) that a creator of
    ``path`` killed outright (``kill -9``, a power cut) left beside it; those of a live process are
    kept. Returns what was removed."""
    return remove_stale(path, (".creating", ".creating-journal"))


def _file_identity(path: Path) -> tuple[int, int, int] | None:
    """The file at ``path`` as written: a new copy put in its place (a write is a rename) differs."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


def _flush(path: Path) -> None:
    """Make sure a file written without SQLite's own flushes is on disk."""
    fd = os.open(path, os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _put_in_place(scratch: Path, path: Path) -> None:
    """Give the finished pack its name, unless that name was taken meanwhile (a link never replaces)."""
    try:
        os.link(scratch, path)
    except FileExistsError:
        raise PackError(f"{path}: another memberpack created this pack while this one was working; nothing "
                        "was written by this one (run it again to add to that pack)") from None
    except OSError:  # a file system without hard links: claim the name, then move the pack onto it
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            raise PackError(f"{path}: another memberpack created this pack while this one was working; "
                            "nothing was written by this one (run it again to add to that pack)") from None
        except OSError as exc:
            raise PackError(f"{path}: cannot create the pack ({exc.strerror or exc})") from None
        os.replace(scratch, path)


def _storable(parts: Iterable[Observation | list[Observation] | FigureBlock | Encoded]
              ) -> Iterator[Observation | list[Observation] | Encoded]:
    """``parts`` as the pack stores them: each block encoded (numpy is loaded only for one the reader's
    process did not encode), or, when its head would be longer than a pack reads (:data:`MAX_HEAD`:
    hundreds of distinct labels of thousands of characters), its figures one by one."""
    for part in parts:
        if isinstance(part, (list, Observation)):
            yield part
        elif len(part):
            if type(part) is not Encoded:
                from memberpack.store import block_codec  # noqa: PLC0415

                part = block_codec.encoded(part)
            yield part if len(part.head) <= MAX_HEAD else list(part.observations())


def _block_row(dataset_id: int, block: Encoded) -> tuple:
    """A block's row of ``observation_block``."""
    return dataset_id, block.first_row, block.row_count, block.cell_count, block.head, block.blob


def _observation_rows(dataset_id: int, observations: Iterable[Observation]) -> Iterator[tuple]:
    """Rows for :data:`_INSERT_OBSERVATION`, in ``_OBS_COLUMNS`` order, with None bound as its stand-in."""
    for o in observations:
        yield (dataset_id, o.row, o.col, o.label, 0 if o.section is None else o.section, o.measure,
               o.metric_id if o.metric_id in BY_ID else "other", 0 if o.period is None else o.period,
               "" if o.value is None else o.value, 0 if o.unit is None else o.unit, o.display,
               0 if o.status is None else o.status, o.row_role, o.sheet, o.cell, 0 if o.area is None else o.area)


def _in_order(single: Iterator[Observation], blocks: Iterator[FigureBlock],
              areas: set[str] | None) -> Iterator[Observation]:
    """Observations stored one by one and blocks (each a run of whole rows, in row order), merged
    into row then column order a block at a time: only a figure stored alone inside a block's
    rows, which an import never makes, would need merging figure by figure."""
    pending = next(single, None)
    for block in blocks:
        first, last = int(block.rows[0]), int(block.rows[-1])
        while pending is not None and pending.row < first:
            yield pending
            pending = next(single, None)
        if pending is not None and pending.row <= last:
            single = heapq.merge(_in_areas(block, areas), itertools.chain([pending], single),
                                 key=attrgetter("row", "col"))
            pending = next(single, None)
            continue
        yield from _in_areas(block, areas)
    while pending is not None:
        yield pending
        pending = next(single, None)


def _in_areas(block: FigureBlock, areas: set[str] | None) -> Iterator[Observation]:
    if areas is None:
        return block.observations()
    if block.areas is None:
        return iter(())
    wanted = [value in areas for value in block.areas.values]
    return block.observations([wanted[c] for c in block.areas.codes.tolist()])


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def _dataset(row: tuple) -> Dataset:
    values = dict(zip(("id", *_DS_COLUMNS), row))
    layout, report = json.loads(values.pop("layout_json")), json.loads(values.pop("report_json"))
    return Dataset(layout=layout, report=report, **values)


def _observation(row: tuple, path: Path) -> Observation:
    """A stored figure; one whose value is not a finite number (text or an infinity put there by hand
    in a pack too large to check on opening) is refused."""
    obs = Observation(**dict(zip(("id", *_OBS_COLUMNS), row)))
    if obs.value is not None and (type(obs.value) not in (float, int) or not math.isfinite(obs.value)):
        raise PackError(f"{path}: the pack holds a value memberpack never writes in observation.value; "
                        "it is damaged or was edited by hand; refused")
    return obs
