"""Importing files into a pack: every table of every file, written in one transaction.

Every file is looked at before any is read, and checked in full for hostile content by its
reader, in the reader's child process, before it is parsed; tables are then streamed into the pack inside one transaction, so an error, a cancel or Ctrl+C leaves the pack exactly as
it was. :func:`read_file` reads without a pack, for the import wizard's preview.

Special formats (such as DfE open-statistics tidy CSVs) plug in through :data:`RECOGNISERS`: each
takes ``(path, sheet, progress=, cancel=)`` and returns the file's tables, or None when the file is
not its kind. They are tried in order before the generic table finder.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from memberpack.paths import utf8_name
from memberpack.errors import Cancelled, ImportFailed, ReadAgain, UnsureTable
from memberpack.importers.found_table import FoundTable, Part, Recall
from memberpack.importers.isolation import ReaderFailed, Send, run_isolated
from memberpack.importers.table_layout import LEGEND, Corrections, TableLayout, as_heading, strip_periods
from memberpack.importers.report import LAYOUT_DOUBT, UNIT_DOUBT, UNSURE, FileReport
from memberpack.importers.safety import check_file, not_a_file
from memberpack.importers.sign_sample import SignSample
from memberpack.model.annotations import now_iso, parse_time
from memberpack.model.conventions import SAMPLE_FIGURES
from memberpack.model.conventions import infer as infer_convention
from memberpack.model.grid import Grid
from memberpack.model.metrics import BY_ID, OTHER
from memberpack.model.observation import BUDGET_MONITOR, KPI_SCORECARD, Dataset, Observation
from memberpack.store.encoded_block import Encoded

if TYPE_CHECKING:   # the reader's process, which loads this module, opens no pack
    from memberpack.store.pack import Pack

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]
Recogniser = Callable[..., Iterable[FoundTable] | None]


def _open_statistics(path: Path, sheet: str | None, **options: Any) -> Iterable[FoundTable] | None:
    from memberpack.importers.open_statistics import recognise_open_statistics  # noqa: PLC0415 - the reader's side

    return recognise_open_statistics(path, sheet, **options)


RECOGNISERS: list[Recogniser] = [_open_statistics]
# Files are read in a child process (importers.isolation); tests that patch a reader read in this one.
READ_IN_CHILD = True
_ROWS_A_MESSAGE = 200   # a message per row costs more than the row itself (pickling, the pipe, the queue)


@dataclass(slots=True)
class FileResult:
    """The tables read from one file, with the report of how they were read."""

    path: Path
    sha256: str
    tables: list[FoundTable]
    report: FileReport

    @property
    def layouts(self) -> list[TableLayout]:
        return [t.layout for t in self.tables]


@contextmanager
def _bulk_allocation() -> Iterator[None]:
    """Collect reference cycles less often while figures are read: they are millions of small
    objects with no cycles, and the default thresholds spend a third of the import on them."""
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], 100_000), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _check_cancel(cancel: Cancel | None) -> None:
    if cancel is not None and cancel():
        raise Cancelled()


def _checked(path: str | Path) -> Path:
    """The file, when it is one memberpack may read, by a quick look (every file of an import is
    looked at before any is read): the reader checks it in full (:func:`read_sheets`), in its child
    process, before it parses it; inflating a workbook's parts here too cost as much again."""
    path = Path(path)
    if not path.is_file():
        raise not_a_file(path)
    check_file(path, inflate=False)
    return path


def _named_for_a_pack(path: Path) -> Path:
    """``path``, if its name is text a pack can keep with its tables (the file a figure came from)."""
    if not utf8_name(path):
        raise ImportFailed(f"{path.name}: the file's name is not UTF-8 text (it was named on another system), so the "
                           "pack cannot say where its figures came from; rename the file and import it again")
    return path


def _identity(path: Path) -> tuple[int, int, int, int]:
    st = path.stat()
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


