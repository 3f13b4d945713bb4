"""``memberpack check PACK``: arithmetic and consistency checks, one line per finding."""

from __future__ import annotations

from memberpack.analysis.checks import check_pack
from memberpack.store.pack import Pack


def register(sub) -> None:
    p = sub.add_parser("check", help="check that variances, sub totals and totals add up",
                       description="One line per finding; exit status 1 when anything does not add up.")
    p.add_argument("pack", help="the .mpack file")
    p.set_defaults(run=run)


def run(args) -> int:
    with Pack.open(args.pack) as pack:
        findings = check_pack(pack)
        count = len(pack.datasets())
    for finding in findings:
        print(finding.line())
    if not findings:
        print(f"{args.pack}: {count} table(s) checked, everything adds up")
    return 1 if findings else 0
