"""``memberpack gui [PACK]`` (the default with no command) and ``memberpack screenshot PACK OUTDIR``."""

from __future__ import annotations

import os


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
    p.set_defaults(run=run_screenshot)


def run(args) -> int:
    from memberpack.gui.app import run_app  # noqa: PLC0415 - Qt loads only for the GUI

    return run_app(args.pack, smoke=args.smoke)


def run_screenshot(args) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from memberpack.gui.app import save_screenshots  # noqa: PLC0415 - Qt loads only for the GUI

    from memberpack.cli.passphrase import ask_passphrase  # noqa: PLC0415

    for path in save_screenshots(args.pack, args.outdir, version=args.output_version,
                                 include_private=args.include_private, passphrase=ask_passphrase):
        print(f"wrote {path}")
    return 0