def _unchanged(path: Path, identity: tuple[int, int, int, int]) -> None:
    """Refuse a file saved again (or moved) while it was read: its figures could be of one version
    and its SHA-256, by which the pack knows a file it holds, of the other."""
    try:
        same = _identity(path) == identity
    except OSError:
        same = False
    if not same:
        raise ImportFailed(f"{path.name}: the file changed while it was being read (saved again meanwhile?); nothing "
                           "was imported from it: import it again")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def iter_tables(path: Path, *, sheet: str | None = None, kind: str | None = None,
                overrides: Sequence[TableLayout] = (), recall: Recall | None = None,
                progress: Progress | None = None, cancel: Cancel | None = None,
                notes: list[str] | None = None, corrections: Corrections = Corrections(),
                careful: bool = False) -> Iterator[FoundTable]:
    """The tables of one file, each with lazy observations (use them up before the next).

    What the readers noticed about the file (encoding, delimiter, formats not read) goes to ``notes``;
    ``careful``: a second reading after the reader failed (:func:`~.reader.read_sheets`).
    """
    if sheet is not None and path.suffix.lower() == ".csv" and sheet != path.stem:
        raise ImportFailed(f"{path.name}: a CSV file has no sheets, so --sheet {sheet!r} does not apply "
                           "(import it without --sheet)")
    from memberpack.importers.reader import read_sheets  # noqa: PLC0415 - the readers load where files are read
    from memberpack.importers.tables import find_tables  # noqa: PLC0415

    for recognise in RECOGNISERS:
        tables = recognise(path, sheet, progress=progress, cancel=cancel)
        if tables is not None:
            yield from map(_cut_long_texts, tables)
            return
    for one_sheet in read_sheets(path, sheet, careful=careful):
        _check_cancel(cancel)
        if notes is not None:
            notes += [n for n in one_sheet.notes if n not in notes]
        yield from map(_cut_long_texts, find_tables(one_sheet, file_stem=path.stem, kind=kind, overrides=overrides,
                                                    recall=recall, corrections=corrections, progress=progress,
                                                    cancel=cancel))
        if notes is not None:   # and what the reader found on the way (characters it had to mend)
            notes += [n for n in one_sheet.notes if n not in notes]


def _cut_long_texts(found: FoundTable) -> FoundTable:
    """The table with its texts over a pack's limit cut as its parts are read (:mod:`.long_texts`)."""
    from memberpack.importers.long_texts import cut_long_texts  # noqa: PLC0415 - the reader's side

    found.parts = list(cut_long_texts(found.parts)) if isinstance(found.parts, list) else cut_long_texts(found.parts)
    return found


def _read_in_child(send: Send, path: Path, sheet: str | None, kind: str | None,
                   overrides: Sequence[TableLayout], remembered: dict[str, dict],
                   corrections: Corrections = Corrections(), encoded: bool = False, careful: bool = False) -> None:
    """In the reader's child process: :func:`iter_tables`, sent as messages a part at a time; with
    ``encoded``, blocks of figures go as the pack stores them (:func:`~memberpack.store.block_codec.encoded`)."""
    from memberpack.store import block_codec  # noqa: PLC0415 - numpy is loaded here already

    notes: list[str] = []
    told = 0

    def tell_notes() -> None:
        nonlocal told
        if len(notes) > told:
            send(("notes", notes[told:]))
            told = len(notes)

    tables = iter_tables(path, sheet=sheet, kind=kind, overrides=overrides, recall=remembered.get,
                         progress=lambda done, total, message: send(("progress", done, total, message)), notes=notes,
                         corrections=corrections, careful=careful)
    with _bulk_allocation():   # as where a file is read in one process: the default collections cost a tenth
        for found in tables:
            tell_notes()
            send(("table", found.layout, found.report, found.shape))
            rows: list[list[Observation]] = []   # rows read cell by cell go several to a message
            for part in found.parts:
                if type(part) is list and len(rows) < _ROWS_A_MESSAGE:
                    rows.append(part)
                    continue
                if rows:
                    send(("rows", rows))
                    rows = []
                if type(part) is list:
                    rows.append(part)
                else:
                    send(("part", block_codec.encoded(part) if encoded else part))
            if rows:
                send(("rows", rows))
            send(("end", found.layout, found.report, found.metric_counts))
    tell_notes()


