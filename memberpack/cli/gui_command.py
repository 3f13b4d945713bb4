"""``memberpack gui [PACK]``: open the desktop app (the default with no command)."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("gui", help="open the app on PACK, or on the last pack or the demo pack")
    p.add_argument("pack", nargs="?", help="the .mpack file")
    p.add_argument("--smoke", action="store_true", help="open, wait for the first paint, print the time, exit")
    p.set_defaults(run=run)


def run(args) -> int:
    from memberpack.gui.app import run_app  # noqa: PLC0415 - Qt loads only for the GUI

    return run_app(args.pack, smoke=args.smoke)
