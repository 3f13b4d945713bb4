"""``memberpack import PACK FILE... [--sheet NAME] [--kind KIND] [--dry-run] [--report FILE.json] [--again]``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from memberpack import settings
from memberpack.analysis.output_version import FULL, OutputVersion
from memberpack.cli.passphrase import ask_passphrase
from memberpack.errors import ImportFailed, one_line
from memberpack.importers.isolation import warm_up
from memberpack.model.observation import LAYOUT_KINDS
from memberpack.store import classification
from memberpack.store.atomic_write import write_bytes
from memberpack.store.classification import PARAGRAPHS


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
    p.add_argument("--again", action="store_true",
                   help="import a file even if the same file (same SHA-256) is already in the pack")
    p.add_argument("--exempt", type=int, choices=sorted(PARAGRAPHS), metavar="N",
                   help="the tables hold exempt information, paragraph N (1-7) of Schedule 12A")
    p.add_argument("--reason", default="", help="with --exempt: why the tables are exempt")
    p.add_argument("--by", help="with --exempt: who classified them (default: the author in settings)")
    p.set_defaults(run=run)


def _progress(done: int, total: int, message: str) -> None:
    """Progress on the terminal only; scripts and tests see just the report."""
    if sys.stderr.isatty():
        print(f"\r{message} ({min(done, total) * 100 // max(total, 1)}%)\033[K", end="", file=sys.stderr, flush=True)


def _waiting(message: str) -> None:
    print(f"memberpack: {message}", file=sys.stderr, flush=True)


def run(args) -> int:
    path = Path(args.pack)
    warm_up(keep=len(args.files) > 1)   # the reader's process loads while this one loads and opens the pack
    from memberpack.importers import import_files  # noqa: PLC0415 - numpy and the readers: after the reader starts
    from memberpack.store.pack import Pack  # noqa: PLC0415

    if args.dry_run:
        reports = import_files(None, args.files, sheet=args.sheet, kind=args.kind, dry_run=True, progress=_progress)
    else:
        Pack.on_wait = _waiting
        # A new pack is made under a hidden name and put in place only once every file is in it:
        # a failure removes only that file, never a pack another command made meanwhile.
        opened = Pack.open(path, passphrase=ask_passphrase) if path.exists() else Pack.creating(path)
        with opened as pack, pack.transaction():  # the tables and their classification together, or neither
            (before,) = pack.db.execute("SELECT COALESCE(MAX(id), 0) FROM dataset").fetchone()
            reports = import_files(pack, args.files, sheet=args.sheet, kind=args.kind, progress=_progress,
                                   again=args.again)
            if args.exempt is not None:
                by = args.by if args.by is not None else str(settings.load().get("author", ""))
                for (key,) in pack.db.execute("SELECT DISTINCT key FROM dataset WHERE id > ?", (before,)).fetchall():
                    classification.classify(pack, classification.DATASET, key, args.exempt, reason=args.reason, by=by)
    if sys.stderr.isatty():
        print("\r\033[K", end="", file=sys.stderr)
    marking = None if args.exempt is None else OutputVersion(FULL, False, (args.exempt,), exempt=True).marking
    if marking:
        print(marking)
    for report in reports:
        print("\n".join(map(one_line, report.lines())))   # a file or sheet name cannot forge a line
    if args.report:
        document = [r.to_dict() for r in reports]
        try:
            write_bytes(args.report, json.dumps({"marking": marking, "files": document} if marking else document,
                                                indent=2, ensure_ascii=False).encode("utf-8"))
        except OSError as exc:
            raise ImportFailed(f"{args.report}: cannot save the report ({exc.strerror or exc})") from None
    if args.dry_run:
        print("dry run: nothing was written")
    return 0