def read_tables(path: Path, *, sheet: str | None = None, kind: str | None = None,
                overrides: Sequence[TableLayout] = (), remembered: dict[str, dict] | None = None,
                progress: Progress | None = None, cancel: Cancel | None = None,
                notes: list[str] | None = None, corrections: Corrections = Corrections(),
                encoded: bool = False, careful: bool = False) -> Iterator[FoundTable]:
    """:func:`iter_tables` with the file read in a limited child process (:mod:`.isolation`): a
    reader that crashes, hangs or balloons fails this file in one line, and nothing else.

    The child does all the reading (calamine or Arrow, then finding and parsing the tables), not
    just calamine's part: what crosses the pipe is then a table's figures as column arrays (a
    100,000-row sheet: 323 messages, 19 MB), not two million cells as Python objects. With
    ``encoded`` (a table on its way into a pack), blocks of figures come already encoded as the pack
    stores them (:class:`~memberpack.store.encoded_block.Encoded`): the storing side only inserts them
    (50,000 rows of 19 figures: 25 ms less there, 8 ms more in the reader, 40% fewer bytes).
    ``careful``: a second reading after the reader failed (:func:`read_again`)."""
    if not READ_IN_CHILD:
        yield from iter_tables(path, sheet=sheet, kind=kind, overrides=overrides,
                               recall=(remembered or {}).get, progress=progress, cancel=cancel, notes=notes,
                               corrections=corrections, careful=careful)
        return
    messages = run_isolated(_read_in_child, path, sheet, kind, list(overrides), remembered or {}, corrections,
                            encoded, careful, name=path.name, cancel=cancel,
                            meanwhile=None if encoded else _load_blocks)
    try:
        for message in messages:
            if message[0] == "table":
                _, layout, report, shape = message
                found = FoundTable(layout, report, shape)
                found.parts = _parts(messages, found, progress, notes)
                yield found
                for _ in found.parts:
                    pass
            else:
                _aside(message, progress, notes)
    finally:
        messages.close()   # the reader stops with this generator, even where a table still holds its parts


def read_again(path: Path, exc: ImportFailed) -> bool:
    """Whether a file the reader failed on with ``exc`` is read again, carefully (nothing it sent kept):
    a failure a careful reading gets round (:class:`ReadAgain`), or a crash on an .xlsx, whose sheet may
    declare a size it does not have or be too large to be sized before it is parsed (:mod:`.far_cells`).
    The first reading costs nothing more for it."""
    return isinstance(exc, ReadAgain) or isinstance(exc, ReaderFailed) and exc.crashed \
        and path.suffix.lower() in (".xlsx", ".xlsm")


def _load_blocks() -> None:
    """Load what blocks of figures need here (numpy) while the reader reads, not when the first arrives."""
    import memberpack.store.block_codec  # noqa: F401, PLC0415


def _parts(messages: Iterator[Any], found: FoundTable, progress: Progress | None,
           notes: list[str] | None) -> Iterator[Part]:
    """A table's parts as the child sends them; at its end, what the reading learnt (rows read,
    cells skipped, metrics matched) is copied into the table's layout and report, in place, since
    the caller may already hold them."""
    for message in messages:
        if message[0] == "part":
            yield message[1]
        elif message[0] == "rows":
            yield from message[1]
        elif message[0] == "end":
            _, layout, report, found.metric_counts = message
            _copy_into(found.layout, layout)
            _copy_into(found.report, report)
            return
        else:
            _aside(message, progress, notes)


def _aside(message: tuple, progress: Progress | None, notes: list[str] | None) -> None:
    if message[0] == "progress" and progress is not None:
        progress(*message[1:])
    elif message[0] == "notes" and notes is not None:
        notes += [n for n in message[1] if n not in notes]


def _copy_into(target: Any, source: Any) -> None:
    for f in fields(target):
        setattr(target, f.name, getattr(source, f.name))


