"""Importing files into a pack: read every table, then write them all in one transaction."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from memberpack.errors import Cancelled, ImportFailed
from memberpack.importers.open_statistics import ObservationStream, read_open_statistics
from memberpack.importers.reader import read_sheets
from memberpack.importers.report import FileReport
from memberpack.importers.tables import FoundTable, find_table
from memberpack.model.annotations import now_iso
from memberpack.model.metrics import BY_ID, OTHER
from memberpack.model.observation import Dataset
from memberpack.store.pack import Pack

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]


@dataclass(slots=True)
class FileResult:
    """The tables read from one file, with the report of how they were read."""

    path: Path
    sha256: str
    tables: list[FoundTable]
    report: FileReport


def _check_cancel(cancel: Cancel | None) -> None:
    if cancel is not None and cancel():
        raise Cancelled()


def read_file(path: str | Path, *, sheet: str | None = None, kind: str | None = None,
              progress: Progress | None = None, cancel: Cancel | None = None) -> FileResult:
    """Read every table of one file without touching any pack."""
    path = Path(path)
    if not path.is_file():
        raise ImportFailed(f"{path}: no such file")
    if (stats := read_open_statistics(path, progress=progress, cancel=cancel)) is not None:
        return FileResult(path, stats.sha256, [stats.table], stats.report)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    report = FileReport(file=path.name, sha256=digest)
    tables: list[FoundTable] = []
    for grid in read_sheets(path, sheet):
        _check_cancel(cancel)
        found = find_table(grid, kind=kind)
        if found is not None and found.observations:
            tables.append(found)
            report.tables.append(found.report)
    if not tables:
        raise ImportFailed(f"{path.name}: no table found in the file")
    return FileResult(path, digest, tables, report)


def domain_of(found: FoundTable) -> str:
    """The domain most of a table's matched figures belong to."""
    if isinstance(found.observations, ObservationStream):
        return found.observations.domain
    counts = Counter(BY_ID[o.metric_id].domain for o in found.observations if o.metric_id != "other")
    return counts.most_common(1)[0][0] if counts else OTHER


def import_files(pack: Pack | None, paths: Iterable[str | Path], *, sheet: str | None = None,
                 kind: str | None = None, dry_run: bool = False, progress: Progress | None = None,
                 cancel: Cancel | None = None) -> list[FileReport]:
    """Read all ``paths``, then store every table in one transaction (nothing on any error)."""
    paths = list(paths)
    results = []
    for i, path in enumerate(paths):
        _check_cancel(cancel)
        if progress:
            progress(i, len(paths), f"Reading {Path(path).name}")
        results.append(read_file(path, sheet=sheet, kind=kind, progress=progress, cancel=cancel))
    if dry_run or pack is None:
        for found in (found for result in results for found in result.tables):
            for _ in found.observations:  # a streamed table counts its rows as it is read
                pass
    else:
        with pack.transaction():
            for result in results:
                for found in result.tables:
                    _check_cancel(cancel)
                    dataset = Dataset(
                        name=found.title, source_file=result.path.name, sha256=result.sha256,
                        sheet=found.report.sheet, cell_range=found.report.cell_range, kind=found.report.kind,
                        domain=domain_of(found), key=f"{found.report.sheet}/{found.title}",
                        imported_at=now_iso(), report={"table": found.report.title})
                    pack.add_dataset(dataset, found.observations)
    if progress:
        progress(len(paths), len(paths), "Done")
    return [r.report for r in results]
