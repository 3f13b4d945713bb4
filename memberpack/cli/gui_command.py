"""``memberpack gui [PACK]`` (the default with no command) and ``memberpack screenshot PACK OUTDIR``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from memberpack.errors import MemberpackError


def register(sub) -> None:
    p = sub.add_parser("gui", help="open the app on PACK, or on the last pack or the demo pack")
    p.add_argument("pack", nargs="?", help="the .mpack file")
    p.add_argument("--smoke", action="store_true", help="open, wait for the first paint, print the time, exit")
    p.set_defaults(run=run)
    p = sub.add_parser("screenshot", help="save a PNG of every tab of the app on PACK (works without a display)")
    p.add_argument("pack", help="the .mpack file")
    p.add_argument("outdir", help="folder for the PNG files (created if missing)")
    p.add_argument("--version", choices=("public", "full"), default="public", dest="output_version",
                   help="public (the default) shows no exempt tables or notes; full shows them")
    p.add_argument("--include-private", action="store_true", help="show private notes in the notes panel")
    p.add_argument("--size", default="1280x800", help="window size, WIDTHxHEIGHT (default 1280x800)")
    p.add_argument("--dark", action="store_true", help="in a dark desktop palette")
    p.add_argument("--prefix", default="", help="start every file name with this, e.g. dark_")
    p.set_defaults(run=run_screenshot)


def run(args) -> int:
    if not has_display():   # else a missing pack is said in a dialog too
        if args.pack and not Path(args.pack).is_file():
            raise MemberpackError(f"{args.pack}: no such pack file")
        raise MemberpackError("no display to open the app on (neither DISPLAY nor WAYLAND_DISPLAY is set); "
                              "the commands work without one: memberpack --help")
    from memberpack.gui.app import run_app  # noqa: PLC0415 - Qt loads only for the GUI

    return run_app(args.pack, smoke=args.smoke)


def has_display() -> bool:
    """False on Linux and BSD with no X or Wayland display and no Qt platform chosen, where Qt
    would abort the process with several lines of its own instead of one."""
    if sys.platform.startswith(("win", "darwin")) or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_screenshot(args) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from memberpack.gui.app import save_screenshots  # noqa: PLC0415 - Qt loads only for the GUI

    from memberpack.cli.passphrase import ask_passphrase  # noqa: PLC0415

    try:
        size = tuple(int(n) for n in args.size.lower().split("x"))
    except ValueError:
        size = ()
    if len(size) != 2 or min(size) < 300:
        raise SystemExit(f"memberpack screenshot: --size {args.size}: give WIDTHxHEIGHT, e.g. 1366x768")
    for path in save_screenshots(args.pack, args.outdir, size=size, dark=args.dark, prefix=args.prefix,
                                 version=args.output_version, include_private=args.include_private,
                                 passphrase=ask_passphrase):
        print(f"wrote {path}")
    return 0
