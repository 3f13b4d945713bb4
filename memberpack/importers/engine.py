"""Importing files into a pack: every table of every file, written in one transaction.

Files are checked for hostile content before anything is written; tables are then streamed
into the pack inside one transaction, so an error, a cancel or Ctrl+C leaves the pack exactly as
it was. :func:`read_file` reads without a pack, for the import wizard's preview.

Special formats (such as DfE open-statistics tidy CSVs) plug in through :data:`RECOGNISERS`: each
takes ``(path, sheet, progress=, cancel=)`` and returns the file's tables, or None when the file is
not its kind. They are tried in order before the generic table finder.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from memberpack.errors import Cancelled, ImportFailed
from memberpack.importers.layout import TableLayout, strip_periods
from memberpack.importers.open_statistics import recognise_open_statistics
from memberpack.importers.reader import read_sheets
from memberpack.importers.report import FileReport
from memberpack.importers.safety import check_file
from memberpack.importers.tables import FoundTable, Recall, find_tables
from memberpack.model.annotations import now_iso
from memberpack.model.metrics import BY_ID, OTHER
from memberpack.model.observation import Dataset, Observation
from memberpack.store.pack import Pack

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]
Recogniser = Callable[..., Iterable[FoundTable] | None]

RECOGNISERS: list[Recogniser] = [recognise_open_statistics]


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


def _check_cancel(cancel: Cancel | None) -> None:
    if cancel is not None and cancel():
        raise Cancelled()


def _checked(path: str | Path) -> Path:
    path = Path(path)
    if not path.is_file():
        raise ImportFailed(f"{path}: no such file")
    check_file(path)
    return path


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def iter_tables(path: Path, *, sheet: str | None = None, kind: str | None = None,
                overrides: Sequence[TableLayout] = (), recall: Recall | None = None,
                progress: Progress | None = None, cancel: Cancel | None = None,
                notes: list[str] | None = None) -> Iterator[FoundTable]:
    """The tables of one file, each with lazy observations (use them up before the next).

    What the readers noticed about the file (encoding, delimiter, formats not read) goes to ``notes``.
    """
    for recognise in RECOGNISERS:
        tables = recognise(path, sheet, progress=progress, cancel=cancel)
        if tables is not None:
            yield from tables
            return
    for one_sheet in read_sheets(path, sheet):
        _check_cancel(cancel)
        if notes is not None:
            notes += [n for n in one_sheet.notes if n not in notes]
        yield from find_tables(one_sheet, file_stem=path.stem, kind=kind, overrides=overrides, recall=recall,
                               progress=progress, cancel=cancel)


def read_file(path: str | Path, *, sheet: str | None = None, kind: str | None = None,
              overrides: Sequence[TableLayout] = (), cancel: Cancel | None = None,
              progress: Progress | None = None) -> FileResult:
    """Read every table of one file without touching any pack (the wizard's preview).

    ``overrides`` are layouts the officer corrected (header rows, label column, unit, kind,
    first and last row); each replaces the detected layout of the table it covers.
    """
    path = _checked(path)
    report = FileReport(file=path.name, sha256=_sha256(path))
    tables = []
    for found in iter_tables(path, sheet=sheet, kind=kind, overrides=overrides, progress=progress, cancel=cancel,
                             notes=report.warnings):
        found.observations = list(found.observations)
        if found.observations:
            tables.append(found)
            report.tables.append(found.report)
    if not tables:
        raise ImportFailed(f"{path.name}: no table found in the file")
    return FileResult(path, report.sha256, tables, report)


def dataset_key(found: FoundTable, file_stem: str, index: int) -> str:
    """A name for the table that stays the same from one month's return to the next."""
    sheet = strip_periods(found.report.sheet)
    title = strip_periods(found.title)
    parts = [sheet, title] if title else [strip_periods(file_stem), sheet, f"table {index}"]
    return " / ".join(p for p in parts if p) or f"table {index}"


def _domain(counts: Counter) -> str:
    return counts.most_common(1)[0][0] if counts else OTHER


def _counted(observations: Iterable[Observation], counts: Counter) -> Iterator[Observation]:
    for obs in observations:
        if obs.metric_id != "other":
            counts[BY_ID[obs.metric_id].domain] += 1
        yield obs


def _store_file(pack: Pack | None, path: Path, *, sheet, kind, layouts, progress, cancel) -> FileReport:
    """Read one file's tables and, given a pack, store each (the caller holds the transaction)."""
    report = FileReport(file=path.name, sha256=_sha256(path))
    recall = pack.recalled_layout if pack is not None else None
    tables = iter_tables(path, sheet=sheet, kind=kind, overrides=layouts, recall=recall, progress=progress,
                         cancel=cancel, notes=report.warnings)
    for index, found in enumerate(tables, start=1):
        _check_cancel(cancel)
        first = next(iter(found.observations), None)
        if first is None:
            continue
        counts: Counter = Counter()
        observations = _counted(itertools.chain([first], found.observations), counts)
        report.tables.append(found.report)
        if pack is None:
            for _ in observations:
                pass
            continue
        dataset = Dataset(name=found.title or found.report.sheet, source_file=path.name, sha256=report.sha256,
                          sheet=found.report.sheet, cell_range="", kind=found.layout.kind,
                          key=dataset_key(found, path.stem, index), imported_at=now_iso())
        pack.add_dataset(dataset, observations)
        dataset.cell_range, dataset.domain, dataset.period = found.report.cell_range, _domain(counts), found.layout.period
        dataset.layout, dataset.report = found.layout.to_dict(), found.report.to_dict()
        pack.update_dataset(dataset)
        pack.remember_layout(found.shape, found.layout.remembered(), dataset.imported_at)
    if not report.tables:
        raise ImportFailed(f"{path.name}: no table found in the file (nothing that has a header row and figures)")
    return report


def import_files(pack: Pack | None, paths: Iterable[str | Path], *, sheet: str | None = None,
                 kind: str | None = None, dry_run: bool = False, progress: Progress | None = None,
                 cancel: Cancel | None = None, layouts: Sequence[TableLayout] = ()) -> list[FileReport]:
    """Read all ``paths`` and store every table in one transaction (nothing on any error).

    ``layouts`` are corrected layouts from the wizard, as for :func:`read_file`. With ``dry_run``
    (or no pack) the files are read and reported but nothing is written.
    """
    checked = [_checked(p) for p in paths]
    target = None if dry_run else pack
    reports = []

    def run() -> None:
        for i, path in enumerate(checked):
            _check_cancel(cancel)
            if progress:
                progress(i, len(checked), f"Reading {path.name}")
            reports.append(_store_file(target, path, sheet=sheet, kind=kind, layouts=layouts, progress=progress,
                                       cancel=cancel))

    if target is None:
        run()
    else:
        with target.transaction():
            run()
    if progress:
        progress(len(checked), len(checked), "Done")
    return reports
