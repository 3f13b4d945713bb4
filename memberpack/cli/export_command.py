"""``memberpack export PACK -o OUT.json|OUT.pdf [--version public|full] [--include-private]``."""

from __future__ import annotations

from pathlib import Path

from memberpack.analysis.output_version import PUBLIC, VERSIONS
from memberpack.errors import MemberpackError
from memberpack.export.json_export import export_json
from memberpack.cli.passphrase import ask_passphrase
from memberpack.store.pack import Pack


def register(sub) -> None:
    p = sub.add_parser("export", help="export the pack as a briefing PDF or as JSON")
    p.add_argument("pack", help="the .mpack file")
    p.add_argument("-o", "--output", required=True, help="OUT.pdf or OUT.json")
    p.add_argument("--version", choices=VERSIONS, default=PUBLIC, dest="output_version",
                   help="public (the default) leaves exempt information out; full carries it, marked "
                        "NOT FOR PUBLICATION on every page")
    p.add_argument("--include-private", action="store_true", help="include private notes (marked PRIVATE)")
    p.add_argument("--sections", metavar="LIST",
                   help="PDF only: the domains to include, e.g. finance,social_care (default: all)")
    p.set_defaults(run=run)


def run(args) -> int:
    out = Path(args.output)
    suffix = out.suffix.lower()
    if suffix not in (".json", ".pdf"):
        raise MemberpackError(f"{out}: choose an output ending .pdf or .json")
    if args.sections and suffix != ".pdf":
        raise MemberpackError("--sections chooses the sections of a PDF; a JSON export always has every table")
    with Pack.open(args.pack, passphrase=ask_passphrase) as pack:
        if suffix == ".json":
            export_json(pack, out, include_private=args.include_private, version=args.output_version)
        else:
            from memberpack.export.pdf import export_pdf  # noqa: PLC0415 - reportlab only when needed

            sections = args.sections.split(",") if args.sections else None
            export_pdf(pack, out, include_private=args.include_private, sections=sections,
                       version=args.output_version)
    print(f"wrote {out}")
    return 0
