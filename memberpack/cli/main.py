"""Parsing the command line and turning errors into one line and an exit status.

Exit status: 0 done, 1 a file could not be imported or a check failed (nothing written),
2 wrong usage. Each command lives in its own module with a ``register(subparsers)`` function.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys

from memberpack import __version__
from memberpack.cli import check_command, export_command, gui_command, import_command, pack_commands
from memberpack.cli import classify_command, compare_commands, details_command, notes_command, protect_command
from memberpack.cli.terminal_text import EscapingWriter, escaped
from memberpack.errors import Cancelled, MemberpackError

COMMAND_MODULES = (gui_command, pack_commands, import_command, export_command, check_command,
                   notes_command, compare_commands, details_command, classify_command, protect_command)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="memberpack",
        description="Council briefing packs: import officers' spreadsheets, read and annotate them, "
                    "export the briefing PDF. With no command, opens the app on the last pack or the demo pack.")
    parser.add_argument("--version", action="version", version=f"memberpack {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) == 1 and argv[0].lower().endswith(".mpack"):
        argv = ["gui", argv[0]]  # a pack opened from the file manager or an email attachment
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["gui"])
    stdout, sys.stdout = sys.stdout, EscapingWriter(sys.stdout)  # text from packs, printed safely
    try:
        return int(args.run(args) or 0)
    except Cancelled as exc:
        print(f"memberpack: {escaped(str(exc), one_line=True)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("memberpack: cancelled; nothing was changed.", file=sys.stderr)
        return 1
    except MemberpackError as exc:
        print(f"memberpack: {escaped(str(exc), one_line=True)}", file=sys.stderr)
        return 1
    except sqlite3.DatabaseError as exc:  # damage found past the checks on opening (a large pack is not quick-checked)
        where = getattr(args, "pack", None) or "the pack"
        print(f"memberpack: {escaped(str(where), one_line=True)}: the pack is damaged ({escaped(str(exc), one_line=True)}); "
              "nothing was written; `memberpack check --integrity` lists the damage", file=sys.stderr)
        return 1
    finally:
        sys.stdout.flush()
        sys.stdout = stdout


def run() -> None:
    sys.exit(main())
