"""``memberpack export PACK -o OUT.pdf|OUT.html|OUT.json [--version public|full] [--include-private]``."""

from __future__ import annotations

from memberpack.analysis.output_version import PUBLIC, VERSIONS
from memberpack.cli.passphrase import ask_passphrase
from memberpack.export.outputs import export_to, output_suffix
from memberpack.store.pack import Pack


def register(sub) -> None:
    p = sub.add_parser("export", help="export the pack as a briefing PDF, an accessible HTML briefing or JSON")
    p.add_argument("pack", help="the .mpack file")
    p.add_argument("-o", "--output", required=True, help="OUT.pdf, OUT.html or OUT.json")
    p.add_argument("--version", choices=VERSIONS, default=PUBLIC, dest="output_version",
                   help="public (the default) leaves exempt information out; full carries it, marked "
                        "NOT FOR PUBLICATION on every page")
    p.add_argument("--include-private", action="store_true", help="include private notes (marked PRIVATE)")
    p.add_argument("--sections", metavar="LIST",
                   help="PDF and HTML: the domains to include, e.g. finance,social_care (default: all)")
    p.set_defaults(run=run)


def run(args) -> int:
    output_suffix(args.output)  # a wrong suffix is refused before the pack is opened
    sections = args.sections.split(",") if args.sections else None
    with Pack.open(args.pack, passphrase=ask_passphrase) as pack:
        export_to(pack, args.output, include_private=args.include_private, sections=sections,
                  version=args.output_version)
    print(f"wrote {args.output}")
    return 0