def read_file(path: str | Path, *, sheet: str | None = None, kind: str | None = None,
              overrides: Sequence[TableLayout] = (), limit: int | None = None, cancel: Cancel | None = None,
              progress: Progress | None = None, corrections: Corrections = Corrections(),
              remembered: dict[str, dict] | None = None) -> FileResult:
    """Read every table of one file without touching any pack (the wizard's preview, which
    :func:`import_read` then stores without reading the file again).

    ``overrides`` are layouts the officer corrected (header rows, label column, unit, kind,
    first and last row); each replaces the detected layout of the table it covers;
    ``remembered`` the pack's layouts from last time (:meth:`Pack.remembered_layouts`), as an
    import uses them. Each table keeps its figures as read (blocks of rows column-wise), or with
    ``limit`` at most that many figures, so a huge sheet previews in bounded memory; the report
    still counts every row.
    """
    path = _checked(path)
    identity = _identity(path)
    sha256 = _sha256(path)
    try:
        result = _read_file(path, sha256, sheet=sheet, kind=kind, overrides=overrides, limit=limit, cancel=cancel,
                            progress=progress, corrections=corrections, remembered=remembered)
    except ImportFailed as exc:
        if not read_again(path, exc):
            raise
        result = _read_file(path, sha256, sheet=sheet, kind=kind, overrides=overrides, limit=limit, cancel=cancel,
                            progress=progress, corrections=corrections, remembered=remembered, careful=True)
    _unchanged(path, identity)
    return result


def _read_file(path: Path, sha256: str, *, sheet, kind, overrides, limit, cancel, progress, corrections, remembered,
               careful: bool = False) -> FileResult:
    report = FileReport(file=path.name, sha256=sha256)
    tables = []
    with _bulk_allocation():
        for found in read_tables(path, sheet=sheet, kind=kind, overrides=overrides, remembered=remembered,
                                 progress=progress, cancel=cancel, notes=report.warnings, corrections=corrections,
                                 careful=careful):
            if limit is None:
                kept = [part for part in found.parts if len(part)]
            else:
                kept = [list(itertools.islice(found.observations, limit))]
                for _ in found.parts:
                    pass
            found.parts = kept
            if any(len(part) for part in kept):
                tables.append(found)
                report.tables.append(found.report)
            else:
                _no_figures(found, report)
    if not tables:
        raise _no_table(path, "", report.warnings)
    report.settle_warnings()
    return FileResult(path, report.sha256, tables, report)


def _no_table(path: Path, why: str, notes: Sequence[str] = ()) -> ImportFailed:
    """The refusal of a file with no table (a CSV with decimal commas is refused as it is opened),
    saying why when its tables' figures are all formulas with no value (:func:`_no_figures`), and
    how wide a sheet is that runs to the last column the reader reads."""
    uncalculated = [n.removeprefix("warning: ") for n in notes if n.endswith(_UNCALCULATED)]
    if uncalculated:
        why = f": {uncalculated[0]}" + (f" (and {len(uncalculated) - 1} more such tables)" if len(uncalculated) > 1 else "")
    wide = next((n.removeprefix("warning: ") for n in notes if _ALL_COLUMNS.search(n)), None)
    return ImportFailed(f"{Path(path).name}: no table found in the file{why}" + (f"; {wide}" if wide else ""))


_ALL_COLUMNS = re.compile(r"fills the reader's limit of [\d,]+ columns")   # (reader._cut's warning)


_UNCALCULATED = "not read: open and save the workbook in Excel, then import it again"   # (table_reader's doubt)


def _no_figures(found: FoundTable, report: FileReport) -> None:
    """Warn of a table left out for having no figures when its formulas have no value (a workbook
    written by a program, not saved by Excel): not a table quietly missing from the pack."""
    for doubt in found.report.doubts:
        if doubt.endswith(_UNCALCULATED):
            report.warnings.append(f"warning: sheet {found.report.sheet!r}: a table with no figures read: {doubt}")


def dataset_key(found: FoundTable, file_stem: str) -> str:
    """A name for the table that stays the same from one month's return to the next:
    ``sheet/title`` without period words (``Budget Monitor/Budget Monitoring Report General Fund``);
    a sheet named by its period alone (``Q2``, ``P9``) or Excel's ``Sheet1`` by the file's name."""
    sheet = strip_periods(found.report.sheet)
    if not sheet or re.fullmatch(r"sheet\s*\d*", sheet, re.IGNORECASE):
        sheet = f"{strip_periods(file_stem.replace('_', ' '))} {sheet}".strip()
    return f"{sheet}/{strip_periods(found.title) or sheet}"


