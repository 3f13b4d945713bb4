"""``memberpack demo OUT.mpack``: build the demo pack from the bundled sample workbooks."""

from __future__ import annotations

from memberpack.demo import build_demo


def register(sub) -> None:
    p = sub.add_parser("demo", help="build the demo pack from the bundled sample workbooks")
    p.add_argument("output", help="the .mpack file to create")
    p.set_defaults(run=run)


def run(args) -> int:
    path = build_demo(args.output)
    print(f"wrote {path}")
    return 0
