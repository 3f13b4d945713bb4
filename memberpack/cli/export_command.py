"""``memberpack export PACK -o OUT.pdf|OUT.html|OUT.json``."""

from __future__ import annotations

from pathlib import Path

from memberpack.errors import MemberpackError
from memberpack.export.json_export import export_json
from memberpack.store.pack import Pack


def register(sub) -> None:
    p = sub.add_parser("export", help="export the pack as a briefing PDF, an accessible HTML briefing or JSON")
    p.add_argument("pack", help="the .mpack file")
    p.add_argument("-o", "--output", required=True, help="OUT.pdf, OUT.html or OUT.json")
    p.add_argument("--include-private", action="store_true", help="include private notes")
    p.add_argument("--sections", metavar="LIST",
                   help="PDF and HTML: the domains to include, e.g. finance,social_care (default: all)")
    p.set_defaults(run=run)


def run(args) -> int:
    out = Path(args.output)
    suffix = out.suffix.lower()
    if suffix not in (".json", ".pdf", ".html", ".htm"):
        raise MemberpackError(f"{out}: choose an output ending .pdf, .html or .json")
    if args.sections and suffix == ".json":
        raise MemberpackError("--sections chooses the sections of a briefing; a JSON export always has every table")
    sections = args.sections.split(",") if args.sections else None
    with Pack.open(args.pack) as pack:
        if suffix == ".json":
            export_json(pack, out, include_private=args.include_private)
        elif suffix == ".pdf":
            from memberpack.export.pdf import export_pdf  # noqa: PLC0415 - reportlab only when needed

            export_pdf(pack, out, include_private=args.include_private, sections=sections)
        else:
            from memberpack.export.html_export import export_html  # noqa: PLC0415

            export_html(pack, out, include_private=args.include_private, sections=sections)
    print(f"wrote {out}")
    return 0