def _kept_key(pack: Pack, key: str) -> str:
    """The key last month's version of the table was stored under when its title took in the
    legend line above the table (``.../Revenue Budget Monitoring All figures £000s. Brackets
    denote ...``), so this month's stays a version of it; else ``key``."""
    if pack.has_table_key(key):
        return key
    earlier = [k for k in pack.table_keys_after(key) if LEGEND.match(k[len(key):])]
    return earlier[0] if len(earlier) == 1 else key


def _unique(key: str, keys: Counter) -> str:
    """Tables with the same title on one sheet (side by side) are told apart by their order."""
    keys[key] += 1
    return key if keys[key] == 1 else f"{key} ({keys[key]})"


def _untitled_name(sheet: str, path: Path, first_label: str, one_row: bool) -> str:
    """A table with no title is named after its sheet; a CSV's only "sheet" is its file name, so a
    CSV of one row is named after its label instead (``Agency staffing spend`` over its years): the
    first of many rows names one of them (``Authority 0``), not the table."""
    if sheet != path.stem or not first_label.strip() or not one_row:
        return sheet
    return as_heading(first_label)


def domain_of(metric_counts: Counter, scorecard: bool = False, figures: int = 0) -> str:
    """The domain most of a table's matched figures belong to; none (other data) for a scorecard
    where another domain's are a third as many or more and neither holds half its ``figures`` (a
    corporate scorecard of social care, SEND, waste, planning, sickness and council tax is no
    social care table)."""
    domains: Counter = Counter()
    for metric_id, count in metric_counts.items():
        domains[BY_ID[metric_id].domain] += count
    if not domains:
        return OTHER
    (domain, count), *others = domains.most_common(2)
    mixed = scorecard and others and 3 * others[0][1] >= count
    return OTHER if mixed and 2 * count < max(figures, domains.total()) else domain


def _leading(parts: Iterable[Part]) -> tuple[str | None, bool, Iterator[Part]]:
    """The row label of a table's first figure (None when it has none), whether the table has one row
    of figures only, and its parts again from the start."""
    parts = iter(parts)
    seen, label, rows = [], None, 0
    for part in parts:
        seen.append(part)
        if not len(part):
            continue
        if label is None:
            label = part[0].label if isinstance(part, list) else \
                part.first_label if isinstance(part, Encoded) else part.labels.values[part.labels.codes[0]]
        rows += 1 if isinstance(part, list) else len(part)
        if rows > 1:
            break
    return label, rows == 1, itertools.chain(seen, parts)


def already_imported(pack: Pack, sha256: str) -> str | None:
    """When a file with this SHA-256 is already in the pack: the local date and time it was last
    imported (``14/10/2024 at 10:30``, or the time as stored if it is not one); else None."""
    copy = pack.imported_copy(sha256)
    if copy is None:
        return None
    try:
        return parse_time(copy.imported_at).astimezone().strftime("%d/%m/%Y at %H:%M")
    except ValueError:
        return copy.imported_at or "an unknown date"


def _unsure(path: Path, found: FoundTable) -> UnsureTable:
    report = found.report
    name = f"{report.title or report.sheet} ({report.sheet}!{report.cell_range})"
    correct = _CORRECTIONS.get(report.doubt_about(report.doubts[0]), "")
    return UnsureTable(f"{path.name}: table {name} is unsure: {report.doubts[0]}; check it in the import wizard, "
                       f"or confirm it with --accept-unsure{correct}")


# what answers a doubt on the command line, by what it is about (a doubt about the figures: nothing but --accept-unsure)
_CORRECTIONS = {LAYOUT_DOUBT: ", or correct it with --header-rows, --label-column or --key-columns",
                UNIT_DOUBT: ", or give its unit with --unit"}


