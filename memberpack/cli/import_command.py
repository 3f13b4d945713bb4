"""``memberpack import PACK FILE... [--sheet NAME] [--kind KIND] [--dry-run] [--report FILE.json] [--again]``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from memberpack.errors import ImportFailed, one_line
from memberpack.importers import import_files
from memberpack.importers.isolation import warm_up
from memberpack.model.observation import LAYOUT_KINDS
from memberpack.store.pack import Pack


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
    p.set_defaults(run=run)


def _progress(done: int, total: int, message: str) -> None:
    """Progress on the terminal only; scripts and tests see just the report."""
    if sys.stderr.isatty():
        print(f"\r{message} ({min(done, total) * 100 // max(total, 1)}%)\033[K", end="", file=sys.stderr, flush=True)


def _waiting(message: str) -> None:
    print(f"memberpack: {message}", file=sys.stderr, flush=True)


def run(args) -> int:
    path = Path(args.pack)
    warm_up(keep=len(args.files) > 1)   # the reader's process loads while the pack is opened
    if args.dry_run:
        reports = import_files(None, args.files, sheet=args.sheet, kind=args.kind, dry_run=True, progress=_progress)
    else:
        Pack.on_wait = _waiting
        # A new pack is made under a hidden name and put in place only once every file is in it:
        # a failure removes only that file, never a pack another command made meanwhile.
        with Pack.open(path) if path.exists() else Pack.creating(path) as pack:
            reports = import_files(pack, args.files, sheet=args.sheet, kind=args.kind, progress=_progress,
                                   again=args.again)
    if sys.stderr.isatty():
        print("\r\033[K", end="", file=sys.stderr)
    for report in reports:
        print("\n".join(map(one_line, report.lines())))   # a file or sheet name cannot forge a line
    if args.report:
        try:
            Path(args.report).write_text(json.dumps([r.to_dict() for r in reports], indent=2, ensure_ascii=False),
                                         encoding="utf-8")
        except OSError as exc:
            raise ImportFailed(f"{args.report}: cannot save the report ({exc.strerror or exc})") from None
    if args.dry_run:
        print("dry run: nothing was written")
    return 0
