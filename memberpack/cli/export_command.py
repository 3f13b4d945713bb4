"""``memberpack export PACK -o OUT.pdf|OUT.html|OUT.json [--version public|full] [--include-private]``.

An output name or sections memberpack cannot write are wrong usage (exit status 2), told before the
pack is opened."""

from __future__ import annotations

import argparse

from memberpack.analysis.output_version import PUBLIC, VERSIONS
from memberpack.cli.passphrase import ask_passphrase
from memberpack.cli.terminal_text import clear_progress, progress_line
from memberpack.errors import MemberpackError
from memberpack.export.outputs import export_to, output_suffix
from memberpack.store.pack import Pack


def register(sub) -> None:
    p = sub.add_parser("export", help="export the pack as a briefing PDF, an accessible HTML briefing or JSON")
    p.add_argument("pack", help="the .mpack file")
    p.add_argument("-o", "--output", required=True, type=_output, help="OUT.pdf, OUT.html or OUT.json")
    p.add_argument("--version", choices=VERSIONS, default=PUBLIC, dest="output_version",
                   help="public (the default) leaves exempt information out; full carries it, marked "
                        "NOT FOR PUBLICATION on every page")
    p.add_argument("--include-private", action="store_true", help="include private notes (marked PRIVATE)")
    p.add_argument("--sections", metavar="LIST", type=_sections,
                   help="PDF and HTML: the domains to include, e.g. finance,social_care (default: all)")
    p.set_defaults(run=run, usage=p.error)


def _output(text: str) -> str:
    try:
        output_suffix(text)
    except MemberpackError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def _sections(text: str) -> list[str]:
    from memberpack.export.briefing import section_names  # noqa: PLC0415 - only when sections are named

    try:
        section_names(text.split(","))
    except MemberpackError as exc:
        raise argparse.ArgumentTypeError(str(exc).removeprefix("--sections: ")) from None
    return text.split(",")


def run(args) -> int:
    sections = args.sections
    if sections is not None and output_suffix(args.output) == ".json":
        args.usage("--sections chooses the sections of a briefing; a JSON export always has every table")
    with Pack.open(args.pack, passphrase=ask_passphrase) as pack:
        try:
            export_to(pack, args.output, include_private=args.include_private, sections=sections,
                      version=args.output_version, progress=progress_line)
        finally:
            clear_progress()
    print(f"wrote {args.output}")
    return 0