def _no_fractions(paths: Sequence[Path]) -> ImportFailed:
    """The refusal of ``--fractions`` where no table's percentages may be fractions: said in one line,
    not imported as though it had changed them."""
    names = " or ".join(p.name for p in paths)
    return ImportFailed(f"--fractions: no table in {names} has percentages that may be fractions (all between 0 and 1, "
                        "none shown with a %), so it would change nothing; nothing was imported: import "
                        f"{'it' if len(paths) == 1 else 'them'} without --fractions")


def _store_file(pack: Pack | None, path: Path, *, sheet, kind, layouts, progress, cancel, again,
                corrections: Corrections = Corrections(), accept_unsure: bool = False,
                known: Pack | None = None) -> FileReport:
    """Read one file's tables and, given a pack, store each (the caller holds the transaction).
    A file already in the pack (or in ``known``, the pack a dry run is for) is refused unless
    ``again``; a dry run says so in the report's warnings instead."""
    identity = _identity(path)
    hashing = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sha256")
    digest = hashing.submit(_sha256, path)   # beside the reading: hashlib lets other threads run
    hashing.shutdown(wait=False)
    remembered = pack.remembered_layouts() if pack is not None else None

    def stored(careful: bool) -> FileReport:
        report = FileReport(file=path.name, sha256="")
        tables = read_tables(path, sheet=sheet, kind=kind, overrides=layouts, remembered=remembered,
                             progress=progress, cancel=cancel, notes=report.warnings, corrections=corrections,
                             encoded=pack is not None, careful=careful)
        try:
            report = _store_tables(pack, path, tables, report, digest.result, cancel=cancel, again=again,
                                   accept_unsure=accept_unsure, known=known)
        finally:   # a file refused half-way (already in the pack) stops its reader now: left to the
            tables.close()   # interpreter's exit, it started a spare reader there and the command hung
        _unchanged(path, identity)   # (what it stored is undone)
        return report

    try:
        with pack.undone_on_failure() if pack is not None else nullcontext():
            return stored(careful=False)
    except ImportFailed as exc:   # what the first reading stored is undone before the second
        if not read_again(path, exc):
            raise
    return stored(careful=True)


def _store_tables(pack: Pack | None, path: Path, tables: Iterable[FoundTable], report: FileReport,
                  sha256: Callable[[], str], *, cancel: Cancel | None, again: bool, accept_unsure: bool,
                  known: Pack | None = None) -> FileReport:
    """Store one file's ``tables`` as they are read, each a dataset (given a pack), filling in ``report``;
    a dry run (no pack) says in the report when the file is in ``known``, the pack it is for."""
    keys: Counter = Counter()
    stored: dict[int, Dataset] = {}   # by id() of its table's report
    for found in tables:
        _check_cancel(cancel)
        first_label, one_row, parts = _leading(found.parts)
        if first_label is None:
            _no_figures(found, report)
            continue
        report.tables.append(found.report)
        if not report.sha256:
            report.sha256 = sha256()
            known = pack if pack is not None else known
            when = None if known is None else already_imported(known, report.sha256)
            if when and pack is None:
                report.warnings.append(f"warning: already in the pack, imported on {when} (the same file); "
                                       + ("--again imports it again" if again else
                                          "the import would stop here: --again imports it again"))
            elif when and not again:
                raise ImportFailed(f"{path.name}: already in the pack, imported on {when} "
                                   "(the same file; --again imports it again)")
        if pack is None:
            for _ in parts:
                pass
            continue
        dataset = Dataset(name=found.title or _untitled_name(found.report.sheet, path, first_label, one_row),
                          source_file=path.name, sha256=report.sha256,
                          sheet=found.report.sheet, cell_range="", kind=found.layout.kind,
                          key=_kept_key(pack, _unique(dataset_key(found, path.stem), keys)), imported_at=now_iso())
        # how a budget monitor signs money, worked out once (model.conventions) from the table's first
        # rows, as they are stored: its headers, flags and arrows show there
        sample = SignSample() if dataset.kind == BUDGET_MONITOR else None
        pack.add_dataset(dataset, parts if sample is None else sample.watch(parts))
        if found.report.verdict == UNSURE and not accept_unsure:
            raise _unsure(path, found)
        dataset.cell_range, dataset.domain, dataset.period = found.report.cell_range, domain_of(
            found.metric_counts, dataset.kind == KPI_SCORECARD, found.report.cells_read), found.layout.period
        dataset.layout, dataset.report = found.layout.to_dict(), found.report.to_dict()
        if sample is not None:
            convention = sample.convention
            if convention is None:   # its parts came out of row order: the pack's first figures
                convention = infer_convention(Grid.of(pack.iter_observations(dataset.id, first=SAMPLE_FIGURES)))
            dataset.layout["convention"] = convention.as_dict()
        pack.update_dataset(dataset)
        stored[id(found.report)] = dataset
        pack.remember_layout(found.shape, found.layout.remembered(), dataset.imported_at)
    if not report.tables:
        raise _no_table(path, " (nothing that has a header row and figures)", report.warnings)
    for table in report.settle_warnings():   # the file's warnings arrive once its last table is read
        if (dataset := stored.get(id(table))) is not None:
            dataset.report = table.to_dict()
            pack.update_dataset(dataset)
    return report


