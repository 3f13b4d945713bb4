"""``memberpack import PACK FILE... [--sheet NAME] [--kind KIND] [--dry-run] [--report FILE.json] [--again]``.

A table read with a doubt (verdict *unsure*) stops the import, naming the table and the doubt,
unless the officer confirms it (``--accept-unsure``) or corrects it (``--header-rows``,
``--label-column``, ``--key-columns``, ``--unit``; each applies to every table imported, so use
``--sheet`` to aim them). ``--fractions`` says the percentages the import doubts as fractions are
fractions, in every table where it doubts them (and fails the import where it doubts none)."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from memberpack import settings
from memberpack.cli.passphrase import ask_passphrase
from memberpack.cli.terminal_text import clear_progress, progress_line
from memberpack.errors import ImportFailed, one_line
from memberpack.importers.isolation import warm_up
from memberpack.model.observation import LAYOUT_KINDS
from memberpack.model.schedule_12a import PARAGRAPHS


def register(sub) -> None:
    p = sub.add_parser("import", help="import workbooks or CSV files into a pack (created if missing)",
                       description="All files are imported in one go: if any cannot be read, nothing is written. "
                                   "Ctrl+C cancels and leaves the pack as it was.")
    p.add_argument("pack", help="the .mpack file")
    p.add_argument("files", nargs="+", metavar="FILE", help=".xlsx, .xlsm, .xls, .ods or .csv")
    p.add_argument("--sheet", help="read only this sheet")
    p.add_argument("--kind", choices=LAYOUT_KINDS, help="layout kind, instead of detecting it")
    p.add_argument("--dry-run", action="store_true", help="show the import report, write nothing")
    p.add_argument("--report", metavar="FILE.json", help="also save the import report as JSON")
    p.add_argument("--accept-unsure", action="store_true", help="import tables read with a doubt as they were read")
    p.add_argument("--header-rows", type=_rows, metavar="ROWS", help="the header row numbers, e.g. 3,4")
    p.add_argument("--label-column", type=_column, metavar="COL", help="the column of row labels, e.g. B")
    p.add_argument("--key-columns", type=_columns, metavar="COLS",
                   help="the columns that identify a row besides the label, e.g. A,C (none: '')")
    p.add_argument("--unit", type=_unit, metavar="UNIT", help="the unit of the figures, e.g. £k, £m, %%")
    p.add_argument("--fractions", action="store_true",
                   help="the percentages the import doubts (all between 0 and 1, none shown with a %%) are "
                        "fractions: read 0.34 as 34%%")
    p.add_argument("--again", action="store_true",
                   help="import a file even if the same file (same SHA-256) is already in the pack")
    p.add_argument("--exempt", type=int, choices=sorted(PARAGRAPHS), metavar="N",
                   help="the tables hold exempt information, paragraph N (1-7) of Schedule 12A")
    p.add_argument("--reason", default="", help="with --exempt: why the tables are exempt")
    p.add_argument("--by", help="with --exempt: who classified them (default: the author in settings)")
    p.set_defaults(run=run)


def _rows(text: str) -> tuple[int, ...]:
    try:
        rows = tuple(int(part) for part in text.replace(" ", "").split(",") if part)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a list of row numbers such as 3,4") from None
    if not rows or min(rows) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a list of row numbers such as 3,4")
    return tuple(sorted(set(rows)))


def _column(text: str) -> str:
    if not re.fullmatch(r"[A-Za-z]{1,3}", text.strip()):
        raise argparse.ArgumentTypeError(f"{text!r} is not a column letter such as B")
    return text.strip().upper()


def _columns(text: str) -> tuple[str, ...]:
    return tuple(_column(part) for part in text.replace(" ", "").split(",") if part)


def _unit(text: str) -> str:
    from memberpack.model.units import find_unit  # noqa: PLC0415 - the command's process starts the reader first

    if find_unit(text) is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a unit memberpack knows (£, £k, £m, %, per 10,000, days, weeks)")
    return text


def _waiting(message: str) -> None:
    print(f"memberpack: {message}", file=sys.stderr, flush=True)


def run(args) -> int:
    path = Path(args.pack)
    if args.report:
        from memberpack.store.atomic_write import replaces  # noqa: PLC0415

        for named in (path, *args.files):   # the report written in place of the pack, or of a workbook read
            if replaces(args.report, named):
                raise ImportFailed(f"{args.report}: that is {'the pack' if named is path else 'a file being imported'}; "
                                   "choose another name for the report; nothing was imported")
    # the reader's process loads, and starts on the first file, while this one loads and opens the pack;
    # each file's reader starts on its file while the one before is read
    warm_up(early=[("memberpack.importers.reader", "prefetch", (file, args.sheet)) for file in args.files])
    from memberpack.importers import import_files  # noqa: PLC0415 - numpy and the readers: after the reader starts
    from memberpack.importers.table_layout import Corrections  # noqa: PLC0415
    from memberpack.store import classification  # noqa: PLC0415
    from memberpack.store.atomic_write import write_bytes  # noqa: PLC0415
    from memberpack.store.pack import Pack, remove_stale_scratch  # noqa: PLC0415

    corrections = Corrections(args.header_rows or (), args.label_column, args.key_columns, args.unit,
                              fractions=args.fractions)
    options = dict(sheet=args.sheet, kind=args.kind, progress=progress_line, corrections=corrections,
                   accept_unsure=args.accept_unsure, again=args.again)
    if args.dry_run and path.exists():   # the pack is only read: to say which files are in it already
        with Pack.open(path, passphrase=ask_passphrase) as pack:
            reports = import_files(pack, args.files, dry_run=True, **options)
    elif args.dry_run:
        reports = import_files(None, args.files, dry_run=True, **options)
    else:
        Pack.on_wait = _waiting
        # A new pack is made under a hidden name and put in place only once every file is in it:
        # a failure removes only that file, never a pack another command made meanwhile.
        remove_stale_scratch(path)   # what an import killed while creating this pack left behind
        opened = Pack.open(path, passphrase=ask_passphrase) if path.exists() else Pack.creating(path)
        with opened as pack, pack.transaction():  # the tables and their classification together, or neither
            before = classification.last_dataset_id(pack)
            reports = import_files(pack, args.files, **options)
            if args.exempt is not None:
                by = args.by if args.by is not None else str(settings.load().get("author", ""))
                classification.classify_tables_after(pack, before, args.exempt, reason=args.reason, by=by)
    clear_progress()
    marking = None
    if args.exempt is not None:
        from memberpack.analysis.output_version import FULL, OutputVersion  # noqa: PLC0415 - only to mark exempt tables

        marking = OutputVersion(FULL, False, (args.exempt,), exempt=True).marking
    if marking:
        print(marking)
    for report in reports:
        print("\n".join(map(one_line, report.lines())))   # a file or sheet name cannot forge a line
    if args.report:
        document = [r.to_dict() for r in reports]
        try:
            write_bytes(args.report, json.dumps({"marking": marking, "files": document} if marking else document,
                                                indent=2, ensure_ascii=False).encode("utf-8"))
        except OSError as exc:   # (after the import: it is in the pack, and a second one would be refused)
            done = "" if args.dry_run else \
                f"; {', '.join(Path(f).name for f in args.files)} {'was' if len(args.files) == 1 else 'were'} imported"
            raise ImportFailed(f"{args.report}: cannot save the report ({exc.strerror or exc}){done}") from None
    if args.dry_run:
        print("dry run: nothing was written")
    return 0
