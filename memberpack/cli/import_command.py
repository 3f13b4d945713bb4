"""``memberpack import PACK FILE... [--sheet NAME] [--kind KIND] [--dry-run]``."""

from __future__ import annotations

from pathlib import Path

from memberpack.errors import MemberpackError
from memberpack.importers import import_files
from memberpack.model.observation import LAYOUT_KINDS
from memberpack.store.pack import Pack


def register(sub) -> None:
    p = sub.add_parser("import", help="import workbooks or CSV files into a pack (created if missing)",
                       description="All files are imported in one go: if any cannot be read, nothing is written.")
    p.add_argument("pack", help="the .mpack file")
    p.add_argument("files", nargs="+", metavar="FILE", help=".xlsx, .xlsm, .xls, .ods or .csv")
    p.add_argument("--sheet", help="read only this sheet")
    p.add_argument("--kind", choices=LAYOUT_KINDS, help="layout kind, instead of detecting it")
    p.add_argument("--dry-run", action="store_true", help="show the import report, write nothing")
    p.set_defaults(run=run)


def run(args) -> int:
    path = Path(args.pack)
    if args.dry_run:
        reports = import_files(None, args.files, sheet=args.sheet, kind=args.kind, dry_run=True)
    else:
        existed = path.exists()
        pack = Pack.open(path) if existed else Pack.create(path)
        try:
            reports = import_files(pack, args.files, sheet=args.sheet, kind=args.kind)
        except (MemberpackError, KeyboardInterrupt):
            pack.close()
            if not existed:
                path.unlink(missing_ok=True)
            raise
        pack.close()
    for report in reports:
        print("\n".join(report.lines()))
    if args.dry_run:
        print("dry run: nothing was written")
    return 0