def import_read(pack: Pack, results: Sequence[FileResult], *, progress: Progress | None = None,
                cancel: Cancel | None = None, again: bool = False, accept_unsure: bool = False) -> list[FileReport]:
    """Store files :func:`read_file` has read (the wizard's preview, with the officer's corrections)
    in one transaction, as :func:`import_files` would, without reading them again. A file changed
    since it was read is refused, naming it: what is stored is what the officer saw."""
    reports = []
    with _bulk_allocation(), pack.transaction(), pack.bulk_insert():
        for i, result in enumerate(results):
            _check_cancel(cancel)
            if progress:
                progress(i, len(results), f"Storing {result.path.name}")
            if _sha256(_named_for_a_pack(_checked(result.path))) != result.sha256:
                raise ImportFailed(f"{result.path.name}: changed since it was read for the preview (go back and read it "
                                   "again)")
            report = FileReport(file=result.path.name, sha256="", warnings=list(result.report.warnings))
            reports.append(_store_tables(pack, result.path, result.tables, report, lambda r=result: r.sha256,
                                         cancel=cancel, again=again, accept_unsure=accept_unsure))
    if progress:
        progress(len(results), len(results), "Done")
    return reports


def import_files(pack: Pack | None, paths: Iterable[str | Path], *, sheet: str | None = None,
                 kind: str | None = None, dry_run: bool = False, progress: Progress | None = None,
                 cancel: Cancel | None = None, layouts: Sequence[TableLayout] = (),
                 again: bool = False, corrections: Corrections = Corrections(),
                 accept_unsure: bool = False) -> list[FileReport]:
    """Read all ``paths`` and store every table in one transaction (nothing on any error).

    ``layouts`` are corrected layouts from the wizard, as for :func:`read_file`; ``corrections``
    what the officer says of every table (``fractions`` where no table's percentages may be fractions
    fails the import: it would change nothing). A table read with a doubt (verdict *unsure*) stops the
    import with :class:`UnsureTable` unless ``accept_unsure``. With ``dry_run`` (or no pack) the
    files are read and reported but nothing is written (a dry run given a pack reports the files
    already in it). A file already in the pack (the same SHA-256) fails the import unless ``again``.
    """
    checked = [_checked(p) for p in paths]
    target = None if dry_run else pack
    if target is not None:
        for path in checked:
            _named_for_a_pack(path)
    reports = []

    def run() -> None:
        for i, path in enumerate(checked):
            _check_cancel(cancel)
            if progress:
                progress(i, len(checked), f"Reading {path.name}")
            reports.append(_store_file(target, path, sheet=sheet, kind=kind, layouts=layouts, progress=progress,
                                       cancel=cancel, again=again, corrections=corrections,
                                       accept_unsure=accept_unsure, known=pack))
        if corrections.fractions and not any(table.fractions_doubted for r in reports for table in r.tables):
            raise _no_fractions(checked)

    with _bulk_allocation():
        if target is None:
            run()
        else:
            with target.transaction(), target.bulk_insert():
                run()
    if progress:
        progress(len(checked), len(checked), "Done")
    return reports
