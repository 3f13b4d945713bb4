"""``memberpack check PACK``: arithmetic and consistency checks, one line per finding."""

from __future__ import annotations

from memberpack.analysis.checks import check_pack
from memberpack.analysis.output_version import PUBLIC, VERSIONS, output_pack
from memberpack.cli.passphrase import ask_passphrase
from memberpack.store.pack import Pack


def register(sub) -> None:
    p = sub.add_parser("check", help="check that variances, sub totals and totals add up",
                       description="One line per finding; exit status 1 when anything does not add up.")
    p.add_argument("pack", help="the .mpack file")
    p.add_argument("--version", choices=VERSIONS, default=PUBLIC, dest="output_version",
                   help="public (the default) says nothing of exempt tables; full checks them too")
    p.add_argument("--integrity", action="store_true",
                   help="also run SQLite's full integrity check of the file (slow on a large pack)")
    p.set_defaults(run=run)


def run(args) -> int:
    with Pack.open(args.pack, passphrase=ask_passphrase) as pack:
        damage = pack.integrity_problems() if args.integrity else []
        with output_pack(pack, args.output_version) as (view, ov):
            findings = check_pack(view)
            count = len(view.datasets())
    if ov.marking != "PUBLIC":
        print(f"{args.pack}: {ov.marking}")
    for withheld in ov.withheld:
        print(f"{args.pack}: {withheld.text}")
    for problem in damage:
        print(f"{args.pack}: integrity: {problem}")
    if args.integrity and not damage:
        print(f"{args.pack}: integrity check: ok")
    for finding in findings:
        print(finding.line())
    if not findings:
        print(f"{args.pack}: {count} table(s) checked, everything adds up to within the figures' rounding")
    return 1 if findings or damage else 0
